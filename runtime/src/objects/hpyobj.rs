//! Extension-defined types (`HPyType_FromSpec`) and their instances.
//!
//! An instance of a pure HPy type with the Object shape is `[type, id, | payload]`: the
//! part that moves holds the type and a pointer to a [`Payload`] in Rust memory, which owns
//! the C struct (`basicsize` bytes, `calloc`ed, never moved). `HPy_AsStruct` returns that
//! struct, so it stays valid however often the object moves (DESIGN.md, "Non-moving
//! payloads"). The object is registered with the heap as owning something external: when a
//! collection finds it dead, [`free`] calls the type's `tp_destroy(payload)` (no context)
//! and frees the struct, exactly once.
//!
//! The kind's layout is `Custom`: the collector asks the runtime for the references of
//! each instance (the type word, then whatever the type's `tp_traverse` reports inside the
//! payload — the hook that `HPyField` builds on).
//!
//! Descriptors of members and get/set pairs are `[type, id, owner, name, | index]`: the
//! index selects the member or get/set in the owner's [`ExtType`].

use std::collections::HashMap;
use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use gc::{ObjRef, Trace};
use hpy_abi::HPyMember_FieldType;

use crate::alloc::Alloc;
use crate::error::PyResult;
use crate::objects::{str as pystr, W_DATA};

const W_PAYLOAD: usize = W_DATA;
/// Instances of Python subclasses of extension types: the attribute dict (null until the
/// first attribute store).
pub(crate) const W_INST_DICT: usize = W_DATA + 1;

pub(crate) const DESCR_TRACE: Trace = Trace::Words { first: 0, count: 4 };
const W_OWNER: usize = W_DATA;
const W_DNAME: usize = W_DATA + 1;
const W_INDEX: usize = W_DATA + 2;

/// Payload structs allocated and freed so far (tests compare the two).
pub(crate) static PAYLOADS_ALLOCATED: AtomicUsize = AtomicUsize::new(0);
pub(crate) static PAYLOADS_FREED: AtomicUsize = AtomicUsize::new(0);

/// An attribute stored in the payload.
#[derive(Clone, Debug)]
pub(crate) struct Member {
    pub(crate) name: String,
    pub(crate) ty: HPyMember_FieldType,
    pub(crate) offset: usize,
    pub(crate) readonly: bool,
}

/// A computed attribute.
#[derive(Clone, Debug)]
pub(crate) struct GetSet {
    pub(crate) name: String,
    pub(crate) getter: usize,
    pub(crate) setter: usize,
    pub(crate) closure: usize,
}

/// What `HPyType_FromSpec` recorded about a type (inherited slots included).
#[derive(Clone, Debug, Default)]
pub(crate) struct ExtType {
    /// Size of the payload struct (the largest along the bases: a subtype's struct starts
    /// with its base's).
    pub(crate) basicsize: usize,
    pub(crate) flags: u64,
    /// `HPyType_BuiltinShape` value.
    pub(crate) shape: i32,
    /// Slot number -> `impl` address, inherited from extension bases.
    pub(crate) slots: HashMap<u32, usize>,
    pub(crate) members: Vec<Member>,
    pub(crate) getsets: Vec<GetSet>,
    /// Offset of the `__vectorcalloffset__` member, if declared.
    pub(crate) vectorcall_offset: Option<usize>,
}

impl ExtType {
    pub(crate) fn slot(&self, s: hpy_abi::HPySlot_Slot) -> Option<usize> {
        self.slots.get(&s.0).copied()
    }
}

/// The non-moving part of an instance.
#[derive(Debug)]
pub(crate) struct Payload {
    /// The C struct (`basicsize` bytes, zeroed at creation); null when `basicsize` is 0.
    pub(crate) data: *mut u8,
    /// `tp_destroy` of the instance's type.
    pub(crate) destroy: usize,
    /// `tp_traverse` of the instance's type (reached by the collector).
    pub(crate) traverse: usize,
    /// Set by `HPy_SetCallFunction`: the instance's own call implementation.
    pub(crate) call: usize,
}

