//! Tests for the custom-columns printer: upstream's `customcolumn_test.go`, then kubectl-like tables.

use super::{CustomColumns, CustomColumnsOutput, print_custom_columns, relaxed_jsonpath};
use expect_test::expect;
use serde_json::{Value, json};

/// Upstream `pkg/cmd/get/customcolumn_test.go`, `TestMassageJSONPath`.
#[test]
fn upstream_massage_jsonpath() {
    let cases: &[(&str, Option<&str>)] = &[
        ("foo.bar", Some("{.foo.bar}")),
        ("{foo.bar}", Some("{.foo.bar}")),
        (".foo.bar", Some("{.foo.bar}")),
        ("{.foo.bar}", Some("{.foo.bar}")),
        ("", Some("")),
        ("{foo.bar", None),
        ("foo.bar}", None),
        ("{foo.bar}}", None),
        ("{{foo.bar}", None),
        // Beyond upstream's table: what the regular expression makes of these.
        (".", Some("{..}")),
        ("{.}", Some("{..}")),
        ("{}", None),
        ("$.a", Some("{.$.a}")),
    ];
    for (input, expected) in cases {
        assert_eq!(relaxed_jsonpath(input).ok().as_deref(), *expected, "{input}");
    }
}

/// Upstream `customcolumn_test.go`, `TestNewColumnPrinterFromSpec`.
#[test]
fn upstream_column_printer_from_spec() {
    for spec in ["", "invalid", "invalid=foobar", "invalid,foobar:blah"] {
        assert!(CustomColumns::parse(spec).is_err(), "{spec}");
    }
    let columns = CustomColumns::parse("NAME:metadata.name,API_VERSION:apiVersion").unwrap();
    let parsed: Vec<(&str, &str)> = columns.columns.iter().map(|c| (c.header.as_str(), c.template.as_str())).collect();
    assert_eq!(parsed, [("NAME", "{.metadata.name}"), ("API_VERSION", "{.apiVersion}")]);
    // "no-headers"
    assert_eq!(print_custom_columns("API_VERSION:apiVersion", &[json!({})], true).as_deref(), Ok("<none>\n"));

    assert_eq!(
        CustomColumns::parse("").unwrap_err(),
        "error: custom-columns format specified but no custom columns given"
    );
    assert_eq!(
        CustomColumns::parse("invalid,foobar:blah").unwrap_err(),
        "error: unexpected custom-columns spec: invalid, expected <header>:<json-path-expr>"
    );
    assert_eq!(
        CustomColumns::parse("A:{a").unwrap_err(),
        "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'"
    );
}

/// Upstream `customcolumn_test.go`, `TestNewColumnPrinterFromTemplate`.
#[test]
fn upstream_column_printer_from_template() {
    for spec in ["", "invalid", "invalid=foobar", "invalid,foobar:blah"] {
        assert!(CustomColumns::parse_template_file(spec).is_err(), "{spec}");
    }
    let expected = CustomColumns::parse("NAME:{metadata.name},API_VERSION:{apiVersion}").unwrap();
    let one = "NAME               API_VERSION\n{metadata.name}    {apiVersion}";
    let two = "NAME               \t\tAPI_VERSION\n\t\t\t\t\t\t\t{metadata.name}    {apiVersion}";
    assert_eq!(CustomColumns::parse_template_file(one), Ok(expected.clone()));
    assert_eq!(CustomColumns::parse_template_file(two), Ok(expected));
    assert_eq!(
        CustomColumns::parse_template_file("A B\n").unwrap_err(),
        "error: invalid template, missing spec line. Expected format is one line of space separated headers, one \
         line of space separated column specs."
    );
    assert_eq!(
        CustomColumns::parse_template_file("A B\r\n.a\r\n").unwrap_err(),
        "error: number of headers (2) and field specifications (1) don't match"
    );
}

fn pod(name: &str, api_version: &str) -> Value {
    json!({"apiVersion": api_version, "metadata": {"name": name}})
}

/// Upstream `customcolumn_test.go`, `TestColumnPrint` and `TestIndividualPrintObjOnExistingTabWriter`.
#[test]
fn upstream_column_print() {
    let cases: &[(&str, Vec<Value>, &str)] = &[
        ("NAME:{.metadata.name}", vec![pod("foo", "")], "NAME\nfoo\n"),
        ("NAME:{.metadata.name}", vec![pod("foo", ""), pod("bar", "")], "NAME\nfoo\nbar\n"),
        (
            "NAME:{.metadata.name},API_VERSION:{.apiVersion}",
            vec![pod("foo", "baz")],
            "NAME   API_VERSION\nfoo    baz\n",
        ),
        (
            "NAME:{.metadata.name},API_VERSION:{.apiVersion},NOT_FOUND:{.notFound}",
            vec![pod("foo", "baz")],
            "NAME   API_VERSION   NOT_FOUND\nfoo    baz           <none>\n",
        ),
        ("NAME:{.metadata.name}", vec![pod("\u{1b} \r", "")], "NAME\n^[ \\r\n"),
        (
            "NAME:{.metadata.name},LONG COLUMN NAME:{.metadata.labels.label1},LABEL 2:{.metadata.labels.label2}",
            vec![
                json!({"metadata": {"name": "foo", "labels": {"label1": "foo", "label2": "foo"}}}),
                json!({"metadata": {"name": "bar", "labels": {"label1": "bar", "label2": "bar"}}}),
            ],
            "NAME   LONG COLUMN NAME   LABEL 2\nfoo    foo                foo\nbar    bar                bar\n",
        ),
    ];
    for (spec, items, expected) in cases {
        assert_eq!(print_custom_columns(spec, items, false).as_deref(), Ok(*expected), "{spec}");
    }
}

