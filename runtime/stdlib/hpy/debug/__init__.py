"""`hpy.debug` on hpymove: HPy's leak detector backed by hpymove's debug mode
(`hpymove --debug`, or `HPY=debug` as for hpy.universal). A `LeakDetector` block reports,
as `HPyLeakError`, the handles opened inside it by extension calls that returned and never
closed them, with the C stack where each was opened; those are then not reported again when
the run ends. Without debug mode there is nothing to check and a block reports nothing
(hpy.universal's detector also sees only modules loaded in debug mode)."""

from .leakdetector import HPyDebugError, HPyLeakError, LeakDetector


def set_handle_stack_trace_limit(limit):
    from hpy.universal import _debug
    _debug.set_handle_stack_trace_limit(limit)


def disable_handle_stack_traces():
    from hpy.universal import _debug
    _debug.set_handle_stack_trace_limit(None)
