# Descriptors written in Python: data descriptors before the instance dict, others after.
class Typed:
    def __init__(self, kind):
        self.kind = kind
    def __set_name__(self, owner, name):
        self.name = "_" + name
    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return getattr(obj, self.name, None)
    def __set__(self, obj, value):
        if not isinstance(value, self.kind):
            raise TypeError(f"{self.name[1:]} must be {self.kind.__name__}")
        setattr(obj, self.name, value)
    def __delete__(self, obj):
        print("deleting", self.name)
class Shadowable:
    def __get__(self, obj, objtype=None):
        return "from descriptor"
class Rec:
    count = Typed(int)
    label = Typed(str)
    shadow = Shadowable()
r = Rec()
r.count = 3
r.label = "x"
print(r.count, r.label, r.__dict__, type(Rec.count).__name__, Rec.shadow)
try:
    r.count = "no"
except TypeError as e:
    print("TypeError:", e)
del r.count
print(r.shadow)
r.__dict__["shadow"] = "instance wins"
print(r.shadow)
r.__dict__["count"] = 99
print(r.count)
class RO:
    def __get__(self, obj, t=None): return 1
    def __delete__(self, obj): pass
class H:
    ro = RO()
try:
    H().ro = 5
except AttributeError as e:
    print("AttributeError:", e)
