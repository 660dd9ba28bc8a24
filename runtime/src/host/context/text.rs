//! `str` and `bytes`: every `HPyUnicode_*` and `HPyBytes_*` member, plus `HPy_ASCII` and
//! `HPy_Bytes`, with the semantics of the CPython 3.11 functions HPy maps them to
//! (`PyUnicode_AsASCIIString`, `PyUnicode_Substring`, `PyObject_Bytes`…). Codecs live in
//! `crate::objects::codecs`.
//!
//! Pointers handed to C (`HPyUnicode_AsUTF8AndSize`, `HPyBytes_AsString`,
//! `HPyBytes_AS_STRING`) point into a non-moving copy tied to the handle they came
//! through: returned again if asked again, freed when that handle closes.

use std::ffi::{c_char, CStr};

use gc::RawRef;
use hpy_abi::{wchar_t, HPy, HPyContext, HPy_NULL, HPy_UCS4, HPy_ssize_t};
use num_traits::ToPrimitive;

use super::enter;
use crate::error::PyResult;
use crate::objects::codecs::{self, Codec, CodecError, Errors, Subject};
use crate::objects::{bytes, int, list, str as pystr, tuple, type_of, types, types::Instances};
use crate::state::State;

fn is_instance(st: &State, r: RawRef, inst: Instances) -> bool {
    types::data(type_of(st.obj(r))).instances == inst
}

fn check(ctx: *mut HPyContext, name: &'static str, h: HPy, inst: Instances) -> i32 {
    enter(ctx, name, 0, |st| {
        let r = st.get(h, name)?;
        Ok(is_instance(st, r, inst) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyUnicode_Check", h, Instances::Str)
}

pub(crate) unsafe extern "C" fn ctx_Bytes_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyBytes_Check", h, Instances::Bytes)
}

// ------------------------------------------------------------------ helpers

/// A new handle to a new `str`.
fn new_str(st: &mut State, s: &str) -> PyResult<HPy> {
    let o = pystr::new(&st.alloc(), s)?.raw();
    Ok(st.roots.handles.open(o))
}

/// A new handle to a new `bytes`.
fn new_bytes(st: &mut State, b: &[u8]) -> PyResult<HPy> {
    let o = bytes::new(&st.alloc(), b)?.raw();
    Ok(st.roots.handles.open(o))
}

/// The handle's object, which must be a `str`; otherwise the TypeError CPython's
/// `PyErr_BadArgument` raises (what `PyUnicode_AsUTF8AndSize` and friends do).
fn expect_str(st: &mut State, h: HPy, func: &str) -> PyResult<RawRef> {
    let r = st.get(h, func)?;
    if is_instance(st, r, Instances::Str) {
        return Ok(r);
    }
    Err(st.raise(
        "TypeError",
        "bad argument type for built-in operation".into(),
    ))
}

/// The handle's object, which must be a `bytes`; otherwise CPython's `PyBytes_AsString`
/// and `PyBytes_Size` TypeError.
fn expect_bytes(st: &mut State, h: HPy, func: &str) -> PyResult<RawRef> {
    let r = st.get(h, func)?;
    if is_instance(st, r, Instances::Bytes) {
        return Ok(r);
    }
    let got = types::type_name_of(st.obj(r));
    Err(st.raise("TypeError", format!("expected bytes, {got} found")))
}

/// A NUL-terminated C string argument as bytes; NULL raises SystemError (CPython would
/// crash).
fn c_bytes<'a>(st: &mut State, p: *const c_char, func: &str) -> PyResult<&'a [u8]> {
    if p.is_null() {
        return Err(st.raise("SystemError", format!("{func}: NULL string argument")));
    }
    // SAFETY: the extension passes a NUL-terminated string, live for the call.
    Ok(unsafe { CStr::from_ptr(p) }.to_bytes())
}

/// `size` bytes at `p`. A negative size is the SystemError of `PyUnicode_New` that
/// CPython's decoders raise; NULL with a non-zero size raises instead of crashing.
fn sized_bytes<'a>(
    st: &mut State,
    p: *const c_char,
    size: HPy_ssize_t,
    func: &str,
) -> PyResult<&'a [u8]> {
    if size < 0 {
        return Err(st.raise(
            "SystemError",
            "Negative size passed to PyUnicode_New".into(),
        ));
    }
    if size == 0 {
        return Ok(&[]);
    }
    if p.is_null() {
        return Err(st.raise(
            "SystemError",
            format!("{func}: NULL pointer with size {size}"),
        ));
    }
    // SAFETY: the extension promises `size` readable bytes at `p`, live for the call.
    Ok(unsafe { std::slice::from_raw_parts(p.cast::<u8>(), size as usize) })
}

