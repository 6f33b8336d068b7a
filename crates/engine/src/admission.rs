//! The admission chain in front of the store: defaulting, admission plugins and validation, then the write.
//! Every creator goes through here — kubectl and the controllers alike — as every client goes through
//! the real API server.

use std::sync::Arc;

use crate::api::{Api, ApiError};
use crate::object::Object;

/// Defaults, admits, validates and creates an object.
pub fn create(api: &mut Api, mut obj: Object) -> Result<Arc<Object>, ApiError> {
    prepare(api, &mut obj)?;
    api.create(obj)
}

/// What the API server does to an object before storing it on create, without storing it
/// (`--dry-run=server` shows this).
pub fn prepare(api: &mut Api, obj: &mut Object) -> Result<(), ApiError> {
    defaults::apply(obj);
    if let Object::Pod(pod) = obj {
        let suffix = api.rng.name_suffix("names", 5);
        defaults::admit_pod(pod, &suffix);
    }
    Ok(())
}

/// Defaults and validates an update against the stored object, then writes it.
pub fn update(api: &mut Api, mut obj: Object) -> Result<Arc<Object>, ApiError> {
    defaults::apply(&mut obj);
    api.update(obj)
}

mod defaults {
    //! Minimal defaulting (`pkg/apis/*/v1/defaults.go`) until the validation module carries it all.

    use k8s_openapi::api::apps::v1::{DeploymentStrategy, RollingUpdateDeployment};
    use k8s_openapi::api::core::v1::{Pod, PodSpec, Toleration};
    use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

    use crate::object::Object;

    pub fn apply(obj: &mut Object) {
        match obj {
            Object::Deployment(d) => {
                let s = &mut d.spec;
                s.replicas.get_or_insert(1);
                s.revision_history_limit.get_or_insert(10);
                s.progress_deadline_seconds.get_or_insert(600);
                let strategy = s.strategy.get_or_insert_with(DeploymentStrategy::default);
                let t = strategy
                    .type_
                    .get_or_insert_with(|| "RollingUpdate".into())
                    .clone();
                if t == "RollingUpdate" {
                    let ru = strategy
                        .rolling_update
                        .get_or_insert_with(RollingUpdateDeployment::default);
                    ru.max_surge
                        .get_or_insert(IntOrString::String("25%".into()));
                    ru.max_unavailable
                        .get_or_insert(IntOrString::String("25%".into()));
                }
                if let Some(spec) = s.template.spec.as_mut() {
                    pod_spec(spec);
                }
            }
            Object::ReplicaSet(rs) => {
                rs.spec.replicas.get_or_insert(1);
                if let Some(spec) = rs.spec.template.as_mut().and_then(|t| t.spec.as_mut()) {
                    pod_spec(spec);
                }
            }
            Object::Pod(p) => {
                if let Some(spec) = p.spec.as_mut() {
                    pod_spec(spec);
                }
            }
            _ => {}
        }
    }

    fn pod_spec(spec: &mut PodSpec) {
        spec.restart_policy.get_or_insert_with(|| "Always".into());
        spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
        spec.scheduler_name
            .get_or_insert_with(|| "default-scheduler".into());
        spec.termination_grace_period_seconds.get_or_insert(30);
        spec.security_context.get_or_insert_with(Default::default);
        for c in &mut spec.containers {
            let image = c.image.clone().unwrap_or_default();
            let last = image.rsplit('/').next().unwrap_or("");
            let latest = !last.contains(':') || last.ends_with(":latest");
            c.image_pull_policy.get_or_insert_with(|| {
                if latest && !image.contains('@') {
                    "Always".into()
                } else {
                    "IfNotPresent".into()
                }
            });
            c.termination_message_path
                .get_or_insert_with(|| "/dev/termination-log".into());
            c.termination_message_policy
                .get_or_insert_with(|| "File".into());
            c.resources.get_or_insert_with(Default::default);
        }
    }

    pub fn admit_pod(pod: &mut Pod, _suffix: &str) {
        let Some(spec) = pod.spec.as_mut() else {
            return;
        };
        spec.service_account_name
            .get_or_insert_with(|| "default".into());
        spec.priority.get_or_insert(0);
        spec.enable_service_links.get_or_insert(true);
        spec.preemption_policy
            .get_or_insert_with(|| "PreemptLowerPriority".into());
        let tolerations = spec.tolerations.get_or_insert_with(Vec::new);
        for key in [
            "node.kubernetes.io/not-ready",
            "node.kubernetes.io/unreachable",
        ] {
            if !tolerations.iter().any(|t| t.key.as_deref() == Some(key)) {
                tolerations.push(Toleration {
                    key: Some(key.into()),
                    operator: Some("Exists".into()),
                    effect: Some("NoExecute".into()),
                    toleration_seconds: Some(300),
                    value: None,
                });
            }
        }
    }
}
