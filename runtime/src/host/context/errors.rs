//! The pending exception and the `HPyErr_*` family, with CPython 3.11's semantics and
//! messages: raising (with CPython's normalization: `SetObject(OSError, (2, 'x'))` raises
//! `FileNotFoundError`), matching (tuples, nested tuples, subclasses), clearing, errno
//! errors, new exception classes, warnings and unraisable exceptions.
//!
//! Warnings and unraisable exceptions are printed to stderr in CPython's default formats.
//! The host has no Python frame to attribute a warning to, so a warning is reported at
//! `sys:1`, which is what CPython prints for a warning issued from C with no Python code
//! on the stack (or a `stack_level` beyond it): `sys:1: UserWarning: message`. The
//! `stack_level` argument is accepted and has no other effect.

use std::collections::HashSet;
use std::ffi::{c_char, CStr};
use std::io::Write;
use std::sync::Mutex;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, exception, int, list, str as pystr, tuple, type_of};
use crate::state::State;

// ------------------------------------------------------------------ raising

/// CPython's check that `t` can be raised.
fn check_exception_type(st: &mut State, t: RawRef) -> PyResult<()> {
    if exception::is_exception_type(&st.alloc(), st.obj(t)) {
        return Ok(());
    }
    let r = crate::objects::repr::repr_of(st.obj(t));
    Err(st.raise(
        "SystemError",
        format!("_PyErr_SetObject: exception {r} is not a BaseException subclass"),
    ))
}

/// `raise t(*value)` with CPython's normalization of `value`: an instance of `t` is raised
/// as is, a tuple is the arguments, None or nothing means no arguments, anything else is
/// the single argument.
pub(crate) fn set_object(st: &mut State, t: RawRef, value: Option<RawRef>) -> PyResult<()> {
    check_exception_type(st, t)?;
    let e = match value {
        None => st.new_exception(t, &[])?,
        Some(v) if v == st.b.none => st.new_exception(t, &[])?,
        Some(v) => {
            let (vo, to) = (st.obj(v), st.obj(t));
            if vo.kind() == st.b.kinds.exception && types::is_subtype(type_of(vo), to) {
                v
            } else if vo.kind() == st.b.kinds.tuple {
                let items: Vec<RawRef> = tuple::items(vo).map(|i| i.raw()).collect();
                st.new_exception(t, &items)?
            } else {
                st.new_exception(t, &[v])?
            }
        }
    };
    st.roots.exc = e;
    Ok(())
}

