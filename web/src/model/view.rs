//! What the views draw, read from the store at one instant: nodes with their pods, the Pending lane, the
//! Deployment → ReplicaSet → Pod tree and the event list. Every word comes from the objects (pod STATUS as
//! kubectl's printer computes it, FailedScheduling messages from the scheduler's events), so the views and
//! `kubectl` never disagree.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Event, Node, Pod};
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::quantity::parse_quantity;
use kubeplay_engine::scheduler::pod_requests;
use kubeplay_engine::store::Store;
use kubeplay_engine::{Object, SimTime};
use kubeplay_kubectl::table;

/// The whole picture at one instant.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClusterView {
    pub now_ms: u64,
    pub nodes: Vec<NodeView>,
    /// Pods no node has been chosen for, in creation order.
    pub pending: Vec<PodView>,
    pub deployments: Vec<DeploymentView>,
    /// ReplicaSets without a Deployment above them.
    pub replica_sets: Vec<ReplicaSetView>,
    /// Pods no controller owns.
    pub bare_pods: Vec<PodView>,
    pub pod_total: usize,
    pub pod_running: usize,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct NodeView {
    pub name: String,
    /// `control-plane` or `worker`.
    pub role: String,
    pub ready: bool,
    pub unschedulable: bool,
    pub internal_ip: String,
    pub cpu_allocatable_milli: i64,
    pub cpu_requested_milli: i64,
    pub memory_allocatable: i64,
    pub memory_requested: i64,
    pub pods_allocatable: i64,
    /// `key=value:Effect`, as `kubectl describe node` lists them.
    pub taints: Vec<String>,
    pub conditions: Vec<ConditionView>,
    pub pods: Vec<PodView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConditionView {
    pub type_: String,
    pub status: String,
    pub reason: String,
    /// Whether this is the healthy state (Ready=True, pressure conditions False).
    pub healthy: bool,
}

/// How a pod chip is drawn; the text beside it always says the same in words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PodClass {
    Running,
    /// Running, but not every container is ready.
    Unready,
    Pending,
    Creating,
    Succeeded,
    Failed,
    /// Waiting with an error (CrashLoopBackOff, ErrImagePull, ImagePullBackOff, …).
    Error,
    Terminating,
}

