//! Tests of editor diagnostics: each kind of problem at its exact line and column.

use expect_test::{Expect, expect};
use kubeplay_engine::cluster::ClusterSpec;

use super::*;

fn session() -> Session {
    Session::new(&ClusterSpec::default(), 1)
}

/// One diagnostic a line: `LINE:COLUMN-END severity [path]: message`, the path only where the message does
/// not start with it; multi-line messages indented.
fn render(diags: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diags {
        let end = d.end_column.map(|e| format!("-{e}")).unwrap_or_default();
        let sev = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path =
            if d.path.is_empty() || d.message.starts_with(&d.path) { String::new() } else { format!(" [{}]", d.path) };
        out.push_str(&format!("{}:{}{end} {sev}{path}: {}\n", d.line, d.column, d.message.replace('\n', "\n    ")));
    }
    out
}

fn check(text: &str, expect: Expect) {
    expect.assert_eq(&render(&check_file(&session(), "app.yaml", text)));
}

const DEPLOYMENT: &str = "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
";

#[test]
fn empty_and_comment_only_files_have_none() {
    check("", expect![[""]]);
    check("# just a comment\n\n# another\n", expect![[""]]);
    check("---\n---\n", expect![[""]]);
}

#[test]
fn a_valid_file_has_none() {
    check(DEPLOYMENT, expect![[""]]);
}

#[test]
fn other_files_are_not_manifests() {
    let s = session();
    assert!(check_file(&s, "nginx.conf", "this: is: not yaml").is_empty());
    assert!(check_file(&s, "overlay/kustomization.yaml", "resources: [a.yaml]\n").is_empty());
    assert_eq!(check_file(&s, "deploy.yml", "a: b\n  c: d\n").len(), 1);
}

