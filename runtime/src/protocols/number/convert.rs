//! `int(x)`, `int(text, base)` and `float(x)` for the builtin types, and the parsing of
//! numbers in text with CPython 3.11's grammar (whitespace, signs, base prefixes,
//! underscores between digits, `inf`/`nan`) and messages.

use gc::RawRef;
use num_bigint::BigInt;
use num_traits::{FromPrimitive, Num as _};

use super::{instances, Num};
use crate::error::PyResult;
use crate::objects::types::Instances;
use crate::objects::{bytes, module, ops, str as pystr, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

/// Why text is not an int.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IntParseError {
    /// Not an integer literal in the base.
    Invalid,
    /// More decimal digits than `sys.get_int_max_str_digits()` allows (the count).
    TooManyDigits(usize),
}

/// `str.isspace()` for the characters `int()` and `float()` strip.
fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Removes the underscores of a digit run, which Python allows singly between digits
/// (and, with `lead`, once before the first digit: `0x_1f`). `None` if misplaced.
fn strip_underscores(s: &str, lead: bool, is_digit: impl Fn(char) -> bool) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut prev_digit = lead;
    for c in s.chars() {
        if c == '_' {
            if !prev_digit {
                return None;
            }
            prev_digit = false;
        } else {
            if !is_digit(c) {
                return None;
            }
            prev_digit = true;
            out.push(c);
        }
    }
    // A trailing underscore (or an empty run) is invalid.
    if !prev_digit || out.is_empty() {
        return None;
    }
    Some(out)
}

/// `int(text, base)` for `base` 0 or 2..=36: surrounding whitespace, a sign, a prefix
/// matching the base (`0x`, `0o`, `0b`; with base 0 it chooses the base, and a decimal
/// literal may not start with 0 unless it is all zeros), underscores between digits.
/// More than `max_digits` digits (0: no limit) in a base that is not a power of two is
/// refused, as CPython's `sys.set_int_max_str_digits` limit.
pub(crate) fn int_from_str(
    text: &str,
    base: u32,
    max_digits: usize,
) -> Result<BigInt, IntParseError> {
    debug_assert!(base == 0 || (2..=36).contains(&base));
    let given = base;
    let s = text.trim_matches(is_py_space);
    let (negative, s) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = s.get(..2).map(|p| p.to_ascii_lowercase());
    let prefix_base = match lower.as_deref() {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    let (base, digits, after_prefix) = match (base, prefix_base) {
        (0, Some(b)) => (b, &s[2..], true),
        (b, Some(p)) if b == p => (b, &s[2..], true),
        (0, None) => (10, s, false),
        (b, _) => (b, s, false),
    };
    let clean = strip_underscores(digits, after_prefix, |c| c.is_digit(base))
        .ok_or(IntParseError::Invalid)?;
    // Base 0 refuses `017` (an old-style octal literal) but accepts `00`.
    if given == 0 && prefix_base.is_none() {
        let zeros = clean.bytes().all(|b| b == b'0');
        if clean.starts_with('0') && !zeros {
            return Err(IntParseError::Invalid);
        }
    }
    // The digit limit guards against quadratic-time conversions: not for power-of-two bases.
    if !base.is_power_of_two() && max_digits != 0 && clean.len() > max_digits {
        return Err(IntParseError::TooManyDigits(clean.len()));
    }
    let v = BigInt::from_str_radix(&clean, base).map_err(|_| IntParseError::Invalid)?;
    Ok(if negative { -v } else { v })
}

/// `float(text)`: surrounding whitespace, a sign, decimal digits with an optional point and
/// exponent, underscores singly between digits, `inf`/`infinity`/`nan` in any case.
pub(crate) fn float_from_str(text: &str) -> Option<f64> {
    let s = text.trim_matches(is_py_space);
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let special = match body.to_ascii_lowercase().as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(v) = special {
        return Some(if negative { -v } else { v });
    }
    // Only digits, one point, one exponent with its sign: validate underscores, then
    // leave the rest of the grammar to Rust's parser (which agrees with Python's).
    let bytes = s.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-' => {}
            b'_' => {
                let before = i > 0 && bytes[i - 1].is_ascii_digit();
                let after = bytes.get(i + 1).is_some_and(|c| c.is_ascii_digit());
                if !(before && after) {
                    return None;
                }
            }
            _ => return None,
        }
    }
    s.replace('_', "").parse::<f64>().ok()
}

/// The text of a str or bytes argument of `int()`/`float()` and its repr for messages.
fn text_of(st: &State, r: RawRef) -> Option<(String, String)> {
    let o = st.obj(r);
    match instances(o) {
        Instances::Str => {
            let s = pystr::as_str(o);
            Some((s.to_string(), crate::objects::repr::repr_of(o)))
        }
        Instances::Bytes => {
            let d = bytes::data(o);
            // Text that is not UTF-8 cannot be a number; the replacement keeps it invalid.
            Some((
                String::from_utf8_lossy(d).into_owned(),
                crate::objects::repr::repr_of(o),
            ))
        }
        _ => None,
    }
}

