//! The rooted value stack (`Roots::stack`): where every layer keeps the objects it still
//! needs across a call that may collect.
//!
//! Any call may reach a safepoint, and a collection moves every object; an address held in
//! a Rust local is then stale. A slot of this stack is a root the collector rewrites, so
//! code pushes what it must keep (`push` returns the slot), reads it back through the slot
//! at the moment of use (`at`), and drops its slots when done (`truncate` to the height it
//! found, or `pinning`, which does that on every exit). It belongs to the composition root
//! because every layer uses it: the evaluator's operands, a native's arguments
//! (`objects/args.rs`), the protocols' intermediate results.

use gc::RawRef;

use crate::error::PyResult;
use crate::state::State;

impl State {
    /// Roots `r`; returns its slot.
    #[inline]
    pub(crate) fn push(&mut self, r: RawRef) -> usize {
        self.roots.stack.push(r);
        self.roots.stack.len() - 1
    }

    /// The current address of the object in slot `i`.
    #[inline]
    pub(crate) fn at(&self, i: usize) -> RawRef {
        self.roots.stack[i]
    }

    /// Replaces the object in slot `i`.
    #[inline]
    pub(crate) fn set_at(&mut self, i: usize, r: RawRef) {
        self.roots.stack[i] = r;
    }

    /// Drops every slot from `len` up.
    #[inline]
    pub(crate) fn truncate(&mut self, len: usize) {
        self.roots.stack.truncate(len);
    }

    /// Runs `f` with the stack's height as it was on entry, and drops whatever `f` pushed
    /// (on success and on error alike).
    #[inline]
    pub(crate) fn pinning<T>(
        &mut self,
        f: impl FnOnce(&mut State, usize) -> PyResult<T>,
    ) -> PyResult<T> {
        let mark = self.roots.stack.len();
        let r = f(self, mark);
        self.roots.stack.truncate(mark);
        r
    }
}
