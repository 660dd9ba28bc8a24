//! Extension-defined types through the `exttypes` sample, in both GC modes: instances
//! created from Rust and from C, payloads outside the moving heap (`tp_destroy` exactly once
//! after the collection that finds the owner dead, every payload freed), and the errors of
//! invalid type specs (values and messages from CPython 3.11 with `hpy.universal`; the
//! script `tests/scripts/ext_types.py` covers the behaviour of the types themselves).

use hpymove_runtime::Value;
use hpymove_tests::harness::{int, s, shown, T};
use hpymove_tests::{both_modes, Run};

fn counts(t: &mut T, m: &hpymove_runtime::Obj) -> Vec<i64> {
    match t.val(m, "counts", &[]) {
        Value::Tuple(items) => items
            .into_iter()
            .map(|v| match v {
                Value::Int(i) => i64::try_from(i).unwrap(),
                other => panic!("{other:?}"),
            })
            .collect(),
        other => panic!("{other:?}"),
    }
}

fn destroy_exactly_once(run: Run) {
    let mut t = T::new(run);
    let m = t.import("exttypes");
    let counted = t.attr(&m, "Counted");
    let vector = t.attr(&m, "vector");
    let base = counts(&mut t, &m);
    let (alloc0, freed0) = t.rt.payload_counts();
    let mut alive = Vec::new();
    for i in 0..20 {
        let c = t.rt.call_objs(&counted, &[], &[]).unwrap();
        let n = t.obj(int(i % 4));
        let v = t.rt.call_objs(&vector, &[&n], &[]).unwrap();
        alive.push((c, v));
        t.rt.collect();
    }
    let now = counts(&mut t, &m);
    assert_eq!(now[0] - base[0], 20, "created");
    assert_eq!(now[1] - base[1], 0, "nothing destroyed while alive");
    assert_eq!(now[2] - base[2], 20, "vector buffers");
    assert_eq!(now[3] - base[3], 0, "no buffer freed while alive");
    // Half of them die.
    alive.truncate(10);
    t.rt.collect();
    let now = counts(&mut t, &m);
    assert_eq!(now[1] - base[1], 10);
    assert_eq!(now[3] - base[3], 10);
    // More collections change nothing: exactly once.
    t.rt.collect();
    t.rt.collect();
    assert_eq!(counts(&mut t, &m)[1] - base[1], 10);
    alive.clear();
    t.rt.collect();
    let now = counts(&mut t, &m);
    assert_eq!(now[1] - base[1], 20);
    assert_eq!(now[3] - base[3], 20);
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(alloc - alloc0, 40, "one payload per instance");
    assert_eq!(freed - freed0, alloc - alloc0, "every payload freed");
}

fn point_from_rust(run: Run) {
    let mut t = T::new(run);
    let m = t.import("exttypes");
    let point = t.attr(&m, "Point");
    let (one, two) = (t.obj(Value::Float(1.0)), t.obj(Value::Float(2.0)));
    let p = t.rt.call_objs(&point, &[&one, &two], &[]).unwrap();
    t.rt.collect();
    assert_eq!(t.repr(&p), "Point(1.0, 2.0)");
    let x = t.attr(&p, "x");
    assert_eq!(t.value(&x), Value::Float(1.0));
    let norm = t.attr(&p, "norm");
    let r = t.rt.call_objs(&norm, &[], &[]).unwrap();
    let Value::Float(f) = t.value(&r) else {
        panic!()
    };
    assert!((f - 5f64.sqrt()).abs() < 1e-12);
    let table = t.attr(&m, "Table");
    let tb = t.rt.call_objs(&table, &[], &[]).unwrap();
    let k = t.obj(int(4));
    let r = t.rt.call_objs(&tb, &[&k], &[]).unwrap();
    assert_eq!(t.value(&r), int(0));
}

