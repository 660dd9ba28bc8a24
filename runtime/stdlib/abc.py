"""Abstract base classes (hpymove's own `abc`): ABCMeta refuses to instantiate a class
with abstract methods left, and keeps registered virtual subclasses."""

__all__ = ["ABC", "ABCMeta", "abstractmethod", "abstractproperty", "abstractclassmethod",
           "abstractstaticmethod"]


def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj


def _is_abstract(value):
    if getattr(value, "__isabstractmethod__", False):
        return True
    if isinstance(value, property):
        return getattr(value.fget, "__isabstractmethod__", False)
    if isinstance(value, (classmethod, staticmethod)):
        return getattr(value.__func__, "__isabstractmethod__", False)
    return False


class ABCMeta(type):
    def __new__(mcls, name, bases, namespace, **kwargs):
        cls = super().__new__(mcls, name, bases, namespace, **kwargs)
        abstracts = {n for n, v in namespace.items() if _is_abstract(v)}
        for base in bases:
            for n in getattr(base, "__abstractmethods__", ()):
                if _is_abstract(getattr(cls, n, None)):
                    abstracts.add(n)
        cls.__abstractmethods__ = frozenset(abstracts)
        cls._abc_registry = []
        cls._abc_subclasses = []
        # Each ABC base learns of this subclass (what CPython finds with __subclasses__).
        for base in cls.__mro__[1:]:
            if isinstance(base, ABCMeta) and "_abc_subclasses" in base.__dict__:
                base.__dict__["_abc_subclasses"].append(cls)
        _invalidate()
        if abstracts:
            original_new = cls.__dict__.get("__new__")

            def __new__(klass, *args, **kw):
                missing = getattr(klass, "__abstractmethods__", ())
                if missing:
                    names = sorted(missing)
                    raise TypeError(
                        "Can't instantiate abstract class %s with abstract method%s %s"
                        % (klass.__name__, "" if len(names) == 1 else "s",
                           ", ".join(names))
                    )
                return object.__new__(klass)
            if original_new is None:
                cls.__new__ = __new__
        return cls

    def register(cls, subclass):
        """Makes `subclass` a virtual subclass of `cls` (and of the ABCs `cls` derives from)."""
        if not isinstance(subclass, type):
            raise TypeError("Can only register classes")
        if issubclass(subclass, cls):
            return subclass
        if issubclass(cls, subclass):
            raise RuntimeError("Refusing to create an inheritance cycle")
        cls._abc_registry.append(subclass)
        _invalidate()
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if not isinstance(subclass, type):
            raise TypeError("issubclass() arg 1 must be a class")
        cache = cls.__dict__.get("_abc_cache")
        if cache is None or cache[0] != _generation[0]:
            cache = (_generation[0], {})
            cls._abc_cache = cache
        key = id(subclass)
        hit = cache[1].get(key)
        if hit is not None and hit[0] is subclass:
            return hit[1]
        cache[1][key] = (subclass, False)  # a recursive check of the same pair says no
        ok = _subclass_check(cls, subclass)
        cache[1][key] = (subclass, ok)
        return ok


# Bumped by every register(): cached answers are then recomputed.
_generation = [0]


def _invalidate():
    _generation[0] += 1


def _subclass_check(cls, subclass):
    # 1. real inheritance; 2. the class's __subclasshook__ (inherited, as in CPython);
    # 3. registered classes and their subclasses; 4. the ABC's own subclasses.
    if cls in getattr(subclass, "__mro__", ()):
        return True
    hook = getattr(cls, "__subclasshook__", None)
    if hook is not None:
        ok = hook(subclass)
        if ok is not NotImplemented:
            return bool(ok)
    for r in cls._abc_registry:
        if issubclass(subclass, r):
            return True
    for s in cls.__dict__.get("_abc_subclasses", ()):
        if issubclass(subclass, s):
            return True
    return False


class ABC(metaclass=ABCMeta):
    __slots__ = ()


def abstractproperty(fget):
    fget.__isabstractmethod__ = True
    return property(fget)


def abstractclassmethod(func):
    func.__isabstractmethod__ = True
    return classmethod(func)


def abstractstaticmethod(func):
    func.__isabstractmethod__ = True
    return staticmethod(func)
