//! The kubelet of every node, per pod: sandbox, serial image pulls with back-off, container start,
//! readiness and liveness probes, restarts with CrashLoopBackOff, graceful termination, and the pod status
//! the API shows (phase, conditions, container states, IPs).
//!
//! Follows `pkg/kubelet/kuberuntime/kuberuntime_manager.go` (SyncPod, doBackOff),
//! `pkg/kubelet/images/image_manager.go` (pull events and back-off), `pkg/kubelet/prober/`,
//! `pkg/kubelet/status/generate.go` (conditions) and `pkg/kubelet/kubelet_pods.go` (getPhase).

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStateRunning, ContainerStateTerminated, ContainerStateWaiting, ContainerStatus,
    HostIP, Pod, PodCondition, PodIP, PodStatus, Probe,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::api::Api;
use crate::images::{self, Behaviour};
use crate::object::{Object, ObjectKey};
use crate::rng::fnv64;
use crate::time::{SimTime, go_duration};

const COMPONENT: &str = "kubelet";
const SANDBOX_MS: u64 = 400;
/// Registry throughput used for pull times (bytes per second).
const PULL_BYTES_PER_SEC: u64 = 25_000_000;
const BACKOFF_START_MS: u64 = 10_000;
const BACKOFF_MAX_MS: u64 = 300_000;

#[derive(Clone, Debug, Default)]
pub struct KubeletState {
    pods: BTreeMap<ObjectKey, PodRuntime>,
    /// Images present on each node.
    images: BTreeMap<String, BTreeSet<String>>,
    /// Last pod IP handed out on each node (host-local IPAM allocates round-robin).
    last_ip: BTreeMap<String, u32>,
    used_ips: BTreeMap<String, BTreeSet<u32>>,
}

impl KubeletState {
    pub fn forget(&mut self, key: &ObjectKey) {
        if let Some(rt) = self.pods.remove(key)
            && let Some(set) = self.used_ips.get_mut(&rt.node)
        {
            set.remove(&rt.ip_octet);
        }
    }

    pub fn add_image(&mut self, node: &str, image: &str) {
        self.images.entry(node.to_string()).or_default().insert(images::parse_image(image).full);
    }

    fn allocate_ip(&mut self, node: &str) -> u32 {
        let used = self.used_ips.entry(node.to_string()).or_default();
        let last = self.last_ip.entry(node.to_string()).or_insert(1);
        for step in 1..=253 {
            let candidate = (*last - 1 + step) % 253 + 2;
            if !used.contains(&candidate) {
                used.insert(candidate);
                *last = candidate;
                return candidate;
            }
        }
        0
    }

