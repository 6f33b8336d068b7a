//! `kubectl patch`'s three patch types, with kubectl's results and error texts.
//!
//! - Strategic merge patch follows upstream
//!   `apimachinery/pkg/util/strategicpatch/patch.go` (`mergeMap`, `mergeSlice`, the
//!   `$patch`, `$retainKeys`, `$deleteFromPrimitiveList` and `$setElementOrder`
//!   directives), reading merge keys and strategies from the Go struct tags in
//!   [`crate::schema`].
//! - JSON merge patch and JSON patch follow `gopkg.in/evanphx/json-patch.v4`, which
//!   kubectl uses, including where it departs from RFC 7386/6902 (nulls inside arrays are
//!   pruned when merged into a missing field; `replace` of a missing object key adds it).
//!
//! Patch documents are applied in sorted key order; upstream walks Go maps in random
//! order, which only matters for patches whose keys conflict.

use serde_json::{Map, Value};

use crate::gosort;
use crate::schema::{self, Go, Node};

/// `--type`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    Strategic,
    Merge,
    Json,
}

impl PatchType {
    /// The `--type` value.
    pub fn parse(s: &str) -> Option<PatchType> {
        match s.to_ascii_lowercase().as_str() {
            "strategic" => Some(PatchType::Strategic),
            "merge" => Some(PatchType::Merge),
            "json" => Some(PatchType::Json),
            _ => None,
        }
    }
}

/// Applies `patch` to `target` (an object of kind `kind_hint`, or of the kind its
/// `apiVersion`/`kind` name), returning the patched object or kubectl's error text
/// (without the `error: ` prefix).
pub fn apply_patch(kind_hint: &str, target: &Value, patch: &Value, patch_type: PatchType) -> Result<Value, String> {
    match patch_type {
        PatchType::Json => json_patch(target, patch),
        PatchType::Merge => merge_patch(target, patch),
        PatchType::Strategic => {
            let api_version = target.get("apiVersion").and_then(Value::as_str).unwrap_or("");
            let kind = target.get("kind").and_then(Value::as_str).unwrap_or(kind_hint);
            let Some(ty) = schema::kind_type(api_version, kind) else {
                let (group, version) = api_version.split_once('/').unwrap_or(("", api_version));
                return Err(format!(
                    "strategic merge patch is not supported for {group}/{version}, Kind={kind} locally, try --type merge"
                ));
            };
            let (Value::Object(original), Value::Object(patch)) = (target, patch) else {
                return Err("invalid JSON document".into());
            };
            merge_map(original.clone(), patch.clone(), Meta::Node(Node::Struct(ty))).map(Value::Object)
        }
    }
}

// ---------------------------------------------------------------------------------------
// Go-flavoured value helpers

/// `fmt.Sprint` of a decoded JSON value (`%v`).
pub(crate) fn go_v(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => go_float_v(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => s.clone(),
        Value::Array(a) => format!("[{}]", a.iter().map(go_v).collect::<Vec<_>>().join(" ")),
        Value::Object(m) => {
            format!("map[{}]", m.iter().map(|(k, v)| format!("{k}:{}", go_v(v))).collect::<Vec<_>>().join(" "))
        }
    }
}

/// `%v` of a float64: shortest digits, exponent form below 1e-4 or from 1e21.
fn go_float_v(f: f64) -> String {
    if f == f.trunc() && f.abs() < 1e21 {
        return format!("{}", f as i128);
    }
    let abs = f.abs();
    if (1e-4..1e21).contains(&abs) {
        return format!("{f}");
    }
    let s = format!("{f:e}");
    let (m, e) = s.split_once('e').unwrap_or((&s, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// The Go type name of a decoded JSON value (`reflect.TypeOf`).
fn go_type(v: Option<&Value>) -> &'static str {
    match v {
        None | Some(Value::Null) => "<nil>",
        Some(Value::Bool(_)) => "bool",
        Some(Value::Number(_)) => "float64",
        Some(Value::String(_)) => "string",
        Some(Value::Array(_)) => "[]interface {}",
        Some(Value::Object(_)) => "map[string]interface {}",
    }
}

fn same_go_type(a: &Value, b: &Value) -> bool {
    go_type(Some(a)) == go_type(Some(b))
}

/// Go's `==` on two decoded JSON values (maps and slices never compare equal here; Go
/// would panic).
fn go_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Null, Value::Null) => true,
        _ => false,
    }
}

fn go_eq_opt(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(x), Some(y)) => go_eq(x, y),
        (None, Some(Value::Null)) | (Some(Value::Null), None) => true,
        _ => false,
    }
}

fn err_no_merge_key(m: &Map<String, Value>, key: &str) -> String {
    format!("map: {} does not contain declared merge key: {key}", go_v(&Value::Object(m.clone())))
}

fn err_bad_arg_type(expected: &str, actual: Option<&Value>) -> String {
    format!("expected a {expected}, but received a {}", go_type(actual))
}

const MAP_TYPE: &str = "map[string]interface {}";
const SLICE_TYPE: &str = "[]interface {}";

// ---------------------------------------------------------------------------------------
// Strategic merge patch

