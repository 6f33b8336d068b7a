//! The ReplicaSet controller: adopts and releases pods, creates and deletes pods to match replicas, and
//! keeps the status counts.
//!
//! Follows `pkg/controller/replicaset/replica_set.go` (syncReplicaSet, manageReplicas,
//! getPodsToDelete) and `replica_set_utils.go` (calculateStatus), with adoption per
//! `pkg/controller/controller_ref_manager.go`.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ReplicaSet, ReplicaSetStatus};
use k8s_openapi::api::core::v1::Pod;

use super::pods::{self, owner_ref};
use crate::api::{Api, DeleteOptions};
use crate::kinds::GroupKind;
use crate::object::{Object, ObjectKey};
use crate::selector;

/// `burstReplicas`: at most this many creations or deletions per sync.
const BURST_REPLICAS: i32 = 500;
const COMPONENT: &str = "replicaset-controller";

pub fn reconcile(api: &mut Api, key: &ObjectKey) -> Option<u64> {
    let obj = api.get(key)?;
    let Object::ReplicaSet(rs) = obj.as_ref() else {
        return None;
    };
    let rs: &ReplicaSet = rs;
    let pods = claim_pods(api, &obj, rs);
    let mut requeue = None;
    if rs.metadata.deletion_timestamp.is_none() {
        manage_replicas(api, &obj, rs, &pods);
    }
    // Re-read after writes: the status counts what exists now.
    let pods = owned_pods(api, rs);
    let min_ready = rs.spec.min_ready_seconds.unwrap_or(0);
    let now = api.now;
    let active: Vec<&Arc<Object>> = pods.iter().filter(|p| p.as_pod().is_some_and(pods::is_active)).collect();
    let mut status = ReplicaSetStatus {
        replicas: active.len() as i32,
        observed_generation: rs.metadata.generation,
        ..Default::default()
    };
    let tmpl_labels =
        rs.spec.template.as_ref().and_then(|t| t.metadata.as_ref()).and_then(|m| m.labels.clone()).unwrap_or_default();
    let mut fully = 0;
    let mut ready = 0;
    let mut available = 0;
    for p in &active {
        let Some(pod) = p.as_pod() else { continue };
        let labels = pod.metadata.labels.clone().unwrap_or_default();
        if tmpl_labels.iter().all(|(k, v)| labels.get(k) == Some(v)) {
            fully += 1;
        }
        if pods::is_ready(pod) {
            ready += 1;
            if pods::is_available(pod, min_ready, now) {
                available += 1;
            } else if let Some(ms) = pods::until_available(pod, min_ready, now) {
                requeue = Some(requeue.map_or(ms, |r: u64| r.min(ms)));
            }
        }
    }
    status.fully_labeled_replicas = Some(fully);
    status.ready_replicas = Some(ready);
    status.available_replicas = Some(available);
    let terminating = pods.iter().filter(|p| p.as_pod().is_some_and(pods::is_terminating)).count() as i32;
    status.terminating_replicas = Some(terminating);
    if let Some(cur) = api.get(key)
        && let Object::ReplicaSet(cur_rs) = cur.as_ref()
    {
        status.conditions = cur_rs.status.as_ref().and_then(|s| s.conditions.clone());
        // Most wake-ups change nothing: compare before copying the whole ReplicaSet.
        if cur_rs.status.as_ref() != Some(&status) {
            let mut updated = cur_rs.clone();
            updated.status = Some(status);
            let _ = api.update_status(Object::ReplicaSet(updated));
        }
    }
    requeue
}

/// Pods of the namespace this ReplicaSet controls after adoption and release.
fn claim_pods(api: &mut Api, obj: &Arc<Object>, rs: &ReplicaSet) -> Vec<Arc<Object>> {
    let uid = rs.metadata.uid.clone().unwrap_or_default();
    let ns = obj.namespace().to_string();
    let candidates = api.store.owned_or_adoptable(&uid, &GroupKind::new("", "Pod"), &ns);
    let mut owned = Vec::new();
    for p in candidates {
        let Some(pod) = p.as_pod() else { continue };
        let matches = selector::matches(&rs.spec.selector, pod.metadata.labels.as_ref());
        match pods::controller_ref_of(&pod.metadata) {
            Some(r) if r.uid == uid => {
                if matches || pod.metadata.deletion_timestamp.is_some() {
                    owned.push(p.clone());
                } else {
                    // Release: the pod no longer matches, so drop our ownerReference.
                    let mut released = pod.clone();
                    if let Some(refs) = released.metadata.owner_references.as_mut() {
                        refs.retain(|r| r.uid != uid);
                        if refs.is_empty() {
                            released.metadata.owner_references = None;
                        }
                    }
                    let _ = api.write_through(Object::Pod(released));
                }
            }
            Some(_) => {}
            None => {
                if matches
                    && rs.metadata.deletion_timestamp.is_none()
                    && pod.metadata.deletion_timestamp.is_none()
                    && !selector::is_empty(&rs.spec.selector)
                {
                    let mut adopted = pod.clone();
                    adopted.metadata.owner_references.get_or_insert_with(Vec::new).push(owner_ref(
                        "apps/v1",
                        "ReplicaSet",
                        &rs.metadata,
                    ));
                    if let Ok(a) = api.write_through(Object::Pod(adopted)) {
                        owned.push(a);
                    }
                }
            }
        }
    }
    owned
}

