//! The C side of extension objects: the payload structs of extension-type instances,
//! allocated outside the moving heap (`objects/hpyobj.rs` holds their layout), and what runs
//! when their owner dies: the type's `tp_destroy`, then the struct freed, exactly once; a
//! capsule's destructor. These run inside a collection, under the API guard (no context
//! call may come from them), and in debug and poison modes a payload's pages are kept
//! inaccessible instead of freed (`guarded.rs`), so a stale `HPy_AsStruct` pointer is caught.

use std::ffi::c_void;
use std::sync::atomic::{AtomicUsize, Ordering};

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::capsule::{CapsuleData, W_INFO};
use crate::objects::hpyobj::{
    shaped_table, ExtType, FieldOffsets, GuardInfo, Payload, W_INST_DICT, W_PAYLOAD,
};

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

/// Debug mode: records where the object owning `p` was created (the C stack now, after
/// `collection` collections).
pub(crate) fn note_created(p: &mut Payload, stack: crate::host::debug::Stack, collection: u64) {
    if let Some(g) = p.guarded.as_deref_mut() {
        g.created = (stack, collection);
    }
}

/// Bytes before the C struct (a multiple of 16, the struct's alignment as malloc's).
const HEADER: usize = std::mem::size_of::<Payload>().next_multiple_of(16);

/// Rounded up to 16 bytes, so that payloads of nearby sizes share a class of the cache.
fn payload_layout(size: usize) -> std::alloc::Layout {
    std::alloc::Layout::from_size_align((HEADER + size).next_multiple_of(16), 16)
        .expect("payload size fits")
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
    // Without debug or poison mode (the usual case) the guarded allocator is not asked.
    let (p, guarded) = if crate::host::guarded::enabled() {
        alloc_guarded(size, ty)
    } else {
        (
            crate::host::payload_cache::alloc_zeroed(payload_layout(size)) as *mut Payload,
            None,
        )
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

/// [`alloc_payload`]'s block in debug and poison modes: pages of its own from the guarded
/// allocator while it has room, else the system allocator's (never the cache).
#[cold]
#[inline(never)]
fn alloc_guarded(size: usize, ty: ObjRef<'_>) -> (*mut Payload, Option<Box<GuardInfo>>) {
    match crate::host::guarded::alloc(HEADER + size) {
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
        // Guarded payloads beyond the limit of live ones are not reused early: a stale
        // pointer into one should find what the object left, as before.
        None => (
            // SAFETY: a non-zero size (HEADER > 0) and a valid alignment; checked by the
            // caller.
            unsafe { std::alloc::alloc_zeroed(payload_layout(size)) } as *mut Payload,
            None,
        ),
    }
}

/// A new instance of extension type `ty` with a zeroed payload of `size` bytes.
#[inline]
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
            None if crate::host::guarded::enabled() => {
                std::alloc::dealloc(p as *mut u8, payload_layout(size))
            }
            None => crate::host::payload_cache::dealloc(p as *mut u8, payload_layout(size)),
        }
    }
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

/// Runs the destructor of a dead capsule (once), then frees its data.
///
/// # Safety
/// `body` is the body of a capsule that died; called once.
pub(crate) unsafe fn free_capsule(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `new`, freed only here.
    let d = unsafe { Box::from_raw(*(body as *const u64).add(W_INFO) as *mut CapsuleData) };
    if let Some(f) = d.destructor {
        // A panic cannot come out of C code; a C destructor that longjmps or aborts is the
        // extension's business. HPy destructors get no context: they must not call the API.
        let _no_api = crate::host::api_guard::During::new(
            crate::host::api_guard::Callback::CapsuleDestructor,
        );
        // SAFETY: the extension registered `f` with this signature for this capsule.
        unsafe { f(d.name, d.pointer, d.context) };
    }
}
