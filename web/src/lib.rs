//! The browser playground: a Yew app that runs the simulated cluster in the page.
//!
//! `model` is plain Rust (no yew, no web-sys): the playground state, the view data the components draw, share
//! links, highlighting and completion; native tests cover it. `components` are the Yew function components,
//! one per file, which only render what `model` computes. `browser` wraps the few web APIs used.

pub mod browser;
pub mod components;
pub mod model;
