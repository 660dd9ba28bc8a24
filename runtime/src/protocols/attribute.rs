//! The attribute protocol: `getattr`/`setattr` with the MRO, descriptors, instance and
//! type dicts, modules, and the attributes of functions.

use super::*;
use crate::error::PyResult;
use crate::objects::ops;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, exception, function, module, str as pystr, tuple, type_of};
use crate::state::State;
use crate::value_stack::Rooted;
use gc::RawRef;

impl State {
    /// Is the pending exception an instance of builtin exception `name`?
    pub(crate) fn exc_is(&self, name: &str) -> bool {
        if self.roots.exc.is_null() {
            return false;
        }
        let t = type_of(self.obj(self.roots.exc));
        types::is_subtype(t, self.obj(self.b.exc(name)))
    }

    /// `getattr(obj, name)` for an object held as an address: rooted for the call.
    pub(crate) fn getattr(&mut self, r: RawRef, name: &str) -> PyResult<RawRef> {
        self.rooting1(r, |st, r| st.getattr_at(r, name))
    }

    /// `getattr(obj, name)`: an instance of a Python class goes through its class's
    /// `__getattribute__` and `__getattr__` (`interp/getattribute.rs`).
    pub(crate) fn getattr_at(&mut self, r: Rooted, name: &str) -> PyResult<RawRef> {
        if let Some(v) = self.up_py_getattribute(r, name)? {
            return Ok(v);
        }
        self.generic_getattr_at(r, name)
    }

    /// `object.__getattribute__(obj, name)` for an object held as an address.
    pub(crate) fn generic_getattr(&mut self, r: RawRef, name: &str) -> PyResult<RawRef> {
        self.rooting1(r, |st, r| st.generic_getattr_at(r, name))
    }

    /// `object.__getattribute__(obj, name)`: the lookup without those hooks.
    pub(crate) fn generic_getattr_at(&mut self, r: Rooted, name: &str) -> PyResult<RawRef> {
        let is_type = r.obj(self).kind() == self.b.kinds.type_;
        if self.is_py(r.get(self)) && !is_type {
            if let Some(v) = self.up_py_getattr(r.get(self), name)? {
                return Ok(v);
            }
        } else if r.obj(self).kind() == self.b.kinds.wrap
            && self.dict_view_of(r.get(self)).is_none()
        {
            return self.up_wrap_getattr(r.get(self), name);
        } else if is_type {
            // A property of a Python metaclass comes before the class's own attributes.
            if self.is_py(r.get(self)) {
                if let Some(v) = self.up_metaclass_property(r.get(self), name)? {
                    return Ok(v);
                }
            }
            if let Some(v) = self.lookup_attr(r.get(self), name) {
                return self.up_class_attr(r.get(self), v);
            }
        }
        if self.ext_of(r.get(self)).is_some() {
            if let Some(v) = self.up_slot_wrapper(r.get(self), name)? {
                return Ok(v);
            }
            if let Some(v) = self.up_ext_getattr(r.get(self), name)? {
                return Ok(v);
            }
        }
        if is_type && types::ext(r.obj(self)).is_some() {
            if let Some(v) = self.up_slot_wrapper(r.get(self), name)? {
                return Ok(v);
            }
        }
        if let Some(v) = self.lookup_attr(r.get(self), name) {
            return Ok(v);
        }
        if let Some(v) = self.module_getattr_hook(r.get(self), name)? {
            return Ok(v);
        }
        let o = r.obj(self);
        let msg = match instances(o) {
            Instances::Module => {
                let mname = ops::dict_get_str(&self.alloc(), module::dict(o), "__name__")
                    .map(|n| pystr::as_str(n).to_string())
                    .unwrap_or_else(|| "?".into());
                format!("module '{mname}' has no attribute '{name}'")
            }
            Instances::Type => {
                // CPython names the type by its tp_name ('exttypes.Point').
                let tn = &types::data(o).tp_name;
                format!("type object '{tn}' has no attribute '{name}'")
            }
            _ => format!(
                "'{}' object has no attribute '{name}'",
                self.type_name(r.get(self))
            ),
        };
        Err(self.raise("AttributeError", msg))
    }

