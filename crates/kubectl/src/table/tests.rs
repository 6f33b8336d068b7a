//! Snapshot tests of `kubectl get` tables. Each expected table is what kubectl prints for such objects,
//! derived from the server-side printers (`pkg/printers/internalversion/printers.go`, whose own tests in
//! `printers_test.go` give many of the cell values used here) and kubectl's table printer
//! (`cli-runtime/pkg/printers/tableprinter.go`); the source of each shape is cited at the test.

use std::sync::Arc;

use expect_test::{Expect, expect};
use kubeplay_engine::{Object, SimTime};
use serde_json::{Value, json};

use super::{TableOptions, no_resources_message, print_table};

/// Objects are created at the epoch; tables are printed this many seconds later unless a test says otherwise.
const NOW_SECS: u64 = 18;

fn obj(value: Value) -> Arc<Object> {
    Arc::new(Object::from_value(value).expect("test object decodes"))
}

fn check(objects: Vec<Value>, opts: TableOptions, expected: Expect) {
    check_at(objects, NOW_SECS, opts, expected);
}

fn check_at(objects: Vec<Value>, now_secs: u64, opts: TableOptions, expected: Expect) {
    let objects: Vec<Arc<Object>> = objects.into_iter().map(obj).collect();
    expected.assert_eq(&print_table(&objects, SimTime::from_secs(now_secs), &opts));
}

fn ts(secs: u64) -> String {
    SimTime::from_secs(secs).rfc3339()
}

fn meta(name: &str) -> Value {
    json!({"name": name, "namespace": "default", "creationTimestamp": ts(0), "uid": format!("uid-{name}")})
}

fn nginx_template() -> Value {
    json!({"metadata": {"labels": {"app": "nginx"}},
           "spec": {"containers": [{"name": "nginx", "image": "nginx:1.14.2",
                                    "ports": [{"containerPort": 80, "protocol": "TCP"}]}]}})
}

fn deployment() -> Value {
    json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta("nginx-deployment"),
           "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "nginx"}}, "template": nginx_template()},
           "status": {"replicas": 3, "updatedReplicas": 3, "readyReplicas": 3, "availableReplicas": 3}})
}

fn replica_set() -> Value {
    let mut template = nginx_template();
    template["metadata"]["labels"]["pod-template-hash"] = json!("75675f5897");
    json!({"apiVersion": "apps/v1", "kind": "ReplicaSet", "metadata": meta("nginx-deployment-75675f5897"),
           "spec": {"replicas": 3,
                    "selector": {"matchLabels": {"app": "nginx", "pod-template-hash": "75675f5897"}},
                    "template": template},
           "status": {"replicas": 3, "readyReplicas": 3, "availableReplicas": 3}})
}

/// A pod with the given container statuses (and optional extra status fields).
fn pod(name: &str, phase: &str, statuses: Value) -> Value {
    let mut m = meta(name);
    m["labels"] = json!({"app": "nginx", "pod-template-hash": "75675f5897"});
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": m,
           "spec": {"nodeName": "worker-1",
                    "containers": [{"name": "nginx", "image": "nginx:1.14.2"}]},
           "status": {"phase": phase, "podIP": "10.244.1.2", "podIPs": [{"ip": "10.244.1.2"}],
                      "containerStatuses": statuses}})
}

fn running(ready: bool, restarts: i32) -> Value {
    json!({"name": "nginx", "ready": ready, "restartCount": restarts, "image": "nginx:1.14.2", "imageID": "",
           "state": {"running": {"startedAt": ts(2)}}})
}

