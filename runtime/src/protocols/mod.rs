//! Object protocols with CPython 3.11's semantics and messages: length, hashing, equality,
//! the item protocol (indices and slices of str, bytes, tuple, list and range; dict keys),
//! containment, dict lookups, slices and ranges, attribute access.
//!
//! # Safepoints
//! Builtin values are compared and hashed without running code ([`crate::objects::ops`]), but objects
//! with their own `__eq__`/`__hash__` (extension types, Python classes) and iteration can run
//! code, and so reach a safepoint. Hence two rules in this file:
//! - a `RawRef` argument is stale once a call that may run code returned: callers re-read
//!   what they still need from their roots;
//! - inside, whatever must survive such a call is pushed on the rooted stack
//!   (`roots.stack`, see [`State::pin`]) and read back from it.
//!
//! Dict lookups follow DESIGN.md: hash first; compare under the borrow of the table only when
//! the comparison cannot run code; otherwise leave the table, compare, and restart the lookup
//! if the keys that matter changed meanwhile ([`State::dict_find`]).

pub(crate) mod construct;
pub(crate) mod iter;
#[allow(dead_code)] // filled in by the number-protocol work
pub(crate) mod number;
pub(crate) mod repr;

use gc::{ObjRef, RawRef};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::alloc::Alloc;
use crate::error::{PyResult, Raised};
use crate::objects::int::IntValue;
use crate::objects::ops;
use crate::objects::slice::Bounds;
use crate::objects::types::{self, Instances};
use crate::objects::{
    bytes, dict, exception, function, int, list, module, range, slice, str as pystr, tuple, type_of,
};
use crate::state::State;

fn instances(o: ObjRef<'_>) -> Instances {
    types::data(type_of(o)).instances
}

/// How dict operations compare the key looked up with a stored key.
pub(crate) trait KeyCompare {
    /// Under the borrow of the table, where no safepoint may run: the answer, or `None` to
    /// ask [`KeyCompare::slow`].
    fn fast(&mut self, a: &Alloc<'_>, stored: ObjRef<'_>, key: ObjRef<'_>) -> Option<bool>;
    /// Outside any borrow of the table; may run code and reach a safepoint.
    fn slow(&mut self, st: &mut State, stored: RawRef, key: RawRef) -> PyResult<bool>;
}

/// Python's key comparison: identity, then `stored == key` (as CPython's lookup does).
pub(crate) struct PyKeyEq;

impl KeyCompare for PyKeyEq {
    #[inline]
    fn fast(&mut self, a: &Alloc<'_>, stored: ObjRef<'_>, key: ObjRef<'_>) -> Option<bool> {
        ops::fast_eq(a, stored, key)
    }

    fn slow(&mut self, st: &mut State, stored: RawRef, key: RawRef) -> PyResult<bool> {
        st.same_or_eq(stored, key)
    }
}

/// What the first pass of a lookup found.
enum Probe {
    Hit(usize),
    /// A stored key whose comparison may run code.
    Ask(RawRef),
    Miss,
}

/// The messages of an index lookup on one kind of sequence.
struct IndexMsgs {
    /// "list indices must be integers or slices, not {}" with the key's type name.
    type_error: fn(&str) -> String,
    out_of_range: &'static str,
}

const LIST_GET: IndexMsgs = IndexMsgs {
    type_error: |t| format!("list indices must be integers or slices, not {t}"),
    out_of_range: "list index out of range",
};
const LIST_SET: IndexMsgs = IndexMsgs {
    type_error: |t| format!("list indices must be integers or slices, not {t}"),
    out_of_range: "list assignment index out of range",
};
const TUPLE_GET: IndexMsgs = IndexMsgs {
    type_error: |t| format!("tuple indices must be integers or slices, not {t}"),
    out_of_range: "tuple index out of range",
};
const STR_GET: IndexMsgs = IndexMsgs {
    type_error: |t| format!("string indices must be integers, not '{t}'"),
    out_of_range: "string index out of range",
};
const BYTES_GET: IndexMsgs = IndexMsgs {
    type_error: |t| format!("byte indices must be integers or slices, not {t}"),
    out_of_range: "index out of range",
};

/// Which dict operation [`State::dict_op`] performs once the key is found (or not).
enum DictOp {
    Get,
    Set(usize),
    Del,
}

impl State {
    // ------------------------------------------------------------ the rooted stack

    /// Roots `r` on the rooted stack; returns its slot.
    #[inline]
    pub(crate) fn pin(&mut self, r: RawRef) -> usize {
        self.roots.stack.push(r);
        self.roots.stack.len() - 1
    }

    /// The current reference in slot `i`.
    #[inline]
    pub(crate) fn pinned(&self, i: usize) -> RawRef {
        self.roots.stack[i]
    }

    /// Runs `f` with the stack's height as it was on entry, and drops whatever `f` pinned
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

    // ------------------------------------------------------------ basics

    pub(crate) fn type_name(&self, r: RawRef) -> String {
        types::type_name_of(self.obj(r))
    }

    /// `len(obj)`
    pub(crate) fn len(&mut self, r: RawRef) -> PyResult<usize> {
        if let Some(n) = self.ext_len(r) {
            return n;
        }
        let o = self.obj(r);
        let k = self.b.kinds;
        let kind = o.kind();
        Ok(if kind == k.str_ {
            pystr::char_len(o)
        } else if kind == k.bytes {
            bytes::data(o).len()
        } else if kind == k.tuple {
            tuple::len(o)
        } else if kind == k.list {
            list::len(o)
        } else if kind == k.dict {
            dict::len(o)
        } else if let Some((_, d)) = self.dict_view_of(r) {
            dict::len(self.obj(d))
        } else if kind == k.range {
            match range::length(o).to_isize() {
                Some(n) => n as usize,
                None => {
                    return Err(self.raise(
                        "OverflowError",
                        "Python int too large to convert to C ssize_t".into(),
                    ))
                }
            }
        } else {
            let n = self.type_name(r);
            return Err(self.raise("TypeError", format!("object of type '{n}' has no len()")));
        })
    }

    /// `hash(obj)`
    pub(crate) fn hash(&mut self, r: RawRef) -> PyResult<i64> {
        let fast = ops::fast_hash(&self.alloc(), self.obj(r));
        match fast {
            Some(Ok(h)) => Ok(h),
            Some(Err(name)) => Err(self.raise("TypeError", format!("unhashable type: '{name}'"))),
            None => self.hash_slow(r),
        }
    }

    /// The hash of an object that is not builtin or holds one.
    fn hash_slow(&mut self, r: RawRef) -> PyResult<i64> {
        if let Some(h) = self.py_hash(r) {
            return h;
        }
        if let Some(h) = self.ext_hash(r) {
            return h;
        }
        let o = self.obj(r);
        if o.kind() == self.b.kinds.tuple
            && (ops::is_builtin(o) || (types::data(type_of(o)).py && self.ext_of(r).is_none()))
        {
            // A tuple holding such objects: hash the items one by one.
            return self.pinning(|st, mark| {
                st.pin(r);
                let n = tuple::len(st.obj(r));
                let mut lanes = Vec::with_capacity(n);
                for i in 0..n {
                    let item = tuple::get(st.obj(st.pinned(mark)), i).raw();
                    lanes.push(st.hash(item)?);
                }
                Ok(ops::tuple_hash(&lanes))
            });
        }
        let k = self.b.kinds;
        // A Python subclass of list, dict or set is unhashable, of frozenset hashes its
        // items.
        if (o.kind() == k.dict || o.kind() == k.list) && types::data(type_of(o)).py {
            return match ops::value_hash(&self.alloc(), o) {
                Some(Ok(h)) => Ok(h),
                _ => {
                    let t = self.type_name(r);
                    Err(self.raise("TypeError", format!("unhashable type: '{t}'")))
                }
            };
        }
        // A builtin-shaped extension instance (a str subclass…) without its own hash or
        // comparison hashes as its builtin value, as the inherited __hash__ does.
        if [k.int, k.bool_, k.float, k.str_, k.bytes].contains(&o.kind())
            && self.ext_slot(r, hpy_abi::HPy_tp_richcompare).is_none()
        {
            if let Some(Ok(h)) = ops::value_hash(&self.alloc(), o) {
                return Ok(h);
            }
        }
        // The default hash. (A type's own `__hash__` — an extension's `tp_hash`, a Python
        // class's method — is dispatched here once the type machinery provides it.)
        Ok(ops::identity_hash(self.obj(r)))
    }

