//! kubectl's JSONPath template dialect: `-o jsonpath=TEMPLATE` and `-o jsonpath-as-json=TEMPLATE`.
//!
//! This follows kubectl v1.35's `k8s.io/client-go/util/jsonpath` (parser and evaluator) and
//! `k8s.io/cli-runtime/pkg/printers/jsonpath.go` (the printer and its messages), quirks included,
//! because users' templates and scripts depend on them:
//!
//! - fields `{.metadata.name}`, `$` and `@` (both "the current value"), indexes and slices `[0]`,
//!   `[-1]`, `[1:3]`, `[::2]`, `[*]`, `.*`, recursive descent `..`, unions `[0,2]`, `['a.b']`;
//! - filters `[?(@.x=="y")]`, `<`, `>`, `<=`, `>=`, `!=`, existence `[?(@.x)]`; integers only compare
//!   with integers and floats with floats (`[?(@.price<10)]` fails on `8.95`, as in kubectl);
//! - `{range …}…{end}`, string literals `{"\n"}` `{'\t'}` with Go escapes, `\.` in field names;
//! - several results of one action are separated by a space; objects and arrays print as compact JSON
//!   (keys sorted, `<>&` escaped as Go does), `null` as `null`, floats as Go's `%v` (`1e+06`);
//! - a missing key prints nothing, or with `--allow-missing-template-keys=false` is an error.
//!
//! Data is a JSON value as kubectl's unstructured objects hold it: integers are `int64`, other numbers
//! `float64`. (`kubectl create … --dry-run=client` prints typed objects, where every number is a
//! `float64`, so there `[?(@.replicas==1)]` fails in kubectl and works here.) Object members are
//! visited in key order where Go visits them in random order (`.*`, `..`).

mod eval;
pub(crate) mod go_fmt;
mod parser;

use serde_json::Value;

pub(crate) use eval::{Val, sprint_val};

/// A parsed jsonpath template.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonPath {
    template: String,
    segments: Vec<parser::Segment>,
}

impl JsonPath {
    /// Parses a template as `kubectl -o jsonpath=TEMPLATE` does (the text after `jsonpath=`).
    ///
    /// The error is what kubectl writes to stderr, without the final newline:
    /// `error: error parsing jsonpath {.a[}, unterminated array`.
    pub fn parse(template: &str) -> Result<JsonPath, String> {
        Self::parse_bare(template).map_err(|cause| format!("error: error parsing jsonpath {template}, {cause}"))
    }

    /// Parses a template; the error is the parser's bare message (`unterminated array`), as
    /// custom columns report it.
    pub(crate) fn parse_bare(template: &str) -> Result<JsonPath, String> {
        Ok(JsonPath { template: template.to_string(), segments: parser::parse(template)? })
    }

    /// The template as written.
    pub fn template(&self) -> &str {
        &self.template
    }

    /// Runs the template against `data` and returns what kubectl prints to stdout (no newline is
    /// added).
    ///
    /// `data` is what kubectl's printer is given: `kubectl get NAME` passes the object itself, and a
    /// `kubectl get` that lists passes `{"apiVersion":"v1","items":[…],"kind":"List",
    /// "metadata":{"resourceVersion":""}}` after a JSON round trip, which turns integral floats
    /// (`1.5e6`) into integers.
    ///
    /// `allow_missing_keys` is `--allow-missing-template-keys` (kubectl's default is true).
    /// The error is what kubectl writes to stderr, without the final newline: `error: error executing
    /// jsonpath "{.a}": Error executing template: a is not found. Printing more information …`,
    /// ending with a dump of `data` in Go syntax.
    pub fn execute(&self, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
        self.render(data, allow_missing_keys).map_err(|cause| self.execute_error(data, &cause))
    }

    /// [`JsonPath::execute`] with the evaluator's bare error message.
    fn render(&self, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
        let groups = self.find_results(data, allow_missing_keys)?;
        let mut out = String::new();
        for group in &groups {
            for (i, value) in group.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(&eval::print_val(value));
            }
        }
        Ok(out)
    }

    /// As [`JsonPath::execute`], printing as `-o jsonpath-as-json` does: each action's results as an
    /// indented JSON array followed by a newline.
    pub fn execute_as_json(&self, data: &Value, allow_missing_keys: bool) -> Result<String, String> {
        let groups = self.find_results(data, allow_missing_keys).map_err(|cause| self.execute_error(data, &cause))?;
        let mut out = String::new();
        for group in &groups {
            let array = Value::Array(group.iter().map(eval::to_json).collect());
            out.push_str(&go_fmt::json(&array, Some("    ")));
            out.push('\n');
        }
        Ok(out)
    }

    /// The values of each action (and text) in order, as upstream's `FindResults`; the error is the
    /// evaluator's bare message (`a is not found`).
    pub(crate) fn find_results<'a>(
        &'a self,
        data: &'a Value,
        allow_missing_keys: bool,
    ) -> Result<Vec<Vec<Val<'a>>>, String> {
        eval::find_results(&self.segments, data, allow_missing_keys)
    }

    fn execute_error(&self, data: &Value, cause: &str) -> String {
        format!(
            "error: error executing jsonpath {}: Error executing template: {cause}. Printing more information for \
             debugging the template:\n\ttemplate was:\n\t\t{}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n",
            go_fmt::quote(&self.template),
            self.template,
            go_fmt::sharp_v(data),
        )
    }
}

#[cfg(test)]
mod tests;
