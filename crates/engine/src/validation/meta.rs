//! Validation of the parts every object shares: `metadata` (names, namespace, labels, annotations, owner
//! references, finalizers), its update rules, and label selectors.
//!
//! Follows kubernetes/apimachinery `pkg/api/validation/{objectmeta.go,generic.go}` and
//! `pkg/apis/meta/v1/validation/validation.go`, plus the finalizer check of kubernetes/kubernetes
//! `pkg/apis/core/validation/validation.go` (`ValidateObjectMeta`). Go iterates maps in random order;
//! here labels and annotations are checked in key order.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference,
};
use serde_json::{Map, Value, json};

use super::field::{self, BadValue, FieldError, GoStruct, Path};
use super::names::{self, NameFn};

/// The total size of a object's annotations, keys plus values.
pub const TOTAL_ANNOTATION_SIZE_LIMIT: usize = 256 * 1024;

pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// `ValidateObjectMeta` on create: name (or generateName), namespace, labels, annotations, owner references,
/// finalizers. Expects the name to have been generated already, as the API server does before validating.
pub fn validate_object_meta(meta: &ObjectMeta, namespaced: bool, name_fn: NameFn, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let generate_name = meta.generate_name.as_deref().unwrap_or("");
    if !generate_name.is_empty() {
        for msg in name_fn(generate_name, true) {
            errs.push(field::invalid(&path.child("generateName"), generate_name, msg));
        }
    }
    let name = meta.name.as_deref().unwrap_or("");
    if name.is_empty() {
        errs.push(field::required(&path.child("name"), "name or generateName is required"));
    } else {
        for msg in name_fn(name, false) {
            errs.push(field::invalid(&path.child("name"), name, msg));
        }
    }
    errs.extend(validate_meta_common(meta, namespaced, path));
    for (i, f) in meta.finalizers.iter().flatten().enumerate() {
        errs.extend(validate_kube_finalizer_name(f, &path.child("finalizers").index(i)));
    }
    errs
}

fn validate_meta_common(meta: &ObjectMeta, namespaced: bool, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let namespace = meta.namespace.as_deref().unwrap_or("");
    if namespaced {
        if namespace.is_empty() {
            errs.push(field::required(&path.child("namespace"), ""));
        } else {
            for msg in names::name_is_dns_label(namespace, false) {
                errs.push(field::invalid(&path.child("namespace"), namespace, msg));
            }
        }
    } else if !namespace.is_empty() {
        errs.push(field::forbidden(&path.child("namespace"), "not allowed on this type"));
    }
    if let Some(g) = meta.generation {
        errs.extend(validate_nonnegative(g, &path.child("generation")));
    }
    errs.extend(validate_labels(meta.labels.as_ref(), &path.child("labels")));
    errs.extend(validate_annotations(meta.annotations.as_ref(), &path.child("annotations")));
    errs.extend(validate_owner_references(
        meta.owner_references.as_deref().unwrap_or(&[]),
        &path.child("ownerReferences"),
    ));
    errs.extend(validate_finalizers(meta.finalizers.as_deref().unwrap_or(&[]), &path.child("finalizers")));
    errs
}

