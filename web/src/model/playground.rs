//! The playground: the editor's files, one simulated cluster, and the record of everything done to it.
//!
//! Every change to the cluster goes through here as a command line (`kubectl apply -f web.yaml`, a
//! terminal line) or as clock time, and is recorded as a scenario step (`sleep 12.5s` for time), so
//! [`Playground::to_scenario`] reproduces the same cluster at the same instant in the CLI or from a link.
//! The engine advances one due instant at a time so the rollout chart sees every ReplicaSet change.

use std::collections::BTreeMap;
use std::sync::Arc;

use kubeplay_engine::SimTime;
use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::time::{go_duration, parse_duration};
use kubeplay_kubectl::Session;
use kubeplay_kubectl::scenario::Scenario;

use super::view::ClusterView;

/// The first file a new visitor sees: the Deployment from kubernetes.io's Deployment page.
pub const EXAMPLE_FILE: &str = "nginx-deployment.yaml";
pub const EXAMPLE_MANIFEST: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
";

/// Simulated time "until idle" gives up after, so a cluster that never settles (a crash loop) stops.
pub const IDLE_LIMIT_MS: u64 = 10 * 60 * 1000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditorFile {
    pub name: String,
    pub text: String,
}

/// One recorded step. Commands keep the files as they were when the command ran, because `-f` reads them.
#[derive(Clone, Debug)]
enum Step {
    Command { line: String, files: Arc<BTreeMap<String, String>> },
    Sleep(u64),
}

/// One command line in the terminal and what it printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TerminalEntry {
    pub line: String,
    pub output: String,
    pub failed: bool,
    /// Simulated time the command started at.
    pub at_ms: u64,
}

/// One ReplicaSet's replicas over time, for the rollout-steps chart.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RolloutSeries {
    pub replica_set: String,
    pub revision: String,
    /// `(simulated ms, desired replicas, ready replicas)`, one point per change.
    pub points: Vec<(u64, i32, i32)>,
}

/// Samples every Deployment's ReplicaSets whenever the store changed.
#[derive(Clone, Debug, Default)]
struct Recorder {
    by_deployment: BTreeMap<String, Vec<RolloutSeries>>,
    last_resource_version: u64,
}

const REPLICA_SET: GroupKind = GroupKind::new("apps", "ReplicaSet");

impl Recorder {
    fn sample(&mut self, session: &Session) {
        let store = &session.engine.api.store;
        if store.resource_version() == self.last_resource_version {
            return;
        }
        self.last_resource_version = store.resource_version();
        let now = session.now().millis();
        for obj in store.list(&REPLICA_SET, None) {
            let Some(rs) = obj.as_replica_set() else { continue };
            let Some(owner) = rs
                .metadata
                .owner_references
                .iter()
                .flatten()
                .find(|r| r.controller == Some(true) && r.kind == "Deployment")
            else {
                continue;
            };
            let desired = rs.spec.replicas.unwrap_or(1);
            let ready = rs.status.as_ref().and_then(|s| s.ready_replicas).unwrap_or(0);
            let revision = rs
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("deployment.kubernetes.io/revision"))
                .cloned()
                .unwrap_or_default();
            let series = self.by_deployment.entry(owner.uid.clone()).or_default();
            let name = obj.name();
            let s = match series.iter().position(|s| s.replica_set == name) {
                Some(i) => &mut series[i],
                None => {
                    series.push(RolloutSeries { replica_set: name.to_string(), ..Default::default() });
                    let last = series.len() - 1;
                    &mut series[last]
                }
            };
            s.revision = revision;
            if s.points.last().is_none_or(|&(_, d, r)| (d, r) != (desired, ready)) {
                s.points.push((now, desired, ready));
            }
        }
    }
}

/// How far "until idle" got.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Progress {
    /// Nothing is left to do (or the limit was reached).
    Idle,
    Busy,
}

#[derive(Clone, Debug)]
pub struct Playground {
    session: Session,
    pub name: Option<String>,
    pub description: Option<String>,
    seed: u64,
    cluster: Option<ClusterSpec>,
    files: Vec<EditorFile>,
    /// Earlier revisions of files that restored steps read (`web.yaml~1`); never shown as tabs.
    revisions: BTreeMap<String, String>,
    steps: Vec<Step>,
    /// Clock time not yet written as a `sleep` step.
    pending_ms: u64,
    terminal: Vec<TerminalEntry>,
    /// Changes whenever the terminal's lines change.
    terminal_generation: u64,
    recorder: Recorder,
    version: u64,
}

