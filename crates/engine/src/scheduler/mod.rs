//! kube-scheduler's default profile as a pure function: given the cache of nodes and bound pods, decide
//! where one pod goes, and explain why.
//!
//! Follows `pkg/scheduler/schedule_one.go` (`schedulePod`, `findNodesThatFitPod`,
//! `findNodesThatPassFilters`, `numFeasibleNodesToFind`, `prioritizeNodes`, `selectHost`),
//! `pkg/scheduler/framework/types.go` (`FitError.Error`, `Diagnosis`) and
//! `pkg/scheduler/framework/plugins/helper/normalize_score.go`, with one file per plugin.
//!
//! Plugins, in upstream order. Filters: NodeUnschedulable, NodeName, TaintToleration, NodeAffinity,
//! NodePorts, NodeResourcesFit (the first that rejects a node is the one reported, as upstream stops
//! there). Scores (weight): TaintToleration (3), NodeAffinity (2), NodeResourcesFit LeastAllocated (1),
//! NodeResourcesBalancedAllocation (1), ImageLocality (1). Not modelled: PodTopologySpread and
//! InterPodAffinity (their counts need label indexes of all pods and, for the system default spreading,
//! the Services and ReplicaSets selecting the pod), the volume plugins, and DynamicResources beyond the
//! "no new claims to deallocate" PostFilter message a pod without claims gets.
//!
//! Determinism: nodes are listed in name order (upstream uses its zone-interleaved node tree), filtering
//! runs sequentially from the rotating start index, and where upstream breaks a score tie at random we
//! choose the **lowest node name** among the highest totals.

pub mod balanced_allocation;
pub mod cache;
pub mod image_locality;
pub mod node_affinity;
pub mod node_name;
pub mod node_ports;
pub mod node_resources_fit;
pub mod node_unschedulable;
pub mod preemption;
pub mod resources;
pub mod taint_toleration;

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Pod, Toleration};
use serde_json::{Map, Value, json};

pub use cache::SchedulerCache;
pub use preemption::Preemption;
pub use resources::{PodRequests, Resources, pod_requests};

use cache::{NodeInfo, PodFacts};
use node_affinity::{PodNodeAffinity, PreFilter};

/// `framework.MaxNodeScore`.
pub const MAX_NODE_SCORE: i64 = 100;
/// `ErrNoNodesAvailable`: the message when the cluster has no nodes at all.
pub const ERR_NO_NODES_AVAILABLE: &str = "no nodes available to schedule pods";
/// DynamicResources' PostFilter message for a pod without resource claims.
pub const NO_NEW_CLAIMS_TO_DEALLOCATE: &str = "no new claims to deallocate";

/// Whether preemption could help on a node that a filter rejected (`framework.Code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    /// Evicting pods may make room (NodeResourcesFit, NodePorts).
    Unschedulable,
    /// Nothing about other pods would change it (taints, affinity, cordon, node name).
    UnschedulableAndUnresolvable,
}

/// Why a filter plugin rejected a node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    pub plugin: &'static str,
    pub code: Code,
    pub reasons: Vec<String>,
}

impl Rejection {
    pub(crate) fn new(plugin: &'static str, code: Code, reason: &str) -> Rejection {
        Rejection { plugin, code, reasons: vec![reason.to_string()] }
    }
}

/// The profile's settings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// `percentageOfNodesToScore`; 0 = adaptive (50% − nodes/125, at least 5%).
    pub percentage_of_nodes_to_score: u32,
    /// Whether the DynamicResources plugin is enabled (the default since v1.34): its PostFilter adds
    /// `no new claims to deallocate, ` before `preemption:` in FailedScheduling messages.
    pub dynamic_resources: bool,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig { percentage_of_nodes_to_score: 0, dynamic_resources: true }
    }
}

/// One score plugin's normalised score (0..=100) for a node, and its weight.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PluginScore {
    pub plugin: &'static str,
    pub score: i64,
    pub weight: i64,
}

/// What happened to one node in a scheduling cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeVerdict {
    pub name: String,
    /// False for nodes the cycle never looked at because enough feasible nodes had been found.
    pub evaluated: bool,
    pub feasible: bool,
    /// The filter plugin that rejected the node (the first one in plugin order).
    pub rejected_by: Option<&'static str>,
    pub reasons: Vec<String>,
    pub scored: bool,
    /// Per score plugin, in upstream plugin order; plugins that skip the pod are absent.
    pub scores: Vec<PluginScore>,
    /// Σ score × weight (0 when not scored).
    pub total: i64,
}

