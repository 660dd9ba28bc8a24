"""`hpy.debug.leakdetector` on hpymove (see hpy/debug/__init__.py)."""

from hpy.universal import _debug


class HPyDebugError(Exception):
    pass


class HPyLeakError(HPyDebugError):
    def __init__(self, leaks):
        super().__init__()
        self.leaks = leaks

    def __str__(self):
        n = len(self.leaks)
        lines = ["%d unclosed handle%s:" % (n, "" if n == 1 else "s")]
        lines += ["    %r" % h for h in self.leaks]
        return "\n".join(lines)


class LeakDetector:
    def __init__(self):
        self.generation = None

    def start(self):
        if self.generation is not None:
            raise ValueError("LeakDetector already started")
        self.generation = _debug.new_generation()

    def stop(self):
        if self.generation is None:
            raise ValueError("LeakDetector not started yet")
        leaks = _debug.get_open_handles(self.generation)
        if leaks:
            raise HPyLeakError(leaks)

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, etype, evalue, tb):
        self.stop()
