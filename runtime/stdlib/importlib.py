"""`importlib.import_module`, `invalidate_caches` and `reload`; `importlib.metadata` and
`importlib.machinery` are the carried `_importlib_metadata` and `_importspec`.

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
    """Runs a module's source again in its own namespace (CPython's rule: the module
    object stays, its names are rebound); an extension module is returned as it is."""
    import sys

    name = getattr(module, "__name__", None)
    if not isinstance(name, str) or sys.modules.get(name) is not module:
        raise ImportError("module %s not in sys.modules" % (name,))
    path = getattr(module, "__file__", None)
    if isinstance(path, str) and path.endswith(".py"):
        with open(path) as f:
            source = f.read()
        exec(compile(source, path, "exec"), module.__dict__)
    return sys.modules[name]
