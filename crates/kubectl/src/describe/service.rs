//! `kubectl describe service` (`describeService`, `formatEndpointSlices`, `buildIngressString`): the
//! Service's addresses and, per port, its target and the ready endpoints from its EndpointSlices.

use k8s_openapi::api::core::v1::Service;
use k8s_openapi::api::discovery::v1::EndpointSlice;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use kubeplay_engine::kinds::GroupKind;

use super::{DescribeContext, Writer, annotations, events, events_of, labels};
use crate::table::format;

const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";

pub(crate) fn describe_service(svc: &Service, ctx: &dyn DescribeContext, w: &mut Writer) {
    let now = ctx.now();
    let meta = &svc.metadata;
    let name = meta.name.as_deref().unwrap_or("");
    let namespace = meta.namespace.as_deref().unwrap_or("");
    let spec = svc.spec.clone().unwrap_or_default();
    let slices = slices_of(ctx, namespace, name);

    w.write(0, &format!("Name:\t{name}\n"));
    w.write(0, &format!("Namespace:\t{namespace}\n"));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    w.write(0, &format!("Selector:\t{}\n", format::format_labels(spec.selector.as_ref())));
    w.write(0, &format!("Type:\t{}\n", spec.type_.as_deref().unwrap_or("")));
    if let Some(policy) = spec.ip_family_policy.as_deref() {
        w.write(0, &format!("IP Family Policy:\t{policy}\n"));
    }
    match spec.ip_families.as_ref().filter(|f| !f.is_empty()) {
        Some(families) => w.write(0, &format!("IP Families:\t{}\n", families.join(","))),
        None => w.write(0, "IP Families:\t<none>\n"),
    }
    w.write(0, &format!("IP:\t{}\n", spec.cluster_ip.as_deref().unwrap_or("")));
    match spec.cluster_ips.as_ref().filter(|ips| !ips.is_empty()) {
        Some(ips) => w.write(0, &format!("IPs:\t{}\n", ips.join(","))),
        None => w.write(0, "IPs:\t<none>\n"),
    }
    if let Some(ips) = spec.external_ips.as_ref().filter(|ips| !ips.is_empty()) {
        w.write(0, &format!("External IPs:\t{}\n", ips.join(",")));
    }
    if let Some(ip) = spec.load_balancer_ip.as_deref().filter(|ip| !ip.is_empty()) {
        w.write(0, &format!("Desired LoadBalancer IP:\t{ip}\n"));
    }
    if let Some(external) = spec.external_name.as_deref().filter(|n| !n.is_empty()) {
        w.write(0, &format!("External Name:\t{external}\n"));
    }
    let ingress = svc
        .status
        .as_ref()
        .and_then(|s| s.load_balancer.as_ref())
        .and_then(|lb| lb.ingress.clone())
        .unwrap_or_default();
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| match i.ip.as_deref().filter(|ip| !ip.is_empty()) {
                Some(ip) => match i.ip_mode.as_deref() {
                    Some(mode) => format!("{ip} ({mode})"),
                    None => ip.to_string(),
                },
                None => i.hostname.clone().unwrap_or_default(),
            })
            .collect();
        w.write(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    for port in spec.ports.iter().flatten() {
        let port_name = port.name.as_deref().filter(|n| !n.is_empty()).unwrap_or("<unset>");
        let protocol = port.protocol.as_deref().unwrap_or("");
        w.write(0, &format!("Port:\t{port_name}\t{}/{protocol}\n", port.port));
        match port.target_port.as_ref() {
            Some(IntOrString::String(s)) => w.write(0, &format!("TargetPort:\t{s}/{protocol}\n")),
            Some(IntOrString::Int(i)) => w.write(0, &format!("TargetPort:\t{i}/{protocol}\n")),
            None => w.write(0, &format!("TargetPort:\t0/{protocol}\n")),
        }
        if let Some(node_port) = port.node_port.filter(|p| *p != 0) {
            w.write(0, &format!("NodePort:\t{port_name}\t{node_port}/{protocol}\n"));
        }
        let endpoints = endpoint_slices_text(&slices, port.name.as_deref().unwrap_or(""));
        w.write(0, &format!("Endpoints:\t{endpoints}\n"));
    }
    w.write(0, &format!("Session Affinity:\t{}\n", spec.session_affinity.as_deref().unwrap_or("")));
    if let Some(policy) = spec.external_traffic_policy.as_deref().filter(|p| !p.is_empty()) {
        w.write(0, &format!("External Traffic Policy:\t{policy}\n"));
    }
    if let Some(policy) = spec.internal_traffic_policy.as_deref() {
        w.write(0, &format!("Internal Traffic Policy:\t{policy}\n"));
    }
    if let Some(port) = spec.health_check_node_port.filter(|p| *p != 0) {
        w.write(0, &format!("HealthCheck NodePort:\t{port}\n"));
    }
    if let Some(ranges) = spec.load_balancer_source_ranges.as_ref().filter(|r| !r.is_empty()) {
        w.write(0, &format!("LoadBalancer Source Ranges:\t{}\n", ranges.join(",")));
    }
    if let Some(distribution) = spec.traffic_distribution.as_deref() {
        w.write(0, &format!("Traffic Distribution:\t{distribution}\n"));
    }
    events(w, events_of(meta, ctx), now);
}

