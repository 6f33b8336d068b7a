//! `kubectl describe` for DaemonSets, StatefulSets, Jobs and CronJobs (`describeDaemonSet`,
//! `describeStatefulSet`, `describeVolumeClaimTemplates`, `describeJob`, `describeCronJob`,
//! `describeJobTemplate`).

use k8s_openapi::api::apps::v1::{DaemonSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job, JobSpec};
use kubeplay_engine::quantity::canonical_or_verbatim;

use super::apps::pod_phases;
use super::{
    DescribeContext, Writer, annotations, controller, events, events_of, labels, labels_multiline, pod_template,
};
use crate::table::format;

pub(crate) fn describe_daemon_set(ds: &DaemonSet, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &ds.metadata;
    let spec = &ds.spec;
    let status = ds.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    w.write(0, &format!("Selector:\t{}\n", format::selector_string(Some(&spec.selector)).unwrap_or_default()));
    let node_selector = spec.template.spec.as_ref().and_then(|s| s.node_selector.as_ref());
    w.write(0, &format!("Node-Selector:\t{}\n", format::format_labels(node_selector)));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Desired Number of Nodes Scheduled: {}\n", status.desired_number_scheduled));
    w.write(0, &format!("Current Number of Nodes Scheduled: {}\n", status.current_number_scheduled));
    w.write(
        0,
        &format!("Number of Nodes Scheduled with Up-to-date Pods: {}\n", status.updated_number_scheduled.unwrap_or(0)),
    );
    w.write(0, &format!("Number of Nodes Scheduled with Available Pods: {}\n", status.number_available.unwrap_or(0)));
    w.write(0, &format!("Number of Nodes Misscheduled: {}\n", status.number_misscheduled));
    let (running, waiting, succeeded, failed) =
        pod_phases(ctx, meta.namespace.as_deref().unwrap_or(""), &spec.selector, meta.uid.as_deref());
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    pod_template(w, Some(&spec.template));
    events(w, events_of(meta, ctx), ctx.now());
}

pub(crate) fn describe_stateful_set(sts: &StatefulSet, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &sts.metadata;
    let spec = &sts.spec;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    w.write(0, &format!("CreationTimestamp:\t{}\n", format::rfc1123z(meta.creation_timestamp.as_ref().map(|t| &t.0))));
    w.write(0, &format!("Selector:\t{}\n", format::selector_string(Some(&spec.selector)).unwrap_or_default()));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!(
            "Replicas:\t{} desired | {} total\n",
            spec.replicas.unwrap_or(1),
            sts.status.as_ref().map(|s| s.replicas).unwrap_or(0)
        ),
    );
    let strategy = spec.update_strategy.clone().unwrap_or_default();
    w.write(0, &format!("Update Strategy:\t{}\n", strategy.type_.as_deref().unwrap_or("")));
    if let Some(partition) = strategy.rolling_update.as_ref().and_then(|ru| ru.partition) {
        w.write(1, &format!("Partition:\t{partition}\n"));
        if let Some(max) = strategy.rolling_update.as_ref().and_then(|ru| ru.max_unavailable.as_ref()) {
            w.write(1, &format!("MaxUnavailable:\t{}\n", format::int_or_string(max)));
        }
    }
    let (running, waiting, succeeded, failed) =
        pod_phases(ctx, meta.namespace.as_deref().unwrap_or(""), &spec.selector, meta.uid.as_deref());
    w.write(
        0,
        &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"),
    );
    pod_template(w, Some(&spec.template));
    let templates = spec.volume_claim_templates.as_deref().unwrap_or(&[]);
    if templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
    } else {
        w.write(0, "Volume Claims:\n");
        for pvc in templates {
            let pvc_spec = pvc.spec.clone().unwrap_or_default();
            w.write(1, &format!("Name:\t{}\n", pvc.metadata.name.as_deref().unwrap_or("")));
            let class = pvc
                .metadata
                .annotations
                .as_ref()
                .and_then(|a| a.get("volume.beta.kubernetes.io/storage-class"))
                .cloned()
                .or(pvc_spec.storage_class_name.clone())
                .unwrap_or_default();
            w.write(1, &format!("StorageClass:\t{class}\n"));
            labels_multiline(w, "  ", "Labels", "\t", pvc.metadata.labels.as_ref());
            labels_multiline(w, "  ", "Annotations", "\t", pvc.metadata.annotations.as_ref());
            match pvc_spec.resources.as_ref().and_then(|r| r.requests.as_ref()).and_then(|r| r.get("storage")) {
                Some(q) => w.write(1, &format!("Capacity:\t{}\n", canonical_or_verbatim(&q.0))),
                None => w.write(1, "Capacity:\t<default>\n"),
            }
            let modes = pvc_spec.access_modes.unwrap_or_default();
            w.write(1, &format!("Access Modes:\t[{}]\n", modes.join(" ")));
        }
    }
    events(w, events_of(meta, ctx), ctx.now());
}

