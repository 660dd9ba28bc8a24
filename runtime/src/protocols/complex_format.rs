//! `format(complex, spec)` as CPython 3.11 formats it: both parts with the float
//! presentation types (`e f g E F G n`), the imaginary part always signed when the real
//! part is shown; without a type, `str()`'s form (no real part for +0.0, parentheses
//! otherwise) with `g` digits when a precision is given. No `%`, no zero padding, no `=`
//! alignment.

use gc::RawRef;

use super::format::{exp_form, float_body};
use crate::error::PyResult;
use crate::objects::complex;
use crate::state::State;

/// The parts of a format spec that complex uses.
struct Spec {
    fill: char,
    align: Option<char>,
    sign: char,
    alt: bool,
    width: usize,
    grouping: Option<char>,
    prec: Option<usize>,
    ty: Option<char>,
}

fn parse_spec(spec: &str) -> Option<Spec> {
    let c: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let (mut fill, mut align) = (' ', None);
    if c.len() >= 2 && "<>^=".contains(c[1]) {
        fill = c[0];
        align = Some(c[1]);
        i = 2;
    } else if !c.is_empty() && "<>^=".contains(c[0]) {
        align = Some(c[0]);
        i = 1;
    }
    let mut sign = '-';
    if i < c.len() && "+- ".contains(c[i]) {
        sign = c[i];
        i += 1;
    }
    let alt = c.get(i) == Some(&'#');
    if alt {
        i += 1;
    }
    if c.get(i) == Some(&'0') {
        if align.is_none() {
            fill = '0';
        }
        i += 1;
    }
    let digits = |i: &mut usize| {
        let mut n: Option<usize> = None;
        while let Some(d) = c.get(*i).and_then(|d| d.to_digit(10)) {
            n = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as usize));
            *i += 1;
        }
        n
    };
    let width = digits(&mut i).unwrap_or(0);
    let mut grouping = None;
    if let Some(&g) = c.get(i).filter(|g| matches!(g, ',' | '_')) {
        grouping = Some(g);
        i += 1;
    }
    let mut prec = None;
    if c.get(i) == Some(&'.') {
        i += 1;
        prec = Some(digits(&mut i)?);
    }
    let ty = c.get(i).copied();
    if c.len() > i + 1 {
        return None;
    }
    Some(Spec {
        fill,
        align,
        sign,
        alt,
        width,
        grouping,
        prec,
        ty,
    })
}

/// `%#g`: `p` significant digits, trailing zeros and the point kept.
fn general_alt(a: f64, p: usize) -> String {
    let s = format!("{:.*e}", p - 1, a);
    let exp: i32 = s.split_once('e').map_or(0, |(_, e)| e.parse().unwrap_or(0));
    if exp < -4 || exp >= p as i32 {
        let e = exp_form(a, p - 1);
        if p == 1 {
            e.replacen('e', ".e", 1)
        } else {
            e
        }
    } else {
        let s = format!("{:.*}", (p as i32 - 1 - exp) as usize, a);
        if s.contains('.') {
            s
        } else {
            format!("{s}.")
        }
    }
}

/// One part's text without its sign: `(negative, digits)`.
fn part(v: f64, ty: char, spec: &Spec, prec: Option<usize>) -> (bool, String) {
    if ty == 'r' {
        let (neg, body) = float_body(v, None, None, spec.grouping);
        return match body.strip_suffix(".0") {
            Some(b) => (neg, b.to_string()),
            None => (neg, body),
        };
    }
    if spec.alt && matches!(ty, 'g' | 'G') && v.is_finite() {
        let body = general_alt(v.abs(), prec.unwrap_or(6).max(1));
        let body = if ty == 'G' { body.to_uppercase() } else { body };
        return (v.is_sign_negative(), body);
    }
    float_body(v, Some(ty), prec, spec.grouping)
}

pub(super) fn format_complex(st: &mut State, v: RawRef, spec_text: &str) -> PyResult<String> {
    let (re, im) = complex::value(st.obj(v));
    let Some(spec) = parse_spec(spec_text) else {
        return Err(st.raise("ValueError", "Invalid format specifier".into()));
    };
    if let Some(t) = spec.ty.filter(|t| !"eEfFgGn".contains(*t)) {
        return Err(st.raise(
            "ValueError",
            format!("Unknown format code '{t}' for object of type 'complex'"),
        ));
    }
    if spec.fill == '0' {
        return Err(st.raise(
            "ValueError",
            "Zero padding is not allowed in complex format specifier".into(),
        ));
    }
    if spec.align == Some('=') {
        return Err(st.raise(
            "ValueError",
            "'=' alignment flag is not allowed in complex format specifier".into(),
        ));
    }
    let (mut ty, skip_re, parens) = match spec.ty {
        None => {
            let skip = re == 0.0 && re.is_sign_positive();
            ('r', skip, !skip)
        }
        Some('n') => ('g', false, false),
        Some(t) => (t, false, false),
    };
    if ty == 'r' && spec.prec.is_some() {
        // `.3` without a type: the parts as `g`, still in `str()`'s form.
        ty = 'g';
    }
    let signed = |neg: bool, sign: char| match (neg, sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    };
    let mut text = String::new();
    if parens {
        text.push('(');
    }
    let (im_neg, im_body) = part(im, ty, &spec, spec.prec);
    if skip_re {
        text.push_str(signed(im_neg, spec.sign));
    } else {
        let (re_neg, re_body) = part(re, ty, &spec, spec.prec);
        text.push_str(signed(re_neg, spec.sign));
        text.push_str(&re_body);
        text.push_str(signed(im_neg, '+'));
    }
    text.push_str(&im_body);
    text.push('j');
    if parens {
        text.push(')');
    }
    let pad = spec.width.saturating_sub(text.chars().count());
    let fills = |n: usize| spec.fill.to_string().repeat(n);
    Ok(match spec.align.unwrap_or('>') {
        '<' => format!("{text}{}", fills(pad)),
        '^' => format!("{}{text}{}", fills(pad / 2), fills(pad - pad / 2)),
        _ => format!("{}{text}", fills(pad)),
    })
}
