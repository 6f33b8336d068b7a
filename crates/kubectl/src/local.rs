//! Runs the kubectl command lines that need no server: `create <generator> --dry-run=client`,
//! `run --dry-run=client`, and `patch`, `label`, `annotate`, `set image` with `--local`.
//!
//! The cluster-backed verbs reuse the generators and mutations; this module is their
//! offline front end, and what the differential tests drive against the real kubectl.

use serde_json::Value;

use crate::cli::{self, DryRun, Output, TemplatePrinter};
use crate::flags::{Kind, Spec};
use crate::generate::{self, Files};
use crate::mutate;
use crate::patch::{self, PatchType};
use crate::typed;

/// What a command printed and how it ended.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub exit_code: i32,
}

impl Outcome {
    fn ok(stdout: String) -> Outcome {
        Outcome { stdout, stderr: String::new(), exit_code: 0 }
    }

    fn err(stderr: String) -> Outcome {
        Outcome::partial(String::new(), stderr)
    }

    fn partial(stdout: String, stderr: String) -> Outcome {
        let mut stderr = stderr;
        if !stderr.ends_with('\n') {
            stderr.push('\n');
        }
        Outcome { stdout, stderr, exit_code: 1 }
    }
}

/// Runs `argv` (the words after `kubectl`) if it is a command kubectl runs without a
/// server; `None` when it needs the cluster. `rand5` supplies kubectl's random
/// five-character name suffixes.
pub fn run_local(argv: &[String], files: &dyn Files, rand5: &mut dyn FnMut() -> String) -> Option<Outcome> {
    run_local_with(argv, files, rand5, &cli::no_templates)
}

/// [`run_local`], printing `-o jsonpath=…` and other template formats with `template`.
pub fn run_local_with(
    argv: &[String],
    files: &dyn Files,
    rand5: &mut dyn FnMut() -> String,
    template: TemplatePrinter,
) -> Option<Outcome> {
    let (path, rest) = split_command(argv);
    let words: Vec<&str> = path.iter().map(String::as_str).collect();

    match words.as_slice() {
        ["create", "deployment" | "deploy"] => create(generate::parse_create_deployment(&rest), template, |a| {
            Ok((generate::create_deployment(a, rand5), a.common.clone()))
        }),
        ["create", "namespace" | "ns"] => create(generate::parse_create_namespace(&rest), template, |a| {
            Ok((generate::create_namespace(a), a.common.clone()))
        }),
        ["create", "service" | "svc", kind] => {
            let service_type = match *kind {
                "clusterip" => generate::ServiceType::ClusterIP,
                "nodeport" => generate::ServiceType::NodePort,
                "loadbalancer" => generate::ServiceType::LoadBalancer,
                "externalname" => generate::ServiceType::ExternalName,
                _ => return None,
            };
            create(generate::parse_create_service(service_type, &rest), template, |a| {
                Ok((generate::create_service(a)?, a.common.clone()))
            })
        }
        ["create", "job"] => match generate::parse_create_job(&rest) {
            Ok(a) if !a.from.is_empty() => None,
            parsed => create(parsed, template, |a| Ok((generate::create_job(a), a.common.clone()))),
        },
        ["create", "configmap" | "cm"] => create(generate::parse_create_configmap(&rest), template, |a| {
            Ok((generate::create_configmap(a, files)?, a.common.clone()))
        }),
        ["create", "secret", "generic"] => create(generate::parse_create_secret_generic(&rest), template, |a| {
            Ok((generate::create_secret_generic(a, files)?, a.common.clone()))
        }),
        ["create", "secret", "docker-registry"] => {
            create(generate::parse_create_secret_docker_registry(&rest), template, |a| {
                Ok((generate::create_secret_docker_registry(a, files)?, a.common.clone()))
            })
        }
        ["create", "secret", "tls"] => create(generate::parse_create_secret_tls(&rest), template, |a| {
            Ok((generate::create_secret_tls(a, files)?, a.common.clone()))
        }),
        ["run"] => match generate::parse_run(&rest) {
            Err(e) => Some(Outcome::err(e)),
            Ok(a) if a.common.dry_run != DryRun::Client || a.attach => None,
            Ok(a) => Some(match generate::run_output(&a, template) {
                Ok(s) => Outcome::ok(s),
                Err(e) => Outcome::err(e),
            }),
        },
        ["patch"] => patch_local(&rest, files, template),
        ["label"] => label_local(&rest, files, template),
        ["annotate"] => annotate_local(&rest, files, template),
        ["set", "image"] => set_image_local(&rest, files, template),
        _ => None,
    }
}

