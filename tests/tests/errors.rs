//! The `HPyErr_*` family through the `exceptions` sample extension, in both GC modes: the
//! checks of `ext-samples/check_cpython.py` (`EXCEPTIONS_CHECKS`), whose expected values
//! and messages come from CPython 3.11 with `hpy.universal`.
//!
//! Warnings and unraisable exceptions are printed on stderr: those checks run the scenario
//! in a child process (this test binary, re-run on one test) and compare what it printed.

use hpymove_runtime::{PyErr, Value};
use hpymove_tests::harness::{child_scenario, int, run_child, s, shown, stderr_of, T};
use hpymove_tests::{both_modes, Run};

/// `os.strerror(errno)`
fn strerror(errno: i32) -> String {
    let full = std::io::Error::from_raw_os_error(errno).to_string();
    match full.rfind(" (os error") {
        Some(i) => full[..i].to_string(),
        None => full,
    }
}

fn setup(run: Run) -> (T, hpymove_runtime::Obj) {
    let mut t = T::new(run);
    let m = t.import("exceptions");
    (t, m)
}

fn check(e: &PyErr, ty: &str, msg: &str, repr: &str) {
    assert_eq!(shown(e), (ty, msg), "{e:?}");
    assert_eq!(e.repr, repr, "{e:?}");
}

fn raising(run: Run) {
    let (mut t, m) = setup(run);
    let (value_error, key_error, int_t) = (
        t.builtin("ValueError"),
        t.builtin("KeyError"),
        t.builtin("int"),
    );
    let boom = t.obj(s("boom"));
    let e = t.err(&m, "raise_string", &[&value_error, &boom]);
    check(&e, "ValueError", "boom", "ValueError('boom')");
    assert!(e.is("Exception") && e.is("BaseException"));
    let k = t.obj(s("k"));
    let e = t.err(&m, "raise_string", &[&key_error, &k]);
    check(&e, "KeyError", "'k'", "KeyError('k')");
    let e = t.err(&m, "raise_string", &[&int_t, &k]);
    assert_eq!(
        shown(&e),
        (
            "SystemError",
            "_PyErr_SetObject: exception <class 'int'> is not a BaseException subclass"
        )
    );

    let pair = t.obj(Value::Tuple(vec![int(1), int(2)]));
    let e = t.err(&m, "raise_object", &[&value_error, &pair]);
    check(&e, "ValueError", "(1, 2)", "ValueError(1, 2)");
    let none = t.obj(Value::None);
    let e = t.err(&m, "raise_object", &[&value_error, &none]);
    check(&e, "ValueError", "", "ValueError()");
    let type_error = t.builtin("TypeError");
    let e = t.err(&m, "raise_none_value", &[&type_error]);
    check(&e, "TypeError", "", "TypeError()");
    let runtime_error = t.builtin("RuntimeError");
    let r = t.obj(s("r"));
    let e = t.err(&m, "raise_object", &[&runtime_error, &r]);
    check(&e, "RuntimeError", "r", "RuntimeError('r')");

    let os_error = t.builtin("OSError");
    let args = t.obj(Value::Tuple(vec![
        int(2),
        s("No such file or directory"),
        s("f"),
    ]));
    let e = t.err(&m, "raise_object", &[&os_error, &args]);
    check(
        &e,
        "FileNotFoundError",
        "[Errno 2] No such file or directory: 'f'",
        "FileNotFoundError(2, 'No such file or directory')",
    );
    assert!(e.is("OSError"));

    // An instance of the type (or a subclass) is raised as is; another is the argument.
    let lookup_error = t.builtin("LookupError");
    let callbacks = t.import("callbacks");
    let kinst = t.call(&callbacks, "call", &[&key_error, &k], &[]).unwrap();
    let e = t.err(&m, "raise_object", &[&lookup_error, &kinst]);
    check(&e, "KeyError", "'k'", "KeyError('k')");
    let e = t.err(&m, "raise_object", &[&value_error, &kinst]);
    check(&e, "ValueError", "'k'", "ValueError(KeyError('k'))");

    let e = t.err(&m, "no_memory", &[]);
    check(&e, "MemoryError", "", "MemoryError()");
    let v = t.val(&m, "occurred_and_clear", &[&value_error]);
    assert_eq!(v, Value::Tuple(vec![int(0), int(1), int(0)]));
    assert!(t.rt.take_pending_error().is_none());
}

