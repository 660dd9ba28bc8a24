//! The iteration protocol: `iter(obj)` and `next(it)` for the builtin iterables, with
//! CPython 3.11's iterator types and behaviour. Shared by the HPy context (`HPy_GetIter`,
//! `HPyIter_Next`) and the interpreter (`for`).
//!
//! - list iterators see items appended during the iteration, and stop for good at the end
//!   (an exhausted iterator drops its list);
//! - dict iterators raise `RuntimeError` when the dict changed size, and when keys before
//!   their position were removed and others added (CPython reports that one as "keys
//!   changed" after yielding the entries left; here it is reported at once, because our
//!   dict closes the gap a removal leaves);
//! - every builtin iterator is its own iterator (`iter(it) is it`).

use gc::{ObjRef, RawRef};

use crate::error::PyResult;
use crate::objects::int::IntValue;
use crate::objects::{
    bytes, dict, int, iterator, list, range, str as pystr, tuple, type_of, types,
};
use crate::state::State;
use crate::value_stack::Rooted;

pub(crate) use crate::objects::dict::DictIter;

impl State {
    fn iterator_type(&self, name: &str) -> RawRef {
        self.b.iterator_types[name]
    }

    /// `iter(obj)`
    pub(crate) fn iter(&mut self, obj: RawRef) -> PyResult<RawRef> {
        self.rooting1(obj, |st, obj| st.iter_at(obj))
    }

    /// [`State::iter`] on rooted operands.
    pub(crate) fn iter_at(&mut self, obj: Rooted) -> PyResult<RawRef> {
        if obj.obj(self).kind() == self.b.kinds.generator {
            return Ok(obj.get(self));
        }
        if let Some(r) = self.up_py_iter(obj.get(self)) {
            return r;
        }
        self.iter_builtin_at(obj)
    }

    /// An iterator by the builtin layout (`list.__iter__(x)`: a subclass's own `__iter__`
    /// is not consulted).
    pub(crate) fn iter_builtin(&mut self, obj: RawRef) -> PyResult<RawRef> {
        self.rooting1(obj, |st, obj| st.iter_builtin_at(obj))
    }

    /// [`State::iter_builtin`] on rooted operands.
    pub(crate) fn iter_builtin_at(&mut self, obj: Rooted) -> PyResult<RawRef> {
        if obj.obj(self).kind() == self.b.kinds.generator {
            return Ok(obj.get(self));
        }
        let k = self.b.kinds;
        let o = obj.obj(self);
        let kind = o.kind();
        if kind == k.iterator {
            return Ok(obj.get(self));
        }
        if kind == k.dict {
            return self.dict_iter(obj.get(self), DictIter::Keys);
        }
        if let Some((what, d)) = self.dict_view_of(obj.get(self)) {
            return self.dict_iter(d, what);
        }
        let (ty, extra) = if kind == k.list {
            ("list_iterator", 0)
        } else if kind == k.tuple {
            ("tuple_iterator", 0)
        } else if kind == k.str_ {
            let ascii = pystr::as_str(o).len() == pystr::char_len(o);
            (
                if ascii {
                    "str_ascii_iterator"
                } else {
                    "str_iterator"
                },
                0,
            )
        } else if kind == k.bytes {
            ("bytes_iterator", 0)
        } else if kind == k.range {
            let n = range::length_u64(o);
            // CPython's choice: machine-sized bounds and length, or the long variant.
            if let (Some((start, _, step)), true) = (range::small(o), i64::try_from(n).is_ok()) {
                let a = self.alloc();
                let ty = self.b.range_iterator_type;
                return Ok(iterator::new_range(&a, ty, obj.obj(self), n, start, step)?.raw());
            }
            ("longrange_iterator", n)
        } else if self.is_sequence(obj.get(self)) {
            ("iterator", 0)
        } else {
            let t = self.type_name(obj.get(self));
            return Err(self.raise("TypeError", format!("'{t}' object is not iterable")));
        };
        let a = self.alloc();
        let it = iterator::new(&a, self.iterator_type(ty), obj.obj(self), None, 0, extra)?;
        Ok(it.raw())
    }

    /// An iterator over a dict's keys, values or items.
    pub(crate) fn dict_iter(&mut self, d: RawRef, what: DictIter) -> PyResult<RawRef> {
        let a = self.alloc();
        let o = self.obj(d);
        let n = dict::len(o) as u64;
        let it = iterator::new(&a, self.iterator_type(what.type_name()), o, None, 0, n)?;
        Ok(it.raw())
    }

