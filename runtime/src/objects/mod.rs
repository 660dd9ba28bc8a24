//! The Python object model on the moving heap.
//!
//! Every object's body starts with two words: its type (a reference) and its identity
//! number (0 until `id()`/`hash()` asks; stored odd so the collector never takes it for a
//! reference). What follows depends on the kind; each kind's file says.
//!
//! Builtin types, singletons and the exception hierarchy live in the immortal space; every
//! other object moves at every collection.

pub(crate) mod alloc;
pub(crate) mod args;
pub(crate) mod args_check;
pub(crate) mod builtins;
pub(crate) mod bytes;
pub(crate) mod capsule;
pub(crate) mod code;
pub(crate) mod codecs;
pub(crate) mod codeobj;
pub(crate) mod complex;
pub(crate) mod contextvar;
pub(crate) mod coro;
pub(crate) mod dict;
pub(crate) mod dictviews;
pub(crate) mod exception;
pub(crate) mod float;
pub(crate) mod function;
pub(crate) mod generator;
pub(crate) mod hpyobj;
pub(crate) mod instance;
pub(crate) mod int;
pub(crate) mod iterator;
pub(crate) mod list;
pub(crate) mod managedbuffer;
pub(crate) mod modtable;
pub(crate) mod module;
pub(crate) mod native;
pub(crate) mod operator;
pub(crate) mod ops;
pub(crate) mod pyfunc;
pub(crate) mod range;
pub(crate) mod repr;
pub(crate) mod set;
pub(crate) mod slice;
pub(crate) mod slottable;
pub(crate) mod slotvalue;
pub(crate) mod str;
pub(crate) mod tuple;
pub(crate) mod types;
pub(crate) mod weakref;

use gc::{Heap, Kind, Layout, ObjRef, Trace};

/// Body word holding the type.
pub(crate) const W_TYPE: usize = 0;
/// Body word holding the identity number (tagged odd), or 0.
pub(crate) const W_ID: usize = 1;
/// First kind-specific word.
pub(crate) const W_DATA: usize = 2;

/// The heap kinds of Python objects (how the collector traces them).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Kinds {
    /// `[type, id]`: None, NotImplemented, Ellipsis, plain `object()`.
    pub(crate) plain: Kind,
    /// `[type, id, 0|1]`
    pub(crate) bool_: Kind,
    pub(crate) int: Kind,
    pub(crate) float: Kind,
    /// `[type, id, real bits, imag bits]` (see `objects/complex.rs`).
    pub(crate) complex: Kind,
    pub(crate) str_: Kind,
    pub(crate) bytes: Kind,
    pub(crate) tuple: Kind,
    pub(crate) list: Kind,
    /// A list's item storage (not a Python object: no type word).
    pub(crate) array: Kind,
    pub(crate) dict: Kind,
    pub(crate) type_: Kind,
    pub(crate) module: Kind,
    pub(crate) function: Kind,
    pub(crate) exception: Kind,
    /// `[type, id, start, stop, step]` (references; None where omitted).
    pub(crate) slice: Kind,
    /// `[type, id, start, stop, step]` (int objects).
    pub(crate) range: Kind,
    /// `[type, id, iterated object, aux reference, | position, extra]`: every builtin
    /// iterator; the type says which (list_iterator, dict_keyiterator…). See
    /// `objects/iterator.rs`.
    pub(crate) iterator: Kind,
    /// Python functions (`def`, `lambda`): see `objects/pyfunc.rs`.
    pub(crate) pyfunction: Kind,
    /// `[type, id, value]`: a closure cell.
    pub(crate) cell: Kind,
    /// Functions written in Rust (the interpreter's builtins): see `objects/native.rs`.
    pub(crate) native: Kind,
    /// `[type, id, | Rust data]`: capsules; the data (name, pointer, context, destructor)
    /// is freed, and the destructor run, when the capsule dies.
    pub(crate) capsule: Kind,
    /// `[type, id, | payload]`: instances of extension types (see `objects/hpyobj.rs`).
    pub(crate) hpy_instance: Kind,
    /// `[type, id, owner, name, | index]`: member and get/set descriptors of extension types.
    pub(crate) hpy_descr: Kind,
    /// `[type, id, dict]`: instances of Python classes based on `object` (see
    /// `objects/instance.rs`).
    pub(crate) instance: Kind,
    /// `[type, id, a, b, c, d]`: property, staticmethod, classmethod, bound method, super.
    pub(crate) wrap: Kind,
    /// `[type, id, | Rust data]`: code objects (`HPy_Compile_s`, see `objects/codeobj.rs`).
    pub(crate) code: Kind,
    /// `[type, id, name, qualname, | state]`: generators (see `objects/generator.rs`).
    pub(crate) generator: Kind,
    /// `[type, id, exporter, | export]`: a buffer an extension exported for memoryviews
    /// (see `objects/managedbuffer.rs`).
    pub(crate) managed_buffer: Kind,
    /// `[type, id, dict, callback, | target, hash, hashed]`: a weak reference, whose target
    /// word the collector updates and clears (see `objects/weakref.rs`).
    pub(crate) weakref: Kind,
}

