//! The `math` module: its common functions and constants. Every function is the one
//! native [`math_call`] bound to the function's name (a str), which it dispatches on.

use gc::RawRef;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::types::Instances;
use crate::objects::{float, int, str as pystr, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

/// One-argument float functions: (name, function).
/// A float function of one argument.
type FloatFn = fn(f64) -> f64;

const UNARY: &[(&str, FloatFn)] = &[
    ("sqrt", f64::sqrt),
    ("exp", f64::exp),
    ("log2", f64::log2),
    ("log10", f64::log10),
    ("sin", f64::sin),
    ("cos", f64::cos),
    ("tan", f64::tan),
    ("asin", f64::asin),
    ("acos", f64::acos),
    ("atan", f64::atan),
    ("sinh", f64::sinh),
    ("cosh", f64::cosh),
    ("tanh", f64::tanh),
    ("fabs", f64::abs),
    ("degrees", f64::to_degrees),
    ("radians", f64::to_radians),
];

const OTHERS: &[&str] = &[
    "floor",
    "ceil",
    "trunc",
    "log",
    "pow",
    "atan2",
    "hypot",
    "isnan",
    "isinf",
    "isfinite",
    "gcd",
    "factorial",
    "isqrt",
    "copysign",
    "fmod",
    "modf",
    "frexp",
    "ldexp",
    "isclose",
    "fsum",
    "prod",
];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let names: Vec<&str> = UNARY
        .iter()
        .map(|(n, _)| *n)
        .chain(OTHERS.iter().copied())
        .collect();
    let mi = crate::interp::natives::dispatch_module(st, "math", &names, index)?;
    set_float_constants(st, mi)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// `pi`, `e`, `tau`, `inf` and `nan` on the module in stack slot `mi` (`math`'s and
/// `cmath`'s).
pub(super) fn set_float_constants(st: &mut State, mi: usize) -> PyResult<()> {
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let f = float::new(&st.alloc(), v)?.raw();
        st.setattr(st.at(mi), name, f)?;
    }
    Ok(())
}

fn domain_error(st: &mut State) -> crate::error::Raised {
    st.raise("ValueError", "math domain error".into())
}

/// `x` as a float (`__float__`/`__index__` conversions included).
fn to_f64(st: &mut State, x: RawRef) -> PyResult<f64> {
    let f = st.to_float(x)?;
    Ok(float::value(st.obj(f)))
}

fn to_int(st: &mut State, x: RawRef) -> PyResult<BigInt> {
    let i = st.index(x)?;
    Ok(int::to_bigint(st.obj(i)))
}

fn new_float(st: &mut State, v: f64) -> PyResult<RawRef> {
    Ok(float::new(&st.alloc(), v)?.raw())
}

fn new_int(st: &mut State, v: &BigInt) -> PyResult<RawRef> {
    Ok(int::new_big(&st.alloc(), v)?.raw())
}

fn arity(st: &mut State, name: &str, args: Args<'_>, n: usize) -> PyResult<()> {
    if args.len() == n {
        return Ok(());
    }
    let msg = if n == 1 {
        format!(
            "math.{name}() takes exactly one argument ({} given)",
            args.len()
        )
    } else {
        format!("{name} expected {n} arguments, got {}", args.len())
    };
    Err(st.raise("TypeError", msg))
}

/// A float that is integral, as an int (`floor`, `ceil`, `trunc`).
fn integral(st: &mut State, v: f64) -> PyResult<RawRef> {
    if v.is_nan() {
        return Err(st.raise("ValueError", "cannot convert float NaN to integer".into()));
    }
    if v.is_infinite() {
        return Err(st.raise(
            "OverflowError",
            "cannot convert float infinity to integer".into(),
        ));
    }
    let b = BigInt::from_f64(v).unwrap_or_default();
    new_int(st, &b)
}

