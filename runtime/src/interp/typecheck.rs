//! `isinstance` and `issubclass` with CPython 3.11's order of checks.
//!
//! `isinstance(obj, cls)`: `type(obj) is cls` first; a tuple is checked item by item; a
//! class whose metaclass is written in Python is asked its `__instancecheck__` (an ABC's);
//! otherwise `obj` is an instance when `type(obj)` is a subclass of `cls` or, failing that,
//! when `obj.__class__` is a different class that is one (what lets `Mock(spec=C)` and a
//! weak proxy pass for a `C`). An AttributeError from `__class__` means "no"; any other
//! error propagates. `issubclass` asks a Python metaclass's `__subclasscheck__` likewise.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{tuple, type_of, types};
use crate::state::State;

use super::natives::{exactly, no_kwargs};

pub(super) fn isinstance(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "isinstance")?;
    exactly(st, args, "isinstance", 2)?;
    let r = is_instance(st, args.get(st, 0), args.get(st, 1))?;
    Ok(st.bool_obj(r))
}

pub(super) fn issubclass(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "issubclass")?;
    exactly(st, args, "issubclass", 2)?;
    if st.obj(args.get(st, 0)).kind() != st.b.kinds.type_ {
        return Err(st.raise("TypeError", "issubclass() arg 1 must be a class".into()));
    }
    let r = is_subclass(st, args.get(st, 0), args.get(st, 1))?;
    Ok(st.bool_obj(r))
}

/// Whether `check(x, item)` holds for an item of tuple `t`. Each check may run code
/// (`__instancecheck__`, `__subclasscheck__`, `__class__`): both are kept rooted.
fn any_item(
    st: &mut State,
    x: RawRef,
    t: RawRef,
    check: fn(&mut State, RawRef, RawRef) -> PyResult<bool>,
) -> PyResult<bool> {
    let mark = st.push(x);
    st.push(t);
    let r = (|| {
        let mut i = 0;
        while i < tuple::len(st.obj(st.at(mark + 1))) {
            let item = tuple::get(st.obj(st.at(mark + 1)), i).raw();
            if check(st, st.at(mark), item)? {
                return Ok(true);
            }
            i += 1;
        }
        Ok(false)
    })();
    st.truncate(mark);
    r
}

/// Is `t` exactly `type` (no metaclass of its own: no Python-level checks to ask)?
fn is_plain_class(st: &State, t: RawRef) -> bool {
    let o = st.obj(t);
    o.kind() == st.b.kinds.type_ && type_of(o).raw() == st.b.type_type
}

fn is_subclass(st: &mut State, cls: RawRef, of: RawRef) -> PyResult<bool> {
    if is_plain_class(st, of) {
        return Ok(types::is_subtype(st.obj(cls), st.obj(of)));
    }
    if st.obj(of).kind() == st.b.kinds.tuple {
        return any_item(st, cls, of, is_subclass);
    }
    // `__subclasscheck__` written in Python (a metaclass's: an ABC's registry).
    if st.is_py(of) {
        if let Some(r) = st.call_dunder(of, "__subclasscheck__", &[cls]) {
            let r = r?;
            return st.truth(r);
        }
    }
    if st.obj(of).kind() != st.b.kinds.type_ {
        return Err(st.raise(
            "TypeError",
            "issubclass() arg 2 must be a class, a tuple of classes, or a union".into(),
        ));
    }
    Ok(types::is_subtype(st.obj(cls), st.obj(of)))
}

fn is_instance(st: &mut State, obj: RawRef, cls: RawRef) -> PyResult<bool> {
    if type_of(st.obj(obj)).raw() == cls {
        return Ok(true);
    }
    if is_plain_class(st, cls) {
        return object_isinstance(st, obj, cls);
    }
    if st.obj(cls).kind() == st.b.kinds.tuple {
        return any_item(st, obj, cls, is_instance);
    }
    // `__instancecheck__` written in Python: a metaclass's (an ABC's), or that of an
    // object standing for a type (typing's `List`).
    if st.is_py(cls) {
        if let Some(r) = st.call_dunder(cls, "__instancecheck__", &[obj]) {
            let r = r?;
            return st.truth(r);
        }
    }
    if st.obj(cls).kind() != st.b.kinds.type_ {
        return Err(st.raise(
            "TypeError",
            "isinstance() arg 2 must be a type, a tuple of types, or a union".into(),
        ));
    }
    object_isinstance(st, obj, cls)
}

/// `type.__instancecheck__`: the type, then `obj.__class__` (which may run code).
fn object_isinstance(st: &mut State, obj: RawRef, cls: RawRef) -> PyResult<bool> {
    if types::is_subtype(type_of(st.obj(obj)), st.obj(cls)) {
        return Ok(true);
    }
    let mark = st.push(cls);
    st.push(obj);
    let r = match st.getattr(obj, "__class__") {
        Ok(icls) => {
            let (o, c, ic) = (st.obj(st.at(mark + 1)), st.obj(st.at(mark)), st.obj(icls));
            Ok(ic != type_of(o) && ic.kind() == st.b.kinds.type_ && types::is_subtype(ic, c))
        }
        Err(_) if st.exc_is("AttributeError") => {
            st.roots.exc = RawRef::NULL;
            Ok(false)
        }
        Err(e) => Err(e),
    };
    st.truncate(mark);
    r
}
