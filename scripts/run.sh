#!/usr/bin/env bash
# Sets up everything (scripts/tools.sh), builds the site into dist/ and serves it on 127.0.0.1.
# PORT=8080 by default. The engine runs in the page, on its default cluster; Ctrl-C stops the server.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(./scripts/tools.sh)"
trunk build --release --offline
PORT="${PORT:-8080}"
echo "kubeplay is at http://127.0.0.1:$PORT/  (Ctrl-C to stop)" >&2
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
