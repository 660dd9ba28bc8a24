# __new__ through super() (object, str), object.__new__, subclasses of set and frozenset,
# unhashable subclasses of list, dict and set.
class S:
    _inst = None
    def __new__(cls, *a):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
print(S(1) is S(2), S(3).v)
o = object.__new__(S)
print(type(o).__name__)
class MyList(list):
    def __new__(cls, *a):
        return super().__new__(cls)
print(MyList([1,2]), type(MyList()).__name__)
class MySet(set):
    pass
m = MySet([1, 2])
print(sorted(m), type(m).__name__, isinstance(m, set))
class FS(frozenset):
    pass
f = FS([3])
print(f, type(f).__name__, hash(f) == hash(frozenset([3])))
class MyDict(dict):
    pass
for v in [MySet([1]), MyDict(a=1), MyList()]:
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
ms = MySet("ab")
ms.add("c")
ms.extra = 1
print(sorted(ms), ms.extra, sorted(ms | {"z"}), type(ms | {"z"}).__name__, type(FS([1]) | {2}).__name__)
print({FS([1]): "x"}[frozenset([1])])
