# dict views: live keys(), values() and items(); keys and items act as sets.
d = {'a': 1, 'b': 2}
k, v, it = d.keys(), d.values(), d.items()
d['c'] = 3
print(k, v, it)
print(len(k), len(v), len(it), 'c' in k, 'z' in k, 3 in v, 9 in v, ('a', 1) in it, ('a', 2) in it, 'a' in it)
print(list(k), list(v), list(it), [x for x in k])
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(k == {'a', 'b', 'c'}, {'a', 'b', 'c'} == k, k == ['a', 'b', 'c'], k != {'a'}, it == {('a', 1), ('b', 2), ('c', 3)})
print(d.keys() == {'c': 0, 'a': 0, 'b': 0}.keys(), d.values() == d.values(), v == v)
print(sorted(k & {'a', 'z'}), sorted(k | {'q'}), sorted(k - {'a'}), sorted(k ^ {'a', 'y'}), type(k & {'a'}).__name__)
print(sorted({'a', 'z'} & k), sorted(['b'] & k) if False else None, sorted(it & {('a', 1)}))
print(k <= {'a', 'b', 'c', 'd'}, k < {'a', 'b', 'c'}, k >= {'a'}, k > k)
del d['a']
print(k, v, it, len(k))
for x in d.items():
    print("item", x)
e = {}
print(e.keys(), e.values(), e.items(), bool(e.keys()), bool(k))
try:
    hash(k)
except TypeError as ex:
    print("TypeError:", ex)
try:
    k[0]
except TypeError as ex:
    print("TypeError:", ex)
try:
    for key in d.keys():
        d['new' + key] = 1
except RuntimeError as ex:
    print("RuntimeError:", ex)
print(sorted(dict(zip('xyz', range(3))).items()), max({'p': 1, 'q': 2}.values()))
print(list(reversed(d)), list(reversed(d.keys())), list(reversed(d.values())), list(reversed(d.items())))
print(dict.keys(d), k.isdisjoint({'zz'}), k.isdisjoint({'b'}))
