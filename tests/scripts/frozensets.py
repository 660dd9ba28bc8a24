# frozenset: immutable, hashable sets; set operators keep the left operand's type.
# (Sets of several items are printed sorted: hpymove keeps insertion order.)
fs = frozenset([3, 1, 2])
print(sorted(fs), repr(frozenset([7])), type(fs).__name__, len(fs), 2 in fs, 5 in fs)
print(frozenset(), repr(frozenset("")), frozenset("aa"))
print(fs == {1, 2, 3}, {1, 2, 3} == fs, fs == frozenset([1, 2, 3]), fs != {1})
print(hash(fs) == hash(frozenset([1, 2, 3])), hash(frozenset()) == hash(frozenset([])))
print(frozenset(fs) is fs, fs.copy() is fs)
print(sorted(fs | {9}), type(fs | {9}).__name__, type({9} | fs).__name__)
print(type(fs & {1}).__name__, fs & {1}, sorted(fs - {1}), sorted(fs ^ {1, 7}))
print(sorted(fs.union([4])), sorted(fs.intersection([1, 2, 99])), type(fs.difference({1})).__name__, sorted(fs.symmetric_difference([1, 8])))
print(fs.issubset({1, 2, 3, 4}), fs.issuperset([1]), fs.isdisjoint([7]), fs <= {1, 2, 3}, fs < {1, 2, 3})
d = {fs: "frozen key", frozenset(): "empty"}
print(d[frozenset({1, 2, 3})], d[frozenset()])
s = {frozenset([1]), frozenset([1]), frozenset([2])}
print(len(s), frozenset([1]) in s)
nested = frozenset([frozenset([1, 2]), frozenset([3])])
print(len(nested), frozenset([2, 1]) in nested)
for name in ["add", "remove", "discard", "pop", "clear", "update"]:
    print(name, hasattr(fs, name))
try:
    set.add(fs, 4)
except TypeError as e:
    print("TypeError:", e)
try:
    fs[0]
except TypeError as e:
    print("TypeError:", e)
try:
    hash({1})
except TypeError as e:
    print("TypeError:", e)
try:
    frozenset([[1]])
except TypeError as e:
    print("TypeError:", e)
a = {1}
b = a
a |= {2}
a -= {1}
a ^= {5}
a &= {2, 5, 6}
print(a, b, a is b)
f2 = fs
f2 |= {10}
print(sorted(f2), sorted(fs), f2 is fs)
print(sorted(frozenset(range(5)) - frozenset([0])), max(fs), sum(fs))
