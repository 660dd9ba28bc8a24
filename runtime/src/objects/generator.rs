//! Generators: `[type, id, name, qualname, | state]`. The state ([`GenState`]) lives in
//! Rust memory (a leaked `Box`, freed when the generator dies): the generator's own rooted
//! value stack and frames while it is suspended, and its machine stack (see `coro.rs`)
//! while it is running or suspended. The layout is `Custom`: the collector asks the
//! runtime (`Roots::trace_object`) for the three reference words and for the values on the
//! suspended generator's stack.

use std::rc::Rc;

use gc::{GcObject, ObjRef, RawRef, Tracer};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::code::Code;
use crate::objects::code::FrameInfo;
use crate::objects::coro::Stack;
use crate::objects::W_DATA;

pub(crate) const W_NAME: usize = W_DATA;
pub(crate) const W_QUALNAME: usize = W_DATA + 1;
const W_STATE: usize = W_DATA + 2;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Status {
    /// Made by a call, body not started.
    Created,
    /// Stopped at a `yield`.
    Suspended,
    Running,
    /// Returned, raised, or closed: never runs again.
    Finished,
}

/// How the body last gave control back to its resumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Yielded the value in `Roots::gen_transfer`.
    Yielded,
    /// Returned the value in `Roots::gen_transfer`.
    Returned,
    /// Raised the pending exception.
    Raised,
    /// A Rust panic, caught at the coroutine's entry, to be resumed in the resumer.
    Panicked,
}

pub(crate) struct GenState {
    pub(crate) code: Rc<Code>,
    pub(crate) status: Status,
    /// The generator's rooted value stack while it is not running (its frame is at 0).
    pub(crate) stack: Vec<RawRef>,
    /// Its frames while suspended (one: a `yield` is in the generator's own frame).
    pub(crate) frames: Vec<FrameInfo>,
    /// Exceptions its `except` clauses were handling when it yielded.
    pub(crate) handling: Vec<RawRef>,
    /// The machine stack, from the first resume until the body ends.
    pub(crate) machine: Option<Stack>,
    /// The coroutine's saved stack pointer (while suspended), and the resumer's (while
    /// running).
    pub(crate) sp: *mut u8,
    pub(crate) resumer_sp: *mut u8,
    /// The resume delivers the pending exception instead of a value.
    pub(crate) throwing: bool,
    pub(crate) outcome: Outcome,
    pub(crate) panic: Option<Box<dyn std::any::Any + Send>>,
    /// The runtime, for the coroutine's entry.
    pub(crate) st: *mut crate::state::State,
    /// Registered for finalization (at its first suspension).
    pub(crate) finalizable: bool,
    /// While it runs: the index in `Interp::frames` of its first frame (those below are
    /// its resumer's, whose value stack is stashed).
    pub(crate) frames_mark: usize,
}

/// A new generator running `code` over the bound frame `stack` (`[globals, ret, fast…,
/// cells…]`); `name` and `qualname` are str objects (current: no safepoint since read).
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    code: Rc<Code>,
    stack: Vec<RawRef>,
    name: RawRef,
    qualname: RawRef,
) -> PyResult<ObjRef<'h>> {
    let g = a.object(a.kinds().generator, a.b.generator_type, W_STATE + 1)?;
    g.set_word(W_NAME, name.addr() as u64);
    g.set_word(W_QUALNAME, qualname.addr() as u64);
    let st = Box::new(GenState {
        code,
        status: Status::Created,
        stack,
        frames: Vec::new(),
        handling: Vec::new(),
        machine: None,
        sp: std::ptr::null_mut(),
        resumer_sp: std::ptr::null_mut(),
        throwing: false,
        outcome: Outcome::Yielded,
        panic: None,
        st: std::ptr::null_mut(),
        finalizable: false,
        frames_mark: 0,
    });
    g.set_word(W_STATE, Box::into_raw(st) as u64);
    a.heap.register_external(g);
    Ok(g)
}

/// The state of live generator `g`. It stays at this address until the generator dies.
pub(crate) fn state(g: ObjRef<'_>) -> *mut GenState {
    g.word(W_STATE) as *mut GenState
}

pub(crate) fn qualname(g: ObjRef<'_>) -> ObjRef<'_> {
    g.get_ref(W_QUALNAME).expect("generators have a qualname")
}

/// The generator attributes scripts read: `__name__`, `__qualname__`, `gi_running`
/// (`true`/`false` are the bool singletons).
pub(crate) fn attribute(
    g: ObjRef<'_>,
    name: &str,
    true_: RawRef,
    false_: RawRef,
) -> Option<RawRef> {
    match name {
        "__name__" => g.get_ref(W_NAME).map(|v| v.raw()),
        "__qualname__" => g.get_ref(W_QUALNAME).map(|v| v.raw()),
        "gi_running" => {
            // SAFETY: the state of a live generator, only read.
            let running = unsafe { (*state(g)).status == Status::Running };
            Some(if running { true_ } else { false_ })
        }
        _ => None,
    }
}

/// Reports the references of generator `obj` (being scanned) to the collector.
pub(crate) fn trace(obj: GcObject, t: &mut Tracer<'_>) {
    // SAFETY: the object is being scanned: its type, name and qualname words are readable
    // and writable reference words.
    unsafe {
        t.edge_at(obj.slot(0));
        t.edge_at(obj.slot(W_NAME));
        t.edge_at(obj.slot(W_QUALNAME));
    }
    let p = obj.word(W_STATE) as *mut GenState;
    // SAFETY: the state is owned by this live object and nothing else uses it during the
    // collection (collections never run in the middle of a resume's bookkeeping).
    let s = unsafe { &mut *p };
    for v in s.stack.iter_mut().chain(s.handling.iter_mut()) {
        if !v.is_null() {
            t.edge(v);
        }
    }
}

/// Frees the state of a dead generator. A generator that dies suspended was closed by its
/// finalizer first; one the finalizer did not finish (it ignored `GeneratorExit` again
/// after being resurrected) gives its machine stack back without unwinding it: what its
/// Rust frames own is leaked, never used.
///
/// # Safety
/// `body` is the body of a generator that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `new`, released only here.
    let s = unsafe { Box::from_raw(*(body as *const u64).add(W_STATE) as *mut GenState) };
    let mut s = *s;
    if let Some(m) = s.machine.take() {
        crate::objects::coro::give_stack(m);
    }
}

/// What a resume produced.
pub(crate) enum Resumed {
    /// The body yielded this value (valid until the next safepoint).
    Yield(RawRef),
    /// The body returned this value (or had finished already: None).
    Return(RawRef),
}