impl State {
    /// The text and repr of a `bytearray` or `memoryview` (the bytes-like objects other
    /// than bytes, written in Python here) given to `int()`/`float()`; None for others.
    /// `int()` shows its bytes in an error (`b'x'`), `float()` the object itself.
    fn bytes_like_text(
        &mut self,
        a: RawRef,
        show_bytes: bool,
    ) -> PyResult<Option<(String, String)>> {
        let bytes_like = ["bytearray", "memoryview"].iter().any(|name| {
            let a_type = type_of(self.obj(a));
            let m = self.b.builtins_module;
            let found = ops::dict_get_str(&self.alloc(), module::dict(self.obj(m)), name);
            found.is_some_and(|t| t.kind() == self.b.kinds.type_ && types::is_subtype(a_type, t))
        });
        if !bytes_like {
            return Ok(None);
        }
        let ai = self.push(a);
        let r = (|| {
            let b = self.call(self.b.bytes_type, &[self.at(ai)], &[])?;
            let text = String::from_utf8_lossy(bytes::data(self.obj(b))).into_owned();
            let repr = if show_bytes {
                crate::objects::repr::repr_of(self.obj(b))
            } else {
                self.repr_text(self.at(ai))?
            };
            Ok(Some((text, repr)))
        })();
        self.truncate(ai);
        r
    }

    /// `int(x)` for one argument: ints (exact copies of subclasses and bools), floats
    /// (truncated), str and bytes (base 10).
    // `&mut self` because it raises; the name says what Python's `int(x)` does.
    #[allow(clippy::wrong_self_convention)]
    pub(crate) fn to_int(&mut self, a: RawRef) -> PyResult<RawRef> {
        self.rooting1(a, |st, a| st.int_at(a))
    }

    /// [`State::to_int`] on rooted operands.
    pub(crate) fn int_at(&mut self, a: Rooted) -> PyResult<RawRef> {
        let int_type = self.b.int_type;
        if let Some(r) =
            self.up_ext_convert(a.get(self), hpy_abi::HPy_nb_int, "__int__", int_type)?
        {
            return Ok(r);
        }
        if let Some(r) =
            self.up_ext_convert(a.get(self), hpy_abi::HPy_nb_index, "__index__", int_type)?
        {
            return Ok(r);
        }
        match self.num_of(a.get(self)) {
            Some(Num::Int(v)) => {
                if self.is_exact(a.get(self), self.b.int_type) {
                    Ok(a.get(self))
                } else {
                    self.new_int(&v)
                }
            }
            Some(Num::Float(f)) => {
                let v = self.float_to_int(f)?;
                self.new_int(&v)
            }
            None => {
                if text_of(self, a.get(self)).is_some() {
                    return self.int_from_text(a.get(self), 10);
                }
                if let Some((s, repr)) = self.bytes_like_text(a.get(self), true)? {
                    return self.int_from_str_repr(&s, &repr, 10);
                }
                let t = self.type_name(a.get(self));
                Err(self.raise(
                    "TypeError",
                    format!(
                        "int() argument must be a string, a bytes-like object or a real \
                         number, not '{t}'"
                    ),
                ))
            }
        }
    }

    /// `int(f)` for a double: truncation toward zero.
    pub(crate) fn float_to_int(&mut self, f: f64) -> PyResult<BigInt> {
        if f.is_nan() {
            return Err(self.raise("ValueError", "cannot convert float NaN to integer".into()));
        }
        if f.is_infinite() {
            return Err(self.raise(
                "OverflowError",
                "cannot convert float infinity to integer".into(),
            ));
        }
        Ok(BigInt::from_f64(f.trunc()).expect("finite"))
    }

    /// `int(text, base)` for a str or bytes `text`.
    pub(crate) fn int_from_text(&mut self, text: RawRef, base: i64) -> PyResult<RawRef> {
        if base != 0 && !(2..=36).contains(&base) {
            return Err(self.raise(
                "ValueError",
                "int() base must be >= 2 and <= 36, or 0".into(),
            ));
        }
        let Some((s, repr)) = text_of(self, text) else {
            if let Some((s, repr)) = self.bytes_like_text(text, true)? {
                return self.int_from_str_repr(&s, &repr, base);
            }
            return Err(self.raise(
                "TypeError",
                "int() can't convert non-string with explicit base".into(),
            ));
        };
        self.int_from_str_repr(&s, &repr, base)
    }

    /// `int(text, base)` for the text `s` of an argument whose repr is `repr`.
    fn int_from_str_repr(&mut self, s: &str, repr: &str, base: i64) -> PyResult<RawRef> {
        let limit = self.int_max_str_digits;
        match int_from_str(s, base as u32, limit) {
            Ok(v) => self.new_int(&v),
            Err(IntParseError::Invalid) => {
                // CPython cuts the repr at 200 characters.
                let shown: String = repr.chars().take(200).collect();
                Err(self.raise(
                    "ValueError",
                    format!("invalid literal for int() with base {base}: {shown}"),
                ))
            }
            Err(IntParseError::TooManyDigits(n)) => Err(self.raise(
                "ValueError",
                format!(
                    "Exceeds the limit ({limit} digits) for integer string \
                     conversion: value has {n} digits; use sys.set_int_max_str_digits() \
                     to increase the limit"
                ),
            )),
        }
    }

