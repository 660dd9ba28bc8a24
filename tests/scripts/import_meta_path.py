# sys.meta_path finders (find_spec / create_module / exec_module) serve modules that are
# nowhere on disk; an error inside a submodule propagates through `from pkg import sub`;
# builtin and standard-library modules have __package__.
import importlib
import sys
import types
from importlib.machinery import ModuleSpec


class VirtualLoader:
    def find_spec(self, fullname, path, target=None):
        if fullname == "virtual" or fullname.startswith("virtual."):
            return ModuleSpec(fullname, self, is_package=fullname == "virtual")
        return None

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.greeting = "hello from " + module.__name__
        module.where = module.__spec__.name


sys.meta_path.append(VirtualLoader())
import virtual
import virtual.child

print(virtual.greeting, virtual.child.greeting, virtual.child.where)
print(virtual.child.__package__, virtual.__package__, "virtual.child" in sys.modules)
from virtual import child as c2

print(c2 is virtual.child, importlib.import_module("virtual.other").greeting)
try:
    import notvirtual
except ImportError as e:
    print(type(e).__name__, e)
try:
    from brokenpkg import broken
except KeyError as e:
    print("KeyError", e)
try:
    from brokenpkg import missing
except ImportError as e:
    print("ImportError", str(e).split(" (")[0])
import itertools
import math

print(repr(itertools.__package__), repr(math.__package__), repr(sys.__package__))
print(types.ModuleType("x").__package__)