/// Upstream `customcolumn_test.go`, `TestSliceColumnPrint`.
#[test]
fn upstream_slice_column_print() {
    let containers: Vec<Value> = (0..4).map(|i| json!({"name": format!("fake{i}")})).collect();
    let pod = json!({
        "metadata": {"name": "fake-name", "namespace": "fake-namespace"},
        "spec": {"containers": containers},
    });
    let cases: &[(&str, Option<&str>)] = &[
        ("containers[0]", Some("fake0")),
        ("containers[3]", Some("fake3")),
        ("containers[5]", None),
        ("containers[-1]", Some("fake3")),
        ("containers[-2]", Some("fake2")),
        ("containers[-4]", Some("fake0")),
        ("containers[-5]", None),
        ("containers[0:0]", Some("<none>")),
        ("containers[0:3]", Some("fake0,fake1,fake2")),
        ("containers[1:]", Some("fake1,fake2,fake3")),
        ("containers[3:1]", None),
        ("containers[0:-1]", Some("fake0,fake1,fake2")),
        ("containers[-1:]", Some("fake3")),
        ("containers[-4:]", Some("fake0,fake1,fake2,fake3")),
        ("containers[-3:-1]", Some("fake1,fake2")),
        ("containers[-2:-3]", None),
        ("containers[4:4]", Some("<none>")),
        ("containers[-5:-5]", Some("<none>")),
    ];
    for (containers, expected) in cases {
        let spec = format!("CONTAINER:.spec.{containers}.name");
        let got = print_custom_columns(&spec, std::slice::from_ref(&pod), false);
        match expected {
            Some(value) => assert_eq!(got, Ok(format!("CONTAINER\n{value}\n")), "{spec}"),
            None => assert!(got.is_err(), "{spec}: {got:?}"),
        }
    }
}

fn pods() -> Vec<Value> {
    vec![
        json!({
            "metadata": {"name": "web-7d4b9c8f5-abcde", "namespace": "default", "labels": {"app": "web", "pod-template-hash": "7d4b9c8f5"}},
            "spec": {"nodeName": "worker-1", "containers": [{"name": "nginx", "image": "nginx:1.27", "ports": [{"containerPort": 80}]}]},
            "status": {"phase": "Running", "podIP": "10.244.1.5", "conditions": [{"type": "Ready", "status": "True"}]},
        }),
        json!({
            "metadata": {"name": "db-0", "namespace": "default"},
            "spec": {"containers": [{"name": "postgres", "image": "postgres:16"}, {"name": "exporter", "image": "exporter:1"}]},
            "status": {"phase": "Pending", "conditions": []},
        }),
    ]
}

#[test]
fn kubectl_like_tables() {
    let table = |spec: &str| print_custom_columns(spec, &pods(), false).unwrap();
    expect![[r#"
        NAME                  NODE       IP           IMAGES
        web-7d4b9c8f5-abcde   worker-1   10.244.1.5   nginx:1.27
        db-0                  <none>     <none>       postgres:16,exporter:1
    "#]]
    .assert_eq(&table("NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP,IMAGES:.spec.containers[*].image"));
    // Objects print as Go's fmt.Sprint, not JSON.
    expect![[r#"
        LABELS                                     PORTS                     READY
        map[app:web pod-template-hash:7d4b9c8f5]   [map[containerPort:80]]   True
        <none>                                     <none>                    <none>
    "#]]
    .assert_eq(&table(
        r#"LABELS:.metadata.labels,PORTS:{.spec.containers[0].ports},READY:.status.conditions[?(@.type=="Ready")].status"#,
    ));
    expect![[r#"
        web-7d4b9c8f5-abcde   Running
        db-0                  Pending
    "#]]
    .assert_eq(&print_custom_columns("N:metadata.name,P:status.phase", &pods(), true).unwrap());
    // Only a header for no objects.
    assert_eq!(print_custom_columns("NAME:.metadata.name", &[], false).as_deref(), Ok("NAME\n"));
}

#[test]
fn errors_after_partial_output() {
    let columns = CustomColumns::parse("NAME:.metadata.name,SECOND:.spec.containers[1].name").unwrap();
    // kubectl prints the rows before the failing object, then the error.
    let mut items = pods();
    items.reverse();
    assert_eq!(
        columns.print(&items, false),
        CustomColumnsOutput {
            stdout: "NAME   SECOND\ndb-0   exporter\n".to_string(),
            error: Some("error: array index out of bounds: index 1, length 1".to_string()),
        }
    );
    // A path that does not parse fails after the header.
    assert_eq!(
        CustomColumns::parse("NAME:.metadata.name,X:.a[").unwrap().print(&pods(), false),
        CustomColumnsOutput { stdout: "NAME   X\n".to_string(), error: Some("error: unterminated array".to_string()) }
    );
    assert_eq!(print_custom_columns("X:.a[", &pods(), true), Err("error: unterminated array".to_string()));
}

#[test]
fn awkward_values() {
    let items = vec![
        json!({"a": "multi\nline", "b": "x"}),
        json!({"a": "tab\there", "b": "y"}),
        json!({"a": 1.5e6, "b": [1, null, {"k": true}]}),
        json!({"a": "", "b": {}}),
    ];
    expect![[r#"
        A     B
        multi
        line      x
        tab       here   y
        1.5e+06   [1 <nil> map[k:true]]
                  map[]
    "#]]
    .assert_eq(&print_custom_columns("A:a,B:b", &items, false).unwrap());
    assert_eq!(print_custom_columns("X:.", &[json!("s")], false).as_deref(), Ok("X\ns\n"));
    assert_eq!(
        print_custom_columns("X:,Y:$.a", &[json!({"a": 1})], false).as_deref(),
        Ok("X        Y\n<none>   <none>\n")
    );
}
