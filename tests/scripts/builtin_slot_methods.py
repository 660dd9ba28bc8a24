# The slots of the builtin types are methods: called on instances, taken from the type,
# reached through super() in subclasses, with NotImplemented for operands they do not handle.
it = [1, 2, 3].__iter__()
print(type(it).__name__, it.__next__(), list(it))
print([5, 6].__len__(), [5, 6].__contains__(6), (1, 2).__getitem__(-1), "abc".__getitem__(1))
print(list.__len__([1, 2, 3]), dict.__contains__({1: 2}, 1), str.__iter__("hi").__next__())
d = {}
d.__setitem__("k", 1)
dict.__setitem__(d, "j", 2)
d.__delitem__("k")
print(d, {1: 2}.__getitem__(1), {1, 2}.__contains__(3), range(5).__len__())
l = [1, 2, 3]
list.__delitem__(l, 0)
l.__setitem__(0, 9)
print(l, [1, 2].__add__([3]), [1].__mul__(3), (1,).__rmul__(2), "ab".__mul__(2))
print((3).__add__(4), (3).__add__(1.5), (1.5).__add__(3), (7).__rsub__(10), (2).__pow__(10, 1000))
print((5).__neg__(), (-5).__abs__(), (5).__invert__(), (5).__index__(), (2.5).__int__(), (2).__float__())
print((0).__bool__(), (0.5).__bool__(), True.__and__(False), (3).__truediv__(2), (7).__divmod__(2))
print((1).__lt__(2), (1).__lt__(2.5), (1.5).__lt__(2), "a".__lt__("b"), "a".__eq__(1), [1].__eq__([1]))
print({1: 2}.__eq__({1: 2}), {1: 2}.__lt__({1: 2}), {1}.__or__({2}), {1, 2}.__and__([2]))
print(hash(7) == (7).__hash__(), "ab".__hash__() == hash("ab"), (1, 2).__hash__() == hash((1, 2)))
print(list.__hash__, dict.__hash__, set.__hash__, frozenset({1}).__hash__() == hash(frozenset({1})))
print(hasattr(list, "__iter__"), hasattr(int, "__iter__"), hasattr(str, "__float__"), hasattr(3, "__index__"))
print(iter([1]).__iter__().__next__(), "x".__contains__("x"), b"ab".__getitem__(0))


class L(list):
    def __len__(self):
        return list.__len__(self) + 100

    def __getitem__(self, i):
        return ("L", super().__getitem__(i))

    def __contains__(self, x):
        return super().__contains__(x) or x == "anything"

    def __iter__(self):
        return iter(["override"])


x = L([1, 2, 3])
print(len(x), x[0], 2 in x, "anything" in x, list(x), list(list.__iter__(x)))
print(L.__len__(x), list.__len__(x), x.__len__())


class I(int):
    def __add__(self, other):
        return ("I", int.__add__(self, other))

    def __neg__(self):
        return int.__neg__(self) * 10


i = I(5)
print(i + 1, -i, type(int.__add__(i, 1)).__name__, int.__add__(i, I(2)), super(I, i).__add__(3))


class D(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)

    def __getitem__(self, k):
        return dict.__getitem__(self, k) + 1


dd = D()
dd["a"] = 1
print(dd, dd["a"])

for bad in [lambda: list.__len__("abc"), lambda: list.__len__(), lambda: [].__getitem__(),
            lambda: (1).__add__(1, 2), lambda: int.__add__("a", 1)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError")
try:
    [].__iter__().__next__()
except StopIteration:
    print("StopIteration")
try:
    {}.__getitem__("missing")
except KeyError as e:
    print("KeyError", e)


# An object with __getitem__ and no __iter__ iterates through obj[0], obj[1]... until
# IndexError (or StopIteration).
class Seq:
    def __getitem__(self, i):
        if i > 3:
            raise IndexError(i)
        return i * 10


class Stops:
    def __getitem__(self, i):
        if i == 2:
            raise StopIteration
        return i


s_it = iter(Seq())
print(type(s_it).__name__, next(s_it), list(s_it), next(s_it, "done"))
print(list(Seq()), 20 in Seq(), 25 in Seq(), list(Stops()), sorted(Seq(), reverse=True))


class Fails:
    def __getitem__(self, i):
        raise KeyError(i)


try:
    list(Fails())
except KeyError as e:
    print("KeyError", e)
try:
    iter(object())
except TypeError as e:
    print(e)
