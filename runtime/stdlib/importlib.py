"""`importlib.import_module` and `invalidate_caches`.

hpymove's own version: it imports through the interpreter's `__import__`.
"""

import builtins
import sys


def _resolve_name(name, package, level):
    bits = package.rsplit(".", level - 1)
    if len(bits) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = bits[0]
    return "%s.%s" % (base, name) if name else base


def import_module(name, package=None):
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for %r" % name)
        while level < len(name) and name[level] == ".":
            level += 1
        name = _resolve_name(name[level:], package, level)
    imp = getattr(builtins, "__import__", None)
    if imp is not None:
        imp(name)
    else:
        # Without `__import__`, the import statement does the same.
        ns = {}
        exec("import %s as m" % name, ns)
        return ns["m"]
    return sys.modules[name]


def invalidate_caches():
    # hpymove looks at the file system on every import: there is nothing to forget.
    pass


def reload(module):
    raise NotImplementedError("importlib.reload is not supported by hpymove")
