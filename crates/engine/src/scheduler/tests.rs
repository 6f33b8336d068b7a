//! Whole scheduling cycles against small clusters: the messages, the explain JSON, the rotating start
//! index, preemption, and the cache's incremental bookkeeping.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Affinity, Container, ContainerImage, ContainerPort, Node, NodeAffinity, NodeSelector, NodeSelectorRequirement,
    NodeSelectorTerm, NodeSpec, NodeStatus, Pod, PodSpec, PodStatus, ResourceRequirements, Taint, Toleration,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::json;

use super::*;

fn list(items: &[(&str, &str)]) -> BTreeMap<String, ApiQuantity> {
    items.iter().map(|(k, v)| (k.to_string(), ApiQuantity(v.to_string()))).collect()
}

fn node(name: &str, cpu: &str, memory: &str, pods: &str) -> Node {
    Node {
        metadata: ObjectMeta { name: Some(name.into()), ..Default::default() },
        spec: Some(NodeSpec::default()),
        status: Some(NodeStatus {
            allocatable: Some(list(&[("cpu", cpu), ("memory", memory), ("pods", pods)])),
            ..Default::default()
        }),
    }
}

fn tainted(mut n: Node, key: &str, effect: &str) -> Node {
    let spec = n.spec.get_or_insert_with(Default::default);
    spec.taints.get_or_insert_with(Vec::new).push(Taint {
        key: key.into(),
        effect: effect.into(),
        ..Default::default()
    });
    n
}

fn pod(name: &str, requests: &[(&str, &str)]) -> Pod {
    Pod {
        metadata: ObjectMeta { name: Some(name.into()), namespace: Some("default".into()), ..Default::default() },
        spec: Some(PodSpec {
            containers: vec![Container {
                name: "app".into(),
                image: Some("nginx".into()),
                resources: if requests.is_empty() {
                    None
                } else {
                    Some(ResourceRequirements { requests: Some(list(requests)), ..Default::default() })
                },
                ..Default::default()
            }],
            ..Default::default()
        }),
        status: Some(PodStatus { phase: Some("Pending".into()), ..Default::default() }),
    }
}

fn bound(mut p: Pod, node: &str) -> Pod {
    if let Some(spec) = p.spec.as_mut() {
        spec.node_name = Some(node.into());
    }
    p
}

fn with_priority(mut p: Pod, priority: i32) -> Pod {
    if let Some(spec) = p.spec.as_mut() {
        spec.priority = Some(priority);
    }
    p
}

fn cache_of(nodes: &[Node], pods: &[Pod]) -> SchedulerCache {
    let mut c = SchedulerCache::new();
    for n in nodes {
        c.upsert_node(n);
    }
    for p in pods {
        c.add_pod(p);
    }
    c
}

fn kind_like_cluster() -> (Vec<Node>, Vec<Pod>) {
    let nodes = vec![
        tainted(node("control-plane", "4", "8Gi", "110"), "node-role.kubernetes.io/control-plane", "NoSchedule"),
        node("worker-1", "2", "8Gi", "110"),
        node("worker-2", "2", "8Gi", "110"),
        node("worker-3", "2", "8Gi", "110"),
    ];
    let pods = vec![
        bound(pod("busy-1", &[("cpu", "1500m")]), "worker-1"),
        bound(pod("busy-2", &[("cpu", "1500m")]), "worker-2"),
        bound(pod("busy-3", &[("cpu", "1500m")]), "worker-3"),
    ];
    (nodes, pods)
}

#[test]
fn fit_error_message_as_kubernetes_writes_it() {
    let (nodes, pods) = kind_like_cluster();
    let cache = cache_of(&nodes, &pods);
    let p = pod("big", &[("cpu", "1")]);
    let legacy = SchedulerConfig { percentage_of_nodes_to_score: 0, dynamic_resources: false };
    let d = schedule_one(&cache, &p, &legacy, 0);
    assert_eq!(d.selected, None);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. preemption: 0/4 nodes are \
             available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod."
        )
    );
    // With DynamicResources enabled (the v1.34+ default) its PostFilter speaks first.
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient cpu. no new claims to \
             deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No \
             preemption victims found for incoming pod."
        )
    );
    assert_eq!(d.preemption, None);
}

