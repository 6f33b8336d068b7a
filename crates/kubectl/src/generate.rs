//! The objects `kubectl create <generator>` and `kubectl run` build on the client, field for
//! field as kubectl v1.35 builds them (`pkg/cmd/create/create_*.go`, `pkg/cmd/run/run.go`,
//! `pkg/generate/versioned/run.go`), and their argument parsers with kubectl's errors.
//!
//! Each `parse_*` takes the words after the command path (`web --image=nginx -n prod`) and
//! returns the arguments, or the exact text kubectl prints on stderr. Each generator returns
//! the object as kubectl's typed printer would show it.

use base64::Engine;
use serde_json::{Map, Value, json};

use crate::cli::{self, Common, DryRun, Output};
use crate::flags::go_quote;
use crate::flags::{Kind, Parsed, Spec};
use crate::typed;
use crate::validate;

/// Read access to the files `--from-file`, `--from-env-file`, `--cert` and `--key` name.
pub trait Files {
    /// The file's bytes, or the operating system's error text
    /// (`no such file or directory`, `is a directory`).
    fn read(&self, path: &str) -> Result<Vec<u8>, String>;
    /// The names of the regular files in the directory, sorted, or `None` when `path` is
    /// not a directory.
    fn list_dir(&self, path: &str) -> Option<Vec<String>>;
    /// Whether the path exists at all.
    fn exists(&self, path: &str) -> bool;
}

/// No files at all.
pub struct NoFiles;

impl Files for NoFiles {
    fn read(&self, _: &str) -> Result<Vec<u8>, String> {
        Err("no such file or directory".into())
    }
    fn list_dir(&self, _: &str) -> Option<Vec<String>> {
        None
    }
    fn exists(&self, _: &str) -> bool {
        false
    }
}

fn spec_list(own: &[Spec], extra: &[&[Spec]]) -> Vec<Spec> {
    let mut v = own.to_vec();
    for e in extra {
        v.extend_from_slice(e);
    }
    v
}

fn object_meta(name: &str, common: &Common) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("name".into(), Value::from(name));
    if let Some(ns) = &common.namespace {
        m.insert("namespace".into(), Value::from(ns.as_str()));
    }
    m
}

fn labels(pairs: &[(&str, &str)]) -> Value {
    Value::Object(pairs.iter().map(|(k, v)| (k.to_string(), Value::from(*v))).collect())
}

fn with_save_config(mut obj: Value, common: &Common) -> Value {
    if common.save_config {
        // `CreateOrUpdateAnnotation`: the object, compact JSON in Go field order, as the
        // last-applied-configuration annotation.
        let text = compact_json(&obj);
        if let Some(meta) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
            let ann = meta.entry("annotations").or_insert_with(|| json!({}));
            if let Some(a) = ann.as_object_mut() {
                a.insert("kubectl.kubernetes.io/last-applied-configuration".into(), Value::from(format!("{text}\n")));
            }
        }
    }
    obj
}

/// Go's compact `json.Marshal` of a typed object.
fn compact_json(v: &Value) -> String {
    compact(&crate::format::to_json(v))
}

/// `hash.ConfigMapHash`/`SecretHash`: the first ten hex digits of the SHA-256 of the
/// encoded object, with the characters that could spell words swapped out.
fn name_hash(encoded: &Value) -> String {
    let text = compact(&crate::format::to_json_sorted(encoded));
    crate::sha256::hex_digest(text.as_bytes())
        .chars()
        .take(10)
        .map(|c| match c {
            '0' => 'g',
            '1' => 'h',
            '3' => 'k',
            'a' => 'm',
            'e' => 't',
            c => c,
        })
        .collect()
}

