//! Python classes: the `class` statement, construction of instances, attribute lookup
//! along the MRO (properties, methods bound to their instance, `staticmethod`,
//! `classmethod`), `super`, and the `with` statement.
//!
//! A class is a heap type (`types::new_heap`) marked `py`, whose dict is the namespace
//! its body filled. Its instances take the layout of its *solid base*, the first type of
//! its MRO that no `class` statement made:
//! - `object`: an `instance` object `[type, id, dict]` (`objects/instance.rs`);
//! - an exception class: an exception object, whose dict word holds the attributes;
//! - an extension type: an `hpy_instance` with one more word for the dict; the
//!   extension's `tp_new` makes it (so its payload exists) before the Python `__init__`;
//! - `int`, `float`, `str`, `bytes`, `tuple`, `list`, `dict`: an object of the builtin
//!   kind whose type word is the class; its attribute dict, made on the first store,
//!   lives in a side table of the roots keyed by the instance's identity number (those
//!   layouts have no spare word), and goes when the instance dies.
//!
//! The dunder methods of a class are dispatched by the runtime's protocols (see
//! `dunder.rs`), so an extension calling `HPy_Add` on an instance reaches `__add__`.
//!
//! Size: the class machinery is one algorithm (MRO lookup with descriptors, binding, `super`,
//! instance construction), its parts calling each other throughout.

use std::rc::Rc;

use gc::RawRef;

use super::ast::{Arg, ClassDef, Expr, Stmt, Target};
use super::eval::Flow;
use crate::error::{PyResult, Raised};
use crate::objects::ops;
use crate::objects::types::{self, Instances};
use crate::objects::{
    dict, exception, function, hpyobj, instance, list, pyfunc, str as pystr, tuple, type_of, W_TYPE,
};
use crate::state::State;
use crate::value_stack::Rooted;

/// Where an instance keeps its attributes.
enum DictSlot {
    Instance,
    Exception,
    Ext,
    /// A builtin-kind instance (`int`, `list`…): the side table of `Roots`.
    Side,
    /// A weak reference (`objects/weakref.rs`): its own dict word.
    Weak,
    None,
}

impl State {
    fn is_wrap_of(&self, r: RawRef, ty: RawRef) -> bool {
        let o = self.obj(r);
        o.kind() == self.b.kinds.wrap && type_of(o).raw() == ty
    }

    // ------------------------------------------------------------ the class statement

    /// Runs a `class` statement: bases, body, class creation, decorators, binding.
    pub(crate) fn exec_class(&mut self, cd: &ClassDef) -> PyResult<()> {
        let mark = self.roots.stack.len();
        let r = self.exec_class_inner(cd, mark);
        self.truncate(mark);
        r
    }

    fn exec_class_inner(&mut self, cd: &ClassDef, mark: usize) -> PyResult<()> {
        for a in &cd.bases {
            match a {
                Arg::Pos(e) => {
                    let v = self.eval(e)?;
                    self.push(v);
                }
                Arg::Star(e) => {
                    let v = self.eval(e)?;
                    let before = self.roots.stack.len();
                    let (start, n) = self.pin_items(v, "bases")?;
                    let items: Vec<RawRef> = self.roots.stack[start..start + n].to_vec();
                    self.truncate(before);
                    for x in items {
                        self.push(x);
                    }
                }
                _ => {}
            }
        }
        let nbases = self.roots.stack.len() - mark;
        let kw_at = self.roots.stack.len();
        let mut kw_names = self.eval_keywords(&cd.bases)?;
        // The metaclass: `metaclass=`, else the first base's type; among classes, the most
        // derived of it and the bases' metaclasses.
        let explicit = match kw_names.iter().position(|n| n == "metaclass") {
            Some(i) => {
                kw_names.remove(i);
                Some(self.roots.stack.remove(kw_at + i))
            }
            None => None,
        };
        let bases: Vec<RawRef> = self.roots.stack[mark..mark + nbases].to_vec();
        let mut meta = match (explicit, bases.first()) {
            (Some(m), _) => m,
            (None, Some(b)) => type_of(self.obj(*b)).raw(),
            (None, None) => self.b.type_type,
        };
        if self.obj(meta).kind() == self.b.kinds.type_ {
            meta = self.winning_metaclass(meta, &bases)?;
        }
        let meta_i = self.push(meta);
        let plain = meta == self.b.type_type;
        let code = Rc::clone(&cd.def.code);
        // The namespace (the metaclass's `__prepare__` may make it), with what CPython
        // puts there before the body runs.
        let ns = if !plain && self.lookup_attr(meta, "__prepare__").is_some() {
            let prepare = self.getattr(meta, "__prepare__")?;
            let pi = self.push(prepare);
            let name = pystr::new(&self.alloc(), &cd.name)?.raw();
            let ni = self.push(name);
            let bases_tuple = self.tuple_of_stack(mark, nbases)?;
            let kwargs = self.kwargs_at(kw_at, &kw_names);
            let ns = self.call(self.at(pi), &[self.at(ni), bases_tuple], &kwargs)?;
            self.truncate(pi);
            if types::data(type_of(self.obj(ns))).instances != Instances::Dict {
                let t = self.type_name(ns);
                return Err(self.raise(
                    "TypeError",
                    format!("hpymove: a class namespace from __prepare__ must be a dict, not {t}"),
                ));
            }
            ns
        } else {
            dict::new(&self.alloc())?.raw()
        };
        let nsi = self.push(ns);
        self.set_module_from_caller(nsi)?;
        let q = pystr::new(&self.alloc(), &code.qualname)?.raw();
        self.ns_set(nsi, "__qualname__", q)?;
        let doc = match super::eval::docstring(&code) {
            Some(doc) => pystr::new(&self.alloc(), doc)?.raw(),
            None => self.b.none,
        };
        self.ns_set(nsi, "__doc__", doc)?;
        // The body's frame: [globals, ret, ns, cells…].
        let closure: Vec<RawRef> = cd
            .def
            .closure
            .iter()
            .map(|c| self.at(self.frame_cell(*c)))
            .collect();
        let base = self.roots.stack.len();
        let globals = self.at(self.frame_base());
        self.push(globals);
        self.push(RawRef::NULL);
        let ns = self.at(nsi);
        self.push(ns);
        for _ in 0..code.n_cellvars {
            let c = pyfunc::new_cell(&self.alloc(), RawRef::NULL)?.raw();
            self.push(c);
        }
        for c in closure {
            self.push(c);
        }
        self.run_function_frame(Rc::clone(&code), base)?;
        let class_cell = code.cell_names[..code.n_cellvars as usize]
            .iter()
            .position(|n| &**n == "__class__")
            .map(|i| base + 3 + i);
        let cls = if plain {
            let cls = self.make_class(&cd.name, &code.qualname, mark, nbases, nsi)?;
            let ci = self.push(cls);
            self.finish_class(ci, kw_at, &kw_names)?;
            self.at(ci)
        } else {
            // `meta(name, bases, namespace, **keywords)`
            let name = pystr::new(&self.alloc(), &cd.name)?.raw();
            let ni = self.push(name);
            let bases_tuple = self.tuple_of_stack(mark, nbases)?;
            let bi = self.push(bases_tuple);
            let kwargs = self.kwargs_at(kw_at, &kw_names);
            let args = [self.at(ni), self.at(bi), self.at(nsi)];
            self.call(self.at(meta_i), &args, &kwargs)?
        };
        let ci = self.push(cls);
        if let Some(slot) = class_cell {
            let c = self.at(slot);
            let a = self.alloc();
            pyfunc::cell_set(&a, self.obj(c), self.at(ci));
        }
        let mut cls = self.at(ci);
        for d in cd.def.decorators.iter().rev() {
            let fi = self.push(cls);
            let dec = self.eval(d)?;
            let arg = self.at(fi);
            cls = self.call(dec, &[arg], &[])?;
        }
        self.store_name(&cd.binding, cls)
    }