const DIRECTIVE: &str = "$patch";
const RETAIN_KEYS: &str = "$retainKeys";
const DELETE_FROM_PRIMITIVE_LIST: &str = "$deleteFromPrimitiveList";
const SET_ELEMENT_ORDER: &str = "$setElementOrder";

/// The patch metadata upstream's `PatchMetaFromStruct` carries: a Go type.
#[derive(Clone, Copy, Debug)]
enum Meta {
    Node(Node),
}

impl Meta {
    fn kind_name(&self) -> &'static str {
        let Meta::Node(n) = self;
        n.kind_name()
    }

    /// `LookupPatchMetadataForStruct`.
    fn lookup_struct(&self, key: &str) -> Result<(Meta, Vec<&'static str>, &'static str), String> {
        let Meta::Node(n) = self;
        match n {
            Node::Struct(t) => match t.field_fold(key) {
                Some(f) => Ok((Meta::Node(f.node()), f.strategies(), f.merge_key)),
                None => Err(format!(
                    "unable to find api field in struct {} for the json field {}",
                    t.short_name(),
                    crate::flags::go_quote(key)
                )),
            },
            Node::Scalar(Go::Raw | Go::Time | Go::Quantity | Go::IntOrString) => Err(format!(
                "unable to find api field in struct {} for the json field {}",
                "RawExtension",
                crate::flags::go_quote(key)
            )),
            other => {
                Err(format!("merging an object in json but data type is not struct, instead is: {}", other.kind_name()))
            }
        }
    }

    /// `LookupPatchMetadataForSlice`.
    fn lookup_slice(&self, key: &str) -> Result<(Meta, Vec<&'static str>, &'static str), String> {
        let (sub, strategies, merge_key) = self.lookup_struct(key)?;
        let Meta::Node(n) = sub;
        match n {
            Node::Slice(Go::Slice, _) => Err("unexpected slice of slice".into()),
            Node::Slice(..) => {
                let elem = n.elem().unwrap_or(Node::Scalar(Go::String));
                Ok((Meta::Node(elem), strategies, merge_key))
            }
            Node::Scalar(Go::Bytes) => Ok((Meta::Node(Node::Scalar(Go::Int)), strategies, merge_key)),
            _ => Err(format!("expected slice or array type, but got: {}", self.kind_name())),
        }
    }
}

/// `extractRetainKeysPatchStrategy`: the strategy besides `retainKeys`.
fn patch_strategy(strategies: &[&str]) -> Result<String, String> {
    match strategies {
        [] => Ok(String::new()),
        [one] if *one == "retainKeys" => Ok(String::new()),
        [one] => Ok((*one).to_string()),
        [a, b] if *a == "retainKeys" => Ok((*b).to_string()),
        [a, b] if *b == "retainKeys" => Ok((*a).to_string()),
        _ => Err(format!("unexpected patch strategy: [{}]", strategies.join(" "))),
    }
}

fn merge_map(
    mut original: Map<String, Value>,
    mut patch: Map<String, Value>,
    schema: Meta,
) -> Result<Map<String, Value>, String> {
    if let Some(d) = patch.get(DIRECTIVE).cloned() {
        return match d.as_str() {
            Some("replace") => {
                patch.remove(DIRECTIVE);
                Ok(patch)
            }
            Some("delete") => Ok(Map::new()),
            _ => Err(format!("unknown patch type: {} in map: {}", go_s(&d), go_v(&Value::Object(patch.clone())))),
        };
    }
    apply_retain_keys(&mut original, &mut patch)?;
    merge_set_element_order(&mut original, &mut patch, schema)?;

    // Upstream walks the patch in Go's random map order; deletions from primitive lists
    // go last here, so that they also remove what the same patch adds (what kubectl does
    // most of the time).
    let (deletions, rest): (Vec<_>, Vec<_>) =
        patch.into_iter().partition(|(k, _)| k.starts_with(DELETE_FROM_PRIMITIVE_LIST));
    for (key, patch_v) in rest.into_iter().chain(deletions) {
        let mut k = key.clone();
        let mut is_delete_list = false;
        if key.starts_with(DELETE_FROM_PRIMITIVE_LIST) {
            k = extract_key(&key, DELETE_FROM_PRIMITIVE_LIST)?;
            is_delete_list = true;
        }
        if patch_v.is_null() {
            original.remove(&k);
            continue;
        }
        let same_type = original.get(&k).is_some_and(|o| same_go_type(o, &patch_v));
        if !same_type {
            if !is_delete_list {
                let mut v = patch_v;
                discard_nulls(&mut v);
                match remove_directives(v) {
                    Some(v) => {
                        original.insert(k, v);
                    }
                    None => {
                        original.remove(&k);
                    }
                }
            }
            continue;
        }
        let orig_v = original.remove(&k).unwrap_or(Value::Null);
        let merged = match (orig_v, patch_v) {
            (Value::Object(o), Value::Object(p)) => {
                let (sub, strategies, _) = schema.lookup_struct(&k)?;
                let strategy = patch_strategy(&strategies)?;
                if strategy == "replace" { Value::Object(p) } else { Value::Object(merge_map(o, p, sub)?) }
            }
            (Value::Array(o), Value::Array(p)) => {
                let (sub, strategies, merge_key) = schema.lookup_slice(&k)?;
                let strategy = patch_strategy(&strategies)?;
                if strategy == "merge" || is_delete_list {
                    Value::Array(merge_slice(o, p, sub, merge_key, is_delete_list)?)
                } else {
                    Value::Array(p)
                }
            }
            (_, p) => match remove_directives(p) {
                Some(v) => v,
                None => continue,
            },
        };
        original.insert(k, merged);
    }
    Ok(original)
}

