//! `int`: `[type, id, n, ...]`. `n == 0`: a machine-sized value in the next word.
//! Otherwise `|n|` little-endian 64-bit limbs follow and the sign of `n` is the sign.
//! Digits are stored inline, so a dead int owns nothing outside the heap.

pub(crate) mod methods;

use gc::ObjRef;
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

pub(crate) enum IntValue {
    Small(i64),
    Big(BigInt),
}

/// The int `v`: the preallocated one for a small value in normal mode (never modify
/// it: retyping needs [`new_fresh`]).
#[inline(always)]
pub(crate) fn new_i64<'h>(a: &Alloc<'h>, v: i64) -> PyResult<ObjRef<'h>> {
    if let Some(r) = a.b.small_int(v) {
        return Ok(a.builtin(r));
    }
    new_i64_fresh(a, v)
}

#[inline]
fn new_i64_fresh<'h>(a: &Alloc<'h>, v: i64) -> PyResult<ObjRef<'h>> {
    // [type, id (none yet), n = 0 (machine-sized), value]
    const _: () = assert!(W_DATA == 2);
    a.object_words(a.kinds().int, [a.b.int_type.addr() as u64, 0, 0, v as u64])
}

pub(crate) fn new_big<'h>(a: &Alloc<'h>, v: &BigInt) -> PyResult<ObjRef<'h>> {
    match v.to_i64() {
        Some(s) => new_i64(a, s),
        None => new_fresh(a, v),
    }
}

/// A new int object of value `v`, never a shared one: for an instance of an int subclass
/// (or an extension type shaped as int), whose type word the caller then sets.
pub(crate) fn new_fresh<'h>(a: &Alloc<'h>, v: &BigInt) -> PyResult<ObjRef<'h>> {
    if let Some(s) = v.to_i64() {
        return new_i64_fresh(a, s);
    }
    let (sign, limbs) = v.to_u64_digits();
    let o = a.object(a.kinds().int, a.b.int_type, W_DATA + 1 + limbs.len())?;
    let n = limbs.len() as i64;
    o.set_word(W_DATA, if sign == Sign::Minus { -n } else { n } as u64);
    for (i, l) in limbs.iter().enumerate() {
        o.set_word(W_DATA + 1 + i, *l);
    }
    Ok(o)
}

pub(crate) fn new_u64<'h>(a: &Alloc<'h>, v: u64) -> PyResult<ObjRef<'h>> {
    match i64::try_from(v) {
        Ok(s) => new_i64(a, s),
        Err(_) => new_big(a, &BigInt::from(v)),
    }
}

/// [`small`] for an object known to have the int layout (its type is exactly `int`):
/// both words after one bounds check.
#[inline(always)]
pub(crate) fn small_exact(o: ObjRef<'_>) -> Option<i64> {
    let w = o.words::<{ W_DATA + 2 }>();
    (w[W_DATA] == 0).then_some(w[W_DATA + 1] as i64)
}

/// The value of a machine-sized int, without building an `IntValue` (`None` for a big
/// one). `o` must be an int.
#[inline]
pub(crate) fn small(o: ObjRef<'_>) -> Option<i64> {
    (o.word(W_DATA) == 0).then(|| o.word(W_DATA + 1) as i64)
}

#[inline]
pub(crate) fn value(o: ObjRef<'_>) -> IntValue {
    let n = o.word(W_DATA) as i64;
    if n == 0 {
        return IntValue::Small(o.word(W_DATA + 1) as i64);
    }
    IntValue::Big(big_value(o, n))
}

#[cold]
fn big_value(o: ObjRef<'_>, n: i64) -> BigInt {
    let limbs: Vec<u64> = (0..n.unsigned_abs() as usize)
        .map(|i| o.word(W_DATA + 1 + i))
        .collect();
    let sign = if n < 0 { Sign::Minus } else { Sign::Plus };
    BigInt::from_slice(
        sign,
        &limbs
            .iter()
            .flat_map(|l| [*l as u32, (*l >> 32) as u32])
            .collect::<Vec<u32>>(),
    )
}

pub(crate) fn to_bigint(o: ObjRef<'_>) -> BigInt {
    match value(o) {
        IntValue::Small(v) => BigInt::from(v),
        IntValue::Big(b) => b,
    }
}

/// CPython's hash of an integer: the value modulo 2**61 - 1, with -1 mapped to -2.
pub(crate) fn hash(o: ObjRef<'_>) -> i64 {
    const M: i128 = (1 << 61) - 1;
    let h = match value(o) {
        IntValue::Small(v) => {
            let r = (v as i128).abs() % M;
            if v < 0 {
                -r
            } else {
                r
            }
        }
        IntValue::Big(b) => {
            let m = BigInt::from(M);
            let r = (num_integer::Integer::mod_floor(&b.magnitude().clone().into(), &m))
                .to_i128()
                .unwrap_or(0);
            if b.sign() == Sign::Minus {
                -r
            } else {
                r
            }
        }
    } as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}
