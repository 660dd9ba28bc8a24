"""`hpy.universal` on hpymove: loading a universal module from an explicit path."""

import _hpymove

# Load modes of hpy.universal. hpymove has one: its debug mode is the whole-process
# `--debug` option, so every mode loads the module the same way.
MODE_UNIVERSAL = 0
MODE_DEBUG = 1
MODE_TRACE = 2


def load(name, path, spec, debug=False, mode=-1):
    """The module `name` from the file `path`, not registered in sys.modules; `spec` is
    what its HPy_mod_create slot receives."""
    return _hpymove.load(name, path, spec)


def get_version():
    return ("0.9.0", "hpymove")
