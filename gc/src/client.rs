//! What the runtime provides to a collection, and what it receives.
//!
//! The collector knows nothing about Python: it asks its client for the roots the client
//! owns (the handle table, the interpreter's frames…), for the references of objects whose
//! layout is [`crate::Trace::Custom`], and tells it when an object that owns something
//! outside the heap has died.

use crate::header::{self, HEADER_BYTES};
use crate::layout::Kind;
use crate::objref::RawRef;

/// Implemented by the runtime; passed to every safepoint and collection.
pub trait GcClient {
    /// Visits every reference the client holds outside the heap. Each visited slot is
    /// rewritten in place when its object moves.
    fn trace_roots(&mut self, tracer: &mut Tracer<'_>);

    /// Visits the references of an object whose layout is `Custom` (`obj` is its current
    /// copy). References may live outside the body, for example in a C payload.
    fn trace_object(&mut self, obj: GcObject, tracer: &mut Tracer<'_>) {
        let _ = (obj, tracer);
    }

    /// A `Custom` object will be traced soon: the client may prefetch memory outside the
    /// heap that tracing will read (a C payload). Only a hint; the default does nothing.
    fn prefetch_object(&mut self, obj: GcObject) {
        let _ = obj;
    }

    /// Visits references held by the external part of an object registered with
    /// [`crate::Heap::register_external`] whose layout is not `Custom` (for example a C
    /// payload attached to an object with a builtin layout). Called after its layout's
    /// own slots, every time the object is scanned.
    fn trace_external(&mut self, obj: GcObject, tracer: &mut Tracer<'_>) {
        let _ = (obj, tracer);
    }

    /// An object registered with [`crate::Heap::register_external`] died. `dead` is its last
    /// copy, readable during this call only; the client frees what it owns outside the heap.
    /// Called exactly once per registered object, during the collection that found it dead.
    fn drop_external(&mut self, dead: GcObject) {
        let _ = dead;
    }
}

/// Asks the processor to start loading the cache line at `addr` (never faults).
#[inline(always)]
pub fn prefetch(addr: usize) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(addr as *const i8)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = addr;
}

/// A client with no roots of its own and nothing external.
#[derive(Debug, Default)]
pub struct NoClient;

impl GcClient for NoClient {
    fn trace_roots(&mut self, _tracer: &mut Tracer<'_>) {}
}

/// A view of an object during a collection (no lifetime: valid during the callback only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GcObject {
    pub(crate) addr: usize,
}

impl GcObject {
    pub fn addr(self) -> usize {
        self.addr
    }

    fn header(self) -> u64 {
        // SAFETY: a GcObject is only handed out for an object whose header is readable and
        // not forwarded for the duration of the callback.
        unsafe { header::load(self.addr) }
    }

    pub fn kind(self) -> Kind {
        Kind(header::kind_of(self.header()))
    }

    pub fn body(self) -> *mut u8 {
        (self.addr + HEADER_BYTES) as *mut u8
    }

    pub fn body_len(self) -> usize {
        header::size_of(self.header()) - HEADER_BYTES
    }

    /// Body word `i`; panics outside the body.
    pub fn word(self, i: usize) -> u64 {
        assert!(i < self.body_len() / 8, "word {i} outside the body");
        // SAFETY: in bounds of a readable body.
        unsafe { *(self.body() as *const u64).add(i) }
    }

    /// A pointer to body word `i`, for [`Tracer::edge_at`].
    pub fn slot(self, i: usize) -> *mut RawRef {
        assert!(i < self.body_len() / 8, "word {i} outside the body");
        (self.body() as *mut RawRef).wrapping_add(i)
    }
}

/// Receives the reference slots of a root set or an object.
pub(crate) trait EdgeSink {
    /// Visits one slot; false if it held a bad reference (then left unchanged).
    ///
    /// # Safety
    /// `slot` must be a readable and writable word for the duration of the call.
    unsafe fn edge(&mut self, slot: *mut u64) -> bool;
    fn enter_root_set(&mut self, source: &'static str);
}

/// Handed to the client's tracing callbacks; each call reports one reference slot.
pub struct Tracer<'a> {
    pub(crate) sink: &'a mut dyn EdgeSink,
}

impl Tracer<'_> {
    /// Visits a slot the client owns; the collector rewrites it if its object moved.
    #[inline]
    pub fn edge(&mut self, slot: &mut RawRef) {
        // SAFETY: a `&mut RawRef` is a valid, writable word.
        unsafe { self.sink.edge(slot as *mut RawRef as *mut u64) };
    }

    /// Visits a slot given by address, such as an `HPyField` inside a C payload. Returns
    /// false if the slot held a bad reference (not a live object of the heap): it is then
    /// left unchanged and reported by the collection, and the caller may say more about
    /// where the slot is.
    ///
    /// # Safety
    /// `slot` must point at a readable and writable, 8-aligned word.
    #[inline]
    pub unsafe fn edge_at(&mut self, slot: *mut RawRef) -> bool {
        // SAFETY: forwarded from the caller.
        unsafe { self.sink.edge(slot as *mut u64) }
    }

    /// Names the root set whose slots follow, for reports.
    pub fn root_set(&mut self, source: &'static str) {
        self.sink.enter_root_set(source)
    }
}
