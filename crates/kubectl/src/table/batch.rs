//! Tables for Jobs and CronJobs (`printJob`, `printCronJob`): STATUS from the job's conditions, COMPLETIONS,
//! DURATION, and the schedule columns.

use k8s_openapi::api::batch::v1::JobCondition;
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, container_cells, format, wide};

pub(crate) const JOB: Printer = Printer { columns: JOB_COLUMNS, row: job };
pub(crate) const CRON_JOB: Printer = Printer { columns: CRON_JOB_COLUMNS, row: cron_job };

const JOB_COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Completions"),
    col("Duration"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

const CRON_JOB_COLUMNS: &[Column] = &[
    NAME,
    col("Schedule"),
    col("Timezone"),
    col("Suspend"),
    col("Active"),
    col("Last Schedule"),
    col("Age"),
    wide("Containers"),
    wide("Images"),
    wide("Selector"),
];

/// `hasJobCondition`: the first condition of the type decides.
fn has_condition(conditions: &[JobCondition], type_: &str) -> bool {
    conditions.iter().find(|c| c.type_ == type_).is_some_and(|c| c.status == "True")
}

fn job(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::Job(job) = obj else { return None };
    let spec = job.spec.as_ref();
    let status = job.status.as_ref();
    let succeeded = status.and_then(|s| s.succeeded).unwrap_or(0);
    let completions = match spec.and_then(|s| s.completions) {
        Some(c) => format!("{succeeded}/{c}"),
        None => {
            let parallelism = spec.and_then(|s| s.parallelism).unwrap_or(0);
            if parallelism > 1 { format!("{succeeded}/1 of {parallelism}") } else { format!("{succeeded}/1") }
        }
    };
    let start = status.and_then(|s| s.start_time.as_ref());
    let completion = status.and_then(|s| s.completion_time.as_ref());
    let duration = match (start, completion) {
        (None, _) => String::new(),
        (Some(start), None) => format::since_timestamp(now, &start.0),
        (Some(start), Some(end)) => format::human_between(start.0.as_millisecond(), end.0.as_millisecond()),
    };
    let conditions = status.and_then(|s| s.conditions.as_deref()).unwrap_or(&[]);
    let state = if has_condition(conditions, "Complete") {
        "Complete"
    } else if has_condition(conditions, "Failed") {
        "Failed"
    } else if job.metadata.deletion_timestamp.is_some() {
        "Terminating"
    } else if has_condition(conditions, "Suspended") {
        "Suspended"
    } else if has_condition(conditions, "FailureTarget") {
        "FailureTarget"
    } else {
        "Running"
    };
    let template_spec = spec.and_then(|s| s.template.spec.as_ref());
    let (names, images) = container_cells(template_spec.map(|s| s.containers.as_slice()).unwrap_or(&[]));
    Some(vec![
        obj.name().to_string(),
        state.to_string(),
        completions,
        duration,
        age(obj, now),
        names,
        images,
        format::format_label_selector(spec.and_then(|s| s.selector.as_ref())),
    ])
}

fn cron_job(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::CronJob(cj) = obj else {
        return None;
    };
    let spec = Some(&cj.spec);
    let status = cj.status.as_ref();
    let last_schedule = match status.and_then(|s| s.last_schedule_time.as_ref()) {
        Some(t) => format::since(now, Some(t)),
        None => "<none>".to_string(),
    };
    let suspend = match spec.and_then(|s| s.suspend) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    let job_spec = cj.spec.job_template.spec.as_ref();
    let containers = job_spec.and_then(|j| j.template.spec.as_ref()).map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let (names, images) = container_cells(containers);
    Some(vec![
        obj.name().to_string(),
        spec.map(|s| s.schedule.clone()).unwrap_or_default(),
        spec.and_then(|s| s.time_zone.clone()).unwrap_or_else(|| "<none>".to_string()),
        suspend.to_string(),
        status.and_then(|s| s.active.as_ref()).map_or(0, Vec::len).to_string(),
        last_schedule,
        age(obj, now),
        names,
        images,
        format::format_label_selector(job_spec.and_then(|j| j.selector.as_ref())),
    ])
}
