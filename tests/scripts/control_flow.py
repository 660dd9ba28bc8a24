# Control flow, exceptions, unpacking, comparisons, slicing.

for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print("odd", i)
else:
    print("not reached")

n = 0
while n < 3:
    n += 1
else:
    print("while else", n)

a, (b, c), *rest = [1, (2, 3), 4, 5]
print("unpack", a, b, c, rest)
first, *middle, last = "hello"
print("star", first, middle, last)
x = y = 7
print("chained assign", x, y)
print("chained compare", 1 < 2 < 3, 1 < 3 < 2, 2 == 2 != 3)
one = 1
print("is / in", None is None, one is not None, 3 in [1, 2, 3], "ell" in "hello", 5 not in (1, 2))
s = "abcdefgh"
print("slices", s[1:4], s[::2], s[::-1], s[-3:], [1, 2, 3, 4][1:3])
d = {"k": [1, 2]}
d["k"][0] += 10
print("aug subscript", d)

def risky(kind):
    try:
        if kind == "value":
            raise ValueError("bad value")
        if kind == "key":
            return {}["missing"]
        if kind == "zero":
            return 1 // 0
        return "fine"
    except ValueError as e:
        return "caught ValueError: " + str(e)
    except (KeyError, IndexError) as e:
        return "caught lookup: " + repr(e)
    else:
        pass
    finally:
        print("finally for", kind)

for k in ["value", "key", "none"]:
    print(risky(k))
try:
    risky("zero")
except ZeroDivisionError as e:
    print("outer caught", type(e).__name__, e)

try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise RuntimeError("outer") from e
except RuntimeError as e:
    print("from:", e)

try:
    assert 1 + 1 == 3, "math is broken"
except AssertionError as e:
    print("assert:", e)

def deep(n):
    return deep(n + 1)

try:
    deep(0)
except RecursionError as e:
    print("recursion:", e)

value = 10
del value
try:
    print(value)
except NameError as e:
    print("NameError:", e)

def unbound():
    print(z)
    z = 1

try:
    unbound()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print("done")
