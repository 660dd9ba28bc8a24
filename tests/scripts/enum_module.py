# enum (written in Python for hpymove on a metaclass): Enum, IntEnum, StrEnum, auto, unique.
from enum import Enum, IntEnum, StrEnum, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    ALIAS = 1
    def describe(self):
        return self.name.lower()
print(repr(Color.RED), str(Color.RED), Color(2), Color['GREEN'], list(Color), len(Color), Color.ALIAS is Color.RED, repr(Color), Color.__members__)
print(Color.RED in Color, Color.RED == 1, hash(Color.RED) == hash('RED'), f'{Color.RED}', format(Color.RED), Color.GREEN.describe())
class N(IntEnum):
    A = auto(); B = auto()
print(N.A, repr(N.B), N.A + 1, N(2), N.A == 1, f'{N.B}', str(N.A), isinstance(N.A, int), sorted([N.B, N.A]))
try: Color(9)
except ValueError as e: print('ValueError', e)
try:
    @unique
    class U(Enum):
        A = 1; B = 1
except ValueError as e: print('ValueError', e)
class S(str, Enum):
    X = 'x'
print(S.X, repr(S.X), S.X == 'x', S('x'))
print(type(Color.RED).__name__, isinstance(Color.RED, Color), Color.RED.name, Color.RED.value, type(Color).__name__)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
print(Planet.EARTH.mass, Planet.EARTH.value, [p.name for p in Planet])
class Shade(StrEnum):
    DARK = auto()
    LIGHT = "light"
print(Shade.DARK, repr(Shade.LIGHT), Shade.DARK == "dark", f"{Shade.LIGHT}!")
match Color.GREEN:
    case Color.RED:
        print("red")
    case Color.GREEN:
        print("green")
try:
    Color.RED = 5
except AttributeError as e:
    print("AttributeError", e)
print({Color.RED: "r"}[Color.ALIAS], list(reversed(Color)))
