//! The builtin iterators: `[type, id, iterated, aux, | position, extra]`.
//!
//! - `iterated`: the object iterated over (list, tuple, str, bytes, dict, range, or the
//!   callable of a `callable_iterator`); null once exhausted, as CPython drops it, so an
//!   exhausted iterator stays exhausted even if its list grows.
//! - `aux`: a second reference: the last key a dict iterator returned (to notice that the
//!   keys before its position changed), the sentinel of a `callable_iterator`; else null.
//! - `position`: the next index (for str iterators, the next byte offset; for
//!   `list_reverseiterator`, the next index as a signed number).
//! - `extra`: dict iterators: the dict's size when iteration started (`u64::MAX` once a
//!   size change was reported: the error is sticky, as in CPython); range iterators: the
//!   length.
//!
//! `position` and `extra` are plain words: the layout traces only the first four. A
//! `range_iterator` (machine-sized bounds) has two more plain words, the range's start and
//! step, so that a step of `for i in range(n)` computes its value without reading the
//! range's three int objects.

use gc::{ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

const W_ITERATED: usize = W_DATA;
const W_AUX: usize = W_DATA + 1;
const W_POS: usize = W_DATA + 2;
const W_EXTRA: usize = W_DATA + 3;

/// The `extra` value of a dict iterator that reported a size change.
pub(crate) const STICKY: u64 = u64::MAX;

/// A new iterator of type `ty` over `iterated`.
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    ty: RawRef,
    iterated: ObjRef<'_>,
    aux: Option<ObjRef<'_>>,
    pos: u64,
    extra: u64,
) -> PyResult<ObjRef<'h>> {
    let it = a.object(a.kinds().iterator, ty, W_EXTRA + 1)?;
    it.set_word(W_ITERATED, iterated.addr() as u64);
    if let Some(x) = aux {
        it.set_word(W_AUX, x.addr() as u64);
    }
    it.set_word(W_POS, pos);
    it.set_word(W_EXTRA, extra);
    Ok(it)
}

const W_RANGE_START: usize = W_EXTRA + 1;
const W_RANGE_STEP: usize = W_EXTRA + 2;

/// A `range_iterator` of type `ty` over `range`, whose `len` items are
/// `start + i * step`, all machine-sized.
pub(crate) fn new_range<'h>(
    a: &Alloc<'h>,
    ty: RawRef,
    range: ObjRef<'_>,
    len: u64,
    start: i64,
    step: i64,
) -> PyResult<ObjRef<'h>> {
    let it = a.object(a.kinds().iterator, ty, W_RANGE_STEP + 1)?;
    it.set_word(W_ITERATED, range.addr() as u64);
    it.set_word(W_EXTRA, len);
    it.set_word(W_RANGE_START, start as u64);
    it.set_word(W_RANGE_STEP, step as u64);
    Ok(it)
}

/// A `range_iterator`'s next value, advancing it; `None` past the end or once exhausted.
/// Only for iterators made by [`new_range`].
#[inline]
pub(crate) fn range_step(it: ObjRef<'_>) -> Option<i64> {
    let w = it.words::<{ W_RANGE_STEP + 1 }>();
    let pos = w[W_POS];
    if w[W_ITERATED] == 0 || pos >= w[W_EXTRA] {
        return None;
    }
    it.set_word(W_POS, pos + 1);
    // Every item lies between start and stop, which fit 64 bits: wrapping arithmetic is
    // exact here.
    let (start, step) = (w[W_RANGE_START] as i64, w[W_RANGE_STEP] as i64);
    Some(start.wrapping_add((pos as i64).wrapping_mul(step)))
}

/// What is iterated, or None once exhausted.
pub(crate) fn iterated(it: ObjRef<'_>) -> Option<ObjRef<'_>> {
    it.get_ref(W_ITERATED)
}

/// Marks the iterator exhausted for good.
pub(crate) fn exhaust(it: ObjRef<'_>) {
    it.set_word(W_ITERATED, 0);
}

pub(crate) fn aux(it: ObjRef<'_>) -> Option<ObjRef<'_>> {
    it.get_ref(W_AUX)
}

pub(crate) fn set_aux(a: &Alloc<'_>, it: ObjRef<'_>, v: Option<ObjRef<'_>>) {
    a.set(it, W_AUX, v);
}

pub(crate) fn pos(it: ObjRef<'_>) -> u64 {
    it.word(W_POS)
}

pub(crate) fn set_pos(it: ObjRef<'_>, p: u64) {
    it.set_word(W_POS, p);
}

pub(crate) fn extra(it: ObjRef<'_>) -> u64 {
    it.word(W_EXTRA)
}

pub(crate) fn set_extra(it: ObjRef<'_>, v: u64) {
    it.set_word(W_EXTRA, v);
}
