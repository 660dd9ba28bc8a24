//! The `cmath` module: complex square root, exponential and logarithms, the trigonometric
//! and hyperbolic functions and their inverses, polar coordinates, classification and
//! `isclose`, and the constants. Every function is the one native [`cmath_call`] bound to
//! the function's name, which it dispatches on.
//!
//! The formulas are the numerically careful ones of W. Kahan, "Branch Cuts for Complex
//! Elementary Functions" (1987), which CPython also follows: the branch cuts lie on the
//! axes, a signed zero on a cut says which side it is on (`sqrt(complex(-1, -0.0))` is
//! `-1j`), and intermediate results are scaled so that large or tiny parts neither
//! overflow nor lose their precision. Errors as CPython's: "math domain error"
//! (ValueError) for a pole or a point outside the domain, "math range error"
//! (OverflowError) for a result too large from finite parts. Arguments with infinite or
//! NaN parts go through the same formulas, where CPython looks up C99's table of special
//! values: there results can differ (README, "Known differences").

use gc::RawRef;

use crate::error::{PyResult, Raised};
use crate::objects::args::Args;
use crate::objects::{complex, float, str as pystr, tuple};
use crate::protocols::number::complex::{quot, C};
use crate::state::State;

/// A complex function of one argument.
type ComplexFn = fn(C) -> Result<C, MathErr>;

/// Why a function has no result.
#[derive(Debug, PartialEq, Eq)]
enum MathErr {
    /// A pole or a point outside the domain (C's `EDOM`).
    Domain,
}

const UNARY: &[(&str, ComplexFn)] = &[
    ("sqrt", |z| Ok(sqrt(z))),
    ("exp", |z| Ok(exp(z))),
    ("log10", log10),
    ("sin", |z| Ok(sin(z))),
    ("cos", |z| Ok(cos(z))),
    ("tan", |z| Ok(tan(z))),
    ("asin", |z| Ok(asin(z))),
    ("acos", |z| Ok(acos(z))),
    ("atan", atan),
    ("sinh", |z| Ok(sinh(z))),
    ("cosh", |z| Ok(cosh(z))),
    ("tanh", |z| Ok(tanh(z))),
    ("asinh", |z| Ok(asinh(z))),
    ("acosh", |z| Ok(acosh(z))),
    ("atanh", atanh),
];

const OTHERS: &[&str] = &[
    "log", "phase", "polar", "rect", "isfinite", "isinf", "isnan", "isclose",
];

/// `ln(f64::MAX)`: beyond it `exp` overflows.
const LOG_LARGE: f64 = 709.782712893384;
/// A quarter of the largest double: `hypot` of halves of parts below it cannot overflow.
const LARGE: f64 = f64::MAX / 4.0;
/// Its square root: products of two parts below it cannot overflow.
const SQRT_LARGE: f64 = 6.703903964971298e153;
/// The square root of the smallest normal double.
const SQRT_MIN: f64 = 1.4916681462400413e-154;
/// `2**53`: how tiny parts are scaled into the normal range.
const SCALE_UP: f64 = 9007199254740992.0;
/// `2**-27`: undoes that scaling under a square root (with the halving of `sqrt`).
const HALF_SCALE_DOWN: f64 = 1.0 / 134217728.0;

fn neg(z: C) -> C {
    (-z.0, -z.1)
}

/// `i*z`
fn times_i(z: C) -> C {
    (-z.1, z.0)
}

/// `-i*z`
fn times_minus_i(z: C) -> C {
    (z.1, -z.0)
}

/// `log(hypot(x, y))` for parts so large that `hypot` itself would overflow.
fn log_hypot_large(x: f64, y: f64) -> f64 {
    (x / 2.0).hypot(y / 2.0).ln() + std::f64::consts::LN_2
}

/// `log(2 * hypot(x, y))`, the same way (the large-argument form of the inverse
/// functions).
fn log_double_hypot_large(x: f64, y: f64) -> f64 {
    (x / 2.0).hypot(y / 2.0).ln() + 2.0 * std::f64::consts::LN_2
}

