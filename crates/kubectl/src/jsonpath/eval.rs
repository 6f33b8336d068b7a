//! Runs a parsed template against a JSON value, following client-go's `util/jsonpath/jsonpath.go`.
//!
//! Each action maps a list of values to a list of values, node by node. `range` and `end` are
//! control flow over the template's top-level sequence, as upstream runs them: the body after a
//! `{range …}` runs once per value until its `{end}`; a range over nothing still runs its body once
//! against no value (discarding the output) to find where it ends; a missing `{end}` lets the rest
//! of the template run inside the loop and then once more after it.

use super::go_fmt::{self, GoNumber};
use super::parser::{Filter, FilterOp, Node, Segment, Slice};
use serde_json::Value;

/// A value as upstream's evaluator sees it (a Go `reflect.Value`).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Val<'a> {
    /// A value from the data; `Value::Null` is Go's nil `interface{}`.
    Json(&'a Value),
    /// Go's invalid `reflect.Value`: what a range body runs against when the range is empty,
    /// and what a range over a `null` element yields.
    Missing,
    /// A string literal from the template.
    Str(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// One byte of a string, which `*` and `..` step into as Go indexes strings.
    Byte(u8),
}

/// An evaluation error with the values upstream's function returned alongside it: an exists
/// filter (`[?(@.a[1])]`) keeps an element whenever those are not empty, error or not.
pub(super) struct Failure<'a> {
    pub(super) values: Vec<Val<'a>>,
    pub(super) message: String,
}

type Eval<'a> = Result<Vec<Val<'a>>, Failure<'a>>;

fn fail<'a>(values: Vec<Val<'a>>, message: impl Into<String>) -> Failure<'a> {
    Failure { values, message: message.into() }
}

/// Deeper `range` nesting than this is refused rather than risking the stack.
const MAX_RANGE_DEPTH: u32 = 1000;

/// Ranges without `{end}` rerun the rest of the template per value, which can grow exponentially
/// (kubectl would hang); past this many steps the run stops with an error instead.
const MAX_STEPS: u64 = 1_000_000;

/// Upstream's executor state, shared by the whole run.
struct Machine<'a> {
    segments: &'a [Segment],
    allow_missing_keys: bool,
    /// `range` identifiers evaluated whose loop has not started yet.
    begin_range: u32,
    /// Ranges being looped over.
    in_range: u32,
    /// `end` identifiers evaluated inside a range, not yet acted on.
    end_range: u32,
    /// Index of the last `{end}` that closed a loop body: where the loop resumes.
    last_end: Option<usize>,
    /// Segments run so far.
    steps: u64,
}

/// Runs the template; each action (or text) yields one group of values, as upstream's `FindResults`.
pub(super) fn find_results<'a>(
    segments: &'a [Segment],
    data: &'a Value,
    allow_missing_keys: bool,
) -> Result<Vec<Vec<Val<'a>>>, String> {
    let mut machine =
        Machine { segments, allow_missing_keys, begin_range: 0, in_range: 0, end_range: 0, last_end: None, steps: 0 };
    let mut groups = Vec::new();
    machine.run(0, from_data(Val::Json(data)), &mut groups)?;
    Ok(groups)
}

