//! Allocation of Python objects: the heap plus the builtin types, borrowed together so an
//! allocated object borrows only the heap and never the runtime's tables.

use gc::{Heap, Kind, ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::builtins::Builtins;
use crate::objects::{Kinds, W_TYPE};

#[derive(Clone, Copy)]
pub(crate) struct Alloc<'h> {
    pub(crate) heap: &'h Heap,
    pub(crate) b: &'h Builtins,
}

impl<'h> Alloc<'h> {
    pub(crate) fn new(heap: &'h Heap, b: &'h Builtins) -> Alloc<'h> {
        Alloc { heap, b }
    }

    pub(crate) fn kinds(&self) -> &'h Kinds {
        &self.b.kinds
    }

    /// An immortal builtin object (never moves, so its stored address is always current).
    #[inline]
    pub(crate) fn builtin(&self, raw: RawRef) -> ObjRef<'h> {
        // SAFETY: builtins live in the immortal space: never moved, never freed.
        unsafe { self.heap.resolve(raw).expect("builtin object") }
    }

    /// Resolves a reference stored in a live object or root (kept current by the
    /// collector), while no safepoint can run (`self` borrows the heap).
    #[inline]
    pub(crate) fn heap_obj(&self, raw: RawRef) -> ObjRef<'h> {
        // SAFETY: as documented: the reference is current and the heap is borrowed.
        unsafe { self.heap.resolve(raw).expect("non-null reference") }
    }

    /// A new object of `kind` with `words` body words (zeroed), typed `ty`.
    #[inline]
    pub(crate) fn object(&self, kind: Kind, ty: RawRef, words: usize) -> PyResult<ObjRef<'h>> {
        let o = self.heap.alloc(kind, words * 8)?;
        o.set_word(W_TYPE, ty.addr() as u64);
        Ok(o)
    }

    /// An object of exactly `N` body words written as given (word `W_TYPE`: the type's
    /// address, a builtin type that never moves): no zeroing first (small immutable
    /// objects such as ints).
    #[inline(always)]
    pub(crate) fn object_words<const N: usize>(
        &self,
        kind: Kind,
        words: [u64; N],
    ) -> PyResult<ObjRef<'h>> {
        Ok(self.heap.alloc_words(kind, words)?)
    }

    /// Same, with extra raw bytes after `words` words.
    pub(crate) fn object_bytes(
        &self,
        kind: Kind,
        ty: RawRef,
        words: usize,
        extra: usize,
    ) -> PyResult<ObjRef<'h>> {
        let o = self.heap.alloc(kind, words * 8 + extra)?;
        o.set_word(W_TYPE, ty.addr() as u64);
        Ok(o)
    }

    /// Stores a reference into a body word with the write barrier.
    #[inline]
    pub(crate) fn set(&self, obj: ObjRef<'_>, word: usize, value: Option<ObjRef<'_>>) {
        self.heap.set_ref(obj, word, value)
    }

    pub(crate) fn none(&self) -> ObjRef<'h> {
        self.builtin(self.b.none)
    }
}
