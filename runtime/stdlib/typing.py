"""Type hints (hpymove's own, small `typing`): the names scripts import, subscriptable
where CPython's are (`List[int]`, `Optional[str]`, `Callable[[int], str]`…), with
CPython's reprs for the common ones. Nothing is checked at run time, as in CPython."""

__all__ = [
    "Any", "AnyStr", "Callable", "ClassVar", "Dict", "Final", "FrozenSet", "Generator",
    "Generic", "Iterable", "Iterator", "List", "Literal", "Mapping", "MutableMapping",
    "MutableSequence", "NamedTuple", "NoReturn", "Optional", "Protocol", "Sequence", "Set",
    "Tuple", "Type", "TypeVar", "Union", "TYPE_CHECKING", "cast", "overload", "final",
    "get_type_hints", "no_type_check", "runtime_checkable", "TypedDict", "Deque",
    "DefaultDict", "Counter", "ChainMap", "OrderedDict", "Awaitable", "Coroutine",
    "AsyncIterator", "AsyncIterable", "Hashable", "Sized", "Collection", "Container",
    "Reversible", "SupportsInt", "SupportsFloat", "SupportsIndex", "Text", "IO", "TextIO",
    "BinaryIO", "Pattern", "Match", "ParamSpec", "Concatenate", "TypeAlias", "Annotated",
    "Self", "Never", "LiteralString", "TypeGuard", "Unpack", "Required", "NotRequired",
]

TYPE_CHECKING = False


def _name_of(t):
    if t is None or t is type(None):
        return "None"
    if isinstance(t, type):
        if t.__module__ == "builtins":
            return t.__qualname__
        return "%s.%s" % (t.__module__, t.__qualname__)
    if isinstance(t, (list, tuple)):
        return "[%s]" % ", ".join(_name_of(x) for x in t)
    if t is Ellipsis:
        return "..."
    return repr(t)


class _Alias:
    """`List[int]` and the like: the origin and its arguments."""

    def __init__(self, name, origin, args):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args

    def __repr__(self):
        return "typing.%s[%s]" % (self._name, ", ".join(_name_of(a) for a in self.__args__))

    def __getitem__(self, params):
        return _Alias(self._name, self.__origin__, params if isinstance(params, tuple)
                      else (params,))

    def __eq__(self, other):
        return (isinstance(other, _Alias) and self.__origin__ == other.__origin__
                and self.__args__ == other.__args__)

    def __hash__(self):
        return hash((self.__origin__, self.__args__))

    def __call__(self, *args, **kwargs):
        return self.__origin__(*args, **kwargs)

    def __mro_entries__(self, bases):
        return (self.__origin__,)


class _Special:
    """`List`, `Optional`, `Any`…: a name, what it stands for, subscriptable."""

    def __init__(self, name, origin=None, make=None):
        self._name = name
        self.__origin__ = origin
        self._make = make

    def __repr__(self):
        return "typing." + self._name

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        if self._make is not None:
            return self._make(params)
        return _Alias(self._name, self.__origin__, params)

    def __call__(self, *args, **kwargs):
        if self.__origin__ is None:
            raise TypeError("Cannot instantiate typing.%s" % self._name)
        return self.__origin__(*args, **kwargs)

    def __instancecheck__(self, obj):
        return self.__origin__ is not None and isinstance(obj, self.__origin__)


class _UnionAlias(_Alias):
    def __repr__(self):
        args = self.__args__
        if len(args) == 2 and type(None) in args:
            other = args[0] if args[1] is type(None) else args[1]
            return "typing.Optional[%s]" % _name_of(other)
        return "typing.Union[%s]" % ", ".join(_name_of(a) for a in args)


def _union(params):
    flat = []
    for p in params:
        if p is None:
            p = type(None)
        if isinstance(p, _UnionAlias):
            items = p.__args__
        else:
            items = (p,)
        for x in items:
            if x not in flat:
                flat.append(x)
    if len(flat) == 1:
        return flat[0]
    return _UnionAlias("Union", Union, tuple(flat))


def _optional(params):
    if len(params) != 1:
        raise TypeError("typing.Optional requires a single type.")
    return _union((params[0], None))


