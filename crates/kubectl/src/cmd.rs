//! The kubectl verbs and kubeplay's own commands, printing what kubectl v1.37 prints.
//!
//! Follows kubernetes/kubectl `pkg/cmd/{apply,get,delete,scale,set,rollout,label,annotate,patch,taint,drain}`
//! (cordon/uncordon live in drain), `pkg/polymorphichelpers/{rollout_status.go,rollback.go,history.go}` for
//! rollout status/undo/history, and `pkg/cmd/util/helpers.go` for how errors are printed.

use std::sync::Arc;

use kubeplay_engine::admission;
use kubeplay_engine::api::{ApiError, DeleteOptions, Propagation};
use kubeplay_engine::controllers::deployment::{POD_TEMPLATE_HASH, equal_ignore_hash, revision_of};
use kubeplay_engine::kinds::{self, GroupKind, KindInfo};
use kubeplay_engine::manifest::{self, DecodeFailure};
use kubeplay_engine::object::{Object, ObjectKey};
use kubeplay_engine::selector::{self, FieldSelector, SelectorExt};
use serde_json::Value;

use crate::args::Args;
use crate::session::{Output, Session};
use crate::table::{self, TableOptions};

pub const CLIENT_VERSION: &str = "v1.37.0";
const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

pub fn kubectl(s: &mut Session, words: &[String]) -> Output {
    let args = match Args::parse(words) {
        Ok(a) => a,
        Err(e) => return Output::err(format!("{e}\n")),
    };
    // What kubectl does without a server (`--dry-run=client`, `--local`) runs offline, byte-exact.
    let files = SessionFiles { files: s.files.clone(), read_file: s.read_file };
    let mut rand5 = || s.engine.api.rng.name_suffix("names", 5);
    if let Some(o) = crate::local::run_local(words, &files, &mut rand5) {
        return Output { text: format!("{}{}", o.stdout, o.stderr), failed: o.exit_code != 0 };
    }
    let generated = matches!(args.positional.first().map(String::as_str), Some("create") | Some("run"))
        && !args.has(&["f", "filename"]);
    if generated {
        return create_generated(s, words);
    }
    let Some(verb) = args.positional.first().cloned() else {
        return Output::ok(
            "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n",
        );
    };
    let rest: Vec<String> = args.positional[1..].to_vec();
    s.dry_run = match args.get(&["dry-run"]) {
        Some("client") => crate::cli::DryRun::Client,
        Some("server") => crate::cli::DryRun::Server,
        Some("none") | None => crate::cli::DryRun::None,
        Some(other) => {
            return Output::err(format!(
                "error: Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\".\n"
            ));
        }
    };
    s.last_written = None;
    let dry_run = s.dry_run;
    let result = kubectl_verb(s, &args, &verb, &rest);
    s.dry_run = crate::cli::DryRun::None;
    match (dry_run, result) {
        (crate::cli::DryRun::None, r) => r,
        (mode, mut out) if !out.failed => {
            let written = s.last_written.take();
            match (args.get(&["o", "output"]), written) {
                (Some(fmt @ ("yaml" | "json")), Some(obj)) => {
                    let v = obj.to_value();
                    out.text =
                        if fmt == "yaml" { crate::format::to_yaml(&v) } else { crate::format::to_json_sorted(&v) };
                }
                _ => {
                    let suffix = if mode == crate::cli::DryRun::Client { " (dry run)" } else { " (server dry run)" };
                    out.text = out.text.lines().map(|l| format!("{l}{suffix}\n")).collect();
                }
            }
            out
        }
        (_, out) => out,
    }
}

fn kubectl_verb(s: &mut Session, args: &Args, verb: &str, rest: &[String]) -> Output {
    let args = args.clone();
    let rest: Vec<String> = rest.to_vec();
    let r = match verb {
        "apply" => apply(s, &args, false),
        "create" if args.has(&["f", "filename"]) => apply(s, &args, true),
        "get" => get(s, &args, &rest),
        "delete" => delete(s, &args, &rest),
        "scale" => scale(s, &args, &rest),
        "patch" => patch(s, &args, &rest),
        "set" => set(s, &args, &rest),
        "rollout" => rollout(s, &args, &rest),
        "label" => label(s, &args, &rest, "labels"),
        "annotate" => label(s, &args, &rest, "annotations"),
        "cordon" => cordon(s, &rest, true),
        "uncordon" => cordon(s, &rest, false),
        "taint" => taint(s, &rest),
        "version" => Ok(Output::ok(format!(
            "Client Version: {CLIENT_VERSION}\nKustomize Version: v5.7.1\nServer Version: {}\n",
            kubeplay_engine::bootstrap::KUBERNETES_VERSION
        ))),
        "api-resources" => Ok(api_resources(&args)),
        "describe" => describe(s, &args, &rest),
        other => Err(format!(
            "error: unknown command \"{other}\" for \"kubectl\"\n\nDid you mean this?\n\tget\n\nRun 'kubectl --help' for usage.\n"
        )),
    };
    match r {
        Ok(o) => o,
        Err(e) => Output::err(e),
    }
}

pub fn kubeplay(s: &mut Session, words: &[String]) -> Output {
    match words.first().map(String::as_str) {
        Some("explain") => {
            let args = Args::parse(&words[1..]).unwrap_or_default();
            let ns = namespace(s, &args);
            let Some(name) = args.positional.get(1) else {
                return Output::err("error: usage: kubeplay explain pod NAME [-n NS] [-o json]\n");
            };
            let key = ObjectKey::pod(&ns, name);
            match s.engine.scheduler_decision(&key) {
                Some(json) => Output::ok(format!("{}\n", serde_json::to_string_pretty(&json).unwrap_or_default())),
                None => Output::err(format!(
                    "Error from server (NotFound): no scheduling decision recorded for pod \"{name}\"\n"
                )),
            }
        }
        _ => Output::err("error: unknown kubeplay command\n"),
    }
}

pub(crate) fn namespace(s: &Session, args: &Args) -> String {
    args.get(&["n", "namespace"])
        .map(str::to_string)
        .unwrap_or_else(|| s.vars.get("KUBEPLAY_NAMESPACE").cloned().unwrap_or_else(|| "default".into()))
}

fn api_err(e: &ApiError) -> String {
    format!("{}\n", e.kubectl_line())
}

