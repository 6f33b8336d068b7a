//! The scenario file of the CLI contract (name, description, seed, think, cluster, files, steps) and its
//! transcript: each step as `$ line` followed by exactly what it printed.

use std::collections::BTreeMap;

use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::time::parse_duration;
use serde::Deserialize;

use crate::session::Session;

/// The contract's pause between command lines when a scenario names none: a person's typing time.
pub const DEFAULT_THINK_MS: u64 = 1000;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scenario {
    pub name: Option<String>,
    pub description: Option<String>,
    pub seed: Option<u64>,
    /// The simulated time between steps (`think: 0s`), in milliseconds; [`DEFAULT_THINK_MS`] when absent.
    /// A recording made in the browser, where the clock is the user's, says `0s` and keeps the time that
    /// passed as `sleep` steps.
    pub think_ms: Option<u64>,
    pub cluster: Option<ClusterSpec>,
    pub files: BTreeMap<String, String>,
    pub steps: Vec<String>,
}

/// The document as written; `think` is checked after parsing so its error can name the key's line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioText {
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    seed: Option<u64>,
    #[serde(default)]
    think: Option<serde_yaml::Value>,
    #[serde(default)]
    cluster: Option<ClusterSpec>,
    #[serde(default)]
    files: BTreeMap<String, String>,
    #[serde(default)]
    steps: Vec<String>,
}

/// A scenario file that cannot be used, with where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Scenario {
    pub fn parse(text: &str) -> Result<Scenario, ScenarioError> {
        let raw: ScenarioText = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
            let msg = e.to_string();
            // serde_yaml appends " at line L column C"; the caller prints the location itself.
            let msg = match msg.find(" at line ") {
                Some(i) => msg[..i].to_string(),
                None => msg,
            };
            ScenarioError { line, column, message: msg }
        })?;
        if let Some(c) = &raw.cluster {
            c.check().map_err(|m| {
                let (line, column) = locate_key(text, "cluster");
                ScenarioError { line, column, message: m }
            })?;
        }
        let think_ms = match &raw.think {
            None => None,
            Some(v) => Some(think_duration(v).map_err(|m| {
                let (line, column) = locate_key(text, "think");
                ScenarioError { line, column, message: format!("think: {m}") }
            })?),
        };
        Ok(Scenario {
            name: raw.name,
            description: raw.description,
            seed: raw.seed,
            think_ms,
            cluster: raw.cluster,
            files: raw.files,
            steps: raw.steps,
        })
    }

    pub fn seed(&self) -> u64 {
        self.seed.unwrap_or(1)
    }

    pub fn think_ms(&self) -> u64 {
        self.think_ms.unwrap_or(DEFAULT_THINK_MS)
    }

    pub fn session(&self) -> Session {
        let mut s = Session::new(&self.cluster.clone().unwrap_or_default(), self.seed());
        s.files = self.files.clone();
        s.think_ms = self.think_ms();
        s
    }

    /// Runs every step and returns the transcript.
    pub fn run(&self) -> String {
        let mut session = self.session();
        let mut out = String::new();
        for step in &self.steps {
            out.push_str(&transcript_entry(&mut session, step));
        }
        out
    }
}

/// `think:` as a Go duration (`500ms`, `1m30s`) or a bare number of seconds, as `sleep` reads it.
fn think_duration(v: &serde_yaml::Value) -> Result<u64, String> {
    let text = match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        _ => return Err("expected a duration such as 0s, 500ms or 1s".to_string()),
    };
    parse_duration(&text)
}

/// Runs one line and renders it as the transcript shows it.
pub fn transcript_entry(session: &mut Session, line: &str) -> String {
    let o = session.run_line(line);
    let mut s = format!("$ {line}\n");
    s.push_str(&o.text);
    if !o.text.is_empty() && !o.text.ends_with('\n') {
        s.push('\n');
    }
    s
}

/// The line and column of a top-level key (block style puts it at column 1).
fn locate_key(text: &str, key: &str) -> (usize, usize) {
    let line = text.lines().position(|l| l.starts_with(&format!("{key}:"))).map(|i| i + 1).unwrap_or(1);
    (line, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_top_level_keys_are_located() {
        let e = Scenario::parse("name: x\nstep:\n  - kubectl get pods\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown field `step`"), "{}", e.message);
    }

    #[test]
    fn think_sets_the_pause_between_steps() {
        let s = Scenario::parse("think: 0s\nsteps: [sleep 2, kubectl get pods]\n").unwrap();
        assert_eq!(s.think_ms, Some(0));
        let mut session = s.session();
        assert_eq!(session.think_ms, 0);
        session.run_line("sleep 2");
        assert_eq!(session.now().millis(), 2000);
        for (text, ms) in [("think: 500ms", 500), ("think: 1m30s", 90_000), ("think: 2", 2000), ("think: 0.25", 250)] {
            assert_eq!(Scenario::parse(text).unwrap().think_ms, Some(ms), "{text}");
        }
        assert_eq!(Scenario::parse("name: x\n").unwrap().session().think_ms, DEFAULT_THINK_MS);
    }

    #[test]
    fn bad_think_durations_are_located() {
        let e = Scenario::parse("name: x\nseed: 3\nthink: soon\nsteps: []\n").unwrap_err();
        assert_eq!((e.line, e.column), (3, 1));
        assert_eq!(e.message, "think: time: invalid duration \"soon\"");
        let e = Scenario::parse("think: [1s]\n").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (1, 1, "think: expected a duration such as 0s, 500ms or 1s")
        );
        let e = Scenario::parse("think: 5x\n").unwrap_err();
        assert_eq!(e.message, "think: time: unknown unit \"x\" in duration \"5x\"");
    }
}
