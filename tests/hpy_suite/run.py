#!/usr/bin/env python3
"""HPy's own test suite (hpy 0.9.0 sdist), unmodified, on hpymove. Run by CPython.

1. CPython compiles every module the suite builds (universal ABI) and records the reference
   outcome of each test (precompile.py; cached, skipped when current).
2. A copy of the sdist's test/ with our conftest.py/support.py overlaid (overlay/test) runs
   under ``hpymove -m pytest -v``, one process per test file (an extension's C statics exist
   once per process; a crash is that file's), in three modes: normal, torture (``--gc=torture
   --poison --verify-heap``) and debug (``--debug``). The sdist's examples, proof of concept
   and porting example run the same way.
3. Per-file table of tests passing (same outcome as on CPython) per mode. Tests that cannot
   apply to a universal host without reference counts are listed with the reason in
   not_applicable.txt; tests that fail today are listed in known_failures.txt. The run fails
   when a test fails that is not listed, a listed one passes, or debug mode reports anything
   but the real bugs of the suite's C code listed in expected_findings.txt.

    python3 tests/hpy_suite/run.py [--modes normal,torture,debug] [--files PATTERN...]
                                   [--runner hpymove|cpython] [--hpymove PATH] [-j N]

``--runner cpython`` runs the same overlay under CPython's pytest with the real
hpy.universal: a check of the harness itself (every applicable test must pass).
"""

import argparse
import concurrent.futures
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "target", "hpy-suite")
CACHE = os.path.join(ROOT, ".cache", "hpy-modules")

MODES = {
    "normal": [],
    "torture": ["--gc=torture", "--poison", "--verify-heap"],
    "debug": ["--debug"],
}

# pytest -v: "<node id>[ <- defining file] OUTCOME"
# A node id: path::names, then maybe [parameters] (which may hold spaces).
NODE_ID = r"(?P<id>\S+::[^\s\[]+(?:\[[^\]]*\])?)"
OUTCOME = {"PASSED": "passed", "FAILED": "failed", "ERROR": "error", "SKIPPED": "skipped",
           "XFAIL": "xfailed", "XPASS": "xpassed"}
WORD = r"(?P<o>PASSED|FAILED|ERROR|SKIPPED|XFAIL|XPASS)\b"
# pytest -v: "<node id>[ <- defining file] OUTCOME"; a test's own output on fd 1 (C code
# printing) may come between the id and the outcome, which then starts a later line.
TEST_LINE = re.compile(r"^" + NODE_ID + r"(?: <- \S+)?(?: (?P<rest>.*))?$")
WORD_LINE = re.compile(r"^\s*" + WORD)
SUMMARY_LINE = re.compile(r"^(?:FAILED|ERROR) " + NODE_ID + r" - (?P<why>.*)$")
FILE_ERROR_LINE = re.compile(r"^ERROR (?P<file>[^\s:]+\.py)(?: - (?P<why>.*))?$")
SECTION_HEAD = re.compile(r"^_{3,} (?P<head>\S.*?) _{3,}$")


def parse_run(text):
    """(node id -> outcome, the test started last and never finished) from pytest -v (an
    ERROR after PASSED wins: the teardown failed)."""
    res = {}
    pending = None
    for line in text.splitlines():
        m = TEST_LINE.match(line)
        if m:
            w = re.match(WORD, m.group("rest") or "")
            if w:
                o = OUTCOME[w.group("o")]
                if res.get(m.group("id")) in (None, "passed") or o == "error":
                    res[m.group("id")] = o
                pending = None
            else:
                pending = m.group("id")
            continue
        w = WORD_LINE.match(line)
        if w and pending is not None:
            res[pending] = OUTCOME[w.group("o")]
            pending = None
    return res, pending


def parse_verbose(text):
    return parse_run(text)[0]


