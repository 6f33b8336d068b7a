//! The cluster's shape: nodes with capacity, labels and taints, as the scenario's `cluster:` block says, and
//! the defaults of the contract (a kind-like cluster: one tainted control-plane node and three workers).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The `cluster:` block of a scenario. Serializing writes only the fields that are set, so the text reads
/// back as the same value.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClusterSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nodes: Option<Vec<NodeSpec>>,
    /// `none` leaves LoadBalancer Services pending, as on bare kind.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub load_balancer: Option<String>,
    /// `nginx` starts the ingress-nginx controller from the beginning.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ingress: Option<String>,
}

/// One node of the `cluster.nodes` list.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct NodeSpec {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpu: Option<QuantityText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory: Option<QuantityText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pods: Option<u32>,
    #[serde(default, rename = "ephemeral-storage", skip_serializing_if = "Option::is_none")]
    pub ephemeral_storage: Option<QuantityText>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub taints: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zone: Option<String>,
}

/// A quantity written as a YAML number or string (`cpu: 4` or `cpu: "500m"`).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum QuantityText {
    Int(u64),
    Float(f64),
    Text(String),
}

impl QuantityText {
    pub fn text(&self) -> String {
        match self {
            QuantityText::Int(i) => i.to_string(),
            QuantityText::Float(f) => f.to_string(),
            QuantityText::Text(s) => s.clone(),
        }
    }
}

impl NodeSpec {
    pub fn is_control_plane(&self) -> bool {
        self.role.as_deref() == Some("control-plane")
    }
}

impl ClusterSpec {
    /// The nodes, or the contract's default four.
    pub fn effective_nodes(&self) -> Vec<NodeSpec> {
        match &self.nodes {
            Some(n) => n.clone(),
            None => {
                let mut nodes = vec![NodeSpec::new("control-plane", Some("control-plane"))];
                for i in 1..=3 {
                    nodes.push(NodeSpec::new(&format!("worker-{i}"), None));
                }
                nodes
            }
        }
    }

    /// Checks what serde cannot: roles, taint syntax, unique names. Messages name the field.
    pub fn check(&self) -> Result<(), String> {
        let mut seen = std::collections::BTreeSet::new();
        for (i, n) in self.effective_nodes().iter().enumerate() {
            if !seen.insert(n.name.clone()) {
                return Err(format!("cluster.nodes[{i}].name: duplicate node name {:?}", n.name));
            }
            if let Some(r) = &n.role
                && r != "control-plane"
                && r != "worker"
            {
                return Err(format!(
                    "cluster.nodes[{i}].role: unsupported value {r:?}: supported values: \"control-plane\", \"worker\""
                ));
            }
            for (j, t) in n.taints.iter().enumerate() {
                parse_taint(t).map_err(|e| format!("cluster.nodes[{i}].taints[{j}]: {e}"))?;
            }
        }
        if let Some(lb) = &self.load_balancer
            && lb != "none"
            && lb != "simulated"
        {
            return Err(format!(
                "cluster.loadBalancer: unsupported value {lb:?}: supported values: \"none\", \"simulated\""
            ));
        }
        Ok(())
    }
}

impl NodeSpec {
    pub fn new(name: &str, role: Option<&str>) -> NodeSpec {
        NodeSpec {
            name: name.to_string(),
            role: role.map(str::to_string),
            cpu: None,
            memory: None,
            pods: None,
            ephemeral_storage: None,
            labels: BTreeMap::new(),
            taints: Vec::new(),
            images: Vec::new(),
            zone: None,
        }
    }
}

/// Parses `key=value:Effect` or `key:Effect` (kubectl taint syntax) into (key, value, effect).
pub fn parse_taint(spec: &str) -> Result<(String, Option<String>, String), String> {
    let (kv, effect) = spec.rsplit_once(':').ok_or_else(|| format!("invalid taint spec: {spec}"))?;
    if !matches!(effect, "NoSchedule" | "PreferNoSchedule" | "NoExecute") {
        return Err(format!("invalid taint effect: {effect}, unsupported taint effect"));
    }
    let (k, v) = match kv.split_once('=') {
        Some((k, v)) => (k.to_string(), Some(v.to_string())),
        None => (kv.to_string(), None),
    };
    if k.is_empty() {
        return Err(format!("invalid taint spec: {spec}"));
    }
    Ok((k, v, effect.to_string()))
}
