//! `kubectl describe pod` and the container, volume and QoS sections that pod templates share
//! (`describePod`, `describeContainers`, `describeVolumes`, `qos.GetPodQOS` in kubectl 1.35).

use kubeplay_engine::quantity::canonical_or_verbatim;
use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Container, ContainerState, ContainerStatus, EnvVar, Pod, Probe, ResourceRequirements, TopologySpreadConstraint,
    Volume,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;

use super::{DescribeContext, Writer, annotations, controller, events, go_bool_title, labels, tolerations};
use crate::table::format;
use kubeplay_engine::quantity::{Format, Quantity as Qty, parse_quantity};

const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";

pub(crate) fn describe_pod(pod: &Pod, ctx: &dyn DescribeContext, w: &mut Writer) {
    let now = ctx.now();
    let meta = &pod.metadata;
    let spec = pod.spec.clone().unwrap_or_default();
    let status = pod.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace.as_deref().unwrap_or("")));
    if let Some(priority) = spec.priority {
        w.write(0, &format!("Priority:\t{priority}\n"));
    }
    if let Some(pc) = spec.priority_class_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Priority Class Name:\t{pc}\n"));
    }
    if let Some(rc) = spec.runtime_class_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Runtime Class Name:\t{rc}\n"));
    }
    if let Some(sa) = spec.service_account_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Service Account:\t{sa}\n"));
    }
    match spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        None => w.write(0, "Node:\t<none>\n"),
        Some(node) => w.write(0, &format!("Node:\t{node}/{}\n", status.host_ip.as_deref().unwrap_or(""))),
    }
    if let Some(start) = status.start_time.as_ref() {
        w.write(0, &format!("Start Time:\t{}\n", format::rfc1123z(Some(&start.0))));
    }
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    let phase = status.phase.clone().unwrap_or_default();
    match meta.deletion_timestamp.as_ref() {
        Some(deleted) if phase != "Failed" && phase != "Succeeded" => {
            w.write(0, &format!("Status:\tTerminating (lasts {})\n", format::since(now, Some(deleted))));
            w.write(0, &format!("Termination Grace Period:\t{}s\n", meta.deletion_grace_period_seconds.unwrap_or(0)));
        }
        _ => w.write(0, &format!("Status:\t{phase}\n")),
    }
    if let Some(reason) = status.reason.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Reason:\t{reason}\n"));
    }
    if let Some(message) = status.message.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("Message:\t{message}\n"));
    }
    if let Some(profile) = spec.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()) {
        w.write(0, &format!("SeccompProfile:\t{}\n", profile.type_));
        if profile.type_ == "Localhost" {
            w.write(0, &format!("LocalhostProfile:\t{}\n", profile.localhost_profile.as_deref().unwrap_or("")));
        }
    }
    w.write(0, &format!("IP:\t{}\n", status.pod_ip.as_deref().unwrap_or("")));
    match status.pod_ips.as_deref().filter(|ips| !ips.is_empty()) {
        None => w.write(0, "IPs:\t<none>\n"),
        Some(ips) => {
            w.write(0, "IPs:\n");
            for ip in ips {
                w.write(1, &format!("IP:\t{}\n", ip.ip));
            }
        }
    }
    if let Some(by) = controller(meta) {
        w.write(0, &format!("Controlled By:\t{by}\n"));
    }
    if let Some(nominated) = status.nominated_node_name.as_deref().filter(|s| !s.is_empty()) {
        w.write(0, &format!("NominatedNodeName:\t{nominated}\n"));
    }
    if let Some(resources) = spec.resources.as_ref() {
        w.write(0, "Resources:\n");
        describe_resources(w, resources, 1);
    }
    if let Some(init) = spec.init_containers.as_deref().filter(|c| !c.is_empty()) {
        let statuses = status.init_container_statuses.as_deref().unwrap_or(&[]);
        describe_containers(w, "Init Containers", init, Some(statuses), Some(pod), "");
    }
    let statuses = status.container_statuses.as_deref().unwrap_or(&[]);
    describe_containers(w, "Containers", &spec.containers, Some(statuses), Some(pod), "");
    if let Some(ephemeral) = spec.ephemeral_containers.as_deref().filter(|c| !c.is_empty()) {
        // Ephemeral containers share the container fields kubectl prints; convert through JSON.
        let containers: Vec<Container> = ephemeral
            .iter()
            .filter_map(|e| serde_json::to_value(e).ok().and_then(|v| serde_json::from_value(v).ok()))
            .collect();
        let statuses = status.ephemeral_container_statuses.as_deref().unwrap_or(&[]);
        describe_containers(w, "Ephemeral Containers", &containers, Some(statuses), Some(pod), "");
    }
    let conditions = status.conditions.as_deref().unwrap_or(&[]);
    if let Some(gates) = spec.readiness_gates.as_deref().filter(|g| !g.is_empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for gate in gates {
            let state = conditions
                .iter()
                .find(|c| c.type_ == gate.condition_type)
                .map(|c| c.status.clone())
                .unwrap_or_else(|| "<none>".to_string());
            w.write(1, &format!("{} \t{state} \n", gate.condition_type));
        }
    }
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    describe_volumes(w, spec.volumes.as_deref().unwrap_or(&[]), "");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(pod)));
    labels(w, "Node-Selectors", spec.node_selector.as_ref());
    tolerations(w, "", "Tolerations", spec.tolerations.as_deref().unwrap_or(&[]));
    topology_spread_constraints(w, spec.topology_spread_constraints.as_deref().unwrap_or(&[]), "");
    // Events about a mirror pod are recorded against the static pod's uid.
    let uid = meta
        .annotations
        .as_ref()
        .and_then(|a| a.get(MIRROR_POD_ANNOTATION))
        .cloned()
        .or_else(|| meta.uid.clone())
        .unwrap_or_default();
    let found = if uid.is_empty() { Vec::new() } else { ctx.events_for(&uid) };
    events(w, found, now);
}

