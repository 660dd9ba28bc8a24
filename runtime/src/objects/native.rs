//! Functions written in Rust (the interpreter's builtins, `sys.exit`…):
//! `[type, id, name, self, | index]`, where the index selects the Rust function in the
//! interpreter's table.

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{str as pystr, W_DATA};

const W_NAME: usize = W_DATA;
const W_SELF: usize = W_DATA + 1;
const W_INDEX: usize = W_DATA + 2;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_INDEX as u32,
};

pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    name: &str,
    self_: RawRef,
    index: u32,
) -> PyResult<ObjRef<'h>> {
    let f = a.object(a.kinds().native, a.b.function_type, W_INDEX + 1)?;
    let n = pystr::new(a, name)?;
    f.set_word(W_NAME, n.addr() as u64);
    f.set_word(W_SELF, self_.addr() as u64);
    f.set_word(W_INDEX, index as u64);
    Ok(f)
}

pub(crate) fn index(f: ObjRef<'_>) -> u32 {
    f.word(W_INDEX) as u32
}

pub(crate) fn name(f: ObjRef<'_>) -> &str {
    pystr::as_str(f.get_ref(W_NAME).expect("natives have a name"))
}

pub(crate) fn self_of(f: ObjRef<'_>) -> RawRef {
    RawRef::from_addr(f.word(W_SELF) as usize)
}