    pub(crate) fn reserve_ip(&mut self, node: &str, octet: u32) {
        self.used_ips.entry(node.to_string()).or_default().insert(octet);
        let last = self.last_ip.entry(node.to_string()).or_insert(1);
        if octet > *last {
            *last = octet;
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Phase {
    /// Waiting for the previous container (serial start) or the sandbox.
    Waiting,
    Pulling {
        until: SimTime,
        ok: bool,
        started: SimTime,
    },
    /// A pull just failed: `ErrImagePull` until the next sync moves to back-off.
    PullFailed {
        until: SimTime,
    },
    PullBackOff {
        until: SimTime,
    },
    Running {
        since: SimTime,
        exit: Option<(SimTime, i32)>,
    },
    CrashBackOff {
        until: SimTime,
    },
    /// Exited and will not restart (restartPolicy) or is being stopped for deletion.
    Exited,
}

#[derive(Clone, Debug)]
struct Ctr {
    name: String,
    image: String,
    phase: Phase,
    restart_count: i32,
    last_term: Option<ContainerStateTerminated>,
    term: Option<ContainerStateTerminated>,
    ready: bool,
    started_at: Option<SimTime>,
    crash_backoff: u64,
    pull_backoff: u64,
    container_id: String,
    liveness_failures: i32,
}

#[derive(Clone, Debug)]
struct PodRuntime {
    uid: String,
    node: String,
    ip_octet: u32,
    ip: String,
    start: SimTime,
    sandbox_ready: SimTime,
    containers: Vec<Ctr>,
    ready_since: Option<SimTime>,
    containers_ready_since: Option<SimTime>,
    killing: bool,
    stop_at: BTreeMap<String, SimTime>,
}

pub fn reconcile(api: &mut Api, state: &mut KubeletState, key: &ObjectKey) -> Option<u64> {
    let obj = api.get(key)?;
    let Object::Pod(pod) = obj.as_ref() else {
        return None;
    };
    let pod: &Pod = pod;
    let node = pod.spec.as_ref()?.node_name.clone()?;
    let uid = pod.metadata.uid.clone().unwrap_or_default();
    let now = api.now;
    if state.pods.get(key).is_some_and(|rt| rt.uid != uid) {
        state.forget(key);
    }
    if !state.pods.contains_key(key) {
        if matches!(pods_phase(pod), "Succeeded" | "Failed") && pod.metadata.deletion_timestamp.is_none() {
            return None;
        }
        let rt = start_runtime(api, state, pod, &node);
        state.pods.insert(key.clone(), rt);
    }
    let mut rt = state.pods.remove(key)?;
    let next = step(api, state, &obj, pod, &mut rt, now);
    // A terminating pod is gone once none of its containers runs any more.
    let finished = rt.killing && !rt.containers.iter().any(|c| matches!(c.phase, Phase::Running { .. }));
    write_status(api, pod, &rt, now);
    if finished {
        state.pods.insert(key.clone(), rt);
        state.forget(key);
        api.finish_deletion(key);
        return None;
    }
    state.pods.insert(key.clone(), rt);
    next.map(|t| t.since(now).max(1))
}

fn pods_phase(pod: &Pod) -> &str {
    pod.status.as_ref().and_then(|s| s.phase.as_deref()).unwrap_or("Pending")
}

fn node_index_ip(api: &Api, node: &str) -> (String, String) {
    let key = ObjectKey::new(crate::kinds::GroupKind::new("", "Node"), "", node);
    let n = api.get(&key);
    let node_obj = n.as_ref().and_then(|o| o.as_node());
    let host_ip = node_obj
        .and_then(|n| n.status.as_ref())
        .and_then(|s| s.addresses.as_ref())
        .and_then(|a| a.iter().find(|a| a.type_ == "InternalIP"))
        .map(|a| a.address.clone())
        .unwrap_or_default();
    let cidr = node_obj
        .and_then(|n| n.spec.as_ref())
        .and_then(|s| s.pod_cidr.clone())
        .unwrap_or_else(|| "10.244.0.0/24".into());
    let prefix =
        cidr.split('/').next().unwrap_or("10.244.0.0").rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_default();
    (host_ip, prefix)
}

fn start_runtime(api: &mut Api, state: &mut KubeletState, pod: &Pod, node: &str) -> PodRuntime {
    let now = api.now;
    let (host_ip, prefix) = node_index_ip(api, node);
    let host_network = pod.spec.as_ref().and_then(|s| s.host_network).unwrap_or(false);
    // A pod that already runs (the bootstrap's system pods) is adopted as it is.
    let existing_ip = pod.status.as_ref().and_then(|s| s.pod_ip.clone());
    let running = pods_phase(pod) == "Running";
    let (ip, octet) = if host_network {
        (host_ip, 0)
    } else if let (true, Some(ip)) = (running, existing_ip) {
        let octet = ip.rsplit('.').next().and_then(|o| o.parse().ok()).unwrap_or(0);
        state.reserve_ip(node, octet);
        (ip, octet)
    } else {
        let o = state.allocate_ip(node);
        (format!("{prefix}.{o}"), o)
    };
    let spec = pod.spec.clone().unwrap_or_default();
    let started_at = pod.status.as_ref().and_then(|s| s.start_time.as_ref()).map(|t| SimTime::from_timestamp(&t.0));
    let containers = spec
        .containers
        .iter()
        .map(|c| {
            let image = c.image.clone().unwrap_or_default();
            let cid = format!("containerd://{}", hex64(&mut api.rng));
            let phase =
                if running { Phase::Running { since: started_at.unwrap_or(now), exit: None } } else { Phase::Waiting };
            if running {
                state.add_image(node, &image);
            }
            Ctr {
                name: c.name.clone(),
                image,
                phase,
                restart_count: 0,
                last_term: None,
                term: None,
                ready: running,
                started_at: if running { started_at.or(Some(now)) } else { None },
                crash_backoff: 0,
                pull_backoff: 0,
                container_id: cid,
                liveness_failures: 0,
            }
        })
        .collect();
    PodRuntime {
        uid: pod.metadata.uid.clone().unwrap_or_default(),
        node: node.to_string(),
        ip_octet: octet,
        ip,
        start: if running { started_at.unwrap_or(now) } else { now },
        sandbox_ready: if running { started_at.unwrap_or(now) } else { now.plus_millis(SANDBOX_MS) },
        containers,
        ready_since: if running { started_at.or(Some(now)) } else { None },
        containers_ready_since: if running { started_at.or(Some(now)) } else { None },
        killing: false,
        stop_at: BTreeMap::new(),
    }
}

fn hex64(rng: &mut crate::rng::Rng) -> String {
    (0..4).map(|_| format!("{:016x}", rng.next_u64("container-ids"))).collect()
}

/// A fake but stable digest for an image.
fn image_digest(full: &str) -> String {
    let mut s = String::new();
    let mut seed = fnv64(full.as_bytes());
    for _ in 0..4 {
        seed = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(0x632B_E59B_D9B4_E019);
        s.push_str(&format!("{seed:016x}"));
    }
    s
}

/// What a container's main process does, from its image and command line.
struct Program {
    /// Exits with this code after this many milliseconds; `None` runs until stopped.
    exit: Option<(u64, i32)>,
    /// Stops promptly on SIGTERM (servers); a shell as PID 1 ignores it and is killed at the grace period.
    stops_on_sigterm: bool,
}

fn program(c: &Container) -> Program {
    let behaviour = images::lookup(c.image.as_deref().unwrap_or("")).map(|i| i.behaviour).unwrap_or(Behaviour::Daemon);
    let words: Vec<String> = c.command.iter().flatten().chain(c.args.iter().flatten()).cloned().collect();
    let runs = |exit| Program { exit, stops_on_sigterm: false };
    if words.is_empty() {
        return match behaviour {
            Behaviour::Shell => runs(Some((0, 0))),
            Behaviour::Job(ms) => runs(Some((ms, 0))),
            Behaviour::Server(_) | Behaviour::Daemon => Program { exit: None, stops_on_sigterm: true },
        };
    }
    let line = words.join(" ");
    if ["while true", "while :", "sleep infinity", "tail -f"].iter().any(|p| line.contains(p)) {
        return runs(None);
    }
    if let Behaviour::Job(ms) = behaviour
        && !line.contains("sleep")
        && !line.contains("exit")
    {
        return runs(Some((ms, 0)));
    }
    // A shell line: the sleeps add up, `exit N` or `false` ends it with a code.
    let mut total_ms = 0u64;
    let mut code = 0;
    let mut recognised = false;
    let tokens: Vec<&str> =
        line.split(|ch: char| ch.is_whitespace() || ";&|".contains(ch)).filter(|t| !t.is_empty()).collect();
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            "sleep" => {
                if let Some(d) = tokens.get(i + 1).and_then(|t| crate::time::parse_duration(t).ok()) {
                    total_ms += d;
                    recognised = true;
                }
            }
            "exit" => {
                code = tokens.get(i + 1).and_then(|t| t.parse().ok()).unwrap_or(0);
                recognised = true;
                break;
            }
            "false" => {
                code = 1;
                recognised = true;
                break;
            }
            "echo" | "true" | "date" | "printenv" | "env" | "cat" | "ls" | "hostname" => recognised = true,
            _ => {}
        }
    }
    if !recognised && matches!(behaviour, Behaviour::Server(_) | Behaviour::Daemon) {
        // A server started with its own arguments keeps serving.
        return runs(None);
    }
    runs(Some((total_ms, code)))
}

fn container_spec<'a>(pod: &'a Pod, name: &str) -> Option<&'a Container> {
    pod.spec.as_ref()?.containers.iter().find(|c| c.name == name)
}

