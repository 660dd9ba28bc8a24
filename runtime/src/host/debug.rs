//! Debug mode (`hpymove --debug`, [`crate::Runtime::enable_debug`]): handle, builder,
//! tracker and global checking, with the C line that caused each finding.
//!
//! Size: one `Checker`, a state machine over the handle table's opened and closed
//! records, builders, trackers and globals, whose methods are the checks; the C-stack
//! walk and the report text that every finding shares come with it.
//!
//! # Design: checks inside the handle table, not a second context
//!
//! HPy's own debug mode gives extensions a second `HPyContext` whose members wrap every
//! handle in a fresh debug handle and check it before delegating. hpymove does not need
//! the wrapping: its handles already carry a slot version, so a closed or garbage
//! value resolves to nothing without undefined behaviour, and every context function
//! already resolves handles through [`crate::state::State::get`] and opens/closes them
//! through [`crate::host::handles::HandleTable`]. So debug mode is a [`Checker`] hung on the
//! handle table (`HandleTable::debug`), consulted at those few points:
//!
//! - **open**: the handle is recorded with the C return addresses of the extension frames on
//!   the native stack (the unwinder, filtered to the loaded `.hpy0.so` text ranges,
//!   symbolized only when a report is written, by `crate::host::symbolize`), the extension
//!   function running (innermost host → extension call, see below) and the collection
//!   number;
//! - **close**: the record moves to a bounded queue of closed handles ([`CLOSED_KEPT`]), with
//!   where it was closed; an older closed value is then reported as "never a handle";
//! - **failed resolution** (`State::get`), failed close, close of a constant or of an
//!   argument handle, builder and tracker use, `HPyGlobal` load/store: a [`Finding`];
//! - **calls into extension code** (`call.rs`, the module slots in `loader.rs`) push a
//!   frame; on return the handles opened during that frame and still open (the result
//!   excepted) are marked as having outlived it, and a result that is one of the argument
//!   handles is reported (and duplicated, so the run goes on as if the extension had
//!   called `HPy_Dup`), at the function's definition line;
//! - **leaks**: a handle that outlived its call is legal (a C static may keep it until a
//!   later call closes it: HPy's own tests do), so it is a leak only if it is still open
//!   when the run ends ([`Checker::report_leaks`]), or at the end of an
//!   `hpy.debug.LeakDetector` block that opened it ([`Checker::take_leaks`]): HPy's debug
//!   mode has the same rule.
//!
//! A context call in tail position (`return HPy_Dup(ctx, h);` at `-O2`) leaves no frame of
//! its caller. So each frame also records a stack address in the host frame that calls the
//! extension function (its *anchor*); a stack walk that passes it without meeting an
//! extension frame records the running function instead ([`TAIL_CALL`]), and the report
//! finds the call among that function's tail calls in the DWARF.
//!
//! Handle values are unchanged in debug mode, so extension behaviour is identical; the
//! cost is one walk of the native stack (up to 20 frames) and one hash-map operation per
//! open and per close (×24–35 on tinyjson workloads, see the README).
//! Constants and handles the host opens outside extension calls are not tracked for leaks.
//! A garbage value that happens to decode to a live key cannot be told apart (DESIGN.md).
//!
//! Findings are kept until the end of the run; the command line prints them (text or JSON,
//! schema in `docs/debug-report.md`) and exits with [`EXIT_STATUS`].
//!
//! Size: every check debug mode makes and the report of each, sharing one record of handles,
//! builders and raw pointers with their C stacks.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ffi::{c_int, c_void, CStr};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

/// The exit status of a run in which debug mode reported anything.
pub const EXIT_STATUS: i32 = 86;

/// Where the command line writes the report: JSON or text, a file or stderr. Read by the
/// process that reports a fault (see `crate::host::crash`) as well as at the end of a run.
pub(crate) static OUTPUT: std::sync::OnceLock<(bool, Option<PathBuf>)> = std::sync::OnceLock::new();

/// Sets where reports go (the command line's `--report` and `--report-file`).
pub fn set_output(json: bool, file: Option<PathBuf>) {
    let _ = OUTPUT.set((json, file));
}

/// Writes `findings` where [`set_output`] said (stderr as text by default).
pub fn write_report(findings: &[Finding]) {
    let (json, file) = OUTPUT.get().cloned().unwrap_or((false, None));
    let report = if json {
        report_json(findings)
    } else {
        report_text(findings)
    };
    match file {
        Some(p) => {
            if let Err(e) = std::fs::write(&p, report) {
                eprintln!(
                    "hpymove: cannot write the debug report to {}: {e}",
                    p.display()
                );
            }
        }
        None => eprint!("{report}"),
    }
}

/// How many closed handles are remembered (to tell "closed" from "never a handle").
pub(crate) const CLOSED_KEPT: usize = 1 << 16;
extern "C" {
    // The unwinder of libgcc_s, which Rust's standard library links on this target.
    fn _Unwind_Backtrace(
        trace: extern "C" fn(*mut c_void, *mut c_void) -> c_int,
        arg: *mut c_void,
    ) -> c_int;
    fn _Unwind_GetIP(ctx: *mut c_void) -> usize;
    fn _Unwind_GetCFA(ctx: *mut c_void) -> usize;
}