/// `describeContainers`: each container's image, ports, state, resources, probes, environment and mounts.
/// `statuses` is `None` for pod templates, `pod` resolves `fieldRef` environment values.
pub(crate) fn describe_containers(
    w: &mut Writer,
    label: &str,
    containers: &[Container],
    statuses: Option<&[ContainerStatus]>,
    pod: Option<&Pod>,
    space: &str,
) {
    let none = if containers.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for container in containers {
        let status = statuses.and_then(|s| s.iter().find(|s| s.name == container.name));
        w.write(1, &format!("{name_indent}{}:\n", container.name));
        if let Some(status) = status {
            w.write(2, &format!("Container ID:\t{}\n", status.container_id.as_deref().unwrap_or("")));
        }
        w.write(2, &format!("Image:\t{}\n", container.image.as_deref().unwrap_or("")));
        if let Some(status) = status {
            w.write(2, &format!("Image ID:\t{}\n", status.image_id));
        }
        let ports = container.ports.as_deref().unwrap_or(&[]);
        let port_text = |host: bool| {
            ports
                .iter()
                .map(|p| {
                    let number = if host { p.host_port.unwrap_or(0) } else { p.container_port };
                    let mut text = format!("{number}/{}", p.protocol.as_deref().unwrap_or(""));
                    if let Some(name) = p.name.as_deref().filter(|n| !n.is_empty()) {
                        text.push_str(&format!(" ({name})"));
                    }
                    text
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (host, one, many) in [(false, "Port", "Ports"), (true, "Host Port", "Host Ports")] {
            let text = port_text(host);
            if text.contains(',') {
                w.write(2, &format!("{many}:\t{text}\n"));
            } else {
                w.write(2, &format!("{one}:\t{}\n", if text.is_empty() { "<none>" } else { &text }));
            }
        }
        if let Some(profile) = container.security_context.as_ref().and_then(|s| s.seccomp_profile.as_ref()) {
            w.write(2, &format!("SeccompProfile:\t{}\n", profile.type_));
            if profile.type_ == "Localhost" {
                w.write(3, &format!("LocalhostProfile:\t{}\n", profile.localhost_profile.as_deref().unwrap_or("")));
            }
        }
        for (title, items) in [("Command", &container.command), ("Args", &container.args)] {
            if let Some(items) = items.as_deref().filter(|i| !i.is_empty()) {
                w.write(2, &format!("{title}:\n"));
                for item in items {
                    for part in item.split('\n') {
                        w.write(3, &format!("{part}\n"));
                    }
                }
            }
        }
        if let Some(status) = status {
            container_state(w, "State", status.state.as_ref());
            if let Some(last) = status.last_state.as_ref().filter(|s| s.terminated.is_some()) {
                container_state(w, "Last State", Some(last));
            }
            w.write(2, &format!("Ready:\t{}\n", go_bool_title(status.ready)));
            w.write(2, &format!("Restart Count:\t{}\n", status.restart_count));
        }
        if let Some(resources) = container.resources.as_ref() {
            describe_resources(w, resources, 2);
        }
        for (title, probe) in [
            ("Liveness", &container.liveness_probe),
            ("Readiness", &container.readiness_probe),
            ("Startup", &container.startup_probe),
        ] {
            if let Some(probe) = probe {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(probe)));
            }
        }
        if let Some(env_from) = container.env_from.as_deref().filter(|e| !e.is_empty()) {
            w.write(2, "Environment Variables from:\n");
            for source in env_from {
                let (name, from, optional) = if let Some(cm) = source.config_map_ref.as_ref() {
                    (cm.name.clone(), "ConfigMap", cm.optional.unwrap_or(false))
                } else if let Some(secret) = source.secret_ref.as_ref() {
                    (secret.name.clone(), "Secret", secret.optional.unwrap_or(false))
                } else {
                    (String::new(), "", false)
                };
                match source.prefix.as_deref().filter(|p| !p.is_empty()) {
                    None => w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n")),
                    Some(prefix) => {
                        w.write(3, &format!("{name}\t{from} with prefix '{prefix}'\tOptional: {optional}\n"))
                    }
                }
            }
        }
        describe_env(w, container, pod);
        describe_mounts(w, container);
    }
}

fn describe_env(w: &mut Writer, container: &Container, pod: Option<&Pod>) {
    let env = container.env.as_deref().unwrap_or(&[]);
    w.write(2, &format!("Environment:{}\n", if env.is_empty() { "\t<none>" } else { "" }));
    for e in env {
        let Some(from) = e.value_from.as_ref() else {
            for (i, part) in e.value.as_deref().unwrap_or("").split('\n').enumerate() {
                if i == 0 {
                    w.write(3, &format!("{}:\t{part}\n", e.name));
                } else {
                    w.write(3, &format!("\t{part}\n"));
                }
            }
            continue;
        };
        if let Some(field) = from.field_ref.as_ref() {
            let value = pod.map(|p| field_value(p, &field.field_path)).unwrap_or_default();
            let api_version = field.api_version.as_deref().unwrap_or("");
            w.write(3, &format!("{}:\t{value} ({api_version}:{})\n", e.name, field.field_path));
        } else if let Some(resource) = from.resource_field_ref.as_ref() {
            let mut value = resource_value(container, e);
            if value == "0" && (resource.resource == "limits.cpu" || resource.resource == "limits.memory") {
                value = "node allocatable".to_string();
            }
            w.write(3, &format!("{}:\t{value} ({})\n", e.name, resource.resource));
        } else if let Some(secret) = from.secret_key_ref.as_ref() {
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' in secret '{}'>\tOptional: {}\n",
                    e.name,
                    secret.key,
                    secret.name,
                    secret.optional.unwrap_or(false)
                ),
            );
        } else if let Some(cm) = from.config_map_key_ref.as_ref() {
            w.write(
                3,
                &format!(
                    "{}:\t<set to the key '{}' of config map '{}'>\tOptional: {}\n",
                    e.name,
                    cm.key,
                    cm.name,
                    cm.optional.unwrap_or(false)
                ),
            );
        }
    }
}

