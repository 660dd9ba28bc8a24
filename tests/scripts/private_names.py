# Private name mangling: `__x` inside a class is `_Class__x` (CPython's compiler rules).


def public(ns):
    return sorted(k for k in ns if not k.startswith("__"))


class Base:
    __secret = "base"

    def __init__(self):
        self.__value = 1
        self.__dict__["plain"] = 2

    def reveal(self):
        return self.__secret, self.__value

    def __helper(self):
        return "helper"

    def call_helper(self):
        return self.__helper()


class Child(Base):
    __secret = "child"

    def __init__(self):
        super().__init__()
        self.__value = 10

    def mine(self):
        return self.__secret, self.__value


c = Child()
print(public(Base.__dict__), public(Child.__dict__))
print(c.reveal(), c.mine(), sorted(vars(c)))
print(c._Base__value, c._Child__value, c.call_helper())
print(Base._Base__helper.__name__, Base._Base__helper.__qualname__)
try:
    c.__value
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(c, "__value", "not there"), hasattr(c, "_Base__value"))


class Params:
    def f(self, __p, q=2, *__rest, __kw=3, **__more):
        return __p, q, __rest, __kw, __more

    def g(self, __k):
        return __k


print(Params.f.__code__.co_varnames)
print(Params().f(1, 2, 3, _Params__kw=4, x=5))
try:
    Params().g(__k=1)
except TypeError as e:
    print("TypeError:", e)
print(Params().g(_Params__k=7))


def kw(**kwargs):
    return kwargs


class Keywords:
    def call(self):
        # Keyword arguments are not mangled.
        return kw(__a=1, b=2)


print(Keywords().call())


class Nested:
    __n = 5

    def method(self):
        def inner():
            return self.__n

        lam = lambda: self.__n * 2
        comp = [self.__n + i for i in range(2)]
        gen = list(__i for __i in range(2))
        return inner(), lam(), comp, gen

    class __Inner:
        __deep = "deep"

        def get(self):
            return self.__deep

    def inner_class(self):
        return self.__Inner().get(), self.__Inner.__name__, self.__Inner.__qualname__


n = Nested()
print(n.method(), n.inner_class())
print(public(Nested.__dict__), public(Nested._Nested__Inner.__dict__))


class Scopes:
    def set_global(self):
        global __g
        __g = "global"

    def closure(self):
        __c = 1

        def bump():
            nonlocal __c
            __c += 1
            return __c

        return bump(), bump()


Scopes().set_global()
print(_Scopes__g, Scopes().closure())


class Imports:
    import math as __m
    from os import path as __p
    from math import pi as __d

    def use(self):
        return self.__m.sqrt(4), self.__p.__name__ in ("posixpath", "ntpath"), type(self.__d)


print(public(Imports.__dict__), Imports().use())


class Others:
    __ann: int = 3
    try:
        raise ValueError("v")
    except ValueError as __e:
        seen = str(__e)

    def matcher(self, v):
        match v:
            case [__first, *__rest]:
                return __first, __rest
            case {"k": __val, **__others}:
                return __val, __others
            case __any:
                return __any


print(Others.__annotations__, Others.seen, public(Others.__dict__))
o = Others()
print(o.matcher([1, 2, 3]), o.matcher({"k": 1, "z": 2}), o.matcher(9))


class _Underscored:
    __u = 1


class __Dunderish:
    __u = 2


class ___:
    __u = 3


print(public(_Underscored.__dict__), public(__Dunderish.__dict__), [k for k in ___.__dict__ if "u" in k and "qual" not in k and "mod" not in k])


class Dunders:
    __special__ = "kept"
    ___three = "mangled"


print(public(Dunders.__dict__), [k for k in Dunders.__dict__ if k.startswith("__sp")])


class Slotted:
    __slots__ = ("__hidden", "shown", "__dict__")

    def __init__(self):
        self.__hidden = 1
        self.shown = 2

    def get(self):
        return self.__hidden


s = Slotted()
print(s.get(), s._Slotted__hidden, Slotted._Slotted__hidden, Slotted.__slots__)
try:

    class Clash:
        __slots__ = ("__a",)
        _Clash__a = 1

except ValueError as e:
    print("ValueError:", e)


class Attr:
    def __init__(self):
        self.__x = 1

    def delete(self):
        del self.__x
        return hasattr(self, "_Attr__x")

    def setdefault(self):
        setattr(self, "__x", 5)
        return self.__x, getattr(self, "__x")


a = Attr()
print(a.setdefault(), a.delete())
print(type("Dyn", (), {"__slots__": ("__z",)})._Dyn__z)

import copy


class Copied:
    __slots__ = ("__a", "b")

    def __init__(self):
        self.__a = [1]
        self.b = 2

    def a(self):
        return self.__a


for f in (copy.copy, copy.deepcopy):
    q = f(Copied())
    print(q.a(), q.b)
