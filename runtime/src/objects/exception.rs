//! Exception instances: `[type, id, args, traceback, cause, context, dict]`.

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{str as pystr, tuple, types, W_DATA};

const W_ARGS: usize = W_DATA;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: (W_DATA + 5) as u32,
};

/// A new instance of exception type `ty` with `args`.
pub(crate) fn new<'h>(a: &Alloc<'h>, ty: RawRef, args: ObjRef<'_>) -> PyResult<ObjRef<'h>> {
    let e = a.object(a.kinds().exception, ty, W_DATA + 5)?;
    a.set(e, W_ARGS, Some(args));
    Ok(e)
}

/// `ty(message)`
pub(crate) fn with_message<'h>(a: &Alloc<'h>, ty: RawRef, msg: &str) -> PyResult<ObjRef<'h>> {
    let m = pystr::new(a, msg)?;
    let args = tuple::new(a, &[m])?;
    new(a, ty, args)
}

/// Replaces `args` (what `BaseException.__init__` does).
pub(crate) fn set_args(a: &Alloc<'_>, e: ObjRef<'_>, args: ObjRef<'_>) {
    a.set(e, W_ARGS, Some(args));
}

pub(crate) fn args(e: ObjRef<'_>) -> ObjRef<'_> {
    e.get_ref(W_ARGS).expect("exceptions have args")
}

/// `str(exception)` as CPython 3.11: no args → "", one arg → `str(arg)` (`repr(arg)` for
/// KeyError), several → `str(args)`; OSError with errno and strerror →
/// `[Errno 2] No such file or directory: 'name'`.
pub(crate) fn message(e: ObjRef<'_>) -> String {
    let t = crate::objects::type_of(e);
    if let Some(s) = os_error_str(e, t) {
        return s;
    }
    if let Some(s) = crate::objects::codecs::unicode_error_str(e) {
        return s;
    }
    if builtin_base(t, "ImportError") {
        // CPython's `ImportError.__str__`: `msg` when it is a str.
        if let Some(m) = dict(e).and_then(|d| dict_str_get(d, "msg")) {
            if types::data(crate::objects::type_of(m)).instances == types::Instances::Str {
                return pystr::as_str(m).to_string();
            }
        }
    }
    let a = args(e);
    match tuple::len(a) {
        0 => String::new(),
        1 if builtin_base(t, "KeyError") => crate::objects::repr::repr_of(tuple::get(a, 0)),
        1 => crate::objects::repr::str_of(tuple::get(a, 0)),
        _ => crate::objects::repr::repr_of(a),
    }
}

/// Is builtin exception type `name` in `t`'s MRO?
pub(crate) fn builtin_base(t: ObjRef<'_>, name: &str) -> bool {
    tuple::items(types::mro(t)).any(|c| c.is_immortal() && types::data(c).tp_name == name)
}

const W_DICT: usize = W_DATA + 4;

/// The instance dict (attributes other than `args`), if one was made.
pub(crate) fn dict(e: ObjRef<'_>) -> Option<ObjRef<'_>> {
    e.get_ref(W_DICT)
}

pub(crate) fn set_dict(a: &Alloc<'_>, e: ObjRef<'_>, d: ObjRef<'_>) {
    a.set(e, W_DICT, Some(d));
}

/// The OSError attributes: set in the instance dict when given (see `construct.rs`),
/// `None` otherwise, as CPython's C fields.
pub(crate) const OS_ERROR_ATTRS: [&str; 4] = ["errno", "strerror", "filename", "filename2"];

/// The ImportError attributes (`ImportError(msg, name=..., path=...)`), kept in the
/// instance dict, `None` when never set.
pub(crate) const IMPORT_ERROR_ATTRS: [&str; 3] = ["name", "path", "msg"];

/// An attribute of an exception instance kept in its dict (`errno`…): `None` for an
/// OSError attribute never set.
pub(crate) fn attr<'h>(a: &Alloc<'h>, e: ObjRef<'h>, name: &str) -> Option<ObjRef<'h>> {
    if let Some(v) = dict(e).and_then(|d| crate::objects::ops::dict_get_str(a, d, name)) {
        return Some(v);
    }
    let t = crate::objects::type_of(e);
    if builtin_base(t, "SyntaxError") {
        if let Some(v) = syntax_error_attr(e, name) {
            return Some(v);
        }
    }
    if name == "value" && builtin_base(t, "StopIteration") {
        // CPython's `StopIteration.value`: the first argument, or None.
        let args = args(e);
        return Some(if tuple::len(args) >= 1 {
            tuple::get(args, 0)
        } else {
            a.none()
        });
    }
    if name == "code" && builtin_base(t, "SystemExit") {
        // CPython's `SystemExit.code`: None without arguments, the argument, or all of them.
        let args = args(e);
        return Some(match tuple::len(args) {
            0 => a.none(),
            1 => tuple::get(args, 0),
            _ => args,
        });
    }
    if let Some(v) = unicode_error_attr(a, e, name) {
        return Some(v);
    }
    if IMPORT_ERROR_ATTRS.contains(&name) && builtin_base(t, "ImportError") {
        return Some(a.none());
    }
    (OS_ERROR_ATTRS.contains(&name) && builtin_base(t, "OSError")).then(|| a.none())
}

/// `encoding`, `object`, `start`, `end`, `reason` of a UnicodeEncodeError or
/// UnicodeDecodeError made with CPython's five arguments (a UnicodeTranslateError has no
/// encoding: its four arguments start at `object`).
fn unicode_error_attr<'h>(a: &Alloc<'h>, e: ObjRef<'h>, name: &str) -> Option<ObjRef<'h>> {
    const NAMES: [&str; 5] = ["encoding", "object", "start", "end", "reason"];
    let i = NAMES.iter().position(|n| *n == name)?;
    let t = crate::objects::type_of(e);
    let args = args(e);
    if builtin_base(t, "UnicodeEncodeError") || builtin_base(t, "UnicodeDecodeError") {
        return (tuple::len(args) == 5).then(|| tuple::get(args, i));
    }
    if builtin_base(t, "UnicodeTranslateError") && tuple::len(args) == 4 {
        return Some(if i == 0 {
            a.none()
        } else {
            tuple::get(args, i - 1)
        });
    }
    None
}

/// `msg`, `filename`, `lineno`, `offset`, `text`, `end_lineno`, `end_offset` of a
/// SyntaxError, from its arguments `(msg, (filename, lineno, offset, text, end_lineno,
/// end_offset))` as CPython derives them.
fn syntax_error_attr<'h>(e: ObjRef<'h>, name: &str) -> Option<ObjRef<'h>> {
    let args = args(e);
    if name == "msg" {
        return (tuple::len(args) >= 1).then(|| tuple::get(args, 0));
    }
    let i = [
        "filename",
        "lineno",
        "offset",
        "text",
        "end_lineno",
        "end_offset",
    ]
    .iter()
    .position(|n| *n == name)?;
    if tuple::len(args) < 2 {
        return None;
    }
    let detail = tuple::get(args, 1);
    let is_tuple = crate::objects::types::data(crate::objects::type_of(detail)).instances
        == crate::objects::types::Instances::Tuple;
    (is_tuple && tuple::len(detail) > i).then(|| tuple::get(detail, i))
}