    /// `x == y`, the truth of the `==` operator (`nan == nan` is False).
    pub(crate) fn eq(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        let fast = ops::fast_richeq(&self.alloc(), self.obj(x), self.obj(y));
        match fast {
            Some(b) => Ok(b),
            None => self.eq_slow(x, y),
        }
    }

    /// `PyObject_RichCompareBool(x, y, Py_EQ)`: identity implies equality. How containers
    /// compare their items and dicts their keys.
    pub(crate) fn same_or_eq(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        if x == y {
            return Ok(true);
        }
        self.eq(x, y)
    }

    /// Equality that may run code: containers holding objects that are not builtin are
    /// compared item by item; other objects by identity. (A type's own `__eq__` is
    /// dispatched here once the type machinery provides it.)
    fn eq_slow(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        let mut ops = [x, y];
        if let Some(r) = self.ext_richcompare(&mut ops, 2)? {
            return self.truth(r);
        }
        self.eq_without_slots(ops[0], ops[1])
    }

    /// Equality once the types' own comparison slots and methods answered
    /// NotImplemented: builtin values by value, containers item by item, others by identity.
    pub(crate) fn eq_without_slots(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        if let Some(b) = ops::fast_richeq(&self.alloc(), self.obj(x), self.obj(y)) {
            return Ok(b);
        }
        if let Some(b) = self.view_eq(x, y)? {
            return Ok(b);
        }
        let k = self.b.kinds;
        // Builtin-shaped extension instances compare as their builtin value.
        let value_kinds = [k.int, k.bool_, k.float, k.str_, k.bytes];
        let (kx, ky) = (self.obj(x).kind(), self.obj(y).kind());
        if value_kinds.contains(&kx) && value_kinds.contains(&ky) {
            if let Some(b) = ops::value_eq(&self.alloc(), self.obj(x), self.obj(y)) {
                return Ok(b);
            }
        }
        let (ox, oy) = (self.obj(x), self.obj(y));
        // Python subclasses of list, tuple and dict compare as their base.
        let plain = |o: gc::ObjRef<'_>| {
            let d = types::data(type_of(o));
            ops::is_builtin(o) || (d.py && d.ext.is_none())
        };
        let builtin = plain(ox) && plain(oy);
        if builtin && ox.kind() == oy.kind() && (ox.kind() == k.tuple || ox.kind() == k.list) {
            let is_list = ox.kind() == k.list;
            return self.pinning(|st, mark| {
                st.pin(x);
                st.pin(y);
                let mut i = 0;
                loop {
                    // Lists may change while items compare: re-read the lengths each time.
                    let (a, b) = (st.obj(st.pinned(mark)), st.obj(st.pinned(mark + 1)));
                    let (na, nb, items) = if is_list {
                        let (na, nb) = (list::len(a), list::len(b));
                        let items = (i < na && i < nb)
                            .then(|| (list::get(a, i).raw(), list::get(b, i).raw()));
                        (na, nb, items)
                    } else {
                        let (na, nb) = (tuple::len(a), tuple::len(b));
                        let items = (i < na && i < nb)
                            .then(|| (tuple::get(a, i).raw(), tuple::get(b, i).raw()));
                        (na, nb, items)
                    };
                    if na != nb {
                        return Ok(false);
                    }
                    let Some((p, q)) = items else {
                        return Ok(true);
                    };
                    if !st.same_or_eq(p, q)? {
                        return Ok(false);
                    }
                    i += 1;
                }
            });
        }
        if builtin && ox.kind() == k.dict && oy.kind() == k.dict {
            return self.dict_eq_slow(x, y);
        }
        Ok(x == y)
    }

    /// Dict equality that may run code: every key of `x` is in `y` with an equal value.
    fn dict_eq_slow(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        self.pinning(|st, mark| {
            st.pin(x);
            st.pin(y);
            let (sx, sy, sk, sv) = (mark, mark + 1, st.pin(RawRef::NULL), st.pin(RawRef::NULL));
            let mut i = 0;
            loop {
                let (a, b) = (st.obj(st.pinned(sx)), st.obj(st.pinned(sy)));
                if dict::len(a) != dict::len(b) {
                    return Ok(false);
                }
                let Some((key, hash, value)) = dict::entries(a)
                    .get_index(i)
                    .map(|(k, v)| (k.key.get(), k.hash, *v))
                else {
                    return Ok(true);
                };
                st.roots.stack[sk] = key;
                st.roots.stack[sv] = value;
                let Some(j) = st.dict_find(sy, sk, hash, &mut PyKeyEq)? else {
                    return Ok(false);
                };
                let other = dict::entries(st.obj(st.pinned(sy)))
                    .get_index(j)
                    .map(|(_, v)| *v)
                    .expect("found above");
                if !st.same_or_eq(st.pinned(sv), other)? {
                    return Ok(false);
                }
                i += 1;
            }
        })
    }

    // ------------------------------------------------------------ indices

    /// `obj.__index__()` of the builtin integers (int and bool); None for other objects.
    /// (An extension's `nb_index` is not consulted: that belongs to the number protocol.)
    fn index_value(&self, r: RawRef) -> Option<IntValue> {
        let o = self.obj(r);
        let k = self.b.kinds;
        if o.kind() == k.int {
            Some(int::value(o))
        } else if o.kind() == k.bool_ {
            Some(IntValue::Small(o.word(crate::objects::W_DATA) as i64))
        } else {
            None
        }
    }

    /// A key for a builtin sequence given as an instance of a Python class with
    /// `__index__`: converted first (the container stays rooted while it runs).
    fn index_key(&mut self, r: RawRef, key: RawRef) -> PyResult<(RawRef, RawRef)> {
        if !self.is_py(key)
            || self.obj(r).kind() == self.b.kinds.dict
            || self.py_method(key, "__index__").is_none()
        {
            return Ok((r, key));
        }
        let ri = self.push(r);
        let k = self.index(key);
        let r = self.at(ri);
        self.truncate(ri);
        Ok((r, k?))
    }

