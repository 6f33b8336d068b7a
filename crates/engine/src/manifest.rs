//! Manifest input: multi-document YAML or JSON into API objects, with every error located.
//!
//! YAML is read with yaml-rust2's event parser, driven iteratively (no recursion, so deep nesting cannot
//! overflow the stack), into JSON values the way `sigs.k8s.io/yaml` converts YAML to JSON (YAML 1.1
//! scalars: `yes`/`on` are booleans). While building, the position of every node is recorded under its
//! field path (`spec.template.spec.containers[0].image`), so decoding errors and unknown fields can be
//! reported at their line and column.

use std::collections::BTreeMap;

use serde_json::{Map, Number, Value};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::TScalarStyle;

use crate::kinds;
use crate::object::Object;

/// Nesting deeper than this is refused; real manifests stay far below it.
pub const MAX_DEPTH: usize = 128;
/// The API server's request size limit (3 MiB).
pub const MAX_DOCUMENT_BYTES: usize = 3 * 1024 * 1024;
/// Alias expansion budget, in nodes (a "billion laughs" document stops here).
const MAX_NODES: usize = 1_000_000;

/// A 1-based line and column in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// One document of a manifest file.
#[derive(Clone, Debug)]
pub struct Document {
    /// Zero-based index of the document in its file (counting empty documents, as kubectl does not).
    pub index: usize,
    pub value: Value,
    /// Where the document starts.
    pub start: Pos,
    /// Field path → position of the key (for map entries) or of the value (for sequence items).
    pub positions: BTreeMap<String, Pos>,
}

impl Document {
    /// The position of a field path, or of its nearest ancestor that has one.
    pub fn locate(&self, path: &str) -> Pos {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.positions.get(&p) {
                return *pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p.truncate(i),
                None => return self.start,
            }
        }
    }
}

/// A manifest that could not be read, with where and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ManifestError {
    pub pos: Pos,
    /// The text kubectl prints after `error parsing FILE: ` (`error converting YAML to JSON: yaml: line 5: ...`).
    pub message: String,
}

/// Parses every document of a YAML or JSON text; empty documents are skipped.
pub fn parse_documents(text: &str) -> Result<Vec<Document>, ManifestError> {
    let mut parser = Parser::new_from_str(text);
    let mut docs = Vec::new();
    let mut builder: Option<Builder> = None;
    let mut index = 0usize;
    loop {
        let (event, mark) = parser.next_token().map_err(|e| {
            let m = e.marker();
            ManifestError {
                pos: Pos { line: m.line() as u32, column: m.col() as u32 + 1 },
                message: format!("error converting YAML to JSON: yaml: line {}: {}", m.line(), e.info()),
            }
        })?;
        let pos = Pos { line: mark.line() as u32, column: mark.col() as u32 + 1 };
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => builder = Some(Builder::new(pos)),
            Event::DocumentEnd => {
                if let Some(b) = builder.take() {
                    let start = b.start;
                    let (value, positions) = b.finish();
                    if !value.is_null() {
                        docs.push(Document { index, value, start, positions });
                    }
                    index += 1;
                }
            }
            Event::Nothing | Event::StreamStart => {}
            other => {
                let b = builder.get_or_insert_with(|| Builder::new(pos));
                b.event(other, pos)?;
                if b.bytes > MAX_DOCUMENT_BYTES {
                    return Err(ManifestError {
                        pos,
                        message: format!("Request entity too large: limit is {MAX_DOCUMENT_BYTES}"),
                    });
                }
            }
        }
    }
    Ok(docs)
}

enum Frame {
    Seq { items: Vec<Value>, path: String, anchor: usize },
    Map { map: Map<String, Value>, path: String, pending_key: Option<(String, Pos)>, anchor: usize },
}

struct Builder {
    start: Pos,
    stack: Vec<Frame>,
    root: Option<Value>,
    positions: BTreeMap<String, Pos>,
    anchors: BTreeMap<usize, Value>,
    nodes: usize,
    bytes: usize,
}

impl Builder {
    fn new(start: Pos) -> Builder {
        Builder {
            start,
            stack: Vec::new(),
            root: None,
            positions: BTreeMap::new(),
            anchors: BTreeMap::new(),
            nodes: 0,
            bytes: 0,
        }
    }

    fn finish(self) -> (Value, BTreeMap<String, Pos>) {
        (self.root.unwrap_or(Value::Null), self.positions)
    }

