//! The numeric builtins: `divmod`, `round`, `pow`, `chr`, `ord`, `hex`, `oct`, `bin`,
//! `format`, and `sys`'s limit on int-to-text conversions.

use gc::RawRef;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::types::Instances;
use crate::objects::{float, int, str as pystr, type_of, types};
use crate::protocols::number::BinOp;
use crate::state::State;

/// CPython's argument-count errors for a builtin taking `lo..=hi` positional arguments
/// and no keywords.
pub(super) fn positional(
    st: &mut State,
    func: &str,
    args: Args<'_>,
    lo: usize,
    hi: usize,
) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{func}() takes no keyword arguments")));
    }
    let n = args.len();
    if n < lo || n > hi {
        let msg = if lo == hi && lo == 1 {
            format!("{func}() takes exactly one argument ({n} given)")
        } else if lo == hi {
            format!("{func} expected {lo} arguments, got {n}")
        } else if n < lo {
            format!("{func} expected at least {lo} arguments, got {n}")
        } else {
            format!("{func} expected at most {hi} arguments, got {n}")
        };
        return Err(st.raise("TypeError", msg));
    }
    Ok(())
}

pub(super) fn divmod(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    positional(st, "divmod", args, 2, 2)?;
    st.binary_op(BinOp::DivMod, args.get(st, 0), args.get(st, 1))
}

pub(super) fn pow(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    // Where each operand is: `Some(Ok(i))` the i-th positional, `Some(Err(i))` the i-th
    // keyword (read when used: nothing here runs code before `pow3`/`binary_op`).
    let mut all: Vec<Option<Result<usize, usize>>> = (0..args.len()).map(|i| Some(Ok(i))).collect();
    for k in 0..args.kw_len() {
        let name = args.kw_name(k);
        let i = match name {
            "base" => 0,
            "exp" => 1,
            "mod" => 2,
            _ => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{name}' is an invalid keyword argument for pow()"),
                ))
            }
        };
        while all.len() <= i {
            all.push(None);
        }
        all[i] = Some(Err(k));
    }
    if all.len() < 2 || all[..2].iter().any(|r| r.is_none()) {
        return Err(st.raise(
            "TypeError",
            "pow() missing required argument 'exp' (pos 2)".to_string(),
        ));
    }
    if all.len() > 3 {
        return Err(st.raise(
            "TypeError",
            format!("pow() takes at most 3 arguments ({} given)", all.len()),
        ));
    }
    let at = |st: &State, i: usize| match all[i].expect("checked") {
        Ok(p) => args.get(st, p),
        Err(k) => args.kw(st, k),
    };
    let m = all.get(2).copied().flatten().map(|_| at(st, 2));
    match m {
        Some(m) if m != st.b.none => st.pow3(at(st, 0), at(st, 1), m),
        _ => st.binary_op(BinOp::Pow, at(st, 0), at(st, 1)),
    }
}

/// A float rounded to `nd` decimal digits, correctly (the decimal expansion of the
/// binary value, rounded half-even), as CPython's `round(x, n)`.
fn round_float(x: f64, nd: i64) -> f64 {
    if !x.is_finite() || nd > 320 {
        return x;
    }
    if nd >= 0 {
        let s = format!("{:.*}", nd as usize, x);
        return s.parse().unwrap_or(x);
    }
    if nd < -330 {
        return 0.0 * x;
    }
    let p = 10f64.powi((-nd) as i32);
    let y = x / p;
    let r = y.round();
    let r = if (y - y.trunc()).abs() == 0.5 {
        2.0 * (y / 2.0).round()
    } else {
        r
    };
    r * p
}

