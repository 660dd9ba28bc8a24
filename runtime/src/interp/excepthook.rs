//! `sys.excepthook` and `sys.__excepthook__`: the report of an exception left uncaught
//! at the top level goes through whatever `sys.excepthook` is when the program ends, as
//! in CPython (SystemExit apart). The default prints the usual report on stderr. A hook
//! that raises gets CPython's "Error in sys.excepthook:" report followed by the
//! original exception's; a deleted hook, "sys.excepthook is missing" and the report.
//! hpymove has no traceback objects: a hook receives the exception's `__traceback__`,
//! None when it has none.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{type_of, types};
use crate::state::State;

impl State {
    /// Reports uncaught exception `e` through `sys.excepthook`.
    pub(crate) fn report_uncaught(&mut self, e: RawRef) {
        let _ = std::io::Write::flush(&mut std::io::stdout());
        let sys = self.roots.sys_module;
        let hook = if sys.is_null() {
            None
        } else {
            self.lookup_attr(sys, "excepthook")
        };
        let ei = self.push(e);
        match hook {
            None => {
                if !sys.is_null() {
                    eprintln!("sys.excepthook is missing");
                }
                eprint!("{}", self.format_exception(self.at(ei)));
            }
            Some(h) => {
                self.push(h);
                let tb = self
                    .lookup_attr(self.at(ei), "__traceback__")
                    .unwrap_or(self.b.none);
                let t = type_of(self.obj(self.at(ei))).raw();
                let r = self.call(self.at(ei + 1), &[t, self.at(ei), tb], &[]);
                let _ = std::io::Write::flush(&mut std::io::stdout());
                if r.is_err() {
                    self.settle();
                    let he = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
                    if !he.is_null() {
                        let hi = self.push(he);
                        let hook_report = self.format_exception(self.at(hi));
                        let report = self.format_exception(self.at(ei));
                        eprint!(
                            "Error in sys.excepthook:\n{hook_report}\nOriginal exception was:\n{report}"
                        );
                    }
                }
            }
        }
        self.truncate(ei);
    }
}

/// `sys.excepthook(type, value, traceback)` as CPython starts with (also
/// `sys.__excepthook__`): prints the report of `value` on stderr.
pub(super) fn sys_excepthook(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    super::natives::no_kwargs(st, args, "excepthook")?;
    if args.len() != 3 {
        return Err(st.raise(
            "TypeError",
            format!("excepthook expected 3 arguments, got {}", args.len()),
        ));
    }
    let v = args.get(st, 1);
    let base = st.b.base_exception;
    let _ = std::io::Write::flush(&mut std::io::stdout());
    if !types::is_subtype(type_of(st.obj(v)), st.obj(base)) {
        // Printed, not raised (CPython's display reports its own error).
        let t = st.type_name(v);
        eprintln!("TypeError: print_exception(): Exception expected for value, {t} found");
        return Ok(st.b.none);
    }
    let report = st.format_exception(args.get(st, 1));
    eprint!("{report}");
    Ok(st.b.none)
}
