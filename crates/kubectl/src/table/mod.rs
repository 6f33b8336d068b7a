//! `kubectl get` tables: the columns the API server's table convertor produces for each kind
//! (kubernetes `pkg/printers/internalversion/printers.go`), decorated and aligned the way kubectl's
//! `HumanReadablePrinter` does it (`cli-runtime/pkg/printers/tableprinter.go`).
//!
//! The server always builds the wide table; kubectl hides columns with a priority unless `-o wide` is given.
//! Each kind's module returns every cell of a row, and [`print_table`] filters, decorates and aligns.

mod apps;
mod batch;
mod core;
mod dynamic;
mod event;
pub(crate) mod format;
pub use format::int_or_string;
mod networking;
mod node;
pub use node::node_roles;
mod pod;
pub use pod::PodSummary;
mod service;
pub(crate) use service::join_host_port;
mod storage;
pub(crate) use storage::access_modes;
pub mod tabwriter;

use std::sync::Arc;

use kubeplay_engine::{Object, SimTime};

/// How `kubectl get` was asked to print.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableOptions {
    /// `-o wide`: also the columns the server marks with a priority.
    pub wide: bool,
    /// `--show-labels`: a last `LABELS` column.
    pub show_labels: bool,
    /// `-L KEY`: one column per label key, headed by the key's last path segment in upper case.
    pub label_columns: Vec<String>,
    /// `--no-headers`.
    pub no_headers: bool,
    /// `-A`: a first `NAMESPACE` column (never for cluster-scoped kinds, as kubectl decides per resource).
    pub with_namespace: bool,
    /// Names as `kind.group/name`, as kubectl prints them when several kinds were asked for.
    pub show_kind: bool,
}

/// One column of a kind's table, as the server defines it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Column {
    pub name: &'static str,
    /// Shown only with `-o wide`.
    pub wide: bool,
    /// The object's name (`format: name`), which `show_kind` prefixes.
    pub is_name: bool,
}

pub(crate) const fn col(name: &'static str) -> Column {
    Column { name, wide: false, is_name: false }
}

pub(crate) const fn wide(name: &'static str) -> Column {
    Column { name, wide: true, is_name: false }
}

pub(crate) const NAME: Column = Column { name: "Name", wide: false, is_name: true };

/// Builds all cells of one object's row; `None` when the object is not of the printer's kind.
pub(crate) type RowFn = fn(&Object, SimTime) -> Option<Vec<String>>;

/// A kind's columns and its row builder.
#[derive(Clone, Copy)]
pub(crate) struct Printer {
    pub columns: &'static [Column],
    pub row: RowFn,
}

/// kubectl's READY, STATUS and RESTARTS cells for a pod; the browser's pod chips show the same words.
pub fn pod_summary(pod: &k8s_openapi::api::core::v1::Pod, now: SimTime) -> PodSummary {
    pod::summarize(pod, now)
}

/// The table for a list of objects of one kind, as kubectl prints it (with a trailing newline), or the empty
/// string when there are none (the caller then prints [`no_resources_message`] on stderr).
pub fn print_table(objects: &[Arc<Object>], now: SimTime, opts: &TableOptions) -> String {
    let Some(first) = objects.first() else {
        return String::new();
    };
    let printer = printer_for(first);
    // The namespace column is dropped for cluster-scoped kinds (kubectl's get.go decides per mapping).
    let namespaced = match first.kind_info() {
        Some(info) => info.namespaced,
        None => !first.namespace().is_empty(),
    };
    let with_namespace = opts.with_namespace && namespaced;
    let kind_prefix = opts.show_kind.then(|| qualified_kind(first));

    let visible: Vec<usize> = (0..printer.columns.len()).filter(|&i| opts.wide || !printer.columns[i].wide).collect();
    let mut text = String::new();
    if !opts.no_headers {
        let mut headers: Vec<String> = Vec::new();
        if with_namespace {
            headers.push("NAMESPACE".to_string());
        }
        headers.extend(visible.iter().map(|&i| printer.columns[i].name.to_uppercase()));
        for key in &opts.label_columns {
            headers.push(key.rsplit('/').next().unwrap_or(key).to_uppercase());
        }
        if opts.show_labels {
            headers.push("LABELS".to_string());
        }
        push_row(&mut text, &headers);
    }
    for obj in objects {
        let cells = (printer.row)(obj, now).unwrap_or_else(|| fallback_cells(obj, printer.columns.len()));
        let mut row: Vec<String> = Vec::new();
        if with_namespace {
            row.push(obj.namespace().to_string());
        }
        for &i in &visible {
            let cell = cells.get(i).map(String::as_str).unwrap_or("");
            match (&kind_prefix, printer.columns[i].is_name) {
                (Some(kind), true) => row.push(format!("{kind}/{cell}")),
                _ => row.push(cell.to_string()),
            }
        }
        for key in &opts.label_columns {
            row.push(obj.labels().and_then(|l| l.get(key)).cloned().unwrap_or_default());
        }
        if opts.show_labels {
            row.push(format::format_labels(obj.labels()));
        }
        push_row(&mut text, &row.iter().map(|c| sanitize_cell(c)).collect::<Vec<_>>());
    }
    tabwriter::align(&text, tabwriter::TABLE)
}