/// The value of a downward-API field path on a pod (`fieldpath.ExtractFieldPathAsString`), empty when the
/// path is not one the API accepts.
fn field_value(pod: &Pod, path: &str) -> String {
    let meta = &pod.metadata;
    let spec = pod.spec.as_ref();
    let status = pod.status.as_ref();
    let subscript = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|rest| rest.strip_prefix("['"))
            .and_then(|rest| rest.strip_suffix("']"))
            .map(str::to_string)
    };
    if let Some(key) = subscript("metadata.labels") {
        return meta.labels.as_ref().and_then(|l| l.get(&key)).cloned().unwrap_or_default();
    }
    if let Some(key) = subscript("metadata.annotations") {
        return meta.annotations.as_ref().and_then(|a| a.get(&key)).cloned().unwrap_or_default();
    }
    let kv = |map: Option<&BTreeMap<String, String>>| {
        map.iter().flat_map(|m| m.iter()).map(|(k, v)| format!("{k}=\"{v}\"")).collect::<Vec<_>>().join("\n")
    };
    match path {
        "metadata.name" => meta.name.clone().unwrap_or_default(),
        "metadata.namespace" => meta.namespace.clone().unwrap_or_default(),
        "metadata.uid" => meta.uid.clone().unwrap_or_default(),
        "metadata.labels" => kv(meta.labels.as_ref()),
        "metadata.annotations" => kv(meta.annotations.as_ref()),
        "spec.nodeName" => spec.and_then(|s| s.node_name.clone()).unwrap_or_default(),
        "spec.serviceAccountName" => spec.and_then(|s| s.service_account_name.clone()).unwrap_or_default(),
        "status.hostIP" => status.and_then(|s| s.host_ip.clone()).unwrap_or_default(),
        "status.podIP" => status.and_then(|s| s.pod_ip.clone()).unwrap_or_default(),
        "status.hostIPs" => status
            .and_then(|s| s.host_ips.as_ref())
            .map(|ips| ips.iter().map(|i| i.ip.clone()).collect::<Vec<_>>().join(","))
            .unwrap_or_default(),
        "status.podIPs" => status
            .and_then(|s| s.pod_ips.as_ref())
            .map(|ips| ips.iter().map(|i| i.ip.clone()).collect::<Vec<_>>().join(","))
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// `ExtractContainerResourceValue`: a container's request or limit divided by the divisor, rounded up.
fn resource_value(container: &Container, env: &EnvVar) -> String {
    let Some(field) = env.value_from.as_ref().and_then(|f| f.resource_field_ref.as_ref()) else {
        return String::new();
    };
    let divisor = field
        .divisor
        .as_ref()
        .and_then(|d| parse_quantity(&d.0).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or_else(|| Qty::from_value(1, Format::DecimalSI));
    let resources = container.resources.as_ref();
    let pick = |map: Option<&BTreeMap<String, Quantity>>, name: &str| {
        map.and_then(|m| m.get(name)).and_then(|q| parse_quantity(&q.0).ok()).unwrap_or_default()
    };
    let (quantity, milli) = match field.resource.as_str() {
        "limits.cpu" => (pick(resources.and_then(|r| r.limits.as_ref()), "cpu"), true),
        "requests.cpu" => (pick(resources.and_then(|r| r.requests.as_ref()), "cpu"), true),
        "limits.memory" => (pick(resources.and_then(|r| r.limits.as_ref()), "memory"), false),
        "requests.memory" => (pick(resources.and_then(|r| r.requests.as_ref()), "memory"), false),
        "limits.ephemeral-storage" => (pick(resources.and_then(|r| r.limits.as_ref()), "ephemeral-storage"), false),
        "requests.ephemeral-storage" => (pick(resources.and_then(|r| r.requests.as_ref()), "ephemeral-storage"), false),
        _ => return String::new(),
    };
    let (value, per) =
        if milli { (quantity.milli_value(), divisor.milli_value()) } else { (quantity.value(), divisor.value()) };
    match (value.checked_div(per), value.checked_rem(per)) {
        (Some(quotient), Some(rest)) => (quotient + i64::from(rest > 0)).to_string(),
        _ => String::new(),
    }
}

fn describe_mounts(w: &mut Writer, container: &Container) {
    let mounts = container.volume_mounts.as_deref().unwrap_or(&[]);
    let none = if mounts.is_empty() { "\t<none>" } else { "" };
    w.write(2, &format!("Mounts:{none}\n"));
    let mut sorted: Vec<_> = mounts.iter().collect();
    sorted.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
    for mount in sorted {
        let mut flags = vec![if mount.read_only == Some(true) { "ro".to_string() } else { "rw".to_string() }];
        if let Some(sub) = mount.sub_path.as_deref().filter(|s| !s.is_empty()) {
            flags.push(format!("path={sub:?}"));
        }
        w.write(3, &format!("{} from {} ({})\n", mount.mount_path, mount.name, flags.join(",")));
    }
    if let Some(devices) = container.volume_devices.as_deref().filter(|d| !d.is_empty()) {
        w.write(2, &format!("Devices:{none}\n"));
        let mut sorted: Vec<_> = devices.iter().collect();
        sorted.sort_by(|a, b| a.device_path.cmp(&b.device_path));
        for device in sorted {
            w.write(3, &format!("{} from {}\n", device.device_path, device.name));
        }
    }
}

/// `describeStatus`: a container state and its times.
fn container_state(w: &mut Writer, title: &str, state: Option<&ContainerState>) {
    let state = state.cloned().unwrap_or_default();
    if let Some(running) = state.running.as_ref() {
        w.write(2, &format!("{title}:\tRunning\n"));
        w.write(3, &format!("Started:\t{}\n", format::rfc1123z(running.started_at.as_ref().map(|t| &t.0))));
    } else if let Some(waiting) = state.waiting.as_ref() {
        w.write(2, &format!("{title}:\tWaiting\n"));
        if let Some(reason) = waiting.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    } else if let Some(t) = state.terminated.as_ref() {
        w.write(2, &format!("{title}:\tTerminated\n"));
        if let Some(reason) = t.reason.as_deref().filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
        if let Some(message) = t.message.as_deref().filter(|m| !m.is_empty()) {
            w.write(3, &format!("Message:\t{message}\n"));
        }
        w.write(3, &format!("Exit Code:\t{}\n", t.exit_code));
        if let Some(signal) = t.signal.filter(|s| *s > 0) {
            w.write(3, &format!("Signal:\t{signal}\n"));
        }
        w.write(3, &format!("Started:\t{}\n", format::rfc1123z(t.started_at.as_ref().map(|t| &t.0))));
        w.write(3, &format!("Finished:\t{}\n", format::rfc1123z(t.finished_at.as_ref().map(|t| &t.0))));
    } else {
        w.write(2, &format!("{title}:\tWaiting\n"));
    }
}

/// `describeResources`: limits then requests, each sorted by resource name, quantities canonical.
pub(crate) fn describe_resources(w: &mut Writer, resources: &ResourceRequirements, level: usize) {
    for (title, list) in [("Limits", &resources.limits), ("Requests", &resources.requests)] {
        let Some(list) = list.as_ref().filter(|l| !l.is_empty()) else {
            continue;
        };
        w.write(level, &format!("{title}:\n"));
        for (name, quantity) in list {
            w.write(level + 1, &format!("{name}:\t{}\n", canonical_or_verbatim(&quantity.0)));
        }
    }
}

/// `DescribeProbe`: `http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3`.
pub(crate) fn describe_probe(probe: &Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        probe.initial_delay_seconds.unwrap_or(0),
        probe.timeout_seconds.unwrap_or(0),
        probe.period_seconds.unwrap_or(0),
        probe.success_threshold.unwrap_or(0),
        probe.failure_threshold.unwrap_or(0)
    );
    if let Some(exec) = probe.exec.as_ref() {
        return format!("exec [{}] {attrs}", exec.command.as_deref().unwrap_or(&[]).join(" "));
    }
    if let Some(http) = probe.http_get.as_ref() {
        let scheme = http.scheme.as_deref().unwrap_or("").to_lowercase();
        let host = http.host.as_deref().unwrap_or("");
        let port = format::int_or_string(&http.port);
        let authority = if port.is_empty() {
            host.to_string()
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let mut url = String::new();
        if !scheme.is_empty() {
            url.push_str(&scheme);
            url.push(':');
        }
        url.push_str("//");
        url.push_str(&authority);
        let path = http.path.as_deref().unwrap_or("");
        if !path.is_empty() && !path.starts_with('/') {
            url.push('/');
        }
        url.push_str(&escape_path(path));
        return format!("http-get {url} {attrs}");
    }
    if let Some(tcp) = probe.tcp_socket.as_ref() {
        return format!(
            "tcp-socket {}:{} {attrs}",
            tcp.host.as_deref().unwrap_or(""),
            format::int_or_string(&tcp.port)
        );
    }
    if let Some(grpc) = probe.grpc.as_ref() {
        return format!("grpc <pod>:{} {} {attrs}", grpc.port, grpc.service.as_deref().unwrap_or(""));
    }
    format!("unknown {attrs}")
}

/// The escaping Go's `url.URL.EscapedPath` applies to the characters a probe path may plausibly contain.
fn escape_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            'A'..='Z'
            | 'a'..='z'
            | '0'..='9'
            | '-'
            | '_'
            | '.'
            | '~'
            | '/'
            | '!'
            | '$'
            | '&'
            | '\''
            | '('
            | ')'
            | '*'
            | '+'
            | ','
            | ';'
            | '='
            | ':'
            | '@' => out.push(c),
            _ => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
        }
    }
    out
}