/// `ValidateObjectMetaUpdate`. The API server first carries the stored resourceVersion, uid, creation and
/// deletion timestamps and generation over when a request leaves them empty (`rest.BeforeUpdate`), so only
/// values that are set and differ are reported.
pub fn validate_object_meta_update(new: &ObjectMeta, old: &ObjectMeta, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if old.deletion_timestamp.is_some() {
        let old_finalizers: Vec<&String> = old.finalizers.iter().flatten().collect();
        let mut extra: Vec<&String> = new.finalizers.iter().flatten().filter(|f| !old_finalizers.contains(f)).collect();
        extra.sort();
        extra.dedup();
        if !extra.is_empty() {
            let list: Vec<String> = extra.iter().map(|f| field::go_quote(f)).collect();
            errs.push(field::forbidden(
                &path.child("finalizers"),
                format!(
                    "no new finalizers can be added if the object is being deleted, found new finalizers []string{{{}}}",
                    list.join(", ")
                ),
            ));
        }
    }
    let name = |m: &ObjectMeta| m.name.clone().unwrap_or_default();
    if name(new) != name(old) {
        errs.push(field::invalid(&path.child("name"), name(new), FIELD_IMMUTABLE));
    }
    let namespace = |m: &ObjectMeta| m.namespace.clone().unwrap_or_default();
    if namespace(new) != namespace(old) {
        errs.push(field::invalid(&path.child("namespace"), namespace(new), FIELD_IMMUTABLE));
    }
    if let Some(uid) = new.uid.as_deref().filter(|u| !u.is_empty())
        && old.uid.as_deref().unwrap_or("") != uid
    {
        errs.push(field::invalid(&path.child("uid"), uid, FIELD_IMMUTABLE));
    }
    if old.deletion_timestamp.is_none()
        && let Some(ts) = &new.deletion_timestamp
    {
        let value = serde_json::to_value(ts).unwrap_or(Value::Null);
        errs.push(field::invalid(&path.child("deletionTimestamp"), value, FIELD_IMMUTABLE));
    }
    if old.deletion_grace_period_seconds.is_none()
        && let Some(g) = new.deletion_grace_period_seconds
    {
        errs.push(field::invalid(&path.child("deletionGracePeriodSeconds"), g, FIELD_IMMUTABLE));
    }
    errs.extend(validate_labels(new.labels.as_ref(), &path.child("labels")));
    errs.extend(validate_annotations(new.annotations.as_ref(), &path.child("annotations")));
    errs.extend(validate_owner_references(
        new.owner_references.as_deref().unwrap_or(&[]),
        &path.child("ownerReferences"),
    ));
    for (i, f) in new.finalizers.iter().flatten().enumerate() {
        errs.extend(validate_kube_finalizer_name(f, &path.child("finalizers").index(i)));
    }
    errs
}

pub fn validate_nonnegative(value: i64, path: &Path) -> Vec<FieldError> {
    if value < 0 { vec![field::invalid(path, value, "must be greater than or equal to 0")] } else { Vec::new() }
}

pub fn validate_label_name(name: &str, path: &Path) -> Vec<FieldError> {
    names::is_qualified_name(name).into_iter().map(|msg| field::invalid(path, name, msg)).collect()
}

pub fn validate_labels(labels: Option<&BTreeMap<String, String>>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels.into_iter().flatten() {
        errs.extend(validate_label_name(k, path));
        for msg in names::is_label_value(v) {
            errs.push(field::invalid(path, v.as_str(), msg));
        }
    }
    errs
}

pub fn validate_annotations(annotations: Option<&BTreeMap<String, String>>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut total = 0usize;
    for (k, v) in annotations.into_iter().flatten() {
        // Annotation keys are qualified names in which case does not matter.
        for msg in names::is_qualified_name(&k.to_lowercase()) {
            errs.push(field::invalid(path, k.as_str(), msg));
        }
        total += k.len() + v.len();
    }
    if total > TOTAL_ANNOTATION_SIZE_LIMIT {
        errs.push(field::too_long(path, TOTAL_ANNOTATION_SIZE_LIMIT));
    }
    errs
}

fn owner_reference_value(r: &OwnerReference) -> BadValue {
    let mut s = GoStruct::new()
        .field("apiVersion", json!(r.api_version))
        .field("kind", json!(r.kind))
        .field("name", json!(r.name))
        .field("uid", json!(r.uid));
    if let Some(c) = r.controller {
        s = s.field("controller", json!(c));
    }
    if let Some(b) = r.block_owner_deletion {
        s = s.field("blockOwnerDeletion", json!(b));
    }
    s.finish()
}

