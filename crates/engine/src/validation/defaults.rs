//! API defaulting, and the create/update preparation the API server's registry strategies do before
//! validating: what turns a user's manifest into what `kubectl get -o yaml` shows.
//!
//! Defaulting follows kubernetes/kubernetes `pkg/apis/core/v1/defaults.go`, `pkg/apis/apps/v1/defaults.go` and
//! the generated `zz_generated.defaults.go` (which defaults run for which kind), with the v1 → internal
//! conversion of Secrets (`stringData` folded into `data`). Preparation follows `pkg/registry/core/{pod,service,
//! namespace}/strategy.go`, `pkg/registry/apps/{deployment,replicaset}/strategy.go`,
//! `pkg/registry/core/service/storage/{storage.go,alloc.go}` and `rest.BeforeUpdate`.
//!
//! Go always serializes struct-typed fields, so a real server shows `resources: {}` on containers and
//! `status: {loadBalancer: {}}` on Services; k8s-openapi makes those fields optional, so they are set here
//! to print the same.

use std::collections::BTreeMap;

use k8s_openapi::ByteString;
use k8s_openapi::api::apps::v1::{Deployment, DeploymentStrategy, ReplicaSet, RollingUpdateDeployment};
use k8s_openapi::api::core::v1::{
    ClientIPConfig, Container, EmptyDirVolumeSource, EphemeralContainer, HTTPGetAction, LifecycleHandler, Namespace,
    NamespaceSpec, NamespaceStatus, Pod, PodSecurityContext, PodSpec, PodStatus, PodTemplateSpec, Probe,
    ResourceRequirements, Secret, Service, ServiceSpec, ServiceStatus, SessionAffinityConfig, Volume,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::core::{normalize_cluster_ips_create, normalize_cluster_ips_update, semantic_json};
use crate::object::Object;
use crate::quantity::parse_quantity;

/// Applies the v1 defaults of the kinds validation covers; other kinds are left as they are.
pub fn apply_defaults(obj: &mut Object) {
    match obj {
        Object::Pod(pod) => default_pod(pod),
        Object::Deployment(d) => default_deployment(d),
        Object::ReplicaSet(rs) => default_replica_set(rs),
        Object::Service(svc) => default_service(svc),
        Object::Secret(secret) => default_secret(secret),
        Object::Namespace(ns) => default_namespace(ns),
        _ => {}
    }
}

fn set_if_none<T>(slot: &mut Option<T>, value: T) {
    if slot.is_none() {
        *slot = Some(value);
    }
}

fn set_if_empty(slot: &mut Option<String>, value: &str) {
    if slot.as_deref().unwrap_or("").is_empty() {
        *slot = Some(value.to_string());
    }
}

// ---------------------------------------------------------------------------------------------------------
// Pods and pod templates

/// `SetObjectDefaults_Pod`: the pod-only defaults, then those of any pod spec.
fn default_pod(pod: &mut Pod) {
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    if spec.termination_grace_period_seconds.is_some_and(|g| g < 0) {
        spec.termination_grace_period_seconds = Some(1);
    }
    // Requests default to limits on Pods only, not on templates.
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut().flatten()) {
        let Some(resources) = c.resources.as_mut() else {
            continue;
        };
        let Some(limits) = resources.limits.as_ref().filter(|l| !l.is_empty()) else {
            continue;
        };
        let requests = resources.requests.get_or_insert_with(BTreeMap::new);
        for (k, v) in limits {
            requests.entry(k.clone()).or_insert_with(|| v.clone());
        }
    }
    set_if_none(&mut spec.enable_service_links, true);
    if spec.host_network == Some(true) {
        for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut().flatten()) {
            for p in c.ports.iter_mut().flatten() {
                if p.host_port.unwrap_or(0) == 0 {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
    default_pod_spec(spec);
}

/// The defaults of a pod spec, in a Pod or in a template (`SetDefaults_PodSpec` and the generated defaults
/// of volumes and containers).
pub fn default_pod_spec(spec: &mut PodSpec) {
    let sa = spec.service_account_name.clone().filter(|s| !s.is_empty()).or_else(|| spec.service_account.clone());
    spec.service_account_name = sa.clone().filter(|s| !s.is_empty());
    spec.service_account = spec.service_account_name.clone();
    set_if_empty(&mut spec.dns_policy, "ClusterFirst");
    set_if_empty(&mut spec.restart_policy, "Always");
    set_if_none(&mut spec.security_context, PodSecurityContext::default());
    set_if_none(&mut spec.termination_grace_period_seconds, 30);
    set_if_empty(&mut spec.scheduler_name, "default-scheduler");
    for v in spec.volumes.iter_mut().flatten() {
        default_volume(v);
    }
    for c in spec.init_containers.iter_mut().flatten() {
        default_container(c);
    }
    for c in spec.containers.iter_mut() {
        default_container(c);
    }
    for c in spec.ephemeral_containers.iter_mut().flatten() {
        default_ephemeral_container(c);
    }
    if let Some(overhead) = spec.overhead.as_mut() {
        round_resource_list(overhead);
    }
    if let Some(r) = spec.resources.as_mut() {
        round_resources(r);
    }
}

fn default_pod_template(t: &mut PodTemplateSpec) {
    default_pod_spec(t.spec.get_or_insert_with(PodSpec::default));
}

/// Container resources are rounded up to milli-units (`SetDefaults_ResourceList`) and, as the server
/// serializes them, printed in canonical form.
fn round_resource_list(list: &mut BTreeMap<String, ApiQuantity>) {
    for q in list.values_mut() {
        if let Ok(parsed) = parse_quantity(q.0.trim()) {
            q.0 = parsed.round_up(-3).to_string();
        }
    }
}

fn round_resources(r: &mut ResourceRequirements) {
    for list in [r.limits.as_mut(), r.requests.as_mut()].into_iter().flatten() {
        round_resource_list(list);
    }
}

fn default_volume(v: &mut Volume) {
    let no_source = v.aws_elastic_block_store.is_none()
        && v.azure_disk.is_none()
        && v.azure_file.is_none()
        && v.cephfs.is_none()
        && v.cinder.is_none()
        && v.config_map.is_none()
        && v.csi.is_none()
        && v.downward_api.is_none()
        && v.empty_dir.is_none()
        && v.ephemeral.is_none()
        && v.fc.is_none()
        && v.flex_volume.is_none()
        && v.flocker.is_none()
        && v.gce_persistent_disk.is_none()
        && v.git_repo.is_none()
        && v.glusterfs.is_none()
        && v.host_path.is_none()
        && v.image.is_none()
        && v.iscsi.is_none()
        && v.nfs.is_none()
        && v.persistent_volume_claim.is_none()
        && v.photon_persistent_disk.is_none()
        && v.portworx_volume.is_none()
        && v.projected.is_none()
        && v.quobyte.is_none()
        && v.rbd.is_none()
        && v.scale_io.is_none()
        && v.secret.is_none()
        && v.storageos.is_none()
        && v.vsphere_volume.is_none();
    if no_source {
        v.empty_dir = Some(EmptyDirVolumeSource::default());
    }
    if let Some(img) = v.image.as_mut()
        && img.pull_policy.as_deref().unwrap_or("").is_empty()
    {
        img.pull_policy = Some(pull_policy_for(img.reference.as_deref().unwrap_or("")).to_string());
    }
    if let Some(hp) = v.host_path.as_mut() {
        set_if_none(&mut hp.type_, String::new());
    }
    if let Some(s) = v.secret.as_mut() {
        set_if_none(&mut s.default_mode, 0o644);
    }
    if let Some(i) = v.iscsi.as_mut() {
        set_if_empty(&mut i.iscsi_interface, "default");
    }
    if let Some(r) = v.rbd.as_mut() {
        set_if_empty(&mut r.pool, "rbd");
        set_if_empty(&mut r.user, "admin");
        set_if_empty(&mut r.keyring, "/etc/ceph/keyring");
    }
    if let Some(d) = v.downward_api.as_mut() {
        set_if_none(&mut d.default_mode, 0o644);
        for item in d.items.iter_mut().flatten() {
            if let Some(fr) = item.field_ref.as_mut() {
                set_if_empty(&mut fr.api_version, "v1");
            }
        }
    }
    if let Some(c) = v.config_map.as_mut() {
        set_if_none(&mut c.default_mode, 0o644);
    }
    if let Some(a) = v.azure_disk.as_mut() {
        set_if_none(&mut a.caching_mode, "ReadWrite".to_string());
        set_if_none(&mut a.fs_type, "ext4".to_string());
        set_if_none(&mut a.read_only, false);
        set_if_none(&mut a.kind, "Shared".to_string());
    }
    if let Some(p) = v.projected.as_mut() {
        set_if_none(&mut p.default_mode, 0o644);
        for src in p.sources.iter_mut().flatten() {
            for item in src.downward_api.iter_mut().flat_map(|d| d.items.iter_mut().flatten()) {
                if let Some(fr) = item.field_ref.as_mut() {
                    set_if_empty(&mut fr.api_version, "v1");
                }
            }
            if let Some(t) = src.service_account_token.as_mut() {
                set_if_none(&mut t.expiration_seconds, 3600);
            }
        }
    }
    if let Some(s) = v.scale_io.as_mut() {
        set_if_empty(&mut s.storage_mode, "ThinProvisioned");
        set_if_empty(&mut s.fs_type, "xfs");
    }
    if let Some(t) = v.ephemeral.as_mut().and_then(|e| e.volume_claim_template.as_mut()) {
        set_if_none(&mut t.spec.volume_mode, "Filesystem".to_string());
        if let Some(r) = t.spec.resources.as_mut() {
            for list in [r.limits.as_mut(), r.requests.as_mut()].into_iter().flatten() {
                round_resource_list(list);
            }
        }
    }
}

/// `Always` for an image tagged `latest` or not tagged at all, else `IfNotPresent` (`SetDefaults_Container`).
pub fn pull_policy_for(image: &str) -> &'static str {
    if image_tag(image).as_deref() == Some("latest") { "Always" } else { "IfNotPresent" }
}

/// The tag of a container image reference as `parsers.ParseImageName` sees it: `latest` when neither a tag
/// nor a digest is given, empty for digest-only references, `None` when the reference does not parse.
pub fn image_tag(image: &str) -> Option<String> {
    let (name_tag, digest) = match image.split_once('@') {
        Some((n, d)) => (n, Some(d)),
        None => (image, None),
    };
    if let Some(d) = digest
        && !valid_digest(d)
    {
        return None;
    }
    let last_slash = name_tag.rfind('/').map_or(0, |i| i + 1);
    let (name, tag) = match name_tag[last_slash..].rfind(':') {
        Some(i) => (&name_tag[..last_slash + i], Some(&name_tag[last_slash + i + 1..])),
        None => (name_tag, None),
    };
    if let Some(t) = tag
        && !valid_tag(t)
    {
        return None;
    }
    if !valid_name(name) {
        return None;
    }
    match (tag, digest) {
        (Some(t), _) => Some(t.to_string()),
        (None, Some(_)) => Some(String::new()),
        (None, None) => Some("latest".to_string()),
    }
}

/// `[\w][\w.-]{0,127}`
fn valid_tag(t: &str) -> bool {
    let word = |c: u8| c.is_ascii_alphanumeric() || c == b'_';
    let b = t.as_bytes();
    !b.is_empty() && b.len() <= 128 && word(b[0]) && b.iter().all(|&c| word(c) || c == b'.' || c == b'-')
}

/// `[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}`
fn valid_digest(d: &str) -> bool {
    let Some((alg, hex)) = d.split_once(':') else {
        return false;
    };
    let alg_ok = alg.split(['-', '_', '+', '.']).all(|part| {
        let b = part.as_bytes();
        !b.is_empty() && b[0].is_ascii_alphabetic() && b.iter().all(|c| c.is_ascii_alphanumeric())
    });
    alg_ok && hex.len() >= 32 && hex.bytes().all(|c| c.is_ascii_hexdigit())
}

/// A repository name: an optional registry host (`host[:port]`), then lower-case path components.
fn valid_name(name: &str) -> bool {
    if name.is_empty() || name.len() > 255 {
        return false;
    }
    let (domain, remote) = match name.split_once('/') {
        Some((first, rest)) if first.contains(['.', ':']) || first == "localhost" || first.to_lowercase() != first => {
            (Some(first), rest)
        }
        _ => (None, name),
    };
    if let Some(d) = domain {
        let (host, port) = match d.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (d, None),
        };
        let host_ok = host.split('.').all(|c| {
            let b = c.as_bytes();
            !b.is_empty()
                && b[0].is_ascii_alphanumeric()
                && b[b.len() - 1].is_ascii_alphanumeric()
                && b.iter().all(|&x| x.is_ascii_alphanumeric() || x == b'-')
        });
        if !host_ok || port.is_some_and(|p| p.is_empty() || !p.bytes().all(|c| c.is_ascii_digit())) {
            return false;
        }
    } else if remote.len() == 64 && remote.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()) {
        // A 64-character hex string is an image ID, not a name.
        return false;
    }
    remote.split('/').all(valid_path_component)
}

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn valid_path_component(c: &str) -> bool {
    let b = c.as_bytes();
    let alnum = |x: u8| x.is_ascii_lowercase() || x.is_ascii_digit();
    if b.is_empty() || !alnum(b[0]) || !alnum(b[b.len() - 1]) {
        return false;
    }
    let mut i = 0;
    while i < b.len() {
        if alnum(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && !alnum(b[i]) {
            i += 1;
        }
        let sep = &c[start..i];
        if !(sep == "." || sep == "_" || sep == "__" || sep.bytes().all(|x| x == b'-')) {
            return false;
        }
    }
    true
}

fn default_probe(p: &mut Probe) {
    if p.timeout_seconds.unwrap_or(0) == 0 {
        p.timeout_seconds = Some(1);
    }
    if p.period_seconds.unwrap_or(0) == 0 {
        p.period_seconds = Some(10);
    }
    if p.success_threshold.unwrap_or(0) == 0 {
        p.success_threshold = Some(1);
    }
    if p.failure_threshold.unwrap_or(0) == 0 {
        p.failure_threshold = Some(3);
    }
    if let Some(h) = p.http_get.as_mut() {
        default_http_get(h);
    }
    if let Some(g) = p.grpc.as_mut() {
        set_if_none(&mut g.service, String::new());
    }
}

fn default_http_get(h: &mut HTTPGetAction) {
    set_if_empty(&mut h.path, "/");
    set_if_empty(&mut h.scheme, "HTTP");
}

fn default_lifecycle_handler(h: &mut LifecycleHandler) {
    if let Some(g) = h.http_get.as_mut() {
        default_http_get(g);
    }
}

/// `SetDefaults_Container` plus the generated defaults of a container's ports, env, resources and probes.
pub fn default_container(c: &mut Container) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        c.image_pull_policy = Some(pull_policy_for(c.image.as_deref().unwrap_or("")).to_string());
    }
    set_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_if_empty(&mut c.termination_message_policy, "File");
    for p in c.ports.iter_mut().flatten() {
        set_if_empty(&mut p.protocol, "TCP");
    }
    for e in c.env.iter_mut().flatten() {
        if let Some(from) = e.value_from.as_mut() {
            if let Some(fr) = from.field_ref.as_mut() {
                set_if_empty(&mut fr.api_version, "v1");
            }
            if let Some(fk) = from.file_key_ref.as_mut() {
                set_if_none(&mut fk.optional, false);
            }
        }
    }
    round_resources(c.resources.get_or_insert_with(ResourceRequirements::default));
    for probe in [c.liveness_probe.as_mut(), c.readiness_probe.as_mut(), c.startup_probe.as_mut()].into_iter().flatten()
    {
        default_probe(probe);
    }
    if let Some(lc) = c.lifecycle.as_mut() {
        for h in [lc.post_start.as_mut(), lc.pre_stop.as_mut()].into_iter().flatten() {
            default_lifecycle_handler(h);
        }
    }
}

