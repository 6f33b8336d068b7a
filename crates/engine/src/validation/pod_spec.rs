//! Validation of a `PodSpec`, shared by Pods and by the pod templates of workloads: volumes, containers,
//! ports, environment, mounts, resources, probes, lifecycle hooks, security contexts, scheduling fields.
//!
//! Follows kubernetes/kubernetes `pkg/apis/core/validation/validation.go` (`ValidatePodSpec` and the
//! functions it calls) as of v1.37, with the feature gates of a default v1.37 API server: ContainerRestartRules,
//! EnvFiles, RelaxedEnvironmentVariableValidation, PodLevelResources, StrictIPCIDRValidation on; alpha gates off.
//! Checks are made in upstream's order so that error lists come out the same. Windows-only fields,
//! affinity terms, DRA claims and sysctl namespaces are checked only loosely (see the module docs in `mod.rs`).

use std::collections::{BTreeMap, BTreeSet};

use k8s_openapi::api::core::v1::{
    Container, ContainerPort, EnvFromSource, EnvVar, EphemeralContainer, HTTPGetAction, KeyToPath, Lifecycle,
    LifecycleHandler, ObjectFieldSelector, PodSecurityContext, PodSpec, Probe, ResourceFieldSelector,
    ResourceRequirements, SecurityContext, Toleration, Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Value, json};

use super::field::{self, BadValue, FieldError, GoStruct, Path};
use super::meta;
use super::names;
use crate::quantity::Quantity;

/// What differs between validating a Pod and a pod template (`PodValidationOptions`).
#[derive(Clone, Copy, Debug, Default)]
pub struct PodOpts {
    /// The spec belongs to a Pod, not to a template inside another object.
    pub resource_is_pod: bool,
}

pub(crate) fn s(o: &Option<String>) -> &str {
    o.as_deref().unwrap_or("")
}

/// `ValidatePodSpec`.
pub fn validate_pod_spec(spec: &PodSpec, pod_meta: Option<&ObjectMeta>, path: &Path, opts: PodOpts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.termination_grace_period_seconds.is_none() {
        errs.push(field::required(&path.child("terminationGracePeriodSeconds"), ""));
    }
    let grace = spec.termination_grace_period_seconds;
    let host_users = spec.host_users.unwrap_or(true);

    let (volumes, vol_errs) =
        validate_volumes(spec.volumes.as_deref().unwrap_or(&[]), pod_meta, &path.child("volumes"));
    errs.extend(vol_errs);
    let claim_names: BTreeSet<String> = spec.resource_claims.iter().flatten().map(|c| c.name.clone()).collect();
    errs.extend(validate_pod_resource_claims(spec, &path.child("resourceClaims")));
    let restart_policy = s(&spec.restart_policy);
    let containers = &spec.containers;
    let init_containers = spec.init_containers.as_deref().unwrap_or(&[]);
    let ctx = ContainerCtx { volumes: &volumes, claim_names: &claim_names, restart_policy, host_users, grace };
    errs.extend(validate_containers(containers, &ctx, &path.child("containers")));
    errs.extend(validate_init_containers(init_containers, containers, &ctx, &path.child("initContainers")));
    errs.extend(validate_ephemeral_containers(
        spec.ephemeral_containers.as_deref().unwrap_or(&[]),
        containers,
        init_containers,
        &ctx,
        &path.child("ephemeralContainers"),
    ));
    if let Some(r) = &spec.resources {
        errs.extend(validate_pod_resources(spec, r, &claim_names, &path.child("resources")));
    }
    errs.extend(validate_host_network_deps(spec, path, opts));
    errs.extend(validate_restart_policy(restart_policy, &path.child("restartPolicy")));
    errs.extend(validate_dns_policy(s(&spec.dns_policy), &path.child("dnsPolicy")));
    errs.extend(meta::validate_labels(spec.node_selector.as_ref(), &path.child("nodeSelector")));
    if let Some(sc) = &spec.security_context {
        errs.extend(validate_pod_security_context(sc, spec, &path.child("securityContext")));
    }
    if spec.share_process_namespace == Some(true) && spec.host_pid == Some(true) {
        errs.push(field::invalid(
            &path.child("shareProcessNamespace"),
            true,
            "ShareProcessNamespace and HostPID cannot both be enabled",
        ));
    }
    if let Some(affinity) = &spec.affinity {
        errs.extend(validate_affinity(affinity, &path.child("affinity")));
    }
    errs.extend(validate_dns_config(spec, &path.child("dnsConfig")));
    for (i, gate) in spec.readiness_gates.iter().flatten().enumerate() {
        errs.extend(validate_qualified_name(
            &gate.condition_type,
            &path.child("readinessGates").index(i).child("conditionType"),
        ));
    }
    let mut seen_gates = BTreeSet::new();
    for (i, gate) in spec.scheduling_gates.iter().flatten().enumerate() {
        let p = path.child("schedulingGates").index(i);
        errs.extend(validate_qualified_name(&gate.name, &p));
        if !seen_gates.insert(gate.name.clone()) {
            errs.push(field::duplicate(&p, gate.name.as_str()));
        }
    }
    errs.extend(validate_topology_spread(spec, &path.child("topologySpreadConstraints")));
    errs.extend(validate_host_users(spec, path));
    errs.extend(validate_hostname_override(spec, path));
    let sa = s(&spec.service_account_name);
    if !sa.is_empty() {
        for msg in names::name_is_dns_subdomain(sa, false) {
            errs.push(field::invalid(&path.child("serviceAccountName"), sa, msg));
        }
    }
    let node_name = s(&spec.node_name);
    if !node_name.is_empty() {
        for msg in names::name_is_dns_subdomain(node_name, false) {
            errs.push(field::invalid(&path.child("nodeName"), node_name, msg));
        }
    }
    if let Some(ads) = spec.active_deadline_seconds
        && !(1..=i64::from(i32::MAX)).contains(&ads)
    {
        errs.push(field::invalid(
            &path.child("activeDeadlineSeconds"),
            ads,
            names::inclusive_range_error(1, i64::from(i32::MAX)),
        ));
    }
    for (field_name, value) in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        let v = s(value);
        if !v.is_empty() {
            errs.extend(validate_dns1123_label(v, &path.child(field_name)));
        }
    }
    if let Some(t) = spec.tolerations.as_deref().filter(|t| !t.is_empty()) {
        errs.extend(validate_tolerations(t, &path.child("tolerations")));
    }
    for (i, alias) in spec.host_aliases.iter().flatten().enumerate() {
        let p = path.child("hostAliases").index(i);
        errs.extend(validate_ip(&alias.ip, &p.child("ip")));
        for (j, h) in alias.hostnames.iter().flatten().enumerate() {
            errs.extend(validate_dns1123_subdomain(h, &p.child("hostnames").index(j)));
        }
    }
    let pc = s(&spec.priority_class_name);
    if !pc.is_empty() {
        for msg in names::name_is_dns_subdomain(pc, false) {
            errs.push(field::invalid(&path.child("priorityClassName"), pc, msg));
        }
    }
    if let Some(rc) = &spec.runtime_class_name {
        for msg in names::name_is_dns_subdomain(rc, false) {
            errs.push(field::invalid(&path.child("runtimeClassName"), rc.as_str(), msg));
        }
    }
    if let Some(pp) = &spec.preemption_policy {
        let p = path.child("preemptionPolicy");
        match pp.as_str() {
            "PreemptLowerPriority" | "Never" => {}
            "" => errs.push(field::required(&p, "")),
            other => {
                errs.push(field::not_supported(&p, BadValue::Json(json!(other)), &["PreemptLowerPriority", "Never"]))
            }
        }
    }
    if let Some(overhead) = &spec.overhead {
        let req = ResourceRequirements { limits: Some(overhead.clone()), ..Default::default() };
        errs.extend(validate_resource_requirements(
            &req,
            &BTreeSet::new(),
            &path.child("overhead"),
            ResourceScope::Container,
        ));
    }
    if let Some(os) = &spec.os {
        let p = path.child("os");
        if os.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        } else if !matches!(os.name.as_str(), "linux" | "windows") {
            errs.push(field::not_supported(&p, BadValue::Json(json!(os.name)), &["linux", "windows"]));
        } else if os.name == "linux" {
            errs.extend(validate_linux(spec, path));
        }
    }
    errs.extend(validate_file_key_ref_volumes(spec, path));
    errs
}

fn validate_dns1123_label(value: &str, path: &Path) -> Vec<FieldError> {
    names::is_dns1123_label(value).into_iter().map(|m| field::invalid(path, value, m)).collect()
}

fn validate_dns1123_subdomain(value: &str, path: &Path) -> Vec<FieldError> {
    names::is_dns1123_subdomain(value).into_iter().map(|m| field::invalid(path, value, m)).collect()
}

pub(crate) fn validate_qualified_name(value: &str, path: &Path) -> Vec<FieldError> {
    names::is_qualified_name(value).into_iter().map(|m| field::invalid(path, value, m)).collect()
}

/// `IsValidIPForLegacyField` with strict validation (StrictIPCIDRValidation is on by default since v1.36).
pub(crate) fn validate_ip(value: &str, path: &Path) -> Vec<FieldError> {
    match value.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) if v6.to_ipv4_mapped().is_some() => {
            vec![field::invalid(path, value, "must not be an IPv4-mapped IPv6 address")]
        }
        Ok(_) => Vec::new(),
        Err(_) if parses_with_leading_zeros(value) => {
            vec![field::invalid(path, value, "must not have leading 0s")]
        }
        Err(_) => vec![field::invalid(path, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")],
    }
}

/// Whether a dotted quad is valid apart from leading zeros, which Go's sloppy parser accepts.
fn parses_with_leading_zeros(value: &str) -> bool {
    let parts: Vec<&str> = value.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| !p.is_empty() && p.len() <= 3 && p.bytes().all(|c| c.is_ascii_digit()))
        && parts.iter().all(|p| p.parse::<u16>().is_ok_and(|n| n <= 255))
}

// ---------------------------------------------------------------------------------------------------------
// Volumes

/// `ValidateVolumes`: each volume's source and name; returns the valid volumes by name.
pub fn validate_volumes<'a>(
    volumes: &'a [Volume],
    pod_meta: Option<&ObjectMeta>,
    path: &Path,
) -> (BTreeMap<String, &'a Volume>, Vec<FieldError>) {
    let mut errs = Vec::new();
    let mut by_name = BTreeMap::new();
    let pod_name = pod_meta.and_then(|m| m.name.as_deref()).unwrap_or("");
    let created_pvcs: BTreeSet<String> = if pod_name.is_empty() {
        BTreeSet::new()
    } else {
        volumes.iter().filter(|v| v.ephemeral.is_some()).map(|v| format!("{pod_name}-{}", v.name)).collect()
    };
    for (i, vol) in volumes.iter().enumerate() {
        let p = path.index(i);
        let name_path = p.child("name");
        let mut el = validate_volume_source(vol, &p, pod_name);
        if vol.name.is_empty() {
            el.push(field::required(&name_path, ""));
        } else {
            el.extend(validate_dns1123_label(&vol.name, &name_path));
        }
        if by_name.contains_key(&vol.name) {
            el.push(field::duplicate(&name_path, vol.name.as_str()));
        }
        if el.is_empty() {
            by_name.insert(vol.name.clone(), vol);
        } else {
            errs.extend(el);
        }
        if let Some(pvc) = &vol.persistent_volume_claim
            && created_pvcs.contains(&pvc.claim_name)
        {
            errs.push(field::invalid(
                &p.child("persistentVolumeClaim").child("claimName"),
                pvc.claim_name.as_str(),
                "must not reference a PVC that gets created for an ephemeral volume",
            ));
        }
    }
    (by_name, errs)
}

