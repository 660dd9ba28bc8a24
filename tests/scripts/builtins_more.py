# The builtins added with classes: iteration helpers, attribute access, numeric
# functions, character codes and radix conversions, format(); the math module.
import math
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
print(list(map(lambda x: x * 2, [1, 2])), list(map(pow, [2, 3], [3, 2])), list(filter(None, [0, 1, 2])), list(filter(lambda x: x > 1, [1, 2, 3])))
print(any([0, 0]), any([0, 1]), all([]), all([1, 0]))
class O: pass
o = O()
setattr(o, "x", 5)
print(hasattr(o, "x"), hasattr(o, "y"), getattr(o, "x"), getattr(o, "y", 9))
delattr(o, "x")
print(hasattr(o, "x"))
print(divmod(7, 2), divmod(-7, 2), divmod(7.5, 2), round(2.675, 2), round(2.5), round(3.5), round(-0.5), round(1234, -2), round(1250, -2), round(0.125, 2))
print(pow(2, 10), pow(2, 10, 1000), pow(2.0, -1), chr(65), chr(0x1F600), ord("a"), ord("€"), hex(255), hex(-255), oct(8), bin(5), bin(-5))
print(format(3.14159, ".2f"), format(42, "08b"), format("x", ">3"))
print(math.sqrt(16), math.floor(2.5), math.ceil(2.1), math.pi, math.e, math.inf, math.log(math.e), math.log(8, 2), math.log10(1000), math.exp(0))
print(math.gcd(12, 18), math.factorial(10), math.isqrt(17), math.fabs(-3), math.trunc(-2.7), math.hypot(3, 4), math.isclose(0.1 + 0.2, 0.3), math.fsum([0.1] * 10), math.isnan(math.nan))
print(math.sin(0), math.cos(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180), math.copysign(1, -0.0), math.fmod(7, 3), math.modf(2.5), math.prod([1, 2, 3]))
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError", e)
try:
    getattr(o, "nope")
except AttributeError as e:
    print("AttributeError", e)
print(isinstance(1, (str, int)), isinstance("s", (int, (float, str))), issubclass(bool, (str, int)))
print(type(object()).__name__, isinstance(object(), object), bytes(3), bytes([65, 66]), bytes("hé", "utf-8"))
it = iter([1, 2, 3])
print(next(it), next(it), list(it), next(it, "end"))
print(sorted("bca"), sorted([3, 1, 2], key=lambda v: -v), list(enumerate("ab", 1)), list(zip([1, 2], "ab", [True, False])))
print(abs(-3), abs(-2.5), min("b", "a"), max(1, 2, 3), sum(range(5)), sum([0.5, 0.25]), callable(len), callable(1))
for bad in [lambda: chr(-1), lambda: ord("ab"), lambda: divmod(1, 0), lambda: round("x"), lambda: getattr(1, 2), lambda: pow(2, 3, 0)]:
    try:
        bad()
    except (ValueError, TypeError, ZeroDivisionError) as e:
        print(type(e).__name__, e)