impl PodClass {
    pub fn css(self) -> &'static str {
        match self {
            PodClass::Running => "pod--running",
            PodClass::Unready => "pod--unready",
            PodClass::Pending => "pod--pending",
            PodClass::Creating => "pod--creating",
            PodClass::Succeeded => "pod--succeeded",
            PodClass::Failed => "pod--failed",
            PodClass::Error => "pod--error",
            PodClass::Terminating => "pod--terminating",
        }
    }

    /// A glyph that tells the state apart without colour.
    pub fn icon(self) -> &'static str {
        match self {
            PodClass::Running => "●",
            PodClass::Unready => "◐",
            PodClass::Pending => "○",
            PodClass::Creating => "◌",
            PodClass::Succeeded => "✓",
            PodClass::Failed => "✕",
            PodClass::Error => "!",
            PodClass::Terminating => "⊘",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OwnerView {
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodView {
    pub namespace: String,
    pub name: String,
    /// kubectl's STATUS column.
    pub status: String,
    /// kubectl's READY column (`1/1`).
    pub ready: String,
    pub restarts: String,
    pub class: PodClass,
    pub owner: Option<OwnerView>,
    /// What the chip is labelled with: the Deployment (or other top owner) the pod belongs to.
    pub app: String,
    pub node: Option<String>,
    /// The latest FailedScheduling message, for pods that wait for a node.
    pub reason: Option<String>,
    pub cpu_request_milli: i64,
    pub memory_request: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DeploymentView {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub desired: i32,
    pub ready: i32,
    pub up_to_date: i32,
    pub available: i32,
    /// `RollingUpdate (maxSurge 25%, maxUnavailable 25%)` or `Recreate`.
    pub strategy: String,
    pub revision: String,
    pub paused: bool,
    pub conditions: Vec<ConditionView>,
    /// The Deployment's own events, oldest first: the rollout chart's markers.
    pub events: Vec<EventView>,
    /// Newest revision first.
    pub replica_sets: Vec<ReplicaSetView>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReplicaSetView {
    pub namespace: String,
    pub name: String,
    pub uid: String,
    pub revision: String,
    pub desired: i32,
    pub current: i32,
    pub ready: i32,
    pub images: String,
    pub pods: Vec<PodView>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EventView {
    pub namespace: String,
    /// When it was last seen, in simulated milliseconds.
    pub last_ms: u64,
    /// `Normal` or `Warning`.
    pub type_: String,
    pub reason: String,
    /// `pod/web-7c5ddbdf54-x8k2p`, as kubectl's OBJECT column.
    pub object: String,
    pub kind: String,
    pub name: String,
    pub message: String,
    pub count: i32,
}

const POD: GroupKind = GroupKind::new("", "Pod");
const NODE: GroupKind = GroupKind::new("", "Node");
const EVENT: GroupKind = GroupKind::new("", "Event");
const DEPLOYMENT: GroupKind = GroupKind::new("apps", "Deployment");
const REPLICA_SET: GroupKind = GroupKind::new("apps", "ReplicaSet");

impl ClusterView {
    /// Reads the store. `system` also includes the kube-system (and other kube-*) namespaces in the
    /// workload tree; nodes always show every pod they run.
    pub fn build(store: &Store, now: SimTime, system: bool) -> ClusterView {
        // Only the events the views need are converted: thousands of pod events cost more than the rest.
        let events: Vec<EventView> = store
            .list(&EVENT, None)
            .filter_map(|o| o.as_event())
            .filter(|e| {
                e.reason.as_deref() == Some("FailedScheduling")
                    || e.involved_object.kind.as_deref() == Some("Deployment")
            })
            .map(event_view)
            .collect();
        let mut scheduling: BTreeMap<(&str, &str), &EventView> = BTreeMap::new();
        for e in events.iter().filter(|e| e.reason == "FailedScheduling" && e.kind == "Pod") {
            let slot = scheduling.entry((e.namespace.as_str(), e.name.as_str())).or_insert(e);
            if e.last_ms >= slot.last_ms {
                *slot = e;
            }
        }
        let rs_owner: BTreeMap<String, String> = store
            .list(&REPLICA_SET, None)
            .filter_map(|o| {
                let owner = controller_of(o)?;
                (owner.kind == "Deployment").then(|| (o.meta().uid.clone().unwrap_or_default(), owner.name))
            })
            .collect();

        let mut pods_by_node: BTreeMap<String, Vec<PodView>> = BTreeMap::new();
        let mut pods_by_owner: BTreeMap<String, Vec<PodView>> = BTreeMap::new();
        let mut view = ClusterView { now_ms: now.millis(), ..Default::default() };
        let mut pending = Vec::new();
        for obj in store.list(&POD, None) {
            let Some(pod) = obj.as_pod() else { continue };
            let mut pv = pod_view(pod, now);
            if let Some(owner) = controller_ref(pod.metadata.owner_references.as_deref()) {
                let uid = owner.1;
                pv.app = rs_owner.get(&uid).cloned().unwrap_or_else(|| owner.0.name.clone());
                pv.owner = Some(owner.0);
                if system || !is_system(&pv.namespace) {
                    pods_by_owner.entry(uid).or_default().push(pv.clone());
                }
            } else if system || !is_system(&pv.namespace) {
                view.bare_pods.push(pv.clone());
            }
            view.pod_total += 1;
            if pv.class == PodClass::Running {
                view.pod_running += 1;
            }
            match pv.node.clone() {
                Some(node) => pods_by_node.entry(node).or_default().push(pv),
                None => {
                    pv.reason = scheduling.get(&(pv.namespace.as_str(), pv.name.as_str())).map(|e| e.message.clone());
                    let created = pod.metadata.creation_timestamp.as_ref().map(|t| SimTime::from_timestamp(&t.0));
                    pending.push((created, pv));
                }
            }
        }
        pending.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
        view.pending = pending.into_iter().map(|(_, p)| p).collect();

        for obj in store.list(&NODE, None) {
            let Some(node) = obj.as_node() else { continue };
            let mut nv = node_view(node);
            nv.pods = pods_by_node.remove(&nv.name).unwrap_or_default();
            for p in &nv.pods {
                if p.class != PodClass::Succeeded && p.class != PodClass::Failed {
                    nv.cpu_requested_milli += p.cpu_request_milli;
                    nv.memory_requested += p.memory_request;
                }
            }
            view.nodes.push(nv);
        }

        let mut rs_by_deployment: BTreeMap<String, Vec<ReplicaSetView>> = BTreeMap::new();
        for obj in store.list(&REPLICA_SET, None) {
            let Some(rs) = obj.as_replica_set() else { continue };
            if !system && is_system(obj.namespace()) {
                continue;
            }
            let uid = rs.metadata.uid.clone().unwrap_or_default();
            let annotations = rs.metadata.annotations.as_ref();
            let images = rs
                .spec
                .template
                .as_ref()
                .and_then(|t| t.spec.as_ref())
                .map(|s| s.containers.iter().filter_map(|c| c.image.clone()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            let status = rs.status.as_ref();
            let mut pods = pods_by_owner.remove(&uid).unwrap_or_default();
            pods.sort_by(|a, b| a.name.cmp(&b.name));
            let rv = ReplicaSetView {
                namespace: obj.namespace().to_string(),
                name: obj.name().to_string(),
                uid,
                revision: annotations
                    .and_then(|a| a.get("deployment.kubernetes.io/revision"))
                    .cloned()
                    .unwrap_or_default(),
                desired: rs.spec.replicas.unwrap_or(1),
                current: status.map(|s| s.replicas).unwrap_or(0),
                ready: status.and_then(|s| s.ready_replicas).unwrap_or(0),
                images,
                pods,
            };
            match controller_ref(rs.metadata.owner_references.as_deref()) {
                Some((owner, owner_uid)) if owner.kind == "Deployment" => {
                    rs_by_deployment.entry(owner_uid).or_default().push(rv)
                }
                _ => view.replica_sets.push(rv),
            }
        }

        for obj in store.list(&DEPLOYMENT, None) {
            let Some(d) = obj.as_deployment() else { continue };
            if !system && is_system(obj.namespace()) {
                continue;
            }
            let uid = d.metadata.uid.clone().unwrap_or_default();
            let spec = Some(&d.spec);
            let status = d.status.as_ref();
            let strategy = spec.and_then(|s| s.strategy.as_ref());
            let strategy_text = match strategy.and_then(|s| s.type_.as_deref()) {
                Some("Recreate") => "Recreate".to_string(),
                _ => {
                    let ru = strategy.and_then(|s| s.rolling_update.as_ref());
                    let surge = ru.and_then(|r| r.max_surge.as_ref()).map(table::int_or_string).unwrap_or_default();
                    let unavailable =
                        ru.and_then(|r| r.max_unavailable.as_ref()).map(table::int_or_string).unwrap_or_default();
                    format!("RollingUpdate (maxSurge {surge}, maxUnavailable {unavailable})")
                }
            };
            let mut sets = rs_by_deployment.remove(&uid).unwrap_or_default();
            sets.sort_by_key(|s| std::cmp::Reverse(revision_number(&s.revision)));
            view.deployments.push(DeploymentView {
                namespace: obj.namespace().to_string(),
                name: obj.name().to_string(),
                uid,
                desired: spec.and_then(|s| s.replicas).unwrap_or(1),
                ready: status.and_then(|s| s.ready_replicas).unwrap_or(0),
                up_to_date: status.and_then(|s| s.updated_replicas).unwrap_or(0),
                available: status.and_then(|s| s.available_replicas).unwrap_or(0),
                strategy: strategy_text,
                revision: d
                    .metadata
                    .annotations
                    .as_ref()
                    .and_then(|a| a.get("deployment.kubernetes.io/revision"))
                    .cloned()
                    .unwrap_or_default(),
                paused: spec.and_then(|s| s.paused).unwrap_or(false),
                conditions: status
                    .and_then(|s| s.conditions.as_ref())
                    .map(|cs| {
                        cs.iter()
                            .map(|c| ConditionView {
                                type_: c.type_.clone().unwrap_or_default(),
                                status: c.status.clone().unwrap_or_default(),
                                reason: c.reason.clone().unwrap_or_default(),
                                healthy: c.status.as_deref() == Some("True"),
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                replica_sets: sets,
                events: Vec::new(),
            });
        }
        // ReplicaSets whose Deployment is gone (orphaned) stay visible on their own.
        for (_, sets) in rs_by_deployment {
            view.replica_sets.extend(sets);
        }
        // Pods of other controllers (DaemonSets, Jobs, …) are listed with the bare pods, labelled by owner.
        for (_, pods) in pods_by_owner {
            view.bare_pods.extend(pods);
        }
        view.bare_pods.sort_by(|a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));

        let mut events = events;
        events.sort_by(|a, b| a.last_ms.cmp(&b.last_ms).then_with(|| a.object.cmp(&b.object)));
        let index: BTreeMap<(&str, &str), usize> =
            view.deployments.iter().enumerate().map(|(i, d)| ((d.namespace.as_str(), d.name.as_str()), i)).collect();
        let mut owned: Vec<(usize, EventView)> = Vec::new();
        for e in events.iter().filter(|e| e.kind == "Deployment") {
            if let Some(&i) = index.get(&(e.namespace.as_str(), e.name.as_str())) {
                owned.push((i, e.clone()));
            }
        }
        for (i, e) in owned {
            view.deployments[i].events.push(e);
        }
        view
    }
}

/// Every event, oldest first, for the events view (like `kubectl get events -A`).
pub fn events(store: &Store) -> Vec<EventView> {
    let mut events: Vec<EventView> = store.list(&EVENT, None).filter_map(|o| o.as_event().map(event_view)).collect();
    events.sort_by(|a, b| a.last_ms.cmp(&b.last_ms).then_with(|| a.object.cmp(&b.object)));
    events
}

fn is_system(namespace: &str) -> bool {
    namespace.starts_with("kube-") || namespace == "local-path-storage"
}

fn revision_number(r: &str) -> i64 {
    r.parse().unwrap_or(0)
}

fn controller_ref(
    refs: Option<&[k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference]>,
) -> Option<(OwnerView, String)> {
    refs?
        .iter()
        .find(|r| r.controller == Some(true))
        .map(|r| (OwnerView { kind: r.kind.clone(), name: r.name.clone() }, r.uid.clone()))
}

fn controller_of(obj: &Arc<Object>) -> Option<OwnerView> {
    controller_ref(obj.meta().owner_references.as_deref()).map(|(o, _)| o)
}

fn pod_view(pod: &Pod, now: SimTime) -> PodView {
    let summary = table::pod_summary(pod, now);
    let requests = pod_requests(pod);
    let node = pod.spec.as_ref().and_then(|s| s.node_name.clone()).filter(|n| !n.is_empty());
    let class = classify(pod, &summary.status, &summary.ready, node.is_some());
    PodView {
        namespace: pod.metadata.namespace.clone().unwrap_or_default(),
        name: pod.metadata.name.clone().unwrap_or_default(),
        app: String::new(),
        status: summary.status,
        ready: summary.ready,
        restarts: summary.restarts,
        class,
        owner: None,
        node,
        reason: None,
        cpu_request_milli: requests.requests.milli_cpu,
        memory_request: requests.requests.memory,
    }
}

fn classify(pod: &Pod, status: &str, ready: &str, bound: bool) -> PodClass {
    if pod.metadata.deletion_timestamp.is_some() || status == "Terminating" {
        return PodClass::Terminating;
    }
    match status {
        "Running" => {
            let (r, t) = ready.split_once('/').unwrap_or(("0", "0"));
            if r == t { PodClass::Running } else { PodClass::Unready }
        }
        "Completed" | "Succeeded" => PodClass::Succeeded,
        "Failed" | "Error" | "Evicted" | "OOMKilled" => PodClass::Failed,
        "Pending" if !bound => PodClass::Pending,
        "Pending" | "ContainerCreating" | "PodInitializing" => PodClass::Creating,
        s if s.starts_with("Init:") && !s.contains("Err") && !s.contains("BackOff") => PodClass::Creating,
        _ => PodClass::Error,
    }
}

fn node_view(node: &Node) -> NodeView {
    let status = node.status.as_ref();
    let alloc = status.and_then(|s| s.allocatable.as_ref());
    let quantity = |name: &str, milli: bool| {
        alloc
            .and_then(|a| a.get(name))
            .and_then(|q| parse_quantity(&q.0).ok())
            .map(|q| if milli { q.milli_value() } else { q.value() })
            .unwrap_or(0)
    };
    let roles = table::node_roles(node);
    let conditions: Vec<ConditionView> = status
        .and_then(|s| s.conditions.as_ref())
        .map(|cs| {
            cs.iter()
                .map(|c| ConditionView {
                    type_: c.type_.clone(),
                    status: c.status.clone(),
                    reason: c.reason.clone().unwrap_or_default(),
                    healthy: (c.type_ == "Ready") == (c.status == "True"),
                })
                .collect()
        })
        .unwrap_or_default();
    let spec = node.spec.as_ref();
    NodeView {
        name: node.metadata.name.clone().unwrap_or_default(),
        role: if roles.iter().any(|r| r == "control-plane") { "control-plane".into() } else { "worker".into() },
        ready: conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True"),
        unschedulable: spec.and_then(|s| s.unschedulable).unwrap_or(false),
        internal_ip: status
            .and_then(|s| s.addresses.as_ref())
            .and_then(|a| a.iter().find(|a| a.type_ == "InternalIP"))
            .map(|a| a.address.clone())
            .unwrap_or_default(),
        cpu_allocatable_milli: quantity("cpu", true),
        cpu_requested_milli: 0,
        memory_allocatable: quantity("memory", false),
        memory_requested: 0,
        pods_allocatable: quantity("pods", false),
        taints: spec
            .and_then(|s| s.taints.as_ref())
            .map(|ts| {
                ts.iter()
                    .map(|t| match t.value.as_deref().filter(|v| !v.is_empty()) {
                        Some(v) => format!("{}={v}:{}", t.key, t.effect),
                        None => format!("{}:{}", t.key, t.effect),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        conditions,
        pods: Vec::new(),
    }
}

fn event_view(e: &Event) -> EventView {
    let last = e
        .series
        .as_ref()
        .and_then(|s| s.last_observed_time.as_ref())
        .map(|t| SimTime::from_timestamp(&t.0))
        .or_else(|| e.last_timestamp.as_ref().map(|t| SimTime::from_timestamp(&t.0)))
        .or_else(|| e.event_time.as_ref().map(|t| SimTime::from_timestamp(&t.0)))
        .or_else(|| e.first_timestamp.as_ref().map(|t| SimTime::from_timestamp(&t.0)))
        .unwrap_or(SimTime::ZERO);
    let kind = e.involved_object.kind.clone().unwrap_or_default();
    let name = e.involved_object.name.clone().unwrap_or_default();
    let count = e.series.as_ref().and_then(|s| s.count).or(e.count).unwrap_or(1).max(1);
    EventView {
        namespace: e.metadata.namespace.clone().unwrap_or_default(),
        last_ms: last.millis(),
        type_: e.type_.clone().unwrap_or_default(),
        reason: e.reason.clone().unwrap_or_default(),
        object: format!("{}/{name}", kind.to_lowercase()),
        kind,
        name,
        message: e.message.clone().unwrap_or_default(),
        count,
    }
}

/// Each container's state in words, for the inspector: `Running since 00:00:12`, `Waiting: ImagePullBackOff
/// (Back-off pulling image "nginx:1.99")`, `Terminated: Completed (exit code 0)`.
pub fn container_states(store: &Store, namespace: &str, name: &str, now: SimTime) -> Vec<(String, String)> {
    let Some(obj) = store.get(&kubeplay_engine::ObjectKey::new(POD, namespace, name)) else { return Vec::new() };
    let Some(pod) = obj.as_pod() else { return Vec::new() };
    let statuses = pod.status.as_ref();
    let init = statuses.and_then(|s| s.init_container_statuses.as_deref()).unwrap_or(&[]);
    let main = statuses.and_then(|s| s.container_statuses.as_deref()).unwrap_or(&[]);
    let mut out = Vec::new();
    let spec_names: Vec<&str> = pod
        .spec
        .as_ref()
        .map(|s| s.init_containers.iter().flatten().chain(&s.containers).map(|c| c.name.as_str()).collect())
        .unwrap_or_default();
    for name in spec_names {
        let Some(cs) = init.iter().chain(main).find(|c| c.name == name) else {
            out.push((name.to_string(), "Waiting: not created yet".to_string()));
            continue;
        };
        let state = cs.state.as_ref();
        let text = if let Some(r) = state.and_then(|s| s.running.as_ref()) {
            let since = r.started_at.as_ref().map(|t| SimTime::from_timestamp(&t.0));
            let age = since.map(|t| kubeplay_engine::time::human_duration(now.since(t))).unwrap_or_default();
            format!("Running for {age}{}", if cs.ready { ", ready" } else { ", not ready" })
        } else if let Some(w) = state.and_then(|s| s.waiting.as_ref()) {
            let reason = w.reason.clone().unwrap_or_else(|| "Waiting".into());
            match w.message.as_deref().filter(|m| !m.is_empty()) {
                Some(m) => format!("Waiting: {reason} ({m})"),
                None => format!("Waiting: {reason}"),
            }
        } else if let Some(t) = state.and_then(|s| s.terminated.as_ref()) {
            format!("Terminated: {} (exit code {})", t.reason.clone().unwrap_or_default(), t.exit_code)
        } else {
            "Waiting".to_string()
        };
        let restarts = if cs.restart_count > 0 { format!(" · {} restarts", cs.restart_count) } else { String::new() };
        out.push((name.to_string(), format!("{text}{restarts} · {}", cs.image)));
    }
    out
}
