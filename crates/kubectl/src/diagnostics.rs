//! Editor diagnostics: what `kubectl apply -f FILE` and the API server would reject in one file, each
//! problem at its line and column, computed on a copy of the cluster so the session never changes.
//!
//! The checks are the ones `apply` runs, in its order, through the same functions: YAML syntax
//! (`manifest::parse_documents`), decoding with strict field checking (`manifest::decode_document`), then
//! the API server's admission chain on create (`admission::create_errors`) or, for an object that already
//! exists, on update against the stored object (`admission::update_errors`), then the namespace check.
//! Validation reports a field path (`spec.template.spec.containers[0].image`); the manifest recorded the
//! position of every path while parsing, so each error lands on its field or its nearest written ancestor.

use std::collections::BTreeSet;

use kubeplay_engine::admission;
use kubeplay_engine::api::Api;
use kubeplay_engine::manifest::{self, DecodeFailure, Document, Pos};
use kubeplay_engine::object::Object;

use crate::args::Args;
use crate::cmd;
use crate::session::Session;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in an editor file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters (Unicode scalar values; an editor that counts UTF-16 units
    /// converts).
    pub column: u32,
    /// The column just past the token the problem is about (a key, a value), for underlining, when known.
    pub end_column: Option<u32>,
    pub severity: Severity,
    /// The message in the words kubectl or the API server use for this one problem.
    pub message: String,
    /// The field path the problem is about (`spec.replicas`); empty for the file or document as a whole.
    pub path: String,
}

/// Checks one editor file as `kubectl apply -f` + the API server would, without changing the cluster.
///
/// Files an editor would not treat as manifests (not `.yaml`, `.yml` or `.json`) and kustomization files
/// (read by `-k`, never applied) have no diagnostics. Diagnostics are sorted by line, then column.
pub fn check_file(session: &Session, file_name: &str, text: &str) -> Vec<Diagnostic> {
    if !is_manifest_name(file_name) {
        return Vec::new();
    }
    let mut out = Vec::new();
    let docs = match manifest::parse_documents(text) {
        Ok(d) => d,
        Err(e) => {
            out.push(diagnostic(text, e.pos, e.message, String::new()));
            return out;
        }
    };
    let default_ns = cmd::namespace(session, &Args::default());
    // One copy of the API for the whole file: create preparation draws names and cluster IPs from its RNG,
    // and the copy is dropped afterwards, so the session's own draws are unchanged.
    let mut api: Option<Api> = None;
    // Namespaces that documents earlier in the file create: apply creates them before the later ones.
    let mut new_namespaces: BTreeSet<String> = BTreeSet::new();
    for doc in &docs {
        match manifest::decode_document(doc) {
            Err(e) => decode_diagnostics(text, doc, e, &mut out),
            Ok(obj) => {
                let api = api.get_or_insert_with(|| session.engine.api.clone());
                server_diagnostics(text, doc, obj, api, &default_ns, &mut new_namespaces, &mut out);
            }
        }
    }
    // Stable: problems at one position keep the order the server reports them in.
    out.sort_by_key(|d| (d.line, d.column));
    out
}

fn is_manifest_name(file_name: &str) -> bool {
    let base = file_name.rsplit('/').next().unwrap_or(file_name);
    let lower = base.to_ascii_lowercase();
    let is_kustomization = matches!(lower.as_str(), "kustomization.yaml" | "kustomization.yml" | "kustomization");
    !is_kustomization && (lower.ends_with(".yaml") || lower.ends_with(".yml") || lower.ends_with(".json"))
}

fn decode_diagnostics(text: &str, doc: &Document, e: manifest::LocatedFailure, out: &mut Vec<Diagnostic>) {
    let message = match &e.failure {
        DecodeFailure::Client(m) => m.clone(),
        DecodeFailure::NoKindMatch { kind, api_version } => {
            let advice = cmd::removed_api_hint(kind, api_version).unwrap_or_else(|| cmd::CRDS_FIRST.to_string());
            format!("{}\n{advice}", cmd::no_kind_match_message(kind, api_version))
        }
        DecodeFailure::BadRequest(m) => {
            // Strict decoding lists every unknown field in one message, located at the first; an editor
            // marks each field where it is written, with the server's words for that one field.
            const STRICT: &str = "strict decoding error: ";
            if let Some(i) = m.find(STRICT)
                && let Ok(obj) = Object::from_value(doc.value.clone())
            {
                let unknown = manifest::unknown_field_paths(&doc.value, &obj);
                if !unknown.is_empty() {
                    let prefix = &m[..i + STRICT.len()];
                    for path in unknown {
                        let message = format!("{prefix}unknown field \"{path}\"");
                        out.push(diagnostic(text, doc.locate(&path), message, path));
                    }
                    return;
                }
            }
            m.clone()
        }
    };
    out.push(diagnostic(text, e.pos, message, e.path));
}