/// Walks the native stack from here, innermost first, handing each return address and the
/// canonical frame address of its frame (its caller's stack pointer) to `f` until it
/// returns false (or the stack ends). Allocation-free: the fault report walks the stack on
/// a signal stack.
fn walk_stack(f: &mut dyn FnMut(usize, usize) -> bool) {
    extern "C" fn each(ctx: *mut c_void, arg: *mut c_void) -> c_int {
        const URC_NO_REASON: c_int = 0;
        const URC_END_OF_STACK: c_int = 5;
        // SAFETY: `arg` is the closure passed below; `ctx` is the unwinder's context.
        let (f, ip, cfa) = unsafe {
            (
                &mut *(arg as *mut &mut dyn FnMut(usize, usize) -> bool),
                _Unwind_GetIP(ctx),
                _Unwind_GetCFA(ctx),
            )
        };
        if f(ip, cfa) {
            URC_NO_REASON
        } else {
            URC_END_OF_STACK
        }
    }
    let mut f = f;
    // SAFETY: the callback only calls `f`, which outlives the walk.
    unsafe {
        _Unwind_Backtrace(
            each,
            (&mut f as *mut &mut dyn FnMut(usize, usize) -> bool).cast(),
        )
    };
}

/// The return addresses of the native stack here, innermost first, into `buf`; returns
/// how many.
pub(crate) fn native_stack(buf: &mut [usize]) -> usize {
    let mut n = 0;
    if buf.is_empty() {
        return 0;
    }
    walk_stack(&mut |ip, _| {
        buf[n] = ip;
        n += 1;
        n < buf.len()
    });
    n
}

/// Native frames walked when a handle is opened or misused.
const FRAMES_WALKED: usize = 20;
/// Extension frames kept per stack.
const C_FRAMES_KEPT: usize = 8;

/// What a finding is about. The names (`kind` in reports) are stable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FindingKind {
    /// A handle used after it was closed.
    UseClosed,
    /// A value used as a handle that was never one (or was closed long ago).
    UseInvalid,
    /// `HPy_Close` on a handle already closed.
    DoubleClose,
    /// `HPy_Close` on a value that was never a handle.
    CloseInvalid,
    /// `HPy_Close` on a context constant (`ctx->h_None`, ...).
    CloseConstant,
    /// `HPy_Close` on an argument handle, which the caller owns.
    CloseArgument,
    /// An extension function returned one of its argument handles without `HPy_Dup`.
    ReturnArgument,
    /// A handle opened during an extension call, still open when it returned.
    Leak,
    /// A list or tuple builder used after `Build` or `Cancel`.
    BuilderClosed,
    /// A tracker used after `HPyTracker_Close` (or a value that was never a tracker).
    TrackerClosed,
    /// An `HPyGlobal` whose value this runtime never issued.
    InvalidGlobal,
    /// A field stored with `HPyField_Store` that the owner type's `tp_traverse` did not
    /// visit during a collection (it would have kept a stale address).
    FieldNotTraversed,
    /// `HPyField_Store` into an object whose type has no `tp_traverse`.
    FieldWithoutTraverse,
    /// A raw pointer (`HPyBytes_AsString`, `HPyUnicode_AsUTF8AndSize`...) read after the
    /// handle it came through was closed.
    RawPointerAfterClose,
    /// A payload pointer (`HPy_AsStruct`) read after its object died and was destroyed.
    PayloadAfterFree,
}

impl FindingKind {
    /// Every kind, in the order `hpymove -h` lists them.
    pub const ALL: &'static [FindingKind] = &[
        FindingKind::UseClosed,
        FindingKind::UseInvalid,
        FindingKind::DoubleClose,
        FindingKind::CloseInvalid,
        FindingKind::CloseConstant,
        FindingKind::CloseArgument,
        FindingKind::ReturnArgument,
        FindingKind::Leak,
        FindingKind::BuilderClosed,
        FindingKind::TrackerClosed,
        FindingKind::InvalidGlobal,
        FindingKind::FieldNotTraversed,
        FindingKind::FieldWithoutTraverse,
        FindingKind::RawPointerAfterClose,
        FindingKind::PayloadAfterFree,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FindingKind::UseClosed => "use-closed",
            FindingKind::UseInvalid => "use-invalid",
            FindingKind::DoubleClose => "double-close",
            FindingKind::CloseInvalid => "close-invalid",
            FindingKind::CloseConstant => "close-constant",
            FindingKind::CloseArgument => "close-argument",
            FindingKind::ReturnArgument => "return-argument",
            FindingKind::Leak => "leak",
            FindingKind::BuilderClosed => "builder-closed",
            FindingKind::TrackerClosed => "tracker-closed",
            FindingKind::InvalidGlobal => "invalid-global",
            FindingKind::FieldNotTraversed => "field-not-traversed",
            FindingKind::FieldWithoutTraverse => "field-without-traverse",
            FindingKind::RawPointerAfterClose => "raw-pointer-after-close",
            FindingKind::PayloadAfterFree => "payload-after-free",
        }
    }
}

/// One C source location (from the extension's debug information).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// The C function (the innermost one when inlined).
    pub function: String,
    pub file: String,
    pub line: u32,
}

