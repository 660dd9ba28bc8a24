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

step "cargo clippy --all-targets -- -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "tests"
if cargo nextest --version >/dev/null 2>&1; then
    cargo nextest run --workspace --no-fail-fast
else
    echo "cargo-nextest is not installed; falling back to cargo test (install it with: cargo install cargo-nextest)" >&2
    cargo test --workspace --no-fail-fast --lib --bins --tests
fi

step "doc tests"
cargo test --workspace --doc --quiet

step "all tests passed"
