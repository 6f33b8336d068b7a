//! Validation of Deployments and ReplicaSets: replicas, selector against template labels, the pod template
//! (whose restartPolicy must be Always), the rollout strategy and its limits, and selector immutability.
//!
//! Follows kubernetes/kubernetes `pkg/apis/apps/validation/validation.go` (`ValidateDeployment`,
//! `ValidateReplicaSet` and their updates) and the update rules of `pkg/registry/apps/{deployment,
//! replicaset}/strategy.go` (`spec.selector` may not change in apps/v1).

use k8s_openapi::api::apps::v1::{Deployment, DeploymentSpec, DeploymentStrategy, ReplicaSet, ReplicaSetSpec};
use k8s_openapi::api::core::v1::{PodSpec, PodTemplateSpec};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::core::validate_pod_template_spec;
use super::field::{self, BadValue, FieldError, GoStruct, Path};
use super::meta::{self, FIELD_IMMUTABLE};
use super::names;

/// `ValidateDeployment`.
pub fn validate_deployment(d: &Deployment) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta(&d.metadata, true, names::name_is_dns_subdomain, &Path::new("metadata"));
    errs.extend(validate_deployment_spec(&d.spec, &Path::new("spec")));
    errs
}

/// `ValidateDeploymentUpdate` plus the strategy's selector immutability.
pub fn validate_deployment_update(new: &Deployment, old: &Deployment) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata"));
    errs.extend(validate_deployment_spec(&new.spec, &Path::new("spec")));
    errs.extend(validate_selector_immutable(&new.spec.selector, &old.spec.selector));
    errs
}

/// `ValidateReplicaSet`.
pub fn validate_replica_set(rs: &ReplicaSet) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta(&rs.metadata, true, names::name_is_dns_subdomain, &Path::new("metadata"));
    errs.extend(validate_replica_set_spec(&rs.spec, &Path::new("spec")));
    errs
}

/// The ReplicaSet strategy validates the new object as on create, then as an update (so spec errors
/// appear twice upstream and are merged when printed), then the selector's immutability.
pub fn validate_replica_set_update(new: &ReplicaSet, old: &ReplicaSet) -> Vec<FieldError> {
    let mut errs = validate_replica_set(new);
    errs.extend(meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata")));
    errs.extend(validate_replica_set_spec(&new.spec, &Path::new("spec")));
    errs.extend(validate_selector_immutable(&new.spec.selector, &old.spec.selector));
    errs
}

fn validate_selector_immutable(new: &LabelSelector, old: &LabelSelector) -> Vec<FieldError> {
    if semantic_selector(new) == semantic_selector(old) {
        return Vec::new();
    }
    let value = if meta::selector_is_unset(new) { BadValue::Json(Value::Null) } else { meta::selector_value(new) };
    vec![field::invalid(&Path::new("spec").child("selector"), value, FIELD_IMMUTABLE)]
}

/// A selector's requirements: label pairs, then (key, operator, values) expressions.
type SelectorParts = (Vec<(String, String)>, Vec<(String, String, Vec<String>)>);

/// A selector compared as `apiequality.Semantic.DeepEqual` would (empty lists and maps like nil ones).
fn semantic_selector(s: &LabelSelector) -> SelectorParts {
    let labels = s.match_labels.iter().flatten().map(|(k, v)| (k.clone(), v.clone())).collect();
    let exprs = s
        .match_expressions
        .iter()
        .flatten()
        .map(|e| (e.key.clone(), e.operator.clone(), e.values.clone().unwrap_or_default()))
        .collect();
    (labels, exprs)
}

/// The selector checks shared by Deployments and ReplicaSets, then the template against it.
fn validate_selector_and_template(
    selector: &LabelSelector,
    template: &PodTemplateSpec,
    kind_word: &str,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let sel_path = path.child("selector");
    if meta::selector_is_unset(selector) {
        errs.push(field::required(&sel_path, ""));
    } else {
        errs.extend(meta::validate_label_selector(selector, &sel_path));
        let n = selector.match_labels.as_ref().map_or(0, |m| m.len())
            + selector.match_expressions.as_ref().map_or(0, |e| e.len());
        if n == 0 {
            errs.push(field::invalid(
                &sel_path,
                meta::selector_value(selector),
                format!("empty selector is invalid for {kind_word}"),
            ));
        }
    }
    match meta::selector_as_selector(selector) {
        Err(()) => errs.push(field::invalid(&sel_path, meta::selector_value(selector), "invalid label selector")),
        Ok(sel) => errs.extend(validate_template_for_replica_set(template, &sel, &path.child("template"))),
    }
    errs
}

/// `ValidatePodTemplateSpecForReplicaSet`.
fn validate_template_for_replica_set(
    template: &PodTemplateSpec,
    selector: &meta::Selector,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let default_meta = ObjectMeta::default();
    let tmeta = template.metadata.as_ref().unwrap_or(&default_meta);
    if !selector.is_empty() && !selector.matches(tmeta.labels.as_ref()) {
        errs.push(field::invalid(
            &path.child("metadata").child("labels"),
            meta::map_value(tmeta.labels.as_ref()),
            "`selector` does not match template `labels`",
        ));
    }
    errs.extend(validate_pod_template_spec(template, path));
    let default_spec = PodSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    let restart_policy = spec.restart_policy.as_deref().unwrap_or("");
    if restart_policy != "Always" {
        errs.push(field::not_supported(
            &path.child("spec").child("restartPolicy"),
            BadValue::Json(json!(restart_policy)),
            &["Always"],
        ));
    }
    if spec.active_deadline_seconds.is_some() {
        errs.push(field::forbidden(
            &path.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in ReplicaSet is not Supported",
        ));
    }
    errs
}

/// `ValidateReplicaSetSpec`.
fn validate_replica_set_spec(spec: &ReplicaSetSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = meta::validate_nonnegative(i64::from(spec.replicas.unwrap_or(0)), &path.child("replicas"));
    errs.extend(meta::validate_nonnegative(
        i64::from(spec.min_ready_seconds.unwrap_or(0)),
        &path.child("minReadySeconds"),
    ));
    // Upstream words the empty-selector error for ReplicaSets as for Deployments.
    let template = spec.template.clone().unwrap_or_default();
    errs.extend(validate_selector_and_template(&spec.selector, &template, "deployment", path));
    errs
}

/// `ValidateDeploymentSpec`.
fn validate_deployment_spec(spec: &DeploymentSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = meta::validate_nonnegative(i64::from(spec.replicas.unwrap_or(0)), &path.child("replicas"));
    errs.extend(validate_selector_and_template(&spec.selector, &spec.template, "deployment", path));
    errs.extend(validate_strategy(&spec.strategy.clone().unwrap_or_default(), &path.child("strategy")));
    let min_ready = spec.min_ready_seconds.unwrap_or(0);
    errs.extend(meta::validate_nonnegative(i64::from(min_ready), &path.child("minReadySeconds")));
    if let Some(r) = spec.revision_history_limit {
        errs.extend(meta::validate_nonnegative(i64::from(r), &path.child("revisionHistoryLimit")));
    }
    if let Some(p) = spec.progress_deadline_seconds {
        let pp = path.child("progressDeadlineSeconds");
        errs.extend(meta::validate_nonnegative(i64::from(p), &pp));
        if p <= min_ready {
            errs.push(field::invalid(&pp, p, "must be greater than minReadySeconds"));
        }
    }
    errs
}

fn int_or_string_json(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(i) => json!(i),
        IntOrString::String(s) => json!(s),
    }
}

