import pytest

import hpy.debug
from hpy.debug import HPyLeakError, LeakDetector


def test_every_handle_closed(hpy_debug, leak):
    assert leak.count_true([1, True, "x"]) == 3


def test_detector_reports_the_leaked_handles(leak):
    with pytest.raises(HPyLeakError) as info:
        with LeakDetector():
            leak.count_true([0, 1, 0, 2])
    leaks = info.value.leaks
    assert sorted(h.obj for h in leaks) == [0, 0]
    assert str(info.value).startswith("2 unclosed handles:\n    <DebugHandle 0x")
    assert not any(h.is_closed for h in leaks)


def test_leaks_reported_once(leak):
    with pytest.raises(HPyLeakError):
        with LeakDetector():
            leak.count_true([0])
    with LeakDetector():
        pass


def test_stack_trace_limit(leak):
    # Whether a limit shows C frames depends on the host (hpy.universal records them only
    # where its build can): what both do is checked, and the hint once traces are off.
    hpy.debug.set_handle_stack_trace_limit(2)
    hpy.debug.disable_handle_stack_traces()
    with pytest.raises(HPyLeakError) as info:
        with LeakDetector():
            leak.count_true([0])
    text = repr(info.value.leaks[0])
    assert text.startswith("<DebugHandle 0x") and " for 0>" in text
    assert text.endswith("use:\nhpy.debug.set_handle_stack_trace_limit")


def test_detector_start_stop():
    ld = LeakDetector()
    with pytest.raises(ValueError):
        ld.stop()
    ld.start()
    with pytest.raises(ValueError):
        ld.start()
    ld.stop()


def test_fixture_fails_a_leaking_test(hpy_debug, leak):
    assert leak.count_true([0, 0]) == 0
