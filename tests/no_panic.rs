//! Robustness: mangled manifests and random command lines go through a whole session (parse, admission,
//! controllers, printers) and must only ever produce output, never a panic. Deterministic: a fixed seed
//! drives the mutations; a failure prints the iteration to reproduce it.

use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::rng::Rng;
use kubeplay_kubectl::Session;

const BASE: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web}
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        resources:
          requests: {cpu: 100m, memory: 64Mi}
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
  - port: 80
    targetPort: 80
";

const TOKENS: &[&str] = &[
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "&a",
    "*a",
    "!!int",
    "---",
    "\t",
    "  ",
    "null",
    "-1",
    "1e400",
    "0x",
    "?",
    "|",
    ">",
    "#",
    "%",
    "@",
    "`",
    "\\",
    "\u{feff}",
    "é",
    "replicas",
    "kind",
    "apiVersion",
    "metadata",
    "spec",
];

const COMMANDS: &[&str] = &[
    "kubectl get all -A",
    "kubectl get deploy,rs,pods -o wide",
    "kubectl describe deployment web",
    "kubectl describe pods",
    "kubectl get pods -o yaml",
    "kubectl get pods -o json",
    "kubectl get pods -o jsonpath='{.items[*].status.phase}'",
    "kubectl scale deployment web --replicas=0",
    "kubectl scale deployment web --replicas=7",
    "kubectl set image deployment/web nginx=nginx:nope",
    "kubectl rollout undo deployment/web",
    "kubectl rollout history deployment/web",
    "kubectl delete pods --all --wait=false",
    "kubectl label pods --all x=y --overwrite",
    "kubectl get events -A",
    "kubectl cordon worker-1",
    "kubectl uncordon worker-1",
    "sleep 7",
];

fn mangle(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    let edits = 1 + rng.below("fuzz", 4);
    for _ in 0..edits {
        if chars.is_empty() {
            break;
        }
        let at = rng.below("fuzz", chars.len() as u64) as usize;
        match rng.below("fuzz", 4) {
            0 => {
                chars.remove(at);
            }
            1 => {
                let t = TOKENS[rng.below("fuzz", TOKENS.len() as u64) as usize];
                for (i, c) in t.chars().enumerate() {
                    chars.insert(at + i, c);
                }
            }
            2 => {
                let end = (at + 1 + rng.below("fuzz", 40) as usize).min(chars.len());
                let copy: Vec<char> = chars[at..end].to_vec();
                for (i, c) in copy.into_iter().enumerate() {
                    chars.insert(end + i, c);
                }
            }
            _ => {
                let c = chars[at];
                chars[at] = if c.is_ascii_digit() { 'x' } else { '9' };
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mangled_manifests_and_commands_never_panic() {
    let mut rng = Rng::new(20260101);
    let mut session = Session::new(&ClusterSpec::default(), 3);
    for i in 0..150 {
        let text = mangle(&mut rng, BASE);
        session.files.insert("m.yaml".into(), text.clone());
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let mut s = session.clone();
            s.run_line("kubectl apply -f m.yaml");
            let cmd = COMMANDS[rng.clone().below("cmd", COMMANDS.len() as u64) as usize];
            s.run_line(cmd);
            s
        }));
        match result {
            Ok(s) => session = s,
            Err(_) => panic!("iteration {i} panicked on manifest:\n{text}"),
        }
        rng.next_u64("cmd");
    }
}

#[test]
fn garbage_command_lines_never_panic() {
    let mut rng = Rng::new(7);
    let mut session = Session::new(&ClusterSpec::default(), 1);
    let words = [
        "kubectl",
        "get",
        "describe",
        "delete",
        "-o",
        "yaml",
        "jsonpath={",
        "-l",
        "a in (",
        "--replicas=-1",
        "$(",
        "${",
        "'",
        "\"",
        "\\",
        "rollout",
        "undo",
        "--to-revision=x",
        "-n",
        "",
        "scale",
        "deploy/",
        "/",
        "taint",
        "node",
        "a=b:Bad",
        "patch",
        "-p",
        "{\"spec\":",
        "--type=json",
        "sleep",
        "1h",
        "-5",
        "kubeplay",
        "explain",
        "pod",
    ];
    for i in 0..400 {
        let n = 1 + rng.below("len", 6) as usize;
        let line: Vec<&str> = (0..n).map(|_| words[rng.below("w", words.len() as u64) as usize]).collect();
        let line = line.join(" ");
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| session.execute(&line)));
        assert!(r.is_ok(), "iteration {i} panicked on: {line}");
    }
}
