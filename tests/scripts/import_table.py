# sys.modules is the import table: import registers there, and what code stores or deletes
# there is what the next import sees. Modules loaded from files carry their spec.
import os
import sys

import hostcompat
import importdemo
import importdemo.plain


def base(path):
    return os.path.basename(path)


print(type(sys.modules).__name__, sys.modules["sys"] is sys, "builtins" in sys.modules)
print(sys.modules["importdemo"] is importdemo, sys.modules["importdemo.plain"] is importdemo.plain)
print(importdemo.LOADED, importdemo.plain is sys.modules["importdemo"].plain)

# What import records on modules found on the search path.
for m in (importdemo, importdemo.plain, hostcompat):
    spec = m.__spec__
    print(m.__name__, repr(m.__package__), spec.name, repr(spec.parent), m.__loader__ is spec.loader,
          m.__loader__.name, base(m.__file__), base(spec.origin) == base(m.__file__),
          spec.has_location, spec.submodule_search_locations == getattr(m, "__path__", None))
print(type(importdemo.__loader__).__name__)
print(repr(importdemo.plain).replace(os.path.dirname(importdemo.plain.__file__), "DIR"))
print(repr(hostcompat).replace(os.path.dirname(hostcompat.__file__), "DIR"))
print(hostcompat.__doc__)

# Deleting an entry: the next import loads the file again.
del sys.modules["importdemo.plain"]
import importdemo.plain as again
print(again is not importdemo.plain, again.VALUE, "importdemo.plain" in sys.modules)

# Storing an entry: import gives that object; None stops the import.
sys.modules["made_up"] = [1, 2, 3]
import made_up
print(made_up)
sys.modules["blocked"] = None
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)
del sys.modules["blocked"]
try:
    import blocked
except ImportError as e:
    print(type(e).__name__, e)

# A module that replaced itself in sys.modules: import gives the replacement.
import importdemo.replaced
print(importdemo.replaced, sys.modules["importdemo.replaced"])

# A module that failed to import is not left in the table.
try:
    import importdemo.missing_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
print("importdemo.missing_module_xyz" in sys.modules)

import importlib
m = importlib.import_module("importdemo.plain")
print(m is sys.modules["importdemo.plain"])
