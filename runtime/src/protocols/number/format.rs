//! printf-style formatting: `str % args` and `bytes % args`, as CPython 3.11 does it:
//! `%s %r %a %c %d %i %u %o %x %X %e %E %f %F %g %G %%` (bytes: `%b` too), flags
//! `-+ #0`, width and precision (`*` takes them from the arguments), `%(key)s` with a
//! mapping, and CPython's errors.
//!
//! Both run on the template as a sequence of chars (bytes as Latin-1), so bytes
//! formatting is the same code with bytes-specific conversions.

use gc::RawRef;
use hpy_abi::HPy;
use num_bigint::BigInt;
use num_traits::Signed;

use super::{instances, Num};
use crate::error::{PyResult, Raised};
use crate::objects::types::Instances;
use crate::objects::{bytes, str as pystr, tuple};
use crate::state::State;

/// Where the next positional conversion takes its value from.
enum Source {
    /// The items of a tuple of arguments (held by handle), from `next`.
    Tuple { h: HPy, next: usize, len: usize },
    /// One argument (the right operand itself, or the value of the last `%(key)`).
    Single { h: HPy, used: bool },
}

/// A parsed conversion specification.
#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    prec: Option<usize>,
}

impl Spec {
    /// The sign of a number as the flags want it.
    fn sign(&self, negative: bool) -> &'static str {
        if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }

    /// Pads a number: `zero` puts zeros between the sign/prefix and the digits.
    fn pad_number(&self, out: &mut String, sign_prefix: &str, digits: &str) {
        let n = sign_prefix.chars().count() + digits.chars().count();
        let fill = self.width.saturating_sub(n);
        if self.left {
            out.push_str(sign_prefix);
            out.push_str(digits);
            out.extend(std::iter::repeat_n(' ', fill));
        } else if self.zero {
            out.push_str(sign_prefix);
            out.extend(std::iter::repeat_n('0', fill));
            out.push_str(digits);
        } else {
            out.extend(std::iter::repeat_n(' ', fill));
            out.push_str(sign_prefix);
            out.push_str(digits);
        }
    }

    /// Pads text (the `0` flag does not apply).
    fn pad_text(&self, out: &mut String, text: &str) {
        let fill = self.width.saturating_sub(text.chars().count());
        if self.left {
            out.push_str(text);
            out.extend(std::iter::repeat_n(' ', fill));
        } else {
            out.extend(std::iter::repeat_n(' ', fill));
            out.push_str(text);
        }
    }
}

