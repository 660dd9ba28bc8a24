# complex numbers: literals, complex() and its argument rules, repr/str, format(), hash,
# comparisons, arithmetic with int/float/complex (reflected too), errors, conversions,
# the methods and attributes, slot wrappers, subclassing.
def t(f):
    try:
        r = f()
        print(repr(r))
    except Exception as e:
        print(type(e).__name__ + ":", e)
t(lambda: 1j // 2)
t(lambda: 1j % 2)
t(lambda: divmod(1j, 2))
t(lambda: 1j < 2)
t(lambda: 1j < 2j)
t(lambda: int(1j))
t(lambda: float(1j))
t(lambda: complex("1+2j", 3))
t(lambda: complex(1, "2"))
t(lambda: complex(b"1"))
t(lambda: complex([]))
t(lambda: complex(1, []))
t(lambda: complex("1 + 2j"))
t(lambda: complex(1, 2, 3))
t(lambda: complex(real=1, imag=2))
t(lambda: complex(imag=2))
t(lambda: complex(foo=2))
t(lambda: 1j / 0)
t(lambda: 1j / 0j)
t(lambda: 0j ** -1)
t(lambda: 0j ** 1j)
t(lambda: (1e200+1e200j) ** 2)
t(lambda: 10j ** 1000)
t(lambda: pow(1j, 2, 3))
t(lambda: pow(2, 1j, 3))
t(lambda: pow(2, 3, 1j))
t(lambda: pow(1.5, 2, 1j))
t(lambda: abs(complex(1e308, 1e308)))
t(lambda: ~1j)
t(lambda: format(1+2j, '%'))
t(lambda: format(1+2j, '010'))
t(lambda: format(1+2j, '=10'))
t(lambda: format(1+2j, 'd'))
t(lambda: format(1+2j, 'r'))
t(lambda: format(1+2j, '>12'))
t(lambda: format(1j, '.3'))
t(lambda: format(-0.0+1j, ''))
t(lambda: format(complex(float('nan'), float('-nan')), '+'))
t(lambda: format(1.5+2.25j, ',.2f'))
t(lambda: format(12345.5+2j, ','))
t(lambda: format(1+2j, '#g'))
t(lambda: hash(1+2j))
t(lambda: hash(complex(-1, 0)))
t(lambda: complex.__add__(1j, 2))
t(lambda: complex.__add__(1j, "a"))
t(lambda: (1j).__mul__(2.0))
t(lambda: 1j.__rsub__(2))
t(lambda: (1j).__lt__(2))
t(lambda: (1j).__eq__(1))
t(lambda: 1j + "a")
t(lambda: "a" + 1j)
t(lambda: [] * 1j)
t(lambda: complex(" ( 1.5-2J ) "))
t(lambda: complex("1_0j"))
t(lambda: complex("-j"))
t(lambda: complex("j"))
t(lambda: complex("+1e3+nanj"))
t(lambda: complex("infj"))
t(lambda: complex("(1+2j"))
t(lambda: complex("1+2j)"))
t(lambda: complex(""))
t(lambda: complex("()"))
t(lambda: complex("1+"))
t(lambda: complex("1e"))
t(lambda: complex("1_"))
t(lambda: complex(1j, 1j))
t(lambda: complex(True))
t(lambda: (1j).real.__class__)
t(lambda: 1.5.real)
t(lambda: (5).imag)
t(lambda: (1j).__complex__())
t(lambda: (1j).__getnewargs__())
t(lambda: bool(0j))
t(lambda: 1j == 1j)
t(lambda: complex(2**1000))
t(lambda: 2**1000 * 1j)
t(lambda: complex(2,0) == 2)
t(lambda: complex(2**53+1, 0) == 2**53+1)
t(lambda: repr(complex(0.0, -0.0)))
t(lambda: repr(complex(-0.0, -0.0)))
t(lambda: repr(complex(float('nan'), float('inf'))))
t(lambda: repr(1e16j))
t(lambda: repr(1e-5j + 1))
t(lambda: repr(-complex(0, float('nan'))))
t(lambda: repr(complex(0,float('-inf'))))
t(lambda: 2 ** 0.5j)
t(lambda: (1+1j) ** 0.5)
t(lambda: (-8) ** (1/3))
t(lambda: (1+2j) ** 3)
t(lambda: (1+2j) ** -3)
t(lambda: (1+2j) ** 101)
t(lambda: 1j ** 2)
t(lambda: (1+2j) / (3-4j))
t(lambda: 1 / (1+1j))
t(lambda: (1+2j) * 1.5)
t(lambda: 3 - 1j)
t(lambda: -(1j))
t(lambda: +(1j))
t(lambda: abs(3+4j))
t(lambda: complex.__new__(complex, 1, 2))
t(lambda: complex.__abs__(3+4j))

# Literals.
print(1j, 2.5J, 1e3j, 1_0j, 0j, -1j, 1 + 2j, 1.5 - 0.5j, .5j, 1E-3j)
print(type(1j).__name__, isinstance(1j, complex), isinstance(1, complex))
print(1j * 1j, (1 + 2j).real, (1 + 2j).imag, (3 - 4j).conjugate())

# repr and str.
for z in [complex(0, 1), complex(1, 0), complex(-0.0, 0), complex(0, 0), complex(1e16, -1e-16),
          complex(float("inf"), -float("inf")), complex(float("nan"), 0), complex(2.5, float("nan")),
          complex(-1.5, 2**60), complex(1e300, 1e-300), complex(123456789, 0.1)]:
    print(repr(z), str(z), f"{z}", f"{z!r}")

# format() and f-strings.
for spec in ["", "10", "<14", "^16", ">16", "+", " ", ".2f", "+.3e", "E", "g", ".3g", "G",
             "n", ",", "_.1f", "*^20.2f", ".0f", "#.2e", ".3", "10.2"]:
    print(repr(spec), format(3.25 - 1234.5j, spec), format(1j, spec), format(-0.0 - 2j, spec))
print(f"{1 + 2j:.1f} {2j:>8} {complex('inf-nanj'):G}")

# complex(): every argument form.
class WithComplex:
    def __complex__(self):
        return 1 + 2j

class WithFloat:
    def __float__(self):
        return 2.5

class WithIndex:
    def __index__(self):
        return 7

class BadComplex:
    def __complex__(self):
        return 1.0

class Both:
    def __complex__(self):
        return 3j
    def __float__(self):
        return 9.0

for args in [(), (1,), (1.5,), (True,), (2, 3), (1j, 1j), (1 + 2j, 3 + 4j), (1.5, 2j),
             (WithComplex(),), (WithComplex(), 1), (WithFloat(),), (WithFloat(), WithIndex()),
             (WithIndex(),), (Both(),), (BadComplex(),), ("3",), ("-2.5j",), ("1e-3+4J",),
             ("  (1-j)\t",), ("nan-infj",), ("1+2",), ("j1",), (None,), (1, None), ((),),
             (2 ** 1100,), (1, 2 ** 1100)]:
    show_args = ", ".join(type(a).__name__ for a in args)
    t(lambda: complex(*args))
t(lambda: complex(real="1"))
t(lambda: complex(imag="1"))
t(lambda: complex(1, imag=2))
t(lambda: complex(1, real=2))
z = 5 + 6j
print(complex(z) is z, complex(z, 0) is z)

# Equality, hashing, ordering.
print(1 + 0j == 1, 1.5 + 0j == 1.5, 1j == 1, 1j != 1j, 2 ** 53 + 0j == 2 ** 53)
print(hash(3 + 0j) == hash(3), hash(2.5 + 0j) == hash(2.5), hash(complex(0, 0)) == hash(0))
print(hash(1 + 2j), hash(-1.5 - 2.25j), hash(complex(1e300, -1e300)), hash(1j))
print({1: "int", 1 + 0j: "complex", 1.0: "float"}, {1j, 1j, 2j} == {2j, 1j})
for op in ["<", "<=", ">", ">="]:
    t(lambda: eval("1j " + op + " 1"))
t(lambda: sorted([1j, 2j]))
t(lambda: max(1j, 2j))
print([1j] == [1j], (1j, 2) == (1j, 2), 1j in [1, 1j], [1j, 2j].index(2j))

# Arithmetic.
vals = [2, -3, 2.5, 0.0, -0.0, True, 1 + 1j, -2.5j, complex(-0.0, 0.0)]
for a in vals:
    for b in vals:
        row = []
        for name, f in [("+", lambda: a + b), ("-", lambda: a - b), ("*", lambda: a * b),
                        ("/", lambda: a / b), ("**", lambda: a ** b)]:
            if not isinstance(a, complex) and not isinstance(b, complex):
                continue
            try:
                row.append(repr(f()))
            except Exception as e:
                row.append(type(e).__name__)
        if row:
            print(repr(a), repr(b), row)
x = 1 + 1j
x += 2
x *= 1j
x **= 2
x /= 2j
x -= 0.5
print(x, -x, +x, abs(x), abs(-3j), abs(complex(float("inf"), 1)), bool(x), bool(0j))
print((-8) ** (1 / 3), (-1) ** 0.5, (-2.0) ** 1.5, 2 ** (1 + 1j), 1j ** 1j, (1 + 1j) ** -2)
print(sum([1j, 2, 3.5]), sum([1j, 1j], 0j), pow(2j, 2), pow(1j, -1))
t(lambda: pow(0j, 0))
t(lambda: 0j ** 0j)
t(lambda: 1e300j * 1e300j)
t(lambda: 10 ** 400 + 1j)
t(lambda: 1j ** (10 ** 400))
t(lambda: divmod(1, 1j))
t(lambda: 1 // 1j)
t(lambda: 1j << 1)
t(lambda: 1j & 1)
t(lambda: round(1j))
t(lambda: int(1j))
t(lambda: float(1j))
t(lambda: [1, 2][z])
z = 1j
t(lambda: range(1j))
t(lambda: "%d" % 1j)
t(lambda: "%s %r" % (1j, 1 - 1j))

# Methods and slot wrappers.
print((1 + 2j).conjugate(), complex.conjugate(2 - 3j), (1j).__complex__(), (1 + 2j).__getnewargs__())
print(complex.__add__(1j, 2.5), (1j).__radd__(1), (2j).__rtruediv__(1), (1j).__rpow__(2))
print((1j).__eq__(1j), (1j).__ne__(0), (1j).__neg__(), (1j).__abs__(), (0j).__bool__())
print((1 + 0j).__eq__(1), (1).__eq__(1 + 0j), (1.0).__add__(1j), (1).__add__(1j))
t(lambda: complex.conjugate(1.5))
t(lambda: (1j).conjugate(1))
print(1.5.real, 1.5.imag, (7).real, (7).imag, type((7).imag).__name__)

# Subclasses.
class MyComplex(complex):
    def double(self):
        return self * 2

    def __repr__(self):
        return "MyComplex" + complex.__repr__(self)

m = MyComplex(1, 2)
print(m, repr(m), m.double(), type(m.double()).__name__, type(m).__name__, isinstance(m, complex))
print(m.real, m.imag, m == 1 + 2j, hash(m) == hash(1 + 2j), m + 1, type(m + 1).__name__, -m, abs(m))
print(complex(m), type(complex(m)).__name__, MyComplex("3-4j"), MyComplex(m), m.conjugate())
m.note = "attr"
print(m.note, f"{m:.1f}", format(m))

class WithNew(complex):
    def __new__(cls, x):
        return super().__new__(cls, x, -x)

w = WithNew(2)
print(w, type(w).__name__, w.imag)

class Cx(complex):
    def __complex__(self):
        return 9j

print(complex(Cx(1)), Cx(1) + 0)

# copy and pickle support.
import copy
print(copy.copy(3 - 1j), copy.deepcopy([1j, 2j]))
import copyreg
print(copyreg.pickle_complex(1 - 2j), copy.copy(MyComplex(5, 6)), type(copy.copy(MyComplex(5, 6))).__name__)

# match with complex literal and class patterns.
def f(z):
    match z:
        case 1j:
            return "i"
        case -1 - 2j:
            return "neg"
        case complex(real=r, imag=i):
            return ("cx", r, i)
        case _:
            return "other"
print(f(1j), f(-1-2j), f(3+4j), f(5))
