//! Context variables (`HPyContextVar_*`, CPython's `contextvars.ContextVar`).
//!
//! The runtime has one thread and one context, so a variable holds its value itself:
//! `[type, id, name, default, value, -]` and a token `[type, id, var, old value, -, -]`,
//! both in the wrapper layout (`instance::new_wrap`); null parts are "no default", "not
//! set" and "was not set".

use gc::{ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::instance;

const NAME: usize = 0;
const DEFAULT: usize = 1;
const VALUE: usize = 2;

pub(crate) fn new_var<'h>(
    a: &Alloc<'h>,
    name: ObjRef<'_>,
    default: Option<ObjRef<'_>>,
) -> PyResult<ObjRef<'h>> {
    instance::new_wrap(a, a.b.contextvar_type, [Some(name), default, None, None])
}

pub(crate) fn name(v: ObjRef<'_>) -> RawRef {
    instance::part(v, NAME)
}

pub(crate) fn default(v: ObjRef<'_>) -> RawRef {
    instance::part(v, DEFAULT)
}

/// The value set, or null.
pub(crate) fn value(v: ObjRef<'_>) -> RawRef {
    instance::part(v, VALUE)
}

/// The variable a token was made by (`token.var`).
pub(crate) fn token_var(t: ObjRef<'_>) -> RawRef {
    instance::part(t, 0)
}

/// Sets the value; returns a token remembering the old one.
pub(crate) fn set<'h>(a: &Alloc<'h>, v: ObjRef<'_>, value: ObjRef<'_>) -> PyResult<ObjRef<'h>> {
    let old = v.get_ref(crate::objects::W_DATA + VALUE);
    let t = instance::new_wrap(a, a.b.token_type, [Some(v), old, None, None])?;
    a.set(v, crate::objects::W_DATA + VALUE, Some(value));
    Ok(t)
}
