//! `hpy/hpydef.h`: the definitions (`HPyDef`) a module or a type is built from — slots,
//! methods, members, get/set descriptors — plus capsule destructors and call functions.
//!
//! Every `cpy_*` trampoline field exists for CPython's benefit; a universal host ignores it
//! and calls `impl` directly with the signature that goes with the definition.

use core::ffi::{c_char, c_int, c_void};

use crate::base::HPy_ssize_t;
use crate::cpy_types::{
    cpy_PyCFunction, cpy_PyCapsule_Destructor, cpy_getter, cpy_setter, cpy_vectorcallfunc,
};
use crate::hpyfunc::{HPyFunc_Signature, HPyFunc_keywords};
use crate::hpyslot::HPySlot_Slot;

/// A function pointer of unspecified signature (C `void *(*)()`); cast it to the
/// `HPyFunc_*` type that the accompanying signature or slot names before calling it.
pub type HPyCFunction = Option<unsafe extern "C" fn() -> *mut c_void>;

/// What a capsule's destructor implementation looks like: it gets the capsule's name,
/// pointer and context, and no `HPyContext`.
pub type HPyFunc_Capsule_Destructor =
    Option<unsafe extern "C" fn(name: *const c_char, pointer: *mut c_void, context: *mut c_void)>;

/// A slot of a type (`HPy_tp_*`, `HPy_nb_*`, ...) or of a module (`HPy_mod_*`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPySlot {
    pub slot: HPySlot_Slot,
    /// Signature given by `HPySlot_SIG` for `slot`.
    pub r#impl: HPyCFunction,
    pub cpy_trampoline: cpy_PyCFunction,
}

/// A method (of a module or of a type).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyMeth {
    /// UTF-8 attribute name.
    pub name: *const c_char,
    /// Signature given by `signature`.
    pub r#impl: HPyCFunction,
    pub cpy_trampoline: cpy_PyCFunction,
    pub signature: HPyFunc_Signature,
    /// UTF-8 docstring or NULL.
    pub doc: *const c_char,
}

c_enum! {
    /// The C type of a member stored in an object's native struct (CPython's `T_*` codes;
    /// 15 is unused).
    pub enum HPyMember_FieldType: u32 {
        HPyMember_SHORT = 0,
        HPyMember_INT = 1,
        HPyMember_LONG = 2,
        HPyMember_FLOAT = 3,
        HPyMember_DOUBLE = 4,
        /// `const char *`, read-only; NULL reads as None.
        HPyMember_STRING = 5,
        /// An `HPyField`; empty reads as None.
        HPyMember_OBJECT = 6,
        /// One `char`, read as a 1-character str.
        HPyMember_CHAR = 7,
        /// `signed char`.
        HPyMember_BYTE = 8,
        HPyMember_UBYTE = 9,
        HPyMember_USHORT = 10,
        HPyMember_UINT = 11,
        HPyMember_ULONG = 12,
        /// A `char` array inside the struct, read-only.
        HPyMember_STRING_INPLACE = 13,
        /// A `char` holding 0 or 1.
        HPyMember_BOOL = 14,
        /// An `HPyField`; empty raises AttributeError.
        HPyMember_OBJECT_EX = 16,
        HPyMember_LONGLONG = 17,
        HPyMember_ULONGLONG = 18,
        HPyMember_HPYSSIZET = 19,
        /// No storage; always reads as None.
        HPyMember_NONE = 20,
    }
}

/// An attribute stored at a fixed offset in the object's native struct.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyMember {
    pub name: *const c_char,
    pub r#type: HPyMember_FieldType,
    /// Byte offset inside the native struct.
    pub offset: HPy_ssize_t,
    pub readonly: c_int,
    pub doc: *const c_char,
}

/// A computed attribute. Either implementation may be NULL (read-only or write-only).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyGetSet {
    pub name: *const c_char,
    /// An `HPyFunc_getter`, or NULL.
    pub getter_impl: HPyCFunction,
    /// An `HPyFunc_setter`, or NULL.
    pub setter_impl: HPyCFunction,
    pub getter_cpy_trampoline: cpy_getter,
    pub setter_cpy_trampoline: cpy_setter,
    pub doc: *const c_char,
    /// Passed unchanged as the last argument of the getter and setter.
    pub closure: *mut c_void,
}

c_enum! {
    /// Which member of `HPyDef`'s union is in use.
    pub enum HPyDef_Kind: u32 {
        HPyDef_Kind_Slot = 1,
        HPyDef_Kind_Meth = 2,
        HPyDef_Kind_Member = 3,
        HPyDef_Kind_GetSet = 4,
    }
}

/// The anonymous union inside `HPyDef`. C code names its members directly (`def->slot`);
/// here they are reached through `HPyDef::u`.
#[repr(C)]
#[derive(Clone, Copy)]
pub union HPyDef_Union {
    pub slot: HPySlot,
    pub meth: HPyMeth,
    pub member: HPyMember,
    pub getset: HPyGetSet,
}

/// One definition; `kind` says which member of the union is meaningful. Module and type
/// definitions carry NULL-terminated arrays of pointers to these.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct HPyDef {
    pub kind: HPyDef_Kind,
    /// The C struct's anonymous union (named here because Rust has no anonymous unions).
    pub u: HPyDef_Union,
}

/// Destructor of a capsule, as given to `HPyCapsule_New`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyCapsule_Destructor {
    pub cpy_trampoline: cpy_PyCapsule_Destructor,
    pub r#impl: HPyFunc_Capsule_Destructor,
}

/// A call implementation, as given to `HPy_SetCallFunction` (signature `HPyFunc_keywords`).
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyCallFunction {
    pub cpy_trampoline: cpy_vectorcallfunc,
    pub r#impl: HPyFunc_keywords,
}
