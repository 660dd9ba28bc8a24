"""Packing values into bytes and back: `pack`, `unpack`, `calcsize`, `pack_into`,
`unpack_from`, `iter_unpack`, `Struct`, with the results and `struct.error` messages of
CPython 3.11 on x86-64 Linux.

hpymove's own version, in Python: integers go through `int.to_bytes`, floats through an
exact conversion to their IEEE 754 bits (round half to even).
"""

import math

__all__ = ["calcsize", "pack", "pack_into", "unpack", "unpack_from", "iter_unpack",
           "Struct", "error"]


class error(Exception):
    pass


try:
    _BYTES = (bytes, bytearray)
except NameError:
    _BYTES = (bytes,)


# code -> (native size, standard size or None if native only)
_SIZES = {
    "x": (1, 1), "c": (1, 1), "b": (1, 1), "B": (1, 1), "?": (1, 1),
    "h": (2, 2), "H": (2, 2), "i": (4, 4), "I": (4, 4), "l": (8, 4), "L": (8, 4),
    "q": (8, 8), "Q": (8, 8), "n": (8, None), "N": (8, None), "P": (8, None),
    "e": (2, 2), "f": (4, 4), "d": (8, 8), "s": (1, 1), "p": (1, 1),
}

_SMALL_NAMES = {"b": "byte", "B": "ubyte", "h": "short", "H": "ushort"}


def _parse(fmt):
    """(byte order, native, [(code, count, offset, size)], total size)."""
    if isinstance(fmt, bytes):
        fmt = fmt.decode("ascii")
    if not isinstance(fmt, str):
        raise TypeError("Struct() argument 1 must be a str or bytes object, not %s"
                        % type(fmt).__name__)
    order = "@"
    i = 0
    if fmt and fmt[0] in "@=<>!":
        order = fmt[0]
        i = 1
    native = order == "@"
    little = order in "<=" or (order == "@")
    items = []
    offset = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c in " \t\n\r\x0b\x0c":
            i += 1
            continue
        count = None
        if c.isdigit():
            count = 0
            while i < n and fmt[i].isdigit():
                count = count * 10 + (ord(fmt[i]) - 48)
                i += 1
            if i >= n:
                raise error("repeat count given without format specifier")
            c = fmt[i]
        i += 1
        if c not in _SIZES:
            raise error("bad char in struct format")
        nsize, ssize = _SIZES[c]
        size = nsize if native else ssize
        if size is None:
            raise error("bad char in struct format")
        if count is None:
            count = 1
        if native and c not in "xcbB?sp" and offset % size:
            offset += size - offset % size
        items.append((c, count, offset, size))
        offset += size * count
    return little, native, items, offset


def _index(v):
    if isinstance(v, int):
        return int(v)
    if hasattr(type(v), "__index__"):
        return type(v).__index__(v)
    raise error("required argument is not an integer")


def _pack_int(c, v, size, native, little, big_std):
    v = _index(v)
    signed = c in "bhilqn"
    if big_std and c not in "bB":
        # The big-endian table checks every size against the code's own range.
        if size == 8:
            lo, hi = (-2**63, 2**63 - 1) if signed else (0, 2**64 - 1)
            if not lo <= v <= hi:
                raise error("int too large to convert")
        else:
            if not (-2**63 <= v < 2**63 if signed else 0 <= v < 2**64):
                raise error("argument out of range")
            lo, hi = ((-2**(8 * size - 1), 2**(8 * size - 1) - 1) if signed
                      else (0, 2**(8 * size) - 1))
            if not lo <= v <= hi:
                raise error("'%s' format requires %d <= number <= %d" % (c, lo, hi))
    elif c in "bBhH" or (c == "i") or (c == "l" and not native):
        # CPython reads these as a C long, then checks the range with its own message.
        if not -2**63 <= v < 2**63:
            raise error("argument out of range")
        if c in "bBhH":
            lo, hi = (0, 2**(8 * size) - 1) if c in "BH" else (-2**(8 * size - 1),
                                                               2**(8 * size - 1) - 1)
            if not lo <= v <= hi:
                raise error("%s format requires %d <= number <= %d" % (_SMALL_NAMES[c], lo, hi))
        elif not -2**31 <= v < 2**31:
            raise error("'%s' format requires -2147483648 <= number <= 2147483647" % c)
    elif c in "IL" and size == 4:
        if not 0 <= v < 2**64:
            raise error("argument out of range")
        if v >= 2**32:
            raise error("'%s' format requires 0 <= number <= 4294967295" % c)
    elif c == "P":
        if not -2**63 <= v < 2**64:
            raise error("int too large to convert")
        v &= 2**64 - 1
    elif signed:
        if not -2**63 <= v < 2**63:
            raise error("argument out of range")
    else:
        if not 0 <= v < 2**64:
            raise error("argument out of range")
    return v.to_bytes(size, "little" if little else "big", signed=signed)


