//! Validation of the core/v1 kinds kubeplay checks: Pod (create and update), the pod template of workloads,
//! Service, Namespace, ConfigMap and Secret.
//!
//! Follows kubernetes/kubernetes `pkg/apis/core/validation/validation.go` as of v1.37 (`ValidatePodCreate`,
//! `ValidatePodUpdate`, `ValidatePodTemplateSpec`, `ValidateServiceCreate`/`Update`, `ValidateNamespace`,
//! `ValidateConfigMap`, `ValidateSecret` and their updates), with RelaxedServiceNameValidation (GA in v1.37):
//! Service names are RFC 1123 labels, no longer DNS-1035 labels.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ConfigMap, Namespace, Pod, PodSpec, PodTemplateSpec, Secret, Service, ServicePort, ServiceSpec,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::field::{self, BadValue, FieldError, GoStruct, Path};
use super::meta::{self, FIELD_IMMUTABLE};
use super::names;
use super::pod_spec::{self, PodOpts, s};

/// Service names since v1.37 (RelaxedServiceNameValidation, GA and locked on): RFC 1123 labels. Before
/// v1.36 they had to be DNS-1035 labels (starting with a letter).
pub const RELAXED_SERVICE_NAME_VALIDATION: bool = true;

/// The largest total size of a ConfigMap's or Secret's data.
pub const MAX_SECRET_SIZE: usize = 1024 * 1024;

const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";
const POD_DELETION_COST: &str = "controller.kubernetes.io/pod-deletion-cost";
const SECCOMP_POD_ANNOTATION: &str = "seccomp.security.alpha.kubernetes.io/pod";
const SECCOMP_CONTAINER_PREFIX: &str = "container.seccomp.security.alpha.kubernetes.io/";
const APPARMOR_CONTAINER_PREFIX: &str = "container.apparmor.security.beta.kubernetes.io/";

// ---------------------------------------------------------------------------------------------------------
// Pods

fn empty_spec() -> PodSpec {
    PodSpec::default()
}

