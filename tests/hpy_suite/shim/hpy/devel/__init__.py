"""`hpy.devel` on hpymove: nothing is compiled here (see tests/hpy_suite)."""
