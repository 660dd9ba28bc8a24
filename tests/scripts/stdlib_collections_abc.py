# collections.abc: builtin containers registered as CPython registers them, the mixin
# methods of Mapping/MutableMapping/Sequence/Set, abstract classes refusing instances,
# register(), and recognition by methods (__subclasshook__) for Python classes.
import collections.abc
from collections.abc import (Callable, Container, Hashable, Iterable, Iterator, Mapping,
                             MutableMapping, MutableSequence, MutableSet, Sequence, Set, Sized)
import collections

print(collections.abc.Mapping is Mapping)
print(isinstance({}, Mapping), isinstance({}, MutableMapping), isinstance([], Sequence),
      isinstance([], MutableSequence), isinstance((), MutableSequence), isinstance("", Sequence),
      isinstance(set(), MutableSet), isinstance(frozenset(), Set), isinstance(range(3), Sequence))
print(isinstance([], Iterable), isinstance({}, Sized), isinstance((), Container))


class Bag:
    def __iter__(self):
        return iter([1])

    def __len__(self):
        return 1


class Call:
    def __call__(self):
        return 1


class NoHash:
    __hash__ = None


print(isinstance(Bag(), Iterable), isinstance(Bag(), Sized), isinstance(Bag(), Container))
print(isinstance(Call(), Callable), isinstance(Bag(), Callable), isinstance(NoHash(), Hashable))


class It:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration


print(isinstance(It(), Iterator), issubclass(It, Iterable))


class M(MutableMapping):
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        return self.d[k]

    def __setitem__(self, k, v):
        self.d[k] = v

    def __delitem__(self, k):
        del self.d[k]

    def __iter__(self):
        return iter(self.d)

    def __len__(self):
        return len(self.d)


m = M()
m.update({"a": 1}, b=2)
print(m.setdefault("c", 3), m.get("z", 0), "a" in m, sorted(m.keys()), sorted(m.values()))
print(sorted(m.items()), m.pop("a"), m.pop("a", None), m == {"b": 2, "c": 3})
print(m.popitem(), len(m))
m.clear()
print(len(m), isinstance(m, Mapping))


class S(Sequence):
    def __init__(self, *items):
        self.items = items

    def __getitem__(self, i):
        return self.items[i]

    def __len__(self):
        return len(self.items)


s = S(1, 2, 3, 2)
print(list(s), list(reversed(s)), 2 in s, s.index(2), s.index(2, 2), s.count(2))
try:
    s.index(9)
except ValueError:
    print("ValueError")


class FS(Set):
    def __init__(self, it=()):
        self.items = list(dict.fromkeys(it))

    def __contains__(self, x):
        return x in self.items

    def __iter__(self):
        return iter(self.items)

    def __len__(self):
        return len(self.items)


a, b = FS([1, 2, 3]), FS([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= FS([1, 2, 3, 4]),
      a == FS([3, 2, 1]), a.isdisjoint(FS([9])))
for abstract in (Mapping, Sequence, Iterable):
    try:
        abstract()
    except TypeError as e:
        print("TypeError", str(e).split(" with")[0])


class Virtual:
    pass


Sized.register(Virtual)
print(issubclass(Virtual, Sized), isinstance(Virtual(), Sized))
