//! Printing API objects byte for byte as kubectl's `-o json` and `-o yaml` do.
//!
//! JSON follows Go's `json.MarshalIndent(obj, "", "    ")`: HTML-safe escapes, Go's float
//! formatting, and field order either from the Go struct (`to_json`, what kubectl prints for
//! typed objects it built itself: `create`, `run`, `set`) or sorted (`to_json_sorted`, what it
//! prints for objects it read as unstructured: `get`, `patch`, `label`, `annotate`).
//!
//! YAML follows sigs.k8s.io/yaml: the JSON is decoded by go-yaml v2 and re-encoded, so keys
//! are sorted with go-yaml's natural order and scalars are styled by go-yaml's emitter
//! (`gopkg.in/yaml.v2` `encode.go`, `emitterc.go`, `sorter.go`), including its 80-column
//! folding of long strings.

use serde_json::{Map, Value};

use crate::schema::{self, Go, Node};

/// The object as kubectl prints a typed object with `-o json`: Go struct field order, then
/// any fields the Go types do not know, sorted.
pub fn to_json(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v, root_node(v), 0);
    out.push('\n');
    out
}

/// The object as kubectl prints an unstructured object with `-o json`: keys sorted.
pub fn to_json_sorted(v: &Value) -> String {
    let mut out = String::new();
    write_json(&mut out, v, None, 0);
    out.push('\n');
    out
}

/// The object as kubectl prints it with `-o yaml`.
pub fn to_yaml(v: &Value) -> String {
    let mut e = Emitter::new();
    e.node(v, true, false, false, false);
    e.document_end();
    e.out
}

/// The `List` kubectl wraps several objects in for `-o json|yaml`.
pub fn list_wrap(items: Vec<Value>) -> Value {
    let mut m = Map::new();
    m.insert("apiVersion".into(), Value::from("v1"));
    m.insert("items".into(), Value::Array(items));
    m.insert("kind".into(), Value::from("List"));
    let mut meta = Map::new();
    meta.insert("resourceVersion".into(), Value::from(""));
    m.insert("metadata".into(), Value::Object(meta));
    Value::Object(m)
}

/// Where a value sits in the Go type graph, or `None` when it is untyped (sorted keys).
#[derive(Clone, Copy)]
enum At {
    Node(Node),
    /// An embedded object whose type comes from its own apiVersion and kind.
    Dynamic,
}

fn root_node(v: &Value) -> Option<At> {
    Some(At::Dynamic).filter(|_| v.is_object())
}

fn object_type(v: &Value) -> Option<&'static schema::Type> {
    let api_version = v.get("apiVersion")?.as_str()?;
    let kind = v.get("kind")?.as_str()?;
    schema::kind_type(api_version, kind)
}

// ---------------------------------------------------------------------------------------
// JSON