fn default_ephemeral_container(c: &mut EphemeralContainer) {
    if c.image_pull_policy.as_deref().unwrap_or("").is_empty() {
        c.image_pull_policy = Some(pull_policy_for(c.image.as_deref().unwrap_or("")).to_string());
    }
    set_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_if_empty(&mut c.termination_message_policy, "File");
    for p in c.ports.iter_mut().flatten() {
        set_if_empty(&mut p.protocol, "TCP");
    }
    for e in c.env.iter_mut().flatten() {
        if let Some(fr) = e.value_from.as_mut().and_then(|f| f.field_ref.as_mut()) {
            set_if_empty(&mut fr.api_version, "v1");
        }
    }
    if let Some(r) = c.resources.as_mut() {
        round_resources(r);
    }
    for probe in [c.liveness_probe.as_mut(), c.readiness_probe.as_mut(), c.startup_probe.as_mut()].into_iter().flatten()
    {
        default_probe(probe);
    }
}

// ---------------------------------------------------------------------------------------------------------
// Workloads

/// `SetDefaults_Deployment`: one replica, RollingUpdate 25%/25%, 10 old ReplicaSets kept, 600s deadline.
fn default_deployment(d: &mut Deployment) {
    let spec = &mut d.spec;
    set_if_none(&mut spec.replicas, 1);
    let strategy = spec.strategy.get_or_insert_with(DeploymentStrategy::default);
    set_if_empty(&mut strategy.type_, "RollingUpdate");
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        let ru = strategy.rolling_update.get_or_insert_with(RollingUpdateDeployment::default);
        set_if_none(&mut ru.max_unavailable, IntOrString::String("25%".into()));
        set_if_none(&mut ru.max_surge, IntOrString::String("25%".into()));
    }
    set_if_none(&mut spec.revision_history_limit, 10);
    set_if_none(&mut spec.progress_deadline_seconds, 600);
    default_pod_template(&mut spec.template);
}

