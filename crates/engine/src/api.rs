//! The simulated API server: create, update, patch-by-replace, status updates and deletion with the
//! semantics of the real one (uid, resourceVersion, generation, creationTimestamp, generateName,
//! finalizers, deletionTimestamp, namespaces), plus the event recorder every component writes through.
//!
//! Follows `staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go` (create/update/delete),
//! `pkg/registry/core/pod/strategy.go` (graceful pod deletion) and
//! `staging/src/k8s.io/client-go/tools/record/events_cache.go` (event aggregation).

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::{Event, EventSource, ObjectReference};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{MicroTime, ObjectMeta, Time};

use crate::kinds::{GroupKind, KindInfo};
use crate::object::{Object, ObjectKey};
use crate::rng::Rng;
use crate::store::Store;
use crate::time::SimTime;

/// An API error as the server returns it; `Display` is what kubectl prints after `Error from server`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub code: u16,
    /// `NotFound`, `AlreadyExists`, `Invalid`, `BadRequest`, `Conflict`, `Forbidden`, `MethodNotAllowed`.
    pub reason: &'static str,
    pub message: String,
}

impl ApiError {
    pub fn not_found(info: &KindInfo, name: &str) -> ApiError {
        ApiError { code: 404, reason: "NotFound", message: format!("{} \"{name}\" not found", info.qualified_plural()) }
    }

    pub fn not_found_gk(gk: &GroupKind, name: &str) -> ApiError {
        match gk.info() {
            Some(info) => ApiError::not_found(info, name),
            None => ApiError {
                code: 404,
                reason: "NotFound",
                message: format!("{} \"{name}\" not found", gk.kind.to_ascii_lowercase()),
            },
        }
    }

    pub fn already_exists(gk: &GroupKind, name: &str) -> ApiError {
        let plural = gk.info().map(|i| i.qualified_plural()).unwrap_or_else(|| gk.kind.to_ascii_lowercase());
        ApiError { code: 409, reason: "AlreadyExists", message: format!("{plural} \"{name}\" already exists") }
    }

    pub fn conflict(gk: &GroupKind, name: &str) -> ApiError {
        let plural = gk.info().map(|i| i.qualified_plural()).unwrap_or_else(|| gk.kind.to_ascii_lowercase());
        ApiError {
            code: 409,
            reason: "Conflict",
            message: format!(
                "Operation cannot be fulfilled on {plural} \"{name}\": the object has been modified; please apply your changes to the latest version and try again"
            ),
        }
    }

    pub fn invalid(message: String) -> ApiError {
        ApiError { code: 422, reason: "Invalid", message }
    }

    pub fn bad_request(message: String) -> ApiError {
        ApiError { code: 400, reason: "BadRequest", message }
    }

    pub fn forbidden(message: String) -> ApiError {
        ApiError { code: 403, reason: "Forbidden", message }
    }

    /// The line kubectl prints: `Error from server (NotFound): deployments.apps "web" not found`.
    /// Validation errors are printed by kubectl without the prefix (`The Deployment "web" is invalid: ...`).
    pub fn kubectl_line(&self) -> String {
        if self.reason == "Invalid" {
            self.message.clone()
        } else {
            format!("Error from server ({}): {}", self.reason, self.message)
        }
    }
}

/// How dependents are treated when their owner is deleted (`--cascade`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Propagation {
    #[default]
    Background,
    Foreground,
    Orphan,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct DeleteOptions {
    pub propagation: Option<Propagation>,
    /// `--grace-period`; None uses the object's own (pods: terminationGracePeriodSeconds).
    pub grace_period_seconds: Option<i64>,
}

/// Kinds whose registry strategy maintains metadata.generation.
fn has_generation(gk: &GroupKind) -> bool {
    matches!(
        (gk.group.as_ref(), gk.kind.as_ref()),
        ("apps", _)
            | ("batch", _)
            | ("", "Pod")
            | ("", "ReplicationController")
            | ("autoscaling", _)
            | ("networking.k8s.io", "Ingress")
            | ("networking.k8s.io", "NetworkPolicy")
            | ("policy", _)
            | ("apiextensions.k8s.io", _)
    )
}

/// The part of an object whose change bumps generation: everything except metadata and status.
fn spec_part(obj: &Object) -> serde_json::Value {
    let mut v = obj.to_value();
    if let Some(m) = v.as_object_mut() {
        m.remove("metadata");
        m.remove("status");
    }
    v
}

