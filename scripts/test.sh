#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs, then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
# The engine must build for the browser: no IO, no threads, no wall clock.
cargo build -p kubeplay-engine --target wasm32-unknown-unknown
cargo test --workspace
