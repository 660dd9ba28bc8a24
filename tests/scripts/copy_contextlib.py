# copy and contextlib (written in Python for hpymove).
import copy
from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(9); a[2]["k"].append(5)
print(b, c, b[1] is a[1], c[1] is a[1])
class P:
    def __init__(self, v): self.v = v; self.items = [v]
p = P(1); p2 = copy.copy(p); p3 = copy.deepcopy(p)
p.items.append(2)
print(p2.v, p2.items, p3.items, type(p3).__name__)
r = [1]; r.append(r); rc = copy.deepcopy(r); print(rc[1] is rc, rc[0])
t = (1, [2]); print(copy.deepcopy(t) == t, copy.deepcopy(t) is t, copy.copy(t) is t)
@contextmanager
def tag(name):
    print("<%s>" % name)
    try:
        yield name.upper()
    finally:
        print("</%s>" % name)
with tag("b") as n:
    print("inside", n)
try:
    with tag("x"):
        raise ValueError("boom")
except ValueError as e:
    print("caught", e)
@contextmanager
def swallow():
    try:
        yield
    except KeyError:
        print("swallowed")
with swallow():
    raise KeyError("k")
with suppress(ZeroDivisionError):
    1 / 0
print("after suppress")
class Res:
    def close(self): print("closed")
with closing(Res()) as r:
    print("using", type(r).__name__)
with nullcontext(5) as v:
    print(v)
with ExitStack() as stack:
    stack.callback(print, "callback 1")
    stack.enter_context(tag("s"))
    stack.callback(print, "callback 2")
    print("body")