    /// A module's own `__getattr__(name)` (PEP 562) for a name its dict lacks: `Ok(None)`
    /// when `r` is not a module or has no such function.
    pub(crate) fn module_getattr_hook(
        &mut self,
        r: RawRef,
        name: &str,
    ) -> PyResult<Option<RawRef>> {
        let o = self.obj(r);
        if instances(o) != Instances::Module || name == "__getattr__" {
            return Ok(None);
        }
        let hook =
            ops::dict_get_str(&self.alloc(), module::dict(o), "__getattr__").map(|f| f.raw());
        let Some(hook) = hook else {
            return Ok(None);
        };
        let hi = self.push(hook);
        let n = pystr::new(&self.alloc(), name).map(|s| s.raw());
        let r = match n {
            Ok(n) => self.call(self.at(hi), &[n], &[]).map(Some),
            Err(e) => Err(e),
        };
        self.truncate(hi);
        r
    }

    /// The attribute if it exists (no exception set otherwise).
    pub(crate) fn lookup_attr(&mut self, r: RawRef, name: &str) -> Option<RawRef> {
        if self.obj(r).kind() == self.b.kinds.pyfunction
            && matches!(name, "__dict__" | "__annotations__")
        {
            return self.function_lazy_attr(r, name).ok();
        }
        if self.obj(r).kind() == self.b.kinds.pyfunction && name == "__code__" {
            return match self.up_function_code(r) {
                Ok(c) => Some(c),
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    None
                }
            };
        }
        let is_type = self.obj(r).kind() == self.b.kinds.type_;
        if (self.is_py(r) && !is_type)
            || (self.obj(r).kind() == self.b.kinds.wrap && self.dict_view_of(r).is_none())
        {
            let found = if self.is_py(r) {
                self.up_py_getattr(r, name)
            } else {
                self.up_wrap_getattr(r, name).map(Some)
            };
            match found {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        if self.obj(r).kind() == self.b.kinds.hpy_descr {
            // A member or get/set descriptor's own attributes (`__name__`, `__get__`...).
            match self.up_descr_attr(r, name) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        let wrapper_owner =
            self.ext_of(r).is_some() || (is_type && types::ext(self.obj(r)).is_some());
        if wrapper_owner {
            match self.up_slot_wrapper(r, name) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        if self.ext_of(r).is_some() {
            match self.up_ext_getattr(r, name) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        if is_type && name.starts_with("__") {
            // The slots of a builtin layout, unbound (`list.__len__`), unless a class of the
            // MRO defines the name.
            let in_dicts = {
                let a = self.alloc();
                tuple::items(types::mro(self.obj(r)))
                    .any(|t| ops::dict_get_str(&a, types::dict(t), name).is_some())
            };
            if !in_dicts {
                match self.up_builtin_slot(r, name) {
                    Ok(Some(v)) => return Some(v),
                    Ok(None) => {}
                    Err(_) => {
                        self.roots.exc = RawRef::NULL;
                        return None;
                    }
                }
            }
        }
        let a = self.alloc();
        let o = self.obj(r);
        match instances(o) {
            Instances::Module => {
                if let Some(v) = ops::dict_get_str(&a, module::dict(o), name) {
                    return Some(v.raw());
                }
                if name == "__dict__" {
                    return Some(module::dict(o).raw());
                }
            }
            Instances::Type => {
                // `type`'s data descriptors win over the class dict (a class may define a
                // `__name__` property for its instances).
                if name == "__qualname__" {
                    if let Some(q) = ops::dict_get_str(&a, types::dict(o), "__qualname__")
                        .filter(|q| q.kind() == self.b.kinds.str_)
                    {
                        return Some(q.raw());
                    }
                }
                if name == "__name__" || name == "__qualname__" {
                    return pystr::new(&a, types::name(o)).ok().map(|s| s.raw());
                }
                for t in tuple::items(types::mro(o)) {
                    if let Some(v) = ops::dict_get_str(&a, types::dict(t), name) {
                        return Some(v.raw());
                    }
                }
                if name == "__mro__" {
                    return Some(types::mro(o).raw());
                }
                if name == "__module__" {
                    // What the dict does not say: the tp_name's prefix, else builtins.
                    let tp = &types::data(o).tp_name;
                    let m = tp.rsplit_once('.').map_or("builtins", |(m, _)| m);
                    return pystr::new(&a, m).ok().map(|s| s.raw());
                }
                if name == "__base__" {
                    return Some(types::base(o).map_or(self.b.none, |b| b.raw()));
                }
                if name == "__bases__" {
                    // A class statement records its bases in its dict (found above);
                    // other types have at most their one base.
                    let items: Vec<_> = types::base(o).into_iter().collect();
                    return tuple::new(&a, &items).ok().map(|t| t.raw());
                }
                if name == "__dict__" {
                    return Some(types::dict(o).raw());
                }
                if types::data(type_of(o)).py {
                    // The methods and attributes of a Python metaclass, bound to the class.
                    match self.up_metaclass_attr(r, name) {
                        Ok(v) => return v,
                        Err(_) => {
                            self.roots.exc = RawRef::NULL;
                            return None;
                        }
                    }
                }
            }
            Instances::Complex if matches!(name, "real" | "imag") => {
                let (re, im) = crate::objects::complex::value(o);
                let v = if name == "real" { re } else { im };
                return crate::objects::float::new(&a, v).ok().map(|f| f.raw());
            }
            // The real numbers' parts, as `numbers.Real` has them: the value (an exact
            // copy of a subclass's) and zero.
            Instances::Float if matches!(name, "real" | "imag") => {
                let v = if name == "real" {
                    crate::objects::float::value(o)
                } else {
                    0.0
                };
                if name == "real" && type_of(o).raw() == self.b.float_type {
                    return Some(r);
                }
                return crate::objects::float::new(&a, v).ok().map(|f| f.raw());
            }
            Instances::Int if matches!(name, "real" | "imag") => {
                if name == "real" && type_of(o).raw() == self.b.int_type {
                    return Some(r);
                }
                let v = if name == "real" {
                    crate::objects::int::to_bigint(o)
                } else {
                    num_bigint::BigInt::from(0)
                };
                return crate::objects::int::new_big(&a, &v).ok().map(|i| i.raw());
            }
            Instances::Slice if matches!(name, "start" | "stop" | "step") => {
                let i = ["start", "stop", "step"]
                    .iter()
                    .position(|n| *n == name)
                    .expect("one of the three");
                return Some(crate::objects::slice::parts(o)[i].raw());
            }
            Instances::Range if matches!(name, "start" | "stop" | "step") => {
                let part = match name {
                    "start" => crate::objects::range::start(o),
                    "stop" => crate::objects::range::stop(o),
                    _ => crate::objects::range::step(o),
                };
                return Some(part.raw());
            }
            Instances::Exception if name == "args" => return Some(exception::args(o).raw()),
            Instances::Exception if name == "__cause__" => {
                return Some(exception::cause(o).map_or(self.b.none, |c| c.raw()))
            }
            Instances::Exception if name == "__context__" => {
                return Some(exception::context(o).map_or(self.b.none, |c| c.raw()))
            }
            Instances::Exception => {
                // Instance attributes (OSError's errno, strerror, filename, filename2…).
                if let Some(v) = exception::attr(&a, o, name) {
                    return Some(v.raw());
                }
            }
            _ if o.kind() == self.b.kinds.function => match name {
                "__name__" => return Some(function::name_obj(o).raw()),
                "__doc__" => return Some(function::doc(o).raw()),
                "__self__" => return Some(function::self_of(o).raw()),
                _ => {}
            },
            _ if o.kind() == self.b.kinds.pyfunction => {
                if let Some(v) = crate::objects::pyfunc::attribute(o, name) {
                    return Some(v);
                }
                if let Some(d) = crate::objects::pyfunc::dict(o) {
                    if let Some(v) = ops::dict_get_str(&a, d, name) {
                        return Some(v.raw());
                    }
                }
            }
            _ if o.kind() == self.b.kinds.generator => {
                if let Some(v) =
                    crate::objects::generator::attribute(o, name, self.b.true_, self.b.false_)
                {
                    return Some(v);
                }
            }
            _ if o.kind() == self.b.kinds.code => {
                if let Some(v) = crate::objects::codeobj::attribute(&a, o, name) {
                    return v.ok();
                }
            }
            _ if o.kind() == self.b.kinds.native && name == "__name__" => {
                let n = crate::objects::native::name(o).to_string();
                return pystr::new(&a, &n).ok().map(|s| s.raw());
            }
            // The object a builtin method is bound to (`[].append.__self__`); None for a
            // builtin function. (A native module's functions are bound to their own name,
            // which they dispatch on: their `__self__` is that name, not the module.)
            _ if o.kind() == self.b.kinds.native && name == "__self__" => {
                let s = crate::objects::native::self_of(o);
                return Some(if s.is_null() { self.b.none } else { s });
            }
            _ => {}
        }
        if name == "__class__" {
            return Some(type_of(o).raw());
        }
        // Class attributes reached through an instance; a builtin method is bound to it.
        for t in tuple::items(types::mro(type_of(o))) {
            if let Some(v) = ops::dict_get_str(&a, types::dict(t), name) {
                if v.kind() == self.b.kinds.native
                    && crate::objects::native::self_of(v).is_null()
                    && o.kind() != self.b.kinds.type_
                {
                    let idx = crate::objects::native::index(v);
                    let bound = crate::objects::native::new(&a, name, r, idx);
                    return Some(bound.map_or(v.raw(), |b| b.raw()));
                }
                return Some(v.raw());
            }
        }
        // The slots of a builtin layout, bound (`[1, 2].__iter__`).
        match self.up_builtin_slot(r, name) {
            Ok(v) => v,
            Err(_) => {
                self.roots.exc = RawRef::NULL;
                None
            }
        }
    }

    /// `setattr(obj, name, value)`, or `delattr` when `value` is null, for objects held
    /// as addresses: rooted for the call.
    pub(crate) fn setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        self.rooting2(r, value, |st, r, v| {
            st.setattr_at(r, name, (!value.is_null()).then_some(v))
        })
    }

    /// `setattr(obj, name, value)`, or `delattr` when `value` is `None`.
    pub(crate) fn setattr_at(
        &mut self,
        r: Rooted,
        name: &str,
        value: Option<Rooted>,
    ) -> PyResult<()> {
        let v = value.map_or(RawRef::NULL, |v| v.get(self));
        // A class whose Python metaclass defines `__setattr__`: that method.
        let x = r.get(self);
        if value.is_some() && self.obj(x).kind() == self.b.kinds.type_ && self.is_py(x) {
            let meta = type_of(self.obj(x)).raw();
            if let Some(f) = self.py_lookup(meta, "__setattr__") {
                return self.up_call_setattr(f, x, name, v);
            }
        }
        self.setattr_no_hook(x, name, v)
    }

    /// `setattr` without a metaclass's own `__setattr__` (what `type.__setattr__` does).
    /// Each way passes the operands straight to the one callee that roots them.
    pub(crate) fn setattr_no_hook(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        if self.is_py(r) && self.obj(r).kind() != self.b.kinds.type_ {
            return self.up_py_setattr(r, name, value);
        }
        if self.obj(r).kind() == self.b.kinds.pyfunction {
            return self.function_setattr(r, name, value);
        }
        if self.ext_of(r).is_some() {
            if self.obj(r).kind() != self.b.kinds.type_ {
                return self.up_ext_setattr(r, name, value);
            }
            // A type whose metaclass is an extension type: the metaclass's members and
            // get/set descriptors, else the type's own dict (as for any heap type).
            let meta = type_of(self.obj(r)).raw();
            if let Some(d) = self.type_lookup(meta, name) {
                if self.obj(d).kind() == self.b.kinds.hpy_descr {
                    return self.up_descr_set(d, r, value);
                }
            }
        }
        let o = self.obj(r);
        if instances(o) == Instances::Type && !o.is_immortal() && name == "__name__" {
            // The type's own name (what `__name__` reads), not a dict entry.
            if value.is_null() || self.obj(value).kind() != self.b.kinds.str_ {
                let t = types::name(o).to_string();
                let what = if value.is_null() {
                    format!("cannot delete '__name__' attribute of type '{t}'")
                } else {
                    format!(
                        "can only assign string to {t}.__name__, not '{}'",
                        self.type_name(value)
                    )
                };
                return Err(self.raise("TypeError", what));
            }
            let a = self.alloc();
            types::set_name(&a, self.obj(r), self.obj(value));
            return Ok(());
        }
        let o = self.obj(r);
        let d = match instances(o) {
            // A module's dict is its namespace, never replaced (the evaluator reads the
            // builtins module's straight from `State::b`).
            Instances::Module if name == "__dict__" => {
                return Err(self.raise("AttributeError", "readonly attribute".into()));
            }
            Instances::Module => module::dict(o),
            Instances::Type if !o.is_immortal() => types::dict(o),
            Instances::Type => {
                let t = types::name(o).to_string();
                return Err(self.raise(
                    "TypeError",
                    format!("cannot set '{name}' attribute of immutable type '{t}'"),
                ));
            }
            // An instance of a builtin type keeps its class (CPython's words).
            _ if name == "__class__" => {
                let msg = if value.is_null() {
                    "can't delete __class__ attribute"
                } else {
                    "__class__ assignment only supported for mutable types or ModuleType subclasses"
                };
                return Err(self.raise("TypeError", msg.into()));
            }
            _ => {
                let t = self.type_name(r);
                return Err(self.raise(
                    "AttributeError",
                    format!("'{t}' object has no attribute '{name}'"),
                ));
            }
        }
        .raw();
        if value.is_null() {
            let hit = {
                let a = self.alloc();
                let h = ops::str_hash(name);
                dict::lookup(self.obj(d), h, |other| {
                    let k = a.heap_obj(other);
                    k.kind() == a.kinds().str_ && pystr::as_str(k) == name
                })
            };
            return match hit {
                Some((i, _)) => {
                    dict::remove_index(self.obj(d), i);
                    Ok(())
                }
                None => Err(self.raise("AttributeError", name.to_string())),
            };
        }
        let k = pystr::new(&self.alloc(), name)?.raw();
        let a = self.alloc();
        ops::dict_set_str(&a, self.obj(d), self.obj(k), self.obj(value));
        Ok(())
    }
}

impl State {
    /// A Python function's attribute dict (made on first use).
    pub(super) fn function_dict(&mut self, f: RawRef) -> PyResult<RawRef> {
        if let Some(d) = crate::objects::pyfunc::dict(self.obj(f)) {
            return Ok(d.raw());
        }
        let fi = self.push(f);
        let d = dict::new(&self.alloc())?.raw();
        let a = self.alloc();
        crate::objects::pyfunc::set_dict(&a, a.heap_obj(self.at(fi)), a.heap_obj(d));
        self.truncate(fi);
        Ok(d)
    }

    /// `f.__dict__` and `f.__annotations__`, made on first use (empty dicts), as in CPython.
    pub(super) fn function_lazy_attr(&mut self, f: RawRef, name: &str) -> PyResult<RawRef> {
        let d = self.function_dict(f)?;
        if name == "__dict__" {
            return Ok(d);
        }
        let found = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(d), "__annotations__").map(|v| v.raw())
        };
        if let Some(v) = found {
            return Ok(v);
        }
        let di = self.push(d);
        let ann = dict::new(&self.alloc())?.raw();
        let ai = self.push(ann);
        self.up_ns_set(di, "__annotations__", ann)?;
        let ann = self.at(ai);
        self.truncate(di);
        Ok(ann)
    }

    /// `f.name = value` (or `del f.name` when `value` is null) on a Python function: its
    /// writable special attributes (checked as CPython does), else its dict.
    pub(super) fn function_setattr(
        &mut self,
        f: RawRef,
        name: &str,
        value: RawRef,
    ) -> PyResult<()> {
        let k = self.b.kinds;
        let special = matches!(
            name,
            "__name__"
                | "__qualname__"
                | "__doc__"
                | "__module__"
                | "__defaults__"
                | "__kwdefaults__"
        );
        if special {
            let v = if value.is_null() { self.b.none } else { value };
            let vk = self.obj(v).kind();
            let bad = match name {
                "__name__" | "__qualname__" => (vk != k.str_).then_some("a string"),
                "__defaults__" => (v != self.b.none && vk != k.tuple).then_some("a tuple"),
                "__kwdefaults__" => (v != self.b.none && vk != k.dict).then_some("a dict"),
                _ => None,
            };
            if let Some(what) = bad {
                return Err(self.raise("TypeError", format!("{name} must be set to {what} object")));
            }
            let a = self.alloc();
            crate::objects::pyfunc::set_attribute(&a, a.heap_obj(f), name, a.heap_obj(v));
            return Ok(());
        }
        if name == "__dict__" {
            if value.is_null() || self.obj(value).kind() != k.dict {
                return Err(self.raise("TypeError", "__dict__ must be set to a dictionary".into()));
            }
            let a = self.alloc();
            crate::objects::pyfunc::set_dict(&a, a.heap_obj(f), a.heap_obj(value));
            return Ok(());
        }
        let vi = self.push(value);
        let fi = self.push(f);
        let d = self.function_dict(f)?;
        let di = self.push(d);
        let r = (|| {
            if self.at(vi).is_null() {
                let key = pystr::new(&self.alloc(), name)?.raw();
                if !self.dict_del(self.at(di), key)? {
                    let t = self.type_name(self.at(fi));
                    return Err(self.raise(
                        "AttributeError",
                        format!("'{t}' object has no attribute '{name}'"),
                    ));
                }
                return Ok(());
            }
            let key = pystr::new(&self.alloc(), name)?.raw();
            let a = self.alloc();
            ops::dict_set_str(
                &a,
                self.obj(self.at(di)),
                self.obj(key),
                self.obj(self.at(vi)),
            );
            Ok(())
        })();
        self.truncate(vi);
        r
    }
}

impl State {
    // ------------------------------------------------------------ lookups in the MRO

