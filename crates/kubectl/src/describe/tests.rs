//! Snapshot tests of `kubectl describe`. The expected text is what kubectl 1.35 prints for such objects,
//! derived line by line from `kubectl/pkg/describe/describe.go` (release-1.35) and Go's tabwriter; the
//! kubernetes.io pages cited at each test show the same shapes for real clusters.

use std::sync::Arc;

use expect_test::{Expect, expect};
use kubeplay_engine::kinds::GroupKind;
use kubeplay_engine::{Object, ObjectKey, SimTime};
use serde_json::{Value, json};

use super::{DescribeContext, describe};

/// A fixed set of objects standing in for the API server.
struct Cluster {
    now: SimTime,
    objects: Vec<Arc<Object>>,
}

impl DescribeContext for Cluster {
    fn now(&self) -> SimTime {
        self.now
    }

    fn list(&self, gk: &GroupKind, namespace: &str) -> Vec<Arc<Object>> {
        let mut found: Vec<Arc<Object>> = self
            .objects
            .iter()
            .filter(|o| &o.group_kind() == gk && (namespace.is_empty() || o.namespace() == namespace))
            .cloned()
            .collect();
        found.sort_by_key(|o| o.key());
        found
    }

    fn get(&self, key: &ObjectKey) -> Option<Arc<Object>> {
        self.objects.iter().find(|o| &o.key() == key).cloned()
    }

    fn events_for(&self, involved_uid: &str) -> Vec<Arc<Object>> {
        self.objects
            .iter()
            .filter(|o| o.as_event().and_then(|e| e.involved_object.uid.as_deref()) == Some(involved_uid))
            .cloned()
            .collect()
    }
}

fn obj(value: Value) -> Arc<Object> {
    Arc::new(Object::from_value(value).expect("test object decodes"))
}

/// Describes the first object with the others in the cluster, `now_secs` after the epoch.
fn check(now_secs: u64, objects: Vec<Value>, expected: Expect) {
    let objects: Vec<Arc<Object>> = objects.into_iter().map(obj).collect();
    let cluster = Cluster { now: SimTime::from_secs(now_secs), objects: objects.clone() };
    expected.assert_eq(&describe(&objects[0], &cluster));
}

fn ts(secs: u64) -> String {
    SimTime::from_secs(secs).rfc3339()
}

fn event(
    name: &str,
    involved: (&str, &str, &str),
    reason: &str,
    message: &str,
    first: u64,
    last: u64,
    count: i32,
) -> Value {
    let (kind, object, uid) = involved;
    json!({"apiVersion": "v1", "kind": "Event",
    "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(first)},
    "involvedObject": {"kind": kind, "name": object, "namespace": "default", "uid": uid},
    "reason": reason, "message": message, "type": if matches!(reason, "BackOff" | "FailedScheduling") { "Warning" } else { "Normal" },
    "firstTimestamp": ts(first), "lastTimestamp": ts(last), "count": count,
    "source": {"component": match kind {
        "Deployment" => "deployment-controller",
        "ReplicaSet" => "replicaset-controller",
        "Service" => "service-controller",
        _ => if reason.ends_with("Scheduled") || reason == "FailedScheduling" { "default-scheduler" } else { "kubelet" },
    }}})
}

fn nginx_template(hash: Option<&str>) -> Value {
    let mut labels = json!({"app": "nginx"});
    if let Some(h) = hash {
        labels["pod-template-hash"] = json!(h);
    }
    json!({"metadata": {"labels": labels},
           "spec": {"containers": [{"name": "nginx", "image": "nginx:1.14.2", "imagePullPolicy": "IfNotPresent",
                                    "ports": [{"containerPort": 80, "protocol": "TCP"}]}],
                    "restartPolicy": "Always", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler"}})
}

fn deployment() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "nginx-deployment", "namespace": "default", "uid": "d-uid", "creationTimestamp": ts(0),
                        "labels": {"app": "nginx"},
                        "annotations": {"deployment.kubernetes.io/revision": "1",
                                        "kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"apps/v1\"}\n"}},
           "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}}, "template": nginx_template(None),
                    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
                    "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600},
           "status": {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3,
                      "conditions": [
                          {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                          {"type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"}]}})
}

fn replica_set(name: &str, hash: &str, replicas: i32, image: &str, created: u64) -> Value {
    let mut template = nginx_template(Some(hash));
    template["spec"]["containers"][0]["image"] = json!(image);
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
           "metadata": {"name": name, "namespace": "default", "uid": format!("{name}-uid"), "creationTimestamp": ts(created),
                        "labels": {"app": "nginx", "pod-template-hash": hash},
                        "annotations": {"deployment.kubernetes.io/desired-replicas": "3",
                                        "deployment.kubernetes.io/max-replicas": "4",
                                        "deployment.kubernetes.io/revision": "1"},
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "Deployment", "name": "nginx-deployment",
                                             "uid": "d-uid", "controller": true, "blockOwnerDeletion": true}]},
           "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "nginx", "pod-template-hash": hash}},
                    "template": template},
           "status": {"replicas": replicas, "readyReplicas": replicas, "availableReplicas": replicas,
                      "fullyLabeledReplicas": replicas, "observedGeneration": 1}})
}

