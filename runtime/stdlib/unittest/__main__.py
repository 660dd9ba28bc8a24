"""`hpymove -m unittest`: the command line of unittest (see unittest.main)."""

import sys

if sys.argv[0].endswith("__main__.py") or sys.argv[0] in ("-m", "unittest", "-c"):
    sys.argv[0] = "hpymove -m unittest"

__unittest = True

from unittest.main import main

main(module=None)
