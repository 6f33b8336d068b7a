//! Field-level validation errors and their text, as the API server words them.
//!
//! Follows kubernetes/apimachinery `pkg/util/validation/field/{errors.go,path.go}`: an error is a field
//! path, a type, the offending value and a detail; its text is `<path>: <type>[: <value>][: <detail>]`.
//! Since v1.34 composite values print as JSON (`{"app":"x"}`), strings with Go's `%q`, numbers bare.

use std::fmt;

use serde_json::Value;

/// Why a field is invalid; mirrors `field.ErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorType {
    Required,
    Invalid,
    /// `Unsupported value`: not one of an enumeration (`field.NotSupported`).
    Unsupported,
    Duplicate,
    Forbidden,
    NotFound,
    TooLong,
    TooMany,
    Internal,
}

impl ErrorType {
    /// The words the API server prints (`Required value`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::Unsupported => "Unsupported value",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::NotFound => "Not found",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::Internal => "Internal error",
        }
    }

    /// The `StatusCause.type` of a 422 response (`FieldValueRequired`).
    pub fn cause_type(self) -> &'static str {
        match self {
            ErrorType::Required => "FieldValueRequired",
            ErrorType::Invalid => "FieldValueInvalid",
            ErrorType::Unsupported => "FieldValueNotSupported",
            ErrorType::Duplicate => "FieldValueDuplicate",
            ErrorType::Forbidden => "FieldValueForbidden",
            ErrorType::NotFound => "FieldValueNotFound",
            ErrorType::TooLong => "FieldValueTooLong",
            ErrorType::TooMany => "FieldValueTooMany",
            ErrorType::Internal => "InternalError",
        }
    }

    /// Types whose text never includes the value (`field.Required`, `Forbidden`, `TooLong`, `InternalError`).
    fn omits_value(self) -> bool {
        matches!(self, ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong | ErrorType::Internal)
    }
}

/// The offending value of an error.
///
/// Go prints a plain `string` with `%q` and anything else as JSON. JSON objects built from Go structs keep
/// the struct's field order, which `serde_json::Value` (sorted keys) cannot hold, so such values are kept
/// already rendered.
#[derive(Clone, Debug, PartialEq)]
pub enum BadValue {
    /// A Go `string`: printed quoted, Go `%q` style.
    Str(String),
    /// Anything else: printed as Go's `encoding/json` would (numbers and booleans bare, maps with sorted keys).
    Json(Value),
    /// A value already rendered as Go would print it (a struct in field order).
    Rendered(String),
}

impl BadValue {
    /// The value as JSON, for programmatic use (a rendered struct is parsed back).
    pub fn to_json(&self) -> Value {
        match self {
            BadValue::Str(s) => Value::String(s.clone()),
            BadValue::Json(v) => v.clone(),
            BadValue::Rendered(s) => serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.clone())),
        }
    }
}

impl fmt::Display for BadValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadValue::Str(s) => f.write_str(&go_quote(s)),
            BadValue::Json(v) => f.write_str(&go_json(v)),
            BadValue::Rendered(s) => f.write_str(s),
        }
    }
}

impl From<&str> for BadValue {
    fn from(s: &str) -> BadValue {
        BadValue::Str(s.to_string())
    }
}

impl From<String> for BadValue {
    fn from(s: String) -> BadValue {
        BadValue::Str(s)
    }
}

impl From<&String> for BadValue {
    fn from(s: &String) -> BadValue {
        BadValue::Str(s.clone())
    }
}

impl From<i64> for BadValue {
    fn from(n: i64) -> BadValue {
        BadValue::Json(Value::from(n))
    }
}

impl From<i32> for BadValue {
    fn from(n: i32) -> BadValue {
        BadValue::Json(Value::from(n))
    }
}

impl From<usize> for BadValue {
    fn from(n: usize) -> BadValue {
        BadValue::Json(Value::from(n))
    }
}

impl From<bool> for BadValue {
    fn from(b: bool) -> BadValue {
        BadValue::Json(Value::from(b))
    }
}

impl From<Value> for BadValue {
    fn from(v: Value) -> BadValue {
        BadValue::Json(v)
    }
}

/// One validation failure of one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field path, `spec.template.spec.containers[0].image`.
    pub path: String,
    pub kind: ErrorType,
    /// The offending value; `None` where the text omits it.
    pub value: Option<BadValue>,
    /// The explanation after the value (for `Unsupported`, the `supported values: ...` list).
    pub detail: String,
    /// For `Unsupported`: the accepted values, in the order the server lists them.
    pub supported: Vec<String>,
}