fn field_path(name: &str) -> String {
    format!("spec.containers{{{name}}}")
}

/// Advances every container of the pod up to `now`; returns when to look again.
fn step(
    api: &mut Api,
    state: &mut KubeletState,
    obj: &Object,
    pod: &Pod,
    rt: &mut PodRuntime,
    now: SimTime,
) -> Option<SimTime> {
    let restart_policy = pod.spec.as_ref().and_then(|s| s.restart_policy.clone()).unwrap_or_else(|| "Always".into());
    let grace_ms = pod.metadata.deletion_grace_period_seconds.unwrap_or(30).max(0) as u64 * 1000;
    let mut next: Option<SimTime> = None;
    let mut wake = |t: SimTime| next = Some(next.map_or(t, |n: SimTime| n.min(t)));
    let pod_ref = format!(
        "{}_{}({})",
        pod.metadata.name.clone().unwrap_or_default(),
        pod.metadata.namespace.clone().unwrap_or_default(),
        rt.uid
    );

    if pod.metadata.deletion_timestamp.is_some() && !rt.killing {
        rt.killing = true;
        for c in rt.containers.iter_mut() {
            if let Phase::Running { .. } = c.phase {
                let msg = format!("Stopping container {}", c.name);
                api.record_event(obj, "Normal", "Killing", &msg, COMPONENT, Some(&field_path(&c.name)));
                let handles = container_spec(pod, &c.name).map(|s| program(s).stops_on_sigterm).unwrap_or(true);
                let at = if handles { now.plus_millis(300) } else { now.plus_millis(grace_ms) };
                rt.stop_at.insert(c.name.clone(), at);
            }
        }
    }
    if rt.killing {
        for c in rt.containers.iter_mut() {
            if let Phase::Running { since, .. } = c.phase {
                let at = rt.stop_at.get(&c.name).copied().unwrap_or(now);
                if at <= now {
                    let handles = container_spec(pod, &c.name).map(|s| program(s).stops_on_sigterm).unwrap_or(true);
                    let code = if handles { 0 } else { 137 };
                    c.term = Some(terminated(code, since, at, &c.container_id));
                    c.phase = Phase::Exited;
                    c.ready = false;
                } else {
                    wake(at);
                }
            }
        }
        return next;
    }

    if now < rt.sandbox_ready {
        return Some(rt.sandbox_ready);
    }
    let node = rt.node.clone();
    let n = rt.containers.len();
    for i in 0..n {
        // Serial start: a container begins only when the one before it has started or failed to.
        if i > 0 && matches!(rt.containers[i - 1].phase, Phase::Waiting | Phase::Pulling { .. }) {
            break;
        }
        let c = &mut rt.containers[i];
        let Some(spec) = container_spec(pod, &c.name) else {
            continue;
        };
        let fp = field_path(&c.name);
        loop {
            match c.phase.clone() {
                Phase::Waiting => {
                    let image = c.image.clone();
                    let full = images::parse_image(&image).full;
                    let policy = spec.image_pull_policy.clone().unwrap_or_else(|| "IfNotPresent".into());
                    let present = state.images.get(&node).is_some_and(|s| s.contains(&full));
                    if !images::valid_name(&image) {
                        let msg = format!(
                            "Failed to apply default image tag \"{image}\": couldn't parse image name \"{image}\": invalid reference format"
                        );
                        api.record_event(obj, "Warning", "InspectFailed", &msg, COMPONENT, Some(&fp));
                        c.phase = Phase::Exited;
                        break;
                    }
                    if present && policy != "Always" {
                        let msg = format!("Container image \"{image}\" already present on machine");
                        api.record_event(obj, "Normal", "Pulled", &msg, COMPONENT, Some(&fp));
                        start_container(api, obj, c, spec, now);
                        continue;
                    }
                    if policy == "Never" && !present {
                        let msg = format!("Container image \"{image}\" is not present with pull policy of Never");
                        api.record_event(obj, "Warning", "ErrImageNeverPull", &msg, COMPONENT, Some(&fp));
                        c.phase = Phase::PullFailed { until: SimTime(u64::MAX) };
                        break;
                    }
                    let msg = format!("Pulling image \"{image}\"");
                    api.record_event(obj, "Normal", "Pulling", &msg, COMPONENT, Some(&fp));
                    let (ok, ms) = match images::lookup(&image) {
                        Ok(_) if present => (true, 300 + api.rng.below("pulls", 400)),
                        Ok(info) => (true, 500 + info.size * 1000 / PULL_BYTES_PER_SEC + api.rng.below("pulls", 700)),
                        Err(_) => (false, 800 + api.rng.below("pulls", 800)),
                    };
                    c.phase = Phase::Pulling { until: now.plus_millis(ms), ok, started: now };
                }
                Phase::Pulling { until, ok, started } => {
                    if until > now {
                        wake(until);
                        break;
                    }
                    let image = c.image.clone();
                    if ok {
                        let size = images::lookup(&image).map(|i| i.size).unwrap_or(0);
                        let took = go_duration(until.since(started));
                        let msg = format!(
                            "Successfully pulled image \"{image}\" in {took} ({took} including waiting). Image size: {size} bytes."
                        );
                        api.record_event(obj, "Normal", "Pulled", &msg, COMPONENT, Some(&fp));
                        state.add_image(&node, &image);
                        c.pull_backoff = 0;
                        start_container(api, obj, c, spec, now);
                    } else {
                        let err = images::lookup(&image).err().unwrap_or_default();
                        let msg = format!("Failed to pull image \"{image}\": {err}");
                        api.record_event(obj, "Warning", "Failed", &msg, COMPONENT, Some(&fp));
                        api.record_event(obj, "Warning", "Failed", "Error: ErrImagePull", COMPONENT, Some(&fp));
                        c.pull_backoff = if c.pull_backoff == 0 {
                            BACKOFF_START_MS
                        } else {
                            (c.pull_backoff * 2).min(BACKOFF_MAX_MS)
                        };
                        c.phase = Phase::PullFailed { until: now.plus_millis(1_000) };
                    }
                }
                Phase::PullFailed { until } => {
                    if until > now {
                        if until.0 != u64::MAX {
                            wake(until);
                        }
                        break;
                    }
                    let image = c.image.clone();
                    let msg = format!("Back-off pulling image \"{image}\"");
                    api.record_event(obj, "Normal", "BackOff", &msg, COMPONENT, Some(&fp));
                    api.record_event(obj, "Warning", "Failed", "Error: ImagePullBackOff", COMPONENT, Some(&fp));
                    c.phase = Phase::PullBackOff { until: until.plus_millis(c.pull_backoff.saturating_sub(1_000)) };
                }
                Phase::PullBackOff { until } => {
                    if until > now {
                        wake(until);
                        break;
                    }
                    c.phase = Phase::Waiting;
                }
                Phase::Running { since, exit } => {
                    // Probes decide readiness; liveness failures kill the container.
                    let ready_at = readiness_time(spec, since);
                    match ready_at {
                        Some(t) if t <= now => c.ready = true,
                        Some(t) => {
                            c.ready = false;
                            wake(t);
                        }
                        None => c.ready = false,
                    }
                    if let Some(kill_at) = liveness_failure_time(spec, since) {
                        if kill_at <= now {
                            let msg = format!("Container {} failed liveness probe, will be restarted", c.name);
                            api.record_event(obj, "Normal", "Killing", &msg, COMPONENT, Some(&fp));
                            c.liveness_failures += 1;
                            c.term = Some(terminated(137, since, now, &c.container_id));
                            c.ready = false;
                            restart_or_stop(api, obj, c, &restart_policy, 137, now, &pod_ref, &fp);
                            continue;
                        }
                        wake(kill_at);
                    }
                    match exit {
                        Some((at, code)) if at <= now => {
                            c.term = Some(terminated(code, since, at, &c.container_id));
                            c.ready = false;
                            restart_or_stop(api, obj, c, &restart_policy, code, now, &pod_ref, &fp);
                            continue;
                        }
                        Some((at, _)) => wake(at),
                        None => {}
                    }
                    break;
                }
                Phase::CrashBackOff { until } => {
                    if until > now {
                        wake(until);
                        break;
                    }
                    let msg = format!("Container image \"{}\" already present on machine", c.image);
                    api.record_event(obj, "Normal", "Pulled", &msg, COMPONENT, Some(&fp));
                    c.restart_count += 1;
                    start_container(api, obj, c, spec, now);
                }
                Phase::Exited => break,
            }
        }
    }
    // Pod-level readiness times.
    let all_ready = rt.containers.iter().all(|c| c.ready);
    if all_ready {
        rt.containers_ready_since.get_or_insert(now);
        rt.ready_since.get_or_insert(now);
    } else {
        rt.containers_ready_since = None;
        rt.ready_since = None;
    }
    next
}

