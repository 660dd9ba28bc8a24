//! Generic object operations: attributes, truth, comparison, hashing, repr and str.

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_hash_t};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::types::Instances;
use crate::objects::{str as pystr, type_of, types};
use crate::protocols::compare::{compare, compare_object, truth, EQ, NE};
use crate::state::State;

fn name_arg(st: &mut State, name: HPy, func: &str) -> PyResult<String> {
    let r = st.get(name, func)?;
    let o = st.obj(r);
    if types::data(type_of(o)).instances == Instances::Str {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("attribute name must be string, not '{t}'"),
    ))
}

pub(crate) unsafe extern "C" fn ctx_GetAttr(ctx: *mut HPyContext, obj: HPy, name: HPy) -> HPy {
    enter(ctx, "HPy_GetAttr", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetAttr")?;
        let n = name_arg(st, name, "HPy_GetAttr")?;
        let v = st.getattr(o, &n)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_GetAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
) -> HPy {
    enter(ctx, "HPy_GetAttr_s", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_GetAttr_s")?;
        let v = st.getattr(o, n)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_HasAttr(ctx: *mut HPyContext, obj: HPy, name: HPy) -> i32 {
    enter(ctx, "HPy_HasAttr", 0, |st| {
        let o = st.get(obj, "HPy_HasAttr")?;
        let n = name_arg(st, name, "HPy_HasAttr")?;
        Ok(st.lookup_attr(o, &n).is_some() as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_HasAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
) -> i32 {
    enter(ctx, "HPy_HasAttr_s", 0, |st| {
        let o = st.get(obj, "HPy_HasAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_HasAttr_s")?;
        Ok(st.lookup_attr(o, n).is_some() as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetAttr(
    ctx: *mut HPyContext,
    obj: HPy,
    name: HPy,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetAttr", -1, |st| {
        let o = st.get(obj, "HPy_SetAttr")?;
        let n = name_arg(st, name, "HPy_SetAttr")?;
        let v = if value._i == 0 {
            gc::RawRef::NULL
        } else {
            st.get(value, "HPy_SetAttr")?
        };
        st.setattr(o, &n, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetAttr_s", -1, |st| {
        let o = st.get(obj, "HPy_SetAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_SetAttr_s")?;
        let v = if value._i == 0 {
            gc::RawRef::NULL
        } else {
            st.get(value, "HPy_SetAttr_s")?
        };
        st.setattr(o, n, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_IsTrue(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPy_IsTrue", -1, |st| {
        let r = st.get(h, "HPy_IsTrue")?;
        Ok(truth(st, r)? as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Hash(ctx: *mut HPyContext, obj: HPy) -> HPy_hash_t {
    enter(ctx, "HPy_Hash", -1, |st| {
        let r = st.get(obj, "HPy_Hash")?;
        Ok(st.hash(r)? as HPy_hash_t)
    })
}

pub(crate) unsafe extern "C" fn ctx_Repr(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Repr", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Repr")?;
        let s = st.repr_text(r)?;
        let o = pystr::new(&st.alloc(), &s)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_Str(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Str", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Str")?;
        // An exact str is its own str(), as in CPython.
        if type_of(st.obj(r)).raw() == st.b.str_type {
            return Ok(st.roots.handles.open(r));
        }
        let s = st.str_text(r)?;
        let o = pystr::new(&st.alloc(), &s)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_RichCompare(
    ctx: *mut HPyContext,
    v: HPy,
    w: HPy,
    op: i32,
) -> HPy {
    enter(ctx, "HPy_RichCompare", HPy_NULL, |st| {
        let a = st.get(v, "HPy_RichCompare")?;
        let b = st.get(w, "HPy_RichCompare")?;
        let o = compare_object(st, a, b, op)?;
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_RichCompareBool(
    ctx: *mut HPyContext,
    v: HPy,
    w: HPy,
    op: i32,
) -> i32 {
    enter(ctx, "HPy_RichCompareBool", -1, |st| {
        let a = st.get(v, "HPy_RichCompareBool")?;
        let b = st.get(w, "HPy_RichCompareBool")?;
        // Identity implies equality here (CPython's PyObject_RichCompareBool), so a NaN
        // equals itself when compared through this function.
        if a == b && (op == EQ || op == NE) {
            return Ok((op == EQ) as i32);
        }
        Ok(compare(st, a, b, op)? as i32)
    })
}
