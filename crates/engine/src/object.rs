//! API objects: the real Kubernetes types from k8s-openapi for the kinds the engine understands, and a
//! generic JSON form for every other kind (RBAC, webhooks, CRDs and their instances).
//!
//! Objects live in the store behind `Arc`, so a snapshot or a read never copies them; a write replaces the
//! `Arc`. See ARCHITECTURE.md for how pod templates will be shared between a controller's pods.

use std::sync::Arc;

use k8s_openapi::api::apps::v1::{ControllerRevision, DaemonSet, Deployment, ReplicaSet, StatefulSet};
use k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler;
use k8s_openapi::api::batch::v1::{CronJob, Job};
use k8s_openapi::api::coordination::v1::Lease;
use k8s_openapi::api::core::v1::{
    ConfigMap, Endpoints, Event, Namespace, Node, PersistentVolume, PersistentVolumeClaim, Pod, Secret, Service,
    ServiceAccount,
};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::api::networking::v1::{Ingress, IngressClass};
use k8s_openapi::api::scheduling::v1::PriorityClass;
use k8s_openapi::api::storage::v1::StorageClass;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde_json::Value;

use crate::kinds::{self, GroupKind, KindInfo};

/// Where an object lives: its kind (group + kind), namespace (empty for cluster-scoped kinds) and name.
/// The store is ordered by this key, so listing one kind is a range scan. The parts sit behind one `Arc`:
/// the persistent map copies keys along every path it rewrites, and a key copy must not allocate.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ObjectKey(Arc<KeyParts>);

/// The parts of an [`ObjectKey`], reached through `Deref` (`key.name`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KeyParts {
    pub gk: GroupKind,
    pub namespace: String,
    pub name: String,
}

impl std::ops::Deref for ObjectKey {
    type Target = KeyParts;

    fn deref(&self) -> &KeyParts {
        &self.0
    }
}

impl ObjectKey {
    pub fn new(gk: GroupKind, namespace: impl Into<String>, name: impl Into<String>) -> ObjectKey {
        ObjectKey(Arc::new(KeyParts { gk, namespace: namespace.into(), name: name.into() }))
    }

    pub fn pod(namespace: &str, name: &str) -> ObjectKey {
        ObjectKey::new(GroupKind::new("", "Pod"), namespace, name)
    }

    /// `deployment.apps/web`, as kubectl echoes objects.
    pub fn display_name(&self) -> String {
        format!("{}/{}", self.qualified_kind(), self.name)
    }

    /// `deployment.apps`, `pod`, `widget.example.com`: the lower-cased kind with its group.
    pub fn qualified_kind(&self) -> String {
        match self.gk.info() {
            Some(info) => info.qualified_singular(),
            None => qualified_dynamic(&self.gk),
        }
    }
}

fn qualified_dynamic(gk: &GroupKind) -> String {
    let lower = gk.kind.to_ascii_lowercase();
    if gk.group.is_empty() { lower } else { format!("{lower}.{}", gk.group) }
}

/// Any object whose kind has no typed representation: stored as JSON, metadata parsed.
#[derive(Clone, Debug, PartialEq)]
pub struct DynamicObject {
    pub api_version: String,
    pub kind: String,
    pub metadata: ObjectMeta,
    /// Every top-level field except apiVersion, kind and metadata.
    pub body: serde_json::Map<String, Value>,
}

/// A field path and message from decoding an object into its typed form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The JSON path of the offending field (`spec.replicas`), empty when it is the object itself.
    pub path: String,
    pub message: String,
}

macro_rules! objects {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// An API object, typed where the engine needs to read it.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Object {
            $($variant($ty),)*
            Dynamic(DynamicObject),
        }

        impl Object {
            pub fn meta(&self) -> &ObjectMeta {
                match self {
                    $(Object::$variant(o) => &o.metadata,)*
                    Object::Dynamic(o) => &o.metadata,
                }
            }

            pub fn meta_mut(&mut self) -> &mut ObjectMeta {
                match self {
                    $(Object::$variant(o) => &mut o.metadata,)*
                    Object::Dynamic(o) => &mut o.metadata,
                }
            }

            pub fn api_version(&self) -> &str {
                match self {
                    $(Object::$variant(_) => <$ty as k8s_openapi::Resource>::API_VERSION,)*
                    Object::Dynamic(o) => &o.api_version,
                }
            }

            pub fn kind(&self) -> &str {
                match self {
                    $(Object::$variant(_) => <$ty as k8s_openapi::Resource>::KIND,)*
                    Object::Dynamic(o) => &o.kind,
                }
            }

            /// The object as the API serves it, with apiVersion and kind.
            pub fn to_value(&self) -> Value {
                let result = match self {
                    $(Object::$variant(o) => serde_json::to_value(o),)*
                    Object::Dynamic(o) => return dynamic_to_value(o),
                };
                // Serializing these plain data types cannot fail; an empty object keeps the engine total.
                result.unwrap_or_else(|_| Value::Object(Default::default()))
            }

            /// Decodes a JSON object whose apiVersion/kind have been checked against [`kinds`]: typed where
            /// the engine has a type for that version, generic otherwise.
            pub fn from_value(value: Value) -> Result<Object, DecodeError> {
                let api_version = value.get("apiVersion").and_then(Value::as_str).unwrap_or("").to_string();
                let kind = value.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
                $(
                    if api_version == <$ty as k8s_openapi::Resource>::API_VERSION
                        && kind == <$ty as k8s_openapi::Resource>::KIND
                    {
                        return decode::<$ty>(value).map(Object::$variant);
                    }
                )*
                decode_dynamic(api_version, kind, value).map(Object::Dynamic)
            }
        }
    };
}