fn sqrt(z: C) -> C {
    let (x, y) = z;
    if x == 0.0 && y == 0.0 {
        return (0.0, y);
    }
    let (ax, ay) = (x.abs(), y.abs());
    // s = sqrt((|x| + |z|) / 2), computed on scaled parts.
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // sqrt(2**53 * (|x| + |z|)) * 2**-27 = s, with exact scalings.
        let (sx, sy) = (ax * SCALE_UP, ay * SCALE_UP);
        (sx + sx.hypot(sy)).sqrt() * HALF_SCALE_DOWN
    } else {
        let q = ax / 8.0;
        2.0 * (q + q.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    if x >= 0.0 {
        (s, d.copysign(y))
    } else {
        (d, s.copysign(y))
    }
}

fn exp(z: C) -> C {
    let (x, y) = z;
    if y == 0.0 {
        // Real arguments keep their imaginary zero's sign, also for infinite `x`.
        return (x.exp(), y);
    }
    if x > LOG_LARGE {
        // exp(x) alone would overflow where the products with cos and sin need not.
        let m = (x - 1.0).exp();
        return (
            m * y.cos() * std::f64::consts::E,
            m * y.sin() * std::f64::consts::E,
        );
    }
    let l = x.exp();
    (l * y.cos(), l * y.sin())
}

fn log(z: C) -> Result<C, MathErr> {
    match log_at_pole(z) {
        (w, false) => Ok(w),
        (_, true) => Err(MathErr::Domain),
    }
}

/// `log(z)`, and whether `z` is the pole 0 (where the value is `-inf` with the angle).
fn log_at_pole(z: C) -> (C, bool) {
    let (x, y) = z;
    let (ax, ay) = (x.abs(), y.abs());
    let re = if ax > LARGE || ay > LARGE {
        log_hypot_large(ax, ay)
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax == 0.0 && ay == 0.0 {
            return ((f64::NEG_INFINITY, y.atan2(x)), true);
        }
        (ax * SCALE_UP).hypot(ay * SCALE_UP).ln() - 53.0 * std::f64::consts::LN_2
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            // Near the unit circle: log1p keeps the digits that ln(h) would cancel.
            let (big, small) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((big - 1.0) * (big + 1.0) + small * small).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    ((re, y.atan2(x)), false)
}

fn log10(z: C) -> Result<C, MathErr> {
    let (re, im) = log(z)?;
    let ln10 = std::f64::consts::LN_10;
    Ok((re / ln10, im / ln10))
}

fn sinh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > LOG_LARGE {
        let xm1 = x - 1.0f64.copysign(x);
        return (
            y.cos() * xm1.sinh() * std::f64::consts::E,
            y.sin() * xm1.cosh() * std::f64::consts::E,
        );
    }
    if y == 0.0 {
        return (x.sinh(), y);
    }
    (y.cos() * x.sinh(), y.sin() * x.cosh())
}

fn cosh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > LOG_LARGE {
        let xm1 = x - 1.0f64.copysign(x);
        return (
            y.cos() * xm1.cosh() * std::f64::consts::E,
            y.sin() * xm1.sinh() * std::f64::consts::E,
        );
    }
    (y.cos() * x.cosh(), y.sin() * x.sinh())
}

fn tanh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > LOG_LARGE {
        return (
            1.0f64.copysign(x),
            4.0 * y.sin() * y.cos() * (-2.0 * x.abs()).exp(),
        );
    }
    // Kahan's form: no cancellation, no overflow of cosh for moderate x.
    let (tx, ty) = (x.tanh(), y.tan());
    let cx = 1.0 / x.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    (tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

fn sin(z: C) -> C {
    times_minus_i(sinh(times_i(z)))
}

fn cos(z: C) -> C {
    cosh(times_i(z))
}

fn tan(z: C) -> C {
    times_minus_i(tanh(times_i(z)))
}

fn asinh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > SQRT_LARGE || y.abs() > SQRT_LARGE {
        let l = log_double_hypot_large(x, y);
        let re = if y >= 0.0 {
            l.copysign(x)
        } else {
            -l.copysign(-x)
        };
        return (re, y.atan2(x.abs()));
    }
    let s1 = sqrt((1.0 + y, -x));
    let s2 = sqrt((1.0 - y, x));
    (
        (s1.0 * s2.1 - s2.0 * s1.1).asinh(),
        y.atan2(s1.0 * s2.0 - s1.1 * s2.1),
    )
}

