//! The number slots of `complex` with CPython 3.11's results and messages: `+ - * / **`
//! with int, bool, float and complex on either side (the real operand becomes a complex
//! with a zero imaginary part, as 3.11 converts it), unary `- + abs`; `//`, `%`,
//! `divmod` and the bitwise operators are not complex's, so they end in
//! "unsupported operand type(s)".

use gc::RawRef;
use num_traits::ToPrimitive;

use super::{BinOp, Num, UnaryOp};
use crate::error::PyResult;
use crate::objects::{complex, type_of};
use crate::state::State;

/// A complex value: `(real, imag)`.
pub(crate) type C = (f64, f64);

/// Why a complex operation has no result.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum CErr {
    /// A zero divisor (C's `EDOM` in CPython's complex arithmetic).
    Domain,
}

pub(crate) fn mul(a: C, b: C) -> C {
    (a.0 * b.0 - a.1 * b.1, a.0 * b.1 + a.1 * b.0)
}

/// `a / b` by Smith's method: divide through by the larger part of `b`, which keeps
/// the intermediate products from overflowing for large or small divisors.
pub(crate) fn quot(a: C, b: C) -> Result<C, CErr> {
    let (br, bi) = (b.0.abs(), b.1.abs());
    if br >= bi {
        if br == 0.0 {
            return Err(CErr::Domain);
        }
        let ratio = b.1 / b.0;
        let denom = b.0 + b.1 * ratio;
        Ok(((a.0 + a.1 * ratio) / denom, (a.1 - a.0 * ratio) / denom))
    } else if bi >= br {
        let ratio = b.0 / b.1;
        let denom = b.0 * ratio + b.1;
        Ok(((a.0 * ratio + a.1) / denom, (a.1 * ratio - a.0) / denom))
    } else {
        // A NaN part: neither comparison held.
        Ok((f64::NAN, f64::NAN))
    }
}

/// `a ** b` through the polar form.
fn pow_polar(a: C, b: C) -> Result<C, CErr> {
    if b == (0.0, 0.0) {
        return Ok((1.0, 0.0));
    }
    if a == (0.0, 0.0) {
        if b.1 != 0.0 || b.0 < 0.0 {
            return Err(CErr::Domain);
        }
        return Ok((0.0, 0.0));
    }
    let vabs = a.0.hypot(a.1);
    let mut len = vabs.powf(b.0);
    let at = a.1.atan2(a.0);
    let mut phase = at * b.0;
    if b.1 != 0.0 {
        len /= (at * b.1).exp();
        phase += b.1 * vabs.ln();
    }
    Ok((len * phase.cos(), len * phase.sin()))
}

/// `a ** n` for `n >= 0` by repeated squaring.
fn pow_unsigned(a: C, n: u32) -> C {
    let (mut r, mut p) = ((1.0, 0.0), a);
    let mut rest = n;
    while rest > 0 {
        if rest & 1 == 1 {
            r = mul(r, p);
        }
        rest >>= 1;
        if rest > 0 {
            p = mul(p, p);
        }
    }
    r
}

/// `a ** b` as CPython 3.11 computes it: an integral real exponent up to 100 in
/// magnitude by repeated multiplication (exact for Gaussian integers), any other by the
/// polar form.
pub(crate) fn pow(a: C, b: C) -> Result<C, CErr> {
    if b.1 == 0.0 && b.0 == b.0.floor() && b.0.abs() <= 100.0 {
        let n = b.0 as i32;
        return if n >= 0 {
            Ok(pow_unsigned(a, n as u32))
        } else {
            quot((1.0, 0.0), pow_unsigned(a, n.unsigned_abs()))
        };
    }
    pow_polar(a, b)
}

impl State {
    /// The value of a complex (or subclass) object.
    pub(crate) fn complex_of(&self, r: RawRef) -> Option<C> {
        let o = self.obj(r);
        (o.kind() == self.b.kinds.complex).then(|| complex::value(o))
    }

    /// An operand of complex's slots as a complex: int, bool, float or complex.
    /// `Ok(None)` for anything else (NotImplemented).
    pub(crate) fn as_complex_operand(&mut self, r: RawRef) -> PyResult<Option<C>> {
        if let Some(c) = self.complex_of(r) {
            return Ok(Some(c));
        }
        match self.num_of(r) {
            Some(Num::Float(f)) => Ok(Some((f, 0.0))),
            Some(Num::Int(v)) => match v.to_f64().filter(|f| f.is_finite()) {
                Some(f) => Ok(Some((f, 0.0))),
                None => {
                    Err(self.raise("OverflowError", "int too large to convert to float".into()))
                }
            },
            None => Ok(None),
        }
    }

    pub(crate) fn new_complex(&mut self, c: C) -> PyResult<RawRef> {
        Ok(complex::new(&self.alloc(), c.0, c.1)?.raw())
    }