objects! {
    Namespace(Namespace),
    Node(Node),
    Pod(Pod),
    Service(Service),
    Endpoints(Endpoints),
    ConfigMap(ConfigMap),
    Secret(Secret),
    ServiceAccount(ServiceAccount),
    Event(Event),
    PersistentVolumeClaim(PersistentVolumeClaim),
    PersistentVolume(PersistentVolume),
    ReplicaSet(ReplicaSet),
    Deployment(Deployment),
    DaemonSet(DaemonSet),
    StatefulSet(StatefulSet),
    ControllerRevision(ControllerRevision),
    Job(Job),
    CronJob(CronJob),
    HorizontalPodAutoscaler(HorizontalPodAutoscaler),
    Ingress(Ingress),
    IngressClass(IngressClass),
    EndpointSlice(EndpointSlice),
    Lease(Lease),
    PriorityClass(PriorityClass),
    StorageClass(StorageClass),
}

fn decode<T: serde::de::DeserializeOwned>(value: Value) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize::<_, T>(value).map_err(|e| {
        let path = e.path().to_string();
        DecodeError { path: if path == "." { String::new() } else { path }, message: e.into_inner().to_string() }
    })
}

fn decode_dynamic(api_version: String, kind: String, value: Value) -> Result<DynamicObject, DecodeError> {
    let Value::Object(mut map) = value else {
        return Err(DecodeError { path: String::new(), message: "expected an object".into() });
    };
    map.remove("apiVersion");
    map.remove("kind");
    let metadata = match map.remove("metadata") {
        Some(m) => decode::<ObjectMeta>(m).map_err(|e| DecodeError {
            path: if e.path.is_empty() { "metadata".into() } else { format!("metadata.{}", e.path) },
            message: e.message,
        })?,
        None => ObjectMeta::default(),
    };
    Ok(DynamicObject { api_version, kind, metadata, body: map })
}

fn dynamic_to_value(o: &DynamicObject) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("apiVersion".into(), Value::String(o.api_version.clone()));
    map.insert("kind".into(), Value::String(o.kind.clone()));
    map.insert("metadata".into(), serde_json::to_value(&o.metadata).unwrap_or(Value::Null));
    for (k, v) in &o.body {
        map.insert(k.clone(), v.clone());
    }
    Value::Object(map)
}

impl Object {
    pub fn name(&self) -> &str {
        self.meta().name.as_deref().unwrap_or("")
    }

    pub fn namespace(&self) -> &str {
        self.meta().namespace.as_deref().unwrap_or("")
    }

    pub fn group_kind(&self) -> GroupKind {
        let (group, _) = kinds::split_api_version(self.api_version());
        GroupKind::owned(group, self.kind())
    }

    /// The served resource for this object's kind, if the API server knows it.
    pub fn kind_info(&self) -> Option<&'static KindInfo> {
        let (group, _) = kinds::split_api_version(self.api_version());
        kinds::find_kind(group, self.kind())
    }

    pub fn key(&self) -> ObjectKey {
        ObjectKey::new(self.group_kind(), self.namespace(), self.name())
    }

    pub fn labels(&self) -> Option<&std::collections::BTreeMap<String, String>> {
        self.meta().labels.as_ref()
    }

    pub fn into_arc(self) -> Arc<Object> {
        Arc::new(self)
    }
}

/// Accessors that let controllers take typed views without matching everywhere.
macro_rules! typed_accessors {
    ($($fn_name:ident, $variant:ident, $ty:ty);* $(;)?) => {
        impl Object {
            $(
                pub fn $fn_name(&self) -> Option<&$ty> {
                    match self { Object::$variant(o) => Some(o), _ => None }
                }
            )*
        }
    };
}

typed_accessors! {
    as_pod, Pod, Pod;
    as_node, Node, Node;
    as_namespace, Namespace, Namespace;
    as_replica_set, ReplicaSet, ReplicaSet;
    as_deployment, Deployment, Deployment;
    as_service, Service, Service;
    as_event, Event, Event;
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn typed_round_trip_keeps_api_version_and_kind() {
        let v = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                                 "template": {"metadata": {"labels": {"app": "web"}},
                                              "spec": {"containers": [{"name": "nginx", "image": "nginx"}]}}}});
        let o = Object::from_value(v).unwrap();
        assert!(matches!(o, Object::Deployment(_)));
        assert_eq!(o.key().display_name(), "deployment.apps/web");
        assert_eq!(o.to_value()["kind"], "Deployment");
        assert_eq!(o.to_value()["apiVersion"], "apps/v1");
    }

    #[test]
    fn type_errors_name_the_field() {
        let v = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                        "spec": {"replicas": "three"}});
        let e = Object::from_value(v).unwrap_err();
        assert_eq!(e.path, "spec.replicas");
    }

    #[test]
    fn unknown_kinds_are_generic() {
        let v = json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                        "metadata": {"name": "r", "namespace": "default"}, "rules": []});
        let o = Object::from_value(v.clone()).unwrap();
        assert!(matches!(o, Object::Dynamic(_)));
        assert_eq!(o.to_value(), v);
        assert_eq!(o.key().display_name(), "role.rbac.authorization.k8s.io/r");
    }
}