impl FieldError {
    /// The text without the field path (`ErrorBody`), as a `StatusCause.message` carries it.
    pub fn body(&self) -> String {
        let mut s = self.kind.as_str().to_string();
        if !self.kind.omits_value()
            && let Some(v) = &self.value
        {
            s.push_str(": ");
            s.push_str(&v.to_string());
        }
        if !self.detail.is_empty() {
            s.push_str(": ");
            s.push_str(&self.detail);
        }
        s
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.body())
    }
}

/// A field path under construction (`field.Path`): `metadata.labels`, `spec.containers[0]`, `data[key]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Path(String);

impl Path {
    pub fn new(root: &str) -> Path {
        Path(root.to_string())
    }

    /// `field.NewPath("")`: a root with no name prints as `[]`.
    pub fn empty_root() -> Path {
        Path("[]".to_string())
    }

    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() { Path(name.to_string()) } else { Path(format!("{}.{name}", self.0)) }
    }

    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }

    /// A map key subscript; keys are printed bare, like Go's `Path.Key`.
    pub fn key(&self, k: &str) -> Path {
        Path(format!("{}[{k}]", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn error(path: &Path, kind: ErrorType, value: Option<BadValue>, detail: impl Into<String>) -> FieldError {
    FieldError { path: path.0.clone(), kind, value, detail: detail.into(), supported: Vec::new() }
}

pub fn required(path: &Path, detail: &str) -> FieldError {
    error(path, ErrorType::Required, None, detail)
}

pub fn invalid(path: &Path, value: impl Into<BadValue>, detail: impl Into<String>) -> FieldError {
    error(path, ErrorType::Invalid, Some(value.into()), detail)
}

/// `field.NotSupported`: the detail lists the supported values, each quoted.
pub fn not_supported(path: &Path, value: impl Into<BadValue>, supported: &[&str]) -> FieldError {
    let detail = if supported.is_empty() {
        String::new()
    } else {
        let quoted: Vec<String> = supported.iter().map(|s| go_quote(s)).collect();
        format!("supported values: {}", quoted.join(", "))
    };
    let mut e = error(path, ErrorType::Unsupported, Some(value.into()), detail);
    e.supported = supported.iter().map(|s| s.to_string()).collect();
    e
}

pub fn duplicate(path: &Path, value: impl Into<BadValue>) -> FieldError {
    error(path, ErrorType::Duplicate, Some(value.into()), "")
}

pub fn forbidden(path: &Path, detail: impl Into<String>) -> FieldError {
    error(path, ErrorType::Forbidden, None, detail)
}

pub fn not_found(path: &Path, value: impl Into<BadValue>) -> FieldError {
    error(path, ErrorType::NotFound, Some(value.into()), "")
}

/// `field.TooLong`: the value is never printed.
pub fn too_long(path: &Path, max_bytes: usize) -> FieldError {
    let unit = if max_bytes == 1 { "byte" } else { "bytes" };
    error(path, ErrorType::TooLong, None, format!("may not be more than {max_bytes} {unit}"))
}

pub fn too_many(path: &Path, actual: usize, max: usize) -> FieldError {
    let unit = if max == 1 { "item" } else { "items" };
    error(path, ErrorType::TooMany, Some(actual.into()), format!("must have at most {max} {unit}"))
}

pub fn internal(path: &Path, detail: impl Into<String>) -> FieldError {
    error(path, ErrorType::Internal, None, detail)
}

/// Go's `strconv.Quote`: double-quoted, with `\"`, `\\`, the C escapes, and `\x`/`\u`/`\U` for characters
/// that are not printable.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if is_go_printable(c) => out.push(c),
            c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `strconv.IsPrint`: no control characters, no separators other than ASCII space.
fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    !(c.is_control() || c.is_whitespace() || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{feff}'))
}

/// Go's `encoding/json` rendering of a value: compact, map keys sorted, `<`, `>`, `&`, U+2028 and U+2029
/// escaped as `\u00XX`.
pub fn go_json(v: &Value) -> String {
    let mut out = String::new();
    write_go_json(v, &mut out);
    out
}

fn write_go_json(v: &Value, out: &mut String) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) => write_go_json_string(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, item)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_go_json_string(k, out);
                out.push(':');
                write_go_json(item, out);
            }
            out.push('}');
        }
    }
}

/// A JSON string literal escaped the way Go's encoder does it.
pub fn go_json_string(s: &str) -> String {
    let mut out = String::new();
    write_go_json_string(s, &mut out);
    out
}

