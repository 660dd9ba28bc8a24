//! The behaviour of extension types inside the runtime's protocols: calling their slots
//! (`tp_repr`, `nb_add`, `sq_item`…) from the number, sequence, mapping, comparison, hash,
//! call and attribute paths that both the HPy context and the interpreter use, with
//! CPython 3.11's dispatch rules (reflected binary operators, in-place forms, the
//! NotImplemented protocol).
//!
//! Every call into extension code follows the boundary rule: the arguments become handles
//! first (so they are rooted and follow the objects), then the safepoint runs, then the C
//! function is called; no `ObjRef` is held across it.
//!
//! Size: the slot table of extension types and every protocol's dispatch to it, around the one
//! place slot calls open handles and reach the safepoint (`with_handles`); split by protocol it
//! would spread that rule over many files.

use std::ffi::{c_int, c_void};

use gc::RawRef;
use hpy_abi::*;

use crate::error::{PyResult, Raised};
use crate::host::handles::HandleTable;
use crate::objects::hpyobj::{self, DescrKind};
use crate::objects::types::Instances;
use crate::objects::{dict, float, function, int, str as pystr, tuple, type_of, types};
use crate::protocols::number::{BinOp, UnaryOp};
use crate::state::State;
use crate::value_stack::Rooted;

pub(crate) use crate::objects::function::METHOD_DESCR;

type Unary = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;
type Binary = unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> HPy;
type Ternary = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, HPy) -> HPy;
type Inquiry = unsafe extern "C" fn(*mut HPyContext, HPy) -> c_int;
type LenFunc = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy_ssize_t;
type SsizeArg = unsafe extern "C" fn(*mut HPyContext, HPy, HPy_ssize_t) -> HPy;
type SsizeObjArg = unsafe extern "C" fn(*mut HPyContext, HPy, HPy_ssize_t, HPy) -> c_int;
type ObjObjArg = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, HPy) -> c_int;
type ObjObj = unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> c_int;
type HashFunc = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy_hash_t;
type RichCmp = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, c_int) -> HPy;
type Keywords = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, usize, HPy) -> HPy;
type NewFunc = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, HPy_ssize_t, HPy) -> HPy;
type InitProc = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, HPy_ssize_t, HPy) -> c_int;
type Getter = unsafe extern "C" fn(*mut HPyContext, HPy, *mut c_void) -> HPy;
type Setter = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, *mut c_void) -> c_int;

pub(crate) fn nb_slot(op: BinOp) -> HPySlot_Slot {
    match op {
        BinOp::Add => HPy_nb_add,
        BinOp::Sub => HPy_nb_subtract,
        BinOp::Mul => HPy_nb_multiply,
        BinOp::MatMul => HPy_nb_matrix_multiply,
        BinOp::TrueDiv => HPy_nb_true_divide,
        BinOp::FloorDiv => HPy_nb_floor_divide,
        BinOp::Mod => HPy_nb_remainder,
        BinOp::DivMod => HPy_nb_divmod,
        BinOp::Pow => HPy_nb_power,
        BinOp::LShift => HPy_nb_lshift,
        BinOp::RShift => HPy_nb_rshift,
        BinOp::And => HPy_nb_and,
        BinOp::Or => HPy_nb_or,
        BinOp::Xor => HPy_nb_xor,
    }
}

fn nb_inplace_slot(op: BinOp) -> Option<HPySlot_Slot> {
    Some(match op {
        BinOp::Add => HPy_nb_inplace_add,
        BinOp::Sub => HPy_nb_inplace_subtract,
        BinOp::Mul => HPy_nb_inplace_multiply,
        BinOp::MatMul => HPy_nb_inplace_matrix_multiply,
        BinOp::TrueDiv => HPy_nb_inplace_true_divide,
        BinOp::FloorDiv => HPy_nb_inplace_floor_divide,
        BinOp::Mod => HPy_nb_inplace_remainder,
        BinOp::DivMod => return None,
        BinOp::Pow => HPy_nb_inplace_power,
        BinOp::LShift => HPy_nb_inplace_lshift,
        BinOp::RShift => HPy_nb_inplace_rshift,
        BinOp::And => HPy_nb_inplace_and,
        BinOp::Or => HPy_nb_inplace_or,
        BinOp::Xor => HPy_nb_inplace_xor,
    })
}

impl State {
    /// Opens a handle per argument (null: `HPy_NULL`), reaches the boundary safepoint,
    /// runs `f` (the call into C), and closes the handles after writing the arguments'
    /// current addresses back into `args` (they may have moved): a caller that goes on
    /// using its operands reads them from `args`.
    fn with_handles<R: CallResult>(
        &mut self,
        what: &'static str,
        args: &mut [RawRef],
        f: impl FnOnce(*mut HPyContext, &[HPy]) -> R,
    ) -> R {
        self.with_handles_at(what, 0, args, f)
    }

    /// [`Self::with_handles`] for a call of the C function at `entry` (0: unknown): debug
    /// mode then names that function's line for an argument it returns without `HPy_Dup`,
    /// and tells the call's own C frames from the host's.
    #[inline]
    pub(crate) fn with_handles_at<R: CallResult>(
        &mut self,
        what: &'static str,
        entry: usize,
        args: &mut [RawRef],
        f: impl FnOnce(*mut HPyContext, &[HPy]) -> R,
    ) -> R {
        let owner = match args.first() {
            Some(&a) if !a.is_null() => Some(self.owner_name(a)),
            _ => None,
        };
        self.call_slot(owner, what, entry, args, f)
    }

    /// `a`'s type's extension record (as [`State::ext_of`]) and the name of a call of one
    /// of its slots with `a` first ([`Self::owner_name`]), from one read of the type.
    #[inline]
    fn ext_named(&self, a: RawRef) -> Option<(&hpyobj::ExtType, *const str)> {
        let o = self.obj(a);
        let d = types::data(type_of(o));
        let e = d.ext.as_deref()?;
        let named = if o.kind() == self.b.kinds.type_ {
            types::data(o)
        } else {
            d
        };
        Some((e, named.tp_name.as_str() as *const str))
    }

    /// What a slot call is named after (`Owner.what`): the type of its first argument, or
    /// that argument itself when it is a type (`__new__`). A pointer into the type's
    /// record outside the heap: it stays valid while the call's handle keeps the argument,
    /// hence its type, alive, and does not move with it.
    #[inline]
    fn owner_name(&self, a: RawRef) -> *const str {
        let o = self.obj(a);
        let t = if o.kind() == self.b.kinds.type_ {
            o
        } else {
            type_of(o)
        };
        types::data(t).tp_name.as_str() as *const str
    }

    /// Calls `f` with `args` as handles, the call named `owner.what` ([`Self::owner_name`]
    /// of `args[0]`) for crash reports and debug mode: without debug mode and with a few
    /// arguments, the plain path (handles in an array, the safepoint, the call); otherwise
    /// [`Self::call_slot_checked`].
    #[inline(always)]
    pub(crate) fn call_slot<R: CallResult>(
        &mut self,
        owner: Option<*const str>,
        what: &'static str,
        entry: usize,
        args: &mut [RawRef],
        f: impl FnOnce(*mut HPyContext, &[HPy]) -> R,
    ) -> R {
        const PLAIN: usize = 3;
        if args.len() > PLAIN || self.roots.handles.debug.is_some() {
            return self.call_slot_checked(owner, what, entry, args, f);
        }
        // Argument handles (`host/handles.rs`), closed together after the call.
        let mark = self.roots.handles.arguments_mark();
        let mut small = [HPy_NULL; PLAIN];
        let hs = &mut small[..args.len()];
        self.open_operands(hs, args, HandleTable::open_argument);
        let hs: &[HPy] = hs;
        self.safepoint();
        let ctx = self.ctx_ptr();
        // SAFETY: `owner` is valid for the call (see `owner_name`).
        let owner = owner.map(|o| unsafe { &*o });
        let r = crate::host::crash::while_running(owner, what, || f(ctx, hs));
        // The operands' current addresses (they may have moved), then the handles closed.
        let mut i = mark;
        for (h, a) in hs.iter().zip(args.iter_mut()) {
            if h._i != 0 {
                *a = self.roots.handles.argument_object(i);
                i += 1;
            }
        }
        self.roots.handles.close_arguments(mark);
        r
    }

    /// Opens a handle in `hs` with `open` (an argument handle, or one of the table's in
    /// debug mode) for each operand of `args` that is there (a null one, an absent
    /// operand, stays HPy_NULL).
    #[inline(always)]
    fn open_operands(
        &mut self,
        hs: &mut [HPy],
        args: &[RawRef],
        open: fn(&mut HandleTable, RawRef) -> HPy,
    ) {
        for (h, a) in hs.iter_mut().zip(args) {
            if !a.is_null() {
                *h = open(&mut self.roots.handles, *a);
            }
        }
    }

    /// Closes the argument handles `hs` after writing the arguments' current addresses back
    /// into `args` (they may have moved).
    #[inline(always)]
    fn take_arguments(&mut self, hs: &[HPy], args: &mut [RawRef]) {
        for (&h, a) in hs.iter().zip(args.iter_mut()) {
            if h._i != 0 {
                *a = self
                    .roots
                    .handles
                    .take(h)
                    .expect("argument handles stay open");
            }
        }
    }

