# sys.excepthook replaced: an uncaught exception is reported through it (the hook then
# calls the original, sys.__excepthook__); SystemExit never reaches it.
import sys

print(sys.excepthook is sys.__excepthook__, callable(sys.__excepthook__))
try:
    sys.excepthook(ValueError)
except TypeError as e:
    print("TypeError:", e)
try:
    sys.__excepthook__(int, 5, None)
except TypeError as e:
    print("TypeError:", e)


def hook(t, v, tb):
    print("hook:", t.__name__, repr(v), v.__cause__)
    sys.__excepthook__(t, v, tb)
    print("after the default report")


sys.excepthook = hook


def fail():
    try:
        raise ValueError("inner")
    except ValueError as e:
        raise RuntimeError("outer") from e


fail()
