//! Weak cells: `[type, id, owner, callback, | target]`, the one object whose word the
//! collector treats as weak (`gc/src/weak.rs`). The collector traces the type, owner and
//! callback words only; `target` is rewritten when its object moves and set to null when
//! it dies, and the cell is then queued so that the callback runs after the collection
//! (`host/weakcallback.rs`).
//!
//! `weakref.ref` and its relatives are Python classes (`runtime/stdlib/weakref.py`) over
//! these cells (`modules/weakref.rs` is the native `_weakref`): the `owner` is the Python
//! weak-reference object holding the cell, passed to the callback as CPython passes the
//! weak reference; it also lets `getweakrefs` find the reference objects of a target.

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{type_of, types, W_DATA};

const W_OWNER: usize = W_DATA;
const W_CALLBACK: usize = W_DATA + 1;
const W_TARGET: usize = W_DATA + 2;

pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_TARGET as u32,
};

/// A new cell weakly referring to `target`, registered with the collector. `callback`
/// may be null.
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    target: ObjRef<'_>,
    owner: ObjRef<'_>,
    callback: Option<ObjRef<'_>>,
) -> PyResult<ObjRef<'h>> {
    let c = a.object(a.kinds().weakcell, a.b.weakcell_type, W_TARGET + 1)?;
    a.set(c, W_OWNER, Some(owner));
    a.set(c, W_CALLBACK, callback);
    c.set_word(W_TARGET, target.addr() as u64);
    a.heap.register_weak(c, W_TARGET, callback.is_some());
    Ok(c)
}

/// The target, or null once it died.
pub(crate) fn target(c: ObjRef<'_>) -> RawRef {
    RawRef::from_addr(c.word(W_TARGET) as usize)
}

pub(crate) fn owner(c: ObjRef<'_>) -> RawRef {
    c.get_ref(W_OWNER).map_or(RawRef::NULL, |o| o.raw())
}

/// The callback (null if none, or once it was called).
pub(crate) fn callback(c: ObjRef<'_>) -> RawRef {
    c.get_ref(W_CALLBACK).map_or(RawRef::NULL, |o| o.raw())
}

/// Forgets the callback (it runs once; CPython's `__callback__` is None afterwards).
pub(crate) fn clear_callback(c: ObjRef<'_>) {
    c.set_word(W_CALLBACK, 0);
}

/// Can `o` be weakly referenced? CPython's rule: objects whose type has a weak-reference
/// list. Among builtins: types, functions (Python and builtin), modules, bound methods,
/// sets, generators and code objects; instances of classes defined in Python (except
/// subclasses of int, bytes, tuple and str, variable-size in CPython) and of extension
/// types. Not: int, str, tuple, list, dict, float, None, bytes, exception instances of
/// builtin classes, `object()`, property…
/// Extension instances: CPython + hpy.universal 0.9 refuses them (HPy 0.9 cannot give a
/// type a weak-reference list); hpymove accepts them, so that an extension's objects can
/// be held in weak containers and their weak references checked under a moving collector.
pub(crate) fn referenceable(a: &Alloc<'_>, o: ObjRef<'_>) -> bool {
    let k = a.kinds();
    let kind = o.kind();
    let ty = type_of(o);
    let b = a.b;
    let builtin_type = ty.is_immortal() && types::ext(ty).is_none();
    if [
        k.instance,
        k.type_,
        k.pyfunction,
        k.native,
        k.module,
        k.generator,
        k.code,
    ]
    .contains(&kind)
    {
        return true;
    }
    if kind == k.hpy_instance {
        return true;
    }
    if kind == k.wrap {
        return ty.raw() == b.method_type;
    }
    if kind == k.dict {
        let t = ty.raw();
        // Sets are dict-kind objects; a dict subclass defined in Python has a weak list.
        return t == b.set_type || t == b.frozenset_type || !builtin_type;
    }
    if kind == k.list || kind == k.exception {
        return !builtin_type;
    }
    false
}