    /// [`Self::call_slot`] in debug mode or with many arguments: debug mode checks the call
    /// like a module function's (leaks, returned arguments).
    #[inline(never)]
    fn call_slot_checked<R: CallResult>(
        &mut self,
        owner: Option<*const str>,
        what: &'static str,
        entry: usize,
        args: &mut [RawRef],
        f: impl FnOnce(*mut HPyContext, &[HPy]) -> R,
    ) -> R {
        let mut small = [HPy_NULL; 4];
        let mut big: Vec<HPy> = Vec::new();
        let hs: &mut [HPy] = if args.len() <= small.len() {
            &mut small[..args.len()]
        } else {
            big.resize(args.len(), HPy_NULL);
            &mut big[..]
        };
        self.open_operands(hs, args, HandleTable::open);
        let hs: &[HPy] = hs;
        self.safepoint();
        // A local of this frame, the one that calls the extension (see `call.rs`).
        let anchor = 0u8;
        let frame = self.debug().map(|d| {
            let all: Vec<isize> = hs.iter().map(|h| h._i).collect();
            // SAFETY: as in `call_slot`.
            let owner = owner.map_or("?", |o| unsafe { &*o });
            let anchor = if entry == 0 {
                0
            } else {
                std::hint::black_box(&anchor) as *const u8 as usize
            };
            d.push_frame_at(&format!("{owner}.{what}"), &all, entry, anchor)
        });
        let ctx = self.ctx_ptr();
        // SAFETY: as in `call_slot`.
        let owner = owner.map(|o| unsafe { &*o });
        let r = crate::host::crash::while_running(owner, what, || f(ctx, hs));
        let r = match r.handle() {
            Some(h) => r.with_handle(self.debug_return(frame, h)),
            None => {
                if let (Some(id), Some(d)) = (frame, self.debug()) {
                    d.pop_frame(id, 0);
                }
                r
            }
        };
        self.take_arguments(hs, args);
        r
    }

    /// [`State::take_result`] with its usual case inline: a new handle (or a constant)
    /// and no exception set.
    #[inline(always)]
    fn take_slot_result(&mut self, h: HPy, what: &str) -> PyResult<RawRef> {
        if h._i != 0 && !self.exc_pending() {
            if let Some(r) = self.roots.handles.take_returned(h) {
                return Ok(r);
            }
        }
        self.take_result(h, what)
    }

    /// An `int` result of a slot: -1 with an exception set is an error.
    pub(crate) fn slot_status(&mut self, rc: i64, what: &str) -> PyResult<i64> {
        if rc < 0 && rc == -1 {
            if self.exc_pending() {
                return Err(Raised);
            }
        } else if self.exc_pending() {
            return Err(self.raise(
                "SystemError",
                format!("{what} returned a result with an exception set"),
            ));
        }
        Ok(rc)
    }

    /// Calls a slot of the object-returning kind with `args` (the slot's signature decides
    /// how many are used).
    pub(crate) fn call_obj_slot(
        &mut self,
        impl_: usize,
        sig: HPyFunc_Signature,
        args: &mut [RawRef],
        what: &'static str,
    ) -> PyResult<RawRef> {
        let h = self.with_handles_at(what, impl_, args, |ctx, hs| {
            // SAFETY: the definition promised `impl_` has signature `sig`; the handles are
            // open for the duration of the call.
            unsafe {
                match sig {
                    HPyFunc_UNARYFUNC | HPyFunc_REPRFUNC => {
                        std::mem::transmute::<usize, Unary>(impl_)(ctx, hs[0])
                    }
                    HPyFunc_BINARYFUNC => {
                        std::mem::transmute::<usize, Binary>(impl_)(ctx, hs[0], hs[1])
                    }
                    _ => std::mem::transmute::<usize, Ternary>(impl_)(ctx, hs[0], hs[1], hs[2]),
                }
            }
        });
        self.take_result(h, what)
    }

    // ------------------------------------------------------------------ hash
    /// `hash(r)` for an extension instance: `tp_hash`; a type that defines
    /// `tp_richcompare` without `tp_hash` is unhashable (CPython's inheritance rule).
    pub(crate) fn ext_hash(&mut self, r: RawRef) -> Option<PyResult<i64>> {
        let e = self.ext_of(r)?;
        let (h, cmp) = (e.slot(HPy_tp_hash), e.slot(HPy_tp_richcompare));
        if let Some(f) = h {
            return Some(
                self.ext_hash_raw(r, f)
                    .map(|v| if v == -1 { -2 } else { v }),
            );
        }
        if cmp.is_some() {
            let n = self.type_name(r);
            return Some(Err(
                self.raise("TypeError", format!("unhashable type: '{n}'"))
            ));
        }
        None
    }

    /// What `tp_hash` (`f`) returns for `r`, -1 included when no error is set (what
    /// `r.__hash__()` gives; `hash(r)` makes it -2).
    pub(crate) fn ext_hash_raw(&mut self, r: RawRef, f: usize) -> PyResult<i64> {
        let v = self.with_handles("__hash__", &mut [r], |ctx, hs| {
            // SAFETY: `tp_hash` has the `HPyFunc_hashfunc` signature.
            unsafe { std::mem::transmute::<usize, HashFunc>(f)(ctx, hs[0]) }
        });
        self.slot_status(v as i64, "__hash__")
    }

    // ------------------------------------------------------------------ comparison

    /// CPython's `do_richcompare` for operands of which one has `tp_richcompare`:
    /// `Ok(None)` when every slot answered NotImplemented (or none exists).
    /// `ops` are the operands `[v, w]`, kept current (a slot call may move them).
    pub(crate) fn ext_richcompare(
        &mut self,
        ops: &mut [RawRef; 2],
        op: i32,
    ) -> PyResult<Option<RawRef>> {
        if self.is_py(ops[0]) || self.is_py(ops[1]) {
            return self.up_py_richcompare(ops, op);
        }
        let (v, w) = (ops[0], ops[1]);
        let sv = self.ext_slot(v, HPy_tp_richcompare);
        let sw = self.ext_slot(w, HPy_tp_richcompare);
        if sv.is_none() && sw.is_none() {
            return Ok(None);
        }
        let swapped = [4, 5, 2, 3, 0, 1][op as usize];
        let (tv, tw) = (type_of(self.obj(v)).raw(), type_of(self.obj(w)).raw());
        let mut checked_reverse = false;
        if tv != tw {
            if let Some(f) = sw {
                if types::is_subtype(self.obj(tw), self.obj(tv)) {
                    checked_reverse = true;
                    if let Some(r) = self.call_richcmp(f, ops, true, swapped)? {
                        return Ok(Some(r));
                    }
                }
            }
        }
        if let Some(f) = sv {
            if let Some(r) = self.call_richcmp(f, ops, false, op)? {
                return Ok(Some(r));
            }
        }
        if !checked_reverse {
            if let Some(f) = sw {
                if let Some(r) = self.call_richcmp(f, ops, true, swapped)? {
                    return Ok(Some(r));
                }
            }
        }
        Ok(None)
    }

    /// `tp_richcompare(ops[0], ops[1])`, or swapped (`ops[1]` first).
    pub(crate) fn call_richcmp(
        &mut self,
        f: usize,
        ops: &mut [RawRef; 2],
        swap: bool,
        op: i32,
    ) -> PyResult<Option<RawRef>> {
        let h = self.with_handles("tp_richcompare", ops, |ctx, hs| {
            let (a, b) = if swap { (hs[1], hs[0]) } else { (hs[0], hs[1]) };
            // SAFETY: `tp_richcompare` has the `HPyFunc_richcmpfunc` signature.
            unsafe { std::mem::transmute::<usize, RichCmp>(f)(ctx, a, b, op) }
        });
        let r = self.take_result(h, "__richcmp__")?;
        Ok((r != self.b.notimpl).then_some(r))
    }

    // ------------------------------------------------------------------ numbers

    /// CPython's `binary_op1` when an operand's type has the extension slot for `op`:
    /// `Ok(None)` when no extension slot exists; `builtin` evaluates the builtin types'
    /// slots (`Ok(None)` for NotImplemented).
    /// `ops` are the operands `[a, b]`, kept current (a slot call may move them).
    pub(crate) fn ext_binary(
        &mut self,
        op: BinOp,
        ops: &mut [RawRef; 2],
        builtin: crate::protocols::number::BuiltinBinary,
    ) -> PyResult<Option<Option<RawRef>>> {
        if self.is_py(ops[0]) || self.is_py(ops[1]) {
            return self.up_py_binary(op, ops, builtin);
        }
        let (a, b) = (ops[0], ops[1]);
        let s = nb_slot(op);
        let sa = self.ext_slot(a, s);
        let (ta, tb) = (type_of(self.obj(a)).raw(), type_of(self.obj(b)).raw());
        let mut sb = if ta != tb { self.ext_slot(b, s) } else { None };
        if sa.is_none() && sb.is_none() {
            return Ok(None);
        }
        if sb == sa {
            sb = None;
        }
        if let Some(fa) = sa {
            if let Some(fb) = sb {
                if types::is_subtype(self.obj(tb), self.obj(ta)) {
                    if let Some(r) = self.nb_call(op, fb, ops)? {
                        return Ok(Some(Some(r)));
                    }
                    sb = None;
                }
            }
            if let Some(r) = self.nb_call(op, fa, ops)? {
                return Ok(Some(Some(r)));
            }
        } else if let Some(r) = builtin(self, op, ops[0], ops[1])? {
            return Ok(Some(Some(r)));
        }
        if let Some(fb) = sb {
            if let Some(r) = self.nb_call(op, fb, ops)? {
                return Ok(Some(Some(r)));
            }
        }
        Ok(Some(None))
    }

