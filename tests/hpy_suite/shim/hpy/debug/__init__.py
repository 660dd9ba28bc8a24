"""`hpy.debug` on hpymove: not available yet. hpymove's debug mode checks the whole
process (`hpymove --debug`) and reports leaks when the program ends; a LeakDetector scope
needs the host to show the leak findings made since a point without consuming them
(host/debug.rs). The names exist so files that import them load; using them says why it
does not work."""


class HPyLeakError(Exception):
    pass


def _unavailable(*args, **kwargs):
    raise NotImplementedError(
        "hpy.debug's LeakDetector API is not available on hpymove yet; run the whole "
        "process with --debug, which reports leaked handles at exit")


class LeakDetector:
    def __init__(self):
        _unavailable()


set_handle_stack_trace_limit = _unavailable
disable_handle_stack_traces = _unavailable
