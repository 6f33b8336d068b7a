//! Tables for small kinds: Namespace, ConfigMap, Secret, ServiceAccount, HorizontalPodAutoscaler, Lease,
//! PriorityClass (`printNamespace`, `printConfigMap`, `printSecret`, `printServiceAccount`,
//! `printHorizontalPodAutoscaler`, `printLease`, `printPriorityClass`).

use k8s_openapi::api::autoscaling::v2::{MetricSpec, MetricStatus, MetricTarget};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, wide};
use kubeplay_engine::quantity::canonical_or_verbatim;

pub(crate) const NAMESPACE: Printer = Printer { columns: NS_COLUMNS, row: namespace };
pub(crate) const CONFIG_MAP: Printer = Printer { columns: CM_COLUMNS, row: config_map };
pub(crate) const SECRET: Printer = Printer { columns: SECRET_COLUMNS, row: secret };
pub(crate) const SERVICE_ACCOUNT: Printer = Printer { columns: SA_COLUMNS, row: service_account };
pub(crate) const HPA: Printer = Printer { columns: HPA_COLUMNS, row: hpa };
pub(crate) const LEASE: Printer = Printer { columns: LEASE_COLUMNS, row: lease };
pub(crate) const PRIORITY_CLASS: Printer = Printer { columns: PC_COLUMNS, row: priority_class };

const NS_COLUMNS: &[Column] = &[NAME, col("Status"), col("Age")];
const CM_COLUMNS: &[Column] = &[NAME, col("Data"), col("Age")];
const SECRET_COLUMNS: &[Column] = &[NAME, col("Type"), col("Data"), col("Age")];
const SA_COLUMNS: &[Column] = &[NAME, col("Secrets"), col("Age")];
const HPA_COLUMNS: &[Column] =
    &[NAME, col("Reference"), col("Targets"), col("MinPods"), col("MaxPods"), col("Replicas"), col("Age")];
const LEASE_COLUMNS: &[Column] = &[NAME, col("Holder"), col("Age")];
const PC_COLUMNS: &[Column] = &[NAME, col("Value"), col("Global-Default"), col("Age"), wide("PreemptionPolicy")];

fn namespace(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let ns = obj.as_namespace()?;
    let phase = ns.status.as_ref().and_then(|s| s.phase.clone()).unwrap_or_default();
    Some(vec![obj.name().to_string(), phase, age(obj, now)])
}

fn config_map(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::ConfigMap(cm) = obj else {
        return None;
    };
    let count = cm.data.as_ref().map_or(0, |d| d.len()) + cm.binary_data.as_ref().map_or(0, |d| d.len());
    Some(vec![obj.name().to_string(), count.to_string(), age(obj, now)])
}

fn secret(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::Secret(secret) = obj else {
        return None;
    };
    // The API server folds stringData into data on write; count both in case an object still carries it.
    let mut keys: std::collections::BTreeSet<&String> = secret.data.iter().flatten().map(|(k, _)| k).collect();
    keys.extend(secret.string_data.iter().flatten().map(|(k, _)| k));
    Some(vec![obj.name().to_string(), secret.type_.clone().unwrap_or_default(), keys.len().to_string(), age(obj, now)])
}

fn service_account(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::ServiceAccount(sa) = obj else {
        return None;
    };
    Some(vec![obj.name().to_string(), sa.secrets.as_ref().map_or(0, Vec::len).to_string(), age(obj, now)])
}

fn lease(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::Lease(lease) = obj else {
        return None;
    };
    let holder = lease.spec.as_ref().and_then(|s| s.holder_identity.clone()).unwrap_or_default();
    Some(vec![obj.name().to_string(), holder, age(obj, now)])
}

fn priority_class(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::PriorityClass(pc) = obj else {
        return None;
    };
    Some(vec![
        obj.name().to_string(),
        pc.value.unwrap_or(0).to_string(),
        pc.global_default.unwrap_or(false).to_string(),
        age(obj, now),
        pc.preemption_policy.clone().unwrap_or_default(),
    ])
}