fn asin(z: C) -> C {
    times_minus_i(asinh(times_i(z)))
}

fn acos(z: C) -> C {
    let (x, y) = z;
    if x.abs() > LARGE || y.abs() > LARGE {
        let l = log_double_hypot_large(x, y);
        let im = if x < 0.0 {
            -l.copysign(y)
        } else {
            l.copysign(-y)
        };
        return (y.abs().atan2(x), im);
    }
    let s1 = sqrt((1.0 - x, -y));
    let s2 = sqrt((1.0 + x, y));
    (2.0 * s1.0.atan2(s2.0), (s2.0 * s1.1 - s2.1 * s1.0).asinh())
}

fn acosh(z: C) -> C {
    let (x, y) = z;
    if x.abs() > LARGE || y.abs() > LARGE {
        return (log_double_hypot_large(x, y), y.atan2(x));
    }
    let s1 = sqrt((x - 1.0, y));
    let s2 = sqrt((x + 1.0, y));
    ((s1.0 * s2.0 + s1.1 * s2.1).asinh(), 2.0 * s1.1.atan2(s2.0))
}

fn atanh(z: C) -> Result<C, MathErr> {
    let (x, y) = z;
    if x < 0.0 {
        // atanh is odd: work with a non-negative real part.
        return atanh(neg(z)).map(neg);
    }
    let ay = y.abs();
    let half_pi = std::f64::consts::FRAC_PI_2;
    if x > SQRT_LARGE || ay > SQRT_LARGE {
        let h = (x / 2.0).hypot(y / 2.0);
        return Ok((x / 4.0 / h / h, -half_pi.copysign(-y)));
    }
    if x == 1.0 && ay < SQRT_MIN {
        if ay == 0.0 {
            return Err(MathErr::Domain);
        }
        return Ok((
            -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
            (2.0f64.atan2(-ay) / 2.0).copysign(y),
        ));
    }
    let one_minus = 1.0 - x;
    Ok((
        (4.0 * x / (one_minus * one_minus + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * y).atan2(one_minus * (1.0 + x) - ay * ay) / 2.0,
    ))
}

fn atan(z: C) -> Result<C, MathErr> {
    atanh(times_i(z)).map(times_minus_i)
}

/// `rect(r, phi)`: `r * (cos(phi) + i*sin(phi))`.
fn rect(r: f64, phi: f64) -> Result<C, MathErr> {
    if r != 0.0 && !r.is_nan() && phi.is_infinite() {
        return Err(MathErr::Domain);
    }
    if r == 0.0 && !phi.is_finite() {
        // C99's special values: a zero modulus with no defined angle is 0.
        return Ok((0.0, 0.0));
    }
    if r.is_infinite() && phi.is_finite() && phi != 0.0 {
        let inf = f64::INFINITY;
        return Ok((inf.copysign(phi.cos() * r), inf.copysign(phi.sin() * r)));
    }
    if phi == 0.0 {
        return Ok((r, r * phi));
    }
    Ok((r * phi.cos(), r * phi.sin()))
}

fn domain_error(st: &mut State) -> Raised {
    st.raise("ValueError", "math domain error".into())
}

fn range_error(st: &mut State) -> Raised {
    st.raise("OverflowError", "math range error".into())
}

/// A function's result from finite parts: an infinite part is an overflow.
fn checked(st: &mut State, z: C, r: Result<C, MathErr>) -> PyResult<C> {
    match r {
        Err(MathErr::Domain) => Err(domain_error(st)),
        Ok(w) if z.0.is_finite() && z.1.is_finite() && (w.0.is_infinite() || w.1.is_infinite()) => {
            Err(range_error(st))
        }
        Ok(w) => Ok(w),
    }
}

fn new_complex(st: &mut State, c: C) -> PyResult<RawRef> {
    Ok(complex::new(&st.alloc(), c.0, c.1)?.raw())
}

fn new_float(st: &mut State, v: f64) -> PyResult<RawRef> {
    Ok(float::new(&st.alloc(), v)?.raw())
}

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let names: Vec<&str> = UNARY
        .iter()
        .map(|(n, _)| *n)
        .chain(OTHERS.iter().copied())
        .collect();
    let mi = crate::interp::natives::dispatch_module(st, "cmath", &names, index)?;
    super::math::set_float_constants(st, mi)?;
    for (name, im) in [("infj", f64::INFINITY), ("nanj", f64::NAN)] {
        let c = new_complex(st, (0.0, im))?;
        st.setattr(st.at(mi), name, c)?;
    }
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// CPython's messages for a function of `n` positional arguments.
fn arity(st: &mut State, name: &str, args: Args<'_>, n: usize) -> PyResult<()> {
    if args.len() == n {
        return Ok(());
    }
    let msg = if n == 1 {
        format!(
            "cmath.{name}() takes exactly one argument ({} given)",
            args.len()
        )
    } else {
        format!("{name} expected {n} arguments, got {}", args.len())
    };
    Err(st.raise("TypeError", msg))
}

/// The real argument `i` (`float()`'s conversions, "must be real number" otherwise).
fn real_arg(st: &mut State, args: Args<'_>, i: usize) -> PyResult<f64> {
    let x = args.get(st, i);
    if st.complex_of(x).is_some() {
        let t = st.type_name(x);
        return Err(st.raise("TypeError", format!("must be real number, not {t}")));
    }
    let (re, _) = st.as_c_complex(x)?;
    Ok(re)
}

pub(crate) fn cmath_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = pystr::as_str(st.obj(args.receiver(st))).to_string();
    if args.kw_len() != 0 && name != "isclose" {
        return Err(st.raise(
            "TypeError",
            format!("cmath.{name}() takes no keyword arguments"),
        ));
    }
    if let Some((_, f)) = UNARY.iter().find(|(n, _)| *n == name) {
        arity(st, &name, args, 1)?;
        let z = st.as_c_complex(args.get(st, 0))?;
        let w = checked(st, z, f(z))?;
        return new_complex(st, w);
    }
    match name.as_str() {
        "log" => {
            if args.is_empty() || args.len() > 2 {
                let (bound, k) = if args.is_empty() {
                    ("least", 1)
                } else {
                    ("most", 2)
                };
                return Err(st.raise(
                    "TypeError",
                    format!(
                        "log expected at {bound} {k} argument{}, got {}",
                        if k == 1 { "" } else { "s" },
                        args.len()
                    ),
                ));
            }
            let z = st.as_c_complex(args.get(st, 0))?;
            if args.len() == 1 {
                let w = checked(st, z, log(z))?;
                return new_complex(st, w);
            }
            let b = st.as_c_complex(args.get(st, 1))?;
            // As CPython: only the base's logarithm and the division report errors
            // (`log(0, 2)` is `-inf+nanj`).
            let (w, _) = log_at_pole(z);
            let lb = checked(st, b, log(b))?;
            match quot(w, lb) {
                Ok(q) => new_complex(st, q),
                Err(_) => Err(domain_error(st)),
            }
        }
        "phase" => {
            arity(st, &name, args, 1)?;
            let (x, y) = st.as_c_complex(args.get(st, 0))?;
            new_float(st, y.atan2(x))
        }
        "polar" => {
            arity(st, &name, args, 1)?;
            let (x, y) = st.as_c_complex(args.get(st, 0))?;
            let r = x.hypot(y);
            if r.is_infinite() && x.is_finite() && y.is_finite() {
                return Err(range_error(st));
            }
            let a = st.alloc();
            let (r, phi) = (float::new(&a, r)?, float::new(&a, y.atan2(x))?);
            Ok(tuple::new(&a, &[r, phi])?.raw())
        }
        "rect" => {
            arity(st, &name, args, 2)?;
            let r = real_arg(st, args, 0)?;
            let phi = real_arg(st, args, 1)?;
            match rect(r, phi) {
                Ok(w) => new_complex(st, w),
                Err(_) => Err(domain_error(st)),
            }
        }
        "isfinite" | "isinf" | "isnan" => {
            arity(st, &name, args, 1)?;
            let (x, y) = st.as_c_complex(args.get(st, 0))?;
            let b = match name.as_str() {
                "isfinite" => x.is_finite() && y.is_finite(),
                "isinf" => x.is_infinite() || y.is_infinite(),
                _ => x.is_nan() || y.is_nan(),
            };
            Ok(st.bool_obj(b))
        }
        "isclose" => {
            if args.len() != 2 {
                return Err(st.raise(
                    "TypeError",
                    format!(
                        "isclose() takes exactly 2 positional arguments ({} given)",
                        args.len()
                    ),
                ));
            }
            let (mut rel, mut abs) = (1e-9, 0.0);
            for i in 0..args.kw_len() {
                let k = args.kw_name(i).to_string();
                if k != "rel_tol" && k != "abs_tol" {
                    return Err(st.raise(
                        "TypeError",
                        format!("'{k}' is an invalid keyword argument for isclose()"),
                    ));
                }
                let v = args.kw(st, i);
                let f = st.to_float(v)?;
                let f = float::value(st.obj(f));
                if k == "rel_tol" {
                    rel = f;
                } else {
                    abs = f;
                }
            }
            let a = st.as_c_complex(args.get(st, 0))?;
            let b = st.as_c_complex(args.get(st, 1))?;
            if rel < 0.0 || abs < 0.0 {
                return Err(st.raise("ValueError", "tolerances must be non-negative".into()));
            }
            let close = if a == b {
                true
            } else if [a.0, a.1, b.0, b.1].iter().any(|v| v.is_infinite()) {
                false
            } else {
                let diff = (a.0 - b.0).hypot(a.1 - b.1);
                diff <= rel * b.0.hypot(b.1) || diff <= rel * a.0.hypot(a.1) || diff <= abs
            };
            Ok(st.bool_obj(close))
        }
        _ => Err(st.raise(
            "AttributeError",
            format!("module 'cmath' has no attribute '{name}'"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_cuts_follow_the_sign_of_zero() {
        assert_eq!(sqrt((-1.0, 0.0)), (0.0, 1.0));
        assert_eq!(sqrt((-1.0, -0.0)), (0.0, -1.0));
        assert_eq!(sqrt((4.0, 0.0)), (2.0, 0.0));
        assert_eq!(log((1.0, 0.0)), Ok((0.0, 0.0)));
        assert_eq!(log((0.0, 0.0)), Err(MathErr::Domain));
        let (re, im) = log((-1.0, -0.0)).unwrap();
        assert_eq!((re, im), (0.0, -std::f64::consts::PI));
        assert_eq!(atanh((1.0, 0.0)), Err(MathErr::Domain));
        assert_eq!(atan((0.0, 1.0)), Err(MathErr::Domain));
        let (re, im) = asin((2.0, 0.0));
        assert_eq!(re, std::f64::consts::FRAC_PI_2);
        assert!(im > 1.31 && im < 1.32);
        let (_, im) = asin((2.0, -0.0));
        assert!(im < -1.31);
    }

    #[test]
    fn tiny_parts_do_not_underflow() {
        let (re, im) = sqrt((5e-324, 0.0));
        assert!(re > 2.2e-162 && re < 2.3e-162 && im == 0.0);
        let (re, _) = log((5e-324, 0.0)).unwrap();
        assert!((re - -744.4400719213812).abs() < 1e-9);
    }
}
