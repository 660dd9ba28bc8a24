//! The heap: a pair of semispaces with bump allocation, the immortal space, the large-object
//! space, the heap's own root table, the write barrier, and the safepoint policy.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::ptr;

use crate::client::GcClient;
use crate::config::{HeapConfig, Mode};
use crate::error::{AllocError, HeapCorruption};
use crate::header::{self, flag, HEADER_BYTES};
use crate::large::LargeSpace;
use crate::layout::{is_ref, Kind, Layout};
use crate::objref::{ObjRef, RawRef};
use crate::region::Region;
use crate::stats::Stats;

#[cfg(not(target_pointer_width = "64"))]
compile_error!("the heap stores references in 64-bit words");

/// A slot in the heap's own root table. Keep it while the object must survive safepoints;
/// give it back with [`Heap::unroot`] (a dropped `Root` keeps its object alive).
#[must_use = "a Root keeps its object alive until given back with Heap::unroot"]
#[derive(Debug, PartialEq, Eq)]
pub struct Root(pub(crate) u32);

#[derive(Debug, Default)]
pub(crate) struct RootTable {
    pub(crate) slots: Vec<usize>,
    free: Vec<u32>,
}

/// The moving heap. See the crate documentation for the rules.
#[derive(Debug)]
pub struct Heap {
    pub(crate) config: HeapConfig,
    pub(crate) layouts: Vec<Layout>,

    /// The semispace objects are allocated in.
    pub(crate) space: Region,
    /// The other semispace (normal mode); poison mode maps a fresh one each time.
    pub(crate) spare: Option<Region>,
    pub(crate) top: Cell<usize>,
    /// Allocation beyond this takes the slow path.
    pub(crate) limit: Cell<usize>,
    /// Allocation beyond this requests a collection.
    pub(crate) trigger: Cell<usize>,

    pub(crate) immortal: Region,
    pub(crate) immortal_top: Cell<usize>,
    pub(crate) large: RefCell<LargeSpace>,

    pub(crate) roots: RefCell<RootTable>,
    /// Immortal objects that received a reference to a non-immortal object.
    pub(crate) remembered: RefCell<Vec<usize>>,
    /// Objects with a finalizer that has not run yet (weak: not roots).
    pub(crate) finalizable: RefCell<Vec<usize>>,
    /// Objects owning something outside the heap (weak: not roots).
    pub(crate) externals: RefCell<Vec<usize>>,
    /// Dead finalizable objects waiting for their finalizer (a root).
    pub(crate) final_queue: RefCell<VecDeque<usize>>,
    /// Registered weak words and the holders whose target died (`weak.rs`).
    pub(crate) weak: RefCell<crate::weak::WeakTable>,

    /// Poisoned retired semispaces (poison mode), with the collection that retired them.
    pub(crate) retired: VecDeque<(Region, u64)>,

    /// Boundary safepoints left before one collects.
    pub(crate) budget: Cell<u64>,
    /// The allocation threshold was passed: the next safepoint of any kind collects.
    pub(crate) requested: Cell<bool>,
    /// How much memory outside the heap (the client's measure) may grow between
    /// collections before one is requested; see [`Heap::note_external_growth`].
    pub(crate) external_allowance: Cell<usize>,
    /// Collections requested because of memory outside the heap.
    pub(crate) external_requests: Cell<u64>,

    pub(crate) stats: Stats,
}

// SAFETY: the heap exclusively owns its mappings and tables; it is not Sync (Cells), so
// moving it to another thread moves all access with it.
unsafe impl Send for Heap {}

impl Heap {
    /// Maps the spaces. Fails only if the operating system refuses the reservation.
    pub fn new(config: HeapConfig) -> Result<Heap, AllocError> {
        let os = |e: std::io::Error| AllocError::Os(e.to_string());
        // Poison mode maps a fresh to-space for every collection.
        let (space, spare) = if config.poison {
            (Region::reserve(config.cap).map_err(os)?, None)
        } else {
            let (a, b) = Region::reserve_pair(config.cap).map_err(os)?;
            (a, Some(b))
        };
        let immortal = Region::reserve(config.immortal_cap).map_err(os)?;
        let base = space.base();
        let itop = immortal.base();
        let heap = Heap {
            layouts: Vec::new(),
            space,
            spare,
            top: Cell::new(base),
            limit: Cell::new(base),
            trigger: Cell::new(base + config.min_threshold),
            immortal,
            immortal_top: Cell::new(itop),
            large: RefCell::new(LargeSpace::default()),
            roots: RefCell::new(RootTable::default()),
            remembered: RefCell::new(Vec::new()),
            finalizable: RefCell::new(Vec::new()),
            externals: RefCell::new(Vec::new()),
            final_queue: RefCell::new(VecDeque::new()),
            weak: RefCell::new(Default::default()),
            retired: VecDeque::new(),
            budget: Cell::new(1),
            requested: Cell::new(false),
            external_allowance: Cell::new(config.external_min),
            external_requests: Cell::new(0),
            stats: Stats::default(),
            config,
        };
        heap.reset_budget();
        Ok(heap)
    }

