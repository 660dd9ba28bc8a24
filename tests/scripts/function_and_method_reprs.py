# The reprs of functions and bound methods, and bound methods' equality and hash, as
# CPython 3.11 shows and computes them (addresses masked).
import re


def masked(x):
    return re.sub(r"0x[0-9a-f]+", "ADDR", x)


def f():
    pass


def outer():
    def inner():
        pass

    return inner


class A:
    def g(self):
        pass

    def h(self):
        pass

    def __repr__(self):
        return "<A!>"


class B:
    def m(self):
        pass


a, a2 = A(), A()
print(masked(repr(f)), masked(str(outer())), masked(repr(lambda: 0)))
print(masked(repr(A.g)), repr(a.g), str(a.h), masked(repr(B().m)))
f.__qualname__ = "renamed"
print(masked(repr(f)))
print(a.g == a.g, a.g != a.g, a.g == a.h, a.g == a2.g, a.g is a.g)
print(hash(a.g) == hash(a.g), {a.g: 1}[a.g], len({a.g, a.g, a.h, a2.g}))
print(a.g.__func__ is A.g, a.g.__self__ is a)
print(masked(repr([a.g, f])))
