//! The `|` operator's answers for classes and dicts, which no number slot gives: `int | str`
//! (PEP 604, a `types.UnionType`, with `None` standing for its type) and `d1 | d2`, `d |= m`
//! (PEP 584: the merge of two dicts, and the in-place update from any mapping or iterable
//! of pairs).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::type_of;
use crate::objects::types::{self, Instances};
use crate::state::State;
use crate::value_stack::Rooted;

impl State {
    fn is_exact_dict_layout(&self, r: RawRef) -> bool {
        types::data(type_of(self.obj(r))).instances == Instances::Dict
    }

    /// Can `r` be a member of a union: a class, `None`, or an object of `types`' alias
    /// classes (which answer `|` themselves, so only classes and `None` reach here).
    fn unionable(&self, r: RawRef) -> bool {
        r == self.b.none || self.obj(r).kind() == self.b.kinds.type_
    }

    /// `a | b` for classes (a `types.UnionType`) and dicts (a merged copy); `Ok(None)`
    /// when neither applies (the caller reports the unsupported operands).
    pub(crate) fn or_of_types_or_dicts(
        &mut self,
        a: Rooted,
        b: Rooted,
    ) -> PyResult<Option<RawRef>> {
        let (x, y) = (a.get(self), b.get(self));
        if self.unionable(x) && self.unionable(y) {
            let m = self.up_import_module("types")?;
            let ut = self.getattr(m, "UnionType")?;
            let make = self.getattr(ut, "_make")?;
            let r = self.call(make, &[a.get(self), b.get(self)], &[])?;
            return Ok((r != self.b.notimpl).then_some(r));
        }
        if self.is_exact_dict_layout(x) && self.is_exact_dict_layout(y) {
            let new = self.dict_copy(x)?;
            let n = self.root(new);
            self.dict_merge(n.get(self), b.get(self))?;
            return Ok(Some(n.get(self)));
        }
        Ok(None)
    }

    /// `d |= m` for a dict: `d.update(m)` (any mapping or iterable of pairs), then `d`.
    pub(crate) fn dict_ior(&mut self, a: Rooted, b: Rooted) -> PyResult<Option<RawRef>> {
        if !self.is_exact_dict_layout(a.get(self)) {
            return Ok(None);
        }
        let update = self.getattr_at(a, "update")?;
        self.call(update, &[b.get(self)], &[])?;
        Ok(Some(a.get(self)))
    }
}
