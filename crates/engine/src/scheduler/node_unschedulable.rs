//! NodeUnschedulable filter: a cordoned node (`spec.unschedulable`) takes only pods that tolerate the
//! `node.kubernetes.io/unschedulable:NoSchedule` taint.
//!
//! Follows `pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go`.

use k8s_openapi::api::core::v1::Taint;

use super::cache::NodeFacts;
use super::taint_toleration::tolerations_tolerate_taint;
use super::{Code, PodInfo, Rejection};

pub const NAME: &str = "NodeUnschedulable";
/// `ErrReasonUnschedulable`.
pub const ERR_REASON_UNSCHEDULABLE: &str = "node(s) were unschedulable";

pub(crate) fn filter(pod: &PodInfo<'_>, node: &NodeFacts) -> Result<(), Rejection> {
    if !node.unschedulable {
        return Ok(());
    }
    let taint = Taint {
        key: "node.kubernetes.io/unschedulable".to_string(),
        effect: "NoSchedule".to_string(),
        ..Default::default()
    };
    if tolerations_tolerate_taint(pod.tolerations, &taint) {
        return Ok(());
    }
    Err(Rejection::new(NAME, Code::UnschedulableAndUnresolvable, ERR_REASON_UNSCHEDULABLE))
}
