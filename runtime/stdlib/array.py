"""Typed arrays of numbers: `array.array` with CPython's typecodes on x86-64 Linux.

hpymove's own version, in Python: the items are kept as a list of Python values and
converted (range-checked) on the way in; `tobytes`/`frombytes` go through `struct`. It
exports no buffer: C code cannot see the memory.
"""

import struct as _struct

typecodes = "bBuhHiIlLqQfd"

_SIZES = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
          "q": 8, "Q": 8, "f": 4, "d": 8}

# (too small, too large) messages of the codes that CPython range-checks after reading a
# C long.
_RANGE_MSG = {
    "b": ("signed char is less than minimum", "signed char is greater than maximum"),
    "B": ("unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    "h": ("signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    "H": ("unsigned short is less than minimum", "unsigned short is greater than maximum"),
    "i": ("signed integer is less than minimum", "signed integer is greater than maximum"),
}


def _int_range(code, v):
    if code in "bBhHil":
        if not -2**63 <= v < 2**63:
            raise OverflowError("Python int too large to convert to C long")
        if code == "l":
            return
        # 'b' is read as a C short first, 'H' as a C int, each with its own messages.
        first = {"b": "h", "H": "i"}.get(code)
        if first is not None:
            _int_range(first, v)
        bits = 8 * _SIZES[code]
        lo, hi = (0, 2**bits - 1) if code in "BH" else (-2**(bits - 1), 2**(bits - 1) - 1)
        if v < lo:
            raise OverflowError(_RANGE_MSG[code][0])
        if v > hi:
            raise OverflowError(_RANGE_MSG[code][1])
    elif code in "IL":
        if v < 0:
            raise OverflowError("can't convert negative value to unsigned int")
        if v >= 2**64:
            raise OverflowError("Python int too large to convert to C unsigned long")
        if code == "I" and v >= 2**32:
            raise OverflowError("unsigned int is greater than maximum")
    elif code == "q":
        if not -2**63 <= v < 2**63:
            raise OverflowError("int too big to convert")
    else:
        if v < 0:
            raise OverflowError("can't convert negative int to unsigned")
        if v >= 2**64:
            raise OverflowError("int too big to convert")


def _check(code, v):
    if code in "fd":
        if isinstance(v, float):
            return v
        if isinstance(v, int) or hasattr(type(v), "__float__"):
            return float(v)
        raise TypeError("must be real number, not %s" % type(v).__name__)
    if code == "u":
        if not isinstance(v, str):
            raise TypeError("array item must be unicode character")
        if len(v) != 1:
            raise TypeError("array item must be unicode character")
        return v
    if isinstance(v, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    if not isinstance(v, int):
        if hasattr(type(v), "__index__"):
            v = type(v).__index__(v)
        else:
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(v).__name__)
    v = int(v)
    _int_range(code, v)
    return v


class array:
    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in _SIZES:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, "
                             "f or d)")
        self._code = typecode
        self._items = []
        if initializer is None:
            return
        if isinstance(initializer, (bytes, str)) and not (
                isinstance(initializer, str) and typecode == "u"):
            if isinstance(initializer, str):
                raise TypeError("cannot use a str to initialize an array with typecode '%s'"
                                % typecode)
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            self._items = list(initializer)
        else:
            self.extend(initializer)

    @property
    def typecode(self):
        return self._code

    @property
    def itemsize(self):
        return _SIZES[self._code]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def __getitem__(self, i):
        if isinstance(i, slice):
            r = array(self._code)
            r._items = self._items[i]
            return r
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("array index out of range")

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError("can only assign array (not \"%s\") to array slice"
                                % type(v).__name__)
            if v._code != self._code:
                raise TypeError("bad argument type for built-in operation")
            self._items[i] = list(v._items)
            return
        v = _check(self._code, v)
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range")

    def __delitem__(self, i):
        del self._items[i]

    def __contains__(self, v):
        return v in self._items

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items == other._items

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._items != other._items

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError("can only append array (not \"%s\") to array"
                            % type(other).__name__)
        if other._code != self._code:
            raise TypeError("bad argument type for built-in operation")
        r = array(self._code)
        r._items = self._items + other._items
        return r

    def __mul__(self, n):
        r = array(self._code)
        r._items = self._items * n
        return r

    __rmul__ = __mul__

    def __repr__(self):
        if not self._items:
            return "array('%s')" % self._code
        if self._code == "u":
            return "array('u', %r)" % "".join(self._items)
        return "array('%s', %r)" % (self._code, self._items)

    def append(self, v):
        self._items.append(_check(self._code, v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable._code != self._code:
                raise TypeError("can only extend with array of same kind")
            self._items.extend(iterable._items)
            return
        for v in iterable:
            self.append(v)

    def insert(self, i, v):
        self._items.insert(i, _check(self._code, v))

    def pop(self, i=-1):
        if not self._items:
            raise IndexError("pop from empty array")
        try:
            return self._items.pop(i)
        except IndexError:
            raise IndexError("pop index out of range")

    def remove(self, v):
        try:
            self._items.remove(v)
        except ValueError:
            raise ValueError("array.remove(x): x not in array")

    def index(self, v):
        try:
            return self._items.index(v)
        except ValueError:
            raise ValueError("array.index(x): x not in array")

    def count(self, v):
        return self._items.count(v)

    def reverse(self):
        self._items.reverse()

    def tolist(self):
        return list(self._items)

    def fromlist(self, items):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        checked = [_check(self._code, v) for v in items]
        self._items.extend(checked)

    def tobytes(self):
        if self._code == "u":
            return "".join(self._items).encode("utf-32-le")
        n = len(self._items)
        return _struct.pack("=%d%s" % (n, self._code if self._code not in "lL"
                                       else {"l": "q", "L": "Q"}[self._code]),
                            *self._items)

    def frombytes(self, data):
        data = bytes(data)
        size = self.itemsize
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        n = len(data) // size
        if self._code == "u":
            self._items.extend(data.decode("utf-32-le"))
            return
        code = {"l": "q", "L": "Q"}.get(self._code, self._code)
        self._items.extend(_struct.unpack("=%d%s" % (n, code), data))

    def tounicode(self):
        if self._code != "u":
            raise ValueError("tounicode() may only be called on unicode type arrays")
        return "".join(self._items)

    def buffer_info(self):
        raise NotImplementedError("hpymove's array has no buffer")

    def byteswap(self):
        if self._code in "fd" or self.itemsize > 1:
            data = self.tobytes()
            size = self.itemsize
            swapped = b"".join(data[i:i + size][::-1] for i in range(0, len(data), size))
            self._items = []
            self.frombytes(swapped)


ArrayType = array
