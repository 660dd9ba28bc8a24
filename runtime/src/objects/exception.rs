//! Exception instances: `[type, id, args, traceback, cause, context, dict]`.

use gc::{ObjRef, RawRef, Trace};

use crate::alloc::Alloc;
use crate::error::PyResult;
use crate::objects::{str as pystr, tuple, types, W_DATA};

const W_ARGS: usize = W_DATA;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: (W_DATA + 5) as u32,
};

/// A new instance of exception type `ty` with `args`.
pub(crate) fn new<'h>(a: &Alloc<'h>, ty: RawRef, args: ObjRef<'_>) -> PyResult<ObjRef<'h>> {
    let e = a.object(a.kinds().exception, ty, W_DATA + 5)?;
    a.set(e, W_ARGS, Some(args));
    Ok(e)
}

/// `ty(message)`
pub(crate) fn with_message<'h>(a: &Alloc<'h>, ty: RawRef, msg: &str) -> PyResult<ObjRef<'h>> {
    let m = pystr::new(a, msg)?;
    let args = tuple::new(a, &[m])?;
    new(a, ty, args)
}

pub(crate) fn args(e: ObjRef<'_>) -> ObjRef<'_> {
    e.get_ref(W_ARGS).expect("exceptions have args")
}

/// `str(exception)` for the common cases: no args → "", one str arg → it.
pub(crate) fn message(e: ObjRef<'_>) -> String {
    let a = args(e);
    match tuple::len(a) {
        0 => String::new(),
        1 => crate::repr::str_of(tuple::get(a, 0)),
        _ => crate::repr::repr_of(a),
    }
}

pub(crate) fn is_exception_type(a: &Alloc<'_>, t: ObjRef<'_>) -> bool {
    types::is_type(a, t) && types::is_subtype(t, a.builtin(a.b.base_exception))
}