fn matching(run: Run) {
    let (mut t, m) = setup(run);
    let names = [
        "KeyError",
        "LookupError",
        "ValueError",
        "TypeError",
        "BaseException",
        "StopIteration",
        "Exception",
        "SystemExit",
        "MemoryError",
    ];
    let b: Vec<_> = names.iter().map(|n| t.builtin(n)).collect();
    let by = |n: &str| names.iter().position(|x| *x == n).unwrap();
    let custom = t.attr(&m, "CustomError");
    let x = t.obj(s("x"));
    let callbacks = t.import("callbacks");
    let key_inst = t
        .call(&callbacks, "call", &[&b[by("KeyError")], &x], &[])
        .unwrap();
    // Tuples, built from objects: (ValueError, (TypeError, LookupError)), (), (CustomError,).
    let tuple_of = |t: &mut T, items: &[&hpymove_runtime::Obj]| {
        let mt = t.import("basics");
        t.ok(&mt, "make_tuple", items)
    };
    let inner = tuple_of(&mut t, &[&b[by("TypeError")], &b[by("LookupError")]]);
    let nested = tuple_of(&mut t, &[&b[by("ValueError")], &inner]);
    let empty = tuple_of(&mut t, &[]);
    let custom_tuple = tuple_of(&mut t, &[&custom]);
    let cases: Vec<(&hpymove_runtime::Obj, &hpymove_runtime::Obj, bool)> = vec![
        (&b[by("KeyError")], &b[by("LookupError")], true),
        (&b[by("KeyError")], &b[by("KeyError")], true),
        (&b[by("KeyError")], &b[by("ValueError")], false),
        (&b[by("KeyError")], &nested, true),
        (&b[by("KeyError")], &empty, false),
        (&b[by("KeyError")], &key_inst, false),
        (&b[by("KeyError")], &b[by("BaseException")], true),
        (&custom, &b[by("ValueError")], true),
        (&b[by("ValueError")], &custom, false),
        (&custom, &custom_tuple, true),
        (&b[by("StopIteration")], &b[by("Exception")], true),
        (&b[by("SystemExit")], &b[by("Exception")], false),
    ];
    for (i, (raised, given, want)) in cases.into_iter().enumerate() {
        let got = t.val(&m, "matches", &[raised, given]);
        assert_eq!(got, Value::Bool(want), "case {i}");
    }
    let no_memory = t.attr(&m, "no_memory");
    let v = t.val(&m, "swallow", &[&no_memory, &b[by("MemoryError")]]);
    assert_eq!(v, s("swallowed"));
    let pair = tuple_of(&mut t, &[&b[by("KeyError")], &b[by("MemoryError")]]);
    assert_eq!(t.val(&m, "swallow", &[&no_memory, &pair]), s("swallowed"));
    let e = t.err(&m, "swallow", &[&no_memory, &b[by("ValueError")]]);
    assert_eq!(e.type_name, "MemoryError");
    // A type as the callable: dict() returns {}.
    let dict_t = t.builtin("dict");
    assert_eq!(
        t.val(&m, "swallow", &[&dict_t, &b[by("KeyError")]]),
        Value::Dict(vec![])
    );
}

/// CPython's errno → OSError subclass table on Linux (and two that stay OSError).
const ERRNO_CLASSES: &[(i32, &str)] = &[
    (1, "PermissionError"),
    (2, "FileNotFoundError"),
    (3, "ProcessLookupError"),
    (4, "InterruptedError"),
    (10, "ChildProcessError"),
    (11, "BlockingIOError"),
    (13, "PermissionError"),
    (17, "FileExistsError"),
    (20, "NotADirectoryError"),
    (21, "IsADirectoryError"),
    (32, "BrokenPipeError"),
    (103, "ConnectionAbortedError"),
    (104, "ConnectionResetError"),
    (108, "BrokenPipeError"),
    (110, "TimeoutError"),
    (111, "ConnectionRefusedError"),
    (114, "BlockingIOError"),
    (115, "BlockingIOError"),
    (5, "OSError"),
    (0, "OSError"),
];