# (mantissa bits, exponent bits) of each float format
_FLOATS = {"e": (10, 5), "f": (23, 8), "d": (52, 11)}


def _float_bits(x, mbits, ebits, code, strict):
    bias = 2**(ebits - 1) - 1
    top = 2**ebits - 1
    sign = 1 if math.copysign(1.0, x) < 0 else 0
    if math.isnan(x):
        return (sign << (ebits + mbits)) | (top << mbits) | (1 << (mbits - 1))
    x = abs(x)
    if math.isinf(x):
        return (sign << (ebits + mbits)) | (top << mbits)
    if x == 0.0:
        return sign << (ebits + mbits)
    m, e = math.frexp(x)
    big = int(math.ldexp(m, 53))  # x == big * 2**(e - 53), exactly
    q = max(e - 1 - mbits, 1 - bias - mbits)
    shift = q - (e - 53)
    if shift > 0:
        n = big >> shift
        rest = big - (n << shift)
        half = 1 << (shift - 1)
        if rest > half or (rest == half and n & 1):
            n += 1
    else:
        n = big << -shift
    if n >= 2**(mbits + 1):
        n >>= 1
        q += 1
    if n < 2**mbits:
        expf, mant = 0, n
    else:
        expf, mant = q + mbits + bias, n - 2**mbits
    if expf >= top:
        if not strict:
            return (sign << (ebits + mbits)) | (top << mbits)
        raise OverflowError("float too large to pack with %s format" % code)
    return (sign << (ebits + mbits)) | (expf << mbits) | mant


def _bits_float(bits, mbits, ebits):
    bias = 2**(ebits - 1) - 1
    top = 2**ebits - 1
    sign = -1.0 if bits >> (ebits + mbits) else 1.0
    expf = (bits >> mbits) & top
    mant = bits & (2**mbits - 1)
    if expf == top:
        return math.copysign(math.nan if mant else math.inf, sign)
    if expf == 0:
        return math.copysign(math.ldexp(float(mant), 1 - bias - mbits), sign)
    return math.copysign(math.ldexp(float(mant + 2**mbits), expf - bias - mbits), sign)


def _pack_float(c, v, size, native, little):
    if not isinstance(v, float):
        if hasattr(type(v), "__float__") or isinstance(v, int):
            v = float(v)
        else:
            raise error("required argument is not a float")
    mbits, ebits = _FLOATS[c]
    # Native 'f' is a C cast (too large becomes inf); the others are checked.
    bits = _float_bits(v, mbits, ebits, c, not (native and c == "f"))
    return bits.to_bytes(size, "little" if little else "big")


def _pack_items(little, native, items, total, args, name):
    want = 0
    for c, count, off, size in items:
        if c in "sp":
            want += 1
        elif c != "x":
            want += count
    if len(args) != want:
        raise error("%s expected %d items for packing (got %d)" % (name, want, len(args)))
    out = [0] * total
    ai = 0
    for c, count, off, size in items:
        if c == "x":
            continue
        if c in "sp":
            v = args[ai]
            ai += 1
            if not isinstance(v, _BYTES):
                raise error("argument for '%s' must be a bytes object" % c)
            if c == "s":
                data = bytes(v[:count])
                out[off:off + len(data)] = list(data)
            elif count > 0:
                n = min(len(v), count - 1, 255)
                out[off] = n
                out[off + 1:off + 1 + n] = list(v[:n])
            continue
        for k in range(count):
            v = args[ai]
            ai += 1
            at = off + k * size
            if c == "c":
                if not (isinstance(v, _BYTES) and len(v) == 1):
                    raise error("char format requires a bytes object of length 1")
                out[at] = v[0]
            elif c == "?":
                out[at] = 1 if v else 0
            elif c in _FLOATS:
                out[at:at + size] = list(_pack_float(c, v, size, native, little))
            else:
                out[at:at + size] = list(_pack_int(c, v, size, native, little, not little))
    return bytes(out)