def parse_causes(text):
    """node id (or the part after the file, as a failure section names it: Class.test)
    -> the exception line of the failure; "" -> why collection failed."""
    res = {}
    head = None
    for line in text.splitlines():
        m = SECTION_HEAD.match(line)
        if m:
            head = m.group("head")
            continue
        if line.startswith("===") or line.startswith("---"):
            head = None
        m = re.match(r"^E\s+(?P<why>\S.*)$", line)
        if m and head is not None and not line.startswith("E   +"):
            # The last E line of a failure is the exception.
            res.setdefault(head, "")
            if re.match(r"^\w+(?:Error|Exception|Exit|Failed|Interrupt)\b", m.group("why")) \
                    or not res[head]:
                res[head] = m.group("why")
            continue
        m = SUMMARY_LINE.match(line)
        if m:
            res.setdefault(m.group("id"), m.group("why").strip())
            continue
        m = FILE_ERROR_LINE.match(line)
        if m:
            # Collection failed (importing the file or a conftest): every test's cause.
            res.setdefault("", "collection: " + (m.group("why") or "error").strip())
    if "while loading conftest" in text:
        m = re.search(r"^E?\s*(\w+(?:Error|Exception): .*)$", text.split(
            "while loading conftest", 1)[1], re.M)
        res.setdefault("", "conftest: " + (m.group(1) if m else "import failed"))
    return res


def cause_of(causes, nodeid):
    """The cause parse_causes found for a test, by its failure section or summary line."""
    inner = nodeid.split("::", 1)[1]
    for k in (inner.replace("::", "."), nodeid):
        if causes.get(k):
            return causes[k]
    for k, v in causes.items():
        if k and "::" in k and nodeid.endswith("/" + k):
            return v
    return causes.get("")


def started_not_finished(text):
    """The test a crashed run was in: -v prints a test's id before running it."""
    return parse_run(text)[1]


def read_list(path):
    """[(id, rest of the line)] of a tracked list (# comments, blank lines ignored)."""
    out = []
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(NODE_ID + r"\s+(?P<rest>.*)$", line) or re.match(
                r"(?P<id>\S+)\s+(?P<rest>.*)$", line)
            parts = m and (m.group("id"), m.group("rest"))
            if not parts:
                sys.exit("%s:%d: an entry needs an id and a reason" % (path, n))
            out.append((parts[0], parts[1]))
    return out


class Suite:
    """One test file to run: its expected node ids (CPython's), and how to run it."""

    def __init__(self, name, cwd, target, path, expected, extra_args=(), prefix=""):
        self.name = name            # the file's id in the table and in the lists
        self.prefix = prefix        # before its node ids in the lists (example suites)
        self.cwd = cwd
        self.target = target        # what pytest is given (relative to cwd)
        self.path = path            # PYTHONPATH entries
        self.expected = expected    # node id (as reported) -> reference outcome
        self.extra_args = list(extra_args)
        self.manifest = None


def describe_finding(f):
    """A debug finding in a line: kind, C location, and the test whose module it is (the
    C file sits in the directory CPython's pytest made for that test)."""
    loc = f.get("misused_at") or f.get("created_at") or {}
    where = "%s:%s" % (os.path.basename(loc.get("file") or "?"), loc.get("line"))
    test = os.path.basename(os.path.dirname(loc.get("file") or ""))
    return "debug finding: %s at %s (%s, in %s)" % (
        f.get("kind"), where, test or "?", f.get("extension_function"))


def finding_key(note):
    """"kind file:line" of a note made by describe_finding."""
    m = re.match(r"debug finding: (\S+) at (\S+)", note)
    return "%s %s" % (m.group(1), m.group(2)) if m else note


def sig_name(n):
    try:
        return signal.Signals(n).name
    except ValueError:
        return "signal %d" % n