Any = _Special("Any")
NoReturn = _Special("NoReturn")
Never = _Special("Never")
Self = _Special("Self")
LiteralString = _Special("LiteralString")
TypeAlias = _Special("TypeAlias")
ClassVar = _Special("ClassVar")
Final = _Special("Final")
Literal = _Special("Literal")
Annotated = _Special("Annotated")
TypeGuard = _Special("TypeGuard")
Unpack = _Special("Unpack")
Required = _Special("Required")
NotRequired = _Special("NotRequired")
Concatenate = _Special("Concatenate")
Union = _Special("Union", make=_union)
Optional = _Special("Optional", make=_optional)
List = _Special("List", list)
Dict = _Special("Dict", dict)
Set = _Special("Set", set)
FrozenSet = _Special("FrozenSet", frozenset)
Tuple = _Special("Tuple", tuple)
Type = _Special("Type", type)
Callable = _Special("Callable")
Iterable = _Special("Iterable")
Iterator = _Special("Iterator")
Generator = _Special("Generator")
Sequence = _Special("Sequence")
MutableSequence = _Special("MutableSequence")
Mapping = _Special("Mapping")
MutableMapping = _Special("MutableMapping")
Collection = _Special("Collection")
Container = _Special("Container")
Reversible = _Special("Reversible")
Hashable = _Special("Hashable")
Sized = _Special("Sized")
Awaitable = _Special("Awaitable")
Coroutine = _Special("Coroutine")
AsyncIterator = _Special("AsyncIterator")
AsyncIterable = _Special("AsyncIterable")
Deque = _Special("Deque")
DefaultDict = _Special("DefaultDict")
Counter = _Special("Counter")
ChainMap = _Special("ChainMap")
OrderedDict = _Special("OrderedDict")
SupportsInt = _Special("SupportsInt")
SupportsFloat = _Special("SupportsFloat")
SupportsIndex = _Special("SupportsIndex")
IO = _Special("IO")
TextIO = _Special("TextIO")
BinaryIO = _Special("BinaryIO")
Pattern = _Special("Pattern")
Match = _Special("Match")
Text = str


class TypeVar:
    """A type variable: `T = TypeVar("T")`."""

    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant

    def __repr__(self):
        prefix = "+" if self.__covariant__ else "-" if self.__contravariant__ else "~"
        return prefix + self.__name__


class ParamSpec(TypeVar):
    pass


AnyStr = TypeVar("AnyStr", bytes, str)


class Generic:
    """Base of generic classes: `class Box(Generic[T])`."""

    def __class_getitem__(cls, params):
        return cls


class Protocol(Generic):
    pass


def NamedTuple(typename, fields=None, **kwargs):
    from collections import namedtuple
    names = [n for n, _ in fields] if fields is not None else list(kwargs)
    return namedtuple(typename, names)


def TypedDict(typename, fields=None, **kwargs):
    return dict


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def _eval_hint(value, globalns, localns):
    if value is None:
        return type(None)
    if isinstance(value, str):
        return eval(value, globalns, localns)
    return value


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    """The annotations with strings evaluated (in the defining module's globals) and None
    as NoneType: a class's along its MRO (base classes first overridden by subclasses), a
    module's, or a callable's (its `__wrapped__` chain gives the globals)."""
    import sys
    import types

    if isinstance(obj, type):
        hints = {}
        for base in reversed(obj.__mro__):
            ann = base.__dict__.get("__annotations__", {})
            if not isinstance(ann, dict):
                continue
            mod = sys.modules.get(base.__module__)
            g = globalns if globalns is not None else getattr(mod, "__dict__", {})
            l = localns if localns is not None else dict(vars(base))
            for name, value in ann.items():
                hints[name] = _eval_hint(value, g, l)
        return hints
    if isinstance(obj, types.ModuleType):
        g = globalns if globalns is not None else obj.__dict__
        ann = getattr(obj, "__annotations__", {}) or {}
        return {k: _eval_hint(v, g, localns) for k, v in ann.items()}
    ann = getattr(obj, "__annotations__", None)
    if ann is None:
        if callable(obj):
            return {}
        raise TypeError("{!r} is not a module, class, method, or function.".format(obj))
    if globalns is None:
        ns_obj = obj
        while hasattr(ns_obj, "__wrapped__"):
            ns_obj = ns_obj.__wrapped__
        globalns = getattr(ns_obj, "__globals__", {})
    if localns is None:
        localns = globalns
    return {k: _eval_hint(v, globalns, localns) for k, v in dict(ann).items()}
