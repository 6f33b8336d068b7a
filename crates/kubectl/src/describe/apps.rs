//! `kubectl describe deployment` and `kubectl describe replicaset` (`describeDeployment`,
//! `describeReplicaSet`, `getPodStatusForController`, and `deploymentutil.GetAllReplicaSetsInChunks` for the
//! old and new ReplicaSets).

use std::sync::Arc;

use k8s_openapi::api::apps::v1::{Deployment, ReplicaSet};
use k8s_openapi::api::core::v1::PodTemplateSpec;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
use kubeplay_engine::Object;
use kubeplay_engine::kinds::GroupKind;
use serde_json::Value;

use super::{
    DescribeContext, Writer, annotations, controller, events, events_of, is_controlled_by, labels, pod_template,
    selects,
};
use crate::table::format;

const POD_TEMPLATE_HASH: &str = "pod-template-hash";

pub(crate) fn describe_deployment(d: &Deployment, ctx: &dyn DescribeContext, w: &mut Writer) {
    let now = ctx.now();
    let meta = &d.metadata;
    let spec = &d.spec;
    let status = d.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    w.write(0, &format!("CreationTimestamp:\t{}\n", format::rfc1123z(meta.creation_timestamp.as_ref().map(|t| &t.0))));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Selector:\t{}\n", format::selector_string(Some(&spec.selector)).unwrap_or_default()));
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
            spec.replicas.unwrap_or(1),
            status.updated_replicas.unwrap_or(0),
            status.replicas.unwrap_or(0),
            status.available_replicas.unwrap_or(0),
            status.unavailable_replicas.unwrap_or(0)
        ),
    );
    let strategy = spec.strategy.clone().unwrap_or_default();
    w.write(0, &format!("StrategyType:\t{}\n", strategy.type_.as_deref().unwrap_or("")));
    w.write(0, &format!("MinReadySeconds:\t{}\n", spec.min_ready_seconds.unwrap_or(0)));
    if let Some(ru) = strategy.rolling_update.as_ref() {
        let text = |v: &Option<k8s_openapi::apimachinery::pkg::util::intstr::IntOrString>| {
            v.as_ref().map(format::int_or_string).unwrap_or_else(|| "<nil>".to_string())
        };
        w.write(
            0,
            &format!(
                "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
                text(&ru.max_unavailable),
                text(&ru.max_surge)
            ),
        );
    }
    pod_template(w, Some(&spec.template));
    let conditions = status.conditions.as_deref().unwrap_or(&[]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    c.type_.as_deref().unwrap_or(""),
                    c.status.as_deref().unwrap_or(""),
                    c.reason.as_deref().unwrap_or("")
                ),
            );
        }
    }
    let (old, new) = replica_sets_of(d, ctx);
    if !old.is_empty() || !new.is_empty() {
        w.write(0, &format!("OldReplicaSets:\t{}\n", replica_sets_text(&old)));
        w.write(0, &format!("NewReplicaSet:\t{}\n", replica_sets_text(&new)));
    }
    events(w, events_of(meta, ctx), now);
}

/// `printReplicaSetsByLabels`: `name (current/desired replicas created)`, or `<none>`.
fn replica_sets_text(sets: &[Arc<Object>]) -> String {
    let parts: Vec<String> = sets
        .iter()
        .filter_map(|o| o.as_replica_set())
        .map(|rs| {
            format!(
                "{} ({}/{} replicas created)",
                rs.metadata.name.as_deref().unwrap_or(""),
                rs.status.as_ref().map(|s| s.replicas).unwrap_or(0),
                rs.spec.replicas.unwrap_or(1)
            )
        })
        .collect();
    if parts.is_empty() { "<none>".to_string() } else { parts.join(", ") }
}