/// Splits leading global flags and the command path off `argv`; returns the path and the
/// remaining words with the global flags appended.
fn split_command(argv: &[String]) -> (Vec<String>, Vec<String>) {
    let mut globals = Vec::new();
    let mut i = 0;
    while i < argv.len() && argv[i].starts_with('-') {
        let a = &argv[i];
        globals.push(a.clone());
        i += 1;
        let name = a.trim_start_matches('-');
        let takes_value = crate::flags::GLOBAL.iter().any(|s| {
            s.kind != Kind::Bool
                && (s.name == name || (a.len() == 2 && s.short.map(String::from).as_deref() == Some(name)))
        });
        if takes_value && !a.contains('=') && i < argv.len() {
            globals.push(argv[i].clone());
            i += 1;
        }
    }
    let mut path = Vec::new();
    let depth = match argv.get(i).map(String::as_str) {
        Some("create") => match argv.get(i + 1).map(String::as_str) {
            Some("service" | "svc" | "secret") => 3,
            _ => 2,
        },
        Some("set") => 2,
        _ => 1,
    };
    while path.len() < depth && i < argv.len() && !argv[i].starts_with('-') {
        path.push(argv[i].clone());
        i += 1;
    }
    let mut rest: Vec<String> = argv[i..].to_vec();
    // Global flags go before `--` so that they stay flags.
    let dash = rest.iter().position(|a| a == "--").unwrap_or(rest.len());
    rest.splice(dash..dash, globals);
    (path, rest)
}

fn create<A>(
    parsed: Result<A, String>,
    template: TemplatePrinter,
    build: impl FnOnce(&A) -> Result<(Value, cli::Common), String>,
) -> Option<Outcome> {
    let a = match parsed {
        Ok(a) => a,
        Err(e) => return Some(Outcome::err(e)),
    };
    let (obj, common) = match build(&a) {
        Ok(x) => x,
        Err(e) => return Some(Outcome::err(e)),
    };
    if common.dry_run != DryRun::Client {
        return None;
    }
    Some(match cli::print_object(&obj, &common.output, "created", common.dry_run, true, template) {
        Ok(s) => Outcome::ok(s),
        Err(e) => Outcome::err(e),
    })
}

/// The flags that pick files (`FilenameOptions`).
const FILENAME_FLAGS: &[Spec] = &[
    Spec::new("filename", Some('f'), Kind::StringSlice),
    Spec::new("kustomize", Some('k'), Kind::String),
    Spec::new("recursive", Some('R'), Kind::Bool),
];

/// Reads the objects in the `-f` files (YAML or JSON, several documents each).
pub fn read_objects(paths: &[String], files: &dyn Files) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for path in paths {
        if !files.exists(path) {
            return Err(cli::fatal(&format!("the path \"{path}\" does not exist")));
        }
        let bytes = files.read(path).map_err(|e| cli::fatal(&e))?;
        let text = String::from_utf8_lossy(&bytes);
        for doc in serde_yaml::Deserializer::from_str(&text) {
            let v: Value =
                serde::Deserialize::deserialize(doc).map_err(|e| cli::fatal(&format!("error parsing {path}: {e}")))?;
            match v {
                Value::Null => {}
                Value::Object(_) => out.push(v),
                _ => return Err(cli::fatal(&format!("error parsing {path}: not an object"))),
            }
        }
    }
    Ok(out)
}

/// A patch as kubectl reads it (`yaml.ToJSON`): text starting with `{` is taken as JSON
/// as it is, anything else is converted from YAML. The outer error is a YAML error
/// (reported before any file is read); the inner one is Go's JSON syntax error, which
/// each patch type words differently.
fn read_patch(text: &str) -> Result<Result<Value, String>, String> {
    if text.trim_start().starts_with('{') {
        if let Some(e) = crate::gojson::syntax_error(text) {
            return Ok(Err(e));
        }
        return Ok(serde_json::from_str(text).map_err(|e| e.to_string()));
    }
    serde_yaml::from_str::<Value>(text)
        .map(Ok)
        .map_err(|e| cli::fatal(&format!("unable to parse {}: yaml: {e}", crate::flags::go_quote(text))))
}

