# reference host: skip (instances of HPy 0.9 types cannot be weakly referenced on
# CPython + hpy.universal: HPy 0.9 has no way to give a type a weak-reference list. hpymove
# allows it, as its weakref brief asks, so extension authors can hold their objects in weak
# containers; the expected output is hpymove's, checked by hand.)
# Weak references to instances of extension types (fields.Node holds HPyFields, traced
# by its tp_traverse; exttypes.Point has a payload): followed while their target moves,
# cleared with a callback when it dies. Under --gc=torture every HPy call moves them.
import gc
import weakref

import exttypes
import fields

told = []
p = exttypes.Point(1.0, 2.0)
rp = weakref.ref(p, lambda r: told.append("point"))
chain = fields.make_list(5)
rn = weakref.ref(chain)
inner = weakref.ref(chain.next.next)
print(rp() is p, rp().x, rn().value, inner().value, weakref.getweakrefcount(p))
print(repr(rp) == "<weakref at %#x; to 'exttypes.Point' at %#x>" % (id(rp), id(p)))
for _ in range(3):
    gc.collect()
    # The nodes moved; the weak references follow them.
    print(rn().value, inner().value, rp().y, fields.make_list(2).value)
chain.next = None
gc.collect()
print(rn().value, inner(), told)
del p
gc.collect()
print(rp(), told)

# Extension instances as keys and values of the weak containers.
pts = [exttypes.Point(float(i), 0.0) for i in range(10)]
wk = weakref.WeakKeyDictionary((q, i) for i, q in enumerate(pts))
wv = weakref.WeakValueDictionary(enumerate(pts))
ws = weakref.WeakSet(pts)
del pts[::2]
gc.collect()
print(len(wk), len(wv), len(ws), sorted(wv), sorted(wk.values()))
print(sorted(q.x for q in ws))
