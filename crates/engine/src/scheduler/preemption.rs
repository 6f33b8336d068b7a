//! DefaultPreemption's dry run: after a FitError, would evicting lower-priority pods make room? It yields
//! either the text that follows `preemption:` in the FailedScheduling message, or the node to nominate and
//! the pods to evict.
//!
//! Follows `pkg/scheduler/framework/preemption/preemption.go` (`Preempt`, `findCandidates`,
//! `nodesWherePreemptionMightHelp`, `DryRunPreemption`, `pickOneNodeForPreemption`) and
//! `pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go` (`PodEligibleToPreemptOthers`,
//! `SelectVictimsOnNode`). PodDisruptionBudgets are not modelled (no candidate ever violates one), the
//! candidate search starts at offset 0 instead of a random one, and ties fall to the first node in name order.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::cache::{NodeInfo, PodFacts};
use super::{Code, PodInfo, Rejection, run_filters};

/// Status message of a node with no lower-priority pods.
pub const NO_VICTIMS: &str = "No preemption victims found for incoming pod";
/// Status of the nodes where preemption cannot help (rejected by an unresolvable filter).
pub const NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
/// `PodEligibleToPreemptOthers` for `preemptionPolicy: Never`.
pub const NOT_ELIGIBLE_NEVER: &str = "not eligible due to preemptionPolicy=Never.";

/// What preemption would do: nominate `node` for the pod and evict `victims` (pod keys, most important
/// first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Preemption {
    pub node: String,
    pub victims: Vec<String>,
}

pub(crate) enum Outcome {
    /// PostFilter's message (without the `preemption: ` prefix).
    Failed(String),
    Nominate(Preemption),
}

/// `minCandidateNodesPercentage` / `minCandidateNodesAbsolute` (`GetOffsetAndNumCandidates`).
fn num_candidates(potential: usize) -> usize {
    (potential * 10 / 100).max(100).min(potential)
}

/// `MoreImportantPod`: higher priority first, then the one that started earlier; a pod with no start time
/// counts as starting now (latest).
fn more_important_first(a: &Arc<PodFacts>, b: &Arc<PodFacts>) -> Ordering {
    b.priority.cmp(&a.priority).then_with(|| compare_start(&a.start_time, &b.start_time))
}

fn compare_start(a: &Option<Time>, b: &Option<Time>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `SelectVictimsOnNode`: remove every lower-priority pod; if the pod then fits, add them back one by one
/// (most important first) and keep those it still fits with. `Err` carries the node's status reasons.
fn select_victims(pod: &PodInfo<'_>, node: &NodeInfo) -> Result<Vec<Arc<PodFacts>>, Vec<String>> {
    let mut lower: Vec<Arc<PodFacts>> =
        node.pods.values().filter(|p| p.priority < pod.facts.priority).cloned().collect();
    if lower.is_empty() {
        return Err(vec![NO_VICTIMS.to_string()]);
    }
    let mut trial = node.clone();
    for p in &lower {
        trial.remove_pod(&p.key);
    }
    if let Err(rejection) = run_filters(pod, &trial) {
        return Err(rejection.reasons);
    }
    lower.sort_by(more_important_first);
    let mut victims = Vec::new();
    for p in lower {
        trial.add_pod(p.clone());
        if run_filters(pod, &trial).is_err() {
            trial.remove_pod(&p.key);
            victims.push(p);
        }
    }
    if victims.is_empty() {
        // Upstream reports an internal error here ("expected at least one victim pod"); it cannot happen for
        // a node rejected by a resolvable filter.
        return Err(vec![NO_VICTIMS.to_string()]);
    }
    Ok(victims)
}

struct Candidate<'n> {
    node: &'n NodeInfo,
    victims: Vec<Arc<PodFacts>>,
}

/// `pickOneNodeForPreemption` without PDBs: lowest highest-victim priority, then lowest priority sum, then
/// fewest victims, then the latest start among the highest-priority victims, then the first.
fn pick_one<'a, 'n>(candidates: &'a [Candidate<'n>]) -> Option<&'a Candidate<'n>> {
    let highest = |c: &Candidate<'_>| c.victims.first().map(|v| v.priority).unwrap_or(i32::MIN);
    let sum =
        |c: &Candidate<'_>| -> i64 { c.victims.iter().map(|v| i64::from(v.priority) + i64::from(i32::MAX) + 1).sum() };
    let earliest_of_highest = |c: &Candidate<'_>| -> Option<Time> {
        let top = highest(c);
        // `None` (no start time) is "now": later than any recorded start.
        c.victims.iter().filter(|v| v.priority == top).map(|v| v.start_time.clone()).min_by(compare_start).flatten()
    };
    let mut best: Option<&Candidate<'n>> = None;
    for c in candidates {
        let better = match best {
            None => true,
            Some(b) => highest(c)
                .cmp(&highest(b))
                .then_with(|| sum(c).cmp(&sum(b)))
                .then_with(|| c.victims.len().cmp(&b.victims.len()))
                .then_with(|| compare_start(&earliest_of_highest(b), &earliest_of_highest(c)))
                .is_lt(),
        };
        if better {
            best = Some(c);
        }
    }
    best
}

/// `Evaluator.Preempt` for a pod that fit no node; `rejections[i]` is why `nodes[i]` was filtered out.
pub(crate) fn preempt(pod: &PodInfo<'_>, nodes: &[&NodeInfo], rejections: &[Option<&Rejection>]) -> Outcome {
    if pod.preemption_never {
        return Outcome::Failed(NOT_ELIGIBLE_NEVER.to_string());
    }
    let potential: Vec<usize> = rejections
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_some_and(|r| r.code == Code::Unschedulable))
        .map(|(i, _)| i)
        .collect();
    let wanted = num_candidates(potential.len());
    let mut statuses: Vec<Vec<String>> = Vec::new();
    let mut candidates: Vec<Candidate<'_>> = Vec::new();
    for i in potential {
        let Some(node) = nodes.get(i) else { continue };
        match select_victims(pod, node) {
            Ok(victims) => {
                candidates.push(Candidate { node, victims });
                if candidates.len() >= wanted {
                    break;
                }
            }
            Err(reasons) => statuses.push(reasons),
        }
    }
    if let Some(best) = pick_one(&candidates) {
        return Outcome::Nominate(Preemption {
            node: best.node.name().to_string(),
            victims: best.victims.iter().map(|v| v.key.clone()).collect(),
        });
    }
    // A FitError over the dry run's statuses; nodes without one were never candidates.
    let mut histogram: BTreeMap<String, usize> = BTreeMap::new();
    for reasons in &statuses {
        for r in reasons {
            *histogram.entry(r.clone()).or_insert(0) += 1;
        }
    }
    let absent = nodes.len().saturating_sub(statuses.len());
    if absent > 0 {
        *histogram.entry(NOT_HELPFUL.to_string()).or_insert(0) += absent;
    }
    Outcome::Failed(super::fit_error_text(nodes.len(), None, &histogram))
}
