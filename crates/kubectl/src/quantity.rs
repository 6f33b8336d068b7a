//! Resource quantities as Go's `resource.Quantity` round-trips them through JSON.
//!
//! kubectl decodes typed objects before printing, so `cpu: "0.5"` comes back as `500m`
//! while `100m` keeps its spelling. This follows upstream
//! `apimachinery/pkg/api/resource/quantity.go` (`ParseQuantity`, `CanonicalizeBytes`),
//! with exact integer arithmetic instead of `inf.Dec`.

/// The message Go gives for a malformed quantity.
pub const ERR_FORMAT: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    DecimalExponent,
    BinarySI,
    DecimalSI,
}

struct Parsed<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn parse_string(s: &str) -> Result<Parsed<'_>, &'static str> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    if pos < end {
        match b[0] {
            b'-' => {
                positive = false;
                pos += 1;
            }
            b'+' => pos += 1,
            _ => {}
        }
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parsed { positive, num: "0", denom: "", suffix: "" });
    }
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let mut num = &s[start..pos];
    if num.is_empty() {
        num = "0";
    }
    let mut denom = "";
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let start = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[start..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && matches!(b[pos], b'-' | b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(ERR_FORMAT);
    }
    Ok(Parsed { positive, num, denom, suffix: &s[suffix_start..] })
}

/// (base, exponent, format) for a suffix.
fn interpret(suffix: &str) -> Option<(u32, i32, Format)> {
    let dec = [("n", -9), ("u", -6), ("m", -3), ("", 0), ("k", 3), ("M", 6), ("G", 9), ("T", 12), ("P", 15), ("E", 18)];
    if let Some((_, e)) = dec.iter().find(|(k, _)| *k == suffix) {
        return Some((10, *e, Format::DecimalSI));
    }
    let bin = [("Ki", 10), ("Mi", 20), ("Gi", 30), ("Ti", 40), ("Pi", 50), ("Ei", 60)];
    if let Some((_, e)) = bin.iter().find(|(k, _)| *k == suffix) {
        return Some((2, *e, Format::BinarySI));
    }
    let b = suffix.as_bytes();
    if b.len() > 1 && (b[0] == b'e' || b[0] == b'E') {
        let e: i64 = suffix[1..].parse().ok()?;
        return Some((10, i32::try_from(e).ok()?, Format::DecimalExponent));
    }
    None
}

/// The string Go's Quantity marshals to after parsing `s`, or Go's parse error.
pub fn canonical(s: &str) -> Result<String, &'static str> {
    if s.is_empty() {
        return Err(ERR_FORMAT);
    }
    if s == "0" {
        return Ok(s.into());
    }
    let p = parse_string(s)?;
    let (base, exponent, mut format) = interpret(p.suffix).ok_or("unable to parse quantity's suffix")?;
    let digits = format!("{}{}", p.num, p.denom);
    let denom_len = p.denom.len() as i32;

    // Upstream keeps the caller's spelling when it is already canonical.
    let precision = match format {
        Format::DecimalExponent | Format::DecimalSI => 18 - digits.len() as i32,
        Format::BinarySI if exponent >= 0 && p.denom.is_empty() => {
            15 - p.num.len() as i32 - (exponent as f32 * 3.0 / 10.0) as i32 - 1
        }
        Format::BinarySI => -1,
    };
    if precision >= 0 {
        let scale = if format == Format::BinarySI { 0 } else { exponent } - denom_len;
        if scale >= -9 {
            let value: i64 = digits.parse().map_err(|_| "unable to parse numeric part of quantity")?;
            let keep = match format {
                Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
                _ => scale % 3 == 0 && !digits.ends_with("000") && !digits.starts_with('0'),
            };
            let mantissa: i64 = if format == Format::BinarySI { 1i64 << exponent } else { 1 };
            if value.checked_mul(mantissa).is_some() && keep {
                return Ok(s.into());
            }
        }
    }

    // The exact value as magnitude × 10^scale.
    let mut magnitude: i128 = digits.parse().map_err(|_| "unable to parse numeric part of quantity")?;
    let mut scale = -denom_len;
    if base == 10 {
        scale = scale.checked_add(exponent).ok_or("quantity out of range")?;
    } else {
        let factor = 1i128.checked_shl(exponent as u32).ok_or("quantity too large")?;
        magnitude = magnitude.checked_mul(factor).ok_or("quantity too large")?;
    }
    if magnitude != 0 && scale < -9 {
        // Round away from zero to nanos; anything below a nano becomes one.
        magnitude = match scale.checked_neg().and_then(|s| pow10(s - 9)) {
            Some(div) => magnitude / div + i128::from(magnitude % div != 0),
            None => 1,
        };
        scale = -9;
    }
    if magnitude == 0 {
        return Ok("0".into());
    }
    let sign = if p.positive { "" } else { "-" };
    if format == Format::BinarySI {
        let lt_1024 = match scale {
            s if s >= 0 => pow10(s).and_then(|m| magnitude.checked_mul(m)).is_some_and(|v| v < 1024),
            s => pow10(-s).and_then(|d| d.checked_mul(1024)).is_none_or(|limit| magnitude < limit),
        };
        let integer = if scale >= 0 {
            pow10(scale).and_then(|m| magnitude.checked_mul(m))
        } else {
            pow10(-scale).filter(|d| magnitude % d == 0).map(|d| magnitude / d)
        };
        match integer {
            Some(v) if !lt_1024 => {
                let mut amount = v;
                let mut e = 0;
                while amount % 1024 == 0 {
                    amount /= 1024;
                    e += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].get(e).copied().unwrap_or("");
                return Ok(format!("{sign}{amount}{suffix}"));
            }
            _ => format = Format::DecimalSI,
        }
    }
    let mut amount = magnitude;
    let mut e = scale;
    while amount % 10 == 0 {
        amount /= 10;
        e += 1;
    }
    while e.rem_euclid(3) != 0 {
        amount = amount.checked_mul(10).ok_or("quantity too large")?;
        e -= 1;
    }
    let suffix = match format {
        Format::DecimalExponent if e == 0 => String::new(),
        Format::DecimalExponent => format!("e{e}"),
        _ => match e {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => "",
        }
        .to_string(),
    };
    Ok(format!("{sign}{amount}{suffix}"))
}

fn pow10(n: i32) -> Option<i128> {
    10i128.checked_pow(u32::try_from(n).ok()?)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    #[test]
    fn canonical_forms() {
        for (input, want) in [
            ("100m", "100m"),
            ("0.5", "500m"),
            ("1000m", "1"),
            ("1000", "1k"),
            ("64Mi", "64Mi"),
            ("1024Mi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1e3", "1e3"),
            ("1Gi", "1Gi"),
            ("0.1n", "1n"),
            ("2000Mi", "2000Mi"),
            ("512", "512"),
            ("0", "0"),
            ("+100m", "+100m"),
            ("1500", "1500"),
            ("0.5Gi", "512Mi"),
            ("100Ki", "100Ki"),
            ("-1", "-1"),
        ] {
            assert_eq!(canonical(input).as_deref(), Ok(want), "{input}");
        }
        assert!(canonical("abc").is_err());
        assert!(canonical("1x").is_err());
    }
}
