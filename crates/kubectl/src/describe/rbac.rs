//! `kubectl describe` for Roles, ClusterRoles and their bindings (`RoleDescriber`, `ClusterRoleDescriber`,
//! `RoleBindingDescriber`, and `BreakdownRule`/`CompactRules` from `kubectl/pkg/util/rbac`).

use k8s_openapi::api::rbac::v1::{PolicyRule, RoleRef, Subject};
use kubeplay_engine::Object;

use super::{Writer, annotations, labels};

#[derive(serde::Deserialize, Default)]
struct AnyRole {
    rules: Option<Vec<PolicyRule>>,
}

#[derive(serde::Deserialize)]
struct AnyBinding {
    #[serde(rename = "roleRef")]
    role_ref: RoleRef,
    subjects: Option<Vec<Subject>>,
}

/// Whether kubectl has an RBAC describer for this object.
pub(crate) fn is_rbac(obj: &Object) -> bool {
    obj.group_kind().group == "rbac.authorization.k8s.io"
        && matches!(obj.kind(), "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding")
}

pub(crate) fn describe_rbac(obj: &Object, w: &mut Writer) {
    let meta = obj.meta();
    w.write(0, &format!("Name:\t{}\n", obj.name()));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    if obj.kind().ends_with("Binding") {
        let Ok(binding) = serde_json::from_value::<AnyBinding>(obj.to_value()) else {
            return;
        };
        w.write(0, "Role:\n");
        w.write(1, &format!("Kind:\t{}\n", binding.role_ref.kind));
        w.write(1, &format!("Name:\t{}\n", binding.role_ref.name));
        w.write(0, "Subjects:\n");
        w.write(1, "Kind\tName\tNamespace\n");
        w.write(1, "----\t----\t---------\n");
        for s in binding.subjects.iter().flatten() {
            w.write(1, &format!("{}\t{}\t{}\n", s.kind, s.name, s.namespace.as_deref().unwrap_or("")));
        }
        return;
    }
    let role: AnyRole = serde_json::from_value(obj.to_value()).unwrap_or_default();
    let broken: Vec<PolicyRule> = role.rules.iter().flatten().flat_map(breakdown).collect();
    let mut rules = compact(broken);
    rules.sort_by_cached_key(rule_string);
    w.write(0, "PolicyRule:\n");
    w.write(1, "Resources\tNon-Resource URLs\tResource Names\tVerbs\n");
    w.write(1, "---------\t-----------------\t--------------\t-----\n");
    for r in &rules {
        w.write(
            1,
            &format!(
                "{}\t{}\t{}\t{}\n",
                combine_resource_group(r.resources.as_deref().unwrap_or(&[]), r.api_groups.as_deref().unwrap_or(&[])),
                go_list(r.non_resource_urls.as_deref()),
                go_list(r.resource_names.as_deref()),
                go_list(Some(&r.verbs))
            ),
        );
    }
}

/// Go's `%v` of a string slice: `[a b c]`.
fn go_list(items: Option<&[String]>) -> String {
    format!("[{}]", items.unwrap_or(&[]).join(" "))
}

/// The generated `PolicyRule.String()` kubectl sorts the rules by.
fn rule_string(r: &PolicyRule) -> String {
    format!(
        "&PolicyRule{{Verbs:{},APIGroups:{},Resources:{},ResourceNames:{},NonResourceURLs:{},}}",
        go_list(Some(&r.verbs)),
        go_list(r.api_groups.as_deref()),
        go_list(r.resources.as_deref()),
        go_list(r.resource_names.as_deref()),
        go_list(r.non_resource_urls.as_deref())
    )
}

/// `CombineResourceGroup`: `deployments.apps`, `pods/log`, or the bare resource for the core group.
fn combine_resource_group(resources: &[String], groups: &[String]) -> String {
    let Some(first) = resources.first() else {
        return String::new();
    };
    let (resource, sub) = match first.split_once('/') {
        Some((r, s)) => (r, Some(s)),
        None => (first.as_str(), None),
    };
    let mut text = resource.to_string();
    if let Some(group) = groups.first().filter(|g| !g.is_empty()) {
        text = format!("{text}.{group}");
    }
    if let Some(sub) = sub {
        text = format!("{text}/{sub}");
    }
    text
}

fn one(s: &str) -> Option<Vec<String>> {
    Some(vec![s.to_string()])
}

/// `BreakdownRule`: one rule per group, resource, verb (and resource name), then per non-resource URL and verb.
fn breakdown(rule: &PolicyRule) -> Vec<PolicyRule> {
    let mut out = Vec::new();
    for group in rule.api_groups.iter().flatten() {
        for resource in rule.resources.iter().flatten() {
            for verb in &rule.verbs {
                let base = PolicyRule {
                    api_groups: one(group),
                    resources: one(resource),
                    verbs: vec![verb.clone()],
                    ..Default::default()
                };
                match rule.resource_names.as_deref().filter(|n| !n.is_empty()) {
                    Some(names) => {
                        for name in names {
                            out.push(PolicyRule { resource_names: one(name), ..base.clone() });
                        }
                    }
                    None => out.push(base),
                }
            }
        }
    }
    for url in rule.non_resource_urls.iter().flatten() {
        for verb in &rule.verbs {
            out.push(PolicyRule { non_resource_urls: one(url), verbs: vec![verb.clone()], ..Default::default() });
        }
    }
    out
}

/// A rule's single group, resource and optional resource name.
type SimpleResource = (String, String, Option<String>);

/// `CompactRules`: rules for one group and resource (and at most one name) merged, their verbs in order.
fn compact(rules: Vec<PolicyRule>) -> Vec<PolicyRule> {
    let mut complex = Vec::new();
    let mut simple: Vec<(SimpleResource, PolicyRule)> = Vec::new();
    for rule in rules {
        let groups = rule.api_groups.as_deref().unwrap_or(&[]);
        let resources = rule.resources.as_deref().unwrap_or(&[]);
        let names = rule.resource_names.as_deref().unwrap_or(&[]);
        let is_simple = names.len() <= 1
            && rule.non_resource_urls.as_deref().unwrap_or(&[]).is_empty()
            && groups.len() == 1
            && resources.len() == 1;
        if !is_simple {
            complex.push(rule);
            continue;
        }
        let key = (groups[0].clone(), resources[0].clone(), names.first().cloned());
        match simple.iter_mut().find(|(k, _)| *k == key) {
            Some((_, existing)) => {
                for verb in &rule.verbs {
                    if !existing.verbs.contains(verb) {
                        existing.verbs.push(verb.clone());
                    }
                }
            }
            None => simple.push((key, rule)),
        }
    }
    complex.extend(simple.into_iter().map(|(_, r)| r));
    complex
}
