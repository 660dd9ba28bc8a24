//! The iteration protocol: `iter(obj)` and `next(it)` for the builtin iterables, with
//! CPython's iterator types. Shared by the HPy context (`HPy_GetIter`, `HPyIter_Next`) and
//! the interpreter (`for`).

use gc::RawRef;

use crate::error::PyResult;
use crate::state::State;

impl State {
    /// `iter(obj)`
    pub(crate) fn iter(&mut self, obj: RawRef) -> PyResult<RawRef> {
        let t = self.type_name(obj);
        Err(self.raise("TypeError", format!("'{t}' object is not iterable")))
    }

    /// `next(it)`: `Ok(None)` when exhausted (no StopIteration set).
    pub(crate) fn next(&mut self, it: RawRef) -> PyResult<Option<RawRef>> {
        let t = self.type_name(it);
        Err(self.raise("TypeError", format!("'{t}' object is not an iterator")))
    }
}
