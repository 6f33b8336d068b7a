//! `kubectl describe node` (`describeNode`, `describeNodeLease`, `describeNodeResource`): conditions,
//! capacity, system info, the non-terminated pods with their share of the node, and allocated totals.

use kubeplay_engine::quantity::canonical_or_verbatim;
use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::{Object, ObjectKey};

use super::{DescribeContext, Writer, annotations, events, labels};
use crate::table::format;
use kubeplay_engine::quantity::{Quantity as Qty, parse_quantity};

pub(crate) fn describe_node(node: &Node, ctx: &dyn DescribeContext, w: &mut Writer) {
    let now = ctx.now();
    let meta = &node.metadata;
    let name = meta.name.as_deref().unwrap_or("");
    let spec = node.spec.clone().unwrap_or_default();
    let status = node.status.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{name}\n"));
    let roles = crate::table::node_roles(node);
    w.write(0, &format!("Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") }));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("CreationTimestamp:\t{}\n", format::rfc1123z(meta.creation_timestamp.as_ref().map(|t| &t.0))));
    // printNodeTaintsMultiline: sorted by effect, then key.
    w.write(0, "Taints:\t");
    let mut taints = spec.taints.clone().unwrap_or_default();
    if taints.is_empty() {
        w.line("<none>");
    } else {
        taints.sort_by(|a, b| (&a.effect, &a.key).cmp(&(&b.effect, &b.key)));
        for (i, t) in taints.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            match t.value.as_deref().filter(|v| !v.is_empty()) {
                Some(value) => w.write(0, &format!("{}={value}:{}\n", t.key, t.effect)),
                None => w.write(0, &format!("{}:{}\n", t.key, t.effect)),
            }
        }
    }
    w.write(0, &format!("Unschedulable:\t{}\n", spec.unschedulable.unwrap_or(false)));

    let lease_key = ObjectKey::new(GroupKind::new("coordination.k8s.io", "Lease"), "kube-node-lease", name);
    match ctx.get(&lease_key).as_deref() {
        Some(Object::Lease(lease)) => {
            let lease_spec = lease.spec.clone().unwrap_or_default();
            w.write(0, "Lease:\n");
            w.write(1, &format!("HolderIdentity:\t{}\n", lease_spec.holder_identity.as_deref().unwrap_or("<unset>")));
            let time = |t: Option<&k8s_openapi::apimachinery::pkg::apis::meta::v1::MicroTime>| match t {
                Some(t) => format::rfc1123z(Some(&t.0)),
                None => "<unset>".to_string(),
            };
            w.write(1, &format!("AcquireTime:\t{}\n", time(lease_spec.acquire_time.as_ref())));
            w.write(1, &format!("RenewTime:\t{}\n", time(lease_spec.renew_time.as_ref())));
        }
        _ => w.write(0, &format!("Lease:\tFailed to get lease: leases.coordination.k8s.io \"{name}\" not found\n")),
    }

    let conditions = status.conditions.as_deref().unwrap_or(&[]);
    if !conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in conditions {
            w.write(
                1,
                &format!(
                    "{} \t{} \t{} \t{} \t{} \t{}\n",
                    c.type_,
                    c.status,
                    format::rfc1123z(c.last_heartbeat_time.as_ref().map(|t| &t.0)),
                    format::rfc1123z(c.last_transition_time.as_ref().map(|t| &t.0)),
                    c.reason.as_deref().unwrap_or(""),
                    c.message.as_deref().unwrap_or("")
                ),
            );
        }
    }
    w.write(0, "Addresses:\n");
    for address in status.addresses.iter().flatten() {
        w.write(1, &format!("{}:\t{}\n", address.type_, address.address));
    }
    for (title, list) in [("Capacity", &status.capacity), ("Allocatable", &status.allocatable)] {
        if let Some(list) = list.as_ref().filter(|l| !l.is_empty()) {
            w.write(0, &format!("{title}:\n"));
            for (resource, quantity) in list {
                w.write(0, &format!("  {resource}:\t{}\n", canonical_or_verbatim(&quantity.0)));
            }
        }
    }
    let info = status.node_info.clone().unwrap_or_default();
    w.write(0, "System Info:\n");
    for (label, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
        ("Kube-Proxy Version", &info.kube_proxy_version),
    ] {
        w.write(0, &format!("  {label}:\t{value}\n"));
    }
    if let Some(cidr) = spec.pod_cidr.as_deref().filter(|c| !c.is_empty()) {
        w.write(0, &format!("PodCIDR:\t{cidr}\n"));
    }
    if let Some(cidrs) = spec.pod_cidrs.as_ref().filter(|c| !c.is_empty()) {
        w.write(0, &format!("PodCIDRs:\t{}\n", cidrs.join(",")));
    }
    if let Some(provider) = spec.provider_id.as_deref().filter(|p| !p.is_empty()) {
        w.write(0, &format!("ProviderID:\t{provider}\n"));
    }

    let mut pods: Vec<&Pod> = Vec::new();
    let listed = ctx.list(&GroupKind::new("", "Pod"), "");
    for obj in &listed {
        let Some(pod) = obj.as_pod() else { continue };
        let on_node = pod.spec.as_ref().and_then(|s| s.node_name.as_deref()) == Some(name);
        let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
        if on_node && phase != Some("Succeeded") && phase != Some("Failed") {
            pods.push(pod);
        }
    }
    pods.sort_by(|a, b| (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name)));
    describe_node_resource(w, &pods, &status, now);

    let mut found = Vec::new();
    if let Some(uid) = meta.uid.as_deref().filter(|u| !u.is_empty()) {
        found.extend(ctx.events_for(uid));
    }
    // The kubelet records node events with the node's name as the uid.
    found.extend(ctx.events_for(name));
    events(w, found, now);
}

