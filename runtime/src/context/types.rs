//! Type queries. (Creating types from specs arrives with extension types.)

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext};

use super::enter;
use crate::error::PyResult;
use crate::objects::types;
use crate::state::State;

/// The type behind handle `h`, or a TypeError naming `func`.
fn type_arg(st: &mut State, h: HPy, func: &str) -> PyResult<gc::RawRef> {
    let r = st.get(h, func)?;
    if st.obj(r).kind() == st.b.kinds.type_ {
        return Ok(r);
    }
    let t = st.type_name(r);
    Err(st.raise("TypeError", format!("{func}: expected a type, got '{t}'")))
}

/// `tp_name` (`"int"`, `"mymod.Point"`) as a non-moving copy tied to the handle it came
/// through, like every raw pointer the runtime hands out (DESIGN.md).
pub(crate) unsafe extern "C" fn ctx_Type_GetName(
    ctx: *mut HPyContext,
    type_: HPy,
) -> *const c_char {
    enter(ctx, "HPyType_GetName", std::ptr::null(), |st| {
        let t = type_arg(st, type_, "HPyType_GetName")?;
        Ok(super::text::raw_copy(st, type_, |st| {
            types::data(st.obj(t)).tp_name.as_bytes().to_vec()
        }))
    })
}

pub(crate) unsafe extern "C" fn ctx_Type_IsSubtype(
    ctx: *mut HPyContext,
    sub: HPy,
    type_: HPy,
) -> i32 {
    enter(ctx, "HPyType_IsSubtype", -1, |st| {
        let s = type_arg(st, sub, "HPyType_IsSubtype")?;
        let t = type_arg(st, type_, "HPyType_IsSubtype")?;
        Ok(types::is_subtype(st.obj(s), st.obj(t)) as i32)
    })
}
