//! Functions written in Rust that scripts call: the builtins the interpreter adds to the
//! `builtins` module (`print`, `len`, `isinstance`…), and the `sys` and `gc` modules.
//! Builtin types (`int`, `str`, `list`…) are called through the runtime's type calls.
//!
//! Size: the table of every native and the small builtins and `sys`/`gc` functions it lists;
//! themed groups live apart (`numfuncs.rs`, `iterfuncs.rs`, `attrfuncs.rs`, `modules/`).

use std::io::Write;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::ops;
use crate::objects::types::Instances;
use crate::objects::{int, list, module, native, str as pystr, tuple, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

/// A native reads its arguments through their roots (see `args.rs`).
type NativeFn = fn(&mut State, Args<'_>) -> PyResult<RawRef>;

/// The index of `len` in [`NATIVES`] (checked by a test).
const LEN: usize = 1;

/// Every native function: (name, implementation). A native object stores its index.
const NATIVES: &[(&str, NativeFn)] = &[
    ("print", print),
    ("len", len),
    ("repr", repr),
    ("ascii", ascii),
    ("isinstance", super::typecheck::isinstance),
    ("issubclass", super::typecheck::issubclass),
    ("id", id),
    ("hash", hash),
    ("exit", sys_exit),
    ("write", stream_write),
    ("flush", stream_flush),
    ("getrecursionlimit", getrecursionlimit),
    ("setrecursionlimit", setrecursionlimit),
    (
        "get_int_max_str_digits",
        super::numfuncs::get_int_max_str_digits,
    ),
    (
        "set_int_max_str_digits",
        super::numfuncs::set_int_max_str_digits,
    ),
    ("_getframe", sys_getframe),
    ("exc_info", sys_exc_info),
    ("_format_exception", sys_format_exception),
    ("excepthook", super::excepthook::sys_excepthook),
    ("globals", globals),
    ("open", open),
    ("locals", locals),
    ("vars", vars),
    ("dir", dir),
    ("collect", gc_collect),
    ("iter", builtin_iter),
    ("next", builtin_next),
    ("callable", callable),
    ("sorted", sorted),
    ("sum", sum),
    ("min", min),
    ("max", max),
    ("abs", abs),
    ("enumerate", enumerate),
    ("zip", zip),
    ("__init__", super::classnatives::object_init),
    ("__repr__", super::classnatives::object_repr),
    ("__str__", super::classnatives::object_str),
    ("__setattr__", super::classnatives::object_setattr),
    ("__getattribute__", super::getattribute::object_getattribute),
    (
        "__init_subclass__",
        super::classnatives::object_init_subclass,
    ),
    ("__new__", super::classnatives::object_new),
    ("__call__", super::classnatives::type_call),
    ("getter", super::classnatives::property_getter),
    ("setter", super::classnatives::property_setter),
    ("deleter", super::classnatives::property_deleter),
    ("__get__", super::classnatives::property_dunder_get),
    ("__set__", super::classnatives::property_dunder_set),
    ("__delete__", super::classnatives::property_dunder_delete),
    ("member_get", super::slots::member_get),
    ("member_set", super::slots::member_set),
    ("member_delete", super::slots::member_delete),
    ("reversed", super::iterfuncs::reversed),
    ("map", super::iterfuncs::map),
    ("filter", super::iterfuncs::filter),
    ("any", super::iterfuncs::any),
    ("all", super::iterfuncs::all),
    ("hasattr", super::attrfuncs::hasattr),
    ("getattr", super::attrfuncs::getattr),
    ("setattr", super::attrfuncs::setattr),
    ("delattr", super::attrfuncs::delattr),
    ("divmod", super::numfuncs::divmod),
    ("round", super::numfuncs::round),
    ("pow", super::numfuncs::pow),
    ("chr", super::numfuncs::chr),
    ("ord", super::numfuncs::ord),
    ("hex", super::numfuncs::hex),
    ("oct", super::numfuncs::oct),
    ("bin", super::numfuncs::bin),
    ("format", super::numfuncs::format),
    ("compile", super::execfuncs::compile),
    ("exec", super::execfuncs::exec),
    ("eval", super::execfuncs::eval),
    ("get_referents", super::gcfuncs::get_referents),
    ("__import__", super::importfuncs::import),
    ("_forget_module", super::importfuncs::forget_module),
    ("_assert_detail", super::assertdetail::set_assert_detail),
    ("__slot_wrapper__", super::slotwrappers::call),
    ("__builtin_slot__", super::builtinslots::call_bound),
    (
        "__builtin_slot_unbound__",
        super::builtinslots::call_unbound,
    ),
];

/// The builtins the interpreter adds (the rest of NATIVES belong to modules).
const BUILTINS: &[&str] = &[
    "print",
    "len",
    "repr",
    "ascii",
    "isinstance",
    "issubclass",
    "id",
    "hash",
    "iter",
    "next",
    "callable",
    "sorted",
    "sum",
    "min",
    "max",
    "abs",
    "enumerate",
    "zip",
    "reversed",
    "map",
    "filter",
    "any",
    "all",
    "hasattr",
    "getattr",
    "setattr",
    "delattr",
    "divmod",
    "round",
    "pow",
    "chr",
    "ord",
    "hex",
    "oct",
    "bin",
    "format",
    "compile",
    "exec",
    "eval",
    "globals",
    "open",
    "locals",
    "vars",
    "dir",
    "__import__",
];

/// Native `name` (one of the class machinery's) bound to `self_`.
pub(crate) fn bound_native(st: &mut State, name: &str, self_: RawRef) -> PyResult<RawRef> {
    super::classnatives::bound(st, name, native_index(name), self_)
}

/// A new module `name` whose functions are all native `index`, bound to the function's
/// name (a str) that the native dispatches on (`math`, `time`). The module is left on the
/// stack; returns its index.
pub(crate) fn dispatch_module(
    st: &mut State,
    name: &str,
    functions: &[&str],
    index: u32,
) -> PyResult<usize> {
    let m = module::new(&st.alloc(), name)?.raw();
    let mi = st.push(m);
    let empty = pystr::new(&st.alloc(), "")?.raw();
    st.setattr(st.at(mi), "__package__", empty)?;
    for f in functions {
        let n = pystr::new(&st.alloc(), f)?.raw();
        let nf = native::new(&st.alloc(), f, n, index)?.raw();
        st.setattr(st.at(mi), f, nf)?;
    }
    Ok(mi)
}

/// Native `name` unbound (a static method).
pub(crate) fn unbound_native(st: &mut State, name: &str) -> PyResult<RawRef> {
    Ok(native::new(&st.alloc(), name, RawRef::NULL, native_index(name))?.raw())
}

pub(crate) fn native_index(name: &str) -> u32 {
    NATIVES
        .iter()
        .position(|(n, _)| *n == name)
        .expect("a native by that name") as u32
}

/// Calls native function `f`. The receiver, the arguments and the keyword values stay
/// rooted on the stack for the whole call, and the native reads them from there (the
/// addresses passed in are current only until the native first runs code).
pub(crate) fn call_native(
    st: &mut State,
    f: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    let fo = st.obj(f);
    let self_ = native::self_of(fo);
    let f = native_fn(st, native::index(fo) as usize);
    let a = Args::push(st, self_, args, kwargs);
    let r = f(st, a);
    st.truncate(a.mark());
    r
}

/// The Rust function behind the native of index `i`.
#[inline]
fn native_fn(st: &mut State, i: usize) -> NativeFn {
    if i < NATIVES.len() {
        NATIVES[i].1
    } else if i < NATIVES.len() + super::methods::count() {
        super::methods::method(i - NATIVES.len())
    } else {
        let j = i - NATIVES.len() - super::methods::count();
        st.up_native_module_call(j)
            .expect("a native module of that index")
    }
}

/// The native index of the first native module's dispatcher (after the interpreter's
/// natives and the builtin types' methods).
fn first_module_index() -> u32 {
    (NATIVES.len() + super::methods::count()) as u32
}

impl State {
    /// Calls the native at stack slot `fi` with the receiver and `n` positional
    /// arguments right above it (`[f, receiver, args…]`, as the evaluator pushed them:
    /// no copy). The caller drops the slots.
    pub(crate) fn call_native_on_stack(&mut self, fi: usize, n: usize) -> PyResult<RawRef> {
        let i = native::index(self.obj(self.at(fi))) as usize;
        let f = native_fn(self, i);
        f(self, Args::on_stack(fi + 1, n))
    }

    /// Whether native `f` is the builtin `len`.
    #[inline]
    pub(crate) fn is_builtin_len(&self, f: RawRef) -> bool {
        native::index(self.obj(f)) as usize == LEN
    }

    /// `len(x)`, `x` rooted: the `len` native once its arguments are checked, and what
    /// the evaluator calls directly for a call that has one positional argument.
    pub(crate) fn call_len(&mut self, x: Rooted) -> PyResult<RawRef> {
        let n = self.len_at(x)?;
        Ok(int::new_i64(&self.alloc(), n as i64)?.raw())
    }

    /// Calls native function `f` (see [`call_native`]): the protocols' and the host's
    /// way in, through the upcall of the same name.
    pub(crate) fn call_native(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        call_native(self, f, args, kwargs)
    }

    /// Installs the interpreter's builtins (once): for the host's first import.
    pub(crate) fn install_builtins(&mut self) -> PyResult<()> {
        install_builtins(self)
    }

    /// Writes `text` to the process's stdout (the host's `HPY_LOG` line, `HPy_EvalCode`
    /// echoing a value in single-input mode).
    pub(crate) fn write_stdout(&mut self, text: &str, flush: bool) {
        write_out(false, text, flush)
    }
}

/// Adds the interpreter's builtins to the `builtins` module (once).
pub(crate) fn install_builtins(st: &mut State) -> PyResult<()> {
    let bm = st.b.builtins_module;
    if st.lookup_attr(bm, "print").is_some() {
        return Ok(());
    }
    for name in BUILTINS {
        let f = native::new(&st.alloc(), name, st.b.none, native_index(name))?.raw();
        st.setattr(bm, name, f)?;
    }
    // `object`'s own methods, for `object.__setattr__(self, ...)` and `super()`.
    for name in [
        "__init__",
        "__repr__",
        "__str__",
        "__setattr__",
        "__getattribute__",
        "__init_subclass__",
        "__new__",
    ] {
        let mut f = native::new(&st.alloc(), name, RawRef::NULL, native_index(name))?.raw();
        // As in CPython: `__init_subclass__` is a class method, `__new__` a static one.
        let wrapper = match name {
            "__init_subclass__" => Some(st.b.classmethod_type),
            "__new__" => Some(st.b.staticmethod_type),
            _ => None,
        };
        if let Some(w) = wrapper {
            let a = st.alloc();
            let cm =
                crate::objects::instance::new_wrap(&a, w, [Some(st.obj(f)), None, None, None])?;
            f = cm.raw();
        }
        let fi = st.push(f);
        let k = pystr::new_immortal(&st.alloc(), name)?.raw();
        let a = st.alloc();
        let d = types::dict(st.obj(st.b.object_type));
        ops::dict_set_str(&a, d, st.obj(k), st.obj(st.at(fi)));
        st.truncate(fi);
    }
    // property's own methods, for `property.__get__(self, obj, cls)` in a subclass and
    // for instances of property subclasses (which are Python objects).
    for name in [
        "__get__",
        "__set__",
        "__delete__",
        "getter",
        "setter",
        "deleter",
    ] {
        let f = native::new(&st.alloc(), name, RawRef::NULL, native_index(name))?.raw();
        let fi = st.push(f);
        let k = pystr::new_immortal(&st.alloc(), name)?.raw();
        let a = st.alloc();
        let d = types::dict(st.obj(st.b.property_type));
        ops::dict_set_str(&a, d, st.obj(k), st.obj(st.at(fi)));
        st.truncate(fi);
    }
    super::methods::install(st, NATIVES.len() as u32)?;
    // `bytearray` and `memoryview` are written in Python (`runtime/stdlib/_bytearray.py`,
    // `_memoryview.py`).
    for (module, name) in [("_bytearray", "bytearray"), ("_memoryview", "memoryview")] {
        let m = st.import_module(module)?;
        let mi = st.push(m);
        let c = st.getattr_at(Rooted::slot(mi), name)?;
        st.setattr(st.b.builtins_module, name, c)?;
        if name == "memoryview" {
            // `ctx->h_MemoryViewType` is builtins.memoryview, as on CPython.
            let h = st.ctx.h_MemoryViewType;
            if let Some(e) = st.roots.handles.entry_mut(h) {
                e.obj = c;
            }
        }
        st.truncate(mi);
    }
    // The name `__builtins__` (CPython puts it in every module's globals; here the
    // lookup of a global falls back to the builtins, so the builtins module holds it).
    let bm = st.b.builtins_module;
    st.setattr(bm, "__builtins__", bm)?;
    let empty = pystr::new(&st.alloc(), "")?.raw();
    st.setattr(st.b.builtins_module, "__package__", empty)?;
    Ok(())
}

/// The modules the runtime provides itself: `builtins`, `sys`, `gc`.
pub(crate) fn builtin_module(st: &mut State, name: &str) -> PyResult<Option<RawRef>> {
    if name == "builtins" {
        st.module_register(name, st.b.builtins_module)?;
        return Ok(Some(st.b.builtins_module));
    }
    if !matches!(name, "sys" | "gc") && !st.up_is_native_module(name) {
        return Ok(None);
    }
    if let Some(m) = st.module_lookup(name) {
        return Ok(Some(m));
    }
    if name == "sys" && !st.roots.sys_module.is_null() {
        // The one `sys` (CPython's too), even after `del sys.modules['sys']`.
        st.module_register(name, st.roots.sys_module)?;
        return Ok(Some(st.roots.sys_module));
    }
    if let Some(m) = st.up_create_native_module(name, first_module_index()) {
        let m = m?;
        st.module_register(name, m)?;
        return Ok(Some(m));
    }
    let m = module::new(&st.alloc(), name)?.raw();
    let mi = st.push(m);
    let add_native = |st: &mut State, m: RawRef, fname: &str, self_: RawRef| -> PyResult<()> {
        let f = native::new(&st.alloc(), fname, self_, native_index(fname))?.raw();
        st.setattr(m, fname, f)
    };
    if name == "sys" {
        for f in [
            "exit",
            "getrecursionlimit",
            "setrecursionlimit",
            "get_int_max_str_digits",
            "set_int_max_str_digits",
            "_getframe",
            "_forget_module",
            "_assert_detail",
        ] {
            add_native(st, st.at(mi), f, st.b.none)?;
        }
        let argv: Vec<String> = st.interp.argv.clone();
        let l = str_list(st, &argv)?;
        st.setattr(st.at(mi), "argv", l)?;
        let path: Vec<String> = st.path.iter().map(|p| p.display().to_string()).collect();
        let l = str_list(st, &path)?;
        st.setattr(st.at(mi), "path", l)?;
        let exe = std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        let byteorder = if cfg!(target_endian = "little") {
            "little"
        } else {
            "big"
        };
        for (attr, text) in [
            ("version", "3.11.7 (hpymove)"),
            ("platform", std::env::consts::OS),
            ("implementation_name", "hpymove"),
            ("byteorder", byteorder),
            ("executable", exe.as_str()),
        ] {
            let s = pystr::new(&st.alloc(), text)?.raw();
            st.setattr(st.at(mi), attr, s)?;
        }
        for (attr, v) in [
            ("maxsize", i64::MAX),
            ("maxunicode", 0x10FFFF),
            ("hexversion", 0x030B_07F0),
        ] {
            let n = int::new_i64(&st.alloc(), v)?.raw();
            st.setattr(st.at(mi), attr, n)?;
        }
        add_native(st, st.at(mi), "exc_info", st.b.none)?;
        // For the `traceback` module: the report an uncaught exception would print.
        add_native(st, st.at(mi), "_format_exception", st.b.none)?;
        // The hook an uncaught exception is reported through, and its original.
        add_native(st, st.at(mi), "excepthook", st.b.none)?;
        let hook = st.getattr(st.at(mi), "excepthook")?;
        st.setattr(st.at(mi), "__excepthook__", hook)?;
        // sys.stdout / sys.stderr: objects with write() and flush().
        for (attr, fd) in [("stdout", 1i64), ("stderr", 2)] {
            let s = module::new(&st.alloc(), &format!("sys.{attr}"))?.raw();
            let si = st.push(s);
            let fdo = int::new_i64(&st.alloc(), fd)?.raw();
            st.setattr(st.at(si), "fileno", fdo)?;
            add_native(st, st.at(si), "write", st.at(si))?;
            add_native(st, st.at(si), "flush", st.at(si))?;
            st.setattr(st.at(mi), attr, st.at(si))?;
        }
        // The import table itself: what scripts store or delete there, `import` sees.
        st.setattr(st.at(mi), "modules", st.modules_dict())?;
    } else {
        add_native(st, st.at(mi), "collect", st.b.none)?;
        add_native(st, st.at(mi), "get_referents", st.b.none)?;
    }
    // A builtin module's package is "" (CPython's), with no spec here.
    let empty = pystr::new(&st.alloc(), "")?.raw();
    st.setattr(st.at(mi), "__package__", empty)?;
    let m = st.at(mi);
    st.module_register(name, m)?;
    if name == "sys" {
        st.roots.sys_module = m;
        st.module_register("builtins", st.b.builtins_module)?;
        // version_info and implementation are written in Python (`_sysinfo`).
        let info = st.import_module("_sysinfo")?;
        let ii = st.push(info);
        for attr in [
            "version_info",
            "implementation",
            "flags",
            "stdin",
            "meta_path",
            "int_info",
            "path_hooks",
            "path_importer_cache",
            "intern",
        ] {
            let v = st.getattr_at(Rooted::slot(ii), attr)?;
            st.setattr(st.at(mi), attr, v)?;
        }
    }
    let m = st.at(mi);
    st.truncate(mi);
    Ok(Some(m))
}

fn str_list(st: &mut State, items: &[String]) -> PyResult<RawRef> {
    let mark = st.roots.stack.len();
    for s in items {
        let o = pystr::new(&st.alloc(), s)?.raw();
        st.push(o);
    }
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[mark..].iter().map(|r| st.obj(*r)).collect();
    let l = list::new(&a, &objs)?.raw();
    st.truncate(mark);
    Ok(l)
}

pub(super) fn no_kwargs(st: &mut State, args: Args<'_>, fname: &str) -> PyResult<()> {
    if args.kw_len() == 0 {
        Ok(())
    } else {
        Err(st.raise("TypeError", format!("{fname}() takes no keyword arguments")))
    }
}

pub(super) fn exactly(st: &mut State, args: Args<'_>, fname: &str, n: usize) -> PyResult<()> {
    if args.len() == n {
        return Ok(());
    }
    let msg = if n == 1 {
        format!(
            "{fname}() takes exactly one argument ({} given)",
            args.len()
        )
    } else {
        format!("{fname} expected {n} arguments, got {}", args.len())
    };
    Err(st.raise("TypeError", msg))
}

/// The text of an argument that must be a str.
fn str_kw(st: &mut State, v: RawRef, what: &str) -> PyResult<Option<String>> {
    if v == st.b.none {
        return Ok(None);
    }
    let o = st.obj(v);
    if o.kind() == st.b.kinds.str_ {
        return Ok(Some(pystr::as_str(o).to_string()));
    }
    let t = st.type_name(v);
    Err(st.raise(
        "TypeError",
        format!("{what} must be None or a string, not {t}"),
    ))
}

fn print(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let (mut sep, mut end, mut to_stderr, mut flush) =
        (" ".to_string(), "\n".to_string(), false, false);
    // Keyword values are checked before any of them can run code (`flush`'s truth is
    // last).
    let mut flush_at = None;
    // A `file=` other than sys.stdout/sys.stderr/None: its `write` gets the text.
    let mut custom = None;
    for i in 0..args.kw_len() {
        match args.kw_name(i) {
            "sep" => sep = str_kw(st, args.kw(st, i), "sep")?.unwrap_or_else(|| " ".into()),
            "end" => end = str_kw(st, args.kw(st, i), "end")?.unwrap_or_else(|| "\n".into()),
            "file" if args.kw(st, i) == st.b.none => {}
            "file" => {
                // `lookup_attr` may run code (a Python `__getattr__`): read the file again.
                let stream = st.obj(args.kw(st, i)).kind() == st.b.kinds.module
                    && st.lookup_attr(args.kw(st, i), "__name__").is_some_and(|n| {
                        crate::objects::repr::str_of(st.obj(n)).starts_with("sys.std")
                    });
                if stream {
                    to_stderr = st
                        .lookup_attr(args.kw(st, i), "fileno")
                        .map(|f| crate::objects::repr::str_of(st.obj(f)) == "2")
                        .unwrap_or(false)
                } else {
                    custom = Some(i);
                }
            }
            "flush" => flush_at = Some(i),
            other => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for print()"),
                ))
            }
        }
    }
    if let Some(i) = flush_at {
        flush = st.truth(args.kw(st, i))?;
    }
    // `str()` of an extension instance runs its code (a safepoint): each argument is
    // read when its turn comes.
    let mut text = String::new();
    // The pieces CPython writes one by one to a Python `sys.stdout`.
    let mut pieces = Vec::new();
    for i in 0..args.len() {
        if i > 0 {
            text.push_str(&sep);
            pieces.push(sep.clone());
        }
        let s = st.str_text(args.get(st, i))?;
        text.push_str(&s);
        pieces.push(s);
    }
    text.push_str(&end);
    pieces.push(end.clone());
    let file_given =
        (0..args.kw_len()).any(|i| args.kw_name(i) == "file" && args.kw(st, i) != st.b.none);
    if custom.is_none() && !file_given {
        if let Some(out) = st.replaced_stdout() {
            let oi = st.push(out);
            let w = st.getattr_at(Rooted::slot(oi), "write")?;
            let wi = st.push(w);
            for p in &pieces {
                let s = pystr::new(&st.alloc(), p)?.raw();
                st.call(st.at(wi), &[s], &[])?;
            }
            st.truncate(oi);
            return Ok(st.b.none);
        }
    }
    if let Some(fi) = custom {
        let w = st.getattr(args.kw(st, fi), "write")?;
        let wi = st.push(w);
        let s = pystr::new(&st.alloc(), &text)?.raw();
        st.call(st.at(wi), &[s], &[])?;
        if flush {
            let f = st.getattr(args.kw(st, fi), "flush")?;
            st.call(f, &[], &[])?;
        }
        return Ok(st.b.none);
    }
    write_out(to_stderr, &text, flush);
    Ok(st.b.none)
}

