//! The round trip of an object through its Go type, as kubectl's typed code paths do it.
//!
//! `kubectl create deployment`, `run`, `set image` and friends hold a Go struct, so what
//! they print is the struct marshalled again: unknown fields vanish, struct-valued fields
//! appear even when empty (`resources: {}`, `status: {}`), zero `metav1.Time`s print as
//! `null`, `omitempty` drops empty values, and quantities take their canonical spelling.

use serde_json::{Map, Value};

use crate::schema::{self, Field, Go, OMIT_EMPTY, OMIT_ZERO, Type};
use kubeplay_engine::quantity;

/// `v` as the Go type named by its apiVersion and kind would marshal it; objects of
/// unknown kinds are returned unchanged.
pub fn normalize(v: &Value) -> Value {
    let ty = v
        .get("apiVersion")
        .and_then(Value::as_str)
        .zip(v.get("kind").and_then(Value::as_str))
        .and_then(|(a, k)| schema::kind_type(a, k));
    match (ty, v) {
        (Some(t), Value::Object(m)) => Value::Object(normalize_struct(t, Some(m))),
        _ => v.clone(),
    }
}

/// Decodes `input` into the struct `t` and encodes it again.
pub fn normalize_struct(t: &Type, input: Option<&Map<String, Value>>) -> Map<String, Value> {
    let mut out = Map::new();
    for f in t.fields {
        let given = input.and_then(|m| lookup(m, f.name));
        if let Some(v) = field_value(f, given) {
            out.insert(f.name.to_string(), v);
        }
    }
    out
}

/// The input value `encoding/json` would decode into the field: an exact key, else a
/// case-insensitive one.
fn lookup<'a>(m: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    m.get(name).or_else(|| m.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v).next_back())
}

/// What the field marshals to, or `None` when it is omitted.
fn field_value(f: &Field, given: Option<&Value>) -> Option<Value> {
    let omit_empty = f.omit & OMIT_EMPTY != 0;
    let given = given.filter(|v| !v.is_null());
    match f.go {
        Go::Ptr => match given {
            None if omit_empty => None,
            None => Some(Value::Null),
            Some(v) => Some(elem_value(f.elem, f.child(), v)),
        },
        Go::Struct => {
            let m = given.and_then(Value::as_object);
            let v = Value::Object(f.child().map(|t| normalize_struct(t, m)).unwrap_or_default());
            if f.omit & OMIT_ZERO != 0 && v.as_object().is_some_and(|m| is_zero_struct(f, m)) {
                return None;
            }
            Some(v)
        }
        Go::Slice => match given {
            None if omit_empty => None,
            None => Some(Value::Null),
            Some(Value::Array(items)) => {
                if items.is_empty() && omit_empty {
                    return None;
                }
                Some(Value::Array(items.iter().map(|i| elem_value(f.elem, f.child(), i)).collect()))
            }
            Some(v) => Some(v.clone()),
        },
        Go::Map => match given {
            None if omit_empty => None,
            None => Some(Value::Null),
            Some(Value::Object(m)) => {
                if m.is_empty() && omit_empty {
                    return None;
                }
                let m = m.iter().map(|(k, v)| (k.clone(), elem_value(f.elem, f.child(), v))).collect();
                Some(Value::Object(m))
            }
            Some(v) => Some(v.clone()),
        },
        Go::Time => match given {
            Some(v) => Some(v.clone()),
            None if f.omit & OMIT_ZERO != 0 => None,
            None => Some(Value::Null),
        },
        Go::Quantity => Some(given.map_or_else(|| Value::from("0"), quantity_value)),
        Go::IntOrString => Some(given.cloned().unwrap_or_else(|| Value::from(0))),
        Go::Raw => Some(given.cloned().unwrap_or(Value::Null)),
        Go::Bytes | Go::String => match given {
            Some(Value::String(s)) if s.is_empty() && omit_empty => None,
            Some(v) => Some(v.clone()),
            None if omit_empty => None,
            None => Some(Value::from("")),
        },
        Go::Int | Go::Float => match given {
            Some(v) if omit_empty && v.as_f64() == Some(0.0) => None,
            Some(v) => Some(int_value(v)),
            None if omit_empty => None,
            None => Some(Value::from(0)),
        },
        Go::Bool => match given {
            Some(Value::Bool(false)) if omit_empty => None,
            Some(v) => Some(v.clone()),
            None if omit_empty => None,
            None => Some(Value::Bool(false)),
        },
    }
}

/// An element of a slice or map, or a pointee.
fn elem_value(elem: Go, child: Option<&Type>, v: &Value) -> Value {
    match (elem, child, v) {
        (Go::Struct, Some(t), Value::Object(m)) => Value::Object(normalize_struct(t, Some(m))),
        (Go::Struct, Some(t), Value::Null) => Value::Object(normalize_struct(t, None)),
        (Go::Quantity, _, v) if !v.is_null() => quantity_value(v),
        (Go::Int, _, v) => int_value(v),
        _ => v.clone(),
    }
}

fn quantity_value(v: &Value) -> Value {
    let text = match v {
        Value::String(s) => s.trim().to_string(),
        other => other.to_string(),
    };
    match quantity::marshal_quantity(&text) {
        Ok(s) => Value::from(s),
        Err(_) => v.clone(),
    }
}

/// Integral floats become integers, as decoding into an int field does.
fn int_value(v: &Value) -> Value {
    match v.as_f64() {
        Some(f) if v.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
        _ => v.clone(),
    }
}

fn is_zero_struct(f: &Field, m: &Map<String, Value>) -> bool {
    let zero = f.child().map(|t| normalize_struct(t, None)).unwrap_or_default();
    &zero == m
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fills_struct_fields_and_drops_unknown_ones() {
        let v = json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
            "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "x", "bogus": 1,
            "resources": {"requests": {"cpu": "0.5"}}}]}}}, "extra": true});
        let n = normalize(&v);
        assert_eq!(
            n,
            json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                "spec": {"selector": null, "strategy": {}, "template": {"metadata": {}, "spec": {
                "containers": [{"name": "a", "image": "x", "resources": {"requests": {"cpu": "500m"}}}]}}},
                "status": {}})
        );
    }
}