    /// complex's binary slots when either operand is a complex: `None` when neither is
    /// (the other numbers' slots decide), `Some(Ok(None))` for NotImplemented.
    pub(crate) fn complex_binary(
        &mut self,
        op: BinOp,
        a: RawRef,
        b: RawRef,
    ) -> Option<PyResult<Option<RawRef>>> {
        let (ca, cb) = (self.complex_of(a).is_some(), self.complex_of(b).is_some());
        if !ca && !cb {
            return None;
        }
        // The other operand is no number: its own slots decide (`"%s" % 1j`).
        let other = if ca { b } else { a };
        if self.complex_of(other).is_none() && self.num_of(other).is_none() {
            return None;
        }
        Some(self.complex_binary_values(op, a, b))
    }

    fn complex_binary_values(
        &mut self,
        op: BinOp,
        a: RawRef,
        b: RawRef,
    ) -> PyResult<Option<RawRef>> {
        if !matches!(
            op,
            BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::Pow
        ) {
            return Ok(None);
        }
        let Some(x) = self.as_complex_operand(a)? else {
            return Ok(None);
        };
        let Some(y) = self.as_complex_operand(b)? else {
            return Ok(None);
        };
        let r = match op {
            BinOp::Add => (x.0 + y.0, x.1 + y.1),
            BinOp::Sub => (x.0 - y.0, x.1 - y.1),
            BinOp::Mul => mul(x, y),
            BinOp::TrueDiv => match quot(x, y) {
                Ok(r) => r,
                Err(CErr::Domain) => {
                    return Err(self.raise("ZeroDivisionError", "complex division by zero".into()))
                }
            },
            _ => self.complex_pow(x, y)?,
        };
        self.new_complex(r).map(Some)
    }

    /// `x ** y` with CPython's errors: a zero base to a negative or complex power, and an
    /// infinite part in the result ("complex exponentiation" overflow).
    pub(crate) fn complex_pow(&mut self, x: C, y: C) -> PyResult<C> {
        match pow(x, y) {
            Ok(r) if r.0.is_infinite() || r.1.is_infinite() => {
                Err(self.raise("OverflowError", "complex exponentiation".into()))
            }
            Ok(r) => Ok(r),
            Err(CErr::Domain) => Err(self.raise(
                "ZeroDivisionError",
                "0.0 to a negative or complex power".into(),
            )),
        }
    }

    /// complex's unary slots (`~` is not one of them): `None` when `a` is no complex.
    pub(crate) fn complex_unary(&mut self, op: UnaryOp, a: RawRef) -> Option<PyResult<RawRef>> {
        let (re, im) = self.complex_of(a)?;
        Some(match op {
            UnaryOp::Neg => self.new_complex((-re, -im)),
            UnaryOp::Pos if type_of(self.obj(a)).raw() == self.b.complex_type => Ok(a),
            UnaryOp::Pos => self.new_complex((re, im)),
            UnaryOp::Abs => self
                .complex_abs((re, im))
                .and_then(|v| Ok(crate::objects::float::new(&self.alloc(), v)?.raw())),
            UnaryOp::Invert => {
                let t = self.type_name(a);
                Err(self.raise("TypeError", format!("bad operand type for unary ~: '{t}'")))
            }
        })
    }

    /// `abs(c)`: the hypotenuse; infinite from finite parts is an overflow.
    pub(crate) fn complex_abs(&mut self, c: C) -> PyResult<f64> {
        let v = c.0.hypot(c.1);
        if v.is_infinite() && c.0.is_finite() && c.1.is_finite() {
            return Err(self.raise("OverflowError", "absolute value too large".into()));
        }
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_and_powers() {
        assert_eq!(quot((1.0, 2.0), (3.0, -4.0)), Ok((-0.2, 0.4)));
        assert_eq!(quot((1.0, 0.0), (1.0, 1.0)), Ok((0.5, -0.5)));
        assert_eq!(quot((1.0, 0.0), (0.0, 0.0)), Err(CErr::Domain));
        assert_eq!(pow((1.0, 2.0), (3.0, 0.0)), Ok((-11.0, -2.0)));
        assert_eq!(pow((0.0, 1.0), (2.0, 0.0)), Ok((-1.0, 0.0)));
        assert_eq!(pow((0.0, 0.0), (-1.0, 0.0)), Err(CErr::Domain));
        assert_eq!(pow((0.0, 0.0), (0.0, 1.0)), Err(CErr::Domain));
        assert_eq!(pow((5.0, 5.0), (0.0, 0.0)), Ok((1.0, 0.0)));
        let (re, im) = pow((1e200, 1e200), (2.0, 0.0)).unwrap();
        assert!(re.is_nan() && im.is_nan());
    }
}
