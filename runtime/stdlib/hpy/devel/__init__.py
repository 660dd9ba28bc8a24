"""`hpy.devel` on hpymove: only `hpy.devel.abitag`, the tag of the module files hpymove
loads. Extensions are built with CPython and the real `hpy.devel` (its setuptools
integration and headers); hpymove runs what they build."""