#[test]
fn yaml_syntax_errors() {
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n    bad: indent\n",
        expect![[r#"
            5:8 error: error converting YAML to JSON: yaml: line 5: mapping values are not allowed in this context
        "#]],
    );
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n",
        expect![[r#"
            5:3-7 error: error converting YAML to JSON: yaml: line 5: key "name" already set in map
        "#]],
    );
}

#[test]
fn unknown_fields_each_at_their_key() {
    let text = DEPLOYMENT
        .replace("  replicas: 2\n", "  replica: 2\n")
        .replace("        image: nginx:1.27\n", "        image: nginx:1.27\n        imagePullPolice: Always\n");
    check(
        &text,
        expect![[r#"
            6:3-10 error [spec.replica]: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"
            18:9-24 error [spec.template.spec.containers[0].imagePullPolice]: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"
        "#]],
    );
}

#[test]
fn type_errors() {
    check(
        &DEPLOYMENT.replace("replicas: 2", "replicas: two"),
        expect![[r#"
            6:3-11 error [spec.replicas]: Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field .spec.replicas of type int32
        "#]],
    );
}

#[test]
fn removed_api_versions_say_which_to_use() {
    check(
        "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: web\n",
        expect![[r#"
            1:1-11 error [apiVersion]: no matches for kind "Deployment" in version "extensions/v1beta1"
                hint: Deployment is served as apps/v1 since extensions/v1beta1 was removed; change apiVersion to apps/v1
        "#]],
    );
    check(
        "apiVersion: example.k8s.io/v1\nkind: Widget\nmetadata:\n  name: w\n",
        expect![[r#"
            1:1-11 error [apiVersion]: no matches for kind "Widget" in version "example.k8s.io/v1"
                ensure CRDs are installed first
        "#]],
    );
}

#[test]
fn missing_kind_is_reported_at_the_document() {
    check(
        "# leading comment\napiVersion: v1\nmetadata:\n  name: x\n",
        expect![[r#"
            2:1-11 error: Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'
        "#]],
    );
}

#[test]
fn validation_errors_land_on_their_fields() {
    // No selector: `spec.selector` is not written, so its error marks `spec`; the labels error marks them.
    let text = DEPLOYMENT.replace("  selector:\n    matchLabels:\n      app: web\n", "");
    check(
        &text,
        expect![[r#"
            5:1-5 error: spec.selector: Required value
            9:7-13 error: spec.template.metadata.labels: Invalid value: {"app":"web"}: `selector` does not match template `labels`
        "#]],
    );
    let text = DEPLOYMENT
        .replace("name: web\nspec", "name: Web_1\nspec")
        .replace("        image: nginx:1.27\n", "        image: \"\"\n        imagePullPolicy: Sometimes\n");
    check(
        &text,
        expect![[r#"
            4:3-7 error: metadata.name: Invalid value: "Web_1": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')
            17:9-14 error: spec.template.spec.containers[0].image: Required value
            18:9-24 error: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"
        "#]],
    );
}

#[test]
fn map_key_paths_are_found() {
    assert_eq!(manifest_path("data[a.b]"), "data.a.b");
    assert_eq!(manifest_path("spec.containers[0].resources.limits[cpu]"), "spec.containers[0].resources.limits.cpu");
    assert_eq!(manifest_path("[].spec"), "spec");
    assert_eq!(manifest_path("a[unclosed"), "a[unclosed");
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\ndata:\n  good: \"1\"\n  \"bad key\": \"2\"\n",
        expect![[r#"
            7:3-12 error: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
        "#]],
    );
}

#[test]
fn columns_count_characters() {
    check(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {ok: \"é🚀\", \"bad key\": \"2\"}\n",
        expect![[r#"
            4:18-27 error: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')
        "#]],
    );
}

#[test]
fn later_documents_keep_their_lines() {
    let text = format!(
        "{DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {{app: web}}\n  ports:\n  - port: 80\n    targetPort: 70000\n"
    );
    check(
        &text,
        expect![[r#"
            27:5-15 error: spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive
        "#]],
    );
}

#[test]
fn existing_objects_are_checked_as_updates() {
    let mut s = session();
    s.files.insert("web.yaml".into(), DEPLOYMENT.into());
    assert!(!s.run_line("kubectl apply -f web.yaml").failed);
    let text = DEPLOYMENT
        .replace("      app: web\n  template", "      app: web2\n  template")
        .replace("      labels:\n        app: web\n", "      labels:\n        app: web2\n");
    expect![[r#"
        7:3-11 error: spec.selector: Invalid value: {"matchLabels":{"app":"web2"}}: field is immutable
    "#]]
    .assert_eq(&render(&check_file(&s, "web.yaml", &text)));
    // The same text as a new object is valid.
    check(&text, expect![[""]]);
}

#[test]
fn missing_namespaces_unless_created_earlier_in_the_file() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: demo\nspec:\n  containers:\n  - name: c\n    image: busybox\n";
    check(
        pod,
        expect![[r#"
            5:3-12 error [metadata.namespace]: namespaces "demo" not found
        "#]],
    );
    check(&format!("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: demo\n---\n{pod}"), expect![[""]]);
}

#[test]
fn the_session_is_not_changed() {
    let s = session();
    let mut before = s.clone();
    let svc = "apiVersion: v1\nkind: Service\nmetadata:\n  generateName: web-\nspec:\n  ports:\n  - port: 80\n";
    let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  generateName: p-\nspec:\n  containers:\n  - name: c\n    image: busybox\n";
    let text = format!("{svc}---\n{pod}");
    assert!(check_file(&s, "x.yaml", &text).is_empty());
    let mut after = s.clone();
    for sess in [&mut before, &mut after] {
        sess.files.insert("x.yaml".into(), text.clone());
        sess.run_line("kubectl create -f x.yaml");
    }
    let get = "kubectl get svc,pods -o wide";
    assert_eq!(before.run_line(get), after.run_line(get));
}

#[test]
fn token_ends() {
    let text = "a: \"q\\\"x\" # c\nb: 'it''s'\nc: {x: 1, y: [2]}\nd: plain value # c\ne: [open\n";
    let end = |line, column| token_end(text, Pos { line, column });
    assert_eq!(end(1, 4), Some(10));
    assert_eq!(end(2, 4), Some(11));
    assert_eq!(end(3, 4), Some(18));
    assert_eq!(end(3, 5), Some(6));
    assert_eq!(end(3, 8), Some(9));
    assert_eq!(end(4, 4), Some(15));
    assert_eq!(end(5, 4), Some(9));
    assert_eq!(end(4, 3), None);
    assert_eq!(end(9, 1), None);
    assert_eq!(end(1, 99), None);
}

/// Deterministic mangling of real manifests (deleted, duplicated and replaced characters, inserted YAML
/// punctuation): the check must return, whatever it finds.
#[test]
fn mangled_inputs_never_panic() {
    let tokens = [
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        "&a",
        "*a",
        "!!int",
        "---",
        "\t",
        "  ",
        "null",
        "-1",
        "1e400",
        "?",
        "|",
        ">",
        "#",
        "\u{feff}",
        "é",
        "[0]",
        "kind",
        "apiVersion",
        "metadata",
        "spec",
        "\n",
        "\r\n",
    ];
    let base = format!(
        "{DEPLOYMENT}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector: {{app: web}}\n  ports:\n  - port: 80\n"
    );
    let mut s = session();
    s.files.insert("web.yaml".into(), DEPLOYMENT.into());
    s.run_line("kubectl apply -f web.yaml");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for i in 0..600 {
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..1 + next(5) {
            let at = next(chars.len().max(1)).min(chars.len());
            match next(4) {
                0 if at < chars.len() => {
                    chars.remove(at);
                }
                1 => {
                    for (k, c) in tokens[next(tokens.len())].chars().enumerate() {
                        chars.insert(at + k, c);
                    }
                }
                2 => {
                    let end = (at + 1 + next(60)).min(chars.len());
                    let copy: Vec<char> = chars[at..end].to_vec();
                    for (k, c) in copy.into_iter().enumerate() {
                        chars.insert(end + k, c);
                    }
                }
                _ if at < chars.len() => chars[at] = if chars[at].is_ascii_digit() { 'x' } else { '9' },
                _ => {}
            }
        }
        let text: String = chars.into_iter().collect();
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_file(&s, "m.yaml", &text)));
        let diags = r.unwrap_or_else(|_| panic!("iteration {i} panicked on:\n{text}"));
        assert!(diags.windows(2).all(|w| (w[0].line, w[0].column) <= (w[1].line, w[1].column)));
        assert!(diags.iter().all(|d| d.line >= 1 && d.column >= 1));
    }
    for text in ["\u{0}", "[", "{", "- - -", "*x", "&a [*a]", "\t", ":", "? ", "%YAML 1.2\n---\n", "'", "\"\\"] {
        check_file(&s, "m.yaml", text);
    }
}
