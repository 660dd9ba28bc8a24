# The `hpy` package an extension's tests import (hpymove carries one with hpy 0.9.0's API):
# its modules and names, and a LeakDetector that is harmless when debug mode is off (the
# leaking sample's handles are not checked: nothing is reported, on either host).
import hpy
import hpy.debug
import hpy.trace
import hpy.universal
from hpy.debug.pytest import hpy_debug, LeakDetector
from hpy.devel.abitag import HPY_ABI_TAG, HPY_ABI_VERSION, get_hpy_ext_suffix
from buggy import leak

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
    print(leak.count_true([0, 1, 0, 2, 3]))
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