fn terminated(code: i32, started: SimTime, finished: SimTime, cid: &str) -> ContainerStateTerminated {
    ContainerStateTerminated {
        exit_code: code,
        reason: Some(if code == 0 { "Completed" } else { "Error" }.into()),
        started_at: Some(Time(started.to_timestamp())),
        finished_at: Some(Time(finished.to_timestamp())),
        container_id: Some(cid.to_string()),
        ..Default::default()
    }
}

fn start_container(api: &mut Api, obj: &Object, c: &mut Ctr, spec: &Container, now: SimTime) {
    let fp = field_path(&c.name);
    let msg = format!("Created container: {}", c.name);
    api.record_event(obj, "Normal", "Created", &msg, COMPONENT, Some(&fp));
    let msg = format!("Started container {}", c.name);
    api.record_event(obj, "Normal", "Started", &msg, COMPONENT, Some(&fp));
    if c.term.is_some() {
        c.last_term = c.term.take();
        c.container_id = format!("containerd://{}", hex64(&mut api.rng));
    }
    let exit = program(spec).exit;
    c.phase = Phase::Running { since: now, exit: exit.map(|(ms, code)| (now.plus_millis(ms), code)) };
    c.started_at = Some(now);
    c.ready = false;
}

#[allow(clippy::too_many_arguments)]
fn restart_or_stop(
    api: &mut Api,
    obj: &Object,
    c: &mut Ctr,
    policy: &str,
    code: i32,
    now: SimTime,
    pod_ref: &str,
    fp: &str,
) {
    let restart = policy == "Always" || (policy == "OnFailure" && code != 0);
    if !restart {
        c.phase = Phase::Exited;
        return;
    }
    // The first restart is immediate; later ones wait 10s, doubling up to 5 minutes.
    if c.crash_backoff == 0 {
        c.crash_backoff = BACKOFF_START_MS;
        c.restart_count += 1;
        let msg = format!("Container image \"{}\" already present on machine", c.image);
        api.record_event(obj, "Normal", "Pulled", &msg, COMPONENT, Some(fp));
        let created = format!("Created container: {}", c.name);
        api.record_event(obj, "Normal", "Created", &created, COMPONENT, Some(fp));
        let started = format!("Started container {}", c.name);
        api.record_event(obj, "Normal", "Started", &started, COMPONENT, Some(fp));
        c.last_term = c.term.take();
        c.container_id = format!("containerd://{}", hex64(&mut api.rng));
        let spec_exit = match &c.phase {
            Phase::Running { since, exit: Some((at, code)) } => Some((at.since(*since), *code)),
            _ => None,
        };
        c.phase = Phase::Running { since: now, exit: spec_exit.map(|(ms, code)| (now.plus_millis(ms), code)) };
        c.started_at = Some(now);
        return;
    }
    let wait = c.crash_backoff;
    let msg = format!("Back-off restarting failed container {} in pod {pod_ref}", c.name);
    api.record_event(obj, "Warning", "BackOff", &msg, COMPONENT, Some(fp));
    c.phase = Phase::CrashBackOff { until: now.plus_millis(wait) };
    c.crash_backoff = (c.crash_backoff * 2).min(BACKOFF_MAX_MS);
}

