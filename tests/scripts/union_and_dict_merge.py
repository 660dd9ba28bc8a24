# `X | Y` for classes (PEP 604: types.UnionType) and for dicts (PEP 584), with the
# annotations real code writes (evaluated at def time).
import types


def f(x: int | None = None, *, y: "str | None" = None) -> list[int] | None:
    return x


print(f(3), f.__annotations__["x"], f.__annotations__["return"])
u = int | str
print(u, type(u).__name__, isinstance(u, types.UnionType), u.__args__)
print(int | str | int, (int | str) == (str | int), hash(int | str) == hash(str | int))
print(None | int, int | None | None, str | (int | float))
print(isinstance(3, int | str), isinstance(3.5, int | str), isinstance(None, int | None))
print(issubclass(bool, int | str), issubclass(float, int | str))
print(int | int)
try:
    int | 3
except TypeError as e:
    print("TypeError:", e)
try:
    isinstance([], list[int] | None)
except TypeError as e:
    print("TypeError:", e)

a = {"x": 1, "z": 0}
b = {"y": 2, "x": 3}
print(a | b, b | a, a)
c = dict(a)
c |= b
print(c)
c |= [("w", 9)]
print(c)
c |= {"x": -1}.items()
print(c)
try:
    a | [("w", 9)]
except TypeError as e:
    print("TypeError:", e)
try:
    c |= 5
except TypeError as e:
    print("TypeError:", e)


class D(dict):
    pass


print(type(D(a=1) | {"b": 2}).__name__, type({"b": 2} | D(a=1)).__name__)
print({1: 2}.keys() | {3}, {1, 2} | {3})
