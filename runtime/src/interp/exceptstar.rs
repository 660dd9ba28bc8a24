//! `try`/`except*` (PEP 654) and the builtins `BaseExceptionGroup`/`ExceptionGroup`.
//! The evaluator runs the clauses; which part of the group each clause gets, and what the
//! statement raises afterwards, are decided by the `_exceptiongroup` module (written in
//! Python: its rules are about splitting groups, not about the evaluator).

use gc::RawRef;

use crate::error::{PyResult, Raised};
use crate::state::State;
use crate::value_stack::Rooted;

use super::eval::Flow;

/// The builtins written in Python, installed on their first use.
const LAZY_BUILTINS: [&str; 2] = ["BaseExceptionGroup", "ExceptionGroup"];

impl State {
    /// A builtin that is made on first use (`ExceptionGroup`): installs it in `builtins`
    /// and returns it; None for any other name.
    pub(crate) fn lazy_builtin(&mut self, name: &str) -> PyResult<Option<RawRef>> {
        if !LAZY_BUILTINS.contains(&name) {
            return Ok(None);
        }
        let m = self.import_module("_exceptiongroup")?;
        let mi = self.push(m);
        let r = (|| {
            for n in LAZY_BUILTINS {
                let v = self.getattr_at(Rooted::slot(mi), n)?;
                self.setattr(self.b.builtins_module, n, v)?;
            }
            self.getattr_at(Rooted::slot(mi), name)
        })();
        self.truncate(mi);
        r.map(Some)
    }

    /// Runs the `except*` clauses of `t` for the pending exception: each clause whose
    /// type matches part of it runs with that part (a group) as the exception being
    /// handled; what no clause handled, and what the clauses raised, is raised again.
    pub(crate) fn handle_star(&mut self, t: &super::ast::Try) -> PyResult<Flow> {
        let exc = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let ei = self.push(exc);
        let r = self.handle_star_clauses(t, ei);
        self.truncate(ei);
        r
    }

    fn handle_star_clauses(&mut self, t: &super::ast::Try, ei: usize) -> PyResult<Flow> {
        self.lazy_builtin("ExceptionGroup")?;
        let m = self.import_module("_exceptiongroup")?;
        let start = self.getattr(m, "star_start")?;
        let state = self.call(start, &[self.at(ei)], &[])?;
        let si = self.push(state);
        for h in &t.handlers {
            let Some(class) = &h.class else {
                // The parser refuses a bare `except*:`.
                continue;
            };
            let cls = self.eval(class)?;
            let ci = self.push(cls);
            let matched = self.call_method_named(self.at(si), "match", &[self.at(ci)])?;
            self.truncate(ci);
            if matched == self.b.none {
                continue;
            }
            let mi = self.push(matched);
            self.set_line(h.span.line);
            // The matched part is the exception being handled while the clause runs.
            self.roots.handling.push(matched);
            let stored = match &h.name {
                Some(n) => self.store_name(n, matched),
                None => Ok(()),
            };
            let r = stored.and_then(|()| self.exec_block(&h.body));
            let handled = self.roots.handling.pop().expect("pushed above");
            let raised = match r {
                Ok(_) => {
                    self.interp.tb_mark = None;
                    self.b.none
                }
                Err(Raised) => {
                    self.chain_context(handled);
                    std::mem::replace(&mut self.roots.exc, RawRef::NULL)
                }
            };
            if let Some(n) = &h.name {
                let _ = self.delete_name(n, false);
            }
            if raised.is_null() {
                // A failed allocation: nothing to record, report it.
                return Err(Raised);
            }
            self.call_method_named(self.at(si), "handled", &[raised])?;
            self.truncate(mi);
        }
        let outcome = self.call_method_named(self.at(si), "finish", &[])?;
        if outcome == self.b.none {
            return Ok(Flow::Normal);
        }
        self.roots.exc = outcome;
        Err(Raised)
    }

    /// `obj.name(*args)`.
    fn call_method_named(&mut self, obj: RawRef, name: &str, args: &[RawRef]) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        for a in args {
            self.push(*a);
        }
        let r = (|| {
            let f = self.getattr(obj, name)?;
            let args: Vec<RawRef> = self.roots.stack[mark..].to_vec();
            self.call(f, &args, &[])
        })();
        self.truncate(mark);
        r
    }
}
