# reference host: skip (CPython + hpy.universal 0.9 crashes, SIGSEGV, making an instance of a
# Python subclass of exttypes.Point: `class P(exttypes.Point): pass; P(1.0, 2.0)`. The
# expected output is hpymove's, checked by hand against CPython's rules.)
# Weak references and extension types, as on CPython + hpy.universal 0.9: an instance of an
# HPy type cannot be weakly referenced (HPy 0.9 gives a type no weak-reference list), an
# instance of a Python subclass can. Its payload stays put while the object moves; the
# weak reference follows the object and is cleared, with its callback, when it dies.
# Under --gc=torture every HPy call moves it.
import gc
import weakref

import exttypes
import fields

try:
    weakref.ref(exttypes.Point(1.0, 2.0))
except TypeError as e:
    print("TypeError:", e)


class P(exttypes.Point):
    pass


told = []
p = P(1.0, 2.0)
p.chain = fields.make_list(5)
rp = weakref.ref(p, lambda r: told.append("point"))
print(rp() is p, rp().x, rp().chain.value, weakref.getweakrefcount(p))
for _ in range(3):
    gc.collect()
    # The instance and its chain of nodes moved; the weak reference follows.
    print(rp().y, rp().chain.next.next.value, rp().norm() > 2.2, fields.make_list(2).value)
del p
gc.collect()
print(rp(), told)

# Instances of the subclass as keys and values of the weak containers.
pts = [P(float(i), 0.0) for i in range(10)]
wk = weakref.WeakKeyDictionary((q, i) for i, q in enumerate(pts))
wv = weakref.WeakValueDictionary(enumerate(pts))
ws = weakref.WeakSet(pts)
del pts[::2]
gc.collect()
print(len(wk), len(wv), len(ws), sorted(wv), sorted(wk.values()))
print(sorted(q.x for q in ws))
