# The `hpy` package an extension's tests import (hpymove carries one with hpy 0.9.0's API):
# its modules and names, and a LeakDetector around correct extension calls (nothing to
# report, with or without debug mode; tests/pytest_suites/hpy_author has the leaks).
import hpy
import hpy.debug
import hpy.trace
import hpy.universal
from hpy.debug.pytest import hpy_debug, LeakDetector
from hpy.devel.abitag import HPY_ABI_TAG, HPY_ABI_VERSION, get_hpy_ext_suffix
import basics

print(hpy.universal.MODE_UNIVERSAL, hpy.universal.MODE_DEBUG, hpy.universal.MODE_TRACE)
print(hpy.universal.get_version()[0], callable(hpy.universal.load))
print(HPY_ABI_TAG, HPY_ABI_VERSION, get_hpy_ext_suffix("universal"))
print(LeakDetector is hpy.debug.LeakDetector, issubclass(hpy.debug.HPyLeakError,
                                                         hpy.debug.HPyDebugError))
print(callable(hpy_debug), hpy.debug.leakdetector.__name__)
for name in ["get_call_counts", "get_durations", "get_frequency", "set_trace_functions"]:
    print(name, callable(getattr(hpy.trace, name)))
for name in ["new_generation", "get_open_handles", "set_handle_stack_trace_limit"]:
    print(name, callable(getattr(hpy.universal._debug, name)))

with LeakDetector() as ld:
    print(basics.add_ints(40, 2))
print(type(ld).__name__)
hpy.debug.set_handle_stack_trace_limit(5)
hpy.debug.disable_handle_stack_traces()
ld = LeakDetector()
try:
    ld.stop()
except ValueError as e:
    print("ValueError:", e)
ld.start()
try:
    ld.start()
except ValueError as e:
    print("ValueError:", e)
ld.stop()
