//! Calls from C into Python callables (`HPy_Call`, `HPy_CallTupleDict`, `HPy_CallMethod`,
//! `HPyCallable_Check`) through the `callbacks` sample extension, with extension functions
//! and builtin types as the callables; the builtin types' constructors; the host services
//! (`HPyImport_ImportModule`, `HPy_Dump`, leaving and re-entering Python execution,
//! `HPy_FatalError`); and the generic object functions an extension calls directly
//! (`HPy_RichCompare(Bool)`, `HPy_Hash`, `HPy_IsTrue`, `HPy_Is`, `HPy_Type`,
//! `HPy_TypeCheck`). Both GC modes; expected values from CPython 3.11 (`check_cpython.py`,
//! `CALLBACKS_CHECKS`, and `python3` for the tables below).
//!
//! What ends the process or is printed on stderr runs in a child process (this test
//! binary, re-run on one test).

use hpy_abi::{HPy, HPyContext};
use hpymove_runtime::{Obj, PyErr, Runtime, Value};
use hpymove_tests::harness::{child_scenario, int, run_child, s, shown, signal_of, stderr_of, T};
use hpymove_tests::{both_modes, Run};
use num_bigint::BigInt;

fn f(v: f64) -> Value {
    Value::Float(v)
}

fn by(v: &[u8]) -> Value {
    Value::Bytes(v.to_vec())
}

fn tup(items: Vec<Value>) -> Value {
    Value::Tuple(items)
}

fn list(items: Vec<Value>) -> Value {
    Value::List(items)
}

fn dict(items: Vec<(Value, Value)>) -> Value {
    Value::Dict(items)
}

/// `2**n + add`
fn big(n: u32, add: i64) -> Value {
    Value::Int((BigInt::from(1) << n) + add)
}

struct Cb {
    t: T,
    cb: Obj,
    b: Obj,
}

fn setup(run: Run) -> Cb {
    let mut t = T::new(run);
    let cb = t.import("callbacks");
    let b = t.import("basics");
    Cb { t, cb, b }
}

impl Cb {
    /// `callbacks.call(f, *args, **kwargs)`
    fn call(&mut self, f: &Obj, args: &[Value], kwargs: &[(&str, Value)]) -> Result<Value, PyErr> {
        let mut objs = vec![self.t.rt.dup(f).unwrap()];
        for a in args {
            objs.push(self.t.obj(a.clone()));
        }
        let kw: Vec<(&str, Obj)> = kwargs
            .iter()
            .map(|(k, v)| (*k, self.t.obj(v.clone())))
            .collect();
        let refs: Vec<&Obj> = objs.iter().collect();
        let kwrefs: Vec<(&str, &Obj)> = kw.iter().map(|(k, v)| (*k, v)).collect();
        let cb = self.t.rt.dup(&self.cb).unwrap();
        let r = self.t.call(&cb, "call", &refs, &kwrefs)?;
        Ok(self.t.value(&r))
    }
}

fn other(type_name: &str, repr: &str) -> Value {
    Value::Other {
        type_name: type_name.into(),
        repr: repr.into(),
    }
}

fn calls_with_keywords(run: Run) {
    let mut c = setup(run);
    let split = c.t.attr(&c.b, "split_call");
    let got = c.call(&split, &[int(1), int(2)], &[("x", int(3))]).unwrap();
    assert_eq!(
        got,
        tup(vec![
            list(vec![int(1), int(2)]),
            dict(vec![(s("x"), int(3))])
        ])
    );
    let describe = c.t.attr(&c.b, "kw_describe");
    let got = c
        .call(&describe, &[s("obj"), s("lbl")], &[("count", int(3))])
        .unwrap();
    assert_eq!(got, tup(vec![s("obj"), s("lbl"), int(3)]));
    let numbers = c.t.attr(&c.b, "kw_numbers");
    let got = c
        .call(&numbers, &[], &[("b", int(3)), ("a", int(4))])
        .unwrap();
    assert_eq!(got, tup(vec![int(4), int(3), f(1.0)]));
}