    /// `type(name, bases, dict)`: a class made like a `class` statement would, from a copy
    /// of `dict` (CPython's checks and messages; `__module__` from the caller's globals,
    /// `__qualname__` taken out of the dict if it is there).
    pub(crate) fn type_new_with(
        &mut self,
        meta: RawRef,
        args: [RawRef; 3],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        for (i, (r, ty, what)) in [
            (args[0], self.b.str_type, "str"),
            (args[1], self.b.tuple_type, "tuple"),
            (args[2], self.b.dict_type, "dict"),
        ]
        .into_iter()
        .enumerate()
        {
            if !types::is_subtype(type_of(self.obj(r)), self.obj(ty)) {
                let t = self.type_name(r);
                return Err(self.raise(
                    "TypeError",
                    format!("type.__new__() argument {} must be {what}, not {t}", i + 1),
                ));
            }
        }
        let bases: Vec<RawRef> = tuple::items(self.obj(args[1])).map(|b| b.raw()).collect();
        let winner = self.winning_metaclass(meta, &bases)?;
        let mark = self.roots.stack.len();
        let r = if winner != meta && self.py_lookup(winner, "__new__").is_some() {
            // A base's metaclass is more derived and has its own `__new__`: it makes
            // the class (CPython's rule).
            self.call(winner, &args, kwargs)
        } else {
            self.type_new_inner(winner, args, kwargs)
        };
        self.truncate(mark);
        r
    }

