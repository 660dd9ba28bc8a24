#!/usr/bin/env bash
# Builds the sample extensions and runs them on the reference host (CPython + hpy.universal).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$("$root/scripts/setup.sh")"
cargo build --quiet --manifest-path "$root/Cargo.toml" -p ext-samples
exec "$python" "$root/ext-samples/check_cpython.py" --dir "${CARGO_TARGET_DIR:-$root/target}/debug/hpy-ext" "$@"
