# Extension-defined types (the `exttypes` sample) used from Python.
import gc
import exttypes
from exttypes import Point, Point3D, vector, Counted, Callable, Table


def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


print(Point.__name__, Point.__qualname__, Point.__module__, Point.__doc__)
p = Point(1, 2)
q = Point(y=2.0, x=1.0)
print(repr(p), str(p), p)
print(f"{p!r} {p}")
print(p.x, p.y, p.tag, p.norm2, p.scaled)
p.x = 3
print(p.x, p.norm2, p.norm())
p.tag = 7
print(p.tag)
p.scaled = 30
print(p.x)


def set_y():
    p.y = 1.0


def set_z():
    p.z = 1.0


def set_tag():
    p.tag = "seven"


def set_x():
    p.x = "three"


def del_x():
    del p.x


def del_scaled():
    del p.scaled


for f in [set_y, set_z, set_tag, set_x, del_x, del_scaled]:
    attempt(f)
attempt(lambda: p.missing)
attempt(lambda: Point(1, 2, 3))
attempt(lambda: Point("a"))
p.x = 1
print(p == q, p != q, p == Point(1, 3), p == 5, 5 == p)
print(hash(p) == hash(q), hash(p) == hash((1.0, 2.0)))
attempt(lambda: p < q)
print(p.shifted(1), p.add_all(1, 2, 3.5), p.moved(dx=1), p.moved(1, dy=2))
print(Point.norm(Point(3, 4)))
attempt(lambda: Point.norm(5))
attempt(lambda: p.norm(1))
attempt(lambda: p.shifted())
d = {p: "p"}
print(d[q])

r = Point3D(1, 2, z=3)
print(repr(r), str(r), r.x, r.y, r.z, r.norm2)
print(isinstance(r, Point), isinstance(p, Point3D), type(r).__name__, type(r) is Point3D)
print(r == Point3D(1, 2, 3))
print(r.shifted(1))

v = vector([1, 2, 3])
w = vector(3)
print(v, w, len(v), len(w))
print(v + 1, 1 + v, v - 1, 1 - v, v * 2, 2 * v, v / 2, 6 / v)
print(v + v, v * v, -v)
print(v[0], v[-1], v[2])
v[1] = 10
print(v.tolist(), 10 in v, 11 in v)
attempt(lambda: v[3])
attempt(lambda: v["a"])
attempt(lambda: v + "a")
attempt(lambda: "a" * v)
attempt(lambda: v / 0)
attempt(lambda: v + vector(2))
v2 = v
v += 1
print(v, v is v2)
v -= 1
print(v, v is v2)
print(bool(v), bool(vector(0)))

t = Table()
# No tp_new and no tp_init: arguments are refused, in CPython's words (Table has tp_call,
# for which hpy.universal gives the type a tp_new of its own).
attempt(lambda: Table(1))
attempt(lambda: Table(x=1))
print(len(t), bool(t))
t[1] = 10
t[2] = 20
print(len(t), t[1], t(2), t(3), bool(t))
del t[1]
attempt(lambda: t[1])
print(len(t))

c = Callable(3)
print(c(1, 2), c(1, extra=10), c.k)
attempt(lambda: c("x"))
attempt(lambda: Point(1, 2)())

before = exttypes.counts()
cs = [Counted() for i in range(5)]
print([x.serial - before[0] for x in cs])
cs = None
gc.collect()
after = exttypes.counts()
print(after[0] - before[0], after[1] - before[1])
for kind in ["gc_without_traverse", "legacy_slots", "members_without_size", "bad_shape", "ok"]:
    attempt(lambda: exttypes.make_bad(kind).__name__)

# Builtin shapes: subclasses of str and int with their own payloads.
from exttypes import TaggedStr, TaggedInt
s = TaggedStr("héllo")
print(isinstance(s, str), type(s).__name__, type(s) is TaggedStr)
print(len(s), s + "!", repr(s))
print(s.tag)
s.tag = 42
gc.collect()
print(s.describe(), s.tag)
i = TaggedInt(6)
i.tag = 7
gc.collect()
print(isinstance(i, int), i + 1, i * 2, i.scaled(), repr(i), TaggedInt("12") * 2)
gc.collect()
before = exttypes.shape_counts()
del s, i
gc.collect()
after = exttypes.shape_counts()
print(after[0] - before[0], after[1] - before[1])
attempt(lambda: TaggedInt("x"))

# Builtin-shaped instances behave as their builtin value where the type adds nothing.
ts = TaggedStr("héllo")
ti = TaggedInt(41)
print(ts == "héllo", "héllo" == ts, str(ts), ts.upper(), hash(ts) == hash("héllo"), {ts: 1}["héllo"])
gc.collect()
print(ti == 41, str(ti), ti + 1, hash(ti) == hash(41), ts.split("l"))

# Containers print their items with the items' own tp_repr (and survive it collecting).
pts = [Point(1, 2), (Point(3, 4),), {"k": Point(5, 6)}]
pts.append(pts)
print(pts, str((Point(0, 1),)))

# Negative indices go through sq_length before sq_ass_item: the value assigned must stay
# current across that call (it moves under torture), and so must the sequence.
vec = vector([1, 2, 3])
vec[-1] = 30
vec[-3] = 10 ** 2
print(vec.tolist(), vec[-2], vec[-3])


def set_out_of_range():
    vec[-4] = 1


attempt(set_out_of_range)
