"""Run the sample extensions on the reference host: CPython with hpy.universal.

Usage (with the project's venv python, after `cargo build -p ext-samples`):

    .venv/bin/python ext-samples/check_cpython.py [--dir target/debug/hpy-ext]

Checks every function of every good sample twice, each time in a fresh process: in
universal mode, and in hpy's debug mode with a leak detector around each check (so the
samples themselves are known not to leak or misuse handles). Then loads every bad
artifact and checks that CPython refuses it where it does. Exits non-zero on any failure.

Expected values here are what hpymove must reproduce; keep them exact.
"""

import argparse
import importlib.machinery
import json
import os
import subprocess
import sys
import traceback
from pathlib import Path

import hpy.universal

FAILURES = []


def load(name, path, debug=False):
    spec = importlib.machinery.ModuleSpec(name, None, origin=str(path))
    return hpy.universal.load(name, str(path), spec, debug=debug)


def expect(label, got, want):
    if type(got) is not type(want) or got != want:
        FAILURES.append(f"{label}: got {got!r}, want {want!r}")


def expect_true(label, cond):
    if not cond:
        FAILURES.append(f"{label}: not true")


def expect_raises(label, exc_type, fn, *args, match=None, **kwargs):
    try:
        got = fn(*args, **kwargs)
    except exc_type as e:
        if match is not None and match not in str(e):
            FAILURES.append(f"{label}: {exc_type.__name__} {str(e)!r} does not mention {match!r}")
        return
    except BaseException as e:  # noqa: BLE001 - a wrong exception is a failure, reported
        FAILURES.append(f"{label}: raised {type(e).__name__}({e}), want {exc_type.__name__}")
        return
    FAILURES.append(f"{label}: returned {got!r}, want {exc_type.__name__}")


# ~~~ basics ~~~

BASICS_FUNCTIONS = {
    "get_none", "get_true", "get_false", "get_small_int", "get_big_int", "get_min_int64",
    "get_float", "get_str", "get_bytes", "get_tuple", "get_list", "get_dict", "build_nested",
    "identity", "type_of", "kind_of", "is_true", "int_plus_one", "float_half", "str_echo",
    "bytes_summary", "sum_sequence", "reversed_list", "swallow_type_error", "dup_and_close",
    "set_global", "get_global", "raise_value_error", "add_ints", "parse_mixed", "make_tuple",
    "dict_get", "list_set_item", "kw_numbers", "kw_describe", "split_call", "builtin",
}


def check_module_state(b):
    expect("__doc__", b.__doc__, "Sample HPy extension: the basics a host must support.")
    expect("__name__", b.__name__, "basics")
    expect("ANSWER", b.ANSWER, 42)
    expect("GREETING", b.GREETING, "grüß dich")
    expect("EXEC_ORDER (exec slots run in order)", b.EXEC_ORDER, ["first", "second"])
    expect("SHARED", b.SHARED, [10, 20, 30])
    expect_true("get_global() is SHARED", b.get_global() is b.SHARED)
    public = {n for n in dir(b) if not n.startswith("_")}
    expect("functions", public - {"ANSWER", "GREETING", "EXEC_ORDER", "SHARED"}, BASICS_FUNCTIONS)
    for name in sorted(BASICS_FUNCTIONS):
        f = getattr(b, name)
        expect_true(f"{name}.__doc__ is set", isinstance(f.__doc__, str) and f.__doc__)
        expect(f"{name}.__name__", f.__name__, name)


def check_constructors(b):
    expect_true("get_none", b.get_none() is None)
    expect_true("get_true", b.get_true() is True)
    expect_true("get_false", b.get_false() is False)
    expect("get_small_int", b.get_small_int(), 42)
    expect("get_big_int", b.get_big_int(), 2**64 - 1)
    expect("get_min_int64", b.get_min_int64(), -(2**63))
    expect("get_float", b.get_float(), 3.25)
    expect("get_str", b.get_str(), "héllo wörld ✓ 🐍")
    expect("get_bytes", b.get_bytes(), b"ab\x00cd")
    expect("get_tuple", b.get_tuple(), (1, "two", 3.5, None))
    expect("get_list", b.get_list(), [1, "x", 2.5])
    expect_true("get_list returns a new list each time", b.get_list() is not b.get_list())
    expect("get_dict", b.get_dict(), {"a": 1, "b": [2, 3]})
    expect("get_dict order", list(b.get_dict()), ["a", "b"])
    expect("build_nested", b.build_nested(), {
        "int": -7,
        "list": [0.5, "ß"],
        "longs": (123456789, -1099511627776),
        "object": "extra",
        "empty": (),
    })


class MyInt(int):
    pass


class BadBool:
    def __bool__(self):
        raise ZeroDivisionError("no truth")


def check_one_arg(b):
    for obj in (None, 0, "s", [1], b, object()):
        expect_true(f"identity({obj!r})", b.identity(obj) is obj)
        expect_true(f"dup_and_close({obj!r})", b.dup_and_close(obj) is obj)
    for obj, typ in ((1, int), ("", str), (b, type(b)), (MyInt(3), MyInt), (int, type)):
        expect_true(f"type_of({obj!r})", b.type_of(obj) is typ)
    kinds = [
        (None, "none"), (True, "bool"), (1, "int"), (2**80, "int"), (MyInt(2), "int"),
        (1.5, "float"), ("s", "str"), (b"", "bytes"), ((), "tuple"), ([], "list"),
        ({}, "dict"), (object(), "other"), (int, "other"),
    ]
    for obj, kind in kinds:
        expect(f"kind_of({obj!r})", b.kind_of(obj), kind)

    for obj, truth in ((0, False), ([1], True), ("", False), (None, False), (2.5, True)):
        expect(f"is_true({obj!r})", b.is_true(obj), truth)
    expect_raises("is_true(raising __bool__)", ZeroDivisionError, b.is_true, BadBool())

    expect("int_plus_one(41)", b.int_plus_one(41), 42)
    expect("int_plus_one(-1) (the -1 error-value path)", b.int_plus_one(-1), 0)
    expect("int_plus_one(True)", b.int_plus_one(True), 2)
    expect_raises("int_plus_one('a')", TypeError, b.int_plus_one, "a")
    expect_raises("int_plus_one(2**70)", OverflowError, b.int_plus_one, 2**70)
    expect_raises("int_plus_one(LONG_MAX)", OverflowError, b.int_plus_one, 2**63 - 1,
                  match="int_plus_one: result does not fit in a C long")

    expect("float_half(3.0)", b.float_half(3.0), 1.5)
    expect("float_half(3)", b.float_half(3), 1.5)
    expect("float_half(-2.0) (the -1.0 error-value path)", b.float_half(-2.0), -1.0)
    expect_raises("float_half('x')", TypeError, b.float_half, "x")

    expect("str_echo('héllo')", b.str_echo("héllo"), ("héllo", 6))
    expect("str_echo('')", b.str_echo(""), ("", 0))
    expect("str_echo(long)", b.str_echo("🐍" * 1000), ("🐍" * 1000, 4000))
    expect("str_echo('a\\0b') (FromString stops at NUL)", b.str_echo("a\0b"), ("a", 3))
    expect_raises("str_echo(1)", TypeError, b.str_echo, 1)

    expect("bytes_summary(b'a\\0bc')", b.bytes_summary(b"a\0bc"), (4, 1, b"cb\x00a"))
    expect("bytes_summary(b'')", b.bytes_summary(b""), (0, 0, b""))
    big = bytes(range(256)) * 4
    expect("bytes_summary(1 KiB)", b.bytes_summary(big), (1024, 4, big[::-1]))
    expect_raises("bytes_summary('s')", TypeError, b.bytes_summary, "s",
                  match="bytes_summary: expected bytes")

    expect("sum_sequence([1, 2, 3])", b.sum_sequence([1, 2, 3]), 6)
    expect("sum_sequence((10, -4))", b.sum_sequence((10, -4)), 6)
    expect("sum_sequence([])", b.sum_sequence([]), 0)
    expect("sum_sequence(big)", b.sum_sequence([2**62, 2**62 - 1]), 2**63 - 1)
    expect_raises("sum_sequence([1, 'a'])", TypeError, b.sum_sequence, [1, "a"])
    expect_raises("sum_sequence(5)", TypeError, b.sum_sequence, 5,
                  match="sum_sequence: expected a tuple or a list")

    expect("reversed_list((1, 2, 3))", b.reversed_list((1, 2, 3)), [3, 2, 1])
    expect("reversed_list('abc')", b.reversed_list("abc"), ["c", "b", "a"])
    expect("reversed_list([])", b.reversed_list([]), [])
    expect_raises("reversed_list(5)", TypeError, b.reversed_list, 5)

    expect("swallow_type_error(5)", b.swallow_type_error(5), 5)
    expect_true("swallow_type_error('x')", b.swallow_type_error("x") is None)
    expect_raises("swallow_type_error(2**70)", OverflowError, b.swallow_type_error, 2**70)


