//! The Deployment controller: finds or creates the ReplicaSet for the current template, steps a rollout
//! (RollingUpdate or Recreate), scales proportionally, keeps revisions and history, and reports status and
//! conditions.
//!
//! Follows `pkg/controller/deployment/{deployment_controller.go,sync.go,rolling.go,recreate.go,progress.go}`
//! and `pkg/controller/deployment/util/deployment_util.go`.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::pods::{self, owner_ref};
use crate::api::{Api, DeleteOptions};
use crate::kinds::GroupKind;
use crate::object::{Object, ObjectKey};
use crate::rng::{fnv32a, safe_encode};
use crate::selector;
use crate::time::SimTime;

pub const REVISION: &str = "deployment.kubernetes.io/revision";
pub const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
pub const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
pub const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";
const COMPONENT: &str = "deployment-controller";
/// Annotations the controller does not copy from a Deployment to its ReplicaSets (`skipCopyAnnotation`).
const SKIP_COPY: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    REVISION_HISTORY,
    DESIRED_REPLICAS,
    MAX_REPLICAS,
    "deprecated.deployment.rollback.to",
];
const MAX_REV_HISTORY_CHARS: usize = 2000;

// ---------------------------------------------------------------------------------------------------
// Arithmetic (deployment_util.go)

/// `intstr.GetScaledValueFromIntOrPercent`: a percentage of `total`, rounded up or down.
pub fn scaled_value(v: Option<&IntOrString>, total: i32, round_up: bool) -> Result<i32, String> {
    match v {
        None => Ok(0),
        Some(IntOrString::Int(i)) => Ok(*i),
        Some(IntOrString::String(s)) => {
            let pct: i64 = s
                .strip_suffix('%')
                .and_then(|p| p.parse().ok())
                .ok_or_else(|| format!("invalid value for IntOrString: invalid value {s:?}"))?;
            let prod = pct * total as i64;
            Ok(if round_up { (prod + 99).div_euclid(100) } else { prod.div_euclid(100) } as i32)
        }
    }
}

/// `ResolveFenceposts`: (surge, unavailable) for `desired` replicas; both 0 → unavailable 1.
pub fn resolve_fenceposts(
    max_surge: Option<&IntOrString>,
    max_unavailable: Option<&IntOrString>,
    desired: i32,
) -> (i32, i32) {
    let surge = scaled_value(max_surge, desired, true).unwrap_or(0);
    let unavailable = scaled_value(max_unavailable, desired, false).unwrap_or(0);
    if surge == 0 && unavailable == 0 { (0, 1) } else { (surge, unavailable) }
}

fn is_rolling(d: &Deployment) -> bool {
    d.spec.strategy.as_ref().and_then(|s| s.type_.as_deref()).unwrap_or("RollingUpdate") == "RollingUpdate"
}

fn replicas(d: &Deployment) -> i32 {
    d.spec.replicas.unwrap_or(1)
}

fn fenceposts(d: &Deployment) -> (i32, i32) {
    let ru = d.spec.strategy.as_ref().and_then(|s| s.rolling_update.as_ref());
    resolve_fenceposts(ru.and_then(|r| r.max_surge.as_ref()), ru.and_then(|r| r.max_unavailable.as_ref()), replicas(d))
}

/// `MaxUnavailable`: 0 for Recreate or zero replicas, else at most the replicas.
pub fn max_unavailable(d: &Deployment) -> i32 {
    if !is_rolling(d) || replicas(d) == 0 {
        return 0;
    }
    fenceposts(d).1.min(replicas(d))
}

pub fn max_surge(d: &Deployment) -> i32 {
    if !is_rolling(d) {
        return 0;
    }
    fenceposts(d).0
}

fn rs_replicas(rs: &ReplicaSet) -> i32 {
    rs.spec.replicas.unwrap_or(1)
}

fn rs_status(rs: &ReplicaSet) -> (i32, i32, i32) {
    let s = rs.status.clone().unwrap_or_default();
    (s.replicas, s.ready_replicas.unwrap_or(0), s.available_replicas.unwrap_or(0))
}

/// `NewRSNewReplicas`: how many replicas the new ReplicaSet may have now.
pub fn new_rs_new_replicas(d: &Deployment, all: &[ReplicaSet], new_rs: &ReplicaSet) -> i32 {
    if !is_rolling(d) {
        return replicas(d);
    }
    let current: i32 = all.iter().map(rs_replicas).sum();
    let max_total = replicas(d) + max_surge(d);
    if current >= max_total {
        return rs_replicas(new_rs);
    }
    let scale_up = (max_total - current).min(replicas(d) - rs_replicas(new_rs));
    rs_replicas(new_rs) + scale_up
}

/// `controller.ComputeHash`: FNV-32a over the template and the collision count, safe-encoded.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut t = template.clone();
    if let Some(labels) = t.metadata.as_mut().and_then(|m| m.labels.as_mut()) {
        labels.remove(POD_TEMPLATE_HASH);
    }
    let mut bytes = serde_json::to_vec(&t).unwrap_or_default();
    if let Some(c) = collision_count {
        bytes.extend_from_slice(&c.to_le_bytes());
    }
    safe_encode(&fnv32a(&bytes).to_string())
}

