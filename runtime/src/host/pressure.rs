//! Memory held outside the moving heap, made known to the collector.
//!
//! An extension object can be a few words in the heap and own megabytes its payload
//! `malloc`ed. The heap alone would see almost no allocation and collect rarely, so dead
//! objects' buffers would pile up until the next collection ran their `tp_destroy`. Here the
//! runtime measures how much memory `malloc` holds since the last collection, and the heap
//! requests one when the growth passes its allowance (`gc::Heap::note_external_growth`;
//! see the end of this comment), so the buffers are freed about as soon as reference counting would free them.
//!
//! Two measures, one cheap and one exact:
//! - every `SAMPLE_EVERY` safepoints, the footprint: the program break (`sbrk(0)`, a read
//!   of a libc variable), which shows malloc's main arena growing, and the payload structs
//!   allocated. To keep large buffers in that arena, the runtime fixes glibc's mmap
//!   threshold at its maximum (32 MiB) when it starts: by default glibc serves blocks over
//!   128 KiB with `mmap`, which the break does not show, and raises that threshold only when
//!   such a block is freed, which needs the collection this is trying to trigger. A thread
//!   other than the process's first gets an arena of its own, outside the break: the command
//!   line, which runs the interpreter on a thread with a large stack, limits malloc to one
//!   arena before starting it ([`one_malloc_arena`]);
//! - now and then, `mallinfo2()`: the bytes in use. The footprint alone cannot tell that
//!   garbage is refilling blocks freed by the last collection (the break does not move
//!   then), and collecting only when the break moves would let the footprint creep up at
//!   every collection. `mallinfo2()` walks malloc's free lists (tens of microseconds on a
//!   fragmented heap), so it is spaced so that it costs about 2% of the run: every eighth
//!   call is timed, and the calls wait 50 times as long as that one took, counted in
//!   samples at the rate they were taken since the previous timed call. Both durations are
//!   the thread's CPU time, not the wall clock: on a loaded machine a call preempted
//!   halfway would otherwise look slow and push the next one far away (a test of this
//!   module failed that way). Only every eighth is timed because that clock is read by a
//!   system call.
//!
//! The allowance (`gc::HeapConfig::external_growth`, `external_min`) is half of what was in
//! use after the last collection, at least 4 MiB: every byte of it is memory a reference-
//! counting host would already have freed.
//!
//! Only the `normal` mode measures: the others collect at fixed safepoints anyway.

use gc::{Heap, Mode};

/// Safepoints between two samples of the footprint. A loop iteration passes two to four
/// safepoints; a sample costs about a hundred instructions.
const SAMPLE_EVERY: u32 = 16;
/// glibc's largest mmap threshold on 64-bit systems.
const MMAP_THRESHOLD: i32 = 32 << 20;
/// `mallinfo2()` may take this fraction of the run, at most: 1 / `EXACT_SPACING`.
const EXACT_SPACING: u32 = 50;
/// Bounds on the samples between two `mallinfo2()` calls. No floor above one: where
/// samples are far apart (a loop filling 800 KB buffers samples every 30 µs), the budget
/// allows a call at almost every sample, and a floor of 4 let garbage refill freed blocks
/// for a dozen iterations before it was seen (bigbuf's peak 25–45 MB, now 20–33 MB).
const EXACT_MIN: u64 = 1;
const EXACT_MAX: u64 = 1 << 16;
/// `mallinfo2()` calls between two timings of one: reading the thread's CPU time is a
/// system call (no vDSO for that clock), two of them per timing.
const TIME_EVERY: u32 = 8;

#[derive(Debug)]
pub(crate) struct Pressure {
    enabled: bool,
    countdown: u32,
    /// Growth of the footprint is measured from here: the footprint right after the last
    /// collection minus the allowance, or what was in use then if that is more, so that the
    /// footprint may reach what is in use plus the allowance, and never collects again at
    /// once only because free blocks remain.
    base: usize,
    /// Bytes malloc had in use right after the last collection.
    in_use_after: usize,
    /// `mmap`ed malloc blocks at the last `mallinfo2()`.
    mmapped: usize,
    /// Where the main arena starts: the break minus its size when measuring started.
    arena_start: usize,
    /// The payload byte counter at the last collection.
    payload_mark: usize,
    /// Samples left before the next `mallinfo2()`, and how many that was.
    exact_countdown: u64,
    exact_spacing: u64,
    /// When the last timed `mallinfo2()` ran (the thread's CPU time, in nanoseconds), and
    /// the samples since then.
    last_exact: Option<u64>,
    samples_since_timed: u64,
    /// Untimed `mallinfo2()` calls left before the next timed one.
    untimed_left: u32,
}

impl Default for Pressure {
    fn default() -> Self {
        Pressure {
            enabled: false,
            countdown: SAMPLE_EVERY,
            base: 0,
            in_use_after: 0,
            mmapped: 0,
            arena_start: 0,
            payload_mark: 0,
            exact_countdown: EXACT_MIN,
            exact_spacing: EXACT_MIN,
            last_exact: None,
            samples_since_timed: 0,
            untimed_left: 0,
        }
    }
}