/// Writes to the process's stdout or stderr (stdout is flushed before stderr is written,
/// so interleaved output keeps its order).
pub(crate) fn write_out(to_stderr: bool, text: &str, flush: bool) {
    if to_stderr {
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().write_all(text.as_bytes());
    } else {
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(text.as_bytes());
        if flush {
            let _ = out.flush();
        }
    }
}

fn len(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "len")?;
    exactly(st, args, "len", 1)?;
    st.call_len(args.rooted(0))
}

/// `ascii(v)`: the repr with every non-ASCII character escaped (`\xe9`, `\u20ac`,
/// `\U0001f600`).
fn ascii(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "ascii")?;
    exactly(st, args, "ascii", 1)?;
    let s = st.repr_text_at(args.rooted(0))?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c as u32 {
            0..=0x7f => out.push(c),
            n @ 0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            n @ 0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            n => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    Ok(pystr::new(&st.alloc(), &out)?.raw())
}

fn repr(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "repr")?;
    exactly(st, args, "repr", 1)?;
    let s = st.repr_text_at(args.rooted(0))?;
    Ok(pystr::new(&st.alloc(), &s)?.raw())
}

fn id(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "id")?;
    exactly(st, args, "id", 1)?;
    let a = st.alloc();
    let n = ops::identity(&a, st.obj(args.get(st, 0)));
    Ok(int::new_u64(&a, n)?.raw())
}

