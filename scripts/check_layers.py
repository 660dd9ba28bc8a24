#!/usr/bin/env python3
"""Checks that the imports of runtime/src point one way between its layers.

Every `crate::...` path in a file (in `use` declarations and inline) is an edge from the
file's layer to the layer of the path. An edge is allowed when it points down the order
below, or when it is one of the named interfaces in NARROW (the few places where two layers
of the same height meet). Prints every other edge with its file and line and exits 1.

    python3 scripts/check_layers.py            # check
    python3 scripts/check_layers.py --graph    # also print the layer graph with edge counts
    python3 scripts/check_layers.py --write-calls   # rewrite CALLS_FILE from the code

Imports are half the picture: `State` is one type whose methods are defined in the layer
they belong to (`impl State` blocks), so `st.ext_getitem(...)` from the protocols into the
host is a dependency no import shows. The second check finds every `impl State` method,
the layer that defines it, and every call of it as `self.NAME(` or `st.NAME(`; a call from
a layer to a method of a higher or equal-rank other layer must be listed in CALLS_FILE.
That file is a ratchet: a new upward call fails the check, and so does a listed call that
no longer exists (remove its line), so the list only shrinks.
"""
import os
import re
import sys
from collections import Counter

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "runtime", "src")

# Bottom to top. A layer may use the layers of lower rank. The interpreter sits above the
# host: `import` loads extensions and calls their slots; the host reaches the interpreter
# (compiling code for `HPy_Compile_s`, importing for `HPyImport_ImportModule`) only through
# the named upcalls of the composition root (`upcalls.rs`).
ORDER = ["objects", "protocols", "methods", "host", "interp", "modules", "cli"]
RANK = {layer: rank for rank, layer in enumerate(ORDER)}

# The builtin types' methods live with their type in objects/ (`objects/<type>/methods.rs`
# and `str.format` in `objects/str/format.rs`), but they are natives that use the protocols
# (`list.index` compares items, `dict.update` iterates), so they form their own layer above
# the protocols. Nothing below them may name them; the interpreter installs them in their
# types' dicts. (`objects/set.rs` and `objects/dictviews.rs` keep their slots and methods
# together and rank as objects: their calls of the protocols are in CALLS_FILE.)
METHOD_FILES = re.compile(r"^objects/(?:[a-z_]+/methods\.rs|str/format\.rs)$")
METHOD_PATHS = re.compile(r"^objects::(?:[a-z_]+::methods|str::format)(?:::|$)")

# The composition root: `State`, the one owner of the runtime, holds each layer's state
# (the heap, the builtins, the handle table, the interpreter's frames), and `roots.rs` is the
# collector's client that traces all of it. Both may name every layer. Every layer reaches
# the runtime through `State` (and the `error` types), which is why references *to* these
# are not edges between layers; nothing else of the root is visible to them.
ROOT_FILES = {"lib.rs", "state.rs", "roots.rs", "error.rs", "value_stack.rs", "upcalls.rs"}
CONTEXT = {"state", "error"}

# The named, narrow interfaces: each edge that does not point down, with the paths it may
# use and why. Each is a dependency the design accepts (DESIGN.md, "Layers of runtime/src").
NARROW = {
    # Empty: every call up a layer goes through the upcalls of `upcalls.rs` (a root file).
    # An entry here would name an import that the design accepts, with its reason.
}

CALLS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "layer_calls.txt")
IMPL_STATE = re.compile(r"^impl(?:<[^>]*>)? (?:crate::state::)?State \{", re.M)
FN = re.compile(r"[{}]|\bfn\s+([a-z_0-9]+)")
CALL = re.compile(r"\b(?:self|st|state)\s*\.\s*([a-z_0-9]+)\s*(?:::<[^>]*>)?\(")

PATH = re.compile(r"\bcrate::((?:[a-z_][a-z_0-9]*|[A-Z][A-Za-z0-9_]*)(?:::(?:[a-z_][a-z_0-9]*|[A-Z][A-Za-z0-9_]*|\{))*)")
GROUP = re.compile(r"use crate::\{([^;]*)\};", re.S)


def layer_of_file(rel):
    top = rel.split(os.sep)[0]
    if METHOD_FILES.match(rel.replace(os.sep, "/")):
        return "methods"
    if rel in ROOT_FILES:
        return "root"
    if top in ("objects", "protocols", "host", "interp", "modules"):
        return top
    if rel in ("cli.rs", "embed.rs") or top == "bin":
        return "cli"
    raise SystemExit(f"check_layers: no layer for runtime/src/{rel}: add it to ORDER's map")


def layer_of_path(p):
    head = p.split("::")[0]
    if METHOD_PATHS.match(p):
        return "methods"
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