impl Default for Playground {
    fn default() -> Playground {
        Playground::new(None, 1, vec![EditorFile { name: EXAMPLE_FILE.into(), text: EXAMPLE_MANIFEST.into() }])
    }
}

impl Playground {
    pub fn new(cluster: Option<ClusterSpec>, seed: u64, files: Vec<EditorFile>) -> Playground {
        let mut session = Session::new(&cluster.clone().unwrap_or_default(), seed);
        session.think_ms = 0;
        let mut p = Playground {
            session,
            name: None,
            description: None,
            seed,
            cluster,
            files,
            revisions: BTreeMap::new(),
            steps: Vec::new(),
            pending_ms: 0,
            terminal: Vec::new(),
            terminal_generation: 0,
            recorder: Recorder::default(),
            version: 0,
        };
        p.recorder.sample(&p.session);
        p
    }

    /// Rebuilds a scenario's cluster by running its steps (what a share link or an opened file does).
    pub fn from_scenario(s: &Scenario) -> Playground {
        let (tabs, revisions): (Vec<_>, Vec<_>) = s.files.iter().partition(|(name, _)| !is_revision_name(name));
        let files = if tabs.is_empty() && revisions.is_empty() {
            Vec::new()
        } else {
            tabs.into_iter().map(|(n, t)| EditorFile { name: n.clone(), text: t.clone() }).collect()
        };
        let mut p = Playground::new(s.cluster.clone(), s.seed(), files);
        p.name = s.name.clone();
        p.description = s.description.clone();
        p.revisions = revisions.into_iter().map(|(n, t)| (n.clone(), t.clone())).collect();
        let think = s.think_ms();
        for step in &s.steps {
            p.run_command(step);
            if think > 0 {
                p.advance(think);
            }
        }
        p
    }

    /// A number that changes whenever anything visible changes.
    pub fn version(&self) -> u64 {
        self.version
    }