fn hash(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "hash")?;
    exactly(st, args, "hash", 1)?;
    let h = st.hash_at(args.rooted(0))?;
    Ok(int::new_i64(&st.alloc(), h)?.raw())
}

fn builtin_iter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "iter")?;
    if args.len() == 2 {
        // `iter(callable, sentinel)`: the iterator is written in Python
        // (`runtime/stdlib/_callable_iterator.py`).
        if !crate::protocols::call::callable(st, args.get(st, 0)) {
            return Err(st.raise("TypeError", "iter(v, w): v must be callable".into()));
        }
        let m = st.import_module("_callable_iterator")?;
        let class = st.getattr(m, "callable_iterator")?;
        return st.call(class, &[args.get(st, 0), args.get(st, 1)], &[]);
    }
    if args.len() != 1 {
        let bound = if args.is_empty() {
            "at least 1 argument"
        } else {
            "at most 2 arguments"
        };
        return Err(st.raise(
            "TypeError",
            format!("iter expected {bound}, got {}", args.len()),
        ));
    }
    st.iter_at(args.rooted(0))
}

fn builtin_next(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "next")?;
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("next expected at least 1 argument, got {}", args.len()),
        ));
    }
    if st.is_generator(args.get(st, 0)) {
        // A generator's return value is the StopIteration's.
        use crate::objects::generator::Resumed;
        let r = st.gen_resume(args.get(st, 0), st.b.none)?;
        // The generator ran code: the default is read now.
        return match (r, args.opt(st, 1)) {
            (Resumed::Yield(v), _) => Ok(v),
            (Resumed::Return(_), Some(default)) => Ok(default),
            (Resumed::Return(v), None) if v == st.b.none => {
                Err(st.raise_args("StopIteration", &[]))
            }
            (Resumed::Return(v), None) => Err(st.raise_args("StopIteration", &[v])),
        };
    }
    match st.next_at(args.rooted(0))? {
        Some(v) => Ok(v),
        None => match args.opt(st, 1) {
            Some(default) => Ok(default),
            None => Err(st.raise_args("StopIteration", &[])),
        },
    }
}