    /// `float(x)`: floats (exact copies of subclasses), ints and bools, str and bytes.
    #[allow(clippy::wrong_self_convention)]
    pub(crate) fn to_float(&mut self, a: RawRef) -> PyResult<RawRef> {
        self.rooting1(a, |st, a| st.float_at(a))
    }

    /// [`State::to_float`] on rooted operands.
    pub(crate) fn float_at(&mut self, a: Rooted) -> PyResult<RawRef> {
        let float_type = self.b.float_type;
        if let Some(r) =
            self.up_ext_convert(a.get(self), hpy_abi::HPy_nb_float, "__float__", float_type)?
        {
            return Ok(r);
        }
        let int_type = self.b.int_type;
        if let Some(i) =
            self.up_ext_convert(a.get(self), hpy_abi::HPy_nb_index, "__index__", int_type)?
        {
            return self.to_float(i);
        }
        match self.num_of(a.get(self)) {
            Some(Num::Float(f)) => {
                if self.is_exact(a.get(self), self.b.float_type) {
                    Ok(a.get(self))
                } else {
                    self.new_float(f)
                }
            }
            Some(Num::Int(v)) => {
                let f = self.int_to_f64(&v)?;
                self.new_float(f)
            }
            None => match text_of(self, a.get(self)) {
                Some((s, repr)) => match float_from_str(&s) {
                    Some(f) => self.new_float(f),
                    None => Err(self.raise(
                        "ValueError",
                        format!("could not convert string to float: {repr}"),
                    )),
                },
                None => {
                    if let Some((s, repr)) = self.bytes_like_text(a.get(self), false)? {
                        return match float_from_str(&s) {
                            Some(f) => self.new_float(f),
                            None => Err(self.raise(
                                "ValueError",
                                format!("could not convert string to float: {repr}"),
                            )),
                        };
                    }
                    let t = self.type_name(a.get(self));
                    Err(self.raise(
                        "TypeError",
                        format!("float() argument must be a string or a real number, not '{t}'"),
                    ))
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(s: &str, base: u32) -> Option<i64> {
        int_from_str(s, base, 4300)
            .ok()
            .map(|v| i64::try_from(v).unwrap())
    }

    #[test]
    fn int_literals_as_cpython_reads_them() {
        assert_eq!(int(" -0x1f", 16), Some(-31));
        assert_eq!(int("0x1f", 0), Some(31));
        assert_eq!(int("0X_1F", 0), Some(31));
        assert_eq!(int("0b101", 16), Some(0xb101));
        assert_eq!(int("0b101", 2), Some(5));
        assert_eq!(int("0o17", 8), Some(15));
        assert_eq!(int("1_000", 10), Some(1000));
        assert_eq!(int("00", 0), Some(0));
        assert_eq!(int("0_0", 0), Some(0));
        assert_eq!(int("007", 10), Some(7));
        assert_eq!(int("z", 36), Some(35));
        assert_eq!(int("\u{2003}+12\t\x1c", 10), Some(12));
        for bad in [
            "017", "1__0", "_1", "1_", "", " ", "- 12", "0x", "1.5", "12\0",
        ] {
            assert_eq!(
                int_from_str(bad, 0, 4300),
                Err(IntParseError::Invalid),
                "{bad:?}"
            );
        }
        assert_eq!(int("0x", 16), None);
        assert_eq!(
            int_from_str(&"1".repeat(4301), 10, 4300),
            Err(IntParseError::TooManyDigits(4301))
        );
        assert!(int_from_str(&"1".repeat(4301), 10, 0).is_ok());
        assert!(int_from_str(&"f".repeat(5000), 16, 4300).is_ok());
    }

    #[test]
    fn float_literals_as_cpython_reads_them() {
        assert_eq!(float_from_str(" 1e3 "), Some(1000.0));
        assert_eq!(float_from_str("1_0.5"), Some(10.5));
        assert_eq!(float_from_str("1e5_0"), Some(1e50));
        assert_eq!(float_from_str("+Infinity"), Some(f64::INFINITY));
        assert_eq!(float_from_str("-inf"), Some(f64::NEG_INFINITY));
        assert!(float_from_str(" nan ").unwrap().is_nan());
        assert!(float_from_str("-nan").unwrap().is_nan());
        assert_eq!(float_from_str("1e500"), Some(f64::INFINITY));
        assert_eq!(float_from_str(".5"), Some(0.5));
        assert_eq!(float_from_str("5."), Some(5.0));
        for bad in [
            "", "abc", "1__0", "_1", "1_", "1_.5", "1e_5", "infinit", "0x10", "1e", ".",
        ] {
            assert_eq!(float_from_str(bad), None, "{bad:?}");
        }
    }
}
