"""`hpy.debug` on hpymove: hpy.universal's per-module debug mode has no counterpart here
(hpymove's debug mode checks the whole process: `hpymove --debug`). The names exist so
files that import them load; using them says why it cannot work."""


class HPyLeakError(Exception):
    pass


def _unavailable(*args, **kwargs):
    raise NotImplementedError(
        "hpy.universal's debug-mode API: on hpymove, run the whole process with --debug")


class LeakDetector:
    def __init__(self):
        _unavailable()


set_handle_stack_trace_limit = _unavailable
disable_handle_stack_traces = _unavailable