/// Go's `int64(float64(a) / float64(b) * 100)` on amd64: truncation, and the minimum integer for results
/// out of range (division by zero).
fn percent(part: i64, whole: i64) -> i64 {
    let x = part as f64 / whole as f64 * 100.0;
    if x.is_nan() || !(-9.223_372_036_854_776e18..9.223_372_036_854_776e18).contains(&x) { i64::MIN } else { x as i64 }
}

/// `resourcehelper.PodRequestsAndLimits` (kubectl/pkg/util/resource): containers summed, init containers as
/// a maximum (restartable ones added), overhead added; resized containers count their larger requests.
fn requests_and_limits(pod: &Pod) -> (BTreeMap<String, Qty>, BTreeMap<String, Qty>) {
    let spec = pod.spec.clone().unwrap_or_default();
    let status = pod.status.clone().unwrap_or_default();
    let parse = |list: Option<&BTreeMap<String, Quantity>>| -> BTreeMap<String, Qty> {
        list.into_iter()
            .flatten()
            .filter_map(|(name, q)| parse_quantity(&q.0).ok().map(|q| (name.clone(), q)))
            .collect()
    };
    let add = |into: &mut BTreeMap<String, Qty>, list: &BTreeMap<String, Qty>| {
        for (name, q) in list {
            match into.get_mut(name) {
                Some(existing) => *existing += q,
                None => {
                    into.insert(name.clone(), *q);
                }
            }
        }
    };
    let max = |into: &mut BTreeMap<String, Qty>, list: &BTreeMap<String, Qty>| {
        for (name, q) in list {
            match into.get(name) {
                Some(existing) if *existing >= *q => {}
                _ => {
                    into.insert(name.clone(), *q);
                }
            }
        }
    };
    let statuses: Vec<_> =
        status.container_statuses.iter().flatten().chain(status.init_container_statuses.iter().flatten()).collect();
    let container_requests = |c: &k8s_openapi::api::core::v1::Container| {
        let mut requests = parse(c.resources.as_ref().and_then(|r| r.requests.as_ref()));
        if let Some(cs) = statuses.iter().rev().find(|s| s.name == c.name)
            && let Some(resources) = cs.resources.as_ref()
        {
            max(&mut requests, &parse(resources.requests.as_ref()));
            max(&mut requests, &parse(cs.allocated_resources.as_ref()));
        }
        requests
    };
    let mut requests = BTreeMap::new();
    let mut limits = BTreeMap::new();
    for c in &spec.containers {
        add(&mut requests, &container_requests(c));
        add(&mut limits, &parse(c.resources.as_ref().and_then(|r| r.limits.as_ref())));
    }
    let mut sidecar_requests = BTreeMap::new();
    let mut sidecar_limits = BTreeMap::new();
    let mut init_requests = BTreeMap::new();
    let mut init_limits = BTreeMap::new();
    for c in spec.init_containers.iter().flatten() {
        let c_limits = parse(c.resources.as_ref().and_then(|r| r.limits.as_ref()));
        if c.restart_policy.as_deref() == Some("Always") {
            let c_requests = container_requests(c);
            add(&mut requests, &c_requests);
            add(&mut sidecar_requests, &c_requests);
            max(&mut init_requests, &sidecar_requests.clone());
            add(&mut limits, &c_limits);
            add(&mut sidecar_limits, &c_limits);
            max(&mut init_limits, &sidecar_limits.clone());
        } else {
            let mut r = parse(c.resources.as_ref().and_then(|r| r.requests.as_ref()));
            add(&mut r, &sidecar_requests);
            max(&mut init_requests, &r);
            let mut l = c_limits;
            add(&mut l, &sidecar_limits);
            max(&mut init_limits, &l);
        }
    }
    max(&mut requests, &init_requests);
    max(&mut limits, &init_limits);
    let overhead = parse(spec.overhead.as_ref());
    add(&mut requests, &overhead);
    for (name, q) in &overhead {
        if let Some(limit) = limits.get_mut(name)
            && !limit.is_zero()
        {
            *limit += q;
        }
    }
    (requests, limits)
}

