//! The API server's defaulting, admission and validation for the kinds users write most: Pod, ReplicaSet,
//! Deployment, Service, Namespace, ConfigMap and Secret, with the server's own error messages.
//!
//! A create goes, as in kube-apiserver: [`apply_defaults`] (decoding applies v1 defaults) →
//! [`admission::admit_pod`] (mutating admission, Pods only) → [`prepare_for_create`] (registry strategy) →
//! allocation of cluster IPs and node ports (the caller's) → [`validate`]. An update goes
//! [`apply_defaults`] → [`prepare_for_update`] → [`validate_update`]. A non-empty error list becomes an HTTP 422;
//! [`invalid_message`] words it as kubectl prints it and [`status_message`] as the server's `Status.message`.
//!
//! Each submodule names the upstream file it follows (kubernetes/kubernetes `pkg/apis/{core,apps}/validation`,
//! `pkg/apis/{core,apps}/v1/defaults.go`, apimachinery `pkg/util/validation`, `pkg/api/validation`). Behaviour
//! is that of a default v1.37 server: feature gates at their v1.37 defaults, a single-stack IPv4 cluster,
//! privileged containers allowed. Known simplifications: node affinity terms, DRA claims, Windows options,
//! sysctl namespaces and the old tolerations annotation are checked loosely or not at all; the pod-update
//! error's trailing diff is a compact rendering, not go-cmp's.

pub mod admission;
mod apps;
mod core;
mod defaults;
pub mod field;
mod meta;
pub mod names;
mod pod_spec;

pub use defaults::{image_tag, prepare_for_create, prepare_for_update, pull_policy_for};
pub use field::{BadValue, ErrorType, FieldError};

use crate::object::Object;
use field::{FieldError as E, Path};

/// Applies API defaulting (`pkg/apis/*/v1/defaults.go`) to an object as it is decoded for a create or an
/// update. Kinds outside the validated set are left unchanged.
pub fn apply_defaults(obj: &mut Object) {
    defaults::apply_defaults(obj);
}

/// Create validation. Expects defaulting, admission and create preparation to have run, and the name to
/// be set (generated from `generateName` if need be) and the namespace filled in from the request.
/// Kinds outside the validated set are only checked for well-formed metadata where upstream's name rules
/// are known, and otherwise pass.
pub fn validate(obj: &Object) -> Vec<FieldError> {
    match obj {
        Object::Pod(p) => core::validate_pod(p),
        Object::Deployment(d) => apps::validate_deployment(d),
        Object::ReplicaSet(rs) => apps::validate_replica_set(rs),
        Object::Service(s) => core::validate_service(s),
        Object::Namespace(ns) => core::validate_namespace(ns),
        Object::ConfigMap(cm) => core::validate_config_map(cm),
        Object::Secret(s) => core::validate_secret(s),
        other => generic_metadata(other),
    }
}

/// Update validation of an object against the stored one: what may not change, then the new object's
/// validity. Expects [`prepare_for_update`] to have run on `new`. For the main resource, not `status`.
pub fn validate_update(old: &Object, new: &Object) -> Vec<FieldError> {
    match (old, new) {
        (Object::Pod(o), Object::Pod(n)) => core::validate_pod_update(n, o),
        (Object::Deployment(o), Object::Deployment(n)) => apps::validate_deployment_update(n, o),
        (Object::ReplicaSet(o), Object::ReplicaSet(n)) => apps::validate_replica_set_update(n, o),
        (Object::Service(o), Object::Service(n)) => core::validate_service_update(n, o),
        (Object::Namespace(o), Object::Namespace(n)) => core::validate_namespace_update(n, o),
        (Object::ConfigMap(o), Object::ConfigMap(n)) => core::validate_config_map_update(n, o),
        (Object::Secret(o), Object::Secret(n)) => core::validate_secret_update(n, o),
        (o, n) => {
            let mut errs = meta::validate_object_meta_update(n.meta(), o.meta(), &Path::new("metadata"));
            if o.kind() != n.kind() {
                errs.push(field::invalid(&Path::new("kind"), n.kind(), "field is immutable"));
            }
            errs
        }
    }
}

/// Metadata checks for typed kinds whose naming rule is known: most are DNS-1123 subdomains, StatefulSets
/// DNS-1123 labels. Kinds with other rules (RBAC, HPAs, custom resources) are not checked.
fn generic_metadata(obj: &Object) -> Vec<E> {
    let name_fn: names::NameFn = match obj {
        Object::StatefulSet(_) => names::name_is_dns_label,
        Object::DaemonSet(_)
        | Object::Job(_)
        | Object::CronJob(_)
        | Object::ServiceAccount(_)
        | Object::PersistentVolumeClaim(_)
        | Object::PersistentVolume(_)
        | Object::Endpoints(_)
        | Object::Ingress(_)
        | Object::IngressClass(_)
        | Object::EndpointSlice(_)
        | Object::PriorityClass(_)
        | Object::StorageClass(_)
        | Object::ControllerRevision(_)
        | Object::Node(_) => names::name_is_dns_subdomain,
        _ => return Vec::new(),
    };
    let namespaced = obj.kind_info().is_none_or(|k| k.namespaced);
    meta::validate_object_meta(obj.meta(), namespaced, name_fn, &Path::new("metadata"))
}

/// The message kubectl prints for a 422 (`checkErr` in kubectl's `cmd/util/helpers.go`): one cause on the
/// same line, several as a bulleted list, duplicates dropped. Without the final newline kubectl adds.
pub fn invalid_message(kind: &str, name: &str, errors: &[FieldError]) -> String {
    let head = format!("The {kind} {} is invalid", field::go_quote(name));
    let msgs = field::dedup_messages(errors);
    match msgs.len() {
        0 => head,
        1 => format!("{head}: {}", msgs[0]),
        _ => {
            let mut s = format!("{head}: ");
            for m in msgs {
                s.push_str("\n* ");
                s.push_str(&m);
            }
            s
        }
    }
}

/// The `Status.message` of the server's 422 (`errors.NewInvalid`): `Deployment.apps "web" is invalid: [e1, e2]`.
/// `qualified_kind` is the kind with its group (`Deployment.apps`; core kinds have none).
pub fn status_message(qualified_kind: &str, name: &str, errors: &[FieldError]) -> String {
    let head = format!("{qualified_kind} {} is invalid", field::go_quote(name));
    if errors.is_empty() { head } else { format!("{head}: {}", field::aggregate(errors)) }
}

#[cfg(test)]
mod tests;