/// `(type, args, kwargs, result)`: the builtin types called through `HPy_Call`.
/// Keyword arguments.
type Kw = Vec<(&'static str, Value)>;

fn constructor_table() -> Vec<(&'static str, Vec<Value>, Kw, Value)> {
    vec![
        ("int", vec![s("ff")], vec![("base", int(16))], int(255)),
        ("int", vec![s(" -12 ")], vec![], int(-12)),
        ("int", vec![], vec![], int(0)),
        ("int", vec![f(-3.9)], vec![], int(-3)),
        ("int", vec![Value::Bool(true)], vec![], int(1)),
        ("int", vec![s("0x1f"), int(0)], vec![], int(31)),
        ("int", vec![by(b"42")], vec![], int(42)),
        ("float", vec![s("1.5")], vec![], f(1.5)),
        ("float", vec![int(2)], vec![], f(2.0)),
        ("float", vec![], vec![], f(0.0)),
        (
            "str",
            vec![by(b"abc")],
            vec![("encoding", s("ascii"))],
            s("abc"),
        ),
        ("str", vec![int(5)], vec![], s("5")),
        ("str", vec![by(b"ab")], vec![], s("b'ab'")),
        ("str", vec![], vec![], s("")),
        (
            "str",
            vec![by(b"a\xffb"), s("utf-8"), s("replace")],
            vec![],
            s("a\u{fffd}b"),
        ),
        ("str", vec![by(b"\xe9"), s("latin-1")], vec![], s("é")),
        ("str", vec![], vec![("object", f(0.5))], s("0.5")),
        ("bytes", vec![s("hé"), s("utf-8")], vec![], by(b"h\xc3\xa9")),
        ("bytes", vec![s("hé"), s("latin-1")], vec![], by(b"h\xe9")),
        (
            "bytes",
            vec![s("hé"), s("ascii"), s("replace")],
            vec![],
            by(b"h?"),
        ),
        (
            "bytes",
            vec![s("hé"), s("ascii"), s("backslashreplace")],
            vec![],
            by(b"h\\xe9"),
        ),
        (
            "bytes",
            vec![s("hé"), s("ascii"), s("xmlcharrefreplace")],
            vec![],
            by(b"h&#233;"),
        ),
        (
            "bytes",
            vec![s("x"), s("utf-16")],
            vec![],
            by(b"\xff\xfex\x00"),
        ),
        (
            "bytes",
            vec![list(vec![int(1), int(2), int(255)])],
            vec![],
            by(b"\x01\x02\xff"),
        ),
        ("bytes", vec![int(3)], vec![], by(b"\0\0\0")),
        (
            "bytes",
            vec![tup(vec![Value::Bool(true)])],
            vec![],
            by(b"\x01"),
        ),
        ("bytes", vec![by(b"xy")], vec![], by(b"xy")),
        ("bytes", vec![], vec![("source", int(2))], by(b"\0\0")),
        ("bool", vec![list(vec![])], vec![], Value::Bool(false)),
        ("bool", vec![s("x")], vec![], Value::Bool(true)),
        ("bool", vec![], vec![], Value::Bool(false)),
        (
            "tuple",
            vec![list(vec![int(1), int(2)])],
            vec![],
            tup(vec![int(1), int(2)]),
        ),
        ("tuple", vec![s("ab")], vec![], tup(vec![s("a"), s("b")])),
        (
            "tuple",
            vec![dict(vec![(s("a"), int(1))])],
            vec![],
            tup(vec![s("a")]),
        ),
        ("list", vec![s("ab")], vec![], list(vec![s("a"), s("b")])),
        (
            "list",
            vec![by(b"ab")],
            vec![],
            list(vec![int(97), int(98)]),
        ),
        ("list", vec![tup(vec![int(1)])], vec![], list(vec![int(1)])),
        ("list", vec![], vec![], list(vec![])),
        (
            "dict",
            vec![list(vec![tup(vec![s("a"), int(1)])])],
            vec![("b", int(2))],
            dict(vec![(s("a"), int(1)), (s("b"), int(2))]),
        ),
        (
            "dict",
            vec![],
            vec![("a", int(1))],
            dict(vec![(s("a"), int(1))]),
        ),
        (
            "dict",
            vec![list(vec![list(vec![int(1), int(2)]), s("ab")])],
            vec![],
            dict(vec![(int(1), int(2)), (s("a"), s("b"))]),
        ),
        (
            "dict",
            vec![dict(vec![(s("a"), int(1))])],
            vec![("a", int(2))],
            dict(vec![(s("a"), int(2))]),
        ),
        ("type", vec![int(5)], vec![], other("type", "<class 'int'>")),
        (
            "slice",
            vec![int(1), int(2)],
            vec![],
            other("slice", "slice(1, 2, None)"),
        ),
        (
            "slice",
            vec![int(5)],
            vec![],
            other("slice", "slice(None, 5, None)"),
        ),
        (
            "range",
            vec![int(1), int(10), int(3)],
            vec![],
            other("range", "range(1, 10, 3)"),
        ),
        ("range", vec![int(5)], vec![], other("range", "range(0, 5)")),
        (
            "NotImplemented",
            vec![],
            vec![],
            other("NotImplementedType", "NotImplemented"),
        ),
        (
            "ValueError",
            vec![s("msg"), int(2)],
            vec![],
            other("ValueError", "ValueError('msg', 2)"),
        ),
        (
            "OSError",
            vec![int(2), s("x"), s("f")],
            vec![],
            other("FileNotFoundError", "FileNotFoundError(2, 'x')"),
        ),
        ("KeyError", vec![], vec![], other("KeyError", "KeyError()")),
    ]
}

/// `(type, args, kwargs, error type, message)`
fn constructor_errors() -> Vec<(&'static str, Vec<Value>, Kw, &'static str, &'static str)> {
    vec![
        ("int", vec![s("x")], vec![], "ValueError", "invalid literal for int() with base 10: 'x'"),
        ("int", vec![int(5), int(10)], vec![], "TypeError", "int() can't convert non-string with explicit base"),
        ("int", vec![s("z"), int(37)], vec![], "ValueError", "int() base must be >= 2 and <= 36, or 0"),
        ("int", vec![], vec![("x", s("5"))], "TypeError", "'x' is an invalid keyword argument for int()"),
        ("int", vec![], vec![("base", int(10))], "TypeError", "int() missing string argument"),
        ("int", vec![int(1), int(2), int(3)], vec![], "TypeError", "int() takes at most 2 arguments (3 given)"),
        ("int", vec![list(vec![])], vec![], "TypeError", "int() argument must be a string, a bytes-like object or a real number, not 'list'"),
        ("int", vec![f(f64::INFINITY)], vec![], "OverflowError", "cannot convert float infinity to integer"),
        ("float", vec![s("abc")], vec![], "ValueError", "could not convert string to float: 'abc'"),
        ("float", vec![int(1), int(2)], vec![], "TypeError", "float expected at most 1 argument, got 2"),
        ("float", vec![], vec![("x", int(1))], "TypeError", "float() takes no keyword arguments"),
        ("float", vec![list(vec![])], vec![], "TypeError", "float() argument must be a string or a real number, not 'list'"),
        ("str", vec![s("x"), s("utf-8")], vec![], "TypeError", "decoding str is not supported"),
        ("str", vec![int(5), s("ascii")], vec![], "TypeError", "decoding to str: need a bytes-like object, int found"),
        ("str", vec![by(b"a"), s("nope")], vec![], "LookupError", "unknown encoding: nope"),
        ("str", vec![by(b"\xff"), s("utf-8")], vec![], "UnicodeDecodeError", "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"),
        ("str", vec![int(5)], vec![("object", int(5))], "TypeError", "argument for str() given by name ('object') and position (1)"),
        ("str", vec![], vec![("x", int(1))], "TypeError", "'x' is an invalid keyword argument for str()"),
        ("bytes", vec![int(-1)], vec![], "ValueError", "negative count"),
        ("bytes", vec![list(vec![int(256)])], vec![], "ValueError", "bytes must be in range(0, 256)"),
        ("bytes", vec![list(vec![s("a")])], vec![], "TypeError", "'str' object cannot be interpreted as an integer"),
        ("bytes", vec![s("abc")], vec![], "TypeError", "string argument without an encoding"),
        ("bytes", vec![s("hé"), s("ascii")], vec![], "UnicodeEncodeError", "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)"),
        ("bytes", vec![s("€"), s("latin-1")], vec![], "UnicodeEncodeError", "'latin-1' codec can't encode character '\\u20ac' in position 0: ordinal not in range(256)"),
        ("bytes", vec![int(5), s("utf-8")], vec![], "TypeError", "encoding without a string argument"),
        ("bytes", vec![f(1.5)], vec![], "TypeError", "cannot convert 'float' object to bytes"),
        ("bytes", vec![Value::None], vec![], "TypeError", "cannot convert 'NoneType' object to bytes"),
        ("bytes", vec![], vec![("encoding", s("ascii"))], "TypeError", "encoding without a string argument"),
        ("bytes", vec![], vec![("errors", s("strict"))], "TypeError", "errors without a string argument"),
        ("bytes", vec![big(70, 0)], vec![], "OverflowError", "cannot fit 'int' into an index-sized integer"),
        ("bool", vec![int(1), int(2)], vec![], "TypeError", "bool expected at most 1 argument, got 2"),
        ("bool", vec![], vec![("x", int(1))], "TypeError", "bool() takes no keyword arguments"),
        ("tuple", vec![int(5)], vec![], "TypeError", "'int' object is not iterable"),
        ("tuple", vec![int(1), int(2)], vec![], "TypeError", "tuple expected at most 1 argument, got 2"),
        ("list", vec![], vec![("x", int(1))], "TypeError", "list() takes no keyword arguments"),
        ("list", vec![f(1.0)], vec![], "TypeError", "'float' object is not iterable"),
        ("dict", vec![list(vec![int(1)])], vec![], "TypeError", "cannot convert dictionary update sequence element #0 to a sequence"),
        ("dict", vec![list(vec![tup(vec![int(1), int(2), int(3)])])], vec![], "ValueError", "dictionary update sequence element #0 has length 3; 2 is required"),
        ("dict", vec![int(1), int(2)], vec![], "TypeError", "dict expected at most 1 argument, got 2"),
        ("dict", vec![int(5)], vec![], "TypeError", "'int' object is not iterable"),
        ("dict", vec![list(vec![tup(vec![list(vec![]), int(1)])])], vec![], "TypeError", "unhashable type: 'list'"),
        ("type", vec![], vec![], "TypeError", "type() takes 1 or 3 arguments"),
        ("type", vec![int(1), int(2)], vec![], "TypeError", "type() takes 1 or 3 arguments"),
        ("object", vec![int(1)], vec![], "TypeError", "object() takes no arguments"),
        ("range", vec![], vec![], "TypeError", "range expected at least 1 argument, got 0"),
        ("range", vec![int(1), int(2), int(3), int(4)], vec![], "TypeError", "range expected at most 3 arguments, got 4"),
        ("range", vec![f(1.5)], vec![], "TypeError", "'float' object cannot be interpreted as an integer"),
        ("range", vec![int(1), int(5), int(0)], vec![], "ValueError", "range() arg 3 must not be zero"),
        ("range", vec![], vec![("x", int(1))], "TypeError", "range() takes no keyword arguments"),
        ("slice", vec![], vec![], "TypeError", "slice expected at least 1 argument, got 0"),
        ("slice", vec![int(1), int(2), int(3), int(4)], vec![], "TypeError", "slice expected at most 3 arguments, got 4"),
        ("ValueError", vec![], vec![("x", int(1))], "TypeError", "ValueError() takes no keyword arguments"),
    ]
}

fn builtin_types_as_callables(run: Run) {
    let mut c = setup(run);
    for (ty, args, kwargs, want) in constructor_table() {
        let f = if ty == "NotImplemented" {
            let ni = c.t.builtin("NotImplemented");
            let ty_t = c.t.builtin("type");
            let cb = c.t.rt.dup(&c.cb).unwrap();
            c.t.call(&cb, "call", &[&ty_t, &ni], &[]).unwrap()
        } else {
            c.t.builtin(ty)
        };
        let got = c.call(&f, &args, &kwargs);
        assert_eq!(got, Ok(want), "{ty}({args:?}, {kwargs:?})");
    }
    for (ty, args, kwargs, err, msg) in constructor_errors() {
        let f = c.t.builtin(ty);
        let e = c.call(&f, &args, &kwargs).unwrap_err();
        assert_eq!(shown(&e), (err, msg), "{ty}({args:?}, {kwargs:?})");
    }
    // object() makes a plain object; None's type gives None.
    let object = c.t.builtin("object");
    let o = c.call(&object, &[], &[]).unwrap();
    assert!(
        matches!(&o, Value::Other { type_name, repr } if type_name == "object" && repr.starts_with("<object object at 0x")),
        "{o:?}"
    );
    let five = c.t.obj(int(5));
    let e = c.t.err(&c.cb, "call", &[&five]);
    assert_eq!(shown(&e), ("TypeError", "'int' object is not callable"));
    assert!(c.t.rt.verify_heap().is_empty());
}

fn call_forms(run: Run) {
    let mut c = setup(run);
    let t = &mut c.t;
    let split = t.attr(&c.b, "split_call");
    let none = t.obj(Value::None);
    let args = t.obj(tup(vec![int(1), int(2)]));
    let kw = t.obj(dict(vec![(s("k"), s("v"))]));
    assert_eq!(
        t.val(&c.cb, "call_tuple_dict", &[&split, &args, &kw]),
        tup(vec![
            list(vec![int(1), int(2)]),
            dict(vec![(s("k"), s("v"))])
        ])
    );
    assert_eq!(
        t.val(&c.cb, "call_tuple_dict", &[&split, &none, &none]),
        tup(vec![list(vec![]), dict(vec![])])
    );
    let kw_a = t.obj(dict(vec![(s("a"), int(1))]));
    assert_eq!(
        t.val(&c.cb, "call_tuple_dict", &[&split, &none, &kw_a]),
        tup(vec![list(vec![]), dict(vec![(s("a"), int(1))])])
    );
    let dict_t = t.builtin("dict");
    assert_eq!(
        t.val(&c.cb, "call_tuple_dict", &[&dict_t, &none, &kw_a]),
        dict(vec![(s("a"), int(1))])
    );
    let int_t = t.builtin("int");
    let (eleven, base2) = (
        t.obj(tup(vec![s("11")])),
        t.obj(dict(vec![(s("base"), int(2))])),
    );
    assert_eq!(
        t.val(&c.cb, "call_tuple_dict", &[&int_t, &eleven, &base2]),
        int(3)
    );
    let (l1, empty) = (t.obj(list(vec![int(1)])), t.obj(tup(vec![])));
    let e = t.err(&c.cb, "call_tuple_dict", &[&split, &l1, &none]);
    assert_eq!(
        shown(&e),
        (
            "TypeError",
            "HPy_CallTupleDict requires args to be a tuple or null handle"
        )
    );
    let e = t.err(&c.cb, "call_tuple_dict", &[&split, &empty, &l1]);
    assert_eq!(
        shown(&e),
        (
            "TypeError",
            "HPy_CallTupleDict requires kw to be a dict or null handle"
        )
    );
    let int_key = t.obj(dict(vec![(int(1), int(2))]));
    let e = t.err(&c.cb, "call_tuple_dict", &[&split, &empty, &int_key]);
    assert_eq!(shown(&e), ("TypeError", "keywords must be strings"));

    // HPy_CallMethod: the receiver first.
    let (name, one, two) = (t.obj(s("split_call")), t.obj(int(1)), t.obj(int(2)));
    let r = t
        .call(&c.cb, "call_method", &[&c.b, &name, &one], &[("k", &two)])
        .unwrap();
    assert_eq!(
        t.value(&r),
        tup(vec![list(vec![int(1)]), dict(vec![(s("k"), int(2))])])
    );
    let small = t.obj(s("get_small_int"));
    assert_eq!(t.val(&c.cb, "call_method", &[&c.b, &small]), int(42));
    let nope = t.obj(s("nope"));
    let e = t.err(&c.cb, "call_method", &[&c.b, &nope]);
    assert_eq!(
        shown(&e),
        ("AttributeError", "module 'basics' has no attribute 'nope'")
    );
    let five = t.obj(int(5));
    let e = t.err(&c.cb, "call_method", &[&c.b, &five]);
    assert_eq!(
        shown(&e),
        ("TypeError", "attribute name must be string, not 'int'")
    );

    // The kwnames tuple built in C.
    assert_eq!(
        t.val(&c.cb, "call_with_keywords", &[&split]),
        tup(vec![
            list(vec![int(1), s("two")]),
            dict(vec![(s("x"), f(3.5)), (s("y"), list(vec![int(4)]))])
        ])
    );
    let e = t.err(&c.cb, "call_with_keywords", &[&dict_t]);
    assert_eq!(
        shown(&e),
        ("TypeError", "dict expected at most 1 argument, got 2")
    );
    let three = t.obj(int(3));
    assert_eq!(
        t.val(&c.cb, "map_calls", &[&split, &three]),
        list(
            (0..3)
                .map(|i| tup(vec![
                    list(vec![int(i)]),
                    dict(vec![(s("square"), int(i * i))])
                ]))
                .collect()
        )
    );
    let e = t.err(&c.cb, "map_calls", &[&dict_t, &two]);
    assert_eq!(shown(&e), ("TypeError", "'int' object is not iterable"));
    // Many calls with keywords: every argument moves at every call in torture mode.
    let n = t.obj(int(200));
    let Value::List(items) = t.val(&c.cb, "map_calls", &[&split, &n]) else {
        panic!()
    };
    assert_eq!(items.len(), 200);
    assert_eq!(
        items[199],
        tup(vec![
            list(vec![int(199)]),
            dict(vec![(s("square"), int(199 * 199))])
        ])
    );
    assert!(t.rt.verify_heap().is_empty());
}

fn callable_and_import(run: Run) {
    let mut c = setup(run);
    let t = &mut c.t;
    let objs: Vec<(Obj, bool)> = vec![
        (t.attr(&c.b, "split_call"), true),
        (t.builtin("int"), true),
        (t.builtin("ValueError"), true),
        (t.attr(&c.cb, "call"), true),
        (t.obj(int(5)), false),
        (t.obj(s("s")), false),
        (t.obj(Value::None), false),
        (t.rt.dup(&c.b).unwrap(), false),
        (t.obj(list(vec![])), false),
    ];
    for (i, (o, want)) in objs.iter().enumerate() {
        assert_eq!(
            t.val(&c.cb, "is_callable", &[o]),
            Value::Bool(*want),
            "case {i}"
        );
    }
    let name = t.obj(s("builtins"));
    let m = t.ok(&c.cb, "import_module", &[&name]);
    let builtins = t.import("builtins");
    assert!(t.rt.is(&m, &builtins).unwrap());
    let name = t.obj(s("basics"));
    let m = t.ok(&c.cb, "import_module", &[&name]);
    assert!(t.rt.is(&m, &c.b).unwrap());
    // Not imported yet: found on the path and loaded.
    let name = t.obj(s("capsules"));
    let m = t.ok(&c.cb, "import_module", &[&name]);
    let again = t.import("capsules");
    assert!(t.rt.is(&m, &again).unwrap());
    let name = t.obj(s("no_such_module_xyz"));
    let e = t.err(&c.cb, "import_module", &[&name]);
    assert_eq!(
        shown(&e),
        (
            "ModuleNotFoundError",
            "No module named 'no_such_module_xyz'"
        )
    );
    let ten = t.obj(int(10));
    assert_eq!(t.val(&c.cb, "leave_and_reenter", &[&ten]), int(45));
    let five = t.obj(int(5));
    assert_eq!(t.val(&c.cb, "leave_and_reenter", &[&five]), int(10));
}

// ~~~ the generic object functions, called as an extension calls them ~~~

fn ctx(rt: &mut Runtime) -> &'static HPyContext {
    // SAFETY: the context lives as long as the runtime, which outlives every use below.
    unsafe { &*rt.context() }
}

