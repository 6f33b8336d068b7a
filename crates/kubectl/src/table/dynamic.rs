//! Tables for kinds the engine stores as JSON: built-ins with a server-side printer (RBAC bindings,
//! NetworkPolicy, PodDisruptionBudget, ResourceQuota, webhook configurations, RuntimeClass), the API server's
//! default `NAME  CREATED AT` table for built-ins without one (Role, ClusterRole, LimitRange, CRDs), and the
//! `NAME  AGE` table of custom resources without printer columns (apiextensions' default `Age` column).

use k8s_openapi::api::admissionregistration::v1::{MutatingWebhookConfiguration, ValidatingWebhookConfiguration};
use k8s_openapi::api::core::v1::ResourceQuota;
use k8s_openapi::api::networking::v1::NetworkPolicy;
use k8s_openapi::api::node::v1::RuntimeClass;
use k8s_openapi::api::policy::v1::PodDisruptionBudget;
use k8s_openapi::api::rbac::v1::{RoleRef, Subject};
use kubeplay_engine::{Object, SimTime};
use serde::de::DeserializeOwned;

use super::{NAME, Printer, age, col, format, wide};
use kubeplay_engine::quantity::canonical_or_verbatim;

const CREATED_AT: Printer = Printer { columns: &[NAME, col("Created At")], row: created_at };
const CUSTOM: Printer = Printer { columns: &[NAME, col("Age")], row: name_age };
const BINDING: Printer = Printer {
    columns: &[NAME, col("Role"), col("Age"), wide("Users"), wide("Groups"), wide("ServiceAccounts")],
    row: binding,
};
const NETWORK_POLICY: Printer = Printer { columns: &[NAME, col("Pod-Selector"), col("Age")], row: network_policy };
const PDB: Printer = Printer {
    columns: &[NAME, col("Min Available"), col("Max Unavailable"), col("Allowed Disruptions"), col("Age")],
    row: pdb,
};
const RESOURCE_QUOTA: Printer =
    Printer { columns: &[NAME, col("Request"), col("Limit"), col("Age")], row: resource_quota };
const WEBHOOKS: Printer = Printer { columns: &[NAME, col("Webhooks"), col("Age")], row: webhooks };
const RUNTIME_CLASS: Printer = Printer { columns: &[NAME, col("Handler"), col("Age")], row: runtime_class };

pub(crate) fn printer_for(obj: &Object) -> Printer {
    let gk = obj.group_kind();
    match (gk.group.as_ref(), gk.kind.as_ref()) {
        ("rbac.authorization.k8s.io", "RoleBinding" | "ClusterRoleBinding") => BINDING,
        ("networking.k8s.io", "NetworkPolicy") => NETWORK_POLICY,
        ("policy", "PodDisruptionBudget") => PDB,
        ("", "ResourceQuota") => RESOURCE_QUOTA,
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration" | "ValidatingWebhookConfiguration") => WEBHOOKS,
        ("node.k8s.io", "RuntimeClass") => RUNTIME_CLASS,
        _ if obj.kind_info().is_some() => CREATED_AT,
        _ => CUSTOM,
    }
}

fn typed<T: DeserializeOwned>(obj: &Object) -> Option<T> {
    serde_json::from_value(obj.to_value()).ok()
}

fn created_at(obj: &Object, _now: SimTime) -> Option<Vec<String>> {
    let created = match obj.meta().creation_timestamp.as_ref() {
        Some(t) => format::rfc3339(&t.0),
        None => "0001-01-01T00:00:00Z".to_string(),
    };
    Some(vec![obj.name().to_string(), created])
}

fn name_age(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    Some(vec![obj.name().to_string(), age(obj, now)])
}

/// The fields both binding kinds share.
#[derive(serde::Deserialize)]
struct AnyBinding {
    #[serde(rename = "roleRef")]
    role_ref: RoleRef,
    subjects: Option<Vec<Subject>>,
}

fn binding(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let b: AnyBinding = typed(obj)?;
    // rbac.SubjectsStrings: users, groups and service accounts (`namespace/name`), each joined by ", ".
    let (mut users, mut groups, mut sas) = (Vec::new(), Vec::new(), Vec::new());
    for s in b.subjects.iter().flatten() {
        match s.kind.as_str() {
            "User" => users.push(s.name.clone()),
            "Group" => groups.push(s.name.clone()),
            "ServiceAccount" => sas.push(format!("{}/{}", s.namespace.as_deref().unwrap_or(""), s.name)),
            _ => {}
        }
    }
    Some(vec![
        obj.name().to_string(),
        format!("{}/{}", b.role_ref.kind, b.role_ref.name),
        age(obj, now),
        users.join(", "),
        groups.join(", "),
        sas.join(", "),
    ])
}

fn network_policy(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let np: NetworkPolicy = typed(obj)?;
    let selector = np.spec.as_ref().and_then(|s| s.pod_selector.clone()).unwrap_or_default();
    Some(vec![obj.name().to_string(), format::format_label_selector(Some(&selector)), age(obj, now)])
}

fn pdb(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let pdb: PodDisruptionBudget = typed(obj)?;
    let spec = pdb.spec.as_ref();
    let or_na = |v: Option<&k8s_openapi::apimachinery::pkg::util::intstr::IntOrString>| {
        v.map(format::int_or_string).unwrap_or_else(|| "N/A".to_string())
    };
    Some(vec![
        obj.name().to_string(),
        or_na(spec.and_then(|s| s.min_available.as_ref())),
        or_na(spec.and_then(|s| s.max_unavailable.as_ref())),
        pdb.status.as_ref().and_then(|s| s.disruptions_allowed).unwrap_or(0).to_string(),
        age(obj, now),
    ])
}

fn resource_quota(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let rq: ResourceQuota = typed(obj)?;
    let status = rq.status.as_ref();
    let hard = status.and_then(|s| s.hard.clone()).unwrap_or_default();
    let used = status.and_then(|s| s.used.clone()).unwrap_or_default();
    let (mut requests, mut limits) = (Vec::new(), Vec::new());
    for (name, hard_q) in &hard {
        let used_q = used.get(name).map(|q| canonical_or_verbatim(&q.0)).unwrap_or_else(|| "0".to_string());
        let text = format!("{name}: {used_q}/{}", canonical_or_verbatim(&hard_q.0));
        let pieces: Vec<&str> = name.split('.').collect();
        if pieces.len() > 1 && pieces[0] == "limits" { limits.push(text) } else { requests.push(text) }
    }
    Some(vec![obj.name().to_string(), requests.join(", "), limits.join(", "), age(obj, now)])
}

fn webhooks(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let count = if obj.kind() == "MutatingWebhookConfiguration" {
        typed::<MutatingWebhookConfiguration>(obj)?.webhooks.map_or(0, |w| w.len())
    } else {
        typed::<ValidatingWebhookConfiguration>(obj)?.webhooks.map_or(0, |w| w.len())
    };
    Some(vec![obj.name().to_string(), count.to_string(), age(obj, now)])
}

fn runtime_class(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let rc: RuntimeClass = typed(obj)?;
    Some(vec![obj.name().to_string(), rc.handler, age(obj, now)])
}
