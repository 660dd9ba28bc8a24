//! Extension-defined types (`HPyType_FromSpec`) and their instances.
//!
//! An instance of a pure HPy type with the Object shape is `[type, id, | payload]`: the
//! part that moves holds the type and a pointer to a [`Payload`] outside the heap: a header
//! followed by the C struct (`basicsize` bytes, zeroed, never moved). `HPy_AsStruct` returns that
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

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{str as pystr, W_DATA};

pub(crate) const W_PAYLOAD: usize = W_DATA;
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

/// Bytes of payload structs allocated so far (`basicsize` plus the header), which the
/// collector counts as memory held outside the heap (`host/pressure.rs`).
pub(crate) static PAYLOAD_BYTES_ALLOCATED: AtomicUsize = AtomicUsize::new(0);

/// Counts one more: a load and a store, not a locked add, since only the runtime's thread
/// allocates and frees payloads.
#[inline]
fn bump(counter: &AtomicUsize) {
    counter.store(counter.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
}

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
    pub(crate) slots: crate::objects::slottable::SlotTable,
    pub(crate) members: Vec<Member>,
    pub(crate) getsets: Vec<GetSet>,
    /// Offset of the `__vectorcalloffset__` member, if declared.
    pub(crate) vectorcall_offset: Option<usize>,
}

impl ExtType {
    /// What a payload of this type needs: (size, tp_destroy, tp_traverse, has tp_finalize).
    pub(crate) fn payload_slots(&self) -> (usize, usize, usize, bool) {
        (
            self.basicsize,
            self.slot(hpy_abi::HPy_tp_destroy).unwrap_or(0),
            self.slot(hpy_abi::HPy_tp_traverse).unwrap_or(0),
            self.slot(hpy_abi::HPy_tp_finalize).is_some(),
        )
    }

    pub(crate) fn slot(&self, s: hpy_abi::HPySlot_Slot) -> Option<usize> {
        self.slots.get(s)
    }
}

/// The non-moving part of an instance: this header, then the C struct, in one zeroed
/// allocation. The collector reads `traverse` and then the fields of the struct: keeping
/// them in neighbouring cache lines makes that one memory access, not two (a separate
/// header cost a cache miss per object, most of a collection's time on a graph of
/// extension objects).
#[derive(Debug)]
#[repr(C)]
pub(crate) struct Payload {
    /// `tp_destroy` of the instance's type.
    pub(crate) destroy: usize,
    /// Set by `HPy_SetCallFunction`: the instance's own call implementation.
    pub(crate) call: usize,
    /// Where `HPyField_Store` wrote inside `data` (for reports, and for debug mode's check
    /// of the `tp_traverse` contract).
    pub(crate) fields: FieldOffsets,
    /// `basicsize`: the size of the C struct.
    size: usize,
    /// `tp_traverse` of the instance's type (reached by the collector).
    pub(crate) traverse: usize,
    /// The C struct (`basicsize` bytes, zeroed at creation) right after this header; null
    /// when `basicsize` is 0.
    pub(crate) data: *mut u8,
    /// In debug and poison modes, when the payload has pages of its own (`crate::host::guarded`),
    /// made inaccessible rather than freed when the object dies: what a report says of it.
    guarded: Option<Box<GuardInfo>>,
}

/// What a report of a stale payload pointer says about the payload.
#[derive(Debug)]
struct GuardInfo {
    type_name: Box<str>,
    /// Debug mode: the C stack where the object was created, and the collection count.
    created: (crate::host::debug::Stack, u64),
}

/// Debug mode: records where the object owning `p` was created (the C stack now, after
/// `collection` collections).
pub(crate) fn note_created(p: &mut Payload, stack: crate::host::debug::Stack, collection: u64) {
    if let Some(g) = p.guarded.as_deref_mut() {
        g.created = (stack, collection);
    }
}

/// Bytes before the C struct (a multiple of 16, the struct's alignment as malloc's).
const HEADER: usize = std::mem::size_of::<Payload>().next_multiple_of(16);

fn payload_layout(size: usize) -> std::alloc::Layout {
    std::alloc::Layout::from_size_align(HEADER + size, 16).expect("payload size fits")
}

