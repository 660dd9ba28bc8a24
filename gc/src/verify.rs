//! Verification: after a collection, walk every space and check that every reference
//! points at the start of a live object in the current semispace, the immortal space or
//! the large-object space, and that immortal objects holding movable references are in the
//! remembered set (the write barrier was used), and that every registered weak word is
//! cleared or points at a live object.

use std::collections::HashSet;

use crate::client::{EdgeSink, GcClient, GcObject, Tracer};
use crate::error::{Holder, Violation};
use crate::header::{self, flag, HEADER_BYTES};
use crate::heap::Heap;
use crate::layout::{is_ref, Layout, Trace};

/// Object starts of a contiguous space, one bit per word.
struct Starts {
    lo: usize,
    bits: Vec<u64>,
}

impl Starts {
    fn new(lo: usize, hi: usize) -> Starts {
        Starts {
            lo,
            bits: vec![0; (hi - lo) / 8 / 64 + 1],
        }
    }
    fn set(&mut self, a: usize) {
        let w = (a - self.lo) / 8;
        self.bits[w / 64] |= 1 << (w % 64);
    }
    fn has(&self, a: usize) -> bool {
        if a < self.lo {
            return false;
        }
        let w = (a - self.lo) / 8;
        self.bits
            .get(w / 64)
            .is_some_and(|b| b & (1 << (w % 64)) != 0)
    }
}

struct Checker<'a> {
    heap: &'a Heap,
    space: Starts,
    immortal: Starts,
    large: HashSet<usize>,
    /// The object being checked, and whether it is immortal.
    current: Option<(usize, bool)>,
    source: &'static str,
    /// An immortal object seen holding a non-immortal reference.
    needs_barrier: bool,
    violations: Vec<Violation>,
}

impl Checker<'_> {
    fn check(&mut self, slot: usize, v: u64) {
        if !is_ref(v) {
            return;
        }
        let a = v as usize;
        let ok_space = self.space.has(a);
        let ok_imm = self.immortal.has(a);
        let ok = ok_space || ok_imm || self.large.contains(&a);
        if ok && !ok_imm && matches!(self.current, Some((_, true))) {
            self.needs_barrier = true;
        }
        if ok {
            return;
        }
        let problem = if self.heap.semispace_range().contains(&a) {
            format!("{a:#x} is inside the current semispace but not at an object start")
        } else {
            self.heap.describe_bad_address(a)
        };
        self.report(slot, a, problem);
    }

    fn report(&mut self, slot: usize, value: usize, problem: String) {
        let holder = match self.current {
            None => Holder::Root {
                source: self.source,
                slot,
            },
            Some((addr, _)) => {
                // SAFETY: the object being checked has a valid header (it was walked).
                let h = unsafe { header::load(addr) };
                let body = addr + HEADER_BYTES;
                Holder::Object {
                    addr,
                    kind: layout_name(&self.heap.layouts, header::kind_of(h)),
                    offset: (slot >= body && slot < addr + header::size_of(h)).then(|| slot - body),
                    slot,
                }
            }
        };
        self.violations.push(Violation {
            holder,
            value,
            problem,
        });
    }

    fn check_object(&mut self, obj: usize, client: &mut dyn GcClient) {
        // SAFETY: `obj` was found by walking a space: its header is valid.
        let h = unsafe { header::load(obj) };
        let immortal = header::flags_of(h) & flag::IMMORTAL != 0;
        self.current = Some((obj, immortal));
        self.needs_barrier = false;
        let words = (header::size_of(h) - HEADER_BYTES) / 8;
        let body = (obj + HEADER_BYTES) as *const u64;
        let range = match self
            .heap
            .layouts
            .get(header::kind_of(h) as usize)
            .map(|l| l.trace)
        {
            Some(Trace::None) => 0..0,
            Some(Trace::Words { first, count }) => {
                first as usize..(first as usize + count as usize).min(words)
            }
            Some(Trace::Tail { first }) => first as usize..words,
            Some(Trace::Custom) => {
                client.trace_object(GcObject { addr: obj }, &mut Tracer { sink: self });
                0..0
            }
            None => {
                self.report(obj, h as usize, "unregistered object kind".into());
                0..0
            }
        };
        for i in range {
            // SAFETY: within the body.
            let v = unsafe { *body.add(i) };
            self.check(body.wrapping_add(i) as usize, v);
        }
        let custom = matches!(
            self.heap
                .layouts
                .get(header::kind_of(h) as usize)
                .map(|l| l.trace),
            Some(Trace::Custom)
        );
        if !custom && header::flags_of(h) & flag::EXTERNAL != 0 {
            client.trace_external(GcObject { addr: obj }, &mut Tracer { sink: self });
        }
        if immortal && self.needs_barrier && header::flags_of(h) & flag::REMEMBERED == 0 {
            self.report(
                obj,
                obj,
                "immortal object holds a movable reference but is not remembered \
                 (a store bypassed the write barrier)"
                    .into(),
            );
        }
        self.current = None;
    }
}