fn probe_period(p: &Probe) -> u64 {
    p.period_seconds.unwrap_or(10).max(1) as u64 * 1000
}

/// Whether a probe succeeds against this container: HTTP and TCP probes need a port the image serves.
fn probe_succeeds(spec: &Container, p: &Probe) -> bool {
    let served: Vec<i32> = match images::lookup(spec.image.as_deref().unwrap_or("")).map(|i| i.behaviour) {
        Ok(Behaviour::Server(ports)) if spec.command.is_none() => ports.to_vec(),
        _ => Vec::new(),
    };
    let resolve = |port: &IntOrString| -> Option<i32> {
        match port {
            IntOrString::Int(i) => Some(*i),
            IntOrString::String(name) => {
                spec.ports.iter().flatten().find(|cp| cp.name.as_deref() == Some(name)).map(|cp| cp.container_port)
            }
        }
    };
    if let Some(h) = &p.http_get {
        return resolve(&h.port).is_some_and(|port| served.contains(&port));
    }
    if let Some(t) = &p.tcp_socket {
        return resolve(&t.port).is_some_and(|port| served.contains(&port));
    }
    true
}

/// When the container becomes ready, or None if its readiness probe never succeeds.
fn readiness_time(spec: &Container, since: SimTime) -> Option<SimTime> {
    match &spec.readiness_probe {
        None => Some(since),
        Some(p) => {
            if !probe_succeeds(spec, p) {
                return None;
            }
            let delay = p.initial_delay_seconds.unwrap_or(0).max(0) as u64 * 1000;
            let success = p.success_threshold.unwrap_or(1).max(1) as u64;
            Some(since.plus_millis(delay + (success - 1) * probe_period(p)))
        }
    }
}