/// A new payload with a zeroed C struct of `size` bytes (a pending MemoryError if the
/// memory is not there).
fn alloc_payload(
    size: usize,
    destroy: usize,
    traverse: usize,
    ty: ObjRef<'_>,
) -> PyResult<*mut Payload> {
    if size > isize::MAX as usize / 2 {
        crate::error::note_alloc_failure(format!("cannot allocate a payload of {size} bytes"));
        return Err(crate::error::Raised);
    }
    let (p, guarded) = match crate::host::guarded::alloc(HEADER + size) {
        // Zeroed pages, aligned to a page.
        Some(p) => (
            p as *mut Payload,
            Some(Box::new(GuardInfo {
                type_name: crate::objects::types::data(ty)
                    .tp_name
                    .clone()
                    .into_boxed_str(),
                created: (Box::new([]), 0),
            })),
        ),
        // SAFETY: a non-zero size (HEADER > 0) and a valid alignment; checked below.
        None => (
            unsafe { std::alloc::alloc_zeroed(payload_layout(size)) } as *mut Payload,
            None,
        ),
    };
    if p.is_null() {
        crate::error::note_alloc_failure(format!("cannot allocate a payload of {size} bytes"));
        return Err(crate::error::Raised);
    }
    let data = if size == 0 {
        std::ptr::null_mut()
    } else {
        bump(&PAYLOADS_ALLOCATED);
        let total = PAYLOAD_BYTES_ALLOCATED.load(Ordering::Relaxed);
        PAYLOAD_BYTES_ALLOCATED.store(total.wrapping_add(HEADER + size), Ordering::Relaxed);
        // SAFETY: the struct follows the header inside the same allocation.
        unsafe { (p as *mut u8).add(HEADER) }
    };
    // SAFETY: `p` is valid for writes of a `Payload` (aligned to 16, HEADER bytes).
    unsafe {
        p.write(Payload {
            destroy,
            call: 0,
            fields: FieldOffsets::default(),
            size,
            traverse,
            data,
            guarded,
        })
    };
    Ok(p)
}

/// The byte offsets of a payload that received an `HPyField_Store`: a bit per 8-byte word
/// for the first 512 bytes (a store costs one `or`), a short sorted list beyond.
#[derive(Debug, Default, Clone)]
pub(crate) struct FieldOffsets {
    low: u64,
    high: Vec<usize>,
}

impl FieldOffsets {
    pub(crate) fn record(&mut self, offset: usize) {
        if offset < 512 && offset.is_multiple_of(8) {
            self.low |= 1 << (offset / 8);
        } else if let Err(i) = self.high.binary_search(&offset) {
            self.high.insert(i, offset);
        }
    }

    /// Every recorded offset, in increasing order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let low = self.low;
        (0..64)
            .filter(move |i| low & (1 << i) != 0)
            .map(|i| i * 8)
            .chain(self.high.iter().copied())
    }
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
    let p = alloc_payload(size, destroy, traverse, ty)?;
    o.set_word(W_PAYLOAD, p as u64);
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
    // SAFETY: the word holds the payload made in `new_instance`, freed only when the object
    // dies; the runtime is single-threaded and callers do not keep the reference across
    // calls into extension code.
    unsafe { &mut *(o.word(W_PAYLOAD) as *mut Payload) }
}

/// Calls `tp_destroy` on the payload of a dead instance, then frees it.
///
/// # Safety
/// `body` is the body of an instance that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the payload made in `new_instance`, freed only here, once.
    unsafe { free_payload(*(body as *const u64).add(W_PAYLOAD) as *mut Payload) };
}

/// Calls `tp_destroy` on a payload, then frees it.
///
/// # Safety
/// `p` came from `alloc_payload` and belongs to an instance that died; called once.
unsafe fn free_payload(p: *mut Payload) {
    // SAFETY: forwarded from the caller: `p` is a live payload, read then freed here.
    unsafe {
        let (destroy, data, size) = ((*p).destroy, (*p).data, (*p).size);
        if destroy != 0 {
            let _no_api =
                crate::host::api_guard::During::new(crate::host::api_guard::Callback::Destroy);
            type Destroy = unsafe extern "C" fn(*mut c_void);
            // The type's `tp_destroy` has the `HPyFunc_destroyfunc` signature; it gets no
            // context and must not call the API (HPy's rule).
            std::mem::transmute::<usize, Destroy>(destroy)(data.cast());
        }
        if !data.is_null() {
            bump(&PAYLOADS_FREED);
        }
        let guarded = (*p).guarded.take();
        std::ptr::drop_in_place(p);
        match guarded {
            Some(info) => {
                let GuardInfo { type_name, created } = *info;
                let origin = crate::host::guarded::Origin::Payload {
                    type_name: type_name.into(),
                    created,
                    // Freed during the collection after the last one counted.
                    destroyed: crate::host::crash::collections() + 1,
                };
                let kind = crate::host::guarded::Kind::Payload;
                crate::host::guarded::release(p as *mut u8, HEADER + size, kind, Some(origin));
            }
            None => std::alloc::dealloc(p as *mut u8, payload_layout(size)),
        }
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
    /// A name of a Python class's `__slots__` (`interp/slots.rs`): the value lives in
    /// the instance, under the name.
    Slot,
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
        DescrKind::Slot => 2,
    };
    d.set_word(W_INDEX, crate::objects::tag(((index as u64) << 2) | k));
    Ok(d)
}

