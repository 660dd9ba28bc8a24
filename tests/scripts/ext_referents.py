# gc.get_referents: the items of builtin containers, and the objects an extension
# instance's tp_traverse visits (its HPyFields).
import gc

import fields

head = fields.make_list(3)
top = fields.Node(100, head)
r = gc.get_referents(top)
print(len(r), r[0] is head)
print(gc.get_referents(fields.Node(1, None)))
print(sorted(gc.get_referents([1, 2], (3,), {"k": 4})))
print(gc.get_referents())
tree = fields.build_tree(3)
print(sorted(t.value for t in gc.get_referents(tree)))
print(sorted(gc.get_referents({1: 5, 2: 6})))