/// The outcome of one scheduling cycle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    /// The node to bind to, or `None` when the pod is unschedulable.
    pub selected: Option<String>,
    /// Every known node, in name order.
    pub nodes: Vec<NodeVerdict>,
    /// Pass this to the next `schedule_one` call (upstream's `nextStartNodeIndex`).
    pub next_start_index: usize,
    /// How many nodes the cluster has (the `N` of `0/N nodes are available`).
    pub num_all_nodes: usize,
    /// Nodes that were filtered (feasible or rejected), as upstream's `EvaluatedNodes`.
    pub evaluated_nodes: usize,
    pub feasible_nodes: usize,
    /// Set when a PreFilter rejected the pod outright (`pod affinity terms conflict`).
    pub pre_filter_message: Option<String>,
    /// What PostFilter added after a FitError (`no new claims to deallocate, preemption: 0/3 ...`); `None`
    /// when scheduled or when preemption found room.
    pub post_filter_message: Option<String>,
    /// When the pod fit nowhere but evicting lower-priority pods would make room: the node to nominate
    /// (`status.nominatedNodeName`) and the victims.
    pub preemption: Option<Preemption>,
}

/// The incoming pod, digested once per cycle.
pub(crate) struct PodInfo<'a> {
    pub facts: PodFacts,
    pub tolerations: &'a [Toleration],
    pub node_name: &'a str,
    pub affinity: PodNodeAffinity,
    pub images: Vec<String>,
    pub preemption_never: bool,
}