/// The objects in the `-f` files, each with the file it came from, or the error kubectl prints.
fn read_objects(s: &Session, args: &Args) -> Result<Vec<(String, Result<Object, String>)>, String> {
    let files = args.all(&["f", "filename"]);
    if files.is_empty() {
        return Err("error: must specify one of -f and -k\n".into());
    }
    let mut out = Vec::new();
    for f in files {
        let Some(text) = s.file(&f) else {
            return Err(format!("error: the path \"{f}\" does not exist\n"));
        };
        let docs = manifest::parse_documents(&text).map_err(|e| {
            format!(
                "error: error parsing {f}: {}\nhint: {f}:{}:{}: {}\n",
                e.message,
                e.pos.line,
                e.pos.column,
                e.message.rsplit(": ").next().unwrap_or("")
            )
        })?;
        for d in docs {
            let r = manifest::decode_document(&d).map_err(|e| {
                let msg = match &e.failure {
                    DecodeFailure::Client(m) => format!("error: error validating \"{f}\": {m}"),
                    DecodeFailure::NoKindMatch { kind, api_version } => {
                        let hint = removed_api_hint(kind, api_version).map(|h| format!("\n{h}")).unwrap_or_default();
                        let name = d.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
                        let ns = d.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or("");
                        let no_match = no_kind_match_message(kind, api_version);
                        format!("error: resource mapping not found for name: \"{name}\" namespace: \"{ns}\" from \"{f}\": {no_match}\n{CRDS_FIRST}{hint}")
                    }
                    DecodeFailure::BadRequest(m) => format!("Error from server (BadRequest): error when creating \"{f}\": {m}"),
                };
                format!("{msg}\nhint: {f}:{}:{}{}", e.pos.line, e.pos.column, if e.path.is_empty() { String::new() } else { format!(": {}", e.path) })
            });
            out.push((f.clone(), r));
        }
    }
    Ok(out)
}

/// The REST mapper's words for a kind the server does not serve in that version.
pub(crate) fn no_kind_match_message(kind: &str, api_version: &str) -> String {
    format!("no matches for kind \"{kind}\" in version \"{api_version}\"")
}

/// kubectl's advice after a failed resource mapping.
pub(crate) const CRDS_FIRST: &str = "ensure CRDs are installed first";

/// kubeplay's advice when a kind is served under another version (the one removed from the manifest):
/// a `hint: ` line naming the version to use, or none for kinds the server does not know at all.
pub(crate) fn removed_api_hint(kind: &str, api_version: &str) -> Option<String> {
    let current = kinds::KINDS.iter().find(|k| k.kind == kind).map(|k| k.api_version())?;
    Some(format!("hint: {kind} is served as {current} since {api_version} was removed; change apiVersion to {current}"))
}

/// What `kubectl apply -f` (or `create -f`) sends for a decoded object: the namespace filled in from the
/// command line (or cleared for cluster-scoped kinds) and, for apply, the last-applied annotation.
pub(crate) fn prepare_request(obj: &mut Object, default_ns: &str, create_only: bool) {
    let namespaced = obj.kind_info().is_none_or(|k| k.namespaced);
    if namespaced && obj.namespace().is_empty() {
        obj.meta_mut().namespace = Some(default_ns.to_string());
    } else if !namespaced {
        obj.meta_mut().namespace = None;
    }
    if !create_only {
        let applied = serde_json::to_string(&strip_for_last_applied(obj)).unwrap_or_default();
        obj.meta_mut()
            .annotations
            .get_or_insert_with(Default::default)
            .insert(LAST_APPLIED.into(), format!("{applied}\n"));
    }
}

fn apply(s: &mut Session, args: &Args, create_only: bool) -> Result<Output, String> {
    let objects = read_objects(s, args)?;
    let default_ns = namespace(s, args);
    let mut out = Output::default();
    for (file, r) in objects {
        let mut obj = match r {
            Ok(o) => o,
            Err(e) => {
                out.text.push_str(&e);
                out.text.push('\n');
                out.failed = true;
                continue;
            }
        };
        prepare_request(&mut obj, &default_ns, create_only);
        let display = obj.key().display_name();
        let verb_word = if create_only { "creating" } else { "applying" };
        let existing = s.engine.api.get(&obj.key());
        match existing {
            Some(cur) if !create_only => {
                let merged = merge_apply(&cur, &obj);
                let before = cur.to_value();
                match admission::update(&mut s.engine.api, merged) {
                    Ok(after) => {
                        let word = if after.to_value() == before { "unchanged" } else { "configured" };
                        out.push_line(&format!("{display} {word}"));
                    }
                    Err(e) => {
                        out.text.push_str(&format!("Error from server ({}): error when applying patch:\nto:\nResource: \"{}\", GroupVersionKind: \"{}\"\nName: \"{}\", Namespace: \"{}\"\nfor: \"{file}\": {}\n", e.reason, obj.kind(), obj.api_version(), obj.name(), obj.namespace(), e.message));
                        out.failed = true;
                    }
                }
            }
            _ => match admission::create(&mut s.engine.api, obj.clone()) {
                Ok(_) => out.push_line(&format!("{display} created")),
                Err(e) => {
                    let line = if e.reason == "Invalid" {
                        e.kubectl_line()
                    } else {
                        format!("Error from server ({}): error when {verb_word} \"{file}\": {}", e.reason, e.message)
                    };
                    out.push_line(&line);
                    out.failed = true;
                }
            },
        }
    }
    Ok(out)
}

fn strip_for_last_applied(obj: &Object) -> Value {
    let mut v = obj.to_value();
    if let Some(m) = v.get_mut("metadata").and_then(Value::as_object_mut)
        && let Some(a) = m.get_mut("annotations").and_then(Value::as_object_mut)
    {
        a.remove(LAST_APPLIED);
        if a.is_empty() {
            m.remove("annotations");
        }
    }
    v
}

