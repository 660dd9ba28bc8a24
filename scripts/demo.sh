#!/usr/bin/env bash
# The main job: a Python script using the sample extensions (built from C with the official
# hpy 0.9.0 headers), run by hpymove in torture mode: every object relocated at every HPy
# call, the whole heap verified after each collection. Then the embedding demo that shows
# objects moving while handles stay valid, and a tour of the heap on its own.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="$(scripts/setup.sh)"
export HPYMOVE_VENV="$(dirname "$(dirname "$python")")"
# Two builds: a --bin filter would skip ext-samples (whose build script makes the .so files).
cargo build --quiet --release -p ext-samples
cargo build --quiet --release -p hpymove-runtime --bin hpymove
echo "=== hpymove --gc=torture --poison --verify-heap --gc-stats ext-samples/demo.py"
PYTHONPATH=target/release/hpy-ext target/release/hpymove --gc=torture --poison --verify-heap --gc-stats ext-samples/demo.py
echo
echo "=== objects moving under the embedding API"
cargo run --quiet --release -p hpymove-runtime --example host_demo
echo
echo "=== the heap alone"
cargo run --quiet --release -p gc --example heap_demo
