//! `module`: `[type, id, dict, | HPyModuleDef *]`.

use gc::{ObjRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{dict, str as pystr, W_DATA};

const W_DICT: usize = W_DATA;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: (W_DATA + 1) as u32,
};

pub(crate) fn new<'h>(a: &Alloc<'h>, name: &str) -> PyResult<ObjRef<'h>> {
    let m = a.object(a.kinds().module, a.b.module_type, W_DATA + 2)?;
    let d = dict::new(a)?;
    a.set(m, W_DICT, Some(d));
    let k = pystr::new(a, "__name__")?;
    let v = pystr::new(a, name)?;
    crate::objects::ops::dict_set_str(a, d, k, v);
    Ok(m)
}

pub(crate) fn dict(m: ObjRef<'_>) -> ObjRef<'_> {
    m.get_ref(W_DICT).expect("modules have a dict")
}
