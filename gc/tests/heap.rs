//! Behaviour of the heap that the property tests do not pin down: modes, the cap, large
//! objects, poison, verification reports.

use gc::{
    AllocError, GcClient, Heap, HeapConfig, Holder, Kind, Layout, Mode, NoClient, RawRef, Trace,
    Tracer, POISON_BYTE,
};

fn heap(config: HeapConfig) -> (Heap, Kind, Kind) {
    let mut h = Heap::new(config).unwrap();
    let node = h.register(Layout::new("node", Trace::Tail { first: 0 }));
    let blob = h.register(Layout::new("blob", Trace::None));
    (h, node, blob)
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

#[test]
fn torture_collects_at_every_boundary_safepoint_but_not_at_polls() {
    let (mut h, node, _) = heap(HeapConfig::with_mode(Mode::Torture));
    let r = h.root(h.alloc(node, 16).unwrap());
    for i in 1..=5 {
        let before = h.get(&r).addr();
        assert!(h.safepoint(&mut NoClient).unwrap());
        assert_eq!(h.collections(), i);
        assert_ne!(h.get(&r).addr(), before);
    }
    assert!(!h.poll(&mut NoClient).unwrap());
    assert_eq!(h.collections(), 5);
    h.unroot(r);
}

#[test]
fn every_n_collects_at_every_nth_safepoint() {
    let (mut h, _, _) = heap(HeapConfig::with_mode("every:3".parse().unwrap()));
    let mut collected = Vec::new();
    for _ in 0..9 {
        collected.push(h.safepoint(&mut NoClient).unwrap());
    }
    assert_eq!(
        collected,
        [false, false, true, false, false, true, false, false, true]
    );
}

#[test]
fn normal_mode_collects_after_the_threshold_and_allocation_never_collects() {
    let (mut h, node, _) = heap(HeapConfig {
        min_threshold: 1 << 20,
        ..HeapConfig::default()
    });
    assert!(!h.safepoint(&mut NoClient).unwrap());
    // Allocate three times the threshold without a safepoint: no collection, the space
    // grows.
    for _ in 0..(3 << 20) / 48 {
        h.alloc(node, 40).unwrap();
    }
    assert_eq!(h.collections(), 0);
    assert!(h.semispace_used() >= 3 << 20);
    assert!(h.collection_requested());
    assert!(h.poll(&mut NoClient).unwrap());
    assert_eq!(h.collections(), 1);
    assert_eq!(h.semispace_used(), 0, "nothing was rooted");
    assert!(!h.safepoint(&mut NoClient).unwrap());
}

#[test]
fn the_cap_turns_into_an_error_not_an_abort() {
    let (h, node, blob) = heap(HeapConfig {
        cap: 4 << 20,
        ..HeapConfig::default()
    });
    let mut n = 0;
    let err = loop {
        match h.alloc(node, 1000) {
            Ok(_) => n += 1,
            Err(e) => break e,
        }
    };
    assert!(matches!(err, AllocError::HeapFull { cap, .. } if cap == 4 << 20));
    assert!(n > 3000);
    assert!(matches!(
        h.alloc(blob, 8 << 20),
        Err(AllocError::HeapFull { .. })
    ));
    assert!(matches!(
        h.alloc(blob, usize::MAX - 3),
        Err(AllocError::TooLarge { .. })
    ));
    assert!(err.to_string().contains("heap cap"));
}

#[test]
fn a_100_mb_object_lives_in_the_large_space_and_is_freed_when_dead() {
    let (mut h, node, blob) = heap(HeapConfig {
        verify: true,
        ..HeapConfig::default()
    });
    let big = h.alloc(blob, 100 << 20).unwrap();
    assert!(big.is_large() && !big.is_movable());
    // SAFETY: inside the body we just allocated.
    unsafe { *big.body().add(99 << 20) = 42 };
    let holder = h.alloc(node, 8).unwrap();
    h.set_ref(holder, 0, Some(big));
    let r = h.root(holder);
    let addr = big.addr();
    for _ in 0..3 {
        h.collect(&mut NoClient).unwrap();
        let big = h.get(&r).get_ref(0).unwrap();
        assert_eq!(big.addr(), addr, "large objects do not move");
        assert_eq!(big.bytes()[99 << 20], 42);
    }
    assert!(h.stats().large.current >= 100 << 20);
    assert!(
        h.stats().last_bytes_copied < 1024,
        "the 100 MB were not copied"
    );
    h.unroot(r);
    h.collect(&mut NoClient).unwrap();
    assert_eq!(h.stats().large.current, 0);
    assert_eq!(h.stats().large_freed, 1);
}

#[test]
fn immortal_objects_point_at_movable_ones_through_the_barrier() {
    let (mut h, node, _) = heap(HeapConfig {
        verify: true,
        ..HeapConfig::default()
    });
    let imm = h.alloc_immortal(node, 16).unwrap();
    let young = h.alloc(node, 8).unwrap();
    h.set_ref(imm, 0, Some(young));
    let imm_addr = imm.addr();
    let young_addr = young.addr();
    h.collect(&mut NoClient).unwrap();
    // SAFETY: the immortal object never moves and never dies.
    let imm = unsafe { h.resolve(RawRef::from_addr(imm_addr)).unwrap() };
    let moved = imm.get_ref(0).unwrap();
    assert_ne!(moved.addr(), young_addr);
    assert_eq!(moved.kind(), node);
    // Once it no longer refers to the heap, it leaves the remembered set.
    h.set_ref(imm, 0, None);
    h.collect(&mut NoClient).unwrap();
    assert_eq!(h.semispace_used(), 0);
}

#[test]
fn verify_reports_a_store_that_bypassed_the_barrier() {
    let (mut h, node, _) = heap(HeapConfig {
        verify: true,
        ..HeapConfig::default()
    });
    let imm = h.alloc_immortal(node, 8).unwrap();
    let young = h.alloc(node, 8).unwrap();
    let r = h.root(young);
    imm.set_word(0, young.addr() as u64); // wrong: no barrier
    let err = h.collect(&mut NoClient).unwrap_err();
    assert_eq!(err.collection, 1);
    let text = err.to_string();
    assert!(
        text.contains("node object") && text.contains("body offset 0"),
        "{text}"
    );
    assert!(
        err.violations
            .iter()
            .any(|v| v.problem.contains("stale reference")),
        "{text}"
    );
    h.unroot(r);
}

#[test]
fn a_garbage_root_is_reported_with_its_root_set_and_left_alone() {
    let (mut h, node, _) = heap(HeapConfig::default());
    let good = h.alloc(node, 8).unwrap().raw();
    let mut roots = Roots(vec![
        good,
        RawRef::from_addr(0xdead_bee0),
        RawRef::from_addr(3),
    ]);
    let err = h.collect(&mut roots).unwrap_err();
    assert_eq!(err.violations.len(), 1, "{err}");
    let v = &err.violations[0];
    assert!(matches!(
        v.holder,
        Holder::Root {
            source: "test roots",
            ..
        }
    ));
    assert!(v.problem.contains("not an object of this heap"), "{v}");
    assert_eq!(roots.0[1].addr(), 0xdead_bee0, "left unchanged");
    assert_eq!(roots.0[2].addr(), 3, "an immediate is not a reference");
    assert!(h.check(roots.0[0]).is_ok());
    // The heap is still usable.
    h.collect(&mut Roots(vec![roots.0[0]])).unwrap();
}

#[test]
fn check_explains_stale_references() {
    let (mut h, node, _) = heap(HeapConfig::default());
    let stale = h.alloc(node, 8).unwrap().raw();
    let mut roots = Roots(vec![stale]);
    h.collect(&mut roots).unwrap();
    let e = h.check(stale).unwrap_err();
    assert!(e.contains("idle semispace"), "{e}");
    assert!(h.check(roots.0[0]).is_ok());
    assert!(h
        .check(RawRef::from_addr(12))
        .unwrap_err()
        .contains("not aligned"));
}

#[test]
fn poison_gives_fresh_addresses_and_explains_stale_references() {
    let (mut h, node, _) = heap(HeapConfig {
        mode: Mode::Torture,
        poison: true,
        quarantine: 3,
        ..HeapConfig::default()
    });
    let r = h.root(h.alloc(node, 8).unwrap());
    let mut seen = Vec::new();
    let mut ranges = vec![h.semispace_range().start];
    for _ in 0..6 {
        seen.push(h.get(&r).raw());
        h.safepoint(&mut NoClient).unwrap();
        ranges.push(h.semispace_range().start);
    }
    ranges.sort_unstable();
    ranges.dedup();
    assert!(ranges.len() >= 4, "fresh to-spaces: {ranges:x?}");
    let last = *seen.last().unwrap();
    let e = h.check(last).unwrap_err();
    assert!(e.contains("retired by collection #6"), "{e}");
    h.unroot(r);
}

/// Reads a word in a child process; returns the signal that killed it, if any.
fn read_in_child(addr: usize) -> Option<i32> {
    // SAFETY: the child only reads one word and exits; it touches no lock.
    unsafe {
        let pid = libc::fork();
        assert!(pid >= 0);
        if pid == 0 {
            let v = std::ptr::read_volatile(addr as *const u64);
            libc::_exit(if v == u64::from_ne_bytes([POISON_BYTE; 8]) {
                3
            } else {
                4
            });
        }
        let mut status = 0;
        libc::waitpid(pid, &mut status, 0);
        if libc::WIFSIGNALED(status) {
            Some(libc::WTERMSIG(status))
        } else {
            None
        }
    }
}

#[test]
fn touching_a_retired_copy_faults_in_poison_mode() {
    let (mut h, node, _) = heap(HeapConfig {
        poison: true,
        ..HeapConfig::default()
    });
    let r = h.root(h.alloc(node, 8).unwrap());
    let stale = h.get(&r).addr();
    assert_eq!(read_in_child(stale), None, "live memory is readable");
    h.collect(&mut NoClient).unwrap();
    assert_eq!(read_in_child(stale), Some(libc::SIGSEGV));
    assert_eq!(read_in_child(h.get(&r).addr()), None);
    h.unroot(r);
}

#[test]
fn without_poison_the_idle_space_keeps_old_bytes_but_check_rejects_them() {
    let (mut h, node, _) = heap(HeapConfig::default());
    let obj = h.alloc(node, 8).unwrap();
    let stale = obj.raw();
    let r = h.root(obj);
    h.collect(&mut NoClient).unwrap();
    assert!(h.check(stale).is_err());
    h.unroot(r);
}

#[test]
fn statistics_track_copies_and_pauses() {
    let (mut h, node, _) = heap(HeapConfig::default());
    let r = h.root(h.alloc(node, 40).unwrap());
    for _ in 0..100 {
        h.alloc(node, 40).unwrap();
    }
    h.collect(&mut NoClient).unwrap();
    let s = h.stats();
    assert_eq!(s.collections, 1);
    assert_eq!(s.last_objects_copied, 1);
    assert_eq!(s.last_bytes_copied, 48);
    assert_eq!(s.last_bytes_before, 101 * 48);
    assert!((s.survival() - 1.0 / 101.0).abs() < 1e-9);
    assert_eq!(s.semispace.current, 48);
    assert_eq!(s.semispace.peak, 101 * 48);
    assert!(s.pauses().max >= s.pauses().min);
    assert!(s.report().contains("collections: 1"));
    h.unroot(r);
}

/// Poison mode reuses retired spaces once they leave quarantine (no fresh mapping, no page
/// faults per collection), but never one still in quarantine: every to-space's address
/// differs from the spaces of the `quarantine` collections before it.
#[test]
fn poison_reuses_a_space_only_after_its_quarantine() {
    let q = 3;
    let (mut h, node, _) = heap(HeapConfig {
        mode: Mode::Torture,
        poison: true,
        quarantine: q,
        ..HeapConfig::default()
    });
    let r = h.root(h.alloc(node, 8).unwrap());
    let mut starts = vec![h.semispace_range().start];
    for _ in 0..20 {
        h.safepoint(&mut NoClient).unwrap();
        starts.push(h.semispace_range().start);
    }
    for i in 1..starts.len() {
        let recent = &starts[i.saturating_sub(q + 1)..i];
        assert!(!recent.contains(&starts[i]), "{i}: {starts:x?}");
    }
    let mut distinct = starts.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(distinct.len() <= q + 3, "spaces are reused: {starts:x?}");
    h.unroot(r);
}

#[test]
fn memory_outside_the_heap_may_grow_by_half_of_what_was_in_use_at_least_the_minimum() {
    let (mut h, _, _) = heap(HeapConfig {
        external_min: 4 << 20,
        external_growth: 0.5,
        ..HeapConfig::default()
    });
    // Little in use: the minimum applies.
    h.set_external_baseline(1 << 20);
    assert_eq!(h.external_allowance(), 4 << 20);
    assert!(!h.note_external_growth(4 << 20));
    // 20 MiB in use: half of it.
    h.set_external_baseline(20 << 20);
    assert_eq!(h.external_allowance(), 10 << 20);
    assert!(!h.note_external_growth(10 << 20));
    assert!(!h.collection_requested());
    assert!(h.note_external_growth((10 << 20) + 1));
    assert!(h.collection_requested());
    assert!(h.poll(&mut NoClient).unwrap());
}
