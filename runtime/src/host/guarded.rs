//! Memory handed to C that must fault once it is released: raw pointers (the non-moving
//! copies behind `HPyBytes_AsString`, `HPyUnicode_AsUTF8AndSize`, `HPyType_GetName`,
//! argparse's `"s"`) and payloads (`HPy_AsStruct`).
//!
//! Normally such memory is freed when its handle closes or its object dies, and a C
//! pointer kept beyond that reads whatever comes next. In debug and poison modes
//! ([`enable`]) each block gets pages of its own instead; releasing it makes the pages
//! inaccessible (`PROT_NONE`) and keeps them in a bounded quarantine ([`QUARANTINE`]
//! blocks, the oldest unmapped first), so a stale pointer faults at the faulty C line. The
//! fault handler (`crate::host::crash`) asks [`classify`] what the address was; the table it
//! reads is a fixed array of atomics, so that question is async-signal-safe.
//!
//! A page per block is expensive: past [`MAX_LIVE`] live guarded blocks, new ones are
//! ordinary allocations again (and checked no more).

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering};
use std::sync::Mutex;

/// Released blocks kept inaccessible.
pub(crate) const QUARANTINE: usize = 4096;
/// Live guarded blocks at most.
const MAX_LIVE: usize = 1 << 16;

static ENABLED: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);

/// What a quarantined block was (for the fault handler's message).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Kind {
    RawPointer = 1,
    Payload = 2,
}

/// One quarantined block: `[start, end)`, its kind (0: free slot).
struct Slot {
    start: AtomicUsize,
    end: AtomicUsize,
    kind: AtomicU8,
}

#[allow(clippy::declare_interior_mutable_const)]
const EMPTY: Slot = Slot {
    start: AtomicUsize::new(0),
    end: AtomicUsize::new(0),
    kind: AtomicU8::new(0),
};
static SLOTS: [Slot; QUARANTINE] = [EMPTY; QUARANTINE];
/// The next slot to fill (the oldest block is evicted from it).
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Where a released block came from, for debug mode's report.
#[derive(Clone, Debug)]
pub(crate) enum Origin {
    RawPointer {
        /// `HPyBytes_AsString`...
        func: &'static str,
        handle: isize,
        /// The extension function that obtained it.
        function: Option<std::sync::Arc<str>>,
        /// The C stacks where the pointer was obtained and the handle closed.
        obtained: crate::host::debug::Stack,
        closed: crate::host::debug::Stack,
        collection: u64,
    },
    Payload {
        type_name: String,
        /// The C stack where the object was created, and the collection count then
        /// (debug mode).
        created: (crate::host::debug::Stack, u64),
        /// The collection that found the object dead.
        destroyed: u64,
    },
}

static ORIGINS: Mutex<Vec<Option<Origin>>> = Mutex::new(Vec::new());

/// Turns guarding on for the rest of the process (debug or poison mode).
pub(crate) fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

#[inline]
pub(crate) fn enabled() -> bool {
    ENABLED.load(Ordering::Relaxed)
}

fn page() -> usize {
    // SAFETY: sysconf has no preconditions.
    unsafe { libc::sysconf(libc::_SC_PAGESIZE) as usize }
}

fn pages_for(len: usize) -> usize {
    len.max(1).next_multiple_of(page())
}

/// Blocks out of quarantine, accessible again, kept for reuse by size: reusing them costs
/// one `mprotect` where a fresh mapping costs `mmap`, page faults and `munmap`.
static SPARE: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());
/// Spare blocks kept at most.
const SPARE_MAX: usize = 1024;

/// Zeroed pages of their own for `len` bytes, or `None` (not enabled, too many live, or no
/// memory: the caller then allocates normally).
pub(crate) fn alloc(len: usize) -> Option<*mut u8> {
    if !enabled() || LIVE.load(Ordering::Relaxed) >= MAX_LIVE {
        return None;
    }
    let size = pages_for(len);
    {
        let mut spare = SPARE.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(i) = spare.iter().rposition(|(_, sz)| *sz == size) {
            let (p, _) = spare.swap_remove(i);
            drop(spare);
            // SAFETY: a spare block of `size` bytes, accessible (see `release`).
            unsafe { std::ptr::write_bytes(p as *mut u8, 0, size) };
            LIVE.fetch_add(1, Ordering::Relaxed);
            return Some(p as *mut u8);
        }
    }
    // SAFETY: an anonymous private mapping; checked for failure below.
    let p = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        return None;
    }
    LIVE.fetch_add(1, Ordering::Relaxed);
    Some(p as *mut u8)
}

