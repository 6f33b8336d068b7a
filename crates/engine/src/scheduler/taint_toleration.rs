//! TaintToleration: filters out nodes with a `NoSchedule`/`NoExecute` taint the pod does not tolerate, and
//! scores nodes by how few `PreferNoSchedule` taints the pod fails to tolerate.
//!
//! Follows `pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go`, with toleration matching
//! from `staging/src/k8s.io/api/core/v1/toleration.go` (`ToleratesTaint`) and
//! `pkg/apis/core/v1/helper/helpers.go` (`FindMatchingUntoleratedTaint`). The filter message is the current
//! one without the taint's key and value (`node(s) had untolerated taint(s)`).

use k8s_openapi::api::core::v1::{Taint, Toleration};

use super::cache::NodeFacts;
use super::{Code, PodInfo, Rejection};

pub const NAME: &str = "TaintToleration";
/// `ErrReasonNotMatch`.
pub const ERR_REASON_NOT_MATCH: &str = "node(s) had untolerated taint(s)";

/// `Toleration.ToleratesTaint`: an empty effect matches every effect, an empty key (with `Exists`) every
/// key; `Equal` (or no operator) compares values, `Exists` ignores them.
pub fn tolerates(toleration: &Toleration, taint: &Taint) -> bool {
    let effect = toleration.effect.as_deref().unwrap_or("");
    if !effect.is_empty() && effect != taint.effect {
        return false;
    }
    let key = toleration.key.as_deref().unwrap_or("");
    if !key.is_empty() && key != taint.key {
        return false;
    }
    match toleration.operator.as_deref().unwrap_or("") {
        "" | "Equal" => toleration.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        "Exists" => true,
        _ => false,
    }
}

/// `TolerationsTolerateTaint`.
pub fn tolerations_tolerate_taint(tolerations: &[Toleration], taint: &Taint) -> bool {
    tolerations.iter().any(|t| tolerates(t, taint))
}

/// The first `NoSchedule`/`NoExecute` taint no toleration matches (`FindMatchingUntoleratedTaint` with
/// `DoNotScheduleTaintsFilterFunc`).
pub fn find_untolerated_taint<'t>(taints: &'t [Taint], tolerations: &[Toleration]) -> Option<&'t Taint> {
    taints
        .iter()
        .filter(|t| t.effect == "NoSchedule" || t.effect == "NoExecute")
        .find(|t| !tolerations_tolerate_taint(tolerations, t))
}

pub(crate) fn filter(pod: &PodInfo<'_>, node: &NodeFacts) -> Result<(), Rejection> {
    match find_untolerated_taint(&node.taints, pod.tolerations) {
        None => Ok(()),
        Some(_) => Err(Rejection::new(NAME, Code::UnschedulableAndUnresolvable, ERR_REASON_NOT_MATCH)),
    }
}

