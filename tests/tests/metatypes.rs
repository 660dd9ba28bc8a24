//! Metaclasses (the Type shape, `HPyType_SpecParam_Metaclass`) and the Dict shape through
//! the `metatypes` sample, in both GC modes: a type made with an extension metaclass is a
//! real type whose metaclass payload (`_HPy_AsStruct_Type`) stays put while the type moves
//! and is freed exactly once when the type dies; a Dict-shaped instance is a real dict with
//! a payload (`_HPy_AsStruct_Dict`) destroyed exactly once; invalid metaclass parameters
//! give HPy's errors (messages from CPython 3.11 with `hpy.universal`). The script
//! `tests/scripts/ext_metatypes.py` covers the behaviour shared with the reference host.

use hpymove_runtime::Value;
use hpymove_tests::harness::{int, s, shown, T};
use hpymove_tests::{both_modes, Run};

fn make_type(t: &mut T, m: &hpymove_runtime::Obj, name: &str, tag: &str) -> hpymove_runtime::Obj {
    let (n, g) = (t.obj(s(name)), t.obj(s(tag)));
    t.ok(m, "make_type", &[&n, &g])
}

fn int_of(v: Value) -> i64 {
    match v {
        Value::Int(i) => i64::try_from(i).unwrap(),
        other => panic!("{other:?}"),
    }
}

/// Types made with the metaclass keep their payload however often they move, and each
/// payload is freed exactly once, when its type dies.
fn metaclass_payloads(run: Run) {
    let mut t = T::new(run);
    let m = t.import("metatypes");
    let meta = t.attr(&m, "Meta");
    let type_type = t.builtin("type");
    let (alloc0, freed0) = t.rt.payload_counts();
    let base = int_of(t.val(&m, "meta_counts", &[]));
    let mut types = Vec::new();
    for i in 0..12 {
        let ty = make_type(&mut t, &m, &format!("metatypes.K{i}"), &format!("k{i}"));
        t.rt.collect();
        types.push(ty);
    }
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(alloc - alloc0, 12, "one payload per type");
    assert_eq!(freed, freed0, "nothing freed while alive");
    for (i, ty) in types.iter().enumerate() {
        t.rt.collect();
        let k = t.rt.call_objs(&type_type, &[ty], &[]).unwrap();
        assert!(t.rt.is(&k, &meta).unwrap(), "type(K{i}) is Meta");
        let serial = t.attr(ty, "serial");
        assert_eq!(int_of(t.value(&serial)) - base, i as i64 + 1);
        let tag = t.attr(ty, "tag");
        assert_eq!(t.value(&tag), s(&format!("k{i}")));
        // Instances count themselves in their type's metaclass payload.
        let n = t.obj(int(i as i64));
        let inst = t.rt.call_objs(ty, &[&n], &[]).unwrap();
        let mt = t.attr(&inst, "meta_tag");
        let r = t.rt.call_objs(&mt, &[], &[]).unwrap();
        assert_eq!(t.value(&r), s(&format!("k{i}:{i}")));
        let made = t.attr(ty, "instances_made");
        assert_eq!(t.value(&made), int(1));
        assert_eq!(
            t.repr(ty),
            format!("<Meta type K{i} #{}>", base + i as i64 + 1)
        );
        let shape = t.ok(&m, "shape_of", &[ty]);
        assert_eq!(
            t.value(&shape),
            int(0),
            "a type made with Meta has its own shape"
        );
    }
    let shape = t.ok(&m, "shape_of", &[&meta]);
    assert_eq!(t.value(&shape), int(1), "Meta has the Type shape");
    types.truncate(5);
    t.rt.collect();
    t.rt.collect();
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(freed - freed0, 7 + 12, "7 dead types and the 12 instances");
    types.clear();
    t.rt.collect();
    let (alloc2, freed2) = t.rt.payload_counts();
    assert_eq!(alloc2, alloc);
    assert_eq!(freed2 - freed0, alloc2 - alloc0, "every payload freed");
}

fn invalid_metaclasses(run: Run) {
    let mut t = T::new(run);
    let m = t.import("metatypes");
    let cases = [
        (
            "not_a_type",
            "TypeError",
            "Metaclass ''hello'' is not a subclass of 'type'.",
        ),
        (
            "twice",
            "ValueError",
            "metaclass was specified multiple times",
        ),
        (
            "int",
            "TypeError",
            "Metaclasses with custom tp_new are not supported.",
        ),
        (
            "custom_new",
            "TypeError",
            "Metaclasses with custom tp_new are not supported.",
        ),
        (
            "not_type_subclass",
            "TypeError",
            "Metaclasses with custom tp_new are not supported.",
        ),
    ];
    for (kind, ty, msg) in cases {
        let k = t.obj(s(kind));
        let e = t.err(&m, "make_bad_meta", &[&k]);
        assert_eq!(shown(&e), (ty, msg), "{kind}");
        t.rt.collect();
    }
    let k = t.obj(s("type"));
    let ty = t.ok(&m, "make_bad_meta", &[&k]);
    assert_eq!(t.repr(&ty), "<class 'metatypes.Bad'>");
    // A metaclass makes no instance from a zeroed struct; called with a name, bases and a
    // namespace it makes a class, with a zeroed payload (as on CPython with hpy.universal).
    let meta = t.attr(&m, "Meta");
    let one = t.obj(int(1));
    let e = t.rt.call_objs(&meta, &[&one], &[]).unwrap_err();
    assert_eq!(
        shown(&e),
        (
            "TypeError",
            "type.__new__() takes exactly 3 arguments (1 given)"
        )
    );
    let name = t.obj(s("X"));
    let bases = t.obj(Value::Tuple(vec![]));
    let ns = t.obj(Value::Dict(vec![]));
    let made = t.rt.call_objs(&meta, &[&name, &bases, &ns], &[]).unwrap();
    t.rt.collect();
    assert_eq!(t.repr(&made), "<Meta type X #0>");
    let serial = t.attr(&made, "serial");
    assert_eq!(t.repr(&serial), "0");
}