/// `%s` of a value in an error message.
fn go_s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => format!("%!s(float64={})", go_float_v(n.as_f64().unwrap_or(0.0))),
        Value::Bool(b) => format!("%!s(bool={b})"),
        Value::Null => "%!s(<nil>)".into(),
        other => go_v(other),
    }
}

fn extract_key(s: &str, prefix: &str) -> Result<String, String> {
    match s.split_once('/') {
        Some((p, rest)) if p == prefix => Ok(rest.to_string()),
        _ => Err(match prefix {
            DELETE_FROM_PRIMITIVE_LIST => "invalid patch format of primitive list".into(),
            SET_ELEMENT_ORDER => "invalid patch format of setElementOrder list".into(),
            _ => format!("fail to find unknown prefix {} in {s}\n", crate::flags::go_quote(prefix)),
        }),
    }
}

fn apply_retain_keys(original: &mut Map<String, Value>, patch: &mut Map<String, Value>) -> Result<(), String> {
    let Some(retain) = patch.remove(RETAIN_KEYS) else {
        return Ok(());
    };
    let Value::Array(list) = retain else {
        return Err("invalid patch format of retainKeys".into());
    };
    let keep = |k: &str| list.iter().any(|v| v.as_str() == Some(k));
    for (k, v) in patch.iter() {
        if v.is_null() || k.starts_with(DELETE_FROM_PRIMITIVE_LIST) || k.starts_with(SET_ELEMENT_ORDER) {
            continue;
        }
        if !keep(k) {
            return Err("invalid patch format of retainKeys".into());
        }
    }
    original.retain(|k, _| keep(k));
    Ok(())
}

/// `mergePatchIntoOriginal`: lists with a `$setElementOrder/<list>` directive.
fn merge_set_element_order(
    original: &mut Map<String, Value>,
    patch: &mut Map<String, Value>,
    schema: Meta,
) -> Result<(), String> {
    let keys: Vec<String> = patch.keys().filter(|k| k.starts_with(SET_ELEMENT_ORDER)).cloned().collect();
    for key in keys {
        let order_v = patch.remove(&key).unwrap_or(Value::Null);
        let Value::Array(order) = order_v else {
            return Err(err_bad_arg_type(SLICE_TYPE, Some(&order_v)));
        };
        let original_key = extract_key(&key, SET_ELEMENT_ORDER)?;
        let original_list = original.get(&original_key).cloned();
        let patch_list = patch.get(&original_key).cloned();
        let original_items = match &original_list {
            Some(Value::Array(a)) => a.clone(),
            Some(other) => return Err(err_bad_arg_type(SLICE_TYPE, Some(other))),
            None => Vec::new(),
        };
        let patch_items = match &patch_list {
            Some(Value::Array(a)) => a.clone(),
            Some(other) => return Err(err_bad_arg_type(SLICE_TYPE, Some(other))),
            None => Vec::new(),
        };
        let (sub, strategies, merge_key) = schema.lookup_slice(&original_key)?;
        let strategy = patch_strategy(&strategies)?;
        validate_patch_with_set_order_list(&patch_items, patch_list.is_some(), &order, merge_key)?;
        let merged = match (original_list.is_some(), patch_list.is_some()) {
            (true, false) => original_items.clone(),
            (false, true) => match remove_directives(Value::Array(patch_items.clone())) {
                Some(Value::Array(v)) => v,
                _ => continue,
            },
            (true, true) => {
                if strategy == "merge" {
                    merge_slice(original_items.clone(), patch_items.clone(), sub, merge_key, false)?
                } else {
                    patch_items.clone()
                }
            }
            (false, false) => continue,
        };
        let (in_patch, server_only) = if merge_key.is_empty() {
            partition_primitives(&merged, &order)
        } else {
            partition_maps(&merged, &order, merge_key)?
        };
        let kind_map = slice_element_kind(&original_items, &patch_items)?;
        let both = normalize_element_order(in_patch, server_only, &order, &original_items, merge_key, kind_map)?;
        original.insert(original_key.clone(), Value::Array(both));
        patch.remove(&original_key);
    }
    Ok(())
}