impl<'a> PodInfo<'a> {
    pub fn new(pod: &'a Pod) -> PodInfo<'a> {
        let spec = pod.spec.as_ref();
        PodInfo {
            facts: PodFacts::from_pod(pod),
            tolerations: spec.and_then(|s| s.tolerations.as_deref()).unwrap_or(&[]),
            node_name: spec.and_then(|s| s.node_name.as_deref()).unwrap_or(""),
            affinity: PodNodeAffinity::from_pod(pod),
            images: image_locality::pod_images(pod),
            preemption_never: spec.and_then(|s| s.preemption_policy.as_deref()) == Some("Never"),
        }
    }
}

/// Runs the filter plugins in order and stops at the first rejection (`RunFilterPlugins`).
pub(crate) fn run_filters(pod: &PodInfo<'_>, node: &NodeInfo) -> Result<(), Rejection> {
    let Some(facts) = node.node.as_deref() else {
        return Err(Rejection::new("", Code::UnschedulableAndUnresolvable, "node(s) had unknown conditions"));
    };
    node_unschedulable::filter(pod, facts)?;
    node_name::filter(pod, facts)?;
    taint_toleration::filter(pod, facts)?;
    node_affinity::filter(pod, facts)?;
    node_ports::filter(pod, node)?;
    node_resources_fit::filter(&pod.facts.requests, node)?;
    Ok(())
}

/// Whether `pod` passes every filter on `node` as the cluster stands (the question the DaemonSet controller
/// and kubelet admission ask). `Err` names the plugin and its reasons; an unknown node is rejected.
pub fn fits_node(cache: &SchedulerCache, pod: &Pod, node: &str) -> Result<(), Rejection> {
    let Some(info) = cache.node_info(node) else {
        return Err(Rejection::new("", Code::UnschedulableAndUnresolvable, "node not found"));
    };
    run_filters(&PodInfo::new(pod), info)
}

/// `numFeasibleNodesToFind`: every node below 100 nodes; otherwise the percentage (adaptive when 0:
/// `50 − n/125`, at least 5%) of the nodes, at least 100.
pub fn num_feasible_nodes_to_find(percentage_of_nodes_to_score: u32, num_all_nodes: usize) -> usize {
    const MIN_FEASIBLE_NODES_TO_FIND: usize = 100;
    const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND: i64 = 5;
    if num_all_nodes < MIN_FEASIBLE_NODES_TO_FIND || percentage_of_nodes_to_score >= 100 {
        return num_all_nodes;
    }
    let mut percentage = i64::from(percentage_of_nodes_to_score);
    if percentage == 0 {
        percentage = (50 - num_all_nodes as i64 / 125).max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
    }
    let num = (num_all_nodes as i64 * percentage / 100) as usize;
    num.max(MIN_FEASIBLE_NODES_TO_FIND).min(num_all_nodes)
}

/// `helper.DefaultNormalizeScore`: scale to `0..=max` by the highest score, optionally reversed.
pub fn default_normalize_score(max_priority: i64, reverse: bool, scores: &mut [i64]) {
    let max_count = scores.iter().copied().max().unwrap_or(0).max(0);
    if max_count == 0 {
        if reverse {
            scores.iter_mut().for_each(|s| *s = max_priority);
        }
        return;
    }
    for s in scores.iter_mut() {
        let mut v = max_priority * *s / max_count;
        if reverse {
            v = max_priority - v;
        }
        *s = v;
    }
}

/// `0/N nodes are available: <pre-filter message or sorted histogram>.` (`FitError.Error` without the
/// PostFilter part). Histogram entries read `<count> <reason>` and are sorted as strings.
pub(crate) fn fit_error_text(
    num_all_nodes: usize,
    pre_filter: Option<&str>,
    histogram: &BTreeMap<String, usize>,
) -> String {
    let mut msg = format!("0/{num_all_nodes} nodes are available:");
    if let Some(pre) = pre_filter {
        msg.push_str(&format!(" {pre}."));
    } else {
        let mut entries: Vec<String> = histogram.iter().map(|(reason, count)| format!("{count} {reason}")).collect();
        entries.sort();
        if !entries.is_empty() {
            msg.push_str(&format!(" {}.", entries.join(", ")));
        }
    }
    msg
}

fn rejected_verdict(name: &str, rejection: &Rejection) -> NodeVerdict {
    NodeVerdict {
        name: name.to_string(),
        evaluated: true,
        feasible: false,
        rejected_by: Some(rejection.plugin),
        reasons: rejection.reasons.clone(),
        scored: false,
        scores: Vec::new(),
        total: 0,
    }
}

fn plain_verdict(name: &str, evaluated: bool, feasible: bool) -> NodeVerdict {
    NodeVerdict {
        name: name.to_string(),
        evaluated,
        feasible,
        rejected_by: None,
        reasons: Vec::new(),
        scored: false,
        scores: Vec::new(),
        total: 0,
    }
}

/// Score plugins in upstream order with their default weights.
const TAINT_TOLERATION_WEIGHT: i64 = 3;
const NODE_AFFINITY_WEIGHT: i64 = 2;
const NODE_RESOURCES_FIT_WEIGHT: i64 = 1;
const BALANCED_ALLOCATION_WEIGHT: i64 = 1;
const IMAGE_LOCALITY_WEIGHT: i64 = 1;

/// `prioritizeNodes`: every plugin's normalised scores for the feasible nodes, in plugin order.
fn prioritize(cache: &SchedulerCache, pod: &PodInfo<'_>, feasible: &[&NodeInfo]) -> Vec<Vec<PluginScore>> {
    let mut per_node: Vec<Vec<PluginScore>> = vec![Vec::new(); feasible.len()];
    let facts: Vec<&cache::NodeFacts> = feasible.iter().filter_map(|n| n.node.as_deref()).collect();
    if facts.len() != feasible.len() {
        return per_node;
    }
    let mut push = |plugin: &'static str, weight: i64, scores: Vec<i64>| {
        for (slot, score) in per_node.iter_mut().zip(scores) {
            slot.push(PluginScore { plugin, score, weight });
        }
    };

    let mut taints: Vec<i64> =
        facts.iter().map(|n| taint_toleration::intolerable_prefer_no_schedule(&n.taints, pod.tolerations)).collect();
    default_normalize_score(MAX_NODE_SCORE, true, &mut taints);
    push(taint_toleration::NAME, TAINT_TOLERATION_WEIGHT, taints);

    if pod.affinity.preferred.is_some() {
        let mut affinity: Vec<i64> = facts.iter().map(|n| pod.affinity.preferred_score(n)).collect();
        default_normalize_score(MAX_NODE_SCORE, false, &mut affinity);
        push(node_affinity::NAME, NODE_AFFINITY_WEIGHT, affinity);
    }

    let fit: Vec<i64> = feasible.iter().map(|n| node_resources_fit::score(&pod.facts.requests, n)).collect();
    push(node_resources_fit::NAME, NODE_RESOURCES_FIT_WEIGHT, fit);

    let balanced: Option<Vec<i64>> =
        feasible.iter().map(|n| balanced_allocation::score(&pod.facts.requests, n)).collect();
    if let Some(balanced) = balanced {
        push(balanced_allocation::NAME, BALANCED_ALLOCATION_WEIGHT, balanced);
    }