/// The raw score: how many `PreferNoSchedule` taints are not tolerated by the pod's tolerations whose
/// effect is empty or `PreferNoSchedule` (`countIntolerableTaintsPreferNoSchedule`). Normalised later
/// in reverse, so fewer is better.
pub fn intolerable_prefer_no_schedule(taints: &[Taint], tolerations: &[Toleration]) -> i64 {
    let relevant: Vec<Toleration> = tolerations
        .iter()
        .filter(|t| matches!(t.effect.as_deref(), None | Some("") | Some("PreferNoSchedule")))
        .cloned()
        .collect();
    taints.iter().filter(|t| t.effect == "PreferNoSchedule" && !tolerations_tolerate_taint(&relevant, t)).count() as i64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::default_normalize_score;

    fn taint(key: &str, value: &str, effect: &str) -> Taint {
        Taint { key: key.into(), value: Some(value.into()), effect: effect.into(), ..Default::default() }
    }

    fn toleration(key: &str, op: &str, value: &str, effect: &str) -> Toleration {
        Toleration {
            key: Some(key.into()),
            operator: Some(op.into()),
            value: Some(value.into()),
            effect: Some(effect.into()),
            ..Default::default()
        }
    }

    fn scores(nodes: &[Vec<Taint>], tolerations: &[Toleration]) -> Vec<i64> {
        let mut s: Vec<i64> = nodes.iter().map(|t| intolerable_prefer_no_schedule(t, tolerations)).collect();
        default_normalize_score(100, true, &mut s);
        s
    }

    /// `TestTaintTolerationScore` in taint_toleration_test.go.
    #[test]
    fn score_cases_from_upstream() {
        // "node with taints tolerated by the pod, gets a higher score than those node with intolerable taints"
        let tol = [toleration("foo", "Equal", "bar", "PreferNoSchedule")];
        let nodes = vec![vec![taint("foo", "bar", "PreferNoSchedule")], vec![taint("foo", "blah", "PreferNoSchedule")]];
        assert_eq!(scores(&nodes, &tol), vec![100, 0]);

        // "the nodes that all of their taints are tolerated by the pod, get the same score, no matter how many
        // tolerable taints a node has"
        let tol = [
            toleration("cpu-type", "Equal", "arm64", "PreferNoSchedule"),
            toleration("disk-type", "Equal", "ssd", "PreferNoSchedule"),
        ];
        let nodes = vec![
            vec![],
            vec![taint("cpu-type", "arm64", "PreferNoSchedule")],
            vec![taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule")],
        ];
        assert_eq!(scores(&nodes, &tol), vec![100, 100, 100]);

        // "the more intolerable taints a node has, the lower score it gets."
        let tol = [toleration("foo", "Equal", "bar", "PreferNoSchedule")];
        let nodes = vec![
            vec![],
            vec![taint("cpu-type", "arm64", "PreferNoSchedule")],
            vec![taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule")],
        ];
        assert_eq!(scores(&nodes, &tol), vec![100, 50, 0]);

        // "only taints and tolerations that have effect PreferNoSchedule are checked by prioritizeTaints"
        let tol = [
            toleration("cpu-type", "Equal", "arm64", "NoSchedule"),
            toleration("disk-type", "Equal", "ssd", "NoSchedule"),
        ];
        let nodes = vec![
            vec![],
            vec![taint("cpu-type", "arm64", "NoSchedule")],
            vec![taint("cpu-type", "arm64", "PreferNoSchedule"), taint("disk-type", "ssd", "PreferNoSchedule")],
        ];
        assert_eq!(scores(&nodes, &tol), vec![100, 100, 0]);

        // "Default behaviour No taints and tolerations, lands on node with no taints"
        let nodes = vec![vec![], vec![taint("cpu-type", "arm64", "PreferNoSchedule")]];
        assert_eq!(scores(&nodes, &[]), vec![100, 0]);
    }

    /// `TestTaintTolerationFilter` in taint_toleration_test.go.
    #[test]
    fn filter_cases_from_upstream() {
        let dedicated = [taint("dedicated", "user1", "NoSchedule")];
        // "A pod having no tolerations can't be scheduled onto a node with nonempty taints"
        assert!(find_untolerated_taint(&dedicated, &[]).is_some());
        // "A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule"
        assert!(
            find_untolerated_taint(&dedicated, &[toleration("dedicated", "Equal", "user1", "NoSchedule")]).is_none()
        );
        // "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule"
        assert!(
            find_untolerated_taint(&dedicated, &[toleration("dedicated", "Equal", "user2", "NoSchedule")]).is_some()
        );
        // "A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the
        // taints on the node"
        let foo = [taint("foo", "bar", "NoSchedule")];
        assert!(find_untolerated_taint(&foo, &[toleration("foo", "Exists", "", "NoSchedule")]).is_none());
        // "A pod has multiple tolerations, node has multiple taints, all the taints are tolerated"
        let both = [taint("dedicated", "user2", "NoSchedule"), taint("foo", "bar", "NoSchedule")];
        let tols =
            [toleration("dedicated", "Equal", "user2", "NoSchedule"), toleration("foo", "Exists", "", "NoSchedule")];
        assert!(find_untolerated_taint(&both, &tols).is_none());
        // "A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect
        // doesn't match, can't be scheduled onto the node"
        assert!(find_untolerated_taint(&foo, &[toleration("foo", "Equal", "bar", "PreferNoSchedule")]).is_some());
        // "The pod has a toleration that keys and values match the taint on the node, the effect of
        // toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node"
        assert!(find_untolerated_taint(&foo, &[toleration("foo", "Equal", "bar", "")]).is_none());
        // "The pod has a toleration that key and value don't match the taint on the node, but the effect of
        // taint on node is PreferNoSchedule. Pod can be scheduled onto the node"
        let pref = [taint("dedicated", "user1", "PreferNoSchedule")];
        assert!(find_untolerated_taint(&pref, &[toleration("dedicated", "Equal", "user2", "NoSchedule")]).is_none());
        // "The pod has no toleration, but the effect of taint on node is PreferNoSchedule. Pod can be
        // scheduled onto the node"
        assert!(find_untolerated_taint(&pref, &[]).is_none());
        // An empty key with Exists tolerates everything.
        let all = Toleration { operator: Some("Exists".into()), ..Default::default() };
        assert!(find_untolerated_taint(&both, &[all]).is_none());
    }
}
