//! `type`: `[type, id, base, mro, dict, name, | data]`. `data` points at a [`TypeData`] in
//! Rust memory (leaked for immortal builtin types, freed when a heap type dies).

use gc::{ObjRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{dict, str as pystr, tuple, W_DATA, W_TYPE};

const W_BASE: usize = W_DATA;
const W_MRO: usize = W_DATA + 1;
const W_DICT: usize = W_DATA + 2;
const W_NAME: usize = W_DATA + 3;
const W_INFO: usize = W_DATA + 4;
pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_INFO as u32,
};

/// What kind of heap object instances of a type are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Instances {
    /// Not instantiable from the host (None, bool, module…).
    Special,
    Object,
    Int,
    Float,
    Complex,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    /// `set`: a dict-kind object whose keys are the items (values are None).
    Set,
    Type,
    Module,
    Exception,
    Slice,
    Range,
    Function,
    Cell,
    Iterator,
    Capsule,
}

/// What the collector does not need to see about a type.
#[derive(Debug)]
pub(crate) struct TypeData {
    /// `tp_name`: `"module.Name"` for extension types, `"int"` for builtins.
    pub(crate) tp_name: String,
    pub(crate) instances: Instances,
    /// What `HPyType_FromSpec` recorded (extension types only).
    pub(crate) ext: Option<Box<crate::objects::hpyobj::ExtType>>,
    /// Made by a `class` statement: its dunder methods are dispatched by the runtime's
    /// protocols (see `interp/dunder.rs`), its instances have a dict.
    pub(crate) py: bool,
    /// A class whose hierarchy all defines `__slots__` without `__dict__`: its
    /// instances have no `__dict__` and only their slots as attributes
    /// (`interp/slots.rs`).
    pub(crate) dictless: bool,
}

/// Creates an immortal builtin type.
pub(crate) fn new_builtin<'h>(
    a: &Alloc<'h>,
    name: &str,
    base: Option<ObjRef<'_>>,
    instances: Instances,
) -> PyResult<ObjRef<'h>> {
    let t = a.heap.alloc_immortal(a.kinds().type_, (W_INFO + 1) * 8)?;
    // `type` itself is created first, before `a.b.type_type` is known: it is its own type.
    let meta = if a.b.type_type.is_null() {
        t.raw()
    } else {
        a.b.type_type
    };
    t.set_word(W_TYPE, meta.addr() as u64);
    init(a, t, name, base, instances, true)?;
    Ok(t)
}

/// Creates a heap type (made at run time, such as an extension's exception class): it
/// moves like any object, and its [`TypeData`] is freed when it dies. `mro` is the MRO
/// after the type itself (see [`c3_mro`]); `base` is its `__base__`.
pub(crate) fn new_heap<'h>(
    a: &Alloc<'h>,
    tp_name: &str,
    base: ObjRef<'_>,
    mro: &[ObjRef<'_>],
    instances: Instances,
) -> PyResult<ObjRef<'h>> {
    let t = a.object(a.kinds().type_, a.b.type_type, W_INFO + 1)?;
    let short = tp_name.rsplit('.').next().unwrap_or(tp_name);
    let nm = pystr::new(a, short)?;
    let d = dict::new(a)?;
    a.set(t, W_NAME, Some(nm));
    a.set(t, W_DICT, Some(d));
    a.set(t, W_BASE, Some(base));
    let mut chain = vec![t];
    chain.extend_from_slice(mro);
    let m = tuple::new(a, &chain)?;
    a.set(t, W_MRO, Some(m));
    let data = Box::new(TypeData {
        tp_name: tp_name.to_string(),
        instances,
        ext: None,
        py: false,
        dictless: false,
    });
    t.set_word(W_INFO, Box::into_raw(data) as u64);
    a.heap.register_external(t);
    Ok(t)
}

/// The C3 linearization of `bases` (Python's MRO), without the new type itself; `Err` is
/// CPython's `TypeError` message.
pub(crate) fn c3_mro<'h>(bases: &[ObjRef<'h>]) -> Result<Vec<ObjRef<'h>>, String> {
    for (i, b) in bases.iter().enumerate() {
        if bases[..i].contains(b) {
            return Err(format!("duplicate base class {}", name(*b)));
        }
    }
    let mut seqs: Vec<Vec<ObjRef<'h>>> = bases
        .iter()
        .map(|b| tuple::items(mro(*b)).collect())
        .collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let head = seqs
            .iter()
            .map(|s| s[0])
            .find(|h| !seqs.iter().any(|s| s[1..].contains(h)));
        let Some(h) = head else {
            let mut heads: Vec<ObjRef<'_>> = Vec::new();
            for s in &seqs {
                if !heads.contains(&s[0]) {
                    heads.push(s[0]);
                }
            }
            let names: Vec<&str> = heads.iter().map(|h| name(*h)).collect();
            return Err(format!(
                "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                names.join(", ")
            ));
        };
        out.push(h);
        for s in &mut seqs {
            if s[0] == h {
                s.remove(0);
            }
        }
    }
}

