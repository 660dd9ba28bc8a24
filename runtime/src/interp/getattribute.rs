//! `__getattribute__` and `__getattr__` of Python classes (CPython's
//! `slot_tp_getattr_hook`), and `object.__getattribute__`.
//!
//! Reading an attribute of an instance of a Python class calls its class's
//! `__getattribute__` when one is written in Python, else the generic lookup
//! (`generic_getattr`: descriptors, the instance dict, the class); if that raises
//! AttributeError and the class has a `__getattr__`, `__getattr__(name)` gives the answer.
//! `object.__getattribute__(obj, name)` (also reached through `super()`) is the generic
//! lookup alone: neither hook runs, so a `__getattribute__` can call it without recursing.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{str as pystr, type_of};
use crate::state::State;
use crate::value_stack::Rooted;

impl State {
    /// An attribute of an instance of a Python class, through its hooks. `Ok(None)`: `r`
    /// is not such an instance (the caller does the generic lookup).
    pub(crate) fn py_getattribute(&mut self, r: Rooted, name: &str) -> PyResult<Option<RawRef>> {
        if !self.is_py(r.get(self)) || r.obj(self).kind() == self.b.kinds.type_ {
            return Ok(None);
        }
        let t = type_of(r.obj(self)).raw();
        let hook = self.py_lookup(t, "__getattribute__");
        let ri = r.slot_index();
        let found = match hook {
            Some(f) => self.call_with_name(f, ri, name),
            // No hook: the generic lookup (what nearly every class takes).
            None => self.generic_getattr_at(r, name),
        };
        let found = match found {
            Err(e) if self.exc_is("AttributeError") => {
                let t = type_of(r.obj(self)).raw();
                match self.py_lookup(t, "__getattr__") {
                    Some(f) => {
                        self.roots.exc = RawRef::NULL;
                        self.call_with_name(f, ri, name)
                    }
                    None => Err(e),
                }
            }
            other => other,
        };
        found.map(Some)
    }

    /// `f(obj, name)` for the object at stack index `ri` (`f` is a class attribute, which
    /// the class keeps alive but may move: it is rooted too).
    fn call_with_name(&mut self, f: RawRef, ri: usize, name: &str) -> PyResult<RawRef> {
        let fi = self.push(f);
        let r = match pystr::new(&self.alloc(), name) {
            Ok(n) => {
                let n = n.raw();
                self.call(self.at(fi), &[self.at(ri), n], &[])
            }
            Err(e) => Err(e),
        };
        self.truncate(fi);
        r
    }
}

/// `object.__getattribute__(self, name)`.
pub(super) fn object_getattribute(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "object", "__getattribute__")?;
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("expected 1 argument, got {}", args.len()),
        ));
    }
    if args.obj(st, 0).kind() != st.b.kinds.str_ {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("attribute name must be string, not '{t}'"),
        ));
    }
    let name = pystr::as_str(args.obj(st, 0)).to_string();
    st.generic_getattr(args.receiver(st), &name)
}
