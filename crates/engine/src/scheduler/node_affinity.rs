//! NodeAffinity: `nodeSelector` plus required node affinity as a filter (with the PreFilter shortcut for
//! `matchFields metadata.name`, which DaemonSet pods use), and preferred node affinity as a score.
//!
//! Follows `pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go` and the matching rules of
//! `staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go` (terms ORed,
//! requirements in a term ANDed, an empty term or one that does not parse matches nothing) with label
//! operators from `staging/src/k8s.io/apimachinery/pkg/labels/selector.go`.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{NodeSelectorRequirement, NodeSelectorTerm, Pod};

use super::cache::NodeFacts;
use super::{Code, PodInfo, Rejection};

pub const NAME: &str = "NodeAffinity";
/// `ErrReasonPod`.
pub const ERR_REASON_POD: &str = "node(s) didn't match Pod's node affinity/selector";
/// `errReasonConflict`: the required terms name disjoint sets of nodes.
pub const ERR_REASON_CONFLICT: &str = "pod affinity terms conflict";

/// One parsed label requirement (a closed set of operators, as in `labels.Requirement`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LabelRequirement {
    In(String, BTreeSet<String>),
    NotIn(String, BTreeSet<String>),
    Exists(String),
    DoesNotExist(String),
    Gt(String, i64),
    Lt(String, i64),
}

impl LabelRequirement {
    fn parse(r: &NodeSelectorRequirement) -> Option<LabelRequirement> {
        let values: Vec<String> = r.values.clone().unwrap_or_default();
        let key = r.key.clone();
        let single_int = || {
            if values.len() == 1 { values[0].parse::<i64>().ok() } else { None }
        };
        Some(match r.operator.as_str() {
            "In" if !values.is_empty() => LabelRequirement::In(key, values.iter().cloned().collect()),
            "NotIn" if !values.is_empty() => LabelRequirement::NotIn(key, values.iter().cloned().collect()),
            "Exists" if values.is_empty() => LabelRequirement::Exists(key),
            "DoesNotExist" if values.is_empty() => LabelRequirement::DoesNotExist(key),
            "Gt" => LabelRequirement::Gt(key, single_int()?),
            "Lt" => LabelRequirement::Lt(key, single_int()?),
            _ => return None,
        })
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        match self {
            LabelRequirement::In(k, vs) => labels.get(k).is_some_and(|v| vs.contains(v)),
            LabelRequirement::NotIn(k, vs) => labels.get(k).is_none_or(|v| !vs.contains(v)),
            LabelRequirement::Exists(k) => labels.contains_key(k),
            LabelRequirement::DoesNotExist(k) => !labels.contains_key(k),
            LabelRequirement::Gt(k, n) => labels.get(k).and_then(|v| v.parse::<i64>().ok()).is_some_and(|v| v > *n),
            LabelRequirement::Lt(k, n) => labels.get(k).and_then(|v| v.parse::<i64>().ok()).is_some_and(|v| v < *n),
        }
    }
}

/// A `matchFields` requirement: only `metadata.name` exists, with `In` / `NotIn` and exactly one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRequirement {
    pub equal: bool,
    pub name: String,
}

/// A parsed `NodeSelectorTerm`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Term {
    pub labels: Vec<LabelRequirement>,
    pub fields: Vec<FieldRequirement>,
}

impl Term {
    /// `None` when the term does not parse (it then matches no node, as upstream's lazy-error selector).
    pub fn parse(term: &NodeSelectorTerm) -> Option<Term> {
        let labels =
            term.match_expressions.iter().flatten().map(LabelRequirement::parse).collect::<Option<Vec<_>>>()?;
        let fields = term
            .match_fields
            .iter()
            .flatten()
            .map(|r| {
                let values = r.values.as_deref().unwrap_or(&[]);
                if r.key != "metadata.name" || values.len() != 1 {
                    return None;
                }
                match r.operator.as_str() {
                    "In" => Some(FieldRequirement { equal: true, name: values[0].clone() }),
                    "NotIn" => Some(FieldRequirement { equal: false, name: values[0].clone() }),
                    _ => None,
                }
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Term { labels, fields })
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>, node_name: &str) -> bool {
        if self.labels.is_empty() && self.fields.is_empty() {
            return false;
        }
        self.labels.iter().all(|r| r.matches(labels)) && self.fields.iter().all(|f| (f.name == node_name) == f.equal)
    }
}

/// Which nodes the PreFilter lets through.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreFilter {
    /// The filter has nothing to do with this pod (`Skip`).
    Skip,
    AllNodes,
    /// Only these nodes can match (from `matchFields metadata.name In`).
    Nodes(BTreeSet<String>),
    /// The terms name no node at all.
    Conflict,
}