/// `ValidatePodCreate`.
pub fn validate_pod(pod: &Pod) -> Vec<FieldError> {
    let default_spec = empty_spec();
    let spec = pod.spec.as_ref().unwrap_or(&default_spec);
    let mut errs = validate_pod_metadata_and_spec(&pod.metadata, spec);
    let sp = Path::new("spec");
    if spec.ephemeral_containers.as_ref().is_some_and(|e| !e.is_empty()) {
        errs.push(field::forbidden(&sp.child("ephemeralContainers"), "cannot be set on create"));
    }
    if !s(&spec.node_name).is_empty() && spec.scheduling_gates.as_ref().is_some_and(|g| !g.is_empty()) {
        errs.push(field::forbidden(&sp.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
    }
    errs
}

fn validate_pod_metadata_and_spec(meta: &ObjectMeta, spec: &PodSpec) -> Vec<FieldError> {
    let mp = Path::new("metadata");
    let sp = Path::new("spec");
    let mut errs = meta::validate_object_meta(meta, true, names::name_is_dns_subdomain, &mp);
    errs.extend(validate_pod_specific_annotations(meta.annotations.as_ref(), spec, &mp.child("annotations")));
    errs.extend(pod_spec::validate_pod_spec(spec, Some(meta), &sp, PodOpts { resource_is_pod: true }));
    if s(&spec.service_account_name).is_empty() {
        for (vi, v) in spec.volumes.iter().flatten().enumerate() {
            for (si, src) in v.projected.iter().flat_map(|p| p.sources.iter().flatten()).enumerate() {
                if src.service_account_token.is_some() {
                    let p = sp
                        .child("volumes")
                        .index(vi)
                        .child("projected")
                        .child("sources")
                        .index(si)
                        .child("serviceAccountToken");
                    errs.push(field::forbidden(&p, "must not be specified when serviceAccountName is not set"));
                }
            }
        }
    }
    if let Some(g) = spec.termination_grace_period_seconds {
        errs.extend(meta::validate_nonnegative(g, &sp.child("terminationGracePeriodSeconds")));
    }
    for (list, name) in
        [(&spec.containers[..], "containers"), (spec.init_containers.as_deref().unwrap_or(&[]), "initContainers")]
    {
        for (i, c) in list.iter().enumerate() {
            errs.extend(pod_spec::validate_container_only_for_pod(c, &sp.child(name).index(i)));
        }
    }
    errs
}

/// `ValidatePodSpecificAnnotations`: mirror pods, deletion cost, seccomp and AppArmor annotations.
fn validate_pod_specific_annotations(
    annotations: Option<&BTreeMap<String, String>>,
    spec: &PodSpec,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let Some(annotations) = annotations else {
        return errs;
    };
    if let Some(v) = annotations.get(MIRROR_POD_ANNOTATION)
        && s(&spec.node_name).is_empty()
    {
        errs.push(field::invalid(
            &path.key(MIRROR_POD_ANNOTATION),
            v.as_str(),
            "must set spec.nodeName if mirror pod annotation is set",
        ));
    }
    if let Some(v) = annotations.get(POD_DELETION_COST)
        && !valid_deletion_cost(v)
    {
        errs.push(field::invalid(&path.key(POD_DELETION_COST), v.as_str(), "must be a 32bit integer"));
    }
    if let Some(p) = annotations.get(SECCOMP_POD_ANNOTATION) {
        errs.extend(validate_seccomp_annotation(p, &path.child(SECCOMP_POD_ANNOTATION)));
    }
    for (k, p) in annotations {
        if k.starts_with(SECCOMP_CONTAINER_PREFIX) {
            errs.extend(validate_seccomp_annotation(p, &path.child(k)));
        }
    }
    for (k, p) in annotations {
        let Some(container) = k.strip_prefix(APPARMOR_CONTAINER_PREFIX) else {
            continue;
        };
        let exists = spec.containers.iter().chain(spec.init_containers.iter().flatten()).any(|c| c.name == container)
            || spec.ephemeral_containers.iter().flatten().any(|c| c.name == container);
        if !exists {
            errs.push(field::invalid(&path.key(k), container, "container not found"));
        }
        if !(p.is_empty() || p == "runtime/default" || p == "unconfined" || p.starts_with("localhost/")) {
            errs.push(field::invalid(
                &path.key(k),
                p.as_str(),
                format!("invalid AppArmor profile name: {}", field::go_quote(p)),
            ));
        }
    }
    errs
}

/// The deletion cost must parse as an int32 without a `+` or leading zeros.
fn valid_deletion_cost(v: &str) -> bool {
    let first_ok = match v.as_bytes().first() {
        Some(b'-') => true,
        Some(b'0') => v == "0",
        Some(c) => c.is_ascii_digit(),
        None => false,
    };
    first_ok && v.parse::<i32>().is_ok()
}

fn validate_seccomp_annotation(p: &str, path: &Path) -> Vec<FieldError> {
    if matches!(p, "runtime/default" | "docker/default" | "unconfined") {
        return Vec::new();
    }
    if let Some(local) = p.strip_prefix("localhost/") {
        let mut errs = Vec::new();
        if local.starts_with('/') {
            errs.push(field::invalid(path, local, "must be a relative path"));
        }
        if local.split('/').any(|x| x == "..") {
            errs.push(field::invalid(path, local, "must not contain '..'"));
        }
        return errs;
    }
    vec![field::invalid(path, p, "must be a valid seccomp profile")]
}

const UPDATABLE_POD_SPEC_FIELDS: [&str; 5] = [
    "`spec.containers[*].image`",
    "`spec.initContainers[*].image`",
    "`spec.activeDeadlineSeconds`",
    "`spec.tolerations` (only additions to existing tolerations)",
    "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
];

/// `ValidatePodUpdate`: only images, activeDeadlineSeconds, added tolerations and removed scheduling gates
/// may change.
pub fn validate_pod_update(new: &Pod, old: &Pod) -> Vec<FieldError> {
    let default_spec = empty_spec();
    let new_spec = new.spec.as_ref().unwrap_or(&default_spec);
    let old_spec = old.spec.as_ref().unwrap_or(&default_spec);
    let mp = Path::new("metadata");
    let sp = Path::new("spec");
    let mut errs = meta::validate_object_meta_update(&new.metadata, &old.metadata, &mp);
    errs.extend(validate_pod_metadata_and_spec(&new.metadata, new_spec));
    errs.extend(validate_pod_annotation_updates(new, old, new_spec, &mp.child("annotations")));

    for (new_list, old_list, name) in [
        (&new_spec.containers[..], &old_spec.containers[..], "containers"),
        (
            new_spec.init_containers.as_deref().unwrap_or(&[]),
            old_spec.init_containers.as_deref().unwrap_or(&[]),
            "initContainers",
        ),
    ] {
        let p = sp.child(name);
        if new_list.len() != old_list.len() {
            errs.push(field::forbidden(&p, "pod updates may not add or remove containers"));
            return errs;
        }
        for (i, c) in new_list.iter().enumerate() {
            let image = s(&c.image);
            if image.is_empty() {
                errs.push(field::required(&p.index(i).child("image"), ""));
            }
            if image.trim() != image {
                errs.push(field::invalid(
                    &p.index(i).child("image"),
                    image,
                    "must not have leading or trailing whitespace",
                ));
            }
        }
    }

    let ads = sp.child("activeDeadlineSeconds");
    match (new_spec.active_deadline_seconds, old_spec.active_deadline_seconds) {
        (Some(n), _) if !(0..=i64::from(i32::MAX)).contains(&n) => {
            errs.push(field::invalid(&ads, n, names::inclusive_range_error(0, i64::from(i32::MAX))));
            return errs;
        }
        (Some(n), Some(o)) if o < n => {
            errs.push(field::invalid(&ads, n, "must be less than or equal to previous value"));
            return errs;
        }
        (None, Some(_)) => {
            errs.push(field::invalid(&ads, Value::Null, "must not update from a positive integer to nil value"))
        }
        _ => {}
    }

    let new_tolerations = new_spec.tolerations.as_deref().unwrap_or(&[]);
    let old_tolerations = old_spec.tolerations.as_deref().unwrap_or(&[]);
    let tp = sp.child("tolerations");
    let kept = old_tolerations.iter().all(|o| {
        new_tolerations.iter().any(|n| {
            let mut o = o.clone();
            o.toleration_seconds = n.toleration_seconds;
            &o == n
        })
    });
    if kept {
        errs.extend(pod_spec::validate_tolerations(new_tolerations, &tp));
    } else {
        errs.push(field::forbidden(&tp, "existing toleration can not be modified except its tolerationSeconds"));
    }

    let old_gates: Vec<&str> = old_spec.scheduling_gates.iter().flatten().map(|g| g.name.as_str()).collect();
    let mut added: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, g) in new_spec.scheduling_gates.iter().flatten().enumerate() {
        added.insert(g.name.as_str(), i);
    }
    for (gate, i) in added {
        if !old_gates.contains(&gate) {
            errs.push(field::forbidden(
                &sp.child("schedulingGates").index(i).child("name"),
                format!("only deletion is allowed, but found new scheduling gate '{gate}'"),
            ));
        }
    }

    if semantic_json(new_spec) == semantic_json(old_spec) {
        return errs;
    }
    let mut munged = new_spec.clone();
    for (c, o) in munged.containers.iter_mut().zip(&old_spec.containers) {
        c.image = o.image.clone();
    }
    if let (Some(inits), Some(old_inits)) = (munged.init_containers.as_mut(), old_spec.init_containers.as_ref()) {
        for (c, o) in inits.iter_mut().zip(old_inits) {
            c.image = o.image.clone();
        }
    }
    munged.active_deadline_seconds = old_spec.active_deadline_seconds;
    munged.scheduling_gates = old_spec.scheduling_gates.clone();
    munged.tolerations = old_spec.tolerations.clone();
    if old_spec.termination_grace_period_seconds.is_some_and(|g| g < 0)
        && munged.termination_grace_period_seconds == Some(1)
    {
        munged.termination_grace_period_seconds = old_spec.termination_grace_period_seconds;
    }
    let (old_json, new_json) = (semantic_json(old_spec), semantic_json(&munged));
    if old_json != new_json {
        errs.push(field::forbidden(
            &sp,
            format!(
                "pod updates may not change fields other than {}\n{}",
                UPDATABLE_POD_SPEC_FIELDS.join(","),
                spec_diff(&old_json, &new_json)
            ),
        ));
    }
    errs
}

fn validate_pod_annotation_updates(new: &Pod, old: &Pod, new_spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let empty = BTreeMap::new();
    let new_a = new.metadata.annotations.as_ref().unwrap_or(&empty);
    let old_a = old.metadata.annotations.as_ref().unwrap_or(&empty);
    for (k, old_v) in old_a {
        if new_a.get(k) == Some(old_v) {
            continue;
        }
        if k.starts_with(APPARMOR_CONTAINER_PREFIX) {
            errs.push(field::forbidden(&path.key(k), "may not remove or update AppArmor annotations"));
        }
        if k == MIRROR_POD_ANNOTATION {
            errs.push(field::forbidden(&path.key(k), "may not remove or update mirror pod annotation"));
        }
    }
    for k in new_a.keys() {
        if old_a.contains_key(k) {
            continue;
        }
        if k.starts_with(APPARMOR_CONTAINER_PREFIX) {
            errs.push(field::forbidden(&path.key(k), "may not add AppArmor annotations"));
        }
        if k == MIRROR_POD_ANNOTATION {
            errs.push(field::forbidden(&path.key(k), "may not add mirror pod annotation"));
        }
    }
    errs.extend(validate_pod_specific_annotations(Some(new_a), new_spec, path));
    errs
}

/// A value for `apiequality.Semantic.DeepEqual`-style comparison: JSON with empty lists dropped, since Go
/// treats a nil and an empty slice alike.
pub(crate) fn semantic_json<T: serde::Serialize>(v: &T) -> Value {
    fn strip(v: Value) -> Value {
        match v {
            Value::Object(m) => Value::Object(
                m.into_iter()
                    .filter(|(_, v)| !matches!(v, Value::Array(a) if a.is_empty()))
                    .map(|(k, v)| (k, strip(v)))
                    .collect(),
            ),
            Value::Array(a) => Value::Array(a.into_iter().map(strip).collect()),
            other => other,
        }
    }
    strip(serde_json::to_value(v).unwrap_or(Value::Null))
}

/// A compact rendering of how two pod specs differ, in the spirit of the `cmp.Diff` upstream appends.
fn spec_diff(old: &Value, new: &Value) -> String {
    let empty = serde_json::Map::new();
    let old_m = old.as_object().unwrap_or(&empty);
    let new_m = new.as_object().unwrap_or(&empty);
    let mut keys: Vec<&String> = old_m.keys().chain(new_m.keys()).collect();
    keys.sort();
    keys.dedup();
    let go_name = |k: &str| {
        let mut c = k.chars();
        c.next().map(|f| f.to_ascii_uppercase().to_string() + c.as_str()).unwrap_or_default()
    };
    let mut out = String::from("  core.PodSpec{\n");
    let mut identical = 0;
    for k in keys {
        let (o, n) = (old_m.get(k), new_m.get(k));
        if o == n {
            identical += 1;
            continue;
        }
        if identical > 0 {
            out.push_str(&format!("  \t... // {identical} identical fields\n"));
            identical = 0;
        }
        if let Some(o) = o {
            out.push_str(&format!("- \t{}: {},\n", go_name(k), field::go_json(o)));
        }
        if let Some(n) = n {
            out.push_str(&format!("+ \t{}: {},\n", go_name(k), field::go_json(n)));
        }
    }
    if identical > 0 {
        out.push_str(&format!("  \t... // {identical} identical fields\n"));
    }
    out.push_str("  }\n");
    out
}

/// `ValidatePodTemplateSpec`: labels and annotations of the template (reported at `<path>.labels`, as
/// upstream does), then its pod spec.
pub fn validate_pod_template_spec(template: &PodTemplateSpec, path: &Path) -> Vec<FieldError> {
    let default_meta = ObjectMeta::default();
    let tmeta = template.metadata.as_ref().unwrap_or(&default_meta);
    let default_spec = empty_spec();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    let mut errs = meta::validate_labels(tmeta.labels.as_ref(), &path.child("labels"));
    errs.extend(meta::validate_annotations(tmeta.annotations.as_ref(), &path.child("annotations")));
    errs.extend(validate_pod_specific_annotations(tmeta.annotations.as_ref(), spec, &path.child("annotations")));
    errs.extend(pod_spec::validate_pod_spec(spec, None, &path.child("spec"), PodOpts::default()));
    if spec.ephemeral_containers.as_ref().is_some_and(|e| !e.is_empty()) {
        errs.push(field::forbidden(
            &path.child("spec").child("ephemeralContainers"),
            "ephemeral containers not allowed in pod template",
        ));
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Services

fn service_name_fn() -> names::NameFn {
    if RELAXED_SERVICE_NAME_VALIDATION { names::name_is_dns_label } else { names::name_is_dns1035_label }
}

fn empty_service_spec() -> ServiceSpec {
    ServiceSpec::default()
}

/// `NormalizeClusterIPs` on create: a client that sets only `clusterIP` gets `clusterIPs` to match.
pub fn normalize_cluster_ips_create(spec: &mut ServiceSpec) {
    if !s(&spec.cluster_ip).is_empty() && spec.cluster_ips.as_ref().is_none_or(|c| c.is_empty()) {
        spec.cluster_ips = Some(vec![s(&spec.cluster_ip).to_string()]);
    }
}

/// `NormalizeClusterIPs` on update: keeps `clusterIP` and `clusterIPs` in step when an older client
/// changed or cleared only one of them.
pub fn normalize_cluster_ips_update(new: &mut ServiceSpec, old: &ServiceSpec) {
    let old_ips = old.cluster_ips.clone().unwrap_or_default();
    let new_ips = new.cluster_ips.clone().unwrap_or_default();
    if !old_ips.is_empty() && new_ips.is_empty() && s(&old.cluster_ip) == s(&new.cluster_ip) {
        new.cluster_ips = old.cluster_ips.clone();
    }
    let same_ips = new.cluster_ips.clone().unwrap_or_default() == old_ips;
    if s(&old.cluster_ip) != s(&new.cluster_ip) {
        if !s(&old.cluster_ip).is_empty() && s(&new.cluster_ip).is_empty() {
            if same_ips {
                new.cluster_ips = None;
            }
        } else if same_ips {
            new.cluster_ips = Some(vec![s(&new.cluster_ip).to_string()]);
        }
    }
}

/// `ValidateServiceCreate`. The caller is expected to have run defaulting, `prepare_for_create` and
/// the IP and port allocation first, as the API server does.
pub fn validate_service(svc: &Service) -> Vec<FieldError> {
    let mut svc = svc.clone();
    normalize_cluster_ips_create(svc.spec.get_or_insert_with(empty_service_spec));
    let mut errs = meta::validate_object_meta(&svc.metadata, true, service_name_fn(), &Path::new("metadata"));
    errs.extend(validate_service_common(&svc, None));
    errs
}

/// `ValidateServiceUpdate`: the allocated cluster IPs and IP families may not change, and the object must
/// still be valid.
pub fn validate_service_update(new: &Service, old: &Service) -> Vec<FieldError> {
    let default_spec = empty_service_spec();
    let old_spec = old.spec.as_ref().unwrap_or(&default_spec);
    let mut new = new.clone();
    normalize_cluster_ips_update(new.spec.get_or_insert_with(empty_service_spec), old_spec);
    let new_spec = new.spec.as_ref().unwrap_or(&default_spec);
    let mut errs = meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata"));
    errs.extend(validate_upgrade_downgrade_cluster_ips(old_spec, new_spec));
    errs.extend(validate_upgrade_downgrade_ip_families(old_spec, new_spec));
    errs.extend(validate_load_balancer_class(Some(old_spec), new_spec));
    if needs_health_check(old_spec)
        && needs_health_check(new_spec)
        && old_spec.health_check_node_port != new_spec.health_check_node_port
    {
        errs.push(field::forbidden(&Path::new("spec").child("healthCheckNodePort"), FIELD_IMMUTABLE));
    }
    errs.extend(validate_service_common(&new, Some(old_spec)));
    errs
}

fn cluster_ips(spec: &ServiceSpec) -> &[String] {
    spec.cluster_ips.as_deref().unwrap_or(&[])
}

fn is_headless(spec: &ServiceSpec) -> bool {
    cluster_ips(spec).len() == 1 && cluster_ips(spec)[0] == "None"
}

fn externally_accessible(spec: &ServiceSpec) -> bool {
    let t = s(&spec.type_);
    t == "LoadBalancer"
        || t == "NodePort"
        || (t == "ClusterIP" && spec.external_ips.as_ref().is_some_and(|e| !e.is_empty()))
}

fn needs_health_check(spec: &ServiceSpec) -> bool {
    s(&spec.type_) == "LoadBalancer" && s(&spec.external_traffic_policy) == "Local"
}

/// The internal `core.ServicePort` (Go field names and order), as duplicate-port errors print it.
fn service_port_value(protocol: &str, port: i32) -> BadValue {
    GoStruct::new()
        .field("Name", json!(""))
        .field("Protocol", json!(protocol))
        .field("AppProtocol", Value::Null)
        .field("Port", json!(port))
        .field("TargetPort", json!(0))
        .field("NodePort", json!(0))
        .finish()
}

/// `validateService`.
fn validate_service_common(svc: &Service, old: Option<&ServiceSpec>) -> Vec<FieldError> {
    let default_spec = empty_service_spec();
    let spec = svc.spec.as_ref().unwrap_or(&default_spec);
    let mut errs = Vec::new();
    let annotations = svc.metadata.annotations.clone().unwrap_or_default();
    let hints = annotations.get("service.kubernetes.io/topology-aware-hints");
    let mode = annotations.get("service.kubernetes.io/topology-mode");
    if let (Some(h), Some(m)) = (hints, mode)
        && h != m
    {
        errs.push(field::invalid(
            &Path::new("metadata").child("annotations").key("service.kubernetes.io/topology-mode"),
            m.as_str(),
            "must match annotations[service.kubernetes.io/topology-aware-hints] when both are specified",
        ));
    }
    let sp = Path::new("spec");
    let type_ = s(&spec.type_);
    let ports = spec.ports.as_deref().unwrap_or(&[]);
    let headless = is_headless(spec);
    if ports.is_empty() && !headless && type_ != "ExternalName" {
        errs.push(field::required(&sp.child("ports"), ""));
    }
    match type_ {
        "LoadBalancer" | "NodePort" if headless => errs.push(field::invalid(
            &sp.child("clusterIPs").index(0),
            "None",
            format!("may not be set to 'None' for {type_} services"),
        )),
        "ExternalName" => {
            if !cluster_ips(spec).is_empty() {
                errs.push(field::forbidden(&sp.child("clusterIPs"), "may not be set for ExternalName services"));
            }
            if spec.ip_families.as_ref().is_some_and(|f| !f.is_empty()) {
                errs.push(field::forbidden(&sp.child("ipFamilies"), "may not be set for ExternalName services"));
            }
            if spec.ip_family_policy.is_some() {
                errs.push(field::forbidden(&sp.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
            }
            let external_name = s(&spec.external_name);
            let cname = external_name.strip_suffix('.').unwrap_or(external_name);
            if cname.is_empty() {
                errs.push(field::required(&sp.child("externalName"), ""));
            } else {
                for m in names::is_dns1123_subdomain(cname) {
                    errs.push(field::invalid(&sp.child("externalName"), cname, m));
                }
            }
        }
        _ => {}
    }
    let mut port_names = std::collections::BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        errs.extend(validate_service_port(port, ports.len() > 1, &mut port_names, &sp.child("ports").index(i)));
    }
    if spec.selector.is_some() {
        errs.extend(meta::validate_labels(spec.selector.as_ref(), &sp.child("selector")));
    }
    let affinity = s(&spec.session_affinity);
    match affinity {
        "" => errs.push(field::required(&sp.child("sessionAffinity"), "")),
        "ClientIP" | "None" => {}
        other => errs.push(field::not_supported(
            &sp.child("sessionAffinity"),
            BadValue::Json(json!(other)),
            &["ClientIP", "None"],
        )),
    }
    let sac = sp.child("sessionAffinityConfig");
    if affinity == "ClientIP" {
        match spec.session_affinity_config.as_ref() {
            None => errs.push(field::required(&sac, "when session affinity type is ClientIP")),
            Some(c) => match c.client_ip.as_ref() {
                None => errs.push(field::required(&sac.child("clientIP"), "when session affinity type is ClientIP")),
                Some(ip) => match ip.timeout_seconds {
                    None => errs.push(field::required(
                        &sac.child("clientIP").child("timeoutSeconds"),
                        "when session affinity type is ClientIP",
                    )),
                    Some(t) if t <= 0 || t > 86400 => errs.push(field::invalid(
                        &sac.child("clientIP").child("timeoutSeconds"),
                        t,
                        "must be greater than 0 and less than 86400",
                    )),
                    Some(_) => {}
                },
            },
        }
    } else if affinity == "None" && spec.session_affinity_config.is_some() {
        errs.push(field::forbidden(&sac, "must not be set when session affinity is None"));
    }
    errs.extend(validate_cluster_ips_related(spec, old));
    let old_external: Vec<String> = old.and_then(|o| o.external_ips.clone()).unwrap_or_default();
    for (i, ip) in spec.external_ips.iter().flatten().enumerate() {
        let p = sp.child("externalIPs").index(i);
        if old_external.contains(ip) {
            continue;
        }
        let ip_errs = pod_spec::validate_ip(ip, &p);
        if ip_errs.is_empty() {
            errs.extend(validate_endpoint_ip(ip, &p));
        } else {
            errs.extend(ip_errs);
        }
    }
    const TYPES: [&str; 4] = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
    if type_.is_empty() {
        errs.push(field::required(&sp.child("type"), ""));
    } else if !TYPES.contains(&type_) {
        errs.push(field::not_supported(&sp.child("type"), BadValue::Json(json!(type_)), &TYPES));
    }
    if type_ == "ClusterIP" {
        for (i, port) in ports.iter().enumerate() {
            if port.node_port.unwrap_or(0) != 0 {
                errs.push(field::forbidden(
                    &sp.child("ports").index(i).child("nodePort"),
                    "may not be used when `type` is 'ClusterIP'",
                ));
            }
        }
    }
    let mut node_ports = std::collections::BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let np = port.node_port.unwrap_or(0);
        if np == 0 {
            continue;
        }
        if !node_ports.insert((s(&port.protocol).to_string(), np)) {
            errs.push(field::duplicate(&sp.child("ports").index(i).child("nodePort"), np));
        }
    }
    let mut port_keys = std::collections::BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        if !port_keys.insert((s(&port.protocol).to_string(), port.port)) {
            errs.push(field::duplicate(&sp.child("ports").index(i), service_port_value(s(&port.protocol), port.port)));
        }
    }
    if let Some(ranges) = spec.load_balancer_source_ranges.as_ref().filter(|r| !r.is_empty()) {
        let p = sp.child("LoadBalancerSourceRanges");
        if type_ != "LoadBalancer" {
            errs.push(field::forbidden(&p, "may only be used when `type` is 'LoadBalancer'"));
        }
        let old_ranges: Vec<String> = old
            .and_then(|o| o.load_balancer_source_ranges.clone())
            .unwrap_or_default()
            .iter()
            .map(|r| r.trim().to_string())
            .collect();
        for (i, r) in ranges.iter().enumerate() {
            let r = r.trim();
            if !old_ranges.iter().any(|o| o == r) {
                errs.extend(validate_cidr(r, &p.index(i)));
            }
        }
    } else if let Some(v) = annotations.get("service.beta.kubernetes.io/load-balancer-source-ranges") {
        let p =
            Path::new("metadata").child("annotations").key("service.beta.kubernetes.io/load-balancer-source-ranges");
        if type_ != "LoadBalancer" {
            errs.push(field::forbidden(&p, "may only be used when `type` is 'LoadBalancer'"));
        }
        let v = v.trim();
        if !v.is_empty() {
            for r in v.split(',') {
                errs.extend(validate_cidr(r.trim(), &p));
            }
        }
    }
    if spec.allocate_load_balancer_node_ports.is_some() && type_ != "LoadBalancer" {
        errs.push(field::forbidden(
            &sp.child("allocateLoadBalancerNodePorts"),
            "may only be used when `type` is 'LoadBalancer'",
        ));
    }
    if type_ == "LoadBalancer" && spec.allocate_load_balancer_node_ports.is_none() {
        errs.push(field::required(&Path::new("allocateLoadBalancerNodePorts"), ""));
    }
    errs.extend(validate_load_balancer_class(None, spec));
    errs.extend(validate_external_traffic_policy(spec));
    match spec.internal_traffic_policy.as_deref() {
        None if ["NodePort", "LoadBalancer", "ClusterIP"].contains(&type_) => {
            errs.push(field::required(&sp.child("internalTrafficPolicy"), ""));
        }
        Some(p) if !["Cluster", "Local"].contains(&p) => {
            errs.push(field::not_supported(
                &sp.child("internalTrafficPolicy"),
                BadValue::Json(json!(p)),
                &["Cluster", "Local"],
            ));
        }
        _ => {}
    }
    if let Some(td) = &spec.traffic_distribution {
        const TD: [&str; 3] = ["PreferClose", "PreferSameZone", "PreferSameNode"];
        if !TD.contains(&td.as_str()) {
            errs.push(field::not_supported(&sp.child("trafficDistribution"), td.as_str(), &TD));
        }
    }
    errs
}

fn validate_service_port(
    port: &ServicePort,
    require_name: bool,
    all_names: &mut std::collections::BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name = s(&port.name);
    if require_name && name.is_empty() {
        errs.push(field::required(&path.child("name"), ""));
    } else if !name.is_empty() {
        for m in names::is_dns1123_label(name) {
            errs.push(field::invalid(&path.child("name"), name, m));
        }
        if !all_names.insert(name.to_string()) {
            errs.push(field::duplicate(&path.child("name"), name));
        }
    }
    for m in names::is_valid_port_num(i64::from(port.port)) {
        errs.push(field::invalid(&path.child("port"), port.port, m));
    }
    errs.extend(pod_spec::validate_protocol(s(&port.protocol), &path.child("protocol")));
    let target = port.target_port.clone().unwrap_or(IntOrString::Int(0));
    errs.extend(pod_spec::validate_port_num_or_name(&target, &path.child("targetPort")));
    if let Some(ap) = &port.app_protocol {
        errs.extend(pod_spec::validate_qualified_name(ap, &path.child("appProtocol")));
    }
    errs
}

fn validate_endpoint_ip(ip: &str, path: &Path) -> Vec<FieldError> {
    let Ok(addr) = ip.parse::<std::net::IpAddr>() else {
        return vec![field::invalid(path, ip, "must be a valid IP address")];
    };
    let mut errs = Vec::new();
    if addr.is_unspecified() {
        errs.push(field::invalid(path, ip, format!("may not be unspecified ({ip})")));
    }
    if addr.is_loopback() {
        errs.push(field::invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    }
    let link_local_unicast = match addr {
        std::net::IpAddr::V4(a) => a.is_link_local(),
        std::net::IpAddr::V6(a) => (a.segments()[0] & 0xffc0) == 0xfe80,
    };
    if link_local_unicast {
        errs.push(field::invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    }
    let link_local_multicast = match addr {
        std::net::IpAddr::V4(a) => a.octets()[..3] == [224, 0, 0],
        std::net::IpAddr::V6(a) => (a.segments()[0] & 0xff0f) == 0xff02,
    };
    if link_local_multicast {
        errs.push(field::invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    }
    errs
}

/// `IsValidCIDRForLegacyField` with strict validation (StrictIPCIDRValidation is on by default since v1.36).
fn validate_cidr(value: &str, path: &Path) -> Vec<FieldError> {
    let invalid = |msg: &str| vec![field::invalid(path, value, msg.to_string())];
    let Some((ip, bits)) = value.split_once('/') else {
        return invalid("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    };
    let strict_ip = ip.parse::<std::net::IpAddr>().ok();
    let sloppy_v4 =
        strict_ip.is_none() && pod_spec::validate_ip(ip, path).iter().any(|e| e.detail.contains("leading 0s"));
    let max = match strict_ip {
        Some(a) if a.is_ipv6() => 128,
        _ => 32,
    };
    let Some(n) =
        bits.parse::<u32>().ok().filter(|n| *n <= max && !bits.is_empty() && bits.bytes().all(|c| c.is_ascii_digit()))
    else {
        return invalid("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)");
    };
    let Some(addr) = strict_ip else {
        return if sloppy_v4 {
            invalid("must not have leading 0s in IP or prefix length")
        } else {
            invalid("must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")
        };
    };
    if bits.len() > 1 && bits.starts_with('0') {
        return invalid("must not have leading 0s in IP or prefix length");
    }
    let host_bits_set = match addr {
        std::net::IpAddr::V4(a) => n < 32 && (u32::from(a) << n) != 0,
        std::net::IpAddr::V6(a) => {
            if a.to_ipv4_mapped().is_some() {
                return invalid("must not have an IPv4-mapped IPv6 address");
            }
            n < 128 && (u128::from(a) << n) != 0
        }
    };
    if host_bits_set {
        return invalid("must not have bits set beyond the prefix length");
    }
    Vec::new()
}

fn validate_load_balancer_class(old: Option<&ServiceSpec>, spec: &ServiceSpec) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let p = Path::new("spec").child("loadBalancerClass");
    let is_lb = |s2: &ServiceSpec| s(&s2.type_) == "LoadBalancer";
    if let Some(old) = old
        && is_lb(old)
        && is_lb(spec)
        && old.load_balancer_class != spec.load_balancer_class
    {
        errs.push(field::invalid(&p, json!(spec.load_balancer_class), "may not change once set"));
    }
    if is_lb(spec) {
        if let Some(c) = &spec.load_balancer_class {
            errs.extend(pod_spec::validate_qualified_name(c, &p));
        }
    } else if spec.load_balancer_class.is_some() {
        errs.push(field::forbidden(&p, "may only be used when `type` is 'LoadBalancer'"));
    }
    errs
}

fn validate_external_traffic_policy(spec: &ServiceSpec) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let sp = Path::new("spec");
    let policy = s(&spec.external_traffic_policy);
    if !externally_accessible(spec) {
        if !policy.is_empty() {
            errs.push(field::invalid(
                &sp.child("externalTrafficPolicy"),
                BadValue::Json(json!(policy)),
                "may only be set for externally-accessible services",
            ));
        }
    } else if policy.is_empty() {
        errs.push(field::required(&sp.child("externalTrafficPolicy"), ""));
    } else if !["Cluster", "Local"].contains(&policy) {
        errs.push(field::not_supported(
            &sp.child("externalTrafficPolicy"),
            BadValue::Json(json!(policy)),
            &["Cluster", "Local"],
        ));
    }
    let hc = spec.health_check_node_port.unwrap_or(0);
    if !needs_health_check(spec) {
        if hc != 0 {
            errs.push(field::invalid(
                &sp.child("healthCheckNodePort"),
                hc,
                "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'",
            ));
        }
    } else if hc == 0 {
        errs.push(field::required(&sp.child("healthCheckNodePort"), ""));
    } else {
        for m in names::is_valid_port_num(i64::from(hc)) {
            errs.push(field::invalid(&sp.child("healthCheckNodePort"), hc, m));
        }
    }
    errs
}

/// `ValidateServiceClusterIPsRelatedFields`.
fn validate_cluster_ips_related(spec: &ServiceSpec, old: Option<&ServiceSpec>) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if s(&spec.type_) == "ExternalName" {
        return errs;
    }
    let sp = Path::new("spec");
    let ips_path = sp.child("clusterIPs");
    let ips = cluster_ips(spec);
    let cluster_ip = s(&spec.cluster_ip);
    if !cluster_ip.is_empty() {
        if ips.is_empty() {
            errs.push(field::required(&ips_path, ""));
        } else if ips[0] != cluster_ip {
            errs.push(field::invalid(&ips_path, json!(ips), "first value must match `clusterIP`"));
        }
    } else if !ips.is_empty() {
        errs.push(field::invalid(&ips_path, json!(ips), "must be empty when `clusterIP` is not specified"));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, fam) in spec.ip_families.iter().flatten().enumerate() {
        let p = sp.child("ipFamilies").index(i);
        if !["IPv4", "IPv6"].contains(&fam.as_str()) {
            errs.push(field::not_supported(&p, BadValue::Json(json!(fam)), &["IPv4", "IPv6"]));
        }
        if !seen.insert(fam.clone()) {
            errs.push(field::duplicate(&p, BadValue::Json(json!(fam))));
        }
    }
    if let Some(policy) = &spec.ip_family_policy {
        const POLICIES: [&str; 3] = ["PreferDualStack", "RequireDualStack", "SingleStack"];
        if !POLICIES.contains(&policy.as_str()) {
            errs.push(field::not_supported(&sp.child("ipFamilyPolicy"), BadValue::Json(json!(policy)), &POLICIES));
        }
    }
    let old_ips: Vec<String> = old.map(|o| cluster_ips(o).to_vec()).unwrap_or_default();
    let mut invalid_ips = false;
    for (i, ip) in ips.iter().enumerate() {
        if i == 0 && ip == "None" {
            if ips.len() > 1 {
                invalid_ips = true;
                errs.push(field::invalid(&ips_path, json!(ips), "'None' must be the first and only value"));
            }
            continue;
        }
        if old_ips.contains(ip) {
            continue;
        }
        let e = pod_spec::validate_ip(ip, &ips_path.index(i));
        invalid_ips |= !e.is_empty();
        errs.extend(e);
    }
    if ips.len() > 2 {
        errs.push(field::invalid(&ips_path, json!(ips), "may only hold up to 2 values"));
    }
    if invalid_ips {
        return errs;
    }
    if ips.len() > 1 {
        let v6 = |ip: &str| ip.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_ipv6());
        if v6(&ips[0]) == v6(&ips[1]) {
            errs.push(field::invalid(&ips_path, json!(ips), "may specify no more than one IP for each IP family"));
        }
    }
    if !is_headless(spec) {
        let families = spec.ip_families.as_deref().unwrap_or(&[]);
        for (i, ip) in ips.iter().enumerate().take(families.len()) {
            let is_v6 = ip.parse::<std::net::IpAddr>().is_ok_and(|a| a.is_ipv6());
            if families[i] == "IPv4" && is_v6 {
                errs.push(field::invalid(
                    &ips_path.index(i),
                    ip.as_str(),
                    format!("expected an IPv4 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
            if families[i] == "IPv6" && !is_v6 {
                errs.push(field::invalid(
                    &ips_path.index(i),
                    ip.as_str(),
                    format!("expected an IPv6 value as indicated by `ipFamilies[{i}]`"),
                ));
            }
        }
    }
    errs
}

fn validate_upgrade_downgrade_cluster_ips(old: &ServiceSpec, new: &ServiceSpec) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if s(&new.type_) == "ExternalName" || s(&old.type_) == "ExternalName" || (is_headless(old) && is_headless(new)) {
        return errs;
    }
    let p = Path::new("spec").child("clusterIPs");
    let (o, n) = (cluster_ips(old), cluster_ips(new));
    if o.len() == n.len() {
        for (i, ip) in o.iter().enumerate() {
            if *ip != n[i] {
                errs.push(field::invalid(&p.index(i), json!(n), "may not change once set"));
            }
        }
    } else if o.len() > n.len() {
        if n.is_empty() {
            errs.push(field::invalid(&p.index(0), json!(n), "primary clusterIP can not be unset"));
        }
        if !o.is_empty() && !n.is_empty() && n[0] != o[0] {
            errs.push(field::invalid(&p.index(0), json!(n), "may not change once set"));
        }
        if n.len() == 1 && new.ip_family_policy.as_deref() != Some("SingleStack") {
            errs.push(field::invalid(
                &Path::new("spec").child("ipFamilyPolicy"),
                json!(new.ip_family_policy),
                "must be set to 'SingleStack' when releasing the secondary clusterIP",
            ));
        }
    } else if !o.is_empty() && n[0] != o[0] {
        errs.push(field::invalid(&p.index(0), json!(n), "may not change once set"));
    }
    errs
}

fn validate_upgrade_downgrade_ip_families(old: &ServiceSpec, new: &ServiceSpec) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if s(&new.type_) == "ExternalName" || s(&old.type_) == "ExternalName" {
        return errs;
    }
    if is_headless(old) != is_headless(new) || is_headless(new) {
        return errs;
    }
    let p = Path::new("spec").child("ipFamilies").index(0);
    let o = old.ip_families.as_deref().unwrap_or(&[]);
    let n = new.ip_families.as_deref().unwrap_or(&[]);
    if o.len() == n.len() {
        for (i, f) in o.iter().enumerate() {
            if *f != n[i] {
                errs.push(field::invalid(&p, json!(n), "may not change once set"));
            }
        }
    } else if o.len() > n.len() {
        if cluster_ips(new).is_empty() {
            errs.push(field::invalid(&p, json!(n), "primary ipFamily can not be unset"));
        }
        if !n.is_empty() && n[0] != o[0] {
            errs.push(field::invalid(&p, json!(cluster_ips(new)), "may not change once set"));
        }
        if n.len() == 1 && new.ip_family_policy.as_deref() != Some("SingleStack") {
            errs.push(field::invalid(
                &Path::new("spec").child("ipFamilyPolicy"),
                json!(new.ip_family_policy),
                "must be set to 'SingleStack' when releasing the secondary ipFamily",
            ));
        }
    } else if !o.is_empty() && !n.is_empty() && n[0] != o[0] {
        errs.push(field::invalid(&p, json!(cluster_ips(new)), "may not change once set"));
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Namespaces, ConfigMaps, Secrets

pub fn validate_namespace(ns: &Namespace) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta(&ns.metadata, false, names::name_is_dns_label, &Path::new("metadata"));
    let fp = Path::new("spec").child("finalizers");
    for f in ns.spec.iter().flat_map(|s| s.finalizers.iter().flatten()) {
        for m in names::is_qualified_name(f) {
            errs.push(field::invalid(&fp, f.as_str(), m));
        }
        errs.extend(meta::validate_kube_finalizer_name(f, &fp));
    }
    errs
}

/// A namespace update may change only its metadata; `spec` and `status` are kept from the stored object.
pub fn validate_namespace_update(new: &Namespace, old: &Namespace) -> Vec<FieldError> {
    meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata"))
}

pub fn validate_config_map(cm: &ConfigMap) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta(&cm.metadata, true, names::name_is_dns_subdomain, &Path::new("metadata"));
    let mut total = 0usize;
    let binary = cm.binary_data.clone().unwrap_or_default();
    for (k, v) in cm.data.iter().flatten() {
        let p = Path::new("data").key(k);
        for m in names::is_config_map_key(k) {
            errs.push(field::invalid(&p, k.as_str(), m));
        }
        if binary.contains_key(k) {
            errs.push(field::invalid(&p, k.as_str(), "duplicate of key present in binaryData"));
        }
        total += v.len();
    }
    for (k, v) in &binary {
        for m in names::is_config_map_key(k) {
            errs.push(field::invalid(&Path::new("binaryData").key(k), k.as_str(), m));
        }
        total += v.0.len();
    }
    if total > MAX_SECRET_SIZE {
        errs.push(field::too_long(&Path::empty_root(), MAX_SECRET_SIZE));
    }
    errs
}

pub fn validate_config_map_update(new: &ConfigMap, old: &ConfigMap) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata"));
    if old.immutable == Some(true) {
        if new.immutable != Some(true) {
            errs.push(field::forbidden(&Path::new("immutable"), "field is immutable when `immutable` is set"));
        }
        if non_empty(&new.data) != non_empty(&old.data) {
            errs.push(field::forbidden(&Path::new("data"), "field is immutable when `immutable` is set"));
        }
        if non_empty(&new.binary_data) != non_empty(&old.binary_data) {
            errs.push(field::forbidden(&Path::new("binaryData"), "field is immutable when `immutable` is set"));
        }
    }
    errs.extend(validate_config_map(new));
    errs
}

/// Go's `reflect.DeepEqual` tells nil from empty maps, but the API server defaults ConfigMap data to an
/// empty map and an empty map does not survive a JSON round trip, so the two are compared alike here.
fn non_empty<K: Ord, V>(m: &Option<BTreeMap<K, V>>) -> Option<&BTreeMap<K, V>> {
    m.as_ref().filter(|m| !m.is_empty())
}

/// The message Go's `json.Unmarshal` gives for a docker config that is not a JSON object.
fn docker_config_error(data: &[u8]) -> Option<String> {
    match serde_json::from_slice::<Value>(data) {
        Ok(Value::Object(_)) => None,
        Ok(Value::Array(_)) => {
            Some("json: cannot unmarshal array into Go value of type map[string]interface {}".into())
        }
        Ok(Value::String(_)) => {
            Some("json: cannot unmarshal string into Go value of type map[string]interface {}".into())
        }
        Ok(Value::Number(_)) => {
            Some("json: cannot unmarshal number into Go value of type map[string]interface {}".into())
        }
        Ok(Value::Bool(_)) => Some("json: cannot unmarshal bool into Go value of type map[string]interface {}".into()),
        Ok(Value::Null) => None,
        Err(e) => {
            let text = String::from_utf8_lossy(data);
            let trimmed = text.trim_start();
            if trimmed.is_empty() || e.is_eof() {
                Some("unexpected end of JSON input".into())
            } else {
                let c = trimmed.chars().next().unwrap_or(' ');
                Some(format!("invalid character {} looking for beginning of value", go_char(c)))
            }
        }
    }
}

/// Go's `%q` for a rune, as JSON syntax errors print the offending character.
fn go_char(c: char) -> String {
    match c {
        '\'' => "'\\''".into(),
        c if c.is_control() => format!("'\\x{:02x}'", c as u32),
        c => format!("'{c}'"),
    }
}

pub fn validate_secret(secret: &Secret) -> Vec<FieldError> {
    let mut errs =
        meta::validate_object_meta(&secret.metadata, true, names::name_is_dns_subdomain, &Path::new("metadata"));
    let data_path = Path::new("data");
    let empty = BTreeMap::new();
    let data = secret.data.as_ref().unwrap_or(&empty);
    let mut total = 0usize;
    for (k, v) in data {
        for m in names::is_config_map_key(k) {
            errs.push(field::invalid(&data_path.key(k), k.as_str(), m));
        }
        total += v.0.len();
    }
    if total > MAX_SECRET_SIZE {
        errs.push(field::too_long(&data_path, MAX_SECRET_SIZE));
    }
    let annotations = secret.metadata.annotations.clone().unwrap_or_default();
    match s(&secret.type_) {
        "kubernetes.io/service-account-token"
            if annotations.get("kubernetes.io/service-account.name").is_none_or(|v| v.is_empty()) =>
        {
            errs.push(field::required(
                &Path::new("metadata").child("annotations").key("kubernetes.io/service-account.name"),
                "",
            ));
        }
        "kubernetes.io/dockercfg" | "kubernetes.io/dockerconfigjson" => {
            let key = if s(&secret.type_) == "kubernetes.io/dockercfg" { ".dockercfg" } else { ".dockerconfigjson" };
            match data.get(key) {
                None => errs.push(field::required(&data_path.key(key), "")),
                Some(bytes) => {
                    if let Some(msg) = docker_config_error(&bytes.0) {
                        errs.push(field::invalid(&data_path.key(key), "<secret contents redacted>", msg));
                    }
                }
            }
        }
        "kubernetes.io/basic-auth" if !data.contains_key("username") && !data.contains_key("password") => {
            errs.push(field::required(&data_path.key("username"), ""));
            errs.push(field::required(&data_path.key("password"), ""));
        }
        "kubernetes.io/ssh-auth" if data.get("ssh-privatekey").is_none_or(|v| v.0.is_empty()) => {
            errs.push(field::required(&data_path.key("ssh-privatekey"), ""));
        }
        "kubernetes.io/tls" => {
            for key in ["tls.crt", "tls.key"] {
                if !data.contains_key(key) {
                    errs.push(field::required(&data_path.key(key), ""));
                }
            }
        }
        _ => {}
    }
    errs
}

pub fn validate_secret_update(new: &Secret, old: &Secret) -> Vec<FieldError> {
    let mut errs = meta::validate_object_meta_update(&new.metadata, &old.metadata, &Path::new("metadata"));
    if s(&new.type_) != s(&old.type_) {
        errs.push(field::invalid(&Path::new("type"), BadValue::Json(json!(s(&new.type_))), FIELD_IMMUTABLE));
    }
    if old.immutable == Some(true) {
        if new.immutable != Some(true) {
            errs.push(field::forbidden(&Path::new("immutable"), "field is immutable when `immutable` is set"));
        }
        if non_empty(&new.data) != non_empty(&old.data) {
            errs.push(field::forbidden(&Path::new("data"), "field is immutable when `immutable` is set"));
        }
    }
    errs.extend(validate_secret(new));
    errs
}
