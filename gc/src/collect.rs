//! A collection: Cheney copy of everything reachable into a fresh to-space, then
//! finalization, the sweep of external parts and large objects, and retirement of the old
//! space.
//!
//! Phases, in order:
//! 1. prepare the to-space (the idle semispace, or a fresh mapping in poison mode); if the
//!    OS refuses the memory, skip the collection (nothing has moved yet);
//! 2. evacuate the roots: the heap's root table, the finalization queue, the remembered
//!    immortal objects, the client's roots;
//! 3. scan to-space in order (and the grey large objects) until nothing is left;
//! 4. weak references are rewritten or cleared (`weak.rs`); then finalizable objects found
//!    dead are evacuated with what they reach and queued, and weak references held by
//!    resurrected objects are kept;
//! 5. external parts of dead objects are dropped, dead large objects freed;
//! 6. the old space retires (kept for reuse, or poisoned and protected); verify if asked.

use std::io;
use std::mem;
use std::time::Instant;

use crate::client::{prefetch, EdgeSink, GcClient, GcObject, Tracer};
use crate::config::HeapConfig;
use crate::error::{CollectionFailure, HeapCorruption, Holder, Violation};
use crate::header::{self, flag, HEADER_BYTES};
use crate::heap::Heap;
use crate::large::LargeSpace;
use crate::layout::{is_ref, Layout, Trace};
use crate::region::Region;

/// Where the slots being visited belong, for reports.
#[derive(Clone, Copy)]
enum Ctx {
    Root(&'static str),
    Object(usize),
}

/// Slots waiting for evacuation after their target was prefetched.
const QUEUE: usize = 8;
/// Distance from the last copied object under which a target is evacuated at once.
const NEAR: usize = 4096;
/// How many objects ahead of the scan `Custom` objects get their external memory
/// prefetched (`GcClient::prefetch_object`).
const AHEAD: usize = 8;

/// Copies an object word by word: most objects are a few words long, where a loop the
/// compiler unrolls beats a call to `memcpy`.
///
/// # Safety
/// Both ranges must be valid for `size` bytes, aligned, and disjoint.
#[inline(always)]
unsafe fn copy_object(src: *const u64, dst: *mut u64, size: usize) {
    if size <= 64 {
        for i in 0..size / 8 {
            // SAFETY: within both objects.
            unsafe { *dst.add(i) = *src.add(i) };
        }
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { std::ptr::copy_nonoverlapping(src as *const u8, dst as *mut u8, size) };
    }
}

pub(crate) struct Copier<'a> {
    from_lo: usize,
    from_used: usize,
    to_lo: usize,
    to_top: usize,
    scan: usize,
    immortal_lo: usize,
    immortal_hi: usize,
    layouts: &'a [Layout],
    large: &'a mut LargeSpace,
    grey: Vec<usize>,
    ctx: Ctx,
    pub(crate) violations: Vec<Violation>,
    objects: usize,
    /// (slot, object holding it)
    queue: [(*mut u64, usize); QUEUE],
    qhead: usize,
    queued: usize,
    /// From-space address of the last object copied.
    last_src: usize,
    /// Whether any layout is `Custom` (only then does the scan look ahead).
    lookahead: bool,
    /// The next to-space object the look-ahead will consider, and how many objects it is
    /// ahead of the scan.
    ahead: usize,
    ahead_n: usize,
}

