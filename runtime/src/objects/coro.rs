//! Stackful coroutines for generators: a machine stack per running or suspended generator
//! and a context switch between stacks.
//!
//! The evaluator is recursive Rust code, so a generator suspended at a `yield` keeps its
//! Rust frames on a stack of its own: `yield` switches back to whoever resumed it, and the
//! next resume switches to it again.
//!
//! - Stacks are `mmap`ed with `MAP_NORESERVE` (pages are committed only when touched) with
//!   a `PROT_NONE` guard page at the low end; a few freed stacks are kept for reuse.
//! - The switch saves the callee-saved registers of the x86-64 System V ABI (rbx, rbp,
//!   r12–r15, plus the MXCSR and x87 control words) on the old stack, stores its stack
//!   pointer, and loads the other one: no system call (`swapcontext` makes one per
//!   switch to save the signal mask, which a generator never changes).

use std::cell::RefCell;

/// Usable size of a generator's stack: what the interpreter's main thread has (`cli.rs`),
/// since a generator may recurse to the same limit (`sys.setrecursionlimit` allows up to
/// 20,000 frames on that budget). Pages are committed only when touched, so the
/// reservation costs address space, not memory (47 bits of it: ample). What limits the
/// number of generators suspended at once is the kernel's count of mappings per process
/// (`vm.max_map_count`, 65,530 by default; a stack with its guard page takes two): beyond
/// it, resuming a new generator raises MemoryError.
pub(crate) const STACK_SIZE: usize = 1 << 30;
/// Freed stacks kept for reuse.
const POOL_MAX: usize = 16;

fn page_size() -> usize {
    // SAFETY: sysconf has no preconditions.
    let p = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    if p > 0 {
        p as usize
    } else {
        4096
    }
}

/// A machine stack: `[guard page | usable]`, unmapped when dropped.
#[derive(Debug)]
pub(crate) struct Stack {
    base: *mut u8,
    len: usize,
}

impl Stack {
    /// Maps a new stack; `None` when the system refuses (the caller raises MemoryError).
    fn map() -> Option<Stack> {
        let guard = page_size();
        let len = STACK_SIZE + guard;
        // SAFETY: a fresh anonymous mapping; nothing else refers to it.
        unsafe {
            let p = libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            );
            if p == libc::MAP_FAILED {
                return None;
            }
            if libc::mprotect(p, guard, libc::PROT_NONE) != 0 {
                libc::munmap(p, len);
                return None;
            }
            Some(Stack {
                base: p.cast(),
                len,
            })
        }
    }

    /// One past the highest usable byte (16-aligned).
    pub(crate) fn top(&self) -> *mut u8 {
        self.base.wrapping_add(self.len)
    }

    /// The lowest usable byte (just above the guard page).
    #[cfg(test)]
    fn bottom(&self) -> *mut u8 {
        self.base.wrapping_add(page_size())
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        // SAFETY: the mapping made in `map`, unmapped once; nothing runs on it any more.
        unsafe { libc::munmap(self.base.cast(), self.len) };
    }
}

thread_local! {
    static POOL: RefCell<Vec<Stack>> = const { RefCell::new(Vec::new()) };
}

/// A stack from the pool, or a new one.
pub(crate) fn take_stack() -> Option<Stack> {
    POOL.with(|p| p.borrow_mut().pop()).or_else(Stack::map)
}

/// How much of a pooled stack keeps its pages: the depth an ordinary generator uses.
const TRIM_KEEP: usize = 1 << 20;

