//! Interim scheduler (replaced by the full framework branch): nodeName, cordon, NoSchedule taints,
//! nodeSelector; fewest pods wins, ties by name.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Node, Pod};

#[derive(Clone, Debug, Default)]
pub struct SchedulerCache {
    nodes: BTreeMap<String, (Node, usize)>,
}

impl SchedulerCache {
    pub fn new() -> Self {
        Self::default()
    }
    pub fn upsert_node(&mut self, node: &Node) {
        let name = node.metadata.name.clone().unwrap_or_default();
        let count = self.nodes.get(&name).map(|n| n.1).unwrap_or(0);
        self.nodes.insert(name, (node.clone(), count));
    }
    pub fn remove_node(&mut self, name: &str) {
        self.nodes.remove(name);
    }
    pub fn add_pod(&mut self, pod: &Pod) {
        if let Some(n) = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .and_then(|n| self.nodes.get_mut(n))
        {
            n.1 += 1;
        }
    }
    pub fn remove_pod(&mut self, pod: &Pod) {
        if let Some(n) = pod
            .spec
            .as_ref()
            .and_then(|s| s.node_name.as_ref())
            .and_then(|n| self.nodes.get_mut(n))
        {
            n.1 = n.1.saturating_sub(1);
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct SchedulerConfig {
    pub percentage_of_nodes_to_score: u32,
}

#[derive(Clone, Debug)]
pub struct Decision {
    pub selected: Option<String>,
    pub next_start_index: usize,
    reasons: BTreeMap<String, usize>,
    total: usize,
}

impl Decision {
    pub fn explain_json(&self, pod: &str, scheduler: &str) -> serde_json::Value {
        serde_json::json!({"pod": pod, "scheduler": scheduler, "selected": self.selected})
    }

    pub fn fit_error_message(&self) -> Option<String> {
        if self.selected.is_some() {
            return None;
        }
        let parts: Vec<String> = self
            .reasons
            .iter()
            .map(|(r, c)| format!("{c} {r}"))
            .collect();
        Some(format!(
            "0/{} nodes are available: {}.",
            self.total,
            parts.join(", ")
        ))
    }
}

pub fn schedule_one(
    cache: &SchedulerCache,
    pod: &Pod,
    _config: &SchedulerConfig,
    start: usize,
) -> Decision {
    let spec = pod.spec.clone().unwrap_or_default();
    let mut reasons = BTreeMap::new();
    let mut best: Option<(usize, String)> = None;
    for (name, (node, count)) in &cache.nodes {
        let nspec = node.spec.clone().unwrap_or_default();
        let reason = if nspec.unschedulable == Some(true) {
            Some("node(s) were unschedulable")
        } else if nspec.taints.iter().flatten().any(|t| {
            t.effect != "PreferNoSchedule"
                && !spec.tolerations.iter().flatten().any(|tol| {
                    tol.operator.as_deref() == Some("Exists")
                        && tol.key.as_deref().is_none_or(|k| k == t.key)
                        || tol.key.as_deref() == Some(&t.key)
                })
        }) {
            Some("node(s) had untolerated taint(s)")
        } else if spec
            .node_selector
            .iter()
            .flatten()
            .any(|(k, v)| node.metadata.labels.as_ref().and_then(|l| l.get(k)) != Some(v))
        {
            Some("node(s) didn't match Pod's node affinity/selector")
        } else {
            None
        };
        match reason {
            Some(r) => *reasons.entry(r.to_string()).or_insert(0) += 1,
            None => {
                if best.as_ref().is_none_or(|(c, _)| count < c) {
                    best = Some((*count, name.clone()));
                }
            }
        }
    }
    Decision {
        selected: best.map(|b| b.1),
        next_start_index: start,
        reasons,
        total: cache.nodes.len(),
    }
}