fn validate_patch_with_set_order_list(
    patch_list: &[Value],
    _present: bool,
    order: &[Value],
    merge_key: &str,
) -> Result<(), String> {
    if order.is_empty() || patch_list.is_empty() {
        return Ok(());
    }
    let non_delete: Vec<&Value> = if merge_key.is_empty() {
        patch_list.iter().collect()
    } else {
        let mut v = Vec::new();
        for item in patch_list {
            let Value::Object(m) = item else {
                return Err(err_bad_arg_type(MAP_TYPE, Some(item)));
            };
            if m.get(DIRECTIVE).and_then(Value::as_str) != Some("delete") {
                v.push(item);
            }
        }
        v
    };
    let (mut pi, mut si) = (0, 0);
    while pi < non_delete.len() && si < order.len() {
        if non_delete[pi].as_object().is_some_and(|m| m.contains_key(DIRECTIVE)) {
            pi += 1;
            continue;
        }
        if merge_key_value_equal(non_delete[pi], &order[si], merge_key)? {
            pi += 1;
        }
        si += 1;
    }
    if pi < non_delete.len() && si >= order.len() {
        return Err(format!(
            "The order in patch list:\n{}\n doesn't match {SET_ELEMENT_ORDER} list:\n{}\n",
            go_v(&Value::Array(patch_list.to_vec())),
            go_v(&Value::Array(order.to_vec()))
        ));
    }
    Ok(())
}

fn merge_key_value_equal(left: &Value, right: &Value, merge_key: &str) -> Result<bool, String> {
    if merge_key.is_empty() {
        return Ok(go_eq(left, right));
    }
    let Value::Object(l) = left else {
        return Err(err_bad_arg_type(MAP_TYPE, Some(left)));
    };
    let Value::Object(r) = right else {
        return Err(err_bad_arg_type(MAP_TYPE, Some(right)));
    };
    let lk = l.get(merge_key).ok_or_else(|| err_no_merge_key(l, merge_key))?;
    let rk = r.get(merge_key).ok_or_else(|| err_no_merge_key(r, merge_key))?;
    Ok(go_eq(lk, rk))
}

/// `removeDirectives`: `None` when the value itself is a directive and must go.
fn remove_directives(v: Value) -> Option<Value> {
    match v {
        Value::Object(m) => {
            if m.contains_key(DIRECTIVE) {
                return None;
            }
            Some(Value::Object(m.into_iter().filter_map(|(k, v)| remove_directives(v).map(|v| (k, v))).collect()))
        }
        Value::Array(a) => Some(Value::Array(a.into_iter().filter_map(remove_directives).collect())),
        other => Some(other),
    }
}

/// `discardNullValuesFromPatch`.
fn discard_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(discard_nulls);
        }
        Value::Array(a) => a.iter_mut().for_each(discard_nulls),
        _ => {}
    }
}

/// The element kind of the lists (`sliceElementType`): whether they hold maps.
fn slice_element_kind(a: &[Value], b: &[Value]) -> Result<bool, String> {
    let mut prev: Option<&'static str> = None;
    for v in a.iter().chain(b) {
        let t = go_type(Some(v));
        match prev {
            None => {
                if t == SLICE_TYPE {
                    return Err("lists of lists are not supported".into());
                }
                prev = Some(t);
            }
            Some(p) if p != t => {
                return Err(format!(
                    "list element types are not identical: [{} {}]",
                    go_v(&Value::Array(a.to_vec())),
                    go_v(&Value::Array(b.to_vec()))
                ));
            }
            Some(_) => {}
        }
    }
    match prev {
        None => Err("no elements in any of the given slices".into()),
        Some(t) => Ok(t == MAP_TYPE),
    }
}

fn merge_slice(
    original: Vec<Value>,
    mut patch: Vec<Value>,
    schema: Meta,
    merge_key: &str,
    is_delete_list: bool,
) -> Result<Vec<Value>, String> {
    if original.is_empty() && patch.is_empty() {
        return Ok(original);
    }
    let is_map = slice_element_kind(&original, &patch)?;
    let server_order: Vec<Value>;
    let merged: Vec<Value>;
    if !is_map {
        if is_delete_list {
            return Ok(original.into_iter().filter(|v| !patch.iter().any(|d| go_eq(v, d))).collect());
        }
        let mut both = original.clone();
        both.extend(patch.iter().cloned());
        merged = dedupe_scalars(both);
        server_order = original;
    } else {
        if merge_key.is_empty() {
            return Err(format!("cannot merge lists without merge key for {}", schema.kind_name()));
        }
        let (orig, p) = merge_slice_special(original, patch, merge_key)?;
        merged = merge_slice_plain(orig.clone(), &p, merge_key, schema)?;
        server_order = orig;
        patch = p;
    }
    let (in_patch, server_only) = if merge_key.is_empty() {
        partition_primitives(&merged, &patch)
    } else {
        partition_maps(&merged, &patch, merge_key)?
    };
    normalize_element_order(in_patch, server_only, &patch, &server_order, merge_key, is_map)
}

/// `deduplicateScalars`, order quirks included.
fn dedupe_scalars(mut s: Vec<Value>) -> Vec<Value> {
    if s.is_empty() {
        return s;
    }
    let mut length = s.len() - 1;
    let mut i = 0;
    while i < length {
        let mut j = i + 1;
        while j <= length {
            if go_eq(&s[i], &s[j]) {
                s[j] = s[length].clone();
                s.truncate(length);
                length -= 1;
                continue;
            }
            j += 1;
        }
        i += 1;
    }
    s
}

