//! `tuple`: `[type, id, items…]`; the length is the body size.

pub(crate) mod methods;

use gc::{ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

/// A tuple of `n` empty slots, to be filled with [`set`] before anyone sees it.
pub(crate) fn new_empty<'h>(a: &Alloc<'h>, n: usize) -> PyResult<ObjRef<'h>> {
    a.object(a.kinds().tuple, a.b.tuple_type, W_DATA + n)
}

pub(crate) fn new<'h>(a: &Alloc<'h>, items: &[ObjRef<'_>]) -> PyResult<ObjRef<'h>> {
    with_items(a, items.len(), |i| items[i].addr())
}

/// A tuple of `items`, addresses current now (allocation never collects, so they stay
/// current while it is built): items read straight from the value stack, with no
/// intermediate vector.
pub(crate) fn new_from_current<'h>(a: &Alloc<'h>, items: &[RawRef]) -> PyResult<ObjRef<'h>> {
    debug_assert!(items.iter().all(|r| !r.is_null()), "tuple items are set");
    // [type, id (none yet), items…], written once (no zeroing first).
    const _: () = assert!(W_DATA == 2);
    let ty = a.b.tuple_type.addr() as u64;
    Ok(a.heap.alloc_words_refs(a.kinds().tuple, [ty, 0], items)?)
}

#[inline]
fn with_items<'h>(a: &Alloc<'h>, n: usize, addr: impl Fn(usize) -> usize) -> PyResult<ObjRef<'h>> {
    let t = new_empty(a, n)?;
    for i in 0..n {
        t.set_word(W_DATA + i, addr(i) as u64);
    }
    Ok(t)
}

pub(crate) fn len(t: ObjRef<'_>) -> usize {
    t.body_words() - W_DATA
}

pub(crate) fn get(t: ObjRef<'_>, i: usize) -> ObjRef<'_> {
    t.get_ref(W_DATA + i).expect("tuple items are set")
}

pub(crate) fn set(a: &Alloc<'_>, t: ObjRef<'_>, i: usize, v: ObjRef<'_>) {
    a.set(t, W_DATA + i, Some(v))
}

pub(crate) fn items(t: ObjRef<'_>) -> impl Iterator<Item = ObjRef<'_>> {
    (0..len(t)).map(move |i| get(t, i))
}
