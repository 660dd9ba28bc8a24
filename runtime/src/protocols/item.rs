//! The item protocol (`a[k]`, `a[k] = v`, `del a[k]`, slices of the builtin sequences)
//! and containment (`in`): an extension type's or a Python class's own code first, then
//! the builtin containers.

use super::*;
use crate::error::PyResult;
use crate::objects::int::IntValue;
use crate::objects::ops;
use crate::objects::types::{self};
use crate::objects::{bytes, int, list, range, slice, str as pystr, tuple};
use crate::state::State;
use gc::{ObjRef, RawRef};
use num_bigint::BigInt;

impl State {
    // ------------------------------------------------------------ the item protocol

    /// `obj[key]`
    pub(crate) fn getitem(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        if let Some(v) = self.up_ext_getitem(r, key) {
            return v;
        }
        self.getitem_builtin(r, key)
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
        let (r, key) = self.index_key(r, key)?;
        let k = self.b.kinds;
        let (r, key) = if self.obj(r).kind() == k.type_ && types::data(self.obj(r)).py {
            // `C[item]` on a Python class: its `__class_getitem__`.
            let mark = self.push(key);
            self.push(r);
            let f = self.lookup_attr(r, "__class_getitem__");
            let bound = f.map(|f| self.up_class_attr(self.at(mark + 1), f));
            let (key, r) = (self.at(mark), self.at(mark + 1));
            self.truncate(mark);
            if let Some(bound) = bound {
                return self.call(bound?, &[key], &[]);
            }
            (r, key)
        } else if self.obj(r).kind() == k.type_ && self.is_generic_builtin(r) {
            // `list[int]` (PEP 585): a `types.GenericAlias`.
            let mark = self.push(key);
            self.push(r);
            let r = (|| {
                let m = self.up_import_module("types")?;
                let ga = self.getattr(m, "GenericAlias")?;
                self.call(ga, &[self.at(mark + 1), self.at(mark)], &[])
            })();
            self.truncate(mark);
            return r;
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
                st.push(key);
                st.push(r);
                match st.dict_get(r, key)? {
                    Some(v) => Ok(v),
                    // A dict subclass's `__missing__(key)`.
                    None => match st.up_call_dunder(st.at(mark + 1), "__missing__", &[st.at(mark)])
                    {
                        Some(v) => v,
                        None => Err(st.key_error(st.at(mark))),
                    },
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
    pub(super) fn seq_get_slice(&mut self, r: RawRef, s: RawRef) -> PyResult<RawRef> {
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
    pub(super) fn ass_subscript(
        &mut self,
        r: RawRef,
        key: RawRef,
        value: Option<RawRef>,
    ) -> PyResult<()> {
        if let Some(v) = self.up_ext_setitem(r, key, value.unwrap_or(RawRef::NULL)) {
            return v;
        }
        self.ass_subscript_builtin(r, key, value)
    }

    /// Item assignment or deletion by the builtin layout (`dict.__setitem__(x, k, v)`: a
    /// subclass's own `__setitem__` is not consulted).
    pub(crate) fn ass_subscript_builtin(
        &mut self,
        r: RawRef,
        key: RawRef,
        value: Option<RawRef>,
    ) -> PyResult<()> {
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
                    st.push(key);
                    if st.dict_del(r, key)? {
                        Ok(())
                    } else {
                        Err(st.key_error(st.at(mark)))
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
    pub(super) fn list_ass_slice(
        &mut self,
        l: RawRef,
        s: RawRef,
        value: Option<RawRef>,
    ) -> PyResult<()> {
        let (start, stop, step) = self.slice_unpack(s)?;
        self.pinning(|st, mark| {
            st.push(l);
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
            let o = st.obj(st.at(mark));
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
        while let Some(x) = self.next(self.at(slot))? {
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

    /// `item in container`
    pub(crate) fn contains(&mut self, container: RawRef, item: RawRef) -> PyResult<bool> {
        if let Some(v) = self.up_ext_contains(container, item) {
            return v;
        }
        self.contains_builtin(container, item)
    }

    /// `item in container` by the builtin layout (`list.__contains__(x, item)`).
    pub(crate) fn contains_builtin(&mut self, container: RawRef, item: RawRef) -> PyResult<bool> {
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
                st.push(container);
                st.push(item);
                let mut i = 0;
                loop {
                    let c = st.obj(st.at(mark));
                    let x = if is_list {
                        (i < list::len(c)).then(|| list::get(c, i).raw())
                    } else {
                        (i < tuple::len(c)).then(|| tuple::get(c, i).raw())
                    };
                    let Some(x) = x else {
                        return Ok(false);
                    };
                    if st.same_or_eq(x, st.at(mark + 1))? {
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
            st.push(item);
            st.push(it);
            while let Some(x) = st.next(st.at(mark + 1))? {
                if st.same_or_eq(x, st.at(mark))? {
                    return Ok(true);
                }
            }
            Ok(false)
        })
    }
}
