//! What every kubectl verb shares: the print and dry-run flags, the `-n` namespace, and
//! how cobra and `cmdutil.CheckErr` word errors.

use serde_json::Value;

use crate::flags::{self, Kind, Parsed, Spec};

/// `--dry-run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

/// `-o`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Output {
    /// No `-o`: the verb's one-line message (`deployment.apps/web created`).
    Default,
    Json,
    Yaml,
    Name,
    /// A format kubectl accepts that another printer handles (`jsonpath=…`,
    /// `go-template=…`, `kyaml`), passed through as written.
    Other(String),
}

/// Prints an object for an [`Output::Other`] format (`jsonpath=…`, `go-template=…`):
/// given the `-o` value as written and the object, returns the text or the error.
pub type TemplatePrinter<'a> = &'a dyn Fn(&str, &Value) -> Result<String, String>;

/// A [`TemplatePrinter`] for callers without template support.
pub fn no_templates(format: &str, _: &Value) -> Result<String, String> {
    Err(fatal(&format!("kubeplay: -o {format} is not supported here")))
}

/// Prints one object for `-o`, or the verb's one-line message. `typed_order` chooses Go
/// struct field order for JSON (objects kubectl built itself) over sorted keys.
pub fn print_object(
    obj: &Value,
    output: &Output,
    operation: &str,
    dry_run: DryRun,
    typed_order: bool,
    template: TemplatePrinter,
) -> Result<String, String> {
    Ok(match output {
        Output::Json if typed_order => crate::format::to_json(obj),
        Output::Json => crate::format::to_json_sorted(obj),
        Output::Yaml => crate::format::to_yaml(obj),
        Output::Name => format!("{}\n", name_ref(obj)),
        Output::Default => operation_line(obj, operation, dry_run),
        Output::Other(o) => template(o, obj)?,
    })
}

/// The flags and settings shared by the verbs that build or change objects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Common {
    /// `-n`, when given (kubectl's `EnforceNamespace`).
    pub namespace: Option<String>,
    pub dry_run: DryRun,
    pub output: Output,
    /// `--save-config`.
    pub save_config: bool,
}

/// The print flags (`PrintFlags.AddFlags`).
pub const PRINT_FLAGS: &[Spec] = &[
    Spec::new("output", Some('o'), Kind::String),
    Spec::new("template", None, Kind::String),
    Spec::new("show-managed-fields", None, Kind::Bool),
    Spec::new("allow-missing-template-keys", None, Kind::Bool),
];

/// `--dry-run`, whose bare form means the deprecated `unchanged`.
pub const DRY_RUN_FLAG: Spec = Spec { name: "dry-run", short: None, kind: Kind::String, no_opt: Some("unchanged") };

/// `--validate`, whose bare form means `strict`.
pub const VALIDATE_FLAG: Spec = Spec { name: "validate", short: None, kind: Kind::String, no_opt: Some("strict") };

/// The flags `kubectl create <generator>` adds besides its own.
pub const CREATE_FLAGS: &[Spec] = &[
    Spec::new("save-config", None, Kind::Bool),
    VALIDATE_FLAG,
    DRY_RUN_FLAG,
    Spec::new("field-manager", None, Kind::String),
];

/// The formats kubectl's `PrintFlags` knows, in its error message's order.
const ALLOWED_FORMATS: &str =
    "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,kyaml,name,template,templatefile,yaml";

/// The error text `cmdutil.CheckErr` prints: `error: ` and the message.
pub fn fatal(msg: &str) -> String {
    if msg.starts_with("error: ") { msg.to_string() } else { format!("error: {msg}") }
}

/// A flag error as cobra prints it.
pub fn flag_error(path: &str, msg: &str) -> String {
    format!("error: {msg}\nSee 'kubectl {path} --help' for usage.")
}

/// A usage error (`cmdutil.UsageErrorf`).
pub fn usage_error(path: &str, msg: &str) -> String {
    format!("error: {msg}\nSee 'kubectl {path} -h' for help and examples")
}

