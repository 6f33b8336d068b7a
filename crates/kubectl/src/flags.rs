//! Command-line flags parsed as kubectl's cobra/pflag parses them, with the same errors.
//!
//! pflag accepts `--name=value`, `--name value`, `-n value`, `-nvalue`, `-n=value`,
//! grouped boolean shorthands (`-it`), flags after positional arguments, and `--` to end
//! flags (remembering how many arguments came before it, for `ArgsLenAtDash`).

use std::collections::{BTreeMap, BTreeSet};

/// How a flag takes its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Bool,
    String,
    /// `StringSlice`: comma-separated values (CSV), repeatable.
    StringSlice,
    /// `StringArray`: one value per use, repeatable, no splitting.
    StringArray,
    Int32,
    Int64,
}

/// One flag a command accepts.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub name: &'static str,
    pub short: Option<char>,
    pub kind: Kind,
    /// The value a bare `--name` takes (pflag's `NoOptDefVal`), for non-bool flags.
    pub no_opt: Option<&'static str>,
}

impl Spec {
    pub const fn new(name: &'static str, short: Option<char>, kind: Kind) -> Spec {
        Spec { name, short, kind, no_opt: None }
    }
}

/// Flags every kubectl command accepts (kubeconfig and logging flags). Only `namespace`
/// matters offline; the others are accepted so that command lines parse as they do in
/// kubectl.
pub const GLOBAL: &[Spec] = &[
    Spec::new("namespace", Some('n'), Kind::String),
    Spec::new("kubeconfig", None, Kind::String),
    Spec::new("context", None, Kind::String),
    Spec::new("cluster", None, Kind::String),
    Spec::new("user", None, Kind::String),
    Spec::new("server", Some('s'), Kind::String),
    Spec::new("token", None, Kind::String),
    Spec::new("as", None, Kind::String),
    Spec::new("as-group", None, Kind::StringArray),
    Spec::new("as-uid", None, Kind::String),
    Spec::new("cache-dir", None, Kind::String),
    Spec::new("certificate-authority", None, Kind::String),
    Spec::new("client-certificate", None, Kind::String),
    Spec::new("client-key", None, Kind::String),
    Spec::new("insecure-skip-tls-verify", None, Kind::Bool),
    Spec::new("tls-server-name", None, Kind::String),
    Spec::new("request-timeout", None, Kind::String),
    Spec::new("match-server-version", None, Kind::Bool),
    Spec::new("disable-compression", None, Kind::Bool),
    Spec::new("warnings-as-errors", None, Kind::Bool),
    Spec::new("profile", None, Kind::String),
    Spec::new("profile-output", None, Kind::String),
    Spec::new("v", Some('v'), Kind::Int32),
    Spec::new("vmodule", None, Kind::String),
    Spec::new("log-flush-frequency", None, Kind::String),
];

/// The result of parsing.
#[derive(Debug, Default)]
pub struct Parsed {
    values: BTreeMap<&'static str, Vec<String>>,
    /// Positional arguments, in order.
    pub args: Vec<String>,
    /// How many positional arguments came before `--` (cobra's `ArgsLenAtDash`).
    pub args_len_at_dash: Option<usize>,
    changed: BTreeSet<&'static str>,
}

impl Parsed {
    /// Whether the flag was given.
    pub fn changed(&self, name: &str) -> bool {
        self.changed.contains(name)
    }

    /// The last value of a string flag.
    pub fn string(&self, name: &str) -> Option<&str> {
        self.values.get(name).and_then(|v| v.last()).map(String::as_str)
    }

    /// All values of a slice or array flag.
    pub fn strings(&self, name: &str) -> Vec<String> {
        self.values.get(name).cloned().unwrap_or_default()
    }

    /// A boolean flag.
    pub fn bool(&self, name: &str) -> bool {
        self.string(name) == Some("true")
    }

    /// An integer flag (already validated).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.string(name).and_then(parse_go_int)
    }
}

