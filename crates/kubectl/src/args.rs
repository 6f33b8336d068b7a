//! kubectl's flag grammar: `--flag=value`, `--flag value`, `-n value`, boolean flags, and `--` ending flags.

use std::collections::BTreeMap;

/// Flags that take no value.
const BOOLEAN: &[&str] = &[
    "A",
    "all-namespaces",
    "show-labels",
    "no-headers",
    "all",
    "overwrite",
    "force",
    "watch",
    "w",
    "local",
    "recursive",
    "R",
    "wait",
    "ignore-not-found",
    "help",
    "h",
    "show-kind",
    "stdin",
    "i",
    "tty",
    "t",
    "rm",
    "quiet",
    "q",
    "record",
    "server-side",
    "ignore-daemonsets",
    "delete-emptydir-data",
    "short",
    "namespaced",
    "no-headers",
    "export",
    "allow-missing-template-keys",
];

#[derive(Clone, Debug, Default)]
pub struct Args {
    pub positional: Vec<String>,
    pub flags: BTreeMap<String, Vec<String>>,
    /// Words after `--`.
    pub rest: Vec<String>,
}

impl Args {
    pub fn parse(words: &[String]) -> Result<Args, String> {
        let mut a = Args::default();
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            if w == "--" {
                a.rest = words[i + 1..].to_vec();
                break;
            }
            if let Some(long) = w.strip_prefix("--") {
                let (name, value) = match long.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (long.to_string(), None),
                };
                let value = match value {
                    Some(v) => v,
                    None if BOOLEAN.contains(&name.as_str()) => "true".into(),
                    None => {
                        i += 1;
                        words.get(i).cloned().ok_or_else(|| format!("error: flag needs an argument: --{name}"))?
                    }
                };
                a.flags.entry(name).or_default().push(value);
            } else if w.len() > 1 && w.starts_with('-') && !w[1..].starts_with(|c: char| c.is_ascii_digit()) {
                let body = &w[1..];
                let (name, inline) = match body.split_once('=') {
                    Some((n, v)) => (n.to_string(), Some(v.to_string())),
                    None => (body[..1].to_string(), if body.len() > 1 { Some(body[1..].to_string()) } else { None }),
                };
                if BOOLEAN.contains(&name.as_str()) && inline.is_none() {
                    a.flags.entry(name).or_default().push("true".into());
                } else if BOOLEAN.contains(&name.as_str()) && body.len() > 1 && !body.contains('=') {
                    // Combined short booleans such as `-it`.
                    for ch in body.chars() {
                        a.flags.entry(ch.to_string()).or_default().push("true".into());
                    }
                } else {
                    let value = match inline {
                        Some(v) => v,
                        None => {
                            i += 1;
                            words
                                .get(i)
                                .cloned()
                                .ok_or_else(|| format!("error: flag needs an argument: '{name}' in -{name}"))?
                        }
                    };
                    a.flags.entry(name).or_default().push(value);
                }
            } else {
                a.positional.push(w.clone());
            }
            i += 1;
        }
        Ok(a)
    }

    pub fn get(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| self.flags.get(*n).and_then(|v| v.last()).map(String::as_str))
    }

    pub fn all(&self, names: &[&str]) -> Vec<String> {
        names.iter().flat_map(|n| self.flags.get(*n).cloned().unwrap_or_default()).collect()
    }

    pub fn bool(&self, names: &[&str]) -> bool {
        self.get(names).is_some_and(|v| v != "false")
    }

    pub fn has(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.flags.contains_key(*n))
    }
}
