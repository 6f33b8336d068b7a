//! A pod's resource requests as the scheduler counts them, and a node's resource vector.
//!
//! Follows `staging/src/k8s.io/component-helpers/resource/helpers.go` (`PodRequests`: sum of app containers
//! and restartable init containers, the max rule for ordinary init containers, pod-level requests for cpu
//! and memory, plus overhead), `pkg/scheduler/framework/types.go` (`Resource.Add`, `calculateResource`) and
//! `pkg/scheduler/util/pod_resources.go` (the 100m / 200Mi non-zero defaults used only for scoring).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Container, Pod, ResourceRequirements};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as ApiQuantity;

use crate::quantity::parse_quantity;

/// `schedutil.DefaultMilliCPURequest`: what a container without a cpu request counts as when scoring.
pub const DEFAULT_MILLI_CPU_REQUEST: i64 = 100;
/// `schedutil.DefaultMemoryRequest`: 200Mi, likewise for memory.
pub const DEFAULT_MEMORY_REQUEST: i64 = 200 * 1024 * 1024;

/// A resource vector in the scheduler's integer units (Go's `framework.Resource`): millicores, bytes,
/// pods, and the "scalar" resources (extended resources such as `nvidia.com/gpu`, `hugepages-*`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    pub allowed_pod_number: i64,
    pub scalar: BTreeMap<String, i64>,
}

/// Go's `schedutil.IsScalarResourceName`: extended (domain-prefixed), `kubernetes.io/`-prefixed native,
/// `hugepages-*` and `attachable-volumes-*` resources.
pub fn is_scalar_resource_name(name: &str) -> bool {
    name.starts_with("hugepages-")
        || name.starts_with("attachable-volumes-")
        || (name.contains('/') && !name.starts_with("requests."))
}

impl Resources {
    /// Go's `Resource.Add(ResourceList)` on an empty resource: unparseable quantities count as zero.
    pub fn from_list(list: &BTreeMap<String, ApiQuantity>) -> Resources {
        let exact: BTreeMap<String, i128> =
            list.iter().map(|(k, v)| (k.clone(), parse_quantity(&v.0).map(|q| q.nanos()).unwrap_or(0))).collect();
        Resources::from_exact(&exact)
    }

    /// Converts exact nano-unit sums: cpu to millicores, everything else to whole units, both rounded up as
    /// `MilliValue()` / `Value()` do.
    pub(crate) fn from_exact(list: &BTreeMap<String, i128>) -> Resources {
        let mut r = Resources::default();
        for (name, nanos) in list {
            let q = crate::quantity::Quantity::from_nanos(*nanos);
            match name.as_str() {
                "cpu" => r.milli_cpu = r.milli_cpu.saturating_add(q.milli_value()),
                "memory" => r.memory = r.memory.saturating_add(q.value()),
                "pods" => r.allowed_pod_number = r.allowed_pod_number.saturating_add(q.value()),
                "ephemeral-storage" => r.ephemeral_storage = r.ephemeral_storage.saturating_add(q.value()),
                other if is_scalar_resource_name(other) => {
                    let slot = r.scalar.entry(other.to_string()).or_insert(0);
                    *slot = slot.saturating_add(q.value());
                }
                _ => {}
            }
        }
        r
    }

    pub fn add(&mut self, other: &Resources) {
        self.milli_cpu = self.milli_cpu.saturating_add(other.milli_cpu);
        self.memory = self.memory.saturating_add(other.memory);
        self.ephemeral_storage = self.ephemeral_storage.saturating_add(other.ephemeral_storage);
        self.allowed_pod_number = self.allowed_pod_number.saturating_add(other.allowed_pod_number);
        for (k, v) in &other.scalar {
            let slot = self.scalar.entry(k.clone()).or_insert(0);
            *slot = slot.saturating_add(*v);
        }
    }

    pub fn sub(&mut self, other: &Resources) {
        self.milli_cpu = self.milli_cpu.saturating_sub(other.milli_cpu);
        self.memory = self.memory.saturating_sub(other.memory);
        self.ephemeral_storage = self.ephemeral_storage.saturating_sub(other.ephemeral_storage);
        self.allowed_pod_number = self.allowed_pod_number.saturating_sub(other.allowed_pod_number);
        for (k, v) in &other.scalar {
            let slot = self.scalar.entry(k.clone()).or_insert(0);
            *slot = slot.saturating_sub(*v);
            if *slot == 0 {
                self.scalar.remove(k);
            }
        }
    }

