//! The in-place changes of `kubectl label`, `annotate` and `set image`, with kubectl's
//! parsing and errors (`pkg/cmd/label/label.go`, `pkg/cmd/annotate/annotate.go`,
//! `pkg/cmd/set/set_image.go`).

use serde_json::{Map, Value};

use crate::flags::go_quote;
use crate::validate;

/// `cmdutil.GetResourcesAndPairs`: splits `TYPE NAME k=v k-` into resources and pairs.
pub fn resources_and_pairs(args: &[String], pair_type: &str) -> Result<(Vec<String>, Vec<String>), String> {
    let mut resources = Vec::new();
    let mut pairs = Vec::new();
    let mut found_pair = false;
    for s in args {
        let non_resource = (s.contains('=') && !s.starts_with('=')) || (s.ends_with('-') && s != "-");
        match (found_pair, non_resource) {
            (_, true) => {
                found_pair = true;
                pairs.push(s.clone());
            }
            (false, false) => resources.push(s.clone()),
            (true, false) => {
                return Err(format!("all resources must be specified before {pair_type} changes: {s}"));
            }
        }
    }
    Ok((resources, pairs))
}

/// `cmdutil.ParsePairs`: `KEY=VALUE` pairs to set and, if `support_remove`, `KEY-` to remove.
pub fn parse_pairs(
    args: &[String],
    pair_type: &str,
    support_remove: bool,
) -> Result<(Map<String, Value>, Vec<String>), String> {
    let mut new = Map::new();
    let mut remove = Vec::new();
    let mut invalid = Vec::new();
    for a in args {
        if a.contains('=') && !a.starts_with('=') {
            let (k, v) = a.split_once('=').unwrap_or((a, ""));
            new.insert(k.to_string(), Value::from(v));
        } else if support_remove && a.ends_with('-') && a != "-" {
            remove.push(a[..a.len() - 1].to_string());
        } else {
            invalid.push(a.as_str());
        }
    }
    if !invalid.is_empty() {
        return Err(format!("invalid {pair_type} format: {}", invalid.join(", ")));
    }
    Ok((new, remove))
}

/// `kubectl label`'s own `parseLabels`: values are validated, keys are not.
pub fn parse_labels(args: &[String]) -> Result<(Map<String, Value>, Vec<String>), String> {
    let mut new = Map::new();
    let mut remove = Vec::new();
    for spec in args {
        if spec.contains('=') {
            let parts: Vec<&str> = spec.split('=').collect();
            if parts.len() != 2 {
                return Err(format!("invalid label spec: {spec}"));
            }
            let errs = validate::label_value(parts[1]);
            if !errs.is_empty() {
                return Err(format!("invalid label value: {}: {}", go_quote(spec), errs.join(";")));
            }
            new.insert(parts[0].to_string(), Value::from(parts[1]));
        } else if let Some(k) = spec.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(format!("unknown label spec: {spec}"));
        }
    }
    if remove.iter().any(|r| new.contains_key(r)) {
        return Err("can not both modify and remove a label in the same command".into());
    }
    Ok((new, remove))
}

fn meta_map<'a>(obj: &'a mut Value, field: &str) -> Option<&'a mut Map<String, Value>> {
    let meta = obj.as_object_mut()?.entry("metadata").or_insert_with(|| Value::Object(Map::new()));
    let m = meta.as_object_mut()?;
    let entry = m.entry(field).or_insert_with(|| Value::Object(Map::new()));
    if !entry.is_object() {
        *entry = Value::Object(Map::new());
    }
    entry.as_object_mut()
}

fn current(obj: &Value, field: &str) -> Map<String, Value> {
    obj.pointer(&format!("/metadata/{field}")).and_then(Value::as_object).cloned().unwrap_or_default()
}

fn set_resource_version(obj: &mut Value, rv: Option<&str>) {
    if let (Some(rv), Some(meta)) = (rv, obj.get_mut("metadata").and_then(Value::as_object_mut)) {
        meta.insert("resourceVersion".into(), Value::from(rv));
    }
}

/// `labelFunc`: sets and removes labels; without `overwrite`, changing an existing value
/// is an error. Multiple errors come in key order (kubectl's order is random).
pub fn label(
    obj: &mut Value,
    overwrite: bool,
    new: &Map<String, Value>,
    remove: &[String],
    resource_version: Option<&str>,
) -> Result<(), String> {
    label_errors(obj, overwrite, new, remove, resource_version).map_err(|e| aggregate(&e))
}

/// [`label`], returning each error kubectl would report.
pub fn label_errors(
    obj: &mut Value,
    overwrite: bool,
    new: &Map<String, Value>,
    remove: &[String],
    resource_version: Option<&str>,
) -> Result<(), Vec<String>> {
    let existing = current(obj, "labels");
    if !overwrite {
        let errs: Vec<String> = new
            .iter()
            .filter_map(|(k, v)| match existing.get(k) {
                Some(cur) if cur != v => Some(format!(
                    "'{k}' already has a value ({}), and --overwrite is false",
                    cur.as_str().unwrap_or("")
                )),
                _ => None,
            })
            .collect();
        if !errs.is_empty() {
            return Err(errs);
        }
    }
    if let Some(labels) = meta_map(obj, "labels") {
        for (k, v) in new {
            labels.insert(k.clone(), v.clone());
        }
        for k in remove {
            labels.remove(k);
        }
    }
    set_resource_version(obj, resource_version);
    Ok(())
}

