# The modules sys (argv, path, exit, stdout.write, getrecursionlimit), gc (collect) and
# math (functions and constants).
import gc
import math
import sys

print(type(sys.argv).__name__, sys.argv[0].endswith("sys_gc_math.py"), len(sys.argv))
print(type(sys.path).__name__, len(sys.path) > 0, all(isinstance(p, str) for p in sys.path))
n = sys.stdout.write("written by sys.stdout.write\n")
print(n, sys.getrecursionlimit(), type(gc.collect()).__name__)
try:
    sys.exit(3)
except SystemExit as e:
    print("SystemExit", e.code if hasattr(e, "code") else e.args[0])
print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan != math.nan)
print(math.sqrt(2), math.floor(-2.5), math.ceil(-2.5), math.trunc(2.9), math.floor(7), math.log(100, 10), math.log2(1024), math.exp(1))
print(math.pow(2, 0.5), math.atan(1) * 4, math.cos(math.pi), math.tan(0), math.asin(1), math.acos(1), math.sinh(0), math.tanh(0))
print(math.gcd(0, 5), math.gcd(48, 36, 24), math.factorial(20), math.isqrt(10**20), math.isinf(math.inf), math.isfinite(1.0))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9), math.fsum([1e100, 1.0, -1e100]))
for bad in [lambda: math.log(0), lambda: math.sqrt(-4), lambda: math.factorial(-1), lambda: math.floor(math.nan), lambda: math.exp(1000)]:
    try:
        bad()
    except (ValueError, OverflowError) as e:
        print(type(e).__name__, e)
sys.stdout.write("bye\n")
sys.exit(0)
