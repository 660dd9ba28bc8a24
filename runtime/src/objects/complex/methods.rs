//! The methods of `complex` (its attributes `real` and `imag` are in
//! `protocols/attribute.rs`, its operators in `protocols/number/complex.rs`).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::{Args, Method};
use crate::objects::args_check::*;
use crate::objects::{complex, float, tuple};
use crate::state::State;

/// The value of the complex a method runs on, and the arguments after it.
fn complex_self<'k>(
    st: &mut State,
    args: Args<'k>,
    name: &str,
) -> PyResult<((f64, f64), Args<'k>)> {
    let args = receiver(st, args, "complex", name)?;
    let me = args.receiver(st);
    let o = st.obj(me);
    if o.kind() != st.b.kinds.complex {
        let t = st.type_name(me);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{name}' for 'complex' objects doesn't apply to a '{t}' object"),
        ));
    }
    Ok((complex::value(o), args))
}

/// `c.conjugate()`
fn complex_conjugate(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let ((re, im), args) = complex_self(st, args, "conjugate")?;
    no_args(st, "complex.conjugate", args)?;
    Ok(complex::new(&st.alloc(), re, -im)?.raw())
}

/// `c.__complex__()`: `c` itself when exactly a complex, else a complex with its value.
fn complex_complex(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let ((re, im), args) = complex_self(st, args, "__complex__")?;
    no_args(st, "complex.__complex__", args)?;
    let me = args.receiver(st);
    if crate::objects::type_of(st.obj(me)).raw() == st.b.complex_type {
        return Ok(me);
    }
    Ok(complex::new(&st.alloc(), re, im)?.raw())
}

/// `c.__getnewargs__()`: `(real, imag)`, what pickling and `copy` rebuild it from.
fn complex_getnewargs(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let ((re, im), args) = complex_self(st, args, "__getnewargs__")?;
    no_args(st, "complex.__getnewargs__", args)?;
    let a = st.alloc();
    let (r, i) = (float::new(&a, re)?, float::new(&a, im)?);
    Ok(tuple::new(&a, &[r, i])?.raw())
}

/// The methods of `complex`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("conjugate", complex_conjugate),
    ("__complex__", complex_complex),
    ("__getnewargs__", complex_getnewargs),
];
