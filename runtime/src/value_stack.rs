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

/// An operand kept in a slot of the value stack: what the protocol functions receive
/// (`getitem`, `binary_op`, `compare`, `getattr`…) in place of an address.
///
/// The slot is a root, so a collection rewrites it; the address is read through it at the
/// moment of use (`x.get(st)`), or borrowed with the state (`x.obj(st)`), and a callee
/// cannot read its operand from before a call that may collect, because it never had it.
/// Who creates the slot drops it: the evaluator's operands are already in slots, a
/// native's arguments too (`Args::rooted`), and [`State::rooting2`] and its siblings root
/// plain addresses for the duration of one call.
///
/// An `ObjRef` read through the slot borrows the state, so it cannot be kept across a call
/// that may collect:
///
/// ```compile_fail,E0502
/// use hpymove_runtime::convention_check::{Rooted, State};
/// fn kind_after_collect(st: &mut State, x: Rooted) -> u16 {
///     let o = x.obj(st);
///     st.collect_now();
///     o.kind().0
/// }
/// ```
///
/// Read through the slot again after the call, it compiles:
///
/// ```
/// use hpymove_runtime::convention_check::{Rooted, State};
/// fn kind_after_collect(st: &mut State, x: Rooted) -> u16 {
///     let _ = x.obj(st);
///     st.collect_now();
///     x.obj(st).kind().0
/// }
/// ```
///
/// A protocol function takes the slot, not an address: passing an address that may have
/// gone stale does not compile.
///
/// ```compile_fail,E0308
/// use hpymove_runtime::convention_check::{getitem, Rooted, State};
/// fn second(st: &mut State, seq: Rooted, key: Rooted) {
///     let s = seq.get(st);
///     let _ = getitem(st, s, key);
/// }
/// ```
///
/// ```
/// use hpymove_runtime::convention_check::{getitem, Rooted, State};
/// fn second(st: &mut State, seq: Rooted, key: Rooted) {
///     let _ = getitem(st, seq, key);
/// }
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Rooted(u32);

impl Rooted {
    /// The slot `i` of the value stack (one the caller pushed and still owns).
    #[inline]
    pub(crate) fn slot(i: usize) -> Rooted {
        Rooted(i as u32)
    }

    /// The slot's index on the value stack (for code that addresses slots by index).
    #[inline]
    pub(crate) fn slot_index(self) -> usize {
        self.0 as usize
    }

    /// The object's address as it is now: valid until the next call that may collect.
    #[inline]
    pub fn get(self, st: &State) -> RawRef {
        st.roots.stack[self.0 as usize]
    }

    /// The object as it is now, borrowing the state.
    #[inline]
    pub fn obj(self, st: &State) -> gc::ObjRef<'_> {
        st.obj(st.roots.stack[self.0 as usize])
    }

    /// Replaces the object in the slot.
    #[inline]
    pub(crate) fn set(self, st: &mut State, r: RawRef) {
        st.roots.stack[self.0 as usize] = r;
    }
}

impl State {
    /// Roots `r` in a new slot; the caller drops it (`truncate`, `pinning`).
    #[inline]
    pub(crate) fn root(&mut self, r: RawRef) -> Rooted {
        Rooted::slot(self.push(r))
    }

    /// Runs `f` with `a` rooted, and drops the slot after.
    #[inline]
    pub(crate) fn rooting1<T>(
        &mut self,
        a: RawRef,
        f: impl FnOnce(&mut State, Rooted) -> PyResult<T>,
    ) -> PyResult<T> {
        let mark = self.roots.stack.len();
        let a = self.root(a);
        let r = f(self, a);
        self.roots.stack.truncate(mark);
        r
    }

    /// Runs `f` with `a` and `b` rooted, and drops the slots after.
    #[inline]
    pub(crate) fn rooting2<T>(
        &mut self,
        a: RawRef,
        b: RawRef,
        f: impl FnOnce(&mut State, Rooted, Rooted) -> PyResult<T>,
    ) -> PyResult<T> {
        let mark = self.roots.stack.len();
        let (a, b) = (self.root(a), self.root(b));
        let r = f(self, a, b);
        self.roots.stack.truncate(mark);
        r
    }

    /// Runs `f` with `a`, `b` and `c` rooted, and drops the slots after.
    #[inline]
    pub(crate) fn rooting3<T>(
        &mut self,
        a: RawRef,
        b: RawRef,
        c: RawRef,
        f: impl FnOnce(&mut State, Rooted, Rooted, Rooted) -> PyResult<T>,
    ) -> PyResult<T> {
        let mark = self.roots.stack.len();
        let (a, b, c) = (self.root(a), self.root(b), self.root(c));
        let r = f(self, a, b, c);
        self.roots.stack.truncate(mark);
        r
    }
}
