"""Weak references with CPython 3.11's behaviour, written for hpymove.

A weak reference is an object of the native `_weakref` module whose class is defined
here: the moving collector rewrites it when its target moves and clears it when the
target dies, then calls the callback after the collection (`objects/weakref.rs`,
`gc/src/weak.rs`). Objects die at a collection, not when their last reference goes:
code that must observe a death calls `gc.collect()` first.

Size: the module's whole API in one place, as CPython's `weakref`: `ref` and the proxies,
and three weak containers with the full mapping and set protocols.
"""

import _weakref
import itertools as _itertools
from _collections_abc import MutableMapping as _MutableMapping
from _collections_abc import MutableSet as _MutableSet

__all__ = ["ref", "proxy", "getweakrefcount", "getweakrefs", "WeakKeyDictionary",
           "ReferenceType", "ProxyType", "CallableProxyType", "ProxyTypes",
           "WeakValueDictionary", "WeakSet", "WeakMethod", "finalize"]


class ReferenceType:
    """ref(object[, callback]): a weak reference to `object`; calling it returns the
    object, or None once it died. `callback(ref)` is called when the object dies."""

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("ref() takes no keyword arguments")
        if not args:
            raise TypeError("__new__ expected at least 1 argument, got 0")
        if len(args) > 2:
            raise TypeError("__new__ expected at most 2 arguments, got %d" % len(args))
        ob = args[0]
        callback = args[1] if len(args) == 2 else None
        if callback is None and cls is ReferenceType:
            # The plain reference to an object is shared, as in CPython.
            for other in _weakref.refs(ob):
                if type(other) is ReferenceType and _weakref.callback(other) is None:
                    return other
        return _weakref.new(cls, ob, callback)

    def __call__(self, *args, **kwargs):
        if args or kwargs:
            raise TypeError("weakref expected 0 arguments, got %d" % (len(args) + len(kwargs)))
        return _weakref.target(self)

    @property
    def __callback__(self):
        return _weakref.callback(self)

    def __hash__(self):
        return _weakref.hash(self)

    def __eq__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _weakref.target(self)
        b = _weakref.target(other)
        if a is None or b is None:
            return self is other
        return a == b

    def __ne__(self, other):
        if not isinstance(other, ReferenceType):
            return NotImplemented
        a = _weakref.target(self)
        b = _weakref.target(other)
        if a is None or b is None:
            return self is not other
        return a != b

    # Copies are the reference itself (as CPython's `copy` treats `ref`); pickling is
    # refused, as CPython's.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle 'weakref.%s' object" % type(self).__name__)

    def __reduce__(self):
        raise TypeError("cannot pickle 'weakref.%s' object" % type(self).__name__)

    def __repr__(self):
        ob = _weakref.target(self)
        if ob is None:
            return "<weakref at %#x; dead>" % id(self)
        name = getattr(ob, "__name__", None)
        text = "<weakref at %#x; to '%s' at %#x" % (id(self), _weakref.type_name(ob), id(ob))
        if isinstance(name, str):
            text += " (%s)" % name
        return text + ">"


ReferenceType.__module__ = "weakref"
# No weak-reference list: these objects cannot be weakly referenced (see
# objects/weakref.rs); subclasses have one unless they say otherwise.
ReferenceType.__weakrefoffset__ = 0
ref = ReferenceType


def _referent(p):
    """The object a proxy stands for; ReferenceError once it died."""
    ob = _weakref.target(p)
    if ob is None:
        raise ReferenceError("weakly-referenced object no longer exists")
    return ob


def _forward(name):
    def method(self, *args):
        return getattr(_referent(self), name)(*args)
    method.__name__ = name
    return method


def _forward_binary(name, op):
    # `proxy + x` and `x + proxy` both operate on the referent.
    def method(self, other):
        if isinstance(other, ProxyType):
            other = _referent(other)
        return op(_referent(self), other)
    method.__name__ = name
    return method


def _forward_reflected(name, op):
    def method(self, other):
        if isinstance(other, ProxyType):
            other = _referent(other)
        return op(other, _referent(self))
    method.__name__ = name
    return method