/// Pretty Go JSON made compact (whitespace outside strings removed).
fn compact(pretty: &str) -> String {
    let mut out = String::new();
    let mut in_string = false;
    let mut escaped = false;
    for c in pretty.trim_end().chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        match c {
            '"' => {
                in_string = true;
                out.push(c);
            }
            ' ' | '\n' => {}
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// create deployment

/// `kubectl create deployment NAME --image=I [--image=I2] [--replicas=N] [--port=P] [-- CMD]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateDeploymentArgs {
    pub common: Common,
    pub name: String,
    pub images: Vec<String>,
    /// `--port`, -1 when not given.
    pub port: i64,
    pub replicas: i64,
    pub command: Vec<String>,
}

const DEPLOYMENT_FLAGS: &[Spec] = &[
    Spec::new("image", None, Kind::StringSlice),
    Spec::new("port", None, Kind::Int32),
    Spec::new("replicas", Some('r'), Kind::Int32),
];

pub fn parse_create_deployment(args: &[String]) -> Result<CreateDeploymentArgs, String> {
    let path = "create deployment";
    let specs = spec_list(DEPLOYMENT_FLAGS, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &["image"], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let a = CreateDeploymentArgs {
        common,
        name,
        images: p.strings("image"),
        port: p.int("port").unwrap_or(-1),
        replicas: p.int("replicas").unwrap_or(1),
        command: p.args[1..].to_vec(),
    };
    if a.images.len() > 1 && !a.command.is_empty() {
        return Err(cli::fatal("cannot specify multiple --image options and command"));
    }
    Ok(a)
}

/// The container name kubectl derives from an image: the last path element without tag
/// or digest; names with `_` or `.` get dashes and a random five-letter suffix.
pub fn container_name_for_image(image: &str, rand5: &mut dyn FnMut() -> String) -> String {
    let mut name = image.rsplit('/').next().unwrap_or(image).to_string();
    if let Some((n, _)) = name.split_once(':') {
        name = n.to_string();
    }
    if let Some((n, _)) = name.split_once('@') {
        name = n.to_string();
    }
    if name.contains(['_', '.']) {
        name = format!("{}-{}", name.replace(['_', '.'], "-"), rand5());
    }
    name
}

/// The Deployment `kubectl create deployment` builds. `rand5` supplies the random suffix
/// of container names derived from images with `_` or `.` in their name.
pub fn create_deployment(a: &CreateDeploymentArgs, rand5: &mut dyn FnMut() -> String) -> Value {
    let app = labels(&[("app", a.name.as_str())]);
    let mut containers: Vec<Value> = a
        .images
        .iter()
        .map(|image| {
            let mut c = Map::new();
            c.insert("name".into(), Value::from(container_name_for_image(image, rand5)));
            c.insert("image".into(), Value::from(image.as_str()));
            if !a.command.is_empty() {
                c.insert("command".into(), json!(a.command));
            }
            Value::Object(c)
        })
        .collect();
    if a.port >= 0
        && let Some(Value::Object(first)) = containers.first_mut()
    {
        first.insert("ports".into(), json!([{ "containerPort": a.port }]));
    }
    let mut meta = object_meta(&a.name, &a.common);
    meta.insert("labels".into(), app.clone());
    let obj = json!({
        "kind": "Deployment",
        "apiVersion": "apps/v1",
        "metadata": meta,
        "spec": {
            "replicas": a.replicas,
            "selector": {"matchLabels": app},
            "template": {"metadata": {"labels": app}, "spec": {"containers": containers}},
        },
    });
    with_save_config(typed::normalize(&obj), &a.common)
}

// ---------------------------------------------------------------------------------------
// create namespace

/// `kubectl create namespace NAME`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateNamespaceArgs {
    pub common: Common,
    pub name: String,
}

pub fn parse_create_namespace(args: &[String]) -> Result<CreateNamespaceArgs, String> {
    let path = "create namespace";
    let specs = spec_list(&[], &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    Ok(CreateNamespaceArgs { common, name })
}

pub fn create_namespace(a: &CreateNamespaceArgs) -> Value {
    let obj = json!({"kind": "Namespace", "apiVersion": "v1", "metadata": {"name": a.name}});
    with_save_config(typed::normalize(&obj), &a.common)
}

// ---------------------------------------------------------------------------------------
// create service

/// The four `kubectl create service` types.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ServiceType {
    ClusterIP,
    NodePort,
    LoadBalancer,
    ExternalName,
}

impl ServiceType {
    fn api_name(self) -> &'static str {
        match self {
            ServiceType::ClusterIP => "ClusterIP",
            ServiceType::NodePort => "NodePort",
            ServiceType::LoadBalancer => "LoadBalancer",
            ServiceType::ExternalName => "ExternalName",
        }
    }

    fn command(self) -> &'static str {
        match self {
            ServiceType::ClusterIP => "clusterip",
            ServiceType::NodePort => "nodeport",
            ServiceType::LoadBalancer => "loadbalancer",
            ServiceType::ExternalName => "externalname",
        }
    }
}

/// `kubectl create service TYPE NAME [--tcp=port:target] [--node-port] [--clusterip]
/// [--external-name]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateServiceArgs {
    pub common: Common,
    pub service_type: ServiceType,
    pub name: String,
    pub tcp: Vec<String>,
    pub cluster_ip: String,
    pub node_port: i64,
    pub external_name: String,
}

/// Parses the words after `kubectl create service TYPE`.
pub fn parse_create_service(service_type: ServiceType, args: &[String]) -> Result<CreateServiceArgs, String> {
    let path = format!("create service {}", service_type.command());
    let mut own = vec![Spec::new("tcp", None, Kind::StringSlice)];
    let mut required: Vec<&str> = Vec::new();
    match service_type {
        ServiceType::ClusterIP => own.push(Spec::new("clusterip", None, Kind::String)),
        ServiceType::NodePort => own.push(Spec::new("node-port", None, Kind::Int64)),
        ServiceType::LoadBalancer => {}
        ServiceType::ExternalName => {
            own.push(Spec::new("external-name", None, Kind::String));
            required.push("external-name");
        }
    }
    let specs = spec_list(&own, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(&path, &specs, &required, args)?;
    let name = cli::name_from_args(&path, &p)?;
    let common = cli::common(&p)?;
    let a = CreateServiceArgs {
        common,
        service_type,
        name,
        tcp: p.strings("tcp"),
        cluster_ip: p.string("clusterip").unwrap_or("").to_string(),
        node_port: p.int("node-port").unwrap_or(0),
        external_name: p.string("external-name").unwrap_or("").to_string(),
    };
    if a.cluster_ip == "None" && service_type != ServiceType::ClusterIP {
        return Err(cli::fatal("ClusterIP=None can only be used with ClusterIP service type"));
    }
    if a.cluster_ip != "None" && a.tcp.is_empty() && service_type != ServiceType::ExternalName {
        return Err(cli::fatal("at least one tcp port specifier must be provided"));
    }
    if service_type == ServiceType::ExternalName && !validate::dns1123_subdomain(&a.external_name).is_empty() {
        return Err(cli::fatal(&format!("invalid service external name {}", a.external_name)));
    }
    Ok(a)
}

/// `parsePorts`: `port[:targetPort]`.
fn parse_service_port(s: &str) -> Result<(i64, Value), String> {
    let mut parts = s.split(':');
    let port_text = parts.next().unwrap_or("");
    let port: u16 = port_text.parse().map_err(|_| {
        let why = if !port_text.is_empty() && port_text.bytes().all(|c| c.is_ascii_digit()) {
            "value out of range"
        } else {
            "invalid syntax"
        };
        format!("strconv.ParseUint: parsing {}: {why}", go_quote(port_text))
    })?;
    let port = i64::from(port);
    let Some(target) = parts.next() else {
        return Ok((port, Value::from(port)));
    };
    match parse_go_atoi(target) {
        Some(n) => {
            let errs = validate::port_num(n);
            if !errs.is_empty() {
                return Err(errs.join(","));
            }
            Ok((port, Value::from(n)))
        }
        None => {
            let errs = validate::port_name(target);
            if !errs.is_empty() {
                return Err(errs.join(","));
            }
            Ok((port, Value::from(target)))
        }
    }
}

/// Go's `strconv.Atoi`.
fn parse_go_atoi(s: &str) -> Option<i64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    if body.is_empty() || !body.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn atoi_error(s: &str) -> String {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let why = if !body.is_empty() && body.bytes().all(|c| c.is_ascii_digit()) {
        "value out of range"
    } else {
        "invalid syntax"
    };
    format!("strconv.Atoi: parsing {}: {why}", go_quote(s))
}

/// The Service `kubectl create service` builds, or the error for a bad `--tcp`.
pub fn create_service(a: &CreateServiceArgs) -> Result<Value, String> {
    let mut ports = Vec::new();
    for tcp in &a.tcp {
        let (port, target) = parse_service_port(tcp).map_err(|e| cli::fatal(&e))?;
        let mut p = Map::new();
        p.insert("name".into(), Value::from(tcp.replace(':', "-")));
        p.insert("protocol".into(), Value::from("TCP"));
        p.insert("port".into(), Value::from(port));
        p.insert("targetPort".into(), target);
        p.insert("nodePort".into(), Value::from(a.node_port));
        ports.push(Value::Object(p));
    }
    let app = labels(&[("app", a.name.as_str())]);
    let mut meta = object_meta(&a.name, &a.common);
    meta.insert("labels".into(), app.clone());
    let mut spec = Map::new();
    spec.insert("ports".into(), Value::Array(ports));
    spec.insert("selector".into(), app);
    spec.insert("type".into(), Value::from(a.service_type.api_name()));
    spec.insert("externalName".into(), Value::from(a.external_name.as_str()));
    if !a.cluster_ip.is_empty() {
        spec.insert("clusterIP".into(), Value::from(a.cluster_ip.as_str()));
    }
    let obj = json!({"kind": "Service", "apiVersion": "v1", "metadata": meta, "spec": spec});
    // kubectl's service generators never read --save-config (`ServiceOptions.Complete`
    // leaves `CreateAnnotation` unset), so neither do we.
    Ok(typed::normalize(&obj))
}

// ---------------------------------------------------------------------------------------
// create job

/// `kubectl create job NAME --image=I [-- CMD]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateJobArgs {
    pub common: Common,
    pub name: String,
    pub image: String,
    pub command: Vec<String>,
    /// `--from=cronjob/NAME`: the job comes from a CronJob in the cluster, which
    /// [`create_job`] does not handle.
    pub from: String,
}

