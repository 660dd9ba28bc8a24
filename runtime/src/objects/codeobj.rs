//! Code objects (`HPy_Compile_s`): `[type, id, | Rust data]`, the data being the lowered
//! code and what `HPy_EvalCode` needs to know about it; freed when the object dies.

use std::rc::Rc;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::code::Code;
use crate::objects::W_DATA;

const W_INFO: usize = W_DATA;

/// How the source was compiled (`HPy_SourceKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    /// An expression: evaluating gives its value (the code assigns it to [`RESULT`]).
    Expr,
    /// Statements: evaluating gives None.
    File,
    /// One interactive statement: an expression's value is printed (if not None).
    Single { expression: bool },
}

/// The global an expression's code stores its value in, taken out right after.
pub(crate) const RESULT: &str = "__hpymove_eval_result__";

pub(crate) struct CodeData {
    pub(crate) code: Rc<Code>,
    pub(crate) mode: Mode,
    /// The source lines, for tracebacks.
    pub(crate) lines: Rc<Vec<String>>,
}

pub(crate) fn new<'h>(a: &Alloc<'h>, data: CodeData) -> PyResult<ObjRef<'h>> {
    let o = a.object(a.kinds().code, a.b.code_type, W_INFO + 1)?;
    o.set_word(W_INFO, Box::into_raw(Box::new(data)) as u64);
    a.heap.register_external(o);
    Ok(o)
}

/// The data of a live code object.
pub(crate) fn data<'a>(o: ObjRef<'a>) -> &'a CodeData {
    // SAFETY: the word holds the Box leaked in `new`, freed only when the object dies.
    unsafe { &*(o.word(W_INFO) as *const CodeData) }
}

/// Frees the data of a dead code object.
///
/// # Safety
/// `body` is the body of a code object that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `new`, freed only here.
    drop(unsafe { Box::from_raw(*(body as *const u64).add(W_INFO) as *mut CodeData) });
}
