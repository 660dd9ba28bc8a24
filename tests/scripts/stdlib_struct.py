# struct: pack/unpack of every format code and byte order, sizes, alignment, the
# errors and their messages.
import struct


def show(f, *a):
    try:
        print(repr(f(*a)))
    except Exception as e:
        print(type(e).__name__, e)


for fmt in ["b", "B", "?", "h", "H", "i", "I", "l", "L", "q", "Q", "n", "N", "e", "f", "d",
            "c", "3s", "4p", "x", "P", "bi", "ci", "bq", "<bq", ">hd", "!iH", "=lL", "2i3x",
            "i 2h", "0s", "@iq"]:
    show(struct.calcsize, fmt)

ints = [1, -1, 128, -129, 256, 65535, -32769, 2**31, -2**31 - 1, 2**32, 2**63, 2**64]
for order in "@<>":
    for code in "bBhHiIlLqQ":
        for v in ints:
            show(struct.pack, order + code, v)
show(struct.pack, "i", 1.0)
show(struct.pack, "i", "1")
show(struct.pack, "<n", 1)

floats = [0.0, -0.0, -1.5, 0.1, 1 / 3, 1e300, 5e-324, float("inf"), 65519.0, 65520.0,
          6e-8, 3e-8, 3.5e38, 2.0**-149, 2.0**-150, 3 * 2.0**-151]
for order in "<>":
    for code in "efd":
        for v in floats:
            try:
                b = struct.pack(order + code, v)
            except Exception as e:
                print(order + code, v, type(e).__name__, e)
                continue
            print(order + code, v, b, struct.unpack(order + code, b))
show(struct.pack, "d", float("nan"))
print(struct.unpack("<d", struct.pack("<d", float("nan"))))
show(struct.pack, "f", "x")
show(struct.pack, "f", 2)
show(struct.pack, "f", 3.5e38)
show(struct.pack, "@e", 0.1)

show(struct.pack, "ci?", b"a", 7, [])
show(struct.pack, "3s4p", b"abcdef", b"xyz")
show(struct.pack, "5p", b"abcdef")
show(struct.pack, "c", b"ab")
show(struct.pack, "s", "ab")
show(struct.pack, "2i", 1)
show(struct.pack, "3")
show(struct.pack, "z", 1)
show(struct.unpack, "i", b"ab")
show(struct.unpack, "<ihc?3s", b"\x01\x00\x00\x00\xff\xffz\x02abc")
show(struct.unpack, ">q", b"\xff" * 8)
show(struct.unpack, "3p", b"\x05ab")

buf = bytes(range(16))
show(struct.unpack_from, "<2H", buf, 3)
show(struct.unpack_from, "<i", buf, -4)
show(struct.unpack_from, "i", buf, 14)
show(struct.unpack_from, "i", buf, -20)
show(lambda: list(struct.iter_unpack("<h", b"\x01\x00\x02\x00\x03\x00")))
show(lambda: list(struct.iter_unpack("i", b"abcde")))
show(lambda: list(struct.iter_unpack("", b"ab")))

s = struct.Struct("<hi")
print(s.size, s.format, s.pack(1, 2), s.unpack(s.pack(-1, -2)))
print(issubclass(struct.error, Exception))
print(len(struct.pack("l", 0)))
