//! NodeResourcesBalancedAllocation: favours nodes whose cpu and memory use become more even with the pod.
//!
//! Follows `pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go` and
//! `resource_allocation.go`: real requests (no 100m / 200Mi defaults), best-effort pods skip the plugin,
//! fractions capped at 1, `std = |f1 − f2| / 2` for two resources (population std for more), and the
//! v1.36+ formula of kubernetes/kubernetes#135573, which scores the *change* in balance: with
//! `s = int((1 − std) × 100)` computed with and without the pod, `score = 50 + (50 + s_with − s_without) / 2`,
//! so a pod that leaves the balance unchanged scores 75. The float arithmetic is Go's, operation for
//! operation (IEEE-754 `+ − × ÷ sqrt` give the same bits on every target).

use super::cache::NodeInfo;
use super::resources::PodRequests;

pub const NAME: &str = "NodeResourcesBalancedAllocation";

/// `balancedResourceScorer`: 100 × (1 − std of the requested/allocatable fractions), truncated; resources
/// with allocatable 0 are left out.
pub fn balanced_resource_score(requested: &[i64], allocatable: &[i64]) -> i64 {
    let mut fractions: Vec<f64> = Vec::with_capacity(requested.len());
    let mut total = 0.0f64;
    for (req, alloc) in requested.iter().zip(allocatable) {
        if *alloc == 0 {
            continue;
        }
        let fraction = (*req as f64 / *alloc as f64).min(1.0);
        total += fraction;
        fractions.push(fraction);
    }
    let std = match fractions.len() {
        2 => ((fractions[0] - fractions[1]) / 2.0).abs(),
        n if n > 2 => {
            let mean = total / n as f64;
            let sum: f64 = fractions.iter().map(|f| (f - mean) * (f - mean)).sum();
            (sum / n as f64).sqrt()
        }
        _ => 0.0,
    };
    ((1.0 - std) * 100.0) as i64
}

/// The v1.36+ score from the node's requests without and with the pod.
pub fn balance_change_score(without: &[i64], with: &[i64], allocatable: &[i64]) -> i64 {
    let s_without = balanced_resource_score(without, allocatable);
    let s_with = balanced_resource_score(with, allocatable);
    50 + (50 + s_with - s_without) / 2
}

/// `None` when the plugin skips the pod (a best-effort pod: no cpu or memory request at all).
pub(crate) fn score(pod: &PodRequests, node: &NodeInfo) -> Option<i64> {
    let pod_req = [pod.requests.milli_cpu, pod.requests.memory];
    if pod_req.iter().all(|r| *r == 0) {
        return None;
    }
    let facts = node.node.as_deref()?;
    let without = [node.requested.milli_cpu, node.requested.memory];
    let with = [without[0].saturating_add(pod_req[0]), without[1].saturating_add(pod_req[1])];
    let allocatable = [facts.allocatable.milli_cpu, facts.allocatable.memory];
    Some(balance_change_score(&without, &with, &allocatable))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The std part, from `TestNodeResourcesBalancedAllocation` in balanced_allocation_test.go (scores as
    /// they were up to v1.35, where the score was `balanced_resource_score` of the node with the pod).
    #[test]
    fn std_cases_from_upstream() {
        // "nothing scheduled, resources requested, differently sized nodes": 3000/4000, 5000/10000 → 87;
        // 3000/6000, 5000/10000 → 100
        assert_eq!(balanced_resource_score(&[3000, 5000], &[4000, 10000]), 87);
        assert_eq!(balanced_resource_score(&[3000, 5000], &[6000, 10000]), 100);
        // "resources requested, pods scheduled with resources": 6000/10000, 5000/20000 → 82 (1 − 0.175);
        // 6000/10000, 10000/20000 → 95
        assert_eq!(balanced_resource_score(&[6000, 5000], &[10000, 20000]), 82);
        assert_eq!(balanced_resource_score(&[6000, 10000], &[10000, 20000]), 95);
        // "resources requested, pods scheduled with resources, differently sized nodes": 6000/10000,
        // 10000/50000 → 80
        assert_eq!(balanced_resource_score(&[6000, 10000], &[10000, 50000]), 80);
        // "requested resources at node capacity": fractions capped at 1: 6000/6000, 10000/10000 → 100
        assert_eq!(balanced_resource_score(&[6000, 10000], &[6000, 10000]), 100);
        // "zero node resources, pods scheduled with resources" → no fractions → std 0 → 100
        assert_eq!(balanced_resource_score(&[6000, 10000], &[0, 0]), 100);
        // Three resources (the DRA case of kubernetes/kubernetes#135484): fractions 0.8571, 0, 0.125 → 62.
        assert_eq!(balanced_resource_score(&[3000, 0, 1], &[3500, 40000, 8]), 62);
    }

    /// The v1.36+ formula with the cases of kubernetes/kubernetes#135573.
    #[test]
    fn change_cases_from_upstream_pr() {
        // "nodes to reach min/max score": node1 has a cpu-only pod filling cpu (3000/3000, memory 0/5000);
        // a memory-only pod (5000) makes it perfectly balanced: 50 → 100, score 100.
        assert_eq!(balance_change_score(&[3000, 0], &[3000, 5000], &[3000, 5000]), 100);
        // node2 is empty and balanced; the memory-only pod unbalances it completely: 100 → 50, score 50.
        assert_eq!(balance_change_score(&[0, 0], &[0, 5000], &[3000, 5000]), 50);
        // Unchanged balance scores 75.
        assert_eq!(balance_change_score(&[1000, 2000], &[2000, 4000], &[4000, 8000]), 75);
        // An unbalanced pod (cpu 50%, memory 0%) on an empty node: 100 → 75, score 62.
        assert_eq!(balance_change_score(&[0, 0], &[3000, 0], &[6000, 10000]), 62);
    }
}
