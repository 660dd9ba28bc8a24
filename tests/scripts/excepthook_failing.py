# A sys.excepthook that raises: CPython reports the hook's error, then the original.
import sys


def hook(t, v, tb):
    print("in hook:", t.__name__)
    return 1 / 0


sys.excepthook = hook
raise KeyError("k")
