//! NodePorts filter: a host port the pod asks for must be free on the node (same protocol and port, and an
//! overlapping host IP, where `0.0.0.0` overlaps every address).
//!
//! Follows `pkg/scheduler/framework/plugins/nodeports/node_ports.go` and `framework/types.go`
//! (`HostPortInfo.CheckConflict`). Preemption can help here, so the status is plain `Unschedulable`.

use super::cache::{BIND_ALL_HOST_IP, HostPort, NodeInfo};
use super::{Code, PodInfo, Rejection};

pub const NAME: &str = "NodePorts";
/// `ErrReason`.
pub const ERR_REASON: &str = "node(s) didn't have free ports for the requested pod ports";

/// `HostPortInfo.CheckConflict` for one wanted port.
pub(crate) fn conflicts(node: &NodeInfo, wanted: &HostPort) -> bool {
    if wanted.port <= 0 {
        return false;
    }
    if wanted.ip == BIND_ALL_HOST_IP {
        let from = HostPort { protocol: wanted.protocol.clone(), port: wanted.port, ip: String::new() };
        return node
            .used_ports
            .range(from..)
            .next()
            .is_some_and(|(used, _)| used.protocol == wanted.protocol && used.port == wanted.port);
    }
    [BIND_ALL_HOST_IP, wanted.ip.as_str()].iter().any(|ip| {
        let key = HostPort { protocol: wanted.protocol.clone(), port: wanted.port, ip: (*ip).to_string() };
        node.used_ports.contains_key(&key)
    })
}

pub(crate) fn filter(pod: &PodInfo<'_>, node: &NodeInfo) -> Result<(), Rejection> {
    if pod.facts.host_ports.iter().any(|p| conflicts(node, p)) {
        return Err(Rejection::new(NAME, Code::Unschedulable, ERR_REASON));
    }
    Ok(())
}
