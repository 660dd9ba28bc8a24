//! The dunder methods of Python classes, dispatched from the runtime's protocols.
//!
//! Every protocol entry point that reaches an extension type's slots (`repr_text`,
//! `hash`, rich comparison, the number operators, `len`, item access, `in`, `iter`/`next`,
//! calls, truth, conversions) first asks here when an operand is an instance of a Python
//! class. A method defined by a Python class of the instance's MRO wins over the slots and
//! builtin behaviour of the bases, as in CPython where a class statement fills the type's
//! slots with wrappers that call the methods. So an extension calling `HPy_Add`,
//! `HPy_GetItem` or `HPy_Repr` on such an instance runs the Python method too.
//!
//! Each hook returns `None` when no Python class defines the method, and the caller goes on
//! with the slots of the bases. Operands are rooted on the interpreter stack while Python
//! code runs, and written back to the caller's operand array (`ops`) afterwards.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{instance, type_of, types};
use crate::protocols::number::{BinOp, UnaryOp};
use crate::state::State;
use crate::value_stack::Rooted;

/// `(method, reflected method, in-place method)` of a binary operator.
fn binary_names(op: BinOp) -> (&'static str, &'static str, &'static str) {
    match op {
        BinOp::Add => ("__add__", "__radd__", "__iadd__"),
        BinOp::Sub => ("__sub__", "__rsub__", "__isub__"),
        BinOp::Mul => ("__mul__", "__rmul__", "__imul__"),
        BinOp::MatMul => ("__matmul__", "__rmatmul__", "__imatmul__"),
        BinOp::TrueDiv => ("__truediv__", "__rtruediv__", "__itruediv__"),
        BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
        BinOp::Mod => ("__mod__", "__rmod__", "__imod__"),
        BinOp::DivMod => ("__divmod__", "__rdivmod__", "__idivmod__"),
        BinOp::Pow => ("__pow__", "__rpow__", "__ipow__"),
        BinOp::LShift => ("__lshift__", "__rlshift__", "__ilshift__"),
        BinOp::RShift => ("__rshift__", "__rrshift__", "__irshift__"),
        BinOp::And => ("__and__", "__rand__", "__iand__"),
        BinOp::Or => ("__or__", "__ror__", "__ior__"),
        BinOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
    }
}

const CMP_NAMES: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];
const CMP_SWAPPED: [i32; 6] = [4, 5, 2, 3, 0, 1];

impl State {
    /// Calls special method `name` of `r` with `args` after `r`; `None`: not defined by a
    /// Python class.
    pub(crate) fn call_dunder(
        &mut self,
        r: RawRef,
        name: &str,
        args: &[RawRef],
    ) -> Option<PyResult<RawRef>> {
        let f = self.py_method(r, name)?;
        Some(self.call_method_value(f, r, args))
    }

    /// Calls class attribute `f` as a method of `r`.
    fn call_method_value(&mut self, f: RawRef, r: RawRef, args: &[RawRef]) -> PyResult<RawRef> {
        let fo = self.obj(f);
        if f == self.b.none {
            let t = self.type_name(r);
            return Err(self.raise("TypeError", format!("'{t}' object is not callable")));
        }
        let mut all = Vec::with_capacity(args.len() + 1);
        if fo.kind() == self.b.kinds.wrap {
            let ty = type_of(fo).raw();
            if ty == self.b.staticmethod_type {
                return self.call(instance::part(fo, 0), args, &[]);
            }
            if ty == self.b.classmethod_type {
                all.push(type_of(self.obj(r)).raw());
                all.extend_from_slice(args);
                return self.call(instance::part(fo, 0), &all, &[]);
            }
        }
        if self.is_py(f) {
            return self.call_special_object(f, r, args);
        }
        all.push(r);
        all.extend_from_slice(args);
        self.call(f, &all, &[])
    }

