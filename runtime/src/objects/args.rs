//! The arguments of a native (a Rust function that scripts call: `print`, `zip`,
//! `list.index`…), kept rooted for the whole call.
//!
//! Any call that can reach a safepoint (running Python or extension code, `iter`, `next`,
//! `repr`, an allocation followed by a poll) may move every object, after which a plain
//! address of an argument points into a retired space. So `call_native` pushes the
//! receiver, the positional arguments and the keyword values on the interpreter's value
//! stack (`Roots::stack`), which every collection keeps current, and hands the native an
//! [`Args`]: where they are, not what they were.
//!
//! The rule: read an argument through its root at the moment of use
//! (`args.get(st, i)`), and do not keep the address across anything that takes
//! `&mut State` and may run code; when in doubt, read it again. `args.obj(st, i)` borrows
//! the state, so the compiler refuses to keep it across such a call. There is no
//! indexing (`args[0]`) and no slice of addresses: [`Args::snapshot`] is the one
//! explicit way to get them all, for code that roots them itself at once.

use gc::{ObjRef, RawRef};

use crate::state::State;
use crate::value_stack::Rooted;

/// The caller's keyword arguments, of which only the names may be read: the values'
/// addresses were current when the call was made, the rooted copies are on the stack.
#[derive(Clone, Copy)]
struct KwNames<'k>(&'k [(String, RawRef)]);

impl<'k> KwNames<'k> {
    fn len(self) -> usize {
        self.0.len()
    }

    fn name(self, i: usize) -> &'k str {
        &self.0[i].0
    }

    fn position(self, name: &str) -> Option<usize> {
        self.0.iter().position(|(k, _)| k == name)
    }
}

/// A native's receiver, positional and keyword arguments, rooted on the value stack:
/// `[receiver, positional…, keyword value…]`. The receiver is what the native is bound
/// to: null for a method called through its type (`list.append(l, x)`).
///
/// The examples below compile the real types (through `convention_check`). Each
/// `compile_fail` has a twin that compiles and differs only in the mistake, since stable
/// rustdoc does not check the error code it names.
///
/// It cannot be indexed: the address must be read when it is used.
///
/// ```compile_fail,E0608
/// use hpymove_runtime::convention_check::{Args, RawRef, State};
/// fn first(st: &State, args: Args<'_>) -> RawRef {
///     args[0]
/// }
/// ```
///
/// The same, read through its root, compiles:
///
/// ```
/// use hpymove_runtime::convention_check::{Args, RawRef, State};
/// fn first(st: &State, args: Args<'_>) -> RawRef {
///     args.get(st, 0)
/// }
/// ```
///
/// An object reference borrows the state: it cannot be kept across a call that may
/// collect.
///
/// ```compile_fail,E0502
/// use hpymove_runtime::convention_check::{Args, State};
/// fn kind_after_collect(st: &mut State, args: Args<'_>) -> u16 {
///     let o = args.obj(st, 0);
///     st.collect_now();
///     o.kind().0
/// }
/// ```
///
/// Reading it again after the call compiles:
///
/// ```
/// use hpymove_runtime::convention_check::{Args, State};
/// fn kind_after_collect(st: &mut State, args: Args<'_>) -> u16 {
///     let _ = args.obj(st, 0);
///     st.collect_now();
///     let o = args.obj(st, 0);
///     o.kind().0
/// }
/// ```
///
/// Nor can the state's own `obj` be kept across a safepoint.
///
/// ```compile_fail,E0502
/// use hpymove_runtime::convention_check::{Args, State};
/// fn kind_after_safepoint(st: &mut State, args: Args<'_>) -> u16 {
///     let o = st.obj(args.get(st, 0));
///     st.safepoint();
///     o.kind().0
/// }
/// ```
///
/// ```
/// use hpymove_runtime::convention_check::{Args, State};
/// fn kind_after_safepoint(st: &mut State, args: Args<'_>) -> u16 {
///     let _ = st.obj(args.get(st, 0));
///     st.safepoint();
///     let o = st.obj(args.get(st, 0));
///     o.kind().0
/// }
/// ```
#[derive(Clone, Copy)]
pub struct Args<'k> {
    /// Stack index of the receiver.
    recv: usize,
    /// Stack index of the first positional argument.
    pos: usize,
    /// The number of positional arguments.
    n: usize,
    /// Stack index of the first keyword value (in the order of `names`).
    kws: usize,
    names: KwNames<'k>,
}