pub(crate) unsafe extern "C" fn ctx_Err_SetString(
    ctx: *mut HPyContext,
    h_type: HPy,
    utf8_message: *const c_char,
) -> HPy {
    enter(ctx, "HPyErr_SetString", HPy_NULL, |st| {
        let t = st.get(h_type, "HPyErr_SetString")?;
        let msg = c_str(st, utf8_message, "HPyErr_SetString")?;
        let m = pystr::new(&st.alloc(), msg)?.raw();
        set_object(st, t, Some(m))?;
        Ok(HPy_NULL)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_SetObject(
    ctx: *mut HPyContext,
    h_type: HPy,
    h_value: HPy,
) -> HPy {
    enter(ctx, "HPyErr_SetObject", HPy_NULL, |st| {
        let t = st.get(h_type, "HPyErr_SetObject")?;
        let v = if h_value._i == 0 {
            None
        } else {
            Some(st.get(h_value, "HPyErr_SetObject")?)
        };
        set_object(st, t, v)?;
        Ok(HPy_NULL)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_Occurred(ctx: *mut HPyContext) -> i32 {
    enter(ctx, "HPyErr_Occurred", 0, |st| Ok(st.exc_pending() as i32))
}

/// CPython's `PyErr_GivenExceptionMatches`: a tuple matches if any item does (nested
/// tuples too); a class matches its subclasses; anything else matches itself only.
pub(crate) fn given_matches(st: &State, exc_type: RawRef, given: RawRef) -> bool {
    let g = st.obj(given);
    if g.kind() == st.b.kinds.tuple {
        let items: Vec<RawRef> = tuple::items(g).map(|i| i.raw()).collect();
        return items.into_iter().any(|i| given_matches(st, exc_type, i));
    }
    let t = st.obj(exc_type);
    let a = st.alloc();
    if exception::is_exception_type(&a, t) && exception::is_exception_type(&a, g) {
        return types::is_subtype(t, g);
    }
    exc_type == given
}

pub(crate) unsafe extern "C" fn ctx_Err_ExceptionMatches(ctx: *mut HPyContext, exc: HPy) -> i32 {
    enter(ctx, "HPyErr_ExceptionMatches", 0, |st| {
        let given = st.get(exc, "HPyErr_ExceptionMatches")?;
        if st.roots.exc.is_null() {
            return Ok(0);
        }
        let t = type_of(st.obj(st.roots.exc)).raw();
        Ok(given_matches(st, t, given) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_Clear(ctx: *mut HPyContext) {
    enter(ctx, "HPyErr_Clear", (), |st| {
        st.roots.exc = RawRef::NULL;
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_NoMemory(ctx: *mut HPyContext) -> HPy {
    enter(ctx, "HPyErr_NoMemory", HPy_NULL, |st| {
        // The ready instance: raising MemoryError must not need memory.
        st.roots.exc = st.b.memory_error;
        Ok(HPy_NULL)
    })
}

// ------------------------------------------------------------------ errno

/// The calling thread's `errno`, read before anything else can change it.
fn read_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// `strerror(errno)`; CPython says "Error" for errno 0.
fn strerror(errno: i32) -> String {
    if errno == 0 {
        return "Error".into();
    }
    let mut buf = [0 as c_char; 256];
    // SAFETY: the buffer and its length are ours; the XSI strerror_r writes a NUL-terminated
    // message into it (libc binds the XSI version on glibc).
    let rc = unsafe { libc::strerror_r(errno, buf.as_mut_ptr(), buf.len()) };
    if rc != 0 {
        return format!("Unknown error {errno}");
    }
    // SAFETY: NUL-terminated by strerror_r.
    unsafe { CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned()
}

/// `raise t(errno, strerror(errno)[, f1[, 0, f2]])`, as `PyErr_SetFromErrnoWithFilenameObjects`
/// (the OSError constructor then picks the subclass from errno and keeps the filenames as
/// attributes).
fn set_from_errno(
    st: &mut State,
    errno: i32,
    t: RawRef,
    f1: Option<RawRef>,
    f2: Option<RawRef>,
) -> PyResult<()> {
    check_exception_type(st, t)?;
    let a = st.alloc();
    let mut args = vec![
        int::new_i64(&a, errno as i64)?.raw(),
        pystr::new(&a, &strerror(errno))?.raw(),
    ];
    if let Some(f1) = f1 {
        args.push(f1);
        if let Some(f2) = f2 {
            args.push(int::new_i64(&a, 0)?.raw());
            args.push(f2);
        }
    }
    let e = st.new_exception(t, &args)?;
    st.roots.exc = e;
    Ok(())
}

pub(crate) unsafe extern "C" fn ctx_Err_SetFromErrnoWithFilename(
    ctx: *mut HPyContext,
    h_type: HPy,
    filename_fsencoded: *const c_char,
) -> HPy {
    let errno = read_errno();
    enter(ctx, "HPyErr_SetFromErrnoWithFilename", HPy_NULL, |st| {
        let t = st.get(h_type, "HPyErr_SetFromErrnoWithFilename")?;
        let f = if filename_fsencoded.is_null() {
            None
        } else {
            // SAFETY: a NUL-terminated file name from the extension, live for the call.
            let raw = unsafe { CStr::from_ptr(filename_fsencoded) }.to_bytes();
            // The file-system encoding is UTF-8; str objects hold valid UTF-8 only, so
            // undecodable bytes become U+FFFD (CPython would keep them as surrogates).
            let name = String::from_utf8_lossy(raw);
            Some(pystr::new(&st.alloc(), &name)?.raw())
        };
        set_from_errno(st, errno, t, f, None)?;
        Ok(HPy_NULL)
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_SetFromErrnoWithFilenameObjects(
    ctx: *mut HPyContext,
    h_type: HPy,
    filename1: HPy,
    filename2: HPy,
) -> HPy {
    let errno = read_errno();
    enter(
        ctx,
        "HPyErr_SetFromErrnoWithFilenameObjects",
        HPy_NULL,
        |st| {
            let f = "HPyErr_SetFromErrnoWithFilenameObjects";
            let t = st.get(h_type, f)?;
            let f1 = if filename1._i == 0 {
                None
            } else {
                Some(st.get(filename1, f)?)
            };
            // CPython ignores the second name when there is no first.
            let f2 = if filename2._i == 0 || f1.is_none() {
                None
            } else {
                Some(st.get(filename2, f)?)
            };
            set_from_errno(st, errno, t, f1, f2)?;
            Ok(HPy_NULL)
        },
    )
}

// ------------------------------------------------------------------ new exception classes

/// `PyErr_NewExceptionWithDoc`: a heap exception class `module.Name` with the given
/// bases (`Exception` by default) whose namespace is `dict` (which, as in CPython, gets
/// `__module__`, and `__doc__` when a doc is given).
fn new_exception_class(
    st: &mut State,
    name: &str,
    doc: Option<&str>,
    base: HPy,
    dict_h: HPy,
    func: &str,
) -> PyResult<RawRef> {
    let Some(dot) = name.rfind('.') else {
        return Err(st.raise(
            "SystemError",
            "PyErr_NewException: name must be module.class".into(),
        ));
    };
    let module = &name[..dot];
    let bases: Vec<RawRef> = if base._i == 0 {
        vec![st.b.exc("Exception")]
    } else {
        let b = st.get(base, func)?;
        let bo = st.obj(b);
        if bo.kind() == st.b.kinds.tuple {
            tuple::items(bo).map(|i| i.raw()).collect()
        } else {
            vec![b]
        }
    };
    for b in &bases {
        let a = st.alloc();
        let bo = st.obj(*b);
        if !types::is_type(&a, bo) {
            return Err(st.raise(
                "TypeError",
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases".into(),
            ));
        }
        if !exception::is_exception_type(&a, bo) {
            let n = types::data(bo).tp_name.clone();
            return Err(st.raise(
                "SystemError",
                format!("{func}: hpymove makes exception classes only, and '{n}' is not a BaseException subclass"),
            ));
        }
    }
    if bases.is_empty() {
        return Err(st.raise(
            "SystemError",
            format!("{func}: hpymove makes exception classes only, and no base was given"),
        ));
    }
    let ns = if dict_h._i == 0 {
        dict::new(&st.alloc())?.raw()
    } else {
        let d = st.get(dict_h, func)?;
        if types::data(type_of(st.obj(d))).instances != Instances::Dict {
            let n = st.type_name(d);
            return Err(st.raise(
                "SystemError",
                format!("{func}: dict must be a dict, not '{n}'"),
            ));
        }
        d
    };
    let a = st.alloc();
    if let Some(doc) = doc {
        let k = pystr::new(&a, "__doc__")?;
        let v = pystr::new(&a, doc)?;
        crate::objects::ops::dict_set_str(&a, st.obj(ns), k, v);
    }
    if crate::objects::ops::dict_get_str(&a, st.obj(ns), "__module__").is_none() {
        let k = pystr::new(&a, "__module__")?;
        let v = pystr::new(&a, module)?;
        crate::objects::ops::dict_set_str(&a, st.obj(ns), k, v);
    }
    let base_objs: Vec<_> = bases.iter().map(|b| st.obj(*b)).collect();
    let mro = match types::c3_mro(&base_objs) {
        Ok(m) => m,
        Err(msg) => return Err(st.raise("TypeError", msg)),
    };
    let t = types::new_heap(&a, name, base_objs[0], &mro, Instances::Exception)?.raw();
    // The namespace becomes the class dict (keys of any kind, as `type()` allows).
    let th = st.roots.handles.open(t);
    let td = types::dict(st.obj(t)).raw();
    let merged = st.dict_merge(td, ns);
    let t = st.roots.handles.get(th).expect("open");
    let _ = st.roots.handles.close(th);
    merged?;
    let td = types::dict(st.obj(t)).raw();
    let a = st.alloc();
    if crate::objects::ops::dict_get_str(&a, st.obj(td), "__doc__").is_none() {
        let k = pystr::new(&a, "__doc__")?;
        crate::objects::ops::dict_set_str(&a, st.obj(td), k, a.none());
    }
    Ok(t)
}

pub(crate) unsafe extern "C" fn ctx_Err_NewException(
    ctx: *mut HPyContext,
    utf8_name: *const c_char,
    base: HPy,
    dict: HPy,
) -> HPy {
    enter(ctx, "HPyErr_NewException", HPy_NULL, |st| {
        let f = "HPyErr_NewException";
        let name = c_str(st, utf8_name, f)?;
        let t = new_exception_class(st, name, None, base, dict, f)?;
        Ok(st.roots.handles.open(t))
    })
}

pub(crate) unsafe extern "C" fn ctx_Err_NewExceptionWithDoc(
    ctx: *mut HPyContext,
    utf8_name: *const c_char,
    utf8_doc: *const c_char,
    base: HPy,
    dict: HPy,
) -> HPy {
    enter(ctx, "HPyErr_NewExceptionWithDoc", HPy_NULL, |st| {
        let f = "HPyErr_NewExceptionWithDoc";
        let name = c_str(st, utf8_name, f)?;
        let doc = if utf8_doc.is_null() {
            None
        } else {
            Some(c_str(st, utf8_doc, f)?)
        };
        let t = new_exception_class(st, name, doc, base, dict, f)?;
        Ok(st.roots.handles.open(t))
    })
}

// ------------------------------------------------------------------ warnings

/// Warnings already shown, by (text, category identity): CPython's default action shows a
/// warning once per location, and every warning issued here has the same location.
static SHOWN: Mutex<Option<HashSet<(String, u64)>>> = Mutex::new(None);

/// The categories CPython 3.11's default filters ignore outside `__main__`.
const IGNORED_BY_DEFAULT: [&str; 4] = [
    "DeprecationWarning",
    "PendingDeprecationWarning",
    "ImportWarning",
    "ResourceWarning",
];

pub(crate) unsafe extern "C" fn ctx_Err_WarnEx(
    ctx: *mut HPyContext,
    category: HPy,
    utf8_message: *const c_char,
    stack_level: HPy_ssize_t,
) -> i32 {
    enter(ctx, "HPyErr_WarnEx", -1, |st| {
        let f = "HPyErr_WarnEx";
        let cat = if category._i == 0 {
            st.b.exc("RuntimeWarning")
        } else {
            st.get(category, f)?
        };
        let text = c_str(st, utf8_message, f)?.to_string();
        let a = st.alloc();
        let co = st.obj(cat);
        if !types::is_type(&a, co) {
            // CPython calls the category, then matches it against the filters by class.
            let n = st.type_name(cat);
            let msg = if crate::protocols::call::callable(st, cat) {
                "issubclass() arg 1 must be a class".to_string()
            } else {
                format!("'{n}' object is not callable")
            };
            return Err(st.raise("TypeError", msg));
        }
        // Once the `warnings` module is imported, it decides (its filters, its
        // `catch_warnings` records), as in CPython.
        let warnings = st.module_lookup("warnings").filter(|m| *m != st.b.none);
        if let Some(m) = warnings {
            let ci = st.push(cat);
            let warn = st.getattr(m, "warn")?;
            let wi = st.push(warn);
            let a = st.alloc();
            let msg = pystr::new(&a, &text)?.raw();
            let mi = st.push(msg);
            let level = crate::objects::int::new_i64(&st.alloc(), stack_level as i64)?.raw();
            let r = st.call(st.at(wi), &[st.at(mi), st.at(ci), level], &[]);
            st.truncate(ci);
            return r.map(|_| 0);
        }
        let a = st.alloc();
        let co = st.obj(cat);
        let name = types::name(co).to_string();
        let ident = crate::objects::ops::identity(&a, co);
        let ignored = IGNORED_BY_DEFAULT.iter().any(|c| {
            let base = st.obj(st.b.exc(c));
            types::is_subtype(st.obj(cat), base)
        });
        // The warning object is made first, as CPython does (its constructor may fail).
        let m = pystr::new(&st.alloc(), &text)?.raw();
        st.call_type(cat, &[m], &[])?;
        if ignored {
            return Ok(0);
        }
        let first = {
            let mut shown = SHOWN.lock().unwrap_or_else(|e| e.into_inner());
            shown
                .get_or_insert_with(HashSet::new)
                .insert((text.clone(), ident))
        };
        if first {
            let mut err = std::io::stderr().lock();
            let _ = writeln!(err, "sys:1: {name}: {text}");
            let _ = err.flush();
        }
        Ok(0)
    })
}

// ------------------------------------------------------------------ unraisable

/// The exception's type as CPython's unraisable hook names it: `module.Name` unless the
/// module is `builtins` or `__main__`.
fn qualified_type_name(st: &State, e: RawRef) -> String {
    let t = type_of(st.obj(e));
    let name = types::name(t).to_string();
    let a = st.alloc();
    // `__module__` from the class dict, else the module part of the type's tp_name.
    let module = match crate::objects::ops::dict_get_str(&a, types::dict(t), "__module__") {
        Some(m) if m.kind() == st.b.kinds.str_ => Some(pystr::as_str(m).to_string()),
        _ => {
            let tp_name = &types::data(t).tp_name;
            tp_name.rfind('.').map(|i| tp_name[..i].to_string())
        }
    };
    match module {
        Some(m) if m != "builtins" && m != "__main__" => format!("{m}.{name}"),
        _ => name,
    }
}

/// The report of `PyErr_WriteUnraisable(obj)`, CPython's default hook format.
fn unraisable_report(st: &State, e: RawRef, obj: Option<RawRef>) -> String {
    let mut out = String::new();
    if let Some(o) = obj.filter(|o| *o != st.b.none) {
        out.push_str(&format!(
            "Exception ignored in: {}\n",
            crate::objects::repr::repr_of(st.obj(o))
        ));
    }
    let eo = st.obj(e);
    if let Some(tb) = exception::traceback(eo).filter(|tb| list::len(*tb) > 0) {
        // Entries are (file, line, function), innermost first.
        out.push_str("Traceback (most recent call last):\n");
        let entries: Vec<String> = list::items(tb)
            .map(|t| {
                format!(
                    "  File \"{}\", line {}, in {}\n",
                    crate::objects::repr::str_of(tuple::get(t, 0)),
                    crate::objects::repr::str_of(tuple::get(t, 1)),
                    crate::objects::repr::str_of(tuple::get(t, 2))
                )
            })
            .collect();
        for line in entries.iter().rev() {
            out.push_str(line);
        }
    }
    out.push_str(&format!(
        "{}: {}\n",
        qualified_type_name(st, e),
        crate::objects::repr::str_of(st.obj(e))
    ));
    out
}

pub(crate) unsafe extern "C" fn ctx_Err_WriteUnraisable(ctx: *mut HPyContext, obj: HPy) {
    enter(ctx, "HPyErr_WriteUnraisable", (), |st| {
        let o = if obj._i == 0 {
            None
        } else {
            st.roots.handles.get(obj)
        };
        let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
        if e.is_null() {
            // Nothing to report (CPython requires an exception to be set).
            return Ok(());
        }
        let report = unraisable_report(st, e, o);
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(report.as_bytes());
        let _ = err.flush();
        Ok(())
    })
}
