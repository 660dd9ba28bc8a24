//! `format(value, spec)` (CPython's `PyObject_Format`): a class's own `__format__` first,
//! then the builtin format-spec mini-language for int, float and str, after an optional
//! `!s`/`!r`/`!a` conversion (f-strings, `format()`, `str.format`).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::types::Instances;
use crate::objects::{float, int, str as pystr, type_of, types};
use crate::state::State;

impl State {
    /// `format(value, spec)` after an optional `!s`/`!r`/`!a` conversion.
    pub(crate) fn format_value(
        &mut self,
        v: RawRef,
        conv: Option<char>,
        spec: &str,
    ) -> PyResult<String> {
        if conv.is_none() && self.py_method(v, "__format__").is_some() {
            let vi = self.push(v);
            let s = pystr::new(&self.alloc(), spec)?.raw();
            let v = self.at(vi);
            self.truncate(vi);
            let r = self
                .up_call_dunder(v, "__format__", &[s])
                .expect("checked")?;
            return self.text_result(r, "__format__").map_err(|e| {
                if self.exc_is("TypeError") {
                    let t = self.type_name(r);
                    self.roots.exc = RawRef::NULL;
                    self.raise(
                        "TypeError",
                        format!("__format__ must return a str, not {t}"),
                    )
                } else {
                    e
                }
            });
        }
        let text = match conv {
            Some('r') => self.repr_text(v)?,
            Some('a') => self.repr_text(v)?.escape_default().to_string(),
            Some('s') => self.str_text(v)?,
            _ if spec.is_empty() => self.str_text(v)?,
            _ => return format_spec(self, v, spec),
        };
        if spec.is_empty() {
            Ok(text)
        } else {
            let s = pystr::new(&self.alloc(), &text)?.raw();
            format_spec(self, s, spec)
        }
    }
}

