//! The large-object space: objects of at least `large_threshold` bytes, each in its own
//! mapping, never copied. A collection marks the ones it reaches and frees the rest.

use std::collections::{HashMap, VecDeque};

use crate::region::Region;

#[derive(Debug, Default)]
pub(crate) struct LargeSpace {
    /// Header address → the mapping holding the object.
    pub(crate) objects: HashMap<usize, Region>,
    /// Bytes of all live large objects (their sizes, not their mappings).
    pub(crate) bytes: usize,
    /// Freed objects kept poisoned and inaccessible (poison mode), oldest first.
    pub(crate) quarantine: VecDeque<(Region, u64)>,
}

impl LargeSpace {
    #[inline]
    pub(crate) fn contains(&self, addr: usize) -> bool {
        self.objects.contains_key(&addr)
    }

    /// The collection number that freed the large object covering `addr`, if quarantined.
    pub(crate) fn freed_at(&self, addr: usize) -> Option<u64> {
        self.quarantine
            .iter()
            .find(|(r, _)| r.contains(addr))
            .map(|(_, n)| *n)
    }
}
