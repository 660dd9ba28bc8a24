//! The methods of `int`.

use gc::RawRef;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::*;
use crate::objects::{bytes, int, list, str as pystr};
use crate::state::State;

/// The int a method runs on, and the arguments after it.
pub(crate) fn int_self<'k>(
    st: &mut State,
    args: Args<'k>,
    name: &str,
) -> PyResult<(BigInt, Args<'k>)> {
    let args = receiver(st, args, "int", name)?;
    let o = st.obj(args.receiver(st));
    if o.kind() == st.b.kinds.bool_ {
        return Ok((BigInt::from(o.word(crate::objects::W_DATA)), args));
    }
    Ok((int::to_bigint(o), args))
}

pub(crate) fn int_bit_length(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = int_self(st, args, "bit_length")?;
    no_args(st, "int.bit_length", args)?;
    Ok(int::new_i64(&st.alloc(), v.bits() as i64)?.raw())
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`.
pub(crate) fn order_and_sign(
    st: &mut State,
    args: Args<'_>,
    first: usize,
    func: &str,
) -> PyResult<(bool, bool)> {
    let mut order = args.opt(st, first);
    let mut signed = None;
    for i in 0..args.kw_len() {
        let k = args.kw_name(i);
        match k {
            "byteorder" => order = Some(args.kw(st, i)),
            "signed" => signed = Some(i),
            "length" | "bytes" => {}
            _ => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{k}' is an invalid keyword argument for {func}()"),
                ))
            }
        }
    }
    let little = match order {
        None => false,
        Some(o) => {
            let oo = st.obj(o);
            let s = if oo.kind() == st.b.kinds.str_ {
                pystr::as_str(oo)
            } else {
                ""
            };
            match s {
                "big" => false,
                "little" => true,
                _ => {
                    return Err(st.raise(
                        "ValueError",
                        "byteorder must be either 'little' or 'big'".into(),
                    ))
                }
            }
        }
    };
    let signed = match signed {
        Some(i) => st.truth(args.kw(st, i))?,
        None => false,
    };
    Ok((little, signed))
}

pub(crate) fn int_to_bytes(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = int_self(st, args, "to_bytes")?;
    // The byte order and sign first: the length's `__index__` may run code.
    let (little, signed) = order_and_sign(st, args, 1, "to_bytes")?;
    // `signed`'s truth may have run code: the length is read now.
    let length = match args.opt(st, 0).or(args.kw_get(st, "length")) {
        Some(l) => {
            let l = st.index(l)?;
            int::to_bigint(st.obj(l)).to_i64().unwrap_or(i64::MAX)
        }
        None => 1,
    };
    if length < 0 {
        return Err(st.raise("ValueError", "length argument must be non-negative".into()));
    }
    if v.is_negative() && !signed {
        return Err(st.raise(
            "OverflowError",
            "can't convert negative int to unsigned".into(),
        ));
    }
    let mut be = if signed {
        v.to_signed_bytes_be()
    } else {
        v.to_bytes_be().1
    };
    if v.is_zero() {
        be.clear();
    }
    let len = length as usize;
    if be.len() > len {
        return Err(st.raise("OverflowError", "int too big to convert".into()));
    }
    let fill = if v.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; len - be.len()];
    out.extend_from_slice(&be);
    if little {
        out.reverse();
    }
    Ok(bytes::new(&st.alloc(), &out)?.raw())
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)` (a class method).
pub(crate) fn int_from_bytes(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let src = |st: &State| args.opt(st, 0).or(args.kw_get(st, "bytes"));
    if src(st).is_none() {
        return Err(st.raise(
            "TypeError",
            "from_bytes() missing required argument 'bytes' (pos 1)".into(),
        ));
    }
    // The byte order and sign first: iterating the source may run code.
    let (little, signed) = order_and_sign(st, args, 1, "from_bytes")?;
    // `signed`'s truth may have run code: the source is read now.
    let src = src(st).expect("checked");
    let data = {
        let o = st.obj(src);
        if o.kind() == st.b.kinds.bytes {
            bytes::data(o).to_vec()
        } else {
            let l = st.items_list(src)?;
            let items: Vec<RawRef> = list::items(st.obj(l)).map(|x| x.raw()).collect();
            let mut v = Vec::with_capacity(items.len());
            for it in items {
                match crate::objects::ops::int_value(st.obj(it)) {
                    int::IntValue::Small(b) if (0..256).contains(&b) => v.push(b as u8),
                    _ => {
                        return Err(st.raise("ValueError", "bytes must be in range(0, 256)".into()))
                    }
                }
            }
            v
        }
    };
    let mut be = data;
    if little {
        be.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_be(&be)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &be)
    };
    Ok(int::new_big(&st.alloc(), &v)?.raw())
}

/// The methods of `int`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("bit_length", int_bit_length),
    ("to_bytes", int_to_bytes),
    ("from_bytes", int_from_bytes),
];