fn describe_node_resource(
    w: &mut Writer,
    pods: &[&Pod],
    status: &k8s_openapi::api::core::v1::NodeStatus,
    now: kubeplay_engine::SimTime,
) {
    w.write(0, &format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    let allocatable_list = match status.allocatable.as_ref().filter(|a| !a.is_empty()) {
        Some(a) => Some(a),
        None => status.capacity.as_ref(),
    };
    let allocatable = |name: &str| {
        allocatable_list.and_then(|a| a.get(name)).and_then(|q| parse_quantity(&q.0).ok()).unwrap_or_default()
    };
    let cpu = allocatable("cpu").milli_value();
    let memory = allocatable("memory").value();
    let zero = Qty::default();
    let mut total_requests: BTreeMap<String, Qty> = BTreeMap::new();
    let mut total_limits: BTreeMap<String, Qty> = BTreeMap::new();
    for pod in pods {
        let (requests, limits) = requests_and_limits(pod);
        let get = |m: &BTreeMap<String, Qty>, name: &str| *m.get(name).unwrap_or(&zero);
        let (cpu_req, cpu_lim) = (get(&requests, "cpu"), get(&limits, "cpu"));
        let (mem_req, mem_lim) = (get(&requests, "memory"), get(&limits, "memory"));
        w.write(
            1,
            &format!(
                "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
                pod.metadata.namespace.as_deref().unwrap_or(""),
                pod.metadata.name.as_deref().unwrap_or(""),
                cpu_req,
                percent(cpu_req.milli_value(), cpu),
                cpu_lim,
                percent(cpu_lim.milli_value(), cpu),
                mem_req,
                percent(mem_req.value(), memory),
                mem_lim,
                percent(mem_lim.value(), memory),
                format::since(now, pod.metadata.creation_timestamp.as_ref())
            ),
        );
        for (into, from) in [(&mut total_requests, &requests), (&mut total_limits, &limits)] {
            for (name, q) in from {
                *into.entry(name.clone()).or_default() += q;
            }
        }
    }
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    let get = |m: &BTreeMap<String, Qty>, name: &str| *m.get(name).unwrap_or(&zero);
    let guarded = |part: i64, whole: i64| if whole != 0 { percent(part, whole) } else { 0 };
    let cpu_req = get(&total_requests, "cpu");
    let cpu_lim = get(&total_limits, "cpu");
    w.write(
        1,
        &format!(
            "cpu\t{} ({}%)\t{} ({}%)\n",
            cpu_req,
            guarded(cpu_req.milli_value(), cpu),
            cpu_lim,
            guarded(cpu_lim.milli_value(), cpu)
        ),
    );
    for resource in ["memory", "ephemeral-storage"] {
        let whole = allocatable(resource).value();
        let req = get(&total_requests, resource);
        let lim = get(&total_limits, resource);
        w.write(
            1,
            &format!(
                "{resource}\t{} ({}%)\t{} ({}%)\n",
                req,
                guarded(req.value(), whole),
                lim,
                guarded(lim.value(), whole)
            ),
        );
    }
    let names: Vec<&String> = allocatable_list.map(|a| a.keys().collect()).unwrap_or_default();
    for name in names.iter().filter(|n| n.starts_with("hugepages-")) {
        let whole = allocatable(name).value();
        let req = get(&total_requests, name);
        let lim = get(&total_limits, name);
        w.write(
            1,
            &format!(
                "{name}\t{} ({}%)\t{} ({}%)\n",
                req,
                guarded(req.value(), whole),
                lim,
                guarded(lim.value(), whole)
            ),
        );
    }
    // Extended resources: anything not in the kubernetes.io namespace (standard names have no domain).
    for name in names.iter().filter(|n| !is_standard_resource(n)) {
        w.write(1, &format!("{name}\t{}\t{}\n", get(&total_requests, name), get(&total_limits, name)));
    }
}

/// `IsStandardContainerResourceName` plus `pods` and huge pages, which the allocated table skips.
fn is_standard_resource(name: &str) -> bool {
    matches!(name, "cpu" | "memory" | "ephemeral-storage" | "pods") || name.starts_with("hugepages-")
}
