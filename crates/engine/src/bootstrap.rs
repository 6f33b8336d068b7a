//! The cluster as kind leaves it after `kind create cluster`: namespaces, nodes with capacity, conditions
//! and addresses, the `kubernetes` and `kube-dns` Services, default ServiceAccounts and root CA
//! ConfigMaps, the control-plane static pods, CoreDNS, kube-proxy and kindnet, local-path-provisioner.
//! System pods start out Running; everything a user creates goes through the controllers.

use serde_json::{Value, json};

use crate::cluster::{ClusterSpec, NodeSpec, parse_taint};
use crate::controllers::deployment::compute_hash;
use crate::engine::Engine;
use crate::object::Object;
use crate::time::SimTime;

pub const KUBERNETES_VERSION: &str = "v1.37.0";
const NAMESPACES: &[&str] = &["default", "kube-node-lease", "kube-public", "kube-system", "local-path-storage"];
const ROOT_CA: &str = "-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIkubeplaysimulatedclusterrootcaAwDQYJKoZIhvcNAQEL\n-----END CERTIFICATE-----\n";

/// Node IP for the node at `index` in the node list: 172.18.0.2 upward.
pub fn node_ip(index: usize) -> String {
    format!("172.18.0.{}", index + 2)
}

fn put(engine: &mut Engine, v: Value) -> Option<Object> {
    let obj = Object::from_value(v).ok()?;
    let status = obj.to_value().get("status").cloned();
    let created = crate::admission::create(&mut engine.api, obj).ok()?;
    if let Some(st) = status {
        let mut v = created.to_value();
        v["status"] = st;
        if let Ok(o) = Object::from_value(v) {
            let _ = engine.api.update_status(o);
        }
    }
    engine.api.get(&created.key()).map(|a| (*a).clone())
}

