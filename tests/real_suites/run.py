#!/usr/bin/env python3
"""Real packages' test suites, unmodified, under `hpymove -m pytest` (issue 18's bar).

For each package of suites.txt: the pinned sdist is downloaded with pip (sha256 checked,
cached in .cache/real-suites/), extracted, and its tests run three ways: CPython's pytest
(the reference: which tests pass there), `hpymove -m pytest -v` in normal mode, and the same
under `--gc=always` (a collection at every safepoint, poison and heap verification). A test
passes when its outcome is CPython's. Tests that fail on hpymove today are listed with the
cause in known_failures.txt; the run fails when a test fails that is not listed, a listed
test passes, a mode crashes, or fewer than 90% of a suite's tests pass.

    python3 tests/real_suites/run.py --python VENV_PYTHON [--hpymove PATH] [--modes ...]
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
CACHE = os.path.join(ROOT, ".cache", "real-suites")
OUT = os.path.join(ROOT, "target", "real-suites")
sys.path.insert(0, os.path.join(ROOT, "tests", "hpy_suite"))
from run import parse_verbose, parse_causes, read_list  # noqa: E402  (the HPy suite's parser)

MODES = {"normal": [], "always": ["--gc=always", "--poison", "--verify-heap"]}
MIN_PASSING = 0.90


def fetch(python, name, version, sha256):
    """The extracted sdist's directory (downloaded once, checked every time)."""
    os.makedirs(CACHE, exist_ok=True)
    tarball = os.path.join(CACHE, "%s-%s.tar.gz" % (name, version))
    if not os.path.exists(tarball):
        print("real-suites: downloading %s==%s's sdist" % (name, version), flush=True)
        r = subprocess.run([python, "-m", "pip", "download", "--quiet",
                            "--disable-pip-version-check", "--no-binary", ":all:", "--no-deps",
                            "-d", CACHE, "%s==%s" % (name, version)])
        if r.returncode != 0 or not os.path.exists(tarball):
            sys.exit("real-suites: could not download %s==%s (offline? put %s into %s)"
                     % (name, version, os.path.basename(tarball), CACHE))
    with open(tarball, "rb") as f:
        got = hashlib.sha256(f.read()).hexdigest()
    if got != sha256:
        sys.exit("real-suites: %s has sha256 %s, expected %s (delete it and run again)"
                 % (tarball, got, sha256))
    tree = os.path.join(CACHE, "%s-%s" % (name, version))
    stamp = os.path.join(tree, ".extracted")
    if not os.path.exists(stamp):
        with tarfile.open(tarball) as t:
            t.extractall(CACHE)
        open(stamp, "w").close()
    return tree


def run_pytest(cmd, cwd, log):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    # A file that fails to import is its own tests' failure, not the end of the run.
    r = subprocess.run(cmd + ["-v", "-p", "no:cacheprovider", "--continue-on-collection-errors"],
                       cwd=cwd, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       errors="replace")
    with open(log, "w") as f:
        f.write("$ %s\n%s\n[exit %d]\n" % (" ".join(cmd), r.stdout, r.returncode))
    return r.returncode, parse_verbose(r.stdout), parse_causes(r.stdout)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default=sys.executable, help="CPython with pytest (the venv's)")
    ap.add_argument("--hpymove", default=os.path.join(ROOT, "target", "debug", "hpymove"))
    ap.add_argument("--modes", default="normal,always")
    ap.add_argument("--write-known", action="store_true",
                    help="rewrite known_failures.txt from this run")
    ap.add_argument("--only", metavar="SUITE", help="run this suite of suites.txt alone")
    ap.add_argument("--paths", nargs="+", metavar="PATH",
                    help="with --only: these test files of the suite in place of its test path "
                         "(a part that fits in CI under --gc=always)")
    args = ap.parse_args()
    if args.paths and not args.only:
        ap.error("--paths needs --only")
    # The sdists' directories are the runs' working directories.
    args.python = os.path.abspath(args.python) if os.sep in args.python else args.python
    args.hpymove = os.path.abspath(args.hpymove)
    modes = args.modes.split(",")
    os.makedirs(OUT, exist_ok=True)
    known_file = os.path.join(HERE, "known_failures.txt")
    known = dict(read_list(known_file)) if os.path.exists(known_file) else {}
    problems, failing, rows = [], [], []
    t0 = time.time()
    for name, version, sha256, testpath, *options in (line.split() for line, _ in [
            (ln.strip(), None) for ln in open(os.path.join(HERE, "suites.txt"))]
            if line and not line.startswith("#")):
        if args.only and name != args.only:
            continue
        tree = fetch(args.python, name, version, sha256)
        targets = args.paths or [testpath]
        log = os.path.join(OUT, "%s.cpython.log" % name)
        _, reference, _ = run_pytest([args.python, "-m", "pytest"] + targets + options, tree,
                                     log)
        expected = {t: o for t, o in reference.items()}
        row = {"suite": "%s %s" % (name, version), "tests": len(expected),
               "cpython": sum(1 for o in expected.values() if o in ("passed", "skipped"))}
        for mode in modes:
            log = os.path.join(OUT, "%s.%s.log" % (name, mode))
            status, got, causes = run_pytest([args.hpymove] + MODES[mode]
                                             + ["-m", "pytest"] + targets + options, tree, log)
            if status not in (0, 1):
                problems.append("%s [%s]: hpymove exited with status %d (see %s)"
                                % (name, mode, status, log))
            passing = 0
            for t, want in sorted(expected.items()):
                o = got.get(t, "not run")
                ok = o == want
                passing += ok
                listed = ("%s::%s" % (name, t)) in known
                if not ok:
                    failing.append(("%s::%s" % (name, t), mode, causes.get(t) or o))
                    if not listed:
                        problems.append("%s::%s [%s]: %s (CPython: %s), not in known_failures.txt"
                                        % (name, t, mode, o, want))
                elif listed:
                    problems.append("%s::%s [%s]: passes now: remove it from known_failures.txt"
                                    % (name, t, mode))
            row[mode] = passing
            if expected and passing < MIN_PASSING * len(expected):
                problems.append("%s [%s]: %d of %d tests pass, below %d%%"
                                % (name, mode, passing, len(expected), MIN_PASSING * 100))
        rows.append(row)
    head = ["suite", "tests"] + modes + ["cpython"]
    table = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        table.append("| " + " | ".join(str(r.get(h, "")) for h in head) + " |")
    print("\n".join(table))
    with open(os.path.join(OUT, "table.md"), "w") as f:
        f.write("\n".join(table) + "\n")
    print("\nreal-suites: %.0f s (logs in %s)" % (time.time() - t0, OUT))
    if args.write_known:
        with open(known_file, "w") as f:
            f.write("# Tests of real packages' suites that fail on hpymove today: node id (suite::id),\n"
                    "# then the cause. tests/real_suites/run.py fails when a test fails that is\n"
                    "# not listed here or a listed one passes (--write-known rewrites this file).\n\n")
            seen = set()
            for t, mode, why in failing:
                if t not in seen:
                    seen.add(t)
                    f.write("%s  %s\n" % (t, " ".join(str(why).split())[:160]))
        print("real-suites: wrote %d entries to %s" % (len(seen), known_file))
        return
    if problems:
        print("\nreal-suites: FAILED, %d problem(s):" % len(problems))
        for p in problems:
            print("  " + p)
        sys.exit(1)
    print("real-suites: every test passes as on CPython or is a listed known failure")


if __name__ == "__main__":
    main()
