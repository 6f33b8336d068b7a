//! Simulated time: integer milliseconds since the cluster's epoch, Go-style durations, RFC 3339 rendering.
//!
//! The simulated clock starts at 2026-01-01T00:00:00Z (the contract's epoch). Nothing in the engine reads
//! the wall clock; every timestamp an object carries is derived from [`SimTime`].

use std::fmt;

/// Seconds from 1970-01-01T00:00:00Z to the simulation's epoch, 2026-01-01T00:00:00Z.
pub const EPOCH_UNIX_SECONDS: i64 = 1_767_225_600;

/// A point in simulated time: milliseconds since the simulation's epoch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SimTime(pub u64);

impl SimTime {
    pub const ZERO: SimTime = SimTime(0);

    pub fn from_secs(secs: u64) -> SimTime {
        SimTime(secs * 1000)
    }

    pub fn millis(self) -> u64 {
        self.0
    }

    pub fn plus_millis(self, ms: u64) -> SimTime {
        SimTime(self.0.saturating_add(ms))
    }

    pub fn plus_secs(self, secs: u64) -> SimTime {
        self.plus_millis(secs.saturating_mul(1000))
    }

    /// Milliseconds from `earlier` to `self`, zero if `earlier` is later.
    pub fn since(self, earlier: SimTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }

    /// Seconds since the Unix epoch (truncated), as API timestamps store them.
    pub fn unix_seconds(self) -> i64 {
        EPOCH_UNIX_SECONDS + (self.0 / 1000) as i64
    }

    pub fn unix_nanos(self) -> i128 {
        (EPOCH_UNIX_SECONDS as i128) * 1_000_000_000 + (self.0 as i128) * 1_000_000
    }

    /// The second-precision timestamp the API server writes (`2026-01-01T00:00:05Z`).
    pub fn to_timestamp(self) -> k8s_openapi::jiff::Timestamp {
        k8s_openapi::jiff::Timestamp::from_second(self.unix_seconds()).unwrap_or_default()
    }

    /// A microsecond-precision timestamp (`MicroTime`), as events and leases carry.
    pub fn to_micro_timestamp(self) -> k8s_openapi::jiff::Timestamp {
        let nanos = self.unix_nanos();
        k8s_openapi::jiff::Timestamp::from_nanosecond(nanos).unwrap_or_default()
    }

    /// Converts an API timestamp back into simulated time (clamped at the epoch).
    pub fn from_timestamp(ts: &k8s_openapi::jiff::Timestamp) -> SimTime {
        let ms = ts.as_millisecond() - EPOCH_UNIX_SECONDS * 1000;
        SimTime(ms.max(0) as u64)
    }