    let total_nodes = cache.node_count();
    let having = |image: &str| cache.image_nodes.get(image).copied().unwrap_or(0);
    let images: Vec<i64> = facts.iter().map(|n| image_locality::score(&pod.images, n, having, total_nodes)).collect();
    push(image_locality::NAME, IMAGE_LOCALITY_WEIGHT, images);

    per_node
}

/// One scheduling cycle for `pod` (`schedulePod`). `start_index` is the previous decision's
/// `next_start_index` (0 at first).
pub fn schedule_one(cache: &SchedulerCache, pod: &Pod, config: &SchedulerConfig, start_index: usize) -> Decision {
    let all: Vec<&NodeInfo> = cache.known_nodes();
    let n = all.len();
    let mut decision = Decision {
        selected: None,
        nodes: Vec::new(),
        next_start_index: start_index,
        num_all_nodes: n,
        evaluated_nodes: 0,
        feasible_nodes: 0,
        pre_filter_message: None,
        post_filter_message: None,
        preemption: None,
    };
    if n == 0 {
        return decision;
    }
    let info = PodInfo::new(pod);
    let mut verdicts: Vec<Option<NodeVerdict>> = vec![None; n];
    let mut rejections: Vec<Option<Rejection>> = vec![None; n];

    // PreFilter: only NodeAffinity narrows the node set (matchFields metadata.name) or rejects outright.
    let candidates: Vec<usize> = match info.affinity.pre_filter() {
        PreFilter::Conflict => {
            let rejection = Rejection::new(
                node_affinity::NAME,
                Code::UnschedulableAndUnresolvable,
                node_affinity::ERR_REASON_CONFLICT,
            );
            decision.pre_filter_message = Some(node_affinity::ERR_REASON_CONFLICT.to_string());
            for i in 0..n {
                rejections[i] = Some(rejection.clone());
            }
            Vec::new()
        }
        PreFilter::Nodes(names) => {
            let absent = Rejection::new(
                node_affinity::NAME,
                Code::UnschedulableAndUnresolvable,
                &format!("node(s) didn't satisfy plugin(s) [{}]", node_affinity::NAME),
            );
            let mut kept = Vec::new();
            for (i, node) in all.iter().enumerate() {
                if names.contains(node.name()) {
                    kept.push(i);
                } else {
                    rejections[i] = Some(absent.clone());
                }
            }
            kept
        }
        PreFilter::Skip | PreFilter::AllNodes => (0..n).collect(),
    };

    // Filter, from the rotating start index, until enough feasible nodes were found. Sequentially, as
    // upstream's loop would run on one worker: once the quota is full, the next feasible node stops the
    // search and is not counted; rejections met before it are.
    let num_to_find = num_feasible_nodes_to_find(config.percentage_of_nodes_to_score, candidates.len());
    let mut feasible: Vec<usize> = Vec::new();
    let mut explicitly_rejected = 0;
    for i in 0..candidates.len() {
        let idx = candidates[(start_index + i) % candidates.len()];
        match run_filters(&info, all[idx]) {
            Ok(()) => {
                if feasible.len() == num_to_find {
                    break;
                }
                feasible.push(idx);
            }
            Err(rejection) => {
                verdicts[idx] = Some(rejected_verdict(all[idx].name(), &rejection));
                rejections[idx] = Some(rejection);
                explicitly_rejected += 1;
            }
        }
    }
    let processed = feasible.len() + explicitly_rejected;
    decision.next_start_index = (start_index + processed) % n;
    decision.evaluated_nodes = processed;
    decision.feasible_nodes = feasible.len();

    // Rejections decided before filtering (PreFilter) also show in the verdicts.
    for i in 0..n {
        if verdicts[i].is_none()
            && let Some(r) = &rejections[i]
        {
            verdicts[i] = Some(rejected_verdict(all[i].name(), r));
        }
    }

    match feasible.len() {
        0 => {
            let refs: Vec<Option<&Rejection>> = rejections.iter().map(|r| r.as_ref()).collect();
            let mut parts: Vec<String> = Vec::new();
            if config.dynamic_resources {
                parts.push(NO_NEW_CLAIMS_TO_DEALLOCATE.to_string());
            }
            match preemption::preempt(&info, &all, &refs) {
                preemption::Outcome::Nominate(p) => decision.preemption = Some(p),
                preemption::Outcome::Failed(msg) => {
                    parts.push(format!("preemption: {msg}"));
                    decision.post_filter_message = Some(parts.join(", "));
                }
            }
        }
        1 => {
            let idx = feasible[0];
            verdicts[idx] = Some(plain_verdict(all[idx].name(), true, true));
            decision.selected = Some(all[idx].name().to_string());
        }
        _ => {
            let nodes: Vec<&NodeInfo> = feasible.iter().map(|&i| all[i]).collect();
            let scores = prioritize(cache, &info, &nodes);
            let mut best: Option<(i64, &str)> = None;
            for (&idx, plugin_scores) in feasible.iter().zip(scores) {
                let total: i64 = plugin_scores.iter().map(|s| s.score * s.weight).sum();
                let name = all[idx].name();
                // Highest total wins; among equals, the lowest node name (our deterministic tie rule).
                if best.is_none_or(|(t, b)| total > t || (total == t && name < b)) {
                    best = Some((total, name));
                }
                verdicts[idx] =
                    Some(NodeVerdict { scored: true, scores: plugin_scores, total, ..plain_verdict(name, true, true) });
            }
            decision.selected = best.map(|(_, name)| name.to_string());
        }
    }

    decision.nodes = verdicts
        .into_iter()
        .enumerate()
        .map(|(i, v)| v.unwrap_or_else(|| plain_verdict(all[i].name(), false, false)))
        .collect();
    decision
}

