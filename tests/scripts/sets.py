# Sets: displays, comprehensions, set(), the methods, the operators and subset
# comparisons, items with Python-level __eq__/__hash__.
s = {3, 1, 2}
e = set()
print(len(s), 2 in s, 5 in s, e, set("aab") == {"a", "b"}, sorted(s), bool(e), bool(s))
s.add(4); s.discard(10); s.remove(1)
print(sorted(s), sorted({x * x for x in range(5)}), sorted({1, 2} | {2, 3}), sorted({1, 2} & {2, 3}), sorted({1, 2} - {2}), sorted({1, 2} ^ {2, 3}))
print({1, 2} <= {1, 2, 3}, {1, 2} < {1, 2}, {1, 2, 3} >= {1}, {1} > {1}, {1, 2} == {2, 1}, {1} == {1: None}, {1} != {2})
print(sorted(set([1, 2]).union([3], (4,))), sorted({1, 2, 3}.intersection([2, 3, 4])), sorted({1, 2}.difference({2})), {1, 2}.issubset([1, 2, 3]), {1}.isdisjoint({2}), {1, 2}.issuperset({1}))
u = {1}; u.update([2, 3], {4}); print(sorted(u), len(u.copy()), u.pop() in {1, 2, 3, 4})
u.clear(); print(u, repr({"a"}), str({1}), {(1, 2)}, {1: 2}, type({1}).__name__, isinstance(set(), set))
class P:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return isinstance(o, P) and o.v == self.v
    def __hash__(self): return hash(self.v)
    def __repr__(self): return f"P({self.v})"
print(len({P(1), P(1), P(2)}), P(1) in {P(1)}, {P(5)})
s2 = {1}
for bad in [lambda: {[1]}, lambda: s2[0], lambda: {1}.remove(2), lambda: set().pop(), lambda: hash({1}), lambda: {1} + {2}]:
    try:
        bad()
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)
s2 = {1, 2}
s2 |= {3}
print(sorted(s2), {i % 3 for i in range(10)} == {0, 1, 2})
