//! Benchmarks of the engine natively: 100 Deployments of 10 replicas on 50 nodes, from apply until settled.
//! Run with `cargo bench -p kubeplay-engine --bench settle`.

use kubeplay_engine::cluster::{ClusterSpec, NodeSpec};
use kubeplay_engine::engine::Engine;
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::{SimTime, admission, manifest};

fn main() {
    divan::main();
}

fn cluster(workers: usize) -> ClusterSpec {
    let mut nodes = vec![NodeSpec::new("control-plane", Some("control-plane"))];
    for i in 1..=workers {
        nodes.push(NodeSpec::new(&format!("worker-{i}"), None));
    }
    ClusterSpec { nodes: Some(nodes), ..Default::default() }
}

fn deployments(n: usize, replicas: usize) -> Vec<kubeplay_engine::Object> {
    (0..n)
        .map(|i| {
            let text = format!(
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app-{i}\n  namespace: default\nspec:\n  replicas: {replicas}\n  selector:\n    matchLabels: {{app: app-{i}}}\n  template:\n    metadata:\n      labels: {{app: app-{i}}}\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        resources:\n          requests: {{cpu: 10m, memory: 16Mi}}\n"
            );
            let docs = manifest::parse_documents(&text).expect("valid manifest");
            manifest::decode_document(&docs[0]).expect("valid object")
        })
        .collect()
}

/// Creates the Deployments at once, then runs the clock until no work is left; returns the running pods.
fn settle(engine: &mut Engine, objects: Vec<kubeplay_engine::Object>) -> usize {
    for o in objects {
        admission::create(&mut engine.api, o).expect("created");
    }
    engine.run_until_idle(SimTime::from_secs(3600));
    engine
        .api
        .store
        .list(&GroupKind::new("", "Pod"), Some("default"))
        .filter(|p| p.as_pod().and_then(|p| p.status.as_ref()).and_then(|s| s.phase.as_deref()) == Some("Running"))
        .count()
}

#[divan::bench(sample_count = 10)]
fn hundred_deployments_of_ten_on_fifty_nodes(bencher: divan::Bencher) {
    bencher.with_inputs(|| (Engine::new(&cluster(50), 1), deployments(100, 10))).bench_values(
        |(mut engine, objects)| {
            let running = settle(&mut engine, objects);
            assert_eq!(running, 1000);
            // Returned so that dropping the cluster is not timed.
            engine
        },
    );
}
