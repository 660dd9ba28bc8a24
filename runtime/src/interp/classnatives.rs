//! The natives behind the class machinery: what `super()` finds in `object` and the
//! builtin bases (`__init__`, `__repr__`, `__str__`, `__setattr__`), the attributes of
//! bound methods, properties and `super` objects, and `property.setter`/`getter`/`deleter`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{instance, native, str as pystr, type_of, types};
use crate::state::State;

/// The arguments of a method of `object`, whose receiver is its bound `self` or the
/// first argument (`object.__setattr__(obj, name, value)`).
fn recv<'k>(st: &mut State, args: Args<'k>, name: &str) -> PyResult<Args<'k>> {
    crate::objects::args_check::receiver(st, args, "object", name)
}

/// `object.__init__` and the builtin bases' `__init__` reached through `super()`.
pub(super) fn object_init(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = recv(st, args, "__init__")?;
    // `base_init` roots the object and runs no code before it reads the arguments (or
    // hands them on to a call, which roots them).
    let (pos, kw) = (args.snapshot(st), args.kw_snapshot(st));
    st.base_init(args.receiver(st), &pos, &kw, false)?;
    Ok(st.b.none)
}

/// `object.__new__(cls, *args)` and the builtin bases' `__new__` (`type.__new__(meta,
/// name, bases, dict)`, `str.__new__(cls, value)`…) reached through `super()`: an
/// object of `cls`'s solid base's layout, typed `cls`. A static method: `cls` comes first.
pub(super) fn object_new(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let Some(cls) = args.opt(st, 0) else {
        return Err(st.raise("TypeError", "object.__new__(): not enough arguments".into()));
    };
    if st.obj(cls).kind() != st.b.kinds.type_ {
        let t = st.type_name(cls);
        return Err(st.raise(
            "TypeError",
            format!("object.__new__(X): X is not a type object ({t})"),
        ));
    }
    // `new_of_solid_base` roots them all first.
    let (rest, kw) = (args.skip(1).snapshot(st), args.kw_snapshot(st));
    st.new_of_solid_base(cls, &rest, &kw)
}

/// `type.__call__(cls, *args)` reached through `super()` from a metaclass's `__call__`:
/// the class's own construction (`__new__`, then `__init__`).
pub(super) fn type_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "type", "__call__")?;
    let cls = args.receiver(st);
    if st.obj(cls).kind() != st.b.kinds.type_ {
        let t = st.type_name(cls);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '__call__' for 'type' objects doesn't apply to a '{t}' object"),
        ));
    }
    // A type call roots its arguments before anything can collect.
    let (pos, kw) = (args.snapshot(st), args.kw_snapshot(st));
    st.call_type(cls, &pos, &kw)
}

/// `object.__init_subclass__`, reached at the end of a chain of `super()` calls (or
/// when no base defines one): accepts no keywords.
pub(super) fn object_init_subclass(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = recv(st, args, "__init_subclass__")?;
    let cls = args.receiver(st);
    let name = if st.obj(cls).kind() == st.b.kinds.type_ {
        types::name(st.obj(cls)).to_string()
    } else {
        st.type_name(cls)
    };
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!("{name}.__init_subclass__() takes no keyword arguments"),
        ));
    }
    if !args.is_empty() {
        return Err(st.raise(
            "TypeError",
            format!(
                "{name}.__init_subclass__() takes no arguments ({} given)",
                args.len()
            ),
        ));
    }
    Ok(st.b.none)
}

/// `object.__repr__` (or an extension base's `tp_repr`) reached through `super()`.
pub(super) fn object_repr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = recv(st, args, "__repr__")?;
    let s = st.base_repr(args.receiver(st))?;
    Ok(pystr::new(&st.alloc(), &s)?.raw())
}

/// `object.__str__`: the object's `repr` (which a Python `__repr__` may define).
pub(super) fn object_str(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = recv(st, args, "__str__")?;
    let me = args.receiver(st);
    let k = st.obj(me).kind();
    let s = if k == st.b.kinds.instance || k == st.b.kinds.hpy_instance {
        st.repr_text(me)?
    } else {
        crate::objects::repr::str_of(st.obj(me))
    };
    Ok(pystr::new(&st.alloc(), &s)?.raw())
}