/// `mergeSliceWithSpecialElements`: applies `$patch: delete|replace` items.
fn merge_slice_special(
    mut original: Vec<Value>,
    patch: Vec<Value>,
    merge_key: &str,
) -> Result<(Vec<Value>, Vec<Value>), String> {
    let mut plain = Vec::new();
    let mut replace = false;
    for v in patch {
        let Value::Object(m) = &v else {
            return Err(err_bad_arg_type(MAP_TYPE, Some(&v)));
        };
        match m.get(DIRECTIVE) {
            None => plain.push(v),
            Some(Value::String(d)) if d == "delete" => {
                let Some(key_v) = m.get(merge_key) else {
                    return Err(err_no_merge_key(m, merge_key));
                };
                let mut kept = Vec::new();
                for (i, item) in original.iter().enumerate() {
                    let Value::Object(im) = item else {
                        return Err(format!("value for key {i} is not a map"));
                    };
                    if !im.get(merge_key).is_some_and(|x| go_eq(x, key_v)) {
                        kept.push(item.clone());
                    }
                }
                original = kept;
            }
            Some(Value::String(d)) if d == "replace" => replace = true,
            Some(Value::String(d)) if d == "merge" => {
                return Err("merging lists cannot yet be specified in the patch".into());
            }
            Some(d) => {
                return Err(format!("unknown patch type: {} in map: {}", go_s(d), go_v(&v)));
            }
        }
    }
    if replace {
        return Ok((plain, Vec::new()));
    }
    Ok((original, plain))
}

