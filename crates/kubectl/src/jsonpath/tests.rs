//! Tests for the jsonpath printer: upstream's test tables, then cases checked against kubectl v1.35.2.

use super::JsonPath;
use expect_test::expect;
use serde_json::{Value, json};

/// Runs `template` like upstream's `testJSONPath`: output, or the bare error of parsing or executing.
fn run(template: &str, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
    JsonPath::parse_bare(template)?.render(data, allow_missing_keys)
}

/// Checks a table of `(name, template, expected output or None for "some error")`.
fn check_table(data: &Value, allow_missing_keys: bool, cases: &[(&str, &str, Option<&str>)]) {
    for (name, template, expected) in cases {
        let got = run(template, data, allow_missing_keys);
        match expected {
            Some(expected) => assert_eq!(got.as_deref(), Ok(*expected), "{name}: {template}"),
            None => assert!(got.is_err(), "{name}: {template}: expected an error, got {got:?}"),
        }
    }
}

/// Checks a table of `(name, template, expected bare error)`.
fn check_errors(data: &Value, allow_missing_keys: bool, cases: &[(&str, &str, &str)]) {
    for (name, template, expected) in cases {
        assert_eq!(run(template, data, allow_missing_keys), Err(expected.to_string()), "{name}: {template}");
    }
}