/// An optional C string (`errors`, `encoding`): NULL is `None`.
fn c_opt(p: *const c_char) -> Option<String> {
    // SAFETY: non-NULL: a NUL-terminated string from the extension, live for the call.
    (!p.is_null()).then(|| unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned())
}

/// Decodes `data` and returns a handle to the text, or raises what the codec reports.
fn decode_to_handle(
    st: &mut State,
    codec: Codec,
    data: &[u8],
    errors: &Errors,
    registry_name: Option<&str>,
) -> PyResult<HPy> {
    let d = codecs::decode(codec, data, errors);
    match d.result {
        Ok(s) => new_str(st, &s),
        Err(e) => Err(codecs::raise(
            st,
            e,
            Subject::Bytes(d.error_input),
            registry_name,
        )),
    }
}

/// A pointer to a non-moving copy of `data` (plus a NUL) owned by handle `h`: the same
/// pointer for every request through `h`, released when `h` is closed (made inaccessible in
/// debug and poison modes: see `crate::host::guarded`). `func` names the context function.
pub(crate) fn raw_copy(
    st: &mut State,
    h: HPy,
    func: &'static str,
    data: impl FnOnce(&State) -> Vec<u8>,
) -> *const c_char {
    if let Some(b) = st.roots.handles.raw_copy(h) {
        return b.as_ptr().cast();
    }
    let mut v = data(st);
    v.push(0);
    let mut b = Box::new(crate::host::guarded::Buffer::new(v));
    if let Some(d) = st.roots.handles.debug.as_deref() {
        b.origin = Some(Box::new(crate::host::guarded::Origin::RawPointer {
            func,
            handle: h._i,
            function: d.running(),
            obtained: d.stack_here(),
            closed: Box::new([]),
            collection: d.collection,
        }));
    }
    let p = b.as_ptr();
    // `h` was resolved by the caller; `data` runs no code that could close it.
    let kept = st.roots.handles.set_raw_copy(h, b);
    assert!(kept, "a raw copy for a handle that is not open");
    p.cast()
}

// ------------------------------------------------------------------ str: creation

