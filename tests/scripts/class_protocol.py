# The class creation protocol: __init_subclass__ with class keywords, __set_name__,
# __class_getitem__, metaclass=type.
class Base:
    subs = []
    def __init_subclass__(cls, **kw):
        print("init_subclass", cls.__name__, kw)
        Base.subs.append(cls.__name__)
class D(Base):
    pass
class E(D, flavour="mint"):
    pass
print(Base.subs)
class Desc:
    def __set_name__(self, owner, name):
        print("set_name", owner.__name__, name)
        self.name = name
class F:
    x = Desc()
    y = Desc()
print(F.x.name, F.y.name)
class A: pass
try:
    class B(A, foo=1): pass
except TypeError as e: print(e)
class C:
    def __init_subclass__(cls, a, **kw):
        super().__init_subclass__(**kw)
        print('C sub', cls.__name__, a)
class D2(C, a=5): pass
try:
    class E2(C, a=1, b=2): pass
except TypeError as e: print(e)
try:
    class F2(C): pass
except TypeError as e: print(e)
print(type(C.__dict__['__init_subclass__']).__name__)
class G(metaclass=type): pass
print(G)
opts = {'a': 7}
class H(C, **opts): pass
T = type('T', (Base,), {'d': Desc()})
print(Base.subs)
class Reg:
    registry = {}
    def __init_subclass__(cls, /, key=None, **kwargs):
        super().__init_subclass__(**kwargs)
        if key is not None:
            Reg.registry[key] = cls
class R1(Reg, key="one"): pass
class R2(Reg, key="two"): pass
print(sorted(Reg.registry), Reg.registry["two"].__name__)
class GA:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(GA[int], GA["x"])
try:
    class M(metaclass=42): pass
except TypeError as e: print("TypeError")
