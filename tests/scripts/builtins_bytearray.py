# bytearray: construction, items and slices, mutation, operators, conversions, repr.
def show(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__, e)


for src in [None, 3, b"abc", [65, 66], "héllo", range(3), bytearray(b"xy")]:
    if isinstance(src, str):
        show(lambda: bytearray(src, "utf-8"))
    elif src is None:
        show(lambda: bytearray())
    else:
        show(lambda: bytearray(src))
show(lambda: bytearray("x"))
show(lambda: bytearray(-1))
show(lambda: bytearray([256]))
show(lambda: bytearray(["a"]))
show(lambda: bytearray(1.5))
show(lambda: bytearray(b"x", "utf-8"))

ba = bytearray(b"hello")
print(ba[0], ba[-1], ba[1:3], len(ba), type(ba).__name__, type(ba[1:3]).__name__)
ba[0] = 72
ba[1:3] = b"EL"
ba.append(33)
ba.extend([32, 63])
ba.extend(b"!")
print(ba, ba.pop(), ba.pop(0), ba)
del ba[0]
print(ba, bytes(ba), ba.decode(), ba.hex(), list(ba))
print(ba == b"Llo! ?"[:0] + bytes(ba), ba == bytearray(bytes(ba)), ba != b"x", b"Llo" == bytearray(b"Llo"))
print(ba + b"+", ba * 2, 2 * bytearray(b"ab"), b"<" + bytearray(b">"))
x = bytearray(b"ab")
y = x
x += b"cd"
print(x, y is x, 99 in x, b"bc" in x, 120 in x)
show(lambda: x.__setitem__(0, 300))
show(lambda: x[10])
show(lambda: bytearray().pop())
show(lambda: hash(bytearray()))
show(lambda: x.__setitem__(slice(0, 1), 5))
print(isinstance(x, bytearray), isinstance(x, bytes), bytearray.fromhex("41 42"))
print(x.upper(), x.find(b"c"), x.split(b"b"), x.startswith(b"ab"), x.replace(b"a", b"z"))
x.insert(0, 48)
x.remove(99)
x.reverse()
print(x, x.copy(), str(bytearray(b"'q'")))
x.clear()
print(x, len(x), bool(x))
