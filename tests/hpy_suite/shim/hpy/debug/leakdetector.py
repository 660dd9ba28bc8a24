"""`hpy.debug.leakdetector` on hpymove (see hpy/debug/__init__.py)."""

import _hpymove


class HPyDebugError(Exception):
    pass


class HPyLeakError(HPyDebugError):
    def __init__(self, leaks):
        super().__init__()
        self.leaks = leaks

    def __str__(self):
        n = len(self.leaks)
        lines = ["%d unclosed handle%s:" % (n, "" if n == 1 else "s")]
        lines += ["    %r" % h for h in self.leaks]
        return "\n".join(lines)


_trace_limit = [0]


def set_handle_stack_trace_limit(limit):
    """How many C frames a leaked handle's repr shows (hpymove records them always)."""
    _trace_limit[0] = int(limit)


def disable_handle_stack_traces():
    _trace_limit[0] = 0


class DebugHandle:
    """A leaked handle: its value, the object, where it was opened (C stack lines)."""

    def __init__(self, value, obj, stack, function):
        self.id = value
        self.obj = obj
        self.stack = stack
        self.function = function
        self.is_closed = False

    def __repr__(self):
        text = "<DebugHandle 0x%x for %r>\n" % (self.id, self.obj)
        limit = _trace_limit[0]
        if limit:
            return text + "Allocation stacktrace:\n" + "".join(
                "  %s\n" % line for line in self.stack[:limit])
        return text + ("To get the stack trace of where it was allocated use:\n"
                       "hpy.debug.set_handle_stack_trace_limit")


class LeakDetector:
    def __init__(self):
        self.generation = None

    def start(self):
        if self.generation is not None:
            raise ValueError("LeakDetector already started")
        self.generation = _hpymove.debug_generation()

    def stop(self):
        if self.generation is None:
            raise ValueError("LeakDetector not started yet")
        leaks = [DebugHandle(*t) for t in _hpymove.debug_take_leaks(self.generation)]
        if leaks:
            raise HPyLeakError(leaks)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, etype, evalue, tb):
        self.stop()
