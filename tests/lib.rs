//! Integration tests for kubeplay: the scenario corpus under `scenarios/` with expected transcripts
//! beside each scenario (`NAME.yaml` → `NAME.transcript`), and the determinism checks.
//!
//! A missing transcript is written; `UPDATE_EXPECT=1` rewrites all of them.

use std::path::{Path, PathBuf};

/// Every scenario file under `dir`, sorted.
pub fn scenario_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
