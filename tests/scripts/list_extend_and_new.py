# list.extend iterates its argument (never its __radd__, which `+=` asks first); a
# __new__ that returns an instance of a subclass gets that subclass's __init__ run.
class Seq:
    def __init__(self, *xs): self.xs = xs
    def __iter__(self): return iter(self.xs)
    def __len__(self): return len(self.xs)
    def __getitem__(self, i): return self.xs[i]
    def __radd__(self, other): return "radd of Seq"

v = [0]
v.extend(Seq(1, 2))
print(v)
v = []
v.extend(Seq(3))
print(v)
v = [0]
v += Seq(1, 2)
print(v)
v = [1, 2]
v.extend(v)
print(v)
v.extend(x * 10 for x in range(3))
v.extend("ab")
v.extend({"k": 1})
v.extend(b"\x01")
print(v)
for bad in [5, None]:
    try:
        [].extend(bad)
    except TypeError as e:
        print(e)

class Base:
    def __new__(cls, key=None):
        if key is None:
            return object.__new__(cls)
        return object.__new__(Keyed)

    def __init__(self, key=None):
        assert key is None
        self.kind = "base"

class Keyed(Base):
    def __init__(self, key=None):
        self.kind = "keyed by %s" % (key,)

print(Base().kind, Base(3).kind, type(Base(3)).__name__)

class NotMine:
    def __new__(cls):
        return 5
    def __init__(self):
        print("never called")

print(NotMine())

class Plain:
    pass

class Factory:
    def __new__(cls):
        return Plain()
    def __init__(self):
        print("never called either")

print(type(Factory()).__name__)

class NoInit(Base):
    pass

print(NoInit().kind, type(Base("k")).__name__)
