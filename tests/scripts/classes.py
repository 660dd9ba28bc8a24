# Classes: methods, class and instance attributes, __init__, inheritance with CPython's
# MRO, super(), properties, staticmethod/classmethod, class decorators, nested classes.


def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Point:
    """A point."""

    dims = 2
    count = 0

    def __init__(self, x, y=0):
        self.x = x
        self.y = y
        Point.count += 1

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def moved(self, dx, dy=0):
        return Point(self.x + dx, self.y + dy)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


p = Point(3, 4)
print(p, p.norm2(), p.moved(1), p.moved(dy=2, dx=1), Point.count, p.dims, Point.dims)
print(Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__, type(p) is Point)
print(p.__class__.__name__, isinstance(p, Point), isinstance(p, object), isinstance(3, Point))
p.dims = 3
print(p.dims, Point.dims, sorted(p.__dict__.items()))
del p.dims
print(p.dims)
unbound = Point.norm2
print(unbound(Point(1, 1)), Point.moved(p, 1, 1))
m = p.norm2
print(m(), m.__self__ is p, m.__func__ is Point.norm2, m.__name__)
attempt(lambda: p.z)
attempt(lambda: Point())
attempt(lambda: Point(1, 2, 3))


class Empty:
    pass


attempt(lambda: Empty(1))
e = Empty()
e.a = 1
e.b = [2]
print(e.a, e.b, hasattr(e, "c"), getattr(e, "c", "default"))


# Inheritance and super().
class Animal:
    sound = "..."

    def __init__(self, name):
        self.name = name

    def speak(self):
        return f"{self.name} says {self.sound}"

    def kind(self):
        return "animal"


class Dog(Animal):
    sound = "woof"

    def kind(self):
        return "dog, an " + super().kind()


class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age

    def speak(self):
        return super().speak() + f" (age {self.age})"


pup = Puppy("Rex", 1)
print(pup.speak(), pup.kind(), isinstance(pup, Animal), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print([c.__name__ for c in Puppy.__mro__], Puppy.__base__.__name__)
print(super(Puppy, pup).speak(), super(Dog, pup).kind())


# Multiple inheritance: the C3 linearization.
class A:
    def who(self):
        return "A"


class B(A):
    def who(self):
        return "B>" + super().who()


class C(A):
    def who(self):
        return "C>" + super().who()


class D(B, C):
    def who(self):
        return "D>" + super().who()


print(D().who(), [k.__name__ for k in D.__mro__])


def bad_mro():
    class X(A, B):
        pass


attempt(bad_mro)


class Mixin:
    def describe(self):
        return f"<{type(self).__name__} {self.label()}>"


class Labeled(Mixin, Animal):
    def label(self):
        return self.name


print(Labeled("cat").describe())


# Properties, static and class methods.
class Temperature:
    def __init__(self, celsius):
        self._c = celsius

    @property
    def celsius(self):
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("below absolute zero")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9 / 5 + 32

    @staticmethod
    def convert(c):
        return c * 9 / 5 + 32

    @classmethod
    def freezing(cls):
        return cls(0)

    def _get_k(self):
        return self._c + 273.15

    kelvin = property(_get_k, doc="in kelvin")


t = Temperature(25)
print(t.celsius, t.fahrenheit, t.kelvin, Temperature.convert(100), t.convert(0))
t.celsius = 30
print(t.celsius, Temperature.freezing().celsius, type(Temperature.freezing()).__name__)
attempt(lambda: setattr(t, "celsius", -300))
attempt(lambda: setattr(t, "fahrenheit", 1))
del t.celsius
print(t.celsius, Temperature.kelvin.__doc__, type(Temperature.celsius).__name__)


class Sub(Temperature):
    @classmethod
    def make(cls):
        return cls.freezing()


print(type(Sub.make()).__name__, Sub.convert(10))


# Class decorators, class attributes shared, class-level code and nested classes.
def register(cls):
    cls.registered = True
    return cls


@register
class Outer:
    items = []
    doubled = [i * 2 for i in range(3)]

    class Inner:
        def hello(self):
            return "inner"

    def add(self, x):
        self.items.append(x)
        return self


o1, o2 = Outer(), Outer()
o1.add(1)
o2.add(2)
print(Outer.registered, Outer.items, Outer.doubled, Outer.Inner().hello(), Outer.Inner.__qualname__)


def factory(n):
    class Local:
        size = n

        def get(self):
            return n * 10

    return Local


L = factory(4)
print(L.size, L().get(), L.__qualname__)


# Functions stored as class attributes and callables.
class Callbacks:
    handler = staticmethod(len)

    def __init__(self):
        self.fn = lambda x: x + 1


cb = Callbacks()
print(cb.handler("abc"), cb.fn(1))
print(callable(cb.fn), callable(Callbacks), callable(cb))


# __getattr__ for missing attributes, __setattr__ through object.
class Proxy:
    def __init__(self, target):
        object.__setattr__(self, "target", target)

    def __getattr__(self, name):
        return getattr(self.target, name)

    def __setattr__(self, name, value):
        print("set", name)
        super().__setattr__(name, value)


pr = Proxy([1, 2, 3])
print(pr.count(2), pr.index(3))
pr.extra = 5
print(pr.extra)
attempt(lambda: pr.missing)
