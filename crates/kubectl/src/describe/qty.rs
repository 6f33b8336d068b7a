//! Resource quantities as kubectl prints them: parsing `100m`, `1.5Gi`, `1e3`, exact sums, and Go's
//! canonical `Quantity.String()` (k8s.io/apimachinery/pkg/api/resource/quantity.go).
//!
//! Kept private to this crate on purpose: the engine grows its own quantity type on another branch.

use std::cmp::Ordering;

const NANOS_PER_UNIT: i128 = 1_000_000_000;

/// How a quantity prints, remembered from the string it was parsed from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    /// `1e3`
    DecimalExponent,
    /// `1Gi`
    BinarySi,
    /// `500m`, `1k`
    DecimalSi,
}

/// An exact amount in billionths of a unit (Kubernetes quantities have nano precision). Equality and order
/// compare amounts only, as `Quantity.Cmp` does.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quantity {
    nanos: i128,
    format: Format,
}

impl Default for Quantity {
    /// Go's zero `Quantity{}`: prints `0`, and a sum starting from it takes the next operand's format.
    fn default() -> Quantity {
        Quantity { nanos: 0, format: Format::DecimalExponent }
    }
}

impl Quantity {
    /// Parses a quantity string; `None` when the API server would reject it.
    pub(crate) fn parse(s: &str) -> Option<Quantity> {
        if s.is_empty() {
            return None;
        }
        if s == "0" {
            return Some(Quantity { nanos: 0, format: Format::DecimalSi });
        }
        let bytes = s.as_bytes();
        let mut pos = 0;
        let mut negative = false;
        match bytes.first() {
            Some(b'-') => {
                negative = true;
                pos += 1;
            }
            Some(b'+') => pos += 1,
            _ => {}
        }
        let int_start = pos;
        while pos < bytes.len() && bytes[pos].is_ascii_digit() {
            pos += 1;
        }
        let int_digits = &s[int_start..pos];
        let mut frac_digits = "";
        if pos < bytes.len() && bytes[pos] == b'.' {
            pos += 1;
            let frac_start = pos;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
            frac_digits = &s[frac_start..pos];
        }
        if int_digits.is_empty() && frac_digits.is_empty() {
            return None;
        }
        let (format, base2_exp, base10_exp) = match &s[pos..] {
            "" => (Format::DecimalSi, 0, 0),
            "n" => (Format::DecimalSi, 0, -9),
            "u" => (Format::DecimalSi, 0, -6),
            "m" => (Format::DecimalSi, 0, -3),
            "k" => (Format::DecimalSi, 0, 3),
            "M" => (Format::DecimalSi, 0, 6),
            "G" => (Format::DecimalSi, 0, 9),
            "T" => (Format::DecimalSi, 0, 12),
            "P" => (Format::DecimalSi, 0, 15),
            "E" => (Format::DecimalSi, 0, 18),
            "Ki" => (Format::BinarySi, 10, 0),
            "Mi" => (Format::BinarySi, 20, 0),
            "Gi" => (Format::BinarySi, 30, 0),
            "Ti" => (Format::BinarySi, 40, 0),
            "Pi" => (Format::BinarySi, 50, 0),
            "Ei" => (Format::BinarySi, 60, 0),
            suffix if suffix.starts_with(['e', 'E']) => {
                let exp: i32 = suffix[1..].parse().ok()?;
                if !(-30..=30).contains(&exp) {
                    return None;
                }
                (Format::DecimalExponent, 0, exp)
            }
            _ => return None,
        };
        // digits × 10^(base10_exp − len(frac)) × 2^base2_exp, in nanos, rounded up to a whole nano.
        let digits: String = int_digits.chars().chain(frac_digits.chars()).collect();
        let digits = digits.trim_start_matches('0');
        if digits.len() > 30 {
            return None;
        }
        let mantissa: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
        let mut numerator = mantissa.checked_mul(1i128.checked_shl(base2_exp)?)?;
        let mut denominator: i128 = 1;
        let exp10 = base10_exp - frac_digits.len() as i32 + 9;
        if exp10 >= 0 {
            numerator = numerator.checked_mul(10i128.checked_pow(exp10 as u32)?)?;
        } else {
            denominator = 10i128.checked_pow((-exp10) as u32)?;
        }
        let mut nanos = numerator / denominator;
        if numerator % denominator != 0 {
            nanos += 1;
        }
        if negative {
            nanos = -nanos;
        }
        let format =
            if format == Format::BinarySi && nanos > 0 && nanos < NANOS_PER_UNIT { Format::DecimalSi } else { format };
        Some(Quantity { nanos, format })
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    pub(crate) fn is_positive(&self) -> bool {
        self.nanos > 0
    }

    /// `Quantity.Add`: a zero quantity takes the format of what is added to it.
    pub(crate) fn add(&mut self, other: &Quantity) {
        if self.nanos == 0 {
            self.format = other.format;
        }
        self.nanos = self.nanos.saturating_add(other.nanos);
    }

    /// `Quantity.MilliValue`: thousandths, rounded up.
    pub(crate) fn milli_value(&self) -> i64 {
        ceil_div(self.nanos, 1_000_000) as i64
    }

    /// `Quantity.Value`: whole units, rounded up.
    pub(crate) fn value(&self) -> i64 {
        ceil_div(self.nanos, NANOS_PER_UNIT) as i64
    }

    /// The canonical string, as `Quantity.String()` prints it.
    pub(crate) fn canonical(&self) -> String {
        if self.nanos == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        if format == Format::BinarySi
            && ((self.nanos > -1024 * NANOS_PER_UNIT && self.nanos < 1024 * NANOS_PER_UNIT)
                || self.nanos % NANOS_PER_UNIT != 0)
        {
            format = Format::DecimalSi;
        }
        if format == Format::BinarySi {
            const SUFFIXES: [&str; 7] = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"];
            let mut units = self.nanos / NANOS_PER_UNIT;
            let mut power = 0;
            while units % 1024 == 0 && power < SUFFIXES.len() - 1 {
                units /= 1024;
                power += 1;
            }
            return format!("{units}{}", SUFFIXES[power]);
        }
        let mut mantissa = self.nanos;
        let mut exponent: i32 = -9;
        while mantissa % 10 == 0 {
            mantissa /= 10;
            exponent += 1;
        }
        while exponent.rem_euclid(3) != 0 {
            mantissa = mantissa.saturating_mul(10);
            exponent -= 1;
        }
        if format == Format::DecimalExponent {
            return if exponent == 0 { mantissa.to_string() } else { format!("{mantissa}e{exponent}") };
        }
        while exponent > 18 {
            mantissa = mantissa.saturating_mul(1000);
            exponent -= 3;
        }
        let suffix = match exponent {
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
        };
        format!("{mantissa}{suffix}")
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Quantity) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Quantity) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if a % b > 0 { q + 1 } else { q }
}