/// How a verb run ends: output, an error (with any output before it), or the point where
/// kubectl would contact the server.
enum Step {
    Done(String),
    Failed(String, String),
    NeedsServer,
}

impl From<String> for Step {
    fn from(stderr: String) -> Step {
        Step::Failed(String::new(), stderr)
    }
}

fn finish(step: Step) -> Option<Outcome> {
    match step {
        Step::Done(out) => Some(Outcome::ok(out)),
        Step::Failed(out, err) => Some(Outcome::partial(out, err)),
        Step::NeedsServer => None,
    }
}

/// Runs a verb body written with `?` on `Result<_, String>` errors.
fn step(body: impl FnOnce() -> Result<Step, String>) -> Option<Outcome> {
    finish(body().unwrap_or_else(Step::from))
}

const LOCAL_DRY_RUN_SERVER: &str = "cannot specify --local and --dry-run=server - did you mean --dry-run=client?";

fn patch_local(args: &[String], files: &dyn Files, template: TemplatePrinter) -> Option<Outcome> {
    let mut specs = vec![
        Spec::new("patch", Some('p'), Kind::String),
        Spec::new("patch-file", None, Kind::String),
        Spec::new("type", None, Kind::String),
        Spec::new("local", None, Kind::Bool),
        Spec::new("subresource", None, Kind::String),
        Spec::new("field-manager", None, Kind::String),
        Spec::new("record", None, Kind::Bool),
        cli::DRY_RUN_FLAG,
    ];
    specs.extend_from_slice(FILENAME_FLAGS);
    specs.extend_from_slice(cli::PRINT_FLAGS);
    step(|| {
        let p = cli::parse("patch", &specs, &[], args)?;
        let local = p.bool("local");
        let dry_run = cli::dry_run(&p)?;
        let output = cli::output(&p)?;
        let patch_text = p.string("patch").unwrap_or("");
        let patch_file = p.string("patch-file").unwrap_or("");
        if !patch_text.is_empty() && !patch_file.is_empty() {
            return Err(cli::fatal("cannot specify --patch and --patch-file together"));
        }
        if patch_text.is_empty() && patch_file.is_empty() {
            return Err(cli::fatal("must specify --patch or --patch-file containing the contents of the patch"));
        }
        if local && !p.args.is_empty() {
            return Err(cli::fatal("cannot specify --local and server resources"));
        }
        if local && dry_run == DryRun::Server {
            return Err(cli::fatal(LOCAL_DRY_RUN_SERVER));
        }
        let patch_type = match p.string("type") {
            None | Some("") => PatchType::Strategic,
            Some(t) => PatchType::parse(t).ok_or_else(|| {
                cli::fatal(&format!("--type must be one of [json merge strategic], not {}", crate::flags::go_quote(t)))
            })?,
        };
        let text = if patch_file.is_empty() {
            patch_text.to_string()
        } else {
            let bytes = files
                .read(patch_file)
                .map_err(|e| cli::fatal(&format!("unable to read patch file: open {patch_file}: {e}")))?;
            String::from_utf8_lossy(&bytes).into_owned()
        };
        let patch_doc = read_patch(&text)?;
        if !local {
            return Ok(Step::NeedsServer);
        }
        let filenames = p.strings("filename");
        if filenames.is_empty() {
            return Err(cli::fatal(NO_RESOURCES));
        }
        let objects = read_objects(&filenames, files)?;
        let mut out = String::new();
        for obj in &objects {
            let doc = match (&patch_doc, patch_type) {
                (Ok(doc), _) => doc,
                (Err(_), PatchType::Strategic) => return Err(cli::fatal("invalid JSON document")),
                (Err(_), PatchType::Merge) => return Err(cli::fatal("Invalid JSON Patch")),
                (Err(e), PatchType::Json) => return Err(cli::fatal(e)),
            };
            let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
            let patched = patch::apply_patch(kind, obj, doc, patch_type).map_err(|e| {
                // kubectl rewords json-patch's "doc is missing key" errors.
                match e.find("key:").filter(|_| e.contains("doc is missing key")) {
                    Some(k) => {
                        cli::fatal(&format!("Object to be patched is missing field ({})", e.get(k + 5..).unwrap_or("")))
                    }
                    None => cli::fatal(&e),
                }
            })?;
            if !patched.is_object() {
                let what = if patched.is_array() { "array" } else { "number" };
                return Err(cli::fatal(&format!(
                    "json: cannot unmarshal {what} into Go value of type unstructured.detector"
                )));
            }
            let op = if &patched == obj { "patched (no change)" } else { "patched" };
            out.push_str(&cli::print_object(&patched, &output, op, dry_run, false, template)?);
        }
        Ok(Step::Done(out))
    })
}