#[test]
fn several_reasons_per_node_and_string_sorted_histogram() {
    let nodes: Vec<Node> = (0..12).map(|i| node(&format!("n{i:02}"), "1", "1Gi", "110")).collect();
    let cache = cache_of(&nodes, &[]);
    let p = pod("huge", &[("cpu", "2"), ("memory", "2Gi")]);
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/12 nodes are available: 12 Insufficient cpu, 12 Insufficient memory. no new claims to deallocate, \
             preemption: 0/12 nodes are available: 12 No preemption victims found for incoming pod."
        )
    );
    assert_eq!(d.nodes[0].reasons, vec!["Insufficient cpu", "Insufficient memory"]);
}

#[test]
fn zero_nodes() {
    let d = schedule_one(&SchedulerCache::new(), &pod("p", &[]), &SchedulerConfig::default(), 0);
    assert_eq!(d.fit_error_message().as_deref(), Some("no nodes available to schedule pods"));
    assert!(d.nodes.is_empty());
}

#[test]
fn one_feasible_node_is_not_scored() {
    let (nodes, _) = kind_like_cluster();
    let cache = cache_of(&nodes[..2], &[]);
    let d = schedule_one(&cache, &pod("web", &[("cpu", "100m")]), &SchedulerConfig::default(), 0);
    assert_eq!(d.selected.as_deref(), Some("worker-1"));
    assert!(d.nodes.iter().all(|v| !v.scored));
    assert_eq!(d.fit_error_message(), None);
    assert_eq!(
        d.explain_json("default/web", "default-scheduler"),
        json!({"pod": "default/web", "scheduler": "default-scheduler", "selected": "worker-1", "nodes": [
            {"name": "control-plane", "feasible": false, "rejectedBy": "TaintToleration",
             "reason": "node(s) had untolerated taint(s)"},
            {"name": "worker-1", "feasible": true, "scored": false},
        ]})
    );
}

#[test]
fn scores_pick_the_least_allocated_node_and_explain_them() {
    let nodes = vec![node("a", "4", "8Gi", "110"), node("b", "4", "8Gi", "110")];
    let pods = vec![bound(pod("busy", &[("cpu", "2"), ("memory", "4Gi")]), "a")];
    let cache = cache_of(&nodes, &pods);
    let d = schedule_one(&cache, &pod("web", &[("cpu", "1"), ("memory", "2Gi")]), &SchedulerConfig::default(), 0);
    assert_eq!(d.selected.as_deref(), Some("b"));
    // a: cpu (4000−3000)/4000 → 25, memory 25 → fit 25; balanced 75 (unchanged balance); image 0; taint 100.
    // b: fit 75; balanced 75.
    let a = &d.nodes[0];
    let b = &d.nodes[1];
    let get = |v: &NodeVerdict, plugin: &str| v.scores.iter().find(|s| s.plugin == plugin).map(|s| (s.score, s.weight));
    assert_eq!(get(a, "NodeResourcesFit"), Some((25, 1)));
    assert_eq!(get(b, "NodeResourcesFit"), Some((75, 1)));
    assert_eq!(get(a, "NodeResourcesBalancedAllocation"), Some((75, 1)));
    assert_eq!(get(a, "TaintToleration"), Some((100, 3)));
    assert_eq!(get(a, "ImageLocality"), Some((0, 1)));
    assert_eq!(get(a, "NodeAffinity"), None, "no preferred terms: the plugin skips");
    assert_eq!(a.total, 300 + 25 + 75);
    assert_eq!(b.total, 300 + 75 + 75);
    assert_eq!(
        d.explain_json("default/web", "default-scheduler")["nodes"][1],
        json!({"name": "b", "feasible": true, "scored": true, "total": 450, "scores": {
            "ImageLocality": {"score": 0, "weight": 1},
            "NodeResourcesBalancedAllocation": {"score": 75, "weight": 1},
            "NodeResourcesFit": {"score": 75, "weight": 1},
            "TaintToleration": {"score": 100, "weight": 3}}})
    );
}

#[test]
fn best_effort_pods_skip_balanced_allocation_and_ties_go_to_the_lowest_name() {
    let nodes = vec![node("c", "4", "8Gi", "110"), node("a", "4", "8Gi", "110"), node("b", "4", "8Gi", "110")];
    let cache = cache_of(&nodes, &[]);
    let d = schedule_one(&cache, &pod("be", &[]), &SchedulerConfig::default(), 1);
    assert_eq!(d.selected.as_deref(), Some("a"));
    assert!(d.nodes.iter().all(|v| { v.scored && v.scores.iter().all(|s| s.plugin != balanced_allocation::NAME) }));
    let names: Vec<&str> = d.nodes.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(names, vec!["a", "b", "c"]);
}

