//! Extension functions (`builtin_function_or_method`):
//! `[type, id, name, doc, self, | impl, signature]`.

use gc::{ObjRef, Trace};

use crate::alloc::Alloc;
use crate::error::PyResult;
use crate::objects::{str as pystr, W_DATA};

const W_NAME: usize = W_DATA;
const W_DOC: usize = W_DATA + 1;
const W_SELF: usize = W_DATA + 2;
const W_IMPL: usize = W_DATA + 3;
const W_SIG: usize = W_DATA + 4;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_IMPL as u32,
};

pub(crate) struct FuncInfo {
    pub(crate) impl_: usize,
    pub(crate) signature: u32,
}

pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    name: &str,
    doc: Option<&str>,
    self_: ObjRef<'_>,
    impl_: usize,
    signature: u32,
) -> PyResult<ObjRef<'h>> {
    let f = a.object(a.kinds().function, a.b.function_type, W_SIG + 1)?;
    let n = pystr::new(a, name)?;
    a.set(f, W_NAME, Some(n));
    let d = match doc {
        Some(d) => pystr::new(a, d)?,
        None => a.none(),
    };
    a.set(f, W_DOC, Some(d));
    a.set(f, W_SELF, Some(self_));
    // Code addresses are stored tagged: they are not references.
    f.set_word(W_IMPL, (impl_ as u64) << 1 | 1);
    f.set_word(W_SIG, signature as u64);
    Ok(f)
}

pub(crate) fn info(f: ObjRef<'_>) -> FuncInfo {
    FuncInfo {
        impl_: (f.word(W_IMPL) >> 1) as usize,
        signature: f.word(W_SIG) as u32,
    }
}

pub(crate) fn name(f: ObjRef<'_>) -> &str {
    pystr::as_str(f.get_ref(W_NAME).expect("functions have a name"))
}

pub(crate) fn name_obj(f: ObjRef<'_>) -> ObjRef<'_> {
    f.get_ref(W_NAME).expect("functions have a name")
}

pub(crate) fn self_of(f: ObjRef<'_>) -> ObjRef<'_> {
    f.get_ref(W_SELF).expect("functions have a self")
}

pub(crate) fn doc(f: ObjRef<'_>) -> ObjRef<'_> {
    f.get_ref(W_DOC).expect("functions have a doc")
}
