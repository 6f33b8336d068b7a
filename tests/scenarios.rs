//! Runs every scenario of the corpus twice and compares the transcript with the expected one.

use std::path::Path;

use kubeplay_kubectl::scenario::Scenario;
use kubeplay_tests::scenario_files;

#[test]
fn scenario_corpus_matches_expected_transcripts() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let files = scenario_files(&root);
    assert!(!files.is_empty(), "no scenarios under {}", root.display());
    let update = std::env::var("UPDATE_EXPECT").is_ok_and(|v| v == "1");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let scenario = match Scenario::parse(&text) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{}:{}:{}: {}", file.display(), e.line, e.column, e.message));
                continue;
            }
        };
        let first = scenario.run();
        let second = scenario.run();
        if first != second {
            failures.push(format!("{}: two runs with the same seed differ", file.display()));
        }
        let expected_path = file.with_extension("transcript");
        match std::fs::read_to_string(&expected_path) {
            Ok(expected) if !update => {
                if expected != first {
                    failures.push(format!(
                        "{}: transcript differs (UPDATE_EXPECT=1 rewrites it)\n{}",
                        file.display(),
                        first_difference(&expected, &first)
                    ));
                }
            }
            _ => std::fs::write(&expected_path, &first).unwrap(),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    println!("{} scenarios passed", files.len());
}

fn first_difference(expected: &str, actual: &str) -> String {
    for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
        if e != a {
            return format!("line {}:\n  expected: {e}\n  actual:   {a}", i + 1);
        }
    }
    format!("lengths differ: expected {} lines, got {}", expected.lines().count(), actual.lines().count())
}