/// What malloc reports: (bytes in use, bytes in mmapped blocks, main arena's size).
fn mallinfo() -> (usize, usize, usize) {
    // SAFETY: a plain query of glibc's allocator state.
    let m = unsafe { libc::mallinfo2() };
    (m.uordblks + m.hblkhd, m.hblkhd, m.arena)
}

/// The CPU time this thread has used, in nanoseconds.
fn thread_cpu_ns() -> u64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid timespec for the call to fill.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// The program break (the end of malloc's main arena).
fn program_break() -> usize {
    // SAFETY: `sbrk(0)` only reads the current break.
    unsafe { libc::sbrk(0) as usize }
}

fn payload_bytes() -> usize {
    crate::host::payload::PAYLOAD_BYTES_ALLOCATED.load(std::sync::atomic::Ordering::Relaxed)
}

/// Makes every thread allocate from malloc's main arena (the one the program break shows).
/// Call it before starting the thread that will run the runtime: a thread keeps the arena
/// it got at its first allocation.
pub(crate) fn one_malloc_arena() {
    // SAFETY: a process-wide allocator setting, made before the threads that use it.
    unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
}

impl Pressure {
    /// Starts measuring if the heap's mode collects by policy.
    pub(crate) fn start(&mut self, heap: &Heap) {
        self.enabled = heap.config().mode == Mode::Normal;
        if !self.enabled {
            self.countdown = u32::MAX;
            return;
        }
        // SAFETY: process-wide allocator settings; blocks allocated before keep working.
        // Setting the mmap threshold turns off glibc's own adjustment, which would also
        // have raised the trim threshold to twice it: without that, every large block
        // freed at the top of the arena goes back to the system and the next one faults
        // its pages in again (a third of the time of a loop of 800 KB buffers).
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 2 * MMAP_THRESHOLD);
        }
        self.arena_start = program_break().saturating_sub(mallinfo().2);
        self.after_collection(heap);
    }

    /// Bytes malloc holds from the system: the main arena up to the break, and the
    /// `mmap`ed blocks as last seen.
    fn footprint(&self) -> usize {
        program_break().saturating_sub(self.arena_start) + self.mmapped
    }

    /// A safepoint: every `SAMPLE_EVERY`th one measures.
    #[inline]
    pub(crate) fn tick(&mut self, heap: &Heap) {
        self.countdown -= 1;
        if self.countdown == 0 {
            self.sample(heap);
        }
    }

    #[cold]
    #[inline(never)]
    fn sample(&mut self, heap: &Heap) {
        if !self.enabled {
            self.countdown = u32::MAX;
            return;
        }
        self.countdown = SAMPLE_EVERY;
        self.samples_since_timed += 1;
        let grown = self.footprint().saturating_sub(self.base);
        let payloads = payload_bytes().wrapping_sub(self.payload_mark);
        if heap.note_external_growth(grown.max(payloads)) {
            return;
        }
        self.exact_countdown -= 1;
        if self.exact_countdown == 0 {
            let in_use = self.exact();
            heap.note_external_growth(in_use.saturating_sub(self.in_use_after));
        }
    }

    /// `mallinfo2()`, and when to call it next: every `TIME_EVERY`th call is timed and sets
    /// the spacing from its cost and the rate of samples since the last timed one.
    fn exact(&mut self) -> usize {
        if self.untimed_left > 0 {
            self.untimed_left -= 1;
            let (in_use, mmapped, _) = mallinfo();
            self.mmapped = mmapped;
            self.exact_countdown = self.exact_spacing;
            return in_use;
        }
        let t0 = thread_cpu_ns();
        let (in_use, mmapped, _) = mallinfo();
        self.mmapped = mmapped;
        let t1 = thread_cpu_ns();
        if let Some(last) = self.last_exact {
            // Samples per nanosecond since the last timed call, times the wait wanted.
            let elapsed = t0.saturating_sub(last).max(1) as f64;
            let cost = t1.saturating_sub(t0) as f64;
            let rate = self.samples_since_timed as f64 / elapsed;
            let want = rate * cost * EXACT_SPACING as f64;
            self.exact_spacing = (want as u64).clamp(EXACT_MIN, EXACT_MAX);
        }
        self.last_exact = Some(t1);
        self.samples_since_timed = 0;
        self.untimed_left = TIME_EVERY - 1;
        self.exact_countdown = self.exact_spacing;
        in_use
    }

    /// After a collection (and the `tp_destroy` calls of its dead objects): the new bases,
    /// and the heap's allowance from what is still in use outside it.
    pub(crate) fn after_collection(&mut self, heap: &Heap) {
        if !self.enabled {
            return;
        }
        let in_use = self.exact();
        heap.set_external_baseline(in_use);
        let allowance = heap.external_allowance();
        self.in_use_after = in_use;
        self.base = self.footprint().saturating_sub(allowance).max(in_use);
        self.payload_mark = payload_bytes();
    }
}