// kubernetes.io "Deployments" page (concepts/workloads/controllers/deployment), `kubectl get deployments`:
//   NAME               READY   UP-TO-DATE   AVAILABLE   AGE
//   nginx-deployment   3/3     3            3           18s
#[test]
fn deployments_as_the_deployment_page_shows_them() {
    check(
        vec![deployment()],
        TableOptions::default(),
        expect![[r#"
            NAME               READY   UP-TO-DATE   AVAILABLE   AGE
            nginx-deployment   3/3     3            3           18s
        "#]],
    );
}

// Same page, `kubectl get deployments -o wide` adds CONTAINERS, IMAGES and SELECTOR (printDeployment).
#[test]
fn deployments_wide() {
    check(
        vec![deployment()],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR
            nginx-deployment   3/3     3            3           18s   nginx        nginx:1.14.2   app=nginx
        "#]],
    );
}

// Same page, `kubectl get rs`:
//   NAME                          DESIRED   CURRENT   READY   AGE
//   nginx-deployment-75675f5897   3         3         3       18s
#[test]
fn replica_sets_as_the_deployment_page_shows_them() {
    check(
        vec![replica_set()],
        TableOptions::default(),
        expect![[r#"
            NAME                          DESIRED   CURRENT   READY   AGE
            nginx-deployment-75675f5897   3         3         3       18s
        "#]],
    );
    check(
        vec![replica_set()],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME                          DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR
            nginx-deployment-75675f5897   3         3         3       18s   nginx        nginx:1.14.2   app=nginx,pod-template-hash=75675f5897
        "#]],
    );
}

// Same page, `kubectl get pods --show-labels`: LABELS last, sorted by key (labels.FormatLabels).
#[test]
fn pods_with_labels_as_the_deployment_page_shows_them() {
    check(
        vec![pod("nginx-deployment-75675f5897-7ci7o", "Running", json!([running(true, 0)]))],
        TableOptions { show_labels: true, ..Default::default() },
        expect![[r#"
            NAME                                READY   STATUS    RESTARTS   AGE   LABELS
            nginx-deployment-75675f5897-7ci7o   1/1     Running   0          18s   app=nginx,pod-template-hash=75675f5897
        "#]],
    );
}

fn bare_pod(name: &str, spec: Value, status: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": meta(name), "spec": spec, "status": status})
}

fn one_container() -> Value {
    json!({"nodeName": "worker-1", "containers": [{"name": "app", "image": "busybox"}]})
}

fn waiting(reason: &str, restarts: i32, last_finished: Option<u64>) -> Value {
    let mut s = json!({"name": "app", "ready": false, "restartCount": restarts, "image": "busybox", "imageID": "",
                        "state": {"waiting": {"reason": reason}}});
    if let Some(at) = last_finished {
        s["lastState"] = json!({"terminated": {"exitCode": 1, "reason": "Error", "finishedAt": ts(at)}});
    }
    s
}

// STATUS follows printPod step by step; the cases mirror printers_test.go's TestPrintPod* tables:
// phase, container waiting/terminated reasons, Init:i/n, Init:<reason>, restartable init containers
// (sidecars count in READY), Terminating, Unknown for NodeLost, and `N (AGE ago)` restarts.
#[test]
fn pod_status_column_follows_kubectl() {
    let deleting = |mut p: Value, reason: Option<&str>| {
        p["metadata"]["deletionTimestamp"] = json!(ts(90));
        if let Some(r) = reason {
            p["status"]["reason"] = json!(r);
        }
        p
    };
    let init_spec = json!({"nodeName": "worker-1",
        "initContainers": [{"name": "init-myservice", "image": "busybox"}],
        "containers": [{"name": "app", "image": "busybox"}]});
    let sidecar_spec = json!({"nodeName": "worker-1",
        "initContainers": [{"name": "log-shipper", "image": "fluent-bit", "restartPolicy": "Always"}],
        "containers": [{"name": "app", "image": "busybox"}]});
    let pods = vec![
        bare_pod(
            "pending",
            json!({"containers": [{"name": "app", "image": "busybox"}]}),
            json!({"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "False",
                                                       "reason": "Unschedulable"}]}),
        ),
        bare_pod(
            "creating",
            one_container(),
            json!({"phase": "Pending", "hostIP": "172.18.0.3",
                   "containerStatuses": [waiting("ContainerCreating", 0, None)]}),
        ),
        bare_pod(
            "crashing",
            one_container(),
            json!({"phase": "Running", "podIP": "10.244.1.3",
                   "containerStatuses": [waiting("CrashLoopBackOff", 5, Some(95))]}),
        ),
        bare_pod(
            "bad-image",
            one_container(),
            json!({"phase": "Pending", "podIP": "10.244.1.4",
                   "containerStatuses": [waiting("ErrImagePull", 0, None)]}),
        ),
        bare_pod(
            "done",
            one_container(),
            json!({"phase": "Succeeded", "podIP": "10.244.1.5",
                   "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0, "image": "busybox",
                       "imageID": "", "state": {"terminated": {"exitCode": 0, "reason": "Completed"}}}]}),
        ),
        bare_pod(
            "failed",
            one_container(),
            json!({"phase": "Failed", "podIP": "10.244.1.6",
                   "containerStatuses": [{"name": "app", "ready": false, "restartCount": 0, "image": "busybox",
                       "imageID": "", "state": {"terminated": {"exitCode": 2}}}]}),
        ),
        bare_pod(
            "init-running",
            init_spec.clone(),
            json!({"phase": "Pending", "podIP": "10.244.1.7",
                   "conditions": [{"type": "Initialized", "status": "False"}],
                   "initContainerStatuses": [{"name": "init-myservice", "ready": false, "restartCount": 0,
                       "image": "busybox", "imageID": "", "state": {"running": {"startedAt": ts(3)}}}],
                   "containerStatuses": [waiting("PodInitializing", 0, None)]}),
        ),
        bare_pod(
            "init-crashing",
            init_spec,
            json!({"phase": "Pending", "podIP": "10.244.1.8",
                   "initContainerStatuses": [{"name": "init-myservice", "ready": false, "restartCount": 3,
                       "image": "busybox", "imageID": "", "state": {"waiting": {"reason": "CrashLoopBackOff"}},
                       "lastState": {"terminated": {"exitCode": 1, "finishedAt": ts(90)}}}],
                   "containerStatuses": [waiting("PodInitializing", 0, None)]}),
        ),
        bare_pod(
            "with-sidecar",
            sidecar_spec,
            json!({"phase": "Running", "podIP": "10.244.1.9",
                   "conditions": [{"type": "Initialized", "status": "True"}, {"type": "Ready", "status": "True"}],
                   "initContainerStatuses": [{"name": "log-shipper", "ready": true, "started": true,
                       "restartCount": 1, "image": "fluent-bit", "imageID": "",
                       "state": {"running": {"startedAt": ts(40)}},
                       "lastState": {"terminated": {"exitCode": 1, "finishedAt": ts(40)}}}],
                   "containerStatuses": [running(true, 0)]}),
        ),
        deleting(pod("terminating", "Running", json!([running(true, 0)])), None),
        deleting(pod("lost", "Running", json!([running(true, 0)])), Some("NodeLost")),
    ];
    check_at(
        pods.clone(),
        100,
        TableOptions::default(),
        expect![[r#"
            NAME            READY   STATUS                  RESTARTS      AGE
            pending         0/1     Pending                 0             100s
            creating        0/1     ContainerCreating       0             100s
            crashing        0/1     CrashLoopBackOff        5 (5s ago)    100s
            bad-image       0/1     ErrImagePull            0             100s
            done            0/1     Completed               0             100s
            failed          0/1     ExitCode:2              0             100s
            init-running    0/1     Init:0/1                0             100s
            init-crashing   0/1     Init:CrashLoopBackOff   3 (10s ago)   100s
            with-sidecar    2/2     Running                 1 (60s ago)   100s
            terminating     1/1     Terminating             0             100s
            lost            1/1     Unknown                 0             100s
        "#]],
    );
    check_at(
        pods,
        100,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME            READY   STATUS                  RESTARTS      AGE    IP           NODE       NOMINATED NODE   READINESS GATES
            pending         0/1     Pending                 0             100s   <none>       <none>     <none>           <none>
            creating        0/1     ContainerCreating       0             100s   <none>       worker-1   <none>           <none>
            crashing        0/1     CrashLoopBackOff        5 (5s ago)    100s   10.244.1.3   worker-1   <none>           <none>
            bad-image       0/1     ErrImagePull            0             100s   10.244.1.4   worker-1   <none>           <none>
            done            0/1     Completed               0             100s   10.244.1.5   worker-1   <none>           <none>
            failed          0/1     ExitCode:2              0             100s   10.244.1.6   worker-1   <none>           <none>
            init-running    0/1     Init:0/1                0             100s   10.244.1.7   worker-1   <none>           <none>
            init-crashing   0/1     Init:CrashLoopBackOff   3 (10s ago)   100s   10.244.1.8   worker-1   <none>           <none>
            with-sidecar    2/2     Running                 1 (60s ago)   100s   10.244.1.9   worker-1   <none>           <none>
            terminating     1/1     Terminating             0             100s   10.244.1.2   worker-1   <none>           <none>
            lost            1/1     Unknown                 0             100s   10.244.1.2   worker-1   <none>           <none>
        "#]],
    );
}

// `kubectl get pods -A` puts NAMESPACE first (tableprinter.go decorateTable); `-L` adds a column per key,
// headed by the key's last path segment in upper case (formatLabelHeaders), empty where the label is unset.
#[test]
fn namespace_and_label_columns() {
    let mut other = pod("coredns-7db6d8ff4d-4xq2k", "Running", json!([running(true, 0)]));
    other["metadata"]["namespace"] = json!("kube-system");
    other["metadata"]["labels"] = json!({"k8s-app": "kube-dns"});
    check(
        vec![other, pod("nginx-1", "Running", json!([running(true, 2)]))],
        TableOptions {
            with_namespace: true,
            label_columns: vec!["app".into(), "app.kubernetes.io/name".into()],
            ..Default::default()
        },
        expect![[r#"
            NAMESPACE     NAME                       READY   STATUS    RESTARTS   AGE   APP     NAME
            kube-system   coredns-7db6d8ff4d-4xq2k   1/1     Running   0          18s           
            default       nginx-1                    1/1     Running   2          18s   nginx   
        "#]],
    );
}

// `kubectl get deploy,rs` prints `deployment.apps/NAME` (WithKind, decorateTable); `--no-headers` drops
// the header line but keeps the alignment of the rows.
#[test]
fn kind_prefix_and_no_headers() {
    check(
        vec![deployment()],
        TableOptions { show_kind: true, ..Default::default() },
        expect![[r#"
        NAME                               READY   UP-TO-DATE   AVAILABLE   AGE
        deployment.apps/nginx-deployment   3/3     3            3           18s
    "#]],
    );
    check(
        vec![pod("nginx-1", "Running", json!([running(true, 0)])), pod("nginx-22", "Pending", json!([]))],
        TableOptions { show_kind: true, no_headers: true, ..Default::default() },
        expect![[r#"
            pod/nginx-1    1/1   Running   0     18s
            pod/nginx-22   0/1   Pending   0     18s
        "#]],
    );
}

#[test]
fn nothing_found() {
    check(vec![], TableOptions::default(), expect![[""]]);
    assert_eq!(no_resources_message(Some("default")), "No resources found in default namespace.");
    assert_eq!(no_resources_message(None), "No resources found");
}

fn node(name: &str, ip: &str, control_plane: bool, ready: bool, cordoned: bool) -> Value {
    let mut labels = json!({"kubernetes.io/hostname": name, "kubernetes.io/os": "linux"});
    if control_plane {
        labels["node-role.kubernetes.io/control-plane"] = json!("");
    }
    json!({"apiVersion": "v1", "kind": "Node",
           "metadata": {"name": name, "creationTimestamp": ts(0), "labels": labels},
           "spec": {"unschedulable": cordoned},
           "status": {"conditions": [{"type": "Ready", "status": if ready { "True" } else { "Unknown" }}],
                      "addresses": [{"type": "InternalIP", "address": ip}, {"type": "Hostname", "address": name}],
                      "nodeInfo": {"kubeletVersion": "v1.37.0", "osImage": "Debian GNU/Linux 12 (bookworm)",
                                   "kernelVersion": "6.8.0", "containerRuntimeVersion": "containerd://2.1.1",
                                   "architecture": "amd64", "bootID": "", "kubeProxyVersion": "", "machineID": "",
                                   "operatingSystem": "linux", "systemUUID": ""}}})
}

// kind's `kubectl get nodes`: ROLES from node-role labels or `<none>` (findNodeRoles); STATUS is the Ready
// condition, `NotReady` otherwise, plus `SchedulingDisabled` when cordoned (printNode). `-o wide` adds the
// addresses and node info, `<none>` for a missing EXTERNAL-IP.
#[test]
fn nodes() {
    let nodes = vec![
        node("control-plane", "172.18.0.2", true, true, false),
        node("worker-1", "172.18.0.3", false, true, true),
        node("worker-2", "172.18.0.4", false, false, false),
    ];
    check_at(
        nodes.clone(),
        3 * 86_400 + 5 * 3600,
        TableOptions::default(),
        expect![[r#"
        NAME            STATUS                     ROLES           AGE    VERSION
        control-plane   Ready                      control-plane   3d5h   v1.37.0
        worker-1        Ready,SchedulingDisabled   <none>          3d5h   v1.37.0
        worker-2        NotReady                   <none>          3d5h   v1.37.0
    "#]],
    );
    check_at(
        nodes,
        3 * 86_400 + 5 * 3600,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        NAME            STATUS                     ROLES           AGE    VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME
        control-plane   Ready                      control-plane   3d5h   v1.37.0   172.18.0.2    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0            containerd://2.1.1
        worker-1        Ready,SchedulingDisabled   <none>          3d5h   v1.37.0   172.18.0.3    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0            containerd://2.1.1
        worker-2        NotReady                   <none>          3d5h   v1.37.0   172.18.0.4    <none>        Debian GNU/Linux 12 (bookworm)   6.8.0            containerd://2.1.1
    "#]],
    );
}

fn service(name: &str, spec: Value, status: Value) -> Value {
    json!({"apiVersion": "v1", "kind": "Service", "metadata": meta(name), "spec": spec, "status": status})
}

// The Service table (printService, getServiceExternalIP, makePortString): `<none>` external IP for
// ClusterIP/NodePort, `<pending>` for a LoadBalancer without an address, `None` cluster IP for headless
// Services, the external name for ExternalName; ports as `port[:nodePort]/protocol`.
#[test]
fn services() {
    let services = vec![
        service(
            "kubernetes",
            json!({"type": "ClusterIP", "clusterIP": "10.96.0.1", "clusterIPs": ["10.96.0.1"],
                   "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}]}),
            json!({}),
        ),
        service(
            "web",
            json!({"type": "NodePort", "clusterIP": "10.96.12.7", "clusterIPs": ["10.96.12.7"],
                   "selector": {"app": "web", "tier": "frontend"},
                   "ports": [{"port": 80, "protocol": "TCP", "targetPort": 8080, "nodePort": 30080}]}),
            json!({}),
        ),
        service(
            "lb-pending",
            json!({"type": "LoadBalancer", "clusterIP": "10.96.40.2", "clusterIPs": ["10.96.40.2"],
                   "selector": {"app": "web"},
                   "ports": [{"port": 80, "protocol": "TCP", "nodePort": 31000},
                             {"port": 443, "protocol": "TCP", "nodePort": 31001}]}),
            json!({"loadBalancer": {}}),
        ),
        service(
            "lb",
            json!({"type": "LoadBalancer", "clusterIP": "10.96.40.3", "clusterIPs": ["10.96.40.3"],
                   "selector": {"app": "web"}, "ports": [{"port": 80, "protocol": "TCP", "nodePort": 31002}]}),
            json!({"loadBalancer": {"ingress": [{"ip": "172.18.255.200", "ipMode": "VIP"}]}}),
        ),
        service(
            "db",
            json!({"type": "ClusterIP", "clusterIP": "None", "clusterIPs": ["None"], "selector": {"app": "db"},
                   "ports": [{"port": 5432, "protocol": "TCP"}]}),
            json!({}),
        ),
        service("external", json!({"type": "ExternalName", "externalName": "example.com"}), json!({})),
    ];
    check(
        services.clone(),
        TableOptions::default(),
        expect![[r#"
        NAME         TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                      AGE
        kubernetes   ClusterIP      10.96.0.1    <none>           443/TCP                      18s
        web          NodePort       10.96.12.7   <none>           80:30080/TCP                 18s
        lb-pending   LoadBalancer   10.96.40.2   <pending>        80:31000/TCP,443:31001/TCP   18s
        lb           LoadBalancer   10.96.40.3   172.18.255.200   80:31002/TCP                 18s
        db           ClusterIP      None         <none>           5432/TCP                     18s
        external     ExternalName   <none>       example.com      <none>                       18s
    "#]],
    );
    check(
        services,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        NAME         TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)                      AGE   SELECTOR
        kubernetes   ClusterIP      10.96.0.1    <none>           443/TCP                      18s   <none>
        web          NodePort       10.96.12.7   <none>           80:30080/TCP                 18s   app=web,tier=frontend
        lb-pending   LoadBalancer   10.96.40.2   <pending>        80:31000/TCP,443:31001/TCP   18s   app=web
        lb           LoadBalancer   10.96.40.3   172.18.255.200   80:31002/TCP                 18s   app=web
        db           ClusterIP      None         <none>           5432/TCP                     18s   app=db
        external     ExternalName   <none>       example.com      <none>                       18s   <none>
    "#]],
    );
}

// `kubectl get events` (printEvent): LAST SEEN from lastTimestamp (or the series), OBJECT as
// `kind/name` lower-cased, the message trimmed; `-o wide` adds SUBOBJECT, SOURCE (`component, host`),
// FIRST SEEN, COUNT and NAME.
#[test]
fn events() {
    let event = |name: &str,
                 first: u64,
                 last: u64,
                 count: i32,
                 type_: &str,
                 reason: &str,
                 kind: &str,
                 object: &str,
                 field: Option<&str>,
                 source: Value,
                 message: &str| {
        let mut involved = json!({"kind": kind, "name": object, "namespace": "default"});
        if let Some(f) = field {
            involved["fieldPath"] = json!(f);
        }
        json!({"apiVersion": "v1", "kind": "Event",
               "metadata": {"name": name, "namespace": "default", "creationTimestamp": ts(first)},
               "involvedObject": involved, "reason": reason, "message": message, "type": type_,
               "firstTimestamp": ts(first), "lastTimestamp": ts(last), "count": count, "source": source})
    };
    let events = vec![
        event(
            "nginx-deployment.1",
            0,
            0,
            1,
            "Normal",
            "ScalingReplicaSet",
            "Deployment",
            "nginx-deployment",
            None,
            json!({"component": "deployment-controller"}),
            "Scaled up replica set nginx-deployment-75675f5897 from 0 to 3",
        ),
        event(
            "nginx-1.1",
            1,
            1,
            1,
            "Normal",
            "Scheduled",
            "Pod",
            "nginx-1",
            None,
            json!({"component": "default-scheduler"}),
            "Successfully assigned default/nginx-1 to worker-1",
        ),
        event(
            "nginx-1.2",
            2,
            62,
            4,
            "Warning",
            "BackOff",
            "Pod",
            "nginx-1",
            Some("spec.containers{nginx}"),
            json!({"component": "kubelet", "host": "worker-1"}),
            "Back-off restarting failed container\n",
        ),
    ];
    check_at(
        events.clone(),
        130,
        TableOptions::default(),
        expect![[r#"
        LAST SEEN   TYPE      REASON              OBJECT                        MESSAGE
        2m10s       Normal    ScalingReplicaSet   deployment/nginx-deployment   Scaled up replica set nginx-deployment-75675f5897 from 0 to 3
        2m9s        Normal    Scheduled           pod/nginx-1                   Successfully assigned default/nginx-1 to worker-1
        68s         Warning   BackOff             pod/nginx-1                   Back-off restarting failed container
    "#]],
    );
    check_at(
        events,
        130,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        LAST SEEN   TYPE      REASON              OBJECT                        SUBOBJECT                SOURCE                  MESSAGE                                                         FIRST SEEN   COUNT   NAME
        2m10s       Normal    ScalingReplicaSet   deployment/nginx-deployment                            deployment-controller   Scaled up replica set nginx-deployment-75675f5897 from 0 to 3   2m10s        1       nginx-deployment.1
        2m9s        Normal    Scheduled           pod/nginx-1                                            default-scheduler       Successfully assigned default/nginx-1 to worker-1               2m9s         1       nginx-1.1
        68s         Warning   BackOff             pod/nginx-1                   spec.containers{nginx}   kubelet, worker-1       Back-off restarting failed container                            2m8s         4       nginx-1.2
    "#]],
    );
}

// Small kinds (printNamespace, printConfigMap, printSecret, printServiceAccount): DATA counts keys of data
// and binaryData; a Secret's TYPE as stored.
#[test]
fn namespaces_config_maps_secrets_service_accounts() {
    check_at(
        vec![
            json!({"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "default", "creationTimestamp": ts(0)},
                   "status": {"phase": "Active"}}),
            json!({"apiVersion": "v1", "kind": "Namespace",
                   "metadata": {"name": "kube-node-lease", "creationTimestamp": ts(0), "deletionTimestamp": ts(500)},
                   "status": {"phase": "Terminating"}}),
        ],
        600,
        TableOptions::default(),
        expect![[r#"
            NAME              STATUS        AGE
            default           Active        10m
            kube-node-lease   Terminating   10m
        "#]],
    );
    check(
        vec![
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("game-demo"),
                   "data": {"player_initial_lives": "3", "ui_properties_file_name": "user-interface.properties"},
                   "binaryData": {"icon": "AAEC"}}),
            json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": meta("kube-root-ca.crt"),
                   "data": {"ca.crt": "-----BEGIN CERTIFICATE-----"}}),
        ],
        TableOptions::default(),
        expect![[r#"
            NAME               DATA   AGE
            game-demo          3      18s
            kube-root-ca.crt   1      18s
        "#]],
    );
    check(
        vec![
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": meta("db-user-pass"), "type": "Opaque",
                   "data": {"password": "UyFCXCpkJHpEc2I9", "username": "YWRtaW4="}}),
            json!({"apiVersion": "v1", "kind": "Secret", "metadata": meta("registry"),
                   "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "e30="}}),
        ],
        TableOptions::default(),
        expect![[r#"
            NAME           TYPE                             DATA   AGE
            db-user-pass   Opaque                           2      18s
            registry       kubernetes.io/dockerconfigjson   1      18s
        "#]],
    );
    check(
        vec![json!({"apiVersion": "v1", "kind": "ServiceAccount", "metadata": meta("default")})],
        TableOptions::default(),
        expect![[r#"
            NAME      SECRETS   AGE
            default   0         18s
        "#]],
    );
}

// Jobs (printJob): STATUS from conditions, COMPLETIONS `succeeded/completions` (`/1 of N` for parallel jobs
// without completions), DURATION from start to completion or to now. CronJobs (printCronJob): TIMEZONE
// `<none>` when unset, SUSPEND as `False`/`True`, LAST SCHEDULE `<none>` before the first run. The
// kubernetes.io Job page shows `pi   Complete   1/1   25s   30s`-style rows.
#[test]
fn jobs_and_cron_jobs() {
    let job = |name: &str, spec: Value, status: Value| {
        let mut s = spec;
        s["template"] = json!({"spec": {"restartPolicy": "Never",
                                        "containers": [{"name": "pi", "image": "perl:5.34.0"}]}});
        json!({"apiVersion": "batch/v1", "kind": "Job", "metadata": meta(name), "spec": s, "status": status})
    };
    let jobs = vec![
        job(
            "pi",
            json!({"completions": 1, "parallelism": 1,
                         "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "uid-pi"}}}),
            json!({"succeeded": 1, "startTime": ts(0), "completionTime": ts(25),
                   "conditions": [{"type": "SuccessCriteriaMet", "status": "True"},
                                  {"type": "Complete", "status": "True"}]}),
        ),
        job("work-queue", json!({"parallelism": 2}), json!({"active": 2, "startTime": ts(10)})),
        job(
            "flaky",
            json!({"completions": 3, "backoffLimit": 2}),
            json!({"failed": 3, "startTime": ts(0), "conditions": [{"type": "Failed", "status": "True"}]}),
        ),
        job(
            "not-started",
            json!({"completions": 5, "suspend": true}),
            json!({"conditions": [{"type": "Suspended", "status": "True"}]}),
        ),
    ];
    check_at(
        jobs.clone(),
        30,
        TableOptions::default(),
        expect![[r#"
        NAME          STATUS      COMPLETIONS   DURATION   AGE
        pi            Complete    1/1           25s        30s
        work-queue    Running     0/1 of 2      20s        30s
        flaky         Failed      0/3           30s        30s
        not-started   Suspended   0/5                      30s
    "#]],
    );
    check_at(
        jobs,
        30,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        NAME          STATUS      COMPLETIONS   DURATION   AGE   CONTAINERS   IMAGES        SELECTOR
        pi            Complete    1/1           25s        30s   pi           perl:5.34.0   batch.kubernetes.io/controller-uid=uid-pi
        work-queue    Running     0/1 of 2      20s        30s   pi           perl:5.34.0   <none>
        flaky         Failed      0/3           30s        30s   pi           perl:5.34.0   <none>
        not-started   Suspended   0/5                      30s   pi           perl:5.34.0   <none>
    "#]],
    );
    let cron = json!({"apiVersion": "batch/v1", "kind": "CronJob", "metadata": meta("hello"),
        "spec": {"schedule": "* * * * *", "suspend": false, "jobTemplate": {"spec": {"template": {"spec": {
            "restartPolicy": "OnFailure", "containers": [{"name": "hello", "image": "busybox:1.28"}]}}}}},
        "status": {"lastScheduleTime": ts(60), "active": [{"kind": "Job", "name": "hello-29000001"}]}});
    let mut new_cron = cron.clone();
    new_cron["metadata"]["name"] = json!("nightly");
    new_cron["spec"]["schedule"] = json!("0 3 * * *");
    new_cron["spec"]["timeZone"] = json!("Etc/UTC");
    new_cron["status"] = json!({});
    check_at(
        vec![cron.clone(), new_cron.clone()],
        90,
        TableOptions::default(),
        expect![[r#"
        NAME      SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
        hello     * * * * *   <none>     False     1        30s             90s
        nightly   0 3 * * *   Etc/UTC    False     0        <none>          90s
    "#]],
    );
    check_at(
        vec![cron, new_cron],
        90,
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        NAME      SCHEDULE    TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE   CONTAINERS   IMAGES         SELECTOR
        hello     * * * * *   <none>     False     1        30s             90s   hello        busybox:1.28   <none>
        nightly   0 3 * * *   Etc/UTC    False     0        <none>          90s   hello        busybox:1.28   <none>
    "#]],
    );
}

// DaemonSets (printDaemonSet) with NODE SELECTOR `<none>` or `k=v`; StatefulSets (printStatefulSet) READY as
// `ready/replicas`; ControllerRevisions name their controller as `kind.group/name`.
#[test]
fn daemon_sets_stateful_sets_controller_revisions() {
    let ds = |name: &str, node_selector: Value| {
        json!({"apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": meta(name),
               "spec": {"selector": {"matchLabels": {"k8s-app": name}},
                        "template": {"metadata": {"labels": {"k8s-app": name}},
                                     "spec": {"nodeSelector": node_selector,
                                              "containers": [{"name": name, "image": format!("registry.k8s.io/{name}:v1.37.0")}]}}},
               "status": {"desiredNumberScheduled": 4, "currentNumberScheduled": 4, "numberReady": 3,
                          "updatedNumberScheduled": 4, "numberAvailable": 3, "numberMisscheduled": 0}})
    };
    check(
        vec![ds("kindnet", json!({})), ds("kube-proxy", json!({"kubernetes.io/os": "linux"}))],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME         DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR            AGE   CONTAINERS   IMAGES                               SELECTOR
            kindnet      4         4         3       4            3           <none>                   18s   kindnet      registry.k8s.io/kindnet:v1.37.0      k8s-app=kindnet
            kube-proxy   4         4         3       4            3           kubernetes.io/os=linux   18s   kube-proxy   registry.k8s.io/kube-proxy:v1.37.0   k8s-app=kube-proxy
        "#]],
    );
    let sts = json!({"apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": meta("web"),
        "spec": {"replicas": 3, "serviceName": "nginx", "selector": {"matchLabels": {"app": "nginx"}},
                 "template": nginx_template()},
        "status": {"replicas": 2, "readyReplicas": 1, "availableReplicas": 1}});
    check(
        vec![sts.clone()],
        TableOptions::default(),
        expect![[r#"
        NAME   READY   AGE
        web    1/3     18s
    "#]],
    );
    check(
        vec![sts],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
        NAME   READY   AGE   CONTAINERS   IMAGES
        web    1/3     18s   nginx        nginx:1.14.2
    "#]],
    );
    let mut m = meta("web-6d8c9f7b5");
    m["ownerReferences"] = json!([{"apiVersion": "apps/v1", "kind": "StatefulSet", "name": "web", "uid": "uid-web",
                                   "controller": true}]);
    check(
        vec![json!({"apiVersion": "apps/v1", "kind": "ControllerRevision", "metadata": m, "revision": 1,
                    "data": {}})],
        TableOptions::default(),
        expect![[r#"
            NAME            CONTROLLER             REVISION   AGE
            web-6d8c9f7b5   statefulset.apps/web   1          18s
        "#]],
    );
}

// Ingresses (printIngress): CLASS `<none>` without a class name, HOSTS `*` without hosts, ADDRESS from the
// load balancer status, PORTS `80, 443` with TLS. IngressClasses (printIngressClass).
#[test]
fn ingresses() {
    let ingress = |name: &str, spec: Value, status: Value| {
        json!({"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta(name),
               "spec": spec, "status": status})
    };
    let backend = json!({"http": {"paths": [{"path": "/", "pathType": "Prefix",
                         "backend": {"service": {"name": "web", "port": {"number": 80}}}}]}});
    let mut foo = backend.clone();
    foo["host"] = json!("foo.bar.com");
    let mut bar = backend.clone();
    bar["host"] = json!("bar.foo.com");
    check(
        vec![
            ingress(
                "minimal-ingress",
                json!({"ingressClassName": "nginx", "rules": [backend]}),
                json!({"loadBalancer": {"ingress": [{"hostname": "localhost"}]}}),
            ),
            ingress("name-virtual-host-ingress", json!({"rules": [foo.clone(), bar]}), json!({})),
            ingress(
                "tls-example-ingress",
                json!({"ingressClassName": "nginx", "tls": [{"hosts": ["foo.bar.com"], "secretName": "tls"}],
                       "rules": [foo]}),
                json!({"loadBalancer": {"ingress": [{"ip": "172.18.0.2"}]}}),
            ),
        ],
        TableOptions::default(),
        expect![[r#"
            NAME                        CLASS    HOSTS                     ADDRESS      PORTS     AGE
            minimal-ingress             nginx    *                         localhost    80        18s
            name-virtual-host-ingress   <none>   foo.bar.com,bar.foo.com                80        18s
            tls-example-ingress         nginx    foo.bar.com               172.18.0.2   80, 443   18s
        "#]],
    );
    check(
        vec![json!({"apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
                    "metadata": {"name": "nginx", "creationTimestamp": ts(0)},
                    "spec": {"controller": "k8s.io/ingress-nginx"}})],
        TableOptions::default(),
        expect![[r#"
            NAME    CONTROLLER             PARAMETERS   AGE
            nginx   k8s.io/ingress-nginx   <none>       18s
        "#]],
    );
}

// HorizontalPodAutoscalers (printHorizontalPodAutoscaler, formatHPAMetrics): the kubernetes.io HPA
// walkthrough shows `php-apache   Deployment/php-apache   cpu: 0%/50%   1   10   1   18s`; `<unknown>`
// before the first metrics, at most two targets then `+ N more...`.
#[test]
fn horizontal_pod_autoscalers() {
    let hpa = |name: &str, metrics: Value, current: Value| {
        json!({"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": meta(name),
               "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": name},
                        "minReplicas": 1, "maxReplicas": 10, "metrics": metrics},
               "status": {"currentReplicas": 1, "desiredReplicas": 1, "currentMetrics": current}})
    };
    let cpu = json!({"type": "Resource", "resource": {"name": "cpu",
                     "target": {"type": "Utilization", "averageUtilization": 50}}});
    let mem = json!({"type": "Resource", "resource": {"name": "memory",
                     "target": {"type": "AverageValue", "averageValue": "500Mi"}}});
    let pods = json!({"type": "Pods", "pods": {"metric": {"name": "packets-per-second"},
                      "target": {"type": "AverageValue", "averageValue": "1k"}}});
    check(
        vec![
            hpa(
                "php-apache",
                json!([cpu.clone()]),
                json!([{"type": "Resource", "resource": {"name": "cpu",
                        "current": {"averageUtilization": 0, "averageValue": "1m"}}}]),
            ),
            hpa("fresh", json!([cpu.clone()]), json!(null)),
            hpa(
                "busy",
                json!([cpu, mem, pods]),
                json!([{"type": "Resource", "resource": {"name": "cpu", "current": {"averageUtilization": 72}}},
                       {"type": "Resource", "resource": {"name": "memory", "current": {"averageValue": "350Mi"}}}]),
            ),
        ],
        TableOptions::default(),
        expect![[r#"
            NAME         REFERENCE               TARGETS                                         MINPODS   MAXPODS   REPLICAS   AGE
            php-apache   Deployment/php-apache   cpu: 0%/50%                                     1         10        1          18s
            fresh        Deployment/fresh        cpu: <unknown>/50%                              1         10        1          18s
            busy         Deployment/busy         cpu: 72%/50%, memory: 350Mi/500Mi + 1 more...   1         10        1          18s
        "#]],
    );
}

// Storage (printPersistentVolumeClaim, printPersistentVolume, printStorageClass): CAPACITY and ACCESS MODES
// only once a claim is bound, `<unset>` VOLUMEATTRIBUTESCLASS, `(default)` after the default class's name.
#[test]
fn storage_kinds() {
    let pvc = |name: &str, volume: Option<&str>| {
        let mut spec = json!({"accessModes": ["ReadWriteOnce"], "storageClassName": "standard",
                              "resources": {"requests": {"storage": "1Gi"}}, "volumeMode": "Filesystem"});
        let mut status = json!({"phase": "Pending"});
        if let Some(v) = volume {
            spec["volumeName"] = json!(v);
            status = json!({"phase": "Bound", "accessModes": ["ReadWriteOnce"], "capacity": {"storage": "1024Mi"}});
        }
        json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": meta(name), "spec": spec,
               "status": status})
    };
    check(
        vec![pvc("data-web-0", Some("pvc-3c1b7f0e")), pvc("data-web-1", None)],
        TableOptions::default(),
        expect![[r#"
            NAME         STATUS    VOLUME         CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
            data-web-0   Bound     pvc-3c1b7f0e   1Gi        RWO            standard       <unset>                 18s
            data-web-1   Pending                                            standard       <unset>                 18s
        "#]],
    );
    check(
        vec![json!({"apiVersion": "v1", "kind": "PersistentVolume",
                    "metadata": {"name": "pvc-3c1b7f0e", "creationTimestamp": ts(0)},
                    "spec": {"capacity": {"storage": "1Gi"}, "accessModes": ["ReadWriteOnce", "ReadOnlyMany"],
                             "persistentVolumeReclaimPolicy": "Delete", "storageClassName": "standard",
                             "claimRef": {"namespace": "default", "name": "data-web-0"},
                             "hostPath": {"path": "/var/local-path-provisioner/pvc-3c1b7f0e"}, "volumeMode": "Filesystem"},
                    "status": {"phase": "Bound"}})],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME           CAPACITY   ACCESS MODES   RECLAIM POLICY   STATUS   CLAIM                STORAGECLASS   VOLUMEATTRIBUTESCLASS   REASON   AGE   VOLUMEMODE
            pvc-3c1b7f0e   1Gi        RWO,ROX        Delete           Bound    default/data-web-0   standard       <unset>                          18s   Filesystem
        "#]],
    );
    check(
        vec![json!({"apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
                    "metadata": {"name": "standard", "creationTimestamp": ts(0),
                                 "annotations": {"storageclass.kubernetes.io/is-default-class": "true"}},
                    "provisioner": "rancher.io/local-path", "reclaimPolicy": "Delete",
                    "volumeBindingMode": "WaitForFirstConsumer"})],
        TableOptions::default(),
        expect![[r#"
            NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
            standard (default)   rancher.io/local-path   Delete          WaitForFirstConsumer   false                  18s
        "#]],
    );
}

// Leases (printLease), PriorityClasses (printPriorityClass, PREEMPTIONPOLICY only with -o wide),
// Endpoints (formatEndpoints: `ip:port`, at most three then `+ N more...`), EndpointSlices.
#[test]
fn leases_priority_classes_endpoints() {
    check(
        vec![json!({"apiVersion": "coordination.k8s.io/v1", "kind": "Lease",
                    "metadata": {"name": "worker-1", "namespace": "kube-node-lease", "creationTimestamp": ts(0)},
                    "spec": {"holderIdentity": "worker-1", "leaseDurationSeconds": 40}})],
        TableOptions::default(),
        expect![[r#"
            NAME       HOLDER     AGE
            worker-1   worker-1   18s
        "#]],
    );
    let pc = |name: &str, value: i64, global: bool| {
        json!({"apiVersion": "scheduling.k8s.io/v1", "kind": "PriorityClass",
               "metadata": {"name": name, "creationTimestamp": ts(0)}, "value": value, "globalDefault": global,
               "preemptionPolicy": "PreemptLowerPriority"})
    };
    check(
        vec![pc("high-priority", 1_000_000, false), pc("system-cluster-critical", 2_000_000_000, false)],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME                      VALUE        GLOBAL-DEFAULT   AGE   PREEMPTIONPOLICY
            high-priority             1000000      false            18s   PreemptLowerPriority
            system-cluster-critical   2000000000   false            18s   PreemptLowerPriority
        "#]],
    );
    let addresses: Vec<Value> =
        (2..7).map(|i| json!({"ip": format!("10.244.{i}.5"), "nodeName": "worker-1"})).collect();
    check(
        vec![
            json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("kubernetes"),
                   "subsets": [{"addresses": [{"ip": "172.18.0.2"}],
                                "ports": [{"name": "https", "port": 6443, "protocol": "TCP"}]}]}),
            json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("web"),
                   "subsets": [{"addresses": addresses, "ports": [{"port": 8080, "protocol": "TCP"}]}]}),
            json!({"apiVersion": "v1", "kind": "Endpoints", "metadata": meta("empty")}),
        ],
        TableOptions::default(),
        expect![[r#"
            NAME         ENDPOINTS                                                     AGE
            kubernetes   172.18.0.2:6443                                               18s
            web          10.244.2.5:8080,10.244.3.5:8080,10.244.4.5:8080 + 2 more...   18s
            empty        <none>                                                        18s
        "#]],
    );
    check(
        vec![json!({"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "metadata": meta("web-abc12"),
                    "addressType": "IPv4", "ports": [{"name": "", "port": 8080, "protocol": "TCP"}],
                    "endpoints": [{"addresses": ["10.244.1.5"], "conditions": {"ready": true}},
                                  {"addresses": ["10.244.2.5"], "conditions": {"ready": true}}]})],
        TableOptions::default(),
        expect![[r#"
            NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE
            web-abc12   IPv4          8080    10.244.1.5,10.244.2.5   18s
        "#]],
    );
}

// Kinds the engine keeps as JSON: a Role has no server-side printer, so the API server's default table
// prints `NAME  CREATED AT` with an RFC 3339 time (apiserver `rest.defaultTableConvertor`); RoleBindings
// have ROLE and, wide, the subjects (printRoleBinding); custom resources without printer columns get
// apiextensions' default `AGE` column.
#[test]
fn json_kinds() {
    check(
        vec![json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": meta("pod-reader"),
                    "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "watch", "list"]}]})],
        TableOptions::default(),
        expect![[r#"
            NAME         CREATED AT
            pod-reader   2026-01-01T00:00:00Z
        "#]],
    );
    check(
        vec![
            json!({"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": meta("read-pods"),
                    "subjects": [{"kind": "User", "name": "jane", "apiGroup": "rbac.authorization.k8s.io"},
                                 {"kind": "ServiceAccount", "name": "ci", "namespace": "default"}],
                    "roleRef": {"kind": "Role", "name": "pod-reader", "apiGroup": "rbac.authorization.k8s.io"}}),
        ],
        TableOptions { wide: true, ..Default::default() },
        expect![[r#"
            NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS
            read-pods   Role/pod-reader   18s   jane             default/ci
        "#]],
    );
    check(
        vec![json!({"apiVersion": "stable.example.com/v1", "kind": "CronTab", "metadata": meta("my-new-cron-object"),
                    "spec": {"cronSpec": "* * * * */5", "image": "my-awesome-cron-image"}})],
        TableOptions { show_kind: true, ..Default::default() },
        expect![[r#"
            NAME                                            AGE
            crontab.stable.example.com/my-new-cron-object   18s
        "#]],
    );
}