fn validate_owner_references(refs: &[OwnerReference], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut first_controller: Option<String> = None;
    for r in refs {
        // schema.FromAPIVersionAndKind: "v1" has no group, "apps/v1" both, anything else no version.
        let (group, version) = match r.api_version.split('/').collect::<Vec<_>>().as_slice() {
            [v] => ("", *v),
            [g, v] => (*g, *v),
            _ => ("", ""),
        };
        if version.is_empty() {
            errs.push(field::invalid(&path.child("apiVersion"), r.api_version.as_str(), "version must not be empty"));
        }
        if r.kind.is_empty() {
            errs.push(field::invalid(&path.child("kind"), r.kind.as_str(), "must not be empty"));
        }
        if r.name.is_empty() {
            errs.push(field::invalid(&path.child("name"), r.name.as_str(), "must not be empty"));
        }
        if r.uid.is_empty() {
            errs.push(field::invalid(&path.child("uid"), r.uid.as_str(), "must not be empty"));
        }
        if group.is_empty() && version == "v1" && r.kind == "Event" {
            errs.push(field::invalid(
                path,
                owner_reference_value(r),
                "/v1, Kind=Event is disallowed from being an owner",
            ));
        }
        if r.controller == Some(true) {
            let current = format!("{}/{}", r.kind, r.name);
            match &first_controller {
                Some(first) => {
                    let mut list = String::from("[");
                    for (i, r) in refs.iter().enumerate() {
                        if i > 0 {
                            list.push(',');
                        }
                        list.push_str(&owner_reference_value(r).to_string());
                    }
                    list.push(']');
                    errs.push(field::invalid(
                        path,
                        BadValue::Rendered(list),
                        format!(
                            "Only one reference can have Controller set to true. Found \"true\" in references for {first} and {current}"
                        ),
                    ));
                }
                None => first_controller = Some(current),
            }
        }
    }
    errs
}

fn validate_finalizers(finalizers: &[String], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for f in finalizers {
        for msg in names::is_qualified_name(f) {
            errs.push(field::invalid(path, f.as_str(), msg));
        }
    }
    if finalizers.iter().any(|f| f == "orphan") && finalizers.iter().any(|f| f == "foregroundDeletion") {
        errs.push(field::invalid(
            path,
            json!(finalizers),
            "finalizer orphan and foregroundDeletion cannot be both set",
        ));
    }
    errs
}

/// A finalizer without a `/` must be one of the built-in ones.
pub fn validate_kube_finalizer_name(name: &str, path: &Path) -> Vec<FieldError> {
    if !name.contains('/') && !matches!(name, "kubernetes" | "orphan" | "foregroundDeletion") {
        vec![field::invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified")]
    } else {
        Vec::new()
    }
}

/// Whether a selector is the Go `nil` one. k8s-openapi makes required selectors non-optional, so an absent
/// selector decodes as an empty one.
pub fn selector_is_unset(s: &LabelSelector) -> bool {
    s.match_labels.is_none() && s.match_expressions.is_none()
}

/// A selector as Go's `encoding/json` prints `metav1.LabelSelector` (empty fields omitted).
pub fn selector_value(s: &LabelSelector) -> BadValue {
    let mut st = GoStruct::new();
    if let Some(ml) = s.match_labels.as_ref().filter(|m| !m.is_empty()) {
        st = st.field("matchLabels", json!(ml));
    }
    if let Some(exprs) = s.match_expressions.as_ref().filter(|e| !e.is_empty()) {
        let mut list = String::from("[");
        for (i, e) in exprs.iter().enumerate() {
            if i > 0 {
                list.push(',');
            }
            let mut r = GoStruct::new().field("key", json!(e.key)).field("operator", json!(e.operator));
            if let Some(v) = e.values.as_ref().filter(|v| !v.is_empty()) {
                r = r.field("values", json!(v));
            }
            list.push_str(&r.finish().to_string());
        }
        list.push(']');
        st = st.rendered("matchExpressions", &BadValue::Rendered(list));
    }
    st.finish()
}

/// A map as a JSON value, `null` when absent (Go prints a nil map as `null`).
pub fn map_value(m: Option<&BTreeMap<String, String>>) -> Value {
    match m {
        Some(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), Value::String(v.clone()))).collect::<Map<_, _>>()),
        None => Value::Null,
    }
}

/// `ValidateLabelSelector` (strict: label values in expressions are checked).
pub fn validate_label_selector(s: &LabelSelector, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_labels(s.match_labels.as_ref(), &path.child("matchLabels"));
    for (i, expr) in s.match_expressions.iter().flatten().enumerate() {
        errs.extend(validate_selector_requirement(expr, &path.child("matchExpressions").index(i)));
    }
    errs
}

