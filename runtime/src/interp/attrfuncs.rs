//! The attribute builtins: `hasattr`, `getattr`, `setattr`, `delattr`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
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

pub(super) fn getattr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "getattr", args, 2, 3)?;
    let name = name_arg(st, "getattr", args.get(st, 1))?;
    match st.getattr_at(args.rooted(0), &name) {
        // The lookup may have run code: the default is read now.
        Err(e) => match args.opt(st, 2) {
            Some(default) if st.exc_is("AttributeError") => {
                let _ = e;
                st.roots.exc = RawRef::NULL;
                Ok(default)
            }
            _ => Err(e),
        },
        ok => ok,
    }
}

pub(super) fn hasattr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "hasattr", args, 2, 2)?;
    let name = name_arg(st, "hasattr", args.get(st, 1))?;
    match st.getattr_at(args.rooted(0), &name) {
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

pub(super) fn setattr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "setattr", args, 3, 3)?;
    let name = name_arg(st, "setattr", args.get(st, 1))?;
    st.setattr_at(args.rooted(0), &name, Some(args.rooted(2)))?;
    Ok(st.b.none)
}

pub(super) fn delattr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    super::numfuncs::positional(st, "delattr", args, 2, 2)?;
    let name = name_arg(st, "delattr", args.get(st, 1))?;
    st.setattr_at(args.rooted(0), &name, None)?;
    Ok(st.b.none)
}
