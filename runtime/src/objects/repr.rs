//! The builtin objects' own `repr()` and `str()`, read from their layouts without running
//! code (for messages, exceptions' arguments, `HPy_Repr` and the embedding API). The
//! protocols' `repr_text`/`str_text` (`protocols/repr.rs`) ask a type's own code first.

use gc::ObjRef;

use std::cell::RefCell;

use super::{
    bytes, exception, float, function, int, list, module, range, slice, str as pystr, tuple,
    type_of, types, W_DATA,
};

thread_local! {
    /// The containers whose repr is being built (by address: no safepoint can run while a
    /// repr is built, so addresses are stable), to print a container inside itself as
    /// `[...]` the way CPython does.
    static IN_PROGRESS: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Runs `f` unless `o` is already being printed, in which case the result is `dots`.
fn guarded(o: ObjRef<'_>, dots: &str, f: impl FnOnce() -> String) -> String {
    let seen = IN_PROGRESS.with(|p| {
        let mut p = p.borrow_mut();
        if p.contains(&o.addr()) {
            true
        } else {
            p.push(o.addr());
            false
        }
    });
    if seen {
        return dots.to_string();
    }
    let s = f();
    IN_PROGRESS.with(|p| {
        p.borrow_mut().pop();
    });
    s
}

/// `<tp_name object at 0x…>` with the identity number (never the address, which changes).
fn default_repr(o: ObjRef<'_>) -> String {
    format!(
        "<{} object at {:#x}>",
        types::data(type_of(o)).tp_name,
        crate::objects::ops::identity_of(o)
    )
}

fn kind_name(o: ObjRef<'_>) -> &str {
    types::name(type_of(o))
}

/// `repr(o)`; never fails, never reaches a safepoint.
pub(crate) fn repr_of(o: ObjRef<'_>) -> String {
    let t = type_of(o);
    let instances = types::data(t).instances;
    use types::Instances as I;
    // The builtin types are told apart by identity (or by the object's kind, which only
    // the runtime's own types use), never by name: a Python class may be named `NoneType`.
    let (b, kinds, tr) = (crate::state::builtins(), crate::state::kinds(), t.raw());
    let is = |ty: gc::RawRef| tr == ty;
    match (kind_name(o), instances) {
        _ if is(b.none_type) => "None".into(),
        _ if is(b.bool_type) => if o.word(W_DATA) != 0 { "True" } else { "False" }.into(),
        _ if is(b.notimpl_type) => "NotImplemented".into(),
        _ if is(b.contextvar_type) => {
            // SAFETY: parts of a live wrapper, kept current by the collector.
            let (name, default) = unsafe {
                (
                    resolve(o, crate::objects::contextvar::name(o)),
                    o.resolve_near(crate::objects::contextvar::default(o)),
                )
            };
            let default = default.map_or(String::new(), |d| format!(" default={}", repr_of(d)));
            format!(
                "<ContextVar name={}{default} at {:#x}>",
                repr_of(name),
                crate::objects::ops::identity_of(o)
            )
        }
        _ if is(b.ellipsis_type) => "Ellipsis".into(),
        _ if o.kind() == kinds.code => {
            crate::objects::codeobj::repr(o, crate::objects::ops::identity_of(o))
        }
        _ if o.kind() == kinds.pyfunction => {
            let name = match crate::objects::pyfunc::qualname(o) {
                Some(q) if q.kind() == kinds.str_ => crate::objects::str::as_str(q).to_string(),
                _ => "?".to_string(),
            };
            format!(
                "<function {name} at {:#x}>",
                crate::objects::ops::identity_of(o)
            )
        }
        _ if o.kind() == kinds.generator => format!(
            "<generator object {} at {:#x}>",
            crate::objects::str::as_str(crate::objects::generator::qualname(o)),
            crate::objects::ops::identity_of(o)
        ),
        _ if o.kind() == kinds.function => {
            let owner = function::self_of(o);
            let on_instance = !matches!(
                types::data(type_of(owner)).instances,
                I::Module | I::Special | I::Type
            ) || types::data(type_of(owner)).ext.is_some();
            if on_instance
                && function::info(o).signature & crate::objects::function::METHOD_DESCR == 0
            {
                // A method bound to an instance, as CPython shows it.
                format!(
                    "<built-in method {} of {} object at {:#x}>",
                    function::name(o),
                    types::data(type_of(owner)).tp_name,
                    crate::objects::ops::identity_of(owner)
                )
            } else if function::info(o).signature & crate::objects::function::METHOD_DESCR != 0 {
                // A method descriptor in an extension type's dict.
                format!(
                    "<method '{}' of '{}' objects>",
                    function::name(o),
                    types::data(owner).tp_name
                )
            } else {
                format!("<built-in function {}>", function::name(o))
            }
        }
        _ if is(b.function_type) => {
            format!("<built-in function {}>", function::name(o))
        }
        _ if o.kind() == kinds.hpy_descr => {
            // An extension type's member or get/set descriptor, as CPython shows them.
            let word = if kind_name(o) == "member_descriptor" {
                "member"
            } else {
                "attribute"
            };
            let owner = crate::objects::hpyobj::descr_owner_name(o);
            let name = crate::objects::hpyobj::descr_name(o);
            format!("<{word} '{name}' of '{owner}' objects>")
        }
        (_, I::Int) => int::to_bigint(o).to_string(),
        (_, I::Float) => float::repr(float::value(o)),
        (_, I::Complex) => {
            let (re, im) = crate::objects::complex::value(o);
            crate::objects::complex::repr(re, im)
        }
        (_, I::Str) => pystr::repr(pystr::as_str(o)),
        (_, I::Bytes) => bytes::repr(bytes::data(o)),
        (_, I::Tuple) => guarded(o, "(...)", || {
            let items: Vec<String> = tuple::items(o).map(repr_of).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }),
        (_, I::List) => guarded(o, "[...]", || {
            let items: Vec<String> = list::items(o).map(repr_of).collect();
            format!("[{}]", items.join(", "))
        }),
        (_, I::Set) => guarded(o, "{...}", || {
            let d = crate::objects::dict::entries(o);
            let items: Vec<String> = d
                .iter()
                .map(|(k, _)| {
                    // SAFETY: the collector keeps dict entries current; no safepoint here.
                    repr_of(unsafe { resolve(o, k.key.get()) })
                })
                .collect();
            if items.is_empty() {
                "set()".to_string()
            } else {
                format!("{{{}}}", items.join(", "))
            }
        }),
        (_, I::Dict) => guarded(o, "{...}", || {
            let d = crate::objects::dict::entries(o);
            let items: Vec<String> = d
                .iter()
                .map(|(k, v)| {
                    // SAFETY: the collector keeps dict entries current; no safepoint here.
                    let (k, v) = unsafe { (resolve(o, k.key.get()), resolve(o, *v)) };
                    format!("{}: {}", repr_of(k), repr_of(v))
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }),
        (_, I::Slice) => {
            let [a, b, c] = slice::parts(o);
            format!("slice({}, {}, {})", repr_of(a), repr_of(b), repr_of(c))
        }
        (_, I::Range) => {
            let (a, b, c) = (range::start(o), range::stop(o), range::step(o));
            let step_is_one = matches!(int::value(c), int::IntValue::Small(1));
            if step_is_one {
                format!("range({}, {})", repr_of(a), repr_of(b))
            } else {
                format!("range({}, {}, {})", repr_of(a), repr_of(b), repr_of(c))
            }
        }
        (_, I::Type) => format!("<class '{}'>", types::data(o).tp_name),
        (_, I::Module) => {
            // CPython's form from `__name__` and `__file__` (what a spec's name and
            // origin say for the modules `import` loads from files).
            let d = module::dict(o);
            let str_kind = kinds.str_;
            let text_of = |key: &str| {
                crate::objects::dict::entries(d).iter().find_map(|(k, v)| {
                    // SAFETY: as above.
                    let (k, v) = unsafe { (resolve(d, k.key.get()), resolve(d, *v)) };
                    (k.kind() == str_kind && v.kind() == str_kind && pystr::as_str(k) == key)
                        .then(|| repr_of(v))
                })
            };
            let name = text_of("__name__").unwrap_or_else(|| "'?'".into());
            match text_of("__file__") {
                Some(file) => format!("<module {name} from {file}>"),
                None => format!("<module {name}>"),
            }
        }
        (name, I::Exception) => {
            let a = exception::args(o);
            if tuple::len(a) == 1 {
                format!("{name}({})", repr_of(tuple::get(a, 0)))
            } else {
                format!("{name}{}", repr_of(a))
            }
        }
        (_, I::Capsule) => {
            let name = match crate::objects::capsule::name_text(o) {
                Some(n) => format!("\"{n}\""),
                None => "NULL".into(),
            };
            format!(
                "<capsule object {name} at {:#x}>",
                crate::objects::ops::identity_of(o)
            )
        }
        (_, _) => default_repr(o),
    }
}

/// `str(o)`
pub(crate) fn str_of(o: ObjRef<'_>) -> String {
    match types::data(type_of(o)).instances {
        types::Instances::Str => pystr::as_str(o).to_string(),
        types::Instances::Exception if is_key_error(o) => {
            // KeyError shows its one argument as a repr: `KeyError: 'a'`.
            let args = exception::args(o);
            if tuple::len(args) == 1 {
                repr_of(tuple::get(args, 0))
            } else {
                exception::message(o)
            }
        }
        types::Instances::Exception => exception::message(o),
        _ => repr_of(o),
    }
}

/// Is `e` an instance of the builtin `KeyError` (or a subclass)?
fn is_key_error(e: ObjRef<'_>) -> bool {
    tuple::items(types::mro(type_of(e))).any(|t| t.is_immortal() && types::name(t) == "KeyError")
}

/// `r`, read out of `holder`, resolved with `holder`'s borrow of the heap.
///
/// # Safety
/// `r` must be a current reference (kept by the collector), read since the last safepoint.
unsafe fn resolve<'a>(holder: ObjRef<'a>, r: gc::RawRef) -> ObjRef<'a> {
    // SAFETY: forwarded; no safepoint can run while `holder` is borrowed.
    unsafe { holder.resolve_near(r).expect("reference") }
}