    pub(crate) fn nb_call(
        &mut self,
        op: BinOp,
        f: usize,
        ops: &mut [RawRef; 2],
    ) -> PyResult<Option<RawRef>> {
        let r = if op == BinOp::Pow {
            let mut three = [ops[0], ops[1], self.b.none];
            let r = self.call_obj_slot(f, HPyFunc_TERNARYFUNC, &mut three, "nb_power");
            ops.copy_from_slice(&three[..2]);
            r?
        } else {
            self.call_obj_slot(f, HPyFunc_BINARYFUNC, ops, op.symbol())?
        };
        Ok((r != self.b.notimpl).then_some(r))
    }

    /// `a op= b` through the left operand's `nb_inplace_*` slot; `Ok(None)` if it has none
    /// or it answered NotImplemented.
    pub(crate) fn ext_inplace(
        &mut self,
        op: BinOp,
        ops: &mut [RawRef; 2],
    ) -> PyResult<Option<RawRef>> {
        if let Some(r) = self.up_py_inplace(op, ops) {
            return r;
        }
        let a = ops[0];
        let Some(s) = nb_inplace_slot(op) else {
            return Ok(None);
        };
        let Some(f) = self.ext_slot(a, s) else {
            return Ok(None);
        };
        self.nb_call(op, f, ops)
    }

