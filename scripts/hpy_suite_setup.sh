#!/usr/bin/env bash
# HPy's own test suite, for tests/hpy_suite: the pinned hpy 0.9.0 source distribution
# (checksum checked, cached in .cache/, never committed) and the CPython-side test tools
# (pytest, filelock) in the venv. Idempotent; offline once the cache is filled.
# Usage: hpy_suite_setup.sh PYTHON   (the venv's python, as scripts/setup.sh prints it)
# Prints the extracted sdist directory on success.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="$1"
version="0.9.0"
sha256="4545310f3a7f9ac249c0f19a80a9b05f46565afb62b7e9225b79493b7b6c70cc"
# CPython runs the suite as shipped (pytest, filelock for support.py; xdist: two cores).
pins=("pytest==8.3.5" "filelock==3.16.1" "pytest-xdist==3.6.1")

fail() { echo "hpy_suite_setup: $*" >&2; exit 1; }

cache="$root/.cache/hpy-sdist"
tarball="$cache/hpy-$version.tar.gz"
tree="$cache/hpy-$version"
mkdir -p "$cache"

if [ ! -f "$tarball" ]; then
    echo "hpy_suite_setup: downloading the hpy $version source distribution into $cache" >&2
    "$python" -m pip download --quiet --disable-pip-version-check --no-binary :all: --no-deps \
        -d "$cache" "hpy==$version" \
        || fail "could not download hpy==$version's sdist (offline? put hpy-$version.tar.gz into $cache by hand)"
fi
got="$(sha256sum "$tarball" | cut -d' ' -f1)"
[ "$got" = "$sha256" ] || fail "$tarball has sha256 $got, expected $sha256 (delete it and run again)"

if [ ! -f "$tree/.extracted" ]; then
    rm -rf "$tree"
    tar -xzf "$tarball" -C "$cache" || fail "could not extract $tarball"
    touch "$tree/.extracted"
fi

missing=()
for p in "${pins[@]}"; do
    name="${p%%==*}"; want="${p##*==}"
    "$python" -c "import importlib.metadata as m, sys; sys.exit(m.version('$name') != '$want')" 2>/dev/null \
        || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "hpy_suite_setup: installing ${missing[*]}" >&2
    "$python" -m pip install --quiet --disable-pip-version-check "${missing[@]}" \
        || fail "could not install ${missing[*]} (is the package index reachable?)"
fi
echo "$tree"
