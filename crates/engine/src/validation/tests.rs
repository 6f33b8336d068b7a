//! End-to-end tests: manifests go through defaulting, admission, create preparation and validation, and
//! come out as the messages kubectl prints. Cases are ported from upstream's tables, each citing the test
//! it comes from (kubernetes/kubernetes `pkg/apis/{apps,core}/validation/validation_test.go`,
//! `pkg/apis/{core,apps}/v1/defaults_test.go`); expected texts are those of a v1.37 server.

use serde_json::{Value, json};

use super::*;
use crate::object::Object;

fn decode(yaml: &str) -> Object {
    let v: Value = serde_yaml::from_str(yaml).expect("test manifest is YAML");
    Object::from_value(v).expect("test manifest decodes")
}

/// A create as the API server runs it; namespaced objects land in `default`.
fn created(yaml: &str) -> Object {
    let mut obj = decode(yaml);
    if obj.kind_info().is_some_and(|k| k.namespaced) && obj.meta().namespace.is_none() {
        obj.meta_mut().namespace = Some("default".into());
    }
    apply_defaults(&mut obj);
    if let Object::Pod(p) = &mut obj {
        admission::admit_pod(p, "abcde");
    }
    prepare_for_create(&mut obj);
    obj
}

fn create_errors(yaml: &str) -> Vec<String> {
    validate(&created(yaml)).iter().map(|e| e.to_string()).collect()
}

/// kubectl's message for a create, or `ok`.
fn create_message(yaml: &str) -> String {
    let obj = created(yaml);
    let errs = validate(&obj);
    if errs.is_empty() { "ok".into() } else { invalid_message(obj.kind(), obj.name(), &errs) }
}

/// An update that edits the stored object, as `kubectl edit` or `apply` do.
fn update_with(old_yaml: &str, edit: impl FnOnce(&mut Value)) -> Vec<String> {
    let old = created(old_yaml);
    assert!(validate(&old).is_empty(), "old object invalid: {:?}", validate(&old));
    let mut v = old.to_value();
    edit(&mut v);
    let mut new = Object::from_value(v).expect("edited object decodes");
    apply_defaults(&mut new);
    prepare_for_update(&mut new, &old);
    validate_update(&old, &new).iter().map(|e| e.to_string()).collect()
}

/// An update that replaces the stored object with a manifest, as `kubectl replace` does.
fn update_errors(old_yaml: &str, new_yaml: &str) -> Vec<String> {
    let old = created(old_yaml);
    assert!(validate(&old).is_empty(), "old object invalid: {:?}", validate(&old));
    let mut new = decode(new_yaml);
    new.meta_mut().namespace = old.meta().namespace.clone();
    apply_defaults(&mut new);
    prepare_for_update(&mut new, &old);
    validate_update(&old, &new).iter().map(|e| e.to_string()).collect()
}

const DEPLOYMENT: &str = r#"
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - {name: nginx, image: nginx}
"#;

fn deployment_with(patch: Value) -> String {
    let mut v: Value = serde_yaml::from_str(DEPLOYMENT).unwrap();
    json_patch_merge(&mut v, &patch);
    serde_json::to_string(&v).unwrap()
}

/// RFC 7386 merge patch, enough to vary the fixtures.
fn json_patch_merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    json_patch_merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

// ---------------------------------------------------------------------------------------------------------
// Deployments (apps TestValidateDeployment, TestValidateDeploymentStrategy, TestValidateDeploymentUpdate)

#[test]
fn valid_deployment_is_defaulted_like_the_server() {
    let obj = created(DEPLOYMENT);
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(v["metadata"]["generation"], 1);
    assert_eq!(
        v["spec"]["strategy"],
        json!({"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"}})
    );
    assert_eq!(v["spec"]["revisionHistoryLimit"], 10);
    assert_eq!(v["spec"]["progressDeadlineSeconds"], 600);
    assert_eq!(v["status"], json!({}));
    let spec = &v["spec"]["template"]["spec"];
    assert_eq!(spec["restartPolicy"], "Always");
    assert_eq!(spec["dnsPolicy"], "ClusterFirst");
    assert_eq!(spec["schedulerName"], "default-scheduler");
    assert_eq!(spec["terminationGracePeriodSeconds"], 30);
    assert_eq!(spec["securityContext"], json!({}));
    // Templates get no Pod-only defaults.
    assert!(spec.get("enableServiceLinks").is_none());
    assert_eq!(
        spec["containers"][0],
        json!({"name": "nginx", "image": "nginx", "imagePullPolicy": "Always", "resources": {},
               "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"})
    );
}

#[test]
fn deployment_without_selector() {
    let yaml = deployment_with(json!({"spec": {"selector": null}}));
    assert_eq!(
        create_message(&yaml),
        "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"
    );
}

