//! The simulation loop: a discrete-event queue of controller work ordered by `(time, sequence)`, fed by
//! the store's watch events. `run_until(t)` serves the CLI, the tests and the browser alike.
//!
//! Controllers are level-triggered (as kube-rs and the upstream controllers are): a task names a key, the
//! controller reads the current state and says when to look again; it never depends on why it was woken.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::api::Api;
use crate::cluster::ClusterSpec;
use crate::controllers::{deployment, gc, kubelet, namespace, replicaset, scheduling};
use crate::kinds::GroupKind;
use crate::object::{Object, ObjectKey};
use crate::store::{Change, ChangeType};
use crate::time::SimTime;

/// One unit of controller work. The variant order is the tie-break order between controllers at the same
/// instant, and a map of the controllers.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Task {
    /// kube-controller-manager's namespace controller: empties a terminating namespace.
    Namespace(String),
    /// The garbage collector, for an owner uid whose dependents need attention.
    GarbageCollect(String),
    Deployment(ObjectKey),
    ReplicaSet(ObjectKey),
    /// kube-scheduler, for one pending pod.
    Schedule(ObjectKey),
    /// The kubelet of the pod's node, for one pod.
    Kubelet(ObjectKey),
}

/// A deterministic simulated cluster.
#[derive(Clone, Debug)]
pub struct Engine {
    pub api: Api,
    queue: BTreeSet<(SimTime, u64, Task)>,
    queued_at: BTreeMap<Task, (SimTime, u64)>,
    seq: u64,
    pub(crate) kubelet: kubelet::KubeletState,
    pub(crate) scheduler: scheduling::SchedulerState,
    spec: ClusterSpec,
}

/// Upper bound on tasks run at one instant, so a controller bug cannot hang the host.
const MAX_TASKS_PER_INSTANT: usize = 1_000_000;

impl Engine {
    /// A cluster as `spec` describes it, bootstrapped at the epoch, with the RNG seeded by `seed`.
    pub fn new(spec: &ClusterSpec, seed: u64) -> Engine {
        let mut engine = Engine {
            api: Api::new(seed),
            queue: BTreeSet::new(),
            queued_at: BTreeMap::new(),
            seq: 0,
            kubelet: kubelet::KubeletState::default(),
            scheduler: scheduling::SchedulerState::default(),
            spec: spec.clone(),
        };
        crate::bootstrap::bootstrap(&mut engine, spec);
        engine.dispatch_changes();
        engine.run_until(SimTime::ZERO);
        engine
    }

    pub fn cluster_spec(&self) -> &ClusterSpec {
        &self.spec
    }

    pub fn now(&self) -> SimTime {
        self.api.now
    }

    /// Runs every task due up to and including `t`, then sets the clock to `t`.
    pub fn run_until(&mut self, t: SimTime) {
        // Writes made through `api` since the last step (kubectl's) wake their controllers first.
        self.dispatch_changes();
        let mut same_instant = 0usize;
        let mut last = self.api.now;
        while let Some(first) = self.queue.first().cloned() {
            if first.0 > t {
                break;
            }
            self.queue.remove(&first);
            let (at, _, task) = first;
            self.queued_at.remove(&task);
            if at > self.api.now {
                self.api.now = at;
            }
            if self.api.now == last {
                same_instant += 1;
                if same_instant > MAX_TASKS_PER_INSTANT {
                    debug_assert!(false, "controllers did not settle at {}", self.api.now);
                    break;
                }
            } else {
                same_instant = 0;
                last = self.api.now;
            }
            self.run_task(task);
            self.dispatch_changes();
        }
        if t > self.api.now {
            self.api.now = t;
        }
    }

    /// Advances the clock by `ms` milliseconds.
    pub fn advance(&mut self, ms: u64) {
        let t = self.api.now.plus_millis(ms);
        self.run_until(t);
    }

    /// Runs until no work is left or `limit` is reached; returns the time it stopped at.
    pub fn run_until_idle(&mut self, limit: SimTime) -> SimTime {
        self.dispatch_changes();
        while let Some(first) = self.queue.first() {
            if first.0 > limit {
                break;
            }
            let t = first.0;
            self.run_until(t);
        }
        self.api.now
    }

