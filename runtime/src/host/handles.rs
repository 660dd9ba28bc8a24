//! The HPy handle table: a vector of slots holding object references, which the collector
//! updates in place, so the values extensions hold never change when objects move.
//!
//! Freed slots form a LIFO free list, so an extension call that opens and closes a few
//! handles reuses the same warm slots: an open or a close is a handful of loads and stores.
//! Each slot has a version, odd while the slot is open and even while it is free; closing
//! bumps it to even and reopening to odd, so a handle to an earlier opening of the slot
//! no longer matches.
//!
//! A handle is `(version << 32 | index) ^ SALT`. Unsalted, small garbage values such as 1
//! or 0x1234 would decode to the first slots (the context constants); salted, they decode
//! to an index beyond the table or a version no slot has, so a closed or garbage value
//! resolves to nothing instead of to a wrong object, except a value that happens to decode
//! to a live slot. Never 0: that would need the slot index 0xffff_f000, which the table
//! refuses to reach. Slot 0 is never used (index 0 marks the end of the free list); the
//! context constants are the next slots, opened first with version 1, and never closed.
//! (The encoding is the one the table had when it was a `slotmap`: handle values, which
//! debug reports print, did not change.)
//!
//! Argument handles, which the host opens for a call into extension code and closes when
//! it returns, live apart, in a stack of their own with indexes from `ARG_BASE` up: the
//! calls nest, so the arguments of the running ones are a stack, and a call's arguments
//! are closed together by cutting it back to where it stood before the call. Opening one
//! is a push, with no free list to maintain; closing all of a call's is one truncation.
//! They carry versions like the slots' (one counter, odd values), so a handle kept after
//! its call resolves to nothing, as a closed slot's does. Debug mode, which tracks every
//! handle, does not use them.

use gc::{RawRef, Tracer};
use hpy_abi::HPy;

/// What a handle holds.
#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) obj: RawRef,
    /// A non-moving copy of the object's text or bytes handed to C through this handle
    /// (`HPyUnicode_AsUTF8AndSize`, `HPyBytes_AsString`…), freed when the handle closes.
    /// Boxed: raw copies are rare, and a small entry keeps the table fast.
    pub(crate) raw_copy: Option<Box<crate::host::guarded::Buffer>>,
}

#[derive(Debug)]
struct Slot {
    entry: Entry,
    /// Odd: open; even: free.
    version: u32,
    /// Free slots: the next free slot's index (0: none).
    next_free: u32,
}

/// An argument handle's entry (see the module comment). Plain data, so that closing a
/// call's arguments drops nothing: their raw copies, rare, are kept apart (`arg_raw`).
#[derive(Debug, Clone, Copy)]
struct ArgSlot {
    obj: RawRef,
    /// Odd while open; 0 once the extension closed it (wrongly: arguments are borrowed).
    version: u32,
}

#[derive(Debug)]
pub struct HandleTable {
    slots: Vec<Slot>,
    /// Argument handles of the calls running now, the innermost call's last.
    args: Vec<ArgSlot>,
    /// The version the next argument handle gets (odd, stepping by 2).
    arg_version: u32,
    /// Raw copies handed out through argument handles, with the handle's position.
    arg_raw: Vec<(usize, Box<crate::host::guarded::Buffer>)>,
    /// The most recently freed slot (0: none free).
    free_head: u32,
    /// Constants occupy slots 1..=`constants`, with version 1.
    constants: u32,
    /// Debug mode's checker (`--debug`): records every open and close.
    pub(crate) debug: Option<Box<crate::host::debug::Checker>>,
}

impl Default for HandleTable {
    fn default() -> HandleTable {
        HandleTable {
            // Slot 0, never open: index 0 stays free to mean "no slot".
            slots: vec![Slot {
                entry: Entry {
                    obj: RawRef::NULL,
                    raw_copy: None,
                },
                version: 0,
                next_free: 0,
            }],
            args: Vec::new(),
            arg_version: 1,
            arg_raw: Vec::new(),
            free_head: 0,
            constants: 0,
            debug: None,
        }
    }
}

/// Why a handle could not be closed.
#[derive(Debug, PartialEq, Eq)]
pub enum CloseError {
    NotOpen,
    Constant,
}