def check_global_and_errors(b):
    shared = b.get_global()
    expect_true("get_global() is SHARED", shared is b.SHARED)
    obj = {"new": "object"}
    expect_true("set_global returns None", b.set_global(obj) is None)
    expect_true("get_global() is the stored object", b.get_global() is obj)
    expect_true("SHARED attribute unchanged", b.SHARED is shared)
    b.set_global(shared)
    expect_true("get_global() restored", b.get_global() is shared)

    expect_raises("raise_value_error()", ValueError, b.raise_value_error,
                  match="basics: value out of range")
    try:
        b.raise_value_error()
    except ValueError as e:
        expect("raise_value_error message", str(e), "basics: value out of range")


def check_varargs(b):
    expect("add_ints(2, 3)", b.add_ints(2, 3), 5)
    expect("add_ints(INT_MAX, 1)", b.add_ints(2**31 - 1, 1), 2**31)
    expect_raises("add_ints(1)", TypeError, b.add_ints, 1)
    expect_raises("add_ints(1, 2, 3)", TypeError, b.add_ints, 1, 2, 3)
    expect_raises("add_ints('a', 1)", TypeError, b.add_ints, "a", 1)
    expect_raises("add_ints(2**40, 1)", OverflowError, b.add_ints, 2**40, 1)

    marker = []
    got = b.parse_mixed(1, 2**40, 1.5, marker, "ßx")
    expect("parse_mixed default", got, (1, 2**40, 1.5, [], "ßx", 7))
    expect_true("parse_mixed passes O through", got[3] is marker)
    expect("parse_mixed(opt=9)", b.parse_mixed(-1, -2, 3, None, "", 9), (-1, -2, 3.0, None, "", 9))
    expect_raises("parse_mixed(s with NUL)", ValueError, b.parse_mixed, 1, 2, 3.0, None, "a\0b")
    expect_raises("parse_mixed(d='x')", TypeError, b.parse_mixed, 1, 2, "x", None, "s")
    expect_raises("parse_mixed(s=1)", TypeError, b.parse_mixed, 1, 2, 3.0, None, 1)
    expect_raises("parse_mixed(missing)", TypeError, b.parse_mixed, 1, 2, 3.0)

    expect("make_tuple()", b.make_tuple(), ())
    expect("make_tuple(1, 'a', None)", b.make_tuple(1, "a", None), (1, "a", None))

    expect("dict_get hit", b.dict_get({"a": 1}, "a", 0), 1)
    expect("dict_get miss", b.dict_get({}, "a", "dflt"), "dflt")
    expect_raises("dict_get(unhashable key)", TypeError, b.dict_get, {}, [], 0)
    expect_raises("dict_get(not a dict)", TypeError, b.dict_get, [], 1, 2,
                  match="dict_get: expected a dict")

    lst = [1, 2, 3]
    expect_true("list_set_item returns None", b.list_set_item(lst, 1, "x") is None)
    b.list_set_item(lst, -1, "last")
    expect("list_set_item effect", lst, [1, "x", "last"])
    expect_raises("list_set_item out of range", IndexError, b.list_set_item, lst, 5, 0)


def check_keywords(b):
    expect("kw_numbers(1)", b.kw_numbers(1), (1, 2, 1.0))
    expect("kw_numbers(1, 5, scale=2.5)", b.kw_numbers(1, 5, scale=2.5), (1, 5, 2.5))
    expect("kw_numbers(b=3, a=4)", b.kw_numbers(b=3, a=4), (4, 3, 1.0))
    expect_raises("kw_numbers()", TypeError, b.kw_numbers)
    expect_raises("kw_numbers(1, 2, 3) (scale is keyword-only)", TypeError, b.kw_numbers, 1, 2, 3)
    expect_raises("kw_numbers(a='x')", TypeError, b.kw_numbers, a="x")

    obj = object()
    got = b.kw_describe(obj, "x")
    expect("kw_describe(obj, 'x')[1:]", got[1:], ("x", 1))
    expect_true("kw_describe passes obj through", got[0] is obj)
    expect("kw_describe(all keywords)", b.kw_describe(obj=None, label="y", count=4), (None, "y", 4))
    expect("kw_describe(label=)", b.kw_describe([1], label="z"), ([1], "z", 1))
    expect_raises("kw_describe(obj) (label missing)", TypeError, b.kw_describe, obj)

    expect("split_call()", b.split_call(), ([], {}))
    expect("split_call(1, 2, x=3, y=4)", b.split_call(1, 2, x=3, y=4), ([1, 2], {"x": 3, "y": 4}))
    expect("split_call(**{'a': 1})", b.split_call(**{"a": 1}), ([], {"a": 1}))
    expect("split_call keyword order", list(b.split_call(z=1, a=2)[1]), ["z", "a"])
    # ctx->h_Builtins is the builtins dict (PyEval_GetBuiltins()).
    expect("builtin('len')", b.builtin("len") is len, True)


BASICS_CHECKS = [check_module_state, check_constructors, check_one_arg, check_global_and_errors,
                 check_varargs, check_keywords]


# ~~~ tinyjson ~~~

# Characters the generated strings are made of: ASCII, the characters JSON escapes, other
# control characters, DEL, Latin-1, BMP and astral (surrogate pairs in \u escapes) text.
TJ_ALPHABET = (
    "abcxyzABC019 _-/.,:{}[]"
    "\"\\\n\r\t\b\f\x00\x01\x1f\x7f"
    "éüßñ\xa0Ωжא中文✓\u2028\ufeff"
    "🐍😀𝄞\U0010ffff"
)


def tj_string(rng):
    return "".join(rng.choice(TJ_ALPHABET) for _ in range(rng.randrange(0, 12)))


def tj_float(rng):
    kind = rng.randrange(6)
    if kind == 0:
        return rng.uniform(-1e6, 1e6)
    if kind == 1:
        return rng.random() * 10.0 ** rng.randrange(-320, 309)
    if kind == 2:
        return float(rng.randrange(-(2**60), 2**60))
    if kind == 3:
        return rng.choice([0.0, -0.0, 0.1, 1e16, 1e-7, 5e-324, 1.7976931348623157e308, 1e22, 123.0])
    if kind == 4:
        return -rng.random()
    return rng.randrange(-1000, 1000) / 8


def tj_int(rng):
    kind = rng.randrange(4)
    if kind == 0:
        return rng.randrange(-1000, 1000)
    if kind == 1:
        return rng.randrange(-(2**63), 2**63)
    if kind == 2:
        # around the 18-digit chunks and the int64 limits
        return rng.choice([-1, 1]) * (10 ** rng.randrange(17, 40) + rng.randrange(-2, 3))
    return rng.choice([-1, 1]) * rng.randrange(2**63, 2**200)


def tj_value(rng, depth):
    kind = rng.randrange(10 if depth < 6 else 7)
    if kind == 0:
        return None
    if kind == 1:
        return rng.random() < 0.5
    if kind in (2, 3):
        return tj_int(rng)
    if kind == 4:
        return tj_float(rng)
    if kind in (5, 6):
        return tj_string(rng)
    if kind in (7, 8):
        return [tj_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))]
    return {tj_string(rng): tj_value(rng, depth + 1) for _ in range(rng.randrange(0, 6))}


