"""`memoryview`, written in Python for hpymove (installed in `builtins`).

A view reads and writes the memory of its object in place, element by element through
its format, shape and strides. The memory is that of a bytes object (read-only), of a
bytearray (writable), or of an extension
object whose type has the buffer slots: `_hpymove.buffer_acquire` calls its
`HPy_bf_getbuffer` and holds the export in a managed buffer shared by the view and its
slices; `HPy_bf_releasebuffer` runs once, when the last of them is released (`release()`,
the end of a `with` block) or, when they die unreleased, after the collection that finds
the managed buffer dead.

Differences from CPython: `ctx->h_MemoryViewType` is hpymove's builtin placeholder type, not
this class; formats are the native single-item ones of `struct` (the others can be viewed
and copied, not unpacked); no suboffsets; a view that dies unreleased lets its export go
only when the collector finds all of the export's views dead (as on PyPy; so a bytearray
is not locked against resizing while viewed, and a view reaching past its end raises).
"""

import _hpymove

# struct code -> item size of the native single-item formats.
_SIZES = {"?": 1, "c": 1, "b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
          "q": 8, "Q": 8, "n": 8, "N": 8, "f": 4, "d": 8, "e": 2, "P": 8}
_INT_CODES = "bBhHiIlLqQnNP"
_FLOAT_CODES = "fde"

# Where a view's memory is.
_BYTES, _BYTEARRAY, _EXPORT = 0, 1, 2


def _code(fmt):
    """The struct code of a native single-item format ('B', '@i'), or None."""
    if fmt[:1] == "@":
        fmt = fmt[1:]
    return fmt if len(fmt) == 1 and fmt in _SIZES else None


def _c_strides(shape, itemsize):
    strides = []
    step = itemsize
    for n in reversed(shape):
        strides.append(step)
        step *= max(n, 1)
    return tuple(reversed(strides))