    /// The scheduler's last decision for a pod, as `kubeplay explain pod -o json` prints it.
    pub fn scheduler_decision(&self, key: &ObjectKey) -> Option<serde_json::Value> {
        let d = self.scheduler.decisions.get(key)?;
        Some(d.explain_json(&format!("{}/{}", key.namespace, key.name), scheduling::DEFAULT_SCHEDULER))
    }

    /// Finishes the work due now, then advances to the next moment anything happens (or to `limit`).
    /// Commands that wait (`rollout status`, `delete`) step the clock with this between their checks.
    pub fn advance_to_next_event(&mut self, limit: SimTime) {
        let now = self.api.now;
        self.run_until(now);
        let next = self.next_event_time().unwrap_or(limit).min(limit);
        self.run_until(next.max(self.api.now));
    }

    /// When the next task is due, if any.
    pub fn next_event_time(&self) -> Option<SimTime> {
        self.queue.first().map(|(t, _, _)| *t)
    }

    /// Queues `task` at `at`, unless it is already queued at or before that time.
    pub fn enqueue(&mut self, task: Task, at: SimTime) {
        let at = at.max(self.api.now);
        if let Some((t, seq)) = self.queued_at.get(&task).cloned() {
            if t <= at {
                return;
            }
            self.queue.remove(&(t, seq, task.clone()));
        }
        self.seq += 1;
        self.queue.insert((at, self.seq, task.clone()));
        self.queued_at.insert(task, (at, self.seq));
    }

    pub fn enqueue_now(&mut self, task: Task) {
        self.enqueue(task, self.api.now);
    }

    fn run_task(&mut self, task: Task) {
        let now = self.api.now;
        let requeue = match &task {
            Task::Namespace(name) => namespace::reconcile(&mut self.api, name),
            Task::GarbageCollect(uid) => gc::reconcile(&mut self.api, uid),
            Task::Deployment(key) => deployment::reconcile(&mut self.api, key),
            Task::ReplicaSet(key) => replicaset::reconcile(&mut self.api, key),
            Task::Schedule(key) => scheduling::reconcile(&mut self.api, &mut self.scheduler, key),
            Task::Kubelet(key) => kubelet::reconcile(&mut self.api, &mut self.kubelet, key),
        };
        if let Some(after_ms) = requeue {
            self.enqueue(task, now.plus_millis(after_ms));
        }
    }

    /// Routes watch events to the controllers that care, as their informers' event handlers do.
    pub(crate) fn dispatch_changes(&mut self) {
        loop {
            let changes = self.api.store.drain_changes();
            if changes.is_empty() {
                break;
            }
            for change in changes {
                self.dispatch(&change);
            }
        }
    }