/// Parses `argv` against the command's flags plus [`GLOBAL`].
pub fn parse(specs: &[Spec], argv: &[String]) -> Result<Parsed, String> {
    let all: Vec<&Spec> = specs.iter().chain(GLOBAL.iter()).collect();
    let find_long = |n: &str| all.iter().copied().find(|s| s.name == n);
    let find_short = |c: char| all.iter().copied().find(|s| s.short == Some(c));
    let mut p = Parsed::default();
    let mut i = 0;
    while i < argv.len() {
        let a = &argv[i];
        i += 1;
        if a == "--" {
            p.args_len_at_dash = Some(p.args.len());
            p.args.extend(argv[i..].iter().cloned());
            break;
        }
        if let Some(body) = a.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(spec) = find_long(name) else {
                return Err(format!("unknown flag: --{name}"));
            };
            let value = match inline {
                Some(v) => v,
                None if spec.kind == Kind::Bool => "true".into(),
                None if spec.no_opt.is_some() => spec.no_opt.unwrap_or_default().into(),
                None => {
                    if i < argv.len() {
                        i += 1;
                        argv[i - 1].clone()
                    } else {
                        return Err(format!("flag needs an argument: --{name}"));
                    }
                }
            };
            set(&mut p, spec, &value)?;
        } else if a.len() > 1 && a.starts_with('-') {
            let shorts: Vec<char> = a[1..].chars().collect();
            let mut k = 0;
            while k < shorts.len() {
                let c = shorts[k];
                let Some(spec) = find_short(c) else {
                    return Err(format!("unknown shorthand flag: '{c}' in {a}"));
                };
                let rest: String = shorts[k + 1..].iter().collect();
                if let Some(v) = rest.strip_prefix('=') {
                    set(&mut p, spec, v)?;
                    break;
                }
                if spec.kind == Kind::Bool {
                    set(&mut p, spec, "true")?;
                    k += 1;
                    continue;
                }
                if !rest.is_empty() {
                    set(&mut p, spec, &rest)?;
                    break;
                }
                if let Some(v) = spec.no_opt {
                    set(&mut p, spec, v)?;
                    break;
                }
                if i < argv.len() {
                    i += 1;
                    set(&mut p, spec, &argv[i - 1])?;
                    break;
                }
                return Err(format!("flag needs an argument: '{c}' in -{c}"));
            }
        } else {
            p.args.push(a.clone());
        }
    }
    Ok(p)
}

fn flag_title(spec: &Spec) -> String {
    match spec.short {
        Some(c) => format!("-{c}, --{}", spec.name),
        None => format!("--{}", spec.name),
    }
}

fn set(p: &mut Parsed, spec: &Spec, value: &str) -> Result<(), String> {
    let invalid =
        |why: String| format!("invalid argument {} for {} flag: {why}", go_quote(value), go_quote(&flag_title(spec)));
    let entry = p.values.entry(spec.name).or_default();
    match spec.kind {
        Kind::Bool => {
            let b = parse_go_bool(value)
                .ok_or_else(|| invalid(format!("strconv.ParseBool: parsing \"{value}\": invalid syntax")))?;
            *entry = vec![b.to_string()];
        }
        Kind::String => *entry = vec![value.to_string()],
        Kind::StringArray => {
            if !p.changed.contains(spec.name) {
                entry.clear();
            }
            entry.push(value.to_string());
        }
        Kind::StringSlice => {
            let items = read_csv(value).map_err(invalid)?;
            if !p.changed.contains(spec.name) {
                entry.clear();
            }
            entry.extend(items);
        }
        Kind::Int32 | Kind::Int64 => {
            let bits = if spec.kind == Kind::Int32 { 32 } else { 64 };
            check_go_int(value, bits).map_err(invalid)?;
            *entry = vec![value.to_string()];
        }
    }
    p.changed.insert(spec.name);
    Ok(())
}