/// A finding, symbolized.
#[derive(Clone, Debug)]
pub struct Finding {
    pub kind: FindingKind,
    pub message: String,
    /// The extension function running (the module function, or `HPy_mod_exec`...).
    pub extension_function: Option<String>,
    /// The context function that detected it (`HPy_Close`, `HPyLong_AsLong`...).
    pub context_function: Option<String>,
    /// The handle (or builder, tracker, global) value.
    pub value: isize,
    /// The collection number when it was detected.
    pub collection: u64,
    /// Where the handle was created (the first frame in the extension's own sources).
    pub created_at: Option<Location>,
    /// The C stack where it was created, innermost first.
    pub created_stack: Vec<Location>,
    /// Where it was closed, for a closed handle.
    pub closed_at: Option<Location>,
    /// Where it was misused (none for a leak: the leaking function is named).
    pub misused_at: Option<Location>,
    pub misused_stack: Vec<Location>,
    /// The collection number when the handle was created.
    pub created_collection: Option<u64>,
}

/// Return addresses of extension frames, innermost first; or `[TAIL_CALL, f]` or
/// `[FUNCTION_ENTRY, f]` for a place known only by the function `f` it is in.
pub(crate) type Stack = Box<[usize]>;

/// A stack whose extension frames were replaced by a tail call: `[TAIL_CALL, entry of the
/// running function]` (never a return address).
const TAIL_CALL: usize = usize::MAX;
/// The function at `[FUNCTION_ENTRY, entry]`, at its definition line (for what is found
/// after it returned).
const FUNCTION_ENTRY: usize = usize::MAX - 1;
/// `[FAULT, ip, return addresses...]`: a fault at instruction `ip`, then its callers.
const FAULT: usize = usize::MAX - 2;

#[derive(Debug, Clone)]
struct Opened {
    stack: Stack,
    frame: u64,
    function: Option<Arc<str>>,
    collection: u64,
    builder: bool,
    /// Opening order (a leak detector's "generation" is a value of it).
    seq: u64,
    /// The extension call that opened it has returned while it stayed open: a leak if it
    /// is never closed (and not yet reported).
    outlived: bool,
}

#[derive(Debug)]
struct Closed {
    opened: Opened,
    stack: Stack,
}

#[derive(Debug)]
struct Frame {
    id: u64,
    name: Arc<str>,
    args: Vec<isize>,
    opened: Vec<isize>,
    /// The extension function's address (0: unknown).
    entry: usize,
    /// A stack address in the host frame that calls it (0: unknown): frames nearer the
    /// top of the stack than this are the call's own.
    anchor: usize,
}

#[derive(Debug)]
struct RawFinding {
    kind: FindingKind,
    message: String,
    function: Option<Arc<str>>,
    context_function: Option<String>,
    value: isize,
    collection: u64,
    opened: Option<Opened>,
    closed: Option<Stack>,
    misused: Option<Stack>,
}

#[derive(Debug, Clone)]
struct Lib {
    start: usize,
    end: usize,
    base: usize,
    path: PathBuf,
}

/// The checking state, hung on the handle table.
#[derive(Debug, Default)]
pub(crate) struct Checker {
    libs: Vec<Lib>,
    open: HashMap<isize, Opened>,
    closed: HashMap<isize, Closed>,
    closed_order: VecDeque<isize>,
    frames: Vec<Frame>,
    next_frame: u64,
    /// The next [`Opened::seq`].
    next_seq: u64,
    /// The collection number, refreshed at every safepoint.
    pub(crate) collection: u64,
    findings: Vec<RawFinding>,
    trackers: HashSet<isize>,
    symbols: HashMap<usize, Vec<Location>>,
    dwarf: crate::host::symbolize::Symbolizer,
    /// Where each field was stored: (payload struct address, offset) -> the store.
    fields: HashMap<(usize, usize), Opened>,
    /// Fields already reported as not traversed (once each).
    fields_reported: HashSet<(usize, usize)>,
}

impl Checker {
    pub(crate) fn new() -> Checker {
        let mut c = Checker::default();
        c.refresh_libs();
        c
    }

    /// Re-reads the text ranges of the loaded `.hpy0.so` files (after every load).
    pub(crate) fn refresh_libs(&mut self) {
        unsafe extern "C" fn each(
            info: *mut libc::dl_phdr_info,
            _size: usize,
            data: *mut c_void,
        ) -> c_int {
            // SAFETY: `data` is the `Vec<Lib>` passed below; `info` is valid for the call.
            let (libs, info) = unsafe { (&mut *(data as *mut Vec<Lib>), &*info) };
            if info.dlpi_name.is_null() {
                return 0;
            }
            // SAFETY: a NUL-terminated path owned by the dynamic loader.
            let name = unsafe { CStr::from_ptr(info.dlpi_name) }.to_string_lossy();
            if !name.ends_with(".hpy0.so") {
                return 0;
            }
            for i in 0..info.dlpi_phnum as usize {
                // SAFETY: `dlpi_phdr` has `dlpi_phnum` entries.
                let ph = unsafe { &*info.dlpi_phdr.add(i) };
                if ph.p_type == libc::PT_LOAD && ph.p_flags & libc::PF_X != 0 {
                    let start = info.dlpi_addr as usize + ph.p_vaddr as usize;
                    libs.push(Lib {
                        start,
                        end: start + ph.p_memsz as usize,
                        base: info.dlpi_addr as usize,
                        path: PathBuf::from(name.as_ref()),
                    });
                }
            }
            0
        }
        let mut libs: Vec<Lib> = Vec::new();
        // SAFETY: the callback only reads the loader's data and writes `libs`.
        unsafe { libc::dl_iterate_phdr(Some(each), (&mut libs as *mut Vec<Lib>).cast()) };
        self.libs = libs;
    }

