# Generators: next/for, send, throw, close, return values, yield from, generator
# expressions, PEP 479, finalization of dropped generators, and a traceback through a
# generator (the uncaught exception at the end).
import gc


def count(n):
    try:
        for i in range(n):
            got = yield i
            if got is not None:
                print("  got", got)
        return "count done"
    finally:
        print("  count finally", n)


def range_gen(n):
    yield from range(n)


print("-- basics")
g = count(3)
print(type(g).__name__, repr(g).startswith("<generator object count at 0x"))
print(iter(g) is g, g.__name__, g.gi_running)
print(next(g), g.send("a"), g.__next__())
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
try:
    next(g)
except StopIteration as e:
    print("again:", e.value, e.args)
print(list(count(4)))
print(sum(count(5)), max(count(3)), sorted(count(3), reverse=True))
a, b, c = count(3)
print(a, b, c, 2 in range_gen(4), 9 in count(2))
for i in count(2):
    print("for", i)


def args_checked(a, b=2):
    yield a + b


try:
    args_checked()
except TypeError as e:
    print("call-time error:", e)
print(list(args_checked(1)), list(args_checked(1, b=5)))

print("-- send")
g = count(5)
try:
    g.send(1)
except TypeError as e:
    print(e)
print(g.send(None))
print(g.send("x"))
g.close()
print("closed")
try:
    next(g)
except StopIteration:
    print("closed generator is exhausted")


def accumulate():
    total = 0
    while True:
        x = yield total
        if x is None:
            return total
        total += x


acc = accumulate()
next(acc)
for v in [1, 2, 3]:
    print("running total", acc.send(v))
try:
    acc.send(None)
except StopIteration as e:
    print("final", e.value)

print("-- throw")


def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("  caught", repr(e))
            yield "recovered"


g = catcher()
print(next(g))
print(g.throw(ValueError("v1")))
print(next(g))
print(g.throw(ValueError))
print(next(g))
print(g.throw(ValueError, "v3"))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("propagated", repr(e))
try:
    next(g)
except StopIteration:
    print("finished after throw")
g = count(3)
try:
    g.throw(IndexError("before start"))
except IndexError as e:
    print("unstarted throw:", e)
print(list(g))

print("-- close")


def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("  ignoring GeneratorExit")
        yield 2


g = stubborn()
next(g)
try:
    g.close()
except RuntimeError as e:
    print(e)


def with_cleanup():
    class CM:
        def __enter__(self):
            print("  enter")
            return self

        def __exit__(self, *a):
            print("  exit", a[0].__name__ if a[0] else None)
            return False

    with CM():
        yield 1
        yield 2


g = with_cleanup()
print(next(g))
g.close()
print(list(with_cleanup()))
g = count(3)
g.close()
print("closing an unstarted generator runs nothing")

print("-- yield from")


def inner():
    x = yield "i1"
    print("  inner got", x)
    y = yield "i2"
    print("  inner got", y)
    return "inner result"


def outer():
    r = yield from inner()
    print("  yield from value:", r)
    r2 = yield from [10, 20]
    print("  list value:", r2)
    return r


g = outer()
print(next(g), g.send("s1"), g.send("s2"), next(g))
try:
    next(g)
except StopIteration as e:
    print("outer returned", e.value)


def delegate_throw():
    yield from catcher()


g = delegate_throw()
print(next(g), g.throw(ValueError("through")), next(g))
g.close()


def chain(*its):
    for it in its:
        yield from it


print(list(chain("ab", range(2), (x * 2 for x in [5]))))

print("-- generator expressions")
ge = (x * x for x in range(4))
print(type(ge).__name__, ge.__name__, next(ge), list(ge))


def naturals():
    n = 0
    while True:
        yield n
        n += 1


evens = (n for n in naturals() if n % 2 == 0)
for e in evens:
    if e > 8:
        break
    print("even", e)
print(next(evens))
try:
    (x for x in 5)
