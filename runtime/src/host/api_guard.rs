//! Where extension code may call the HPy API from: the runtime's own thread, outside the
//! collector's callbacks.
//!
//! `tp_traverse`, `tp_destroy` and capsule destructors get no context (HPy's rule): they
//! run inside a collection, when the heap is in the middle of being copied, so a context
//! call from one of them (through a context pointer saved somewhere) would re-enter the
//! collector or read half-moved objects. The runtime is single-threaded: a call from
//! another thread would race with everything. Both are fatal errors with a message saying
//! so, checked on entry to every context function (one thread-local load and a compare).

use std::cell::Cell;

/// This thread has no runtime.
const NO_RUNTIME: u8 = 0;
/// The runtime's thread, where the API may be called.
const OPEN: u8 = 1;

/// What is running on the runtime's thread when the API must not be called.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Callback {
    Traverse = 2,
    Destroy = 3,
    CapsuleDestructor = 4,
}

thread_local! {
    static STATE: Cell<u8> = const { Cell::new(NO_RUNTIME) };
}

/// The runtime was created (true) or destroyed (false) on this thread.
pub(crate) fn runtime_on_this_thread(yes: bool) {
    STATE.with(|s| s.set(if yes { OPEN } else { NO_RUNTIME }));
}

/// Checks that `func` (a context function) may run here; stops the process otherwise.
#[inline(always)]
pub(crate) fn check(func: &str) {
    let s = STATE.with(Cell::get);
    if s != OPEN {
        misuse(func, s);
    }
}

#[cold]
#[inline(never)]
fn misuse(func: &str, s: u8) -> ! {
    let msg = match s {
        NO_RUNTIME => format!(
            "{func} was called from a thread that is not the runtime's: hpymove runs \
             extension code on one thread, and the HPy context may only be used there"
        ),
        _ => {
            let what = match s {
                x if x == Callback::Traverse as u8 => "tp_traverse",
                x if x == Callback::Destroy as u8 => "tp_destroy",
                _ => "a capsule destructor",
            };
            format!(
                "{func} was called from {what}, which runs inside a collection and gets no \
                 context: it must not call the HPy API (HPy's rule; do such work in \
                 tp_finalize, or before the last reference goes)"
            )
        }
    };
    crate::host::fatal::fatal(&msg)
}

/// Marks `cb` as running on this thread until the guard is dropped.
pub(crate) struct During(u8);

impl During {
    #[inline(always)]
    pub(crate) fn new(cb: Callback) -> During {
        During(STATE.with(|s| s.replace(cb as u8)))
    }
}

impl Drop for During {
    #[inline(always)]
    fn drop(&mut self) {
        STATE.with(|s| s.set(self.0));
    }
}
