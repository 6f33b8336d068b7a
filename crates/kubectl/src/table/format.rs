//! Formatting that tables and describers share: ages, label maps, label selectors, timestamps.

use std::collections::BTreeMap;

use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, MicroTime, Time};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use k8s_openapi::jiff::Timestamp;
use kubeplay_engine::SimTime;
use kubeplay_engine::time::{EPOCH_UNIX_SECONDS, human_duration};

/// Milliseconds since the Unix epoch of a point in simulated time.
pub(crate) fn unix_millis(now: SimTime) -> i64 {
    (EPOCH_UNIX_SECONDS * 1000).saturating_add(i64::try_from(now.millis()).unwrap_or(i64::MAX))
}

/// Go's `duration.HumanDuration(to - from)`: truncated seconds, `0s` for up to a second in the future (clock
/// skew), `<invalid>` beyond that.
pub(crate) fn human_between(from_ms: i64, to_ms: i64) -> String {
    let diff = to_ms.saturating_sub(from_ms);
    let seconds = diff / 1000;
    if seconds < -1 {
        "<invalid>".to_string()
    } else if diff < 0 {
        "0s".to_string()
    } else {
        human_duration(diff as u64)
    }
}

/// kubectl's `translateTimestampSince`: the age of a timestamp, `<unknown>` when it is unset.
pub(crate) fn since(now: SimTime, ts: Option<&Time>) -> String {
    match ts {
        Some(t) => since_timestamp(now, &t.0),
        None => "<unknown>".to_string(),
    }
}

/// `translateMicroTimestampSince`, for event times and series.
pub(crate) fn since_micro(now: SimTime, ts: Option<&MicroTime>) -> String {
    match ts {
        Some(t) => since_timestamp(now, &t.0),
        None => "<unknown>".to_string(),
    }
}

pub(crate) fn since_timestamp(now: SimTime, ts: &Timestamp) -> String {
    human_between(ts.as_millisecond(), unix_millis(now))
}

/// `labels.FormatLabels`: `k=v` pairs sorted by key, or `<none>`.
pub(crate) fn format_labels(labels: Option<&BTreeMap<String, String>>) -> String {
    match labels {
        Some(map) if !map.is_empty() => map.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","),
        _ => "<none>".to_string(),
    }
}

/// `metav1.LabelSelectorAsSelector(s).String()`: requirements sorted by key, set-based ones as
/// `key in (a,b)`. A missing selector selects nothing and prints as the empty string. Fails on an operator
/// the API does not know or on values an operator cannot take.
pub(crate) fn selector_string(selector: Option<&LabelSelector>) -> Result<String, ()> {
    let Some(selector) = selector else {
        return Ok(String::new());
    };
    let mut requirements: Vec<(String, String)> = Vec::new();
    for (key, value) in selector.match_labels.iter().flatten() {
        requirements.push((key.clone(), format!("{key}={value}")));
    }
    for expr in selector.match_expressions.iter().flatten() {
        let key = &expr.key;
        let mut values: Vec<&str> = expr.values.iter().flatten().map(String::as_str).collect();
        values.sort_unstable();
        let text = match expr.operator.as_str() {
            "In" | "NotIn" => {
                if values.is_empty() {
                    return Err(());
                }
                let op = if expr.operator == "In" { "in" } else { "notin" };
                format!("{key} {op} ({})", values.join(","))
            }
            "Exists" | "DoesNotExist" => {
                if !values.is_empty() {
                    return Err(());
                }
                if expr.operator == "Exists" { key.clone() } else { format!("!{key}") }
            }
            _ => return Err(()),
        };
        requirements.push((key.clone(), text));
    }
    requirements.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(requirements.into_iter().map(|(_, text)| text).collect::<Vec<_>>().join(","))
}

/// `metav1.FormatLabelSelector`: like [`selector_string`] but `<none>` when empty and `<error>` when invalid.
pub(crate) fn format_label_selector(selector: Option<&LabelSelector>) -> String {
    match selector_string(selector) {
        Ok(s) if s.is_empty() => "<none>".to_string(),
        Ok(s) => s,
        Err(()) => "<error>".to_string(),
    }
}

/// `IntOrString.String()`.
pub fn int_or_string(value: &IntOrString) -> String {
    match value {
        IntOrString::Int(i) => i.to_string(),
        IntOrString::String(s) => s.clone(),
    }
}

const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Go's `time.RFC1123Z` layout in UTC (`Thu, 01 Jan 2026 00:00:05 +0000`), as describers print times.
/// An unset time prints as Go's zero time.
pub(crate) fn rfc1123z(ts: Option<&Timestamp>) -> String {
    let Some(ts) = ts else {
        return "Mon, 01 Jan 0001 00:00:00 +0000".to_string();
    };
    let secs = ts.as_second();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let weekday = WEEKDAYS[(days + 4).rem_euclid(7) as usize];
    format!(
        "{weekday}, {d:02} {} {y:04} {:02}:{:02}:{:02} +0000",
        MONTHS[(m - 1) as usize],
        rem / 3600,
        (rem % 3600) / 60,
        rem % 60
    )
}

/// Go's `time.RFC3339` in UTC (`2026-01-01T00:00:00Z`), as the API server's default table prints
/// `CREATED AT`.
pub(crate) fn rfc3339(ts: &Timestamp) -> String {
    let secs = ts.as_second();
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelectorRequirement;

    #[test]
    fn selectors_print_like_apimachinery() {
        let sel = LabelSelector {
            match_labels: Some([("tier".to_string(), "web".to_string())].into()),
            match_expressions: Some(vec![
                LabelSelectorRequirement {
                    key: "app".into(),
                    operator: "In".into(),
                    values: Some(vec!["b".into(), "a".into()]),
                },
                LabelSelectorRequirement { key: "zone".into(), operator: "DoesNotExist".into(), values: None },
            ]),
        };
        assert_eq!(format_label_selector(Some(&sel)), "app in (a,b),tier=web,!zone");
        assert_eq!(format_label_selector(Some(&LabelSelector::default())), "<none>");
        assert_eq!(format_label_selector(None), "<none>");
    }

    #[test]
    fn timestamps_use_go_layouts() {
        let ts = SimTime::from_secs(5).to_timestamp();
        assert_eq!(rfc1123z(Some(&ts)), "Thu, 01 Jan 2026 00:00:05 +0000");
        assert_eq!(rfc3339(&ts), "2026-01-01T00:00:05Z");
    }

    #[test]
    fn ages_tolerate_a_little_clock_skew() {
        assert_eq!(human_between(10_500, 10_000), "0s");
        assert_eq!(human_between(20_000, 10_000), "<invalid>");
        assert_eq!(human_between(0, 130_000), "2m10s");
    }
}