    fn in_ext(&self, ip: usize) -> bool {
        self.libs.iter().any(|l| ip >= l.start && ip < l.end)
    }

    /// The extension frames on the native stack now.
    ///
    /// The walk stops at the first frame outside the extensions after the extension's own
    /// frames (the runtime's frames below them cannot hold a C line), or after
    /// [`FRAMES_WALKED`] frames, or [`C_FRAMES_KEPT`] extension frames: every frame
    /// unwound costs an unwind-table lookup, on every handle opened or closed. It also
    /// stops at the running call's anchor: a walk that reaches it without an extension
    /// frame means the call's frames were replaced by a tail call ([`TAIL_CALL`]).
    fn capture(&self) -> Stack {
        if self.libs.is_empty() {
            return Box::new([]);
        }
        let (entry, anchor) = self.frames.last().map_or((0, 0), |f| (f.entry, f.anchor));
        let (mut frames, mut out, mut tail) = (0, Vec::new(), false);
        walk_stack(&mut |ip, cfa| {
            frames += 1;
            if anchor != 0 && cfa > anchor {
                tail = out.is_empty();
                return false;
            }
            if self.in_ext(ip) {
                out.push(ip);
            } else if !out.is_empty() {
                return false;
            }
            frames < FRAMES_WALKED && out.len() < C_FRAMES_KEPT
        });
        if tail && entry != 0 {
            return Box::new([TAIL_CALL, entry]);
        }
        out.into_boxed_slice()
    }

    fn current(&self) -> (u64, Option<Arc<str>>) {
        match self.frames.last() {
            Some(f) => (f.id, Some(f.name.clone())),
            None => (0, None),
        }
    }

    // ------------------------------------------------------------ handle table hooks

    pub(crate) fn on_open(&mut self, h: isize) {
        let (frame, function) = self.current();
        // Only handles opened while extension code runs can be created "at a C line".
        let stack = if frame != 0 {
            self.capture()
        } else {
            Box::new([])
        };
        if let Some(f) = self.frames.last_mut() {
            f.opened.push(h);
        }
        let seq = self.bump_seq();
        self.open.insert(
            h,
            Opened {
                stack,
                frame,
                function,
                collection: self.collection,
                builder: false,
                seq,
                outlived: false,
            },
        );
    }

    pub(crate) fn on_close(&mut self, h: isize) {
        if let Some(opened) = self.open.remove(&h) {
            let stack = if self.frames.is_empty() {
                Box::new([]) as Stack
            } else {
                self.capture()
            };
            if self.closed_order.len() == CLOSED_KEPT {
                if let Some(old) = self.closed_order.pop_front() {
                    self.closed.remove(&old);
                }
            }
            self.closed_order.push_back(h);
            self.closed.insert(h, Closed { opened, stack });
        }
    }

    pub(crate) fn mark_builder(&mut self, h: isize) {
        if let Some(o) = self.open.get_mut(&h) {
            o.builder = true;
        }
    }

    // ------------------------------------------------------------ frames

    /// A call into extension function `name` with the given argument handles begins.
    pub(crate) fn push_frame(&mut self, name: &str, args: &[isize]) -> u64 {
        self.push_frame_at(name, args, 0, 0)
    }

    /// [`Self::push_frame`] for the C function at `entry`, called from the host frame that
    /// holds the stack address `anchor` (the address of one of its locals).
    pub(crate) fn push_frame_at(
        &mut self,
        name: &str,
        args: &[isize],
        entry: usize,
        anchor: usize,
    ) -> u64 {
        self.next_frame += 1;
        let id = self.next_frame;
        self.frames.push(Frame {
            id,
            name: name.into(),
            args: args.iter().copied().filter(|h| *h != 0).collect(),
            opened: Vec::new(),
            entry,
            anchor,
        });
        id
    }

    /// The call `id` returned `result`: reports a returned argument (true if so: the
    /// caller must duplicate it) and the handles it leaked.
    pub(crate) fn pop_frame(&mut self, id: u64, result: isize) -> bool {
        let Some(pos) = self.frames.iter().rposition(|f| f.id == id) else {
            return false;
        };
        let frame = self.frames.remove(pos);
        let returned_arg = result != 0 && frame.args.contains(&result);
        if returned_arg {
            let opened = self.open.get(&result).cloned();
            self.findings.push(RawFinding {
                kind: FindingKind::ReturnArgument,
                message: format!(
                    "{} returned its argument handle {result:#x} without HPy_Dup (the caller owns argument handles; the result must be a new handle)",
                    frame.name
                ),
                function: Some(frame.name.clone()),
                context_function: None,
                value: result,
                collection: self.collection,
                opened,
                closed: None,
                // The return itself leaves no trace: the function is named.
                misused: (frame.entry != 0)
                    .then(|| Box::new([FUNCTION_ENTRY, frame.entry]) as Stack),
            });
        }
        // Handles opened by this call and still open outlive it: legal (a C static may
        // keep one until a later call closes it, as HPy's own tests do), but a leak if
        // never closed. They are reported by `report_leaks` (the end of the run) or
        // taken by a leak detector, whichever comes first, as HPy's debug mode does.
        for h in frame.opened {
            if h == result {
                continue;
            }
            if let Some(o) = self.open.get_mut(&h) {
                if o.frame == id {
                    o.outlived = true;
                }
            }
        }
        returned_arg
    }

