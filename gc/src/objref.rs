//! References to objects.
//!
//! [`ObjRef<'h>`] is a raw reference that borrows the heap: it is valid while the heap is
//! shared, and a safepoint needs the heap mutably, so holding one across a safepoint does not
//! compile. What must live longer is stored as a [`RawRef`] in a root set the collector
//! updates (the heap's [`crate::Root`]s, or a client table visited by
//! [`crate::GcClient::trace_roots`]).

use std::fmt;
use std::marker::PhantomData;
use std::ptr::NonNull;

use crate::header::{self, HEADER_BYTES};
use crate::layout::{is_ref, Kind};

/// The stored form of a reference: an object's address, or 0 for none. It has no lifetime,
/// so it is only meaningful inside a root set or an object body, where the collector
/// rewrites it when the object moves.
#[repr(transparent)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RawRef(pub(crate) usize);

impl RawRef {
    pub const NULL: RawRef = RawRef(0);

    pub const fn is_null(self) -> bool {
        self.0 == 0
    }

    /// The address, for diagnostics and for tables keyed by it.
    pub const fn addr(self) -> usize {
        self.0
    }

    /// Rebuilds a reference from a stored word (for example a field in C memory).
    pub const fn from_addr(addr: usize) -> RawRef {
        RawRef(addr)
    }
}

impl fmt::Debug for RawRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawRef({:#x})", self.0)
    }
}

/// A reference to a live object, valid until the next safepoint.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct ObjRef<'h> {
    addr: NonNull<u64>,
    _heap: PhantomData<&'h crate::Heap>,
}

impl fmt::Debug for ObjRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "ObjRef({:#x}, kind {}, {} bytes)",
            self.addr(),
            self.kind().0,
            self.size()
        )
    }
}

impl<'h> ObjRef<'h> {
    /// # Safety
    /// `addr` must be the header of a live object of the heap borrowed for `'h`.
    #[inline(always)]
    pub(crate) unsafe fn from_addr(addr: usize) -> ObjRef<'h> {
        ObjRef {
            // SAFETY: live objects never sit at address 0.
            addr: unsafe { NonNull::new_unchecked(addr as *mut u64) },
            _heap: PhantomData,
        }
    }

    #[inline(always)]
    pub fn addr(self) -> usize {
        self.addr.as_ptr() as usize
    }

    #[inline(always)]
    pub fn raw(self) -> RawRef {
        RawRef(self.addr())
    }

    /// Resolves a reference read out of this object's body (or out of any object reached
    /// from it without a safepoint in between), with this reference's borrow of the heap:
    /// the result cannot outlive the next safepoint either.
    ///
    /// # Safety
    /// `raw` must be null or a reference the collector keeps current, read since the last
    /// safepoint (a reference word of a live object, or a non-heap-word table it owns).
    #[inline(always)]
    pub unsafe fn resolve_near(self, raw: RawRef) -> Option<ObjRef<'h>> {
        // SAFETY: forwarded from the caller.
        (raw.0 != 0).then(|| unsafe { ObjRef::from_addr(raw.0) })
    }

    #[inline(always)]
    pub(crate) fn header(self) -> u64 {
        // SAFETY: an ObjRef always points at the header of a live object.
        unsafe { header::load(self.addr()) }
    }

    #[inline]
    pub fn kind(self) -> Kind {
        Kind(header::kind_of(self.header()))
    }

    /// Total size in bytes, header included.
    #[inline]
    pub fn size(self) -> usize {
        header::size_of(self.header())
    }

    /// Body size in bytes.
    #[inline]
    pub fn body_len(self) -> usize {
        self.size() - HEADER_BYTES
    }

    /// Body size in words.
    #[inline]
    pub fn body_words(self) -> usize {
        self.body_len() / 8
    }

    /// The body's first byte. Stable only until the next safepoint.
    #[inline(always)]
    pub fn body(self) -> *mut u8 {
        (self.addr() + HEADER_BYTES) as *mut u8
    }

    pub fn is_immortal(self) -> bool {
        header::flags_of(self.header()) & header::flag::IMMORTAL != 0
    }

    pub fn is_large(self) -> bool {
        header::flags_of(self.header()) & header::flag::LARGE != 0
    }

    /// Does this object move at a collection?
    pub fn is_movable(self) -> bool {
        header::flags_of(self.header()) & (header::flag::IMMORTAL | header::flag::LARGE) == 0
    }

    /// The runtime's two flag bits ([`crate::USER_FLAG_0`], [`crate::USER_FLAG_1`]).
    pub fn user_flags(self) -> u8 {
        header::flags_of(self.header()) & header::USER_FLAGS
    }

    pub fn set_user_flags(self, bits: u8) {
        let h = self.header();
        let flags = (header::flags_of(h) & !header::USER_FLAGS) | (bits & header::USER_FLAGS);
        // SAFETY: the header of a live object; only flag bits change.
        unsafe { header::store(self.addr(), header::with_flags(h, flags)) }
    }

    /// Reads body word `i`.
    ///
    /// # Panics
    /// If `i` is outside the body.
    #[inline]
    pub fn word(self, i: usize) -> u64 {
        assert!(i < self.body_words(), "word {i} outside the body");
        // SAFETY: in bounds of a live body.
        unsafe { *(self.body() as *const u64).add(i) }
    }

    /// Body words `0..N`, copied after one bounds check (a hot path reading several words
    /// pays for one check instead of one per word).
    #[inline(always)]
    pub fn words<const N: usize>(self) -> [u64; N] {
        assert!(N <= self.body_words(), "{N} words outside the body");
        // SAFETY: in bounds of a live body, checked above.
        unsafe { *(self.body() as *const [u64; N]) }
    }

    /// Writes body word `i` with data that is not a reference to a movable object (use
    /// [`crate::Heap::set_ref`] for references: immortal objects need the write barrier).
    #[inline]
    pub fn set_word(self, i: usize, v: u64) {
        assert!(i < self.body_words(), "word {i} outside the body");
        // SAFETY: in bounds of a live body.
        unsafe { *(self.body() as *mut u64).add(i) = v }
    }

    /// Body word `i` as a reference, if it holds one.
    #[inline]
    pub fn get_ref(self, i: usize) -> Option<ObjRef<'h>> {
        let w = self.word(i);
        if is_ref(w) {
            // SAFETY: reference words of live objects point at live objects (the collector
            // keeps them current).
            Some(unsafe { ObjRef::from_addr(w as usize) })
        } else {
            None
        }
    }

    /// The body as bytes. The slice borrows the heap, so it cannot outlive a safepoint.
    pub fn bytes(self) -> &'h [u8] {
        // SAFETY: the body is initialised (zeroed at allocation) and lives while 'h.
        unsafe { std::slice::from_raw_parts(self.body(), self.body_len()) }
    }
}