#[test]
fn preferred_affinity_and_prefer_no_schedule_taints_are_normalised() {
    let mut ssd = node("ssd", "4", "8Gi", "110");
    ssd.metadata.labels = Some([("disk".to_string(), "ssd".to_string())].into_iter().collect());
    let soft = tainted(node("soft", "4", "8Gi", "110"), "flaky", "PreferNoSchedule");
    let plain = node("plain", "4", "8Gi", "110");
    let cache = cache_of(&[ssd, soft, plain], &[]);
    let mut p = pod("web", &[("cpu", "100m")]);
    if let Some(spec) = p.spec.as_mut() {
        spec.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                preferred_during_scheduling_ignored_during_execution: Some(vec![
                    k8s_openapi::api::core::v1::PreferredSchedulingTerm {
                        weight: 10,
                        preference: NodeSelectorTerm {
                            match_expressions: Some(vec![NodeSelectorRequirement {
                                key: "disk".into(),
                                operator: "In".into(),
                                values: Some(vec!["ssd".into()]),
                            }]),
                            match_fields: None,
                        },
                    },
                ]),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(d.selected.as_deref(), Some("ssd"));
    let score = |name: &str, plugin: &str| {
        d.nodes
            .iter()
            .find(|v| v.name == name)
            .and_then(|v| v.scores.iter().find(|s| s.plugin == plugin))
            .map(|s| s.score)
    };
    assert_eq!(score("ssd", "NodeAffinity"), Some(100));
    assert_eq!(score("plain", "NodeAffinity"), Some(0));
    assert_eq!(score("soft", "TaintToleration"), Some(0));
    assert_eq!(score("plain", "TaintToleration"), Some(100));
}

#[test]
fn daemonset_pods_pin_a_node_with_match_fields() {
    let (nodes, _) = kind_like_cluster();
    let cache = cache_of(&nodes, &[]);
    let mut p = pod("kindnet-abcde", &[("cpu", "100m")]);
    if let Some(spec) = p.spec.as_mut() {
        spec.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: None,
                        match_fields: Some(vec![NodeSelectorRequirement {
                            key: "metadata.name".into(),
                            operator: "In".into(),
                            values: Some(vec!["control-plane".into()]),
                        }]),
                    }],
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 node(s) didn't satisfy plugin(s) \
             [NodeAffinity]. no new claims to deallocate, preemption: 0/4 nodes are available: 4 Preemption is \
             not helpful for scheduling."
        )
    );
    // Tolerating the control-plane taint puts it there without scoring (one feasible node).
    if let Some(spec) = p.spec.as_mut() {
        spec.tolerations = Some(vec![Toleration { operator: Some("Exists".into()), ..Default::default() }]);
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(d.selected.as_deref(), Some("control-plane"));
    assert_eq!(d.evaluated_nodes, 1);
}

#[test]
fn conflicting_required_terms_reject_at_pre_filter() {
    let (nodes, _) = kind_like_cluster();
    let cache = cache_of(&nodes, &[]);
    let mut p = pod("p", &[]);
    let field = |name: &str| NodeSelectorRequirement {
        key: "metadata.name".into(),
        operator: "In".into(),
        values: Some(vec![name.into()]),
    };
    if let Some(spec) = p.spec.as_mut() {
        spec.affinity = Some(Affinity {
            node_affinity: Some(NodeAffinity {
                required_during_scheduling_ignored_during_execution: Some(NodeSelector {
                    node_selector_terms: vec![NodeSelectorTerm {
                        match_expressions: None,
                        match_fields: Some(vec![field("worker-1"), field("worker-2")]),
                    }],
                }),
                ..Default::default()
            }),
            ..Default::default()
        });
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/4 nodes are available: pod affinity terms conflict. no new claims to deallocate, preemption: 0/4 \
             nodes are available: 4 Preemption is not helpful for scheduling."
        )
    );
    assert!(d.nodes.iter().all(|v| v.rejected_by == Some("NodeAffinity")));
}

