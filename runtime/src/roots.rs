//! The runtime's roots and its side of every collection (the [`GcClient`]): the handle
//! table, the global table, the pending exception, the module registry; custom tracing of
//! dicts; freeing the Rust parts of dead dicts and types.

use gc::{GcClient, GcObject, RawRef, Tracer};

use crate::handles::HandleTable;
use crate::objects::{dict, types, Kinds};

#[derive(Debug)]
pub(crate) struct Roots {
    pub(crate) kinds: Kinds,
    pub(crate) handles: HandleTable,
    /// `HPyGlobal` values are indices into this table plus one (0 is "never stored").
    pub(crate) globals: Vec<RawRef>,
    /// The pending exception (an exception instance), or null.
    pub(crate) exc: RawRef,
    /// Imported modules, by name (`sys.modules`).
    pub(crate) modules: Vec<(String, RawRef)>,
    /// The interpreter's frames and temporaries: every value it holds lives here (null
    /// entries are unbound locals).
    pub(crate) stack: Vec<RawRef>,
    /// Exceptions being handled by `except` clauses, innermost last.
    pub(crate) handling: Vec<RawRef>,
    /// The attribute dicts of instances of Python subclasses of `int`, `str`, `list`…
    /// (whose builtin layouts have no word for one), by the instance's identity number.
    /// An entry goes when its instance dies (`drop_external`).
    pub(crate) side_dicts: std::collections::HashMap<u64, RawRef>,
}

impl Roots {
    pub(crate) fn new(kinds: Kinds) -> Roots {
        Roots {
            kinds,
            handles: HandleTable::default(),
            globals: Vec::new(),
            exc: RawRef::NULL,
            modules: Vec::new(),
            stack: Vec::new(),
            handling: Vec::new(),
            side_dicts: std::collections::HashMap::new(),
        }
    }
}

impl GcClient for Roots {
    fn trace_roots(&mut self, t: &mut Tracer<'_>) {
        self.handles.trace(t);
        t.root_set("HPy globals");
        for g in &mut self.globals {
            if !g.is_null() {
                t.edge(g);
            }
        }
        t.root_set("pending exception");
        if !self.exc.is_null() {
            t.edge(&mut self.exc);
        }
        t.root_set("module registry");
        for (_, m) in &mut self.modules {
            t.edge(m);
        }
        t.root_set("exceptions being handled");
        for v in &mut self.handling {
            t.edge(v);
        }
        t.root_set("attribute dicts of builtin-kind instances");
        for d in self.side_dicts.values_mut() {
            t.edge(d);
        }
        t.root_set("interpreter stack");
        for v in &mut self.stack {
            if !v.is_null() {
                t.edge(v);
            }
        }
    }

    fn trace_object(&mut self, obj: GcObject, t: &mut Tracer<'_>) {
        if obj.kind() == self.kinds.dict {
            dict::trace(obj.body(), t);
        } else if obj.kind() == self.kinds.hpy_instance {
            // SAFETY: word 0 (the type) is a readable and writable body word.
            unsafe { t.edge_at(obj.slot(0)) };
            if obj.body_len() > crate::objects::hpyobj::W_INST_DICT * 8 {
                // SAFETY: the body has the dict word of a Python subclass's instance.
                unsafe { t.edge_at(obj.slot(crate::objects::hpyobj::W_INST_DICT)) };
            }
            // SAFETY: the object is a live instance; its payload is owned by it.
            let p = unsafe { crate::objects::hpyobj::payload_of_body(obj.body()) };
            crate::exttype::traverse_payload(p, t);
        }
    }

    fn drop_external(&mut self, dead: GcObject) {
        let k = dead.kind();
        if !self.side_dicts.is_empty() && k != self.kinds.hpy_instance && k != self.kinds.type_ {
            // SAFETY: every object body starts with the type and id words.
            let w = unsafe { *(dead.body() as *const u64).add(crate::objects::W_ID) };
            if w != 0 {
                self.side_dicts.remove(&crate::objects::untag(w));
            }
        }
        // SAFETY: the collector calls this once per registered object that died, with its
        // last copy readable.
        unsafe {
            if k == self.kinds.dict {
                dict::free(dead.body());
            } else if k == self.kinds.type_ {
                types::free(dead.body());
            } else if k == self.kinds.capsule {
                crate::objects::capsule::free(dead.body());
            } else if k == self.kinds.hpy_instance {
                crate::objects::hpyobj::free(dead.body());
            } else if k == self.kinds.pyfunction {
                crate::objects::pyfunc::free(dead.body());
            } else if [
                self.kinds.int,
                self.kinds.float,
                self.kinds.str_,
                self.kinds.tuple,
                self.kinds.list,
            ]
            .contains(&k)
            {
                // Only instances of builtin-shape extension types register these kinds.
                crate::objects::hpyobj::free_shaped(dead.body());
            }
        }
    }
}