except TypeError as e:
    print("eager first iterable:", e)
print(list((i, j) for i in range(2) for j in "xy"))
print(dict((k, len(k)) for k in ["a", "bb"]), tuple(c.upper() for c in "hi"))

print("-- PEP 479")


def leaky():
    yield 1
    next(iter([]))


try:
    list(leaky())
except RuntimeError as e:
    print(e, "| cause:", type(e.__cause__).__name__)


def returns_early():
    yield 1
    return 5
    yield 2


print(list(returns_early()))

print("-- already executing")


def reentrant():
    print("  running:", me.gi_running)
    yield me.send(None)


me = reentrant()
try:
    next(me)
except ValueError as e:
    print(e)

print("-- suspended generators survive collections")


def keeper(tag):
    data = [tag] * 3
    for i in range(3):
        junk = [str(j) * 3 for j in range(1000)]
        yield (data, i, len(junk))


ks = [keeper(t) for t in "abc"]
for step in range(3):
    for k in ks:
        print(next(k), end=" ")
        garbage = [{"x": [i]} for i in range(1500)]
    gc.collect()
    print()

print("-- many live generators")
many = [range_gen(2) for _ in range(2500)]
started = [next(g) for g in many]
print(len(many), sum(started))
second = [next(g) for g in many[:5]]
print(second)
del many, started

print("-- dropped while suspended")


def noisy(name):
    try:
        yield name
        yield "never"
    finally:
        print("  finally of", name)


g = noisy("first")
print(next(g))
del g
gc.collect()
print("after collect")
g = noisy("second")
next(g)
g = None
gc.collect()
print("after rebinding")
print("-- recursion inside a generator")


def deep(n):
    return deep(n + 1) + 1


def rec_gen():
    try:
        deep(0)
    except RecursionError as e:
        yield "RecursionError: " + str(e)


print(next(rec_gen()))


def nested(n):
    if n:
        yield from nested(n - 1)
    else:
        yield "bottom"


print(list(nested(50)))

print("-- generators everywhere iteration happens")


class Tree:
    def __init__(self, v, kids=()):
        self.v, self.kids = v, kids
    def __iter__(self):
        yield self.v
        for k in self.kids:
            yield from k
t = Tree(1, [Tree(2, [Tree(3)]), Tree(4)])
print(list(t), [x for x in t], 3 in t)
def squares(n):
    for i in range(n):
        yield i * i
print(list(zip(squares(3), "abc")), list(enumerate(squares(3))), list(map(str, squares(3))))
print(dict((str(i), i) for i in range(3)), "-".join(str(x) for x in squares(4)))
print(any(x > 3 for x in squares(10)), all(x < 100 for x in squares(10)))
print(sorted(squares(4), reverse=True), max(squares(5)), min(squares(5)))
print(*squares(3), sep=",")
a, *rest = squares(4)
print(a, rest, tuple(squares(2)), set(squares(3)))
print(list(filter(None, squares(4))))
g = squares(2)
print(next(g, "d"), next(g, "d"), next(g, "d"))
def counter():
    c = 0
    def inc():
        nonlocal c
        c += 1
        return c
    while True:
        yield inc()
cg = counter()
print([next(cg) for _ in range(3)])
lam = lambda: (yield 5)
lg = lam()
print(next(lg))
try:
    lg.send("sent")
except StopIteration as e:
    print("lambda gen returned", e.value)
def ctx():
    try:
        raise ValueError("inner")
    except ValueError:
        yield "in handler"
        raise
try:
    g = ctx()
    print(next(g))
    next(g)
except ValueError as e:
    print("reraised", e)
def ctx2():
    try:
        yield 1
    finally:
        raise KeyError("in finally")
g = ctx2()
next(g)
try:
    g.close()
except KeyError as e:
    print("close raised", repr(e))

print("-- traceback through a generator")


def failing():
    yield 1
    raise KeyError("from the generator")


def consume():
    for x in failing():
        print("consumed", x)


consume()
