//! Resource quantities (`500m`, `1.5`, `2Gi`, `1e3`) parsed into an exact integer count of nano-units, and
//! printed back in Kubernetes' canonical form.
//!
//! Follows `staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go` and `suffix.go`: the same grammar,
//! the same three formats (DecimalSI, BinarySI, DecimalExponent) chosen by the suffix that was parsed, values
//! rounded *up* (away from zero) to a whole nano-unit, BinarySI capped at 2^63−1, and the same canonical
//! printing (`1000` → `1k`, `1.5` → `1500m`, `1024Mi` → `1Gi`). The tests port the tables of
//! `quantity_test.go` (`TestQuantityParse`, `TestQuantityString`, `TestQuantityParseEmit`, the invalid list).
//!
//! One deliberate difference: Go keeps arbitrarily large DecimalSI values in an `inf.Dec`; we hold an `i128`
//! count of nano-units, so magnitudes beyond about 1.7e29 are rejected as out of range rather than stored.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

/// How a quantity prints, decided by the suffix it was written with (as in Go's `resource.Format`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `e3`, `E-6`: base 10 with an explicit exponent.
    DecimalExponent,
    /// `Ki`, `Mi`, ... `Ei`: powers of 1024.
    BinarySI,
    /// `n`, `u`, `m`, (none), `k`, `M`, `G`, `T`, `P`, `E`.
    DecimalSI,
}

/// An exact quantity: `nanos` is the value times 10^9.
///
/// Equality and ordering compare values only (`1Ki == 1024`), as Go's `Quantity.Cmp` does; the format only
/// matters for printing.
#[derive(Clone, Copy, Debug)]
pub struct Quantity {
    nanos: i128,
    format: Format,
}

const NANO: i128 = 1_000_000_000;
/// The largest BinarySI value Go keeps (`maxAllowed`, 2^63−1), in nano-units.
const MAX_BINARY_NANOS: i128 = (i64::MAX as i128) * NANO;

/// `ErrFormatWrong` in quantity.go.
pub const ERR_FORMAT_WRONG: &str =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
/// `ErrNumeric` in quantity.go.
pub const ERR_NUMERIC: &str = "unable to parse numeric part of quantity";
/// `ErrSuffix` in quantity.go.
pub const ERR_SUFFIX: &str = "unable to parse quantity's suffix";

impl Quantity {
    /// Zero, printed `0`.
    pub const ZERO: Quantity = Quantity { nanos: 0, format: Format::DecimalSI };

    /// A whole number of units (bytes, cores, pods) in the given format, like Go's `NewQuantity`.
    pub fn from_value(value: i64, format: Format) -> Quantity {
        Quantity { nanos: i128::from(value) * NANO, format }
    }

    /// A number of thousandths (millicores), like Go's `NewMilliQuantity`.
    pub fn from_milli(milli: i64, format: Format) -> Quantity {
        Quantity { nanos: i128::from(milli) * 1_000_000, format }
    }

    /// An exact count of nano-units, printed in DecimalSI.
    pub fn from_nanos(nanos: i128) -> Quantity {
        Quantity { nanos, format: Format::DecimalSI }
    }

    /// The exact value in nano-units.
    pub fn nanos(&self) -> i128 {
        self.nanos
    }

    pub fn format(&self) -> Format {
        self.format
    }

    pub fn is_zero(&self) -> bool {
        self.nanos == 0
    }

    /// `ceil(q)` away from zero, saturated to `i64`: Go's `Value()` (cpu `1.5` → 2, memory `1.5` → 2).
    pub fn value(&self) -> i64 {
        scaled_round_up(self.nanos, NANO)
    }

    /// `ceil(q × 1000)` away from zero, saturated to `i64`: Go's `MilliValue()` (`0.1m` → 1).
    pub fn milli_value(&self) -> i64 {
        scaled_round_up(self.nanos, 1_000_000)
    }

    /// The sum, keeping `self`'s format unless `self` is zero (as Go's `Add` keeps the non-zero suffix).
    pub fn checked_add(&self, other: &Quantity) -> Option<Quantity> {
        let format = if self.is_zero() { other.format } else { self.format };
        Some(Quantity { nanos: self.nanos.checked_add(other.nanos)?, format })
    }

    /// The difference, keeping `self`'s format unless `self` is zero.
    pub fn checked_sub(&self, other: &Quantity) -> Option<Quantity> {
        let format = if self.is_zero() { other.format } else { self.format };
        Some(Quantity { nanos: self.nanos.checked_sub(other.nanos)?, format })
    }

