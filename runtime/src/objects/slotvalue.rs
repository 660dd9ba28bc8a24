//! The values of a Python class's `__slots__`. Each slot name is a member descriptor of
//! the class (an `hpy_descr` of kind `Slot`, made by `interp/slots.rs`); the values are
//! kept in a dict by slot name that Python code never sees: the instance's own dict word
//! for a class without `__dict__` (whose instances expose no dict), else a side dict
//! keyed by the instance's identity (dropped when the instance dies), so that `__dict__`
//! holds only the other attributes, as on CPython.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{dict, hpyobj, instance, ops, str as pystr};
use crate::state::State;

impl State {
    /// `descr.__get__(obj)` for a slot: its value, or CPython's AttributeError when unset.
    /// The caller checked that `obj` is an instance of the descriptor's owner.
    pub(crate) fn slot_get(&mut self, d: RawRef, obj: RawRef) -> PyResult<RawRef> {
        let found = self.slot_lookup(d, obj).map(|(_, v)| v);
        match found {
            Some(v) => Ok(v),
            None => {
                let (tn, name) = (self.type_name(obj), self.slot_name(d));
                Err(self.raise(
                    "AttributeError",
                    format!("'{tn}' object has no attribute '{name}'"),
                ))
            }
        }
    }

    /// `descr.__set__(obj, value)` for a slot, or `__delete__` when `value` is null.
    pub(crate) fn slot_set(&mut self, d: RawRef, obj: RawRef, value: RawRef) -> PyResult<()> {
        if value.is_null() {
            let Some((i, _)) = self.slot_lookup(d, obj) else {
                // CPython's message for deleting an unset slot is the bare name.
                let name = self.slot_name(d);
                return Err(self.raise("AttributeError", name));
            };
            let dd = self
                .slot_storage(obj, false)?
                .expect("a set slot has storage");
            dict::remove_index(self.obj(dd), i);
            return Ok(());
        }
        let Some(dd) = self.slot_storage(obj, true)? else {
            // Not reached: slot descriptors are only made for classes of that layout.
            let tn = self.type_name(obj);
            return Err(self.raise(
                "TypeError",
                format!("hpymove: slots of '{tn}' objects are not supported"),
            ));
        };
        // No safepoint from here on: the references stay current.
        let a = self.alloc();
        let dd = self.obj(dd);
        let key = hpyobj::descr_name_obj(self.obj(d));
        ops::dict_set_str(&a, dd, key, self.obj(value));
        Ok(())
    }

    /// The entry index and value of the slot in `obj`'s storage, if set.
    fn slot_lookup(&mut self, d: RawRef, obj: RawRef) -> Option<(usize, RawRef)> {
        let dd = self.slot_storage(obj, false).ok().flatten()?;
        let dd = self.obj(dd);
        let name = hpyobj::descr_name(self.obj(d));
        let a = self.alloc();
        dict::lookup(dd, ops::str_hash(name), |other| {
            let k = a.heap_obj(other);
            k.kind() == a.kinds().str_ && pystr::as_str(k) == name
        })
    }

    /// The dict holding `obj`'s slot values (made if `create`); None for an object that
    /// is not a plain instance, or has none yet.
    fn slot_storage(&mut self, obj: RawRef, create: bool) -> PyResult<Option<RawRef>> {
        if self.obj(obj).kind() != self.b.kinds.instance {
            return Ok(None);
        }
        let o = self.obj(obj);
        if crate::objects::types::data(crate::objects::type_of(o)).dictless {
            if let Some(d) = instance::dict(o) {
                return Ok(Some(d.raw()));
            }
            if !create {
                return Ok(None);
            }
            let a = self.alloc();
            let d = dict::new(&a)?;
            instance::set_dict(&a, self.obj(obj), d);
            return Ok(Some(d.raw()));
        }
        let id = ops::identity(&self.alloc(), o);
        if let Some(d) = self.roots.side_dicts.get(&id) {
            return Ok(Some(*d));
        }
        if !create {
            return Ok(None);
        }
        let d = dict::new(&self.alloc())?.raw();
        self.roots.side_dicts.insert(id, d);
        // The entry is dropped when the instance dies (`roots.rs`, `drop_external`).
        self.heap.register_external(self.obj(obj));
        Ok(Some(d))
    }

    fn slot_name(&self, d: RawRef) -> String {
        hpyobj::descr_name(self.obj(d)).to_string()
    }
}