/// The canonical form of a quantity string from an object; a string that does not parse is shown as is.
pub(crate) fn canonical(s: &str) -> String {
    Quantity::parse(s).map(|q| q.canonical()).unwrap_or_else(|| s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases from apimachinery's quantity_test.go (TestQuantityParse, canonical forms).
    #[test]
    fn canonical_forms_match_apimachinery() {
        let cases = [
            ("0", "0"),
            ("100m", "100m"),
            ("1000m", "1"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("1500", "1500"),
            ("1000", "1k"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("1.5Gi", "1536Mi"),
            ("8148904Ki", "8148904Ki"),
            ("0.5Ki", "512"),
            ("128M", "128M"),
            ("1e3", "1e3"),
            ("1E", "1E"),
            ("0.1m", "100u"),
            ("1n", "1n"),
            ("0.0000000001", "1n"),
            ("-100m", "-100m"),
            ("12e6", "12e6"),
        ];
        for (input, want) in cases {
            assert_eq!(canonical(input), want, "{input}");
        }
        assert_eq!(canonical("bogus"), "bogus");
    }

    #[test]
    fn sums_keep_the_first_format_and_values_round_up() {
        let mut total = Quantity::default();
        total.add(&Quantity::parse("100m").unwrap());
        total.add(&Quantity::parse("1").unwrap());
        assert_eq!(total.canonical(), "1100m");
        let mut mem = Quantity::default();
        mem.add(&Quantity::parse("70Mi").unwrap());
        mem.add(&Quantity::parse("170Mi").unwrap());
        assert_eq!(mem.canonical(), "240Mi");
        assert_eq!(Quantity::parse("1.5m").unwrap().milli_value(), 2);
        assert_eq!(Quantity::parse("4").unwrap().milli_value(), 4000);
        assert_eq!(Quantity::parse("1Ki").unwrap().value(), 1024);
        assert_eq!(Quantity::default().canonical(), "0");
    }
}
