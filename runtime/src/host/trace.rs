//! Trace mode (`HPY=trace`, as hpy.universal's): every call an extension makes through its
//! context is counted and timed per context member, and Python functions may be called
//! with the member's name (`"ctx_Add"`) on entry and exit. `hpy.trace` reads the counters
//! through `_hpymove` (`get_call_counts`, `get_durations`, `set_trace_functions`).
//!
//! The context's function members are then the wrappers of `context/traced.rs` (generated
//! by `scripts/gen_context.py`), each around its member's implementation, as hpy.universal
//! gives extensions a trace context around its own. Off (the default) the context holds
//! the implementations themselves, so tracing costs nothing, not even a branch.
//!
//! The functions run with no exception set (the interrupted one is kept) and never
//! recursively (context calls made by a trace function are counted, not traced again);
//! one that raises is a fatal error, as in hpy.universal.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL};

use crate::host::context::traced;
use crate::objects::str as pystr;
use crate::state::State;

/// The counters and trace functions, present when trace mode is on.
#[derive(Debug)]
pub(crate) struct Trace {
    counts: Vec<u64>,
    durations: Vec<Duration>,
    /// Handles of the trace functions (`HPy_NULL`: none).
    on_enter: HPy,
    on_exit: HPy,
    /// A trace function is running.
    in_function: bool,
}

/// Which trace function.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hook {
    Enter,
    Exit,
}

impl Trace {
    fn new() -> Trace {
        Trace {
            counts: vec![0; traced::NAMES.len()],
            durations: vec![Duration::ZERO; traced::NAMES.len()],
            on_enter: HPy_NULL,
            on_exit: HPy_NULL,
            in_function: false,
        }
    }
}

/// Is trace mode asked for (`HPY=trace`, hpy.universal's switch)?
pub(crate) fn requested() -> bool {
    std::env::var("HPY").is_ok_and(|v| v == "trace")
}

impl State {
    /// Turns trace mode on: the context's function members become the counting wrappers.
    pub(crate) fn start_tracing(&mut self) {
        if self.trace.is_none() {
            self.trace = Some(Box::new(Trace::new()));
            traced::install(&mut self.ctx);
        }
    }

    /// `(member name, calls, total duration)` for every function member; zeros when trace
    /// mode is off.
    pub(crate) fn trace_counters(&self) -> Vec<(&'static str, u64, Duration)> {
        traced::NAMES
            .iter()
            .enumerate()
            .map(|(i, name)| match self.trace.as_deref() {
                Some(t) => (*name, t.counts[i], t.durations[i]),
                None => (*name, 0, Duration::ZERO),
            })
            .collect()
    }

    /// Sets (a callable) or clears (null) a trace function. Off, there is nothing to call
    /// it from: ignored.
    pub(crate) fn set_trace_function(&mut self, hook: Hook, f: RawRef) {
        let h = if f.is_null() {
            HPy_NULL
        } else {
            self.roots.handles.open(f)
        };
        let Some(t) = self.trace.as_deref_mut() else {
            if h._i != 0 {
                let _ = self.roots.handles.close(h);
            }
            return;
        };
        let slot = match hook {
            Hook::Enter => &mut t.on_enter,
            Hook::Exit => &mut t.on_exit,
        };
        let old = std::mem::replace(slot, h);
        if old._i != 0 {
            let _ = self.roots.handles.close(old);
        }
    }

    /// Calls trace function `f` with member `i`'s name.
    fn call_trace_function(&mut self, f: HPy, i: usize, what: &str) {
        if let Some(t) = self.trace.as_deref_mut() {
            t.in_function = true;
        }
        let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let saved_h = (!saved.is_null()).then(|| self.roots.handles.open(saved));
        let r = catch_unwind(AssertUnwindSafe(|| -> Result<(), ()> {
            let name = pystr::new(&self.alloc(), traced::NAMES[i])
                .map_err(|_| ())?
                .raw();
            let ni = self.push(name);
            let f = self.roots.handles.get(f).ok_or(())?;
            let name = self.at(ni);
            let r = self.call(f, &[name], &[]);
            self.truncate(ni);
            r.map(|_| ()).map_err(|_| ())
        }));
        if !matches!(r, Ok(Ok(()))) {
            crate::host::fatal::fatal(&format!("error when executing {what} trace function"));
        }
        if let Some(sh) = saved_h {
            self.roots.exc = self.roots.handles.get(sh).expect("kept open");
            let _ = self.roots.handles.close(sh);
        }
        if let Some(t) = self.trace.as_deref_mut() {
            t.in_function = false;
        }
    }
}

/// Before a traced call of member `i`: counts it, calls the on-enter function, and
/// returns the start of the call's own time.
pub(crate) fn on_enter(ctx: *mut HPyContext, i: usize) -> Instant {
    // SAFETY: the wrappers are only in our context, whose `_private` is the state.
    let st = unsafe { State::from_ctx(ctx) };
    if let Some(t) = st.trace.as_deref_mut() {
        t.counts[i] += 1;
        let f = t.on_enter;
        if f._i != 0 && !t.in_function {
            st.call_trace_function(f, i, "on-enter");
        }
    }
    Instant::now()
}

/// After a traced call of member `i` that started at `start`.
pub(crate) fn on_exit(ctx: *mut HPyContext, i: usize, start: Instant) {
    let spent = start.elapsed();
    // SAFETY: as in `on_enter`.
    let st = unsafe { State::from_ctx(ctx) };
    if let Some(t) = st.trace.as_deref_mut() {
        t.durations[i] += spent;
        let f = t.on_exit;
        if f._i != 0 && !t.in_function {
            st.call_trace_function(f, i, "on-exit");
        }
    }
}