def tj_same(a, b):
    """Equal, with the same types all the way down (so 1 != 1.0 != True)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(tj_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(tj_same(a[k], b[k]) for k in a)
    if isinstance(a, float):
        return a == b and str(a) == str(b)  # -0.0 vs 0.0
    return a == b


def tj_expect_same(label, got, want):
    if not tj_same(got, want):
        FAILURES.append(f"{label}: got {got!r:.300}, want {want!r:.300}")


def check_tinyjson_dumps(t):
    values = [
        None, True, False, 0, -1, 42, 2**63 - 1, -(2**63), 2**63, 2**64, -(10**40), 10**18,
        1.5, 0.1, -0.0, 1e16, 1e-7, 1e22, 5e-324, 1.7976931348623157e308, 123.0,
        "", "plain", "q\"b\\s/", "\n\r\t\b\f", "\x00\x01\x1f\x7f", "héllo wörld ✓ 🐍",
        "\u2028\ufeff\U0010ffff", [], {}, [1, [2, [3, []]]], {"a": {"b": [None, {}]}},
        (1, "t", (2.5,)), [(), ()], {"": 0, "é": 1, "🐍": [True, False]},
    ]
    for v in values:
        tj_expect_same(f"dumps({v!r})", t.dumps(v), json.dumps(v, ensure_ascii=False))

    class S(str):
        pass

    expect("dumps(str subclass)", t.dumps([S("x")]), '["x"]')
    expect("dumps(1000 nested lists)", t.dumps(nested_list(1000)),
           "[" * 1000 + "]" * 1000)
    expect_raises("dumps(1001 nested lists)", ValueError, t.dumps, nested_list(1001),
                  match="nesting deeper than 1000 levels")
    cycle = []
    cycle.append(cycle)
    expect_raises("dumps(cycle)", ValueError, t.dumps, cycle, match="circular reference")
    cycle.clear()
    d = {}
    d["self"] = d
    expect_raises("dumps(dict cycle)", ValueError, t.dumps, d, match="circular reference")
    d.clear()
    expect_raises("dumps({1: 2})", TypeError, t.dumps, {1: 2},
                  match="tinyjson.dumps: dict keys must be str, not 'int'")
    expect_raises("dumps({None: 2})", TypeError, t.dumps, {"a": 1, None: 2},
                  match="dict keys must be str, not 'NoneType'")
    expect_raises("dumps(b'x')", TypeError, t.dumps, [b"x"],
                  match="tinyjson.dumps: object of type 'bytes' is not JSON serializable")
    expect_raises("dumps(set())", TypeError, t.dumps, {"a": set()},
                  match="object of type 'set' is not JSON serializable")
    expect_raises("dumps(object())", TypeError, t.dumps, object(),
                  match="object of type 'object' is not JSON serializable")
    for bad in (float("nan"), float("inf"), float("-inf")):
        expect_raises(f"dumps({bad!r})", ValueError, t.dumps, [bad],
                      match="out of range float values (nan, inf) are not JSON compliant")
    expect_raises("dumps(lone surrogate)", UnicodeEncodeError, t.dumps, "\ud800")


def nested_list(n):
    v = []
    for _ in range(n - 1):
        v = [v]
    return v


def check_tinyjson_loads(t):
    texts = [
        "null", "true", "false", "0", "-0", "7", "-12", "123456789012345678",
        "1234567890123456789", "-9223372036854775808", "9223372036854775808",
        "-9223372036854775809", "9999999999999999999", "-9999999999999999999",
        "18446744073709551615", "18446744073709551616", "10000000000000000000",
        "1" + "0" * 36, "-" + "9" * 55, "-0.0", "0.5", "1E+2", "1e-2", "2.5E3", "1e400",
        "-1e400", "1e-400", "0.1", "17976931348623157e292", '""', '"plain"',
        r'"\" \\ \/ \b \f \n \r \t"', r'"\u0041\u00e9\u4e2d\uD83D\udc0d"', r'"a\u0000b"',
        '"héllo ✓ 🐍"', "[]", "{}", ' \t\n\r[ 1 , [ ] , { } ]\r\n', '{"a": 1, "a": 2}',
        '{"": [{"x": null}], "é": {"🐍": []}}',
    ]
    for text in texts:
        tj_expect_same(f"loads({text!r:.60})", t.loads(text), json.loads(text))
    # deeper than CPython's json can go (its recursion limit)
    deep = "[" * 1000 + "]" * 1000
    expect("dumps(loads(1000 nested lists))", t.dumps(t.loads(deep)), deep)
    expect("loads keeps key order", list(t.loads('{"z": 1, "a": 2, "m": 3}')), ["z", "a", "m"])


# (text, char position, message fragment): the position is the one json reports, except
# where noted; json accepts lone surrogates and NaN, tinyjson does not.
TJ_ERRORS = [
    ("", 0, "expected a value"),
    ("   ", 3, "expected a value"),
    ("[", 1, "expected a value"),
    ("[1,]", 3, "expected a value"),
    ('{"a":1,}', 7, "expected a string (an object key)"),
    ("{1:2}", 1, "expected a string (an object key)"),
    ('{"a" 1}', 5, "expected ':'"),
    ("nul", 0, "expected a value"),
    ("tru", 0, "expected a value"),
    ("True", 0, "expected a value"),
    ("NaN", 0, "expected a value"),
    ("01", 1, "extra data"),
    ("1.", 2, "expected a digit after the decimal point"),   # json: extra data at 1
    ("1.e5", 2, "expected a digit after the decimal point"),  # json: extra data at 1
    ("1e", 2, "expected a digit in the exponent"),            # json: extra data at 1
    ("1e+", 3, "expected a digit in the exponent"),           # json: extra data at 1
    ("-", 0, "expected a value"),
    ("-a", 0, "expected a value"),
    ("+1", 0, "expected a value"),
    (".5", 0, "expected a value"),
    ("[-]", 1, "expected a value"),
    ('"abc', 0, "unterminated string"),
    ('"\\', 0, "unterminated string"),
    ('["a", "b', 6, "unterminated string"),
    ('"a\\x"', 2, "invalid escape"),
    ('"\\u12"', 1, "invalid \\uXXXX escape"),                 # json: 2 (the u)
    ('"\\u12G4"', 1, "invalid \\uXXXX escape"),               # json: 2
    ('"\\ud800"', 1, "lone surrogate in \\uXXXX escape"),                       # json accepts
    ('"\\ud800\\u0041"', 1, "lone surrogate in \\uXXXX escape"),                # json accepts
    ('"x\\udc00"', 2, "lone surrogate in \\uXXXX escape"),                      # json accepts
    ('"a\nb"', 2, "invalid control character in string"),
    ('"\x00"', 1, "invalid control character in string"),
    ("[1 2]", 3, "expected ',' or ']'"),
    ('{"a":1 "b":2}', 7, "expected ',' or '}'"),
    ("1 2", 2, "extra data"),
    ("1.5x", 3, "extra data"),
    ("é", 0, "expected a value"),
    ('"é🐍" x', 5, "extra data"),
    ('{"a":1}}', 7, "extra data"),
    ("[" * 1001 + "]" * 1001, 1000, "nesting deeper than 1000 levels"),  # json: RecursionError
]


def check_tinyjson_errors(t):
    for text, pos, what in TJ_ERRORS:
        expect_raises(f"loads({text!r:.40})", ValueError, t.loads, text, match=f"{what} at ")
        expect_raises(f"loads({text!r:.40}) position", ValueError, t.loads, text,
                      match=f"(char {pos})")
    expect_raises("loads line/column", ValueError, t.loads, "[\n 1,\n x]",
                  match="tinyjson.loads: expected a value at line 3, column 2 (char 7)")
    expect_raises("loads(5)", TypeError, t.loads, 5,
                  match="tinyjson.loads: the JSON text must be a str")
    expect_raises("loads(b'1')", TypeError, t.loads, b"1")


def check_tinyjson_generated(t):
    import random
    rng = random.Random(20240604)
    for i in range(300):
        doc = tj_value(rng, 0)
        text = json.dumps(doc, ensure_ascii=False)
        tj_expect_same(f"doc {i}: dumps == json.dumps", t.dumps(doc), text)
        tj_expect_same(f"doc {i}: loads(json.dumps(x)) == x", t.loads(text), doc)
        tj_expect_same(f"doc {i}: json.loads(dumps(x)) == x", json.loads(t.dumps(doc)), doc)
        # \u escapes everywhere (surrogate pairs for astral text), and whitespace
        tj_expect_same(f"doc {i}: loads(ascii)", t.loads(json.dumps(doc, ensure_ascii=True)), doc)
        tj_expect_same(f"doc {i}: loads(indent)", t.loads(json.dumps(doc, indent=2)), doc)
    # one larger document (about 1 MB)
    big = [tj_value(rng, 0) for _ in range(5000)]
    text = json.dumps(big, ensure_ascii=False)
    tj_expect_same("big doc: dumps", t.dumps(big), text)
    tj_expect_same("big doc: loads", t.loads(text), big)


TINYJSON_CHECKS = [check_tinyjson_dumps, check_tinyjson_loads, check_tinyjson_errors,
                   check_tinyjson_generated]


def check_modcreate(ext_dir, debug):
    m = load("modcreate", ext_dir / "modcreate.hpy0.so", debug=debug)
    expect("modcreate (made by HPy_mod_create)", m, ("modcreate", 42))


# ~~~ exceptions, capsules, callbacks (host part 2: errors, capsules, calls) ~~~

def capture_stderr(fn, *args):
    """Runs fn(*args) with file descriptor 2 redirected (C writes and sys.stderr alike);
    returns (result or raised exception, the text written)."""
    import tempfile
    sys.stderr.flush()
    with tempfile.TemporaryFile() as tmp:
        saved = os.dup(2)
        os.dup2(tmp.fileno(), 2)
        try:
            try:
                result = fn(*args)
            except BaseException as e:  # noqa: BLE001 - returned to the caller
                result = e
            sys.stderr.flush()
        finally:
            os.dup2(saved, 2)
            os.close(saved)
        tmp.seek(0)
        return result, tmp.read().decode("utf-8", "replace")


def raised(fn, *args, **kwargs):
    """The exception fn(*args, **kwargs) raises (None if it returns)."""
    try:
        fn(*args, **kwargs)
    except BaseException as e:  # noqa: BLE001 - returned to the caller
        return e
    return None


def expect_exc(label, e, exc_type, text, args=None):
    if type(e) is not exc_type:
        FAILURES.append(f"{label}: got {type(e).__name__}({e}), want {exc_type.__name__}")
        return
    expect(f"{label} str", str(e), text)
    if args is not None:
        expect(f"{label} args", e.args, args)


ERRNO_CLASSES = [
    (1, PermissionError), (2, FileNotFoundError), (3, ProcessLookupError),
    (4, InterruptedError), (10, ChildProcessError), (11, BlockingIOError),
    (13, PermissionError), (17, FileExistsError), (20, NotADirectoryError),
    (21, IsADirectoryError), (32, BrokenPipeError), (103, ConnectionAbortedError),
    (104, ConnectionResetError), (108, BrokenPipeError), (110, TimeoutError),
    (111, ConnectionRefusedError), (114, BlockingIOError), (115, BlockingIOError),
    (5, OSError), (0, OSError),
]


def check_raising(m):
    expect_exc("raise_string", raised(m.raise_string, ValueError, "boom"), ValueError, "boom",
               ("boom",))
    expect_exc("raise_string(KeyError)", raised(m.raise_string, KeyError, "k"), KeyError, "'k'")
    expect_exc("raise_string(int)", raised(m.raise_string, int, "x"), SystemError,
               "_PyErr_SetObject: exception <class 'int'> is not a BaseException subclass")
    expect_exc("raise_object(tuple)", raised(m.raise_object, ValueError, (1, 2)), ValueError,
               "(1, 2)", (1, 2))
    expect_exc("raise_object(NULL)", raised(m.raise_object, ValueError, None), ValueError, "", ())
    expect_exc("raise_object(None)", raised(m.raise_none_value, TypeError), TypeError, "", ())
    expect_exc("raise_object(str)", raised(m.raise_object, RuntimeError, "r"), RuntimeError, "r",
               ("r",))
    e = raised(m.raise_object, OSError, (2, "No such file or directory", "f"))
    expect_exc("raise_object(OSError, (2, msg, f))", e, FileNotFoundError,
               "[Errno 2] No such file or directory: 'f'", (2, "No such file or directory"))
    expect("  .errno", getattr(e, "errno", None), 2)
    expect("  .filename", getattr(e, "filename", None), "f")
    k = KeyError("k")
    expect_true("raise_object(LookupError, KeyError) raises the instance",
                raised(m.raise_object, LookupError, k) is k)
    e = raised(m.raise_object, ValueError, k)
    expect_true("raise_object(ValueError, KeyError) wraps it",
                type(e) is ValueError and e.args == (k,))
    expect_exc("no_memory", raised(m.no_memory), MemoryError, "", ())
    expect("occurred_and_clear", m.occurred_and_clear(ValueError), (0, 1, 0))


def check_matching(m):
    cases = [
        (KeyError, LookupError, True), (KeyError, KeyError, True), (KeyError, ValueError, False),
        (KeyError, (ValueError, (TypeError, LookupError)), True), (KeyError, (), False),
        (KeyError, KeyError("x"), False), (KeyError, BaseException, True),
        (m.CustomError, ValueError, True), (ValueError, m.CustomError, False),
        (m.CustomError, (m.CustomError,), True), (StopIteration, Exception, True),
        (SystemExit, Exception, False),
    ]
    for raised_type, given, want in cases:
        expect(f"matches({raised_type.__name__}, {given!r})", m.matches(raised_type, given), want)
    expect("swallow(no_memory, MemoryError)", m.swallow(m.no_memory, MemoryError), "swallowed")
    expect("swallow(no_memory, (KeyError, MemoryError))",
           m.swallow(m.no_memory, (KeyError, MemoryError)), "swallowed")
    expect_true("swallow(no_memory, ValueError) passes it on",
                type(raised(m.swallow, m.no_memory, ValueError)) is MemoryError)
    expect("swallow(dict, KeyError) (a type as the callable)", m.swallow(dict, KeyError), {})


def check_errno(m):
    import os as _os
    for errno, cls in ERRNO_CLASSES:
        e = raised(m.from_errno, OSError, errno)
        msg = _os.strerror(errno) if errno else "Error"
        expect_exc(f"from_errno(OSError, {errno})", e, cls, f"[Errno {errno}] {msg}", (errno, msg))
        expect(f"  .errno", getattr(e, "errno", None), errno)
        expect(f"  .strerror", getattr(e, "strerror", None), msg)
        expect(f"  .filename", getattr(e, "filename", "?"), None)
    enoent = _os.strerror(2)
    expect_exc("from_errno(ValueError, 2)", raised(m.from_errno, ValueError, 2), ValueError,
               f"(2, '{enoent}')", (2, enoent))
    e = raised(m.from_errno, FileExistsError, 2)
    expect_exc("from_errno(FileExistsError, 2)", e, FileExistsError, f"[Errno 2] {enoent}")
    e = raised(m.from_errno_filename, OSError, 2, "dir/fïle.txt")
    expect_exc("from_errno_filename", e, FileNotFoundError,
               f"[Errno 2] {enoent}: 'dir/fïle.txt'", (2, enoent))
    expect("  .filename", getattr(e, "filename", None), "dir/fïle.txt")
    expect("  .filename2", getattr(e, "filename2", "?"), None)
    e = raised(m.from_errno_filename, OSError, 13, None)
    expect_exc("from_errno_filename(NULL)", e, PermissionError, f"[Errno 13] {_os.strerror(13)}")
    eexist = _os.strerror(17)
    e = raised(m.from_errno_objects, OSError, 17, "a", "b")
    expect_exc("from_errno_objects(a, b)", e, FileExistsError,
               f"[Errno 17] {eexist}: 'a' -> 'b'", (17, eexist))
    expect("  .filename2", getattr(e, "filename2", None), "b")
    e = raised(m.from_errno_objects, OSError, 17, None, "b")
    expect_exc("from_errno_objects(NULL, b)", e, FileExistsError, f"[Errno 17] {eexist}")
    expect("  .filename2", getattr(e, "filename2", "?"), None)
    e = raised(m.from_errno_objects, OSError, 2, 42, None)
    expect_exc("from_errno_objects(42)", e, FileNotFoundError, f"[Errno 2] {enoent}: 42")


def check_new_exception(m):
    E = m.new_exception("mod.Err", None, None)
    expect("new_exception name", (E.__name__, E.__module__, repr(E)), ("Err", "mod", "<class 'mod.Err'>"))
    expect("new_exception mro", [c.__name__ for c in E.__mro__],
           ["Err", "Exception", "BaseException", "object"])
    expect("new_exception doc", E.__doc__, None)
    e = E("one", 2)
    expect("instance", (repr(e), str(e), e.args), ("Err('one', 2)", "('one', 2)", ("one", 2)))
    D = m.new_exception("a.b.Deep", (KeyError, m.CustomError), None)
    expect("two bases", ([c.__name__ for c in D.__mro__], D.__module__),
           (["Deep", "KeyError", "LookupError", "CustomError", "ValueError", "Exception",
             "BaseException", "object"], "a.b"))
    expect("KeyError subclass str", str(D("k")), "'k'")
    expect_exc("name without a dot", raised(m.new_exception, "NoDot", ValueError, None),
               SystemError, "PyErr_NewException: name must be module.class")
    expect_exc("duplicate base", raised(m.new_exception, "a.B", (ValueError, ValueError), None),
               TypeError, "duplicate base class ValueError")
    expect_exc("inconsistent MRO",
               raised(m.new_exception, "a.B", (LookupError, KeyError), None), TypeError,
               "Cannot create a consistent method resolution\norder (MRO) for bases LookupError, KeyError")
    expect_exc("non-type base", raised(m.new_exception, "a.B", 5, None), TypeError,
               "metaclass conflict: the metaclass of a derived class must be a (non-strict) "
               "subclass of the metaclasses of all its bases")
    ns = {"x": 1}
    X = m.new_exception("m.X", ValueError, ns)
    expect("dict becomes the namespace", (X.x, X.__module__), (1, "m"))
    expect("the dict gets __module__", ns, {"x": 1, "__module__": "m"})
    O = m.new_exception("m.O", OSError, None)
    o = O(2, "x", "f")
    expect("OSError subclass", (type(o) is O, str(o), o.args), (True, "[Errno 2] x: 'f'", (2, "x")))
    D2 = m.new_exception_doc("m.D", "the doc", None, None)
    expect("new_exception_doc", (D2.__doc__, D2.__mro__[1] is Exception), ("the doc", True))
    expect("new_exception_doc(NULL doc)", m.new_exception_doc("m.N", None, None, None).__doc__, None)
    C = m.CustomError
    expect("CustomError", (C.__name__, C.__module__, C.__doc__, C.code, C.__mro__[1] is ValueError),
           ("CustomError", "exceptions", "Raised by raise_custom().", 42, True))
    expect_exc("raise_custom", raised(m.raise_custom, "bad"), C, "bad", ("bad",))
    expect_exc("raise_custom(tuple)", raised(m.raise_custom, (1, 2)), C, "(1, 2)", (1, 2))


def check_warnings(m):
    # stack_level 1000: beyond any frame, so both hosts report the warning at sys:1.
    r, err = capture_stderr(m.warn, UserWarning, "careful", 1000)
    expect("warn", (r, err), (0, "sys:1: UserWarning: careful\n"))
    r, err = capture_stderr(m.warn, UserWarning, "careful", 1000)
    expect("warn again (shown once)", (r, err), (0, ""))
    r, err = capture_stderr(m.warn, UserWarning, "carefül 2", 1000)
    expect("warn (another text)", (r, err), (0, "sys:1: UserWarning: carefül 2\n"))
    for cat in (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning):
        r, err = capture_stderr(m.warn, cat, "quiet", 1000)
        expect(f"warn({cat.__name__}) (ignored by default)", (r, err), (0, ""))
    r, err = capture_stderr(m.warn, None, "no category", 1000)
    expect("warn(NULL category)", (r, err), (0, "sys:1: RuntimeWarning: no category\n"))
    W = m.new_exception("mymod.MyWarning", UserWarning, None)
    r, err = capture_stderr(m.warn, W, "mine", 1000)
    expect("warn(MyWarning)", (r, err), (0, "sys:1: MyWarning: mine\n"))
    r, err = capture_stderr(m.warn, ValueError, "not a warning class", 1000)
    expect("warn(ValueError)", (r, err), (0, "sys:1: ValueError: not a warning class\n"))
    r, err = capture_stderr(m.warn, 5, "x", 1000)
    expect("warn(5)", (type(r), str(r), err), (TypeError, "'int' object is not callable", ""))


def without_traceback(text):
    """The report less its traceback: CPython attributes an unraisable exception raised
    in C to the calling Python frame; the embedding API's calls have none."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("Traceback (most recent call last):"):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def check_unraisable(m):
    def capture_stderr(*args):
        r, err = capture_stderr_raw(*args)
        return r, without_traceback(err)

    capture_stderr_raw = globals()["capture_stderr"]
    r, err = capture_stderr(m.write_unraisable, ValueError, "boom", "some object")
    expect("write_unraisable", (r, err),
           (False, "Exception ignored in: 'some object'\nValueError: boom\n"))
    r, err = capture_stderr(m.write_unraisable, KeyError, "k", None)
    expect("write_unraisable(NULL)", (r, err), (False, "KeyError: 'k'\n"))
    r, err = capture_stderr(m.write_unraisable, m.CustomError, "c", [1, 2])
    expect("write_unraisable(CustomError)", (r, err),
           (False, "Exception ignored in: [1, 2]\nexceptions.CustomError: c\n"))
    r, err = capture_stderr(m.write_unraisable, RuntimeError, (), 5)
    expect("write_unraisable(no args)", (r, err), (False, "Exception ignored in: 5\nRuntimeError: \n"))


