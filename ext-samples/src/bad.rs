//! The table of bad extension artifacts: one row per file, each with exactly one defect.
//!
//! `build.rs` includes this file too, so the table decides what gets built: every
//! `bad/<module>.c` produces the files of the rows naming that module.

/// What is wrong with a bad artifact; a host raises what CPython's `hpy.universal` raises
/// (`RuntimeError` or `SystemError`, with its words), hpymove too, except for
/// `LegacyMethods` (an ImportError: hpymove has no C API).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defect {
    /// References `hpymove_no_such_symbol`, which nothing defines: `dlopen(RTLD_NOW)` fails.
    UnresolvedSymbol,
    /// Has the version and context symbols but no `HPyInit_<module>`.
    MissingInit,
    /// A good module under a file name without the `.hpy0` tag (`<module>.so`).
    NoAbiTag,
    /// A good module under a file name whose tag names another major version (`.hpy1.so`).
    WrongAbiTag,
    /// `get_required_hpy_major_version_<module>` returns 1.
    MajorVersion,
    /// `get_required_hpy_minor_version_<module>` returns one more than the 0.9 headers' minor.
    MinorVersion,
    /// `HPyModuleDef.legacy_methods` is not NULL: needs the CPython C API (hybrid ABI).
    /// CPython accepts it; a universal-only host must not.
    LegacyMethods,
    /// `HPyModuleDef.defines` holds a type slot (`HPy_tp_repr`), not a module slot.
    InvalidModuleSlot,
    /// `HPyInit_<module>` returns NULL.
    InitReturnsNull,
    /// The `HPy_mod_exec` slot raises `ValueError("exec_raises: mod_exec failed on purpose")`;
    /// the import fails with that exception itself.
    ExecRaises,
    /// A text file named like an extension: not a shared object at all.
    NotSharedObject,
    /// An `HPy_mod_create` slot next to a method: HPy allows nothing else with it.
    CreateWithMethods,
    /// An `HPy_mod_create` slot next to an `HPy_mod_exec` slot.
    CreateWithExec,
    /// An `HPy_mod_create` slot in a definition with a docstring (a non-default field).
    CreateWithDoc,
    /// `HPyModuleDef.size` is -1.
    NegativeSize,
    /// A method whose signature is no `HPyFunc_Signature` value.
    BadSignature,
}

/// One file in [`crate::bad_dir`].
#[derive(Clone, Copy, Debug)]
pub struct BadArtifact {
    /// File name inside the bad directory.
    pub file: &'static str,
    /// The module name to load it as (symbols are looked up as `HPyInit_<module>` etc.).
    pub module: &'static str,
    pub defect: Defect,
}

const fn row(file: &'static str, module: &'static str, defect: Defect) -> BadArtifact {
    BadArtifact {
        file,
        module,
        defect,
    }
}

/// Every bad artifact, in a stable order.
pub const BAD_ARTIFACTS: &[BadArtifact] = &[
    row(
        "unresolved_symbol.hpy0.so",
        "unresolved_symbol",
        Defect::UnresolvedSymbol,
    ),
    row("no_init.hpy0.so", "no_init", Defect::MissingInit),
    row("wrong_tag.so", "wrong_tag", Defect::NoAbiTag),
    row("wrong_tag.hpy1.so", "wrong_tag", Defect::WrongAbiTag),
    row(
        "major_version_1.hpy0.so",
        "major_version_1",
        Defect::MajorVersion,
    ),
    row(
        "minor_version_future.hpy0.so",
        "minor_version_future",
        Defect::MinorVersion,
    ),
    row(
        "legacy_methods.hpy0.so",
        "legacy_methods",
        Defect::LegacyMethods,
    ),
    row(
        "invalid_module_slot.hpy0.so",
        "invalid_module_slot",
        Defect::InvalidModuleSlot,
    ),
    row(
        "init_returns_null.hpy0.so",
        "init_returns_null",
        Defect::InitReturnsNull,
    ),
    row("exec_raises.hpy0.so", "exec_raises", Defect::ExecRaises),
    row("notelf.hpy0.so", "notelf", Defect::NotSharedObject),
    row(
        "create_and_methods.hpy0.so",
        "create_and_methods",
        Defect::CreateWithMethods,
    ),
    row(
        "create_and_exec.hpy0.so",
        "create_and_exec",
        Defect::CreateWithExec,
    ),
    row(
        "create_and_doc.hpy0.so",
        "create_and_doc",
        Defect::CreateWithDoc,
    ),
    row(
        "negative_size.hpy0.so",
        "negative_size",
        Defect::NegativeSize,
    ),
    row(
        "bad_signature.hpy0.so",
        "bad_signature",
        Defect::BadSignature,
    ),
];
