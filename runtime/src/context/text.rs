//! `str` and `bytes`. Pointers handed to C (`HPyUnicode_AsUTF8AndSize`,
//! `HPyBytes_AsString`) point into a non-moving copy tied to the handle they came
//! through: returned again if asked again, freed when that handle closes.

use std::ffi::c_char;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::{bytes, str as pystr, type_of, types, types::Instances};
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

pub(crate) unsafe extern "C" fn ctx_Unicode_FromString(
    ctx: *mut HPyContext,
    utf8: *const c_char,
) -> HPy {
    enter(ctx, "HPyUnicode_FromString", HPy_NULL, |st| {
        let s = c_str(st, utf8, "HPyUnicode_FromString")?;
        let o = pystr::new(&st.alloc(), s)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

/// The handle's object, which must be a `str`; otherwise the TypeError CPython's
/// `PyUnicode_AsUTF8AndSize` and `PyUnicode_AsUTF8String` raise (`PyErr_BadArgument`).
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

/// A pointer to a non-moving copy of `data` (plus a NUL) owned by handle `h`.
fn raw_copy(st: &mut State, h: HPy, data: impl FnOnce(&State) -> Vec<u8>) -> *const c_char {
    if let Some(p) = st
        .roots
        .handles
        .entry_mut(h)
        .and_then(|e| e.raw_copy.as_ref().map(|b| b.as_ptr()))
    {
        return p.cast();
    }
    let mut v = data(st);
    v.push(0);
    let b = v.into_boxed_slice();
    let p = b.as_ptr();
    st.roots
        .handles
        .entry_mut(h)
        .expect("resolved above")
        .raw_copy = Some(b);
    p.cast()
}

pub(crate) unsafe extern "C" fn ctx_Unicode_AsUTF8AndSize(
    ctx: *mut HPyContext,
    h: HPy,
    size: *mut HPy_ssize_t,
) -> *const c_char {
    enter(ctx, "HPyUnicode_AsUTF8AndSize", std::ptr::null(), |st| {
        let r = expect_str(st, h, "HPyUnicode_AsUTF8AndSize")?;
        let len = pystr::as_str(st.obj(r)).len();
        let p = raw_copy(st, h, |st| pystr::as_str(st.obj(r)).as_bytes().to_vec());
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
        let b = unsafe { std::ffi::CStr::from_ptr(data) }.to_bytes();
        let o = bytes::new(&st.alloc(), b)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_Bytes_FromStringAndSize(
    ctx: *mut HPyContext,
    data: *const c_char,
    len: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPyBytes_FromStringAndSize", HPy_NULL, |st| {
        if len < 0 {
            return Err(st.raise(
                "SystemError",
                "Negative size passed to HPyBytes_FromStringAndSize".into(),
            ));
        }
        if data.is_null() {
            return Err(st.raise(
                "ValueError",
                "NULL char * passed to HPyBytes_FromStringAndSize".into(),
            ));
        }
        // SAFETY: the extension promises `len` readable bytes.
        let b = unsafe { std::slice::from_raw_parts(data.cast::<u8>(), len as usize) };
        let o = bytes::new(&st.alloc(), b)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

fn bytes_as_string(ctx: *mut HPyContext, h: HPy, func: &'static str) -> *const c_char {
    enter(ctx, func, std::ptr::null(), |st| {
        let r = expect_bytes(st, h, func)?;
        Ok(raw_copy(st, h, |st| bytes::data(st.obj(r)).to_vec()))
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