/// `findMapInSliceBasedOnKeyValue`.
fn find_by_key(list: &[Value], key: &str, value: &Value) -> Result<Option<usize>, String> {
    for (i, v) in list.iter().enumerate() {
        let Value::Object(m) = v else {
            return Err(format!("value for key {i} is not a map"));
        };
        if m.get(key).is_some_and(|x| go_eq(x, value)) {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `mergeSliceWithoutSpecialElements`.
fn merge_slice_plain(
    mut original: Vec<Value>,
    patch: &[Value],
    merge_key: &str,
    schema: Meta,
) -> Result<Vec<Value>, String> {
    for v in patch {
        let Value::Object(m) = v else {
            return Err(err_bad_arg_type(MAP_TYPE, Some(v)));
        };
        let key_v = m.get(merge_key).ok_or_else(|| err_no_merge_key(m, merge_key))?;
        match find_by_key(&original, merge_key, key_v)? {
            Some(i) => {
                let Value::Object(om) = original[i].clone() else {
                    continue;
                };
                original[i] = Value::Object(merge_map(om, m.clone(), schema)?);
            }
            None => original.push(v.clone()),
        }
    }
    Ok(original)
}

fn partition_primitives(list: &[Value], by: &[Value]) -> (Vec<Value>, Vec<Value>) {
    list.iter().cloned().partition(|v| by.iter().any(|b| go_eq(v, b)))
}

fn partition_maps(list: &[Value], by: &[Value], merge_key: &str) -> Result<(Vec<Value>, Vec<Value>), String> {
    let (mut in_patch, mut server_only) = (Vec::new(), Vec::new());
    for v in list {
        let Value::Object(m) = v else {
            return Err(err_bad_arg_type(MAP_TYPE, Some(v)));
        };
        let key_v = m.get(merge_key).ok_or_else(|| err_no_merge_key(m, merge_key))?;
        if find_by_key(by, merge_key, key_v)?.is_some() {
            in_patch.push(v.clone());
        } else {
            server_only.push(v.clone());
        }
    }
    Ok((in_patch, server_only))
}

/// upstream `index`: the position of `v` in `list`, by merge key for maps.
fn index_of(list: &[Value], v: &Value, merge_key: &str, is_map: bool) -> Option<usize> {
    let key = |item: &Value| -> Option<Value> {
        if is_map { item.as_object().and_then(|m| m.get(merge_key)).cloned() } else { Some(item.clone()) }
    };
    let want = key(v);
    list.iter().position(|item| go_eq_opt(key(item).as_ref(), want.as_ref()))
}

fn normalize_element_order(
    in_patch: Vec<Value>,
    server_only: Vec<Value>,
    patch_order: &[Value],
    server_order: &[Value],
    merge_key: &str,
    is_map: bool,
) -> Result<Vec<Value>, String> {
    let left = normalize_slice_order(server_only, server_order, merge_key, is_map)?;
    let right = normalize_slice_order(in_patch, patch_order, merge_key, is_map)?;
    // mergeSortedSlice: take from the server list while both are in the server order and
    // the server item comes first; otherwise from the patch list.
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() || j < right.len() {
        if i >= left.len() {
            out.push(right[j].clone());
            j += 1;
        } else if j >= right.len() {
            out.push(left[i].clone());
            i += 1;
        } else {
            let li = index_of(server_order, &left[i], merge_key, is_map);
            let ri = index_of(server_order, &right[j], merge_key, is_map);
            match (li, ri) {
                (Some(a), Some(b)) if a < b => {
                    out.push(left[i].clone());
                    i += 1;
                }
                _ => {
                    out.push(right[j].clone());
                    j += 1;
                }
            }
        }
    }
    Ok(out)
}

fn normalize_slice_order(
    to_sort: Vec<Value>,
    order: &[Value],
    merge_key: &str,
    is_map: bool,
) -> Result<Vec<Value>, String> {
    let mut to_sort = to_sort;
    let mut to_delete = Vec::new();
    if is_map {
        for item in to_sort.iter().chain(order) {
            let Value::Object(m) = item else {
                return Err(err_bad_arg_type(MAP_TYPE, Some(item)));
            };
            if !m.contains_key(merge_key) {
                return Err(err_no_merge_key(m, merge_key));
            }
        }
        let (keep, del): (Vec<Value>, Vec<Value>) =
            to_sort.into_iter().partition(|v| v.get(DIRECTIVE).and_then(Value::as_str) != Some("delete"));
        to_sort = keep;
        to_delete = del;
    }
    gosort::stable(&mut to_sort, &mut |a, b| match (
        index_of(order, a, merge_key, is_map),
        index_of(order, b, merge_key, is_map),
    ) {
        (Some(x), Some(y)) => x < y,
        _ => true,
    });
    to_sort.extend(to_delete);
    Ok(to_sort)
}

// ---------------------------------------------------------------------------------------
// JSON merge patch (evanphx/json-patch v4 `MergePatch`)

/// Applies a JSON merge patch as kubectl's json-patch library does.
pub fn merge_patch(target: &Value, patch: &Value) -> Result<Value, String> {
    match (target, patch) {
        (Value::Object(doc), Value::Object(p)) => {
            let mut doc = doc.clone();
            merge_docs(&mut doc, p);
            Ok(Value::Object(doc))
        }
        (Value::Object(_), Value::Array(items)) => {
            let mut a = Value::Array(items.clone());
            prune_nulls(&mut a);
            Ok(a)
        }
        (Value::Object(_), _) => Err("Invalid JSON Patch".into()),
        (_, Value::Object(p)) => {
            let mut p = Value::Object(p.clone());
            prune_nulls(&mut p);
            Ok(p)
        }
        _ => Err("Invalid JSON Document".into()),
    }
}

fn merge_docs(doc: &mut Map<String, Value>, patch: &Map<String, Value>) {
    for (k, v) in patch {
        if v.is_null() {
            doc.remove(k);
            continue;
        }
        match doc.get_mut(k) {
            None | Some(Value::Null) => {
                let mut v = v.clone();
                prune_nulls(&mut v);
                doc.insert(k.clone(), v);
            }
            Some(cur) => {
                let merged = merge_value(std::mem::take(cur), v);
                doc.insert(k.clone(), merged);
            }
        }
    }
}

fn merge_value(cur: Value, patch: &Value) -> Value {
    let Value::Object(mut cur) = cur else {
        let mut p = patch.clone();
        prune_nulls(&mut p);
        return p;
    };
    let Value::Object(p) = patch else {
        return patch.clone();
    };
    merge_docs(&mut cur, p);
    Value::Object(cur)
}

/// `pruneNulls`: drops null members of objects, at any depth, also inside arrays (but not
/// null array elements themselves).
fn prune_nulls(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !v.is_null());
            m.values_mut().for_each(prune_nulls);
        }
        Value::Array(a) => a.iter_mut().filter(|v| !v.is_null()).for_each(prune_nulls),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------
// JSON patch (evanphx/json-patch v4 `Patch.Apply`)

/// Applies an RFC 6902 JSON patch as kubectl's json-patch library does.
pub fn json_patch(target: &Value, patch: &Value) -> Result<Value, String> {
    let ops = match patch {
        Value::Array(ops) => ops,
        other => {
            return Err(format!("json: cannot unmarshal {} into Go value of type jsonpatch.Patch", json_kind(other)));
        }
    };
    for op in ops {
        if !op.is_object() && !op.is_null() {
            return Err(format!("json: cannot unmarshal {} into Go value of type jsonpatch.Operation", json_kind(op)));
        }
    }
    let mut doc = target.clone();
    for op in ops {
        let empty = Map::new();
        let op = op.as_object().unwrap_or(&empty);
        let kind = match op.get("op") {
            Some(Value::String(s)) => s.as_str(),
            _ => "unknown",
        };
        match kind {
            "add" => jp_add(&mut doc, op)?,
            "remove" => jp_remove(&mut doc, op)?,
            "replace" => jp_replace(&mut doc, op)?,
            "move" => jp_move(&mut doc, op)?,
            "test" => jp_test(&doc, op)?,
            "copy" => jp_copy(&mut doc, op)?,
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(doc)
}

fn json_kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

const MISSING: &str = "missing value";
const INVALID_INDEX: &str = "invalid index referenced";

fn op_path(op: &Map<String, Value>, field: &str) -> Result<String, ()> {
    match op.get(field) {
        Some(Value::String(s)) => Ok(s.clone()),
        _ => Err(()),
    }
}

fn decode_key(k: &str) -> String {
    let mut out = String::new();
    let mut chars = k.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.peek() {
                Some('1') => {
                    chars.next();
                    out.push('/');
                    continue;
                }
                Some('0') => {
                    chars.next();
                    out.push('~');
                    continue;
                }
                _ => {}
            }
        }
        out.push(c);
    }
    out
}

/// Go's `strconv.Atoi` with its error text.
fn atoi(s: &str) -> Result<i64, String> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit()) {
        return Err(format!("strconv.Atoi: parsing {}: invalid syntax", crate::flags::go_quote(s)));
    }
    s.parse().map_err(|_| format!("strconv.Atoi: parsing {}: value out of range", crate::flags::go_quote(s)))
}