/// `describeVolumes`: each volume's type line and its fields.
pub(crate) fn describe_volumes(w: &mut Writer, volumes: &[Volume], space: &str) {
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for volume in volumes {
        w.write(1, &format!("{name_indent}{}:\n", volume.name));
        if let Some(host) = volume.host_path.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
                    host.path,
                    host.type_.as_deref().unwrap_or("<none>")
                ),
            );
        } else if let Some(empty) = volume.empty_dir.as_ref() {
            let size = empty
                .size_limit
                .as_ref()
                .and_then(|q| parse_quantity(&q.0).ok())
                .filter(Qty::is_positive)
                .map(|q| q.to_string())
                .unwrap_or_else(|| "<unset>".to_string());
            w.write(
                2,
                &format!(
                    "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{size}\n",
                    empty.medium.as_deref().unwrap_or("")
                ),
            );
        } else if let Some(secret) = volume.secret.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                    secret.secret_name.as_deref().unwrap_or(""),
                    secret.optional.unwrap_or(false)
                ),
            );
        } else if let Some(cm) = volume.config_map.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                    cm.name,
                    cm.optional.unwrap_or(false)
                ),
            );
        } else if let Some(nfs) = volume.nfs.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{}\n",
                    nfs.server,
                    nfs.path,
                    nfs.read_only.unwrap_or(false)
                ),
            );
        } else if let Some(claim) = volume.persistent_volume_claim.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                    claim.claim_name,
                    claim.read_only.unwrap_or(false)
                ),
            );
        } else if volume.ephemeral.is_some() {
            w.write(
                2,
                "Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n",
            );
        } else if let Some(downward) = volume.downward_api.as_ref() {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for item in downward.items.iter().flatten() {
                if let Some(field) = item.field_ref.as_ref() {
                    w.write(3, &format!("{} -> {}\n", field.field_path, item.path));
                }
                if let Some(resource) = item.resource_field_ref.as_ref() {
                    w.write(3, &format!("{} -> {}\n", resource.resource, item.path));
                }
            }
        } else if let Some(projected) = volume.projected.as_ref() {
            w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for source in projected.sources.iter().flatten() {
                if let Some(secret) = source.secret.as_ref() {
                    w.write(
                        2,
                        &format!("SecretName:\t{}\n    Optional:\t{}\n", secret.name, secret.optional.unwrap_or(false)),
                    );
                } else if source.downward_api.is_some() {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if let Some(cm) = source.config_map.as_ref() {
                    w.write(
                        2,
                        &format!("ConfigMapName:\t{}\n    Optional:\t{}\n", cm.name, cm.optional.unwrap_or(false)),
                    );
                } else if let Some(token) = source.service_account_token.as_ref() {
                    w.write(2, &format!("TokenExpirationSeconds:\t{}\n", token.expiration_seconds.unwrap_or(0)));
                }
            }
        } else if let Some(csi) = volume.csi.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t{}\n    FSType:\t{}\n    ReadOnly:\t{}\n",
                    csi.driver,
                    csi.fs_type.as_deref().unwrap_or(""),
                    csi.read_only.unwrap_or(false)
                ),
            );
            w.write(2, "VolumeAttributes:\t");
            match csi.volume_attributes.as_ref().filter(|a| !a.is_empty()) {
                None => w.line("<none>"),
                Some(attrs) => {
                    for (i, (k, v)) in attrs.iter().enumerate() {
                        if i != 0 {
                            w.write(2, "");
                            w.write(2, "\t");
                        }
                        let line = format!("{k}={v}");
                        w.write(2, &format!("{}\n", super::shorten(&line, super::MAX_ANNOTATION_LEN)));
                    }
                }
            }
        } else if let Some(image) = volume.image.as_ref() {
            w.write(
                2,
                &format!(
                    "Type:\tImage (a container image or OCI artifact)\n    Reference:\t{}\n    PullPolicy:\t{}\n",
                    image.reference.as_deref().unwrap_or(""),
                    image.pull_policy.as_deref().unwrap_or("")
                ),
            );
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

/// `describeTopologySpreadConstraints`, sorted by topology key.
pub(crate) fn topology_spread_constraints(w: &mut Writer, constraints: &[TopologySpreadConstraint], space: &str) {
    if constraints.is_empty() {
        return;
    }
    let mut sorted: Vec<&TopologySpreadConstraint> = constraints.iter().collect();
    sorted.sort_by(|a, b| a.topology_key.cmp(&b.topology_key));
    w.write(0, &format!("{space}Topology Spread Constraints:\t"));
    for (i, c) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, space);
            w.write(0, "\t");
        }
        let mut text = format!("{}:{} when max skew {} is exceeded", c.topology_key, c.when_unsatisfiable, c.max_skew);
        if let Some(selector) = c.label_selector.as_ref() {
            text.push_str(&format!(" for selector {}", format::format_label_selector(Some(selector))));
        }
        w.write(0, &format!("{text}\n"));
    }
}