def run_one(args, suite, mode):
    """Runs one file in one mode; returns (outcomes, notes, findings, causes)."""
    env = dict(os.environ)
    env["HPYSUITE_CACHE"] = CACHE
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    if suite.manifest:
        env["HPYSUITE_MANIFEST"] = suite.manifest
    path = list(suite.path)
    if args.runner == "hpymove":
        # The `hpy` package is hpymove's carried one; HPYSUITE_SHIM puts another stand-in
        # on the path first (to try a runtime without _hpymove).
        if os.environ.get("HPYSUITE_SHIM"):
            path.append(os.environ["HPYSUITE_SHIM"])
        head = [args.hpymove] + MODES[mode]
    else:
        head = [sys.executable]
    env["PYTHONPATH"] = os.pathsep.join(path)
    tag = suite.name.replace("/", "__") + "." + mode
    # Temporary directories under target/ (hpymove's runner takes TMPDIR, pytest --basetemp).
    tmp = os.path.join(OUT, "tmp", tag)
    os.makedirs(tmp, exist_ok=True)
    env["TMPDIR"] = tmp
    report = os.path.join(OUT, "reports", tag + ".json")
    debug_report = mode == "debug" and args.runner == "hpymove"
    outcomes, notes, findings, causes = {}, [], 0, {}
    targets = [suite.target]
    logs = []
    while True:
        if debug_report:
            # One report per process (a crash's rerun writes its own).
            report = os.path.join(OUT, "reports", "%s.%d.json" % (tag, len(logs)))
            cmd = head + ["--report=json", "--report-file=" + report]
        else:
            cmd = list(head)
        cmd += ["-m", "pytest", "-v", "-p", "no:cacheprovider"] + suite.extra_args
        cmd += ["--basetemp=" + os.path.join(tmp, "base")] + targets
        r = subprocess.run(cmd, cwd=suite.cwd, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, errors="replace")
        logs.append("$ " + " ".join(cmd) + "\n" + r.stdout + "\n[exit %d]\n" % r.returncode)
        got = parse_verbose(r.stdout)
        new = {k: v for k, v in got.items() if k not in outcomes}
        outcomes.update(new)
        for k, v in parse_causes(r.stdout).items():
            causes.setdefault(k, v)
        if debug_report and os.path.exists(report):
            try:
                with open(report) as f:
                    found = json.load(f).get("findings", [])
                findings += len(found)
                notes += sorted(set(describe_finding(x) for x in found))
            except ValueError:
                notes.append("unreadable debug report %s" % report)
        if r.returncode >= 0:
            if r.returncode not in (0, 1, 86):
                why = parse_causes(r.stdout).get("")
                notes.append(why or "exit %d" % r.returncode)
            remaining = [t for t in suite.expected if t not in outcomes]
            if targets == [suite.target] or not remaining or not new:
                break
            # After a crash: the tests not run yet.
            targets = remaining
            continue
        # A crash: the test it was in fails with the signal; the others run again.
        sig = sig_name(-r.returncode)
        crashed = started_not_finished(r.stdout)
        if crashed is None and len(targets) == 1 and targets[0] != suite.target:
            crashed = targets[0]
        if crashed is not None:
            outcomes[crashed] = "crashed (%s)" % sig
            notes.append("%s in %s" % (sig, crashed.split("::", 1)[-1]))
        remaining = [t for t in suite.expected if t not in outcomes]
        if not remaining:
            break
        # No test named (output lost): run the next one alone to find the culprit.
        targets = remaining if crashed is not None else remaining[:1]
    with open(os.path.join(OUT, "logs", tag + ".log"), "w") as f:
        f.write("\n".join(logs))
    return outcomes, notes, findings, causes


def write_known(path, failing, modes):
    """known_failures.txt from a run: each failing test, its modes, the first cause."""
    with open(path) as f:
        header = [line for line in f if line.startswith("#")]
    lines = []
    for t in sorted(failing):
        ms = [m for m, _ in failing[t]]
        which = "all" if set(ms) == set(MODES) else ",".join(ms)
        why = re.sub(r"\s+", " ", failing[t][0][1])
        if len(why) > 110:
            why = why[:107] + "..."
        lines.append("%s  %s  %s\n" % (t, which, why))
    with open(path, "w") as f:
        f.writelines(header + ["\n"] + lines)


