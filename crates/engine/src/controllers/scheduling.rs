//! kube-scheduler's loop around the scheduling framework in [`crate::scheduler`]: the queue of pending pods,
//! binding, `Scheduled` / `FailedScheduling` events, the PodScheduled condition, retries on cluster events,
//! and the last decision per pod for `kubeplay explain`.
//!
//! Follows `pkg/scheduler/schedule_one.go` (scheduleOne, handleSchedulingFailure, bind) and
//! `pkg/scheduler/backend/queue/scheduling_queue.go` (unschedulable pods, moves on cluster events).

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::PodCondition;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use crate::api::Api;
use crate::object::{Object, ObjectKey};
use crate::scheduler::{Decision, SchedulerCache, SchedulerConfig, schedule_one};
use crate::store::{Change, ChangeType};

const COMPONENT: &str = "default-scheduler";
pub const DEFAULT_SCHEDULER: &str = "default-scheduler";
/// `podMaxInUnschedulablePodsDuration`: an unschedulable pod is retried at least this often.
const MAX_UNSCHEDULABLE_MS: u64 = 300_000;

#[derive(Clone, Debug, Default)]
pub struct SchedulerState {
    pub cache: SchedulerCache,
    unschedulable: BTreeSet<ObjectKey>,
    start_index: usize,
    /// The last decision for each pod, as `kubeplay explain pod` shows it.
    pub decisions: BTreeMap<ObjectKey, Decision>,
}

fn bound_node(obj: &Object) -> Option<&str> {
    let pod = obj.as_pod()?;
    let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
    if matches!(phase, Some("Succeeded") | Some("Failed")) {
        return None;
    }
    pod.spec.as_ref()?.node_name.as_deref()
}

impl SchedulerState {
    /// Keeps the cache's per-node accounting in step with pod changes.
    pub fn observe_pod(&mut self, change: &Change) {
        if let Some(old) = &change.old
            && bound_node(old).is_some()
            && let Some(p) = old.as_pod()
        {
            self.cache.remove_pod(p);
        }
        match change.change {
            ChangeType::Deleted => {
                if bound_node(&change.object).is_some()
                    && change.old.is_none()
                    && let Some(p) = change.object.as_pod()
                {
                    self.cache.remove_pod(p);
                }
                self.unschedulable.remove(&change.key);
                self.decisions.remove(&change.key);
            }
            _ => {
                if bound_node(&change.object).is_some() {
                    if let Some(p) = change.object.as_pod() {
                        self.cache.add_pod(p);
                    }
                    self.unschedulable.remove(&change.key);
                }
            }
        }
    }

    pub fn observe_node(&mut self, change: &Change) {
        match (change.change, change.object.as_node()) {
            (ChangeType::Deleted, Some(n)) => self.cache.remove_node(n.metadata.name.as_deref().unwrap_or("")),
            (_, Some(n)) => self.cache.upsert_node(n),
            _ => {}
        }
    }

    /// Pods to retry after a cluster event that may make them schedulable (a node changed, a pod left).
    pub fn wake_on_cluster_event(&mut self) -> Vec<ObjectKey> {
        self.unschedulable.iter().cloned().collect()
    }
}

pub fn reconcile(api: &mut Api, state: &mut SchedulerState, key: &ObjectKey) -> Option<u64> {
    let obj = api.get(key)?;
    let Object::Pod(pod) = obj.as_ref() else {
        return None;
    };
    let spec = pod.spec.as_ref()?;
    if spec.node_name.is_some() || pod.metadata.deletion_timestamp.is_some() {
        state.unschedulable.remove(key);
        return None;
    }
    if spec.scheduler_name.as_deref().unwrap_or(DEFAULT_SCHEDULER) != DEFAULT_SCHEDULER {
        return None;
    }
    let decision = schedule_one(&state.cache, pod, &SchedulerConfig::default(), state.start_index);
    state.start_index = decision.next_start_index;
    let now = api.now;
    let pod_name = format!("{}/{}", obj.namespace(), obj.name());
    let result = match &decision.selected {
        Some(node) => {
            let mut bound = pod.clone();
            if let Some(s) = bound.spec.as_mut() {
                s.node_name = Some(node.clone());
            }
            set_scheduled_condition(&mut bound, true, None, now);
            if api.write_through(Object::Pod(bound)).is_ok() {
                let msg = format!("Successfully assigned {pod_name} to {node}");
                api.record_event(&obj, "Normal", "Scheduled", &msg, COMPONENT, None);
            }
            state.unschedulable.remove(key);
            None
        }
        None => {
            let msg = decision.fit_error_message().unwrap_or_else(|| "0/0 nodes are available.".into());
            api.record_event(&obj, "Warning", "FailedScheduling", &msg, COMPONENT, None);
            let mut p = pod.clone();
            set_scheduled_condition(&mut p, false, Some(msg), now);
            let _ = api.write_through(Object::Pod(p));
            state.unschedulable.insert(key.clone());
            Some(MAX_UNSCHEDULABLE_MS)
        }
    };
    state.decisions.insert(key.clone(), decision);
    result
}

fn set_scheduled_condition(
    pod: &mut k8s_openapi::api::core::v1::Pod,
    ok: bool,
    message: Option<String>,
    now: crate::SimTime,
) {
    let status = pod.status.get_or_insert_with(Default::default);
    status.phase.get_or_insert_with(|| "Pending".into());
    let conds = status.conditions.get_or_insert_with(Vec::new);
    let want = if ok { "True" } else { "False" };
    let transition = conds
        .iter()
        .find(|c| c.type_ == "PodScheduled" && c.status == want)
        .and_then(|c| c.last_transition_time.clone())
        .unwrap_or(Time(now.to_timestamp()));
    conds.retain(|c| c.type_ != "PodScheduled");
    conds.push(PodCondition {
        type_: "PodScheduled".into(),
        status: want.into(),
        last_transition_time: Some(transition),
        last_probe_time: None,
        reason: (!ok).then(|| "Unschedulable".into()),
        message,
        observed_generation: None,
    });
}