pub(crate) fn descr_owner(d: ObjRef<'_>) -> ObjRef<'_> {
    d.get_ref(W_OWNER).expect("descriptors have an owner")
}

/// The descriptor's name as a str object.
pub(crate) fn descr_name_obj(d: ObjRef<'_>) -> ObjRef<'_> {
    d.get_ref(W_DNAME).expect("descriptors have a name")
}

/// The owner's name in a descriptor's messages and repr: a Python class's `__name__`,
/// an extension type's `tp_name`.
pub(crate) fn descr_owner_name(d: ObjRef<'_>) -> String {
    let owner = descr_owner(d);
    if crate::objects::types::data(owner).py {
        crate::objects::types::name(owner).to_string()
    } else {
        crate::objects::types::data(owner).tp_name.clone()
    }
}

pub(crate) fn descr_name(d: ObjRef<'_>) -> &str {
    pystr::as_str(d.get_ref(W_DNAME).expect("descriptors have a name"))
}

pub(crate) fn descr_entry(d: ObjRef<'_>) -> (DescrKind, usize) {
    let w = crate::objects::untag(d.word(W_INDEX));
    let kind = match w & 3 {
        0 => DescrKind::Member,
        1 => DescrKind::GetSet,
        _ => DescrKind::Slot,
    };
    (kind, (w >> 2) as usize)
}

// ------------------------------------------------------------------ builtin shapes

/// Payloads of instances of builtin shapes other than Object (subtypes of int, float, str,
/// tuple, list, dict, and types whose metaclass is a Type-shaped extension type), keyed by
/// the instance's identity number.
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
///
/// Dicts and types own Rust memory of their own and are registered as external already
/// when they are made (`register` false): registering them twice would drop them twice,
/// so the runtime's sweep frees a dead dict's or type's payload with its own part.
pub(crate) fn attach_shaped(
    a: &Alloc<'_>,
    o: ObjRef<'_>,
    size: usize,
    destroy: usize,
    traverse: usize,
    register: bool,
) -> PyResult<()> {
    let pl = alloc_payload(size, destroy, traverse, crate::objects::type_of(o))?;
    let id = crate::objects::ops::identity(a, o);
    shaped_table(|t| t.insert(id, pl as usize));
    if register {
        a.heap.register_external(o);
    }
    Ok(())
}

/// Gives `o` (a builtin-shape object: an instance, or a type whose metaclass is `e`) a
/// zeroed payload of extension type `e`, registered for finalization if `e` has
/// `tp_finalize`; `register`: whether `o` must be registered as owning it (a dict or a
/// type already is).
pub(crate) fn attach_payload(
    a: &Alloc<'_>,
    o: ObjRef<'_>,
    e: &ExtType,
    register: bool,
) -> PyResult<()> {
    let (size, destroy, traverse, finalize) = e.payload_slots();
    attach_shaped(a, o, size, destroy, traverse, register)?;
    if finalize {
        a.heap.register_finalizer(o);
    }
    Ok(())
}

/// The payload of a builtin-shape instance, if it has one.
///
/// # Safety
/// `body` is the body of a live object (or of its copy being scanned by a collection).
pub(crate) unsafe fn shaped_payload<'a>(body: *mut u8) -> Option<&'a mut Payload> {
    // SAFETY: every object body starts with the type and id words.
    let w = unsafe { *(body as *const u64).add(crate::objects::W_ID) };
    if w == 0 {
        return None;
    }
    let id = crate::objects::untag(w);
    let p = shaped_table(|t| t.get(&id).copied())?;
    // SAFETY: the entry holds the payload made in `attach_shaped`, removed and freed only when
    // the object dies; the runtime is single-threaded and callers do not keep the
    // reference across calls into extension code.
    Some(unsafe { &mut *(p as *mut Payload) })
}

/// The C struct of any extension-type instance (`HPy_AsStruct`); null for an object
/// without one.
pub(crate) fn data_of(kinds: &crate::objects::Kinds, o: ObjRef<'_>) -> *mut u8 {
    payload_of(kinds, o).map_or(std::ptr::null_mut(), |p| p.data)
}

/// The payload of any extension-type instance: an Object-shape instance or an instance of
/// a builtin shape with a payload.
pub(crate) fn payload_of<'a>(
    kinds: &crate::objects::Kinds,
    o: ObjRef<'a>,
) -> Option<&'a mut Payload> {
    if o.kind() == kinds.hpy_instance {
        Some(payload(o))
    } else {
        // SAFETY: `o` is live.
        unsafe { shaped_payload(o.body()) }
    }
}

/// `tp_destroy`, then frees the payload of a dead builtin-shape instance.
///
/// # Safety
/// `body` is the body (last copy) of a builtin-kind object that died, called once for it
/// (a no-op when it has no payload).
pub(crate) unsafe fn free_shaped(body: *mut u8) {
    // SAFETY: every object body starts with the type and id words.
    let w = unsafe { *(body as *const u64).add(crate::objects::W_ID) };
    if w == 0 {
        // No identity number: never given a payload (most dead dicts and types).
        return;
    }
    let id = crate::objects::untag(w);
    let Some(p) = shaped_table(|t| t.remove(&id)) else {
        return;
    };
    // SAFETY: the payload made in `attach_shaped`, removed from the table above: freed once.
    unsafe { free_payload(p as *mut Payload) };
}
