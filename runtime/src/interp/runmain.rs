//! `hpymove -m NAME`: finds module NAME as CPython's `runpy` does and runs it as
//! `__main__`. Parent packages are imported first (their `__init__.py` runs); a package
//! runs its `__main__` submodule; the module itself is not registered under its own name,
//! only as `__main__`, with its spec (`__spec__.name` is NAME, `__package__` its parent)
//! so that relative imports inside it work.

use std::path::PathBuf;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{exception, list, module, str as pystr, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

/// Where module NAME was found.
enum Found {
    /// A `.py` file on the search path or in its package's `__path__`.
    File(PathBuf),
    /// A module of the standard library hpymove carries (`-m pytest`): its source and
    /// file name.
    Carried(&'static str, String),
    /// A package (regular or namespace): it runs its `__main__`.
    Package,
}

/// Why `-m NAME` cannot run: the message CPython prints after the executable's name.
pub(crate) type NotRunnable = String;

impl State {
    /// Runs module `name` as `__main__`. `Ok(Err(msg))`: it cannot be run (the command
    /// line prints `hpymove: msg`, status 1); `Err`: an exception, from a parent package's
    /// import or from the module.
    pub(crate) fn run_module_as_main(&mut self, name: &str) -> PyResult<Result<(), NotRunnable>> {
        if name.starts_with('.') {
            return Ok(Err("Relative module names not supported".into()));
        }
        let mut target = name.to_string();
        let found = loop {
            match self.find_main(&target)? {
                Err(why) => return Ok(Err(why)),
                Ok(Found::Package) if target.ends_with(".__main__") => {
                    return Ok(Err(format!(
                        "Cannot use package as __main__ module; '{}' is a package and cannot \
                         be directly executed",
                        &target[..target.len() - ".__main__".len()]
                    )));
                }
                Ok(Found::Package) => {
                    // The package itself is imported (its `__init__.py` runs), then its
                    // `__main__` submodule is what runs.
                    self.import_module(&target)?;
                    let main = format!("{target}.__main__");
                    match self.find_main(&main)? {
                        Ok(f) => {
                            target = main;
                            if matches!(f, Found::Package) {
                                continue;
                            }
                            break f;
                        }
                        Err(why) => {
                            return Ok(Err(format!(
                                "{why}; '{target}' is a package and cannot be directly executed"
                            )))
                        }
                    }
                }
                Ok(f) => break f,
            }
        };
        match found {
            Found::File(path) => self.run_file_as_main(&target, &path).map(Ok),
            Found::Carried(source, filename) => {
                let m = self.new_main_module()?;
                let mi = self.push(m);
                let r = self.run_source(source, &filename, self.at(mi));
                self.truncate(mi);
                r.map(Ok)
            }
            Found::Package => unreachable!("a package resolves to its __main__ above"),
        }
    }

    /// Looks module `name` up without running it (its parent packages are imported).
    fn find_main(&mut self, name: &str) -> PyResult<Result<Found, NotRunnable>> {
        let dirs = match name.rsplit_once('.') {
            Some((parent, _)) => {
                let p = match self.import_module(parent) {
                    Ok(p) => p,
                    Err(e) => return self.spec_error(name, parent, e),
                };
                match self.package_path(p) {
                    Some(dirs) => dirs,
                    None => {
                        return Ok(Err(format!(
                            "Error while finding module specification for '{name}' \
                             (ModuleNotFoundError: __path__ attribute not found on \
                             '{parent}' while trying to find '{name}')"
                        )))
                    }
                }
            }
            None => self.search_path(),
        };
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let mut namespace = false;
        for dir in dirs {
            let sub = dir.join(leaf);
            if sub.is_dir() && sub.join("__init__.py").is_file() {
                return Ok(Ok(Found::Package));
            }
            if dir.join(format!("{leaf}.hpy0.so")).is_file() {
                return Ok(Err(format!("No code object available for {name}")));
            }
            let py = dir.join(format!("{leaf}.py"));
            if py.is_file() {
                return Ok(Ok(Found::File(py)));
            }
            namespace |= sub.is_dir();
        }
        if namespace {
            return Ok(Ok(Found::Package));
        }
        if let Some((source, filename, pkg_dir)) = self.up_carried_module(name) {
            if pkg_dir.is_some() {
                // A carried package (`-m unittest`) runs its `__main__` submodule.
                return Ok(Ok(Found::Package));
            }
            return Ok(Ok(Found::Carried(source, filename)));
        }
        Ok(Err(format!("No module named {name}")))
    }

    /// The import of `parent`, the package of `name`, failed: an ImportError about that
    /// package (its `name` is `parent` or one of its ancestors) is reported as CPython's
    /// "Error while finding module specification" line, anything else propagates.
    fn spec_error(
        &mut self,
        name: &str,
        parent: &str,
        e: crate::error::Raised,
    ) -> PyResult<Result<Found, NotRunnable>> {
        let exc = self.roots.exc;
        let t = type_of(self.obj(exc));
        if !types::is_subtype(t, self.obj(self.b.exc("ImportError"))) {
            return Err(e);
        }
        let about = {
            let a = self.alloc();
            exception::attr(&a, self.obj(exc), "name")
                .filter(|n| n.kind() == self.b.kinds.str_)
                .map(|n| pystr::as_str(n).to_string())
        };
        let about_parent =
            about.is_some_and(|n| parent == n || parent.starts_with(&format!("{n}.")));
        if !about_parent {
            return Err(e);
        }
        let tname = types::type_name_of(self.obj(exc));
        self.roots.exc = RawRef::NULL;
        let ei = self.push(exc);
        let msg = self.str_text_at(Rooted::slot(ei));
        self.truncate(ei);
        let msg = msg?;
        Ok(Err(format!(
            "Error while finding module specification for '{name}' ({tname}: {msg})"
        )))
    }

    /// The `__main__` module, registered in the import table.
    fn new_main_module(&mut self) -> PyResult<RawRef> {
        let m = module::new(&self.alloc(), "__main__")?.raw();
        self.module_register("__main__", m)?;
        Ok(m)
    }

    /// Runs the file of module `name` as `__main__`, with `name`'s spec, `sys.argv[0]`
    /// its path (as runpy sets it).
    fn run_file_as_main(&mut self, name: &str, path: &std::path::Path) -> PyResult<()> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let filename = path.display().to_string();
        let source = self.read_module_source(&path)?;
        let m = self.new_main_module()?;
        let mi = self.push(m);
        let r = (|| {
            let spec = self.file_spec(name, &filename, false, None)?;
            let si = self.push(spec);
            self.init_module_attrs(mi, si)?;
            self.set_argv0(&filename)?;
            self.run_source(&source, &filename, self.at(mi))
        })();
        self.truncate(mi);
        r
    }

    /// `sys.argv[0] = text` (and for a `sys` made later).
    fn set_argv0(&mut self, text: &str) -> PyResult<()> {
        match self.interp.argv.first_mut() {
            Some(a) => *a = text.to_string(),
            None => self.interp.argv.push(text.to_string()),
        }
        let sys = self.roots.sys_module;
        if sys.is_null() {
            return Ok(());
        }
        let Some(argv) = self.lookup_attr(sys, "argv") else {
            return Ok(());
        };
        if self.obj(argv).kind() != self.b.kinds.list || list::len(self.obj(argv)) == 0 {
            return Ok(());
        }
        let ai = self.push(argv);
        let s = pystr::new(&self.alloc(), text)?.raw();
        let a = self.alloc();
        list::set(&a, a.heap_obj(self.at(ai)), 0, a.heap_obj(s));
        self.truncate(ai);
        Ok(())
    }
}
