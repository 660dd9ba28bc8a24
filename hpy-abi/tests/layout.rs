//! Checks this crate against the official HPy 0.9.0 headers, in universal mode.
//!
//! Two independent views of the headers are compared with the Rust mirror:
//! - the headers' text, after the C preprocessor (`gcc -E -dD -DHPY_ABI_UNIVERSAL`): every
//!   typedef, every struct field and its C type, every enumerator, every object-like macro,
//!   and the members of `struct _HPyContext_s`. Nothing in the headers may be left unmirrored
//!   (or unlisted among the deliberate exclusions below), and every C type must translate to
//!   exactly the Rust type used here;
//! - a C program generated from that parse and compiled against the headers, which prints
//!   `sizeof`, `_Alignof` and `offsetof` of every struct and field (every `HPyContext` member
//!   included), every enumerator's value, every constant, and C's view of the primitive
//!   types the translation relies on.
//!
//! The Rust side comes from `structs!` below (one list of names giving both `offset_of!` and
//! the field's Rust type) and from the crate's `VARIANTS` tables. Every mismatch is collected
//! and reported at once. The headers are found through `HPY_INCLUDE`, or else through the
//! project's virtual environment created by `scripts/setup.sh`.

use std::any::type_name;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::mem::{align_of, offset_of, size_of};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

// ------------------------------------------------------------------------------------------
// The Rust side.

struct FieldInfo {
    /// The C name of the field.
    c: &'static str,
    offset: usize,
    /// `type_name` of the Rust field's type.
    ty: &'static str,
}

struct StructInfo {
    name: &'static str,
    size: usize,
    align: usize,
    fields: Vec<FieldInfo>,
}

/// The Rust type of a field, named without constructing a value (the function is never
/// called).
fn field_type<T, F>(_: fn(&T) -> &F) -> &'static str {
    type_name::<F>()
}

/// One field: `c` (same name in Rust), `c => rust_name`, or `c => union.member: Type` for
/// the members of an anonymous C union.
macro_rules! field {
    ($s:ident, $c:ident) => {
        field!($s, $c => $c)
    };
    ($s:ident, $c:ident => $f:ident) => {
        FieldInfo {
            c: stringify!($c),
            offset: offset_of!(hpy_abi::$s, $f),
            ty: field_type(|x: &hpy_abi::$s| &x.$f),
        }
    };
    ($s:ident, $c:ident => $u:ident . $f:ident : $t:ty) => {
        FieldInfo {
            c: stringify!($c),
            offset: offset_of!(hpy_abi::$s, $u.$f),
            ty: type_name::<$t>(),
        }
    };
}

macro_rules! structs {
    ($( $s:ident { $( $c:ident $(=> $f:ident $(. $g:ident : $t:ty)?)? ),* $(,)? } )*) => {
        vec![$(StructInfo {
            name: stringify!($s),
            size: size_of::<hpy_abi::$s>(),
            align: align_of::<hpy_abi::$s>(),
            fields: vec![$( field!($s, $c $(=> $f $(. $g : $t)?)?) ),*],
        }),*]
    };
}