EXCEPTIONS_CHECKS = [check_raising, check_matching, check_errno, check_new_exception,
                     check_warnings, check_unraisable]


def check_capsule_access(m):
    c = m.new(5, "capsules.counted")
    expect("type", type(c).__name__, "PyCapsule")
    expect_true("repr", repr(c).startswith('<capsule object "capsules.counted" at 0x'))
    expect("get", m.get(c, "capsules.counted"), 5)
    expect_exc("get(other name)", raised(m.get, c, "other"), ValueError,
               "PyCapsule_GetPointer called with incorrect name")
    expect_exc("get(NULL name)", raised(m.get, c, None), ValueError,
               "PyCapsule_GetPointer called with incorrect name")
    expect_exc("get(not a capsule)", raised(m.get, 5, "x"), ValueError,
               "PyCapsule_GetPointer called with invalid PyCapsule object")
    expect("get_name", m.get_name(c), "capsules.counted")
    expect("is_valid", [m.is_valid(c, "capsules.counted"), m.is_valid(c, "x"), m.is_valid(c, None),
                        m.is_valid(5, "x"), m.is_valid(None, None)], [True, False, False, False, False])
    n = m.new(9, None)
    expect("unnamed", (m.get(n, None), m.get_name(n), m.is_valid(n, None)), (9, None, True))
    expect_true("unnamed repr", repr(n).startswith("<capsule object NULL at 0x"))
    expect_exc("unnamed get(name)", raised(m.get, n, "x"), ValueError,
               "PyCapsule_GetPointer called with incorrect name")
    m.set_name(c, "capsules.renamed")
    expect("set_name", (m.get_name(c), m.get(c, "capsules.renamed")), ("capsules.renamed", 5))
    m.set_pointer(c, 6)
    expect("set_pointer", m.get(c, "capsules.renamed"), 6)
    expect_exc("set_pointer(NULL)", raised(m.set_pointer_null, c), ValueError,
               "PyCapsule_SetPointer called with null pointer")
    expect_exc("set_pointer(not a capsule)", raised(m.set_pointer, 5, 1), ValueError,
               "PyCapsule_GetName called with invalid PyCapsule object")
    expect("get_context (unset)", m.get_context(c), 0)
    m.set_context(c, 1234)
    expect("set_context", m.get_context(c), 1234)
    expect_exc("get_context(not a capsule)", raised(m.get_context, "s"), ValueError,
               "PyCapsule_GetContext called with invalid PyCapsule object")
    expect_exc("set_context(not a capsule)", raised(m.set_context, "s", 1), ValueError,
               "PyCapsule_SetContext called with invalid PyCapsule object")
    expect_exc("get_name(not a capsule)", raised(m.get_name, 5), ValueError,
               "PyCapsule_GetName called with invalid PyCapsule object")
    expect_exc("get key Destructor", raised(m.get_destructor, c), ValueError,
               "Invalid operation: get HPyCapsule_key_Destructor")
    expect_exc("new(NULL)", raised(m.new_null), ValueError, "PyCapsule_New called with null pointer")
    expect_exc("new(incomplete destructor)", raised(m.new_incomplete_destructor), ValueError,
               "Invalid HPyCapsule destructor")
    expect_exc("set incomplete destructor", raised(m.set_incomplete_destructor, c), ValueError,
               "Invalid HPyCapsule destructor")
    expect_exc("set destructor (not a capsule)", raised(m.use_other_destructor, 5), ValueError,
               "PyCapsule_SetDestructor called with invalid PyCapsule object")
    p = m.new_plain()
    expect("new_plain", (m.get(p, "capsules.plain"), m.get_name(p)), (7, "capsules.plain"))


