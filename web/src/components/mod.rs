//! The Yew function components, one per file. They draw what `crate::model` computes and turn clicks and
//! keys into calls on the playground; no simulation logic lives here.

pub mod app;
pub mod clock_bar;
pub mod editor;
pub mod events;
pub mod inspector;
pub mod node_card;
pub mod nodes_view;
pub mod pod_chip;
pub mod rollout_chart;
pub mod terminal;
pub mod workloads;

pub use app::{App, AppProps, Boot};

/// What an inspector can show: any object a view draws.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// The kubectl resource name: `pod`, `node`, `deployment`, `replicaset`, or `KIND/NAME` for events.
    pub resource: String,
    pub namespace: Option<String>,
    pub name: String,
}

impl Selection {
    pub fn new(resource: &str, namespace: Option<&str>, name: &str) -> Selection {
        Selection { resource: resource.into(), namespace: namespace.map(str::to_string), name: name.into() }
    }

    /// The flags that select it on a kubectl command line.
    pub fn args(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {} -n {ns}", self.resource, self.name),
            None => format!("{} {}", self.resource, self.name),
        }
    }
}
