# map, filter and zip are lazy iterators (CPython 3): one item per next(), infinite
# inputs, side effects in order, itertools.groupby groups consumed through map, and
# zip(strict=True).
import itertools


def gen(tag, n):
    for i in range(n):
        print("  %s yields %d" % (tag, i))
        yield i


m = map(lambda x: x * 10, gen("a", 3))
print(type(m).__name__, iter(m) is m)
print(next(m))
print(list(m))
print(list(map(pow, [2, 3], [5, 2])), list(map(str, range(3))))
f = filter(None, gen("b", 3))
print(type(f).__name__, next(f))
print(list(filter(lambda x: x % 2, range(7))))
z = zip(gen("c", 2), itertools.count())
print(type(z).__name__, next(z), list(z))
print(list(zip()), list(zip("ab", [1, 2, 3])))
print(next(map(abs, itertools.count(-5))))
print(list(itertools.islice(filter(lambda x: x % 3 == 0, itertools.count(1)), 4)))
print(list(map(tuple, map(lambda kg: kg[1], itertools.groupby("aabbbc")))))
print(list(zip("ab", "cd", strict=True)))
for args in [("ab", "c"), ("a", "bc"), ("ab", "ab", "a"), ("a", "a", "ab")]:
    try:
        list(zip(*args, strict=True))
    except ValueError as e:
        print("ValueError:", e)
try:
    zip([1], foo=1)
except TypeError as e:
    print("TypeError:", e)
try:
    map(len)
except TypeError as e:
    print("TypeError:", e)


def boom():
    raise KeyError("in map")
    yield


try:
    list(map(str, boom()))
except KeyError as e:
    print("KeyError", e)