fn os_error_str(e: ObjRef<'_>, t: ObjRef<'_>) -> Option<String> {
    if !builtin_base(t, "OSError") {
        return None;
    }
    let d = dict(e)?;
    let get = |k: &str| dict_str_get(d, k);
    let s = crate::objects::repr::str_of;
    let r = crate::objects::repr::repr_of;
    match (
        get("errno"),
        get("strerror"),
        get("filename"),
        get("filename2"),
    ) {
        (Some(en), Some(se), Some(f), Some(f2)) => Some(format!(
            "[Errno {}] {}: {} -> {}",
            s(en),
            s(se),
            r(f),
            r(f2)
        )),
        (Some(en), Some(se), Some(f), None) => {
            Some(format!("[Errno {}] {}: {}", s(en), s(se), r(f)))
        }
        (Some(en), Some(se), None, _) => Some(format!("[Errno {}] {}", s(en), s(se))),
        _ => None,
    }
}

/// `d[k]` for a str key, without an allocator at hand.
fn dict_str_get<'a>(d: ObjRef<'a>, k: &str) -> Option<ObjRef<'a>> {
    let is_key = |other: gc::RawRef| {
        // SAFETY: dict keys are kept current by the collector; no safepoint here.
        let o = unsafe { d.resolve_near(other) }.expect("dict key");
        types::data(crate::objects::type_of(o)).instances == types::Instances::Str
            && pystr::as_str(o) == k
    };
    let (_, v) = crate::objects::dict::lookup(d, crate::objects::ops::str_hash(k), is_key)?;
    // SAFETY: as above, for the value.
    unsafe { d.resolve_near(v) }
}

