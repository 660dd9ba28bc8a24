# The special methods of Python classes, reached from the operators, the builtins and
# the protocols: text, comparison, hashing, arithmetic (with reflected and in-place
# forms), containers, iteration, calls, truth, conversions.


def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Money:
    def __init__(self, cents):
        self.cents = cents

    def __repr__(self):
        return f"Money({self.cents})"

    def __str__(self):
        return f"${self.cents // 100}.{self.cents % 100:02d}"

    def __format__(self, spec):
        return "<" + str(self) + ">" if spec == "x" else str(self)

    def __eq__(self, other):
        if not isinstance(other, Money):
            return NotImplemented
        return self.cents == other.cents

    def __lt__(self, other):
        return self.cents < other.cents

    def __le__(self, other):
        return self.cents <= other.cents

    def __hash__(self):
        return hash(self.cents)

    def __add__(self, other):
        if isinstance(other, int):
            return Money(self.cents + other)
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        return NotImplemented

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        return Money(self.cents - other.cents)

    def __mul__(self, n):
        return Money(self.cents * n)

    __rmul__ = __mul__

    def __truediv__(self, n):
        return Money(self.cents // n)

    def __floordiv__(self, n):
        return Money(self.cents // n)

    def __mod__(self, n):
        return Money(self.cents % n)

    def __pow__(self, n):
        return Money(self.cents ** n)

    def __neg__(self):
        return Money(-self.cents)

    def __pos__(self):
        return self

    def __abs__(self):
        return Money(abs(self.cents))

    def __invert__(self):
        return "inverted"

    def __bool__(self):
        return self.cents != 0

    def __int__(self):
        return self.cents

    def __float__(self):
        return self.cents / 100

    def __index__(self):
        return self.cents

    def __lshift__(self, n):
        return Money(self.cents << n)

    def __and__(self, o):
        return "and"

    def __or__(self, o):
        return "or"

    def __xor__(self, o):
        return "xor"

    def __rsub__(self, o):
        return "rsub"


a, b = Money(150), Money(275)
print(a, repr(a), str(b), f"{a} {a!r} {a:x}", [a, b], (a,), {"k": a})
print(a == Money(150), a != b, a < b, a <= b, a > b, a >= b, b > a, a == 150, a != 150)
print(sorted([b, a, Money(5)]), max(a, b), min([b, a]), hash(a) == hash(150))
print(a + b, a + 5, 5 + a, sum([a, b]), sum([a, b], Money(0)), a - b, a * 3, 3 * a)
print(b / 2, b // 2, b % 100, Money(2) ** 3, -a, +a, abs(Money(-3)), ~a, a << 1, a & 1, a | 1, a ^ 1, 10 - a)
print(bool(a), bool(Money(0)), not a, int(a), float(a), [10, 20, 30][Money(1)], hex(Money(255)))
print(divmod(7, 2), round(Money(5).__float__(), 1))
s = {}
s[a] = "a"
s[Money(150)] = "again"
print(s, len(s), Money(150) in s)
c = Money(1)
c += Money(2)
c *= 2
print(c)
attempt(lambda: a < 3)
attempt(lambda: a @ b)
attempt(lambda: "x" + a)
attempt(lambda: Money(1) >= "x")


class Unhashable:
    def __eq__(self, other):
        return True


attempt(lambda: hash(Unhashable()))
attempt(lambda: {Unhashable(): 1})
print(Unhashable() == 3, Unhashable() != 3)


class Vector:
    def __init__(self, *xs):
        self.xs = list(xs)

    def __repr__(self):
        return "Vector(" + ", ".join(repr(x) for x in self.xs) + ")"

    def __len__(self):
        return len(self.xs)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return Vector(*self.xs[i])
        return self.xs[i]

    def __setitem__(self, i, v):
        self.xs[i] = v

    def __delitem__(self, i):
        del self.xs[i]

    def __contains__(self, x):
        print("contains?", x)
        return x in self.xs

    def __iter__(self):
        return iter(self.xs)

    def __iadd__(self, other):
        self.xs.extend(other.xs)
        return self

    def __call__(self, scale, offset=0):
        return Vector(*[x * scale + offset for x in self.xs])

    def __eq__(self, other):
        return isinstance(other, Vector) and self.xs == other.xs

    __hash__ = None


v = Vector(1, 2, 3)
print(len(v), v[0], v[-1], v[1:], 2 in v, 9 in v, list(v), [x * 2 for x in v], tuple(v), sum(v))
v[0] = 10
del v[1]
print(v, bool(v), bool(Vector()))
w = v
v += Vector(7)
print(v, w is v, v(2), v(2, offset=1), callable(v))
x, y, z = v
print(x, y, z, sorted(v), max(v), list(enumerate(v)), list(zip(v, "abc")), dict(zip("abc", v)))
attempt(lambda: hash(v))


class Countdown:
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)), [i for i in Countdown(2)], next(Countdown(5)), next(iter(Countdown(0)), "done"))
for i in Countdown(2):
    print("tick", i)


class OnlyGetitem:
    def __getitem__(self, key):
        return key * 2


g = OnlyGetitem()
print(g[4], g["ab"])


class BadLen:
    def __len__(self):
        return -1


class BadBool:
    def __bool__(self):
        return 1


class BadIter:
    def __iter__(self):
        return 5


attempt(lambda: len(BadLen()))
attempt(lambda: bool(BadBool()))
attempt(lambda: iter(BadIter()))
attempt(lambda: len(Countdown(1)))
attempt(lambda: Countdown(1)[0])
attempt(lambda: Countdown(1)())


class Cmp:
    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        print("eq", self.v, getattr(other, "v", other))
        return NotImplemented


class SubCmp(Cmp):
    def __eq__(self, other):
        print("sub eq", self.v)
        return True


print(Cmp(1) == Cmp(2), Cmp(1) == SubCmp(2), Cmp(3) != 4)

# __hash__ returning a big int: used as it is when it fits (CPython's rule).
class A:
    def __hash__(self): return hash("RED")
print(hash(A()) == hash("RED"), hash(A()) == hash(A()))
class M(type): pass
class B(metaclass=M):
    def __hash__(self): return 7
print(hash(B()))