    fn err(pos: Pos, msg: &str) -> ManifestError {
        ManifestError { pos, message: format!("error converting YAML to JSON: yaml: line {}: {msg}", pos.line) }
    }

    /// The path the next value will have, and whether it is a map key.
    fn next_path(&self) -> (String, bool) {
        match self.stack.last() {
            None => (String::new(), false),
            Some(Frame::Seq { items, path, .. }) => (format!("{path}[{}]", items.len()), false),
            Some(Frame::Map { pending_key: Some((k, _)), path, .. }) => (join(path, k), false),
            Some(Frame::Map { pending_key: None, .. }) => (String::new(), true),
        }
    }

    fn event(&mut self, event: Event, pos: Pos) -> Result<(), ManifestError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(Builder::err(pos, "document contains excessive aliasing"));
        }
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.bytes += text.len();
                let (path, is_key) = self.next_path();
                if is_key {
                    let key = text;
                    let key_path = match self.stack.last() {
                        Some(Frame::Map { path, .. }) => join(path, &key),
                        _ => key.clone(),
                    };
                    self.positions.entry(key_path).or_insert(pos);
                    if let Some(Frame::Map { pending_key, map, path, .. }) = self.stack.last_mut() {
                        // yaml-rust2 marks a block mapping's start at the `:` after its first key; the
                        // mapping (a list item, the document) starts at that key.
                        if map.is_empty() {
                            if let Some(p) = self.positions.get_mut(path.as_str())
                                && *p > pos
                            {
                                *p = pos;
                            }
                            if path.is_empty() && self.start > pos {
                                self.start = pos;
                            }
                        }
                        *pending_key = Some((key, pos));
                    }
                    return Ok(());
                }
                let tag_suffix = tag.as_ref().map(|t| t.suffix.as_str());
                let value = resolve_scalar(&text, style, tag_suffix);
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                self.positions.entry(path).or_insert(pos);
                self.push_value(value, pos)
            }
            Event::Alias(id) => {
                let value =
                    self.anchors.get(&id).cloned().ok_or_else(|| Builder::err(pos, "unknown anchor referenced"))?;
                self.nodes += count_nodes(&value);
                if self.nodes > MAX_NODES {
                    return Err(Builder::err(pos, "document contains excessive aliasing"));
                }
                let (path, is_key) = self.next_path();
                if is_key {
                    let key = match value {
                        Value::String(s) => s,
                        other => other.to_string(),
                    };
                    if let Some(Frame::Map { pending_key, .. }) = self.stack.last_mut() {
                        *pending_key = Some((key, pos));
                    }
                    return Ok(());
                }
                self.positions.entry(path).or_insert(pos);
                self.push_value(value, pos)
            }
            Event::SequenceStart(anchor, _) => {
                self.check_depth(pos)?;
                let (path, is_key) = self.next_path();
                if is_key {
                    return Err(Builder::err(pos, "invalid map key: a sequence"));
                }
                self.positions.entry(path.clone()).or_insert(pos);
                self.stack.push(Frame::Seq { items: Vec::new(), path, anchor });
                Ok(())
            }
            Event::MappingStart(anchor, _) => {
                self.check_depth(pos)?;
                let (path, is_key) = self.next_path();
                if is_key {
                    return Err(Builder::err(pos, "invalid map key: a mapping"));
                }
                self.positions.entry(path.clone()).or_insert(pos);
                self.stack.push(Frame::Map { map: Map::new(), path, pending_key: None, anchor });
                Ok(())
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(frame) = self.stack.pop() else {
                    return Ok(());
                };
                let (value, anchor) = match frame {
                    Frame::Seq { items, anchor, .. } => (Value::Array(items), anchor),
                    Frame::Map { map, anchor, .. } => (Value::Object(map), anchor),
                };
                if anchor > 0 {
                    self.anchors.insert(anchor, value.clone());
                }
                self.push_value(value, pos)
            }
            _ => Ok(()),
        }
    }

    fn check_depth(&self, pos: Pos) -> Result<(), ManifestError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(Builder::err(pos, &format!("exceeded max depth of {MAX_DEPTH}")));
        }
        Ok(())
    }

    fn push_value(&mut self, value: Value, pos: Pos) -> Result<(), ManifestError> {
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Seq { items, .. }) => items.push(value),
            Some(Frame::Map { map, pending_key, .. }) => {
                let Some((key, key_pos)) = pending_key.take() else {
                    return Err(Builder::err(pos, "did not find expected key"));
                };
                if map.contains_key(&key) {
                    return Err(ManifestError {
                        pos: key_pos,
                        message: format!(
                            "error converting YAML to JSON: yaml: line {}: key {key:?} already set in map",
                            key_pos.line
                        ),
                    });
                }
                if key == "<<" {
                    // Merge keys (YAML 1.1): copy entries that are not already set.
                    if let Value::Object(src) = value {
                        for (k, v) in src {
                            map.entry(k).or_insert(v);
                        }
                    }
                } else {
                    map.insert(key, value);
                }
            }
        }
        Ok(())
    }
}