    /// An index into a sequence of `len` items (negative counts from the end).
    fn seq_index(&mut self, key: RawRef, len: usize, msgs: &IndexMsgs) -> PyResult<usize> {
        let i = match self.index_value(key) {
            Some(IntValue::Small(i)) => i,
            Some(IntValue::Big(_)) => {
                return Err(self.raise(
                    "IndexError",
                    "cannot fit 'int' into an index-sized integer".into(),
                ))
            }
            None => {
                let t = self.type_name(key);
                return Err(self.raise("TypeError", (msgs.type_error)(&t)));
            }
        };
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.raise("IndexError", msgs.out_of_range.to_string()));
        }
        Ok(j as usize)
    }

    /// `KeyError(key)`
    pub(crate) fn key_error(&mut self, key: RawRef) -> Raised {
        let a = self.alloc();
        let args = tuple::new(&a, &[self.obj(key)]);
        match args.and_then(|t| exception::new(&a, self.b.exc("KeyError"), t)) {
            Ok(e) => self.roots.exc = e.raw(),
            Err(_) => self.settle(),
        }
        Raised
    }

    // ------------------------------------------------------------ slices

    /// `slice(start, stop, step)`; a null reference stands for None (as `PySlice_New`).
    pub(crate) fn new_slice(
        &mut self,
        start: RawRef,
        stop: RawRef,
        step: RawRef,
    ) -> PyResult<RawRef> {
        let a = self.alloc();
        let part = |r: RawRef| if r.is_null() { a.none() } else { self.obj(r) };
        Ok(slice::new(&a, part(start), part(stop), part(step))?.raw())
    }

    /// A slice bound as CPython's `_PyEval_SliceIndex` reads it: None stays None, an
    /// integer is clamped to the machine range.
    fn slice_index(&mut self, r: RawRef) -> PyResult<Option<isize>> {
        if r == self.b.none {
            return Ok(None);
        }
        match self.index_value(r) {
            Some(IntValue::Small(v)) => Ok(Some(v as isize)),
            Some(IntValue::Big(b)) => Ok(Some(if b.is_negative() {
                isize::MIN
            } else {
                isize::MAX
            })),
            None => Err(self.raise(
                "TypeError",
                "slice indices must be integers or None or have an __index__ method".into(),
            )),
        }
    }

    /// CPython's `PySlice_Unpack`: the step (1 when None; zero is a ValueError), then start
    /// and stop with their defaults for the step's direction, all clamped to the machine
    /// range (and the step to at least `-isize::MAX`, so that negating it cannot overflow).
    pub(crate) fn slice_unpack(&mut self, s: RawRef) -> PyResult<(isize, isize, isize)> {
        let [start, stop, step] = slice::parts(self.obj(s)).map(|p| p.raw());
        let step = match self.slice_index(step)? {
            None => 1,
            Some(0) => {
                return Err(self.raise("ValueError", "slice step cannot be zero".into()));
            }
            Some(v) => v.max(-isize::MAX),
        };
        let start = self
            .slice_index(start)?
            .unwrap_or(if step < 0 { isize::MAX } else { 0 });
        let stop =
            self.slice_index(stop)?
                .unwrap_or(if step < 0 { isize::MIN } else { isize::MAX });
        Ok((start, stop, step))
    }

    /// The items a slice selects in a sequence of `len` items.
    pub(crate) fn slice_bounds(&mut self, s: RawRef, len: usize) -> PyResult<Bounds> {
        let (start, stop, step) = self.slice_unpack(s)?;
        Ok(slice::adjust(len, start, stop, step))
    }

    /// A slice bound without clamping (for ranges): None, or an arbitrary integer.
    fn slice_index_big(&mut self, r: RawRef) -> PyResult<Option<BigInt>> {
        if r == self.b.none {
            return Ok(None);
        }
        match self.index_value(r) {
            Some(IntValue::Small(v)) => Ok(Some(BigInt::from(v))),
            Some(IntValue::Big(b)) => Ok(Some(b)),
            None => Err(self.raise(
                "TypeError",
                "slice indices must be integers or None or have an __index__ method".into(),
            )),
        }
    }

    // ------------------------------------------------------------ ranges

    /// `range(start, stop, step)` from objects (each converted by `operator.index`).
    #[allow(dead_code)] // for the interpreter's `range()`
    pub(crate) fn new_range(
        &mut self,
        start: RawRef,
        stop: RawRef,
        step: RawRef,
    ) -> PyResult<RawRef> {
        self.pinning(|st, mark| {
            for r in [start, stop, step] {
                st.pin(r);
            }
            // `__index__` may run code: each part is re-read from its slot.
            for i in mark..mark + 3 {
                let v = st.index(st.pinned(i))?;
                st.roots.stack[i] = v;
            }
            let [start, stop, step] = [0, 1, 2].map(|i| st.pinned(mark + i));
            if matches!(int::value(st.obj(step)), IntValue::Small(0)) {
                return Err(st.raise("ValueError", "range() arg 3 must not be zero".into()));
            }
            let a = st.alloc();
            Ok(range::new(&a, st.obj(start), st.obj(stop), st.obj(step))?.raw())
        })
    }

    /// The builtin `range(*args)`: one to three arguments, as CPython checks them.
    #[allow(dead_code)] // for the interpreter's `range()`
    pub(crate) fn range_from_args(&mut self, args: &[RawRef]) -> PyResult<RawRef> {
        let (zero, one) = {
            let a = self.alloc();
            (int::new_i64(&a, 0)?.raw(), int::new_i64(&a, 1)?.raw())
        };
        match *args {
            [] => Err(self.raise(
                "TypeError",
                "range expected at least 1 argument, got 0".into(),
            )),
            [stop] => self.new_range(zero, stop, one),
            [start, stop] => self.new_range(start, stop, one),
            [start, stop, step] => self.new_range(start, stop, step),
            _ => Err(self.raise(
                "TypeError",
                format!("range expected at most 3 arguments, got {}", args.len()),
            )),
        }
    }

    /// `r[key]` for a range: an item, or a range for a slice.
    fn range_getitem(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        if self.obj(key).kind() == self.b.kinds.slice {
            let [start, stop, step] = slice::parts(self.obj(key)).map(|p| p.raw());
            let step = match self.slice_index_big(step)? {
                None => BigInt::from(1),
                Some(v) if v.is_zero() => {
                    return Err(self.raise("ValueError", "slice step cannot be zero".into()));
                }
                Some(v) => v,
            };
            let start = self.slice_index_big(start)?;
            let stop = self.slice_index_big(stop)?;
            let o = self.obj(r);
            let b = slice::adjust_big(&range::length(o), start, stop, step);
            let (r0, _, r_step) = range::big(o);
            let a = self.alloc();
            let new = range::from_big(
                &a,
                &(&r0 + &b.start * &r_step),
                &(&r0 + &b.stop * &r_step),
                &(&r_step * &b.step),
            )?;
            return Ok(new.raw());
        }
        let i = match self.index_value(key) {
            Some(IntValue::Small(v)) => BigInt::from(v),
            Some(IntValue::Big(v)) => v,
            None => {
                let t = self.type_name(key);
                return Err(self.raise(
                    "TypeError",
                    format!("range indices must be integers or slices, not {t}"),
                ));
            }
        };
        let o = self.obj(r);
        let n = range::length(o);
        let i = if i.is_negative() { i + &n } else { i };
        if i.is_negative() || i >= n {
            return Err(self.raise("IndexError", "range object index out of range".into()));
        }
        let a = self.alloc();
        let v = match range::item(o, i.to_u64().expect("below the length")) {
            IntValue::Small(v) => int::new_i64(&a, v)?,
            IntValue::Big(v) => int::new_big(&a, &v)?,
        };
        Ok(v.raw())
    }

    // ------------------------------------------------------------ the item protocol

    /// `obj[key]`
    pub(crate) fn getitem(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        if let Some(v) = self.ext_getitem(r, key) {
            return v;
        }
        let (r, key) = self.index_key(r, key)?;
        let k = self.b.kinds;
        let (r, key) = if self.obj(r).kind() == k.type_ && types::data(self.obj(r)).py {
            // `C[item]` on a Python class: its `__class_getitem__`.
            let mark = self.push(key);
            self.push(r);
            let f = self.lookup_attr(r, "__class_getitem__");
            let bound = f.map(|f| self.class_attr(self.at(mark + 1), f));
            let (key, r) = (self.at(mark), self.at(mark + 1));
            self.truncate(mark);
            if let Some(bound) = bound {
                return self.call(bound?, &[key], &[]);
            }
            (r, key)
        } else {
            (r, key)
        };
        let o = self.obj(r);
        let kind = o.kind();
        let is_slice = self.obj(key).kind() == k.slice;
        if kind == k.dict && self.is_set(r) {
            let t = self.type_name(r);
            return Err(self.raise("TypeError", format!("'{t}' object is not subscriptable")));
        }
        if kind == k.dict {
            return self.pinning(|st, mark| {
                st.pin(key);
                st.pin(r);
                match st.dict_get(r, key)? {
                    Some(v) => Ok(v),
                    // A dict subclass's `__missing__(key)`.
                    None => {
                        match st.call_dunder(st.pinned(mark + 1), "__missing__", &[st.pinned(mark)])
                        {
                            Some(v) => v,
                            None => Err(st.key_error(st.pinned(mark))),
                        }
                    }
                }
            });
        }
        if kind == k.range {
            return self.range_getitem(r, key);
        }
        if is_slice && (kind == k.list || kind == k.tuple || kind == k.str_ || kind == k.bytes) {
            return self.seq_get_slice(r, key);
        }
        if kind == k.list {
            let i = self.seq_index(key, list::len(o), &LIST_GET)?;
            Ok(list::get(self.obj(r), i).raw())
        } else if kind == k.tuple {
            let i = self.seq_index(key, tuple::len(o), &TUPLE_GET)?;
            Ok(tuple::get(self.obj(r), i).raw())
        } else if kind == k.str_ {
            let i = self.seq_index(key, pystr::char_len(o), &STR_GET)?;
            let s = pystr::as_str(self.obj(r));
            let c = if s.len() == pystr::char_len(self.obj(r)) {
                s.as_bytes()[i] as char
            } else {
                s.chars().nth(i).expect("index below the length")
            };
            let mut buf = [0u8; 4];
            Ok(pystr::new(&self.alloc(), c.encode_utf8(&mut buf))?.raw())
        } else if kind == k.bytes {
            let i = self.seq_index(key, bytes::data(o).len(), &BYTES_GET)?;
            let b = bytes::data(self.obj(r))[i];
            Ok(int::new_i64(&self.alloc(), b as i64)?.raw())
        } else {
            let n = self.type_name(r);
            Err(self.raise("TypeError", format!("'{n}' object is not subscriptable")))
        }
    }

    /// `seq[slice]` for str, bytes, tuple and list.
    fn seq_get_slice(&mut self, r: RawRef, s: RawRef) -> PyResult<RawRef> {
        let k = self.b.kinds;
        let o = self.obj(r);
        let kind = o.kind();
        let len = if kind == k.str_ {
            pystr::char_len(o)
        } else if kind == k.bytes {
            bytes::data(o).len()
        } else if kind == k.tuple {
            tuple::len(o)
        } else {
            list::len(o)
        };
        let b = self.slice_bounds(s, len)?;
        let a = self.alloc();
        let o = self.obj(r);
        // Immutable builtin sequences: the whole of it is the object itself (as CPython).
        if b.step == 1 && b.len == len && kind != k.list && ops::is_builtin(o) {
            return Ok(r);
        }
        let out = if kind == k.str_ {
            let text = pystr::as_str(o);
            let sub: String = if text.len() == len {
                b.indices().map(|i| text.as_bytes()[i] as char).collect()
            } else if b.step == 1 {
                let mut offsets = text.char_indices().map(|(i, _)| i).chain([text.len()]);
                let lo = offsets.nth(b.start as usize).unwrap_or(text.len());
                let hi = if b.len == 0 {
                    lo
                } else {
                    offsets.nth(b.len - 1).unwrap_or(text.len())
                };
                text[lo..hi].to_string()
            } else {
                let chars: Vec<char> = text.chars().collect();
                b.indices().map(|i| chars[i]).collect()
            };
            pystr::new(&a, &sub)?
        } else if kind == k.bytes {
            let data = bytes::data(o);
            let sub: Vec<u8> = b.indices().map(|i| data[i]).collect();
            bytes::new(&a, &sub)?
        } else if kind == k.tuple {
            let items: Vec<ObjRef<'_>> = b.indices().map(|i| tuple::get(o, i)).collect();
            tuple::new(&a, &items)?
        } else {
            let items: Vec<ObjRef<'_>> = b.indices().map(|i| list::get(o, i)).collect();
            list::new(&a, &items)?
        };
        Ok(out.raw())
    }

    /// `obj[key] = value`
    pub(crate) fn setitem(&mut self, r: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        self.ass_subscript(r, key, Some(value))
    }

    /// `del obj[key]`
    pub(crate) fn delitem(&mut self, r: RawRef, key: RawRef) -> PyResult<()> {
        self.ass_subscript(r, key, None)
    }

    /// Item assignment (`Some`) or deletion (`None`).
    fn ass_subscript(&mut self, r: RawRef, key: RawRef, value: Option<RawRef>) -> PyResult<()> {
        if let Some(v) = self.ext_setitem(r, key, value.unwrap_or(RawRef::NULL)) {
            return v;
        }
        let value = value.map(|v| self.push(v));
        let rk = self.index_key(r, key);
        let value = value.map(|i| {
            let v = self.at(i);
            self.truncate(i);
            v
        });
        let (r, key) = rk?;
        let k = self.b.kinds;
        let o = self.obj(r);
        let kind = o.kind();
        if kind == k.dict && self.is_set(r) {
            let t = self.type_name(r);
            return Err(self.raise(
                "TypeError",
                format!("'{t}' object does not support item assignment"),
            ));
        }
        if kind == k.dict {
            return match value {
                Some(v) => self.dict_set(r, key, v),
                None => self.pinning(|st, mark| {
                    st.pin(key);
                    if st.dict_del(r, key)? {
                        Ok(())
                    } else {
                        Err(st.key_error(st.pinned(mark)))
                    }
                }),
            };
        }
        if kind == k.list {
            if self.obj(key).kind() == k.slice {
                return self.list_ass_slice(r, key, value);
            }
            let i = self.seq_index(key, list::len(o), &LIST_SET)?;
            let a = self.alloc();
            match value {
                Some(v) => list::set(&a, self.obj(r), i, self.obj(v)),
                None => list::splice(&a, self.obj(r), i, i + 1, &[])?,
            }
            return Ok(());
        }
        let t = self.type_name(r);
        Err(match value {
            Some(_) => self.raise(
                "TypeError",
                format!("'{t}' object does not support item assignment"),
            ),
            None => self.raise(
                "TypeError",
                format!("'{t}' object doesn't support item deletion"),
            ),
        })
    }

    /// `l[slice] = value` (any iterable; the same number of items for an extended slice)
    /// or `del l[slice]`.
    fn list_ass_slice(&mut self, l: RawRef, s: RawRef, value: Option<RawRef>) -> PyResult<()> {
        let (start, stop, step) = self.slice_unpack(s)?;
        self.pinning(|st, mark| {
            st.pin(l);
            let Some(value) = value else {
                let o = st.obj(l);
                let n = list::len(o);
                let b = slice::adjust(n, start, stop, step);
                let a = st.alloc();
                if b.step == 1 {
                    list::splice(&a, o, b.start as usize, b.start as usize + b.len, &[])?;
                } else if b.len > 0 {
                    let mut drop = vec![false; n];
                    for i in b.indices() {
                        drop[i] = true;
                    }
                    let keep: Vec<ObjRef<'_>> = (0..n)
                        .filter(|i| !drop[*i])
                        .map(|i| list::get(o, i))
                        .collect();
                    list::splice(&a, o, 0, n, &keep)?;
                }
                return Ok(());
            };
            let msg = if step == 1 {
                "can only assign an iterable"
            } else {
                "must assign iterable to extended slice"
            };
            let (first, count) = st.pin_items(value, msg)?;
            // Collecting may have run code: take the list's length now.
            let o = st.obj(st.pinned(mark));
            let b = slice::adjust(list::len(o), start, stop, step);
            let a = st.alloc();
            let items: Vec<ObjRef<'_>> = st.roots.stack[first..first + count]
                .iter()
                .map(|r| st.obj(*r))
                .collect();
            if step == 1 {
                let lo = b.start as usize;
                let hi = (b.stop.max(b.start)) as usize;
                list::splice(&a, o, lo, hi, &items)?;
                return Ok(());
            }
            if count != b.len {
                return Err(st.raise(
                    "ValueError",
                    format!(
                        "attempt to assign sequence of size {count} to extended slice of size {}",
                        b.len
                    ),
                ));
            }
            for (j, i) in b.indices().enumerate() {
                list::set(&a, o, i, items[j]);
            }
            Ok(())
        })
    }

    /// The items of an iterable, pushed on the rooted stack: returns the slot of the first
    /// and how many there are (CPython's `PySequence_Fast`; `not_iterable` replaces the
    /// TypeError of an object that cannot be iterated). The caller drops the slots.
    pub(crate) fn pin_items(&mut self, v: RawRef, not_iterable: &str) -> PyResult<(usize, usize)> {
        let k = self.b.kinds;
        let o = self.obj(v);
        if o.kind() == k.tuple || o.kind() == k.list {
            let items: Vec<RawRef> = if o.kind() == k.tuple {
                tuple::items(o).map(|x| x.raw()).collect()
            } else {
                list::items(o).map(|x| x.raw()).collect()
            };
            let first = self.roots.stack.len();
            self.roots.stack.extend_from_slice(&items);
            return Ok((first, items.len()));
        }
        let it = match self.iter(v) {
            Ok(it) => it,
            Err(e) => {
                if self.exc_is("TypeError") {
                    return Err(self.raise("TypeError", not_iterable.to_string()));
                }
                return Err(e);
            }
        };
        let slot = self.pin(it);
        let first = slot + 1;
        while let Some(x) = self.next(self.pinned(slot))? {
            self.pin(x);
        }
        Ok((first, self.roots.stack.len() - first))
    }

    /// `list.insert(index, item)`: a negative index counts from the end; both ends clamp.
    pub(crate) fn list_insert(&mut self, l: RawRef, index: isize, item: RawRef) -> PyResult<()> {
        let o = self.obj(l);
        let n = list::len(o) as isize;
        let i = if index < 0 {
            (index + n).max(0)
        } else {
            index.min(n)
        } as usize;
        let a = self.alloc();
        list::splice(&a, o, i, i, &[self.obj(item)])
    }

    /// `item in container`
    pub(crate) fn contains(&mut self, container: RawRef, item: RawRef) -> PyResult<bool> {
        if let Some(v) = self.ext_contains(container, item) {
            return v;
        }
        let k = self.b.kinds;
        let c = self.obj(container);
        let i = self.obj(item);
        let kind = c.kind();
        if kind == k.str_ {
            if i.kind() != k.str_ {
                let t = self.type_name(item);
                return Err(self.raise(
                    "TypeError",
                    format!("'in <string>' requires string as left operand, not {t}"),
                ));
            }
            return Ok(pystr::as_str(c).contains(pystr::as_str(i)));
        }
        if kind == k.bytes {
            let data = bytes::data(c);
            if i.kind() == k.bytes {
                let needle = bytes::data(i);
                return Ok(needle.is_empty() || data.windows(needle.len()).any(|w| w == needle));
            }
            return match self.index_value(item) {
                Some(IntValue::Small(v)) if (0..256).contains(&v) => {
                    Ok(bytes::data(self.obj(container)).contains(&(v as u8)))
                }
                Some(_) => Err(self.raise("ValueError", "byte must be in range(0, 256)".into())),
                None => {
                    let t = self.type_name(item);
                    Err(self.raise(
                        "TypeError",
                        format!("a bytes-like object is required, not '{t}'"),
                    ))
                }
            };
        }
        if kind == k.dict {
            return Ok(self.dict_get(container, item)?.is_some());
        }
        if let Some((what, d)) = self.dict_view_of(container) {
            return self.view_contains(what, d, item);
        }
        if kind == k.tuple || kind == k.list {
            let is_list = kind == k.list;
            return self.pinning(|st, mark| {
                st.pin(container);
                st.pin(item);
                let mut i = 0;
                loop {
                    let c = st.obj(st.pinned(mark));
                    let x = if is_list {
                        (i < list::len(c)).then(|| list::get(c, i).raw())
                    } else {
                        (i < tuple::len(c)).then(|| tuple::get(c, i).raw())
                    };
                    let Some(x) = x else {
                        return Ok(false);
                    };
                    if st.same_or_eq(x, st.pinned(mark + 1))? {
                        return Ok(true);
                    }
                    i += 1;
                }
            });
        }
        if kind == k.range {
            if let Some(v) = self.index_value(item) {
                let v = match v {
                    IntValue::Small(v) => BigInt::from(v),
                    IntValue::Big(v) => v,
                };
                return Ok(range::contains_int(self.obj(container), &v));
            }
        }
        // Any other iterable: iterate and compare.
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) => {
                if self.exc_is("TypeError") {
                    let t = self.type_name(container);
                    return Err(self.raise(
                        "TypeError",
                        format!("argument of type '{t}' is not iterable"),
                    ));
                }
                return Err(e);
            }
        };
        self.pinning(|st, mark| {
            st.pin(item);
            st.pin(it);
            while let Some(x) = st.next(st.pinned(mark + 1))? {
                if st.same_or_eq(x, st.pinned(mark))? {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }

    // ------------------------------------------------------------ dicts

    /// `d.get(key)` without a default: the value, or None when absent (no error set).
    pub(crate) fn dict_get(&mut self, d: RawRef, key: RawRef) -> PyResult<Option<RawRef>> {
        self.dict_op(d, key, DictOp::Get)
    }

    /// `d[key] = value`
    pub(crate) fn dict_set(&mut self, d: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        self.pinning(|st, mark| {
            let slot = st.pin(value);
            debug_assert_eq!(slot, mark);
            st.dict_op(d, key, DictOp::Set(slot)).map(|_| ())
        })
    }

    /// Removes `key`; `false` when it was absent (no error set).
    pub(crate) fn dict_del(&mut self, d: RawRef, key: RawRef) -> PyResult<bool> {
        self.dict_op(d, key, DictOp::Del).map(|r| r.is_some())
    }

    /// Hashes `key`, finds it in `d` and performs `op`: the value found (Get), the value
    /// stored (Set, from its stack slot), the value removed (Del).
    fn dict_op(&mut self, d: RawRef, key: RawRef, op: DictOp) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            let (sd, sk) = (st.pin(d), st.pin(key));
            debug_assert_eq!(sd, mark);
            let hash = st.hash(key)?;
            // Hashing may have run code: from here on, the dict and key are in their slots.
            let found = st.dict_find(sd, sk, hash, &mut PyKeyEq)?;
            // No safepoint from here on: the index stays valid.
            let a = st.alloc();
            let d = st.obj(st.pinned(sd));
            Ok(match (op, found) {
                (DictOp::Get, None) | (DictOp::Del, None) => None,
                (DictOp::Get, Some(i)) => dict::entries(d).get_index(i).map(|(_, v)| *v),
                (DictOp::Del, Some(i)) => {
                    let v = dict::entries(d).get_index(i).map(|(_, v)| *v);
                    dict::remove_index(d, i);
                    v
                }
                (DictOp::Set(sv), found) => {
                    let v = st.obj(st.pinned(sv));
                    match found {
                        Some(i) => {
                            let stored = dict::entries(d)
                                .get_index(i)
                                .map(|(k, _)| k.key.get())
                                .expect("found above");
                            dict::insert(&a, d, a.heap_obj(stored), hash, v, |o| o == stored);
                        }
                        None => {
                            let k = st.obj(st.pinned(sk));
                            dict::insert(&a, d, k, hash, v, |_| false);
                        }
                    }
                    Some(v.raw())
                }
            })
        })
    }

    /// Finds the key in slot `k_slot` (whose hash is `hash`) in the dict in slot `d_slot`:
    /// the entry's index, valid until the next safepoint.
    ///
    /// Keys are compared under the borrow of the table while `cmp` answers without running
    /// code. The first stored key whose comparison may run code ends that pass: it is rooted
    /// with the keys of equal hash (the only ones that can match), compared outside the
    /// borrow, and if those keys changed meanwhile (a comparison mutated the dict) the
    /// lookup restarts; otherwise it goes on past the keys already found unequal.
    pub(crate) fn dict_find(
        &mut self,
        d_slot: usize,
        k_slot: usize,
        hash: i64,
        cmp: &mut impl KeyCompare,
    ) -> PyResult<Option<usize>> {
        self.pinning(|st, unequal| loop {
            // Stored keys found unequal since the last restart sit in slots `unequal..`.
            let probe = {
                let a = st.alloc();
                let d = st.obj(st.pinned(d_slot));
                let k = st.obj(st.pinned(k_slot));
                let skip = &st.roots.stack[unequal..];
                let mut ask = None;
                let hit = dict::lookup(d, hash, |stored| {
                    if skip.contains(&stored) {
                        return false;
                    }
                    match cmp.fast(&a, a.heap_obj(stored), k) {
                        Some(b) => b,
                        None => {
                            ask = Some(stored);
                            true
                        }
                    }
                });
                match (hit, ask) {
                    (Some(_), Some(stored)) => Probe::Ask(stored),
                    (Some((i, _)), None) => Probe::Hit(i),
                    (None, _) => Probe::Miss,
                }
            };
            let stored = match probe {
                Probe::Hit(i) => return Ok(Some(i)),
                Probe::Miss => return Ok(None),
                Probe::Ask(stored) => stored,
            };
            let snap = st.pin(stored);
            let before = st.same_hash_keys(d_slot, hash);
            st.roots.stack.extend_from_slice(&before);
            let equal = cmp.slow(st, st.pinned(snap), st.pinned(k_slot))?;
            let now = st.same_hash_keys(d_slot, hash);
            let changed = st.roots.stack[snap + 1..] != now[..];
            let stored = st.pinned(snap);
            st.roots.stack.truncate(snap);
            if changed {
                st.roots.stack.truncate(unequal);
                continue;
            }
            if equal {
                let d = st.obj(st.pinned(d_slot));
                let hit = dict::lookup(d, hash, |o| o == stored);
                return Ok(Some(hit.expect("the keys did not change").0));
            }
            st.pin(stored);
        })
    }

    /// The stored keys whose hash is `hash`, in probe order (what a lookup can match).
    fn same_hash_keys(&self, d_slot: usize, hash: i64) -> Vec<RawRef> {
        let mut keys = Vec::new();
        dict::lookup(self.obj(self.pinned(d_slot)), hash, |k| {
            keys.push(k);
            false
        });
        keys
    }

    /// `dict(d)` for a dict: a new dict with the same items, in order.
    pub(crate) fn dict_copy(&mut self, d: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let src = self.obj(d);
        let new = dict::new(&a)?;
        for (k, v) in dict::entries(src).iter() {
            // The keys of a dict are pairwise unequal: each one is a new entry.
            dict::insert(
                &a,
                new,
                a.heap_obj(k.key.get()),
                k.hash,
                a.heap_obj(*v),
                |_| false,
            );
        }
        Ok(new.raw())
    }

    /// `list(d)` for a dict: its keys, in order.
    pub(crate) fn dict_keys(&mut self, d: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let keys: Vec<ObjRef<'_>> = dict::entries(self.obj(d))
            .keys()
            .map(|k| a.heap_obj(k.key.get()))
            .collect();
        Ok(list::new(&a, &keys)?.raw())
    }

    /// Is the pending exception an instance of builtin exception `name`?
    pub(crate) fn exc_is(&self, name: &str) -> bool {
        if self.roots.exc.is_null() {
            return false;
        }
        let t = type_of(self.obj(self.roots.exc));
        types::is_subtype(t, self.obj(self.b.exc(name)))
    }

    /// `getattr(obj, name)`
    pub(crate) fn getattr(&mut self, r: RawRef, name: &str) -> PyResult<RawRef> {
        let is_type = self.obj(r).kind() == self.b.kinds.type_;
        if self.is_py(r) && !is_type {
            if let Some(v) = self.py_getattr(r, name)? {
                return Ok(v);
            }
        } else if self.obj(r).kind() == self.b.kinds.wrap && self.dict_view_of(r).is_none() {
            return self.wrap_getattr(r, name);
        } else if is_type {
            // A property of a Python metaclass comes before the class's own attributes.
            if self.is_py(r) {
                if let Some(v) = self.metaclass_property(r, name)? {
                    return Ok(v);
                }
            }
            if let Some(v) = self.lookup_attr(r, name) {
                return self.class_attr(r, v);
            }
        }
        if self.ext_of(r).is_some() {
            if let Some(v) = self.ext_getattr(r, name)? {
                return Ok(v);
            }
        }
        if let Some(v) = self.lookup_attr(r, name) {
            return Ok(v);
        }
        let o = self.obj(r);
        let msg = match instances(o) {
            Instances::Module => {
                let mname = ops::dict_get_str(&self.alloc(), module::dict(o), "__name__")
                    .map(|n| pystr::as_str(n).to_string())
                    .unwrap_or_else(|| "?".into());
                format!("module '{mname}' has no attribute '{name}'")
            }
            Instances::Type => {
                // CPython names the type by its tp_name ('exttypes.Point').
                let tn = &types::data(o).tp_name;
                format!("type object '{tn}' has no attribute '{name}'")
            }
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(r)),
        };
        Err(self.raise("AttributeError", msg))
    }

    /// The attribute if it exists (no exception set otherwise).
    pub(crate) fn lookup_attr(&mut self, r: RawRef, name: &str) -> Option<RawRef> {
        if self.obj(r).kind() == self.b.kinds.pyfunction
            && matches!(name, "__dict__" | "__annotations__")
        {
            return self.function_lazy_attr(r, name).ok();
        }
        let is_type = self.obj(r).kind() == self.b.kinds.type_;
        if (self.is_py(r) && !is_type)
            || (self.obj(r).kind() == self.b.kinds.wrap && self.dict_view_of(r).is_none())
        {
            let found = if self.is_py(r) {
                self.py_getattr(r, name)
            } else {
                self.wrap_getattr(r, name).map(Some)
            };
            match found {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        if self.ext_of(r).is_some() {
            match self.ext_getattr(r, name) {
                Ok(Some(v)) => return Some(v),
                Ok(None) => {}
                Err(_) => {
                    self.roots.exc = RawRef::NULL;
                    return None;
                }
            }
        }
        let a = self.alloc();
        let o = self.obj(r);
        match instances(o) {
            Instances::Module => {
                if let Some(v) = ops::dict_get_str(&a, module::dict(o), name) {
                    return Some(v.raw());
                }
            }
            Instances::Type => {
                for t in tuple::items(types::mro(o)) {
                    if let Some(v) = ops::dict_get_str(&a, types::dict(t), name) {
                        return Some(v.raw());
                    }
                }
                if name == "__name__" || name == "__qualname__" {
                    return pystr::new(&a, types::name(o)).ok().map(|s| s.raw());
                }
                if name == "__mro__" {
                    return Some(types::mro(o).raw());
                }
                if name == "__module__" {
                    // What the dict does not say: the tp_name's prefix, else builtins.
                    let tp = &types::data(o).tp_name;
                    let m = tp.rsplit_once('.').map_or("builtins", |(m, _)| m);
                    return pystr::new(&a, m).ok().map(|s| s.raw());
                }
                if name == "__base__" {
                    return Some(types::base(o).map_or(self.b.none, |b| b.raw()));
                }
                if name == "__bases__" {
                    // A class statement records its bases in its dict (found above);
                    // other types have at most their one base.
                    let items: Vec<_> = types::base(o).into_iter().collect();
                    return tuple::new(&a, &items).ok().map(|t| t.raw());
                }
                if name == "__dict__" {
                    return Some(types::dict(o).raw());
                }
                if types::data(type_of(o)).py {
                    // The methods and attributes of a Python metaclass, bound to the class.
                    match self.metaclass_attr(r, name) {
                        Ok(v) => return v,
                        Err(_) => {
                            self.roots.exc = RawRef::NULL;
                            return None;
                        }
                    }
                }
            }
            Instances::Slice if matches!(name, "start" | "stop" | "step") => {
                let i = ["start", "stop", "step"]
                    .iter()
                    .position(|n| *n == name)
                    .expect("one of the three");
                return Some(crate::objects::slice::parts(o)[i].raw());
            }
            Instances::Exception if name == "args" => return Some(exception::args(o).raw()),
            Instances::Exception if name == "__cause__" => {
                return Some(exception::cause(o).map_or(self.b.none, |c| c.raw()))
            }
            Instances::Exception if name == "__context__" => {
                return Some(exception::context(o).map_or(self.b.none, |c| c.raw()))
            }
            Instances::Exception => {
                // Instance attributes (OSError's errno, strerror, filename, filename2…).
                if let Some(v) = exception::attr(&a, o, name) {
                    return Some(v.raw());
                }
            }
            _ if o.kind() == self.b.kinds.function => match name {
                "__name__" => return Some(function::name_obj(o).raw()),
                "__doc__" => return Some(function::doc(o).raw()),
                "__self__" => return Some(function::self_of(o).raw()),
                _ => {}
            },
            _ if o.kind() == self.b.kinds.pyfunction => {
                if let Some(v) = crate::objects::pyfunc::attribute(o, name) {
                    return Some(v);
                }
                if let Some(d) = crate::objects::pyfunc::dict(o) {
                    if let Some(v) = ops::dict_get_str(&a, d, name) {
                        return Some(v.raw());
                    }
                }
            }
            _ if o.kind() == self.b.kinds.generator => {
                if let Some(v) =
                    crate::objects::generator::attribute(o, name, self.b.true_, self.b.false_)
                {
                    return Some(v);
                }
            }
            _ if o.kind() == self.b.kinds.native && name == "__name__" => {
                let n = crate::objects::native::name(o).to_string();
                return pystr::new(&a, &n).ok().map(|s| s.raw());
            }
            _ => {}
        }
        if name == "__class__" {
            return Some(type_of(o).raw());
        }
        // Class attributes reached through an instance; a builtin method is bound to it.
        for t in tuple::items(types::mro(type_of(o))) {
            if let Some(v) = ops::dict_get_str(&a, types::dict(t), name) {
                if v.kind() == self.b.kinds.native
                    && crate::objects::native::self_of(v).is_null()
                    && o.kind() != self.b.kinds.type_
                {
                    let idx = crate::objects::native::index(v);
                    let bound = crate::objects::native::new(&a, name, r, idx);
                    return Some(bound.map_or(v.raw(), |b| b.raw()));
                }
                return Some(v.raw());
            }
        }
        None
    }

    /// `setattr(obj, name, value)`, or `delattr` when `value` is null.
    pub(crate) fn setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        // A class whose Python metaclass defines `__setattr__`: that method.
        if !value.is_null() && self.obj(r).kind() == self.b.kinds.type_ && self.is_py(r) {
            let meta = type_of(self.obj(r)).raw();
            if let Some(f) = self.py_lookup(meta, "__setattr__") {
                return self.call_setattr(f, r, name, value);
            }
        }
        self.setattr_no_hook(r, name, value)
    }

    /// `setattr` without a metaclass's own `__setattr__` (what `type.__setattr__` does).
    pub(crate) fn setattr_no_hook(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        if self.is_py(r) && self.obj(r).kind() != self.b.kinds.type_ {
            return self.py_setattr(r, name, value);
        }
        if self.obj(r).kind() == self.b.kinds.pyfunction {
            return self.function_setattr(r, name, value);
        }
        if self.ext_of(r).is_some() {
            if self.obj(r).kind() != self.b.kinds.type_ {
                return self.ext_setattr(r, name, value);
            }
            // A type whose metaclass is an extension type: the metaclass's members and
            // get/set descriptors, else the type's own dict (as for any heap type).
            let meta = type_of(self.obj(r)).raw();
            if let Some(d) = self.type_lookup(meta, name) {
                if self.obj(d).kind() == self.b.kinds.hpy_descr {
                    return self.descr_set(d, r, value);
                }
            }
        }
        let o = self.obj(r);
        let d = match instances(o) {
            Instances::Module => module::dict(o),
            Instances::Type if !o.is_immortal() => types::dict(o),
            Instances::Type => {
                let t = types::name(o).to_string();
                return Err(self.raise(
                    "TypeError",
                    format!("cannot set '{name}' attribute of immutable type '{t}'"),
                ));
            }
            _ => {
                let t = self.type_name(r);
                return Err(self.raise(
                    "AttributeError",
                    format!("'{t}' object has no attribute '{name}'"),
                ));
            }
        }
        .raw();
        if value.is_null() {
            let hit = {
                let a = self.alloc();
                let h = ops::str_hash(name);
                dict::lookup(self.obj(d), h, |other| {
                    let k = a.heap_obj(other);
                    k.kind() == a.kinds().str_ && pystr::as_str(k) == name
                })
            };
            return match hit {
                Some((i, _)) => {
                    dict::remove_index(self.obj(d), i);
                    Ok(())
                }
                None => Err(self.raise("AttributeError", name.to_string())),
            };
        }
        let k = pystr::new(&self.alloc(), name)?.raw();
        let a = self.alloc();
        ops::dict_set_str(&a, self.obj(d), self.obj(k), self.obj(value));
        Ok(())
    }
}