/// `findObject`: the container holding the last path element, and that element's key.
fn find_object<'a>(doc: &'a mut Value, path: &str) -> Option<(&'a mut Value, String)> {
    let split: Vec<&str> = path.split('/').collect();
    if split.len() < 2 {
        return None;
    }
    let key = decode_key(split[split.len() - 1]);
    let mut cur = doc;
    for part in &split[1..split.len() - 1] {
        let part = decode_key(part);
        let next = match cur {
            Value::Object(m) => m.get_mut(&part)?,
            Value::Array(a) => {
                let idx = array_index(a.len(), &part).ok()?;
                a.get_mut(idx)?
            }
            _ => return None,
        };
        if !(next.is_object() || next.is_array()) {
            return None;
        }
        cur = next;
    }
    if !(cur.is_object() || cur.is_array()) {
        return None;
    }
    Some((cur, key))
}

/// An existing index (negative counts from the end).
fn array_index(len: usize, key: &str) -> Result<usize, String> {
    let idx = atoi(key)?;
    let len = len as i64;
    let i = if idx < 0 {
        if idx < -len {
            return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
        }
        idx + len
    } else {
        idx
    };
    if i >= len {
        return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
    }
    Ok(i as usize)
}

fn container_get(con: &Value, key: &str) -> Result<Option<Value>, String> {
    match con {
        Value::Object(m) => Ok(m.get(key).cloned()),
        Value::Array(a) => array_index(a.len(), key).map(|i| Some(a[i].clone())),
        _ => Ok(None),
    }
}

fn container_add(con: &mut Value, key: &str, val: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), val);
            Ok(())
        }
        Value::Array(a) => {
            if key == "-" {
                a.push(val);
                return Ok(());
            }
            let idx = atoi(key).map_err(|e| format!("value was not a proper array index: '{key}': {e}"))?;
            let size = a.len() as i64 + 1;
            if idx >= size {
                return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
            }
            let i = if idx < 0 {
                if idx < -size {
                    return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
                }
                idx + size
            } else {
                idx
            };
            a.insert(i as usize, val);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn container_remove(con: &mut Value, key: &str) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            if m.remove(key).is_none() {
                return Err(format!("Unable to remove nonexistent key: {key}: {MISSING}"));
            }
            Ok(())
        }
        Value::Array(a) => {
            let idx = atoi(key)?;
            let len = a.len() as i64;
            if idx >= len {
                return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
            }
            let i = if idx < 0 {
                if idx < -len {
                    return Err(format!("Unable to access invalid index: {idx}: {INVALID_INDEX}"));
                }
                idx + len
            } else {
                idx
            };
            a.remove(i as usize);
            Ok(())
        }
        _ => Ok(()),
    }
}

fn container_set(con: &mut Value, key: &str, val: Value) -> Result<(), String> {
    match con {
        Value::Object(m) => {
            m.insert(key.to_string(), val);
            Ok(())
        }
        Value::Array(a) => {
            let i = array_index(a.len(), key)?;
            a[i] = val;
            Ok(())
        }
        _ => Ok(()),
    }
}

fn op_value(op: &Map<String, Value>) -> Value {
    op.get("value").cloned().unwrap_or(Value::Null)
}