/// The internal `apps.DeploymentStrategy` as Go's JSON encoder prints it.
fn strategy_value(strategy: &DeploymentStrategy) -> BadValue {
    let rolling = match &strategy.rolling_update {
        None => BadValue::Json(Value::Null),
        Some(r) => GoStruct::new()
            .field("MaxUnavailable", r.max_unavailable.as_ref().map_or(json!(0), int_or_string_json))
            .field("MaxSurge", r.max_surge.as_ref().map_or(json!(0), int_or_string_json))
            .finish(),
    };
    GoStruct::new()
        .field("Type", json!(strategy.type_.as_deref().unwrap_or("")))
        .rendered("RollingUpdate", &rolling)
        .finish()
}

/// `ValidateDeploymentStrategy`.
fn validate_strategy(strategy: &DeploymentStrategy, path: &Path) -> Vec<FieldError> {
    match strategy.type_.as_deref().unwrap_or("") {
        "Recreate" => {
            if strategy.rolling_update.is_some() {
                vec![field::forbidden(
                    &path.child("rollingUpdate"),
                    "may not be specified when strategy `type` is 'Recreate'",
                )]
            } else {
                Vec::new()
            }
        }
        "RollingUpdate" => match &strategy.rolling_update {
            None => vec![field::required(&path.child("rollingUpdate"), "this should be defaulted and never be nil")],
            Some(r) => {
                let zero = IntOrString::Int(0);
                validate_rolling_update(
                    r.max_unavailable.as_ref().unwrap_or(&zero),
                    r.max_surge.as_ref().unwrap_or(&zero),
                    &path.child("rollingUpdate"),
                )
            }
        },
        _ => vec![field::not_supported(path, strategy_value(strategy), &["Recreate", "RollingUpdate"])],
    }
}

/// `ValidateRollingUpdateDeployment`.
fn validate_rolling_update(max_unavailable: &IntOrString, max_surge: &IntOrString, path: &Path) -> Vec<FieldError> {
    let mu_path = path.child("maxUnavailable");
    let mut errs = validate_positive_int_or_percent(max_unavailable, &mu_path);
    errs.extend(validate_positive_int_or_percent(max_surge, &path.child("maxSurge")));
    if int_or_percent_value(max_unavailable) == 0 && int_or_percent_value(max_surge) == 0 {
        errs.push(field::invalid(&mu_path, int_or_string_json(max_unavailable), "may not be 0 when `maxSurge` is 0"));
    }
    if let Some(v) = percent_value(max_unavailable)
        && v > 100
    {
        errs.push(field::invalid(&mu_path, int_or_string_json(max_unavailable), "must not be greater than 100%"));
    }
    errs
}

fn validate_positive_int_or_percent(v: &IntOrString, path: &Path) -> Vec<FieldError> {
    match v {
        IntOrString::String(s) => {
            names::is_valid_percent(s).into_iter().map(|m| field::invalid(path, BadValue::Json(json!(s)), m)).collect()
        }
        IntOrString::Int(i) => meta::validate_nonnegative(i64::from(*i), path),
    }
}

/// The number in a valid percentage (`25%` → 25); `None` for integers and malformed strings.
fn percent_value(v: &IntOrString) -> Option<i64> {
    match v {
        IntOrString::String(s) if names::is_valid_percent(s).is_empty() => {
            // Go's Atoi fails (yielding 0) for numbers beyond int64.
            Some(s[..s.len() - 1].parse::<i64>().unwrap_or(0))
        }
        _ => None,
    }
}

/// `getIntOrPercentValue`: the percentage's number, the integer, or 0 for a malformed string
/// (`IntValue` of a non-numeric string).
fn int_or_percent_value(v: &IntOrString) -> i64 {
    match v {
        IntOrString::Int(i) => i64::from(*i),
        IntOrString::String(s) => percent_value(v).unwrap_or_else(|| s.parse::<i64>().unwrap_or(0)),
    }
}