fn errno(run: Run) {
    let (mut t, m) = setup(run);
    let os_error = t.builtin("OSError");
    for (errno, class) in ERRNO_CLASSES {
        let n = t.obj(int(*errno as i64));
        let e = t.err(&m, "from_errno", &[&os_error, &n]);
        let msg = if *errno == 0 {
            "Error".to_string()
        } else {
            strerror(*errno)
        };
        check(
            &e,
            class,
            &format!("[Errno {errno}] {msg}"),
            &format!("{class}({errno}, '{msg}')"),
        );
    }
    let enoent = strerror(2);
    let two = t.obj(int(2));
    let value_error = t.builtin("ValueError");
    let e = t.err(&m, "from_errno", &[&value_error, &two]);
    check(
        &e,
        "ValueError",
        &format!("(2, '{enoent}')"),
        &format!("ValueError(2, '{enoent}')"),
    );
    let exists = t.builtin("FileExistsError");
    let e = t.err(&m, "from_errno", &[&exists, &two]);
    check(
        &e,
        "FileExistsError",
        &format!("[Errno 2] {enoent}"),
        &format!("FileExistsError(2, '{enoent}')"),
    );
    let name = t.obj(s("dir/fïle.txt"));
    let e = t.err(&m, "from_errno_filename", &[&os_error, &two, &name]);
    check(
        &e,
        "FileNotFoundError",
        &format!("[Errno 2] {enoent}: 'dir/fïle.txt'"),
        &format!("FileNotFoundError(2, '{enoent}')"),
    );
    let (thirteen, none) = (t.obj(int(13)), t.obj(Value::None));
    let e = t.err(&m, "from_errno_filename", &[&os_error, &thirteen, &none]);
    assert_eq!(
        shown(&e),
        (
            "PermissionError",
            format!("[Errno 13] {}", strerror(13)).as_str()
        )
    );
    let eexist = strerror(17);
    let (seventeen, a, b) = (t.obj(int(17)), t.obj(s("a")), t.obj(s("b")));
    let e = t.err(&m, "from_errno_objects", &[&os_error, &seventeen, &a, &b]);
    check(
        &e,
        "FileExistsError",
        &format!("[Errno 17] {eexist}: 'a' -> 'b'"),
        &format!("FileExistsError(17, '{eexist}')"),
    );
    let e = t.err(
        &m,
        "from_errno_objects",
        &[&os_error, &seventeen, &none, &b],
    );
    assert_eq!(
        shown(&e),
        ("FileExistsError", format!("[Errno 17] {eexist}").as_str())
    );
    let n42 = t.obj(int(42));
    let e = t.err(&m, "from_errno_objects", &[&os_error, &two, &n42, &none]);
    assert_eq!(
        shown(&e),
        (
            "FileNotFoundError",
            format!("[Errno 2] {enoent}: 42").as_str()
        )
    );

    // The attributes, on an instance made by calling the class.
    let callbacks = t.import("callbacks");
    let (x, f) = (t.obj(s("x")), t.obj(s("f")));
    let inst = t
        .call(&callbacks, "call", &[&os_error, &two, &x, &f], &[])
        .unwrap();
    assert_eq!(t.repr(&inst), "FileNotFoundError(2, 'x')");
    let want = [
        ("errno", int(2)),
        ("strerror", s("x")),
        ("filename", s("f")),
        ("filename2", Value::None),
        ("args", Value::Tuple(vec![int(2), s("x")])),
    ];
    for (attr, v) in want {
        let a = t.attr(&inst, attr);
        assert_eq!(t.value(&a), v, "{attr}");
    }
    let plain = t.call(&callbacks, "call", &[&os_error], &[]).unwrap();
    let a = t.attr(&plain, "errno");
    assert_eq!(t.value(&a), Value::None);
}

