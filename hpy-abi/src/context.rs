//! `hpy/universal/autogen_ctx.h`: the context, the table through which a universal
//! extension reaches every function and constant of the host.
//!
//! The layout is the 0.9 one, member for member: the three header fields, then 263 members
//! (constant handles and function pointers interleaved as the header has them), then the ten
//! members that later HPy sources append (so binaries built from those headers also work).
//! Parameter names follow the header, except `type` which is `type_` here.

use core::ffi::{c_char, c_int, c_void};
use core::mem::{offset_of, size_of};

use crate::base::*;
use crate::cpy_types::cpy_PyObject;
use crate::hpydef::{HPyCFunction, HPyCallFunction, HPyCapsule_Destructor};
use crate::hpyfunc::HPyFunc_Signature;
use crate::hpytype::{HPyType_BuiltinShape, HPyType_Spec, HPyType_SpecParam};

/// Number of members of the 0.9 context after `name`, `_private` and `abi_version`.
pub const HPY_CONTEXT_09_MEMBERS: usize = 263;
/// Number of members appended after the 0.9 layout (`h_DictType` ..= `ctx_Slice_New`).
pub const HPY_CONTEXT_LATER_MEMBERS: usize = 10;

/// The context. A host fills every member (there is no NULL function pointer) and passes a
/// pointer to it as the first argument of every call into the extension.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyContext {
    /// Identifies the implementation (this runtime's starts with "HPy Universal ABI").
    pub name: *const c_char,
    /// The host's own data (this runtime: a pointer to itself).
    pub _private: *mut c_void,
    /// `HPY_ABI_VERSION` of the host (0).
    pub abi_version: c_int,

    // Constants: immortal handles to singletons, builtin exceptions and warnings, and
    // builtin types. Closing one is a no-op.
    pub h_None: HPy,
    pub h_True: HPy,
    pub h_False: HPy,
    pub h_NotImplemented: HPy,
    pub h_Ellipsis: HPy,
    pub h_BaseException: HPy,
    pub h_Exception: HPy,
    pub h_StopAsyncIteration: HPy,
    pub h_StopIteration: HPy,
    pub h_GeneratorExit: HPy,
    pub h_ArithmeticError: HPy,
    pub h_LookupError: HPy,
    pub h_AssertionError: HPy,
    pub h_AttributeError: HPy,
    pub h_BufferError: HPy,
    pub h_EOFError: HPy,
    pub h_FloatingPointError: HPy,
    pub h_OSError: HPy,
    pub h_ImportError: HPy,
    pub h_ModuleNotFoundError: HPy,
    pub h_IndexError: HPy,
    pub h_KeyError: HPy,
    pub h_KeyboardInterrupt: HPy,
    pub h_MemoryError: HPy,
    pub h_NameError: HPy,
    pub h_OverflowError: HPy,
    pub h_RuntimeError: HPy,
    pub h_RecursionError: HPy,
    pub h_NotImplementedError: HPy,
    pub h_SyntaxError: HPy,
    pub h_IndentationError: HPy,
    pub h_TabError: HPy,
    pub h_ReferenceError: HPy,
    pub h_SystemError: HPy,
    pub h_SystemExit: HPy,
    pub h_TypeError: HPy,
    pub h_UnboundLocalError: HPy,
    pub h_UnicodeError: HPy,
    pub h_UnicodeEncodeError: HPy,
    pub h_UnicodeDecodeError: HPy,
    pub h_UnicodeTranslateError: HPy,
    pub h_ValueError: HPy,
    pub h_ZeroDivisionError: HPy,
    pub h_BlockingIOError: HPy,
    pub h_BrokenPipeError: HPy,
    pub h_ChildProcessError: HPy,
    pub h_ConnectionError: HPy,
    pub h_ConnectionAbortedError: HPy,
    pub h_ConnectionRefusedError: HPy,
    pub h_ConnectionResetError: HPy,
    pub h_FileExistsError: HPy,
    pub h_FileNotFoundError: HPy,
    pub h_InterruptedError: HPy,
    pub h_IsADirectoryError: HPy,
    pub h_NotADirectoryError: HPy,
    pub h_PermissionError: HPy,
    pub h_ProcessLookupError: HPy,
    pub h_TimeoutError: HPy,
    pub h_Warning: HPy,
    pub h_UserWarning: HPy,
    pub h_DeprecationWarning: HPy,
    pub h_PendingDeprecationWarning: HPy,
    pub h_SyntaxWarning: HPy,
    pub h_RuntimeWarning: HPy,
    pub h_FutureWarning: HPy,
    pub h_ImportWarning: HPy,
    pub h_UnicodeWarning: HPy,
    pub h_BytesWarning: HPy,
    pub h_ResourceWarning: HPy,
    pub h_BaseObjectType: HPy,
    pub h_TypeType: HPy,
    pub h_BoolType: HPy,
    pub h_LongType: HPy,
    pub h_FloatType: HPy,
    pub h_UnicodeType: HPy,
    pub h_TupleType: HPy,
    pub h_ListType: HPy,

    // Functions (universal-mode `HPy_Dup(ctx, h)` is `ctx->ctx_Dup(ctx, h)`, and so on).
    pub ctx_Dup: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Close: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy),
    pub ctx_Long_FromInt32_t: unsafe extern "C" fn(ctx: *mut HPyContext, value: i32) -> HPy,
    pub ctx_Long_FromUInt32_t: unsafe extern "C" fn(ctx: *mut HPyContext, value: u32) -> HPy,
    pub ctx_Long_FromInt64_t: unsafe extern "C" fn(ctx: *mut HPyContext, v: i64) -> HPy,
    pub ctx_Long_FromUInt64_t: unsafe extern "C" fn(ctx: *mut HPyContext, v: u64) -> HPy,
    pub ctx_Long_FromSize_t: unsafe extern "C" fn(ctx: *mut HPyContext, value: usize) -> HPy,
    pub ctx_Long_FromSsize_t: unsafe extern "C" fn(ctx: *mut HPyContext, value: HPy_ssize_t) -> HPy,
    pub ctx_Long_AsInt32_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> i32,
    pub ctx_Long_AsUInt32_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> u32,
    pub ctx_Long_AsUInt32_tMask: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> u32,
    pub ctx_Long_AsInt64_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> i64,
    pub ctx_Long_AsUInt64_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> u64,
    pub ctx_Long_AsUInt64_tMask: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> u64,
    pub ctx_Long_AsSize_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> usize,
    pub ctx_Long_AsSsize_t: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t,
    pub ctx_Long_AsVoidPtr: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_Long_AsDouble: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> f64,
    pub ctx_Float_FromDouble: unsafe extern "C" fn(ctx: *mut HPyContext, v: f64) -> HPy,
    pub ctx_Float_AsDouble: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> f64,
    pub ctx_Bool_FromBool: unsafe extern "C" fn(ctx: *mut HPyContext, v: bool) -> HPy,
    pub ctx_Length: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t,
    pub ctx_Number_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Add: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Subtract: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Multiply: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_MatrixMultiply: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_FloorDivide: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_TrueDivide: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Remainder: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Divmod: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Power: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy, h3: HPy) -> HPy,
    pub ctx_Negative: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Positive: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Absolute: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Invert: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Lshift: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Rshift: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_And: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Xor: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Or: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Index: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Long: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_Float: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy) -> HPy,
    pub ctx_InPlaceAdd: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceSubtract: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceMultiply: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceMatrixMultiply:
        unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceFloorDivide: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceTrueDivide: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceRemainder: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlacePower:
        unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy, h3: HPy) -> HPy,
    pub ctx_InPlaceLshift: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceRshift: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceAnd: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceXor: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_InPlaceOr: unsafe extern "C" fn(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy,
    pub ctx_Callable_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_CallTupleDict:
        unsafe extern "C" fn(ctx: *mut HPyContext, callable: HPy, args: HPy, kw: HPy) -> HPy,
    pub ctx_FatalError: unsafe extern "C" fn(ctx: *mut HPyContext, message: *const c_char),
    /// Declared `void` in 0.9 and `HPy` in later headers: a host returns `HPy_NULL`. That is
    /// ABI-compatible with 0.9 callers, which ignore the return register (x86-64 SysV, AArch64).
    pub ctx_Err_SetString:
        unsafe extern "C" fn(ctx: *mut HPyContext, h_type: HPy, utf8_message: *const c_char) -> HPy,
    /// Declared `void` in 0.9, `HPy` later; see `ctx_Err_SetString`.
    pub ctx_Err_SetObject:
        unsafe extern "C" fn(ctx: *mut HPyContext, h_type: HPy, h_value: HPy) -> HPy,
    pub ctx_Err_SetFromErrnoWithFilename: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        h_type: HPy,
        filename_fsencoded: *const c_char,
    ) -> HPy,
    /// Declared `void` in 0.9, `HPy` later; see `ctx_Err_SetString`.
    pub ctx_Err_SetFromErrnoWithFilenameObjects: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        h_type: HPy,
        filename1: HPy,
        filename2: HPy,
    ) -> HPy,
    pub ctx_Err_Occurred: unsafe extern "C" fn(ctx: *mut HPyContext) -> c_int,
    pub ctx_Err_ExceptionMatches: unsafe extern "C" fn(ctx: *mut HPyContext, exc: HPy) -> c_int,
    /// Declared `void` in 0.9, `HPy` later; see `ctx_Err_SetString`.
    pub ctx_Err_NoMemory: unsafe extern "C" fn(ctx: *mut HPyContext) -> HPy,
    pub ctx_Err_Clear: unsafe extern "C" fn(ctx: *mut HPyContext),
    pub ctx_Err_NewException: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        utf8_name: *const c_char,
        base: HPy,
        dict: HPy,
    ) -> HPy,
    pub ctx_Err_NewExceptionWithDoc: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        utf8_name: *const c_char,
        utf8_doc: *const c_char,
        base: HPy,
        dict: HPy,
    ) -> HPy,
    pub ctx_Err_WarnEx: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        category: HPy,
        utf8_message: *const c_char,
        stack_level: HPy_ssize_t,
    ) -> c_int,
    pub ctx_Err_WriteUnraisable: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy),
    pub ctx_IsTrue: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Type_FromSpec: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        spec: *mut HPyType_Spec,
        params: *mut HPyType_SpecParam,
    ) -> HPy,
    pub ctx_Type_GenericNew: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        type_: HPy,
        args: *const HPy,
        nargs: HPy_ssize_t,
        kw: HPy,
    ) -> HPy,
    pub ctx_GetAttr: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, name: HPy) -> HPy,
    pub ctx_GetAttr_s:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, utf8_name: *const c_char) -> HPy,
    pub ctx_HasAttr: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, name: HPy) -> c_int,
    pub ctx_HasAttr_s:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, utf8_name: *const c_char) -> c_int,
    pub ctx_SetAttr:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, name: HPy, value: HPy) -> c_int,
    pub ctx_SetAttr_s: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        utf8_name: *const c_char,
        value: HPy,
    ) -> c_int,
    pub ctx_GetItem: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, key: HPy) -> HPy,
    pub ctx_GetItem_i:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> HPy,
    pub ctx_GetItem_s:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, utf8_key: *const c_char) -> HPy,
    pub ctx_Contains: unsafe extern "C" fn(ctx: *mut HPyContext, container: HPy, key: HPy) -> c_int,
    pub ctx_SetItem:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, key: HPy, value: HPy) -> c_int,
    pub ctx_SetItem_i:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t, value: HPy) -> c_int,
    pub ctx_SetItem_s: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        utf8_key: *const c_char,
        value: HPy,
    ) -> c_int,
    pub ctx_Type: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_TypeCheck: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, type_: HPy) -> c_int,
    pub ctx_Is: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, other: HPy) -> c_int,
    pub ctx_AsStruct_Object: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_Legacy: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, h_type: HPy, data: *mut *mut c_void) -> HPy,
    pub ctx_Repr: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_Str: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_ASCII: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_Bytes: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_RichCompare:
        unsafe extern "C" fn(ctx: *mut HPyContext, v: HPy, w: HPy, op: c_int) -> HPy,
    pub ctx_RichCompareBool:
        unsafe extern "C" fn(ctx: *mut HPyContext, v: HPy, w: HPy, op: c_int) -> c_int,
    pub ctx_Hash: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy_hash_t,
    pub ctx_Bytes_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Bytes_Size: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t,
    pub ctx_Bytes_GET_SIZE: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t,
    pub ctx_Bytes_AsString: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *const c_char,
    pub ctx_Bytes_AS_STRING: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *const c_char,
    pub ctx_Bytes_FromString:
        unsafe extern "C" fn(ctx: *mut HPyContext, bytes: *const c_char) -> HPy,
    pub ctx_Bytes_FromStringAndSize:
        unsafe extern "C" fn(ctx: *mut HPyContext, bytes: *const c_char, len: HPy_ssize_t) -> HPy,
    pub ctx_Unicode_FromString:
        unsafe extern "C" fn(ctx: *mut HPyContext, utf8: *const c_char) -> HPy,
    pub ctx_Unicode_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Unicode_AsASCIIString: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Unicode_AsLatin1String: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Unicode_AsUTF8String: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Unicode_AsUTF8AndSize:
        unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy, size: *mut HPy_ssize_t) -> *const c_char,
    pub ctx_Unicode_FromWideChar:
        unsafe extern "C" fn(ctx: *mut HPyContext, w: *const wchar_t, size: HPy_ssize_t) -> HPy,
    pub ctx_Unicode_DecodeFSDefault:
        unsafe extern "C" fn(ctx: *mut HPyContext, v: *const c_char) -> HPy,
    pub ctx_Unicode_DecodeFSDefaultAndSize:
        unsafe extern "C" fn(ctx: *mut HPyContext, v: *const c_char, size: HPy_ssize_t) -> HPy,
    pub ctx_Unicode_EncodeFSDefault: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Unicode_ReadChar:
        unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy, index: HPy_ssize_t) -> HPy_UCS4,
    pub ctx_Unicode_DecodeASCII: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        ascii: *const c_char,
        size: HPy_ssize_t,
        errors: *const c_char,
    ) -> HPy,
    pub ctx_Unicode_DecodeLatin1: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        latin1: *const c_char,
        size: HPy_ssize_t,
        errors: *const c_char,
    ) -> HPy,
    pub ctx_List_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_List_New: unsafe extern "C" fn(ctx: *mut HPyContext, len: HPy_ssize_t) -> HPy,
    pub ctx_List_Append:
        unsafe extern "C" fn(ctx: *mut HPyContext, h_list: HPy, h_item: HPy) -> c_int,
    pub ctx_Dict_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Dict_New: unsafe extern "C" fn(ctx: *mut HPyContext) -> HPy,
    pub ctx_Tuple_Check: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> c_int,
    pub ctx_Tuple_FromArray:
        unsafe extern "C" fn(ctx: *mut HPyContext, items: *mut HPy, n: HPy_ssize_t) -> HPy,
    pub ctx_Import_ImportModule:
        unsafe extern "C" fn(ctx: *mut HPyContext, utf8_name: *const c_char) -> HPy,
    /// CPython C-API bridge: unusable without the CPython C API.
    pub ctx_FromPyObject: unsafe extern "C" fn(ctx: *mut HPyContext, obj: *mut cpy_PyObject) -> HPy,
    pub ctx_AsPyObject: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut cpy_PyObject,
    /// Called only by CPython trampolines; `args` points at one of the `_HPyFunc_args_*`
    /// structs, chosen by `sig`.
    pub ctx_CallRealFunctionFromTrampoline: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        sig: HPyFunc_Signature,
        func: HPyCFunction,
        args: *mut c_void,
    ),
    pub ctx_ListBuilder_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyListBuilder,
    pub ctx_ListBuilder_Set: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        builder: HPyListBuilder,
        index: HPy_ssize_t,
        h_item: HPy,
    ),
    pub ctx_ListBuilder_Build:
        unsafe extern "C" fn(ctx: *mut HPyContext, builder: HPyListBuilder) -> HPy,
    pub ctx_ListBuilder_Cancel: unsafe extern "C" fn(ctx: *mut HPyContext, builder: HPyListBuilder),
    pub ctx_TupleBuilder_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyTupleBuilder,
    pub ctx_TupleBuilder_Set: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        builder: HPyTupleBuilder,
        index: HPy_ssize_t,
        h_item: HPy,
    ),
    pub ctx_TupleBuilder_Build:
        unsafe extern "C" fn(ctx: *mut HPyContext, builder: HPyTupleBuilder) -> HPy,
    pub ctx_TupleBuilder_Cancel:
        unsafe extern "C" fn(ctx: *mut HPyContext, builder: HPyTupleBuilder),
    pub ctx_Tracker_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, size: HPy_ssize_t) -> HPyTracker,
    pub ctx_Tracker_Add:
        unsafe extern "C" fn(ctx: *mut HPyContext, ht: HPyTracker, h: HPy) -> c_int,
    pub ctx_Tracker_ForgetAll: unsafe extern "C" fn(ctx: *mut HPyContext, ht: HPyTracker),
    pub ctx_Tracker_Close: unsafe extern "C" fn(ctx: *mut HPyContext, ht: HPyTracker),
    pub ctx_Field_Store: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        target_object: HPy,
        target_field: *mut HPyField,
        h: HPy,
    ),
    pub ctx_Field_Load: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        source_object: HPy,
        source_field: HPyField,
    ) -> HPy,
    pub ctx_ReenterPythonExecution:
        unsafe extern "C" fn(ctx: *mut HPyContext, state: HPyThreadState),
    pub ctx_LeavePythonExecution: unsafe extern "C" fn(ctx: *mut HPyContext) -> HPyThreadState,
    pub ctx_Global_Store:
        unsafe extern "C" fn(ctx: *mut HPyContext, global: *mut HPyGlobal, h: HPy),
    pub ctx_Global_Load: unsafe extern "C" fn(ctx: *mut HPyContext, global: HPyGlobal) -> HPy,
    pub ctx_Dump: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy),
    pub ctx_AsStruct_Type: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_Long: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_Float: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_Unicode: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_Tuple: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_AsStruct_List: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_Type_GetBuiltinShape:
        unsafe extern "C" fn(ctx: *mut HPyContext, h_type: HPy) -> HPyType_BuiltinShape,
    pub ctx_DelItem: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, key: HPy) -> c_int,
    pub ctx_DelItem_i:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, idx: HPy_ssize_t) -> c_int,
    pub ctx_DelItem_s:
        unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy, utf8_key: *const c_char) -> c_int,

    // More constants, appended in later 0.x releases.
    pub h_ComplexType: HPy,
    pub h_BytesType: HPy,
    pub h_MemoryViewType: HPy,
    pub h_CapsuleType: HPy,
    pub h_SliceType: HPy,
    pub h_Builtins: HPy,

    // More functions.
    pub ctx_Capsule_New: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        pointer: *mut c_void,
        utf8_name: *const c_char,
        destructor: *mut HPyCapsule_Destructor,
    ) -> HPy,
    pub ctx_Capsule_Get: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        capsule: HPy,
        key: _HPyCapsule_key,
        utf8_name: *const c_char,
    ) -> *mut c_void,
    pub ctx_Capsule_IsValid:
        unsafe extern "C" fn(ctx: *mut HPyContext, capsule: HPy, utf8_name: *const c_char) -> c_int,
    pub ctx_Capsule_Set: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        capsule: HPy,
        key: _HPyCapsule_key,
        value: *mut c_void,
    ) -> c_int,
    pub ctx_Compile_s: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        utf8_source: *const c_char,
        utf8_filename: *const c_char,
        kind: HPy_SourceKind,
    ) -> HPy,
    pub ctx_EvalCode:
        unsafe extern "C" fn(ctx: *mut HPyContext, code: HPy, globals: HPy, locals: HPy) -> HPy,
    pub ctx_ContextVar_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, name: *const c_char, default_value: HPy) -> HPy,
    pub ctx_ContextVar_Get: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        context_var: HPy,
        default_value: HPy,
        result: *mut HPy,
    ) -> i32,
    pub ctx_ContextVar_Set:
        unsafe extern "C" fn(ctx: *mut HPyContext, context_var: HPy, value: HPy) -> HPy,
    pub ctx_Type_GetName: unsafe extern "C" fn(ctx: *mut HPyContext, type_: HPy) -> *const c_char,
    pub ctx_Type_IsSubtype:
        unsafe extern "C" fn(ctx: *mut HPyContext, sub: HPy, type_: HPy) -> c_int,
    pub ctx_Unicode_FromEncodedObject: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        encoding: *const c_char,
        errors: *const c_char,
    ) -> HPy,
    pub ctx_Unicode_Substring: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        str: HPy,
        start: HPy_ssize_t,
        end: HPy_ssize_t,
    ) -> HPy,
    pub ctx_Dict_Keys: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Dict_Copy: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> HPy,
    pub ctx_Slice_Unpack: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        slice: HPy,
        start: *mut HPy_ssize_t,
        stop: *mut HPy_ssize_t,
        step: *mut HPy_ssize_t,
    ) -> c_int,
    pub ctx_SetCallFunction:
        unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy, func: *mut HPyCallFunction) -> c_int,
    pub ctx_Call: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        callable: HPy,
        args: *const HPy,
        nargs: usize,
        kwnames: HPy,
    ) -> HPy,
    pub ctx_CallMethod: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        name: HPy,
        args: *const HPy,
        nargs: usize,
        kwnames: HPy,
    ) -> HPy,

    // Appended after the 0.9 layout, in the order of their HPy_ID (263..=272) in
    // hpy/tools/autogen/public_api.h of hpyproject/hpy after 0.9.0, named the way HPy's
    // autogen names members (`HPyIter_Next` -> `ctx_Iter_Next`, `_HPy_AsStruct_Dict` ->
    // `ctx_AsStruct_Dict`). Binaries built from the 0.9 headers never read them.
    pub h_DictType: HPy,
    pub ctx_AsStruct_Dict: unsafe extern "C" fn(ctx: *mut HPyContext, h: HPy) -> *mut c_void,
    pub ctx_List_Insert: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        h_list: HPy,
        index: HPy_ssize_t,
        h_item: HPy,
    ) -> c_int,
    pub ctx_GetSlice: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        start: HPy_ssize_t,
        end: HPy_ssize_t,
    ) -> HPy,
    pub ctx_SetSlice: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        start: HPy_ssize_t,
        end: HPy_ssize_t,
        value: HPy,
    ) -> c_int,
    pub ctx_DelSlice: unsafe extern "C" fn(
        ctx: *mut HPyContext,
        obj: HPy,
        start: HPy_ssize_t,
        end: HPy_ssize_t,
    ) -> c_int,
    pub ctx_GetIter: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_Iter_Next: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> HPy,
    pub ctx_Iter_Check: unsafe extern "C" fn(ctx: *mut HPyContext, obj: HPy) -> c_int,
    pub ctx_Slice_New:
        unsafe extern "C" fn(ctx: *mut HPyContext, start: HPy, stop: HPy, step: HPy) -> HPy,
}

// Every member after the header fields is one pointer-sized slot: check the member counts.
const _: () = {
    let slot = size_of::<usize>();
    let first = offset_of!(HPyContext, h_None);
    assert!(offset_of!(HPyContext, ctx_CallMethod) - first == (HPY_CONTEXT_09_MEMBERS - 1) * slot);
    assert!(offset_of!(HPyContext, h_DictType) - first == HPY_CONTEXT_09_MEMBERS * slot);
    assert!(
        size_of::<HPyContext>() - first
            == (HPY_CONTEXT_09_MEMBERS + HPY_CONTEXT_LATER_MEMBERS) * slot
    );
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_member_counts() {
        let slot = size_of::<usize>();
        let first = offset_of!(HPyContext, h_None);
        let later = offset_of!(HPyContext, h_DictType);
        assert_eq!((later - first) / slot, HPY_CONTEXT_09_MEMBERS);
        assert_eq!((later - first) % slot, 0);
        assert_eq!(
            (size_of::<HPyContext>() - later) / slot,
            HPY_CONTEXT_LATER_MEMBERS
        );
        assert_eq!(
            offset_of!(HPyContext, ctx_Slice_New),
            size_of::<HPyContext>() - slot
        );
    }
}
