//! The runtime's roots and its side of every collection (the [`GcClient`]): the handle
//! table, the global table, the pending exception, the module registry; custom tracing of
//! dicts; freeing the Rust parts of dead dicts and types.

use gc::{GcClient, GcObject, RawRef, Tracer};

use crate::host::handles::HandleTable;
use crate::objects::{dict, types, Kinds};

#[derive(Debug)]
pub(crate) struct Roots {
    pub(crate) kinds: Kinds,
    pub(crate) handles: HandleTable,
    /// `HPyGlobal` values are indices into this table plus one (0 is "never stored").
    pub(crate) globals: Vec<RawRef>,
    /// The pending exception (an exception instance), or null.
    pub(crate) exc: RawRef,
    /// The import table, a dict from names to modules: `sys.modules` (`objects/modtable.rs`).
    /// Null only while the runtime is being created.
    pub(crate) modules: RawRef,
    /// The `sys` module once created: `import sys` finds it again after `del
    /// sys.modules['sys']`, and the search path is its `path` whatever the table says.
    pub(crate) sys_module: RawRef,
    /// The interpreter's frames and temporaries: every value it holds lives here (null
    /// entries are unbound locals).
    pub(crate) stack: Vec<RawRef>,
    /// The value stacks of the frames that resumed the running generators, outermost
    /// first (`stack` is the running generator's own meanwhile).
    pub(crate) stashed: Vec<Vec<RawRef>>,
    /// A value passed between a generator and its resumer (sent, yielded, returned).
    pub(crate) gen_transfer: RawRef,
    /// Exceptions being handled by `except` clauses, innermost last.
    pub(crate) handling: Vec<RawRef>,
    /// Bad `HPyField`s found by the last collection, described (the collection fails).
    pub(crate) field_errors: Vec<String>,
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
            modules: RawRef::NULL,
            sys_module: RawRef::NULL,
            stack: Vec::new(),
            stashed: Vec::new(),
            gen_transfer: RawRef::NULL,
            handling: Vec::new(),
            field_errors: Vec::new(),
            side_dicts: std::collections::HashMap::new(),
        }
    }

    /// Kinds whose objects may be instances of builtin-shape extension types.
    fn is_shaped_kind(&self, k: gc::Kind) -> bool {
        let ks = &self.kinds;
        [ks.int, ks.float, ks.str_, ks.tuple, ks.list, ks.type_].contains(&k)
    }

    /// The payload an extension instance of any shape owns, if `obj` is one.
    ///
    /// # Safety
    /// `obj`'s body is readable (being scanned, or the last copy of a dead object).
    unsafe fn payload_at<'a>(&self, obj: GcObject) -> Option<&'a crate::objects::hpyobj::Payload> {
        let k = obj.kind();
        // SAFETY: forwarded from the caller.
        unsafe {
            if k == self.kinds.hpy_instance {
                Some(crate::objects::hpyobj::payload_of_body(obj.body()))
            } else if k == self.kinds.dict || self.is_shaped_kind(k) {
                crate::objects::hpyobj::shaped_payload(obj.body()).map(|p| &*p)
            } else {
                None
            }
        }
    }

    /// Reports the `HPyField`s in `obj`'s payload (if it has one) to the collector.
    fn trace_fields(&mut self, obj: GcObject, t: &mut Tracer<'_>) {
        // SAFETY: the object is being scanned: its body is readable.
        if let Some(p) = unsafe { self.payload_at(obj) } {
            let debug = self.handles.debug.as_deref_mut();
            crate::host::fields::traverse_payload(p, obj, t, &mut self.field_errors, debug);
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
        for m in [&mut self.modules, &mut self.sys_module] {
            if !m.is_null() {
                t.edge(m);
            }
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
        for v in self
            .stack
            .iter_mut()
            .chain(self.stashed.iter_mut().flatten())
        {
            if !v.is_null() {
                t.edge(v);
            }
        }
        t.root_set("value passed to or from a generator");
        if !self.gen_transfer.is_null() {
            t.edge(&mut self.gen_transfer);
        }
    }

    fn trace_object(&mut self, obj: GcObject, t: &mut Tracer<'_>) {
        if obj.kind() == self.kinds.dict {
            dict::trace(obj.body(), t);
            // An instance of a Dict-shaped extension type: its payload's fields.
            self.trace_fields(obj, t);
        } else if obj.kind() == self.kinds.hpy_instance {
            // SAFETY: word 0 (the type) is a readable and writable body word.
            unsafe { t.edge_at(obj.slot(0)) };
            if obj.body_len() > crate::objects::hpyobj::W_INST_DICT * 8 {
                // SAFETY: the body has the dict word of a Python subclass's instance.
                unsafe { t.edge_at(obj.slot(crate::objects::hpyobj::W_INST_DICT)) };
            }
            self.trace_fields(obj, t);
        } else if obj.kind() == self.kinds.generator {
            crate::objects::generator::trace(obj, t);
        }
    }

    fn prefetch_object(&mut self, obj: GcObject) {
        if obj.kind() == self.kinds.hpy_instance {
            // The payload's header and the start of its C struct: what tracing reads.
            let p = obj.word(crate::objects::hpyobj::W_PAYLOAD) as usize;
            gc::prefetch(p);
            gc::prefetch(p + 64);
        }
    }

    fn trace_external(&mut self, obj: GcObject, t: &mut Tracer<'_>) {
        // Instances of builtin-shape extension types: their payload's fields.
        self.trace_fields(obj, t);
    }

    fn drop_external(&mut self, dead: GcObject) {
        let k = dead.kind();
        if k == self.kinds.hpy_instance && self.handles.debug.is_none() {
            // The commonest: an extension instance (no side dict; debug mode has fields to
            // forget first, below).
            // SAFETY: the collector calls this once per registered object that died, with
            // its last copy readable.
            unsafe { crate::host::payload::free(dead.body()) };
            return;
        }
        let shaped = self.is_shaped_kind(k);
        if self.handles.debug.is_some() {
            // SAFETY: the dead object's last copy is readable during this call.
            if let Some(p) = unsafe { self.payload_at(dead) } {
                let d = self.handles.debug.as_deref_mut().expect("debug mode");
                d.forget_fields(p.data as usize, p.fields.iter());
            }
        }
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
            // A dict or a type may also own an extension payload (an instance of a
            // Dict-shaped type; a type whose metaclass is a Type-shaped extension type):
            // registered once, it is freed here with the object's own part.
            if k == self.kinds.dict {
                crate::host::payload::free_shaped(dead.body());
                dict::free(dead.body());
            } else if k == self.kinds.type_ {
                crate::host::payload::free_shaped(dead.body());
                types::free(dead.body());
            } else if k == self.kinds.capsule {
                crate::host::payload::free_capsule(dead.body());
            } else if k == self.kinds.code {
                crate::objects::codeobj::free(dead.body());
            } else if k == self.kinds.hpy_instance {
                crate::host::payload::free(dead.body());
            } else if k == self.kinds.pyfunction {
                crate::objects::pyfunc::free(dead.body());
            } else if k == self.kinds.generator {
                crate::objects::generator::free(dead.body());
            } else if shaped {
                // Only instances of builtin-shape extension types register these kinds.
                crate::host::payload::free_shaped(dead.body());
            }
        }
    }
}