const NO_RESOURCES: &str = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

fn label_specs() -> Vec<Spec> {
    let mut specs = vec![
        Spec::new("overwrite", None, Kind::Bool),
        Spec::new("list", None, Kind::Bool),
        Spec::new("local", None, Kind::Bool),
        Spec::new("field-selector", None, Kind::String),
        Spec::new("all", None, Kind::Bool),
        Spec::new("all-namespaces", Some('A'), Kind::Bool),
        Spec::new("resource-version", None, Kind::String),
        Spec::new("selector", Some('l'), Kind::String),
        Spec::new("field-manager", None, Kind::String),
        Spec::new("record", None, Kind::Bool),
        cli::DRY_RUN_FLAG,
    ];
    specs.extend_from_slice(FILENAME_FLAGS);
    specs.extend_from_slice(cli::PRINT_FLAGS);
    specs
}

fn label_local(args: &[String], files: &dyn Files, template: TemplatePrinter) -> Option<Outcome> {
    step(|| {
        let p = cli::parse("label", &label_specs(), &[], args)?;
        let local = p.bool("local");
        let dry_run = cli::dry_run(&p)?;
        let (resources, pairs) = mutate::resources_and_pairs(&p.args, "label").map_err(|e| cli::fatal(&e))?;
        let (new, remove) = mutate::parse_labels(&pairs).map_err(|e| cli::fatal(&e))?;
        let list = p.bool("list");
        if list && !p.string("output").unwrap_or("").is_empty() {
            return Err(cli::fatal("--list and --output may not be specified together"));
        }
        if p.bool("all") && !p.string("selector").unwrap_or("").is_empty() {
            return Err(cli::fatal("cannot set --all and --selector at the same time"));
        }
        if p.bool("all") && !p.string("field-selector").unwrap_or("").is_empty() {
            return Err(cli::fatal("cannot set --all and --field-selector at the same time"));
        }
        let filenames = p.strings("filename");
        if local {
            if dry_run == DryRun::Server {
                return Err(cli::fatal(LOCAL_DRY_RUN_SERVER));
            }
            if !resources.is_empty() {
                return Err(cli::fatal(
                    "can only use local files by -f pod.yaml or --filename=pod.json when --local=true is set",
                ));
            }
            if filenames.is_empty() {
                return Err(cli::fatal("one or more files must be specified as -f pod.yaml or --filename=pod.json"));
            }
        } else if resources.is_empty() && filenames.is_empty() {
            return Err(cli::fatal(
                "one or more resources must be specified as <resource> <name> or <resource>/<name>",
            ));
        }
        if new.is_empty() && remove.is_empty() && !list {
            return Err(cli::fatal("at least one label update is required"));
        }
        if !local {
            return Ok(Step::NeedsServer);
        }
        let objects = read_objects(&filenames, files)?;
        let one = single_item_implied(&filenames, files);
        let rv = p.string("resource-version").filter(|s| !s.is_empty());
        if !one && rv.is_some() {
            return Err(cli::fatal("--resource-version may only be used with a single resource"));
        }
        let mut out = String::new();
        for mut obj in objects {
            if let (Some(_), Some(m)) = (rv, obj.get_mut("metadata").and_then(Value::as_object_mut)) {
                m.remove("resourceVersion");
            }
            let before = obj.clone();
            if let Err(errs) = mutate::label_errors(&mut obj, p.bool("overwrite"), &new, &remove, rv) {
                return Ok(Step::Failed(out, check_err(&errs)));
            }
            if list {
                out.push_str(&list_map(&obj, "labels", one));
                continue;
            }
            let op = mutate::label_message(&before, &obj, p.bool("overwrite"));
            let output = cli::output(&p)?;
            out.push_str(&cli::print_object(&obj, &output, op, dry_run, false, template)?);
        }
        Ok(Step::Done(out))
    })
}

