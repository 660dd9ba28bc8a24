# __slots__: member descriptors on the class, no __dict__ when the whole hierarchy
# defines __slots__, AttributeError for other names and for unset slots.


def attempt(what, f):
    try:
        print(what, "->", f())
    except (AttributeError, TypeError, ValueError) as e:
        print(what, "->", type(e).__name__ + ":", e)


class A:
    __slots__ = ("x",)


a = A()
attempt("unset read", lambda: a.x)
a.x = 1
print(a.x)
attempt("assign y", lambda: setattr(a, "y", 2))
attempt("object.__setattr__ y", lambda: object.__setattr__(a, "y", 2))
attempt("read y", lambda: a.y)
attempt("del y", lambda: delattr(a, "y"))
attempt("__dict__", lambda: a.__dict__)
attempt("vars", lambda: vars(a))
print(hasattr(a, "__dict__"), hasattr(a, "x"))
print(type(A.x).__name__, repr(A.x), A.x.__name__, A.x.__objclass__ is A, A.x.__qualname__)
del a.x
attempt("del unset", lambda: delattr(a, "x"))
attempt("read after del", lambda: a.x)
print(A.__slots__, "x" in dir(a), "__dict__" in dir(a))


class B(A):
    __slots__ = ["y", "__weakref__"]


b = B()
b.x, b.y = 1, 2
print(b.x, b.y, hasattr(b, "__dict__"), repr(B.y), repr(B.x))
attempt("B assign z", lambda: setattr(b, "z", 3))


class C(A):
    pass


c = C()
c.z = 5
c.x = 1
print(c.__dict__, c.x, vars(c))
del c.x
print(hasattr(c, "x"), c.__dict__)


class D:
    __slots__ = "single"


d = D()
d.single = 4
print(d.single, D.__slots__)


class E:
    __slots__ = ("a", "__dict__")


e = E()
e.a = 1
e.b = 2
print(e.__dict__, e.a, e.b)


class F:
    __slots__ = ()


attempt("F assign", lambda: setattr(F(), "q", 1))


def make(ns):
    return type("G", (), ns)


attempt("conflict", lambda: make({"__slots__": ("x",), "x": 1}))
attempt("not a string", lambda: make({"__slots__": (1,)}))
attempt("not an identifier", lambda: make({"__slots__": ("a b",)}))
attempt("__dict__ twice", lambda: make({"__slots__": ("__dict__", "__dict__")}))
print(sorted(k for k in make({"__slots__": ["p", "q"]}).__dict__ if len(k) == 1))

A.x.__set__(a, 10)
print(A.x.__get__(a, A), A.x.__get__(None, A) is A.x)
A.x.__delete__(a)
attempt("after __delete__", lambda: a.x)
attempt("descriptor on int", lambda: A.x.__set__(1, 2))
attempt("descriptor on C", lambda: A.x.__get__(C()))


class P:
    __slots__ = ("v",)

    def __init__(self, v):
        self.v = v

    @property
    def double(self):
        return self.v * 2

    def __repr__(self):
        return "P(%r)" % self.v


p = P(3)
print(p.double, getattr(p, "zz", "default"), p, [P(i) for i in range(3)])


class Q(P):
    __slots__ = ("w",)

    def __init__(self):
        super().__init__(7)
        self.w = "w"


q = Q()
print(q.v, q.w, q.double, isinstance(q, P), hasattr(q, "__dict__"))
items = [Q() for _ in range(50)]
print(sum(i.v for i in items), {i.w for i in items})
