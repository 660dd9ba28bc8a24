# Natives (builtins and methods written in Rust) whose arguments each run Python code:
# under --gc=always every object moves at each of those calls, so a native that kept an
# argument's address across one reads a stale pointer. Each argument here runs code that
# allocates, then the native uses the arguments after it.


def churn(n=3):
    # Allocation, so that a collection has something to move.
    return [str(i) * 2 for i in range(n)]


class Iterable:
    """An iterable whose __iter__ is a Python generator."""

    def __init__(self, *items):
        self.items = list(items)

    def __iter__(self):
        churn()
        for x in self.items:
            churn()
            yield x


class Iter:
    """An iterator written in Python (__iter__ and __next__)."""

    def __init__(self, n, tag):
        self.i = 0
        self.n = n
        self.tag = tag

    def __iter__(self):
        churn()
        return self

    def __next__(self):
        churn()
        if self.i >= self.n:
            raise StopIteration
        self.i += 1
        return self.tag + str(self.i)


def gen(*items):
    for x in items:
        churn()
        yield x


class Shown:
    def __init__(self, name):
        self.name = name

    def __str__(self):
        churn()
        return "<" + self.name + ">"

    def __repr__(self):
        churn()
        return "Shown(" + repr(self.name) + ")"

    def __format__(self, spec):
        churn()
        return "[" + self.name + ":" + spec + "]"


class Key:
    """Equal and hashed by value, in Python."""

    def __init__(self, v):
        self.v = v

    def __eq__(self, other):
        churn()
        return isinstance(other, Key) and self.v == other.v

    def __hash__(self):
        churn()
        return hash(self.v)

    def __repr__(self):
        return "Key(%r)" % (self.v,)


class Num:
    def __init__(self, v):
        self.v = v

    def __add__(self, other):
        churn()
        o = other.v if isinstance(other, Num) else other
        return Num(self.v + o)

    def __radd__(self, other):
        churn()
        return Num(other + self.v)

    def __lt__(self, other):
        churn()
        return self.v < other.v

    def __gt__(self, other):
        churn()
        return self.v > other.v

    def __index__(self):
        churn()
        return self.v

    def __bool__(self):
        churn()
        return self.v != 0

    def __repr__(self):
        return "Num(%d)" % self.v


class Lazy:
    def __getattr__(self, name):
        churn()
        if name.startswith("x"):
            return name.upper()
        raise AttributeError(name)


print("-- zip")
print(list(zip(Iterable(1, 2, 3), gen("a", "b", "c"), Iter(3, "i"))))
print(list(zip(gen(1, 2), Iterable("x", "y", "z"), [10, 20, 30], Iter(5, "t"))))
print(list(zip()))

print("-- enumerate")
print(list(enumerate(Iterable("p", "q"), Num(5))))
print(list(enumerate(gen("r", "s"), start=Num(2))))

print("-- sorted, min, max")
words = ["pear", "fig", "banana", "kiwi", "apple"]
print(sorted(Iterable(*words), key=lambda w: (churn(), len(w), w)[1:]))
print(sorted(gen(*words), key=lambda w: w[::-1], reverse=Num(1)))
print(sorted([Num(3), Num(1), Num(2)]))
print(min(Iterable(*words), key=lambda w: (churn(), len(w))[1]))
print(max(gen(*words), key=lambda w: (churn(), w[-1])[1]))
print(min(Num(4), Num(2), Num(8), key=lambda n: (churn(), n.v)[1]))
print(max(Num(4), Num(9), Num(8)))
print(min(gen(), default=Shown("empty")))
print(max([], key=lambda x: churn(), default="none"))
l = list(words)
l.sort(key=lambda w: (churn(), w[1])[1], reverse=Num(0))
print(l)

print("-- map, filter")
print(list(map(lambda a, b, c: (churn(), a + b + c)[1], Iterable("a", "b"), gen("c", "d"), Iter(2, "e"))))
print(list(map(str, gen(Shown("m"), Shown("n")))))
print(list(filter(lambda x: (churn(), x % 2)[1], Iterable(1, 2, 3, 4, 5))))
print(list(filter(None, gen(0, Num(0), Num(3), "", "s"))))

print("-- any, all")
print(any(gen(Num(0), Num(0), Num(1))), any(Iterable(Num(0))))
print(all(gen(Num(1), Num(2))), all(Iter(2, "")), all(Iterable(Num(1), Num(0))))

