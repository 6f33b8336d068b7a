//! kubectl's `-o custom-columns=HEADER:PATH,…` and `-o custom-columns-file=FILE` printers.
//!
//! Follows kubectl v1.35's `pkg/cmd/get/customcolumn.go`: each column's path is loosened into a
//! jsonpath template (`metadata.name`, `.metadata.name`, `{metadata.name}` all become
//! `{.metadata.name}`), missing values print `<none>`, several values are joined with commas, each
//! value prints as Go's `fmt.Sprint` (`map[app:web]`, `[a b]`) with terminal escapes defused, and
//! the rows are aligned by kubectl's tabwriter.

mod tabwriter;

use crate::jsonpath::{JsonPath, sprint_val};
use serde_json::Value;

/// The table kubectl prints for `-o custom-columns=SPEC` over `items` (the objects `kubectl get`
/// found, in order), with `--no-headers` as `no_headers`.
///
/// The error is what kubectl writes to stderr, without the final newline (`error: unexpected
/// custom-columns spec: …`). When kubectl fails part way it has already printed the header and the
/// rows before the failing one; [`CustomColumns::print`] returns those too.
pub fn print_custom_columns(spec: &str, items: &[Value], no_headers: bool) -> Result<String, String> {
    let printed = CustomColumns::parse(spec)?.print(items, no_headers);
    match printed.error {
        None => Ok(printed.stdout),
        Some(error) => Err(error),
    }
}

/// Parsed column specifications.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomColumns {
    columns: Vec<Column>,
}

#[derive(Debug, Clone, PartialEq)]
struct Column {
    header: String,
    /// The column's path as a full jsonpath template, e.g. `{.metadata.name}`.
    template: String,
}

/// What kubectl prints: the table so far on stdout, then an error if one stopped it.
#[derive(Debug, Clone, PartialEq)]
pub struct CustomColumnsOutput {
    pub stdout: String,
    /// The stderr text without its final newline (`error: array index out of bounds: …`).
    pub error: Option<String>,
}

impl CustomColumns {
    /// Parses `HEADER:PATH,HEADER:PATH` (the text after `custom-columns=`). Column paths are not
    /// parsed as jsonpath until printing, where kubectl reports their errors.
    pub fn parse(spec: &str) -> Result<CustomColumns, String> {
        if spec.is_empty() {
            return Err("error: custom-columns format specified but no custom columns given".to_string());
        }
        let columns = spec
            .split(',')
            .map(|part| {
                let (header, path) = part.split_once(':').ok_or_else(|| {
                    format!("error: unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>")
                })?;
                Ok(Column { header: header.to_string(), template: relaxed_jsonpath(path)? })
            })
            .collect::<Result<_, String>>()?;
        Ok(CustomColumns { columns })
    }

    /// Parses a `-o custom-columns-file` template: a line of headers and a line of paths, each
    /// separated by whitespace. (kubectl always prints this format's headers.)
    pub fn parse_template_file(text: &str) -> Result<CustomColumns, String> {
        const FORMAT: &str =
            "Expected format is one line of space separated headers, one line of space separated column specs.";
        // Lines as Go's bufio.Scanner reads them: no empty line after a final newline, no `\r`.
        let mut lines = text.split_inclusive('\n').map(|line| {
            let line = line.strip_suffix('\n').unwrap_or(line);
            line.strip_suffix('\r').unwrap_or(line)
        });
        let headers: Vec<&str> = lines
            .next()
            .ok_or_else(|| format!("error: invalid template, missing header line. {FORMAT}"))?
            .split_whitespace()
            .collect();
        let paths: Vec<&str> = lines
            .next()
            .ok_or_else(|| format!("error: invalid template, missing spec line. {FORMAT}"))?
            .split_whitespace()
            .collect();
        if headers.len() != paths.len() {
            return Err(format!(
                "error: number of headers ({}) and field specifications ({}) don't match",
                headers.len(),
                paths.len()
            ));
        }
        let columns = headers
            .iter()
            .zip(&paths)
            .map(|(header, path)| Ok(Column { header: header.to_string(), template: relaxed_jsonpath(path)? }))
            .collect::<Result<_, String>>()?;
        Ok(CustomColumns { columns })
    }

    /// Prints the table for `items`, as kubectl prints one list.
    pub fn print(&self, items: &[Value], no_headers: bool) -> CustomColumnsOutput {
        let mut text = String::new();
        let error = self.write_rows(items, no_headers, &mut text).err().map(|e| format!("error: {e}"));
        CustomColumnsOutput { stdout: tabwriter::align(&text), error }
    }

    fn write_rows(&self, items: &[Value], no_headers: bool, text: &mut String) -> Result<(), String> {
        if !no_headers {
            let headers: Vec<&str> = self.columns.iter().map(|c| c.header.as_str()).collect();
            text.push_str(&headers.join("\t"));
            text.push('\n');
        }
        let paths =
            self.columns.iter().map(|c| JsonPath::parse_bare(&c.template)).collect::<Result<Vec<_>, String>>()?;
        for item in items {
            let cells = paths.iter().map(|path| cell(path, item)).collect::<Result<Vec<_>, String>>()?;
            text.push_str(&cells.join("\t"));
            text.push('\n');
        }
        Ok(())
    }
}

/// One cell: every value the path finds, joined with commas, or `<none>`.
fn cell(path: &JsonPath, item: &Value) -> Result<String, String> {
    let groups = path.find_results(item, true)?;
    let mut values = Vec::new();
    if groups.first().is_none_or(Vec::is_empty) {
        values.push("<none>".to_string());
    }
    values.extend(groups.iter().flatten().map(|value| escape_terminal(&sprint_val(value))));
    Ok(values.join(","))
}

/// Defuses terminal escape sequences in values, as cli-runtime's `EscapeTerminal`.
fn escape_terminal(text: &str) -> String {
    text.replace('\u{1b}', "^[").replace('\r', "\\r")
}

/// kubectl's `RelaxedJSONPathExpression`: accepts `a.b`, `.a.b`, `{a.b}`, `{.a.b}` and returns
/// `{.a.b}`; an empty path stays empty.
fn relaxed_jsonpath(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let inner = match path.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
        Some(inner) => inner,
        None => path,
    };
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or \
                    '{name1.name2}' or '{.name1.name2}'"
            .to_string());
    }
    // The leading `.` is optional, but the field after it is not: `.` alone is the field itself.
    let field = inner.strip_prefix('.').filter(|f| !f.is_empty()).unwrap_or(inner);
    Ok(format!("{{.{field}}}"))
}

#[cfg(test)]
mod tests;
