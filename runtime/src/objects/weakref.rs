//! Weak references: `[type, id, dict, callback, | target, hash, hashed]`, the one object
//! whose word the collector treats as weak (`gc/src/weak.rs`). The collector traces the
//! type, dict and callback words only; `target` is rewritten when its object moves and set
//! to null when it dies, and the object is then queued so that its callback runs after
//! the collection (`interp/weakcallbacks.rs`).
//!
//! The behaviour is Python: the type word is `weakref.ReferenceType`, `ProxyType`, or a
//! subclass defined in Python (`runtime/stdlib/weakref.py`), and the native `_weakref`
//! (`modules/weakref.rs`) makes these objects and reads them. The dict word holds the
//! attributes of subclass instances (`KeyedRef.key`), made on first store; `hash` caches
//! the target's hash (CPython's weak references keep it once computed, for dictionaries
//! whose keys died).

use gc::{ObjRef, RawRef, Trace};

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{type_of, types, W_DATA};

const W_DICT: usize = W_DATA;
const W_CALLBACK: usize = W_DATA + 1;
const W_TARGET: usize = W_DATA + 2;
const W_HASH: usize = W_DATA + 3;
const W_HASHED: usize = W_DATA + 4;

pub(crate) const TRACE: Trace = Trace::Words {
    first: 0,
    count: W_TARGET as u32,
};

/// A new weak reference of type `ty` to `target`, registered with the collector.
/// `callback` may be absent.
pub(crate) fn new<'h>(
    a: &Alloc<'h>,
    ty: RawRef,
    target: ObjRef<'_>,
    callback: Option<ObjRef<'_>>,
) -> PyResult<ObjRef<'h>> {
    let w = a.object(a.kinds().weakref, ty, W_HASHED + 1)?;
    a.set(w, W_CALLBACK, callback);
    w.set_word(W_TARGET, target.addr() as u64);
    a.heap.register_weak(w, W_TARGET, callback.is_some());
    Ok(w)
}

/// The target, or null once it died.
pub(crate) fn target(w: ObjRef<'_>) -> RawRef {
    RawRef::from_addr(w.word(W_TARGET) as usize)
}

/// The callback (null if none, or once it was called).
pub(crate) fn callback(w: ObjRef<'_>) -> RawRef {
    w.get_ref(W_CALLBACK).map_or(RawRef::NULL, |o| o.raw())
}

/// Forgets the callback (it runs once; CPython's `__callback__` is None afterwards).
pub(crate) fn clear_callback(w: ObjRef<'_>) {
    w.set_word(W_CALLBACK, 0);
}

/// The cached hash of the target, if computed.
pub(crate) fn cached_hash(w: ObjRef<'_>) -> Option<i64> {
    (w.word(W_HASHED) != 0).then(|| w.word(W_HASH) as i64)
}

pub(crate) fn cache_hash(w: ObjRef<'_>, h: i64) {
    w.set_word(W_HASH, h as u64);
    w.set_word(W_HASHED, 1);
}

/// The attribute dict (of a subclass instance), if one was made.
pub(crate) fn dict(w: ObjRef<'_>) -> Option<ObjRef<'_>> {
    w.get_ref(W_DICT)
}

pub(crate) fn set_dict(a: &Alloc<'_>, w: ObjRef<'_>, d: ObjRef<'_>) {
    a.set(w, W_DICT, Some(d));
}

/// Can `o` be weakly referenced? CPython's rule: objects whose type has a weak-reference
/// list. Among builtins: types, functions (Python and builtin), modules, bound methods,
/// sets, generators and code objects; instances of classes defined in Python (except
/// subclasses of int, bytes, tuple and str, variable-size in CPython) and of extension
/// types. Not: int, str, tuple, list, dict, float, None, bytes, exception instances of
/// builtin classes, `object()`, property…
/// Weak references whose class has none, as CPython's: `ref`, the proxies and `KeyedRef`
/// say so with `__weakrefoffset__ = 0` in their own dict (`weakref.py`); other subclasses
/// defined in Python can be weakly referenced (`WeakMethod` refers to itself).
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
        // As on CPython + hpy.universal 0.9: an HPy type has no weak-reference list (HPy 0.9
        // cannot ask for one), but a Python subclass of it gets one, as any class does.
        return types::data(ty).py;
    }
    if kind == k.wrap {
        return ty.raw() == b.method_type;
    }
    if kind == k.weakref {
        return crate::objects::ops::dict_get_str(a, types::dict(ty), "__weakrefoffset__")
            .is_none();
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
