//! `kubectl describe`: the text kubectl's describers print (`staging/src/k8s.io/kubectl/pkg/describe/
//! describe.go`, release 1.35), aligned by Go's tabwriter with minwidth 0 and padding 2 over the whole output.
//!
//! A describer writes tab-separated lines at indentation levels, exactly as upstream's `PrefixWriter` does,
//! and the alignment comes out of the same column-block rules; so the odd alignments real kubectl shows (the
//! `IPs:` block of a pod, trailing spaces in condition tables) come out the same.

mod apps;
mod generic;
mod node;
mod pod;
mod rbac;
mod service;
mod simple;
#[cfg(test)]
mod tests;
mod workloads;

use std::sync::Arc;

use k8s_openapi::api::core::v1::{Event, PodTemplateSpec, Toleration};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use kube_core::{Selector, SelectorExt};
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::{Object, ObjectKey, SimTime};

use crate::table::format;
use crate::table::tabwriter;

/// What a describer may read from the cluster besides the object itself.
pub trait DescribeContext {
    /// The current simulated time, for ages.
    fn now(&self) -> SimTime;
    /// Every object of a kind in a namespace, ordered by name; the empty namespace means all namespaces
    /// (ordered by namespace, then name).
    fn list(&self, gk: &GroupKind, namespace: &str) -> Vec<Arc<Object>>;
    fn get(&self, key: &ObjectKey) -> Option<Arc<Object>>;
    /// The core/v1 Event objects whose `involvedObject.uid` is this, in creation order.
    fn events_for(&self, involved_uid: &str) -> Vec<Arc<Object>>;
}

/// The output of `kubectl describe` for one object, ending with a newline.
pub fn describe(obj: &Object, ctx: &dyn DescribeContext) -> String {
    let mut w = Writer::default();
    match obj {
        Object::Pod(pod) => pod::describe_pod(pod, ctx, &mut w),
        Object::Deployment(d) => apps::describe_deployment(d, ctx, &mut w),
        Object::ReplicaSet(rs) => apps::describe_replica_set(rs, ctx, &mut w),
        Object::DaemonSet(ds) => workloads::describe_daemon_set(ds, ctx, &mut w),
        Object::StatefulSet(sts) => workloads::describe_stateful_set(sts, ctx, &mut w),
        Object::Job(job) => workloads::describe_job(job, ctx, &mut w),
        Object::CronJob(cj) => workloads::describe_cron_job(cj, ctx, &mut w),
        Object::HorizontalPodAutoscaler(hpa) => workloads::describe_hpa(hpa, ctx, &mut w),
        Object::Node(node) => node::describe_node(node, ctx, &mut w),
        Object::Service(svc) => service::describe_service(svc, ctx, &mut w),
        Object::Namespace(ns) => simple::describe_namespace(ns, ctx, &mut w),
        Object::ConfigMap(cm) => simple::describe_config_map(cm, ctx, &mut w),
        Object::Secret(secret) => simple::describe_secret(secret, &mut w),
        Object::PersistentVolumeClaim(pvc) => simple::describe_pvc(pvc, ctx, &mut w),
        Object::ServiceAccount(sa) => simple::describe_service_account(sa, ctx, &mut w),
        Object::Ingress(ing) => service::describe_ingress(ing, ctx, &mut w),
        _ if rbac::is_rbac(obj) => rbac::describe_rbac(obj, &mut w),
        _ => generic::describe_generic(obj, ctx, &mut w),
    }
    w.finish()
}

/// Upstream's `PrefixWriter`: text at an indentation level of two spaces per level, with terminal escape
/// characters made harmless (`printers.WriteEscaped`). The tabwriter runs once, over everything written.
#[derive(Default)]
pub(crate) struct Writer {
    buf: String,
}

impl Writer {
    pub(crate) fn write(&mut self, level: usize, text: &str) {
        for _ in 0..level {
            self.buf.push_str("  ");
        }
        self.push_escaped(text);
    }

    /// `WriteLine`: the text and a newline, without indentation.
    pub(crate) fn line(&mut self, text: &str) {
        self.push_escaped(text);
        self.buf.push('\n');
    }