    /// The attribute `name` in the MRO of type `t`.
    pub(crate) fn type_lookup(&self, t: RawRef, name: &str) -> Option<RawRef> {
        let a = self.alloc();
        let t = self.obj(t);
        tuple::items(types::mro(t)).find_map(|c| {
            crate::objects::ops::dict_get_str(&a, types::dict(c), name).map(|v| v.raw())
        })
    }

    /// Is `r` an instance of a class made by a `class` statement?
    #[inline]
    pub(crate) fn is_py(&self, r: RawRef) -> bool {
        types::data(type_of(self.obj(r))).py
    }

    /// `name` in the dict of a Python class of `t`'s MRO, stopping at the first type that
    /// is not a Python class and has it (a builtin or extension type provides it then).
    pub(crate) fn py_lookup(&self, t: RawRef, name: &str) -> Option<RawRef> {
        let a = self.alloc();
        for c in tuple::items(types::mro(self.obj(t))) {
            if let Some(v) = ops::dict_get_str(&a, types::dict(c), name) {
                return types::data(c).py.then(|| v.raw());
            }
        }
        None
    }

    /// The method `name` of `r`'s class if a Python class of its MRO defines it.
    pub(crate) fn py_method(&self, r: RawRef, name: &str) -> Option<RawRef> {
        if !self.is_py(r) {
            return None;
        }
        self.py_lookup(type_of(self.obj(r)).raw(), name)
    }

    /// The extension-type record of `r`'s type, if any.
    pub(crate) fn ext_of(&self, r: RawRef) -> Option<&crate::objects::hpyobj::ExtType> {
        types::ext(type_of(self.obj(r)))
    }

    /// `r`'s type's slot `s`, if it is an extension type that has it.
    pub(crate) fn ext_slot(&self, r: RawRef, s: hpy_abi::HPySlot_Slot) -> Option<usize> {
        self.ext_of(r).and_then(|e| e.slot(s))
    }
}