    pub fn is_positive(&self) -> bool {
        self.nanos > 0
    }

    pub fn is_negative(&self) -> bool {
        self.nanos < 0
    }

    /// Whether the value is a whole number of units (`1`, `2Gi`, not `1500m`).
    pub fn is_integer(&self) -> bool {
        self.nanos % NANO == 0
    }

    /// Go's `Add` for sums that must not fail: saturates at the `i128` nano range.
    pub fn saturating_add(&self, other: &Quantity) -> Quantity {
        let format = if self.is_zero() { other.format } else { self.format };
        Quantity { nanos: self.nanos.saturating_add(other.nanos), format }
    }

    /// Go's `RoundUp(scale)`: rounded away from zero to a multiple of 10^`scale` (`-3` gives millis). Scales
    /// finer than a nano change nothing.
    pub fn round_up(&self, scale: i32) -> Quantity {
        let Some(unit) = u32::try_from(i64::from(scale) + 9).ok().and_then(|e| 10i128.checked_pow(e)) else {
            if scale < -9 {
                return *self;
            }
            // Coarser than anything an i128 holds: the smallest non-zero multiple saturates.
            let nanos = if self.nanos == 0 {
                0
            } else if self.nanos > 0 {
                i128::MAX
            } else {
                i128::MIN
            };
            return Quantity { nanos, format: self.format };
        };
        let rem = self.nanos % unit;
        let nanos = if rem == 0 {
            self.nanos
        } else {
            (self.nanos - rem).saturating_add(if self.nanos > 0 { unit } else { -unit })
        };
        Quantity { nanos, format: self.format }
    }

    /// Reads a k8s-openapi quantity (its string form).
    pub fn from_k8s(q: &k8s_openapi::apimachinery::pkg::api::resource::Quantity) -> Result<Quantity, String> {
        parse_quantity(&q.0)
    }

    /// The k8s-openapi form, holding the canonical string.
    pub fn to_k8s(&self) -> k8s_openapi::apimachinery::pkg::api::resource::Quantity {
        k8s_openapi::apimachinery::pkg::api::resource::Quantity(format_quantity(self))
    }
}

impl std::ops::AddAssign<&Quantity> for Quantity {
    /// Go's `q.Add(other)`, saturating (see `saturating_add`).
    fn add_assign(&mut self, other: &Quantity) {
        *self = self.saturating_add(other);
    }
}

impl Default for Quantity {
    /// Go's zero `Quantity{}`: prints `0`, and a sum starting from it takes the next operand's format.
    fn default() -> Quantity {
        Quantity::ZERO
    }
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.nanos == other.nanos
    }
}

impl Eq for Quantity {}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        self.nanos.cmp(&other.nanos)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_quantity(self))
    }
}

impl FromStr for Quantity {
    type Err = String;

    fn from_str(s: &str) -> Result<Quantity, String> {
        parse_quantity(s)
    }
}

/// `ceil(|nanos| / unit)` with the sign of `nanos`, saturated to the `i64` range.
fn scaled_round_up(nanos: i128, unit: i128) -> i64 {
    let magnitude = nanos.unsigned_abs();
    let unit = unit.unsigned_abs();
    let q = magnitude / unit + u128::from(!magnitude.is_multiple_of(unit));
    let q = i128::try_from(q).unwrap_or(i128::MAX);
    let signed = if nanos < 0 { -q } else { q };
    i64::try_from(signed).unwrap_or(if signed < 0 { i64::MIN } else { i64::MAX })
}

/// The pieces of a quantity string, as Go's `parseQuantityString` splits them.
struct Parts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Splits `[+-]digits[.digits]suffix`; the suffix is `[eEinumkKMGTP]*[-+]?[0-9]*`.
fn split_quantity(s: &str) -> Result<Parts<'_>, String> {
    let bytes = s.as_bytes();
    let end = bytes.len();
    let mut pos = 0;
    let mut positive = true;
    if pos < end {
        match bytes[0] {
            b'-' => {
                positive = false;
                pos += 1;
            }
            b'+' => pos += 1,
            _ => {}
        }
    }
    while pos < end && bytes[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts { positive, num: "0", denom: "", suffix: "" });
    }
    let num_start = pos;
    while pos < end && is_digit(bytes[pos]) {
        pos += 1;
    }
    let mut num = &s[num_start..pos];
    if num.is_empty() {
        num = "0";
    }
    let mut denom = "";
    if pos < end && bytes[pos] == b'.' {
        pos += 1;
        let denom_start = pos;
        while pos < end && is_digit(bytes[pos]) {
            pos += 1;
        }
        denom = &s[denom_start..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&bytes[pos]) {
        pos += 1;
    }
    if pos < end && (bytes[pos] == b'-' || bytes[pos] == b'+') {
        pos += 1;
    }
    while pos < end && is_digit(bytes[pos]) {
        pos += 1;
    }
    if pos < end {
        return Err(ERR_FORMAT_WRONG.to_string());
    }
    Ok(Parts { positive, num, denom, suffix: &s[suffix_start..] })
}

