//! The iteration members appended after the 0.9 layout: `HPy_GetIter`, `HPyIter_Next`,
//! `HPyIter_Check` (CPython's `PyObject_GetIter`, `PyIter_Next`, `PyIter_Check`).

use hpy_abi::{HPy, HPyContext, HPy_NULL};

use super::enter;

pub(crate) unsafe extern "C" fn ctx_GetIter(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_GetIter", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetIter")?;
        let it = st.iter(o)?;
        Ok(st.roots.handles.open(it))
    })
}

/// The next item, or `HPy_NULL` with no error set once the iterator is exhausted.
pub(crate) unsafe extern "C" fn ctx_Iter_Next(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPyIter_Next", HPy_NULL, |st| {
        let it = st.get(obj, "HPyIter_Next")?;
        Ok(match st.next(it)? {
            Some(v) => st.roots.handles.open(v),
            None => HPy_NULL,
        })
    })
}

pub(crate) unsafe extern "C" fn ctx_Iter_Check(ctx: *mut HPyContext, obj: HPy) -> i32 {
    enter(ctx, "HPyIter_Check", 0, |st| {
        let o = st.get(obj, "HPyIter_Check")?;
        Ok(st.is_iterator(o) as i32)
    })
}