fn jp_add(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let path = op_path(op, "path").map_err(|_| format!("add operation failed to decode path: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &path) else {
        return Err(format!("add operation does not apply: doc is missing path: \"{path}\": {MISSING}"));
    };
    container_add(con, &key, op_value(op)).map_err(|e| format!("error in add for path: '{path}': {e}"))
}

fn jp_remove(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let path = op_path(op, "path").map_err(|_| format!("remove operation failed to decode path: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &path) else {
        return Err(format!("remove operation does not apply: doc is missing path: \"{path}\": {MISSING}"));
    };
    container_remove(con, &key).map_err(|e| format!("error in remove for path: '{path}': {e}"))
}

fn jp_replace(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let path = op_path(op, "path")
        .map_err(|_| format!("replace operation failed to decode path: operation missing path field: {MISSING}"))?;
    if path.is_empty() {
        let v = op_value(op);
        if !(v.is_object() || v.is_array()) {
            return Err("replace operation value must be object or array: %!w(<nil>)".into());
        }
        *doc = v;
        return Ok(());
    }
    let Some((con, key)) = find_object(doc, &path) else {
        return Err(format!("replace operation does not apply: doc is missing path: {path}: {MISSING}"));
    };
    if container_get(con, &key).is_err() {
        return Err(format!("replace operation does not apply: doc is missing key: {path}: {MISSING}"));
    }
    container_set(con, &key, op_value(op)).map_err(|e| format!("error in remove for path: '{path}': {e}"))
}

fn jp_move(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let from = op_path(op, "from")
        .map_err(|_| format!("move operation failed to decode from: operation, missing from field: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &from) else {
        return Err(format!("move operation does not apply: doc is missing from path: {from}: {MISSING}"));
    };
    let val = container_get(con, &key).map_err(|e| format!("error in move for path: '{key}': {e}"))?;
    container_remove(con, &key).map_err(|e| format!("error in move for path: '{key}': {e}"))?;
    let path = op_path(op, "path")
        .map_err(|_| format!("move operation failed to decode path: operation missing path field: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &path) else {
        return Err(format!("move operation does not apply: doc is missing destination path: {path}: {MISSING}"));
    };
    container_add(con, &key, val.unwrap_or(Value::Null)).map_err(|e| format!("error in move for path: '{path}': {e}"))
}

fn jp_copy(doc: &mut Value, op: &Map<String, Value>) -> Result<(), String> {
    let from = op_path(op, "from")
        .map_err(|_| format!("copy operation failed to decode from: operation, missing from field: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &from) else {
        return Err(format!("copy operation does not apply: doc is missing from path: {from}: {MISSING}"));
    };
    let val = container_get(con, &key).map_err(|e| format!("error in copy for from: '{from}': {e}"))?;
    let path = op_path(op, "path").map_err(|_| format!("copy operation failed to decode path: {MISSING}"))?;
    let Some((con, key)) = find_object(doc, &path) else {
        return Err(format!("copy operation does not apply: doc is missing destination path: {path}: {MISSING}"));
    };
    container_add(con, &key, val.unwrap_or(Value::Null))
        .map_err(|e| format!("error while adding value during copy: {e}"))
}

fn jp_test(doc: &Value, op: &Map<String, Value>) -> Result<(), String> {
    let path = op_path(op, "path")
        .map_err(|_| format!("test operation failed to decode path: operation missing path field: {MISSING}"))?;
    let failed = || format!("testing value {path} failed: test failed");
    if path.is_empty() {
        return if jp_equal(doc, op.get("value").unwrap_or(&Value::Null)) { Ok(()) } else { Err(failed()) };
    }
    let mut copy = doc.clone();
    let Some((con, key)) = find_object(&mut copy, &path) else {
        return Err(format!("test operation does not apply: is missing path: {path}: {MISSING}"));
    };
    let val = container_get(con, &key).map_err(|e| format!("error in test for path: '{path}': {e}"))?;
    match (val, op.get("value")) {
        (None | Some(Value::Null), None | Some(Value::Null)) => Ok(()),
        (None | Some(Value::Null), Some(_)) | (Some(_), None) => Err(failed()),
        (Some(v), Some(want)) => {
            if jp_equal(&v, want) {
                Ok(())
            } else {
                Err(failed())
            }
        }
    }
}

/// `lazyNode.equal`: structural for objects and arrays, textual for scalars.
fn jp_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| jp_equal(v, w)))
        }
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| jp_equal(v, w)),
        (Value::Object(_) | Value::Array(_), _) | (_, Value::Object(_) | Value::Array(_)) => false,
        _ => a == b || go_eq(a, b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn deployment() -> Value {
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"template": {"spec": {"containers": [
                {"name": "nginx", "image": "nginx", "env": [{"name": "A", "value": "1"}]},
                {"name": "side", "image": "busybox"}]}}}})
    }

    #[test]
    fn strategic_merges_containers_by_name() {
        let patch = json!({"spec": {"template": {"spec": {"containers": [
            {"name": "nginx", "image": "nginx:2", "env": [{"name": "B", "value": "2"}]},
            {"name": "extra", "image": "e"}]}}}});
        let out = apply_patch("Deployment", &deployment(), &patch, PatchType::Strategic).unwrap();
        assert_eq!(
            out["spec"]["template"]["spec"]["containers"],
            json!([
                {"name": "nginx", "image": "nginx:2", "env": [{"name": "B", "value": "2"}, {"name": "A", "value": "1"}]},
                {"name": "extra", "image": "e"},
                {"name": "side", "image": "busybox"}
            ])
        );
    }

    #[test]
    fn strategic_delete_directive_and_missing_merge_key() {
        let patch = json!({"spec": {"template": {"spec": {"containers": [{"name": "side", "$patch": "delete"}]}}}});
        let out = apply_patch("Deployment", &deployment(), &patch, PatchType::Strategic).unwrap();
        assert_eq!(out["spec"]["template"]["spec"]["containers"].as_array().unwrap().len(), 1);
        let bad = json!({"spec": {"template": {"spec": {"containers": [{"image": "x"}]}}}});
        assert_eq!(
            apply_patch("Deployment", &deployment(), &bad, PatchType::Strategic).unwrap_err(),
            "map: map[image:x] does not contain declared merge key: name"
        );
    }

    #[test]
    fn json_patch_errors() {
        let p = json!([{"op": "remove", "path": "/spec/nope"}]);
        assert_eq!(
            json_patch(&deployment(), &p).unwrap_err(),
            "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value"
        );
    }
}
