//! The pending exception.

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext, HPy_NULL};

use super::{c_str, enter};
use crate::objects::{exception, tuple, type_of, types};

pub(crate) unsafe extern "C" fn ctx_Err_SetString(
    ctx: *mut HPyContext,
    h_type: HPy,
    utf8_message: *const c_char,
) -> HPy {
    enter(ctx, "HPyErr_SetString", HPy_NULL, |st| {
        let t = st.get(h_type, "HPyErr_SetString")?;
        let msg = c_str(st, utf8_message, "HPyErr_SetString")?;
        if !exception::is_exception_type(&st.alloc(), st.obj(t)) {
            return Err(st.raise(
                "SystemError",
                "exception is not a BaseException subclass".into(),
            ));
        }
        st.raise_type(t, msg);
        Ok(HPy_NULL)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_SetObject(
    ctx: *mut HPyContext,
    h_type: HPy,
    h_value: HPy,
) -> HPy {
    enter(ctx, "HPyErr_SetObject", HPy_NULL, |st| {
        let t = st.get(h_type, "HPyErr_SetObject")?;
        let v = if h_value._i == 0 {
            None
        } else {
            Some(st.get(h_value, "HPyErr_SetObject")?)
        };
        let a = st.alloc();
        if !exception::is_exception_type(&a, st.obj(t)) {
            return Err(st.raise(
                "SystemError",
                "exception is not a BaseException subclass".into(),
            ));
        }
        // An instance of the type is raised as is; a tuple is the args; anything else is
        // the single argument (CPython's normalization).
        let e = match v.map(|v| st.obj(v)) {
            Some(v) if types::is_subtype(type_of(v), st.obj(t)) => v.raw(),
            Some(v) if v.kind() == st.b.kinds.tuple => exception::new(&a, t, v)?.raw(),
            Some(v) => {
                let args = tuple::new(&a, &[v])?;
                exception::new(&a, t, args)?.raw()
            }
            None => {
                let args = tuple::new(&a, &[])?;
                exception::new(&a, t, args)?.raw()
            }
        };
        st.roots.exc = e;
        Ok(HPy_NULL)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_Occurred(ctx: *mut HPyContext) -> i32 {
    enter(ctx, "HPyErr_Occurred", 0, |st| Ok(st.exc_pending() as i32))
}

pub(crate) unsafe extern "C" fn ctx_Err_ExceptionMatches(ctx: *mut HPyContext, exc: HPy) -> i32 {
    enter(ctx, "HPyErr_ExceptionMatches", 0, |st| {
        if st.roots.exc.is_null() {
            return Ok(0);
        }
        let given = st.get(exc, "HPyErr_ExceptionMatches")?;
        let t = type_of(st.obj(st.roots.exc));
        let g = st.obj(given);
        // A tuple matches if any of its items does.
        let candidates: Vec<_> = if g.kind() == st.b.kinds.tuple {
            tuple::items(g).collect()
        } else {
            vec![g]
        };
        Ok(candidates
            .iter()
            .any(|c| c.kind() == st.b.kinds.type_ && types::is_subtype(t, *c)) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_Clear(ctx: *mut HPyContext) {
    enter(ctx, "HPyErr_Clear", (), |st| {
        st.roots.exc = gc::RawRef::NULL;
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_NoMemory(ctx: *mut HPyContext) -> HPy {
    enter(ctx, "HPyErr_NoMemory", HPy_NULL, |st| {
        st.roots.exc = st.b.memory_error;
        Ok(HPy_NULL)
    })
}
