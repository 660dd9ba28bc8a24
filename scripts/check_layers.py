#!/usr/bin/env python3
"""Checks that the imports of runtime/src point one way between its layers.

Every `crate::...` path in a file (in `use` declarations and inline) is an edge from the
file's layer to the layer of the path. An edge is allowed when it points down the order
below, or when it is one of the named interfaces in NARROW (the few places where two layers
of the same height meet). Prints every other edge with its file and line and exits 1.

    python3 scripts/check_layers.py            # check
    python3 scripts/check_layers.py --graph    # also print the layer graph with edge counts
"""
import os
import re
import sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runtime", "src")

# Bottom to top. A layer may use the layers of lower rank; the host and the interpreter
# share a rank: they sit side by side on the protocols and meet only through NARROW.
ORDER = ["objects", "protocols", "host", "interp", "modules", "cli"]
RANK = {"objects": 0, "protocols": 1, "host": 2, "interp": 2, "modules": 3, "cli": 4}

# The composition root: `State`, the one owner of the runtime, holds each layer's state
# (the heap, the builtins, the handle table, the interpreter's frames), and `roots.rs` is the
# collector's client that traces all of it. Both may name every layer. Every layer reaches
# the runtime through `State` (and the `error` types), which is why references *to* these
# are not edges between layers; nothing else of the root is visible to them.
ROOT_FILES = {"lib.rs", "state.rs", "roots.rs", "error.rs"}
CONTEXT = {"state", "error"}

# The named, narrow interfaces: each edge that does not point down, with the paths it may
# use and why. Each is a dependency the design accepts (DESIGN.md, "Layers of runtime/src").
NARROW = {
    # The host evaluates code for `HPy_Compile_s`/`HPy_EvalCode` (parse, then run), calls
    # Python callables and the interpreter's natives, and installs the builtins on load.
    ("host", "interp"): {"interp::lower::parse_module", "interp::natives::call_native",
                         "interp::natives::install_builtins", "interp::natives::write_out"},
    # The interpreter loads extensions from `import`, calls their functions and slots.
    ("interp", "host"): {"host::loader", "host::exttype", "host::call", "host::debug"},
    # `import math` creates the native module (the import system is the interpreter's).
    ("interp", "modules"): {"modules::math", "modules::time", "modules::posix",
                            "modules::carried", "modules::hpymove",
                            "modules::subprocess", "modules::tomllib",
                            "modules::regex"},
    # An extension instance's payload and a capsule's destructor run under the host's
    # guards (the API guard, the guarded allocator that debug mode checks, crash reports).
    ("objects", "host"): {"host::api_guard", "host::crash::collections", "host::debug::Stack",
                          "host::guarded"},
    # An exception's str and repr show its arguments' reprs; list.sort compares items.
    # (CPython's Objects/ calls its abstract protocols the same way.)
    ("objects", "protocols"): {"protocols::repr::repr_of", "protocols::repr::str_of",
                               "protocols::compare::compare"},
    # The iteration protocol resumes a generator, which runs the evaluator; a call of a
    # native function finds its implementation in the interpreter's table of natives.
    ("protocols", "interp"): {"interp::generators::Resumed", "interp::natives::call_native"},
}

PATH = re.compile(r"\bcrate::((?:[a-z_][a-z_0-9]*|[A-Z][A-Za-z0-9_]*)(?:::(?:[a-z_][a-z_0-9]*|[A-Z][A-Za-z0-9_]*|\{))*)")
GROUP = re.compile(r"use crate::\{([^;]*)\};", re.S)


def layer_of_file(rel):
    top = rel.split(os.sep)[0]
    if rel in ROOT_FILES:
        return "root"
    if top in ("objects", "protocols", "host", "interp", "modules"):
        return top
    if rel in ("cli.rs", "embed.rs") or top == "bin":
        return "cli"
    raise SystemExit(f"check_layers: no layer for runtime/src/{rel}: add it to ORDER's map")


def layer_of_path(p):
    head = p.split("::")[0]
    if head in ("objects", "protocols", "host", "interp", "modules"):
        return head
    if head in ("cli", "embed"):
        return "cli"
    if head in CONTEXT or head == "roots":
        return "root"
    return None


def refs(text):
    """(line, path) of every crate path, with `use crate::{a, b::c}` groups expanded."""
    out = []
    for m in GROUP.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        for part in re.split(r",(?![^{]*\})", m.group(1)):
            part = part.strip()
            if part:
                out.append((line, part.split("::{")[0]))
    text = GROUP.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    for i, l in enumerate(text.split("\n"), 1):
        s = l.split("//")[0]
        for m in PATH.finditer(s):
            out.append((i, m.group(1).rstrip(":{")))
    return out


def allowed(src, dst, path):
    if src == "root" or dst == "root":
        # the owner may name every layer; a layer may use its context, not the collector's
        # client (`roots`) except through `State`
        return src == "root" or path.split("::")[0] in CONTEXT
    if RANK[dst] < RANK[src]:
        return True
    names = NARROW.get((src, dst), set())
    return any(path == n or path.startswith(n + "::") for n in names)


def main():
    bad, graph = [], Counter()
    for d, _, files in os.walk(ROOT):
        for f in sorted(files):
            if not f.endswith(".rs"):
                continue
            full = os.path.join(d, f)
            rel = os.path.relpath(full, ROOT)
            src = layer_of_file(rel)
            for line, path in refs(open(full, encoding="utf-8").read()):
                dst = layer_of_path(path)
                if dst is None or dst == src:
                    continue
                graph[(src, dst)] += 1
                if not allowed(src, dst, path):
                    bad.append(f"runtime/src/{rel}:{line}: {src} -> {dst}: crate::{path}")
    if "--graph" in sys.argv:
        rank = lambda layer: -1 if layer == "root" else RANK[layer]
        for (s, t), n in sorted(graph.items(), key=lambda x: (rank(x[0][0]), rank(x[0][1]))):
            up = "  (named interface)" if rank(t) >= rank(s) and s != "root" else ""
            print(f"{s:>10} -> {t:<10} {n:4}{up}")
    if bad:
        print("\n".join(bad))
        print(f"check_layers: {len(bad)} import(s) point up a layer outside the named "
              "interfaces (see scripts/check_layers.py)", file=sys.stderr)
        return 1
    print(f"check_layers: runtime/src imports point one way ({sum(graph.values())} "
          "cross-layer references checked)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
