//! `range`: `[type, id, start, stop, step]`, three `int` objects (exact ints: CPython keeps
//! the `__index__` results). The length is computed when asked; ranges whose bounds fit a
//! machine word (nearly all) take the fast path, the others use arbitrary precision, so
//! `range(2**100)` works as on CPython.

use gc::ObjRef;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::int::{self, IntValue};
use crate::objects::W_DATA;

const W_START: usize = W_DATA;
const W_STOP: usize = W_DATA + 1;
const W_STEP: usize = W_DATA + 2;

/// `start`, `stop`, `step` must be int objects, `step` non-zero.
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    start: ObjRef<'_>,
    stop: ObjRef<'_>,
    step: ObjRef<'_>,
) -> PyResult<ObjRef<'h>> {
    let r = a.object(a.kinds().range, a.b.range_type, W_STEP + 1)?;
    r.set_word(W_START, start.addr() as u64);
    r.set_word(W_STOP, stop.addr() as u64);
    r.set_word(W_STEP, step.addr() as u64);
    Ok(r)
}

/// A range from arbitrary-precision bounds (`step` non-zero).
pub(crate) fn from_big<'h>(
    a: &Alloc<'h>,
    start: &BigInt,
    stop: &BigInt,
    step: &BigInt,
) -> PyResult<ObjRef<'h>> {
    let (x, y, z) = (
        int::new_big(a, start)?,
        int::new_big(a, stop)?,
        int::new_big(a, step)?,
    );
    new(a, x, y, z)
}

pub(crate) fn start(r: ObjRef<'_>) -> ObjRef<'_> {
    r.get_ref(W_START).expect("ranges have a start")
}

pub(crate) fn stop(r: ObjRef<'_>) -> ObjRef<'_> {
    r.get_ref(W_STOP).expect("ranges have a stop")
}

pub(crate) fn step(r: ObjRef<'_>) -> ObjRef<'_> {
    r.get_ref(W_STEP).expect("ranges have a step")
}

/// The bounds when all three fit in 64 bits.
pub(crate) fn small(r: ObjRef<'_>) -> Option<(i64, i64, i64)> {
    match (
        int::value(start(r)),
        int::value(stop(r)),
        int::value(step(r)),
    ) {
        (IntValue::Small(a), IntValue::Small(b), IntValue::Small(c)) => Some((a, b, c)),
        _ => None,
    }
}

/// The bounds with arbitrary precision.
pub(crate) fn big(r: ObjRef<'_>) -> (BigInt, BigInt, BigInt) {
    (
        int::to_bigint(start(r)),
        int::to_bigint(stop(r)),
        int::to_bigint(step(r)),
    )
}

/// The number of items of `range(start, stop, step)` with 64-bit bounds (always fits u64).
pub(crate) fn len_small(start: i64, stop: i64, step: i64) -> u64 {
    let (lo, hi, st) = (start as i128, stop as i128, step as i128);
    let n = if st > 0 && lo < hi {
        (hi - lo - 1) / st + 1
    } else if st < 0 && lo > hi {
        (lo - hi - 1) / -st + 1
    } else {
        0
    };
    n as u64
}

pub(crate) fn len_big(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() && start < stop {
        (stop - start - BigInt::one()).div_floor(step) + BigInt::one()
    } else if step.is_negative() && start > stop {
        (start - stop - BigInt::one()).div_floor(&-step) + BigInt::one()
    } else {
        BigInt::zero()
    }
}

/// `len(r)` with arbitrary precision.
pub(crate) fn length(r: ObjRef<'_>) -> BigInt {
    match small(r) {
        Some((a, b, c)) => BigInt::from(len_small(a, b, c)),
        None => {
            let (a, b, c) = big(r);
            len_big(&a, &b, &c)
        }
    }
}

/// `len(r)` when it fits 64 bits (used by iterators, which never get further anyway).
pub(crate) fn length_u64(r: ObjRef<'_>) -> u64 {
    match small(r) {
        Some((a, b, c)) => len_small(a, b, c),
        None => length(r).to_u64().unwrap_or(u64::MAX),
    }
}

/// Item `i` (`0 <= i < len`), as an arbitrary-precision value or a machine word.
pub(crate) fn item(r: ObjRef<'_>, i: u64) -> IntValue {
    if let Some((a, _, c)) = small(r) {
        let v = a as i128 + i as i128 * c as i128;
        if let Ok(v) = i64::try_from(v) {
            return IntValue::Small(v);
        }
        return IntValue::Big(BigInt::from(v));
    }
    let (a, _, c) = big(r);
    IntValue::Big(a + BigInt::from(i) * c)
}

/// Is the integer `v` one of the range's items?
pub(crate) fn contains_int(r: ObjRef<'_>, v: &BigInt) -> bool {
    let (a, b, c) = big(r);
    let inside = if c.is_positive() {
        &a <= v && v < &b
    } else {
        &b < v && v <= &a
    };
    inside && (v - &a).mod_floor(&c).is_zero()
}

/// CPython's `range.__eq__`: equal as sequences.
pub(crate) fn equal(x: ObjRef<'_>, y: ObjRef<'_>) -> bool {
    if x == y {
        return true;
    }
    let (lx, ly) = (length(x), length(y));
    if lx != ly {
        return false;
    }
    if lx.is_zero() {
        return true;
    }
    if int::to_bigint(start(x)) != int::to_bigint(start(y)) {
        return false;
    }
    lx.is_one() || int::to_bigint(step(x)) == int::to_bigint(step(y))
}