fn annotate_local(args: &[String], files: &dyn Files, template: TemplatePrinter) -> Option<Outcome> {
    step(|| {
        let p = cli::parse("annotate", &label_specs(), &[], args)?;
        let local = p.bool("local");
        let dry_run = cli::dry_run(&p)?;
        let output = cli::output(&p)?;
        let (resources, pairs) = mutate::resources_and_pairs(&p.args, "annotation").map_err(|e| cli::fatal(&e))?;
        let (new, remove) = mutate::parse_pairs(&pairs, "annotation", true).map_err(|e| cli::fatal(&e))?;
        let list = p.bool("list");
        if list && !p.string("output").unwrap_or("").is_empty() {
            return Err(cli::fatal("--list and --output may not be specified together"));
        }
        if p.bool("all") && !p.string("selector").unwrap_or("").is_empty() {
            return Err(cli::fatal("cannot set --all and --selector at the same time"));
        }
        if p.bool("all") && !p.string("field-selector").unwrap_or("").is_empty() {
            return Err(cli::fatal("cannot set --all and --field-selector at the same time"));
        }
        let filenames = p.strings("filename");
        if !local {
            if resources.is_empty() && filenames.is_empty() {
                return Err(cli::fatal(
                    "one or more resources must be specified as <resource> <name> or <resource>/<name>",
                ));
            }
        } else {
            if dry_run == DryRun::Server {
                return Err(cli::fatal(LOCAL_DRY_RUN_SERVER));
            }
            if !resources.is_empty() {
                return Err(cli::fatal(
                    "can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set",
                ));
            }
            if filenames.is_empty() {
                return Err(cli::fatal("one or more files must be specified as -f rsrc.yaml or --filename=rsrc.json"));
            }
        }
        if new.is_empty() && remove.is_empty() && !list {
            return Err(cli::fatal("at least one annotation update is required"));
        }
        mutate::check_annotation_conflicts(&new, &remove).map_err(|e| cli::fatal(&e))?;
        if !local {
            return Ok(Step::NeedsServer);
        }
        let objects = read_objects(&filenames, files)?;
        let one = single_item_implied(&filenames, files);
        let rv = p.string("resource-version").filter(|s| !s.is_empty());
        if !one && rv.is_some() {
            return Err(cli::fatal("--resource-version may only be used with a single resource"));
        }
        let mut out = String::new();
        for mut obj in objects {
            if let Err(e) = mutate::annotate(&mut obj, p.bool("overwrite"), &new, &remove, rv) {
                return Ok(Step::Failed(out, cli::fatal(&e)));
            }
            if list {
                out.push_str(&list_map(&obj, "annotations", one));
                continue;
            }
            out.push_str(&cli::print_object(&obj, &output, "annotated", dry_run, false, template)?);
        }
        Ok(Step::Done(out))
    })
}