/// Go's `strconv.ParseBool`.
fn parse_go_bool(s: &str) -> Option<bool> {
    match s {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseInt(s, 0, bits)` error text, or the value.
fn check_go_int(s: &str, bits: u32) -> Result<i64, String> {
    let syntax = || format!("strconv.ParseInt: parsing \"{s}\": invalid syntax");
    let range = || format!("strconv.ParseInt: parsing \"{s}\": value out of range");
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (radix, digits) = match body.get(..2) {
        Some("0x" | "0X") => (16, &body[2..]),
        Some("0b" | "0B") => (2, &body[2..]),
        Some("0o" | "0O") => (8, &body[2..]),
        _ if body.len() > 1 && body.starts_with('0') => (8, &body[1..]),
        _ => (10, body),
    };
    let digits: String = if radix != 10 { digits.replace('_', "") } else { digits.to_string() };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return Err(syntax());
    }
    let mag = u128::from_str_radix(&digits, radix).map_err(|_| range())?;
    let limit: u128 = 1u128 << (bits - 1);
    if (!neg && mag >= limit) || (neg && mag > limit) {
        return Err(range());
    }
    let v = mag as i128;
    Ok((if neg { -v } else { v }) as i64)
}

/// An integer flag's value, as Go parsed it.
pub fn parse_go_int(s: &str) -> Option<i64> {
    check_go_int(s, 64).ok()
}

/// One line of CSV as Go's `encoding/csv` reads it (pflag's StringSlice).
fn read_csv(s: &str) -> Result<Vec<String>, String> {
    if s.is_empty() {
        return Ok(Vec::new());
    }
    let err = |col: usize, what: &str| format!("parse error on line 1, column {col}: {what}");
    let b: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        let mut field = String::new();
        if b.get(i) == Some(&'"') {
            i += 1;
            loop {
                match b.get(i) {
                    None => return Err(err(i + 1, "extraneous or missing \" in quoted-field")),
                    Some('"') if b.get(i + 1) == Some(&'"') => {
                        field.push('"');
                        i += 2;
                    }
                    Some('"') => {
                        i += 1;
                        break;
                    }
                    Some(&c) => {
                        field.push(c);
                        i += 1;
                    }
                }
            }
            match b.get(i) {
                None | Some(',') => {}
                Some(_) => return Err(err(i, "extraneous or missing \" in quoted-field")),
            }
        } else {
            while let Some(&c) = b.get(i) {
                if c == ',' {
                    break;
                }
                if c == '"' {
                    return Err(err(i + 1, "bare \" in non-quoted-field"));
                }
                field.push(c);
                i += 1;
            }
        }
        out.push(field);
        if b.get(i) == Some(&',') {
            i += 1;
            continue;
        }
        return Ok(out);
    }
}

/// Go's `strconv.Quote` (the `%q` verb).
pub fn go_quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if c.is_control() || matches!(c as u32, 0xFEFF | 0x2028 | 0x2029) => {
                if (c as u32) < 0x10000 {
                    out.push_str(&format!("\\u{:04x}", c as u32));
                } else {
                    out.push_str(&format!("\\U{:08x}", c as u32));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    const SPECS: &[Spec] = &[
        Spec::new("image", None, Kind::StringSlice),
        Spec::new("replicas", Some('r'), Kind::Int32),
        Spec::new("stdin", Some('i'), Kind::Bool),
        Spec::new("tty", Some('t'), Kind::Bool),
        Spec::new("output", Some('o'), Kind::String),
    ];

    #[test]
    fn pflag_forms() {
        let p = parse(SPECS, &args("web --image=a,b -r 3 -it -oyaml -n ns -- sh -c x")).unwrap();
        assert_eq!(p.args, ["web", "sh", "-c", "x"]);
        assert_eq!(p.args_len_at_dash, Some(1));
        assert_eq!(p.strings("image"), ["a", "b"]);
        assert_eq!(p.int("replicas"), Some(3));
        assert!(p.bool("stdin") && p.bool("tty"));
        assert_eq!(p.string("output"), Some("yaml"));
        assert_eq!(p.string("namespace"), Some("ns"));
    }

    #[test]
    fn pflag_errors() {
        assert_eq!(parse(SPECS, &args("--foo")).unwrap_err(), "unknown flag: --foo");
        assert_eq!(parse(SPECS, &args("-x")).unwrap_err(), "unknown shorthand flag: 'x' in -x");
        assert_eq!(
            parse(SPECS, &args("-r x")).unwrap_err(),
            "invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax"
        );
        assert_eq!(parse(SPECS, &args("--image")).unwrap_err(), "flag needs an argument: --image");
    }
}
