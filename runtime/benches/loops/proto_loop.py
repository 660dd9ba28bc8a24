# The protocols the rooting convention touches: items, attributes, arithmetic,
# comparisons, `in`, len, hashing (dict keys), iteration, str().
import sys

n = int(sys.argv[1])


class P:
    def __init__(self):
        self.x = 1


p = P()
l = [1, 2, 3]
d = {"a": 1, (1, 2): 2}
s = 0
for i in range(n):
    s += l[i % 3] + d["a"] + d[(1, 2)]
    p.x = i
    if p.x < i + 1 and i in l:
        s -= len(l)
    l[0] = i
    for v in l:
        s ^= v
    t = str(i)