fn rust_structs() -> Vec<StructInfo> {
    structs! {
        HPy { _i }
        HPyField { _i }
        HPyGlobal { _i }
        HPyListBuilder { _lst }
        HPyTupleBuilder { _tup }
        HPyTracker { _i }
        HPyThreadState { _i }
        HPy_buffer {
            buf, obj, len, itemsize, readonly, ndim, format, shape, strides, suboffsets, internal,
        }
        HPySlot { slot, impl => r#impl, cpy_trampoline }
        HPyMeth { name, impl => r#impl, cpy_trampoline, signature, doc }
        HPyMember { name, type => r#type, offset, readonly, doc }
        HPyGetSet {
            name, getter_impl, setter_impl, getter_cpy_trampoline, setter_cpy_trampoline, doc,
            closure,
        }
        HPyDef {
            kind,
            slot => u.slot: hpy_abi::HPySlot,
            meth => u.meth: hpy_abi::HPyMeth,
            member => u.member: hpy_abi::HPyMember,
            getset => u.getset: hpy_abi::HPyGetSet,
        }
        HPyCapsule_Destructor { cpy_trampoline, impl => r#impl }
        HPyCallFunction { cpy_trampoline, impl => r#impl }
        HPyType_Vectorcall { cpy_trampoline, impl => r#impl }
        HPyType_Spec {
            name, basicsize, itemsize, flags, builtin_shape, legacy_slots, defines, doc,
        }
        HPyType_SpecParam { kind, object }
        HPyModuleDef { doc, size, legacy_methods, defines, globals }
        HPyStructSequence_Field { name, doc }
        HPyStructSequence_Desc { name, doc, fields }
        _HPyFunc_args_VARARGS { self => self_, args, nargs, result }
        _HPyFunc_args_KEYWORDS { self => self_, args, nargsf, kwnames, result }
        _HPyFunc_args_INITPROC { self => self_, args, kw, result }
        _HPyFunc_args_NEWFUNC { self => self_, args, kw, result }
        _HPyFunc_args_RICHCMPFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_GETBUFFERPROC { self => self_, view, flags, result }
        _HPyFunc_args_RELEASEBUFFERPROC { self => self_, view }
        _HPyFunc_args_TRAVERSEPROC { self => self_, visit, arg, result }
        _HPyFunc_args_MOD_CREATE { spec, result }
        _HPyFunc_args_NOARGS { self => self_, result }
        _HPyFunc_args_O { self => self_, arg, result }
        _HPyFunc_args_UNARYFUNC { arg0, result }
        _HPyFunc_args_BINARYFUNC { arg0, arg1, result }
        _HPyFunc_args_TERNARYFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_INQUIRY { arg0, result }
        _HPyFunc_args_LENFUNC { arg0, result }
        _HPyFunc_args_SSIZEARGFUNC { arg0, arg1, result }
        _HPyFunc_args_SSIZESSIZEARGFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_SSIZEOBJARGPROC { arg0, arg1, arg2, result }
        _HPyFunc_args_SSIZESSIZEOBJARGPROC { arg0, arg1, arg2, arg3, result }
        _HPyFunc_args_OBJOBJARGPROC { arg0, arg1, arg2, result }
        _HPyFunc_args_FREEFUNC { arg0 }
        _HPyFunc_args_GETATTRFUNC { arg0, arg1, result }
        _HPyFunc_args_GETATTROFUNC { arg0, arg1, result }
        _HPyFunc_args_SETATTRFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_SETATTROFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_REPRFUNC { arg0, result }
        _HPyFunc_args_HASHFUNC { arg0, result }
        _HPyFunc_args_GETITERFUNC { arg0, result }
        _HPyFunc_args_ITERNEXTFUNC { arg0, result }
        _HPyFunc_args_DESCRGETFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_DESCRSETFUNC { arg0, arg1, arg2, result }
        _HPyFunc_args_GETTER { arg0, arg1, result }
        _HPyFunc_args_SETTER { arg0, arg1, arg2, result }
        _HPyFunc_args_OBJOBJPROC { arg0, arg1, result }
        _HPyFunc_args_DESTRUCTOR { arg0 }
    }
}

/// The context: the header fields, the 263 members of the 0.9 layout, the ten later ones.
fn rust_context() -> StructInfo {
    structs! {
        HPyContext {
            name, _private, abi_version, h_None, h_True, h_False, h_NotImplemented, h_Ellipsis,
            h_BaseException, h_Exception, h_StopAsyncIteration, h_StopIteration, h_GeneratorExit,
            h_ArithmeticError, h_LookupError, h_AssertionError, h_AttributeError, h_BufferError,
            h_EOFError, h_FloatingPointError, h_OSError, h_ImportError, h_ModuleNotFoundError,
            h_IndexError, h_KeyError, h_KeyboardInterrupt, h_MemoryError, h_NameError,
            h_OverflowError, h_RuntimeError, h_RecursionError, h_NotImplementedError,
            h_SyntaxError, h_IndentationError, h_TabError, h_ReferenceError, h_SystemError,
            h_SystemExit, h_TypeError, h_UnboundLocalError, h_UnicodeError, h_UnicodeEncodeError,
            h_UnicodeDecodeError, h_UnicodeTranslateError, h_ValueError, h_ZeroDivisionError,
            h_BlockingIOError, h_BrokenPipeError, h_ChildProcessError, h_ConnectionError,
            h_ConnectionAbortedError, h_ConnectionRefusedError, h_ConnectionResetError,
            h_FileExistsError, h_FileNotFoundError, h_InterruptedError, h_IsADirectoryError,
            h_NotADirectoryError, h_PermissionError, h_ProcessLookupError, h_TimeoutError,
            h_Warning, h_UserWarning, h_DeprecationWarning, h_PendingDeprecationWarning,
            h_SyntaxWarning, h_RuntimeWarning, h_FutureWarning, h_ImportWarning, h_UnicodeWarning,
            h_BytesWarning, h_ResourceWarning, h_BaseObjectType, h_TypeType, h_BoolType,
            h_LongType, h_FloatType, h_UnicodeType, h_TupleType, h_ListType, ctx_Dup, ctx_Close,
            ctx_Long_FromInt32_t, ctx_Long_FromUInt32_t, ctx_Long_FromInt64_t,
            ctx_Long_FromUInt64_t, ctx_Long_FromSize_t, ctx_Long_FromSsize_t, ctx_Long_AsInt32_t,
            ctx_Long_AsUInt32_t, ctx_Long_AsUInt32_tMask, ctx_Long_AsInt64_t, ctx_Long_AsUInt64_t,
            ctx_Long_AsUInt64_tMask, ctx_Long_AsSize_t, ctx_Long_AsSsize_t, ctx_Long_AsVoidPtr,
            ctx_Long_AsDouble, ctx_Float_FromDouble, ctx_Float_AsDouble, ctx_Bool_FromBool,
            ctx_Length, ctx_Number_Check, ctx_Add, ctx_Subtract, ctx_Multiply, ctx_MatrixMultiply,
            ctx_FloorDivide, ctx_TrueDivide, ctx_Remainder, ctx_Divmod, ctx_Power, ctx_Negative,
            ctx_Positive, ctx_Absolute, ctx_Invert, ctx_Lshift, ctx_Rshift, ctx_And, ctx_Xor,
            ctx_Or, ctx_Index, ctx_Long, ctx_Float, ctx_InPlaceAdd, ctx_InPlaceSubtract,
            ctx_InPlaceMultiply, ctx_InPlaceMatrixMultiply, ctx_InPlaceFloorDivide,
            ctx_InPlaceTrueDivide, ctx_InPlaceRemainder, ctx_InPlacePower, ctx_InPlaceLshift,
            ctx_InPlaceRshift, ctx_InPlaceAnd, ctx_InPlaceXor, ctx_InPlaceOr, ctx_Callable_Check,
            ctx_CallTupleDict, ctx_FatalError, ctx_Err_SetString, ctx_Err_SetObject,
            ctx_Err_SetFromErrnoWithFilename, ctx_Err_SetFromErrnoWithFilenameObjects,
            ctx_Err_Occurred, ctx_Err_ExceptionMatches, ctx_Err_NoMemory, ctx_Err_Clear,
            ctx_Err_NewException, ctx_Err_NewExceptionWithDoc, ctx_Err_WarnEx,
            ctx_Err_WriteUnraisable, ctx_IsTrue, ctx_Type_FromSpec, ctx_Type_GenericNew,
            ctx_GetAttr, ctx_GetAttr_s, ctx_HasAttr, ctx_HasAttr_s, ctx_SetAttr, ctx_SetAttr_s,
            ctx_GetItem, ctx_GetItem_i, ctx_GetItem_s, ctx_Contains, ctx_SetItem, ctx_SetItem_i,
            ctx_SetItem_s, ctx_Type, ctx_TypeCheck, ctx_Is, ctx_AsStruct_Object,
            ctx_AsStruct_Legacy, ctx_New, ctx_Repr, ctx_Str, ctx_ASCII, ctx_Bytes, ctx_RichCompare,
            ctx_RichCompareBool, ctx_Hash, ctx_Bytes_Check, ctx_Bytes_Size, ctx_Bytes_GET_SIZE,
            ctx_Bytes_AsString, ctx_Bytes_AS_STRING, ctx_Bytes_FromString,
            ctx_Bytes_FromStringAndSize, ctx_Unicode_FromString, ctx_Unicode_Check,
            ctx_Unicode_AsASCIIString, ctx_Unicode_AsLatin1String, ctx_Unicode_AsUTF8String,
            ctx_Unicode_AsUTF8AndSize, ctx_Unicode_FromWideChar, ctx_Unicode_DecodeFSDefault,
            ctx_Unicode_DecodeFSDefaultAndSize, ctx_Unicode_EncodeFSDefault, ctx_Unicode_ReadChar,
            ctx_Unicode_DecodeASCII, ctx_Unicode_DecodeLatin1, ctx_List_Check, ctx_List_New,
            ctx_List_Append, ctx_Dict_Check, ctx_Dict_New, ctx_Tuple_Check, ctx_Tuple_FromArray,
            ctx_Import_ImportModule, ctx_FromPyObject, ctx_AsPyObject,
            ctx_CallRealFunctionFromTrampoline, ctx_ListBuilder_New, ctx_ListBuilder_Set,
            ctx_ListBuilder_Build, ctx_ListBuilder_Cancel, ctx_TupleBuilder_New,
            ctx_TupleBuilder_Set, ctx_TupleBuilder_Build, ctx_TupleBuilder_Cancel, ctx_Tracker_New,
            ctx_Tracker_Add, ctx_Tracker_ForgetAll, ctx_Tracker_Close, ctx_Field_Store,
            ctx_Field_Load, ctx_ReenterPythonExecution, ctx_LeavePythonExecution, ctx_Global_Store,
            ctx_Global_Load, ctx_Dump, ctx_AsStruct_Type, ctx_AsStruct_Long, ctx_AsStruct_Float,
            ctx_AsStruct_Unicode, ctx_AsStruct_Tuple, ctx_AsStruct_List, ctx_Type_GetBuiltinShape,
            ctx_DelItem, ctx_DelItem_i, ctx_DelItem_s, h_ComplexType, h_BytesType,
            h_MemoryViewType, h_CapsuleType, h_SliceType, h_Builtins, ctx_Capsule_New,
            ctx_Capsule_Get, ctx_Capsule_IsValid, ctx_Capsule_Set, ctx_Compile_s, ctx_EvalCode,
            ctx_ContextVar_New, ctx_ContextVar_Get, ctx_ContextVar_Set, ctx_Type_GetName,
            ctx_Type_IsSubtype, ctx_Unicode_FromEncodedObject, ctx_Unicode_Substring,
            ctx_Dict_Keys, ctx_Dict_Copy, ctx_Slice_Unpack, ctx_SetCallFunction, ctx_Call,
            ctx_CallMethod, h_DictType, ctx_AsStruct_Dict, ctx_List_Insert, ctx_GetSlice,
            ctx_SetSlice, ctx_DelSlice, ctx_GetIter, ctx_Iter_Next, ctx_Iter_Check, ctx_Slice_New,
        }
    }
    .pop()
    .unwrap()
}

/// The members appended after the 0.9 layout, as later HPy sources declare them (HPy_ID
/// 263..=272 of `hpy/tools/autogen/public_api.h` in hpyproject/hpy), in C syntax.
const LATER_MEMBERS: [&str; 10] = [
    "HPy h_DictType",
    "void *(*ctx_AsStruct_Dict)(HPyContext *ctx, HPy h)",
    "int (*ctx_List_Insert)(HPyContext *ctx, HPy h_list, HPy_ssize_t index, HPy h_item)",
    "HPy (*ctx_GetSlice)(HPyContext *ctx, HPy obj, HPy_ssize_t start, HPy_ssize_t end)",
    "int (*ctx_SetSlice)(HPyContext *ctx, HPy obj, HPy_ssize_t start, HPy_ssize_t end, HPy value)",
    "int (*ctx_DelSlice)(HPyContext *ctx, HPy obj, HPy_ssize_t start, HPy_ssize_t end)",
    "HPy (*ctx_GetIter)(HPyContext *ctx, HPy obj)",
    "HPy (*ctx_Iter_Next)(HPyContext *ctx, HPy obj)",
    "int (*ctx_Iter_Check)(HPyContext *ctx, HPy obj)",
    "HPy (*ctx_Slice_New)(HPyContext *ctx, HPy start, HPy stop, HPy step)",
];

/// Members declared `void` in 0.9 that this crate (like later headers) declares returning
/// `HPy`: a 0.9 caller ignores the returned register, so the layouts stay compatible.
const VOID_TO_HPY: [&str; 4] = [
    "ctx_Err_SetString",
    "ctx_Err_SetObject",
    "ctx_Err_SetFromErrnoWithFilenameObjects",
    "ctx_Err_NoMemory",
];

/// C typedef name -> `type_name` of the Rust item of the same name.
macro_rules! named_types {
    ($($t:ident),* $(,)?) => {
        vec![$((stringify!($t), type_name::<hpy_abi::$t>())),*]
    };
}

fn rust_named_types() -> BTreeMap<&'static str, &'static str> {
    let mut v = named_types![
        // hpy.h
        HPy,
        HPyField,
        HPyGlobal,
        HPyListBuilder,
        HPyTupleBuilder,
        HPyTracker,
        HPyThreadState,
        HPyContext,
        HPy_SourceKind,
        HPy_ssize_t,
        HPy_hash_t,
        HPy_UCS4,
        _HPyCapsule_key,
        // cpy_types.h
        cpy_PyObject,
        cpy_PyMethodDef,
        cpy_PyModuleDef,
        cpy_Py_buffer,
        cpy_PyCFunction,
        cpy_visitproc,
        cpy_getter,
        cpy_setter,
        cpy_PyCapsule_Destructor,
        cpy_vectorcallfunc,
        // macros.h, hpyfunc.h, autogen_hpyfunc_declare.h
        HPy_RichCmpOp,
        HPyFunc_Signature,
        HPy_buffer,
        HPyFunc_visitproc,
        HPyFunc_noargs,
        HPyFunc_o,
        HPyFunc_varargs,
        HPyFunc_keywords,
        HPyFunc_unaryfunc,
        HPyFunc_binaryfunc,
        HPyFunc_ternaryfunc,
        HPyFunc_inquiry,
        HPyFunc_lenfunc,
        HPyFunc_ssizeargfunc,
        HPyFunc_ssizessizeargfunc,
        HPyFunc_ssizeobjargproc,
        HPyFunc_ssizessizeobjargproc,
        HPyFunc_objobjargproc,
        HPyFunc_freefunc,
        HPyFunc_getattrfunc,
        HPyFunc_getattrofunc,
        HPyFunc_setattrfunc,
        HPyFunc_setattrofunc,
        HPyFunc_reprfunc,
        HPyFunc_hashfunc,
        HPyFunc_richcmpfunc,
        HPyFunc_getiterfunc,
        HPyFunc_iternextfunc,
        HPyFunc_descrgetfunc,
        HPyFunc_descrsetfunc,
        HPyFunc_initproc,
        HPyFunc_newfunc,
        HPyFunc_getter,
        HPyFunc_setter,
        HPyFunc_objobjproc,
        HPyFunc_getbufferproc,
        HPyFunc_releasebufferproc,
        HPyFunc_traverseproc,
        HPyFunc_destructor,
        HPyFunc_destroyfunc,
        HPyFunc_mod_create,
        // universal/*hpyfunc_trampolines.h
        _HPyFunc_args_VARARGS,
        _HPyFunc_args_KEYWORDS,
        _HPyFunc_args_INITPROC,
        _HPyFunc_args_NEWFUNC,
        _HPyFunc_args_RICHCMPFUNC,
        _HPyFunc_args_GETBUFFERPROC,
        _HPyFunc_args_RELEASEBUFFERPROC,
        _HPyFunc_args_TRAVERSEPROC,
        _HPyFunc_args_MOD_CREATE,
        _HPyFunc_args_NOARGS,
        _HPyFunc_args_O,
        _HPyFunc_args_UNARYFUNC,
        _HPyFunc_args_BINARYFUNC,
        _HPyFunc_args_TERNARYFUNC,
        _HPyFunc_args_INQUIRY,
        _HPyFunc_args_LENFUNC,
        _HPyFunc_args_SSIZEARGFUNC,
        _HPyFunc_args_SSIZESSIZEARGFUNC,
        _HPyFunc_args_SSIZEOBJARGPROC,
        _HPyFunc_args_SSIZESSIZEOBJARGPROC,
        _HPyFunc_args_OBJOBJARGPROC,
        _HPyFunc_args_FREEFUNC,
        _HPyFunc_args_GETATTRFUNC,
        _HPyFunc_args_GETATTROFUNC,
        _HPyFunc_args_SETATTRFUNC,
        _HPyFunc_args_SETATTROFUNC,
        _HPyFunc_args_REPRFUNC,
        _HPyFunc_args_HASHFUNC,
        _HPyFunc_args_GETITERFUNC,
        _HPyFunc_args_ITERNEXTFUNC,
        _HPyFunc_args_DESCRGETFUNC,
        _HPyFunc_args_DESCRSETFUNC,
        _HPyFunc_args_GETTER,
        _HPyFunc_args_SETTER,
        _HPyFunc_args_OBJOBJPROC,
        _HPyFunc_args_DESTRUCTOR,
        // autogen_hpyslot.h, hpydef.h
        HPySlot_Slot,
        HPyCFunction,
        HPyFunc_Capsule_Destructor,
        HPySlot,
        HPyMeth,
        HPyMember_FieldType,
        HPyMember,
        HPyGetSet,
        HPyDef_Kind,
        HPyDef,
        HPyCapsule_Destructor,
        HPyCallFunction,
        // hpytype.h, hpymodule.h, runtime/structseq.h
        HPyType_BuiltinShape,
        HPyType_Vectorcall,
        HPyType_Spec,
        HPyType_SpecParam_Kind,
        HPyType_SpecParam,
        HPyModuleDef,
        HPyStructSequence_Field,
        HPyStructSequence_Desc,
    ];
    v.sort();
    v.dedup();
    v.into_iter().collect()
}

struct EnumInfo {
    name: &'static str,
    size: usize,
    signed: bool,
    variants: Vec<(&'static str, i64)>,
}

macro_rules! enums {
    ($($e:ident),* $(,)?) => {
        vec![$(EnumInfo {
            name: stringify!($e),
            size: size_of::<hpy_abi::$e>(),
            signed: {
                let zero = hpy_abi::$e(0).0;
                zero.wrapping_sub(1) < zero
            },
            variants: hpy_abi::$e::VARIANTS.iter().map(|(n, v)| (*n, i64::from(v.0))).collect(),
        }),*]
    };
}

fn rust_enums() -> Vec<EnumInfo> {
    enums![
        HPy_SourceKind,
        _HPyCapsule_key,
        HPy_RichCmpOp,
        HPyFunc_Signature,
        HPySlot_Slot,
        HPyMember_FieldType,
        HPyDef_Kind,
        HPyType_BuiltinShape,
        HPyType_SpecParam_Kind,
    ]
}

enum Value {
    Int(i128),
    Str(&'static str),
}

/// Object-like macros of the headers that are mirrored: (macro, C expression, Rust value).
fn rust_constants() -> Vec<(&'static str, &'static str, Value)> {
    use hpy_abi as h;
    use Value::*;
    vec![
        (
            "HPY_ABI_VERSION",
            "HPY_ABI_VERSION",
            Int(h::HPY_ABI_VERSION.into()),
        ),
        (
            "HPY_ABI_VERSION_MINOR",
            "HPY_ABI_VERSION_MINOR",
            Int(h::HPY_ABI_VERSION_MINOR.into()),
        ),
        ("HPY_ABI_TAG", "HPY_ABI_TAG", Str(h::HPY_ABI_TAG)),
        ("HPY_VERSION", "HPY_VERSION", Str(h::HPY_VERSION)),
        (
            "HPY_SSIZE_T_MAX",
            "HPY_SSIZE_T_MAX",
            Int(h::HPY_SSIZE_T_MAX as i128),
        ),
        (
            "HPY_SSIZE_T_MIN",
            "HPY_SSIZE_T_MIN",
            Int(h::HPY_SSIZE_T_MIN as i128),
        ),
        ("HPy_NULL", "HPy_NULL._i", Int(h::HPy_NULL._i as i128)),
        (
            "HPyField_NULL",
            "HPyField_NULL._i",
            Int(h::HPyField_NULL._i as i128),
        ),
        (
            "_Py_TPFLAGS_HEAPTYPE",
            "_Py_TPFLAGS_HEAPTYPE",
            Int(h::_Py_TPFLAGS_HEAPTYPE.into()),
        ),
        (
            "_Py_TPFLAGS_HAVE_VERSION_TAG",
            "_Py_TPFLAGS_HAVE_VERSION_TAG",
            Int(h::_Py_TPFLAGS_HAVE_VERSION_TAG.into()),
        ),
        (
            "HPy_TPFLAGS_DEFAULT",
            "HPy_TPFLAGS_DEFAULT",
            Int(h::HPy_TPFLAGS_DEFAULT.into()),
        ),
        (
            "HPy_TPFLAGS_HAVE_VECTORCALL",
            "HPy_TPFLAGS_HAVE_VECTORCALL",
            Int(h::HPy_TPFLAGS_HAVE_VECTORCALL.into()),
        ),
        (
            "HPy_TPFLAGS_BASETYPE",
            "HPy_TPFLAGS_BASETYPE",
            Int(h::HPy_TPFLAGS_BASETYPE.into()),
        ),
        (
            "HPy_TPFLAGS_HAVE_GC",
            "HPy_TPFLAGS_HAVE_GC",
            Int(h::HPy_TPFLAGS_HAVE_GC.into()),
        ),
    ]
}

/// Object-like macros of the headers that are deliberately not mirrored, with the reason.
const NOT_MIRRORED: &[(&str, &str)] = &[
    (
        "HPY_ABI",
        "the compilation mode as a string, not part of the binary interface",
    ),
    ("HPyAPI_FUNC", "storage class of inline helpers"),
    (
        "HPyAPI_HELPER",
        "visibility of helpers compiled into the extension",
    ),
    ("HPyAPI_IMPL", "visibility of CPython-side implementations"),
    ("HPyAPI_INLINE_HELPER", "storage class of inline helpers"),
    ("HPyAPI_UNUSED", "storage class of inline helpers"),
    ("HPy_EXPORTED_SYMBOL", "visibility attribute"),
    ("HPy_EXPORTED_FUNC", "visibility attribute"),
    ("_HPy_CTX_MODIFIER", "visibility attribute"),
    ("_HPY_LEGACY", "diagnostic attribute"),
    ("_HPy_HIDDEN", "visibility attribute"),
    ("_HPy_NO_RETURN", "noreturn attribute"),
    ("_HPy_UNUSED", "unused attribute"),
    ("HPyLong_AsPid", "alias of an inline helper"),
    ("HPyLong_FromPid", "alias of an inline helper"),
    (
        "_HPy_PARSE_PID",
        "argument-parsing format used by a compiled-in helper",
    ),
];
/// Prefixes of macro families checked elsewhere or not mirrored.
const NOT_MIRRORED_PREFIXES: &[(&str, &str)] = &[
    ("_HPySlot_SIG__", "checked through hpy_abi::HPySlot_SIG"),
    (
        "HPyType_BuiltinShape_",
        "aliases of the inline _HPy_AsStruct_* helpers",
    ),
];

/// C primitive types the translation relies on: (C spelling, Rust type name, size, signed).
fn primitives() -> Vec<(&'static str, &'static str, Option<usize>, Option<bool>)> {
    use std::ffi::{c_char, c_int, c_long, c_uint, c_ulong, c_void};
    macro_rules! int {
        ($c:literal, $t:ty) => {
            (
                $c,
                type_name::<$t>(),
                Some(size_of::<$t>()),
                Some(<$t>::MIN != 0),
            )
        };
    }
    vec![
        int!("char", c_char),
        int!("int", c_int),
        int!("unsigned int", c_uint),
        int!("long", c_long),
        int!("unsigned long", c_ulong),
        int!("int32_t", i32),
        int!("uint32_t", u32),
        int!("int64_t", i64),
        int!("uint64_t", u64),
        int!("intptr_t", isize),
        int!("size_t", usize),
        int!("wchar_t", hpy_abi::wchar_t),
        ("_Bool", type_name::<bool>(), Some(1), None),
        ("double", type_name::<f64>(), Some(size_of::<f64>()), None),
        ("void", type_name::<c_void>(), None, None),
    ]
}

// ------------------------------------------------------------------------------------------
// Finding the headers.

fn include_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("HPY_INCLUDE") {
        let dir = PathBuf::from(dir);
        assert!(
            dir.join("hpy.h").is_file(),
            "HPY_INCLUDE={} does not contain hpy.h",
            dir.display()
        );
        return dir;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let setup = root.join("scripts/setup.sh");
    let fail = |why: String| -> ! {
        panic!(
            "cannot find the hpy 0.9.0 headers: {why}\n\
             Run `{}` (it creates the project's virtual environment with hpy==0.9.0), \
             or set HPY_INCLUDE to the directory containing hpy.h.",
            setup.display()
        )
    };
    let out = Command::new("bash")
        .arg(&setup)
        .output()
        .unwrap_or_else(|e| fail(format!("cannot run {}: {e}", setup.display())));
    if !out.status.success() {
        fail(format!(
            "{} failed:\n{}",
            setup.display(),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let python = stdout
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_else(|| fail(format!("{} printed no python path", setup.display())))
        .trim()
        .to_owned();
    let out = Command::new(&python)
        .args([
            "-c",
            "import hpy.devel, os; \
             print(os.path.join(os.path.dirname(hpy.devel.__file__), 'include'))",
        ])
        .output()
        .unwrap_or_else(|e| fail(format!("cannot run {python}: {e}")));
    if !out.status.success() {
        fail(format!(
            "{python} cannot import hpy.devel:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    if !dir.join("hpy.h").is_file() {
        fail(format!("{} has no hpy.h", dir.display()));
    }
    dir
}

fn cc() -> String {
    std::env::var("CC").unwrap_or_else(|_| "gcc".to_owned())
}

fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {what} ({cmd:?}): {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({cmd:?}):\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("non-UTF-8 output")
}

// ------------------------------------------------------------------------------------------
// Reading the preprocessed headers.

fn tokenize(s: &str) -> Vec<String> {
    let b = s.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            toks.push(s[start..i].to_owned());
        } else if c == b'"' || c == b'\'' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != c {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            toks.push(s[start..i.min(b.len())].to_owned());
        } else {
            toks.push((c as char).to_string());
            i += 1;
        }
    }
    toks
}

fn is_ident(t: &str) -> bool {
    t.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
}

/// Index of the bracket closing the one at `open`.
fn closing(toks: &[String], open: usize) -> usize {
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate().skip(open) {
        match t.as_str() {
            "(" | "{" | "[" => depth += 1,
            ")" | "}" | "]" => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    panic!("unbalanced brackets in {:?}", &toks[open..]);
}

/// Index of the `;` ending the declaration that starts at `start`.
fn statement_end(toks: &[String], start: usize) -> usize {
    let mut depth = 0;
    for (i, t) in toks.iter().enumerate().skip(start) {
        match t.as_str() {
            "(" | "{" | "[" => depth += 1,
            ")" | "}" | "]" => depth -= 1,
            ";" if depth == 0 => return i,
            _ => {}
        }
    }
    panic!("unterminated declaration: {:?}", &toks[start..]);
}

/// Splits at `sep` outside brackets, dropping empty pieces.
fn split_top(toks: &[String], sep: &str) -> Vec<Vec<String>> {
    let mut out = vec![Vec::new()];
    let mut depth = 0;
    for t in toks {
        match t.as_str() {
            "(" | "{" | "[" => depth += 1,
            ")" | "}" | "]" => depth -= 1,
            _ => {}
        }
        if depth == 0 && t == sep {
            out.push(Vec::new());
        } else {
            out.last_mut().unwrap().push(t.clone());
        }
    }
    out.retain(|d| !d.is_empty());
    out
}

#[derive(Clone, Debug)]
enum CType {
    Plain(Vec<String>),
    Fn {
        ret: Vec<String>,
        params: Vec<Vec<String>>,
    },
}

#[derive(Clone, Debug)]
struct CField {
    name: String,
    ty: CType,
}

#[derive(Debug)]
enum Typedef {
    Struct(Vec<CField>),
    Enum(Vec<String>),
    FnPtr {
        ret: Vec<String>,
        params: Vec<Vec<String>>,
    },
    Alias(Vec<String>),
}

/// `R (*name)(params)`, if `decl` has that shape.
fn fn_pointer(decl: &[String]) -> Option<(String, Vec<String>, Vec<Vec<String>>)> {
    let p = decl.iter().position(|t| t == "(")?;
    if decl.get(p + 1)? != "*" || decl.get(p + 3)? != ")" || decl.get(p + 4)? != "(" {
        return None;
    }
    let close = closing(decl, p + 4);
    assert_eq!(close, decl.len() - 1, "unexpected tokens after {decl:?}");
    let params = split_top(&decl[p + 5..close], ",");
    let params = if params.len() == 1 && params[0] == ["void"] {
        Vec::new()
    } else {
        params
    };
    Some((decl[p + 2].clone(), decl[..p].to_vec(), params))
}

fn parse_fields(body: &[String]) -> Vec<CField> {
    let mut fields = Vec::new();
    for decl in split_top(body, ";") {
        if (decl[0] == "union" || decl[0] == "struct") && decl[1] == "{" {
            // An anonymous member: its fields are the parent's.
            let close = closing(&decl, 1);
            assert_eq!(close, decl.len() - 1, "named nested aggregate in {decl:?}");
            fields.extend(parse_fields(&decl[2..close]));
        } else if let Some((name, ret, params)) = fn_pointer(&decl) {
            fields.push(CField {
                name,
                ty: CType::Fn { ret, params },
            });
        } else {
            assert!(!decl.contains(&"[".to_owned()), "array field in {decl:?}");
            let (name, ty) = decl.split_last().unwrap();
            fields.push(CField {
                name: name.clone(),
                ty: CType::Plain(ty.to_vec()),
            });
        }
    }
    fields
}

fn parse_typedef(decl: &[String]) -> (String, Typedef) {
    let name = decl.last().unwrap().clone();
    let brace = decl.iter().position(|t| t == "{");
    match (decl[0].as_str(), brace) {
        ("struct" | "union", Some(b)) => {
            let close = closing(decl, b);
            (name, Typedef::Struct(parse_fields(&decl[b + 1..close])))
        }
        ("enum", Some(b)) => {
            let close = closing(decl, b);
            let names = split_top(&decl[b + 1..close], ",")
                .into_iter()
                .map(|e| e[0].clone());
            (name, Typedef::Enum(names.collect()))
        }
        _ => match fn_pointer(decl) {
            Some((name, ret, params)) => (name, Typedef::FnPtr { ret, params }),
            None => (name, Typedef::Alias(decl[..decl.len() - 1].to_vec())),
        },
    }
}

struct Headers {
    typedefs: BTreeMap<String, Typedef>,
    context: Vec<CField>,
    /// Object-like macros with a non-empty value defined by the hpy headers.
    macros: BTreeMap<String, String>,
}

fn read_headers(inc: &Path) -> Headers {
    let text = run(
        Command::new(cc())
            .args(["-E", "-dD", "-DHPY_ABI_UNIVERSAL", "-I"])
            .arg(inc)
            .arg(write_tmp("headers.c", "#include \"hpy.h\"\n")),
        "the C preprocessor",
    );
    // Keep only what comes from the hpy headers (not the system headers they include).
    let prefix = inc.to_string_lossy().into_owned();
    let mut ours = false;
    let mut code = String::new();
    let mut macros = BTreeMap::new();
    for line in text.lines() {
        if let Some(marker) = line.strip_prefix("# ") {
            // A line marker: `# <line> "<file>" <flags>`.
            if let Some(file) = marker.split('"').nth(1) {
                ours = file.starts_with(&prefix);
            }
            continue;
        }
        if !ours {
            continue;
        }
        if let Some(def) = line.strip_prefix("#define ") {
            let (name, value) = def.split_once(' ').unwrap_or((def, ""));
            if !name.contains('(') && !value.trim().is_empty() {
                macros.insert(name.to_owned(), value.trim().to_owned());
            }
        } else if !line.starts_with('#') {
            code.push_str(line);
            code.push('\n');
        }
    }
    let toks = tokenize(&code);
    let mut typedefs = BTreeMap::new();
    let mut context = None;
    let (mut i, mut depth) = (0, 0);
    while i < toks.len() {
        match toks[i].as_str() {
            "{" => depth += 1,
            "}" => depth -= 1,
            "typedef" if depth == 0 => {
                let end = statement_end(&toks, i);
                let (name, td) = parse_typedef(&toks[i + 1..end]);
                assert!(
                    typedefs.insert(name.clone(), td).is_none(),
                    "typedef {name} twice"
                );
                i = end;
            }
            "struct" if depth == 0 && toks[i + 1] == "_HPyContext_s" && toks[i + 2] == "{" => {
                let close = closing(&toks, i + 2);
                assert!(context.is_none(), "struct _HPyContext_s defined twice");
                context = Some(parse_fields(&toks[i + 3..close]));
                i = close;
            }
            _ => {}
        }
        i += 1;
    }
    Headers {
        typedefs,
        context: context.expect("struct _HPyContext_s not found in the headers"),
        macros,
    }
}

// ------------------------------------------------------------------------------------------
// Translating C types into the `type_name` of the Rust types that must mirror them.

struct Translator {
    named: BTreeMap<&'static str, &'static str>,
    prims: BTreeMap<&'static str, &'static str>,
}

const QUALIFIERS: [&str; 5] = ["const", "volatile", "struct", "enum", "union"];
const TYPE_WORDS: [&str; 9] = [
    "int", "long", "short", "char", "unsigned", "signed", "double", "void", "_Bool",
];

impl Translator {
    fn new() -> Self {
        let prims = primitives().into_iter().map(|(c, r, _, _)| (c, r));
        let mut prims: BTreeMap<_, _> = prims.collect();
        prims.insert("bool", type_name::<bool>());
        Translator {
            named: rust_named_types(),
            prims,
        }
    }

    /// `None` for a plain `void`.
    fn ty(&self, toks: &[String]) -> Result<Option<String>, String> {
        let star = toks.iter().position(|t| t == "*").unwrap_or(toks.len());
        let base_words: Vec<&str> = toks[..star]
            .iter()
            .map(String::as_str)
            .filter(|t| !QUALIFIERS.contains(t))
            .collect();
        let base = base_words.join(" ");
        let mut cur = self
            .prims
            .get(base.as_str())
            .or_else(|| self.named.get(base.as_str()))
            .ok_or_else(|| format!("C type `{base}` has no Rust counterpart"))?
            .to_string();
        let mut pointee_const = toks[..star].iter().any(|t| t == "const");
        let mut stars = 0;
        for (i, t) in toks.iter().enumerate().skip(star) {
            match t.as_str() {
                "*" => {
                    stars += 1;
                    let kind = if pointee_const { "*const" } else { "*mut" };
                    cur = format!("{kind} {cur}");
                    pointee_const = toks.get(i + 1).is_some_and(|n| n == "const");
                }
                "const" => {}
                other => return Err(format!("unexpected `{other}` in C type {toks:?}")),
            }
        }
        Ok(if stars == 0 && base == "void" {
            None
        } else {
            Some(cur)
        })
    }

    fn param(&self, p: &[String]) -> Result<String, String> {
        let mut p = p.to_vec();
        let array = p.ends_with(&["[".to_owned(), "]".to_owned()]);
        if array {
            p.truncate(p.len() - 2);
        }
        let last = p.last().unwrap();
        if p.len() >= 2 && is_ident(last) && !TYPE_WORDS.contains(&last.as_str()) {
            p.pop();
        }
        if array {
            p.push("*".to_owned());
        }
        self.ty(&p)?
            .ok_or_else(|| format!("void parameter in {p:?}"))
    }

    fn func(&self, ret: &[String], params: &[Vec<String>]) -> Result<String, String> {
        let params: Vec<String> = params
            .iter()
            .map(|p| self.param(p))
            .collect::<Result<_, _>>()?;
        let ret = match self.ty(ret)? {
            Some(r) => format!(" -> {r}"),
            None => String::new(),
        };
        Ok(format!(
            "unsafe extern \"C\" fn({}){ret}",
            params.join(", ")
        ))
    }

    /// The Rust type a C field must have. Function-pointer fields of the context are plain
    /// `fn` types (never NULL); function-pointer typedefs are `Option`s.
    fn field(&self, ty: &CType) -> Result<String, String> {
        match ty {
            CType::Plain(t) => self.ty(t)?.ok_or_else(|| "void field".to_owned()),
            CType::Fn { ret, params } => self.func(ret, params),
        }
    }
}

// ------------------------------------------------------------------------------------------
// The C program.

/// This process's scratch directory (one per process: nextest runs each test in its own
/// process, concurrently, and each compiles its own copy of the C program).
fn tmp_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("hpy-abi-layout-{}", std::process::id()))
}

fn write_tmp(name: &str, contents: &str) -> PathBuf {
    let dir = tmp_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn c_string(s: &str) -> String {
    format!("{s:?}")
}

fn c_program(h: &Headers) -> String {
    let mut c = String::from(
        "#include <stdio.h>\n#include <stddef.h>\n#include <stdint.h>\n#include <wchar.h>\n\
         #include \"hpy.h\"\n#include \"hpy/version.h\"\n\
         #define I(k, v) printf(\"%s=%lld\\n\", k, (long long)(v))\n\
         #define S(k, v) printf(\"%s=%s\\n\", k, v)\n\
         int main(void) {\n",
    );
    let mut line = |s: String| {
        c.push_str("    ");
        c.push_str(&s);
        c.push('\n');
    };
    for (c_name, _, size, signed) in primitives() {
        if size.is_some() {
            line(format!(
                "I({}, sizeof({c_name}));",
                c_string(&format!("prim-size {c_name}"))
            ));
        }
        if signed.is_some() {
            let k = c_string(&format!("prim-signed {c_name}"));
            line(format!("I({k}, ({c_name})-1 < 0);"));
        }
    }
    let aggregate = |name: &str, fields: &[CField], line: &mut dyn FnMut(String)| {
        line(format!(
            "I({}, sizeof({name}));",
            c_string(&format!("sizeof {name}"))
        ));
        line(format!(
            "I({}, _Alignof({name}));",
            c_string(&format!("alignof {name}"))
        ));
        for f in fields {
            let k = c_string(&format!("offsetof {name}.{}", f.name));
            line(format!("I({k}, offsetof({name}, {}));", f.name));
        }
    };
    for (name, td) in &h.typedefs {
        match td {
            Typedef::Struct(fields) => aggregate(name, fields, &mut line),
            Typedef::Enum(variants) => {
                line(format!(
                    "I({}, sizeof({name}));",
                    c_string(&format!("sizeof {name}"))
                ));
                line(format!(
                    "I({}, ({name})-1 < 0);",
                    c_string(&format!("signed {name}"))
                ));
                for v in variants {
                    line(format!("I({}, {v});", c_string(&format!("enum {v}"))));
                }
            }
            _ => {}
        }
    }
    aggregate("HPyContext", &h.context, &mut line);
    if let Some(Typedef::Enum(slots)) = h.typedefs.get("HPySlot_Slot") {
        for s in slots {
            line(format!(
                "I({}, HPySlot_SIG({s}));",
                c_string(&format!("slot-sig {s}"))
            ));
        }
    }
    for (name, expr, value) in rust_constants() {
        let k = c_string(&format!("const {name}"));
        line(format!("#ifdef {name}"));
        match value {
            Value::Int(_) => line(format!("I({k}, {expr});")),
            Value::Str(_) => line(format!("S({k}, {expr});")),
        }
        line("#endif".to_owned());
    }
    c.push_str("    return 0;\n}\n");
    c
}

/// Everything the tests compare, computed once.
struct Facts {
    headers: Headers,
    /// What the compiled C program printed: key -> value.
    c: BTreeMap<String, String>,
}

fn facts() -> &'static Facts {
    static FACTS: OnceLock<Facts> = OnceLock::new();
    FACTS.get_or_init(|| {
        let inc = include_dir();
        let headers = read_headers(&inc);
        let src = write_tmp("layout.c", &c_program(&headers));
        let exe = src.with_extension("exe");
        run(
            Command::new(cc())
                .args(["-std=gnu11", "-DHPY_ABI_UNIVERSAL", "-I"])
                .arg(&inc)
                .arg(&src)
                .arg("-o")
                .arg(&exe),
            "compiling the C layout program",
        );
        let out = run(&mut Command::new(&exe), "the C layout program");
        let c = out
            .lines()
            .map(|l| {
                let (k, v) = l.split_once('=').unwrap();
                (k.to_owned(), v.to_owned())
            })
            .collect();
        // Kept when anything above failed, for inspection.
        let _ = std::fs::remove_dir_all(tmp_dir());
        Facts { headers, c }
    })
}

/// Collects mismatches and reports them all at once.
#[derive(Default)]
struct Report {
    checks: usize,
    errors: Vec<String>,
}

impl Report {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, rust: T, c: T) {
        self.checks += 1;
        if rust != c {
            self.errors.push(format!("{what}: Rust {rust:?}, C {c:?}"));
        }
    }

    fn fail(&mut self, msg: String) {
        self.checks += 1;
        self.errors.push(msg);
    }

    fn c_int(&mut self, f: &Facts, key: &str) -> Option<i128> {
        match f.c.get(key) {
            Some(v) => Some(v.parse().unwrap()),
            None => {
                self.fail(format!("{key}: not printed by the C program"));
                None
            }
        }
    }

    fn c_usize(&mut self, f: &Facts, key: &str) -> Option<usize> {
        self.c_int(f, key).map(|v| usize::try_from(v).unwrap())
    }

    fn finish(self, what: &str) {
        assert!(self.checks > 0, "{what}: nothing was checked");
        if !self.errors.is_empty() {
            let mut msg = format!("{what}: {} mismatch(es):\n", self.errors.len());
            for e in &self.errors {
                writeln!(msg, "  - {e}").unwrap();
            }
            panic!("{msg}");
        }
        eprintln!("{what}: {} checks passed", self.checks);
    }
}

/// Compares one Rust struct with its C definition: size, alignment, field names in order,
/// offsets and types.
fn check_struct(r: &mut Report, f: &Facts, t: &Translator, rust: &StructInfo, c: &[CField]) {
    let name = rust.name;
    if let Some(size) = r.c_usize(f, &format!("sizeof {name}")) {
        r.eq(&format!("sizeof({name})"), rust.size, size);
    }
    if let Some(align) = r.c_usize(f, &format!("alignof {name}")) {
        r.eq(&format!("alignof({name})"), rust.align, align);
    }
    let rust_names: Vec<&str> = rust.fields.iter().map(|x| x.c).collect();
    let c_names: Vec<&str> = c.iter().map(|x| x.name.as_str()).collect();
    r.eq(&format!("fields of {name}"), rust_names, c_names);
    for cf in c {
        let Some(rf) = rust.fields.iter().find(|x| x.c == cf.name) else {
            continue;
        };
        if let Some(off) = r.c_usize(f, &format!("offsetof {name}.{}", cf.name)) {
            r.eq(&format!("offsetof({name}, {})", cf.name), rf.offset, off);
        }
        match t.field(&cf.ty) {
            Ok(ty) => r.eq(&format!("type of {name}.{}", cf.name), rf.ty, ty.as_str()),
            Err(e) => r.fail(format!("type of {name}.{}: {e}", cf.name)),
        }
    }
}

// ------------------------------------------------------------------------------------------
// The tests.

/// Every typedef of the headers has a Rust item of the same name, and vice versa.
#[test]
fn every_typedef_is_mirrored() {
    let f = facts();
    let mut r = Report::default();
    let c: BTreeSet<&str> = f.headers.typedefs.keys().map(String::as_str).collect();
    let rust: BTreeSet<&str> = rust_named_types().keys().copied().collect();
    for missing in c.difference(&rust) {
        r.fail(format!("typedef {missing} of the headers is not mirrored"));
    }
    for extra in rust.difference(&c) {
        r.fail(format!("{extra} is not a typedef of the headers"));
    }
    r.checks += c.len();
    r.finish("typedef coverage");
}

/// Scalar aliases and function-pointer typedefs translate to the Rust aliases.
#[test]
fn aliases_and_function_pointer_typedefs() {
    let f = facts();
    let t = Translator::new();
    let mut r = Report::default();
    for (name, td) in &f.headers.typedefs {
        let Some(&rust) = t.named.get(name.as_str()) else {
            continue;
        };
        let expected = match td {
            Typedef::FnPtr { ret, params } => t
                .func(ret, params)
                .map(|s| format!("core::option::Option<{s}>")),
            // `typedef struct tag name;`: an incomplete type, checked by name only.
            Typedef::Alias(target) if target[0] == "struct" => continue,
            Typedef::Alias(target) => t.ty(target).map(Option::unwrap_or_default),
            Typedef::Struct(_) | Typedef::Enum(_) => continue,
        };
        match expected {
            Ok(e) => r.eq(&format!("typedef {name}"), rust, e.as_str()),
            Err(e) => r.fail(format!("typedef {name}: {e}")),
        }
    }
    r.finish("aliases and function-pointer typedefs");
}

/// The primitive types assumed by the translation have C's size and signedness.
#[test]
fn primitives_match_c() {
    let f = facts();
    let mut r = Report::default();
    for (c_name, rust, size, signed) in primitives() {
        if let Some(size) = size {
            if let Some(c) = r.c_usize(f, &format!("prim-size {c_name}")) {
                r.eq(&format!("sizeof({c_name}) as {rust}"), size, c);
            }
        }
        if let Some(signed) = signed {
            if let Some(c) = r.c_int(f, &format!("prim-signed {c_name}")) {
                r.eq(&format!("signedness of {c_name} as {rust}"), signed, c != 0);
            }
        }
    }
    r.finish("primitive types");
}

/// Every struct: size, alignment, fields (names, order, offsets, types).
#[test]
fn structs_match_c() {
    let f = facts();
    let t = Translator::new();
    let mut r = Report::default();
    let rust = rust_structs();
    for (name, td) in &f.headers.typedefs {
        let Typedef::Struct(c) = td else { continue };
        match rust.iter().find(|s| s.name == name) {
            Some(s) => check_struct(&mut r, f, &t, s, c),
            None => r.fail(format!(
                "struct {name}: not listed in structs! of this test"
            )),
        }
    }
    for s in &rust {
        if !matches!(f.headers.typedefs.get(s.name), Some(Typedef::Struct(_))) {
            r.fail(format!("{}: not a struct typedef of the headers", s.name));
        }
    }
    r.finish("structs");
}

/// Every enum: size, signedness, enumerator names (in order) and values.
#[test]
fn enums_match_c() {
    let f = facts();
    let mut r = Report::default();
    let rust = rust_enums();
    for (name, td) in &f.headers.typedefs {
        let Typedef::Enum(c_variants) = td else {
            continue;
        };
        let Some(e) = rust.iter().find(|e| e.name == name) else {
            r.fail(format!("enum {name}: not listed in enums! of this test"));
            continue;
        };
        if let Some(size) = r.c_usize(f, &format!("sizeof {name}")) {
            r.eq(&format!("sizeof({name})"), e.size, size);
        }
        if let Some(signed) = r.c_int(f, &format!("signed {name}")) {
            r.eq(&format!("signedness of {name}"), e.signed, signed != 0);
        }
        let names: Vec<&str> = e.variants.iter().map(|v| v.0).collect();
        r.eq(
            &format!("enumerators of {name}"),
            names,
            c_variants.iter().map(String::as_str).collect(),
        );
        for (v, value) in &e.variants {
            if let Some(c) = r.c_int(f, &format!("enum {v}")) {
                r.eq(&format!("value of {v}"), i128::from(*value), c);
            }
        }
    }
    for e in &rust {
        if !matches!(f.headers.typedefs.get(e.name), Some(Typedef::Enum(_))) {
            r.fail(format!("{}: not an enum typedef of the headers", e.name));
        }
    }
    r.finish("enums");
}

/// `HPySlot_SIG` gives each slot the signature the header's `HPySlot_SIG(SLOT)` macro gives.
#[test]
fn slot_signatures_match_c() {
    let f = facts();
    let mut r = Report::default();
    let table = &hpy_abi::HPySlot_SIG;
    let slots = hpy_abi::HPySlot_Slot::VARIANTS;
    r.eq("HPySlot_SIG entries", table.len(), slots.len());
    for (name, slot) in slots {
        let Some(c) = r.c_int(f, &format!("slot-sig {name}")) else {
            continue;
        };
        match table.iter().find(|(s, _)| s == slot) {
            Some((_, sig)) => r.eq(&format!("signature of {name}"), i128::from(sig.0), c),
            None => r.fail(format!("{name} is missing from HPySlot_SIG")),
        }
    }
    r.finish("slot signatures");
}

/// Every object-like macro of the headers is mirrored with C's value, or deliberately not.
#[test]
fn constants_match_c() {
    let f = facts();
    let mut r = Report::default();
    let consts = rust_constants();
    for (name, _, value) in &consts {
        let key = format!("const {name}");
        match value {
            Value::Int(v) => {
                if let Some(c) = r.c_int(f, &key) {
                    r.eq(name, *v, c);
                }
            }
            Value::Str(s) => match f.c.get(&key) {
                Some(c) => r.eq(name, *s, c.as_str()),
                None => r.fail(format!("{key}: not printed by the C program")),
            },
        }
    }
    for (name, value) in &f.headers.macros {
        let mirrored = consts.iter().any(|(n, _, _)| n == name);
        let excluded = NOT_MIRRORED.iter().any(|(n, _)| n == name)
            || NOT_MIRRORED_PREFIXES
                .iter()
                .any(|(p, _)| name.starts_with(p));
        r.checks += 1;
        if !mirrored && !excluded {
            r.fail(format!(
                "macro {name} ({value}) is neither mirrored nor excluded"
            ));
        }
    }
    r.finish("constants");
}

/// The context: the 0.9 members exactly as `struct _HPyContext_s` has them (names, order,
/// offsets, types), then the ten later members, contiguous.
#[test]
fn context_matches_autogen_ctx_h() {
    let f = facts();
    let t = Translator::new();
    let mut r = Report::default();
    let rust = rust_context();
    let c = &f.headers.context;

    // 3 header fields + 263 members, counted in the header text itself.
    r.eq(
        "members of struct _HPyContext_s",
        3 + hpy_abi::HPY_CONTEXT_09_MEMBERS,
        c.len(),
    );
    r.eq(
        "later members",
        hpy_abi::HPY_CONTEXT_LATER_MEMBERS,
        LATER_MEMBERS.len(),
    );

    let later_decls: Vec<CField> = LATER_MEMBERS
        .iter()
        .map(|decl| {
            let mut toks = tokenize(decl);
            match fn_pointer(&toks) {
                Some((name, ret, params)) => CField {
                    name,
                    ty: CType::Fn { ret, params },
                },
                None => {
                    let name = toks.pop().unwrap();
                    CField {
                        name,
                        ty: CType::Plain(toks),
                    }
                }
            }
        })
        .collect();

    // Names and order: the 0.9 members, then the later ones.
    let rust_names: Vec<&str> = rust.fields.iter().map(|x| x.c).collect();
    let expected: Vec<&str> = c
        .iter()
        .chain(&later_decls)
        .map(|x| x.name.as_str())
        .collect();
    for name in &expected {
        if !rust_names.contains(name) {
            r.fail(format!("HPyContext.{name} is missing"));
        }
    }
    for name in &rust_names {
        if !expected.contains(name) {
            r.fail(format!(
                "HPyContext.{name} is in neither autogen_ctx.h nor LATER_MEMBERS"
            ));
        }
    }
    r.eq("order of the members of HPyContext", rust_names, expected);

    // The 0.9 members: offsets and types as C has them.
    for cf in c {
        let Some(rf) = rust.fields.iter().find(|x| x.c == cf.name) else {
            continue;
        };
        if let Some(off) = r.c_usize(f, &format!("offsetof HPyContext.{}", cf.name)) {
            r.eq(
                &format!("offsetof(HPyContext, {})", cf.name),
                rf.offset,
                off,
            );
        }
        let mut ty = cf.ty.clone();
        if VOID_TO_HPY.contains(&cf.name.as_str()) {
            if let CType::Fn { ret, .. } = &mut ty {
                r.eq(
                    &format!("0.9 return type of {}", cf.name),
                    ret.join(" "),
                    "void".to_owned(),
                );
                *ret = vec!["HPy".to_owned()];
            }
        }
        match t.field(&ty) {
            Ok(ty) => r.eq(
                &format!("type of HPyContext.{}", cf.name),
                rf.ty,
                ty.as_str(),
            ),
            Err(e) => r.fail(format!("type of HPyContext.{}: {e}", cf.name)),
        }
    }
    if let Some(align) = r.c_usize(f, "alignof HPyContext") {
        r.eq("alignof(HPyContext)", rust.align, align);
    }

    // The later members: types, and one pointer-sized slot each from the end of the C struct.
    let slot = size_of::<usize>();
    let mut expected_offset = r.c_usize(f, "sizeof HPyContext");
    for cf in &later_decls {
        let Some(rf) = rust.fields.iter().find(|x| x.c == cf.name) else {
            continue;
        };
        match t.field(&cf.ty) {
            Ok(ty) => r.eq(
                &format!("type of HPyContext.{}", cf.name),
                rf.ty,
                ty.as_str(),
            ),
            Err(e) => r.fail(format!("type of HPyContext.{}: {e}", cf.name)),
        }
        r.eq(
            &format!("offsetof(HPyContext, {})", cf.name),
            Some(rf.offset),
            expected_offset,
        );
        expected_offset = Some(rf.offset + slot);
    }
    r.eq("sizeof(HPyContext)", Some(rust.size), expected_offset);
    r.finish("HPyContext");
}