/// High half: a version no slot reaches; low half: an index no table reaches.
const SALT: u64 = 0x6b5f_3c29_ffff_f000;

/// The first index the table's slots never reach: argument handles are numbered from here.
const ARG_BASE: u32 = 0x8000_0000;

/// The first index no argument handle reaches: with the salt's version it would encode to 0.
const INDEX_LIMIT: u32 = 0xffff_f000;

#[inline]
fn handle(index: u32, version: u32) -> HPy {
    HPy {
        _i: (((version as u64) << 32 | index as u64) ^ SALT) as isize,
    }
}

/// A handle's slot index and version.
#[inline]
fn decode(h: HPy) -> (usize, u32) {
    let v = h._i as u64 ^ SALT;
    (v as u32 as usize, (v >> 32) as u32)
}

impl HandleTable {
    #[inline]
    pub fn open(&mut self, obj: RawRef) -> HPy {
        let h = match self.slots.get_mut(self.free_head as usize) {
            Some(s) if self.free_head != 0 => {
                let index = self.free_head;
                self.free_head = s.next_free;
                s.version = s.version.wrapping_add(1);
                s.entry.obj = obj;
                handle(index, s.version)
            }
            _ => self.push(obj),
        };
        if let Some(d) = self.debug.as_deref_mut() {
            d.on_open(h._i);
        }
        h
    }

    /// A new slot at the end of the table (no free one).
    #[cold]
    #[inline(never)]
    fn push(&mut self, obj: RawRef) -> HPy {
        let index = self.slots.len() as u32;
        if index >= ARG_BASE {
            crate::host::fatal::fatal("too many HPy handles open at once (the table is full)");
        }
        self.slots.push(Slot {
            entry: Entry {
                obj,
                raw_copy: None,
            },
            version: 1,
            next_free: 0,
        });
        handle(index, 1)
    }

    /// Opens the constants, in order; must be the first handles opened.
    pub(crate) fn open_constants(&mut self, objs: &[RawRef]) -> Vec<HPy> {
        assert!(self.slots.len() == 1, "constants come first");
        let hs = objs.iter().map(|o| self.open(*o)).collect();
        self.constants = objs.len() as u32;
        hs
    }

    #[inline]
    pub fn get(&self, h: HPy) -> Option<RawRef> {
        let (index, version) = decode(h);
        match self.slots.get(index) {
            Some(s) => (s.version == version && version & 1 == 1).then_some(s.entry.obj),
            None => self.argument(index, version).map(|a| self.args[a].obj),
        }
    }

    /// The entry of `h`, an open handle of the table (not an argument handle).
    pub(crate) fn entry_mut(&mut self, h: HPy) -> Option<&mut Entry> {
        let (index, version) = decode(h);
        let s = self.slots.get_mut(index)?;
        (s.version == version && version & 1 == 1).then_some(&mut s.entry)
    }

    /// The raw copy open handle `h` owns, if any.
    pub(crate) fn raw_copy(&self, h: HPy) -> Option<&crate::host::guarded::Buffer> {
        let (index, version) = decode(h);
        if index < self.slots.len() {
            let s = &self.slots[index];
            return (s.version == version && version & 1 == 1)
                .then_some(s.entry.raw_copy.as_deref())
                .flatten();
        }
        let a = self.argument(index, version)?;
        self.arg_raw
            .iter()
            .find(|(i, _)| *i == a)
            .map(|(_, b)| &**b)
    }

    /// Gives open handle `h` raw copy `b`, freed when `h` closes (`false`: `h` is not open).
    pub(crate) fn set_raw_copy(&mut self, h: HPy, b: Box<crate::host::guarded::Buffer>) -> bool {
        let (index, version) = decode(h);
        if index < self.slots.len() {
            return match self.entry_mut(h) {
                Some(e) => {
                    e.raw_copy = Some(b);
                    true
                }
                None => false,
            };
        }
        match self.argument(index, version) {
            Some(a) => {
                self.arg_raw.push((a, b));
                true
            }
            None => false,
        }
    }

    /// The position in the argument stack of open argument handle `index`, `version`.
    #[inline]
    fn argument(&self, index: usize, version: u32) -> Option<usize> {
        let i = index.wrapping_sub(ARG_BASE as usize);
        let a = self.args.get(i)?;
        (a.version == version && version & 1 == 1).then_some(i)
    }

