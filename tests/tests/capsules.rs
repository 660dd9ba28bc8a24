//! Capsules through the `capsules` sample extension, in both GC modes: the checks of
//! `ext-samples/check_cpython.py` (`CAPSULES_CHECKS`, values and messages from CPython 3.11
//! with `hpy.universal`), and the destructor contract: it runs exactly once, after the
//! collection that finds the capsule dead, never while the capsule is alive.

use hpymove_runtime::Value;
use hpymove_tests::harness::{int, s, shown, T};
use hpymove_tests::{both_modes, Run};

fn setup(run: Run) -> (T, hpymove_runtime::Obj) {
    let mut t = T::new(run);
    let m = t.import("capsules");
    (t, m)
}

fn access(run: Run) {
    let (mut t, m) = setup(run);
    let (five, name) = (t.obj(int(5)), t.obj(s("capsules.counted")));
    let c = t.ok(&m, "new", &[&five, &name]);
    assert_eq!(
        t.value(&c),
        Value::Other {
            type_name: "PyCapsule".into(),
            repr: t.repr(&c)
        }
    );
    let r = t.repr(&c);
    assert!(
        r.starts_with("<capsule object \"capsules.counted\" at 0x"),
        "{r}"
    );
    assert_eq!(t.val(&m, "get", &[&c, &name]), int(5));
    let (other, none, five_obj) = (t.obj(s("other")), t.obj(Value::None), t.obj(int(5)));
    let incorrect = (
        "ValueError",
        "PyCapsule_GetPointer called with incorrect name",
    );
    let e = t.err(&m, "get", &[&c, &other]);
    assert_eq!(shown(&e), incorrect);
    let e = t.err(&m, "get", &[&c, &none]);
    assert_eq!(shown(&e), incorrect);
    let x = t.obj(s("x"));
    let e = t.err(&m, "get", &[&five_obj, &x]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_GetPointer called with invalid PyCapsule object"
        )
    );
    assert_eq!(t.val(&m, "get_name", &[&c]), s("capsules.counted"));
    let valid = [
        (&c, &name, true),
        (&c, &x, false),
        (&c, &none, false),
        (&five_obj, &x, false),
        (&none, &none, false),
    ];
    for (i, (cap, n, want)) in valid.into_iter().enumerate() {
        assert_eq!(
            t.val(&m, "is_valid", &[cap, n]),
            Value::Bool(want),
            "case {i}"
        );
    }

    let nine = t.obj(int(9));
    let unnamed = t.ok(&m, "new", &[&nine, &none]);
    assert_eq!(t.val(&m, "get", &[&unnamed, &none]), int(9));
    assert_eq!(t.val(&m, "get_name", &[&unnamed]), Value::None);
    assert_eq!(t.val(&m, "is_valid", &[&unnamed, &none]), Value::Bool(true));
    let r = t.repr(&unnamed);
    assert!(r.starts_with("<capsule object NULL at 0x"), "{r}");
    let e = t.err(&m, "get", &[&unnamed, &x]);
    assert_eq!(shown(&e), incorrect);

    let renamed = t.obj(s("capsules.renamed"));
    t.ok(&m, "set_name", &[&c, &renamed]);
    assert_eq!(t.val(&m, "get_name", &[&c]), s("capsules.renamed"));
    assert_eq!(t.val(&m, "get", &[&c, &renamed]), int(5));
    let six = t.obj(int(6));
    t.ok(&m, "set_pointer", &[&c, &six]);
    assert_eq!(t.val(&m, "get", &[&c, &renamed]), int(6));
    let e = t.err(&m, "set_pointer_null", &[&c]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_SetPointer called with null pointer"
        )
    );
    let one = t.obj(int(1));
    let e = t.err(&m, "set_pointer", &[&five_obj, &one]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_GetName called with invalid PyCapsule object"
        )
    );
    assert_eq!(t.val(&m, "get_context", &[&c]), int(0));
    let n1234 = t.obj(int(1234));
    t.ok(&m, "set_context", &[&c, &n1234]);
    assert_eq!(t.val(&m, "get_context", &[&c]), int(1234));
    let e = t.err(&m, "get_context", &[&x]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_GetContext called with invalid PyCapsule object"
        )
    );
    let e = t.err(&m, "set_context", &[&x, &one]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_SetContext called with invalid PyCapsule object"
        )
    );
    let e = t.err(&m, "get_name", &[&five_obj]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_GetName called with invalid PyCapsule object"
        )
    );
    let e = t.err(&m, "get_destructor", &[&c]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "Invalid operation: get HPyCapsule_key_Destructor"
        )
    );
    let e = t.err(&m, "new_null", &[]);
    assert_eq!(
        shown(&e),
        ("ValueError", "PyCapsule_New called with null pointer")
    );
    let e = t.err(&m, "new_incomplete_destructor", &[]);
    assert_eq!(shown(&e), ("ValueError", "Invalid HPyCapsule destructor"));
    let e = t.err(&m, "set_incomplete_destructor", &[&c]);
    assert_eq!(shown(&e), ("ValueError", "Invalid HPyCapsule destructor"));
    let e = t.err(&m, "use_other_destructor", &[&five_obj]);
    assert_eq!(
        shown(&e),
        (
            "ValueError",
            "PyCapsule_SetDestructor called with invalid PyCapsule object"
        )
    );
    let p = t.ok(&m, "new_plain", &[]);
    let plain = t.obj(s("capsules.plain"));
    assert_eq!(t.val(&m, "get", &[&p, &plain]), int(7));
    // The capsule type is the context's h_CapsuleType, named as CPython names it.
    let ty = t.builtin("type");
    let callbacks = t.import("callbacks");
    let ct = t.call(&callbacks, "call", &[&ty, &c], &[]).unwrap();
    assert_eq!(t.repr(&ct), "<class 'PyCapsule'>");
    assert!(t.rt.verify_heap().is_empty());
}

