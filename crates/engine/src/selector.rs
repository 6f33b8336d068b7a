//! Label selectors (equality- and set-based, from `-l` strings and from `LabelSelector` objects) and the
//! common field selectors.
//!
//! Matching uses kube-core's `Expression`; parsing follows `k8s.io/apimachinery/pkg/labels/selector.go`.

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;
pub use kube_core::{Expression, Selector, SelectorExt};
use serde_json::Value;

/// Converts an API `LabelSelector`. `None` selects nothing (as `LabelSelectorAsSelector(nil)`), an empty one
/// selects everything.
pub fn from_label_selector(sel: Option<&LabelSelector>) -> Option<Selector> {
    let sel = sel?;
    Selector::try_from(sel.clone()).ok()
}

pub fn matches(sel: &LabelSelector, labels: Option<&BTreeMap<String, String>>) -> bool {
    let empty = BTreeMap::new();
    match Selector::try_from(sel.clone()) {
        Ok(s) => s.matches(labels.unwrap_or(&empty)),
        Err(_) => false,
    }
}

/// Whether a selector has neither matchLabels nor matchExpressions (the API treats it as unset).
pub fn is_empty(sel: &LabelSelector) -> bool {
    sel.match_labels.as_ref().is_none_or(|m| m.is_empty())
        && sel.match_expressions.as_ref().is_none_or(|m| m.is_empty())
}

/// Parses a `-l` selector string: `app=web,tier!=db`, `env in (prod,qa)`, `!canary`, `release`.
pub fn parse(input: &str) -> Result<Selector, String> {
    let mut exprs = Vec::new();
    for part in split_top_level(input) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        exprs.push(parse_requirement(part)?);
    }
    let mut sel = Selector::default();
    sel.extend(exprs);
    Ok(sel)
}

/// Splits on commas that are not inside parentheses.
fn split_top_level(input: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in input.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&input[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&input[start..]);
    parts
}

fn parse_requirement(part: &str) -> Result<Expression, String> {
    if let Some(key) = part.strip_prefix('!') {
        let key = key.trim();
        check_key(key)?;
        return Ok(Expression::DoesNotExist(key.to_string()));
    }
    for (op, neg) in [("!=", true), ("==", false), ("=", false)] {
        if let Some((k, v)) = part.split_once(op) {
            let (k, v) = (k.trim(), v.trim());
            check_key(k)?;
            check_value(v)?;
            return Ok(if neg {
                Expression::NotEqual(k.into(), v.into())
            } else {
                Expression::Equal(k.into(), v.into())
            });
        }
    }
    let words: Vec<&str> = part.splitn(2, char::is_whitespace).collect();
    if words.len() == 2 {
        let key = words[0].trim();
        let rest = words[1].trim();
        let (op, set) = if let Some(s) = rest.strip_prefix("notin") {
            ("notin", s)
        } else if let Some(s) = rest.strip_prefix("in") {
            ("in", s)
        } else {
            return Err(format!("unable to parse requirement: found '{rest}', expected: in, notin, =, ==, !=, gt, lt"));
        };
        let set = set.trim();
        let inner = set
            .strip_prefix('(')
            .and_then(|s| s.strip_suffix(')'))
            .ok_or_else(|| format!("unable to parse requirement: found '{set}', expected: '('"))?;
        check_key(key)?;
        let values: BTreeSet<String> =
            inner.split(',').map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).collect();
        for v in &values {
            check_value(v)?;
        }
        return Ok(if op == "in" { Expression::In(key.into(), values) } else { Expression::NotIn(key.into(), values) });
    }
    check_key(part)?;
    Ok(Expression::Exists(part.to_string()))
}

fn check_key(key: &str) -> Result<(), String> {
    let ok = !key.is_empty()
        && key.len() <= 317
        && key.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '/'));
    if ok { Ok(()) } else { Err(format!("unable to parse requirement: invalid label key \"{key}\"")) }
}