impl Kinds {
    pub(crate) fn register(heap: &mut Heap) -> Kinds {
        let leaf = |name| Layout::new(name, Trace::Words { first: 0, count: 1 });
        Kinds {
            plain: heap.register(leaf("object")),
            bool_: heap.register(leaf("bool")),
            int: heap.register(leaf("int")),
            float: heap.register(leaf("float")),
            complex: heap.register(leaf("complex")),
            str_: heap.register(leaf("str")),
            bytes: heap.register(leaf("bytes")),
            tuple: heap.register(Layout::new("tuple", Trace::Tail { first: 0 })),
            list: heap.register(Layout::new("list", list::TRACE)),
            array: heap.register(Layout::new("list storage", Trace::Tail { first: 0 })),
            dict: heap.register(Layout::new("dict", Trace::Custom)),
            type_: heap.register(Layout::new("type", types::TRACE)),
            module: heap.register(Layout::new("module", module::TRACE)),
            function: heap.register(Layout::new("builtin_function_or_method", function::TRACE)),
            exception: heap.register(Layout::new("exception", exception::TRACE)),
            slice: heap.register(Layout::new("slice", Trace::Words { first: 0, count: 5 })),
            range: heap.register(Layout::new("range", Trace::Words { first: 0, count: 5 })),
            iterator: heap.register(Layout::new("iterator", Trace::Words { first: 0, count: 4 })),
            pyfunction: heap.register(Layout::new("function", pyfunc::TRACE)),
            cell: heap.register(Layout::new("cell", Trace::Words { first: 0, count: 3 })),
            native: heap.register(Layout::new("builtin_function_or_method", native::TRACE)),
            capsule: heap.register(Layout::new(
                "PyCapsule",
                Trace::Words { first: 0, count: 1 },
            )),
            hpy_instance: heap.register(Layout::new("hpy_instance", Trace::Custom)),
            hpy_descr: heap.register(Layout::new("hpy_descriptor", hpyobj::DESCR_TRACE)),
            instance: heap.register(Layout::new("instance", instance::TRACE)),
            wrap: heap.register(Layout::new("wrapper", instance::WRAP_TRACE)),
            code: heap.register(Layout::new("code", Trace::Words { first: 0, count: 1 })),
            generator: heap.register(Layout::new("generator", Trace::Custom)),
            managed_buffer: heap.register(Layout::new(
                "managedbuffer",
                Trace::Words { first: 0, count: 3 },
            )),
            weakref: heap.register(Layout::new("weakref", weakref::TRACE)),
        }
    }
}

/// The type of `obj`.
#[inline]
pub(crate) fn type_of(obj: ObjRef<'_>) -> ObjRef<'_> {
    obj.get_ref(W_TYPE).expect("every object has a type")
}

/// Reads body bytes `[off, off+len)` of `obj` (offsets in bytes from the body start).
pub(crate) fn body_bytes(obj: ObjRef<'_>, off: usize, len: usize) -> &[u8] {
    &obj.bytes()[off..off + len]
}

/// Writes `data` into the body of a freshly allocated `obj` at byte offset `off`.
pub(crate) fn write_body(obj: ObjRef<'_>, off: usize, data: &[u8]) {
    assert!(off + data.len() <= obj.body_len());
    // SAFETY: in bounds of the body of a live object nobody else is reading.
    unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), obj.body().add(off), data.len()) }
}

/// A tagged word for a plain number stored where the collector might look (never a
/// reference, since it is odd).
pub(crate) const fn tag(n: u64) -> u64 {
    (n << 1) | 1
}

pub(crate) const fn untag(w: u64) -> u64 {
    w >> 1
}