pub(crate) fn math_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = pystr::as_str(st.obj(args.receiver(st))).to_string();
    if args.kw_len() != 0 && name != "isclose" {
        return Err(st.raise(
            "TypeError",
            format!("math.{name}() takes no keyword arguments"),
        ));
    }
    if let Some((_, f)) = UNARY.iter().find(|(n, _)| *n == name) {
        arity(st, &name, args, 1)?;
        let x = to_f64(st, args.get(st, 0))?;
        let r = f(x);
        if r.is_nan() && !x.is_nan() {
            return Err(domain_error(st));
        }
        if r.is_infinite() && x.is_finite() && name != "exp" {
            return Err(domain_error(st));
        }
        if r.is_infinite() && x.is_finite() {
            return Err(st.raise("OverflowError", "math range error".into()));
        }
        return new_float(st, r);
    }
    match name.as_str() {
        "floor" | "ceil" | "trunc" => {
            arity(st, &name, args, 1)?;
            let dunder = format!("__{name}__");
            if let Some(r) = st.call_dunder(args.get(st, 0), &dunder, &[]) {
                return r;
            }
            let o = args.obj(st, 0);
            if types::data(type_of(o)).instances == Instances::Int || o.kind() == st.b.kinds.bool_ {
                let v = to_int(st, args.get(st, 0))?;
                return new_int(st, &v);
            }
            let x = to_f64(st, args.get(st, 0))?;
            let v = match name.as_str() {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                _ => x.trunc(),
            };
            integral(st, v)
        }
        "log" => {
            if args.is_empty() || args.len() > 2 {
                return Err(st.raise(
                    "TypeError",
                    format!("log expected 1 or 2 arguments, got {}", args.len()),
                ));
            }
            let ln = |st: &mut State, r: RawRef| -> PyResult<f64> {
                let o = st.obj(r);
                if o.kind() == st.b.kinds.int {
                    // Big ints: log of the value, not of an overflowing float.
                    let v = int::to_bigint(o);
                    if !v.is_positive() {
                        return Err(domain_error(st));
                    }
                    let bits = v.bits();
                    if bits > 1000 {
                        let shift = bits - 64;
                        let top = (&v >> shift).to_f64().unwrap_or(1.0);
                        return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
                    }
                }
                let x = to_f64(st, r)?;
                if x <= 0.0 {
                    return Err(domain_error(st));
                }
                Ok(x.ln())
            };
            // Each conversion may run code (`__float__`): each argument is read in turn.
            let a = ln(st, args.get(st, 0))?;
            let r = if args.len() == 2 {
                let b = ln(st, args.get(st, 1))?;
                if b == 0.0 {
                    return Err(st.raise("ZeroDivisionError", "float division by zero".into()));
                }
                a / b
            } else {
                a
            };
            new_float(st, r)
        }
        "pow" | "atan2" | "hypot" | "copysign" | "fmod" => {
            arity(st, &name, args, 2)?;
            let x = to_f64(st, args.get(st, 0));
            let y = to_f64(st, args.get(st, 1));
            let (x, y) = (x?, y?);
            let r = match name.as_str() {
                "pow" => x.powf(y),
                "atan2" => x.atan2(y),
                "hypot" => x.hypot(y),
                "copysign" => x.copysign(y),
                _ => {
                    if y == 0.0 || x.is_infinite() {
                        return Err(domain_error(st));
                    }
                    x % y
                }
            };
            if r.is_nan() && !x.is_nan() && !y.is_nan() {
                return Err(domain_error(st));
            }
            if name == "pow" && r.is_infinite() && x.is_finite() && y.is_finite() {
                if x == 0.0 {
                    return Err(domain_error(st));
                }
                return Err(st.raise("OverflowError", "math range error".into()));
            }
            new_float(st, r)
        }
        "isnan" | "isinf" | "isfinite" => {
            arity(st, &name, args, 1)?;
            let x = to_f64(st, args.get(st, 0))?;
            let b = match name.as_str() {
                "isnan" => x.is_nan(),
                "isinf" => x.is_infinite(),
                _ => x.is_finite(),
            };
            Ok(st.bool_obj(b))
        }
        "gcd" => {
            let mut g = BigInt::zero();
            for i in 0..args.len() {
                let v = to_int(st, args.get(st, i))?;
                g = num_integer::Integer::gcd(&g, &v);
            }
            new_int(st, &g)
        }
        "factorial" => {
            arity(st, &name, args, 1)?;
            let o = args.obj(st, 0);
            if o.kind() == st.b.kinds.float {
                return Err(st.raise(
                    "TypeError",
                    "'float' object cannot be interpreted as an integer".into(),
                ));
            }
            let n = to_int(st, args.get(st, 0))?;
            if n.is_negative() {
                return Err(st.raise(
                    "ValueError",
                    "factorial() not defined for negative values".into(),
                ));
            }
            let n = n.to_u64().unwrap_or(u64::MAX).min(100_000);
            let mut r = BigInt::from(1);
            for i in 2..=n {
                r *= i;
            }
            new_int(st, &r)
        }
        "isqrt" => {
            arity(st, &name, args, 1)?;
            let n = to_int(st, args.get(st, 0))?;
            if n.is_negative() {
                return Err(st.raise("ValueError", "isqrt() argument must be nonnegative".into()));
            }
            new_int(st, &n.sqrt())
        }
        "modf" => {
            arity(st, &name, args, 1)?;
            let x = to_f64(st, args.get(st, 0))?;
            let (fr, ip) = if x.is_infinite() {
                (0.0f64.copysign(x), x)
            } else {
                (x.fract(), x.trunc())
            };
            let a = st.alloc();
            let f1 = float::new(&a, fr)?;
            let f2 = float::new(&a, ip)?;
            Ok(crate::objects::tuple::new(&a, &[f1, f2])?.raw())
        }
        "frexp" => {
            arity(st, &name, args, 1)?;
            let (m, e) = frexp(to_f64(st, args.get(st, 0))?);
            let a = st.alloc();
            let f1 = float::new(&a, m)?;
            let f2 = int::new_i64(&a, i64::from(e))?;
            Ok(crate::objects::tuple::new(&a, &[f1, f2])?.raw())
        }
        "ldexp" => {
            arity(st, &name, args, 2)?;
            let x = to_f64(st, args.get(st, 0))?;
            let e = args.get(st, 1);
            if !types::is_subtype(type_of(st.obj(e)), st.obj(st.b.int_type)) {
                return Err(st.raise(
                    "TypeError",
                    "Expected an int as second argument to ldexp.".into(),
                ));
            }
            // Exponents beyond ±10000 overflow or underflow any double alike.
            let e = int::to_bigint(st.obj(e))
                .clamp(BigInt::from(-10_000), BigInt::from(10_000))
                .to_i32()
                .unwrap_or(0);
            let r = ldexp(x, e);
            if r.is_infinite() && x.is_finite() {
                return Err(st.raise("OverflowError", "math range error".into()));
            }
            Ok(float::new(&st.alloc(), r)?.raw())
        }
        "isclose" => {
            arity(st, &name, args, 2)?;
            let (mut rel, mut abs) = (1e-9, 0.0);
            for i in 0..args.kw_len() {
                let x = to_f64(st, args.kw(st, i))?;
                let k = args.kw_name(i);
                match k {
                    "rel_tol" => rel = x,
                    "abs_tol" => abs = x,
                    _ => {
                        return Err(st.raise(
                            "TypeError",
                            format!("isclose() got an unexpected keyword argument '{k}'"),
                        ));
                    }
                }
            }
            let a = to_f64(st, args.get(st, 0))?;
            let b = to_f64(st, args.get(st, 1))?;
            if rel < 0.0 || abs < 0.0 {
                return Err(st.raise("ValueError", "tolerances must be non-negative".into()));
            }
            let close = a == b
                || (a.is_finite()
                    && b.is_finite()
                    && ((a - b).abs() <= (rel * b.abs()).max(rel * a.abs())
                        || (a - b).abs() <= abs));
            Ok(st.bool_obj(close))
        }
        "fsum" | "prod" => {
            arity(st, &name, args, 1)?;
            let it = st.iter_at(args.rooted(0))?;
            let ii = st.push(it);
            let r = (|| {
                if name == "prod" {
                    let mut acc = int::new_i64(&st.alloc(), 1)?.raw();
                    while let Some(v) = st.next_at(Rooted::slot(ii))? {
                        let ai = st.push(acc);
                        acc = st.binary_op(crate::protocols::number::BinOp::Mul, st.at(ai), v)?;
                        st.truncate(ai);
                    }
                    return Ok(acc);
                }
                // Exact partial sums (Shewchuk), as CPython's fsum.
                let mut partials: Vec<f64> = Vec::new();
                while let Some(v) = st.next_at(Rooted::slot(ii))? {
                    let mut x = to_f64(st, v)?;
                    let mut i = 0;
                    for j in 0..partials.len() {
                        let mut y = partials[j];
                        if x.abs() < y.abs() {
                            std::mem::swap(&mut x, &mut y);
                        }
                        let hi = x + y;
                        let lo = y - (hi - x);
                        if lo != 0.0 {
                            partials[i] = lo;
                            i += 1;
                        }
                        x = hi;
                    }
                    partials.truncate(i);
                    partials.push(x);
                }
                let total: f64 = partials.iter().rev().fold(0.0, |acc, p| acc + p);
                new_float(st, total)
            })();
            st.truncate(ii);
            r
        }
        _ => Err(st.raise(
            "AttributeError",
            format!("module 'math' has no attribute '{name}'"),
        )),
    }
}

