//! Imports decided at run time: relative imports (`from .support import X`), the builtin
//! `__import__` (what `importlib.import_module` is written over), and `sys._forget_module`,
//! which drops a module from the import table (a test runner imports each directory's
//! `conftest.py` under the same name, as pytest does after removing the previous one).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::ops;
use crate::objects::str as pystr;
use crate::state::State;
use crate::value_stack::Rooted;

impl State {
    /// `name` through the finders of `sys.meta_path` (`_importspec.load_from_meta_path`):
    /// `Ok(None)` when the list is empty or no finder knows it.
    pub(crate) fn import_from_meta_path(&mut self, name: &str) -> PyResult<Option<RawRef>> {
        let sys = self.roots.sys_module;
        if sys.is_null() {
            return Ok(None);
        }
        let finders = self.lookup_attr(sys, "meta_path");
        let empty = finders.is_none_or(|l| {
            self.obj(l).kind() == self.b.kinds.list && crate::objects::list::len(self.obj(l)) == 0
        });
        if empty {
            return Ok(None);
        }
        let mark = self.roots.stack.len();
        let r = (|| {
            let path = match name.rsplit_once('.') {
                Some((parent, _)) => {
                    let p = self.import_module(parent)?;
                    self.lookup_attr(p, "__path__").unwrap_or(self.b.none)
                }
                None => self.b.none,
            };
            self.push(path);
            let n = pystr::new(&self.alloc(), name)?.raw();
            self.push(n);
            let m = self.import_module("_importspec")?;
            let f = self.getattr(m, "load_from_meta_path")?;
            let r = self.call(f, &[self.at(mark + 1), self.at(mark)], &[])?;
            Ok((r != self.b.none).then_some(r))
        })();
        self.truncate(mark);
        r
    }

    /// The module named by `from <level dots><module> import ...` in the running frame.
    pub(crate) fn import_from_name(
        &mut self,
        level: u32,
        module: Option<&str>,
    ) -> PyResult<String> {
        if level == 0 {
            return Ok(module.unwrap_or("").to_string());
        }
        let g = self.at(self.frame_base());
        self.resolve_relative(g, level, module)
    }

    /// `from <module m, named mname> import *` in the running frame's globals: the names
    /// listed in `m.__all__` (each must be a str attribute of `m`), or else every name of
    /// its namespace that does not start with an underscore.
    pub(crate) fn import_star(&mut self, m: RawRef, mname: &str) -> PyResult<()> {
        let mi = self.push(m);
        let names: Vec<String> = match self.lookup_attr(m, "__all__") {
            Some(all) => {
                let l = self.items_list(all)?;
                let mut names = Vec::new();
                let mut bad = None;
                for item in crate::objects::list::items(self.obj(l)) {
                    if item.kind() != self.b.kinds.str_ {
                        bad = Some(crate::objects::types::type_name_of(item));
                        break;
                    }
                    names.push(pystr::as_str(item).to_string());
                }
                if let Some(t) = bad {
                    let msg = format!("Item in {mname}.__all__ must be str, not {t}");
                    self.truncate(mi);
                    return Err(self.raise("TypeError", msg));
                }
                names
            }
            None => {
                let d = crate::objects::module::dict(self.obj(self.at(mi)));
                let keys: Vec<RawRef> = crate::objects::dict::entries(d)
                    .keys()
                    .map(|k| k.key.get())
                    .collect();
                // No code runs while the keys are read: they are current.
                keys.into_iter()
                    .map(|k| self.obj(k))
                    .filter(|k| k.kind() == self.b.kinds.str_)
                    .map(|k| pystr::as_str(k).to_string())
                    .filter(|k| !k.starts_with('_'))
                    .collect()
            }
        };
        for name in names {
            let v = self.getattr_at(Rooted::slot(mi), &name)?;
            let g = self.at(self.frame_base());
            let a = self.alloc();
            // Allocation never collects: `v` and `g` stay valid.
            let k = pystr::new(&a, &name)?;
            ops::dict_set_str(&a, self.obj(g), k, self.obj(v));
        }
        self.truncate(mi);
        Ok(())
    }

