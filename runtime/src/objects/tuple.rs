//! `tuple`: `[type, id, items…]`; the length is the body size.

pub(crate) mod methods;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

/// A tuple of `n` empty slots, to be filled with [`set`] before anyone sees it.
pub(crate) fn new_empty<'h>(a: &Alloc<'h>, n: usize) -> PyResult<ObjRef<'h>> {
    a.object(a.kinds().tuple, a.b.tuple_type, W_DATA + n)
}

pub(crate) fn new<'h>(a: &Alloc<'h>, items: &[ObjRef<'_>]) -> PyResult<ObjRef<'h>> {
    let t = new_empty(a, items.len())?;
    for (i, it) in items.iter().enumerate() {
        t.set_word(W_DATA + i, it.addr() as u64);
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
