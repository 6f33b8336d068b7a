//! The clock is the host's: the browser advances it frame by frame, the CLI a whole `sleep` at once. Both
//! must see the same cluster, so advancing by `a` then `b` has to equal advancing by `a + b` — the same
//! objects, the same events, the same transcript — whatever the size of the pieces.

use kubeplay_engine::cluster::ClusterSpec;
use kubeplay_engine::time::parse_duration;
use kubeplay_kubectl::Session;

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 4
  minReadySeconds: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.26
        readinessProbe:
          httpGet: {path: /, port: 80}
          periodSeconds: 2
---
apiVersion: v1
kind: Pod
metadata:
  name: crasher
spec:
  containers:
  - name: sh
    image: busybox:1.36
    command: [sh, -c, 'sleep 3; exit 1']
";

/// A rollout with a stalled image, an undo, scaling, deletion and a crash-looping pod: the steps other
/// than `sleep` run as typed, with no think time; each `sleep` goes to the engine as one or many `advance`s.
const STEPS: &[&str] = &[
    "kubectl apply -f app.yaml",
    "sleep 45s",
    "kubectl set image deployment/web nginx=nginx:1.27",
    "sleep 7s",
    "kubectl get pods,rs,deploy",
    "sleep 60s",
    "kubectl set image deployment/web nginx=nginx:1.999",
    "sleep 33s",
    "kubectl rollout undo deployment/web",
    "kubectl scale deployment/web --replicas=6",
    "sleep 1m17s",
    "kubectl delete pod crasher --wait=false",
    "kubectl scale deployment/web --replicas=2",
    "sleep 2m",
];

/// Runs the steps and returns the transcript and the engine's whole state (store, queue, kubelet and
/// scheduler) after each step, each `sleep` advanced in pieces of the given sizes, cycled (none: at once).
fn run(pieces_ms: &[u64]) -> (String, Vec<String>) {
    let mut s = Session::new(&ClusterSpec::default(), 11);
    s.think_ms = 0;
    s.files.insert("app.yaml".into(), DEPLOYMENT.into());
    let mut transcript = String::new();
    let mut sizes = pieces_ms.iter().cycle();
    let mut states = Vec::new();
    for step in STEPS {
        transcript.push_str(&format!("$ {step}\n"));
        match step.strip_prefix("sleep ") {
            Some(d) => {
                let total = parse_duration(d).unwrap();
                if pieces_ms.is_empty() {
                    s.engine.advance(total);
                } else {
                    let mut left = total;
                    while left > 0 {
                        let piece = sizes.next().copied().unwrap_or(left).min(left);
                        s.engine.advance(piece);
                        left -= piece;
                    }
                }
            }
            None => transcript.push_str(&s.run_line(step).text),
        }
        states.push(format!("{:#?}", s.engine));
    }
    for line in ["kubectl get pods,rs,deploy -o yaml", "kubectl get events", "kubectl get events -A -o yaml"] {
        transcript.push_str(&format!("$ {line}\n"));
        transcript.push_str(&s.run_line(line).text);
    }
    states.push(format!("{:#?}", s.engine));
    (transcript, states)
}

#[test]
fn advancing_in_pieces_equals_advancing_at_once() {
    let (whole, whole_states) = run(&[]);
    assert!(whole.contains("kind: ReplicaSet") && whole.contains("BackOff"), "the scenario did not run:\n{whole}");
    // 137 ms as a browser's frames might add up; 1 ms puts a boundary at every task; zero-length advances
    // (a frame with no time) in between.
    for pieces_ms in [&[137][..], &[1], &[0, 16, 0, 17, 250]] {
        let (pieces, pieces_states) = run(pieces_ms);
        assert_eq!(first_difference(&whole, &pieces), None, "transcripts differ with {pieces_ms:?} ms pieces");
        for (i, (a, b)) in whole_states.iter().zip(&pieces_states).enumerate() {
            let step = STEPS.get(i).unwrap_or(&"(the final gets)");
            assert_eq!(
                first_difference(a, b),
                None,
                "engine states differ after `{step}` with {pieces_ms:?} ms pieces"
            );
        }
    }
}

/// The first differing line with some context, to keep a failure readable.
fn first_difference(a: &str, b: &str) -> Option<String> {
    if a == b {
        return None;
    }
    let line = a.lines().zip(b.lines()).position(|(x, y)| x != y).unwrap_or(a.lines().count().min(b.lines().count()));
    let context = |t: &str| t.lines().skip(line.saturating_sub(5)).take(12).collect::<Vec<_>>().join("\n");
    Some(format!("at line {}:\n--- at once\n{}\n--- in pieces\n{}", line + 1, context(a), context(b)))
}