    fn push_escaped(&mut self, text: &str) {
        if text.contains(['\x1b', '\r']) {
            self.buf.push_str(&text.replace('\x1b', "^[").replace('\r', "\\r"));
        } else {
            self.buf.push_str(text);
        }
    }

    fn finish(self) -> String {
        tabwriter::align(&self.buf, tabwriter::DESCRIBE)
    }
}

/// `printLabelsMultilineWithIndent`: the first pair after the title, the rest on their own lines.
pub(crate) fn labels_multiline(
    w: &mut Writer,
    initial_indent: &str,
    title: &str,
    inner_indent: &str,
    labels: Option<&std::collections::BTreeMap<String, String>>,
) {
    w.write(0, &format!("{initial_indent}{title}:{inner_indent}"));
    let Some(labels) = labels.filter(|l| !l.is_empty()) else {
        w.line("<none>");
        return;
    };
    for (i, (key, value)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, initial_indent);
            w.write(0, inner_indent);
        }
        w.write(0, &format!("{key}={value}\n"));
    }
}

/// `printLabelsMultiline`.
pub(crate) fn labels(w: &mut Writer, title: &str, labels: Option<&std::collections::BTreeMap<String, String>>) {
    labels_multiline(w, "", title, "\t", labels);
}

const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";
const MAX_ANNOTATION_LEN: usize = 140;

/// `printAnnotationsMultiline`: `key: value`, long or multi-line values below their key, cut at 138 bytes;
/// kubectl's last-applied-configuration is never shown.
pub(crate) fn annotations(
    w: &mut Writer,
    title: &str,
    annotations: Option<&std::collections::BTreeMap<String, String>>,
) {
    w.write(0, &format!("{title}:\t"));
    let keys: Vec<(&String, &String)> =
        annotations.iter().flat_map(|a| a.iter()).filter(|(k, _)| k.as_str() != LAST_APPLIED).collect();
    if keys.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (key, value)) in keys.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = value.strip_suffix('\n').unwrap_or(value);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for part in value.split('\n') {
                w.write(0, &format!("\t  {}\n", shorten(part, MAX_ANNOTATION_LEN - 2)));
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

/// Cuts at a byte length as Go's slicing does, keeping the text valid UTF-8.
fn shorten(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &s[..end])
}

/// `printTolerationsMultilineWithIndent`, sorted by key.
pub(crate) fn tolerations(w: &mut Writer, initial_indent: &str, title: &str, tolerations: &[Toleration]) {
    w.write(0, &format!("{initial_indent}{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, initial_indent);
            w.write(0, "\t");
        }
        let key = t.key.as_deref().unwrap_or("");
        let value = t.value.as_deref().unwrap_or("");
        let effect = t.effect.as_deref().unwrap_or("");
        let mut text = key.to_string();
        if !value.is_empty() {
            text.push_str(&format!("={value}"));
        }
        if !effect.is_empty() {
            text.push_str(&format!(":{effect}"));
        }
        if t.operator.as_deref() == Some("Exists") && value.is_empty() {
            text.push_str(if !key.is_empty() || !effect.is_empty() { " op=Exists" } else { "op=Exists" });
        }
        if let Some(secs) = t.toleration_seconds {
            text.push_str(&format!(" for {secs}s"));
        }
        w.write(0, &format!("{text}\n"));
    }
}