const FILE_MODE_ERR: &str = "must be a number between 0 and 0777 (octal), both inclusive";

fn validate_mode(mode: Option<i32>, path: &Path) -> Vec<FieldError> {
    match mode {
        Some(m) if !(0..=0o777).contains(&m) => vec![field::invalid(path, m, FILE_MODE_ERR)],
        _ => Vec::new(),
    }
}

fn validate_user_field(user: Option<i64>, path: &Path) -> Vec<FieldError> {
    user.map(|u| names::is_valid_user_id(u).into_iter().map(|m| field::invalid(path, u, m)).collect())
        .unwrap_or_default()
}

/// `validateVolumeSource`: exactly one source, each checked for its own required fields.
fn validate_volume_source(v: &Volume, path: &Path, pod_name: &str) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    let one = |present: bool, name: &str, errs: &mut Vec<FieldError>, count: &mut u32| -> bool {
        if !present {
            return false;
        }
        if *count > 0 {
            errs.push(field::forbidden(&path.child(name), "may not specify more than 1 volume type"));
            false
        } else {
            *count += 1;
            true
        }
    };
    if let Some(ed) = &v.empty_dir {
        count += 1;
        if let Some(limit) = ed.size_limit.as_ref().and_then(parse_quantity)
            && limit.is_negative()
        {
            errs.push(field::forbidden(
                &path.child("emptyDir").child("sizeLimit"),
                "SizeLimit field must be a valid resource quantity",
            ));
        }
        if let Some(m) = ed.mode
            && !(0..=0o1777).contains(&m)
        {
            errs.push(field::invalid(
                &path.child("emptyDir").child("mode"),
                m,
                "must be a number between 0 and 01777 (octal), both inclusive",
            ));
        }
    }
    if one(v.host_path.is_some(), "hostPath", &mut errs, &mut count)
        && let Some(hp) = &v.host_path
    {
        let p = path.child("hostPath");
        if hp.path.is_empty() {
            errs.push(field::required(&p.child("path"), ""));
        } else {
            errs.extend(validate_path_no_backsteps(&hp.path, &p.child("path")));
            if let Some(t) = &hp.type_ {
                const TYPES: [&str; 8] = [
                    "",
                    "BlockDevice",
                    "CharDevice",
                    "Directory",
                    "DirectoryOrCreate",
                    "File",
                    "FileOrCreate",
                    "Socket",
                ];
                if !TYPES.contains(&t.as_str()) {
                    errs.push(field::not_supported(&p.child("type"), BadValue::Json(json!(t)), &TYPES));
                }
            }
        }
    }
    for (present, name) in [
        (v.git_repo.is_some(), "gitRepo"),
        (v.gce_persistent_disk.is_some(), "gcePersistentDisk"),
        (v.aws_elastic_block_store.is_some(), "awsElasticBlockStore"),
    ] {
        one(present, name, &mut errs, &mut count);
    }
    if one(v.secret.is_some(), "secret", &mut errs, &mut count)
        && let Some(sec) = &v.secret
    {
        let p = path.child("secret");
        if s(&sec.secret_name).is_empty() {
            errs.push(field::required(&p.child("secretName"), ""));
        }
        errs.extend(validate_mode(sec.default_mode, &p.child("defaultMode")));
        errs.extend(validate_user_field(sec.default_user, &p.child("defaultUser")));
        for (i, kp) in sec.items.iter().flatten().enumerate() {
            errs.extend(validate_key_to_path(kp, &p.child("items").index(i)));
        }
    }
    for (present, name) in [
        (v.nfs.is_some(), "nfs"),
        (v.iscsi.is_some(), "iscsi"),
        (v.glusterfs.is_some(), "glusterfs"),
        (v.flocker.is_some(), "flocker"),
    ] {
        one(present, name, &mut errs, &mut count);
    }
    if one(v.persistent_volume_claim.is_some(), "persistentVolumeClaim", &mut errs, &mut count)
        && let Some(pvc) = &v.persistent_volume_claim
        && pvc.claim_name.is_empty()
    {
        errs.push(field::required(&path.child("persistentVolumeClaim").child("claimName"), ""));
    }
    for (present, name) in [
        (v.rbd.is_some(), "rbd"),
        (v.cinder.is_some(), "cinder"),
        (v.cephfs.is_some(), "cephFS"),
        (v.quobyte.is_some(), "quobyte"),
    ] {
        one(present, name, &mut errs, &mut count);
    }
    // Upstream's misspelt path for a second source.
    if one(v.downward_api.is_some(), "downwarAPI", &mut errs, &mut count)
        && let Some(d) = &v.downward_api
    {
        let p = path.child("downwardAPI");
        errs.extend(validate_mode(d.default_mode, &p.child("defaultMode")));
        errs.extend(validate_user_field(d.default_user, &p.child("defaultUser")));
        for file in d.items.iter().flatten() {
            errs.extend(validate_downward_api_file(file, &p));
        }
    }
    for (present, name) in [(v.fc.is_some(), "fc"), (v.flex_volume.is_some(), "flexVolume")] {
        one(present, name, &mut errs, &mut count);
    }
    if one(v.config_map.is_some(), "configMap", &mut errs, &mut count)
        && let Some(cm) = &v.config_map
    {
        let p = path.child("configMap");
        if cm.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        }
        errs.extend(validate_mode(cm.default_mode, &p.child("defaultMode")));
        errs.extend(validate_user_field(cm.default_user, &p.child("defaultUser")));
        for (i, kp) in cm.items.iter().flatten().enumerate() {
            errs.extend(validate_key_to_path(kp, &p.child("items").index(i)));
        }
    }
    for (present, name) in [
        (v.azure_file.is_some(), "azureFile"),
        (v.vsphere_volume.is_some(), "vsphereVolume"),
        (v.photon_persistent_disk.is_some(), "photonPersistentDisk"),
        (v.portworx_volume.is_some(), "portworxVolume"),
        (v.azure_disk.is_some(), "azureDisk"),
        (v.storageos.is_some(), "storageos"),
    ] {
        one(present, name, &mut errs, &mut count);
    }
    if one(v.projected.is_some(), "projected", &mut errs, &mut count)
        && let Some(pr) = &v.projected
    {
        let p = path.child("projected");
        errs.extend(validate_mode(pr.default_mode, &p.child("defaultMode")));
        errs.extend(validate_user_field(pr.default_user, &p.child("defaultUser")));
        errs.extend(validate_projection_sources(pr, &p));
    }
    for (present, name) in [(v.scale_io.is_some(), "scaleIO"), (v.csi.is_some(), "csi")] {
        one(present, name, &mut errs, &mut count);
    }
    if one(v.ephemeral.is_some(), "ephemeral", &mut errs, &mut count) {
        if v.ephemeral.as_ref().is_some_and(|e| e.volume_claim_template.is_none()) {
            errs.push(field::required(&path.child("ephemeral").child("volumeClaimTemplate"), ""));
        }
        if !pod_name.is_empty() && !v.name.is_empty() {
            let pvc_name = format!("{pod_name}-{}", v.name);
            for msg in names::name_is_dns_subdomain(&pvc_name, false) {
                errs.push(field::invalid(
                    &path.child("name"),
                    v.name.as_str(),
                    format!("PVC name {}: {msg}", field::go_quote(&pvc_name)),
                ));
            }
        }
    }
    if one(v.image.is_some(), "image", &mut errs, &mut count)
        && let Some(img) = &v.image
    {
        let p = path.child("image");
        if s(&img.reference).is_empty() {
            errs.push(field::required(&p.child("reference"), ""));
        }
        errs.extend(validate_pull_policy(s(&img.pull_policy), &p.child("pullPolicy")));
    }
    if count == 0 {
        errs.push(field::required(path, "must specify a volume type"));
    }
    errs
}

fn validate_path_no_backsteps(target: &str, path: &Path) -> Vec<FieldError> {
    if target.split('/').any(|p| p == "..") {
        vec![field::invalid(path, target, "must not contain '..'")]
    } else {
        Vec::new()
    }
}

fn validate_local_descending_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if target.starts_with('/') {
        errs.push(field::invalid(path, target, "must be a relative path"));
    }
    errs.extend(validate_path_no_backsteps(target, path));
    errs
}

fn validate_local_non_reserved_path(target: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_local_descending_path(target, path);
    if target.starts_with("..") && !target.starts_with("../") {
        errs.push(field::invalid(path, target, "must not start with '..'"));
    }
    errs
}

fn validate_key_to_path(kp: &KeyToPath, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if kp.key.is_empty() {
        errs.push(field::required(&path.child("key"), ""));
    }
    if kp.path.is_empty() {
        errs.push(field::required(&path.child("path"), ""));
    }
    errs.extend(validate_local_non_reserved_path(&kp.path, &path.child("path")));
    errs.extend(validate_mode(kp.mode, &path.child("mode")));
    errs.extend(validate_user_field(kp.user, &path.child("user")));
    errs
}

const VOLUME_DOWNWARD_FIELDS: [&str; 5] =
    ["metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace", "metadata.uid"];

fn validate_downward_api_file(
    file: &k8s_openapi::api::core::v1::DownwardAPIVolumeFile,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if file.path.is_empty() {
        errs.push(field::required(&path.child("path"), ""));
    }
    errs.extend(validate_local_non_reserved_path(&file.path, &path.child("path")));
    if let Some(fr) = &file.field_ref {
        errs.extend(validate_object_field_selector(fr, &VOLUME_DOWNWARD_FIELDS, &path.child("fieldRef")));
        if file.resource_field_ref.is_some() {
            errs.push(field::invalid(
                path,
                "resource",
                "fieldRef and resourceFieldRef can not be specified simultaneously",
            ));
        }
    } else if let Some(rf) = &file.resource_field_ref {
        errs.extend(validate_resource_field_selector(rf, &path.child("resourceFieldRef"), true));
    } else {
        errs.push(field::required(path, "one of fieldRef and resourceFieldRef is required"));
    }
    errs.extend(validate_mode(file.mode, &path.child("mode")));
    errs.extend(validate_user_field(file.user, &path.child("user")));
    errs
}

