"""Shallow and deep copies (hpymove's own `copy`)."""

__all__ = ["copy", "deepcopy", "Error"]


class Error(Exception):
    pass


_ATOMIC = (type(None), int, float, bool, complex, str, bytes, type, range, type(len),
           type(Ellipsis), type(NotImplemented))


def copy(x):
    cls = type(x)
    if isinstance(x, _ATOMIC) or cls is frozenset or cls is tuple:
        return x
    copier = getattr(cls, "__copy__", None)
    if copier is not None:
        return copier(x)
    if cls in (list, dict, set):
        return cls(x)
    return _reconstruct(x, None)


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    key = id(x)
    if key in memo:
        return memo[key]
    cls = type(x)
    if isinstance(x, _ATOMIC) and cls is not tuple:
        return x
    copier = getattr(cls, "__deepcopy__", None)
    if copier is not None:
        y = copier(x, memo)
    elif cls is list:
        y = []
        memo[key] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is tuple:
        items = [deepcopy(item, memo) for item in x]
        if key in memo:
            return memo[key]
        y = x if all(a is b for a, b in zip(items, x)) else tuple(items)
    elif cls is dict:
        y = {}
        memo[key] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    elif cls in (set, frozenset):
        y = cls(deepcopy(item, memo) for item in x)
    else:
        y = _reconstruct(x, memo)
    memo[key] = y
    return y


def _reconstruct(x, memo):
    cls = type(x)
    getnewargs = getattr(cls, "__getnewargs__", None)
    if getnewargs is not None:
        args = getnewargs(x)
        if memo is not None:
            args = deepcopy(args, memo)
        y = cls.__new__(cls, *args)
    else:
        try:
            y = object.__new__(cls)
        except TypeError:
            raise Error("un(deep)copyable object of type %s" % cls)
    if memo is not None:
        memo[id(x)] = y
    state = getattr(x, "__dict__", None)
    if state:
        if memo is not None:
            state = deepcopy(state, memo)
        setstate = getattr(y, "__setstate__", None)
        if setstate is not None:
            setstate(state)
        else:
            y.__dict__.update(state)
    # The values of its `__slots__`, which `__dict__` does not hold.
    import copyreg
    for name in copyreg._slotnames(cls):
        try:
            value = getattr(x, name)
        except AttributeError:
            continue
        setattr(y, name, deepcopy(value, memo) if memo is not None else value)
    if isinstance(x, list) and cls is not list:
        y.extend(deepcopy(v, memo) if memo is not None else v for v in x)
    if isinstance(x, dict) and cls is not dict:
        for k, v in x.items():
            y[k] = deepcopy(v, memo) if memo is not None else v
    return y