    fn bump_seq(&mut self) -> u64 {
        self.next_seq += 1;
        self.next_seq
    }

    /// The value a leak detector starts from: handles opened after it are its own.
    pub(crate) fn generation(&self) -> u64 {
        self.next_seq + 1
    }

    /// The handles opened at or after `generation` that outlived their extension call and
    /// are still open and unreported, in opening order; they are marked reported.
    fn take_outlived(&mut self, generation: u64) -> Vec<(isize, Opened)> {
        let mut taken: Vec<(isize, Opened)> = Vec::new();
        for (h, o) in self.open.iter_mut() {
            if o.outlived && o.seq >= generation {
                o.outlived = false;
                taken.push((*h, o.clone()));
            }
        }
        taken.sort_by_key(|(_, o)| o.seq);
        taken
    }

    /// Takes the handles opened at or after `generation` by extension calls that have
    /// returned, still open and not yet reported, in opening order: `(value, the C stack
    /// where it was created as text lines, extension function)`. Taken leaks are not
    /// reported again at the end of the run (`hpy.debug.LeakDetector` raises for them).
    pub(crate) fn take_leaks(
        &mut self,
        generation: u64,
    ) -> Vec<(isize, Vec<String>, Option<String>)> {
        self.take_outlived(generation)
            .into_iter()
            .map(|(h, o)| {
                let mut lines: Vec<String> = self
                    .locations(&o.stack, None)
                    .iter()
                    .map(|l| format!("{}:{} (in {})", l.file, l.line, l.function))
                    .collect();
                // The library of each frame, as the C backtrace of HPy's debug mode shows.
                for ip in o.stack.iter() {
                    if let Some(lib) = self.libs.iter().find(|l| *ip >= l.start && *ip < l.end) {
                        lines.push(format!("{}(+{:#x})", lib.path.display(), ip - lib.base));
                    }
                }
                (h, lines, o.function.map(|f| f.to_string()))
            })
            .collect()
    }

    /// Reports every handle that outlived the extension call that opened it and is still
    /// open, in opening order (each once): called when the run ends.
    pub(crate) fn report_leaks(&mut self) {
        for (h, o) in self.take_outlived(0) {
            let what = if o.builder { "builder" } else { "handle" };
            let name = o
                .function
                .as_deref()
                .unwrap_or("an extension function")
                .to_string();
            self.findings.push(RawFinding {
                kind: FindingKind::Leak,
                message: format!(
                    "{what} {h:#x} opened during {name} was never closed (leaked: still open when the run ended)"
                ),
                function: o.function.clone(),
                context_function: None,
                value: h,
                collection: self.collection,
                opened: Some(o),
                closed: None,
                misused: None,
            });
        }
    }

    /// Whether `h` is an argument handle of a running extension call.
    pub(crate) fn is_argument(&self, h: isize) -> bool {
        self.frames.iter().any(|f| f.args.contains(&h))
    }

    // ------------------------------------------------------------ findings

    fn push(
        &mut self,
        kind: FindingKind,
        message: String,
        context_function: Option<String>,
        value: isize,
        opened: Option<Opened>,
        closed: Option<Stack>,
    ) {
        let misused = Some(self.capture());
        let (_, function) = self.current();
        self.findings.push(RawFinding {
            kind,
            message,
            function,
            context_function,
            value,
            collection: self.collection,
            opened,
            closed,
            misused,
        });
    }

    /// `func` was given `h`, which resolves to nothing.
    pub(crate) fn bad_use(&mut self, h: isize, func: &str) {
        match self.closed.get(&h) {
            Some(c) => {
                let (o, s) = (c.opened.clone(), c.stack.clone());
                let what = if o.builder { "builder" } else { "handle" };
                self.push(
                    if o.builder {
                        FindingKind::BuilderClosed
                    } else {
                        FindingKind::UseClosed
                    },
                    format!("{func}: {what} {h:#x} was used after it was closed"),
                    Some(func.to_string()),
                    h,
                    Some(o),
                    Some(s),
                );
            }
            None => self.push(
                FindingKind::UseInvalid,
                format!("{func}: {h:#x} is not a handle (never opened, or closed long ago)"),
                Some(func.to_string()),
                h,
                None,
                None,
            ),
        }
    }

    /// `HPy_Close` (or a builder's `Cancel`) of a value that is not open.
    pub(crate) fn bad_close(&mut self, h: isize, func: &str) {
        match self.closed.get(&h) {
            Some(c) => {
                let (o, s) = (c.opened.clone(), c.stack.clone());
                let (kind, what) = if o.builder {
                    (FindingKind::BuilderClosed, "builder")
                } else {
                    (FindingKind::DoubleClose, "handle")
                };
                self.push(
                    kind,
                    format!("{func}: {what} {h:#x} closed twice"),
                    Some(func.to_string()),
                    h,
                    Some(o),
                    Some(s),
                );
            }
            None => self.push(
                FindingKind::CloseInvalid,
                format!("{func}: {h:#x} is not a handle (never opened, or closed long ago)"),
                Some(func.to_string()),
                h,
                None,
                None,
            ),
        }
    }