/// `format(value, spec)` for int, float and str: `[[fill]align][sign][#][0][width][,][.prec][type]`.
pub(crate) fn format_spec(st: &mut State, v: RawRef, spec: &str) -> PyResult<String> {
    let o = st.obj(v);
    let inst = types::data(type_of(o)).instances;
    if inst == Instances::Complex {
        return super::complex_format::format_complex(st, v, spec);
    }
    let mut chars: Vec<char> = spec.chars().collect();
    let (mut fill, mut align) = (' ', None);
    if chars.len() >= 2 && "<>^=".contains(chars[1]) {
        fill = chars[0];
        align = Some(chars[1]);
        chars.drain(..2);
    } else if !chars.is_empty() && "<>^=".contains(chars[0]) {
        align = Some(chars[0]);
        chars.drain(..1);
    }
    let mut sign = '-';
    if !chars.is_empty() && "+- ".contains(chars[0]) {
        sign = chars[0];
        chars.drain(..1);
    }
    let mut alt = false;
    if chars.first() == Some(&'#') {
        alt = true;
        chars.drain(..1);
    }
    if chars.first() == Some(&'0') {
        if align.is_none() {
            fill = '0';
            align = Some('=');
        }
        chars.drain(..1);
    }
    let mut width = 0usize;
    while let Some(c) = chars.first().and_then(|c| c.to_digit(10)) {
        width = width * 10 + c as usize;
        chars.drain(..1);
    }
    let mut grouping = None;
    if let Some(&c) = chars.first() {
        if c == ',' || c == '_' {
            grouping = Some(c);
            chars.drain(..1);
        }
    }
    let mut prec = None;
    if chars.first() == Some(&'.') {
        chars.drain(..1);
        let mut p = 0usize;
        while let Some(c) = chars.first().and_then(|c| c.to_digit(10)) {
            p = p * 10 + c as usize;
            chars.drain(..1);
        }
        prec = Some(p);
    }
    let ty = chars.first().copied();
    if chars.len() > 1 {
        return Err(st.raise("ValueError", "Invalid format specifier".into()));
    }
    let is_bool = o.kind() == st.b.kinds.bool_;
    let (negative, body): (bool, String) = match (inst, ty) {
        (Instances::Str, None | Some('s')) => {
            let mut s = pystr::as_str(o).to_string();
            if let Some(p) = prec {
                s = s.chars().take(p).collect();
            }
            (false, s)
        }
        (Instances::Int, _) | (_, _) if is_bool || inst == Instances::Int => {
            let n = if is_bool {
                num_bigint::BigInt::from(o.word(crate::objects::W_DATA))
            } else {
                int::to_bigint(o)
            };
            match ty {
                None | Some('d') | Some('n') => {
                    let neg = n.sign() == num_bigint::Sign::Minus;
                    let text = st.int_decimal(&n)?;
                    let mut digits = text.trim_start_matches('-').to_string();
                    if let Some(g) = grouping {
                        digits = group(&digits, g, 3);
                    }
                    (neg, digits)
                }
                Some(t @ ('x' | 'X' | 'o' | 'b')) => {
                    let neg = n.sign() == num_bigint::Sign::Minus;
                    let radix = match t {
                        'x' | 'X' => 16,
                        'o' => 8,
                        _ => 2,
                    };
                    let mut digits = n.magnitude().to_str_radix(radix);
                    if t == 'X' {
                        digits = digits.to_uppercase();
                    }
                    if alt {
                        digits = format!("0{t}{digits}");
                    }
                    (neg, digits)
                }
                Some('c') => {
                    let c = num_traits::ToPrimitive::to_u32(&n).and_then(char::from_u32);
                    match c {
                        Some(c) => (false, c.to_string()),
                        None => {
                            return Err(
                                st.raise("OverflowError", "%c arg not in range(0x110000)".into())
                            )
                        }
                    }
                }
                Some(t @ ('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%')) => {
                    let f = num_traits::ToPrimitive::to_f64(&n).unwrap_or(f64::INFINITY);
                    float_body(f, Some(t), prec, grouping)
                }
                Some(t) => {
                    return Err(st.raise(
                        "ValueError",
                        format!("Unknown format code '{t}' for object of type 'int'"),
                    ))
                }
            }
        }
        (Instances::Float, t @ (None | Some('f' | 'F' | 'e' | 'E' | 'g' | 'G' | '%'))) => {
            float_body(float::value(o), t, prec, grouping)
        }
        (Instances::Float, Some(t)) => {
            return Err(st.raise(
                "ValueError",
                format!("Unknown format code '{t}' for object of type 'float'"),
            ))
        }
        (Instances::Str, Some(t)) => {
            return Err(st.raise(
                "ValueError",
                format!("Unknown format code '{t}' for object of type 'str'"),
            ))
        }
        _ => {
            let t = st.type_name(v);
            return Err(st.raise(
                "TypeError",
                format!("unsupported format string passed to {t}.__format__"),
            ));
        }
    };
    let sign_text = match (negative, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    let default_align = if inst == Instances::Str { '<' } else { '>' };
    let align = align.unwrap_or(default_align);
    let len = sign_text.chars().count() + body.chars().count();
    let pad = width.saturating_sub(len);
    let fills = |n: usize| fill.to_string().repeat(n);
    Ok(match align {
        '<' => format!("{sign_text}{body}{}", fills(pad)),
        '^' => format!(
            "{}{sign_text}{body}{}",
            fills(pad / 2),
            fills(pad - pad / 2)
        ),
        '=' => format!("{sign_text}{}{body}", fills(pad)),
        _ => format!("{}{sign_text}{body}", fills(pad)),
    })
}

fn group(digits: &str, sep: char, every: usize) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A float's digits (without the sign) for presentation type `t`.
pub(super) fn float_body(
    f: f64,
    t: Option<char>,
    prec: Option<usize>,
    grouping: Option<char>,
) -> (bool, String) {
    let neg = f.is_sign_negative() && !f.is_nan();
    let a = f.abs();
    if !a.is_finite() {
        let s = if a.is_nan() { "nan" } else { "inf" };
        let s = if matches!(t, Some('F' | 'E' | 'G')) {
            s.to_uppercase()
        } else {
            s.to_string()
        };
        return (neg, s);
    }
    let body = match t {
        Some('f' | 'F') => format!("{:.*}", prec.unwrap_or(6), a),
        Some('%') => format!("{:.*}%", prec.unwrap_or(6), a * 100.0),
        Some(e @ ('e' | 'E')) => {
            let s = exp_form(a, prec.unwrap_or(6));
            if e == 'E' {
                s.to_uppercase()
            } else {
                s
            }
        }
        Some(g @ ('g' | 'G')) => {
            let s = general(a, prec.unwrap_or(6).max(1), false);
            if g == 'G' {
                s.to_uppercase()
            } else {
                s
            }
        }
        _ => match prec {
            // No type: like 'g' but at least one digit after the point, repr when no
            // precision.
            None => float::repr(a),
            Some(p) => general(a, p.max(1), true),
        },
    };
    let body = match grouping {
        Some(g) => {
            let (int_part, rest) = match body.find(['.', 'e', '%']) {
                Some(i) => body.split_at(i),
                None => (body.as_str(), ""),
            };
            format!("{}{rest}", group(int_part, g, 3))
        }
        None => body,
    };
    (neg, body)
}

pub(super) fn exp_form(a: f64, prec: usize) -> String {
    let s = format!("{:.*e}", prec, a);
    let (m, e) = s.split_once('e').expect("exponent");
    let e: i32 = e.parse().expect("exponent");
    format!("{m}e{}{:02}", if e < 0 { '-' } else { '+' }, e.abs())
}

/// `%g`: `p` significant digits, exponent form outside 1e-4 ≤ x < 10**p, trailing zeros
/// removed (kept to one decimal when `keep_point`).
fn general(a: f64, p: usize, keep_point: bool) -> String {
    if a == 0.0 {
        return if keep_point { "0.0".into() } else { "0".into() };
    }
    let exp = a.log10().floor() as i32;
    let s = format!("{:.*e}", p - 1, a);
    let (_, e) = s.split_once('e').expect("exponent");
    let exp = e.parse::<i32>().unwrap_or(exp);
    if exp < -4 || exp >= p as i32 {
        let s = exp_form(a, p - 1);
        let (m, e) = s.split_once('e').expect("exponent");
        let m = if m.contains('.') {
            m.trim_end_matches('0').trim_end_matches('.')
        } else {
            m
        };
        format!("{m}e{e}")
    } else {
        let decimals = (p as i32 - 1 - exp).max(0) as usize;
        let s = format!("{:.*}", decimals, a);
        let s = if s.contains('.') {
            s.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            s
        };
        if keep_point && !s.contains('.') {
            format!("{s}.0")
        } else {
            s
        }
    }
}
