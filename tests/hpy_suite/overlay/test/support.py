"""hpymove's replacement for HPy's test/support.py (written for hpymove; same public names).

HPy's suite compiles each test's C source with hpy.devel. hpymove cannot run a C compiler,
so CPython compiled every module beforehand (tests/hpy_suite/precompile.py) and recorded
what determines each module's C source (template class, module name, main source, extra
sources) -> the built ``name.hpy0.so``, in a manifest per test file. Here the compile step
is a lookup in that manifest, and loading goes through ``hpy.universal.load`` (hpymove's
carried ``hpy`` package, over ``_hpymove.load``; on CPython, the real one: this file also runs there,
as a self-check of the harness).

Environment, set by the driver (tests/hpy_suite/run.py):
  HPYSUITE_MANIFEST  the test file's manifest (JSON list of entries)
  HPYSUITE_CACHE     the directory the entries' ``so`` paths are relative to
"""

import json
import os
import sys

import pytest

IS_HPYMOVE = sys.implementation.name == "hpymove"

# Whether `sys.executable` starts an equivalent Python for `python_subprocess` (hpymove has
# no subprocess module: the tests that need one are skipped, and listed as not applicable).
SUPPORTS_SYS_EXECUTABLE = bool(getattr(sys, "executable", None)) and not IS_HPYMOVE
IS_PYTHON_DEBUG_BUILD = hasattr(sys, "gettotalrefcount")
SUPPORTS_MEM_PROTECTION = "_HPY_DEBUG_FORCE_DEFAULT_MEM_PROTECT" not in os.environ

ONLY_LINUX = pytest.mark.skipif(sys.platform != "linux", reason="linux only")

# The ABIs this harness runs: universal only (hpymove's debug mode is the whole-process
# `--debug` run, not a per-module load mode).
RUN_ABIS = ("universal",)


def make_hpy_abi_fixture(ABIs, class_fixture=False):
    """An `hpy_abi` fixture over the ABIs of `ABIs` that this harness runs."""
    named = {
        "default": ["cpython", "universal", "debug"],
        "with hybrid": ["cpython", "hybrid", "hybrid+debug"],
    }
    if isinstance(ABIs, str):
        if ABIs not in named:
            raise ValueError("unknown ABI set: %r" % (ABIs,))
        ABIs = named[ABIs]
    params = [a for a in ABIs if a in RUN_ABIS]

    if class_fixture:

        @pytest.fixture(params=params)
        def hpy_abi(self, request):
            yield request.param

    else:

        @pytest.fixture(params=params)
        def hpy_abi(request):
            yield request.param

    return hpy_abi


class DefaultExtensionTemplate:
    """The base of the suite's source templates. Templates are expanded on CPython, at
    precompile time; here a template class only names which compiled module to take."""

    def __init__(self, src, name):
        self.src = src
        self.name = name

    def expand(self):
        raise NotImplementedError(
            "templates are expanded when the suite is precompiled on CPython")


class HPyModule:
    def __init__(self, name, so_file):
        self.name = name
        self.so_filename = so_file


class _Spec:
    """What a module spec of a loaded extension needs to say."""

    def __init__(self, name, origin):
        self.name = name
        self.origin = origin
        self.loader = None
        self.parent = ""
        self.submodule_search_locations = None
        self.has_location = True


class NotPrecompiled(Exception):
    pass


def _manifest():
    cached = getattr(_manifest, "entries", None)
    if cached is not None:
        return cached
    path = os.environ.get("HPYSUITE_MANIFEST")
    cache = os.environ.get("HPYSUITE_CACHE")
    if not path or not cache:
        raise NotPrecompiled(
            "HPYSUITE_MANIFEST/HPYSUITE_CACHE are not set: run the suite through "
            "tests/hpy_suite/run.py")
    entries = {}
    if os.path.exists(path):
        with open(path) as f:
            for e in json.loads(f.read()):
                key = (e["template"], e["name"], e["source"], tuple(e["extra"]))
                if key not in entries:
                    entries[key] = cache + "/" + e["so"]
    _manifest.entries = entries
    return entries


def _copy(src, dest):
    with open(src, "rb") as f:
        data = f.read()
    # A new file, never rewritten in place: an image of the old one may still be mapped.
    if os.path.exists(dest):
        os.remove(dest)
    with open(dest, "wb") as f:
        f.write(data)