    pub(crate) fn close_constant(&mut self, h: isize, name: &str) {
        self.push(
            FindingKind::CloseConstant,
            format!("HPy_Close: {h:#x} is the context constant ctx->h_{name}, which must never be closed (HPy_Dup it first to own a handle)"),
            Some("HPy_Close".to_string()),
            h,
            None,
            None,
        );
    }

    pub(crate) fn close_argument(&mut self, h: isize) {
        let opened = self.open.get(&h).cloned();
        self.push(
            FindingKind::CloseArgument,
            format!("HPy_Close: {h:#x} is an argument handle, owned by the caller (not closed)"),
            Some("HPy_Close".to_string()),
            h,
            opened,
            None,
        );
    }

    pub(crate) fn tracker_new(&mut self, t: isize) {
        self.trackers.insert(t);
    }

    /// Whether `t` is a live tracker; if not, reports it.
    pub(crate) fn tracker_check(&mut self, t: isize, func: &str) -> bool {
        if self.trackers.contains(&t) {
            return true;
        }
        self.push(
            FindingKind::TrackerClosed,
            format!("{func}: {t:#x} is not a live tracker (used after HPyTracker_Close, or never created)"),
            Some(func.to_string()),
            t,
            None,
            None,
        );
        false
    }

    pub(crate) fn tracker_closed(&mut self, t: isize) {
        self.trackers.remove(&t);
    }

    pub(crate) fn bad_global(&mut self, g: isize, func: &str) {
        self.push(
            FindingKind::InvalidGlobal,
            format!("{func}: {g:#x} is not an HPyGlobal this runtime issued (never stored, or not a global)"),
            Some(func.to_string()),
            g,
            None,
            None,
        );
    }

    // ------------------------------------------------------------ fields

    /// `HPyField_Store` into the field at `offset` of the payload struct at `data`.
    pub(crate) fn on_field_store(&mut self, data: usize, offset: usize) {
        let (frame, function) = self.current();
        let stack = self.capture();
        self.fields.insert(
            (data, offset),
            Opened {
                stack,
                frame,
                function,
                collection: self.collection,
                builder: false,
                seq: 0,
                outlived: false,
            },
        );
    }

    /// `HPyField_Store` into an object of type `type_name`, which has no `tp_traverse`.
    pub(crate) fn field_without_traverse(&mut self, type_name: &str, place: &str) {
        self.push(
            FindingKind::FieldWithoutTraverse,
            format!(
                "HPyField_Store: type '{type_name}' has no tp_traverse, so the collector cannot \
                 update the HPyField {place} when its target moves (hpymove --debug updates it \
                 itself so that the run goes on); give the type a tp_traverse that visits \
                 every HPyField"
            ),
            Some("HPyField_Store".into()),
            0,
            None,
            None,
        );
    }

    /// A collection found the stored field at `offset` of `data` (an object of type
    /// `type_name`) not visited by the type's `tp_traverse`. Reported once per field.
    pub(crate) fn field_not_traversed(&mut self, data: usize, offset: usize, type_name: &str) {
        if !self.fields_reported.insert((data, offset)) {
            return;
        }
        let stored = self.fields.get(&(data, offset)).cloned();
        // Called during a collection: its number is one more than the last finished one.
        let collection = self.collection + 1;
        self.findings.push(RawFinding {
            kind: FindingKind::FieldNotTraversed,
            message: format!(
                "the HPyField at payload offset {offset} of a '{type_name}' object was not \
                 visited by the type's tp_traverse during collection {collection}: its target \
                 moved and the field would have kept a stale address (hpymove --debug updated \
                 it itself so that the run goes on)"
            ),
            function: stored.as_ref().and_then(|o| o.function.clone()),
            context_function: Some("tp_traverse".into()),
            value: 0,
            collection,
            opened: stored,
            closed: None,
            misused: None,
        });
    }

    /// The payload struct at `data` was freed: its fields are gone.
    pub(crate) fn forget_fields(&mut self, data: usize, offsets: impl Iterator<Item = usize>) {
        for off in offsets {
            self.fields.remove(&(data, off));
            self.fields_reported.remove(&(data, off));
        }
    }

    // ------------------------------------------------------------ faults

    /// The C stack of a fault at instruction `ip` (`native`: the native stack walked from
    /// the signal handler): the faulting frame first (symbolized at `ip` itself, not as a
    /// return address), then its callers.
    pub(crate) fn fault_stack(&self, ip: usize, native: &[usize]) -> Stack {
        let mut st = Vec::new();
        if self.in_ext(ip) {
            st.extend([FAULT, ip]);
        }
        st.extend(
            native
                .iter()
                .copied()
                .filter(|a| *a != ip && self.in_ext(*a)),
        );
        st.truncate(C_FRAMES_KEPT);
        st.into_boxed_slice()
    }

