//! `hpy/runtime/structseq.h`: struct sequence descriptors. The functions using them are
//! helpers compiled into each extension (they only call context functions), so a host never
//! receives these structs; they are mirrored so that every type of the headers is here.

use core::ffi::c_char;

/// One field of a struct sequence; a NULL `name` ends the array.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyStructSequence_Field {
    pub name: *const c_char,
    pub doc: *const c_char,
}

/// Describes a struct sequence type (a tuple subclass with named fields).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyStructSequence_Desc {
    pub name: *const c_char,
    pub doc: *const c_char,
    /// NULL-name-terminated array.
    pub fields: *mut HPyStructSequence_Field,
}