/// A new instance of extension type `ty` with a zeroed payload of `size` bytes.
pub(crate) fn new_instance<'h>(
    a: &Alloc<'h>,
    ty: ObjRef<'_>,
    size: usize,
    destroy: usize,
    traverse: usize,
) -> PyResult<ObjRef<'h>> {
    // An instance of a Python subclass has one more word: its attribute dict.
    let words = if crate::objects::types::data(ty).py {
        W_INST_DICT + 1
    } else {
        W_PAYLOAD + 1
    };
    let o = a.object(a.kinds().hpy_instance, ty.raw(), words)?;
    let data = if size == 0 {
        std::ptr::null_mut()
    } else {
        // SAFETY: calloc with a non-zero size; checked for null below.
        let p = unsafe { libc::calloc(1, size) } as *mut u8;
        if p.is_null() {
            crate::error::note_alloc_failure(format!("cannot allocate a payload of {size} bytes"));
            return Err(crate::error::Raised);
        }
        PAYLOADS_ALLOCATED.fetch_add(1, Ordering::Relaxed);
        p
    };
    let pl = Box::new(Payload {
        data,
        destroy,
        traverse,
        call: 0,
    });
    o.set_word(W_PAYLOAD, Box::into_raw(pl) as u64);
    a.heap.register_external(o);
    Ok(o)
}

/// The attribute dict of an instance of a Python subclass (`None` if it has no dict word
/// or none was made yet).
pub(crate) fn inst_dict(o: ObjRef<'_>) -> Option<ObjRef<'_>> {
    if o.body_len() > W_INST_DICT * 8 {
        o.get_ref(W_INST_DICT)
    } else {
        None
    }
}

/// Does the instance have a dict word (an instance of a Python subclass)?
pub(crate) fn has_dict_word(o: ObjRef<'_>) -> bool {
    o.body_len() > W_INST_DICT * 8
}

/// The payload of a live instance (`o` of the `hpy_instance` kind).
pub(crate) fn payload<'a>(o: ObjRef<'a>) -> &'a mut Payload {
    // SAFETY: the word holds the Box leaked in `new_instance`, freed only when the object
    // dies; the runtime is single-threaded and callers do not keep the reference across
    // calls into extension code.
    unsafe { &mut *(o.word(W_PAYLOAD) as *mut Payload) }
}

/// Calls `tp_destroy` on the payload of a dead instance, then frees it.
///
/// # Safety
/// `body` is the body of an instance that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `new_instance`, freed only here.
    let p = unsafe { Box::from_raw(*(body as *const u64).add(W_PAYLOAD) as *mut Payload) };
    // SAFETY: the payload of a dead instance, freed once.
    unsafe { free_payload(*p) };
}

/// Calls `tp_destroy` on a payload, then frees it.
///
/// # Safety
/// `p` belongs to an instance that died; called once.
unsafe fn free_payload(p: Payload) {
    if p.destroy != 0 {
        type Destroy = unsafe extern "C" fn(*mut c_void);
        // SAFETY: the type's `tp_destroy` has the `HPyFunc_destroyfunc` signature; it gets
        // no context and must not call the API (HPy's rule).
        unsafe { std::mem::transmute::<usize, Destroy>(p.destroy)(p.data.cast()) };
    }
    if !p.data.is_null() {
        // SAFETY: allocated by calloc in `new_instance`, freed once.
        unsafe { libc::free(p.data.cast()) };
        PAYLOADS_FREED.fetch_add(1, Ordering::Relaxed);
    }
}

/// The payload address of a dead or live instance body, for the collector's tracing.
///
/// # Safety
/// `body` is the body of an `hpy_instance`.
pub(crate) unsafe fn payload_of_body<'a>(body: *mut u8) -> &'a Payload {
    // SAFETY: as in `payload`.
    unsafe { &*(*(body as *const u64).add(W_PAYLOAD) as *const Payload) }
}

// ------------------------------------------------------------------ descriptors

/// What a descriptor describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DescrKind {
    Member,
    GetSet,
}

/// A member or get/set descriptor of `owner`, entry `index` of its list.
pub(crate) fn new_descr<'h>(
    a: &Alloc<'h>,
    descr_type: gc::RawRef,
    owner: ObjRef<'_>,
    name: &str,
    kind: DescrKind,
    index: usize,
) -> PyResult<ObjRef<'h>> {
    let d = a.object(a.kinds().hpy_descr, descr_type, W_INDEX + 1)?;
    let n = pystr::new(a, name)?;
    a.set(d, W_OWNER, Some(owner));
    a.set(d, W_DNAME, Some(n));
    let k = match kind {
        DescrKind::Member => 0,
        DescrKind::GetSet => 1,
    };
    d.set_word(W_INDEX, crate::objects::tag(((index as u64) << 1) | k));
    Ok(d)
}

