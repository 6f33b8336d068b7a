//! How Go's `fmt` and `encoding/json` spell JSON values, so kubectl's printers can be matched byte for byte.
//!
//! kubectl hands its printers `map[string]interface{}` trees; what users see is Go's formatting of them:
//! `json.Marshal` for objects in jsonpath output, `fmt.Sprint` (`%v`) in custom columns and error messages,
//! and `%#v` in the object dump of a failed jsonpath. Integers are Go `int64` (as in kubectl's unstructured
//! objects) and other numbers `float64`. Map keys are always written in sorted order, as Go does.

use serde_json::{Number, Value};

/// `fmt.Sprint(v)` (`%v`): `map[a:1 b:[x y]]`, `<nil>`, strings bare.
pub(crate) fn sprint(value: &Value) -> String {
    let mut out = String::new();
    write_sprint(&mut out, value);
    out
}

fn write_sprint(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("<nil>"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                write_sprint(out, item);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push_str("map[");
            for (i, (key, item)) in sorted_entries(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(key);
                out.push(':');
                write_sprint(out, item);
            }
            out.push(']');
        }
    }
}

/// `fmt.Sprintf("%#v", v)`: `map[string]interface {}{"a":1, "b":[]interface {}{"x"}}`.
pub(crate) fn sharp_v(value: &Value) -> String {
    let mut out = String::new();
    write_sharp_v(&mut out, value);
    out
}

fn write_sharp_v(out: &mut String, value: &Value) {
    match value {
        Value::Null => out.push_str("interface {}(nil)"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_v(n)),
        Value::String(s) => out.push_str(&quote(s)),
        Value::Array(items) => {
            out.push_str("[]interface {}{");
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_sharp_v(out, item);
            }
            out.push('}');
        }
        Value::Object(map) => {
            out.push_str("map[string]interface {}{");
            for (i, (key, item)) in sorted_entries(map).into_iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&quote(key));
                out.push(':');
                write_sharp_v(out, item);
            }
            out.push('}');
        }
    }
}

/// `json.Marshal(v)`, or `json.MarshalIndent(v, "", indent)` when `indent` is given.
pub(crate) fn json(value: &Value, indent: Option<&str>) -> String {
    let mut out = String::new();
    write_json(&mut out, value, indent, 0);
    out
}

fn write_json(out: &mut String, value: &Value, indent: Option<&str>, depth: usize) {
    let newline = |out: &mut String, depth: usize| {
        if let Some(unit) = indent {
            out.push('\n');
            for _ in 0..depth {
                out.push_str(unit);
            }
        }
    };
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => out.push_str(&number_json(n)),
        Value::String(s) => write_json_string(out, s),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_json(out, item, indent, depth + 1);
            }
            newline(out, depth);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("{}"),
        Value::Object(map) => {
            out.push('{');
            for (i, (key, item)) in sorted_entries(map).into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                newline(out, depth + 1);
                write_json_string(out, key);
                out.push(':');
                if indent.is_some() {
                    out.push(' ');
                }
                write_json(out, item, indent, depth + 1);
            }
            newline(out, depth);
            out.push('}');
        }
    }
}

/// A JSON string as `encoding/json` escapes it by default (HTML-safe: `<`, `>`, `&` become `\u003c` …).
pub(crate) fn write_json_string(out: &mut String, s: &str) {
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
            c if c < ' ' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn sorted_entries(map: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_by(|a, b| a.0.cmp(b.0));
    entries
}

/// A JSON number as Go holds it after decoding: `int64` when it is an integer that fits, else `float64`.
pub(crate) enum GoNumber {
    Int(i64),
    Float(f64),
}

pub(crate) fn go_number(n: &Number) -> GoNumber {
    match n.as_i64() {
        Some(i) => GoNumber::Int(i),
        None => GoNumber::Float(n.as_f64().unwrap_or(0.0)),
    }
}

/// Go's name for the dynamic type of a decoded JSON number.
pub(crate) fn number_type_name(n: &Number) -> &'static str {
    match go_number(n) {
        GoNumber::Int(_) => "int64",
        GoNumber::Float(_) => "float64",
    }
}

fn number_v(n: &Number) -> String {
    match go_number(n) {
        GoNumber::Int(i) => i.to_string(),
        GoNumber::Float(f) => float_v(f),
    }
}

fn number_json(n: &Number) -> String {
    match go_number(n) {
        GoNumber::Int(i) => i.to_string(),
        GoNumber::Float(f) => float_json(f),
    }
}

/// `%v` of a `float64`: the shortest form, with an exponent from 1e+06 up or below 1e-04 (`1e+06`, `0.5`).
pub(crate) fn float_v(f: f64) -> String {
    let (negative, digits, point) = shortest_digits(f);
    if digits.is_empty() {
        return signed(negative, "0".to_string());
    }
    let exp = point - 1;
    if !(-4..6).contains(&exp) {
        signed(negative, exponent_form(&digits, point))
    } else {
        signed(negative, fixed_form(&digits, point))
    }
}