/// The EndpointSlices labelled as belonging to a Service.
fn slices_of(ctx: &dyn DescribeContext, namespace: &str, service: &str) -> Vec<EndpointSlice> {
    ctx.list(&GroupKind::new("discovery.k8s.io", "EndpointSlice"), namespace)
        .iter()
        .filter_map(|o| match o.as_ref() {
            kubeplay_engine::Object::EndpointSlice(s)
                if s.metadata.labels.as_ref().and_then(|l| l.get(SERVICE_NAME_LABEL)).map(String::as_str)
                    == Some(service) =>
            {
                Some(s.clone())
            }
            _ => None,
        })
        .collect()
}

/// `formatEndpointSlices` for one port name: ready endpoints as `ip:port`, at most three, then
/// `+ N more...`; `<none>` when the Service has no slices at all.
fn endpoint_slices_text(slices: &[EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".to_string();
    }
    const MAX: usize = 3;
    let mut list: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0usize;
    for slice in slices {
        let endpoints = slice.endpoints.as_deref().unwrap_or(&[]);
        let ready =
            |e: &k8s_openapi::api::discovery::v1::Endpoint| e.conditions.as_ref().and_then(|c| c.ready).unwrap_or(true);
        let ports = slice.ports.as_deref().unwrap_or(&[]);
        if ports.is_empty() {
            for e in endpoints {
                if list.len() == MAX {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more && let Some(address) = e.addresses.first() {
                    list.push(address.clone());
                }
                count += 1;
            }
            continue;
        }
        for port in ports {
            if port.name.as_deref().unwrap_or("") != port_name {
                continue;
            }
            for e in endpoints {
                if list.len() == MAX {
                    more = true;
                }
                if !ready(e) {
                    continue;
                }
                if !more && let Some(address) = e.addresses.first() {
                    list.push(crate::table::join_host_port(address, port.port.unwrap_or(0)));
                }
                count += 1;
            }
        }
    }
    let joined = list.join(",");
    if more { format!("{joined} + {} more...", count - MAX) } else { joined }
}

/// `kubectl describe ingress` (`describeIngressV1`, `describeBackendV1`): address, class, default backend,
/// TLS, and for each rule's paths the backend Service with its ready endpoints.
pub(crate) fn describe_ingress(
    ing: &k8s_openapi::api::networking::v1::Ingress,
    ctx: &dyn DescribeContext,
    w: &mut Writer,
) {
    let meta = &ing.metadata;
    let namespace = meta.namespace.as_deref().unwrap_or("");
    let spec = ing.spec.clone().unwrap_or_default();
    w.write(0, &format!("Name:\t{}\n", meta.name.as_deref().unwrap_or("")));
    labels(w, "Labels", meta.labels.as_ref());
    w.write(0, &format!("Namespace:\t{namespace}\n"));
    let mut addresses = std::collections::BTreeSet::new();
    let lb = ing.status.as_ref().and_then(|s| s.load_balancer.as_ref()).and_then(|lb| lb.ingress.clone());
    for i in lb.unwrap_or_default() {
        if let Some(ip) = i.ip.filter(|ip| !ip.is_empty()) {
            addresses.insert(ip);
        } else if let Some(host) = i.hostname.filter(|h| !h.is_empty()) {
            addresses.insert(host);
        }
    }
    w.write(0, &format!("Address:\t{}\n", addresses.into_iter().collect::<Vec<_>>().join(",")));
    w.write(0, &format!("Ingress Class:\t{}\n", spec.ingress_class_name.as_deref().unwrap_or("<none>")));
    let default_backend = match spec.default_backend.as_ref() {
        Some(b) => backend_text(b, namespace, ctx),
        None => "<default>".to_string(),
    };
    w.write(0, &format!("Default backend:\t{default_backend}\n"));
    if let Some(tls) = spec.tls.as_ref().filter(|t| !t.is_empty()) {
        w.write(0, "TLS:\n");
        for t in tls {
            let hosts = t.hosts.clone().unwrap_or_default().join(",");
            match t.secret_name.as_deref().filter(|s| !s.is_empty()) {
                None => w.write(1, &format!("SNI routes {hosts}\n")),
                Some(secret) => w.write(1, &format!("{secret} terminates {hosts}\n")),
            }
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    let mut count = 0;
    for rule in spec.rules.iter().flatten() {
        let Some(http) = rule.http.as_ref() else {
            continue;
        };
        count += 1;
        let host = rule.host.as_deref().filter(|h| !h.is_empty()).unwrap_or("*");
        w.write(1, &format!("{host}\t\n"));
        for path in &http.paths {
            w.write(
                2,
                &format!(
                    "\t{} \t{}\n",
                    path.path.as_deref().unwrap_or(""),
                    backend_text(&path.backend, namespace, ctx)
                ),
            );
        }
    }
    if count == 0 {
        w.write(1, &format!("*\t*\t{default_backend}\n"));
    }
    annotations(w, "Annotations", meta.annotations.as_ref());
    events(w, events_of(meta, ctx), ctx.now());
}

/// `describeBackendV1`: `service:port (endpoints)`, or an error when the Service does not exist.
fn backend_text(
    backend: &k8s_openapi::api::networking::v1::IngressBackend,
    namespace: &str,
    ctx: &dyn DescribeContext,
) -> String {
    if let Some(service) = backend.service.as_ref() {
        let port = service.port.clone().unwrap_or_default();
        let number = port.number.unwrap_or(0);
        let port_text = if number != 0 { number.to_string() } else { port.name.clone().unwrap_or_default() };
        let label = format!("{}:{port_text}", service.name);
        let key = kubeplay_engine::ObjectKey::new(GroupKind::new("", "Service"), namespace, service.name.as_str());
        let Some(found) = ctx.get(&key) else {
            return format!("{label} (<error: services \"{}\" not found>)", service.name);
        };
        let mut port_name = String::new();
        let ports = found.as_service().and_then(|s| s.spec.as_ref()).and_then(|s| s.ports.clone()).unwrap_or_default();
        for sp in &ports {
            let sp_name = sp.name.clone().unwrap_or_default();
            let wanted_name = port.name.as_deref().unwrap_or("");
            if (number != 0 && number == sp.port) || (!wanted_name.is_empty() && wanted_name == sp_name) {
                port_name = sp_name;
            }
        }
        let slices = slices_of(ctx, namespace, &service.name);
        return format!("{label} ({})", endpoint_slices_text(&slices, &port_name));
    }
    if let Some(resource) = backend.resource.as_ref() {
        return format!(
            "APIGroup: {}, Kind: {}, Name: {}",
            resource.api_group.as_deref().unwrap_or("<none>"),
            resource.kind,
            resource.name
        );
    }
    String::new()
}
