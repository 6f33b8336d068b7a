//! The `kubectl get events` table (`printEvent`): LAST SEEN, TYPE, REASON, OBJECT, MESSAGE, and with
//! `-o wide` SUBOBJECT, SOURCE, FIRST SEEN, COUNT and NAME.

use k8s_openapi::api::core::v1::Event;
use kubeplay_engine::{Object, SimTime};

use super::{Column, Printer, col, format, wide};

pub(crate) const PRINTER: Printer = Printer { columns: COLUMNS, row };

const COLUMNS: &[Column] = &[
    col("Last Seen"),
    col("Type"),
    col("Reason"),
    col("Object"),
    wide("Subobject"),
    wide("Source"),
    col("Message"),
    wide("First Seen"),
    wide("Count"),
    Column { name: "Name", wide: true, is_name: true },
];

/// `formatEventSource`: the component (or reporting controller), then `, host` when there is one.
pub(crate) fn event_source(event: &Event) -> String {
    let source = event.source.as_ref();
    let component = source
        .and_then(|s| s.component.clone())
        .filter(|c| !c.is_empty())
        .or_else(|| event.reporting_component.clone())
        .unwrap_or_default();
    let host = source
        .and_then(|s| s.host.clone())
        .filter(|h| !h.is_empty())
        .or_else(|| event.reporting_instance.clone())
        .unwrap_or_default();
    if host.is_empty() { component } else { format!("{component}, {host}") }
}

fn row(obj: &Object, now: SimTime) -> Option<Vec<String>> {
    let event = obj.as_event()?;
    let first_seen = match event.first_timestamp.as_ref() {
        Some(t) => format::since(now, Some(t)),
        None => format::since_micro(now, event.event_time.as_ref()),
    };
    let mut last_seen = match event.last_timestamp.as_ref() {
        Some(t) => format::since(now, Some(t)),
        None => first_seen.clone(),
    };
    let mut count = event.count.unwrap_or(0);
    if let Some(series) = event.series.as_ref() {
        last_seen = format::since_micro(now, series.last_observed_time.as_ref());
        count = series.count.unwrap_or(0);
    } else if count == 0 {
        count = 1;
    }
    let involved = &event.involved_object;
    let kind = involved.kind.clone().unwrap_or_default().to_lowercase();
    let target = match involved.name.as_deref().filter(|n| !n.is_empty()) {
        Some(name) => format!("{kind}/{name}"),
        None => kind,
    };
    Some(vec![
        last_seen,
        event.type_.clone().unwrap_or_default(),
        event.reason.clone().unwrap_or_default(),
        target,
        involved.field_path.clone().unwrap_or_default(),
        event_source(event),
        event.message.as_deref().unwrap_or("").trim().to_string(),
        first_seen,
        count.to_string(),
        obj.name().to_string(),
    ])
}
