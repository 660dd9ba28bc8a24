# operator's functions are builtins (as CPython's _operator): their repr and names, the
# result objects of rich comparisons, in-place forms, item access and argument checks.
import operator
from functools import reduce
from operator import *

print(operator.neg, operator.add, operator.inv, operator.invert, operator.not_, operator.abs)
print([f.__name__ for f in (and_, or_, xor, not_, is_, is_not, truth, iadd, inv, invert)])
print(neg(3), pos(-2), abs(-3.5), inv(5), invert(5), not_([]), truth([1]), index(True))
print(add(1, 2), add("a", "b"), sub(5, 7), mul("ab", 3), truediv(1, 4), floordiv(-7, 2), mod(7, 3))
print(pow(2, -1), lshift(1, 70), rshift(-9, 1), and_(12, 10), or_(12, 3), xor(6, 3))
print(and_({1, 2}, {2}), or_({1}, {3}), mod("%s-%s", (1, 2)))
print(lt(1, 2), le(2, 2), eq(1, 1.0), ne(1, 2), ge(1, 2), gt(3, 2), is_(None, None), is_not(1, None))
print(lt([1, 2], [1, 3]), eq((1,), (1,)), gt("b", "a"))

class Vec:
    def __init__(self, *xs): self.xs = xs
    def __lt__(self, other): return "lt-result"
    def __eq__(self, other): return NotImplemented
    def __matmul__(self, other): return sum(a * b for a, b in zip(self.xs, other.xs))
    def __neg__(self): return Vec(*[-x for x in self.xs])
    def __repr__(self): return "Vec%r" % (self.xs,)
    def __iadd__(self, other): return "iadd-result"

print(lt(Vec(), 1), eq(Vec(), Vec()), gt(1, Vec()), matmul(Vec(1, 2), Vec(3, 4)), neg(Vec(1, -2)))
v = Vec()
print(iadd(v, 1), isub(10, 3))
l = [1, 2]
print(iadd(l, [3]), l, iadd((1,), (2,)), imul([0], 3), ipow(2, 10), ixor(6, 3), ior({1}, {2}))
s = {1, 2}
print(iand(s, {2, 3}), s, ifloordiv(7, 2), itruediv(1, 2), imod(7, 4), ilshift(1, 3), irshift(8, 2))
print(getitem([1, 2], 1), getitem("abc", slice(1, None)), contains([1], 1), contains("abc", "z"))
d = {}
setitem(d, "k", "v")
print(d)
delitem(d, "k")
print(d, countOf([1, 1, 2], 1), indexOf("abc", "c"), concat([1], [2]), length_hint([1, 2]))
print(reduce(add, range(10)), sorted([3, 1, 2], key=neg), list(map(mul, [1, 2], [3, 4])))
print(operator.itemgetter(1)([5, 6]), operator.attrgetter("real")(3), operator.methodcaller("upper")("x"))

for f, a in [(neg, ()), (add, (1,)), (setitem, (1, 2)), (lt, (1, 2, 3)), (neg, ("x",)),
             (add, (1, "a")), (lt, (1, "a")), (index, (1.5,)), (getitem, (1, 2)),
             (iadd, (1, None)), (delitem, ({}, "k")), (contains, (1, 2)), (not_, ())]:
    try:
        f(*a)
    except Exception as e:
        print(type(e).__name__, e)
try:
    neg(a=1)
except TypeError as e:
    print(e)
