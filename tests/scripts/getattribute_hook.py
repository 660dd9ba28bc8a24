# __getattribute__ of Python classes, with __getattr__ as the fallback on AttributeError;
# object.__getattribute__ and super().__getattribute__ (CPython's slot_tp_getattr_hook).
class Logged:
    def __init__(self):
        self.x = 1
    def __getattribute__(self, name):
        if name.startswith("secret"):
            raise AttributeError(name)
        if name == "virtual":
            return "virtual!"
        print("get", name)
        return object.__getattribute__(self, name)
    def __getattr__(self, name):
        return "fallback:" + name
    def method(self):
        return self.x + 1
l = Logged()
print(l.x, l.virtual, l.secret1, l.missing, l.method())
print(getattr(l, "secret2", "dflt"), hasattr(l, "nothing"))
class Sup(Logged):
    def __getattribute__(self, name):
        if name == "y":
            return 99
        return super().__getattribute__(name)
s = Sup()
print(s.y, s.x, s.zz)
class NoFallback:
    def __getattribute__(self, name):
        return object.__getattribute__(self, name)
n = NoFallback()
n.a = 5
print(n.a)
try:
    n.b
except AttributeError as e:
    print("AttributeError:", e)
class Plain:
    def __getattr__(self, name):
        if name == "boom":
            return object.__getattribute__(self, name)
        return name.upper()
    @property
    def prop(self):
        raise AttributeError("inside property")
p = Plain()
print(p.abc, p.prop)
try:
    p.boom
except AttributeError as e:
    print("AttributeError:", e)
print(object.__getattribute__(p, "__class__").__name__, object.__getattribute__([], "count")([]))
try:
    object.__getattribute__(p, 3)
except TypeError as e:
    print("TypeError:", e)
class Counter:
    calls = 0
    def __getattribute__(self, name):
        type(self).calls += 1
        return super().__getattribute__(name)
    @property
    def p(self):
        return self.q
    q = 7
c = Counter()
print(c.p, Counter.calls)
class Dyn: pass
d = Dyn()
Dyn.__getattribute__ = lambda self, name: "dyn-" + name
print(d.anything)
del Dyn.__getattribute__
d.k = 1
print(d.k)
class L(list):
    def __getattribute__(self, name):
        if name == "append":
            raise AttributeError("no append")
        return list.__getattribute__(self, name)
ll = L([1])
print(len(ll), ll.count(1))
try: ll.append(2)
except AttributeError as e: print("AttributeError:", e)