def check_capsule_destructors(m):
    import gc
    gc.collect()
    counting, other, _, _, _ = m.destructor_calls()
    c = m.new(11, "capsules.d")
    m.set_context(c, 77)
    expect("alive: no destructor call", m.destructor_calls()[:2], (counting, other))
    del c
    gc.collect()
    expect("dead: destructor ran once", m.destructor_calls(), (counting + 1, other, 11, 77, False))
    x = m.new(12, None)
    m.use_other_destructor(x)
    del x
    gc.collect()
    expect("replaced destructor", m.destructor_calls(), (counting + 1, other + 1, 12, 0, True))
    caps = [m.new(i, "capsules.many") for i in range(100)]
    del caps
    gc.collect()
    expect("100 capsules", m.destructor_calls()[:2], (counting + 101, other + 1))
    p = m.new_plain()
    del p
    gc.collect()
    expect("no destructor for new_plain", m.destructor_calls()[:2], (counting + 101, other + 1))


CAPSULES_CHECKS = [check_capsule_access, check_capsule_destructors]


def check_calls(ns):
    cb, b = ns.callbacks, ns.basics
    expect("call(split_call)", cb.call(b.split_call, 1, 2, x=3), ([1, 2], {"x": 3}))
    obj = object()
    got = cb.call(b.kw_describe, obj, "lbl", count=3)
    expect_true("call(kw_describe)", got[0] is obj and got[1:] == ("lbl", 3))
    expect("call(kw_numbers, all keywords)", cb.call(b.kw_numbers, b=3, a=4), (4, 3, 1.0))
    for label, f, args, kwargs, want in [
        ("int('ff', base=16)", int, ("ff",), {"base": 16}, 255),
        ("int(' -12 ')", int, (" -12 ",), {}, -12),
        ("float('1.5')", float, ("1.5",), {}, 1.5),
        ("str(b'abc', encoding='ascii')", str, (b"abc",), {"encoding": "ascii"}, "abc"),
        ("bytes('hé', 'utf-8')", bytes, ("hé", "utf-8"), {}, b"h\xc3\xa9"),
        ("bytes([1, 2])", bytes, ([1, 2],), {}, b"\x01\x02"),
        ("bool([])", bool, ([],), {}, False),
        ("tuple([1, 2])", tuple, ([1, 2],), {}, (1, 2)),
        ("list('ab')", list, ("ab",), {}, ["a", "b"]),
        ("dict([('a', 1)], b=2)", dict, ([("a", 1)],), {"b": 2}, {"a": 1, "b": 2}),
        ("dict(a=1)", dict, (), {"a": 1}, {"a": 1}),
        ("type(5)", type, (5,), {}, int),
        ("slice(1, 2)", slice, (1, 2), {}, slice(1, 2)),
        ("range(1, 10, 3)", range, (1, 10, 3), {}, range(1, 10, 3)),
    ]:
        expect(f"call({label})", cb.call(f, *args, **kwargs), want)
    e = cb.call(ValueError, "msg", 2)
    expect("call(ValueError)", (type(e), e.args), (ValueError, ("msg", 2)))
    e = cb.call(OSError, 2, "x")
    expect("call(OSError, 2, 'x')", (type(e), e.errno), (FileNotFoundError, 2))
    expect_exc("call(int, 'x')", raised(cb.call, int, "x"), ValueError,
               "invalid literal for int() with base 10: 'x'")
    expect_exc("call(5)", raised(cb.call, 5), TypeError, "'int' object is not callable")
    expect_exc("call(dict, 1, 2)", raised(cb.call, dict, 1, 2), TypeError,
               "dict expected at most 1 argument, got 2")
    expect_exc("call(ValueError, x=1)", raised(cb.call, ValueError, x=1), TypeError,
               "ValueError() takes no keyword arguments")


