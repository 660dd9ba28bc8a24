//! The HPy handle table: a `slotmap` of object references that the collector updates in
//! place, so the values extensions hold never change when objects move.
//!
//! A handle is the key's FFI form (`KeyData::as_ffi`, version in the high half, slot index
//! in the low half) XORed with a fixed salt. Unsalted, small garbage values such as 1 or
//! 0x1234 would decode to the first slots (the context constants); salted, they decode to
//! an index beyond the table or a version no slot has, so a closed or garbage value
//! resolves to nothing instead of to a wrong object, except a value that happens to decode
//! to a live key. Never 0: that would need the slot index 0xffff_f000.
//! The context constants are the first entries and are never removed.

use gc::{RawRef, Tracer};
use hpy_abi::HPy;
use slotmap::{DefaultKey, Key, KeyData, SlotMap};

/// What a handle holds.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) obj: RawRef,
    /// A non-moving copy of the object's text or bytes handed to C through this handle
    /// (`HPyUnicode_AsUTF8AndSize`, `HPyBytes_AsString`…), freed when the handle closes.
    /// Boxed: raw copies are rare, and a small entry keeps the table fast.
    pub(crate) raw_copy: Option<Box<crate::host::guarded::Buffer>>,
}

#[derive(Debug, Default)]
pub struct HandleTable {
    map: SlotMap<DefaultKey, Entry>,
    /// Constants occupy the first `constants` slots, with the first version.
    constants: u32,
    /// Debug mode's checker (`--debug`): records every open and close.
    pub(crate) debug: Option<Box<crate::host::debug::Checker>>,
}

/// Why a handle could not be closed.
#[derive(Debug, PartialEq, Eq)]
pub enum CloseError {
    NotOpen,
    Constant,
}

/// High half: a version no slot reaches; low half: an index no table reaches.
const SALT: u64 = 0x6b5f_3c29_ffff_f000;

#[inline]
fn key(h: HPy) -> DefaultKey {
    KeyData::from_ffi(h._i as u64 ^ SALT).into()
}

#[inline]
fn handle(k: DefaultKey) -> HPy {
    HPy {
        _i: (k.data().as_ffi() ^ SALT) as isize,
    }
}

impl HandleTable {
    #[inline]
    pub fn open(&mut self, obj: RawRef) -> HPy {
        let h = handle(self.map.insert(Entry {
            obj,
            raw_copy: None,
        }));
        if let Some(d) = self.debug.as_deref_mut() {
            d.on_open(h._i);
        }
        h
    }

    /// Opens the constants, in order; must be the first handles opened.
    pub(crate) fn open_constants(&mut self, objs: &[RawRef]) -> Vec<HPy> {
        assert!(self.map.is_empty(), "constants come first");
        let hs = objs.iter().map(|o| self.open(*o)).collect();
        self.constants = objs.len() as u32;
        hs
    }

    #[inline]
    pub fn get(&self, h: HPy) -> Option<RawRef> {
        if h._i == 0 {
            return None;
        }
        self.map.get(key(h)).map(|e| e.obj)
    }

    pub(crate) fn entry_mut(&mut self, h: HPy) -> Option<&mut Entry> {
        if h._i == 0 {
            return None;
        }
        self.map.get_mut(key(h))
    }

    #[inline]
    pub(crate) fn is_constant(&self, h: HPy) -> bool {
        self.constant_index(h).is_some()
    }

    /// Which constant `h` is (0-based, in the order they were opened).
    #[inline]
    pub(crate) fn constant_index(&self, h: HPy) -> Option<usize> {
        let v = h._i as u64 ^ SALT;
        let (idx, version) = (v as u32, (v >> 32) as u32);
        (idx >= 1 && idx <= self.constants && version == 1).then(|| idx as usize - 1)
    }

    #[inline]
    pub fn close(&mut self, h: HPy) -> Result<(), CloseError> {
        if self.is_constant(h) {
            return Err(CloseError::Constant);
        }
        if h._i == 0 {
            return Err(CloseError::NotOpen);
        }
        let entry = self.map.remove(key(h)).ok_or(CloseError::NotOpen)?;
        if let Some(d) = self.debug.as_deref_mut() {
            d.on_close(h._i);
            if let Some(mut b) = entry.raw_copy {
                // Where the handle closed, for a report if the pointer is used later.
                if let Some(crate::host::guarded::Origin::RawPointer { closed, .. }) =
                    b.origin.as_deref_mut()
                {
                    *closed = d.stack_here();
                }
                drop(b);
            }
        }
        Ok(())
    }

    /// Closes `h`, an open handle that is not a constant, and answers the object it held;
    /// `None` if it is not open (or is a constant, which stays open).
    #[inline]
    pub(crate) fn take(&mut self, h: HPy) -> Option<RawRef> {
        let r = self.get(h)?;
        self.close(h).ok().map(|()| r)
    }

    /// Open handles, constants excluded.
    pub(crate) fn open_count(&self) -> usize {
        self.map.len() - self.constants as usize
    }

    pub(crate) fn trace(&mut self, t: &mut Tracer<'_>) {
        t.root_set("HPy handles");
        for (_, e) in self.map.iter_mut() {
            t.edge(&mut e.obj);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_are_never_null_and_closed_ones_resolve_to_nothing() {
        let mut t = HandleTable::default();
        let cs = t.open_constants(&[RawRef::from_addr(8), RawRef::from_addr(16)]);
        assert!(cs.iter().all(|h| h._i != 0 && t.is_constant(*h)));
        let h = t.open(RawRef::from_addr(24));
        assert_ne!(h._i, 0);
        assert!(!t.is_constant(h));
        assert_eq!(t.get(h), Some(RawRef::from_addr(24)));
        assert_eq!(t.close(h), Ok(()));
        assert_eq!(t.get(h), None, "closed");
        let h3 = t.open(RawRef::from_addr(40));
        assert_eq!(t.take(h3), Some(RawRef::from_addr(40)));
        assert_eq!(t.take(h3), None, "taken: closed");
        assert_eq!(t.take(cs[1]), None, "a constant stays open");
        assert_eq!(t.get(cs[1]), Some(RawRef::from_addr(16)));
        assert_eq!(t.close(h), Err(CloseError::NotOpen), "closed twice");
        // The slot is reused with a new version: the old value still resolves to nothing.
        let h2 = t.open(RawRef::from_addr(32));
        assert_ne!(h2, h);
        assert_eq!(t.get(h), None);
        assert_eq!(t.close(cs[0]), Err(CloseError::Constant));
        for garbage in [
            1isize,
            2,
            3,
            -1,
            -2,
            0x10,
            0x1234_5678,
            isize::MAX,
            isize::MIN,
            0xdead_beef_0000,
        ] {
            assert_eq!(t.get(HPy { _i: garbage }), None, "{garbage:#x}");
        }
        assert_eq!(t.get(HPy { _i: 0 }), None);
        assert_eq!(t.open_count(), 1);
    }
}