fn node_object(n: &NodeSpec, index: usize) -> Value {
    let cp = n.is_control_plane();
    let cpu = n.cpu.as_ref().map(|q| q.text()).unwrap_or_else(|| "4".into());
    let memory = n.memory.as_ref().map(|q| q.text()).unwrap_or_else(|| "8Gi".into());
    let pods = n.pods.unwrap_or(110).to_string();
    let storage = n.ephemeral_storage.as_ref().map(|q| q.text()).unwrap_or_else(|| "100Gi".into());
    let mut labels = json!({
        "beta.kubernetes.io/arch": "amd64",
        "beta.kubernetes.io/os": "linux",
        "kubernetes.io/arch": "amd64",
        "kubernetes.io/hostname": n.name,
        "kubernetes.io/os": "linux",
    });
    if cp {
        labels["node-role.kubernetes.io/control-plane"] = json!("");
        labels["node.kubernetes.io/exclude-from-external-load-balancers"] = json!("");
        labels["ingress-ready"] = json!("true");
    }
    if let Some(z) = &n.zone {
        labels["topology.kubernetes.io/zone"] = json!(z);
    }
    for (k, v) in &n.labels {
        labels[k] = json!(v);
    }
    let mut taints: Vec<Value> = Vec::new();
    if cp {
        taints.push(json!({"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}));
    }
    for t in &n.taints {
        if let Ok((key, value, effect)) = parse_taint(t) {
            let mut tv = json!({"key": key, "effect": effect});
            if let Some(v) = value {
                tv["value"] = json!(v);
            }
            taints.push(tv);
        }
    }
    let t0 = SimTime::ZERO.rfc3339();
    let cond = |type_: &str, status: &str, reason: &str, msg: &str| json!({"type": type_, "status": status, "lastHeartbeatTime": t0, "lastTransitionTime": t0, "reason": reason, "message": msg});
    let capacity = json!({"cpu": cpu, "ephemeral-storage": storage, "hugepages-1Gi": "0", "hugepages-2Mi": "0", "memory": memory, "pods": pods});
    let images: Vec<Value> = n.images.iter().map(|i| json!({"names": [crate::images::parse_image(i).full], "sizeBytes": crate::images::lookup(i).map(|x| x.size).unwrap_or(10_000_000)})).collect();
    let mut node = json!({
        "apiVersion": "v1", "kind": "Node",
        "metadata": {"name": n.name, "labels": labels, "annotations": {
            "node.alpha.kubernetes.io/ttl": "0",
            "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
        "spec": {"podCIDR": format!("10.244.{index}.0/24"), "podCIDRs": [format!("10.244.{index}.0/24")],
                 "providerID": format!("kind://docker/kind/{}", n.name)},
        "status": {
            "addresses": [{"type": "InternalIP", "address": node_ip(index)}, {"type": "Hostname", "address": n.name}],
            "allocatable": capacity.clone(), "capacity": capacity,
            "conditions": [
                cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
            ],
            "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
            "images": images,
            "nodeInfo": {"architecture": "amd64", "bootID": "", "containerRuntimeVersion": "containerd://2.1.4",
                         "kernelVersion": "6.8.0-1030-azure", "kubeProxyVersion": "", "kubeletVersion": KUBERNETES_VERSION,
                         "machineID": "", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)", "systemUUID": ""}
        }
    });
    if !taints.is_empty() {
        node["spec"]["taints"] = json!(taints);
    }
    node
}

fn running_status(node: &str, host_ip: &str, pod_ip: &str, containers: &[(&str, &str)]) -> Value {
    let t0 = SimTime::ZERO.rfc3339();
    let statuses: Vec<Value> = containers
        .iter()
        .enumerate()
        .map(|(i, (name, image))| {
            let full = crate::images::parse_image(image).full;
            json!({"name": name, "image": full, "imageID": "", "containerID": format!("containerd://{:064x}", crate::rng::fnv64(format!("{node}/{name}/{i}").as_bytes())),
                   "ready": true, "restartCount": 0, "started": true, "state": {"running": {"startedAt": t0}}, "lastState": {}})
        })
        .collect();
    let cond = |t: &str| json!({"type": t, "status": "True", "lastTransitionTime": t0});
    json!({
        "phase": "Running",
        "conditions": [cond("PodReadyToStartContainers"), cond("Initialized"), cond("Ready"), cond("ContainersReady"), cond("PodScheduled")],
        "hostIP": host_ip, "hostIPs": [{"ip": host_ip}], "podIP": pod_ip, "podIPs": [{"ip": pod_ip}],
        "startTime": t0, "containerStatuses": statuses, "qosClass": "Burstable"
    })
}

fn container(name: &str, image: &str, cpu: Option<&str>, memory: Option<&str>) -> Value {
    let mut c = json!({"name": name, "image": image});
    let mut req = serde_json::Map::new();
    if let Some(c) = cpu {
        req.insert("cpu".into(), json!(c));
    }
    if let Some(m) = memory {
        req.insert("memory".into(), json!(m));
    }
    if !req.is_empty() {
        c["resources"] = json!({"requests": req});
    }
    c
}

pub fn bootstrap(engine: &mut Engine, spec: &ClusterSpec) {
    engine.api.now = SimTime::ZERO;
    for ns in NAMESPACES {
        put(
            engine,
            json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": ns, "labels": {"kubernetes.io/metadata.name": ns}},
            "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}}),
        );
    }
    let nodes = spec.effective_nodes();
    for (i, n) in nodes.iter().enumerate() {
        put(engine, node_object(n, i));
        for image in &n.images {
            engine.kubelet.add_image(&n.name, image);
        }
    }
    for ns in NAMESPACES {
        put(
            engine,
            json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "default", "namespace": ns}}),
        );
        put(
            engine,
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "kube-root-ca.crt", "namespace": ns,
            "annotations": {"kubernetes.io/description": "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters."}},
            "data": {"ca.crt": ROOT_CA}}),
        );
    }
    put(
        engine,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kubernetes", "namespace": "default",
        "labels": {"component": "apiserver", "provider": "kubernetes"}},
        "spec": {"clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                 "ipFamilyPolicy": "SingleStack", "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}],
                 "sessionAffinity": "None", "type": "ClusterIP"}, "status": {"loadBalancer": {}}}),
    );
    put(
        engine,
        json!({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "kube-dns", "namespace": "kube-system",
        "labels": {"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"},
        "annotations": {"prometheus.io/port": "9153", "prometheus.io/scrape": "true"}},
        "spec": {"clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"],
                 "ipFamilyPolicy": "SingleStack", "selector": {"k8s-app": "kube-dns"}, "sessionAffinity": "None", "type": "ClusterIP",
                 "ports": [{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
                           {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
                           {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}]},
        "status": {"loadBalancer": {}}}),
    );

    let Some(cp_index) =
        nodes.iter().position(|n| n.is_control_plane()).or(if nodes.is_empty() { None } else { Some(0) })
    else {
        return;
    };
    let cp = nodes[cp_index].name.clone();
    let cp_ip = node_ip(cp_index);
    // Static pods of the control plane, mirrored into the API with the node as owner.
    let node_uid = engine
        .api
        .get(&crate::object::ObjectKey::new(crate::kinds::GroupKind::new("", "Node"), "", cp.as_str()))
        .and_then(|n| n.meta().uid.clone())
        .unwrap_or_default();
    for (component, cpu) in
        [("etcd", "100m"), ("kube-apiserver", "250m"), ("kube-controller-manager", "200m"), ("kube-scheduler", "100m")]
    {
        let image = if component == "etcd" {
            "registry.k8s.io/etcd:3.6.5-0".to_string()
        } else {
            format!("registry.k8s.io/{component}:{KUBERNETES_VERSION}")
        };
        let memory = if component == "etcd" { Some("100Mi") } else { None };
        put(
            engine,
            json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("{component}-{cp}"), "namespace": "kube-system",
                "labels": {"component": component, "tier": "control-plane"},
                "annotations": {"kubernetes.io/config.source": "file"},
                "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": cp, "uid": node_uid, "controller": true}]},
            "spec": {"nodeName": cp, "hostNetwork": true, "priorityClassName": "system-node-critical", "priority": 2000001000,
                     "containers": [container(component, &image, Some(cpu), memory)],
                     "tolerations": [{"operator": "Exists", "effect": "NoExecute"}]},
            "status": running_status(&cp, &cp_ip, &cp_ip, &[(component, &image)])}),
        );
    }
    // CoreDNS: a Deployment whose ReplicaSet and two pods already run on the control plane.
    let coredns_image = "registry.k8s.io/coredns/coredns:v1.12.1";
    let mut coredns_container = container("coredns", coredns_image, Some("100m"), Some("70Mi"));
    coredns_container["resources"]["limits"] = json!({"memory": "170Mi"});
    coredns_container["args"] = json!(["-conf", "/etc/coredns/Corefile"]);
    coredns_container["ports"] = json!([{"containerPort": 53, "name": "dns", "protocol": "UDP"}, {"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"}, {"containerPort": 9153, "name": "metrics", "protocol": "TCP"}]);
    coredns_container["readinessProbe"] = json!({"httpGet": {"path": "/ready", "port": 8181, "scheme": "HTTP"}});
    coredns_container["livenessProbe"] = json!({"httpGet": {"path": "/health", "port": 8080, "scheme": "HTTP"}, "initialDelaySeconds": 60, "timeoutSeconds": 5, "failureThreshold": 5});
    let template = json!({"metadata": {"labels": {"k8s-app": "kube-dns"}}, "spec": {
        "containers": [coredns_container], "dnsPolicy": "Default", "priorityClassName": "system-cluster-critical",
        "serviceAccountName": "coredns", "nodeSelector": {"kubernetes.io/os": "linux"},
        "tolerations": [{"key": "CriticalAddonsOnly", "operator": "Exists"}, {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]}});
    let Some(deploy) = put(
        engine,
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "coredns", "namespace": "kube-system", "labels": {"k8s-app": "kube-dns"}, "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"k8s-app": "kube-dns"}}, "template": template,
                 "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 1}}}}),
    ) else {
        return;
    };
    let Object::Deployment(d) = &deploy else {
        return;
    };
    let hash = compute_hash(&d.spec.template, None);
    let rs_name = format!("coredns-{hash}");
    let mut rs_template = serde_json::to_value(&d.spec.template).unwrap_or(Value::Null);
    rs_template["metadata"]["labels"]["pod-template-hash"] = json!(hash);
    let owner = |o: &Object, kind: &str| json!([{"apiVersion": "apps/v1", "kind": kind, "name": o.name(), "uid": o.meta().uid, "controller": true, "blockOwnerDeletion": true}]);
    let Some(rs) = put(
        engine,
        json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": rs_name, "namespace": "kube-system", "labels": {"k8s-app": "kube-dns", "pod-template-hash": hash},
            "annotations": {"deployment.kubernetes.io/desired-replicas": "2", "deployment.kubernetes.io/max-replicas": "3", "deployment.kubernetes.io/revision": "1"},
            "ownerReferences": owner(&deploy, "Deployment")},
        "spec": {"replicas": 2, "selector": {"matchLabels": {"k8s-app": "kube-dns", "pod-template-hash": hash}}, "template": rs_template.clone()},
        "status": {"replicas": 2, "fullyLabeledReplicas": 2, "readyReplicas": 2, "availableReplicas": 2, "observedGeneration": 1}}),
    ) else {
        return;
    };
    put(
        engine,
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "coredns", "namespace": "kube-system"}}),
    );
    for i in 0..2 {
        let suffix = engine.api.rng.name_suffix("names", 5);
        let mut spec = rs_template["spec"].clone();
        spec["nodeName"] = json!(cp);
        put(
            engine,
            json!({"apiVersion": "v1", "kind": "Pod",
            "metadata": {"name": format!("{rs_name}-{suffix}"), "namespace": "kube-system", "labels": rs_template["metadata"]["labels"].clone(),
                "ownerReferences": owner(&rs, "ReplicaSet")},
            "spec": spec,
            "status": running_status(&cp, &cp_ip, &format!("10.244.{cp_index}.{}", i + 2), &[("coredns", coredns_image)])}),
        );
    }
    // Daemons on every node: kube-proxy and kindnet.
    for (ds_name, image, cpu, memory, label) in [
        ("kindnet", "docker.io/kindest/kindnetd:v20250512-df8de77b", Some("100m"), Some("50Mi"), ("app", "kindnet")),
        ("kube-proxy", "registry.k8s.io/kube-proxy:v1.37.0", None, None, ("k8s-app", "kube-proxy")),
    ] {
        let tmpl = json!({"metadata": {"labels": {label.0: label.1}}, "spec": {"hostNetwork": true,
            "containers": [container(ds_name, image, cpu, memory)], "priorityClassName": "system-node-critical",
            "tolerations": [{"operator": "Exists"}]}});
        let Some(ds) = put(
            engine,
            json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
            "metadata": {"name": ds_name, "namespace": "kube-system", "labels": {label.0: label.1}},
            "spec": {"selector": {"matchLabels": {label.0: label.1}}, "template": tmpl.clone()},
            "status": {"currentNumberScheduled": nodes.len(), "desiredNumberScheduled": nodes.len(), "numberAvailable": nodes.len(),
                       "numberMisscheduled": 0, "numberReady": nodes.len(), "observedGeneration": 1, "updatedNumberScheduled": nodes.len()}}),
        ) else {
            continue;
        };
        for (i, n) in nodes.iter().enumerate() {
            let suffix = engine.api.rng.name_suffix("names", 5);
            let mut spec = tmpl["spec"].clone();
            spec["nodeName"] = json!(n.name);
            let mut labels = tmpl["metadata"]["labels"].clone();
            labels["controller-revision-hash"] = json!("6b9c8d5f7d");
            labels["pod-template-generation"] = json!("1");
            put(
                engine,
                json!({"apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("{ds_name}-{suffix}"), "namespace": "kube-system", "labels": labels,
                    "ownerReferences": [{"apiVersion": "apps/v1", "kind": "DaemonSet", "name": ds_name, "uid": ds.meta().uid, "controller": true, "blockOwnerDeletion": true}]},
                "spec": spec, "status": running_status(&n.name, &node_ip(i), &node_ip(i), &[(ds_name, image)])}),
            );
        }
    }
    // kind's local-path-provisioner.
    let lp_image = "docker.io/kindest/local-path-provisioner:v20250214-acbabc1a";
    put(
        engine,
        json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
        "metadata": {"name": "standard", "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
        "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete", "volumeBindingMode": "WaitForFirstConsumer"}),
    );
    let lp_template = json!({"metadata": {"labels": {"app": "local-path-provisioner"}}, "spec": {
        "containers": [container("local-path-provisioner", lp_image, None, None)], "serviceAccountName": "local-path-provisioner-service-account",
        "nodeSelector": {"kubernetes.io/os": "linux"},
        "tolerations": [{"key": "node-role.kubernetes.io/control-plane", "operator": "Equal", "effect": "NoSchedule"}]}});
    let Some(lp) = put(
        engine,
        json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "local-path-provisioner", "namespace": "local-path-storage", "annotations": {"deployment.kubernetes.io/revision": "1"}},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "local-path-provisioner"}}, "template": lp_template}}),
    ) else {
        return;
    };
    let Object::Deployment(lpd) = &lp else { return };
    let lp_hash = compute_hash(&lpd.spec.template, None);
    let lp_rs_name = format!("local-path-provisioner-{lp_hash}");
    let mut lp_rs_template = serde_json::to_value(&lpd.spec.template).unwrap_or(Value::Null);
    lp_rs_template["metadata"]["labels"]["pod-template-hash"] = json!(lp_hash);
    let Some(lp_rs) = put(
        engine,
        json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
        "metadata": {"name": lp_rs_name, "namespace": "local-path-storage", "labels": {"app": "local-path-provisioner", "pod-template-hash": lp_hash},
            "annotations": {"deployment.kubernetes.io/desired-replicas": "1", "deployment.kubernetes.io/max-replicas": "2", "deployment.kubernetes.io/revision": "1"},
            "ownerReferences": owner(&lp, "Deployment")},
        "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "local-path-provisioner", "pod-template-hash": lp_hash}}, "template": lp_rs_template.clone()},
        "status": {"replicas": 1, "fullyLabeledReplicas": 1, "readyReplicas": 1, "availableReplicas": 1, "observedGeneration": 1}}),
    ) else {
        return;
    };
    put(
        engine,
        json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": "local-path-provisioner-service-account", "namespace": "local-path-storage"}}),
    );
    let suffix = engine.api.rng.name_suffix("names", 5);
    let mut spec = lp_rs_template["spec"].clone();
    spec["nodeName"] = json!(cp);
    put(
        engine,
        json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": format!("{lp_rs_name}-{suffix}"), "namespace": "local-path-storage", "labels": lp_rs_template["metadata"]["labels"].clone(),
            "ownerReferences": owner(&lp_rs, "ReplicaSet")},
        "spec": spec,
        "status": running_status(&cp, &cp_ip, &format!("10.244.{cp_index}.4"), &[("local-path-provisioner", lp_image)])}),
    );
}
