#!/usr/bin/env bash
# The whole test suite, from a fresh machine: installs what it needs (scripts/tools.sh), then runs every check.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(./scripts/tools.sh)"
# The engine must build for the browser: no IO, no threads, no wall clock.
cargo build -p kubeplay-engine --target wasm32-unknown-unknown
# The site, as users get it: the browser end-to-end tests in `cargo test` drive this dist/.
trunk build --release --offline
# Native: unit tests, the scenario corpus (each run twice), differential tests against the real kubectl,
# component snapshots (Yew's server renderer), tidy, and the browser end-to-end tests (Chromium over
# WebDriver against dist/ served on 127.0.0.1; screenshots in target/e2e/).
cargo test --workspace
# The scenario corpus compiled to wasm32, run under Node: transcripts equal to the native ones.
WASM_BINDGEN_TEST_TIMEOUT=300 cargo test -p kubeplay-kubectl --target wasm32-unknown-unknown --test wasm_scenarios
