//! Ctrl-C: the command line's SIGINT handler only sets a flag; the interpreter raises
//! KeyboardInterrupt at its next statement boundary (and `time.sleep` wakes up for it), so
//! `except`, `finally` and `with` blocks run and the traceback is printed, as in CPython.
//! An uncaught KeyboardInterrupt ends the process by SIGINT after the traceback, as
//! CPython does, so a shell sees status 130.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::error::PyResult;
use crate::state::State;

/// Set by the signal handler, cleared when KeyboardInterrupt is raised.
static PENDING: AtomicBool = AtomicBool::new(false);
/// Whether the handler is installed (embedders keep the default: Ctrl-C kills).
static INSTALLED: AtomicBool = AtomicBool::new(false);

extern "C" fn on_sigint(_sig: libc::c_int) {
    // Async-signal-safe: one atomic store.
    PENDING.store(true, Ordering::Relaxed);
}

/// Installs the SIGINT handler (the command line does, once).
pub(crate) fn install() {
    if INSTALLED.swap(true, Ordering::AcqRel) {
        return;
    }
    // SAFETY: a zeroed sigaction is valid; `on_sigint` only stores to an atomic. No
    // SA_RESTART: a blocking read returns EINTR and the caller sees the interrupt.
    unsafe {
        // Ignored by whoever started us (a background job): stays ignored, as in CPython.
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old);
        if old.sa_sigaction == libc::SIG_IGN {
            INSTALLED.store(false, Ordering::Release);
            return;
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = on_sigint as *const () as usize;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(libc::SIGINT, &sa, std::ptr::null_mut());
    }
}

/// Whether a Ctrl-C is waiting to be raised (one relaxed load: the statement loop's cost).
#[inline]
pub(crate) fn pending() -> bool {
    PENDING.load(Ordering::Relaxed)
}

/// After an uncaught KeyboardInterrupt has been reported: ends the process by SIGINT with
/// the default disposition, as CPython does (no return when the handler was installed).
pub(crate) fn exit_by_sigint() {
    if !INSTALLED.load(Ordering::Acquire) {
        return;
    }
    // SAFETY: restoring the default action and raising the signal ends the process.
    unsafe {
        libc::signal(libc::SIGINT, libc::SIG_DFL);
        libc::raise(libc::SIGINT);
    }
}

impl State {
    /// Raises KeyboardInterrupt if a Ctrl-C is pending (and clears it).
    pub(crate) fn check_interrupt(&mut self) -> PyResult<()> {
        if PENDING.swap(false, Ordering::Relaxed) {
            return Err(self.raise_args("KeyboardInterrupt", &[]));
        }
        Ok(())
    }
}