/// `object.__setattr__(name, value)`: the instance dict, whatever the class defines.
pub(super) fn object_setattr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = recv(st, args, "__setattr__")?;
    if args.len() != 2 || args.obj(st, 0).kind() != st.b.kinds.str_ {
        return Err(st.raise(
            "TypeError",
            "__setattr__ expected a name (str) and a value".into(),
        ));
    }
    let name = pystr::as_str(args.obj(st, 0)).to_string();
    let me = args.receiver(st);
    if st.obj(me).kind() == st.b.kinds.type_ {
        // `type.__setattr__` (reached from a metaclass's own `__setattr__`).
        st.setattr_no_hook(me, &name, args.get(st, 1))?;
    } else {
        st.generic_setattr(me, &name, args.get(st, 1))?;
    }
    Ok(st.b.none)
}

/// `prop.setter(f)`, `prop.getter(f)`, `prop.deleter(f)`: a copy of the property with
/// one accessor replaced.
fn property_with(st: &mut State, args: Args<'_>, which: usize) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "property", "setter")?;
    if st.is_subproperty(args.receiver(st)) {
        // `type(self)(fget, fset, fdel, doc)` with one accessor replaced.
        if args.len() != 1 {
            return Err(st.raise(
                "TypeError",
                format!("expected 1 argument, got {}", args.len()),
            ));
        }
        let mark = st.roots.stack.len();
        let r = (|| {
            for attr in ["fget", "fset", "fdel", "__doc__"] {
                let v = st.getattr(args.receiver(st), attr)?;
                st.push(v);
            }
            st.set_at(mark + which, args.get(st, 0));
            let t = type_of(st.obj(args.receiver(st))).raw();
            let parts: Vec<RawRef> = st.roots.stack[mark..mark + 4].to_vec();
            st.call(t, &parts, &[])
        })();
        st.truncate(mark);
        return r;
    }
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("expected 1 argument, got {}", args.len()),
        ));
    }
    let a = st.alloc();
    let p = st.obj(args.receiver(st));
    let mut parts = [0, 1, 2, 3].map(|i| {
        let r = instance::part(p, i);
        (!r.is_null()).then(|| a.heap_obj(r))
    });
    parts[which] = Some(args.obj(st, 0));
    Ok(instance::new_wrap(&a, type_of(p).raw(), parts)?.raw())
}

pub(super) fn property_getter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    property_with(st, args, 0)
}

pub(super) fn property_setter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    property_with(st, args, 1)
}

pub(super) fn property_deleter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    property_with(st, args, 2)
}

/// `prop.__get__(obj, type=None)`: the property itself for `obj` None, else `fget(obj)`.
pub(super) fn property_dunder_get(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "property", "__get__")?;
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("expected 1 or 2 arguments, got {}", args.len()),
        ));
    }
    let obj = args.get(st, 0);
    if obj == st.b.none {
        return Ok(args.receiver(st));
    }
    property_call(st, args, 0, "getter")
}

/// `prop.__set__(obj, value)`: `fset(obj, value)`.
pub(super) fn property_dunder_set(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "property", "__set__")?;
    if args.len() != 2 {
        return Err(st.raise(
            "TypeError",
            format!("expected 2 arguments, got {}", args.len()),
        ));
    }
    property_call(st, args, 1, "setter")?;
    Ok(st.b.none)
}

/// `prop.__delete__(obj)`: `fdel(obj)`.
pub(super) fn property_dunder_delete(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "property", "__delete__")?;
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("expected 1 argument, got {}", args.len()),
        ));
    }
    property_call(st, args, 2, "deleter")?;
    Ok(st.b.none)
}

