//! Object protocols with CPython's semantics and messages: length, item access, attribute
//! access, equality, hashing. Every operation takes and returns references read from roots
//! and raises through the state; none keeps a raw reference across a safepoint.

use gc::{ObjRef, RawRef};
use num_traits::ToPrimitive;

use crate::error::PyResult;
use crate::objects::types::{self, Instances};
use crate::objects::{
    bytes, dict, exception, function, int, list, module, str as pystr, tuple, type_of,
};
use crate::ops;
use crate::state::State;

fn instances(o: ObjRef<'_>) -> Instances {
    types::data(type_of(o)).instances
}

impl State {
    pub(crate) fn type_name(&self, r: RawRef) -> String {
        types::type_name_of(self.obj(r))
    }

    /// `len(obj)`
    pub(crate) fn len(&mut self, r: RawRef) -> PyResult<usize> {
        let o = self.obj(r);
        Ok(match instances(o) {
            Instances::Str => pystr::char_len(o),
            Instances::Bytes => bytes::data(o).len(),
            Instances::Tuple => tuple::len(o),
            Instances::List => list::len(o),
            Instances::Dict => dict::len(o),
            _ => {
                let n = self.type_name(r);
                return Err(self.raise("TypeError", format!("object of type '{n}' has no len()")));
            }
        })
    }

    /// `hash(obj)`
    pub(crate) fn hash(&mut self, r: RawRef) -> PyResult<i64> {
        let res = ops::hash(&self.alloc(), self.obj(r));
        res.map_err(|name| self.raise("TypeError", format!("unhashable type: '{name}'")))
    }

    /// `x == y` for what the runtime knows; other objects compare by identity.
    pub(crate) fn eq(&mut self, x: RawRef, y: RawRef) -> PyResult<bool> {
        let a = self.alloc();
        Ok(ops::fast_eq(&a, self.obj(x), self.obj(y)).unwrap_or(x == y))
    }

    fn index_of(&mut self, r: RawRef, len: usize, what: &str) -> PyResult<usize> {
        let o = self.obj(r);
        let i = match instances(o) {
            Instances::Int => int::to_bigint(o).to_i64(),
            _ if o.kind() == self.b.kinds.bool_ => Some(o.word(crate::objects::W_DATA) as i64),
            _ => {
                let n = self.type_name(r);
                return Err(self.raise(
                    "TypeError",
                    format!("{what} indices must be integers or slices, not {n}"),
                ));
            }
        };
        self.normalize_index(i, len, &format!("{what} index out of range"))
    }

    pub(crate) fn normalize_index(
        &mut self,
        i: Option<i64>,
        len: usize,
        msg: &str,
    ) -> PyResult<usize> {
        let i = i.unwrap_or(i64::MAX);
        let j = if i < 0 { i + len as i64 } else { i };
        if j < 0 || j >= len as i64 {
            return Err(self.raise("IndexError", msg.to_string()));
        }
        Ok(j as usize)
    }

    /// `obj[key]`
    pub(crate) fn getitem(&mut self, r: RawRef, key: RawRef) -> PyResult<RawRef> {
        let o = self.obj(r);
        match instances(o) {
            Instances::Tuple => {
                let i = self.index_of(key, tuple::len(o), "tuple")?;
                Ok(tuple::get(self.obj(r), i).raw())
            }
            Instances::List => {
                let i = self.index_of(key, list::len(o), "list")?;
                Ok(list::get(self.obj(r), i).raw())
            }
            Instances::Str => {
                let n = pystr::char_len(o);
                let i = self.index_of(key, n, "string")?;
                let c: String = pystr::as_str(self.obj(r))
                    .chars()
                    .nth(i)
                    .into_iter()
                    .collect();
                Ok(pystr::new(&self.alloc(), &c)?.raw())
            }
            Instances::Bytes => {
                let n = bytes::data(o).len();
                let i = self.index_of(key, n, "index")?;
                let b = bytes::data(self.obj(r))[i];
                Ok(int::new_i64(&self.alloc(), b as i64)?.raw())
            }
            Instances::Dict => match self.dict_get(r, key)? {
                Some(v) => Ok(v),
                None => {
                    let k = self.obj(key);
                    let args = tuple::new(&self.alloc(), &[k])?;
                    let e = exception::new(&self.alloc(), self.b.exc("KeyError"), args)?;
                    self.roots.exc = e.raw();
                    Err(crate::error::Raised)
                }
            },
            _ => {
                let n = self.type_name(r);
                Err(self.raise("TypeError", format!("'{n}' object is not subscriptable")))
            }
        }
    }

    /// `obj[key] = value`
    pub(crate) fn setitem(&mut self, r: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        let o = self.obj(r);
        match instances(o) {
            Instances::List => {
                let n = list::len(o);
                let i = self.index_of(key, n, "list").map_err(|e| {
                    if self.exc_is("IndexError") {
                        self.raise("IndexError", "list assignment index out of range".into())
                    } else {
                        e
                    }
                })?;
                let a = self.alloc();
                list::set(&a, self.obj(r), i, self.obj(value));
                Ok(())
            }
            Instances::Dict => self.dict_set(r, key, value),
            _ => {
                let n = self.type_name(r);
                Err(self.raise(
                    "TypeError",
                    format!("'{n}' object does not support item assignment"),
                ))
            }
        }
    }

    pub(crate) fn dict_get(&mut self, d: RawRef, key: RawRef) -> PyResult<Option<RawRef>> {
        let h = self.hash(key)?;
        let a = self.alloc();
        let (d, k) = (self.obj(d), self.obj(key));
        let hit = dict::lookup(d, h, |other| {
            let o = a.heap_obj(other);
            ops::fast_eq(&a, k, o).unwrap_or(k == o)
        });
        Ok(hit.map(|(_, v)| v))
    }

    pub(crate) fn dict_set(&mut self, d: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        let h = self.hash(key)?;
        let a = self.alloc();
        let (d, k, v) = (self.obj(d), self.obj(key), self.obj(value));
        dict::insert(&a, d, k, h, v, |other| {
            let o = a.heap_obj(other);
            ops::fast_eq(&a, k, o).unwrap_or(k == o)
        });
        Ok(())
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
                format!("type object '{}' has no attribute '{name}'", types::name(o))
            }
            _ => format!("'{}' object has no attribute '{name}'", self.type_name(r)),
        };
        Err(self.raise("AttributeError", msg))
    }

    /// The attribute if it exists (no exception set otherwise).
    pub(crate) fn lookup_attr(&mut self, r: RawRef, name: &str) -> Option<RawRef> {
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
                if name == "__name__" {
                    return pystr::new(&a, types::name(o)).ok().map(|s| s.raw());
                }
            }
            Instances::Exception if name == "args" => return Some(exception::args(o).raw()),
            _ if o.kind() == self.b.kinds.function => match name {
                "__name__" => return Some(function::name_obj(o).raw()),
                "__doc__" => return Some(function::doc(o).raw()),
                "__self__" => return Some(function::self_of(o).raw()),
                _ => {}
            },
            _ => {}
        }
        if name == "__class__" {
            return Some(type_of(o).raw());
        }
        // Class attributes reached through an instance.
        for t in tuple::items(types::mro(type_of(o))) {
            if let Some(v) = ops::dict_get_str(&a, types::dict(t), name) {
                return Some(v.raw());
            }
        }
        None
    }

    /// `setattr(obj, name, value)`, or `delattr` when `value` is null.
    pub(crate) fn setattr(&mut self, r: RawRef, name: &str, value: RawRef) -> PyResult<()> {
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
