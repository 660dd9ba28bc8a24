//! Weak references (`Heap::register_weak`): rewritten when their target moves, cleared
//! when it dies, dropped with their holder, and queued for the client when asked.

use gc::{GcClient, Heap, HeapConfig, Kind, Layout, Mode, ObjRef, RawRef, Trace, Tracer};

/// `node`: every word a strong reference. `weak`: word 0 strong (a callback, say),
/// word 1 the weak word (not traced).
fn heap(config: HeapConfig) -> (Heap, Kind, Kind) {
    let mut h = Heap::new(config).unwrap();
    let node = h.register(Layout::new("node", Trace::Tail { first: 0 }));
    let weak = h.register(Layout::new("weak", Trace::Words { first: 0, count: 1 }));
    (h, node, weak)
}

fn poisoned() -> HeapConfig {
    HeapConfig {
        poison: true,
        verify: true,
        ..HeapConfig::default()
    }
}

struct Roots(Vec<RawRef>);
impl GcClient for Roots {
    fn trace_roots(&mut self, t: &mut Tracer<'_>) {
        t.root_set("test roots");
        for r in &mut self.0 {
            t.edge(r);
        }
    }
}

/// A weak holder of `target`, registered.
fn weak_to<'h>(h: &'h Heap, weak: Kind, target: ObjRef<'_>, notify: bool) -> ObjRef<'h> {
    let w = h.alloc(weak, 16).unwrap();
    w.set_word(1, target.addr() as u64);
    h.register_weak(w, 1, notify);
    w
}

fn target_of(h: &Heap, r: RawRef) -> usize {
    // SAFETY: a root just updated by the collection.
    let w = unsafe { h.resolve(r) }.unwrap();
    h.weak_target(w, 1).addr()
}

#[test]
fn target_that_survives_is_followed_when_it_moves() {
    for config in [HeapConfig::default(), poisoned()] {
        let (mut h, node, weak) = heap(config);
        let t = h.alloc(node, 8).unwrap();
        let w = weak_to(&h, weak, t, true);
        let mut roots = Roots(vec![t.raw(), w.raw()]);
        for _ in 0..3 {
            let before = roots.0[0].addr();
            h.collect(&mut roots).unwrap();
            assert_ne!(roots.0[0].addr(), before, "the target moved");
            assert_eq!(target_of(&h, roots.0[1]), roots.0[0].addr());
        }
        // SAFETY: a root just updated.
        let t = unsafe { h.resolve(roots.0[0]) }.unwrap();
        let holders: Vec<usize> = h.weak_holders(t).iter().map(|o| o.addr()).collect();
        assert_eq!(holders, [roots.0[1].addr()]);
        assert_eq!(h.weak_cleared_pending(), 0);
        assert_eq!(h.stats().weak_cleared, 0);
    }
}

#[test]
fn target_that_dies_is_cleared_and_its_holder_queued() {
    for config in [HeapConfig::default(), poisoned()] {
        let (mut h, node, weak) = heap(config);
        let t = h.alloc(node, 8).unwrap();
        let told = weak_to(&h, weak, t, true);
        let silent = weak_to(&h, weak, t, false);
        let mut roots = Roots(vec![told.raw(), silent.raw()]);
        h.collect(&mut roots).unwrap();
        assert_eq!(target_of(&h, roots.0[0]), 0);
        assert_eq!(target_of(&h, roots.0[1]), 0);
        assert_eq!(h.stats().weak_cleared, 2);
        // Only the holder that asked is queued; the queue keeps it alive across
        // collections until taken.
        assert_eq!(h.weak_cleared_pending(), 1);
        roots.0.clear();
        h.collect(&mut roots).unwrap();
        let r = h.pop_weak_cleared().expect("queued");
        assert_eq!(h.weak_target(h.get(&r), 1), RawRef::NULL);
        h.unroot(r);
        assert!(h.pop_weak_cleared().is_none());
        assert_eq!(h.weak_count(), 0, "cleared words are not kept");
    }
}

#[test]
fn a_dead_holder_is_dropped_and_does_not_keep_its_target() {
    let (mut h, node, weak) = heap(poisoned());
    let t = h.alloc(node, 8).unwrap();
    let _ = weak_to(&h, weak, t, true);
    let mut roots = Roots(vec![t.raw()]);
    assert_eq!(h.weak_count(), 1);
    h.collect(&mut roots).unwrap();
    assert_eq!(h.weak_count(), 0);
    assert_eq!(h.weak_cleared_pending(), 0);
    // SAFETY: a root just updated.
    let t = unsafe { h.resolve(roots.0[0]) }.unwrap();
    assert!(h.weak_holders(t).is_empty());

    // A holder and target that die together: nothing queued, nothing left.
    let w = weak_to(&h, weak, t, true);
    let _ = w;
    roots.0.clear();
    h.collect(&mut roots).unwrap();
    assert_eq!((h.weak_count(), h.weak_cleared_pending()), (0, 0));
    assert_eq!(h.stats().objects_copied, 1);
}