#[test]
fn deployment_selector_mismatch() {
    let yaml = deployment_with(json!({"spec": {"selector": {"matchLabels": {"app": "api"}}}}));
    assert_eq!(
        create_message(&yaml),
        "The Deployment \"web\" is invalid: spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"
    );
    let yaml = deployment_with(json!({"spec": {"selector": {"matchLabels": null, "matchExpressions": [
        {"key": "app", "operator": "In", "values": ["web", "api"]}]}}}));
    assert_eq!(create_message(&yaml), "ok");
    let yaml = deployment_with(json!({"spec": {"selector": {"matchLabels": null, "matchExpressions": [
        {"key": "app", "operator": "Has"}]}}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.selector.matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator",
            "spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"Has\"}]}: invalid label selector",
        ]
    );
}

#[test]
fn deployment_template_restart_policy() {
    let yaml = deployment_with(json!({"spec": {"template": {"spec": {"restartPolicy": "Never"}}}}));
    assert_eq!(
        create_message(&yaml),
        "The Deployment \"web\" is invalid: spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""
    );
    let yaml = deployment_with(json!({"spec": {"template": {"spec": {"activeDeadlineSeconds": 10}}}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"
        ]
    );
}

#[test]
fn deployment_numbers() {
    let yaml = deployment_with(json!({"spec": {"replicas": -1, "revisionHistoryLimit": -2, "minReadySeconds": 10,
                                                "progressDeadlineSeconds": 10}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.revisionHistoryLimit: Invalid value: -2: must be greater than or equal to 0",
            "spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds",
        ]
    );
}

#[test]
fn deployment_rolling_update_limits() {
    let ru = |mu: Value, ms: Value| {
        create_errors(&deployment_with(
            json!({"spec": {"strategy": {"rollingUpdate": {"maxUnavailable": mu, "maxSurge": ms}}}}),
        ))
    };
    assert_eq!(
        ru(json!(0), json!(0)),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"]
    );
    assert_eq!(
        ru(json!("0%"), json!(0)),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"]
    );
    assert_eq!(
        ru(json!("110%"), json!(1)),
        vec!["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"]
    );
    // maxSurge may exceed 100%.
    assert!(ru(json!(1), json!("200%")).is_empty());
    assert_eq!(
        ru(json!(-1), json!("x")),
        vec![
            "spec.strategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0",
            "spec.strategy.rollingUpdate.maxSurge: Invalid value: \"x\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
        ]
    );
}

#[test]
fn deployment_strategy_types() {
    let yaml = deployment_with(json!({"spec": {"strategy": {"type": "Recreate", "rollingUpdate": {"maxSurge": 1}}}}));
    assert_eq!(
        create_errors(&yaml),
        vec!["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"]
    );
    let yaml = deployment_with(json!({"spec": {"strategy": {"type": "BlueGreen"}}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: supported values: \"Recreate\", \"RollingUpdate\""
        ]
    );
}

#[test]
fn deployment_names_and_labels() {
    let yaml = deployment_with(json!({"metadata": {"name": "Web"}}));
    assert_eq!(
        create_message(&yaml),
        "The Deployment \"Web\" is invalid: metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    );
    let yaml = deployment_with(json!({"spec": {"template": {"metadata": {"labels": {"app": "web", "bad key": "v"}}}}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.template.labels: Invalid value: \"bad key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        ]
    );
}

#[test]
fn deployment_selector_is_immutable() {
    let new = deployment_with(json!({"spec": {"selector": {"matchLabels": {"app": "web", "tier": "fe"}},
                                               "template": {"metadata": {"labels": {"app": "web", "tier": "fe"}}}}}));
    assert_eq!(
        update_errors(DEPLOYMENT, &new),
        vec!["spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"tier\":\"fe\"}}: field is immutable"]
    );
    // Scaling and changing the image are fine.
    let new = deployment_with(
        json!({"spec": {"replicas": 5, "template": {"spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}}),
    );
    assert_eq!(update_errors(DEPLOYMENT, &new), Vec::<String>::new());
    assert_eq!(
        update_with(DEPLOYMENT, |v| v["spec"]["selector"] = json!({})),
        vec![
            "spec.selector: Required value",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
            "spec.selector: Invalid value: null: field is immutable",
        ]
    );
}

#[test]
fn deployment_update_bumps_generation() {
    let old = created(DEPLOYMENT);
    let mut new = decode(&deployment_with(json!({"spec": {"replicas": 5}})));
    new.meta_mut().namespace = Some("default".into());
    apply_defaults(&mut new);
    prepare_for_update(&mut new, &old);
    assert_eq!(new.meta().generation, Some(2));
    let mut same = decode(DEPLOYMENT);
    same.meta_mut().namespace = Some("default".into());
    apply_defaults(&mut same);
    prepare_for_update(&mut same, &old);
    assert_eq!(same.meta().generation, Some(1));
}

// ---------------------------------------------------------------------------------------------------------
// ReplicaSets (apps TestValidateReplicaSet, TestValidateReplicaSetUpdate)

const REPLICA_SET: &str = r#"
apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: web-5d8f9}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: "nginx:1.27"}]}
"#;

#[test]
fn replica_set_defaults_and_errors() {
    let obj = created(REPLICA_SET);
    assert!(validate(&obj).is_empty());
    assert_eq!(obj.to_value()["spec"]["replicas"], 1);
    assert_eq!(obj.to_value()["spec"]["template"]["spec"]["containers"][0]["imagePullPolicy"], "IfNotPresent");
    let bad = REPLICA_SET.replace("spec: {containers: [{name: c, image: \"nginx:1.27\"}]}", "spec: {containers: []}");
    assert_eq!(create_errors(&bad), vec!["spec.template.spec.containers: Required value"]);
    let mut v: Value = serde_yaml::from_str(REPLICA_SET).unwrap();
    v["spec"]["selector"] = json!({"matchLabels": {"app": "other"}});
    let new = serde_json::to_string(&v).unwrap();
    assert_eq!(
        update_errors(REPLICA_SET, &new),
        vec![
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
            "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`",
            "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"other\"}}: field is immutable",
        ]
    );
    // kubectl shows each message once.
    let old = created(REPLICA_SET);
    let mut newo = decode(&new);
    newo.meta_mut().namespace = Some("default".into());
    apply_defaults(&mut newo);
    prepare_for_update(&mut newo, &old);
    assert_eq!(
        invalid_message("ReplicaSet", "web-5d8f9", &validate_update(&old, &newo)),
        "The ReplicaSet \"web-5d8f9\" is invalid: \n* spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`\n* spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"other\"}}: field is immutable"
    );
}

// ---------------------------------------------------------------------------------------------------------
// Pods (core TestValidatePodCreate, TestValidateContainers, TestValidateVolumes, TestValidateEnv,
// TestValidateResourceRequirements, TestValidateProbe, TestValidatePodUpdate)

const POD: &str = r#"
apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
  - name: app
    image: nginx:1.27
    ports: [{containerPort: 80, name: http}]
"#;

fn pod_with(container: Value) -> String {
    let mut v: Value = serde_yaml::from_str(POD).unwrap();
    json_patch_merge(&mut v["spec"]["containers"][0], &container);
    serde_json::to_string(&v).unwrap()
}

fn pod_spec_with(spec: Value) -> String {
    let mut v: Value = serde_yaml::from_str(POD).unwrap();
    json_patch_merge(&mut v["spec"], &spec);
    serde_json::to_string(&v).unwrap()
}

#[test]
fn valid_pod_is_defaulted_and_admitted_like_the_server() {
    let obj = created(POD);
    assert_eq!(validate(&obj), vec![]);
    let v = obj.to_value();
    let spec = &v["spec"];
    assert_eq!(spec["enableServiceLinks"], true);
    assert_eq!(spec["serviceAccountName"], "default");
    assert_eq!(spec["serviceAccount"], "default");
    assert_eq!(spec["priority"], 0);
    assert_eq!(spec["preemptionPolicy"], "PreemptLowerPriority");
    assert_eq!(
        spec["tolerations"],
        json!([
            {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
            {"key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300}
        ])
    );
    assert_eq!(spec["volumes"][0]["name"], "kube-api-access-abcde");
    assert_eq!(
        spec["containers"][0]["volumeMounts"],
        json!([{"name": "kube-api-access-abcde", "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "readOnly": true}])
    );
    assert_eq!(spec["containers"][0]["ports"][0]["protocol"], "TCP");
    assert_eq!(v["status"], json!({"phase": "Pending", "qosClass": "BestEffort"}));
}

#[test]
fn pod_resources() {
    let yaml = pod_with(json!({"resources": {"requests": {"cpu": "1"}, "limits": {"cpu": "500m", "memory": "0.5Gi"}}}));
    assert_eq!(
        create_message(&yaml),
        "The Pod \"web\" is invalid: spec.containers[0].resources.requests: Invalid value: \"1\": must be less than or equal to cpu limit of 500m"
    );
    // Limits only: requests default to them, quantities print canonically, the Pod is Guaranteed.
    let obj = created(&pod_with(json!({"resources": {"limits": {"cpu": "0.5", "memory": "0.5Gi"}}})));
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(
        v["spec"]["containers"][0]["resources"],
        json!({"limits": {"cpu": "500m", "memory": "512Mi"}, "requests": {"cpu": "500m", "memory": "512Mi"}})
    );
    assert_eq!(v["status"]["qosClass"], "Guaranteed");
    let yaml = pod_with(json!({"resources": {"requests": {"cpu": "-1", "example.com/gpu": "1.5", "foo": "1"}}}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
            "spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"1500m\": must be an integer",
            "spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources",
            "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource type or fully qualified",
            "spec.containers[0].resources.requests[foo]: Invalid value: \"foo\": must be a standard resource for containers",
        ]
    );
}

#[test]
fn pod_containers() {
    assert_eq!(create_errors(&pod_spec_with(json!({"containers": []}))), vec!["spec.containers: Required value"]);
    let yaml = pod_with(json!({"name": "Web_1", "image": null}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[0].name: Invalid value: \"Web_1\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
            "spec.containers[0].image: Required value",
        ]
    );
    let yaml = pod_spec_with(json!({"containers": [{"name": "a", "image": "x"}, {"name": "a", "image": " y"}]}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[1].name: Duplicate value: \"a\"",
            "spec.containers[1].image: Invalid value: \" y\": must not have leading or trailing whitespace",
        ]
    );
    let yaml = pod_spec_with(json!({"restartPolicy": "Sometimes"}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""
        ]
    );
}

#[test]
fn pod_ports() {
    let yaml = pod_with(
        json!({"ports": [{"containerPort": 70000, "name": "http"}, {"containerPort": 81, "name": "http", "protocol": "HTTP"}]}),
    );
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive",
            "spec.containers[0].ports[1].name: Duplicate value: \"http\"",
            "spec.containers[0].ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
        ]
    );
    let yaml = pod_spec_with(json!({"containers": [
        {"name": "a", "image": "x", "ports": [{"containerPort": 80, "hostPort": 8080}]},
        {"name": "b", "image": "x", "ports": [{"containerPort": 81, "hostPort": 8080}]}]}));
    assert_eq!(create_errors(&yaml), vec!["spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""]);
}

#[test]
fn pod_volumes_and_mounts() {
    let yaml = pod_spec_with(json!({
        "volumes": [{"name": "data", "emptyDir": {}, "hostPath": {"path": "/tmp"}}, {"name": "data"}, {"name": "cfg", "configMap": {}}],
        "containers": [{"name": "app", "image": "x", "volumeMounts": [{"name": "logs", "mountPath": "/logs"}, {"name": "cfg", "mountPath": "/logs"}]}]
    }));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
            "spec.volumes[2].configMap.name: Required value",
            "spec.containers[0].volumeMounts[0].name: Not found: \"logs\"",
            "spec.containers[0].volumeMounts[1].name: Not found: \"cfg\"",
            "spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/logs\": must be unique",
        ]
    );
    // An invalid volume is not counted when looking for duplicates (upstream keeps only valid names).
    let yaml = pod_spec_with(json!({"volumes": [{"name": "data"}, {"name": "data", "emptyDir": {}}]}));
    assert_eq!(create_errors(&yaml), vec!["spec.volumes[1].name: Duplicate value: \"data\""]);
    // A volume without a source becomes an emptyDir; config maps and secrets get mode 0644.
    let obj = created(&pod_spec_with(
        json!({"volumes": [{"name": "scratch"}, {"name": "s", "secret": {"secretName": "tls"}}]}),
    ));
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(v["spec"]["volumes"][0], json!({"name": "scratch", "emptyDir": {}}));
    assert_eq!(v["spec"]["volumes"][1]["secret"], json!({"secretName": "tls", "defaultMode": 420}));
}

#[test]
fn pod_env() {
    let yaml = pod_with(json!({"env": [
        {"name": "A=B", "value": "x"},
        {"name": ""},
        {"name": "C", "valueFrom": {}},
        {"name": "D", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
        {"name": "E", "valueFrom": {"fieldRef": {"fieldPath": "spec.foo"}}},
        {"name": "F", "valueFrom": {"configMapKeyRef": {"name": "", "key": "a b"}}},
        {"name": "my.env-name 1", "valueFrom": {"fieldRef": {"fieldPath": "status.phase"}}}
    ]}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='",
            "spec.containers[0].env[1].name: Required value",
            "spec.containers[0].env[2].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`",
            "spec.containers[0].env[3].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty",
            "spec.containers[0].env[4].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": error converting fieldPath: field label not supported: spec.foo",
            "spec.containers[0].env[5].valueFrom.configMapKeyRef.name: Invalid value: \"\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            "spec.containers[0].env[5].valueFrom.configMapKeyRef.key: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "spec.containers[0].env[6].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"",
        ]
    );
}

#[test]
fn pod_probes() {
    let yaml = pod_with(json!({
        "livenessProbe": {"httpGet": {"port": 80}, "successThreshold": 2},
        "readinessProbe": {"periodSeconds": -1},
        "startupProbe": {"tcpSocket": {"port": "http"}, "exec": {"command": ["true"]}}
    }));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1",
            "spec.containers[0].readinessProbe: Required value: must specify a handler type",
            "spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0",
            "spec.containers[0].startupProbe.tcpSocket: Forbidden: may not specify more than 1 handler type",
        ]
    );
    // Defaults: timeouts, thresholds, HTTP path and scheme.
    let obj = created(&pod_with(json!({"readinessProbe": {"httpGet": {"port": 80}}})));
    assert_eq!(
        obj.to_value()["spec"]["containers"][0]["readinessProbe"],
        json!({"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}, "timeoutSeconds": 1, "periodSeconds": 10,
               "successThreshold": 1, "failureThreshold": 3})
    );
}

#[test]
fn pod_metadata() {
    let mut v: Value = serde_yaml::from_str(POD).unwrap();
    v["metadata"]["labels"] = json!({"app": "-web", "example.com/tier": "fe"});
    v["metadata"]["annotations"] = json!({"big": "x".repeat(256 * 1024)});
    assert_eq!(
        create_errors(&serde_json::to_string(&v).unwrap()),
        vec![
            "metadata.labels: Invalid value: \"-web\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            "metadata.annotations: Too long: may not be more than 262144 bytes",
        ]
    );
}

#[test]
fn pod_update_rules() {
    // Only images (and a few scheduling fields) may change.
    assert_eq!(update_with(POD, |v| v["spec"]["containers"][0]["image"] = json!("nginx:1.28")), Vec::<String>::new());
    let errs = update_with(POD, |v| v["spec"]["containers"][0]["env"] = json!([{"name": "A", "value": "1"}]));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].starts_with(
        "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n- \tContainers: "
    ), "{}", errs[0]);
    assert_eq!(
        update_with(POD, |v| v["spec"]["containers"].as_array_mut().unwrap().push(json!({"name": "b", "image": "x"}))),
        vec!["spec.containers: Forbidden: pod updates may not add or remove containers"]
    );
    assert_eq!(update_with(POD, |v| v["spec"]["activeDeadlineSeconds"] = json!(30)), Vec::<String>::new());
    assert_eq!(
        update_with(POD, |v| v["spec"]["tolerations"][0]["key"] = json!("x")),
        vec!["spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"]
    );
    assert_eq!(
        update_with(POD, |v| v["spec"]["tolerations"]
            .as_array_mut()
            .unwrap()
            .push(json!({"key": "x", "operator": "Exists"}))),
        Vec::<String>::new()
    );
    // Replacing the Pod with its manifest drops what admission added, which is a change.
    let errs = update_errors(POD, POD);
    assert_eq!(errs.len(), 2, "{errs:?}");
    assert!(errs[1].contains("- \tVolumes: [{\"name\":\"kube-api-access-abcde\""), "{}", errs[1]);
}

// ---------------------------------------------------------------------------------------------------------
// Services (core TestValidateServiceCreate, TestValidateServiceUpdate; v1 TestSetDefaultService)

const SERVICE: &str = r#"
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{port: 80}]
"#;

fn service_with(spec: Value) -> String {
    let mut v: Value = serde_yaml::from_str(SERVICE).unwrap();
    json_patch_merge(&mut v["spec"], &spec);
    serde_json::to_string(&v).unwrap()
}

#[test]
fn valid_service_is_defaulted_like_the_server() {
    let obj = created(SERVICE);
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(
        v["spec"],
        json!({"selector": {"app": "web"}, "ports": [{"port": 80, "protocol": "TCP", "targetPort": 80}],
               "type": "ClusterIP", "sessionAffinity": "None", "internalTrafficPolicy": "Cluster",
               "ipFamilyPolicy": "SingleStack", "ipFamilies": ["IPv4"]})
    );
    assert_eq!(v["status"], json!({"loadBalancer": {}}));
    // Headless: clusterIPs follow clusterIP; without a selector both families are asked for.
    let obj = created(&service_with(json!({"clusterIP": "None", "selector": null})));
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(v["spec"]["clusterIPs"], json!(["None"]));
    assert_eq!(v["spec"]["ipFamilyPolicy"], "RequireDualStack");
    assert_eq!(v["spec"]["ipFamilies"], json!(["IPv4", "IPv6"]));
    // NodePort gets an external traffic policy; ClientIP affinity a timeout.
    let v = created(&service_with(json!({"type": "NodePort", "sessionAffinity": "ClientIP"}))).to_value();
    assert_eq!(v["spec"]["externalTrafficPolicy"], "Cluster");
    assert_eq!(v["spec"]["sessionAffinityConfig"], json!({"clientIP": {"timeoutSeconds": 10800}}));
}

#[test]
fn service_ports() {
    assert_eq!(create_errors(&service_with(json!({"ports": []}))), vec!["spec.ports: Required value"]);
    let yaml = service_with(
        json!({"ports": [{"port": 80}, {"port": 0, "protocol": "HTTP", "name": "web"}, {"port": 80, "targetPort": "Http"}]}),
    );
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.ports[0].name: Required value",
            "spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"",
            "spec.ports[1].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive",
            "spec.ports[2].name: Required value",
            "spec.ports[2].targetPort: Invalid value: \"Http\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
            "spec.ports[2]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}",
        ]
    );
    let yaml = service_with(json!({"ports": [{"port": 80, "nodePort": 30080}]}));
    assert_eq!(
        create_errors(&yaml),
        vec!["spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"]
    );
}

#[test]
fn service_types_and_ips() {
    let yaml = service_with(json!({"type": "Internal"}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""
        ]
    );
    let yaml = service_with(json!({"clusterIP": "10.96.0.300"}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.clusterIPs[0]: Invalid value: \"10.96.0.300\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"
        ]
    );
    let yaml = service_with(
        json!({"type": "ExternalName", "externalName": "db.example.com.", "ports": null, "selector": null}),
    );
    assert_eq!(create_errors(&yaml), Vec::<String>::new());
    let yaml = service_with(
        json!({"type": "LoadBalancer", "loadBalancerSourceRanges": ["10.0.0.1/8", " 10.0.0.0/8 ", "x", "010.0.0.0/8"]}),
    );
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.LoadBalancerSourceRanges[0]: Invalid value: \"10.0.0.1/8\": must not have bits set beyond the prefix length",
            "spec.LoadBalancerSourceRanges[2]: Invalid value: \"x\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
            "spec.LoadBalancerSourceRanges[3]: Invalid value: \"010.0.0.0/8\": must not have leading 0s in IP or prefix length",
        ]
    );
    let yaml = service_with(json!({"externalIPs": ["127.0.0.1", "1.2.3.4"], "allocateLoadBalancerNodePorts": true}));
    assert_eq!(
        create_errors(&yaml),
        vec![
            "spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
            "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'",
        ]
    );
    let yaml = service_with(json!({"type": "NodePort", "clusterIP": "None"}));
    assert_eq!(
        create_errors(&yaml)[0],
        "spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services"
    );
}

#[test]
fn service_names_are_rfc1123_labels_in_v1_37() {
    let yaml = |name: &str| SERVICE.replace("name: web", &format!("name: {name}"));
    assert_eq!(create_message(&yaml("1web")), "ok");
    assert_eq!(
        create_message(&yaml("web.app")),
        "The Service \"web.app\" is invalid: metadata.name: Invalid value: \"web.app\": must not contain dots"
    );
}

#[test]
fn service_cluster_ip_is_immutable() {
    let old = service_with(json!({"clusterIP": "10.96.0.10"}));
    let new = service_with(json!({"clusterIP": "10.96.0.11"}));
    assert_eq!(
        update_errors(&old, &new),
        vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.11\"]: may not change once set"]
    );
    assert_eq!(
        update_with(&old, |v| v["spec"]["clusterIP"] = json!("10.96.0.11")),
        vec!["spec.clusterIPs[0]: Invalid value: [\"10.96.0.11\"]: may not change once set"]
    );
    // A replace that leaves clusterIP out keeps the allocated one.
    assert_eq!(update_errors(&old, SERVICE), Vec::<String>::new());
    assert_eq!(update_with(&old, |v| v["spec"]["ports"][0]["port"] = json!(8080)), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------------------
// Namespaces, ConfigMaps, Secrets (core TestValidateNamespace, TestValidateConfigMap,
// TestValidateConfigMapUpdate, TestValidateSecret, TestValidateSecretUpdate)

#[test]
fn namespaces() {
    let obj = created("apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n");
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(v["metadata"]["labels"], json!({"kubernetes.io/metadata.name": "team-a"}));
    assert_eq!(v["spec"], json!({"finalizers": ["kubernetes"]}));
    assert_eq!(v["status"], json!({"phase": "Active"}));
    assert_eq!(
        create_message("apiVersion: v1\nkind: Namespace\nmetadata: {name: Team.A}\n"),
        "The Namespace \"Team.A\" is invalid: metadata.name: Invalid value: \"Team.A\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    );
}

#[test]
fn config_maps() {
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {\"a b\": x, ok.key: y}\nbinaryData: {ok.key: eQ==}\n";
    assert_eq!(
        create_errors(cm),
        vec![
            "data[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
            "data[ok.key]: Invalid value: \"ok.key\": duplicate of key present in binaryData",
        ]
    );
    let big = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cfg}}\ndata: {{a: {}}}\n",
        "x".repeat(1024 * 1024 + 1)
    );
    assert_eq!(create_errors(&big), vec!["[]: Too long: may not be more than 1048576 bytes"]);
    let old = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\nimmutable: true\ndata: {a: x}\n";
    let new = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: y}\n";
    assert_eq!(
        update_errors(old, new),
        vec![
            "immutable: Forbidden: field is immutable when `immutable` is set",
            "data: Forbidden: field is immutable when `immutable` is set",
        ]
    );
}

#[test]
fn secrets() {
    let obj = created("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {password: hunter2}\n");
    assert!(validate(&obj).is_empty());
    let v = obj.to_value();
    assert_eq!(v["type"], "Opaque");
    assert_eq!(v["data"], json!({"password": "aHVudGVyMg=="}));
    assert!(v.get("stringData").is_none());
    assert_eq!(
        create_errors(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/tls\ndata: {tls.crt: eA==}\n"
        ),
        vec!["data[tls.key]: Required value"]
    );
    assert_eq!(
        create_errors(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockerconfigjson\nstringData: {.dockerconfigjson: 'auths'}\n"
        ),
        vec![
            "data[.dockerconfigjson]: Invalid value: \"<secret contents redacted>\": invalid character 'a' looking for beginning of value"
        ]
    );
    assert_eq!(
        update_errors(
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: eA==}\n",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/basic-auth\ndata: {a: eA==}\n"
        ),
        vec![
            "type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable",
            "data[username]: Required value",
            "data[password]: Required value",
        ]
    );
}