pub(crate) fn descr_owner(d: ObjRef<'_>) -> ObjRef<'_> {
    d.get_ref(W_OWNER).expect("descriptors have an owner")
}

pub(crate) fn descr_name(d: ObjRef<'_>) -> &str {
    pystr::as_str(d.get_ref(W_DNAME).expect("descriptors have a name"))
}

pub(crate) fn descr_entry(d: ObjRef<'_>) -> (DescrKind, usize) {
    let w = crate::objects::untag(d.word(W_INDEX));
    let kind = if w & 1 == 0 {
        DescrKind::Member
    } else {
        DescrKind::GetSet
    };
    (kind, (w >> 1) as usize)
}

// ------------------------------------------------------------------ builtin shapes

/// Payloads of instances of builtin shapes other than Object (subtypes of int, float, str,
/// tuple, list), keyed by the instance's identity number.
///
/// Such an instance is a real int/str/… object: its body has exactly the builtin kind's
/// layout (so every runtime path that reads an int or a str keeps working) and only its type
/// word differs. There is no spare word for a payload pointer in those layouts, and adding
/// one to every int and str would cost every builtin object a word, so the payload lives in
/// this side table instead. The key is the identity number (`ops::identity`), stored in the
/// object's `id` word: it is assigned once, moves with the object and is never reused, so
/// the lookup stays right however often the object moves. The object is registered with the
/// heap as owning something external; when it dies, [`free_shaped`] reads the identity from
/// its last copy, calls `tp_destroy` and frees the struct, exactly once.
///
/// The runtime is single-threaded; the mutex only satisfies `static`.
static SHAPED: std::sync::Mutex<Option<HashMap<u64, usize>>> = std::sync::Mutex::new(None);

fn shaped_table<R>(f: impl FnOnce(&mut HashMap<u64, usize>) -> R) -> R {
    let mut g = SHAPED.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(HashMap::new))
}

/// Gives `o` (a fresh builtin-kind object whose type word is already the extension type) a
/// zeroed payload of `size` bytes and registers it as owning it.
pub(crate) fn attach_shaped(
    a: &Alloc<'_>,
    o: ObjRef<'_>,
    size: usize,
    destroy: usize,
) -> PyResult<()> {
    let data = if size == 0 {
        std::ptr::null_mut()
    } else {
        // SAFETY: calloc with a non-zero size; checked for null below.
        let p = unsafe { libc::calloc(1, size) } as *mut u8;
        if p.is_null() {
            crate::error::note_alloc_failure(format!("cannot allocate a payload of {size} bytes"));
            return Err(crate::error::Raised);
        }
        PAYLOADS_ALLOCATED.fetch_add(1, Ordering::Relaxed);
        p
    };
    let pl = Box::new(Payload {
        data,
        destroy,
        traverse: 0,
        call: 0,
    });
    let id = crate::ops::identity(a, o);
    shaped_table(|t| t.insert(id, Box::into_raw(pl) as usize));
    a.heap.register_external(o);
    Ok(())
}

/// The payload struct of a live builtin-shape instance (null if it has none).
pub(crate) fn shaped_data(o: ObjRef<'_>) -> *mut u8 {
    let w = o.word(crate::objects::W_ID);
    if w == 0 {
        return std::ptr::null_mut();
    }
    let id = crate::objects::untag(w);
    match shaped_table(|t| t.get(&id).copied()) {
        // SAFETY: the entry holds the Box leaked in `attach_shaped`, removed and freed only
        // when the object dies.
        Some(p) => unsafe { (*(p as *const Payload)).data },
        None => std::ptr::null_mut(),
    }
}

/// `tp_destroy`, then frees the payload of a dead builtin-shape instance.
///
/// # Safety
/// `body` is the body (last copy) of a builtin-kind object registered by `attach_shaped`
/// that died; called once.
pub(crate) unsafe fn free_shaped(body: *mut u8) {
    // SAFETY: every object body starts with the type and id words.
    let w = unsafe { *(body as *const u64).add(crate::objects::W_ID) };
    let id = crate::objects::untag(w);
    let Some(p) = shaped_table(|t| t.remove(&id)) else {
        return;
    };
    // SAFETY: the Box leaked in `attach_shaped`, removed from the table above: freed once.
    unsafe { free_payload(*Box::from_raw(p as *mut Payload)) };
}
