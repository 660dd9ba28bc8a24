//! Calling the builtin types: `int('ff', 16)`, `bytes([1, 2])`, `dict(pairs, **kw)`,
//! `ValueError('msg')`, `range(1, 10, 2)`… with CPython 3.11's argument rules, results and
//! messages. Conversions that belong to a protocol use its entry point (`to_int`,
//! `to_float`, `index`, `iter`/`next`, the codecs); builtin containers are read directly.
//!
//! Exception classes (builtin and heap, such as those `HPyErr_NewException` makes) are
//! constructed here too, with OSError's special rules: `OSError(errno, strerror, ...)`
//! becomes the subclass errno selects (`FileNotFoundError` for ENOENT…), keeps
//! `errno`/`strerror`/`filename`/`filename2` as attributes and drops the file names from
//! `args`, as CPython does.
//!
//! Iterating an arbitrary object may run extension code (a safepoint): the items gathered
//! so far are kept in a list held by a handle, never as raw references.
//!
//! Size: each builtin type's constructor with CPython's argument rules and messages, one short
//! function each.

use gc::RawRef;
use num_bigint::BigInt;
use num_traits::{ToPrimitive, Zero};

use crate::error::PyResult;
use crate::objects::codecs::{self, Codec, CodecError, Endian, Errors, Subject};
use crate::objects::types::{self, Instances};
use crate::objects::{
    bytes, dict, exception, float, int, list, range, slice, str as pystr, tuple, type_of, W_DATA,
};
use crate::state::State;

/// The OSError subclass CPython 3.11 (on Linux) raises for an errno.
fn os_error_subclass(errno: i64) -> Option<&'static str> {
    Some(match errno as i32 {
        libc::EAGAIN | libc::EALREADY | libc::EINPROGRESS => "BlockingIOError",
        libc::ECHILD => "ChildProcessError",
        libc::EPIPE | libc::ESHUTDOWN => "BrokenPipeError",
        libc::ECONNABORTED => "ConnectionAbortedError",
        libc::ECONNREFUSED => "ConnectionRefusedError",
        libc::ECONNRESET => "ConnectionResetError",
        libc::EEXIST => "FileExistsError",
        libc::ENOENT => "FileNotFoundError",
        libc::EISDIR => "IsADirectoryError",
        libc::ENOTDIR => "NotADirectoryError",
        libc::EINTR => "InterruptedError",
        libc::EACCES | libc::EPERM => "PermissionError",
        libc::ESRCH => "ProcessLookupError",
        libc::ETIMEDOUT => "TimeoutError",
        _ => return None,
    })
}

impl State {
    /// `ty(*args, **kwargs)` for a builtin type or an exception class.
    pub(crate) fn call_type(
        &mut self,
        ty: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let t = self.obj(ty);
        if types::data(t).py {
            return self.up_call_pyclass(ty, args, kwargs);
        }
        let inst = types::data(t).instances;
        if let Some(r) = self.construct_class_helper(ty, args, kwargs) {
            return r;
        }
        let t = self.obj(ty);
        if types::ext(t).is_some() {
            return self.up_ext_construct(ty, args, kwargs);
        }
        if inst == Instances::Exception {
            let is_import_error = exception::builtin_base(t, "ImportError");
            if !kwargs.is_empty() && !is_import_error {
                let name = types::name(t).to_string();
                return Err(self.raise("TypeError", format!("{name}() takes no keyword arguments")));
            }
            let e = self.new_exception(ty, args)?;
            if is_import_error {
                let ei = self.push(e);
                let r = self.init_import_error(self.at(ei), args, kwargs);
                let e = self.at(ei);
                self.truncate(ei);
                r?;
                return Ok(e);
            }
            return Ok(e);
        }
        if !t.is_immortal() {
            let n = types::data(t).tp_name.clone();
            return Err(self.raise("TypeError", format!("cannot create '{n}' instances")));
        }
        let b = &self.b;
        let (type_type, object_type, bool_type) = (b.type_type, b.object_type, b.bool_type);
        let singleton = [
            (b.none_type, b.none, "NoneType"),
            (b.notimpl_type, b.notimpl, "NotImplementedType"),
            (b.ellipsis_type, b.ellipsis, "EllipsisType"),
        ];
        if ty == type_type {
            return self.construct_type(args, kwargs);
        }
        if ty == object_type {
            if !args.is_empty() || !kwargs.is_empty() {
                return Err(self.raise("TypeError", "object() takes no arguments".into()));
            }
            let o = self
                .alloc()
                .object(self.b.kinds.plain, self.b.object_type, W_DATA)?;
            return Ok(o.raw());
        }
        if ty == bool_type {
            let x = self.positional("bool", args, kwargs, 0, 1)?;
            let v = match x.first() {
                Some(x) => crate::protocols::compare::truth(self, *x)?,
                None => false,
            };
            return Ok(if v { self.b.true_ } else { self.b.false_ });
        }
        if let Some((_, v, n)) = singleton.iter().find(|(t, _, _)| *t == ty) {
            if !args.is_empty() || !kwargs.is_empty() {
                return Err(self.raise("TypeError", format!("{n} takes no arguments")));
            }
            return Ok(*v);
        }
        match inst {
            Instances::Int => self.construct_int(args, kwargs),
            Instances::Float => {
                let x = self.positional("float", args, kwargs, 0, 1)?;
                match x.first() {
                    Some(x) => self.to_float(*x),
                    None => Ok(float::new(&self.alloc(), 0.0)?.raw()),
                }
            }
            Instances::Complex => self.construct_complex(args, kwargs),
            Instances::Str => self.construct_str(args, kwargs),
            Instances::Bytes => self.construct_bytes(args, kwargs),
            Instances::Tuple => {
                let x = self.positional("tuple", args, kwargs, 0, 1)?;
                match x.first() {
                    None => Ok(tuple::new(&self.alloc(), &[])?.raw()),
                    Some(x)
                        if self.obj(*x).kind() == self.b.kinds.tuple
                            && type_of(self.obj(*x)).raw() == self.b.tuple_type =>
                    {
                        Ok(*x)
                    }
                    Some(x) => {
                        let l = self.items_list(*x)?;
                        let a = self.alloc();
                        let items: Vec<_> = list::items(self.obj(l)).collect();
                        Ok(tuple::new(&a, &items)?.raw())
                    }
                }
            }
            Instances::List => {
                let x = self.positional("list", args, kwargs, 0, 1)?;
                match x.first() {
                    None => Ok(list::new(&self.alloc(), &[])?.raw()),
                    Some(x) => self.items_list(*x),
                }
            }
            Instances::Dict => self.construct_dict(args, kwargs),
            Instances::Set if ty == self.b.frozenset_type => {
                let x = self.positional("frozenset", args, kwargs, 0, 1)?;
                self.frozenset_from(x.first().copied())
            }
            Instances::Set => {
                let x = self.positional("set", args, kwargs, 0, 1)?;
                self.set_from(x.first().copied())
            }
            Instances::Range => self.construct_range(args, kwargs),
            Instances::Module if ty == self.b.module_type => self.construct_module(args, kwargs),
            Instances::Slice => {
                let x = self.positional("slice", args, kwargs, 1, 3)?;
                let none = self.b.none;
                let (start, stop, step) = match x.len() {
                    1 => (none, x[0], none),
                    2 => (x[0], x[1], none),
                    _ => (x[0], x[1], x[2]),
                };
                let a = self.alloc();
                let s = slice::new(&a, self.obj(start), self.obj(stop), self.obj(step))?;
                Ok(s.raw())
            }
            _ => {
                let n = types::data(self.obj(ty)).tp_name.clone();
                Err(self.raise("TypeError", format!("cannot create '{n}' instances")))
            }
        }
    }