fn write_json(out: &mut String, v: &Value, at: Option<At>, depth: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&json_number(n)),
        Value::String(s) => json_string(out, s),
        Value::Array(items) => {
            if items.is_empty() {
                out.push_str("[]");
                return;
            }
            let elem = match at {
                Some(At::Node(n)) => n.elem().map(At::Node),
                Some(At::Dynamic) => Some(At::Dynamic),
                None => None,
            };
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_json(out, item, elem, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) => {
            if map.is_empty() {
                out.push_str("{}");
                return;
            }
            out.push('{');
            let mut first = true;
            let mut entry = |out: &mut String, k: &str, v: &Value, at: Option<At>| {
                if !first {
                    out.push(',');
                }
                first = false;
                newline(out, depth + 1);
                json_string(out, k);
                out.push_str(": ");
                write_json(out, v, at, depth + 1);
            };
            let ty = match at {
                Some(At::Node(Node::Struct(t))) => Some(t),
                Some(At::Dynamic) => object_type(v),
                _ => None,
            };
            match (ty, at) {
                (Some(t), _) => {
                    for f in t.fields {
                        if let Some(fv) = map.get(f.name) {
                            let child = match f.node() {
                                Node::Scalar(Go::Raw) if f.name == "items" => At::Dynamic,
                                n => At::Node(n),
                            };
                            entry(out, f.name, fv, Some(child));
                        }
                    }
                    for (k, fv) in map {
                        if t.field(k).is_none() {
                            entry(out, k, fv, None);
                        }
                    }
                }
                (None, Some(At::Node(n @ Node::Map(..)))) => {
                    let elem = n.elem().map(At::Node);
                    for (k, fv) in map {
                        entry(out, k, fv, elem);
                    }
                }
                (None, Some(At::Dynamic)) => {
                    // A generic List: its items carry their own kinds.
                    for (k, fv) in map {
                        let child = if k == "items" { Some(At::Dynamic) } else { None };
                        entry(out, k, fv, child);
                    }
                }
                _ => {
                    for (k, fv) in map {
                        entry(out, k, fv, None);
                    }
                }
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

fn newline(out: &mut String, depth: usize) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str("    ");
    }
}

/// A string as Go's `encoding/json` writes it with HTML escaping on.
pub(crate) fn json_string(out: &mut String, s: &str) {
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
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// A number as Go prints it after decoding JSON into an unstructured object: integers that
/// fit in an int64 as integers, everything else as a float64.
fn json_number(n: &serde_json::Number) -> String {
    if let Some(i) = n.as_i64() {
        return i.to_string();
    }
    let f = n.as_f64().unwrap_or(0.0);
    go_json_float(f)
}

/// Go's `encoding/json` float64 encoding.
fn go_json_float(f: f64) -> String {
    if !f.is_finite() {
        return "null".into();
    }
    let abs = f.abs();
    if abs != 0.0 && !(1e-6..1e21).contains(&abs) {
        let s = go_format_float(f, 'e');
        // Go turns e-07 into e-7.
        if let Some(pos) = s.find("e-0") {
            let mut t = s[..pos].to_string();
            t.push_str("e-");
            t.push_str(&s[pos + 3..]);
            return t;
        }
        s
    } else {
        go_format_float(f, 'f')
    }
}

/// Go's `strconv.FormatFloat(f, fmt, -1, 64)` for fmt 'e', 'f' and 'g'.
fn go_format_float(f: f64, fmt: char) -> String {
    if f == 0.0 {
        return if f.is_sign_negative() { "-0" } else { "0" }.into();
    }
    // Rust's `{:e}` gives the shortest round-tripping digits, as Go's -1 precision does.
    let sci = format!("{:e}", f.abs());
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let digits: String = mant.chars().filter(|c| c.is_ascii_digit()).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    let fmt = if fmt == 'g' { if !(-4..6).contains(&exp) { 'e' } else { 'f' } } else { fmt };
    if fmt == 'e' {
        let mut s = String::from(sign);
        s.push_str(&digits[..1]);
        if digits.len() > 1 {
            s.push('.');
            s.push_str(&digits[1..]);
        }
        s.push('e');
        s.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            s.push('0');
        }
        s.push_str(&e.to_string());
        return s;
    }
    // Plain decimal notation.
    let point = exp + 1; // digits before the decimal point
    let mut s = String::from(sign);
    if point <= 0 {
        s.push_str("0.");
        for _ in 0..(-point) {
            s.push('0');
        }
        s.push_str(&digits);
    } else {
        let p = point as usize;
        if digits.len() <= p {
            s.push_str(&digits);
            for _ in digits.len()..p {
                s.push('0');
            }
        } else {
            s.push_str(&digits[..p]);
            s.push('.');
            s.push_str(&digits[p..]);
        }
    }
    s
}

/// The YAML text of a number: what go-yaml makes of the number's Go JSON text.
fn yaml_number(n: &serde_json::Number) -> String {
    let text = json_number(n);
    if let Ok(i) = text.parse::<i64>() {
        return i.to_string();
    }
    if let Ok(u) = text.parse::<u64>() {
        return u.to_string();
    }
    match text.parse::<f64>() {
        Ok(f) => go_format_float(f, 'g'),
        Err(_) => text,
    }
}

// ---------------------------------------------------------------------------------------
// YAML: a transcription of the parts of go-yaml v2's emitter that JSON data reaches.

const BEST_INDENT: i32 = 2;
const BEST_WIDTH: i32 = 80;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
}

struct Analysis {
    multiline: bool,
    flow_plain_allowed: bool,
    block_plain_allowed: bool,
    single_quoted_allowed: bool,
    block_allowed: bool,
}

struct Emitter {
    out: String,
    indent: i32,
    indents: Vec<i32>,
    column: i32,
    whitespace: bool,
    indention: bool,
    flow_level: i32,
}

fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn width(b: u8) -> usize {
    if b & 0x80 == 0 {
        1
    } else if b & 0xE0 == 0xC0 {
        2
    } else if b & 0xF0 == 0xE0 {
        3
    } else if b & 0xF8 == 0xF0 {
        4
    } else {
        1
    }
}

fn is_space(b: &[u8], i: usize) -> bool {
    at(b, i) == b' '
}

fn is_blank(b: &[u8], i: usize) -> bool {
    matches!(at(b, i), b' ' | b'\t')
}

fn is_break(b: &[u8], i: usize) -> bool {
    let c = at(b, i);
    c == b'\r'
        || c == b'\n'
        || (c == 0xC2 && at(b, i + 1) == 0x85)
        || (c == 0xE2 && at(b, i + 1) == 0x80 && (at(b, i + 2) == 0xA8 || at(b, i + 2) == 0xA9))
}

fn is_blankz(b: &[u8], i: usize) -> bool {
    is_blank(b, i) || is_break(b, i) || i >= b.len() || at(b, i) == 0
}

fn is_printable(b: &[u8], i: usize) -> bool {
    let c = at(b, i);
    let c1 = at(b, i + 1);
    let c2 = at(b, i + 2);
    c == 0x0A
        || (0x20..=0x7E).contains(&c)
        || (c == 0xC2 && c1 >= 0xA0)
        || (c > 0xC2 && c < 0xED)
        || (c == 0xED && c1 < 0xA0)
        || c == 0xEE
        || (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)))
}

fn is_bom(b: &[u8]) -> bool {
    b.starts_with(&[0xEF, 0xBB, 0xBF])
}

