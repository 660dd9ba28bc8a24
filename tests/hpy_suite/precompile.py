"""The CPython pass over HPy's suite (run by CPython, from run.py).

CPython runs the unmodified suite with HPy's own conftest/support and our recording plugin
(precompile_plugin.py): every module the suite compiles in universal mode goes into the
module cache and the per-file manifests, and each test's outcome on CPython +
hpy.universal is the reference. The sdist's examples are built with their own setup.py
(``--hpy-abi=universal build_ext --inplace``) and their tests run on CPython the same way.
"""

import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

# The sdist's other suites: (name, directory in the sdist, setup scripts run there with
# --hpy-abi=universal, test file). `mixed` is built for CPython's own ABI (as HPy's Makefile
# does): it uses the legacy API, which the universal ABI forbids; hpymove gets a stand-in.
EXTRAS = [
    ("examples", "docs/examples",
     ["simple-example/setup.py", "snippets/setup.py", "quickstart/setup.py",
      "hpytype-example/setup.py", "mixed-example/setup.py:cpython"], "tests.py"),
    ("proof-of-concept", "proof-of-concept", ["setup.py"], "test_pof.py"),
    ("porting-example", "docs/porting-example/steps", ["setup03.py"],
     "test_porting_example.py"),
]

# pytest options of an example suite: only the porting example's final step is universal.
EXTRA_ARGS = {"porting-example": ["-k", "hpy_final"]}


def log(msg):
    print("hpy-suite: " + msg, file=sys.stderr, flush=True)


def copy_tree(src, dest):
    if os.path.exists(dest):
        shutil.rmtree(dest)
    shutil.copytree(src, dest)


def stamp_of(paths):
    """What the CPython pass depends on: the sdist and this harness's CPython side."""
    parts = []
    for p in paths:
        with open(p, "rb") as f:
            parts.append(f.read())
    import hashlib

    return hashlib.sha256(b"\0".join(parts)).hexdigest()


def run_suite(python, sdist, out, cache):
    """The main suite (test/): manifests, module cache and reference outcomes."""
    tree = os.path.join(out, "cpython")
    copy_tree(os.path.join(sdist, "test"), os.path.join(tree, "test"))
    for d in ("manifest",):
        shutil.rmtree(os.path.join(out, d), ignore_errors=True)
    ref = os.path.join(out, "reference.json")
    if os.path.exists(ref):
        os.remove(ref)
    env = dict(os.environ)
    env.update(HPYSUITE_OUT=out, HPYSUITE_CACHE=cache,
               PYTHONPATH=HERE, PYTHONDONTWRITEBYTECODE="1")
    cmd = [python, "-m", "pytest", "-p", "precompile_plugin", "-p", "no:cacheprovider",
           "--basetemp=" + os.path.join(out, "cpython-tmp"), "-q", "-rfE",
           # setuptools builds in fresh venvs from the network: not a universal-host test
           "--ignore=test/hpy_devel/test_distutils.py", "test"]
    jobs = os.environ.get("HPYSUITE_CPYTHON_JOBS", str(os.cpu_count() or 1))
    if jobs != "1":
        # pytest-xdist, whole files per worker (a file's manifest is one worker's).
        cmd[3:3] = ["-n", jobs, "--dist", "loadfile"]
    r = subprocess.run(cmd, cwd=tree, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    with open(os.path.join(out, "cpython-suite.log"), "w") as f:
        f.write(r.stdout)
    tail = r.stdout.strip().splitlines()[-1:] or ["(no output)"]
    log("CPython on test/: " + tail[0])
    if r.returncode not in (0, 1) or not os.path.exists(ref):
        sys.exit("hpy-suite: the CPython pass failed (exit %d); see %s/cpython-suite.log"
                 % (r.returncode, out))


def build_extras(python, sdist, out, stamp):
    """Builds the examples' modules (universal) and runs their tests on CPython. The
    builds are cached in .cache/hpy-extras (by the same stamp as the whole pass)."""
    outcomes = {}
    for name, sub, setups, test in EXTRAS:
        built = os.path.join(ROOT, ".cache", "hpy-extras", name)
        marker = os.path.join(built, ".built")
        fresh = os.path.exists(marker) and open(marker).read() == stamp
        if not fresh:
            copy_tree(os.path.join(sdist, sub), built)
            for s in setups:
                s, _, abi = s.partition(":")
                d = os.path.join(built, os.path.dirname(s))
                r = subprocess.run([python, os.path.basename(s),
                                    "--hpy-abi=" + (abi or "universal"), "build_ext",
                                    "--inplace"], cwd=d, stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
                if r.returncode != 0:
                    sys.exit("hpy-suite: building %s/%s failed:\n%s"
                             % (name, s, r.stdout[-3000:]))
            with open(marker, "w") as f:
                f.write(stamp)
        copy_tree(built, os.path.join(out, "extras", name))
        outcomes.update(run_cpython_extra(python, out, name, test))
    with open(os.path.join(out, "reference-extras.json"), "w") as f:
        json.dump(outcomes, f, indent=1, sort_keys=True)


def extra_path(out, name):
    """Where the modules of an example suite are imported from (each setup.py builds in
    its own directory)."""
    tree = os.path.join(out, "extras", name)
    dirs = [tree]
    for n, _, setups, _ in EXTRAS:
        if n == name:
            dirs += [os.path.join(tree, os.path.dirname(s)) for s in setups
                     if os.path.dirname(s)]
    return dirs


def run_cpython_extra(python, out, name, test):
    from run import parse_verbose

    tree = os.path.join(out, "extras", name)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(extra_path(out, name))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    r = subprocess.run([python, "-m", "pytest", "-v", "-p", "no:cacheprovider"]
                       + EXTRA_ARGS.get(name, []) + [test],
                       cwd=tree, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    with open(os.path.join(out, "cpython-%s.log" % name), "w") as f:
        f.write(r.stdout)
    res = parse_verbose(r.stdout)
    log("CPython on %s/%s: %d tests" % (name, test, len(res)))
    return {"%s/%s" % (name, k): v for k, v in res.items()}


def precompile(python, sdist, out, cache, force=False):
    """Runs the CPython pass unless its results are current. Returns the seconds taken."""
    os.makedirs(out, exist_ok=True)
    deps = [os.path.join(sdist, "PKG-INFO"), os.path.join(HERE, "precompile_plugin.py"),
            os.path.abspath(__file__)]
    stamp = stamp_of(deps)
    stamp_file = os.path.join(out, "precompiled.stamp")
    if not force and os.path.exists(stamp_file):
        with open(stamp_file) as f:
            if f.read() == stamp:
                return 0.0
    t0 = time.time()
    run_suite(python, sdist, out, cache)
    build_extras(python, sdist, out, stamp)
    with open(stamp_file, "w") as f:
        f.write(stamp)
    return time.time() - t0
