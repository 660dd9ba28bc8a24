# The with statement: __enter__'s value bound by `as`, __exit__ called on every way out
# (normally, by an exception it may swallow, by return/break/continue), several items.


class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None, exc)
        return self.swallow


with Resource("a") as r:
    print("body", r)

with Resource("b", swallow=True):
    raise KeyError("gone")
print("after swallowed")

try:
    with Resource("c"):
        raise ValueError("propagates")
except ValueError as e:
    print("caught", e)


def early():
    with Resource("d") as v:
        return "returned " + v


print(early())

for i in range(3):
    with Resource(f"loop{i}"):
        if i == 0:
            continue
        if i == 2:
            break
        print("loop body", i)

with Resource("x") as x, Resource("y") as y:
    print("both", x, y)

with Resource("outer"):
    with Resource("inner", swallow=True):
        1 / 0
    print("inner swallowed ZeroDivisionError")


class Tracker:
    def __init__(self):
        self.log = []

    def __enter__(self):
        self.log.append("in")
        return self

    def __exit__(self, *args):
        self.log.append("out")


with Tracker() as t:
    t.log.append("work")
print(t.log)


class FailingExit:
    def __enter__(self):
        return self

    def __exit__(self, *a):
        raise RuntimeError("exit failed")


try:
    with FailingExit():
        raise ValueError("original")
except RuntimeError as e:
    print("RuntimeError:", e, "| context:", repr(e.__context__))


class NoExit:
    def __enter__(self):
        return 1


for obj in [NoExit(), 42]:
    try:
        with obj:
            pass
    except TypeError as e:
        print("TypeError:", e)