impl Copier<'_> {
    /// Moves the object a slot refers to (once) and rewrites the slot.
    /// `owner` is the object holding the slot (0 for a root slot: see `ctx`), used only to
    /// report a bad reference.
    #[inline(always)]
    fn evacuate(&mut self, slot: *mut u64, owner: usize) {
        // SAFETY: every slot handed to the copier is a readable, writable word (body words
        // within bounds, root slots, or client slots promised by `edge_at`'s contract).
        let v = unsafe { *slot };
        let off = (v as usize).wrapping_sub(self.from_lo);
        if off < self.from_used && v & 7 == 0 {
            // SAFETY: inside the allocated part of from-space, aligned.
            let h = unsafe { header::load(v as usize) };
            if header::is_forwarded(h) {
                // SAFETY: see above.
                unsafe { *slot = h & !header::FORWARDED };
                return;
            }
            let size = header::size_of(h);
            if !header::has_magic(h) || size < HEADER_BYTES || off + size > self.from_used {
                return self.bad(
                    slot,
                    v,
                    owner,
                    "points into from-space but not at an object header",
                );
            }
            let dst = self.to_top;
            self.to_top += size;
            self.last_src = v as usize;
            self.objects += 1;
            // SAFETY: to-space was committed for all of from-space before copying, and the
            // two spaces never overlap; the header word of the old copy becomes the
            // forwarding address.
            unsafe {
                copy_object(v as *const u64, dst as *mut u64, size);
                header::store(v as usize, dst as u64 | header::FORWARDED);
                *slot = dst as u64;
            }
        } else if is_ref(v) {
            self.evacuate_other(slot, v, owner);
        }
    }

    #[cold]
    fn evacuate_other(&mut self, slot: *mut u64, v: u64, owner: usize) {
        let a = v as usize;
        if a >= self.immortal_lo && a < self.immortal_hi {
            return;
        }
        if a >= self.to_lo && a < self.to_top {
            // Already updated (a client may visit the same slot twice).
            return;
        }
        if self.large.contains(a) {
            // SAFETY: a live large object's header.
            let h = unsafe { header::load(a) };
            let f = header::flags_of(h);
            if f & flag::MARKED == 0 {
                // SAFETY: as above.
                unsafe { header::store(a, header::with_flags(h, f | flag::MARKED)) };
                self.grey.push(a);
            }
            return;
        }
        self.bad(slot, v, owner, "");
    }

    #[cold]
    fn bad(&mut self, slot: *mut u64, v: u64, owner: usize, problem: &str) {
        if owner != 0 {
            self.ctx = Ctx::Object(owner);
        }
        let holder = self.holder(slot as usize);
        self.violations.push(Violation {
            holder,
            value: v as usize,
            problem: problem.to_string(),
        });
    }

    fn holder(&self, slot: usize) -> Holder {
        match self.ctx {
            Ctx::Root(source) => Holder::Root { source, slot },
            Ctx::Object(addr) => {
                // SAFETY: the object being scanned is readable.
                let h = unsafe { header::load(addr) };
                let body = addr + HEADER_BYTES;
                let kind = self
                    .layouts
                    .get(header::kind_of(h) as usize)
                    .map_or("?", |l| l.name);
                let offset =
                    (slot >= body && slot < addr + header::size_of(h)).then(|| slot - body);
                Holder::Object {
                    addr,
                    kind,
                    offset,
                    slot,
                }
            }
        }
    }

    /// Visits the reference slots of the (already copied or non-moving) object at `obj`.
    /// Returns the object's size.
    #[inline(always)]
    fn scan_object(&mut self, obj: usize, client: &mut dyn GcClient) -> usize {
        // SAFETY: `obj` is a copied, immortal or large object: its header is valid.
        let h = unsafe { header::load(obj) };
        let size = header::size_of(h);
        let words = (size - HEADER_BYTES) / 8;
        let body = (obj + HEADER_BYTES) as *mut u64;
        let Some(layout) = self.layouts.get(header::kind_of(h) as usize) else {
            self.ctx = Ctx::Object(obj);
            self.violations.push(Violation {
                holder: self.holder(obj),
                value: h as usize,
                problem: format!("unregistered object kind {}", header::kind_of(h)),
            });
            return size;
        };
        match layout.trace {
            Trace::None => {}
            Trace::Words { first, count } => {
                let end = (first as usize + count as usize).min(words);
                for i in first as usize..end {
                    self.enqueue(body.wrapping_add(i), obj);
                }
            }
            Trace::Tail { first } => {
                for i in first as usize..words {
                    self.enqueue(body.wrapping_add(i), obj);
                }
            }
            Trace::Custom => {
                self.ctx = Ctx::Object(obj);
                let mut t = Tracer { sink: self };
                client.trace_object(GcObject { addr: obj }, &mut t);
                return size;
            }
        }
        if header::flags_of(h) & flag::EXTERNAL != 0 {
            self.ctx = Ctx::Object(obj);
            client.trace_external(GcObject { addr: obj }, &mut Tracer { sink: self });
        }
        size
    }

    /// Keeps the look-ahead `AHEAD` objects in front of the scan, asking the client to
    /// prefetch what it will read when tracing each `Custom` object: a payload outside the
    /// heap costs a cache miss per object otherwise, which this overlaps.
    #[inline(always)]
    fn look_ahead(&mut self, client: &mut dyn GcClient) {
        if self.ahead < self.scan {
            self.ahead = self.scan;
            self.ahead_n = 0;
        }
        while self.ahead_n < AHEAD && self.ahead < self.to_top {
            let obj = self.ahead;
            // SAFETY: a copied object in to-space: its header is valid.
            let h = unsafe { header::load(obj) };
            let custom = matches!(
                self.layouts
                    .get(header::kind_of(h) as usize)
                    .map(|l| l.trace),
                Some(Trace::Custom)
            );
            if custom {
                client.prefetch_object(GcObject { addr: obj });
            }
            self.ahead += header::size_of(h);
            self.ahead_n += 1;
        }
    }

    /// Scans to-space in order, and grey large objects, until both are exhausted.
    fn drain(&mut self, client: &mut dyn GcClient) {
        loop {
            while self.scan < self.to_top {
                if self.lookahead {
                    self.look_ahead(client);
                    self.ahead_n -= 1;
                }
                let obj = self.scan;
                self.scan += self.scan_object(obj, client);
                if self.scan >= self.to_top {
                    self.flush();
                }
            }
            self.flush();
            if self.scan < self.to_top {
                continue;
            }
            match self.grey.pop() {
                Some(obj) => {
                    self.scan_object(obj, client);
                }
                None => break,
            }
        }
    }

    /// Queues a body slot of a copied object: its target is prefetched now and evacuated
    /// a few slots later, when its header is likely in cache. Only body slots go through
    /// the queue (they stay put during the collection); root and client slots are
    /// evacuated at once, since the client may reuse them as soon as `edge` returns.
    #[inline(always)]
    fn enqueue(&mut self, slot: *mut u64, owner: usize) {
        // SAFETY: a body word of a copied, immortal or large object.
        let v = unsafe { *slot };
        if (v as usize).wrapping_sub(self.from_lo) >= self.from_used {
            if is_ref(v) {
                self.evacuate_other(slot, v, owner);
            }
            return;
        }
        // A target next to the last object copied is already on its way into the cache
        // (the hardware prefetcher follows sequential copying): no need to wait.
        if (v as usize).abs_diff(self.last_src) < NEAR {
            return self.evacuate(slot, owner);
        }
        prefetch(v as usize);
        if self.queued == QUEUE {
            let e = self.queue[self.qhead];
            self.queue[self.qhead] = (slot, owner);
            self.qhead = (self.qhead + 1) % QUEUE;
            self.evacuate_queued(e);
        } else {
            self.queue[(self.qhead + self.queued) % QUEUE] = (slot, owner);
            self.queued += 1;
        }
    }

    #[inline(always)]
    fn evacuate_queued(&mut self, (slot, owner): (*mut u64, usize)) {
        self.evacuate(slot, owner);
    }

    /// Evacuates everything still queued.
    fn flush(&mut self) {
        while self.queued > 0 {
            let e = self.queue[self.qhead];
            self.qhead = (self.qhead + 1) % QUEUE;
            self.queued -= 1;
            self.evacuate_queued(e);
        }
    }

    /// Evacuates one object given by address; returns its new address.
    fn evacuate_addr(&mut self, addr: usize) -> usize {
        let mut w = addr as u64;
        self.evacuate(&mut w, 0);
        w as usize
    }

    /// Where the object at `addr` is now, if it is alive: its copy if it was forwarded,
    /// itself if it is immortal or a marked large object (a from-space, immortal or
    /// large-object address, as weak words hold).
    pub(crate) fn current(&self, addr: usize) -> Option<usize> {
        if addr >= self.immortal_lo && addr < self.immortal_hi {
            return Some(addr);
        }
        if addr >= self.to_lo && addr < self.to_top {
            return Some(addr);
        }
        self.survivor(addr)
    }

    /// Is the object at `addr` (in from-space or the large space) alive? If so, its current
    /// address.
    fn survivor(&self, addr: usize) -> Option<usize> {
        // SAFETY: `addr` came from a weak list of live-at-last-collection objects: a
        // from-space or large-object header.
        let h = unsafe { header::load(addr) };
        if addr.wrapping_sub(self.from_lo) < self.from_used {
            header::is_forwarded(h).then_some((h & !header::FORWARDED) as usize)
        } else {
            (header::flags_of(h) & flag::MARKED != 0).then_some(addr)
        }
    }
}