    /// The amount of one resource by its API name (`cpu` in millicores).
    pub fn get(&self, name: &str) -> i64 {
        match name {
            "cpu" => self.milli_cpu,
            "memory" => self.memory,
            "ephemeral-storage" => self.ephemeral_storage,
            "pods" => self.allowed_pod_number,
            other => self.scalar.get(other).copied().unwrap_or(0),
        }
    }
}

/// A pod's requests: the real ones, and cpu/memory with the scoring defaults for containers that set none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PodRequests {
    pub requests: Resources,
    pub non_zero_milli_cpu: i64,
    pub non_zero_memory: i64,
}

type Exact = BTreeMap<String, i128>;

fn exact_list(list: Option<&BTreeMap<String, ApiQuantity>>) -> Exact {
    list.map(|l| l.iter().map(|(k, v)| (k.clone(), parse_quantity(&v.0).map(|q| q.nanos()).unwrap_or(0))).collect())
        .unwrap_or_default()
}

/// A container's requests after API defaulting: a resource with a limit but no request requests its limit
/// (`SetDefaults_Pod` in `pkg/apis/core/v1/defaults.go`), so pods stored without defaulting count the same.
fn defaulted_requests(resources: Option<&ResourceRequirements>) -> Exact {
    let Some(r) = resources else {
        return Exact::new();
    };
    let mut requests = exact_list(r.requests.as_ref());
    for (k, v) in exact_list(r.limits.as_ref()) {
        requests.entry(k).or_insert(v);
    }
    requests
}

fn add_into(into: &mut Exact, from: &Exact) {
    for (k, v) in from {
        let slot = into.entry(k.clone()).or_insert(0);
        *slot = slot.saturating_add(*v);
    }
}

fn max_into(into: &mut Exact, from: &Exact) {
    for (k, v) in from {
        let slot = into.entry(k.clone()).or_insert(0);
        if *v > *slot {
            *slot = *v;
        }
    }
}

/// `applyNonMissing`: a container that does not mention cpu (memory) counts the default for it.
fn with_non_missing(mut requests: Exact, non_missing: Option<&Exact>) -> Exact {
    if let Some(defaults) = non_missing {
        for (k, v) in defaults {
            requests.entry(k.clone()).or_insert(*v);
        }
    }
    requests
}