/// Releases a block from [`alloc`]: inaccessible from now on, kept in the quarantine with
/// `origin`; the oldest quarantined block is unmapped to make room.
///
/// # Safety
/// `p` and `len` are those of a live block from [`alloc`], released once.
pub(crate) unsafe fn release(p: *mut u8, len: usize, kind: Kind, origin: Option<Origin>) {
    let size = pages_for(len);
    LIVE.fetch_sub(1, Ordering::Relaxed);
    // SAFETY: the caller's block.
    if unsafe { libc::mprotect(p.cast(), size, libc::PROT_NONE) } != 0 {
        // SAFETY: as above; it cannot be guarded, so it goes.
        unsafe { libc::munmap(p.cast(), size) };
        return;
    }
    let i = NEXT.fetch_add(1, Ordering::Relaxed) % QUARANTINE;
    let s = &SLOTS[i];
    let (old_start, old_end) = (
        s.start.load(Ordering::Relaxed),
        s.end.load(Ordering::Relaxed),
    );
    // Clear the slot before unmapping, so the handler never names unmapped memory.
    s.kind.store(0, Ordering::Release);
    if old_start != 0 {
        let (p, sz) = (old_start as *mut libc::c_void, old_end - old_start);
        let mut spare = SPARE.lock().unwrap_or_else(|e| e.into_inner());
        // SAFETY: the evicted block was mapped by `alloc` and quarantined here; it leaves
        // the quarantine (its slot was cleared above) to be reused, or unmapped.
        unsafe {
            if spare.len() < SPARE_MAX
                && libc::mprotect(p, sz, libc::PROT_READ | libc::PROT_WRITE) == 0
            {
                spare.push((old_start, sz));
            } else {
                libc::munmap(p, sz);
            }
        }
    }
    s.start.store(p as usize, Ordering::Relaxed);
    s.end.store(p as usize + size, Ordering::Relaxed);
    s.kind.store(kind as u8, Ordering::Release);
    let mut o = ORIGINS.lock().unwrap_or_else(|e| e.into_inner());
    if o.len() < QUARANTINE {
        o.resize(QUARANTINE, None);
    }
    o[i] = origin;
}

/// The quarantined block holding `addr`: its slot and kind. Async-signal-safe.
pub(crate) fn classify(addr: usize) -> Option<(usize, Kind)> {
    for (i, s) in SLOTS.iter().enumerate() {
        let k = s.kind.load(Ordering::Acquire);
        if k != 0 && addr >= s.start.load(Ordering::Relaxed) && addr < s.end.load(Ordering::Relaxed)
        {
            let kind = if k == Kind::RawPointer as u8 {
                Kind::RawPointer
            } else {
                Kind::Payload
            };
            return Some((i, kind));
        }
    }
    None
}

/// The origin recorded for quarantine slot `i` (debug mode; not for the signal handler).
pub(crate) fn origin(i: usize) -> Option<Origin> {
    let o = ORIGINS.lock().unwrap_or_else(|e| e.into_inner());
    o.get(i).cloned().flatten()
}

/// A non-moving copy handed to C through a handle: guarded pages in debug and poison
/// modes, a plain allocation otherwise. Dropping it frees (or quarantines) it.
#[derive(Debug)]
pub(crate) struct Buffer {
    ptr: *mut u8,
    len: usize,
    guarded: bool,
    /// Debug mode: what `release` records.
    pub(crate) origin: Option<Box<Origin>>,
}

impl Buffer {
    /// Takes `bytes` over: kept as they are, or copied into guarded pages.
    pub(crate) fn new(bytes: Vec<u8>) -> Buffer {
        let len = bytes.len();
        let (ptr, guarded) = match alloc(len) {
            Some(p) => {
                // SAFETY: a fresh block of at least `len` bytes.
                unsafe { std::ptr::copy_nonoverlapping(bytes.as_ptr(), p, len) };
                (p, true)
            }
            None => (Box::into_raw(bytes.into_boxed_slice()) as *mut u8, false),
        };
        Buffer {
            ptr,
            len,
            guarded,
            origin: None,
        }
    }

    pub(crate) fn as_ptr(&self) -> *const u8 {
        self.ptr
    }
}

impl Drop for Buffer {
    fn drop(&mut self) {
        if self.guarded {
            let origin = self.origin.take().map(|b| *b);
            // SAFETY: our block, released once (here).
            unsafe { release(self.ptr, self.len, Kind::RawPointer, origin) };
        } else {
            // SAFETY: the boxed slice leaked in `new`, freed once (here).
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(self.ptr, self.len)) });
        }
    }
}
