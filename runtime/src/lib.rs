//! hpymove's runtime: the Python object model on the moving heap, the HPy universal host
//! (handle table, context, loader) and the embedding API.
//!
//! ```no_run
//! use hpymove_runtime::{Config, Runtime, Value};
//! let mut rt = Runtime::new(Config {
//!     heap: gc::HeapConfig::with_mode(gc::Mode::Torture),
//!     path: vec!["target/debug/hpy-ext".into()],
//! }).unwrap();
//! let m = rt.import("basics").unwrap();
//! let f = rt.getattr(&m, "add_ints").unwrap();
//! let r = rt.call(&f, &[Value::int(2), Value::int(3)], &[]).unwrap();
//! assert_eq!(rt.value(&r).unwrap(), Value::int(5));
//! ```

// Names mirror the C ABI (`ctx_Long_FromInt64_t`, `HPyFunc_NOARGS`).
#![allow(non_snake_case, non_upper_case_globals)]

pub mod cli;
mod embed;
mod error;
mod host;
mod interp;
mod modules;
mod objects;
mod protocols;
mod roots;
mod state;
mod upcalls;
mod value_stack;

pub use embed::{Config, Obj, PyErr, Runtime, Value};
pub use host::debug;

/// The handle table alone, for the benchmark that compares it with a plain free list.
#[doc(hidden)]
pub mod bench_support {
    pub use crate::host::handles::HandleTable;
    pub use gc::RawRef;
}
pub use gc::{HeapConfig, Mode};

/// The real types behind the rule that natives read their arguments through their roots
/// (`objects/args.rs`), public only so that the compile-fail doc tests there, which can
/// use public items alone, compile against them.
#[doc(hidden)]
pub mod convention_check {
    pub use crate::objects::args::Args;
    pub use crate::state::State;
    pub use crate::value_stack::Rooted;
    pub use gc::{ObjRef, RawRef};

    /// `obj[key]` on rooted operands, as the protocols take them (`None`: it raised).
    pub fn getitem(st: &mut State, obj: Rooted, key: Rooted) -> Option<RawRef> {
        st.getitem_at(obj, key).ok()
    }
}