impl EdgeSink for Copier<'_> {
    unsafe fn edge(&mut self, slot: *mut u64) -> bool {
        let before = self.violations.len();
        self.evacuate(slot, 0);
        self.violations.len() == before
    }

    fn enter_root_set(&mut self, source: &'static str) {
        self.ctx = Ctx::Root(source);
    }
}

impl Heap {
    /// Collects now, whatever the mode. Returns the bad references found (which were left
    /// unchanged) as an error; the heap stays usable for everything that was valid. When
    /// the OS refuses memory for the to-space, nothing moves and the skip is recorded
    /// ([`Heap::last_collection_failure`]); that is not an error.
    pub fn collect(&mut self, client: &mut dyn GcClient) -> Result<(), HeapCorruption> {
        let start = Instant::now();
        let n = self.stats.collections + 1;
        let from_lo = self.space.base();
        let from_used = self.top.get() - from_lo;

        // 1. The to-space must hold everything in from-space in the worst case. Nothing
        // has moved yet: if the OS refuses the memory, the collection is skipped.
        let to = match self.prepare_to_space(from_used) {
            Ok(to) => to,
            Err(failure) => {
                self.skip_collection(failure);
                return Ok(());
            }
        };

        let mut remembered = mem::take(&mut *self.remembered.borrow_mut());
        let mut finalizable = mem::take(&mut *self.finalizable.borrow_mut());
        let mut externals = mem::take(&mut *self.externals.borrow_mut());
        let large = self.large.get_mut();
        let mut c = Copier {
            from_lo,
            from_used,
            to_lo: to.base(),
            to_top: to.base(),
            scan: to.base(),
            immortal_lo: self.immortal.base(),
            immortal_hi: self.immortal_top.get(),
            layouts: &self.layouts,
            large,
            grey: Vec::new(),
            ctx: Ctx::Root("heap roots"),
            violations: Vec::new(),
            objects: 0,
            queue: [(std::ptr::null_mut(), 0); QUEUE],
            qhead: 0,
            queued: 0,
            last_src: 0,
            lookahead: self.layouts.iter().any(|l| l.trace == Trace::Custom),
            ahead: 0,
            ahead_n: 0,
        };

        // 2. Roots.
        for slot in self.roots.get_mut().slots.iter_mut() {
            if *slot != 0 {
                c.evacuate(slot as *mut usize as *mut u64, 0);
            }
        }
        c.ctx = Ctx::Root("finalization queue");
        for slot in self.final_queue.get_mut().iter_mut() {
            c.evacuate(slot as *mut usize as *mut u64, 0);
        }
        let weak = self.weak.get_mut();
        c.ctx = Ctx::Root("weak-reference cleared queue");
        for slot in weak.cleared_slots() {
            c.evacuate(slot as *mut usize as *mut u64, 0);
        }
        for &obj in &remembered {
            c.scan_object(obj, client);
        }
        c.ctx = Ctx::Root("client roots");
        client.trace_roots(&mut Tracer { sink: &mut c });

        // 3. Everything reachable.
        c.drain(client);

        // 4. Weak references, before anything dead is resurrected.
        self.stats.weak_cleared += weak.after_marking(&c);

        // Dead finalizable objects: decide who is dead before resurrecting anyone, so
        // that all members of a dead cycle are finalized.
        let mut dead = Vec::new();
        finalizable.retain_mut(|a| match c.survivor(*a) {
            Some(now) => {
                *a = now;
                true
            }
            None => {
                dead.push(*a);
                false
            }
        });
        for a in dead {
            let now = c.evacuate_addr(a);
            // Finalize once: the copy is no longer registered.
            // SAFETY: `now` is the live copy's header.
            unsafe {
                let h = header::load(now);
                header::store(
                    now,
                    header::with_flags(h, header::flags_of(h) & !flag::FINALIZABLE),
                );
            }
            self.final_queue.get_mut().push_back(now);
            self.stats.finalizers_queued += 1;
        }
        c.drain(client);
        weak.after_resurrection(&c);

        // 5. External parts of the dead, then dead large objects.
        externals.retain_mut(|a| match c.survivor(*a) {
            Some(now) => {
                *a = now;
                true
            }
            None => {
                client.drop_external(GcObject { addr: *a });
                self.stats.externals_dropped += 1;
                false
            }
        });
        let to_top = c.to_top;
        let objects = c.objects;
        let mut violations = mem::take(&mut c.violations);
        sweep_large(c.large, &self.config, n, &mut self.stats.large_freed);

        for v in violations.iter_mut().filter(|v| v.problem.is_empty()) {
            v.problem = self.describe_bad_address(v.value);
        }

        // Keep in the remembered set only the immortal objects that still refer to
        // movable or large objects (custom layouts are kept: we cannot see their slots).
        let (ilo, ihi) = (self.immortal.base(), self.immortal_top.get());
        remembered.retain(|&obj| {
            let keep = still_remembered(&self.layouts, obj, ilo, ihi);
            if !keep {
                // SAFETY: an immortal header.
                unsafe {
                    let h = header::load(obj);
                    header::store(
                        obj,
                        header::with_flags(h, header::flags_of(h) & !flag::REMEMBERED),
                    );
                }
            }
            keep
        });
        *self.remembered.get_mut() = remembered;
        *self.finalizable.get_mut() = finalizable;
        *self.externals.get_mut() = externals;

        // 6. Retire from-space.
        let old = mem::replace(&mut self.space, to);
        let live = to_top - self.space.base();
        self.top.set(to_top);
        let threshold = self
            .config
            .min_threshold
            .max((live as f64 * self.config.growth) as usize);
        self.trigger.set(self.space.base() + live + threshold);
        if self.config.poison {
            old.poison(from_used);
            self.retired.push_back((old, n));
            // One more than the quarantine: the oldest becomes the next to-space.
            while self.retired.len() > self.config.quarantine + 1 {
                self.retired.pop_front();
            }
        } else {
            // Keep the pages the next collection will need; give back the rest.
            old.release_from(live + threshold);
            self.space.release_from(live + threshold);
            self.spare = Some(old);
        }
        self.reset_budget();
        self.update_limit();

        self.stats.collections = n;
        self.stats.objects_copied += objects as u64;
        self.stats.bytes_copied += live as u64;
        self.stats.last_objects_copied = objects;
        self.stats.last_bytes_copied = live;
        self.stats.last_bytes_before = from_used;
        self.stats.semispace.set(live.max(from_used));
        self.stats
            .pause_ns
            .push(start.elapsed().as_nanos().min(u64::MAX as u128) as u64);

        if self.config.verify {
            violations.extend(self.verify(client));
        }
        let s = self.stats();
        self.stats.semispace = s.semispace;
        self.stats.immortal = s.immortal;
        self.stats.large = s.large;
        if violations.is_empty() {
            Ok(())
        } else {
            Err(HeapCorruption {
                collection: n,
                violations,
            })
        }
    }
}