#[test]
fn node_selector_cordon_ports_and_pod_count() {
    let mut cordoned = node("cordoned", "4", "8Gi", "110");
    if let Some(spec) = cordoned.spec.as_mut() {
        spec.unschedulable = Some(true);
    }
    let full = node("full", "4", "8Gi", "1");
    let ports = node("ports", "4", "8Gi", "110");
    let mut labelled = node("labelled", "4", "8Gi", "110");
    labelled.metadata.labels = Some([("disk".to_string(), "hdd".to_string())].into_iter().collect());
    let with_port = |name: &str, host_ip: Option<&str>| {
        let mut p = pod(name, &[]);
        if let Some(spec) = p.spec.as_mut() {
            spec.containers[0].ports = Some(vec![ContainerPort {
                container_port: 80,
                host_port: Some(8080),
                host_ip: host_ip.map(str::to_string),
                ..Default::default()
            }]);
        }
        p
    };
    let existing = vec![bound(pod("only", &[]), "full"), bound(with_port("web-0", Some("10.0.0.1")), "ports")];
    let cache = cache_of(&[cordoned, full, ports, labelled], &existing);
    let mut p = with_port("web-1", None);
    if let Some(spec) = p.spec.as_mut() {
        spec.node_selector = Some([("disk".to_string(), "ssd".to_string())].into_iter().collect());
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig { percentage_of_nodes_to_score: 0, dynamic_resources: false }, 0);
    let by_name: BTreeMap<&str, (&str, String)> =
        d.nodes.iter().map(|v| (v.name.as_str(), (v.rejected_by.unwrap_or(""), v.reasons.join(", ")))).collect();
    assert_eq!(by_name["cordoned"], ("NodeUnschedulable", "node(s) were unschedulable".to_string()));
    assert_eq!(by_name["full"].1, "node(s) didn't match Pod's node affinity/selector");
    assert_eq!(by_name["labelled"].1, "node(s) didn't match Pod's node affinity/selector");
    assert_eq!(by_name["ports"].1, "node(s) didn't match Pod's node affinity/selector");
    // Without the selector, the port clash (0.0.0.0 overlaps 10.0.0.1) and the pod count show.
    if let Some(spec) = p.spec.as_mut() {
        spec.node_selector = None;
    }
    let d = schedule_one(&cache, &p, &SchedulerConfig { percentage_of_nodes_to_score: 0, dynamic_resources: false }, 0);
    assert_eq!(d.selected.as_deref(), Some("labelled"));
    let p2 = with_port("web-2", Some("10.0.0.2"));
    let d2 = schedule_one(&cache, &p2, &SchedulerConfig::default(), 0);
    let ports_verdict = d2.nodes.iter().find(|v| v.name == "ports").map(|v| v.feasible);
    assert_eq!(ports_verdict, Some(true), "different host IPs do not clash");
    let mut cache = cache;
    cache.remove_node("labelled");
    let d = schedule_one(&cache, &p, &SchedulerConfig { percentage_of_nodes_to_score: 0, dynamic_resources: false }, 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/3 nodes are available: 1 Too many pods, 1 node(s) didn't have free ports for the requested pod ports, \
             1 node(s) were unschedulable. preemption: 0/3 nodes are available: 1 Preemption is not helpful for \
             scheduling, 2 No preemption victims found for incoming pod."
        )
    );
}

#[test]
fn preemption_nominates_a_node_and_picks_victims() {
    let nodes = vec![node("a", "2", "8Gi", "110"), node("b", "2", "8Gi", "110")];
    let pods = vec![
        with_priority(bound(pod("low-a1", &[("cpu", "1")]), "a"), 10),
        with_priority(bound(pod("low-a2", &[("cpu", "1")]), "a"), 20),
        with_priority(bound(pod("high-b", &[("cpu", "1500m")]), "b"), 1000),
        with_priority(bound(pod("low-b", &[("cpu", "500m")]), "b"), 5),
    ];
    let cache = cache_of(&nodes, &pods);
    let p = with_priority(pod("urgent", &[("cpu", "1")]), 100);
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    assert_eq!(d.selected, None);
    // On b, evicting low-b frees only 500m; on a, one victim (the lowest priority one) is enough.
    assert_eq!(d.preemption, Some(Preemption { node: "a".into(), victims: vec!["default/low-a1".into()] }));
    assert_eq!(d.fit_error_message().as_deref(), Some("0/2 nodes are available: 2 Insufficient cpu."));

    // preemptionPolicy: Never.
    let mut never = p.clone();
    if let Some(spec) = never.spec.as_mut() {
        spec.preemption_policy = Some("Never".into());
    }
    let d = schedule_one(&cache, &never, &SchedulerConfig::default(), 0);
    assert_eq!(d.preemption, None);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: not eligible due \
             to preemptionPolicy=Never."
        )
    );

    // A pod that would not fit even on an emptied node: the node's own status shows in the preemption part.
    let giant = with_priority(pod("giant", &[("cpu", "3")]), 100);
    let d = schedule_one(&cache, &giant, &SchedulerConfig::default(), 0);
    assert_eq!(
        d.fit_error_message().as_deref(),
        Some(
            "0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are \
             available: 2 Insufficient cpu."
        )
    );
}