/// Client-side apply, simplified to the common case: the new configuration replaces the old one's spec and
/// user metadata; status and the fields the server or controllers own are kept.
pub(crate) fn merge_apply(cur: &Arc<Object>, new: &Object) -> Object {
    let mut merged = new.clone();
    let cm = cur.meta();
    let m = merged.meta_mut();
    m.resource_version = None;
    // Annotations other components wrote (the Deployment revision) survive an apply that does not name them.
    let mut ann = cm.annotations.clone().unwrap_or_default();
    let prev_applied: Option<Value> = ann.get(LAST_APPLIED).and_then(|s| serde_json::from_str(s).ok());
    if let Some(prev) =
        prev_applied.as_ref().and_then(|p| p.pointer("/metadata/annotations")).and_then(Value::as_object)
    {
        for k in prev.keys() {
            ann.remove(k);
        }
    }
    for (k, v) in m.annotations.clone().unwrap_or_default() {
        ann.insert(k, v);
    }
    m.annotations = if ann.is_empty() { None } else { Some(ann) };
    m.owner_references = m.owner_references.clone().or_else(|| cm.owner_references.clone());
    m.finalizers = m.finalizers.clone().or_else(|| cm.finalizers.clone());
    // Fields defaulted or allocated by the server (a Deployment's replicas, a Service's clusterIP) stay.
    match (cur.as_ref(), &mut merged) {
        (Object::Deployment(c), Object::Deployment(n))
            if n.spec.replicas.is_none()
                && prev_applied.as_ref().is_none_or(|p| p.pointer("/spec/replicas").is_none()) =>
        {
            n.spec.replicas = c.spec.replicas;
        }
        (Object::Service(c), Object::Service(n)) => {
            if let (Some(cs), Some(ns)) = (&c.spec, n.spec.as_mut()) {
                ns.cluster_ip = ns.cluster_ip.clone().or_else(|| cs.cluster_ip.clone());
                ns.cluster_ips = ns.cluster_ips.clone().or_else(|| cs.cluster_ips.clone());
            }
        }
        (Object::Node(c), Object::Node(n)) => n.spec = n.spec.clone().or_else(|| c.spec.clone()),
        _ => {}
    }
    merged
}

// ------------------------------------------------------------------------------------------------ get