pub(super) fn round(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    for i in 0..args.kw_len() {
        let k = args.kw_name(i);
        match k {
            "number" | "ndigits" => {}
            _ => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{k}' is an invalid keyword argument for round()"),
                ))
            }
        }
    }
    if args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("round() takes at most 2 arguments ({} given)", args.len()),
        ));
    }
    let number = |st: &State| args.kw_get(st, "number").or(args.opt(st, 0));
    let ndigits = |st: &State| {
        args.kw_get(st, "ndigits")
            .or(args.opt(st, 1))
            .filter(|n| *n != st.b.none)
    };
    let Some(x) = number(st) else {
        return Err(st.raise(
            "TypeError",
            "round() missing required argument 'number' (pos 1)".into(),
        ));
    };
    let extra: Vec<RawRef> = ndigits(st).into_iter().collect();
    if let Some(r) = st.call_dunder(x, "__round__", &extra) {
        return r;
    }
    let nd = match ndigits(st) {
        Some(n) => {
            let n = st.index(n)?;
            Some(int::to_bigint(st.obj(n)).to_i64().unwrap_or(i64::MAX))
        }
        None => None,
    };
    // `__index__` of ndigits may have run code: the number is read now.
    let x = number(st).expect("checked");
    let o = st.obj(x);
    match types::data(type_of(o)).instances {
        Instances::Float => {
            let v = float::value(o);
            match nd {
                None => {
                    if v.is_nan() {
                        return Err(
                            st.raise("ValueError", "cannot convert float NaN to integer".into())
                        );
                    }
                    if v.is_infinite() {
                        return Err(st.raise(
                            "OverflowError",
                            "cannot convert float infinity to integer".into(),
                        ));
                    }
                    let r = v.round();
                    let r = if (v - v.trunc()).abs() == 0.5 {
                        2.0 * (v / 2.0).round()
                    } else {
                        r
                    };
                    let b = num_bigint::BigInt::from(r as i128);
                    let b = if r.abs() < 1e38 {
                        b
                    } else {
                        num_traits::FromPrimitive::from_f64(r).unwrap_or_default()
                    };
                    Ok(int::new_big(&st.alloc(), &b)?.raw())
                }
                Some(n) => Ok(float::new(&st.alloc(), round_float(v, n))?.raw()),
            }
        }
        Instances::Int => {
            let v = int::to_bigint(o);
            match nd {
                Some(n) if n < 0 => {
                    let p = num_traits::pow(BigInt::from(10), (-n).min(4000) as usize);
                    let q = num_integer::Integer::div_floor(&v, &p);
                    let r = &v - &q * &p;
                    let twice = &r * 2;
                    let q = if twice > p || (twice == p && num_integer::Integer::is_odd(&q)) {
                        q + 1
                    } else {
                        q
                    };
                    Ok(int::new_big(&st.alloc(), &(q * p))?.raw())
                }
                _ => Ok(int::new_big(&st.alloc(), &v)?.raw()),
            }
        }
        _ if x == st.b.true_ || x == st.b.false_ => {
            let v = i64::from(x == st.b.true_);
            Ok(int::new_i64(&st.alloc(), v)?.raw())
        }
        _ => {
            let t = st.type_name(x);
            Err(st.raise(
                "TypeError",
                format!("type {t} doesn't define __round__ method"),
            ))
        }
    }
}

pub(super) fn chr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    positional(st, "chr", args, 1, 1)?;
    let i = st.index_at(args.rooted(0))?;
    let v = int::to_bigint(st.obj(i));
    match v.to_u32().and_then(char::from_u32) {
        Some(c) => Ok(pystr::new(&st.alloc(), &c.to_string())?.raw()),
        None if v.to_u32().is_some_and(|u| u < 0x110000) => Err(st.raise(
            "ValueError",
            "hpymove strings cannot hold surrogates".into(),
        )),
        None if v.to_i32().is_none() && v.to_u32().is_none() => Err(st.raise(
            "OverflowError",
            "Python int too large to convert to C int".into(),
        )),
        None => Err(st.raise("ValueError", "chr() arg not in range(0x110000)".into())),
    }
}