def impl_state_spans(text):
    """(start, end) offsets of the `impl State` blocks of a file."""
    spans = []
    for m in IMPL_STATE.finditer(text):
        depth, i = 1, m.end()
        while depth:
            depth += {"{": 1, "}": -1}.get(text[i], 0)
            i += 1
        spans.append((m.end(), i))
    return spans


def state_methods(texts):
    """name -> the layers whose `impl State` blocks define it."""
    defs = {}
    for rel, text in texts.items():
        layer = layer_of_file(rel)
        for m in IMPL_STATE.finditer(text):
            depth, i = 1, m.end()
            while depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            depth = 0
            for f in FN.finditer(text[m.end():i - 1]):
                if f.group(0) == "{":
                    depth += 1
                elif f.group(0) == "}":
                    depth -= 1
                elif depth == 0:
                    defs.setdefault(f.group(1), set()).add(layer)
    return defs


def upward_calls(texts):
    """{(src, dst, name): [file:line, ...]} for calls of a higher or equal layer's method."""
    defs = state_methods(texts)
    out = {}
    for rel, text in texts.items():
        src = layer_of_file(rel)
        if src == "root":
            continue
        spans = impl_state_spans(text)
        offset = 0
        for i, line in enumerate(text.split("\n"), 1):
            start, offset = offset, offset + len(line) + 1
            for m in CALL.finditer(line.split("//")[0]):
                # `self` is a State only inside `impl State` (elsewhere: another type's method)
                if m.group(0).startswith("self") and not any(a <= start < b for a, b in spans):
                    continue
                layers = defs.get(m.group(1), set())
                if len(layers) != 1:
                    continue
                (dst,) = layers
                if dst in ("root", src) or RANK[dst] < RANK[src]:
                    continue
                out.setdefault((src, dst, m.group(1)), []).append(f"runtime/src/{rel}:{i}")
    return out


def read_calls():
    listed = set()
    for line in open(CALLS_FILE, encoding="utf-8"):
        line = line.split("#")[0].strip()
        if line:
            edge, name = line.split(":")
            src, dst = (x.strip() for x in edge.split("->"))
            listed.add((src, dst, name.strip()))
    return listed


def write_calls(calls):
    old = open(CALLS_FILE, encoding="utf-8").read().split("\n# ---\n")[0]
    lines = [f"{s} -> {d}: {n}" for (s, d, n) in sorted(calls, key=lambda k: (RANK[k[0]], RANK[k[1]], k[2]))]
    open(CALLS_FILE, "w", encoding="utf-8").write(old + "\n# ---\n" + "\n".join(lines) + "\n")


def main():
    texts = {}
    for d, _, files in os.walk(ROOT):
        for f in sorted(files):
            if f.endswith(".rs"):
                full = os.path.join(d, f)
                texts[os.path.relpath(full, ROOT)] = open(full, encoding="utf-8").read()
    calls = upward_calls(texts)
    if "--write-calls" in sys.argv:
        write_calls(calls)
    listed = read_calls()
    bad_calls = [f"{where[0]}: {s} -> {d}: `{n}` is a method of a higher layer ({len(where)} call(s)); "
                 "call through a lower layer, or list it in scripts/layer_calls.txt with a reason"
                 for (s, d, n), where in sorted(calls.items()) if (s, d, n) not in listed]
    bad_calls += [f"scripts/layer_calls.txt: `{s} -> {d}: {n}` no longer happens: remove its line"
                  for (s, d, n) in sorted(listed - set(calls))]
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
    if "--graph" in sys.argv:
        per = Counter()
        for (s, d, n), where in calls.items():
            per[(s, d)] += len(where)
        print("upward State-method calls (listed in scripts/layer_calls.txt):")
        for (s, d), n in sorted(per.items(), key=lambda x: (RANK[x[0][0]], RANK[x[0][1]])):
            names = len({k for k in calls if k[:2] == (s, d)})
            print(f"{s:>10} -> {d:<10} {n:4} calls of {names} methods")
    if bad_calls:
        print("\n".join(bad_calls))
        print(f"check_layers: {len(bad_calls)} State-method call(s) point up a layer outside "
              "scripts/layer_calls.txt", file=sys.stderr)
        return 1
    if bad:
        print("\n".join(bad))
        print(f"check_layers: {len(bad)} import(s) point up a layer outside the named "
              "interfaces (see scripts/check_layers.py)", file=sys.stderr)
        return 1
    print(f"check_layers: runtime/src imports point one way ({sum(graph.values())} "
          "cross-layer references checked); "
          f"{sum(len(w) for w in calls.values())} upward State-method calls of "
          f"{len(calls)} methods, all listed in scripts/layer_calls.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