/// Calls accessor `which` of the property with `args` (the object, and the value for
/// a setter).
fn property_call(st: &mut State, args: Args<'_>, which: usize, what: &str) -> PyResult<RawRef> {
    let p = args.receiver(st);
    if st.is_subproperty(p) {
        let value = if which == 1 {
            args.get(st, 1)
        } else {
            RawRef::NULL
        };
        let obj = args.get(st, 0);
        return st.subproperty_call(p, obj, value, which, "");
    }
    if st.obj(p).kind() != st.b.kinds.wrap || type_of(st.obj(p)).raw() != st.b.property_type {
        let t = st.type_name(p);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{what}' for 'property' objects doesn't apply to a '{t}' object"),
        ));
    }
    let f = instance::part(st.obj(p), which);
    if f.is_null() || f == st.b.none {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "AttributeError",
            format!("property of '{t}' object has no {what}"),
        ));
    }
    let fi = st.push(f);
    // The accessor's arguments, rooted on the stack by `Args` for the whole call.
    let call_args = if which == 1 {
        args.snapshot(st)
    } else {
        vec![args.get(st, 0)]
    };
    let r = st.call(st.at(fi), &call_args, &[]);
    st.truncate(fi);
    r
}

impl State {
    /// The repr a class's bases give `r`, skipping Python `__repr__` methods.
    pub(crate) fn base_repr(&mut self, r: RawRef) -> PyResult<String> {
        if let Some(f) = self.ext_slot(r, hpy_abi::HPy_tp_repr) {
            // The extension's slot, without the class's own method.
            let s = self.call_obj_slot(f, hpy_abi::HPyFunc_REPRFUNC, &mut [r], "__repr__")?;
            return self.text_result(s, "__repr__");
        }
        if let Some(text) = self.int_text(r) {
            return text;
        }
        // An exact builtin container has no Python `__repr__` to skip: its items' reprs
        // may fail (an int past the digit limit) or be an extension's.
        if crate::objects::ops::is_builtin(self.obj(r)) {
            return self.repr_text(r);
        }
        Ok(crate::objects::repr::repr_of(self.obj(r)))
    }

    /// Attributes of bound methods, properties, static/class methods and `super` objects.
    pub(crate) fn wrap_getattr(&mut self, w: RawRef, name: &str) -> PyResult<RawRef> {
        let wo = self.obj(w);
        let ty = type_of(wo).raw();
        let b = &self.b;
        if ty == b.super_type {
            return self.super_getattr(w, name);
        }
        if name == "__class__" {
            return Ok(ty);
        }
        if ty == b.contextvar_type && name == "name" {
            return Ok(crate::objects::contextvar::name(wo));
        }
        if ty == b.token_type && name == "var" {
            return Ok(crate::objects::contextvar::token_var(wo));
        }

        let found = if ty == b.method_type {
            match name {
                "__func__" => Some(instance::part(wo, 0)),
                "__self__" => Some(instance::part(wo, 1)),
                _ => {
                    let f = instance::part(wo, 0);
                    return self.getattr(f, name);
                }
            }
        } else if ty == b.property_type {
            match name {
                "fget" => Some(instance::part(wo, 0)),
                "fset" => Some(instance::part(wo, 1)),
                "fdel" => Some(instance::part(wo, 2)),
                "__doc__" => {
                    let (doc, fget) = (instance::part(wo, 3), instance::part(wo, 0));
                    let none = self.b.none;
                    if (doc.is_null() || doc == none) && !fget.is_null() && fget != none {
                        // As CPython: without a doc of its own, the getter's docstring.
                        return Ok(self.lookup_attr(fget, "__doc__").unwrap_or(none));
                    }
                    Some(doc)
                }
                "setter" | "getter" | "deleter" | "__get__" | "__set__" | "__delete__" => {
                    return super::natives::bound_native(self, name, w);
                }
                _ => None,
            }
        } else if name == "__func__" {
            Some(instance::part(wo, 0))
        } else {
            None
        };
        match found {
            Some(v) if !v.is_null() => Ok(v),
            Some(_) => Ok(self.b.none),
            None => {
                let t = self.type_name(w);
                Err(self.raise(
                    "AttributeError",
                    format!("'{t}' object has no attribute '{name}'"),
                ))
            }
        }
    }
}

/// A native bound to `self_` (for the class machinery's own natives).
pub(crate) fn bound(st: &mut State, name: &str, index: u32, self_: RawRef) -> PyResult<RawRef> {
    Ok(native::new(&st.alloc(), name, self_, index)?.raw())
}