/// `(counting calls, other calls, last value, last context, last name was NULL)`
fn calls(t: &mut T, m: &hpymove_runtime::Obj) -> (i64, i64, i64, i64, bool) {
    let v = t.val(m, "destructor_calls", &[]);
    let Value::Tuple(items) = v else {
        panic!("{v:?}")
    };
    let n = |v: &Value| match v {
        Value::Int(i) => i64::try_from(i.clone()).unwrap(),
        other => panic!("{other:?}"),
    };
    let Value::Bool(null) = items[4] else {
        panic!("{items:?}")
    };
    (n(&items[0]), n(&items[1]), n(&items[2]), n(&items[3]), null)
}

fn destructors(run: Run) {
    let (mut t, m) = setup(run);
    t.rt.collect();
    let (counting, other, ..) = calls(&mut t, &m);
    assert_eq!((counting, other), (0, 0));
    let (eleven, name, ctx) = (t.obj(int(11)), t.obj(s("capsules.d")), t.obj(int(77)));
    let c = t.ok(&m, "new", &[&eleven, &name]);
    t.ok(&m, "set_context", &[&c, &ctx]);
    // Alive: however often it moves, no destructor runs.
    for _ in 0..3 {
        t.rt.collect();
    }
    assert_eq!(calls(&mut t, &m).0, 0);
    assert_eq!(t.val(&m, "get", &[&c, &name]), int(11));
    drop(c);
    // Dead, but no collection has seen it yet (in torture mode, the next call into the
    // extension collects first).
    if matches!(run, Run::Normal) {
        assert_eq!(calls(&mut t, &m).0, 0);
    }
    t.rt.collect();
    assert_eq!(calls(&mut t, &m), (1, 0, 11, 77, false));
    // Exactly once.
    t.rt.collect();
    t.rt.collect();
    assert_eq!(calls(&mut t, &m).0, 1);

    // A replaced destructor: only the new one runs.
    let (twelve, none) = (t.obj(int(12)), t.obj(Value::None));
    let x = t.ok(&m, "new", &[&twelve, &none]);
    t.ok(&m, "use_other_destructor", &[&x]);
    drop(x);
    t.rt.collect();
    assert_eq!(calls(&mut t, &m), (1, 1, 12, 0, true));

    // Many capsules, some kept: each dead one's destructor runs once.
    let many = t.obj(s("capsules.many"));
    let mut kept = Vec::new();
    for i in 0..100 {
        let v = t.obj(int(i));
        let cap = t.ok(&m, "new", &[&v, &many]);
        if i % 10 == 0 {
            kept.push(cap);
        }
    }
    t.rt.collect();
    assert_eq!(calls(&mut t, &m).0, 1 + 90);
    for (i, cap) in kept.iter().enumerate() {
        assert_eq!(t.val(&m, "get", &[cap, &many]), int(i as i64 * 10));
    }
    drop(kept);
    t.rt.collect();
    assert_eq!(calls(&mut t, &m).0, 1 + 100);
    // Reachable only through a tuple: alive while the tuple is.
    let basics = t.import("basics");
    let (v, n) = (t.obj(int(555)), t.obj(s("capsules.held")));
    let cap = t.ok(&m, "new", &[&v, &n]);
    let holder = t.ok(&basics, "make_tuple", &[&cap]);
    drop(cap);
    t.rt.collect();
    t.rt.collect();
    assert_eq!(calls(&mut t, &m).0, 101);
    drop(holder);
    t.rt.collect();
    assert_eq!(calls(&mut t, &m), (102, 1, 555, 0, false));
    // A capsule without a destructor dies quietly.
    let p = t.ok(&m, "new_plain", &[]);
    drop(p);
    t.rt.collect();
    assert_eq!(calls(&mut t, &m), (102, 1, 555, 0, false));
    assert!(t.rt.verify_heap().is_empty());
}

both_modes! {
    capsule_access_matches_cpython => access;
    destructor_runs_once_when_the_capsule_dies => destructors;
}
