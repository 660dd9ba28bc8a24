//! `_weakref`: the native part of `weakref` (`runtime/stdlib/weakref.py`), over the weak
//! references of `objects/weakref.rs`.
//! - `new(cls, target, callback=None)`: a new weak reference of Python class `cls` to
//!   `target`; `callback(ref)` runs after the collection that finds `target` dead.
//!   TypeError "cannot create weak reference to 'int' object" for what CPython cannot
//!   weakly reference.
//! - `target(ref)`: the object, or None once it died; `callback(ref)`: the callback, or
//!   None (never given, or already called); `hash(ref)`: the target's hash, computed once
//!   (TypeError "weak object has gone away" if it died first).
//! - `refs(obj)`: the weak references still referring to `obj`, oldest first.
//! - `type_name(obj)`: the `tp_name` of `obj`'s type, as CPython's reprs show it.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{nargs, new_int, no_kwargs};
use crate::objects::str as pystr;
use crate::objects::{list, types, weakref};
use crate::state::State;

const FUNCTIONS: &[&str] = &["new", "target", "callback", "hash", "refs", "type_name"];

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
        "new" => {
            nargs(st, "new", args, 2, 3)?;
            let cls = args.get(st, 0);
            let c = st.obj(cls);
            if c.kind() != st.b.kinds.type_ || !types::data(c).py {
                let t = st.type_name(cls);
                return Err(st.raise(
                    "TypeError",
                    format!("_weakref.new() argument 1 must be a class, not '{t}'"),
                ));
            }
            let a = st.alloc();
            let target = args.obj(st, 1);
            if !weakref::referenceable(&a, target) {
                let t = st.type_name(args.get(st, 1));
                return Err(st.raise(
                    "TypeError",
                    format!("cannot create weak reference to '{t}' object"),
                ));
            }
            let cb = args
                .opt(st, 2)
                .filter(|c| *c != st.b.none)
                .map(|c| a.heap_obj(c));
            Ok(weakref::new(&a, cls, target, cb)?.raw())
        }
        "target" | "callback" => {
            nargs(st, &fname, args, 1, 1)?;
            let w = weak_arg(st, args.get(st, 0), &fname)?;
            let w = st.obj(w);
            let r = if fname == "target" {
                weakref::target(w)
            } else {
                weakref::callback(w)
            };
            Ok(if r.is_null() { st.b.none } else { r })
        }
        "hash" => {
            nargs(st, "hash", args, 1, 1)?;
            let w = weak_arg(st, args.get(st, 0), "hash")?;
            let h = match weakref::cached_hash(st.obj(w)) {
                Some(h) => h,
                None => {
                    let t = weakref::target(st.obj(w));
                    if t.is_null() {
                        return Err(st.raise("TypeError", "weak object has gone away".into()));
                    }
                    // Hashing may run Python code: the reference is read again after.
                    let h = st.hash(t)?;
                    weakref::cache_hash(args.obj(st, 0), h);
                    h
                }
            };
            new_int(st, h)
        }
        "refs" => {
            nargs(st, "refs", args, 1, 1)?;
            let a = st.alloc();
            let refs: Vec<_> = st
                .heap
                .weak_holders(args.obj(st, 0))
                .into_iter()
                .filter(|w| w.kind() == st.b.kinds.weakref)
                .collect();
            Ok(list::new(&a, &refs)?.raw())
        }
        _ => {
            nargs(st, "type_name", args, 1, 1)?;
            let n = types::type_name_of(args.obj(st, 0));
            Ok(pystr::new(&st.alloc(), &n)?.raw())
        }
    }
}

fn weak_arg(st: &mut State, w: RawRef, fname: &str) -> PyResult<RawRef> {
    if st.obj(w).kind() == st.b.kinds.weakref {
        return Ok(w);
    }
    let t = st.type_name(w);
    Err(st.raise(
        "TypeError",
        format!("_weakref.{fname}() argument must be a weak reference, not '{t}'"),
    ))
}
