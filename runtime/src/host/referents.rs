//! The objects an extension instance refers to, for `gc.get_referents`: its `HPyField`s,
//! as its type's `tp_traverse` visits them (what the collector traces).

use std::ffi::{c_int, c_void};

use gc::RawRef;
use hpy_abi::{HPyField, HPyFunc_visitproc};

use crate::host::api_guard::{Callback, During};
use crate::state::State;

type Traverse = unsafe extern "C" fn(*mut c_void, HPyFunc_visitproc, *mut c_void) -> c_int;

/// Collects the value of each visited field (a `Vec<usize>` behind `arg`).
unsafe extern "C" fn collect(field: *mut HPyField, arg: *mut c_void) -> c_int {
    if field.is_null() || !(field as usize).is_multiple_of(8) {
        return 0;
    }
    // SAFETY: `arg` is the Vec passed by `ext_referents`, live during the traversal.
    let out = unsafe { &mut *(arg as *mut Vec<usize>) };
    // SAFETY: the extension reports the address of a field it owns, readable and aligned.
    let value = unsafe { (*field)._i };
    if value != 0 {
        out.push(value as usize);
    }
    0
}

impl State {
    /// The objects `r`'s `tp_traverse` visits (None: not an extension instance with a
    /// payload). Values that are not live objects are left out; the collector reports
    /// them.
    pub(crate) fn ext_referents(&mut self, r: RawRef) -> Option<Vec<RawRef>> {
        let p = crate::objects::hpyobj::payload_of(&self.b.kinds, self.obj(r))?;
        let mut out: Vec<usize> = Vec::new();
        if !p.data.is_null() && p.traverse != 0 {
            // tp_traverse may not call the API, here as during a collection.
            let _no_api = During::new(Callback::Traverse);
            // SAFETY: the type's `tp_traverse` has the `HPyFunc_traverseproc` signature;
            // the payload belongs to the live object `r`; `out` outlives the call.
            unsafe {
                std::mem::transmute::<usize, Traverse>(p.traverse)(
                    p.data.cast(),
                    Some(collect),
                    &mut out as *mut Vec<usize> as *mut c_void,
                );
            }
        }
        Some(
            out.into_iter()
                .map(RawRef::from_addr)
                .filter(|&v| self.heap.check(v).is_ok())
                .collect(),
        )
    }
}