// ---------------------------------------------------------------------------------------------------------
// Messages (kubectl cmd/util/helpers.go checkErr/MultilineError, apimachinery errors.NewInvalid)

#[test]
fn messages_as_kubectl_and_the_server_print_them() {
    let p = field::Path::new("spec").child("selector");
    let one = vec![field::required(&p, "")];
    assert_eq!(
        invalid_message("Deployment", "web", &one),
        "The Deployment \"web\" is invalid: spec.selector: Required value"
    );
    let two = vec![field::required(&p, ""), field::forbidden(&p, "x"), field::required(&p, "")];
    assert_eq!(
        invalid_message("Deployment", "web", &two),
        "The Deployment \"web\" is invalid: \n* spec.selector: Required value\n* spec.selector: Forbidden: x"
    );
    assert_eq!(
        status_message("Deployment.apps", "web", &two),
        "Deployment.apps \"web\" is invalid: [spec.selector: Required value, spec.selector: Forbidden: x]"
    );
    assert_eq!(status_message("Pod", "web", &one), "Pod \"web\" is invalid: spec.selector: Required value");
}

#[test]
fn other_kinds_get_metadata_checks_only() {
    let ss = "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db.1}\nspec: {selector: {}, template: {}, serviceName: db}\n";
    assert_eq!(create_errors(ss), vec!["metadata.name: Invalid value: \"db.1\": must not contain dots"]);
    let role =
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: \"system:reader\"}\nrules: []\n";
    assert!(create_errors(role).is_empty());
}

