# cmath: every function on ordinary inputs (both sides of each branch cut, signed zeros,
# tiny and large parts), the errors, polar coordinates, isclose and the constants.
import cmath
import math

def show(label, f):
    try:
        r = f()
    except Exception as e:
        print(label, "->", type(e).__name__ + ":", e)
        return
    print(label, "->", repr(r))

# Results are printed rounded to 12 significant digits where a last bit could differ
# between C libraries; exact values (signs of zeros, branch sides) are printed in full.
def approx(z):
    if isinstance(z, complex):
        return "(%.12g, %.12g)" % (z.real, z.imag)
    return "%.12g" % z

points = [
    0j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(-0.0, -0.0),
    1, -1, 2, -2, 0.5, -0.5, 1j, -1j, 2j, -2j,
    1 + 1j, 1 - 1j, -1 + 1j, -1 - 1j,
    complex(-2, 0.0), complex(-2, -0.0), complex(2, 0.0), complex(2, -0.0),
    complex(0.0, 2), complex(-0.0, 2), complex(0.0, -2), complex(-0.0, -2),
    3 + 4j, -3.5 + 0.25j, 0.1 - 7j, 1e-5 + 1e-5j, 1e-300 + 1e-300j, 5e-324 + 0j,
    1e10 + 1e10j, -1e10 + 1e-10j, 1e200 - 1e200j, 1e308 + 1j, 30 + 0.5j,
]

funcs = ["sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan",
         "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]

for name in funcs:
    f = getattr(cmath, name)
    for z in points:
        try:
            r = f(z)
        except (ValueError, OverflowError) as e:
            print(name, repr(z), "->", type(e).__name__, e)
            continue
        signs = (math.copysign(1, r.real), math.copysign(1, r.imag))
        print(name, repr(z), "->", approx(r), signs)

# Exact answers.
show("sqrt(-1)", lambda: cmath.sqrt(-1))
show("sqrt(-1-0j)", lambda: cmath.sqrt(complex(-1, -0.0)))
show("sqrt(4)", lambda: cmath.sqrt(4))
show("sqrt(-4+0j)", lambda: cmath.sqrt(-4 + 0j))
show("exp(0)", lambda: cmath.exp(0))
show("log(1)", lambda: cmath.log(1))
show("log(-1)", lambda: cmath.log(-1))
show("log10(100)", lambda: cmath.log10(100))
show("asin(0)", lambda: cmath.asin(0))
show("acos(1)", lambda: cmath.acos(1))
show("atan(0)", lambda: cmath.atan(0))
show("exp(inf)", lambda: cmath.exp(complex(math.inf, 0)))
show("exp(-inf)", lambda: cmath.exp(complex(-math.inf, 0)))

# Errors.
show("log(0)", lambda: cmath.log(0))
show("log(0, 2)", lambda: cmath.log(0, 2))
show("log(2, 1)", lambda: cmath.log(2, 1))
show("log(8, 2)", lambda: approx(cmath.log(8, 2)))
show("log(1j, 1j)", lambda: approx(cmath.log(1j, 1j)))
show("atanh(1)", lambda: cmath.atanh(1))
show("atanh(-1)", lambda: cmath.atanh(-1))
show("atan(1j)", lambda: cmath.atan(1j))
show("atan(-1j)", lambda: cmath.atan(-1j))
show("exp(1000)", lambda: cmath.exp(1000))
show("exp(1000j)", lambda: approx(cmath.exp(1000j)))
show("cosh(1000)", lambda: cmath.cosh(1000))
show("sinh(1000+1j)", lambda: cmath.sinh(1000 + 1j))
show("tanh(1000+1j)", lambda: cmath.tanh(1000 + 1j))
show("sqrt()", lambda: cmath.sqrt())
show("sqrt(1, 2)", lambda: cmath.sqrt(1, 2))
show("sqrt('4')", lambda: cmath.sqrt("4"))
show("sqrt(x=1)", lambda: cmath.sqrt(x=1))
show("log()", lambda: cmath.log())
show("log(1, 2, 3)", lambda: cmath.log(1, 2, 3))

# Arguments: __complex__, __float__, __index__.
class C:
    def __complex__(self):
        return 3 + 4j

class F:
    def __float__(self):
        return 0.25

class I:
    def __index__(self):
        return 9

class Bad:
    def __complex__(self):
        return 5

show("sqrt(C())", lambda: cmath.sqrt(C()))
show("sqrt(F())", lambda: cmath.sqrt(F()))
show("sqrt(I())", lambda: cmath.sqrt(I()))
show("sqrt(Bad())", lambda: cmath.sqrt(Bad()))
show("sqrt(True)", lambda: cmath.sqrt(True))
show("sqrt(2**2000)", lambda: cmath.sqrt(2 ** 2000))

# Polar coordinates.
show("phase(-1)", lambda: cmath.phase(-1))
show("phase(-1-0j)", lambda: cmath.phase(complex(-1, -0.0)))
show("phase(1j)", lambda: cmath.phase(1j))
show("phase(0j)", lambda: cmath.phase(0j))
show("phase()", lambda: cmath.phase())
show("polar(1j)", lambda: cmath.polar(1j))
show("polar(3-4j)", lambda: cmath.polar(3 - 4j))
show("polar(-0.0)", lambda: cmath.polar(-0.0))
show("rect(1, 0)", lambda: cmath.rect(1, 0))
show("rect(2, -0.0)", lambda: cmath.rect(2, -0.0))
show("rect(2, pi/2)", lambda: approx(cmath.rect(2, math.pi / 2)))
show("rect(1, inf)", lambda: cmath.rect(1, math.inf))
show("rect(0, inf)", lambda: cmath.rect(0, math.inf))
show("rect(inf, 1)", lambda: cmath.rect(math.inf, 1))
show("rect(1)", lambda: cmath.rect(1))
show("rect(1j, 1)", lambda: cmath.rect(1j, 1))
for z in [1 + 2j, -3 - 0.5j, 1e-3j]:
    r, phi = cmath.polar(z)
    print("round trip", z, approx(cmath.rect(r, phi)))

# Classification and isclose.
for z in [1 + 1j, complex(math.inf, 0), complex(0, math.nan), complex(math.nan, math.inf), 5]:
    print("classify", repr(z), cmath.isfinite(z), cmath.isinf(z), cmath.isnan(z))
show("isclose(1, 1+1e-10j)", lambda: cmath.isclose(1, 1 + 1e-10j))
show("isclose(1, 1+1e-8j)", lambda: cmath.isclose(1, 1 + 1e-8j))
show("isclose rel_tol", lambda: cmath.isclose(1, 1 + 1e-8j, rel_tol=1e-7))
show("isclose abs_tol", lambda: cmath.isclose(0j, 1e-10j, abs_tol=1e-9))
show("isclose inf", lambda: cmath.isclose(complex(math.inf, 0), complex(math.inf, 0)))
show("isclose inf 2", lambda: cmath.isclose(complex(math.inf, 0), 1e308))
show("isclose negative", lambda: cmath.isclose(1, 1, rel_tol=-1))
show("isclose 3 args", lambda: cmath.isclose(1, 2, 3))
show("isclose bad kw", lambda: cmath.isclose(1, 2, foo=3))

# Constants.
print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan)
print(cmath.infj, cmath.nanj, type(cmath.infj).__name__, type(cmath.pi).__name__)
print(cmath.pi == math.pi, cmath.e == math.e)
