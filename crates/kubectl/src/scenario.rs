//! The scenario file of the CLI contract (name, description, seed, cluster, files, steps) and its
//! transcript: each step as `$ line` followed by exactly what it printed.

use std::collections::BTreeMap;

use kubeplay_engine::cluster::ClusterSpec;
use serde::Deserialize;

use crate::session::Session;

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub seed: Option<u64>,
    /// Simulated time between steps (a Go duration); 1s when absent.
    #[serde(default)]
    pub think: Option<String>,
    #[serde(default)]
    pub cluster: Option<ClusterSpec>,
    #[serde(default)]
    pub files: BTreeMap<String, String>,
    #[serde(default)]
    pub steps: Vec<String>,
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
        let s: Scenario = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((1, 1));
            let msg = e.to_string();
            // serde_yaml appends " at line L column C"; the caller prints the location itself.
            let msg = match msg.find(" at line ") {
                Some(i) => msg[..i].to_string(),
                None => msg,
            };
            ScenarioError { line, column, message: msg }
        })?;
        if let Some(c) = &s.cluster {
            c.check().map_err(|m| ScenarioError { line: locate_key(text, "cluster"), column: 1, message: m })?;
        }
        Ok(s)
    }

    pub fn seed(&self) -> u64 {
        self.seed.unwrap_or(1)
    }

    /// TEMP
    pub fn to_yaml(&self) -> String { String::new() }

    /// The think time between steps, in milliseconds.
    pub fn think_ms(&self) -> u64 {
        self.think.as_deref().and_then(|t| kubeplay_engine::time::parse_duration(t).ok()).unwrap_or(1000)
    }

    pub fn session(&self) -> Session {
        let mut s = Session::new(&self.cluster.clone().unwrap_or_default(), self.seed());
        s.files = self.files.clone();
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

fn locate_key(text: &str, key: &str) -> usize {
    text.lines().position(|l| l.starts_with(&format!("{key}:"))).map(|i| i + 1).unwrap_or(1)
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
}
