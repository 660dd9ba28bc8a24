"""Operators as functions (hpymove's own implementation of CPython's `operator`): the
operators themselves are the builtin functions of the native `_operator`; the helpers
(getters, `concat`, `countOf`, `length_hint`...) are written here."""

from _operator import (  # noqa: F401  (re-exported)
    abs, add, and_, contains, delitem, eq, floordiv, ge, getitem, gt, iadd, iand, ifloordiv,
    ilshift, imatmul, imod, imul, index, inv, invert, ior, ipow, irshift, is_, is_not, isub,
    itruediv, ixor, le, lshift, lt, matmul, mod, mul, ne, neg, not_, or_, pos, pow, rshift,
    setitem, sub, truediv, truth, xor,
)

__all__ = [
    "abs", "add", "and_", "attrgetter", "concat", "contains", "countOf", "delitem", "eq",
    "floordiv", "ge", "getitem", "gt", "index", "indexOf", "inv", "invert", "is_", "is_not",
    "itemgetter", "le", "length_hint", "lshift", "lt", "matmul", "methodcaller", "mod", "mul",
    "ne", "neg", "not_", "or_", "pos", "pow", "rshift", "setitem", "sub", "truediv", "truth",
    "xor", "iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imod", "imul", "imatmul",
    "ior", "ipow", "irshift", "isub", "itruediv", "ixor",
]


def concat(a, b):
    if not hasattr(a, "__getitem__"):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)
    return a + b


def countOf(a, b):
    n = 0
    for x in a:
        if x is b or x == b:
            n += 1
    return n


def indexOf(a, b):
    for i, x in enumerate(a):
        if x is b or x == b:
            return i
    raise ValueError("sequence.index(x): x not in sequence")


def length_hint(obj, default=0):
    try:
        return len(obj)
    except TypeError:
        return default


class itemgetter:
    """itemgetter(item, ...): a callable fetching the item(s) from its operand."""

    def __init__(self, item, *items):
        self._items = (item,) + items

    def __call__(self, obj):
        if len(self._items) == 1:
            return obj[self._items[0]]
        return tuple(obj[i] for i in self._items)

    def __repr__(self):
        return "operator.itemgetter(%s)" % ", ".join(repr(i) for i in self._items)


class attrgetter:
    """attrgetter(attr, ...): a callable fetching the (dotted) attribute(s) of its operand."""

    def __init__(self, attr, *attrs):
        for a in (attr,) + attrs:
            if not isinstance(a, str):
                raise TypeError("attribute name must be a string")
        self._attrs = (attr,) + attrs

    def _get(self, obj, dotted):
        for name in dotted.split("."):
            obj = getattr(obj, name)
        return obj

    def __call__(self, obj):
        if len(self._attrs) == 1:
            return self._get(obj, self._attrs[0])
        return tuple(self._get(obj, a) for a in self._attrs)

    def __repr__(self):
        return "operator.attrgetter(%s)" % ", ".join(repr(a) for a in self._attrs)


class methodcaller:
    """methodcaller(name, *args, **kwargs): a callable calling that method on its operand."""

    def __init__(self, name, *args, **kwargs):
        if not isinstance(name, str):
            raise TypeError("method name must be a string")
        self._name = name
        self._args = args
        self._kwargs = kwargs

    def __call__(self, obj):
        return getattr(obj, self._name)(*self._args, **self._kwargs)

    def __repr__(self):
        parts = [repr(self._name)]
        parts.extend(repr(a) for a in self._args)
        parts.extend("%s=%r" % (k, v) for k, v in self._kwargs.items())
        return "operator.methodcaller(%s)" % ", ".join(parts)


def iconcat(a, b):
    if not isinstance(a, (list, tuple, str, bytes)) and not hasattr(a, "__getitem__"):
        raise TypeError("'%s' object can't be concatenated" % type(a).__name__)
    a += b
    return a


for _n in ("iadd", "iand", "iconcat", "ifloordiv", "ilshift", "imod", "imul", "imatmul",
           "ior", "ipow", "irshift", "isub", "itruediv", "ixor"):
    globals()["__%s__" % _n] = globals()[_n]
del _n