fn analyze(value: &str) -> Analysis {
    let b = value.as_bytes();
    if b.is_empty() {
        return Analysis {
            multiline: false,
            flow_plain_allowed: false,
            block_plain_allowed: true,
            single_quoted_allowed: true,
            block_allowed: false,
        };
    }
    let mut block_indicators = false;
    let mut flow_indicators = false;
    let mut line_breaks = false;
    let mut special_characters = false;
    let mut leading_space = false;
    let mut leading_break = false;
    let mut trailing_space = false;
    let mut trailing_break = false;
    let mut break_space = false;
    let mut space_break = false;
    let mut previous_space = false;
    let mut previous_break = false;

    if b.starts_with(b"---") || b.starts_with(b"...") {
        block_indicators = true;
        flow_indicators = true;
    }
    let mut preceded_by_whitespace = true;
    let mut i = 0;
    while i < b.len() {
        let w = width(b[i]);
        let followed_by_whitespace = i + w >= b.len() || is_blank(b, i + w);
        if i == 0 {
            match b[i] {
                b'#' | b',' | b'[' | b']' | b'{' | b'}' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\'' | b'"' | b'%'
                | b'@' | b'`' => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                b'?' | b':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                b'-' if followed_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        } else {
            match b[i] {
                b',' | b'?' | b'[' | b']' | b'{' | b'}' => flow_indicators = true,
                b':' => {
                    flow_indicators = true;
                    if followed_by_whitespace {
                        block_indicators = true;
                    }
                }
                b'#' if preceded_by_whitespace => {
                    flow_indicators = true;
                    block_indicators = true;
                }
                _ => {}
            }
        }
        if !is_printable(b, i) {
            special_characters = true;
        }
        if is_space(b, i) {
            if i == 0 {
                leading_space = true;
            }
            if i + w == b.len() {
                trailing_space = true;
            }
            if previous_break {
                break_space = true;
            }
            previous_space = true;
            previous_break = false;
        } else if is_break(b, i) {
            line_breaks = true;
            if i == 0 {
                leading_break = true;
            }
            if i + w == b.len() {
                trailing_break = true;
            }
            if previous_space {
                space_break = true;
            }
            previous_space = false;
            previous_break = true;
        } else {
            previous_space = false;
            previous_break = false;
        }
        preceded_by_whitespace = is_blankz(b, i);
        i += w;
    }
    let mut a = Analysis {
        multiline: line_breaks,
        flow_plain_allowed: true,
        block_plain_allowed: true,
        single_quoted_allowed: true,
        block_allowed: true,
    };
    if leading_space || leading_break || trailing_space || trailing_break {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if trailing_space {
        a.block_allowed = false;
    }
    if break_space {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
    }
    if space_break || special_characters {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
        a.single_quoted_allowed = false;
        a.block_allowed = false;
    }
    if line_breaks {
        a.flow_plain_allowed = false;
        a.block_plain_allowed = false;
    }
    if flow_indicators {
        a.flow_plain_allowed = false;
    }
    if block_indicators {
        a.block_plain_allowed = false;
    }
    a
}

/// Whether go-yaml would read the plain scalar back as something other than a string
/// (`resolve` in resolve.go), or as a YAML 1.1 base-60 float.
fn resolves_to_non_string(s: &str) -> bool {
    const SPECIAL: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO", "false",
        "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan", ".NaN", ".NAN", ".inf", ".Inf",
        ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ];
    // "<<" (the merge key) is in go-yaml's table too, but never looked up: its first
    // character has no resolve hint.
    if SPECIAL.contains(&s) {
        return true;
    }
    let b = s.as_bytes();
    let first = b[0];
    match first {
        b'.' => parse_go_float(s).is_some(),
        b'+' | b'-' | b'0'..=b'9' => {
            if is_timestamp(s) {
                return true;
            }
            let plain: String = s.chars().filter(|&c| c != '_').collect();
            if parse_go_int(&plain).is_some() {
                return true;
            }
            if is_yaml_style_float(&plain) && parse_go_float(&plain).is_some() {
                return true;
            }
            if let Some(rest) = plain.strip_prefix("0b") {
                if !rest.is_empty() && rest.chars().all(|c| c == '0' || c == '1') {
                    return true;
                }
            } else if let Some(rest) = plain.strip_prefix("-0b")
                && !rest.is_empty()
                && rest.chars().all(|c| c == '0' || c == '1')
            {
                return true;
            }
            is_base60_float(s)
        }
        _ => false,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` or `ParseUint(s, 0, 64)` accepting the string.
fn parse_go_int(s: &str) -> Option<()> {
    let (neg, body) = match s.as_bytes().first() {
        Some(b'+') => (false, &s[1..]),
        Some(b'-') => (true, &s[1..]),
        _ => (false, s),
    };
    let _ = neg;
    let (radix, digits) = if let Some(r) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, r)
    } else if let Some(r) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, r)
    } else if let Some(r) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, r)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() {
        return None;
    }
    // Overflow still fails in Go, but then ParseUint/float checks follow; an overlong
    // integer literal is a float in YAML terms, which is also non-string.
    if digits.chars().all(|c| c.is_digit(radix)) {
        if radix == 10 {
            return Some(());
        }
        return u64::from_str_radix(digits, radix).ok().map(|_| ());
    }
    None
}

fn is_yaml_style_float(s: &str) -> bool {
    // ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(at(b, i), b'+' | b'-') {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while at(b, *i).is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if at(b, i) == b'.' {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if at(b, i) == b'.' {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(at(b, i), b'e' | b'E') {
        i += 1;
        if matches!(at(b, i), b'+' | b'-') {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Go's `strconv.ParseFloat(s, 64)` accepting the string (decimal forms with Go's
/// digit-separating underscores, inf, nan).
fn parse_go_float(s: &str) -> Option<f64> {
    let lower = s.to_ascii_lowercase();
    let body = lower.trim_start_matches(['+', '-']);
    if matches!(body, "inf" | "infinity" | "nan") {
        return Some(0.0);
    }
    if body.starts_with("0x") {
        return None;
    }
    if !s.bytes().all(|c| c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_')) {
        return None;
    }
    if s.contains('_') && !underscore_ok(s) {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != '_').collect();
    plain.parse::<f64>().ok()
}

/// Go's `strconv.underscoreOK`: underscores only between digits.
fn underscore_ok(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s).as_bytes();
    let mut saw = b'^';
    for &c in b {
        if c.is_ascii_digit() {
            saw = b'0';
        } else if c == b'_' {
            if saw != b'0' {
                return false;
            }
            saw = b'_';
        } else {
            if saw == b'_' {
                return false;
            }
            saw = b'!';
        }
    }
    saw != b'_'
}

fn is_base60_float(s: &str) -> bool {
    // ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
    if !s.contains(':') {
        return false;
    }
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(at(b, i), b'+' | b'-') {
        i += 1;
    }
    if !at(b, i).is_ascii_digit() {
        return false;
    }
    i += 1;
    while at(b, i).is_ascii_digit() || at(b, i) == b'_' {
        i += 1;
    }
    let mut groups = 0;
    while at(b, i) == b':' {
        i += 1;
        let start = i;
        while at(b, i).is_ascii_digit() && i - start < 2 {
            i += 1;
        }
        let n = i - start;
        if n == 0 {
            return false;
        }
        if n == 2 && b[start] > b'5' {
            // [0-5]?[0-9]: a two-digit group must start with 0-5; retry as one digit.
            return false;
        }
        groups += 1;
    }
    if groups == 0 {
        return false;
    }
    if at(b, i) == b'.' {
        i += 1;
        while at(b, i).is_ascii_digit() || at(b, i) == b'_' {
            i += 1;
        }
    }
    i == b.len()
}

/// go-yaml's timestamp check: `YYYY-` followed by a date, optionally a time
/// (formats `2006-1-2`, `2006-1-2T15:4:5.999999999Z07:00` also with `t`, and
/// `2006-1-2 15:4:5.999999999`).
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits != 4 || b.get(4) != Some(&b'-') {
        return false;
    }
    let mut i = 5;
    // Reads one or two digits at `i` and returns their value.
    let num = |i: &mut usize| -> Option<u32> {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() && *i - start < 2 {
            *i += 1;
        }
        if *i == start {
            return None;
        }
        Some(b[start..*i].iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let Some(month) = num(&mut i) else {
        return false;
    };
    if at(b, i) != b'-' {
        return false;
    }
    i += 1;
    let Some(day) = num(&mut i) else { return false };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return false;
    }
    if i == b.len() {
        return true;
    }
    let zone_required = match b[i] {
        b'T' | b't' => true,
        b' ' => false,
        _ => return false,
    };
    i += 1;
    for (k, max) in [(0, 23u32), (1, 59), (2, 59)] {
        match num(&mut i) {
            Some(v) if v <= max => {}
            _ => return false,
        }
        if k < 2 {
            if at(b, i) != b':' {
                return false;
            }
            i += 1;
        }
    }
    if at(b, i) == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let r = &b[i..];
    if !zone_required {
        return r.is_empty();
    }
    r == b"Z"
        || (r.len() == 6
            && matches!(r[0], b'+' | b'-')
            && r[1].is_ascii_digit()
            && r[2].is_ascii_digit()
            && r[3] == b':'
            && r[4].is_ascii_digit()
            && r[5].is_ascii_digit())
}

/// go-yaml's `keyList.Less` for string keys: letters after non-letters, digit runs
/// compared as numbers.
fn yaml_key_less(a: &str, b: &str) -> bool {
    let ar: Vec<char> = a.chars().collect();
    let br: Vec<char> = b.chars().collect();
    let mut i = 0;
    while i < ar.len() && i < br.len() {
        if ar[i] == br[i] {
            i += 1;
            continue;
        }
        let al = ar[i].is_alphabetic();
        let bl = br[i].is_alphabetic();
        if al && bl {
            return ar[i] < br[i];
        }
        if al || bl {
            return bl;
        }
        let mut an: i64 = 0;
        let mut bn: i64 = 0;
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.wrapping_mul(10).wrapping_add(i64::from(ar[ai] as u8 - b'0'));
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.wrapping_mul(10).wrapping_add(i64::from(br[bi] as u8 - b'0'));
            bi += 1;
        }
        if an != bn {
            return an < bn;
        }
        if ai != bi {
            return ai < bi;
        }
        return ar[i] < br[i];
    }
    ar.len() < br.len()
}

/// The keys in go-yaml's order, sorted as Go's `sort.Sort` does (the order is not total).
fn sorted_keys(map: &Map<String, Value>) -> Vec<&String> {
    let mut keys: Vec<&String> = map.keys().collect();
    crate::gosort::sort(&mut keys, &mut |a, b| yaml_key_less(a, b));
    keys
}

impl Emitter {
    fn new() -> Emitter {
        Emitter {
            out: String::new(),
            indent: -1,
            indents: Vec::new(),
            column: 0,
            whitespace: true,
            indention: true,
            flow_level: 0,
        }
    }

    fn put(&mut self, c: char) {
        self.out.push(c);
        self.column += 1;
    }

    fn put_break(&mut self) {
        self.out.push('\n');
        self.column = 0;
    }

    /// Copies one character of `b` at `*i` (any width) and advances.
    fn write(&mut self, b: &[u8], i: &mut usize) {
        let w = width(b[*i]).min(b.len() - *i);
        self.out.push_str(std::str::from_utf8(&b[*i..*i + w]).unwrap_or("\u{fffd}"));
        self.column += 1;
        *i += w;
    }

    fn write_break(&mut self, b: &[u8], i: &mut usize) {
        if b[*i] == b'\n' {
            self.put_break();
            *i += 1;
        } else {
            self.write(b, i);
            self.column = 0;
        }
    }

    fn write_all(&mut self, s: &str) {
        let b = s.as_bytes();
        let mut i = 0;
        while i < b.len() {
            self.write(b, &mut i);
        }
    }

    fn increase_indent(&mut self, flow: bool, indentless: bool) {
        self.indents.push(self.indent);
        if self.indent < 0 {
            self.indent = if flow { BEST_INDENT } else { 0 };
        } else if !indentless {
            self.indent += BEST_INDENT;
        }
    }

    fn pop_indent(&mut self) {
        self.indent = self.indents.pop().unwrap_or(-1);
    }

    fn write_indent(&mut self) {
        let indent = self.indent.max(0);
        if !self.indention || self.column > indent || (self.column == indent && !self.whitespace) {
            self.put_break();
        }
        while self.column < indent {
            self.put(' ');
        }
        self.whitespace = true;
        self.indention = true;
    }

    fn write_indicator(&mut self, ind: &str, need_ws: bool, is_ws: bool, is_indention: bool) {
        if need_ws && !self.whitespace {
            self.put(' ');
        }
        self.write_all(ind);
        self.whitespace = is_ws;
        self.indention = self.indention && is_indention;
    }

    fn document_end(&mut self) {
        self.write_indent();
    }

    /// Emits a node; the flags are go-yaml's root/sequence/mapping/simple-key contexts.
    fn node(&mut self, v: &Value, _root: bool, _sequence: bool, mapping: bool, simple_key: bool) {
        match v {
            Value::Null => self.scalar("null", Style::Plain, simple_key),
            Value::Bool(b) => self.scalar(if *b { "true" } else { "false" }, Style::Plain, simple_key),
            Value::Number(n) => self.scalar(&yaml_number(n), Style::Plain, simple_key),
            Value::String(s) => {
                let style = if s.contains('\n') {
                    Style::Literal
                } else if !resolves_to_non_string(s) && !is_base60_float(s) {
                    Style::Plain
                } else {
                    Style::Double
                };
                self.scalar(s, style, simple_key);
            }
            Value::Array(items) => {
                if items.is_empty() || self.flow_level > 0 {
                    self.write_indicator("[", true, true, false);
                    self.increase_indent(true, false);
                    self.flow_level += 1;
                    for (i, item) in items.iter().enumerate() {
                        if i > 0 {
                            self.write_indicator(",", false, false, false);
                        }
                        if self.column > BEST_WIDTH {
                            self.write_indent();
                        }
                        self.node(item, false, true, false, false);
                    }
                    self.flow_level -= 1;
                    self.pop_indent();
                    self.write_indicator("]", false, false, false);
                    return;
                }
                let indentless = mapping && !self.indention;
                self.increase_indent(false, indentless);
                for item in items {
                    self.write_indent();
                    self.write_indicator("-", true, false, true);
                    self.node(item, false, true, false, false);
                }
                self.pop_indent();
            }
            Value::Object(map) => {
                if map.is_empty() || self.flow_level > 0 {
                    self.write_indicator("{", true, true, false);
                    self.increase_indent(true, false);
                    self.flow_level += 1;
                    for (i, k) in sorted_keys(map).into_iter().enumerate() {
                        if i > 0 {
                            self.write_indicator(",", false, false, false);
                        }
                        if self.column > BEST_WIDTH {
                            self.write_indent();
                        }
                        let key = Value::String(k.clone());
                        self.node(&key, false, false, true, true);
                        self.write_indicator(":", false, false, false);
                        self.node(&map[k], false, false, true, false);
                    }
                    self.flow_level -= 1;
                    self.pop_indent();
                    self.write_indicator("}", false, false, false);
                    return;
                }
                self.increase_indent(false, false);
                for k in sorted_keys(map) {
                    self.write_indent();
                    let key = Value::String(k.clone());
                    let a = analyze(k);
                    if !a.multiline && k.len() <= 128 {
                        self.node(&key, false, false, true, true);
                        self.write_indicator(":", false, false, false);
                    } else {
                        self.write_indicator("?", true, false, true);
                        self.node(&key, false, false, true, false);
                        self.write_indent();
                        self.write_indicator(":", true, false, true);
                    }
                    self.node(&map[k], false, false, true, false);
                }
                self.pop_indent();
            }
        }
    }

    fn scalar(&mut self, value: &str, requested: Style, simple_key: bool) {
        let a = analyze(value);
        let mut style = requested;
        if simple_key && a.multiline {
            style = Style::Double;
        }
        if style == Style::Plain {
            if (self.flow_level > 0 && !a.flow_plain_allowed) || (self.flow_level == 0 && !a.block_plain_allowed) {
                style = Style::Single;
            }
            if value.is_empty() && (self.flow_level > 0 || simple_key) {
                style = Style::Single;
            }
        }
        if style == Style::Single && !a.single_quoted_allowed {
            style = Style::Double;
        }
        if style == Style::Literal && (!a.block_allowed || self.flow_level > 0 || simple_key) {
            style = Style::Double;
        }
        self.increase_indent(true, false);
        let allow_breaks = !simple_key;
        match style {
            Style::Plain => self.write_plain(value, allow_breaks),
            Style::Single => self.write_single(value, allow_breaks),
            Style::Double => self.write_double(value, allow_breaks),
            Style::Literal => self.write_literal(value),
        }
        self.pop_indent();
    }

    fn write_plain(&mut self, value: &str, allow_breaks: bool) {
        let b = value.as_bytes();
        if !self.whitespace {
            self.put(' ');
        }
        let mut spaces = false;
        let mut breaks = false;
        let mut i = 0;
        while i < b.len() {
            if is_space(b, i) {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && !is_space(b, i + 1) {
                    self.write_indent();
                    i += 1;
                } else {
                    self.write(b, &mut i);
                }
                spaces = true;
            } else if is_break(b, i) {
                if !breaks && b[i] == b'\n' {
                    self.put_break();
                }
                self.write_break(b, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.write(b, &mut i);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.whitespace = false;
        self.indention = false;
    }

    fn write_single(&mut self, value: &str, allow_breaks: bool) {
        let b = value.as_bytes();
        self.write_indicator("'", true, false, false);
        let mut spaces = false;
        let mut breaks = false;
        let mut i = 0;
        while i < b.len() {
            if is_space(b, i) {
                if allow_breaks
                    && !spaces
                    && self.column > BEST_WIDTH
                    && i > 0
                    && i < b.len() - 1
                    && !is_space(b, i + 1)
                {
                    self.write_indent();
                    i += 1;
                } else {
                    self.write(b, &mut i);
                }
                spaces = true;
            } else if is_break(b, i) {
                if !breaks && b[i] == b'\n' {
                    self.put_break();
                }
                self.write_break(b, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                if b[i] == b'\'' {
                    self.put('\'');
                }
                self.write(b, &mut i);
                self.indention = false;
                spaces = false;
                breaks = false;
            }
        }
        self.write_indicator("'", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_double(&mut self, value: &str, allow_breaks: bool) {
        let b = value.as_bytes();
        let bom = is_bom(b);
        let mut spaces = false;
        self.write_indicator("\"", true, false, false);
        let mut i = 0;
        while i < b.len() {
            if !is_printable(b, i) || bom || is_break(b, i) || b[i] == b'"' || b[i] == b'\\' {
                let w = width(b[i]).min(b.len() - i);
                let v = std::str::from_utf8(&b[i..i + w])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .map_or(u32::from(b[i]), u32::from);
                i += w;
                self.put('\\');
                match v {
                    0x00 => self.put('0'),
                    0x07 => self.put('a'),
                    0x08 => self.put('b'),
                    0x09 => self.put('t'),
                    0x0A => self.put('n'),
                    0x0B => self.put('v'),
                    0x0C => self.put('f'),
                    0x0D => self.put('r'),
                    0x1B => self.put('e'),
                    0x22 => self.put('"'),
                    0x5C => self.put('\\'),
                    0x85 => self.put('N'),
                    0xA0 => self.put('_'),
                    0x2028 => self.put('L'),
                    0x2029 => self.put('P'),
                    _ => {
                        let (c, digits) = if v <= 0xFF {
                            ('x', 2)
                        } else if v <= 0xFFFF {
                            ('u', 4)
                        } else {
                            ('U', 8)
                        };
                        self.put(c);
                        for k in (0..digits).rev() {
                            let d = (v >> (k * 4)) & 0xF;
                            let ch = char::from_digit(d, 16).unwrap_or('0').to_ascii_uppercase();
                            self.put(ch);
                        }
                    }
                }
                spaces = false;
            } else if is_space(b, i) {
                if allow_breaks && !spaces && self.column > BEST_WIDTH && i > 0 && i < b.len() - 1 {
                    self.write_indent();
                    if is_space(b, i + 1) {
                        self.put('\\');
                    }
                    i += 1;
                } else {
                    self.write(b, &mut i);
                }
                spaces = true;
            } else {
                self.write(b, &mut i);
                spaces = false;
            }
        }
        self.write_indicator("\"", false, false, false);
        self.whitespace = false;
        self.indention = false;
    }

    fn write_literal(&mut self, value: &str) {
        let b = value.as_bytes();
        self.write_indicator("|", true, false, false);
        // Block scalar hints: an indentation indicator when the text starts with a space
        // or break, and a chomping indicator from the trailing breaks.
        if is_space(b, 0) || is_break(b, 0) {
            let hint = char::from_digit(BEST_INDENT as u32, 10).unwrap_or('2');
            self.write_indicator(&hint.to_string(), false, false, false);
        }
        let chomp = if b.is_empty() {
            Some('-')
        } else {
            let mut i = b.len() - 1;
            while i > 0 && b[i] & 0xC0 == 0x80 {
                i -= 1;
            }
            if !is_break(b, i) {
                Some('-')
            } else if i == 0 {
                Some('+')
            } else {
                i -= 1;
                while i > 0 && b[i] & 0xC0 == 0x80 {
                    i -= 1;
                }
                if is_break(b, i) { Some('+') } else { None }
            }
        };
        if let Some(c) = chomp {
            self.write_indicator(&c.to_string(), false, false, false);
        }
        self.put_break();
        self.indention = true;
        self.whitespace = true;
        let mut breaks = true;
        let mut i = 0;
        while i < b.len() {
            if is_break(b, i) {
                self.write_break(b, &mut i);
                self.indention = true;
                breaks = true;
            } else {
                if breaks {
                    self.write_indent();
                }
                self.write(b, &mut i);
                self.indention = false;
                breaks = false;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_floats() {
        assert_eq!(go_json_float(1.5), "1.5");
        assert_eq!(go_json_float(1e21), "1e+21");
        assert_eq!(go_json_float(1e-7), "1e-7");
        assert_eq!(go_json_float(0.000001), "0.000001");
        assert_eq!(go_json_float(100000000.5), "100000000.5");
        assert_eq!(go_format_float(1e-7, 'g'), "1e-07");
        assert_eq!(go_format_float(100000000.5, 'g'), "1.000000005e+08");
        assert_eq!(go_format_float(1e6, 'g'), "1e+06");
        assert_eq!(go_format_float(123456.0, 'g'), "123456");
        assert_eq!(go_json_float(12345678901234567890.0), "12345678901234567000");
    }

    #[test]
    fn yaml_key_order_is_natural() {
        let mut keys = vec!["a10", "a9", "a09", "ab", "aB", "_", "-", "1", "A"];
        crate::gosort::sort(&mut keys, &mut |a, b| yaml_key_less(a, b));
        assert_eq!(keys, ["-", "_", "1", "A", "a9", "a09", "a10", "aB", "ab"]);
    }

    #[test]
    fn yaml_quoting() {
        let v = json!({"a": "1", "b": "yes", "c": "", "d": "x: y", "e": "-x", "n": 1.0});
        assert_eq!(to_yaml(&v), "a: \"1\"\nb: \"yes\"\nc: \"\"\nd: 'x: y'\ne: -x\n\"n\": 1\n");
    }
}