fn count_nodes(v: &Value) -> usize {
    let mut n = 0;
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        n += 1;
        match v {
            Value::Array(a) => stack.extend(a.iter()),
            Value::Object(m) => stack.extend(m.values()),
            _ => {}
        }
    }
    n
}

pub(crate) fn join(path: &str, key: &str) -> String {
    if path.is_empty() { key.to_string() } else { format!("{path}.{key}") }
}

/// What an unquoted, untagged scalar becomes (`on` → true, `0x10` → 16, `~` → null): the editor's
/// highlighting colours values by this, so it never disagrees with what Apply decodes.
pub fn resolve_plain_scalar(text: &str) -> Value {
    resolve_scalar(text, TScalarStyle::Plain, None)
}

/// Resolves a scalar as go-yaml v2 (YAML 1.1) does before sigs.k8s.io/yaml turns it into JSON.
fn resolve_scalar(text: &str, style: TScalarStyle, tag: Option<&str>) -> Value {
    match tag {
        Some("str") => return Value::String(text.to_string()),
        Some("int") | Some("float") => {
            if let Some(n) = parse_number(text) {
                return n;
            }
        }
        Some("bool") => {
            if let Some(b) = parse_bool(text) {
                return Value::Bool(b);
            }
        }
        Some("null") => return Value::Null,
        _ => {}
    }
    if style != TScalarStyle::Plain {
        return Value::String(text.to_string());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        _ => {}
    }
    if let Some(b) = parse_bool(text) {
        return Value::Bool(b);
    }
    if let Some(n) = parse_number(text) {
        return n;
    }
    Value::String(text.to_string())
}

fn parse_bool(text: &str) -> Option<bool> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => Some(true),
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => Some(false),
        _ => None,
    }
}

fn parse_number(text: &str) -> Option<Value> {
    let plain = text.replace('_', "");
    let (neg, digits) = match plain.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, plain.strip_prefix('+').unwrap_or(&plain).to_string()),
    };
    let int = if let Some(hex) = digits.strip_prefix("0x") {
        i64::from_str_radix(hex, 16).ok()
    } else if let Some(bin) = digits.strip_prefix("0b") {
        i64::from_str_radix(bin, 2).ok()
    } else if digits.len() > 1 && digits.starts_with('0') && digits.bytes().all(|b| b.is_ascii_digit()) {
        i64::from_str_radix(&digits[1..], 8).ok()
    } else if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        digits.parse::<i64>().ok()
    } else {
        None
    };
    if let Some(i) = int {
        return Some(Value::Number(Number::from(if neg { -i } else { i })));
    }
    let looks_float = !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && digits.bytes().next().is_some_and(|b| b.is_ascii_digit() || b == b'.')
        && digits.bytes().any(|b| b.is_ascii_digit());
    if looks_float && let Ok(f) = plain.parse::<f64>() {
        return Number::from_f64(f).map(Value::Number);
    }
    None
}

/// Why one document could not become an object, in the API server's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DecodeFailure {
    /// `Object 'Kind' is missing in '{...}'` and friends: kubectl refuses before sending.
    Client(String),
    /// `no matches for kind "Ingress" in version "extensions/v1beta1"`.
    NoKindMatch { kind: String, api_version: String },
    /// `Deployment in version "v1" cannot be handled as a Deployment: ...`: the server's 400.
    BadRequest(String),
}

/// One decoding problem with its location in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedFailure {
    pub failure: DecodeFailure,
    pub pos: Pos,
    /// The field path the problem is about (empty for the document as a whole).
    pub path: String,
}

