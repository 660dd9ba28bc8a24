"""`hpy.debug.pytest` on hpymove (see hpy/debug/__init__.py)."""

import pytest

from . import LeakDetector, _unavailable


@pytest.fixture
def hpy_debug(request):
    _unavailable()
    yield