/// `EqualIgnoreHash`: templates equal once pod-template-hash labels are dropped.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    let strip = |t: &PodTemplateSpec| {
        let mut t = t.clone();
        if let Some(m) = t.metadata.as_mut()
            && let Some(l) = m.labels.as_mut()
        {
            l.remove(POD_TEMPLATE_HASH);
            if l.is_empty() {
                m.labels = None;
            }
        }
        t
    };
    strip(a) == strip(b)
}

pub fn revision_of(meta: &ObjectMeta) -> i64 {
    meta.annotations.as_ref().and_then(|a| a.get(REVISION)).and_then(|r| r.parse().ok()).unwrap_or(0)
}

fn annotation(meta: &ObjectMeta, key: &str) -> Option<i32> {
    meta.annotations.as_ref()?.get(key)?.parse().ok()
}

/// `getReplicaSetFraction` with Go's `math.Round` (half away from zero).
fn rs_fraction(rs: &ReplicaSet, d: &Deployment) -> i32 {
    if replicas(d) == 0 {
        return -rs_replicas(rs);
    }
    let deployment_replicas = replicas(d) + max_surge(d);
    let annotated = match annotation(&rs.metadata, MAX_REPLICAS) {
        Some(a) => a,
        None => d.status.as_ref().and_then(|s| s.replicas).unwrap_or(0),
    };
    if annotated == 0 {
        return 0;
    }
    let num = rs_replicas(rs) as i64 * deployment_replicas as i64;
    let den = annotated as i64;
    // round(num/den), half away from zero, in integers.
    let rounded = if num >= 0 { (2 * num + den) / (2 * den) } else { -((-2 * num + den) / (2 * den)) };
    rounded as i32 - rs_replicas(rs)
}

/// `GetProportion`.
pub fn proportion(rs: &ReplicaSet, d: &Deployment, to_add: i32, added: i32) -> i32 {
    if rs_replicas(rs) == 0 || to_add == 0 || to_add == added {
        return 0;
    }
    let fraction = rs_fraction(rs, d);
    let allowed = to_add - added;
    if to_add > 0 { fraction.min(allowed) } else { fraction.max(allowed) }
}

// ---------------------------------------------------------------------------------------------------
// The sync loop

struct Ctx<'a> {
    api: &'a mut Api,
    d: Deployment,
    obj: Arc<Object>,
    requeue: Option<u64>,
}

pub fn reconcile(api: &mut Api, key: &ObjectKey) -> Option<u64> {
    let obj = api.get(key)?;
    let Object::Deployment(d) = obj.as_ref() else {
        return None;
    };
    let d = d.clone();
    let mut ctx = Ctx { api, d, obj: obj.clone(), requeue: None };
    let rs_list = ctx.claim_replica_sets();
    if ctx.d.metadata.deletion_timestamp.is_some() {
        ctx.sync_status_only(&rs_list);
        return ctx.requeue;
    }
    if selector::is_empty(&ctx.d.spec.selector) {
        return None;
    }
    ctx.check_paused_conditions();
    if ctx.d.spec.paused == Some(true) {
        ctx.sync(&rs_list);
        return ctx.requeue;
    }
    if ctx.is_scaling_event(&rs_list) {
        ctx.sync(&rs_list);
        return ctx.requeue;
    }
    if is_rolling(&ctx.d) {
        ctx.rollout_rolling(&rs_list);
    } else {
        ctx.rollout_recreate(&rs_list);
    }
    ctx.requeue
}

