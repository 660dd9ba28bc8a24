//! Code objects (`HPy_Compile_s`): `[type, id, | Rust data]`, the data being the lowered
//! code and what `HPy_EvalCode` needs to know about it; freed when the object dies.

use std::rc::Rc;

use gc::{ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::code::Code;
use crate::objects::{int, str as pystr, tuple, W_DATA};

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

/// The attributes of CPython's code objects that describe compiled source: a module-level
/// code has no parameters, no locals and no flags (`co_flags` is 0 for `compile()`'s
/// code in 3.11). `None` for any other name.
pub(crate) fn attribute(a: &Alloc<'_>, o: ObjRef<'_>, name: &str) -> Option<PyResult<RawRef>> {
    let code = &data(o).code;
    let text = |t: &str| pystr::new(a, t).map(|s| s.raw());
    let number = |v: i64| int::new_i64(a, v).map(|i| i.raw());
    Some(match name {
        "co_name" => text(&code.name),
        "co_qualname" => text(&code.qualname),
        "co_filename" => text(&code.filename),
        // Module-level code starts at line 1 whatever its first statement's line.
        "co_firstlineno" => number(1),
        "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals" | "co_flags" => {
            number(0)
        }
        "co_varnames" | "co_cellvars" | "co_freevars" => tuple::new(a, &[]).map(|t| t.raw()),
        _ => return None,
    })
}

/// `repr(code)`, as CPython shows it (with the identity number for the address).
pub(crate) fn repr(o: ObjRef<'_>, identity: u64) -> String {
    let code = &data(o).code;
    format!(
        "<code object {} at {identity:#x}, file \"{}\", line 1>",
        code.name, code.filename
    )
}
