//! `HPy_Dump`, `HPy_LeavePythonExecution` / `HPy_ReenterPythonExecution` and
//! `HPyImport_ImportModule`.
//!
//! Leaving Python execution: the runtime is single-threaded and has no lock to release,
//! so leaving hands out a token (an `HPyThreadState`) and re-entering takes it back.
//! Misuse is a fatal error with a message saying what went wrong: leaving twice, entering
//! without having left, or entering with a token that is not the one handed out.

use std::ffi::c_char;
use std::io::Write;
use std::sync::atomic::{AtomicIsize, Ordering};

use hpy_abi::{HPy, HPyContext, HPyThreadState, HPy_NULL};

use super::{c_str, enter};
use crate::objects::{type_of, types};

/// The token of the current "left Python" period, or 0 while running Python.
static LEFT: AtomicIsize = AtomicIsize::new(0);
/// Tokens handed out so far (each token is unique within the process).
static TOKENS: AtomicIsize = AtomicIsize::new(0);

/// Tokens look like nothing else: a fixed high part, a count in the low part.
const TOKEN_BASE: isize = 0x7470_0000;

/// Is an extension between `HPy_LeavePythonExecution` and `HPy_ReenterPythonExecution`?
/// (Context functions called in that period break HPy's rules; a checking layer may
/// report them.)
#[allow(dead_code)]
pub(crate) fn python_left() -> bool {
    LEFT.load(Ordering::Acquire) != 0
}

pub(crate) unsafe extern "C" fn ctx_LeavePythonExecution(ctx: *mut HPyContext) -> HPyThreadState {
    enter(
        ctx,
        "HPy_LeavePythonExecution",
        HPyThreadState { _i: 0 },
        |_st| {
            let token = TOKEN_BASE + TOKENS.fetch_add(1, Ordering::AcqRel) + 1;
            if LEFT
                .compare_exchange(0, token, Ordering::AcqRel, Ordering::Acquire)
                .is_err()
            {
                crate::host::fatal::fatal(
                    "HPy_LeavePythonExecution called while Python execution was already left \
                 (call HPy_ReenterPythonExecution with the token first)",
                );
            }
            Ok(HPyThreadState { _i: token })
        },
    )
}

pub(crate) unsafe extern "C" fn ctx_ReenterPythonExecution(
    ctx: *mut HPyContext,
    state: HPyThreadState,
) {
    // Checked before the boundary safepoint: nothing of the runtime runs until re-entered.
    let current = LEFT.load(Ordering::Acquire);
    if current == 0 {
        crate::host::fatal::fatal(&format!(
            "HPy_ReenterPythonExecution({:#x}) called without HPy_LeavePythonExecution",
            state._i
        ));
    }
    if current != state._i {
        crate::host::fatal::fatal(&format!(
            "HPy_ReenterPythonExecution({:#x}): not the token HPy_LeavePythonExecution returned ({current:#x})",
            state._i
        ));
    }
    LEFT.store(0, Ordering::Release);
    enter(ctx, "HPy_ReenterPythonExecution", (), |_st| Ok(()))
}

pub(crate) unsafe extern "C" fn ctx_Import_ImportModule(
    ctx: *mut HPyContext,
    utf8_name: *const c_char,
) -> HPy {
    enter(ctx, "HPyImport_ImportModule", HPy_NULL, |st| {
        let name = c_str(st, utf8_name, "HPyImport_ImportModule")?.to_string();
        let m = st.import(&name)?;
        Ok(st.roots.handles.open(m))
    })
}

/// `HPy_Dump`: a description of the object on stderr, in the layout of CPython's
/// `_PyObject_Dump` (which the reference host prints), with the handle instead of the
/// reference count. The address is the current one: objects move.
pub(crate) unsafe extern "C" fn ctx_Dump(ctx: *mut HPyContext, h: HPy) {
    enter(ctx, "HPy_Dump", (), |st| {
        let text = if h._i == 0 {
            "<object at (nil) is freed>\n".to_string()
        } else {
            match st.roots.handles.get(h) {
                None => format!(
                    "HPy_Dump: {:#x} is not an open handle (closed, or never opened)\n",
                    h._i
                ),
                Some(r) => {
                    let o = st.obj(r);
                    let t = type_of(o);
                    format!(
                        "object address  : {:#x}\nobject handle   : {:#x}\nobject type     : {:#x}\nobject type name: {}\nobject repr     : {}\n",
                        o.addr(),
                        h._i,
                        t.addr(),
                        types::data(t).tp_name,
                        crate::objects::repr::repr_of(o)
                    )
                }
            }
        };
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(text.as_bytes());
        let _ = err.flush();
        Ok(())
    })
}