fn server_diagnostics(
    text: &str,
    doc: &Document,
    mut obj: Object,
    api: &mut Api,
    default_ns: &str,
    new_namespaces: &mut BTreeSet<String>,
    out: &mut Vec<Diagnostic>,
) {
    cmd::prepare_request(&mut obj, default_ns, false);
    let errors = match api.get(&obj.key()) {
        Some(stored) => {
            let mut merged = cmd::merge_apply(&stored, &obj);
            admission::update_errors(&stored, &mut merged)
        }
        None => {
            let errors = admission::create_errors(api, &mut obj);
            if errors.is_empty() {
                let namespace_created_here = new_namespaces.contains(obj.namespace());
                if !namespace_created_here && let Err(e) = api.namespace_check(&obj) {
                    let path = "metadata.namespace";
                    let pos = if doc.positions.contains_key(path) { doc.locate(path) } else { doc.start };
                    out.push(diagnostic(text, pos, e.message, path.to_string()));
                }
                if let Object::Namespace(_) = obj {
                    new_namespaces.insert(obj.name().to_string());
                }
            }
            errors
        }
    };
    // The server drops repeated errors from its list (`ErrorList.ToAggregate`).
    let mut seen = BTreeSet::new();
    for e in errors {
        let message = e.to_string();
        if seen.insert(message.clone()) {
            let pos = doc.locate(&manifest_path(&e.path));
            out.push(diagnostic(text, pos, message, e.path));
        }
    }
}

/// A validation field path in the manifest's spelling: map-key subscripts (`metadata.labels[app]`,
/// `data[a.b]`) become field steps (`metadata.labels.app`, `data.a.b`), list indexes stay (`[0]`), and the
/// empty root some validators use (`[]`) goes.
fn manifest_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path.strip_prefix("[]").unwrap_or(path);
    rest = rest.strip_prefix('.').unwrap_or(rest);
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('[') {
            let Some(close) = inner.find(']') else {
                out.push_str(rest);
                break;
            };
            let sub = &inner[..close];
            if !sub.is_empty() && sub.bytes().all(|b| b.is_ascii_digit()) {
                out.push_str(&format!("[{sub}]"));
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(sub);
            }
            rest = &inner[close + 1..];
        } else {
            let end = rest.find('[').unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn diagnostic(text: &str, pos: Pos, message: String, path: String) -> Diagnostic {
    let line = pos.line.max(1);
    let column = pos.column.max(1);
    Diagnostic {
        line,
        column,
        end_column: token_end(text, Pos { line, column }),
        severity: Severity::Error,
        message,
        path,
    }
}

/// The column just past the token that starts at `pos` — a plain key or scalar, a quoted string, a flow
/// collection closed on the same line — for underlining; `None` when nothing token-like starts there.
fn token_end(text: &str, pos: Pos) -> Option<u32> {
    let line = text.lines().nth(pos.line.checked_sub(1)? as usize)?;
    let chars: Vec<char> = line.chars().collect();
    let start = pos.column.checked_sub(1)? as usize;
    let first = *chars.get(start)?;
    // Inside a flow collection, `,` `]` `}` end a plain scalar; in block context they are ordinary text.
    let in_flow = chars[..start].iter().any(|c| matches!(c, '{' | '['));
    let end = match first {
        '"' => {
            let mut i = start + 1;
            loop {
                match chars.get(i)? {
                    '\\' => i += 2,
                    '"' => break i + 1,
                    _ => i += 1,
                }
            }
        }
        '\'' => {
            let mut i = start + 1;
            loop {
                match (chars.get(i)?, chars.get(i + 1)) {
                    ('\'', Some('\'')) => i += 2,
                    ('\'', _) => break i + 1,
                    _ => i += 1,
                }
            }
        }
        '{' | '[' => {
            let mut depth = 0usize;
            let mut i = start;
            loop {
                match chars.get(i) {
                    None => break i,
                    Some('{' | '[') => depth += 1,
                    Some('}' | ']') => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            break i + 1;
                        }
                    }
                    Some(_) => {}
                }
                i += 1;
            }
        }
        c if c.is_whitespace() || c == '#' => return None,
        _ => {
            let mut i = start;
            while let Some(&c) = chars.get(i) {
                let next = chars.get(i + 1).copied();
                let ends_key =
                    c == ':' && next.is_none_or(|n| n.is_whitespace() || (in_flow && matches!(n, ',' | ']' | '}')));
                let starts_comment = c == '#' && i > start && chars[i - 1].is_whitespace();
                if ends_key || starts_comment || (in_flow && matches!(c, ',' | ']' | '}')) {
                    break;
                }
                i += 1;
            }
            while i > start && chars[i - 1].is_whitespace() {
                i -= 1;
            }
            i
        }
    };
    (end > start).then(|| end as u32 + 1)
}

#[cfg(test)]
mod tests;
