"""Registries and helpers that `pickle` (and `copy`) rely on: the reduction functions
registered per type (`dispatch_table`), the extension codes, and the helpers named in
pickles (`__newobj__`, `__newobj_ex__`, `_reconstructor`).

hpymove's own version. hpymove's `object` has no `__reduce_ex__`, `__reduce__` or
`__getstate__`: `_object_reduce_ex` and `_object_getstate` are what CPython's `object`
methods do, and pickle calls them for an object that brings no reduction of its own.
"""

__all__ = ["pickle", "constructor", "add_extension", "remove_extension",
           "clear_extension_cache"]

dispatch_table = {}


def pickle(ob_type, pickle_function, constructor_ob=None):
    """Registers `pickle_function(obj)` as the reduction of `ob_type`'s instances."""
    if not callable(pickle_function):
        raise TypeError("reduction functions must be callable")
    dispatch_table[ob_type] = pickle_function
    if constructor_ob is not None:
        constructor(constructor_ob)


def constructor(object):
    if not callable(object):
        raise TypeError("constructors must be callable")


def pickle_complex(c):
    return complex, (c.real, c.imag)


pickle(complex, pickle_complex, complex)


# What pickles name to rebuild objects.

def __newobj__(cls, *args):
    return cls.__new__(cls, *args)


def __newobj_ex__(cls, args, kwargs):
    return cls.__new__(cls, *args, **kwargs)


def _reconstructor(cls, base, state):
    """Protocols 0 and 1: an instance of `cls` whose builtin part is `base(state)`."""
    if base is object:
        obj = object.__new__(cls)
    else:
        obj = base.__new__(cls, state)
        if base.__init__ != object.__init__:
            base.__init__(obj, state)
    return obj


# The default reduction (what `object.__reduce_ex__` does in CPython).

def _is_builtin_type(cls):
    """A class the runtime defines (not a Python class statement)."""
    return getattr(cls, "__module__", None) == "builtins"


def _slotnames(cls):
    """The names of the `__slots__` of `cls` and its bases, without `__dict__` and
    `__weakref__`, private ones mangled with the name of the class that declares them
    (as the slot descriptors are); cached on the class as `__slotnames__`."""
    names = cls.__dict__.get("__slotnames__")
    if names is not None:
        return names
    names = []
    if hasattr(cls, "__slots__"):
        for c in cls.__mro__:
            if "__slots__" not in c.__dict__:
                continue
            slots = c.__dict__["__slots__"]
            if isinstance(slots, str):
                slots = (slots,)
            for name in slots:
                if name in ("__dict__", "__weakref__"):
                    continue
                stripped = c.__name__.lstrip("_")
                if name.startswith("__") and not name.endswith("__") and stripped:
                    name = "_" + stripped + name
                names.append(name)
    try:
        cls.__slotnames__ = names
    except Exception:
        pass
    return names


def _has_instance_dict(cls):
    """Whether instances of `cls` have a `__dict__`: unless every Python class of its
    MRO declares `__slots__` without "__dict__"."""
    for c in cls.__mro__:
        if _is_builtin_type(c):
            continue
        slots = c.__dict__.get("__slots__")
        if slots is None:
            return True
        if isinstance(slots, str):
            slots = (slots,)
        if "__dict__" in slots:
            return True
    return False


def _object_getstate(obj):
    """The state of `obj`: its `__getstate__()` if it has one, else its instance dict
    (None when empty), paired with a dict of its slot values when it has some."""
    getstate = getattr(obj, "__getstate__", None)
    if getstate is not None:
        return getstate()
    names = _slotnames(type(obj))
    d = getattr(obj, "__dict__", None) if _has_instance_dict(type(obj)) else None
    state = dict(d) if d else None
    if names:
        slots = {}
        for name in names:
            try:
                slots[name] = getattr(obj, name)
            except AttributeError:
                pass
        if slots:
            state = (state, slots)
    return state


# The arguments `__new__` needs for instances of subclasses of the immutable builtins
# (CPython's `int.__getnewargs__` and the like).
_VALUE_BASES = (bool, int, float, complex, str, bytes, tuple, frozenset)


def _builtin_newargs(obj):
    for base in _VALUE_BASES:
        if isinstance(obj, base):
            if base is complex:
                return (obj.real, obj.imag)
            return (base(obj),)
    return None