#[test]
fn defaulting_and_admission_are_idempotent() {
    for manifest in [
        POD,
        DEPLOYMENT,
        REPLICA_SET,
        SERVICE,
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData: {a: b}\n",
    ] {
        let once = created(manifest);
        let mut twice = once.clone();
        apply_defaults(&mut twice);
        if let Object::Pod(p) = &mut twice {
            admission::admit_pod(p, "fghij");
        }
        assert_eq!(once, twice, "{manifest}");
    }
}

// ---------------------------------------------------------------------------------------------------------
// Robustness: the engine never panics on input.

/// Replaces leaves of `v` with awkward values, chosen by a fixed linear congruential sequence.
fn mangle(v: &mut Value, state: &mut u64) {
    const AWKWARD: [fn() -> Value; 12] = [
        || json!(""),
        || json!(-1),
        || json!(0),
        || json!(2147483647),
        || json!("é\u{0}\n<>&"),
        || json!("1e2147483647"),
        || json!("-0.5Gi"),
        || json!("..//.."),
        || json!([]),
        || json!({}),
        || json!("None"),
        || json!("a".repeat(300)),
    ];
    match v {
        Value::Object(m) => m.values_mut().for_each(|x| mangle(x, state)),
        Value::Array(a) => a.iter_mut().for_each(|x| mangle(x, state)),
        leaf => {
            *state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            if (*state >> 33).is_multiple_of(3) {
                *leaf = AWKWARD[((*state >> 40) % AWKWARD.len() as u64) as usize]();
            }
        }
    }
}