impl Heap {
    /// Why the last skipped collection could not run (the OS refused memory for its
    /// to-space), if one was skipped.
    pub fn last_collection_failure(&self) -> Option<&CollectionFailure> {
        self.stats.last_collection_failure.as_ref()
    }

    /// How many collections were skipped because the OS refused memory.
    pub fn collections_skipped(&self) -> u64 {
        self.stats.collections_skipped
    }

    /// A to-space committed for `from_used` bytes: the idle semispace, or in poison mode
    /// a fresh reservation. On failure the heap is left as it was.
    fn prepare_to_space(&mut self, from_used: usize) -> Result<Region, CollectionFailure> {
        let after_collections = self.stats.collections;
        let failure = |action, bytes, e: io::Error| CollectionFailure {
            after_collections,
            action,
            bytes,
            os_error: e.to_string(),
        };
        // Poison mode reuses the space retired `quarantine + 1` collections ago: its
        // pages are still mapped, so the copy takes no page faults and no munmap, which
        // made up half of the time of a collection of a small heap. Its addresses differ
        // from those of every space in quarantine, so a stale pointer still faults.
        let oldest = (self.config.poison && self.retired.len() > self.config.quarantine)
            .then(|| self.retired.pop_front())
            .flatten();
        let (to, from_spare, from_retired) = match (self.spare.take(), oldest) {
            (Some(r), _) => (r, true, None),
            (None, Some((r, n))) => (r, false, Some(n)),
            (None, None) => match self.reserve_fresh() {
                Ok(r) => (r, false, None),
                Err(e) => return Err(failure("reserve", self.config.cap, e)),
            },
        };
        if let Err(e) = to.commit(from_used) {
            let f = failure("commit", from_used, e);
            if from_spare {
                self.spare = Some(to);
            } else if let Some(n) = from_retired {
                self.retired.push_front((to, n));
            }
            return Err(f);
        }
        Ok(to)
    }

