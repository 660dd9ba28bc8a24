//! Python functions: `[type, id, name, qualname, globals, defaults, kwdefaults, closure,
//! doc, module, dict, | code]` (the dict holds attributes a script sets, made on the
//! first store). The code is the interpreter's `FuncDef` in Rust memory (an
//! `Rc` leaked into the object, released when the function dies).
//! Closure cells: `[type, id, value]`.

use std::rc::Rc;

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::code::{Code, FuncDef};
use crate::objects::W_DATA;

pub(crate) const W_NAME: usize = W_DATA;
pub(crate) const W_QUALNAME: usize = W_DATA + 1;
pub(crate) const W_GLOBALS: usize = W_DATA + 2;
pub(crate) const W_DEFAULTS: usize = W_DATA + 3;
pub(crate) const W_KWDEFAULTS: usize = W_DATA + 4;
pub(crate) const W_CLOSURE: usize = W_DATA + 5;
pub(crate) const W_DOC: usize = W_DATA + 6;
pub(crate) const W_MODULE: usize = W_DATA + 7;
const W_DICT: usize = W_DATA + 8;
const W_CODE: usize = W_DATA + 9;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_CODE as u32,
};

/// What a new function is made of (references must be current: no safepoint between
/// reading them and calling [`new`]).
pub(crate) struct Parts {
    pub(crate) name: RawRef,
    pub(crate) qualname: RawRef,
    pub(crate) globals: RawRef,
    pub(crate) defaults: RawRef,
    pub(crate) kwdefaults: RawRef,
    pub(crate) closure: RawRef,
    pub(crate) doc: RawRef,
    pub(crate) module: RawRef,
}

pub(crate) fn new<'h>(a: &Alloc<'h>, def: &Rc<FuncDef>, p: &Parts) -> PyResult<ObjRef<'h>> {
    let f = a.object(a.kinds().pyfunction, a.b.pyfunction_type, W_CODE + 1)?;
    for (w, r) in [
        (W_NAME, p.name),
        (W_QUALNAME, p.qualname),
        (W_GLOBALS, p.globals),
        (W_DEFAULTS, p.defaults),
        (W_KWDEFAULTS, p.kwdefaults),
        (W_CLOSURE, p.closure),
        (W_DOC, p.doc),
        (W_MODULE, p.module),
    ] {
        f.set_word(w, r.addr() as u64);
    }
    f.set_word(W_CODE, Rc::into_raw(Rc::clone(def)) as u64);
    a.heap.register_external(f);
    Ok(f)
}

/// The function's definition (a new reference to it).
pub(crate) fn def(f: ObjRef<'_>) -> Rc<FuncDef> {
    let p = f.word(W_CODE) as *const FuncDef;
    // SAFETY: the word holds an Rc leaked in `new`, alive until the function dies; we
    // take a new strong count, leaving the object's own.
    unsafe {
        Rc::increment_strong_count(p);
        Rc::from_raw(p)
    }
}

/// The function's code (a new reference to it; the definition's count is left alone).
pub(crate) fn code(f: ObjRef<'_>) -> Rc<Code> {
    let p = f.word(W_CODE) as *const FuncDef;
    // SAFETY: the word holds an Rc leaked in `new`, alive while the function is (`f` is
    // current); only the code's count is taken.
    unsafe { Rc::clone(&(*p).code) }
}

/// Releases the definition of a dead function.
///
/// # Safety
/// `body` is the body of a function that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Rc leaked in `new`, released only here.
    unsafe {
        let p = *(body as *const u64).add(W_CODE) as *const FuncDef;
        drop(Rc::from_raw(p));
    }
}

pub(crate) fn new_cell<'h>(a: &Alloc<'h>, value: RawRef) -> PyResult<ObjRef<'h>> {
    let c = a.object(a.kinds().cell, a.b.cell_type, W_DATA + 1)?;
    c.set_word(W_DATA, value.addr() as u64);
    Ok(c)
}

/// The cell's value (null when empty).
pub(crate) fn cell_get(c: ObjRef<'_>) -> RawRef {
    RawRef::from_addr(c.word(W_DATA) as usize)
}

pub(crate) fn cell_set(a: &Alloc<'_>, c: ObjRef<'_>, v: RawRef) {
    // SAFETY: a null or current reference read from a root just before.
    let v = unsafe { a.heap.resolve(v) };
    a.set(c, W_DATA, v);
}

/// The function's attribute dict, if one was made.
pub(crate) fn dict(f: ObjRef<'_>) -> Option<ObjRef<'_>> {
    f.get_ref(W_DICT)
}

pub(crate) fn set_dict(a: &Alloc<'_>, f: ObjRef<'_>, d: ObjRef<'_>) {
    a.set(f, W_DICT, Some(d));
}

/// Stores one of the special attributes a script may set (`__name__`, `__qualname__`,
/// `__doc__`, `__module__`, `__defaults__`, `__kwdefaults__`); false for other names. The
/// caller checked the value's type.
pub(crate) fn set_attribute(a: &Alloc<'_>, f: ObjRef<'_>, name: &str, v: ObjRef<'_>) -> bool {
    match writable_word(name) {
        Some(w) => {
            a.set(f, w, Some(v));
            true
        }
        None => false,
    }
}

/// The word of a special attribute scripts may set.
fn writable_word(name: &str) -> Option<usize> {
    Some(match name {
        "__name__" => W_NAME,
        "__qualname__" => W_QUALNAME,
        "__doc__" => W_DOC,
        "__module__" => W_MODULE,
        "__defaults__" => W_DEFAULTS,
        "__kwdefaults__" => W_KWDEFAULTS,
        _ => return None,
    })
}

/// The function's `__qualname__` (what its repr shows).
pub(crate) fn qualname(f: ObjRef<'_>) -> Option<ObjRef<'_>> {
    f.get_ref(W_QUALNAME)
}

/// The function attributes scripts read (`__name__`, `__qualname__`, `__doc__`,
/// `__module__`, `__defaults__`, `__kwdefaults__`, `__closure__`, `__globals__`).
pub(crate) fn attribute(f: ObjRef<'_>, name: &str) -> Option<RawRef> {
    let w = match name {
        "__closure__" => W_CLOSURE,
        "__globals__" => W_GLOBALS,
        _ => writable_word(name)?,
    };
    f.get_ref(w).map(|v| v.raw())
}