fn new_exception(run: Run) {
    let (mut t, m) = setup(run);
    let none = t.obj(Value::None);
    let name = t.obj(s("mod.Err"));
    let err_t = t.ok(&m, "new_exception", &[&name, &none, &none]);
    assert_eq!(t.repr(&err_t), "<class 'mod.Err'>");
    for (attr, v) in [
        ("__name__", s("Err")),
        ("__module__", s("mod")),
        ("__doc__", Value::None),
    ] {
        let a = t.attr(&err_t, attr);
        assert_eq!(t.value(&a), v, "{attr}");
    }
    let callbacks = t.import("callbacks");
    let (one, two) = (t.obj(s("one")), t.obj(int(2)));
    let inst = t
        .call(&callbacks, "call", &[&err_t, &one, &two], &[])
        .unwrap();
    assert_eq!(t.repr(&inst), "Err('one', 2)");
    let exception = t.builtin("Exception");
    assert_eq!(
        t.val(&m, "matches", &[&err_t, &exception]),
        Value::Bool(true)
    );

    // Two bases: the MRO is C3's.
    let custom = t.attr(&m, "CustomError");
    let key_error = t.builtin("KeyError");
    let basics = t.import("basics");
    let bases = t.ok(&basics, "make_tuple", &[&key_error, &custom]);
    let deep_name = t.obj(s("a.b.Deep"));
    let deep = t.ok(&m, "new_exception", &[&deep_name, &bases, &none]);
    let module = t.attr(&deep, "__module__");
    assert_eq!(t.value(&module), s("a.b"));
    for (base, want) in [
        ("KeyError", true),
        ("LookupError", true),
        ("ValueError", true),
        ("TypeError", false),
    ] {
        let b = t.builtin(base);
        assert_eq!(
            t.val(&m, "matches", &[&deep, &b]),
            Value::Bool(want),
            "{base}"
        );
    }
    assert_eq!(t.val(&m, "matches", &[&deep, &custom]), Value::Bool(true));
    let k = t.obj(s("k"));
    let e = t.err(&m, "raise_object", &[&deep, &k]);
    check(&e, "Deep", "'k'", "Deep('k')");
    assert_eq!(
        e.mro,
        [
            "Deep",
            "KeyError",
            "LookupError",
            "CustomError",
            "ValueError",
            "Exception",
            "BaseException",
            "object"
        ]
    );

    let value_error = t.builtin("ValueError");
    let nodot = t.obj(s("NoDot"));
    let e = t.err(&m, "new_exception", &[&nodot, &value_error, &none]);
    assert_eq!(
        shown(&e),
        (
            "SystemError",
            "PyErr_NewException: name must be module.class"
        )
    );
    let ab = t.obj(s("a.B"));
    let dup = t.ok(&basics, "make_tuple", &[&value_error, &value_error]);
    let e = t.err(&m, "new_exception", &[&ab, &dup, &none]);
    assert_eq!(shown(&e), ("TypeError", "duplicate base class ValueError"));
    let lookup = t.builtin("LookupError");
    let bad = t.ok(&basics, "make_tuple", &[&lookup, &key_error]);
    let e = t.err(&m, "new_exception", &[&ab, &bad, &none]);
    assert_eq!(
        shown(&e),
        (
            "TypeError",
            "Cannot create a consistent method resolution\norder (MRO) for bases LookupError, KeyError"
        )
    );
    let five = t.obj(int(5));
    let e = t.err(&m, "new_exception", &[&ab, &five, &none]);
    assert_eq!(
        shown(&e),
        (
            "TypeError",
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases"
        )
    );

    // The dict is the namespace, and gets __module__ (CPython changes the caller's dict).
    let ns = t.obj(Value::Dict(vec![(s("x"), int(1))]));
    let mx = t.obj(s("m.X"));
    let x_t = t.ok(&m, "new_exception", &[&mx, &value_error, &ns]);
    let x = t.attr(&x_t, "x");
    assert_eq!(t.value(&x), int(1));
    assert_eq!(
        t.value(&ns),
        Value::Dict(vec![(s("x"), int(1)), (s("__module__"), s("m"))])
    );

    // A subclass of OSError has OSError's constructor.
    let os_error = t.builtin("OSError");
    let mo = t.obj(s("m.O"));
    let o_t = t.ok(&m, "new_exception", &[&mo, &os_error, &none]);
    let (xs, fs) = (t.obj(s("x")), t.obj(s("f")));
    let e = t
        .call(&callbacks, "call", &[&o_t, &two, &xs, &fs], &[])
        .unwrap();
    assert_eq!(t.repr(&e), "O(2, 'x')");
    let e = t.err(&m, "raise_object", &[&o_t, &e]);
    check(&e, "O", "[Errno 2] x: 'f'", "O(2, 'x')");

    let md = t.obj(s("m.D"));
    let doc = t.obj(s("the doc"));
    let d_t = t.ok(&m, "new_exception_doc", &[&md, &doc, &none, &none]);
    let d = t.attr(&d_t, "__doc__");
    assert_eq!(t.value(&d), s("the doc"));
    assert_eq!(t.val(&m, "matches", &[&d_t, &exception]), Value::Bool(true));
    let mn = t.obj(s("m.N"));
    let n_t = t.ok(&m, "new_exception_doc", &[&mn, &none, &none, &none]);
    let d = t.attr(&n_t, "__doc__");
    assert_eq!(t.value(&d), Value::None);

    // The module's own class, made in HPy_mod_exec and kept in an HPyGlobal.
    for (attr, v) in [
        ("__name__", s("CustomError")),
        ("__module__", s("exceptions")),
        ("__doc__", s("Raised by raise_custom().")),
        ("code", int(42)),
    ] {
        let a = t.attr(&custom, attr);
        assert_eq!(t.value(&a), v, "{attr}");
    }
    assert_eq!(t.repr(&custom), "<class 'exceptions.CustomError'>");
    let bad = t.obj(s("bad"));
    let e = t.err(&m, "raise_custom", &[&bad]);
    check(&e, "CustomError", "bad", "CustomError('bad')");
    assert!(e.is("ValueError"));
    let pair = t.obj(Value::Tuple(vec![int(1), int(2)]));
    let e = t.err(&m, "raise_custom", &[&pair]);
    check(&e, "CustomError", "(1, 2)", "CustomError(1, 2)");
    // The class outlives every collection: nothing holds it but the module and a global.
    t.rt.collect();
    let e = t.err(&m, "raise_custom", &[&bad]);
    assert_eq!(shown(&e), ("CustomError", "bad"));
    assert!(t.rt.verify_heap().is_empty());
}

