# weakref.proxy: attributes, operators, items and calls go to the object; shared when
# there is no callback; ReferenceError once the object died (after gc.collect()).
import gc, weakref
class A:
    def __init__(self): self.v = [1, 2, 3]
    def m(self): return "m"
    def __add__(self, o): return "add %r" % (o,)
    def __radd__(self, o): return "radd %r" % (o,)
    def __lt__(self, o): return "lt"
    def __len__(self): return 3
    def __iter__(self): return iter(self.v)
    def __getitem__(self, k): return self.v[k]
    def __eq__(self, o): return o is self
    def __hash__(self): return 1
a = A()
p = weakref.proxy(a)
print(p.v, p.m(), p + 1, 1 + p, p < 2, len(p), list(p), p[1], 2 in p, p == a, bool(p))
p.w = 5
print(a.w, type(p), weakref.proxy(a) is p, weakref.getweakrefcount(a))
print(repr(p) == "<weakproxy at %#x to A at %#x>" % (id(p), id(a)), str(p) == str(a))
try: hash(p)
except TypeError as e: print(e)
r = weakref.ref(a)
print(weakref.getweakrefs(a) == [r, p] or [type(x) for x in weakref.getweakrefs(a)])
cp = weakref.proxy(len)
print(type(cp), cp([1, 2]), callable(cp), weakref.ProxyTypes)
told = []
p2 = weakref.proxy(a, lambda x: told.append(x is p2))
del a, r
gc.collect()
print(told, repr(p) == "<weakproxy at %#x to NoneType at %#x>" % (id(p), id(None)))
for f in [lambda: p.v, lambda: p + 1, lambda: len(p), lambda: str(p)]:
    try: f()
    except ReferenceError as e: print("ReferenceError", e)