pub(crate) unsafe extern "C" fn ctx_Unicode_FromString(
    ctx: *mut HPyContext,
    utf8: *const c_char,
) -> HPy {
    const F: &str = "HPyUnicode_FromString";
    enter(ctx, F, HPy_NULL, |st| {
        let b = c_bytes(st, utf8, F)?;
        decode_to_handle(st, Codec::Utf8, b, &Errors::Strict, None)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_FromWideChar(
    ctx: *mut HPyContext,
    w: *const wchar_t,
    size: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPyUnicode_FromWideChar", HPy_NULL, |st| {
        if w.is_null() && size != 0 {
            return Err(st.raise("SystemError", "bad argument to internal function".into()));
        }
        let n = if size == -1 {
            // SAFETY: size -1 means `w` is NUL-terminated.
            (0..).take_while(|&i| unsafe { *w.add(i) } != 0).count()
        } else if size < 0 {
            return Err(st.raise(
                "SystemError",
                "Negative size passed to PyUnicode_New".into(),
            ));
        } else {
            size as usize
        };
        if n == 0 {
            return new_str(st, "");
        }
        // SAFETY: the extension promises `n` readable wide characters at `w`.
        let units = unsafe { std::slice::from_raw_parts(w, n) };
        // CPython checks the range of every character before it looks at surrogates.
        if let Some(&c) = units.iter().find(|&&c| c as u32 > 0x10ffff) {
            return Err(st.raise(
                "ValueError",
                format!(
                    "character U+{:x} is not in range [U+0000; U+10ffff]",
                    c as u32
                ),
            ));
        }
        let mut s = String::with_capacity(n);
        for (index, &c) in units.iter().enumerate() {
            match char::from_u32(c as u32) {
                Some(ch) => s.push(ch),
                None => {
                    let e = CodecError::Surrogate {
                        code: c as u32,
                        index,
                    };
                    return Err(codecs::raise(st, e, Subject::Bytes(&[]), None));
                }
            }
        }
        new_str(st, &s)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_DecodeFSDefault(
    ctx: *mut HPyContext,
    v: *const c_char,
) -> HPy {
    const F: &str = "HPyUnicode_DecodeFSDefault";
    enter(ctx, F, HPy_NULL, |st| {
        let b = c_bytes(st, v, F)?;
        decode_to_handle(st, Codec::Utf8, b, &Errors::SurrogateEscape, None)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_DecodeFSDefaultAndSize(
    ctx: *mut HPyContext,
    v: *const c_char,
    size: HPy_ssize_t,
) -> HPy {
    const F: &str = "HPyUnicode_DecodeFSDefaultAndSize";
    enter(ctx, F, HPy_NULL, |st| {
        let b = sized_bytes(st, v, size, F)?;
        decode_to_handle(st, Codec::Utf8, b, &Errors::SurrogateEscape, None)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_DecodeASCII(
    ctx: *mut HPyContext,
    ascii: *const c_char,
    size: HPy_ssize_t,
    errors: *const c_char,
) -> HPy {
    const F: &str = "HPyUnicode_DecodeASCII";
    enter(ctx, F, HPy_NULL, |st| {
        let b = sized_bytes(st, ascii, size, F)?;
        let errors = Errors::parse(c_opt(errors).as_deref());
        decode_to_handle(st, Codec::Ascii, b, &errors, None)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_DecodeLatin1(
    ctx: *mut HPyContext,
    latin1: *const c_char,
    size: HPy_ssize_t,
    _errors: *const c_char,
) -> HPy {
    const F: &str = "HPyUnicode_DecodeLatin1";
    // Latin-1 decoding cannot fail: CPython never looks at `errors`.
    enter(ctx, F, HPy_NULL, |st| {
        let b = sized_bytes(st, latin1, size, F)?;
        decode_to_handle(st, Codec::Latin1, b, &Errors::Strict, None)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_FromEncodedObject(
    ctx: *mut HPyContext,
    obj: HPy,
    encoding: *const c_char,
    errors: *const c_char,
) -> HPy {
    const F: &str = "HPyUnicode_FromEncodedObject";
    enter(ctx, F, HPy_NULL, |st| {
        if obj._i == 0 {
            return Err(st.raise("SystemError", "bad argument to internal function".into()));
        }
        let r = st.get(obj, F)?;
        let o = st.obj(r);
        match types::data(type_of(o)).instances {
            Instances::Bytes => {}
            Instances::Str => {
                return Err(st.raise("TypeError", "decoding str is not supported".into()))
            }
            _ => {
                let t = types::type_name_of(o);
                return Err(st.raise(
                    "TypeError",
                    format!("decoding to str: need a bytes-like object, {t} found"),
                ));
            }
        }
        // Empty input decodes to '' without looking the encoding up.
        if bytes::data(o).is_empty() {
            return new_str(st, "");
        }
        let encoding = c_opt(encoding);
        let found = match &encoding {
            None => codecs::Found {
                codec: Codec::Utf8,
                registry: false,
            },
            Some(name) => match codecs::lookup(name.as_bytes()) {
                Ok(f) => f,
                Err(e) => return Err(codecs::raise(st, e, Subject::Bytes(&[]), None)),
            },
        };
        let errors = Errors::parse(c_opt(errors).as_deref());
        let d = codecs::decode(found.codec, bytes::data(st.obj(r)), &errors);
        match d.result {
            Ok(s) => new_str(st, &s),
            Err(e) => {
                let input = d.error_input.to_vec();
                let registry_name = encoding.as_deref().filter(|_| found.registry);
                Err(codecs::raise(st, e, Subject::Bytes(&input), registry_name))
            }
        }
    })
}

// ------------------------------------------------------------------ str: reading

pub(crate) unsafe extern "C" fn ctx_Unicode_AsUTF8AndSize(
    ctx: *mut HPyContext,
    h: HPy,
    size: *mut HPy_ssize_t,
) -> *const c_char {
    enter(ctx, "HPyUnicode_AsUTF8AndSize", std::ptr::null(), |st| {
        let r = expect_str(st, h, "HPyUnicode_AsUTF8AndSize")?;
        let len = pystr::as_str(st.obj(r)).len();
        let p = raw_copy(st, h, "HPyUnicode_AsUTF8AndSize", |st| {
            pystr::as_str(st.obj(r)).as_bytes().to_vec()
        });
        if !size.is_null() {
            // SAFETY: the extension passes a pointer to its own variable.
            unsafe { *size = len as HPy_ssize_t };
        }
        Ok(p)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_AsUTF8String(ctx: *mut HPyContext, h: HPy) -> HPy {
    enter(ctx, "HPyUnicode_AsUTF8String", HPy_NULL, |st| {
        let r = expect_str(st, h, "HPyUnicode_AsUTF8String")?;
        let a = st.alloc();
        let o = bytes::new(&a, pystr::as_str(st.obj(r)).as_bytes())?.raw();
        Ok(st.roots.handles.open(o))
    })
}

/// `PyUnicode_EncodeFSDefault`: UTF-8 with surrogateescape, which for a str that cannot
/// hold surrogates is plain UTF-8.
pub(crate) unsafe extern "C" fn ctx_Unicode_EncodeFSDefault(ctx: *mut HPyContext, h: HPy) -> HPy {
    enter(ctx, "HPyUnicode_EncodeFSDefault", HPy_NULL, |st| {
        let r = expect_str(st, h, "HPyUnicode_EncodeFSDefault")?;
        let a = st.alloc();
        let o = bytes::new(&a, pystr::as_str(st.obj(r)).as_bytes())?.raw();
        Ok(st.roots.handles.open(o))
    })
}

fn encode_ucs1(
    ctx: *mut HPyContext,
    h: HPy,
    func: &'static str,
    limit: u32,
    encoding: &'static str,
    reason: &'static str,
) -> HPy {
    enter(ctx, func, HPy_NULL, |st| {
        let r = expect_str(st, h, func)?;
        let res = codecs::encode_ucs1(pystr::as_str(st.obj(r)), limit, encoding, reason);
        match res {
            Ok(b) => new_bytes(st, &b),
            Err(e) => Err(codecs::raise(st, e, Subject::Str(r), None)),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_AsASCIIString(ctx: *mut HPyContext, h: HPy) -> HPy {
    encode_ucs1(
        ctx,
        h,
        "HPyUnicode_AsASCIIString",
        128,
        "ascii",
        "ordinal not in range(128)",
    )
}

pub(crate) unsafe extern "C" fn ctx_Unicode_AsLatin1String(ctx: *mut HPyContext, h: HPy) -> HPy {
    encode_ucs1(
        ctx,
        h,
        "HPyUnicode_AsLatin1String",
        256,
        "latin-1",
        "ordinal not in range(256)",
    )
}

pub(crate) unsafe extern "C" fn ctx_Unicode_ReadChar(
    ctx: *mut HPyContext,
    h: HPy,
    index: HPy_ssize_t,
) -> HPy_UCS4 {
    const F: &str = "HPyUnicode_ReadChar";
    enter(ctx, F, HPy_UCS4::MAX, |st| {
        let r = expect_str(st, h, F)?;
        let n = pystr::char_len(st.obj(r));
        if index < 0 || index as usize >= n {
            return Err(st.raise("IndexError", "string index out of range".into()));
        }
        let s = pystr::as_str(st.obj(r));
        let c = if s.len() == n {
            s.as_bytes()[index as usize] as u32
        } else {
            s.chars().nth(index as usize).expect("index checked") as u32
        };
        Ok(c)
    })
}

pub(crate) unsafe extern "C" fn ctx_Unicode_Substring(
    ctx: *mut HPyContext,
    h: HPy,
    start: HPy_ssize_t,
    end: HPy_ssize_t,
) -> HPy {
    const F: &str = "HPyUnicode_Substring";
    enter(ctx, F, HPy_NULL, |st| {
        let r = expect_str(st, h, F)?;
        let len = pystr::char_len(st.obj(r)) as HPy_ssize_t;
        let end = end.min(len);
        if start == 0 && end == len {
            // The whole string: the object itself when it is an exact str.
            if type_of(st.obj(r)).raw() == st.b.str_type {
                return Ok(st.roots.handles.open(r));
            }
            let s = pystr::as_str(st.obj(r)).to_string();
            return new_str(st, &s);
        }
        if start < 0 || end < 0 {
            return Err(st.raise("IndexError", "string index out of range".into()));
        }
        if start >= len || end < start {
            return new_str(st, "");
        }
        let s = pystr::as_str(st.obj(r));
        let (a, b) = (start as usize, end as usize);
        let piece = if s.len() == len as usize {
            s[a..b].to_string()
        } else {
            s.chars().skip(a).take(b - a).collect()
        };
        new_str(st, &piece)
    })
}

// ------------------------------------------------------------------ bytes

pub(crate) unsafe extern "C" fn ctx_Bytes_FromString(
    ctx: *mut HPyContext,
    data: *const c_char,
) -> HPy {
    enter(ctx, "HPyBytes_FromString", HPy_NULL, |st| {
        if data.is_null() {
            return Err(st.raise(
                "ValueError",
                "NULL char * passed to HPyBytes_FromString".into(),
            ));
        }
        // SAFETY: a NUL-terminated string from the extension.
        let b = unsafe { CStr::from_ptr(data) }.to_bytes();
        new_bytes(st, b)
    })
}

pub(crate) unsafe extern "C" fn ctx_Bytes_FromStringAndSize(
    ctx: *mut HPyContext,
    data: *const c_char,
    len: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPyBytes_FromStringAndSize", HPy_NULL, |st| {
        // HPy refuses NULL (CPython would hand out uninitialized memory) before CPython
        // checks the size.
        if data.is_null() {
            return Err(st.raise(
                "ValueError",
                "NULL char * passed to HPyBytes_FromStringAndSize".into(),
            ));
        }
        if len < 0 {
            return Err(st.raise(
                "SystemError",
                "Negative size passed to PyBytes_FromStringAndSize".into(),
            ));
        }
        // SAFETY: the extension promises `len` readable bytes.
        let b = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len as usize) };
        new_bytes(st, b)
    })
}

fn bytes_as_string(ctx: *mut HPyContext, h: HPy, func: &'static str) -> *const c_char {
    enter(ctx, func, std::ptr::null(), |st| {
        let r = expect_bytes(st, h, func)?;
        Ok(raw_copy(st, h, func, |st| bytes::data(st.obj(r)).to_vec()))
    })
}

pub(crate) unsafe extern "C" fn ctx_Bytes_AsString(ctx: *mut HPyContext, h: HPy) -> *const c_char {
    bytes_as_string(ctx, h, "HPyBytes_AsString")
}

pub(crate) unsafe extern "C" fn ctx_Bytes_AS_STRING(ctx: *mut HPyContext, h: HPy) -> *const c_char {
    bytes_as_string(ctx, h, "HPyBytes_AS_STRING")
}

fn bytes_size(ctx: *mut HPyContext, h: HPy, func: &'static str) -> HPy_ssize_t {
    enter(ctx, func, -1, |st| {
        let r = expect_bytes(st, h, func)?;
        Ok(bytes::data(st.obj(r)).len() as HPy_ssize_t)
    })
}

pub(crate) unsafe extern "C" fn ctx_Bytes_Size(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    bytes_size(ctx, h, "HPyBytes_Size")
}

pub(crate) unsafe extern "C" fn ctx_Bytes_GET_SIZE(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    bytes_size(ctx, h, "HPyBytes_GET_SIZE")
}

// ------------------------------------------------------------------ HPy_ASCII, HPy_Bytes

/// `ascii(obj)`: `repr(obj)` with every non-ASCII character backslash-escaped.
pub(crate) unsafe extern "C" fn ctx_ASCII(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_ASCII", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_ASCII")?;
        // The full repr protocol (a Python class's `__repr__`, an extension's tp_repr).
        let repr = st.repr_text(r)?;
        new_str(st, &pystr::ascii_escape(&repr))
    })
}

/// `bytes(obj)` as `PyObject_Bytes`: an exact bytes is returned itself; `__bytes__`;
/// then `PyBytes_FromObject` (lists, tuples and iterables of ints; never str).
pub(crate) unsafe extern "C" fn ctx_Bytes(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Bytes", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Bytes")?;
        if type_of(st.obj(r)).raw() == st.b.bytes_type {
            return Ok(st.roots.handles.open(r));
        }
        if let Some(f) = st.bytes_method(r) {
            let res = st.call(f, &[r], &[])?;
            if !is_instance(st, res, Instances::Bytes) {
                let t = st.type_name(res);
                return Err(st.raise(
                    "TypeError",
                    format!("__bytes__ returned non-bytes (type {t})"),
                ));
            }
            return Ok(st.roots.handles.open(res));
        }
        let data = bytes_from_object(st, obj)?;
        new_bytes(st, &data)
    })
}

/// `PyBytes_FromObject` for the object of handle `obj`.
fn bytes_from_object(st: &mut State, obj: HPy) -> PyResult<Vec<u8>> {
    let r = st.get(obj, "HPy_Bytes")?;
    let o = st.obj(r);
    match types::data(type_of(o)).instances {
        Instances::Bytes => return Ok(bytes::data(o).to_vec()),
        Instances::Str => {
            return Err(st.raise("TypeError", "cannot convert 'str' object to bytes".into()))
        }
        _ => {}
    }
    // An extension object exporting a buffer: its memory.
    if let Some(data) = st.ext_buffer_bytes(r)? {
        return Ok(data);
    }
    let r = st.get(obj, "HPy_Bytes")?;
    let t = type_of(st.obj(r)).raw();
    if t == st.b.list_type || t == st.b.tuple_type {
        // Items are re-read each time: `__index__` of an item may run extension code.
        let mut out = Vec::new();
        let mut i = 0;
        loop {
            let r = st.get(obj, "HPy_Bytes")?;
            let o = st.obj(r);
            let item = if t == st.b.list_type {
                (i < list::len(o)).then(|| list::get(o, i).raw())
            } else {
                (i < tuple::len(o)).then(|| tuple::get(o, i).raw())
            };
            let Some(item) = item else { break };
            out.push(byte_value(st, item)?);
            i += 1;
        }
        return Ok(out);
    }
    let it = match st.iter(r) {
        Ok(it) => it,
        Err(e) => {
            if !st.exc_is("TypeError") {
                return Err(e);
            }
            st.roots.exc = RawRef::NULL;
            let r = st.get(obj, "HPy_Bytes")?;
            let n = st.type_name(r);
            return Err(st.raise("TypeError", format!("cannot convert '{n}' object to bytes")));
        }
    };
    // The iterator is rooted by a handle while items are produced (which may collect).
    let h_it = st.roots.handles.open(it);
    let mut out = Vec::new();
    let res = loop {
        let it = match st.get(h_it, "HPy_Bytes") {
            Ok(it) => it,
            Err(e) => break Err(e),
        };
        match st.next(it) {
            Ok(Some(item)) => match byte_value(st, item) {
                Ok(b) => out.push(b),
                Err(e) => break Err(e),
            },
            Ok(None) => break Ok(out),
            Err(e) => break Err(e),
        }
    };
    let _ = st.roots.handles.close(h_it);
    res
}

/// One item of `bytes(iterable)`: `operator.index(item)` in `range(256)`.
fn byte_value(st: &mut State, item: RawRef) -> PyResult<u8> {
    let i = st.index(item)?;
    let v = int::to_bigint(st.obj(i));
    match v.to_u8() {
        Some(b) => Ok(b),
        None => Err(st.raise("ValueError", "bytes must be in range(0, 256)".into())),
    }
}
