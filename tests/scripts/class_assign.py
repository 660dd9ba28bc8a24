# obj.__class__ = cls for instances of Python classes: to a class of the same layout only.
class A:
    def who(self):
        return "A"


class B:
    def who(self):
        return "B"

    def __repr__(self):
        return "<a B>"


class C(A):
    pass


class L(list):
    pass


class M(list):
    def total(self):
        return sum(self)


class S:
    __slots__ = ("x",)


a = A()
a.v = 1
a.__class__ = B
print(type(a).__name__, a.who(), a.v, repr(a), isinstance(a, B), isinstance(a, A))
a.__class__ = C
print(type(a).__name__, a.who(), isinstance(a, A))
object.__setattr__(a, "__class__", A)
print(type(a).__name__)
setattr(a, "__class__", B)
print(type(a).__name__)

m = L([1, 2, 3])
m.__class__ = M
print(type(m).__name__, m.total(), m)


def attempt(f):
    try:
        f()
        print("ok")
    except TypeError as e:
        print("TypeError:", e)


attempt(lambda: setattr(a, "__class__", int))
attempt(lambda: setattr(a, "__class__", L))
attempt(lambda: setattr(m, "__class__", A))
attempt(lambda: setattr(a, "__class__", 5))
attempt(lambda: setattr(S(), "__class__", A))
attempt(lambda: delattr(a, "__class__"))
print(type(a).__name__, type(m).__name__)


class P:
    @property
    def __class__(self):
        return int


p = P()
print(p.__class__ is int, type(p).__name__, isinstance(p, int))
