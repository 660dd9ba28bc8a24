# WeakValueDictionary, WeakKeyDictionary, WeakSet, WeakMethod and finalize. Deaths are
# observed after gc.collect() (CPython frees at once, hpymove at a collection).
import copy
import gc
import weakref


class Obj:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return "Obj(%s)" % self.name

    def method(self):
        return "method of " + self.name


# WeakValueDictionary: an entry goes when its value dies.
objs = {n: Obj(n) for n in "abcde"}
d = weakref.WeakValueDictionary()
for n, o in objs.items():
    d[n] = o
print(len(d), sorted(d), d["a"], "a" in d, "z" in d, d.get("z", "default"))
del objs["b"], o
gc.collect()
print(len(d), sorted(d.keys()), sorted(k for k, v in d.items()), "b" in d)
try:
    d["b"]
except KeyError as e:
    print("KeyError", e)
print(sorted(v.name for v in d.values()), len(d.valuerefs()))
print(d.pop("c").name, d.pop("zz", "none"), len(d))
print(d.setdefault("a", None).name, d.setdefault("new", objs["e"]).name)
d2 = d.copy()
d3 = copy.deepcopy(d)
print(type(d2).__name__, sorted(d2), sorted(d3))
print(repr(d) == "<WeakValueDictionary at %#x>" % id(d))
print(sorted((d | {"q": objs["a"]}).keys()))
k, v = d.popitem()
print(k in objs or k == "new", len(d))
# Values dying while the dictionary is iterated are removed afterwards.
many = [Obj(str(i)) for i in range(50)]
wv = weakref.WeakValueDictionary((str(i), o) for i, o in enumerate(many))
seen = 0
for key in wv:
    if seen == 0:
        del many[10:40]
        gc.collect()
    seen += 1
print(len(wv), len(many))
wv.update({"x": many[0]}, y=many[1])
print(len(wv), wv["x"] is many[0], wv["y"] is many[1])
del wv["x"]
print(len(wv), "x" in wv)

# WeakKeyDictionary: an entry goes when its key dies.
keys = [Obj(str(i)) for i in range(5)]
kd = weakref.WeakKeyDictionary()
for i, k in enumerate(keys):
    kd[k] = i
print(len(kd), kd[keys[2]], keys[3] in kd, 1 in kd, kd.get(keys[4]))
del keys[0:2], k
gc.collect()
print(len(kd), sorted(kd.values()), sorted(o.name for o in kd.keys()))
print(sorted((o.name, v) for o, v in kd.items()), len(kd.keyrefs()))
print(kd.pop(keys[0]), len(kd), kd.setdefault(keys[0], 99), kd[keys[0]])
del kd[keys[1]]
print(len(kd), repr(kd) == "<WeakKeyDictionary at %#x>" % id(kd))
kc = kd.copy()
print(type(kc).__name__, len(kc), sorted(kc.values()))
try:
    kd[Obj("absent")]
except KeyError:
    print("KeyError for an absent key")
kd.update({keys[1]: "one"})
print(kd[keys[1]], len(kd))

# WeakSet.
items = [Obj(str(i)) for i in range(6)]
ws = weakref.WeakSet(items)
print(len(ws), items[0] in ws, Obj("x") in ws, 1 in ws)
del items[:3]
gc.collect()
print(len(ws), sorted(o.name for o in ws))
ws.discard(items[0])
ws.add(items[0])
ws.remove(items[1])
print(len(ws), sorted(o.name for o in ws))
other = weakref.WeakSet(items[2:])
print(sorted(o.name for o in ws - other), sorted(o.name for o in ws & other))
print(sorted(o.name for o in ws | other), ws >= other, other <= ws, ws == weakref.WeakSet(ws))
print(ws.isdisjoint([items[1]]), len(ws.copy()), type(ws.copy()).__name__)
ws.clear()
print(len(ws), repr(weakref.WeakSet()))
try:
    ws.pop()
except KeyError as e:
    print("KeyError", e)

# WeakMethod.
m = Obj("m")
wm = weakref.WeakMethod(m.method)
print(wm()(), wm().__self__ is m, wm == weakref.WeakMethod(m.method))
try:
    weakref.WeakMethod(len)
except TypeError as e:
    print(e)
told = []
wm2 = weakref.WeakMethod(m.method, lambda r: told.append(r is wm2))
del m
gc.collect()
print(wm(), wm2(), told)

# finalize: called once when the object dies, or when called; detach and peek.
class Res:
    pass


def release(name, *, how="closed"):
    print("release", name, how)
    return name


r1 = Res()
f1 = weakref.finalize(r1, release, "r1", how="died")
print(f1.alive, f1.atexit, f1.peek()[1:] == (release, ("r1",), {"how": "died"}))
print(repr(f1) == "<finalize object at %#x; for 'Res' at %#x>" % (id(f1), id(r1)))
del r1
gc.collect()
print(f1.alive, f1(), f1.peek(), repr(f1) == "<finalize object at %#x; dead>" % id(f1))
r2 = Res()
f2 = weakref.finalize(r2, release, "r2")
print(f2(), f2.alive, f2())
r3 = Res()
f3 = weakref.finalize(r3, release, "r3")
obj, func, args, kwargs = f3.detach()
print(obj is r3, func is release, args, kwargs, f3.alive, f3.detach())
del r3, obj
gc.collect()
print("nothing released for r3")
r4 = Res()
f4 = weakref.finalize(r4, release, "r4", how="at exit")
r5 = Res()
f5 = weakref.finalize(r5, release, "r5")
f5.atexit = False
print(f5.atexit, "end of script")