pub(super) fn ord(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    positional(st, "ord", args, 1, 1)?;
    let o = args.obj(st, 0);
    let k = st.b.kinds;
    let (n, v) = if o.kind() == k.str_ {
        let s = pystr::as_str(o);
        (s.chars().count(), s.chars().next().map(|c| c as u32))
    } else if o.kind() == k.bytes {
        let b = crate::objects::bytes::data(o);
        (b.len(), b.first().map(|c| u32::from(*c)))
    } else {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("ord() expected string of length 1, but {t} found"),
        ));
    };
    match (n, v) {
        (1, Some(v)) => Ok(int::new_i64(&st.alloc(), i64::from(v))?.raw()),
        _ => {
            let what = if o.kind() == k.str_ {
                "character"
            } else {
                "a bytes-like object"
            };
            let _ = what;
            Err(st.raise(
                "TypeError",
                format!("ord() expected a character, but string of length {n} found"),
            ))
        }
    }
}

fn radix(st: &mut State, func: &str, args: Args<'_>, base: u32, prefix: &str) -> PyResult<RawRef> {
    positional(st, func, args, 1, 1)?;
    let i = st.index_at(args.rooted(0))?;
    let v = int::to_bigint(st.obj(i));
    let digits = v.abs().to_str_radix(base);
    let sign = if v.is_negative() && !v.is_zero() {
        "-"
    } else {
        ""
    };
    let s = format!("{sign}{prefix}{digits}");
    Ok(pystr::new(&st.alloc(), &s)?.raw())
}

pub(super) fn hex(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    radix(st, "hex", args, 16, "0x")
}

pub(super) fn oct(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    radix(st, "oct", args, 8, "0o")
}

pub(super) fn bin(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    radix(st, "bin", args, 2, "0b")
}

pub(super) fn format(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    positional(st, "format", args, 1, 2)?;
    let spec = match args.opt(st, 1) {
        Some(s) if st.obj(s).kind() == st.b.kinds.str_ => pystr::as_str(st.obj(s)).to_string(),
        Some(s) => {
            let t = st.type_name(s);
            return Err(st.raise(
                "TypeError",
                format!("format() argument 2 must be str, not {t}"),
            ));
        }
        None => String::new(),
    };
    let s = st.format_value(args.get(st, 0), None, &spec)?;
    Ok(pystr::new(&st.alloc(), &s)?.raw())
}

/// `sys.get_int_max_str_digits()`
pub(super) fn get_int_max_str_digits(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    positional(st, "get_int_max_str_digits", args, 0, 0)?;
    let n = st.int_max_str_digits as i64;
    Ok(int::new_i64(&st.alloc(), n)?.raw())
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least
/// `sys.int_info.str_digits_check_threshold`.
pub(super) fn set_int_max_str_digits(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    const NAME: &str = "set_int_max_str_digits";
    for i in 0..args.kw_len() {
        let k = args.kw_name(i);
        if k != "maxdigits" {
            return Err(st.raise(
                "TypeError",
                format!("{NAME}() got an unexpected keyword argument '{k}'"),
            ));
        }
    }
    let given = args.len() + args.kw_len();
    if given != 1 {
        let msg = if given == 0 {
            format!("{NAME}() missing required argument 'maxdigits' (pos 1)")
        } else {
            format!("{NAME}() takes at most 1 argument ({given} given)")
        };
        return Err(st.raise("TypeError", msg));
    }
    let v = args
        .kw_get(st, "maxdigits")
        .or(args.opt(st, 0))
        .expect("one argument");
    let n = crate::objects::args_check::index_arg(st, v)?;
    let threshold = crate::protocols::number::INT_STR_DIGITS_CHECK_THRESHOLD as i64;
    if n != 0 && n < threshold {
        return Err(st.raise(
            "ValueError",
            format!("maxdigits must be 0 or larger than {threshold}"),
        ));
    }
    st.int_max_str_digits = usize::try_from(n).unwrap_or(usize::MAX);
    Ok(st.b.none)
}
