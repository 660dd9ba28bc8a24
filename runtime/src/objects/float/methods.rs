//! The methods of `float`.

use gc::RawRef;
use num_bigint::BigInt;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::*;
use crate::objects::{float, int, tuple};
use crate::state::State;

/// The float a method runs on, and the arguments after it.
pub(crate) fn float_self<'k>(
    st: &mut State,
    args: Args<'k>,
    name: &str,
) -> PyResult<(f64, Args<'k>)> {
    let args = receiver(st, args, "float", name)?;
    let me = args.receiver(st);
    let o = st.obj(me);
    if o.kind() != st.b.kinds.float {
        let t = st.type_name(me);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{name}' for 'float' objects doesn't apply to a '{t}' object"),
        ));
    }
    Ok((float::value(o), args))
}

pub(crate) fn float_is_integer(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = float_self(st, args, "is_integer")?;
    no_args(st, "float.is_integer", args)?;
    Ok(st.bool_obj(v.is_finite() && v.fract() == 0.0))
}

pub(crate) fn float_as_integer_ratio(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = float_self(st, args, "as_integer_ratio")?;
    no_args(st, "float.as_integer_ratio", args)?;
    if v.is_nan() {
        return Err(st.raise("ValueError", "cannot convert NaN to integer ratio".into()));
    }
    if v.is_infinite() {
        return Err(st.raise(
            "OverflowError",
            "cannot convert Infinity to integer ratio".into(),
        ));
    }
    // v = m * 2**e exactly, with m an integer.
    let bits = v.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    while m != 0 && m & 1 == 0 && e < 0 {
        m >>= 1;
        e += 1;
    }
    let mut num = BigInt::from(m);
    let mut den = BigInt::from(1);
    if e >= 0 {
        num <<= e as usize;
    } else {
        den <<= (-e) as usize;
    }
    if v < 0.0 {
        num = -num;
    }
    let a = st.alloc();
    let n = int::new_big(&a, &num)?;
    let d = int::new_big(&a, &den)?;
    Ok(tuple::new(&a, &[n, d])?.raw())
}

/// The methods of `float`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("is_integer", float_is_integer),
    ("as_integer_ratio", float_as_integer_ratio),
];