/// The ReplicaSets a Deployment controls: the new one (the oldest whose template equals the Deployment's,
/// ignoring pod-template-hash) and the old ones that still have replicas, oldest first.
fn replica_sets_of(d: &Deployment, ctx: &dyn DescribeContext) -> (Vec<Arc<Object>>, Vec<Arc<Object>>) {
    let namespace = d.metadata.namespace.as_deref().unwrap_or("");
    let mut owned: Vec<Arc<Object>> = ctx
        .list(&GroupKind::new("apps", "ReplicaSet"), namespace)
        .into_iter()
        .filter(|o| {
            o.as_replica_set().is_some_and(|rs| {
                selects(&d.spec.selector, rs.metadata.labels.as_ref())
                    && is_controlled_by(&rs.metadata, d.metadata.uid.as_deref())
            })
        })
        .collect();
    owned.sort_by(|a, b| {
        let key = |o: &Object| (o.meta().creation_timestamp.as_ref().map(|t| t.0), o.name().to_string());
        key(a).cmp(&key(b))
    });
    let wanted = template_without_hash(&d.spec.template);
    let new_index = owned.iter().position(|o| {
        o.as_replica_set().and_then(|rs| rs.spec.template.as_ref()).map(template_without_hash) == Some(wanted.clone())
    });
    let new: Vec<Arc<Object>> = new_index.map(|i| owned[i].clone()).into_iter().collect();
    let old = owned
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != new_index)
        .filter(|(_, o)| o.as_replica_set().is_some_and(|rs| rs.spec.replicas.unwrap_or(1) != 0))
        .map(|(_, o)| o.clone())
        .collect();
    (old, new)
}

/// A pod template as JSON without the pod-template-hash label, with empty fields dropped so that nil and
/// empty compare equal, as apimachinery's semantic equality treats them.
fn template_without_hash(template: &PodTemplateSpec) -> Value {
    let mut value = serde_json::to_value(template).unwrap_or(Value::Null);
    if let Some(labels) = value.pointer_mut("/metadata/labels").and_then(Value::as_object_mut) {
        labels.remove(POD_TEMPLATE_HASH);
    }
    prune(&mut value);
    value
}

fn prune(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for v in map.values_mut() {
                prune(v);
            }
            map.retain(|_, v| !is_empty(v));
        }
        Value::Array(items) => items.iter_mut().for_each(prune),
        _ => {}
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Object(map) => map.is_empty(),
        Value::Array(items) => items.is_empty(),
        _ => false,
    }
}

pub(crate) fn describe_replica_set(rs: &ReplicaSet, ctx: &dyn DescribeContext, w: &mut Writer) {
    let now = ctx.now();
    let meta = &rs.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    w.write(0, &format!("Selector:\t{}\n", format::format_label_selector(Some(&rs.spec.selector))));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    if let Some(by) = controller(meta) {
        w.write(0, &format!("Controlled By:\t{by}\n"));
    }
    let status = rs.status.clone().unwrap_or_default();
    w.write(0, &format!("Replicas:\t{} current / {} desired\n", status.replicas, rs.spec.replicas.unwrap_or(1)));
    let (running, waiting, succeeded, failed) =
        pod_phases(ctx, meta.namespace.as_deref().unwrap_or(""), &rs.spec.selector, meta.uid.as_deref());
    w.write(0, "Pods Status:\t");
    w.write(0, &format!("{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"));
    pod_template(w, rs.spec.template.as_ref());
    let conditions = status.conditions.as_deref().unwrap_or(&[]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{}\t{}\n",
                    c.type_.as_deref().unwrap_or(""),
                    c.status.as_deref().unwrap_or(""),
                    c.reason.as_deref().unwrap_or("")
                ),
            );
        }
    }
    events(w, events_of(meta, ctx), now);
}

/// `getPodStatusForController`: the phases of the pods the selector matches and the controller owns.
pub(crate) fn pod_phases(
    ctx: &dyn DescribeContext,
    namespace: &str,
    selector: &LabelSelector,
    uid: Option<&str>,
) -> (usize, usize, usize, usize) {
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    for obj in ctx.list(&GroupKind::new("", "Pod"), namespace) {
        let Some(pod) = obj.as_pod() else { continue };
        if !selects(selector, pod.metadata.labels.as_ref()) || !is_controlled_by(&pod.metadata, uid) {
            continue;
        }
        match pod.status.as_ref().and_then(|s| s.phase.as_deref()) {
            Some("Running") => running += 1,
            Some("Pending") => waiting += 1,
            Some("Succeeded") => succeeded += 1,
            Some("Failed") => failed += 1,
            _ => {}
        }
    }
    (running, waiting, succeeded, failed)
}
