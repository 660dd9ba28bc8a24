//! Indices, slices and ranges: `__index__` for subscripts, CPython's index messages,
//! slice bounds, `range()` arguments and items.

use super::*;
use crate::error::PyResult;
use crate::objects::int::IntValue;
use crate::objects::slice::Bounds;
use crate::objects::{int, range, slice};
use crate::state::State;
use crate::value_stack::Rooted;
use gc::RawRef;
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};

impl State {
    // ------------------------------------------------------------ indices

    /// `obj.__index__()` of the builtin integers (int and bool); None for other objects.
    /// (An extension's `nb_index` is not consulted: that belongs to the number protocol.)
    pub(super) fn index_value(&self, r: RawRef) -> Option<IntValue> {
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
    /// `__index__`: converted first, in its slot.
    pub(super) fn index_key(&mut self, r: Rooted, key: Rooted) -> PyResult<()> {
        if !self.is_py(key.get(self))
            || r.obj(self).kind() == self.b.kinds.dict
            || self.py_method(key.get(self), "__index__").is_none()
        {
            return Ok(());
        }
        let k = self.index_at(key)?;
        key.set(self, k);
        Ok(())
    }

    /// An index into a sequence of `len` items (negative counts from the end).
    pub(super) fn seq_index(
        &mut self,
        key: RawRef,
        len: usize,
        msgs: &IndexMsgs,
    ) -> PyResult<usize> {
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
    pub(super) fn slice_index(&mut self, r: RawRef) -> PyResult<Option<isize>> {
        Ok(self.slice_index_big(r)?.map(|b| match b.to_isize() {
            Some(v) => v,
            None if b.is_negative() => isize::MIN,
            None => isize::MAX,
        }))
    }

    /// CPython's `PySlice_Unpack`: the step (1 when None; zero is a ValueError), then start
    /// and stop with their defaults for the step's direction, all clamped to the machine
    /// range (and the step to at least `-isize::MAX`, so that negating it cannot overflow).
    pub(crate) fn slice_unpack(&mut self, s: RawRef) -> PyResult<(isize, isize, isize)> {
        // A bound's `__index__` may run code: the slice is rooted and read again for each.
        self.rooting1(s, |st, s| {
            let part = |st: &State, i: usize| slice::parts(s.obj(st))[i].raw();
            let step = match st.slice_index(part(st, 2))? {
                None => 1,
                Some(0) => {
                    return Err(st.raise("ValueError", "slice step cannot be zero".into()));
                }
                Some(v) => v.max(-isize::MAX),
            };
            let start =
                st.slice_index(part(st, 0))?
                    .unwrap_or(if step < 0 { isize::MAX } else { 0 });
            let stop = st.slice_index(part(st, 1))?.unwrap_or(if step < 0 {
                isize::MIN
            } else {
                isize::MAX
            });
            Ok((start, stop, step))
        })
    }

    /// The items a slice selects in a sequence of `len` items.
    pub(crate) fn slice_bounds(&mut self, s: RawRef, len: usize) -> PyResult<Bounds> {
        let (start, stop, step) = self.slice_unpack(s)?;
        Ok(slice::adjust(len, start, stop, step))
    }

    /// A slice bound without clamping (for ranges): None, or an arbitrary integer.
    pub(crate) fn slice_index_big(&mut self, r: RawRef) -> PyResult<Option<BigInt>> {
        if r == self.b.none {
            return Ok(None);
        }
        let v = match self.index_value(r) {
            Some(v) => v,
            // Any other object by its `__index__` (a Python class's, an `nb_index`).
            None if self.has_own_index(r) => {
                let i = self.index(r)?;
                self.index_value(i).expect("__index__ returned an int")
            }
            None => {
                return Err(self.raise(
                    "TypeError",
                    "slice indices must be integers or None or have an __index__ method".into(),
                ))
            }
        };
        Ok(Some(match v {
            IntValue::Small(v) => BigInt::from(v),
            IntValue::Big(b) => b,
        }))
    }

    /// Has `obj` an `__index__` of its own (a Python class's method, an extension type's
    /// `nb_index`)? The builtin ints are read directly, without it.
    fn has_own_index(&self, r: RawRef) -> bool {
        self.py_method(r, "__index__").is_some()
            || self.ext_slot(r, hpy_abi::HPy_nb_index).is_some()
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
                st.push(r);
            }
            // `__index__` may run code: each part is re-read from its slot.
            for i in mark..mark + 3 {
                let v = st.index_at(Rooted::slot(i))?;
                st.roots.stack[i] = v;
            }
            let [start, stop, step] = [0, 1, 2].map(|i| st.at(mark + i));
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
    pub(super) fn range_getitem(&mut self, r: Rooted, key: Rooted) -> PyResult<RawRef> {
        if key.obj(self).kind() == self.b.kinds.slice {
            // Each bound's `__index__` may run code: the slice and the range are read
            // from their slots after each.
            let part = |st: &State, i: usize| slice::parts(key.obj(st))[i].raw();
            let step = match self.slice_index_big(part(self, 2))? {
                None => BigInt::from(1),
                Some(v) if v.is_zero() => {
                    return Err(self.raise("ValueError", "slice step cannot be zero".into()));
                }
                Some(v) => v,
            };
            let start = self.slice_index_big(part(self, 0))?;
            let stop = self.slice_index_big(part(self, 1))?;
            let o = r.obj(self);
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
        let (r, key) = (r.get(self), key.get(self));
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
}
