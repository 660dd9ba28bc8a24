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

pub(crate) use crate::objects::dict::DictIter;

impl State {
    fn iterator_type(&self, name: &str) -> RawRef {
        self.b.iterator_types[name]
    }

    /// `iter(obj)`
    pub(crate) fn iter(&mut self, obj: RawRef) -> PyResult<RawRef> {
        if self.obj(obj).kind() == self.b.kinds.generator {
            return Ok(obj);
        }
        if let Some(r) = self.py_iter(obj) {
            return r;
        }
        let k = self.b.kinds;
        let o = self.obj(obj);
        let kind = o.kind();
        if kind == k.iterator {
            return Ok(obj);
        }
        if kind == k.dict {
            return self.dict_iter(obj, DictIter::Keys);
        }
        if let Some((what, d)) = self.dict_view_of(obj) {
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
                return Ok(iterator::new_range(&a, ty, self.obj(obj), n, start, step)?.raw());
            }
            ("longrange_iterator", n)
        } else {
            let t = self.type_name(obj);
            return Err(self.raise("TypeError", format!("'{t}' object is not iterable")));
        };
        let a = self.alloc();
        let it = iterator::new(&a, self.iterator_type(ty), self.obj(obj), None, 0, extra)?;
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

    /// Is `obj` an iterator (`PyIter_Check`)?
    pub(crate) fn is_iterator(&self, obj: RawRef) -> bool {
        let k = self.obj(obj).kind();
        k == self.b.kinds.iterator || k == self.b.kinds.generator
    }

    /// `next(it)`: `Ok(None)` when exhausted (no StopIteration set).
    pub(crate) fn next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        let o = self.obj(it);
        if o.kind() != self.b.kinds.iterator {
            if o.kind() == self.b.kinds.generator {
                return Ok(match self.gen_resume(it, self.b.none)? {
                    crate::interp::generators::Resumed::Yield(v) => Some(v),
                    crate::interp::generators::Resumed::Return(_) => None,
                });
            }
            if let Some(r) = self.py_next(it) {
                return r;
            }
            let t = self.type_name(it);
            return Err(self.raise("TypeError", format!("'{t}' object is not an iterator")));
        }
        let Some(seq) = iterator::iterated(o) else {
            return Ok(None);
        };
        // `for i in range(n)`: machine-sized bounds, no dispatch on the iterator's name.
        if type_of(o).raw() == self.b.range_iterator_type {
            return match iterator::range_step(o) {
                Some(v) => Ok(Some(int::new_i64(&self.alloc(), v)?.raw())),
                None => {
                    iterator::exhaust(o);
                    Ok(None)
                }
            };
        }
        let a = self.alloc();
        let pos = iterator::pos(o);
        let name = types::data(type_of(o)).tp_name.as_str();
        let item = match name {
            "list_iterator" | "tuple_iterator" => {
                let (n, get): (usize, fn(ObjRef<'_>, usize) -> ObjRef<'_>) =
                    if name == "list_iterator" {
                        (list::len(seq), list::get)
                    } else {
                        (tuple::len(seq), tuple::get)
                    };
                if (pos as usize) < n {
                    iterator::set_pos(o, pos + 1);
                    Some(get(seq, pos as usize).raw())
                } else {
                    None
                }
            }
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
            "dict_keyiterator" => return self.dict_next(it, DictIter::Keys),
            "dict_valueiterator" => return self.dict_next(it, DictIter::Values),
            "dict_itemiterator" => return self.dict_next(it, DictIter::Items),
            "callable_iterator" => return self.callable_next(it),
            other => {
                let msg = format!("next() of an unknown builtin iterator '{other}'");
                return Err(self.raise("SystemError", msg));
            }
        };
        if item.is_none() {
            iterator::exhaust(self.obj(it));
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

    fn callable_next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            st.pin(it);
            let Some(f) = iterator::iterated(st.obj(it)).map(|f| f.raw()) else {
                return Ok(None);
            };
            let exhausted = match st.call(f, &[], &[]) {
                Ok(v) => {
                    let vs = st.pin(v);
                    let sentinel = iterator::aux(st.obj(st.pinned(mark)))
                        .expect("callable iterators have a sentinel")
                        .raw();
                    if !st.same_or_eq(sentinel, v)? {
                        return Ok(Some(st.pinned(vs)));
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
                let o = st.obj(st.pinned(mark));
                iterator::exhaust(o);
                iterator::set_aux(&st.alloc(), o, None);
            }
            Ok(None)
        })
    }
}