def check_call_forms(ns):
    cb, b = ns.callbacks, ns.basics
    expect("call_tuple_dict", cb.call_tuple_dict(b.split_call, (1, 2), {"k": "v"}),
           ([1, 2], {"k": "v"}))
    expect("call_tuple_dict(NULL, NULL)", cb.call_tuple_dict(b.split_call, None, None), ([], {}))
    expect("call_tuple_dict(NULL, kw)", cb.call_tuple_dict(b.split_call, None, {"a": 1}),
           ([], {"a": 1}))
    expect("call_tuple_dict(dict)", cb.call_tuple_dict(dict, None, {"a": 1}), {"a": 1})
    expect("call_tuple_dict(int)", cb.call_tuple_dict(int, ("11",), {"base": 2}), 3)
    expect_exc("call_tuple_dict(args list)", raised(cb.call_tuple_dict, b.split_call, [1], None),
               TypeError, "HPy_CallTupleDict requires args to be a tuple or null handle")
    expect_exc("call_tuple_dict(kw list)", raised(cb.call_tuple_dict, b.split_call, (), [1]),
               TypeError, "HPy_CallTupleDict requires kw to be a dict or null handle")
    expect_exc("call_tuple_dict(int key)", raised(cb.call_tuple_dict, b.split_call, (), {1: 2}),
               TypeError, "keywords must be strings")
    expect("call_method(module)", cb.call_method(b, "split_call", 1, k=2), ([1], {"k": 2}))
    expect("call_method(no args)", cb.call_method(b, "get_small_int"), 42)
    expect_exc("call_method(missing)", raised(cb.call_method, b, "nope"), AttributeError,
               "module 'basics' has no attribute 'nope'")
    expect_exc("call_method(name not str)", raised(cb.call_method, b, 5), TypeError,
               "attribute name must be string, not 'int'")
    expect("call_with_keywords(split_call)", cb.call_with_keywords(b.split_call),
           ([1, "two"], {"x": 3.5, "y": [4]}))
    expect_exc("call_with_keywords(dict)", raised(cb.call_with_keywords, dict), TypeError,
               "dict expected at most 1 argument, got 2")
    expect("map_calls(split_call, 3)", cb.map_calls(b.split_call, 3),
           [([0], {"square": 0}), ([1], {"square": 1}), ([2], {"square": 4})])
    expect_exc("map_calls(dict, 2)", raised(cb.map_calls, dict, 2), TypeError,
               "'int' object is not iterable")
    for obj, want in [(b.split_call, True), (int, True), (ValueError, True), (cb.call, True),
                      (5, False), ("s", False), (None, False), (b, False), ([], False)]:
        expect(f"is_callable({obj!r})", cb.is_callable(obj), want)


