//! `HPyField` under the moving GC, through the `fields` (C), `cppfields` (C++) and
//! `fieldbugs` samples, in both GC modes with heap verification: fields reach the right
//! objects after every collection (their targets move), object members are fields, cycles
//! through payloads are collected, `tp_finalize` runs once (resurrection included) and
//! `tp_destroy` exactly once, every payload freed. Misused fields stop the run with a
//! message naming the type and the payload offset (child processes).

use hpymove_runtime::{Obj, Value};
use hpymove_tests::harness::{child_scenario, int, run_child, signal_of, stderr_of, T};
use hpymove_tests::{both_modes, Run};

fn ints(v: Value) -> Vec<i64> {
    match v {
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

/// `fields.counts()[name]`: (created, finalized, destroyed).
fn counts(t: &mut T, m: &Obj, name: &str) -> (i64, i64, i64) {
    let Value::Dict(items) = t.val(m, "counts", &[]) else {
        panic!("counts() is a dict")
    };
    let (_, v) = items
        .into_iter()
        .find(|(k, _)| *k == Value::str(name))
        .expect("a count per type");
    let n = ints(v);
    (n[0], n[1], n[2])
}

fn as_int(t: &mut T, o: &Obj) -> i64 {
    match t.value(o) {
        Value::Int(i) => i64::try_from(i).unwrap(),
        other => panic!("expected an int, got {other:?}"),
    }
}

fn linked_list(run: Run) {
    let mut t = T::new(run);
    let m = t.import("fields");
    let n = t.obj(int(200));
    let head = t.ok(&m, "make_list", &[&n]);
    for _ in 0..3 {
        t.rt.collect();
        assert_eq!(t.val(&m, "list_sum", &[&head]), int(199 * 200 / 2));
    }
    // The `next` member is the field: walk it from Rust while everything moves.
    let mut cur = t.rt.dup(&head).unwrap();
    for want in (0..200).rev() {
        let v = t.attr(&cur, "value");
        assert_eq!(t.value(&v), int(want));
        let before = t.rt.address(&cur).unwrap();
        t.rt.collect();
        assert_ne!(t.rt.address(&cur).unwrap(), before, "objects move");
        cur = t.attr(&cur, "next");
    }
    assert_eq!(t.value(&cur), Value::None);
    // A node built from Rust on top of the C-built list.
    let node = t.attr(&m, "Node");
    let ten = t.obj(int(10));
    let top = t.rt.call_objs(&node, &[&ten, &head], &[]).unwrap();
    t.rt.collect();
    assert_eq!(t.val(&m, "list_sum", &[&top]), int(19900 + 10));
    let next = t.attr(&top, "next");
    assert!(t.rt.is(&next, &head).unwrap());
    let (alloc0, freed0) = t.rt.payload_counts();
    drop((cur, head, top, next));
    t.rt.collect();
    let (created, _, destroyed) = counts(&mut t, &m, "Node");
    assert_eq!((created, destroyed), (201, 201));
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!(alloc, alloc0);
    assert_eq!(freed - freed0, 201, "every node's payload freed");
}

fn binary_tree(run: Run) {
    let mut t = T::new(run);
    let m = t.import("fields");
    let depth = t.obj(int(8));
    let tree = t.ok(&m, "build_tree", &[&depth]);
    let n = 255;
    for _ in 0..3 {
        t.rt.collect();
        let sum = t.ok(&tree, "sum", &[]);
        assert_eq!(as_int(&mut t, &sum), n * (n + 1) / 2);
        let count = t.ok(&tree, "count", &[]);
        assert_eq!(as_int(&mut t, &count), n);
    }
    // Preorder numbering: root 1, left child 2, right child 2 + 127.
    let left = t.attr(&tree, "left");
    let right = t.attr(&tree, "right");
    let lv = t.attr(&left, "value");
    let rv = t.attr(&right, "value");
    assert_eq!((t.value(&lv), t.value(&rv)), (int(2), int(129)));
    // A leaf's OBJECT_EX members are empty: AttributeError.
    let mut leaf = t.rt.dup(&tree).unwrap();
    for _ in 0..7 {
        leaf = t.attr(&leaf, "left");
    }
    let e = t.rt.getattr(&leaf, "left").unwrap_err();
    assert_eq!(e.type_name, "AttributeError");
    assert_eq!(e.message, "'fields.Tree' object has no attribute 'left'");
    // A subtree kept alone survives the rest of the tree.
    drop((tree, left, leaf));
    t.rt.collect();
    let (created, _, destroyed) = counts(&mut t, &m, "Tree");
    assert_eq!((created, destroyed), (255, 255 - 127));
    let sum = t.ok(&right, "sum", &[]);
    assert_eq!(as_int(&mut t, &sum), (129..=255).sum::<i64>());
    drop((right, lv, rv));
    t.rt.collect();
    assert_eq!(counts(&mut t, &m, "Tree").2, 255);
}

fn graph_with_cycles(run: Run) {
    let mut t = T::new(run);
    let m = t.import("fields");
    let vertex = t.attr(&m, "Vertex");
    let (alloc0, freed0) = t.rt.payload_counts();
    let n: usize = 24;
    let mut vs = Vec::new();
    for i in 0..n {
        let id = t.obj(int(i as i64));
        vs.push(t.rt.call_objs(&vertex, &[&id], &[]).unwrap());
    }
    // A ring, a self loop and chords (the edge arrays grow by realloc).
    let targets = |i: usize| [(i + 1) % n, i, (i * 7 + 3) % n];
    for i in 0..n {
        for j in targets(i) {
            let w = t.rt.dup(&vs[j]).unwrap();
            t.ok(&vs[i], "connect", &[&w]);
        }
    }
    for _ in 0..2 {
        t.rt.collect();
        for (i, v) in vs.iter().enumerate() {
            // Each neighbor's id, read through its own handle (`neighbors()[k]`).
            let ids: Vec<i64> = (0..3)
                .map(|k| {
                    let ns = t.ok(v, "neighbors", &[]);
                    let idx = t.obj(int(k));
                    let w = t.rt.getitem(&ns, &idx).unwrap();
                    let id = t.attr(&w, "id");
                    as_int(&mut t, &id)
                })
                .collect();
            let want: Vec<i64> = targets(i).iter().map(|j| *j as i64).collect();
            assert_eq!(ids, want, "vertex {i}");
        }
    }
    // Keep one vertex: the whole ring stays (reachable through the fields only).
    let keep = vs.remove(5);
    vs.clear();
    t.rt.collect();
    assert_eq!(
        counts(&mut t, &m, "Vertex").2,
        0,
        "all reachable from the one kept"
    );
    drop(keep);
    t.rt.collect();
    let n = n as i64;
    assert_eq!(
        counts(&mut t, &m, "Vertex"),
        (n, 0, n),
        "the cycles are collected"
    );
    let (alloc, freed) = t.rt.payload_counts();
    assert_eq!((alloc - alloc0, freed - freed0), (n as usize, n as usize));
}

fn finalizer_resurrects_once(run: Run) {
    let mut t = T::new(run);
    let m = t.import("fields");
    let phoenix = t.attr(&m, "Phoenix");
    let seven = t.obj(int(7));
    let p = t.rt.call_objs(&phoenix, &[&seven], &[]).unwrap();
    t.rt.collect();
    assert_eq!(
        counts(&mut t, &m, "Phoenix"),
        (1, 0, 0),
        "alive: not finalized"
    );
    drop(p);
    t.rt.collect();
    // Finalized once; it stored itself in a global, so it is alive and not destroyed.
    assert_eq!(counts(&mut t, &m, "Phoenix"), (1, 1, 0));
    let back = t.ok(&m, "graveyard", &[]);
    let tag = t.attr(&back, "tag");
    assert_eq!(t.value(&tag), int(7));
    drop((back, tag));
    for _ in 0..3 {
        t.rt.collect();
    }
    assert_eq!(
        counts(&mut t, &m, "Phoenix"),
        (1, 1, 0),
        "still in the graveyard"
    );
    // Dies for good: destroyed, and not finalized a second time.
    t.ok(&m, "clear_graveyard", &[]);
    t.rt.collect();
    assert_eq!(counts(&mut t, &m, "Phoenix"), (1, 1, 1));
    // Many at once.
    for i in 0..50 {
        let tag = t.obj(int(i));
        t.rt.call_objs(&phoenix, &[&tag], &[]).unwrap();
    }
    t.rt.collect();
    let (c, f, d) = counts(&mut t, &m, "Phoenix");
    assert_eq!((c, f), (51, 51));
    assert_eq!(d, 50, "one of them was resurrected into the graveyard");
    t.ok(&m, "clear_graveyard", &[]);
    t.rt.collect();
    assert_eq!(counts(&mut t, &m, "Phoenix"), (51, 51, 51));
}

fn finalizer_error_is_reported(run: Run) {
    if child_scenario().as_deref() == Some("mortal") {
        let mut t = T::new(run);
        let m = t.import("fields");
        let mortal = t.attr(&m, "Mortal");
        for fail in [0, 1, 0] {
            let fail = t.obj(int(fail));
            t.rt.call_objs(&mortal, &[&fail], &[]).unwrap();
        }
        t.rt.collect();
        let (c, f, d) = counts(&mut t, &m, "Mortal");
        eprintln!("counts {c} {f} {d}");
        assert!(t.rt.take_pending_error().is_none());
        return;
    }
    let out = run_child(run, "a_finalizer_error_is_reported", "mortal");
    let err = stderr_of(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(
            "Exception ignored in garbage collection:\n\
             RuntimeError: Mortal: a finalizer that fails\n"
        ),
        "{err}"
    );
    assert_eq!(err.matches("Exception ignored").count(), 1, "{err}");
    assert!(err.contains("counts 3 3 3"), "{err}");
}

fn cpp_payload(run: Run) {
    let mut t = T::new(run);
    let m = t.import("cppfields");
    let bag = t.attr(&m, "Bag");
    let label = t.obj(Value::str("things"));
    let b = t.rt.call_objs(&bag, &[&label], &[]).unwrap();
    for i in 0..40 {
        let x = t.obj(Value::List(vec![int(i), Value::str(&i.to_string())]));
        t.ok(&b, "add", &[&x]);
    }
    t.ok(&b, "add", &[&b]);
    t.rt.collect();
    let list = t.ok(&b, "items", &[]);
    let Value::List(items) = t.value(&list) else {
        panic!()
    };
    drop(list);
    assert_eq!(items.len(), 41);
    for (i, it) in items[..40].iter().enumerate() {
        assert_eq!(
            *it,
            Value::List(vec![int(i as i64), Value::str(&i.to_string())])
        );
    }
    let l = t.attr(&b, "label");
    assert_eq!(t.value(&l), Value::str("things"));
    assert_eq!(ints(t.val(&m, "destructed", &[])), vec![0, 1]);
    drop((b, l));
    t.rt.collect();
    assert_eq!(
        ints(t.val(&m, "destructed", &[])),
        vec![1, 0],
        "the C++ destructor ran once (the bag held itself: a cycle)"
    );
}

/// Misuse: each scenario must stop the run with a message naming the type and offset.
fn bad_fields_stop_with_the_type_and_offset(run: Run) {
    if let Some(s) = child_scenario() {
        // Poison: every to-space gets fresh addresses, so a stale address never aliases
        // a live object (without it, a stale address can point into the current space
        // again after two flips, at whatever was copied there).
        let mut t = T {
            rt: hpymove_tests::runtime_with(run, |c| c.poison = true),
        };
        let fb = t.import("fieldbugs");
        let holder = t.attr(&fb, "Holder");
        let h = t.rt.call_objs(&holder, &[], &[]).unwrap();
        let x = t.obj(Value::List(vec![int(1)]));
        t.ok(&fb, "set", &[&h, &x]);
        let garbage = t.obj(int(0x1234_5678));
        match s.as_str() {
            "garbage-load" => {
                t.ok(&fb, "poke", &[&h, &garbage]);
                let _ = t.call(&fb, "get", &[&h], &[]);
            }
            "garbage-member" => {
                t.ok(&fb, "poke", &[&h, &garbage]);
                let _ = t.rt.getattr(&h, "item");
            }
            "garbage-collect" => {
                t.ok(&fb, "poke", &[&h, &garbage]);
                t.rt.collect();
            }
            "stale" => {
                let old = t.ok(&fb, "peek", &[&h]);
                t.rt.collect();
                t.ok(&fb, "poke", &[&h, &old]);
                let _ = t.call(&fb, "get", &[&h], &[]);
            }
            "untraced" => {
                let _ = t.call(&fb, "store_untraced", &[&x], &[]);
            }
            other => panic!("{other}"),
        }
        eprintln!("no error");
        return;
    }
    let test = "bad_fields_stop_naming_type_and_offset";
    let holder =
        "of an object of type 'fieldbugs.Holder' holds 0x12345678, which is not a live object";
    for (scenario, want) in [
        // Found by HPyField_Load or the member read in normal mode, by the collection at
        // the next HPy call in torture mode: the same description either way.
        ("garbage-load", format!("the HPyField at payload offset 8 {holder}")),
        ("garbage-member", format!("the HPyField at payload offset 8 {holder}")),
        ("garbage-collect", format!("the HPyField at payload offset 8 {holder}")),
        ("stale", "the HPyField at payload offset 8 of an object of type 'fieldbugs.Holder' holds".into()),
        ("untraced", "HPyField_Store: type 'fieldbugs.Untraced' has no HPy_tp_traverse, so the collector cannot update the HPyField at payload offset 8".into()),
    ] {
        let out = run_child(run, test, scenario);
        let err = stderr_of(&out);
        assert_eq!(signal_of(&out), Some(6), "{scenario}: {err}");
        assert!(err.contains("Fatal Python error: "), "{scenario}: {err}");
        assert!(err.contains(&want), "{scenario}: {err}");
        if scenario == "stale" {
            assert!(err.contains("(stale reference)"), "{err}");
        }
        if matches!(run, Run::Normal) && scenario == "garbage-load" {
            assert!(err.contains("Fatal Python error: HPyField_Load: "), "{err}");
        }
        if matches!(run, Run::Normal) && scenario == "garbage-member" {
            assert!(err.contains("Fatal Python error: reading member 'item': "), "{err}");
        }
        assert!(!err.contains("no error"), "{scenario}: {err}");
    }
}

both_modes! {
    a_linked_list_follows_its_nodes => linked_list;
    a_binary_tree_sums_right => binary_tree;
    graphs_with_cycles_are_collected => graph_with_cycles;
    a_finalizer_resurrects_once => finalizer_resurrects_once;
    a_finalizer_error_is_reported => finalizer_error_is_reported;
    a_cpp_payload_is_destructed_once => cpp_payload;
    bad_fields_stop_naming_type_and_offset => bad_fields_stop_with_the_type_and_offset;
}

/// One million nodes built by the extension survive repeated collections (normal mode).
#[test]
fn million_node_tree() {
    let mut t = T::new(Run::Normal);
    let m = t.import("fields");
    let depth = t.obj(int(20));
    let tree = t.ok(&m, "build_tree", &[&depth]);
    let n: i64 = (1 << 20) - 1;
    for _ in 0..3 {
        let before = t.rt.stats().collections;
        t.rt.collect();
        assert!(t.rt.stats().collections > before);
        let sum = t.ok(&tree, "sum", &[]);
        assert_eq!(as_int(&mut t, &sum), n * (n + 1) / 2);
    }
    let count = t.ok(&tree, "count", &[]);
    assert_eq!(as_int(&mut t, &count), n);
    drop(tree);
    t.rt.collect();
    assert_eq!(counts(&mut t, &m, "Tree"), (n, 0, n));
}
