# reference host: skip (CPython 3.11 + hpy.universal 0.9.0 crashes, SIGSEGV, when a
# Python subclass of an HPy type is instantiated; this script's expected output was
# written for hpymove and checked by hand against CPython's rules.)
#
# Python subclasses of an extension type: construction runs the extension's tp_new (so
# the payload exists) and then the Python __init__; members, get/set descriptors, methods
# and slots of the extension keep working, Python methods override them, instances get a
# dict for their own attributes, and everything moves under the GC.
import gc

from exttypes import Point


class Labeled(Point):
    kind = "labeled"

    def __init__(self, x, y, label):
        super().__init__(x, y)
        self.label = label

    def norm(self):
        return "norm " + str(super().norm())

    def describe(self):
        return f"{self.label}@({self.x}, {self.y})"


p = Labeled(3, 4, "here")
gc.collect()
print(p.describe(), p.norm(), p.norm2, p.kind, isinstance(p, Point), type(p).__name__)
print(repr(p), str(p), p == Point(3, 4), hash(p) == hash(Point(3, 4)))
p.x = 6
p.label = "there"
p.extra = [1, 2]
gc.collect()
print(p.x, p.describe(), p.extra, sorted(p.__dict__))
print(p.shifted(1), p.moved(dy=1.0))


class Plain(Point):
    pass


q = Plain(1, 2)
print(repr(q), q.norm(), type(q).__name__, Plain.__mro__[1].__name__)


class Reprd(Point):
    def __repr__(self):
        return "Reprd!" + super().__repr__()

    def __eq__(self, other):
        return "custom eq"

    def __hash__(self):
        return 7


r = Reprd(1, 2)
print(repr(r), r == 1, hash(r), [r])
try:
    Labeled(1, 2)
except TypeError as e:
    print("TypeError:", e)

# A subclass's method that calls the base type's slot wrapper reaches the slot itself,
# not the subclass's override again.
from hostcompat import Slots


class Counted(Slots):
    def __len__(self):
        return Slots.__len__(self) + 10

    def __getitem__(self, i):
        return ("sub", Slots.__getitem__(self, i))

    def __index__(self):
        return Slots.__index__(self) + 1


c = Counted(2)
print(len(c), c.__len__(), c[1], c.__getitem__(2), c.__index__(), [10, 11, 12, 13][c])
