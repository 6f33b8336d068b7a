//! `kubectl describe`.

pub(crate) mod qty;