const JOB_FLAGS: &[Spec] = &[Spec::new("image", None, Kind::String), Spec::new("from", None, Kind::String)];

pub fn parse_create_job(args: &[String]) -> Result<CreateJobArgs, String> {
    let path = "create job";
    let specs = spec_list(JOB_FLAGS, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let image = p.string("image").unwrap_or("").to_string();
    let from = p.string("from").unwrap_or("");
    let command = p.args[1..].to_vec();
    if image.is_empty() == from.is_empty() {
        return Err(cli::fatal("either --image or --from must be specified"));
    }
    if !command.is_empty() && !from.is_empty() {
        return Err(cli::fatal("cannot specify --from and command"));
    }
    Ok(CreateJobArgs { from: from.to_string(), common, name, image, command })
}

pub fn create_job(a: &CreateJobArgs) -> Value {
    let mut c = Map::new();
    c.insert("name".into(), Value::from(a.name.as_str()));
    c.insert("image".into(), Value::from(a.image.as_str()));
    if !a.command.is_empty() {
        c.insert("command".into(), json!(a.command));
    }
    let obj = json!({
        "kind": "Job",
        "apiVersion": "batch/v1",
        "metadata": object_meta(&a.name, &a.common),
        "spec": {"template": {"spec": {"containers": [c], "restartPolicy": "Never"}}},
    });
    with_save_config(typed::normalize(&obj), &a.common)
}

// ---------------------------------------------------------------------------------------
// create configmap / secret generic: shared sources

/// `--from-file`, `--from-literal`, `--from-env-file`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sources {
    pub files: Vec<String>,
    pub literals: Vec<String>,
    pub env_files: Vec<String>,
}

const SOURCE_FLAGS: &[Spec] = &[
    Spec::new("from-file", None, Kind::StringSlice),
    Spec::new("from-literal", None, Kind::StringArray),
    Spec::new("from-env-file", None, Kind::StringSlice),
    Spec::new("append-hash", None, Kind::Bool),
];

fn sources(p: &Parsed) -> Sources {
    Sources {
        files: p.strings("from-file"),
        literals: p.strings("from-literal"),
        env_files: p.strings("from-env-file"),
    }
}

/// `ParseLiteralSource`.
fn parse_literal_source(source: &str) -> Result<(String, String), String> {
    match source.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("invalid literal source {source}, expected key=value")),
    }
}

/// `ParseFileSource`.
fn parse_file_source(source: &str) -> Result<(String, String), String> {
    let n = source.matches('=').count();
    if n == 0 {
        let base = source.trim_end_matches('/').rsplit('/').next().unwrap_or(source);
        let base = if base.is_empty() { if source.starts_with('/') { "/" } else { "." } } else { base };
        return Ok((base.to_string(), source.to_string()));
    }
    if n == 1 && source.starts_with('=') {
        return Err(format!("key name for file path {} missing", &source[1..]));
    }
    if n == 1 && source.ends_with('=') {
        return Err(format!("file path for key name {} missing", &source[..source.len() - 1]));
    }
    if n > 1 {
        return Err("key names or file paths cannot contain '='".into());
    }
    let (k, v) = source.split_once('=').unwrap_or((source, ""));
    Ok((k.to_string(), v.to_string()))
}

/// The (key, value) lines of an env file, as `cmdutil.AddFromEnvFile` reads them.
fn env_file_entries(path: &str, data: &[u8]) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut lines: Vec<&[u8]> = data.split(|&b| b == b'\n').collect();
    if lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    for (n, raw) in lines.iter().enumerate() {
        let mut line: &[u8] = raw.strip_suffix(b"\r").unwrap_or(raw);
        let Ok(text) = std::str::from_utf8(line) else {
            return Err(format!("env file {path} contains invalid utf8 bytes at line {}: {:?}", n + 1, line));
        };
        let mut text = text;
        if n == 0 {
            text = text.strip_prefix('\u{feff}').unwrap_or(text);
        }
        let text = text.trim_start();
        line = text.as_bytes();
        if line.is_empty() || line[0] == b'#' {
            continue;
        }
        let (key, value) = match text.split_once('=') {
            Some((k, v)) => (k, v),
            None => (text, ""),
        };
        let errs = validate::env_var_name(key);
        if !errs.is_empty() {
            return Err(format!("{} is not a valid key name: {}", go_quote(key), errs.join(";")));
        }
        out.push((key.to_string(), value.to_string()));
    }
    Ok(out)
}

