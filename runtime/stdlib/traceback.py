"""Printing and formatting exceptions (hpymove's own, small `traceback`): the report is
the one hpymove prints for an uncaught exception, as CPython's is."""

import sys as _sys

__all__ = ["format_exc", "format_exception", "format_exception_only", "print_exc",
           "print_exception"]

_sentinel = object()


def _exc_of(exc, value):
    if value is not _sentinel:
        exc = value
    return exc


def format_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, chain=True):
    exc = _exc_of(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    text = _sys._format_exception(exc)
    if not text.endswith("\n"):
        text += "\n"
    return text.splitlines(True)


def format_exception_only(exc, /, value=_sentinel):
    exc = _exc_of(exc, value)
    if exc is None:
        return ["NoneType: None\n"]
    if isinstance(exc, type):
        return ["%s\n" % exc.__qualname__]
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ("builtins", "__main__"):
        name = module + "." + name
    msg = str(exc)
    return ["%s: %s\n" % (name, msg) if msg else "%s\n" % name]


def format_exc(limit=None, chain=True):
    return "".join(format_exception(_sys.exc_info()[1]))


def print_exception(exc, /, value=_sentinel, tb=_sentinel, limit=None, file=None,
                    chain=True):
    out = _sys.stderr if file is None else file
    for line in format_exception(exc, value):
        out.write(line)


def print_exc(limit=None, file=None, chain=True):
    print_exception(_sys.exc_info()[1], file=file)
