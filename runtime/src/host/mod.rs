//! The HPy host: what an extension sees and what checks it.
//!
//! Owns the context function table (`context/`), module loading (`loader`, `elf_check`),
//! the handle table (`handles`), calls into C (`call`), extension types and their slots
//! (`exttype`) and their buffers (`buffer`), fields rewritten through `tp_traverse` (`fields`), debug mode (`debug`,
//! `symbolize`) and the reporting of faults and fatal errors (`crash`, `guarded`,
//! `fault_report`, `fatal`, `api_guard`).
//!
//! May use: the object model, the protocols, the runtime's state. Reaches the interpreter
//! only through `context/eval.rs` (`HPy_Compile_s`/`HPy_EvalCode`) and the native call
//! entry (`interp::natives::call_native`), the narrow interface DESIGN.md names.

pub(crate) mod api_guard;
pub(crate) mod buffer;
pub(crate) mod call;
pub(crate) mod context;
pub(crate) mod crash;
pub mod debug;
pub(crate) mod elf_check;
pub(crate) mod exttype;
pub(crate) mod fatal;
pub(crate) mod fault_report;
pub(crate) mod fields;
pub(crate) mod finalize;
pub(crate) mod guarded;
pub(crate) mod handles;
pub(crate) mod loader;
pub(crate) mod pressure;
pub(crate) mod referents;
pub(crate) mod symbolize;
pub(crate) mod trace;