#[test]
fn many_references_to_one_target() {
    for config in [HeapConfig::default(), poisoned()] {
        let (mut h, node, weak) = heap(config);
        let t = h.alloc(node, 8).unwrap();
        let mut roots = Roots(vec![t.raw()]);
        for i in 0..200 {
            let w = weak_to(&h, weak, t, true);
            // Every other holder is kept.
            if i % 2 == 0 {
                roots.0.push(w.raw());
            }
        }
        h.collect(&mut roots).unwrap();
        assert_eq!(h.weak_count(), 100);
        let now = roots.0[0].addr();
        for &w in &roots.0[1..] {
            assert_eq!(target_of(&h, w), now);
        }
        // SAFETY: a root just updated.
        let t = unsafe { h.resolve(roots.0[0]) }.unwrap();
        let holders: Vec<RawRef> = h.weak_holders(t).iter().map(|o| o.raw()).collect();
        assert_eq!(holders, roots.0[1..], "in registration order");

        // The target dies: every holder is cleared and queued, in registration order.
        let holders = roots.0.split_off(1);
        roots.0 = holders.clone();
        h.collect(&mut roots).unwrap();
        let mut queued = Vec::new();
        while let Some(r) = h.pop_weak_cleared() {
            queued.push(h.get(&r).raw());
            h.unroot(r);
        }
        assert_eq!(queued, roots.0);
        assert!(roots.0.iter().all(|&w| target_of(&h, w) == 0));
    }
}

#[test]
fn immortal_and_large_targets_stay() {
    let (mut h, node, weak) = heap(poisoned());
    let imm = h.alloc_immortal(node, 8).unwrap();
    let big = h.alloc(node, 1 << 20).unwrap();
    assert!(big.is_large());
    let w1 = weak_to(&h, weak, imm, true);
    let w2 = weak_to(&h, weak, big, true);
    let big_addr = big.addr();
    let imm_addr = imm.addr();
    let mut roots = Roots(vec![w1.raw(), w2.raw(), big.raw()]);
    h.collect(&mut roots).unwrap();
    assert_eq!(target_of(&h, roots.0[0]), imm_addr);
    assert_eq!(target_of(&h, roots.0[1]), big_addr);
    // The large object dies.
    roots.0.pop();
    h.collect(&mut roots).unwrap();
    assert_eq!(target_of(&h, roots.0[0]), imm_addr);
    assert_eq!(target_of(&h, roots.0[1]), 0);
    assert_eq!(h.weak_cleared_pending(), 1);
}

#[test]
fn finalization_resurrects_holders_but_not_weak_targets() {
    let (mut h, node, weak) = heap(poisoned());
    // A dead finalizable node holds a weak holder (to a live target) and a plain node
    // that is the target of a rooted weak holder.
    let live = h.alloc(node, 8).unwrap();
    let fin = h.alloc(node, 16).unwrap();
    let inner = h.alloc(node, 8).unwrap();
    let held = weak_to(&h, weak, live, true);
    fin.set_word(0, held.addr() as u64);
    fin.set_word(1, inner.addr() as u64);
    h.register_finalizer(fin);
    let watcher = weak_to(&h, weak, inner, true);
    let mut roots = Roots(vec![live.raw(), watcher.raw()]);
    h.collect(&mut roots).unwrap();

    // `inner` was garbage when weak references were processed: cleared, as CPython
    // clears weak references to everything unreachable before running finalizers.
    assert_eq!(target_of(&h, roots.0[1]), 0);
    assert_eq!(h.weak_cleared_pending(), 1);
    // `held` was resurrected with `fin`: its word follows the live target.
    let r = h.pop_finalizable().expect("fin queued");
    let fin = h.get(&r);
    let held = fin.get_ref(0).unwrap();
    assert_eq!(h.weak_target(held, 1).addr(), roots.0[0].addr());
    assert_eq!(h.weak_count(), 1, "the resurrected holder stays registered");
    let held_raw = held.raw();
    roots.0.push(held_raw);
    h.unroot(r);
    h.collect(&mut roots).unwrap();
    assert_eq!(target_of(&h, roots.0[2]), roots.0[0].addr());
}

#[test]
fn torture_mode_moves_everything_every_time() {
    let (mut h, node, weak) = heap(HeapConfig {
        mode: Mode::Torture,
        ..poisoned()
    });
    let t = h.alloc(node, 8).unwrap();
    let w = weak_to(&h, weak, t, false);
    let mut roots = Roots(vec![t.raw(), w.raw()]);
    for _ in 0..20 {
        assert!(h.safepoint(&mut roots).unwrap());
        assert_eq!(target_of(&h, roots.0[1]), roots.0[0].addr());
    }
    assert!(h.verify(&mut roots).is_empty());
}
