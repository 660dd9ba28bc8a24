# Function annotations evaluated at def time into __annotations__ (CPython's order).
from typing import List, Optional, get_type_hints
def f(a: int, b: "str" = "x", *args: float, c: List[int] = None, **kw: bool) -> Optional[str]:
    return None
print(f.__annotations__)
def g(x, y): pass
print(g.__annotations__, g.__annotations__ is g.__annotations__)
class K:
    def m(self, v: int) -> "K": return self
print(K.m.__annotations__, (lambda x: x).__annotations__)
order = []
def ann(tag):
    order.append(tag)
    return tag
def h(p: ann("p") = ann("default"), *, q: ann("q")) -> ann("ret"): pass
print(order, h.__annotations__)
try:
    def bad(x: undefined_name): pass
except NameError as e:
    print("NameError", e)


# get_type_hints evaluates string annotations in the function's (or wrapped function's)
# globals, and gives None as NoneType; classes merge their MRO's annotations.
import functools
import typing


def hinted(a: "int", b: "list[str]" = None) -> None:
    pass


@functools.wraps(hinted)
def hinted_wrapper(*args):
    return hinted(*args)


class Base:
    x: "int"


class Derived(Base):
    y: str


print(typing.get_type_hints(hinted))
print(typing.get_type_hints(hinted_wrapper))
print(typing.get_type_hints(Derived))