impl State {
    /// A Python function's attribute dict (made on first use).
    fn function_dict(&mut self, f: RawRef) -> PyResult<RawRef> {
        if let Some(d) = crate::objects::pyfunc::dict(self.obj(f)) {
            return Ok(d.raw());
        }
        let fi = self.push(f);
        let d = dict::new(&self.alloc())?.raw();
        let a = self.alloc();
        crate::objects::pyfunc::set_dict(&a, a.heap_obj(self.at(fi)), a.heap_obj(d));
        self.truncate(fi);
        Ok(d)
    }

    /// `f.__dict__` and `f.__annotations__`, made on first use (empty dicts), as in CPython.
    fn function_lazy_attr(&mut self, f: RawRef, name: &str) -> PyResult<RawRef> {
        let d = self.function_dict(f)?;
        if name == "__dict__" {
            return Ok(d);
        }
        let found = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(d), "__annotations__").map(|v| v.raw())
        };
        if let Some(v) = found {
            return Ok(v);
        }
        let di = self.push(d);
        let ann = dict::new(&self.alloc())?.raw();
        let ai = self.push(ann);
        self.ns_set(di, "__annotations__", ann)?;
        let ann = self.at(ai);
        self.truncate(di);
        Ok(ann)
    }

    /// `f.name = value` (or `del f.name` when `value` is null) on a Python function: its
    /// writable special attributes (checked as CPython does), else its dict.
    fn function_setattr(&mut self, f: RawRef, name: &str, value: RawRef) -> PyResult<()> {
        let k = self.b.kinds;
        let special = matches!(
            name,
            "__name__"
                | "__qualname__"
                | "__doc__"
                | "__module__"
                | "__defaults__"
                | "__kwdefaults__"
        );
        if special {
            let v = if value.is_null() { self.b.none } else { value };
            let vk = self.obj(v).kind();
            let bad = match name {
                "__name__" | "__qualname__" => (vk != k.str_).then_some("a string"),
                "__defaults__" => (v != self.b.none && vk != k.tuple).then_some("a tuple"),
                "__kwdefaults__" => (v != self.b.none && vk != k.dict).then_some("a dict"),
                _ => None,
            };
            if let Some(what) = bad {
                return Err(self.raise("TypeError", format!("{name} must be set to {what} object")));
            }
            let a = self.alloc();
            crate::objects::pyfunc::set_attribute(&a, a.heap_obj(f), name, a.heap_obj(v));
            return Ok(());
        }
        if name == "__dict__" {
            if value.is_null() || self.obj(value).kind() != k.dict {
                return Err(self.raise("TypeError", "__dict__ must be set to a dictionary".into()));
            }
            let a = self.alloc();
            crate::objects::pyfunc::set_dict(&a, a.heap_obj(f), a.heap_obj(value));
            return Ok(());
        }
        let vi = self.push(value);
        let fi = self.push(f);
        let d = self.function_dict(f)?;
        let di = self.push(d);
        let r = (|| {
            if self.at(vi).is_null() {
                let key = pystr::new(&self.alloc(), name)?.raw();
                if !self.dict_del(self.at(di), key)? {
                    let t = self.type_name(self.at(fi));
                    return Err(self.raise(
                        "AttributeError",
                        format!("'{t}' object has no attribute '{name}'"),
                    ));
                }
                return Ok(());
            }
            let key = pystr::new(&self.alloc(), name)?.raw();
            let a = self.alloc();
            ops::dict_set_str(
                &a,
                self.obj(self.at(di)),
                self.obj(key),
                self.obj(self.at(vi)),
            );
            Ok(())
        })();
        self.truncate(vi);
        r
    }
}

