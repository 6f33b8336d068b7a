//! Tables for Services, Endpoints and EndpointSlices (`printService`, `getServiceExternalIP`,
//! `makePortString`, `formatEndpoints`, `printEndpointSlice`).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::{LoadBalancerIngress, Service};
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, format, wide};

pub(crate) const SERVICE: Printer = Printer { columns: SVC_COLUMNS, row: service };
pub(crate) const ENDPOINTS: Printer = Printer { columns: EP_COLUMNS, row: endpoints };
pub(crate) const ENDPOINT_SLICE: Printer = Printer { columns: EPS_COLUMNS, row: endpoint_slice };

const SVC_COLUMNS: &[Column] =
    &[NAME, col("Type"), col("Cluster-IP"), col("External-IP"), col("Port(s)"), col("Age"), wide("Selector")];
const EP_COLUMNS: &[Column] = &[NAME, col("Endpoints"), col("Age")];
const EPS_COLUMNS: &[Column] = &[NAME, col("AddressType"), col("Ports"), col("Endpoints"), col("Age")];

/// The load balancer's addresses, deduplicated and sorted (the server prints the wide form, never cut).
pub(crate) fn load_balancer_ips(ingress: &[LoadBalancerIngress]) -> String {
    let mut set = BTreeSet::new();
    for i in ingress {
        if let Some(ip) = i.ip.as_ref().filter(|ip| !ip.is_empty()) {
            set.insert(ip.clone());
        } else if let Some(host) = i.hostname.as_ref().filter(|h| !h.is_empty()) {
            set.insert(host.clone());
        }
    }
    set.into_iter().collect::<Vec<_>>().join(",")
}

fn external_ip(svc: &Service) -> String {
    let spec = svc.spec.as_ref();
    let external_ips = spec.and_then(|s| s.external_ips.as_ref()).filter(|e| !e.is_empty());
    match spec.and_then(|s| s.type_.as_deref()) {
        Some("ClusterIP") | Some("NodePort") => match external_ips {
            Some(ips) => ips.join(","),
            None => "<none>".to_string(),
        },
        Some("LoadBalancer") => {
            let ingress = svc
                .status
                .as_ref()
                .and_then(|s| s.load_balancer.as_ref())
                .and_then(|lb| lb.ingress.as_deref())
                .unwrap_or(&[]);
            let lb_ips = load_balancer_ips(ingress);
            if let Some(ips) = external_ips {
                let mut all: Vec<String> = Vec::new();
                if !lb_ips.is_empty() {
                    all.extend(lb_ips.split(',').map(str::to_string));
                }
                all.extend(ips.iter().cloned());
                return all.join(",");
            }
            if lb_ips.is_empty() { "<pending>".to_string() } else { lb_ips }
        }
        Some("ExternalName") => spec.and_then(|s| s.external_name.clone()).unwrap_or_default(),
        _ => "<unknown>".to_string(),
    }
}

/// `80/TCP`, `80:30080/TCP`, comma-separated.
pub(crate) fn port_string(svc: &Service) -> String {
    let ports = svc.spec.as_ref().and_then(|s| s.ports.as_deref()).unwrap_or(&[]);
    ports
        .iter()
        .map(|p| {
            let protocol = p.protocol.as_deref().unwrap_or("");
            match p.node_port.filter(|n| *n > 0) {
                Some(node_port) => format!("{}:{node_port}/{protocol}", p.port),
                None => format!("{}/{protocol}", p.port),
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The first cluster IP (`None` for headless Services), falling back to the legacy single field.
pub(crate) fn cluster_ip(svc: &Service) -> String {
    let spec = svc.spec.as_ref();
    spec.and_then(|s| s.cluster_ips.as_ref())
        .and_then(|ips| ips.first().cloned())
        .or_else(|| spec.and_then(|s| s.cluster_ip.clone()))
        .filter(|ip| !ip.is_empty())
        .unwrap_or_else(|| "<none>".to_string())
}

fn service(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let svc = obj.as_service()?;
    let spec = svc.spec.as_ref();
    let ports = port_string(svc);
    Some(vec![
        obj.name().to_string(),
        spec.and_then(|s| s.type_.clone()).unwrap_or_default(),
        cluster_ip(svc),
        external_ip(svc),
        if ports.is_empty() { "<none>".to_string() } else { ports },
        age(obj, now),
        format::format_labels(spec.and_then(|s| s.selector.as_ref())),
    ])
}

fn endpoints(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::Endpoints(ep) = obj else {
        return None;
    };
    let subsets = ep.subsets.as_deref().unwrap_or(&[]);
    let text = if subsets.is_empty() {
        "<none>".to_string()
    } else {
        const MAX: usize = 3;
        let mut list: Vec<String> = Vec::new();
        let mut more = false;
        let mut count = 0;
        for ss in subsets {
            let addresses = ss.addresses.as_deref().unwrap_or(&[]);
            let ports = ss.ports.as_deref().unwrap_or(&[]);
            if ports.is_empty() {
                count += addresses.len();
                for a in addresses {
                    if list.len() == MAX {
                        more = true;
                        break;
                    }
                    list.push(a.ip.clone());
                }
                continue;
            }
            for port in ports {
                count += addresses.len();
                for a in addresses {
                    if list.len() == MAX {
                        more = true;
                        break;
                    }
                    list.push(join_host_port(&a.ip, port.port));
                }
            }
        }
        let joined = list.join(",");
        if more { format!("{joined} + {} more...", count - MAX) } else { joined }
    };
    Some(vec![obj.name().to_string(), text, age(obj, now)])
}

/// Go's `net.JoinHostPort`: IPv6 addresses in brackets.
pub(crate) fn join_host_port(host: &str, port: i32) -> String {
    if host.contains(':') { format!("[{host}]:{port}") } else { format!("{host}:{port}") }
}

/// `listWithMoreString`: up to three items, `+ N more...`, `<unset>` when empty.
fn list_with_more(list: &[String], more: bool, count: usize) -> String {
    let joined = list.join(",");
    if more {
        return format!("{joined} + {} more...", count - 3);
    }
    if joined.is_empty() { "<unset>".to_string() } else { joined }
}

fn endpoint_slice(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::EndpointSlice(eps) = obj else {
        return None;
    };
    let mut ports: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for port in eps.ports.iter().flatten() {
        if ports.len() < 3 {
            let text = match (port.port, port.name.as_ref()) {
                (Some(p), _) => p.to_string(),
                (None, Some(name)) => name.clone(),
                (None, None) => "*".to_string(),
            };
            ports.push(text);
        } else if ports.len() == 3 {
            more = true;
        }
        count += 1;
    }
    let ports_text = list_with_more(&ports, more, count);
    let mut addresses: Vec<String> = Vec::new();
    let mut more = false;
    let mut count = 0;
    for endpoint in eps.endpoints.iter().flatten() {
        for address in &endpoint.addresses {
            if addresses.len() < 3 {
                addresses.push(address.clone());
            } else if addresses.len() == 3 {
                more = true;
            }
            count += 1;
        }
    }
    Some(vec![
        obj.name().to_string(),
        eps.address_type.clone(),
        ports_text,
        list_with_more(&addresses, more, count),
        age(obj, now),
    ])
}
