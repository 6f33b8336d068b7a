//! The describer kubectl falls back to for kinds without their own (`genericDescriber`,
//! `printUnstructuredContent`, `smartLabelFor`): every field of the object, keys sorted and turned into
//! words (`apiVersion` → `API Version`), nested maps indented.

use kubeplay_engine::Object;
use serde_json::Value;

use super::{DescribeContext, Writer, annotations, events, events_of, labels};

const SKIPPED: &[&str] =
    &[".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];

pub(crate) fn describe_generic(obj: &Object, ctx: &dyn DescribeContext, w: &mut Writer) {
    let meta = obj.meta();
    w.write(0, &format!("Name:\t{}\n", obj.name()));
    w.write(0, &format!("Namespace:\t{}\n", obj.namespace()));
    labels(w, "Labels", meta.labels.as_ref());
    annotations(w, "Annotations", meta.annotations.as_ref());
    if let Value::Object(map) = obj.to_value() {
        content(w, 0, &map, "");
    }
    events(w, events_of(meta, ctx), ctx.now());
}

fn content(w: &mut Writer, level: usize, map: &serde_json::Map<String, Value>, prefix: &str) {
    let mut fields: Vec<&String> = map.keys().collect();
    fields.sort();
    for field in fields {
        let path = format!("{prefix}.{field}");
        if SKIPPED.contains(&path.as_str()) {
            continue;
        }
        match &map[field] {
            Value::Object(child) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                content(w, level + 1, child, &path);
            }
            Value::Array(items) => {
                w.write(level, &format!("{}:\n", smart_label(field)));
                for item in items {
                    match item {
                        Value::Object(child) => content(w, level + 1, child, &path),
                        other => w.write(level + 1, &format!("{}\n", go_value(other))),
                    }
                }
            }
            other => w.write(level, &format!("{}:\t{}\n", smart_label(field), go_value(other))),
        }
    }
}

/// A JSON scalar as Go's `%v` prints the decoded value.
fn go_value(value: &Value) -> String {
    match value {
        Value::Null => "<nil>".to_string(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// `smartLabelFor`: camel-case words, title-cased, with API/URL/UID/OSB/GUID in capitals; fields with
/// characters other than letters and `-` unchanged.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    const ACRONYMS: [&str; 5] = ["API", "URL", "UID", "OSB", "GUID"];
    camel_case_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|part| {
            let upper = part.to_uppercase();
            if ACRONYMS.contains(&upper.as_str()) {
                upper
            } else {
                let mut chars = part.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars.flat_map(char::to_lowercase)).collect(),
                    None => String::new(),
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// fatih/camelcase `Split`: runs of lower-case, upper-case, digits and other characters, with the last
/// capital of an upper-case run moved to the lower-case run after it (`HTTPServer` → `HTTP`, `Server`).
fn camel_case_split(s: &str) -> Vec<String> {
    fn class(c: char) -> u8 {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    }
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in s.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower =
            runs[i].first().is_some_and(|c| c.is_uppercase()) && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower && let Some(moved) = runs[i].pop() {
            runs[i + 1].insert(0, moved);
        }
    }
    runs.into_iter().filter(|r| !r.is_empty()).map(|r| r.into_iter().collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases from kubectl's describe_test.go (TestSmartLabelFor) for release 1.35.
    #[test]
    fn smart_labels() {
        let cases = [
            ("apiVersion", "API Version"),
            ("kind", "Kind"),
            ("creationTimestamp", "Creation Timestamp"),
            ("uid", "UID"),
            ("resourceVersion", "Resource Version"),
            ("HTTPGet", "Http Get"),
            ("some-field", "Some - Field"),
            ("cronSpec", "Cron Spec"),
            ("v1", "v1"),
            ("app.kubernetes.io/name", "app.kubernetes.io/name"),
        ];
        for (field, want) in cases {
            assert_eq!(smart_label(field), want, "{field}");
        }
    }
}