/// A heap exception class dies like any object, and its Rust part is freed then.
fn dead_classes(run: Run) {
    let (mut t, m) = setup(run);
    let none = t.obj(Value::None);
    t.rt.collect();
    let before = t.rt.stats().externals_dropped;
    for i in 0..20 {
        let name = t.obj(s(&format!("tmp.E{i}")));
        let e_t = t.ok(&m, "new_exception", &[&name, &none, &none]);
        let msg = t.obj(s("gone"));
        let e = t.err(&m, "raise_object", &[&e_t, &msg]);
        assert_eq!(shown(&e), (format!("E{i}").as_str(), "gone"));
    }
    t.rt.collect();
    t.rt.collect();
    // Each class owns two external parts: its TypeData and its dict's entries.
    let dropped = t.rt.stats().externals_dropped - before;
    assert!(dropped >= 40, "{dropped} external parts freed");
    assert!(t.rt.verify_heap().is_empty());
}

// ~~~ what is printed on stderr (in a child process) ~~~

fn warnings_child(run: Run) {
    let (mut t, m) = setup(run);
    let level = t.obj(int(1000));
    let warn = |t: &mut T, cat: &hpymove_runtime::Obj, text: &str| {
        let msg = t.obj(s(text));
        eprintln!("--");
        t.call(&m, "warn", &[cat, &msg, &level], &[])
            .map(|r| t.value(&r))
    };
    let user = t.builtin("UserWarning");
    assert_eq!(warn(&mut t, &user, "careful"), Ok(int(0)));
    assert_eq!(warn(&mut t, &user, "careful"), Ok(int(0)));
    assert_eq!(warn(&mut t, &user, "carefül 2"), Ok(int(0)));
    for cat in [
        "DeprecationWarning",
        "PendingDeprecationWarning",
        "ImportWarning",
        "ResourceWarning",
    ] {
        let c = t.builtin(cat);
        assert_eq!(warn(&mut t, &c, "quiet"), Ok(int(0)));
    }
    let none = t.obj(Value::None);
    assert_eq!(warn(&mut t, &none, "no category"), Ok(int(0)));
    let name = t.obj(s("mymod.MyWarning"));
    let m2 = t.import("exceptions");
    let my = t.ok(&m2, "new_exception", &[&name, &user, &none]);
    assert_eq!(warn(&mut t, &my, "mine"), Ok(int(0)));
    let value_error = t.builtin("ValueError");
    assert_eq!(
        warn(&mut t, &value_error, "not a warning class"),
        Ok(int(0))
    );
    let five = t.obj(int(5));
    let e = warn(&mut t, &five, "x").unwrap_err();
    assert_eq!(shown(&e), ("TypeError", "'int' object is not callable"));
    eprintln!("--");
}

