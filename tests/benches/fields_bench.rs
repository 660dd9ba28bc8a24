//! What calling `tp_traverse` costs a collection: the pause of a full collection of one
//! million extension objects whose children are `HPyField`s in their C payloads
//! (`fields.build_tree(20)`: 1,048,575 nodes), next to the same count of plain tuples
//! shaped the same way (`(value, left, right)`), measured alternately in one run.
//!
//! `cargo bench -p hpymove-tests --bench fields_bench`

use std::time::{Duration, Instant};

use gc::{HeapConfig, Mode};
use hpymove_runtime::{Config, Obj, Runtime, Value};

const DEPTH: u32 = 20;
const ROUNDS: usize = 3;
const COLLECTIONS: usize = 5;

fn tuple_tree(depth: u32, next: &mut i64) -> Value {
    let v = *next;
    *next += 1;
    if depth == 1 {
        return Value::Tuple(vec![Value::int(v), Value::None, Value::None]);
    }
    let l = tuple_tree(depth - 1, next);
    let r = tuple_tree(depth - 1, next);
    Value::Tuple(vec![Value::int(v), l, r])
}

/// Median pause of `COLLECTIONS` full collections with `root` alive, and the objects the
/// last one copied.
fn pauses(rt: &mut Runtime, root: &Obj) -> (Duration, u64) {
    let _ = root;
    let mut times = Vec::new();
    for _ in 0..COLLECTIONS {
        let t = Instant::now();
        rt.collect();
        times.push(t.elapsed());
    }
    times.sort();
    (
        times[COLLECTIONS / 2],
        rt.stats().last_objects_copied as u64,
    )
}

fn main() {
    let mut rt = Runtime::new(Config {
        heap: HeapConfig::with_mode(Mode::Normal),
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime");
    let m = rt.import("fields").expect("import fields");
    let build = rt.getattr(&m, "build_tree").expect("build_tree");
    let nodes = (1u64 << DEPTH) - 1;
    println!("collection pause with {nodes} live nodes (median of {COLLECTIONS} collections, {ROUNDS} rounds)");
    let (mut ext, mut tup) = (Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let tree = rt
            .call(&build, &[Value::int(DEPTH)], &[])
            .expect("build_tree");
        let (p, copied) = pauses(&mut rt, &tree);
        drop(tree);
        rt.collect();
        ext.push(p);
        let mut next = 1;
        let v = tuple_tree(DEPTH, &mut next);
        let tuples = rt.to_obj(&v).expect("tuples");
        drop(v);
        let (q, copied_t) = pauses(&mut rt, &tuples);
        drop(tuples);
        rt.collect();
        tup.push(q);
        println!(
            "  round {round}: HPyField tree {:>7.1} ms ({copied} objects copied), tuples {:>7.1} ms ({copied_t} objects copied)",
            p.as_secs_f64() * 1e3,
            q.as_secs_f64() * 1e3
        );
    }
    ext.sort();
    tup.sort();
    let (e, t) = (ext[ROUNDS / 2], tup[ROUNDS / 2]);
    let per = |d: Duration| d.as_secs_f64() * 1e9 / nodes as f64;
    println!(
        "extension objects with HPyFields: {:.1} ns per object; tuples: {:.1} ns per object; ratio {:.2}x",
        per(e),
        per(t),
        e.as_secs_f64() / t.as_secs_f64()
    );
}
