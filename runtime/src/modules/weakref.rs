//! `_weakref`: the native part of `weakref` (`runtime/stdlib/weakref.py`), over the weak
//! cells of `objects/weakref.rs`.
//! - `cell(target, owner, callback=None)`: a new cell weakly referring to `target`, held by
//!   `owner` (the Python weak reference; `callback(owner)` runs after the collection that
//!   finds `target` dead). TypeError "cannot create weak reference to 'int' object" for
//!   what CPython cannot weakly reference.
//! - `target(cell)`: the object, or None once it died; `callback(cell)`: the callback, or
//!   None (never given, or already called).
//! - `owners(obj)`: the owners of the cells still referring to `obj`, oldest first.
//! - `type_name(obj)`: the `tp_name` of `obj`'s type, as CPython's reprs show it.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{nargs, no_kwargs};
use crate::objects::str as pystr;
use crate::objects::{list, types, weakref};
use crate::state::State;

const FUNCTIONS: &[&str] = &["cell", "target", "callback", "owners", "type_name"];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_weakref", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

pub(crate) fn weakref_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    no_kwargs(st, &fname, args)?;
    match fname.as_str() {
        "cell" => {
            nargs(st, "cell", args, 2, 3)?;
            let a = st.alloc();
            let target = args.obj(st, 0);
            if !weakref::referenceable(&a, target) {
                let t = st.type_name(args.get(st, 0));
                return Err(st.raise(
                    "TypeError",
                    format!("cannot create weak reference to '{t}' object"),
                ));
            }
            let cb = args
                .opt(st, 2)
                .filter(|c| *c != st.b.none)
                .map(|c| a.heap_obj(c));
            Ok(weakref::new(&a, target, args.obj(st, 1), cb)?.raw())
        }
        "target" | "callback" => {
            nargs(st, &fname, args, 1, 1)?;
            let c = cell_arg(st, args.get(st, 0), &fname)?;
            let c = st.obj(c);
            let r = if fname == "target" {
                weakref::target(c)
            } else {
                weakref::callback(c)
            };
            Ok(if r.is_null() { st.b.none } else { r })
        }
        "owners" => {
            nargs(st, "owners", args, 1, 1)?;
            let a = st.alloc();
            let owners: Vec<_> = st
                .heap
                .weak_holders(args.obj(st, 0))
                .into_iter()
                .filter(|c| c.kind() == st.b.kinds.weakcell)
                .map(|c| a.heap_obj(weakref::owner(c)))
                .collect();
            Ok(list::new(&a, &owners)?.raw())
        }
        _ => {
            nargs(st, "type_name", args, 1, 1)?;
            let n = types::type_name_of(args.obj(st, 0));
            Ok(pystr::new(&st.alloc(), &n)?.raw())
        }
    }
}

fn cell_arg(st: &mut State, c: RawRef, fname: &str) -> PyResult<RawRef> {
    if st.obj(c).kind() == st.b.kinds.weakcell {
        return Ok(c);
    }
    let t = st.type_name(c);
    Err(st.raise(
        "TypeError",
        format!("_weakref.{fname}() argument must be a weak cell, not '{t}'"),
    ))
}
