//! `list`: `[type, id, storage, length]`; the storage is an `array` object (no type word)
//! whose size is the capacity.

pub(crate) mod methods;

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

pub(crate) const TRACE: Trace = Trace::Words { first: 0, count: 3 };
const W_STORAGE: usize = W_DATA;
const W_LEN: usize = W_DATA + 1;

pub(crate) fn new<'h>(a: &Alloc<'h>, items: &[ObjRef<'_>]) -> PyResult<ObjRef<'h>> {
    with_items(a, items.len(), |i| items[i].addr())
}

/// A list of `items`, addresses current now (see [`super::tuple::new_from_current`]).
pub(crate) fn new_from_current<'h>(a: &Alloc<'h>, items: &[RawRef]) -> PyResult<ObjRef<'h>> {
    debug_assert!(items.iter().all(|r| !r.is_null()), "list items are set");
    // The storage and the list, each written once (no zeroing first); allocation never
    // collects, so the storage's address stays current while the list is made.
    let storage = if items.is_empty() {
        0
    } else {
        a.heap.alloc_words_refs(a.kinds().array, [], items)?.addr() as u64
    };
    const _: () = assert!(W_STORAGE == 2 && W_LEN == 3);
    let ty = a.b.list_type.addr() as u64;
    Ok(a.heap
        .alloc_words(a.kinds().list, [ty, 0, storage, items.len() as u64])?)
}

#[inline]
fn with_items<'h>(a: &Alloc<'h>, n: usize, addr: impl Fn(usize) -> usize) -> PyResult<ObjRef<'h>> {
    let l = a.object(a.kinds().list, a.b.list_type, W_DATA + 2)?;
    if n > 0 {
        let s = a.heap.alloc(a.kinds().array, n * 8)?;
        for i in 0..n {
            s.set_word(i, addr(i) as u64);
        }
        l.set_word(W_STORAGE, s.addr() as u64);
    }
    l.set_word(W_LEN, n as u64);
    Ok(l)
}

pub(crate) fn len(l: ObjRef<'_>) -> usize {
    l.word(W_LEN) as usize
}

pub(crate) fn get(l: ObjRef<'_>, i: usize) -> ObjRef<'_> {
    let s = l.get_ref(W_STORAGE).expect("list storage");
    s.get_ref(i).expect("list items are set")
}

pub(crate) fn set(a: &Alloc<'_>, l: ObjRef<'_>, i: usize, v: ObjRef<'_>) {
    let s = l.get_ref(W_STORAGE).expect("list storage");
    a.set(s, i, Some(v))
}

pub(crate) fn items(l: ObjRef<'_>) -> impl Iterator<Item = ObjRef<'_>> {
    (0..len(l)).map(move |i| get(l, i))
}

/// Appends, growing the storage by half when full.
pub(crate) fn append(a: &Alloc<'_>, l: ObjRef<'_>, v: ObjRef<'_>) -> PyResult<()> {
    let n = len(l);
    let cap = l.get_ref(W_STORAGE).map_or(0, |s| s.body_words());
    if n == cap {
        let s = a.heap.alloc(a.kinds().array, (cap + cap / 2 + 4) * 8)?;
        if let Some(old) = l.get_ref(W_STORAGE) {
            for i in 0..n {
                s.set_word(i, old.word(i));
            }
        }
        a.set(l, W_STORAGE, Some(s));
    }
    set(a, l, n, v);
    l.set_word(W_LEN, n as u64 + 1);
    Ok(())
}

/// Replaces the items `[lo, hi)` with `new` (any number of them), keeping the others in
/// order: insertion (`lo == hi`), deletion (`new` empty) and slice assignment. Storage
/// words past the new length are cleared, so a shrunk list keeps nothing alive.
pub(crate) fn splice(
    a: &Alloc<'_>,
    l: ObjRef<'_>,
    lo: usize,
    hi: usize,
    new: &[ObjRef<'_>],
) -> PyResult<()> {
    let n = len(l);
    assert!(
        lo <= hi && hi <= n,
        "splice bounds {lo}..{hi} outside 0..{n}"
    );
    let new_len = n - (hi - lo) + new.len();
    let old = l.get_ref(W_STORAGE);
    let cap = old.map_or(0, |s| s.body_words());
    if new_len > cap {
        let s = a
            .heap
            .alloc(a.kinds().array, (new_len + new_len / 8 + 4) * 8)?;
        // A fresh storage object is never immortal: plain stores need no barrier.
        if let Some(old) = old {
            for i in 0..lo {
                s.set_word(i, old.word(i));
            }
            for i in hi..n {
                s.set_word(i - hi + lo + new.len(), old.word(i));
            }
        }
        for (j, v) in new.iter().enumerate() {
            s.set_word(lo + j, v.addr() as u64);
        }
        a.set(l, W_STORAGE, Some(s));
    } else if let Some(s) = old {
        let tail = lo + new.len();
        if tail < hi {
            for i in hi..n {
                a.heap.set_word_barriered(s, i - hi + tail, s.word(i));
            }
        } else if tail > hi {
            for i in (hi..n).rev() {
                a.heap.set_word_barriered(s, i - hi + tail, s.word(i));
            }
        }
        for (j, v) in new.iter().enumerate() {
            a.set(s, lo + j, Some(*v));
        }
        for i in new_len..n {
            s.set_word(i, 0);
        }
    }
    l.set_word(W_LEN, new_len as u64);
    Ok(())
}
