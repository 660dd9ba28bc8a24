# The match statement (PEP 634): literal, singleton, capture, wildcard, value, sequence,
# mapping, class (with __match_args__), or- and as-patterns, guards, and its errors.
def describe(x):
    match x:
        case None:
            return "none"
        case True:
            return "true"
        case 0 | 1 | 2:
            return f"small {x}"
        case -5:
            return "minus five"
        case "hello" | b"bytes":
            return "greeting"
        case int(n) if n > 100:
            return f"big int {n}"
        case int() | float() as num:
            return f"number {num}"
        case str(s):
            return f"str {s!r}"
        case []:
            return "empty list or tuple"
        case [first]:
            return f"one item {first}"
        case [first, *rest] if not rest:
            return "never"
        case (a, b):
            return f"pair {a} {b}"
        case [first, *middle, last]:
            return f"seq {first}..{last} with {middle}"
        case {"type": "point", "x": px, "y": py}:
            return f"point dict {px},{py}"
        case {"type": kind, **others}:
            return f"typed {kind} {sorted(others.items())}"
        case {}:
            return "some dict"
        case _:
            return f"other {type(x).__name__}"

for v in [None, True, False, 0, 2, -5, "hello", b"bytes", 1000, 7, 2.5, "text", [], (), [9], (1, 2), [1, 2, 3, 4],
          {"type": "point", "x": 1, "y": 2}, {"type": "circle", "r": 3, "c": 0}, {"a": 1}, {1, 2}, range(3), "x"]:
    print(repr(v), "->", describe(v))

class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y):
        self.x, self.y = x, y

class Color:
    RED = 1
    GREEN = 2

def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on y axis at {yy}"
        case Point(xx, 0):
            return f"on x axis at {xx}"
        case Point(x, y) if x == y:
            return f"diagonal {x}"
        case Point(x=x, y=y):
            return f"somewhere {x},{y}"
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case [Point(x=a), Point(x=b)]:
            return f"two points x={a},{b}"
        case _:
            return "not a point"

for p in [Point(0, 0), Point(0, 5), Point(3, 0), Point(4, 4), Point(1, 2), 1, 2, [Point(7, 0), Point(8, 0)], "nope"]:
    print(where(p))

match (1, [2, 3], {"k": "v"}):
    case (a, [b, c], {"k": d}) as whole:
        print("nested", a, b, c, d, whole)

match 42:
    case x:
        print("captured", x)
print("x after match:", x)

class NoArgs:
    pass
try:
    match NoArgs():
        case NoArgs(1):
            pass
except TypeError as e:
    print("TypeError:", e)
try:
    match 1:
        case len():
            pass
except TypeError as e:
    print("TypeError:", e)

for cmd in ["go north", "look", "quit", "drop sword shield", "dance"]:
    match cmd.split():
        case ["go", direction]:
            print("going", direction)
        case ["look"]:
            print("looking")
        case ["quit" | "exit"]:
            print("bye")
        case ["drop", *objects]:
            print("dropping", objects)
        case _:
            print("unknown", cmd)
        
def loop_match():
    out = []
    for i in range(6):
        match i % 3:
            case 0:
                continue
            case 1:
                out.append(i)
            case _:
                if i > 4:
                    break
                out.append(-i)
    return out
print(loop_match())