/// 2**k as a double, for k from -1074 (the least subnormal) to 1023.
fn pow2(k: i32) -> f64 {
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// `math.frexp`: `x == m * 2**e` with `0.5 <= |m| < 1` (m = x, e = 0 for 0, inf, nan).
fn frexp(x: f64) -> (f64, i32) {
    if x == 0.0 || !x.is_finite() {
        return (x, 0);
    }
    let (x, shift) = if x.abs() < f64::MIN_POSITIVE {
        (x * pow2(54), -54)
    } else {
        (x, 0)
    };
    let bits = x.to_bits();
    let e = ((bits >> 52) & 0x7ff) as i32 - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    (m, e + shift)
}

/// `math.ldexp`: `x * 2**e`, rounded once.
fn ldexp(x: f64, e: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let (m, ex) = frexp(x);
    let t = ex + e; // the result is m * 2**t, 0.5 <= |m| < 1
    if t > 1024 {
        return f64::INFINITY.copysign(x);
    }
    if t >= -1021 {
        // A normal result: exact.
        return m * 2.0 * pow2(t - 1);
    }
    if t + 1000 < -1074 {
        return 0.0f64.copysign(x);
    }
    // Subnormal: one exact scaling, then the one rounding multiplication.
    (m * pow2(-1000)) * pow2(t + 1000)
}
