//! The object inspector: the selected object as `kubectl get -o yaml` and `kubectl describe` print it,
//! and for pods a summary of status and container states on top.

use yew::prelude::*;

use super::Selection;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Inspection {
    pub yaml: String,
    pub describe: String,
    /// For pods: `(container, state line)` pairs.
    pub containers: Vec<(String, String)>,
    pub status: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct InspectorProps {
    pub selection: Selection,
    pub inspection: Inspection,
    pub on_close: Callback<()>,
}

#[component]
pub fn Inspector(props: &InspectorProps) -> Html {
    let tab = use_state(|| "describe");
    let sel = &props.selection;
    let on_close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let tab_button = |id: &'static str, label: &'static str| {
        let tab2 = tab.clone();
        html! {
            <button role="tab" aria-selected={(*tab == id).to_string()} class={classes!("tab", (*tab == id).then_some("tab--active"))}
                onclick={Callback::from(move |_: MouseEvent| tab2.set(id))}>{label}</button>
        }
    };
    let body = if *tab == "yaml" { &props.inspection.yaml } else { &props.inspection.describe };
    html! {
        <aside class="inspector" id="inspector" aria-label="Object inspector">
            <header class="inspector__head">
                <span class="kind">{&sel.resource}</span>
                <strong class="inspector__name">{&sel.name}</strong>
                if let Some(ns) = &sel.namespace { <span class="muted">{ns}</span> }
                <button class="icon-button" onclick={on_close} aria-label="Close the inspector" title="Close (Esc)">{"✕"}</button>
            </header>
            if let Some(status) = &props.inspection.status {
                <dl class="inspector__status">
                    <dt>{"Status"}</dt><dd>{status}</dd>
                    { for props.inspection.containers.iter().map(|(c, s)| html! { <><dt>{c}</dt><dd>{s}</dd></> }) }
                </dl>
            }
            <nav class="tabs" role="tablist">
                {tab_button("describe", "Describe")}
                {tab_button("yaml", "YAML")}
            </nav>
            <pre class="inspector__body" tabindex="0">{body}</pre>
            <p class="muted inspector__cmd">
                {format!("kubectl {} {}", if *tab == "yaml" { "get" } else { "describe" }, sel.args())}
                {if *tab == "yaml" { " -o yaml" } else { "" }}
            </p>
        </aside>
    }
}
