//! Pod helpers shared by controllers: readiness, availability, activity, creating pods from templates and
//! the ranking used to pick which pods a scale-down deletes.
//!
//! Follows `pkg/api/v1/pod/util.go` (IsPodReady, IsPodAvailable) and `pkg/controller/controller_utils.go`
//! (FilterActivePods, ActivePodsWithRanks, GetPodFromTemplate).

use std::cmp::Ordering;

use k8s_openapi::api::core::v1::{Pod, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{ObjectMeta, OwnerReference};

use crate::time::SimTime;

pub fn phase(pod: &Pod) -> &str {
    pod.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending")
}

/// Not terminal and not being deleted (`controller.IsPodActive`).
pub fn is_active(pod: &Pod) -> bool {
    let p = phase(pod);
    p != "Succeeded" && p != "Failed" && pod.metadata.deletion_timestamp.is_none()
}

pub fn is_terminating(pod: &Pod) -> bool {
    pod.metadata.deletion_timestamp.is_some()
}

/// The Ready condition's status and last transition.
pub fn ready_since(pod: &Pod) -> Option<SimTime> {
    let cond = pod.status.as_ref()?.conditions.as_ref()?.iter().find(|c| c.type_ == "Ready")?;
    if cond.status != "True" {
        return None;
    }
    Some(cond.last_transition_time.as_ref().map(|t| SimTime::from_timestamp(&t.0)).unwrap_or_default())
}

pub fn is_ready(pod: &Pod) -> bool {
    ready_since(pod).is_some()
}

/// Ready for at least `min_ready_seconds` (`podutil.IsPodAvailable`).
pub fn is_available(pod: &Pod, min_ready_seconds: i32, now: SimTime) -> bool {
    match ready_since(pod) {
        None => false,
        Some(_) if min_ready_seconds <= 0 => true,
        Some(t) => t.plus_secs(min_ready_seconds as u64) <= now,
    }
}

/// Milliseconds until a ready pod becomes available, if it is ready but not yet available.
pub fn until_available(pod: &Pod, min_ready_seconds: i32, now: SimTime) -> Option<u64> {
    let t = ready_since(pod)?;
    let at = t.plus_secs(min_ready_seconds.max(0) as u64);
    (at > now).then(|| at.since(now))
}

pub fn controller_ref_of(meta: &ObjectMeta) -> Option<&OwnerReference> {
    meta.owner_references.iter().flatten().find(|r| r.controller == Some(true))
}

pub fn owner_ref(api_version: &str, kind: &str, meta: &ObjectMeta) -> OwnerReference {
    OwnerReference {
        api_version: api_version.to_string(),
        kind: kind.to_string(),
        name: meta.name.clone().unwrap_or_default(),
        uid: meta.uid.clone().unwrap_or_default(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// A new pod from a controller's template (`GetPodFromTemplate`): generateName `<prefix>-`, the
/// template's labels and annotations, a controllerRef to the owner.
pub fn pod_from_template(template: &PodTemplateSpec, namespace: &str, prefix: &str, owner: OwnerReference) -> Pod {
    let tmeta = template.metadata.clone().unwrap_or_default();
    Pod {
        metadata: ObjectMeta {
            generate_name: Some(format!("{prefix}-")),
            namespace: Some(namespace.to_string()),
            labels: tmeta.labels,
            annotations: tmeta.annotations,
            finalizers: tmeta.finalizers,
            owner_references: Some(vec![owner]),
            ..Default::default()
        },
        spec: template.spec.clone(),
        status: None,
    }
}

/// `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`. `rank` is the number of
/// active pods of the same owner family on each pod's node.
pub fn delete_before(a: &Pod, rank_a: usize, b: &Pod, rank_b: usize, now: SimTime) -> Ordering {
    let assigned = |p: &Pod| p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some_and(|n| !n.is_empty());
    // 1. Unassigned before assigned.
    if assigned(a) != assigned(b) {
        return if !assigned(a) { Ordering::Less } else { Ordering::Greater };
    }
    // 2. Pending < Unknown < Running.
    let phase_rank = |p: &Pod| match phase(p) {
        "Pending" => 0,
        "Unknown" => 1,
        "Running" => 2,
        _ => 3,
    };
    if phase_rank(a) != phase_rank(b) {
        return phase_rank(a).cmp(&phase_rank(b));
    }
    // 3. Not ready before ready.
    if is_ready(a) != is_ready(b) {
        return if !is_ready(a) { Ordering::Less } else { Ordering::Greater };
    }
    // 4. Lower pod-deletion-cost first.
    let cost = |p: &Pod| {
        p.metadata
            .annotations
            .as_ref()
            .and_then(|m| m.get("controller.kubernetes.io/pod-deletion-cost"))
            .and_then(|v| v.parse::<i32>().ok())
            .unwrap_or(0)
    };
    if cost(a) != cost(b) {
        return cost(a).cmp(&cost(b));
    }
    // 5. Higher rank (more colocated pods) first.
    if rank_a != rank_b {
        return rank_b.cmp(&rank_a);
    }
    // 6. Both ready: more recently ready first, compared on a log2 scale (LogarithmicScaleDown).
    if let (Some(ra), Some(rb)) = (ready_since(a), ready_since(b)) {
        let (la, lb) = (log_bucket(now.since(ra)), log_bucket(now.since(rb)));
        if la != lb {
            return la.cmp(&lb);
        }
    }
    // 7. Higher restart count first.
    let restarts = |p: &Pod| {
        p.status
            .as_ref()
            .and_then(|s| s.container_statuses.as_ref())
            .map(|cs| cs.iter().map(|c| c.restart_count).max().unwrap_or(0))
            .unwrap_or(0)
    };
    if restarts(a) != restarts(b) {
        return restarts(b).cmp(&restarts(a));
    }
    // 8. Newer first (log scale), then by uid for a total order.
    let created =
        |p: &Pod| p.metadata.creation_timestamp.as_ref().map(|t| SimTime::from_timestamp(&t.0)).unwrap_or_default();
    let (ca, cb) = (log_bucket(now.since(created(a))), log_bucket(now.since(created(b))));
    if ca != cb {
        return ca.cmp(&cb);
    }
    a.metadata.uid.cmp(&b.metadata.uid)
}

fn log_bucket(ms: u64) -> u32 {
    let ns = (ms as u128) * 1_000_000;
    if ns == 0 { 0 } else { 128 - ns.leading_zeros() }
}
