//! The item protocol (`a[k]`, `a[k] = v`, `del a[k]`, slices of the builtin sequences)
//! and containment (`in`): an extension type's or a Python class's own code first, then
//! the builtin containers.

use super::*;
use crate::error::PyResult;
use crate::objects::int::IntValue;
use crate::objects::ops;
use crate::objects::types::{self};
use crate::objects::{bytes, int, list, range, slice, str as pystr, tuple, W_TYPE};
use crate::state::State;
use crate::value_stack::Rooted;
use gc::{ObjRef, RawRef};
use num_bigint::BigInt;

impl State {
    // ------------------------------------------------------------ the item protocol

    /// `obj[key]` for operands held as addresses: roots them for the call.
    pub(crate) fn getitem(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        self.rooting2(r, key, |st, r, key| st.getitem_at(r, key))
    }

    /// `obj[key]`
    pub(crate) fn getitem_at(&mut self, r: Rooted, key: Rooted) -> PyResult<RawRef> {
        if let Some(v) = self.exact_seq_item(r.get(self), key.get(self)) {
            return Ok(v);
        }
        if let Some(v) = self.up_ext_getitem(r.get(self), key.get(self)) {
            return v;
        }
        self.getitem_builtin_at(r, key)
    }

    /// The index an exact int `key` names in a sequence of `len` items (negative from the
    /// end), if it is in range: the common case of `l[i]`, answered before any dispatch
    /// (an exact list, tuple or int has no Python method or extension slot to consult).
    #[inline]
    fn exact_index(&self, key: RawRef, len: usize) -> Option<usize> {
        let k = self.obj(key);
        if k.word(W_TYPE) != self.b.int_type.addr() as u64 {
            return None;
        }
        let i = int::small_exact(k)?;
        let i = if i < 0 { i.checked_add(len as i64)? } else { i };
        (0..len as i64).contains(&i).then_some(i as usize)
    }

    /// `l[i]` for an exact list or tuple and an exact int index in range; `None` leaves
    /// every other case (and every error) to the general path.
    #[inline]
    fn exact_seq_item(&self, r: RawRef, key: RawRef) -> Option<RawRef> {
        let o = self.obj(r);
        let ty = o.word(W_TYPE);
        if ty == self.b.list_type.addr() as u64 {
            let i = self.exact_index(key, list::len(o))?;
            Some(list::get(o, i).raw())
        } else if ty == self.b.tuple_type.addr() as u64 {
            let i = self.exact_index(key, tuple::len(o))?;
            Some(tuple::get(o, i).raw())
        } else {
            None
        }
    }

    /// `l[i] = v` for an exact list and an exact int index in range; false leaves the
    /// case to the general path.
    #[inline]
    pub(crate) fn exact_list_store(&self, r: RawRef, key: RawRef, v: RawRef) -> bool {
        let o = self.obj(r);
        if o.word(W_TYPE) != self.b.list_type.addr() as u64 {
            return false;
        }
        let Some(i) = self.exact_index(key, list::len(o)) else {
            return false;
        };
        let a = self.alloc();
        list::set(&a, o, i, self.obj(v));
        true
    }

    /// The builtin classes that `cls[args]` parameterizes (PEP 585).
    fn is_generic_builtin(&self, r: RawRef) -> bool {
        let b = &self.b;
        [
            b.list_type,
            b.dict_type,
            b.tuple_type,
            b.set_type,
            b.frozenset_type,
            b.type_type,
        ]
        .contains(&r)
    }

    /// `obj[key]` by the builtin layout (`list.__getitem__(x, key)`: a subclass's own
    /// `__getitem__` is not consulted).
    pub(crate) fn getitem_builtin(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        self.rooting2(r, key, |st, r, key| st.getitem_builtin_at(r, key))
    }

