#!/usr/bin/env bash
# Idempotent setup: a project-local virtual environment with the official hpy 0.9.0
# package (headers, helper sources, and hpy.universal, the reference host).
# Prints the environment's python on success.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="${HPYMOVE_VENV:-$root/.venv}"
want="0.9.0"

fail() { echo "setup: $*" >&2; exit 1; }

command -v python3 >/dev/null || fail "python3 is not installed; install Python 3.11 or newer"
command -v cargo >/dev/null || fail "cargo is not installed; install the Rust toolchain (https://rustup.rs)"
command -v gcc >/dev/null || fail "gcc is not installed; install gcc"

have() { "$venv/bin/python" -c "import hpy.devel, importlib.metadata as m; assert m.version('hpy') == '$want'" 2>/dev/null; }

if ! have; then
    echo "setup: creating $venv with hpy==$want" >&2
    python3 -m venv "$venv" || fail "could not create a virtual environment at $venv (on Debian: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "hpy==$want" \
        || fail "could not install hpy==$want from PyPI into $venv (is the package index reachable?)"
    have || fail "hpy==$want installed but not importable from $venv"
fi
# Debug mode's tests build extensions the way authors do, with setuptools (which venvs of
# Python 3.12 and later no longer include).
if ! "$venv/bin/python" -c "import setuptools" 2>/dev/null; then
    echo "setup: installing setuptools into $venv" >&2
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check setuptools \
        || fail "could not install setuptools into $venv (is the package index reachable?)"
fi
# HPy's own test suite (tests/hpy_suite): the pinned sdist, cached in .cache/, and pytest
# 8.3.5 (also what `hpymove -m pytest`'s tests compare their results with).
bash "$root/scripts/hpy_suite_setup.sh" "$venv/bin/python" >/dev/null
echo "$venv/bin/python"
