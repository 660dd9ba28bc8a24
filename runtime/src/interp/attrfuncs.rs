//! The attribute builtins: `hasattr`, `getattr`, `setattr`, `delattr`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::str as pystr;
use crate::state::State;

/// The attribute name argument: a str, or CPython's TypeError.
fn name_arg(st: &mut State, func: &str, r: RawRef) -> PyResult<String> {
    let o = st.obj(r);
    if o.kind() == st.b.kinds.str_ {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(r);
    let msg = if func == "getattr" || func == "hasattr" || func == "delattr" || func == "setattr" {
        format!("attribute name must be string, not '{t}'")
    } else {
        format!("{func}(): attribute name must be string")
    };
    Err(st.raise("TypeError", msg))
}

pub(super) fn getattr(
    st: &mut State,
    _: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "getattr", args, kwargs, 2, 3)?;
    let name = name_arg(st, "getattr", args[1])?;
    let di = st.push(args.get(2).copied().unwrap_or(RawRef::NULL));
    let r = st.getattr(args[0], &name);
    let default = st.at(di);
    st.truncate(di);
    match r {
        Err(e) if !default.is_null() => {
            if st.exc_is("AttributeError") {
                st.roots.exc = RawRef::NULL;
                Ok(default)
            } else {
                Err(e)
            }
        }
        other => other,
    }
}

pub(super) fn hasattr(
    st: &mut State,
    _: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "hasattr", args, kwargs, 2, 2)?;
    let name = name_arg(st, "hasattr", args[1])?;
    match st.getattr(args[0], &name) {
        Ok(_) => Ok(st.b.true_),
        Err(e) => {
            if st.exc_is("AttributeError") {
                st.roots.exc = RawRef::NULL;
                Ok(st.b.false_)
            } else {
                Err(e)
            }
        }
    }
}

pub(super) fn setattr(
    st: &mut State,
    _: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "setattr", args, kwargs, 3, 3)?;
    let name = name_arg(st, "setattr", args[1])?;
    st.setattr(args[0], &name, args[2])?;
    Ok(st.b.none)
}

pub(super) fn delattr(
    st: &mut State,
    _: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "delattr", args, kwargs, 2, 2)?;
    let name = name_arg(st, "delattr", args[1])?;
    st.setattr(args[0], &name, RawRef::NULL)?;
    Ok(st.b.none)
}
