//! More methods of the builtin types: `dict.keys`/`values`/`items`/`popitem`/`fromkeys`,
//! `int.bit_length`/`to_bytes`/`from_bytes`, `float.is_integer`/`as_integer_ratio`.
//!
//! `keys()`, `values()` and `items()` return lists (hpymove has no view types): iterating,
//! indexing a copy, `len` and `in` behave as with CPython's views; their repr differs.

use gc::RawRef;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{bytes, dict, float, int, list, str as pystr, tuple};
use crate::protocols::iter::DictIter;
use crate::state::State;

use super::methods::receiver;

fn no_args(st: &mut State, name: &str, args: Args<'_>) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if !args.is_empty() {
        return Err(st.raise(
            "TypeError",
            format!("{name}() takes no arguments ({} given)", args.len()),
        ));
    }
    Ok(())
}

pub(super) fn dict_keys(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "keys")?;
    no_args(st, "dict.keys", args)?;
    st.dict_view(args.receiver(st), DictIter::Keys)
}

pub(super) fn dict_values(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "values")?;
    no_args(st, "dict.values", args)?;
    st.dict_view(args.receiver(st), DictIter::Values)
}

pub(super) fn dict_items(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "items")?;
    no_args(st, "dict.items", args)?;
    st.dict_view(args.receiver(st), DictIter::Items)
}

pub(super) fn dict_popitem(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "popitem")?;
    no_args(st, "dict.popitem", args)?;
    let d = args.receiver(st);
    let o = st.obj(d);
    let n = dict::len(o);
    if n == 0 {
        return Err(st.raise("KeyError", "popitem(): dictionary is empty".into()));
    }
    let (k, v) = {
        let (k, v) = dict::entries(o).get_index(n - 1).expect("non-empty");
        (k.key.get(), *v)
    };
    let a = st.alloc();
    let t = tuple::new(&a, &[a.heap_obj(k), a.heap_obj(v)])?.raw();
    dict::remove_index(st.obj(d), n - 1);
    Ok(t)
}

/// `dict.fromkeys(iterable, value=None)` (a class method: `self` is not used).
pub(super) fn dict_fromkeys(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "fromkeys() takes no keyword arguments".into()));
    }
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("fromkeys expected at least 1 argument, got {}", args.len()),
        ));
    }
    let mark = st.roots.stack.len();
    let d = dict::new(&st.alloc())?.raw();
    let di = st.push(d);
    let r = (|| {
        let (start, n) = st.pin_items(args.get(st, 0), "object is not iterable")?;
        for i in 0..n {
            let value = args.opt(st, 1).unwrap_or(st.b.none);
            st.dict_set(st.at(di), st.at(start + i), value)?;
        }
        Ok(st.at(di))
    })();
    st.truncate(mark);
    r
}

/// The int a method runs on, and the arguments after it.
fn int_self<'k>(st: &mut State, args: Args<'k>, name: &str) -> PyResult<(BigInt, Args<'k>)> {
    let args = receiver(st, args, "int", name)?;
    let o = st.obj(args.receiver(st));
    if o.kind() == st.b.kinds.bool_ {
        return Ok((BigInt::from(o.word(crate::objects::W_DATA)), args));
    }
    Ok((int::to_bigint(o), args))
}

pub(super) fn int_bit_length(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = int_self(st, args, "bit_length")?;
    no_args(st, "int.bit_length", args)?;
    Ok(int::new_i64(&st.alloc(), v.bits() as i64)?.raw())
}

/// `byteorder` and `signed` of `to_bytes`/`from_bytes`.
fn order_and_sign(
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

pub(super) fn int_to_bytes(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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
pub(super) fn int_from_bytes(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

/// The float a method runs on, and the arguments after it.
fn float_self<'k>(st: &mut State, args: Args<'k>, name: &str) -> PyResult<(f64, Args<'k>)> {
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

pub(super) fn float_is_integer(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (v, args) = float_self(st, args, "is_integer")?;
    no_args(st, "float.is_integer", args)?;
    Ok(st.bool_obj(v.is_finite() && v.fract() == 0.0))
}

pub(super) fn float_as_integer_ratio(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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
