//! Helpers shared by the end-to-end suites. Every test that loads an extension runs in its
//! own process (cargo-nextest's default): an extension's C statics exist once per process.

pub mod harness;
pub mod jsondoc;

use gc::{HeapConfig, Mode};
use hpymove_runtime::{Config, Obj, PyErr, Runtime, Value};

/// The two ways every extension feature is tested: normal collections, and a collection at
/// every HPy call with poison (retired spaces inaccessible, so a stale read of a moved object
/// faults where it happens instead of reading the old copy); both verify the whole heap
/// after every collection.
#[derive(Clone, Copy, Debug)]
pub enum Run {
    Normal,
    Torture,
}

/// A runtime over the built sample extensions.
pub fn runtime(run: Run) -> Runtime {
    runtime_with(run, |_| {})
}

/// A runtime as [`runtime`] makes it, with the heap configuration adjusted by `adjust`.
pub fn runtime_with(run: Run, adjust: impl FnOnce(&mut HeapConfig)) -> Runtime {
    let mode = match run {
        Run::Normal => Mode::Normal,
        // Torture's collection at every HPy call, plus one at every interpreter safepoint
        // (for the tests whose extension calls back into Python code).
        Run::Torture => Mode::Always,
    };
    let mut heap = HeapConfig {
        mode,
        verify: true,
        poison: mode.wants_poison(),
        // Small threshold: normal mode collects too, now and then.
        min_threshold: 256 << 10,
        ..HeapConfig::default()
    };
    adjust(&mut heap);
    Runtime::new(Config {
        heap,
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime")
}

/// Calls `module.name(*args)` and converts the result.
pub fn call(rt: &mut Runtime, m: &Obj, name: &str, args: &[Value]) -> Result<Value, PyErr> {
    let f = rt.getattr(m, name)?;
    let r = rt.call(&f, args, &[])?;
    rt.value(&r)
}

/// Same with keyword arguments.
pub fn call_kw(
    rt: &mut Runtime,
    m: &Obj,
    name: &str,
    args: &[Value],
    kwargs: &[(&str, Value)],
) -> Result<Value, PyErr> {
    let f = rt.getattr(m, name)?;
    let r = rt.call(&f, args, kwargs)?;
    rt.value(&r)
}

/// Declares `$name_normal` and `$name_torture` running `$body(run)`.
#[macro_export]
macro_rules! both_modes {
    ($($name:ident => $body:expr;)*) => {
        mod normal {
            #[allow(unused_imports)]
            use super::*;
            $( #[test] fn $name() { ($body)($crate::Run::Normal) } )*
        }
        mod torture {
            #[allow(unused_imports)]
            use super::*;
            $( #[test] fn $name() { ($body)($crate::Run::Torture) } )*
        }
    };
}
