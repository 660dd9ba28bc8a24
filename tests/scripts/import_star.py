# `from m import *` (with and without __all__), dir(), and types.ModuleType.
from starpkg import *

print(sorted(n for n in dir() if not n.startswith("__")))
print(f(), g(), k(), math.sqrt(4))
import starpkg

print(hasattr(starpkg, "not_listed"), hasattr(starpkg, "_private"))
print(sorted(n for n in dir(starpkg) if not n.startswith("__")))

try:
    exec("def q():\n    from starpkg import *\n")
except SyntaxError as e:
    print("SyntaxError:", e.msg)

# Star import inside exec'd module code: names land in the given globals.
ns = {}
exec("from starpkg.listed import *", ns)
print(sorted(n for n in ns if not n.startswith("__")))


class A:
    x = 1

    def m(self):
        pass


class B(A):
    def __init__(self):
        self.y = 2


class WithDir:
    def __dir__(self):
        return ["z", "a", "m"]


def local_names():
    a = 1
    b = 2
    return dir()


print([n for n in dir(B()) if not n.startswith("__")])
print([n for n in dir(B) if not n.startswith("__")])
print(dir(WithDir()), local_names())
print("append" in dir([]), "upper" in dir(""), "keys" in dir({}))
try:
    dir(1, 2)
except TypeError as e:
    print("TypeError:", e)

import types

m = types.ModuleType("made", "its doc")
print(m, m.__name__, m.__doc__, m.__spec__, m.__package__)
print(sorted(vars(m)))
m.value = 3
print(dir(m))
print(types.ModuleType("nodoc").__doc__)
for bad in [(), (1,)]:
    try:
        types.ModuleType(*bad)
    except TypeError as e:
        print("TypeError:", e)