fn validate_selector_requirement(r: &LabelSelectorRequirement, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let values = r.values.as_deref().unwrap_or(&[]);
    match r.operator.as_str() {
        "In" | "NotIn" => {
            if values.is_empty() {
                errs.push(field::required(
                    &path.child("values"),
                    "must be specified when `operator` is 'In' or 'NotIn'",
                ));
            }
        }
        "Exists" | "DoesNotExist" => {
            if !values.is_empty() {
                errs.push(field::forbidden(
                    &path.child("values"),
                    "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
                ));
            }
        }
        op => errs.push(field::invalid(
            &path.child("operator"),
            BadValue::Json(json!(op)),
            "not a valid selector operator",
        )),
    }
    errs.extend(validate_label_name(&r.key, &path.child("key")));
    for (i, v) in values.iter().enumerate() {
        for msg in names::is_label_value(v) {
            errs.push(field::invalid(&path.child("values").index(i), v.as_str(), msg));
        }
    }
    errs
}

/// A selector converted for matching (`LabelSelectorAsSelector`): `Nothing` for an unset selector,
/// `Everything` for an empty one.
pub enum Selector {
    Nothing,
    Requirements(Vec<(String, String, Vec<String>)>),
}

impl Selector {
    /// `Selector.Empty()`: true only for a selector with no requirements (which matches everything).
    pub fn is_empty(&self) -> bool {
        matches!(self, Selector::Requirements(r) if r.is_empty())
    }

    pub fn matches(&self, labels: Option<&BTreeMap<String, String>>) -> bool {
        let Selector::Requirements(reqs) = self else {
            return false;
        };
        reqs.iter().all(|(key, op, values)| {
            let value = labels.and_then(|l| l.get(key));
            match op.as_str() {
                "In" => value.is_some_and(|v| values.contains(v)),
                "NotIn" => value.is_none_or(|v| !values.contains(v)),
                "Exists" => value.is_some(),
                "DoesNotExist" => value.is_none(),
                _ => false,
            }
        })
    }
}

