//! The scenario file of the CLI contract (name, description, seed, think, cluster, files, steps), written
//! back as YAML for share links and downloads, and its transcript: each step as `$ line` followed by
//! exactly what it printed.

use std::collections::BTreeMap;

use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::time::{go_duration, parse_duration};
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

    /// The scenario as the contract's YAML document, keys in its order (name, description, seed, think,
    /// cluster, files, steps), unset ones left out. Multi-line texts are literal block scalars, so files
    /// read as they do in the editor; a text a block cannot hold exactly (leading blanks on its first
    /// line, blanks at a line's end, control characters) is a double-quoted string instead.
    /// [`Scenario::parse`] reads the result back as an equal scenario.
    pub fn to_yaml(&self) -> String {
        let mut out = String::new();
        if let Some(name) = &self.name {
            out.push_str("name:");
            write_text(&mut out, name, 2);
        }
        if let Some(description) = &self.description {
            out.push_str("description:");
            write_text(&mut out, description, 2);
        }
        if let Some(seed) = self.seed {
            out.push_str(&format!("seed: {seed}\n"));
        }
        if let Some(ms) = self.think_ms {
            out.push_str(&format!("think: {}\n", go_duration(ms)));
        }
        if let Some(cluster) = &self.cluster {
            write_cluster(&mut out, cluster);
        }
        if !self.files.is_empty() {
            out.push_str("files:\n");
            for (name, text) in &self.files {
                out.push_str("  ");
                out.push_str(&scalar(name, true));
                out.push(':');
                write_text(&mut out, text, 4);
            }
        }
        if !self.steps.is_empty() {
            out.push_str("steps:\n");
            for step in &self.steps {
                out.push_str("  -");
                write_text(&mut out, step, 4);
            }
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

/// Writes the rest of a `key:` or `-` line holding `text`: ` value` for one line, or a literal block whose
/// lines are indented by `indent` spaces.
fn write_text(out: &mut String, text: &str, indent: usize) {
    match block_chomping(text) {
        Some(chomp) => {
            let body = text.trim_end_matches('\n');
            let trailing = text.len() - body.len();
            out.push_str(&format!(" |{chomp}\n"));
            for line in body.split('\n').chain(std::iter::repeat_n("", trailing.saturating_sub(1))) {
                if !line.is_empty() {
                    out.push_str(&" ".repeat(indent));
                    out.push_str(line);
                }
                out.push('\n');
            }
        }
        None => {
            out.push(' ');
            out.push_str(&scalar(text, false));
            out.push('\n');
        }
    }
}

/// The chomping indicator of a literal block that holds `text` exactly (`-` strips the final line
/// break, none keeps one, `+` keeps them all), or `None` if a block cannot: a text of one line, or
/// one whose blanks or characters a block would not keep.
fn block_chomping(text: &str) -> Option<&'static str> {
    let body = text.trim_end_matches('\n');
    if !text.contains('\n') || body.is_empty() || text.chars().any(|c| c == '\r' || needs_escape(c)) {
        return None;
    }
    let mut lines = body.split('\n');
    // The first line with text sets the block's indentation, so it may not start with a blank.
    if lines.clone().find(|l| !l.is_empty()).is_some_and(|l| l.starts_with([' ', '\t'])) {
        return None;
    }
    if lines.any(|l| l.ends_with([' ', '\t'])) {
        return None;
    }
    Some(match text.len() - body.len() {
        0 => "-",
        1 => "",
        _ => "+",
    })
}

/// One scalar on one line: plain where YAML reads it back as the same string (checked by reading it),
/// double-quoted otherwise.
fn scalar(s: &str, is_key: bool) -> String {
    let simple = !s.is_empty()
        && !s.starts_with([' ', '\t'])
        && !s.ends_with([' ', '\t'])
        && !s.chars().any(|c| c == '\n' || c == '\r' || c == '\t' || needs_escape(c))
        // YAML 1.1 readers (kubectl's among them) take these for booleans.
        && !matches!(s.to_ascii_lowercase().as_str(), "y" | "n" | "yes" | "no" | "on" | "off");
    let reads_back = |doc: String, key: bool| {
        let parsed: Result<BTreeMap<String, serde_yaml::Value>, _> = serde_yaml::from_str(&doc);
        parsed.is_ok_and(|m| {
            m.len() == 1
                && if key { m.contains_key(s) } else { m.get("k") == Some(&serde_yaml::Value::String(s.to_string())) }
        })
    };
    if simple && reads_back(format!("k: {s}\n"), false) && (!is_key || reads_back(format!("{s}: v\n"), true)) {
        return s.to_string();
    }
    double_quoted(s)
}

/// A YAML double-quoted scalar: `"` and `\\` escaped, and every character a YAML reader would not keep
/// as written (control characters, line and paragraph separators, the byte-order mark) as an escape.
fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) && (c as u32) <= 0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if needs_escape(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters YAML does not allow as written, or reads as line breaks (libyaml follows YAML 1.1: NEL,
/// LS and PS break lines).
fn needs_escape(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}')
}

/// The `cluster:` block, serialized by its own serde definition and indented under the key.
fn write_cluster(out: &mut String, cluster: &ClusterSpec) {
    let Ok(text) = serde_yaml::to_string(cluster) else {
        debug_assert!(false, "a ClusterSpec always serializes");
        return;
    };
    if text.trim() == "{}" {
        out.push_str("cluster: {}\n");
        return;
    }
    out.push_str("cluster:\n");
    for line in text.lines() {
        if !line.is_empty() {
            out.push_str("  ");
            out.push_str(line);
        }
        out.push('\n');
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

    #[test]
    fn to_yaml_writes_the_contract_order_with_literal_blocks() {
        let s = Scenario {
            name: Some("Rolling update".into()),
            description: Some("Change the image.\n\nWatch the ReplicaSets step.\n".into()),
            seed: Some(7),
            think_ms: Some(0),
            cluster: Some(ClusterSpec { load_balancer: Some("none".into()), ..Default::default() }),
            files: BTreeMap::from([
                ("web.yaml".into(), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: web\n".into()),
                ("note.txt".into(), "no newline at the end\nsecond".into()),
            ]),
            steps: vec!["kubectl apply -f web.yaml".into(), "sleep 1.5s".into(), "echo 'a: b' # c".into()],
        };
        expect_test::expect![[r#"
            name: Rolling update
            description: |
              Change the image.

              Watch the ReplicaSets step.
            seed: 7
            think: 0s
            cluster:
              loadBalancer: none
            files:
              note.txt: |-
                no newline at the end
                second
              web.yaml: |
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: web
            steps:
              - kubectl apply -f web.yaml
              - sleep 1.5s
              - "echo 'a: b' # c"
        "#]]
        .assert_eq(&s.to_yaml());
        assert_eq!(Scenario::parse(&s.to_yaml()), Ok(s));
        assert_eq!(Scenario::default().to_yaml(), "");
        assert_eq!(Scenario::parse(""), Ok(Scenario::default()));
    }

    fn round_trips(s: &Scenario) {
        let yaml = s.to_yaml();
        match Scenario::parse(&yaml) {
            Ok(back) => assert_eq!(&back, s, "written as:\n{yaml}"),
            Err(e) => panic!("{}:{}: {} in:\n{yaml}", e.line, e.column, e.message),
        }
    }

    #[test]
    fn file_texts_round_trip_exactly() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\n\n",
            "a\n\n\n",
            "\na",
            "\n\na\n",
            "a\nb",
            "a\n\nb\n",
            "  leading spaces\nsecond\n",
            "\tleading tab\n",
            "\n  indented after a blank\n",
            "first\n  indented\n\tand tabbed\n",
            "trailing space \nx\n",
            "trailing tab\t\nx\n",
            "x\n   \ny\n",
            "windows\r\nline ends\r\n",
            "a # not a comment\n# nor this\n",
            "---\n...\n--- \n",
            "key: value\n- item\n? q\n",
            "\"quoted\" and 'single' and \\ backslash\n",
            "yes\nno\n~\nnull\n",
            "tab\tinside\n",
            "bell\u{7}\nnel\u{85}x\nls\u{2028}ps\u{2029}\nbom\u{feff}\n",
            "ünïcödé 🚀\n日本語\n",
            "|\n>\n",
            "- a\n- b",
            "   ",
            " ",
            "@at `tick` %pct &amp *star !bang\n",
            "ends with colon:",
            "{flow: map}",
            "[flow, seq]",
            "# only a comment",
            "0x1F",
            "1e3",
            "12",
            "true",
            "Yes",
            "2026-01-01",
            "a: b",
            "- a",
            "x\u{0}y",
        ];
        for text in texts {
            let s = Scenario {
                name: Some(text.to_string()),
                description: Some(text.to_string()),
                files: BTreeMap::from([(text.to_string(), text.to_string()), ("f.yaml".into(), text.to_string())]),
                steps: vec![text.to_string(), "kubectl get pods".into()],
                ..Default::default()
            };
            round_trips(&s);
        }
    }

    #[test]
    fn clusters_and_durations_round_trip() {
        let cluster: ClusterSpec = serde_yaml::from_str(
            "nodes:\n- {name: control-plane, role: control-plane}\n- {name: w1, cpu: \"4\", memory: 8Gi, pods: 20, ephemeral-storage: 100Gi, labels: {disktype: ssd, \"x/y\": \"yes\"}, taints: [\"dedicated=gpu:NoSchedule\"], images: [nginx:1.27], zone: a}\n- {name: w2, cpu: 2.5, memory: 4}\nloadBalancer: none\ningress: nginx\n",
        )
        .unwrap();
        for think_ms in
            [None, Some(0), Some(1), Some(500), Some(1000), Some(1500), Some(90_000), Some(3_600_000), Some(3_723_004)]
        {
            round_trips(&Scenario {
                seed: Some(u64::MAX),
                think_ms,
                cluster: Some(cluster.clone()),
                ..Default::default()
            });
        }
        round_trips(&Scenario { cluster: Some(ClusterSpec::default()), ..Default::default() });
        round_trips(&Scenario {
            cluster: Some(ClusterSpec { nodes: Some(vec![]), ..Default::default() }),
            ..Default::default()
        });
    }

    /// Texts built from the characters that trouble YAML writers, many lengths and orders.
    #[test]
    fn generated_texts_round_trip() {
        let pieces = ["a", " ", "\t", "\n", ":", "#", "-", "'", "\"", "\\", "|", "\r", "é", "\u{85}", "{", "0"];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..1500 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mut x = state;
            let mut text = String::new();
            for _ in 0..(x % 12) {
                x /= 12;
                let len = pieces.len() as u64;
                text.push_str(pieces[(x % len) as usize]);
                x = x.rotate_left(7) ^ state;
            }
            let s = Scenario {
                files: BTreeMap::from([("f".into(), text.clone())]),
                steps: vec![text.clone()],
                description: Some(text),
                ..Default::default()
            };
            round_trips(&s);
        }
    }
}
