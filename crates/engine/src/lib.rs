//! kubeplay's engine: a deterministic simulation of a Kubernetes v1.37 control plane and its nodes.
//!
//! No IO, no wall clock, no threads, no web dependencies: the host passes commands and time in, and reads
//! objects out. See ARCHITECTURE.md for the code map and invariants.

pub mod admission;
pub mod api;
pub mod bootstrap;
pub mod cluster;
pub mod controllers;
pub mod engine;
pub mod images;
pub mod kinds;
pub mod manifest;
pub mod object;
pub mod quantity;
pub mod rng;
pub mod scheduler;
pub mod selector;
pub mod store;
pub mod time;
pub mod validation;

pub use object::{DynamicObject, Object, ObjectKey};
pub use time::SimTime;
