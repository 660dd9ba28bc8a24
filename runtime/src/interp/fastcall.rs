//! The fast path of a call to a Python function whose code is `plain_positional` (only
//! positional parameters, no cellvars, not a generator) with exactly as many positional
//! arguments as it has parameters: the frame is `[globals, return, args…, unbound locals…,
//! closure cells…]`, with the arguments already where the caller pushed them. Nothing is
//! left to bind (no keywords, no defaults, no cells to make), so the general binding of
//! `call_pyfunction` is skipped; everything else (recursion limit, traceback, return) is
//! `run_function_frame`'s, as for any call.

use std::rc::Rc;

use gc::RawRef;

use super::ast::Code;
use crate::error::PyResult;
use crate::objects::{pyfunc, tuple};
use crate::state::State;

impl State {
    /// When `f` (current) is a Python function with `nargs` plain positional parameters:
    /// pushes its frame's head (`[globals, return]`) and gives its code; the caller pushes
    /// the `nargs` arguments next, then calls [`State::run_plain_frame`]. `None` (nothing
    /// pushed) for any other callable or count.
    #[inline(always)]
    pub(crate) fn plain_frame_head(&mut self, f: RawRef, nargs: usize) -> Option<Rc<Code>> {
        let fo = self.obj(f);
        if fo.kind() != self.b.kinds.pyfunction {
            return None;
        }
        let code = pyfunc::code(fo);
        if !code.plain_positional || code.params.positional.len() != nargs {
            return None;
        }
        let globals = fo.get_ref(pyfunc::W_GLOBALS).expect("globals").raw();
        self.push(globals);
        self.push(RawRef::NULL);
        Some(code)
    }

    /// Runs the frame whose head [`State::plain_frame_head`] pushed at `base`, its
    /// arguments on the stack above it; `f` is the function, current. The caller drops the
    /// frame's slots.
    #[inline]
    pub(crate) fn run_plain_frame(
        &mut self,
        f: RawRef,
        code: Rc<Code>,
        base: usize,
    ) -> PyResult<RawRef> {
        debug_assert_eq!(
            self.roots.stack.len(),
            base + 2 + code.params.positional.len(),
            "the head and the arguments are pushed"
        );
        // The other locals start unbound.
        (self.roots.stack).resize(base + 2 + code.fast_names.len(), RawRef::NULL);
        // Freevars: the closure's cells (a plain code has no cellvars to make).
        let nfree = code.cell_names.len();
        if nfree > 0 {
            let clo = (self.obj(f).get_ref(pyfunc::W_CLOSURE))
                .expect("closure")
                .raw();
            for i in 0..nfree {
                let c = tuple::get(self.obj(clo), i).raw();
                self.push(c);
            }
        }
        self.run_function_frame(code, base)
    }

    /// `call_pyfunction`'s fast path for arguments passed as a slice (calls from natives
    /// and the host): `None` when the call is not a plain one.
    #[inline]
    pub(crate) fn call_plain(&mut self, f: RawRef, args: &[RawRef]) -> Option<PyResult<RawRef>> {
        let base = self.roots.stack.len();
        let code = self.plain_frame_head(f, args.len())?;
        // No safepoint since entry: `args` and `f` are current.
        self.roots.stack.extend_from_slice(args);
        let r = self.run_plain_frame(f, code, base);
        self.truncate(base);
        Some(r)
    }
}
