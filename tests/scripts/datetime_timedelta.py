# timedelta: normalisation, float rounding, arithmetic, comparisons, reprs and errors
from datetime import timedelta


def show(label, f):
    try:
        r = f()
    except Exception as e:
        if "unsupported operand" in str(e) or "can't multiply" in str(e):
            # CPython names its C types with their module here ('datetime.timedelta').
            e = str(e).split(":")[0].split(" of type")[0]
        print(label, "->", type(e).__name__ if not isinstance(e, str) else "TypeError", e)
    else:
        print(label, "->", repr(r), "|", str(r))


cases = [
    (), (1,), (0, 1), (0, 0, 1), (-1,), (0, -1), (0, 0, -1), (1, 86400, 1000000),
    (0, 0, 0, 1), (0, 0, 0, 0, 1), (0, 0, 0, 0, 0, 1), (0, 0, 0, 0, 0, 0, 1),
    (1.5,), (0, 1.5), (0, 0, 1.5), (0, 0, 2.5), (0, 0, 0.5), (0, 0, -0.5), (0, 0, -1.5),
    (0.1, 0.1, 0.1), (-1.25, 3.3, -7.7, 0.001, 2.2, -0.4, 1.1), (1e-7,), (0, 1e-6),
    (0, 0, 0, 0.0015), (2, -3600.5), (999999999,), (-999999999,),
    (999999999, 86399, 999999), (1000000000,), (-1000000000,),
]
for args in cases:
    show("timedelta%r" % (args,), lambda: timedelta(*args))
show("kw", lambda: timedelta(weeks=2, days=-3, hours=1, minutes=-61, seconds=59.9999999))
for bad in ["1", None, float("nan"), float("inf")]:
    show("bad %r" % (bad,), lambda: timedelta(bad))
    show("bad seconds %r" % (bad,), lambda: timedelta(seconds=bad))

a = timedelta(days=3, hours=4, microseconds=17)
b = timedelta(hours=-5, seconds=1)
z = timedelta(0)
show("a+b", lambda: a + b)
show("a-b", lambda: a - b)
show("b-a", lambda: b - a)
show("-a", lambda: -a)
show("+b", lambda: +b)
show("abs(b)", lambda: abs(b))
show("a*3", lambda: a * 3)
show("-2*a", lambda: -2 * a)
show("a*0.5", lambda: a * 0.5)
show("0.1*b", lambda: 0.1 * b)
show("a*True", lambda: a * True)
show("a/b", lambda: a / b)
show("a/3", lambda: a / 3)
show("a/-7", lambda: a / -7)
show("a/2.5", lambda: a / 2.5)
show("timedelta(0,0,3)/2", lambda: timedelta(0, 0, 3) / 2)
show("timedelta(0,0,5)/2", lambda: timedelta(0, 0, 5) / 2)
show("timedelta(0,0,5)/-2", lambda: timedelta(0, 0, 5) / -2)
show("a//b", lambda: a // b)
show("a//3", lambda: a // 3)
show("b//3", lambda: b // 3)
show("a%b", lambda: a % b)
show("b%a", lambda: b % a)
show("divmod(a,b)", lambda: divmod(a, b))
show("divmod(b,a)", lambda: divmod(b, a))
show("a/z", lambda: a / z)
show("a/0", lambda: a / 0)
show("a/0.0", lambda: a / 0.0)
show("a//z", lambda: a // z)
show("a//0", lambda: a // 0)
show("a%z", lambda: a % z)
show("a+1", lambda: a + 1)
show("1-a", lambda: 1 - a)
show("a*'x'", lambda: a * "x")
show("a//1.5", lambda: a // 1.5)
show("2/a", lambda: 2 / a)
show("max*2", lambda: timedelta.max * 2)
show("min-res", lambda: timedelta.min - timedelta.resolution)
show("max+res", lambda: timedelta.max + timedelta.resolution)
show("-min", lambda: -timedelta.min)
print(timedelta.min, timedelta.max, timedelta.resolution)
print(repr(timedelta.min), repr(timedelta.max), repr(timedelta.resolution))
print(a.days, a.seconds, a.microseconds, b.days, b.seconds, b.microseconds)
print(a.total_seconds(), b.total_seconds(), timedelta.max.total_seconds(), timedelta(0, 0, 1).total_seconds())
print(a == a, a == b, a != b, a < b, a > b, a <= a, a >= b, a == 5, a != "x")
for op in ["<", "<=", ">", ">="]:
    try:
        eval("a %s 5" % op)
    except TypeError as e:
        print(op, "TypeError")
print(bool(z), bool(b), hash(a) == hash(timedelta(3, 14400, 17)), hash(z) == hash(timedelta()))
print(hash(timedelta(1, 2, 3)), hash(timedelta(-1)), hash(timedelta(0)))
print(sorted([a, b, z, -a]))
print({a: 1, timedelta(days=3, seconds=14400, microseconds=17): 2})
for n in [1, 2, -1, -2]:
    print(str(timedelta(days=n, seconds=3723, microseconds=45)))


class Span(timedelta):
    def describe(self):
        return "span of %s" % self


s = Span(hours=1)
print(type(s).__name__, s.describe(), repr(s), type(s + s).__name__, type(-s).__name__)
print(s.__reduce__()[1], timedelta(1, 2, 3).__reduce__())
try:
    a.days = 3
except AttributeError:
    print("days is read-only")
