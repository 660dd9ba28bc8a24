"""`hpy.universal._debug` on hpymove: debug mode's handle queries, for `hpy.debug`.

hpymove's debug mode (`--debug`, or `HPY=debug` as for hpy.universal) records where each
handle an extension opens was opened (its C stack). `new_generation()` starts a new
generation; `get_open_handles(generation)` returns the handles opened since by extension
calls that have returned and are still open, as `DebugHandle`s. Unlike hpy.universal, a
handle returned there is not reported again (neither by a later call nor in the report at
exit): the caller, a `LeakDetector`, has reported it. Without debug mode nothing is
recorded and the list is empty. hpymove has no queue of closed handles and no
protected raw data to size: those functions of hpy.universal are absent."""

import _hpymove

_trace_limit = [0]


def new_generation():
    return _hpymove.debug_generation()


def get_open_handles(generation):
    """The handles opened since `generation` and never closed (see the module's doc)."""
    return [DebugHandle(*t) for t in _hpymove.debug_take_leaks(generation)]


def set_handle_stack_trace_limit(limit):
    """How many C frames a handle's repr shows; None shows none (hpymove records the
    stack always, so this changes only what is shown)."""
    _trace_limit[0] = 0 if limit is None else int(limit)


class DebugHandle:
    """A handle debug mode knows of: its value, its object, where it was opened."""

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
