//! Fatal errors: a message on stderr, then abort. Used where continuing would crash later
//! somewhere unrelated (a corrupt heap, `HPy_FatalError`), or where no error value exists.
//!
//! The first line is CPython's (`Fatal Python error: ` and the message, which starts with
//! the function that failed, as `Py_FatalError` prints it): tools and HPy's own tests read
//! that line. hpymove's details follow, one `hpymove: ` line each.

use std::io::Write;

pub(crate) fn fatal(msg: &str) -> ! {
    fatal_at(msg, None)
}

/// [`fatal`], naming the C line that called when it is known (debug mode).
pub(crate) fn fatal_at(msg: &str, called_at: Option<&crate::host::debug::Location>) -> ! {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "Fatal Python error: {msg}");
    if let Some(f) = crate::host::crash::running() {
        let _ = writeln!(err, "hpymove: in extension function: {f}");
    }
    if let Some(l) = called_at {
        let _ = writeln!(
            err,
            "hpymove: called at: {}:{} (in {})",
            l.file, l.line, l.function
        );
    }
    let _ = writeln!(
        err,
        "hpymove: collections so far: {}",
        crate::host::crash::collections()
    );
    let _ = err.flush();
    std::process::abort()
}
