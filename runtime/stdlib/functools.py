"""Higher-order functions (hpymove's own implementation of CPython's `functools`)."""

__all__ = [
    "WRAPPER_ASSIGNMENTS", "WRAPPER_UPDATES", "cache", "cached_property", "cmp_to_key",
    "lru_cache", "partial", "reduce", "total_ordering", "update_wrapper", "wraps",
]

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__", "__annotations__")
WRAPPER_UPDATES = ("__dict__",)

_missing = object()


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            setattr(wrapper, attr, value)
    for attr in updated:
        mine = getattr(wrapper, attr, None)
        theirs = getattr(wrapped, attr, None)
        if mine is not None and theirs is not None:
            mine.update(theirs)
    wrapper.__wrapped__ = wrapped
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=WRAPPER_UPDATES):
    return partial(update_wrapper, wrapped=wrapped, assigned=assigned, updated=updated)


def reduce(function, iterable, *initial):
    if len(initial) > 1:
        raise TypeError("reduce expected at most 3 arguments, got %d" % (2 + len(initial)))
    it = iter(iterable)
    if initial:
        value = initial[0]
    else:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    for element in it:
        value = function(value, element)
    return value


class partial:
    """partial(func, /, *args, **keywords): func with some arguments already given.
    `func`, `args` and `keywords` are read-only, as in CPython."""

    def __new__(cls, func, /, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        if isinstance(func, partial):
            args = func.args + args
            keywords = {**func.keywords, **keywords}
            func = func.func
        self = object.__new__(cls)
        self._partial_state = (func, args, keywords)
        return self

    func = property(lambda self: self._partial_state[0])
    args = property(lambda self: self._partial_state[1])
    keywords = property(lambda self: self._partial_state[2])

    def __call__(self, /, *args, **keywords):
        func, my_args, my_keywords = self._partial_state
        return func(*my_args, *args, **{**my_keywords, **keywords})

    def __repr__(self):
        parts = [repr(self.func)]
        parts.extend(repr(a) for a in self.args)
        parts.extend("%s=%r" % (k, v) for k, v in self.keywords.items())
        return "functools.partial(%s)" % ", ".join(parts)

    _FIELDS = ("_partial_state",)

    def __reduce__(self):
        # CPython's reduction: rebuilt from the function, then the whole state set; the
        # last item is the instance's own attributes besides the three fields.
        extra = {k: v for k, v in self.__dict__.items() if k not in partial._FIELDS}
        return type(self), (self.func,), (self.func, self.args, self.keywords,
                                          extra or None)

    def __setstate__(self, state):
        if not isinstance(state, tuple):
            raise TypeError("argument to __setstate__ must be a tuple")
        if len(state) != 4:
            raise TypeError("expected 4 items in state, got %d" % len(state))
        func, args, kwds, namespace = state
        if (not callable(func) or not isinstance(args, tuple)
                or (kwds is not None and not isinstance(kwds, dict))
                or (namespace is not None and not isinstance(namespace, dict))):
            raise TypeError("invalid partial state")
        for name in [k for k in self.__dict__ if k not in partial._FIELDS]:
            del self.__dict__[name]
        if namespace:
            self.__dict__.update(namespace)
        self._partial_state = (func, tuple(args), dict(kwds) if kwds is not None else {})


class _CacheInfo(tuple):
    def __new__(cls, hits, misses, maxsize, currsize):
        return tuple.__new__(cls, (hits, misses, maxsize, currsize))

    hits = property(lambda self: self[0])
    misses = property(lambda self: self[1])
    maxsize = property(lambda self: self[2])
    currsize = property(lambda self: self[3])

    def __repr__(self):
        return "CacheInfo(hits=%r, misses=%r, maxsize=%r, currsize=%r)" % tuple(self)


def _make_key(args, kwds, typed):
    key = args
    if kwds:
        key += (_missing,)
        for item in kwds.items():
            key += item
    if typed:
        key += tuple(type(v) for v in args)
        if kwds:
            key += tuple(type(v) for v in kwds.values())
    elif len(key) == 1 and type(key[0]) in (int, str):
        return key[0]
    return key


def lru_cache(maxsize=128, typed=False):
    """Memoizes a function, keeping the `maxsize` most recently used results (all of them
    with `maxsize=None`)."""
    if isinstance(maxsize, int):
        if maxsize < 0:
            maxsize = 0
    elif callable(maxsize) and isinstance(typed, bool):
        user_function, maxsize = maxsize, 128
        return _lru_wrapper(user_function, maxsize, typed)
    elif maxsize is not None:
        raise TypeError("Expected first argument to be an integer, a callable, or None")

    def decorating_function(user_function):
        return _lru_wrapper(user_function, maxsize, typed)

    return decorating_function


def _lru_wrapper(user_function, maxsize, typed):
    cache = {}
    stats = [0, 0]

    def wrapper(*args, **kwds):
        key = _make_key(args, kwds, typed)
        if key in cache:
            stats[0] += 1
            result = cache.pop(key)
            cache[key] = result
            return result
        stats[1] += 1
        result = user_function(*args, **kwds)
        if maxsize != 0:
            cache[key] = result
            if maxsize is not None and len(cache) > maxsize:
                del cache[next(iter(cache))]
        return result

    def cache_info():
        return _CacheInfo(stats[0], stats[1], maxsize, len(cache))

    def cache_clear():
        cache.clear()
        stats[0] = stats[1] = 0

    wrapper.cache_info = cache_info
    wrapper.cache_clear = cache_clear
    wrapper.cache_parameters = lambda: {"maxsize": maxsize, "typed": typed}
    return update_wrapper(wrapper, user_function)


def cache(user_function):
    return lru_cache(maxsize=None)(user_function)


class cached_property:
    """A property computed once per instance, then kept in the instance's dict."""

    def __init__(self, func):
        self.func = func
        self.attrname = None
        self.__doc__ = func.__doc__

    def __set_name__(self, owner, name):
        if self.attrname is None:
            self.attrname = name
        elif name != self.attrname:
            raise TypeError(
                "Cannot assign the same cached_property to two different names "
                "(%r and %r)." % (self.attrname, name)
            )

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        if self.attrname is None:
            raise TypeError(
                "Cannot use cached_property instance without calling __set_name__ on it."
            )
        d = instance.__dict__
        val = d.get(self.attrname, _missing)
        if val is _missing:
            val = self.func(instance)
            d[self.attrname] = val
        return val


def cmp_to_key(mycmp):
    """Turns an old-style comparison function into a key function."""

    class K:
        __slots__ = ["obj"]

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None

    return K


def total_ordering(cls):
    """Fills in the missing rich comparisons from one of __lt__, __le__, __gt__, __ge__."""

    def own(name):
        return name in cls.__dict__ and cls.__dict__[name] is not getattr(object, name, None)

    roots = [op for op in ("__lt__", "__le__", "__gt__", "__ge__") if own(op)]
    if not roots:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    root = roots[0]

    if root == "__lt__":
        lt = cls.__lt__
        derived = {
            "__gt__": lambda self, other: _flip(lt(self, other), self == other),
            "__le__": lambda self, other: _or(lt(self, other), self == other),
            "__ge__": lambda self, other: _not(lt(self, other)),
        }
    elif root == "__le__":
        le = cls.__le__
        derived = {
            "__ge__": lambda self, other: _flip_le(le(self, other), self == other),
            "__lt__": lambda self, other: _and_ne(le(self, other), self == other),
            "__gt__": lambda self, other: _not(le(self, other)),
        }
    elif root == "__gt__":
        gt = cls.__gt__
        derived = {
            "__lt__": lambda self, other: _flip(gt(self, other), self == other),
            "__ge__": lambda self, other: _or(gt(self, other), self == other),
            "__le__": lambda self, other: _not(gt(self, other)),
        }
    else:
        ge = cls.__ge__
        derived = {
            "__le__": lambda self, other: _flip_le(ge(self, other), self == other),
            "__gt__": lambda self, other: _and_ne(ge(self, other), self == other),
            "__lt__": lambda self, other: _not(ge(self, other)),
        }
    for name, fn in derived.items():
        if name not in roots:
            fn.__name__ = name
            setattr(cls, name, fn)
    return cls


def _not(r):
    return r if r is NotImplemented else not r


def _or(r, eq):
    return r if r is NotImplemented else (r or eq)


def _flip(r, eq):
    return r if r is NotImplemented else (not r and not eq)


def _flip_le(r, eq):
    return r if r is NotImplemented else (not r or eq)


def _and_ne(r, eq):
    return r if r is NotImplemented else (r and not eq)