fn owned_pods(api: &Api, rs: &ReplicaSet) -> Vec<Arc<Object>> {
    let uid = rs.metadata.uid.clone().unwrap_or_default();
    api.store
        .owned_by(&uid, &GroupKind::new("", "Pod"))
        .into_iter()
        .filter(|p| pods::controller_ref_of(p.meta()).is_some_and(|r| r.uid == uid))
        .collect()
}

fn manage_replicas(api: &mut Api, obj: &Arc<Object>, rs: &ReplicaSet, owned: &[Arc<Object>]) {
    let active: Vec<&Pod> = owned.iter().filter_map(|p| p.as_pod()).filter(|p| pods::is_active(p)).collect();
    let want = rs.spec.replicas.unwrap_or(1);
    let diff = active.len() as i32 - want;
    let name = obj.name().to_string();
    let ns = obj.namespace().to_string();
    if diff < 0 {
        let Some(template) = rs.spec.template.clone() else {
            return;
        };
        let mut remaining = (-diff).min(BURST_REPLICAS);
        // Slow start: batches of 1, 2, 4, … stop at the first batch with a failure.
        let mut batch = 1;
        while remaining > 0 {
            let n = batch.min(remaining);
            let mut failed = false;
            for _ in 0..n {
                let pod =
                    pods::pod_from_template(&template, &ns, &name, owner_ref("apps/v1", "ReplicaSet", &rs.metadata));
                match crate::admission::create(api, Object::Pod(pod)) {
                    Ok(created) => {
                        let msg = format!("Created pod: {}", created.name());
                        api.record_event(obj, "Normal", "SuccessfulCreate", &msg, COMPONENT, None);
                    }
                    Err(e) => {
                        let msg = format!("Error creating: {}", e.message);
                        api.record_event(obj, "Warning", "FailedCreate", &msg, COMPONENT, None);
                        failed = true;
                    }
                }
            }
            if failed {
                break;
            }
            remaining -= n;
            batch *= 2;
        }
    } else if diff > 0 {
        let n = diff.min(BURST_REPLICAS) as usize;
        let victims = pods_to_delete(api, rs, &active, n);
        for v in victims {
            let key = ObjectKey::pod(&ns, v.metadata.name.as_deref().unwrap_or(""));
            if api.delete(&key, DeleteOptions::default()).is_ok() {
                let msg = format!("Deleted pod: {}", key.name);
                api.record_event(obj, "Normal", "SuccessfulDelete", &msg, COMPONENT, None);
            }
        }
    }
}

/// `getPodsToDelete`: rank by colocation with pods of the same owner family, then sort.
fn pods_to_delete<'a>(api: &Api, rs: &ReplicaSet, active: &[&'a Pod], n: usize) -> Vec<&'a Pod> {
    if n >= active.len() {
        return active.to_vec();
    }
    // Pods of every ReplicaSet with the same controller (the Deployment's family) count for the rank.
    // Read through the owner index: the family's ReplicaSets, then their pods.
    let family_uids: Vec<String> = match pods::controller_ref_of(&rs.metadata) {
        Some(owner) => api
            .store
            .owned_by(&owner.uid, &GroupKind::new("apps", "ReplicaSet"))
            .iter()
            .filter(|o| pods::controller_ref_of(o.meta()).is_some_and(|r| r.uid == owner.uid))
            .filter_map(|o| o.meta().uid.clone())
            .collect(),
        None => rs.metadata.uid.clone().into_iter().collect(),
    };
    let mut per_node: BTreeMap<String, usize> = BTreeMap::new();
    for uid in &family_uids {
        for p in api.store.owned_by(uid, &GroupKind::new("", "Pod")) {
            let Some(pod) = p.as_pod() else { continue };
            let controlled = pods::controller_ref_of(&pod.metadata).is_some_and(|r| &r.uid == uid);
            if controlled && pods::is_active(pod) {
                if let Some(node) = pod.spec.as_ref().and_then(|s| s.node_name.clone()) {
                    *per_node.entry(node).or_default() += 1;
                }
            }
        }
    }
    let rank = |p: &Pod| {
        p.spec.as_ref().and_then(|s| s.node_name.as_ref()).and_then(|n| per_node.get(n)).copied().unwrap_or(0)
    };
    let now = api.now;
    let mut sorted = active.to_vec();
    sorted.sort_by(|a, b| pods::delete_before(a, rank(a), b, rank(b), now));
    sorted.truncate(n);
    sorted
}
