//! The call protocol: what can be called, and `State::call`, which dispatches a call on the
//! callee's kind.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{tuple, type_of, types};
use crate::state::State;

/// `callable(obj)`: functions, types, and instances whose type defines `__call__`.
pub(crate) fn callable(st: &State, r: RawRef) -> bool {
    let o = st.obj(r);
    let k = &st.b.kinds;
    let kind = o.kind();
    if kind == k.function || kind == k.native || kind == k.pyfunction || kind == k.type_ {
        return true;
    }
    if kind == k.wrap {
        let t = type_of(o).raw();
        return t == st.b.method_type || t == st.b.staticmethod_type;
    }
    let a = st.alloc();
    tuple::items(types::mro(type_of(o)))
        .any(|t| crate::objects::ops::dict_get_str(&a, types::dict(t), "__call__").is_some())
}

impl State {
    /// `f(*args, **kwargs)` for any callable, by its kind: Python functions to the
    /// evaluator, bound methods and `__call__` of Python classes, `tp_call` of extension
    /// types, the interpreter's natives, types, and extension functions to the host.
    pub(crate) fn call(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let k = self.obj(f).kind();
        if k == self.b.kinds.pyfunction {
            return self.up_call_pyfunction(f, args, kwargs);
        }
        // Extension functions (the `function` kind) are neither instances of Python
        // classes nor of extension types: they skip the `__call__`/`tp_call` lookups.
        if k != self.b.kinds.function {
            if k == self.b.kinds.wrap {
                return self.up_call_wrap(f, args, kwargs);
            }
            // Natives (`len`, bound builtin methods) are instances of neither a Python
            // class nor an extension type: no `__call__` or `tp_call` to look for.
            if k == self.b.kinds.native {
                return self.up_call_native(f, args, kwargs);
            }
            if let Some(c) = self.py_method(f, "__call__") {
                let mut all = Vec::with_capacity(args.len() + 1);
                all.push(f);
                all.extend_from_slice(args);
                return self.call(c, &all, kwargs);
            }
            if let Some(r) = self.up_ext_call_instance(f, args, kwargs) {
                return r;
            }
            if k == self.b.kinds.type_ {
                return self.call_type(f, args, kwargs);
            }
            let n = self.type_name(f);
            return Err(self.raise("TypeError", format!("'{n}' object is not callable")));
        }
        self.up_call_extension_function(f, args, kwargs)
    }
}