def prepare_tree(sdist):
    """target/hpy-suite/tree/test: the sdist's test/ with our conftest.py/support.py."""
    tree = os.path.join(OUT, "tree")
    if os.path.exists(tree):
        shutil.rmtree(tree)
    shutil.copytree(os.path.join(sdist, "test"), os.path.join(tree, "test"))
    for f in ("conftest.py", "support.py"):
        shutil.copyfile(os.path.join(HERE, "overlay", "test", f),
                        os.path.join(tree, "test", f))
    return tree


def suites(tree, reference, extras_reference):
    import precompile

    by_file = {}
    for nodeid, outcome in reference.items():
        by_file.setdefault(nodeid.split("::")[0], {})[nodeid] = outcome
    out = []
    files = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(tree, "test")):
        dirnames.sort()
        for fn in sorted(filenames):
            if fn.startswith("test_") and fn.endswith(".py"):
                files.append(os.path.relpath(os.path.join(dirpath, fn), tree))
    for rel in files:
        s = Suite(rel, tree, rel, [], by_file.get(rel, {}))
        s.manifest = os.path.join(OUT, "manifest", rel.replace("/", "__") + ".json")
        out.append(s)
    for name, _, _, test in precompile.EXTRAS:
        prefix = name + "/"
        expected = {k[len(prefix):]: v for k, v in extras_reference.items()
                    if k.startswith(prefix)}
        path = precompile.extra_path(OUT, name) + [os.path.join(HERE, "standins")]
        out.append(Suite(name + "/" + test, os.path.join(OUT, "extras", name), test, path,
                         expected, precompile.EXTRA_ARGS.get(name, ()), prefix))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modes", default="normal,torture,debug")
    ap.add_argument("--files", nargs="*", help="only files whose name contains one of these")
    ap.add_argument("--runner", choices=["hpymove", "cpython"], default="hpymove")
    ap.add_argument("--hpymove", default=os.path.join(ROOT, "target", "debug", "hpymove"))
    ap.add_argument("--python", default=os.environ.get("HPYSUITE_PYTHON", sys.executable),
                    help="CPython with hpy 0.9.0, pytest, filelock (the venv's)")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--force-precompile", action="store_true")
    ap.add_argument("--write-known", action="store_true",
                    help="rewrite known_failures.txt with this run's failures")
    args = ap.parse_args()
    sys.path.insert(0, HERE)
    import precompile

    args.hpymove = os.path.abspath(args.hpymove)
    if os.sep in args.python:
        args.python = os.path.abspath(args.python)
    modes = args.modes.split(",") if args.runner == "hpymove" else ["normal"]
    for m in modes:
        if m not in MODES:
            sys.exit("unknown mode %r (normal, torture, debug)" % m)
    if args.runner == "hpymove" and not os.path.exists(args.hpymove):
        sys.exit("hpy-suite: %s not found: cargo build --profile test -p hpymove-runtime "
                 "--bin hpymove" % args.hpymove)
    if args.runner == "hpymove" and not os.path.exists(
            os.path.join(ROOT, "runtime", "stdlib", "pytest.py")) and subprocess.run(
            [args.hpymove, "-c", "import pytest"], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode != 0:
        # The runner (`hpymove -m pytest`, issue 19) is not in this tree yet.
        print("hpy-suite: NOT RUN: this hpymove has no pytest runner (runtime/stdlib/pytest.py); "
              "`run.py --runner cpython` checks the harness meanwhile")
        return
    setup = subprocess.run(["bash", os.path.join(ROOT, "scripts", "hpy_suite_setup.sh"),
                            args.python], stdout=subprocess.PIPE, text=True)
    if setup.returncode != 0:
        sys.exit("hpy-suite: setup failed")
    sdist = setup.stdout.strip()

    t0 = time.time()
    took = precompile.precompile(args.python, sdist, OUT, CACHE, args.force_precompile)
    if took:
        print("hpy-suite: CPython pass (compile + reference) took %.0f s" % took, flush=True)
    with open(os.path.join(OUT, "reference.json")) as f:
        reference = json.load(f)
    with open(os.path.join(OUT, "reference-extras.json")) as f:
        extras_reference = json.load(f)
    na = dict(read_list(os.path.join(HERE, "not_applicable.txt")))
    known = {}
    # (test file, "kind file:line") of real bugs in the suite's C code that debug mode finds
    expected_findings = [(f, " ".join(rest.split()[:2])) for f, rest in
                         read_list(os.path.join(HERE, "expected_findings.txt"))]
    known_file = os.path.join(HERE, "known_failures.txt")
    for nodeid, rest in read_list(known_file) if args.runner == "hpymove" else []:
        ms, _, cause = rest.partition(" ")
        for m in (MODES if ms == "all" else ms.split(",")):
            known[(nodeid, m)] = cause.strip()

    tree = prepare_tree(sdist)
    for d in ("logs", "reports", "tmp"):
        shutil.rmtree(os.path.join(OUT, d), ignore_errors=True)
        os.makedirs(os.path.join(OUT, d))
    all_suites = suites(tree, reference, extras_reference)
    if args.files:
        all_suites = [s for s in all_suites if any(p in s.name for p in args.files)]

    def full_id(s, t):
        return s.prefix + t

    work = []
    for s in all_suites:
        applicable = [t for t in s.expected if full_id(s, t) not in na]
        if not applicable:
            continue
        for m in modes:
            work.append((s, m))
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as ex:
        futs = {ex.submit(run_one, args, s, m): (s, m) for s, m in work}
        for fut in concurrent.futures.as_completed(futs):
            s, m = futs[fut]
            results[(s.name, m)] = fut.result()

    # The verdict and the table.
    problems = []
    rows = []
    totals = {"tests": 0, "na": 0, "applicable": 0, "cpython": 0}
    for m in modes:
        totals[m] = 0
    findings_total = 0
    dump = {}
    failing = {}
    for s in all_suites:
        ids = sorted(s.expected)
        n_na = sum(1 for t in ids if full_id(s, t) in na)
        applicable = [t for t in ids if full_id(s, t) not in na]
        if not ids and s.name not in na:
            problems.append("%s: CPython ran no universal test of it and not_applicable.txt "
                            "gives no reason" % s.name)
        row = {"file": s.name, "tests": len(ids), "na": n_na, "applicable": len(applicable),
               "cpython": sum(1 for t in applicable if s.expected[t] == "passed"),
               "notes": []}
        for m in modes:
            got, notes, findings, causes = results.get((s.name, m), ({}, [], 0, {}))
            passing = 0
            for t in applicable:
                o = got.get(t, "not run")
                ok = o == s.expected[t]
                passing += ok
                dump.setdefault(full_id(s, t), {"cpython": s.expected[t]})[m] = o
                if not ok:
                    why = cause_of(causes, t) or o
                    if o.startswith("crashed") or o == "not run":
                        why = o if o.startswith("crashed") else (causes.get("") or o)
                    failing.setdefault(full_id(s, t), []).append((m, why))
                listed = (full_id(s, t), m) in known
                if not ok and not listed:
                    problems.append("%s [%s]: %s (CPython: %s), not in known_failures.txt"
                                    % (full_id(s, t), m, o, s.expected[t]))
                if ok and listed:
                    problems.append("%s [%s]: passes now: remove it from known_failures.txt"
                                    % (full_id(s, t), m))
            row[m] = passing
            row["notes"] += ["%s: %s" % (m, n) for n in notes]
            if m == "debug":
                row["findings"] = findings
                findings_total += findings
                # The suite's code is correct HPy, so debug mode must find nothing in it
                # but the real bugs listed in expected_findings.txt (each must be found).
                want = sorted(w for f, w in expected_findings if f == s.name)
                got = sorted(finding_key(n) for n in notes if n.startswith("debug finding:"))
                for g in got:
                    if g not in want:
                        problems.append("%s [debug]: %s, on code that is correct (or list it "
                                        "in expected_findings.txt with the bug)" % (s.name, g))
                for w in want:
                    if w not in got:
                        problems.append("%s [debug]: %s is no longer found: remove it from "
                                        "expected_findings.txt" % (s.name, w))
        for k in totals:
            totals[k] += row.get(k, 0)
        rows.append(row)
    for (t, m), _ in sorted(known.items()):
        if m in modes and not any(t == full_id(s, x) for s in all_suites for x in s.expected):
            if not args.files:
                problems.append("known_failures.txt: %s is not a test CPython ran" % t)
    for t in sorted(na):
        if not args.files and not (t in reference or t in extras_reference
                                   or any(s.name == t for s in all_suites)):
            problems.append("not_applicable.txt: %s is not a test or file of the suite" % t)

    cols = ["file", "tests", "n/a", "applicable"] + modes + ["CPython"]
    if "debug" in modes:
        cols.append("findings")
    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]

    def cells(r):
        c = [r["file"], r["tests"], r["na"], r["applicable"]]
        if r["applicable"]:
            c += [r[m] for m in modes] + [r["cpython"]]
            if "debug" in modes:
                c.append(r.get("findings", 0))
        else:
            # Nothing applies: the reason is in not_applicable.txt.
            c += ["-"] * (len(modes) + 1 + ("debug" in modes))
        return [str(x) for x in c]

    for r in rows:
        lines.append("| " + " | ".join(cells(r)) + " |")
    # Subtotals: HPy's suite proper (test/), then the examples, proof of concept, porting.
    for label, part in (("test/", [r for r in rows if r["file"].startswith("test/")]),
                        ("examples, pof, porting",
                         [r for r in rows if not r["file"].startswith("test/")])):
        if part and len(part) < len(rows):
            sub = {k: sum(r.get(k, 0) for r in part) for k in list(totals) + ["findings"]}
            sub["file"] = "*subtotal: %s*" % label
            lines.append("| " + " | ".join(cells(sub)) + " |")
    tot = dict(totals, file="**total**", findings=findings_total)
    lines.append("| " + " | ".join(cells(tot)) + " |")
    notes = ["- %s: %s" % (r["file"], n) for r in rows for n in r["notes"]]
    table = "\n".join(lines)
    runner = "hpymove" if args.runner == "hpymove" else "CPython (harness self-check)"
    print("\nHPy 0.9.0 test suite on %s (tests passing: same outcome as CPython + "
          "hpy.universal; torture = --gc=torture --poison --verify-heap)\n" % runner)
    print(table)
    if notes:
        print("\nnotes (crashes, collection errors, debug findings):\n" + "\n".join(notes))
    with open(os.path.join(OUT, "table.md"), "w") as f:
        f.write(table + "\n" + "\n".join(notes) + "\n")
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(dump, f, indent=1, sort_keys=True)
    print("\nhpy-suite: %d applicable tests; passing: %s; %.0f s"
          % (totals["applicable"], ", ".join("%s %d" % (m, totals[m]) for m in modes),
             time.time() - t0))
    if args.write_known:
        write_known(known_file, failing, modes)
        print("hpy-suite: wrote %d entries to %s" % (len(failing), known_file))
        return
    if problems:
        print("\nhpy-suite: FAILED, %d problem(s) (logs in %s/logs):" % (len(problems), OUT))
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("hpy-suite: every applicable test passes or is a listed known failure")


if __name__ == "__main__":
    main()