    /// `reversed(l)` for a list: a `list_reverseiterator`.
    pub(crate) fn list_reversed(&mut self, l: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let o = self.obj(l);
        let start = list::len(o) as i64 - 1;
        let ty = self.iterator_type("list_reverseiterator");
        Ok(iterator::new(&a, ty, o, None, start as u64, 0)?.raw())
    }

    /// `iter(callable, sentinel)`: calls `callable()` until it returns `sentinel` (the
    /// caller has checked that it is callable).
    #[allow(dead_code)] // for the interpreter's two-argument `iter()`
    pub(crate) fn callable_iter(&mut self, callable: RawRef, sentinel: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let ty = self.iterator_type("callable_iterator");
        let it = iterator::new(&a, ty, self.obj(callable), Some(self.obj(sentinel)), 0, 0)?;
        Ok(it.raw())
    }

    /// The lazy iterator `kind` ("map", "filter" or "zip") over the iterators in the tuple
    /// `its`, calling `func` (None for `filter(None, ...)` and `zip`). `extra` is 1 for
    /// `zip(..., strict=True)`.
    pub(crate) fn lazy_iter(
        &mut self,
        kind: &'static str,
        func: RawRef,
        its: RawRef,
        strict: bool,
    ) -> PyResult<RawRef> {
        let a = self.alloc();
        let ty = self.iterator_type(kind);
        let it = iterator::new(
            &a,
            ty,
            self.obj(its),
            Some(self.obj(func)),
            0,
            u64::from(strict),
        )?;
        Ok(it.raw())
    }

