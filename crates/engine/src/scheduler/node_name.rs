//! NodeName filter: a pod that names a node (`spec.nodeName`) fits only that node.
//!
//! Follows `pkg/scheduler/framework/plugins/nodename/node_name.go`. (Pods created with `spec.nodeName` skip
//! the scheduler entirely; this filter matters for pods handed to `schedule_one` anyway.)

use super::cache::NodeFacts;
use super::{Code, PodInfo, Rejection};

pub const NAME: &str = "NodeName";
/// `ErrReason`.
pub const ERR_REASON: &str = "node(s) didn't match the requested node name";

pub(crate) fn filter(pod: &PodInfo<'_>, node: &NodeFacts) -> Result<(), Rejection> {
    if pod.node_name.is_empty() || pod.node_name == node.name {
        return Ok(());
    }
    Err(Rejection::new(NAME, Code::UnschedulableAndUnresolvable, ERR_REASON))
}