pub(crate) fn is_exception_type(a: &Alloc<'_>, t: ObjRef<'_>) -> bool {
    types::is_type(a, t) && types::is_subtype(t, a.builtin(a.b.base_exception))
}

const W_TRACEBACK: usize = W_DATA + 1;
const W_CAUSE: usize = W_DATA + 2;
const W_CONTEXT: usize = W_DATA + 3;

/// `raise e from c`: sets `__cause__` (None suppresses the context in reports).
pub(crate) fn set_cause(a: &Alloc<'_>, e: ObjRef<'_>, c: ObjRef<'_>) {
    a.set(e, W_CAUSE, Some(c));
}

pub(crate) fn cause(e: ObjRef<'_>) -> Option<ObjRef<'_>> {
    e.get_ref(W_CAUSE)
}

pub(crate) fn set_context(a: &Alloc<'_>, e: ObjRef<'_>, c: ObjRef<'_>) {
    a.set(e, W_CONTEXT, Some(c));
}

pub(crate) fn context(e: ObjRef<'_>) -> Option<ObjRef<'_>> {
    e.get_ref(W_CONTEXT)
}

/// The traceback entries `(filename, line, function)` recorded so far, innermost first:
/// a list, or none.
pub(crate) fn traceback(e: ObjRef<'_>) -> Option<ObjRef<'_>> {
    e.get_ref(W_TRACEBACK)
}

pub(crate) fn set_traceback(a: &Alloc<'_>, e: ObjRef<'_>, tb: ObjRef<'_>) {
    a.set(e, W_TRACEBACK, Some(tb));
}

/// The methods of `BaseException` (inherited by every exception class).
pub(crate) const METHODS: &[(&str, crate::objects::args::Method)] =
    &[("with_traceback", with_traceback)];

/// `e.with_traceback(None)`: forgets where `e` was raised so far (what unittest's
/// assertRaises does to the exception it keeps). hpymove has no traceback objects, so
/// None is the only traceback it can be given.
fn with_traceback(
    st: &mut crate::state::State,
    args: crate::objects::args::Args<'_>,
) -> PyResult<RawRef> {
    let Some(args) = args.unbind(st) else {
        return Err(st.raise(
            "TypeError",
            "descriptor 'with_traceback' of 'BaseException' object needs an argument".to_string(),
        ));
    };
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!(
                "BaseException.with_traceback() takes exactly one argument ({} given)",
                args.len()
            ),
        ));
    }
    if args.get(st, 0) != st.b.none {
        return Err(st.raise(
            "TypeError",
            "__traceback__ must be a traceback or None".to_string(),
        ));
    }
    let e = args.receiver(st);
    let a = st.alloc();
    let eo = st.obj(e);
    if eo.kind() != a.kinds().exception {
        return Err(st.raise(
            "TypeError",
            "descriptor 'with_traceback' requires a 'BaseException' object".to_string(),
        ));
    }
    a.set(eo, W_TRACEBACK, None);
    Ok(e)
}
