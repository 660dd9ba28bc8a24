//! `HPyContextVar_New`, `_Get`, `_Set` (CPython's `PyContextVar_*` semantics).

use std::ffi::c_char;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::{contextvar, str as pystr, type_of};
use crate::state::State;

fn var_arg(st: &mut State, h: HPy, func: &str) -> PyResult<RawRef> {
    let v = st.get(h, func)?;
    if type_of(st.obj(v)).raw() != st.b.contextvar_type {
        return Err(st.raise("TypeError", "an instance of ContextVar was expected".into()));
    }
    Ok(v)
}

pub(crate) unsafe extern "C" fn ctx_ContextVar_New(
    ctx: *mut HPyContext,
    name: *const c_char,
    default_value: HPy,
) -> HPy {
    const F: &str = "HPyContextVar_New";
    enter(ctx, F, HPy_NULL, |st| {
        let name = c_str(st, name, F)?.to_string();
        let default = if default_value._i == 0 {
            RawRef::NULL
        } else {
            st.get(default_value, F)?
        };
        let a = st.alloc();
        let n = pystr::new(&a, &name)?;
        let d = (!default.is_null()).then(|| st.obj(default));
        let v = contextvar::new_var(&a, n, d)?.raw();
        Ok(st.roots.handles.open(v))
    })
}

/// `*result`: the value set, else `default_value`, else the variable's default, else
/// `HPy_NULL` with no error (CPython's `PyContextVar_Get`); -1 with an exception if
/// `context_var` is not a context variable.
pub(crate) unsafe extern "C" fn ctx_ContextVar_Get(
    ctx: *mut HPyContext,
    context_var: HPy,
    default_value: HPy,
    result: *mut HPy,
) -> i32 {
    const F: &str = "HPyContextVar_Get";
    enter(ctx, F, -1, |st| {
        if result.is_null() {
            return Err(st.raise("SystemError", format!("{F}: NULL result pointer")));
        }
        let v = var_arg(st, context_var, F)?;
        let vo = st.obj(v);
        let found = match contextvar::value(vo) {
            r if !r.is_null() => r,
            _ if default_value._i != 0 => st.get(default_value, F)?,
            _ => contextvar::default(st.obj(v)),
        };
        let h = if found.is_null() {
            HPy_NULL
        } else {
            st.roots.handles.open(found)
        };
        // SAFETY: checked non-null; the extension passes a place for one handle.
        unsafe { *result = h };
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_ContextVar_Set(
    ctx: *mut HPyContext,
    context_var: HPy,
    value: HPy,
) -> HPy {
    const F: &str = "HPyContextVar_Set";
    enter(ctx, F, HPy_NULL, |st| {
        let v = var_arg(st, context_var, F)?;
        let x = st.get(value, F)?;
        let a = st.alloc();
        let t = contextvar::set(&a, st.obj(v), st.obj(x))?.raw();
        Ok(st.roots.handles.open(t))
    })
}