fn stat_error(files: &dyn Files, path: &str) -> Option<String> {
    if files.exists(path) { None } else { Some(format!("error reading {path}: no such file or directory")) }
}

// ---------------------------------------------------------------------------------------
// create configmap

/// `kubectl create configmap NAME [--from-literal=k=v] [--from-file=[k=]path] [--from-env-file=path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateConfigMapArgs {
    /// `--append-hash`: suffix the name with a hash of the contents.
    pub append_hash: bool,
    pub common: Common,
    pub name: String,
    pub sources: Sources,
}

pub fn parse_create_configmap(args: &[String]) -> Result<CreateConfigMapArgs, String> {
    let path = "create configmap";
    let specs = spec_list(SOURCE_FLAGS, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let a = CreateConfigMapArgs { common, append_hash: p.bool("append-hash"), name, sources: sources(&p) };
    if a.name.is_empty() {
        return Err(cli::fatal("name must be specified"));
    }
    let s = &a.sources;
    if !s.env_files.is_empty() && (!s.files.is_empty() || !s.literals.is_empty()) {
        return Err(cli::fatal("from-env-file cannot be combined with from-file or from-literal"));
    }
    Ok(a)
}

struct ConfigMapData<'a> {
    name: &'a str,
    data: Map<String, Value>,
    binary: Map<String, Value>,
}

impl ConfigMapData<'_> {
    fn add(&mut self, key: &str, value: Value, binary: bool) -> Result<(), String> {
        let errs = validate::config_map_key(key);
        if !errs.is_empty() {
            return Err(format!("{} is not a valid key name for a ConfigMap: {}", go_quote(key), errs.join(",")));
        }
        if self.data.contains_key(key) {
            return Err(format!(
                "cannot add key {}, another key by that name already exists in Data for ConfigMap {}",
                go_quote(key),
                go_quote(self.name)
            ));
        }
        if self.binary.contains_key(key) {
            return Err(format!(
                "cannot add key {}, another key by that name already exists in BinaryData for ConfigMap {}",
                go_quote(key),
                go_quote(self.name)
            ));
        }
        if binary {
            self.binary.insert(key.to_string(), value);
        } else {
            self.data.insert(key.to_string(), value);
        }
        Ok(())
    }

    fn add_file(&mut self, files: &dyn Files, key: &str, path: &str) -> Result<(), String> {
        let bytes = files.read(path).map_err(|e| format!("open {path}: {e}"))?;
        match String::from_utf8(bytes) {
            Ok(text) => self.add(key, Value::from(text), false),
            Err(e) => {
                let b64 = base64::engine::general_purpose::STANDARD.encode(e.into_bytes());
                self.add(key, Value::from(b64), true)
            }
        }
    }
}

/// The ConfigMap `kubectl create configmap` builds, reading sources through `files`.
pub fn create_configmap(a: &CreateConfigMapArgs, files: &dyn Files) -> Result<Value, String> {
    let mut cm = ConfigMapData { name: &a.name, data: Map::new(), binary: Map::new() };
    let run = |cm: &mut ConfigMapData| -> Result<(), String> {
        for source in &a.sources.files {
            let (key, path) = parse_file_source(source)?;
            if let Some(e) = stat_error(files, &path) {
                return Err(e);
            }
            if let Some(names) = files.list_dir(&path) {
                if source.contains('=') {
                    return Err("cannot give a key name for a directory path".into());
                }
                for item in names {
                    let item_path = format!("{}/{item}", path.trim_end_matches('/'));
                    cm.add_file(files, &item, &item_path)?;
                }
            } else {
                cm.add_file(files, &key, &path)?;
            }
        }
        for source in &a.sources.literals {
            let (key, value) = parse_literal_source(source)?;
            cm.add(&key, Value::from(value), false)?;
        }
        for path in &a.sources.env_files {
            if let Some(e) = stat_error(files, path) {
                return Err(e);
            }
            if files.list_dir(path).is_some() {
                return Err("env config file cannot be a directory".into());
            }
            let data = files.read(path).map_err(|e| format!("open {path}: {e}"))?;
            for (k, v) in env_file_entries(path, &data)? {
                cm.add(&k, Value::from(v), false)?;
            }
        }
        Ok(())
    };
    run(&mut cm).map_err(|e| cli::fatal(&e))?;
    let mut name = a.name.clone();
    if a.append_hash {
        let mut encoded = json!({"kind": "ConfigMap", "name": a.name, "data": cm.data});
        if !cm.binary.is_empty() {
            encoded["binaryData"] = Value::Object(cm.binary.clone());
        }
        name = format!("{name}-{}", name_hash(&encoded));
    }
    let obj = json!({
        "kind": "ConfigMap",
        "apiVersion": "v1",
        "metadata": object_meta(&name, &a.common),
        "data": cm.data,
        "binaryData": cm.binary,
    });
    Ok(with_save_config(typed::normalize(&obj), &a.common))
}

// ---------------------------------------------------------------------------------------
// create secret generic / docker-registry / tls

/// `kubectl create secret generic NAME [--type=T] [sources]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateSecretGenericArgs {
    /// `--append-hash`: suffix the name with a hash of the contents.
    pub append_hash: bool,
    pub common: Common,
    pub name: String,
    pub secret_type: String,
    pub sources: Sources,
}

