# Extension code meets Python classes: the HPy API (HPy_Length, HPy_GetItem_i,
# HPy_SetItem_i, HPy_IsTrue, HPyLong_AsLong, HPyFloat_AsDouble, HPy_Call) reaches the
# classes' special methods, and extension operators fall back to the Python reflected ones.
import gc

import basics
import callbacks
from exttypes import Point, vector


class Seq:
    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


class Flag:
    def __init__(self, on):
        self.on = on

    def __bool__(self):
        gc.collect()
        return self.on


class Num:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return int(self.v)

    def __float__(self):
        return float(self.v)

    def __radd__(self, other):
        return "Num.__radd__ with " + type(other).__name__

    def __rmul__(self, other):
        return "Num.__rmul__"

    def __call__(self, i, square=0):
        return (self.v, i, square)

    def scaled(self, i, square=0):
        return self.v * i + square


print(basics.reversed_list(Seq("a", "b", "c")), basics.reversed_list(Seq()))
print(basics.is_true(Flag(True)), basics.is_true(Flag(False)), basics.is_true(Seq()), basics.is_true(Seq(1)))
print(basics.int_plus_one(Num(41)), basics.float_half(Num(3)))




t = [1, 2, 3]
basics.list_set_item(t, 1, Num(5))
print(type(t[1]).__name__, basics.sum_sequence([1, 2, 3]))

print(callbacks.call(Num(3), 5), callbacks.call(Num(2), 1, square=4))
print(callbacks.map_calls(Num(7), 3), callbacks.map_calls(Num(2).scaled, 3))
print(callbacks.is_callable(Num(1)), callbacks.is_callable(Num(1).scaled), callbacks.is_callable(Seq()))

p = Point(1, 2)
print(p.shifted(Num(2)), repr(vector(Seq(1.0, 2.0))), vector([1.0]) + Num(1), vector([1.0]) * Num(2) if False else "")
print(p.add_all(Num(1), Num(2)))
print(vector([1.0, 2.0]) * Num(3))


# HPy_CallMethod finds methods of Python classes (bound to the instance).
class Greeter:
    def __init__(self):
        self.n = 2

    def greet(self, who, punct="!"):
        return f"hi {who}{punct}" * self.n


print(callbacks.call_method(Greeter(), "greet", "bob"), callbacks.call_method(Greeter(), "greet", "amy", punct="?"))
