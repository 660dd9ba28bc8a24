"""`importlib.import_module` and `invalidate_caches`.

hpymove's own version: it imports with the import statement.
"""


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
    # `import a.b as m` binds the leaf module, what `sys.modules[name]` holds.
    ns = {}
    exec("import %s as m" % name, ns)
    return ns["m"]


def invalidate_caches():
    # hpymove looks at the file system on every import: there is nothing to forget.
    pass


def reload(module):
    raise NotImplementedError("importlib.reload is not supported by hpymove")