    pub fn now(&self) -> SimTime {
        self.session.now()
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn files(&self) -> &[EditorFile] {
        &self.files
    }

    pub fn file(&self, name: &str) -> Option<&EditorFile> {
        self.files.iter().find(|f| f.name == name)
    }

    pub fn terminal(&self) -> &[TerminalEntry] {
        &self.terminal
    }

    pub fn terminal_generation(&self) -> u64 {
        self.terminal_generation
    }

    pub fn clear_terminal(&mut self) {
        self.terminal.clear();
        self.terminal_generation += 1;
        self.version += 1;
    }

    /// The command lines run so far (terminal history), oldest first.
    pub fn history(&self) -> Vec<String> {
        self.terminal.iter().map(|e| e.line.clone()).collect()
    }

    pub fn view(&self, system: bool) -> ClusterView {
        ClusterView::build(&self.session.engine.api.store, self.now(), system)
    }

    /// The rollout-steps chart data of one Deployment (by uid): its ReplicaSets' replicas over time.
    pub fn rollout(&self, deployment_uid: &str) -> &[RolloutSeries] {
        self.recorder.by_deployment.get(deployment_uid).map(Vec::as_slice).unwrap_or(&[])
    }

    pub fn set_file_text(&mut self, name: &str, text: &str) {
        if let Some(f) = self.files.iter_mut().find(|f| f.name == name)
            && f.text != text
        {
            f.text = text.to_string();
            self.version += 1;
        }
    }

    /// Adds an empty file with a fresh name and returns the name.
    pub fn add_file(&mut self) -> String {
        let name = (1..)
            .map(|i| if i == 1 { "untitled.yaml".to_string() } else { format!("untitled-{i}.yaml") })
            .find(|n| self.file(n).is_none())
            .unwrap_or_default();
        self.files.push(EditorFile { name: name.clone(), text: String::new() });
        self.version += 1;
        name
    }

    pub fn rename_file(&mut self, old: &str, new: &str) -> Result<(), String> {
        let new = new.trim();
        check_file_name(new)?;
        if new != old && self.file(new).is_some() {
            return Err(format!("a file named {new} already exists"));
        }
        let Some(f) = self.files.iter_mut().find(|f| f.name == old) else {
            return Err(format!("no file named {old}"));
        };
        f.name = new.to_string();
        self.version += 1;
        Ok(())
    }

    pub fn delete_file(&mut self, name: &str) {
        self.files.retain(|f| f.name != name);
        self.version += 1;
    }

    /// `kubectl apply -f FILE`, as the Apply button runs it.
    pub fn apply(&mut self, file: &str) -> TerminalEntry {
        self.run_command(&format!("kubectl apply -f {}", quote_word(file)))
    }

    /// Runs one command line (the contract's language) at the current instant and records it.
    pub fn run_command(&mut self, line: &str) -> TerminalEntry {
        self.flush_sleep();
        self.sync_files();
        let at_ms = self.now().millis();
        let trimmed = line.trim();
        // `sleep` runs through the playground's clock so the rollout chart sees every instant.
        let output = match sleep_arg(trimmed) {
            Some(Ok(ms)) => {
                self.advance_clock(ms);
                kubeplay_kubectl::Output::default()
            }
            _ => {
                let out = self.session.execute(trimmed);
                self.recorder.sample(&self.session);
                out
            }
        };
        if !trimmed.is_empty() {
            self.steps.push(Step::Command { line: trimmed.to_string(), files: Arc::new(self.session.files.clone()) });
        }
        let entry = TerminalEntry { line: trimmed.to_string(), output: output.text, failed: output.failed, at_ms };
        self.terminal.push(entry.clone());
        self.terminal_generation += 1;
        self.version += 1;
        entry
    }

    /// Lets `ms` of simulated time pass.
    pub fn advance(&mut self, ms: u64) {
        if ms == 0 {
            return;
        }
        self.advance_clock(ms);
        self.pending_ms += ms;
        self.version += 1;
    }

    /// Advances to the next instant anything is due (at most one minute ahead); returns the time stepped.
    pub fn step(&mut self) -> u64 {
        let now = self.now().millis();
        self.session.engine.run_until(self.now());
        let next = self.session.engine.next_event_time().map(SimTime::millis).unwrap_or(now + 1000);
        let delta = next.saturating_sub(now).clamp(1, 60_000);
        self.advance(delta);
        delta
    }

    /// Runs due instants until nothing is queued within [`IDLE_LIMIT_MS`] of `started_ms`, at most
    /// `max_instants` of them per call so the page stays responsive; call again while it says `Busy`.
    pub fn run_until_idle(&mut self, started_ms: u64, max_instants: usize) -> Progress {
        let limit = started_ms + IDLE_LIMIT_MS;
        for _ in 0..max_instants {
            let now = self.now().millis();
            // Writes made since the last step (an Apply) queue their controllers only when dispatched.
            self.session.engine.run_until(self.now());
            match self.session.engine.next_event_time().map(SimTime::millis) {
                Some(t) if t <= limit => self.advance(t.saturating_sub(now)),
                _ => return Progress::Idle,
            }
            self.recorder.sample(&self.session);
        }
        Progress::Busy
    }

    fn advance_clock(&mut self, ms: u64) {
        let target = self.now().millis().saturating_add(ms);
        self.session.engine.run_until(self.now());
        self.recorder.sample(&self.session);
        while let Some(t) = self.session.engine.next_event_time().map(SimTime::millis) {
            if t > target {
                break;
            }
            self.session.engine.run_until(SimTime(t));
            self.recorder.sample(&self.session);
        }
        self.session.engine.run_until(SimTime(target));
        self.recorder.sample(&self.session);
    }

    fn flush_sleep(&mut self) {
        if self.pending_ms > 0 {
            self.steps.push(Step::Sleep(self.pending_ms));
            self.pending_ms = 0;
        }
    }

    /// What `kubectl -f` reads: the editor's files and the restored revisions.
    fn sync_files(&mut self) {
        let mut files = self.revisions.clone();
        for f in &self.files {
            files.insert(f.name.clone(), f.text.clone());
        }
        self.session.files = files;
    }

    /// The scenario that rebuilds this cluster: the editor's files, and every command and clock step.
    /// A command that read a file whose text has changed since reads a saved revision (`web.yaml~1`).
    pub fn to_scenario(&self) -> Scenario {
        let mut final_files: BTreeMap<String, String> = self.revisions.clone();
        for f in &self.files {
            final_files.insert(f.name.clone(), f.text.clone());
        }
        let mut files = final_files.clone();
        let mut steps = Vec::new();
        let mut revision_of: BTreeMap<(String, String), String> = BTreeMap::new();
        let mut pending = 0u64;
        let all_steps = self.steps.iter().cloned().chain((self.pending_ms > 0).then_some(Step::Sleep(self.pending_ms)));
        for step in all_steps {
            match step {
                Step::Sleep(ms) => pending += ms,
                Step::Command { line, files: seen } => {
                    if pending > 0 {
                        steps.push(format!("sleep {}", go_duration(pending)));
                        pending = 0;
                    }
                    let line = rewrite_file_words(&line, |word| {
                        let text = seen.get(word)?;
                        if final_files.get(word) == Some(text) {
                            return None;
                        }
                        let key = (word.to_string(), text.clone());
                        if let Some(name) = revision_of.get(&key) {
                            return Some(name.clone());
                        }
                        let base = word.split('~').next().unwrap_or(word);
                        let name =
                            (1..).map(|i| format!("{base}~{i}")).find(|n| !files.contains_key(n)).unwrap_or_default();
                        files.insert(name.clone(), text.clone());
                        revision_of.insert(key, name.clone());
                        Some(name)
                    });
                    steps.push(line);
                }
            }
        }
        if pending > 0 {
            steps.push(format!("sleep {}", go_duration(pending)));
        }
        Scenario {
            name: self.name.clone(),
            description: self.description.clone(),
            seed: Some(self.seed),
            think_ms: Some(0),
            cluster: self.cluster.clone(),
            files,
            steps,
        }
    }

    /// Runs a read-only kubectl command for the inspector, without recording it.
    pub fn query(&mut self, line: &str) -> String {
        self.session.execute(line).text
    }
}

fn is_revision_name(name: &str) -> bool {
    name.rsplit_once('~').is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Editor file names: what `-f` can name on a command line without quoting surprises.
pub fn check_file_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a file name cannot be empty".into());
    }
    if name.len() > 100 {
        return Err("a file name is at most 100 characters".into());
    }
    if let Some(c) = name.chars().find(|c| !(c.is_alphanumeric() || matches!(c, '.' | '-' | '_'))) {
        return Err(format!("a file name may contain letters, digits, '.', '-' and '_' (not {c:?})"));
    }
    Ok(())
}

