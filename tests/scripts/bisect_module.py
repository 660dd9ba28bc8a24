# bisect (written in Python for hpymove): searches and insertions with lo/hi/key, their
# argument checks, and a sequence that is not a list.
import bisect

data = [1, 2, 2, 2, 5, 8]
for x in [0, 1, 2, 3, 5, 8, 9]:
    print(x, bisect.bisect_left(data, x), bisect.bisect_right(data, x), bisect.bisect(data, x))
print(bisect.bisect_left(data, 2, 2), bisect.bisect_right(data, 2, 0, 3), bisect.bisect_left(data, 2, hi=-1))
print(bisect.bisect_left(data, 2, lo=4), bisect.bisect_right(data, 100, 2, 4))
print(bisect.bisect_left((10, 20, 30), 25), bisect.bisect("aceg", "d"), bisect.bisect_left(range(0, 100, 3), 50))

records = [("ann", 3), ("bob", 5), ("cid", 9)]
print(bisect.bisect_left(records, 5, key=lambda r: r[1]), bisect.bisect_right(records, 5, key=lambda r: r[1]))
bisect.insort(records, ("dan", 5), key=lambda r: r[1])
bisect.insort_left(records, ("eve", 5), key=lambda r: r[1])
print(records)

values = []
for v in [5, 1, 4, 1, 3, 9, 2, 6]:
    bisect.insort(values, v)
print(values)
bisect.insort_left(values, 4)
bisect.insort_right(values, 4, 0, 3)
print(values)

class Logged(list):
    def insert(self, i, x):
        print("insert at", i, x)
        list.insert(self, i, x)

lg = Logged([1, 3])
bisect.insort(lg, 2)
print(lg)

class Loud:
    def __init__(self, v): self.v = v
    def __lt__(self, other):
        print("compare", self.v, other.v)
        return self.v < other.v

print(bisect.bisect_left([Loud(1), Loud(4), Loud(9)], Loud(5)))

for call in [lambda: bisect.bisect_left(data, 1, -1),
             lambda: bisect.bisect_left(data, 1, 1.0),
             lambda: bisect.bisect_right(data, 1, 0, "x"),
             lambda: bisect.bisect_left([1, 2], 1, hi=5),
             lambda: bisect.bisect_left(5, 1),
             lambda: bisect.insort((1, 2), 3),
             lambda: bisect.bisect_left([1, "a"], 2)]:
    try:
        call()
    except Exception as e:
        print(type(e).__name__, e)
print(bisect.bisect_left.__name__, bisect.bisect.__name__, bisect.insort.__name__)
