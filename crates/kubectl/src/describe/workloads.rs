//! `kubectl describe` for DaemonSets, StatefulSets, Jobs and CronJobs (`describeDaemonSet`,
//! `describeStatefulSet`, `describeVolumeClaimTemplates`, `describeJob`, `describeCronJob`,
//! `describeJobTemplate`).

use k8s_openapi::api::apps::v1::{DaemonSet, StatefulSet};
use k8s_openapi::api::batch::v1::{CronJob, Job, JobSpec};

use super::apps::pod_phases;
use super::{
    DescribeContext, Writer, annotations, controller, events, events_of, labels, labels_multiline,
    pod_template,
};
use crate::table::format;

pub(crate) fn describe_daemon_set(ds: &DaemonSet, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &ds.metadata;
    let spec = &ds.spec;
    let status = ds.status.clone().unwrap_or_default();
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            format::selector_string(Some(&spec.selector)).unwrap_or_default()
        ),
    );
    let node_selector = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.node_selector.as_ref());
    w.write(
        0,
        &format!("Node-Selector:\t{}\n", format::format_labels(node_selector)),
    );
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(
        0,
        &format!(
            "Desired Number of Nodes Scheduled: {}\n",
            status.desired_number_scheduled
        ),
    );
    w.write(
        0,
        &format!(
            "Current Number of Nodes Scheduled: {}\n",
            status.current_number_scheduled
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Up-to-date Pods: {}\n",
            status.updated_number_scheduled.unwrap_or(0)
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Scheduled with Available Pods: {}\n",
            status.number_available.unwrap_or(0)
        ),
    );
    w.write(
        0,
        &format!(
            "Number of Nodes Misscheduled: {}\n",
            status.number_misscheduled
        ),
    );
    let (running, waiting, succeeded, failed) = pod_phases(
        ctx,
        meta.namespace.as_deref().unwrap_or(""),
        &spec.selector,
        meta.uid.as_deref(),
    );
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
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!(
            "CreationTimestamp:\t{}\n",
            format::rfc1123z(meta.creation_timestamp.as_ref().map(|t| &t.0))
        ),
    );
    w.write(
        0,
        &format!(
            "Selector:\t{}\n",
            format::selector_string(Some(&spec.selector)).unwrap_or_default()
        ),
    );
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
    w.write(
        0,
        &format!(
            "Update Strategy:\t{}\n",
            strategy.type_.as_deref().unwrap_or("")
        ),
    );
    if let Some(partition) = strategy.rolling_update.as_ref().and_then(|ru| ru.partition) {
        w.write(1, &format!("Partition:\t{partition}\n"));
        if let Some(max) = strategy
            .rolling_update
            .as_ref()
            .and_then(|ru| ru.max_unavailable.as_ref())
        {
            w.write(
                1,
                &format!("MaxUnavailable:\t{}\n", format::int_or_string(max)),
            );
        }
    }
    let (running, waiting, succeeded, failed) = pod_phases(
        ctx,
        meta.namespace.as_deref().unwrap_or(""),
        &spec.selector,
        meta.uid.as_deref(),
    );
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
            w.write(
                1,
                &format!("Name:\t{}\n", pvc.metadata.name.as_deref().unwrap_or("")),
            );
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
            labels_multiline(
                w,
                "  ",
                "Annotations",
                "\t",
                pvc.metadata.annotations.as_ref(),
            );
            match pvc_spec
                .resources
                .as_ref()
                .and_then(|r| r.requests.as_ref())
                .and_then(|r| r.get("storage"))
            {
                Some(q) => w.write(1, &format!("Capacity:\t{}\n", super::qty::canonical(&q.0))),
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
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
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
        w.write(
            0,
            &format!("Start Time:\t{}\n", format::rfc1123z(Some(&start.0))),
        );
    }
    if let Some(done) = status.completion_time.as_ref() {
        w.write(
            0,
            &format!("Completed At:\t{}\n", format::rfc1123z(Some(&done.0))),
        );
    }
    if let (Some(start), Some(done)) = (status.start_time.as_ref(), status.completion_time.as_ref())
    {
        let duration = format::human_between(start.0.as_millisecond(), done.0.as_millisecond());
        w.write(0, &format!("Duration:\t{duration}\n"));
    }
    if let Some(deadline) = spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    let (active, succeeded, failed) = (
        status.active.unwrap_or(0),
        status.succeeded.unwrap_or(0),
        status.failed.unwrap_or(0),
    );
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
            &format!(
                "Completed Indexes:\t{}\n",
                cap_indexes(status.completed_indexes.as_deref().unwrap_or(""), 50)
            ),
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
    match indexes
        .char_indices()
        .find(|(i, c)| *i >= limit && *c == ',')
    {
        Some((i, _)) => format!("{}...", &indexes[..=i]),
        None => indexes.to_string(),
    }
}

pub(crate) fn describe_cron_job(cj: &CronJob, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = &cj.metadata;
    let spec = &cj.spec;
    w.write(
        0,
        &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")),
    );
    w.write(
        0,
        &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")),
    );
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Schedule:\t{}\n", spec.schedule));
    w.write(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            spec.concurrency_policy.as_deref().unwrap_or("")
        ),
    );
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
        &format!(
            "Failed Job History Limit:\t{}\n",
            or_unset(spec.failed_jobs_history_limit.map(|l| l.to_string()))
        ),
    );
    w.write(
        0,
        &format!(
            "Starting Deadline Seconds:\t{}\n",
            or_unset(spec.starting_deadline_seconds.map(|s| format!("{s}s")))
        ),
    );
    let job_spec = spec.job_template.spec.clone().unwrap_or_default();
    match job_spec.selector.as_ref() {
        Some(_) => selector_line(w, &job_spec),
        None => w.write(0, "Selector:\t<unset>\n"),
    }
    w.write(
        0,
        &format!(
            "Parallelism:\t{}\n",
            or_unset(job_spec.parallelism.map(|p| p.to_string()))
        ),
    );
    w.write(
        0,
        &format!(
            "Completions:\t{}\n",
            or_unset(job_spec.completions.map(|c| c.to_string()))
        ),
    );
    if let Some(deadline) = job_spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    pod_template(w, Some(&job_spec.template));
    let status = cj.status.clone().unwrap_or_default();
    match status.last_schedule_time.as_ref() {
        Some(t) => w.write(
            0,
            &format!("Last Schedule Time:\t{}\n", format::rfc1123z(Some(&t.0))),
        ),
        None => w.write(0, "Last Schedule Time:\t<unset>\n"),
    }
    w.write(0, "Active Jobs:\t");
    let active = status.active.unwrap_or_default();
    if active.is_empty() {
        w.line("<none>");
    } else {
        let names: Vec<&str> = active
            .iter()
            .map(|j| j.name.as_deref().unwrap_or(""))
            .collect();
        w.line(&names.join(", "));
    }
    events(w, events_of(meta, ctx), ctx.now());
}
