//! `slice`: `[type, id, start, stop, step]`, three references to any objects (None where
//! the slice omits them), as CPython keeps them: `slice(1.5, 'a')` is a valid slice; only
//! using it as an index converts its parts.
//!
//! Also the index arithmetic every sequence shares: CPython's `PySlice_AdjustIndices` over
//! machine-sized indices, and the arbitrary-precision variant `range` uses.

pub(crate) mod methods;

use gc::ObjRef;
use num_bigint::BigInt;
use num_traits::{One, Signed, Zero};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

const W_START: usize = W_DATA;
const W_STOP: usize = W_DATA + 1;
const W_STEP: usize = W_DATA + 2;

pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    start: ObjRef<'_>,
    stop: ObjRef<'_>,
    step: ObjRef<'_>,
) -> PyResult<ObjRef<'h>> {
    let s = a.object(a.kinds().slice, a.b.slice_type, W_STEP + 1)?;
    // A fresh object in the moving space: no write barrier needed.
    s.set_word(W_START, start.addr() as u64);
    s.set_word(W_STOP, stop.addr() as u64);
    s.set_word(W_STEP, step.addr() as u64);
    Ok(s)
}

pub(crate) fn start(s: ObjRef<'_>) -> ObjRef<'_> {
    s.get_ref(W_START).expect("slices have a start")
}

pub(crate) fn stop(s: ObjRef<'_>) -> ObjRef<'_> {
    s.get_ref(W_STOP).expect("slices have a stop")
}

pub(crate) fn step(s: ObjRef<'_>) -> ObjRef<'_> {
    s.get_ref(W_STEP).expect("slices have a step")
}

/// The three parts, in order.
pub(crate) fn parts(s: ObjRef<'_>) -> [ObjRef<'_>; 3] {
    [start(s), stop(s), step(s)]
}

/// Resolved slice bounds over a sequence of known length: `start + i*step` for `i` in
/// `0..len` are the selected indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Bounds {
    pub(crate) start: isize,
    pub(crate) stop: isize,
    pub(crate) step: isize,
    /// How many items the slice selects.
    pub(crate) len: usize,
}

impl Bounds {
    /// The `i`-th selected index (`i < self.len`).
    #[inline]
    pub(crate) fn index(&self, i: usize) -> usize {
        (self.start + i as isize * self.step) as usize
    }

    /// Every selected index, in slice order.
    pub(crate) fn indices(self) -> impl Iterator<Item = usize> {
        (0..self.len).map(move |i| self.index(i))
    }
}

/// CPython's `PySlice_AdjustIndices`: clamps unpacked bounds (see `State::slice_unpack`)
/// to a sequence of `length` items and counts the selected items. `step` is never 0 here.
pub(crate) fn adjust(length: usize, start: isize, stop: isize, step: isize) -> Bounds {
    let n = length as isize;
    let clamp = |v: isize| -> isize {
        if v < 0 {
            let v = v + n;
            if v < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v
            }
        } else if v >= n {
            if step < 0 {
                n - 1
            } else {
                n
            }
        } else {
            v
        }
    };
    let (start, stop) = (clamp(start), clamp(stop));
    let len = if step < 0 {
        if stop < start {
            ((start - stop - 1) / -step + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    Bounds {
        start,
        stop,
        step,
        len,
    }
}

/// Arbitrary-precision slice bounds (CPython's `_PySlice_GetLongIndices`), for `range`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct BigBounds {
    pub(crate) start: BigInt,
    pub(crate) stop: BigInt,
    pub(crate) step: BigInt,
}

/// Clamps `start`/`stop` (None: omitted) to a sequence of `length` items for `step`
/// (non-zero), without any overflow.
pub(crate) fn adjust_big(
    length: &BigInt,
    start: Option<BigInt>,
    stop: Option<BigInt>,
    step: BigInt,
) -> BigBounds {
    let back = step.is_negative();
    let (lower, upper) = if back {
        (-BigInt::one(), length - BigInt::one())
    } else {
        (BigInt::zero(), length.clone())
    };
    let clamp = |v: BigInt| -> BigInt {
        if v.is_negative() {
            let v = v + length;
            if v < lower {
                lower.clone()
            } else {
                v
            }
        } else if v > upper {
            upper.clone()
        } else {
            v
        }
    };
    let start = match start {
        None if back => upper.clone(),
        None => lower.clone(),
        Some(v) => clamp(v),
    };
    let stop = match stop {
        None if back => lower.clone(),
        None => upper.clone(),
        Some(v) => clamp(v),
    };
    BigBounds { start, stop, step }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sel(length: usize, start: isize, stop: isize, step: isize) -> Vec<usize> {
        adjust(length, start, stop, step).indices().collect()
    }

    #[test]
    fn adjust_matches_python_slicing() {
        // list(range(5))[1:4], [::-1], [-2:], [10:], [::2], [4:1:-1], [-100:100]
        assert_eq!(sel(5, 1, 4, 1), vec![1, 2, 3]);
        assert_eq!(sel(5, isize::MAX, isize::MIN, -1), vec![4, 3, 2, 1, 0]);
        assert_eq!(sel(5, -2, isize::MAX, 1), vec![3, 4]);
        assert!(sel(5, 10, isize::MAX, 1).is_empty());
        assert_eq!(sel(5, 0, isize::MAX, 2), vec![0, 2, 4]);
        assert_eq!(sel(5, 4, 1, -1), vec![4, 3, 2]);
        assert_eq!(sel(5, -100, 100, 1), vec![0, 1, 2, 3, 4]);
        assert!(sel(0, isize::MAX, isize::MIN, -1).is_empty());
        let b = adjust(5, 3, 1, 1);
        assert_eq!((b.start, b.stop, b.len), (3, 1, 0));
    }

    #[test]
    fn adjust_big_matches_range_slicing() {
        // range(10)[::-1] -> range(9, -1, -1); range(10)[2:8:2] -> range(2, 8, 2)
        let b = adjust_big(&BigInt::from(10), None, None, BigInt::from(-1));
        assert_eq!((b.start, b.stop), (BigInt::from(9), BigInt::from(-1)));
        let b = adjust_big(
            &BigInt::from(10),
            Some(BigInt::from(2)),
            Some(BigInt::from(8)),
            BigInt::from(2),
        );
        assert_eq!((b.start, b.stop), (BigInt::from(2), BigInt::from(8)));
        let b = adjust_big(
            &BigInt::from(3),
            Some(BigInt::from(-100)),
            None,
            BigInt::one(),
        );
        assert_eq!(b.start, BigInt::zero());
    }
}