/// The pod's node selection rules, parsed once per scheduling cycle.
#[derive(Clone, Debug, Default)]
pub struct PodNodeAffinity {
    pub node_selector: BTreeMap<String, String>,
    /// Whether the pod sets `nodeSelector` at all (an empty map still counts).
    node_selector_set: bool,
    /// `None` without required affinity; a term that does not parse is `None` inside.
    pub required: Option<Vec<Option<Term>>>,
    /// `None` without preferred affinity (the score then skips).
    pub preferred: Option<Vec<(i64, Option<Term>)>>,
    raw_required_terms: Vec<NodeSelectorTerm>,
}

impl PodNodeAffinity {
    pub fn from_pod(pod: &Pod) -> PodNodeAffinity {
        let spec = pod.spec.as_ref();
        let node_affinity = spec.and_then(|s| s.affinity.as_ref()).and_then(|a| a.node_affinity.as_ref());
        let required_terms = node_affinity
            .and_then(|na| na.required_during_scheduling_ignored_during_execution.as_ref())
            .map(|ns| ns.node_selector_terms.clone());
        PodNodeAffinity {
            node_selector: spec.and_then(|s| s.node_selector.clone()).unwrap_or_default(),
            node_selector_set: spec.is_some_and(|s| s.node_selector.is_some()),
            required: required_terms.as_ref().map(|terms| terms.iter().map(Term::parse).collect()),
            preferred: node_affinity
                .and_then(|na| na.preferred_during_scheduling_ignored_during_execution.as_ref())
                .map(|terms| terms.iter().map(|t| (i64::from(t.weight), Term::parse(&t.preference))).collect()),
            raw_required_terms: required_terms.unwrap_or_default(),
        }
    }

    /// `GetRequiredNodeAffinity(pod).Match(node)`: the nodeSelector and the required terms.
    pub(crate) fn matches_required(&self, node: &NodeFacts) -> bool {
        if !self.node_selector.iter().all(|(k, v)| node.labels.get(k) == Some(v)) {
            return false;
        }
        match &self.required {
            None => true,
            Some(terms) => terms.iter().flatten().any(|t| t.matches(&node.labels, &node.name)),
        }
    }

    /// `NodeAffinity.PreFilter`.
    pub fn pre_filter(&self) -> PreFilter {
        if self.required.is_none() && !self.node_selector_set {
            return PreFilter::Skip;
        }
        if self.raw_required_terms.is_empty() {
            return PreFilter::AllNodes;
        }
        let mut names: Option<BTreeSet<String>> = None;
        for term in &self.raw_required_terms {
            let mut term_names: Option<BTreeSet<String>> = None;
            for r in term.match_fields.iter().flatten() {
                if r.key == "metadata.name" && r.operator == "In" {
                    let set: BTreeSet<String> = r.values.iter().flatten().cloned().collect();
                    term_names = Some(match term_names {
                        None => set,
                        Some(prev) => prev.intersection(&set).cloned().collect(),
                    });
                }
            }
            // A term without a node-name restriction lets every node through: terms are ORed.
            let Some(term_names) = term_names else {
                return PreFilter::AllNodes;
            };
            names.get_or_insert_with(BTreeSet::new).extend(term_names);
        }
        match names {
            Some(n) if n.is_empty() => PreFilter::Conflict,
            Some(n) => PreFilter::Nodes(n),
            None => PreFilter::AllNodes,
        }
    }

    /// The raw score: Σ weights of the preferred terms the node matches.
    pub(crate) fn preferred_score(&self, node: &NodeFacts) -> i64 {
        self.preferred
            .iter()
            .flatten()
            .filter(|(_, t)| t.as_ref().is_some_and(|t| t.matches(&node.labels, &node.name)))
            .map(|(w, _)| *w)
            .sum()
    }
}

