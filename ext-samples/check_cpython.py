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
    "dict_get", "list_set_item", "kw_numbers", "kw_describe", "split_call",
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


BASICS_CHECKS = [check_module_state, check_constructors, check_one_arg, check_global_and_errors,
                 check_varargs, check_keywords]


def check_modcreate(ext_dir, debug):
    m = load("modcreate", ext_dir / "modcreate.hpy0.so", debug=debug)
    expect("modcreate (made by HPy_mod_create)", m, ("modcreate", 42))


def run_good(ext_dir, debug):
    check_modcreate(ext_dir, debug)
    b = load("basics", ext_dir / "basics.hpy0.so", debug=debug)
    for check in BASICS_CHECKS:
        try:
            if debug:
                # Every handle a sample opens during the check must be closed by then.
                from hpy.debug import LeakDetector
                with LeakDetector():
                    check(b)
            else:
                check(b)
        except Exception:  # noqa: BLE001 - report and go on with the next group
            FAILURES.append(f"{check.__name__}: crashed:\n{traceback.format_exc()}")


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
