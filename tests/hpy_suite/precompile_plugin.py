"""pytest plugin (``-p precompile_plugin``) for the CPython pass over HPy's suite.

CPython runs the unmodified suite with HPy's own conftest/support; this plugin
- keeps only the ``universal`` value of the ``hpy_abi`` parameter (hpymove is a universal
  host; its debug mode is the whole-process ``--debug`` run),
- records every module the suite compiles (what determines its C source -> the built
  ``.hpy0.so``) into a manifest per test file, which hpymove's support.py looks up,
- keeps each built module in a cache named by a hash of its expanded C source, so a second
  pass compiles nothing,
- saves each test's outcome on CPython + hpy.universal (the reference).

Options (environment, so the plugin needs no pytest option plumbing):
  HPYSUITE_OUT    directory for ``manifest/<file>.json`` and ``reference.json``
  HPYSUITE_CACHE  directory of the compiled-module cache
"""

import hashlib
import json
import os
import shutil

import pytest

_OUT = os.environ["HPYSUITE_OUT"]
_CACHE = os.environ["HPYSUITE_CACHE"]

# test file (relative to the rootdir) -> list of manifest entries
_manifest = {}
# node id -> outcome
_outcomes = {}
_current = {"file": None}


def _keep(item):
    spec = getattr(item, "callspec", None)
    return spec is None or spec.params.get("hpy_abi", "universal") == "universal"


def pytest_collection_modifyitems(config, items):
    dropped = [i for i in items if not _keep(i)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [i for i in items if _keep(i)]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    # test.support is imported by then (through conftest.py); wrap its compile step.
    _wrap_compiler()
    _current["file"] = item.nodeid.split("::")[0]
    yield
    _current["file"] = None


def _source_hash(template, name, main_src, extra_sources):
    # What the compile step turns into C: the expanded main source and extra sources
    # (named extmod_<i>, as HPy's support.py names them), compiled in universal mode.
    h = hashlib.sha256(b"hpy 0.9.0 universal\0")
    for n, src in [(name, main_src)] + [
        ("extmod_%d" % i, s) for i, s in enumerate(extra_sources)
    ]:
        h.update(n.encode() + b"\0" + template(src, n).expand().encode() + b"\0")
    return h.hexdigest()[:24]


def _record(template, name, main_src, extra_sources, so_path):
    f = _current["file"]
    if f is None:
        return
    rel = os.path.relpath(so_path, _CACHE)
    _manifest.setdefault(f, []).append(
        {
            "template": template.__qualname__,
            "name": name,
            "source": main_src,
            "extra": list(extra_sources),
            "so": rel,
        }
    )


def _wrap_compiler():
    import importlib

    try:
        support = importlib.import_module("test.support")
    except ImportError:
        return
    cls = support.ExtensionCompiler
    if getattr(cls, "_hpysuite_wrapped", False):
        return
    original = cls.compile_module

    def compile_module(self, main_src, ExtensionTemplate=None, name="mytest", extra_sources=()):
        template = self._fixup_template(ExtensionTemplate)
        key = _source_hash(template, name, main_src, extra_sources)
        so_name = name + ".hpy0.so"
        cached = os.path.join(_CACHE, key, so_name)
        # Beside the module, build_ext leaves a `name.py` loader for CPython's import.
        stub = name + ".py"
        universal = self.hpy_abi in ("universal", "debug")
        if os.path.exists(cached) and not self.dump_dir and universal:
            # A private copy, as a fresh compile would give (tests may import from its dir).
            for f in (so_name, stub):
                src = os.path.join(_CACHE, key, f)
                if os.path.exists(src):
                    shutil.copyfile(src, os.path.join(str(self.tmpdir), f))
            module = support.HPyModule(name, os.path.join(str(self.tmpdir), so_name))
        else:
            module = original(self, main_src, template, name, extra_sources)
            if universal and module.so_filename.endswith(so_name):
                os.makedirs(os.path.dirname(cached), exist_ok=True)
                built_stub = os.path.join(os.path.dirname(module.so_filename), stub)
                if os.path.exists(built_stub):
                    tmp = os.path.join(_CACHE, key, stub + ".tmp%d" % os.getpid())
                    shutil.copyfile(built_stub, tmp)
                    os.replace(tmp, os.path.join(_CACHE, key, stub))
                # The module last: its presence says the entry is complete.
                tmp = cached + ".tmp%d" % os.getpid()
                shutil.copyfile(module.so_filename, tmp)
                os.replace(tmp, cached)
        if self.hpy_abi in ("universal", "debug"):
            _record(template, name, main_src, extra_sources, cached)
        return module

    cls.compile_module = compile_module
    cls._hpysuite_wrapped = True


def pytest_runtest_logreport(report):
    # One outcome per test: the first failing phase, else the call's outcome.
    prev = _outcomes.get(report.nodeid)
    if report.when == "call" or report.failed or report.skipped:
        outcome = report.outcome
        if hasattr(report, "wasxfail"):
            outcome = "xfailed" if report.skipped else "xpassed"
        if report.failed and report.when != "call":
            outcome = "error"
        if prev in (None, "passed"):
            _outcomes[report.nodeid] = outcome
        elif report.when == "teardown" and report.failed:
            _outcomes[report.nodeid] = "error"
    elif prev is None and report.when == "setup":
        _outcomes[report.nodeid] = "passed"


def pytest_sessionfinish(session, exitstatus):
    # Under pytest-xdist (--dist loadfile) a worker runs whole files: it writes their
    # manifests; the controller sees every report and writes the outcomes.
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    mdir = os.path.join(_OUT, "manifest")
    os.makedirs(mdir, exist_ok=True)
    for f, entries in _manifest.items():
        path = os.path.join(mdir, f.replace("/", "__") + ".json")
        with open(path, "w") as fp:
            json.dump(entries, fp, indent=0)
    if worker:
        return
    ref = os.path.join(_OUT, "reference.json")
    old = {}
    if os.path.exists(ref):
        with open(ref) as fp:
            old = json.load(fp)
    old.update(_outcomes)
    with open(ref, "w") as fp:
        json.dump(old, fp, indent=1, sort_keys=True)