def _forward_inplace(name, op):
    # CPython replaces nothing: `p += x` rebinds `p` to the result, as `ob += x` would.
    def method(self, other):
        if isinstance(other, ProxyType):
            other = _referent(other)
        return op(_referent(self), other)
    method.__name__ = name
    return method


class ProxyType:
    """proxy(object[, callback]): stands for `object` while it lives (attributes,
    operators, items, iteration); ReferenceError once it died."""

    # The object's class, as CPython's proxy reports it: `isinstance(proxy, C)` holds
    # for a live `C` (`type(proxy)` stays ProxyType).
    @property
    def __class__(self):
        return _referent(self).__class__

    # Attributes the proxy does not have itself (all but its methods) are the object's.
    def __getattr__(self, name):
        return getattr(_referent(self), name)

    def __setattr__(self, name, value):
        setattr(_referent(self), name, value)

    def __delattr__(self, name):
        delattr(_referent(self), name)

    def __repr__(self):
        # CPython 3.11's form, which shows a dead proxy as one to None.
        ob = _weakref.target(self)
        return "<weakproxy at %#x to %s at %#x>" % (id(self), _weakref.type_name(ob), id(ob))

    def __str__(self):
        return str(_referent(self))

    def __bytes__(self):
        return bytes(_referent(self))

    def __bool__(self):
        return bool(_referent(self))

    def __len__(self):
        return len(_referent(self))

    def __iter__(self):
        return iter(_referent(self))

    def __next__(self):
        return next(_referent(self))

    def __reversed__(self):
        return reversed(_referent(self))

    def __contains__(self, item):
        return item in _referent(self)

    def __getitem__(self, key):
        return _referent(self)[key]

    def __setitem__(self, key, value):
        _referent(self)[key] = value

    def __delitem__(self, key):
        del _referent(self)[key]

    def __index__(self):
        return _operator.index(_referent(self))

    def __int__(self):
        return int(_referent(self))

    def __float__(self):
        return float(_referent(self))

    def __neg__(self):
        return -_referent(self)

    def __pos__(self):
        return +_referent(self)

    def __abs__(self):
        return abs(_referent(self))

    def __invert__(self):
        return ~_referent(self)

    def __enter__(self):
        return _referent(self).__enter__()

    def __exit__(self, *exc):
        return _referent(self).__exit__(*exc)

    def __hash__(self):
        raise TypeError("unhashable type: 'weakref.%s'" % type(self).__name__)

    # Pickling a proxy pickles its object (as `pickle` reduces it: hpymove's `object`
    # has no `__reduce_ex__`, `copyreg` has the default reduction).
    def __reduce_ex__(self, protocol):
        ob = _referent(self)
        f = getattr(ob, "__reduce_ex__", None)
        if f is not None:
            return f(protocol)
        f = getattr(ob, "__reduce__", None)
        if f is not None:
            return f()
        import copyreg
        return copyreg._object_reduce_ex(ob, protocol)


import operator as _operator

for _name, _op in [("add", _operator.add), ("sub", _operator.sub), ("mul", _operator.mul),
                   ("truediv", _operator.truediv), ("floordiv", _operator.floordiv),
                   ("mod", _operator.mod), ("pow", pow), ("lshift", _operator.lshift),
                   ("rshift", _operator.rshift), ("and", _operator.and_),
                   ("or", _operator.or_), ("xor", _operator.xor),
                   ("matmul", _operator.matmul), ("divmod", divmod)]:
    setattr(ProxyType, "__%s__" % _name, _forward_binary("__%s__" % _name, _op))
    setattr(ProxyType, "__r%s__" % _name, _forward_reflected("__r%s__" % _name, _op))
    if _name != "divmod":
        setattr(ProxyType, "__i%s__" % _name, _forward_inplace("__i%s__" % _name, _op))
for _name, _op in [("eq", _operator.eq), ("ne", _operator.ne), ("lt", _operator.lt),
                   ("le", _operator.le), ("gt", _operator.gt), ("ge", _operator.ge)]:
    setattr(ProxyType, "__%s__" % _name, _forward_binary("__%s__" % _name, _op))
