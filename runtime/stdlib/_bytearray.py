"""`bytearray`, the mutable bytes, written in Python for hpymove (installed in `builtins`).

The bytes are a list of ints. It has no buffer: C code sees an ordinary object, and
`HPyBytes_*` functions refuse it as they refuse any non-bytes. A `memoryview`
(`_memoryview.py`) views the list in place; unlike CPython's, the bytearray may still
change size while viewed (a view that died stays counted until the collector finds it, so
refusing would make code correct on CPython fail here, as PyPy does not refuse either). Methods that CPython's
bytearray shares with bytes (`find`, `split`, `upper`...) are bytes' own, with bytes
results turned back into bytearrays.
"""


def _byte(v):
    if isinstance(v, float) or not (isinstance(v, int) or hasattr(type(v), "__index__")):
        raise TypeError("'%s' object cannot be interpreted as an integer" % type(v).__name__)
    v = int(v) if isinstance(v, int) else type(v).__index__(v)
    if not 0 <= v < 256:
        raise ValueError("byte must be in range(0, 256)")
    return v


def _ints(src):
    if isinstance(src, bytearray):
        return list(src._b)
    if isinstance(src, bytes):
        return list(src)
    if isinstance(src, memoryview):
        return list(src.tobytes())
    if isinstance(src, str):
        raise TypeError("cannot convert 'str' object to bytearray")
    if isinstance(src, int):
        raise TypeError("can't extend bytearray with int")
    return [_byte(v) for v in src]


def _other(o):
    """The ints of a bytes-like operand, or None."""
    if isinstance(o, bytearray):
        return o._b
    if isinstance(o, bytes):
        return list(o)
    if isinstance(o, memoryview):
        return list(o.tobytes())
    return None


class bytearray:
    __module__ = "builtins"
    __hash__ = None

    def __init__(self, source=None, encoding=None, errors=None):
        if source is None:
            if encoding is not None or errors is not None:
                raise TypeError("encoding or errors without sequence argument")
            self._b = []
        elif isinstance(source, str):
            if encoding is None:
                raise TypeError("string argument without an encoding")
            self._b = list(source.encode(encoding, errors or "strict"))
        elif encoding is not None or errors is not None:
            raise TypeError("encoding without a string argument")
        elif isinstance(source, int):
            if source < 0:
                raise ValueError("negative count")
            self._b = [0] * source
        else:
            try:
                self._b = _ints(source)
            except TypeError as e:
                if isinstance(source, int) or "interpreted" in str(e):
                    raise
                raise TypeError("cannot convert '%s' object to bytearray"
                                % type(source).__name__) from None

    def __bytes__(self):
        return bytes(self._b)

    def __len__(self):
        return len(self._b)

    def __iter__(self):
        return iter(list(self._b))

    def __contains__(self, v):
        if isinstance(v, int):
            return _byte(v) in self._b
        return bytes(v) in bytes(self._b)

    def __getitem__(self, i):
        if isinstance(i, slice):
            r = bytearray()
            r._b = self._b[i]
            return r
        try:
            return self._b[i]
        except IndexError:
            raise IndexError("bytearray index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if isinstance(v, int):
                raise TypeError("can assign only bytes, buffers, or iterables of ints "
                                "in range(0, 256)")
            self._b[i] = _ints(v)
            return
        v = _byte(v)
        try:
            self._b[i] = v
        except IndexError:
            raise IndexError("bytearray index out of range") from None

    def __delitem__(self, i):
        try:
            del self._b[i]
        except IndexError:
            raise IndexError("bytearray index out of range") from None

    def __eq__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b == b

    def __ne__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b != b

    def __lt__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b < b

    def __le__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b <= b

    def __gt__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b > b

    def __ge__(self, o):
        b = _other(o)
        return NotImplemented if b is None else self._b >= b

    def __add__(self, o):
        b = _other(o)
        if b is None:
            raise TypeError("can't concat %s to bytearray" % type(o).__name__)
        r = bytearray()
        r._b = self._b + b
        return r

    def __radd__(self, o):
        b = _other(o)
        if b is None:
            return NotImplemented
        return bytes(b + self._b)

    def __iadd__(self, o):
        b = _other(o)
        if b is None:
            raise TypeError("can't concat %s to bytearray" % type(o).__name__)
        self._b.extend(b)
        return self

    def __mul__(self, n):
        r = bytearray()
        r._b = self._b * n
        return r

    __rmul__ = __mul__

    def __imul__(self, n):
        self._b = self._b * n
        return self

    def __repr__(self):
        # Unlike bytes' repr, CPython's escapes every single quote.
        data = self._b
        quote = '"' if (39 in data and 34 not in data) else "'"
        out = []
        for c in data:
            if c == 39 or c == 92:
                out.append("\\" + chr(c))
            elif c == 9:
                out.append("\\t")
            elif c == 10:
                out.append("\\n")
            elif c == 13:
                out.append("\\r")
            elif c < 32 or c >= 127:
                out.append("\\x%02x" % c)
            else:
                out.append(chr(c))
        return "%s(b%s%s%s)" % (type(self).__name__, quote, "".join(out), quote)

    __str__ = __repr__

    def append(self, v):
        self._b.append(_byte(v))

    def extend(self, it):
        self._b.extend(_ints(it))

    def insert(self, i, v):
        self._b.insert(i, _byte(v))

    def pop(self, i=-1):
        if not self._b:
            raise IndexError("pop from empty bytearray")
        try:
            return self._b.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        v = _byte(v)
        if v not in self._b:
            raise ValueError("value not found in bytearray")
        self._b.remove(v)

    def clear(self):
        self._b = []

    def copy(self):
        return bytearray(self)

    def reverse(self):
        self._b.reverse()

    def decode(self, encoding="utf-8", errors="strict"):
        return bytes(self._b).decode(encoding, errors)

    def hex(self, *args):
        return bytes(self._b).hex(*args)

    @classmethod
    def fromhex(cls, s):
        return cls(bytes.fromhex(s))

    @staticmethod
    def maketrans(frm, to):
        return bytes.maketrans(frm, to)

    def __getattr__(self, name):
        # The methods bytearray shares with bytes, results as bytearrays.
        if name.startswith("__"):
            raise AttributeError("'bytearray' object has no attribute '%s'" % name)
        try:
            m = getattr(bytes(self._b), name)
        except AttributeError:
            raise AttributeError("'bytearray' object has no attribute '%s'" % name) from None

        def method(*args, **kwargs):
            args = [bytes(a) if isinstance(a, bytearray) else a for a in args]
            return _wrap(m(*args, **kwargs))

        return method


def _wrap(r):
    if isinstance(r, bytes):
        return bytearray(r)
    if isinstance(r, list):
        return [bytearray(x) if isinstance(x, bytes) else x for x in r]
    if isinstance(r, tuple):
        return tuple(bytearray(x) if isinstance(x, bytes) else x for x in r)
    return r
