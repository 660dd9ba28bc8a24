//! Where the interpreter finds the methods of the builtin types: each type's table lives
//! with the type (`objects/<type>/methods.rs`, `objects/set.rs`...); this file lists the
//! tables, each with the type it belongs to (by identity, never by name), and puts every
//! method in its type's dict at start.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::builtins::Builtins;
use crate::objects::{
    bytes, complex, dict, dictviews, exception, float, int, list, native, set, slice, str as pystr,
    tuple, types,
};
use crate::state::State;

pub(crate) use crate::objects::args::Method;

type Table = &'static [(&'static str, Method)];
/// Which of the builtin types a table belongs to.
type TypeOf = fn(&Builtins) -> RawRef;

/// Every builtin type with methods, and its table. A method's native index is
/// `first_index` plus its position in this order.
const TABLES: &[(TypeOf, Table)] = &[
    (|b| b.list_type, list::methods::METHODS),
    (|b| b.tuple_type, tuple::methods::METHODS),
    (|b| b.dict_type, dict::methods::METHODS),
    (|b| b.str_type, pystr::methods::METHODS),
    (|b| b.bytes_type, bytes::methods::METHODS),
    (|b| b.int_type, int::methods::METHODS),
    (|b| b.float_type, float::methods::METHODS),
    (|b| b.complex_type, complex::methods::METHODS),
    (|b| b.slice_type, slice::methods::METHODS),
    (|b| b.set_type, set::SET_METHODS),
    (|b| b.frozenset_type, set::FROZENSET_METHODS),
    (|b| b.dict_keys_type, dictviews::KEYS_METHODS),
    (|b| b.dict_items_type, dictviews::ITEMS_METHODS),
    (|b| b.generator_type, super::generators::GENERATOR_METHODS),
    (|b| b.exc("BaseException"), exception::METHODS),
];

/// Every method, in native-index order, with the type it belongs to.
fn all() -> impl Iterator<Item = (TypeOf, &'static str, Method)> {
    TABLES
        .iter()
        .flat_map(|(ty, t)| t.iter().map(move |(name, f)| (*ty, *name, *f)))
}

/// Every method's function, in native-index order (built once: a call finds its method by
/// index, not by walking the tables).
fn flat() -> &'static [Method] {
    static FLAT: std::sync::OnceLock<Vec<Method>> = std::sync::OnceLock::new();
    FLAT.get_or_init(|| all().map(|(_, _, f)| f).collect())
}

/// The method whose native index is `first_index + i`.
pub(crate) fn method(i: usize) -> Method {
    flat()[i]
}

/// The number of methods.
pub(crate) fn count() -> usize {
    flat().len()
}

/// Puts every method in its builtin type's dict (once, at interpreter start).
pub(crate) fn install(st: &mut State, first_index: u32) -> PyResult<()> {
    for (i, (ty, name, _)) in all().enumerate() {
        let tref = ty(&st.b);
        let f = native::new(&st.alloc(), name, RawRef::NULL, first_index + i as u32)?.raw();
        let fi = st.push(f);
        let k = pystr::new_immortal(&st.alloc(), name)?.raw();
        let a = st.alloc();
        let d = types::dict(st.obj(tref));
        crate::objects::ops::dict_set_str(&a, d, st.obj(k), st.obj(st.at(fi)));
        st.truncate(fi);
    }
    Ok(())
}
