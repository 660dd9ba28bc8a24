//! `repr()` and `str()` of builtin objects, for messages, `HPy_Repr` and the embedding API.

use gc::ObjRef;

use crate::objects::{
    bytes, exception, float, function, int, list, module, str as pystr, tuple, type_of, types,
    W_DATA,
};

fn kind_name(o: ObjRef<'_>) -> &str {
    types::name(type_of(o))
}

/// `repr(o)`; never fails, never reaches a safepoint.
pub(crate) fn repr_of(o: ObjRef<'_>) -> String {
    let t = type_of(o);
    let instances = types::data(t).instances;
    use types::Instances as I;
    match (kind_name(o), instances) {
        ("NoneType", _) => "None".into(),
        ("bool", _) => if o.word(W_DATA) != 0 { "True" } else { "False" }.into(),
        ("NotImplementedType", _) => "NotImplemented".into(),
        ("ellipsis", _) => "Ellipsis".into(),
        ("builtin_function_or_method", _) => {
            format!("<built-in function {}>", function::name(o))
        }
        (_, I::Int) => int::to_bigint(o).to_string(),
        (_, I::Float) => float::repr(float::value(o)),
        (_, I::Str) => pystr::repr(pystr::as_str(o)),
        (_, I::Bytes) => bytes::repr(bytes::data(o)),
        (_, I::Tuple) => {
            let items: Vec<String> = tuple::items(o).map(repr_of).collect();
            if items.len() == 1 {
                format!("({},)", items[0])
            } else {
                format!("({})", items.join(", "))
            }
        }
        (_, I::List) => {
            let items: Vec<String> = list::items(o).map(repr_of).collect();
            format!("[{}]", items.join(", "))
        }
        (_, I::Dict) => {
            let d = crate::objects::dict::entries(o);
            let items: Vec<String> = d
                .iter()
                .map(|(k, v)| {
                    // SAFETY: the collector keeps dict entries current; no safepoint here.
                    let (k, v) = unsafe { (resolve(k.key.get()), resolve(*v)) };
                    format!("{}: {}", repr_of(k), repr_of(v))
                })
                .collect();
            format!("{{{}}}", items.join(", "))
        }
        (_, I::Type) => format!("<class '{}'>", types::data(o).tp_name),
        (_, I::Module) => {
            let d = module::dict(o);
            let name = crate::objects::dict::entries(d)
                .iter()
                .find_map(|(k, v)| {
                    // SAFETY: as above.
                    let (k, v) = unsafe { (resolve(k.key.get()), resolve(*v)) };
                    (pystr::as_str(k) == "__name__").then(|| pystr::as_str(v).to_string())
                })
                .unwrap_or_else(|| "?".into());
            format!("<module '{name}'>")
        }
        (name, I::Exception) => {
            let a = exception::args(o);
            if tuple::len(a) == 1 {
                format!("{name}({})", repr_of(tuple::get(a, 0)))
            } else {
                format!("{name}{}", repr_of(a))
            }
        }
        (_, _) => format!("<{} object>", types::data(t).tp_name),
    }
}

/// `str(o)`
pub(crate) fn str_of(o: ObjRef<'_>) -> String {
    match types::data(type_of(o)).instances {
        types::Instances::Str => pystr::as_str(o).to_string(),
        types::Instances::Exception => exception::message(o),
        _ => repr_of(o),
    }
}

/// # Safety
/// `r` must be a current reference (kept by the collector), read since the last safepoint.
unsafe fn resolve<'a>(r: gc::RawRef) -> ObjRef<'a> {
    // SAFETY: forwarded; the lifetime is tied to the caller's borrow of the object that
    // holds `r`, which no safepoint interrupts.
    unsafe { crate::state::heap_ref().resolve(r).expect("reference") }
}