fn callable(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "callable")?;
    exactly(st, args, "callable", 1)?;
    let c = crate::protocols::call::callable(st, args.get(st, 0));
    Ok(st.bool_obj(c))
}

fn sorted(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("sorted expected 1 argument, got {}", args.len()),
        ));
    }
    let (key, reverse) = crate::objects::list::methods::sort_options(st, args)?;
    // `sort_values` roots the iterable and the key before anything can collect.
    let vals = crate::objects::list::methods::sort_values(st, args.get(st, 0), key, reverse)?;
    let a = st.alloc();
    let objs: Vec<_> = vals.iter().map(|r| st.obj(*r)).collect();
    Ok(list::new(&a, &objs)?.raw())
}

/// All items of an iterable, rooted on the stack from the returned mark.
fn collect_rooted(st: &mut State, v: RawRef) -> PyResult<usize> {
    let vi = st.push(v);
    let it = st.iter_at(Rooted::slot(vi))?;
    let ii = st.push(it);
    let start = st.roots.stack.len();
    while let Some(x) = st.next_at(Rooted::slot(ii))? {
        st.push(x);
    }
    let n = st.roots.stack.len() - start;
    for i in 0..n {
        let x = st.at(start + i);
        st.set_at(vi + i, x);
    }
    st.truncate(vi + n);
    Ok(vi)
}

