"""`hpy.universal._trace` on hpymove (what `hpy.trace` shows): trace mode's counters, as
hpy.universal's. With `HPY=trace` in the environment, hpymove counts and times every call an extension makes through its
context, per context member (`"ctx_Add"`...); without it the counters stay at zero and
trace functions are never called."""

import _hpymove

_UNSET = object()


def get_call_counts():
    """{context member name: calls since the start}."""
    return _hpymove.trace_counts()


def get_durations():
    """{context member name: total time spent in its calls, in nanoseconds}."""
    return _hpymove.trace_durations()


def get_frequency():
    """Resolution of the clock the durations are measured with, in Hertz."""
    return 1000000000


def set_trace_functions(on_enter=_UNSET, on_exit=_UNSET):
    """Set the functions to call if an HPy API is entered/exited: each receives the context
    member's name; None clears one, an omitted argument keeps it."""
    for f in (on_enter, on_exit):
        if f is not _UNSET and f is not None and not callable(f):
            raise TypeError("Expected a callable object or None")
    if on_enter is not _UNSET:
        _hpymove.trace_set_function("on_enter", on_enter)
    if on_exit is not _UNSET:
        _hpymove.trace_set_function("on_exit", on_exit)