#[cfg(test)]
mod tests {
    //! The dict lookup rule of DESIGN.md, exercised with a comparison that takes the slow
    //! path for every key: each comparison collects (every object moves) and may mutate
    //! the dict, as an extension's `__eq__` could.

    use super::*;
    use crate::objects::float;
    use gc::{HeapConfig, Mode};

    /// The process's runtime state for one test (each test runs in its own process under
    /// nextest; `State::create` refuses a second live one).
    struct Rt(*mut State);

    impl Rt {
        fn new() -> Rt {
            let config = HeapConfig {
                verify: true,
                ..HeapConfig::with_mode(Mode::Torture)
            };
            Rt(State::create(config).expect("runtime"))
        }

        fn st(&mut self) -> &mut State {
            // SAFETY: the state lives until `drop`, and this test is its only user.
            unsafe { &mut *self.0 }
        }
    }

    impl Drop for Rt {
        fn drop(&mut self) {
            // SAFETY: created by `State::create`, used by nobody after this.
            unsafe { State::destroy(self.0) }
        }
    }

    /// Compares like Python, but only outside the table, collecting first; its `meddle`
    /// runs before comparison number `at` (1-based).
    struct Meddler {
        calls: usize,
        at: usize,
        meddle: fn(&mut State, usize),
        dict_slot: usize,
    }