#[derive(Clone, Debug)]
pub struct Api {
    pub store: Store,
    pub rng: Rng,
    pub now: SimTime,
    /// (involved uid, reason, message, component) → event key, for aggregation.
    event_index: BTreeMap<(String, String, String, String), ObjectKey>,
}

impl Api {
    pub fn new(seed: u64) -> Api {
        Api { store: Store::default(), rng: Rng::new(seed), now: SimTime::ZERO, event_index: BTreeMap::new() }
    }

    pub fn get(&self, key: &ObjectKey) -> Option<Arc<Object>> {
        self.store.get(key).cloned()
    }

    /// Whether a namespaced object may be created in its namespace: the namespace exists and is not being
    /// terminated (the NamespaceLifecycle admission plugin).
    pub fn namespace_check(&self, obj: &Object) -> Result<(), ApiError> {
        let Some(info) = obj.kind_info() else {
            return Ok(());
        };
        if !info.namespaced {
            return Ok(());
        }
        let ns = obj.namespace();
        let key = ObjectKey::new(GroupKind::new("", "Namespace"), "", ns);
        match self.store.get(&key) {
            None => Err(ApiError { code: 404, reason: "NotFound", message: format!("namespaces \"{ns}\" not found") }),
            Some(n) if n.meta().deletion_timestamp.is_some() => Err(ApiError::forbidden(format!(
                "{} \"{}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated",
                info.qualified_plural(),
                obj.name()
            ))),
            Some(_) => Ok(()),
        }
    }

    /// Creates an object that admission (defaulting, validation) has already accepted. Sets uid,
    /// creationTimestamp, generation, resourceVersion; resolves generateName.
    pub fn create(&mut self, mut obj: Object) -> Result<Arc<Object>, ApiError> {
        self.namespace_check(&obj)?;
        if obj.meta().name.as_deref().unwrap_or("").is_empty()
            && let Some(prefix) = obj.meta().generate_name.clone().filter(|p| !p.is_empty())
        {
            let suffix = self.rng.name_suffix("names", 5);
            obj.meta_mut().name = Some(format!("{prefix}{suffix}"));
        }
        let key = obj.key();
        if self.store.get(&key).is_some() {
            return Err(ApiError::already_exists(&key.gk, &key.name));
        }
        let uid = self.rng.uuid("uid");
        let now = self.now;
        let tracks_generation = has_generation(&key.gk);
        let meta = obj.meta_mut();
        meta.uid = Some(uid);
        meta.creation_timestamp = Some(Time(now.to_timestamp()));
        meta.generation = if tracks_generation { Some(1) } else { None };
        meta.deletion_timestamp = None;
        meta.deletion_grace_period_seconds = None;
        meta.self_link = None;
        meta.managed_fields = None;
        Ok(self.store.put(obj))
    }

    /// Replaces an object's spec and metadata (not status), as PUT does. A stale resourceVersion in `obj`
    /// is a Conflict; none means "last write wins".
    pub fn update(&mut self, mut obj: Object) -> Result<Arc<Object>, ApiError> {
        let key = obj.key();
        let Some(old) = self.store.get(&key).cloned() else {
            return Err(ApiError::not_found_gk(&key.gk, &key.name));
        };
        if let Some(rv) = &obj.meta().resource_version
            && Some(rv) != old.meta().resource_version.as_ref()
        {
            return Err(ApiError::conflict(&key.gk, &key.name));
        }
        preserve_system_metadata(old.meta(), obj.meta_mut());
        keep_status(&old, &mut obj);
        if has_generation(&key.gk) {
            let g = old.meta().generation.unwrap_or(1);
            obj.meta_mut().generation = Some(if spec_part(&old) != spec_part(&obj) { g + 1 } else { g });
        }
        if *old == obj {
            return Ok(old);
        }
        let removed_last_finalizer =
            old.meta().deletion_timestamp.is_some() && obj.meta().finalizers.as_ref().is_none_or(|f| f.is_empty());
        let arc = self.store.put(obj);
        if removed_last_finalizer && !is_graceful_pod(&arc) {
            self.store.remove(&key);
        }
        Ok(arc)
    }

    /// Writes the status of an object (the `/status` subresource): metadata and spec stay as stored.
    pub fn update_status(&mut self, obj: Object) -> Result<Arc<Object>, ApiError> {
        let key = obj.key();
        let Some(old) = self.store.get(&key).cloned() else {
            return Err(ApiError::not_found_gk(&key.gk, &key.name));
        };
        let mut merged = (*old).clone();
        copy_status(&obj, &mut merged);
        if merged == *old {
            return Ok(old);
        }
        Ok(self.store.put(merged))
    }