/// `metav1.LabelSelectorAsSelector`; `Err` when any requirement is malformed.
pub fn selector_as_selector(s: &LabelSelector) -> Result<Selector, ()> {
    if selector_is_unset(s) {
        return Ok(Selector::Nothing);
    }
    let mut reqs = Vec::new();
    let valid_req = |key: &str, values: &[String]| {
        names::is_qualified_name(key).is_empty() && values.iter().all(|v| names::is_label_value(v).is_empty())
    };
    for (k, v) in s.match_labels.iter().flatten() {
        if !valid_req(k, std::slice::from_ref(v)) {
            return Err(());
        }
        reqs.push((k.clone(), "In".to_string(), vec![v.clone()]));
    }
    for e in s.match_expressions.iter().flatten() {
        let values = e.values.clone().unwrap_or_default();
        let count_ok = match e.operator.as_str() {
            "In" | "NotIn" => !values.is_empty(),
            "Exists" | "DoesNotExist" => values.is_empty(),
            _ => return Err(()),
        };
        if !count_ok || !valid_req(&e.key, &values) {
            return Err(());
        }
        reqs.push((e.key.clone(), e.operator.clone(), values));
    }
    Ok(Selector::Requirements(reqs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(name: &str, ns: &str) -> ObjectMeta {
        ObjectMeta { name: Some(name.into()), namespace: Some(ns.into()), ..Default::default() }
    }

    // pkg/api/validation/objectmeta_test.go: TestValidateObjectMetaNamespaces, TestValidateObjectMetaOwnerReferences,
    // TestValidateAnnotations, TestValidateFinalizersUpdate.
    #[test]
    fn names_and_namespaces() {
        let p = Path::new("metadata");
        assert!(validate_object_meta(&meta("web", "default"), true, names::name_is_dns_subdomain, &p).is_empty());
        let errs = validate_object_meta(&meta("", ""), true, names::name_is_dns_subdomain, &p);
        let texts: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                "metadata.name: Required value: name or generateName is required",
                "metadata.namespace: Required value"
            ]
        );
        let errs = validate_object_meta(&meta("x", "default"), false, names::name_is_dns_subdomain, &p);
        assert_eq!(errs[0].to_string(), "metadata.namespace: Forbidden: not allowed on this type");
        let mut m = meta("x", "default");
        m.generate_name = Some("Web-".into());
        m.name = Some("Web-abcde".into());
        let errs = validate_object_meta(&m, true, names::name_is_dns_subdomain, &p);
        assert_eq!(errs.len(), 2);
        assert!(
            errs[0]
                .to_string()
                .starts_with("metadata.generateName: Invalid value: \"Web-\": a lowercase RFC 1123 subdomain")
        );
        assert!(errs[1].to_string().starts_with("metadata.name: Invalid value: \"Web-abcde\""));
    }

    #[test]
    fn annotations_size_and_keys() {
        let mut a = BTreeMap::new();
        a.insert("Example.com/Key".to_string(), "v".to_string());
        assert!(validate_annotations(Some(&a), &Path::new("metadata.annotations")).is_empty());
        a.insert("big".to_string(), "x".repeat(TOTAL_ANNOTATION_SIZE_LIMIT));
        let errs = validate_annotations(Some(&a), &Path::new("metadata").child("annotations"));
        assert_eq!(errs[0].to_string(), "metadata.annotations: Too long: may not be more than 262144 bytes");
    }

    #[test]
    fn owner_references() {
        let r = OwnerReference {
            api_version: "v1".into(),
            kind: "Event".into(),
            name: "e".into(),
            uid: "1".into(),
            ..Default::default()
        };
        let mut m = meta("x", "ns");
        m.owner_references = Some(vec![r]);
        let errs = validate_object_meta(&m, true, names::name_is_dns_subdomain, &Path::new("metadata"));
        assert_eq!(
            errs[0].to_string(),
            r#"metadata.ownerReferences: Invalid value: {"apiVersion":"v1","kind":"Event","name":"e","uid":"1"}: /v1, Kind=Event is disallowed from being an owner"#
        );
    }

    #[test]
    fn finalizer_names() {
        let mut m = meta("x", "ns");
        m.finalizers = Some(vec!["kubernetes".into(), "foo".into(), "example.com/foo".into()]);
        let errs = validate_object_meta(&m, true, names::name_is_dns_subdomain, &Path::new("metadata"));
        let texts: Vec<String> = errs.iter().map(|e| e.to_string()).collect();
        assert_eq!(
            texts,
            vec![
                r#"metadata.finalizers[1]: Invalid value: "foo": name is neither a standard finalizer name nor is it fully qualified"#
            ]
        );
    }

    #[test]
    fn selectors() {
        let s = LabelSelector {
            match_labels: Some([("app".to_string(), "web".to_string())].into()),
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "tier".into(),
                operator: "NotIn".into(),
                values: Some(vec!["db".into()]),
            }]),
        };
        let sel = selector_as_selector(&s).unwrap();
        let labels: BTreeMap<String, String> = [("app".to_string(), "web".to_string())].into();
        assert!(sel.matches(Some(&labels)));
        assert!(!sel.matches(None));
        assert_eq!(
            selector_value(&s).to_string(),
            r#"{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"NotIn","values":["db"]}]}"#
        );
        let bad = LabelSelector {
            match_expressions: Some(vec![LabelSelectorRequirement {
                key: "a".into(),
                operator: "Has".into(),
                values: None,
            }]),
            ..Default::default()
        };
        assert!(selector_as_selector(&bad).is_err());
        let errs = validate_label_selector(&bad, &Path::new("spec").child("selector"));
        assert_eq!(
            errs[0].to_string(),
            r#"spec.selector.matchExpressions[0].operator: Invalid value: "Has": not a valid selector operator"#
        );
        assert!(selector_as_selector(&LabelSelector::default()).is_ok_and(|s| !s.is_empty()));
        assert!(
            selector_as_selector(&LabelSelector { match_labels: Some(BTreeMap::new()), ..Default::default() })
                .is_ok_and(|s| s.is_empty())
        );
    }
}
