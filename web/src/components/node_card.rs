//! One node as a card: name, role, readiness, requested CPU and memory against allocatable, taints,
//! conditions that are not healthy, and its pods.

use yew::prelude::*;

use super::pod_chip::PodChip;
use crate::model::fmt;
use crate::model::view::NodeView;

#[derive(Properties, PartialEq)]
pub struct NodeCardProps {
    pub node: NodeView,
    /// `(namespace, name)` of the selected pod, if it is on this node.
    pub selected_pod: Option<(String, String)>,
    pub on_select_pod: Callback<(String, String)>,
    pub on_select_node: Callback<String>,
}

#[component]
pub fn NodeCard(props: &NodeCardProps) -> Html {
    let n = &props.node;
    let on_title = {
        let cb = props.on_select_node.clone();
        let name = n.name.clone();
        Callback::from(move |_: MouseEvent| cb.emit(name.clone()))
    };
    let cpu_pct = fmt::percent(n.cpu_requested_milli, n.cpu_allocatable_milli);
    let mem_pct = fmt::percent(n.memory_requested, n.memory_allocatable);
    let status = if !n.ready {
        "NotReady"
    } else if n.unschedulable {
        "Ready,SchedulingDisabled"
    } else {
        "Ready"
    };
    let unhealthy: Vec<_> = n.conditions.iter().filter(|c| !c.healthy).collect();
    html! {
        <section class={classes!("node", (!n.ready).then_some("node--notready"), n.unschedulable.then_some("node--cordoned"))}
            data-node={n.name.clone()} aria-label={format!("node {}", n.name)}>
            <header class="node__head">
                <button class="node__name" onclick={on_title} title="Inspect this node">{&n.name}</button>
                <span class={classes!("badge", format!("badge--{}", n.role))}>{&n.role}</span>
                <span class={classes!("node__status", if n.ready { "ok" } else { "bad" })}>
                    {if n.ready { "✓ " } else { "✕ " }}{status}
                </span>
            </header>
            <div class="node__ip">{&n.internal_ip}{" · "}{format!("{}/{} pods", n.pods.len(), n.pods_allocatable)}</div>
            <Bar label="CPU" pct={cpu_pct}
                text={format!("{} / {}", fmt::cpu(n.cpu_requested_milli), fmt::cpu(n.cpu_allocatable_milli))} />
            <Bar label="Memory" pct={mem_pct}
                text={format!("{} / {}", fmt::memory(n.memory_requested), fmt::memory(n.memory_allocatable))} />
            if !n.taints.is_empty() {
                <ul class="node__taints" aria-label="taints">
                    { for n.taints.iter().map(|t| html! { <li class="taint" title="taint">{"⚑ "}{t}</li> }) }
                </ul>
            }
            if !unhealthy.is_empty() {
                <ul class="node__conditions" aria-label="conditions">
                    { for unhealthy.iter().map(|c| html! {
                        <li class="condition condition--bad">{format!("{}={} {}", c.type_, c.status, c.reason)}</li>
                    }) }
                </ul>
            }
            <div class="node__pods">
                { for n.pods.iter().map(|p| {
                    let selected = props.selected_pod.as_ref().is_some_and(|(ns, name)| *ns == p.namespace && *name == p.name);
                    html! { <PodChip key={format!("{}/{}", p.namespace, p.name)} pod={p.clone()} {selected}
                        on_select={props.on_select_pod.clone()} /> }
                }) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct BarProps {
    pub label: AttrValue,
    pub pct: u32,
    pub text: String,
}

/// A requested-versus-allocatable bar with its numbers in words.
#[component]
pub fn Bar(props: &BarProps) -> Html {
    let level = match props.pct {
        0..=69 => "bar--ok",
        70..=89 => "bar--high",
        _ => "bar--full",
    };
    html! {
        <div class={classes!("bar", level)} role="meter" aria-label={format!("{} requested", props.label)}
            aria-valuenow={props.pct.to_string()} aria-valuemin="0" aria-valuemax="100">
            <span class="bar__label">{&props.label}</span>
            <span class="bar__track"><span class="bar__fill" style={format!("width:{}%", props.pct)}></span></span>
            <span class="bar__text">{&props.text}{format!(" ({}%)", props.pct)}</span>
        </div>
    }
}
