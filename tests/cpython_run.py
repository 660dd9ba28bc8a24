"""Runs a script on the reference host: CPython 3.11 with hpy.universal loading the
same `name.hpy0.so` files hpymove loads (found on PYTHONPATH, like hpymove finds them).

Usage: .venv/bin/python tests/cpython_run.py script.py [args...]
"""

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
import traceback
import types


class HPyUniversalFinder(importlib.abc.MetaPathFinder):
    """Finds `<name>.hpy0.so` on sys.path and loads it with hpy.universal."""

    def find_spec(self, fullname, path, target=None):
        leaf = fullname.rpartition(".")[2]
        dirs = path if path is not None else sys.path
        for d in dirs:
            candidate = os.path.join(d or ".", leaf + ".hpy0.so")
            if os.path.exists(candidate):
                # A file's spec (it has a location: the module gets `__file__`).
                return importlib.util.spec_from_file_location(
                    fullname, candidate, loader=HPyUniversalLoader(fullname, candidate))
        return None


class HPyUniversalLoader(importlib.abc.Loader):
    """A file loader (its module's `name` and `path`, as importlib's file loaders)."""

    def __init__(self, name, path):
        self.name = name
        self.path = path

    def create_module(self, spec):
        import hpy.universal
        return hpy.universal.load(spec.name, self.path, spec, debug=False)

    def exec_module(self, module):
        pass


def main():
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    sys.meta_path.insert(0, HPyUniversalFinder())
    sys.path[0] = os.path.dirname(os.path.abspath(script))
    with open(script, encoding="utf-8") as f:
        source = f.read()
    # The script's globals are the `__main__` module, as with `python script.py` (pickle
    # finds a script's classes there).
    main_module = types.ModuleType("__main__")
    main_module.__file__ = script
    main_module.__builtins__ = __builtins__
    sys.modules["__main__"] = main_module
    namespace = main_module.__dict__
    try:
        exec(compile(source, script, "exec"), namespace)
    except SystemExit:
        raise
    except BaseException as e:  # noqa: BLE001 - reported as CPython's main would
        # Report as `python script.py` would: without this runner's own frames.
        tb = _own_frames_dropped(e.__traceback__)
        sys.stdout.flush()
        report_uncaught(e, tb)
        sys.exit(1)


def _own_frames_dropped(tb):
    while tb is not None and tb.tb_frame.f_code.co_filename == __file__:
        tb = tb.tb_next
    return tb


def report_uncaught(e, tb):
    """What CPython's main does with an uncaught exception: `sys.excepthook`, the
    default one printing the report; a replaced one that fails is reported, then the
    original exception."""
    hook = getattr(sys, "excepthook", None)
    if hook is sys.__excepthook__:
        traceback.print_exception(type(e), e, tb)
        return
    if hook is None:
        print("sys.excepthook is missing", file=sys.stderr)
        traceback.print_exception(type(e), e, tb)
        return
    try:
        hook(type(e), e.with_traceback(tb), tb)
    except BaseException as he:  # noqa: BLE001 - reported as CPython's main would
        sys.stdout.flush()
        if he.__context__ is e:
            # CPython's main calls the hook outside any handler.
            he.__context__ = None
        print("Error in sys.excepthook:", file=sys.stderr)
        traceback.print_exception(type(he), he, _own_frames_dropped(he.__traceback__))
        print("\nOriginal exception was:", file=sys.stderr)
        traceback.print_exception(type(e), e, tb)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