    /// The next item of a `map`, `filter` or `zip` iterator. Everything it reads is
    /// pinned: each `next` of an inner iterator and each call may collect.
    fn lazy_next(&mut self, it: RawRef, kind: &str) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            st.push(it);
            let o = st.obj(it);
            let Some(its) = iterator::iterated(o).map(|s| s.raw()) else {
                return Ok(None);
            };
            let func = iterator::aux(o).map_or(st.b.none, |f| f.raw());
            let strict = iterator::extra(o) == 1;
            let n = tuple::len(st.obj(its));
            let its_i = st.push(its);
            let func_i = st.push(func);
            if kind == "filter" {
                loop {
                    let inner = tuple::get(st.obj(st.at(its_i)), 0).raw();
                    let Some(v) = st.next(inner)? else {
                        iterator::exhaust(st.obj(st.at(mark)));
                        return Ok(None);
                    };
                    let vi = st.push(v);
                    let f = st.at(func_i);
                    let keep = if f == st.b.none {
                        st.truth(v)?
                    } else {
                        let r = st.call(f, &[v], &[])?;
                        st.truth(r)?
                    };
                    if keep {
                        return Ok(Some(st.at(vi)));
                    }
                    st.roots.stack.truncate(vi);
                }
            }
            if n == 0 {
                // `zip()`: nothing to pair.
                iterator::exhaust(st.obj(st.at(mark)));
                return Ok(None);
            }
            let items_at = st.roots.stack.len();
            for i in 0..n {
                let inner = tuple::get(st.obj(st.at(its_i)), i).raw();
                match st.next(inner)? {
                    Some(v) => {
                        st.push(v);
                    }
                    None => {
                        // zip(strict=True): all must end together.
                        let uneven = if !strict {
                            None
                        } else if i > 0 {
                            Some((i, "shorter"))
                        } else {
                            st.lazy_longer(its_i, n)?.map(|j| (j, "longer"))
                        };
                        iterator::exhaust(st.obj(st.at(mark)));
                        if let Some((j, what)) = uneven {
                            let others = if j == 1 {
                                "argument 1".to_string()
                            } else {
                                format!("arguments 1-{j}")
                            };
                            let msg = format!("zip() argument {} is {what} than {others}", j + 1);
                            return Err(st.raise("ValueError", msg));
                        }
                        return Ok(None);
                    }
                }
            }
            if kind == "map" {
                let argv: Vec<RawRef> = st.roots.stack[items_at..].to_vec();
                // The arguments stay pinned above `items_at` while the function runs.
                return st.call(st.at(func_i), &argv, &[]).map(Some);
            }
            let a = st.alloc();
            let objs: Vec<_> = st.roots.stack[items_at..]
                .iter()
                .map(|r| st.obj(*r))
                .collect();
            Ok(Some(tuple::new(&a, &objs)?.raw()))
        })
    }

    /// For `zip(strict=True)` when the first iterator is exhausted: the index of the
    /// first other iterator that still has an item.
    fn lazy_longer(&mut self, its_i: usize, n: usize) -> PyResult<Option<usize>> {
        for j in 1..n {
            let inner = tuple::get(self.obj(self.at(its_i)), j).raw();
            if self.next(inner)?.is_some() {
                return Ok(Some(j));
            }
        }
        Ok(None)
    }

    /// Is `obj` an iterator (`PyIter_Check`)?
    pub(crate) fn is_iterator(&self, obj: RawRef) -> bool {
        let k = self.obj(obj).kind();
        k == self.b.kinds.iterator || k == self.b.kinds.generator
    }

    /// `next(it)`: `Ok(None)` when exhausted (no StopIteration set).
    pub(crate) fn next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        self.rooting1(it, |st, it| st.next_at(it))
    }

    /// [`State::next`] on rooted operands.
    /// Whether `it` is a range iterator (with machine-sized bounds: what `range(...)`
    /// iterates over), which [`Self::range_next_at`] steps. An object's type never changes
    /// to or from it, so a loop can ask once.
    #[inline]
    pub(crate) fn is_range_iterator(&self, it: Rooted) -> bool {
        let o = it.obj(self);
        o.kind() == self.b.kinds.iterator && type_of(o).raw() == self.b.range_iterator_type
    }

    /// [`Self::next_at`] of a range iterator (see [`Self::is_range_iterator`]).
    #[inline(always)]
    pub(crate) fn range_next_at(&mut self, it: Rooted) -> PyResult<Option<RawRef>> {
        let o = it.obj(self);
        match iterator::range_step(o) {
            Some(v) => Ok(Some(int::new_i64(&self.alloc(), v)?.raw())),
            None => {
                iterator::exhaust(o);
                Ok(None)
            }
        }
    }

    pub(crate) fn next_at(&mut self, it: Rooted) -> PyResult<Option<RawRef>> {
        let o = it.obj(self);
        if o.kind() != self.b.kinds.iterator {
            if o.kind() == self.b.kinds.generator {
                return Ok(match self.up_gen_resume(it.get(self), self.b.none)? {
                    crate::objects::generator::Resumed::Yield(v) => Some(v),
                    crate::objects::generator::Resumed::Return(_) => None,
                });
            }
            if let Some(r) = self.up_py_next(it.get(self)) {
                return r;
            }
            let t = self.type_name(it.get(self));
            return Err(self.raise("TypeError", format!("'{t}' object is not an iterator")));
        }
        // `for i in range(n)`: machine-sized bounds, no dispatch on the iterator's name.
        if type_of(o).raw() == self.b.range_iterator_type {
            return self.range_next_at(it);
        }
        let Some(seq) = iterator::iterated(o) else {
            return Ok(None);
        };
        let pos = iterator::pos(o);
        // Lists and tuples, the commonest, by the type's identity (no name compared).
        let t = type_of(o).raw();
        if t == self.b.list_iterator_type || t == self.b.tuple_iterator_type {
            let (n, get): (usize, fn(ObjRef<'_>, usize) -> ObjRef<'_>) =
                if t == self.b.list_iterator_type {
                    (list::len(seq), list::get)
                } else {
                    (tuple::len(seq), tuple::get)
                };
            if (pos as usize) < n {
                iterator::set_pos(o, pos + 1);
                return Ok(Some(get(seq, pos as usize).raw()));
            }
            iterator::exhaust(o);
            return Ok(None);
        }
        let a = self.alloc();
        let name = types::data(type_of(o)).tp_name.as_str();
        let item = match name {
            "list_reverseiterator" => {
                let i = pos as i64;
                if i >= 0 && (i as usize) < list::len(seq) {
                    iterator::set_pos(o, (i - 1) as u64);
                    Some(list::get(seq, i as usize).raw())
                } else {
                    None
                }
            }
            "str_ascii_iterator" | "str_iterator" => {
                let text = pystr::as_str(seq);
                match text[pos as usize..].chars().next() {
                    Some(c) => {
                        iterator::set_pos(o, pos + c.len_utf8() as u64);
                        let mut buf = [0u8; 4];
                        Some(pystr::new(&a, c.encode_utf8(&mut buf))?.raw())
                    }
                    None => None,
                }
            }
            "bytes_iterator" => match bytes::data(seq).get(pos as usize) {
                Some(b) => {
                    let b = *b;
                    iterator::set_pos(o, pos + 1);
                    Some(int::new_i64(&a, b as i64)?.raw())
                }
                None => None,
            },
            "range_iterator" | "longrange_iterator" => {
                if pos < iterator::extra(o) {
                    iterator::set_pos(o, pos + 1);
                    Some(match range::item(seq, pos) {
                        IntValue::Small(v) => int::new_i64(&a, v)?.raw(),
                        IntValue::Big(v) => int::new_big(&a, &v)?.raw(),
                    })
                } else {
                    None
                }
            }
            "dict_keyiterator" => return self.dict_next(it.get(self), DictIter::Keys),
            "dict_valueiterator" => return self.dict_next(it.get(self), DictIter::Values),
            "dict_itemiterator" => return self.dict_next(it.get(self), DictIter::Items),
            "callable_iterator" => return self.callable_next(it.get(self)),
            "map" => return self.lazy_next(it.get(self), "map"),
            "filter" => return self.lazy_next(it.get(self), "filter"),
            "zip" => return self.lazy_next(it.get(self), "zip"),
            "iterator" => return self.sequence_next(it.get(self)),
            other => {
                let msg = format!("next() of an unknown builtin iterator '{other}'");
                return Err(self.raise("SystemError", msg));
            }
        };
        if item.is_none() {
            iterator::exhaust(it.obj(self));
        }
        Ok(item)
    }

    fn dict_next(&mut self, it: RawRef, what: DictIter) -> PyResult<Option<RawRef>> {
        let a = self.alloc();
        let o = self.obj(it);
        let Some(d) = iterator::iterated(o) else {
            return Ok(None);
        };
        let n = dict::len(d);
        if iterator::extra(o) != n as u64 {
            // Sticky: later calls report it again, as CPython does.
            iterator::set_extra(o, iterator::STICKY);
            return Err(self.raise(
                "RuntimeError",
                "dictionary changed size during iteration".into(),
            ));
        }
        let pos = iterator::pos(o) as usize;
        let m = dict::entries(d);
        if pos > 0 {
            let last = iterator::aux(o).map(|k| k.raw());
            let same = m.get_index(pos - 1).map(|(k, _)| k.key.get());
            if last.is_none() || same != last {
                iterator::exhaust(o);
                return Err(self.raise(
                    "RuntimeError",
                    "dictionary keys changed during iteration".into(),
                ));
            }
        }
        let Some((k, v)) = m.get_index(pos).map(|(k, v)| (k.key.get(), *v)) else {
            iterator::exhaust(o);
            return Ok(None);
        };
        iterator::set_pos(o, pos as u64 + 1);
        let key = a.heap_obj(k);
        iterator::set_aux(&a, o, Some(key));
        Ok(Some(match what {
            DictIter::Keys => k,
            DictIter::Values => v,
            DictIter::Items => tuple::new(&a, &[key, a.heap_obj(v)])?.raw(),
        }))
    }

    /// Whether iterating `obj` may use its `__getitem__` (CPython's `PySequence_Check`: a
    /// Python class's `__getitem__` or an extension's `sq_item`; never a dict's).
    fn is_sequence(&self, obj: RawRef) -> bool {
        if types::data(type_of(self.obj(obj))).instances == types::Instances::Dict {
            return false;
        }
        self.py_method(obj, "__getitem__").is_some()
            || self
                .ext_of(obj)
                .is_some_and(|e| e.slot(hpy_abi::HPy_sq_item).is_some())
    }

    /// The next item of a sequence iterator: `seq[pos]`, ending at IndexError or
    /// StopIteration.
    fn sequence_next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            st.push(it);
            let o = st.obj(it);
            let Some(seq) = iterator::iterated(o).map(|s| s.raw()) else {
                return Ok(None);
            };
            let pos = iterator::pos(o);
            let i = int::new_i64(&st.alloc(), pos as i64)?.raw();
            match st.getitem(seq, i) {
                Ok(v) => {
                    iterator::set_pos(st.obj(st.at(mark)), pos + 1);
                    Ok(Some(v))
                }
                Err(e) => {
                    if !st.exc_is("IndexError") && !st.exc_is("StopIteration") {
                        return Err(e);
                    }
                    st.roots.exc = RawRef::NULL;
                    iterator::exhaust(st.obj(st.at(mark)));
                    Ok(None)
                }
            }
        })
    }

    fn callable_next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            st.push(it);
            let Some(f) = iterator::iterated(st.obj(it)).map(|f| f.raw()) else {
                return Ok(None);
            };
            let exhausted = match st.call(f, &[], &[]) {
                Ok(v) => {
                    let vs = st.push(v);
                    let sentinel = iterator::aux(st.obj(st.at(mark)))
                        .expect("callable iterators have a sentinel")
                        .raw();
                    if !st.same_or_eq(sentinel, v)? {
                        return Ok(Some(st.at(vs)));
                    }
                    true
                }
                Err(e) => {
                    if !st.exc_is("StopIteration") {
                        return Err(e);
                    }
                    st.roots.exc = RawRef::NULL;
                    true
                }
            };
            if exhausted {
                let o = st.obj(st.at(mark));
                iterator::exhaust(o);
                iterator::set_aux(&st.alloc(), o, None);
            }
            Ok(None)
        })
    }
}