fn sum(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let mut start_at = None;
    for i in 0..args.kw_len() {
        let k = args.kw_name(i);
        if k == "start" {
            start_at = Some(i);
        } else {
            return Err(st.raise(
                "TypeError",
                format!("sum() got an unexpected keyword argument '{k}'"),
            ));
        }
    }
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("sum() takes at most 2 arguments ({} given)", args.len()),
        ));
    }
    let start = args.opt(st, 1).or(start_at.map(|i| args.kw(st, i)));
    if start.is_some_and(|s| st.obj(s).kind() == st.b.kinds.str_) {
        return Err(st.raise(
            "TypeError",
            "sum() can't sum strings [use ''.join(seq) instead]".into(),
        ));
    }
    let mark = st.roots.stack.len();
    let acc0 = match start {
        Some(s) => s,
        None => int::new_i64(&st.alloc(), 0)?.raw(),
    };
    let acc = st.push(acc0);
    let items = collect_rooted(st, args.get(st, 0))?;
    let n = st.roots.stack.len() - items;
    for i in 0..n {
        let r = st.binary_op(
            crate::protocols::number::BinOp::Add,
            st.at(acc),
            st.at(items + i),
        )?;
        st.set_at(acc, r);
    }
    let r = st.at(acc);
    st.truncate(mark);
    Ok(r)
}