print("-- sum")
print(sum(gen(Num(1), Num(2), Num(3))))
print(sum(Iterable(Num(1), Num(2)), Num(10)))
print(sum([1, 2, 3], start=Num(100)))

print("-- print")
print(Shown("a"), Shown("b"), Shown("c"), sep=str(Shown("s")), end=" |\n")
print(Shown("x"), 1, Shown("y"), [Shown("z")], flush=Num(1))


class Sink:
    def __init__(self):
        self.parts = []

    def write(self, s):
        churn()
        self.parts.append(s)

    def flush(self):
        churn()


sink = Sink()
print(Shown("to"), Shown("sink"), file=sink, flush=Num(1))
print("".join(sink.parts), end="")

print("-- format")
print("{} and {} and {!r} and {k:spec}".format(Shown("p"), Shown("q"), Shown("r"), k=Shown("k")))
print("{0:a}{1:b}{0:c}".format(Shown("one"), Shown("two")))
print("%s, %r, %s" % (Shown("u"), Shown("v"), Shown("w")))
print(format(Shown("f"), "spec"), "%s-%s" % (Shown("g"), Num(7)))
print(str.format("{}{}", Shown("h"), Shown("i")))

print("-- dict methods")
d = {Key(1): "one", Key(2): "two"}
print(d.get(Key(2)), d.get(Key(3), Shown("dflt")))
print(d.setdefault(Key(3), Shown("set")), d.setdefault(Key(1), "no"))
print(d.pop(Key(2)), d.pop(Key(9), Shown("popped")))
d.update({Key(4): "four"}, extra=Shown("kw"))
print(sorted(repr(k) for k in d))
print(dict.fromkeys(Iterable(Key(5), Key(6)), Shown("v")))

print("-- list methods")
l = [Key(1), Key(2), Key(3), Key(2)]
print(l.index(Key(2)), l.count(Key(2)))
l.remove(Key(2))
print(l)
l.insert(1, Key(7))
print(l, l.pop(2), l)
l.extend(gen(Key(8), Key(9)))
print(l)
t = (Key(1), Key(2))
print(t.index(Key(2)), t.count(Key(1)))

print("-- set methods")
s = {Key(1), Key(2)}
s.update(gen(Key(2), Key(3)), Iterable(Key(4)))
print(sorted(k.v for k in s))
s.discard(Key(4))
s.remove(Key(3))
print(sorted(k.v for k in s))
print(sorted(k.v for k in s.union(gen(Key(5)), Iterable(Key(6)))))
print(sorted(k.v for k in s.intersection(Iterable(Key(1), Key(9)))))
print(s.issubset(gen(Key(1), Key(2), Key(3))), s.isdisjoint(Iterable(Key(7))))
print(sorted(k.v for k in frozenset(gen(Key(1))).union(Iterable(Key(2)))))

print("-- str methods")
print("abc".center(Num(9), "*"), "abc".rjust(Num(2)), "7".zfill(Num(4)))
print("a b c d".split(None, 2), "a,b,c".rsplit(",", Num(1)))
print("-".join(gen("x", "y", "z")), "abcabc".find("c", Num(3)), "abc".startswith(("x", "a"), Num(0)))
print("hello".replace("l", "L", 1), "abcabc".count("b", Num(1), Num(5)))

print("-- isinstance, issubclass")


class Meta(type):
    def __instancecheck__(cls, obj):
        churn()
        return hasattr(obj, "quack")


class Duck(metaclass=Meta):
    pass


class Q:
    quack = 1


print(isinstance(Q(), (int, str, Duck)), isinstance(3, (str, (bytes, int))))
print(isinstance("s", (Duck, list)), issubclass(bool, (str, int)))

print("-- getattr, hasattr, setattr")
z = Lazy()
print(getattr(z, "xyz"), getattr(z, "nope", Shown("default")), getattr(z, "xa", None))
print(hasattr(z, "xq"), hasattr(z, "q"))
setattr(z, "attr_" + str(Num(1).v), Shown("val"))
print(z.attr_1)

print("-- next, iter, round, divmod, pow")
it = iter(Iterable(1))
print(next(it), next(it, Shown("done")))
g = gen(5)
print(next(g), next(g, Shown("end")))
print(round(2.675, Num(2)), divmod(Num(7).v, 2), pow(Num(2).v, 3, Num(5).v))
print(int.to_bytes(Num(258).v, Num(2), "big"), int.from_bytes(gen(1, 2), "little"))