    /// [`State::getitem_builtin`] on rooted operands.
    pub(crate) fn getitem_builtin_at(&mut self, r: Rooted, key: Rooted) -> PyResult<RawRef> {
        self.index_key(r, key)?;
        let k = self.b.kinds;
        if r.obj(self).kind() == k.type_ && types::data(r.obj(self)).py {
            // `C[item]` on a Python class: its `__class_getitem__`.
            if let Some(f) = self.lookup_attr(r.get(self), "__class_getitem__") {
                let bound = self.up_class_attr(r.get(self), f)?;
                return self.call(bound, &[key.get(self)], &[]);
            }
        } else if r.obj(self).kind() == k.type_ && self.is_generic_builtin(r.get(self)) {
            // `list[int]` (PEP 585): a `types.GenericAlias`.
            let m = self.up_import_module("types")?;
            let ga = self.getattr(m, "GenericAlias")?;
            return self.call(ga, &[r.get(self), key.get(self)], &[]);
        }
        let o = r.obj(self);
        let kind = o.kind();
        let is_slice = key.obj(self).kind() == k.slice;
        if kind == k.dict && self.is_set(r.get(self)) {
            let t = self.type_name(r.get(self));
            return Err(self.raise("TypeError", format!("'{t}' object is not subscriptable")));
        }
        if kind == k.dict {
            return match self.dict_get(r.get(self), key.get(self))? {
                Some(v) => Ok(v),
                // A dict subclass's `__missing__(key)`.
                None => match self.up_call_dunder(r.get(self), "__missing__", &[key.get(self)]) {
                    Some(v) => v,
                    None => Err(self.key_error(key.get(self))),
                },
            };
        }
        if kind == k.range {
            return self.range_getitem(r, key);
        }
        if is_slice && (kind == k.list || kind == k.tuple || kind == k.str_ || kind == k.bytes) {
            return self.seq_get_slice(r, key);
        }
        let key = key.get(self);
        if kind == k.list {
            let i = self.seq_index(key, list::len(o), &LIST_GET)?;
            Ok(list::get(r.obj(self), i).raw())
        } else if kind == k.tuple {
            let i = self.seq_index(key, tuple::len(o), &TUPLE_GET)?;
            Ok(tuple::get(r.obj(self), i).raw())
        } else if kind == k.str_ {
            let i = self.seq_index(key, pystr::char_len(o), &STR_GET)?;
            let s = pystr::as_str(r.obj(self));
            let c = if s.len() == pystr::char_len(r.obj(self)) {
                s.as_bytes()[i] as char
            } else {
                s.chars().nth(i).expect("index below the length")
            };
            let mut buf = [0u8; 4];
            Ok(pystr::new(&self.alloc(), c.encode_utf8(&mut buf))?.raw())
        } else if kind == k.bytes {
            let i = self.seq_index(key, bytes::data(o).len(), &BYTES_GET)?;
            let b = bytes::data(r.obj(self))[i];
            Ok(int::new_i64(&self.alloc(), b as i64)?.raw())
        } else {
            let n = self.type_name(r.get(self));
            Err(self.raise("TypeError", format!("'{n}' object is not subscriptable")))
        }
    }

