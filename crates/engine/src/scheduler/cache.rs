//! The scheduler's cache: per node, the parts of the Node it needs and the running totals of the pods bound
//! to it, kept up to date one event at a time so a scheduling cycle never walks all pods.
//!
//! Follows `pkg/scheduler/backend/cache/cache.go` (pods counted on a node that is not (yet) known, node
//! image states shared across nodes) and `pkg/scheduler/framework/types.go` (`NodeInfo`: `Requested`,
//! `NonZeroRequested`, `UsedPorts`, `ImageStates`). Maps are persistent (`imbl`), so cloning the cache for a
//! snapshot or a what-if branch is O(1), and iteration is in node-name order.

use std::collections::BTreeMap;
use std::sync::Arc;

use imbl::OrdMap;
use k8s_openapi::api::core::v1::{Node, Pod, Taint};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::Time;

use super::resources::{PodRequests, Resources, pod_requests};

/// A host port in use: `(protocol, port, hostIP)` with Go's defaults applied (`TCP`, `0.0.0.0`). Ordered by
/// protocol and port first so a wildcard check is a range scan.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct HostPort {
    pub protocol: String,
    pub port: i32,
    pub ip: String,
}

pub(crate) const BIND_ALL_HOST_IP: &str = "0.0.0.0";

/// `schedutil.GetHostPorts`: host ports of app containers and of restartable init containers.
pub(crate) fn pod_host_ports(pod: &Pod) -> Vec<HostPort> {
    let Some(spec) = pod.spec.as_ref() else {
        return Vec::new();
    };
    let sidecars = spec.init_containers.iter().flatten().filter(|c| c.restart_policy.as_deref() == Some("Always"));
    sidecars
        .chain(spec.containers.iter())
        .flat_map(|c| c.ports.iter().flatten())
        .filter_map(|p| {
            let port = p.host_port.unwrap_or(0);
            if port <= 0 {
                return None;
            }
            let ip = p.host_ip.as_deref().filter(|ip| !ip.is_empty()).unwrap_or(BIND_ALL_HOST_IP).to_string();
            let protocol = p.protocol.as_deref().filter(|p| !p.is_empty()).unwrap_or("TCP").to_string();
            Some(HostPort { protocol, port, ip })
        })
        .collect()
}

/// What the scheduler keeps of a pod bound to a node.
#[derive(Clone, Debug)]
pub(crate) struct PodFacts {
    /// `namespace/name`.
    pub key: String,
    /// `spec.priority`, 0 when unset (`corev1helpers.PodPriority`).
    pub priority: i32,
    pub requests: PodRequests,
    pub host_ports: Vec<HostPort>,
    /// `status.startTime`, falling back to the creation timestamp (`util.GetPodStartTime`).
    pub start_time: Option<Time>,
}

pub(crate) fn pod_key(pod: &Pod) -> String {
    format!("{}/{}", pod.metadata.namespace.as_deref().unwrap_or("default"), pod.metadata.name.as_deref().unwrap_or(""))
}

impl PodFacts {
    pub fn from_pod(pod: &Pod) -> PodFacts {
        PodFacts {
            key: pod_key(pod),
            priority: pod.spec.as_ref().and_then(|s| s.priority).unwrap_or(0),
            requests: pod_requests(pod),
            host_ports: pod_host_ports(pod),
            start_time: pod
                .status
                .as_ref()
                .and_then(|s| s.start_time.clone())
                .or_else(|| pod.metadata.creation_timestamp.clone()),
        }
    }
}

/// What the scheduler reads from a Node object.
#[derive(Clone, Debug, Default)]
pub(crate) struct NodeFacts {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub allocatable: Resources,
    /// Image name → size in bytes, from `status.images` (every name of every image).
    pub images: BTreeMap<String, i64>,
}