/// Resolves `TYPE[,TYPE]` and `TYPE/NAME` arguments into (kind, names) requests.
fn resolve_targets(rest: &[String]) -> Result<Vec<(&'static KindInfo, Vec<String>)>, String> {
    let mut out: Vec<(&'static KindInfo, Vec<String>)> = Vec::new();
    if rest.is_empty() {
        return Err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples\n".into());
    }
    if rest.iter().any(|r| r.contains('/')) {
        for r in rest {
            let Some((t, n)) = r.split_once('/') else {
                return Err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n".into());
            };
            let info = kinds::resolve_resource(t)
                .ok_or_else(|| format!("error: the server doesn't have a resource type \"{t}\"\n"))?;
            match out.iter_mut().find(|(k, _)| std::ptr::eq(*k, info)) {
                Some(entry) => entry.1.push(n.to_string()),
                None => out.push((info, vec![n.to_string()])),
            }
        }
        return Ok(out);
    }
    let names: Vec<String> = rest[1..].to_vec();
    for t in rest[0].split(',') {
        if t == "all" {
            for k in [
                "pods",
                "services",
                "daemonsets",
                "deployments",
                "replicasets",
                "statefulsets",
                "horizontalpodautoscalers",
                "cronjobs",
                "jobs",
            ] {
                if let Some(info) = kinds::resolve_resource(k) {
                    out.push((info, names.clone()));
                }
            }
            continue;
        }
        let info = kinds::resolve_resource(t)
            .ok_or_else(|| format!("error: the server doesn't have a resource type \"{t}\"\n"))?;
        out.push((info, names.clone()));
    }
    Ok(out)
}

fn get(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let targets = resolve_targets(rest)?;
    let all_ns = args.bool(&["A", "all-namespaces"]);
    let ns = namespace(s, args);
    let label_sel = match args.get(&["l", "selector"]) {
        Some(l) => Some(selector::parse(l).map_err(|e| format!("error: {e}\n"))?),
        None => None,
    };
    let field_sel = match args.get(&["field-selector"]) {
        Some(f) => Some(FieldSelector::parse(f).map_err(|e| format!("error: {e}\n"))?),
        None => None,
    };
    let output = args.get(&["o", "output"]).unwrap_or("").to_string();
    let show_kind = targets.len() > 1 || rest.first().is_some_and(|r| r == "all");
    let mut out = Output::default();
    let mut all_items: Vec<Arc<Object>> = Vec::new();
    let mut errors = String::new();
    let mut tables: Vec<String> = Vec::new();
    let now = s.now();
    let single_named = targets.len() == 1 && targets[0].1.len() == 1;
    for (info, names) in &targets {
        let gk = info.group_kind();
        let scope_ns = if info.namespaced && !all_ns { Some(ns.as_str()) } else { None };
        let mut items: Vec<Arc<Object>> = Vec::new();
        if names.is_empty() {
            for o in s.engine.api.store.list(&gk, scope_ns) {
                if let Some(sel) = &label_sel
                    && !sel.matches(o.labels().unwrap_or(&Default::default()))
                {
                    continue;
                }
                if let Some(fs) = &field_sel
                    && !fs.matches(&o.to_value())
                {
                    continue;
                }
                items.push(o.clone());
            }
        } else {
            for n in names {
                let key = ObjectKey::new(gk.clone(), if info.namespaced { ns.as_str() } else { "" }, n.as_str());
                match s.engine.api.get(&key) {
                    Some(o) => items.push(o),
                    None => errors.push_str(&format!(
                        "Error from server (NotFound): {} \"{n}\" not found\n",
                        info.qualified_plural()
                    )),
                }
            }
        }
        if items.is_empty() {
            continue;
        }
        if output.is_empty() || output == "wide" {
            let opts = TableOptions {
                wide: output == "wide",
                show_labels: args.bool(&["show-labels"]),
                label_columns: args
                    .all(&["L", "label-columns"])
                    .iter()
                    .flat_map(|l| l.split(',').map(str::to_string))
                    .collect(),
                no_headers: args.bool(&["no-headers"]),
                with_namespace: all_ns && info.namespaced,
                show_kind,
            };
            tables.push(table::print_table(&items, now, &opts));
        }
        all_items.extend(items);
    }
    if output.is_empty() || output == "wide" {
        out.text = tables.join("\n");
        if all_items.is_empty() && errors.is_empty() {
            let scope = if all_ns || targets.iter().all(|(k, _)| !k.namespaced) { None } else { Some(ns.as_str()) };
            out.text.push_str(&format!("{}\n", table::no_resources_message(scope)));
        }
    } else if output == "name" {
        for o in &all_items {
            out.push_line(&o.key().display_name());
        }
    } else if output == "yaml" || output == "json" {
        let values: Vec<Value> = all_items.iter().map(|o| o.to_value()).collect();
        let v = if single_named && values.len() == 1 { values[0].clone() } else { crate::format::list_wrap(values) };
        if !(all_items.is_empty() && single_named) {
            out.text = if output == "yaml" { crate::format::to_yaml(&v) } else { crate::format::to_json_sorted(&v) };
        }
    } else if let Some(t) = output.strip_prefix("jsonpath=").or_else(|| output.strip_prefix("jsonpath-as-json=")) {
        let jp = crate::jsonpath::JsonPath::parse(t).map_err(|e| format!("{e}\n"))?;
        let values: Vec<Value> = all_items.iter().map(|o| o.to_value()).collect();
        let v = if single_named && values.len() == 1 { values[0].clone() } else { crate::format::list_wrap(values) };
        let r =
            if output.starts_with("jsonpath-as-json=") { jp.execute_as_json(&v, true) } else { jp.execute(&v, true) };
        match r {
            Ok(text) => out.text = text,
            Err(e) => {
                out.text = format!("{e}\n");
                out.failed = true;
            }
        }
    } else if let Some(spec) = output.strip_prefix("custom-columns=") {
        let values: Vec<Value> = all_items.iter().map(|o| o.to_value()).collect();
        let cc = crate::custom_columns::CustomColumns::parse(spec).map_err(|e| format!("{e}\n"))?;
        let printed = cc.print(&values, args.bool(&["no-headers"]));
        out.text = printed.stdout;
        if let Some(e) = printed.error {
            out.text.push_str(&format!("{e}\n"));
            out.failed = true;
        }
    } else {
        return Err(format!(
            "error: unable to match a printer suitable for the output format \"{output}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml\n"
        ));
    }
    if !errors.is_empty() {
        out.text.push_str(&errors);
        out.failed = true;
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------------ describe

fn describe(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let targets = resolve_targets(rest)?;
    let ns = namespace(s, args);
    let all_ns = args.bool(&["A", "all-namespaces"]);
    let label_sel = match args.get(&["l", "selector"]) {
        Some(l) => Some(selector::parse(l).map_err(|e| format!("error: {e}\n"))?),
        None => None,
    };
    let mut parts = Vec::new();
    let mut errors = String::new();
    for (info, names) in targets {
        let gk = info.group_kind();
        let scope = if info.namespaced && !all_ns { Some(ns.as_str()) } else { None };
        let mut objs: Vec<Arc<Object>> = Vec::new();
        if names.is_empty() {
            for o in s.engine.api.store.list(&gk, scope) {
                if label_sel.as_ref().is_none_or(|sel| sel.matches(o.labels().unwrap_or(&Default::default()))) {
                    objs.push(o.clone());
                }
            }
        } else {
            for n in &names {
                let key = ObjectKey::new(gk.clone(), if info.namespaced { ns.as_str() } else { "" }, n.as_str());
                match s.engine.api.get(&key) {
                    Some(o) => objs.push(o),
                    None => {
                        // Like kubectl, a name that matches nothing exactly describes every object it prefixes.
                        let prefixed: Vec<Arc<Object>> = s
                            .engine
                            .api
                            .store
                            .list(&gk, scope)
                            .filter(|o| o.name().starts_with(n.as_str()))
                            .cloned()
                            .collect();
                        if prefixed.is_empty() {
                            errors.push_str(&format!(
                                "Error from server (NotFound): {} \"{n}\" not found\n",
                                info.qualified_plural()
                            ));
                        }
                        objs.extend(prefixed);
                    }
                }
            }
        }
        for o in objs {
            parts.push(crate::describe::describe(&o, &EngineContext(s)));
        }
    }
    if parts.is_empty() && errors.is_empty() {
        let scope = if all_ns { None } else { Some(ns.as_str()) };
        return Ok(Output::ok(format!("{}\n", table::no_resources_message(scope))));
    }
    let mut out = Output::ok(parts.join("\n\n"));
    if !errors.is_empty() {
        out.text.push_str(&errors);
        out.failed = true;
    }
    Ok(out)
}

/// The engine as the describers see it.
pub struct EngineContext<'a>(pub &'a Session);

impl crate::describe::DescribeContext for EngineContext<'_> {
    fn now(&self) -> kubeplay_engine::SimTime {
        self.0.now()
    }

    fn list(&self, gk: &GroupKind, namespace: &str) -> Vec<Arc<Object>> {
        let ns = if namespace.is_empty() { None } else { Some(namespace) };
        self.0.engine.api.store.list(gk, ns).cloned().collect()
    }

    fn get(&self, key: &ObjectKey) -> Option<Arc<Object>> {
        self.0.engine.api.get(key)
    }

    fn events_for(&self, uid: &str) -> Vec<Arc<Object>> {
        let mut v: Vec<Arc<Object>> = self
            .0
            .engine
            .api
            .store
            .list(&GroupKind::new("", "Event"), None)
            .filter(|e| e.as_event().is_some_and(|ev| ev.involved_object.uid.as_deref() == Some(uid)))
            .cloned()
            .collect();
        v.sort_by_key(|e| {
            let ev = e.as_event();
            let first = ev.and_then(|ev| ev.first_timestamp.as_ref()).map(|t| t.0.as_millisecond()).unwrap_or(0);
            (first, e.meta().resource_version.as_ref().and_then(|r| r.parse::<u64>().ok()).unwrap_or(0))
        });
        v
    }
}

// ------------------------------------------------------------------------------------------------ delete

fn delete(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let ns = namespace(s, args);
    let cascade = args.get(&["cascade"]).unwrap_or("background");
    let propagation = match cascade {
        "background" | "true" => Propagation::Background,
        "foreground" => Propagation::Foreground,
        "orphan" | "false" => Propagation::Orphan,
        other => {
            return Err(format!(
                "error: invalid cascade value ({other}). Must be \"background\", \"foreground\", or \"orphan\"\n"
            ));
        }
    };
    let mut grace = args.get(&["grace-period"]).and_then(|g| g.parse::<i64>().ok()).filter(|g| *g >= 0);
    if args.bool(&["force"]) && grace.is_none() {
        grace = Some(0);
    }
    let wait = args.get(&["wait"]).is_none_or(|w| w != "false");
    let mut keys: Vec<ObjectKey> = Vec::new();
    let mut out = Output::default();
    if args.has(&["f", "filename"]) {
        for (_, r) in read_objects(s, args)? {
            match r {
                Ok(mut o) => {
                    if o.kind_info().is_some_and(|k| k.namespaced) && o.namespace().is_empty() {
                        o.meta_mut().namespace = Some(ns.clone());
                    }
                    keys.push(o.key());
                }
                Err(e) => out.push_line(&e),
            }
        }
    } else {
        let targets = resolve_targets(rest).map_err(|_| "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n".to_string())?;
        let label_sel = match args.get(&["l", "selector"]) {
            Some(l) => Some(selector::parse(l).map_err(|e| format!("error: {e}\n"))?),
            None => None,
        };
        for (info, names) in targets {
            let gk = info.group_kind();
            let scope = if info.namespaced { ns.as_str() } else { "" };
            if names.is_empty() {
                if !args.bool(&["all"]) && label_sel.is_none() {
                    return Err("error: resource(s) were provided, but no name was specified\n".into());
                }
                for o in s.engine.api.store.list(&gk, if info.namespaced { Some(scope) } else { None }) {
                    if label_sel.as_ref().is_none_or(|sel| sel.matches(o.labels().unwrap_or(&Default::default()))) {
                        keys.push(o.key());
                    }
                }
            } else {
                for n in names {
                    keys.push(ObjectKey::new(gk.clone(), scope, n.as_str()));
                }
            }
        }
        if keys.is_empty() {
            out.push_line(&table::no_resources_message(Some(&ns)));
            return Ok(out);
        }
    }
    let mut pending = Vec::new();
    for key in keys {
        match s.engine.api.delete(&key, DeleteOptions { propagation: Some(propagation), grace_period_seconds: grace }) {
            Ok(_) => {
                if grace == Some(0) && args.bool(&["force"]) {
                    s.engine.api.finish_deletion(&key);
                }
                pending.push((key.clone(), format!("{} \"{}\" deleted", key.qualified_kind(), key.name)));
            }
            Err(e) => {
                out.text.push_str(&api_err(&e));
                out.failed = true;
            }
        }
    }
    if grace == Some(0) && args.bool(&["force"]) {
        out.text.insert_str(0, "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
    }
    for (key, msg) in pending {
        if wait {
            // kubectl waits for the object to disappear (default timeout: effectively a week).
            let limit = s.now().plus_secs(3600);
            loop {
                let now = s.now();
                s.engine.run_until(now);
                if s.engine.api.get(&key).is_none() || s.now() >= limit {
                    break;
                }
                s.engine.advance_to_next_event(limit);
            }
        }
        out.push_line(&msg);
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------------ scale, set, rollout

fn target_of(s: &Session, args: &Args, rest: &[String]) -> Result<(ObjectKey, Arc<Object>), String> {
    let ns = namespace(s, args);
    let (t, n) = match rest {
        [one] if one.contains('/') => {
            one.split_once('/').map(|(a, b)| (a.to_string(), b.to_string())).unwrap_or_default()
        }
        [t, n, ..] => (t.clone(), n.clone()),
        _ => return Err("error: required resource not specified\n".into()),
    };
    let info = kinds::resolve_resource(&t)
        .ok_or_else(|| format!("error: the server doesn't have a resource type \"{t}\"\n"))?;
    let key = ObjectKey::new(info.group_kind(), if info.namespaced { ns.as_str() } else { "" }, n.as_str());
    match s.engine.api.get(&key) {
        Some(o) => Ok((key, o)),
        None => Err(format!("Error from server (NotFound): {} \"{n}\" not found\n", info.qualified_plural())),
    }
}

/// Sends an update to the API server, or, in a dry run, computes what it would store without storing it.
fn write(s: &mut Session, obj: Object) -> Result<Arc<Object>, String> {
    let written = match s.dry_run {
        crate::cli::DryRun::None => admission::update(&mut s.engine.api, obj).map_err(|e| api_err(&e))?,
        crate::cli::DryRun::Client => Arc::new(obj),
        crate::cli::DryRun::Server => {
            // The server defaults and validates, then stops short of the write.
            let mut engine = s.engine.clone();
            admission::update(&mut engine.api, obj).map_err(|e| api_err(&e))?
        }
    };
    s.last_written = Some(written.clone());
    Ok(written)
}

fn scale(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let replicas: i32 = args
        .get(&["replicas"])
        .ok_or("error: required flag(s) \"replicas\" not set\n")?
        .parse()
        .map_err(|_| "error: invalid argument for --replicas\n".to_string())?;
    let (key, obj) = target_of(s, args, rest)?;
    let mut o = (*obj).clone();
    match &mut o {
        Object::Deployment(d) => d.spec.replicas = Some(replicas),
        Object::ReplicaSet(r) => r.spec.replicas = Some(replicas),
        Object::StatefulSet(st) => st.spec.replicas = Some(replicas),
        _ => return Err(format!("error: cannot scale {}\n", key.display_name())),
    }
    write(s, o)?;
    Ok(Output::ok(format!("{} scaled\n", key.display_name())))
}

fn pod_template_mut(o: &mut Object) -> Option<&mut k8s_openapi::api::core::v1::PodTemplateSpec> {
    match o {
        Object::Deployment(d) => Some(&mut d.spec.template),
        Object::ReplicaSet(r) => r.spec.template.as_mut(),
        Object::DaemonSet(d) => Some(&mut d.spec.template),
        Object::StatefulSet(st) => Some(&mut st.spec.template),
        _ => None,
    }
}

fn set(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    match rest.first().map(String::as_str) {
        Some("image") => {
            let targets: Vec<String> = rest[1..].iter().filter(|w| !w.contains('=')).cloned().collect();
            let assigns: Vec<(String, String)> = rest[1..]
                .iter()
                .filter_map(|w| w.split_once('='))
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            if assigns.is_empty() {
                return Err("error: at least one image update is required\n".into());
            }
            let (key, obj) = target_of(s, args, &targets)?;
            let mut o = (*obj).clone();
            let Some(t) = pod_template_mut(&mut o) else {
                return Err(format!("error: {} does not have a pod template\n", key.display_name()));
            };
            let spec = t.spec.get_or_insert_with(Default::default);
            for (name, image) in &assigns {
                let mut found = false;
                for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut().flatten()) {
                    if name == "*" || &c.name == name {
                        c.image = Some(image.clone());
                        found = true;
                    }
                }
                if !found {
                    return Err(format!("error: unable to find container named \"{name}\"\n"));
                }
            }
            let before = obj.to_value();
            let after = write(s, o)?;
            if after.to_value() == before {
                return Ok(Output::ok(String::new()));
            }
            Ok(Output::ok(format!("{} image updated\n", key.display_name())))
        }
        _ => Err("error: unknown command \"set\" subcommand\n".into()),
    }
}

fn rollout(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let sub = rest.first().cloned().unwrap_or_default();
    let (key, obj) = target_of(s, args, &rest[1.min(rest.len())..])?;
    let Object::Deployment(d) = obj.as_ref() else {
        return Err(format!("error: no rollout support for {}\n", key.display_name()));
    };
    let display = key.display_name();
    let name = key.name.clone();
    match sub.as_str() {
        "status" => rollout_status(s, &key, args),
        "pause" | "resume" => {
            let pause = sub == "pause";
            if d.spec.paused.unwrap_or(false) == pause {
                return Err(format!(
                    "error: {} \"{name}\" is {}\n",
                    key.gk.info().map(|i| i.qualified_plural()).unwrap_or_default(),
                    if pause { "already paused" } else { "not paused" }
                ));
            }
            let mut nd = d.clone();
            nd.spec.paused = if pause { Some(true) } else { None };
            write(s, Object::Deployment(nd))?;
            Ok(Output::ok(format!("{display} {}\n", if pause { "paused" } else { "resumed" })))
        }
        "restart" => {
            if d.spec.paused == Some(true) {
                return Err(format!(
                    "error: deployments.apps \"{name}\" can't restart paused deployment (run rollout resume first)\n"
                ));
            }
            let mut nd = d.clone();
            let ann = nd
                .spec
                .template
                .metadata
                .get_or_insert_with(Default::default)
                .annotations
                .get_or_insert_with(Default::default);
            ann.insert("kubectl.kubernetes.io/restartedAt".into(), s.now().rfc3339());
            write(s, Object::Deployment(nd))?;
            Ok(Output::ok(format!("{display} restarted\n")))
        }
        "history" => {
            let rss = owned_replica_sets(s, d);
            let mut out = format!("{display} \n");
            if let Some(rev) = args.get(&["revision"]) {
                let n: i64 = rev.parse().unwrap_or(-1);
                let Some(rs) = rss.iter().find(|r| revision_of(&r.metadata) == n) else {
                    return Err("error: unable to find the specified revision\n".to_string());
                };
                out = format!("{display} with revision #{n}\nPod Template:\n");
                out.push_str(&crate::format::to_yaml(&serde_json::to_value(&rs.spec.template).unwrap_or_default()));
                return Ok(Output::ok(out));
            }
            let mut rows: Vec<(i64, String)> = rss
                .iter()
                .map(|r| {
                    (
                        revision_of(&r.metadata),
                        r.metadata
                            .annotations
                            .as_ref()
                            .and_then(|a| a.get("kubernetes.io/change-cause"))
                            .cloned()
                            .unwrap_or_else(|| "<none>".into()),
                    )
                })
                .filter(|(n, _)| *n > 0)
                .collect();
            rows.sort();
            let mut text = String::from("REVISION\tCHANGE-CAUSE\n");
            for (n, c) in rows {
                text.push_str(&format!("{n}\t{c}\n"));
            }
            out.push_str(&crate::table::tabwriter::align(&text, crate::table::tabwriter::DESCRIBE));
            out.push('\n');
            Ok(Output::ok(out))
        }
        "undo" => {
            if d.spec.paused == Some(true) {
                return Err("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again\n".to_string());
            }
            let rss = owned_replica_sets(s, d);
            let to: i64 = args.get(&["to-revision"]).and_then(|r| r.parse().ok()).unwrap_or(0);
            let mut revs: Vec<(i64, &k8s_openapi::api::apps::v1::ReplicaSet)> =
                rss.iter().map(|r| (revision_of(&r.metadata), r)).collect();
            revs.sort_by_key(|(n, _)| *n);
            let target = if to == 0 {
                if revs.len() < 2 {
                    return Err(format!("error: no rollout history found for deployment \"{name}\"\n"));
                }
                revs[revs.len() - 2].1
            } else {
                match revs.iter().find(|(n, _)| *n == to) {
                    Some((_, r)) => *r,
                    None => {
                        return Err(format!("error: unable to find specified revision {to} in history\n"));
                    }
                }
            };
            let Some(mut tmpl) = target.spec.template.clone() else {
                return Err("error: invalid revision\n".into());
            };
            if equal_ignore_hash(&tmpl, &d.spec.template) {
                let n = revision_of(&target.metadata);
                return Ok(Output::ok(format!(
                    "{display} skipped rollback (current template already matches revision {n})\n"
                )));
            }
            if let Some(l) = tmpl.metadata.as_mut().and_then(|m| m.labels.as_mut()) {
                l.remove(POD_TEMPLATE_HASH);
            }
            let mut nd = d.clone();
            nd.spec.template = tmpl;
            if let Some(cause) = target.metadata.annotations.as_ref().and_then(|a| a.get("kubernetes.io/change-cause"))
            {
                nd.metadata
                    .annotations
                    .get_or_insert_with(Default::default)
                    .insert("kubernetes.io/change-cause".into(), cause.clone());
            }
            write(s, Object::Deployment(nd))?;
            Ok(Output::ok(format!("{display} rolled back\n")))
        }
        other => Err(format!("error: unknown command \"{other}\" for \"kubectl rollout\"\n")),
    }
}

fn owned_replica_sets(
    s: &Session,
    d: &k8s_openapi::api::apps::v1::Deployment,
) -> Vec<k8s_openapi::api::apps::v1::ReplicaSet> {
    let uid = d.metadata.uid.clone().unwrap_or_default();
    s.engine
        .api
        .store
        .list(&GroupKind::new("apps", "ReplicaSet"), Some(d.metadata.namespace.as_deref().unwrap_or("")))
        .filter_map(|o| o.as_replica_set().cloned())
        .filter(|r| r.metadata.owner_references.iter().flatten().any(|o| o.uid == uid))
        .collect()
}

/// `kubectl rollout status`: prints each new waiting message while the clock runs, as the watch does.
fn rollout_status(s: &mut Session, key: &ObjectKey, args: &Args) -> Result<Output, String> {
    let timeout_ms =
        args.get(&["timeout"]).and_then(|t| kubeplay_engine::time::parse_duration(t).ok()).filter(|t| *t > 0);
    let watch = args.get(&["watch", "w"]).is_none_or(|w| w != "false");
    let start = s.now();
    let limit = start.plus_millis(timeout_ms.unwrap_or(3_600_000));
    let mut out = Output::default();
    let mut last = String::new();
    loop {
        let now = s.now();
        s.engine.run_until(now);
        let Some(obj) = s.engine.api.get(key) else {
            return Err(format!("Error from server (NotFound): deployments.apps \"{}\" not found\n", key.name));
        };
        let Some(d) = obj.as_deployment() else { break };
        let (msg, done) = deployment_status_message(d)?;
        if msg != last {
            out.push_line(&msg);
            last = msg;
        }
        if done || !watch {
            break;
        }
        if s.now() >= limit {
            out.push_line("error: timed out waiting for the condition");
            out.failed = true;
            break;
        }
        s.engine.advance_to_next_event(limit);
    }
    Ok(out)
}

/// `DeploymentStatusViewer.Status` (kubectl/pkg/polymorphichelpers/rollout_status.go).
fn deployment_status_message(d: &k8s_openapi::api::apps::v1::Deployment) -> Result<(String, bool), String> {
    let name = d.metadata.name.clone().unwrap_or_default();
    let st = d.status.clone().unwrap_or_default();
    if d.metadata.generation > st.observed_generation {
        return Ok(("Waiting for deployment spec update to be observed...".to_string(), false));
    }
    if st
        .conditions
        .iter()
        .flatten()
        .any(|c| c.type_.as_deref() == Some("Progressing") && c.reason.as_deref() == Some("ProgressDeadlineExceeded"))
    {
        return Err(format!("error: deployment \"{name}\" exceeded its progress deadline\n"));
    }
    let want = d.spec.replicas.unwrap_or(1);
    let updated = st.updated_replicas.unwrap_or(0);
    let replicas = st.replicas.unwrap_or(0);
    let available = st.available_replicas.unwrap_or(0);
    if updated < want {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {updated} out of {want} new replicas have been updated..."
            ),
            false,
        ));
    }
    if replicas > updated {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {} old replicas are pending termination...",
                replicas - updated
            ),
            false,
        ));
    }
    if available < updated {
        return Ok((
            format!(
                "Waiting for deployment \"{name}\" rollout to finish: {available} of {updated} updated replicas are available..."
            ),
            false,
        ));
    }
    Ok((format!("deployment \"{name}\" successfully rolled out"), true))
}

