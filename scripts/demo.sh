#!/usr/bin/env bash
# The main job: the sample extensions run under the moving GC in torture mode (every
# object relocated at every HPy call, the heap verified after each collection), showing
# what moved; then a tour of the heap on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="$(scripts/setup.sh)"
export HPYMOVE_VENV="$(dirname "$(dirname "$python")")"
cargo run --quiet --release -p hpymove-runtime --example host_demo
echo
echo "=== the heap alone ==="
cargo run --quiet --release -p gc --example heap_demo
