//! `hpy/universal/hpyfunc_trampolines.h` and `hpy/universal/autogen_hpyfunc_trampolines.h`:
//! the argument blocks that an extension's CPython trampolines pass, as `void *args`, to
//! `ctx_CallRealFunctionFromTrampoline` (one struct per signature, named after it). Only
//! CPython calls those trampolines; a host that calls `impl` pointers directly never sees
//! these structs, but they are part of the ABI and mirrored here.
//!
//! C's `self` is not a valid Rust field name even as a raw identifier: it is `self_` here.

use core::ffi::{c_char, c_int, c_void};

use crate::base::{HPy_hash_t, HPy_ssize_t};
use crate::cpy_types::{cpy_PyObject, cpy_Py_buffer, cpy_visitproc};
use crate::macros::HPy_RichCmpOp;

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_VARARGS {
    pub self_: *mut cpy_PyObject,
    pub args: *const *mut cpy_PyObject,
    pub nargs: HPy_ssize_t,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_KEYWORDS {
    pub self_: *mut cpy_PyObject,
    pub args: *const *mut cpy_PyObject,
    pub nargsf: usize,
    pub kwnames: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_INITPROC {
    pub self_: *mut cpy_PyObject,
    pub args: *mut cpy_PyObject,
    pub kw: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_NEWFUNC {
    pub self_: *mut cpy_PyObject,
    pub args: *mut cpy_PyObject,
    pub kw: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_RICHCMPFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: HPy_RichCmpOp,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_GETBUFFERPROC {
    pub self_: *mut cpy_PyObject,
    pub view: *mut cpy_Py_buffer,
    pub flags: c_int,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_RELEASEBUFFERPROC {
    pub self_: *mut cpy_PyObject,
    pub view: *mut cpy_Py_buffer,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_TRAVERSEPROC {
    pub self_: *mut cpy_PyObject,
    pub visit: cpy_visitproc,
    pub arg: *mut c_void,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_MOD_CREATE {
    pub spec: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_NOARGS {
    pub self_: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_O {
    pub self_: *mut cpy_PyObject,
    pub arg: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_UNARYFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_BINARYFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_TERNARYFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_INQUIRY {
    pub arg0: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_LENFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: HPy_ssize_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SSIZEARGFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: HPy_ssize_t,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SSIZESSIZEARGFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: HPy_ssize_t,
    pub arg2: HPy_ssize_t,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SSIZEOBJARGPROC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: HPy_ssize_t,
    pub arg2: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SSIZESSIZEOBJARGPROC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: HPy_ssize_t,
    pub arg2: HPy_ssize_t,
    pub arg3: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_OBJOBJARGPROC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_FREEFUNC {
    pub arg0: *mut c_void,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_GETATTRFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut c_char,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_GETATTROFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SETATTRFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut c_char,
    pub arg2: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SETATTROFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_REPRFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_HASHFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: HPy_hash_t,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_GETITERFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_ITERNEXTFUNC {
    pub arg0: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_DESCRGETFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut cpy_PyObject,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_DESCRSETFUNC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_GETTER {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut c_void,
    pub result: *mut cpy_PyObject,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_SETTER {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub arg2: *mut c_void,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_OBJOBJPROC {
    pub arg0: *mut cpy_PyObject,
    pub arg1: *mut cpy_PyObject,
    pub result: c_int,
}

#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct _HPyFunc_args_DESTRUCTOR {
    pub arg0: *mut cpy_PyObject,
}