fn h(o: &Obj) -> HPy {
    HPy {
        _i: Runtime::handle_value(o),
    }
}

/// `(a, b, [a < b, a <= b, a == b, a != b, a > b, a >= b])`, from CPython 3.11.
#[allow(clippy::type_complexity)]
fn comparisons() -> Vec<(Value, Value, [Result<bool, &'static str>; 6])> {
    vec![
        (
            int(1),
            f(1.0),
            [
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(false),
                Ok(true),
            ],
        ),
        (
            big(53, 1),
            f(9007199254740992.0),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            Value::Bool(true),
            int(1),
            [
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(false),
                Ok(true),
            ],
        ),
        (
            Value::Bool(false),
            f(0.5),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            int(1),
            f(f64::NAN),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            f(f64::NAN),
            f(f64::NAN),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            big(100, 0),
            big(100, 1),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            f(f64::INFINITY),
            big(1000, 0),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            f(-0.0),
            int(0),
            [
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(false),
                Ok(true),
            ],
        ),
        (
            f(1.5),
            int(1),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            big(200, 1),
            f(1.6069380442589903e60),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            s("a"),
            s("b"),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            s("é"),
            s("z"),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            s("ab"),
            s("a"),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            by(b"a"),
            by(b"ab"),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            by(b"\xff"),
            by(b"a"),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            tup(vec![int(1), int(2)]),
            tup(vec![int(1), int(3)]),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            tup(vec![int(1), int(2)]),
            tup(vec![int(1), int(2), int(0)]),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            tup(vec![]),
            tup(vec![]),
            [
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(false),
                Ok(true),
            ],
        ),
        (
            list(vec![int(1), s("x")]),
            list(vec![int(1), s("y")]),
            [
                Ok(true),
                Ok(true),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            list(vec![int(1), int(2)]),
            list(vec![int(1), s("x")]),
            [
                Err("'<' not supported between instances of 'int' and 'str'"),
                Err("'<=' not supported between instances of 'int' and 'str'"),
                Ok(false),
                Ok(true),
                Err("'>' not supported between instances of 'int' and 'str'"),
                Err("'>=' not supported between instances of 'int' and 'str'"),
            ],
        ),
        (
            list(vec![int(1)]),
            tup(vec![int(1)]),
            [
                Err("'<' not supported between instances of 'list' and 'tuple'"),
                Err("'<=' not supported between instances of 'list' and 'tuple'"),
                Ok(false),
                Ok(true),
                Err("'>' not supported between instances of 'list' and 'tuple'"),
                Err("'>=' not supported between instances of 'list' and 'tuple'"),
            ],
        ),
        (
            tup(vec![int(1), f(f64::NAN)]),
            tup(vec![int(1), f(f64::NAN)]),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(false),
                Ok(false),
            ],
        ),
        (
            list(vec![list(vec![int(1)]), int(5)]),
            list(vec![list(vec![f(1.0)]), int(4)]),
            [
                Ok(false),
                Ok(false),
                Ok(false),
                Ok(true),
                Ok(true),
                Ok(true),
            ],
        ),
        (
            Value::None,
            Value::None,
            [
                Err("'<' not supported between instances of 'NoneType' and 'NoneType'"),
                Err("'<=' not supported between instances of 'NoneType' and 'NoneType'"),
                Ok(true),
                Ok(false),
                Err("'>' not supported between instances of 'NoneType' and 'NoneType'"),
                Err("'>=' not supported between instances of 'NoneType' and 'NoneType'"),
            ],
        ),
        (
            dict(vec![(s("a"), int(1))]),
            dict(vec![(s("a"), f(1.0))]),
            [
                Err("'<' not supported between instances of 'dict' and 'dict'"),
                Err("'<=' not supported between instances of 'dict' and 'dict'"),
                Ok(true),
                Ok(false),
                Err("'>' not supported between instances of 'dict' and 'dict'"),
                Err("'>=' not supported between instances of 'dict' and 'dict'"),
            ],
        ),
        (
            int(1),
            s("a"),
            [
                Err("'<' not supported between instances of 'int' and 'str'"),
                Err("'<=' not supported between instances of 'int' and 'str'"),
                Ok(false),
                Ok(true),
                Err("'>' not supported between instances of 'int' and 'str'"),
                Err("'>=' not supported between instances of 'int' and 'str'"),
            ],
        ),
        (
            s("1"),
            by(b"1"),
            [
                Err("'<' not supported between instances of 'str' and 'bytes'"),
                Err("'<=' not supported between instances of 'str' and 'bytes'"),
                Ok(false),
                Ok(true),
                Err("'>' not supported between instances of 'str' and 'bytes'"),
                Err("'>=' not supported between instances of 'str' and 'bytes'"),
            ],
        ),
    ]
}

fn rich_compare(run: Run) {
    let mut t = T::new(run);
    let c = ctx(&mut t.rt);
    let p = t.rt.context();
    for (i, (a, b, want)) in comparisons().into_iter().enumerate() {
        let (oa, ob) = (t.obj(a.clone()), t.obj(b.clone()));
        for op in 0..6 {
            // SAFETY: calling the context as an extension does, with open handles.
            let r = unsafe { (c.ctx_RichCompareBool)(p, h(&oa), h(&ob), op) };
            let got = match r {
                -1 => Err(t.rt.take_pending_error().expect("an error")),
                v => Ok(v == 1),
            };
            match (&got, want[op as usize]) {
                (Ok(g), Ok(w)) => assert_eq!(*g, w, "case {i} op {op}: {a:?} {b:?}"),
                (Err(e), Err(msg)) => {
                    assert_eq!(shown(e), ("TypeError", msg), "case {i} op {op}")
                }
                _ => panic!(
                    "case {i} op {op}: {a:?} {b:?}: got {got:?}, want {:?}",
                    want[op as usize]
                ),
            }
            // SAFETY: as above.
            let r = unsafe { (c.ctx_RichCompare)(p, h(&oa), h(&ob), op) };
            match want[op as usize] {
                Ok(w) => {
                    let o = t.rt.obj_from_handle(r);
                    assert_eq!(t.value(&o), Value::Bool(w), "case {i} op {op}");
                }
                Err(_) => {
                    assert_eq!(r._i, 0);
                    assert!(t.rt.take_pending_error().is_some());
                }
            }
        }
    }
    // A bad operator.
    let one = t.obj(int(1));
    // SAFETY: as above.
    let r = unsafe { (c.ctx_RichCompareBool)(p, h(&one), h(&one), 9) };
    assert_eq!(r, -1);
    assert_eq!(t.rt.take_pending_error().unwrap().type_name, "SystemError");
}

fn hash_truth_identity(run: Run) {
    let mut t = T::new(run);
    let c = ctx(&mut t.rt);
    let p = t.rt.context();
    let hashes: Vec<(Value, i64)> = vec![
        (int(1), 1),
        (int(-1), -2),
        (big(64, 0), 8),
        (Value::Int(-(BigInt::from(1u8) << 64u32)), -8),
        (big(61, -1), 0),
        (f(1.5), 1152921504606846977),
        (f(1.0), 1),
        (f(1e100), 1822893315824342674),
        (f(0.1), 230584300921369408),
        (Value::Bool(true), 1),
        (tup(vec![int(1), int(2)]), -3550055125485641917),
        (tup(vec![]), 5740354900026072187),
        (
            tup(vec![int(1), tup(vec![int(2), f(3.5)])]),
            -9148893311433065316,
        ),
    ];
    for (v, want) in hashes {
        let o = t.obj(v.clone());
        // SAFETY: calling the context as an extension does.
        let got = unsafe { (c.ctx_Hash)(p, h(&o)) };
        assert_eq!(got, want as isize, "hash({v:?})");
    }
    for (v, ty) in [
        (list(vec![]), "list"),
        (dict(vec![]), "dict"),
        (tup(vec![int(1), list(vec![])]), "list"),
    ] {
        let o = t.obj(v);
        // SAFETY: as above.
        assert_eq!(unsafe { (c.ctx_Hash)(p, h(&o)) }, -1);
        let e = t.rt.take_pending_error().unwrap();
        assert_eq!(
            shown(&e),
            ("TypeError", format!("unhashable type: '{ty}'").as_str())
        );
    }
    // A hash never depends on the address: the same before and after the object moves.
    let o = t.obj(s("moving"));
    // SAFETY: as above.
    let before = unsafe { (c.ctx_Hash)(p, h(&o)) };
    let addr = t.rt.address(&o).unwrap();
    t.rt.collect();
    assert_ne!(t.rt.address(&o).unwrap(), addr, "the object moved");
    // SAFETY: as above.
    assert_eq!(unsafe { (c.ctx_Hash)(p, h(&o)) }, before);

    for (v, want) in [
        (Value::None, 0),
        (int(0), 0),
        (big(80, 0), 1),
        (f(0.0), 0),
        (f(-0.5), 1),
        (s(""), 0),
        (s("x"), 1),
        (by(b""), 0),
        (tup(vec![]), 0),
        (list(vec![int(0)]), 1),
        (dict(vec![]), 0),
        (Value::Bool(false), 0),
    ] {
        let o = t.obj(v.clone());
        // SAFETY: as above.
        assert_eq!(unsafe { (c.ctx_IsTrue)(p, h(&o)) }, want, "bool({v:?})");
    }
    let range = t.builtin("range");
    let (zero, three) = (t.obj(int(0)), t.obj(int(3)));
    let cb = t.import("callbacks");
    let r0 = t.call(&cb, "call", &[&range, &zero], &[]).unwrap();
    let r3 = t.call(&cb, "call", &[&range, &three], &[]).unwrap();
    // SAFETY: as above.
    unsafe {
        assert_eq!((c.ctx_IsTrue)(p, h(&r0)), 0);
        assert_eq!((c.ctx_IsTrue)(p, h(&r3)), 1);
    }

    // HPy_Is, HPy_Type, HPy_TypeCheck.
    let a = t.obj(list(vec![]));
    let a2 = t.rt.dup(&a).unwrap();
    let b = t.obj(list(vec![]));
    let (int_t, bool_t, object_t, exc_t, lookup_t, key_t) = (
        t.builtin("int"),
        t.builtin("bool"),
        t.builtin("object"),
        t.builtin("Exception"),
        t.builtin("LookupError"),
        t.builtin("KeyError"),
    );
    let tr = t.obj(Value::Bool(true));
    let k = t.obj(s("k"));
    let key_err = t.call(&cb, "call", &[&key_t, &k], &[]).unwrap();
    // SAFETY: as above.
    unsafe {
        assert_eq!((c.ctx_Is)(p, h(&a), h(&a2)), 1);
        assert_eq!((c.ctx_Is)(p, h(&a), h(&b)), 0);
        assert_eq!((c.ctx_Is)(p, c.h_None, c.h_None), 1);
        let ty = t.rt.obj_from_handle((c.ctx_Type)(p, h(&tr)));
        assert!(t.rt.is(&ty, &bool_t).unwrap());
        let ty = t.rt.obj_from_handle((c.ctx_Type)(p, h(&key_err)));
        assert!(t.rt.is(&ty, &key_t).unwrap());
        let checks = [
            (&tr, &bool_t, 1),
            (&tr, &int_t, 1),
            (&tr, &object_t, 1),
            (&a, &int_t, 0),
            (&key_err, &lookup_t, 1),
            (&key_err, &exc_t, 1),
            (&key_err, &int_t, 0),
        ];
        for (i, (o, ty, want)) in checks.into_iter().enumerate() {
            assert_eq!((c.ctx_TypeCheck)(p, h(o), h(ty)), want, "case {i}");
        }
    }
    assert!(t.rt.verify_heap().is_empty());
}

// ~~~ child processes: stderr, fatal errors ~~~

fn dump_child(run: Run) {
    let mut c = setup(run);
    let t = &mut c.t;
    for v in [int(42), list(vec![int(1), s("x")]), Value::None] {
        let o = t.obj(v);
        eprintln!("--");
        assert_eq!(t.val(&c.cb, "dump", &[&o]), Value::None);
    }
    let range = t.builtin("range");
    eprintln!("--");
    assert_eq!(t.val(&c.cb, "dump", &[&range]), Value::None);
    eprintln!("--");
}

fn dump(run: Run) {
    if child_scenario().as_deref() == Some("dump") {
        return dump_child(run);
    }
    let out = run_child(run, "dump_describes_any_object", "dump");
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    let blocks: Vec<&str> = err.split("--\n").collect();
    assert_eq!(blocks.len(), 6, "{err}");
    let want = [
        ("int", "42"),
        ("list", "[1, 'x']"),
        ("NoneType", "None"),
        ("type", "<class 'range'>"),
    ];
    for (block, (ty, repr)) in blocks[1..5].iter().zip(want) {
        let lines: Vec<&str> = block.lines().collect();
        assert_eq!(lines.len(), 5, "{block}");
        assert!(lines[0].starts_with("object address  : 0x"), "{block}");
        assert!(lines[1].starts_with("object handle   : 0x"), "{block}");
        assert!(lines[2].starts_with("object type     : 0x"), "{block}");
        assert_eq!(lines[3], format!("object type name: {ty}"));
        assert_eq!(lines[4], format!("object repr     : {repr}"));
    }
}

fn fatal_child(run: Run, scenario: &str) {
    let mut c = setup(run);
    let t = &mut c.t;
    match scenario {
        "fatal" => {
            let msg = t.obj(s("the sky is falling"));
            let _ = t.call(&c.cb, "fatal", &[&msg], &[]);
        }
        how => {
            let how = t.obj(s(how));
            let _ = t.call(&c.cb, "misuse_thread_state", &[&how], &[]);
        }
    }
    eprintln!("still running after {scenario}");
}

fn fatal(run: Run) {
    let test = "fatal_errors_print_and_abort";
    if let Some(scenario) = child_scenario() {
        return fatal_child(run, &scenario);
    }
    // CPython's first line ("Fatal Python error: " and the message, which HPy's own test
    // checks), then hpymove's details, one "hpymove: " line each.
    let cases = [
        (
            "fatal",
            "Fatal Python error: HPy_FatalError: the sky is falling",
        ),
        (
            "leave twice",
            "Fatal Python error: HPy_LeavePythonExecution called while Python execution was already left (call HPy_ReenterPythonExecution with the token first)",
        ),
        (
            "reenter only",
            "Fatal Python error: HPy_ReenterPythonExecution(0x0) called without HPy_LeavePythonExecution",
        ),
    ];
    for (scenario, want) in cases {
        let out = run_child(run, test, scenario);
        assert_eq!(signal_of(&out), Some(6), "{scenario}: {out:?}");
        let err = stderr_of(&out);
        let mut lines = err.lines();
        assert_eq!(lines.next(), Some(want), "{scenario}: {err}");
        assert!(
            lines.all(|l| l.starts_with("hpymove: ")),
            "{scenario}: {err}"
        );
        assert!(
            err.contains("hpymove: collections so far: "),
            "{scenario}: {err}"
        );
    }
    let out = run_child(run, test, "wrong token");
    assert_eq!(signal_of(&out), Some(6));
    let err = stderr_of(&out);
    assert!(
        err.starts_with("Fatal Python error: HPy_ReenterPythonExecution(0x")
            && err.contains("): not the token HPy_LeavePythonExecution returned (0x"),
        "{err}"
    );
}

both_modes! {
    hpy_call_forwards_positional_and_keyword_arguments => calls_with_keywords;
    builtin_types_are_callable_as_in_cpython => builtin_types_as_callables;
    call_tuple_dict_call_method_and_kwnames_built_in_c => call_forms;
    callable_check_import_and_leaving_python => callable_and_import;
    rich_compare_orders_builtin_types_as_cpython => rich_compare;
    hash_truth_identity_and_type_checks => hash_truth_identity;
    dump_describes_any_object => dump;
    fatal_errors_print_and_abort => fatal;
}
