# HPyImport_ImportModule reaches what a script's import reaches: sys, math, the carried
# standard library, modules already imported.
import callbacks
m = callbacks.import_module("math")
print(m.sqrt(16.0), callbacks.import_module("sys").version_info[:2], callbacks.import_module("json").dumps([1]))
import collections
print(callbacks.import_module("collections") is collections, callbacks.import_module("os.path").join("a", "b"))
try:
    callbacks.import_module("no_such_module_xyz")
except ModuleNotFoundError as e:
    print("ModuleNotFoundError", e)