    /// Reserves a fresh to-space (poison mode). When the OS refuses, quarantined retired
    /// spaces are unmapped, oldest first, until it agrees: a shorter quarantine weakens
    /// poison mode a little (the new to-space may reuse those addresses, where a stale
    /// pointer no longer faults), a skipped collection stops objects moving altogether.
    fn reserve_fresh(&mut self) -> io::Result<Region> {
        loop {
            match Region::reserve(self.config.cap) {
                Ok(r) => return Ok(r),
                Err(e) => {
                    if self.retired.pop_front().is_none() {
                        return Err(e);
                    }
                    self.stats.quarantine_released += 1;
                }
            }
        }
    }

    /// Records a collection that could not start and re-arms the policy, so the next
    /// attempt comes after another threshold of allocation (or at the mode's next
    /// boundary safepoint), not at every interpreter safepoint.
    #[cold]
    fn skip_collection(&mut self, failure: CollectionFailure) {
        self.stats.collections_skipped += 1;
        self.stats.last_collection_failure = Some(failure);
        self.trigger
            .set(self.top.get().saturating_add(self.config.min_threshold));
        self.reset_budget();
        self.update_limit();
    }
}

fn sweep_large(large: &mut LargeSpace, config: &HeapConfig, n: u64, freed: &mut u64) {
    let mut dead = Vec::new();
    for (&addr, _) in large.objects.iter() {
        // SAFETY: a live large object's header.
        let h = unsafe { header::load(addr) };
        let f = header::flags_of(h);
        if f & flag::MARKED != 0 {
            // SAFETY: as above.
            unsafe { header::store(addr, header::with_flags(h, f & !flag::MARKED)) };
        } else {
            dead.push((addr, header::size_of(h)));
        }
    }
    for (addr, size) in dead {
        let region = large.objects.remove(&addr).expect("listed above");
        large.bytes -= size;
        *freed += 1;
        if config.poison {
            region.poison(size);
            large.quarantine.push_back((region, n));
            while large.quarantine.len() > config.quarantine.max(1) * 16 {
                large.quarantine.pop_front();
            }
        }
    }
}

fn still_remembered(layouts: &[Layout], obj: usize, ilo: usize, ihi: usize) -> bool {
    // SAFETY: an immortal header.
    let h = unsafe { header::load(obj) };
    let words = (header::size_of(h) - HEADER_BYTES) / 8;
    let body = (obj + HEADER_BYTES) as *const u64;
    let range = match layouts.get(header::kind_of(h) as usize).map(|l| l.trace) {
        Some(Trace::Words { first, count }) => {
            first as usize..(first as usize + count as usize).min(words)
        }
        Some(Trace::Tail { first }) => first as usize..words,
        Some(Trace::None) => 0..0,
        Some(Trace::Custom) | None => return true,
    };
    range.into_iter().any(|i| {
        // SAFETY: within the body.
        let w = unsafe { *body.add(i) } as usize;
        is_ref(w as u64) && !(w >= ilo && w < ihi)
    })
}