    /// RFC 3339 at second precision, like Go's `time.RFC3339` in UTC.
    pub fn rfc3339(self) -> String {
        let secs = self.unix_seconds();
        let days = secs.div_euclid(86_400);
        let rem = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!("{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z", rem / 3600, (rem % 3600) / 60, rem % 60)
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Parses a Go duration (`300ms`, `10s`, `1m30s`, `1h30m`); a bare number means seconds.
/// Returns milliseconds.
pub fn parse_duration(s: &str) -> Result<u64, String> {
    let s = s.trim();
    if s.is_empty() {
        return Err(format!("time: invalid duration {s:?}"));
    }
    if let Ok(n) = s.parse::<u64>() {
        return n.checked_mul(1000).ok_or_else(|| format!("time: invalid duration {s:?}"));
    }
    if let Ok(f) = s.parse::<f64>() {
        if f.is_finite() && (0.0..1e12).contains(&f) {
            return Ok((f * 1000.0).round() as u64);
        }
        return Err(format!("time: invalid duration {s:?}"));
    }
    let bytes = s.as_bytes();
    let mut i = 0;
    let mut total: f64 = 0.0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        if start == i {
            return Err(format!("time: invalid duration {s:?}"));
        }
        let num: f64 = s[start..i].parse().map_err(|_| format!("time: invalid duration {s:?}"))?;
        let ustart = i;
        while i < bytes.len() && !(bytes[i].is_ascii_digit() || bytes[i] == b'.') {
            i += 1;
        }
        let unit_ms = match &s[ustart..i] {
            "ns" => 1e-6,
            "us" | "µs" => 1e-3,
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "" => return Err(format!("time: missing unit in duration {s:?}")),
            u => return Err(format!("time: unknown unit {u:?} in duration {s:?}")),
        };
        total += num * unit_ms;
    }
    if !(0.0..1e15).contains(&total) {
        return Err(format!("time: invalid duration {s:?}"));
    }
    Ok(total.round() as u64)
}

/// kubectl's `duration.HumanDuration`, as the AGE column prints it.
/// (k8s.io/apimachinery/pkg/util/duration/duration.go)
pub fn human_duration(ms: u64) -> String {
    let seconds = (ms / 1000) as i64;
    if seconds < 0 {
        return "<invalid>".into();
    }
    if seconds < 60 * 2 {
        return format!("{seconds}s");
    }
    let minutes = seconds / 60;
    if minutes < 10 {
        let s = seconds % 60;
        if s == 0 {
            return format!("{minutes}m");
        }
        return format!("{minutes}m{s}s");
    }
    if minutes < 60 * 3 {
        return format!("{minutes}m");
    }
    let hours = minutes / 60;
    if hours < 8 {
        let m = minutes % 60;
        if m == 0 {
            return format!("{hours}h");
        }
        return format!("{hours}h{m}m");
    }
    if hours < 48 {
        return format!("{hours}h");
    }
    if hours < 24 * 8 {
        let h = hours % 24;
        if h == 0 {
            return format!("{}d", hours / 24);
        }
        return format!("{}d{h}h", hours / 24);
    }
    if hours < 24 * 365 * 2 {
        return format!("{}d", hours / 24);
    }
    if hours < 24 * 365 * 8 {
        let dy = (hours / 24) % 365;
        if dy == 0 {
            return format!("{}y", hours / 24 / 365);
        }
        return format!("{}y{dy}d", hours / 24 / 365);
    }
    format!("{}y", hours / 24 / 365)
}

/// Go's `time.Duration.String()` rounded as kubectl prints waits and pull times (`2.5s`, `1m30s`).
pub fn go_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let h = ms / 3_600_000;
    let m = (ms % 3_600_000) / 60_000;
    let s_ms = ms % 60_000;
    let secs = if s_ms.is_multiple_of(1000) {
        format!("{}s", s_ms / 1000)
    } else {
        let mut frac = format!("{:03}", s_ms % 1000);
        while frac.ends_with('0') {
            frac.pop();
        }
        format!("{}.{frac}s", s_ms / 1000)
    };
    if h > 0 {
        format!("{h}h{m}m{secs}")
    } else if m > 0 {
        format!("{m}m{secs}")
    } else {
        secs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_renders_as_the_contract_says() {
        assert_eq!(SimTime::ZERO.rfc3339(), "2026-01-01T00:00:00Z");
        assert_eq!(SimTime::from_secs(86_400 * 59 + 3661).rfc3339(), "2026-03-01T01:01:01Z");
    }

    #[test]
    fn go_durations_parse() {
        assert_eq!(parse_duration("30"), Ok(30_000));
        assert_eq!(parse_duration("30s"), Ok(30_000));
        assert_eq!(parse_duration("2m"), Ok(120_000));
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000));
        assert_eq!(parse_duration("300ms"), Ok(300));
        assert_eq!(parse_duration("1.5s"), Ok(1500));
        assert!(parse_duration("10x").is_err());
        assert!(parse_duration("").is_err());
        assert!(parse_duration("s").is_err());
    }

    // Cases from k8s.io/apimachinery/pkg/util/duration/duration_test.go (TestHumanDuration).
    #[test]
    fn human_duration_matches_apimachinery() {
        let cases: &[(u64, &str)] = &[
            (1, "1s"),
            (70, "70s"),
            (190, "3m10s"),
            (70 * 60, "70m"),
            (47 * 3600, "47h"),
            (49 * 3600, "2d1h"),
            ((8 * 24 + 2) * 3600, "8d"),
            (367 * 24 * 3600, "367d"),
            ((365 * 2 + 10) * 24 * 3600, "2y10d"),
            ((365 * 8 + 10) * 24 * 3600, "8y"),
            (119, "119s"),
            (120, "2m"),
            (600, "10m"),
            (3 * 3600, "3h"),
            (3 * 3600 + 60, "3h1m"),
        ];
        for (secs, want) in cases {
            assert_eq!(human_duration(secs * 1000), *want, "{secs}s");
        }
    }

    #[test]
    fn go_duration_strings() {
        assert_eq!(go_duration(2500), "2.5s");
        assert_eq!(go_duration(90_000), "1m30s");
        assert_eq!(go_duration(120), "120ms");
    }
}