/// Go's `suffixHandler.interpret`: (base, exponent, format).
fn interpret_suffix(suffix: &str) -> Option<(u32, i32, Format)> {
    let decimal = match suffix {
        "n" => Some(-9),
        "u" => Some(-6),
        "m" => Some(-3),
        "" => Some(0),
        "k" => Some(3),
        "M" => Some(6),
        "G" => Some(9),
        "T" => Some(12),
        "P" => Some(15),
        "E" => Some(18),
        _ => None,
    };
    if let Some(e) = decimal {
        return Some((10, e, Format::DecimalSI));
    }
    let binary = match suffix {
        "Ki" => Some(10),
        "Mi" => Some(20),
        "Gi" => Some(30),
        "Ti" => Some(40),
        "Pi" => Some(50),
        "Ei" => Some(60),
        _ => None,
    };
    if let Some(e) = binary {
        return Some((2, e, Format::BinarySI));
    }
    let rest = suffix.strip_prefix(['e', 'E'])?;
    if rest.is_empty() {
        return None;
    }
    let parsed: i64 = rest.parse().ok()?;
    if parsed > i64::from(i32::MAX) || parsed < -i64::from(i32::MAX) {
        return None;
    }
    Some((10, parsed as i32, Format::DecimalExponent))
}

fn pow10(exp: u32) -> Option<u128> {
    10u128.checked_pow(exp)
}

/// `ceil(m / 10^k)` for a non-negative `m`; anything non-zero divided past u128's range is 1.
fn div_pow10_round_up(m: u128, k: u32) -> u128 {
    match pow10(k) {
        Some(d) => m / d + u128::from(!m.is_multiple_of(d)),
        None => u128::from(m != 0),
    }
}

/// Parses a quantity exactly as Kubernetes does (`resource.ParseQuantity`), rounding up to a whole nano-unit.
///
/// Errors carry Go's messages (`ERR_FORMAT_WRONG`, `ERR_SUFFIX`, `ERR_NUMERIC`); a value beyond the `i128`
/// nano range is `ERR_NUMERIC` too.
pub fn parse_quantity(s: &str) -> Result<Quantity, String> {
    if s.is_empty() {
        return Err(ERR_FORMAT_WRONG.to_string());
    }
    let parts = split_quantity(s)?;
    let (base, exponent, mut format) = interpret_suffix(parts.suffix).ok_or_else(|| ERR_SUFFIX.to_string())?;
    let numeric = || ERR_NUMERIC.to_string();

    // Trailing zeros of the fraction and leading zeros of the integer part change nothing.
    let denom = parts.denom.trim_end_matches('0');
    let digits = format!("{}{}", parts.num, denom);
    let digits = digits.trim_start_matches('0');
    let mantissa: u128 = if digits.is_empty() { 0 } else { digits.parse().map_err(|_| numeric())? };
    let frac_digits = denom.len() as i64;

    // magnitude in nano-units = mantissa × base^exponent × 10^(9 − frac_digits), rounded up.
    let magnitude: u128 = if mantissa == 0 {
        0
    } else if base == 10 {
        let shift = i64::from(exponent) - frac_digits + 9;
        if shift >= 0 {
            let factor = u32::try_from(shift).ok().and_then(pow10).ok_or_else(numeric)?;
            mantissa.checked_mul(factor).ok_or_else(numeric)?
        } else {
            let k = u32::try_from(-shift).unwrap_or(u32::MAX);
            div_pow10_round_up(mantissa, k)
        }
    } else {
        let scaled = mantissa.checked_mul(1u128 << exponent).ok_or_else(numeric)?;
        let shift = 9 - frac_digits;
        if shift >= 0 {
            scaled.checked_mul(pow10(shift as u32).ok_or_else(numeric)?).ok_or_else(numeric)?
        } else {
            div_pow10_round_up(scaled, u32::try_from(-shift).unwrap_or(u32::MAX))
        }
    };
    let mut magnitude = i128::try_from(magnitude).map_err(|_| numeric())?;

    if format == Format::BinarySI {
        if magnitude > MAX_BINARY_NANOS {
            magnitude = MAX_BINARY_NANOS;
        }
        // Below one unit a binary suffix means nothing; Go switches such values to DecimalSI.
        if magnitude > 0 && magnitude < NANO {
            format = Format::DecimalSI;
        }
    }
    if magnitude == 0 {
        // `0Ki` keeps BinarySI in Go, but zero always prints `0`.
        return Ok(Quantity { nanos: 0, format });
    }
    let nanos = if parts.positive { magnitude } else { -magnitude };
    Ok(Quantity { nanos, format })
}