pub fn parse_create_secret_generic(args: &[String]) -> Result<CreateSecretGenericArgs, String> {
    let path = "create secret generic";
    let own = spec_list(SOURCE_FLAGS, &[&[Spec::new("type", None, Kind::String)]]);
    let specs = spec_list(&own, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let a = CreateSecretGenericArgs {
        common,
        append_hash: p.bool("append-hash"),
        name,
        secret_type: p.string("type").unwrap_or("").to_string(),
        sources: sources(&p),
    };
    let s = &a.sources;
    if !s.env_files.is_empty() && (!s.files.is_empty() || !s.literals.is_empty()) {
        return Err(cli::fatal("from-env-file cannot be combined with from-file or from-literal"));
    }
    Ok(a)
}

struct SecretData(Map<String, Value>);

impl SecretData {
    fn add(&mut self, key: &str, data: &[u8]) -> Result<(), String> {
        let errs = validate::config_map_key(key);
        if !errs.is_empty() {
            return Err(format!("{} is not valid key name for a Secret {}", go_quote(key), errs.join(";")));
        }
        if self.0.contains_key(key) {
            return Err(format!("cannot add key {key}, another key by that name already exists"));
        }
        let b64 = base64::engine::general_purpose::STANDARD.encode(data);
        self.0.insert(key.to_string(), Value::from(b64));
        Ok(())
    }

    fn add_files(&mut self, files: &dyn Files, sources: &[String]) -> Result<(), String> {
        for source in sources {
            let (key, path) = parse_file_source(source)?;
            if let Some(e) = stat_error(files, &path) {
                return Err(e);
            }
            if let Some(names) = files.list_dir(&path) {
                if source.contains('=') {
                    return Err("cannot give a key name for a directory path".into());
                }
                for item in names {
                    let item_path = format!("{}/{item}", path.trim_end_matches('/'));
                    let data = files.read(&item_path).map_err(|e| format!("open {item_path}: {e}"))?;
                    self.add(&item, &data)?;
                }
            } else {
                let data = files.read(&path).map_err(|e| format!("open {path}: {e}"))?;
                self.add(&key, &data)?;
            }
        }
        Ok(())
    }
}

fn secret(name: &str, common: &Common, secret_type: &str, data: Map<String, Value>, append_hash: bool) -> Value {
    let name = if append_hash {
        let encoded = json!({"kind": "Secret", "type": secret_type, "name": name, "data": data});
        format!("{name}-{}", name_hash(&encoded))
    } else {
        name.to_string()
    };
    let obj = json!({
        "kind": "Secret",
        "apiVersion": "v1",
        "metadata": object_meta(&name, common),
        "data": data,
        "type": secret_type,
    });
    with_save_config(typed::normalize(&obj), common)
}

/// The Secret `kubectl create secret generic` builds.
pub fn create_secret_generic(a: &CreateSecretGenericArgs, files: &dyn Files) -> Result<Value, String> {
    let mut data = SecretData(Map::new());
    let run = |data: &mut SecretData| -> Result<(), String> {
        for source in &a.sources.literals {
            let (key, value) = parse_literal_source(source)?;
            data.add(&key, value.as_bytes())?;
        }
        data.add_files(files, &a.sources.files)?;
        for path in &a.sources.env_files {
            if let Some(e) = stat_error(files, path) {
                return Err(e);
            }
            if files.list_dir(path).is_some() {
                return Err("env secret file cannot be a directory".into());
            }
            let bytes = files.read(path).map_err(|e| format!("open {path}: {e}"))?;
            for (k, v) in env_file_entries(path, &bytes)? {
                data.add(&k, v.as_bytes())?;
            }
        }
        Ok(())
    };
    run(&mut data).map_err(|e| cli::fatal(&e))?;
    Ok(secret(&a.name, &a.common, &a.secret_type, data.0, a.append_hash))
}

/// `kubectl create secret docker-registry NAME --docker-username=U --docker-password=P
/// [--docker-email=E] [--docker-server=S] [--from-file=[k=]path]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateSecretDockerRegistryArgs {
    /// `--append-hash`: suffix the name with a hash of the contents.
    pub append_hash: bool,
    pub common: Common,
    pub name: String,
    pub username: String,
    pub password: String,
    pub email: String,
    pub server: String,
    pub files: Vec<String>,
}

pub fn parse_create_secret_docker_registry(args: &[String]) -> Result<CreateSecretDockerRegistryArgs, String> {
    let path = "create secret docker-registry";
    let own = [
        Spec::new("docker-username", None, Kind::String),
        Spec::new("docker-password", None, Kind::String),
        Spec::new("docker-email", None, Kind::String),
        Spec::new("docker-server", None, Kind::String),
        Spec::new("append-hash", None, Kind::Bool),
        Spec::new("from-file", None, Kind::StringSlice),
    ];
    let specs = spec_list(&own, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let files = p
        .strings("from-file")
        .into_iter()
        .map(|f| if f.contains('=') { f } else { format!(".dockerconfigjson={f}") })
        .collect();
    let a = CreateSecretDockerRegistryArgs {
        common,
        append_hash: p.bool("append-hash"),
        name,
        username: p.string("docker-username").unwrap_or("").to_string(),
        password: p.string("docker-password").unwrap_or("").to_string(),
        email: p.string("docker-email").unwrap_or("").to_string(),
        server: p.string("docker-server").unwrap_or("https://index.docker.io/v1/").to_string(),
        files,
    };
    if a.files.is_empty() && (a.username.is_empty() || a.password.is_empty() || a.server.is_empty()) {
        return Err(cli::fatal(
            "either --from-file or the combination of --docker-username, --docker-password and --docker-server is required",
        ));
    }
    Ok(a)
}

/// The `.dockerconfigjson` document: Go's compact `json.Marshal` of `DockerConfigJSON`.
fn docker_config_json(a: &CreateSecretDockerRegistryArgs) -> String {
    let auth = base64::engine::general_purpose::STANDARD.encode(format!("{}:{}", a.username, a.password));
    let mut entry = String::from("{");
    let mut first = true;
    for (k, v) in [("username", &a.username), ("password", &a.password), ("email", &a.email), ("auth", &auth)] {
        if v.is_empty() {
            continue;
        }
        if !first {
            entry.push(',');
        }
        first = false;
        crate::format::json_string(&mut entry, k);
        entry.push(':');
        crate::format::json_string(&mut entry, v);
    }
    entry.push('}');
    let mut out = String::from("{\"auths\":{");
    crate::format::json_string(&mut out, &a.server);
    out.push(':');
    out.push_str(&entry);
    out.push_str("}}");
    out
}

/// The Secret `kubectl create secret docker-registry` builds.
pub fn create_secret_docker_registry(a: &CreateSecretDockerRegistryArgs, files: &dyn Files) -> Result<Value, String> {
    let mut data = SecretData(Map::new());
    if a.files.is_empty() {
        data.add(".dockerconfigjson", docker_config_json(a).as_bytes()).map_err(|e| cli::fatal(&e))?;
    } else {
        data.add_files(files, &a.files).map_err(|e| cli::fatal(&e))?;
    }
    Ok(secret(&a.name, &a.common, "kubernetes.io/dockerconfigjson", data.0, a.append_hash))
}

/// `kubectl create secret tls NAME --cert=path --key=path`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CreateSecretTlsArgs {
    /// `--append-hash`: suffix the name with a hash of the contents.
    pub append_hash: bool,
    pub common: Common,
    pub name: String,
    pub cert: String,
    pub key: String,
}

