//! The embedding API itself: conversions both ways, one runtime per process, references
//! that survive moves, no handle leaks.

use hpymove_runtime::{Config, Runtime, Value};
use hpymove_tests::{both_modes, runtime, Run};
use num_bigint::BigInt;

fn sample_values() -> Vec<Value> {
    vec![
        Value::None,
        Value::Bool(true),
        Value::Bool(false),
        Value::int(0),
        Value::int(-7),
        Value::int(i64::MAX),
        Value::int(i64::MIN),
        Value::Int(BigInt::from(u64::MAX) * BigInt::from(u64::MAX) * -1),
        Value::Float(0.1),
        Value::Float(-0.0),
        Value::Float(f64::INFINITY),
        Value::str(""),
        Value::str("grüß dich 🐍 \u{0} end"),
        Value::Bytes(b"a\x00b\xff".to_vec()),
        Value::Tuple(vec![]),
        Value::Tuple(vec![Value::int(1), Value::List(vec![Value::str("x")])]),
        Value::Dict(vec![
            (Value::str("b"), Value::int(2)),
            (Value::str("a"), Value::Tuple(vec![Value::None])),
            (Value::int(3), Value::Float(1.5)),
        ]),
    ]
}

fn round_trip(run: Run) {
    let mut rt = runtime(run);
    let base = rt.open_handles();
    {
        let objs: Vec<_> = sample_values()
            .iter()
            .map(|v| rt.to_obj(v).unwrap())
            .collect();
        let before: Vec<usize> = objs.iter().map(|o| rt.address(o).unwrap()).collect();
        rt.collect();
        for ((o, v), old) in objs.iter().zip(sample_values()).zip(before) {
            assert_eq!(rt.value(o).unwrap(), v);
            let new = rt.address(o).unwrap();
            // Singletons are immortal, and so are the ints -5..=256 in normal mode (made once,
            // as CPython's); everything else moved and still reads the same.
            let small_int = matches!(&v, Value::Int(i) if *i >= (-5).into() && *i <= 256.into())
                && matches!(run, Run::Normal);
            if !matches!(v, Value::None | Value::Bool(_)) && !small_int {
                assert_ne!(new, old, "{v:?} did not move");
            }
        }
        assert_eq!(
            rt.repr(&objs[16]).unwrap(),
            "{'b': 2, 'a': (None,), 3: 1.5}"
        );
        assert_eq!(rt.repr(&objs[12]).unwrap(), "'grüß dich 🐍 \\x00 end'");
        assert_eq!(rt.repr(&objs[13]).unwrap(), "b'a\\x00b\\xff'");
        let d = rt.dup(&objs[15]).unwrap();
        assert!(rt.is(&d, &objs[15]).unwrap());
    }
    assert_eq!(rt.open_handles(), base, "every Obj released its handle");
    assert!(rt.verify_heap().is_empty());
}

fn one_runtime_per_process(_run: Run) {
    let rt = Runtime::new(Config::default()).unwrap();
    let err = Runtime::new(Config::default())
        .err()
        .expect("a second runtime is refused");
    assert!(err.contains("already exists"), "{err}");
    let mut rt = rt;
    let o = rt.to_obj(&Value::str("outlives the runtime")).unwrap();
    drop(rt);
    drop(o); // harmless after the runtime is gone
    let mut again = Runtime::new(Config::default()).expect("a new runtime after the first");
    let o = again.to_obj(&Value::int(1)).unwrap();
    assert_eq!(again.value(&o).unwrap(), Value::int(1));
}

fn attribute_errors(run: Run) {
    let mut rt = runtime(run);
    let m = rt.import("basics").unwrap();
    let e = rt.getattr(&m, "nope").unwrap_err();
    assert!(e.is("AttributeError"));
    assert_eq!(e.message, "module 'basics' has no attribute 'nope'");
    let i = rt.to_obj(&Value::int(5)).unwrap();
    let e = rt.call(&i, &[], &[]).unwrap_err();
    assert_eq!(e.to_string(), "TypeError: 'int' object is not callable");
    let f = rt.getattr(&m, "get_none").unwrap();
    let e = rt.call(&f, &[Value::int(1)], &[]).unwrap_err();
    assert_eq!(e.message, "basics.get_none() takes no arguments (1 given)");
    let f = rt.getattr(&m, "identity").unwrap();
    let e = rt.call(&f, &[], &[("x", Value::int(1))]).unwrap_err();
    assert_eq!(e.message, "basics.identity() takes no keyword arguments");
    let e = rt.call(&f, &[], &[]).unwrap_err();
    assert_eq!(
        e.message,
        "basics.identity() takes exactly one argument (0 given)"
    );
}

both_modes! {
    values_round_trip_and_move => round_trip;
    only_one_runtime_at_a_time => one_runtime_per_process;
    call_and_attribute_errors => attribute_errors;
}
