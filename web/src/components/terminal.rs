//! The kubectl terminal: the contract's command language, output exactly as the CLI prints it, history
//! with ↑/↓ and Tab completion of verbs, resource types and object names.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::completion::Completion;
use crate::model::playground::TerminalEntry;

#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    pub entries: Rc<Vec<TerminalEntry>>,
    pub on_run: Callback<String>,
    pub on_complete: Callback<(String, usize), Completion>,
    pub on_clear: Callback<()>,
}

#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let input = use_state(String::new);
    // Position in the history while browsing with ↑/↓; `None` is the line being typed.
    let browsing = use_state(|| None::<usize>);
    let hint = use_state(String::new);
    let output_ref = use_node_ref();
    let input_ref = use_node_ref();
    {
        let output_ref = output_ref.clone();
        use_effect_with(props.entries.len(), move |_| {
            if let Some(el) = output_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let history: Vec<String> = props.entries.iter().map(|e| e.line.clone()).filter(|l| !l.is_empty()).collect();
    let onkeydown = {
        let input = input.clone();
        let browsing = browsing.clone();
        let hint = hint.clone();
        let on_run = props.on_run.clone();
        let on_complete = props.on_complete.clone();
        let on_clear = props.on_clear.clone();
        Callback::from(move |e: KeyboardEvent| {
            let el: web_sys::HtmlInputElement = e.target_unchecked_into();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    let line = el.value();
                    input.set(String::new());
                    browsing.set(None);
                    hint.set(String::new());
                    on_run.emit(line);
                }
                "ArrowUp" | "ArrowDown" if !history.is_empty() => {
                    e.prevent_default();
                    let up = e.key() == "ArrowUp";
                    let next = match (*browsing, up) {
                        (None, true) => Some(history.len() - 1),
                        (None, false) => None,
                        (Some(i), true) => Some(i.saturating_sub(1)),
                        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
                        (Some(_), false) => None,
                    };
                    browsing.set(next);
                    input.set(next.map(|i| history[i].clone()).unwrap_or_default());
                }
                "Tab" => {
                    e.prevent_default();
                    let line = el.value();
                    let cursor = el.selection_start().ok().flatten().map(|c| c as usize).unwrap_or(line.len());
                    let cursor = byte_offset(&line, cursor);
                    let c = on_complete.emit((line.clone(), cursor));
                    let before = &line[..c.replace_from.min(line.len())];
                    let after = &line[cursor.min(line.len())..];
                    match c.candidates.len() {
                        0 => hint.set(String::new()),
                        1 => {
                            let word = &c.candidates[0];
                            let space = if word.ends_with('/') || word.ends_with('=') { "" } else { " " };
                            input.set(format!("{before}{word}{space}{after}"));
                            hint.set(String::new());
                        }
                        _ => {
                            input.set(format!("{before}{}{after}", c.common_prefix));
                            hint.set(c.candidates.join("  "));
                        }
                    }
                }
                "l" if e.ctrl_key() => {
                    e.prevent_default();
                    on_clear.emit(());
                }
                _ => {}
            }
        })
    };
    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| input.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let focus = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            let selecting =
                web_sys::window().and_then(|w| w.get_selection().ok().flatten()).is_some_and(|s| !s.is_collapsed());
            if let (false, Some(el)) = (selecting, input_ref.cast::<web_sys::HtmlInputElement>()) {
                let _ = el.focus();
            }
        })
    };
    html! {
        <section class="terminal" aria-label="Terminal">
            <pre class="terminal__output" id="terminal-output" ref={output_ref} onclick={focus} tabindex="-1">
                if props.entries.is_empty() {
                    <span class="muted">{"Type kubectl commands here, e.g. kubectl get pods -o wide. ↑/↓ history, Tab completes, Ctrl+L clears.\n"}</span>
                }
                { for props.entries.iter().map(|e| html! {
                    <>
                        <span class="terminal__prompt">{"$ "}</span><span class="terminal__line">{&e.line}</span>{"\n"}
                        <span class={classes!("terminal__text", e.failed.then_some("terminal__text--error"))}>{&e.output}</span>
                    </>
                }) }
            </pre>
            if !hint.is_empty() { <div class="terminal__hint" id="terminal-hint">{(*hint).clone()}</div> }
            <div class="terminal__input">
                <label for="terminal-input" class="terminal__prompt">{"$"}</label>
                <input id="terminal-input" ref={input_ref} type="text" spellcheck="false" autocomplete="off"
                    aria-label="Command line" placeholder="kubectl get pods" value={(*input).clone()} {onkeydown} {oninput} />
            </div>
        </section>
    }
}

/// `selectionStart` counts UTF-16 code units; the completion works on byte offsets.
fn byte_offset(s: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (i, c) in s.char_indices() {
        if units >= utf16 {
            return i;
        }
        units += c.len_utf16();
    }
    s.len()
}
