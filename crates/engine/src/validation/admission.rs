//! The mutating admission plugins a default API server runs on new Pods: ServiceAccount (default account,
//! the `kube-api-access-<suffix>` projected token volume and its mounts), DefaultTolerationSeconds (300s
//! for `not-ready`/`unreachable`), and Priority (priority 0, PreemptLowerPriority when no class applies);
//! plus the QoS class the Pod strategy records.
//!
//! Follows kubernetes/kubernetes `plugin/pkg/admission/serviceaccount/admission.go`,
//! `plugin/pkg/admission/defaulttolerationseconds/admission.go`, `plugin/pkg/admission/priority/admission.go`
//! and `pkg/apis/core/helper/qos/qos.go`.

use std::cmp::Ordering;

use k8s_openapi::api::core::v1::{
    ConfigMapProjection, DownwardAPIProjection, DownwardAPIVolumeFile, KeyToPath, ObjectFieldSelector, Pod, PodSpec,
    ProjectedVolumeSource, ResourceRequirements, ServiceAccountTokenProjection, Toleration, Volume, VolumeMount,
    VolumeProjection,
};

use crate::quantity::parse_quantity;

pub const DEFAULT_SERVICE_ACCOUNT: &str = "default";
pub const TOKEN_VOLUME_PREFIX: &str = "kube-api-access-";
pub const TOKEN_MOUNT_PATH: &str = "/var/run/secrets/kubernetes.io/serviceaccount";
/// `serviceaccount.WarnOnlyBoundTokenExpirationSeconds`: one hour plus seven seconds.
pub const TOKEN_EXPIRATION_SECONDS: i64 = 3607;
pub const DEFAULT_TOLERATION_SECONDS: i64 = 300;
const MIRROR_POD_ANNOTATION: &str = "kubernetes.io/config.mirror";

/// Runs the admission mutations on a Pod being created. `suffix` is the five random characters of the token
/// volume's name (`kube-api-access-<suffix>`), chosen by the caller so that runs are reproducible. Assumes the
/// Pod's ServiceAccount exists and does not opt out of token automounting.
pub fn admit_pod(pod: &mut Pod, suffix: &str) {
    let is_mirror = pod.metadata.annotations.as_ref().is_some_and(|a| a.contains_key(MIRROR_POD_ANNOTATION));
    let spec = pod.spec.get_or_insert_with(PodSpec::default);
    if !is_mirror {
        admit_service_account(spec, suffix);
    }
    admit_default_toleration_seconds(spec);
    admit_priority(spec);
}

fn admit_service_account(spec: &mut PodSpec, suffix: &str) {
    if spec.service_account_name.as_deref().unwrap_or("").is_empty() {
        spec.service_account_name = Some(DEFAULT_SERVICE_ACCOUNT.into());
        // The deprecated alias is kept in sync by defaulting; admission runs after it, so sync it here too.
        spec.service_account = spec.service_account_name.clone();
    }
    if spec.automount_service_account_token == Some(false) {
        return;
    }
    let existing =
        spec.volumes.iter().flatten().find(|v| v.name.starts_with(TOKEN_VOLUME_PREFIX)).map(|v| v.name.clone());
    let has_volume = existing.is_some();
    let volume_name = existing.unwrap_or_else(|| format!("{TOKEN_VOLUME_PREFIX}{suffix}"));
    let mount = VolumeMount {
        name: volume_name.clone(),
        read_only: Some(true),
        mount_path: TOKEN_MOUNT_PATH.into(),
        ..Default::default()
    };
    let mut needs_volume = false;
    for c in spec.init_containers.iter_mut().flatten().chain(spec.containers.iter_mut()) {
        let mounts = c.volume_mounts.get_or_insert_with(Vec::new);
        if !mounts.iter().any(|m| m.mount_path == TOKEN_MOUNT_PATH) {
            mounts.push(mount.clone());
            needs_volume = true;
        }
    }
    if !has_volume && needs_volume {
        spec.volumes.get_or_insert_with(Vec::new).push(Volume {
            name: volume_name,
            projected: Some(token_volume_source()),
            ..Default::default()
        });
    }
}

