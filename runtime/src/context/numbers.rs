//! `int`, `float` and `bool` constructors and conversions, with CPython's errors.

use std::ffi::c_void;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use super::enter;
use crate::error::PyResult;
use crate::objects::{float, int, type_of, types, types::Instances, W_DATA};
use crate::state::State;

fn new_int(st: &mut State, v: i64) -> PyResult<HPy> {
    let o = int::new_i64(&st.alloc(), v)?.raw();
    Ok(st.roots.handles.open(o))
}

fn new_uint(st: &mut State, v: u64) -> PyResult<HPy> {
    let o = int::new_u64(&st.alloc(), v)?.raw();
    Ok(st.roots.handles.open(o))
}

pub(crate) unsafe extern "C" fn ctx_Long_FromInt32_t(ctx: *mut HPyContext, value: i32) -> HPy {
    enter(ctx, "HPyLong_FromInt32_t", HPy_NULL, |st| {
        new_int(st, value as i64)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_FromUInt32_t(ctx: *mut HPyContext, value: u32) -> HPy {
    enter(ctx, "HPyLong_FromUInt32_t", HPy_NULL, |st| {
        new_int(st, value as i64)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_FromInt64_t(ctx: *mut HPyContext, v: i64) -> HPy {
    enter(ctx, "HPyLong_FromInt64_t", HPy_NULL, |st| new_int(st, v))
}

pub(crate) unsafe extern "C" fn ctx_Long_FromUInt64_t(ctx: *mut HPyContext, v: u64) -> HPy {
    enter(ctx, "HPyLong_FromUInt64_t", HPy_NULL, |st| new_uint(st, v))
}

pub(crate) unsafe extern "C" fn ctx_Long_FromSize_t(ctx: *mut HPyContext, value: usize) -> HPy {
    enter(ctx, "HPyLong_FromSize_t", HPy_NULL, |st| {
        new_uint(st, value as u64)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_FromSsize_t(
    ctx: *mut HPyContext,
    value: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPyLong_FromSsize_t", HPy_NULL, |st| {
        new_int(st, value as i64)
    })
}

/// The integer value of an `int` (or `bool`) argument; anything else is a TypeError, as
/// CPython's `PyLong_As*` says it.
pub(crate) fn int_arg(st: &mut State, h: HPy, func: &str) -> PyResult<BigInt> {
    let r = st.get(h, func)?;
    big_of(st, r)
}

pub(crate) fn big_of(st: &mut State, r: RawRef) -> PyResult<BigInt> {
    let o = st.obj(r);
    match types::data(type_of(o)).instances {
        Instances::Int => Ok(int::to_bigint(o)),
        Instances::Special if o.kind() == st.b.kinds.bool_ => Ok(BigInt::from(o.word(W_DATA))),
        _ => {
            let name = types::type_name_of(o);
            Err(st.raise(
                "TypeError",
                format!("'{name}' object cannot be interpreted as an integer"),
            ))
        }
    }
}

fn signed<T: TryFrom<i64>>(st: &mut State, h: HPy, func: &str, c_name: &str) -> PyResult<T> {
    let v = int_arg(st, h, func)?;
    v.to_i64().and_then(|x| T::try_from(x).ok()).ok_or_else(|| {
        st.raise(
            "OverflowError",
            format!("Python int too large to convert to C {c_name}"),
        )
    })
}

fn unsigned<T: TryFrom<u64>>(st: &mut State, h: HPy, func: &str, c_name: &str) -> PyResult<T> {
    let v = int_arg(st, h, func)?;
    if v < BigInt::zero() {
        return Err(st.raise(
            "OverflowError",
            format!("can't convert negative value to {c_name}"),
        ));
    }
    v.to_u64().and_then(|x| T::try_from(x).ok()).ok_or_else(|| {
        st.raise(
            "OverflowError",
            format!("Python int too large to convert to C {c_name}"),
        )
    })
}

/// The value modulo 2**64 (the `*Mask` conversions).
fn masked(st: &mut State, h: HPy, func: &str) -> PyResult<u64> {
    let v = int_arg(st, h, func)?;
    let m = BigInt::from(1u8) << 64;
    let r: BigInt = ((v % &m) + &m) % &m;
    Ok(r.to_u64().expect("reduced modulo 2**64"))
}

pub(crate) unsafe extern "C" fn ctx_Long_AsInt32_t(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPyLong_AsInt32_t", -1, |st| {
        signed(st, h, "HPyLong_AsInt32_t", "int")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt32_t(ctx: *mut HPyContext, h: HPy) -> u32 {
    enter(ctx, "HPyLong_AsUInt32_t", u32::MAX, |st| {
        unsigned(st, h, "HPyLong_AsUInt32_t", "unsigned int")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt32_tMask(ctx: *mut HPyContext, h: HPy) -> u32 {
    enter(ctx, "HPyLong_AsUInt32_tMask", u32::MAX, |st| {
        Ok(masked(st, h, "HPyLong_AsUInt32_tMask")? as u32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsInt64_t(ctx: *mut HPyContext, h: HPy) -> i64 {
    enter(ctx, "HPyLong_AsInt64_t", -1, |st| {
        signed(st, h, "HPyLong_AsInt64_t", "long")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt64_t(ctx: *mut HPyContext, h: HPy) -> u64 {
    enter(ctx, "HPyLong_AsUInt64_t", u64::MAX, |st| {
        unsigned(st, h, "HPyLong_AsUInt64_t", "unsigned long")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt64_tMask(ctx: *mut HPyContext, h: HPy) -> u64 {
    enter(ctx, "HPyLong_AsUInt64_tMask", u64::MAX, |st| {
        masked(st, h, "HPyLong_AsUInt64_tMask")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsSize_t(ctx: *mut HPyContext, h: HPy) -> usize {
    enter(ctx, "HPyLong_AsSize_t", usize::MAX, |st| {
        unsigned(st, h, "HPyLong_AsSize_t", "size_t")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsSsize_t(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    enter(ctx, "HPyLong_AsSsize_t", -1, |st| {
        signed(st, h, "HPyLong_AsSsize_t", "ssize_t")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsVoidPtr(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    enter(ctx, "HPyLong_AsVoidPtr", std::ptr::null_mut(), |st| {
        let v = int_arg(st, h, "HPyLong_AsVoidPtr")?;
        let p = v
            .to_u64()
            .or_else(|| v.to_i64().map(|x| x as u64))
            .ok_or_else(|| {
                st.raise(
                    "OverflowError",
                    "Python int too large to convert to C pointer".into(),
                )
            })?;
        Ok(p as usize as *mut c_void)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsDouble(ctx: *mut HPyContext, h: HPy) -> f64 {
    enter(ctx, "HPyLong_AsDouble", -1.0, |st| {
        let v = int_arg(st, h, "HPyLong_AsDouble")?;
        match v.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(st.raise("OverflowError", "int too large to convert to float".into())),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Float_FromDouble(ctx: *mut HPyContext, v: f64) -> HPy {
    enter(ctx, "HPyFloat_FromDouble", HPy_NULL, |st| {
        let o = float::new(&st.alloc(), v)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_Float_AsDouble(ctx: *mut HPyContext, h: HPy) -> f64 {
    enter(ctx, "HPyFloat_AsDouble", -1.0, |st| {
        let r = st.get(h, "HPyFloat_AsDouble")?;
        let o = st.obj(r);
        match types::data(type_of(o)).instances {
            Instances::Float => Ok(float::value(o)),
            Instances::Int => int::to_bigint(o)
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or_else(|| {
                    st.raise("OverflowError", "int too large to convert to float".into())
                }),
            _ if o.kind() == st.b.kinds.bool_ => Ok(o.word(W_DATA) as f64),
            _ => {
                let name = types::type_name_of(o);
                Err(st.raise("TypeError", format!("must be real number, not {name}")))
            }
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Bool_FromBool(ctx: *mut HPyContext, v: bool) -> HPy {
    enter(ctx, "HPyBool_FromBool", HPy_NULL, |st| {
        let o = if v { st.b.true_ } else { st.b.false_ };
        Ok(st.roots.handles.open(o))
    })
}
