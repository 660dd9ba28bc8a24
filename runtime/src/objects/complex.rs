//! `complex`: `[type, id, real bits, imag bits]`, two doubles as CPython 3.11 keeps them.
//!
//! This file holds what needs no runtime: the layout, `repr`, the hash, and the parsing of
//! `complex("1+2j")`. The arithmetic is in `protocols/number/complex.rs`, `complex(...)` in
//! `protocols/complex_new.rs`, the methods in `complex/methods.rs`.

pub(crate) mod methods;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{float, ops, W_DATA};

pub(crate) fn new<'h>(a: &Alloc<'h>, re: f64, im: f64) -> PyResult<ObjRef<'h>> {
    let o = a.object(a.kinds().complex, a.b.complex_type, W_DATA + 2)?;
    o.set_word(W_DATA, re.to_bits());
    o.set_word(W_DATA + 1, im.to_bits());
    Ok(o)
}

/// `(real, imag)`
pub(crate) fn value(o: ObjRef<'_>) -> (f64, f64) {
    (
        f64::from_bits(o.word(W_DATA)),
        f64::from_bits(o.word(W_DATA + 1)),
    )
}

/// One part as `repr(complex)` shows it: the float's repr without a `.0` suffix, a NaN
/// never signed.
fn part_repr(v: f64) -> String {
    if v.is_nan() {
        return "nan".into();
    }
    let s = float::repr(v);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

/// `repr(complex)` as CPython 3.11 prints it: `1j`, `(1+2j)`, `(-0-1j)`, `(nan+infj)`.
/// A real part of +0.0 is left out (and then no parentheses).
pub(crate) fn repr(re: f64, im: f64) -> String {
    let imag = part_repr(im);
    if re == 0.0 && re.is_sign_positive() {
        return format!("{imag}j");
    }
    let sign = if imag.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{imag}j)", part_repr(re))
}

/// CPython's complex hash: the parts' float hashes combined (`hash(complex(x, 0)) ==
/// hash(x)`). A NaN part hashes by the object's identity, as a NaN float does.
pub(crate) fn hash(o: ObjRef<'_>) -> i64 {
    let (re, im) = value(o);
    let part = |v: f64| {
        if v.is_nan() {
            ops::identity_hash(o)
        } else {
            ops::float_hash(v)
        }
    };
    let h = (part(re) as u64).wrapping_add((part(im) as u64).wrapping_mul(1_000_003)) as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// Why text is not a complex number.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// "complex() arg is a malformed string"
    Malformed,
    /// Misplaced underscores: "could not convert string to complex: ..."
    Underscores,
}

