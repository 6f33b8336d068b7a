//! The controllers of kube-controller-manager, kube-scheduler and the kubelet, one module each.
//! Each module's doc names the upstream source it follows.

pub mod deployment;
pub mod gc;
pub mod kubelet;
pub mod namespace;
pub mod pods;
pub mod replicaset;
pub mod scheduling;