// ------------------------------------------------------------------------------------------------ label, nodes

fn label(s: &mut Session, args: &Args, rest: &[String], field: &str) -> Result<Output, String> {
    let (targets, changes): (Vec<String>, Vec<String>) =
        rest.iter().cloned().partition(|w| !(w.contains('=') || w.ends_with('-')));
    if changes.is_empty() {
        return Err(format!(
            "error: at least one {} update is required\n",
            if field == "labels" { "label" } else { "annotation" }
        ));
    }
    let (key, obj) = target_of(s, args, &targets)?;
    let overwrite = args.bool(&["overwrite"]);
    let mut o = (*obj).clone();
    let map = if field == "labels" { &mut o.meta_mut().labels } else { &mut o.meta_mut().annotations };
    let m = map.get_or_insert_with(Default::default);
    let mut removed_only = true;
    for c in &changes {
        if let Some(k) = c.strip_suffix('-')
            && !c.contains('=')
        {
            m.remove(k);
            continue;
        }
        removed_only = false;
        let (k, v) = c.split_once('=').unwrap_or((c, ""));
        if let Some(cur) = m.get(k)
            && cur != v
            && !overwrite
        {
            return Err(format!("error: '{k}' already has a value ({cur}), and --overwrite is false\n"));
        }
        m.insert(k.to_string(), v.to_string());
    }
    if m.is_empty() {
        *map = None;
    }
    let before = obj.to_value();
    let after = write(s, o)?;
    let word = match (field, after.to_value() == before, removed_only) {
        ("labels", true, _) => "not labeled",
        ("labels", false, true) => "unlabeled",
        ("labels", false, false) => "labeled",
        (_, true, _) => "not annotated",
        (_, false, _) => "annotated",
    };
    Ok(Output::ok(format!("{} {word}\n", key.display_name())))
}