/// The message `kubectl label` prints: `labeled`, `not labeled` or `unlabeled`.
pub fn label_message(before: &Value, after: &Value, overwrite: bool) -> &'static str {
    if before == after {
        return "not labeled";
    }
    let old = crate::format::to_json_sorted(before).len();
    let new = crate::format::to_json_sorted(after).len();
    if !overwrite && new < old { "unlabeled" } else { "labeled" }
}

/// `validateAnnotations`: a key may not be both set and removed.
pub fn check_annotation_conflicts(new: &Map<String, Value>, remove: &[String]) -> Result<(), String> {
    let both: Vec<&str> = remove.iter().filter(|r| new.contains_key(*r)).map(String::as_str).collect();
    if both.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "can not both modify and remove the following annotation(s) in the same command: {}",
            both.join(", ")
        ))
    }
}

/// `updateAnnotations`: sets and removes annotations; without `overwrite`, changing an
/// existing value is an error (listing every such key, in key order).
pub fn annotate(
    obj: &mut Value,
    overwrite: bool,
    new: &Map<String, Value>,
    remove: &[String],
    resource_version: Option<&str>,
) -> Result<(), String> {
    let existing = current(obj, "annotations");
    if !overwrite {
        let found: Vec<String> = new
            .iter()
            .filter(|(k, _)| k.as_str() != "kubernetes.io/change-cause")
            .filter_map(|(k, v)| match existing.get(k) {
                Some(cur) if cur != v => Some(format!("'{k}' already has a value ({})", cur.as_str().unwrap_or(""))),
                _ => None,
            })
            .collect();
        if !found.is_empty() {
            return Err(format!(
                "--overwrite is false but found the following declared annotation(s): {}",
                found.join("; ")
            ));
        }
    }
    if let Some(ann) = meta_map(obj, "annotations") {
        for (k, v) in new {
            ann.insert(k.clone(), v.clone());
        }
        for k in remove {
            ann.remove(k);
        }
    }
    set_resource_version(obj, resource_version);
    Ok(())
}

/// Where a kind keeps its pod spec (`UpdatePodSpecForObjectFn`).
pub fn pod_spec_path(kind: &str) -> Option<&'static str> {
    match kind {
        "Pod" => Some("/spec"),
        "ReplicationController" | "Deployment" | "DaemonSet" | "ReplicaSet" | "StatefulSet" | "Job" => {
            Some("/spec/template/spec")
        }
        "CronJob" => Some("/spec/jobTemplate/spec/template/spec"),
        _ => None,
    }
}

/// The Go type kubectl names in "not a pod" errors (`*v1.Service`).
fn go_type_name(obj: &Value) -> String {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("Unstructured");
    let version =
        obj.get("apiVersion").and_then(Value::as_str).map(|v| v.rsplit('/').next().unwrap_or(v)).unwrap_or("v1");
    format!("*{version}.{kind}")
}

/// `set image`: sets the image of the named containers (`*` for all) in init and regular
/// containers. Missing containers are reported (all of them, in the given order) after
/// the others have been changed, as kubectl does.
pub fn set_image(obj: &mut Value, assignments: &[(String, String)]) -> Result<(), String> {
    let errs = set_image_errors(obj, assignments);
    if errs.is_empty() { Ok(()) } else { Err(aggregate(&errs)) }
}

/// [`set_image`], returning each error kubectl would report.
pub fn set_image_errors(obj: &mut Value, assignments: &[(String, String)]) -> Vec<String> {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_string();
    let Some(path) = pod_spec_path(&kind) else {
        // kubectl's message ends in a newline of its own (`"error: %s %v\n"`).
        return vec![format!(
            "error: {} the object is not a pod or does not have a pod template: {}\n",
            crate::cli::name_ref(obj),
            go_type_name(obj)
        )];
    };
    let missing = |name: &str| format!("error: unable to find container named {}", go_quote(name));
    let Some(spec) = obj.pointer_mut(path).and_then(Value::as_object_mut) else {
        return assignments.iter().map(|(name, _)| missing(name)).collect();
    };
    let mut errs = Vec::new();
    for (name, image) in assignments {
        let mut found = false;
        for field in ["initContainers", "containers"] {
            if let Some(Value::Array(cs)) = spec.get_mut(field) {
                for c in cs.iter_mut() {
                    if name == "*" || c.get("name").and_then(Value::as_str) == Some(name.as_str()) {
                        found = true;
                        if let Some(m) = c.as_object_mut() {
                            m.insert("image".into(), Value::from(image.as_str()));
                        }
                    }
                }
            }
        }
        if !found {
            errs.push(missing(name));
        }
    }
    errs
}

/// `utilerrors.NewAggregate(...).Error()`.
pub fn aggregate(errs: &[String]) -> String {
    if errs.len() == 1 { errs[0].clone() } else { format!("[{}]", errs.join(", ")) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_overwrite_rules() {
        let mut obj = json!({"metadata": {"labels": {"app": "web"}}});
        let (new, remove) = parse_labels(&["app=api".to_string()]).unwrap();
        assert_eq!(
            label(&mut obj, false, &new, &remove, None).unwrap_err(),
            "'app' already has a value (web), and --overwrite is false"
        );
        label(&mut obj, true, &new, &remove, None).unwrap();
        assert_eq!(obj["metadata"]["labels"]["app"], "api");
    }

    #[test]
    fn set_image_reports_missing_containers() {
        let mut obj = json!({"kind": "Pod", "spec": {"containers": [{"name": "a", "image": "x"}]}});
        let err = set_image(&mut obj, &[("b".into(), "y".into())]).unwrap_err();
        assert_eq!(err, "error: unable to find container named \"b\"");
    }
}