/// A value handed to a range body: Go passes `value.Interface()`, which turns nil into nothing.
fn from_data(value: Val<'_>) -> Val<'_> {
    match value {
        Val::Json(Value::Null) => Val::Missing,
        other => other,
    }
}

impl<'a> Machine<'a> {
    fn run(&mut self, start: usize, data: Val<'a>, groups: &mut Vec<Vec<Val<'a>>>) -> Result<(), String> {
        let mut i = start;
        while i < self.segments.len() {
            self.steps += 1;
            if self.steps > MAX_STEPS {
                return Err("the template takes too many steps to run".to_string());
            }
            let results = match &self.segments[i] {
                Segment::Text(text) => vec![Val::Str(text)],
                Segment::Action(nodes) => self.list(nodes, vec![data]).map_err(|f| f.message)?,
            };
            // An `{end}` inside a loop ends this run of the body; the loop resumes after it.
            if self.end_range > 0 && self.end_range <= self.in_range {
                self.end_range -= 1;
                self.last_end = Some(i);
                break;
            }
            // A `{range …}`: run the rest of the template once per value (once against no value,
            // discarding the output, when there is none), then skip past the `{end}` that closed it.
            if self.begin_range > 0 {
                self.begin_range -= 1;
                if self.in_range >= MAX_RANGE_DEPTH {
                    return Err("too many nested ranges".to_string());
                }
                self.in_range += 1;
                if results.is_empty() {
                    self.run(i + 1, Val::Missing, &mut Vec::new())?;
                } else {
                    for value in results {
                        self.run(i + 1, from_data(value), groups)?;
                    }
                }
                self.in_range -= 1;
                if let Some(end) = self.last_end.filter(|&end| end > i) {
                    i = end;
                }
                i += 1;
                continue;
            }
            groups.push(results);
            i += 1;
        }
        Ok(())
    }

    fn list(&mut self, nodes: &'a [Node], input: Vec<Val<'a>>) -> Eval<'a> {
        let mut values = input;
        for node in nodes {
            values = self.node(node, values)?;
        }
        Ok(values)
    }

    fn node(&mut self, node: &'a Node, input: Vec<Val<'a>>) -> Eval<'a> {
        match node {
            Node::Text(text) => Ok(vec![Val::Str(text)]),
            Node::Field(name) => self.field(name, input),
            Node::Identifier(name) => self.identifier(name, input),
            Node::Int(n) => Ok(vec![Val::Int(*n); input.len()]),
            Node::Float(f) => Ok(vec![Val::Float(*f); input.len()]),
            Node::Bool(b) => Ok(vec![Val::Bool(*b); input.len()]),
            Node::Array(slice) => array(slice, input),
            Node::Filter(filter) => self.filter(filter, input),
            Node::Wildcard => Ok(input.into_iter().flat_map(children).collect()),
            Node::Recursive => Ok(recursive(input)),
            Node::Union(lists) => {
                let mut out = Vec::new();
                for list in lists {
                    match self.list(list, input.clone()) {
                        Ok(values) => out.extend(values),
                        Err(f) => return Err(fail(input, f.message)),
                    }
                }
                Ok(out)
            }
        }
    }

    fn identifier(&mut self, name: &str, input: Vec<Val<'a>>) -> Eval<'a> {
        match name {
            "range" => {
                self.begin_range += 1;
                Ok(input)
            }
            "end" if self.in_range > 0 => {
                self.end_range += 1;
                Ok(Vec::new())
            }
            "end" => Err(fail(Vec::new(), "not in range, nothing to end")),
            _ => Err(fail(input, format!("unrecognized identifier {name}"))),
        }
    }

    fn field(&self, name: &str, input: Vec<Val<'a>>) -> Eval<'a> {
        if input.is_empty() {
            return Ok(input);
        }
        let found: Vec<Val<'a>> = input
            .iter()
            .filter_map(|value| match value {
                Val::Json(Value::Object(map)) => map.get(name).map(Val::Json),
                _ => None,
            })
            .collect();
        if found.is_empty() && !self.allow_missing_keys {
            return Err(fail(found, format!("{name} is not found")));
        }
        Ok(found)
    }

    fn filter(&mut self, filter: &'a Filter, input: Vec<Val<'a>>) -> Eval<'a> {
        let mut kept = Vec::new();
        for value in &input {
            let Val::Json(Value::Array(elements)) = value else {
                let message = format!("{} is not array or slice and cannot be filtered", sprint_val(value));
                return Err(fail(input, message));
            };
            for element in elements {
                let element = Val::Json(element);
                let lefts = self.list(&filter.left, vec![element]);
                if filter.op == FilterOp::Exists {
                    let found = match &lefts {
                        Ok(values) => !values.is_empty(),
                        Err(failure) => !failure.values.is_empty(),
                    };
                    if found {
                        kept.push(element);
                    }
                    continue;
                }
                let Some(left) = self.single(lefts, &input)? else {
                    continue;
                };
                let rights = self.list(&filter.right, vec![element]);
                let Some(right) = self.single(rights, &input)? else {
                    continue;
                };
                match compare(&filter.op, left, right) {
                    Ok(true) => kept.push(element),
                    Ok(false) => {}
                    Err(message) => return Err(fail(kept, message)),
                }
            }
        }
        Ok(kept)
    }

    /// The one operand of a comparison; no value skips the element, several are an error.
    fn single(&self, operands: Eval<'a>, input: &[Val<'a>]) -> Result<Option<Val<'a>>, Failure<'a>> {
        let operands = operands.map_err(|f| fail(input.to_vec(), f.message))?;
        match operands.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            _ => Err(fail(input.to_vec(), "can only compare one element at a time")),
        }
    }
}