class ExtensionCompiler:
    def __init__(self, tmpdir, hpy_devel, hpy_abi, compiler_verbose=False,
                 dump_dir=None, ExtensionTemplate=DefaultExtensionTemplate,
                 extra_include_dirs=None):
        self.tmpdir = tmpdir
        self.hpy_devel = hpy_devel
        self.hpy_abi = hpy_abi
        self.compiler_verbose = compiler_verbose
        self.dump_dir = dump_dir
        self.ExtensionTemplate = ExtensionTemplate
        self.extra_include_dirs = extra_include_dirs

    def compile_module(self, main_src, ExtensionTemplate=None, name="mytest",
                       extra_sources=()):
        """The module CPython compiled from this source, copied into the test's tmpdir
        (as a real compile would leave it: each test loads its own image)."""
        template = ExtensionTemplate or self.ExtensionTemplate
        key = (template.__qualname__, name, main_src, tuple(extra_sources))
        so = _manifest().get(key)
        if so is None:
            raise NotPrecompiled(
                "no precompiled module for %s (template %s): CPython did not compile it "
                "(did it fail to compile there?)" % (name, template.__qualname__))
        dest = os.path.join(str(self.tmpdir), name + ".hpy0.so")
        _copy(so, dest)
        # And the `name.py` loader build_ext writes beside it (what CPython imports).
        stub = os.path.join(os.path.dirname(so), name + ".py")
        if os.path.exists(stub):
            _copy(stub, os.path.join(str(self.tmpdir), name + ".py"))
        return HPyModule(name, dest)

    def make_module(self, main_src, ExtensionTemplate=None, name="mytest",
                    extra_sources=()):
        """Compiles and loads a module, without registering it in sys.modules."""
        module = self.compile_module(main_src, ExtensionTemplate, name, extra_sources)
        from hpy.universal import MODE_UNIVERSAL, MODE_DEBUG

        mode = MODE_DEBUG if self.hpy_abi == "debug" else MODE_UNIVERSAL
        return self.load_universal_module(name, module.so_filename, mode=mode)

    def load_universal_module(self, name, so_filename, mode):
        import hpy.universal

        assert name not in sys.modules
        spec = _Spec(name, so_filename)
        mod = hpy.universal.load(name, so_filename, spec, mode=mode)
        mod.__file__ = so_filename
        mod.__spec__ = spec
        return mod


class PythonSubprocessRunner:
    """Runs code in a new interpreter that loads the module. Only where
    SUPPORTS_SYS_EXECUTABLE: the tests that use it are skipped otherwise."""

    def __init__(self, verbose, hpy_abi):
        self.verbose = verbose
        self.hpy_abi = hpy_abi

    def run(self, mod, code):
        if not SUPPORTS_SYS_EXECUTABLE:
            pytest.skip("no subprocess to run an interpreter in")
        import subprocess

        path = mod.so_filename
        prelude = (
            "import hpy.universal, importlib.util;"
            "spec = importlib.util.spec_from_file_location(%r, %r);"
            "mod = hpy.universal.load(%r, %r, spec, debug=%r);"
            % (mod.name, path, mod.name, path, self.hpy_abi == "debug")
        )
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            [os.path.dirname(path)] + ([env["PYTHONPATH"]] if "PYTHONPATH" in env else []))
        return subprocess.run([sys.executable, "-c", prelude + code], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.usefixtures("initargs")
class HPyTest:
    ExtensionTemplate = DefaultExtensionTemplate

    @pytest.fixture()
    def initargs(self, compiler, leakdetector, capfd):
        self.compiler = compiler
        self.leakdetector = leakdetector
        self.capfd = capfd

    def make_module(self, main_src, name="mytest", extra_sources=()):
        return self.compiler.make_module(main_src, self.ExtensionTemplate, name,
                                         extra_sources)

    def compile_module(self, main_src, name="mytest", extra_sources=()):
        return self.compiler.compile_module(main_src, self.ExtensionTemplate, name,
                                            extra_sources)

    def expect_make_error(self, main_src, error):
        # Compile errors are seen on CPython, when the suite is precompiled.
        pytest.skip("a compile error is checked only when precompiling on CPython")

    def supports_refcounts(self):
        """Whether the host has reference counts (sys.getrefcount): CPython only."""
        return sys.implementation.name == "cpython"

    def supports_ordinary_make_module_imports(self):
        return True


class HPyDebugCapture:
    """hpy.universal's per-module debug hooks: not on hpymove (debug mode there is the
    whole-process --debug run)."""

    def __enter__(self):
        pytest.skip("hpy.universal's debug-mode hooks")

    def __exit__(self, *exc):
        return False


def trampoline(fun, *args, **kwargs):
    """Calls `fun` with this file on the call stack (tests look for "support.py" in it)."""
    fun(*args, **kwargs)