    /// Where the argument stack stands: what [`Self::close_arguments`] cuts back to.
    #[inline(always)]
    pub(crate) fn arguments_mark(&self) -> usize {
        self.args.len()
    }

    /// A handle to `obj` as an argument of the call about to be made; closed by
    /// [`Self::close_arguments`] with the mark taken before it was opened. Not in debug
    /// mode (whose checker must see every handle opened).
    #[inline(always)]
    pub(crate) fn open_argument(&mut self, obj: RawRef) -> HPy {
        debug_assert!(self.debug.is_none(), "debug mode tracks every handle");
        let i = self.args.len();
        if i >= (INDEX_LIMIT - ARG_BASE) as usize {
            crate::host::fatal::fatal("too many HPy argument handles open at once");
        }
        let version = self.arg_version;
        self.arg_version = version.wrapping_add(2);
        self.args.push(ArgSlot { obj, version });
        handle(ARG_BASE + i as u32, version)
    }

    /// The object of the argument handle opened at position `i` of the argument stack (as
    /// the collector keeps it current), open or closed by the extension.
    #[inline(always)]
    pub(crate) fn argument_object(&self, i: usize) -> RawRef {
        self.args[i].obj
    }

    /// Closes every argument handle opened since `mark` (with their raw copies).
    #[inline(always)]
    pub(crate) fn close_arguments(&mut self, mark: usize) {
        self.args.truncate(mark);
        if !self.arg_raw.is_empty() {
            self.arg_raw.retain(|(i, _)| *i < mark);
        }
    }

    /// An extension closing (or returning) one of its arguments: the handle no longer
    /// resolves (its raw copies are freed); the object stays in the entry, for the host,
    /// until the call returns.
    #[cold]
    #[inline(never)]
    fn close_argument(&mut self, index: usize, version: u32) -> Option<RawRef> {
        let a = self.argument(index, version)?;
        self.args[a].version = 0;
        self.arg_raw.retain(|(i, _)| *i != a);
        Some(self.args[a].obj)
    }

    #[inline]
    pub(crate) fn is_constant(&self, h: HPy) -> bool {
        self.constant_index(h).is_some()
    }

    /// Which constant `h` is (0-based, in the order they were opened).
    #[inline]
    pub(crate) fn constant_index(&self, h: HPy) -> Option<usize> {
        // Constants decode to index 1..=constants with version 1: one subtraction maps
        // exactly those to 0..constants, and everything else above (or wrapped around).
        let i = (h._i as u64 ^ SALT).wrapping_sub(1 << 32 | 1);
        (i < self.constants as u64).then_some(i as usize)
    }

    #[inline]
    pub fn close(&mut self, h: HPy) -> Result<(), CloseError> {
        let (index, version) = decode(h);
        let Some(s) = self.slots.get_mut(index) else {
            return match self.close_argument(index, version) {
                Some(_) => Ok(()),
                None => Err(CloseError::NotOpen),
            };
        };
        if s.version != version || version & 1 == 0 {
            return Err(CloseError::NotOpen);
        }
        // Open, so index >= 1 (slot 0 never is).
        if version == 1 && index <= self.constants as usize {
            return Err(CloseError::Constant);
        }
        self.release(h, index, version);
        Ok(())
    }

    /// Frees slot `index`, open with `version` (not a constant): `h` no longer matches it.
    #[inline(always)]
    fn release(&mut self, h: HPy, index: usize, version: u32) {
        let s = &mut self.slots[index];
        s.version = version.wrapping_add(1);
        s.next_free = self.free_head;
        // A stale read through a closed slot would be a bug: keep no object reachable.
        s.entry.obj = RawRef::NULL;
        let raw_copy = s.entry.raw_copy.is_some();
        self.free_head = index as u32;
        if raw_copy || self.debug.is_some() {
            self.closed_rare(h, index);
        }
    }

    /// What closing `h` (now free at `index`) does beyond the slot: frees its raw copy,
    /// tells debug mode.
    #[cold]
    #[inline(never)]
    fn closed_rare(&mut self, h: HPy, index: usize) {
        let raw_copy = self.slots[index].entry.raw_copy.take();
        if let Some(d) = self.debug.as_deref_mut() {
            d.on_close(h._i);
            if let Some(mut b) = raw_copy {
                // Where the handle closed, for a report if the pointer is used later.
                if let Some(crate::host::guarded::Origin::RawPointer { closed, .. }) =
                    b.origin.as_deref_mut()
                {
                    *closed = d.stack_here();
                }
                drop(b);
            }
        }
    }

