//! Just enough of `resource.Quantity` for validation and defaulting: parse, compare, round up, and print in
//! canonical form (`0.5` → `500m`, `1024Mi` → `1Gi`), as error messages and stored objects show quantities.
//!
//! Follows kubernetes/apimachinery `pkg/api/resource/{quantity.go,amount.go,suffix.go}`. Kept private to the
//! validation module; the engine's general quantity type lives elsewhere. Values are exact decimals held as
//! `mantissa × 10^exponent` in an `i128`; inputs beyond that range are treated as unparsable.

use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `Ki`, `Mi`, ... suffixes.
    BinarySI,
    /// `m`, `k`, `M`, ... suffixes or none.
    DecimalSI,
    /// `e3`, `E6` exponents.
    DecimalExponent,
}

#[derive(Clone, Copy, Debug)]
pub struct Quantity {
    mantissa: i128,
    exponent: i32,
    pub format: Format,
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Quantity) -> bool {
        self.cmp_value(other) == Ordering::Equal
    }
}

const NANO: i32 = -9;

/// `10^n`, or `None` beyond `i128` (or for a negative or huge `n`).
fn pow10(n: i64) -> Option<i128> {
    u32::try_from(n).ok().and_then(|n| 10i128.checked_pow(n))
}

impl Quantity {
    pub fn zero() -> Quantity {
        Quantity { mantissa: 0, exponent: 0, format: Format::DecimalSI }
    }

    /// Parses `[+-]digits[.digits][suffix]` (`ParseQuantity`); values finer than 1n are rounded up to 1n.
    pub fn parse(s: &str) -> Option<Quantity> {
        let s = s.trim();
        let (negative, rest) = match s.as_bytes().first()? {
            b'+' => (false, &s[1..]),
            b'-' => (true, &s[1..]),
            _ => (false, s),
        };
        let num_end = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        let (number, suffix) = rest.split_at(num_end);
        let (int_part, frac_part) = match number.split_once('.') {
            Some((i, f)) => {
                if f.contains('.') {
                    return None;
                }
                (i, f)
            }
            None => (number, ""),
        };
        if int_part.is_empty() && frac_part.is_empty() {
            return None;
        }
        let digits: String = format!("{int_part}{frac_part}");
        let digits = digits.trim_start_matches('0');
        let mut mantissa: i128 = if digits.is_empty() { 0 } else { digits.parse().ok()? };
        let mut exponent = -i32::try_from(frac_part.len()).ok()?;
        let format = match suffix {
            "" => Format::DecimalSI,
            "n" => {
                exponent = exponent.checked_sub(9)?;
                Format::DecimalSI
            }
            "u" => {
                exponent = exponent.checked_sub(6)?;
                Format::DecimalSI
            }
            "m" => {
                exponent = exponent.checked_sub(3)?;
                Format::DecimalSI
            }
            "k" | "M" | "G" | "T" | "P" | "E" => {
                exponent = exponent.checked_add(match suffix {
                    "k" => 3,
                    "M" => 6,
                    "G" => 9,
                    "T" => 12,
                    "P" => 15,
                    _ => 18,
                })?;
                Format::DecimalSI
            }
            "Ki" | "Mi" | "Gi" | "Ti" | "Pi" | "Ei" => {
                let power = match suffix {
                    "Ki" => 1,
                    "Mi" => 2,
                    "Gi" => 3,
                    "Ti" => 4,
                    "Pi" => 5,
                    _ => 6,
                };
                mantissa = mantissa.checked_mul(1024i128.checked_pow(power)?)?;
                Format::BinarySI
            }
            s if s.len() > 1 && (s.starts_with('e') || s.starts_with('E')) => {
                let e: i32 = s[1..].parse().ok()?;
                exponent = exponent.checked_add(e)?;
                Format::DecimalExponent
            }
            _ => return None,
        };
        if negative {
            mantissa = -mantissa;
        }
        let mut q = Quantity { mantissa, exponent, format }.normalized();
        if q.exponent < NANO {
            q = q.round_up(NANO);
        }
        if q.format == Format::BinarySI && q.mantissa > 0 && q.cmp_value(&Quantity::from_int(1)) == Ordering::Less {
            q.format = Format::DecimalSI;
        }
        Some(q)
    }

