# Features used together: match inside generators, a metaclass whose __iter__ is a
# generator, generators over dict views and frozensets.
def tokens(items):
    for it in items:
        match it:
            case int(n) if n < 0:
                yield ("neg", n)
            case int(n):
                yield ("int", n)
            case [*xs]:
                yield from tokens(xs)
            case {"k": v}:
                yield ("kv", v)
            case _:
                yield ("other", it)
print(list(tokens([1, -2, [3, [4, "x"]], {"k": 9}, None])))
class Seq(type):
    def __iter__(cls):
        yield from cls.items
class Nums(metaclass=Seq):
    items = [1, 2, 3]
print(list(Nums), sum(Nums), 2 in list(Nums))
d = {"a": 1, "b": 2}
print(list(k for k in d.keys()), sorted(v * 2 for v in d.values()), frozenset(x for x in "abca") == frozenset("abc"))
def gen_with_views(d):
    for k, v in d.items():
        yield k, v
        d[k + k] = v
try:
    print(list(gen_with_views({"x": 1})))
except RuntimeError as e:
    print("RuntimeError:", e)