impl Ctx<'_> {
    fn ns(&self) -> String {
        self.d.metadata.namespace.clone().unwrap_or_default()
    }

    fn name(&self) -> String {
        self.d.metadata.name.clone().unwrap_or_default()
    }

    fn event(&mut self, type_: &str, reason: &str, msg: &str) {
        let obj = self.obj.clone();
        self.api.record_event(&obj, type_, reason, msg, COMPONENT, None);
    }

    /// ReplicaSets this Deployment controls, adopting matching orphans and releasing non-matching ones.
    fn claim_replica_sets(&mut self) -> Vec<ReplicaSet> {
        let uid = self.d.metadata.uid.clone().unwrap_or_default();
        let ns = self.ns();
        let all = self.api.store.owned_or_adoptable(&uid, &GroupKind::new("apps", "ReplicaSet"), &ns);
        let mut out = Vec::new();
        for o in all {
            let Some(rs) = o.as_replica_set() else {
                continue;
            };
            let matches = selector::matches(&self.d.spec.selector, rs.metadata.labels.as_ref());
            match pods::controller_ref_of(&rs.metadata) {
                Some(r) if r.uid == uid => {
                    if matches || rs.metadata.deletion_timestamp.is_some() {
                        out.push(rs.clone());
                    } else {
                        let mut released = rs.clone();
                        if let Some(refs) = released.metadata.owner_references.as_mut() {
                            refs.retain(|r| r.uid != uid);
                        }
                        let _ = self.api.write_through(Object::ReplicaSet(released));
                    }
                }
                Some(_) => {}
                None => {
                    if matches
                        && self.d.metadata.deletion_timestamp.is_none()
                        && !selector::is_empty(&self.d.spec.selector)
                    {
                        let mut adopted = rs.clone();
                        adopted.metadata.owner_references.get_or_insert_with(Vec::new).push(owner_ref(
                            "apps/v1",
                            "Deployment",
                            &self.d.metadata,
                        ));
                        if let Ok(a) = self.api.write_through(Object::ReplicaSet(adopted))
                            && let Some(rs) = a.as_replica_set()
                        {
                            out.push(rs.clone());
                        }
                    }
                }
            }
        }
        out
    }

    fn refresh_rs(&self, rs: &ReplicaSet) -> ReplicaSet {
        let key = ObjectKey::new(
            GroupKind::new("apps", "ReplicaSet"),
            self.ns(),
            rs.metadata.name.clone().unwrap_or_default(),
        );
        self.api.get(&key).and_then(|o| o.as_replica_set().cloned()).unwrap_or_else(|| rs.clone())
    }

    /// `FindNewReplicaSet` and the old ones; oldest first among equal templates.
    fn split(&self, rs_list: &[ReplicaSet]) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
        let mut sorted = rs_list.to_vec();
        sorted.sort_by(|a, b| {
            created(&a.metadata).cmp(&created(&b.metadata)).then(a.metadata.name.cmp(&b.metadata.name))
        });
        let mut new_rs = None;
        let mut old = Vec::new();
        for rs in sorted {
            let same = rs.spec.template.as_ref().is_some_and(|t| equal_ignore_hash(t, &self.d.spec.template));
            if same && new_rs.is_none() {
                new_rs = Some(rs);
            } else {
                old.push(rs);
            }
        }
        (new_rs, old)
    }

    fn is_scaling_event(&self, rs_list: &[ReplicaSet]) -> bool {
        let (new_rs, old) = self.split(rs_list);
        let all: Vec<ReplicaSet> = old.into_iter().chain(new_rs).collect();
        all.iter()
            .filter(|rs| rs_replicas(rs) > 0)
            .any(|rs| annotation(&rs.metadata, DESIRED_REPLICAS).is_some_and(|d| d != replicas(&self.d)))
    }

    /// `getAllReplicaSetsAndSyncRevision`.
    fn sync_revision(&mut self, rs_list: &[ReplicaSet], create: bool) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
        let (existing, old) = self.split(rs_list);
        let max_old = old.iter().map(|rs| revision_of(&rs.metadata)).max().unwrap_or(0);
        let new_revision = (max_old + 1).to_string();
        if let Some(rs) = existing {
            let mut copy = rs.clone();
            let updated = self.set_new_rs_annotations(&mut copy, &new_revision, true);
            let min_ready_changed = copy.spec.min_ready_seconds != self.d.spec.min_ready_seconds;
            let rs = if updated || min_ready_changed {
                copy.spec.min_ready_seconds = self.d.spec.min_ready_seconds;
                match self.api.write_through(Object::ReplicaSet(copy.clone())) {
                    Ok(a) => a.as_replica_set().cloned().unwrap_or(copy),
                    Err(_) => copy,
                }
            } else {
                rs
            };
            let rev = rs.metadata.annotations.as_ref().and_then(|a| a.get(REVISION)).cloned().unwrap_or_default();
            self.set_deployment_revision(&rev);
            if self.progressing_condition().is_none() && has_deadline(&self.d) {
                let msg = format!("Found new replica set \"{}\"", rs.metadata.name.clone().unwrap_or_default());
                self.set_condition("Progressing", "True", "FoundNewReplicaSet", &msg);
                self.write_status();
            }
            return (Some(rs), old);
        }
        if !create {
            return (None, old);
        }
        // Create the new ReplicaSet.
        let collision = self.d.status.as_ref().and_then(|s| s.collision_count);
        let hash = compute_hash(&self.d.spec.template, collision);
        let mut template = self.d.spec.template.clone();
        template
            .metadata
            .get_or_insert_with(Default::default)
            .labels
            .get_or_insert_with(Default::default)
            .insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let mut sel: LabelSelector = self.d.spec.selector.clone();
        sel.match_labels.get_or_insert_with(Default::default).insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let mut labels = template.metadata.as_ref().and_then(|m| m.labels.clone()).unwrap_or_default();
        labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
        let name = format!("{}-{hash}", self.name());
        let mut rs = ReplicaSet {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(self.ns()),
                labels: Some(labels),
                owner_references: Some(vec![owner_ref("apps/v1", "Deployment", &self.d.metadata)]),
                ..Default::default()
            },
            spec: ReplicaSetSpec {
                replicas: Some(0),
                min_ready_seconds: self.d.spec.min_ready_seconds,
                selector: sel,
                template: Some(template),
            },
            status: None,
        };
        let all: Vec<ReplicaSet> = old.to_vec();
        let new_replicas = new_rs_new_replicas(&self.d, &all, &rs);
        rs.spec.replicas = Some(new_replicas);
        self.set_new_rs_annotations(&mut rs, &new_revision, false);
        let created = match crate::admission::create(self.api, Object::ReplicaSet(rs)) {
            Ok(c) => c.as_replica_set().cloned(),
            Err(e) => {
                let msg = format!("Failed to create new replica set \"{name}\": {}", e.message);
                self.event("Warning", "FailedCreate", &msg);
                return (None, old);
            }
        };
        let Some(created) = created else {
            return (None, old);
        };
        if new_replicas > 0 {
            let msg = format!("Scaled up replica set {name} from 0 to {new_replicas}");
            self.event("Normal", "ScalingReplicaSet", &msg);
        }
        self.set_deployment_revision(&new_revision);
        if has_deadline(&self.d) {
            let msg = format!("Created new replica set \"{name}\"");
            self.set_condition("Progressing", "True", "NewReplicaSetCreated", &msg);
            self.write_status();
        }
        (Some(created), old)
    }

    /// `SetNewReplicaSetAnnotations`; returns whether anything changed.
    fn set_new_rs_annotations(&self, rs: &mut ReplicaSet, new_revision: &str, exists: bool) -> bool {
        let mut changed = false;
        let ann = rs.metadata.annotations.get_or_insert_with(BTreeMap::new);
        for (k, v) in self.d.metadata.annotations.iter().flatten() {
            if SKIP_COPY.contains(&k.as_str()) {
                continue;
            }
            if ann.get(k) != Some(v) {
                ann.insert(k.clone(), v.clone());
                changed = true;
            }
        }
        let old_rev = ann.get(REVISION).cloned().unwrap_or_default();
        let old_n: i64 = old_rev.parse().unwrap_or(0);
        let new_n: i64 = new_revision.parse().unwrap_or(0);
        if old_n < new_n {
            ann.insert(REVISION.into(), new_revision.to_string());
            changed = true;
            if !old_rev.is_empty() {
                let mut hist = ann.get(REVISION_HISTORY).cloned().unwrap_or_default();
                if hist.is_empty() {
                    hist = old_rev.clone();
                } else {
                    hist = format!("{hist},{old_rev}");
                }
                while hist.len() > MAX_REV_HISTORY_CHARS {
                    match hist.find(',') {
                        Some(i) => hist = hist[i + 1..].to_string(),
                        None => break,
                    }
                }
                ann.insert(REVISION_HISTORY.into(), hist);
            }
        }
        if !exists {
            ann.insert(DESIRED_REPLICAS.into(), replicas(&self.d).to_string());
            ann.insert(MAX_REPLICAS.into(), (replicas(&self.d) + max_surge(&self.d)).to_string());
            changed = true;
        }
        changed
    }

    fn set_deployment_revision(&mut self, rev: &str) {
        if rev.is_empty() {
            return;
        }
        let current = self.d.metadata.annotations.as_ref().and_then(|a| a.get(REVISION)).cloned();
        if current.as_deref() == Some(rev) {
            return;
        }
        let key = self.obj.key();
        let Some(Object::Deployment(latest)) = self.api.get(&key).map(|o| (*o).clone()) else {
            return;
        };
        let mut latest = latest;
        latest.metadata.annotations.get_or_insert_with(BTreeMap::new).insert(REVISION.into(), rev.to_string());
        if let Ok(a) = self.api.write_through(Object::Deployment(latest))
            && let Some(d) = a.as_deployment()
        {
            self.d = d.clone();
            self.obj = a.clone();
        }
    }

    fn progressing_condition(&self) -> Option<DeploymentCondition> {
        self.d.status.as_ref()?.conditions.as_ref()?.iter().find(|c| c.type_.as_deref() == Some("Progressing")).cloned()
    }

    /// `SetDeploymentCondition`: keeps lastTransitionTime when the status does not change.
    fn set_condition(&mut self, type_: &str, status: &str, reason: &str, message: &str) {
        let now = Time(self.api.now.to_timestamp());
        let st = self.d.status.get_or_insert_with(Default::default);
        let conds = st.conditions.get_or_insert_with(Vec::new);
        let mut cond = DeploymentCondition {
            type_: Some(type_.into()),
            status: Some(status.into()),
            reason: Some(reason.into()),
            message: Some(message.into()),
            last_update_time: Some(now.clone()),
            last_transition_time: Some(now),
        };
        if let Some(existing) = conds.iter().find(|c| c.type_.as_deref() == Some(type_)) {
            if existing.status == cond.status && existing.reason == cond.reason && existing.message == cond.message {
                return;
            }
            if existing.status == cond.status {
                cond.last_transition_time = existing.last_transition_time.clone();
            }
        }
        conds.retain(|c| c.type_.as_deref() != Some(type_));
        // Keep the API's order: Available before Progressing.
        conds.push(cond);
        conds.sort_by_key(|c| match c.type_.as_deref() {
            Some("Available") => 0,
            Some("Progressing") => 1,
            _ => 2,
        });
    }

    fn write_status(&mut self) {
        let key = self.obj.key();
        let Some(Object::Deployment(latest)) = self.api.get(&key).map(|o| (*o).clone()) else {
            return;
        };
        let mut latest = latest;
        latest.status = self.d.status.clone();
        if let Ok(a) = self.api.update_status(Object::Deployment(latest))
            && let Some(d) = a.as_deployment()
        {
            self.d = d.clone();
            self.obj = a.clone();
        }
    }

    fn check_paused_conditions(&mut self) {
        if !has_deadline(&self.d) {
            return;
        }
        let cond = self.progressing_condition();
        let paused = self.d.spec.paused == Some(true);
        let paused_cond = cond.as_ref().is_some_and(|c| c.reason.as_deref() == Some("DeploymentPaused"));
        if paused && !paused_cond {
            self.set_condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
            self.write_status();
        } else if !paused && paused_cond {
            self.set_condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed");
            self.write_status();
        }
    }

    /// `scaleReplicaSetAndRecordEvent` / `scaleReplicaSet`.
    fn scale_rs(&mut self, rs: &ReplicaSet, new_scale: i32, always_annotate: bool) -> bool {
        let rs = self.refresh_rs(rs);
        let size_changed = rs_replicas(&rs) != new_scale;
        let desired = replicas(&self.d).to_string();
        let max = (replicas(&self.d) + max_surge(&self.d)).to_string();
        let ann = rs.metadata.annotations.clone().unwrap_or_default();
        let ann_changed = ann.get(DESIRED_REPLICAS) != Some(&desired) || ann.get(MAX_REPLICAS) != Some(&max);
        if !size_changed && (!always_annotate || !ann_changed) {
            return false;
        }
        let mut copy = rs.clone();
        copy.spec.replicas = Some(new_scale);
        let a = copy.metadata.annotations.get_or_insert_with(BTreeMap::new);
        a.insert(DESIRED_REPLICAS.into(), desired);
        a.insert(MAX_REPLICAS.into(), max);
        if self.api.write_through(Object::ReplicaSet(copy)).is_ok() && size_changed {
            let dir = if new_scale > rs_replicas(&rs) { "up" } else { "down" };
            let msg = format!(
                "Scaled {dir} replica set {} from {} to {new_scale}",
                rs.metadata.name.clone().unwrap_or_default(),
                rs_replicas(&rs)
            );
            self.event("Normal", "ScalingReplicaSet", &msg);
        }
        size_changed
    }

    // --- RollingUpdate (rolling.go)

    fn rollout_rolling(&mut self, rs_list: &[ReplicaSet]) {
        let (new_rs, old) = self.sync_revision(rs_list, true);
        let Some(new_rs) = new_rs else {
            self.sync_rollout_status(None, &old);
            return;
        };
        let all: Vec<ReplicaSet> = old.iter().cloned().chain(std::iter::once(new_rs.clone())).collect();
        if self.reconcile_new_rs(&all, &new_rs) {
            let new_rs = self.refresh_rs(&new_rs);
            self.sync_rollout_status(Some(&new_rs), &old);
            return;
        }
        let new_rs = self.refresh_rs(&new_rs);
        let active_old: Vec<ReplicaSet> = old.iter().filter(|r| rs_replicas(r) > 0).cloned().collect();
        if self.reconcile_old_rss(&all, &active_old, &new_rs) {
            let old: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
            self.sync_rollout_status(Some(&new_rs), &old);
            return;
        }
        if self.deployment_complete_now(&new_rs, &old) {
            self.cleanup(&old);
        }
        let old: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
        self.sync_rollout_status(Some(&new_rs), &old);
    }

    fn reconcile_new_rs(&mut self, all: &[ReplicaSet], new_rs: &ReplicaSet) -> bool {
        let want = replicas(&self.d);
        let have = rs_replicas(new_rs);
        if have == want {
            return false;
        }
        if have > want {
            return self.scale_rs(new_rs, want, false);
        }
        let n = new_rs_new_replicas(&self.d, all, new_rs);
        self.scale_rs(new_rs, n, false)
    }

    fn reconcile_old_rss(&mut self, all: &[ReplicaSet], old: &[ReplicaSet], new_rs: &ReplicaSet) -> bool {
        let old_pods: i32 = old.iter().map(rs_replicas).sum();
        if old_pods == 0 {
            return false;
        }
        let all_pods: i32 = all.iter().map(|r| rs_replicas(&self.refresh_rs(r))).sum();
        let min_available = replicas(&self.d) - max_unavailable(&self.d);
        let new_unavailable = rs_replicas(new_rs) - rs_status(new_rs).2;
        let max_scaled_down = all_pods - min_available - new_unavailable;
        if max_scaled_down <= 0 {
            return false;
        }
        // cleanupUnhealthyReplicas: old ReplicaSets, oldest first, lose their unavailable replicas.
        let mut sorted: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
        sorted.sort_by(|a, b| {
            created(&a.metadata).cmp(&created(&b.metadata)).then(a.metadata.name.cmp(&b.metadata.name))
        });
        let mut cleaned = 0;
        for rs in &sorted {
            if cleaned >= max_scaled_down {
                break;
            }
            let spec = rs_replicas(rs);
            let available = rs_status(rs).2;
            if spec == 0 || spec == available {
                continue;
            }
            let n = (max_scaled_down - cleaned).min(spec - available);
            self.scale_rs(rs, spec - n, false);
            cleaned += n;
        }
        // scaleDownOldReplicaSetsForRollingUpdate.
        let all_now: Vec<ReplicaSet> = all.iter().map(|r| self.refresh_rs(r)).collect();
        let available: i32 = all_now.iter().map(|r| rs_status(r).2).sum();
        let mut scaled = 0;
        if available > min_available {
            let total = available - min_available;
            let old_now: Vec<ReplicaSet> = sorted.iter().map(|r| self.refresh_rs(r)).collect();
            for rs in &old_now {
                if scaled >= total {
                    break;
                }
                let spec = rs_replicas(rs);
                if spec == 0 {
                    continue;
                }
                let n = spec.min(total - scaled);
                self.scale_rs(rs, spec - n, false);
                scaled += n;
            }
        }
        cleaned + scaled > 0
    }

    // --- Recreate (recreate.go)

    fn rollout_recreate(&mut self, rs_list: &[ReplicaSet]) {
        let (new_rs, old) = self.sync_revision(rs_list, false);
        let mut scaled = false;
        for rs in old.iter().filter(|r| rs_replicas(r) > 0) {
            scaled |= self.scale_rs(rs, 0, false);
        }
        if scaled {
            let old: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
            self.sync_rollout_status(new_rs.as_ref(), &old);
            return;
        }
        if self.old_pods_running(&old) {
            self.sync_rollout_status(new_rs.as_ref(), &old);
            return;
        }
        let (new_rs, old) = match new_rs {
            Some(n) => (Some(n), old),
            None => {
                let list: Vec<ReplicaSet> = rs_list.iter().map(|r| self.refresh_rs(r)).collect();
                self.sync_revision(&list, true)
            }
        };
        if let Some(n) = &new_rs {
            let want = replicas(&self.d);
            self.scale_rs(n, want, false);
        }
        let new_rs = new_rs.map(|n| self.refresh_rs(&n));
        if let Some(n) = &new_rs
            && self.deployment_complete_now(n, &old)
        {
            self.cleanup(&old);
        }
        self.sync_rollout_status(new_rs.as_ref(), &old);
    }

    fn old_pods_running(&self, old: &[ReplicaSet]) -> bool {
        if old.iter().map(|r| self.refresh_rs(r)).any(|r| rs_status(&r).0 > 0) {
            return true;
        }
        // Terminating pods still count: Recreate waits until every old pod is gone or terminal.
        old.iter().filter_map(|r| r.metadata.uid.as_deref()).any(|uid| {
            self.api.store.owned_by(uid, &GroupKind::new("", "Pod")).iter().any(|p| {
                p.as_pod().is_some_and(|pod| {
                    pods::controller_ref_of(&pod.metadata).is_some_and(|r| r.uid == uid)
                        && !matches!(pods::phase(pod), "Failed" | "Succeeded")
                })
            })
        })
    }

    // --- Scaling and paused (sync.go)

    fn sync(&mut self, rs_list: &[ReplicaSet]) {
        let (new_rs, old) = self.sync_revision(rs_list, false);
        self.scale(new_rs.as_ref(), &old);
        if self.d.spec.paused == Some(true) {
            let old: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
            self.cleanup(&old);
        }
        let new_rs = new_rs.map(|n| self.refresh_rs(&n));
        let old: Vec<ReplicaSet> = old.iter().map(|r| self.refresh_rs(r)).collect();
        self.sync_status_with(new_rs.as_ref(), &old, false);
    }

    fn scale(&mut self, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet]) {
        let want = replicas(&self.d);
        // FindActiveOrLatest.
        let newest_old = old.iter().max_by_key(|r| created(&r.metadata));
        let active: Vec<ReplicaSet> = old.iter().chain(new_rs).filter(|r| rs_replicas(r) > 0).cloned().collect();
        let active_or_latest = match active.len() {
            0 => new_rs.or(newest_old).cloned(),
            1 => Some(active[0].clone()),
            _ => None,
        };
        if let Some(rs) = active_or_latest {
            if rs_replicas(&rs) != want {
                self.scale_rs(&rs, want, false);
            }
            return;
        }
        // IsSaturated: the new ReplicaSet carries everything, old ones go to zero.
        if let Some(n) = new_rs {
            let saturated = rs_replicas(n) == want
                && annotation(&n.metadata, DESIRED_REPLICAS) == Some(want)
                && rs_status(n).2 == want;
            if saturated {
                for rs in old.iter().filter(|r| rs_replicas(r) > 0) {
                    self.scale_rs(rs, 0, false);
                }
                return;
            }
        }
        if !is_rolling(&self.d) {
            return;
        }
        let current: i32 = active.iter().map(rs_replicas).sum();
        let allowed = if want > 0 { want + max_surge(&self.d) } else { 0 };
        let to_add = allowed - current;
        let mut sorted = active.clone();
        if to_add > 0 {
            // ReplicaSetsBySizeNewer: larger first, newer first on ties.
            sorted.sort_by(|a, b| {
                rs_replicas(b).cmp(&rs_replicas(a)).then(created(&b.metadata).cmp(&created(&a.metadata)))
            });
        } else {
            sorted.sort_by(|a, b| {
                rs_replicas(b).cmp(&rs_replicas(a)).then(created(&a.metadata).cmp(&created(&b.metadata)))
            });
        }
        let mut sizes: Vec<i32> = Vec::new();
        let mut added = 0;
        for rs in &sorted {
            if to_add != 0 {
                let p = proportion(rs, &self.d, to_add, added);
                sizes.push(rs_replicas(rs) + p);
                added += p;
            } else {
                sizes.push(rs_replicas(rs));
            }
        }
        if to_add != 0 && !sizes.is_empty() {
            let leftover = to_add - added;
            sizes[0] = (sizes[0] + leftover).max(0);
        }
        for (rs, size) in sorted.iter().zip(sizes) {
            self.scale_rs(rs, size, true);
        }
    }

    fn cleanup(&mut self, old: &[ReplicaSet]) {
        let Some(limit) = self.d.spec.revision_history_limit else {
            return;
        };
        let mut alive: Vec<ReplicaSet> =
            old.iter().map(|r| self.refresh_rs(r)).filter(|r| r.metadata.deletion_timestamp.is_none()).collect();
        let diff = alive.len() as i32 - limit;
        if diff <= 0 {
            return;
        }
        alive.sort_by(|a, b| {
            revision_of(&a.metadata)
                .cmp(&revision_of(&b.metadata))
                .then(created(&a.metadata).cmp(&created(&b.metadata)))
        });
        for rs in alive.iter().take(diff as usize) {
            let st = rs.status.clone().unwrap_or_default();
            if st.replicas != 0 || rs_replicas(rs) != 0 || rs.metadata.generation > st.observed_generation {
                continue;
            }
            let key = ObjectKey::new(
                GroupKind::new("apps", "ReplicaSet"),
                self.ns(),
                rs.metadata.name.clone().unwrap_or_default(),
            );
            let _ = self.api.delete(&key, DeleteOptions::default());
        }
    }

    // --- Status and progress (sync.go calculateStatus, progress.go)

    fn calculate_status(&self, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet]) -> DeploymentStatus {
        let all: Vec<&ReplicaSet> = old.iter().chain(new_rs).collect();
        let mut st = self.d.status.clone().unwrap_or_default();
        let total: i32 = all.iter().map(|r| rs_status(r).0).sum();
        let ready: i32 = all.iter().map(|r| rs_status(r).1).sum();
        let available: i32 = all.iter().map(|r| rs_status(r).2).sum();
        let spec_total: i32 = all.iter().map(|r| rs_replicas(r)).sum();
        let terminating: i32 =
            all.iter().map(|r| r.status.as_ref().and_then(|s| s.terminating_replicas).unwrap_or(0)).sum();
        st.observed_generation = self.d.metadata.generation;
        st.replicas = Some(total);
        st.updated_replicas = Some(new_rs.map(|r| rs_status(r).0).unwrap_or(0));
        st.ready_replicas = Some(ready);
        st.available_replicas = Some(available);
        st.unavailable_replicas = Some((spec_total - available).max(0));
        st.terminating_replicas = Some(terminating);
        st
    }

    fn apply_available_condition(&mut self, st: &DeploymentStatus) {
        let min = replicas(&self.d) - max_unavailable(&self.d);
        if st.available_replicas.unwrap_or(0) >= min {
            self.set_condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
        } else {
            self.set_condition(
                "Available",
                "False",
                "MinimumReplicasUnavailable",
                "Deployment does not have minimum availability.",
            );
        }
    }

    fn deployment_complete_now(&self, new_rs: &ReplicaSet, old: &[ReplicaSet]) -> bool {
        let st = self.calculate_status(
            Some(&self.refresh_rs(new_rs)),
            &old.iter().map(|r| self.refresh_rs(r)).collect::<Vec<_>>(),
        );
        complete(&self.d, &st)
    }

    fn sync_status_only(&mut self, rs_list: &[ReplicaSet]) {
        let (new_rs, old) = self.split(rs_list);
        self.sync_status_with(new_rs.as_ref(), &old, false);
    }

    fn sync_rollout_status(&mut self, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet]) {
        self.sync_status_with(new_rs, old, true);
    }

    fn sync_status_with(&mut self, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet], progress: bool) {
        let previous = self.d.status.clone().unwrap_or_default();
        let st = self.calculate_status(new_rs, old);
        self.d.status = Some(st.clone());
        self.apply_available_condition(&st);
        if progress && has_deadline(&self.d) && self.d.spec.paused != Some(true) {
            let cond = self.progressing_condition();
            let already_complete = st.replicas == st.updated_replicas
                && cond.as_ref().is_some_and(|c| c.reason.as_deref() == Some("NewReplicaSetAvailable"));
            if !already_complete {
                let rs_name = new_rs.and_then(|r| r.metadata.name.clone());
                if complete(&self.d, &st) {
                    let msg = format!("ReplicaSet \"{}\" has successfully progressed.", rs_name.unwrap_or_default());
                    self.set_condition("Progressing", "True", "NewReplicaSetAvailable", &msg);
                } else if progressing(&previous, &st) {
                    let msg = match rs_name {
                        Some(n) => format!("ReplicaSet \"{n}\" is progressing."),
                        None => format!("Deployment \"{}\" is progressing.", self.name()),
                    };
                    self.set_condition("Progressing", "True", "ReplicaSetUpdated", &msg);
                } else if let Some(c) = &cond {
                    let deadline = self.d.spec.progress_deadline_seconds.unwrap_or(600) as u64;
                    let updated_at =
                        c.last_update_time.as_ref().map(|t| SimTime::from_timestamp(&t.0)).unwrap_or_default();
                    let timeout_at = updated_at.plus_secs(deadline);
                    if c.reason.as_deref() != Some("ProgressDeadlineExceeded") {
                        if self.api.now > timeout_at {
                            let msg =
                                format!("ReplicaSet \"{}\" has timed out progressing.", rs_name.unwrap_or_default());
                            self.set_condition("Progressing", "False", "ProgressDeadlineExceeded", &msg);
                        } else {
                            // requeueStuckDeployment: look again just after the deadline.
                            let after = timeout_at.since(self.api.now) + 1000;
                            self.requeue = Some(self.requeue.map_or(after, |r| r.min(after)));
                        }
                    }
                }
            }
        }
        self.write_status();
    }
}