fn nginx_pod(name: &str, phase: &str, ready: bool) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": name, "namespace": "default", "uid": format!("{name}-uid"), "creationTimestamp": ts(1),
                        "labels": {"app": "nginx", "pod-template-hash": "75675f5897"},
                        "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet",
                                             "name": "nginx-deployment-75675f5897",
                                             "uid": "nginx-deployment-75675f5897-uid", "controller": true}]},
           "spec": {"nodeName": "worker-1", "serviceAccountName": "default", "priority": 0,
                    "enableServiceLinks": true, "preemptionPolicy": "PreemptLowerPriority",
                    "containers": [{"name": "nginx", "image": "nginx:1.14.2",
                                    "ports": [{"containerPort": 80, "protocol": "TCP"}],
                                    "volumeMounts": [{"name": "kube-api-access-5x8qz", "readOnly": true,
                                                      "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}]}],
                    "volumes": [{"name": "kube-api-access-5x8qz", "projected": {"defaultMode": 420, "sources": [
                        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
                        {"downwardAPI": {"items": [{"path": "namespace",
                                                    "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}}]}}],
                    "tolerations": [
                        {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
                        {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}]},
           "status": {"phase": phase, "hostIP": "172.18.0.3", "hostIPs": [{"ip": "172.18.0.3"}],
                      "podIP": "10.244.1.2", "podIPs": [{"ip": "10.244.1.2"}], "startTime": ts(1), "qosClass": "BestEffort",
                      "conditions": [
                          {"type": "PodReadyToStartContainers", "status": "True"},
                          {"type": "Initialized", "status": "True"},
                          {"type": "Ready", "status": if ready { "True" } else { "False" }},
                          {"type": "ContainersReady", "status": if ready { "True" } else { "False" }},
                          {"type": "PodScheduled", "status": "True"}],
                      "containerStatuses": [{"name": "nginx", "ready": ready, "restartCount": 0, "started": true,
                          "image": "docker.io/library/nginx:1.14.2",
                          "imageID": "docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d",
                          "containerID": "containerd://4a5b6c7d8e9f",
                          "state": {"running": {"startedAt": ts(3)}}}]}})
}

// kubernetes.io "Deployments" page, `kubectl describe deployments`: the Replicas summary, the rolling
// update strategy, the pod template, conditions, the old and new ReplicaSets and the scaling event.
#[test]
fn deployment_as_the_deployment_page_shows_it() {
    check(
        18,
        vec![
            deployment(),
            replica_set("nginx-deployment-75675f5897", "75675f5897", 3, "nginx:1.14.2", 0),
            event(
                "nginx-deployment.1",
                ("Deployment", "nginx-deployment", "d-uid"),
                "ScalingReplicaSet",
                "Scaled up replica set nginx-deployment-75675f5897 from 0 to 3",
                0,
                0,
                1,
            ),
        ],
        expect![[r#"
            Name:                   nginx-deployment
            Namespace:              default
            CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
            Labels:                 app=nginx
            Annotations:            deployment.kubernetes.io/revision: 1
            Selector:               app=nginx
            Replicas:               3 desired | 3 updated | 3 total | 3 available | 0 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=nginx
              Containers:
               nginx:
                Image:         nginx:1.14.2
                Port:          80/TCP
                Host Port:     0/TCP
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    NewReplicaSetAvailable
            OldReplicaSets:  <none>
            NewReplicaSet:   nginx-deployment-75675f5897 (3/3 replicas created)
            Events:
              Type    Reason             Age   From                   Message
              ----    ------             ----  ----                   -------
              Normal  ScalingReplicaSet  18s   deployment-controller  Scaled up replica set nginx-deployment-75675f5897 from 0 to 3
        "#]],
    );
}

// A rollout in progress: the old ReplicaSet still has replicas, the new one is growing
// (`OldReplicaSets: nginx-deployment-75675f5897 (2/2 replicas created)` as in the Deployment page's
// "Updating a Deployment" section); repeated events show `(xN over AGE)`.
#[test]
fn deployment_during_a_rollout() {
    let mut d = deployment();
    d["spec"]["template"]["spec"]["containers"][0]["image"] = json!("nginx:1.16.1");
    d["metadata"]["annotations"]["deployment.kubernetes.io/revision"] = json!("2");
    d["status"] = json!({"replicas": 4, "updatedReplicas": 2, "readyReplicas": 3, "availableReplicas": 3,
                         "unavailableReplicas": 1,
                         "conditions": [
                             {"type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"},
                             {"type": "Progressing", "status": "True", "reason": "ReplicaSetUpdated"}]});
    check(
        130,
        vec![
            d,
            replica_set("nginx-deployment-75675f5897", "75675f5897", 2, "nginx:1.14.2", 0),
            replica_set("nginx-deployment-1564180365", "1564180365", 2, "nginx:1.16.1", 100),
            replica_set("nginx-deployment-5d59d67564", "5d59d67564", 0, "nginx:1.13", 0),
            event(
                "nginx-deployment.1",
                ("Deployment", "nginx-deployment", "d-uid"),
                "ScalingReplicaSet",
                "Scaled up replica set nginx-deployment-75675f5897 from 0 to 3",
                0,
                0,
                1,
            ),
            event(
                "nginx-deployment.2",
                ("Deployment", "nginx-deployment", "d-uid"),
                "ScalingReplicaSet",
                "Scaled up replica set nginx-deployment-1564180365 from 0 to 1",
                100,
                100,
                1,
            ),
            event(
                "nginx-deployment.3",
                ("Deployment", "nginx-deployment", "d-uid"),
                "ScalingReplicaSet",
                "Scaled down replica set nginx-deployment-75675f5897 from 3 to 2",
                110,
                125,
                2,
            ),
        ],
        expect![[r#"
            Name:                   nginx-deployment
            Namespace:              default
            CreationTimestamp:      Thu, 01 Jan 2026 00:00:00 +0000
            Labels:                 app=nginx
            Annotations:            deployment.kubernetes.io/revision: 2
            Selector:               app=nginx
            Replicas:               3 desired | 2 updated | 4 total | 3 available | 1 unavailable
            StrategyType:           RollingUpdate
            MinReadySeconds:        0
            RollingUpdateStrategy:  25% max unavailable, 25% max surge
            Pod Template:
              Labels:  app=nginx
              Containers:
               nginx:
                Image:         nginx:1.16.1
                Port:          80/TCP
                Host Port:     0/TCP
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Conditions:
              Type           Status  Reason
              ----           ------  ------
              Available      True    MinimumReplicasAvailable
              Progressing    True    ReplicaSetUpdated
            OldReplicaSets:  nginx-deployment-75675f5897 (2/2 replicas created)
            NewReplicaSet:   nginx-deployment-1564180365 (2/2 replicas created)
            Events:
              Type    Reason             Age               From                   Message
              ----    ------             ----              ----                   -------
              Normal  ScalingReplicaSet  2m10s             deployment-controller  Scaled up replica set nginx-deployment-75675f5897 from 0 to 3
              Normal  ScalingReplicaSet  30s               deployment-controller  Scaled up replica set nginx-deployment-1564180365 from 0 to 1
              Normal  ScalingReplicaSet  5s (x2 over 20s)  deployment-controller  Scaled down replica set nginx-deployment-75675f5897 from 3 to 2
        "#]],
    );
}

// `kubectl describe rs` (describeReplicaSet): Controlled By, `Replicas: 3 current / 3 desired`, the
// `Pods Status` counts of the pods it owns, the pod template with the hash label and annotations.
#[test]
fn replica_set_with_its_pods() {
    let mut stray = nginx_pod("stray", "Running", true);
    stray["metadata"]["ownerReferences"] = json!([]);
    check(
        18,
        vec![
            replica_set("nginx-deployment-75675f5897", "75675f5897", 3, "nginx:1.14.2", 0),
            nginx_pod("nginx-deployment-75675f5897-7ci7o", "Running", true),
            nginx_pod("nginx-deployment-75675f5897-kzszj", "Running", true),
            nginx_pod("nginx-deployment-75675f5897-qqcnn", "Pending", false),
            stray,
            event(
                "rs.1",
                ("ReplicaSet", "nginx-deployment-75675f5897", "nginx-deployment-75675f5897-uid"),
                "SuccessfulCreate",
                "Created pod: nginx-deployment-75675f5897-7ci7o",
                1,
                1,
                1,
            ),
        ],
        expect![[r#"
            Name:           nginx-deployment-75675f5897
            Namespace:      default
            Selector:       app=nginx,pod-template-hash=75675f5897
            Labels:         app=nginx
                            pod-template-hash=75675f5897
            Annotations:    deployment.kubernetes.io/desired-replicas: 3
                            deployment.kubernetes.io/max-replicas: 4
                            deployment.kubernetes.io/revision: 1
            Controlled By:  Deployment/nginx-deployment
            Replicas:       3 current / 3 desired
            Pods Status:    2 Running / 1 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=nginx
                       pod-template-hash=75675f5897
              Containers:
               nginx:
                Image:         nginx:1.14.2
                Port:          80/TCP
                Host Port:     0/TCP
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From                   Message
              ----    ------            ----  ----                   -------
              Normal  SuccessfulCreate  17s   replicaset-controller  Created pod: nginx-deployment-75675f5897-7ci7o
        "#]],
    );
}

// `kubectl describe pod` for a running Deployment pod on kind, as the kubernetes.io "Debug Running Pods"
// page shows it: Node as `name/hostIP`, the IPs block, Controlled By, the container's state and mounts,
// the pod conditions with their trailing spaces, the projected service-account volume, QoS class and the
// default not-ready/unreachable tolerations.
#[test]
fn running_pod() {
    check(
        65,
        vec![
            nginx_pod("nginx-deployment-75675f5897-7ci7o", "Running", true),
            event(
                "p.1",
                ("Pod", "nginx-deployment-75675f5897-7ci7o", "nginx-deployment-75675f5897-7ci7o-uid"),
                "Scheduled",
                "Successfully assigned default/nginx-deployment-75675f5897-7ci7o to worker-1",
                1,
                1,
                1,
            ),
            event(
                "p.2",
                ("Pod", "nginx-deployment-75675f5897-7ci7o", "nginx-deployment-75675f5897-7ci7o-uid"),
                "Pulled",
                "Container image \"nginx:1.14.2\" already present on machine",
                2,
                2,
                1,
            ),
        ],
        expect![[r#"
            Name:             nginx-deployment-75675f5897-7ci7o
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             worker-1/172.18.0.3
            Start Time:       Thu, 01 Jan 2026 00:00:01 +0000
            Labels:           app=nginx
                              pod-template-hash=75675f5897
            Annotations:      <none>
            Status:           Running
            IP:               10.244.1.2
            IPs:
              IP:           10.244.1.2
            Controlled By:  ReplicaSet/nginx-deployment-75675f5897
            Containers:
              nginx:
                Container ID:   containerd://4a5b6c7d8e9f
                Image:          nginx:1.14.2
                Image ID:       docker.io/library/nginx@sha256:f7988fb6c02e0ce69257d9bd9cf37ae20a60f1df7563c3a2a6abe24160306b8d
                Port:           80/TCP
                Host Port:      0/TCP
                State:          Running
                  Started:      Thu, 01 Jan 2026 00:00:03 +0000
                Ready:          True
                Restart Count:  0
                Environment:    <none>
                Mounts:
                  /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-5x8qz (ro)
            Conditions:
              Type                        Status
              PodReadyToStartContainers   True 
              Initialized                 True 
              Ready                       True 
              ContainersReady             True 
              PodScheduled                True 
            Volumes:
              kube-api-access-5x8qz:
                Type:                    Projected (a volume that contains injected data from multiple sources)
                TokenExpirationSeconds:  3607
                ConfigMapName:           kube-root-ca.crt
                Optional:                false
                DownwardAPI:             true
            QoS Class:                   BestEffort
            Node-Selectors:              <none>
            Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                                         node.kubernetes.io/unreachable:NoExecute op=Exists for 300s
            Events:
              Type    Reason     Age   From               Message
              ----    ------     ----  ----               -------
              Normal  Scheduled  64s   default-scheduler  Successfully assigned default/nginx-deployment-75675f5897-7ci7o to worker-1
              Normal  Pulled     63s   kubelet            Container image "nginx:1.14.2" already present on machine
        "#]],
    );
}

// A pod that cannot start: Pending, no node, the scheduler's FailedScheduling event (Debug Pods page:
// `0/4 nodes are available: ...`), and a pod in CrashLoopBackOff with its last termination, restart count,
// resources, probes and environment (the "Configure Liveness, Readiness and Startup Probes" page shows
// `Liveness: exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3`).
#[test]
fn pods_that_do_not_run() {
    check(
        30,
        vec![
            json!({"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": "big", "namespace": "default", "uid": "big-uid", "creationTimestamp": ts(0)},
                   "spec": {"serviceAccountName": "default", "priority": 0,
                            "containers": [{"name": "app", "image": "busybox",
                                            "resources": {"requests": {"cpu": "8", "memory": "64Mi"}}}]},
                   "status": {"phase": "Pending", "qosClass": "Burstable",
                              "conditions": [{"type": "PodScheduled", "status": "False", "reason": "Unschedulable"}]}}),
            event(
                "big.1",
                ("Pod", "big", "big-uid"),
                "FailedScheduling",
                "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.",
                0,
                25,
                3,
            ),
        ],
        expect![[r#"
            Name:             big
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             <none>
            Labels:           <none>
            Annotations:      <none>
            Status:           Pending
            IP:               
            IPs:              <none>
            Containers:
              app:
                Image:      busybox
                Port:       <none>
                Host Port:  <none>
                Requests:
                  cpu:        8
                  memory:     64Mi
                Environment:  <none>
                Mounts:       <none>
            Conditions:
              Type           Status
              PodScheduled   False 
            Volumes:         <none>
            QoS Class:       Burstable
            Node-Selectors:  <none>
            Tolerations:     <none>
            Events:
              Type     Reason            Age               From               Message
              ----     ------            ----              ----               -------
              Warning  FailedScheduling  5s (x3 over 30s)  default-scheduler  0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.
        "#]],
    );
    check(
        200,
        vec![
            json!({"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": "liveness-exec", "namespace": "default", "uid": "le-uid",
                                "creationTimestamp": ts(0), "labels": {"test": "liveness"}},
                   "spec": {"nodeName": "worker-2", "serviceAccountName": "default", "priority": 0,
                            "containers": [{"name": "liveness", "image": "registry.k8s.io/busybox:1.27.2",
                                "args": ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
                                "livenessProbe": {"exec": {"command": ["cat", "/tmp/healthy"]}, "initialDelaySeconds": 5,
                                                  "periodSeconds": 5, "timeoutSeconds": 1, "successThreshold": 1,
                                                  "failureThreshold": 3},
                                "readinessProbe": {"httpGet": {"path": "/healthz", "port": 8080, "scheme": "HTTP"},
                                                   "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1,
                                                   "failureThreshold": 3},
                                "resources": {"limits": {"cpu": "500m", "memory": "128Mi"},
                                              "requests": {"cpu": "250m", "memory": "64Mi"}},
                                "env": [{"name": "GREETING", "value": "hello"},
                                        {"name": "MY_POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
                                        {"name": "MY_CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "liveness", "resource": "limits.cpu", "divisor": "1m"}}},
                                        {"name": "PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
                                        {"name": "MODE", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "mode", "optional": true}}}],
                                "envFrom": [{"configMapRef": {"name": "app-config"}}]}]},
                   "status": {"phase": "Running", "hostIP": "172.18.0.4", "podIP": "10.244.2.7",
                              "podIPs": [{"ip": "10.244.2.7"}], "startTime": ts(0),
                              "conditions": [{"type": "Ready", "status": "False"}],
                              "containerStatuses": [{"name": "liveness", "ready": false, "restartCount": 3,
                                  "image": "registry.k8s.io/busybox:1.27.2", "imageID": "", "containerID": "containerd://abc",
                                  "state": {"waiting": {"reason": "CrashLoopBackOff",
                                      "message": "back-off 40s restarting failed container=liveness pod=liveness-exec_default(le-uid)"}},
                                  "lastState": {"terminated": {"exitCode": 137, "reason": "Error",
                                                               "startedAt": ts(120), "finishedAt": ts(160)}}}]}}),
            event(
                "le.1",
                ("Pod", "liveness-exec", "le-uid"),
                "Killing",
                "Container liveness failed liveness probe, will be restarted",
                45,
                160,
                3,
            ),
        ],
        expect![[r#"
            Name:             liveness-exec
            Namespace:        default
            Priority:         0
            Service Account:  default
            Node:             worker-2/172.18.0.4
            Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
            Labels:           test=liveness
            Annotations:      <none>
            Status:           Running
            IP:               10.244.2.7
            IPs:
              IP:  10.244.2.7
            Containers:
              liveness:
                Container ID:  containerd://abc
                Image:         registry.k8s.io/busybox:1.27.2
                Image ID:      
                Port:          <none>
                Host Port:     <none>
                Args:
                  /bin/sh
                  -c
                  touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600
                State:          Waiting
                  Reason:       CrashLoopBackOff
                Last State:     Terminated
                  Reason:       Error
                  Exit Code:    137
                  Started:      Thu, 01 Jan 2026 00:02:00 +0000
                  Finished:     Thu, 01 Jan 2026 00:02:40 +0000
                Ready:          False
                Restart Count:  3
                Limits:
                  cpu:     500m
                  memory:  128Mi
                Requests:
                  cpu:      250m
                  memory:   64Mi
                Liveness:   exec [cat /tmp/healthy] delay=5s timeout=1s period=5s #success=1 #failure=3
                Readiness:  http-get http://:8080/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
                Environment Variables from:
                  app-config  ConfigMap  Optional: false
                Environment:
                  GREETING:      hello
                  MY_POD_NAME:   liveness-exec (v1:metadata.name)
                  MY_CPU_LIMIT:  500 (limits.cpu)
                  PASSWORD:      <set to the key 'password' in secret 'db'>   Optional: false
                  MODE:          <set to the key 'mode' of config map 'cfg'>  Optional: true
                Mounts:          <none>
            Conditions:
              Type           Status
              Ready          False 
            Volumes:         <none>
            QoS Class:       Burstable
            Node-Selectors:  <none>
            Tolerations:     <none>
            Events:
              Type    Reason   Age                  From     Message
              ----    ------   ----                 ----     -------
              Normal  Killing  40s (x3 over 2m35s)  kubelet  Container liveness failed liveness probe, will be restarted
        "#]],
    );
}

fn kind_node(name: &str, ip: &str, control_plane: bool) -> Value {
    let mut labels = json!({"beta.kubernetes.io/arch": "amd64", "beta.kubernetes.io/os": "linux",
                            "kubernetes.io/arch": "amd64", "kubernetes.io/hostname": name, "kubernetes.io/os": "linux"});
    let mut taints = json!([]);
    if control_plane {
        labels["node-role.kubernetes.io/control-plane"] = json!("");
        labels["ingress-ready"] = json!("true");
        taints = json!([{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}]);
    }
    let condition = |type_: &str, status: &str, reason: &str, message: &str| {
        json!({"type": type_, "status": status, "lastHeartbeatTime": ts(3600), "lastTransitionTime": ts(0),
               "reason": reason, "message": message})
    };
    json!({"apiVersion": "v1", "kind": "Node",
           "metadata": {"name": name, "uid": format!("{name}-uid"), "creationTimestamp": ts(0), "labels": labels,
                        "annotations": {"kubeadm.alpha.kubernetes.io/cri-socket": "unix:///run/containerd/containerd.sock",
                                        "node.alpha.kubernetes.io/ttl": "0",
                                        "volumes.kubernetes.io/controller-managed-attach-detach": "true"}},
           "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "providerID": format!("kind://docker/kind/{name}"),
                    "taints": taints},
           "status": {
               "capacity": {"cpu": "4", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                            "memory": "8Gi", "pods": "110"},
               "allocatable": {"cpu": "4", "ephemeral-storage": "102626232Ki", "hugepages-1Gi": "0", "hugepages-2Mi": "0",
                               "memory": "8Gi", "pods": "110"},
               "conditions": [
                   condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                   condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                   condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                   condition("Ready", "True", "KubeletReady", "kubelet is posting ready status")],
               "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
               "nodeInfo": {"machineID": "0f3a5c1e9b2d4c8f", "systemUUID": "1c2d3e4f-5a6b-7c8d-9e0f-a1b2c3d4e5f6",
                            "bootID": "7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b", "kernelVersion": "6.8.0-1017-gcp",
                            "osImage": "Debian GNU/Linux 12 (bookworm)", "containerRuntimeVersion": "containerd://2.1.1",
                            "kubeletVersion": "v1.37.0", "kubeProxyVersion": "", "operatingSystem": "linux",
                            "architecture": "amd64"}}})
}

fn pod_on(node: &str, namespace: &str, name: &str, resources: Value, phase: &str) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod",
           "metadata": {"name": name, "namespace": namespace, "uid": format!("{name}-uid"), "creationTimestamp": ts(60)},
           "spec": {"nodeName": node, "containers": [{"name": "c", "image": "busybox", "resources": resources}]},
           "status": {"phase": phase}})
}

// `kubectl describe node` on kind (the kubernetes.io "Nodes" page shows the same sections): roles, taints,
// lease, conditions with their padded columns, capacity, system info, the non-terminated pods with their
// share of allocatable CPU and memory (truncated percentages), allocated totals, huge pages.
#[test]
fn node() {
    check(
        7200,
        vec![
            kind_node("worker-1", "172.18.0.3", false),
            json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                   "metadata": {"name": "worker-1", "namespace": "kube-node-lease", "creationTimestamp": ts(0)},
                   "spec": {"holderIdentity": "worker-1", "leaseDurationSeconds": 40, "renewTime": "2026-01-01T01:59:58.123456Z"}}),
            pod_on(
                "worker-1",
                "kube-system",
                "kindnet-x7k2p",
                json!({"limits": {"cpu": "100m", "memory": "50Mi"}, "requests": {"cpu": "100m", "memory": "50Mi"}}),
                "Running",
            ),
            pod_on("worker-1", "kube-system", "kube-proxy-9fz4d", json!({}), "Running"),
            pod_on(
                "worker-1",
                "default",
                "web-7d4b9c8f6d-2xk9p",
                json!({"limits": {"memory": "170Mi"}, "requests": {"cpu": "290m", "memory": "70Mi"}}),
                "Running",
            ),
            pod_on("worker-1", "default", "done", json!({"requests": {"cpu": "1"}}), "Succeeded"),
            pod_on("worker-2", "default", "elsewhere", json!({"requests": {"cpu": "1"}}), "Running"),
            json!({"apiVersion": "v1", "kind": "Event",
                   "metadata": {"name": "worker-1.1", "namespace": "default", "creationTimestamp": ts(5)},
                   "involvedObject": {"kind": "Node", "name": "worker-1", "uid": "worker-1"},
                   "reason": "Starting", "message": "", "type": "Normal", "firstTimestamp": ts(5), "lastTimestamp": ts(5),
                   "count": 1, "source": {"component": "kube-proxy", "host": "worker-1"}}),
            json!({"apiVersion": "v1", "kind": "Event",
                   "metadata": {"name": "worker-1.2", "namespace": "default", "creationTimestamp": ts(3)},
                   "involvedObject": {"kind": "Node", "name": "worker-1", "uid": "worker-1-uid"},
                   "reason": "RegisteredNode", "message": "Node worker-1 event: Registered Node worker-1 in Controller",
                   "type": "Normal", "firstTimestamp": ts(3), "lastTimestamp": ts(3), "count": 1,
                   "source": {"component": "node-controller"}}),
        ],
        expect![[r#"
            Name:               worker-1
            Roles:              <none>
            Labels:             beta.kubernetes.io/arch=amd64
                                beta.kubernetes.io/os=linux
                                kubernetes.io/arch=amd64
                                kubernetes.io/hostname=worker-1
                                kubernetes.io/os=linux
            Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                                node.alpha.kubernetes.io/ttl: 0
                                volumes.kubernetes.io/controller-managed-attach-detach: true
            CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
            Taints:             <none>
            Unschedulable:      false
            Lease:
              HolderIdentity:  worker-1
              AcquireTime:     <unset>
              RenewTime:       Thu, 01 Jan 2026 01:59:58 +0000
            Conditions:
              Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
              ----             ------  -----------------                 ------------------                ------                       -------
              MemoryPressure   False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
              DiskPressure     False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
              PIDPressure      False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
              Ready            True    Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status
            Addresses:
              InternalIP:  172.18.0.3
              Hostname:    worker-1
            Capacity:
              cpu:                4
              ephemeral-storage:  102626232Ki
              hugepages-1Gi:      0
              hugepages-2Mi:      0
              memory:             8Gi
              pods:               110
            Allocatable:
              cpu:                4
              ephemeral-storage:  102626232Ki
              hugepages-1Gi:      0
              hugepages-2Mi:      0
              memory:             8Gi
              pods:               110
            System Info:
              Machine ID:                 0f3a5c1e9b2d4c8f
              System UUID:                1c2d3e4f-5a6b-7c8d-9e0f-a1b2c3d4e5f6
              Boot ID:                    7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b
              Kernel Version:             6.8.0-1017-gcp
              OS Image:                   Debian GNU/Linux 12 (bookworm)
              Operating System:           linux
              Architecture:               amd64
              Container Runtime Version:  containerd://2.1.1
              Kubelet Version:            v1.37.0
              Kube-Proxy Version:         
            PodCIDR:                      10.244.1.0/24
            PodCIDRs:                     10.244.1.0/24
            ProviderID:                   kind://docker/kind/worker-1
            Non-terminated Pods:          (3 in total)
              Namespace                   Name                    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
              ---------                   ----                    ------------  ----------  ---------------  -------------  ---
              default                     web-7d4b9c8f6d-2xk9p    290m (7%)     0 (0%)      70Mi (0%)        170Mi (2%)     119m
              kube-system                 kindnet-x7k2p           100m (2%)     100m (2%)   50Mi (0%)        50Mi (0%)      119m
              kube-system                 kube-proxy-9fz4d        0 (0%)        0 (0%)      0 (0%)           0 (0%)         119m
            Allocated resources:
              (Total limits may be over 100 percent, i.e., overcommitted.)
              Resource           Requests    Limits
              --------           --------    ------
              cpu                390m (9%)   100m (2%)
              memory             120Mi (1%)  220Mi (2%)
              ephemeral-storage  0 (0%)      0 (0%)
              hugepages-1Gi      0 (0%)      0 (0%)
              hugepages-2Mi      0 (0%)      0 (0%)
            Events:
              Type    Reason          Age   From             Message
              ----    ------          ----  ----             -------
              Normal  RegisteredNode  119m  node-controller  Node worker-1 event: Registered Node worker-1 in Controller
              Normal  Starting        119m  kube-proxy       
        "#]],
    );
    let mut control_plane = kind_node("control-plane", "172.18.0.2", true);
    control_plane["spec"]["unschedulable"] = json!(true);
    check(
        60,
        vec![control_plane],
        expect![[r#"
        Name:               control-plane
        Roles:              control-plane
        Labels:             beta.kubernetes.io/arch=amd64
                            beta.kubernetes.io/os=linux
                            ingress-ready=true
                            kubernetes.io/arch=amd64
                            kubernetes.io/hostname=control-plane
                            kubernetes.io/os=linux
                            node-role.kubernetes.io/control-plane=
        Annotations:        kubeadm.alpha.kubernetes.io/cri-socket: unix:///run/containerd/containerd.sock
                            node.alpha.kubernetes.io/ttl: 0
                            volumes.kubernetes.io/controller-managed-attach-detach: true
        CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
        Taints:             node-role.kubernetes.io/control-plane:NoSchedule
        Unschedulable:      true
        Lease:              Failed to get lease: leases.coordination.k8s.io "control-plane" not found
        Conditions:
          Type             Status  LastHeartbeatTime                 LastTransitionTime                Reason                       Message
          ----             ------  -----------------                 ------------------                ------                       -------
          MemoryPressure   False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientMemory   kubelet has sufficient memory available
          DiskPressure     False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasNoDiskPressure     kubelet has no disk pressure
          PIDPressure      False   Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletHasSufficientPID      kubelet has sufficient PID available
          Ready            True    Thu, 01 Jan 2026 01:00:00 +0000   Thu, 01 Jan 2026 00:00:00 +0000   KubeletReady                 kubelet is posting ready status
        Addresses:
          InternalIP:  172.18.0.2
          Hostname:    control-plane
        Capacity:
          cpu:                4
          ephemeral-storage:  102626232Ki
          hugepages-1Gi:      0
          hugepages-2Mi:      0
          memory:             8Gi
          pods:               110
        Allocatable:
          cpu:                4
          ephemeral-storage:  102626232Ki
          hugepages-1Gi:      0
          hugepages-2Mi:      0
          memory:             8Gi
          pods:               110
        System Info:
          Machine ID:                 0f3a5c1e9b2d4c8f
          System UUID:                1c2d3e4f-5a6b-7c8d-9e0f-a1b2c3d4e5f6
          Boot ID:                    7e8f9a0b-1c2d-3e4f-5a6b-7c8d9e0f1a2b
          Kernel Version:             6.8.0-1017-gcp
          OS Image:                   Debian GNU/Linux 12 (bookworm)
          Operating System:           linux
          Architecture:               amd64
          Container Runtime Version:  containerd://2.1.1
          Kubelet Version:            v1.37.0
          Kube-Proxy Version:         
        PodCIDR:                      10.244.1.0/24
        PodCIDRs:                     10.244.1.0/24
        ProviderID:                   kind://docker/kind/control-plane
        Non-terminated Pods:          (0 in total)
          Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
          ---------                   ----    ------------  ----------  ---------------  -------------  ---
        Allocated resources:
          (Total limits may be over 100 percent, i.e., overcommitted.)
          Resource           Requests  Limits
          --------           --------  ------
          cpu                0 (0%)    0 (0%)
          memory             0 (0%)    0 (0%)
          ephemeral-storage  0 (0%)    0 (0%)
          hugepages-1Gi      0 (0%)    0 (0%)
          hugepages-2Mi      0 (0%)    0 (0%)
        Events:              <none>
    "#]],
    );
}

// `kubectl describe service` (describeService): selector, IP families, per port the target port, node
// port and the ready endpoints from the Service's EndpointSlices, as the kubernetes.io "Connecting
// Applications with Services" page shows (`Endpoints: 10.244.2.5:80,10.244.3.4:80`).
#[test]
fn service() {
    let slice = json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "my-nginx-7vzhx", "namespace": "default", "creationTimestamp": ts(0),
                     "labels": {"kubernetes.io/service-name": "my-nginx"}},
        "addressType": "IPv4", "ports": [{"name": "", "port": 80, "protocol": "TCP"}],
        "endpoints": [{"addresses": ["10.244.2.5"], "conditions": {"ready": true}},
                      {"addresses": ["10.244.3.4"], "conditions": {"ready": true}},
                      {"addresses": ["10.244.1.9"], "conditions": {"ready": false}}]});
    check(
        30,
        vec![
            json!({"apiVersion": "v1", "kind": "Service",
                   "metadata": {"name": "my-nginx", "namespace": "default", "uid": "svc-uid", "creationTimestamp": ts(0),
                                "labels": {"run": "my-nginx"}},
                   "spec": {"type": "NodePort", "selector": {"run": "my-nginx"}, "clusterIP": "10.96.82.151",
                            "clusterIPs": ["10.96.82.151"], "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                            "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80, "nodePort": 31257}],
                            "sessionAffinity": "None", "externalTrafficPolicy": "Cluster", "internalTrafficPolicy": "Cluster"}}),
            slice,
        ],
        expect![[r#"
            Name:                     my-nginx
            Namespace:                default
            Labels:                   run=my-nginx
            Annotations:              <none>
            Selector:                 run=my-nginx
            Type:                     NodePort
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.96.82.151
            IPs:                      10.96.82.151
            Port:                     <unset>  80/TCP
            TargetPort:               80/TCP
            NodePort:                 <unset>  31257/TCP
            Endpoints:                10.244.2.5:80,10.244.3.4:80
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Internal Traffic Policy:  Cluster
            Events:                   <none>
        "#]],
    );
    check(
        30,
        vec![json!({"apiVersion": "v1", "kind": "Service",
                    "metadata": {"name": "lb", "namespace": "default", "uid": "lb-uid", "creationTimestamp": ts(0)},
                    "spec": {"type": "LoadBalancer", "selector": {"app": "web"}, "clusterIP": "10.96.40.3",
                             "clusterIPs": ["10.96.40.3"], "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
                             "ports": [{"name": "http", "port": 80, "protocol": "TCP", "targetPort": "http", "nodePort": 31002}],
                             "sessionAffinity": "None", "externalTrafficPolicy": "Cluster", "internalTrafficPolicy": "Cluster",
                             "allocateLoadBalancerNodePorts": true},
                    "status": {"loadBalancer": {"ingress": [{"ip": "172.18.255.200", "ipMode": "VIP"}]}}})],
        expect![[r#"
            Name:                     lb
            Namespace:                default
            Labels:                   <none>
            Annotations:              <none>
            Selector:                 app=web
            Type:                     LoadBalancer
            IP Family Policy:         SingleStack
            IP Families:              IPv4
            IP:                       10.96.40.3
            IPs:                      10.96.40.3
            LoadBalancer Ingress:     172.18.255.200 (VIP)
            Port:                     http  80/TCP
            TargetPort:               http/TCP
            NodePort:                 http  31002/TCP
            Endpoints:                <none>
            Session Affinity:         None
            External Traffic Policy:  Cluster
            Internal Traffic Policy:  Cluster
            Events:                   <none>
        "#]],
    );
}

// `kubectl describe namespace default` on a fresh cluster, and with a quota and a limit range
// (describeNamespace, DescribeResourceQuotas, DescribeLimitRanges).
#[test]
fn namespace() {
    let ns = json!({"apiVersion": "v1", "kind": "Namespace",
                    "metadata": {"name": "default", "uid": "ns-uid", "creationTimestamp": ts(0),
                                 "labels": {"kubernetes.io/metadata.name": "default"}},
                    "spec": {"finalizers": ["kubernetes"]}, "status": {"phase": "Active"}});
    check(
        60,
        vec![ns.clone()],
        expect![[r#"
        Name:         default
        Labels:       kubernetes.io/metadata.name=default
        Annotations:  <none>
        Status:       Active

        No resource quota.

        No LimitRange resource.
    "#]],
    );
    check(
        60,
        vec![
            ns,
            json!({"apiVersion": "v1", "kind": "ResourceQuota",
                   "metadata": {"name": "compute-resources", "namespace": "default", "creationTimestamp": ts(0)},
                   "spec": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi"}},
                   "status": {"hard": {"requests.cpu": "1", "requests.memory": "1Gi", "limits.cpu": "2", "limits.memory": "2Gi"},
                              "used": {"requests.cpu": "250m", "requests.memory": "64Mi", "limits.cpu": "500m", "limits.memory": "128Mi"}}}),
            json!({"apiVersion": "v1", "kind": "LimitRange",
                   "metadata": {"name": "cpu-limit-range", "namespace": "default", "creationTimestamp": ts(0)},
                   "spec": {"limits": [{"type": "Container", "default": {"cpu": "1"}, "defaultRequest": {"cpu": "500m"}}]}}),
        ],
        expect![[r#"
            Name:         default
            Labels:       kubernetes.io/metadata.name=default
            Annotations:  <none>
            Status:       Active

            Resource Quotas
              Name:            compute-resources
              Resource         Used   Hard
              --------         ---    ---
              limits.cpu       500m   2
              limits.memory    128Mi  2Gi
              requests.cpu     250m   1
              requests.memory  64Mi   1Gi

            Resource Limits
             Type       Resource  Min  Max  Default Request  Default Limit  Max Limit/Request Ratio
             ----       --------  ---  ---  ---------------  -------------  -----------------------
             Container  cpu       -    -    500m             1              -
        "#]],
    );
}

// ConfigMaps (each key, a `----` rule, the value, a blank line; binary data as sizes; the events line) and
// Secrets (sizes only, `password:  11 bytes`), as the kubernetes.io ConfigMap and Secret pages show them.
#[test]
fn config_map_and_secret() {
    check(
        60,
        vec![json!({"apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": "game-demo", "namespace": "default", "uid": "cm-uid", "creationTimestamp": ts(0)},
                    "data": {"player_initial_lives": "3",
                             "game.properties": "enemy.types=aliens,monsters\nplayer.maximum-lives=5\n"},
                    "binaryData": {"icon.png": "iVBORw0KGgo="}})],
        expect![[r#"
            Name:         game-demo
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>

            Data
            ====
            game.properties:
            ----
            enemy.types=aliens,monsters
            player.maximum-lives=5


            player_initial_lives:
            ----
            3


            BinaryData
            ====
            icon.png: 8 bytes

            Events:  <none>
        "#]],
    );
    check(
        60,
        vec![json!({"apiVersion": "v1", "kind": "Secret",
                    "metadata": {"name": "db-user-pass", "namespace": "default", "uid": "s-uid", "creationTimestamp": ts(0)},
                    "type": "Opaque", "data": {"password": "UyFCXCpkJHpEc2I9", "username": "YWRtaW4="}})],
        expect![[r#"
            Name:         db-user-pass
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>

            Type:  Opaque

            Data
            ====
            password:  12 bytes
            username:  5 bytes
        "#]],
    );
}

// `kubectl describe role` and `rolebinding` (RoleDescriber, RoleBindingDescriber), as the kubernetes.io
// "Using RBAC Authorization" page's examples print: rules broken down, merged per resource, sorted.
#[test]
fn rbac() {
    check(
        60,
        vec![json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role",
                    "metadata": {"name": "pod-reader", "namespace": "default", "uid": "r-uid", "creationTimestamp": ts(0)},
                    "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "watch", "list"]},
                              {"apiGroups": ["apps"], "resources": ["deployments", "replicasets"], "verbs": ["get"]},
                              {"apiGroups": [""], "resources": ["pods/log"], "verbs": ["get"]},
                              {"apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["my-config"],
                               "verbs": ["update", "get"]}]})],
        expect![[r#"
            Name:         pod-reader
            Labels:       <none>
            Annotations:  <none>
            PolicyRule:
              Resources         Non-Resource URLs  Resource Names  Verbs
              ---------         -----------------  --------------  -----
              pods              []                 []              [get watch list]
              pods/log          []                 []              [get]
              deployments.apps  []                 []              [get]
              replicasets.apps  []                 []              [get]
              configmaps        []                 [my-config]     [update get]
        "#]],
    );
    check(
        60,
        vec![json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
                    "metadata": {"name": "read-pods", "namespace": "default", "uid": "rb-uid", "creationTimestamp": ts(0)},
                    "subjects": [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
                                 {"kind": "ServiceAccount", "name": "ci", "namespace": "default"}],
                    "roleRef": {"kind": "Role", "name": "pod-reader", "apiGroup": "rbac.authorization.k8s.io"}})],
        expect![[r#"
            Name:         read-pods
            Labels:       <none>
            Annotations:  <none>
            Role:
              Kind:  Role
              Name:  pod-reader
            Subjects:
              Kind            Name  Namespace
              ----            ----  ---------
              User            jane  
              ServiceAccount  ci    default
        "#]],
    );
}

// Kinds without a describer of their own go through the generic one (genericDescriber): every field,
// camel-case keys as words, as `kubectl describe lease` and custom resources print.
#[test]
fn generic_describer() {
    check(
        60,
        vec![json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": {"name": "worker-1", "namespace": "kube-node-lease", "uid": "l-uid", "resourceVersion": "512",
                                 "creationTimestamp": ts(0),
                                 "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "worker-1", "uid": "worker-1-uid"}]},
                    "spec": {"holderIdentity": "worker-1", "leaseDurationSeconds": 40,
                             "renewTime": "2026-01-01T00:00:58.123456Z"}})],
        expect![[r#"
            Name:         worker-1
            Namespace:    kube-node-lease
            Labels:       <none>
            Annotations:  <none>
            API Version:  coordination.k8s.io/v1
            Kind:         Lease
            Metadata:
              Creation Timestamp:  2026-01-01T00:00:00Z
              Owner References:
                API Version:     v1
                Kind:            Node
                Name:            worker-1
                UID:             worker-1-uid
              Resource Version:  512
              UID:               l-uid
            Spec:
              Holder Identity:         worker-1
              Lease Duration Seconds:  40
              Renew Time:              2026-01-01T00:00:58.123456Z
            Events:                    <none>
        "#]],
    );
    check(
        60,
        vec![json!({"apiVersion": "stable.example.com/v1", "kind": "CronTab",
                    "metadata": {"name": "my-new-cron-object", "namespace": "default", "uid": "ct-uid",
                                 "generation": 1, "creationTimestamp": ts(0)},
                    "spec": {"cronSpec": "* * * * */5", "image": "my-awesome-cron-image", "replicas": 2, "paused": false}})],
        expect![[r#"
            Name:         my-new-cron-object
            Namespace:    default
            Labels:       <none>
            Annotations:  <none>
            API Version:  stable.example.com/v1
            Kind:         CronTab
            Metadata:
              Creation Timestamp:  2026-01-01T00:00:00Z
              Generation:          1
              UID:                 ct-uid
            Spec:
              Cron Spec:  * * * * */5
              Image:      my-awesome-cron-image
              Paused:     false
              Replicas:   2
            Events:       <none>
        "#]],
    );
}

// Controllers with their own describers: DaemonSet (`Desired Number of Nodes Scheduled: 3` lines without
// tabs), StatefulSet (update strategy, volume claim templates), Job (`Pods Statuses`), CronJob (history
// limits, the job template, active jobs), as kubectl 1.35's describeDaemonSet, describeStatefulSet,
// describeJob and describeCronJob print them.
#[test]
fn workload_controllers() {
    check(
        60,
        vec![json!({"apiVersion": "apps/v1", "kind": "DaemonSet",
                    "metadata": {"name": "kube-proxy", "namespace": "kube-system", "uid": "ds-uid",
                                 "creationTimestamp": ts(0), "labels": {"k8s-app": "kube-proxy"},
                                 "annotations": {"deprecated.daemonset.template.generation": "1"}},
                    "spec": {"selector": {"matchLabels": {"k8s-app": "kube-proxy"}},
                             "template": {"metadata": {"labels": {"k8s-app": "kube-proxy"}},
                                          "spec": {"nodeSelector": {"kubernetes.io/os": "linux"},
                                                   "serviceAccountName": "kube-proxy",
                                                   "priorityClassName": "system-node-critical",
                                                   "containers": [{"name": "kube-proxy",
                                                                   "image": "registry.k8s.io/kube-proxy:v1.37.0",
                                                                   "command": ["/usr/local/bin/kube-proxy",
                                                                               "--config=/var/lib/kube-proxy/config.conf"]}],
                                                   "tolerations": [{"operator": "Exists"}]}}},
                    "status": {"desiredNumberScheduled": 4, "currentNumberScheduled": 4, "numberReady": 4,
                               "updatedNumberScheduled": 4, "numberAvailable": 4, "numberMisscheduled": 0}})],
        expect![[r#"
            Name:           kube-proxy
            Namespace:      kube-system
            Selector:       k8s-app=kube-proxy
            Node-Selector:  kubernetes.io/os=linux
            Labels:         k8s-app=kube-proxy
            Annotations:    deprecated.daemonset.template.generation: 1
            Desired Number of Nodes Scheduled: 4
            Current Number of Nodes Scheduled: 4
            Number of Nodes Scheduled with Up-to-date Pods: 4
            Number of Nodes Scheduled with Available Pods: 4
            Number of Nodes Misscheduled: 0
            Pods Status:  0 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:           k8s-app=kube-proxy
              Service Account:  kube-proxy
              Containers:
               kube-proxy:
                Image:      registry.k8s.io/kube-proxy:v1.37.0
                Port:       <none>
                Host Port:  <none>
                Command:
                  /usr/local/bin/kube-proxy
                  --config=/var/lib/kube-proxy/config.conf
                Environment:        <none>
                Mounts:             <none>
              Volumes:              <none>
              Priority Class Name:  system-node-critical
              Node-Selectors:       kubernetes.io/os=linux
              Tolerations:          op=Exists
            Events:                 <none>
        "#]],
    );
    check(
        60,
        vec![json!({"apiVersion": "apps/v1", "kind": "StatefulSet",
                    "metadata": {"name": "web", "namespace": "default", "uid": "sts-uid", "creationTimestamp": ts(0)},
                    "spec": {"replicas": 2, "serviceName": "nginx", "selector": {"matchLabels": {"app": "nginx"}},
                             "template": nginx_template(None),
                             "updateStrategy": {"type": "RollingUpdate", "rollingUpdate": {"partition": 0}},
                             "volumeClaimTemplates": [{"metadata": {"name": "www"},
                                 "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]},
                    "status": {"replicas": 2, "readyReplicas": 2}})],
        expect![[r#"
            Name:               web
            Namespace:          default
            CreationTimestamp:  Thu, 01 Jan 2026 00:00:00 +0000
            Selector:           app=nginx
            Labels:             <none>
            Annotations:        <none>
            Replicas:           2 desired | 2 total
            Update Strategy:    RollingUpdate
              Partition:        0
            Pods Status:        0 Running / 0 Waiting / 0 Succeeded / 0 Failed
            Pod Template:
              Labels:  app=nginx
              Containers:
               nginx:
                Image:         nginx:1.14.2
                Port:          80/TCP
                Host Port:     0/TCP
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Volume Claims:
              Name:          www
              StorageClass:  
              Labels:        <none>
              Annotations:   <none>
              Capacity:      1Gi
              Access Modes:  [ReadWriteOnce]
            Events:          <none>
        "#]],
    );
    let job = json!({"apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi", "namespace": "default", "uid": "job-uid", "creationTimestamp": ts(0),
                     "labels": {"batch.kubernetes.io/controller-uid": "job-uid", "batch.kubernetes.io/job-name": "pi",
                                "controller-uid": "job-uid", "job-name": "pi"}},
        "spec": {"parallelism": 1, "completions": 1, "backoffLimit": 4, "completionMode": "NonIndexed", "suspend": false,
                 "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "job-uid"}},
                 "template": {"metadata": {"labels": {"batch.kubernetes.io/controller-uid": "job-uid",
                                                      "batch.kubernetes.io/job-name": "pi", "controller-uid": "job-uid",
                                                      "job-name": "pi"}},
                              "spec": {"restartPolicy": "Never",
                                       "containers": [{"name": "pi", "image": "perl:5.34.0",
                                                       "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}]}}},
        "status": {"startTime": ts(0), "completionTime": ts(25), "succeeded": 1, "ready": 0, "terminating": 0,
                   "uncountedTerminatedPods": {},
                   "conditions": [{"type": "Complete", "status": "True"}]}});
    check(
        60,
        vec![
            job,
            json!({"apiVersion": "v1", "kind": "Event",
                   "metadata": {"name": "pi.1", "namespace": "default", "creationTimestamp": ts(0)},
                   "involvedObject": {"kind": "Job", "name": "pi", "namespace": "default", "uid": "job-uid"},
                   "reason": "SuccessfulCreate", "message": "Created pod: pi-5rwd7", "type": "Normal",
                   "firstTimestamp": ts(0), "lastTimestamp": ts(0), "count": 1, "source": {"component": "job-controller"}}),
            json!({"apiVersion": "v1", "kind": "Event",
                   "metadata": {"name": "pi.2", "namespace": "default", "creationTimestamp": ts(25)},
                   "involvedObject": {"kind": "Job", "name": "pi", "namespace": "default", "uid": "job-uid"},
                   "reason": "Completed", "message": "Job completed", "type": "Normal",
                   "firstTimestamp": ts(25), "lastTimestamp": ts(25), "count": 1, "source": {"component": "job-controller"}}),
        ],
        expect![[r#"
            Name:             pi
            Namespace:        default
            Selector:         batch.kubernetes.io/controller-uid=job-uid
            Labels:           batch.kubernetes.io/controller-uid=job-uid
                              batch.kubernetes.io/job-name=pi
                              controller-uid=job-uid
                              job-name=pi
            Annotations:      <none>
            Parallelism:      1
            Completions:      1
            Completion Mode:  NonIndexed
            Suspend:          false
            Backoff Limit:    4
            Start Time:       Thu, 01 Jan 2026 00:00:00 +0000
            Completed At:     Thu, 01 Jan 2026 00:00:25 +0000
            Duration:         25s
            Pods Statuses:    0 Active (0 Ready) / 1 Succeeded / 0 Failed
            Pod Template:
              Labels:  batch.kubernetes.io/controller-uid=job-uid
                       batch.kubernetes.io/job-name=pi
                       controller-uid=job-uid
                       job-name=pi
              Containers:
               pi:
                Image:      perl:5.34.0
                Port:       <none>
                Host Port:  <none>
                Command:
                  perl
                  -Mbignum=bpi
                  -wle
                  print bpi(2000)
                Environment:   <none>
                Mounts:        <none>
              Volumes:         <none>
              Node-Selectors:  <none>
              Tolerations:     <none>
            Events:
              Type    Reason            Age   From            Message
              ----    ------            ----  ----            -------
              Normal  SuccessfulCreate  60s   job-controller  Created pod: pi-5rwd7
              Normal  Completed         35s   job-controller  Job completed
        "#]],
    );
    check(
        90,
        vec![json!({"apiVersion": "batch/v1", "kind": "CronJob",
                    "metadata": {"name": "hello", "namespace": "default", "uid": "cj-uid", "creationTimestamp": ts(0)},
                    "spec": {"schedule": "* * * * *", "concurrencyPolicy": "Allow", "suspend": false,
                             "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1,
                             "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure",
                                 "containers": [{"name": "hello", "image": "busybox:1.28",
                                                 "command": ["/bin/sh", "-c", "date; echo Hello from the Kubernetes cluster"]}]}}}}},
                    "status": {"lastScheduleTime": ts(60), "active": [{"kind": "Job", "name": "hello-29000001",
                                                                        "namespace": "default"}]}})],
        expect![[r#"
            Name:                          hello
            Namespace:                     default
            Labels:                        <none>
            Annotations:                   <none>
            Schedule:                      * * * * *
            Concurrency Policy:            Allow
            Suspend:                       False
            Successful Job History Limit:  3
            Failed Job History Limit:      1
            Starting Deadline Seconds:     <unset>
            Selector:                      <unset>
            Parallelism:                   <unset>
            Completions:                   <unset>
            Pod Template:
              Labels:  <none>
              Containers:
               hello:
                Image:      busybox:1.28
                Port:       <none>
                Host Port:  <none>
                Command:
                  /bin/sh
                  -c
                  date; echo Hello from the Kubernetes cluster
                Environment:     <none>
                Mounts:          <none>
              Volumes:           <none>
              Node-Selectors:    <none>
              Tolerations:       <none>
            Last Schedule Time:  Thu, 01 Jan 2026 00:01:00 +0000
            Active Jobs:         hello-29000001
            Events:              <none>
        "#]],
    );
}

// ServiceAccounts (describeServiceAccount: `Image pull secrets`, later names under a blank header) and
// Ingresses (describeIngressV1: backends with their endpoints, `<error: services "x" not found>` for a
// missing Service, as the kubernetes.io Ingress page shows `service1:80 (10.8.0.90:80)`).
#[test]
fn service_accounts_and_ingresses() {
    check(
        60,
        vec![json!({"apiVersion": "v1", "kind": "ServiceAccount",
                    "metadata": {"name": "build-robot", "namespace": "default", "uid": "sa-uid", "creationTimestamp": ts(0)},
                    "imagePullSecrets": [{"name": "registry-a"}, {"name": "registry-b"}]})],
        expect![[r#"
            Name:                build-robot
            Namespace:           default
            Labels:              <none>
            Annotations:         <none>
            Image pull secrets:  registry-a
                                 registry-b
            Events:              <none>
        "#]],
    );
    let service = json!({"apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "service1", "namespace": "default", "creationTimestamp": ts(0)},
        "spec": {"type": "ClusterIP", "clusterIP": "10.96.0.90", "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080}]}});
    let slice = json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "service1-abcde", "namespace": "default", "creationTimestamp": ts(0),
                     "labels": {"kubernetes.io/service-name": "service1"}},
        "addressType": "IPv4", "ports": [{"name": "", "port": 8080, "protocol": "TCP"}],
        "endpoints": [{"addresses": ["10.244.1.90"], "conditions": {"ready": true}}]});
    check(
        60,
        vec![
            json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
                   "metadata": {"name": "test", "namespace": "default", "uid": "ing-uid", "creationTimestamp": ts(0),
                                "annotations": {"nginx.ingress.kubernetes.io/rewrite-target": "/"}},
                   "spec": {"ingressClassName": "nginx",
                            "tls": [{"hosts": ["foo.bar.com"], "secretName": "testsecret-tls"}],
                            "rules": [{"host": "foo.bar.com", "http": {"paths": [
                                {"path": "/foo", "pathType": "Prefix",
                                 "backend": {"service": {"name": "service1", "port": {"number": 80}}}},
                                {"path": "/bar", "pathType": "Prefix",
                                 "backend": {"service": {"name": "service2", "port": {"number": 80}}}}]}}]},
                   "status": {"loadBalancer": {"ingress": [{"hostname": "localhost"}]}}}),
            service,
            slice,
        ],
        expect![[r#"
            Name:             test
            Labels:           <none>
            Namespace:        default
            Address:          localhost
            Ingress Class:    nginx
            Default backend:  <default>
            TLS:
              testsecret-tls terminates foo.bar.com
            Rules:
              Host         Path  Backends
              ----         ----  --------
              foo.bar.com  
                           /foo   service1:80 (10.244.1.90:8080)
                           /bar   service2:80 (<error: services "service2" not found>)
            Annotations:   nginx.ingress.kubernetes.io/rewrite-target: /
            Events:        <none>
        "#]],
    );
}

// The printers never panic on input: every served kind, with nothing but a name (and whatever the typed
// form requires), prints a table row and a description.
#[test]
fn minimal_objects_of_every_kind_print() {
    let empty = Cluster { now: SimTime::from_secs(5), objects: Vec::new() };
    let opts = crate::table::TableOptions {
        wide: true,
        show_labels: true,
        label_columns: vec!["app".into()],
        no_headers: false,
        with_namespace: true,
        show_kind: true,
    };
    let mut printed = 0;
    for info in kubeplay_engine::kinds::KINDS {
        let mut value = json!({"apiVersion": info.api_version(), "kind": info.kind,
                               "metadata": {"name": "x", "namespace": "default"}});
        // Required fields of the typed forms.
        let extra = match info.kind {
            "Deployment" | "ReplicaSet" | "DaemonSet" | "StatefulSet" => {
                json!({"spec": {"selector": {}, "template": {}}})
            }
            "CronJob" => json!({"spec": {"schedule": "", "jobTemplate": {}}}),
            "HorizontalPodAutoscaler" => {
                json!({"spec": {"maxReplicas": 0, "scaleTargetRef": {"kind": "", "name": ""}}})
            }
            "Event" => json!({"involvedObject": {}}),
            "EndpointSlice" => json!({"addressType": "IPv4"}),
            "StorageClass" => json!({"provisioner": ""}),
            "ControllerRevision" => json!({"revision": 0}),
            "PriorityClass" => json!({"value": 0}),
            _ => json!({}),
        };
        for (k, v) in extra.as_object().into_iter().flatten() {
            value[k] = v.clone();
        }
        let Ok(object) = Object::from_value(value) else {
            continue;
        };
        let object = Arc::new(object);
        let table = crate::table::print_table(std::slice::from_ref(&object), SimTime::from_secs(5), &opts);
        assert!(table.lines().count() == 2, "{}: {table}", info.kind);
        assert!(describe(&object, &empty).starts_with("Name:"), "{}", info.kind);
        printed += 1;
    }
    assert!(printed > 60, "only {printed} kinds decoded");
}

// `kubectl describe hpa` (describeHorizontalPodAutoscalerV2), as the kubernetes.io HPA walkthrough shows:
// `resource cpu on pods  (as a percentage of request):  0% (1m) / 50%`, the scale target's pod counts, the
// conditions table.
#[test]
fn horizontal_pod_autoscaler() {
    check(
        300,
        vec![json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                    "metadata": {"name": "php-apache", "namespace": "default", "uid": "hpa-uid", "creationTimestamp": ts(0)},
                    "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "php-apache"},
                             "minReplicas": 1, "maxReplicas": 10,
                             "metrics": [{"type": "Resource", "resource": {"name": "cpu",
                                          "target": {"type": "Utilization", "averageUtilization": 50}}}],
                             "behavior": {"scaleDown": {"stabilizationWindowSeconds": 300, "selectPolicy": "Max",
                                                        "policies": [{"type": "Percent", "value": 100, "periodSeconds": 15}]}}},
                    "status": {"currentReplicas": 1, "desiredReplicas": 1,
                               "currentMetrics": [{"type": "Resource", "resource": {"name": "cpu",
                                                   "current": {"averageUtilization": 0, "averageValue": "1m"}}}],
                               "conditions": [
                                   {"type": "AbleToScale", "status": "True", "reason": "ScaleDownStabilized",
                                    "message": "recent recommendations were higher than current one, applying the highest recent recommendation"},
                                   {"type": "ScalingActive", "status": "True", "reason": "ValidMetricFound",
                                    "message": "the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)"},
                                   {"type": "ScalingLimited", "status": "False", "reason": "DesiredWithinRange",
                                    "message": "the desired count is within the acceptable range"}]}})],
        expect![[r#"
            Name:                                                  php-apache
            Namespace:                                             default
            Labels:                                                <none>
            Annotations:                                           <none>
            CreationTimestamp:                                     Thu, 01 Jan 2026 00:00:00 +0000
            Reference:                                             Deployment/php-apache
            Metrics:                                               ( current / target )
              resource cpu on pods  (as a percentage of request):  0% (1m) / 50%
            Min replicas:                                          1
            Max replicas:                                          10
            Behavior:
              Scale Down:
                Stabilization Window: 300 seconds
                Select Policy: Max
                Policies:
                  - Type: Percent  Value: 100  Period: 15 seconds
            Deployment pods:       1 current / 1 desired
            Conditions:
              Type            Status  Reason               Message
              ----            ------  ------               -------
              AbleToScale     True    ScaleDownStabilized  recent recommendations were higher than current one, applying the highest recent recommendation
              ScalingActive   True    ValidMetricFound     the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)
              ScalingLimited  False   DesiredWithinRange   the desired count is within the acceptable range
            Events:           <none>
        "#]],
    );
}

// `kubectl describe pvc` (describePersistentVolumeClaim): bound to a local-path volume, used by a pod, with
// the provisioner's events, as the kubernetes.io "Configure a Pod to Use a PersistentVolume" page shows.
#[test]
fn persistent_volume_claim() {
    check(
        120,
        vec![
            json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
                   "metadata": {"name": "task-pv-claim", "namespace": "default", "uid": "pvc-uid", "creationTimestamp": ts(0),
                                "finalizers": ["kubernetes.io/pvc-protection"],
                                "annotations": {"pv.kubernetes.io/bind-completed": "yes",
                                                "volume.kubernetes.io/storage-provisioner": "rancher.io/local-path"}},
                   "spec": {"accessModes": ["ReadWriteOnce"], "storageClassName": "standard", "volumeMode": "Filesystem",
                            "resources": {"requests": {"storage": "3Gi"}}, "volumeName": "pvc-3c1b7f0e"},
                   "status": {"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "3Gi"}}}),
            json!({"apiVersion": "v1", "kind": "Pod",
                   "metadata": {"name": "task-pv-pod", "namespace": "default", "uid": "pod-uid", "creationTimestamp": ts(0)},
                   "spec": {"containers": [{"name": "task-pv-container", "image": "nginx"}],
                            "volumes": [{"name": "task-pv-storage", "persistentVolumeClaim": {"claimName": "task-pv-claim"}}]}}),
            json!({"apiVersion": "v1", "kind": "Event",
                   "metadata": {"name": "task-pv-claim.1", "namespace": "default", "creationTimestamp": ts(0)},
                   "involvedObject": {"kind": "PersistentVolumeClaim", "name": "task-pv-claim", "namespace": "default", "uid": "pvc-uid"},
                   "reason": "WaitForFirstConsumer", "message": "waiting for first consumer to be created before binding",
                   "type": "Normal", "firstTimestamp": ts(0), "lastTimestamp": ts(0), "count": 1,
                   "source": {"component": "persistentvolume-controller"}}),
        ],
        expect![[r#"
            Name:          task-pv-claim
            Namespace:     default
            StorageClass:  standard
            Status:        Bound
            Volume:        pvc-3c1b7f0e
            Labels:        <none>
            Annotations:   pv.kubernetes.io/bind-completed: yes
                           volume.kubernetes.io/storage-provisioner: rancher.io/local-path
            Finalizers:    [kubernetes.io/pvc-protection]
            Capacity:      3Gi
            Access Modes:  RWO
            VolumeMode:    Filesystem
            Used By:       task-pv-pod
            Events:
              Type    Reason                Age   From                         Message
              ----    ------                ----  ----                         -------
              Normal  WaitForFirstConsumer  2m    persistentvolume-controller  waiting for first consumer to be created before binding
        "#]],
    );
}
