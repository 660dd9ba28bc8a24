//! Extension functions (`builtin_function_or_method`):
//! `[type, id, name, doc, self, | impl, signature, label, label length, self handle]`.
//!
//! The label (`module.name`, `Type.name`) is a string outside the heap, interned for the
//! life of the process: what a crash message names as the extension function running
//! (`crate::host::crash::Running`), readable without touching the moving heap.

use gc::{ObjRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{str as pystr, W_DATA};

const W_NAME: usize = W_DATA;
const W_DOC: usize = W_DATA + 1;
const W_SELF: usize = W_DATA + 2;
const W_IMPL: usize = W_DATA + 3;
const W_SIG: usize = W_DATA + 4;
const W_LABEL: usize = W_DATA + 5;
const W_LABEL_LEN: usize = W_DATA + 6;
/// A handle to `self` that stays open for the life of the process (0: none), given to
/// every call instead of one opened and closed per call. Only a module function has one:
/// its module is never freed anyway (see `host/loader.rs`).
const W_SELF_HANDLE: usize = W_DATA + 7;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_IMPL as u32,
};

pub(crate) struct FuncInfo {
    pub(crate) impl_: usize,
    pub(crate) signature: u32,
    pub(crate) label: &'static str,
    /// The value of a handle to `self` open for good, or 0.
    pub(crate) self_handle: isize,
}

/// A new extension function. `label` names it in crash messages (see the module doc):
/// interned once where the function is defined, passed on when a method is bound.
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    name: &str,
    doc: Option<&str>,
    self_: ObjRef<'_>,
    impl_: usize,
    signature: u32,
    label: &'static str,
) -> PyResult<ObjRef<'h>> {
    let f = a.object(a.kinds().function, a.b.function_type, W_SELF_HANDLE + 1)?;
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
    set_label(f, label);
    Ok(f)
}

/// Records `h`, a handle to the function's `self` that stays open for good (the word is
/// not traced: the handle table keeps `self` current).
pub(crate) fn set_self_handle(f: ObjRef<'_>, h: isize) {
    f.set_word(W_SELF_HANDLE, h as u64);
}

fn set_label(f: ObjRef<'_>, label: &'static str) {
    // Stored tagged like the code address: not a reference.
    f.set_word(W_LABEL, (label.as_ptr() as u64) << 1 | 1);
    f.set_word(W_LABEL_LEN, label.len() as u64);
}

#[inline]
pub(crate) fn info(f: ObjRef<'_>) -> FuncInfo {
    // One bounds check for the four words (every call reads them).
    let w = f.words::<{ W_SELF_HANDLE + 1 }>();
    let p = (w[W_LABEL] >> 1) as *const u8;
    let len = w[W_LABEL_LEN] as usize;
    FuncInfo {
        impl_: (w[W_IMPL] >> 1) as usize,
        signature: w[W_SIG] as u32,
        self_handle: w[W_SELF_HANDLE] as isize,
        // SAFETY: `set_label` stored an interned `&'static str` (never freed).
        label: unsafe { std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, len)) },
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

/// Marks a function object stored in an extension type's dict: a method descriptor,
/// bound to the instance when looked up through it.
pub(crate) const METHOD_DESCR: u32 = 1 << 16;
