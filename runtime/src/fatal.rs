//! Fatal errors: a message on stderr, then abort. Used where continuing would crash later
//! somewhere unrelated (a corrupt heap, `HPy_FatalError`), or where no error value exists.

use std::io::Write;

pub(crate) fn fatal(msg: &str) -> ! {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "hpymove: fatal error: {msg}");
    let _ = err.flush();
    std::process::abort()
}
