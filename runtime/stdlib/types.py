"""Names for the interpreter's types, `SimpleNamespace`, `new_class`.

hpymove's own version: each type is found from an object of that type.
"""

import sys


def _f():
    pass


FunctionType = type(_f)
LambdaType = type(lambda: None)
try:
    CodeType = type(_f.__code__)
except AttributeError:  # functions without `__code__`
    pass


def _g():
    yield 1


GeneratorType = type(_g())
BuiltinFunctionType = type(len)
BuiltinMethodType = type([].append)
ModuleType = type(sys)


class _C:
    def _m(self):
        pass


MethodType = type(_C()._m)
MappingProxyType = type(type.__dict__)
NoneType = type(None)
EllipsisType = type(Ellipsis)
NotImplementedType = type(NotImplemented)
del _f, _g, _C


class SimpleNamespace:
    def __init__(self, mapping_or_iterable=(), /, **kwargs):
        for k, v in dict(mapping_or_iterable).items():
            setattr(self, k, v)
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = ("%s=%r" % (k, v) for k, v in self.__dict__.items())
        name = "namespace" if type(self) is SimpleNamespace else type(self).__name__
        return "%s(%s)" % (name, ", ".join(items))

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


def new_class(name, bases=(), kwds=None, exec_body=None):
    ns = {}
    if exec_body is not None:
        exec_body(ns)
    meta = type
    if kwds and "metaclass" in kwds:
        kwds = dict(kwds)
        meta = kwds.pop("metaclass")
    return meta(name, tuple(bases), ns)


def _arg_repr(a):
    if a is Ellipsis:
        return "..."
    if isinstance(a, type) and not isinstance(a, GenericAlias):
        if a.__module__ == "builtins":
            return a.__qualname__
        return "%s.%s" % (a.__module__, a.__qualname__)
    return repr(a)


class GenericAlias:
    """`list[int]`, `dict[str, int]`... (PEP 585): the origin class with its arguments;
    calling it makes an instance of the origin, and anything else is the origin's."""

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = ()

    def __repr__(self):
        if len(self.__args__) == 0:
            args = "()"
        else:
            args = ", ".join(_arg_repr(a) for a in self.__args__)
        return "%s[%s]" % (_arg_repr(self.__origin__), args)

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ == other.__origin__ and self.__args__ == other.__args__

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __getattr__(self, name):
        # Everything but the alias's own attributes comes from the origin (`__name__`...).
        if name in ("__origin__", "__args__", "__parameters__", "__mro_entries__", "__or__", "__ror__",
                    "__reduce_ex__", "__reduce__", "__copy__", "__deepcopy__"):
            raise AttributeError(name)
        return getattr(self.__origin__, name)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __or__(self, other):
        return UnionType._make(self, other)

    def __ror__(self, other):
        return UnionType._make(other, self)

    def __instancecheck__(self, obj):
        raise TypeError("isinstance() argument 2 cannot be a parameterized generic")

    def __subclasscheck__(self, cls):
        raise TypeError("issubclass() argument 2 cannot be a parameterized generic")


def _union_member(a):
    """`a` as a member of a union (`None` stands for `type(None)`), or NotImplemented."""
    if a is None:
        return type(None)
    if isinstance(a, (type, GenericAlias, UnionType)):
        return a
    return NotImplemented


class UnionType:
    """`int | str` (PEP 604): the union of the classes, flattened and without repeats;
    `isinstance` and `issubclass` accept it as they accept a tuple."""

    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = ()

    @staticmethod
    def _make(a, b):
        """`a | b`, or NotImplemented when an operand cannot be in a union."""
        a, b = _union_member(a), _union_member(b)
        if a is NotImplemented or b is NotImplemented:
            return NotImplemented
        args = []
        for x in (a, b):
            for m in (x.__args__ if isinstance(x, UnionType) else (x,)):
                if m not in args:
                    args.append(m)
        if len(args) == 1:
            return args[0]
        return UnionType(tuple(args))

    def __or__(self, other):
        return UnionType._make(self, other)

    def __ror__(self, other):
        return UnionType._make(other, self)

    def __repr__(self):
        return " | ".join("None" if a is type(None) else _arg_repr(a) for a in self.__args__)

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __instancecheck__(self, obj):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("isinstance() argument 2 cannot be a parameterized generic")
        return isinstance(obj, self.__args__)

    def __subclasscheck__(self, cls):
        for a in self.__args__:
            if isinstance(a, GenericAlias):
                raise TypeError("issubclass() argument 2 cannot be a parameterized generic")
        return issubclass(cls, self.__args__)