    /// A fault at `addr` (instruction `ip`) in a quarantined block released with `origin`.
    pub(crate) fn stale_pointer(
        &mut self,
        addr: usize,
        ip: usize,
        native: &[usize],
        origin: Option<crate::host::guarded::Origin>,
    ) {
        use crate::host::guarded::Origin;
        let misused = Some(self.fault_stack(ip, native));
        let (_, running) = self.current();
        let f = match origin {
            Some(Origin::RawPointer {
                func,
                handle,
                function,
                obtained,
                closed,
                collection,
            }) => RawFinding {
                kind: FindingKind::RawPointerAfterClose,
                message: format!(
                    "memory at {addr:#x} was read or written after the handle {handle:#x} it \
                     came through was closed: the pointer from {func} is valid only while that \
                     handle is open (hpymove --debug made the memory inaccessible at the close)"
                ),
                function: running.or(function.clone()),
                context_function: Some(func.to_string()),
                value: handle,
                collection: self.collection,
                opened: Some(Opened {
                    stack: obtained,
                    frame: 0,
                    function,
                    collection,
                    builder: false,
                    seq: 0,
                    outlived: false,
                }),
                closed: Some(closed),
                misused,
            },
            Some(Origin::Payload {
                type_name,
                created,
                destroyed,
            }) => RawFinding {
                kind: FindingKind::PayloadAfterFree,
                message: format!(
                    "memory at {addr:#x} is in the payload of a '{type_name}' object that died \
                     and was destroyed by collection {destroyed}: an HPy_AsStruct pointer is \
                     valid only while a handle to its object is open"
                ),
                function: running,
                context_function: None,
                value: 0,
                collection: self.collection,
                opened: (!created.0.is_empty()).then_some(Opened {
                    stack: created.0,
                    frame: 0,
                    function: None,
                    collection: created.1,
                    builder: false,
                    seq: 0,
                    outlived: false,
                }),
                closed: None,
                misused,
            },
            None => RawFinding {
                kind: FindingKind::RawPointerAfterClose,
                message: format!("memory at {addr:#x} was used after it was released"),
                function: running,
                context_function: None,
                value: 0,
                collection: self.collection,
                opened: None,
                closed: None,
                misused,
            },
        };
        self.findings.push(f);
    }

    /// The C stack here, for records made outside this module.
    pub(crate) fn stack_here(&self) -> Stack {
        self.capture()
    }

    /// The extension function running, for records made outside this module.
    pub(crate) fn running(&self) -> Option<Arc<str>> {
        self.current().1
    }

    pub(crate) fn has_findings(&self) -> bool {
        !self.findings.is_empty()
    }

    // ------------------------------------------------------------ symbolization

    fn lib_of(&self, addr: usize) -> Option<(PathBuf, u64)> {
        let lib = self.libs.iter().find(|l| addr >= l.start && addr < l.end)?;
        Some((lib.path.clone(), (addr - lib.base) as u64))
    }

    /// The source locations of a return address (inlined frames innermost first).
    fn symbolize(&mut self, ip: usize) -> Vec<Location> {
        if let Some(s) = self.symbols.get(&ip) {
            return s.clone();
        }
        let locs = match self.lib_of(ip) {
            // The return address follows the call: look up the call instruction.
            Some((path, addr)) => self.dwarf.frames(&path, addr - 1),
            None => Vec::new(),
        };
        self.symbols.insert(ip, locs.clone());
        locs
    }

    /// The locations of `stack`, innermost first; `context_function` (the context call
    /// that was running, if known) picks the call among a function's tail calls.
    fn locations(&mut self, stack: &[usize], context_function: Option<&str>) -> Vec<Location> {
        match *stack {
            [TAIL_CALL, entry] => self.tail_call(entry, context_function),
            [FUNCTION_ENTRY, entry] => self.function_entry(entry).into_iter().collect(),
            [FAULT, ip, ref callers @ ..] => {
                let mut out = match self.lib_of(ip) {
                    Some((path, addr)) => self.dwarf.fault_frames(&path, addr),
                    None => Vec::new(),
                };
                out.extend(callers.iter().flat_map(|ip| self.symbolize(*ip)));
                out
            }
            _ => stack.iter().flat_map(|ip| self.symbolize(*ip)).collect(),
        }
    }

    fn function_entry(&mut self, entry: usize) -> Option<Location> {
        let (path, addr) = self.lib_of(entry)?;
        self.dwarf.function_at(&path, addr)
    }

    /// The tail call of the function at `entry` that was running: the one through the
    /// context function's wrapper (the inline function of the same name in hpy's
    /// headers), or the only one; else the function itself.
    fn tail_call(&mut self, entry: usize, context_function: Option<&str>) -> Vec<Location> {
        let Some((path, addr)) = self.lib_of(entry) else {
            return Vec::new();
        };
        let sites = self.dwarf.tail_calls(&path, addr);
        let by_name = context_function.and_then(|name| {
            let mut it = sites
                .iter()
                .filter(|site| site.iter().any(|l| l.function == name));
            let first = it.next()?;
            // Two calls of the same wrapper in tail position cannot be told apart.
            it.next().is_none().then_some(first)
        });
        match by_name.or(if sites.len() == 1 {
            sites.first()
        } else {
            None
        }) {
            Some(site) => site.clone(),
            None => self.function_entry(entry).into_iter().collect(),
        }
    }

