//! Repository checks run with `cargo test`: every scenario is also run in wasm, and every source file
//! starts with a `//!` line saying what it is for.

use std::path::Path;

use kubeplay_tests::scenario_files;

#[test]
fn every_scenario_runs_in_wasm_too() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listing = std::fs::read_to_string(root.join("../crates/kubectl/tests/wasm_scenarios.rs")).unwrap();
    for f in scenario_files(&root.join("scenarios")) {
        let rel = f.strip_prefix(root.join("scenarios")).unwrap().with_extension("");
        let rel = rel.to_string_lossy().replace('\\', "/");
        assert!(
            listing.contains(&format!("\"{rel}\"")),
            "scenario {rel} is missing from crates/kubectl/tests/wasm_scenarios.rs"
        );
    }
}

#[test]
fn rust_files_start_with_a_doc_line() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut stack = vec![root.join("crates"), root.join("tests"), root.join("xtask")];
    let mut missing = Vec::new();
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "target" && n != "fixtures") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap_or_default();
                if !text.starts_with("//!") && !text.starts_with("#![") {
                    missing.push(p.display().to_string());
                }
            }
        }
    }
    assert!(missing.is_empty(), "files without a leading //! line: {missing:?}");
}
