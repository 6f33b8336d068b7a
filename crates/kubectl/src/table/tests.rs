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