def _unpack_items(little, native, items, data, base):
    res = []
    order = "little" if little else "big"
    for c, count, off, size in items:
        off += base
        if c == "x":
            continue
        if c == "s":
            res.append(bytes(data[off:off + count]))
            continue
        if c == "p":
            if count == 0:
                res.append(b"")
                continue
            n = min(data[off], count - 1)
            res.append(bytes(data[off + 1:off + 1 + n]))
            continue
        for k in range(count):
            at = off + k * size
            chunk = bytes(data[at:at + size])
            if c == "c":
                res.append(chunk)
            elif c == "?":
                res.append(chunk != b"\x00")
            elif c in _FLOATS:
                mbits, ebits = _FLOATS[c]
                res.append(_bits_float(int.from_bytes(chunk, order), mbits, ebits))
            else:
                res.append(int.from_bytes(chunk, order, signed=c in "bhilqn"))
    return tuple(res)


def _as_bytes(buffer):
    if isinstance(buffer, _BYTES):
        return buffer
    if hasattr(buffer, "tobytes"):
        return buffer.tobytes()
    raise TypeError("a bytes-like object is required, not '%s'" % type(buffer).__name__)


class Struct:
    def __init__(self, format):
        self.format = format.decode("ascii") if isinstance(format, bytes) else format
        self._little, self._native, self._items, self.size = _parse(format)

    def pack(self, *args):
        return _pack_items(self._little, self._native, self._items, self.size, args, "pack")

    def pack_into(self, buffer, offset, *args):
        data = _pack_items(self._little, self._native, self._items, self.size, args,
                           "pack_into")
        offset = _index(offset)
        n = len(buffer)
        if offset < 0:
            if offset + n < 0:
                raise error("offset %d out of range for %d-byte buffer" % (offset, n))
            offset += n
        if n - offset < self.size:
            raise error("pack_into requires a buffer of at least %d bytes for packing %d "
                        "bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, n))
        buffer[offset:offset + self.size] = data

    def unpack(self, buffer):
        data = _as_bytes(buffer)
        if len(data) != self.size:
            raise error("unpack requires a buffer of %d bytes" % self.size)
        return _unpack_items(self._little, self._native, self._items, data, 0)

    def unpack_from(self, buffer, offset=0):
        data = _as_bytes(buffer)
        offset = _index(offset)
        n = len(data)
        if offset < 0:
            if offset + n < 0:
                raise error("offset %d out of range for %d-byte buffer" % (offset, n))
            offset += n
        if n - offset < self.size:
            raise error("unpack_from requires a buffer of at least %d bytes for unpacking "
                        "%d bytes at offset %d (actual buffer size is %d)"
                        % (self.size + offset, self.size, offset, n))
        return _unpack_items(self._little, self._native, self._items, data, offset)

    def iter_unpack(self, buffer):
        data = _as_bytes(buffer)
        if self.size == 0:
            raise error("cannot iteratively unpack with a struct of length 0")
        if len(data) % self.size:
            raise error("iterative unpacking requires a buffer of a multiple of %d bytes"
                        % self.size)
        return (_unpack_items(self._little, self._native, self._items, data, at)
                for at in range(0, len(data), self.size))


def calcsize(format):
    return Struct(format).size


def pack(format, *args):
    return Struct(format).pack(*args)


def pack_into(format, buffer, offset, *args):
    Struct(format).pack_into(buffer, offset, *args)


def unpack(format, buffer):
    return Struct(format).unpack(buffer)


def unpack_from(format, buffer, offset=0):
    return Struct(format).unpack_from(buffer, offset)


def iter_unpack(format, buffer):
    return Struct(format).iter_unpack(buffer)