fn cordon(s: &mut Session, rest: &[String], on: bool) -> Result<Output, String> {
    let name = rest.first().ok_or("error: USAGE: cordon NODE [flags]\n")?;
    let key = ObjectKey::new(GroupKind::new("", "Node"), "", name.as_str());
    let obj =
        s.engine.api.get(&key).ok_or_else(|| format!("Error from server (NotFound): nodes \"{name}\" not found\n"))?;
    let Object::Node(n) = obj.as_ref() else {
        return Err("error: not a node\n".into());
    };
    let already = n.spec.as_ref().and_then(|sp| sp.unschedulable).unwrap_or(false) == on;
    let word = if on { "cordoned" } else { "uncordoned" };
    if already {
        return Ok(Output::ok(format!("node/{name} already {word}\n")));
    }
    let mut nn = n.clone();
    nn.spec.get_or_insert_with(Default::default).unschedulable = if on { Some(true) } else { None };
    if on {
        let taints = nn.spec.get_or_insert_with(Default::default).taints.get_or_insert_with(Vec::new);
        taints.push(k8s_openapi::api::core::v1::Taint {
            key: "node.kubernetes.io/unschedulable".into(),
            effect: "NoSchedule".into(),
            time_added: None,
            value: None,
        });
    } else if let Some(t) = nn.spec.as_mut().and_then(|sp| sp.taints.as_mut()) {
        t.retain(|t| t.key != "node.kubernetes.io/unschedulable");
    }
    write(s, Object::Node(nn))?;
    Ok(Output::ok(format!("node/{name} {word}\n")))
}

