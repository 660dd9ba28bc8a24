//! `hpy/hpyfunc.h` and `hpy/autogen_hpyfunc_declare.h`: the C signatures an extension's
//! functions can have, the buffer struct, and the traverse/visit pair the collector uses.

use core::ffi::{c_char, c_int, c_void};

use crate::base::{HPy, HPyField, HPy_hash_t, HPy_ssize_t};
use crate::context::HPyContext;
use crate::macros::HPy_RichCmpOp;

c_enum! {
    /// Which C signature the `impl` of an `HPyMeth` (or a slot) has. A host casts the
    /// generic `HPyCFunction` to the matching `HPyFunc_*` type before calling it.
    pub enum HPyFunc_Signature: u32 {
        /// `HPyFunc_varargs` (CPython `METH_FASTCALL`).
        HPyFunc_VARARGS = 1,
        /// `HPyFunc_keywords` (CPython `METH_FASTCALL | METH_KEYWORDS`).
        HPyFunc_KEYWORDS = 2,
        /// `HPyFunc_noargs` (CPython `METH_NOARGS`).
        HPyFunc_NOARGS = 3,
        /// `HPyFunc_o` (CPython `METH_O`).
        HPyFunc_O = 4,
        HPyFunc_DESTROYFUNC = 5,
        HPyFunc_GETBUFFERPROC = 6,
        HPyFunc_RELEASEBUFFERPROC = 7,
        HPyFunc_UNARYFUNC = 8,
        HPyFunc_BINARYFUNC = 9,
        HPyFunc_TERNARYFUNC = 10,
        HPyFunc_INQUIRY = 11,
        HPyFunc_LENFUNC = 12,
        HPyFunc_SSIZEARGFUNC = 13,
        HPyFunc_SSIZESSIZEARGFUNC = 14,
        HPyFunc_SSIZEOBJARGPROC = 15,
        HPyFunc_SSIZESSIZEOBJARGPROC = 16,
        HPyFunc_OBJOBJARGPROC = 17,
        HPyFunc_FREEFUNC = 18,
        HPyFunc_GETATTRFUNC = 19,
        HPyFunc_GETATTROFUNC = 20,
        HPyFunc_SETATTRFUNC = 21,
        HPyFunc_SETATTROFUNC = 22,
        HPyFunc_REPRFUNC = 23,
        HPyFunc_HASHFUNC = 24,
        HPyFunc_RICHCMPFUNC = 25,
        HPyFunc_GETITERFUNC = 26,
        HPyFunc_ITERNEXTFUNC = 27,
        HPyFunc_DESCRGETFUNC = 28,
        HPyFunc_DESCRSETFUNC = 29,
        HPyFunc_INITPROC = 30,
        HPyFunc_NEWFUNC = 31,
        HPyFunc_GETTER = 32,
        HPyFunc_SETTER = 33,
        HPyFunc_OBJOBJPROC = 34,
        HPyFunc_TRAVERSEPROC = 35,
        HPyFunc_DESTRUCTOR = 36,
        HPyFunc_CAPSULE_DESTRUCTOR = 37,
        HPyFunc_VECTORCALLFUNC = 38,
        HPyFunc_MOD_CREATE = 39,
    }
}

/// The buffer an `HPy_bf_getbuffer` slot fills in (HPy's counterpart of `Py_buffer`).
/// `obj` is a handle owned by the buffer.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPy_buffer {
    pub buf: *mut c_void,
    pub obj: HPy,
    pub len: HPy_ssize_t,
    pub itemsize: HPy_ssize_t,
    pub readonly: c_int,
    pub ndim: c_int,
    pub format: *mut c_char,
    pub shape: *mut HPy_ssize_t,
    pub strides: *mut HPy_ssize_t,
    pub suboffsets: *mut HPy_ssize_t,
    pub internal: *mut c_void,
}

/// The visit function a host passes to `tp_traverse`: called once per non-empty field,
/// with the field's address (so a moving collector may rewrite it) and the host's `arg`.
/// A non-zero result stops the traversal and is returned by `tp_traverse`.
pub type HPyFunc_visitproc = Option<unsafe extern "C" fn(*mut HPyField, *mut c_void) -> c_int>;

