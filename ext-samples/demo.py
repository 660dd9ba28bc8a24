# The main-job demo: sample extensions, built with the official hpy 0.9.0 headers, run by
# hpymove with a collection at every HPy call (run it with --gc=torture).
import gc
import sys

import basics
import cppfields
import exttypes
import fields
import tinyjson

print("basics.get_str()          ->", basics.get_str())
print("basics.add_ints(20, 22)   ->", basics.add_ints(20, 22))
print("basics.build_nested()     ->", basics.build_nested())
print("basics.kw_numbers(...)    ->", basics.kw_numbers(1, 5, scale=2.5))
try:
    basics.raise_value_error()
except ValueError as e:
    print("basics.raise_value_error() raised ValueError:", e)

document = {
    "name": "hpymove",
    "moves": [i * i for i in range(10)],
    "nested": {"pi": 3.14159, "big": 2 ** 100, "ok": True, "none": None},
    "text": "grüß dich 🐍 \"quoted\"\n",
}
text = tinyjson.dumps(document)
print("tinyjson.dumps(document)  ->", text)
back = tinyjson.loads(text)
print("round trip equal          ->", back == document)
# Extension types: their C structs stay put while the objects themselves move.
p = exttypes.Point(3, 4)
v = exttypes.vector([1.0, 2.0, 3.0])
print("exttypes.Point(3, 4)      ->", p, "norm", p.norm())
print("2 * vector + 1            ->", (2 * v + 1).tolist())
# Object graphs in C payloads: children held in HPyFields, rewritten in place through
# tp_traverse every time their targets move.
tree = fields.build_tree(10)
print("fields.build_tree(10).sum() ->", tree.sum(), "over", tree.count(), "nodes")
ring = [fields.Vertex(i) for i in range(5)]
for i, vx in enumerate(ring):
    vx.connect(ring[(i + 1) % 5])
print("a ring of vertices        ->", [w.id for w in ring[0].neighbors()[0].neighbors()])
phoenix = fields.Phoenix(1)
del phoenix, ring, vx
gc.collect()
print("after gc.collect()        -> counts", fields.counts())
print("  (the Phoenix finalizer resurrected it once:", fields.graveyard().tag, "is back)")
bag = cppfields.Bag("C++ payload")
bag.add(tree.left)
bag.add(bag)
print("cppfields.Bag             ->", bag.label, len(bag), bag[0].value, bag[1] is bag)
gc.collect()
print("done; run with --gc-stats to see how many collections moved everything")