pub fn parse_create_secret_tls(args: &[String]) -> Result<CreateSecretTlsArgs, String> {
    let path = "create secret tls";
    let own = [
        Spec::new("cert", None, Kind::String),
        Spec::new("key", None, Kind::String),
        Spec::new("append-hash", None, Kind::Bool),
    ];
    let specs = spec_list(&own, &[cli::PRINT_FLAGS, cli::CREATE_FLAGS]);
    let p = cli::parse(path, &specs, &[], args)?;
    let name = cli::name_from_args(path, &p)?;
    let common = cli::common(&p)?;
    let a = CreateSecretTlsArgs {
        common,
        append_hash: p.bool("append-hash"),
        name,
        cert: p.string("cert").unwrap_or("").to_string(),
        key: p.string("key").unwrap_or("").to_string(),
    };
    if a.key.is_empty() || a.cert.is_empty() {
        return Err(cli::fatal("key and cert must be specified"));
    }
    Ok(a)
}

/// The types of the PEM blocks in `data`, in order.
fn pem_block_types(data: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(data);
    let mut types = Vec::new();
    let mut open: Option<&str> = None;
    for line in text.lines() {
        let line = line.trim_end();
        match open {
            None => {
                if let Some(t) = line.strip_prefix("-----BEGIN ").and_then(|r| r.strip_suffix("-----")) {
                    open = Some(t);
                }
            }
            Some(t) => {
                if line == format!("-----END {t}-----") {
                    types.push(t.to_string());
                    open = None;
                }
            }
        }
    }
    types
}

/// The Secret `kubectl create secret tls` builds. Like Go's `tls.X509KeyPair` it wants PEM
/// certificate and key blocks; unlike it, it does not parse them or check that they
/// belong together.
pub fn create_secret_tls(a: &CreateSecretTlsArgs, files: &dyn Files) -> Result<Value, String> {
    let cert =
        files.read(&a.cert).map_err(|e| cli::fatal(&format!("Cannot read file {}, open {}: {e}", a.cert, a.cert)))?;
    let key =
        files.read(&a.key).map_err(|e| cli::fatal(&format!("Cannot read file {}, open {}: {e}", a.key, a.key)))?;
    let cert_types = pem_block_types(&cert);
    if !cert_types.iter().any(|t| t == "CERTIFICATE") {
        let msg = match cert_types.as_slice() {
            [] => "tls: failed to find any PEM data in certificate input".to_string(),
            [one] if one.ends_with("PRIVATE KEY") => "tls: failed to find certificate PEM data in certificate input, but did find a private key; PEM inputs may have been switched".to_string(),
            skipped => format!(
                "tls: failed to find \"CERTIFICATE\" PEM block in certificate input after skipping PEM blocks of the following types: [{}]",
                skipped.join(" ")
            ),
        };
        return Err(cli::fatal(&msg));
    }
    let key_types = pem_block_types(&key);
    let is_key = |t: &String| t == "PRIVATE KEY" || t.ends_with(" PRIVATE KEY");
    if !key_types.iter().any(is_key) {
        let msg = match key_types.as_slice() {
            [] => "tls: failed to find any PEM data in key input".to_string(),
            [one] if one == "CERTIFICATE" => {
                "tls: found a certificate rather than a key in the PEM for the private key".to_string()
            }
            skipped => format!(
                "tls: failed to find PEM block with type ending in \"PRIVATE KEY\" in key input after skipping PEM blocks of the following types: [{}]",
                skipped.join(" ")
            ),
        };
        return Err(cli::fatal(&msg));
    }
    let mut data = SecretData(Map::new());
    data.add("tls.crt", &cert).map_err(|e| cli::fatal(&e))?;
    data.add("tls.key", &key).map_err(|e| cli::fatal(&e))?;
    Ok(secret(&a.name, &a.common, "kubernetes.io/tls", data.0, a.append_hash))
}

// ---------------------------------------------------------------------------------------
// run

/// `kubectl run NAME --image=I [--port] [--labels] [--env] [--restart] [--command] [-- args]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunArgs {
    pub common: Common,
    pub name: String,
    pub image: String,
    pub image_pull_policy: String,
    pub port: String,
    pub labels: String,
    pub annotations: Vec<String>,
    pub env: Vec<String>,
    pub restart: String,
    pub command: bool,
    pub args: Vec<String>,
    pub stdin: bool,
    pub tty: bool,
    pub leave_stdin_open: bool,
    pub privileged: bool,
    pub expose: bool,
    /// `--overrides`: a patch applied to the generated Pod.
    pub overrides: String,
    /// `--override-type`: `merge` (default), `json` or `strategic`.
    pub override_type: String,
    /// `--attach` (implied by `-i`): wait for the pod and attach, which needs the cluster.
    pub attach: bool,
    /// `--rm`: delete the pod after it exits.
    pub rm: bool,
}

