//! Numbers as the views print them: CPU in millicores or cores, memory in binary units, the clock.

use kubeplay_engine::SimTime;

/// `250m`, `1.5`, `4` — kubectl's way of writing CPU.
pub fn cpu(milli: i64) -> String {
    if milli % 1000 == 0 {
        format!("{}", milli / 1000)
    } else if milli < 1000 {
        format!("{milli}m")
    } else {
        let tenths = (milli + 50) / 100;
        format!("{}.{}", tenths / 10, tenths % 10)
    }
}

/// `128Mi`, `7.8Gi`: the largest binary unit that keeps one or more whole units.
pub fn memory(bytes: i64) -> String {
    const UNITS: [(&str, i64); 4] = [("Ti", 1 << 40), ("Gi", 1 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            if bytes % size == 0 {
                return format!("{}{unit}", bytes / size);
            }
            let tenths = (bytes * 10 + size / 2) / size;
            return format!("{}.{}{unit}", tenths / 10, tenths % 10);
        }
    }
    format!("{bytes}")
}

/// A share of a whole in per cent, rounded down, clamped to 0..=100 for bar widths.
pub fn percent(part: i64, whole: i64) -> u32 {
    if whole <= 0 || part <= 0 {
        return 0;
    }
    ((part.saturating_mul(100) / whole).clamp(0, 100)) as u32
}

/// The elapsed simulated time since the cluster started: `00:01:23.4`, or `1d 02:00:00.0` past a day.
pub fn elapsed(ms: u64) -> String {
    let tenths = (ms % 1000) / 100;
    let s = ms / 1000;
    let (d, h, m, sec) = (s / 86_400, (s / 3600) % 24, (s / 60) % 60, s % 60);
    if d > 0 { format!("{d}d {h:02}:{m:02}:{sec:02}.{tenths}") } else { format!("{h:02}:{m:02}:{sec:02}.{tenths}") }
}

/// The cluster's wall clock at a simulated instant, as `2026-01-01 00:01:23Z`.
pub fn wall_clock(t: SimTime) -> String {
    t.rfc3339().replacen('T', " ", 1)
}

/// Axis labels for the rollout chart: `0s`, `45s`, `2m`, `1h5m`.
pub fn axis_duration(ms: u64) -> String {
    let s = ms / 1000;
    match s {
        0..60 => format!("{s}s"),
        60..3600 if s.is_multiple_of(60) => format!("{}m", s / 60),
        60..3600 => format!("{}m{}s", s / 60, s % 60),
        _ if (s % 3600) / 60 == 0 => format!("{}h", s / 3600),
        _ => format!("{}h{}m", s / 3600, (s % 3600) / 60),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_as_kubectl_writes_it() {
        assert_eq!(cpu(250), "250m");
        assert_eq!(cpu(4000), "4");
        assert_eq!(cpu(1500), "1.5");
        assert_eq!(cpu(0), "0");
    }

    #[test]
    fn memory_in_binary_units() {
        assert_eq!(memory(128 << 20), "128Mi");
        assert_eq!(memory(8 << 30), "8Gi");
        assert_eq!(memory((78 << 30) / 10), "7.8Gi");
        assert_eq!(memory(512), "512");
    }

    #[test]
    fn percent_is_clamped() {
        assert_eq!(percent(1, 4), 25);
        assert_eq!(percent(5, 4), 100);
        assert_eq!(percent(1, 0), 0);
    }

    #[test]
    fn clocks() {
        assert_eq!(elapsed(83_450), "00:01:23.4");
        assert_eq!(elapsed(90_000_000), "1d 01:00:00.0");
        assert_eq!(wall_clock(SimTime::from_secs(83)), "2026-01-01 00:01:23Z");
        assert_eq!(axis_duration(45_000), "45s");
        assert_eq!(axis_duration(120_000), "2m");
        assert_eq!(axis_duration(90_000), "1m30s");
        assert_eq!(axis_duration(3_900_000), "1h5m");
    }
}
