# dataclasses (written in Python for hpymove): fields, defaults, frozen, order, asdict.
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass, FrozenInstanceError
from typing import List, ClassVar

@dataclass
class Point:
    x: int
    y: int = 0
    tags: List[str] = field(default_factory=list)
    count: ClassVar[int] = 0

p = Point(1)
q = Point(1, 0)
print(p, p == q, p != Point(2), Point.count, [f.name for f in fields(p)], is_dataclass(p), is_dataclass(3))
p.tags.append("a")
print(p, q, asdict(p), astuple(p), replace(p, y=5), Point.__match_args__)
print(Point.__hash__ is None, Point(x=3, y=4, tags=["t"]))
for bad in [lambda: Point(), lambda: Point(1, 2, [], 4), lambda: Point(1, z=3), lambda: Point(1, x=2)]:
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int = 0
    def bump(self):
        return replace(self, minor=self.minor + 1)

v = Version(1, 2)
print(v, v < Version(1, 3), sorted([Version(2), Version(1, 5), Version(1)]), hash(v) == hash(Version(1, 2)), v.bump())
try:
    v.major = 3
except FrozenInstanceError as e:
    print("FrozenInstanceError", e, isinstance(e, AttributeError))

@dataclass
class Node:
    name: str
    children: list = field(default_factory=list)
    parent: "Node" = field(default=None, repr=False)
    def __post_init__(self):
        self.name = self.name.upper()

root = Node("root")
root.children.append(Node("leaf", parent=root))
print(root, asdict(Node("n", [Node("m")])))
match Point(5, 6):
    case Point(x, y):
        print("matched", x, y)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e:
    print("TypeError", e)
try:
    @dataclass
    class Bad2:
        a: list = []
except ValueError as e:
    print("ValueError", e)

@dataclass
class Child(Point):
    z: int = 9
print(Child(1, 2, [], 3), [f.name for f in fields(Child)])