const RUN_FLAGS: &[Spec] = &[
    DRY_RUN,
    Spec::new("annotations", None, Kind::StringArray),
    Spec::new("image", None, Kind::String),
    Spec::new("image-pull-policy", None, Kind::String),
    Spec::new("rm", None, Kind::Bool),
    Spec::new("env", None, Kind::StringArray),
    Spec::new("port", None, Kind::String),
    Spec::new("labels", Some('l'), Kind::String),
    Spec::new("stdin", Some('i'), Kind::Bool),
    Spec::new("tty", Some('t'), Kind::Bool),
    Spec::new("attach", None, Kind::Bool),
    Spec::new("leave-stdin-open", None, Kind::Bool),
    Spec::new("restart", None, Kind::String),
    Spec::new("command", None, Kind::Bool),
    Spec::new("expose", None, Kind::Bool),
    Spec::new("quiet", Some('q'), Kind::Bool),
    Spec::new("privileged", None, Kind::Bool),
    Spec::new("field-manager", None, Kind::String),
    Spec::new("overrides", None, Kind::String),
    Spec::new("override-type", None, Kind::String),
    Spec::new("save-config", None, Kind::Bool),
    Spec::new("pod-running-timeout", None, Kind::String),
    Spec::new("record", None, Kind::Bool),
    // DeleteFlags, for --rm.
    Spec::new("filename", Some('f'), Kind::StringSlice),
    Spec::new("kustomize", Some('k'), Kind::String),
    Spec::new("recursive", Some('R'), Kind::Bool),
    Spec { name: "cascade", short: None, kind: Kind::String, no_opt: Some("background") },
    Spec::new("grace-period", None, Kind::Int64),
    Spec::new("force", None, Kind::Bool),
    Spec::new("timeout", None, Kind::String),
    Spec::new("wait", None, Kind::Bool),
    Spec::new("all", None, Kind::Bool),
    Spec::new("selector", None, Kind::String),
];

const DRY_RUN: Spec = cli::DRY_RUN_FLAG;

/// Parses `kubectl run`'s words, checking them in kubectl's order.
pub fn parse_run(args: &[String]) -> Result<RunArgs, String> {
    let path = "run";
    let specs = spec_list(RUN_FLAGS, &[cli::PRINT_FLAGS]);
    let p = cli::parse(path, &specs, &["image"], args)?;
    let dry_run = cli::dry_run(&p)?;
    let stdin = p.bool("stdin");
    let attach = if p.changed("attach") { p.bool("attach") } else { stdin };
    let output = cli::output(&p)?;
    if p.args.is_empty() || p.args_len_at_dash == Some(0) {
        return Err(cli::usage_error(path, "NAME is required for run"));
    }
    let image = p.string("image").unwrap_or("").to_string();
    if image.is_empty() {
        return Err(cli::fatal("--image is required"));
    }
    if !validate::image_reference(&image) {
        return Err(cli::fatal(&format!("Invalid image name {}: invalid reference format", go_quote(&image))));
    }
    let tty = p.bool("tty");
    if tty && !stdin {
        return Err(cli::usage_error(path, "-i/--stdin is required for containers with -t/--tty=true"));
    }
    let expose = p.bool("expose");
    let port = p.string("port").unwrap_or("").to_string();
    if expose && port.is_empty() {
        return Err(cli::usage_error(path, "--port must be set when exposing a service"));
    }
    let restart = p.string("restart").unwrap_or("Always").to_string();
    if !restart.is_empty() && !matches!(restart.as_str(), "Always" | "OnFailure" | "Never") {
        return Err(cli::usage_error(path, &format!("invalid restart policy: {restart}")));
    }
    if !attach && p.bool("rm") {
        return Err(cli::usage_error(path, "--rm should only be used for attached containers"));
    }
    if attach && dry_run != DryRun::None {
        return Err(cli::usage_error(
            path,
            "--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)",
        ));
    }
    let pull = p.string("image-pull-policy").unwrap_or("");
    if !matches!(pull, "" | "Always" | "IfNotPresent" | "Never") {
        return Err(cli::usage_error(path, &format!("invalid image pull policy: {pull}")));
    }
    Ok(RunArgs {
        common: Common {
            namespace: p.changed("namespace").then(|| p.string("namespace").unwrap_or("").to_string()),
            dry_run,
            output,
            save_config: p.bool("save-config"),
        },
        name: p.args[0].clone(),
        image,
        image_pull_policy: pull.to_string(),
        port,
        labels: p.string("labels").unwrap_or("").to_string(),
        annotations: p.strings("annotations"),
        env: p.strings("env"),
        restart,
        command: p.bool("command"),
        args: p.args[1..].to_vec(),
        stdin,
        tty,
        leave_stdin_open: p.bool("leave-stdin-open"),
        privileged: p.bool("privileged"),
        expose,
        attach,
        rm: p.bool("rm"),
        overrides: p.string("overrides").unwrap_or("").to_string(),
        override_type: p.string("override-type").unwrap_or("merge").to_string(),
    })
}

/// `generate.ParseLabels`: `k=v,k2=v2`.
fn parse_label_spec(spec: &str) -> Result<Map<String, Value>, String> {
    if spec.is_empty() {
        return Err("no label spec passed".into());
    }
    let mut m = Map::new();
    for item in spec.split(',') {
        let parts: Vec<&str> = item.split('=').collect();
        if parts.len() != 2 {
            return Err(format!("unexpected label spec: {item}"));
        }
        if parts[0].is_empty() {
            return Err("unexpected empty label key".into());
        }
        m.insert(parts[0].to_string(), Value::from(parts[1]));
    }
    Ok(m)
}