    /// The object of `h`, a handle returned to the host (a result), which the host
    /// takes over: closed, unless it is a constant (which stays open). `None` if `h` is
    /// not open.
    #[inline]
    pub(crate) fn take_returned(&mut self, h: HPy) -> Option<RawRef> {
        // `close` without its second decoding and lookup (every call returns a handle).
        let (index, version) = decode(h);
        let Some(s) = self.slots.get_mut(index) else {
            return self.close_argument(index, version);
        };
        if s.version != version || version & 1 == 0 {
            return None;
        }
        let r = s.entry.obj;
        if version == 1 && index <= self.constants as usize {
            return Some(r);
        }
        self.release(h, index, version);
        Some(r)
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
        let open = self.slots.iter().filter(|s| s.version & 1 == 1).count();
        open - self.constants as usize
    }

    pub(crate) fn trace(&mut self, t: &mut Tracer<'_>) {
        t.root_set("HPy handles");
        for s in self.slots.iter_mut().filter(|s| s.version & 1 == 1) {
            t.edge(&mut s.entry.obj);
        }
        // Closed ones too: their objects are the running calls' arguments all the same.
        for a in &mut self.args {
            t.edge(&mut a.obj);
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

    #[test]
    fn a_freed_slot_is_reused_first_with_a_new_version() {
        let mut t = HandleTable::default();
        t.open_constants(&[RawRef::from_addr(8)]);
        let a = t.open(RawRef::from_addr(16));
        let b = t.open(RawRef::from_addr(24));
        assert_eq!(t.open_count(), 2);
        assert_eq!(t.close(a), Ok(()));
        assert_eq!(t.close(b), Ok(()));
        assert_eq!(t.open_count(), 0);
        // LIFO: the last slot freed (b's) comes back first, then a's.
        let b2 = t.open(RawRef::from_addr(32));
        let a2 = t.open(RawRef::from_addr(40));
        assert_eq!(decode(b2).0, decode(b).0);
        assert_eq!(decode(a2).0, decode(a).0);
        assert_eq!(decode(b2).1, decode(b).1 + 2);
        // The old handles name their slots' earlier openings: nothing.
        assert_eq!(t.get(a), None);
        assert_eq!(t.get(b), None);
        assert_eq!(t.close(b), Err(CloseError::NotOpen));
        assert_eq!(t.get(a2), Some(RawRef::from_addr(40)));
        assert_eq!(t.get(b2), Some(RawRef::from_addr(32)));
        // Only then does the table grow.
        let c = t.open(RawRef::from_addr(48));
        assert_eq!(decode(c).0, decode(a).0.max(decode(b).0) + 1);
        assert_eq!(t.open_count(), 3);
    }

    #[test]
    fn handle_values_keep_the_slotmap_encoding() {
        // Debug reports and users' logs print handle values: the first handles are the
        // ones the slotmap-based table gave (index from 1, first version 1, salted).
        let mut t = HandleTable::default();
        let cs = t.open_constants(&[RawRef::from_addr(8)]);
        assert_eq!(cs[0]._i as u64, (1u64 << 32 | 1) ^ SALT);
        let h = t.open(RawRef::from_addr(16));
        assert_eq!(h._i as u64, (1u64 << 32 | 2) ^ SALT);
        t.close(h).unwrap();
        let h = t.open(RawRef::from_addr(16));
        assert_eq!(h._i as u64, (3u64 << 32 | 2) ^ SALT);
    }

    #[test]
    fn even_versions_and_slot_zero_never_resolve() {
        let mut t = HandleTable::default();
        t.open_constants(&[RawRef::from_addr(8)]);
        let h = t.open(RawRef::from_addr(16));
        let (index, version) = decode(h);
        // The same slot with the version it has once closed, or the one before.
        for v in [version + 1, version - 1, 0, 2] {
            let forged = handle(index as u32, v);
            assert_eq!(t.get(forged), None, "version {v}");
            assert_eq!(t.close(forged), Err(CloseError::NotOpen), "version {v}");
        }
        for v in [0, 1, 2, 3] {
            assert_eq!(t.get(handle(0, v)), None, "slot 0, version {v}");
            assert_eq!(t.close(handle(0, v)), Err(CloseError::NotOpen));
        }
        assert_eq!(t.get(h), Some(RawRef::from_addr(16)));
        assert!(t.entry_mut(handle(index as u32, version + 1)).is_none());
        assert!(t.entry_mut(h).is_some());
    }

    #[test]
    fn closing_drops_the_raw_copy() {
        let mut t = HandleTable::default();
        let h = t.open(RawRef::from_addr(16));
        t.entry_mut(h).unwrap().raw_copy =
            Some(Box::new(crate::host::guarded::Buffer::new(b"abc".to_vec())));
        assert_eq!(t.close(h), Ok(()));
        let h2 = t.open(RawRef::from_addr(24));
        assert_eq!(decode(h2).0, decode(h).0);
        assert!(t.entry_mut(h2).unwrap().raw_copy.is_none(), "not inherited");
    }

    #[test]
    fn argument_handles_close_with_their_call_and_then_resolve_to_nothing() {
        let mut t = HandleTable::default();
        let outer = t.arguments_mark();
        let a = t.open_argument(RawRef::from_addr(16));
        let b = t.open_argument(RawRef::from_addr(24));
        assert_eq!(t.get(a), Some(RawRef::from_addr(16)));
        assert_eq!(t.get(b), Some(RawRef::from_addr(24)));
        // A nested call's arguments close without touching the outer call's.
        let inner = t.arguments_mark();
        let c = t.open_argument(RawRef::from_addr(32));
        assert_eq!(t.get(c), Some(RawRef::from_addr(32)));
        t.close_arguments(inner);
        assert_eq!(t.get(c), None, "closed with its call");
        assert_eq!(t.get(a), Some(RawRef::from_addr(16)));
        // The position is reused with another version: the old handle stays dead.
        let d = t.open_argument(RawRef::from_addr(40));
        assert_eq!(decode(d).0, decode(c).0);
        assert_ne!(d, c);
        assert_eq!(t.get(c), None);
        assert_eq!(t.get(d), Some(RawRef::from_addr(40)));
        t.close_arguments(outer);
        for h in [a, b, d] {
            assert_eq!(t.get(h), None);
            assert_eq!(t.close(h), Err(CloseError::NotOpen));
        }
        assert_eq!(t.open_count(), 0, "never in the table");
    }

    #[test]
    fn an_argument_closed_by_the_extension_no_longer_resolves_but_keeps_its_object() {
        let mut t = HandleTable::default();
        let mark = t.arguments_mark();
        let a = t.open_argument(RawRef::from_addr(16));
        assert_eq!(t.close(a), Ok(()));
        assert_eq!(t.get(a), None);
        assert_eq!(t.close(a), Err(CloseError::NotOpen), "closed twice");
        assert_eq!(t.take_returned(a), None);
        // The host still reads the operand back (the collector keeps it current).
        assert_eq!(t.argument_object(mark), RawRef::from_addr(16));
        t.close_arguments(mark);
    }

    #[test]
    fn an_argument_handles_raw_copy_lives_until_its_call_returns() {
        let mut t = HandleTable::default();
        let mark = t.arguments_mark();
        let a = t.open_argument(RawRef::from_addr(16));
        let b = t.open_argument(RawRef::from_addr(24));
        let buf = Box::new(crate::host::guarded::Buffer::new(b"abc".to_vec()));
        let p = buf.as_ptr();
        assert!(t.set_raw_copy(b, buf));
        assert!(t.raw_copy(a).is_none());
        assert_eq!(t.raw_copy(b).map(|x| x.as_ptr()), Some(p));
        t.close_arguments(mark);
        assert!(t.raw_copy(b).is_none());
        assert!(t.arg_raw.is_empty(), "freed with the call's arguments");
        let c = t.open_argument(RawRef::from_addr(32));
        assert!(t.raw_copy(c).is_none(), "not inherited");
        assert!(!t.set_raw_copy(b, Box::new(crate::host::guarded::Buffer::new(vec![0]))));
        t.close_arguments(mark);
    }
}