    impl KeyCompare for Meddler {
        fn fast(&mut self, _: &Alloc<'_>, _: ObjRef<'_>, _: ObjRef<'_>) -> Option<bool> {
            None
        }

        fn slow(&mut self, st: &mut State, stored: RawRef, key: RawRef) -> PyResult<bool> {
            self.calls += 1;
            st.pinning(|st, mark| {
                st.pin(stored);
                st.pin(key);
                st.collect_now();
                if self.calls == self.at {
                    (self.meddle)(st, self.dict_slot);
                }
                let a = st.alloc();
                let (x, y) = (st.obj(st.pinned(mark)), st.obj(st.pinned(mark + 1)));
                Ok(ops::fast_eq(&a, x, y).expect("builtin keys"))
            })
        }
    }

    fn s(st: &mut State, text: &str) -> RawRef {
        pystr::new(&st.alloc(), text).expect("alloc").raw()
    }

    fn i(st: &mut State, v: i64) -> RawRef {
        int::new_i64(&st.alloc(), v).expect("alloc").raw()
    }

    /// Stores `key: value` under `hash` whatever the key's own hash: collisions on demand.
    fn force(st: &mut State, d: RawRef, key: RawRef, hash: i64) {
        let a = st.alloc();
        let none = a.none();
        dict::insert(&a, st.obj(d), st.obj(key), hash, none, |_| false);
    }