impl Stack {
    /// Returns the pages below the top `TRIM_KEEP` bytes to the system if the stack grew
    /// that deep (a deep recursion inside a generator), so a pooled stack does not keep
    /// them. The probe reads the page just below that depth: a page never touched reads
    /// as zeros (the kernel's shared zero page, no memory committed); one a frame used
    /// holds return addresses and locals. Only memory is at stake, never correctness.
    fn trim(&self) {
        let page = page_size();
        let probe = (self.top() as usize - TRIM_KEEP - page) as *const u64;
        // SAFETY: the probe page lies in the usable part of the mapping (stacks are much
        // larger than `TRIM_KEEP` plus two pages), and nothing runs on the stack.
        let used = unsafe { std::slice::from_raw_parts(probe, page / 8) }
            .iter()
            .any(|w| *w != 0);
        if used {
            let start = self.base as usize + page;
            let len = self.top() as usize - TRIM_KEEP - start;
            // SAFETY: a range of our own mapping that nothing runs on; its contents are
            // dead (the generator finished).
            unsafe { libc::madvise(start as *mut libc::c_void, len, libc::MADV_DONTNEED) };
        }
    }
}

/// Gives a stack nothing runs on any more back to the pool (or unmaps it).
pub(crate) fn give_stack(s: Stack) {
    s.trim();
    POOL.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < POOL_MAX {
            p.push(s);
        }
    });
}

#[cfg(target_arch = "x86_64")]
std::arch::global_asm!(
    ".text",
    ".p2align 4",
    ".globl hpymove_coro_switch",
    ".type hpymove_coro_switch,@function",
    // rdi: where to save the current stack pointer; rsi: the stack pointer to load;
    // rdx: ignored (see `switch`).
    "hpymove_coro_switch:",
    ".cfi_startproc",
    "push rbp",
    "push rbx",
    "push r12",
    "push r13",
    "push r14",
    "push r15",
    "sub rsp, 8",
    "stmxcsr [rsp]",
    "fnstcw [rsp + 4]",
    "mov [rdi], rsp",
    "mov rsp, rsi",
    "ldmxcsr [rsp]",
    "fldcw [rsp + 4]",
    "add rsp, 8",
    "pop r15",
    "pop r14",
    "pop r13",
    "pop r12",
    "pop rbx",
    "pop rbp",
    "ret",
    ".cfi_endproc",
    ".size hpymove_coro_switch, .-hpymove_coro_switch",
    ".p2align 4",
    ".globl hpymove_coro_start",
    ".type hpymove_coro_start,@function",
    // The first switch to a new stack returns here with r12 = argument, r13 = entry.
    "hpymove_coro_start:",
    ".cfi_startproc",
    // No caller: unwinders stop here.
    ".cfi_undefined rip",
    "mov rdi, r12",
    "call r13",
    "ud2",
    ".cfi_endproc",
    ".size hpymove_coro_start, .-hpymove_coro_start",
);

#[cfg(not(target_arch = "x86_64"))]
compile_error!("generators need the x86-64 context switch in runtime/src/interp/coro.rs");

extern "C" {
    fn hpymove_coro_switch(save: *mut *mut u8, load: *mut u8, data: *mut u8);
    fn hpymove_coro_start();
}

/// An entry function: runs on the new stack and must never return (its last act is a
/// switch away from the stack, never resumed).
pub(crate) type Entry = extern "C" fn(arg: *mut u8);

/// Prepares `stack` so that the first [`switch`] to the returned stack pointer calls
/// `entry(arg)` on it.
pub(crate) fn prepare(stack: &Stack, entry: Entry, arg: *mut u8) -> *mut u8 {
    let top = stack.top() as usize & !15;
    // [mxcsr|fpucw, r15, r14, r13, r12, rbx, rbp, return address, padding, padding]:
    // after the switch pops eight words, rsp is 16-aligned for the call in
    // `hpymove_coro_start`.
    let sp = (top - 10 * 8) as *mut u64;
    let mut csr: u32 = 0;
    let mut cw: u16 = 0;
    // SAFETY: `sp` points at ten writable words at the top of the stack's usable part,
    // which nothing runs on yet; the control words are copied from the current thread so
    // the coroutine starts with the same floating-point environment.
    unsafe {
        std::arch::asm!("stmxcsr [{0}]", in(reg) &mut csr, options(nostack));
        std::arch::asm!("fnstcw [{0}]", in(reg) &mut cw, options(nostack));
        *sp = csr as u64 | ((cw as u64) << 32);
        *sp.add(1) = 0; // r15
        *sp.add(2) = 0; // r14
        *sp.add(3) = entry as *const () as u64; // r13
        *sp.add(4) = arg as u64; // r12
        *sp.add(5) = 0; // rbx
        *sp.add(6) = 0; // rbp
        *sp.add(7) = hpymove_coro_start as *const () as u64;
        *sp.add(8) = 0;
        *sp.add(9) = 0;
    }
    sp.cast()
}