fn set_image_local(args: &[String], files: &dyn Files, template: TemplatePrinter) -> Option<Outcome> {
    let mut specs = vec![
        Spec::new("all", None, Kind::Bool),
        Spec::new("selector", Some('l'), Kind::String),
        Spec::new("local", None, Kind::Bool),
        Spec::new("field-manager", None, Kind::String),
        Spec::new("record", None, Kind::Bool),
        cli::DRY_RUN_FLAG,
    ];
    specs.extend_from_slice(FILENAME_FLAGS);
    specs.extend_from_slice(cli::PRINT_FLAGS);
    step(|| {
        let p = cli::parse("set image", &specs, &[], args)?;
        let local = p.bool("local");
        let dry_run = cli::dry_run(&p)?;
        let output = cli::output(&p)?;
        let (resources, pairs) = mutate::resources_and_pairs(&p.args, "image").map_err(|e| cli::fatal(&e))?;
        let (images, _) = mutate::parse_pairs(&pairs, "image", false).map_err(|e| cli::fatal(&e))?;
        let filenames = p.strings("filename");
        if local && !resources.is_empty() {
            return Err(cli::fatal(
                "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'",
            ));
        }
        if !local && resources.is_empty() && filenames.is_empty() && !p.string("selector").unwrap_or("").is_empty() {
            return Err(cli::fatal("at least one resource must be specified to use a selector"));
        }
        if resources.is_empty() && filenames.is_empty() {
            return Err(cli::fatal(NO_RESOURCES));
        }
        if !local {
            return Ok(Step::NeedsServer);
        }
        let objects = read_objects(&filenames, files)?;
        let mut errs = Vec::new();
        if p.bool("all") && !p.string("selector").unwrap_or("").is_empty() {
            errs.push("cannot set --all and --selector at the same time".to_string());
        }
        if images.is_empty() {
            errs.push("at least one image update is required".into());
        } else if images.len() > 1 && images.contains_key("*") {
            errs.push(
                "all containers are already specified by *, but saw more than one container_name=container_image pairs"
                    .into(),
            );
        }
        if dry_run == DryRun::Server {
            errs.push(LOCAL_DRY_RUN_SERVER.into());
        }
        if !errs.is_empty() {
            return Err(check_err(&errs));
        }
        let assignments: Vec<(String, String)> =
            images.iter().map(|(k, v)| (k.clone(), v.as_str().unwrap_or("").to_string())).collect();
        let mut out = String::new();
        let mut errs = Vec::new();
        let mut printed = 0;
        for obj in &objects {
            let before = typed::normalize(obj);
            let mut after = before.clone();
            errs.extend(mutate::set_image_errors(&mut after, &assignments));
            if after == before {
                continue;
            }
            // One printer serves all objects, and kubectl's YAML printer separates
            // documents after the first.
            if output == Output::Yaml && printed > 0 {
                out.push_str("---\n");
            }
            printed += 1;
            out.push_str(&cli::print_object(&after, &output, "image updated", dry_run, true, template)?);
        }
        if !errs.is_empty() {
            return Ok(Step::Failed(out, check_err(&errs)));
        }
        Ok(Step::Done(out))
    })
}

/// Whether kubectl's builder treats the files as naming a single item (one file, not a
/// directory), which `--resource-version` and `--list` care about.
fn single_item_implied(filenames: &[String], files: &dyn Files) -> bool {
    filenames.len() == 1 && files.list_dir(&filenames[0]).is_none()
}

/// `--list`: the labels or annotations, one `key=value` per line (sorted; kubectl's order
/// is Go's random map order), under a heading unless the files name a single item.
fn list_map(obj: &Value, field: &str, one: bool) -> String {
    let mut out = String::new();
    let indent = if one { "" } else { " " };
    if !one {
        let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
        let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
        let group = api_version.split_once('/').map_or("", |(g, _)| g);
        let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
        let what = if field == "labels" { "labels" } else { "annotations" };
        out.push_str(&format!("Listing {what} for {kind}.{group}/{name}:\n"));
    }
    if let Some(m) = obj.pointer(&format!("/metadata/{field}")).and_then(Value::as_object) {
        for (k, v) in m {
            out.push_str(&format!("{indent}{k}={}\n", v.as_str().unwrap_or("")));
        }
    }
    out
}

/// How `cmdutil.CheckErr` prints an aggregate: one error as `error: …`, several one per
/// line as they are.
fn check_err(errs: &[String]) -> String {
    if errs.len() == 1 { cli::fatal(&errs[0]) } else { errs.iter().map(|e| format!("{e}\n")).collect() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::NoFiles;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn cluster_commands_are_not_local() {
        let mut r = || "abcde".to_string();
        for line in [
            "create deployment web --image=nginx",
            "create deployment web --image=nginx --dry-run=server",
            "create job j --from=cronjob/nightly --dry-run=client",
            "run web --image=nginx -i",
            "label pods web a=b",
            "get pods",
        ] {
            assert_eq!(run_local(&argv(line), &NoFiles, &mut r), None, "{line}");
        }
    }

    #[test]
    fn template_formats_go_to_the_hook() {
        let hook = |format: &str, obj: &Value| -> Result<String, String> {
            Ok(format!("{format} {}", obj["metadata"]["name"].as_str().unwrap_or("")))
        };
        let out = run_local_with(
            &argv("create namespace prod --dry-run=client -o jsonpath={.x}"),
            &NoFiles,
            &mut || String::new(),
            &hook,
        );
        assert_eq!(out.map(|o| o.stdout), Some("jsonpath={.x} prod".to_string()));
    }
}