fn has_deadline(d: &Deployment) -> bool {
    d.spec.progress_deadline_seconds.is_some_and(|s| s != i32::MAX)
}

/// `DeploymentComplete`.
fn complete(d: &Deployment, st: &DeploymentStatus) -> bool {
    let want = replicas(d);
    st.updated_replicas == Some(want)
        && st.replicas == Some(want)
        && st.available_replicas == Some(want)
        && st.observed_generation >= d.metadata.generation
}

/// `DeploymentProgressing`: any count moved the right way since the previous status.
fn progressing(old: &DeploymentStatus, new: &DeploymentStatus) -> bool {
    let old_old = old.replicas.unwrap_or(0) - old.updated_replicas.unwrap_or(0);
    let new_old = new.replicas.unwrap_or(0) - new.updated_replicas.unwrap_or(0);
    new.updated_replicas.unwrap_or(0) > old.updated_replicas.unwrap_or(0)
        || new_old < old_old
        || new.ready_replicas.unwrap_or(0) > old.ready_replicas.unwrap_or(0)
        || new.available_replicas.unwrap_or(0) > old.available_replicas.unwrap_or(0)
}

fn created(meta: &ObjectMeta) -> SimTime {
    meta.creation_timestamp.as_ref().map(|t| SimTime::from_timestamp(&t.0)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(s: &str) -> Option<IntOrString> {
        Some(IntOrString::String(s.into()))
    }

    // pkg/controller/deployment/util/deployment_util_test.go, TestResolveFenceposts.
    #[test]
    fn resolve_fenceposts_matches_upstream() {
        let cases: &[(Option<IntOrString>, Option<IntOrString>, i32, (i32, i32))] = &[
            (pct("0%"), pct("0%"), 0, (0, 1)),
            (pct("39%"), pct("39%"), 10, (4, 3)),
            (pct("oops"), pct("39%"), 10, (0, 3)),
            (pct("55%"), pct("urg"), 10, (6, 0)),
            (None, pct("39%"), 10, (0, 3)),
            (pct("39%"), None, 10, (4, 0)),
            (None, None, 10, (0, 1)),
            (Some(IntOrString::Int(0)), Some(IntOrString::Int(0)), 10, (0, 1)),
            (pct("25%"), pct("25%"), 3, (1, 0)),
            (pct("25%"), pct("25%"), 10, (3, 2)),
        ];
        for (s, u, n, want) in cases {
            assert_eq!(resolve_fenceposts(s.as_ref(), u.as_ref(), *n), *want, "{s:?} {u:?} {n}");
        }
    }

    fn deployment(replicas: i32, surge: i32, unavailable: i32) -> Deployment {
        let mut d = Deployment::default();
        d.spec.replicas = Some(replicas);
        d.spec.strategy = Some(k8s_openapi::api::apps::v1::DeploymentStrategy {
            type_: Some("RollingUpdate".into()),
            rolling_update: Some(k8s_openapi::api::apps::v1::RollingUpdateDeployment {
                max_surge: Some(IntOrString::Int(surge)),
                max_unavailable: Some(IntOrString::Int(unavailable)),
            }),
        });
        d
    }

    fn rs(replicas: i32, max_annotation: Option<i32>) -> ReplicaSet {
        let mut r = ReplicaSet::default();
        r.spec.replicas = Some(replicas);
        if let Some(m) = max_annotation {
            r.metadata.annotations = Some([(MAX_REPLICAS.to_string(), m.to_string())].into());
        }
        r
    }

    // deployment_util_test.go, TestNewRSNewReplicas: 10 replicas, surge 1, new RS at 0 with old totals.
    #[test]
    fn new_rs_new_replicas_matches_upstream() {
        let d = deployment(1, 1, 0);
        assert_eq!(new_rs_new_replicas(&d, &[rs(0, None), rs(1, None)], &rs(0, None)), 1);
        let d = deployment(6, 3, 1);
        assert_eq!(new_rs_new_replicas(&d, &[rs(2, None), rs(5, None)], &rs(2, None)), 4);
        let d = deployment(10, 3, 2);
        assert_eq!(new_rs_new_replicas(&d, &[rs(0, None), rs(10, None)], &rs(0, None)), 3);
    }

    // deployment_util_test.go, TestGetProportion / the kubernetes.io proportional scaling example:
    // 10 → 15 replicas with surge 3, stuck at new 5 / old 8: new gets 7, old 11.
    #[test]
    fn proportional_scaling_docs_example() {
        let d = deployment(15, 3, 2);
        let new = rs(5, Some(13));
        let old = rs(8, Some(13));
        let to_add = (15 + 3) - 13;
        let p_old = proportion(&old, &d, to_add, 0);
        let p_new = proportion(&new, &d, to_add, p_old);
        assert_eq!((8 + p_old, 5 + p_new), (11, 7));
    }

    #[test]
    fn hash_is_stable_and_template_sensitive() {
        let mut t = PodTemplateSpec::default();
        let a = compute_hash(&t, None);
        assert_eq!(a, compute_hash(&t, None));
        t.metadata =
            Some(ObjectMeta { labels: Some([("app".to_string(), "x".to_string())].into()), ..Default::default() });
        assert_ne!(a, compute_hash(&t, None));
        assert_ne!(compute_hash(&t, None), compute_hash(&t, Some(1)));
    }
}