/// A dict subclass with the Dict shape: a real dict for the runtime, whose payload survives
/// collections and dies with it, exactly once.
fn dict_shape(run: Run) {
    let mut t = T::new(run);
    let m = t.import("metatypes");
    let td = t.ok(&m, "make_tagged_dict_type", &[]);
    let shape = t.ok(&m, "shape_of", &[&td]);
    assert_eq!(t.value(&shape), int(7));
    let base = int_of(t.val(&m, "dict_counts", &[]));
    let (alloc0, freed0) = t.rt.payload_counts();
    let mut alive = Vec::new();
    for i in 0..10 {
        let src = t.obj(Value::Dict(vec![(s("k"), int(i)), (s("j"), int(2 * i))]));
        let d = t.rt.call_objs(&td, &[&src], &[]).unwrap();
        t.rt.collect();
        alive.push(d);
    }
    for (i, d) in alive.iter().enumerate() {
        t.rt.collect();
        let i = i as i64;
        assert_eq!(
            t.value(d),
            Value::Dict(vec![(s("k"), int(i)), (s("j"), int(2 * i))])
        );
        let tag = t.attr(d, "tag");
        assert_eq!(t.value(&tag), int(0), "a zeroed payload");
        let lookup = t.attr(d, "lookup");
        let key = t.obj(s("j"));
        let r = t.rt.call_objs(&lookup, &[&key], &[]).unwrap();
        assert_eq!(t.value(&r), Value::Tuple(vec![int(0), int(2 * i)]));
        let n = t.attr(d, "lookups");
        assert_eq!(t.value(&n), int(1));
        let missing = t.obj(s("nope"));
        let e = t.rt.call_objs(&lookup, &[&missing], &[]).unwrap_err();
        assert_eq!(shown(&e).0, "KeyError");
    }
    // An object member: a field in the payload, traced through the type's tp_traverse.
    for (i, d) in alive.iter().enumerate() {
        let x = t.obj(Value::List(vec![int(i as i64), s("extra")]));
        t.rt.setattr(d, "extra", &x).unwrap();
    }
    t.rt.collect();
    for (i, d) in alive.iter().enumerate() {
        t.rt.collect();
        let x = t.attr(d, "extra");
        assert_eq!(t.value(&x), Value::List(vec![int(i as i64), s("extra")]));
    }
    // Keyword arguments go to dict's own __init__.
    let one = t.obj(int(1));
    let d = t.rt.call_objs(&td, &[], &[("a", &one)]).unwrap();
    assert_eq!(t.value(&d), Value::Dict(vec![(s("a"), int(1))]));
    drop(d);
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(alloc - alloc0, 11, "one payload per instance");
    assert_eq!(freed, freed0);
    alive.truncate(3);
    t.rt.collect();
    t.rt.collect();
    assert_eq!(
        int_of(t.val(&m, "dict_counts", &[])) - base,
        8,
        "destroyed exactly once"
    );
    alive.clear();
    t.rt.collect();
    assert_eq!(int_of(t.val(&m, "dict_counts", &[])) - base, 11);
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(freed - freed0, alloc - alloc0, "every payload freed");
}

/// A Type-shaped or Dict-shaped type needs its builtin base; a tp_traverse on a
/// Type-shaped type is accepted (its payload's fields are traced like any other's).
fn wrong_shapes(run: Run) {
    let mut t = T::new(run);
    let m = t.import("exttypes");
    let k = t.obj(s("traverse_on_type_shape"));
    let ty = t.ok(&m, "make_bad", &[&k]);
    assert!(t.repr(&ty).starts_with("<class '"), "{}", t.repr(&ty));
    for kind in ["type_shape_without_base", "dict_shape_on_list"] {
        let k = t.obj(s(kind));
        let e = t.err(&m, "make_bad", &[&k]);
        assert!(
            matches!(shown(&e).0, "TypeError" | "SystemError"),
            "{kind}: {e}"
        );
    }
}

both_modes! {
    metaclass_payloads_move_with_their_types_and_die_once => metaclass_payloads;
    invalid_metaclasses_give_hpys_errors => invalid_metaclasses;
    dict_shaped_instances_are_dicts_with_payloads => dict_shape;
    builtin_shapes_need_their_base => wrong_shapes;
}
