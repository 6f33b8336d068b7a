//! The manifest editor: file tabs (add, rename, delete), a textarea under a highlighted overlay written in
//! Rust, line numbers, the engine's diagnostics at their line and column, Tab/Shift-Tab indentation that
//! keeps the browser's own undo, and Apply (button or Ctrl+Enter).

use yew::prelude::*;

use kubeplay_kubectl::diagnostics::{Diagnostic, Severity};

use crate::model::highlight;
use crate::model::playground::EditorFile;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub files: Vec<EditorFile>,
    pub active: String,
    pub diagnostics: Vec<Diagnostic>,
    pub on_select: Callback<String>,
    pub on_change: Callback<(String, String)>,
    pub on_apply: Callback<String>,
    pub on_add: Callback<()>,
    pub on_rename: Callback<(String, String), Result<(), String>>,
    pub on_delete: Callback<String>,
}

const INDENT: &str = "  ";

#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let textarea = use_node_ref();
    let overlay = use_node_ref();
    let gutter = use_node_ref();
    let renaming = use_state(|| None::<(String, String, Option<String>)>);
    let file = props.files.iter().find(|f| f.name == props.active);
    let text = file.map(|f| f.text.clone()).unwrap_or_default();
    let name = props.active.clone();

    let onscroll = {
        let (textarea, overlay, gutter) = (textarea.clone(), overlay.clone(), gutter.clone());
        Callback::from(move |_: Event| {
            if let Some(t) = textarea.cast::<web_sys::HtmlElement>() {
                for r in [&overlay, &gutter] {
                    if let Some(el) = r.cast::<web_sys::Element>() {
                        el.set_scroll_top(t.scroll_top());
                        if r == &overlay {
                            el.set_scroll_left(t.scroll_left());
                        }
                    }
                }
            }
        })
    };
    let oninput = {
        let on_change = props.on_change.clone();
        let name = name.clone();
        Callback::from(move |e: InputEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            on_change.emit((name.clone(), el.value()));
        })
    };
    let onkeydown = {
        let on_apply = props.on_apply.clone();
        let on_change = props.on_change.clone();
        let name = name.clone();
        Callback::from(move |e: KeyboardEvent| {
            let el: web_sys::HtmlTextAreaElement = e.target_unchecked_into();
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                on_change.emit((name.clone(), el.value()));
                on_apply.emit(name.clone());
            } else if e.key() == "Tab" && !e.ctrl_key() && !e.alt_key() && !e.meta_key() {
                e.prevent_default();
                indent(&el, e.shift_key());
                on_change.emit((name.clone(), el.value()));
            }
        })
    };
    let on_apply_click = {
        let on_apply = props.on_apply.clone();
        let name = name.clone();
        Callback::from(move |_: MouseEvent| on_apply.emit(name.clone()))
    };
    let on_add = {
        let cb = props.on_add.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let jump = {
        let textarea = textarea.clone();
        let text = text.clone();
        Callback::from(move |(line, column): (u32, u32)| {
            if let Some(el) = textarea.cast::<web_sys::HtmlTextAreaElement>() {
                let offset = utf16_offset(&text, line, column);
                let _ = el.focus();
                let _ = el.set_selection_range(offset, offset);
            }
        })
    };

    let lines: Vec<&str> = text.split('\n').collect();
    let by_line = |n: usize| props.diagnostics.iter().filter(move |d| d.line as usize == n);
    let highlighted = highlight::highlight(&text);
    let errors = props.diagnostics.iter().filter(|d| d.severity == Severity::Error).count();

    let tabs = props.files.iter().map(|f| {
        let active = f.name == props.active;
        let select = {
            let cb = props.on_select.clone();
            let n = f.name.clone();
            Callback::from(move |_: MouseEvent| cb.emit(n.clone()))
        };
        let start_rename = {
            let renaming = renaming.clone();
            let n = f.name.clone();
            Callback::from(move |_: MouseEvent| renaming.set(Some((n.clone(), n.clone(), None))))
        };
        let delete = {
            let cb = props.on_delete.clone();
            let n = f.name.clone();
            Callback::from(move |e: MouseEvent| {
                e.stop_propagation();
                let ok = web_sys::window()
                    .and_then(|w| w.confirm_with_message(&format!("Delete {n}? Its text is gone once deleted.")).ok())
                    .unwrap_or(false);
                if ok {
                    cb.emit(n.clone());
                }
            })
        };
        match &*renaming {
            Some((old, value, error)) if *old == f.name => {
                let commit = {
                    let renaming = renaming.clone();
                    let on_rename = props.on_rename.clone();
                    let old = old.clone();
                    Callback::from(move |e: KeyboardEvent| {
                        let el: web_sys::HtmlInputElement = e.target_unchecked_into();
                        match e.key().as_str() {
                            "Enter" => match on_rename.emit((old.clone(), el.value())) {
                                Ok(()) => renaming.set(None),
                                Err(m) => renaming.set(Some((old.clone(), el.value(), Some(m)))),
                            },
                            "Escape" => renaming.set(None),
                            _ => {}
                        }
                    })
                };
                html! {
                    <span class="tab tab--active tab--renaming">
                        <input class="tab__rename" aria-label="New file name" value={value.clone()} onkeydown={commit}
                            aria-invalid={error.is_some().to_string()} title={error.clone().unwrap_or_else(|| "Enter to rename, Esc to cancel".into())} />
                        if let Some(m) = error { <span class="tab__error" role="alert">{m}</span> }
                    </span>
                }
            }
            _ => html! {
                <span class={classes!("tab", active.then_some("tab--active"))} role="tab" aria-selected={active.to_string()}>
                    <button class="tab__name" onclick={select} ondblclick={start_rename.clone()} title="Double-click to rename">{&f.name}</button>
                    if active {
                        <button class="tab__action" onclick={start_rename} aria-label={format!("Rename {}", f.name)} title="Rename">{"✎"}</button>
                        <button class="tab__action" onclick={delete} aria-label={format!("Delete {}", f.name)} title="Delete">{"✕"}</button>
                    }
                </span>
            },
        }
    });

    html! {
        <section class="editor" aria-label="Manifest editor">
            <nav class="editor__tabs" role="tablist" aria-label="Files">
                { for tabs }
                <button class="tab tab--add" onclick={on_add} aria-label="New file" title="New file">{"+"}</button>
            </nav>
            if file.is_some() {
                <div class="editor__body">
                    <pre class="editor__gutter" ref={gutter} aria-hidden="true">
                        { for (1..=lines.len()).map(|n| {
                            let mut ds = by_line(n).peekable();
                            match ds.peek() {
                                Some(d) => {
                                    let title = by_line(n).map(|d| d.message.clone()).collect::<Vec<_>>().join("\n");
                                    let class = if d.severity == Severity::Error { "gutter--error" } else { "gutter--warning" };
                                    html! { <div class={classes!("gutter__line", class)} data-line={n.to_string()} {title}>{"● "}{n}</div> }
                                }
                                None => html! { <div class="gutter__line">{n}</div> },
                            }
                        }) }
                    </pre>
                    <div class="editor__code">
                        <pre class="editor__overlay" ref={overlay} aria-hidden="true">
                            { for highlighted.iter().enumerate().map(|(i, spans)| {
                                let marks: Vec<&Diagnostic> = by_line(i + 1).collect();
                                html! {
                                    <div class={classes!("code__line", (!marks.is_empty()).then_some("code__line--error"))}>
                                        { for spans.iter().map(|s| {
                                            let class = s.tok.class();
                                            if class.is_empty() { html! { {s.text} } } else { html! { <span class={class}>{s.text}</span> } }
                                        }) }
                                        { underline(lines.get(i).copied().unwrap_or(""), &marks) }
                                        {"\n"}
                                    </div>
                                }
                            }) }
                        </pre>
                        <textarea id="editor-input" class="editor__input" ref={textarea} value={text.clone()}
                            spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off"
                            aria-label={format!("Contents of {}", props.active)} {oninput} {onkeydown} {onscroll} />
                    </div>
                </div>
            } else {
                <p class="muted empty">{"No file open. Press + to add one."}</p>
            }
            <footer class="editor__foot">
                <button id="apply" class="button button--primary" onclick={on_apply_click} disabled={file.is_none()}
                    title="kubectl apply -f this file (Ctrl+Enter)">{"Apply"}</button>
                <span class={classes!("editor__summary", if errors > 0 { "bad" } else { "ok" })} id="diagnostics-summary">
                    {if errors == 0 { "✓ no problems".to_string() } else { format!("✕ {errors} problem{}", if errors == 1 { "" } else { "s" }) }}
                </span>
            </footer>
            if !props.diagnostics.is_empty() {
                <ul class="diagnostics" id="diagnostics" aria-label="Problems">
                    { for props.diagnostics.iter().map(|d| {
                        let jump = jump.clone();
                        let at = (d.line, d.column);
                        html! {
                            <li class={classes!("diagnostic", if d.severity == Severity::Error { "diagnostic--error" } else { "diagnostic--warning" })}
                                data-line={d.line.to_string()} data-column={d.column.to_string()}>
                                <button class="link" onclick={Callback::from(move |_: MouseEvent| jump.emit(at))}>
                                    {format!("{}:{}:{}", props.active, d.line, d.column)}
                                </button>
                                {" "}{&d.message}
                            </li>
                        }
                    }) }
                </ul>
            }
        </section>
    }
}

