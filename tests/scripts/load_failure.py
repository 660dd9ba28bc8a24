# compare: exception type
# An extension that fails to import: the error names the reason, the script carries on.
# (CPython's hpy.universal raises RuntimeError where hpymove raises ImportError, so this
# script is checked on hpymove only.)
import sys
sys.path = [sys.path[1] + "/bad"] + sys.path
try:
    import major_version_1
except ImportError as e:
    print("refused:", type(e).__name__)
import exec_raises
