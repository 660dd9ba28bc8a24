# sys.intern: equal strings come back as one object; only exact str is accepted.
import sys

a = "".join(["hpy", "move"])
b = "".join(["hpym", "ove"])
print(a == b, sys.intern(a) is sys.intern(b), sys.intern(a) == "hpymove")
print(type(sys.intern("x")).__name__)


class S(str):
    pass


for bad in [S("abc"), 5, b"abc", None]:
    try:
        sys.intern(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    sys.intern()
except TypeError:
    print("TypeError: no argument")
