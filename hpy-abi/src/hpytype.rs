//! `hpy/hpytype.h`: type specifications (`HPyType_Spec`, `HPyType_SpecParam`), builtin
//! shapes and type flags.

use core::ffi::{c_char, c_int, c_ulong, c_void};

use crate::base::HPy;
use crate::cpy_types::cpy_vectorcallfunc;
use crate::hpydef::{HPyCallFunction, HPyDef};

c_enum! {
    /// Which builtin a type's instances are laid out like, and so where `HPy_AsStruct`
    /// finds the native struct. The only signed enum of the ABI (`Legacy` is -1).
    pub enum HPyType_BuiltinShape: i32 {
        /// A struct starting with `PyObject_HEAD` (needs the CPython C API).
        HPyType_BuiltinShape_Legacy = -1,
        /// Inherits from `object` (the default: a zeroed spec field).
        HPyType_BuiltinShape_Object = 0,
        /// Inherits from `type` (a metaclass).
        HPyType_BuiltinShape_Type = 1,
        /// Inherits from `int`.
        HPyType_BuiltinShape_Long = 2,
        /// Inherits from `float`.
        HPyType_BuiltinShape_Float = 3,
        /// Inherits from `str`.
        HPyType_BuiltinShape_Unicode = 4,
        /// Inherits from `tuple`.
        HPyType_BuiltinShape_Tuple = 5,
        /// Inherits from `list`.
        HPyType_BuiltinShape_List = 6,
    }
}

/// Declared by the header next to `HPyType_Spec`; no ABI function takes or returns it.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyType_Vectorcall {
    pub cpy_trampoline: cpy_vectorcallfunc,
    pub r#impl: HPyCallFunction,
}

/// The specification `HPyType_FromSpec` builds a type from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyType_Spec {
    /// UTF-8, possibly dotted (`"mod.Name"`): the part after the last dot is `__name__`.
    pub name: *const c_char,
    /// Size of the native struct (0: none).
    pub basicsize: c_int,
    /// Size of variable-length items (not supported by HPy).
    pub itemsize: c_int,
    /// `HPy_TPFLAGS_*`.
    pub flags: c_ulong,
    pub builtin_shape: HPyType_BuiltinShape,
    /// CPython `PyType_Slot` array; non-NULL requires the CPython C API.
    pub legacy_slots: *mut c_void,
    /// NULL-terminated array of pointers to definitions, or NULL.
    pub defines: *mut *mut HPyDef,
    /// UTF-8 docstring or NULL.
    pub doc: *const c_char,
}

c_enum! {
    /// What an `HPyType_SpecParam` supplies.
    pub enum HPyType_SpecParam_Kind: u32 {
        /// One base class; may repeat; excludes `BasesTuple`.
        HPyType_SpecParam_Base = 1,
        /// A tuple of base classes; excludes `Base`.
        HPyType_SpecParam_BasesTuple = 2,
        /// The metaclass.
        HPyType_SpecParam_Metaclass = 3,
    }
}

/// One extra parameter of `HPyType_FromSpec`; the array ends with an entry whose `kind` is 0.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyType_SpecParam {
    pub kind: HPyType_SpecParam_Kind,
    pub object: HPy,
}

/// CPython's heap-type flag (HPy types are always heap types).
pub const _Py_TPFLAGS_HEAPTYPE: c_ulong = 1 << 9;
/// CPython's method-cache flag.
pub const _Py_TPFLAGS_HAVE_VERSION_TAG: c_ulong = 1 << 18;
/// The flags every HPy type should have.
pub const HPy_TPFLAGS_DEFAULT: c_ulong = _Py_TPFLAGS_HEAPTYPE | _Py_TPFLAGS_HAVE_VERSION_TAG;
/// Instances support the vectorcall protocol (`HPy_SetCallFunction`).
pub const HPy_TPFLAGS_HAVE_VECTORCALL: c_ulong = 1 << 11;
/// The type may be subclassed.
pub const HPy_TPFLAGS_BASETYPE: c_ulong = 1 << 10;
/// Instances hold references (`HPyField`s) and the type has `tp_traverse`.
pub const HPy_TPFLAGS_HAVE_GC: c_ulong = 1 << 14;
