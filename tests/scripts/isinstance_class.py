# isinstance/issubclass in CPython 3.11's order: type(obj) is cls, a Python metaclass's
# __instancecheck__/__subclasscheck__, then type(obj) and obj.__class__ (Mock(spec=C), weak proxies).
import weakref
class C: pass
class D(C): pass
class Fake:
    @property
    def __class__(self): return C
f = Fake()
print(isinstance(f, C), isinstance(f, Fake), isinstance(f, (int, C)), type(f).__name__)
class Raising:
    @property
    def __class__(self): raise AttributeError("no")
print(isinstance(Raising(), C), isinstance(Raising(), Raising))
class Boom:
    @property
    def __class__(self): raise KeyError("boom")
try: print(isinstance(Boom(), C))
except KeyError as e: print("KeyError", e)
print(isinstance(Boom(), Boom))
class NotType:
    @property
    def __class__(self): return 5
print(isinstance(NotType(), C))
c = C()
p = weakref.proxy(c)
print(isinstance(p, C), isinstance(p, weakref.ProxyType), p.__class__ is C)
d = D(); pd = weakref.proxy(d); print(isinstance(pd, C), isinstance(pd, D))
del c
import gc; gc.collect()
try: print(isinstance(p, C))
except ReferenceError as e: print("ReferenceError", e)
class Meta(type):
    def __instancecheck__(cls, obj):
        print("check", cls.__name__, type(obj).__name__)
        return obj == 42
class M(metaclass=Meta): pass
class N(M): pass
print(isinstance(42, M), isinstance(M(), M), isinstance(N(), M), isinstance("x", (int, M)))
class Sub(metaclass=Meta):
    def __subclasscheck__(cls, sub): return True
class Meta2(type):
    def __subclasscheck__(cls, sub):
        print("subcheck", sub.__name__); return sub is int
class S(metaclass=Meta2): pass
print(issubclass(int, S), issubclass(S, S), issubclass(bool, S))
from unittest import mock
m = mock.Mock(spec=C)
print(isinstance(m, C), isinstance(m, mock.Mock), isinstance(mock.Mock(), C))
try: isinstance(1, 5)
except TypeError as e: print(e)
try: issubclass(1, int)
except TypeError as e: print(e)
import abc
class Base(abc.ABC):
    pass
Base.register(int)
print(isinstance(3, Base), issubclass(int, Base), isinstance("s", Base))
class Plain:
    __class__ = int  # a plain class attribute overrides object.__class__ too
print(Plain().__class__, isinstance(Plain(), int), type(Plain()).__name__)