/// When a failing liveness probe kills the container.
fn liveness_failure_time(spec: &Container, since: SimTime) -> Option<SimTime> {
    let p = spec.liveness_probe.as_ref()?;
    if probe_succeeds(spec, p) {
        return None;
    }
    let delay = p.initial_delay_seconds.unwrap_or(0).max(0) as u64 * 1000;
    let failures = p.failure_threshold.unwrap_or(3).max(1) as u64;
    Some(since.plus_millis(delay + (failures - 1) * probe_period(p) + 1))
}

fn qos_class(pod: &Pod) -> &'static str {
    let Some(spec) = &pod.spec else {
        return "BestEffort";
    };
    let mut any = false;
    let mut guaranteed = true;
    for c in &spec.containers {
        let r = c.resources.clone().unwrap_or_default();
        let req = r.requests.unwrap_or_default();
        let lim = r.limits.unwrap_or_default();
        if !req.is_empty() || !lim.is_empty() {
            any = true;
        }
        for res in ["cpu", "memory"] {
            match lim.get(res) {
                None => guaranteed = false,
                Some(l) => {
                    if req.get(res).is_some_and(|q| q != l) {
                        guaranteed = false;
                    }
                }
            }
        }
    }
    if !any {
        "BestEffort"
    } else if guaranteed {
        "Guaranteed"
    } else {
        "Burstable"
    }
}

