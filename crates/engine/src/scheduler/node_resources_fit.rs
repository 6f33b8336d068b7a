//! NodeResourcesFit: the filter (requests must fit in allocatable minus what the node's pods request, and
//! the node must have room for one more pod) and the default `LeastAllocated` score.
//!
//! Follows `pkg/scheduler/framework/plugins/noderesources/fit.go` (`fitsRequest`: `Too many pods` first,
//! then cpu, memory, ephemeral-storage, then scalar resources; a zero request always fits),
//! `least_allocated.go` and `resource_allocation.go` (scores from non-zero requests, 100m / 200Mi for
//! containers without requests; a resource the node does not have is left out with its weight).

use super::cache::NodeInfo;
use super::resources::PodRequests;
use super::{Code, Rejection};

pub const NAME: &str = "NodeResourcesFit";

/// `MaxNodeScore`.
const MAX_NODE_SCORE: i64 = 100;

/// The reasons a node lacks room for the pod, in upstream order (scalar resources by name).
pub(crate) fn insufficient_resources(pod: &PodRequests, node: &NodeInfo) -> Vec<String> {
    let mut reasons = Vec::new();
    let Some(facts) = node.node.as_deref() else {
        return reasons;
    };
    let alloc = &facts.allocatable;
    let used = &node.requested;
    if node.pods.len() as i64 + 1 > alloc.allowed_pod_number {
        reasons.push("Too many pods".to_string());
    }
    let req = &pod.requests;
    if req.milli_cpu == 0 && req.memory == 0 && req.ephemeral_storage == 0 && req.scalar.values().all(|v| *v == 0) {
        return reasons;
    }
    if req.milli_cpu > 0 && req.milli_cpu > alloc.milli_cpu.saturating_sub(used.milli_cpu) {
        reasons.push("Insufficient cpu".to_string());
    }
    if req.memory > 0 && req.memory > alloc.memory.saturating_sub(used.memory) {
        reasons.push("Insufficient memory".to_string());
    }
    if req.ephemeral_storage > 0
        && req.ephemeral_storage > alloc.ephemeral_storage.saturating_sub(used.ephemeral_storage)
    {
        reasons.push("Insufficient ephemeral-storage".to_string());
    }
    for (name, quantity) in &req.scalar {
        if *quantity == 0 {
            continue;
        }
        if *quantity > alloc.get(name).saturating_sub(used.get(name)) {
            reasons.push(format!("Insufficient {name}"));
        }
    }
    reasons
}

pub(crate) fn filter(pod: &PodRequests, node: &NodeInfo) -> Result<(), Rejection> {
    let reasons = insufficient_resources(pod, node);
    if reasons.is_empty() { Ok(()) } else { Err(Rejection { plugin: NAME, code: Code::Unschedulable, reasons }) }
}

/// `leastRequestedScore`: the free share of one resource, 0..100.
pub fn least_requested_score(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested).saturating_mul(MAX_NODE_SCORE) / capacity
}

/// `leastResourceScorer`: the weighted mean of the per-resource scores, skipping resources whose
/// allocatable is 0 together with their weight.
pub fn least_allocated_score(requested: &[i64], allocatable: &[i64], weights: &[i64]) -> i64 {
    let mut node_score = 0i64;
    let mut weight_sum = 0i64;
    for ((req, alloc), weight) in requested.iter().zip(allocatable).zip(weights) {
        if *alloc == 0 {
            continue;
        }
        node_score += least_requested_score(*req, *alloc) * weight;
        weight_sum += weight;
    }
    if weight_sum == 0 { 0 } else { node_score / weight_sum }
}

/// The score for one node with the default resources (cpu and memory, weight 1 each).
pub(crate) fn score(pod: &PodRequests, node: &NodeInfo) -> i64 {
    let Some(facts) = node.node.as_deref() else {
        return 0;
    };
    let requested = [
        node.non_zero_milli_cpu.saturating_add(pod.non_zero_milli_cpu),
        node.non_zero_memory.saturating_add(pod.non_zero_memory),
    ];
    let allocatable = [facts.allocatable.milli_cpu, facts.allocatable.memory];
    least_allocated_score(&requested, &allocatable, &[1, 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `TestLeastAllocatedScoringStrategy` in least_allocated_test.go (node totals already include the pod).
    #[test]
    fn least_allocated_cases_from_upstream() {
        // "nothing scheduled, nothing requested": cpu 0/4000, memory 0/10000 → 100
        assert_eq!(least_allocated_score(&[0, 0], &[4000, 10000], &[1, 1]), 100);
        // "nothing scheduled, resources requested, differently sized nodes": 3000/4000, 5000/10000 → (25+50)/2
        assert_eq!(least_allocated_score(&[3000, 5000], &[4000, 10000], &[1, 1]), 37);
        // ... node2: 3000/6000, 5000/10000 → 50
        assert_eq!(least_allocated_score(&[3000, 5000], &[6000, 10000], &[1, 1]), 50);
        // "no resources requested, pods scheduled with resources": 6000/10000, 0/20000 → (40+100)/2
        assert_eq!(least_allocated_score(&[6000, 0], &[10000, 20000], &[1, 1]), 70);
        // ... node2: 6000/10000, 5000/20000 → (40+75)/2
        assert_eq!(least_allocated_score(&[6000, 5000], &[10000, 20000], &[1, 1]), 57);
        // "resources requested, pods scheduled with resources": 6000/10000, 10000/20000 → (40+50)/2
        assert_eq!(least_allocated_score(&[6000, 10000], &[10000, 20000], &[1, 1]), 45);
        // "requested resources exceed node capacity": 6000/4000 → 0, 5000/10000 → 50 → 25
        assert_eq!(least_allocated_score(&[6000, 5000], &[4000, 10000], &[1, 1]), 25);
        // "zero node resources, pods scheduled with resources" → 0
        assert_eq!(least_allocated_score(&[6000, 5000], &[0, 0], &[1, 1]), 0);
        // Our own: weights (cpu 2, memory 1): (25×2 + 50×1) / 3, and a resource with no allocatable skipped
        // together with its weight.
        assert_eq!(least_allocated_score(&[3000, 5000], &[4000, 10000], &[2, 1]), 33);
        assert_eq!(least_allocated_score(&[3000, 5000], &[4000, 0], &[1, 1]), 25);
    }
}