    /// A special method that is an instance of a Python class (a `Mock` set as
    /// `__len__`): a descriptor gives the callable (`__get__(r, type(r))`); anything
    /// else is called as it is, without `r`, as CPython's special-method lookup does.
    fn call_special_object(&mut self, f: RawRef, r: RawRef, args: &[RawRef]) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        self.push(f);
        self.push(r);
        for a in args {
            self.push(*a);
        }
        let result = (|| {
            let fty = type_of(self.obj(self.at(mark))).raw();
            let callee = match self.py_lookup(fty, "__get__") {
                Some(get) => {
                    let (f, r) = (self.at(mark), self.at(mark + 1));
                    let t = type_of(self.obj(r)).raw();
                    self.call(get, &[f, r, t], &[])?
                }
                None => self.at(mark),
            };
            let argv: Vec<RawRef> = (0..args.len()).map(|i| self.at(mark + 2 + i)).collect();
            self.call(callee, &argv, &[])
        })();
        self.truncate(mark);
        result
    }

    /// `dunder_on(ops, 0, name, &[])` for a conversion method (`__index__`…).
    pub(crate) fn dunder_on_pub(
        &mut self,
        ops: &mut [RawRef],
        name: &str,
    ) -> Option<PyResult<RawRef>> {
        self.dunder_on(ops, 0, name, &[])
    }

    /// Calls `name` with the operands rooted; writes their current addresses back.
    fn dunder_on(
        &mut self,
        ops: &mut [RawRef],
        who: usize,
        name: &str,
        args: &[usize],
    ) -> Option<PyResult<RawRef>> {
        let f = self.py_method(ops[who], name)?;
        let mark = self.roots.stack.len();
        for o in ops.iter() {
            self.push(*o);
        }
        let argv: Vec<RawRef> = args.iter().map(|i| ops[*i]).collect();
        let r = self.call_method_value(f, ops[who], &argv);
        for (i, o) in ops.iter_mut().enumerate() {
            *o = self.at(mark + i);
        }
        self.truncate(mark);
        Some(r)
    }

    // ------------------------------------------------------------ text, hash, truth

    /// `__repr__`/`__str__` of a Python class, as text.
    pub(crate) fn py_text(&mut self, r: RawRef, name: &str) -> Option<PyResult<String>> {
        let s = self.call_dunder(r, name, &[])?;
        Some(s.and_then(|s| self.text_result(s, name)))
    }

    /// `__hash__`: `None` in the class dict makes it unhashable.
    pub(crate) fn py_hash(&mut self, r: RawRef) -> Option<PyResult<i64>> {
        let f = self.py_method(r, "__hash__")?;
        if f == self.b.none {
            let t = self.type_name(r);
            return Some(Err(
                self.raise("TypeError", format!("unhashable type: '{t}'"))
            ));
        }
        let v = match self.call_method_value(f, r, &[]) {
            Ok(v) => v,
            Err(e) => return Some(Err(e)),
        };
        let vo = self.obj(v);
        if types::data(type_of(vo)).instances != types::Instances::Int
            && vo.kind() != self.b.kinds.bool_
        {
            return Some(Err(self.raise(
                "TypeError",
                "__hash__ method should return an integer".into(),
            )));
        }
        // An int that fits the hash type is the hash itself (CPython's rule); a bigger
        // one is hashed.
        let direct = num_traits::ToPrimitive::to_i64(&crate::objects::int::to_bigint(vo));
        let h = match direct {
            Some(h) => Ok(h),
            None => self.hash(v),
        };
        Some(h.map(|h| if h == -1 { -2 } else { h }))
    }

    /// `__bool__`, then `__len__`.
    pub(crate) fn py_truth(&mut self, r: RawRef) -> Option<PyResult<bool>> {
        if let Some(v) = self.call_dunder(r, "__bool__", &[]) {
            return Some(v.and_then(|v| {
                if v == self.b.true_ {
                    Ok(true)
                } else if v == self.b.false_ {
                    Ok(false)
                } else {
                    let t = self.type_name(v);
                    Err(self.raise(
                        "TypeError",
                        format!("__bool__ should return bool, returned {t}"),
                    ))
                }
            }));
        }
        self.py_method(r, "__len__")?;
        Some(self.len(r).map(|n| n != 0))
    }

    /// `__len__`: a non-negative int.
    pub(crate) fn py_len(&mut self, r: RawRef) -> Option<PyResult<usize>> {
        let v = self.call_dunder(r, "__len__", &[])?;
        Some(v.and_then(|v| {
            let k = self.index(v)?;
            match crate::objects::ops::int_value(self.obj(k)) {
                crate::objects::int::IntValue::Small(n) if n >= 0 => Ok(n as usize),
                crate::objects::int::IntValue::Small(_) => {
                    Err(self.raise("ValueError", "__len__() should return >= 0".into()))
                }
                _ => Err(self.raise(
                    "OverflowError",
                    "cannot fit 'int' into an index-sized integer".into(),
                )),
            }
        }))
    }

    // ------------------------------------------------------------ comparison

    /// Rich comparison when an operand is an instance of a Python class (CPython's
    /// `do_richcompare`: the reflected method first when the right operand's type is a
    /// proper subtype of the left's; `__ne__` inverts `__eq__` when not defined).
    /// `Ok(None)`: every method answered NotImplemented or none exists.
    pub(crate) fn py_richcompare(
        &mut self,
        ops: &mut [RawRef; 2],
        op: i32,
    ) -> PyResult<Option<RawRef>> {
        let (tv, tw) = (
            type_of(self.obj(ops[0])).raw(),
            type_of(self.obj(ops[1])).raw(),
        );
        let swapped = CMP_SWAPPED[op as usize];
        let mut checked_reverse = false;
        if tv != tw
            && types::is_subtype(self.obj(tw), self.obj(tv))
            && self
                .py_method(ops[1], CMP_NAMES[swapped as usize])
                .is_some()
        {
            checked_reverse = true;
            if let Some(r) = self.cmp_side(ops, 1, swapped)? {
                return Ok(Some(r));
            }
        }
        if let Some(r) = self.cmp_side(ops, 0, op)? {
            return Ok(Some(r));
        }
        if !checked_reverse {
            if let Some(r) = self.cmp_side(ops, 1, swapped)? {
                return Ok(Some(r));
            }
        }
        Ok(None)
    }

    /// Operand `who`'s comparison `op` against the other one.
    fn cmp_side(&mut self, ops: &mut [RawRef; 2], who: usize, op: i32) -> PyResult<Option<RawRef>> {
        let other = 1 - who;
        let name = CMP_NAMES[op as usize];
        let r = match self.dunder_on(ops, who, name, &[other]) {
            Some(r) => r?,
            None if op == 3 => match self.dunder_on(ops, who, "__eq__", &[other]) {
                Some(r) => {
                    let r = r?;
                    if r == self.b.notimpl {
                        return Ok(None);
                    }
                    let t = self.truth(r)?;
                    return Ok(Some(self.bool_obj(!t)));
                }
                None => return self.cmp_slot(ops, who, op),
            },
            None => return self.cmp_slot(ops, who, op),
        };
        Ok((r != self.b.notimpl).then_some(r))
    }

    /// An extension operand's `tp_richcompare` (not a Python class's method).
    fn cmp_slot(&mut self, ops: &mut [RawRef; 2], who: usize, op: i32) -> PyResult<Option<RawRef>> {
        match self.ext_slot(ops[who], hpy_abi::HPy_tp_richcompare) {
            Some(f) => self.call_richcmp(f, ops, who == 1, op),
            None => Ok(None),
        }
    }

    // ------------------------------------------------------------ numbers

    /// `a op b` when an operand is an instance of a Python class: `Some(Some(r))` a
    /// result, `Some(None)` every method answered NotImplemented.
    pub(crate) fn py_binary(
        &mut self,
        op: BinOp,
        ops: &mut [RawRef; 2],
        builtin: crate::protocols::number::BuiltinBinary,
    ) -> PyResult<Option<Option<RawRef>>> {
        let (lname, rname, _) = binary_names(op);
        let (ta, tb) = (
            type_of(self.obj(ops[0])).raw(),
            type_of(self.obj(ops[1])).raw(),
        );
        let lpy = self.py_method(ops[0], lname).is_some();
        let rpy = ta != tb && self.py_method(ops[1], rname).is_some();
        let slot = crate::host::exttype::nb_slot(op);
        let lc = if lpy {
            None
        } else {
            self.ext_slot(ops[0], slot)
        };
        let mut rc = if rpy || ta == tb {
            None
        } else {
            self.ext_slot(ops[1], slot)
        };
        if rc.is_some() && rc == lc {
            rc = None;
        }
        let mut right_done = false;
        if rpy && types::is_subtype(self.obj(tb), self.obj(ta)) {
            right_done = true;
            let r = self.dunder_on(ops, 1, rname, &[0]).expect("checked")?;
            if r != self.b.notimpl {
                return Ok(Some(Some(r)));
            }
        }
        let left = if lpy {
            Some(self.dunder_on(ops, 0, lname, &[1]).expect("checked")?)
        } else if let Some(f) = lc {
            self.nb_call(op, f, ops)?
        } else {
            // The builtin slots may run code (`'%s' % obj` calls `__str__`).
            let mark = self.roots.stack.len();
            self.push(ops[0]);
            self.push(ops[1]);
            let r = builtin(self, op, ops[0], ops[1]);
            ops[0] = self.at(mark);
            ops[1] = self.at(mark + 1);
            self.truncate(mark);
            r?
        };
        if let Some(r) = left.filter(|r| *r != self.b.notimpl) {
            return Ok(Some(Some(r)));
        }
        if !right_done {
            let right = if rpy {
                Some(self.dunder_on(ops, 1, rname, &[0]).expect("checked")?)
            } else if let Some(f) = rc {
                self.nb_call(op, f, ops)?
            } else {
                None
            };
            if let Some(r) = right.filter(|r| *r != self.b.notimpl) {
                return Ok(Some(Some(r)));
            }
        }
        Ok(Some(None))
    }

    /// `a op= b` through `__iop__`; `None`: not defined, `Some(None)`: NotImplemented.
    pub(crate) fn py_inplace(
        &mut self,
        op: BinOp,
        ops: &mut [RawRef; 2],
    ) -> Option<PyResult<Option<RawRef>>> {
        let (_, _, iname) = binary_names(op);
        let r = self.dunder_on(ops, 0, iname, &[1])?;
        Some(r.map(|r| (r != self.b.notimpl).then_some(r)))
    }

    /// `-a`, `+a`, `~a`, `abs(a)`.
    pub(crate) fn py_unary(&mut self, op: UnaryOp, a: RawRef) -> Option<PyResult<RawRef>> {
        let name = match op {
            UnaryOp::Neg => "__neg__",
            UnaryOp::Pos => "__pos__",
            UnaryOp::Invert => "__invert__",
            UnaryOp::Abs => "__abs__",
        };
        self.call_dunder(a, name, &[])
    }

    // ------------------------------------------------------------ containers

    pub(crate) fn py_getitem(&mut self, a: RawRef, key: RawRef) -> Option<PyResult<RawRef>> {
        self.call_dunder(a, "__getitem__", &[key])
    }

    /// `a[key] = value`, or `del a[key]` when `value` is null.
    pub(crate) fn py_setitem(
        &mut self,
        a: RawRef,
        key: RawRef,
        value: RawRef,
    ) -> Option<PyResult<()>> {
        let r = if value.is_null() {
            self.call_dunder(a, "__delitem__", &[key])?
        } else {
            self.call_dunder(a, "__setitem__", &[key, value])?
        };
        Some(r.map(|_| ()))
    }

    /// `item in a`: `__contains__`, else iteration when the class defines `__iter__`.
    pub(crate) fn py_contains(&mut self, a: RawRef, item: RawRef) -> Option<PyResult<bool>> {
        if let Some(r) = self.call_dunder(a, "__contains__", &[item]) {
            return Some(r.and_then(|r| self.truth(r)));
        }
        self.py_method(a, "__iter__")?;
        let mark = self.roots.stack.len();
        self.push(item);
        let r = (|| {
            let it = self.iter(a)?;
            let ii = self.push(it);
            while let Some(x) = self.next_at(Rooted::slot(ii))? {
                if self.same_or_eq(x, self.at(mark))? {
                    return Ok(true);
                }
            }
            Ok(false)
        })();
        self.truncate(mark);
        Some(r)
    }

    /// `iter(a)` through `__iter__`.
    pub(crate) fn py_iter(&mut self, a: RawRef) -> Option<PyResult<RawRef>> {
        let r = self.call_dunder(a, "__iter__", &[])?;
        Some(r.and_then(|it| {
            let o = self.obj(it);
            let ok = o.kind() == self.b.kinds.iterator
                || o.kind() == self.b.kinds.generator
                || self.py_method(it, "__next__").is_some()
                || types::data(type_of(o)).ext.is_some();
            if ok {
                Ok(it)
            } else {
                let t = self.type_name(it);
                Err(self.raise(
                    "TypeError",
                    format!("iter() returned non-iterator of type '{t}'"),
                ))
            }
        }))
    }

    /// `next(it)` through `__next__`: `Ok(None)` when it raised StopIteration.
    pub(crate) fn py_next(&mut self, it: RawRef) -> Option<PyResult<Option<RawRef>>> {
        let r = self.call_dunder(it, "__next__", &[])?;
        Some(match r {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                if self.exc_is("StopIteration") {
                    self.roots.exc = RawRef::NULL;
                    self.interp.tb_mark = None;
                    Ok(None)
                } else {
                    Err(e)
                }
            }
        })
    }
}
