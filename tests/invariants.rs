//! Seed sweeps: the nginx rollout scenario under many seeds, checking invariants after every step —
//! surge bounds of the rollout, no pod bound to a missing node, resourceVersion never going back.
//! A failure names the seed and the step to reproduce it (`kubeplay run --seed N`).

use std::path::Path;

use kubeplay_engine::kinds::GroupKind;
use kubeplay_kubectl::scenario::{Scenario, transcript_entry};

#[test]
fn rollout_invariants_hold_for_many_seeds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/deployment/nginx-rolling-update.yaml");
    let scenario = Scenario::parse(&std::fs::read_to_string(path).unwrap()).unwrap();
    for seed in 1..=12u64 {
        let mut s = scenario.clone();
        s.seed = Some(seed);
        let mut session = s.session();
        let mut last_rv = 0;
        for (i, step) in s.steps.iter().enumerate() {
            transcript_entry(&mut session, step);
            let store = &session.engine.api.store;
            let rv = store.resource_version();
            assert!(rv >= last_rv, "seed {seed} step {i}: resourceVersion went back");
            last_rv = rv;
            let nodes: Vec<String> =
                store.list(&GroupKind::new("", "Node"), None).map(|n| n.name().to_string()).collect();
            let mut live = 0;
            for p in store.list(&GroupKind::new("", "Pod"), Some("default")) {
                let pod = p.as_pod().unwrap();
                if let Some(node) = pod.spec.as_ref().and_then(|s| s.node_name.as_ref()) {
                    assert!(nodes.contains(node), "seed {seed} step {i}: pod {} on missing node {node}", p.name());
                }
                if pod.metadata.deletion_timestamp.is_none() {
                    live += 1;
                }
            }
            // 3 replicas with maxSurge 25% (1): never more than 4 pods that are not terminating.
            assert!(live <= 4, "seed {seed} step {i} ({step}): {live} live pods exceed replicas + maxSurge");
        }
    }
}
