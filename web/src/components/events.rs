//! The events list, like `kubectl get events -A` with a filter: by type, and by any text in the row.

use std::rc::Rc;

use yew::prelude::*;

use super::Selection;
use crate::model::view::EventView;

#[derive(Properties, PartialEq)]
pub struct EventsProps {
    pub events: Rc<Vec<EventView>>,
    pub now_ms: u64,
    pub on_select: Callback<Selection>,
}

#[component]
pub fn Events(props: &EventsProps) -> Html {
    let filter = use_state(String::new);
    let kind = use_state(|| "all".to_string());
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| filter.set(e.target_unchecked_into::<web_sys::HtmlInputElement>().value()))
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| kind.set(e.target_unchecked_into::<web_sys::HtmlSelectElement>().value()))
    };
    let needle = filter.to_lowercase();
    let rows: Vec<_> = props
        .events
        .iter()
        .rev()
        .filter(|e| *kind == "all" || e.type_ == *kind)
        .filter(|e| {
            needle.is_empty()
                || [&e.namespace, &e.reason, &e.object, &e.message, &e.type_]
                    .iter()
                    .any(|f| f.to_lowercase().contains(&needle))
        })
        .collect();
    html! {
        <div class="events" id="events-view">
            <div class="events__filters">
                <label>{"Filter "}<input id="events-filter" type="search" placeholder="reason, object, message…"
                    value={(*filter).clone()} oninput={on_filter} /></label>
                <label>{"Type "}<select id="events-type" onchange={on_kind}>
                    <option value="all" selected={*kind == "all"}>{"All"}</option>
                    <option value="Normal" selected={*kind == "Normal"}>{"Normal"}</option>
                    <option value="Warning" selected={*kind == "Warning"}>{"Warning"}</option>
                </select></label>
                <span class="muted">{format!("{} of {} events, newest first", rows.len(), props.events.len())}</span>
            </div>
            <table class="events__table">
                <thead><tr><th>{"NAMESPACE"}</th><th>{"LAST SEEN"}</th><th>{"TYPE"}</th><th>{"REASON"}</th><th>{"OBJECT"}</th><th>{"MESSAGE"}</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|e| {
                        let on_click = {
                            let cb = props.on_select.clone();
                            let sel = Selection::new(&e.kind.to_lowercase(), (!e.namespace.is_empty() && e.kind != "Node").then_some(e.namespace.as_str()), &e.name);
                            Callback::from(move |_: MouseEvent| cb.emit(sel.clone()))
                        };
                        html! {
                            <tr class={classes!((e.type_ == "Warning").then_some("event--warning"))}>
                                <td>{&e.namespace}</td>
                                <td>{kubeplay_engine::time::human_duration(props.now_ms.saturating_sub(e.last_ms))}{if e.count > 1 { format!(" (x{})", e.count) } else { String::new() }}</td>
                                <td>{if e.type_ == "Warning" { "▲ Warning" } else { "Normal" }}</td>
                                <td>{&e.reason}</td>
                                <td><button class="link" onclick={on_click}>{&e.object}</button></td>
                                <td class="events__message">{&e.message}</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </div>
    }
}
