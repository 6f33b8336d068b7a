//! `kubeplay run FILE` end to end: the scenario's `think` sets the pause between steps, and a bad one is
//! reported with the file, line and column and exit status 2, as the contract says.

use std::path::PathBuf;
use std::process::Command;

/// Writes a scenario to a file of its own under the system's temporary directory.
fn scenario_file(name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("kubeplay-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn run(path: &PathBuf) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_kubeplay")).arg("run").arg(path).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn run_honours_think() {
    let steps = "steps:\n  - kubectl create namespace a\n  - sleep 3\n  - kubectl get namespace a\n";
    let (code, zero, _) = run(&scenario_file("think-zero.yaml", &format!("think: 0s\n{steps}")));
    assert_eq!(code, 0);
    assert!(zero.ends_with("a      Active   3s\n"), "{zero}");
    let (_, default, _) = run(&scenario_file("think-default.yaml", steps));
    assert!(default.ends_with("a      Active   5s\n"), "{default}");
}

#[test]
fn bad_think_is_a_located_error() {
    let path = scenario_file("think-bad.yaml", "name: x\nthink: later\n");
    let (code, stdout, stderr) = run(&path);
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_eq!(stderr, format!("error: {}:2:1: think: time: invalid duration \"later\"\n", path.display()));
}
