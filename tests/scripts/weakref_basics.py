# weakref.ref: calling, callbacks after death, equality and hashing, reprs, which objects
# can be weakly referenced. Objects die at a collection here (CPython frees them at once):
# every death is followed by gc.collect() before it is observed.
import gc
import weakref


class A:
    def __init__(self, n):
        self.n = n

    def __eq__(self, other):
        return isinstance(other, A) and self.n == other.n

    def __hash__(self):
        return hash(self.n)


class Loud:
    """A callback with a fixed repr (the default one shows an address)."""

    def __init__(self, name):
        self.name = name

    def __call__(self, r):
        print("callback", self.name, r() is None)

    def __repr__(self):
        return "<Loud %s>" % self.name


a = A(1)
r = weakref.ref(a)
print(r() is a, r is weakref.ref(a), r.__callback__)
print(isinstance(r, weakref.ref), type(r) is weakref.ReferenceType, weakref.ref)
print(repr(r) == "<weakref at %#x; to 'A' at %#x>" % (id(r), id(a)))

# Callbacks run once, newest first, with the weak reference as argument.
c1 = weakref.ref(a, Loud("first"))
c2 = weakref.ref(a, Loud("second"))
print(c1 is not c2, c1.__callback__, weakref.getweakrefcount(a))
print([x is r for x in weakref.getweakrefs(a)], weakref.getweakrefs(a)[1] is c2)
print(hash(r) == hash(a), r == c1, r != c1)
del a
gc.collect()
print("after collect", r(), c1(), c1.__callback__)
print(repr(r) == "<weakref at %#x; dead>" % id(r))

# Equality: by referent while both live, by identity once one is dead.
x, y = A(2), A(2)
rx, ry = weakref.ref(x), weakref.ref(y)
print(rx == ry, rx != ry, hash(rx) == hash(ry))
del x
gc.collect()
print(rx == ry, rx != ry, rx == rx, hash(rx) == hash(2))
z = A(3)
rz = weakref.ref(z)
del z
gc.collect()
try:
    hash(rz)
except TypeError as e:
    print("TypeError:", e)

# A weak reference that dies before its target: no callback.
t = A(4)
w = weakref.ref(t, Loud("never"))
del w
gc.collect()
print(weakref.getweakrefcount(t))
del t
gc.collect()
print("no callback above")

# An exception in a callback is printed and ignored.
def failing(r):
    raise ValueError("from the callback")


class Bad:
    def __call__(self, r):
        raise ValueError("from the callback")

    def __repr__(self):
        return "<Bad>"


v = A(5)
wv = weakref.ref(v, Bad())
del v
print("collect returns", type(gc.collect()).__name__)
print("still running")

# Which objects can be weakly referenced.
def f():
    pass


class E(Exception):
    pass


class L(list):
    pass


class D(dict):
    pass


def gen():
    yield 1


for o in [1, "s", (1,), [1], {}, 1.5, None, b"x", ValueError(), object(), property(), True]:
    try:
        weakref.ref(o)
        print("ok", type(o).__name__)
    except TypeError as e:
        print(e)
for o in [set(), frozenset(), A, len, f, gc, A(0).__eq__, gen(), type, int, E(), L(), D()]:
    print("ok", type(o).__name__, weakref.ref(o)() is o)
rf = weakref.ref(f)
print(repr(rf) == "<weakref at %#x; to 'function' at %#x (f)>" % (id(rf), id(f)))
print(weakref.getweakrefcount(1), weakref.getweakrefs(1))

# Argument errors.
for args in [(), (f, None, 1)]:
    try:
        weakref.ref(*args)
    except TypeError as e:
        print(e)
try:
    weakref.ref(f)(1)
except TypeError as e:
    print(e)
try:
    weakref.ref(f) < weakref.ref(f)
except TypeError:
    print("no ordering")


# Subclasses of ref carry attributes and are never shared.
class Tagged(weakref.ref):
    def __init__(self, ob, callback=None, tag=None):
        super().__init__(ob, callback)
        self.tag = tag

    def __new__(cls, ob, callback=None, tag=None):
        return super().__new__(cls, ob, callback)


k = A(6)
tg = Tagged(k, None, "t")
print(tg.tag, tg() is k, tg is not weakref.ref(k))
gc.collect()
print(weakref.getweakrefcount(k))

# Many references to many objects, through many collections.
objs = [A(i) for i in range(200)]
refs = [weakref.ref(o) for o in objs]
for i in range(0, 200, 2):
    objs[i] = None
gc.collect()
print(sum(1 for r in refs if r() is None), all(refs[i]().n == i for i in range(1, 200, 2)))

# Copies of a weak reference are itself; pickling one is refused.
import copy
import pickle

cp = A(7)
rc = weakref.ref(cp)
print(copy.copy(rc) is rc, copy.deepcopy([rc])[0] is rc)
try:
    pickle.dumps(rc)
except TypeError as e:
    print(e)
