//! `hpy/cpy_types.h` (universal mode): the CPython C-API types that appear in HPy
//! declarations. In universal mode they are incomplete types: an extension can only pass
//! pointers to them around, and a universal host (which has no CPython C API) only ever
//! sees NULL or refuses them.

use core::ffi::{c_int, c_void};
use core::marker::{PhantomData, PhantomPinned};

use crate::base::HPy_ssize_t;

/// Makes an incomplete C type: zero-sized, not constructible outside this crate, not
/// `Send`/`Sync`/`Unpin`, only usable behind a pointer.
type Opaque = PhantomData<(*mut u8, PhantomPinned)>;

/// CPython's `PyObject` (incomplete in universal mode).
#[repr(C)]
#[derive(Debug)]
pub struct cpy_PyObject {
    _data: [u8; 0],
    _marker: Opaque,
}

/// CPython's `PyMethodDef` (incomplete in universal mode).
#[repr(C)]
#[derive(Debug)]
pub struct cpy_PyMethodDef {
    _data: [u8; 0],
    _marker: Opaque,
}

/// CPython's `PyModuleDef` (incomplete in universal mode).
#[repr(C)]
#[derive(Debug)]
pub struct cpy_PyModuleDef {
    _data: [u8; 0],
    _marker: Opaque,
}

/// CPython's `Py_buffer` (incomplete in universal mode).
#[repr(C)]
#[derive(Debug)]
pub struct cpy_Py_buffer {
    _data: [u8; 0],
    _marker: Opaque,
}

/// CPython `METH_FASTCALL` function; the type of the CPython trampolines in `HPySlot` and
/// `HPyMeth` (a universal host never calls them).
pub type cpy_PyCFunction = Option<
    unsafe extern "C" fn(
        *mut cpy_PyObject,
        *const *mut cpy_PyObject,
        HPy_ssize_t,
    ) -> *mut cpy_PyObject,
>;
/// CPython `visitproc`.
pub type cpy_visitproc = Option<unsafe extern "C" fn(*mut cpy_PyObject, *mut c_void) -> c_int>;
/// CPython `getter` (trampoline type in `HPyGetSet`).
pub type cpy_getter =
    Option<unsafe extern "C" fn(*mut cpy_PyObject, *mut c_void) -> *mut cpy_PyObject>;
/// CPython `setter` (trampoline type in `HPyGetSet`).
pub type cpy_setter =
    Option<unsafe extern "C" fn(*mut cpy_PyObject, *mut cpy_PyObject, *mut c_void) -> c_int>;
/// CPython capsule destructor (trampoline type in `HPyCapsule_Destructor`).
pub type cpy_PyCapsule_Destructor = Option<unsafe extern "C" fn(*mut cpy_PyObject)>;
/// CPython `vectorcallfunc` (trampoline type in `HPyCallFunction`).
pub type cpy_vectorcallfunc = Option<
    unsafe extern "C" fn(
        callable: *mut cpy_PyObject,
        args: *const *mut cpy_PyObject,
        nargsf: usize,
        kwnames: *mut cpy_PyObject,
    ) -> *mut cpy_PyObject,
>;