fn condition(type_: &str, ok: bool, since: SimTime, reason: Option<&str>, message: Option<String>) -> PodCondition {
    PodCondition {
        type_: type_.into(),
        status: if ok { "True" } else { "False" }.into(),
        last_transition_time: Some(Time(since.to_timestamp())),
        last_probe_time: None,
        reason: reason.map(str::to_string),
        message,
        observed_generation: None,
    }
}

fn write_status(api: &mut Api, pod: &Pod, rt: &PodRuntime, now: SimTime) {
    let old = pod.status.clone().unwrap_or_default();
    let keep = |type_: &str, ok: bool, fallback: SimTime| -> SimTime {
        old.conditions
            .iter()
            .flatten()
            .find(|c| c.type_ == type_ && (c.status == "True") == ok)
            .and_then(|c| c.last_transition_time.as_ref().map(|t| SimTime::from_timestamp(&t.0)))
            .unwrap_or(fallback)
    };
    let sandbox = now >= rt.sandbox_ready && !(rt.killing && rt.containers.iter().all(|c| c.phase == Phase::Exited));
    let unready: Vec<String> = rt.containers.iter().filter(|c| !c.ready).map(|c| c.name.clone()).collect();
    let ready = unready.is_empty();
    let not_ready_msg = (!ready).then(|| format!("containers with unready status: [{}]", unready.join(" ")));
    let scheduled = old.conditions.iter().flatten().find(|c| c.type_ == "PodScheduled").cloned();
    let mut conditions = vec![
        condition("PodReadyToStartContainers", sandbox, keep("PodReadyToStartContainers", sandbox, now), None, None),
        condition("Initialized", true, keep("Initialized", true, rt.start), None, None),
        condition(
            "Ready",
            ready,
            keep("Ready", ready, now),
            (!ready).then_some("ContainersNotReady"),
            not_ready_msg.clone(),
        ),
        condition(
            "ContainersReady",
            ready,
            keep("ContainersReady", ready, now),
            (!ready).then_some("ContainersNotReady"),
            not_ready_msg,
        ),
    ];
    if let Some(s) = scheduled {
        conditions.push(s);
    }
    let statuses: Vec<ContainerStatus> = rt
        .containers
        .iter()
        .map(|c| {
            let full = images::parse_image(&c.image);
            let pulled = c.started_at.is_some() || c.term.is_some();
            let state = match &c.phase {
                Phase::Running { since, .. } => ContainerState {
                    running: Some(ContainerStateRunning { started_at: Some(Time(since.to_timestamp())) }),
                    ..Default::default()
                },
                Phase::Exited | Phase::CrashBackOff { .. } if c.term.is_some() && matches!(c.phase, Phase::Exited) => {
                    ContainerState { terminated: c.term.clone(), ..Default::default() }
                }
                Phase::CrashBackOff { .. } => ContainerState {
                    waiting: Some(ContainerStateWaiting {
                        reason: Some("CrashLoopBackOff".into()),
                        message: Some(format!(
                            "back-off {} restarting failed container={} pod={}_{}({})",
                            go_duration(c.crash_backoff / 2),
                            c.name,
                            pod.metadata.name.clone().unwrap_or_default(),
                            pod.metadata.namespace.clone().unwrap_or_default(),
                            rt.uid
                        )),
                    }),
                    ..Default::default()
                },
                Phase::PullFailed { .. } => {
                    waiting("ErrImagePull", images::lookup(&c.image).err().map(|e| e.to_string()))
                }
                Phase::PullBackOff { .. } => waiting(
                    "ImagePullBackOff",
                    Some(format!(
                        "Back-off pulling image \"{}\": ErrImagePull: {}",
                        c.image,
                        images::lookup(&c.image).err().unwrap_or_default()
                    )),
                ),
                _ => waiting("ContainerCreating", None),
            };
            // While waiting to restart, the termination that just happened is the last state.
            let last = match c.phase {
                Phase::CrashBackOff { .. } => c.term.clone().or_else(|| c.last_term.clone()),
                _ => c.last_term.clone(),
            };
            let last_state = last.map(|t| ContainerState { terminated: Some(t), ..Default::default() });
            ContainerStatus {
                name: c.name.clone(),
                image: full.full.clone(),
                image_id: if pulled {
                    format!("{}@sha256:{}", repo_of(&full.full), image_digest(&full.full))
                } else {
                    String::new()
                },
                container_id: pulled.then(|| c.container_id.clone()),
                ready: c.ready,
                restart_count: c.restart_count,
                started: Some(matches!(c.phase, Phase::Running { .. })),
                state: Some(state),
                last_state: Some(last_state.unwrap_or_default()),
                ..Default::default()
            }
        })
        .collect();
    let any_running =
        rt.containers.iter().any(|c| matches!(c.phase, Phase::Running { .. } | Phase::CrashBackOff { .. }));
    let all_exited = rt.containers.iter().all(|c| c.phase == Phase::Exited && c.term.is_some());
    let phase = if all_exited {
        if rt.containers.iter().all(|c| c.term.as_ref().is_some_and(|t| t.exit_code == 0)) {
            "Succeeded"
        } else {
            "Failed"
        }
    } else if any_running || rt.containers.iter().any(|c| c.restart_count > 0) {
        "Running"
    } else {
        "Pending"
    };
    let phase = if rt.killing
        && all_exited
        && old.phase.as_deref() == Some("Running")
        && !rt.containers.iter().all(|c| c.term.as_ref().is_some_and(|t| t.exit_code == 0))
    {
        "Failed"
    } else {
        phase
    };
    let host_ip = {
        let (h, _) = node_index_ip(api, &rt.node);
        h
    };
    let mut status = PodStatus {
        phase: Some(phase.into()),
        conditions: Some(conditions),
        host_ip: Some(host_ip.clone()),
        host_ips: Some(vec![HostIP { ip: host_ip }]),
        start_time: Some(Time(rt.start.to_timestamp())),
        container_statuses: Some(statuses),
        qos_class: Some(qos_class(pod).into()),
        observed_generation: pod.metadata.generation,
        ..Default::default()
    };
    if now >= rt.sandbox_ready {
        status.pod_ip = Some(rt.ip.clone());
        status.pod_ips = Some(vec![PodIP { ip: rt.ip.clone() }]);
    }
    if old == status {
        return;
    }
    let mut p = pod.clone();
    p.status = Some(status);
    let _ = api.write_through(Object::Pod(p));
}

/// `docker.io/library/nginx:1.14.2` → `docker.io/library/nginx`.
fn repo_of(full: &str) -> &str {
    if let Some((repo, _)) = full.split_once('@') {
        return repo;
    }
    let slash = full.rfind('/').map(|i| i + 1).unwrap_or(0);
    match full[slash..].rfind(':') {
        Some(i) => &full[..slash + i],
        None => full,
    }
}

fn waiting(reason: &str, message: Option<String>) -> ContainerState {
    ContainerState {
        waiting: Some(ContainerStateWaiting { reason: Some(reason.into()), message }),
        ..Default::default()
    }
}