impl NodeFacts {
    pub fn from_node(node: &Node) -> NodeFacts {
        let status = node.status.as_ref();
        // API defaulting copies capacity into a missing allocatable (`SetDefaults_NodeStatus`).
        let allocatable = status.and_then(|s| s.allocatable.as_ref().or(s.capacity.as_ref()));
        let mut images = BTreeMap::new();
        for image in status.and_then(|s| s.images.as_ref()).into_iter().flatten() {
            for name in image.names.iter().flatten() {
                images.insert(name.clone(), image.size_bytes.unwrap_or(0));
            }
        }
        NodeFacts {
            name: node.metadata.name.clone().unwrap_or_default(),
            labels: node.metadata.labels.clone().unwrap_or_default(),
            taints: node.spec.as_ref().and_then(|s| s.taints.clone()).unwrap_or_default(),
            unschedulable: node.spec.as_ref().and_then(|s| s.unschedulable).unwrap_or(false),
            allocatable: allocatable.map(Resources::from_list).unwrap_or_default(),
            images,
        }
    }
}

/// One node's entry: the Node's facts (absent while pods name a node the cache has not seen) and the
/// aggregate of the pods bound to it.
#[derive(Clone, Debug, Default)]
pub(crate) struct NodeInfo {
    pub node: Option<Arc<NodeFacts>>,
    /// Σ real requests of the pods here (`NodeInfo.Requested`).
    pub requested: Resources,
    /// Σ requests with the 100m / 200Mi defaults (`NodeInfo.NonZeroRequested`), for scoring.
    pub non_zero_milli_cpu: i64,
    pub non_zero_memory: i64,
    pub pods: OrdMap<String, Arc<PodFacts>>,
    /// Host ports in use, with how many pods use each.
    pub used_ports: OrdMap<HostPort, u32>,
}

impl NodeInfo {
    pub fn add_pod(&mut self, pod: Arc<PodFacts>) {
        self.remove_pod(&pod.key);
        self.requested.add(&pod.requests.requests);
        self.non_zero_milli_cpu = self.non_zero_milli_cpu.saturating_add(pod.requests.non_zero_milli_cpu);
        self.non_zero_memory = self.non_zero_memory.saturating_add(pod.requests.non_zero_memory);
        for port in &pod.host_ports {
            let count = self.used_ports.get(port).copied().unwrap_or(0);
            self.used_ports.insert(port.clone(), count + 1);
        }
        self.pods.insert(pod.key.clone(), pod);
    }

    pub fn remove_pod(&mut self, key: &str) -> Option<Arc<PodFacts>> {
        let pod = self.pods.remove(key)?;
        self.requested.sub(&pod.requests.requests);
        self.non_zero_milli_cpu = self.non_zero_milli_cpu.saturating_sub(pod.requests.non_zero_milli_cpu);
        self.non_zero_memory = self.non_zero_memory.saturating_sub(pod.requests.non_zero_memory);
        for port in &pod.host_ports {
            match self.used_ports.get(port).copied() {
                Some(n) if n > 1 => {
                    self.used_ports.insert(port.clone(), n - 1);
                }
                _ => {
                    self.used_ports.remove(port);
                }
            }
        }
        Some(pod)
    }

    pub fn name(&self) -> &str {
        self.node.as_ref().map(|n| n.name.as_str()).unwrap_or("")
    }
}

/// The scheduler's cache of nodes and bound pods. Cheap to clone (persistent maps).
#[derive(Clone, Debug, Default)]
pub struct SchedulerCache {
    pub(crate) nodes: OrdMap<String, NodeInfo>,
    /// Pod key → the node it is counted on, so a removal finds it even if the caller's copy changed.
    pod_nodes: OrdMap<String, String>,
    /// Image name → how many known nodes list it (`ImageStateSummary.NumNodes`).
    pub(crate) image_nodes: OrdMap<String, u32>,
    node_count: usize,
}

fn is_terminal(pod: &Pod) -> bool {
    matches!(pod.status.as_ref().and_then(|s| s.phase.as_deref()), Some("Succeeded") | Some("Failed"))
}

impl SchedulerCache {
    pub fn new() -> Self {
        SchedulerCache::default()
    }

