# Metaclasses with payloads (the `metatypes` sample) used from Python.
import gc
import metatypes
from metatypes import Meta


def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(type(Meta).__name__, [t.__name__ for t in Meta.__mro__], Meta.__doc__)
print(issubclass(Meta, type), isinstance(Meta, type), metatypes.shape_of(Meta))
Alpha = metatypes.make_type("metatypes.Alpha", "red")
Beta = metatypes.make_type("metatypes.Beta", "green")
print(type(Alpha) is Meta, isinstance(Alpha, Meta), isinstance(Alpha, type))
print(repr(Alpha), str(Beta), Alpha.__name__, Alpha.__module__, Alpha.__doc__)
print(Alpha.serial, Alpha.tag, Beta.serial, Beta.tag, metatypes.shape_of(Alpha))
gc.collect()
items = [Alpha(i) for i in range(3)] + [Beta(10)]
gc.collect()
print([x.value for x in items], [x.meta_tag() for x in items])
print(Alpha.instances_made, Beta.instances_made, Alpha.describe(), Beta.describe())
print(isinstance(items[0], Alpha), type(items[3]) is Beta, type(type(items[3])) is Meta)
print(Meta.describe(Alpha))
attempt(lambda: Meta.describe(5))
attempt(lambda: Alpha.missing)


def set_serial():
    Alpha.serial = 3


def set_tag():
    Alpha.tag = "blue"


def set_value():
    items[0].value = 42
    return items[0].meta_tag()


def set_class_attr():
    Alpha.extra = 7
    return Alpha.extra, items[1].extra


for f in [set_serial, set_tag, set_value, set_class_attr]:
    attempt(f)
attempt(lambda: Meta(1))
attempt(lambda: Meta("X", ()))
for kind in ["not_a_type", "twice", "int", "custom_new", "not_type_subclass", "type"]:
    attempt(lambda: metatypes.make_bad_meta(kind))
attempt(lambda: metatypes.make_type("metatypes.Gamma", "a tag that is far too long"))

# Many types, each with its own payload, that survive collections while alive.
made = [metatypes.make_type("metatypes.T%d" % i, "t%d" % i) for i in range(20)]
gc.collect()
print(sum(t.serial for t in made) - 20 * made[0].serial, [t.tag for t in made[::5]])
print([t(i).meta_tag() for i, t in enumerate(made[:4])])
made = None
gc.collect()
print(Alpha.describe(), Beta.describe())

# `__vectorcalloffset__` is a read-only member, as on CPython: reading it on an instance
# gives a host-specific non-zero value when the instance has a call function.
from exttypes import Callable, Table, Point
print(repr(Callable.__vectorcalloffset__), repr(Table.__vectorcalloffset__))
c, t = Callable(2), Table()
print(c.__vectorcalloffset__ != 0, t.__vectorcalloffset__ != 0, c(3))
attempt(lambda: Point(1, 2).__vectorcalloffset__)


def set_offset():
    c.__vectorcalloffset__ = 0


attempt(set_offset)

# An object member in the metaclass payload: a field the type keeps (traced through the
# metaclass's tp_traverse while the type moves).
Alpha.note = {"kept": [1, 2, 3]}
Beta.note = Alpha
gc.collect()
print(Alpha.note, Beta.note is Alpha, metatypes.make_type("metatypes.Gamma", "blue").note)
del Alpha.note
print(Alpha.note)

# A class statement with the extension metaclass: type.__new__ gives the class the
# metaclass's payload, zeroed; its object member is a field like any other.
class Made(metaclass=Meta):
    def hello(self):
        return "hello"


class MadeToo(Made):
    pass


print(type(Made) is Meta, type(MadeToo) is Meta, Made.serial, repr(Made.tag), Made.note)
Made.note = ["stored", Made]
gc.collect()
print(Made.note[0], Made.note[1] is Made, MadeToo().hello(), Meta.describe(Made))
Dyn = Meta("Dyn", (Made,), {"x": 1})
print(type(Dyn) is Meta, Dyn.x, Dyn.serial, issubclass(Dyn, Made))