/// Upstream `jsonpath_test.go`, `TestTypesInput`. Go structs become JSON objects, whose keys print
/// sorted (`name`, `type`, `value`) where Go prints a struct's fields in declaration order.
#[test]
fn upstream_types_input() {
    let types = json!({
        "bools": [true, false, true, false],
        "integers": [1, 2, 3, 4],
        "floats": [1.0, 2.2, 3.3, 4.0],
        "strings": ["one", "two", "three", "four"],
        "interfaces": [true, "one", 1, 1.1],
        "maps": [
            {"name": "one", "value": 1},
            {"name": "two", "value": 2.02},
            {"name": "three", "value": 3.03},
            {"name": "four", "value": 4.04},
        ],
        "structs": [
            {"name": "one", "value": 1, "type": "integer"},
            {"name": "two", "value": 2.002, "type": "float"},
            {"name": "three", "value": 3, "type": "integer"},
            {"name": "four", "value": 4.004, "type": "float"},
        ],
    });
    check_table(
        &types,
        false,
        &[
            ("boolSlice", "{ .bools }", Some("[true,false,true,false]")),
            ("boolSliceIndex", "{ .bools[0] }", Some("true")),
            ("boolSliceIndex", "{ .bools[-1] }", Some("false")),
            ("boolSubSlice", "{ .bools[0:2] }", Some("true false")),
            ("boolSubSliceFirst2", "{ .bools[:2] }", Some("true false")),
            ("boolSubSliceStep2", "{ .bools[:4:2] }", Some("true true")),
            ("integerSlice", "{ .integers }", Some("[1,2,3,4]")),
            ("integerSliceIndex", "{ .integers[0] }", Some("1")),
            ("integerSliceIndexReverse", "{ .integers[-2] }", Some("3")),
            ("integerSubSliceFirst2", "{ .integers[0:2] }", Some("1 2")),
            ("integerSubSliceFirst2Alt", "{ .integers[:2] }", Some("1 2")),
            ("integerSubSliceStep2", "{ .integers[:4:2] }", Some("1 3")),
            ("floatSlice", "{ .floats }", Some("[1,2.2,3.3,4]")),
            ("floatSliceIndex", "{ .floats[0] }", Some("1")),
            ("floatSliceIndexReverse", "{ .floats[-2] }", Some("3.3")),
            ("floatSubSliceFirst2", "{ .floats[0:2] }", Some("1 2.2")),
            ("floatSubSliceFirst2Alt", "{ .floats[:2] }", Some("1 2.2")),
            ("floatSubSliceStep2", "{ .floats[:4:2] }", Some("1 3.3")),
            ("stringSlice", "{ .strings }", Some(r#"["one","two","three","four"]"#)),
            ("stringSliceIndex", "{ .strings[0] }", Some("one")),
            ("stringSliceIndexReverse", "{ .strings[-2] }", Some("three")),
            ("stringSubSliceFirst2", "{ .strings[0:2] }", Some("one two")),
            ("stringSubSliceFirst2Alt", "{ .strings[:2] }", Some("one two")),
            ("stringSubSliceStep2", "{ .strings[:4:2] }", Some("one three")),
            ("interfaceSlice", "{ .interfaces }", Some(r#"[true,"one",1,1.1]"#)),
            ("interfaceSliceIndex", "{ .interfaces[0] }", Some("true")),
            ("interfaceSliceIndexReverse", "{ .interfaces[-2] }", Some("1")),
            ("interfaceSubSliceFirst2", "{ .interfaces[0:2] }", Some("true one")),
            ("interfaceSubSliceFirst2Alt", "{ .interfaces[:2] }", Some("true one")),
            ("interfaceSubSliceStep2", "{ .interfaces[:4:2] }", Some("true 1")),
            (
                "mapSlice",
                "{ .maps }",
                Some(
                    r#"[{"name":"one","value":1},{"name":"two","value":2.02},{"name":"three","value":3.03},{"name":"four","value":4.04}]"#,
                ),
            ),
            ("mapSliceIndex", "{ .maps[0] }", Some(r#"{"name":"one","value":1}"#)),
            ("mapSliceIndexReverse", "{ .maps[-2] }", Some(r#"{"name":"three","value":3.03}"#)),
            ("mapSubSliceFirst2", "{ .maps[0:2] }", Some(r#"{"name":"one","value":1} {"name":"two","value":2.02}"#)),
            ("mapSubSliceFirst2Alt", "{ .maps[:2] }", Some(r#"{"name":"one","value":1} {"name":"two","value":2.02}"#)),
            ("mapSubSliceStepOdd", "{ .maps[::2] }", Some(r#"{"name":"one","value":1} {"name":"three","value":3.03}"#)),
            (
                "mapSubSliceStepEven",
                "{ .maps[1::2] }",
                Some(r#"{"name":"two","value":2.02} {"name":"four","value":4.04}"#),
            ),
            (
                "structSlice",
                "{ .structs }",
                Some(
                    r#"[{"name":"one","type":"integer","value":1},{"name":"two","type":"float","value":2.002},{"name":"three","type":"integer","value":3},{"name":"four","type":"float","value":4.004}]"#,
                ),
            ),
            ("structSliceIndex", "{ .structs[0] }", Some(r#"{"name":"one","type":"integer","value":1}"#)),
            ("structSliceIndexReverse", "{ .structs[-2] }", Some(r#"{"name":"three","type":"integer","value":3}"#)),
            (
                "structSubSliceFirst2",
                "{ .structs[0:2] }",
                Some(r#"{"name":"one","type":"integer","value":1} {"name":"two","type":"float","value":2.002}"#),
            ),
            (
                "structSubSliceFirst2Alt",
                "{ .structs[:2] }",
                Some(r#"{"name":"one","type":"integer","value":1} {"name":"two","type":"float","value":2.002}"#),
            ),
            (
                "structSubSliceStepOdd",
                "{ .structs[::2] }",
                Some(r#"{"name":"one","type":"integer","value":1} {"name":"three","type":"integer","value":3}"#),
            ),
            (
                "structSubSliceStepEven",
                "{ .structs[1::2] }",
                Some(r#"{"name":"two","type":"float","value":2.002} {"name":"four","type":"float","value":4.004}"#),
            ),
        ],
    );
}

fn store() -> Value {
    json!({
        "Name": "jsonpath",
        "Book": [
            {"Category": "reference", "Author": "Nigel Rees", "Title": "Sayings of the Centurey", "Price": 8.95},
            {"Category": "fiction", "Author": "Evelyn Waugh", "Title": "Sword of Honour", "Price": 12.99},
            {"Category": "fiction", "Author": "Herman Melville", "Title": "Moby Dick", "Price": 8.99},
        ],
        "Bicycle": [
            {"Color": "red", "Price": 19.95, "IsNew": true},
            {"Color": "green", "Price": 20.01, "IsNew": false},
        ],
        "Labels": {"engieer": 10, "web/html": 15, "k8s-app": 20},
        "Employees": {"jason": "manager", "dan": "clerk"},
    })
}

/// Upstream `jsonpath_test.go`, `TestStructInput`, with the Go struct as a JSON object: members are
/// visited in key order (`Bicycle` before `Book`), where Go follows the struct's field order.
#[test]
fn upstream_struct_input() {
    let store = store();
    check_table(&Value::Null, false, &[("plain", "hello jsonpath", Some("hello jsonpath"))]);
    check_table(&json!([1, 2, 3]), false, &[("recursive", "{..}", Some("[1,2,3]"))]);
    check_table(&json!([2, 6, 3, 7]), false, &[("filter", "{[?(@<5)]}", Some("2 3"))]);
    check_table(&Value::Null, false, &[("quote", r#"{"{"}"#, Some("{"))]);
    check_table(&json!([0, 1, 2, 3, 4]), false, &[("union", "{[1,3,4]}", Some("1 3 4"))]);
    check_table(&json!(["Monday", "Tudesday"]), false, &[("array", "{[0:2]}", Some("Monday Tudesday"))]);
    check_table(
        &store,
        false,
        &[
            ("variable", "hello {.Name}", Some("hello jsonpath")),
            ("dict/", "{$.Labels.web/html}", Some("15")),
            ("dict/", "{$.Employees.jason}", Some("manager")),
            ("dict/", "{$.Employees.dan}", Some("clerk")),
            ("dict-", "{.Labels.k8s-app}", Some("20")),
            ("nest", "{.Bicycle[*].Color}", Some("red green")),
            ("allarray", "{.Book[*].Author}", Some("Nigel Rees Evelyn Waugh Herman Melville")),
            (
                "allfields",
                r#"{range .Bicycle[*]}{ "{" }{ @.* }{ "} " }{end}"#,
                Some("{red true 19.95} {green false 20.01} "),
            ),
            ("recurfields", "{..Price}", Some("19.95 20.01 8.95 12.99 8.99")),
            ("recurdotfields", "{...Price}", Some("19.95 20.01 8.95 12.99 8.99")),
            ("superrecurfields", "{............................................................Price}", None),
            (
                "allstructsSlice",
                "{.Bicycle}",
                Some(r#"[{"Color":"red","IsNew":true,"Price":19.95},{"Color":"green","IsNew":false,"Price":20.01}]"#),
            ),
            (
                "allstructs",
                r#"{range .Bicycle[*]}{ @ }{ " " }{end}"#,
                Some(r#"{"Color":"red","IsNew":true,"Price":19.95} {"Color":"green","IsNew":false,"Price":20.01} "#),
            ),
            (
                "lastarray",
                "{.Book[-1:]}",
                Some(r#"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#),
            ),
            (
                "recurarray",
                "{..Book[2]}",
                Some(r#"{"Author":"Herman Melville","Category":"fiction","Price":8.99,"Title":"Moby Dick"}"#),
            ),
            ("bool", "{.Bicycle[?(@.IsNew==true)]}", Some(r#"{"Color":"red","IsNew":true,"Price":19.95}"#)),
        ],
    );
    check_table(
        &store,
        true,
        &[
            ("nonexistent field", "{.hello}", Some("")),
            ("nonexistent field 2", "before-{.hello}after", Some("before-after")),
        ],
    );
    check_errors(
        &store,
        false,
        &[
            ("invalid identifier", "{hello}", "unrecognized identifier hello"),
            ("nonexistent field", "{.hello}", "hello is not found"),
            // Upstream's struct field is a `map[string]int`; decoded JSON is `map[string]interface {}`.
            ("invalid array", "{.Labels[0]}", "map[string]interface {} is not array or slice"),
            ("invalid filter operator", "{.Book[?(@.Price<>10)]}", "unrecognized filter operator <>"),
            ("redundant end", "{range .Labels.*}{@}{end}{end}", "not in range, nothing to end"),
        ],
    );
}

/// Upstream `jsonpath_test.go`, `TestJSONInput`.
#[test]
fn upstream_json_input() {
    let points = json!([
        {"id": "i1", "x": 4, "y": -5},
        {"id": "i2", "x": -2, "y": -5, "z": 1},
        {"id": "i3", "x": 8, "y": 3},
        {"id": "i4", "x": -6, "y": -1},
        {"id": "i5", "x": 0, "y": 2, "z": 1},
        {"id": "i6", "x": 1, "y": 4},
        {"id": "i7", "x": null, "y": 4},
    ]);
    check_table(
        &points,
        false,
        &[
            ("exists filter", "{[?(@.z)].id}", Some("i2 i5")),
            ("bracket key", "{[0]['id']}", Some("i1")),
            ("nil value", "{[-1]['x']}", Some("null")),
        ],
    );
}

fn nodes() -> Value {
    json!({
        "kind": "List",
        "items": [
            {
                "kind": "None",
                "metadata": {"name": "127.0.0.1", "labels": {"kubernetes.io/hostname": "127.0.0.1"}},
                "status": {
                    "capacity": {"cpu": "4"},
                    "ready": true,
                    "addresses": [{"type": "LegacyHostIP", "address": "127.0.0.1"}],
                },
            },
            {
                "kind": "None",
                "metadata": {"name": "127.0.0.2", "labels": {"kubernetes.io/hostname": "127.0.0.2"}},
                "status": {
                    "capacity": {"cpu": "8"},
                    "ready": false,
                    "addresses": [
                        {"type": "LegacyHostIP", "address": "127.0.0.2"},
                        {"type": "another", "address": "127.0.0.3"},
                    ],
                },
            },
        ],
        "users": [
            {"name": "myself", "user": {}},
            {"name": "e2e", "user": {"username": "admin", "password": "secret"}},
        ],
    })
}

/// Upstream `jsonpath_test.go`, `TestKubernetes` (whose "recursive name" case sorts Go's random order;
/// ours is key order).
#[test]
fn upstream_kubernetes() {
    check_table(
        &nodes(),
        false,
        &[
            ("range item", "{range .items[*]}{.metadata.name}, {end}{.kind}", Some("127.0.0.1, 127.0.0.2, List")),
            (
                "range item with quote",
                r#"{range .items[*]}{.metadata.name}{"\t"}{end}"#,
                Some("127.0.0.1\t127.0.0.2\t"),
            ),
            ("range addresss", "{.items[*].status.addresses[*].address}", Some("127.0.0.1 127.0.0.2 127.0.0.3")),
            (
                "double range",
                "{range .items[*]}{range .status.addresses[*]}{.address}, {end}{end}",
                Some("127.0.0.1, 127.0.0.2, 127.0.0.3, "),
            ),
            ("item name", "{.items[*].metadata.name}", Some("127.0.0.1 127.0.0.2")),
            (
                "union nodes capacity",
                "{.items[*]['metadata.name', 'status.capacity']}",
                Some(r#"127.0.0.1 127.0.0.2 {"cpu":"4"} {"cpu":"8"}"#),
            ),
            (
                "range nodes capacity",
                "{range .items[*]}[{.metadata.name}, {.status.capacity}] {end}",
                Some(r#"[127.0.0.1, {"cpu":"4"}] [127.0.0.2, {"cpu":"8"}] "#),
            ),
            ("user password", r#"{.users[?(@.name=="e2e")].user.password}"#, Some("secret")),
            ("hostname", r"{.items[0].metadata.labels.kubernetes\.io/hostname}", Some("127.0.0.1")),
            (
                "hostname filter",
                r#"{.items[?(@.metadata.labels.kubernetes\.io/hostname=="127.0.0.1")].kind}"#,
                Some("None"),
            ),
            ("bool item", "{.items[?(@..ready==true)].metadata.name}", Some("127.0.0.1")),
            ("recursive name", "{..name}", Some("127.0.0.1 127.0.0.2 myself e2e")),
        ],
    );
}

/// Upstream `jsonpath_test.go`, `TestEmptyRange`.
#[test]
fn upstream_empty_range() {
    check_table(
        &json!({"items": []}),
        true,
        &[
            ("empty range", "{range .items[*]}{.metadata.name}{end}", Some("")),
            (
                "empty nested range",
                r#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#,
                Some(""),
            ),
        ],
    );
}

/// Upstream `jsonpath_test.go`, `TestNestedRanges`.
#[test]
fn upstream_nested_ranges() {
    let data = json!({"items": [
        {"metadata": {"name": "pod1"}, "spec": {"containers": [
            {"name": "foo", "another": [{"name": "value1"}, {"name": "value2"}]},
            {"name": "bar", "another": [{"name": "value1"}, {"name": "value2"}]},
        ]}},
        {"metadata": {"name": "pod2"}, "spec": {"containers": [
            {"name": "baz", "another": [{"name": "value1"}, {"name": "value2"}]},
        ]}},
    ]});
    check_table(
        &data,
        false,
        &[
            (
                "nested range with a trailing newline",
                r#"{range .items[*]}{.metadata.name}{":"}{range @.spec.containers[*]}{.name}{","}{end}{"+"}{end}"#,
                Some("pod1:foo,bar,+pod2:baz,+"),
            ),
            (
                "nested range with a trailing character within another nested range with a trailing newline",
                concat!(
                    r#"{range .items[*]}{.metadata.name}{"~"}{range @.spec.containers[*]}{.name}{":"}"#,
                    r##"{range @.another[*]}{.name}{","}{end}{"+"}{end}{"#"}{end}"##
                ),
                Some("pod1~foo:value1,value2,+bar:value1,value2,+#pod2~baz:value1,value2,+#"),
            ),
            (
                "two nested ranges at the same level with a trailing newline",
                concat!(
                    r#"{range .items[*]}{.metadata.name}{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}"#,
                    r#"{"\t"}{range @.spec.containers[*]}{.name}{" "}{end}{"\n"}{end}"#
                ),
                Some("pod1\tfoo bar \tfoo bar \npod2\tbaz \tbaz \n"),
            ),
        ],
    );
}

/// Upstream `jsonpath_test.go`, `TestFilterPartialMatchesSometimesMissingAnnotations`.
#[test]
fn upstream_filter_partial_matches() {
    let data = json!({"kind": "List", "items": [
        {"kind": "Pod", "metadata": {"name": "pod1", "annotations": {"color": "blue"}}},
        {"kind": "Pod", "metadata": {"name": "pod2"}},
        {"kind": "Pod", "metadata": {"name": "pod3", "annotations": {"color": "green"}}},
        {"kind": "Pod", "metadata": {"name": "pod4", "annotations": {"color": "blue"}}},
    ]});
    let template = r#"{.items[?(@.metadata.annotations.color=="blue")].metadata.name}"#;
    check_table(&data, true, &[("tolerate missing items", template, Some("pod1 pod4"))]);
    check_errors(&data, false, &[("error on missing items", template, "annotations is not found")]);
}

fn four_containers(count: usize) -> Value {
    let containers: Vec<Value> =
        (0..count).map(|i| json!({"image": "radial/busyboxplus:curl", "name": format!("fake{i}")})).collect();
    json!({"apiVersion": "v1", "kind": "Pod", "spec": {"containers": containers}})
}

/// Upstream `jsonpath_test.go`, `TestNegativeIndex`.
#[test]
fn upstream_negative_index() {
    check_table(
        &four_containers(4),
        false,
        &[
            ("containers[0]", "{.spec.containers[0].name}", Some("fake0")),
            ("containers[0:0]", "{.spec.containers[0:0].name}", Some("")),
            ("containers[0:-1]", "{.spec.containers[0:-1].name}", Some("fake0 fake1 fake2")),
            ("containers[-1:0]", "{.spec.containers[-1:0].name}", None),
            ("containers[-1]", "{.spec.containers[-1].name}", Some("fake3")),
            ("containers[-1:]", "{.spec.containers[-1:].name}", Some("fake3")),
            ("containers[-2]", "{.spec.containers[-2].name}", Some("fake2")),
            ("containers[-2:]", "{.spec.containers[-2:].name}", Some("fake2 fake3")),
            ("containers[-3]", "{.spec.containers[-3].name}", Some("fake1")),
            ("containers[-4]", "{.spec.containers[-4].name}", Some("fake0")),
            ("containers[-4:]", "{.spec.containers[-4:].name}", Some("fake0 fake1 fake2 fake3")),
            ("containers[-5]", "{.spec.containers[-5].name}", None),
            ("containers[5:5]", "{.spec.containers[5:5].name}", Some("")),
            ("containers[-5:-5]", "{.spec.containers[-5:-5].name}", Some("")),
            ("containers[3:1]", "{.spec.containers[3:1].name}", None),
            ("containers[-1:-2]", "{.spec.containers[-1:-2].name}", None),
        ],
    );
    check_errors(
        &four_containers(4),
        false,
        &[
            ("containers[-1:0]", "{.spec.containers[-1:0].name}", "starting index 3 is greater than ending index 0"),
            ("containers[-5]", "{.spec.containers[-5].name}", "array index out of bounds: index -1, length 4"),
            ("containers[3:1]", "{.spec.containers[3:1].name}", "starting index 3 is greater than ending index 1"),
            ("containers[5]", "{.spec.containers[5].name}", "array index out of bounds: index 5, length 4"),
            ("containers[0:5]", "{.spec.containers[0:5].name}", "array index out of bounds: index 4, length 4"),
        ],
    );
}

/// Upstream `jsonpath_test.go`, `TestRunningPodsJSONPathOutput`.
#[test]
fn upstream_running_pods() {
    let data = json!({"kind": "List", "items": [
        {"kind": "Pod", "metadata": {"name": "pod1"}, "status": {"phase": "Running"}},
        {"kind": "Pod", "metadata": {"name": "pod2"}, "status": {"phase": "Running"}},
        {"kind": "Pod", "metadata": {"name": "pod3"}, "status": {"phase": "Running"}},
        {"resourceVersion": ""},
    ]});
    check_table(
        &data,
        true,
        &[(
            "range over pods without selecting the last one",
            r#"{range .items[?(.status.phase=="Running")]}{.metadata.name}{" is Running\n"}{end}"#,
            Some("pod1 is Running\npod2 is Running\npod3 is Running\n"),
        )],
    );
}

/// Upstream `jsonpath_test.go`, `TestStep`.
#[test]
fn upstream_step() {
    check_table(
        &four_containers(6),
        false,
        &[
            ("containers[0:]", "{.spec.containers[0:].name}", Some("fake0 fake1 fake2 fake3 fake4 fake5")),
            ("containers[0:6:]", "{.spec.containers[0:6:].name}", Some("fake0 fake1 fake2 fake3 fake4 fake5")),
            ("containers[0:6:1]", "{.spec.containers[0:6:1].name}", Some("fake0 fake1 fake2 fake3 fake4 fake5")),
            ("containers[0:6:0]", "{.spec.containers[0:6:0].name}", None),
            ("containers[0:6:-1]", "{.spec.containers[0:6:-1].name}", None),
            ("containers[1:4:2]", "{.spec.containers[1:4:2].name}", Some("fake1 fake3")),
            ("containers[1:4:3]", "{.spec.containers[1:4:3].name}", Some("fake1")),
            ("containers[1:4:4]", "{.spec.containers[1:4:4].name}", Some("fake1")),
            ("containers[0:6:2]", "{.spec.containers[0:6:2].name}", Some("fake0 fake2 fake4")),
            ("containers[0:6:3]", "{.spec.containers[0:6:3].name}", Some("fake0 fake3")),
            ("containers[0:6:5]", "{.spec.containers[0:6:5].name}", Some("fake0 fake5")),
            ("containers[0:6:6]", "{.spec.containers[0:6:6].name}", Some("fake0")),
        ],
    );
    check_errors(&four_containers(6), false, &[("step 0", "{.spec.containers[0:6:0].name}", "step must be > 0")]);
}

/// What `kubectl create deployment web --image=nginx --dry-run=client -o json` prints.
fn deployment() -> Value {
    json!({
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": {"labels": {"app": "web"}, "name": "web"},
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": {"app": "web"}},
            "strategy": {},
            "template": {
                "metadata": {"labels": {"app": "web"}},
                "spec": {"containers": [{"image": "nginx", "name": "nginx", "resources": {}}]},
            },
        },
        "status": {},
    })
}

/// Outputs of kubectl v1.35.2 (`kubectl create deployment web --image=nginx --dry-run=client -o jsonpath=…`).
#[test]
fn matches_kubectl() {
    check_table(
        &deployment(),
        true,
        &[
            ("object", r#"{.metadata}{"\n"}"#, Some("{\"labels\":{\"app\":\"web\"},\"name\":\"web\"}\n")),
            ("number", "{.spec.replicas}", Some("1")),
            (
                "array element",
                "{.spec.template.spec.containers[0]}",
                Some(r#"{"image":"nginx","name":"nginx","resources":{}}"#),
            ),
            ("string bytes", "{.metadata.name.*}", Some("119 101 98")),
            ("literals", "{1.50}|{+3}{-3}{3.}|{100000000000000000000}", Some("1.5|3-33|1e+20")),
            (
                "empty index is [0]",
                "{.spec.template.spec.containers[]}",
                Some(r#"{"image":"nginx","name":"nginx","resources":{}}"#),
            ),
            // A range without `{end}` runs the rest inside the loop, then once more outside it.
            ("unterminated range", "{range .spec.template.spec.containers[*]}{.name}{.kind}", Some("nginxDeployment")),
            ("escaped key", r"{.metadata.labels.app}{.spec.template.metadata.labels['app']}", Some("webweb")),
            ("dollar", "{$.kind}{@.kind}", Some("DeploymentDeployment")),
            (
                "recursive descent",
                "{..}",
                Some(concat!(
                    r#"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"labels":{"app":"web"},"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"strategy":{},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}},"status":{}} "#,
                    r#"apps/v1 Deployment {"labels":{"app":"web"},"name":"web"} {"app":"web"} web web "#,
                    r#"{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"strategy":{},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}} "#,
                    r#"{"matchLabels":{"app":"web"}} {"app":"web"} web "#,
                    r#"{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}} "#,
                    r#"{"labels":{"app":"web"}} {"app":"web"} web {"containers":[{"image":"nginx","name":"nginx","resources":{}}]} "#,
                    r#"[{"image":"nginx","name":"nginx","resources":{}}] {"image":"nginx","name":"nginx","resources":{}} nginx nginx"#
                )),
            ),
        ],
    );
    check_errors(
        &deployment(),
        false,
        &[(
            "empty range with missing keys disallowed",
            "{range .spec.template.spec.containers[0:0]}{.name}{end}",
            "name is not found",
        )],
    );
    check_errors(
        &deployment(),
        true,
        &[
            ("map", "{.metadata[0]}", "map[string]interface {} is not array or slice"),
            ("string", "{.metadata.name[0]}", "string is not array or slice"),
            (
                "filter a map",
                "{.metadata[?(@.a)]}",
                "map[labels:map[app:web] name:web] is not array or slice and cannot be filtered",
            ),
            ("filter a string", "{.kind[?(@.a==1)]}", "Deployment is not array or slice and cannot be filtered"),
            ("exponent", "{1e5}", "unrecognized identifier e5"),
        ],
    );
}

#[test]
fn filters() {
    let data = json!({"items": [
        {"name": "a", "price": 8.95, "count": 3, "tags": ["x"], "on": true, "nothing": null},
        {"name": "b", "price": 12.5, "count": 10, "tags": ["x", "y"], "on": false},
        {"name": "c", "count": -1},
    ]});
    check_table(
        &data,
        true,
        &[
            ("float compare", "{.items[?(@.price<10.0)].name}", Some("a")),
            ("int compare", "{.items[?(@.count>=3)].name}", Some("a b")),
            ("ne", r#"{.items[?(@.name!="a")].name}"#, Some("b c")),
            ("le", "{.items[?(@.count<=3)].name}", Some("a c")),
            ("single quotes", "{.items[?(@.name=='b')].count}", Some("10")),
            ("exists", "{.items[?(@.price)].name}", Some("a b")),
            ("exists on null", "{.items[?(@.nothing)].name}", Some("a")),
            ("bool", "{.items[?(@.on==false)].name}", Some("b")),
            // An exists filter keeps an element when the failing step still returned values.
            ("exists with error", "{.items[?(@.tags[1])].name}", Some("a b")),
            ("several results", "{.items[?(@.tags[0]=='x')].name}", Some("a b")),
            ("nested", r#"{.items[?(@.name=="b")].tags[?(@=="y")]}"#, Some("y")),
        ],
    );
    check_errors(
        &data,
        true,
        &[
            ("int and float", "{.items[?(@.price<10)].name}", "incompatible types for comparison"),
            ("string and int", "{.items[?(@.name==1)].name}", "incompatible types for comparison"),
            ("bool order", "{.items[?(@.on<true)].name}", "invalid type for comparison"),
            ("array", "{.items[?(@.tags==1)].name}", "invalid type for comparison"),
            ("null", "{.items[?(@.nothing==1)].name}", "invalid type for comparison"),
            ("two values", "{.items[?(@.tags[*]=='x')].name}", "can only compare one element at a time"),
            ("not an array", "{.items[0].tags[0][?(@.a)]}", "x is not array or slice and cannot be filtered"),
            (
                "null is not an array",
                "{.items[0].nothing[?(@.a)]}",
                "<nil> is not array or slice and cannot be filtered",
            ),
        ],
    );
}

#[test]
fn ranges() {
    let data = json!({"a": [1, null, "s"], "b": []});
    check_table(
        &data,
        true,
        &[
            // Go hands a range body `value.Interface()`: a null element becomes no value at all.
            ("null element", "{range .a[*]}<{@}>{end}", Some("<1><<no value>><s>")),
            ("text after end", "{range .b[*]}x{end}y", Some("y")),
            ("same level", "{range .a[0:1]}{@}{end}{range .a[2:]}{@}{end}", Some("1s")),
            ("bytes", "{range .a[2].*}{@},{end}", Some("115,")),
        ],
    );
    check_errors(&data, true, &[("end alone", "{end}", "not in range, nothing to end")]);
}

#[test]
fn json_output() {
    let path = JsonPath::parse(r#"{.items[*].metadata.name}{"x"}{.nothing}{.items[0].metadata}"#).unwrap();
    let data = nodes();
    expect![[r#"
        [
            "127.0.0.1",
            "127.0.0.2"
        ]
        [
            "x"
        ]
        []
        [
            {
                "labels": {
                    "kubernetes.io/hostname": "127.0.0.1"
                },
                "name": "127.0.0.1"
            }
        ]
    "#]]
    .assert_eq(&path.execute_as_json(&data, true).unwrap());
}

#[test]
fn kubectl_error_messages() {
    expect![[r#"error: error parsing jsonpath {.a[}, unterminated array"#]]
        .assert_eq(&JsonPath::parse("{.a[}").unwrap_err());

    let data = json!({"apiVersion": "v1", "data": {"a": "x\u{8}<&>\u{1}\u{2028}é\"\\", "b": "2"}, "kind": "ConfigMap", "metadata": {"name": "c"}});
    let path = JsonPath::parse("{.a}").unwrap();
    assert_eq!(path.execute(&data, true).as_deref(), Ok(""));
    // As kubectl v1.35.2 prints it (`kubectl create configmap c --from-literal=… -o jsonpath='{.a}'
    // --allow-missing-template-keys=false`), but for the final newline.
    expect![[r#"
        error: error executing jsonpath "{.a}": Error executing template: a is not found. Printing more information for debugging the template:
        	template was:
        		{.a}
        	object given to jsonpath engine was:
        		map[string]interface {}{"apiVersion":"v1", "data":map[string]interface {}{"a":"x\b<&>\x01\u2028é\"\\", "b":"2"}, "kind":"ConfigMap", "metadata":map[string]interface {}{"name":"c"}}

    "#]]
    .assert_eq(&path.execute(&data, false).unwrap_err());
    assert_eq!(
        JsonPath::parse("{.data}").unwrap().execute(&data, true).as_deref(),
        Ok(r#"{"a":"x\b\u003c\u0026\u003e\u0001\u2028é\"\\","b":"2"}"#)
    );
}

#[test]
fn runaway_ranges_stop() {
    let data = json!({"a": [1, 2, 3, 4, 5, 6, 7, 8, 9]});
    // Each range walks the nine bytes of a literal, whatever the value: 9^12 runs of the body.
    let template = r#"{range "123456789".*}"#.repeat(12) + "{@}";
    assert_eq!(run(&template, &data, true), Err("the template takes too many steps to run".to_string()));
    let deep = "{range .a[0:1]}".repeat(1001);
    assert_eq!(run(&deep, &data, true), Err("too many nested ranges".to_string()));
}

/// No input makes the parser or evaluator panic.
#[test]
fn odd_templates_do_not_panic() {
    let data = nodes();
    let templates = [
        "",
        "{",
        "}",
        "{}",
        "{{}}",
        "{[",
        "{[?(",
        "{[?()]}",
        "{[?(@)]}",
        "{..}",
        "{.}",
        "{..[*]}",
        "{[-9223372036854775808]}",
        "{[9223372036854775807]}",
        "{[:-9223372036854775808]}",
        "{[::9223372036854775807]}",
        "{['']}",
        "{[',']}",
        "{[?(@.a=='}')]}",
        "{range}",
        "{range range .items}{end}",
        "{end end}",
        "{range .items}{range",
        "{\"\\u00\"}",
        "{\"\\777\"}",
        "{'\\\"'}",
        "{\"\\U0010ffff\\U00110000\"}",
        "{é}",
        "{.é[0]}",
        "{[é]}",
        "{..é}",
        "{[?(@é=é)]}",
        "{range .items[*]}{[0]}{end}",
        "{.items[*][?(@)]}",
        "{.items[-9223372036854775808]}",
        "{.items[9223372036854775807]}",
        "{.items[:-9223372036854775808]}",
        "{.items[::9223372036854775807]}",
        "{.users[*].user.*.*.*}",
        "{.a\\",
    ];
    for template in templates {
        if let Ok(path) = JsonPath::parse(template) {
            let _ = path.execute(&data, false);
            let _ = path.execute(&data, true);
            let _ = path.execute_as_json(&data, true);
        }
    }
}
