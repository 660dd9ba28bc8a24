//! `repr()` and `str()` (CPython's `PyObject_Repr`/`PyObject_Str`): a Python class's
//! `__repr__`/`__str__` or an extension type's `tp_repr`/`tp_str` first, containers whose
//! items may have their own, then the builtin objects' own text (`objects/repr.rs`).

use gc::RawRef;
use hpy_abi::{HPyFunc_REPRFUNC, HPy_tp_repr, HPy_tp_str};

use crate::error::PyResult;
use crate::objects::{str as pystr, tuple, type_of, types};
use crate::value_stack::Rooted;

// ---------------------------------------------------------------------- repr(), str()

impl crate::state::State {
    /// `repr(r)` as text, through `tp_repr` for extension instances.
    pub(crate) fn repr_text(&mut self, r: RawRef) -> PyResult<String> {
        self.rooting1(r, |st, r| st.repr_text_at(r))
    }

    /// [`State::repr_text`] on rooted operands.
    pub(crate) fn repr_text_at(&mut self, r: Rooted) -> PyResult<String> {
        if let Some(s) = self.up_py_text(r.get(self), "__repr__") {
            return s;
        }
        if let Some(f) = self.ext_slot(r.get(self), HPy_tp_repr) {
            let s = self.up_call_obj_slot(f, HPyFunc_REPRFUNC, &mut [r.get(self)], "__repr__")?;
            return self.text_result(s, "__repr__");
        }
        let k = self.b.kinds;
        let kind = r.obj(self).kind();
        if kind == k.dict && self.is_set(r.get(self)) {
            return self.set_repr(r.get(self));
        }
        if self.dict_view_of(r.get(self)).is_some() {
            return self.view_repr(r.get(self));
        }
        if crate::objects::ops::is_builtin(r.obj(self))
            && (kind == k.list || kind == k.tuple || kind == k.dict)
        {
            return self.container_repr(r.get(self));
        }
        if let Some(text) = self.int_text(r.get(self)) {
            return text;
        }
        if kind == k.wrap && type_of(r.obj(self)).raw() == self.b.method_type {
            return self.bound_method_repr(r.get(self));
        }
        Ok(crate::objects::repr::repr_of(r.obj(self)))
    }

    /// `<bound method A.f of <A object at 0x...>>`: the function's `__qualname__` (or
    /// `__name__`, or `?`), and the repr of the object it is bound to (which may run code:
    /// the method stays rooted).
    fn bound_method_repr(&mut self, m: RawRef) -> PyResult<String> {
        self.pinning(|st, mark| {
            st.push(m);
            let mut name = "?".to_string();
            for attr in ["__qualname__", "__name__"] {
                let f = crate::objects::instance::part(st.obj(st.at(mark)), 0);
                match st.getattr(f, attr) {
                    Ok(v) if st.obj(v).kind() == st.b.kinds.str_ => {
                        name = pystr::as_str(st.obj(v)).to_string();
                        break;
                    }
                    Ok(_) => {}
                    Err(_) if st.exc_is("AttributeError") => st.roots.exc = RawRef::NULL,
                    Err(e) => return Err(e),
                }
            }
            let me = crate::objects::instance::part(st.obj(st.at(mark)), 1);
            let of = st.repr_text(me)?;
            Ok(format!("<bound method {name} of {of}>"))
        })
    }

    /// The decimal text of an int (not a bool), within the digit limit; None for other
    /// objects.
    pub(crate) fn int_text(&mut self, r: RawRef) -> Option<PyResult<String>> {
        let o = self.obj(r);
        if types::data(type_of(o)).instances != types::Instances::Int
            || o.kind() == self.b.kinds.bool_
        {
            return None;
        }
        let v = crate::objects::int::to_bigint(o);
        Some(self.int_decimal(&v))
    }