pub(crate) fn filter(pod: &PodInfo<'_>, node: &NodeFacts) -> Result<(), Rejection> {
    if pod.affinity.matches_required(node) {
        Ok(())
    } else {
        Err(Rejection::new(NAME, Code::UnschedulableAndUnresolvable, ERR_REASON_POD))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::{Affinity, NodeAffinity, NodeSelector, PodSpec, PreferredSchedulingTerm};

    fn req(key: &str, op: &str, values: &[&str]) -> NodeSelectorRequirement {
        NodeSelectorRequirement {
            key: key.into(),
            operator: op.into(),
            values: if values.is_empty() { None } else { Some(values.iter().map(|v| v.to_string()).collect()) },
        }
    }

    fn term(exprs: Vec<NodeSelectorRequirement>) -> NodeSelectorTerm {
        NodeSelectorTerm { match_expressions: Some(exprs), match_fields: None }
    }

    fn node(name: &str, labels: &[(&str, &str)]) -> NodeFacts {
        NodeFacts {
            name: name.into(),
            labels: labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            ..Default::default()
        }
    }

    fn pod(
        selector: &[(&str, &str)],
        required: Option<Vec<NodeSelectorTerm>>,
        preferred: Vec<(i32, NodeSelectorTerm)>,
    ) -> Pod {
        let node_affinity = NodeAffinity {
            required_during_scheduling_ignored_during_execution: required
                .map(|t| NodeSelector { node_selector_terms: t }),
            preferred_during_scheduling_ignored_during_execution: if preferred.is_empty() {
                None
            } else {
                Some(
                    preferred
                        .into_iter()
                        .map(|(weight, preference)| PreferredSchedulingTerm { weight, preference })
                        .collect(),
                )
            },
        };
        Pod {
            spec: Some(PodSpec {
                node_selector: if selector.is_empty() {
                    None
                } else {
                    Some(selector.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
                },
                affinity: Some(Affinity { node_affinity: Some(node_affinity), ..Default::default() }),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    fn fits(p: &Pod, n: &NodeFacts) -> bool {
        PodNodeAffinity::from_pod(p).matches_required(n)
    }

    /// Cases of `TestNodeAffinity` in node_affinity_test.go.
    #[test]
    fn filter_cases_from_upstream() {
        let foo_bar = node("n", &[("foo", "bar")]);
        // "missing labels"
        assert!(!fits(&pod(&[("foo", "bar")], None, vec![]), &node("n", &[])));
        // "same labels"
        assert!(fits(&pod(&[("foo", "bar")], None, vec![]), &foo_bar));
        // "node labels are superset"
        assert!(fits(&pod(&[("foo", "bar")], None, vec![]), &node("n", &[("foo", "bar"), ("baz", "blah")])));
        // "node labels are subset"
        assert!(!fits(&pod(&[("foo", "bar"), ("baz", "blah")], None, vec![]), &foo_bar));
        // "Pod with matchExpressions using In operator that matches the existing node"
        assert!(fits(&pod(&[], Some(vec![term(vec![req("foo", "In", &["bar", "value2"])])]), vec![]), &foo_bar));
        // "Pod with matchExpressions using Gt operator that matches the existing node"
        let kernel = node("n", &[("kernel-version", "0206")]);
        assert!(fits(&pod(&[], Some(vec![term(vec![req("kernel-version", "Gt", &["0204"])])]), vec![]), &kernel));
        // "Pod with matchExpressions using NotIn operator that matches the existing node"
        let mem = node("n", &[("mem-type", "DDR3")]);
        assert!(fits(&pod(&[], Some(vec![term(vec![req("mem-type", "NotIn", &["DDR", "DDR2"])])]), vec![]), &mem));
        // "Pod with matchExpressions using Exists operator that matches the existing node"
        let gpu = node("n", &[("GPU", "NVIDIA-GRID-K1")]);
        assert!(fits(&pod(&[], Some(vec![term(vec![req("GPU", "Exists", &[])])]), vec![]), &gpu));
        // "Pod with affinity that don't match node's labels won't schedule onto the node"
        assert!(!fits(&pod(&[], Some(vec![term(vec![req("foo", "In", &["value1", "value2"])])]), vec![]), &foo_bar));
        // "Pod with a nil []NodeSelectorTerm in affinity, can't match the node's labels and won't schedule"
        assert!(!fits(&pod(&[], Some(vec![]), vec![]), &foo_bar));
        // "Pod with an empty []NodeSelectorTerm in affinity, can't match the node's labels"
        assert!(!fits(&pod(&[], Some(vec![term(vec![])]), vec![]), &foo_bar));
        // "Pod with multiple matchExpressions ANDed that doesn't match the existing node"
        assert!(!fits(
            &pod(
                &[],
                Some(vec![term(vec![req("GPU", "Exists", &[]), req("GPU", "NotIn", &["AMD", "INTER"])])]),
                vec![]
            ),
            &node("n", &[("GPU", "AMD")])
        ));
        // "Pod with multiple NodeSelectorTerms ORed in affinity, matches the node's labels"
        assert!(fits(
            &pod(
                &[],
                Some(vec![
                    term(vec![req("GPU", "Exists", &[]), req("GPU", "NotIn", &["AMD", "INTER"])]),
                    term(vec![req("GPU", "In", &["AMD", "INTER"])])
                ]),
                vec![]
            ),
            &node("n", &[("GPU", "AMD")])
        ));
        // "Pod with an invalid value in Affinity term won't be scheduled onto the node"
        assert!(!fits(
            &pod(&[], Some(vec![term(vec![req("foo", "Gt", &["invalid value: ___@#$%^"])])]), vec![]),
            &foo_bar
        ));
        // "Pod with DoesNotExist" on a node that has the key
        assert!(!fits(&pod(&[], Some(vec![term(vec![req("foo", "DoesNotExist", &[])])]), vec![]), &foo_bar));
        // Lt
        assert!(fits(&pod(&[], Some(vec![term(vec![req("kernel-version", "Lt", &["300"])])]), vec![]), &kernel));
    }

    fn fields_term(op: &str, names: &[&str]) -> NodeSelectorTerm {
        NodeSelectorTerm { match_expressions: None, match_fields: Some(vec![req("metadata.name", op, names)]) }
    }

    /// "Pod with matchFields using In operator that matches the existing node" and the PreFilter results of
    /// `TestNodeAffinity` (`node1` only; conflicting terms).
    #[test]
    fn match_fields_and_pre_filter() {
        let p = pod(&[], Some(vec![fields_term("In", &["node1"])]), vec![]);
        assert!(fits(&p, &node("node1", &[])));
        assert!(!fits(&p, &node("node2", &[])));
        let a = PodNodeAffinity::from_pod(&p);
        assert_eq!(a.pre_filter(), PreFilter::Nodes(["node1".to_string()].into_iter().collect()));
        let conflicting = NodeSelectorTerm {
            match_expressions: None,
            match_fields: Some(vec![req("metadata.name", "In", &["node1"]), req("metadata.name", "In", &["node2"])]),
        };
        let a = PodNodeAffinity::from_pod(&pod(&[], Some(vec![conflicting]), vec![]));
        assert_eq!(a.pre_filter(), PreFilter::Conflict);
        let a = PodNodeAffinity::from_pod(&pod(
            &[],
            Some(vec![fields_term("In", &["node1"]), term(vec![req("foo", "Exists", &[])])]),
            vec![],
        ));
        assert_eq!(a.pre_filter(), PreFilter::AllNodes);
        let a = PodNodeAffinity::from_pod(&pod(&[], None, vec![]));
        assert_eq!(a.pre_filter(), PreFilter::Skip);
    }

    /// `TestNodeAffinityPriority`: raw weights (5 for foo=bar, 3 for key=value, 2 for az=az1 ...).
    #[test]
    fn preferred_weights_sum() {
        let p = pod(
            &[],
            None,
            vec![
                (2, term(vec![req("foo", "In", &["bar"])])),
                (4, term(vec![req("key", "In", &["value"])])),
                (5, term(vec![req("foo", "In", &["bar"]), req("key", "In", &["value"]), req("az", "In", &["az1"])])),
            ],
        );
        let a = PodNodeAffinity::from_pod(&p);
        assert_eq!(a.preferred_score(&node("a", &[("foo", "bar")])), 2);
        assert_eq!(a.preferred_score(&node("b", &[("key", "value")])), 4);
        assert_eq!(a.preferred_score(&node("c", &[("foo", "bar"), ("key", "value"), ("az", "az1")])), 11);
        assert_eq!(a.preferred_score(&node("d", &[])), 0);
    }
}