/// The canonical form of a quantity string, or the string unchanged when it does not parse: how kubectl's
/// describe and table printers show a quantity taken from an object.
pub fn canonical_or_verbatim(s: &str) -> String {
    parse_quantity(s).map(|q| format_quantity(&q)).unwrap_or_else(|_| s.to_string())
}

/// The string Go's `Quantity` marshals to after `ParseQuantity(s)`: `s` itself when Go's fast path finds it
/// already canonical (`100m`, `+100m`, `2000Mi` keep their spelling), otherwise the canonical form (`0.5` →
/// `500m`, `1024Mi` → `1Gi`). This is what a value looks like after kubectl decodes a typed object.
pub fn marshal_quantity(s: &str) -> Result<String, String> {
    let q = parse_quantity(s)?;
    if reuses_spelling(s) { Ok(s.to_string()) } else { Ok(format_quantity(&q)) }
}

/// Go's `ParseQuantity` fast path: whether it stores the input string as the quantity's printed form.
fn reuses_spelling(s: &str) -> bool {
    let Ok(parts) = split_quantity(s) else { return false };
    let Some((_, exponent, format)) = interpret_suffix(parts.suffix) else { return false };
    let (num, denom) = (parts.num, parts.denom);
    let precision = match format {
        Format::DecimalExponent | Format::DecimalSI => 18 - (num.len() + denom.len()) as i64,
        // Go computes `int32(float32(exponent)*3/10)`; for these small non-negative exponents that is exact.
        Format::BinarySI if exponent >= 0 && denom.is_empty() => {
            15 - num.len() as i64 - i64::from(exponent) * 3 / 10 - 1
        }
        Format::BinarySI => -1,
    };
    if precision < 0 {
        return false;
    }
    let scale = i64::from(if format == Format::BinarySI { 0 } else { exponent }) - denom.len() as i64;
    if scale < -9 {
        return false;
    }
    let shifted = format!("{num}{denom}");
    let Ok(value) = shifted.parse::<i64>() else { return false };
    let mantissa: i64 = if format == Format::BinarySI { 1i64 << exponent } else { 1 };
    if value.checked_mul(mantissa).is_none() {
        return false;
    }
    match format {
        Format::BinarySI => exponent % 10 == 0 && value & 0x07 != 0,
        _ => scale % 3 == 0 && !shifted.ends_with("000") && !shifted.starts_with('0'),
    }
}

/// Removes factors of `base` from `m` (non-zero), returning the rest and how many were removed.
fn remove_factors(mut m: u128, base: u128) -> (u128, i32) {
    let mut times = 0;
    while m != 0 && m.is_multiple_of(base) {
        m /= base;
        times += 1;
    }
    (m, times)
}

fn decimal_si_suffix(exponent: i32) -> Option<&'static str> {
    Some(match exponent {
        -9 => "n",
        -6 => "u",
        -3 => "m",
        0 => "",
        3 => "k",
        6 => "M",
        9 => "G",
        12 => "T",
        15 => "P",
        18 => "E",
        _ => return None,
    })
}

fn binary_si_suffix(power_of_1024: i32) -> Option<&'static str> {
    Some(match power_of_1024 {
        0 => "",
        1 => "Ki",
        2 => "Mi",
        3 => "Gi",
        4 => "Ti",
        5 => "Pi",
        6 => "Ei",
        _ => return None,
    })
}

/// The base-10 canonical pair: digits without trailing zeros, exponent lowered to a multiple of 3
/// (Go's `AsCanonicalBytes`).
fn canonical_base10(magnitude: u128) -> (u128, i32) {
    let (mut m, times) = remove_factors(magnitude, 10);
    let mut exponent = times - 9;
    let r = exponent.rem_euclid(3);
    for _ in 0..r {
        m *= 10;
    }
    exponent -= r;
    (m, exponent)
}

fn exponent_suffix(exponent: i32) -> String {
    if exponent == 0 { String::new() } else { format!("e{exponent}") }
}

