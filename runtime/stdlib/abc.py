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
        cls._abc_registry.append(subclass)
        return subclass

    def __instancecheck__(cls, instance):
        return cls.__subclasscheck__(type(instance))

    def __subclasscheck__(cls, subclass):
        if cls in getattr(subclass, "__mro__", ()):
            return True
        for r in cls._abc_registry:
            if r in getattr(subclass, "__mro__", ()):
                return True
        hook = cls.__dict__.get("__subclasshook__")
        if hook is not None:
            ok = hook.__func__(cls, subclass) if isinstance(hook, classmethod) else hook(subclass)
            if ok is not NotImplemented:
                return bool(ok)
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
