# Host behaviours HPy's test suite expects (the `hostcompat` sample), as the reference host
# (CPython + hpy.universal) has them.
import hostcompat
from hostcompat import Text, Count, Var, Blob, Caller, Manual, Cmp, Members, Slots


def attempt(label, f, message=True):
    try:
        print(label, "ok", repr(f()))
    except Exception as e:
        print(label, type(e).__name__ + ":", e if message else "")


# The default shape with a builtin base: the base's layout (HPy's builtin_type.c Dummy).
t = Text("hello")
print(type(t).__name__, isinstance(t, str), t == "hello", len(t), t.upper(), t + "!")
print(Text.__mro__)
c = Count(41)
print(type(c).__name__, isinstance(c, int), c + 1, c == 41, int(c), Count() == 0)


class MoreCount(Count):
    pass


print(MoreCount(5) * 2, isinstance(MoreCount(5), Count))

# itemsize != 0 is accepted (with HPy_tp_call it is a TypeError).
print(Var().a)
attempt("make_var_call_type", hostcompat.make_var_call_type)

# The buffer slots are accepted.
b = Blob()
print(type(b).__name__, b.exports)

# HPy_SetCallFunction on instances of a type with HPy_tp_call.
print(Caller(3)(1, 2), Caller(-3)(1, 2, 3))
print(hostcompat.set_call(Caller(4))())
# (hpy.universal's message misses the closing quote after the type name; hpymove's has it.)
attempt("set_call(object())", lambda: hostcompat.set_call(object()), False)
attempt("set_call(Var())", lambda: hostcompat.set_call(Var()), False)

# An explicit __vectorcalloffset__ member that tp_new writes.
m = Manual()
print(m(), m(1, 2))
print(hostcompat.set_call(Manual())(1))

# tp_richcompare's result comes back as it is, not as a bool.
print(hostcompat.richcompare(Cmp(1), 5, 2), hostcompat.richcompare(Cmp(1), "x", 0))
print(Cmp(1) == 5, Cmp(1) != 5, Cmp(1) < "a", 5 >= Cmp(2), [1] == Cmp(0))
print(Cmp(1) < 2 < 3, 0 < Cmp(1) < 2, (Cmp(1) == Cmp(2))[0])


class Constraint:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        return ("constraint", self.name, other)

    def __lt__(self, other):
        return [self.name, "<", other]


print(hostcompat.richcompare(Constraint("x"), 3, 2), hostcompat.richcompare(Constraint("y"), 4, 0))
print(hostcompat.richcompare(3, Constraint("z"), 2), Constraint("w") == 1, hostcompat.richcompare(1, 2, 0))

# %A is ascii() of the repr, a Python class's __repr__ included.


class Named:
    def __repr__(self):
        return "Named-\u00fc"


print(hostcompat.ascii_of(Named()), hostcompat.ascii_of("caf\u00e9"), hostcompat.ascii_of(42))

# HPyMember_NONE: reads None; set: SystemError (writable) or AttributeError (read-only).
mem = Members()
print(mem.none_rw, mem.none_ro)


def set_rw():
    mem.none_rw = 1


def set_ro():
    mem.none_ro = 1


def del_rw():
    del mem.none_rw


attempt("set none_rw", set_rw)
attempt("set none_ro", set_ro)
attempt("del none_rw", del_rw)


# HPy_InPlacePower(a, b, c) with a Python __ipow__: the modulus is ignored.
class IPow:
    def __ipow__(self, b):
        return ("ipow", b)


print(hostcompat.ipow3(IPow(), 5, None), hostcompat.ipow3(IPow(), 7, "hello"))
print(hostcompat.ipow3(4, 5, 7))

# The token of HPyContextVar_Set has .var.
var = hostcompat.new_ctxvar()
tok = hostcompat.ctxvar_set(var, 4)
print(tok.var is var, var.name)

# Type slots are methods too (CPython's slot wrappers).
s = Slots(4)
print(s.__hash__(), hash(s), Slots(-2).__hash__(), s.__index__(), s.__str__())
print(s.__len__(), s.__getitem__(1), s.__setitem__(1, 7), s.v, s.__delitem__(0), s.v)
print(s.__add__(1)[2], s.__radd__(2)[1], s.__add__("x"), (s + 5)[0], s.__add__(1)[1] is s)
print(type(s).__len__(s), Slots.__getitem__(Slots(2), 0), hasattr(s, "__len__"),
      hasattr(s, "__mul__"), hasattr(Var(), "__len__"))
attempt("s.__getitem__(5)", lambda: s.__getitem__(5))
attempt("Slots.__len__()", lambda: Slots.__len__(), False)
print(Cmp(3).__eq__(4), Cmp(3).__ge__("a"))

# HPyType_GetName: a heap type's __name__, a static type's tp_name after its last dot.
print(hostcompat.type_name(Slots), hostcompat.type_name(str), hostcompat.type_name(Text))
print(hostcompat.type_name(hostcompat.Dual), hostcompat.type_name(ZeroDivisionError))

# A default-shape type whose bases are int and a default-shape type without a struct: an
# int, and a subtype of both.
Dual, Plain = hostcompat.Dual, hostcompat.Plain
print([t.__name__ for t in Dual.__mro__])
print(hostcompat.is_subtype(Dual, int), hostcompat.is_subtype(Dual, Plain),
      hostcompat.is_subtype(Dual, Count), hostcompat.is_subtype(Plain, Dual))
d = Dual(41)
print(d + 1, isinstance(d, int), isinstance(d, Plain), type(d).__name__, int(d) == 41)