impl EdgeSink for Checker<'_> {
    unsafe fn edge(&mut self, slot: *mut u64) -> bool {
        // SAFETY: the caller promises a readable word.
        let v = unsafe { *slot };
        let before = self.violations.len();
        self.check(slot as usize, v);
        self.violations.len() == before
    }

    fn enter_root_set(&mut self, source: &'static str) {
        self.source = source;
    }
}

fn layout_name(layouts: &[Layout], kind: u16) -> &'static str {
    layouts.get(kind as usize).map_or("?", |l| l.name)
}

/// Walks [lo, hi) header by header; returns the starts, reporting a broken walk.
fn walk(lo: usize, hi: usize, what: &'static str, out: &mut Vec<Violation>) -> Vec<usize> {
    let mut objs = Vec::new();
    let mut a = lo;
    while a < hi {
        // SAFETY: inside the allocated part of a space.
        let h = unsafe { header::load(a) };
        let size = header::size_of(h);
        if header::is_forwarded(h)
            || !header::has_magic(h)
            || size < HEADER_BYTES
            || !size.is_multiple_of(8)
            || a + size > hi
        {
            out.push(Violation {
                holder: Holder::Root {
                    source: what,
                    slot: a,
                },
                value: h as usize,
                problem: format!("heap walk found a broken header at {a:#x}"),
            });
            break;
        }
        objs.push(a);
        a += size;
    }
    objs
}

impl Heap {
    /// Checks the whole heap now. Runs after every collection when `verify` is set;
    /// callable at any time.
    pub fn verify(&self, client: &mut dyn GcClient) -> Vec<Violation> {
        let mut violations = Vec::new();
        let space = self.semispace_range();
        let space_objs = walk(space.start, space.end, "semispace", &mut violations);
        let (ilo, ihi) = (self.immortal.base(), self.immortal_top.get());
        let imm_objs = walk(ilo, ihi, "immortal space", &mut violations);
        let large: HashSet<usize> = self.large.borrow().objects.keys().copied().collect();

        let mut c = Checker {
            heap: self,
            space: Starts::new(space.start, space.end),
            immortal: Starts::new(ilo, ihi),
            large: large.clone(),
            current: None,
            source: "",
            needs_barrier: false,
            violations,
        };
        for &a in &space_objs {
            c.space.set(a);
        }
        for &a in &imm_objs {
            c.immortal.set(a);
        }
        for &a in space_objs.iter().chain(&imm_objs).chain(&large) {
            c.check_object(a, client);
        }
        c.source = "heap roots";
        for (i, &a) in self.roots.borrow().slots.iter().enumerate() {
            if a != 0 {
                c.check(i, a as u64);
            }
        }
        c.source = "finalization queue";
        for (i, &a) in self.final_queue.borrow().iter().enumerate() {
            c.check(i, a as u64);
        }
        c.source = "weak-reference cleared queue";
        for (i, &a) in self.weak.borrow().cleared.iter().enumerate() {
            c.check(i, a as u64);
        }
        // Weak words: their holders must be live objects, and each word either cleared or
        // the address of a live object (the collection rewrote it).
        c.source = "weak-reference table";
        for (holder, word) in self.weak.borrow().words() {
            c.check(holder, holder as u64);
            c.current = Some((holder, false));
            c.check(holder, word);
            c.current = None;
        }
        c.source = "client roots";
        client.trace_roots(&mut Tracer { sink: &mut c });
        c.violations
    }
}