/// Decodes a document into an object: kind lookup, typed decoding, strict unknown-field detection.
pub fn decode_document(doc: &Document) -> Result<Object, LocatedFailure> {
    let v = &doc.value;
    let fail = |failure: DecodeFailure, path: &str| LocatedFailure {
        failure,
        pos: if path.is_empty() { doc.start } else { doc.locate(path) },
        path: path.to_string(),
    };
    let Value::Object(map) = v else {
        return Err(fail(
            DecodeFailure::Client(format!(
                "error validating data: invalid object: expected a map, got {}",
                json_type(v)
            )),
            "",
        ));
    };
    let compact = truncate_json(v);
    let kind = match map.get("kind") {
        Some(Value::String(k)) if !k.is_empty() => k.clone(),
        _ => {
            return Err(fail(DecodeFailure::Client(format!("Object 'Kind' is missing in '{compact}'")), ""));
        }
    };
    let api_version = match map.get("apiVersion") {
        Some(Value::String(a)) if !a.is_empty() => a.clone(),
        _ => {
            return Err(fail(DecodeFailure::Client(format!("Object 'apiVersion' is missing in '{compact}'")), ""));
        }
    };
    let (group, version) = kinds::split_api_version(&api_version);
    let known = kinds::find_by_api_version(&api_version, &kind).is_some();
    let group_is_builtin =
        kinds::KINDS.iter().any(|k| k.group == group) || group == "extensions" || group.ends_with(".k8s.io");
    if !known && (group_is_builtin || kinds::KINDS.iter().any(|k| k.kind == kind && k.group == group)) {
        return Err(fail(DecodeFailure::NoKindMatch { kind, api_version }, "apiVersion"));
    }
    let obj = Object::from_value(v.clone()).map_err(|e| {
        let msg = go_unmarshal_message(&e.message, &e.path);
        fail(
            DecodeFailure::BadRequest(format!("{kind} in version \"{version}\" cannot be handled as a {kind}: {msg}")),
            &e.path,
        )
    })?;
    if !matches!(obj, Object::Dynamic(_)) {
        let unknown = unknown_field_paths(v, &obj);
        if !unknown.is_empty() {
            let list: Vec<String> = unknown.iter().map(|p| format!("unknown field \"{p}\"")).collect();
            return Err(fail(
                DecodeFailure::BadRequest(format!(
                    "{kind} in version \"{version}\" cannot be handled as a {kind}: strict decoding error: {}",
                    list.join(", ")
                )),
                &unknown[0],
            ));
        }
    }
    Ok(obj)
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "map",
    }
}

fn truncate_json(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 200 {
        let mut end = 200;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        format!("{}...", &s[..end])
    } else {
        s
    }
}

/// The fields of `input` that strict decoding rejects as unknown: present (and non-null) in the input but
/// dropped by the typed object's round trip, in key order. Empty for kinds kept as dynamic objects, which
/// keep every field.
pub fn unknown_field_paths(input: &Value, obj: &Object) -> Vec<String> {
    let mut unknown = Vec::new();
    if !matches!(obj, Object::Dynamic(_)) {
        unknown_fields(input, &obj.to_value(), "", &mut unknown);
    }
    unknown
}

