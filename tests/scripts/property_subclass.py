# Subclasses of property (toolz's InstanceProperty, cached-property patterns): the
# accessors through property's own __get__/__set__/__delete__, an overridden __get__
# calling property.__get__, setter/getter/deleter keeping the subclass, isinstance.


class InstanceProperty(property):
    def __init__(self, fget=None, fset=None, fdel=None, doc=None, classval=None):
        self.classval = classval
        property.__init__(self, fget=fget, fset=fset, fdel=fdel, doc=doc)

    def __get__(self, obj, type=None):
        if obj is None:
            return self.classval
        return property.__get__(self, obj, type)


class Logged(property):
    pass


class C:
    def __init__(self):
        self._x = 1

    def _get(self):
        "the x value"
        return self._x

    x = InstanceProperty(_get, classval="class value")

    @Logged
    def y(self):
        return self._x * 10

    @y.setter
    def y(self, v):
        self._x = v // 10

    @y.deleter
    def y(self):
        print("deleting y")

    ro = Logged(lambda self: "read only")


c = C()
print(c.x, C.x, c.y, type(C.__dict__["y"]).__name__)
c.y = 50
print(c.x, c.y, c._x)
del c.y
print(isinstance(C.__dict__["x"], property), isinstance(C.__dict__["y"], Logged))
print(C.__dict__["x"].fget is C._get, C.__dict__["x"].__doc__, C.__dict__["x"].classval)
c.__dict__["y"] = "shadow"
print(c.y)
for action in (lambda: setattr(c, "ro", 1), lambda: delattr(c, "ro"), lambda: c.x.__len__):
    try:
        action()
    except AttributeError as e:
        print("AttributeError:", e)
p = Logged(lambda self: 7)
print(p.__get__(c), p.__get__(None, C) is p, Logged.__get__(p, c))
