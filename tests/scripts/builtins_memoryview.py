# memoryview over bytes and bytearray (hpymove's is runtime/stdlib/_memoryview.py).
# Not here: resizing a viewed bytearray (BufferError on CPython, allowed on hpymove).
m = memoryview(b"abcdef")
print(len(m), m[0], m[-1], m[1:4].tobytes(), m.tolist(), m.format, m.itemsize, m.ndim)
print(m.shape, m.strides, m.suboffsets, m.readonly, m.nbytes, m.obj, type(m).__name__)
print(m == b"abcdef", m != b"abcdef", m == bytearray(b"abcdef"), m == "abcdef", m == m[:])
print(m[::2].tobytes(), bytes(m[::-1]), m[10:20].tolist(), m[-2:].tolist(), list(m[4:]))
print(m[::2].strides, m[::-2].tolist(), m[::2].c_contiguous, m[::2].contiguous, m.f_contiguous)
print(hash(m) == hash(b"abcdef"), isinstance(m, memoryview), 99 in m, 98 in m)
print(m.hex(), m.hex(":"), m.toreadonly().readonly, memoryview(m).tolist())

ba = bytearray(b"hello")
v = memoryview(ba)
v[0] = 72
v[-1] = ord("O")
print(ba, v.readonly, v.obj is ba)
ba[0] = 104        # same size: allowed while viewed
ba[1:3] = b"EL"
print(ba, v.tobytes())
v[1:3] = b"el"
v[::2] = b"HLO"
print(ba)
try:
    hash(v)
except ValueError as e:
    print("ValueError", e)
w = v[1:3]
v.release()
print(w.tolist())
w.release()
ba.append(33)
print(ba)
for op in (lambda: v[0], lambda: len(v), lambda: v.tobytes(), lambda: v.format):
    try:
        op()
    except ValueError as e:
        print("ValueError", e)
print(v == v, v == b"hELLo")
with memoryview(ba) as q:
    q[0] = 33
print(ba, bytearray(memoryview(b"ab")), bytes(memoryview(ba)[1:3]))
ba += b"more"
print(ba)

c = memoryview(b"\x01\x00\x00\x00\xfe\xff\xff\xff").cast("i")
print(c.tolist(), c.format, c.itemsize, c.shape, c.nbytes, len(c), c[1])
print(c.cast("B").tolist(), c.cast("b").tolist()[4:], c.cast("c")[0])
print(memoryview(b"\x00" * 8).cast("d").tolist(), memoryview(b"\x01\x00" * 2).cast("H").tolist())
print(c == memoryview(b"\x01\x00\x00\x00\xfe\xff\xff\xff"), c == c.cast("B").cast("i"))
d = memoryview(bytes(range(12))).cast("B", (3, 4))
print(d.tolist(), d.shape, d.strides, d[1, 2], d.ndim, d[2, -1], d[1:].tolist())
print(d.tobytes(), d.tobytes("F"), d.cast("B").tolist()[:5], len(d))
z = memoryview(b"\x05").cast("B", ())
print(z.ndim, z.shape, z.tolist(), z[()], z[...] is z)
for op in (lambda: len(z), lambda: z[0], lambda: d[1], lambda: list(d),
           lambda: c.cast("i"), lambda: memoryview(b"abc").cast("i"),
           lambda: d.cast("B", (2, 6)), lambda: memoryview(b"ab").cast("B", [3]),
           lambda: memoryview(b"ab").cast("x"), lambda: memoryview(b"ab").cast(1),
           lambda: m[::2].cast("B"), lambda: m["a"], lambda: m[1:2, 3:4], lambda: m[6],
           lambda: m[::0], lambda: memoryview(1), lambda: memoryview("s"),
           lambda: hash(c), lambda: c.tobytes("X")):
    try:
        op()
        print("no error")
    except (TypeError, ValueError, IndexError, NotImplementedError) as e:
        print(type(e).__name__, e)
e = memoryview(b"")
print(e.tolist(), e.tobytes(), len(e), e.shape, e == b"", e.c_contiguous)
h = memoryview(bytes(range(5)))
print(h.hex("-", 2), h.hex(b"|", -2), h.hex(" ", 5), h.hex(":", 0) if False else "")
