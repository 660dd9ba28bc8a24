# PEP 585 generics: list[int], dict[str, int], tuple[int, ...], type[int] and the
# collections.abc ABCs parameterized; evaluated annotations; calling an alias.
import collections.abc
import typing


def f(xs: list[int], m: dict[str, list[int]], t: tuple[int, ...]) -> set[str]:
    return set()


print(f.__annotations__)
a = list[int]
print(a, a.__origin__, a.__args__, a == list[int], a != list[str], hash(a) == hash(list[int]))
print(a([1, 2]), type(a("xy")).__name__, dict[str, int](x=1), tuple[()], type[int])
print(collections.abc.Iterable[int], collections.abc.Mapping[str, int])
print(typing.get_type_hints(f))
try:
    isinstance([], list[int])
except TypeError as e:
    print("TypeError:", e)
print(frozenset[int].__origin__ is frozenset, list[int].__name__ if hasattr(list[int], "__name__") else "")
