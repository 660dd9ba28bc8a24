//! The callbacks of weak references whose target died (`objects/weakref.rs`). The
//! collector clears the reference and queues it; the callbacks run here, after the
//! collection, at the safepoint that collected (where Python code may run: no raw
//! reference is held there), and before the finalizers that collection queued, as CPython's
//! collector calls them first. Each is called once with the weak reference as argument;
//! an exception it raises is printed as CPython's unraisable hook does ("Exception ignored
//! in: <callback>") and does not disturb the exception the interrupted code has pending.

use std::io::Write;

use gc::RawRef;

use crate::objects::weakref;
use crate::state::State;
use crate::value_stack::Rooted;

impl State {
    /// Runs the queued callbacks (not recursively: a collection inside a callback leaves
    /// what it queues to the loop already running). Returns how many ran.
    pub(crate) fn run_weak_callbacks(&mut self) -> usize {
        if self.weak_callbacks_running {
            return 0;
        }
        self.weak_callbacks_running = true;
        let mut n = 0;
        loop {
            // One collection's batch, rooted on the stack, called newest first: CPython
            // calls the callbacks of an object's weak references newest first.
            let mut mark = None;
            while let Some(root) = self.heap.pop_weak_cleared() {
                let w = self.heap.get(&root).raw();
                self.heap.unroot(root);
                let i = self.push(w);
                mark.get_or_insert(i);
            }
            let Some(mark) = mark else { break };
            let top = self.roots.stack.len();
            for i in (mark..top).rev() {
                if self.call_weak_callback(self.at(i)) {
                    n += 1;
                }
            }
            self.truncate(mark);
        }
        self.weak_callbacks_running = false;
        n
    }

    /// Calls the callback of the cleared weak reference `w` with `w`, once. False if it
    /// had none.
    fn call_weak_callback(&mut self, w: RawRef) -> bool {
        let wo = self.obj(w);
        let cb = weakref::callback(wo);
        if cb.is_null() {
            return false;
        }
        weakref::clear_callback(wo);
        let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let si = self.push(saved);
        let cbi = self.push(cb);
        if self.call(cb, &[w], &[]).is_err() {
            let e = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
            let ei = self.push(e);
            let what = match self.repr_text_at(Rooted::slot(cbi)) {
                Ok(s) => s,
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    crate::objects::repr::repr_of(self.obj(self.at(cbi)))
                }
            };
            let text = self.format_exception(self.at(ei));
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "Exception ignored in: {what}\n{text}");
            let _ = err.flush();
        }
        self.roots.exc = self.at(si);
        self.truncate(si);
        true
    }
}