/// Saves the current context's stack pointer in `*save` and continues the context whose
/// stack pointer is `load` (saved by an earlier switch, or made by [`prepare`]). `data` is
/// not used by the switch: it is handed to it so that the compiler assumes the memory it
/// reaches (the state both sides share) may be read and written across the call, as the
/// other context does.
///
/// # Safety
/// `load` is a stack pointer saved by `switch` on a stack that still exists and has not
/// been resumed since, or a fresh one from [`prepare`]; no Rust panic may unwind across
/// the switch (entries catch them).
#[inline]
pub(crate) unsafe fn switch(save: *mut *mut u8, load: *mut u8, data: *mut u8) {
    // SAFETY: forwarded from the caller.
    unsafe { hpymove_coro_switch(save, load, data) }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Ping {
        main_sp: *mut u8,
        coro_sp: *mut u8,
        log: Vec<u32>,
    }

    extern "C" fn pinger(arg: *mut u8) {
        let p = arg as *mut Ping;
        for i in 0..3 {
            // SAFETY: `p` outlives the coroutine (the test owns it); the switches
            // alternate strictly between the test and this stack.
            unsafe {
                (*p).log.push(i);
                // Floating point and a deep-ish frame on the coroutine stack.
                let x = std::hint::black_box(1.5f64) * i as f64;
                (*p).log.push(x as u32 + 100);
                switch(&mut (*p).coro_sp, (*p).main_sp, p.cast());
            }
        }
        // SAFETY: as above; never resumed after this.
        unsafe { switch(&mut (*p).coro_sp, (*p).main_sp, p.cast()) };
        unreachable!("a finished coroutine is never resumed");
    }

    #[test]
    fn switches_back_and_forth() {
        let s = take_stack().expect("a stack");
        assert!(s.bottom() < s.top());
        let mut p = Ping {
            main_sp: std::ptr::null_mut(),
            coro_sp: std::ptr::null_mut(),
            log: Vec::new(),
        };
        p.coro_sp = prepare(&s, pinger, (&mut p as *mut Ping).cast());
        for _ in 0..4 {
            // SAFETY: the coroutine's stack pointer was saved by its last switch.
            unsafe { switch(&mut p.main_sp, p.coro_sp, (&mut p as *mut Ping).cast()) };
        }
        assert_eq!(p.log, vec![0, 100, 1, 101, 2, 103]);
        give_stack(s);
    }

    #[test]
    fn pool_reuses_stacks() {
        let s = take_stack().expect("a stack");
        let top = s.top();
        give_stack(s);
        let t = take_stack().expect("a stack");
        assert_eq!(t.top(), top);
        // A deep use is trimmed when the stack goes back to the pool.
        let deep = (t.top() as usize - TRIM_KEEP - 100) as *mut u8;
        // SAFETY: inside the usable part of the mapping; nothing runs on the stack.
        unsafe { *deep = 7 };
        give_stack(t);
        let t = take_stack().expect("a stack");
        // SAFETY: as above.
        assert_eq!(unsafe { *deep }, 0);
        // Touch the lowest usable byte: it is mapped and writable.
        // SAFETY: inside the usable part of the mapping.
        unsafe { *t.bottom() = 1 };
        give_stack(t);
    }
}
