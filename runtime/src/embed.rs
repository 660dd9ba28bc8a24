//! The embedding API: what tests, benchmarks and the `hpymove` program use to run
//! extensions. Safe from Rust: objects are held as [`Obj`] (an HPy handle the host owns),
//! never as raw references, so nothing the embedder holds can go stale when objects move.

use std::fmt;
use std::path::{Path, PathBuf};

use gc::{HeapConfig, RawRef, Stats};
use hpy_abi::HPy;
use num_bigint::BigInt;

use crate::error::PyResult;
use crate::objects::types::{self, Instances};
use crate::objects::{bytes, dict, float, int, list, str as pystr, tuple, type_of, W_DATA};
use crate::state::State;

/// How to create a runtime.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub heap: HeapConfig,
    /// Directories searched for `name.hpy0.so`, in order.
    pub path: Vec<PathBuf>,
}

/// The process's runtime (one per process: an extension's C statics exist once).
pub struct Runtime {
    st: *mut State,
}

/// A reference to a Python object, owned by the embedder. It stays valid however often
/// the object moves; dropping it releases it.
pub struct Obj {
    h: HPy,
}

impl Drop for Obj {
    fn drop(&mut self) {
        crate::state::close_if_alive(self.h);
    }
}

impl fmt::Debug for Obj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Obj({:#x})", self.h._i)
    }
}

/// A Python value converted to Rust (or from Rust, to pass as an argument).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    None,
    Bool(bool),
    Int(BigInt),
    Float(f64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<Value>),
    List(Vec<Value>),
    Dict(Vec<(Value, Value)>),
    /// Anything else, by type name and repr.
    Other {
        type_name: String,
        repr: String,
    },
}

impl Value {
    pub fn int(v: impl Into<BigInt>) -> Value {
        Value::Int(v.into())
    }
    pub fn str(s: &str) -> Value {
        Value::Str(s.to_string())
    }
}

/// A Python exception, as seen from Rust.
#[derive(Clone, Debug, PartialEq)]
pub struct PyErr {
    /// `ValueError`
    pub type_name: String,
    /// The names along the exception type's MRO (`["ValueError", "Exception", ...]`).
    pub mro: Vec<String>,
    /// `str(exc)`
    pub message: String,
    /// `repr(exc)`
    pub repr: String,
}

impl PyErr {
    /// Is it an instance of the exception class named `name` (subclasses included)?
    pub fn is(&self, name: &str) -> bool {
        self.mro.iter().any(|n| n == name)
    }
}