fn min(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    extreme(st, args, "min", 0)
}

fn max(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    extreme(st, args, "max", 4)
}

/// `min`/`max`: the first item that no later one beats under `op` (`<` or `>`).
fn extreme(st: &mut State, args: Args<'_>, name: &str, op: i32) -> PyResult<RawRef> {
    let (mut key_at, mut default_at) = (None, None);
    for i in 0..args.kw_len() {
        match args.kw_name(i) {
            "key" => key_at = Some(i),
            "default" => default_at = Some(i),
            other => {
                return Err(st.raise(
                    "TypeError",
                    format!("{name}() got an unexpected keyword argument '{other}'"),
                ))
            }
        }
    }
    if args.is_empty() {
        return Err(st.raise(
            "TypeError",
            format!("{name} expected at least 1 argument, got 0"),
        ));
    }
    let mark = st.roots.stack.len();
    let items = if args.len() == 1 {
        collect_rooted(st, args.get(st, 0))?
    } else {
        let start = st.roots.stack.len();
        for i in 0..args.len() {
            let a = args.get(st, i);
            st.push(a);
        }
        start
    };
    let n = st.roots.stack.len() - items;
    if n == 0 {
        st.truncate(mark);
        return match default_at {
            Some(i) => Ok(args.kw(st, i)),
            None => Err(st.raise("ValueError", format!("{name}() arg is an empty sequence"))),
        };
    }
    let keys = st.roots.stack.len();
    for i in 0..n {
        let x = st.at(items + i);
        // The key function is read at each call: the previous one may have moved it.
        let k = match key_at.map(|k| args.kw(st, k)).filter(|f| *f != st.b.none) {
            Some(f) => st.call(f, &[x], &[])?,
            None => x,
        };
        st.push(k);
    }
    let mut best = 0;
    for i in 1..n {
        if crate::protocols::compare::compare(st, st.at(keys + i), st.at(keys + best), op)? {
            best = i;
        }
    }
    let r = st.at(items + best);
    st.truncate(mark);
    Ok(r)
}

fn abs(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "abs")?;
    exactly(st, args, "abs", 1)?;
    st.unary_op(crate::protocols::number::UnaryOp::Abs, args.get(st, 0))
}

/// `enumerate(iterable, start=0)`, made eagerly: an iterator over a list of pairs.
fn enumerate(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let mut start_at = None;
    for i in 0..args.kw_len() {
        let k = args.kw_name(i);
        if k == "start" {
            start_at = Some(i);
        } else {
            return Err(st.raise(
                "TypeError",
                format!("'{k}' is an invalid keyword argument for enumerate()"),
            ));
        }
    }
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!(
                "enumerate() takes at most 2 arguments ({} given)",
                args.len()
            ),
        ));
    }
    let mark = st.roots.stack.len();
    let start = start_at.map(|i| args.kw(st, i)).or(args.opt(st, 1));
    let first = match start {
        Some(s) => st.index(s)?,
        None => int::new_i64(&st.alloc(), 0)?.raw(),
    };
    let counter = st.push(first);
    // `index` may have run code: the iterable is read now.
    let items = collect_rooted(st, args.get(st, 0))?;
    let n = st.roots.stack.len() - items;
    let pairs = st.roots.stack.len();
    for i in 0..n {
        let a = st.alloc();
        let t = tuple::new(&a, &[st.obj(st.at(counter)), st.obj(st.at(items + i))])?.raw();
        st.push(t);
        let one = int::new_i64(&st.alloc(), 1)?.raw();
        let next = st.binary_op(crate::protocols::number::BinOp::Add, st.at(counter), one)?;
        st.set_at(counter, next);
    }
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[pairs..].iter().map(|r| st.obj(*r)).collect();
    let l = list::new(&a, &objs)?.raw();
    st.truncate(mark);
    st.iter(l)
}