def _product(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def _index(v):
    if isinstance(v, int):
        return int(v)
    if hasattr(type(v), "__index__"):
        return type(v).__index__(v)
    return None


def _slice(key, n):
    """(start, step, length) of slice `key` over `n` items (CPython's adjusted indices)."""
    step = 1 if key.step is None else _index(key.step)
    if step is None or (key.start is not None and _index(key.start) is None) or (
            key.stop is not None and _index(key.stop) is None):
        raise TypeError("slice indices must be integers or None or have an __index__ method")
    if step == 0:
        raise ValueError("slice step cannot be zero")
    lower, upper = (-1, n - 1) if step < 0 else (0, n)

    def clamp(v, default):
        if v is None:
            return default
        v = _index(v)
        if v < 0:
            v = max(v + n, lower)
        else:
            v = min(v, upper)
        return v

    start = clamp(key.start, upper if step < 0 else lower)
    stop = clamp(key.stop, lower if step < 0 else upper)
    if step < 0:
        length = (start - stop - 1) // -step + 1 if stop < start else 0
    else:
        length = (stop - start - 1) // step + 1 if start < stop else 0
    return start, step, length


class memoryview:
    __module__ = "builtins"

    def __init__(self, object):
        if isinstance(object, memoryview):
            object._check()
            self._kind = object._kind
            self._src = object._src
            self._obj = object._obj
            self._off = object._off
            self._fmt = object._fmt
            self._itemsize = object._itemsize
            self._shape = object._shape
            self._strides = object._strides
            self._readonly = object._readonly
            self._share()
        elif isinstance(object, bytes):
            self._init_flat(_BYTES, object, object, len(object), True)
        elif isinstance(object, bytearray):
            self._init_flat(_BYTEARRAY, object, object, len(object), False)
        else:
            mb = _hpymove.buffer_acquire(object)
            if mb is None:
                raise TypeError("memoryview: a bytes-like object is required, not '%s'"
                                % type(object).__name__)
            fmt, itemsize, shape, strides, readonly = _hpymove.buffer_info(mb)
            self._kind = _EXPORT
            self._src = mb
            self._obj = object
            self._off = 0
            self._fmt = fmt
            self._itemsize = itemsize
            self._shape = shape
            self._strides = strides
            self._readonly = readonly
        self._released = False

    def _init_flat(self, kind, src, obj, n, readonly):
        self._kind = kind
        self._src = src
        self._obj = obj
        self._off = 0
        self._fmt = "B"
        self._itemsize = 1
        self._shape = (n,)
        self._strides = (1,)
        self._readonly = readonly

    def _derived(self, off, shape, strides, fmt=None, itemsize=None, readonly=None):
        """A new view on the same memory (a slice, a cast)."""
        v = memoryview.__new__(memoryview)
        v._kind = self._kind
        v._src = self._src
        v._obj = self._obj
        v._off = off
        v._fmt = self._fmt if fmt is None else fmt
        v._itemsize = self._itemsize if itemsize is None else itemsize
        v._shape = tuple(shape)
        v._strides = tuple(strides)
        v._readonly = self._readonly if readonly is None else readonly
        v._released = False
        v._share()
        return v

    def _share(self):
        if self._kind == _EXPORT:
            _hpymove.buffer_share(self._src)

    def _check(self):
        if self._released:
            raise ValueError("operation forbidden on released memoryview object")

    # ---------------------------------------------------------------- memory access

    def _read(self, off, n):
        if self._kind == _BYTES:
            return self._src[off:off + n]
        if self._kind == _BYTEARRAY:
            self._fits(off + n)
            return bytes(self._src._b[off:off + n])
        return _hpymove.buffer_read(self._src, off, n)

    def _fits(self, end):
        if end > len(self._src._b):
            raise IndexError("memoryview: the bytearray was resized below the view")

    def _write(self, off, data):
        if self._kind == _BYTEARRAY:
            self._fits(off + len(data))
            self._src._b[off:off + len(data)] = list(data)
        else:
            _hpymove.buffer_write(self._src, off, data)

    def _element_offsets(self, order="C"):
        """The byte offset of every element, in C order (last index fastest) or "F"."""
        shape, strides = self._shape, self._strides
        dims = range(len(shape)) if order == "C" else reversed(range(len(shape)))
        offs = [self._off]
        for d in dims:
            offs = [o + i * strides[d] for o in offs for i in range(shape[d])]
        return offs

    def _unpack(self, data):
        code = _code(self._fmt)
        if code is None:
            raise NotImplementedError("memoryview: unsupported format %s" % self._fmt)
        if code == "B":
            return data[0]
        if code == "c":
            return data
        import struct
        return struct.unpack(code, data)[0]

    def _pack(self, value):
        code = _code(self._fmt)
        if code is None:
            raise NotImplementedError("memoryview: unsupported format %s" % self._fmt)
        if code == "c":
            if not isinstance(value, bytes):
                raise TypeError("memoryview: invalid type for format 'c'")
            if len(value) != 1:
                raise ValueError("memoryview: invalid value for format 'c'")
            return value
        if code in _INT_CODES and _index(value) is None:
            raise TypeError("memoryview: invalid type for format '%s'" % self._fmt)
        if code in _FLOAT_CODES and not isinstance(value, (int, float)):
            raise TypeError("memoryview: invalid type for format '%s'" % self._fmt)
        import struct
        try:
            return struct.pack(code, value)
        except struct.error:
            raise ValueError("memoryview: invalid value for format '%s'" % self._fmt) from None

    def _item(self, off):
        return self._unpack(self._read(off, self._itemsize))

    def _item_offset(self, indices):
        off = self._off
        for d, i in enumerate(indices):
            n = self._shape[d]
            if i < 0:
                i += n
            if not 0 <= i < n:
                raise IndexError("index out of bounds on dimension %d" % (d + 1))
            off += i * self._strides[d]
        return off

    def _key_offset(self, key):
        """The offset of the element a key names, or None if the key is not an index."""
        ndim = len(self._shape)
        if ndim == 0:
            if key is Ellipsis or key == ():
                return self._off
            raise TypeError("invalid indexing of 0-dim memory")
        i = _index(key)
        if i is not None:
            if ndim > 1:
                raise NotImplementedError("multi-dimensional sub-views are not implemented")
            return self._item_offset((i,))
        if isinstance(key, tuple) and all(_index(k) is not None for k in key):
            if len(key) < ndim:
                raise NotImplementedError("sub-views are not implemented")
            if len(key) > ndim:
                raise TypeError("cannot index %d-dimension view with %d-element tuple"
                                % (ndim, len(key)))
            return self._item_offset([_index(k) for k in key])
        return None

    # ---------------------------------------------------------------- sequence

    def __len__(self):
        self._check()
        return self._shape[0] if self._shape else 1

    def __getitem__(self, key):
        self._check()
        if key is Ellipsis:
            return self
        if isinstance(key, slice):
            if not self._shape:
                raise TypeError("invalid indexing of 0-dim memory")
            start, step, n = _slice(key, self._shape[0])
            shape = (n,) + self._shape[1:]
            strides = (self._strides[0] * step,) + self._strides[1:]
            return self._derived(self._off + start * self._strides[0], shape, strides)
        off = self._key_offset(key)
        if off is None:
            if isinstance(key, tuple) and all(isinstance(k, slice) for k in key):
                raise NotImplementedError("multi-dimensional slicing is not implemented")
            raise TypeError("memoryview: invalid slice key")
        return self._item(off)

    def __setitem__(self, key, value):
        self._check()
        if self._readonly:
            raise TypeError("cannot modify read-only memory")
        if isinstance(key, slice):
            if len(self._shape) != 1:
                raise NotImplementedError("memoryview slice assignments are currently "
                                          "restricted to ndim = 1")
            dest = self[key]
            src = value if isinstance(value, memoryview) else memoryview(value)
            try:
                src._check()
                if (_code(src._fmt) != _code(dest._fmt) or src._itemsize != dest._itemsize
                        or src._shape != dest._shape):
                    raise ValueError("memoryview assignment: lvalue and rvalue have "
                                     "different structures")
                data = src.tobytes()
            finally:
                if src is not value:
                    src.release()
                dest.release()
            size = self._itemsize
            for k, off in enumerate(dest._element_offsets()):
                self._write(off, data[k * size:(k + 1) * size])
            return
        off = self._key_offset(key)
        if off is None:
            raise TypeError("memoryview: invalid slice key")
        self._write(off, self._pack(value))

    def __delitem__(self, key):
        self._check()
        if self._readonly:
            raise TypeError("cannot modify read-only memory")
        raise TypeError("cannot delete memory")

    def __iter__(self):
        self._check()
        if not self._shape:
            raise TypeError("invalid indexing of 0-dim memory")
        if len(self._shape) > 1:
            raise NotImplementedError("multi-dimensional sub-views are not implemented")
        for i in range(self._shape[0]):
            if self._released:
                raise ValueError("operation forbidden on released memoryview object")
            yield self._item(self._off + i * self._strides[0])

    # ---------------------------------------------------------------- conversions

    def tobytes(self, order="C"):
        self._check()
        if order is None or order == "A":
            order = "C"
        if order not in ("C", "F"):
            raise ValueError("order must be 'C', 'F' or 'A'")
        size = self._itemsize
        if order == "C" and self.c_contiguous and all(s >= 0 for s in self._strides):
            return self._read(self._off, self.nbytes)
        return b"".join(self._read(o, size) for o in self._element_offsets(order))

    def tolist(self):
        self._check()
        if _code(self._fmt) is None:
            raise NotImplementedError("memoryview: unsupported format %s" % self._fmt)
        return self._list(self._off, 0)

    def _list(self, off, d):
        if d == len(self._shape):
            return self._item(off)
        step = self._strides[d]
        return [self._list(off + i * step, d + 1) for i in range(self._shape[d])]

    def hex(self, sep=None, bytes_per_sep=1):
        self._check()
        h = self.tobytes().hex()
        if sep is None:
            return h
        if isinstance(sep, bytes):
            sep = sep.decode("ascii")
        if not isinstance(sep, str):
            raise TypeError("sep must be str or bytes.")
        if len(sep) != 1:
            raise ValueError("sep must be length 1.")
        n = abs(bytes_per_sep)
        pairs = [h[i:i + 2] for i in range(0, len(h), 2)]
        if n == 0 or not pairs:
            return h
        # Positive: groups counted from the right; negative: from the left.
        first = len(pairs) % n if bytes_per_sep > 0 else 0
        groups = [pairs[:first]] if first else []
        groups += [pairs[i:i + n] for i in range(first, len(pairs), n)]
        return sep.join("".join(g) for g in groups)

    def __bytes__(self):
        return self.tobytes()

    def toreadonly(self):
        self._check()
        return self._derived(self._off, self._shape, self._strides, readonly=True)

    def cast(self, format, shape=None):
        self._check()
        if not isinstance(format, str):
            raise TypeError("cast() argument 'format' must be str, not %s"
                            % type(format).__name__)
        if not self.c_contiguous:
            raise TypeError("memoryview: casts are restricted to C-contiguous views")
        if shape is not None and not isinstance(shape, (list, tuple)):
            raise TypeError("shape must be a list or a tuple")
        ndim = 1 if shape is None else len(shape)
        if len(self._shape) != 1 and ndim != 1:
            raise TypeError("memoryview: cast must be 1D -> ND or ND -> 1D")
        code = _code(format)
        if code is None:
            raise ValueError("memoryview: destination format must be a native single "
                             "character format prefixed with an optional '@'")
        if code not in "Bbc" and _code(self._fmt) not in ("B", "b", "c"):
            raise TypeError("memoryview: cannot cast between two non-byte formats")
        itemsize = _SIZES[code]
        nbytes = self.nbytes
        if shape is None:
            if nbytes % itemsize:
                raise TypeError("memoryview: length is not a multiple of itemsize")
            shape = (nbytes // itemsize,)
        else:
            if ndim > 64:
                raise ValueError("memoryview: number of dimensions must not exceed 64")
            for n in shape:
                if not isinstance(n, int) or n <= 0:
                    raise ValueError("memoryview.cast(): elements of shape must be "
                                     "integers > 0")
            if _product(shape) * itemsize != nbytes:
                raise TypeError("memoryview: product(shape) * itemsize != buffer size")
        return self._derived(self._off, shape, _c_strides(shape, itemsize), format, itemsize)

    # ---------------------------------------------------------------- release

    def release(self):
        if self._released:
            return
        self._released = True
        src, kind = self._src, self._kind
        self._src = self._obj = None
        if kind == _EXPORT:
            _hpymove.buffer_release(src)

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *exc):
        self.release()

    # ---------------------------------------------------------------- attributes

    @property
    def obj(self):
        self._check()
        return self._obj

    @property
    def nbytes(self):
        self._check()
        return _product(self._shape) * self._itemsize

    @property
    def readonly(self):
        self._check()
        return self._readonly

    @property
    def itemsize(self):
        self._check()
        return self._itemsize

    @property
    def format(self):
        self._check()
        return self._fmt

    @property
    def ndim(self):
        self._check()
        return len(self._shape)

    @property
    def shape(self):
        self._check()
        return self._shape

    @property
    def strides(self):
        self._check()
        return self._strides

    @property
    def suboffsets(self):
        self._check()
        return ()

    @property
    def c_contiguous(self):
        self._check()
        return self._contiguous(reversed(range(len(self._shape))))

    @property
    def f_contiguous(self):
        self._check()
        return self._contiguous(range(len(self._shape)))

    @property
    def contiguous(self):
        return self.c_contiguous or self.f_contiguous

    def _contiguous(self, dims):
        if 0 in self._shape:
            return True
        step = self._itemsize
        for d in dims:
            if self._shape[d] > 1 and self._strides[d] != step:
                return False
            step *= self._shape[d]
        return True

    # ---------------------------------------------------------------- comparison

    def __eq__(self, other):
        if self is other:
            return True
        if self._released:
            return False
        if isinstance(other, memoryview):
            if other._released:
                return False
            view = other
        else:
            try:
                view = memoryview(other)
            except TypeError:
                return NotImplemented
        try:
            if view._shape != self._shape:
                return False
            a, b = _code(self._fmt), _code(view._fmt)
            if a is None or b is None:
                return self._fmt == view._fmt and self.tobytes() == view.tobytes()
            return self.tolist() == view.tolist()
        finally:
            if view is not other:
                view.release()

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    def __hash__(self):
        self._check()
        if not self._readonly:
            raise ValueError("cannot hash writable memoryview object")
        if _code(self._fmt) not in ("B", "b", "c"):
            raise ValueError("memoryview: hashing is restricted to formats 'B', 'b' or 'c'")
        return hash(self.tobytes())

    def __repr__(self):
        if self._released:
            return "<released memory at %#x>" % id(self)
        return "<memory at %#x>" % id(self)
