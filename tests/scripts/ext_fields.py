# HPyField through tp_traverse: object graphs held in C (and C++) payloads, their targets
# moving at every collection (at every HPy call in torture mode); finalizers and
# destructors counted.
import gc
import fields
import cppfields

head = fields.make_list(50)
print("list:", head.value, head.next.value, fields.list_sum(head))
top = fields.Node(100, head)
print("node on top:", fields.list_sum(top), top.next is head)
top.next = None
print("cut:", top.next, fields.list_sum(top))
top.next = head
gc.collect()
print("after collect:", fields.list_sum(top), top.next.next.value)

tree = fields.build_tree(7)
print("tree:", tree.value, tree.sum(), tree.count(), tree.left.value, tree.right.value)
leaf = tree
while True:
    try:
        leaf = leaf.left
    except AttributeError as e:
        print("leaf:", leaf.value, "-", e)
        break
right = tree.right
del tree, leaf
gc.collect()
print("right subtree alone:", right.sum(), right.count(), fields.counts()["Tree"])

vs = [fields.Vertex(i) for i in range(8)]
for i, v in enumerate(vs):
    v.connect(vs[(i + 1) % len(vs)])
    v.connect(v)
for v in vs[:3]:
    print("vertex", v.id, [w.id for w in v.neighbors()])
keep = vs[4]
del vs, v
gc.collect()
print("ring kept by one vertex:", fields.counts()["Vertex"])
del keep
gc.collect()
print("ring collected:", fields.counts()["Vertex"])

p = fields.Phoenix(3)
del p
gc.collect()
print("phoenix:", fields.counts()["Phoenix"], fields.graveyard().tag)
fields.clear_graveyard()
gc.collect()
print("phoenix gone:", fields.counts()["Phoenix"])
m = fields.Mortal()
del m
gc.collect()
print("mortal:", fields.counts()["Mortal"])

bag = cppfields.Bag("stuff")
for i in range(12):
    bag.add({"i": i, "s": str(i) * i})
bag.add(bag)
gc.collect()
print("bag:", len(bag), bag.label, bag[5], bag[12] is bag, sum(d["i"] for d in bag.items()[:12]))
del bag
gc.collect()
print("bag destructed:", cppfields.destructed())
del head, top, right
gc.collect()
print("final:", fields.counts())
