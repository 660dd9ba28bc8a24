//! `hpy/hpymodule.h`: the module definition returned by `HPyInit_<name>()`.
//!
//! A universal extension exports four functions (defined by the header's `HPy_MODINIT`
//! macro), all `extern "C"`, `<name>` being the last dotted part of the module name. The
//! headers give neither their names nor their types a typedef; the prefixes and the
//! `HPy*Func` aliases below are this crate's names for them.
//! Module creation and execution are slots (`HPy_mod_create`, `HPy_mod_exec`) among
//! `defines`: multi-phase initialisation only.

use core::ffi::c_char;

use crate::base::{HPyGlobal, HPy_ssize_t};
use crate::context::HPyContext;
use crate::cpy_types::cpy_PyMethodDef;
use crate::hpydef::HPyDef;

/// The definition a host builds a module from.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct HPyModuleDef {
    /// UTF-8 docstring or NULL.
    pub doc: *const c_char,
    /// Size of the module state (0: none; negative is an error).
    pub size: HPy_ssize_t,
    /// CPython `PyMethodDef` array; non-NULL requires the CPython C API.
    pub legacy_methods: *mut cpy_PyMethodDef,
    /// NULL-terminated array of pointers to definitions (methods and `HPy_mod_*` slots).
    pub defines: *mut *mut HPyDef,
    /// NULL-terminated array of pointers to the extension's `HPyGlobal` variables.
    pub globals: *mut *mut HPyGlobal,
}

/// Export prefix of `uint32_t get_required_hpy_major_version_<name>(void)`.
pub const HPY_MAJOR_VERSION_SYMBOL_PREFIX: &str = "get_required_hpy_major_version_";
/// Export prefix of `uint32_t get_required_hpy_minor_version_<name>(void)`.
pub const HPY_MINOR_VERSION_SYMBOL_PREFIX: &str = "get_required_hpy_minor_version_";
/// Export prefix of `void HPyInitGlobalContext_<name>(HPyContext *)`.
pub const HPY_INIT_GLOBAL_CONTEXT_SYMBOL_PREFIX: &str = "HPyInitGlobalContext_";
/// Export prefix of `HPyModuleDef *HPyInit_<name>(void)`.
pub const HPY_INIT_SYMBOL_PREFIX: &str = "HPyInit_";

/// Type of `get_required_hpy_major_version_<name>` and `..._minor_version_<name>`.
pub type HPyVersionFunc = unsafe extern "C" fn() -> u32;
/// Type of `HPyInitGlobalContext_<name>`: stores the context the CPython trampolines use.
pub type HPyInitGlobalContextFunc = unsafe extern "C" fn(ctx: *mut HPyContext);
/// Type of `HPyInit_<name>`.
pub type HPyInitFunc = unsafe extern "C" fn() -> *mut HPyModuleDef;