fn array<'a>(slice: &Slice, input: Vec<Val<'a>>) -> Eval<'a> {
    let mut out = Vec::new();
    for value in &input {
        let elements = match value {
            Val::Json(Value::Null) => continue,
            Val::Json(Value::Array(elements)) => elements,
            other => {
                let message = format!("{} is not array or slice", type_name(other));
                return Err(fail(input, message));
            }
        };
        let len = i64::try_from(elements.len()).unwrap_or(i64::MAX);
        let mut start = if slice.start.known { slice.start.value } else { 0 };
        if start < 0 {
            start = start.wrapping_add(len);
        }
        let mut end = if slice.end.known { slice.end.value } else { len };
        if end < 0 || (end == 0 && slice.end.derived) {
            end = end.wrapping_add(len);
        }
        if start == end {
            // Upstream returns here, dropping the values of any inputs still to come.
            return Ok(out);
        }
        if start >= len || start < 0 {
            return Err(fail(input, format!("array index out of bounds: index {start}, length {len}")));
        }
        if end > len || end < 0 {
            let index = end.wrapping_sub(1);
            return Err(fail(input, format!("array index out of bounds: index {index}, length {len}")));
        }
        if start > end {
            return Err(fail(input, format!("starting index {start} is greater than ending index {end}")));
        }
        let step = if slice.step.known { slice.step.value } else { 1 };
        if step <= 0 {
            return Err(fail(input, "step must be > 0"));
        }
        let (start, end) = (start as usize, end as usize);
        let step = usize::try_from(step).unwrap_or(usize::MAX);
        out.extend(elements[start..end].iter().step_by(step).map(Val::Json));
    }
    Ok(out)
}

/// What `*` yields for one value: object members (in key order), array elements, string bytes.
fn children(value: Val<'_>) -> Vec<Val<'_>> {
    match value {
        Val::Json(Value::Object(map)) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            entries.into_iter().map(|(_, v)| Val::Json(v)).collect()
        }
        Val::Json(Value::Array(items)) => items.iter().map(Val::Json).collect(),
        Val::Json(Value::String(s)) => s.bytes().map(Val::Byte).collect(),
        Val::Str(s) => s.bytes().map(Val::Byte).collect(),
        _ => Vec::new(),
    }
}

