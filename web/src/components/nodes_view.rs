//! The cluster view: every node as a card with its pods, and the Pending lane with each pod's
//! FailedScheduling reason.

use std::rc::Rc;

use yew::prelude::*;

use super::node_card::NodeCard;
use super::pod_chip::PodChip;
use crate::model::view::ClusterView;

#[derive(Properties, PartialEq)]
pub struct NodesViewProps {
    pub view: Rc<ClusterView>,
    pub selected_pod: Option<(String, String)>,
    pub on_select_pod: Callback<(String, String)>,
    pub on_select_node: Callback<String>,
}

#[component]
pub fn NodesView(props: &NodesViewProps) -> Html {
    let v = &props.view;
    html! {
        <div class="cluster" id="cluster-view">
            <section class="pending" id="pending-lane" aria-label="Pending pods">
                <h3>{"Pending"}<span class="count">{v.pending.len()}</span></h3>
                if v.pending.is_empty() {
                    <p class="muted">{"No pod is waiting for a node."}</p>
                } else {
                    <ul class="pending__list">
                        { for v.pending.iter().map(|p| {
                            let selected = props.selected_pod.as_ref().is_some_and(|(ns, n)| *ns == p.namespace && *n == p.name);
                            html! {
                                <li key={format!("{}/{}", p.namespace, p.name)} class="pending__item">
                                    <PodChip pod={p.clone()} {selected} on_select={props.on_select_pod.clone()} />
                                    <span class="pending__reason">{p.reason.clone().unwrap_or_else(|| "waiting for the scheduler".into())}</span>
                                </li>
                            }
                        }) }
                    </ul>
                }
            </section>
            <div class="nodes">
                { for v.nodes.iter().map(|n| {
                    let selected_pod = props.selected_pod.clone().filter(|(ns, name)| n.pods.iter().any(|p| p.namespace == *ns && p.name == *name));
                    html! { <NodeCard key={n.name.clone()} node={n.clone()} {selected_pod}
                        on_select_pod={props.on_select_pod.clone()} on_select_node={props.on_select_node.clone()} /> }
                }) }
            </div>
        </div>
    }
}