#[test]
fn pipeline_never_panics() {
    let rich_pod = r#"
apiVersion: v1
kind: Pod
metadata: {name: p, labels: {a: b}, annotations: {x: y}, finalizers: [f], ownerReferences: [{apiVersion: v1, kind: K, name: n, uid: u, controller: true}]}
spec:
  hostNetwork: true
  dnsPolicy: None
  dnsConfig: {nameservers: [1.2.3.4], searches: [a.b], options: [{name: ndots, value: "2"}]}
  volumes:
  - {name: a, projected: {sources: [{serviceAccountToken: {path: t, expirationSeconds: 100}}, {configMap: {name: c, items: [{key: k, path: p, mode: 511}]}}]}}
  - {name: b, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}}}
  initContainers: [{name: i, image: busybox, restartPolicy: Always, resizePolicy: [{resourceName: cpu, restartPolicy: RestartContainer}]}]
  containers:
  - name: c
    image: nginx
    ports: [{containerPort: 80, hostPort: 80, name: http}]
    env: [{name: A, valueFrom: {resourceFieldRef: {resource: limits.cpu, divisor: 1m}}}]
    envFrom: [{prefix: P_, configMapRef: {name: cm}}]
    volumeMounts: [{name: a, mountPath: /a, subPath: x, mountPropagation: Bidirectional, recursiveReadOnly: Enabled}]
    volumeDevices: [{name: b, devicePath: /dev/b}]
    resources: {limits: {cpu: "2", hugepages-2Mi: 4Mi, memory: 1Gi}}
    securityContext: {allowPrivilegeEscalation: false, privileged: true, capabilities: {add: [CAP_SYS_ADMIN]}, seccompProfile: {type: Localhost}}
    lifecycle: {preStop: {sleep: {seconds: 5}}, postStart: {httpGet: {port: http}}}
    livenessProbe: {grpc: {port: 9000}}
    restartPolicy: Never
    restartPolicyRules: [{action: Restart, exitCodes: {operator: In, values: [1]}}]
  tolerations: [{key: k, operator: Exists, effect: NoExecute, tolerationSeconds: 5}]
  topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {a: b}}}]
  affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: host, labelSelector: {matchExpressions: [{key: a, operator: Exists}]}}]}}
  securityContext: {sysctls: [{name: net.core.somaxconn, value: "1"}], fsGroup: 1}
  hostAliases: [{ip: 10.0.0.1, hostnames: [a.b]}]
