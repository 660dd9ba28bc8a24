//! `int`, `float` and `bool` constructors and conversions, with CPython's errors.

use std::ffi::c_void;

use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};

use super::enter;
use crate::error::PyResult;
use crate::objects::{float, int, type_of, types, types::Instances, W_DATA};
use crate::protocols::number::{BinOp, UnaryOp};
use crate::state::State;

#[inline(always)]
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

/// How the CPython function behind an `HPyLong_As*` refuses an argument that is not an
/// `int`: the ones that would try `__index__` name the type, the others do not.
#[derive(Clone, Copy)]
enum NotInt {
    /// `'str' object cannot be interpreted as an integer` (`PyLong_AsLong`, `AsLongLong`,
    /// the `*Mask` conversions).
    Index,
    /// `an integer is required` (`PyLong_AsUnsignedLong*`, `AsSize_t`, `AsSsize_t`,
    /// `AsVoidPtr`, `AsDouble`).
    Required,
}

/// The integer value of an `int` (or `bool`) argument; anything else is a TypeError, as
/// CPython's `PyLong_As*` says it.
fn int_arg(st: &mut State, h: HPy, func: &str, not_int: NotInt) -> PyResult<BigInt> {
    let r = st.get(h, func)?;
    let o = st.obj(r);
    match types::data(type_of(o)).instances {
        Instances::Int => Ok(int::to_bigint(o)),
        Instances::Special if o.kind() == st.b.kinds.bool_ => Ok(BigInt::from(o.word(W_DATA))),
        // `PyLong_AsLong` and its kin call `__index__` (a Python class's, an extension's
        // `nb_index`).
        _ if matches!(not_int, NotInt::Index)
            && (st.py_method(r, "__index__").is_some()
                || st.ext_slot(r, hpy_abi::HPy_nb_index).is_some()) =>
        {
            let i = st.index(r)?;
            Ok(int::to_bigint(st.obj(i)))
        }
        _ => {
            let msg = match not_int {
                NotInt::Index => format!(
                    "'{}' object cannot be interpreted as an integer",
                    types::type_name_of(o)
                ),
                NotInt::Required => "an integer is required".to_string(),
            };
            Err(st.raise("TypeError", msg))
        }
    }
}

fn overflow<T>(st: &mut State, msg: &str) -> PyResult<T> {
    Err(st.raise("OverflowError", msg.to_string()))
}

/// `PyLong_AsLong` (a C long is 64 bits on the hosts we support).
fn as_long(st: &mut State, v: &BigInt) -> PyResult<i64> {
    match v.to_i64() {
        Some(x) => Ok(x),
        None => overflow(st, "Python int too large to convert to C long"),
    }
}

/// `PyLong_AsUnsignedLong`
fn as_unsigned_long(st: &mut State, v: &BigInt) -> PyResult<u64> {
    if v.is_negative() {
        return overflow(st, "can't convert negative value to unsigned int");
    }
    match v.to_u64() {
        Some(x) => Ok(x),
        None => overflow(st, "Python int too large to convert to C unsigned long"),
    }
}

/// The value modulo 2**64 (the `*Mask` conversions).
fn masked(st: &mut State, h: HPy, func: &str) -> PyResult<u64> {
    let v = int_arg(st, h, func, NotInt::Index)?;
    let m = BigInt::from(1u8) << 64;
    let r: BigInt = ((v % &m) + &m) % &m;
    Ok(r.to_u64().expect("reduced modulo 2**64"))
}

// The `As*` conversions raise what hpy 0.9's universal module raises on CPython 3.11: the
// 32-bit ones go through `PyLong_AsLong` / `PyLong_AsUnsignedLong` and then check the
// narrower range, the 64-bit ones are `PyLong_AsLongLong` / `PyLong_AsUnsignedLongLong`.