fn warnings(run: Run) {
    if child_scenario().as_deref() == Some("warnings") {
        return warnings_child(run);
    }
    let out = run_child(run, "warnings_are_printed_once_at_sys_1", "warnings");
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    let want = "--\nsys:1: UserWarning: careful\n--\n--\nsys:1: UserWarning: carefül 2\n\
                --\n--\n--\n--\n\
                --\nsys:1: RuntimeWarning: no category\n\
                --\nsys:1: MyWarning: mine\n\
                --\nsys:1: ValueError: not a warning class\n\
                --\n--\n";
    assert_eq!(err, want);
}

fn unraisable_child(run: Run) {
    let (mut t, m) = setup(run);
    let report = |t: &mut T, ty: &str, value: Value, obj: Value| {
        let ty = t.builtin(ty);
        let (v, o) = (t.obj(value), t.obj(obj));
        eprintln!("--");
        let r = t.val(&m, "write_unraisable", &[&ty, &v, &o]);
        assert_eq!(r, Value::Bool(false), "the exception is cleared");
    };
    report(&mut t, "ValueError", s("boom"), s("some object"));
    report(&mut t, "KeyError", s("k"), Value::None);
    report(&mut t, "RuntimeError", Value::Tuple(vec![]), Value::int(5));
    let custom = t.attr(&m, "CustomError");
    let (c, l) = (t.obj(s("c")), t.obj(Value::List(vec![int(1), int(2)])));
    eprintln!("--");
    let r = t.val(&m, "write_unraisable", &[&custom, &c, &l]);
    assert_eq!(r, Value::Bool(false));
    eprintln!("--");
}

fn unraisable(run: Run) {
    if child_scenario().as_deref() == Some("unraisable") {
        return unraisable_child(run);
    }
    let out = run_child(run, "write_unraisable_prints_cpythons_report", "unraisable");
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    let want = "--\nException ignored in: 'some object'\nValueError: boom\n\
                --\nKeyError: 'k'\n\
                --\nException ignored in: 5\nRuntimeError: \n\
                --\nException ignored in: [1, 2]\nexceptions.CustomError: c\n--\n";
    assert_eq!(err, want);
}

both_modes! {
    raising_sets_the_pending_exception_as_cpython => raising;
    exception_matches_tuples_and_subclasses => matching;
    errno_errors_pick_the_oserror_subclass => errno;
    new_exception_makes_heap_exception_classes => new_exception;
    dead_exception_classes_are_freed => dead_classes;
    warnings_are_printed_once_at_sys_1 => warnings;
    write_unraisable_prints_cpythons_report => unraisable;
}
