//! Dict operations with Python-level keys: hash first, compare under the table's borrow
//! only when the comparison cannot run code, else leave the table, compare, and restart
//! the lookup if the keys that matter changed meanwhile (DESIGN.md).

use super::*;
use crate::error::PyResult;
use crate::objects::{dict, list};
use crate::state::State;
use gc::{ObjRef, RawRef};

impl State {
    // ------------------------------------------------------------ dicts

    /// `d.get(key)` without a default: the value, or None when absent (no error set).
    pub(crate) fn dict_get(&mut self, d: RawRef, key: RawRef) -> PyResult<Option<RawRef>> {
        self.dict_op(d, key, DictOp::Get)
    }

    /// `d[key] = value`
    pub(crate) fn dict_set(&mut self, d: RawRef, key: RawRef, value: RawRef) -> PyResult<()> {
        self.pinning(|st, mark| {
            let slot = st.push(value);
            debug_assert_eq!(slot, mark);
            st.dict_op(d, key, DictOp::Set(slot)).map(|_| ())
        })
    }

    /// Removes `key`; `false` when it was absent (no error set).
    pub(crate) fn dict_del(&mut self, d: RawRef, key: RawRef) -> PyResult<bool> {
        self.dict_op(d, key, DictOp::Del).map(|r| r.is_some())
    }

    /// Hashes `key`, finds it in `d` and performs `op`: the value found (Get), the value
    /// stored (Set, from its stack slot), the value removed (Del).
    pub(super) fn dict_op(
        &mut self,
        d: RawRef,
        key: RawRef,
        op: DictOp,
    ) -> PyResult<Option<RawRef>> {
        self.pinning(|st, mark| {
            let (sd, sk) = (st.push(d), st.push(key));
            debug_assert_eq!(sd, mark);
            let hash = st.hash(key)?;
            // Hashing may have run code: from here on, the dict and key are in their slots.
            let found = st.dict_find(sd, sk, hash, &mut PyKeyEq)?;
            // No safepoint from here on: the index stays valid.
            let a = st.alloc();
            let d = st.obj(st.at(sd));
            Ok(match (op, found) {
                (DictOp::Get, None) | (DictOp::Del, None) => None,
                (DictOp::Get, Some(i)) => dict::entries(d).get_index(i).map(|(_, v)| *v),
                (DictOp::Del, Some(i)) => {
                    let v = dict::entries(d).get_index(i).map(|(_, v)| *v);
                    dict::remove_index(d, i);
                    v
                }
                (DictOp::Set(sv), found) => {
                    let v = st.obj(st.at(sv));
                    match found {
                        Some(i) => {
                            let stored = dict::entries(d)
                                .get_index(i)
                                .map(|(k, _)| k.key.get())
                                .expect("found above");
                            dict::insert(&a, d, a.heap_obj(stored), hash, v, |o| o == stored);
                        }
                        None => {
                            let k = st.obj(st.at(sk));
                            dict::insert(&a, d, k, hash, v, |_| false);
                        }
                    }
                    Some(v.raw())
                }
            })
        })
    }

    /// Finds the key in slot `k_slot` (whose hash is `hash`) in the dict in slot `d_slot`:
    /// the entry's index, valid until the next safepoint.
    ///
    /// Keys are compared under the borrow of the table while `cmp` answers without running
    /// code. The first stored key whose comparison may run code ends that pass: it is rooted
    /// with the keys of equal hash (the only ones that can match), compared outside the
    /// borrow, and if those keys changed meanwhile (a comparison mutated the dict) the
    /// lookup restarts; otherwise it goes on past the keys already found unequal.
    pub(crate) fn dict_find(
        &mut self,
        d_slot: usize,
        k_slot: usize,
        hash: i64,
        cmp: &mut impl KeyCompare,
    ) -> PyResult<Option<usize>> {
        self.pinning(|st, unequal| loop {
            // Stored keys found unequal since the last restart sit in slots `unequal..`.
            let probe = {
                let a = st.alloc();
                let d = st.obj(st.at(d_slot));
                let k = st.obj(st.at(k_slot));
                let skip = &st.roots.stack[unequal..];
                let mut ask = None;
                let hit = dict::lookup(d, hash, |stored| {
                    if skip.contains(&stored) {
                        return false;
                    }
                    match cmp.fast(&a, a.heap_obj(stored), k) {
                        Some(b) => b,
                        None => {
                            ask = Some(stored);
                            true
                        }
                    }
                });
                match (hit, ask) {
                    (Some(_), Some(stored)) => Probe::Ask(stored),
                    (Some((i, _)), None) => Probe::Hit(i),
                    (None, _) => Probe::Miss,
                }
            };
            let stored = match probe {
                Probe::Hit(i) => return Ok(Some(i)),
                Probe::Miss => return Ok(None),
                Probe::Ask(stored) => stored,
            };
            let snap = st.push(stored);
            let before = st.same_hash_keys(d_slot, hash);
            st.roots.stack.extend_from_slice(&before);
            let equal = cmp.slow(st, st.at(snap), st.at(k_slot))?;
            let now = st.same_hash_keys(d_slot, hash);
            let changed = st.roots.stack[snap + 1..] != now[..];
            let stored = st.at(snap);
            st.roots.stack.truncate(snap);
            if changed {
                st.roots.stack.truncate(unequal);
                continue;
            }
            if equal {
                let d = st.obj(st.at(d_slot));
                let hit = dict::lookup(d, hash, |o| o == stored);
                return Ok(Some(hit.expect("the keys did not change").0));
            }
            st.push(stored);
        })
    }

    /// The stored keys whose hash is `hash`, in probe order (what a lookup can match).
    pub(super) fn same_hash_keys(&self, d_slot: usize, hash: i64) -> Vec<RawRef> {
        let mut keys = Vec::new();
        dict::lookup(self.obj(self.at(d_slot)), hash, |k| {
            keys.push(k);
            false
        });
        keys
    }

    /// `dict(d)` for a dict: a new dict with the same items, in order.
    pub(crate) fn dict_copy(&mut self, d: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let src = self.obj(d);
        let new = dict::new(&a)?;
        for (k, v) in dict::entries(src).iter() {
            // The keys of a dict are pairwise unequal: each one is a new entry.
            dict::insert(
                &a,
                new,
                a.heap_obj(k.key.get()),
                k.hash,
                a.heap_obj(*v),
                |_| false,
            );
        }
        Ok(new.raw())
    }

    /// `list(d)` for a dict: its keys, in order.
    pub(crate) fn dict_keys(&mut self, d: RawRef) -> PyResult<RawRef> {
        let a = self.alloc();
        let keys: Vec<ObjRef<'_>> = dict::entries(self.obj(d))
            .keys()
            .map(|k| a.heap_obj(k.key.get()))
            .collect();
        Ok(list::new(&a, &keys)?.raw())
    }
}
