//! `complex(real=0, imag=0)` with CPython 3.11's argument rules: a string is parsed (and
//! then no second argument is allowed); an object with `__complex__` gives its complex;
//! anything else goes through `float()` (`__float__`, then `__index__`). Complex
//! arguments combine as `real + imag*1j` would, without rounding through a product.

use gc::RawRef;
use hpy_abi::HPy;

use crate::error::PyResult;
use crate::objects::complex::{self, ParseError};
use crate::objects::types::Instances;
use crate::objects::{float, str as pystr, type_of, types};
use crate::state::State;

impl State {
    /// `complex(*args, **kwargs)`: always an exact complex (a subclass's call retypes it).
    pub(crate) fn construct_complex(
        &mut self,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let p = self.bind("complex", &["real", "imag"], 0, args, kwargs)?;
        let (r, i) = (p[0], p[1]);
        let is_str =
            |st: &State, x: RawRef| types::data(type_of(st.obj(x))).instances == Instances::Str;
        if let Some(r) = r.filter(|r| is_str(self, *r)) {
            if i.is_some() {
                return Err(self.raise(
                    "TypeError",
                    "complex() can't take second arg if first is a string".into(),
                ));
            }
            return self.complex_from_text(r);
        }
        if let Some(i) = i {
            if is_str(self, i) {
                return Err(
                    self.raise("TypeError", "complex() second arg can't be a string".into())
                );
            }
        }
        let Some(r) = r else {
            // `complex()`, `complex(imag=x)`: the real part is the int 0.
            return match i {
                None => self.new_complex((0.0, 0.0)),
                Some(i) => {
                    let hi = self.roots.handles.open(i);
                    let res = self.complex_parts(None, Some(hi));
                    let _ = self.roots.handles.close(hi);
                    res
                }
            };
        };
        if i.is_none() && type_of(self.obj(r)).raw() == self.b.complex_type {
            return Ok(r);
        }
        let hr = self.roots.handles.open(r);
        let hi = i.map(|i| self.roots.handles.open(i));
        let res = self.complex_parts(Some(hr), hi);
        for h in [Some(hr), hi].into_iter().flatten() {
            let _ = self.roots.handles.close(h);
        }
        res
    }

    /// `complex(r, i)` with both held by handles (`__complex__` and `__float__` may run
    /// code); `r` None is the int 0.
    fn complex_parts(&mut self, hr: Option<HPy>, hi: Option<HPy>) -> PyResult<RawRef> {
        let get = |st: &State, h: HPy| st.roots.handles.get(h).expect("open");
        // The real argument's `__complex__` first; its result replaces it.
        let mut r_complex = None;
        if let Some(hr) = hr {
            r_complex = self.complex_special(get(self, hr))?;
            if r_complex.is_none() && !self.is_complex_like(get(self, hr)) {
                let t = self.type_name(get(self, hr));
                return Err(self.raise(
                    "TypeError",
                    format!("complex() first argument must be a string or a number, not '{t}'"),
                ));
            }
        }
        if let Some(hi) = hi {
            if !self.is_complex_like(get(self, hi)) {
                let t = self.type_name(get(self, hi));
                return Err(self.raise(
                    "TypeError",
                    format!("complex() second argument must be a number, not '{t}'"),
                ));
            }
        }
        let (cr, cr_is_complex) = match (r_complex, hr) {
            (Some(c), _) => (c, true),
            (None, None) => ((0.0, 0.0), false),
            (None, Some(hr)) => match self.complex_of(get(self, hr)) {
                Some(c) => (c, true),
                None => ((self.float_value(get(self, hr))?, 0.0), false),
            },
        };
        let (ci, ci_is_complex) = match hi {
            None => ((cr.1, 0.0), false),
            Some(hi) => match self.complex_of(get(self, hi)) {
                Some(c) => (c, true),
                None => ((self.float_value(get(self, hi))?, 0.0), false),
            },
        };
        // real + imag*1j, part by part.
        let mut re = cr.0;
        let mut im = ci.0;
        if ci_is_complex {
            re -= ci.1;
        }
        if cr_is_complex && hi.is_some() {
            im += cr.1;
        }
        self.new_complex((re, im))
    }

    /// An argument that must be a complex number (`PyComplex_AsCComplex`, the `D`
    /// conversion of `cmath`'s functions): a complex, `__complex__`'s result, or a real
    /// number through `float()`; anything else is "must be real number".
    pub(crate) fn as_c_complex(&mut self, x: RawRef) -> PyResult<(f64, f64)> {
        if let Some(c) = self.complex_of(x) {
            return Ok(c);
        }
        if let Some(c) = self.complex_special(x)? {
            return Ok(c);
        }
        if !self.is_complex_like(x) {
            let t = self.type_name(x);
            return Err(self.raise("TypeError", format!("must be real number, not {t}")));
        }
        Ok((self.float_value(x)?, 0.0))
    }

    /// `float(x)`'s value.
    fn float_value(&mut self, x: RawRef) -> PyResult<f64> {
        let f = self.to_float(x)?;
        Ok(float::value(self.obj(f)))
    }

    /// Does `complex()` accept `x` as a number: a complex, or an object with `__float__`
    /// or `__index__` (the builtin numbers, a Python class's methods, an extension's
    /// slots)?
    fn is_complex_like(&self, x: RawRef) -> bool {
        self.complex_of(x).is_some()
            || self.num_of(x).is_some()
            || self.py_method(x, "__float__").is_some()
            || self.py_method(x, "__index__").is_some()
            || self.ext_slot(x, hpy_abi::HPy_nb_float).is_some()
            || self.ext_slot(x, hpy_abi::HPy_nb_index).is_some()
    }

    /// The value `x.__complex__()` returns, when a Python class of `x` defines it.
    fn complex_special(&mut self, x: RawRef) -> PyResult<Option<(f64, f64)>> {
        let mut ops = [x];
        let Some(r) = self.up_dunder_on_pub(&mut ops, "__complex__") else {
            return Ok(None);
        };
        let r = r?;
        match self.complex_of(r) {
            Some(c) => Ok(Some(c)),
            None => {
                let t = self.type_name(r);
                Err(self.raise(
                    "TypeError",
                    format!("__complex__ returned non-complex (type {t})"),
                ))
            }
        }
    }

    /// `complex(text)`.
    fn complex_from_text(&mut self, text: RawRef) -> PyResult<RawRef> {
        let o = self.obj(text);
        let s = pystr::as_str(o).to_string();
        match complex::parse(&s) {
            Ok(c) => self.new_complex(c),
            Err(ParseError::Malformed) => {
                Err(self.raise("ValueError", "complex() arg is a malformed string".into()))
            }
            Err(ParseError::Underscores) => {
                let repr = crate::objects::repr::repr_of(self.obj(text));
                Err(self.raise(
                    "ValueError",
                    format!("could not convert string to complex: {repr}"),
                ))
            }
        }
    }
}