fn check_value(v: &str) -> Result<(), String> {
    let ok = v.len() <= 63 && v.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(()) } else { Err(format!("unable to parse requirement: invalid label value: \"{v}\"")) }
}

/// A parsed `--field-selector`: `status.phase=Running,spec.nodeName!=worker-1`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    pub terms: Vec<(String, bool, String)>,
}

impl FieldSelector {
    pub fn parse(input: &str) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in input.split(',') {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let (k, neg, v) = if let Some((k, v)) = part.split_once("!=") {
                (k, true, v)
            } else if let Some((k, v)) = part.split_once("==") {
                (k, false, v)
            } else if let Some((k, v)) = part.split_once('=') {
                (k, false, v)
            } else {
                return Err(format!("invalid selector: '{input}'; can't understand '{part}'"));
            };
            terms.push((k.trim().to_string(), neg, v.trim().to_string()));
        }
        Ok(FieldSelector { terms })
    }

    /// The field names the API server accepts for a kind (`metadata.name`, `metadata.namespace` for all;
    /// more for pods, events, nodes, secrets …), as the error `field label not supported` needs.
    pub fn supported(kind: &str, field: &str) -> bool {
        if field == "metadata.name" || field == "metadata.namespace" {
            return true;
        }
        match kind {
            "Pod" => matches!(
                field,
                "spec.nodeName"
                    | "spec.restartPolicy"
                    | "spec.schedulerName"
                    | "spec.serviceAccountName"
                    | "spec.hostNetwork"
                    | "status.phase"
                    | "status.podIP"
                    | "status.nominatedNodeName"
            ),
            "Event" => matches!(
                field,
                "involvedObject.kind"
                    | "involvedObject.namespace"
                    | "involvedObject.name"
                    | "involvedObject.uid"
                    | "involvedObject.apiVersion"
                    | "involvedObject.resourceVersion"
                    | "involvedObject.fieldPath"
                    | "reason"
                    | "reportingComponent"
                    | "source"
                    | "type"
            ),
            "Node" => field == "spec.unschedulable",
            "Secret" => field == "type",
            "Namespace" => field == "status.phase",
            "ReplicaSet" | "ReplicationController" => field == "status.replicas",
            "Job" => field == "status.successful",
            _ => false,
        }
    }

    /// Evaluates against an object's JSON; a missing field compares as the empty string.
    pub fn matches(&self, obj: &Value) -> bool {
        self.terms.iter().all(|(k, neg, want)| {
            let mut cur = obj;
            for seg in k.split('.') {
                cur = cur.get(seg).unwrap_or(&Value::Null);
            }
            let got = match cur {
                Value::String(s) => s.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            (got == *want) != *neg
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    // Cases shaped after k8s.io/apimachinery/pkg/labels/selector_test.go (TestSelectorMatches).
    #[test]
    fn selector_strings_match_like_apimachinery() {
        let l = labels(&[("x", "y"), ("z", "w")]);
        for (sel, want) in [
            ("", true),
            ("x=y", true),
            ("x==y", true),
            ("x=y,z=w", true),
            ("x!=z", true),
            ("x in (y,z)", true),
            ("x notin (y)", false),
            ("!a", true),
            ("a", false),
            ("x", true),
            ("x=z", false),
            ("x=y,z=x", false),
        ] {
            assert_eq!(parse(sel).unwrap().matches(&l), want, "{sel}");
        }
    }

    #[test]
    fn bad_selectors_are_errors() {
        assert!(parse("x in y").is_err());
        assert!(parse("x=a b").is_err());
    }

    #[test]
    fn field_selectors() {
        let pod = serde_json::json!({"metadata": {"name": "a"}, "status": {"phase": "Running"}});
        assert!(FieldSelector::parse("status.phase=Running").unwrap().matches(&pod));
        assert!(!FieldSelector::parse("status.phase!=Running").unwrap().matches(&pod));
        assert!(FieldSelector::parse("spec.nodeName=").unwrap().matches(&pod));
    }
}
