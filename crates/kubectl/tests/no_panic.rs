//! The offline kubectl never panics, whatever the command line: random words from
//! kubectl's vocabulary run through `run_local`.

use kubeplay_kubectl::generate::Files;
use kubeplay_kubectl::local::run_local;

/// A few files, some of them strange.
struct MemFiles;

impl Files for MemFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let text: &str = match path {
            "x.yaml" => include_str!("fixtures/deployment.yaml"),
            "p.yaml" => include_str!("fixtures/pod.yaml"),
            "bad.yaml" => "a: [\n- : :\n",
            "list.yaml" => "- 1\n- 2\n",
            "k" | "c" => "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----\n",
            "e.env" => "\u{feff}A=1\n1B=2\n=\n",
            _ => return Err("no such file or directory".into()),
        };
        Ok(text.as_bytes().to_vec())
    }
    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        (path == "d").then(|| vec!["x.yaml".into()])
    }
    fn exists(&self, path: &str) -> bool {
        self.read(path).is_ok() || path == "d"
    }
}

const WORDS: &[&str] = &[
    "create",
    "deployment",
    "deploy",
    "namespace",
    "service",
    "clusterip",
    "nodeport",
    "externalname",
    "job",
    "configmap",
    "secret",
    "generic",
    "tls",
    "docker-registry",
    "run",
    "patch",
    "label",
    "annotate",
    "set",
    "image",
    "web",
    "-",
    "--",
    "=",
    "a=b",
    "a-",
    "*=x",
    "--image=nginx",
    "--image",
    "-o",
    "yaml",
    "json",
    "name",
    "-oyaml",
    "--dry-run=client",
    "--dry-run",
    "--local",
    "-f",
    "x.yaml",
    "-p",
    "{}",
    "[]",
    "{\"spec\":null}",
    "--type=json",
    "--type=merge",
    "-n",
    "ns",
    "--tcp=80:8080",
    "--tcp=:",
    "--tcp=0x",
    "--port=-1",
    "--replicas=0x7fffffff",
    "-r",
    "-it",
    "--restart=Never",
    "--env=A=1",
    "--labels=a=b,c",
    "--overrides={\"x\":1}",
    "--from-literal==",
    "--from-file=a=b=c",
    "--cert",
    "--key=k",
    "--external-name=a..b",
    "--clusterip=None",
    "--node-port=99999999999999999999",
    "é",
    "p.yaml",
    "bad.yaml",
    "list.yaml",
    "--cert=c",
    "--from-env-file=e.env",
    "--from-file=d",
    "--from-file=x.yaml",
    "nginx=busybox",
    "app-",
    "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"nginx\",\"$patch\":\"replace\"}]}}}}",
    "[{\"op\":\"move\",\"from\":\"/spec\",\"path\":\"/spec/x\"}]",
    "[{\"op\":\"add\",\"path\":\"/a/-1\"}]",
    "{\"$setElementOrder/containers\":[1]}",
    "{\"metadata\":{\"$retainKeys\":\"x\"}}",
    "--overwrite",
    "\u{2028}",
    "-\u{e9}",
    "--\u{e9}=1",
    "-n=",
    "-",
];

#[test]
fn random_command_lines_do_not_panic() {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..30_000 {
        let len = (next() % 9) as usize;
        let argv: Vec<String> = (0..len).map(|_| WORDS[(next() % WORDS.len() as u64) as usize].to_string()).collect();
        let _ = run_local(&argv, &MemFiles, &mut || "abcde".to_string());
    }
}

#[test]
fn odd_values_print_without_panicking() {
    use kubeplay_engine::quantity::marshal_quantity as canonical;
    use kubeplay_kubectl::format::{to_json, to_json_sorted, to_yaml};
    for q in [
        "1e2147483647",
        "1e-2147483648",
        "0.0000000000000000000001",
        "99999999999999999999999999999999999999Ei",
        "-0.5Ki",
        "1.5e",
        "+",
        ".",
    ] {
        let _ = canonical(q);
    }
    let v: serde_json::Value = serde_json::from_str(
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"\u2028\t'\"","labels":{"":"","-":"---"}},
        "spec":{"containers":[{"name":1,"resources":{"limits":{"cpu":"1e999999"}}}]},"x":[1e300,-1e-300,18446744073709551615]}"#,
    )
    .unwrap();
    let _ = (to_json(&v), to_json_sorted(&v), to_yaml(&v));
    let _ = kubeplay_kubectl::typed::normalize(&v);
}

#[test]
fn random_patches_do_not_panic() {
    use kubeplay_kubectl::patch::{PatchType, apply_patch};
    use serde_json::{Map, Value};
    let target: Value = serde_yaml::from_str(include_str!("fixtures/deployment.yaml")).unwrap();
    let keys = [
        "spec",
        "template",
        "containers",
        "initContainers",
        "name",
        "image",
        "env",
        "ports",
        "containerPort",
        "metadata",
        "labels",
        "finalizers",
        "strategy",
        "$patch",
        "$retainKeys",
        "$setElementOrder/containers",
        "$deleteFromPrimitiveList/finalizers",
        "tolerations",
        "value",
        "op",
        "path",
        "from",
        "replicas",
        "volumes",
    ];
    let leaves = ["delete", "replace", "merge", "nginx", "sidecar", "/spec", "/spec/template/spec/containers/0", "-1"];
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    fn build(next: &mut dyn FnMut() -> u64, depth: u32, keys: &[&str], leaves: &[&str]) -> Value {
        match next() % if depth > 4 { 4 } else { 7 } {
            0 => Value::Null,
            1 => Value::from(next() % 500),
            2 | 3 => Value::from(leaves[(next() % leaves.len() as u64) as usize]),
            4 => Value::Array((0..next() % 4).map(|_| build(next, depth + 1, keys, leaves)).collect()),
            _ => {
                let mut m = Map::new();
                for _ in 0..next() % 4 {
                    let k = keys[(next() % keys.len() as u64) as usize];
                    m.insert(k.to_string(), build(next, depth + 1, keys, leaves));
                }
                Value::Object(m)
            }
        }
    }
    for _ in 0..20_000 {
        let patch = build(&mut next, 0, &keys, &leaves);
        for t in [PatchType::Strategic, PatchType::Merge, PatchType::Json] {
            let _ = apply_patch("Deployment", &target, &patch, t);
        }
    }
}
