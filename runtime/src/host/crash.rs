//! Crashes inside extension code: what a `SIGSEGV` or `SIGBUS` says before the process
//! dies, and debug mode's report of a stale pointer.
//!
//! The runtime keeps, in plain atomics, the extension function running ([`while_running`]) and
//! the collection count; `crate::host::guarded` keeps the quarantined blocks the same way, and
//! [`set_retired`] the semispaces poison mode retired. The handler reads only those, so
//! it is async-signal-safe, and then:
//!
//! - in debug mode, when the address is a quarantined block (a raw pointer whose handle was
//!   closed, a payload of a dead object), it forks: the child (a snapshot of the process,
//!   free to allocate and to read the extension's debug information) writes debug mode's
//!   full report with this
//!   finding, and the parent waits for it and exits with debug mode's status;
//! - otherwise it writes one message (`write(2)` only): the signal, the address and what it
//!   was if known, the extension function, the collection number, and a hint to re-run
//!   with `--debug`; then it hands the signal to the handler that was there before (Rust's
//!   own, which reports stack overflows), or to the default action.
//!
//! Faults outside extension code that are not in guarded memory are passed on untouched.

use std::sync::atomic::{AtomicBool, AtomicPtr, AtomicU64, AtomicUsize, Ordering};

/// The extension function running: a [`Label`] in the frame of [`while_running`] that
/// calls it. Null when none.
static CURRENT: AtomicPtr<Label> = AtomicPtr::new(std::ptr::null_mut());
/// Collections finished.
static COLLECTIONS: AtomicU64 = AtomicU64::new(0);
/// Debug mode: fork a reporter on a fault in guarded memory.
static REPORT_IN_CHILD: AtomicBool = AtomicBool::new(false);

/// Retired semispaces (poison mode): start, end, retiring collection.
const RETIRED: usize = 8;
#[allow(clippy::declare_interior_mutable_const)]
const ZERO: AtomicUsize = AtomicUsize::new(0);
static RETIRED_RANGES: [AtomicUsize; RETIRED * 3] = [ZERO; RETIRED * 3];

static INSTALLED: AtomicBool = AtomicBool::new(false);
/// The actions that were installed before ours (for SIGSEGV, SIGBUS).
static mut OLD_SEGV: std::mem::MaybeUninit<libc::sigaction> = std::mem::MaybeUninit::zeroed();
static mut OLD_BUS: std::mem::MaybeUninit<libc::sigaction> = std::mem::MaybeUninit::zeroed();

/// `s` as a string that lives as long as the process (one copy per distinct string).
pub(crate) fn intern(s: &str) -> &'static str {
    static NAMES: std::sync::Mutex<Option<std::collections::HashSet<&'static str>>> =
        std::sync::Mutex::new(None);
    let mut g = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    let set = g.get_or_insert_with(Default::default);
    if let Some(n) = set.get(s) {
        return n;
    }
    let n: &'static str = Box::leak(s.to_string().into_boxed_str());
    set.insert(n);
    n
}

/// What [`CURRENT`] points to: the running function's name (bytes, length), after an
/// optional owner (`Type` in `Type.__repr__`; null pointer when none).
struct Label {
    name: *const u8,
    name_len: usize,
    owner: *const u8,
    owner_len: usize,
}

/// Puts the previous label back, also if `f` unwinds.
struct Restore(*mut Label);

impl Drop for Restore {
    #[inline(always)]
    fn drop(&mut self) {
        CURRENT.store(self.0, Ordering::Relaxed);
    }
}

/// Runs `f` (a call into extension code) marked as extension function `owner.name`
/// (nested calls restore the outer name). The label lives in this frame and one pointer
/// is published: a store before the call and one after, which is all an extension call
/// pays for the crash report.
#[inline(always)]
pub(crate) fn while_running<R>(owner: Option<&str>, name: &str, f: impl FnOnce() -> R) -> R {
    let (owner, owner_len) = owner.map_or((std::ptr::null(), 0), |o| (o.as_ptr(), o.len()));
    let label = Label {
        name: name.as_ptr(),
        name_len: name.len(),
        owner,
        owner_len,
    };
    // Only the runtime's thread writes the pointer; the signal handler, on the same
    // thread, reads it. Release: the label is written before it is published.
    let _restore = Restore(CURRENT.load(Ordering::Relaxed));
    CURRENT.store(&label as *const Label as *mut Label, Ordering::Release);
    f()
}

/// The extension function running (`Owner.name` for a type's), for messages outside the
/// signal handler.
pub(crate) fn running() -> Option<String> {
    let label = CURRENT.load(Ordering::Acquire);
    if label.is_null() {
        return None;
    }
    let mut s = String::new();
    // SAFETY: the label and both names are alive while `while_running` runs its call,
    // and this runs on the thread that set them.
    unsafe {
        let l = &*label;
        if !l.owner.is_null() {
            let o = std::slice::from_raw_parts(l.owner, l.owner_len);
            s.push_str(&String::from_utf8_lossy(o));
            s.push('.');
        }
        let n = std::slice::from_raw_parts(l.name, l.name_len);
        s.push_str(&String::from_utf8_lossy(n));
    }
    Some(s)
}