/// `qos.GetPodQOS`: the status field when set, else computed from the containers' requests and limits.
pub(crate) fn qos_class(pod: &Pod) -> String {
    if let Some(class) = pod.status.as_ref().and_then(|s| s.qos_class.as_deref()).filter(|c| !c.is_empty()) {
        return class.to_string();
    }
    let spec = pod.spec.clone().unwrap_or_default();
    let mut requests: BTreeMap<String, Qty> = BTreeMap::new();
    let mut limits: BTreeMap<String, Qty> = BTreeMap::new();
    let mut guaranteed = true;
    let compute = |name: &str| name == "cpu" || name == "memory";
    let add = |into: &mut BTreeMap<String, Qty>, list: Option<&BTreeMap<String, Quantity>>| {
        for (name, q) in list.into_iter().flatten() {
            let Some(q) = parse_quantity(&q.0).ok() else { continue };
            if compute(name) && q.is_positive() {
                *into.entry(name.clone()).or_default() += &q;
            }
        }
    };
    let positive_limits = |list: Option<&BTreeMap<String, Quantity>>| {
        ["cpu", "memory"].iter().all(|name| {
            list.and_then(|l| l.get(*name)).and_then(|q| parse_quantity(&q.0).ok()).is_some_and(|q| q.is_positive())
        })
    };
    if let Some(resources) = spec.resources.as_ref() {
        add(&mut requests, resources.requests.as_ref());
        if resources.limits.is_some() {
            add(&mut limits, resources.limits.as_ref());
            if !positive_limits(resources.limits.as_ref()) {
                guaranteed = false;
            }
        }
    } else {
        for c in spec.containers.iter().chain(spec.init_containers.iter().flatten()) {
            let resources = c.resources.as_ref();
            add(&mut requests, resources.and_then(|r| r.requests.as_ref()));
            add(&mut limits, resources.and_then(|r| r.limits.as_ref()));
            if !positive_limits(resources.and_then(|r| r.limits.as_ref())) {
                guaranteed = false;
            }
        }
    }
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort".to_string();
    }
    if guaranteed {
        for (name, req) in &requests {
            if limits.get(name) != Some(req) {
                guaranteed = false;
                break;
            }
        }
    }
    if guaranteed && requests.len() == limits.len() { "Guaranteed" } else { "Burstable" }.to_string()
}