    /// Writes an object as a controller or the kubelet does: spec, metadata and status together,
    /// without generation or conflict checks beyond existence. Used for internal bookkeeping writes
    /// (binding a pod, kubelet status) that the real system splits into subresources.
    pub fn write_through(&mut self, obj: Object) -> Result<Arc<Object>, ApiError> {
        let key = obj.key();
        let Some(old) = self.store.get(&key).cloned() else {
            return Err(ApiError::not_found_gk(&key.gk, &key.name));
        };
        if *old == obj {
            return Ok(old);
        }
        Ok(self.store.put(obj))
    }

    /// Deletes an object. Returns the object as it is after the call (with deletionTimestamp set when
    /// deletion is graceful or waits on finalizers), or its last state if it is gone.
    pub fn delete(&mut self, key: &ObjectKey, opts: DeleteOptions) -> Result<Arc<Object>, ApiError> {
        let Some(old) = self.store.get(key).cloned() else {
            return Err(ApiError::not_found_gk(&key.gk, &key.name));
        };
        let mut obj = (*old).clone();
        let propagation = opts.propagation.unwrap_or(Propagation::Background);
        let mut finalizers = obj.meta().finalizers.clone().unwrap_or_default();
        let first_deletion = obj.meta().deletion_timestamp.is_none();
        match propagation {
            Propagation::Orphan if first_deletion && !finalizers.iter().any(|f| f == "orphan") => {
                finalizers.push("orphan".into())
            }
            Propagation::Foreground if first_deletion && !finalizers.iter().any(|f| f == "foregroundDeletion") => {
                finalizers.push("foregroundDeletion".into())
            }
            _ => {}
        }
        let grace = match &obj {
            Object::Pod(p) => {
                let bound = p.spec.as_ref().and_then(|s| s.node_name.as_ref()).is_some();
                let terminal = p
                    .status
                    .as_ref()
                    .and_then(|s| s.phase.as_deref())
                    .is_some_and(|ph| ph == "Succeeded" || ph == "Failed");
                if !bound || terminal {
                    0
                } else {
                    opts.grace_period_seconds
                        .unwrap_or_else(|| {
                            p.spec.as_ref().and_then(|s| s.termination_grace_period_seconds).unwrap_or(30)
                        })
                        .max(0)
                }
            }
            _ => 0,
        };
        // A namespace waits for its content: the namespace controller finishes the deletion.
        let namespace_finalizers = matches!(&obj, Object::Namespace(n) if n.spec.as_ref().and_then(|s| s.finalizers.as_ref()).is_some_and(|f| !f.is_empty()));
        if finalizers.is_empty() && grace == 0 && !namespace_finalizers {
            return Ok(self.store.remove(key).unwrap_or(old));
        }
        if let Object::Namespace(n) = &mut obj {
            n.status.get_or_insert_with(Default::default).phase = Some("Terminating".into());
        }
        let meta = obj.meta_mut();
        meta.finalizers = if finalizers.is_empty() { None } else { Some(finalizers) };
        if first_deletion {
            meta.deletion_timestamp = Some(Time(self.now.plus_secs(grace as u64).to_timestamp()));
            meta.deletion_grace_period_seconds = Some(grace);
            if meta.generation.is_some() {
                meta.generation = meta.generation.map(|g| g + 1);
            }
        } else if grace < meta.deletion_grace_period_seconds.unwrap_or(i64::MAX) {
            meta.deletion_timestamp = Some(Time(self.now.plus_secs(grace as u64).to_timestamp()));
            meta.deletion_grace_period_seconds = Some(grace);
        }
        if obj == *old {
            return Ok(old);
        }
        Ok(self.store.put(obj))
    }

    /// Final removal of an object whose graceful deletion has finished (the kubelet's `grace 0` delete).
    pub fn finish_deletion(&mut self, key: &ObjectKey) -> Option<Arc<Object>> {
        let obj = self.store.get(key)?.clone();
        if obj.meta().finalizers.as_ref().is_some_and(|f| !f.is_empty()) {
            let mut o = (*obj).clone();
            o.meta_mut().deletion_grace_period_seconds = Some(0);
            self.store.put(o);
            return None;
        }
        self.store.remove(key)
    }