impl fmt::Display for PyErr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.message.is_empty() {
            f.write_str(&self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

impl std::error::Error for PyErr {}

impl Runtime {
    /// Creates the runtime. Fails if this process already has one.
    pub fn new(config: Config) -> Result<Runtime, String> {
        let st = State::create(config.heap)?;
        // SAFETY: just created, not shared yet.
        unsafe { (*st).path = config.path };
        Ok(Runtime { st })
    }

    fn st(&mut self) -> &mut State {
        // SAFETY: the runtime owns the state until it is dropped; `&mut self` makes this
        // the only Rust access, and calls into extensions re-derive it from the context.
        unsafe { &mut *self.st }
    }

    fn st_ref(&self) -> &State {
        // SAFETY: as above.
        unsafe { &*self.st }
    }

    /// Wraps a result: a new handle for the object, or the pending exception taken.
    fn finish(&mut self, r: PyResult<RawRef>) -> Result<Obj, PyErr> {
        match r {
            Ok(r) => Ok(Obj {
                h: self.st().roots.handles.open(r),
            }),
            Err(_) => Err(self.take_error()),
        }
    }

    fn take_error(&mut self) -> PyErr {
        let st = self.st();
        st.settle();
        let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
        if e.is_null() {
            return PyErr {
                type_name: "SystemError".into(),
                mro: vec![
                    "SystemError".into(),
                    "Exception".into(),
                    "BaseException".into(),
                ],
                message: "error return without exception set".into(),
                repr: "SystemError()".into(),
            };
        }
        let o = st.obj(e);
        let t = type_of(o);
        PyErr {
            type_name: types::name(t).to_string(),
            mro: tuple::items(types::mro(t))
                .map(|c| types::name(c).to_string())
                .collect(),
            message: crate::objects::repr::str_of(o),
            repr: crate::objects::repr::repr_of(o),
        }
    }

    fn raw(&mut self, o: &Obj) -> Result<RawRef, PyErr> {
        let r = self.st().get(o.h, "the embedding API");
        r.map_err(|_| self.take_error())
    }

    /// Turns debug mode on (`hpymove --debug`; see [`crate::host::debug`]): handle, builder,
    /// tracker and global misuse and leaks in extension code are recorded with their C
    /// locations. Call it before importing extensions; it cannot be turned off.
    pub fn enable_debug(&mut self) {
        let st = self.st();
        if st.roots.handles.debug.is_none() {
            let mut c = crate::host::debug::Checker::new();
            c.collection = st.heap.collections();
            st.roots.handles.debug = Some(Box::new(c));
            // Raw pointers and payloads get pages of their own, inaccessible once released;
            // a fault there becomes a report (see `crate::host::crash`).
            crate::host::guarded::enable();
            crate::host::crash::report_faults_in_child();
            // Sets the unwinder up now, on a normal stack: a fault report walks the stack
            // from the small signal stack.
            let _ = crate::host::debug::native_stack(&mut [0; 4]);
        }
    }

    /// Whether debug mode is on.
    pub fn debug_enabled(&self) -> bool {
        self.st_ref().roots.handles.debug.is_some()
    }

    /// What debug mode found so far (empty when it is off), with C locations. Handles
    /// that outlived the extension call that opened them and are still open are reported
    /// as leaks now (each once): call it when the run ends, as the command line does.
    pub fn debug_findings(&mut self) -> Vec<crate::host::debug::Finding> {
        match self.st().debug() {
            Some(d) => {
                d.report_leaks();
                if d.has_findings() {
                    d.findings()
                } else {
                    Vec::new()
                }
            }
            None => Vec::new(),
        }
    }

    /// Sets the directories searched by [`Runtime::import`].
    pub fn set_path(&mut self, path: Vec<PathBuf>) {
        self.st().path = path;
    }

    /// `import name`
    pub fn import(&mut self, name: &str) -> Result<Obj, PyErr> {
        let r = self.st().import(name);
        self.finish(r)
    }

    /// Imports the extension at `path` as module `name` (registered in `sys.modules`).
    pub fn load(&mut self, name: &str, path: &Path) -> Result<Obj, PyErr> {
        let st = self.st();
        let r = crate::interp::natives::install_builtins(st)
            .and_then(|()| st.file_spec(name, &path.display().to_string(), true, None))
            .and_then(|spec| {
                let si = st.push(spec);
                let r = st.load_extension(name, path, si, true);
                st.truncate(si);
                r
            });
        self.finish(r)
    }

    /// `getattr(obj, name)`
    pub fn getattr(&mut self, obj: &Obj, name: &str) -> Result<Obj, PyErr> {
        let o = self.raw(obj)?;
        let r = self.st().getattr(o, name);
        self.finish(r)
    }

    /// `setattr(obj, name, value)`
    pub fn setattr(&mut self, obj: &Obj, name: &str, value: &Obj) -> Result<(), PyErr> {
        let o = self.raw(obj)?;
        let v = self.raw(value)?;
        match self.st().setattr(o, name, v) {
            Ok(()) => Ok(()),
            Err(_) => Err(self.take_error()),
        }
    }

    /// `obj[key]`
    pub fn getitem(&mut self, obj: &Obj, key: &Obj) -> Result<Obj, PyErr> {
        let o = self.raw(obj)?;
        let k = self.raw(key)?;
        let r = self.st().getitem(o, k);
        self.finish(r)
    }

    /// `f(*args, **kwargs)` with arguments converted from Rust.
    pub fn call(
        &mut self,
        f: &Obj,
        args: &[Value],
        kwargs: &[(&str, Value)],
    ) -> Result<Obj, PyErr> {
        let mut objs = Vec::new();
        for a in args {
            objs.push(self.to_obj(a)?);
        }
        let mut kw = Vec::new();
        for (k, v) in kwargs {
            kw.push((k.to_string(), self.to_obj(v)?));
        }
        let refs: Vec<&Obj> = objs.iter().collect();
        let kwrefs: Vec<(&str, &Obj)> = kw.iter().map(|(k, v)| (k.as_str(), v)).collect();
        self.call_objs(f, &refs, &kwrefs)
    }

    /// `f(*args, **kwargs)` with arguments that are objects already.
    pub fn call_objs(
        &mut self,
        f: &Obj,
        args: &[&Obj],
        kwargs: &[(&str, &Obj)],
    ) -> Result<Obj, PyErr> {
        let fr = self.raw(f)?;
        let mut a = Vec::with_capacity(args.len());
        for o in args {
            a.push(self.raw(o)?);
        }
        let mut kw = Vec::with_capacity(kwargs.len());
        for (k, o) in kwargs {
            kw.push((k.to_string(), self.raw(o)?));
        }
        let r = self.st().call(fr, &a, &kw);
        self.finish(r)
    }

    /// `obj.name(*args)`
    pub fn call_method(&mut self, obj: &Obj, name: &str, args: &[Value]) -> Result<Obj, PyErr> {
        let f = self.getattr(obj, name)?;
        self.call(&f, args, &[])
    }

    /// Converts a Rust value to a new Python object.
    pub fn to_obj(&mut self, v: &Value) -> Result<Obj, PyErr> {
        let r = build(self.st(), v);
        self.finish(r)
    }

    /// Converts an object to a Rust value (containers recursively).
    pub fn value(&mut self, obj: &Obj) -> Result<Value, PyErr> {
        let r = self.raw(obj)?;
        Ok(convert(self.st_ref(), r))
    }

    /// `repr(obj)`
    pub fn repr(&mut self, obj: &Obj) -> Result<String, PyErr> {
        let r = self.raw(obj)?;
        // An extension type's `tp_repr` runs its code.
        match self.st().repr_text(r) {
            Ok(s) => Ok(s),
            Err(_) => Err(self.take_error()),
        }
    }

    /// `obj is other`
    pub fn is(&mut self, a: &Obj, b: &Obj) -> Result<bool, PyErr> {
        Ok(self.raw(a)? == self.raw(b)?)
    }

    /// The current address of the object (it changes at every collection).
    pub fn address(&mut self, obj: &Obj) -> Result<usize, PyErr> {
        Ok(self.raw(obj)?.addr())
    }

    /// Another reference to the same object.
    pub fn dup(&mut self, obj: &Obj) -> Result<Obj, PyErr> {
        let r = self.raw(obj)?;
        Ok(Obj {
            h: self.st().roots.handles.open(r),
        })
    }

    /// `sys.set_int_max_str_digits(n)` (0: no limit), as `-X int_max_str_digits=N`.
    pub fn set_int_max_str_digits(&mut self, n: usize) {
        self.st().int_max_str_digits = n;
    }

    /// `gc.collect()`: a full collection, the finalizers it queued, and the collections
    /// that destroy what the finalizers did not resurrect.
    pub fn collect(&mut self) {
        self.st().full_collect();
    }

    pub fn stats(&self) -> Stats {
        self.st_ref().heap.stats()
    }

    /// Extension-type payloads (C structs outside the moving heap) allocated and freed so
    /// far in this process: equal once every instance died and a collection ran.
    pub fn payload_counts(&self) -> (usize, usize) {
        use crate::host::payload::{PAYLOADS_ALLOCATED, PAYLOADS_FREED};
        use std::sync::atomic::Ordering;
        (
            PAYLOADS_ALLOCATED.load(Ordering::Relaxed),
            PAYLOADS_FREED.load(Ordering::Relaxed),
        )
    }

    /// Handles currently open (constants excluded): what the embedder and extensions hold.
    pub fn open_handles(&self) -> usize {
        self.st_ref().roots.handles.open_count()
    }

    /// The HPy context, for tests and tools that call context functions directly (as an
    /// extension would). Valid while the runtime lives.
    pub fn context(&mut self) -> *mut hpy_abi::HPyContext {
        self.st().ctx_ptr()
    }

    /// Takes the pending exception, if a context function called directly left one.
    pub fn take_pending_error(&mut self) -> Option<PyErr> {
        if self.st().exc_pending() {
            Some(self.take_error())
        } else {
            None
        }
    }

    /// The raw HPy value of an object's handle (for tests of garbage handles).
    pub fn handle_value(obj: &Obj) -> isize {
        obj.h._i
    }

    /// Takes ownership of a handle a context function returned (for tests that call the
    /// context directly): the handle is closed when the `Obj` is dropped.
    pub fn obj_from_handle(&mut self, h: HPy) -> Obj {
        Obj { h }
    }

    /// Runs `source` as the `__main__` module, as the command line does: an uncaught
    /// exception prints its traceback to stderr. Returns the exit status CPython would
    /// (0, 1 for an uncaught exception, `sys.exit`'s code).
    pub fn run_main_source(&mut self, source: &str, filename: &str, argv: &[String]) -> i32 {
        let st = self.st();
        st.interp.argv = argv.to_vec();
        let r = crate::interp::natives::install_builtins(st).and_then(|()| {
            let m = crate::objects::module::new(&st.alloc(), "__main__")?.raw();
            let mi = st.push(m);
            st.module_register("__main__", st.at(mi))?;
            // A script (file, module or stdin) has a `__file__`; `-c` code has none.
            if filename != "<string>" {
                let f = crate::objects::str::new(&st.alloc(), filename)?.raw();
                st.setattr(st.at(mi), "__file__", f)?;
            }
            let r = st.run_source(source, filename, st.at(mi));
            st.truncate(mi);
            r
        });
        let status = self.exit_status(r.is_err());
        self.run_exit_functions();
        status
    }

    /// `atexit`'s functions, if the program imported it (as CPython runs them after the
    /// main module, whether it ended normally, by `sys.exit` or by an exception).
    fn run_exit_functions(&mut self) {
        let st = self.st();
        let Some(m) = st.module_lookup("atexit") else {
            return;
        };
        let r = st
            .getattr(m, "_run_exitfuncs")
            .and_then(|f| st.call(f, &[], &[]));
        if r.is_err() {
            let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
            if !e.is_null() {
                eprint!("{}", st.format_exception(e));
            }
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }

    /// Runs module `name` (found on the search path) as `__main__`, like `python -m`.
    pub fn run_main_module(&mut self, name: &str, argv: &[String]) -> i32 {
        let st = self.st();
        st.interp.argv = argv.to_vec();
        let r =
            crate::interp::natives::install_builtins(st).and_then(|()| st.run_module_as_main(name));
        match r {
            Ok(Ok(())) => self.exit_status(false),
            Ok(Err(why)) => {
                let _ = std::io::Write::flush(&mut std::io::stdout());
                eprintln!("hpymove: {why}");
                1
            }
            Err(_) => self.exit_status(true),
        }
    }

    /// The exit status after running a main module; prints an uncaught exception.
    fn exit_status(&mut self, failed: bool) -> i32 {
        let st = self.st();
        st.settle();
        if !failed {
            return 0;
        }
        let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
        if e.is_null() {
            eprintln!("hpymove: internal error: an error without an exception");
            return 1;
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let eo = st.obj(e);
        let t = type_of(eo);
        if types::is_subtype(t, st.obj(st.b.exc("SystemExit"))) {
            // sys.exit(): None → 0, an int → it, anything else printed → 1.
            let args = crate::objects::exception::args(eo);
            if tuple::len(args) == 0 {
                return 0;
            }
            let code = tuple::get(args, 0);
            if code.raw() == st.b.none {
                return 0;
            }
            // bool is an int: `sys.exit(not ok)` exits 1 or 0.
            if code.raw() == st.b.true_ {
                return 1;
            }
            if code.raw() == st.b.false_ {
                return 0;
            }
            if types::data(type_of(code)).instances == Instances::Int {
                return num_traits::ToPrimitive::to_i64(&int::to_bigint(code))
                    .map_or(1, |c| c as i32);
            }
            eprintln!("{}", crate::objects::repr::str_of(code));
            return 1;
        }
        let interrupted = types::is_subtype(t, st.obj(st.b.exc("KeyboardInterrupt")));
        st.report_uncaught(e);
        if interrupted {
            // CPython ends by the signal itself after the traceback (status 130).
            crate::interp::interrupt::exit_by_sigint();
            return 130;
        }
        1
    }

    /// Checks the whole heap now; returns the problems found.
    pub fn verify_heap(&mut self) -> Vec<String> {
        let st = self.st();
        st.heap
            .verify(&mut st.roots)
            .iter()
            .map(|v| v.to_string())
            .collect()
    }
}

impl Drop for Runtime {
    fn drop(&mut self) {
        // SAFETY: we own the state; nothing uses it after this.
        unsafe { State::destroy(self.st) }
    }
}

fn build(st: &mut State, v: &Value) -> PyResult<RawRef> {
    // Allocation never collects, so the parts built so far need no rooting until the
    // whole value exists.
    let a = st.alloc();
    Ok(match v {
        Value::None => st.b.none,
        Value::Bool(b) => {
            if *b {
                st.b.true_
            } else {
                st.b.false_
            }
        }
        Value::Int(i) => int::new_big(&a, i)?.raw(),
        Value::Float(f) => float::new(&a, *f)?.raw(),
        Value::Str(s) => pystr::new(&a, s)?.raw(),
        Value::Bytes(b) => bytes::new(&a, b)?.raw(),
        Value::Tuple(items) | Value::List(items) => {
            let mut rs = Vec::with_capacity(items.len());
            for it in items {
                rs.push(build(st, it)?);
            }
            let a = st.alloc();
            let objs: Vec<_> = rs.iter().map(|r| st.obj(*r)).collect();
            if matches!(v, Value::Tuple(_)) {
                tuple::new(&a, &objs)?.raw()
            } else {
                list::new(&a, &objs)?.raw()
            }
        }
        Value::Dict(items) => {
            let d = dict::new(&a)?.raw();
            for (k, v) in items {
                let (k, v) = (build(st, k)?, build(st, v)?);
                st.dict_set(d, k, v)?;
            }
            d
        }
        Value::Other { type_name, .. } => {
            return Err(st.raise(
                "TypeError",
                format!("cannot build a '{type_name}' from a Rust value"),
            ))
        }
    })
}

fn convert(st: &State, r: RawRef) -> Value {
    let o = st.obj(r);
    if r == st.b.none {
        return Value::None;
    }
    if o.kind() == st.b.kinds.bool_ {
        return Value::Bool(o.word(W_DATA) != 0);
    }
    match types::data(type_of(o)).instances {
        Instances::Int => Value::Int(int::to_bigint(o)),
        Instances::Float => Value::Float(float::value(o)),
        Instances::Str => Value::Str(pystr::as_str(o).to_string()),
        Instances::Bytes => Value::Bytes(bytes::data(o).to_vec()),
        Instances::Tuple => Value::Tuple(tuple::items(o).map(|i| convert(st, i.raw())).collect()),
        Instances::List => Value::List(list::items(o).map(|i| convert(st, i.raw())).collect()),
        Instances::Dict => Value::Dict(
            dict::entries(o)
                .iter()
                .map(|(k, v)| (convert(st, k.key.get()), convert(st, *v)))
                .collect(),
        ),
        _ => Value::Other {
            type_name: types::type_name_of(o),
            repr: crate::objects::repr::repr_of(o),
        },
    }
}