    /// `repr` of a list, tuple or dict whose items may be extension instances with their
    /// own `tp_repr` (which may collect: the container and its items stay rooted).
    fn container_repr(&mut self, r: RawRef) -> PyResult<String> {
        let o = self.obj(r);
        let id = crate::objects::ops::identity(&self.alloc(), o);
        if self.interp.repr_active.contains(&id) {
            // A container inside itself, as CPython prints it.
            let k = self.b.kinds;
            return Ok(if o.kind() == k.list {
                "[...]"
            } else if o.kind() == k.dict {
                "{...}"
            } else {
                "(...)"
            }
            .to_string());
        }
        self.interp.repr_active.push(id);
        let r = self.pinning(|st, mark| {
            st.push(r);
            let k = st.b.kinds;
            let kind = st.obj(r).kind();
            let mut parts = Vec::new();
            if kind == k.dict {
                let pairs: Vec<(RawRef, RawRef)> = crate::objects::dict::entries(st.obj(r))
                    .iter()
                    .map(|(key, v)| (key.key.get(), *v))
                    .collect();
                let base = st.roots.stack.len();
                for (key, v) in &pairs {
                    st.push(*key);
                    st.push(*v);
                }
                for i in 0..pairs.len() {
                    let ks = st.repr_text(st.at(base + 2 * i))?;
                    let vs = st.repr_text(st.at(base + 2 * i + 1))?;
                    parts.push(format!("{ks}: {vs}"));
                }
                return Ok(format!("{{{}}}", parts.join(", ")));
            }
            let mut i = 0;
            loop {
                // Re-read the container each time: an item's repr may have changed it.
                let c = st.obj(st.at(mark));
                let item = if kind == k.list {
                    (i < crate::objects::list::len(c))
                        .then(|| crate::objects::list::get(c, i).raw())
                } else {
                    (i < tuple::len(c)).then(|| tuple::get(c, i).raw())
                };
                let Some(item) = item else { break };
                parts.push(st.repr_text(item)?);
                i += 1;
            }
            Ok(if kind == k.list {
                format!("[{}]", parts.join(", "))
            } else if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            })
        });
        self.interp.repr_active.pop();
        r
    }

    /// `str(r)` as text: `tp_str`, then `tp_repr` (object's `__str__` calls `repr`).
    pub(crate) fn str_text(&mut self, r: RawRef) -> PyResult<String> {
        self.rooting1(r, |st, r| st.str_text_at(r))
    }

    /// [`State::str_text`] on rooted operands.
    pub(crate) fn str_text_at(&mut self, r: Rooted) -> PyResult<String> {
        if let Some(s) = self.up_py_text(r.get(self), "__str__") {
            return s;
        }
        // `object.__str__` is `repr` (a Python class's `__repr__` included, and a Python
        // metaclass's for its classes).
        if r.obj(self).kind() == self.b.kinds.instance
            || (r.obj(self).kind() == self.b.kinds.type_ && self.is_py(r.get(self)))
        {
            return self.repr_text_at(r);
        }
        if let Some(f) = self.ext_slot(r.get(self), HPy_tp_str) {
            let s = self.up_call_obj_slot(f, HPyFunc_REPRFUNC, &mut [r.get(self)], "__str__")?;
            return self.text_result(s, "__str__");
        }
        // An instance of a plain extension type prints its repr; one with a builtin shape
        // (a str subclass…) prints its builtin value, as the inherited __str__ does.
        // So does a type whose metaclass is an extension type (type's __str__ is object's).
        let kind = r.obj(self).kind();
        if self.ext_of(r.get(self)).is_some()
            && (kind == self.b.kinds.hpy_instance || kind == self.b.kinds.type_)
        {
            return self.repr_text_at(r);
        }
        // A container's str is its repr, whose items may need their own tp_repr.
        let (k, kind) = (self.b.kinds, r.obj(self).kind());
        // complex has no `__str__` of its own either (a subclass's `__repr__` prints).
        if kind == k.list
            || kind == k.tuple
            || kind == k.dict
            || kind == k.complex
            || self.dict_view_of(r.get(self)).is_some()
        {
            return self.repr_text_at(r);
        }
        if let Some(text) = self.int_text(r.get(self)) {
            return text;
        }
        if kind == k.wrap && type_of(r.obj(self)).raw() == self.b.method_type {
            return self.bound_method_repr(r.get(self));
        }
        Ok(crate::objects::repr::str_of(r.obj(self)))
    }

    pub(crate) fn text_result(&mut self, s: RawRef, what: &str) -> PyResult<String> {
        let o = self.obj(s);
        if types::data(type_of(o)).instances == types::Instances::Str {
            return Ok(pystr::as_str(o).to_string());
        }
        let t = self.type_name(s);
        Err(self.raise(
            "TypeError",
            format!("{what} returned non-string (type {t})"),
        ))
    }
}