def check_host_services(ns):
    cb, b = ns.callbacks, ns.basics
    import builtins
    expect_true("import_module('builtins')", cb.import_module("builtins") is builtins)
    # hpy.universal.load does not register modules; an import statement would.
    sys.modules.setdefault("basics", b)
    expect_true("import_module('basics') (already imported)", cb.import_module("basics") is b)
    expect_exc("import_module(missing)", raised(cb.import_module, "no_such_module_xyz"),
               ModuleNotFoundError, "No module named 'no_such_module_xyz'")
    r, err = capture_stderr(cb.dump, 42)
    lines = err.splitlines()
    expect("dump(42)", (r, [l for l in lines if l.startswith(("object type name", "object repr"))]),
           (None, ["object type name: int", "object repr     : 42"]))
    r, err = capture_stderr(cb.dump, [1, "x"])
    expect("dump([1, 'x'])", [l for l in err.splitlines() if l.startswith("object repr")],
           ["object repr     : [1, 'x']"])
    expect("leave_and_reenter", cb.leave_and_reenter(10), 45)
    expect("leave_and_reenter twice", cb.leave_and_reenter(5), 10)


CALLBACKS_CHECKS = [check_calls, check_call_forms, check_host_services]


def check_fatal_error(ext_dir):
    """HPy_FatalError prints the message and aborts (SIGABRT), in a child process."""
    code = ("import sys; sys.path.insert(0, {d!r}); import check_cpython as c; "
            "m = c.load('callbacks', {p!r}); m.fatal('the sky is falling')")
    here = str(Path(__file__).resolve().parent)
    r = subprocess.run([sys.executable, "-c", code.format(d=here, p=str(ext_dir / "callbacks.hpy0.so"))],
                       capture_output=True, text=True)
    expect("fatal: killed by SIGABRT", r.returncode, -6)
    expect_true("fatal: message on stderr", "the sky is falling" in r.stderr)


def run_checks(module, checks, debug):
    for check in checks:
        try:
            if debug:
                # Every handle a sample opens during the check must be closed by then.
                from hpy.debug import LeakDetector
                with LeakDetector():
                    check(module)
            else:
                check(module)
        except Exception:  # noqa: BLE001 - report and go on with the next group
            FAILURES.append(f"{check.__name__}: crashed:\n{traceback.format_exc()}")


def check_builtin_shapes(m):
    import gc
    s = m.TaggedStr("héllo")
    expect_true("TaggedStr is a str", isinstance(s, str))
    expect("TaggedStr equals its text", s == "héllo", True)
    expect("len(TaggedStr)", len(s), 5)
    expect("TaggedStr + str", s + "!", "héllo!")
    expect("str(TaggedStr)", str(s), "héllo")
    expect("TaggedStr.tag starts zeroed", s.tag, 0)
    s.tag = 42
    expect("TaggedStr.describe()", s.describe(), "héllo#42")
    expect("type(TaggedStr).__mro__", [t.__name__ for t in type(s).__mro__],
           ["TaggedStr", "str", "object"])
    i = m.TaggedInt(6)
    expect_true("TaggedInt is an int", isinstance(i, int))
    expect("TaggedInt + 1", i + 1, 7)
    i.tag = 7
    expect("TaggedInt.scaled()", i.scaled(), 42)
    expect("TaggedInt('12')", m.TaggedInt("12") * 2, 24)
    before = m.shape_counts()
    del s, i
    gc.collect()
    after = m.shape_counts()
    expect("TaggedStr/TaggedInt destroyed", (after[0] - before[0], after[1] - before[1]), (1, 1))


EXTTYPES_CHECKS = [check_builtin_shapes]


def check_metaclass(m):
    import gc
    Meta = m.Meta
    expect("type(Meta)", type(Meta), type)
    expect("Meta.__mro__", [t.__name__ for t in Meta.__mro__], ["Meta", "type", "object"])
    expect("shape_of(Meta) (Type)", m.shape_of(Meta), 1)
    serial0 = m.meta_counts()
    A = m.make_type("metatypes.Alpha", "red")
    expect_true("type(Alpha) is Meta", type(A) is Meta)
    expect_true("Alpha is a type", isinstance(A, type))
    expect("shape_of(Alpha) (Object)", m.shape_of(A), 0)
    expect("Alpha.serial", A.serial, serial0 + 1)
    expect("Alpha.tag", A.tag, "red")
    expect("repr(Alpha) (Meta's tp_repr)", repr(A), "<Meta type Alpha #%d>" % (serial0 + 1))
    expect("Alpha.__module__", A.__module__, "metatypes")
    items = [A(i) for i in range(3)]
    gc.collect()
    expect("meta_tag()", [x.meta_tag() for x in items], ["red:0", "red:1", "red:2"])
    expect("Alpha.instances_made", A.instances_made, 3)
    expect("Alpha.describe()", A.describe(), "Alpha #%d [red] made 3" % (serial0 + 1))
    expect_raises("Alpha.serial = 3", AttributeError, setattr, A, "serial", 3,
                  match="readonly attribute")
    expect_raises("Alpha.tag = 'x'", TypeError, setattr, A, "tag", "x",
                  match="readonly attribute")
    expect_raises("Meta(1)", TypeError, Meta, 1,
                  match="type.__new__() takes exactly 3 arguments (1 given)")
    for kind, exc, msg in [
        ("not_a_type", TypeError, "Metaclass ''hello'' is not a subclass of 'type'."),
        ("twice", ValueError, "metaclass was specified multiple times"),
        ("int", TypeError, "Metaclasses with custom tp_new are not supported."),
        ("custom_new", TypeError, "Metaclasses with custom tp_new are not supported."),
        ("not_type_subclass", TypeError, "Metaclasses with custom tp_new are not supported."),
    ]:
        expect_raises(f"make_bad_meta({kind})", exc, m.make_bad_meta, kind, match=msg)
    expect("make_bad_meta(type)", m.make_bad_meta("type").__name__, "Bad")
    # hpy 0.9 knows no Dict shape (hpymove accepts the later headers' shape 7).
    expect_raises("make_tagged_dict_type()", ValueError, m.make_tagged_dict_type,
                  match="invalid shape: 7")


METATYPES_CHECKS = [check_metaclass]


