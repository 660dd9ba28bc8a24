# sys._getframe from inside generators (which run on a value stack of their own) reaches
# the frames below them with their globals; warnings' stacklevel relies on it.
import sys
import warnings

MARK = "module-level"


def caller_info(depth):
    f = sys._getframe(depth)
    return f.f_code.co_name, f.f_lineno, f.f_globals.get("MARK")


def inner():
    yield caller_info(1)
    yield caller_info(2)
    yield caller_info(3)


def outer():
    for v in inner():
        yield v


def drive():
    return [v for v in outer()]


print(drive())


def it():
    warnings.warn("from a generator", stacklevel=2)
    yield 1


def f():
    warnings.warn("from a function", stacklevel=2)


def w():
    for v in it():
        pass
    f()


with warnings.catch_warnings(record=True) as ws:
    warnings.simplefilter("always")
    w()
    print([(str(x.message), x.lineno) for x in ws])
