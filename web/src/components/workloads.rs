//! The workloads view: each Deployment → its ReplicaSets (newest revision first) → their pods, with the
//! rollout-steps chart and the Deployment's events; then ReplicaSets and pods no Deployment owns.

use std::rc::Rc;

use yew::prelude::*;

use super::Selection;
use super::pod_chip::PodChip;
use super::rollout_chart::{Marker, RolloutChart};
use crate::model::playground::RolloutSeries;
use crate::model::view::{ClusterView, ReplicaSetView};

#[derive(Properties, PartialEq)]
pub struct WorkloadsProps {
    pub view: Rc<ClusterView>,
    /// Chart data per Deployment uid.
    pub rollouts: Rc<Vec<(String, Vec<RolloutSeries>)>>,
    pub selected_pod: Option<(String, String)>,
    pub on_select: Callback<Selection>,
    pub system: bool,
    pub on_toggle_system: Callback<bool>,
}

#[component]
pub fn Workloads(props: &WorkloadsProps) -> Html {
    let v = &props.view;
    let on_pod = {
        let cb = props.on_select.clone();
        Callback::from(move |(ns, name): (String, String)| cb.emit(Selection::new("pod", Some(&ns), &name)))
    };
    let select = |resource: &'static str, ns: String, name: String| {
        let cb = props.on_select.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Selection::new(resource, Some(&ns), &name)))
    };
    let on_system = {
        let cb = props.on_toggle_system.clone();
        Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    };
    let rs_block = |rs: &ReplicaSetView| {
        html! {
            <li key={rs.uid.clone()} class="tree__rs" data-rs={rs.name.clone()}>
                <button class="tree__name" onclick={select("replicaset", rs.namespace.clone(), rs.name.clone())}>
                    <span class="kind">{"ReplicaSet"}</span>{&rs.name}
                </button>
                if !rs.revision.is_empty() { <span class="badge">{format!("rev {}", rs.revision)}</span> }
                <span class="tree__counts">{format!("desired {} · current {} · ready {}", rs.desired, rs.current, rs.ready)}</span>
                <span class="tree__image">{&rs.images}</span>
                <div class="tree__pods">
                    { for rs.pods.iter().map(|p| {
                        let selected = props.selected_pod.as_ref().is_some_and(|(ns, n)| *ns == p.namespace && *n == p.name);
                        html! { <PodChip key={p.name.clone()} pod={p.clone()} {selected} on_select={on_pod.clone()} /> }
                    }) }
                </div>
            </li>
        }
    };
    html! {
        <div class="workloads" id="workloads-view">
            <label class="toggle"><input type="checkbox" checked={props.system} onchange={on_system} />
                {" show kube-system"}</label>
            if v.deployments.is_empty() && v.replica_sets.is_empty() && v.bare_pods.is_empty() {
                <p class="muted empty">{"No workloads yet. Apply a Deployment from the editor (Ctrl+Enter), or type "}
                    <code>{"kubectl create deployment web --image=nginx --replicas=3"}</code>{" in the terminal."}</p>
            }
            { for v.deployments.iter().map(|d| {
                let series = props.rollouts.iter().find(|(uid, _)| *uid == d.uid).map(|(_, s)| s.clone()).unwrap_or_default();
                let markers: Vec<Marker> = d.events.iter()
                    .map(|e| Marker { at_ms: e.last_ms, reason: e.reason.clone(), message: e.message.clone() })
                    .collect();
                let progressing = d.conditions.iter().find(|c| c.type_ == "Progressing").map(|c| c.reason.clone()).unwrap_or_default();
                html! {
                    <article key={d.uid.clone()} class="deployment" data-deployment={d.name.clone()}>
                        <header class="deployment__head">
                            <button class="tree__name" onclick={select("deployment", d.namespace.clone(), d.name.clone())}>
                                <span class="kind">{"Deployment"}</span>{&d.name}
                            </button>
                            <span class="muted">{&d.namespace}</span>
                            <span class={classes!("badge", if d.available >= d.desired { "badge--ok" } else { "badge--warn" })}>
                                {format!("{}/{} ready", d.ready, d.desired)}
                            </span>
                            <span class="tree__counts">{format!("up-to-date {} · available {} · revision {}", d.up_to_date, d.available, d.revision)}</span>
                            <span class="muted">{&d.strategy}</span>
                            if d.paused { <span class="badge badge--warn">{"❚❚ paused"}</span> }
                            if !progressing.is_empty() { <span class="muted">{format!("Progressing: {progressing}")}</span> }
                        </header>
                        <RolloutChart {series} markers={markers.clone()} />
                        <ul class="tree">{ for d.replica_sets.iter().map(&rs_block) }</ul>
                        if !markers.is_empty() {
                            <details class="deployment__events">
                                <summary>{format!("Events ({})", markers.len())}</summary>
                                <ol>{ for markers.iter().map(|m| html! {
                                    <li><span class="muted">{crate::model::fmt::elapsed(m.at_ms)}</span>{" "}<b>{&m.reason}</b>{" "}{&m.message}</li>
                                }) }</ol>
                            </details>
                        }
                    </article>
                }
            }) }
            if !v.replica_sets.is_empty() {
                <article class="deployment">
                    <header class="deployment__head"><span class="kind">{"ReplicaSets without a Deployment"}</span></header>
                    <ul class="tree">{ for v.replica_sets.iter().map(&rs_block) }</ul>
                </article>
            }
            if !v.bare_pods.is_empty() {
                <article class="deployment">
                    <header class="deployment__head"><span class="kind">{"Other pods"}</span></header>
                    <div class="tree__pods">
                        { for v.bare_pods.iter().map(|p| {
                            let selected = props.selected_pod.as_ref().is_some_and(|(ns, n)| *ns == p.namespace && *n == p.name);
                            html! { <PodChip key={format!("{}/{}", p.namespace, p.name)} pod={p.clone()} {selected} on_select={on_pod.clone()} /> }
                        }) }
                    </div>
                </article>
            }
        </div>
    }
}
