"""`hpy.debug.pytest` on hpymove (see hpy/debug/__init__.py): the `hpy_debug` fixture runs
its test inside a LeakDetector block."""

import pytest

from .leakdetector import LeakDetector


@pytest.fixture
def hpy_debug(request):
    with LeakDetector():
        yield
