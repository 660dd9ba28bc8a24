//! The import table: one dict from module names to modules, which is `sys.modules` itself.
//! `import` looks here first, registers what it loads here, and sees what Python code
//! stores or deletes (`sys.modules[name] = m`, `del sys.modules[name]`), as in CPython.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{dict, ops, str as pystr};
use crate::state::State;

impl State {
    /// The table (`sys.modules`).
    pub(crate) fn modules_dict(&self) -> RawRef {
        self.roots.modules
    }

    /// `sys.modules[name]` if the table has it (whatever object it is, `None` included).
    pub(crate) fn module_lookup(&self, name: &str) -> Option<RawRef> {
        let a = self.alloc();
        ops::dict_get_str(&a, self.obj(self.roots.modules), name).map(|m| m.raw())
    }

    /// `sys.modules[name] = m`.
    pub(crate) fn module_register(&mut self, name: &str, m: RawRef) -> PyResult<()> {
        // Allocation never collects: `m` stays valid across it.
        let a = self.alloc();
        let k = pystr::new(&a, name)?;
        ops::dict_set_str(&a, self.obj(self.roots.modules), k, self.obj(m));
        Ok(())
    }

    /// `sys.modules.pop(name, None)`.
    pub(crate) fn module_forget(&mut self, name: &str) {
        let a = self.alloc();
        let d = self.obj(self.roots.modules);
        let found = dict::lookup(d, ops::str_hash(name), |k| {
            let k = a.heap_obj(k);
            k.kind() == a.kinds().str_ && pystr::as_str(k) == name
        });
        if let Some((i, _)) = found {
            dict::remove_index(d, i);
        }
    }
}