def check_fields(m):
    import gc
    head = m.make_list(100)
    expect("list_sum(make_list(100))", m.list_sum(head), 4950)
    expect("Node.next.value", head.next.value, 98)
    top = m.Node(7, head)
    expect_true("Node(v, next).next is next", top.next is head)
    top.next = None
    expect("Node.next = None", (top.next, m.list_sum(top)), (None, 7))
    t = m.build_tree(6)
    expect("tree sum/count", (t.sum(), t.count()), (63 * 64 // 2, 63))
    expect("tree left/right values", (t.left.value, t.right.value), (2, 33))
    leaf = t.left.left.left.left.left
    expect_raises("empty OBJECT_EX member", AttributeError, getattr, leaf, "left",
                  match="'fields.Tree' object has no attribute 'left'")
    vs = [m.Vertex(i) for i in range(6)]
    for i, v in enumerate(vs):
        v.connect(vs[(i + 1) % 6])
        v.connect(v)
        v.connect(vs[(i * 5 + 1) % 6])
    expect("Vertex.neighbors()", [w.id for w in vs[2].neighbors()], [3, 2, 5])
    expect_raises("connect(non-vertex)", TypeError, vs[0].connect, 1)
    before = m.counts()
    del head, top, t, leaf, vs, v
    gc.collect()
    after = m.counts()
    for name, made in (("Node", 101), ("Tree", 63), ("Vertex", 6)):
        expect(f"{name} all destroyed", after[name][2] - before[name][2], made)
    p = m.Phoenix(5)
    del p
    gc.collect()
    expect("Phoenix finalized once, resurrected", m.counts()["Phoenix"], (1, 1, 0))
    expect("graveyard", m.graveyard().tag, 5)
    m.clear_graveyard()
    gc.collect()
    expect("Phoenix destroyed, not finalized again", m.counts()["Phoenix"], (1, 1, 1))
    x = m.Mortal()
    del x
    gc.collect()
    expect("Mortal counts", m.counts()["Mortal"], (1, 1, 1))


def check_cppfields(m):
    import gc
    b = m.Bag("things")
    for i in range(30):
        b.add([i])
    b.add(b)
    expect("len(Bag)", len(b), 31)
    expect("Bag[3]", b[3], [3])
    expect_true("Bag holds itself", b[30] is b)
    expect("Bag.label", b.label, "things")
    expect_raises("Bag index", IndexError, b.__getitem__, 31)
    expect("Bag.items()", b.items()[:3], [[0], [1], [2]])
    before = m.destructed()
    del b
    gc.collect()
    after = m.destructed()
    expect("C++ destructor ran once", (after[0] - before[0], after[1] - before[1]), (1, -1))


def check_ctxvars(m):
    v = m.new("color")
    w = m.new("size", 10)
    expect("ContextVar names", (v.name, w.name), ("color", "size"))
    expect("get unset", m.get(v), (False, None))
    expect("get unset with default", m.get(v, "x"), (True, "x"))
    expect("get var default", m.get(w), (True, 10))
    m.set(v, [1])
    expect("get after set", m.get(v, "x"), (True, [1]))
    expect_raises("get of a non-var", TypeError, m.get, 42,
                  match="an instance of ContextVar was expected")


def check_compiled(m):
    g = {"x": 20, "y": 22}
    expect("eval of an expression", m.run(m.compile("x + y", "<expr>", 0), g), 42)
    expect("exec of statements", m.run(m.compile("z = x * 2", "<file>", 1), g), None)
    expect("exec assigned", g["z"], 40)
    expect_raises("eval of a statement", SyntaxError, m.compile, "x = 1", "<bad>", 0)
    expect_raises("NameError inside", NameError, m.run, m.compile("nope", "<e>", 0), {})


def run_good(ext_dir, debug):
    check_modcreate(ext_dir, debug)
    run_checks(load("basics", ext_dir / "basics.hpy0.so", debug=debug), BASICS_CHECKS, debug)
    run_checks(load("tinyjson", ext_dir / "tinyjson.hpy0.so", debug=debug), TINYJSON_CHECKS,
               debug)
    run_checks(load("exceptions", ext_dir / "exceptions.hpy0.so", debug=debug),
               EXCEPTIONS_CHECKS, debug)
    run_checks(load("capsules", ext_dir / "capsules.hpy0.so", debug=debug), CAPSULES_CHECKS,
               debug)
    run_checks(load("exttypes", ext_dir / "exttypes.hpy0.so", debug=debug), EXTTYPES_CHECKS,
               debug)
    run_checks(load("metatypes", ext_dir / "metatypes.hpy0.so", debug=debug), METATYPES_CHECKS,
               debug)
    run_checks(load("fields", ext_dir / "fields.hpy0.so", debug=debug), [check_fields], debug)
    run_checks(load("ctxvars", ext_dir / "ctxvars.hpy0.so", debug=debug), [check_ctxvars], debug)
    run_checks(load("compiled", ext_dir / "compiled.hpy0.so", debug=debug), [check_compiled],
               debug)
    run_checks(load("cppfields", ext_dir / "cppfields.hpy0.so", debug=debug), [check_cppfields],
               debug)
    import types as _types
    ns = _types.SimpleNamespace(
        basics=sys.modules.get("basics") or load("basics", ext_dir / "basics.hpy0.so", debug=debug),
        callbacks=load("callbacks", ext_dir / "callbacks.hpy0.so", debug=debug))
    run_checks(ns, CALLBACKS_CHECKS, debug)
    if not debug:
        check_fatal_error(ext_dir)


# ~~~ bad artifacts: (file, module, what CPython does) ~~~

def check_legacy_methods(m):
    expect("legacy_methods.hello()", m.hello(), "hello")
    expect_true("legacy_methods has legacy_function", callable(getattr(m, "legacy_function", None)))


BAD = [
    ("unresolved_symbol.hpy0.so", "unresolved_symbol", RuntimeError, "hpymove_no_such_symbol"),
    ("no_init.hpy0.so", "no_init", RuntimeError, "HPyInit_no_init"),
    ("wrong_tag.so", "wrong_tag", RuntimeError, "could not find HPy ABI tag"),
    ("wrong_tag.hpy1.so", "wrong_tag", RuntimeError, "mismatch between the HPy ABI tag"),
    ("major_version_1.hpy0.so", "major_version_1", RuntimeError, "Requested version: 1.0"),
    ("minor_version_future.hpy0.so", "minor_version_future", RuntimeError, "Requested version: 0.1"),
    # CPython has the C API, so it honours legacy methods; hpymove must refuse them.
    ("legacy_methods.hpy0.so", "legacy_methods", None, check_legacy_methods),
    ("invalid_module_slot.hpy0.so", "invalid_module_slot", SystemError, "Unsupported slot"),
    ("init_returns_null.hpy0.so", "init_returns_null", RuntimeError, "returned NULL"),
    ("exec_raises.hpy0.so", "exec_raises", ValueError, "exec_raises: mod_exec failed on purpose"),
    ("notelf.hpy0.so", "notelf", RuntimeError, "notelf.hpy0.so"),
    ("create_and_methods.hpy0.so", "create_and_methods", SystemError,
     "defines a HPy_mod_create slot and some other slots or methods"),
    ("create_and_exec.hpy0.so", "create_and_exec", SystemError,
     "defines a HPy_mod_create slot and some other slots or methods"),
    ("create_and_doc.hpy0.so", "create_and_doc", SystemError,
     "defines a HPy_mod_create slot and some of the other fields are not set to their default"),
    ("negative_size.hpy0.so", "negative_size", SystemError,
     "HPy does not permit HPyModuleDef.size < 0"),
    ("bad_signature.hpy0.so", "bad_signature", ValueError, "Unsupported HPyMeth signature"),
]


def run_bad(ext_dir):
    bad_dir = ext_dir / "bad"
    present = {p.name for p in bad_dir.iterdir()}
    expect("bad artifacts", present, {row[0] for row in BAD})
    for file, module, exc_type, what in BAD:
        path = bad_dir / file
        if exc_type is None:
            try:
                what(load(module, path))
            except Exception as e:  # noqa: BLE001
                FAILURES.append(f"{file}: CPython should load it, raised {type(e).__name__}: {e}")
        else:
            expect_raises(file, exc_type, load, module, path, match=what)


def default_dir():
    root = Path(__file__).resolve().parent.parent
    target = Path(os.environ.get("CARGO_TARGET_DIR", root / "target"))
    return target / "debug" / "hpy-ext"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", type=Path, default=default_dir(),
                        help="the hpy-ext directory built by ext-samples (default: %(default)s)")
    parser.add_argument("--part", choices=["good", "good-debug", "bad"],
                        help="run one part in this process (the default runs each in its own)")
    args = parser.parse_args()
    ext_dir = args.dir.resolve()
    if not (ext_dir / "basics.hpy0.so").exists():
        sys.exit(f"{ext_dir}/basics.hpy0.so not found: run `cargo build -p ext-samples` first")

    if args.part is None:
        # One process per part: an extension is loaded once per process, and hpy keeps one
        # context per loaded library, so universal and debug runs must not share one.
        failed = False
        for part in ("good", "good-debug", "bad"):
            cmd = [sys.executable, __file__, "--dir", str(ext_dir), "--part", part]
            failed |= subprocess.run(cmd).returncode != 0
        sys.exit(1 if failed else 0)

    if args.part == "bad":
        run_bad(ext_dir)
    else:
        run_good(ext_dir, debug=args.part == "good-debug")
    for failure in FAILURES:
        print(f"FAIL [{args.part}] {failure}")
    print(f"{args.part}: {'FAILED' if FAILURES else 'ok'} ({len(FAILURES)} failures)")
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()