/// What `kubectl get` prints on stderr when nothing matched: `No resources found in default namespace.` for
/// a namespaced request, `No resources found` otherwise (cluster-scoped kinds, `-A`).
pub fn no_resources_message(namespace: Option<&str>) -> String {
    match namespace {
        Some(ns) => format!("No resources found in {ns} namespace."),
        None => "No resources found".to_string(),
    }
}

fn push_row(text: &mut String, cells: &[String]) {
    text.push_str(&cells.join("\t"));
    text.push('\n');
}

/// kubectl cuts a cell at its first line break (adding `...`) and escapes terminal control characters.
fn sanitize_cell(cell: &str) -> String {
    let (head, cut) = match cell.find(['\n', '\r', '\x0c']) {
        Some(i) => (&cell[..i], true),
        None => (cell, false),
    };
    let mut out = head.replace('\x1b', "^[");
    if cut {
        out.push_str("...");
    }
    out
}

/// `deployment.apps`, `pod`: the lower-cased `Kind.group` kubectl puts before names.
fn qualified_kind(obj: &Object) -> String {
    let gk = obj.group_kind();
    if gk.group.is_empty() { gk.kind.to_lowercase() } else { format!("{}.{}", gk.kind, gk.group).to_lowercase() }
}

/// A row for an object the printer did not expect (a list that mixes kinds): its name, the rest empty.
fn fallback_cells(obj: &Object, len: usize) -> Vec<String> {
    let mut cells = vec![String::new(); len];
    if let Some(first) = cells.first_mut() {
        *first = obj.name().to_string();
    }
    cells
}

/// The printer the API server uses for this object's kind.
pub(crate) fn printer_for(obj: &Object) -> Printer {
    match obj {
        Object::Pod(_) => pod::PRINTER,
        Object::ReplicaSet(_) => apps::REPLICA_SET,
        Object::Deployment(_) => apps::DEPLOYMENT,
        Object::DaemonSet(_) => apps::DAEMON_SET,
        Object::StatefulSet(_) => apps::STATEFUL_SET,
        Object::ControllerRevision(_) => apps::CONTROLLER_REVISION,
        Object::Job(_) => batch::JOB,
        Object::CronJob(_) => batch::CRON_JOB,
        Object::Node(_) => node::PRINTER,
        Object::Namespace(_) => core::NAMESPACE,
        Object::ConfigMap(_) => core::CONFIG_MAP,
        Object::Secret(_) => core::SECRET,
        Object::ServiceAccount(_) => core::SERVICE_ACCOUNT,
        Object::Service(_) => service::SERVICE,
        Object::Endpoints(_) => service::ENDPOINTS,
        Object::EndpointSlice(_) => service::ENDPOINT_SLICE,
        Object::Event(_) => event::PRINTER,
        Object::Ingress(_) => networking::INGRESS,
        Object::IngressClass(_) => networking::INGRESS_CLASS,
        Object::HorizontalPodAutoscaler(_) => core::HPA,
        Object::PersistentVolumeClaim(_) => storage::PVC,
        Object::PersistentVolume(_) => storage::PV,
        Object::StorageClass(_) => storage::STORAGE_CLASS,
        Object::Lease(_) => core::LEASE,
        Object::PriorityClass(_) => core::PRIORITY_CLASS,
        Object::Dynamic(_) => dynamic::printer_for(obj),
    }
}

/// The `AGE` cell of any object.
pub(crate) fn age(obj: &Object, now: SimTime) -> String {
    format::since(now, obj.meta().creation_timestamp.as_ref())
}

/// `layoutContainerCells`: container names and images, comma-separated.
pub(crate) fn container_cells(containers: &[k8s_openapi::api::core::v1::Container]) -> (String, String) {
    let names = containers.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(",");
    let images = containers.iter().map(|c| c.image.as_deref().unwrap_or("")).collect::<Vec<_>>().join(",");
    (names, images)
}

#[cfg(test)]
mod tests;