fn validate_projection_sources(pr: &k8s_openapi::api::core::v1::ProjectedVolumeSource, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut all_paths = BTreeSet::new();
    for (i, src) in pr.sources.iter().flatten().enumerate() {
        let src_path = path.child("sources").index(i);
        let mut count = 0;
        if let Some(sec) = &src.secret {
            count += 1;
            let p = src_path.child("secret");
            if sec.name.is_empty() {
                errs.push(field::required(&p.child("name"), ""));
            }
            for (j, kp) in sec.items.iter().flatten().enumerate() {
                errs.extend(validate_key_to_path(kp, &p.child("items").index(j)));
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    errs.push(field::invalid(path, sec.name.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(cm) = &src.config_map {
            count += 1;
            let p = src_path.child("configMap");
            if cm.name.is_empty() {
                errs.push(field::required(&p.child("name"), ""));
            }
            for (j, kp) in cm.items.iter().flatten().enumerate() {
                errs.extend(validate_key_to_path(kp, &p.child("items").index(j)));
                if !kp.path.is_empty() && !all_paths.insert(kp.path.clone()) {
                    errs.push(field::invalid(path, cm.name.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(d) = &src.downward_api {
            count += 1;
            let p = src_path.child("downwardAPI");
            for file in d.items.iter().flatten() {
                errs.extend(validate_downward_api_file(file, &p));
                if !file.path.is_empty() && !all_paths.insert(file.path.clone()) {
                    errs.push(field::invalid(path, file.path.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if let Some(sat) = &src.service_account_token {
            count += 1;
            let p = src_path.child("serviceAccountToken");
            match sat.expiration_seconds {
                None => errs.push(field::required(&p.child("expirationSeconds"), "")),
                Some(exp) => {
                    if exp < 600 {
                        errs.push(field::invalid(
                            &p.child("expirationSeconds"),
                            exp,
                            "may not specify a duration less than 10 minutes",
                        ));
                    }
                    if exp > 1 << 32 {
                        errs.push(field::invalid(
                            &p.child("expirationSeconds"),
                            exp,
                            "may not specify a duration larger than 2^32 seconds",
                        ));
                    }
                }
            }
            if sat.path.is_empty() {
                errs.push(field::required(&path.child("path"), ""));
            } else {
                errs.extend(validate_local_non_reserved_path(&sat.path, &p.child("path")));
                if !all_paths.insert(sat.path.clone()) {
                    errs.push(field::invalid(path, sat.path.as_str(), "conflicting duplicate paths"));
                }
            }
        }
        if src.cluster_trust_bundle.is_some() {
            count += 1;
        }
        if src.pod_certificate.is_some() {
            count += 1;
        }
        if count > 1 {
            errs.push(field::forbidden(&src_path, "may not specify more than 1 volume type per source"));
        }
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Containers

struct ContainerCtx<'a> {
    volumes: &'a BTreeMap<String, &'a Volume>,
    claim_names: &'a BTreeSet<String>,
    restart_policy: &'a str,
    host_users: bool,
    grace: Option<i64>,
}

/// `validateContainers`: regular containers, at least one, unique names, host ports not shared.
fn validate_containers(containers: &[Container], ctx: &ContainerCtx, path: &Path) -> Vec<FieldError> {
    if containers.is_empty() {
        return vec![field::required(path, "")];
    }
    let mut errs = Vec::new();
    let mut all_names = BTreeSet::new();
    for (i, c) in containers.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, ctx, &p));
        if !all_names.insert(c.name.clone()) {
            errs.push(field::duplicate(&p.child("name"), c.name.as_str()));
        }
        if let Some(lc) = &c.lifecycle {
            errs.extend(validate_lifecycle(lc, ctx.grace, &p.child("lifecycle")));
        }
        errs.extend(validate_liveness_or_startup(c.liveness_probe.as_ref(), ctx.grace, &p.child("livenessProbe")));
        errs.extend(validate_readiness_probe(c.readiness_probe.as_ref(), ctx.grace, &p.child("readinessProbe")));
        errs.extend(validate_liveness_or_startup(c.startup_probe.as_ref(), ctx.grace, &p.child("startupProbe")));
        errs.extend(validate_container_restart_policy(c.restart_policy.as_deref(), c, &p));
    }
    errs.extend(host_port_conflicts(containers.iter().enumerate(), path));
    errs
}

fn validate_init_containers(
    inits: &[Container],
    regular: &[Container],
    ctx: &ContainerCtx,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut all_names: BTreeSet<String> = regular.iter().map(|c| c.name.clone()).collect();
    for (i, c) in inits.iter().enumerate() {
        let p = path.index(i);
        errs.extend(validate_container_common(c, ctx, &p));
        let restart_always = c.restart_policy.as_deref() == Some("Always");
        match c.restart_policy.as_deref() {
            None => {
                if c.restart_policy_rules.as_ref().is_some_and(|r| !r.is_empty()) {
                    errs.push(field::required(
                        &p.child("restartPolicy"),
                        "must specify restartPolicy when restart rules are used",
                    ));
                }
            }
            Some("Always") => {
                if c.restart_policy_rules.as_ref().is_some_and(|r| !r.is_empty()) {
                    errs.push(field::forbidden(
                        &p.child("restartPolicyRules"),
                        "restartPolicyRules are not allowed for init containers with restart policy Always",
                    ));
                }
            }
            Some(policy) => errs.extend(validate_container_restart_policy(Some(policy), c, &p)),
        }
        if all_names.contains(&c.name) {
            errs.push(field::duplicate(&p.child("name"), c.name.as_str()));
        } else if !c.name.is_empty() {
            all_names.insert(c.name.clone());
        }
        errs.extend(host_port_conflicts(std::iter::once((i, c)), path));
        if restart_always {
            if let Some(lc) = &c.lifecycle {
                errs.extend(validate_lifecycle(lc, ctx.grace, &p.child("lifecycle")));
            }
            errs.extend(validate_liveness_or_startup(c.liveness_probe.as_ref(), ctx.grace, &p.child("livenessProbe")));
            errs.extend(validate_readiness_probe(c.readiness_probe.as_ref(), ctx.grace, &p.child("readinessProbe")));
            errs.extend(validate_liveness_or_startup(c.startup_probe.as_ref(), ctx.grace, &p.child("startupProbe")));
        } else {
            for (present, name) in [
                (c.lifecycle.is_some(), "lifecycle"),
                (c.liveness_probe.is_some(), "livenessProbe"),
                (c.readiness_probe.is_some(), "readinessProbe"),
                (c.startup_probe.is_some(), "startupProbe"),
            ] {
                if present {
                    errs.push(field::forbidden(
                        &p.child(name),
                        "may not be set for init containers without restartPolicy=Always",
                    ));
                }
            }
            for (j, rp) in c.resize_policy.iter().flatten().enumerate() {
                if rp.restart_policy == "RestartContainer" {
                    errs.push(field::invalid(
                        &p.child("resizePolicy").index(j).child("restartPolicy"),
                        BadValue::Json(json!(rp.restart_policy)),
                        "must not be set to 'RestartContainer' for non-sidecar initContainers",
                    ));
                }
            }
        }
    }
    errs
}

/// An ephemeral container as a `Container`, for the checks all container kinds share.
fn ephemeral_as_container(e: &EphemeralContainer) -> Container {
    Container {
        args: e.args.clone(),
        command: e.command.clone(),
        env: e.env.clone(),
        env_from: e.env_from.clone(),
        image: e.image.clone(),
        image_pull_policy: e.image_pull_policy.clone(),
        lifecycle: e.lifecycle.clone(),
        liveness_probe: e.liveness_probe.clone(),
        name: e.name.clone(),
        ports: e.ports.clone(),
        readiness_probe: e.readiness_probe.clone(),
        resize_policy: e.resize_policy.clone(),
        resources: e.resources.clone(),
        restart_policy: e.restart_policy.clone(),
        restart_policy_rules: e.restart_policy_rules.clone(),
        security_context: e.security_context.clone(),
        startup_probe: e.startup_probe.clone(),
        stdin: e.stdin,
        stdin_once: e.stdin_once,
        termination_message_path: e.termination_message_path.clone(),
        termination_message_policy: e.termination_message_policy.clone(),
        tty: e.tty,
        volume_devices: e.volume_devices.clone(),
        volume_mounts: e.volume_mounts.clone(),
        working_dir: e.working_dir.clone(),
    }
}

fn validate_ephemeral_containers(
    ephemeral: &[EphemeralContainer],
    regular: &[Container],
    inits: &[Container],
    ctx: &ContainerCtx,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let others: BTreeSet<&str> = regular.iter().chain(inits).map(|c| c.name.as_str()).collect();
    let mut all: BTreeSet<String> = others.iter().map(|s| s.to_string()).collect();
    for (i, e) in ephemeral.iter().enumerate() {
        let p = path.index(i);
        let c = ephemeral_as_container(e);
        errs.extend(validate_container_common(&c, ctx, &p));
        errs.extend(validate_container_only_for_pod(&c, &p));
        if !all.insert(e.name.clone()) {
            errs.push(field::duplicate(&p.child("name"), e.name.as_str()));
        }
        let target = s(&e.target_container_name);
        if !target.is_empty() && !others.contains(target) {
            errs.push(field::not_found(&p.child("targetContainerName"), target));
        }
        for (present, name) in [
            (e.lifecycle.is_some(), "lifecycle"),
            (e.liveness_probe.is_some(), "livenessProbe"),
            (e.ports.as_ref().is_some_and(|v| !v.is_empty()), "ports"),
            (e.readiness_probe.is_some(), "readinessProbe"),
            (e.resources.as_ref().is_some_and(|r| r != &ResourceRequirements::default()), "resources"),
            (e.resize_policy.as_ref().is_some_and(|v| !v.is_empty()), "resizePolicy"),
            (e.startup_probe.is_some(), "startupProbe"),
        ] {
            if present {
                errs.push(field::forbidden(&p.child(name), "cannot be set for an Ephemeral Container"));
            }
        }
        for (j, vm) in e.volume_mounts.iter().flatten().enumerate() {
            if !s(&vm.sub_path).is_empty() {
                errs.push(field::forbidden(
                    &p.child("volumeMounts").index(j).child("subPath"),
                    "cannot be set for an Ephemeral Container",
                ));
            }
            if !s(&vm.sub_path_expr).is_empty() {
                errs.push(field::forbidden(
                    &p.child("volumeMounts").index(j).child("subPathExpr"),
                    "cannot be set for an Ephemeral Container",
                ));
            }
        }
    }
    errs
}

/// `validateContainerOnlyForPod`: a Pod's images must not carry surrounding whitespace.
pub(crate) fn validate_container_only_for_pod(c: &Container, path: &Path) -> Vec<FieldError> {
    let image = s(&c.image);
    if image.trim() != image {
        vec![field::invalid(&path.child("image"), image, "must not have leading or trailing whitespace")]
    } else {
        Vec::new()
    }
}

/// `validateContainerCommon`: what every kind of container must satisfy.
fn validate_container_common(c: &Container, ctx: &ContainerCtx, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let name_path = path.child("name");
    if c.name.is_empty() {
        errs.push(field::required(&name_path, ""));
    } else {
        errs.extend(validate_dns1123_label(&c.name, &name_path));
    }
    if s(&c.image).is_empty() {
        errs.push(field::required(&path.child("image"), ""));
    }
    let tmp = path.child("terminationMessagePolicy");
    match s(&c.termination_message_policy) {
        "File" | "FallbackToLogsOnError" => {}
        "" => errs.push(field::required(&tmp, "")),
        other => {
            errs.push(field::not_supported(&tmp, BadValue::Json(json!(other)), &["File", "FallbackToLogsOnError"]))
        }
    }
    errs.extend(validate_container_ports(c.ports.as_deref().unwrap_or(&[]), &path.child("ports")));
    errs.extend(validate_env(c.env.as_deref().unwrap_or(&[]), &path.child("env")));
    errs.extend(validate_env_from(c.env_from.as_deref().unwrap_or(&[]), &path.child("envFrom")));
    errs.extend(validate_volume_mounts(c, ctx.volumes, &path.child("volumeMounts")));
    errs.extend(validate_volume_devices(c, ctx.volumes, &path.child("volumeDevices")));
    errs.extend(validate_pull_policy(s(&c.image_pull_policy), &path.child("imagePullPolicy")));
    if let Some(r) = &c.resources {
        errs.extend(validate_resource_requirements(
            r,
            ctx.claim_names,
            &path.child("resources"),
            ResourceScope::Container,
        ));
    }
    errs.extend(validate_resize_policy(c, ctx.restart_policy, &path.child("resizePolicy")));
    if let Some(sc) = &c.security_context {
        errs.extend(validate_security_context(sc, ctx.host_users, &path.child("securityContext")));
    }
    errs
}

fn validate_container_ports(ports: &[ContainerPort], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut names_seen = BTreeSet::new();
    for (i, port) in ports.iter().enumerate() {
        let p = path.index(i);
        let name = s(&port.name);
        if !name.is_empty() {
            let msgs = names::is_valid_port_name(name);
            if !msgs.is_empty() {
                errs.extend(msgs.into_iter().map(|m| field::invalid(&p.child("name"), name, m)));
            } else if !names_seen.insert(name.to_string()) {
                errs.push(field::duplicate(&p.child("name"), name));
            }
        }
        if port.container_port == 0 {
            errs.push(field::required(&p.child("containerPort"), ""));
        } else {
            for m in names::is_valid_port_num(i64::from(port.container_port)) {
                errs.push(field::invalid(&p.child("containerPort"), port.container_port, m));
            }
        }
        if let Some(hp) = port.host_port.filter(|hp| *hp != 0) {
            for m in names::is_valid_port_num(i64::from(hp)) {
                errs.push(field::invalid(&p.child("hostPort"), hp, m));
            }
        }
        errs.extend(validate_protocol(s(&port.protocol), &p.child("protocol")));
    }
    errs
}

pub(crate) fn validate_protocol(protocol: &str, path: &Path) -> Vec<FieldError> {
    match protocol {
        "" => vec![field::required(path, "")],
        "TCP" | "UDP" | "SCTP" => Vec::new(),
        other => vec![field::not_supported(path, BadValue::Json(json!(other)), &["SCTP", "TCP", "UDP"])],
    }
}

/// `AccumulateUniqueHostPorts`: the same protocol, host IP and host port used twice.
fn host_port_conflicts<'a>(containers: impl Iterator<Item = (usize, &'a Container)>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (ci, c) in containers {
        for (pi, port) in c.ports.iter().flatten().enumerate() {
            let hp = port.host_port.unwrap_or(0);
            if hp == 0 {
                continue;
            }
            let key = format!("{}/{}/{hp}", s(&port.protocol), s(&port.host_ip));
            if !seen.insert(key.clone()) {
                errs.push(field::duplicate(&path.index(ci).child("ports").index(pi).child("hostPort"), key));
            }
        }
    }
    errs
}

const ENV_DOWNWARD_FIELDS: [&str; 9] = [
    "metadata.name",
    "metadata.namespace",
    "metadata.uid",
    "spec.nodeName",
    "spec.serviceAccountName",
    "status.hostIP",
    "status.hostIPs",
    "status.podIP",
    "status.podIPs",
];

fn validate_env(vars: &[EnvVar], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in vars.iter().enumerate() {
        let p = path.index(i);
        if ev.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        } else {
            for m in names::is_relaxed_env_var_name(&ev.name) {
                errs.push(field::invalid(&p.child("name"), ev.name.as_str(), m));
            }
        }
        let Some(from) = &ev.value_from else { continue };
        let vp = p.child("valueFrom");
        let mut sources = 0;
        if let Some(fr) = &from.field_ref {
            sources += 1;
            errs.extend(validate_object_field_selector(fr, &ENV_DOWNWARD_FIELDS, &vp.child("fieldRef")));
        }
        if let Some(rf) = &from.resource_field_ref {
            sources += 1;
            errs.extend(validate_resource_field_selector(rf, &vp.child("resourceFieldRef"), false));
        }
        if let Some(r) = &from.config_map_key_ref {
            sources += 1;
            errs.extend(validate_key_selector(&r.name, &r.key, &vp.child("configMapKeyRef")));
        }
        if let Some(r) = &from.secret_key_ref {
            sources += 1;
            errs.extend(validate_key_selector(&r.name, &r.key, &vp.child("secretKeyRef")));
        }
        if let Some(r) = &from.file_key_ref {
            sources += 1;
            let fp = vp.child("fileKeyRef");
            if r.key.is_empty() {
                errs.push(field::required(&fp.child("key"), ""));
            } else {
                for m in names::is_relaxed_env_var_name(&r.key) {
                    errs.push(field::invalid(&fp.child("key"), r.key.as_str(), m));
                }
            }
            if r.volume_name.is_empty() {
                errs.push(field::required(&fp.child("volumeName"), ""));
            } else {
                errs.extend(validate_dns1123_label(&r.volume_name, &fp.child("volumeName")));
            }
            if r.path.is_empty() {
                errs.push(field::required(&fp.child("path"), ""));
            } else {
                errs.extend(validate_path_no_backsteps(&r.path, &fp.child("path")));
            }
        }
        if sources == 0 {
            errs.push(field::invalid(
                &vp,
                "",
                "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
            ));
        } else if !s(&ev.value).is_empty() {
            errs.push(field::invalid(&vp, "", "may not be specified when `value` is not empty"));
        } else if sources > 1 {
            errs.push(field::invalid(&vp, "", "may not have more than one field specified at a time"));
        }
    }
    errs
}

/// `validateConfigMapKeySelector` / `validateSecretKeySelector`: the name is always checked, even when empty.
fn validate_key_selector(name: &str, key: &str, path: &Path) -> Vec<FieldError> {
    let mut errs: Vec<FieldError> = names::name_is_dns_subdomain(name, false)
        .into_iter()
        .map(|m| field::invalid(&path.child("name"), name, m))
        .collect();
    if key.is_empty() {
        errs.push(field::required(&path.child("key"), ""));
    } else {
        for m in names::is_config_map_key(key) {
            errs.push(field::invalid(&path.child("key"), key, m));
        }
    }
    errs
}

/// The field labels a downward API reference may name (`ConvertDownwardAPIFieldLabel`).
fn convert_downward_field_label(api_version: &str, label: &str) -> Result<String, String> {
    if api_version != "v1" {
        return Err(format!("unsupported pod version: {api_version}"));
    }
    if let Some((base, _)) = split_subscripted_path(label) {
        return match base {
            "metadata.annotations" | "metadata.labels" => Ok(label.to_string()),
            _ => Err(format!("field label does not support subscript: {label}")),
        };
    }
    match label {
        "metadata.annotations"
        | "metadata.labels"
        | "metadata.name"
        | "metadata.namespace"
        | "metadata.uid"
        | "spec.nodeName"
        | "spec.restartPolicy"
        | "spec.serviceAccountName"
        | "spec.schedulerName"
        | "status.phase"
        | "status.hostIP"
        | "status.hostIPs"
        | "status.podIP"
        | "status.podIPs" => Ok(label.to_string()),
        "spec.host" => Ok("spec.nodeName".to_string()),
        _ => Err(format!("field label not supported: {label}")),
    }
}

/// `metadata.labels['app']` → (`metadata.labels`, `app`).
fn split_subscripted_path(p: &str) -> Option<(&str, &str)> {
    let inner = p.strip_suffix("']")?;
    let (base, sub) = inner.split_once("['")?;
    if base.is_empty() { None } else { Some((base, sub)) }
}

fn validate_object_field_selector(fs: &ObjectFieldSelector, expressions: &[&str], path: &Path) -> Vec<FieldError> {
    let api_version = s(&fs.api_version);
    if api_version.is_empty() {
        return vec![field::required(&path.child("apiVersion"), "")];
    }
    if fs.field_path.is_empty() {
        return vec![field::required(&path.child("fieldPath"), "")];
    }
    let internal = match convert_downward_field_label(api_version, &fs.field_path) {
        Ok(p) => p,
        Err(e) => {
            return vec![field::invalid(
                &path.child("fieldPath"),
                fs.field_path.as_str(),
                format!("error converting fieldPath: {e}"),
            )];
        }
    };
    if let Some((base, sub)) = split_subscripted_path(&internal) {
        return match base {
            "metadata.annotations" => validate_qualified_name(&sub.to_lowercase(), path),
            "metadata.labels" => validate_qualified_name(sub, path),
            _ => vec![field::invalid(path, base, "does not support subscript")],
        };
    }
    if !expressions.contains(&internal.as_str()) {
        let mut sorted = expressions.to_vec();
        sorted.sort();
        return vec![field::not_supported(&path.child("fieldPath"), internal.as_str(), &sorted)];
    }
    Vec::new()
}

const RESOURCE_FIELD_EXPRESSIONS: [&str; 6] = [
    "limits.cpu",
    "limits.ephemeral-storage",
    "limits.memory",
    "requests.cpu",
    "requests.ephemeral-storage",
    "requests.memory",
];

fn validate_resource_field_selector(fs: &ResourceFieldSelector, path: &Path, volume: bool) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if volume && s(&fs.container_name).is_empty() {
        errs.push(field::required(&path.child("containerName"), ""));
    } else if fs.resource.is_empty() {
        errs.push(field::required(&path.child("resource"), ""));
    } else if !RESOURCE_FIELD_EXPRESSIONS.contains(&fs.resource.as_str())
        && !fs.resource.starts_with("requests.hugepages-")
        && !fs.resource.starts_with("limits.hugepages-")
    {
        errs.push(field::not_supported(&path.child("resource"), fs.resource.as_str(), &RESOURCE_FIELD_EXPRESSIONS));
    }
    if let Some(divisor) = fs.divisor.as_ref().and_then(parse_quantity).filter(|d| !d.is_zero()) {
        let d = divisor.to_string();
        let memory_like = ["1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"];
        let r = fs.resource.as_str();
        let dp = path.child("divisor");
        match r {
            "limits.cpu" | "requests.cpu" if !["1m", "1"].contains(&d.as_str()) => {
                errs.push(field::invalid(&dp, r, "only divisor's values 1m and 1 are supported with the cpu resource"));
            }
            "limits.memory" | "requests.memory" if !memory_like.contains(&d.as_str()) => errs.push(field::invalid(
                &dp,
                r,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource",
            )),
            "limits.ephemeral-storage" | "requests.ephemeral-storage" if !memory_like.contains(&d.as_str()) => {
                errs.push(field::invalid(
                    &dp,
                    r,
                    "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the local ephemeral storage resource",
                ))
            }
            _ => {}
        }
        if (r.starts_with("requests.hugepages-") || r.starts_with("limits.hugepages-"))
            && !memory_like.contains(&d.as_str())
        {
            errs.push(field::invalid(
                &dp,
                r,
                "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the hugepages resource",
            ));
        }
    }
    errs
}

fn validate_env_from(sources: &[EnvFromSource], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, ev) in sources.iter().enumerate() {
        let p = path.index(i);
        let prefix = s(&ev.prefix);
        if !prefix.is_empty() {
            for m in names::is_relaxed_env_var_name(prefix) {
                errs.push(field::invalid(&p.child("prefix"), prefix, m));
            }
        }
        let mut count = 0;
        for (name, child) in [
            (ev.config_map_ref.as_ref().map(|r| r.name.as_str()), "configMapRef"),
            (ev.secret_ref.as_ref().map(|r| r.name.as_str()), "secretRef"),
        ] {
            let Some(name) = name else { continue };
            count += 1;
            let np = p.child(child).child("name");
            if name.is_empty() {
                errs.push(field::required(&np, ""));
            } else {
                for m in names::name_is_dns_subdomain(name, true) {
                    errs.push(field::invalid(&np, name, m));
                }
            }
        }
        // Upstream reports these on the list, not on the entry.
        if count == 0 {
            errs.push(field::invalid(path, "", "must specify one of: `configMapRef` or `secretRef`"));
        } else if count > 1 {
            errs.push(field::invalid(path, "", "may not have more than one field specified at a time"));
        }
    }
    errs
}

fn validate_volume_mounts(c: &Container, volumes: &BTreeMap<String, &Volume>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let devices: BTreeMap<&str, &str> =
        c.volume_devices.iter().flatten().map(|d| (d.name.as_str(), d.device_path.as_str())).collect();
    let mut mount_points = BTreeSet::new();
    let privileged = c.security_context.as_ref().and_then(|sc| sc.privileged).unwrap_or(false);
    for (i, m) in c.volume_mounts.iter().flatten().enumerate() {
        let p = path.index(i);
        if m.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        }
        if !volumes.contains_key(&m.name) {
            errs.push(field::not_found(&p.child("name"), m.name.as_str()));
        }
        if m.mount_path.is_empty() {
            errs.push(field::required(&p.child("mountPath"), ""));
        }
        if !mount_points.insert(m.mount_path.clone()) {
            errs.push(field::invalid(&p.child("mountPath"), m.mount_path.as_str(), "must be unique"));
        }
        if devices.contains_key(m.name.as_str()) {
            errs.push(field::invalid(&p.child("name"), m.name.as_str(), "must not already exist in volumeDevices"));
        }
        if devices.values().any(|d| *d == m.mount_path) {
            errs.push(field::invalid(
                &p.child("mountPath"),
                m.mount_path.as_str(),
                "must not already exist as a path in volumeDevices",
            ));
        }
        let sub_path = s(&m.sub_path);
        if !sub_path.is_empty() {
            // Upstream reports these on the list path, not on the entry.
            errs.extend(validate_local_descending_path(sub_path, &path.child("subPath")));
        }
        let sub_path_expr = s(&m.sub_path_expr);
        if !sub_path_expr.is_empty() {
            if !sub_path.is_empty() {
                errs.push(field::invalid(
                    &p.child("subPathExpr"),
                    sub_path_expr,
                    "subPathExpr and subPath are mutually exclusive",
                ));
            }
            errs.extend(validate_local_descending_path(sub_path_expr, &path.child("subPathExpr")));
        }
        if let Some(mp) = &m.mount_propagation {
            let pp = path.child("mountPropagation");
            const MODES: [&str; 3] = ["Bidirectional", "HostToContainer", "None"];
            if !MODES.contains(&mp.as_str()) {
                errs.push(field::not_supported(&pp, BadValue::Json(json!(mp)), &MODES));
            }
            if mp == "Bidirectional" && !privileged {
                errs.push(field::forbidden(
                    &pp,
                    "Bidirectional mount propagation is available only to privileged containers",
                ));
            }
        }
        errs.extend(validate_recursive_read_only(m, &path.child("recursiveReadOnly")));
        for (j, opt) in m.bind_mount_options.iter().flatten().enumerate() {
            const OPTS: [&str; 3] = ["noexec", "nodev", "nosuid"];
            if !OPTS.contains(&opt.as_str()) {
                errs.push(field::not_supported(
                    &p.child("bindMountOptions").index(j),
                    opt.as_str(),
                    &["nodev", "noexec", "nosuid"],
                ));
            }
        }
    }
    errs
}

fn validate_recursive_read_only(m: &VolumeMount, path: &Path) -> Vec<FieldError> {
    let Some(rro) = &m.recursive_read_only else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    match rro.as_str() {
        "Disabled" => {}
        "Enabled" | "IfPossible" => {
            if m.read_only != Some(true) {
                errs.push(field::forbidden(path, "may only be specified when readOnly is true"));
            }
            if m.mount_propagation.as_deref().is_some_and(|p| p != "None") {
                errs.push(field::forbidden(
                    path,
                    "may only be specified when mountPropagation is None or not specified",
                ));
            }
        }
        other => {
            errs.push(field::not_supported(path, BadValue::Json(json!(other)), &["Disabled", "Enabled", "IfPossible"]))
        }
    }
    errs
}

fn validate_volume_devices(c: &Container, volumes: &BTreeMap<String, &Volume>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mounts: BTreeMap<&str, &str> =
        c.volume_mounts.iter().flatten().map(|m| (m.name.as_str(), m.mount_path.as_str())).collect();
    let mut dev_paths = BTreeSet::new();
    let mut dev_names = BTreeSet::new();
    for (i, d) in c.volume_devices.iter().flatten().enumerate() {
        let p = path.index(i);
        let vol = volumes.get(&d.name);
        if d.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        }
        if dev_names.contains(&d.name) {
            errs.push(field::invalid(&p.child("name"), d.name.as_str(), "must be unique"));
        }
        match vol {
            Some(v) if v.persistent_volume_claim.is_none() && v.ephemeral.is_none() => errs.push(field::invalid(
                &p.child("name"),
                d.name.as_str(),
                "can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode",
            )),
            Some(_) => {}
            None => errs.push(field::not_found(&p.child("name"), d.name.as_str())),
        }
        if d.device_path.is_empty() {
            errs.push(field::required(&p.child("devicePath"), ""));
        }
        if dev_paths.contains(&d.device_path) {
            errs.push(field::invalid(&p.child("devicePath"), d.device_path.as_str(), "must be unique"));
        }
        if !d.device_path.is_empty() && d.device_path.split('/').any(|x| x == "..") {
            errs.push(field::invalid(
                &p.child("devicePath"),
                d.device_path.as_str(),
                "can not contain backsteps ('..')",
            ));
        } else {
            dev_paths.insert(d.device_path.clone());
        }
        if mounts.contains_key(d.name.as_str()) {
            errs.push(field::invalid(&p.child("name"), d.name.as_str(), "must not already exist in volumeMounts"));
        }
        if mounts.values().any(|m| *m == d.device_path) {
            errs.push(field::invalid(
                &p.child("devicePath"),
                d.device_path.as_str(),
                "must not already exist as a path in volumeMounts",
            ));
        }
        if !d.name.is_empty() {
            dev_names.insert(d.name.clone());
        }
    }
    errs
}

pub(crate) fn validate_pull_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "Always" | "IfNotPresent" | "Never" => Vec::new(),
        "" => vec![field::required(path, "")],
        other => vec![field::not_supported(path, BadValue::Json(json!(other)), &["Always", "IfNotPresent", "Never"])],
    }
}

fn validate_resize_policy(c: &Container, pod_restart_policy: &str, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, p) in c.resize_policy.iter().flatten().enumerate() {
        if !seen.insert(p.resource_name.clone()) {
            errs.push(field::duplicate(&path.index(i), BadValue::Json(json!(p.resource_name))));
        }
        match p.resource_name.as_str() {
            "cpu" | "memory" => {}
            "" => errs.push(field::required(path, "")),
            other => errs.push(field::not_supported(path, BadValue::Json(json!(other)), &["cpu", "memory"])),
        }
        match p.restart_policy.as_str() {
            "NotRequired" | "RestartContainer" => {}
            "" => errs.push(field::required(path, "")),
            other => errs.push(field::not_supported(
                path,
                BadValue::Json(json!(other)),
                &["NotRequired", "RestartContainer"],
            )),
        }
        if pod_restart_policy == "Never" && p.restart_policy != "NotRequired" {
            errs.push(field::invalid(
                path,
                BadValue::Json(json!(p.restart_policy)),
                "must be 'NotRequired' when pod `restartPolicy` is 'Never'",
            ));
        }
    }
    errs
}

/// `validateContainerRestartPolicy` (ContainerRestartRules, beta and on since v1.35).
fn validate_container_restart_policy(policy: Option<&str>, c: &Container, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let rules = c.restart_policy_rules.as_deref().unwrap_or(&[]);
    let rp = path.child("restartPolicy");
    match policy {
        None if rules.is_empty() => return errs,
        None => errs.push(field::required(&rp, "must specify restartPolicy when restart rules are used")),
        Some(p) if !["Always", "Never", "OnFailure"].contains(&p) => {
            errs.push(field::not_supported(&rp, BadValue::Json(json!(p)), &["Always", "Never", "OnFailure"]));
        }
        Some(_) => {}
    }
    if rules.len() > 20 {
        errs.push(field::too_many(&path.child("restartPolicyRules"), rules.len(), 20));
    }
    for (i, rule) in rules.iter().enumerate() {
        let p = path.child("restartPolicyRules").index(i);
        if rule.action != "Restart" {
            errs.push(field::not_supported(&p.child("action"), BadValue::Json(json!(rule.action)), &["Restart"]));
        }
        match &rule.exit_codes {
            Some(ec) => {
                let ep = p.child("exitCodes");
                if !["In", "NotIn"].contains(&ec.operator.as_str()) {
                    errs.push(field::not_supported(
                        &ep.child("operator"),
                        BadValue::Json(json!(ec.operator)),
                        &["In", "NotIn"],
                    ));
                }
                let n = ec.values.as_ref().map_or(0, |v| v.len());
                if n > 255 {
                    errs.push(field::too_many(&ep.child("values"), n, 255));
                }
            }
            None => errs.push(field::required(&p.child("exitCodes"), "must be specified")),
        }
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Resources

#[derive(Clone, Copy, PartialEq)]
enum ResourceScope {
    Container,
    Pod,
}

const STANDARD_RESOURCES: [&str; 20] = [
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

fn is_hugepages(name: &str) -> bool {
    name.starts_with("hugepages-")
}

fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

fn is_extended_resource(name: &str) -> bool {
    if is_native_resource(name) || name.starts_with("requests.") {
        return false;
    }
    names::is_qualified_name(&format!("requests.{name}")).is_empty()
}

fn is_overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !is_hugepages(name)
}

fn is_integer_resource(name: &str) -> bool {
    [
        "pods",
        "resourcequotas",
        "services",
        "replicationcontrollers",
        "secrets",
        "configmaps",
        "persistentvolumeclaims",
        "services.nodeports",
        "services.loadbalancers",
    ]
    .contains(&name)
        || is_extended_resource(name)
}

fn validate_resource_name(name: &str, path: &Path, scope: ResourceScope) -> Vec<FieldError> {
    let value = || BadValue::Json(json!(name));
    let mut errs: Vec<FieldError> =
        names::is_qualified_name(name).into_iter().map(|m| field::invalid(path, value(), m)).collect();
    if !errs.is_empty() {
        return errs;
    }
    let unqualified = !name.contains('/');
    if unqualified
        && !(STANDARD_RESOURCES.contains(&name) || is_hugepages(name) || name.starts_with("requests.hugepages-"))
    {
        errs.push(field::invalid(path, value(), "must be a standard resource type or fully qualified"));
    }
    match scope {
        ResourceScope::Container => {
            if unqualified {
                if !(["cpu", "memory", "ephemeral-storage"].contains(&name) || is_hugepages(name)) {
                    errs.push(field::invalid(path, value(), "must be a standard resource for containers"));
                }
            } else if !is_native_resource(name) && !is_extended_resource(name) {
                errs.push(field::invalid(path, value(), "doesn't follow extended resource name standard"));
            }
        }
        ResourceScope::Pod => {
            if errs.is_empty() && !(name == "cpu" || name == "memory" || is_hugepages(name)) {
                errs.push(field::not_supported(path, value(), &["cpu", "hugepages-", "memory"]));
            }
        }
    }
    errs
}

fn parse_quantity(q: &ApiQuantity) -> Option<Quantity> {
    crate::quantity::parse_quantity(q.0.trim()).ok()
}

fn validate_quantity_value(name: &str, q: &Quantity, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if q.is_negative() {
        errs.push(field::invalid(path, q.to_string(), "must be greater than or equal to 0"));
    }
    if is_integer_resource(name) && !q.is_integer() {
        errs.push(field::invalid(path, BadValue::Json(json!(q.to_string())), "must be an integer"));
    }
    errs
}

fn hugepage_error(name: &str, q: &Quantity) -> Option<String> {
    let page = crate::quantity::parse_quantity(name.strip_prefix("hugepages-")?.trim()).ok();
    let divisible = match page {
        Some(page) if !page.is_zero() && page.is_integer() && !page.is_negative() => {
            let (v, p) = (q.value(), page.value());
            p != 0 && v % p == 0
        }
        _ => false,
    };
    if divisible { None } else { Some(format!("{q} is not positive integer multiple of {name}")) }
}

/// `validateResourceRequirements`: names, non-negative quantities, requests not above limits.
fn validate_resource_requirements(
    r: &ResourceRequirements,
    claim_names: &BTreeSet<String>,
    path: &Path,
    scope: ResourceScope,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let lim_path = path.child("limits");
    let req_path = path.child("requests");
    let limits = r.limits.clone().unwrap_or_default();
    let (mut lim_cpu_mem, mut req_cpu_mem, mut lim_huge, mut req_huge) = (false, false, false, false);
    for (name, q) in &limits {
        let p = lim_path.key(name);
        errs.extend(validate_resource_name(name, &p, scope));
        let Some(q) = parse_quantity(q) else { continue };
        errs.extend(validate_quantity_value(name, &q, &p));
        if is_hugepages(name) {
            lim_huge = true;
            if let Some(msg) = hugepage_error(name, &q) {
                errs.push(field::invalid(&p, q.to_string(), msg));
            }
        }
        if name == "cpu" || name == "memory" {
            lim_cpu_mem = true;
        }
    }
    for (name, q) in r.requests.iter().flatten() {
        let p = req_path.key(name);
        errs.extend(validate_resource_name(name, &p, scope));
        let Some(q) = parse_quantity(q) else { continue };
        errs.extend(validate_quantity_value(name, &q, &p));
        match limits.get(name).and_then(parse_quantity) {
            Some(lim) => {
                let ord = q.cmp(&lim);
                if ord != std::cmp::Ordering::Equal && !is_overcommit_allowed(name) {
                    errs.push(field::invalid(
                        &req_path,
                        q.to_string(),
                        format!("must be equal to {name} limit of {lim}"),
                    ));
                } else if ord == std::cmp::Ordering::Greater {
                    errs.push(field::invalid(
                        &req_path,
                        q.to_string(),
                        format!("must be less than or equal to {name} limit of {lim}"),
                    ));
                }
            }
            None if !limits.contains_key(name) && !is_overcommit_allowed(name) => {
                errs.push(field::required(&lim_path, "Limit must be set for non overcommitable resources"));
            }
            None => {}
        }
        if is_hugepages(name) {
            req_huge = true;
            if let Some(msg) = hugepage_error(name, &q) {
                errs.push(field::invalid(&p, q.to_string(), msg));
            }
        }
        if name == "cpu" || name == "memory" {
            req_cpu_mem = true;
        }
    }
    if !lim_cpu_mem && !req_cpu_mem && (req_huge || lim_huge) {
        errs.push(field::forbidden(path, "HugePages require cpu or memory"));
    }
    let mut seen = BTreeSet::new();
    for (i, claim) in r.claims.iter().flatten().enumerate() {
        let p = path.child("claims").index(i);
        if claim.name.is_empty() {
            errs.push(field::required(&p, ""));
            continue;
        }
        let request = s(&claim.request);
        let key = if request.is_empty() { claim.name.clone() } else { format!("{}/{request}", claim.name) };
        if !request.is_empty() {
            errs.extend(validate_dns1123_label(request, &p.child("request")));
        }
        if !seen.insert(key.clone()) {
            errs.push(field::duplicate(&p, key));
        }
        if !claim_names.contains(&claim.name) {
            let mut e = field::not_found(&p, claim.name.as_str());
            e.detail = if claim_names.is_empty() {
                "must be one of the names in pod.spec.resourceClaims which is empty".to_string()
            } else {
                let list: Vec<&str> = claim_names.iter().map(|s| s.as_str()).collect();
                format!("must be one of the names in pod.spec.resourceClaims: {}", list.join(", "))
            };
            errs.push(e);
        }
    }
    errs
}

fn validate_pod_resource_claims(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, c) in spec.resource_claims.iter().flatten().enumerate() {
        let p = path.index(i);
        if c.name.is_empty() {
            errs.push(field::required(&p.child("name"), ""));
        } else {
            if !seen.insert(c.name.clone()) {
                errs.push(field::duplicate(&p.child("name"), c.name.as_str()));
            }
            errs.extend(validate_dns1123_label(&c.name, &p.child("name")));
        }
        match (&c.resource_claim_name, &c.resource_claim_template_name) {
            (Some(_), Some(_)) | (None, None) => errs.push(field::invalid(
                &p,
                BadValue::Json(json!(c.name)),
                "must specify one of: `resourceClaimName`, `resourceClaimTemplateName`",
            )),
            _ => {}
        }
    }
    errs
}

/// Pod-level `resources` (PodLevelResources, beta and on): names limited to cpu, memory and huge pages.
fn validate_pod_resources(
    spec: &PodSpec,
    r: &ResourceRequirements,
    claims: &BTreeSet<String>,
    path: &Path,
) -> Vec<FieldError> {
    if spec.os.as_ref().is_some_and(|os| os.name == "windows") {
        return vec![field::forbidden(path, "may not be set for a windows pod")];
    }
    let mut errs = Vec::new();
    if r.claims.is_some() {
        errs.push(field::forbidden(&path.child("claims"), "claims may not be set for Resources at pod-level"));
    }
    errs.extend(validate_resource_requirements(r, claims, path, ResourceScope::Pod));
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Probes and hooks

fn validate_liveness_or_startup(probe: Option<&Probe>, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    let Some(probe) = probe else {
        return Vec::new();
    };
    let mut errs = validate_probe(probe, grace, path);
    let st = probe.success_threshold.unwrap_or(0);
    if st != 1 {
        errs.push(field::invalid(&path.child("successThreshold"), st, "must be 1"));
    }
    errs
}

fn validate_readiness_probe(probe: Option<&Probe>, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    let Some(probe) = probe else {
        return Vec::new();
    };
    let mut errs = validate_probe(probe, grace, path);
    if let Some(t) = probe.termination_grace_period_seconds {
        errs.push(field::invalid(
            &path.child("terminationGracePeriodSeconds"),
            t,
            "must not be set for readinessProbes",
        ));
    }
    errs
}

fn validate_probe(probe: &Probe, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_handler(
        Handler {
            exec: probe.exec.as_ref().map(|e| e.command.as_deref().unwrap_or(&[]).len()),
            http_get: probe.http_get.as_ref(),
            tcp_socket: probe.tcp_socket.as_ref().map(|t| &t.port),
            grpc: probe.grpc.as_ref().map(|g| (g.port, g.mode.as_deref())),
            sleep: None,
        },
        grace,
        path,
    );
    for (v, name) in [
        (probe.initial_delay_seconds, "initialDelaySeconds"),
        (probe.timeout_seconds, "timeoutSeconds"),
        (probe.period_seconds, "periodSeconds"),
        (probe.success_threshold, "successThreshold"),
        (probe.failure_threshold, "failureThreshold"),
    ] {
        errs.extend(meta::validate_nonnegative(i64::from(v.unwrap_or(0)), &path.child(name)));
    }
    if let Some(t) = probe.termination_grace_period_seconds
        && t <= 0
    {
        errs.push(field::invalid(&path.child("terminationGracePeriodSeconds"), t, "must be greater than 0"));
    }
    errs
}

/// The action of a probe or hook, whichever kinds it has.
struct Handler<'a> {
    /// The length of `exec.command`.
    exec: Option<usize>,
    http_get: Option<&'a HTTPGetAction>,
    tcp_socket: Option<&'a IntOrString>,
    grpc: Option<(i32, Option<&'a str>)>,
    sleep: Option<i64>,
}

fn lifecycle_handler(h: &LifecycleHandler) -> Handler<'_> {
    Handler {
        exec: h.exec.as_ref().map(|e| e.command.as_deref().unwrap_or(&[]).len()),
        http_get: h.http_get.as_ref(),
        tcp_socket: h.tcp_socket.as_ref().map(|t| &t.port),
        grpc: None,
        sleep: h.sleep.as_ref().map(|s| s.seconds),
    }
}

fn validate_handler(h: Handler, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut count = 0;
    let claim = |name: &str, errs: &mut Vec<FieldError>, count: &mut u32| -> bool {
        if *count > 0 {
            errs.push(field::forbidden(&path.child(name), "may not specify more than 1 handler type"));
            false
        } else {
            *count += 1;
            true
        }
    };
    if let Some(n) = h.exec
        && claim("exec", &mut errs, &mut count)
        && n == 0
    {
        errs.push(field::required(&path.child("exec").child("command"), ""));
    }
    if let Some(http) = h.http_get
        && claim("httpGet", &mut errs, &mut count)
    {
        let p = path.child("httpGet");
        if s(&http.path).is_empty() {
            errs.push(field::required(&p.child("path"), ""));
        }
        errs.extend(validate_port_num_or_name(&http.port, &p.child("port")));
        let scheme = s(&http.scheme);
        if !["HTTP", "HTTPS"].contains(&scheme) {
            errs.push(field::not_supported(&p.child("scheme"), BadValue::Json(json!(scheme)), &["HTTP", "HTTPS"]));
        }
        for header in http.http_headers.iter().flatten() {
            for m in names::is_http_header_name(&header.name) {
                errs.push(field::invalid(&p.child("httpHeaders"), header.name.as_str(), m));
            }
        }
    }
    if let Some(port) = h.tcp_socket
        && claim("tcpSocket", &mut errs, &mut count)
    {
        errs.extend(validate_port_num_or_name(port, &path.child("tcpSocket").child("port")));
    }
    if let Some((port, mode)) = h.grpc
        && claim("grpc", &mut errs, &mut count)
    {
        let p = path.child("grpc");
        errs.extend(validate_port_num_or_name(&IntOrString::Int(port), &p.child("port")));
        if let Some(m) = mode
            && !["Plaintext", "TLS"].contains(&m)
        {
            errs.push(field::not_supported(&p.child("mode"), BadValue::Json(json!(m)), &["Plaintext", "TLS"]));
        }
    }
    if let Some(seconds) = h.sleep
        && claim("sleep", &mut errs, &mut count)
        && let Some(g) = grace
        && (seconds < 0 || seconds > g)
    {
        errs.push(field::invalid(
            &path.child("sleep"),
            seconds,
            format!("must be non-negative and less than terminationGracePeriodSeconds ({g})"),
        ));
    }
    if count == 0 {
        errs.push(field::required(path, "must specify a handler type"));
    }
    errs
}

pub(crate) fn validate_port_num_or_name(port: &IntOrString, path: &Path) -> Vec<FieldError> {
    match port {
        IntOrString::Int(n) => {
            names::is_valid_port_num(i64::from(*n)).into_iter().map(|m| field::invalid(path, *n, m)).collect()
        }
        IntOrString::String(name) => {
            names::is_valid_port_name(name).into_iter().map(|m| field::invalid(path, name.as_str(), m)).collect()
        }
    }
}

fn validate_lifecycle(lc: &Lifecycle, grace: Option<i64>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(h) = &lc.post_start {
        errs.extend(validate_handler(lifecycle_handler(h), grace, &path.child("postStart")));
    }
    if let Some(h) = &lc.pre_stop {
        errs.extend(validate_handler(lifecycle_handler(h), grace, &path.child("preStop")));
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Security contexts

fn validate_ids(values: &[(Option<i64>, &str)], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (v, name) in values {
        if let Some(v) = v {
            for m in names::is_valid_user_id(*v) {
                errs.push(field::invalid(&path.child(name), *v, m));
            }
        }
    }
    errs
}

fn validate_pod_security_context(sc: &PodSecurityContext, spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs =
        validate_ids(&[(sc.fs_group, "fsGroup"), (sc.run_as_user, "runAsUser"), (sc.run_as_group, "runAsGroup")], path);
    for (i, g) in sc.supplemental_groups.iter().flatten().enumerate() {
        for m in names::is_valid_group_id(*g) {
            errs.push(field::invalid(&path.child("supplementalGroups").index(i), *g, m));
        }
    }
    let mut sysctl_names = BTreeSet::new();
    for (i, sysctl) in sc.sysctls.iter().flatten().enumerate() {
        let p = path.child("sysctls").index(i).child("name");
        if sysctl.name.is_empty() {
            errs.push(field::required(&p, ""));
        } else if !is_valid_sysctl_name(&sysctl.name) {
            errs.push(field::invalid(
                &p,
                sysctl.name.as_str(),
                "must have at most 253 characters and match regex ^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[\\./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$",
            ));
        } else if sysctl_names.contains(&sysctl.name) {
            errs.push(field::duplicate(&p, sysctl.name.as_str()));
        }
        if spec.host_network == Some(true) && sysctl.name.starts_with("net.") {
            errs.push(field::invalid(&p, sysctl.name.as_str(), "may not be specified when 'hostNetwork' is true"));
        }
        sysctl_names.insert(sysctl.name.clone());
    }
    if let Some(p) = &sc.fs_group_change_policy
        && !["Always", "OnRootMismatch"].contains(&p.as_str())
    {
        errs.push(field::not_supported(
            &path.child("fsGroupChangePolicy"),
            BadValue::Json(json!(p)),
            &["Always", "OnRootMismatch"],
        ));
    }
    if let Some(sp) = &sc.seccomp_profile {
        errs.extend(validate_seccomp_profile(
            &sp.type_,
            sp.localhost_profile.as_deref(),
            &path.child("seccompProfile"),
        ));
    }
    if let Some(ap) = &sc.app_armor_profile {
        errs.extend(validate_app_armor_profile(
            &ap.type_,
            ap.localhost_profile.as_deref(),
            &path.child("appArmorProfile"),
        ));
    }
    if let Some(p) = &sc.supplemental_groups_policy
        && !["Merge", "Strict"].contains(&p.as_str())
    {
        errs.push(field::not_supported(
            &path.child("supplementalGroupsPolicy"),
            BadValue::Json(json!(p)),
            &["Merge", "Strict"],
        ));
    }
    if let Some(p) = &sc.se_linux_change_policy
        && !["MountOption", "Recursive"].contains(&p.as_str())
    {
        errs.push(field::not_supported(
            &path.child("seLinuxChangePolicy"),
            BadValue::Json(json!(p)),
            &["MountOption", "Recursive"],
        ));
    }
    errs
}

/// `([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?`, at most 253 characters.
fn is_valid_sysctl_name(name: &str) -> bool {
    let segment = |s: &str| {
        let b = s.as_bytes();
        let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
        !b.is_empty() && alnum(b[0]) && alnum(b[b.len() - 1]) && b.iter().all(|&c| alnum(c) || c == b'-' || c == b'_')
    };
    name.len() <= 253 && name.split(['.', '/']).all(segment)
}

fn validate_seccomp_profile(type_: &str, localhost: Option<&str>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    match type_ {
        "Localhost" | "RuntimeDefault" | "Unconfined" => {}
        "" => errs.push(field::required(&path.child("type"), "type is required when seccompProfile is set")),
        other => errs.push(field::not_supported(
            &path.child("type"),
            BadValue::Json(json!(other)),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        )),
    }
    if type_ == "Localhost" {
        match localhost {
            None => errs
                .push(field::required(&path.child("localhostProfile"), "must be set when seccomp type is Localhost")),
            Some(l) => errs.extend(validate_local_descending_path(l, &path.child("localhostProfile"))),
        }
    } else if let Some(l) = localhost {
        let value = GoStruct::new().field("Type", json!(type_)).field("LocalhostProfile", json!(l)).finish();
        errs.push(field::invalid(
            &path.child("localhostProfile"),
            value,
            "can only be set when seccomp type is Localhost",
        ));
    }
    errs
}

fn validate_app_armor_profile(type_: &str, localhost: Option<&str>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let lp = path.child("localhostProfile");
    match type_ {
        "Localhost" => match localhost {
            None => errs.push(field::required(&lp, "must be set when AppArmor type is Localhost")),
            Some(l) => {
                if l.trim() != l {
                    errs.push(field::invalid(&lp, l, "must not be padded with whitespace"));
                } else if l.is_empty() {
                    errs.push(field::required(&lp, "must be set when AppArmor type is Localhost"));
                }
                if l.len() > 4095 {
                    errs.push(field::too_long(&lp, 4095));
                }
            }
        },
        "RuntimeDefault" | "Unconfined" => {
            if let Some(l) = localhost {
                errs.push(field::invalid(
                    &lp,
                    BadValue::Json(json!(l)),
                    "can only be set when AppArmor type is Localhost",
                ));
            }
        }
        "" => errs.push(field::required(&path.child("type"), "type is required when appArmorProfile is set")),
        other => errs.push(field::not_supported(
            &path.child("type"),
            BadValue::Json(json!(other)),
            &["Localhost", "RuntimeDefault", "Unconfined"],
        )),
    }
    errs
}

/// The internal `core.SecurityContext` as Go's JSON encoder prints it (Go field names, declaration order).
fn security_context_value(sc: &SecurityContext) -> BadValue {
    let caps = sc.capabilities.as_ref().map_or(Value::Null, |c| json!({"Add": c.add, "Drop": c.drop}));
    let mut st = GoStruct::new().field("Capabilities", caps).field("Privileged", json!(sc.privileged));
    st = match &sc.se_linux_options {
        Some(o) => st.rendered(
            "SELinuxOptions",
            &GoStruct::new()
                .field("User", json!(s(&o.user)))
                .field("Role", json!(s(&o.role)))
                .field("Type", json!(s(&o.type_)))
                .field("Level", json!(s(&o.level)))
                .finish(),
        ),
        None => st.field("SELinuxOptions", Value::Null),
    };
    st = match &sc.windows_options {
        Some(w) => st.rendered(
            "WindowsOptions",
            &GoStruct::new()
                .field("GMSACredentialSpecName", json!(w.gmsa_credential_spec_name))
                .field("GMSACredentialSpec", json!(w.gmsa_credential_spec))
                .field("RunAsUserName", json!(w.run_as_user_name))
                .field("HostProcess", json!(w.host_process))
                .finish(),
        ),
        None => st.field("WindowsOptions", Value::Null),
    };
    st = st
        .field("RunAsUser", json!(sc.run_as_user))
        .field("RunAsGroup", json!(sc.run_as_group))
        .field("RunAsNonRoot", json!(sc.run_as_non_root))
        .field("ReadOnlyRootFilesystem", json!(sc.read_only_root_filesystem))
        .field("AllowPrivilegeEscalation", json!(sc.allow_privilege_escalation))
        .field("ProcMount", json!(sc.proc_mount));
    st = match &sc.seccomp_profile {
        Some(p) => st.rendered(
            "SeccompProfile",
            &GoStruct::new()
                .field("Type", json!(p.type_))
                .field("LocalhostProfile", json!(p.localhost_profile))
                .finish(),
        ),
        None => st.field("SeccompProfile", Value::Null),
    };
    st = match &sc.app_armor_profile {
        Some(p) => st.rendered(
            "AppArmorProfile",
            &GoStruct::new()
                .field("Type", json!(p.type_))
                .field("LocalhostProfile", json!(p.localhost_profile))
                .finish(),
        ),
        None => st.field("AppArmorProfile", Value::Null),
    };
    st.finish()
}

/// `ValidateSecurityContext` for one container.
fn validate_security_context(sc: &SecurityContext, host_users: bool, path: &Path) -> Vec<FieldError> {
    let mut errs = validate_ids(&[(sc.run_as_user, "runAsUser"), (sc.run_as_group, "runAsGroup")], path);
    if let Some(pm) = &sc.proc_mount {
        let p = path.child("procMount");
        if !["Default", "Unmasked"].contains(&pm.as_str()) {
            errs.push(field::not_supported(&p, BadValue::Json(json!(pm)), &["Default", "Unmasked"]));
        }
        if host_users && pm == "Unmasked" {
            errs.push(field::invalid(&p, BadValue::Json(json!(pm)), "`hostUsers` must be false to use `Unmasked`"));
        }
    }
    if let Some(sp) = &sc.seccomp_profile {
        errs.extend(validate_seccomp_profile(
            &sp.type_,
            sp.localhost_profile.as_deref(),
            &path.child("seccompProfile"),
        ));
    }
    if sc.allow_privilege_escalation == Some(false) {
        if sc.privileged == Some(true) {
            errs.push(field::invalid(
                path,
                security_context_value(sc),
                "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            ));
        }
        for cap in sc.capabilities.iter().flat_map(|c| c.add.iter().flatten()) {
            if cap == "CAP_SYS_ADMIN" {
                errs.push(field::invalid(
                    path,
                    security_context_value(sc),
                    "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
                ));
            }
        }
    }
    if let Some(ap) = &sc.app_armor_profile {
        errs.extend(validate_app_armor_profile(
            &ap.type_,
            ap.localhost_profile.as_deref(),
            &path.child("appArmorProfile"),
        ));
    }
    errs
}

// ---------------------------------------------------------------------------------------------------------
// Pod-level scheduling and networking fields

fn validate_host_network_deps(spec: &PodSpec, path: &Path, opts: PodOpts) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.host_network != Some(true) {
        return errs;
    }
    for (i, c) in spec.containers.iter().enumerate() {
        for (j, port) in c.ports.iter().flatten().enumerate() {
            let hp = port.host_port.unwrap_or(0);
            if (opts.resource_is_pod || hp != 0) && hp != port.container_port {
                errs.push(field::invalid(
                    &path.child("containers").index(i).child("ports").index(j).child("hostPort"),
                    hp,
                    "must match `containerPort` when `hostNetwork` is true",
                ));
            }
        }
    }
    errs
}

pub(crate) fn validate_restart_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "Always" | "OnFailure" | "Never" => Vec::new(),
        "" => vec![field::required(path, "")],
        other => vec![field::not_supported(path, BadValue::Json(json!(other)), &["Always", "OnFailure", "Never"])],
    }
}

fn validate_dns_policy(policy: &str, path: &Path) -> Vec<FieldError> {
    match policy {
        "ClusterFirstWithHostNet" | "ClusterFirst" | "Default" | "None" => Vec::new(),
        "" => vec![field::required(path, "")],
        other => vec![field::not_supported(
            path,
            BadValue::Json(json!(other)),
            &["ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"],
        )],
    }
}

fn validate_dns_config(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let config = spec.dns_config.as_ref();
    if s(&spec.dns_policy) == "None" {
        match config {
            None => {
                return vec![field::required(path, "must provide `dnsConfig` when `dnsPolicy` is None")];
            }
            Some(c) if c.nameservers.as_ref().is_none_or(|n| n.is_empty()) => {
                return vec![field::required(
                    &path.child("nameservers"),
                    "must provide at least one DNS nameserver when `dnsPolicy` is None",
                )];
            }
            _ => {}
        }
    }
    let Some(c) = config else { return errs };
    let nameservers = c.nameservers.as_deref().unwrap_or(&[]);
    if nameservers.len() > 3 {
        errs.push(field::invalid(
            &path.child("nameservers"),
            json!(nameservers),
            "must not have more than 3 nameservers",
        ));
    }
    for (i, ns) in nameservers.iter().enumerate() {
        errs.extend(validate_ip(ns, &path.child("nameservers").index(i)));
    }
    let searches = c.searches.as_deref().unwrap_or(&[]);
    if searches.len() > 32 {
        errs.push(field::invalid(&path.child("searches"), json!(searches), "must not have more than 32 search paths"));
    }
    if searches.join(" ").len() > 2048 {
        errs.push(field::invalid(
            &path.child("searches"),
            json!(searches),
            "must not have more than 2048 characters (including spaces) in the search list",
        ));
    }
    for (i, search) in searches.iter().enumerate() {
        if search != "." {
            let trimmed = search.strip_suffix('.').unwrap_or(search);
            // DNS-1123 subdomain that also allows underscores.
            let ok = trimmed.len() <= 253
                && trimmed.split('.').all(|label| {
                    let b = label.trim_start_matches('_').as_bytes();
                    let alnum = |c: u8| c.is_ascii_lowercase() || c.is_ascii_digit();
                    !b.is_empty()
                        && alnum(b[0])
                        && alnum(b[b.len() - 1])
                        && b.iter().all(|&c| alnum(c) || c == b'-' || c == b'_')
                        && label.len() - b.len() <= 1
                });
            if !ok {
                errs.push(field::invalid(
                    &path.child("searches").index(i),
                    trimmed,
                    names::regex_error(
                        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character",
                        "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*",
                        &["example.com"],
                    ),
                ));
            }
        }
    }
    for (i, o) in c.options.iter().flatten().enumerate() {
        if s(&o.name).is_empty() {
            errs.push(field::required(&path.child("options").index(i), "must not be empty"));
        }
    }
    errs
}

fn validate_affinity(affinity: &k8s_openapi::api::core::v1::Affinity, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Some(na) = &affinity.node_affinity
        && let Some(required) = &na.required_during_scheduling_ignored_during_execution
    {
        let p = path.child("nodeAffinity").child("requiredDuringSchedulingIgnoredDuringExecution");
        if required.node_selector_terms.is_empty() {
            errs.push(field::required(&p.child("nodeSelectorTerms"), "must have at least one node selector term"));
        }
    }
    for (terms, name) in [
        (
            affinity.pod_affinity.as_ref().and_then(|a| a.required_during_scheduling_ignored_during_execution.as_ref()),
            "podAffinity",
        ),
        (
            affinity
                .pod_anti_affinity
                .as_ref()
                .and_then(|a| a.required_during_scheduling_ignored_during_execution.as_ref()),
            "podAntiAffinity",
        ),
    ] {
        for (i, term) in terms.into_iter().flatten().enumerate() {
            let p = path.child(name).child("requiredDuringSchedulingIgnoredDuringExecution").index(i);
            if let Some(sel) = &term.label_selector {
                errs.extend(meta::validate_label_selector(sel, &p.child("labelSelector")));
            }
            if term.topology_key.is_empty() {
                errs.push(field::required(&p.child("topologyKey"), "can not be empty"));
            } else {
                errs.extend(meta::validate_label_name(&term.topology_key, &p.child("topologyKey")));
            }
        }
    }
    errs
}

fn validate_topology_spread(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let constraints = spec.topology_spread_constraints.as_deref().unwrap_or(&[]);
    for (i, c) in constraints.iter().enumerate() {
        let p = path.index(i);
        if c.max_skew <= 0 {
            errs.push(field::invalid(&p.child("maxSkew"), c.max_skew, "must be greater than zero"));
        }
        if c.topology_key.is_empty() {
            errs.push(field::required(&p.child("topologyKey"), "can not be empty"));
        }
        if !["DoNotSchedule", "ScheduleAnyway"].contains(&c.when_unsatisfiable.as_str()) {
            errs.push(field::not_supported(
                &p.child("whenUnsatisfiable"),
                BadValue::Json(json!(c.when_unsatisfiable)),
                &["DoNotSchedule", "ScheduleAnyway"],
            ));
        }
        if constraints[i + 1..]
            .iter()
            .any(|o| o.topology_key == c.topology_key && o.when_unsatisfiable == c.when_unsatisfiable)
        {
            errs.push(field::duplicate(
                &p.child("{topologyKey, whenUnsatisfiable}"),
                format!("{{{}, {}}}", c.topology_key, c.when_unsatisfiable),
            ));
        }
        if let Some(md) = c.min_domains {
            if md <= 0 {
                errs.push(field::invalid(&p.child("minDomains"), md, "must be greater than zero"));
            }
            if c.when_unsatisfiable != "DoNotSchedule" {
                errs.push(field::invalid(
                    &p.child("minDomains"),
                    md,
                    format!("can only use minDomains if whenUnsatisfiable=DoNotSchedule, not {}", c.when_unsatisfiable),
                ));
            }
        }
        for (policy, name) in
            [(&c.node_affinity_policy, "nodeAffinityPolicy"), (&c.node_taints_policy, "nodeTaintsPolicy")]
        {
            if let Some(pol) = policy
                && !["Honor", "Ignore"].contains(&pol.as_str())
            {
                errs.push(field::not_supported(&p.child(name), BadValue::Json(json!(pol)), &["Honor", "Ignore"]));
            }
        }
        if let Some(sel) = &c.label_selector {
            errs.extend(meta::validate_label_selector(sel, &p.child("labelSelector")));
        }
    }
    errs
}

fn validate_host_users(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.host_users != Some(false) {
        return errs;
    }
    if spec.host_network == Some(true) {
        errs.push(field::forbidden(&path.child("hostNetwork"), "when `hostUsers` is false"));
    }
    if spec.host_pid == Some(true) {
        errs.push(field::forbidden(&path.child("HostPID"), "when `hostUsers` is false"));
    }
    if spec.host_ipc == Some(true) {
        errs.push(field::forbidden(&path.child("HostIPC"), "when `hostUsers` is false"));
    }
    for (list, name) in
        [(spec.init_containers.as_deref().unwrap_or(&[]), "initContainers"), (&spec.containers[..], "containers")]
    {
        for (i, c) in list.iter().enumerate() {
            if c.volume_devices.as_ref().is_some_and(|d| !d.is_empty()) {
                errs.push(field::forbidden(
                    &path.child(name).index(i).child("volumeDevices"),
                    "when `hostUsers` is false",
                ));
            }
        }
    }
    errs
}

fn validate_hostname_override(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let Some(h) = &spec.hostname_override else {
        return Vec::new();
    };
    let mut errs = Vec::new();
    let p = path.child("hostnameOverride");
    if spec.set_hostname_as_fqdn == Some(true) {
        errs.push(field::forbidden(&p, "may not be specified when setHostnameAsFQDN is true"));
    }
    if spec.host_network == Some(true) {
        errs.push(field::forbidden(&p, "may not be specified when hostNetwork is true"));
    }
    if h.len() > 64 {
        errs.push(field::too_long(&p, 64));
    }
    errs.extend(validate_dns1123_subdomain(h, &p));
    errs
}

/// `ValidateTolerations`.
pub(crate) fn validate_tolerations(tolerations: &[Toleration], path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (i, t) in tolerations.iter().enumerate() {
        let p = path.index(i);
        let key = s(&t.key);
        let operator = s(&t.operator);
        let effect = s(&t.effect);
        let value = s(&t.value);
        if !key.is_empty() {
            errs.extend(meta::validate_label_name(key, &p.child("key")));
        }
        if key.is_empty() && operator != "Exists" {
            errs.push(field::invalid(
                &p.child("operator"),
                BadValue::Json(json!(operator)),
                "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
            ));
        }
        if t.toleration_seconds.is_some() && effect != "NoExecute" {
            errs.push(field::invalid(
                &p.child("effect"),
                BadValue::Json(json!(effect)),
                "effect must be 'NoExecute' when `tolerationSeconds` is set",
            ));
        }
        match operator {
            "Equal" | "" => {
                let msgs = names::is_label_value(value);
                if !msgs.is_empty() {
                    errs.push(field::invalid(&p.child("operator"), value, msgs.join(";")));
                }
            }
            "Exists" => {
                if !value.is_empty() {
                    errs.push(field::invalid(
                        &p.child("operator"),
                        value,
                        "value must be empty when `operator` is 'Exists'",
                    ));
                }
            }
            "Lt" | "Gt" => errs.push(field::not_supported(
                &p.child("operator"),
                BadValue::Json(json!(operator)),
                &["Equal", "Exists", "Lt", "Gt"],
            )),
            other => errs.push(field::not_supported(
                &p.child("operator"),
                BadValue::Json(json!(other)),
                &["Equal", "Exists"],
            )),
        }
        if !effect.is_empty() && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&effect) {
            errs.push(field::not_supported(
                &p.child("effect"),
                BadValue::Json(json!(effect)),
                &["NoSchedule", "PreferNoSchedule", "NoExecute"],
            ));
        }
    }
    errs
}

/// `validateLinux`: Windows options on a Linux pod.
fn validate_linux(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if spec.security_context.as_ref().is_some_and(|sc| sc.windows_options.is_some()) {
        errs.push(field::forbidden(
            &path.child("securityContext").child("windowsOptions"),
            "windows options cannot be set for a linux pod",
        ));
    }
    for (list, name) in
        [(spec.init_containers.as_deref().unwrap_or(&[]), "initContainers"), (&spec.containers[..], "containers")]
    {
        for (i, c) in list.iter().enumerate() {
            if c.security_context.as_ref().is_some_and(|sc| sc.windows_options.is_some()) {
                errs.push(field::forbidden(
                    &path.child(name).index(i).child("securityContext").child("windowsOptions"),
                    "windows options cannot be set for a linux pod",
                ));
            }
        }
    }
    errs
}

/// Environment variables read from files need an `emptyDir` volume to read them from.
fn validate_file_key_ref_volumes(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let volumes: BTreeMap<&str, &Volume> = spec.volumes.iter().flatten().map(|v| (v.name.as_str(), v)).collect();
    for (list, name) in
        [(spec.init_containers.as_deref().unwrap_or(&[]), "initContainers"), (&spec.containers[..], "containers")]
    {
        for (i, c) in list.iter().enumerate() {
            for (j, env) in c.env.iter().flatten().enumerate() {
                let Some(r) = env.value_from.as_ref().and_then(|f| f.file_key_ref.as_ref()) else {
                    continue;
                };
                let p = path
                    .child(name)
                    .index(i)
                    .child("env")
                    .index(j)
                    .child("valueFrom")
                    .child("fileKeyRef")
                    .child("volumeName");
                match volumes.get(r.volume_name.as_str()) {
                    None => errs.push(field::not_found(&p, r.volume_name.as_str())),
                    Some(v) if v.empty_dir.is_none() => errs.push(field::invalid(
                        &p,
                        r.volume_name.as_str(),
                        "referenced volume must be of type emptyDir",
                    )),
                    Some(_) => {}
                }
            }
        }
    }
    errs
}