/// `..`: every value that has children, followed by the same for its children, depth first.
/// Leaves (numbers, booleans, empty strings and collections) are not listed themselves.
fn recursive(input: Vec<Val<'_>>) -> Vec<Val<'_>> {
    let mut out = Vec::new();
    for value in input {
        let below = children(value);
        if !below.is_empty() {
            out.push(value);
            out.extend(recursive(below));
        }
    }
    out
}

/// A comparable value, by Go's `basicKind`.
#[derive(Clone, Copy)]
enum Basic<'a> {
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Str(&'a str),
}

const BAD_TYPE: &str = "invalid type for comparison";
const INCOMPATIBLE: &str = "incompatible types for comparison";

fn basic(value: Val<'_>) -> Result<Basic<'_>, String> {
    Ok(match value {
        Val::Json(Value::Bool(b)) => Basic::Bool(*b),
        Val::Bool(b) => Basic::Bool(b),
        Val::Json(Value::Number(n)) => match go_fmt::go_number(n) {
            GoNumber::Int(i) => Basic::Int(i),
            GoNumber::Float(f) => Basic::Float(f),
        },
        Val::Json(Value::String(s)) => Basic::Str(s),
        Val::Str(s) => Basic::Str(s),
        Val::Int(i) => Basic::Int(i),
        Val::Float(f) => Basic::Float(f),
        Val::Byte(b) => Basic::Uint(u64::from(b)),
        Val::Json(_) | Val::Missing => return Err(BAD_TYPE.to_string()),
    })
}

/// The filter comparison, as the `eq`/`lt` functions of Go's text/template that upstream uses.
fn compare(op: &FilterOp, left: Val<'_>, right: Val<'_>) -> Result<bool, String> {
    let equal = |l, r| -> Result<bool, String> { equal(basic(l)?, basic(r)?) };
    let less = |l, r| -> Result<bool, String> { less(basic(l)?, basic(r)?) };
    match op {
        FilterOp::Eq => equal(left, right),
        FilterOp::Ne => equal(left, right).map(|b| !b),
        FilterOp::Lt => less(left, right),
        FilterOp::Ge => less(left, right).map(|b| !b),
        FilterOp::Le => Ok(less(left, right)? || equal(left, right)?),
        FilterOp::Gt => Ok(!(less(left, right)? || equal(left, right)?)),
        FilterOp::Unknown(op) => Err(format!("unrecognized filter operator {op}")),
        FilterOp::Exists => Ok(true),
    }
}

fn equal(left: Basic<'_>, right: Basic<'_>) -> Result<bool, String> {
    Ok(match (left, right) {
        (Basic::Bool(a), Basic::Bool(b)) => a == b,
        (Basic::Int(a), Basic::Int(b)) => a == b,
        (Basic::Uint(a), Basic::Uint(b)) => a == b,
        (Basic::Float(a), Basic::Float(b)) => a == b,
        (Basic::Str(a), Basic::Str(b)) => a == b,
        (Basic::Int(a), Basic::Uint(b)) | (Basic::Uint(b), Basic::Int(a)) => u64::try_from(a) == Ok(b),
        _ => return Err(INCOMPATIBLE.to_string()),
    })
}

fn less(left: Basic<'_>, right: Basic<'_>) -> Result<bool, String> {
    Ok(match (left, right) {
        (Basic::Bool(_), Basic::Bool(_)) => return Err(BAD_TYPE.to_string()),
        (Basic::Int(a), Basic::Int(b)) => a < b,
        (Basic::Uint(a), Basic::Uint(b)) => a < b,
        (Basic::Float(a), Basic::Float(b)) => a < b,
        (Basic::Str(a), Basic::Str(b)) => a < b,
        (Basic::Int(a), Basic::Uint(b)) => u64::try_from(a).map_or(true, |a| a < b),
        (Basic::Uint(a), Basic::Int(b)) => u64::try_from(b).is_ok_and(|b| a < b),
        _ => return Err(INCOMPATIBLE.to_string()),
    })
}

/// Go's name of a value's type, for "… is not array or slice".
fn type_name(value: &Val<'_>) -> &'static str {
    match value {
        Val::Json(Value::Object(_)) => "map[string]interface {}",
        Val::Json(Value::Array(_)) => "[]interface {}",
        Val::Json(Value::String(_)) | Val::Str(_) => "string",
        Val::Json(Value::Number(n)) => go_fmt::number_type_name(n),
        Val::Json(Value::Bool(_)) | Val::Bool(_) => "bool",
        Val::Int(_) => "int",
        Val::Float(_) => "float64",
        Val::Byte(_) => "uint8",
        // Go would panic asking the type of nothing.
        Val::Json(Value::Null) | Val::Missing => "<nil>",
    }
}

/// `fmt.Sprint` of a value (custom-columns cells, error messages).
pub(crate) fn sprint_val(value: &Val<'_>) -> String {
    match value {
        Val::Json(v) => go_fmt::sprint(v),
        Val::Missing => "<invalid reflect.Value>".to_string(),
        Val::Str(s) => (*s).to_string(),
        Val::Int(i) => i.to_string(),
        Val::Float(f) => go_fmt::float_v(*f),
        Val::Bool(b) => b.to_string(),
        Val::Byte(b) => b.to_string(),
    }
}

/// How `-o jsonpath` prints one value: objects and arrays as compact JSON, the rest as `fmt.Print`.
pub(super) fn print_val(value: &Val<'_>) -> String {
    match value {
        Val::Json(v @ (Value::Object(_) | Value::Array(_))) => go_fmt::json(v, None),
        Val::Json(Value::Null) => "null".to_string(),
        Val::Missing => "<no value>".to_string(),
        other => sprint_val(other),
    }
}

/// A value as a JSON document, for `-o jsonpath-as-json`.
pub(super) fn to_json(value: &Val<'_>) -> Value {
    match value {
        Val::Json(v) => (*v).clone(),
        Val::Missing => Value::Null,
        Val::Str(s) => Value::String((*s).to_string()),
        Val::Int(i) => Value::from(*i),
        Val::Float(f) => serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number),
        Val::Bool(b) => Value::Bool(*b),
        Val::Byte(b) => Value::from(*b),
    }
}