del _name, _op
ProxyType.__module__ = "weakref"
ProxyType.__weakrefoffset__ = 0


class CallableProxyType(ProxyType):
    """A proxy for a callable object: calling it calls the object."""

    def __call__(self, *args, **kwargs):
        return _referent(self)(*args, **kwargs)


CallableProxyType.__module__ = "weakref"
CallableProxyType.__weakrefoffset__ = 0
ProxyTypes = (ProxyType, CallableProxyType)


def proxy(object, callback=None):
    """A proxy for `object` (shared when there is no callback, as CPython's);
    `callback(proxy)` runs when the object dies."""
    cls = CallableProxyType if callable(object) else ProxyType
    if callback is None:
        for other in _weakref.refs(object):
            if type(other) is cls and _weakref.callback(other) is None:
                return other
    return _weakref.new(cls, object, callback)


def getweakrefcount(object):
    """How many weak references refer to `object`."""
    return len(_weakref.refs(object))


def getweakrefs(object):
    """The weak references to `object`: the plain one first, then the others, newest
    first (CPython's order)."""
    plain = []
    plain_proxy = []
    others = []
    for r in _weakref.refs(object):
        shared = _weakref.callback(r) is None
        if type(r) is ReferenceType and shared:
            plain.append(r)
        elif type(r) in ProxyTypes and shared:
            plain_proxy.append(r)
        else:
            others.append(r)
    others.reverse()
    return plain + plain_proxy + others


class KeyedRef(ref):
    """A weak reference that also carries a key (what WeakValueDictionary stores)."""

    def __new__(cls, ob, callback, key):
        self = ref.__new__(cls, ob, callback)
        self.key = key
        return self

    def __init__(self, ob, callback, key):
        pass


KeyedRef.__weakrefoffset__ = 0


class WeakMethod(ref):
    """A weak reference to a bound method: alive while both its object and its function
    are."""

    def __new__(cls, meth, callback=None):
        try:
            obj = meth.__self__
            func = meth.__func__
        except AttributeError:
            raise TypeError("argument should be a bound method, not {}"
                            .format(type(meth))) from None

        def died(_, outer=None):
            self = holder()
            if self is not None and self._alive:
                self._alive = False
                if callback is not None:
                    callback(self)

        self = ref.__new__(cls, obj, died)
        self._func_ref = ref(func, died)
        self._meth_type = type(meth)
        self._alive = True
        holder = ref(self)
        return self

    def __call__(self):
        obj = ref.__call__(self)
        func = self._func_ref()
        if obj is None or func is None:
            return None
        return self._meth_type(func, obj)

    def __eq__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is other
            return ref.__eq__(self, other) and self._func_ref == other._func_ref
        return NotImplemented

    def __ne__(self, other):
        if isinstance(other, WeakMethod):
            if not self._alive or not other._alive:
                return self is not other
            return ref.__ne__(self, other) or self._func_ref != other._func_ref
        return NotImplemented

    __hash__ = ref.__hash__


class _Iterating:
    """While a weak container is iterated, entries whose object died are not removed
    (the iteration would see its dict change size); they are removed afterwards."""

    def __init__(self, container):
        self.container = container

    def __enter__(self):
        self.container._iterating += 1
        return self

    def __exit__(self, *exc):
        c = self.container
        c._iterating -= 1
        if not c._iterating:
            c._flush()


class _MergeOperators:
    """`|`, `|=` and the reflected `|` of the weak dictionaries (PEP 584), over their own
    `copy` and `update`."""

    def __ior__(self, other):
        self.update(other)
        return self

    def __or__(self, other):
        if isinstance(other, _MutableMapping) or isinstance(other, dict):
            c = self.copy()
            c.update(other)
            return c
        return NotImplemented

    def __ror__(self, other):
        if isinstance(other, _MutableMapping) or isinstance(other, dict):
            c = self.__class__()
            c.update(other)
            c.update(self)
            return c
        return NotImplemented


