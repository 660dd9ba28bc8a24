//! Weak references: body words that refer to an object without keeping it alive.
//!
//! The client registers each weak word with [`Heap::register_weak`] (the object holding it,
//! the holder, and the word's index in its body). The holder's layout must not trace that
//! word, so the copy phase never follows it. The table is indexed by target, which lets the
//! client find every weak reference to an object ([`Heap::weak_holders`]).
//!
//! Algorithm, inside a collection:
//! 1. After the strong closure (everything reachable from the roots has been copied) and
//!    before dead finalizable objects are resurrected, every entry is visited. If its target
//!    was copied (forwarded), is immortal or is a marked large object, the word is rewritten
//!    with the target's current address. Otherwise the target is dead: the word is cleared
//!    and, if the holder is alive and asked to be told, the holder goes on the cleared
//!    queue (a root set the client drains after the collection to run callbacks). Clearing
//!    before resurrection is what CPython's collector does: a finalizer never sees a weak
//!    reference to garbage, and a resurrected object has lost its weak references.
//!    The word is written in the holder's current copy, or in its old copy when the holder
//!    has not been reached: if finalization then resurrects the holder, the copy made from
//!    the old one carries the right word.
//! 2. After resurrection, entries whose holder still was not copied are dropped (the
//!    holder died, and its weak word with it); the others keep the holder's new address.
//!
//! Between collections the table only grows; an entry whose holder died stays until the
//! next collection (its holder is still intact in the current space until then).

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use crate::collect::Copier;
use crate::header::HEADER_BYTES;
use crate::heap::{Heap, Root};
use crate::objref::{ObjRef, RawRef};

/// No previous entry for the same target.
const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Entry {
    holder: usize,
    word: u32,
    notify: bool,
    /// The previous entry (in registration order) for the same target, or `NONE`.
    prev: u32,
}

/// Hashes an object address: one multiplication (addresses are distinct and 8-aligned;
/// the default SipHash made rebuilding the index the larger part of the weak pass).
#[derive(Default)]
struct AddrHasher(u64);

impl Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (n as u64 >> 3).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl Entry {
    fn slot(self, holder: usize) -> *mut u64 {
        (holder + HEADER_BYTES + self.word as usize * 8) as *mut u64
    }
}

#[derive(Debug, Default)]
pub(crate) struct WeakTable {
    /// In registration order.
    entries: Vec<Entry>,
    /// Target address → index of its newest entry (older ones chained by `prev`).
    by_target: HashMap<usize, u32, BuildHasherDefault<AddrHasher>>,
    /// Holders whose target died, waiting for the client (a root set).
    pub(crate) cleared: VecDeque<usize>,
    /// Entries whose holder was not copied at step 1: (entry, holder's old address).
    pending: Vec<Entry>,
}

impl WeakTable {
    /// Step 1 (see the module comment). Returns how many weak words were cleared.
    pub(crate) fn after_marking(&mut self, c: &Copier<'_>) -> u64 {
        let entries = std::mem::take(&mut self.entries);
        self.by_target.clear();
        let mut cleared = 0;
        for e in entries {
            let holder = c.current(e.holder);
            let at = e.slot(holder.unwrap_or(e.holder));
            // SAFETY: the weak word of the holder's current copy, or of its old copy, which
            // stays mapped and readable until the collection ends.
            let target = unsafe { *at } as usize;
            if target == 0 {
                continue;
            }
            match c.current(target) {
                Some(now) => {
                    // SAFETY: as above.
                    unsafe { *at = now as u64 };
                    match holder {
                        Some(h) => self.keep(Entry { holder: h, ..e }, now),
                        None => self.pending.push(e),
                    }
                }
                None => {
                    // SAFETY: as above.
                    unsafe { *at = 0 };
                    cleared += 1;
                    if let (Some(h), true) = (holder, e.notify) {
                        self.cleared.push_back(h);
                    }
                }
            }
        }
        cleared
    }

