#!/usr/bin/env bash
# The whole test suite, as CI runs it: setup, formatting, lints, every test (each test
# binary's tests in their own processes under cargo-nextest), doc tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

step() { printf '\n==> %s\n' "$*"; }

step "setup"
python="$(scripts/setup.sh)"
export HPYMOVE_VENV="$(dirname "$(dirname "$python")")"

step "cargo fmt --check"
cargo fmt --all -- --check

step "generated context table is up to date"
python3 scripts/gen_context.py --check

step "runtime/src layers import one way"
python3 scripts/check_layers.py

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "tests"
# Tests that load extensions need a process each (an extension's C statics exist once
# per process): cargo-nextest gives every test its own process.
if ! cargo nextest --version >/dev/null 2>&1; then
    echo "cargo-nextest is not installed; installing it (cargo install cargo-nextest --locked)" >&2
    cargo install cargo-nextest --locked \
        || { echo "test: could not install cargo-nextest; install it and run again" >&2; exit 1; }
fi
cargo nextest run --workspace --no-fail-fast

step "sample extensions on the reference host (CPython + hpy.universal)"
"$python" ext-samples/check_cpython.py --dir target/debug/hpy-ext

step "HPy's own test suite (hpy 0.9.0 sdist) on hpymove: normal, torture + poison + verify, debug"
# One hpymove process per test file and mode; prints the per-file table (tests/hpy_suite).
cargo build --profile test -p hpymove-runtime --bin hpymove --quiet
"$python" -m pytest -q -p no:cacheprovider tests/hpy_suite/test_driver.py
"$python" tests/hpy_suite/run.py --python "$python"

step "real packages' test suites, unmodified (toolz 1.2.0, sortedcontainers 2.4.0), compared with CPython's pytest"
# Pinned sdists from PyPI (checksummed, cached). The whole suites in normal mode; under
# --gc=always (poison, verify) two of toolz's test files, 61 tests, about 2 minutes: the whole
# toolz suite takes 46 minutes that way on two cores (run.py --modes always, by hand).
"$python" tests/real_suites/run.py --python "$python" --modes normal
"$python" tests/real_suites/run.py --python "$python" --modes always --only toolz \
    --paths toolz/tests/test_dicttoolz.py toolz/tests/test_curried.py

step "doc tests"
cargo test --workspace --doc --quiet

step "all tests passed"