pub(crate) unsafe extern "C" fn ctx_Long_AsInt32_t(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPyLong_AsInt32_t", -1, |st| {
        let v = int_arg(st, h, "HPyLong_AsInt32_t", NotInt::Index)?;
        let l = as_long(st, &v)?;
        match i32::try_from(l) {
            Ok(x) => Ok(x),
            Err(_) => overflow(st, "Python int too large to convert to C int32_t"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt32_t(ctx: *mut HPyContext, h: HPy) -> u32 {
    enter(ctx, "HPyLong_AsUInt32_t", u32::MAX, |st| {
        let v = int_arg(st, h, "HPyLong_AsUInt32_t", NotInt::Required)?;
        let l = as_unsigned_long(st, &v)?;
        match u32::try_from(l) {
            Ok(x) => Ok(x),
            Err(_) => overflow(st, "Python int too large to convert to C uint32_t"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt32_tMask(ctx: *mut HPyContext, h: HPy) -> u32 {
    enter(ctx, "HPyLong_AsUInt32_tMask", u32::MAX, |st| {
        Ok(masked(st, h, "HPyLong_AsUInt32_tMask")? as u32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsInt64_t(ctx: *mut HPyContext, h: HPy) -> i64 {
    enter(ctx, "HPyLong_AsInt64_t", -1, |st| {
        let v = int_arg(st, h, "HPyLong_AsInt64_t", NotInt::Index)?;
        match v.to_i64() {
            Some(x) => Ok(x),
            None => overflow(st, "int too big to convert"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt64_t(ctx: *mut HPyContext, h: HPy) -> u64 {
    enter(ctx, "HPyLong_AsUInt64_t", u64::MAX, |st| {
        let v = int_arg(st, h, "HPyLong_AsUInt64_t", NotInt::Required)?;
        if v.is_negative() {
            return overflow(st, "can't convert negative int to unsigned");
        }
        match v.to_u64() {
            Some(x) => Ok(x),
            None => overflow(st, "int too big to convert"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsUInt64_tMask(ctx: *mut HPyContext, h: HPy) -> u64 {
    enter(ctx, "HPyLong_AsUInt64_tMask", u64::MAX, |st| {
        masked(st, h, "HPyLong_AsUInt64_tMask")
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsSize_t(ctx: *mut HPyContext, h: HPy) -> usize {
    enter(ctx, "HPyLong_AsSize_t", usize::MAX, |st| {
        let v = int_arg(st, h, "HPyLong_AsSize_t", NotInt::Required)?;
        if v.is_negative() {
            return overflow(st, "can't convert negative value to size_t");
        }
        match v.to_usize() {
            Some(x) => Ok(x),
            None => overflow(st, "Python int too large to convert to C size_t"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsSsize_t(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    enter(ctx, "HPyLong_AsSsize_t", -1, |st| {
        let v = int_arg(st, h, "HPyLong_AsSsize_t", NotInt::Required)?;
        match v.to_isize() {
            Some(x) => Ok(x),
            None => overflow(st, "Python int too large to convert to C ssize_t"),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsVoidPtr(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    enter(ctx, "HPyLong_AsVoidPtr", std::ptr::null_mut(), |st| {
        // `PyLong_AsVoidPtr`: a negative int through `PyLong_AsLong`, the rest through
        // `PyLong_AsUnsignedLong`.
        let v = int_arg(st, h, "HPyLong_AsVoidPtr", NotInt::Required)?;
        let p = if v.is_negative() {
            as_long(st, &v)? as u64
        } else {
            as_unsigned_long(st, &v)?
        };
        Ok(p as usize as *mut c_void)
    })
}

pub(crate) unsafe extern "C" fn ctx_Long_AsDouble(ctx: *mut HPyContext, h: HPy) -> f64 {
    enter(ctx, "HPyLong_AsDouble", -1.0, |st| {
        let v = int_arg(st, h, "HPyLong_AsDouble", NotInt::Required)?;
        match v.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => overflow(st, "int too large to convert to float"),
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
            // `PyFloat_AsDouble` calls `__float__` (then `__index__`).
            _ if st.py_method(r, "__float__").is_some()
                || st.py_method(r, "__index__").is_some()
                || st.ext_slot(r, hpy_abi::HPy_nb_float).is_some() =>
            {
                let f = st.to_float(r)?;
                Ok(float::value(st.obj(f)))
            }
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

// ---------------------------------------------------------------------- number protocol
//
// `HPy_Add`… are `PyNumber_Add`…: the operations of `crate::protocols::number`, on handles.

/// A binary operation on two handles; the result is a new handle.
fn binary(st: &mut State, func: &str, op: BinOp, h1: HPy, h2: HPy, inplace: bool) -> PyResult<HPy> {
    let a = st.get(h1, func)?;
    let b = st.get(h2, func)?;
    let r = if inplace {
        st.inplace_op(op, a, b)?
    } else {
        st.binary_op(op, a, b)?
    };
    Ok(st.roots.handles.open(r))
}

fn unary(st: &mut State, func: &str, op: UnaryOp, h: HPy) -> PyResult<HPy> {
    let a = st.get(h, func)?;
    let r = st.unary_op(op, a)?;
    Ok(st.roots.handles.open(r))
}

pub(crate) unsafe extern "C" fn ctx_Add(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Add", HPy_NULL, |st| {
        binary(st, "HPy_Add", BinOp::Add, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Subtract(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Subtract", HPy_NULL, |st| {
        binary(st, "HPy_Subtract", BinOp::Sub, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Multiply(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Multiply", HPy_NULL, |st| {
        binary(st, "HPy_Multiply", BinOp::Mul, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_MatrixMultiply(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_MatrixMultiply", HPy_NULL, |st| {
        binary(st, "HPy_MatrixMultiply", BinOp::MatMul, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_FloorDivide(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_FloorDivide", HPy_NULL, |st| {
        binary(st, "HPy_FloorDivide", BinOp::FloorDiv, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_TrueDivide(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_TrueDivide", HPy_NULL, |st| {
        binary(st, "HPy_TrueDivide", BinOp::TrueDiv, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Remainder(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Remainder", HPy_NULL, |st| {
        binary(st, "HPy_Remainder", BinOp::Mod, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Divmod(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Divmod", HPy_NULL, |st| {
        binary(st, "HPy_Divmod", BinOp::DivMod, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Lshift(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Lshift", HPy_NULL, |st| {
        binary(st, "HPy_Lshift", BinOp::LShift, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Rshift(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Rshift", HPy_NULL, |st| {
        binary(st, "HPy_Rshift", BinOp::RShift, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_And(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_And", HPy_NULL, |st| {
        binary(st, "HPy_And", BinOp::And, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Xor(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Xor", HPy_NULL, |st| {
        binary(st, "HPy_Xor", BinOp::Xor, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Or(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_Or", HPy_NULL, |st| {
        binary(st, "HPy_Or", BinOp::Or, h1, h2, false)
    })
}

pub(crate) unsafe extern "C" fn ctx_Power(ctx: *mut HPyContext, h1: HPy, h2: HPy, h3: HPy) -> HPy {
    enter(ctx, "HPy_Power", HPy_NULL, |st| {
        let (a, b, m) = (
            st.get(h1, "HPy_Power")?,
            st.get(h2, "HPy_Power")?,
            st.get(h3, "HPy_Power")?,
        );
        let r = st.pow3(a, b, m)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Negative(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Negative", HPy_NULL, |st| {
        unary(st, "HPy_Negative", UnaryOp::Neg, h1)
    })
}

pub(crate) unsafe extern "C" fn ctx_Positive(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Positive", HPy_NULL, |st| {
        unary(st, "HPy_Positive", UnaryOp::Pos, h1)
    })
}

pub(crate) unsafe extern "C" fn ctx_Absolute(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Absolute", HPy_NULL, |st| {
        unary(st, "HPy_Absolute", UnaryOp::Abs, h1)
    })
}

pub(crate) unsafe extern "C" fn ctx_Invert(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Invert", HPy_NULL, |st| {
        unary(st, "HPy_Invert", UnaryOp::Invert, h1)
    })
}

pub(crate) unsafe extern "C" fn ctx_Index(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Index", HPy_NULL, |st| {
        let a = st.get(h1, "HPy_Index")?;
        let r = st.index(a)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Long(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Long", HPy_NULL, |st| {
        let a = st.get(h1, "HPy_Long")?;
        let r = st.to_int(a)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Float(ctx: *mut HPyContext, h1: HPy) -> HPy {
    enter(ctx, "HPy_Float", HPy_NULL, |st| {
        let a = st.get(h1, "HPy_Float")?;
        let r = st.to_float(a)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceAdd(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceAdd", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceAdd", BinOp::Add, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceSubtract(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceSubtract", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceSubtract", BinOp::Sub, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceMultiply(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceMultiply", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceMultiply", BinOp::Mul, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceMatrixMultiply(
    ctx: *mut HPyContext,
    h1: HPy,
    h2: HPy,
) -> HPy {
    enter(ctx, "HPy_InPlaceMatrixMultiply", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceMatrixMultiply", BinOp::MatMul, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceFloorDivide(
    ctx: *mut HPyContext,
    h1: HPy,
    h2: HPy,
) -> HPy {
    enter(ctx, "HPy_InPlaceFloorDivide", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceFloorDivide", BinOp::FloorDiv, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceTrueDivide(
    ctx: *mut HPyContext,
    h1: HPy,
    h2: HPy,
) -> HPy {
    enter(ctx, "HPy_InPlaceTrueDivide", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceTrueDivide", BinOp::TrueDiv, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceRemainder(
    ctx: *mut HPyContext,
    h1: HPy,
    h2: HPy,
) -> HPy {
    enter(ctx, "HPy_InPlaceRemainder", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceRemainder", BinOp::Mod, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceLshift(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceLshift", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceLshift", BinOp::LShift, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceRshift(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceRshift", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceRshift", BinOp::RShift, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceAnd(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceAnd", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceAnd", BinOp::And, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceXor(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceXor", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceXor", BinOp::Xor, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlaceOr(ctx: *mut HPyContext, h1: HPy, h2: HPy) -> HPy {
    enter(ctx, "HPy_InPlaceOr", HPy_NULL, |st| {
        binary(st, "HPy_InPlaceOr", BinOp::Or, h1, h2, true)
    })
}

pub(crate) unsafe extern "C" fn ctx_InPlacePower(
    ctx: *mut HPyContext,
    h1: HPy,
    h2: HPy,
    h3: HPy,
) -> HPy {
    enter(ctx, "HPy_InPlacePower", HPy_NULL, |st| {
        let func = "HPy_InPlacePower";
        let (a, b, m) = (st.get(h1, func)?, st.get(h2, func)?, st.get(h3, func)?);
        let r = st.inplace_pow3(a, b, m)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Number_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPyNumber_Check", -1, |st| {
        let a = st.get(h, "HPyNumber_Check")?;
        Ok(st.is_number(a) as i32)
    })
}