def _getnewargs(obj):
    """(args, kwargs) for `cls.__new__`, from `__getnewargs_ex__` or `__getnewargs__`;
    (None, None) when the object has neither."""
    getnewargs_ex = getattr(obj, "__getnewargs_ex__", None)
    if getnewargs_ex is not None:
        value = getnewargs_ex()
        if not isinstance(value, tuple):
            raise TypeError("__getnewargs_ex__ should return a tuple, not '%s'"
                            % type(value).__name__)
        if len(value) != 2:
            raise ValueError("__getnewargs_ex__ should return a tuple of length 2, not %d"
                             % len(value))
        args, kwargs = value
        if not isinstance(args, tuple):
            raise TypeError("first item of the tuple returned by __getnewargs_ex__ must "
                            "be a tuple, not '%s'" % type(args).__name__)
        if not isinstance(kwargs, dict):
            raise TypeError("second item of the tuple returned by __getnewargs_ex__ must "
                            "be a dict, not '%s'" % type(kwargs).__name__)
        return args, kwargs
    getnewargs = getattr(obj, "__getnewargs__", None)
    if getnewargs is not None:
        args = getnewargs()
        if not isinstance(args, tuple):
            raise TypeError("__getnewargs__ should return a tuple, not '%s'"
                            % type(args).__name__)
        return args, None
    return _builtin_newargs(obj), None


def _builtin_reduce(obj):
    """The `__reduce__` CPython's builtin types define, for the ones hpymove carries
    without it (a string names a global); None for the others."""
    if obj is Ellipsis:
        return "Ellipsis"
    if obj is NotImplemented:
        return "NotImplemented"
    cls = type(obj)
    if isinstance(obj, BaseException):
        d = getattr(obj, "__dict__", None)
        if d:
            return cls, obj.args, d
        return cls, obj.args
    if isinstance(obj, (set, frozenset)) and not _is_builtin_type(cls):
        return cls, (list(obj),), _object_getstate(obj)
    if cls is range:
        return range, (obj.start, obj.stop, obj.step)
    if cls is slice:
        return slice, (obj.start, obj.stop, obj.step)
    return None


def _cannot_pickle(cls):
    return TypeError("cannot pickle '%s' object" % cls.__name__)


def _object_reduce_ex(obj, proto):
    """What `object.__reduce_ex__(proto)` returns in CPython 3.11."""
    reduced = _builtin_reduce(obj)
    if reduced is not None:
        return reduced
    cls = type(obj)
    if _is_builtin_type(cls):
        raise _cannot_pickle(cls)
    if proto < 2:
        return _reduce_ex(obj, proto)
    args, kwargs = _getnewargs(obj)
    state = _object_getstate(obj)
    listitems = iter(obj) if isinstance(obj, list) else None
    dictitems = iter(obj.items()) if isinstance(obj, dict) else None
    if kwargs:
        return __newobj_ex__, (cls, args, kwargs), state, listitems, dictitems
    return __newobj__, (cls,) + (args or ()), state, listitems, dictitems


def _reduce_ex(obj, proto):
    """Protocols 0 and 1: rebuild through `_reconstructor` from the nearest builtin base."""
    cls = type(obj)
    base = object
    for c in cls.__mro__:
        if _is_builtin_type(c):
            base = c
            break
    if base is object:
        state = None
    else:
        if base is cls:
            raise _cannot_pickle(cls)
        state = base(obj)
    args = (cls, base, state)
    getstate = getattr(obj, "__getstate__", None)
    if getstate is not None:
        d = getstate()
    else:
        if getattr(obj, "__slots__", None):
            raise TypeError("a class that defines __slots__ without defining "
                            "__getstate__ cannot be pickled")
        d = getattr(obj, "__dict__", None)
    if d:
        return _reconstructor, args, d
    return _reconstructor, args


# Extension codes: small integers that stand for (module, name) in protocol 2 and later.

_extension_registry = {}   # (module, name) -> code
_inverted_registry = {}    # code -> (module, name)
_extension_cache = {}      # code -> object


def add_extension(module, name, code):
    code = int(code)
    if not 1 <= code <= 0x7fffffff:
        raise ValueError("code out of range")
    key = (module, name)
    if _extension_registry.get(key) == code and _inverted_registry.get(code) == key:
        return
    if key in _extension_registry:
        raise ValueError("key %s is already registered with code %s"
                         % (key, _extension_registry[key]))
    if code in _inverted_registry:
        raise ValueError("code %s is already in use for key %s"
                         % (code, _inverted_registry[code]))
    _extension_registry[key] = code
    _inverted_registry[code] = key


def remove_extension(module, name, code):
    key = (module, name)
    if _extension_registry.get(key) != code or _inverted_registry.get(code) != key:
        raise ValueError("key %s is not registered with code %s" % (key, code))
    del _extension_registry[key]
    del _inverted_registry[code]
    _extension_cache.pop(code, None)


def clear_extension_cache():
    _extension_cache.clear()
