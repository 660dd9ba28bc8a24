# array: typecodes, construction, indexing, conversion to and from bytes, range checks.
import array

print(array.typecodes)
for code in "bBhHiIlLqQfd":
    a = array.array(code, [1, 2, 3])
    print(code, a.typecode, a.itemsize, len(a), a, a.tobytes())
a = array.array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
a[0] = 10
print(a, a[1], a[-1], a[1:3], list(a), a.tolist(), 3 in a, a.index(3), a.count(2))
b = array.array("i")
b.frombytes(a.tobytes())
print(b == a, b, array.array("i", b"\x01\x00\x00\x00"))
print(array.array("d", [1.5, 2]), array.array("u", "hi"), array.array("b"))
print(a + array.array("i", [7]), a.pop(), a)
print(array.array.__name__, type(a).__name__)


def show(f, *args):
    try:
        print(repr(f(*args)))
    except Exception as e:
        print(type(e).__name__, e)


for code in "bBhHiIlLqQ":
    for v in (-2**64 - 1, -2**63, -1, 2**32, 2**63, 2**64, 40000, -40000, 200):
        show(array.array, code, [v])
show(array.array, "z")
show(array.array, "i", [1.5])
show(array.array, "d", ["x"])
show(lambda: a[100])
show(lambda: array.array("i", b"abc"))