/// `zip(*iterables)`, made eagerly: an iterator over a list of tuples.
fn zip(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let mut strict = false;
    for i in 0..args.kw_len() {
        let name = args.kw_name(i);
        if name != "strict" {
            let msg = format!("'{name}' is an invalid keyword argument for zip()");
            return Err(st.raise("TypeError", msg));
        }
        strict = st.truth(args.kw(st, i))?;
    }
    let its = super::iterfuncs::iterators_of(st, args, 0)?;
    let none = st.b.none;
    st.lazy_iter("zip", none, its, strict)
}

fn sys_exit(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "exit")?;
    if args.len() > 1 {
        return Err(st.raise(
            "TypeError",
            format!("exit expected at most 1 argument, got {}", args.len()),
        ));
    }
    // The exception is made before anything can collect.
    let v = args.snapshot(st);
    Err(st.raise_args("SystemExit", &v))
}

fn stream_write(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "write")?;
    exactly(st, args, "write", 1)?;
    let o = st.obj(args.get(st, 0));
    if o.kind() != st.b.kinds.str_ {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("write() argument must be str, not {t}"),
        ));
    }
    let text = pystr::as_str(o).to_string();
    let to_stderr = st
        .lookup_attr(args.receiver(st), "fileno")
        .map(|f| crate::objects::repr::str_of(st.obj(f)) == "2")
        .unwrap_or(false);
    write_out(to_stderr, &text, false);
    Ok(int::new_i64(&st.alloc(), text.chars().count() as i64)?.raw())
}

fn stream_flush(st: &mut State, _: Args<'_>) -> PyResult<RawRef> {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    Ok(st.b.none)
}

/// `sys._getframe(depth=0)`: a small frame object of the Python frame `depth` levels
/// up: `f_globals`, `f_lineno`, and `f_code` with `co_name`, `co_qualname`, `co_filename`
/// (what modules like `collections` need to know their caller's module).
fn sys_getframe(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "_getframe")?;
    if args.len() > 1 {
        return Err(st.raise(
            "TypeError",
            format!("_getframe expected at most 1 argument, got {}", args.len()),
        ));
    }
    let depth = match args.opt(st, 0) {
        Some(d) => {
            let i = st.index(d)?;
            num_traits::ToPrimitive::to_usize(&int::to_bigint(st.obj(i))).unwrap_or(usize::MAX)
        }
        None => 0,
    };
    let n = st.interp.frames.len();
    if depth >= n {
        return Err(st.raise("ValueError", "call stack is not deep enough".into()));
    }
    let (code, globals, line) = {
        let k = n - 1 - depth;
        let f = &st.interp.frames[k];
        (std::rc::Rc::clone(&f.code), st.frame_globals(k), f.line)
    };
    // Rooted at once: the frame's globals may live on a stashed stack (a generator's
    // resumer), which the collector also updates, but this copy is ours.
    let gl = st.push(globals);
    let frame = module::new(&st.alloc(), "frame")?.raw();
    let fi = st.push(frame);
    let c = module::new(&st.alloc(), "code")?.raw();
    let ci = st.push(c);
    for (attr, text) in [
        ("co_name", &*code.name),
        ("co_qualname", &*code.qualname),
        ("co_filename", &*code.filename),
    ] {
        let s = pystr::new(&st.alloc(), text)?.raw();
        st.setattr(st.at(ci), attr, s)?;
    }
    st.setattr(st.at(fi), "f_code", st.at(ci))?;
    st.setattr(st.at(fi), "f_globals", st.at(gl))?;
    let l = int::new_i64(&st.alloc(), line as i64)?.raw();
    st.setattr(st.at(fi), "f_lineno", l)?;
    let f = st.at(fi);
    st.truncate(gl);
    Ok(f)
}

/// `open(...)`: `io.open` (the `io` module hpymove carries, written in Python).
fn open(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    // The import runs code: the arguments are read after it, for the call (which roots
    // them in the callee's frame before anything can collect).
    let io = st.import_module("io")?;
    let f = st.getattr(io, "open")?;
    let fi = st.push(f);
    let (pos, kw) = (args.snapshot(st), args.kw_snapshot(st));
    st.call(st.at(fi), &pos, &kw)
}

/// `sys.exc_info()`: (type, value, None) of the exception being handled, else three
/// Nones (hpymove has no traceback objects).
fn sys_exc_info(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "exc_info")?;
    exactly(st, args, "exc_info", 0)?;
    let none = st.b.none;
    let e = st.roots.handling.last().copied().filter(|e| !e.is_null());
    let a = st.alloc();
    let items = match e {
        Some(e) => [type_of(a.heap_obj(e)), a.heap_obj(e), a.heap_obj(none)],
        None => [a.heap_obj(none), a.heap_obj(none), a.heap_obj(none)],
    };
    Ok(tuple::new(&a, &items)?.raw())
}

/// `sys._format_exception(exc)`: the report CPython prints for `exc` left uncaught
/// (its chain, its traceback as far as it has travelled), for the `traceback` module.
fn sys_format_exception(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "_format_exception")?;
    exactly(st, args, "_format_exception", 1)?;
    if st.obj(args.get(st, 0)).kind() != st.b.kinds.exception {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("_format_exception() argument must be an exception, not {t}"),
        ));
    }
    let text = st.format_exception(args.get(st, 0));
    Ok(pystr::new(&st.alloc(), &text)?.raw())
}