fn write_go_json_string(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Renders a Go struct as `encoding/json` would: fields in declaration order. Internal API types have no
/// JSON tags, so their field names are the Go names (`{"Name":"","Protocol":"TCP"}`).
#[derive(Default)]
pub struct GoStruct {
    out: String,
}

impl GoStruct {
    pub fn new() -> GoStruct {
        GoStruct { out: String::from("{") }
    }

    fn name(&mut self, name: &str) {
        if self.out.len() > 1 {
            self.out.push(',');
        }
        write_go_json_string(name, &mut self.out);
        self.out.push(':');
    }

    pub fn field(mut self, name: &str, value: Value) -> GoStruct {
        self.name(name);
        write_go_json(&value, &mut self.out);
        self
    }

    /// A field holding a value that is already rendered (a nested struct).
    pub fn rendered(mut self, name: &str, value: &BadValue) -> GoStruct {
        self.name(name);
        self.out.push_str(&value.to_string());
        self
    }

    pub fn finish(mut self) -> BadValue {
        self.out.push('}');
        BadValue::Rendered(self.out)
    }
}

/// Several errors as one message, the way `ErrorList.ToAggregate().Error()` prints it: duplicates dropped,
/// one error bare, several in `[a, b]`.
pub fn aggregate(errors: &[FieldError]) -> String {
    let msgs = dedup_messages(errors);
    match msgs.len() {
        0 => String::new(),
        1 => msgs[0].clone(),
        _ => format!("[{}]", msgs.join(", ")),
    }
}

/// The distinct error texts in order of first appearance.
pub fn dedup_messages(errors: &[FieldError]) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for e in errors {
        let msg = e.to_string();
        if seen.insert(msg.clone()) {
            out.push(msg);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn texts_follow_error_body() {
        let p = Path::new("spec").child("selector");
        assert_eq!(required(&p, "").to_string(), "spec.selector: Required value");
        assert_eq!(
            required(&Path::new("metadata").child("name"), "name or generateName is required").to_string(),
            "metadata.name: Required value: name or generateName is required"
        );
        assert_eq!(
            not_supported(&Path::new("spec").child("restartPolicy"), "Never", &["Always"]).to_string(),
            r#"spec.restartPolicy: Unsupported value: "Never": supported values: "Always""#
        );
        assert_eq!(invalid(&p, 3i64, "x").to_string(), "spec.selector: Invalid value: 3: x");
        assert_eq!(forbidden(&p, "no").to_string(), "spec.selector: Forbidden: no");
        assert_eq!(
            too_long(&Path::new("data"), 1048576).to_string(),
            "data: Too long: may not be more than 1048576 bytes"
        );
        assert_eq!(too_many(&p, 21, 20).to_string(), "spec.selector: Too many: 21: must have at most 20 items");
        assert_eq!(duplicate(&p, "a").to_string(), r#"spec.selector: Duplicate value: "a""#);
        assert_eq!(not_found(&p, "v").to_string(), r#"spec.selector: Not found: "v""#);
    }

    #[test]
    fn composite_values_print_as_json() {
        let p = Path::new("spec").child("template").child("metadata").child("labels");
        let e = invalid(&p, json!({"app": "x", "a&b": "<"}), "`selector` does not match template `labels`");
        assert_eq!(
            e.to_string(),
            r#"spec.template.metadata.labels: Invalid value: {"a\u0026b":"\u003c","app":"x"}: `selector` does not match template `labels`"#
        );
        let s = GoStruct::new()
            .field("Name", json!(""))
            .field("Protocol", json!("TCP"))
            .field("AppProtocol", Value::Null)
            .finish();
        assert_eq!(s.to_string(), r#"{"Name":"","Protocol":"TCP","AppProtocol":null}"#);
        let outer = GoStruct::new().field("Type", json!("x")).rendered("Inner", &s).finish();
        assert_eq!(outer.to_string(), r#"{"Type":"x","Inner":{"Name":"","Protocol":"TCP","AppProtocol":null}}"#);
    }

    #[test]
    fn quoting_matches_go() {
        assert_eq!(go_quote("a\"b\\c\n\u{1}é"), r#""a\"b\\c\n\x01é""#);
        assert_eq!(Path::new("data").key("a.b").to_string(), "data[a.b]");
        assert_eq!(Path::new("spec").child("ports").index(2).child("name").to_string(), "spec.ports[2].name");
        assert_eq!(Path::empty_root().to_string(), "[]");
    }

    #[test]
    fn aggregate_dedups() {
        let p = Path::new("a");
        let errs = vec![required(&p, ""), required(&p, ""), forbidden(&p, "x")];
        assert_eq!(aggregate(&errs), "[a: Required value, a: Forbidden: x]");
        assert_eq!(aggregate(&errs[..1]), "a: Required value");
    }
}
