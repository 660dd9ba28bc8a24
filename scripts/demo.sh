#!/usr/bin/env bash
# The main job: a demo of the moving heap (objects relocated at every safepoint in
# torture mode, with verification), then its statistics.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/setup.sh >/dev/null
cargo run --quiet --release -p gc --example heap_demo
