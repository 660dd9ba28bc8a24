"""`re` micro-benchmark: the same workloads over 100 KB of text, timed in one process for
each `re` implementation given, alternating, best of `ROUNDS`.

    hpymove runtime/benches/re_bench.py [OLD_RE_PY]
    python3 runtime/benches/re_bench.py          # CPython's own re, for reference

With OLD_RE_PY (a previous `re.py`, e.g. `git show 9612a6a:runtime/stdlib/re.py >
/tmp/re_before.py`, the pure-Python matcher before issue 18), its rows are printed beside
the current `re`'s. Not a test: nothing here checks a time.
"""

import sys
import time

import re

ROUNDS = 3
WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
         "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma", "tau"]


def make_text(size, accent):
    out = []
    n = 0
    i = 0
    while n < size:
        w = WORDS[i % len(WORDS)]
        if accent and i % 7 == 0:
            w = w + "é"
        piece = "%s %d, " % (w, i * 37 % 1000) if i % 3 == 0 else w + " "
        if i % 11 == 0:
            piece += "\n"
        out.append(piece)
        n += len(piece)
        i += 1
    return "".join(out)[:size]


ASCII = make_text(100_000, False)
ACCENTED = make_text(100_000, True)


def workloads(mod):
    return [
        ("findall \\w+ (ascii)", lambda: len(mod.findall(r"\w+", ASCII))),
        ("findall \\w+ (non-ascii)", lambda: len(mod.findall(r"\w+", ACCENTED))),
        ("sub \\d+ callable", lambda: len(mod.sub(r"\d+", lambda m: str(int(m.group()) + 1),
                                                   ASCII))),
        ("sub template", lambda: len(mod.sub(r"(\w+) (\d+)", r"\2=\1", ASCII))),
        ("split \\s+", lambda: len(mod.split(r"\s+", ASCII))),
        ("search literal at end", lambda: mod.search("zzz", ASCII) is None),
        ("finditer spans ^\\w+ (M)", lambda: sum(m.end() for m in
                                                 mod.finditer(r"^\w+", ACCENTED, mod.M))),
        ("1000 x match (cached)", lambda: sum(1 for i in range(1000)
                                               if mod.match(r"(\w+)\s(\d+)", "tau 42"))),
    ]


def best(f):
    t = None
    result = None
    for _ in range(ROUNDS):
        t0 = time.perf_counter()
        result = f()
        dt = time.perf_counter() - t0
        t = dt if t is None or dt < t else t
    return t, result


def load_old(path):
    ns = {"__name__": "re_before"}
    with open(path) as f:
        exec(compile(f.read(), path, "exec"), ns)

    class Module:
        pass

    m = Module()
    for k, v in ns.items():
        setattr(m, k, v)
    return m


def main():
    impls = [("re", re)]
    if len(sys.argv) > 1:
        impls.append(("before", load_old(sys.argv[1])))
    rows = [w[0] for w in workloads(re)]
    per = {name: workloads(mod) for name, mod in impls}
    header = "%-28s" % "workload" + "".join("%14s" % name for name, _ in impls)
    if len(impls) > 1:
        header += "%10s" % "speedup"
    print(header)
    for i, label in enumerate(rows):
        times = []
        results = []
        for name, _ in impls:
            t, r = best(per[name][i][1])
            times.append(t)
            results.append(r)
        line = "%-28s" % label + "".join("%12.1fms" % (t * 1000) for t in times)
        if len(times) > 1:
            line += "%9.1fx" % (times[1] / times[0])
            if results[0] != results[1]:
                line += "  (results differ: %r vs %r)" % (results[0], results[1])
        print(line)


main()
