//! Object protocols with CPython 3.11's semantics and messages: length, hashing, equality,
//! the item protocol (indices and slices of str, bytes, tuple, list and range; dict keys),
//! containment, dict lookups, slices and ranges, attribute access.
//!
//! May use: the object model. A type's own code (a Python class's dunders, an extension
//! type's slots) and the interpreter's services are reached only through the upcalls of
//! `upcalls.rs` (`st.up_ext_getitem`, `st.up_import_module`...).
//!
//! # Safepoints
//! Builtin values are compared and hashed without running code ([`crate::objects::ops`]), but objects
//! with their own `__eq__`/`__hash__` (extension types, Python classes) and iteration can run
//! code, and so reach a safepoint. Hence two rules in this file:
//! - a `RawRef` argument is stale once a call that may run code returned: callers re-read
//!   what they still need from their roots;
//! - inside, whatever must survive such a call is pushed on the rooted stack
//!   (`roots.stack`, see `value_stack.rs`) and read back from it.
//!
//! Dict lookups follow DESIGN.md: hash first; compare under the borrow of the table only when
//! the comparison cannot run code; otherwise leave the table, compare, and restart the lookup
//! if the keys that matter changed meanwhile ([`State::dict_find`]).

pub(crate) mod attribute;
pub(crate) mod call;
pub(crate) mod compare;
mod complex_format;
mod complex_new;
pub(crate) mod construct;
pub(crate) mod dict_lookup;
pub(crate) mod format;
pub(crate) mod index;
pub(crate) mod item;
pub(crate) mod iter;
#[allow(dead_code)] // filled in by the number-protocol work
pub(crate) mod number;
pub(crate) mod repr;