/// The collection count, after every collection.
pub(crate) fn set_collections(n: u64) {
    COLLECTIONS.store(n, Ordering::Relaxed);
}

/// Collections finished so far.
pub(crate) fn collections() -> u64 {
    COLLECTIONS.load(Ordering::Relaxed)
}

/// The retired semispaces poison mode keeps inaccessible (the newest [`RETIRED`]).
pub(crate) fn set_retired(ranges: &[(usize, usize, u64)]) {
    for i in 0..RETIRED {
        let (s, e, n) = ranges
            .iter()
            .rev()
            .nth(i)
            .map_or((0, 0, 0), |r| (r.0, r.1, r.2 as usize));
        RETIRED_RANGES[3 * i].store(0, Ordering::Relaxed);
        RETIRED_RANGES[3 * i + 1].store(e, Ordering::Relaxed);
        RETIRED_RANGES[3 * i + 2].store(n, Ordering::Relaxed);
        RETIRED_RANGES[3 * i].store(s, Ordering::Release);
    }
}

fn retired_by(addr: usize) -> Option<u64> {
    (0..RETIRED).find_map(|i| {
        let s = RETIRED_RANGES[3 * i].load(Ordering::Acquire);
        let e = RETIRED_RANGES[3 * i + 1].load(Ordering::Relaxed);
        (s != 0 && addr >= s && addr < e)
            .then(|| RETIRED_RANGES[3 * i + 2].load(Ordering::Relaxed) as u64)
    })
}

/// Debug mode: a fault in guarded memory is reported by a forked child.
pub(crate) fn report_faults_in_child() {
    REPORT_IN_CHILD.store(true, Ordering::Relaxed);
    signal_stack();
}

/// Bytes of the calling thread's alternate signal stack in debug mode. The standard
/// library's (a few pages, for its stack-overflow message) is too small for the fault
/// handler's fork and the unwinder's first frames in an unoptimised build.
const SIGNAL_STACK: usize = 1 << 20;

/// Gives the calling thread (the one that runs the runtime) a large alternate signal stack,
/// once; it stays for the life of the thread.
fn signal_stack() {
    thread_local! {
        static DONE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    if DONE.with(|d| d.replace(true)) {
        return;
    }
    // SAFETY: a fresh private mapping becomes this thread's signal stack; it is never
    // unmapped (a handler may run on it until the thread ends).
    unsafe {
        let mem = libc::mmap(
            std::ptr::null_mut(),
            SIGNAL_STACK,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        );
        if mem == libc::MAP_FAILED {
            return;
        }
        let ss = libc::stack_t {
            ss_sp: mem,
            ss_flags: 0,
            ss_size: SIGNAL_STACK,
        };
        libc::sigaltstack(&ss, std::ptr::null_mut());
    }
}

/// Installs the handler for SIGSEGV and SIGBUS (once per process).
pub(crate) fn install() {
    if INSTALLED.swap(true, Ordering::AcqRel) {
        return;
    }
    for (sig, old) in [
        (libc::SIGSEGV, &raw mut OLD_SEGV),
        (libc::SIGBUS, &raw mut OLD_BUS),
    ] {
        // SAFETY: a zeroed sigaction is valid; `on_fault` has the SA_SIGINFO signature;
        // the old action is written once, here, before any fault can read it.
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_fault as *const () as usize;
            sa.sa_flags = libc::SA_SIGINFO | libc::SA_ONSTACK;
            libc::sigemptyset(&mut sa.sa_mask);
            libc::sigaction(sig, &sa, (*old).as_mut_ptr());
        }
    }
}

/// A fixed buffer for the message: no allocation in the handler.
struct Msg {
    buf: [u8; 1024],
    len: usize,
}

impl Msg {
    fn push(&mut self, s: &[u8]) {
        let n = s.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + n].copy_from_slice(&s[..n]);
        self.len += n;
    }

    fn num(&mut self, mut v: u64, hex: bool) {
        let mut d = [0u8; 20];
        let mut i = d.len();
        let base = if hex { 16 } else { 10 };
        loop {
            i -= 1;
            d[i] = b"0123456789abcdef"[(v % base) as usize];
            v /= base;
            if v == 0 {
                break;
            }
        }
        if hex {
            self.push(b"0x");
        }
        self.push(&d[i..]);
    }

    fn write(&self) {
        // SAFETY: write(2) is async-signal-safe; the buffer is ours.
        unsafe { libc::write(2, self.buf.as_ptr().cast(), self.len) };
    }
}

