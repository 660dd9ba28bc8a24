"""The `hpy` package on hpymove: what an HPy extension's test suite imports from the real
`hpy` 0.9.0 package, backed by hpymove itself. `hpy.universal` loads a universal module
from a path (`load`), and holds the query functions of debug mode (`_debug`) and trace mode
(`_trace`); `hpy.debug` has the leak detector (`LeakDetector`, and the `hpy_debug` fixture
in `hpy.debug.pytest`); `hpy.trace` the trace counters; `hpy.devel.abitag` the file-name
tag of the modules hpymove loads. Debug and trace modes are whole-process options here
(`hpymove --debug` or `HPY=debug`, `HPY=trace`), not chosen per loaded module."""
