//! Freed payload blocks kept for reuse.
//!
//! Extension objects are often made and dropped in loops (`Foo()` a million times): each
//! one's payload is a small block, allocated when the object is made and freed when a
//! collection finds it dead. Taking a block from a per-size list and zeroing it costs a
//! fraction of `calloc` plus `free`, which were a fifth of such a loop. Only plain payloads
//! are kept: in debug and poison modes freed payloads stay inaccessible instead
//! (`guarded.rs`), to catch a stale `HPy_AsStruct` pointer, and those never come here.
//!
//! Bounded: blocks up to `MAX_BLOCK` bytes, `BUDGET` bytes in all; a block beyond that is
//! freed. malloc would keep such small freed blocks in its own free lists anyway.

use std::alloc::Layout;
use std::cell::RefCell;

/// Blocks up to this many bytes are kept, in classes of `GRAIN` bytes.
const MAX_BLOCK: usize = 512;
const GRAIN: usize = 16;
const CLASSES: usize = MAX_BLOCK / GRAIN;
/// Bytes of blocks kept, at most.
const BUDGET: usize = 16 << 20;

/// The lists of one thread (each runtime runs on one thread).
struct Lists {
    /// `free[c]`: blocks of `(c + 1) * GRAIN` bytes, aligned to `GRAIN`.
    free: [Vec<*mut u8>; CLASSES],
    bytes: usize,
}

impl Drop for Lists {
    fn drop(&mut self) {
        for (c, list) in self.free.iter_mut().enumerate() {
            for p in list.drain(..) {
                // SAFETY: every kept block was allocated with this class's layout and is
                // owned by the list alone.
                unsafe { std::alloc::dealloc(p, class_layout(c)) };
            }
        }
    }
}

thread_local! {
    static LISTS: RefCell<Lists> = const {
        RefCell::new(Lists {
            free: [const { Vec::new() }; CLASSES],
            bytes: 0,
        })
    };
}

fn class_layout(c: usize) -> Layout {
    Layout::from_size_align((c + 1) * GRAIN, GRAIN).expect("a small layout")
}

/// The class of a block of `layout`, if blocks like it are kept.
#[inline]
fn class_of(layout: Layout) -> Option<usize> {
    let size = layout.size();
    (size > 0 && size <= MAX_BLOCK && size.is_multiple_of(GRAIN) && layout.align() <= GRAIN)
        .then(|| size / GRAIN - 1)
}

/// A zeroed block of `layout` (null if memory is short), reused if one is kept.
#[inline]
pub(crate) fn alloc_zeroed(layout: Layout) -> *mut u8 {
    if let Some(c) = class_of(layout) {
        let reused = LISTS
            .try_with(|l| {
                let mut l = l.borrow_mut();
                let p = l.free[c].pop()?;
                l.bytes -= layout.size();
                Some(p)
            })
            .ok()
            .flatten();
        if let Some(p) = reused {
            // SAFETY: a kept block of `layout.size()` bytes, owned by the caller now.
            unsafe { std::ptr::write_bytes(p, 0, layout.size()) };
            return p;
        }
    }
    // SAFETY: a payload layout has a non-zero size (its header).
    unsafe { std::alloc::alloc_zeroed(layout) }
}

/// Gives back a block from [`alloc_zeroed`] with the same `layout`: kept, or freed.
///
/// # Safety
/// `p` came from [`alloc_zeroed`] with `layout` and is not used after this.
#[inline]
pub(crate) unsafe fn dealloc(p: *mut u8, layout: Layout) {
    if let Some(c) = class_of(layout) {
        let kept = LISTS
            .try_with(|l| {
                let mut l = l.borrow_mut();
                if l.bytes + layout.size() > BUDGET {
                    return false;
                }
                l.free[c].push(p);
                l.bytes += layout.size();
                true
            })
            .unwrap_or(false);
        if kept {
            return;
        }
    }
    // SAFETY: forwarded from the caller.
    unsafe { std::alloc::dealloc(p, layout) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reused_blocks_come_back_zeroed_and_other_sizes_pass_through() {
        let layout = Layout::from_size_align(96, 16).unwrap();
        let p = alloc_zeroed(layout);
        assert!(!p.is_null());
        // SAFETY: `p` is a block of 96 bytes.
        unsafe { std::ptr::write_bytes(p, 0xab, 96) };
        // SAFETY: from `alloc_zeroed` with the same layout.
        unsafe { dealloc(p, layout) };
        let q = alloc_zeroed(layout);
        assert_eq!(q, p, "the kept block is reused");
        // SAFETY: `q` is a block of 96 bytes.
        assert!(unsafe { std::slice::from_raw_parts(q, 96) }
            .iter()
            .all(|b| *b == 0));
        // SAFETY: from `alloc_zeroed` with the same layout.
        unsafe { dealloc(q, layout) };
        let big = Layout::from_size_align(MAX_BLOCK + GRAIN, 16).unwrap();
        assert_eq!(class_of(big), None);
        let r = alloc_zeroed(big);
        // SAFETY: from `alloc_zeroed` with the same layout.
        unsafe { dealloc(r, big) };
        assert!(LISTS.with(|l| l.borrow().bytes) <= BUDGET);
    }
}