/// Parses flags as cobra does before running a command: flag syntax, then required flags.
pub fn parse(path: &str, specs: &[Spec], required: &[&str], args: &[String]) -> Result<Parsed, String> {
    let p = flags::parse(specs, args).map_err(|e| flag_error(path, &e))?;
    let missing: Vec<String> = required.iter().filter(|r| !p.changed(r)).map(|r| format!("\"{r}\"")).collect();
    if !missing.is_empty() {
        return Err(fatal(&format!("required flag(s) {} not set", missing.join(", "))));
    }
    Ok(p)
}

/// `NameFromCommandArgs`: exactly one positional argument before `--`.
pub fn name_from_args(path: &str, p: &Parsed) -> Result<String, String> {
    let n = p.args_len_at_dash.unwrap_or(p.args.len());
    if n != 1 {
        return Err(usage_error(path, &format!("exactly one NAME is required, got {n}")));
    }
    Ok(p.args[0].clone())
}

/// `GetDryRunStrategy`.
pub fn dry_run(p: &Parsed) -> Result<DryRun, String> {
    match p.string("dry-run").unwrap_or("none") {
        "" | "none" => Ok(DryRun::None),
        // The bare flag is deprecated; kubectl warns (with a timestamped klog line) and
        // treats it as client.
        "client" | "unchanged" => Ok(DryRun::Client),
        "server" => Ok(DryRun::Server),
        other => Err(fatal(&format!("Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."))),
    }
}

/// `PrintFlags.ToPrinter`'s check of `-o`.
pub fn output(p: &Parsed) -> Result<Output, String> {
    let o = p.string("output").unwrap_or("");
    let template = o.split_once('=').map_or(o, |(f, _)| f);
    match o {
        "" => Ok(Output::Default),
        "json" => Ok(Output::Json),
        "yaml" => Ok(Output::Yaml),
        "name" => Ok(Output::Name),
        "kyaml" | "go-template" | "go-template-file" | "jsonpath" | "jsonpath-as-json" | "jsonpath-file"
        | "template" | "templatefile" => Ok(Output::Other(o.to_string())),
        _ if matches!(
            template,
            "go-template"
                | "go-template-file"
                | "jsonpath"
                | "jsonpath-as-json"
                | "jsonpath-file"
                | "template"
                | "templatefile"
        ) =>
        {
            Ok(Output::Other(o.to_string()))
        }
        _ => Err(fatal(&format!(
            "unable to match a printer suitable for the output format \"{o}\", allowed formats are: {ALLOWED_FORMATS}"
        ))),
    }
}

/// The settings every create-like verb reads in `Complete`, in kubectl's order.
pub fn common(p: &Parsed) -> Result<Common, String> {
    let dry_run = dry_run(p)?;
    let output = output(p)?;
    Ok(Common {
        namespace: p.changed("namespace").then(|| p.string("namespace").unwrap_or("").to_string()),
        dry_run,
        output,
        save_config: p.bool("save-config"),
    })
}

/// `kind.group/name`, as `-o name` and the one-line messages print an object.
pub fn name_ref(obj: &Value) -> String {
    let kind = obj.get("kind").and_then(Value::as_str).unwrap_or("").to_ascii_lowercase();
    let api_version = obj.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let group = api_version.split_once('/').map_or("", |(g, _)| g);
    let name = obj.pointer("/metadata/name").and_then(Value::as_str).unwrap_or("");
    if group.is_empty() { format!("{kind}/{name}") } else { format!("{kind}.{group}/{name}") }
}

/// The one-line message kubectl prints without `-o` (`deployment.apps/web created (dry run)`).
pub fn operation_line(obj: &Value, operation: &str, dry_run: DryRun) -> String {
    let suffix = match dry_run {
        DryRun::None => "",
        DryRun::Client => " (dry run)",
        DryRun::Server => " (server dry run)",
    };
    format!("{} {operation}{suffix}\n", name_ref(obj))
}