    /// `property(...)`, `staticmethod(f)`, `classmethod(f)`, `super(cls, obj)`.
    fn construct_class_helper(
        &mut self,
        ty: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> Option<PyResult<RawRef>> {
        let b = &self.b;
        let which = [
            b.property_type,
            b.staticmethod_type,
            b.classmethod_type,
            b.super_type,
            b.method_type,
        ]
        .iter()
        .position(|t| *t == ty)?;
        Some((|| match which {
            0 => {
                let v = self.bind(
                    "property",
                    &["fget", "fset", "fdel", "doc"],
                    0,
                    args,
                    kwargs,
                )?;
                let a = self.alloc();
                let none = self.b.none;
                let parts = [0, 1, 2, 3].map(|i| Some(a.heap_obj(v[i].unwrap_or(none))));
                Ok(crate::objects::instance::new_wrap(&a, ty, parts)?.raw())
            }
            1 | 2 => {
                let n = if which == 1 {
                    "staticmethod"
                } else {
                    "classmethod"
                };
                let x = self.positional(n, args, kwargs, 1, 1)?;
                let a = self.alloc();
                let parts = [Some(a.heap_obj(x[0])), None, None, None];
                Ok(crate::objects::instance::new_wrap(&a, ty, parts)?.raw())
            }
            3 => {
                let x = self.positional("super", args, kwargs, 2, 2)?;
                self.up_new_super(x[0], x[1])
            }
            _ => {
                // `types.MethodType(func, obj)`: func bound to obj.
                let x = self.positional("method", args, kwargs, 2, 2)?;
                if !crate::protocols::call::callable(self, x[0]) {
                    return Err(self.raise("TypeError", "first argument must be callable".into()));
                }
                if x[1] == self.b.none {
                    return Err(self.raise("TypeError", "instance must not be None".into()));
                }
                self.up_new_method(x[0], x[1])
            }
        })())
    }

    /// The positional arguments of a builtin that takes no keywords and `min..=max` of
    /// them, with CPython's messages (`float expected at most 1 argument, got 2`).
    fn positional(
        &mut self,
        func: &str,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
        min: usize,
        max: usize,
    ) -> PyResult<Vec<RawRef>> {
        if !kwargs.is_empty() {
            return Err(self.raise("TypeError", format!("{func}() takes no keyword arguments")));
        }
        let n = args.len();
        let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
        if n < min {
            return Err(self.raise(
                "TypeError",
                format!("{func} expected at least {min} {}, got {n}", plural(min)),
            ));
        }
        if n > max {
            return Err(self.raise(
                "TypeError",
                format!("{func} expected at most {max} {}, got {n}", plural(max)),
            ));
        }
        Ok(args.to_vec())
    }

    /// Binds arguments to the parameters `names` of builtin `func` (the first `posonly`
    /// positional-only), with CPython's argument-clinic messages.
    pub(crate) fn bind(
        &mut self,
        func: &str,
        names: &[&str],
        posonly: usize,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<Vec<Option<RawRef>>> {
        let given = args.len() + kwargs.len();
        if given > names.len() {
            return Err(self.raise(
                "TypeError",
                format!(
                    "{func}() takes at most {} arguments ({given} given)",
                    names.len()
                ),
            ));
        }
        let mut out = vec![None; names.len()];
        for (i, a) in args.iter().enumerate() {
            out[i] = Some(*a);
        }
        for (k, v) in kwargs {
            match names.iter().position(|n| n == k) {
                Some(i) if i >= posonly => {
                    if out[i].is_some() {
                        return Err(self.raise(
                            "TypeError",
                            format!(
                                "argument for {func}() given by name ('{k}') and position ({})",
                                i + 1
                            ),
                        ));
                    }
                    out[i] = Some(*v);
                }
                _ => {
                    return Err(self.raise(
                        "TypeError",
                        format!("'{k}' is an invalid keyword argument for {func}()"),
                    ))
                }
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------------ exceptions

    /// `ty(*args)` for an exception class `ty` (no keywords: the caller checked).
    pub(crate) fn new_exception(&mut self, ty: RawRef, args: &[RawRef]) -> PyResult<RawRef> {
        let mut ty = ty;
        let is_os_error = exception::builtin_base(self.obj(ty), "OSError");
        let mut final_args = args.to_vec();
        let mut attrs: Vec<(&str, RawRef)> = Vec::new();
        if is_os_error && (2..=5).contains(&args.len()) {
            // Exactly OSError picks the subclass its errno names.
            if ty == self.b.exc("OSError") {
                let e = self.obj(args[0]);
                let errno = if e.kind() == self.b.kinds.bool_ {
                    Some(e.word(W_DATA) as i64)
                } else if types::data(type_of(e)).instances == Instances::Int {
                    int::to_bigint(e).to_i64()
                } else {
                    None
                };
                if let Some(sub) = errno.and_then(os_error_subclass) {
                    ty = self.b.exc(sub);
                }
            }
            attrs.push(("errno", args[0]));
            attrs.push(("strerror", args[1]));
            let none = self.b.none;
            if let Some(f) = args.get(2).copied().filter(|f| *f != none) {
                attrs.push(("filename", f));
                if let Some(f2) = args.get(4).copied().filter(|f| *f != none) {
                    attrs.push(("filename2", f2));
                }
                final_args.truncate(2);
            }
        }
        let a = self.alloc();
        let items: Vec<_> = final_args.iter().map(|r| self.obj(*r)).collect();
        let t = tuple::new(&a, &items)?;
        let e = exception::new(&a, ty, t)?;
        if !attrs.is_empty() {
            let d = dict::new(&a)?;
            for (k, v) in attrs {
                let k = pystr::new(&a, k)?;
                crate::objects::ops::dict_set_str(&a, d, k, self.obj(v));
            }
            exception::set_dict(&a, e, d);
        }
        Ok(e.raw())
    }

    /// `ImportError.__init__`'s part beyond `args`: the keywords `name` and `path` and the
    /// message `msg` (the only argument, if there is exactly one), kept in the instance
    /// dict (`exception::attr` gives None for those never set). `e` must be rooted by the
    /// caller; `args` and `kwargs` are only stored.
    pub(crate) fn init_import_error(
        &mut self,
        e: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<()> {
        if kwargs.len() > 2 {
            let n = kwargs.len();
            return Err(self.raise(
                "TypeError",
                format!("ImportError() takes at most 2 keyword arguments ({n} given)"),
            ));
        }
        let none = self.b.none;
        let mut values = [("name", none), ("path", none), ("msg", none)];
        for (k, v) in kwargs {
            match k.as_str() {
                "name" => values[0].1 = *v,
                "path" => values[1].1 = *v,
                _ => {
                    return Err(self.raise(
                        "TypeError",
                        format!("'{k}' is an invalid keyword argument for ImportError()"),
                    ))
                }
            }
        }
        if let [m] = args {
            values[2].1 = *m;
        }
        let a = self.alloc();
        let eo = self.obj(e);
        let d = match exception::dict(eo) {
            Some(d) => d,
            None => {
                let d = dict::new(&a)?;
                exception::set_dict(&a, self.obj(e), d);
                d
            }
        };
        for (k, v) in values {
            let k = pystr::new(&a, k)?;
            crate::objects::ops::dict_set_str(&a, d, k, self.obj(v));
        }
        Ok(())
    }

    /// Raises `ty(msg)`, an ImportError class, with its `name` and `path` set, as the
    /// import system's own errors are.
    pub(crate) fn raise_import_error(
        &mut self,
        ty: &str,
        msg: String,
        name: Option<&str>,
        path: Option<&str>,
    ) -> crate::error::Raised {
        let r = (|| {
            let m = pystr::new(&self.alloc(), &msg)?.raw();
            let mi = self.push(m);
            let mut kw = Vec::new();
            for (k, v) in [("name", name), ("path", path)] {
                if let Some(v) = v {
                    let s = pystr::new(&self.alloc(), v)?.raw();
                    self.push(s);
                    kw.push(k);
                }
            }
            let kwargs: Vec<(String, RawRef)> = kw
                .iter()
                .enumerate()
                .map(|(i, k)| (k.to_string(), self.at(mi + 1 + i)))
                .collect();
            let ty = self.b.exc(ty);
            let e = self.new_exception(ty, &[self.at(mi)]);
            let e = e.and_then(|e| {
                let ei = self.push(e);
                let args = [self.at(mi)];
                self.init_import_error(self.at(ei), &args, &kwargs)?;
                Ok(self.at(ei))
            });
            self.truncate(mi);
            e
        })();
        match r {
            Ok(e) => self.roots.exc = e,
            Err(_) => self.settle(),
        }
        crate::error::Raised
    }

    // ------------------------------------------------------------------ type, int, str

    fn construct_type(&mut self, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef> {
        match (args.len(), kwargs.is_empty()) {
            (1, true) => Ok(type_of(self.obj(args[0])).raw()),
            (3, _) => {
                let t = self.b.type_type;
                self.up_type_new_with(t, [args[0], args[1], args[2]], kwargs)
            }
            _ => Err(self.raise("TypeError", "type() takes 1 or 3 arguments".into())),
        }
    }

    fn construct_int(&mut self, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef> {
        let p = self.bind("int", &["x", "base"], 1, args, kwargs)?;
        match (p[0], p[1]) {
            (None, None) => Ok(int::new_i64(&self.alloc(), 0)?.raw()),
            (Some(x), None) => self.to_int(x),
            (None, Some(_)) => Err(self.raise("TypeError", "int() missing string argument".into())),
            (Some(x), Some(base)) => self.rooted(&[x, base], |st, h| {
                let base = st.roots.handles.get(h[1]).expect("open");
                let b = st.index(base)?;
                // Any base outside i64 is out of range too.
                let b = int::to_bigint(st.obj(b)).to_i64().unwrap_or(-1);
                let x = st.roots.handles.get(h[0]).expect("open");
                st.int_from_text(x, b)
            }),
        }
    }

    /// Runs `f` with `refs` held by handles (for work that may reach a safepoint), then
    /// closes them.
    fn rooted<R>(
        &mut self,
        refs: &[RawRef],
        f: impl FnOnce(&mut State, &[hpy_abi::HPy]) -> PyResult<R>,
    ) -> PyResult<R> {
        let hs: Vec<hpy_abi::HPy> = refs.iter().map(|r| self.roots.handles.open(*r)).collect();
        let r = f(self, &hs);
        for h in hs {
            let _ = self.roots.handles.close(h);
        }
        r
    }

    fn text_arg(&mut self, r: Option<RawRef>, func: &str, what: &str) -> PyResult<Option<String>> {
        let Some(r) = r else { return Ok(None) };
        let o = self.obj(r);
        if types::data(type_of(o)).instances == Instances::Str {
            return Ok(Some(pystr::as_str(o).to_string()));
        }
        let t = self.type_name(r);
        Err(self.raise(
            "TypeError",
            format!("{func}() argument '{what}' must be str, not {t}"),
        ))
    }

    fn construct_str(&mut self, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef> {
        let p = self.bind("str", &["object", "encoding", "errors"], 0, args, kwargs)?;
        let encoding = self.text_arg(p[1], "str", "encoding")?;
        let errors = self.text_arg(p[2], "str", "errors")?;
        let Some(x) = p[0] else {
            return Ok(pystr::new(&self.alloc(), "")?.raw());
        };
        if encoding.is_none() && errors.is_none() {
            let o = self.obj(x);
            if o.kind() == self.b.kinds.str_ && type_of(o).raw() == self.b.str_type {
                return Ok(x);
            }
            let s = self.str_text(x)?;
            return Ok(pystr::new(&self.alloc(), &s)?.raw());
        }
        let o = self.obj(x);
        match types::data(type_of(o)).instances {
            Instances::Bytes => {}
            Instances::Str => {
                return Err(self.raise("TypeError", "decoding str is not supported".into()))
            }
            _ => {
                let t = self.type_name(x);
                return Err(self.raise(
                    "TypeError",
                    format!("decoding to str: need a bytes-like object, {t} found"),
                ));
            }
        }
        let encoding = encoding.unwrap_or_else(|| "utf-8".into());
        let found = match codecs::lookup(encoding.as_bytes()) {
            Ok(f) => f,
            Err(e) => return Err(codecs::raise(self, e, Subject::Bytes(&[]), None)),
        };
        let h = Errors::parse(errors.as_deref());
        let data = bytes::data(self.obj(x)).to_vec();
        let d = codecs::decode(found.codec, &data, &h);
        match d.result {
            Ok(s) => Ok(pystr::new(&self.alloc(), &s)?.raw()),
            Err(e) => {
                let input = d.error_input.to_vec();
                let reg = found.registry.then_some(encoding.as_str());
                Err(codecs::raise(self, e, Subject::Bytes(&input), reg))
            }
        }
    }

    // ------------------------------------------------------------------ bytes

    /// `type(r).__bytes__`, found on a class before the builtin `bytes` in the MRO (whose
    /// own `__bytes__` copies, which `bytes()` does anyway).
    pub(crate) fn bytes_method(&self, r: RawRef) -> Option<RawRef> {
        let a = self.alloc();
        let t = type_of(self.obj(r));
        tuple::items(types::mro(t))
            .take_while(|c| c.raw() != self.b.bytes_type)
            .find_map(|c| crate::objects::ops::dict_get_str(&a, types::dict(c), "__bytes__"))
            .map(|f| f.raw())
    }

    fn construct_bytes(
        &mut self,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let p = self.bind("bytes", &["source", "encoding", "errors"], 0, args, kwargs)?;
        let encoding = self.text_arg(p[1], "bytes", "encoding")?;
        let errors = self.text_arg(p[2], "bytes", "errors")?;
        let Some(x) = p[0] else {
            if encoding.is_some() {
                return Err(self.raise("TypeError", "encoding without a string argument".into()));
            }
            if errors.is_some() {
                return Err(self.raise("TypeError", "errors without a string argument".into()));
            }
            return Ok(bytes::new(&self.alloc(), &[])?.raw());
        };
        let o = self.obj(x);
        let inst = types::data(type_of(o)).instances;
        if inst == Instances::Str {
            let Some(enc) = encoding else {
                return Err(self.raise("TypeError", "string argument without an encoding".into()));
            };
            let data = self.encode(x, &enc, errors.as_deref())?;
            return Ok(bytes::new(&self.alloc(), &data)?.raw());
        }
        if encoding.is_some() {
            return Err(self.raise("TypeError", "encoding without a string argument".into()));
        }
        if errors.is_some() {
            return Err(self.raise("TypeError", "errors without a string argument".into()));
        }
        if inst == Instances::Bytes {
            if type_of(o).raw() == self.b.bytes_type {
                return Ok(x);
            }
            let d = bytes::data(o).to_vec();
            return Ok(bytes::new(&self.alloc(), &d)?.raw());
        }
        // CPython asks `__bytes__` first, then the buffer protocol, then iterates.
        if let Some(f) = self.bytes_method(x) {
            let res = self.call(f, &[x], &[])?;
            let ro = self.obj(res);
            if types::data(type_of(ro)).instances != Instances::Bytes {
                let t = self.type_name(res);
                return Err(self.raise(
                    "TypeError",
                    format!("__bytes__ returned non-bytes (type {t})"),
                ));
            }
            return Ok(res);
        }
        if let Some(data) = self.up_ext_buffer_bytes(x)? {
            return Ok(bytes::new(&self.alloc(), &data)?.raw());
        }
        let o = self.obj(x);
        if o.kind() == self.b.kinds.bool_ || inst == Instances::Int {
            // bytes(n): n zero bytes.
            let v = if o.kind() == self.b.kinds.bool_ {
                BigInt::from(o.word(W_DATA))
            } else {
                int::to_bigint(o)
            };
            let Some(n) = v.to_i64() else {
                let t = self.type_name(x);
                return Err(self.raise(
                    "OverflowError",
                    format!("cannot fit '{t}' into an index-sized integer"),
                ));
            };
            if n < 0 {
                return Err(self.raise("ValueError", "negative count".into()));
            }
            let data = vec![0u8; n as usize];
            return Ok(bytes::new(&self.alloc(), &data)?.raw());
        }
        // Any iterable (a generator too); CPython names a non-iterable this way.
        let xi = self.push(x);
        let it = self.iter(x);
        let x = self.at(xi);
        self.truncate(xi);
        let it = match it {
            Ok(it) => it,
            Err(e) if !self.exc_is("TypeError") => return Err(e),
            Err(_) => {
                self.roots.exc = RawRef::NULL;
                let t = self.type_name(x);
                let msg = format!("cannot convert '{t}' object to bytes");
                return Err(self.raise("TypeError", msg));
            }
        };
        let l = self.items_list(it)?;
        let lh = self.roots.handles.open(l);
        let n = list::len(self.obj(l));
        let mut data = Vec::with_capacity(n);
        for i in 0..n {
            let l = self.roots.handles.get(lh).expect("open");
            let item = list::get(self.obj(l), i).raw();
            let r = self.index(item);
            let r = r.map(|v| int::to_bigint(self.obj(v)).to_i64());
            match r {
                Ok(Some(v)) if (0..256).contains(&v) => data.push(v as u8),
                Ok(_) => {
                    let _ = self.roots.handles.close(lh);
                    return Err(self.raise("ValueError", "bytes must be in range(0, 256)".into()));
                }
                Err(e) => {
                    let _ = self.roots.handles.close(lh);
                    return Err(e);
                }
            }
        }
        let _ = self.roots.handles.close(lh);
        Ok(bytes::new(&self.alloc(), &data)?.raw())
    }

    /// `s.encode(encoding, errors)` for the codecs the runtime has.
    fn encode(&mut self, s: RawRef, encoding: &str, errors: Option<&str>) -> PyResult<Vec<u8>> {
        let found = match codecs::lookup(encoding.as_bytes()) {
            Ok(f) => f,
            Err(e) => return Err(codecs::raise(self, e, Subject::Str(s), None)),
        };
        let text = pystr::as_str(self.obj(s)).to_string();
        let (limit, name) = match found.codec {
            // A str holds no lone surrogates, so the UTF encodings cannot fail.
            Codec::Utf8 => return Ok(text.into_bytes()),
            Codec::Utf8Sig => {
                let mut out = b"\xef\xbb\xbf".to_vec();
                out.extend_from_slice(text.as_bytes());
                return Ok(out);
            }
            Codec::Utf16(order) => {
                let (e, bom) = match order {
                    Some(e) => (e, false),
                    None => (Endian::Little, true),
                };
                let mut units: Vec<u16> = text.encode_utf16().collect();
                if bom {
                    units.insert(0, 0xfeff);
                }
                return Ok(units
                    .iter()
                    .flat_map(|u| match e {
                        Endian::Little => u.to_le_bytes(),
                        Endian::Big => u.to_be_bytes(),
                    })
                    .collect());
            }
            Codec::Utf32(order) => {
                let (e, bom) = match order {
                    Some(e) => (e, false),
                    None => (Endian::Little, true),
                };
                let mut cps: Vec<u32> = text.chars().map(|c| c as u32).collect();
                if bom {
                    cps.insert(0, 0xfeff);
                }
                return Ok(cps
                    .iter()
                    .flat_map(|u| match e {
                        Endian::Little => u.to_le_bytes(),
                        Endian::Big => u.to_be_bytes(),
                    })
                    .collect());
            }
            Codec::Ascii => (128u32, "ascii"),
            Codec::Latin1 => (256u32, "latin-1"),
            Codec::Cp1252 => (0u32, "charmap"),
            Codec::Undefined => {
                let e = CodecError::Other {
                    exc: "UnicodeError",
                    msg: "undefined encoding".into(),
                };
                return Err(codecs::raise(self, e, Subject::Str(s), None));
            }
        };
        let reason = match limit {
            128 => "ordinal not in range(128)",
            256 => "ordinal not in range(256)",
            _ => "character maps to <undefined>",
        };
        // The byte for a character, if the codec has one.
        let byte = |c: char| {
            if limit == 0 {
                codecs::cp1252_encode(c)
            } else {
                ((c as u32) < limit).then_some(c as u32 as u8)
            }
        };
        let mut out = Vec::with_capacity(text.len());
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if let Some(b) = byte(chars[i]) {
                out.push(b);
                i += 1;
                continue;
            }
            // A run of unencodable characters is one error, as in CPython.
            let mut end = i + 1;
            while end < chars.len() && byte(chars[end]).is_none() {
                end += 1;
            }
            match errors.unwrap_or("strict") {
                "strict" | "surrogateescape" | "surrogatepass" => {
                    let e = CodecError::Encode {
                        encoding: name,
                        start: i,
                        end,
                        reason,
                    };
                    return Err(codecs::raise(self, e, Subject::Str(s), None));
                }
                "ignore" => {}
                "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
                "backslashreplace" => {
                    for c in &chars[i..end] {
                        let n = *c as u32;
                        let esc = if n <= 0xff {
                            format!("\\x{n:02x}")
                        } else if n <= 0xffff {
                            format!("\\u{n:04x}")
                        } else {
                            format!("\\U{n:08x}")
                        };
                        out.extend_from_slice(esc.as_bytes());
                    }
                }
                "xmlcharrefreplace" => {
                    for c in &chars[i..end] {
                        out.extend_from_slice(format!("&#{};", *c as u32).as_bytes());
                    }
                }
                "namereplace" => return Err(self.raise(
                    "LookupError",
                    "hpymove has no Unicode character names for the 'namereplace' error handler"
                        .into(),
                )),
                other => {
                    return Err(self.raise(
                        "LookupError",
                        format!("unknown error handler name '{other}'"),
                    ))
                }
            }
            i = end;
        }
        Ok(out)
    }

    /// `types.ModuleType(name, doc=None)`: a module with `__name__`, `__doc__` and, as
    /// CPython gives a module made this way, `__package__`, `__loader__` and `__spec__`
    /// set to None.
    fn construct_module(
        &mut self,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let (mut name, mut doc) = (args.first().copied(), args.get(1).copied());
        for (k, v) in kwargs {
            match k.as_str() {
                "name" if name.is_none() => name = Some(*v),
                "doc" if doc.is_none() => doc = Some(*v),
                _ => {
                    let msg = format!("module() got an unexpected keyword argument '{k}'");
                    return Err(self.raise("TypeError", msg));
                }
            }
        }
        if args.len() > 2 {
            let msg = format!("module() takes at most 2 arguments ({} given)", args.len());
            return Err(self.raise("TypeError", msg));
        }
        let Some(name) = name.filter(|n| self.obj(*n).kind() == self.b.kinds.str_) else {
            let msg = match name {
                None => "module() missing required argument 'name' (pos 1)".to_string(),
                Some(n) => format!(
                    "module() argument 'name' must be str, not {}",
                    types::type_name_of(self.obj(n))
                ),
            };
            return Err(self.raise("TypeError", msg));
        };
        let none = self.b.none;
        let doc = doc.unwrap_or(none);
        // Allocation never collects: `name` and `doc` stay valid while the module is made.
        let a = self.alloc();
        let m = crate::objects::module::new(&a, pystr::as_str(self.obj(name)))?;
        let d = crate::objects::module::dict(m);
        for (key, v) in [
            ("__doc__", doc),
            ("__package__", none),
            ("__loader__", none),
            ("__spec__", none),
        ] {
            let k = pystr::new(&a, key)?;
            crate::objects::ops::dict_set_str(&a, d, k, self.obj(v));
        }
        Ok(m.raw())
    }

    /// The items of an iterable, as a new list: builtin containers directly, anything else
    /// through the iteration protocol.
    pub(crate) fn items_list(&mut self, x: RawRef) -> PyResult<RawRef> {
        // A Python subclass with its own `__iter__` is iterated (as CPython does for any
        // container that is not exactly a list or tuple).
        let own_iter = self.py_method(x, "__iter__").is_some();
        let a = self.alloc();
        let o = self.obj(x);
        let inst = if own_iter {
            Instances::Object
        } else {
            types::data(type_of(o)).instances
        };
        let direct: Option<Vec<RawRef>> = match inst {
            Instances::Tuple => Some(tuple::items(o).map(|i| i.raw()).collect()),
            Instances::List => Some(list::items(o).map(|i| i.raw()).collect()),
            Instances::Dict => Some(dict::entries(o).iter().map(|(k, _)| k.key.get()).collect()),
            _ => None,
        };
        if let Some(items) = direct {
            let objs: Vec<_> = items.iter().map(|r| self.obj(*r)).collect();
            return Ok(list::new(&a, &objs)?.raw());
        }
        match inst {
            Instances::Str => {
                let chars: Vec<String> = pystr::as_str(o).chars().map(String::from).collect();
                let mut objs = Vec::with_capacity(chars.len());
                for c in &chars {
                    objs.push(pystr::new(&a, c)?);
                }
                return Ok(list::new(&a, &objs)?.raw());
            }
            Instances::Bytes => {
                let data = bytes::data(o).to_vec();
                let mut objs = Vec::with_capacity(data.len());
                for b in data {
                    objs.push(int::new_i64(&a, b as i64)?);
                }
                return Ok(list::new(&a, &objs)?.raw());
            }
            Instances::Range => {
                let (start, _, step) = range::big(o);
                let Some(n) = range::length(o).to_usize() else {
                    return Err(self.raise("OverflowError", "range too large to list".into()));
                };
                let mut objs = Vec::with_capacity(n);
                let mut v = start;
                for _ in 0..n {
                    objs.push(int::new_big(&a, &v)?);
                    v += &step;
                }
                return Ok(list::new(&a, &objs)?.raw());
            }
            _ => {}
        }
        // The iteration protocol: each step may run extension code, so everything lives
        // behind handles between steps.
        let out = list::new(&a, &[])?.raw();
        let out_h = self.roots.handles.open(out);
        let r = (|| {
            let it = self.iter(x)?;
            let it_h = self.roots.handles.open(it);
            let r = loop {
                let it = self.roots.handles.get(it_h).expect("open");
                match self.next(it) {
                    Ok(Some(v)) => {
                        let a = self.alloc();
                        let l = self.roots.handles.get(out_h).expect("open");
                        if let Err(e) = list::append(&a, self.obj(l), self.obj(v)) {
                            break Err(e);
                        }
                    }
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e),
                }
            };
            let _ = self.roots.handles.close(it_h);
            r
        })();
        let out = self.roots.handles.get(out_h).expect("open");
        let _ = self.roots.handles.close(out_h);
        r.map(|()| out)
    }

    // ------------------------------------------------------------------ dict, range

    fn construct_dict(&mut self, args: &[RawRef], kwargs: &[(String, RawRef)]) -> PyResult<RawRef> {
        if args.len() > 1 {
            let n = args.len();
            return Err(self.raise(
                "TypeError",
                format!("dict expected at most 1 argument, got {n}"),
            ));
        }
        let d = dict::new(&self.alloc())?.raw();
        let dh = self.roots.handles.open(d);
        let r = self.fill_dict(dh, args.first().copied(), kwargs);
        let d = self.roots.handles.get(dh).expect("open");
        let _ = self.roots.handles.close(dh);
        r.map(|()| d)
    }

    fn fill_dict(
        &mut self,
        dh: hpy_abi::HPy,
        src: Option<RawRef>,
        kwargs: &[(String, RawRef)],
    ) -> PyResult<()> {
        // Keyword values are held by the caller's roots; open handles for them before
        // anything can run.
        let kw: Vec<(String, hpy_abi::HPy)> = kwargs
            .iter()
            .map(|(k, v)| (k.clone(), self.roots.handles.open(*v)))
            .collect();
        let r = (|| {
            if let Some(src) = src {
                let o = self.obj(src);
                if types::data(type_of(o)).instances == Instances::Dict {
                    let d = self.roots.handles.get(dh).expect("open");
                    self.dict_merge(d, src)?;
                } else if let Some(keys) = self.lookup_attr(src, "keys") {
                    // A mapping (any object with `keys`): `d[k] = src[k]` for its keys.
                    let sh = self.roots.handles.open(src);
                    let r = (|| {
                        let ks = self.call(keys, &[], &[])?;
                        let ks = self.items_list(ks)?;
                        let kh = self.roots.handles.open(ks);
                        let r = (|| {
                            let n = list::len(self.obj(self.roots.handles.get(kh).expect("open")));
                            for i in 0..n {
                                let ks = self.roots.handles.get(kh).expect("open");
                                let k = list::get(self.obj(ks), i).raw();
                                let ki = self.push(k);
                                let src = self.roots.handles.get(sh).expect("open");
                                let v = self.getitem(src, self.at(ki));
                                let v = match v {
                                    Ok(v) => v,
                                    Err(e) => {
                                        self.truncate(ki);
                                        return Err(e);
                                    }
                                };
                                let d = self.roots.handles.get(dh).expect("open");
                                let r = self.dict_set(d, self.at(ki), v);
                                self.truncate(ki);
                                r?;
                            }
                            Ok(())
                        })();
                        let _ = self.roots.handles.close(kh);
                        r
                    })();
                    let _ = self.roots.handles.close(sh);
                    r?;
                } else {
                    let items = self.items_list(src)?;
                    let ih = self.roots.handles.open(items);
                    let r = self.fill_from_pairs(dh, ih);
                    let _ = self.roots.handles.close(ih);
                    r?;
                }
            }
            for (k, vh) in &kw {
                let key = pystr::new(&self.alloc(), k)?.raw();
                let v = self.roots.handles.get(*vh).expect("open");
                let d = self.roots.handles.get(dh).expect("open");
                self.dict_set(d, key, v)?;
            }
            Ok(())
        })();
        for (_, h) in kw {
            let _ = self.roots.handles.close(h);
        }
        r
    }

    /// `dst.update(src)` for two dicts. Hashing a key may run code (a safepoint), so both
    /// are held by handles and `src` is read entry by entry.
    pub(crate) fn dict_merge(&mut self, dst: RawRef, src: RawRef) -> PyResult<()> {
        self.rooted(&[dst, src], |st, h| {
            let mut i = 0;
            loop {
                let s = st.obj(st.roots.handles.get(h[1]).expect("open"));
                let Some((k, v)) = dict::entries(s)
                    .get_index(i)
                    .map(|(k, v)| (k.key.get(), *v))
                else {
                    return Ok(());
                };
                let d = st.roots.handles.get(h[0]).expect("open");
                st.dict_set(d, k, v)?;
                i += 1;
            }
        })
    }

    /// `dict(pairs)`: every item must be an iterable of exactly two items.
    fn fill_from_pairs(&mut self, dh: hpy_abi::HPy, items_h: hpy_abi::HPy) -> PyResult<()> {
        let n = list::len(self.obj(self.roots.handles.get(items_h).expect("open")));
        for i in 0..n {
            let items = self.roots.handles.get(items_h).expect("open");
            let item = list::get(self.obj(items), i).raw();
            let io = self.obj(item);
            let iterable = matches!(
                types::data(type_of(io)).instances,
                Instances::Str
                    | Instances::Bytes
                    | Instances::Tuple
                    | Instances::List
                    | Instances::Dict
                    | Instances::Range
                    | Instances::Iterator
            );
            if !iterable {
                return Err(self.raise(
                    "TypeError",
                    format!("cannot convert dictionary update sequence element #{i} to a sequence"),
                ));
            }
            let pair = self.items_list(item)?;
            let po = self.obj(pair);
            let len = list::len(po);
            if len != 2 {
                return Err(self.raise(
                    "ValueError",
                    format!(
                        "dictionary update sequence element #{i} has length {len}; 2 is required"
                    ),
                ));
            }
            let (k, v) = (list::get(po, 0).raw(), list::get(po, 1).raw());
            let d = self.roots.handles.get(dh).expect("open");
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    fn construct_range(
        &mut self,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        if !kwargs.is_empty() {
            return Err(self.raise("TypeError", "range() takes no keyword arguments".into()));
        }
        let n = args.len();
        if n == 0 {
            return Err(self.raise(
                "TypeError",
                "range expected at least 1 argument, got 0".into(),
            ));
        }
        if n > 3 {
            return Err(self.raise(
                "TypeError",
                format!("range expected at most 3 arguments, got {n}"),
            ));
        }
        let vals = self.rooted(args, |st, hs| {
            let mut vals = Vec::with_capacity(3);
            for h in hs {
                let a = st.roots.handles.get(*h).expect("open");
                let i = st.index(a)?;
                vals.push(int::to_bigint(st.obj(i)));
            }
            Ok(vals)
        })?;
        let (start, stop, step) = match n {
            1 => (BigInt::zero(), vals[0].clone(), BigInt::from(1)),
            2 => (vals[0].clone(), vals[1].clone(), BigInt::from(1)),
            _ => (vals[0].clone(), vals[1].clone(), vals[2].clone()),
        };
        if step.is_zero() {
            return Err(self.raise("ValueError", "range() arg 3 must not be zero".into()));
        }
        Ok(range::from_big(&self.alloc(), &start, &stop, &step)?.raw())
    }
}