pub(crate) fn describe_job(job: &Job, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &job.metadata;
    let spec = job.spec.clone().unwrap_or_default();
    let status = job.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    selector_line(w, &spec);
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    if let Some(by) = controller(meta) {
        w.write(0, &format!("Controlled By:\t{by}\n"));
    }
    if let Some(p) = spec.parallelism {
        w.write(0, &format!("Parallelism:\t{p}\n"));
    }
    match spec.completions {
        Some(c) => w.write(0, &format!("Completions:\t{c}\n")),
        None => w.write(0, "Completions:\t<unset>\n"),
    }
    if let Some(mode) = spec.completion_mode.as_deref() {
        w.write(0, &format!("Completion Mode:\t{mode}\n"));
    }
    if let Some(suspend) = spec.suspend {
        w.write(0, &format!("Suspend:\t{suspend}\n"));
    }
    if let Some(limit) = spec.backoff_limit {
        w.write(0, &format!("Backoff Limit:\t{limit}\n"));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        w.write(0, &format!("TTL Seconds After Finished:\t{ttl}\n"));
    }
    if let Some(start) = status.start_time.as_ref() {
        w.write(0, &format!("Start Time:\t{}\n", format::rfc1123z(Some(&start.0))));
    }
    if let Some(done) = status.completion_time.as_ref() {
        w.write(0, &format!("Completed At:\t{}\n", format::rfc1123z(Some(&done.0))));
    }
    if let (Some(start), Some(done)) = (status.start_time.as_ref(), status.completion_time.as_ref()) {
        let duration = format::human_between(start.0.as_millisecond(), done.0.as_millisecond());
        w.write(0, &format!("Duration:\t{duration}\n"));
    }
    if let Some(deadline) = spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    let (active, succeeded, failed) =
        (status.active.unwrap_or(0), status.succeeded.unwrap_or(0), status.failed.unwrap_or(0));
    match status.ready {
        None => w.write(0, &format!("Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")),
        Some(ready) => w.write(
            0,
            &format!("Pods Statuses:\t{active} Active ({ready} Ready) / {succeeded} Succeeded / {failed} Failed\n"),
        ),
    }
    if spec.completion_mode.as_deref() == Some("Indexed") {
        w.write(
            0,
            &format!("Completed Indexes:\t{}\n", cap_indexes(status.completed_indexes.as_deref().unwrap_or(""), 50)),
        );
    }
    pod_template(w, Some(&spec.template));
    events(w, events_of(meta, ctx), ctx.now());
}

fn selector_line(w: &mut Writer, spec: &JobSpec) {
    match format::selector_string(spec.selector.as_ref()) {
        Ok(s) => w.write(0, &format!("Selector:\t{s}\n")),
        Err(()) => w.write(0, "Selector:\tFailed to get selector: invalid selector\n"),
    }
}

/// `capIndexesListOrNone`: the completed indexes, cut after the first comma past `limit` characters.
fn cap_indexes(indexes: &str, limit: usize) -> String {
    if indexes.is_empty() {
        return "<none>".to_string();
    }
    match indexes.char_indices().find(|(i, c)| *i >= limit && *c == ',') {
        Some((i, _)) => format!("{}...", &indexes[..=i]),
        None => indexes.to_string(),
    }
}