/// Paths present (and non-null) in `input` but dropped by the typed round trip: fields the type lacks.
fn unknown_fields(input: &Value, typed: &Value, path: &str, out: &mut Vec<String>) {
    match (input, typed) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                if v.is_null() {
                    continue;
                }
                let p = join(path, k);
                match b.get(k) {
                    Some(tv) => unknown_fields(v, tv, &p, out),
                    None => out.push(p),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (x, y)) in a.iter().zip(b.iter()).enumerate() {
                unknown_fields(x, y, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// Turns a serde message into Go's `encoding/json` wording where the shape is recognisable.
fn go_unmarshal_message(serde_msg: &str, path: &str) -> String {
    if let Some(rest) = serde_msg.strip_prefix("invalid type: ") {
        let (got, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let got_kind = if got.starts_with("string") {
            "string"
        } else if got.starts_with("integer") || got.starts_with("floating point") {
            "number"
        } else if got.starts_with("boolean") {
            "bool"
        } else if got.starts_with("sequence") {
            "array"
        } else if got.starts_with("map") {
            "object"
        } else {
            got
        };
        let go_type = match expected {
            "i32" => "int32",
            "i64" => "int64",
            "f64" => "float64",
            "a boolean" => "bool",
            "a string" => "string",
            e if e.starts_with("a sequence") => "array",
            e if e.starts_with("a map") => "map",
            e => e,
        };
        // Go names the field by its JSON path without list indexes (`spec.template.spec.containers.image`),
        // after the Go struct type, which this layer does not know.
        let mut field = String::with_capacity(path.len());
        let mut in_index = false;
        for ch in path.chars() {
            match ch {
                '[' => in_index = true,
                ']' => in_index = false,
                c if !in_index => field.push(c),
                _ => {}
            }
        }
        return format!("json: cannot unmarshal {got_kind} into Go struct field .{field} of type {go_type}");
    }
    serde_msg.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_of_fields() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 3\n";
        let docs = parse_documents(text).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].locate("spec.replicas"), Pos { line: 6, column: 3 });
        assert_eq!(docs[0].locate("spec.replicas.nothing"), Pos { line: 6, column: 3 });
    }

    #[test]
    fn block_mappings_start_at_their_first_key() {
        let text = "# c\napiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: x\n  - {name: b}\n";
        let docs = parse_documents(text).unwrap();
        assert_eq!(docs[0].start, Pos { line: 2, column: 1 });
        assert_eq!(docs[0].locate(""), Pos { line: 2, column: 1 });
        assert_eq!(docs[0].locate("spec.containers[0]"), Pos { line: 6, column: 5 });
        assert_eq!(docs[0].locate("spec.containers[1]"), Pos { line: 8, column: 5 });
        let docs = parse_documents("---\napiVersion: v1\n").unwrap();
        assert_eq!(docs[0].start, Pos { line: 1, column: 1 });
    }

    #[test]
    fn multi_document_skips_empty() {
        let text = "---\napiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n---\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n";
        let docs = parse_documents(text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[1].value["metadata"]["name"], "b");
        assert_eq!(docs[1].start.line, 6);
    }

    #[test]
    fn yaml_1_1_scalars() {
        let docs = parse_documents("a: yes\nb: '5'\nc: 5\nd: 1.5\ne: ~\nf: 0x10\ng: 1.2.3\n").unwrap();
        let v = &docs[0].value;
        assert_eq!(v["a"], Value::Bool(true));
        assert_eq!(v["b"], Value::String("5".into()));
        assert_eq!(v["c"], Value::from(5));
        assert_eq!(v["d"], Value::from(1.5));
        assert_eq!(v["e"], Value::Null);
        assert_eq!(v["f"], Value::from(16));
        assert_eq!(v["g"], Value::String("1.2.3".into()));
    }

    #[test]
    fn syntax_errors_are_located() {
        let e = parse_documents("a: b\n  c: d\n").unwrap_err();
        assert_eq!(e.pos.line, 2);
        assert!(e.message.starts_with("error converting YAML to JSON: yaml: line 2: "), "{}", e.message);
    }

    #[test]
    fn deep_nesting_is_refused_without_overflow() {
        let text = "[".repeat(100_000);
        let e = parse_documents(&text).unwrap_err();
        assert!(
            e.message.contains("exceeded max depth") || e.message.contains("recursion limit exceeded"),
            "{}",
            e.message
        );
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text =
            String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        let mut prev = 'a';
        for c in ['b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] {
            text.push_str(&format!(
                "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = c;
        }
        let e = parse_documents(&text).unwrap_err();
        assert!(e.message.contains("excessive aliasing"), "{}", e.message);
    }

    #[test]
    fn unknown_fields_are_reported_with_path_and_line() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n        imagePullPolice: Always\n";
        let docs = parse_documents(text).unwrap();
        let e = decode_document(&docs[0]).unwrap_err();
        assert_eq!(e.path, "spec.template.spec.containers[0].imagePullPolice");
        assert_eq!(e.pos, Pos { line: 16, column: 9 });
        assert_eq!(
            e.failure,
            DecodeFailure::BadRequest("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].imagePullPolice\"".into())
        );
    }

    #[test]
    fn removed_api_versions_do_not_match() {
        let docs = parse_documents("apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: x}\n").unwrap();
        let e = decode_document(&docs[0]).unwrap_err();
        assert_eq!(
            e.failure,
            DecodeFailure::NoKindMatch { kind: "Ingress".into(), api_version: "extensions/v1beta1".into() }
        );
    }

    #[test]
    fn type_errors_are_located() {
        let docs =
            parse_documents("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec:\n  replicas: three\n")
                .unwrap();
        let e = decode_document(&docs[0]).unwrap_err();
        assert_eq!(e.path, "spec.replicas");
        assert_eq!(e.pos.line, 5);
        match e.failure {
            DecodeFailure::BadRequest(m) => assert!(m.contains("cannot unmarshal string"), "{m}"),
            other => panic!("{other:?}"),
        }
    }
}