/// `globals()`: the running frame's globals dict.
fn globals(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "globals")?;
    exactly(st, args, "globals", 0)?;
    Ok(st.at(st.frame_base()))
}

/// `locals()`: the globals at module level, the namespace in a class body, else a new
/// dict of the function's bound local variables (fast locals and cells).
fn locals(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "locals")?;
    exactly(st, args, "locals", 0)?;
    st.frame_locals()
}

/// `vars()` is `locals()`; `vars(obj)` is `obj.__dict__`.
fn vars(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "vars")?;
    match args.len() {
        0 => st.frame_locals(),
        1 => match st.lookup_attr(args.get(st, 0), "__dict__") {
            Some(d) => Ok(d),
            None => Err(st.raise(
                "TypeError",
                "vars() argument must have __dict__ attribute".into(),
            )),
        },
        _ => Err(st.raise(
            "TypeError",
            format!("vars expected at most 1 argument, got {}", args.len()),
        )),
    }
}

/// `dir()`: the sorted names of the running scope; `dir(obj)`: `_dir.dir_of(obj)`
/// (`runtime/stdlib/_dir.py`, imported on first use).
fn dir(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "dir")?;
    match args.len() {
        0 => {
            let ns = st.frame_locals()?;
            let keys = st.dict_keys(ns)?;
            let ki = st.push(keys);
            let sort = st.getattr_at(Rooted::slot(ki), "sort")?;
            st.call(sort, &[], &[])?;
            let keys = st.at(ki);
            st.truncate(ki);
            Ok(keys)
        }
        1 => {
            let m = st.import_module("_dir")?;
            let f = st.getattr(m, "dir_of")?;
            let fi = st.push(f);
            let obj = args.get(st, 0);
            let r = st.call(st.at(fi), &[obj], &[]);
            st.truncate(fi);
            r
        }
        n => Err(st.raise(
            "TypeError",
            format!("dir expected at most 1 argument, got {n}"),
        )),
    }
}

impl State {
    /// `__annotations__[name] = evaluated annotation` in the running module or class
    /// body's namespace (the dict made on first use).
    pub(crate) fn record_annotation(&mut self, name: &str, ann: &super::ast::Expr) -> PyResult<()> {
        let v = self.eval(ann)?;
        let vi = self.push(v);
        let r = (|| {
            let ns = self.frame_locals()?;
            let ni = self.push(ns);
            let existing = {
                let a = self.alloc();
                ops::dict_get_str(&a, self.obj(self.at(ni)), "__annotations__").map(|d| d.raw())
            };
            let d = match existing {
                Some(d) => d,
                None => {
                    let d = crate::objects::dict::new(&self.alloc())?.raw();
                    self.ns_set(ni, "__annotations__", d)?;
                    d
                }
            };
            let di = self.push(d);
            let key = pystr::new(&self.alloc(), name)?.raw();
            let key = self.root(key);
            self.setitem_at(Rooted::slot(di), key, Rooted::slot(vi))
        })();
        self.truncate(vi);
        r
    }

    fn frame_locals(&mut self) -> PyResult<RawRef> {
        let (code, base) = {
            let f = self.interp.frames.last().expect("a frame is running");
            (std::rc::Rc::clone(&f.code), f.base)
        };
        if code.is_module {
            return Ok(self.at(base));
        }
        if code.is_class_body {
            return Ok(self.at(base + 2));
        }
        let d = crate::objects::dict::new(&self.alloc())?.raw();
        let di = self.push(d);
        let cells_at = base + 2 + code.fast_names.len();
        let named = code
            .fast_names
            .iter()
            .enumerate()
            .map(|(i, n)| (n, base + 2 + i, false))
            .chain(
                code.cell_names
                    .iter()
                    .enumerate()
                    .map(|(i, n)| (n, cells_at + i, true)),
            );
        for (name, at, is_cell) in named {
            let mut v = self.at(at);
            if is_cell && !v.is_null() {
                v = crate::objects::pyfunc::cell_get(self.obj(v));
            }
            if v.is_null() {
                continue;
            }
            self.ns_set(di, name, v)?;
        }
        let d = self.at(di);
        self.truncate(di);
        Ok(d)
    }
}

fn getrecursionlimit(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "getrecursionlimit")?;
    exactly(st, args, "getrecursionlimit", 0)?;
    let n = st.interp.recursion_limit;
    Ok(int::new_i64(&st.alloc(), n as i64)?.raw())
}

fn setrecursionlimit(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    no_kwargs(st, args, "setrecursionlimit")?;
    exactly(st, args, "setrecursionlimit", 1)?;
    let o = st.obj(args.get(st, 0));
    if types::data(type_of(o)).instances != Instances::Int {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("'{t}' object cannot be interpreted as an integer"),
        ));
    }
    let n = num_traits::ToPrimitive::to_i64(&int::to_bigint(o)).unwrap_or(i64::MAX);
    if n < 1 {
        return Err(st.raise(
            "ValueError",
            "recursion limit must be greater or equal than 1".into(),
        ));
    }
    // Bounded by what the interpreter's thread stack can take.
    st.interp.recursion_limit = (n as usize).min(20_000);
    Ok(st.b.none)
}

fn gc_collect(st: &mut State, _: Args<'_>) -> PyResult<RawRef> {
    st.full_collect();
    Ok(int::new_i64(&st.alloc(), 0)?.raw())
}

#[cfg(test)]
mod tests {
    #[test]
    fn len_is_where_its_shortcut_looks() {
        assert_eq!(super::NATIVES[super::LEN].0, "len");
    }
}
