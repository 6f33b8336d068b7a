#!/usr/bin/env bash
# Sets up and runs kubeplay on its default cluster. Until the web app lands this is the interactive CLI:
# type kubectl command lines, one per line (Ctrl-D to quit).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -p kubeplay
echo "kubeplay shell on the default cluster (control-plane + 3 workers). Try: kubectl get nodes" >&2
exec ./target/release/kubeplay shell "$@"