    fn find(st: &mut State, d: RawRef, key: RawRef, m: &mut Meddler) -> Option<usize> {
        st.pinning(|st, _| {
            let sd = st.pin(d);
            let sk = st.pin(key);
            m.dict_slot = sd;
            let h = st.hash(key)?;
            st.dict_find(sd, sk, h, m)
        })
        .expect("no error")
    }

    fn dict_with(st: &mut State, keys: &[&str]) -> RawRef {
        let d = dict::new(&st.alloc()).expect("alloc").raw();
        let slot = st.pin(d);
        for (n, k) in keys.iter().enumerate() {
            let (k, v) = (s(st, k), i(st, n as i64));
            st.dict_set(st.pinned(slot), k, v).expect("set");
        }
        st.roots.stack.pop().expect("pinned")
    }

    #[test]
    fn a_comparison_that_mutates_the_dict_restarts_the_lookup() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &["a", "b", "c"]);
        let slot = st.pin(d);
        // Comparison 1 adds a key with the same hash as "b": the keys that can match
        // changed, so the lookup starts again and compares "b" (and the intruder) anew.
        let key = s(st, "b");
        let mut m = Meddler {
            calls: 0,
            at: 1,
            meddle: |st, ds| {
                let (d, k) = (st.pinned(ds), i(st, 999));
                force(st, d, k, ops::str_hash("b"));
            },
            dict_slot: 0,
        };
        let found = find(st, st.pinned(slot), key, &mut m);
        assert_eq!(found, Some(1));
        assert!(m.calls >= 2, "restarted: {} comparisons", m.calls);
        assert_eq!(dict::len(st.obj(st.pinned(slot))), 4);
        assert!(st.heap.verify(&mut st.roots).is_empty());
    }

    #[test]
    fn unequal_keys_are_skipped_and_a_removal_restarts() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &[]);
        let slot = st.pin(d);
        let h = ops::str_hash("q");
        for v in [1, 2, 3] {
            let k = i(st, v);
            force(st, st.pinned(slot), k, h);
        }
        // No mutation: three comparisons, all unequal, then absent.
        let key = s(st, "q");
        let kslot = st.pin(key);
        let mut m = Meddler {
            calls: 0,
            at: 0,
            meddle: |_, _| {},
            dict_slot: 0,
        };
        assert_eq!(find(st, st.pinned(slot), st.pinned(kslot), &mut m), None);
        assert_eq!(m.calls, 3);
        // Comparison 2 removes the first colliding key: restart, two keys left to compare.
        let mut m = Meddler {
            calls: 0,
            at: 2,
            meddle: |st, ds| {
                dict::remove_index(st.obj(st.pinned(ds)), 0);
            },
            dict_slot: 0,
        };
        assert_eq!(find(st, st.pinned(slot), st.pinned(kslot), &mut m), None);
        assert_eq!(m.calls, 2 + 2);
        assert_eq!(dict::len(st.obj(st.pinned(slot))), 2);
        // A colliding key equal to the one looked up is found after the unequal ones.
        let q = s(st, "q");
        force(st, st.pinned(slot), q, h);
        let mut m = Meddler {
            calls: 0,
            at: 0,
            meddle: |_, _| {},
            dict_slot: 0,
        };
        // (Probe order decides how many unequal keys come first.)
        assert_eq!(find(st, st.pinned(slot), st.pinned(kslot), &mut m), Some(2));
        assert!((1..=3).contains(&m.calls), "{} comparisons", m.calls);
        assert!(st.heap.verify(&mut st.roots).is_empty());
    }

    #[test]
    fn builtin_keys_take_the_fast_path() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &["x", "y"]);
        let slot = st.pin(d);
        let (one, onef, t) = (
            i(st, 1),
            float::new(&st.alloc(), 1.0).unwrap().raw(),
            st.b.true_,
        );
        let a = s(st, "a");
        st.dict_set(st.pinned(slot), one, a).unwrap();
        let b = s(st, "b");
        st.dict_set(st.pinned(slot), onef, b).unwrap();
        let c = s(st, "c");
        st.dict_set(st.pinned(slot), t, c).unwrap();
        assert_eq!(dict::len(st.obj(st.pinned(slot))), 3);
        let v = st.dict_get(st.pinned(slot), st.b.true_).unwrap().unwrap();
        assert_eq!(pystr::as_str(st.obj(v)), "c");
        let x = s(st, "x");
        assert!(st.dict_del(st.pinned(slot), x).unwrap());
        let x = s(st, "x");
        assert!(!st.dict_del(st.pinned(slot), x).unwrap());
        assert_eq!(
            crate::protocols::repr::repr_of(st.obj(st.pinned(slot))),
            "{'y': 1, 1: 'c'}"
        );
    }

    /// `range(*args)` as the interpreter calls it: CPython's argument rules and messages.
    #[test]
    fn range_arguments() {
        let mut rt = Rt::new();
        let st = rt.st();
        let run = |st: &mut State, args: &[RawRef]| -> String {
            match st.range_from_args(args) {
                Ok(r) => crate::protocols::repr::repr_of(st.obj(r)),
                Err(_) => {
                    let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
                    let o = st.obj(e);
                    format!(
                        "{}: {}",
                        types::type_name_of(o),
                        crate::protocols::repr::str_of(o)
                    )
                }
            }
        };
        let (t, f) = (st.b.true_, st.b.false_);
        let (n5, n0, nm2, x) = (i(st, 5), i(st, 0), i(st, -2), s(st, "a"));
        let fl = float::new(&st.alloc(), 1.0).unwrap().raw();
        // Each part is rooted while the next one is made.
        let slots: Vec<usize> = [n5, n0, nm2, x, fl].iter().map(|r| st.pin(*r)).collect();
        let [n5, n0, nm2, x, fl] = [0, 1, 2, 3, 4].map(|k| st.pinned(slots[k]));
        assert_eq!(run(st, &[n5]), "range(0, 5)");
        assert_eq!(run(st, &[t]), "range(0, 1)");
        assert_eq!(run(st, &[n5, n0, nm2]), "range(5, 0, -2)");
        assert_eq!(run(st, &[f, n5]), "range(0, 5)");
        assert_eq!(
            run(st, &[]),
            "TypeError: range expected at least 1 argument, got 0"
        );
        assert_eq!(
            run(st, &[n0, n0, n5, n5]),
            "TypeError: range expected at most 3 arguments, got 4"
        );
        assert_eq!(
            run(st, &[fl]),
            "TypeError: 'float' object cannot be interpreted as an integer"
        );
        assert_eq!(
            run(st, &[n0, x]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            run(st, &[n0, n5, n0]),
            "ValueError: range() arg 3 must not be zero"
        );
    }
}
