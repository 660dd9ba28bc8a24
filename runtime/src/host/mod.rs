//! The HPy host: what an extension sees and what checks it.
//!
//! Owns the context function table (`context/`), module loading (`loader`, `elf_check`),
//! the handle table (`handles`), calls into C (`call`), extension instances' payloads and
//! C destructors (`payload`, freed blocks kept for reuse in `payload_cache`), extension types and their slots (`exttype`) and their
//! buffers (`buffer`), fields rewritten through `tp_traverse` (`fields`), debug mode
//! (`debug`, `symbolize`) and the reporting of faults and fatal errors (`crash`,
//! `guarded`, `fault_report`, `fatal`, `api_guard`).
//!
//! May use: the builtin types' methods, the protocols, the object model, the runtime's
//! state. Reaches the interpreter (the layer above) only through the upcalls of
//! `upcalls.rs`: compiling and running code for `HPy_Compile_s`/`HPy_EvalCode`, imports,
//! natives, and a Python class's dunders before an extension slot.

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
pub(crate) mod payload;
pub(crate) mod payload_cache;
pub(crate) mod pressure;
pub(crate) mod referents;
pub(crate) mod symbolize;
pub(crate) mod trace;
