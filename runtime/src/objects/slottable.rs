//! An extension type's slot table: slot number -> the C function's address.
//!
//! Every protocol operation on an extension instance asks its type for a slot (`len(o)`
//! asks for `mp_length`, then `sq_length`), so the lookup is on the hot path of every
//! slot call. HPy's type slots are numbered 1..=80 plus `tp_destroy` (1000): a flat array
//! indexed by the number answers in one load, where a hash map hashed the key each time.

use hpy_abi::HPySlot_Slot;

/// Slots 1..=80 at their own index, `tp_destroy` after them.
const DESTROY_INDEX: usize = 81;
const LEN: usize = 82;

#[derive(Clone, Debug)]
pub(crate) struct SlotTable {
    impls: Box<[usize; LEN]>,
}

impl Default for SlotTable {
    fn default() -> Self {
        SlotTable {
            impls: Box::new([0; LEN]),
        }
    }
}

/// Where slot `s` lives in the array; `None` for numbers that are not type slots
/// (`HPyType_FromSpec` refuses those before anything is stored).
#[inline]
fn index(s: u32) -> Option<usize> {
    match s {
        1..=80 => Some(s as usize),
        1000 => Some(DESTROY_INDEX),
        _ => None,
    }
}

impl SlotTable {
    /// The address of slot `s`'s function, if the type has it.
    #[inline]
    pub(crate) fn get(&self, s: HPySlot_Slot) -> Option<usize> {
        let i = index(s.0)?;
        let f = self.impls[i];
        (f != 0).then_some(f)
    }

    /// Sets slot `s` (a non-null address).
    ///
    /// # Panics
    /// If `s` is not a type slot: the caller validated the number.
    pub(crate) fn insert(&mut self, s: HPySlot_Slot, imp: usize) {
        let i = index(s.0).expect("a type slot number");
        self.impls[i] = imp;
    }

    pub(crate) fn remove(&mut self, s: HPySlot_Slot) {
        if let Some(i) = index(s.0) {
            self.impls[i] = 0;
        }
    }

    /// Copies every slot `other` has over this table's.
    pub(crate) fn extend(&mut self, other: &SlotTable) {
        for (mine, theirs) in self.impls.iter_mut().zip(other.impls.iter()) {
            if *theirs != 0 {
                *mine = *theirs;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_by_number_with_destroy_apart() {
        let mut t = SlotTable::default();
        assert_eq!(t.get(hpy_abi::HPy_sq_length), None);
        t.insert(hpy_abi::HPy_sq_length, 0x1000);
        t.insert(hpy_abi::HPy_tp_destroy, 0x2000);
        t.insert(hpy_abi::HPy_tp_finalize, 0x3000);
        assert_eq!(t.get(hpy_abi::HPy_sq_length), Some(0x1000));
        assert_eq!(t.get(hpy_abi::HPy_tp_destroy), Some(0x2000));
        assert_eq!(t.get(hpy_abi::HPy_mod_exec), None);
        let mut u = SlotTable::default();
        u.insert(hpy_abi::HPy_sq_length, 0x4000);
        u.extend(&t);
        assert_eq!(
            u.get(hpy_abi::HPy_sq_length),
            Some(0x1000),
            "extend overwrites"
        );
        u.remove(hpy_abi::HPy_tp_finalize);
        assert_eq!(u.get(hpy_abi::HPy_tp_finalize), None, "removed");
        assert_eq!(u.get(hpy_abi::HPy_tp_destroy), Some(0x2000));
    }
}
