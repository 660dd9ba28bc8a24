//! The report of a fault in guarded memory, written by the child process the fault handler
//! forks in debug mode (`crate::host::crash`): the child is a snapshot of the runtime stopped at
//! the faulting instruction, so it can symbolize stacks and write the report like the end
//! of a run does, then exit.
//!
//! The handler runs on the small alternate signal stack; the child first records the
//! native stack of the fault there, then moves to a large stack of its own for the work
//! (reading the extension's DWARF, formatting).

use std::sync::atomic::{AtomicUsize, Ordering};

const FRAMES: usize = 32;
static FAULT: [AtomicUsize; 3] = [const { AtomicUsize::new(0) }; 3];
static STACK: [AtomicUsize; FRAMES] = [const { AtomicUsize::new(0) }; FRAMES];
static STACK_LEN: AtomicUsize = AtomicUsize::new(0);
const BIG_STACK: usize = 64 << 20;

/// In the forked child: writes debug mode's report with the fault at `addr` (instruction
/// `ip`, quarantine slot `slot`) added, then exits with debug mode's status.
pub(crate) fn report(addr: usize, ip: usize, slot: usize) -> ! {
    for (a, v) in FAULT.iter().zip([addr, ip, slot]) {
        a.store(v, Ordering::Relaxed);
    }
    // The unwinder the debug checker already used (glibc's `backtrace` would load and set
    // itself up here, on the small signal stack).
    let mut buf = [0usize; FRAMES];
    let n = crate::host::debug::native_stack(&mut buf);
    for (a, p) in STACK.iter().zip(&buf[..n]) {
        a.store(*p, Ordering::Relaxed);
    }
    STACK_LEN.store(n, Ordering::Relaxed);
    // SAFETY: a fresh mapping becomes the stack of a context that runs `on_big_stack`,
    // which never returns (it exits the process).
    unsafe {
        let stack = libc::mmap(
            std::ptr::null_mut(),
            BIG_STACK,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if stack != libc::MAP_FAILED {
            let mut uc: libc::ucontext_t = std::mem::zeroed();
            if libc::getcontext(&mut uc) == 0 {
                uc.uc_stack.ss_sp = stack;
                uc.uc_stack.ss_size = BIG_STACK;
                uc.uc_link = std::ptr::null_mut();
                libc::makecontext(&mut uc, on_big_stack, 0);
                libc::setcontext(&uc);
            }
        }
        libc::_exit(crate::host::debug::EXIT_STATUS)
    }
}

extern "C" fn on_big_stack() {
    let [addr, ip, slot] = [0, 1, 2].map(|i| FAULT[i].load(Ordering::Relaxed));
    let n = STACK_LEN.load(Ordering::Relaxed);
    let native: Vec<usize> = STACK[..n]
        .iter()
        .map(|a| a.load(Ordering::Relaxed))
        .collect();
    let origin = crate::host::guarded::origin(slot);
    if let Some(st) = crate::state::current() {
        if let Some(d) = st.roots.handles.debug.as_deref_mut() {
            d.stale_pointer(addr, ip, &native, origin);
            let findings = d.findings();
            crate::host::debug::write_report(&findings);
        }
    }
    // SAFETY: _exit ends this child without running the parent's exit handlers.
    unsafe { libc::_exit(crate::host::debug::EXIT_STATUS) }
}