    /// Step 2: holders resurrected by finalization keep their entries.
    pub(crate) fn after_resurrection(&mut self, c: &Copier<'_>) {
        for e in std::mem::take(&mut self.pending) {
            if let Some(h) = c.current(e.holder) {
                let e = Entry { holder: h, ..e };
                // SAFETY: the holder's live copy; its word was set at step 1.
                let target = unsafe { *e.slot(h) } as usize;
                self.keep(e, target);
            }
        }
    }

    fn keep(&mut self, e: Entry, target: usize) {
        let i = u32::try_from(self.entries.len()).expect("too many weak references");
        assert!(i != NONE, "too many weak references");
        let prev = self.by_target.insert(target, i).unwrap_or(NONE);
        self.entries.push(Entry { prev, ..e });
    }

    /// The cleared queue's slots, for the copy phase's roots.
    pub(crate) fn cleared_slots(&mut self) -> impl Iterator<Item = &mut usize> {
        self.cleared.iter_mut()
    }

    /// Every registered (holder, weak word value), for verification.
    pub(crate) fn words(&self) -> impl Iterator<Item = (usize, u64)> + '_ {
        self.entries.iter().map(|e| {
            // SAFETY: entries hold live holders of the current space.
            (e.holder, unsafe { *e.slot(e.holder) })
        })
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

impl Heap {
    /// Makes body word `word` of `holder` a weak reference to the object it holds now (set
    /// it before registering). The holder's layout must not trace that word. Each
    /// collection rewrites the word when its target moves and sets it to 0 when the target
    /// dies; with `notify`, the holder is then queued for [`Heap::pop_weak_cleared`] (if it
    /// is itself alive). Immortal holders are not supported (they are never scanned).
    ///
    /// # Panics
    /// If the word is outside the body, or holds no reference.
    pub fn register_weak(&self, holder: ObjRef<'_>, word: usize, notify: bool) {
        assert!(
            !holder.is_immortal(),
            "an immortal object cannot hold a weak reference"
        );
        let target = holder.word(word) as usize;
        assert!(
            crate::layout::is_ref(target as u64),
            "weak word {word} holds no reference"
        );
        let word = u32::try_from(word).expect("word index");
        self.weak.borrow_mut().keep(
            Entry {
                holder: holder.addr(),
                word,
                notify,
                prev: NONE,
            },
            target,
        );
    }

    /// The objects holding a registered weak reference to `target`, in registration order
    /// (holders that died since the last collection included: they are intact until then).
    pub fn weak_holders<'h>(&'h self, target: ObjRef<'_>) -> Vec<ObjRef<'h>> {
        let t = self.weak.borrow();
        let mut i = t.by_target.get(&target.addr()).copied().unwrap_or(NONE);
        let mut out = Vec::new();
        while i != NONE {
            let e = t.entries[i as usize];
            // SAFETY: entries are kept current by every collection; until the next one
            // their holders are intact objects of the current space.
            if unsafe { *e.slot(e.holder) } as usize == target.addr() {
                // SAFETY: as above.
                out.push(unsafe { ObjRef::from_addr(e.holder) });
            }
            i = e.prev;
        }
        out.reverse();
        out
    }

    /// Takes the next holder whose weak reference a collection cleared (registered with
    /// `notify`), rooted so it survives what the client runs for it.
    pub fn pop_weak_cleared(&self) -> Option<Root> {
        let a = self.weak.borrow_mut().cleared.pop_front()?;
        // SAFETY: the queue is a root set, so the entry is current and live.
        Some(self.root(unsafe { ObjRef::from_addr(a) }))
    }

    /// How many cleared weak references wait for [`Heap::pop_weak_cleared`].
    pub fn weak_cleared_pending(&self) -> usize {
        self.weak.borrow().cleared.len()
    }

    /// How many weak words are registered (holders dead since the last collection included).
    pub fn weak_count(&self) -> usize {
        self.weak.borrow().len()
    }

    /// The current value of a weak word as a reference (null once cleared).
    pub fn weak_target(&self, holder: ObjRef<'_>, word: usize) -> RawRef {
        RawRef(holder.word(word) as usize)
    }
}