/// The Pod `kubectl run` builds (`BasicPod`), with `--overrides` applied.
pub fn run_pod(a: &RunArgs) -> Result<Value, String> {
    let mut envs = Vec::new();
    for e in &a.env {
        match e.split_once('=') {
            Some((k, v)) if !k.is_empty() && validate::env_var_name(k).is_empty() => {
                envs.push(json!({"name": k, "value": v}));
            }
            _ => return Err(cli::fatal(&format!("invalid env: {e}"))),
        }
    }
    let annotations = crate::mutate::parse_pairs(&a.annotations, "annotations", false).map_err(|e| cli::fatal(&e))?.0;
    let labels = if a.labels.is_empty() {
        labels(&[("run", a.name.as_str())])
    } else {
        Value::Object(parse_label_spec(&a.labels).map_err(|e| cli::fatal(&e))?)
    };
    let mut c = Map::new();
    c.insert("name".into(), Value::from(a.name.as_str()));
    c.insert("image".into(), Value::from(a.image.as_str()));
    c.insert("stdin".into(), Value::from(a.stdin));
    c.insert("stdinOnce".into(), Value::from(!a.leave_stdin_open && a.stdin));
    c.insert("tty".into(), Value::from(a.tty));
    if a.privileged {
        c.insert("securityContext".into(), json!({"privileged": true}));
    }
    if !a.args.is_empty() {
        let key = if a.command { "command" } else { "args" };
        c.insert(key.into(), json!(a.args));
    }
    if !envs.is_empty() {
        c.insert("env".into(), Value::Array(envs));
    }
    if !a.image_pull_policy.is_empty() {
        c.insert("imagePullPolicy".into(), Value::from(a.image_pull_policy.as_str()));
    }
    if !a.port.is_empty() {
        let port = parse_go_atoi(&a.port).ok_or_else(|| cli::fatal(&atoi_error(&a.port)))?;
        c.insert("ports".into(), json!([{ "containerPort": port as i32 }]));
    }
    let mut meta = object_meta(&a.name, &a.common);
    meta.insert("labels".into(), labels);
    if !annotations.is_empty() {
        meta.insert("annotations".into(), Value::Object(annotations));
    }
    let restart = if a.restart.is_empty() { "Always" } else { a.restart.as_str() };
    let pod = json!({
        "kind": "Pod",
        "apiVersion": "v1",
        "metadata": meta,
        "spec": {"containers": [c], "dnsPolicy": "ClusterFirst", "restartPolicy": restart},
    });
    let mut pod = typed::normalize(&pod);
    if !a.overrides.is_empty() {
        pod = apply_overrides(&pod, &a.overrides, &a.override_type)?;
    }
    // `kubectl run` records --save-config only when it really creates the pod.
    if a.common.dry_run == DryRun::Client {
        return Ok(pod);
    }
    Ok(with_save_config(pod, &a.common))
}

/// `cmdutil.Overrider.Apply`: patches the generated object and decodes it as its type.
fn apply_overrides(obj: &Value, overrides: &str, override_type: &str) -> Result<Value, String> {
    let patch_type = match override_type {
        "json" => crate::patch::PatchType::Json,
        "merge" => crate::patch::PatchType::Merge,
        "strategic" => crate::patch::PatchType::Strategic,
        other => return Err(cli::fatal(&format!("invalid override type: {other}"))),
    };
    let patch: Value = serde_json::from_str(overrides).map_err(|_| cli::fatal("invalid JSON document"))?;
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("");
    let patched = crate::patch::apply_patch(kind, obj, &patch, patch_type).map_err(|e| cli::fatal(&e))?;
    Ok(typed::normalize(&patched))
}

/// The Service `kubectl run --expose` builds beside the Pod (`ServiceGeneratorV2`).
pub fn run_service(a: &RunArgs) -> Result<Value, String> {
    let selector_spec = if a.labels.is_empty() { format!("run={}", a.name) } else { a.labels.clone() };
    let selector = parse_label_spec(&selector_spec).map_err(|e| cli::fatal(&e))?;
    let mut meta = Map::new();
    meta.insert("name".into(), Value::from(a.name.as_str()));
    if !a.labels.is_empty() {
        meta.insert("labels".into(), Value::Object(parse_label_spec(&a.labels).map_err(|e| cli::fatal(&e))?));
    }
    if let Some(ns) = &a.common.namespace {
        meta.insert("namespace".into(), Value::from(ns.as_str()));
    }
    let mut ports = Vec::new();
    for p in a.port.split(',') {
        let port = parse_go_atoi(p).ok_or_else(|| cli::fatal(&atoi_error(p)))?;
        ports.push(json!({"protocol": "TCP", "port": port as i32, "targetPort": port as i32}));
    }
    let svc = json!({
        "kind": "Service",
        "apiVersion": "v1",
        "metadata": meta,
        "spec": {"ports": ports, "selector": selector},
    });
    Ok(typed::normalize(&svc))
}

/// What `kubectl run --dry-run=client` prints: the objects in order, formatted for `-o`
/// (`template` prints `-o jsonpath=…` and the other template formats).
pub fn run_output(a: &RunArgs, template: cli::TemplatePrinter) -> Result<String, String> {
    let pod = run_pod(a)?;
    let mut out = String::new();
    let yaml = a.common.output == Output::Yaml;
    let print = |obj: &Value| cli::print_object(obj, &a.common.output, "created", a.common.dry_run, true, template);
    if a.expose {
        let svc = run_service(a)?;
        out.push_str(&print(&svc)?);
        if yaml {
            // kubectl's own separator, then its YAML printer's before the second object.
            out.push_str("---\n---\n");
        }
    }
    out.push_str(&print(&pod)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[test]
    fn deployment_errors_read_like_kubectl() {
        assert_eq!(
            parse_create_deployment(&words("web --dry-run=client")).unwrap_err(),
            "error: required flag(s) \"image\" not set"
        );
        assert_eq!(
            parse_create_deployment(&words("--image=nginx")).unwrap_err(),
            "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples"
        );
    }

    #[test]
    fn container_names_from_images() {
        let mut r = || "abcde".to_string();
        assert_eq!(container_name_for_image("registry.k8s.io/nginx:1.25", &mut r), "nginx");
        assert_eq!(container_name_for_image("my_app:v1@sha256:abc", &mut r), "my-app-abcde");
    }
}