class WeakValueDictionary(_MergeOperators, _MutableMapping):
    """A mapping whose values are weakly referenced: an entry goes when its value dies."""

    def __init__(self, other=(), /, **kw):
        self.data = {}
        self._pending = []
        self._iterating = 0
        me = ref(self)

        def remove(wr, me=me):
            d = me()
            if d is None:
                return
            if d._iterating:
                d._pending.append(wr)
            elif d.data.get(wr.key) is wr:
                del d.data[wr.key]

        self._remove = remove
        self.update(other, **kw)

    def _flush(self):
        while self._pending:
            wr = self._pending.pop()
            if self.data.get(wr.key) is wr:
                del self.data[wr.key]

    def __getitem__(self, key):
        o = self.data[key]()
        if o is None:
            raise KeyError(key)
        return o

    def __delitem__(self, key):
        self._flush()
        del self.data[key]

    def __len__(self):
        self._flush()
        return len(self.data)

    def __contains__(self, key):
        try:
            o = self.data[key]()
        except KeyError:
            return False
        return o is not None

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self._flush()
        self.data[key] = KeyedRef(value, self._remove, key)

    def copy(self):
        new = WeakValueDictionary()
        with _Iterating(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[key] = o
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        with _Iterating(self):
            for key, wr in self.data.items():
                o = wr()
                if o is not None:
                    new[deepcopy(key, memo)] = o
        return new

    def get(self, key, default=None):
        try:
            wr = self.data[key]
        except KeyError:
            return default
        o = wr()
        return default if o is None else o

    def items(self):
        with _Iterating(self):
            for k, wr in self.data.items():
                v = wr()
                if v is not None:
                    yield k, v

    def keys(self):
        with _Iterating(self):
            for k, wr in self.data.items():
                if wr() is not None:
                    yield k

    __iter__ = keys

    def itervaluerefs(self):
        """The weak references to the values (they may die while iterated)."""
        with _Iterating(self):
            yield from self.data.values()

    def values(self):
        with _Iterating(self):
            for wr in self.data.values():
                o = wr()
                if o is not None:
                    yield o

    def popitem(self):
        self._flush()
        while True:
            key, wr = self.data.popitem()
            o = wr()
            if o is not None:
                return key, o

    def pop(self, key, *args):
        self._flush()
        try:
            o = self.data.pop(key)()
        except KeyError:
            o = None
        if o is None:
            if args:
                return args[0]
            raise KeyError(key)
        return o

    def setdefault(self, key, default=None):
        try:
            o = self.data[key]()
        except KeyError:
            o = None
        if o is None:
            self._flush()
            self.data[key] = KeyedRef(default, self._remove, key)
            return default
        return o

    def update(self, other=None, /, **kwargs):
        self._flush()
        if other is not None:
            if not hasattr(other, "items"):
                other = dict(other)
            for key, o in other.items():
                self.data[key] = KeyedRef(o, self._remove, key)
        for key, o in kwargs.items():
            self.data[key] = KeyedRef(o, self._remove, key)

    def valuerefs(self):
        """A list of the weak references to the values."""
        self._flush()
        return list(self.data.values())


class WeakKeyDictionary(_MergeOperators, _MutableMapping):
    """A mapping whose keys are weakly referenced: an entry goes when its key dies."""

    def __init__(self, dict=None):
        self.data = {}
        self._pending = []
        self._iterating = 0
        me = ref(self)

        def remove(k, me=me):
            d = me()
            if d is None:
                return
            if d._iterating:
                d._pending.append(k)
            else:
                try:
                    del d.data[k]
                except KeyError:
                    pass

        self._remove = remove
        if dict is not None:
            self.update(dict)

    def _flush(self):
        while self._pending:
            k = self._pending.pop()
            try:
                del self.data[k]
            except KeyError:
                pass

    def __delitem__(self, key):
        self._flush()
        del self.data[ref(key)]

    def __getitem__(self, key):
        return self.data[ref(key)]

    def __len__(self):
        self._flush()
        return len(self.data)

    def __repr__(self):
        return "<%s at %#x>" % (self.__class__.__name__, id(self))

    def __setitem__(self, key, value):
        self.data[ref(key, self._remove)] = value

    def copy(self):
        new = WeakKeyDictionary()
        with _Iterating(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = value
        return new

    __copy__ = copy

    def __deepcopy__(self, memo):
        from copy import deepcopy
        new = self.__class__()
        with _Iterating(self):
            for key, value in self.data.items():
                o = key()
                if o is not None:
                    new[o] = deepcopy(value, memo)
        return new

    def get(self, key, default=None):
        return self.data.get(ref(key), default)

    def __contains__(self, key):
        try:
            wr = ref(key)
        except TypeError:
            return False
        return wr in self.data

    def items(self):
        with _Iterating(self):
            for wr, value in self.data.items():
                key = wr()
                if key is not None:
                    yield key, value

    def keys(self):
        with _Iterating(self):
            for wr in self.data:
                o = wr()
                if o is not None:
                    yield o

    __iter__ = keys

    def values(self):
        with _Iterating(self):
            for wr, value in self.data.items():
                if wr() is not None:
                    yield value

    def keyrefs(self):
        """A list of the weak references to the keys."""
        return list(self.data)

    def popitem(self):
        self._flush()
        while True:
            key, value = self.data.popitem()
            o = key()
            if o is not None:
                return o, value

    def pop(self, key, *args):
        self._flush()
        return self.data.pop(ref(key), *args)

    def setdefault(self, key, default=None):
        return self.data.setdefault(ref(key, self._remove), default)

    def update(self, dict=None, /, **kwargs):
        d = self.data
        if dict is not None:
            if not hasattr(dict, "items"):
                dict = type({})(dict)
            for key, value in dict.items():
                d[ref(key, self._remove)] = value
        if len(kwargs):
            self.update(kwargs)


class WeakSet(_MutableSet):
    """A set whose items are weakly referenced: an item goes when it dies."""

    def __init__(self, data=None):
        self.data = set()
        self._pending = []
        self._iterating = 0
        me = ref(self)

        def remove(item, me=me):
            s = me()
            if s is None:
                return
            if s._iterating:
                s._pending.append(item)
            else:
                s.data.discard(item)

        self._remove = remove
        if data is not None:
            self.update(data)

    def _flush(self):
        while self._pending:
            self.data.discard(self._pending.pop())

    def __iter__(self):
        with _Iterating(self):
            for wr in self.data:
                item = wr()
                if item is not None:
                    yield item

    def __len__(self):
        self._flush()
        return len(self.data)

    def __contains__(self, item):
        try:
            wr = ref(item)
        except TypeError:
            return False
        return wr in self.data

    def __reduce__(self):
        return self.__class__, (list(self),), self.__getstate__()

    def __getstate__(self):
        state = dict(self.__dict__)
        for k in ("data", "_pending", "_iterating", "_remove"):
            state.pop(k, None)
        return state or None

    def add(self, item):
        self._flush()
        self.data.add(ref(item, self._remove))

    def clear(self):
        self._flush()
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def pop(self):
        self._flush()
        while True:
            try:
                wr = self.data.pop()
            except KeyError:
                raise KeyError("pop from empty WeakSet") from None
            item = wr()
            if item is not None:
                return item

    def remove(self, item):
        self._flush()
        self.data.remove(ref(item))

    def discard(self, item):
        self._flush()
        self.data.discard(ref(item))

    def update(self, other):
        self._flush()
        for element in other:
            self.add(element)

    def __ior__(self, other):
        self.update(other)
        return self

    def difference(self, other):
        new = self.copy()
        new.difference_update(other)
        return new

    __sub__ = difference

    def difference_update(self, other):
        self.__isub__(other)

    def __isub__(self, other):
        self._flush()
        if self is other:
            self.data.clear()
        else:
            self.data.difference_update(ref(item) for item in other)
        return self

    def intersection(self, other):
        return self.__class__(item for item in other if item in self)

    __and__ = intersection

    def intersection_update(self, other):
        self.__iand__(other)

    def __iand__(self, other):
        self._flush()
        self.data.intersection_update(ref(item) for item in other)
        return self

    def issubset(self, other):
        return self.data.issubset(ref(item) for item in other)

    __le__ = issubset

    def __lt__(self, other):
        return self.data < set(map(ref, other))

    def issuperset(self, other):
        return self.data.issuperset(ref(item) for item in other)

    __ge__ = issuperset

    def __gt__(self, other):
        return self.data > set(map(ref, other))

    def __eq__(self, other):
        if not isinstance(other, self.__class__):
            return NotImplemented
        return self.data == set(map(ref, other))

    def symmetric_difference(self, other):
        new = self.copy()
        new.symmetric_difference_update(other)
        return new

    __xor__ = symmetric_difference

    def symmetric_difference_update(self, other):
        self.__ixor__(other)

    def __ixor__(self, other):
        self._flush()
        if self is other:
            self.data.clear()
        else:
            self.data.symmetric_difference_update(ref(item, self._remove) for item in other)
        return self

    def union(self, other):
        return self.__class__(e for s in (self, other) for e in s)

    __or__ = union

    def isdisjoint(self, other):
        return len(self.intersection(other)) == 0

    def __repr__(self):
        return repr(self.data)


class finalize:
    """finalize(obj, func, /, *args, **kwargs): calls `func(*args, **kwargs)` once, when
    `obj` dies, when the finalizer is called, or at exit (if `atexit` is true and it is
    still alive then)."""

    # Every live finalizer, with what it will call: the registry keeps them alive.
    _registry = {}
    _shutdown = False
    _counter = _itertools.count()
    _exit_registered = False

    class _Entry:
        pass

    def __init__(self, obj, func, /, *args, **kwargs):
        if not finalize._exit_registered:
            import atexit
            atexit.register(finalize._exitfunc)
            finalize._exit_registered = True
        e = finalize._Entry()
        e.weakref = ref(obj, self)
        e.func = func
        e.args = args
        e.kwargs = kwargs or None
        e.atexit = True
        e.index = next(finalize._counter)
        finalize._registry[self] = e

    def __call__(self, _=None):
        """Calls the function if the finalizer is alive (once); returns its result."""
        e = finalize._registry.pop(self, None)
        if e is not None and not finalize._shutdown:
            return e.func(*e.args, **(e.kwargs or {}))

    def detach(self):
        """Kills the finalizer without calling it; returns (obj, func, args, kwargs) if it
        was alive, else None."""
        e = finalize._registry.get(self)
        obj = e and e.weakref()
        if obj is not None and finalize._registry.pop(self, None):
            return (obj, e.func, e.args, e.kwargs or {})

    def peek(self):
        """(obj, func, args, kwargs) if the finalizer is alive, else None."""
        e = finalize._registry.get(self)
        obj = e and e.weakref()
        if obj is not None:
            return (obj, e.func, e.args, e.kwargs or {})

    @property
    def alive(self):
        """Whether the finalizer has not been called or detached yet."""
        return self in finalize._registry

    @property
    def atexit(self):
        """Whether the finalizer is called at exit if still alive then."""
        e = finalize._registry.get(self)
        return bool(e) and e.atexit

    @atexit.setter
    def atexit(self, value):
        e = finalize._registry.get(self)
        if e:
            e.atexit = bool(value)

    def __repr__(self):
        e = finalize._registry.get(self)
        obj = e and e.weakref()
        if obj is None:
            return "<%s object at %#x; dead>" % (type(self).__name__, id(self))
        return "<%s object at %#x; for %r at %#x>" % (
            type(self).__name__, id(self), type(obj).__name__, id(obj))

    @classmethod
    def _exitfunc(cls):
        # The live finalizers marked for exit, newest first; each exception is printed
        # and the others still run.
        try:
            while True:
                pending = [(e.index, f) for f, e in cls._registry.items() if e.atexit]
                if not pending:
                    break
                pending.sort(key=lambda p: p[0], reverse=True)
                for _, f in pending:
                    try:
                        f()
                    except Exception:
                        import sys
                        sys.excepthook(*sys.exc_info())
        finally:
            cls._shutdown = True