extern "C" fn on_fault(sig: libc::c_int, info: *mut libc::siginfo_t, uctx: *mut libc::c_void) {
    // SAFETY: the kernel passes a valid siginfo for SA_SIGINFO handlers.
    let addr = unsafe { (*info).si_addr() } as usize;
    let ip = fault_ip(uctx);
    let guarded = crate::host::guarded::classify(addr);
    let running = CURRENT.load(Ordering::Acquire);
    if let (Some((slot, _)), true) = (guarded, REPORT_IN_CHILD.load(Ordering::Relaxed)) {
        report_in_child(addr, ip, slot);
    }
    let retired = retired_by(addr);
    if !running.is_null() || guarded.is_some() || retired.is_some() {
        let mut m = Msg {
            buf: [0; 1024],
            len: 0,
        };
        m.push(b"hpymove: fatal signal ");
        m.push(if sig == libc::SIGBUS {
            b"SIGBUS"
        } else {
            b"SIGSEGV"
        });
        m.push(b": invalid memory access at ");
        m.num(addr as u64, true);
        match (guarded, retired) {
            (Some((_, crate::host::guarded::Kind::RawPointer)), _) => m.push(
                b" (a raw pointer from HPyBytes_AsString, HPyUnicode_AsUTF8AndSize, \
                  HPyType_GetName or argparse's \"s\", used after its handle was closed)",
            ),
            (Some((_, crate::host::guarded::Kind::Payload)), _) => {
                m.push(b" (the payload of an object that died: an HPy_AsStruct pointer kept after its handle was closed)")
            }
            (None, Some(n)) => {
                m.push(b" (a semispace retired by collection #");
                m.num(n, false);
                m.push(b": a stale pointer into an object that moved)");
            }
            _ => {}
        }
        m.push(b"\n");
        if !running.is_null() {
            // SAFETY: the label and its names are alive while `while_running` runs its
            // call (the one that faulted, on this thread).
            let l = unsafe { &*running };
            m.push(b"  in extension function: ");
            if !l.owner.is_null() {
                // SAFETY: as above.
                m.push(unsafe { std::slice::from_raw_parts(l.owner, l.owner_len) });
                m.push(b".");
            }
            // SAFETY: as above.
            m.push(unsafe { std::slice::from_raw_parts(l.name, l.name_len) });
            m.push(b"\n");
        }
        m.push(b"  collections so far: ");
        m.num(COLLECTIONS.load(Ordering::Relaxed), false);
        m.push(b"\n  re-run with --debug (and --gc=torture --poison) to find the C line\n");
        m.write();
    }
    chain(sig, info, uctx);
}

/// The faulting instruction's address, from the signal context.
fn fault_ip(uctx: *mut libc::c_void) -> usize {
    #[cfg(all(target_os = "linux", target_arch = "x86_64"))]
    {
        // SAFETY: the kernel passes a valid ucontext for SA_SIGINFO handlers.
        unsafe {
            (*(uctx as *const libc::ucontext_t)).uc_mcontext.gregs[libc::REG_RIP as usize] as usize
        }
    }
    #[cfg(not(all(target_os = "linux", target_arch = "x86_64")))]
    {
        let _ = uctx;
        0
    }
}

/// Debug mode: a forked child writes the full report; this process then exits with
/// debug mode's status once the child is done.
fn report_in_child(addr: usize, ip: usize, slot: usize) -> ! {
    // SAFETY: fork (the raw system call: no atfork handlers run), waitpid and _exit are
    // async-signal-safe. The child is a copy of this process stopped at the fault: it may
    // allocate and read files, and it ends with _exit.
    unsafe {
        let pid = libc::syscall(libc::SYS_fork) as libc::pid_t;
        if pid == 0 {
            crate::host::fault_report::report(addr, ip, slot);
        }
        if pid > 0 {
            let mut status = 0;
            libc::waitpid(pid, &mut status, 0);
        }
        libc::_exit(crate::host::debug::EXIT_STATUS)
    }
}

/// Hands the signal to the previous handler, or restores the default action so that the
/// faulting instruction, run again on return, ends the process the usual way.
fn chain(sig: libc::c_int, info: *mut libc::siginfo_t, uctx: *mut libc::c_void) {
    let old = if sig == libc::SIGBUS {
        &raw const OLD_BUS
    } else {
        &raw const OLD_SEGV
    };
    // SAFETY: written once by `install`, before the handler could run.
    let old = unsafe { (*old).assume_init_ref() };
    let h = old.sa_sigaction;
    if h != libc::SIG_DFL && h != libc::SIG_IGN {
        if old.sa_flags & libc::SA_SIGINFO != 0 {
            type Action = extern "C" fn(libc::c_int, *mut libc::siginfo_t, *mut libc::c_void);
            // SAFETY: a handler installed with SA_SIGINFO has this signature.
            let f: Action = unsafe { std::mem::transmute::<usize, Action>(h) };
            f(sig, info, uctx);
        } else {
            type Handler = extern "C" fn(libc::c_int);
            // SAFETY: a handler installed without SA_SIGINFO has this signature.
            let f: Handler = unsafe { std::mem::transmute::<usize, Handler>(h) };
            f(sig);
        }
        return;
    }
    // SAFETY: resetting a signal's action is async-signal-safe.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = libc::SIG_DFL;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut());
    }
}