"#;
    let lb = r#"
apiVersion: v1
kind: Service
metadata: {name: s, annotations: {service.beta.kubernetes.io/load-balancer-source-ranges: "10.0.0.0/8"}}
spec: {type: LoadBalancer, externalTrafficPolicy: Local, healthCheckNodePort: 30000, clusterIP: 10.96.0.1, clusterIPs: [10.96.0.1, "fd00::1"], ipFamilies: [IPv4, IPv6], externalIPs: [127.0.0.1], loadBalancerSourceRanges: [10.0.0.1/8], ports: [{port: 80, nodePort: 30080, name: a}, {port: 80, nodePort: 30080, name: b}], sessionAffinity: ClientIP, sessionAffinityConfig: {clientIP: {timeoutSeconds: 0}}}
"#;
    let manifests = [
        rich_pod,
        POD,
        DEPLOYMENT,
        REPLICA_SET,
        SERVICE,
        lb,
        "apiVersion: v1\nkind: Namespace\nmetadata: {name: n}\nspec: {finalizers: [x]}\n",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ntype: kubernetes.io/dockercfg\ndata: {.dockercfg: e30=}\n",
    ];
    let mut state = 42u64;
    let mut decoded = 0;
    for manifest in manifests {
        let base: Value = serde_yaml::from_str(manifest).unwrap();
        for _ in 0..40 {
            let mut v = base.clone();
            if let Some(m) = v.as_object_mut() {
                for (k, x) in m.iter_mut() {
                    if k != "apiVersion" && k != "kind" {
                        mangle(x, &mut state);
                    }
                }
            }
            // Values of the wrong type fail decoding, which is not validation's concern.
            let Ok(mut obj) = Object::from_value(v) else {
                continue;
            };
            decoded += 1;
            let old = obj.clone();
            apply_defaults(&mut obj);
            if let Object::Pod(p) = &mut obj {
                admission::admit_pod(p, "zzzzz");
            }
            prepare_for_create(&mut obj);
            let errs = validate(&obj);
            let _ = invalid_message(obj.kind(), obj.name(), &errs);
            let mut new = old.clone();
            apply_defaults(&mut new);
            prepare_for_update(&mut new, &obj);
            let _ = validate_update(&obj, &new);
        }
    }
    // Enough of the mangled objects still decode to exercise validation.
    assert!(decoded > 100, "{decoded}");
}