/// `str.isspace()` for the characters `complex()` strips.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// The longest prefix of `s` that reads as a float literal (digits with an optional point
/// and exponent, or `inf`/`infinity`/`nan`, after an optional sign): its value and length.
fn float_prefix(s: &str) -> Option<(f64, usize)> {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'+' | b'-')) {
        i = 1;
    }
    let lower = s[i..].to_ascii_lowercase();
    for (word, v) in [
        ("infinity", f64::INFINITY),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        if lower.starts_with(word) {
            let v = if b.first() == Some(&b'-') { -v } else { v };
            return Some((v, i + word.len()));
        }
    }
    let digits = |mut j: usize| {
        while j < b.len() && b[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let int_end = digits(i);
    let mut end = int_end;
    let mut frac_digits = 0;
    if b.get(end) == Some(&b'.') {
        let f = digits(end + 1);
        frac_digits = f - end - 1;
        end = f;
    }
    if int_end == i && frac_digits == 0 {
        return None;
    }
    if matches!(b.get(end), Some(b'e' | b'E')) {
        let mut j = end + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        let k = digits(j);
        if k > j {
            end = k;
        }
    }
    s[..end].parse::<f64>().ok().map(|v| (v, end))
}

/// Underscores are allowed only singly between digits (as in float literals).
fn underscores_valid(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter().enumerate().all(|(i, c)| {
        *c != b'_'
            || (i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
    })
}

/// `complex(text)`: surrounding whitespace, optional parentheses (whitespace inside them
/// too), then `real`, `imagj`, or `real±imagj`, where an imaginary part without digits is
/// ±1 (`j`, `-j`, `1+j`). No whitespace inside the number.
pub(crate) fn parse(text: &str) -> Result<(f64, f64), ParseError> {
    let s: String;
    let text = if text.contains('_') {
        if !underscores_valid(text) {
            return Err(ParseError::Underscores);
        }
        s = text.replace('_', "");
        &s
    } else {
        text
    };
    let mut t = text.trim_matches(is_py_space);
    if let Some(inner) = t.strip_prefix('(') {
        t = inner
            .strip_suffix(')')
            .ok_or(ParseError::Malformed)?
            .trim_matches(is_py_space);
    }
    let imag_unit = |c: Option<&u8>| matches!(c, Some(b'j' | b'J'));
    let b = t.as_bytes();
    let (re, im, rest) = match float_prefix(t) {
        Some((x, n)) => match b.get(n) {
            Some(b'+' | b'-') => {
                // `x±yj`, `x±j`
                let tail = &t[n..];
                let (y, m) = match float_prefix(tail) {
                    Some((y, m)) => (y, m),
                    None => (if b[n] == b'-' { -1.0 } else { 1.0 }, 1),
                };
                if !imag_unit(tail.as_bytes().get(m)) {
                    return Err(ParseError::Malformed);
                }
                (x, y, &tail[m + 1..])
            }
            c if imag_unit(c) => (0.0, x, &t[n + 1..]),
            _ => (x, 0.0, &t[n..]),
        },
        None => {
            // `j`, `+j`, `-j`
            let (y, n) = match b.first() {
                Some(b'-') => (-1.0, 1),
                Some(b'+') => (1.0, 1),
                _ => (1.0, 0),
            };
            if !imag_unit(b.get(n)) {
                return Err(ParseError::Malformed);
            }
            (0.0, y, &t[n + 1..])
        }
    };
    if !rest.is_empty() {
        return Err(ParseError::Malformed);
    }
    Ok((re, im))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_as_cpython() {
        assert_eq!(repr(0.0, 1.0), "1j");
        assert_eq!(repr(1.0, 2.0), "(1+2j)");
        assert_eq!(repr(-0.0, -1.0), "(-0-1j)");
        assert_eq!(repr(0.0, -0.0), "-0j");
        assert_eq!(repr(f64::NAN, f64::INFINITY), "(nan+infj)");
        assert_eq!(repr(-0.0, -f64::NAN), "(-0+nanj)");
        assert_eq!(repr(0.0, 1e16), "1e+16j");
        assert_eq!(repr(1.0, 1e-5), "(1+1e-05j)");
        assert_eq!(repr(1.5, -2.25), "(1.5-2.25j)");
    }

    #[test]
    fn parse_as_cpython() {
        assert_eq!(parse(" ( 1.5-2J ) "), Ok((1.5, -2.0)));
        assert_eq!(parse("1_0j"), Ok((0.0, 10.0)));
        assert_eq!(parse("-j"), Ok((0.0, -1.0)));
        assert_eq!(parse("j"), Ok((0.0, 1.0)));
        assert_eq!(parse("1+j"), Ok((1.0, 1.0)));
        assert_eq!(parse("1e3"), Ok((1000.0, 0.0)));
        assert_eq!(parse("-infj"), Ok((0.0, f64::NEG_INFINITY)));
        assert_eq!(parse(".5e-1+2.j"), Ok((0.05, 2.0)));
        let (re, im) = parse("+1e3+nanj").unwrap();
        assert!(re == 1000.0 && im.is_nan());
        for bad in [
            "", "()", "(1+2j", "1+2j)", "1 + 2j", "1+", "1e", "1+2jj", "1j+2", "jj", "+", "1..5",
        ] {
            assert_eq!(parse(bad), Err(ParseError::Malformed), "{bad:?}");
        }
        assert_eq!(parse("1_"), Err(ParseError::Underscores));
        assert_eq!(parse("1__0j"), Err(ParseError::Underscores));
    }
}
