//! Finalization: `tp_finalize(ctx, h)` of objects the last collection found dead, the
//! closing of generators found unreachable while suspended (`interp/generators.rs`), and
//! the release of buffers exported to memoryviews that died unreleased (`host/buffer.rs`).
//!
//! The collector keeps such an object alive (with everything it reaches) and queues it;
//! the runtime runs the finalizer after the collection, at the safepoint that collected,
//! where no raw reference is held (DESIGN.md, "The heap"). Each object is finalized once
//! (PEP 442, as CPython does): a finalizer may resurrect its object by storing it
//! somewhere; when the object dies again, only `tp_destroy` runs. An exception raised by a
//! finalizer is printed as CPython's unraisable hook does and does not disturb the
//! exception the interrupted code may have pending.

use std::io::Write;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_tp_finalize};

use crate::objects::{type_of, types};
use crate::state::State;

type Finalize = unsafe extern "C" fn(*mut HPyContext, HPy);

/// At most this many collections per `gc.collect()`: each round finalizes objects the
/// previous one found dead, and every object is finalized at most once.
const MAX_ROUNDS: usize = 8;

impl State {
    /// Runs every queued finalizer (not recursively: a collection inside a finalizer
    /// leaves what it queues to the loop already running). Returns how many ran.
    pub(crate) fn run_finalizers(&mut self) -> usize {
        if self.finalizing {
            return 0;
        }
        self.finalizing = true;
        let mut n = 0;
        while let Some(root) = self.heap.pop_finalizable() {
            let obj = self.heap.get(&root).raw();
            self.heap.unroot(root);
            if self.up_finalize_generator(obj) || self.finalize_managed_buffer(obj) {
                n += 1;
                continue;
            }
            let f = types::ext(type_of(self.obj(obj))).and_then(|e| e.slot(HPy_tp_finalize));
            if let Some(f) = f {
                self.finalize_one(obj, f);
                n += 1;
            }
        }
        self.finalizing = false;
        n
    }

    fn finalize_one(&mut self, obj: RawRef, f: usize) {
        let h = self.roots.handles.open(obj);
        // The finalizer runs with no exception set; the interrupted code's one is kept.
        let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let saved_h = (!saved.is_null()).then(|| self.roots.handles.open(saved));
        let frame = self.debug().map(|d| d.push_frame("tp_finalize", &[h._i]));
        let ctx = self.ctx_ptr();
        crate::host::crash::while_running(None, "tp_finalize", || {
            // SAFETY: `f` is the type's `HPy_tp_finalize` (`HPyFunc_destructor`
            // signature); `h` is an open handle for the duration of the call.
            unsafe { std::mem::transmute::<usize, Finalize>(f)(ctx, h) }
        });
        if let (Some(id), Some(d)) = (frame, self.debug()) {
            d.pop_frame(id, 0);
        }
        if self.exc_pending() {
            self.write_unraisable();
        }
        if let Some(sh) = saved_h {
            self.roots.exc = self.roots.handles.get(sh).expect("kept open");
            let _ = self.roots.handles.close(sh);
        }
        let _ = self.roots.handles.close(h);
    }

    /// What CPython prints for an exception a finalizer run by the collector raised: it
    /// is reported and cleared, never propagated.
    pub(crate) fn write_unraisable(&mut self) {
        let e = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let text = self.up_format_exception(e);
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "Exception ignored in garbage collection:\n{text}");
        let _ = err.flush();
    }

    /// `gc.collect()`: a full collection, then the weak-reference callbacks and the
    /// finalizers it queued, then another collection so that finalized objects nobody
    /// resurrected are destroyed, and what the callbacks dropped dies, before this
    /// returns (as CPython frees them at once).
    pub(crate) fn full_collect(&mut self) {
        for _ in 0..MAX_ROUNDS {
            self.collect_now();
            let callbacks = self.up_run_weak_callbacks();
            if self.run_finalizers() == 0 && callbacks == 0 {
                break;
            }
        }
    }
}
