#!/usr/bin/env bash
# Regenerates the expected outputs of tests/scripts/*.py from CPython 3.11 with
# hpy.universal (the reference host). Review the diff before committing it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python="$(scripts/setup.sh)"
cargo build -q -p ext-samples
ext="$(pwd)/target/debug/hpy-ext"
for s in tests/scripts/*.py; do
    if grep -q "# compare: exception type\|# reference host: skip" "$s"; then
        echo "skip (host-specific): $s"
        continue
    fi
    base="${s%.py}"
    set +e
    (cd tests/scripts && PYTHONPATH="$ext" "$python" ../cpython_run.py "$(basename "$s")" \
        > "$(basename "$base").out" 2> "$(basename "$base").err")
    status=$?
    set -e
    if [ "$status" -ne 0 ]; then echo "$status" > "$base.status"; else rm -f "$base.status"; fi
    [ -s "$base.err" ] || rm -f "$base.err"
    echo "$s: exit $status"
done
