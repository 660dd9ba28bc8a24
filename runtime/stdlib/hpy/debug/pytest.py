"""`hpy.debug.pytest`: the `hpy_debug` fixture, which runs its test inside a
`LeakDetector` block (the test fails at teardown if it leaked handles)."""

import pytest

from .leakdetector import LeakDetector


@pytest.fixture
def hpy_debug(request):
    """Checks that the test closes every handle its extension calls open."""
    with LeakDetector() as ld:
        yield ld