/// `TokenVolumeSource`: a bound token, the cluster CA bundle and the namespace.
fn token_volume_source() -> ProjectedVolumeSource {
    ProjectedVolumeSource {
        default_mode: Some(0o644),
        default_user: None,
        sources: Some(vec![
            VolumeProjection {
                service_account_token: Some(ServiceAccountTokenProjection {
                    expiration_seconds: Some(TOKEN_EXPIRATION_SECONDS),
                    path: "token".into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            VolumeProjection {
                config_map: Some(ConfigMapProjection {
                    name: "kube-root-ca.crt".into(),
                    items: Some(vec![KeyToPath { key: "ca.crt".into(), path: "ca.crt".into(), ..Default::default() }]),
                    ..Default::default()
                }),
                ..Default::default()
            },
            VolumeProjection {
                downward_api: Some(DownwardAPIProjection {
                    items: Some(vec![DownwardAPIVolumeFile {
                        path: "namespace".into(),
                        field_ref: Some(ObjectFieldSelector {
                            api_version: Some("v1".into()),
                            field_path: "metadata.namespace".into(),
                        }),
                        ..Default::default()
                    }]),
                }),
                ..Default::default()
            },
        ]),
    }
}

/// Pods tolerate unready and unreachable nodes for five minutes unless they say otherwise.
fn admit_default_toleration_seconds(spec: &mut PodSpec) {
    let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
    let tolerates = |key: &str, t: &Toleration| {
        let k = t.key.as_deref().unwrap_or("");
        let e = t.effect.as_deref().unwrap_or("");
        (k == key || k.is_empty()) && (e == "NoExecute" || e.is_empty())
    };
    let not_ready = tolerations.iter().any(|t| tolerates("node.kubernetes.io/not-ready", t));
    let unreachable = tolerations.iter().any(|t| tolerates("node.kubernetes.io/unreachable", t));
    for (present, key) in [(not_ready, "node.kubernetes.io/not-ready"), (unreachable, "node.kubernetes.io/unreachable")]
    {
        if !present {
            tolerations.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(DEFAULT_TOLERATION_SECONDS),
                value: None,
            });
        }
    }
}

/// Without a PriorityClass (and no global default class), a Pod gets priority 0 and may preempt
/// lower-priority Pods. Resolving a named PriorityClass is left to the caller.
fn admit_priority(spec: &mut PodSpec) {
    if spec.priority_class_name.as_deref().unwrap_or("").is_empty() {
        spec.priority.get_or_insert(0);
        spec.preemption_policy.get_or_insert_with(|| "PreemptLowerPriority".into());
    }
}

/// `ComputePodQOS`: `Guaranteed` when every container's cpu and memory requests equal non-zero limits,
/// `BestEffort` when none sets any, `Burstable` otherwise. Pod-level resources, when set, decide alone.
pub fn compute_qos(spec: &PodSpec) -> &'static str {
    if let Some(r) = &spec.resources
        && (r.requests.as_ref().is_some_and(|m| m.keys().any(|k| pod_level(k)))
            || r.limits.as_ref().is_some_and(|m| m.keys().any(|k| pod_level(k))))
    {
        return requirements_qos(Some(r));
    }
    let mut pod_qos: Option<&'static str> = None;
    for c in spec.init_containers.iter().flatten().chain(spec.containers.iter()) {
        let q = requirements_qos(c.resources.as_ref());
        if q == "Burstable" {
            return q;
        }
        match pod_qos {
            None => pod_qos = Some(q),
            Some(p) if p != q => return "Burstable",
            _ => {}
        }
    }
    pod_qos.unwrap_or("BestEffort")
}

fn pod_level(name: &str) -> bool {
    name == "cpu" || name == "memory" || name.starts_with("hugepages-")
}

