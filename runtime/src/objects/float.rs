//! `float`: `[type, id, f64 bits]`.

pub(crate) mod methods;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

pub(crate) fn new<'h>(a: &Alloc<'h>, v: f64) -> PyResult<ObjRef<'h>> {
    let o = a.object(a.kinds().float, a.b.float_type, W_DATA + 1)?;
    o.set_word(W_DATA, v.to_bits());
    Ok(o)
}

pub(crate) fn value(o: ObjRef<'_>) -> f64 {
    f64::from_bits(o.word(W_DATA))
}

/// `repr(float)` as CPython prints it: shortest round-trip digits, `.0` for integral
/// values, exponent form outside 1e-4 ≤ |v| < 1e16.
pub(crate) fn repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    if v.is_infinite() {
        return if v > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let a = v.abs();
    if a != 0.0 && !(1e-4..1e16).contains(&a) {
        // Rust prints "1e16"; CPython prints "1e+16".
        let s = format!("{v:e}");
        let (m, e) = s.split_once('e').expect("exponent form");
        let e: i32 = e.parse().expect("exponent");
        return format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs());
    }
    let s = format!("{v}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}