    pub fn from_int(n: i64) -> Quantity {
        Quantity { mantissa: i128::from(n), exponent: 0, format: Format::DecimalSI }.normalized()
    }

    /// Trailing zeros of the mantissa moved into the exponent.
    fn normalized(mut self) -> Quantity {
        if self.mantissa == 0 {
            self.exponent = 0;
            return self;
        }
        while self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.exponent += 1;
        }
        self
    }

    pub fn is_zero(&self) -> bool {
        self.mantissa == 0
    }

    pub fn is_negative(&self) -> bool {
        self.mantissa < 0
    }

    /// Rounds away from zero to a multiple of `10^scale` (`Quantity.RoundUp`).
    pub fn round_up(self, scale: i32) -> Quantity {
        if self.exponent >= scale || self.mantissa == 0 {
            return self;
        }
        let shift = i64::from(scale) - i64::from(self.exponent);
        let Some(div) = pow10(shift) else {
            // Far below the requested scale: the smallest non-zero value at that scale.
            return Quantity { mantissa: self.mantissa.signum(), exponent: scale, format: self.format };
        };
        let mut m = self.mantissa / div;
        if self.mantissa % div != 0 {
            m += self.mantissa.signum();
        }
        Quantity { mantissa: m, exponent: scale, format: self.format }.normalized()
    }

    pub fn cmp_value(&self, other: &Quantity) -> Ordering {
        let sign = self.mantissa.signum().cmp(&other.mantissa.signum());
        if sign != Ordering::Equal || self.mantissa == 0 {
            return sign;
        }
        // Same sign, both non-zero: align the exponents.
        let (a, b) = (self, other);
        let ordering_abs = if a.exponent >= b.exponent {
            match pow10(i64::from(a.exponent) - i64::from(b.exponent)).and_then(|p| a.mantissa.checked_mul(p)) {
                Some(scaled) => scaled.abs().cmp(&b.mantissa.abs()),
                None => Ordering::Greater,
            }
        } else {
            match pow10(i64::from(b.exponent) - i64::from(a.exponent)).and_then(|p| b.mantissa.checked_mul(p)) {
                Some(scaled) => a.mantissa.abs().cmp(&scaled.abs()),
                None => Ordering::Less,
            }
        };
        if self.mantissa > 0 { ordering_abs } else { ordering_abs.reverse() }
    }

    /// Whether the value is a whole number (`MilliValue() % 1000 == 0` for values in range).
    pub fn is_integer(&self) -> bool {
        self.exponent >= 0
    }

    /// The value rounded up to an integer (`Quantity.Value`), saturating.
    pub fn value(&self) -> i128 {
        let q = self.round_up(0);
        pow10(i64::from(q.exponent.max(0))).and_then(|p| q.mantissa.checked_mul(p)).unwrap_or(if q.mantissa < 0 {
            i128::MIN
        } else {
            i128::MAX
        })
    }

    /// The canonical text (`Quantity.String`).
    pub fn canonical(&self) -> String {
        if self.mantissa == 0 {
            return "0".to_string();
        }
        let mut format = self.format;
        let mut integer: Option<i128> = None;
        if format == Format::BinarySI {
            let small = self.cmp_value(&Quantity::from_int(-1024)) == Ordering::Greater
                && self.cmp_value(&Quantity::from_int(1024)) == Ordering::Less;
            if small || self.exponent < 0 {
                format = Format::DecimalSI;
            } else {
                integer = pow10(i64::from(self.exponent)).and_then(|p| self.mantissa.checked_mul(p));
                if integer.is_none() {
                    format = Format::DecimalSI;
                }
            }
        }
        if let (Format::BinarySI, Some(mut n)) = (format, integer) {
            let mut power = 0;
            while n % 1024 == 0 && power < 6 {
                n /= 1024;
                power += 1;
            }
            let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"][power];
            return format!("{n}{suffix}");
        }
        // Decimal: the exponent goes down to a multiple of three.
        let mut mantissa = self.mantissa;
        let mut exponent = self.exponent;
        let adjust = exponent.rem_euclid(3);
        if adjust != 0 {
            match pow10(i64::from(adjust)).and_then(|p| mantissa.checked_mul(p)) {
                Some(m) => {
                    mantissa = m;
                    exponent -= adjust;
                }
                None => return format!("{mantissa}e{exponent}"),
            }
        }
        let suffix = match (format, exponent) {
            (_, 0) => String::new(),
            (Format::DecimalSI, -9) => "n".into(),
            (Format::DecimalSI, -6) => "u".into(),
            (Format::DecimalSI, -3) => "m".into(),
            (Format::DecimalSI, 3) => "k".into(),
            (Format::DecimalSI, 6) => "M".into(),
            (Format::DecimalSI, 9) => "G".into(),
            (Format::DecimalSI, 12) => "T".into(),
            (Format::DecimalSI, 15) => "P".into(),
            (Format::DecimalSI, 18) => "E".into(),
            (_, e) => format!("e{e}"),
        };
        format!("{mantissa}{suffix}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(s: &str) -> String {
        Quantity::parse(s).unwrap().canonical()
    }

    // Cases from apimachinery `quantity_test.go` (TestQuantityParse, TestQuantityString).
    #[test]
    fn canonical_forms() {
        for (input, want) in [
            ("0", "0"),
            ("0m", "0"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("1000m", "1"),
            ("500m", "500m"),
            ("2000", "2k"),
            ("100", "100"),
            ("1024Mi", "1Gi"),
            ("1536Mi", "1536Mi"),
            ("0.5Gi", "512Mi"),
            ("1Ki", "1Ki"),
            ("512Ki", "512Ki"),
            ("100Ki", "100Ki"),
            ("1.5Ki", "1536"),
            ("0.5Ki", "512"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("129M", "129M"),
            ("1e3", "1e3"),
            ("1E", "1E"),
            ("1E3", "1e3"),
            ("1n", "1n"),
            ("0.1n", "1n"),
            ("100u", "100u"),
            ("-1", "-1"),
            ("-0.5", "-500m"),
            ("12e2", "1200"),
        ] {
            assert_eq!(c(input), want, "{input}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", "abc", "1.2.3", "1Zi", "-", ".", "1 Mi", "1e99999999999", "1e2147483647m"] {
            assert!(Quantity::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn extreme_exponents_do_not_panic() {
        let big = Quantity::parse("1e2147483647").unwrap();
        let small = Quantity::parse("1e-2147483648").unwrap();
        assert_eq!(small.canonical(), "1e-9");
        assert_eq!(big.cmp_value(&small), Ordering::Greater);
        assert_eq!(small.cmp_value(&big), Ordering::Less);
        assert_eq!(big.canonical(), "10e2147483646");
        assert!(big.value() > 0);
        let digits = "9".repeat(60);
        assert!(Quantity::parse(&digits).is_none());
    }

    #[test]
    fn compares_and_rounds() {
        let p = |s| Quantity::parse(s).unwrap();
        assert_eq!(p("1").cmp_value(&p("500m")), Ordering::Greater);
        assert_eq!(p("1Gi").cmp_value(&p("1024Mi")), Ordering::Equal);
        assert_eq!(p("1G").cmp_value(&p("1Gi")), Ordering::Less);
        assert_eq!(p("-1").cmp_value(&p("0")), Ordering::Less);
        assert_eq!(p("0.0001").round_up(-3).canonical(), "1m");
        assert_eq!(p("1.0001").round_up(-3).canonical(), "1001m");
        assert!(p("2").is_integer());
        assert!(!p("1500m").is_integer());
        assert_eq!(p("1500m").value(), 2);
    }
}
