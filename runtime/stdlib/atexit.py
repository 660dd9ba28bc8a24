"""Functions called when the interpreter exits (CPython 3.11's `atexit`): after the main
module ends, however it ends, the last registered first. The command line calls
`_run_exitfuncs` (`embed.rs`) if this module was imported."""

import sys as _sys

_handlers = []


def register(func, /, *args, **kwargs):
    """Calls `func(*args, **kwargs)` at exit; returns `func` (usable as a decorator)."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    _handlers.append((func, args, kwargs))
    return func


def unregister(func, /):
    """Forgets every registration of `func`."""
    _handlers[:] = [h for h in _handlers if h[0] != func]


def _clear():
    _handlers.clear()


def _ncallbacks():
    return len(_handlers)


def _run_exitfuncs():
    """Calls the registered functions, last first; an exception is printed and the others
    still run."""
    while _handlers:
        func, args, kwargs = _handlers.pop()
        try:
            func(*args, **kwargs)
        except SystemExit:
            pass
        except BaseException as e:
            _sys.stderr.write("Exception ignored in atexit callback: %r\n" % (func,))
            _sys.stderr.write(_sys._format_exception(e))
