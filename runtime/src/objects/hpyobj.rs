//! Extension-defined types (`HPyType_FromSpec`) and their instances.
//!
//! An instance of a pure HPy type with the Object shape is `[type, id, | payload]`: the
//! part that moves holds the type and a pointer to a [`Payload`] outside the heap: a header
//! followed by the C struct (`basicsize` bytes, zeroed, never moved). `HPy_AsStruct` returns that
//! struct, so it stays valid however often the object moves (DESIGN.md, "Non-moving
//! payloads"). The object is registered with the heap as owning something external: when a
//! collection finds it dead, `host/payload.rs` calls the type's `tp_destroy(payload)` (no
//! context) and frees the struct, exactly once. This file holds the layouts; the payloads'
//! allocation and destruction are the host's.
//!
//! The kind's layout is `Custom`: the collector asks the runtime for the references of
//! each instance (the type word, then whatever the type's `tp_traverse` reports inside the
//! payload — the hook that `HPyField` builds on).
//!
//! Descriptors of members and get/set pairs are `[type, id, owner, name, | index]`: the
//! index selects the member or get/set in the owner's [`ExtType`].

use std::collections::HashMap;

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
    pub(crate) size: usize,
    /// `tp_traverse` of the instance's type (reached by the collector).
    pub(crate) traverse: usize,
    /// The C struct (`basicsize` bytes, zeroed at creation) right after this header; null
    /// when `basicsize` is 0.
    pub(crate) data: *mut u8,
    /// In debug and poison modes, when the payload has pages of its own (`host/guarded.rs`),
    /// made inaccessible rather than freed when the object dies: what a report says of it.
    pub(crate) guarded: Option<Box<GuardInfo>>,
}

/// What a report of a stale payload pointer says about the payload.
#[derive(Debug)]
pub(crate) struct GuardInfo {
    pub(crate) type_name: Box<str>,
    /// Debug mode: the C stack where the object was created (return addresses), and the
    /// collection count.
    pub(crate) created: (Box<[usize]>, u64),
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
/// heap as owning something external; when it dies, `host::payload::free_shaped` reads the identity from
/// its last copy, calls `tp_destroy` and frees the struct, exactly once.
///
/// The runtime is single-threaded; the mutex only satisfies `static`.
static SHAPED: std::sync::Mutex<Option<HashMap<u64, usize>>> = std::sync::Mutex::new(None);

/// Runs `f` on the table of builtin-shape objects' payloads (identity -> payload address).
pub(crate) fn shaped_table<R>(f: impl FnOnce(&mut HashMap<u64, usize>) -> R) -> R {
    let mut g = SHAPED.lock().unwrap_or_else(|e| e.into_inner());
    f(g.get_or_insert_with(HashMap::new))
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