    /// Adds or replaces a node. A node without a name is ignored.
    pub fn upsert_node(&mut self, node: &Node) {
        let facts = NodeFacts::from_node(node);
        if facts.name.is_empty() {
            return;
        }
        let name = facts.name.clone();
        let mut info = self.nodes.get(&name).cloned().unwrap_or_default();
        match info.node.take() {
            Some(old) => self.forget_images(&old),
            None => self.node_count += 1,
        }
        for image in facts.images.keys() {
            let n = self.image_nodes.get(image).copied().unwrap_or(0);
            self.image_nodes.insert(image.clone(), n + 1);
        }
        info.node = Some(Arc::new(facts));
        self.nodes.insert(name, info);
    }

    fn forget_images(&mut self, facts: &NodeFacts) {
        for image in facts.images.keys() {
            match self.image_nodes.get(image).copied() {
                Some(n) if n > 1 => {
                    self.image_nodes.insert(image.clone(), n - 1);
                }
                _ => {
                    self.image_nodes.remove(image);
                }
            }
        }
    }

    /// Removes a node. Pods still bound to it stay counted (as upstream keeps a node-less `NodeInfo`) until
    /// they are removed, so a node that comes back sees them.
    pub fn remove_node(&mut self, name: &str) {
        let Some(mut info) = self.nodes.get(name).cloned() else {
            return;
        };
        if let Some(old) = info.node.take() {
            self.forget_images(&old);
            self.node_count -= 1;
        }
        if info.pods.is_empty() {
            self.nodes.remove(name);
        } else {
            self.nodes.insert(name.to_string(), info);
        }
    }

    /// Counts a pod bound to `spec.nodeName` until it is removed; adding it again replaces it. Pods without
    /// a node are ignored, and a pod that reached `Succeeded` or `Failed` is removed instead: a terminal pod
    /// holds no resources (the kubelet has released them), which is what the scheduler sees too.
    pub fn add_pod(&mut self, pod: &Pod) {
        let node_name = pod.spec.as_ref().and_then(|s| s.node_name.clone()).unwrap_or_default();
        if node_name.is_empty() || is_terminal(pod) {
            self.remove_pod(pod);
            return;
        }
        let facts = Arc::new(PodFacts::from_pod(pod));
        self.remove_key(&facts.key);
        let mut info = self.nodes.get(&node_name).cloned().unwrap_or_default();
        info.add_pod(facts.clone());
        self.nodes.insert(node_name.clone(), info);
        self.pod_nodes.insert(facts.key.clone(), node_name);
    }

    /// Stops counting a pod (found by namespace/name wherever it was counted).
    pub fn remove_pod(&mut self, pod: &Pod) {
        self.remove_key(&pod_key(pod));
    }

    fn remove_key(&mut self, key: &str) {
        let Some(node_name) = self.pod_nodes.remove(key) else {
            return;
        };
        let Some(mut info) = self.nodes.get(&node_name).cloned() else {
            return;
        };
        info.remove_pod(key);
        if info.node.is_none() && info.pods.is_empty() {
            self.nodes.remove(&node_name);
        } else {
            self.nodes.insert(node_name, info);
        }
    }

    /// Names of the known nodes, in order.
    pub fn node_names(&self) -> impl Iterator<Item = &str> {
        self.nodes.iter().filter(|(_, info)| info.node.is_some()).map(|(name, _)| name.as_str())
    }

    /// How many nodes are known.
    pub fn node_count(&self) -> usize {
        self.node_count
    }

    /// The summed real requests of the pods counted on a node (cpu in millicores).
    pub fn requested(&self, node: &str) -> Option<&Resources> {
        self.nodes.get(node).map(|i| &i.requested)
    }

    /// A known node's allocatable resources.
    pub fn allocatable(&self, node: &str) -> Option<&Resources> {
        self.nodes.get(node).and_then(|i| i.node.as_deref()).map(|n| &n.allocatable)
    }

    /// How many pods are counted on a node.
    pub fn pod_count(&self, node: &str) -> usize {
        self.nodes.get(node).map(|i| i.pods.len()).unwrap_or(0)
    }

    /// The nodes with a Node object, in name order.
    pub(crate) fn known_nodes(&self) -> Vec<&NodeInfo> {
        self.nodes.values().filter(|i| i.node.is_some()).collect()
    }

    pub(crate) fn node_info(&self, name: &str) -> Option<&NodeInfo> {
        self.nodes.get(name).filter(|i| i.node.is_some())
    }
}