fn invalid_specs(run: Run) {
    let mut t = T::new(run);
    let m = t.import("exttypes");
    let cases = [
        (
            "gc_without_traverse",
            "ValueError",
            "You must provide an HPy_tp_traverse slot if you specify HPy_TPFLAGS_HAVE_GC",
        ),
        (
            "legacy_slots",
            "TypeError",
            "cannot specify .legacy_slots without setting .builtin_shape=HPyType_BuiltinShape_Legacy",
        ),
        (
            "members_without_size",
            "TypeError",
            "Type claims to have basicsize==0 but defines members",
        ),
        ("bad_shape", "ValueError", "invalid shape: 42"),
        ("unknown_slot", "RuntimeError", "invalid slot offset"),
    ];
    for (kind, ty, msg) in cases {
        let k = t.obj(s(kind));
        let e = t.err(&m, "make_bad", &[&k]);
        assert_eq!(shown(&e), (ty, msg), "{kind}");
    }
    // Refused by a universal host (CPython accepts these through the C API).
    for kind in ["legacy_shape", "bad_member_type"] {
        let k = t.obj(s(kind));
        let e = t.err(&m, "make_bad", &[&k]);
        assert!(
            matches!(shown(&e).0, "TypeError" | "SystemError"),
            "{kind}: {e}"
        );
    }
    let k = t.obj(s("ok"));
    let ty = t.ok(&m, "make_bad", &[&k]);
    let n = t.attr(&ty, "__name__");
    assert_eq!(t.value(&n), s("Bad"));
}

/// Subclasses of str and int (builtin shapes) are real str/int objects for the runtime, and
/// their payloads (outside the moving heap) survive collections and die exactly once.
fn builtin_shapes(run: Run) {
    let mut t = T::new(run);
    let m = t.import("exttypes");
    let tagged_str = t.attr(&m, "TaggedStr");
    let tagged_int = t.attr(&m, "TaggedInt");
    let base = match t.val(&m, "shape_counts", &[]) {
        Value::Tuple(v) => v,
        other => panic!("{other:?}"),
    };
    let (alloc0, freed0) = t.rt.payload_counts();
    let mut alive = Vec::new();
    for i in 0..10 {
        let text = t.obj(s(&format!("w{i}")));
        let st = t.rt.call_objs(&tagged_str, &[&text], &[]).unwrap();
        let n = t.obj(int(i));
        let it = t.rt.call_objs(&tagged_int, &[&n], &[]).unwrap();
        alive.push((st, it));
        t.rt.collect();
    }
    for (i, (st, it)) in alive.iter().enumerate() {
        t.rt.collect();
        assert_eq!(
            t.value(st),
            s(&format!("w{i}")),
            "the str part survives moves"
        );
        let d = t.attr(st, "describe");
        let r = t.rt.call_objs(&d, &[], &[]).unwrap();
        assert_eq!(t.value(&r), s(&format!("w{i}#0")));
        assert_eq!(t.value(it), int(i as i64));
        let sc = t.attr(it, "scaled");
        let r = t.rt.call_objs(&sc, &[], &[]).unwrap();
        assert_eq!(t.value(&r), int(0));
    }
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(alloc - alloc0, 20, "one payload per instance");
    assert_eq!(freed, freed0, "nothing freed while alive");
    alive.truncate(4);
    t.rt.collect();
    t.rt.collect();
    let now = match t.val(&m, "shape_counts", &[]) {
        Value::Tuple(v) => v,
        other => panic!("{other:?}"),
    };
    let diff = |i: usize| match (&now[i], &base[i]) {
        (Value::Int(a), Value::Int(b)) => i64::try_from(a - b).unwrap(),
        other => panic!("{other:?}"),
    };
    assert_eq!((diff(0), diff(1)), (6, 6), "destroyed exactly once");
    alive.clear();
    t.rt.collect();
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(freed - freed0, alloc - alloc0, "every payload freed");
}

both_modes! {
    destroy_counts_are_exact_and_payloads_freed => destroy_exactly_once;
    point_from_the_embedding_api => point_from_rust;
    invalid_specs_give_hpys_errors => invalid_specs;
    builtin_shapes_are_builtin_objects_with_payloads => builtin_shapes;
}