fn is_restartable(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// `resourcehelper.PodRequests` with the options the scheduler uses; `non_missing` are the per-container
/// defaults (`NonMissingContainerRequests`) or `None` for real requests.
fn pod_requests_exact(pod: &Pod, non_missing: Option<&Exact>) -> Exact {
    let Some(spec) = pod.spec.as_ref() else {
        return Exact::new();
    };
    let mut reqs = Exact::new();
    for c in &spec.containers {
        add_into(&mut reqs, &with_non_missing(defaulted_requests(c.resources.as_ref()), non_missing));
    }
    let mut restartable_init = Exact::new();
    let mut init_max = Exact::new();
    for c in spec.init_containers.iter().flatten() {
        let container_reqs = with_non_missing(defaulted_requests(c.resources.as_ref()), non_missing);
        let effective = if is_restartable(c) {
            // A sidecar runs alongside the app containers, and alongside every init container after it.
            add_into(&mut reqs, &container_reqs);
            add_into(&mut restartable_init, &container_reqs);
            restartable_init.clone()
        } else {
            let mut tmp = container_reqs;
            add_into(&mut tmp, &restartable_init);
            tmp
        };
        max_into(&mut init_max, &effective);
    }
    max_into(&mut reqs, &init_max);
    // Pod-level requests (PodLevelResources, on by default since v1.34) replace the aggregate for cpu and
    // memory.
    if let Some(pod_level) = spec.resources.as_ref() {
        let pod_level = defaulted_requests(Some(pod_level));
        for name in ["cpu", "memory"] {
            if let Some(v) = pod_level.get(name) {
                reqs.insert(name.to_string(), *v);
            }
        }
    }
    add_into(&mut reqs, &exact_list(spec.overhead.as_ref()));
    reqs
}

/// The scheduler's view of what a pod asks for (`calculateResource` in framework/types.go).
pub fn pod_requests(pod: &Pod) -> PodRequests {
    let requests = Resources::from_exact(&pod_requests_exact(pod, None));
    let defaults: Exact = [
        ("cpu".to_string(), i128::from(DEFAULT_MILLI_CPU_REQUEST) * 1_000_000),
        ("memory".to_string(), i128::from(DEFAULT_MEMORY_REQUEST) * 1_000_000_000),
    ]
    .into_iter()
    .collect();
    let non_zero = Resources::from_exact(&pod_requests_exact(pod, Some(&defaults)));
    PodRequests { requests, non_zero_milli_cpu: non_zero.milli_cpu, non_zero_memory: non_zero.memory }
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::api::core::v1::PodSpec;

    fn container(requests: &[(&str, &str)], restart_always: bool) -> Container {
        let list: BTreeMap<String, ApiQuantity> =
            requests.iter().map(|(k, v)| (k.to_string(), ApiQuantity(v.to_string()))).collect();
        Container {
            name: "c".into(),
            resources: Some(ResourceRequirements { requests: Some(list), ..Default::default() }),
            restart_policy: restart_always.then(|| "Always".to_string()),
            ..Default::default()
        }
    }

    fn pod(containers: Vec<Container>, init: Vec<Container>) -> Pod {
        Pod {
            spec: Some(PodSpec { containers, init_containers: Some(init), ..Default::default() }),
            ..Default::default()
        }
    }

    /// The worked example of the init-container rule in fit.go's `computePodResourceRequest` comment:
    /// IC1 2 CPU/1G, IC2 2 CPU/3G, C1 2 CPU/1G, C2 1 CPU/1G → 3 CPU, 3G.
    #[test]
    fn init_containers_take_the_max() {
        let p = pod(
            vec![
                container(&[("cpu", "2"), ("memory", "1G")], false),
                container(&[("cpu", "1"), ("memory", "1G")], false),
            ],
            vec![
                container(&[("cpu", "2"), ("memory", "1G")], false),
                container(&[("cpu", "2"), ("memory", "3G")], false),
            ],
        );
        let r = pod_requests(&p);
        assert_eq!(r.requests.milli_cpu, 3000);
        assert_eq!(r.requests.memory, 3_000_000_000);
    }

    /// Sidecars (restartable init containers) add to the sum and to every later init container
    /// (`TestPodRequestsAndLimits`-style cases in component-helpers' helpers_test.go).
    #[test]
    fn sidecars_add_up() {
        let p = pod(
            vec![container(&[("cpu", "1")], false)],
            vec![container(&[("cpu", "500m")], true), container(&[("cpu", "2")], false)],
        );
        // sum = 1 + 0.5 = 1.5; init max = max(0.5, 2 + 0.5) = 2.5 → 2.5
        assert_eq!(pod_requests(&p).requests.milli_cpu, 2500);
    }

    #[test]
    fn non_zero_defaults_only_for_missing_requests() {
        let p = pod(vec![container(&[], false), container(&[("cpu", "0"), ("memory", "0")], false)], vec![]);
        let r = pod_requests(&p);
        assert_eq!(r.requests.milli_cpu, 0);
        assert_eq!(r.non_zero_milli_cpu, 100);
        assert_eq!(r.non_zero_memory, 200 * 1024 * 1024);
    }

    #[test]
    fn overhead_and_extended_resources() {
        let mut p =
            pod(vec![container(&[("cpu", "1"), ("nvidia.com/gpu", "2"), ("hugepages-2Mi", "4Mi")], false)], vec![]);
        if let Some(spec) = p.spec.as_mut() {
            spec.overhead = Some([("cpu".to_string(), ApiQuantity("250m".into()))].into_iter().collect());
        }
        let r = pod_requests(&p);
        assert_eq!(r.requests.milli_cpu, 1250);
        assert_eq!(r.requests.scalar.get("nvidia.com/gpu"), Some(&2));
        assert_eq!(r.requests.scalar.get("hugepages-2Mi"), Some(&(4 * 1024 * 1024)));
    }
}
