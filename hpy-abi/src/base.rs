//! `hpy.h` (universal mode): ABI version, the opaque handle types, integer aliases and the
//! two small enums it declares.

/// Major ABI version. A host refuses an extension whose
/// `get_required_hpy_major_version_<name>()` returns anything else.
pub const HPY_ABI_VERSION: u32 = 0;
/// Minor ABI version of the 0.9 headers. Minor versions are backwards compatible: a host
/// accepts extensions whose required minor version is at most its own.
pub const HPY_ABI_VERSION_MINOR: u32 = 0;
/// The tag in a universal extension's file name: `name.hpy0.so`.
pub const HPY_ABI_TAG: &str = "hpy0";
/// Version of the `hpy` package whose headers this crate mirrors (`hpy/version.h`).
pub const HPY_VERSION: &str = "0.9.0";

/// Signed size type of the universal ABI (`intptr_t`).
pub type HPy_ssize_t = isize;
/// Hash values (`intptr_t`).
pub type HPy_hash_t = isize;
/// One Unicode code point (`uint32_t`).
pub type HPy_UCS4 = u32;

/// Largest `HPy_ssize_t` (`INTPTR_MAX`).
pub const HPY_SSIZE_T_MAX: HPy_ssize_t = isize::MAX;
/// Smallest `HPy_ssize_t` (`-HPY_SSIZE_T_MAX - 1`).
pub const HPY_SSIZE_T_MIN: HPy_ssize_t = isize::MIN;

/// C `wchar_t` of the target (used by `HPyUnicode_FromWideChar`). The layout test checks
/// its size and signedness against the C compiler.
#[cfg(windows)]
pub type wchar_t = u16;
/// C `wchar_t` of the target (used by `HPyUnicode_FromWideChar`). The layout test checks
/// its size and signedness against the C compiler.
#[cfg(all(
    not(windows),
    not(target_vendor = "apple"),
    any(target_arch = "aarch64", target_arch = "arm")
))]
pub type wchar_t = u32;
/// C `wchar_t` of the target (used by `HPyUnicode_FromWideChar`). The layout test checks
/// its size and signedness against the C compiler.
#[cfg(not(any(
    windows,
    all(
        not(target_vendor = "apple"),
        any(target_arch = "aarch64", target_arch = "arm")
    )
)))]
pub type wchar_t = i32;

/// A handle: an opaque, pointer-sized value whose meaning belongs to the host. `0` is the
/// null handle; every other value is chosen by the host and never changes while open.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPy {
    pub _i: isize,
}

/// A reference stored inside an object's native struct; the host may rewrite it in place
/// (through `tp_traverse`'s visit function) when the target moves. `0` is the empty field.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyField {
    pub _i: isize,
}

/// A reference held in a C global variable of the extension. Starts zeroed; its value is
/// the host's to choose on `HPyGlobal_Store`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyGlobal {
    pub _i: isize,
}

/// An under-construction list, owned by the host until `Build` or `Cancel`.
/// Note the field name: `_lst`, not `_i`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyListBuilder {
    pub _lst: isize,
}

/// An under-construction tuple, owned by the host until `Build` or `Cancel`.
/// Note the field name: `_tup`, not `_i`.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyTupleBuilder {
    pub _tup: isize,
}

/// A host-side collection of handles that the extension closes all at once.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyTracker {
    pub _i: isize,
}

/// Token returned by `HPy_LeavePythonExecution` and given back on re-entry.
#[repr(C)]
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct HPyThreadState {
    pub _i: isize,
}

/// The null handle.
pub const HPy_NULL: HPy = HPy { _i: 0 };
/// The empty field.
pub const HPyField_NULL: HPyField = HPyField { _i: 0 };

c_enum! {
    /// What `HPy_Compile_s` parses: an expression, a file, or a single interactive statement.
    pub enum HPy_SourceKind: u32 {
        HPy_SourceKind_Expr = 0,
        HPy_SourceKind_File = 1,
        HPy_SourceKind_Single = 2,
    }
}

c_enum! {
    /// Which part of a capsule `HPyCapsule_Get` / `HPyCapsule_Set` read or write.
    pub enum _HPyCapsule_key: u32 {
        HPyCapsule_key_Pointer = 0,
        HPyCapsule_key_Name = 1,
        HPyCapsule_key_Context = 2,
        HPyCapsule_key_Destructor = 3,
    }
}
