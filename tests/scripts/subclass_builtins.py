# Subclasses of builtin types keep their builtin behaviour and add their own; custom
# exception classes: hierarchies, matching, arguments, attributes, chaining, messages.


def attempt(f):
    try:
        r = f()
        print("ok", repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)


class Stack(list):
    def push(self, x):
        self.append(x)
        return self

    def peek(self):
        return self[-1]


s = Stack([1, 2])
s.push(3).push(4)
print(s, s.peek(), len(s), s.pop(), s[0], s[1:], isinstance(s, list), type(s).__name__, s + [9], sorted(s, reverse=True))
print(Stack(), Stack("ab"), list(Stack((1, 2))), s == [1, 2, 3], [x for x in s])


class Counter(dict):
    def add(self, key):
        self[key] = self.get(key, 0) + 1
        return self

    def __missing__(self, key):
        return 0


c = Counter()
for w in "abracadabra":
    c.add(w)
print(sorted(c.items()), c["a"], len(c), isinstance(c, dict), Counter(x=1), Counter({"y": 2}))


class LoudDict(dict):
    def __setitem__(self, k, v):
        print("set", k)
        super().__setitem__(k, v) if hasattr(dict, "__setitem__") else dict.update(self, {k: v})


class Celsius(float):
    def describe(self):
        return f"{self:.1f} C"


t = Celsius(21.456)
print(t.describe(), t + 1, t * 2, isinstance(t, float), type(t).__name__, round(t, 1), int(t))


class Even(int):
    def __new__(cls, v):
        return super().__new__(cls, v - v % 2) if False else int.__new__(cls, v - v % 2)

    def half(self):
        return self // 2


class Shout(str):
    def shout(self):
        return self.upper() + "!"


h = Shout("hey")
print(h, h.shout(), h + " you", len(h), h[0], h == "hey", isinstance(h, str), f"[{h}]", h.split("e"))


class Pair(tuple):
    def first(self):
        return self[0]


p = Pair((1, 2))
print(p, p.first(), len(p), p + (3,), p == (1, 2), hash(p) == hash((1, 2)))


class Small(int):
    def twice(self):
        return self * 2


n = Small(21)
print(n, n.twice(), n + 1, -n, n == 21, isinstance(n, int), hash(n) == hash(21), {n: "x"}[21], [0, 1, 2][Small(1)])


# Exceptions.
class AppError(Exception):
    """Base of this application's errors."""


class NotFound(AppError):
    def __init__(self, key, where="store"):
        super().__init__(f"{key!r} not found in {where}")
        self.key = key
        self.where = where


class Invalid(AppError, ValueError):
    pass


class Coded(Exception):
    def __init__(self, code):
        self.code = code

    def __str__(self):
        return f"error code {self.code}"


def find(key):
    raise NotFound(key)


try:
    find("x")
except AppError as e:
    print("caught", type(e).__name__, e, e.key, e.where, e.args, repr(e), isinstance(e, Exception))

for exc in [NotFound("k", "cache"), Invalid("bad value"), Coded(7), AppError(), AppError("a", 1)]:
    try:
        raise exc
    except ValueError as e:
        print("as ValueError:", e)
    except NotFound as e:
        print("as NotFound:", e, e.where)
    except AppError as e:
        print("as AppError:", e, e.args)
    except Exception as e:
        print("as Exception:", e, e.code, e.args)

try:
    try:
        raise Invalid("inner")
    except Invalid as e:
        raise NotFound("outer") from e
except NotFound as e:
    print(e, "| cause:", e.__cause__, type(e.__cause__).__name__)

print(issubclass(Invalid, ValueError), issubclass(NotFound, LookupError), Invalid.__mro__[1].__name__)
print(AppError.__doc__, NotFound("z").args, str(Coded(3)), Coded(3).args)
attempt(lambda: find(1))


class Fatal(BaseException):
    pass


try:
    raise Fatal("stop")
except Exception:
    print("not here")
except BaseException as e:
    print("BaseException:", e)


# Instances of subclasses of builtin types have attribute dicts too; dict subclasses'
# __missing__.
import gc


class Named(list):
    def __init__(self, name, items):
        super().__init__(items)
        self.name = name


named = Named("nums", [3, 1, 2])
gc.collect()
print(named.name, named, sorted(named), named.__dict__)


class Tag(str):
    pass


tags = [Tag(str(i)) for i in range(50)]
for i, tg in enumerate(tags):
    tg.i = i
gc.collect()
print(sum(tg.i for tg in tags), hasattr(Tag("y"), "i"), tags[7].i)


class Defaulting(dict):
    def __missing__(self, key):
        return key * 2


dd = Defaulting(a=1)
dd.meta = "m"
print(dd["a"], dd["zz"], dd.meta, dd, "zz" in dd)
attempt(lambda: delattr(tags[0], "nope"))
