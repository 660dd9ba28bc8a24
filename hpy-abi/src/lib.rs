//! A `#[repr(C)]` mirror of the HPy 0.9 universal ABI, as seen by a host.
//!
//! An extension built in universal mode against the official `hpy` 0.9.0 headers
//! (`name.hpy0.so`) talks to its host only through the types in this crate: handles passed
//! by value, the `HPyContext` function table, and the definition structs it hands over
//! (`HPyModuleDef`, `HPyDef`, `HPyType_Spec`, ...). This crate is data only: no functions,
//! no behaviour, no dependencies.
//!
//! Conventions, so that a reader can map every item one to one onto the C headers:
//! - Every type, field, enumerator and constant carries its C name. Rust keywords used as C
//!   field names are written as raw identifiers (`r#impl`).
//! - Each module corresponds to one header (named in its documentation); everything is also
//!   re-exported at the crate root, like the single `#include "hpy.h"` of an extension.
//! - A C `enum` is a `#[repr(transparent)]` newtype over its integer type with one constant
//!   per enumerator (plus `VARIANTS`, a table of names and values). A Rust `enum` would make
//!   an out-of-range value coming from C undefined behaviour; a newtype keeps it an ordinary
//!   value the host can reject with a proper error.
//! - A C function-pointer *typedef* may hold NULL, so it is `Option<unsafe extern "C" fn ..>`.
//!   The members of `HPyContext` are never NULL (the host fills every one), so they are plain
//!   `unsafe extern "C" fn ..` types.
//! - `tests/layout.rs` compiles a C program against the official headers and checks the size,
//!   alignment, field offsets and field types of everything here, every enumerator and
//!   constant, and that no typedef of the headers is missing.

#![cfg_attr(not(test), no_std)]
#![allow(non_camel_case_types, non_snake_case, non_upper_case_globals)]

/// Declares a C enum as a transparent integer newtype, one constant per enumerator, and a
/// `VARIANTS` table listing each enumerator's C name and value in header order.
macro_rules! c_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident: $repr:ty {
            $( $(#[$vmeta:meta])* $variant:ident = $value:expr, )*
        }
    ) => {
        $(#[$meta])*
        #[repr(transparent)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub struct $name(pub $repr);

        $( $(#[$vmeta])* pub const $variant: $name = $name($value); )*

        impl $name {
            /// Every enumerator of the C enum, in header order: `(C name, value)`.
            pub const VARIANTS: &'static [(&'static str, $name)] =
                &[ $( (stringify!($variant), $variant), )* ];
        }
    };
}

pub mod base;
pub mod context;
pub mod cpy_types;
pub mod hpydef;
pub mod hpyfunc;
pub mod hpymodule;
pub mod hpyslot;
pub mod hpytype;
pub mod macros;
pub mod structseq;
pub mod trampolines;

pub use base::*;
pub use context::*;
pub use cpy_types::*;
pub use hpydef::*;
pub use hpyfunc::*;
pub use hpymodule::*;
pub use hpyslot::*;
pub use hpytype::*;
pub use macros::*;
pub use structseq::*;
pub use trampolines::*;