use gc::{ObjRef, RawRef};
use num_traits::ToPrimitive;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::ops;
use crate::objects::types::{self, Instances};
use crate::objects::{bytes, dict, list, range, str as pystr, tuple, type_of};
use crate::state::State;
use crate::value_stack::Rooted;

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
    // ------------------------------------------------------------ basics

    /// `len(obj)`
    pub(crate) fn len(&mut self, r: RawRef) -> PyResult<usize> {
        self.rooting1(r, |st, r| st.len_at(r))
    }

    /// [`State::len`] on rooted operands.
    pub(crate) fn len_at(&mut self, r: Rooted) -> PyResult<usize> {
        // An instance of a builtin type (immortal, never a Python class or an extension
        // type) has neither a Python `__len__` nor a length slot: straight to its layout.
        if ops::is_builtin(self.obj(r.get(self))) {
            return self.len_builtin(r.get(self));
        }
        if let Some(n) = self.up_ext_len(r.get(self)) {
            return n;
        }
        self.len_builtin(r.get(self))
    }

    /// The length by the builtin layout (what `list.__len__(x)` computes: a subclass's
    /// own `__len__` is not consulted).
    pub(crate) fn len_builtin(&mut self, r: RawRef) -> PyResult<usize> {
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
        if let Some(h) = ops::fast_hash(&self.alloc(), self.obj(r)) {
            return h.map_err(|name| self.raise("TypeError", format!("unhashable type: '{name}'")));
        }
        self.rooting1(r, |st, r| st.hash_at(r))
    }

    /// [`State::hash`] on rooted operands.
    pub(crate) fn hash_at(&mut self, r: Rooted) -> PyResult<i64> {
        let fast = ops::fast_hash(&self.alloc(), r.obj(self));
        match fast {
            Some(Ok(h)) => Ok(h),
            Some(Err(name)) => Err(self.raise("TypeError", format!("unhashable type: '{name}'"))),
            None => self.hash_slow_at(r),
        }
    }

    /// Is `r` a bound method (`obj.f` for a Python function `f`)?
    fn is_bound_method(&self, r: RawRef) -> bool {
        let o = self.obj(r);
        o.kind() == self.b.kinds.wrap && type_of(o).raw() == self.b.method_type
    }

    /// The hash of an object that is not builtin or holds one.
    pub(super) fn hash_slow_at(&mut self, r: Rooted) -> PyResult<i64> {
        if self.is_bound_method(r.get(self)) {
            // A bound method (`fast_hash` leaves it here), as CPython's: the receiver's
            // identity, mixed with the function's hash.
            let o = r.obj(self);
            let me = ops::identity_hash(self.obj(crate::objects::instance::part(o, 1)));
            let f = crate::objects::instance::part(o, 0);
            return Ok(me ^ self.hash(f)?);
        }
        if let Some(h) = self.up_py_hash(r.get(self)) {
            return h;
        }
        if let Some(h) = self.up_ext_hash(r.get(self)) {
            return h;
        }
        let o = r.obj(self);
        if o.kind() == self.b.kinds.tuple
            && (ops::is_builtin(o)
                || (types::data(type_of(o)).py && self.ext_of(r.get(self)).is_none()))
        {
            // A tuple holding such objects: hash the items one by one.
            let n = tuple::len(r.obj(self));
            let mut lanes = Vec::with_capacity(n);
            for i in 0..n {
                let item = tuple::get(r.obj(self), i).raw();
                lanes.push(self.hash(item)?);
            }
            return Ok(ops::tuple_hash(&lanes));
        }
        let k = self.b.kinds;
        // A Python subclass of list, dict or set is unhashable, of frozenset hashes its
        // items.
        if (o.kind() == k.dict || o.kind() == k.list) && types::data(type_of(o)).py {
            return match ops::value_hash(&self.alloc(), o) {
                Some(Ok(h)) => Ok(h),
                _ => {
                    let t = self.type_name(r.get(self));
                    Err(self.raise("TypeError", format!("unhashable type: '{t}'")))
                }
            };
        }
        // A builtin-shaped extension instance (a str subclass…) without its own hash or
        // comparison hashes as its builtin value, as the inherited __hash__ does.
        if [k.int, k.bool_, k.float, k.complex, k.str_, k.bytes].contains(&o.kind())
            && self
                .ext_slot(r.get(self), hpy_abi::HPy_tp_richcompare)
                .is_none()
        {
            if let Some(Ok(h)) = ops::value_hash(&self.alloc(), o) {
                return Ok(h);
            }
        }
        // The default hash. (A type's own `__hash__` — an extension's `tp_hash`, a Python
        // class's method — is dispatched here once the type machinery provides it.)
        Ok(ops::identity_hash(r.obj(self)))
    }

    /// `x == y`, the truth of the `==` operator (`nan == nan` is False).
    pub(crate) fn eq(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        if let Some(b) = ops::fast_richeq(&self.alloc(), self.obj(x), self.obj(y)) {
            return Ok(b);
        }
        self.rooting2(x, y, |st, x, y| st.eq_at(x, y))
    }

    /// [`State::eq`] on rooted operands.
    pub(crate) fn eq_at(&mut self, x: Rooted, y: Rooted) -> PyResult<bool> {
        let fast = ops::fast_richeq(&self.alloc(), x.obj(self), y.obj(self));
        match fast {
            Some(b) => Ok(b),
            None => self.eq_slow(x.get(self), y.get(self)),
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
    pub(super) fn eq_slow(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        let mut ops = [x, y];
        if let Some(r) = self.up_ext_richcompare(&mut ops, 2)? {
            return self.truth(r);
        }
        self.eq_without_slots(ops[0], ops[1])
    }

    /// Equality once the types' own comparison slots and methods answered
    /// NotImplemented: builtin values by value, containers item by item, others by identity.
    pub(crate) fn eq_without_slots(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        self.rooting2(x, y, |st, x, y| st.eq_without_slots_at(x, y))
    }

    /// [`State::eq_without_slots`] on rooted operands.
    pub(crate) fn eq_without_slots_at(&mut self, x: Rooted, y: Rooted) -> PyResult<bool> {
        if let Some(b) = ops::fast_richeq(&self.alloc(), x.obj(self), y.obj(self)) {
            return Ok(b);
        }
        if let Some(b) = self.view_eq(x.get(self), y.get(self))? {
            return Ok(b);
        }
        if self.is_bound_method(x.get(self)) && self.is_bound_method(y.get(self)) {
            // Bound to the same object (identity) and equal functions, as CPython 3.8+
            // (`value_eq` leaves them here).
            let (ox, oy) = (x.obj(self), y.obj(self));
            if crate::objects::instance::part(ox, 1) != crate::objects::instance::part(oy, 1) {
                return Ok(false);
            }
            let (fx, fy) = (
                crate::objects::instance::part(ox, 0),
                crate::objects::instance::part(oy, 0),
            );
            return self.same_or_eq(fx, fy);
        }
        let k = self.b.kinds;
        // Builtin-shaped extension instances compare as their builtin value.
        let value_kinds = [k.int, k.bool_, k.float, k.complex, k.str_, k.bytes];
        let (kx, ky) = (x.obj(self).kind(), y.obj(self).kind());
        if value_kinds.contains(&kx) && value_kinds.contains(&ky) {
            if let Some(b) = ops::value_eq(&self.alloc(), x.obj(self), y.obj(self)) {
                return Ok(b);
            }
        }
        let (ox, oy) = (x.obj(self), y.obj(self));
        // Python subclasses of list, tuple and dict compare as their base.
        let plain = |o: gc::ObjRef<'_>| {
            let d = types::data(type_of(o));
            ops::is_builtin(o) || (d.py && d.ext.is_none())
        };
        let builtin = plain(ox) && plain(oy);
        if builtin && ox.kind() == oy.kind() && (ox.kind() == k.tuple || ox.kind() == k.list) {
            let is_list = ox.kind() == k.list;
            return self.pinning(|st, _| {
                let mut i = 0;
                loop {
                    // Lists may change while items compare: re-read the lengths each time.
                    let (a, b) = (x.obj(st), y.obj(st));
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
            return self.dict_eq_slow(x.get(self), y.get(self));
        }
        Ok(x.get(self) == y.get(self))
    }

    /// Dict equality that may run code: every key of `x` is in `y` with an equal value.
    pub(super) fn dict_eq_slow(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        self.pinning(|st, mark| {
            st.push(x);
            st.push(y);
            let (sx, sy, sk, sv) = (mark, mark + 1, st.push(RawRef::NULL), st.push(RawRef::NULL));
            let mut i = 0;
            loop {
                let (a, b) = (st.obj(st.at(sx)), st.obj(st.at(sy)));
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
                let other = dict::entries(st.obj(st.at(sy)))
                    .get_index(j)
                    .map(|(_, v)| *v)
                    .expect("found above");
                if !st.same_or_eq(st.at(sv), other)? {
                    return Ok(false);
                }
                i += 1;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    //! The dict lookup rule of DESIGN.md, exercised with a comparison that takes the slow
    //! path for every key: each comparison collects (every object moves) and may mutate
    //! the dict, as an extension's `__eq__` could.

    use super::*;
    use crate::objects::{float, int};
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
                st.push(stored);
                st.push(key);
                st.collect_now();
                if self.calls == self.at {
                    (self.meddle)(st, self.dict_slot);
                }
                let a = st.alloc();
                let (x, y) = (st.obj(st.at(mark)), st.obj(st.at(mark + 1)));
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
            let sd = st.push(d);
            let sk = st.push(key);
            m.dict_slot = sd;
            let h = st.hash(key)?;
            st.dict_find(sd, sk, h, m)
        })
        .expect("no error")
    }

    fn dict_with(st: &mut State, keys: &[&str]) -> RawRef {
        let d = dict::new(&st.alloc()).expect("alloc").raw();
        let slot = st.push(d);
        for (n, k) in keys.iter().enumerate() {
            let (k, v) = (s(st, k), i(st, n as i64));
            st.dict_set(st.at(slot), k, v).expect("set");
        }
        st.roots.stack.pop().expect("pinned")
    }

    #[test]
    fn a_comparison_that_mutates_the_dict_restarts_the_lookup() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &["a", "b", "c"]);
        let slot = st.push(d);
        // Comparison 1 adds a key with the same hash as "b": the keys that can match
        // changed, so the lookup starts again and compares "b" (and the intruder) anew.
        let key = s(st, "b");
        let mut m = Meddler {
            calls: 0,
            at: 1,
            meddle: |st, ds| {
                let (d, k) = (st.at(ds), i(st, 999));
                force(st, d, k, ops::str_hash("b"));
            },
            dict_slot: 0,
        };
        let found = find(st, st.at(slot), key, &mut m);
        assert_eq!(found, Some(1));
        assert!(m.calls >= 2, "restarted: {} comparisons", m.calls);
        assert_eq!(dict::len(st.obj(st.at(slot))), 4);
        assert!(st.heap.verify(&mut st.roots).is_empty());
    }

    #[test]
    fn unequal_keys_are_skipped_and_a_removal_restarts() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &[]);
        let slot = st.push(d);
        let h = ops::str_hash("q");
        for v in [1, 2, 3] {
            let k = i(st, v);
            force(st, st.at(slot), k, h);
        }
        // No mutation: three comparisons, all unequal, then absent.
        let key = s(st, "q");
        let kslot = st.push(key);
        let mut m = Meddler {
            calls: 0,
            at: 0,
            meddle: |_, _| {},
            dict_slot: 0,
        };
        assert_eq!(find(st, st.at(slot), st.at(kslot), &mut m), None);
        assert_eq!(m.calls, 3);
        // Comparison 2 removes the first colliding key: restart, two keys left to compare.
        let mut m = Meddler {
            calls: 0,
            at: 2,
            meddle: |st, ds| {
                dict::remove_index(st.obj(st.at(ds)), 0);
            },
            dict_slot: 0,
        };
        assert_eq!(find(st, st.at(slot), st.at(kslot), &mut m), None);
        assert_eq!(m.calls, 2 + 2);
        assert_eq!(dict::len(st.obj(st.at(slot))), 2);
        // A colliding key equal to the one looked up is found after the unequal ones.
        let q = s(st, "q");
        force(st, st.at(slot), q, h);
        let mut m = Meddler {
            calls: 0,
            at: 0,
            meddle: |_, _| {},
            dict_slot: 0,
        };
        // (Probe order decides how many unequal keys come first.)
        assert_eq!(find(st, st.at(slot), st.at(kslot), &mut m), Some(2));
        assert!((1..=3).contains(&m.calls), "{} comparisons", m.calls);
        assert!(st.heap.verify(&mut st.roots).is_empty());
    }

    #[test]
    fn builtin_keys_take_the_fast_path() {
        let mut rt = Rt::new();
        let st = rt.st();
        let d = dict_with(st, &["x", "y"]);
        let slot = st.push(d);
        let (one, onef, t) = (
            i(st, 1),
            float::new(&st.alloc(), 1.0).unwrap().raw(),
            st.b.true_,
        );
        let a = s(st, "a");
        st.dict_set(st.at(slot), one, a).unwrap();
        let b = s(st, "b");
        st.dict_set(st.at(slot), onef, b).unwrap();
        let c = s(st, "c");
        st.dict_set(st.at(slot), t, c).unwrap();
        assert_eq!(dict::len(st.obj(st.at(slot))), 3);
        let v = st.dict_get(st.at(slot), st.b.true_).unwrap().unwrap();
        assert_eq!(pystr::as_str(st.obj(v)), "c");
        let x = s(st, "x");
        assert!(st.dict_del(st.at(slot), x).unwrap());
        let x = s(st, "x");
        assert!(!st.dict_del(st.at(slot), x).unwrap());
        assert_eq!(
            crate::objects::repr::repr_of(st.obj(st.at(slot))),
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
                Ok(r) => crate::objects::repr::repr_of(st.obj(r)),
                Err(_) => {
                    let e = std::mem::replace(&mut st.roots.exc, RawRef::NULL);
                    let o = st.obj(e);
                    format!(
                        "{}: {}",
                        types::type_name_of(o),
                        crate::objects::repr::str_of(o)
                    )
                }
            }
        };
        let (t, f) = (st.b.true_, st.b.false_);
        let (n5, n0, nm2, x) = (i(st, 5), i(st, 0), i(st, -2), s(st, "a"));
        let fl = float::new(&st.alloc(), 1.0).unwrap().raw();
        // Each part is rooted while the next one is made.
        let slots: Vec<usize> = [n5, n0, nm2, x, fl].iter().map(|r| st.push(*r)).collect();
        let [n5, n0, nm2, x, fl] = [0, 1, 2, 3, 4].map(|k| st.at(slots[k]));
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
