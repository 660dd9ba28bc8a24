# pickle (written in Python for hpymove): the bytes of CPython's pickler for the builtin
# types, every protocol, and loading them back.
import pickle

def check(tag, obj, protocols=(0, 2, 4)):
    for p in protocols:
        data = pickle.dumps(obj, p)
        back = pickle.loads(data)
        same = back == obj and type(back) is type(obj) if obj == obj else back != back
        print(tag, p, data, same)

for tag, obj in [("none", None), ("true", True), ("false", False)]:
    check(tag, obj)
for n in (0, 255, 256, 65535, 65536, -1, -129, 2**31 - 1, -2**31, 2**31, -2**31 - 1,
          2**63, -2**63, 2**70, -2**300):
    check("int", n, [0, 2])
check("int-big", 10**700, [0, 2])
for x in (0.0, -0.0, 1.5, -2.25, 1e300, 5e-324, float("inf"), float("nan")):
    check("float", x, [0, 1])
for s in ("", "abc", "é€😀", "a\\b\n\x00\r\x1a", "x" * 300):
    check("str", s, [0, 1, 4])
for b in (b"", b"xyz", b"\x00\xff", b"y" * 300):
    check("bytes", b, range(6))
for b in (bytearray(), bytearray(b"ab\xff")):
    check("bytearray", b, range(6))
for t in ((), (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)):
    check("tuple", t)
for l in ([], [1], [1, "a"]):
    check("list", l)
for d in ({}, {1: 2}, {"a": 1, "b": [2]}):
    check("dict", d)
for s in (set(), {1}, {1, 2, 3}):
    check("set", s)
for s in (frozenset(), frozenset([1]), frozenset([1, 2])):
    check("frozenset", s)
for obj in (len, int, type(None), type(Ellipsis), Ellipsis, NotImplemented, ValueError,
            ValueError("x", 2), range(1, 10, 2), slice(1, 2), [min, max, KeyError]):
    check("global", obj, [0, 2, 4])

# Shared and recursive references come back shared.
shared = [1, 2]
obj = [shared, shared, (shared,), {"k": shared}]
for p in (0, 2, 4):
    data = pickle.dumps(obj, p)
    back = pickle.loads(data)
    print("shared", p, data, back[0] is back[1] is back[2][0] is back[3]["k"])
l = [1]; l.append(l)
d = {}; d["self"] = d
t = ([],); t[0].append(t)
for p in (0, 1, 2, 4):
    bl = pickle.loads(pickle.dumps(l, p))
    bd = pickle.loads(pickle.dumps(d, p))
    bt = pickle.loads(pickle.dumps(t, p))
    print("recursive", p, pickle.dumps(t, p), bl[1] is bl, bd["self"] is bd, bt[0][0] is bt)