fn init(
    a: &Alloc<'_>,
    t: ObjRef<'_>,
    name: &str,
    base: Option<ObjRef<'_>>,
    instances: Instances,
    immortal: bool,
) -> PyResult<()> {
    let short = name.rsplit('.').next().unwrap_or(name);
    let (nm, d) = if immortal {
        (pystr::new_immortal(a, short)?, dict::new_immortal(a)?)
    } else {
        (pystr::new(a, short)?, dict::new(a)?)
    };
    a.set(t, W_NAME, Some(nm));
    a.set(t, W_DICT, Some(d));
    a.set(t, W_BASE, base);
    // The MRO: this type, then its base's MRO (single inheritance for builtins).
    let mut chain = vec![t];
    if let Some(b) = base {
        chain.extend(tuple::items(mro(b)));
    }
    let m = if immortal {
        let m = a
            .heap
            .alloc_immortal(a.kinds().tuple, (W_DATA + chain.len()) * 8)?;
        m.set_word(W_TYPE, a.b.tuple_type.addr() as u64);
        for (i, c) in chain.iter().enumerate() {
            m.set_word(W_DATA + i, c.addr() as u64);
        }
        m
    } else {
        tuple::new(a, &chain)?
    };
    a.set(t, W_MRO, Some(m));
    let data = Box::new(TypeData {
        tp_name: name.to_string(),
        instances,
        ext: None,
        py: false,
        dictless: false,
    });
    t.set_word(W_INFO, Box::into_raw(data) as u64);
    Ok(())
}

/// Replaces the dict of a heap type just made (a class takes its namespace as dict).
pub(crate) fn set_dict(a: &Alloc<'_>, t: ObjRef<'_>, d: ObjRef<'_>) {
    a.set(t, W_DICT, Some(d));
}

/// Replaces the `__name__` of a heap type just made.
pub(crate) fn set_name(a: &Alloc<'_>, t: ObjRef<'_>, n: ObjRef<'_>) {
    a.set(t, W_NAME, Some(n));
}

pub(crate) fn data<'a>(t: ObjRef<'a>) -> &'a TypeData {
    // SAFETY: W_INFO holds the TypeData leaked at creation, freed only when the type dies.
    unsafe { &*(t.word(W_INFO) as *const TypeData) }
}

/// The type data, to fill in right after creating a heap type.
pub(crate) fn data_mut<'a>(t: ObjRef<'a>) -> &'a mut TypeData {
    // SAFETY: as in `data`; called on a type nobody else reads yet (single-threaded).
    unsafe { &mut *(t.word(W_INFO) as *mut TypeData) }
}

/// What `HPyType_FromSpec` recorded, for an extension type or a subtype of one.
pub(crate) fn ext(t: ObjRef<'_>) -> Option<&crate::objects::hpyobj::ExtType> {
    data(t).ext.as_deref()
}

/// `__base__`: none for `object`.
pub(crate) fn base(t: ObjRef<'_>) -> Option<ObjRef<'_>> {
    t.get_ref(W_BASE)
}

pub(crate) fn mro(t: ObjRef<'_>) -> ObjRef<'_> {
    t.get_ref(W_MRO).expect("types have an MRO")
}

pub(crate) fn dict(t: ObjRef<'_>) -> ObjRef<'_> {
    t.get_ref(W_DICT).expect("types have a dict")
}

/// `__name__`
pub(crate) fn name(t: ObjRef<'_>) -> &str {
    pystr::as_str(t.get_ref(W_NAME).expect("types have a name"))
}

pub(crate) fn is_subtype(t: ObjRef<'_>, base: ObjRef<'_>) -> bool {
    t == base || tuple::items(mro(t)).any(|m| m == base)
}

/// Frees the data of a dead heap type.
///
/// # Safety
/// `body` is the body of a type that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `init`, freed only here.
    unsafe {
        let p = *(body as *const u64).add(W_INFO) as *mut TypeData;
        drop(Box::from_raw(p));
    }
}

pub(crate) fn is_type(a: &Alloc<'_>, o: ObjRef<'_>) -> bool {
    o.kind() == a.kinds().type_
}

/// The raw reference of `o`'s type's name for messages: `'int'`.
pub(crate) fn type_name_of(o: ObjRef<'_>) -> String {
    let t = crate::objects::type_of(o);
    // Extension types are named by their `tp_name` ("module.Name"), as CPython does.
    match data(t).ext {
        Some(_) if !data(t).py => data(t).tp_name.clone(),
        _ => name(t).to_string(),
    }
}

/// The type data of the type object at `addr`, for the collector's reports (no `ObjRef`
/// can be made while a collection holds the heap).
///
/// # Safety
/// `addr` is the current address of a live type object (a header), readable for `'a`.
pub(crate) unsafe fn data_at<'a>(addr: usize) -> &'a TypeData {
    // SAFETY: forwarded from the caller; W_INFO is a body word of every type.
    unsafe {
        let body = (addr + gc::HEADER_BYTES) as *const u64;
        &*(*body.add(W_INFO) as *const TypeData)
    }
}
