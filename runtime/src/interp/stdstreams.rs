//! `sys.stdout` replaced by a script (a test runner capturing output, `contextlib`'s
//! `redirect_stdout`): `print()` without `file=` writes to the replacement, as CPython's
//! print looks `sys.stdout` up at each call.

use gc::RawRef;

use crate::state::State;

impl State {
    /// The object `sys.stdout` is now, when it is no longer hpymove's own stream.
    pub(crate) fn replaced_stdout(&mut self) -> Option<RawRef> {
        let sys = Some(self.roots.sys_module).filter(|m| !m.is_null())?;
        let out = self.lookup_attr(sys, "stdout")?;
        if out == self.b.none {
            return None;
        }
        let own = self.obj(out).kind() == self.b.kinds.module
            && self
                .lookup_attr(out, "__name__")
                .is_some_and(|n| crate::objects::repr::str_of(self.obj(n)).starts_with("sys.std"));
        (!own).then_some(out)
    }
}
