"""Data classes (hpymove's own `dataclasses`): @dataclass reads the class's annotations
and adds __init__, __repr__, __eq__ (and the order methods, hashing and frozenness when
asked), as CPython's does; field(), fields(), asdict(), astuple(), replace()."""

__all__ = [
    "dataclass", "field", "Field", "FrozenInstanceError", "MISSING", "fields", "asdict",
    "astuple", "replace", "is_dataclass",
]


class FrozenInstanceError(AttributeError):
    pass


class _MissingType:
    def __repr__(self):
        return "MISSING"


MISSING = _MissingType()


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata,
                 kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only

    def __repr__(self):
        return ("Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,"
                "hash=%r,compare=%r,metadata=%r,kw_only=%r)" % (
                    self.name, self.type, self.default, self.default_factory, self.init,
                    self.repr, self.hash, self.compare, self.metadata, self.kw_only))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None,
          compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith(("ClassVar", "typing.ClassVar"))
    text = repr(annotation)
    return text == "typing.ClassVar" or text.startswith("typing.ClassVar[")


def _fields_of(cls, kw_only_default):
    found = {}
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__dataclass_fields__", {}).values():
            found[f.name] = f
    annotations = cls.__dict__.get("__annotations__", {})
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = annotation
        if f.kw_only is MISSING:
            f.kw_only = kw_only_default
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(
                "mutable default %s for field %s is not allowed: use default_factory"
                % (type(f.default), name)
            )
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        found[name] = f
    return found


def _make_init(cls, flds, frozen):
    params = [f for f in flds if f.init]
    positional = [f for f in params if not f.kw_only]
    keyword = [f for f in params if f.kw_only]
    seen_default = False
    for f in positional:
        has_default = f.default is not MISSING or f.default_factory is not MISSING
        if seen_default and not has_default:
            raise TypeError("non-default argument '%s' follows default argument" % f.name)
        seen_default = seen_default or has_default
    qual = cls.__qualname__ + ".__init__()"
    setter = object.__setattr__ if frozen else setattr

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            least = 1 + len([f for f in positional
                             if f.default is MISSING and f.default_factory is MISSING])
            most = len(positional) + 1
            span = "%d" % most if least == most else "from %d to %d" % (least, most)
            raise TypeError("%s takes %s positional arguments but %d were given"
                            % (qual, span, len(args) + 1))
        values = {}
        for f, v in zip(positional, args):
            values[f.name] = v
        for name, v in kwargs.items():
            if not any(f.name == name for f in params):
                raise TypeError("%s got an unexpected keyword argument '%s'" % (qual, name))
            if name in values:
                raise TypeError("%s got multiple values for argument '%s'" % (qual, name))
            values[name] = v
        missing = [f.name for f in params if f.name not in values
                   and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            kind = ("positional" if any(f.name == missing[0] for f in positional)
                    else "keyword-only")
            names = ["'%s'" % n for n in missing]
            text = names[0] if len(names) == 1 else (
                " and ".join(names) if len(names) == 2 else
                ", ".join(names[:-1]) + ", and " + names[-1])
            raise TypeError("%s missing %d required %s argument%s: %s" % (
                qual, len(missing), kind, "" if len(missing) == 1 else "s", text))
        for f in flds:
            if f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                v = f.default
            else:
                continue
            setter(self, f.name, v)
        post = getattr(type(self), "__post_init__", None)
        if post is not None:
            post(self)

    __init__.__qualname__ = cls.__qualname__ + ".__init__"
    return __init__


def _process(cls, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only):
    fmap = _fields_of(cls, kw_only)
    flds = list(fmap.values())
    cls.__dataclass_fields__ = fmap
    cls.__dataclass_params__ = {"init": init, "repr": repr, "eq": eq, "order": order,
                                "unsafe_hash": unsafe_hash, "frozen": frozen}
    compared = [f.name for f in flds if f.compare]

    def as_tuple(self):
        return tuple(getattr(self, n) for n in compared)

    if init and "__init__" not in cls.__dict__:
        cls.__init__ = _make_init(cls, flds, frozen)
    if repr and "__repr__" not in cls.__dict__:
        shown = [f.name for f in flds if f.repr]

        def __repr__(self):
            return "%s(%s)" % (type(self).__qualname__,
                               ", ".join("%s=%r" % (n, getattr(self, n)) for n in shown))
        cls.__repr__ = __repr__
    if eq and "__eq__" not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return as_tuple(self) == as_tuple(other)
            return NotImplemented
        cls.__eq__ = __eq__
    if order:
        for name, op in (("__lt__", lambda a, b: a < b), ("__le__", lambda a, b: a <= b),
                         ("__gt__", lambda a, b: a > b), ("__ge__", lambda a, b: a >= b)):
            if name in cls.__dict__:
                raise TypeError("Cannot overwrite attribute %s in class %s. Consider using "
                                "functools.total_ordering" % (name, cls.__name__))
            setattr(cls, name, _order_method(op, as_tuple))
    if frozen:
        def __setattr__(self, name, value):
            if type(self) is cls or name in fmap:
                raise FrozenInstanceError("cannot assign to field '%s'" % name)
            object.__setattr__(self, name, value)

        def __delattr__(self, name):
            raise FrozenInstanceError("cannot delete field '%s'" % name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    has_own_hash = "__hash__" in cls.__dict__ and cls.__dict__["__hash__"] is not None
    if unsafe_hash or (eq and frozen):
        if not has_own_hash or unsafe_hash:
            cls.__hash__ = lambda self: hash(as_tuple(self))
    elif eq and not has_own_hash:
        cls.__hash__ = None
    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in flds if f.init and not f.kw_only)
    return cls


def _order_method(op, as_tuple):
    def method(self, other):
        if other.__class__ is self.__class__:
            return op(as_tuple(self), as_tuple(other))
        return NotImplemented
    return method


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    if order and not eq:
        raise ValueError("eq must be true if order is true")

    def wrap(c):
        return _process(c, init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only)

    return wrap if cls is None else wrap(cls)


def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, "__dataclass_fields__")


def fields(class_or_instance):
    try:
        fmap = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(fmap.values())


def _copy_value(v, dict_factory, as_dict):
    if is_dataclass(v) and not isinstance(v, type):
        if as_dict:
            return dict_factory([(f.name, _copy_value(getattr(v, f.name), dict_factory, True))
                                 for f in fields(v)])
        return tuple(_copy_value(getattr(v, f.name), dict_factory, False) for f in fields(v))
    if isinstance(v, (list, tuple)):
        return type(v)(_copy_value(x, dict_factory, as_dict) for x in v)
    if isinstance(v, dict):
        return type(v)((_copy_value(k, dict_factory, as_dict),
                        _copy_value(x, dict_factory, as_dict)) for k, x in v.items())
    return v


def asdict(obj, *, dict_factory=dict):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("asdict() should be called on dataclass instances")
    return _copy_value(obj, dict_factory, True)


def astuple(obj, *, tuple_factory=tuple):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("astuple() should be called on dataclass instances")
    return tuple_factory(_copy_value(obj, dict, False))


def replace(obj, /, **changes):
    if not is_dataclass(obj) or isinstance(obj, type):
        raise TypeError("replace() should be called on dataclass instances")
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
        elif not f.init and f.name in changes:
            raise ValueError("field %s is declared with init=False, it cannot be specified "
                             "with replace()" % f.name)
    return type(obj)(**changes)