/// `DescribeEvents`: sorted by last timestamp, ages like `2m10s`, `(xN over AGE)` for repeated events.
pub(crate) fn events(w: &mut Writer, events: Vec<Arc<Object>>, now: SimTime) {
    let mut list: Vec<&Event> = events.iter().filter_map(|e| e.as_event()).collect();
    if list.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    list.sort_by_key(|e| e.last_timestamp.as_ref().map(|t| t.0.as_millisecond()).unwrap_or(i64::MIN));
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in list {
        let first_seen = match e.event_time.as_ref() {
            Some(t) => format::since_micro(now, Some(t)),
            None => format::since(now, e.first_timestamp.as_ref()),
        };
        let count = e.count.unwrap_or(0);
        let interval = if let Some(series) = e.series.as_ref() {
            format!(
                "{} (x{} over {first_seen})",
                format::since_micro(now, series.last_observed_time.as_ref()),
                series.count.unwrap_or(0)
            )
        } else if count > 1 {
            format!("{} (x{count} over {first_seen})", format::since(now, e.last_timestamp.as_ref()))
        } else {
            first_seen
        };
        let source = e
            .source
            .as_ref()
            .and_then(|s| s.component.clone())
            .filter(|c| !c.is_empty())
            .or_else(|| e.reporting_component.clone())
            .unwrap_or_default();
        let mut message = e.message.as_deref().unwrap_or("").trim().to_string();
        if let Some(path) = e.involved_object.field_path.as_deref().filter(|p| !p.is_empty()) {
            message = format!("{path}: {message}");
        }
        w.write(
            1,
            &format!(
                "{}\t{}\t{interval}\t{source}\t{message}\n",
                e.type_.as_deref().unwrap_or(""),
                e.reason.as_deref().unwrap_or("")
            ),
        );
    }
}

/// The events about an object, found by its uid.
pub(crate) fn events_of(meta: &ObjectMeta, ctx: &dyn DescribeContext) -> Vec<Arc<Object>> {
    match meta.uid.as_deref() {
        Some(uid) if !uid.is_empty() => ctx.events_for(uid),
        _ => Vec::new(),
    }
}

/// `printController`: `Kind/name` of the controlling owner.
pub(crate) fn controller(meta: &ObjectMeta) -> Option<String> {
    meta.owner_references
        .iter()
        .flatten()
        .find(|r| r.controller == Some(true))
        .map(|r| format!("{}/{}", r.kind, r.name))
}

/// Whether `meta` is controlled by the object with this uid (`metav1.IsControlledBy`).
pub(crate) fn is_controlled_by(meta: &ObjectMeta, uid: Option<&str>) -> bool {
    let Some(uid) = uid else { return false };
    meta.owner_references.iter().flatten().any(|r| r.controller == Some(true) && r.uid == uid)
}

/// Whether a label selector selects these labels; an invalid selector selects nothing.
pub(crate) fn selects(selector: &LabelSelector, labels: Option<&std::collections::BTreeMap<String, String>>) -> bool {
    let Ok(selector) = Selector::try_from(selector.clone()) else {
        return false;
    };
    let empty = std::collections::BTreeMap::new();
    selector.matches(labels.unwrap_or(&empty))
}

/// `DescribePodTemplate`, as Deployments, ReplicaSets and the other controllers print their template.
pub(crate) fn pod_template(w: &mut Writer, template: Option<&PodTemplateSpec>) {
    w.write(0, "Pod Template:\n");
    let Some(template) = template else {
        w.write(1, "<unset>");
        return;
    };
    let meta = template.metadata.as_ref();
    labels(w, "  Labels", meta.and_then(|m| m.labels.as_ref()));
    if meta.and_then(|m| m.annotations.as_ref()).is_some_and(|a| !a.is_empty()) {
        annotations(w, "  Annotations", meta.and_then(|m| m.annotations.as_ref()));
    }
    let spec = template.spec.clone().unwrap_or_default();
    if let Some(sa) = spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(1, &format!("Service Account:\t{sa}\n"));
    }
    if let Some(init) = spec.init_containers.as_deref().filter(|c| !c.is_empty()) {
        pod::describe_containers(w, "Init Containers", init, None, None, "  ");
    }
    pod::describe_containers(w, "Containers", &spec.containers, None, None, "  ");
    pod::describe_volumes(w, spec.volumes.as_deref().unwrap_or(&[]), "  ");
    pod::topology_spread_constraints(w, spec.topology_spread_constraints.as_deref().unwrap_or(&[]), "  ");
    if let Some(pc) = spec.priority_class_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(1, &format!("Priority Class Name:\t{pc}\n"));
    }
    labels(w, "  Node-Selectors", spec.node_selector.as_ref());
    tolerations(w, "", "  Tolerations", spec.tolerations.as_deref().unwrap_or(&[]));
}

/// `printBool`.
pub(crate) fn go_bool_title(value: bool) -> &'static str {
    if value { "True" } else { "False" }
}
