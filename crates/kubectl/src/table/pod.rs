//! The pod table: READY, the STATUS kubectl derives from container states, RESTARTS with the time of the
//! last restart (`printPod` in `pkg/printers/internalversion/printers.go`).

use k8s_openapi::api::core::v1::{ContainerState, Pod, PodCondition};
use k8s_openapi::jiff::Timestamp;
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, col, format, wide};

pub(crate) const PRINTER: Printer = Printer { columns: COLUMNS, row };

const COLUMNS: &[Column] = &[
    NAME,
    col("Ready"),
    col("Status"),
    col("Restarts"),
    col("Age"),
    wide("IP"),
    wide("Node"),
    wide("Nominated Node"),
    wide("Readiness Gates"),
];

fn row(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let pod = obj.as_pod()?;
    let summary = summarize(pod, now);
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let pod_ip = status
        .and_then(|s| s.pod_ip.clone().filter(|ip| !ip.is_empty()))
        .or_else(|| status.and_then(|s| s.pod_ips.as_ref()).and_then(|ips| ips.first()).map(|ip| ip.ip.clone()))
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| "<none>".to_string());
    let node = spec.and_then(|s| s.node_name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| "<none>".into());
    let nominated =
        status.and_then(|s| s.nominated_node_name.clone()).filter(|n| !n.is_empty()).unwrap_or_else(|| "<none>".into());
    let gates = spec.and_then(|s| s.readiness_gates.as_ref()).filter(|g| !g.is_empty());
    let readiness_gates = match gates {
        None => "<none>".to_string(),
        Some(gates) => {
            let conditions = conditions(pod);
            let true_count = gates
                .iter()
                .filter(|g| conditions.iter().find(|c| c.type_ == g.condition_type).is_some_and(|c| c.status == "True"))
                .count();
            format!("{true_count}/{}", gates.len())
        }
    };
    Some(vec![
        obj.name().to_string(),
        summary.ready,
        summary.status,
        summary.restarts,
        super::age(obj, now),
        pod_ip,
        node,
        nominated,
        readiness_gates,
    ])
}

/// The READY, STATUS and RESTARTS cells of a pod.
pub struct PodSummary {
    pub ready: String,
    pub status: String,
    pub restarts: String,
}

fn conditions(pod: &Pod) -> &[PodCondition] {
    pod.status.as_ref().and_then(|s| s.conditions.as_deref()).unwrap_or(&[])
}

fn later(current: Option<Timestamp>, candidate: Option<&ContainerState>) -> Option<Timestamp> {
    let finished = candidate.and_then(|s| s.terminated.as_ref()).and_then(|t| t.finished_at.as_ref()).map(|t| t.0);
    match (current, finished) {
        (Some(a), Some(b)) => Some(if b > a { b } else { a }),
        (a, b) => a.or(b),
    }
}

/// kubectl's pod status logic, step by step as `printPod` does it.
pub(crate) fn summarize(pod: &Pod, now: SimTime) -> PodSummary {
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let containers = spec.map(|s| s.containers.as_slice()).unwrap_or(&[]);
    let init_containers = spec.and_then(|s| s.init_containers.as_deref()).unwrap_or(&[]);
    let is_restartable_init =
        |name: &str| init_containers.iter().any(|c| c.name == name && c.restart_policy.as_deref() == Some("Always"));

    let mut restarts: i64 = 0;
    let mut restartable_init_restarts: i64 = 0;
    let total = containers.len() + init_containers.iter().filter(|c| is_restartable_init(&c.name)).count();
    let mut ready = 0usize;
    let mut last_restart: Option<Timestamp> = None;
    let mut last_restartable_init_restart: Option<Timestamp> = None;

    let phase = status.and_then(|s| s.phase.clone()).unwrap_or_default();
    let mut reason = phase.clone();
    if let Some(r) = status.and_then(|s| s.reason.as_ref()).filter(|r| !r.is_empty()) {
        reason = r.clone();
    }
    if conditions(pod).iter().any(|c| c.type_ == "PodScheduled" && c.reason.as_deref() == Some("SchedulingGated")) {
        reason = "SchedulingGated".to_string();
    }

    let mut initializing = false;
    let init_statuses = status.and_then(|s| s.init_container_statuses.as_deref()).unwrap_or(&[]);
    for (i, cs) in init_statuses.iter().enumerate() {
        restarts += i64::from(cs.restart_count);
        last_restart = later(last_restart, cs.last_state.as_ref());
        let restartable = is_restartable_init(&cs.name);
        if restartable {
            restartable_init_restarts += i64::from(cs.restart_count);
            last_restartable_init_restart = later(last_restartable_init_restart, cs.last_state.as_ref());
        }
        let state = cs.state.as_ref();
        let terminated = state.and_then(|s| s.terminated.as_ref());
        let waiting = state.and_then(|s| s.waiting.as_ref());
        if terminated.is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if restartable && cs.started == Some(true) {
            if cs.ready {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = terminated {
            reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                Some(r) => format!("Init:{r}"),
                None => match t.signal.filter(|s| *s != 0) {
                    Some(signal) => format!("Init:Signal:{signal}"),
                    None => format!("Init:ExitCode:{}", t.exit_code),
                },
            };
        } else if let Some(r) =
            waiting.and_then(|w| w.reason.as_deref()).filter(|r| !r.is_empty() && *r != "PodInitializing")
        {
            reason = format!("Init:{r}");
        } else {
            reason = format!("Init:{i}/{}", init_containers.len());
        }
        initializing = true;
        break;
    }

    let initialized = conditions(pod).iter().any(|c| c.type_ == "Initialized" && c.status == "True");
    if !initializing || initialized {
        restarts = restartable_init_restarts;
        last_restart = last_restartable_init_restart;
        let mut has_running = false;
        let statuses = status.and_then(|s| s.container_statuses.as_deref()).unwrap_or(&[]);
        for cs in statuses.iter().rev() {
            restarts += i64::from(cs.restart_count);
            last_restart = later(last_restart, cs.last_state.as_ref());
            let state = cs.state.as_ref();
            let waiting = state.and_then(|s| s.waiting.as_ref());
            let terminated = state.and_then(|s| s.terminated.as_ref());
            if let Some(r) = waiting.and_then(|w| w.reason.as_ref()).filter(|r| !r.is_empty()) {
                reason = r.clone();
            } else if let Some(t) = terminated {
                reason = match t.reason.as_deref().filter(|r| !r.is_empty()) {
                    Some(r) => r.to_string(),
                    None => match t.signal.filter(|s| *s != 0) {
                        Some(signal) => format!("Signal:{signal}"),
                        None => format!("ExitCode:{}", t.exit_code),
                    },
                };
            } else if cs.ready && state.is_some_and(|s| s.running.is_some()) {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            let pod_ready = conditions(pod).iter().any(|c| c.type_ == "Ready" && c.status == "True");
            reason = if pod_ready { "Running" } else { "NotReady" }.to_string();
        }
    }

    let deleting = pod.metadata.deletion_timestamp.is_some();
    if deleting && status.and_then(|s| s.reason.as_deref()) == Some("NodeLost") {
        reason = "Unknown".to_string();
    } else if deleting && phase != "Succeeded" && phase != "Failed" {
        reason = "Terminating".to_string();
    }

    let restarts_text = match last_restart {
        Some(at) if restarts != 0 => {
            format!("{restarts} ({} ago)", format::since_timestamp(now, &at))
        }
        _ => restarts.to_string(),
    };
    PodSummary { ready: format!("{ready}/{total}"), status: reason, restarts: restarts_text }
}