impl<'k> Args<'k> {
    /// Roots `receiver`, `args` and the values of `kwargs` on the stack (pushing never
    /// collects, so the addresses the caller passed are still current). The caller
    /// truncates the stack back to `args.mark()` when the native returns.
    pub(crate) fn push(
        st: &mut State,
        receiver: RawRef,
        args: &[RawRef],
        kwargs: &'k [(String, RawRef)],
    ) -> Args<'k> {
        let recv = st.push(receiver);
        for a in args {
            st.push(*a);
        }
        for (_, v) in kwargs {
            st.push(*v);
        }
        Args {
            recv,
            pos: recv + 1,
            n: args.len(),
            kws: recv + 1 + args.len(),
            names: KwNames(kwargs),
        }
    }

    /// The arguments already on the stack: the receiver at `recv`, then `n` positional
    /// ones, no keywords.
    pub(crate) fn on_stack(recv: usize, n: usize) -> Args<'static> {
        Args {
            recv,
            pos: recv + 1,
            n,
            kws: recv + 1 + n,
            names: KwNames(&[]),
        }
    }

    /// The stack length before `push`.
    pub(crate) fn mark(self) -> usize {
        self.recv
    }

    /// The number of positional arguments.
    pub fn len(self) -> usize {
        self.n
    }

    pub fn is_empty(self) -> bool {
        self.n == 0
    }

    /// The `i`-th positional argument as it is now. Panics when out of range, as a
    /// slice index would.
    #[inline]
    pub fn get(self, st: &State, i: usize) -> RawRef {
        assert!(i < self.n, "argument {i} of {}", self.n);
        st.at(self.pos + i)
    }

    /// The `i`-th positional argument as it is now, if there is one.
    #[inline]
    pub fn opt(self, st: &State, i: usize) -> Option<RawRef> {
        (i < self.n).then(|| st.at(self.pos + i))
    }

    /// The `i`-th positional argument's slot, to hand to a protocol function as it is
    /// (`st.getitem_at(args.rooted(0), args.rooted(1))`). Panics when out of range.
    #[inline]
    pub fn rooted(self, i: usize) -> Rooted {
        assert!(i < self.n, "argument {i} of {}", self.n);
        Rooted::slot(self.pos + i)
    }

    /// The `i`-th positional argument's object; it borrows the state, so it cannot be
    /// held across a call that takes `&mut State`.
    #[inline]
    pub fn obj<'s>(self, st: &'s State, i: usize) -> ObjRef<'s> {
        st.obj(self.get(st, i))
    }

    /// The receiver as it is now (null for a method called through its type).
    #[inline]
    pub fn receiver(self, st: &State) -> RawRef {
        st.at(self.recv)
    }

    /// The number of keyword arguments.
    pub fn kw_len(self) -> usize {
        self.names.len()
    }

    pub fn kw_name(self, i: usize) -> &'k str {
        self.names.name(i)
    }

    /// The `i`-th keyword argument's value as it is now.
    #[inline]
    pub fn kw(self, st: &State, i: usize) -> RawRef {
        assert!(i < self.names.len(), "keyword argument {i}");
        st.at(self.kws + i)
    }

    /// The value of keyword argument `name` as it is now, if it was given.
    pub fn kw_get(self, st: &State, name: &str) -> Option<RawRef> {
        self.names.position(name).map(|i| st.at(self.kws + i))
    }

    /// The positional arguments from `k` on (the receiver stays).
    pub(crate) fn skip(self, k: usize) -> Args<'k> {
        let k = k.min(self.n);
        Args {
            pos: self.pos + k,
            n: self.n - k,
            ..self
        }
    }

    /// A method called unbound (`list.append(l, x)`) gets its receiver from the first
    /// positional argument; `None` when it has neither.
    pub(crate) fn unbind(self, st: &State) -> Option<Args<'k>> {
        if !self.receiver(st).is_null() {
            return Some(self);
        }
        (self.n > 0).then_some(Args {
            recv: self.pos,
            pos: self.pos + 1,
            n: self.n - 1,
            ..self
        })
    }

    /// The addresses of all positional arguments, as they are now: the only way to get
    /// them as plain addresses, for code that roots them itself before anything can
    /// collect (`st.call`, which the callee's frame roots). They are valid only until
    /// the next safepoint.
    pub fn snapshot(self, st: &State) -> Vec<RawRef> {
        (0..self.n).map(|i| st.at(self.pos + i)).collect()
    }

    /// The keyword arguments with their values as they are now, on the same terms as
    /// [`Args::snapshot`].
    pub fn kw_snapshot(self, st: &State) -> Vec<(String, RawRef)> {
        (0..self.names.len())
            .map(|i| (self.names.name(i).to_string(), st.at(self.kws + i)))
            .collect()
    }
}

/// A native function or method: it reads its arguments through their roots.
pub(crate) type Method = fn(&mut State, Args<'_>) -> crate::error::PyResult<RawRef>;