/// A squiggle under the diagnostic's token: the line's text up to the column, invisible, then the token.
fn underline(line: &str, marks: &[&Diagnostic]) -> Html {
    let Some(d) = marks.first() else { return html! {} };
    let chars: Vec<char> = line.chars().collect();
    let start = (d.column.max(1) as usize - 1).min(chars.len());
    let end = match d.end_column {
        Some(e) if (e as usize) > start + 1 => (e as usize - 1).min(chars.len()),
        _ => {
            let rest = &chars[start..];
            let len = rest.iter().position(|c| c.is_whitespace() || *c == ':').unwrap_or(rest.len());
            start + len.max(1).min(rest.len().max(1))
        }
    };
    let prefix: String = chars[..start].iter().collect();
    let token: String = if end > start { chars[start..end.min(chars.len())].iter().collect() } else { " ".into() };
    let token = if token.is_empty() { " ".to_string() } else { token };
    html! {
        <span class="squiggle-layer" title={d.message.clone()}>
            <span class="squiggle-pad">{prefix}</span><span class="squiggle">{token}</span>
        </span>
    }
}

/// Indents (or outdents) the selected lines, or inserts two spaces at the cursor, through `insertText` so
/// the browser's undo stack keeps the change.
fn indent(el: &web_sys::HtmlTextAreaElement, outdent: bool) {
    let value = el.value();
    let units: Vec<u16> = value.encode_utf16().collect();
    let start = el.selection_start().ok().flatten().unwrap_or(0) as usize;
    let end = el.selection_end().ok().flatten().unwrap_or(0) as usize;
    let (start, end) = (start.min(units.len()), end.min(units.len()));
    let multi = units[start..end].contains(&(b'\n' as u16));
    if !outdent && !multi {
        insert_text(el, INDENT);
        return;
    }
    let line_start = units[..start].iter().rposition(|&u| u == b'\n' as u16).map(|i| i + 1).unwrap_or(0);
    let block = String::from_utf16_lossy(&units[line_start..end]);
    let changed: Vec<String> = block
        .split('\n')
        .map(|l| {
            if outdent {
                let n = l.len() - l.trim_start_matches(' ').len();
                l[n.min(INDENT.len())..].to_string()
            } else {
                format!("{INDENT}{l}")
            }
        })
        .collect();
    let replaced = changed.join("\n");
    if replaced == block {
        return;
    }
    let _ = el.set_selection_range(line_start as u32, end as u32);
    insert_text(el, &replaced);
    let new_end = line_start + replaced.encode_utf16().count();
    let _ = el.set_selection_range(line_start as u32, new_end as u32);
}

fn insert_text(el: &web_sys::HtmlTextAreaElement, text: &str) {
    use wasm_bindgen::JsCast;
    let done = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
        .and_then(|d| d.exec_command_with_show_ui_and_value("insertText", false, text).ok())
        .unwrap_or(false);
    if !done {
        let _ = el.set_range_text(text);
    }
}

/// The UTF-16 offset of a 1-based line and column, for `setSelectionRange`.
fn utf16_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut offset = 0u32;
    for (i, l) in text.split('\n').enumerate() {
        if i + 1 == line as usize {
            let col: u32 = l.chars().take(column.saturating_sub(1) as usize).map(|c| c.len_utf16() as u32).sum();
            return offset + col;
        }
        offset += l.encode_utf16().count() as u32 + 1;
    }
    offset
}