fn taint(s: &mut Session, rest: &[String]) -> Result<Output, String> {
    let mut words = rest.iter();
    let t = words.next().ok_or("error: at least one taint update is required\n")?;
    if kinds::resolve_resource(t).map(|k| k.kind) != Some("Node") {
        return Err(format!("error: invalid resource type {t}, only node types are supported\n"));
    }
    let name = words.next().ok_or("error: at least one taint update is required\n")?;
    let key = ObjectKey::new(GroupKind::new("", "Node"), "", name.as_str());
    let obj =
        s.engine.api.get(&key).ok_or_else(|| format!("Error from server (NotFound): nodes \"{name}\" not found\n"))?;
    let Object::Node(n) = obj.as_ref() else {
        return Err("error: not a node\n".into());
    };
    let mut nn = n.clone();
    let taints = nn.spec.get_or_insert_with(Default::default).taints.get_or_insert_with(Vec::new);
    let mut removed = false;
    let mut added = false;
    for spec in words {
        if let Some(k) = spec.strip_suffix('-') {
            let (k, effect) = match k.split_once(':') {
                Some((k, e)) => (k.to_string(), Some(e.to_string())),
                None => (k.to_string(), None),
            };
            // `key=value:Effect-` names the taint by key and effect; the value does not matter.
            let k = k.split_once('=').map(|(k, _)| k.to_string()).unwrap_or(k);
            let before = taints.len();
            taints.retain(|t| !(t.key == k && effect.as_ref().is_none_or(|e| &t.effect == e)));
            if taints.len() == before {
                return Err(format!("error: taint \"{k}\" not found\n"));
            }
            removed = true;
        } else {
            let (k, v, effect) = kubeplay_engine::cluster::parse_taint(spec).map_err(|e| format!("error: {e}\n"))?;
            if taints.iter().any(|t| t.key == k && t.effect == effect) {
                return Err(format!(
                    "error: node {name} already has {k} taint(s) with same effect(s) and --overwrite is false\n"
                ));
            }
            taints.push(k8s_openapi::api::core::v1::Taint { key: k, value: v, effect, time_added: None });
            added = true;
        }
    }
    if taints.is_empty() {
        nn.spec.get_or_insert_with(Default::default).taints = None;
    }
    write(s, Object::Node(nn))?;
    let word = if removed && !added { "untainted" } else { "tainted" };
    Ok(Output::ok(format!("node/{name} {word}\n")))
}