/// `ascii(x)` from `repr(x)`: non-ASCII characters escaped.
fn ascii_escape(repr: &str) -> String {
    let mut out = String::with_capacity(repr.len());
    for c in repr.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n <= 0xff {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n <= 0xffff {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// `%e` of a finite non-negative double: `d.dddddde+XX`.
fn exp_format(x: f64, prec: usize, alt: bool) -> String {
    let s = format!("{x:.prec$e}");
    let (mant, exp) = s.split_once('e').expect("exponent form");
    let exp: i32 = exp.parse().expect("exponent");
    let dot = if alt && !mant.contains('.') { "." } else { "" };
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mant}{dot}e{sign}{:02}", exp.abs())
}

/// Removes trailing zeros of a fraction, then a trailing point.
fn trim_fraction(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

/// `%g` of a finite non-negative double.
fn general_format(x: f64, prec: usize, alt: bool) -> String {
    let p = prec.max(1);
    // The decimal exponent after rounding to `p` significant digits decides the form.
    let exp: i64 = if x == 0.0 {
        0
    } else {
        let s = format!("{x:.*e}", p - 1);
        s.split_once('e')
            .expect("exponent form")
            .1
            .parse()
            .expect("exponent")
    };
    if -4 <= exp && exp < p as i64 {
        let decimals = (p as i64 - 1 - exp) as usize;
        let s = format!("{x:.decimals$}");
        if alt {
            if s.contains('.') {
                s
            } else {
                s + "."
            }
        } else {
            trim_fraction(&s).to_string()
        }
    } else {
        let s = exp_format(x, p - 1, alt);
        if alt {
            return s;
        }
        let (mant, e) = s.split_once('e').expect("exponent form");
        format!("{}e{e}", trim_fraction(mant))
    }
}

impl State {
    /// `fmt % args` for a str `fmt`.
    pub(crate) fn str_percent(&mut self, fmt: RawRef, args: RawRef) -> PyResult<RawRef> {
        let text: Vec<char> = pystr::as_str(self.obj(fmt)).chars().collect();
        let out = self.percent_format(&text, args, false)?;
        Ok(pystr::new(&self.alloc(), &out)?.raw())
    }

    /// `fmt % args` for a bytes `fmt`.
    pub(crate) fn bytes_percent(&mut self, fmt: RawRef, args: RawRef) -> PyResult<RawRef> {
        let text: Vec<char> = bytes::data(self.obj(fmt))
            .iter()
            .map(|b| *b as char)
            .collect();
        let out = self.percent_format(&text, args, true)?;
        let data: Vec<u8> = out.chars().map(|c| c as u32 as u8).collect();
        Ok(bytes::new(&self.alloc(), &data)?.raw())
    }

    /// Formats; in bytes mode every char of `text` and of the result is below 256.
    /// Converting an argument may (once extension types have `__str__`) reach a
    /// safepoint: the arguments are held through handles, closed at the end.
    fn percent_format(
        &mut self,
        text: &[char],
        args: RawRef,
        bytes_mode: bool,
    ) -> PyResult<String> {
        let mut held = vec![self.roots.handles.open(args)];
        let r = self.percent_format_held(text, &mut held, bytes_mode);
        for h in held {
            let _ = self.roots.handles.close(h);
        }
        r
    }

    fn held(&self, h: HPy) -> RawRef {
        self.roots
            .handles
            .get(h)
            .expect("a handle this function opened")
    }

    fn percent_format_held(
        &mut self,
        text: &[char],
        held: &mut Vec<HPy>,
        bytes_mode: bool,
    ) -> PyResult<String> {
        let args_h = held[0];
        let args = self.held(args_h);
        let inst = instances(self.obj(args));
        // CPython treats any object with `__getitem__` other than a tuple or str as a
        // mapping: `%(key)` looks keys up in it and unused arguments are not an error.
        let mapping = matches!(
            inst,
            Instances::Dict | Instances::List | Instances::Bytes | Instances::Range
        );
        let mut source = if inst == Instances::Tuple {
            Source::Tuple {
                h: args_h,
                next: 0,
                len: tuple::len(self.obj(args)),
            }
        } else {
            Source::Single {
                h: args_h,
                used: false,
            }
        };
        let n = text.len();
        let mut out = String::with_capacity(n);
        let mut i = 0;
        let incomplete = |st: &mut State| st.raise("ValueError", "incomplete format".into());
        while i < n {
            let c = text[i];
            i += 1;
            if c != '%' {
                out.push(c);
                continue;
            }
            if i >= n {
                return Err(incomplete(self));
            }
            if text[i] == '%' {
                out.push('%');
                i += 1;
                continue;
            }
            if text[i] == '(' {
                if !mapping {
                    return Err(self.raise("TypeError", "format requires a mapping".into()));
                }
                let start = i + 1;
                let mut depth = 1;
                i += 1;
                while i < n && depth > 0 {
                    match text[i] {
                        '(' => depth += 1,
                        ')' => depth -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if depth > 0 {
                    return Err(self.raise("ValueError", "incomplete format key".into()));
                }
                let key: String = text[start..i - 1].iter().collect();
                let k = if bytes_mode {
                    let data: Vec<u8> = key.chars().map(|c| c as u32 as u8).collect();
                    bytes::new(&self.alloc(), &data)?.raw()
                } else {
                    pystr::new(&self.alloc(), &key)?.raw()
                };
                let value = self.getitem(self.held(args_h), k)?;
                let h = self.roots.handles.open(value);
                held.push(h);
                source = Source::Single { h, used: false };
            }
            let mut spec = Spec::default();
            loop {
                if i >= n {
                    return Err(incomplete(self));
                }
                match text[i] {
                    '-' => spec.left = true,
                    '+' => spec.plus = true,
                    ' ' => spec.space = true,
                    '#' => spec.alt = true,
                    '0' => spec.zero = true,
                    _ => break,
                }
                i += 1;
            }
            if text[i] == '*' {
                let w = self.star_arg(&mut source)?;
                if w < 0 {
                    spec.left = true;
                }
                spec.width = w.unsigned_abs() as usize;
                i += 1;
            } else {
                spec.width = self.digits_arg(text, &mut i, "width")?;
            }
            if i < n && text[i] == '.' {
                i += 1;
                if i < n && text[i] == '*' {
                    spec.prec = Some(self.star_arg(&mut source)?.max(0) as usize);
                    i += 1;
                } else {
                    spec.prec = Some(self.digits_arg(text, &mut i, "precision")?);
                }
            }
            // C length modifiers are accepted and ignored.
            while i < n && matches!(text[i], 'h' | 'l' | 'L') {
                i += 1;
            }
            if i >= n {
                return Err(incomplete(self));
            }
            let conv = text[i];
            let conv_index = i;
            i += 1;
            let arg = self.next_arg(&mut source)?;
            self.convert_one(&mut out, &spec, conv, conv_index, arg, bytes_mode)?;
        }
        let unused = match source {
            Source::Tuple { next, len, .. } => next < len,
            Source::Single { used, .. } => !used,
        };
        if unused && !mapping {
            let what = if bytes_mode { "bytes" } else { "string" };
            return Err(self.raise(
                "TypeError",
                format!("not all arguments converted during {what} formatting"),
            ));
        }
        Ok(out)
    }

    fn next_arg(&mut self, source: &mut Source) -> PyResult<RawRef> {
        let r = match source {
            Source::Tuple { h, next, len } if *next < *len => {
                let t = self.obj(self.held(*h));
                let v = tuple::get(t, *next).raw();
                *next += 1;
                Some(v)
            }
            Source::Single { h, used } if !*used => {
                *used = true;
                Some(self.held(*h))
            }
            _ => None,
        };
        r.ok_or_else(|| self.raise("TypeError", "not enough arguments for format string".into()))
    }

    /// A `*` width or precision: an int argument.
    fn star_arg(&mut self, source: &mut Source) -> PyResult<i64> {
        let v = self.next_arg(source)?;
        match self.int_of(v) {
            Some(x) => num_traits::ToPrimitive::to_i64(&x)
                .filter(|x| x.unsigned_abs() <= isize::MAX as u64)
                .ok_or_else(|| self.raise("ValueError", "width too big".into())),
            None => Err(self.raise("TypeError", "* wants int".into())),
        }
    }

    /// A decimal width or precision in the template.
    fn digits_arg(&mut self, text: &[char], i: &mut usize, what: &str) -> PyResult<usize> {
        let mut v: usize = 0;
        while *i < text.len() {
            let Some(d) = text[*i].to_digit(10).filter(|_| text[*i].is_ascii_digit()) else {
                break;
            };
            v = v
                .checked_mul(10)
                .and_then(|v| v.checked_add(d as usize))
                .filter(|v| *v <= isize::MAX as usize)
                .ok_or_else(|| self.raise("ValueError", format!("{what} too big")))?;
            *i += 1;
        }
        Ok(v)
    }

    /// One conversion of `arg` appended to `out`.
    fn convert_one(
        &mut self,
        out: &mut String,
        spec: &Spec,
        conv: char,
        conv_index: usize,
        arg: RawRef,
        bytes_mode: bool,
    ) -> PyResult<()> {
        match conv {
            's' | 'b' if bytes_mode => {
                let o = self.obj(arg);
                if instances(o) != Instances::Bytes {
                    let t = self.type_name(arg);
                    return Err(self.raise(
                        "TypeError",
                        format!(
                            "%b requires a bytes-like object, or an object that implements \
                             __bytes__, not '{t}'"
                        ),
                    ));
                }
                let s: String = bytes::data(o).iter().map(|b| *b as char).collect();
                self.text_conversion(out, spec, &s);
            }
            's' => {
                // `str()` and `repr()` of extension objects will call into them: these are
                // the points where a safepoint becomes reachable.
                let s = self.str_text(arg)?;
                self.text_conversion(out, spec, &s);
            }
            'r' | 'a' => {
                let r = self.repr_text(arg)?;
                let s = if conv == 'a' || bytes_mode {
                    ascii_escape(&r)
                } else {
                    r
                };
                self.text_conversion(out, spec, &s);
            }
            'c' => {
                let c = self.char_arg(arg, bytes_mode)?;
                spec.pad_text(out, c.encode_utf8(&mut [0; 4]));
            }
            'd' | 'i' | 'u' => {
                let v = match self.num_of(arg) {
                    Some(Num::Int(v)) => v,
                    Some(Num::Float(f)) => self.float_to_int(f)?,
                    None => {
                        let t = self.type_name(arg);
                        return Err(self.raise(
                            "TypeError",
                            format!("%{conv} format: a real number is required, not {t}"),
                        ));
                    }
                };
                self.int_conversion(out, spec, conv, &v)?;
            }
            'o' | 'x' | 'X' => {
                let Some(v) = self.int_of(arg) else {
                    let t = self.type_name(arg);
                    return Err(self.raise(
                        "TypeError",
                        format!("%{conv} format: an integer is required, not {t}"),
                    ));
                };
                self.int_conversion(out, spec, conv, &v)?;
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let f = match self.num_of(arg) {
                    Some(n) => self.num_to_f64(&n)?,
                    None => {
                        let t = self.type_name(arg);
                        return Err(
                            self.raise("TypeError", format!("must be real number, not {t}"))
                        );
                    }
                };
                float_conversion(out, spec, conv, f);
            }
            _ => {
                let n = conv as u32;
                let shown = if (0x20..0x7f).contains(&n) { conv } else { '?' };
                return Err(self.raise(
                    "ValueError",
                    format!(
                        "unsupported format character '{shown}' ({n:#x}) at index {conv_index}"
                    ),
                ));
            }
        }
        Ok(())
    }

    fn text_conversion(&self, out: &mut String, spec: &Spec, s: &str) {
        match spec.prec {
            Some(p) => {
                let cut: String = s.chars().take(p).collect();
                spec.pad_text(out, &cut)
            }
            None => spec.pad_text(out, s),
        }
    }

    /// The character of `%c`.
    fn char_arg(&mut self, arg: RawRef, bytes_mode: bool) -> PyResult<char> {
        let o = self.obj(arg);
        if bytes_mode {
            let single = (instances(o) == Instances::Bytes && bytes::data(o).len() == 1)
                .then(|| bytes::data(o)[0]);
            if let Some(b) = single {
                return Ok(b as char);
            }
            return match self.int_of(arg) {
                Some(v) => match num_traits::ToPrimitive::to_u8(&v) {
                    Some(b) => Ok(b as char),
                    None => Err(self.raise("OverflowError", "%c arg not in range(256)".into())),
                },
                None => Err(self.raise(
                    "TypeError",
                    "%c requires an integer in range(256) or a single byte".into(),
                )),
            };
        }
        if instances(o) == Instances::Str {
            let mut cs = pystr::as_str(o).chars();
            if let (Some(c), None) = (cs.next(), cs.next()) {
                return Ok(c);
            }
        } else if let Some(v) = self.int_of(arg) {
            let n = num_traits::ToPrimitive::to_u32(&v).filter(|n| *n < 0x110000);
            return match n {
                Some(n) => char::from_u32(n).ok_or_else(|| {
                    // CPython's str holds lone surrogates; hpymove's str is UTF-8.
                    self.raise(
                        "ValueError",
                        format!(
                            "%c arg {n:#x} is a lone surrogate, which hpymove's str cannot hold"
                        ),
                    )
                }),
                None => Err(self.raise("OverflowError", "%c arg not in range(0x110000)".into())),
            };
        }
        Err(self.raise("TypeError", "%c requires int or char".into()))
    }

    fn int_conversion(
        &mut self,
        out: &mut String,
        spec: &Spec,
        conv: char,
        v: &BigInt,
    ) -> PyResult<()> {
        let m = v.magnitude();
        let (mut digits, prefix) = match conv {
            'o' => (m.to_str_radix(8), "0o"),
            'x' => (m.to_str_radix(16), "0x"),
            'X' => (m.to_str_radix(16).to_ascii_uppercase(), "0X"),
            _ => (self.int_decimal(v)?.trim_start_matches('-').to_string(), ""),
        };
        if let Some(p) = spec.prec {
            if digits.len() < p {
                digits = "0".repeat(p - digits.len()) + &digits;
            }
        }
        let prefix = if spec.alt { prefix } else { "" };
        let lead = format!("{}{prefix}", spec.sign(v.is_negative()));
        spec.pad_number(out, &lead, &digits);
        Ok(())
    }

    /// `v` in decimal, or CPython's ValueError when it has more digits than
    /// `sys.get_int_max_str_digits()` allows (decided from its size when that is enough,
    /// as CPython does, to spare a quadratic conversion).
    pub(crate) fn int_decimal(&mut self, v: &BigInt) -> PyResult<String> {
        let limit = self.int_max_str_digits;
        let bits = v.bits();
        // A number of `bits` bits has between floor((bits - 1) * log10(2)) + 1 and
        // floor(bits * log10(2)) + 1 decimal digits.
        let log10_2 = std::f64::consts::LOG10_2;
        if limit != 0 && bits > 1 && ((bits - 1) as f64 * log10_2).floor() as usize + 1 > limit {
            return Err(self.raise_int_str_limit());
        }
        let text = v.to_string();
        let digits = text.len() - usize::from(v.is_negative());
        if limit != 0 && digits > limit {
            return Err(self.raise_int_str_limit());
        }
        Ok(text)
    }

    /// CPython's error for a decimal conversion of an int with too many digits.
    pub(crate) fn raise_int_str_limit(&mut self) -> Raised {
        let limit = self.int_max_str_digits;
        self.raise(
            "ValueError",
            format!(
                "Exceeds the limit ({limit} digits) for integer string \
                 conversion; use sys.set_int_max_str_digits() to increase the limit"
            ),
        )
    }
}

fn float_conversion(out: &mut String, spec: &Spec, conv: char, f: f64) {
    let upper = conv.is_ascii_uppercase();
    let prec = spec.prec.unwrap_or(6);
    let x = f.abs();
    let body = if f.is_nan() {
        "nan".to_string()
    } else if f.is_infinite() {
        "inf".to_string()
    } else {
        match conv.to_ascii_lowercase() {
            'f' => {
                let s = format!("{x:.prec$}");
                if spec.alt && prec == 0 {
                    s + "."
                } else {
                    s
                }
            }
            'e' => exp_format(x, prec, spec.alt),
            _ => general_format(x, prec, spec.alt),
        }
    };
    let body = if upper {
        body.to_ascii_uppercase()
    } else {
        body
    };
    // A NaN's sign bit is not shown.
    let sign = spec.sign(f.is_sign_negative() && !f.is_nan());
    spec.pad_number(out, sign, &body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn general_format_matches_c() {
        assert_eq!(general_format(100000.0, 6, false), "100000");
        assert_eq!(general_format(1e6, 6, false), "1e+06");
        assert_eq!(general_format(0.0001, 6, false), "0.0001");
        assert_eq!(general_format(1e-5, 6, false), "1e-05");
        assert_eq!(general_format(1234567.0, 3, false), "1.23e+06");
        assert_eq!(general_format(0.00012345, 3, false), "0.000123");
        assert_eq!(general_format(100.0, 3, true), "100.");
        assert_eq!(general_format(1.0, 6, true), "1.00000");
        assert_eq!(general_format(0.0, 6, false), "0");
        assert_eq!(general_format(0.1, 17, false), "0.10000000000000001");
        assert_eq!(exp_format(3.0, 0, true), "3.e+00");
        assert_eq!(exp_format(1.5e-300, 6, false), "1.500000e-300");
    }
}
