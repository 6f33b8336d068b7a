//! A kubectl session on a simulated cluster: the command language of the CLI contract (`kubectl …`,
//! `sleep`, shell variables and `$(…)`), the files `-f` reads, and the think time between lines.

use std::collections::BTreeMap;

use kubeplay_engine::SimTime;
use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::engine::Engine;
use kubeplay_engine::time::parse_duration;

use crate::words;

/// What one command line printed, stdout and stderr interleaved as a terminal shows them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Output {
    pub text: String,
    /// Whether the command failed (a non-zero exit status in a shell).
    pub failed: bool,
}

impl Output {
    pub fn ok(text: impl Into<String>) -> Output {
        Output { text: text.into(), failed: false }
    }

    pub fn err(text: impl Into<String>) -> Output {
        Output { text: text.into(), failed: true }
    }

    pub fn push_line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }
}

/// One user's shell on one simulated cluster.
#[derive(Clone, Debug)]
pub struct Session {
    pub engine: Engine,
    /// Files `kubectl -f` can read, by name (the scenario's `files:` or the editor's tabs).
    pub files: BTreeMap<String, String>,
    pub vars: BTreeMap<String, String>,
    /// Simulated time between command lines, in milliseconds.
    pub think_ms: u64,
    /// Reads a file that is not among `files` (the native CLI reads the working directory).
    pub read_file: Option<fn(&str) -> Option<String>>,
    /// `--dry-run` of the kubectl command being run: writes are computed but not stored.
    pub(crate) dry_run: crate::cli::DryRun,
    /// The object the current command wrote (or would have, in a dry run).
    pub(crate) last_written: Option<std::sync::Arc<kubeplay_engine::Object>>,
}

impl Session {
    pub fn new(spec: &ClusterSpec, seed: u64) -> Session {
        Session {
            engine: Engine::new(spec, seed),
            files: BTreeMap::new(),
            vars: BTreeMap::new(),
            think_ms: 1000,
            read_file: None,
            dry_run: crate::cli::DryRun::None,
            last_written: None,
        }
    }

    pub fn now(&self) -> SimTime {
        self.engine.now()
    }

    /// Runs one command line at the current time, then lets the think time pass.
    pub fn run_line(&mut self, line: &str) -> Output {
        let out = self.execute(line);
        let think = self.think_ms;
        self.engine.advance(think);
        out
    }

    /// Runs one command line without advancing the clock afterwards.
    pub fn execute(&mut self, line: &str) -> Output {
        let line = words::strip_comment(line).trim().to_string();
        if line.is_empty() {
            return Output::default();
        }
        // `NAME=$(command)`: the substitution is one word, as in sh assignments (no field splitting).
        if let Some((name, value)) = substitution_assignment(&line) {
            let out = self.execute(&value);
            self.vars.insert(name, out.text.trim_end_matches('\n').to_string());
            return Output::default();
        }
        let vars = self.vars.clone();
        let lookup = move |n: &str| vars.get(n).cloned();
        let expanded = words::expand(&line, &lookup, &mut |cmd: &str| self.execute(cmd).text);
        let words = match words::split(&expanded) {
            Ok(w) => w,
            Err(e) => return Output::err(format!("sh: {e}\n")),
        };
        let Some(first) = words.first() else {
            return Output::default();
        };
        // Variable assignments: `NAME=value` or `export NAME=value`.
        let assign_words: &[String] = if first == "export" { &words[1..] } else { &words[..] };
        if !assign_words.is_empty() && assign_words.iter().all(|w| is_assignment(w)) {
            for w in assign_words {
                if let Some((k, v)) = w.split_once('=') {
                    self.vars.insert(k.to_string(), v.to_string());
                }
            }
            return Output::default();
        }
        match first.as_str() {
            "kubectl" | "k" => crate::cmd::kubectl(self, &words[1..]),
            "sleep" => {
                let Some(d) = words.get(1) else {
                    return Output::err("sleep: missing operand\n");
                };
                match parse_duration(d) {
                    Ok(ms) => {
                        self.engine.advance(ms);
                        Output::default()
                    }
                    Err(_) => Output::err(format!("sleep: invalid time interval '{d}'\n")),
                }
            }
            "echo" => Output::ok(format!("{}\n", words[1..].join(" "))),
            "kubeplay" => crate::cmd::kubeplay(self, &words[1..]),
            other => Output::err(format!("sh: 1: {other}: not found\n")),
        }
    }

    /// Reads a file named on a command line.
    pub fn file(&self, name: &str) -> Option<String> {
        let trimmed = name.trim_start_matches("./");
        if let Some(t) = self.files.get(name).or_else(|| self.files.get(trimmed)) {
            return Some(t.clone());
        }
        self.read_file.and_then(|f| f(name))
    }
}

/// `NAME=$(command)` or `export NAME=$(command)`: the name and the command line.
fn substitution_assignment(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("export ").unwrap_or(line).trim();
    let (name, value) = rest.split_once('=')?;
    if !is_assignment(&format!("{name}=")) {
        return None;
    }
    let value = value.trim();
    let value = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    let inner = value.strip_prefix("$(")?.strip_suffix(')')?;
    Some((name.to_string(), inner.to_string()))
}

fn is_assignment(w: &str) -> bool {
    match w.split_once('=') {
        Some((k, _)) => {
            !k.is_empty()
                && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !k.starts_with(|c: char| c.is_ascii_digit())
        }
        None => false,
    }
}
