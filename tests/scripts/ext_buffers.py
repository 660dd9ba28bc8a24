# memoryview and bytes() over extension types' buffer slots (the `buffers` sample).
# A temporary view (`m[:3].tolist()`) holds the export until it is collected on hpymove,
# as on PyPy (CPython frees it at once): export counts are printed after gc.collect().
import gc

import buffers
from buffers import Backwards, Bytes, Grid, Refusing

b = Bytes(6)
m = memoryview(b)
print(b.exports, m.format, m.itemsize, m.ndim, m.shape, m.strides, m.readonly, m.nbytes)
print(len(m), m[0], m[-1], m.tolist(), m.tobytes(), m.obj is b)
m[0] = 200
m[1:3] = b"\x07\x08"
print(b.total(), m[:3].tolist(), bytes(m[::2]), m[::-1].tolist())
s = m[2:5]
m.release()
print("after release of the view, its slice keeps the export:", b.exports)
print(s.tolist(), s == bytes([8, 3, 4]), s == b"xyz")
s.release()
gc.collect()
print("all released:", b.exports, buffers.released())
try:
    m[0]
except ValueError as e:
    print("ValueError:", e)
try:
    s[0] = 5
except ValueError as e:
    print("ValueError:", e)

# A view that dies without release() lets the export go (after a collection here).
v = memoryview(b)
w = v[1:]
gc.collect()
print(b.exports)
del v, w
gc.collect()
print("after the views died:", b.exports)

gc.collect()
with memoryview(b) as v:
    print(b.exports, v.hex(), bytes(v) == bytes(b))
print(b.exports, bytes(b), b.exports)
try:
    v.tolist()
except ValueError as e:
    print("ValueError:", e)

# Writes checked against the format.
with memoryview(b) as v:
    for bad in (256, -1, "a", 1.5):
        try:
            v[0] = bad
        except (TypeError, ValueError) as e:
            print(type(e).__name__, e)
    try:
        v[1:3] = b"abc"
    except ValueError as e:
        print("ValueError:", e)
    try:
        v[6]
    except IndexError as e:
        print("IndexError:", e)
    try:
        del v[0]
    except TypeError as e:
        print("TypeError:", e)
    c = v.cast("c")
    print(c[0], c.format, c.tolist()[:2])
    c.release()

# Two dimensions, in the payload, writable.
g = Grid()
with memoryview(g) as v:
    print(v.format, v.itemsize, v.ndim, v.shape, v.strides, v.nbytes, v.c_contiguous)
    print(v.tolist())
    print(v[1, 2], v[-1, -1], g.cell(1, 2))
    v[1, 2] = 12345
    print(g.cell(1, 2), v[1, 2])
    rows = v[1:]
    print(rows.shape, rows.tolist())
    rows.release()
    flat = v.cast("B").cast("i")
    print(flat.shape, flat[6], len(flat.tobytes()))
    flat.release()
    for key in (1, (1,), (1, 2, 3), "x"):
        try:
            v[key]
        except (TypeError, NotImplementedError) as e:
            print(type(e).__name__, e)
    print(v == memoryview(g), v.tobytes() == bytes(g))
gc.collect()
print(g.exports, buffers.released())

# Negative strides: the buffer pointer at the last element.
k = Backwards()
with memoryview(k) as v:
    print(v.tolist(), v[0], v[-1], v.strides, v.c_contiguous, v.readonly)
    print(v[::-1].tolist(), len(v.tobytes()))
    try:
        v[0] = 1.0
    except TypeError as e:
        print("TypeError:", e)
print(bytes(k) == memoryview(k).tobytes())
gc.collect()
print(k.exports)

# Errors from getbuffer propagate; objects without the slot are refused.
for obj in (Refusing(), 5, "text"):
    try:
        memoryview(obj)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
try:
    bytes(Refusing())
except ValueError as e:
    print("ValueError:", e)
print(buffers.released())
