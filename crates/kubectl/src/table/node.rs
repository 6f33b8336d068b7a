//! The node table: STATUS from the Ready condition plus `SchedulingDisabled` when cordoned, ROLES from the
//! `node-role.kubernetes.io/*` labels (`printNode`, `findNodeRoles`).

use std::collections::BTreeSet;

use k8s_openapi::api::core::v1::Node;
use kubeplay_engine::{Object, SimTime};

use super::{Column, NAME, Printer, age, col, wide};

pub(crate) const PRINTER: Printer = Printer { columns: COLUMNS, row };

const COLUMNS: &[Column] = &[
    NAME,
    col("Status"),
    col("Roles"),
    col("Age"),
    col("Version"),
    wide("Internal-IP"),
    wide("External-IP"),
    wide("OS-Image"),
    wide("Kernel-Version"),
    wide("Container-Runtime"),
];

/// The roles a node's labels give it, sorted: `node-role.kubernetes.io/<role>` keys and the legacy
/// `kubernetes.io/role=<role>` label.
pub fn node_roles(node: &Node) -> Vec<String> {
    let mut roles = BTreeSet::new();
    for (key, value) in node.metadata.labels.iter().flatten() {
        if let Some(role) = key.strip_prefix("node-role.kubernetes.io/") {
            if !role.is_empty() {
                roles.insert(role.to_string());
            }
        } else if key == "kubernetes.io/role" && !value.is_empty() {
            roles.insert(value.clone());
        }
    }
    roles.into_iter().collect()
}

fn address(node: &Node, type_: &str) -> String {
    node.status
        .as_ref()
        .and_then(|s| s.addresses.as_ref())
        .and_then(|a| a.iter().find(|a| a.type_ == type_))
        .map(|a| a.address.clone())
        .unwrap_or_else(|| "<none>".to_string())
}

fn row(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let node = obj.as_node()?;
    let status = node.status.as_ref();
    // Only the last Ready condition counts, as the server's condition map keeps the last of each type.
    let ready = status.and_then(|s| s.conditions.as_ref()).and_then(|c| c.iter().rev().find(|c| c.type_ == "Ready"));
    let mut state = vec![match ready {
        Some(c) if c.status == "True" => "Ready".to_string(),
        Some(_) => "NotReady".to_string(),
        None => "Unknown".to_string(),
    }];
    if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        state.push("SchedulingDisabled".to_string());
    }
    let roles = node_roles(node);
    let info = status.and_then(|s| s.node_info.as_ref());
    let or_unknown = |s: Option<&String>| s.filter(|s| !s.is_empty()).cloned().unwrap_or_else(|| "<unknown>".into());
    Some(vec![
        obj.name().to_string(),
        state.join(","),
        if roles.is_empty() { "<none>".to_string() } else { roles.join(",") },
        age(obj, now),
        info.map(|i| i.kubelet_version.clone()).unwrap_or_default(),
        address(node, "InternalIP"),
        address(node, "ExternalIP"),
        or_unknown(info.map(|i| &i.os_image)),
        or_unknown(info.map(|i| &i.kernel_version)),
        or_unknown(info.map(|i| &i.container_runtime_version)),
    ])
}
