//! kubeplay's engine: a deterministic simulation of a Kubernetes v1.37 control plane and its nodes.
//!
//! No IO, no wall clock, no threads, no web dependencies: the host passes commands and time in, and reads
//! objects out. See ARCHITECTURE.md for the code map and invariants.

pub mod kinds;
pub mod object;
pub mod rng;
pub mod time;
pub mod validation;

pub use object::{DynamicObject, Object, ObjectKey};
pub use time::SimTime;