    /// `pow(a, b, m)` through `nb_power` of the operands (left, then right).
    pub(crate) fn ext_pow3(&mut self, ops: &mut [RawRef; 3]) -> PyResult<Option<RawRef>> {
        let (a, b) = (ops[0], ops[1]);
        let fa = self.ext_slot(a, HPy_nb_power);
        let mut fb = self.ext_slot(b, HPy_nb_power);
        if fb == fa {
            fb = None;
        }
        for f in [fa, fb].into_iter().flatten() {
            let r = self.call_obj_slot(f, HPyFunc_TERNARYFUNC, ops, "nb_power")?;
            if r != self.b.notimpl {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// `a **= b` with a modulus through `nb_inplace_power`.
    pub(crate) fn ext_inplace_pow3(&mut self, ops: &mut [RawRef; 3]) -> PyResult<Option<RawRef>> {
        // A Python class's `__ipow__` takes no modulus: CPython's slot drops it.
        let mark = self.roots.stack.len();
        self.push(ops[2]);
        let mut two = [ops[0], ops[1]];
        let py = self.up_py_inplace(BinOp::Pow, &mut two);
        ops[2] = self.at(mark);
        self.truncate(mark);
        [ops[0], ops[1]] = two;
        if let Some(r) = py {
            if let Some(r) = r? {
                return Ok(Some(r));
            }
        }
        let Some(f) = self.ext_slot(ops[0], HPy_nb_inplace_power) else {
            return Ok(None);
        };
        let r = self.call_obj_slot(f, HPyFunc_TERNARYFUNC, ops, "nb_inplace_power")?;
        Ok((r != self.b.notimpl).then_some(r))
    }

    /// `nb_negative`, `nb_positive`, `nb_invert`, `nb_absolute`.
    pub(crate) fn ext_unary(&mut self, op: UnaryOp, a: RawRef) -> PyResult<Option<RawRef>> {
        if let Some(r) = self.up_py_unary(op, a) {
            return r.map(Some);
        }
        self.ext_unary_slot(op, a)
    }

    /// The slot alone (a Python subclass's own method is not consulted).
    pub(crate) fn ext_unary_slot(&mut self, op: UnaryOp, a: RawRef) -> PyResult<Option<RawRef>> {
        let (s, what) = match op {
            UnaryOp::Neg => (HPy_nb_negative, "__neg__"),
            UnaryOp::Pos => (HPy_nb_positive, "__pos__"),
            UnaryOp::Invert => (HPy_nb_invert, "__invert__"),
            UnaryOp::Abs => (HPy_nb_absolute, "__abs__"),
        };
        match self.ext_slot(a, s) {
            Some(f) => self
                .call_obj_slot(f, HPyFunc_UNARYFUNC, &mut [a], what)
                .map(Some),
            None => Ok(None),
        }
    }

    /// A conversion slot (`nb_int`, `nb_float`, `nb_index`) whose result must be an
    /// instance of `want` (a builtin type); CPython's message otherwise.
    pub(crate) fn ext_convert(
        &mut self,
        a: RawRef,
        s: HPySlot_Slot,
        dunder: &'static str,
        want: RawRef,
    ) -> PyResult<Option<RawRef>> {
        self.ext_convert_with(a, s, dunder, want, true)
    }

    /// [`Self::ext_convert`]; `python`: a Python subclass's own method comes first (else
    /// the slot alone).
    pub(crate) fn ext_convert_with(
        &mut self,
        a: RawRef,
        s: HPySlot_Slot,
        dunder: &'static str,
        want: RawRef,
        python: bool,
    ) -> PyResult<Option<RawRef>> {
        let mut ops = [a];
        let py = if python {
            self.up_dunder_on_pub(&mut ops, dunder)
        } else {
            None
        };
        let r = match py {
            Some(r) => r?,
            None => {
                let Some(f) = self.ext_slot(a, s) else {
                    return Ok(None);
                };
                self.call_obj_slot(f, HPyFunc_UNARYFUNC, &mut ops, dunder)?
            }
        };
        let a = ops[0];
        if types::is_subtype(type_of(self.obj(r)), self.obj(want)) {
            return Ok(Some(r));
        }
        let (tn, rn) = (self.type_name(a), self.type_name(r));
        let wn = types::name(self.obj(want)).to_string();
        Err(self.raise(
            "TypeError",
            format!("{tn}.{dunder} returned non-{wn} (type {rn})"),
        ))
    }

    /// `nb_bool`, then `mp_length`/`sq_length`, for an extension instance.
    pub(crate) fn ext_truth(&mut self, a: RawRef) -> Option<PyResult<bool>> {
        if let Some(r) = self.up_py_truth(a) {
            return Some(r);
        }
        self.ext_truth_slot(a)
    }

    /// The slots alone (a Python subclass's own methods are not consulted).
    pub(crate) fn ext_truth_slot(&mut self, a: RawRef) -> Option<PyResult<bool>> {
        let e = self.ext_of(a)?;
        if let Some(f) = e.slot(HPy_nb_bool) {
            let rc = self.with_handles("__bool__", &mut [a], |ctx, hs| {
                // SAFETY: `nb_bool` has the `HPyFunc_inquiry` signature.
                unsafe { std::mem::transmute::<usize, Inquiry>(f)(ctx, hs[0]) }
            });
            return Some(self.slot_status(rc as i64, "__bool__").map(|v| v != 0));
        }
        if e.slot(HPy_mp_length).is_some() || e.slot(HPy_sq_length).is_some() {
            return self.ext_len_slot(a).map(|r| r.map(|n| n != 0));
        }
        Some(Ok(true))
    }

    // ------------------------------------------------------------------ containers

    /// `len(a)` through `mp_length` or `sq_length`.
    pub(crate) fn ext_len(&mut self, a: RawRef) -> Option<PyResult<usize>> {
        // Only a Python class has Python methods (checked here, inline: the usual
        // receiver is an extension type's own instance).
        if self.is_py(a) {
            if let Some(r) = self.up_py_len(a) {
                return Some(r);
            }
        }
        self.ext_len_slot(a)
    }

    /// The slot alone (a Python subclass's own `__len__` is not consulted).
    pub(crate) fn ext_len_slot(&mut self, a: RawRef) -> Option<PyResult<usize>> {
        let (e, owner) = self.ext_named(a)?;
        let f = e.slot(HPy_mp_length).or_else(|| e.slot(HPy_sq_length))?;
        let n = self.call_slot(Some(owner), "__len__", 0, &mut [a], |ctx, hs| {
            // SAFETY: the length slots have the `HPyFunc_lenfunc` signature.
            unsafe { std::mem::transmute::<usize, LenFunc>(f)(ctx, hs[0]) }
        });
        Some(self.slot_status(n as i64, "__len__").and_then(|n| {
            if n < 0 {
                Err(self.raise("ValueError", "__len__() should return >= 0".into()))
            } else {
                Ok(n as usize)
            }
        }))
    }

    /// A sequence index for `sq_*`: `key` through `__index__`, negative ones adjusted by
    /// `sq_length` (CPython's `PySequence_GetItem`).
    /// `ops[0]` is the sequence; every operand is kept current (`__index__` and
    /// `sq_length` may run code that collects).
    fn sq_index(&mut self, ops: &mut [RawRef], key: RawRef) -> PyResult<isize> {
        match self.plain_index(key) {
            Some(i) => Ok(i),
            None => self.sq_index_slow(ops, key),
        }
    }

    /// The usual sequence index, a non-negative exact int that fits: no `__index__` and no
    /// `sq_length` to run, so nothing to root.
    #[inline(always)]
    fn plain_index(&self, key: RawRef) -> Option<isize> {
        let k = self.obj(key);
        if type_of(k).raw() != self.b.int_type {
            return None;
        }
        match crate::objects::ops::int_value(k) {
            crate::objects::int::IntValue::Small(v) if v >= 0 => Some(v as isize),
            _ => None,
        }
    }

    /// [`Self::sq_index`] for any other key: rooted, through `__index__` and `sq_length`.
    #[inline(never)]
    fn sq_index_slow(&mut self, ops: &mut [RawRef], key: RawRef) -> PyResult<isize> {
        let mark = self.roots.stack.len();
        for o in ops.iter() {
            self.push(*o);
        }
        let ki = self.push(key);
        let r = self.sq_index_rooted(mark, ki);
        for (i, o) in ops.iter_mut().enumerate() {
            *o = self.at(mark + i);
        }
        self.truncate(mark);
        r
    }

    /// `sq_index` with the sequence rooted at stack slot `seq` and the key at `ki`.
    fn sq_index_rooted(&mut self, seq: usize, ki: usize) -> PyResult<isize> {
        let k = self.index_at(Rooted::slot(ki))?;
        let v = match crate::objects::ops::int_value(self.obj(k)) {
            crate::objects::int::IntValue::Small(v) => v as isize,
            _ => {
                let t = self.type_name(self.at(ki));
                return Err(self.raise(
                    "IndexError",
                    format!("cannot fit '{t}' into an index-sized integer"),
                ));
            }
        };
        if v < 0 {
            let a = self.at(seq);
            if let Some(f) = self.ext_slot(a, HPy_sq_length) {
                let n = self.with_handles("__len__", &mut [a], |ctx, hs| {
                    // SAFETY: `sq_length` has the `HPyFunc_lenfunc` signature.
                    unsafe { std::mem::transmute::<usize, LenFunc>(f)(ctx, hs[0]) }
                });
                let n = self.slot_status(n as i64, "__len__")?;
                return Ok(v + n as isize);
            }
        }
        Ok(v)
    }

    fn is_index_like(&self, key: RawRef) -> bool {
        let o = self.obj(key);
        types::data(type_of(o)).instances == types::Instances::Int
            || key == self.b.true_
            || key == self.b.false_
            || types::ext(type_of(o)).is_some_and(|e| e.slot(HPy_nb_index).is_some())
    }

    /// `a[key]` through `mp_subscript` or `sq_item`.
    pub(crate) fn ext_getitem(&mut self, a: RawRef, key: RawRef) -> Option<PyResult<RawRef>> {
        // Only a Python class has Python methods (checked here, inline: the usual
        // receiver is an extension type's own instance).
        if self.is_py(a) {
            if let Some(r) = self.up_py_getitem(a, key) {
                return Some(r);
            }
        }
        self.ext_getitem_slot(a, key)
    }

    /// The slots alone (a Python subclass's own `__getitem__` is not consulted).
    #[inline]
    pub(crate) fn ext_getitem_slot(&mut self, a: RawRef, key: RawRef) -> Option<PyResult<RawRef>> {
        let (e, owner) = self.ext_named(a)?;
        if let Some(f) = e.slot(HPy_mp_subscript) {
            return Some(self.call_obj_slot(f, HPyFunc_BINARYFUNC, &mut [a, key], "__getitem__"));
        }
        let f = e.slot(HPy_sq_item)?;
        let mut ops = [a];
        let i = match self.plain_index(key) {
            Some(i) => i,
            None => {
                if !self.is_index_like(key) {
                    let t = self.type_name(key);
                    return Some(Err(self.raise(
                        "TypeError",
                        format!("sequence index must be integer, not '{t}'"),
                    )));
                }
                // May run code that collects: `owner` stays valid (the type's record
                // does not move, and `a`, rooted meanwhile, keeps the type alive).
                match self.sq_index_slow(&mut ops, key) {
                    Ok(i) => i,
                    Err(e) => return Some(Err(e)),
                }
            }
        };
        let h = self.call_slot(Some(owner), "__getitem__", f, &mut ops, |ctx, hs| {
            // SAFETY: `sq_item` has the `HPyFunc_ssizeargfunc` signature.
            unsafe { std::mem::transmute::<usize, SsizeArg>(f)(ctx, hs[0], i) }
        });
        Some(self.take_slot_result(h, "__getitem__"))
    }

    /// `a[key] = value` (`value` null: `del a[key]`) through `mp_ass_subscript` or
    /// `sq_ass_item`.
    pub(crate) fn ext_setitem(
        &mut self,
        a: RawRef,
        key: RawRef,
        value: RawRef,
    ) -> Option<PyResult<()>> {
        if let Some(r) = self.up_py_setitem(a, key, value) {
            return Some(r);
        }
        self.ext_setitem_slot(a, key, value)
    }

    /// The slots alone (a Python subclass's own methods are not consulted).
    pub(crate) fn ext_setitem_slot(
        &mut self,
        a: RawRef,
        key: RawRef,
        value: RawRef,
    ) -> Option<PyResult<()>> {
        let e = self.ext_of(a)?;
        if let Some(f) = e.slot(HPy_mp_ass_subscript) {
            let rc = self.with_handles("__setitem__", &mut [a, key, value], |ctx, hs| {
                // SAFETY: `mp_ass_subscript` has the `HPyFunc_objobjargproc` signature.
                unsafe { std::mem::transmute::<usize, ObjObjArg>(f)(ctx, hs[0], hs[1], hs[2]) }
            });
            return Some(self.slot_status(rc as i64, "__setitem__").map(|_| ()));
        }
        let f = e.slot(HPy_sq_ass_item)?;
        if !self.is_index_like(key) {
            let t = self.type_name(key);
            return Some(Err(self.raise(
                "TypeError",
                format!("sequence index must be integer, not '{t}'"),
            )));
        }
        Some((|| {
            let mut ops = [a, value];
            let i = self.sq_index(&mut ops, key)?;
            let rc = self.with_handles("__setitem__", &mut ops, |ctx, hs| {
                // SAFETY: `sq_ass_item` has the `HPyFunc_ssizeobjargproc` signature.
                unsafe { std::mem::transmute::<usize, SsizeObjArg>(f)(ctx, hs[0], i, hs[1]) }
            });
            self.slot_status(rc as i64, "__setitem__").map(|_| ())
        })())
    }

    /// `item in a` through `sq_contains`.
    pub(crate) fn ext_contains(&mut self, a: RawRef, item: RawRef) -> Option<PyResult<bool>> {
        if let Some(r) = self.up_py_contains(a, item) {
            return Some(r);
        }
        self.ext_contains_slot(a, item)
    }

    /// The slot alone (a Python subclass's own `__contains__` is not consulted).
    pub(crate) fn ext_contains_slot(&mut self, a: RawRef, item: RawRef) -> Option<PyResult<bool>> {
        let f = self.ext_slot(a, HPy_sq_contains)?;
        let rc = self.with_handles("__contains__", &mut [a, item], |ctx, hs| {
            // SAFETY: `sq_contains` has the `HPyFunc_objobjproc` signature.
            unsafe { std::mem::transmute::<usize, ObjObj>(f)(ctx, hs[0], hs[1]) }
        });
        Some(self.slot_status(rc as i64, "__contains__").map(|v| v != 0))
    }

    /// The sequence fallbacks of `+` and `*` (`sq_concat`, `sq_repeat`), after the number
    /// slots answered NotImplemented.
    pub(crate) fn ext_sequence_op(
        &mut self,
        op: BinOp,
        ops: &mut [RawRef; 2],
        inplace: bool,
    ) -> PyResult<Option<RawRef>> {
        let (a, b) = (ops[0], ops[1]);
        match op {
            BinOp::Add => {
                let f = (if inplace {
                    self.ext_slot(a, HPy_sq_inplace_concat)
                } else {
                    None
                })
                .or(self.ext_slot(a, HPy_sq_concat));
                match f {
                    Some(f) => self
                        .call_obj_slot(f, HPyFunc_BINARYFUNC, ops, "+")
                        .map(Some),
                    None => Ok(None),
                }
            }
            BinOp::Mul => {
                let pick = |st: &State, s: RawRef| {
                    (if inplace {
                        st.ext_slot(s, HPy_sq_inplace_repeat)
                    } else {
                        None
                    })
                    .or(st.ext_slot(s, HPy_sq_repeat))
                };
                let (seq, n, f) = if let Some(f) = pick(self, a) {
                    (a, b, f)
                } else if let Some(f) = self.ext_slot(b, HPy_sq_repeat) {
                    (b, a, f)
                } else {
                    return Ok(None);
                };
                if !self.is_index_like(n) {
                    let t = self.type_name(n);
                    return Err(self.raise(
                        "TypeError",
                        format!("can't multiply sequence by non-int of type '{t}'"),
                    ));
                }
                // `__index__` may run code: keep both operands rooted across it.
                let mark = self.push(seq);
                self.push(n);
                let k = self.index(n);
                let (seq, n) = (self.at(mark), self.at(mark + 1));
                self.truncate(mark);
                let k = k?;
                let count = match crate::objects::ops::int_value(self.obj(k)) {
                    crate::objects::int::IntValue::Small(v) => v as isize,
                    _ => {
                        let t = self.type_name(n);
                        return Err(self.raise(
                            "OverflowError",
                            format!("cannot fit '{t}' into an index-sized integer"),
                        ));
                    }
                };
                let h = self.with_handles_at("__mul__", f, &mut [seq], |ctx, hs| {
                    // SAFETY: `sq_repeat` has the `HPyFunc_ssizeargfunc` signature.
                    unsafe { std::mem::transmute::<usize, SsizeArg>(f)(ctx, hs[0], count) }
                });
                self.take_result(h, "*").map(Some)
            }
            _ => Ok(None),
        }
    }

    // ------------------------------------------------------------------ calls

    /// Calls an instance of an extension type: its own call function
    /// (`HPy_SetCallFunction`), else the type's `tp_call`.
    pub(crate) fn ext_call_instance(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> Option<PyResult<RawRef>> {
        // Only an instance of an extension type (or of a subclass of one) has a payload or
        // a `tp_call`: a plain class such as `Foo` in `Foo()` is answered without looking
        // for a payload.
        self.ext_of(f)?;
        let own = self.own_call(f);
        let imp = if own != 0 {
            own
        } else {
            self.ext_slot(f, HPy_tp_call)?
        };
        Some(self.call_keywords(imp, f, args, kwargs, "__call__"))
    }

    /// The instance's own call implementation (0: none): the one `HPy_SetCallFunction`
    /// set, else the `HPyCallFunction` that the extension wrote itself into the struct at
    /// its explicit `__vectorcalloffset__` member (CPython reads the trampoline there;
    /// hpymove reads the `impl` that follows it).
    fn own_call(&self, f: RawRef) -> usize {
        let Some(p) = hpyobj::payload_of(&self.b.kinds, self.obj(f)) else {
            return 0;
        };
        if p.call != 0 {
            return p.call;
        }
        let Some(e) = self.ext_of(f) else { return 0 };
        match e.vectorcall_offset {
            Some(off) if !p.data.is_null() && off + 2 * size_of::<usize>() <= e.basicsize => {
                // SAFETY: `data` is the instance's C struct of `basicsize` bytes; the
                // member's offset and the two words of the `HPyCallFunction` lie inside it
                // (checked above). The read is unaligned-safe.
                unsafe {
                    p.data
                        .add(off + size_of::<usize>())
                        .cast::<usize>()
                        .read_unaligned()
                }
            }
            _ => 0,
        }
    }

    /// Calls an `HPyFunc_keywords` implementation (vectorcall convention: positional
    /// arguments, then keyword values, and a tuple of keyword names).
    pub(crate) fn call_keywords(
        &mut self,
        imp: usize,
        self_: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
        what: &str,
    ) -> PyResult<RawRef> {
        let mut all = vec![self_];
        all.extend_from_slice(args);
        all.extend(kwargs.iter().map(|(_, v)| *v));
        let kwnames = if kwargs.is_empty() {
            RawRef::NULL
        } else {
            let mark = self.roots.stack.len();
            for v in &all {
                self.push(*v);
            }
            let a = self.alloc();
            let mut names = Vec::with_capacity(kwargs.len());
            for (k, _) in kwargs {
                names.push(pystr::new(&a, k)?.raw());
            }
            let objs: Vec<_> = names.iter().map(|r| self.obj(*r)).collect();
            let t = tuple::new(&a, &objs)?.raw();
            for (i, v) in all.iter_mut().enumerate() {
                *v = self.at(mark + i);
            }
            self.truncate(mark);
            t
        };
        all.push(kwnames);
        let nargs = args.len();
        let h = self.with_handles_at("__call__", imp, &mut all, |ctx, hs| {
            let kw = hs[hs.len() - 1];
            // SAFETY: the implementation has the `HPyFunc_keywords` signature; the
            // arguments are consecutive open handles after `self`.
            unsafe {
                std::mem::transmute::<usize, Keywords>(imp)(ctx, hs[0], hs[1..].as_ptr(), nargs, kw)
            }
        });
        self.take_result(h, what)
    }

    /// `ty(*args, **kwargs)` for an extension type: `tp_new` (or the generic new, which
    /// refuses arguments when the type has no `tp_init`), then `tp_init`.
    pub(crate) fn ext_construct(
        &mut self,
        ty: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        self.ext_construct_with(ty, args, kwargs, false)
    }

    /// The error of arguments given to extension type `ty`, which has neither `tp_new` nor
    /// `tp_init`, as CPython words it: named after the type's full `tp_name`
    /// (`module.Type`); for a type with `tp_call`, which hpy.universal gives a `tp_new` of
    /// its own, `object.__new__`'s complaint instead.
    #[cold]
    #[inline(never)]
    fn takes_no_arguments(&mut self, ty: RawRef) -> crate::error::Raised {
        let t = self.obj(ty);
        let msg = if types::ext(t).is_some_and(|e| e.slot(HPy_tp_call).is_some()) {
            "object.__new__() takes exactly one argument (the type to instantiate)".to_string()
        } else {
            format!("{}() takes no arguments", types::data(t).tp_name)
        };
        self.raise("TypeError", msg)
    }

    /// `ext_construct`, or only its `tp_new` part when a Python class defines `__init__`
    /// (`py_init`: the caller runs it; the extension's new then accepts any arguments).
    pub(crate) fn ext_construct_with(
        &mut self,
        ty: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
        py_init: bool,
    ) -> PyResult<RawRef> {
        let (new, init, shape_base) = {
            let t = self.obj(ty);
            let e = types::ext(t).expect("an extension type");
            let base = match types::data(t).instances {
                Instances::Int => Some(self.b.int_type),
                Instances::Float => Some(self.b.float_type),
                Instances::Str => Some(self.b.str_type),
                Instances::Tuple => Some(self.b.tuple_type),
                Instances::List => Some(self.b.list_type),
                Instances::Dict => Some(self.b.dict_type),
                Instances::Type => Some(self.b.type_type),
                _ => None,
            };
            let init = if py_init { None } else { e.slot(HPy_tp_init) };
            (e.slot(HPy_tp_new), init, base)
        };
        if new.is_none() && init.is_none() && shape_base.is_none() {
            // `Foo()` of a type without `tp_new` or `tp_init`: no extension code runs, so
            // nothing to root and no keywords dict to build.
            if !py_init && (!args.is_empty() || !kwargs.is_empty()) {
                return Err(self.takes_no_arguments(ty));
            }
            return self.generic_new(ty);
        }
        let mark = self.up_push_call(ty, args, kwargs);
        let r = (|| {
            let kw = self.kwargs_dict(kwargs, mark + 1 + args.len())?;
            let kwpos = self.roots.stack.len();
            self.push(kw);
            // The operands' current addresses: the type (or instance), the arguments,
            // the keywords dict; in an array on the stack for the usual few arguments.
            let n_all = args.len() + 2;
            let mut small = [RawRef::NULL; 8];
            let mut big: Vec<RawRef> = Vec::new();
            if n_all > small.len() {
                big.resize(n_all, RawRef::NULL);
            }
            let cur = |st: &State, all: &mut [RawRef]| {
                all[0] = st.at(mark);
                for (i, a) in all[1..n_all - 1].iter_mut().enumerate() {
                    *a = st.at(mark + 1 + i);
                }
                all[n_all - 1] = st.at(kwpos);
            };
            let obj = match new {
                Some(f) => {
                    let all = if n_all <= small.len() {
                        &mut small[..n_all]
                    } else {
                        &mut big[..]
                    };
                    cur(self, all);
                    let n = args.len() as HPy_ssize_t;
                    let h = self.with_handles_at("__new__", f, all, |ctx, hs| {
                        let kw = hs[hs.len() - 1];
                        // SAFETY: `tp_new` has the `HPyFunc_newfunc` signature.
                        unsafe {
                            std::mem::transmute::<usize, NewFunc>(f)(
                                ctx,
                                hs[0],
                                hs[1..].as_ptr(),
                                n,
                                kw,
                            )
                        }
                    });
                    self.take_result(h, "__new__")?
                }
                None if shape_base.is_some() => {
                    // The base's `tp_new` (`str.__new__(cls, *args)`…), then a copy typed
                    // `cls` with a payload.
                    let bt = shape_base.expect("checked");
                    if bt == self.b.type_type {
                        // `Meta(name, bases, dict)` (a `class` statement with
                        // `metaclass=Meta`): `type.__new__`, which gives the class the
                        // metaclass's payload, zeroed.
                        let n = args.len();
                        if n != 3 {
                            return Err(self.raise(
                                "TypeError",
                                format!("type.__new__() takes exactly 3 arguments ({n} given)"),
                            ));
                        }
                        let parts = [self.at(mark + 1), self.at(mark + 2), self.at(mark + 3)];
                        let kw: Vec<(String, RawRef)> = kwargs
                            .iter()
                            .enumerate()
                            .map(|(i, (k, _))| (k.clone(), self.at(mark + 4 + i)))
                            .collect();
                        let meta = self.at(mark);
                        return self.up_type_new_with(meta, parts, &kw);
                    }
                    // list.__new__ and dict.__new__ ignore their arguments (their
                    // __init__ reads them): with the type's own tp_init, they start empty.
                    let empty =
                        init.is_some() && (bt == self.b.list_type || bt == self.b.dict_type);
                    let cur_args: Vec<RawRef> = if empty {
                        Vec::new()
                    } else {
                        (0..args.len()).map(|i| self.at(mark + 1 + i)).collect()
                    };
                    let cur_kw: Vec<(String, RawRef)> = if empty {
                        Vec::new()
                    } else {
                        kwargs
                            .iter()
                            .enumerate()
                            .map(|(i, (k, _))| (k.clone(), self.at(mark + 1 + args.len() + i)))
                            .collect()
                    };
                    let v = self.call_type(bt, &cur_args, &cur_kw)?;
                    let cls = self.at(mark);
                    self.shaped_instance(cls, v)?
                }
                None => {
                    if init.is_none() && !py_init && (!args.is_empty() || !kwargs.is_empty()) {
                        return Err(self.takes_no_arguments(ty));
                    }
                    self.generic_new(ty)?
                }
            };
            let opos = self.push(obj);
            if let Some(f) = init {
                let is_inst = types::is_subtype(type_of(self.obj(obj)), self.obj(self.at(mark)));
                if is_inst {
                    let all = if n_all <= small.len() {
                        &mut small[..n_all]
                    } else {
                        &mut big[..]
                    };
                    cur(self, all);
                    all[0] = self.at(opos);
                    let n = args.len() as HPy_ssize_t;
                    let rc = self.with_handles("__init__", all, |ctx, hs| {
                        let kw = hs[hs.len() - 1];
                        // SAFETY: `tp_init` has the `HPyFunc_initproc` signature.
                        unsafe {
                            std::mem::transmute::<usize, InitProc>(f)(
                                ctx,
                                hs[0],
                                hs[1..].as_ptr(),
                                n,
                                kw,
                            )
                        }
                    });
                    self.slot_status(rc as i64, "__init__")?;
                }
            }
            Ok(self.at(opos))
        })();
        self.truncate(mark);
        r
    }

    /// The extension base's `tp_init` on `o` (a Python subclass's instance, through
    /// `super().__init__(...)`); nothing if the base has none.
    pub(crate) fn ext_init(
        &mut self,
        o: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<()> {
        let Some(f) = self.ext_slot(o, HPy_tp_init) else {
            return Ok(());
        };
        let mark = self.up_push_call(o, args, kwargs);
        let r = (|| {
            let kw = self.kwargs_dict(kwargs, mark + 1 + args.len())?;
            let mut all: Vec<RawRef> = (0..=args.len()).map(|i| self.at(mark + i)).collect();
            all.push(kw);
            let n = args.len() as HPy_ssize_t;
            let rc = self.with_handles("__init__", &mut all, |ctx, hs| {
                let kw = hs[hs.len() - 1];
                // SAFETY: `tp_init` has the `HPyFunc_initproc` signature.
                unsafe {
                    std::mem::transmute::<usize, InitProc>(f)(ctx, hs[0], hs[1..].as_ptr(), n, kw)
                }
            });
            self.slot_status(rc as i64, "__init__").map(|_| ())
        })();
        self.truncate(mark);
        r
    }

    /// The keyword arguments as a dict (null when there are none) for `tp_new`/`tp_init`:
    /// names from `kwargs`, values from the stack from `values_at` (where the caller
    /// rooted them). The dict stays pushed on the stack, for the caller to truncate.
    #[inline]
    fn kwargs_dict(&mut self, kwargs: &[(String, RawRef)], values_at: usize) -> PyResult<RawRef> {
        if kwargs.is_empty() {
            return Ok(RawRef::NULL);
        }
        self.kwargs_dict_of(kwargs, values_at)
    }

    /// `kwargs_dict` when there are keyword arguments (out of line: `Foo()` has none).
    #[inline(never)]
    fn kwargs_dict_of(
        &mut self,
        kwargs: &[(String, RawRef)],
        values_at: usize,
    ) -> PyResult<RawRef> {
        let d = dict::new(&self.alloc())?.raw();
        let di = self.push(d);
        for (i, (k, _)) in kwargs.iter().enumerate() {
            let key = pystr::new(&self.alloc(), k)?.raw();
            let v = self.at(values_at + i);
            self.dict_set(self.at(di), key, v)?;
        }
        Ok(self.at(di))
    }

    /// A new instance of extension type `ty` with a zeroed payload (`HPyType_GenericNew`,
    /// `HPy_New`).
    #[inline]
    pub(crate) fn generic_new(&mut self, ty: RawRef) -> PyResult<RawRef> {
        let t = self.obj(ty);
        let e = match types::ext(t) {
            Some(e) if e.shape == 0 => e,
            _ => return self.generic_new_other(ty),
        };
        let (size, destroy, traverse, finalize) = e.payload_slots();
        let a = self.alloc();
        let o = crate::host::payload::new_instance(&a, t, size, destroy, traverse)?;
        if finalize {
            a.heap.register_finalizer(o);
        }
        let o = o.raw();
        self.note_created(o);
        Ok(o)
    }

    /// [`Self::generic_new`] of a builtin-shape type, or of a type that is not an
    /// extension type (an error).
    #[inline(never)]
    fn generic_new_other(&mut self, ty: RawRef) -> PyResult<RawRef> {
        let t = self.obj(ty);
        if types::ext(t).is_none() {
            let n = types::data(t).tp_name.clone();
            return Err(self.raise("TypeError", format!("cannot create '{n}' instances")));
        }
        // HPy_New of a builtin shape: the builtin part is the kind's empty value (what
        // CPython's zero-filled `tp_alloc` gives: 0, 0.0, '', (), []).
        let inst = types::data(t).instances;
        if inst == Instances::Type {
            // A type is made by HPyType_FromSpec with this metaclass as its
            // HPyType_SpecParam_Metaclass, never from a zeroed struct.
            let n = types::data(t).tp_name.clone();
            return Err(self.raise(
                "TypeError",
                format!("cannot create '{n}' instances with HPy_New: a type whose metaclass is '{n}' is made by HPyType_FromSpec with HPyType_SpecParam_Metaclass"),
            ));
        }
        let a = self.alloc();
        let v = match inst {
            Instances::Int => crate::objects::int::new_i64(&a, 0)?,
            Instances::Float => crate::objects::float::new(&a, 0.0)?,
            Instances::Str => pystr::new(&a, "")?,
            Instances::Tuple => crate::objects::tuple::new(&a, &[])?,
            Instances::Dict => dict::new(&a)?,
            _ => crate::objects::list::new(&a, &[])?,
        };
        self.shaped_instance(ty, v.raw())
    }

    /// An instance of builtin-shape type `ty` whose builtin part equals `v` (an object of
    /// the shape's kind): a fresh copy of `v` (`v` may be shared: a small int, an interned
    /// str, the argument itself) with `ty` as its type and a zeroed payload.
    pub(crate) fn shaped_instance(&mut self, ty: RawRef, v: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let t = a.heap_obj(ty);
        let vo = a.heap_obj(v);
        let k = a.kinds();
        let o = if vo.kind() == k.int {
            crate::objects::int::new_fresh(&a, &crate::objects::int::to_bigint(vo))?
        } else if vo.kind() == k.float {
            crate::objects::float::new(&a, crate::objects::float::value(vo))?
        } else if vo.kind() == k.str_ {
            let text = pystr::as_str(vo).to_string();
            pystr::new(&a, &text)?
        } else if vo.kind() == k.tuple {
            let items: Vec<_> = crate::objects::tuple::items(vo).collect();
            crate::objects::tuple::new(&a, &items)?
        } else if vo.kind() == k.list {
            let items: Vec<_> = crate::objects::list::items(vo).collect();
            crate::objects::list::new(&a, &items)?
        } else if vo.kind() == k.dict {
            let d = dict::new(&a)?;
            for (key, val) in dict::entries(vo).iter() {
                // The keys of a dict are pairwise unequal: each one is a new entry.
                dict::insert(
                    &a,
                    d,
                    a.heap_obj(key.key.get()),
                    key.hash,
                    a.heap_obj(*val),
                    |_| false,
                );
            }
            d
        } else {
            let n = types::data(t).tp_name.clone();
            return Err(self.raise(
                "SystemError",
                format!("cannot make a '{n}' instance from this value"),
            ));
        };
        a.set(o, crate::objects::W_TYPE, Some(t));
        // A dict is registered as owning its entries already (see `attach_shaped`).
        let e = types::ext(t).expect("an extension type");
        crate::host::payload::attach_payload(&a, o, e, o.kind() != k.dict)?;
        let o = o.raw();
        self.note_created(o);
        Ok(o)
    }

    /// Debug mode: where (in C) an instance with a payload was created, for a report of
    /// its payload used after it died.
    #[inline]
    fn note_created(&mut self, o: RawRef) {
        if self.roots.handles.debug.is_none() {
            return;
        }
        self.note_created_debug(o);
    }

    /// `note_created` in debug mode (out of line: the usual path only checks the mode).
    #[inline(never)]
    fn note_created_debug(&mut self, o: RawRef) {
        let Some(d) = self.roots.handles.debug.as_deref() else {
            return;
        };
        let (stack, collection) = (d.stack_here(), d.collection);
        if let Some(p) = hpyobj::payload_of(&self.b.kinds, self.obj(o)) {
            crate::host::payload::note_created(p, stack, collection);
        }
    }

    // ------------------------------------------------------------------ attributes

    /// Attribute lookup on an instance of an extension type (CPython's generic getattr:
    /// data descriptors, then methods bound to the instance, then class attributes).
    /// `Ok(None)`: not found (no exception set).
    pub(crate) fn ext_getattr(&mut self, r: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let Some(found) = self.type_lookup(type_of(self.obj(r)).raw(), name) else {
            return Ok(None);
        };
        let fo = self.obj(found);
        if fo.kind() == self.b.kinds.hpy_descr {
            return self.descr_get(found, r).map(Some);
        }
        if self.obj(r).kind() == self.b.kinds.type_ {
            // `r` is a type whose metaclass is an extension type. CPython's type_getattro:
            // the metaclass's data descriptors (above), then the type's own attributes
            // (its MRO, `__name__`…: the caller's type lookup), then the metaclass's other
            // attributes, methods bound to the type.
            let own = self.type_lookup(r, name).is_some()
                || matches!(
                    name,
                    "__name__" | "__qualname__" | "__mro__" | "__base__" | "__class__"
                );
            if own {
                return Ok(None);
            }
        }
        if fo.kind() == self.b.kinds.function && function::info(fo).signature & METHOD_DESCR != 0 {
            return self.bind_method_descr(fo.raw(), r).map(Some);
        }
        // A builtin type's method (an instance of a str/int/... shape): bind it.
        if fo.kind() == self.b.kinds.native && crate::objects::native::self_of(fo).is_null() {
            let idx = crate::objects::native::index(fo);
            let a = self.alloc();
            let m = crate::objects::native::new(&a, name, r, idx)?;
            return Ok(Some(m.raw()));
        }
        Ok(Some(found))
    }

    /// `setattr` (or `delattr`, `value` null) on an instance of an extension type: only
    /// members and get/set descriptors can be set (no instance dict).
    pub(crate) fn ext_setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        let t = type_of(self.obj(r)).raw();
        if let Some(d) = self.type_lookup(t, name) {
            if self.obj(d).kind() == self.b.kinds.hpy_descr {
                return self.descr_set(d, r, value);
            }
        }
        let tn = self.type_name(r);
        let msg = match self.type_lookup(t, name) {
            Some(_) => format!("'{tn}' object attribute '{name}' is read-only"),
            None => format!("'{tn}' object has no attribute '{name}'"),
        };
        Err(self.raise("AttributeError", msg))
    }

    /// Checks that `obj` is an instance of the descriptor's owner.
    fn descr_check(&mut self, d: RawRef, obj: RawRef) -> PyResult<()> {
        let dob = self.obj(d);
        let owner = hpyobj::descr_owner(dob);
        if types::is_subtype(type_of(self.obj(obj)), owner) {
            return Ok(());
        }
        let (dn, on) = (
            hpyobj::descr_name(dob).to_string(),
            hpyobj::descr_owner_name(dob),
        );
        let tn = self.type_name(obj);
        Err(self.raise(
            "TypeError",
            format!("descriptor '{dn}' for '{on}' objects doesn't apply to a '{tn}' object"),
        ))
    }

    fn payload_ptr(&self, obj: RawRef) -> *mut u8 {
        hpyobj::data_of(&self.b.kinds, self.obj(obj))
    }

    /// `descr.__get__(obj)`: reads a member or calls a getter.
    pub(crate) fn descr_get(&mut self, d: RawRef, obj: RawRef) -> PyResult<RawRef> {
        self.descr_check(d, obj)?;
        let dob = self.obj(d);
        let (kind, i) = hpyobj::descr_entry(dob);
        let owner = hpyobj::descr_owner(dob);
        if kind == DescrKind::Slot {
            // A Python class's slot: the value is kept in the instance.
            return self.slot_get(d, obj);
        }
        let e = types::ext(owner).expect("descriptors belong to extension types");
        match kind {
            DescrKind::Slot => unreachable!("returned above"),
            DescrKind::Member => {
                let m = e.members[i].clone();
                if m.name == "__vectorcalloffset__" {
                    return self.vectorcall_value(obj);
                }
                let base = self.payload_ptr(obj);
                self.member_get(&m, base, obj)
            }
            DescrKind::GetSet => {
                let g = e.getsets[i].clone();
                if g.getter == 0 {
                    let tn = types::name(owner).to_string();
                    return Err(self.raise(
                        "AttributeError",
                        format!("attribute '{}' of '{tn}' objects is not readable", g.name),
                    ));
                }
                let h = self.with_handles_at("getter", g.getter, &mut [obj], |ctx, hs| {
                    // SAFETY: the getter has the `HPyFunc_getter` signature.
                    unsafe {
                        std::mem::transmute::<usize, Getter>(g.getter)(
                            ctx,
                            hs[0],
                            g.closure as *mut c_void,
                        )
                    }
                });
                self.take_result(h, &g.name)
            }
        }
    }

    /// `obj.__vectorcalloffset__`. On CPython the member reads the vectorcall function
    /// stored in the object: the trampoline of the call function `HPy_SetCallFunction` set,
    /// or of the type's `HPy_tp_call`, or 0. hpymove calls implementations directly (no
    /// trampolines, nothing stored in the payload), so it gives the address of that call
    /// function's implementation: non-zero exactly when CPython's is.
    fn vectorcall_value(&mut self, obj: RawRef) -> PyResult<RawRef> {
        let own = self.own_call(obj);
        let f = if own != 0 {
            own
        } else {
            self.ext_slot(obj, HPy_tp_call).unwrap_or(0)
        };
        Ok(int::new_i64(&self.alloc(), f as i64)?.raw())
    }

    /// `descr.__set__(obj, value)` (`value` null: `__delete__`).
    pub(crate) fn descr_set(&mut self, d: RawRef, obj: RawRef, value: RawRef) -> PyResult<()> {
        self.descr_check(d, obj)?;
        let dob = self.obj(d);
        let (kind, i) = hpyobj::descr_entry(dob);
        let owner = hpyobj::descr_owner(dob);
        let tn = types::name(owner).to_string();
        if kind == DescrKind::Slot {
            return self.slot_set(d, obj, value);
        }
        let e = types::ext(owner).expect("descriptors belong to extension types");
        match kind {
            DescrKind::Slot => unreachable!("returned above"),
            DescrKind::Member => {
                let m = e.members[i].clone();
                let base = self.payload_ptr(obj);
                self.member_set(&m, base, obj, value)
            }
            DescrKind::GetSet => {
                let g = e.getsets[i].clone();
                if g.setter == 0 {
                    return Err(self.raise(
                        "AttributeError",
                        format!("attribute '{}' of '{tn}' objects is not writable", g.name),
                    ));
                }
                let rc = self.with_handles("setter", &mut [obj, value], |ctx, hs| {
                    // SAFETY: the setter has the `HPyFunc_setter` signature (HPy_NULL for
                    // a deletion).
                    unsafe {
                        std::mem::transmute::<usize, Setter>(g.setter)(
                            ctx,
                            hs[0],
                            hs[1],
                            g.closure as *mut c_void,
                        )
                    }
                });
                self.slot_status(rc as i64, &g.name).map(|_| ())
            }
        }
    }

    fn member_get(&mut self, m: &hpyobj::Member, base: *mut u8, obj: RawRef) -> PyResult<RawRef> {
        if m.ty == HPyMember_NONE {
            return Ok(self.b.none);
        }
        if base.is_null() {
            return Err(self.raise(
                "SystemError",
                format!("member '{}': the object has no payload", m.name),
            ));
        }
        // SAFETY: the offset was checked against the payload size at type creation, and the
        // payload belongs to `obj`, a live instance; unaligned reads are used throughout.
        let p = unsafe { base.add(m.offset) };
        macro_rules! rd {
            ($t:ty) => {
                // SAFETY: in bounds of the payload (see above).
                unsafe { std::ptr::read_unaligned(p as *const $t) }
            };
        }
        let a = self.alloc();
        let v = match m.ty {
            HPyMember_SHORT => int::new_i64(&a, rd!(i16) as i64)?,
            HPyMember_INT => int::new_i64(&a, rd!(i32) as i64)?,
            HPyMember_LONG | HPyMember_LONGLONG | HPyMember_HPYSSIZET => {
                int::new_i64(&a, rd!(i64))?
            }
            HPyMember_BYTE => int::new_i64(&a, rd!(i8) as i64)?,
            HPyMember_UBYTE => int::new_i64(&a, rd!(u8) as i64)?,
            HPyMember_USHORT => int::new_i64(&a, rd!(u16) as i64)?,
            HPyMember_UINT => int::new_i64(&a, rd!(u32) as i64)?,
            HPyMember_ULONG | HPyMember_ULONGLONG => int::new_u64(&a, rd!(u64))?,
            HPyMember_FLOAT => float::new(&a, rd!(f32) as f64)?,
            HPyMember_DOUBLE => float::new(&a, rd!(f64))?,
            HPyMember_BOOL => {
                return Ok(if rd!(u8) != 0 {
                    self.b.true_
                } else {
                    self.b.false_
                })
            }
            HPyMember_CHAR => {
                let c = rd!(u8);
                let s = String::from_utf8_lossy(&[c]).into_owned();
                pystr::new(&a, &s)?
            }
            HPyMember_STRING => {
                let s = rd!(*const std::ffi::c_char);
                if s.is_null() {
                    return Ok(self.b.none);
                }
                // SAFETY: the extension keeps a NUL-terminated string there.
                let t = unsafe { std::ffi::CStr::from_ptr(s) }
                    .to_string_lossy()
                    .into_owned();
                pystr::new(&a, &t)?
            }
            HPyMember_STRING_INPLACE => {
                // SAFETY: the extension keeps a NUL-terminated array there.
                let t = unsafe { std::ffi::CStr::from_ptr(p as *const std::ffi::c_char) }
                    .to_string_lossy()
                    .into_owned();
                pystr::new(&a, &t)?
            }
            HPyMember_OBJECT | HPyMember_OBJECT_EX => {
                let w = rd!(u64);
                if w == 0 {
                    if m.ty == HPyMember_OBJECT {
                        return Ok(self.b.none);
                    }
                    let tn = self.type_name(obj);
                    return Err(self.raise(
                        "AttributeError",
                        format!("'{tn}' object has no attribute '{}'", m.name),
                    ));
                }
                // An HPyField holds its target's address (DESIGN.md), kept current by
                // the type's tp_traverse; checked before use.
                let what = format!("reading member '{}'", m.name);
                return Ok(self.checked_field_target(obj, w as isize, Some(m.offset), &what));
            }
            _ => return Err(self.raise("SystemError", format!("bad member type {}", m.ty.0))),
        };
        Ok(v.raw())
    }

    fn member_set(
        &mut self,
        m: &hpyobj::Member,
        base: *mut u8,
        obj: RawRef,
        value: RawRef,
    ) -> PyResult<()> {
        if m.readonly {
            return Err(self.raise("AttributeError", "readonly attribute".into()));
        }
        if m.ty == HPyMember_NONE && !value.is_null() {
            // A writable member that always reads None takes no value: CPython's
            // `PyMember_SetOne` knows no such type (deleting it is the TypeError below).
            return Err(self.raise(
                "SystemError",
                format!("bad memberdescr type for {}", m.name),
            ));
        }
        if matches!(m.ty, HPyMember_STRING | HPyMember_STRING_INPLACE) {
            // CPython's PyMember_SetOne: text members are never writable, a TypeError.
            return Err(self.raise("TypeError", "readonly attribute".into()));
        }
        if value.is_null() && !matches!(m.ty, HPyMember_OBJECT | HPyMember_OBJECT_EX) {
            return Err(self.raise("TypeError", "can't delete numeric/char attribute".into()));
        }
        if base.is_null() {
            return Err(self.raise(
                "SystemError",
                format!("member '{}': the object has no payload", m.name),
            ));
        }
        // SAFETY: as in `member_get`.
        let p = unsafe { base.add(m.offset) };
        macro_rules! wr {
            ($t:ty, $v:expr) => {
                // SAFETY: in bounds of the payload (checked at type creation).
                unsafe { std::ptr::write_unaligned(p as *mut $t, $v) }
            };
        }
        match m.ty {
            HPyMember_FLOAT | HPyMember_DOUBLE => {
                // `PyFloat_AsDouble`: numbers only (no parsing of text).
                let o = self.obj(value);
                let inst = types::data(type_of(o)).instances;
                let numeric = matches!(inst, types::Instances::Int | types::Instances::Float)
                    || value == self.b.true_
                    || value == self.b.false_
                    || types::ext(type_of(o)).is_some_and(|e| {
                        e.slot(HPy_nb_float).is_some() || e.slot(HPy_nb_index).is_some()
                    });
                if !numeric {
                    let t = self.type_name(value);
                    return Err(self.raise("TypeError", format!("must be real number, not {t}")));
                }
                let f = self.to_float(value)?;
                let v = float::value(self.obj(f));
                if m.ty == HPyMember_FLOAT {
                    wr!(f32, v as f32);
                } else {
                    wr!(f64, v);
                }
            }
            HPyMember_BOOL => {
                if value != self.b.true_ && value != self.b.false_ {
                    return Err(self.raise("TypeError", "attribute value type must be bool".into()));
                }
                wr!(u8, (value == self.b.true_) as u8);
            }
            HPyMember_CHAR => {
                let o = self.obj(value);
                let ok = types::data(type_of(o)).instances == types::Instances::Str
                    && pystr::as_str(o).len() == 1;
                if !ok {
                    return Err(self.raise(
                        "TypeError",
                        "bad argument type for built-in operation".into(),
                    ));
                }
                wr!(u8, pystr::as_str(o).as_bytes()[0]);
            }
            HPyMember_OBJECT | HPyMember_OBJECT_EX => {
                // An object member is an HPyField: `del` of an empty OBJECT_EX member is
                // an AttributeError (CPython's T_OBJECT_EX).
                // SAFETY: in bounds of the payload (checked at type creation).
                let empty = unsafe { std::ptr::read_unaligned(p as *const u64) } == 0;
                if value.is_null() && empty && m.ty == HPyMember_OBJECT_EX {
                    return Err(self.raise("AttributeError", m.name.clone()));
                }
                if !(p as usize).is_multiple_of(8) {
                    return Err(self.raise(
                        "SystemError",
                        format!("object member '{}' is not 8-byte aligned", m.name),
                    ));
                }
                return self.store_field(obj, p as *mut HPyField, value);
            }
            _ => {
                let i = self.index(value)?;
                let v: i128 = match crate::objects::ops::int_value(self.obj(i)) {
                    crate::objects::int::IntValue::Small(v) => v as i128,
                    crate::objects::int::IntValue::Big(b) => {
                        use num_traits::ToPrimitive;
                        match b.to_i128() {
                            Some(v) => v,
                            None => {
                                return Err(self.raise(
                                    "OverflowError",
                                    "Python int too large to convert to C long".into(),
                                ))
                            }
                        }
                    }
                };
                match m.ty {
                    HPyMember_SHORT => wr!(i16, v as i16),
                    HPyMember_INT => wr!(i32, v as i32),
                    HPyMember_BYTE => wr!(i8, v as i8),
                    HPyMember_UBYTE => wr!(u8, v as u8),
                    HPyMember_USHORT => wr!(u16, v as u16),
                    HPyMember_UINT => wr!(u32, v as u32),
                    HPyMember_ULONG | HPyMember_ULONGLONG => wr!(u64, v as u64),
                    _ => wr!(i64, v as i64),
                }
            }
        }
        Ok(())
    }
}

impl State {
    /// Calls a method looked up on its extension type (`Point.norm(p)`): the first argument
    /// is the instance, checked against the owner type.
    pub(crate) fn call_method_descr(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let fo = self.obj(f);
        let name = function::name(fo).to_string();
        let owner = function::self_of(fo);
        let on = types::name(owner).to_string();
        let Some(first) = args.first() else {
            return Err(self.raise(
                "TypeError",
                format!("unbound method {on}.{name}() needs an argument"),
            ));
        };
        if !types::is_subtype(type_of(self.obj(*first)), owner) {
            let on = types::data(owner).tp_name.clone();
            let tn = self.type_name(*first);
            return Err(self.raise(
                "TypeError",
                format!("descriptor '{name}' for '{on}' objects doesn't apply to a '{tn}' object"),
            ));
        }
        let bound = self.bind_method_descr(f, *first)?;
        self.call(bound, &args[1..], kwargs)
    }

    /// An extension type's method (a function marked `METHOD_DESCR` in the type's dict)
    /// bound to `obj`: the same C function, with `obj` as its self. Allocates only.
    pub(crate) fn bind_method_descr(&mut self, f: RawRef, obj: RawRef) -> PyResult<RawRef> {
        let fo = self.obj(f);
        let info = function::info(fo);
        let name = function::name(fo).to_string();
        let doc = function::doc(fo);
        let doc = (doc.raw() != self.b.none).then(|| pystr::as_str(doc).to_string());
        let a = self.alloc();
        let bound = function::new(
            &a,
            &name,
            doc.as_deref(),
            self.obj(obj),
            info.impl_,
            info.signature & !METHOD_DESCR,
            info.label,
        )?;
        Ok(bound.raw())
    }
}

/// What a call into extension code returns, for debug mode's checks of the call: a result
/// handle (checked for leaks' exception and returned arguments) or a plain value.
pub(crate) trait CallResult: Sized {
    fn handle(&self) -> Option<HPy> {
        None
    }
    fn with_handle(self, _h: HPy) -> Self {
        self
    }
}

impl CallResult for HPy {
    fn handle(&self) -> Option<HPy> {
        Some(*self)
    }
    fn with_handle(self, h: HPy) -> Self {
        h
    }
}

impl CallResult for c_int {}
impl CallResult for isize {}
impl CallResult for i64 {}
impl CallResult for () {}
