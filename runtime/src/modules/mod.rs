//! Native modules of the standard library: those whose behaviour needs the runtime or a
//! crate (`math`, `time`, `posix`, `_subprocess`, `_tomllib`, `_regex`; `_hpymove`, hpymove's own), and the carrier of the modules written in Python
//! (`carried`: `runtime/stdlib/*.py`, compiled into the binary).
//!
//! May use: the object model, the protocols, the interpreter's native calling convention
//! (`interp::args`). Nothing below imports a module from here except by name, through
//! the import system.

pub(crate) mod buffers;
pub(crate) mod carried;
pub(crate) mod hpymove;
pub(crate) mod math;
pub(crate) mod posix;
pub(crate) mod regex;
pub(crate) mod subprocess;
pub(crate) mod time;
pub(crate) mod tomllib;
pub(crate) mod tracing;