    pub fn config(&self) -> &HeapConfig {
        &self.config
    }

    /// Registers an object kind; every object of that kind is traced by `layout`.
    ///
    /// # Panics
    /// After 65536 kinds.
    pub fn register(&mut self, layout: Layout) -> Kind {
        let k = u16::try_from(self.layouts.len()).expect("too many object kinds");
        self.layouts.push(layout);
        Kind(k)
    }

    pub fn layout(&self, kind: Kind) -> Option<&Layout> {
        self.layouts.get(kind.0 as usize)
    }

    // ---------------------------------------------------------------- allocation

    /// Allocates an object with a zeroed body of `body_bytes` (rounded up to words). Never
    /// collects: when the space is full it grows, up to the heap cap.
    #[inline]
    pub fn alloc(&self, kind: Kind, body_bytes: usize) -> Result<ObjRef<'_>, AllocError> {
        debug_assert!((kind.0 as usize) < self.layouts.len(), "unregistered kind");
        let size = (body_bytes.wrapping_add(HEADER_BYTES + 7)) & !7;
        if size > body_bytes {
            if let Some(top) = self.bump(size) {
                // SAFETY: [top, top + size) is committed, unused memory of the current space.
                return Ok(unsafe { Self::init(top, kind, 0, size) });
            }
        }
        self.alloc_slow(kind, body_bytes)
    }

    /// The fast path of both allocators: `size` bytes of the current space, if they are
    /// below the large-object threshold and within the committed limit.
    #[inline(always)]
    fn bump(&self, size: usize) -> Option<usize> {
        let top = self.top.get();
        let new_top = top.wrapping_add(size);
        if size < self.config.large_threshold && new_top <= self.limit.get() {
            self.top.set(new_top);
            Some(top)
        } else {
            None
        }
    }

    /// Allocates an object whose body is exactly `words`, written as given (no zeroing
    /// first): the hot path of small immutable objects such as ints. Same rules as
    /// [`Heap::alloc`]; reference words must point at objects that do not move or be
    /// stored again with [`Heap::set_ref`] before the next safepoint.
    #[inline(always)]
    pub fn alloc_words<const N: usize>(
        &self,
        kind: Kind,
        words: [u64; N],
    ) -> Result<ObjRef<'_>, AllocError> {
        debug_assert!((kind.0 as usize) < self.layouts.len(), "unregistered kind");
        let size = HEADER_BYTES + N * 8;
        let o = match self.bump(size) {
            // SAFETY: [top, top + size) is committed, unused memory of the current space;
            // every body word is written below.
            Some(top) => unsafe {
                header::store(top, header::make(kind.0, 0, size));
                ObjRef::from_addr(top)
            },
            None => self.alloc_slow(kind, N * 8)?,
        };
        let body = o.body() as *mut u64;
        for (i, w) in words.into_iter().enumerate() {
            // SAFETY: the body has exactly N words.
            unsafe { *body.add(i) = w };
        }
        Ok(o)
    }

    /// Allocates an object whose body is `head` followed by the addresses `tail`, written
    /// as given (no zeroing first): a container filled from references current now (a
    /// tuple or a list's storage built from the value stack). Same rules as
    /// [`Heap::alloc_words`].
    #[inline(always)]
    pub fn alloc_words_refs<const N: usize>(
        &self,
        kind: Kind,
        head: [u64; N],
        tail: &[RawRef],
    ) -> Result<ObjRef<'_>, AllocError> {
        debug_assert!((kind.0 as usize) < self.layouts.len(), "unregistered kind");
        // A slice of 8-byte references is shorter than `isize::MAX / 8`: no overflow.
        let body_bytes = (N + tail.len()) * 8;
        let size = HEADER_BYTES + body_bytes;
        let o = match self.bump(size) {
            // SAFETY: [top, top + size) is committed, unused memory of the current space;
            // every body word is written below.
            Some(top) => unsafe {
                header::store(top, header::make(kind.0, 0, size));
                ObjRef::from_addr(top)
            },
            None => self.alloc_slow(kind, body_bytes)?,
        };
        let body = o.body() as *mut u64;
        for (i, w) in head.into_iter().enumerate() {
            // SAFETY: the body has exactly N + tail.len() words.
            unsafe { *body.add(i) = w };
        }
        for (i, r) in tail.iter().enumerate() {
            // SAFETY: as above.
            unsafe { *body.add(N + i) = r.0 as u64 };
        }
        Ok(o)
    }

    /// Writes the header and zeroes the body.
    ///
    /// # Safety
    /// [addr, addr+size) must be writable memory owned by the heap and unused.
    #[inline(always)]
    unsafe fn init<'h>(addr: usize, kind: Kind, flags: u8, size: usize) -> ObjRef<'h> {
        // SAFETY: forwarded from the caller.
        unsafe {
            header::store(addr, header::make(kind.0, flags, size));
            let body = (addr + HEADER_BYTES) as *mut u64;
            let words = (size - HEADER_BYTES) / 8;
            if words <= 8 {
                // Small bodies: a few stores beat a call to memset. The store is
                // conditional inside a fixed-count loop so that the compiler unrolls it
                // instead of turning it back into that call (it did, for `0..words`).
                for i in 0..8 {
                    if i < words {
                        *body.add(i) = 0;
                    }
                }
            } else {
                ptr::write_bytes(body, 0, words);
            }
            ObjRef::from_addr(addr)
        }
    }

    #[cold]
    fn alloc_slow(&self, kind: Kind, body_bytes: usize) -> Result<ObjRef<'_>, AllocError> {
        let size = object_size(body_bytes)?;
        if size >= self.config.large_threshold {
            return self.alloc_large(kind, size);
        }
        let top = self.top.get();
        let new_top = top + size;
        let used = new_top - self.space.base();
        if used + self.large.borrow().bytes > self.config.cap {
            return Err(AllocError::HeapFull {
                requested: size,
                cap: self.config.cap,
            });
        }
        if new_top > self.trigger.get() {
            self.request_collection();
        }
        if new_top > self.space.base() + self.space.committed() {
            // The region is `&self` here but only its committed length changes, which the
            // fast path reads through `limit`; see `commit_space`.
            self.commit_space(used)?;
        }
        self.update_limit();
        self.top.set(new_top);
        // SAFETY: [top, new_top) is committed and unused.
        Ok(unsafe { Self::init(top, kind, 0, size) })
    }

    fn commit_space(&self, used: usize) -> Result<(), AllocError> {
        self.space
            .commit(used)
            .map_err(|e| AllocError::Os(e.to_string()))
    }

    pub(crate) fn update_limit(&self) {
        let end = self.space.base() + self.space.committed();
        let trig = self.trigger.get();
        let limit = if self.requested.get() || trig < self.top.get() {
            end
        } else {
            end.min(trig)
        };
        self.limit.set(limit);
    }

    fn request_collection(&self) {
        self.requested.set(true);
        self.budget.set(1);
    }

    fn alloc_large(&self, kind: Kind, size: usize) -> Result<ObjRef<'_>, AllocError> {
        let mut large = self.large.borrow_mut();
        let used = self.top.get() - self.space.base();
        if used + large.bytes + size > self.config.cap {
            return Err(AllocError::HeapFull {
                requested: size,
                cap: self.config.cap,
            });
        }
        let region = Region::map_committed(size).map_err(|e| AllocError::Os(e.to_string()))?;
        let addr = region.base();
        large.objects.insert(addr, region);
        large.bytes += size;
        drop(large);
        // Large objects count towards the volume that triggers the next collection.
        let trig = self.trigger.get().saturating_sub(size);
        self.trigger.set(trig);
        if trig < self.top.get() {
            self.request_collection();
        }
        self.update_limit();
        // SAFETY: a fresh mapping of at least `size` bytes (already zero).
        Ok(unsafe { Self::init(addr, kind, flag::LARGE, size) })
    }

    /// Allocates in the immortal space: never moved, never freed, never scanned except
    /// through the write barrier.
    pub fn alloc_immortal(&self, kind: Kind, body_bytes: usize) -> Result<ObjRef<'_>, AllocError> {
        let size = object_size(body_bytes)?;
        let region = &self.immortal;
        let top = self.immortal_top.get();
        let used = top + size - region.base();
        if used > region.reserved() {
            return Err(AllocError::HeapFull {
                requested: size,
                cap: region.reserved(),
            });
        }
        region
            .commit(used)
            .map_err(|e| AllocError::Os(e.to_string()))?;
        self.immortal_top.set(top + size);
        // SAFETY: committed, unused immortal memory.
        Ok(unsafe { Self::init(top, kind, flag::IMMORTAL, size) })
    }

    /// An immortal copy of `obj`, an object of plain data: a body whose words refer to
    /// nothing but immortal objects (such as its type), and nothing registered outside the
    /// heap. The copy keeps the kind and the runtime's flag bits; `obj` is left as it is.
    pub fn copy_to_immortal(&self, obj: ObjRef<'_>) -> Result<ObjRef<'_>, AllocError> {
        assert!(
            header::flags_of(obj.header()) & (flag::EXTERNAL | flag::FINALIZABLE) == 0,
            "only plain data is copied to the immortal space"
        );
        let len = obj.body_len();
        let o = self.alloc_immortal(obj.kind(), len)?;
        // SAFETY: both bodies are `len` bytes long, live and distinct.
        unsafe { std::ptr::copy_nonoverlapping(obj.body(), o.body(), len) };
        o.set_user_flags(obj.user_flags());
        Ok(o)
    }

    // ---------------------------------------------------------------- references

    /// Stores a reference (or none) into body word `i` of `obj`, with the write barrier.
    #[inline]
    pub fn set_ref(&self, obj: ObjRef<'_>, i: usize, value: Option<ObjRef<'_>>) {
        let v = value.map_or(0, |v| v.addr() as u64);
        obj.set_word(i, v);
        if obj.is_immortal() && value.is_some_and(|v| !v.is_immortal()) {
            self.remember(obj);
        }
    }

    /// Stores a raw word that may be a reference (tagged immediates are allowed), with the
    /// write barrier.
    #[inline]
    pub fn set_word_barriered(&self, obj: ObjRef<'_>, i: usize, word: u64) {
        obj.set_word(i, word);
        if obj.is_immortal() && is_ref(word) && !self.is_immortal_addr(word as usize) {
            self.remember(obj);
        }
    }

    /// Records that an immortal object may hold references to non-immortal objects. Call
    /// it after storing such a reference by other means (for example a custom layout).
    pub fn remember(&self, obj: ObjRef<'_>) {
        // SAFETY: `obj` is live; only its flag bits change.
        let h = unsafe { header::load(obj.addr()) };
        let f = header::flags_of(h);
        if f & flag::IMMORTAL != 0 && f & flag::REMEMBERED == 0 {
            // SAFETY: as above.
            unsafe { header::store(obj.addr(), header::with_flags(h, f | flag::REMEMBERED)) };
            self.remembered.borrow_mut().push(obj.addr());
        }
    }

    pub(crate) fn is_immortal_addr(&self, addr: usize) -> bool {
        let base = self.immortal.base();
        addr >= base && addr < self.immortal_top.get()
    }

    /// Resolves a stored reference without checking it.
    ///
    /// # Safety
    /// `raw` must be null or a reference the collector keeps current (a root, or a
    /// reference slot of a live object) read since the last safepoint.
    #[inline(always)]
    pub unsafe fn resolve(&self, raw: RawRef) -> Option<ObjRef<'_>> {
        if raw.0 == 0 {
            None
        } else {
            // SAFETY: forwarded from the caller.
            Some(unsafe { ObjRef::from_addr(raw.0) })
        }
    }

    /// Resolves a stored reference after checking that it points at a header of a live
    /// object in the current semispace, the immortal space or the large-object space.
    /// This catches stale and garbage addresses (the check cannot tell an interior
    /// address that happens to look like a header from an object start).
    pub fn check(&self, raw: RawRef) -> Result<ObjRef<'_>, String> {
        let a = raw.0;
        if a == 0 {
            return Err("null reference".into());
        }
        if a & 7 != 0 {
            return Err(format!("{a:#x} is not aligned"));
        }
        let in_space = a >= self.space.base() && a + HEADER_BYTES <= self.top.get();
        let in_immortal = self.is_immortal_addr(a);
        let large = self.large.borrow();
        if in_space || in_immortal || large.contains(a) {
            // SAFETY: inside memory this heap allocated, committed and readable.
            let h = unsafe { header::load(a) };
            if header::is_forwarded(h) || !header::has_magic(h) {
                return Err(format!("{a:#x} is not the header of an object"));
            }
            let end = if in_space {
                self.top.get()
            } else if in_immortal {
                self.immortal_top.get()
            } else {
                a + header::size_of(h)
            };
            if header::size_of(h) < HEADER_BYTES || a + header::size_of(h) > end {
                return Err(format!("{a:#x} has a corrupt header"));
            }
            // SAFETY: validated just above.
            return Ok(unsafe { ObjRef::from_addr(a) });
        }
        Err(self.describe_bad_address(a))
    }

    /// The retired semispaces poison mode keeps inaccessible: `(start, end, collection
    /// that retired it)`, for a fault handler that must say what a faulting address was.
    pub fn retired_ranges(&self) -> Vec<(usize, usize, u64)> {
        self.retired
            .iter()
            .map(|(r, n)| (r.base(), r.base() + r.reserved(), *n))
            .collect()
    }

    /// Explains where a bad address points, for reports.
    pub(crate) fn describe_bad_address(&self, a: usize) -> String {
        if let Some((_, n)) = self.retired.iter().find(|(r, _)| r.contains(a)) {
            return format!(
                "{a:#x} points into a semispace retired by collection #{n} (stale reference)"
            );
        }
        if let Some(n) = self.large.borrow().freed_at(a) {
            return format!("{a:#x} points at a large object freed by collection #{n}");
        }
        if self.space.contains(a) {
            return format!("{a:#x} points past the allocated part of the current semispace");
        }
        if self.spare.as_ref().is_some_and(|s| s.contains(a)) {
            return format!("{a:#x} points into the idle semispace (stale reference)");
        }
        format!("{a:#x} is not an object of this heap")
    }

    // ---------------------------------------------------------------- roots

    /// Roots `obj` in the heap's own table until [`Heap::unroot`].
    pub fn root(&self, obj: ObjRef<'_>) -> Root {
        let mut t = self.roots.borrow_mut();
        if let Some(i) = t.free.pop() {
            t.slots[i as usize] = obj.addr();
            Root(i)
        } else {
            t.slots.push(obj.addr());
            Root(u32::try_from(t.slots.len() - 1).expect("too many roots"))
        }
    }

    /// The object a root holds now.
    #[inline]
    pub fn get(&self, root: &Root) -> ObjRef<'_> {
        let a = self.roots.borrow().slots[root.0 as usize];
        // SAFETY: root slots hold live objects and are updated by every collection.
        unsafe { ObjRef::from_addr(a) }
    }

    pub fn set_root(&self, root: &Root, obj: ObjRef<'_>) {
        self.roots.borrow_mut().slots[root.0 as usize] = obj.addr();
    }

    pub fn unroot(&self, root: Root) {
        let mut t = self.roots.borrow_mut();
        t.slots[root.0 as usize] = 0;
        t.free.push(root.0);
    }

    // ---------------------------------------------------------------- finalization

    /// Asks for `obj` to be queued for finalization, once, when it becomes unreachable.
    /// It is then kept alive (with everything it reaches) until the client pops it from
    /// the queue and drops its root. Immortal objects never die and are ignored.
    pub fn register_finalizer(&self, obj: ObjRef<'_>) {
        if self.set_flag(obj, flag::FINALIZABLE) {
            self.finalizable.borrow_mut().push(obj.addr());
        }
    }

    /// Asks for [`GcClient::drop_external`] to be called once when `obj` dies.
    pub fn register_external(&self, obj: ObjRef<'_>) {
        if self.set_flag(obj, flag::EXTERNAL) {
            self.externals.borrow_mut().push(obj.addr());
        }
    }

    fn set_flag(&self, obj: ObjRef<'_>, bit: u8) -> bool {
        // SAFETY: `obj` is live; only its flag bits change.
        let h = unsafe { header::load(obj.addr()) };
        let f = header::flags_of(h);
        if f & (bit | flag::IMMORTAL) != 0 {
            return false;
        }
        // SAFETY: as above.
        unsafe { header::store(obj.addr(), header::with_flags(h, f | bit)) };
        true
    }

    /// Takes the next object whose finalizer must run, rooted so it survives the
    /// finalizer's safepoints. Its finalizer will not be queued again (resurrection is
    /// allowed; CPython finalizes an object once).
    pub fn pop_finalizable(&self) -> Option<Root> {
        let a = self.final_queue.borrow_mut().pop_front()?;
        // SAFETY: the queue is a root set, so the entry is current and live.
        Some(self.root(unsafe { ObjRef::from_addr(a) }))
    }

    pub fn finalization_pending(&self) -> usize {
        self.final_queue.borrow().len()
    }

    // ---------------------------------------------------------------- safepoints

    pub(crate) fn reset_budget(&self) {
        // In `always` mode every interpreter poll collects too: the request never ends.
        self.requested.set(self.config.mode == Mode::Always);
        self.budget.set(match self.config.mode {
            Mode::Normal => u64::MAX,
            Mode::Every(n) => n.get(),
            Mode::Torture | Mode::Always => 1,
        });
    }

    /// A boundary safepoint (HPy context-function entry, call into extension code): collects
    /// when the mode says so. Returns whether it collected. The check that does not collect
    /// is one decrement and one branch.
    #[inline]
    pub fn safepoint(&mut self, client: &mut dyn GcClient) -> Result<bool, HeapCorruption> {
        let b = self.budget.get().wrapping_sub(1);
        self.budget.set(b);
        if b != 0 {
            return Ok(false);
        }
        self.collect(client).map(|()| true)
    }

    /// An interpreter safepoint: collects when the allocation threshold was passed, and
    /// always in `always` mode (torture and every:N apply to boundary safepoints only).
    #[inline]
    pub fn poll(&mut self, client: &mut dyn GcClient) -> Result<bool, HeapCorruption> {
        if !self.requested.get() {
            return Ok(false);
        }
        self.collect(client).map(|()| true)
    }

    // ---------------------------------------------------------------- memory outside

    /// The client's measure of the memory held outside the heap (C payloads, buffers an
    /// extension `malloc`s) right after a collection freed what died: it may grow by
    /// `external_growth` of that (at least `external_min`) before the next collection.
    pub fn set_external_baseline(&self, live_bytes: usize) {
        let allowance = (live_bytes as f64 * self.config.external_growth) as usize;
        self.external_allowance
            .set(self.config.external_min.max(allowance));
    }

    /// How much the memory held outside the heap may grow before a collection.
    pub fn external_allowance(&self) -> usize {
        self.external_allowance.get()
    }

    /// Memory held outside the heap grew by `bytes` since the last collection: past the
    /// allowance, the next safepoint collects, so that the objects owning that memory die
    /// (and free it) about as soon as they would under reference counting. Returns whether
    /// that requested a collection.
    pub fn note_external_growth(&self, bytes: usize) -> bool {
        if bytes <= self.external_allowance.get() || self.requested.get() {
            return false;
        }
        self.request_collection();
        self.update_limit();
        self.external_requests.set(self.external_requests.get() + 1);
        true
    }

    /// Whether the allocation threshold was passed since the last collection.
    pub fn collection_requested(&self) -> bool {
        self.requested.get()
    }

    // ---------------------------------------------------------------- statistics

    pub fn stats(&self) -> Stats {
        let mut s = self.stats.clone();
        s.external_requests = self.external_requests.get();
        s.semispace.set(self.top.get() - self.space.base());
        s.immortal
            .set(self.immortal_top.get() - self.immortal.base());
        s.large.set(self.large.borrow().bytes);
        s
    }

    pub fn collections(&self) -> u64 {
        self.stats.collections
    }

    /// Bytes in use in the current semispace.
    pub fn semispace_used(&self) -> usize {
        self.top.get() - self.space.base()
    }

    /// The address range of the current semispace's allocated part.
    pub fn semispace_range(&self) -> std::ops::Range<usize> {
        self.space.base()..self.top.get()
    }
}

/// Header plus body rounded up to words; a header describes at most 4 GiB.
fn object_size(body_bytes: usize) -> Result<usize, AllocError> {
    body_bytes
        .checked_add(HEADER_BYTES + 7)
        .map(|s| s & !7)
        .filter(|&s| s <= u32::MAX as usize)
        .ok_or(AllocError::TooLarge {
            requested: body_bytes,
        })
}