/// `kubectl patch TYPE NAME -p PATCH [--type strategic|merge|json]` against the cluster.
fn patch(s: &mut Session, args: &Args, rest: &[String]) -> Result<Output, String> {
    let text = args
        .get(&["p", "patch"])
        .ok_or("error: must specify --patch or --patch-file containing the contents of the patch\n")?;
    let patch_type = match args.get(&["type"]) {
        None => crate::patch::PatchType::Strategic,
        Some(t) => crate::patch::PatchType::parse(t)
            .ok_or_else(|| format!("error: --type must be one of [json merge strategic], not \"{t}\"\n"))?,
    };
    let (key, obj) = target_of(s, args, rest)?;
    let patch_value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(_) => {
            let docs = manifest::parse_documents(text)
                .map_err(|e| format!("error: unable to parse \"{text}\": {}\n", e.message))?;
            docs.into_iter().next().map(|d| d.value).unwrap_or(Value::Null)
        }
    };
    let before = obj.to_value();
    let patched = crate::patch::apply_patch(obj.kind(), &before, &patch_value, patch_type)
        .map_err(|e| format!("error: {e}\n"))?;
    if patched == before {
        return Ok(Output::ok(format!("{} patched (no change)\n", key.display_name())));
    }
    let new_obj =
        Object::from_value(patched).map_err(|e| format!("Error from server (BadRequest): {}\n", e.message))?;
    write(s, new_obj)?;
    Ok(Output::ok(format!("{} patched\n", key.display_name())))
}

fn api_resources(args: &Args) -> Output {
    let ns_filter = args.get(&["namespaced"]);
    let mut text = String::from("NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    for k in kinds::KINDS {
        if let Some(f) = ns_filter
            && (f == "true") != k.namespaced
        {
            continue;
        }
        text.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            k.plural,
            k.short_names.join(","),
            k.api_version(),
            k.namespaced,
            k.kind
        ));
    }
    Output::ok(crate::table::tabwriter::align(&text, crate::table::tabwriter::TABLE))
}

/// The files `create configmap --from-file` and `-f` read: the session's, then the host's.
struct SessionFiles {
    files: std::collections::BTreeMap<String, String>,
    read_file: Option<fn(&str) -> Option<String>>,
}

impl crate::generate::Files for SessionFiles {
    fn read(&self, path: &str) -> Result<Vec<u8>, String> {
        let trimmed = path.trim_start_matches("./");
        if let Some(t) = self.files.get(path).or_else(|| self.files.get(trimmed)) {
            return Ok(t.clone().into_bytes());
        }
        if self.list_dir(path).is_some() {
            return Err("is a directory".into());
        }
        self.read_file.and_then(|f| f(path)).map(String::into_bytes).ok_or_else(|| "no such file or directory".into())
    }

    fn list_dir(&self, path: &str) -> Option<Vec<String>> {
        let prefix = format!("{}/", path.trim_end_matches('/').trim_start_matches("./"));
        let names: Vec<String> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_string)
            .collect();
        if names.is_empty() { None } else { Some(names) }
    }

    fn exists(&self, path: &str) -> bool {
        self.read(path).is_ok() || self.list_dir(path).is_some()
    }
}

/// `kubectl create <generator>` and `kubectl run` against the cluster: the object is built exactly as
/// kubectl builds it (the offline generator, asked for JSON), then sent to the API server.
fn create_generated(s: &mut Session, words: &[String]) -> Output {
    let dash = words.iter().position(|w| w == "--").unwrap_or(words.len());
    let mut argv: Vec<String> = words[..dash]
        .iter()
        .filter(|w| !w.starts_with("--dry-run") && !w.starts_with("-o") && !w.starts_with("--output"))
        .cloned()
        .collect();
    let output = Args::parse(words).ok().and_then(|a| a.get(&["o", "output"]).map(str::to_string));
    let server_dry_run = words[..dash].iter().any(|w| w == "--dry-run=server");
    argv.push("--dry-run=client".into());
    argv.push("-o".into());
    argv.push("json".into());
    argv.extend(words[dash..].iter().cloned());
    let files = SessionFiles { files: s.files.clone(), read_file: s.read_file };
    let mut rand5 = || s.engine.api.rng.name_suffix("names", 5);
    let Some(o) = crate::local::run_local(&argv, &files, &mut rand5) else {
        return Output::err(format!(
            "error: unknown command \"{}\" for \"kubectl\"\n",
            words.iter().take(2).cloned().collect::<Vec<_>>().join(" ")
        ));
    };
    if o.exit_code != 0 {
        return Output { text: format!("{}{}", o.stdout, o.stderr), failed: true };
    }
    let Ok(value) = serde_json::from_str::<Value>(&o.stdout) else {
        return Output::err("error: the generated object could not be read\n");
    };
    let ns = Args::parse(words).map(|a| namespace(s, &a)).unwrap_or_else(|_| "default".into());
    let mut obj = match Object::from_value(value) {
        Ok(o) => o,
        Err(e) => return Output::err(format!("error: {}\n", e.message)),
    };
    if obj.kind_info().is_some_and(|k| k.namespaced) && obj.namespace().is_empty() {
        obj.meta_mut().namespace = Some(ns);
    }
    let result = if server_dry_run {
        let mut o = obj.clone();
        admission::prepare(&mut s.engine.api, &mut o).map(|_| Arc::new(o))
    } else {
        admission::create(&mut s.engine.api, obj)
    };
    match result {
        Ok(created) => {
            let v = created.to_value();
            let text = match output.as_deref() {
                Some("yaml") => crate::format::to_yaml(&v),
                Some("json") => crate::format::to_json(&v),
                Some("name") => format!("{}\n", crate::cli::name_ref(&v)),
                _ => crate::cli::operation_line(
                    &v,
                    "created",
                    if server_dry_run { crate::cli::DryRun::Server } else { crate::cli::DryRun::None },
                ),
            };
            Output::ok(text)
        }
        Err(e) => Output::err(api_err(&e)),
    }
}