/// `TestNumFeasibleNodesToFind` in schedule_one_test.go and the examples in k8s-semantics.md §7.2.
#[test]
fn num_feasible_nodes_to_find_table() {
    assert_eq!(num_feasible_nodes_to_find(0, 10), 10);
    assert_eq!(num_feasible_nodes_to_find(40, 10), 10);
    assert_eq!(num_feasible_nodes_to_find(0, 50), 50);
    assert_eq!(num_feasible_nodes_to_find(0, 100), 100);
    assert_eq!(num_feasible_nodes_to_find(0, 1000), 420);
    assert_eq!(num_feasible_nodes_to_find(40, 1000), 400);
    assert_eq!(num_feasible_nodes_to_find(0, 5000), 500);
    assert_eq!(num_feasible_nodes_to_find(0, 6000), 300);
    assert_eq!(num_feasible_nodes_to_find(20, 6000), 1200);
    assert_eq!(num_feasible_nodes_to_find(100, 6000), 6000);
    assert_eq!(num_feasible_nodes_to_find(1, 1000), 100);
}

#[test]
fn large_clusters_rotate_the_start_index() {
    let nodes: Vec<Node> = (0..150).map(|i| node(&format!("n{i:03}"), "4", "8Gi", "110")).collect();
    let cache = cache_of(&nodes, &[]);
    let p = pod("web", &[("cpu", "100m")]);
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), 0);
    // 150 nodes: 49% → 73, raised to the minimum of 100.
    assert_eq!(d.feasible_nodes, 100);
    assert_eq!(d.next_start_index, 100);
    assert_eq!(d.nodes.iter().filter(|v| v.evaluated).count(), 100);
    assert_eq!(d.selected.as_deref(), Some("n000"));
    let json = d.explain_json("default/web", "default-scheduler");
    assert_eq!(json["nodes"][120], json!({"name": "n120", "evaluated": false, "scored": false}));
    let d = schedule_one(&cache, &p, &SchedulerConfig::default(), d.next_start_index);
    assert_eq!(d.next_start_index, 50);
    // Nodes 100..150 then 0..50 were looked at; all equal, so the lowest name wins.
    assert_eq!(d.selected.as_deref(), Some("n000"));
    assert!(!d.nodes[50].evaluated);
}

#[test]
fn cache_counts_incrementally() {
    let mut cache = cache_of(&[node("a", "4", "8Gi", "110")], &[]);
    let web = bound(pod("web", &[("cpu", "250m"), ("memory", "64Mi")]), "a");
    cache.add_pod(&web);
    cache.add_pod(&web);
    assert_eq!(cache.pod_count("a"), 1);
    assert_eq!(cache.requested("a").map(|r| (r.milli_cpu, r.memory)), Some((250, 64 * 1024 * 1024)));
    // A pod bound to a node the cache has not seen yet is kept for it.
    let early = bound(pod("early", &[("cpu", "1")]), "b");
    cache.add_pod(&early);
    assert_eq!(cache.node_names().collect::<Vec<_>>(), vec!["a"]);
    cache.upsert_node(&node("b", "4", "8Gi", "110"));
    assert_eq!(cache.requested("b").map(|r| r.milli_cpu), Some(1000));
    assert_eq!(cache.node_names().collect::<Vec<_>>(), vec!["a", "b"]);
    // Terminal pods stop counting; removal is by namespace/name.
    let mut done = web.clone();
    done.status = Some(PodStatus { phase: Some("Succeeded".into()), ..Default::default() });
    cache.add_pod(&done);
    assert_eq!(cache.pod_count("a"), 0);
    assert_eq!(cache.requested("a").map(|r| r.milli_cpu), Some(0));
    cache.remove_node("b");
    assert_eq!(cache.node_count(), 1);
    cache.remove_pod(&early);
    assert_eq!(cache.pod_count("b"), 0);
    // A snapshot is independent of later changes.
    let snapshot = cache.clone();
    cache.add_pod(&web);
    assert_eq!(snapshot.pod_count("a"), 0);
    assert_eq!(cache.pod_count("a"), 1);
}