fn default_replica_set(rs: &mut ReplicaSet) {
    set_if_none(&mut rs.spec.replicas, 1);
    default_pod_template(rs.spec.template.get_or_insert_with(PodTemplateSpec::default));
}

// ---------------------------------------------------------------------------------------------------------
// Services, Secrets, Namespaces

/// `SetDefaults_Service`.
fn default_service(svc: &mut Service) {
    let spec = svc.spec.get_or_insert_with(ServiceSpec::default);
    set_if_empty(&mut spec.session_affinity, "None");
    match spec.session_affinity.as_deref() {
        Some("None") => spec.session_affinity_config = None,
        Some("ClientIP") => {
            let has_timeout = spec
                .session_affinity_config
                .as_ref()
                .and_then(|c| c.client_ip.as_ref())
                .and_then(|c| c.timeout_seconds)
                .is_some();
            if !has_timeout {
                spec.session_affinity_config =
                    Some(SessionAffinityConfig { client_ip: Some(ClientIPConfig { timeout_seconds: Some(10800) }) });
            }
        }
        _ => {}
    }
    set_if_empty(&mut spec.type_, "ClusterIP");
    for p in spec.ports.iter_mut().flatten() {
        set_if_empty(&mut p.protocol, "TCP");
        let unset = match &p.target_port {
            None => true,
            Some(IntOrString::Int(0)) => true,
            Some(IntOrString::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if unset {
            p.target_port = Some(IntOrString::Int(p.port));
        }
    }
    let type_ = spec.type_.clone().unwrap_or_default();
    let externally_accessible = type_ == "LoadBalancer"
        || type_ == "NodePort"
        || (type_ == "ClusterIP" && spec.external_ips.as_ref().is_some_and(|e| !e.is_empty()));
    if externally_accessible {
        set_if_empty(&mut spec.external_traffic_policy, "Cluster");
    }
    if spec.internal_traffic_policy.is_none() && ["NodePort", "LoadBalancer", "ClusterIP"].contains(&type_.as_str()) {
        spec.internal_traffic_policy = Some("Cluster".into());
    }
    if type_ == "LoadBalancer" {
        set_if_none(&mut spec.allocate_load_balancer_node_ports, true);
        for ing in svc
            .status
            .iter_mut()
            .flat_map(|s| s.load_balancer.iter_mut())
            .flat_map(|lb| lb.ingress.iter_mut().flatten())
        {
            if ing.ip.as_deref().is_some_and(|ip| !ip.is_empty()) {
                set_if_none(&mut ing.ip_mode, "VIP".to_string());
            }
        }
    }
}

/// `SetDefaults_Secret`, and the conversion that writes `stringData` over `data`.
fn default_secret(secret: &mut Secret) {
    set_if_empty(&mut secret.type_, "Opaque");
    if let Some(string_data) = secret.string_data.take().filter(|d| !d.is_empty()) {
        let data = secret.data.get_or_insert_with(BTreeMap::new);
        for (k, v) in string_data {
            data.insert(k, ByteString(v.into_bytes()));
        }
    }
}

/// `SetDefaults_Namespace`: the `kubernetes.io/metadata.name` label, and phase Active.
fn default_namespace(ns: &mut Namespace) {
    if let Some(name) = ns.metadata.name.clone().filter(|n| !n.is_empty()) {
        ns.metadata.labels.get_or_insert_with(BTreeMap::new).insert("kubernetes.io/metadata.name".into(), name);
    }
    let status = ns.status.get_or_insert_with(NamespaceStatus::default);
    set_if_empty(&mut status.phase, "Active");
}

// ---------------------------------------------------------------------------------------------------------
// Create and update preparation

/// What the registry does to a new object before validating it (`PrepareForCreate`, the Service REST's
/// cluster-IP normalization and IP-family initialization for a single-stack IPv4 cluster). Allocating a
/// cluster IP and node ports is left to the caller; names from `generateName` too.
pub fn prepare_for_create(obj: &mut Object) {
    match obj {
        Object::Pod(pod) => {
            pod.metadata.generation = Some(1);
            let qos = super::admission::compute_qos(pod.spec.as_ref().unwrap_or(&PodSpec::default()));
            pod.status =
                Some(PodStatus { phase: Some("Pending".into()), qos_class: Some(qos.into()), ..Default::default() });
        }
        Object::Deployment(d) => {
            d.metadata.generation = Some(1);
            d.status = Some(Default::default());
        }
        Object::ReplicaSet(rs) => {
            rs.metadata.generation = Some(1);
            rs.status = Some(Default::default());
        }
        Object::Namespace(ns) => {
            ns.status = Some(NamespaceStatus { phase: Some("Active".into()), ..Default::default() });
            let finalizers = ns.spec.get_or_insert_with(NamespaceSpec::default).finalizers.get_or_insert_with(Vec::new);
            if !finalizers.iter().any(|f| f == "kubernetes") {
                finalizers.push("kubernetes".into());
            }
        }
        Object::Service(svc) => {
            svc.status = Some(ServiceStatus { load_balancer: Some(Default::default()), ..Default::default() });
            let spec = svc.spec.get_or_insert_with(ServiceSpec::default);
            normalize_cluster_ips_create(spec);
            init_ip_families(spec);
        }
        _ => {}
    }
}

/// `initIPFamilyFields` on create, for a cluster whose only service IP family is IPv4.
fn init_ip_families(spec: &mut ServiceSpec) {
    if spec.type_.as_deref() == Some("ExternalName") {
        return;
    }
    let headless_selectorless =
        spec.cluster_ip.as_deref() == Some("None") && spec.selector.as_ref().is_none_or(|s| s.is_empty());
    if spec.ip_family_policy.is_none() {
        spec.ip_family_policy = Some(if headless_selectorless { "RequireDualStack" } else { "SingleStack" }.into());
    }
    let families = spec.ip_families.get_or_insert_with(Vec::new);
    for ip in spec.cluster_ips.iter().flatten() {
        if ip == "None" {
            break;
        }
        if families.len() < 2 {
            let fam = if ip.contains(':') { "IPv6" } else { "IPv4" };
            if !families.iter().any(|f| f == fam) {
                families.push(fam.into());
            }
        }
    }
    if families.is_empty() {
        families.push("IPv4".into());
    }
    // Headless services without a selector ask for both families, even on a single-stack cluster.
    if headless_selectorless && families.len() < 2 && spec.ip_family_policy.as_deref() != Some("SingleStack") {
        let other = if families[0] == "IPv4" { "IPv6" } else { "IPv4" };
        families.push(other.into());
    }
}

/// What the API server does to an update before validating it: system fields the request may omit are
/// carried over (`rest.BeforeUpdate`), status is kept (`PrepareForUpdate`), generation is bumped when the
/// spec changes, and a Service keeps its allocated cluster IPs and node ports (`patchAllocatedValues`).
pub fn prepare_for_update(new: &mut Object, old: &Object) {
    carry_over_meta(new.meta_mut(), old.meta());
    match (new, old) {
        (Object::Pod(n), Object::Pod(o)) => {
            n.status = o.status.clone();
            if semantic_json(&n.spec) != semantic_json(&o.spec) {
                n.metadata.generation = Some(o.metadata.generation.unwrap_or(0) + 1);
            }
        }
        (Object::Deployment(n), Object::Deployment(o)) => {
            n.status = o.status.clone();
            if semantic_json(&n.spec) != semantic_json(&o.spec) || n.metadata.annotations != o.metadata.annotations {
                n.metadata.generation = Some(o.metadata.generation.unwrap_or(0) + 1);
            }
        }
        (Object::ReplicaSet(n), Object::ReplicaSet(o)) => {
            n.status = o.status.clone();
            if semantic_json(&n.spec) != semantic_json(&o.spec) {
                n.metadata.generation = Some(o.metadata.generation.unwrap_or(0) + 1);
            }
        }
        (Object::Namespace(n), Object::Namespace(o)) => {
            n.spec = o.spec.clone();
            n.status = o.status.clone();
        }
        (Object::Service(n), Object::Service(o)) => {
            n.status = o.status.clone();
            let old_spec = o.spec.clone().unwrap_or_default();
            let spec = n.spec.get_or_insert_with(ServiceSpec::default);
            patch_allocated_values(spec, &old_spec);
            normalize_cluster_ips_update(spec, &old_spec);
            if spec.type_.as_deref() != Some("ExternalName") {
                if spec.ip_family_policy.is_none() {
                    spec.ip_family_policy = old_spec.ip_family_policy.clone();
                }
                if spec.ip_families.as_ref().is_none_or(|f| f.is_empty()) && spec.cluster_ips == old_spec.cluster_ips {
                    spec.ip_families = old_spec.ip_families.clone();
                }
                if spec.ip_family_policy.is_none() || spec.ip_families.as_ref().is_none_or(|f| f.is_empty()) {
                    init_ip_families(spec);
                }
            }
        }
        _ => {}
    }
}

fn carry_over_meta(new: &mut ObjectMeta, old: &ObjectMeta) {
    if new.uid.as_deref().unwrap_or("").is_empty() {
        new.uid = old.uid.clone();
    }
    if old.creation_timestamp.is_some() {
        new.creation_timestamp = old.creation_timestamp.clone();
    }
    if old.deletion_timestamp.is_some() {
        new.deletion_timestamp = old.deletion_timestamp.clone();
    }
    if old.deletion_grace_period_seconds.is_some() {
        new.deletion_grace_period_seconds = old.deletion_grace_period_seconds;
    }
    new.generation = old.generation;
    if new.resource_version.as_deref().unwrap_or("").is_empty() {
        new.resource_version = old.resource_version.clone();
    }
}

fn patch_allocated_values(new: &mut ServiceSpec, old: &ServiceSpec) {
    let type_of = |s: &ServiceSpec| s.type_.clone().unwrap_or_default();
    let needs_cluster_ip = |s: &ServiceSpec| type_of(s) != "ExternalName";
    let needs_node_port = |s: &ServiceSpec| type_of(s) == "NodePort" || type_of(s) == "LoadBalancer";
    let needs_hc =
        |s: &ServiceSpec| type_of(s) == "LoadBalancer" && s.external_traffic_policy.as_deref() == Some("Local");
    if needs_cluster_ip(old) && needs_cluster_ip(new) {
        if new.cluster_ip.as_deref().unwrap_or("").is_empty() {
            new.cluster_ip = old.cluster_ip.clone();
        }
        if new.cluster_ips.as_ref().is_none_or(|c| c.is_empty())
            && old.cluster_ips.as_ref().is_some_and(|c| !c.is_empty())
        {
            new.cluster_ips = old.cluster_ips.clone();
        }
    }
    if needs_node_port(old) && needs_node_port(new) {
        let used_by = |s: &ServiceSpec| -> Vec<i32> {
            s.ports.iter().flatten().filter_map(|p| p.node_port.filter(|n| *n != 0)).collect()
        };
        let new_used = used_by(new);
        let used: Vec<i32> = used_by(old).into_iter().filter(|p| new_used.contains(p)).collect();
        let by_name: BTreeMap<String, i32> = old
            .ports
            .iter()
            .flatten()
            .map(|p| (p.name.clone().unwrap_or_default(), p.node_port.unwrap_or(0)))
            .collect();
        for p in new.ports.iter_mut().flatten() {
            if p.node_port.unwrap_or(0) == 0 {
                let old_val = by_name.get(p.name.as_deref().unwrap_or("")).copied().unwrap_or(0);
                if !used.contains(&old_val) {
                    p.node_port = Some(old_val).filter(|v| *v != 0);
                }
            }
        }
    }
    if needs_hc(old) && needs_hc(new) && new.health_check_node_port.unwrap_or(0) == 0 {
        new.health_check_node_port = old.health_check_node_port;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // pkg/util/parsers/parsers_test.go (TestParseImageName) and defaults_test.go (TestSetDefaultImagePullPolicy).
    #[test]
    fn image_tags_and_pull_policies() {
        for (image, tag) in [
            ("nginx", Some("latest")),
            ("nginx:1.27", Some("1.27")),
            ("nginx:latest", Some("latest")),
            ("docker.io/library/nginx", Some("latest")),
            ("localhost:5000/app:v1", Some("v1")),
            ("registry.k8s.io/pause:3.10", Some("3.10")),
            ("busybox@sha256:ea5ab6f4d9a2da5c2ae1e6c4c7e5a1d3f7e3c9f0a8b2c4d6e8f0a1b3c5d7e9f1", Some("")),
            ("Nginx", None),
            ("nginx:", None),
            ("", None),
        ] {
            assert_eq!(image_tag(image).as_deref(), tag, "{image}");
        }
        assert_eq!(pull_policy_for("nginx"), "Always");
        assert_eq!(pull_policy_for("nginx:1.27"), "IfNotPresent");
        assert_eq!(pull_policy_for("Nginx"), "IfNotPresent");
    }
}