impl Decision {
    /// The FailedScheduling message exactly as kube-scheduler writes it, or `None` when the pod was
    /// scheduled. For example `0/4 nodes are available: 1 node(s) had untolerated taint(s), 3 Insufficient
    /// cpu. no new claims to deallocate, preemption: 0/4 nodes are available: 1 Preemption is not helpful for
    /// scheduling, 3 No preemption victims found for incoming pod.`
    pub fn fit_error_message(&self) -> Option<String> {
        if self.selected.is_some() {
            return None;
        }
        if self.num_all_nodes == 0 {
            return Some(ERR_NO_NODES_AVAILABLE.to_string());
        }
        let mut histogram: BTreeMap<String, usize> = BTreeMap::new();
        for v in self.nodes.iter().filter(|v| v.evaluated && !v.feasible) {
            for r in &v.reasons {
                *histogram.entry(r.clone()).or_insert(0) += 1;
            }
        }
        let mut msg = fit_error_text(self.num_all_nodes, self.pre_filter_message.as_deref(), &histogram);
        if let Some(post) = &self.post_filter_message {
            msg.push(' ');
            msg.push_str(post);
        }
        Some(msg)
    }

    /// The JSON of `kubeplay explain pod NAME -o json` (cli-contract.md): every node in name order; a
    /// rejected node names the plugin and its reason (several reasons joined by `, `); a feasible node says
    /// whether it was scored, and if so its total and each plugin's normalised score and weight. A node the
    /// cycle never reached (enough feasible nodes were found first) reads `"evaluated": false`.
    pub fn explain_json(&self, pod_key: &str, scheduler: &str) -> Value {
        let nodes: Vec<Value> = self
            .nodes
            .iter()
            .map(|v| {
                let mut o = Map::new();
                o.insert("name".into(), json!(v.name));
                if !v.evaluated {
                    o.insert("evaluated".into(), json!(false));
                    o.insert("scored".into(), json!(false));
                    return Value::Object(o);
                }
                o.insert("feasible".into(), json!(v.feasible));
                if !v.feasible {
                    o.insert("rejectedBy".into(), json!(v.rejected_by.unwrap_or("")));
                    o.insert("reason".into(), json!(v.reasons.join(", ")));
                    return Value::Object(o);
                }
                o.insert("scored".into(), json!(v.scored));
                if v.scored {
                    o.insert("total".into(), json!(v.total));
                    let scores: Map<String, Value> = v
                        .scores
                        .iter()
                        .map(|s| (s.plugin.to_string(), json!({"score": s.score, "weight": s.weight})))
                        .collect();
                    o.insert("scores".into(), Value::Object(scores));
                }
                Value::Object(o)
            })
            .collect();
        let mut top = Map::new();
        top.insert("pod".into(), json!(pod_key));
        top.insert("scheduler".into(), json!(scheduler));
        top.insert("selected".into(), json!(self.selected));
        top.insert("nodes".into(), Value::Array(nodes));
        Value::Object(top)
    }
}

#[cfg(test)]
mod tests;