    /// The metaclass a class with `bases` gets when `meta` is asked for: the most derived
    /// of `meta` and the bases' metaclasses, or CPython's metaclass conflict.
    pub(crate) fn winning_metaclass(&mut self, meta: RawRef, bases: &[RawRef]) -> PyResult<RawRef> {
        let mut winner = meta;
        for b in bases {
            let bt = type_of(self.obj(*b)).raw();
            let (w, t) = (self.obj(winner), self.obj(bt));
            if types::is_subtype(w, t) {
                continue;
            }
            if types::is_subtype(t, w) {
                winner = bt;
                continue;
            }
            return Err(self.raise(
                "TypeError",
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) \
                 subclass of the metaclasses of all its bases"
                    .into(),
            ));
        }
        Ok(winner)
    }

    fn type_new_inner(
        &mut self,
        meta: RawRef,
        args: [RawRef; 3],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let meta_i = self.push(meta);
        let kw_at = self.roots.stack.len();
        for (_, v) in kwargs {
            self.push(*v);
        }
        let kw_names: Vec<String> = kwargs.iter().map(|(n, _)| n.clone()).collect();
        let [name, bases, given] = args;
        let name_i = self.push(name);
        let given_i = self.push(given);
        let bases_at = self.roots.stack.len();
        let items: Vec<RawRef> = tuple::items(self.obj(bases)).map(|b| b.raw()).collect();
        for b in items {
            self.push(b);
        }
        let nbases = self.roots.stack.len() - bases_at;
        let ns = dict::new(&self.alloc())?.raw();
        let nsi = self.push(ns);
        let entries: Vec<(RawRef, RawRef)> = dict::entries(self.obj(self.at(given_i)))
            .iter()
            .map(|(k, v)| (k.key.get(), *v))
            .collect();
        let mut qualname = None;
        for (key, v) in entries {
            if self.obj(key).kind() != self.b.kinds.str_ {
                let t = self.type_name(key);
                return Err(self.raise(
                    "TypeError",
                    format!("hpymove: the keys of a class namespace must be str, not {t}"),
                ));
            }
            if pystr::as_str(self.obj(key)) == "__qualname__" {
                if self.obj(v).kind() != self.b.kinds.str_ {
                    let t = self.type_name(v);
                    return Err(self.raise(
                        "TypeError",
                        format!("type __qualname__ must be a str, not {t}"),
                    ));
                }
                qualname = Some(pystr::as_str(self.obj(v)).to_string());
            }
            let a = self.alloc();
            ops::dict_set_str(&a, self.obj(self.at(nsi)), self.obj(key), self.obj(v));
        }
        let has_module = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(self.at(nsi)), "__module__").is_some()
        };
        if !has_module && !self.interp.frames.is_empty() {
            self.set_module_from_caller(nsi)?;
        }
        let name = pystr::as_str(self.obj(self.at(name_i))).to_string();
        let qualname = qualname.unwrap_or_else(|| name.clone());
        let cls = self.make_class(&name, &qualname, bases_at, nbases, nsi)?;
        let ci = self.push(cls);
        if self.at(meta_i) != self.b.type_type {
            let a = self.alloc();
            let (t, meta) = (a.heap_obj(self.at(ci)), a.heap_obj(self.at(meta_i)));
            a.set(t, W_TYPE, Some(meta));
            // An extension metaclass (or a Python one deriving from it): the class gets
            // its payload, zeroed, as `HPyType_FromSpec` gives one to the types it makes.
            if let Some(me) = types::ext(meta) {
                crate::host::payload::attach_payload(&a, t, me, false)?;
            }
        }
        self.finish_class(ci, kw_at, &kw_names)?;
        Ok(self.at(ci))
    }

    /// `ns["__module__"]` (ns at stack index `nsi`) = the running frame's module name, as
    /// a class made there gets it.
    fn set_module_from_caller(&mut self, nsi: usize) -> PyResult<()> {
        let globals = self.at(self.frame_base());
        let modname = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(globals), "__name__").map(|m| m.raw())
        };
        match modname {
            Some(m) => self.ns_set(nsi, "__module__", m),
            None => Ok(()),
        }
    }

    /// A tuple of the `n` values on the stack from `at`.
    fn tuple_of_stack(&mut self, at: usize, n: usize) -> PyResult<RawRef> {
        let a = self.alloc();
        let items: Vec<_> = self.roots.stack[at..at + n]
            .iter()
            .map(|r| self.obj(*r))
            .collect();
        Ok(tuple::new(&a, &items)?.raw())
    }

    /// Keyword arguments named `names`, their values on the stack from `at`.
    fn kwargs_at(&self, at: usize, names: &[String]) -> Vec<(String, RawRef)> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), self.at(at + i)))
            .collect()
    }

    /// What `type.__new__` does once the class exists: `__set_name__(cls, name)` on every
    /// attribute whose type has it, then `super(cls, cls).__init_subclass__(**keywords)`,
    /// with the keyword values at stack `kw_at`… The class is at stack `ci`.
    fn finish_class(&mut self, ci: usize, kw_at: usize, kw_names: &[String]) -> PyResult<()> {
        let entries: Vec<(RawRef, RawRef)> = dict::entries(types::dict(self.obj(self.at(ci))))
            .iter()
            .map(|(k, v)| (k.key.get(), *v))
            .collect();
        let base = self.roots.stack.len();
        for (k, v) in &entries {
            self.push(*k);
            self.push(*v);
        }
        for j in 0..entries.len() {
            let (name, value) = (self.at(base + 2 * j), self.at(base + 2 * j + 1));
            if let Some(r) = self.call_dunder(value, "__set_name__", &[self.at(ci), name]) {
                r?;
            }
        }
        self.truncate(base);
        let cls = self.at(ci);
        let a = self.alloc();
        let sup = instance::new_wrap(
            &a,
            self.b.super_type,
            [Some(self.obj(cls)), Some(self.obj(cls)), None, None],
        )?
        .raw();
        let init = self.getattr(sup, "__init_subclass__")?;
        let kwargs = self.kwargs_at(kw_at, kw_names);
        self.call(init, &[], &kwargs)?;
        Ok(())
    }

    /// `d[key] = v` for the dict at stack index `nsi` (`key` a str).
    pub(crate) fn ns_set(&mut self, nsi: usize, key: &str, v: RawRef) -> PyResult<()> {
        let vi = self.push(v);
        let k = pystr::new(&self.alloc(), key)?.raw();
        let a = self.alloc();
        ops::dict_set_str(
            &a,
            self.obj(self.at(nsi)),
            self.obj(k),
            self.obj(self.at(vi)),
        );
        self.truncate(vi);
        Ok(())
    }

    /// Creates the class from its bases (on the stack from `bases_at`) and namespace.
    fn make_class(
        &mut self,
        name: &str,
        qualname: &str,
        bases_at: usize,
        nbases: usize,
        nsi: usize,
    ) -> PyResult<RawRef> {
        let slots = self.class_slots(name, nsi)?;
        let mut bases: Vec<RawRef> = self.roots.stack[bases_at..bases_at + nbases].to_vec();
        if bases.is_empty() {
            bases.push(self.b.object_type);
        }
        let kinds = self.b.kinds;
        for b in &bases {
            let o = self.obj(*b);
            if o.kind() != kinds.type_ {
                let t = self.type_name(*b);
                return Err(self.raise("TypeError", format!("bases must be types, not '{t}'")));
            }
            if !self.acceptable_base(*b) {
                let n = types::data(o).tp_name.clone();
                return Err(self.raise(
                    "TypeError",
                    format!("type '{n}' is not an acceptable base type"),
                ));
            }
        }
        // The solid base decides the instances' layout; bases must agree on it.
        let mut best = bases[0];
        for b in &bases[1..] {
            let (sb, sbest) = (self.layout_base(*b), self.layout_base(best));
            let (ob, obest) = (self.obj(sb), self.obj(sbest));
            if types::is_subtype(ob, obest) {
                if sb != sbest {
                    best = *b;
                }
            } else if !types::is_subtype(obest, ob) {
                return Err(self.raise(
                    "TypeError",
                    "multiple bases have instance lay-out conflict".into(),
                ));
            }
        }
        let mro = {
            let objs: Vec<_> = bases.iter().map(|b| self.obj(*b)).collect();
            types::c3_mro(&objs).map(|m| m.iter().map(|o| o.raw()).collect::<Vec<_>>())
        };
        let mro = match mro {
            Ok(m) => m,
            Err(msg) => return Err(self.raise("TypeError", msg)),
        };
        let module = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(self.at(nsi)), "__module__")
                .filter(|m| m.kind() == kinds.str_)
                .map(|m| pystr::as_str(m).to_string())
        };
        // A class that says it belongs to `builtins` (the carried `ExceptionGroup`) is
        // named like a builtin type.
        let tp_name = match module.as_deref() {
            Some("builtins") | None => qualname.to_string(),
            Some(m) => format!("{m}.{qualname}"),
        };
        let solid = self.solid_base(best);
        let instances = if solid == self.b.property_type {
            Instances::Object
        } else {
            types::data(self.obj(solid)).instances
        };
        let ext = types::data(self.obj(best)).ext.clone();
        let a = self.alloc();
        let objs: Vec<_> = mro.iter().map(|m| self.obj(*m)).collect();
        let t = types::new_heap(&a, &tp_name, self.obj(best), &objs, instances)?;
        // The short name is the class statement's.
        let nm = pystr::new(&a, name)?;
        types::set_name(&a, t, nm);
        let data = types::data_mut(t);
        data.py = true;
        data.ext = ext;
        // The namespace becomes the class dict. A class defining `__eq__` without
        // `__hash__` is unhashable (CPython's rule).
        types::set_dict(&a, t, self.obj(self.at(nsi)));
        let ti = self.push(t.raw());
        let bases_tuple = {
            let a = self.alloc();
            let objs: Vec<_> = bases.iter().map(|b| self.obj(*b)).collect();
            tuple::new(&a, &objs)?.raw()
        };
        self.ns_set(nsi, "__bases__", bases_tuple)?;
        let (has_eq, has_hash) = {
            let a = self.alloc();
            let d = self.obj(self.at(nsi));
            (
                ops::dict_get_str(&a, d, "__eq__").is_some(),
                ops::dict_get_str(&a, d, "__hash__").is_some(),
            )
        };
        if has_eq && !has_hash {
            let none = self.b.none;
            self.ns_set(nsi, "__hash__", none)?;
        }
        // Implicit static and class methods: `__new__` is static, `__init_subclass__` and
        // `__class_getitem__` are class methods, when the body defines them as functions.
        for (name, wrapper) in [
            ("__new__", self.b.staticmethod_type),
            ("__init_subclass__", self.b.classmethod_type),
            ("__class_getitem__", self.b.classmethod_type),
        ] {
            let f = {
                let a = self.alloc();
                ops::dict_get_str(&a, self.obj(self.at(nsi)), name).map(|v| v.raw())
            };
            if let Some(f) = f {
                if self.obj(f).kind() == kinds.pyfunction {
                    let a = self.alloc();
                    let w = instance::new_wrap(&a, wrapper, [Some(self.obj(f)), None, None, None])?
                        .raw();
                    self.ns_set(nsi, name, w)?;
                }
            }
        }
        if let Some(slots) = slots {
            self.install_slots(ti, slots)?;
        }
        let t = self.at(ti);
        self.truncate(ti);
        Ok(t)
    }

    /// Can a `class` statement derive from `t`?
    fn acceptable_base(&self, t: RawRef) -> bool {
        let o = self.obj(t);
        let d = types::data(o);
        if d.py {
            return true;
        }
        if let Some(e) = &d.ext {
            return e.flags & hpy_abi::HPy_TPFLAGS_BASETYPE != 0;
        }
        if t == self.b.type_type || t == self.b.property_type {
            // A metaclass; a property subclass (its instances keep the accessors in
            // their dict: see `is_subproperty`).
            return true;
        }
        matches!(
            d.instances,
            Instances::Object
                | Instances::Int
                | Instances::Float
                | Instances::Complex
                | Instances::Str
                | Instances::Bytes
                | Instances::Tuple
                | Instances::List
                | Instances::Dict
                | Instances::Set
                | Instances::Exception
        ) && t != self.b.bool_type
    }

    /// The type whose instance layout `t`'s instances have, for the layout-conflict check:
    /// the solid base, except that every builtin exception has BaseException's layout here
    /// (`class E(OSError, ValueError)` is fine, as in CPython).
    fn layout_base(&self, t: RawRef) -> RawRef {
        let sb = self.solid_base(t);
        if types::data(self.obj(sb)).instances == Instances::Exception
            && types::data(self.obj(sb)).ext.is_none()
        {
            return self.b.exc("BaseException");
        }
        sb
    }

    /// The first type of `t`'s MRO that no `class` statement made.
    fn solid_base(&self, t: RawRef) -> RawRef {
        tuple::items(types::mro(self.obj(t)))
            .find(|c| !types::data(*c).py)
            .map_or(self.b.object_type, |c| c.raw())
    }

    // ------------------------------------------------------------ construction

    /// `cls(*args, **kwargs)` for a Python class.
    pub(crate) fn call_pyclass(
        &mut self,
        ty: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let mark = self.push_call(ty, args, kwargs);
        let r = self.call_pyclass_inner(mark, args.len(), kwargs);
        self.truncate(mark);
        r
    }

    /// The arguments as they are now (rooted from `mark`: class, positional, keyword).
    pub(crate) fn args_at(
        &self,
        mark: usize,
        nargs: usize,
        kwargs: &[(String, RawRef)],
    ) -> (Vec<RawRef>, Vec<(String, RawRef)>) {
        let args = (0..nargs).map(|i| self.at(mark + 1 + i)).collect();
        let kw = kwargs
            .iter()
            .enumerate()
            .map(|(i, (k, _))| (k.clone(), self.at(mark + 1 + nargs + i)))
            .collect();
        (args, kw)
    }

    fn call_pyclass_inner(
        &mut self,
        mark: usize,
        nargs: usize,
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let ty = self.at(mark);
        let user_new = self.py_lookup(ty, "__new__");
        let user_init = self.py_lookup(ty, "__init__");
        let obj = match user_new {
            Some(f) => {
                let f = self.unwrap_static(f);
                let (mut args, kw) = self.args_at(mark, nargs, kwargs);
                args.insert(0, ty);
                self.call(f, &args, &kw)?
            }
            None => self.base_new(mark, nargs, kwargs, user_init.is_some())?,
        };
        let oi = self.push(obj);
        let ty = self.at(mark);
        if !types::is_subtype(type_of(self.obj(obj)), self.obj(ty)) {
            return Ok(self.at(oi));
        }
        // `__new__` may return an instance of a subclass: its own type's `__init__` runs
        // (as CPython's `type.__call__` does).
        let obj_ty = type_of(self.obj(self.at(oi))).raw();
        let own_new = obj_ty == ty && user_new.is_some()
            || obj_ty != ty && self.py_lookup(obj_ty, "__new__").is_some();
        match self.py_lookup(obj_ty, "__init__") {
            Some(f) => {
                let (mut args, kw) = self.args_at(mark, nargs, kwargs);
                args.insert(0, self.at(oi));
                let r = self.call(f, &args, &kw)?;
                if r != self.b.none {
                    let t = self.type_name(r);
                    return Err(self.raise(
                        "TypeError",
                        format!("__init__() should return None, not '{t}'"),
                    ));
                }
            }
            None => {
                let (args, kw) = self.args_at(mark, nargs, kwargs);
                let o = self.at(oi);
                self.base_init(o, &args, &kw, own_new)?;
            }
        }
        Ok(self.at(oi))
    }

    fn unwrap_static(&self, f: RawRef) -> RawRef {
        if self.is_wrap_of(f, self.b.staticmethod_type) {
            instance::part(self.obj(f), 0)
        } else {
            f
        }
    }

    /// Roots a call's head (class, callee or receiver), positional and keyword values on
    /// the stack; returns where they start (the layout `args_at` reads).
    pub(crate) fn push_call(
        &mut self,
        cls: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> usize {
        let mark = self.push(cls);
        for a in args {
            self.push(*a);
        }
        for (_, v) in kwargs {
            self.push(*v);
        }
        mark
    }

    /// `object.__new__(cls, *args, **kwargs)` and the like: the solid base's `__new__`.
    pub(crate) fn new_of_solid_base(
        &mut self,
        cls: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let mark = self.push_call(cls, args, kwargs);
        let has_init =
            self.py_lookup(cls, "__init__").is_some() || self.py_lookup(cls, "__new__").is_some();
        let r = self.base_new(mark, args.len(), kwargs, has_init);
        self.truncate(mark);
        r
    }

    /// The solid base's `__new__` for class `cls` (at `mark`): an object of the base's
    /// layout typed `cls`.
    fn base_new(
        &mut self,
        mark: usize,
        nargs: usize,
        kwargs: &[(String, RawRef)],
        has_init: bool,
    ) -> PyResult<RawRef> {
        let ty = self.at(mark);
        let t = self.obj(ty);
        let (args, kw) = self.args_at(mark, nargs, kwargs);
        if types::data(t).ext.is_some() {
            return self.ext_construct_with(ty, &args, &kw, has_init);
        }
        let solid = self.solid_base(ty);
        let inst = types::data(t).instances;
        match inst {
            Instances::Object => {
                if !has_init
                    && (!args.is_empty() || !kw.is_empty())
                    && solid != self.b.property_type
                {
                    let n = types::name(self.obj(ty)).to_string();
                    return Err(self.raise("TypeError", format!("{n}() takes no arguments")));
                }
                Ok(instance::new(&self.alloc(), ty)?.raw())
            }
            Instances::Exception => self.new_exception(ty, &args),
            Instances::Type => {
                // `type.__new__(meta, name, bases, dict, **kwargs)`: a class of `meta`.
                let [name, bases, d] = args[..] else {
                    let n = args.len();
                    return Err(self.raise(
                        "TypeError",
                        format!("type.__new__() takes exactly 3 arguments ({n} given)"),
                    ));
                };
                self.type_new_with(ty, [name, bases, d], &kw)
            }
            Instances::List => {
                let l = list::new(&self.alloc(), &[])?;
                let a = self.alloc();
                a.set(l, W_TYPE, Some(a.heap_obj(self.at(mark))));
                Ok(l.raw())
            }
            Instances::Dict => {
                let d = dict::new(&self.alloc())?;
                let a = self.alloc();
                a.set(d, W_TYPE, Some(a.heap_obj(self.at(mark))));
                Ok(d.raw())
            }
            Instances::Set => {
                // A frozenset gets its items now (it is never changed after); a set gets
                // them from `__init__`.
                let s = if types::is_subtype(self.obj(solid), self.obj(self.b.frozenset_type)) {
                    if !kw.is_empty() || args.len() > 1 {
                        return Err(self.raise(
                            "TypeError",
                            "frozenset() takes at most 1 argument and no keywords".into(),
                        ));
                    }
                    self.set_from(args.first().copied())?
                } else {
                    self.new_set()?
                };
                let a = self.alloc();
                a.set(a.heap_obj(s), W_TYPE, Some(a.heap_obj(self.at(mark))));
                Ok(s)
            }
            Instances::Int
            | Instances::Float
            | Instances::Complex
            | Instances::Str
            | Instances::Bytes
            | Instances::Tuple => {
                let v = self.call_type(solid, &args, &kw)?;
                let ty = self.at(mark);
                self.retyped_copy(v, ty)
            }
            _ => {
                let n = types::data(self.obj(ty)).tp_name.clone();
                Err(self.raise("TypeError", format!("cannot create '{n}' instances")))
            }
        }
    }

    /// A fresh copy of builtin value `v` (int, float, str, bytes, tuple) typed `ty`.
    fn retyped_copy(&mut self, v: RawRef, ty: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let vo = a.heap_obj(v);
        let k = a.kinds();
        let o = if vo.kind() == k.int {
            crate::objects::int::new_fresh(&a, &crate::objects::int::to_bigint(vo))?
        } else if vo.kind() == k.float {
            crate::objects::float::new(&a, crate::objects::float::value(vo))?
        } else if vo.kind() == k.complex {
            let (re, im) = crate::objects::complex::value(vo);
            crate::objects::complex::new(&a, re, im)?
        } else if vo.kind() == k.str_ {
            let text = pystr::as_str(vo).to_string();
            pystr::new(&a, &text)?
        } else if vo.kind() == k.bytes {
            let data = crate::objects::bytes::data(vo).to_vec();
            crate::objects::bytes::new(&a, &data)?
        } else {
            let items: Vec<_> = tuple::items(vo).collect();
            tuple::new(&a, &items)?
        };
        a.set(o, W_TYPE, Some(a.heap_obj(ty)));
        Ok(o.raw())
    }

    /// The solid base's `__init__` (when no Python class defines one): list and dict fill
    /// themselves from the arguments, exceptions keep them as `args`.
    pub(crate) fn base_init(
        &mut self,
        o: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
        from_user_new: bool,
    ) -> PyResult<()> {
        let inst = types::data(type_of(self.obj(o))).instances;
        let oi = self.push(o);
        let r = (|| match inst {
            Instances::Set if !self.is_frozen(self.at(oi)) => {
                if !kwargs.is_empty() || args.len() > 1 {
                    return Err(self.raise(
                        "TypeError",
                        "set() takes at most 1 argument and no keywords".into(),
                    ));
                }
                dict::clear(self.obj(self.at(oi)));
                if let Some(x) = args.first() {
                    let it = self.iter(*x)?;
                    let ii = self.push(it);
                    while let Some(v) = self.next_at(Rooted::slot(ii))? {
                        self.set_add(self.at(oi), v)?;
                    }
                }
                Ok(())
            }
            Instances::List => {
                if !kwargs.is_empty() {
                    return Err(self.raise("TypeError", "list() takes no keyword arguments".into()));
                }
                if args.len() > 1 {
                    let n = args.len();
                    return Err(self.raise(
                        "TypeError",
                        format!("list expected at most 1 argument, got {n}"),
                    ));
                }
                let src = match args.first() {
                    Some(x) => self.items_list(*x)?,
                    None => list::new(&self.alloc(), &[])?.raw(),
                };
                let a = self.alloc();
                let items: Vec<_> = list::items(self.obj(src)).collect();
                let l = self.obj(self.at(oi));
                list::splice(&a, l, 0, list::len(l), &items)
            }
            Instances::Dict => {
                let d = self.call_type(self.b.dict_type, args, kwargs)?;
                let o = self.at(oi);
                self.dict_merge(o, d)
            }
            Instances::Exception => {
                let a = self.alloc();
                let items: Vec<_> = args.iter().map(|r| self.obj(*r)).collect();
                let t = tuple::new(&a, &items)?;
                exception::set_args(&a, self.obj(self.at(oi)), t);
                if exception::builtin_base(type_of(self.obj(self.at(oi))), "ImportError") {
                    return self.init_import_error(self.at(oi), args, kwargs);
                }
                Ok(())
            }
            Instances::Object if self.is_subproperty(self.at(oi)) => {
                // `property.__init__(self, fget=None, fset=None, fdel=None, doc=None)`.
                let v = self.bind(
                    "property",
                    &["fget", "fset", "fdel", "doc"],
                    0,
                    args,
                    kwargs,
                )?;
                let none = self.b.none;
                let doc = match v[3] {
                    Some(d) if d != none => d,
                    // As CPython: the getter's docstring when no doc is given.
                    _ => match v[0] {
                        Some(g) if g != none => self.lookup_attr(g, "__doc__").unwrap_or(none),
                        _ => none,
                    },
                };
                let vals = [
                    v[0].unwrap_or(none),
                    v[1].unwrap_or(none),
                    v[2].unwrap_or(none),
                    doc,
                ];
                let mark = self.roots.stack.len();
                for x in vals {
                    self.push(x);
                }
                let r = (|| {
                    for (i, name) in ["fget", "fset", "fdel", "__doc__"].iter().enumerate() {
                        self.generic_setattr(self.at(oi), name, self.at(mark + i))?;
                    }
                    Ok(())
                })();
                self.truncate(mark);
                r
            }
            Instances::Object if !from_user_new && !self.obj(self.at(oi)).is_immortal() => {
                if self.obj(self.at(oi)).kind() == self.b.kinds.hpy_instance {
                    return self.ext_init(self.at(oi), args, kwargs);
                }
                Ok(())
            }
            _ => Ok(()),
        })();
        self.truncate(oi);
        r
    }

    // ------------------------------------------------------------ attributes

    fn dict_slot(&self, r: RawRef) -> DictSlot {
        let o = self.obj(r);
        let k = self.b.kinds;
        if o.kind() == k.instance {
            // A class with `__slots__` only (`interp/slots.rs`) has no instance dict.
            if types::data(type_of(o)).dictless {
                return DictSlot::None;
            }
            DictSlot::Instance
        } else if o.kind() == k.exception {
            DictSlot::Exception
        } else if o.kind() == k.hpy_instance && hpyobj::has_dict_word(o) {
            DictSlot::Ext
        } else if o.kind() == k.weakref {
            DictSlot::Weak
        } else if types::data(type_of(o)).py
            && types::data(type_of(o)).ext.is_none()
            && [
                k.int, k.float, k.complex, k.str_, k.bytes, k.tuple, k.list, k.dict,
            ]
            .contains(&o.kind())
        {
            DictSlot::Side
        } else {
            DictSlot::None
        }
    }

    /// The instance dict of `r`, made if `create` and missing (`None`: `r` has none).
    pub(crate) fn instance_dict(&mut self, r: RawRef, create: bool) -> PyResult<Option<RawRef>> {
        let slot = self.dict_slot(r);
        let o = self.obj(r);
        let cur = match slot {
            DictSlot::Instance => instance::dict(o),
            DictSlot::Exception => exception::dict(o),
            DictSlot::Ext => hpyobj::inst_dict(o),
            DictSlot::Weak => crate::objects::weakref::dict(o),
            DictSlot::Side => {
                let id = ops::identity(&self.alloc(), o);
                if let Some(d) = self.roots.side_dicts.get(&id) {
                    return Ok(Some(*d));
                }
                if !create {
                    return Ok(None);
                }
                let d = dict::new(&self.alloc())?.raw();
                self.roots.side_dicts.insert(id, d);
                // A dict is registered already (its entries live outside the heap).
                if self.obj(r).kind() != self.b.kinds.dict {
                    self.heap.register_external(self.obj(r));
                }
                return Ok(Some(d));
            }
            DictSlot::None => return Ok(None),
        };
        if let Some(d) = cur {
            return Ok(Some(d.raw()));
        }
        if !create {
            return Ok(None);
        }
        let d = dict::new(&self.alloc())?;
        let a = self.alloc();
        let o = self.obj(r);
        match slot {
            DictSlot::Instance => instance::set_dict(&a, o, d),
            DictSlot::Exception => exception::set_dict(&a, o, d),
            DictSlot::Ext => a.set(o, hpyobj::W_INST_DICT, Some(d)),
            DictSlot::Weak => crate::objects::weakref::set_dict(&a, o, d),
            // Returned above.
            DictSlot::Side | DictSlot::None => return Ok(None),
        }
        Ok(Some(d.raw()))
    }

    /// Attribute lookup on an instance of a Python class: data descriptors of the class
    /// (properties, extension members), the instance dict, then class attributes
    /// (functions bound as methods). `Ok(None)`: not found.
    pub(crate) fn py_getattr(&mut self, r: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let t = type_of(self.obj(r)).raw();
        // `object.__class__`, unless a Python class overrides it (a property: `Mock`'s).
        if name == "__class__" && self.py_lookup(t, name).is_none() {
            return Ok(Some(t));
        }
        if name == "__dict__" {
            if let Some(d) = self.instance_dict(r, true)? {
                return Ok(Some(d));
            }
        }
        let descr = self.type_lookup(t, name);
        let mut py_get = None;
        if let Some(d) = descr {
            let dob = self.obj(d);
            if dob.kind() == self.b.kinds.wrap && type_of(dob).raw() == self.b.property_type {
                return self.property_get(d, r, name).map(Some);
            }
            if dob.kind() == self.b.kinds.hpy_descr {
                return self.descr_get(d, r).map(Some);
            }
            // A descriptor written in Python: a data descriptor (with `__set__` or
            // `__delete__`) comes before the instance dict, another one after it.
            if let Some((get, data)) = self.py_descriptor(d) {
                if data {
                    return self.call(get, &[d, r, t], &[]).map(Some);
                }
                py_get = Some(get);
            } else if self.is_subproperty(d) {
                // A property subclass without its own `__get__`: property's.
                return self.subproperty_call(d, r, RawRef::NULL, 0, name).map(Some);
            }
        }
        if let Some(dd) = self.instance_dict(r, false)? {
            let a = self.alloc();
            if let Some(v) = ops::dict_get_str(&a, self.obj(dd), name) {
                return Ok(Some(v.raw()));
            }
        }
        if let Some(d) = descr {
            if let Some(get) = py_get {
                return self.call(get, &[d, r, t], &[]).map(Some);
            }
            return self.bind_attr(d, r, t).map(Some);
        }
        // `__getattr__` is the caller's (`getattribute.rs`): `object.__getattribute__`
        // does not call it.
        Ok(None)
    }

    /// A property of the Python metaclass of class `cls`, read on `cls`.
    pub(crate) fn metaclass_property(
        &mut self,
        cls: RawRef,
        name: &str,
    ) -> PyResult<Option<RawRef>> {
        let meta = type_of(self.obj(cls)).raw();
        match self.type_lookup(meta, name) {
            Some(d) if self.is_wrap_of(d, self.b.property_type) => {
                self.property_get(d, cls, name).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// An attribute of the Python metaclass of class `cls` (found after the class's own):
    /// functions bound to the class, as methods of an instance.
    pub(crate) fn metaclass_attr(&mut self, cls: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let meta = type_of(self.obj(cls)).raw();
        match self.type_lookup(meta, name) {
            Some(d) if self.is_wrap_of(d, self.b.property_type) => {
                self.property_get(d, cls, name).map(Some)
            }
            Some(d) => self.bind_attr(d, cls, meta).map(Some),
            None => Ok(None),
        }
    }

    /// A class attribute `d` found for instance `r` of type `t`: bound as a method if it
    /// is a function, unwrapped if a static method, bound to the class if a class method.
    pub(crate) fn bind_attr(&mut self, d: RawRef, r: RawRef, t: RawRef) -> PyResult<RawRef> {
        let dob = self.obj(d);
        let k = self.b.kinds;
        if dob.kind() == k.pyfunction {
            return self.new_method(d, r);
        }
        if dob.kind() == k.wrap {
            let ty = type_of(dob).raw();
            if ty == self.b.staticmethod_type {
                return Ok(instance::part(dob, 0));
            }
            if ty == self.b.classmethod_type {
                return self.new_method(instance::part(dob, 0), t);
            }
        }
        if dob.kind() == k.function
            && function::info(dob).signature & crate::objects::function::METHOD_DESCR != 0
        {
            return self.bind_method_descr(d, r);
        }
        if dob.kind() == k.native && crate::objects::native::self_of(dob).is_null() {
            let idx = crate::objects::native::index(dob);
            let n = crate::objects::native::name(dob).to_string();
            let a = self.alloc();
            return Ok(crate::objects::native::new(&a, &n, r, idx)?.raw());
        }
        Ok(d)
    }

    /// A bound method: `f` with `self_` as its first argument.
    pub(crate) fn new_method(&mut self, f: RawRef, self_: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let m = instance::new_wrap(
            &a,
            self.b.method_type,
            [Some(self.obj(f)), Some(self.obj(self_)), None, None],
        )?;
        Ok(m.raw())
    }

    fn property_get(&mut self, p: RawRef, r: RawRef, name: &str) -> PyResult<RawRef> {
        let fget = instance::part(self.obj(p), 0);
        if fget.is_null() || fget == self.b.none {
            let t = self.type_name(r);
            return Err(self.raise(
                "AttributeError",
                format!("property '{name}' of '{t}' object has no getter"),
            ));
        }
        self.call(fget, &[r], &[])
    }

    /// A class attribute reached through the class itself (`C.name`): class methods are
    /// bound to the class, static methods unwrapped; functions stay plain functions.
    pub(crate) fn class_attr(&mut self, t: RawRef, v: RawRef) -> PyResult<RawRef> {
        if let Some((get, _)) = self.py_descriptor(v) {
            let none = self.b.none;
            return self.call(get, &[v, none, t], &[]);
        }
        let vo = self.obj(v);
        if vo.kind() == self.b.kinds.wrap {
            let ty = type_of(vo).raw();
            if ty == self.b.staticmethod_type {
                return Ok(instance::part(vo, 0));
            }
            if ty == self.b.classmethod_type {
                return self.new_method(instance::part(vo, 0), t);
            }
        }
        Ok(v)
    }

    /// If `d` is an instance of a Python class with `__get__` (a descriptor): its
    /// `__get__` and whether it is a data descriptor (has `__set__` or `__delete__`).
    fn py_descriptor(&self, d: RawRef) -> Option<(RawRef, bool)> {
        if !self.is_py(d) || self.obj(d).kind() == self.b.kinds.type_ {
            return None;
        }
        let dt = type_of(self.obj(d)).raw();
        let get = self.py_lookup(dt, "__get__")?;
        // A property subclass is a data descriptor through property's `__set__`.
        let data = self.py_lookup(dt, "__set__").is_some()
            || self.py_lookup(dt, "__delete__").is_some()
            || self.is_subproperty(d);
        Some((get, data))
    }

    /// Is `d` an instance of a Python subclass of `property` (its accessors are the
    /// attributes `fget`, `fset`, `fdel` of its dict)?
    pub(crate) fn is_subproperty(&self, d: RawRef) -> bool {
        let o = self.obj(d);
        o.kind() != self.b.kinds.wrap
            && types::data(type_of(o)).py
            && types::is_subtype(type_of(o), self.obj(self.b.property_type))
    }

    /// Accessor `which` (0 get, 1 set, 2 delete) of the property subclass instance `d`,
    /// called on `r` (and `value` for a set); the attribute `name` in messages.
    pub(crate) fn subproperty_call(
        &mut self,
        d: RawRef,
        r: RawRef,
        value: RawRef,
        which: usize,
        name: &str,
    ) -> PyResult<RawRef> {
        let mark = self.push(r);
        self.push(value);
        let attr = ["fget", "fset", "fdel"][which];
        let res = (|| {
            let f = self.getattr(d, attr)?;
            if f == self.b.none {
                let t = self.type_name(self.at(mark));
                let what = ["getter", "setter", "deleter"][which];
                return Err(self.raise(
                    "AttributeError",
                    format!("property '{name}' of '{t}' object has no {what}"),
                ));
            }
            if which == 1 {
                self.call(f, &[self.at(mark), self.at(mark + 1)], &[])
            } else {
                self.call(f, &[self.at(mark)], &[])
            }
        })();
        self.truncate(mark);
        res
    }

    /// `setattr`/`delattr` (`value` null) on an instance of a Python class.
    pub(crate) fn py_setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        let t = type_of(self.obj(r)).raw();
        if let Some(d) = self.type_lookup(t, name) {
            // A data descriptor written in Python: its `__set__` or `__delete__`.
            if self.is_py(d) && self.obj(d).kind() != self.b.kinds.type_ {
                let dt = type_of(self.obj(d)).raw();
                let hook = if value.is_null() {
                    "__delete__"
                } else {
                    "__set__"
                };
                if let Some(f) = self.py_lookup(dt, hook) {
                    return if value.is_null() {
                        self.call(f, &[d, r], &[]).map(|_| ())
                    } else {
                        self.call(f, &[d, r, value], &[]).map(|_| ())
                    };
                }
                if self.is_subproperty(d) {
                    // property's own `__set__`/`__delete__`.
                    let which = if value.is_null() { 2 } else { 1 };
                    return self.subproperty_call(d, r, value, which, name).map(|_| ());
                }
                let other = if value.is_null() {
                    "__set__"
                } else {
                    "__delete__"
                };
                if self.py_lookup(dt, other).is_some() {
                    return Err(self.raise("AttributeError", hook.to_string()));
                }
            }
            let dob = self.obj(d);
            if dob.kind() == self.b.kinds.wrap && type_of(dob).raw() == self.b.property_type {
                let idx = if value.is_null() { 2 } else { 1 };
                let f = instance::part(dob, idx);
                if f.is_null() || f == self.b.none {
                    let tn = self.type_name(r);
                    let what = if value.is_null() { "deleter" } else { "setter" };
                    return Err(self.raise(
                        "AttributeError",
                        format!("property '{name}' of '{tn}' object has no {what}"),
                    ));
                }
                return if value.is_null() {
                    self.call(f, &[r], &[]).map(|_| ())
                } else {
                    self.call(f, &[r, value], &[]).map(|_| ())
                };
            }
            if dob.kind() == self.b.kinds.hpy_descr {
                return self.descr_set(d, r, value);
            }
        }
        if let Some(sa) = self
            .py_lookup(t, "__setattr__")
            .filter(|_| !value.is_null())
        {
            return self.call_setattr(sa, r, name, value);
        }
        self.generic_setattr(r, name, value)
    }

    /// `obj.__class__ = cls` (object's `__class__` setter) for `r`, an instance of a Python
    /// class: allowed to another Python class whose instances have the same layout (the
    /// same solid base, the same kind of instance, a dict or only slots alike).
    fn assign_class(&mut self, r: RawRef, value: RawRef) -> PyResult<()> {
        if value.is_null() {
            return Err(self.raise("TypeError", "can't delete __class__ attribute".into()));
        }
        if self.obj(value).kind() != self.b.kinds.type_ {
            let t = self.type_name(value);
            return Err(self.raise(
                "TypeError",
                format!("__class__ must be set to a class, not '{t}' object"),
            ));
        }
        let old = type_of(self.obj(r)).raw();
        let (od, nd) = (types::data(self.obj(old)), types::data(self.obj(value)));
        if !od.py || !nd.py {
            return Err(self.raise(
                "TypeError",
                "__class__ assignment only supported for mutable types or ModuleType subclasses"
                    .into(),
            ));
        }
        let same_layout = od.instances == nd.instances
            && od.dictless == nd.dictless
            && self.layout_base(old) == self.layout_base(value);
        if !same_layout {
            let (n, o) = (
                types::name(self.obj(value)).to_string(),
                types::name(self.obj(old)).to_string(),
            );
            return Err(self.raise(
                "TypeError",
                format!("__class__ assignment: '{n}' object layout differs from '{o}'"),
            ));
        }
        let a = self.alloc();
        a.set(a.heap_obj(r), W_TYPE, Some(a.heap_obj(value)));
        Ok(())
    }

    /// Calls a `__setattr__` written in Python: `f(r, name, value)`.
    pub(crate) fn call_setattr(
        &mut self,
        f: RawRef,
        r: RawRef,
        name: &str,
        value: RawRef,
    ) -> PyResult<()> {
        let mark = self.push(f);
        self.push(r);
        self.push(value);
        let n = pystr::new(&self.alloc(), name)?.raw();
        let (f, r, v) = (self.at(mark), self.at(mark + 1), self.at(mark + 2));
        self.truncate(mark);
        self.call(f, &[r, n, v], &[]).map(|_| ())
    }

    /// `object.__setattr__`: stores in (or deletes from) the instance dict.
    pub(crate) fn generic_setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        if name == "__class__" {
            return self.assign_class(r, value);
        }
        let mark = self.push(r);
        self.push(value);
        let d = self.instance_dict(r, !value.is_null());
        let (r, value) = (self.at(mark), self.at(mark + 1));
        self.truncate(mark);
        let Some(d) = d? else {
            let tn = self.type_name(r);
            return Err(self.raise(
                "AttributeError",
                format!("'{tn}' object has no attribute '{name}'"),
            ));
        };
        if value.is_null() {
            let hit = {
                let a = self.alloc();
                dict::lookup(self.obj(d), ops::str_hash(name), |other| {
                    let k = a.heap_obj(other);
                    k.kind() == a.kinds().str_ && pystr::as_str(k) == name
                })
            };
            return match hit {
                Some((i, _)) => {
                    dict::remove_index(self.obj(d), i);
                    Ok(())
                }
                None => {
                    let tn = self.type_name(r);
                    Err(self.raise(
                        "AttributeError",
                        format!("'{tn}' object has no attribute '{name}'"),
                    ))
                }
            };
        }
        let di = self.push(d);
        self.push(value);
        let k = pystr::new(&self.alloc(), name)?.raw();
        let a = self.alloc();
        ops::dict_set_str(
            &a,
            self.obj(self.at(di)),
            self.obj(k),
            self.obj(self.at(di + 1)),
        );
        self.truncate(di);
        Ok(())
    }

    // ------------------------------------------------------------ super

    /// `super(cls, obj)`
    pub(crate) fn new_super(&mut self, cls: RawRef, obj: RawRef) -> PyResult<RawRef> {
        let k = self.b.kinds;
        if self.obj(cls).kind() != k.type_ {
            let t = self.type_name(cls);
            return Err(self.raise(
                "TypeError",
                format!("super() argument 1 must be a type, not {t}"),
            ));
        }
        let o = self.obj(obj);
        let ok = (o.kind() == k.type_ && types::is_subtype(o, self.obj(cls)))
            || types::is_subtype(type_of(o), self.obj(cls));
        if !ok {
            return Err(self.raise(
                "TypeError",
                "super(type, obj): obj must be an instance or subtype of type".into(),
            ));
        }
        let a = self.alloc();
        let s = instance::new_wrap(
            &a,
            self.b.super_type,
            [Some(self.obj(cls)), Some(self.obj(obj)), None, None],
        )?;
        Ok(s.raw())
    }

    /// `super(cls, obj).name`: the MRO of `obj`'s type after `cls`.
    pub(crate) fn super_getattr(&mut self, s: RawRef, name: &str) -> PyResult<RawRef> {
        let so = self.obj(s);
        let (cls, obj) = (instance::part(so, 0), instance::part(so, 1));
        let oo = self.obj(obj);
        // `super(C, C)` in a class method searches C's MRO; `super(M, cls)` in a metaclass
        // method searches the MRO of cls's type, as for any instance.
        let is_class = oo.kind() == self.b.kinds.type_ && types::is_subtype(oo, self.obj(cls));
        let start = if is_class { obj } else { type_of(oo).raw() };
        let found = {
            let a = self.alloc();
            let mro: Vec<_> = tuple::items(types::mro(self.obj(start))).collect();
            let after = mro
                .iter()
                .position(|c| c.raw() == cls)
                .map_or(mro.len(), |i| i + 1);
            mro[after..]
                .iter()
                .find_map(|c| ops::dict_get_str(&a, types::dict(*c), name).map(|v| v.raw()))
        };
        match found {
            Some(v) if is_class => self.class_attr(obj, v),
            Some(v) => {
                let vo = self.obj(v);
                if vo.kind() == self.b.kinds.wrap && type_of(vo).raw() == self.b.property_type {
                    return self.property_get(v, obj, name);
                }
                if vo.kind() == self.b.kinds.hpy_descr {
                    return self.descr_get(v, obj);
                }
                self.bind_attr(v, obj, start)
            }
            None => {
                // What `object` and the builtin bases provide without a dict entry.
                if name == "__new__" {
                    // A static method: the caller passes the class.
                    let f = super::natives::unbound_native(self, "__new__")?;
                    return Ok(f);
                }
                let native = match name {
                    "__init__" => Some("__init__"),
                    "__repr__" => Some("__repr__"),
                    "__str__" => Some("__str__"),
                    "__setattr__" => Some("__setattr__"),
                    "__getattribute__" => Some("__getattribute__"),
                    // Bound to the class (a class method), also where the interpreter's
                    // builtins are not installed (the embedding API).
                    "__init_subclass__" => Some("__init_subclass__"),
                    "__call__" if types::is_subtype(type_of(oo), self.obj(self.b.type_type)) => {
                        Some("__call__")
                    }
                    _ => None,
                };
                if let Some(n) = native {
                    return super::natives::bound_native(self, n, obj);
                }
                // A builtin base's slot (`super().__getitem__(i)` in a subclass of list).
                if !is_class {
                    if let Some(w) = self.builtin_slot(obj, name)? {
                        return Ok(w);
                    }
                }
                Err(self.raise(
                    "AttributeError",
                    format!("'super' object has no attribute '{name}'"),
                ))
            }
        }
    }

    // ------------------------------------------------------------ with

    /// `with ctx [as target]: body` (the statement at `line`: the exit call is made
    /// there, as a traceback through `__exit__` shows).
    pub(crate) fn exec_with(
        &mut self,
        ctx: &Expr,
        target: Option<&Target>,
        body: &[Stmt],
        line: u32,
    ) -> PyResult<Flow> {
        let m = self.eval(ctx)?;
        let mi = self.push(m);
        let Some(enter) = self.special_attr(m, "__enter__")? else {
            let t = self.type_name(self.at(mi));
            return Err(self.raise(
                "TypeError",
                format!("'{t}' object does not support the context manager protocol"),
            ));
        };
        let eni = self.push(enter);
        let Some(exit) = self.special_attr(self.at(mi), "__exit__")? else {
            let t = self.type_name(self.at(mi));
            return Err(self.raise(
                "TypeError",
                format!(
                    "'{t}' object does not support the context manager protocol (missed __exit__ method)"
                ),
            ));
        };
        let xi = self.push(exit);
        let enter = self.at(eni);
        let v = self.call(enter, &[], &[])?;
        if let Some(t) = target {
            self.assign(t, v)?;
        }
        match self.exec_block(body) {
            Ok(flow) => {
                let none = self.b.none;
                // A `return` value is kept in the frame's slot: the exit call leaves it.
                let exit = self.at(xi);
                self.set_line(line);
                self.call(exit, &[none, none, none], &[])?;
                Ok(flow)
            }
            Err(Raised) => {
                let exc = self.roots.exc;
                let ei = self.push(exc);
                self.roots.exc = RawRef::NULL;
                self.roots.handling.push(exc);
                let t = type_of(self.obj(exc)).raw();
                let none = self.b.none;
                let exit = self.at(xi);
                self.set_line(line);
                // Where the exception was raised so far: an `__exit__` that throws it into
                // a generator and gets it back (contextlib) adds frames, which CPython's
                // contextlib takes away again before the statement re-raises it.
                let raised_at = exception::traceback(self.obj(exc)).map(list::len);
                let mark = self.interp.tb_mark;
                let r = self.call(exit, &[t, exc, none], &[]);
                let handled = self.roots.handling.pop().expect("pushed above");
                let r = match r {
                    Ok(v) => self.truth(v),
                    Err(e) => Err(e),
                };
                match r {
                    Ok(true) => {
                        self.interp.tb_mark = None;
                        Ok(Flow::Normal)
                    }
                    Ok(false) => {
                        let exc = self.at(ei);
                        if let (Some(n), Some(tb)) =
                            (raised_at, exception::traceback(self.obj(exc)))
                        {
                            if list::len(tb) > n {
                                let len = list::len(tb);
                                list::splice(&self.alloc(), tb, n, len, &[])?;
                            }
                        }
                        // Its entry for this frame is already there (at the line in
                        // the body): not another at the `with` line.
                        self.interp.tb_mark = mark;
                        self.roots.exc = exc;
                        Err(Raised)
                    }
                    Err(e) => {
                        self.chain_context(handled);
                        Err(e)
                    }
                }
            }
        }
    }

    /// A special method looked up on the type and bound to `r` (`None`: not defined).
    pub(crate) fn special_attr(&mut self, r: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let t = type_of(self.obj(r)).raw();
        match self.type_lookup(t, name) {
            // An instance of a Python class: its `__get__` if it is a descriptor, else
            // itself, unbound (a `Mock` set as `__enter__`).
            Some(d) if self.is_py(d) => {
                let dt = type_of(self.obj(d)).raw();
                match self.py_lookup(dt, "__get__") {
                    Some(get) => self.call(get, &[d, r, t], &[]).map(Some),
                    None => Ok(Some(d)),
                }
            }
            Some(d) => self.bind_attr(d, r, t).map(Some),
            None => Ok(None),
        }
    }

    /// Calls a bound method object.
    pub(crate) fn call_wrap(
        &mut self,
        w: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let wo = self.obj(w);
        let ty = type_of(wo).raw();
        if ty == self.b.method_type {
            let (f, s) = (instance::part(wo, 0), instance::part(wo, 1));
            let mut all = Vec::with_capacity(args.len() + 1);
            all.push(s);
            all.extend_from_slice(args);
            return self.call(f, &all, kwargs);
        }
        if ty == self.b.staticmethod_type {
            let f = instance::part(wo, 0);
            return self.call(f, args, kwargs);
        }
        let n = self.type_name(w);
        Err(self.raise("TypeError", format!("'{n}' object is not callable")))
    }
}
