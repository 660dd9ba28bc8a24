"""`dir(obj)` (the builtin `dir` calls `dir_of` for an argument; `dir()` is native): the
object's own `__dir__` if its class defines one, else the names CPython's default gives:
a module's namespace, a class's attributes along its MRO, an instance's `__dict__` plus its
class's attributes."""


def _class_names(cls):
    names = set()
    for c in getattr(cls, "__mro__", (cls,)):
        d = getattr(c, "__dict__", None)
        if d is not None:
            names.update(d)
    return names


def dir_of(obj):
    cls = type(obj)
    for c in cls.__mro__:
        if c is object:
            break
        if "__dir__" in getattr(c, "__dict__", {}):
            return sorted(obj.__dir__())
    if isinstance(obj, type):
        return sorted(_class_names(obj))
    if type(obj).__name__ == "module" and cls.__module__ == "builtins":
        d = getattr(obj, "__dict__", None)
        if not isinstance(d, dict):
            raise TypeError("%s.__dict__ is not a dictionary" % obj.__name__)
        return sorted(d)
    names = _class_names(cls)
    d = getattr(obj, "__dict__", None)
    if isinstance(d, dict):
        names.update(d)
    return sorted(names)