    /// The spec of module `name` found at `path` (`_importspec.spec_from_file`): an
    /// extension's, or a `.py` file's (a package's when `package_dir` is given).
    pub(crate) fn file_spec(
        &mut self,
        name: &str,
        path: &str,
        extension: bool,
        package_dir: Option<&str>,
    ) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        let r = self.file_spec_inner(name, path, extension, package_dir, mark);
        self.truncate(mark);
        r
    }

    fn file_spec_inner(
        &mut self,
        name: &str,
        path: &str,
        extension: bool,
        package_dir: Option<&str>,
        mark: usize,
    ) -> PyResult<RawRef> {
        let m = self.import_module("_importspec")?;
        let f = self.getattr(m, "spec_from_file")?;
        self.push(f);
        for text in [name, path] {
            let s = pystr::new(&self.alloc(), text)?.raw();
            self.push(s);
        }
        self.push(if extension {
            self.b.true_
        } else {
            self.b.false_
        });
        let dir = match package_dir {
            Some(d) => pystr::new(&self.alloc(), d)?.raw(),
            None => self.b.none,
        };
        self.push(dir);
        let args: Vec<RawRef> = self.roots.stack[mark + 1..].to_vec();
        self.call(self.at(mark), &args, &[])
    }

    /// `_importspec.init_module_attrs(module, spec)`: what importlib records on a module
    /// it loads from a file (`__spec__`, `__loader__`, `__package__`, `__file__`...).
    pub(crate) fn init_module_attrs(&mut self, module: usize, spec: usize) -> PyResult<()> {
        let m = self.import_module("_importspec")?;
        let f = self.getattr(m, "init_module_attrs")?;
        self.call(f, &[self.at(module), self.at(spec)], &[])
            .map(|_| ())
    }

    /// The absolute module name of `from <level dots><module> import ...` run in a module
    /// whose globals are `globals`: relative to its `__package__`, else to its `__name__`
    /// (itself when it is a package, having `__path__`; else its parent).
    pub(crate) fn resolve_relative(
        &mut self,
        globals: RawRef,
        level: u32,
        module: Option<&str>,
    ) -> PyResult<String> {
        let (package, name, is_pkg) = {
            let a = self.alloc();
            let g = self.obj(globals);
            let text = |key: &str| {
                ops::dict_get_str(&a, g, key)
                    .filter(|v| v.kind() == self.b.kinds.str_)
                    .map(|v| pystr::as_str(v).to_string())
            };
            (
                text("__package__"),
                text("__name__"),
                ops::dict_get_str(&a, g, "__path__").is_some(),
            )
        };
        let base = match (package, name) {
            (Some(p), _) => p,
            (None, Some(n)) if is_pkg => n,
            (None, Some(n)) => n
                .rsplit_once('.')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default(),
            (None, None) => String::new(),
        };
        if base.is_empty() || base == "__main__" {
            return Err(self.raise(
                "ImportError",
                "attempted relative import with no known parent package".into(),
            ));
        }
        let mut parts: Vec<&str> = base.split('.').collect();
        if level as usize > parts.len() {
            return Err(self.raise(
                "ImportError",
                "attempted relative import beyond top-level package".into(),
            ));
        }
        parts.truncate(parts.len() + 1 - level as usize);
        let mut full = parts.join(".");
        if let Some(m) = module.filter(|m| !m.is_empty()) {
            full.push('.');
            full.push_str(m);
        }
        Ok(full)
    }
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: imports `name`
/// and returns its top package, or the module itself when `fromlist` is not empty.
pub(super) fn import(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let arg = |st: &State, i: usize, kw: &str| args.opt(st, i).or_else(|| args.kw_get(st, kw));
    let Some(n) = arg(st, 0, "name") else {
        return Err(st.raise(
            "TypeError",
            "__import__() missing required argument 'name' (pos 1)".into(),
        ));
    };
    if st.obj(n).kind() != st.b.kinds.str_ {
        let t = st.type_name(n);
        return Err(st.raise(
            "TypeError",
            format!("__import__() argument 1 must be str, not {t}"),
        ));
    }
    let mut name = pystr::as_str(st.obj(n)).to_string();
    let level = match arg(st, 4, "level") {
        Some(l) => crate::objects::repr::str_of(st.obj(l))
            .parse::<u32>()
            .unwrap_or(0),
        None => 0,
    };
    if level > 0 {
        let globals = arg(st, 1, "globals").filter(|g| st.obj(*g).kind() == st.b.kinds.dict);
        let Some(g) = globals else {
            return Err(st.raise("KeyError", "'__name__' not in globals".into()));
        };
        name = st.resolve_relative(g, level, Some(&name))?;
    }
    let from = match arg(st, 3, "fromlist") {
        Some(f) if f != st.b.none => st.truth(f)?,
        _ => false,
    };
    let m = st.import_module(&name)?;
    if from || !name.contains('.') {
        return Ok(m);
    }
    let top = name.split('.').next().unwrap_or(&name).to_string();
    st.import_module(&top)
}

/// `sys._forget_module(name)`: the next import of `name` runs its file again.
pub(super) fn forget_module(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = match args.opt(st, 0) {
        Some(n) if st.obj(n).kind() == st.b.kinds.str_ => pystr::as_str(st.obj(n)).to_string(),
        _ => {
            return Err(st.raise(
                "TypeError",
                "_forget_module() takes one str argument".into(),
            ))
        }
    };
    st.module_forget(&name);
    Ok(st.b.none)
}
