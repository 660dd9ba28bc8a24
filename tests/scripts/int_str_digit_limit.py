# CPython's limit on decimal int<->str conversions (4300 digits by default):
# sys.get/set_int_max_str_digits, sys.int_info, and every decimal conversion path.
import sys

print(sys.get_int_max_str_digits(), sys.int_info)
print(sys.int_info.default_max_str_digits, sys.int_info.str_digits_check_threshold)
print(type(sys.int_info).__name__, len(sys.int_info), tuple(sys.int_info))

big = 10**5000
conversions = [
    ("str", str), ("repr", repr), ("f-string", lambda v: f"{v}"),
    ("f-string !r", lambda v: f"{v!r}"), ("%d", lambda v: "%d" % v),
    ("%i", lambda v: "%i" % v), ("%s", lambda v: "%s" % v),
    ("format ,", lambda v: format(v, ",")), ("format _", lambda v: "{:_}".format(v)),
    ("format d", lambda v: format(v, "d")), ("format 10d", lambda v: format(v, "10d")),
    ("format n", lambda v: format(v, "n")), ("list repr", lambda v: repr([v])),
    ("dict str", lambda v: str({1: v})), ("int.__repr__", int.__repr__),
    ("list.__repr__", lambda v: [v].__repr__()), ("print", print),
]
for name, f in conversions:
    try:
        f(big)
        print(name, "ok")
    except ValueError as e:
        print(name, "ValueError:", e)
for n in [-big, 10**4299, -10**4299, 10**4300 - 1, 10**4300]:
    try:
        print(len(str(n)))
    except ValueError as e:
        print("ValueError:", e)

# Power-of-two bases are exempt, both ways.
print(len(hex(big)), len(format(big, "b")), len(oct(big)), len("%x" % big), len(f"{big:X}"))
for text, base in [("f" * 5000, 16), ("1" * 5000, 2), ("7" * 5000, 8), ("0x" + "f" * 5000, 0)]:
    print(base, int(text, base).bit_length())

for text in ["1" * 5000, " -" + "1" * 4301 + " ", "1_" * 2200 + "1" * 2200, "1" * 4300]:
    try:
        print(len(str(int(text))))
    except ValueError as e:
        print("ValueError:", e)
for args in [("1" * 5000, 3), (b"1" * 5000,), (b"2" * 4400, 10)]:
    try:
        int(*args)
    except ValueError as e:
        print("ValueError:", e)

for bad in [1, 639, -1]:
    try:
        sys.set_int_max_str_digits(bad)
    except ValueError as e:
        print("ValueError:", e)
for bad in [("x",), (), (1, 2)]:
    try:
        sys.set_int_max_str_digits(*bad)
    except TypeError as e:
        print("TypeError:", e)
sys.set_int_max_str_digits(640)
print(sys.get_int_max_str_digits(), len(str(10**639)))
try:
    str(10**640)
except ValueError as e:
    print("ValueError:", e)
try:
    int("9" * 641)
except ValueError as e:
    print("ValueError:", e)
sys.set_int_max_str_digits(0)
print(sys.get_int_max_str_digits(), len(str(10**5000)), len(str(int("9" * 5000))))
sys.set_int_max_str_digits(maxdigits=5000)
print(sys.get_int_max_str_digits())
print(len(str(10**4999)))
try:
    repr(10**5000)
except ValueError as e:
    print("ValueError:", e)
