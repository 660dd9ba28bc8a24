# Module __getattr__ (PEP 562), importlib.reload, importlib.metadata on a dist-info
# directory, types.MethodType, a class's __name__ over a __name__ property of its
# instances, functools.wraps copying __annotations__.
import functools
import importlib
import importlib.metadata
import sys
import types

import lazymod

print(lazymod.computed, getattr(lazymod, "missing", "default"), hasattr(lazymod, "computed"))
from lazymod import computed

print(computed)
try:
    from lazymod import other
except ImportError as e:
    print("ImportError:", str(e).split(" (")[0])
lazymod.counter = 10
again = importlib.reload(lazymod)
print(again is lazymod, lazymod.counter, lazymod.computed)
try:
    importlib.reload(types.ModuleType("floating"))
except ImportError as e:
    print("ImportError:", e)

print(importlib.metadata.version("metademo"))
meta = importlib.metadata.metadata("metademo")
print(meta["Name"], meta["Summary"], meta.get_all("Requires-Dist"))
print(importlib.metadata.requires("metademo"))
try:
    importlib.metadata.version("no-such-distribution")
except importlib.metadata.PackageNotFoundError as e:
    print("PackageNotFoundError:", e, isinstance(e, ModuleNotFoundError))


class Greeter:
    def __init__(self, name):
        self.name = name


def hello(self, punct):
    return "hello " + self.name + punct


m = types.MethodType(hello, Greeter("ann"))
print(m("!"), m.__self__.name, m.__func__ is hello)


class Named:
    @property
    def __name__(self):
        return "instance of " + type(self).__name__


print(Named().__name__, Named.__name__, Named.__qualname__)


def annotated(x: int) -> float:
    return float(x)


@functools.wraps(annotated)
def wrapper(*args, **kwargs):
    return annotated(*args, **kwargs)


print(wrapper.__annotations__, wrapper.__wrapped__ is annotated, wrapper.__name__)


# Assigning a class's __name__ renames it (the structseq helper of HPy does this).
class Renamed:
    pass


Renamed.__name__ = "NewName"
print(Renamed.__name__, Renamed.__qualname__)
try:
    Renamed.__name__ = 3
except TypeError as e:
    print("TypeError:", e)