    fn dispatch(&mut self, change: &Change) {
        let obj = &change.object;
        let deleted = change.change == ChangeType::Deleted;
        // Garbage collector: owners going away, and dependents of owners waiting in foreground deletion.
        if let Some(uid) = &obj.meta().uid {
            let finalizing = obj.meta().deletion_timestamp.is_some()
                && obj.meta().finalizers.iter().flatten().any(|f| f == "orphan" || f == "foregroundDeletion");
            if finalizing || (deleted && self.api.store.has_dependents(uid)) {
                self.enqueue_now(Task::GarbageCollect(uid.clone()));
            }
        }
        if deleted || obj.meta().deletion_timestamp.is_some() {
            for r in obj.meta().owner_references.iter().flatten() {
                if self.api.store.get_by_uid(&r.uid).is_some_and(|o| o.meta().deletion_timestamp.is_some()) {
                    self.enqueue_now(Task::GarbageCollect(r.uid.clone()));
                }
            }
        }
        match obj.as_ref() {
            Object::Pod(pod) => {
                self.scheduler.observe_pod(change);
                let key = change.key.clone();
                let node = pod.spec.as_ref().and_then(|s| s.node_name.clone());
                // The kubelet acts on spec and deletion; its own status writes need no new look.
                let kubelet_relevant = match change.old.as_ref().and_then(|o| o.as_pod()) {
                    None => true,
                    Some(old) => {
                        old.spec != pod.spec || old.metadata.deletion_timestamp != pod.metadata.deletion_timestamp
                    }
                };
                if !deleted {
                    if node.is_some() {
                        if kubelet_relevant {
                            self.enqueue_now(Task::Kubelet(key.clone()));
                        }
                    } else if obj.meta().deletion_timestamp.is_none() && change.change == ChangeType::Added {
                        self.enqueue_now(Task::Schedule(key.clone()));
                    }
                } else {
                    self.kubelet.forget(&key);
                }
                if deleted || change.old.as_ref().is_some_and(|o| pod_frees_resources(o, obj)) {
                    for pending in self.scheduler.wake_on_cluster_event() {
                        self.enqueue_now(Task::Schedule(pending));
                    }
                }
                self.enqueue_owners(obj, change.old.as_deref(), "ReplicaSet", "apps");
            }
            Object::ReplicaSet(_) => {
                self.enqueue_now(Task::ReplicaSet(change.key.clone()));
                self.enqueue_owners(obj, change.old.as_deref(), "Deployment", "apps");
            }
            Object::Deployment(_) => {
                self.enqueue_now(Task::Deployment(change.key.clone()));
            }
            Object::Node(_) => {
                self.scheduler.observe_node(change);
                for pending in self.scheduler.wake_on_cluster_event() {
                    self.enqueue_now(Task::Schedule(pending));
                }
            }
            Object::Namespace(_) if obj.meta().deletion_timestamp.is_some() && !deleted => {
                self.enqueue_now(Task::Namespace(change.key.name.clone()));
            }
            _ => {}
        }
        // The namespace controller of a terminating namespace looks again whenever its content changes.
        let ns = obj.namespace();
        if !ns.is_empty() && !matches!(obj.as_ref(), Object::Namespace(_)) {
            let nskey = ObjectKey::new(GroupKind::new("", "Namespace"), "", ns);
            if self.api.store.get(&nskey).is_some_and(|n| n.meta().deletion_timestamp.is_some()) {
                self.enqueue_now(Task::Namespace(ns.to_string()));
            }
        }
    }

    /// Wakes the controller of `obj` (by controllerRef), or, for an orphan, every controller of the
    /// given kind in its namespace whose selector matches it (adoption).
    fn enqueue_owners(
        &mut self,
        obj: &Arc<Object>,
        old: Option<&Object>,
        owner_kind: &'static str,
        group: &'static str,
    ) {
        let gk = GroupKind::new(group, owner_kind);
        let mut targets = BTreeSet::new();
        for o in [Some(obj.as_ref()), old].into_iter().flatten() {
            match controller_ref(o) {
                Some(r) if r.kind == owner_kind => {
                    targets.insert(ObjectKey::new(gk.clone(), o.namespace(), r.name.as_str()));
                }
                Some(_) => {}
                None => {
                    for candidate in self.api.store.list(&gk, Some(o.namespace())) {
                        if selector_of(candidate).is_some_and(|s| crate::selector::matches(s, o.labels())) {
                            targets.insert(candidate.key());
                        }
                    }
                }
            }
        }
        for key in targets {
            let task = if owner_kind == "ReplicaSet" { Task::ReplicaSet(key) } else { Task::Deployment(key) };
            self.enqueue_now(task);
        }
    }
}

fn pod_frees_resources(old: &Object, new: &Object) -> bool {
    let phase = |o: &Object| o.as_pod().and_then(|p| p.status.as_ref()).and_then(|s| s.phase.clone());
    let terminal = |p: Option<String>| matches!(p.as_deref(), Some("Succeeded") | Some("Failed"));
    !terminal(phase(old)) && terminal(phase(new))
}

pub(crate) fn controller_ref(obj: &Object) -> Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::OwnerReference> {
    obj.meta().owner_references.iter().flatten().find(|r| r.controller == Some(true))
}

fn selector_of(obj: &Object) -> Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector> {
    match obj {
        Object::ReplicaSet(rs) => Some(&rs.spec.selector),
        Object::Deployment(d) => Some(&d.spec.selector),
        _ => None,
    }
}