/// The canonical string Kubernetes prints for a quantity (`Quantity.String()`): `100m`, `2Gi`, `1`, `1k`,
/// `1500m`, `1e3`, `0`.
pub fn format_quantity(q: &Quantity) -> String {
    if q.nanos == 0 {
        return "0".to_string();
    }
    let sign = if q.nanos < 0 { "-" } else { "" };
    let magnitude = q.nanos.unsigned_abs();
    let mut format = q.format;
    if format == Format::BinarySI && (magnitude < 1024 * NANO as u128 || !magnitude.is_multiple_of(NANO as u128)) {
        // Small or fractional binary values print in decimal rather than round.
        format = Format::DecimalSI;
    }
    if format == Format::BinarySI {
        let units = magnitude / NANO as u128;
        let (m, power) = remove_factors(units, 1024);
        if let Some(suffix) = binary_si_suffix(power) {
            return format!("{sign}{m}{suffix}");
        }
        // Past `Ei` there is no binary suffix: fall back to exact exponent notation.
        let (m, exponent) = canonical_base10(magnitude);
        return format!("{sign}{m}{}", exponent_suffix(exponent));
    }
    let (m, exponent) = canonical_base10(magnitude);
    let suffix = match format {
        Format::DecimalSI => match decimal_si_suffix(exponent) {
            Some(s) => s.to_string(),
            None => exponent_suffix(exponent),
        },
        _ => exponent_suffix(exponent),
    };
    format!("{sign}{m}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Quantity {
        match parse_quantity(s) {
            Ok(q) => q,
            Err(e) => panic!("{s}: {e}"),
        }
    }

    /// `value × 10^exponent` in nano-units, like the test file's `decQuantity(value, exponent, format)`.
    fn dec(value: i128, exponent: i32, format: Format) -> Quantity {
        let shift = exponent + 9;
        let nanos = if shift >= 0 { value * 10i128.pow(shift as u32) } else { value / 10i128.pow((-shift) as u32) };
        Quantity { nanos, format }
    }

    use Format::{BinarySI as B, DecimalExponent as X, DecimalSI as D};

    /// The table of `TestQuantityParse` in quantity_test.go (values and formats).
    #[test]
    fn parse_table_from_upstream() {
        let table: Vec<(&str, Quantity)> = vec![
            ("0", dec(0, 0, D)),
            ("0n", dec(0, 0, D)),
            ("0u", dec(0, 0, D)),
            ("0m", dec(0, 0, D)),
            ("0Ki", dec(0, 0, B)),
            ("0k", dec(0, 0, D)),
            ("0Mi", dec(0, 0, B)),
            ("0M", dec(0, 0, D)),
            ("0Gi", dec(0, 0, B)),
            ("0G", dec(0, 0, D)),
            ("0Ti", dec(0, 0, B)),
            ("0T", dec(0, 0, D)),
            ("1", dec(1, 0, D)),
            ("1Ki", dec(1024, 0, B)),
            ("8Ki", dec(8 * 1024, 0, B)),
            ("7Mi", dec(7 * 1024 * 1024, 0, B)),
            ("6Gi", dec(6 * 1024 * 1024 * 1024, 0, B)),
            ("5Ti", dec(5 * 1024i128.pow(4), 0, B)),
            ("4Pi", dec(4 * 1024i128.pow(5), 0, B)),
            ("3Ei", dec(3 * 1024i128.pow(6), 0, B)),
            ("10Ti", dec(10 * 1024i128.pow(4), 0, B)),
            ("100Ti", dec(100 * 1024i128.pow(4), 0, B)),
            ("5n", dec(5, -9, D)),
            ("4u", dec(4, -6, D)),
            ("3m", dec(3, -3, D)),
            ("9", dec(9, 0, D)),
            ("8k", dec(8, 3, D)),
            ("50k", dec(5, 4, D)),
            ("7M", dec(7, 6, D)),
            ("6G", dec(6, 9, D)),
            ("5T", dec(5, 12, D)),
            ("40T", dec(4, 13, D)),
            ("300T", dec(3, 14, D)),
            ("2P", dec(2, 15, D)),
            ("1E", dec(1, 18, D)),
            ("1E-3", dec(1, -3, X)),
            ("1e3", dec(1, 3, X)),
            ("1E6", dec(1, 6, X)),
            ("1e9", dec(1, 9, X)),
            ("1E12", dec(1, 12, X)),
            ("1e15", dec(1, 15, X)),
            ("1E18", dec(1, 18, X)),
            ("1e14", dec(1, 14, X)),
            ("1e13", dec(1, 13, X)),
            ("100.035k", dec(100035, 0, D)),
            ("0.001", dec(1, -3, D)),
            ("0.0005k", dec(5, -1, D)),
            ("0.005", dec(5, -3, D)),
            ("0.05", dec(5, -2, D)),
            ("0.5", dec(5, -1, D)),
            ("0.00050k", dec(5, -1, D)),
            ("0.00500", dec(5, -3, D)),
            ("0.05000", dec(5, -2, D)),
            ("0.50000", dec(5, -1, D)),
            ("0.5e0", dec(5, -1, X)),
            ("0.5e-1", dec(5, -2, X)),
            ("0.5e-2", dec(5, -3, X)),
            ("10.035M", dec(10035, 3, D)),
            ("1.2e3", dec(12, 2, X)),
            ("1.3E+6", dec(13, 5, X)),
            ("1.40e9", dec(14, 8, X)),
            ("1.53E12", dec(153, 10, X)),
            ("1.6e15", dec(16, 14, X)),
            ("1.7E18", dec(17, 17, X)),
            ("9.01", dec(901, -2, D)),
            ("8.1k", dec(81, 2, D)),
            ("7.123456M", dec(7123456, 0, D)),
            ("6.987654321G", dec(6987654321, 0, D)),
            ("5.444T", dec(5444, 9, D)),
            ("40.1T", dec(401, 11, D)),
            ("300.2T", dec(3002, 11, D)),
            ("2.5P", dec(25, 14, D)),
            ("1.01E", dec(101, 16, D)),
            // Things that saturate/round.
            ("3.001n", dec(4, -9, D)),
            ("1.1E-9", dec(2, -9, X)),
            ("0.0000000001", dec(1, -9, D)),
            ("0.0000000005", dec(1, -9, D)),
            ("0.00000000050", dec(1, -9, D)),
            ("0.5e-9", dec(1, -9, X)),
            ("0.9n", dec(1, -9, D)),
            ("0.00000012345", dec(124, -9, D)),
            ("0.00000012354", dec(124, -9, D)),
            ("9Ei", Quantity { nanos: MAX_BINARY_NANOS, format: B }),
            ("9223372036854775807Ki", Quantity { nanos: MAX_BINARY_NANOS, format: B }),
            ("12E", dec(12, 18, D)),
            // Fractional binary values.
            ("100.035Ki", dec(10243584, -2, B)),
            ("0.5Mi", dec(512 * 1024, 0, B)),
            ("0.05Gi", dec(536870912, -1, B)),
            ("0.025Ti", dec(274877906944, -1, B)),
            // "Things written by trolls".
            ("0.000000000001Ki", dec(2, -9, D)),
            (".001", dec(1, -3, D)),
            (".0001k", dec(100, -3, D)),
            ("1.", dec(1, 0, D)),
            ("1.G", dec(1, 9, D)),
        ];
        for (input, want) in &table {
            let got = q(input);
            assert_eq!(got.nanos, want.nanos, "{input}");
            assert_eq!(got.format, want.format, "{input}");
            // The negative and explicitly positive forms parse to the negated / same value and format.
            let neg = q(&format!("-{input}"));
            assert_eq!(neg.nanos, -want.nanos, "-{input}");
            assert_eq!(neg.format, want.format, "-{input}");
            let pos = q(&format!("+{input}"));
            assert_eq!(pos.nanos, want.nanos, "+{input}");
        }
    }

    /// The `invalid` list of `TestQuantityParse`, plus the empty string.
    #[test]
    fn invalid_inputs_from_upstream() {
        for input in [
            "",
            "1.1.M",
            "1+1.0M",
            "0.1mi",
            "0.1am",
            "aoeu",
            ".5i",
            "1i",
            "-3.01i",
            "-3.01e-",
            "1e4294967297",
            " 1",
            "1 ",
        ] {
            assert!(parse_quantity(input).is_err(), "{input:?} parsed");
        }
        assert_eq!(parse_quantity("1.1.M").unwrap_err(), ERR_FORMAT_WRONG);
        assert_eq!(parse_quantity("0.1mi").unwrap_err(), ERR_SUFFIX);
        assert_eq!(parse_quantity("1K").unwrap_err(), ERR_SUFFIX);
    }

    /// The table of `TestQuantityString`: canonical output, and the alternate spelling that parses to it.
    #[test]
    fn canonical_strings_from_upstream() {
        let table: Vec<(Quantity, &str, &str)> = vec![
            (dec(1024 * 1024 * 1024, 0, B), "1Gi", "1024Mi"),
            (dec(300 * 1024 * 1024, 0, B), "300Mi", "307200Ki"),
            (dec(6 * 1024, 0, B), "6Ki", ""),
            (dec(1001 * 1024 * 1024 * 1024, 0, B), "1001Gi", "1025024Mi"),
            (dec(1024i128.pow(4), 0, B), "1Ti", "1024Gi"),
            (dec(5, 0, B), "5", "5000m"),
            (dec(500, -3, B), "500m", "0.5"),
            (dec(1, 9, D), "1G", "1000M"),
            (dec(1000, 6, D), "1G", "0.001T"),
            (dec(1000000, 3, D), "1G", ""),
            (dec(1000000000, 0, D), "1G", ""),
            (dec(1, -3, D), "1m", "1000u"),
            (dec(80, -3, D), "80m", ""),
            (dec(1080, -3, D), "1080m", "1.08"),
            (dec(108, -2, D), "1080m", "1080000000n"),
            (dec(10800, -4, D), "1080m", ""),
            (dec(300, 6, D), "300M", ""),
            (dec(1, 12, D), "1T", ""),
            (dec(1, 18, D), "1E", ""),
            (dec(1, 21, D), "1e21", "1000E"),
            (dec(5, 21, D), "5e21", "5000E"),
            (dec(1, 24, D), "1e24", "1000000E"),
            (dec(1234567, 6, D), "1234567M", ""),
            (dec(1234567, -3, B), "1234567m", ""),
            (dec(3, 3, D), "3k", ""),
            (dec(1025, 0, B), "1025", ""),
            (dec(0, 0, D), "0", ""),
            (dec(0, 0, B), "0", ""),
            (dec(1, 9, X), "1e9", ".001e12"),
            (dec(1, -3, X), "1e-3", "0.001e0"),
            (dec(1, -9, X), "1e-9", "1000e-12"),
            (dec(80, -3, X), "80e-3", ""),
            (dec(300, 6, X), "300e6", ""),
            (dec(1, 12, X), "1e12", ""),
            (dec(1, 3, X), "1e3", ""),
            (dec(3, 3, X), "3e3", ""),
            (dec(3, 3, D), "3k", ""),
            (dec(0, 0, X), "0", "00"),
            (dec(1, -9, D), "1n", ""),
            (dec(80, -9, D), "80n", ""),
            (dec(1080, -9, D), "1080n", ""),
            (dec(108, -8, D), "1080n", ""),
            (dec(10800, -10, D), "1080n", ""),
            (dec(1, -6, D), "1u", ""),
            (dec(80, -6, D), "80u", ""),
            (dec(1080, -6, D), "1080u", ""),
        ];
        for (value, expect, alternate) in &table {
            assert_eq!(format_quantity(value), *expect, "{value:?}");
            // The canonical string parses back to the same value and prints unchanged.
            let reparsed = q(expect);
            assert_eq!(reparsed, *value, "{expect}");
            assert_eq!(format_quantity(&reparsed), *expect);
            if !alternate.is_empty() {
                assert_eq!(format_quantity(&q(alternate)), *expect, "alternate {alternate}");
            }
            if !value.is_zero() {
                let negated = Quantity { nanos: -value.nanos, format: value.format };
                assert_eq!(format_quantity(&negated), format!("-{expect}"));
            }
        }
    }

    /// `TestBinarySIPastEiArithmeticRoundTrip` and `TestBinarySIZeroExponentString`.
    #[test]
    fn binary_si_edges_from_upstream() {
        let two_pow_70 = Quantity { nanos: (1i128 << 70) * NANO, format: B };
        assert_eq!(format_quantity(&two_pow_70), "1180591620717411303424");
        assert_eq!(q("1180591620717411303424"), two_pow_70);
        assert_eq!(format_quantity(&dec(2000, 0, B)), "2000");
        assert_eq!(format_quantity(&dec(-2000, 0, B)), "-2000");
        // Upstream's `10e69` / `1e72` rows are beyond our i128 nano range: they are rejected, not stored.
        assert!(parse_quantity("10e69").is_err());
    }

    /// `TestQuantityParseEmit`.
    #[test]
    fn parse_emit_from_upstream() {
        for (input, expect) in [
            ("1Ki", "1Ki"),
            ("1Mi", "1Mi"),
            ("1Gi", "1Gi"),
            ("1024Mi", "1Gi"),
            ("1000M", "1G"),
            (".001Ki", "1024m"),
            (".000001Ki", "1024u"),
            (".000000001Ki", "1024n"),
            (".000000000001Ki", "2n"),
        ] {
            assert_eq!(format_quantity(&q(input)), expect, "{input}");
            assert_eq!(format_quantity(&q(&format!("-{input}"))), format!("-{expect}"), "-{input}");
        }
    }

    /// The everyday spellings in manifests and what kubectl shows for them.
    #[test]
    fn everyday_forms() {
        for (input, expect) in [
            ("500m", "500m"),
            ("1.5", "1500m"),
            ("2Gi", "2Gi"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("129M", "129M"),
            ("123Mi", "123Mi"),
            ("1000", "1k"),
            ("1.5Gi", "1536Mi"),
            ("0.5Gi", "512Mi"),
            ("100", "100"),
            ("1", "1"),
            ("0.1", "100m"),
            ("-0", "0"),
            ("000", "0"),
            (".", "0"),
        ] {
            assert_eq!(format_quantity(&q(input)), expect, "{input}");
        }
    }

    /// `MilliValue()` and `Value()` round up (away from zero), as in `TestQuantityRoundUp`'s spirit and the
    /// scheduler's use (`requests.Cpu().MilliValue()`).
    #[test]
    fn milli_value_and_value_round_up() {
        assert_eq!(q("500m").milli_value(), 500);
        assert_eq!(q("1.5").milli_value(), 1500);
        assert_eq!(q("0.1m").milli_value(), 1);
        assert_eq!(q("1n").milli_value(), 1);
        assert_eq!(q("2Gi").value(), 2 * 1024 * 1024 * 1024);
        assert_eq!(q("9.01").value(), 10);
        assert_eq!(q("-9.01").value(), -10);
        assert_eq!(q("1.5").value(), 2);
        assert_eq!(q("12E").value(), i64::MAX);
        assert_eq!(q("1e3").value(), 1000);
        assert_eq!(q("250m").value(), 1);
    }

    #[test]
    fn arithmetic_and_ordering() {
        assert_eq!(q("1Ki"), q("1024"));
        assert!(q("100m") > q("50m"));
        assert!(q("10000T") > q("100Gi"));
        let sum = q("100m").checked_add(&q("0")).unwrap();
        assert_eq!(format_quantity(&sum), "100m");
        let sum = Quantity::ZERO.checked_add(&q("1Gi")).unwrap();
        assert_eq!(format_quantity(&sum), "1Gi");
        assert_eq!(format_quantity(&Quantity::from_milli(250, D)), "250m");
        assert_eq!(format_quantity(&Quantity::from_value(2 * 1024 * 1024 * 1024, B)), "2Gi");
        assert_eq!(format_quantity(&q("1").checked_sub(&q("1500m")).unwrap()), "-500m");
    }

    /// What kubectl shows after decoding a typed object (Go's `ParseQuantity` fast path keeps canonical input).
    #[test]
    fn marshal_keeps_canonical_spelling() {
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
            assert_eq!(marshal_quantity(input).as_deref(), Ok(want), "{input}");
        }
        assert!(marshal_quantity("abc").is_err());
        assert!(marshal_quantity("1x").is_err());
        assert_eq!(canonical_or_verbatim("0.5"), "500m");
        assert_eq!(canonical_or_verbatim("bogus"), "bogus");
    }

    #[test]
    fn round_up_and_predicates() {
        assert_eq!(format_quantity(&q("0.0001").round_up(-3)), "1m");
        assert_eq!(format_quantity(&q("1.0001").round_up(-3)), "1001m");
        assert_eq!(format_quantity(&q("-1.0001").round_up(-3)), "-1001m");
        assert_eq!(format_quantity(&q("1500m").round_up(0)), "2");
        assert_eq!(q("1Gi").round_up(-3).format(), Format::BinarySI);
        assert_eq!(q("1n").round_up(-12), q("1n"));
        assert!(q("2").is_integer());
        assert!(!q("1500m").is_integer());
        assert!(q("1m").is_positive() && q("-1m").is_negative() && !Quantity::ZERO.is_positive());
        assert_eq!(
            format_quantity(&Quantity::default().saturating_add(&q("70Mi")).saturating_add(&q("170Mi"))),
            "240Mi"
        );
    }

    #[test]
    fn huge_values_are_errors_not_panics() {
        assert!(parse_quantity("1e40").is_err());
        assert!(parse_quantity("99999999999999999999999999999999999999999999").is_err());
        assert!(parse_quantity("1e-2147483647").is_ok());
        assert_eq!(q("1e-2147483647").nanos(), 1);
        assert!(parse_quantity("1e2147483647").is_err());
    }
}