pub(crate) fn describe_cron_job(cj: &CronJob, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &cj.metadata;
    let spec = &cj.spec;
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Schedule:\t{}\n", spec.schedule));
    w.write(0, &format!("Concurrency Policy:\t{}\n", spec.concurrency_policy.as_deref().unwrap_or("")));
    let suspend = match spec.suspend {
        Some(s) => super::go_bool_title(s),
        None => "<unset>",
    };
    w.write(0, &format!("Suspend:\t{suspend}\n"));
    let or_unset = |v: Option<String>| v.unwrap_or_else(|| "<unset>".to_string());
    w.write(
        0,
        &format!(
            "Successful Job History Limit:\t{}\n",
            or_unset(spec.successful_jobs_history_limit.map(|l| l.to_string()))
        ),
    );
    w.write(
        0,
        &format!("Failed Job History Limit:\t{}\n", or_unset(spec.failed_jobs_history_limit.map(|l| l.to_string()))),
    );
    w.write(
        0,
        &format!("Starting Deadline Seconds:\t{}\n", or_unset(spec.starting_deadline_seconds.map(|s| format!("{s}s")))),
    );
    let job_spec = spec.job_template.spec.clone().unwrap_or_default();
    match job_spec.selector.as_ref() {
        Some(_) => selector_line(w, &job_spec),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    w.write(0, &format!("Parallelism:\t{}\n", or_unset(job_spec.parallelism.map(|p| p.to_string()))));
    w.write(0, &format!("Completions:\t{}\n", or_unset(job_spec.completions.map(|c| c.to_string()))));
    if let Some(deadline) = job_spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    pod_template(w, Some(&job_spec.template));
    let status = cj.status.clone().unwrap_or_default();
    match status.last_schedule_time.as_ref() {
        Some(t) => w.write(0, &format!("Last Schedule Time:\t{}\n", format::rfc1123z(Some(&t.0)))),
        None => w.write(0, "Last Schedule Time:\t<unset>\n"),
    }
    w.write(0, "Active Jobs:\t");
    let active = status.active.unwrap_or_default();
    if active.is_empty() {
        w.line("<none>");
    } else {
        let names: Vec<&str> = active.iter().map(|j| j.name.as_deref().unwrap_or("")).collect();
        w.line(&names.join(", "));
    }
    events(w, events_of(meta, ctx), ctx.now());
}

/// `Quantity.String()` of an optional quantity, `<nil>` as Go prints a nil pointer.
fn quantity(q: Option<&k8s_openapi::apimachinery::pkg::api::resource::Quantity>) -> String {
    q.map(|q| canonical_or_verbatim(&q.0)).unwrap_or_else(|| "<nil>".to_string())
}

/// `describeHorizontalPodAutoscalerV2`: each metric as `current / target`, replica bounds, behavior,
/// the target's pod counts and the HPA's conditions.
pub(crate) fn describe_hpa(
    hpa: &k8s_openapi::api::autoscaling::v2::HorizontalPodAutoscaler,
    ctx: &dyn DescribeContext,
    w: &mut Writer,
) {
    let meta = &hpa.metadata;
    let spec = &hpa.spec;
    let status = hpa.status.clone().unwrap_or_default();
    let current = status.current_metrics.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("CreationTimestamp:\t{}\n", format::rfc1123z(meta.creation_timestamp.as_ref().map(|t| &t.0))));
    w.write(0, &format!("Reference:\t{}/{}\n", spec.scale_target_ref.kind, spec.scale_target_ref.name));
    w.write(0, "Metrics:\t( current / target )\n");
    let unknown = || "<unknown>".to_string();
    for (i, metric) in spec.metrics.iter().flatten().enumerate() {
        let status = current.get(i);
        match (metric.type_.as_str(), metric) {
            ("External", m) if m.external.is_some() => {
                let Some(e) = m.external.as_ref() else {
                    continue;
                };
                let cur = status.and_then(|s| s.external.as_ref()).map(|s| &s.current);
                if e.target.average_value.is_some() {
                    let c =
                        cur.and_then(|c| c.average_value.as_ref()).map(|q| quantity(Some(q))).unwrap_or_else(unknown);
                    w.write(
                        1,
                        &format!(
                            "{:?} (target average value):\t{c} / {}\n",
                            e.metric.name,
                            quantity(e.target.average_value.as_ref())
                        ),
                    );
                } else {
                    let c = cur.map(|c| quantity(c.value.as_ref())).unwrap_or_else(unknown);
                    w.write(
                        1,
                        &format!("{:?} (target value):\t{c} / {}\n", e.metric.name, quantity(e.target.value.as_ref())),
                    );
                }
            }
            ("Pods", m) if m.pods.is_some() => {
                let Some(p) = m.pods.as_ref() else { continue };
                let c = status
                    .and_then(|s| s.pods.as_ref())
                    .map(|s| quantity(s.current.average_value.as_ref()))
                    .unwrap_or_else(unknown);
                w.write(
                    1,
                    &format!("{:?} on pods:\t{c} / {}\n", p.metric.name, quantity(p.target.average_value.as_ref())),
                );
            }
            ("Object", m) if m.object.is_some() => {
                let Some(o) = m.object.as_ref() else { continue };
                w.write(
                    1,
                    &format!("\"{}\" on {}/{} ", o.metric.name, o.described_object.kind, o.described_object.name),
                );
                let cur = status.and_then(|s| s.object.as_ref()).map(|s| &s.current);
                if o.target.type_ == "AverageValue" {
                    let c = cur.map(|c| quantity(c.average_value.as_ref())).unwrap_or_else(unknown);
                    w.write(
                        0,
                        &format!("(target average value):\t{c} / {}\n", quantity(o.target.average_value.as_ref())),
                    );
                } else {
                    let c = cur.map(|c| quantity(c.value.as_ref())).unwrap_or_else(unknown);
                    w.write(0, &format!("(target value):\t{c} / {}\n", quantity(o.target.value.as_ref())));
                }
            }
            ("Resource" | "ContainerResource", m) if m.resource.is_some() || m.container_resource.is_some() => {
                let (target, cur) = match (m.resource.as_ref(), m.container_resource.as_ref()) {
                    (Some(r), _) if metric.type_ == "Resource" => {
                        w.write(1, &format!("resource {} on pods", r.name));
                        (&r.target, status.and_then(|s| s.resource.as_ref()).map(|s| &s.current))
                    }
                    (_, Some(r)) => {
                        w.write(1, &format!("resource {} of container \"{}\" on pods", r.name, r.container));
                        (&r.target, status.and_then(|s| s.container_resource.as_ref()).map(|s| &s.current))
                    }
                    _ => continue,
                };
                if target.average_value.is_some() {
                    let c = cur.map(|c| quantity(c.average_value.as_ref())).unwrap_or_else(unknown);
                    w.write(0, &format!(":\t{c} / {}\n", quantity(target.average_value.as_ref())));
                } else {
                    let c = cur
                        .and_then(|c| {
                            c.average_utilization.map(|u| format!("{u}% ({})", quantity(c.average_value.as_ref())))
                        })
                        .unwrap_or_else(unknown);
                    let t = target.average_utilization.map(|u| format!("{u}%")).unwrap_or_else(|| "<auto>".to_string());
                    w.write(1, &format!("(as a percentage of request):\t{c} / {t}\n"));
                }
            }
            _ => w.write(1, &format!("<unknown metric type {:?}>\n", metric.type_)),
        }
    }
    let min = spec.min_replicas.map(|m| m.to_string()).unwrap_or_else(|| "<unset>".to_string());
    w.write(0, &format!("Min replicas:\t{min}\n"));
    w.write(0, &format!("Max replicas:\t{}\n", spec.max_replicas));
    if let Some(behavior) = spec.behavior.as_ref() {
        w.write(0, "Behavior:\n");
        for (direction, rules) in [("Scale Up", &behavior.scale_up), ("Scale Down", &behavior.scale_down)] {
            let Some(rules) = rules.as_ref() else {
                continue;
            };
            w.write(1, &format!("{direction}:\n"));
            if let Some(window) = rules.stabilization_window_seconds {
                w.write(2, &format!("Stabilization Window: {window} seconds\n"));
            }
            if let Some(policies) = rules.policies.as_ref().filter(|p| !p.is_empty()) {
                w.write(2, &format!("Select Policy: {}\n", rules.select_policy.as_deref().unwrap_or("Max")));
                w.write(2, "Policies:\n");
                for p in policies {
                    w.write(
                        3,
                        &format!("- Type: {}\tValue: {}\tPeriod: {} seconds\n", p.type_, p.value, p.period_seconds),
                    );
                }
            }
        }
    }
    w.write(0, &format!("{} pods:\t", spec.scale_target_ref.kind));
    w.write(0, &format!("{} current / {} desired\n", status.current_replicas.unwrap_or(0), status.desired_replicas));
    let conditions = status.conditions.unwrap_or_default();
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tReason\tMessage\n");
        w.write(1, "----\t------\t------\t-------\n");
        for c in &conditions {
            w.write(
                1,
                &format!(
                    "{}\t{}\t{}\t{}\n",
                    c.type_,
                    c.status,
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
    events(w, events_of(meta, ctx), ctx.now());
}