fn hpa(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::HorizontalPodAutoscaler(hpa) = obj else {
        return None;
    };
    let spec = Some(&hpa.spec);
    let status = hpa.status.as_ref();
    let reference =
        spec.map(|s| format!("{}/{}", s.scale_target_ref.kind, s.scale_target_ref.name)).unwrap_or_default();
    let metrics = format_hpa_metrics(
        spec.and_then(|s| s.metrics.as_deref()).unwrap_or(&[]),
        status.and_then(|s| s.current_metrics.as_deref()).unwrap_or(&[]),
    );
    Some(vec![
        obj.name().to_string(),
        reference,
        metrics,
        spec.and_then(|s| s.min_replicas).map(|m| m.to_string()).unwrap_or_else(|| "<unset>".into()),
        spec.map(|s| s.max_replicas).unwrap_or(0).to_string(),
        status.and_then(|s| s.current_replicas).unwrap_or(0).to_string(),
        age(obj, now),
    ])
}

/// `Quantity.String()` of an optional quantity (`<nil>` as Go prints a nil pointer).
fn quantity(q: Option<&Quantity>) -> String {
    q.map(|q| canonical_or_verbatim(&q.0)).unwrap_or_else(|| "<nil>".to_string())
}

fn value_or_average(target: &MetricTarget, current: Option<(Option<&Quantity>, Option<&Quantity>)>) -> String {
    let unknown = || "<unknown>".to_string();
    if target.average_value.is_some() {
        let cur = current.and_then(|(avg, _)| avg).map(|q| quantity(Some(q))).unwrap_or_else(unknown);
        format!("{cur}/{} (avg)", quantity(target.average_value.as_ref()))
    } else {
        let cur = current.map(|(_, value)| quantity(value)).unwrap_or_else(unknown);
        format!("{cur}/{}", quantity(target.value.as_ref()))
    }
}

/// `formatHPAMetrics`: at most two targets, `current/target` each, then `+ N more...`.
pub(crate) fn format_hpa_metrics(specs: &[MetricSpec], statuses: &[MetricStatus]) -> String {
    if specs.is_empty() {
        return "<none>".to_string();
    }
    let mut list: Vec<String> = Vec::new();
    for (i, spec) in specs.iter().enumerate() {
        let status = statuses.get(i);
        let text = match spec.type_.as_str() {
            "External" => spec.external.as_ref().map(|e| {
                let current = status
                    .and_then(|s| s.external.as_ref())
                    .map(|s| (s.current.average_value.as_ref(), s.current.value.as_ref()));
                value_or_average(&e.target, current)
            }),
            "Object" => spec.object.as_ref().map(|o| {
                let current = status
                    .and_then(|s| s.object.as_ref())
                    .map(|s| (s.current.average_value.as_ref(), s.current.value.as_ref()));
                value_or_average(&o.target, current)
            }),
            "Pods" => spec.pods.as_ref().map(|p| {
                let current = status
                    .and_then(|s| s.pods.as_ref())
                    .map(|s| quantity(s.current.average_value.as_ref()))
                    .unwrap_or_else(|| "<unknown>".to_string());
                format!("{current}/{}", quantity(p.target.average_value.as_ref()))
            }),
            "Resource" => spec.resource.as_ref().map(|r| {
                let current = status.and_then(|s| s.resource.as_ref()).map(|s| &s.current);
                resource_target(&r.name, &r.target, current)
            }),
            "ContainerResource" => spec.container_resource.as_ref().map(|r| {
                let current = status.and_then(|s| s.container_resource.as_ref()).map(|s| &s.current);
                resource_target(&r.name, &r.target, current)
            }),
            _ => None,
        };
        list.push(text.unwrap_or_else(|| "<unknown type>".to_string()));
    }
    let count = list.len();
    if count > 2 {
        list.truncate(2);
        return format!("{} + {} more...", list.join(", "), count - 2);
    }
    list.join(", ")
}

fn resource_target(
    name: &str,
    target: &MetricTarget,
    current: Option<&k8s_openapi::api::autoscaling::v2::MetricValueStatus>,
) -> String {
    if target.average_value.is_some() {
        let cur = current.map(|c| quantity(c.average_value.as_ref())).unwrap_or_else(|| "<unknown>".to_string());
        format!("{name}: {cur}/{}", quantity(target.average_value.as_ref()))
    } else {
        let cur = current
            .and_then(|c| c.average_utilization)
            .map(|u| format!("{u}%"))
            .unwrap_or_else(|| "<unknown>".to_string());
        let want = target.average_utilization.map(|u| format!("{u}%")).unwrap_or_else(|| "<auto>".to_string());
        format!("{name}: {cur}/{want}")
    }
}
