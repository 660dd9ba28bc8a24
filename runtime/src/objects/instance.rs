//! Instances of Python classes whose solid base is `object`: `[type, id, dict]`. The dict
//! is made on the first attribute store (null until then), so an instance that never gets
//! an attribute costs three words.
//!
//! The small objects of the class machinery share one kind, `[type, id, a, b, c, d]`
//! (four references, null where unused); the type word says which it is:
//! - `property`: `a` fget, `b` fset, `c` fdel, `d` doc;
//! - `staticmethod`, `classmethod`: `a` the wrapped callable;
//! - `method` (a function bound to an object): `a` the function, `b` `self`;
//! - `super`: `a` the class the lookup starts after, `b` the object (or class) bound.

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

const W_DICT: usize = W_DATA;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: (W_DICT + 1) as u32,
};
pub(crate) const WRAP_TRACE: Trace = Trace::Words {
    first: 0,
    count: (W_DATA + 4) as u32,
};

/// A new instance of Python class `ty` (no attributes yet).
pub(crate) fn new<'h>(a: &Alloc<'h>, ty: RawRef) -> PyResult<ObjRef<'h>> {
    a.object(a.kinds().instance, ty, W_DICT + 1)
}

/// The instance dict, if one was made.
pub(crate) fn dict(o: ObjRef<'_>) -> Option<ObjRef<'_>> {
    o.get_ref(W_DICT)
}

pub(crate) fn set_dict(a: &Alloc<'_>, o: ObjRef<'_>, d: ObjRef<'_>) {
    a.set(o, W_DICT, Some(d));
}

/// A new wrapper object of type `ty` holding up to four references.
pub(crate) fn new_wrap<'h>(
    a: &Alloc<'h>,
    ty: RawRef,
    parts: [Option<ObjRef<'_>>; 4],
) -> PyResult<ObjRef<'h>> {
    let o = a.object(a.kinds().wrap, ty, W_DATA + 4)?;
    for (i, p) in parts.into_iter().enumerate() {
        a.set(o, W_DATA + i, p);
    }
    Ok(o)
}

/// Part `i` (0..4) of a wrapper; null when unset.
pub(crate) fn part(o: ObjRef<'_>, i: usize) -> RawRef {
    o.get_ref(W_DATA + i).map_or(RawRef::NULL, |r| r.raw())
}