    /// `seq[slice]` for str, bytes, tuple and list.
    pub(super) fn seq_get_slice(&mut self, r: Rooted, s: Rooted) -> PyResult<RawRef> {
        let k = self.b.kinds;
        let o = r.obj(self);
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
        // The bounds may call `__index__`, which may collect: `r` is read again after.
        let b = self.slice_bounds(s.get(self), len)?;
        let a = self.alloc();
        let o = r.obj(self);
        // Immutable builtin sequences: the whole of it is the object itself (as CPython).
        if b.step == 1 && b.len == len && kind != k.list && ops::is_builtin(o) {
            return Ok(o.raw());
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

    /// `obj[key] = value` for operands held as addresses: roots them for the call.
    pub(crate) fn setitem(&mut self, r: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        self.rooting3(r, key, value, |st, r, key, value| {
            st.setitem_at(r, key, value)
        })
    }

    /// `obj[key] = value`
    pub(crate) fn setitem_at(&mut self, r: Rooted, key: Rooted, value: Rooted) -> PyResult<()> {
        self.ass_subscript(r, key, Some(value))
    }

    /// `del obj[key]` for operands held as addresses: roots them for the call.
    pub(crate) fn delitem(&mut self, r: RawRef, key: RawRef) -> PyResult<()> {
        self.rooting2(r, key, |st, r, key| st.delitem_at(r, key))
    }

    /// `del obj[key]`
    pub(crate) fn delitem_at(&mut self, r: Rooted, key: Rooted) -> PyResult<()> {
        self.ass_subscript(r, key, None)
    }

    /// Item assignment (`Some`) or deletion (`None`).
    fn ass_subscript(&mut self, r: Rooted, key: Rooted, value: Option<Rooted>) -> PyResult<()> {
        if let Some(v) = value {
            if self.exact_list_store(r.get(self), key.get(self), v.get(self)) {
                return Ok(());
            }
        }
        let v = value.map_or(RawRef::NULL, |v| v.get(self));
        if let Some(v) = self.up_ext_setitem(r.get(self), key.get(self), v) {
            return v;
        }
        self.ass_subscript_builtin_at(r, key, value)
    }

    /// Item assignment or deletion by the builtin layout (`dict.__setitem__(x, k, v)`: a
    /// subclass's own `__setitem__` is not consulted), for operands held as addresses.
    pub(crate) fn ass_subscript_builtin(
        &mut self,
        r: RawRef,
        key: RawRef,
        value: Option<RawRef>,
    ) -> PyResult<()> {
        self.rooting3(r, key, value.unwrap_or(RawRef::NULL), |st, r, key, v| {
            st.ass_subscript_builtin_at(r, key, value.map(|_| v))
        })
    }

    /// [`State::ass_subscript_builtin`] on rooted operands.
    fn ass_subscript_builtin_at(
        &mut self,
        r: Rooted,
        key: Rooted,
        value: Option<Rooted>,
    ) -> PyResult<()> {
        self.index_key(r, key)?;
        let k = self.b.kinds;
        let kind = r.obj(self).kind();
        if kind == k.dict && self.is_set(r.get(self)) {
            let t = self.type_name(r.get(self));
            return Err(self.raise(
                "TypeError",
                format!("'{t}' object does not support item assignment"),
            ));
        }
        if kind == k.dict {
            return match value {
                Some(v) => self.dict_set(r.get(self), key.get(self), v.get(self)),
                None => {
                    if self.dict_del(r.get(self), key.get(self))? {
                        Ok(())
                    } else {
                        Err(self.key_error(key.get(self)))
                    }
                }
            };
        }
        if kind == k.list && key.obj(self).kind() == k.slice {
            return self.list_ass_slice(r, key, value);
        }
        let value = value.map(|v| v.get(self));
        let (r, key) = (r.get(self), key.get(self));
        let o = self.obj(r);
        if kind == k.list {
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
    pub(super) fn list_ass_slice(
        &mut self,
        l: Rooted,
        s: Rooted,
        value: Option<Rooted>,
    ) -> PyResult<()> {
        let (start, stop, step) = self.slice_unpack(s.get(self))?;
        self.pinning(|st, _| {
            let Some(value) = value else {
                let o = l.obj(st);
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
            let (first, count) = st.pin_items(value.get(st), msg)?;
            // Collecting may have run code: take the list's length now.
            let o = l.obj(st);
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
        // The items straight from the layout, unless a Python subclass iterates otherwise.
        let own_iter = self.py_method(v, "__iter__").is_some();
        if (o.kind() == k.tuple || o.kind() == k.list) && !own_iter {
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
        let slot = self.push(it);
        let first = slot + 1;
        while let Some(x) = self.next_at(Rooted::slot(slot))? {
            self.push(x);
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

    /// `item in container` for operands held as addresses: roots them for the call.
    pub(crate) fn contains(&mut self, container: RawRef, item: RawRef) -> PyResult<bool> {
        self.rooting2(container, item, |st, c, i| st.contains_at(c, i))
    }

    /// `item in container`
    pub(crate) fn contains_at(&mut self, container: Rooted, item: Rooted) -> PyResult<bool> {
        if let Some(v) = self.up_ext_contains(container.get(self), item.get(self)) {
            return v;
        }
        self.contains_builtin_at(container, item)
    }

    /// `item in container` by the builtin layout (`list.__contains__(x, item)`), for
    /// operands held as addresses.
    pub(crate) fn contains_builtin(&mut self, container: RawRef, item: RawRef) -> PyResult<bool> {
        self.rooting2(container, item, |st, c, i| st.contains_builtin_at(c, i))
    }

    /// [`State::contains_builtin`] on rooted operands.
    fn contains_builtin_at(&mut self, rc: Rooted, ri: Rooted) -> PyResult<bool> {
        let k = self.b.kinds;
        let (container, item) = (rc.get(self), ri.get(self));
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
            let mut i = 0;
            loop {
                let c = rc.obj(self);
                let x = if is_list {
                    (i < list::len(c)).then(|| list::get(c, i).raw())
                } else {
                    (i < tuple::len(c)).then(|| tuple::get(c, i).raw())
                };
                let Some(x) = x else {
                    return Ok(false);
                };
                if self.same_or_eq(x, ri.get(self))? {
                    return Ok(true);
                }
                i += 1;
            }
        }
        if kind == k.range {
            if let Some(v) = self.index_value(item) {
                let v = match v {
                    IntValue::Small(v) => BigInt::from(v),
                    IntValue::Big(v) => v,
                };
                return Ok(range::contains_int(rc.obj(self), &v));
            }
        }
        // Any other iterable: iterate and compare.
        let it = match self.iter(container) {
            Ok(it) => it,
            Err(e) => {
                if self.exc_is("TypeError") {
                    let t = self.type_name(rc.get(self));
                    return Err(self.raise(
                        "TypeError",
                        format!("argument of type '{t}' is not iterable"),
                    ));
                }
                return Err(e);
            }
        };
        self.rooting1(it, |st, it| {
            while let Some(x) = st.next_at(it)? {
                if st.same_or_eq(x, ri.get(st))? {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }
}