// One typedef per `HPyFunc_Signature`, in the order of `autogen_hpyfunc_declare.h`.

pub type HPyFunc_noargs = Option<unsafe extern "C" fn(ctx: *mut HPyContext, self_: HPy) -> HPy>;
pub type HPyFunc_o =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, self_: HPy, arg: HPy) -> HPy>;
pub type HPyFunc_varargs = Option<
    unsafe extern "C" fn(ctx: *mut HPyContext, self_: HPy, args: *const HPy, nargs: usize) -> HPy,
>;
pub type HPyFunc_keywords = Option<
    unsafe extern "C" fn(
        ctx: *mut HPyContext,
        self_: HPy,
        args: *const HPy,
        nargs: usize,
        kwnames: HPy,
    ) -> HPy,
>;
pub type HPyFunc_unaryfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy>;
pub type HPyFunc_binaryfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy) -> HPy>;
pub type HPyFunc_ternaryfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy) -> HPy>;
pub type HPyFunc_inquiry = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> c_int>;
pub type HPyFunc_lenfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy_ssize_t>;
pub type HPyFunc_ssizeargfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy_ssize_t) -> HPy>;
pub type HPyFunc_ssizessizeargfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy_ssize_t, HPy_ssize_t) -> HPy>;
pub type HPyFunc_ssizeobjargproc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy_ssize_t, HPy) -> c_int>;
pub type HPyFunc_ssizessizeobjargproc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy_ssize_t, HPy_ssize_t, HPy) -> c_int>;
pub type HPyFunc_objobjargproc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy) -> c_int>;
pub type HPyFunc_freefunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, *mut c_void)>;
pub type HPyFunc_getattrfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, *mut c_char) -> HPy>;
pub type HPyFunc_getattrofunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy) -> HPy>;
pub type HPyFunc_setattrfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, *mut c_char, HPy) -> c_int>;
pub type HPyFunc_setattrofunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy) -> c_int>;
pub type HPyFunc_reprfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy>;
pub type HPyFunc_hashfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy_hash_t>;
pub type HPyFunc_richcmpfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy_RichCmpOp) -> HPy>;
pub type HPyFunc_getiterfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy>;
pub type HPyFunc_iternextfunc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy>;
pub type HPyFunc_descrgetfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy) -> HPy>;
pub type HPyFunc_descrsetfunc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, HPy) -> c_int>;
pub type HPyFunc_initproc = Option<
    unsafe extern "C" fn(
        ctx: *mut HPyContext,
        self_: HPy,
        args: *const HPy,
        nargs: HPy_ssize_t,
        kw: HPy,
    ) -> c_int,
>;
pub type HPyFunc_newfunc = Option<
    unsafe extern "C" fn(
        ctx: *mut HPyContext,
        type_: HPy,
        args: *const HPy,
        nargs: HPy_ssize_t,
        kw: HPy,
    ) -> HPy,
>;
pub type HPyFunc_getter =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, *mut c_void) -> HPy>;
pub type HPyFunc_setter =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy, *mut c_void) -> c_int>;
pub type HPyFunc_objobjproc = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, HPy) -> c_int>;
pub type HPyFunc_getbufferproc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, *mut HPy_buffer, c_int) -> c_int>;
pub type HPyFunc_releasebufferproc =
    Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy, *mut HPy_buffer)>;
/// `tp_traverse`: receives the native struct (no context, must not call the API), the
/// host's visit function and its argument.
pub type HPyFunc_traverseproc = Option<
    unsafe extern "C" fn(object: *mut c_void, visit: HPyFunc_visitproc, arg: *mut c_void) -> c_int,
>;
/// `tp_finalize`: may call the API.
pub type HPyFunc_destructor = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy)>;
/// `tp_destroy`: receives only the native struct (no context, must not call the API).
pub type HPyFunc_destroyfunc = Option<unsafe extern "C" fn(*mut c_void)>;
/// `HPy_mod_create`: receives the module spec, returns the module object.
pub type HPyFunc_mod_create = Option<unsafe extern "C" fn(ctx: *mut HPyContext, HPy) -> HPy>;