fn quote_word(w: &str) -> String {
    if w.chars().all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '/' | '~')) {
        w.to_string()
    } else {
        format!("'{}'", w.replace('\'', "'\\''"))
    }
}

/// `sleep DURATION` as a whole line: the duration in milliseconds.
fn sleep_arg(line: &str) -> Option<Result<u64, String>> {
    let mut words = line.split_whitespace();
    if words.next()? != "sleep" {
        return None;
    }
    let d = words.next()?;
    if words.next().is_some() {
        return None;
    }
    Some(parse_duration(d))
}

/// Replaces the words of a command line that name files (`-f web.yaml`, `-f=web.yaml`, `--filename web.yaml`).
fn rewrite_file_words(line: &str, mut replace: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(line.len());
    let mut prev_is_flag = false;
    let mut rest = line;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        let replaced = if prev_is_flag {
            replace(word)
        } else if let Some(v) = word.strip_prefix("-f=").or_else(|| word.strip_prefix("--filename=")) {
            replace(v).map(|r| format!("{}{r}", &word[..word.len() - v.len()]))
        } else {
            None
        };
        out.push_str(replaced.as_deref().unwrap_or(word));
        prev_is_flag = word == "-f" || word == "--filename";
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: &mut Playground, line: &str) -> String {
        p.run_command(line).output
    }

    #[test]
    fn apply_and_play_reaches_running_pods() {
        let mut p = Playground::default();
        let out = p.apply(EXAMPLE_FILE);
        assert_eq!(out.output, "deployment.apps/nginx-deployment created\n");
        p.advance(60_000);
        let view = p.view(false);
        let running: Vec<_> = view.nodes.iter().flat_map(|n| &n.pods).filter(|p| p.app == "nginx-deployment").collect();
        assert_eq!(running.len(), 3);
        assert!(running.iter().all(|p| p.status == "Running"), "{running:?}");
        assert_eq!(view.deployments.len(), 1);
        assert_eq!(view.deployments[0].ready, 3);
    }

    #[test]
    fn scenario_round_trip_restores_the_same_cluster() {
        let mut p = Playground::default();
        p.apply(EXAMPLE_FILE);
        p.advance(12_345);
        let edited = EXAMPLE_MANIFEST.replace("nginx:1.14.2", "nginx:1.16.1");
        p.set_file_text(EXAMPLE_FILE, &edited);
        p.apply(EXAMPLE_FILE);
        for _ in 0..7 {
            p.step();
        }
        run(&mut p, "kubectl scale deployment nginx-deployment --replicas=5");
        p.advance(4_321);
        let s = p.to_scenario();
        assert!(s.files.contains_key("nginx-deployment.yaml~1"), "{:?}", s.files.keys());
        assert_eq!(s.steps[0], "kubectl apply -f nginx-deployment.yaml~1");
        assert_eq!(s.steps[1], "sleep 12.345s");
        let restored = Playground::from_scenario(&s);
        assert_eq!(restored.now(), p.now());
        let mut a = p.clone();
        let mut b = restored.clone();
        let q = "kubectl get pods,rs,deploy -o yaml";
        assert_eq!(a.query(q), b.query(q));
        assert_eq!(a.query("kubectl get events"), b.query("kubectl get events"));
        assert_eq!(b.files().len(), 1, "revisions are not tabs");
        // Restoring again from the restored playground's own scenario changes nothing.
        let again = Playground::from_scenario(&b.to_scenario());
        assert_eq!(again.to_scenario().steps, s.steps);
    }

    #[test]
    fn the_rollout_chart_sees_old_and_new_replica_sets_step() {
        let mut p = Playground::default();
        p.apply(EXAMPLE_FILE);
        p.advance(60_000);
        p.set_file_text(EXAMPLE_FILE, &EXAMPLE_MANIFEST.replace("nginx:1.14.2", "nginx:1.16.1"));
        p.apply(EXAMPLE_FILE);
        p.advance(120_000);
        let view = p.view(false);
        let d = &view.deployments[0];
        let series = p.rollout(&d.uid);
        assert_eq!(series.len(), 2);
        let old = series.iter().find(|s| s.revision == "1").expect("old ReplicaSet");
        let new = series.iter().find(|s| s.revision == "2").expect("new ReplicaSet");
        assert_eq!(old.points.last().map(|p| p.1), Some(0));
        assert_eq!(new.points.last().map(|p| (p.1, p.2)), Some((3, 3)));
        // The rolling update stepped: more than one intermediate size on the way (25% surge of 3 → 1 at a time).
        assert!(new.points.iter().map(|p| p.1).collect::<std::collections::BTreeSet<_>>().len() >= 3, "{new:?}");
    }

    #[test]
    fn until_idle_stops_when_the_cluster_settles() {
        let mut p = Playground::default();
        p.apply(EXAMPLE_FILE);
        let start = p.now().millis();
        let mut calls = 0;
        while p.run_until_idle(start, 50) == Progress::Busy {
            calls += 1;
            assert!(calls < 10_000, "never idle");
        }
        let view = p.view(false);
        assert_eq!(view.deployments[0].available, 3);
        assert!(p.now().millis() - start < IDLE_LIMIT_MS, "stopped at the limit, not when idle");
    }

    #[test]
    fn file_words_are_rewritten_only_after_file_flags() {
        let r = rewrite_file_words("kubectl apply -f a.yaml -f=b.yaml --filename a.yaml a.yaml", |w| {
            Some(format!("{w}~1"))
        });
        assert_eq!(r, "kubectl apply -f a.yaml~1 -f=b.yaml~1 --filename a.yaml~1 a.yaml");
    }

    #[test]
    fn file_names_are_checked() {
        let mut p = Playground::default();
        let n = p.add_file();
        assert_eq!(n, "untitled.yaml");
        assert_eq!(p.add_file(), "untitled-2.yaml");
        assert!(p.rename_file(&n, "web.yaml").is_ok());
        assert!(p.rename_file("web.yaml", EXAMPLE_FILE).is_err());
        assert!(p.rename_file("web.yaml", "a b.yaml").is_err());
        assert!(p.rename_file("web.yaml", "").is_err());
        p.delete_file("web.yaml");
        assert!(p.file("web.yaml").is_none());
    }
}
