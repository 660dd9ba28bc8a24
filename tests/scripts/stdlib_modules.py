# The standard-library modules hpymove carries: collections, functools, itertools,
# operator (written in Python, runtime/stdlib/) and time (native).
import collections, functools, itertools, operator, time
from collections import namedtuple, deque, defaultdict, OrderedDict, Counter, ChainMap
from functools import reduce, partial, wraps, lru_cache, cache, cmp_to_key, total_ordering, cached_property
from itertools import (accumulate, chain, combinations, combinations_with_replacement, compress,
                       count, cycle, dropwhile, filterfalse, groupby, islice, pairwise,
                       permutations, product, repeat, starmap, takewhile, tee, zip_longest)

Point = namedtuple("Point", "x y")
p = Point(1, y=2)
print(p, p.x, p.y, p[0], tuple(p), p._asdict(), p._replace(x=5), Point._make([3, 4]), Point._fields)
print(isinstance(p, tuple), len(p), p == (1, 2), hash(p) == hash((1, 2)), Point.__name__, Point.__module__)
x, y = p
print(x + y, repr(Point), Point.__doc__, Point.x.__doc__)
P3 = namedtuple("P3", ["a", "b", "c"], defaults=[0, 9])
print(P3(1), P3(1, 2), P3._field_defaults)
for bad in [lambda: Point(1), lambda: Point(1, 2, 3), lambda: Point(1, z=2), lambda: namedtuple("X", "a a"),
            lambda: namedtuple("X", "_a"), lambda: namedtuple("X", "def"), lambda: namedtuple("1X", "a")]:
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(namedtuple("R", "a _b def a", rename=True)._fields)
match p:
    case Point(x=1, y=yy):
        print("matched namedtuple", yy)

d = deque([1, 2, 3], maxlen=4)
d.append(4); d.append(5); d.appendleft(0)
print(d, len(d), d[0], d[-1], list(reversed(d)), d.maxlen, 3 in d)
d.rotate(1); print(d); d.rotate(-2); print(d)
print(d.pop(), d.popleft(), d, deque(), deque("ab") == deque("ab"))
try:
    deque().pop()
except IndexError as e:
    print("IndexError", e)

dd = defaultdict(list)
for k, v in [("a", 1), ("b", 2), ("a", 3)]:
    dd[k].append(v)
print(dd, dict(dd), dd["zz"], len(dd), isinstance(dd, dict))
di = defaultdict(int); di["x"] += 5; print(di, defaultdict(None, {1: 2}))
try:
    defaultdict()["k"]
except KeyError as e:
    print("KeyError", e)

od = OrderedDict([("a", 1), ("b", 2), ("c", 3)])
od.move_to_end("a"); print(od, list(od))
od.move_to_end("c", last=False); print(od)
print(od.popitem(), od.popitem(last=False), od, OrderedDict())

c = Counter("abracadabra")
print(c, c["a"], c["z"], c.most_common(2), sorted(c.elements())[:5], c.total())
c.update("aaz"); c.subtract({"a": 10})
print(c, Counter(a=3, b=1) + Counter(a=1, b=2), Counter(a=3, b=1) - Counter(a=1, b=2))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2), Counter())
cm = ChainMap({"a": 1}, {"a": 2, "b": 3})
print(cm["a"], cm["b"], len(cm), sorted(cm), "b" in cm, cm.get("z", 0), cm)

print(reduce(operator.add, [1, 2, 3, 4]), reduce(lambda a, b: a * b, [], 1))
try:
    reduce(operator.add, [])
except TypeError as e:
    print("TypeError", e)
add3 = partial(operator.add, 3)
print(add3(4), partial(int, base=2)("101"), partial(partial(max, 1), 5)(3))

def deco(fn):
    @wraps(fn)
    def wrapper(*a, **k):
        return fn(*a, **k) * 2
    return wrapper
@deco
def twice(n):
    "Doc of twice."
    return n
print(twice(21), twice.__name__, twice.__doc__, twice.__wrapped__(5))

calls = []
@lru_cache(maxsize=2)
def sq(n):
    calls.append(n)
    return n * n
print([sq(i) for i in [1, 2, 1, 3, 1, 2]], calls, sq.cache_info())
sq.cache_clear(); print(sq.cache_info())
@cache
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(80), fib.cache_info().misses)
@lru_cache
def ident(x):
    return x
print(ident(3), ident.cache_info())

print(sorted([3, 1, 2], key=cmp_to_key(lambda a, b: b - a)))
@total_ordering
class V:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __lt__(self, o): return self.v < o.v
print(V(1) < V(2), V(2) <= V(2), V(3) > V(2), V(1) >= V(2))
class Lazy:
    def __init__(self): self.n = 0
    @cached_property
    def value(self):
        self.n += 1
        return 42
lz = Lazy(); print(lz.value, lz.value, lz.n)

print(list(islice(count(10, 5), 4)), list(islice(cycle("ab"), 5)), list(repeat("x", 3)))
print(list(accumulate([1, 2, 3, 4])), list(accumulate([1, 2, 3], operator.mul, initial=10)))
print(list(chain("ab", [1, 2])), list(chain.from_iterable(["xy", "z"])))
print(list(compress("abcdef", [1, 0, 1, 0, 1, 1])), list(dropwhile(lambda x: x < 3, [1, 2, 3, 1])))
print(list(takewhile(lambda x: x < 3, [1, 2, 3, 1])), list(filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in groupby("aaabbcaa")], [k for k, _ in groupby([1, 1, 2], key=lambda v: v % 2)])
print(list(islice("abcdefg", 2)), list(islice("abcdefg", 1, 6, 2)), list(islice("abc", 0, None)))
print(list(pairwise("abcd")), list(starmap(pow, [(2, 3), (3, 2)])))
a, b = tee([1, 2, 3]); print(list(a), list(b))
print(list(zip_longest("ab", "xyz", fillvalue="-")), list(product("ab", repeat=2)), list(product([1, 2], "xy")))
print(list(permutations("abc", 2)), list(combinations(range(4), 3)), list(combinations_with_replacement("ab", 2)))
print(len(list(permutations(range(5)))), list(combinations("ab", 3)))

print(operator.itemgetter(1)("abc"), operator.itemgetter(0, 2)("abc"), operator.attrgetter("x")(p))
print(operator.methodcaller("upper")("hi"), operator.neg(3), operator.not_(0), operator.contains([1], 1))
print(sorted([Point(2, 1), Point(1, 2)], key=operator.attrgetter("y")), repr(operator.itemgetter(1, "a")))
t0 = time.perf_counter(); t1 = time.perf_counter(); print(t1 >= t0, time.time() > 1e9)
print(Counter(a=3, b=1) - Counter(a=1, b=2, c=-5), Counter(a=1) & Counter(b=2), Counter(a=-1) | Counter(b=2))
