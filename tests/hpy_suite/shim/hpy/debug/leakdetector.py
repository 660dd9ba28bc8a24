"""`hpy.debug.leakdetector` on hpymove (see hpy/debug/__init__.py)."""

from . import HPyLeakError, LeakDetector
