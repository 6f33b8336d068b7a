//! Tables for Ingresses and IngressClasses (`printIngress`, `formatHosts`, `printIngressClass`).

use std::collections::BTreeSet;

use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col};

pub(crate) const INGRESS: Printer = Printer { columns: INGRESS_COLUMNS, row: ingress };
pub(crate) const INGRESS_CLASS: Printer = Printer { columns: CLASS_COLUMNS, row: ingress_class };

const INGRESS_COLUMNS: &[Column] = &[NAME, col("Class"), col("Hosts"), col("Address"), col("Ports"), col("Age")];
const CLASS_COLUMNS: &[Column] = &[NAME, col("Controller"), col("Parameters"), col("Age")];

fn ingress(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::Ingress(ing) = obj else {
        return None;
    };
    let spec = ing.spec.as_ref();
    let rules = spec.and_then(|s| s.rules.as_deref()).unwrap_or(&[]);
    // formatHosts: the first three non-empty hosts, `*` when none, `+ N more...` counting every rule.
    let mut hosts: Vec<&str> = Vec::new();
    let mut more = false;
    for rule in rules {
        if hosts.len() == 3 {
            more = true;
        }
        if let Some(host) = rule.host.as_deref().filter(|h| !h.is_empty())
            && !more
        {
            hosts.push(host);
        }
    }
    let hosts_text = if hosts.is_empty() {
        "*".to_string()
    } else if more {
        format!("{} + {} more...", hosts.join(","), rules.len() - 3)
    } else {
        hosts.join(",")
    };
    let mut addresses = BTreeSet::new();
    let lb = ing.status.as_ref().and_then(|s| s.load_balancer.as_ref()).and_then(|lb| lb.ingress.as_deref());
    for i in lb.unwrap_or(&[]) {
        if let Some(ip) = i.ip.as_ref().filter(|ip| !ip.is_empty()) {
            addresses.insert(ip.clone());
        } else if let Some(host) = i.hostname.as_ref().filter(|h| !h.is_empty()) {
            addresses.insert(host.clone());
        }
    }
    let tls = spec.and_then(|s| s.tls.as_ref()).is_some_and(|t| !t.is_empty());
    Some(vec![
        obj.name().to_string(),
        spec.and_then(|s| s.ingress_class_name.clone()).unwrap_or_else(|| "<none>".to_string()),
        hosts_text,
        addresses.into_iter().collect::<Vec<_>>().join(","),
        if tls { "80, 443" } else { "80" }.to_string(),
        age(obj, now),
    ])
}

fn ingress_class(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let Object::IngressClass(ic) = obj else {
        return None;
    };
    let spec = ic.spec.as_ref();
    let parameters = match spec.and_then(|s| s.parameters.as_ref()) {
        Some(p) => {
            let kind = match p.api_group.as_ref() {
                Some(group) => format!("{}.{group}", p.kind),
                None => p.kind.clone(),
            };
            format!("{kind}/{}", p.name)
        }
        None => "<none>".to_string(),
    };
    Some(vec![
        obj.name().to_string(),
        spec.and_then(|s| s.controller.clone()).unwrap_or_default(),
        parameters,
        age(obj, now),
    ])
}