    /// Records an event about `involved`, aggregating repeats into a count as client-go's recorder does.
    pub fn record_event(
        &mut self,
        involved: &Object,
        type_: &str,
        reason: &str,
        message: &str,
        component: &str,
        field_path: Option<&str>,
    ) {
        let meta = involved.meta();
        let uid = meta.uid.clone().unwrap_or_default();
        let ns = if involved.namespace().is_empty() { "default".to_string() } else { involved.namespace().to_string() };
        let index_key = (uid.clone(), reason.to_string(), message.to_string(), component.to_string());
        let now = self.now;
        if let Some(key) = self.event_index.get(&index_key).cloned()
            && let Some(Object::Event(e)) = self.store.get(&key).map(|a| (**a).clone())
        {
            let mut e = e;
            e.count = Some(e.count.unwrap_or(1) + 1);
            e.last_timestamp = Some(Time(now.to_timestamp()));
            self.store.put(Object::Event(e));
            return;
        }
        let name = format!("{}.{:x}", involved.name(), now.unix_nanos() + self.store.resource_version() as i128);
        let event = Event {
            metadata: ObjectMeta {
                name: Some(name.clone()),
                namespace: Some(ns.clone()),
                uid: Some(self.rng.uuid("uid")),
                creation_timestamp: Some(Time(now.to_timestamp())),
                ..Default::default()
            },
            involved_object: ObjectReference {
                api_version: Some(involved.api_version().to_string()),
                kind: Some(involved.kind().to_string()),
                name: meta.name.clone(),
                namespace: meta.namespace.clone(),
                resource_version: meta.resource_version.clone(),
                uid: meta.uid.clone(),
                field_path: field_path.map(str::to_string),
            },
            reason: Some(reason.to_string()),
            message: Some(message.to_string()),
            type_: Some(type_.to_string()),
            count: Some(1),
            first_timestamp: Some(Time(now.to_timestamp())),
            last_timestamp: Some(Time(now.to_timestamp())),
            event_time: None::<MicroTime>,
            source: Some(EventSource { component: Some(component.to_string()), host: None }),
            reporting_component: Some(component.to_string()),
            reporting_instance: Some(String::new()),
            ..Default::default()
        };
        let key = ObjectKey::new(GroupKind::new("", "Event"), ns, name);
        self.event_index.insert(index_key, key);
        self.store.put(Object::Event(event));
    }
}

fn is_graceful_pod(obj: &Object) -> bool {
    matches!(obj, Object::Pod(_)) && obj.meta().deletion_grace_period_seconds.unwrap_or(0) > 0
}

/// Fields a client cannot change through an update.
fn preserve_system_metadata(old: &ObjectMeta, new: &mut ObjectMeta) {
    new.uid = old.uid.clone();
    new.creation_timestamp = old.creation_timestamp.clone();
    new.deletion_timestamp = old.deletion_timestamp.clone();
    new.deletion_grace_period_seconds = old.deletion_grace_period_seconds;
    new.generation = old.generation;
    new.namespace = old.namespace.clone();
    new.generate_name = new.generate_name.take().or_else(|| old.generate_name.clone());
    new.managed_fields = None;
}

macro_rules! status_kinds {
    ($($variant:ident),*) => {
        fn keep_status(old: &Object, new: &mut Object) {
            match (old, new) {
                $((Object::$variant(o), Object::$variant(n)) => n.status = o.status.clone(),)*
                _ => {}
            }
        }
        fn copy_status(from: &Object, to: &mut Object) {
            match (from, to) {
                $((Object::$variant(f), Object::$variant(t)) => t.status = f.status.clone(),)*
                _ => {}
            }
        }
    };
}

status_kinds!(
    Namespace,
    Node,
    Pod,
    Service,
    PersistentVolumeClaim,
    PersistentVolume,
    ReplicaSet,
    Deployment,
    DaemonSet,
    StatefulSet,
    Job,
    CronJob,
    HorizontalPodAutoscaler,
    Ingress
);

impl Api {
    /// Removes one finalizer; an object being deleted goes away with its last finalizer.
    pub fn remove_finalizer(&mut self, key: &ObjectKey, finalizer: &str) {
        let Some(old) = self.store.get(key).cloned() else {
            return;
        };
        let mut obj = (*old).clone();
        let meta = obj.meta_mut();
        let Some(list) = meta.finalizers.as_mut() else {
            return;
        };
        let before = list.len();
        list.retain(|f| f != finalizer);
        if list.len() == before {
            return;
        }
        if list.is_empty() {
            meta.finalizers = None;
        }
        let gone = meta.deletion_timestamp.is_some() && meta.finalizers.is_none() && !is_graceful_pod(&obj);
        if gone {
            self.store.remove(key);
        } else {
            self.store.put(obj);
        }
    }
}