/// `encoding/json`'s `float64`: fixed notation between 1e-6 and 1e21, else `1e+21`, `1e-7`.
pub(crate) fn float_json(f: f64) -> String {
    let (negative, digits, point) = shortest_digits(f);
    if digits.is_empty() {
        return signed(negative, "0".to_string());
    }
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let mut text = exponent_form(&digits, point);
        // Go trims the exponent's padding zero: e-07 becomes e-7.
        if let Some(at) = text.find("e-0") {
            text.remove(at + 2);
        }
        signed(negative, text)
    } else {
        signed(negative, fixed_form(&digits, point))
    }
}

fn signed(negative: bool, text: String) -> String {
    if negative { format!("-{text}") } else { text }
}

/// The shortest decimal digits that read back as `f`, and where the decimal point goes
/// (`f = 0.DIGITS × 10^point`); no digits for zero.
fn shortest_digits(f: f64) -> (bool, String, i32) {
    let negative = f.is_sign_negative();
    if f == 0.0 || !f.is_finite() {
        return (negative, String::new(), 0);
    }
    // Rust's `{:e}` prints the shortest round-tripping digits, as Go's strconv does: `1.2345e-7`.
    let text = format!("{:e}", f.abs());
    let (mantissa, exp) = text.split_once('e').unwrap_or((text.as_str(), "0"));
    let digits: String = mantissa.chars().filter(|c| c.is_ascii_digit()).collect();
    let exp: i32 = exp.parse().unwrap_or(0);
    (negative, digits, exp + 1)
}

fn exponent_form(digits: &str, point: i32) -> String {
    let exp = point - 1;
    let mut out = String::new();
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    out.push_str(&format!("{:02}", exp.unsigned_abs()));
    out
}

fn fixed_form(digits: &str, point: i32) -> String {
    let len = digits.len() as i32;
    if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point >= len {
        format!("{digits}{}", "0".repeat((point - len) as usize))
    } else {
        let (int, frac) = digits.split_at(point as usize);
        format!("{int}.{frac}")
    }
}

/// `strconv.Quote(s)`: a double-quoted Go string literal.
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c if is_print(c) => out.push(c),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push_str(&format!("\\U{:08x}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// `fmt.Sprintf("%#U", c)`: `U+002A '*'`, or just `U+0009` for a character Go does not print.
pub(crate) fn sharp_u(c: char) -> String {
    if is_print(c) { format!("U+{:04X} '{c}'", c as u32) } else { format!("U+{:04X}", c as u32) }
}

/// Close to Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
/// (Unassigned code points, which Go also rejects, are not told apart here.)
fn is_print(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    let format_or_private = matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x180E | 0x200B..=0x200F | 0x202A..=0x202E
        | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF | 0xFFF9..=0xFFFB | 0xE000..=0xF8FF
        | 0xF0000..=0x10FFFF);
    !format_or_private
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn floats_as_go_prints_them() {
        // fmt.Sprint and json.Marshal of float64 values, as Go 1.25 prints them.
        let cases: &[(f64, &str, &str)] = &[
            (0.0, "0", "0"),
            (-0.0, "-0", "-0"),
            (1.0, "1", "1"),
            (2.2, "2.2", "2.2"),
            (0.5, "0.5", "0.5"),
            (123456.0, "123456", "123456"),
            (1000000.0, "1e+06", "1000000"),
            (1234567.0, "1.234567e+06", "1234567"),
            (1e20, "1e+20", "100000000000000000000"),
            (1e21, "1e+21", "1e+21"),
            (0.0001, "0.0001", "0.0001"),
            (0.00001, "1e-05", "0.00001"),
            (0.000001, "1e-06", "0.000001"),
            (0.0000001, "1e-07", "1e-7"),
            (-2.5e-10, "-2.5e-10", "-2.5e-10"),
            (8.95, "8.95", "8.95"),
        ];
        for (f, v, j) in cases {
            assert_eq!(float_v(*f), *v, "%v of {f}");
            assert_eq!(float_json(*f), *j, "json of {f}");
        }
    }

    #[test]
    fn values_as_go_prints_them() {
        let value = json!({"b": [1, 2.5, "x", null, true], "a": {"k": "v<&>\u{1}\u{8}"}, "e": {}, "f": []});
        assert_eq!(sprint(&value), "map[a:map[k:v<&>\u{1}\u{8}] b:[1 2.5 x <nil> true] e:map[] f:[]]");
        assert_eq!(
            sharp_v(&value),
            r#"map[string]interface {}{"a":map[string]interface {}{"k":"v<&>\x01\b"}, "b":[]interface {}{1, 2.5, "x", interface {}(nil), true}, "e":map[string]interface {}{}, "f":[]interface {}{}}"#
        );
        assert_eq!(
            json(&value, None),
            r#"{"a":{"k":"v\u003c\u0026\u003e\u0001\b"},"b":[1,2.5,"x",null,true],"e":{},"f":[]}"#
        );
        assert_eq!(
            json(&json!([{"a": [1]}, {}]), Some("    ")),
            "[\n    {\n        \"a\": [\n            1\n        ]\n    },\n    {}\n]"
        );
    }

    #[test]
    fn quoting() {
        assert_eq!(quote("a\"b\\c\té\u{2028}\u{1F600}\u{7f}"), r#""a\"b\\c\té\u2028😀\x7f""#);
        assert_eq!(sharp_u('*'), "U+002A '*'");
        assert_eq!(sharp_u('\t'), "U+0009");
    }
}