    /// The findings so far, symbolized.
    pub(crate) fn findings(&mut self) -> Vec<Finding> {
        let raw = std::mem::take(&mut self.findings);
        let out = raw
            .iter()
            .map(|f| {
                let created_stack = f
                    .opened
                    .as_ref()
                    .map(|o| self.locations(&o.stack, None))
                    .unwrap_or_default();
                let closed_stack = f
                    .closed
                    .as_ref()
                    .map(|s| self.locations(s, Some("HPy_Close")))
                    .unwrap_or_default();
                let misused_stack = f
                    .misused
                    .as_ref()
                    .map(|s| self.locations(s, f.context_function.as_deref()))
                    .unwrap_or_default();
                Finding {
                    kind: f.kind,
                    message: f.message.clone(),
                    extension_function: f
                        .function
                        .as_deref()
                        .or(f.opened.as_ref().and_then(|o| o.function.as_deref()))
                        .map(str::to_string),
                    context_function: f.context_function.clone(),
                    value: f.value,
                    collection: f.collection,
                    created_at: own_source(&created_stack),
                    closed_at: own_source(&closed_stack),
                    misused_at: own_source(&misused_stack),
                    created_stack,
                    misused_stack,
                    created_collection: f.opened.as_ref().map(|o| o.collection),
                }
            })
            .collect();
        self.findings = raw;
        out
    }

    /// The C location of the extension code calling the runtime now, for fatal errors.
    pub(crate) fn location_here(&mut self, context_function: &str) -> Option<Location> {
        let stack = self.capture();
        own_source(&self.locations(&stack, Some(context_function)))
    }
}

/// The first location in the extension's own sources: not in one of hpy's headers (the
/// context call wrappers are inline functions there) nor in its helper sources.
fn own_source(stack: &[Location]) -> Option<Location> {
    stack
        .iter()
        .find(|l| !crate::host::symbolize::is_hpy_source(&l.file))
        .or(stack.first())
        .cloned()
}

// ---------------------------------------------------------------- reports

fn loc_text(l: &Location) -> String {
    format!("{}:{} (in {})", l.file, l.line, l.function)
}

/// The findings as text, for stderr.
pub fn report_text(findings: &[Finding]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "hpymove --debug: {} problem(s) found in extension code",
        findings.len()
    );
    for (i, f) in findings.iter().enumerate() {
        let _ = writeln!(s, "\n[{}] {}: {}", i + 1, f.kind.name(), f.message);
        if let Some(func) = &f.extension_function {
            let _ = writeln!(s, "    in extension function: {func}");
        }
        let _ = writeln!(s, "    collection: {}", f.collection);
        if let Some(l) = &f.misused_at {
            let what = match f.kind {
                FindingKind::ReturnArgument => "function defined at",
                _ => "misused at",
            };
            let _ = writeln!(s, "    {what}: {}", loc_text(l));
        }
        if let Some(l) = &f.created_at {
            let what = match f.kind {
                FindingKind::FieldNotTraversed => "stored at",
                FindingKind::RawPointerAfterClose => "pointer obtained at",
                _ => "created at",
            };
            let _ = writeln!(
                s,
                "    {what}: {}{}",
                loc_text(l),
                f.created_collection
                    .map(|c| format!(", collection {c}"))
                    .unwrap_or_default()
            );
        }
        if let Some(l) = &f.closed_at {
            let _ = writeln!(s, "    closed at: {}", loc_text(l));
        }
        if f.kind == FindingKind::Leak && !f.created_stack.is_empty() {
            let _ = writeln!(s, "    C stack where it was opened:");
            for l in &f.created_stack {
                let _ = writeln!(s, "      {}", loc_text(l));
            }
        }
    }
    s
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn json_opt_str(s: &Option<String>) -> String {
    s.as_deref().map(json_str).unwrap_or_else(|| "null".into())
}

fn json_loc(l: &Location) -> String {
    format!(
        "{{\"file\":{},\"line\":{},\"function\":{}}}",
        json_str(&l.file),
        l.line,
        json_str(&l.function)
    )
}

fn json_opt_loc(l: &Option<Location>) -> String {
    l.as_ref().map(json_loc).unwrap_or_else(|| "null".into())
}

fn json_stack(s: &[Location]) -> String {
    let items: Vec<String> = s.iter().map(json_loc).collect();
    format!("[{}]", items.join(","))
}

/// The findings as one JSON document (schema: `docs/debug-report.md`).
pub fn report_json(findings: &[Finding]) -> String {
    let items: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{{\"kind\":{},\"message\":{},\"extension_function\":{},\"context_function\":{},\"value\":{},\"collection\":{},\"created_collection\":{},\"created_at\":{},\"created_stack\":{},\"closed_at\":{},\"misused_at\":{},\"misused_stack\":{}}}",
                json_str(f.kind.name()),
                json_str(&f.message),
                json_opt_str(&f.extension_function),
                json_opt_str(&f.context_function),
                json_str(&format!("{:#x}", f.value)),
                f.collection,
                f.created_collection
                    .map(|c| c.to_string())
                    .unwrap_or_else(|| "null".into()),
                json_opt_loc(&f.created_at),
                json_stack(&f.created_stack),
                json_opt_loc(&f.closed_at),
                json_opt_loc(&f.misused_at),
                json_stack(&f.misused_stack),
            )
        })
        .collect();
    format!(
        "{{\"hpymove_debug_report\":1,\"exit_status\":{EXIT_STATUS},\"findings\":[{}]}}\n",
        items.join(",\n")
    )
}
