//! Project automation: `cargo xtask ci` runs every check (what `scripts/test.sh` runs), `cargo xtask bless`
//! rewrites the expected scenario transcripts after an intended change.

use std::process::{Command, ExitCode};

fn run(cmd: &mut Command) -> bool {
    eprintln!("$ {cmd:?}");
    cmd.status().map(|s| s.success()).unwrap_or(false)
}

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let ok = match task.as_str() {
        "ci" => run(Command::new("bash").arg("scripts/test.sh")),
        "bless" => run(Command::new("cargo")
            .args(["test", "-p", "kubeplay-tests", "--test", "scenarios"])
            .env("UPDATE_EXPECT", "1")),
        _ => {
            eprintln!("usage: cargo xtask ci|bless");
            false
        }
    };
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