fn requirements_qos(r: Option<&ResourceRequirements>) -> &'static str {
    let empty = ResourceRequirements::default();
    let r = r.unwrap_or(&empty);
    let requests = r.requests.clone().unwrap_or_default();
    let limits = r.limits.clone().unwrap_or_default();
    if requests.is_empty() && limits.is_empty() {
        return "BestEffort";
    }
    let mut qos: Option<&'static str> = None;
    for res in ["cpu", "memory"] {
        let q = |m: &std::collections::BTreeMap<String, k8s_openapi::apimachinery::pkg::api::resource::Quantity>| {
            m.get(res).and_then(|q| parse_quantity(q.0.trim()).ok()).unwrap_or_default()
        };
        let (req, lim) = (q(&requests), q(&limits));
        let res_qos = if req.cmp(&lim) != Ordering::Equal {
            "Burstable"
        } else if req.is_zero() {
            "BestEffort"
        } else {
            "Guaranteed"
        };
        if res_qos == "Burstable" {
            return res_qos;
        }
        match qos {
            None => qos = Some(res_qos),
            Some(q) if q != res_qos => return "Burstable",
            _ => {}
        }
    }
    qos.unwrap_or("BestEffort")
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::Container;
    use k8s_openapi::apimachinery::pkg::api::resource::Quantity as Q;

    fn container(name: &str) -> Container {
        Container { name: name.into(), image: Some("nginx".into()), ..Default::default() }
    }

    // plugin/pkg/admission/serviceaccount/admission_test.go: TestAutomountsAPIToken, TestRespectsExistingMount.
    #[test]
    fn service_account_token_volume() {
        let mut pod = Pod {
            spec: Some(PodSpec { containers: vec![container("a"), container("b")], ..Default::default() }),
            ..Default::default()
        };
        admit_pod(&mut pod, "x7k2p");
        let spec = pod.spec.as_ref().unwrap();
        assert_eq!(spec.service_account_name.as_deref(), Some("default"));
        let vols = spec.volumes.as_ref().unwrap();
        assert_eq!(vols.len(), 1);
        assert_eq!(vols[0].name, "kube-api-access-x7k2p");
        let v = serde_json::to_value(&vols[0]).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"name": "kube-api-access-x7k2p", "projected": {"defaultMode": 420, "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}
            ]}})
        );
        for c in &spec.containers {
            let m = &c.volume_mounts.as_ref().unwrap()[0];
            assert_eq!(
                (m.name.as_str(), m.mount_path.as_str(), m.read_only),
                ("kube-api-access-x7k2p", TOKEN_MOUNT_PATH, Some(true))
            );
        }
        // Admitting again changes nothing.
        let before = pod.clone();
        admit_pod(&mut pod, "other");
        assert_eq!(pod, before);
    }

    #[test]
    fn opting_out_of_automount() {
        let mut pod = Pod {
            spec: Some(PodSpec {
                containers: vec![container("a")],
                automount_service_account_token: Some(false),
                ..Default::default()
            }),
            ..Default::default()
        };
        admit_pod(&mut pod, "abcde");
        assert!(pod.spec.as_ref().unwrap().volumes.is_none());
    }

    // plugin/pkg/admission/defaulttolerationseconds/admission_test.go: TestForgivenessAdmission.
    #[test]
    fn default_tolerations() {
        let mut spec = PodSpec { containers: vec![container("a")], ..Default::default() };
        admit_default_toleration_seconds(&mut spec);
        let t = spec.tolerations.as_ref().unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[0].key.as_deref(), Some("node.kubernetes.io/not-ready"));
        assert_eq!(t[1].toleration_seconds, Some(300));
        let mut spec = PodSpec {
            tolerations: Some(vec![Toleration { operator: Some("Exists".into()), ..Default::default() }]),
            ..Default::default()
        };
        admit_default_toleration_seconds(&mut spec);
        assert_eq!(spec.tolerations.unwrap().len(), 1);
    }

    // pkg/apis/core/v1/helper/qos/qos_test.go: TestComputePodQOS.
    #[test]
    fn qos_classes() {
        let with = |req: &[(&str, &str)], lim: &[(&str, &str)]| {
            let m = |v: &[(&str, &str)]| Some(v.iter().map(|(k, q)| (k.to_string(), Q(q.to_string()))).collect());
            let mut c = container("a");
            c.resources = Some(ResourceRequirements { requests: m(req), limits: m(lim), claims: None });
            PodSpec { containers: vec![c], ..Default::default() }
        };
        assert_eq!(compute_qos(&PodSpec { containers: vec![container("a")], ..Default::default() }), "BestEffort");
        assert_eq!(
            compute_qos(&with(&[("cpu", "1"), ("memory", "1Gi")], &[("cpu", "1000m"), ("memory", "1024Mi")])),
            "Guaranteed"
        );
        assert_eq!(compute_qos(&with(&[("cpu", "1")], &[])), "Burstable");
        assert_eq!(compute_qos(&with(&[("cpu", "1")], &[("cpu", "1")])), "Burstable");
        assert_eq!(compute_qos(&with(&[("ephemeral-storage", "1Gi")], &[])), "BestEffort");
    }
}
