//! One pod as a chip: a status glyph and colour, its name, and the owner it belongs to.

use yew::prelude::*;

use crate::model::view::PodView;

#[derive(Properties, PartialEq)]
pub struct PodChipProps {
    pub pod: PodView,
    pub selected: bool,
    pub on_select: Callback<(String, String)>,
}

#[component]
pub fn PodChip(props: &PodChipProps) -> Html {
    let pod = &props.pod;
    let onclick = {
        let on_select = props.on_select.clone();
        let key = (pod.namespace.clone(), pod.name.clone());
        Callback::from(move |_: MouseEvent| on_select.emit(key.clone()))
    };
    let title = format!(
        "{}/{} — {} (ready {}, restarts {}){}",
        pod.namespace,
        pod.name,
        pod.status,
        pod.ready,
        pod.restarts,
        pod.reason.as_deref().map(|r| format!("\n{r}")).unwrap_or_default()
    );
    let class = classes!("pod", pod.class.css(), props.selected.then_some("pod--selected"));
    html! {
        <button {class} {onclick} {title} data-pod={pod.name.clone()} data-status={pod.status.clone()}
            aria-label={format!("pod {} {}", pod.name, pod.status)}>
            <span class="pod__icon" aria-hidden="true">{pod.class.icon()}</span>
            <span class="pod__name">{short_name(&pod.name, &pod.app)}</span>
            <span class="pod__status">{&pod.status}</span>
            if !pod.app.is_empty() {
                <span class="pod__owner">{&pod.app}</span>
            }
        </button>
    }
}

/// Pod names repeat their owner's name; the chip shows the part that tells pods apart.
fn short_name<'a>(name: &'a str, app: &str) -> &'a str {
    if app.is_empty() {
        return name;
    }
    match name.strip_prefix(app).and_then(|rest| rest.strip_prefix('-')) {
        Some(rest) if !rest.is_empty() => rest,
        _ => name,
    }
}
