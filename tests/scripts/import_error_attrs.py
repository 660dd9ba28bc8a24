# ImportError(msg, name=..., path=...) and its attributes, and the `name`/`path` the
# import system sets on its own errors.
import sys

e = ImportError("msg", name="n", path="/p")
print(e, repr(e), e.args, e.name, e.path, e.msg)
e = ImportError()
print(repr(e), e.name, e.path, e.msg, repr(str(e)))
e = ImportError("a", "b")
print(repr(e), e.msg, str(e))
e = ModuleNotFoundError("x", name="m")
print(repr(e), e.name, e.msg, isinstance(e, ImportError))
e = ImportError(name=1, path=2)
print(repr(e), e.args, e.name, e.path, repr(str(e)))
for bad in [dict(bogus=1), dict(name=1, path=2, name2=3)]:
    try:
        ImportError("x", **bad)
    except TypeError as t:
        print("TypeError:", t)
try:
    ValueError("x", name=1)
except TypeError as t:
    print("TypeError:", t)


class E(ImportError):
    def __init__(self, *a, **k):
        super().__init__(*a, **k)


e = E("q", name="z")
print(e.name, e.msg, e.path)
e.name = "w"
e.msg = "m2"
e.path = 3
print(e.name, e.msg, e.path, e.args, str(e))


class F(ModuleNotFoundError):
    pass


e = F("f", path="pp")
print(repr(e), e.name, e.path, e.msg)

try:
    import nosuch_module_for_test
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e.msg)
try:
    import pkgdemo.nosuch
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e)
try:
    import pkgdemo.helpers.deeper
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e)
try:
    from pkgdemo import nosuchname
except ImportError as e:
    print(type(e).__name__, e.name, e.path.endswith("__init__.py"), e.msg.split(" (")[0])
sys.modules["halted_mod"] = None
try:
    import halted_mod
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e)
try:
    exec("from . import x", {"__name__": "t"})
except ImportError as e:
    print(type(e).__name__, e.name, e.path, e)
