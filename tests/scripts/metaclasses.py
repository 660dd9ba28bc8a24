# Python metaclasses: __new__/__init__/__call__/__prepare__, methods and properties on the
# metaclass, dunders of the metaclass on its classes, conflicts, function metaclasses.
class M(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("M.__new__", mcls.__name__, name, sorted(k for k in ns if not k.startswith('__')), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get('tag', 'none')
        return cls
    def __init__(cls, name, bases, ns, **kw):
        print("M.__init__", name)
    def hello(cls):
        return "hello from " + cls.__name__
    @property
    def shout(cls):
        return cls.__name__.upper()
X = M('X', (), {'a': 1})
print(type(X).__name__, X.tag, X.a, X.hello(), isinstance(X, M), isinstance(X, type), X.shout)
class C(metaclass=M, tag='hi'):
    def method(self):
        return "method of C"
print(C.tag, type(C).__name__, C().method(), C.hello(), hasattr(C, "hello"), hasattr(C(), "hello"))
class D(C):
    pass
print(type(D).__name__, D.tag, D.hello())
class Registry(type):
    classes = []
    def __init__(cls, name, bases, ns):
        super().__init__(name, bases, ns)
        Registry.classes.append(name)
class P(metaclass=Registry): pass
class Q(P): pass
print(Registry.classes)
class Singleton(type):
    _instances = {}
    def __call__(cls, *args, **kwargs):
        if cls not in cls._instances:
            cls._instances[cls] = super().__call__(*args, **kwargs)
        return cls._instances[cls]
class Config(metaclass=Singleton):
    def __init__(self, v):
        self.v = v
a, b = Config(1), Config(2)
print(a is b, a.v)
class Ordered(type):
    @classmethod
    def __prepare__(mcs, name, bases, **kw):
        print("prepare", name, [b.__name__ for b in bases], kw)
        d = {}
        d['injected'] = 42
        return d
class O(metaclass=Ordered):
    x = 1
print(O.injected, O.x)
class Counted(type):
    def __len__(cls):
        return 3
    def __iter__(cls):
        return iter([1, 2, 3])
    def __contains__(cls, x):
        return x == 2
    def __getitem__(cls, i):
        return i * 10
    def __repr__(cls):
        return "<Counted " + cls.__name__ + ">"
class E(metaclass=Counted): pass
print(len(E), list(E), 2 in E, 5 in E, E[4], repr(E), E)
C.newattr = 5
print(C.newattr, C().newattr)
class S:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
print(S(1) is S(2), S(3).v)
class Name(str):
    def __new__(cls, value):
        return super().__new__(cls, value.upper())
n = Name("abc")
print(n, type(n).__name__, n + "!")
def fmeta(name, bases, ns):
    print("function metaclass", name)
    return type(name, bases, ns)
class F(metaclass=fmeta):
    y = 2
print(F.y, type(F).__name__)
class M2(type): pass
class A1(metaclass=M): pass
class B1(metaclass=M2): pass
try:
    class AB(A1, B1): pass
except TypeError as e:
    print("TypeError:", e)
T = type('T', (C,), {})
print(type(T).__name__, T.tag)
print(M.__mro__, type(M).__name__, M.__name__)