#[test]
fn image_locality_counts_nodes_having_the_image() {
    let mut with_image = node("cached", "4", "8Gi", "110");
    if let Some(status) = with_image.status.as_mut() {
        status.images = Some(vec![ContainerImage {
            names: Some(vec!["nginx:latest".into()]),
            size_bytes: Some(500 * 1024 * 1024),
        }]);
    }
    let cache = cache_of(&[with_image, node("cold", "4", "8Gi", "110")], &[]);
    let d = schedule_one(&cache, &pod("web", &[("cpu", "100m")]), &SchedulerConfig::default(), 0);
    assert_eq!(d.selected.as_deref(), Some("cached"));
    // 500 MiB × 1/2 nodes = 250 MiB → 100 × (250 − 23) / (1000 − 23) = 23.
    let image = d.nodes[0].scores.iter().find(|s| s.plugin == "ImageLocality").map(|s| s.score);
    assert_eq!(image, Some(23));
}

/// `TestEnoughRequests` in fit_test.go (node allocatable 10m cpu, 20 bytes memory, 32 pods).
#[test]
fn fit_filter_cases_from_upstream() {
    let alloc_node = || node("machine", "10m", "20", "32");
    let check = |existing: &[(&str, &str)], requests: &[(&str, &str)], init: Option<&[(&str, &str)]>| -> Vec<String> {
        let cache = cache_of(&[alloc_node()], &[bound(pod("existing", existing), "machine")]);
        let mut p = pod("p", requests);
        if let (Some(init), Some(spec)) = (init, p.spec.as_mut()) {
            spec.init_containers = Some(vec![Container {
                name: "init".into(),
                resources: Some(ResourceRequirements { requests: Some(list(init)), ..Default::default() }),
                ..Default::default()
            }]);
        }
        match fits_node(&cache, &p, "machine") {
            Ok(()) => Vec::new(),
            Err(r) => r.reasons,
        }
    };
    // "no resources requested always fits"
    assert!(check(&[("cpu", "10m"), ("memory", "20")], &[], None).is_empty());
    // "too many resources fails"
    assert_eq!(
        check(&[("cpu", "10m"), ("memory", "20")], &[("cpu", "1m"), ("memory", "1")], None),
        vec!["Insufficient cpu", "Insufficient memory"]
    );
    // "too many resources fails due to init container cpu"
    assert_eq!(
        check(
            &[("cpu", "8m"), ("memory", "19")],
            &[("cpu", "1m"), ("memory", "1")],
            Some(&[("cpu", "3m"), ("memory", "1")])
        ),
        vec!["Insufficient cpu"]
    );
    // "both resources fit"
    assert!(check(&[("cpu", "5m"), ("memory", "5")], &[("cpu", "1m"), ("memory", "1")], None).is_empty());
    // "one resource memory fits"
    assert_eq!(
        check(&[("cpu", "9m"), ("memory", "5")], &[("cpu", "2m"), ("memory", "1")], None),
        vec!["Insufficient cpu"]
    );
    // "one resource cpu fits"
    assert_eq!(
        check(&[("cpu", "5m"), ("memory", "19")], &[("cpu", "1m"), ("memory", "2")], None),
        vec!["Insufficient memory"]
    );
    // "equal edge case"
    assert!(check(&[("cpu", "5m"), ("memory", "19")], &[("cpu", "5m"), ("memory", "1")], None).is_empty());
    // "extended resource capacity enforced"
    assert_eq!(check(&[], &[("example.com/aaa", "10")], None), vec!["Insufficient example.com/aaa"]);
}

#[test]
fn decisions_are_deterministic() {
    let (nodes, pods) = kind_like_cluster();
    let cache = cache_of(&nodes, &pods);
    let p = pod("small", &[("cpu", "200m")]);
    let first = schedule_one(&cache, &p, &SchedulerConfig::default(), 3);
    for _ in 0..5 {
        assert_eq!(schedule_one(&cache.clone(), &p, &SchedulerConfig::default(), 3), first);
    }
}
