//! Capsules (`PyCapsule`): `[type, id, | data]`. The data (pointer, name, context,
//! destructor) lives in Rust memory owned by the object: C pointers must not move, and the
//! destructor must run exactly once when the capsule dies. The collector never looks at
//! the data word (the layout traces the type word only); [`free`] runs the destructor and
//! frees the data from the runtime's `drop_external`.
//!
//! The name is kept as the pointer the extension gave, not copied, as CPython does: the
//! destructor receives that same pointer (extensions commonly free a malloc'ed name there),
//! and `HPyCapsule_GetName` returns it.

use std::ffi::{c_char, c_void, CStr};

use gc::ObjRef;
use hpy_abi::HPyFunc_Capsule_Destructor;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

pub(crate) const W_INFO: usize = W_DATA;

/// What a capsule holds.
#[derive(Debug)]
pub(crate) struct CapsuleData {
    pub(crate) pointer: *mut c_void,
    pub(crate) name: *const c_char,
    pub(crate) context: *mut c_void,
    /// The `impl` of the extension's `HPyCapsule_Destructor` (called without a context,
    /// as HPy specifies), copied out of the struct the extension passed.
    pub(crate) destructor: HPyFunc_Capsule_Destructor,
}

/// A new capsule. `pointer` must not be null (checked by the caller, which raises).
pub(crate) fn new<'h>(a: &Alloc<'h>, data: CapsuleData) -> PyResult<ObjRef<'h>> {
    let o = a.object(a.kinds().capsule, a.b.capsule_type, W_INFO + 1)?;
    o.set_word(W_INFO, Box::into_raw(Box::new(data)) as u64);
    a.heap.register_external(o);
    Ok(o)
}

/// The data of a live capsule (`o` must be of the capsule kind).
pub(crate) fn data<'a>(o: ObjRef<'a>) -> &'a mut CapsuleData {
    // SAFETY: the word holds the Box leaked in `new`, freed only when the capsule dies;
    // the runtime is single-threaded and callers do not keep the reference across calls
    // that could reach another capsule operation.
    unsafe { &mut *(o.word(W_INFO) as *mut CapsuleData) }
}

/// Does the capsule's name equal `name` (both null counts as equal, as in CPython)?
pub(crate) fn name_matches(d: &CapsuleData, name: *const c_char) -> bool {
    match (d.name.is_null(), name.is_null()) {
        (true, true) => true,
        (false, false) => {
            // SAFETY: both are NUL-terminated strings: the capsule's name, which its
            // creator keeps alive as long as the capsule, and the caller's argument.
            unsafe { CStr::from_ptr(d.name) == CStr::from_ptr(name) }
        }
        _ => false,
    }
}

/// The name as text for `repr`, or `None` for a capsule without a name.
pub(crate) fn name_text(o: ObjRef<'_>) -> Option<String> {
    let d = data(o);
    if d.name.is_null() {
        return None;
    }
    // SAFETY: as in `name_matches`.
    Some(
        unsafe { CStr::from_ptr(d.name) }
            .to_string_lossy()
            .into_owned(),
    )
}
