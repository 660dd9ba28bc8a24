"""`hpy.universal` on hpymove: loading a universal module from an explicit path, and the
query functions of debug mode (`_debug`) and trace mode (`_trace`)."""

import _hpymove
import _hpy_debug as _debug
import _hpy_trace as _trace

# hpy.universal's load modes. hpymove loads every module the same way: its debug and trace
# modes are chosen for the whole process (`--debug`/`HPY=debug`, `HPY=trace`).
MODE_UNIVERSAL = 0
MODE_DEBUG = 1
MODE_TRACE = 2


def load(name, path, spec, debug=False, mode=-1):
    """The module `name` from the file `path`, not registered in sys.modules; `spec` is
    what its HPy_mod_create slot receives."""
    return _hpymove.load(name, path, spec)


def get_version():
    """(hpy version, implementation): the HPy version whose ABI hpymove implements."""
    return ("0.9.0", "hpymove")
