//! End-to-end tests: manifests through defaulting, admission and validation to kubectl's messages.
