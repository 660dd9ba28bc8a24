//! Loading `name.hpy0.so` extensions: the ABI tag, a check that the file is a complete
//! shared object for this machine (`elf_check`), `dlopen(RTLD_NOW | RTLD_LOCAL)`, the
//! version checks, the four symbols, then the module from its `HPyModuleDef` with HPy's
//! rules. Every failure raises what the reference host (CPython's `hpy.universal`) raises,
//! with its wording: RuntimeError for the file, its symbols and its versions, SystemError or
//! ValueError for a bad module definition (an exception raised by the module's own
//! `HPy_mod_exec` propagates as is); ImportError only for what hpymove alone refuses (a
//! hybrid-ABI module). Nothing here crashes on bad input.

use std::ffi::{c_int, CStr};
use std::path::Path;

use gc::RawRef;
use hpy_abi::{
    HPy, HPyContext, HPyDef, HPyDef_Kind_GetSet, HPyDef_Kind_Member, HPyDef_Kind_Meth,
    HPyDef_Kind_Slot, HPyInitFunc, HPyInitGlobalContextFunc, HPyModuleDef, HPyVersionFunc,
    HPy_mod_create, HPy_mod_exec, HPY_ABI_VERSION, HPY_ABI_VERSION_MINOR,
};
use libloading::os::unix::{Library, Symbol, RTLD_LOCAL, RTLD_NOW};

use crate::error::{PyResult, Raised};
use crate::objects::ops;
use crate::objects::{function, module, str as pystr};
use crate::state::State;
use crate::value_stack::Rooted;

type ModExec = unsafe extern "C" fn(*mut HPyContext, HPy) -> c_int;
type ModCreate = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;

/// Why a module with `HPy_mod_create` may define nothing else (the messages start as the
/// reference's do; this explanation is ours).
const NON_DEFAULT: &str = "A module made by HPy_mod_create is not a builtin module object and uses nothing else from its HPyModuleDef: define only that slot, or drop it and let the runtime make the module from the definition.";

/// The system's message of a failed `dlopen`/`dlsym` (libloading's display is that text).
fn dl_text(e: libloading::Error) -> String {
    e.to_string()
}

/// The major version of the ABI tag in a file name (`.hpy<digits>`, as hpy.universal reads
/// it: the first `.hpy` followed by a digit), if there is one.
fn abi_tag(file: &str) -> Option<u64> {
    let rest = &file[file.find(".hpy")? + 4..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

impl State {
    fn import_error(&mut self, name: &str, why: String) -> Raised {
        self.raise(
            "ImportError",
            format!("cannot import HPy module '{name}': {why}"),
        )
    }

    /// A file that cannot be loaded, as `hpy.universal` reports a `dlopen` failure.
    fn dlopen_error(&mut self, path: &Path, why: String) -> Raised {
        self.raise(
            "RuntimeError",
            format!(
                "Error during loading of the HPy extension module at path '{}'. Error message from dlopen/WinAPI: {why}",
                path.display()
            ),
        )
    }

    /// `import name` (`HPyImport_ImportModule`, the embedding API): what the import
    /// statement finds, `name.hpy0.so` and `.py` files on the search path included.
    pub(crate) fn import(&mut self, name: &str) -> PyResult<RawRef> {
        self.up_install_builtins()?;
        self.up_import_module(name)
    }

    /// Loads the extension at `path` as module `name`. `spec` is the value-stack slot of
    /// its module spec (what `HPy_mod_create` receives). For an `import` (`importing`), the
    /// module gets `__spec__`, `__loader__`, `__package__` and `__file__` and is registered
    /// in `sys.modules` before its exec slots run, as importlib does; otherwise (as
    /// `hpy.universal.load`) it is only made.
    pub(crate) fn load_extension(
        &mut self,
        name: &str,
        path: &Path,
        spec: usize,
        importing: bool,
    ) -> PyResult<RawRef> {
        let leaf = name.rsplit('.').next().unwrap_or(name).to_string();
        // HPY_LOG=1: hpy.universal's line for every module it loads (on stdout).
        if std::env::var_os("HPY_LOG").is_some_and(|v| !v.is_empty() && v != "0") {
            let how = if self.debug().is_some() {
                " with a debug context"
            } else if self.trace.is_some() {
                " with a trace context"
            } else {
                ""
            };
            let line = format!("Loading '{leaf}' in HPy universal mode{how}\n");
            self.up_write_stdout(&line, true);
        }
        // dlopen trusts the file: a truncated one is SIGBUS inside the loader.
        if let Err(why) = crate::host::elf_check::check_file(path) {
            let why = format!("{} {why}", path.display());
            return Err(self.dlopen_error(path, why));
        }
        // SAFETY: loading runs the library's initialisers; that is what importing an
        // extension means. RTLD_NOW makes an unresolved symbol an error here, not a crash
        // at its first call.
        let lib = match unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) } {
            Ok(l) => l,
            Err(e) => return Err(self.dlopen_error(path, dl_text(e))),
        };
        if let Some(d) = self.debug() {
            // Its text ranges, so C frames in it are recognised.
            d.refresh_libs();
        }
        let sym_names = [
            format!("get_required_hpy_major_version_{leaf}"),
            format!("get_required_hpy_minor_version_{leaf}"),
            format!("HPyInitGlobalContext_{leaf}"),
            format!("HPyInit_{leaf}"),
        ];
        let mut addrs = [0usize; 4];
        let mut missing = [None, None, None, None];
        for (i, s) in sym_names.iter().enumerate() {
            // SAFETY: looking a symbol up does not call it.
            let sym: Result<Symbol<*const ()>, _> = unsafe { lib.get(s.as_bytes()) };
            match sym {
                Ok(p) if !(*p).is_null() => addrs[i] = *p as usize,
                Ok(_) => missing[i] = Some(format!("{s}: symbol is NULL")),
                Err(e) => missing[i] = Some(dl_text(e)),
            }
        }
        let p = path.display().to_string();
        if let Some(why) = missing[1].as_ref().or(missing[0].as_ref()) {
            return Err(self.raise(
                "RuntimeError",
                format!(
                    "Error during loading of the HPy extension module at path '{p}'. Cannot locate the required minimal HPy versions as symbols '{}' and `{}`. Error message from dlopen/WinAPI: {why}",
                    sym_names[1], sym_names[0]
                ),
            ));
        }
        // SAFETY: HPy_MODINIT defines these symbols with these signatures.
        let (major, minor) = unsafe {
            (
                std::mem::transmute::<usize, HPyVersionFunc>(addrs[0])(),
                std::mem::transmute::<usize, HPyVersionFunc>(addrs[1])(),
            )
        };
        if major != HPY_ABI_VERSION || minor > HPY_ABI_VERSION_MINOR {
            return Err(self.raise(
                "RuntimeError",
                format!(
                    "HPy extension module '{leaf}' requires unsupported version of the HPy runtime. Requested version: {major}.{minor}. Current HPy version: {HPY_ABI_VERSION}.{HPY_ABI_VERSION_MINOR}."
                ),
            ));
        }
        // The ABI tag in the file name (`<leaf>.hpy<major>.so`) must name the major
        // version the module requires.
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        match abi_tag(&file) {
            Some(tag) if tag == u64::from(major) => {}
            Some(tag) => {
                return Err(self.raise(
                    "RuntimeError",
                    format!(
                        "HPy extension module '{leaf}' at path '{p}': mismatch between the HPy ABI tag encoded in the filename and the major version requested by the HPy extension itself. Major version tag parsed from filename: {tag}. Requested version: {major}.{minor}."
                    ),
                ))
            }
            None => {
                return Err(self.raise(
                    "RuntimeError",
                    format!(
                        "HPy extension module '{leaf}' at path '{p}': could not find HPy ABI tag encoded in the filename. The extension claims to be compiled with HPy ABI version: {major}.{minor}."
                    ),
                ))
            }
        }
        for i in 2..4 {
            if let Some(why) = &missing[i] {
                return Err(self.raise(
                    "RuntimeError",
                    format!(
                        "Error during loading of the HPy extension module at path '{p}' while trying to find symbol '{}'. Did you use the HPy_MODINIT macro to register your module? Error message from dlsym/WinAPI: {why}",
                        sym_names[i]
                    ),
                ));
            }
        }
        let ctx = self.ctx_ptr();
        // SAFETY: as above; the extension stores our context for its trampolines.
        let def = unsafe {
            std::mem::transmute::<usize, HPyInitGlobalContextFunc>(addrs[2])(ctx);
            std::mem::transmute::<usize, HPyInitFunc>(addrs[3])()
        };
        // SAFETY: nothing holds the state across the calls above.
        let st = unsafe { State::from_ctx(ctx) };
        st.libs.push(lib);
        if def.is_null() {
            return Err(st.raise(
                "RuntimeError",
                format!(
                    "Error during loading of the HPy extension module at path '{p}'. Function '{}' returned NULL.",
                    sym_names[3]
                ),
            ));
        }
        // SAFETY: a non-NULL module definition from the extension, static in its image.
        let def = unsafe { &*def };
        st.create_module(name, path, def, spec, importing)
    }

    fn create_module(
        &mut self,
        name: &str,
        path: &Path,
        def: &HPyModuleDef,
        spec: usize,
        importing: bool,
    ) -> PyResult<RawRef> {
        if !def.legacy_methods.is_null() {
            return Err(self.import_error(
                name,
                "it defines legacy_methods, which need the CPython C API (a hybrid-ABI module); hpymove runs universal-ABI modules only".into(),
            ));
        }
        if def.size < 0 {
            return Err(self.raise(
                "SystemError",
                "HPy does not permit HPyModuleDef.size < 0".into(),
            ));
        }
        if def.size > 0 {
            return Err(self.raise(
                "SystemError",
                "Module state is not supported yet in HPy, set HPyModuleDef.size = 0 if module state is not needed".into(),
            ));
        }
        // Read the definitions first: every problem is reported before anything runs.
        let mut meths = Vec::new();
        let mut create: Option<usize> = None;
        let mut execs = Vec::new();
        let mut i = 0;
        while !def.defines.is_null() {
            // SAFETY: a NULL-terminated array of definitions.
            let d = unsafe { *def.defines.add(i) };
            if d.is_null() {
                break;
            }
            i += 1;
            // SAFETY: each entry points at a static HPyDef.
            let d: &HPyDef = unsafe { &*d };
            match d.kind {
                HPyDef_Kind_Meth => {
                    // SAFETY: the kind says which union member is live.
                    let m = unsafe { d.u.meth };
                    if !(1..=4).contains(&m.signature.0) {
                        return Err(
                            self.raise("ValueError", "Unsupported HPyMeth signature".into())
                        );
                    }
                    let Some(f) = m.r#impl else {
                        return Err(self.raise(
                            "SystemError",
                            "a method of HPyModuleDef.defines has a NULL impl".into(),
                        ));
                    };
                    if m.name.is_null() {
                        return Err(self.raise(
                            "SystemError",
                            "a method of HPyModuleDef.defines has a NULL name".into(),
                        ));
                    }
                    // SAFETY: static NUL-terminated strings of the definition.
                    let (mname, doc) = unsafe {
                        (
                            CStr::from_ptr(m.name).to_string_lossy().into_owned(),
                            (!m.doc.is_null())
                                .then(|| CStr::from_ptr(m.doc).to_string_lossy().into_owned()),
                        )
                    };
                    meths.push((mname, doc, f as usize, m.signature.0));
                }
                HPyDef_Kind_Slot => {
                    // SAFETY: as above.
                    let s = unsafe { d.u.slot };
                    if s.slot == HPy_mod_create {
                        if create.is_some() {
                            return Err(self.raise(
                                "SystemError",
                                "Multiple definitions of the HPy_mod_create slot in HPyModuleDef.defines.".into(),
                            ));
                        }
                    } else if s.slot != HPy_mod_exec {
                        return Err(self.raise(
                            "SystemError",
                            format!(
                                "Unsupported slot in HPyModuleDef.defines (value: {}).",
                                s.slot.0
                            ),
                        ));
                    }
                    let Some(f) = s.r#impl else {
                        return Err(self.raise(
                            "SystemError",
                            format!("slot {} of HPyModuleDef.defines has a NULL impl", s.slot.0),
                        ));
                    };
                    if s.slot == HPy_mod_create {
                        create = Some(f as usize);
                    } else {
                        execs.push(f as usize);
                    }
                }
                HPyDef_Kind_Member | HPyDef_Kind_GetSet => {
                    return Err(self.raise(
                        "SystemError",
                        "members and get/set descriptors are not allowed in HPyModuleDef.defines"
                            .into(),
                    ))
                }
                k => {
                    return Err(self.raise(
                        "SystemError",
                        format!("unknown definition kind {} in HPyModuleDef.defines", k.0),
                    ))
                }
            }
        }

        let m = match create {
            None => module::new(&self.alloc(), name)?.raw(),
            Some(f) => {
                // HPy's rule: a module made by HPy_mod_create can use nothing else the
                // definition gives.
                if !meths.is_empty() || !execs.is_empty() {
                    return Err(self.raise(
                        "SystemError",
                        format!("HPyModuleDef defines a HPy_mod_create slot and some other slots or methods. {NON_DEFAULT}"),
                    ));
                }
                if !def.doc.is_null() || !def.globals.is_null() {
                    return Err(self.raise(
                        "SystemError",
                        format!("HPyModuleDef defines a HPy_mod_create slot and some of the other fields are not set to their default value. {NON_DEFAULT}"),
                    ));
                }
                let h = self.roots.handles.open(self.at(spec));
                self.safepoint();
                let what = format!("{name}: HPy_mod_create");
                // Debug mode tells the call's own C frames by this frame's address.
                let anchor = 0u8;
                let frame = self.debug().map(|d| {
                    let anchor = std::hint::black_box(&anchor) as *const u8 as usize;
                    d.push_frame_at(&what, &[h._i], f, anchor)
                });
                let ctx = self.ctx_ptr();
                let r = crate::host::crash::while_running(None, &what, || {
                    // SAFETY: the slot's signature is HPyFunc_MOD_CREATE.
                    unsafe { std::mem::transmute::<usize, ModCreate>(f)(ctx, h) }
                });
                // SAFETY: the extension returned.
                let st = unsafe { State::from_ctx(ctx) };
                let r = st.debug_return(frame, r);
                let _ = st.roots.handles.close(h);
                let created = st.take_result(r, "HPy_mod_create")?;
                if st.obj(created).kind() == st.b.kinds.module {
                    return Err(st.raise(
                        "SystemError",
                        "HPy_mod_create slot returned a builtin module object. This is currently not supported.".into(),
                    ));
                }
                if importing {
                    let ci = st.push(created);
                    st.init_import_attrs(ci, spec)?;
                    st.module_register(name, st.at(ci))?;
                    let created = st.at(ci);
                    st.truncate(ci);
                    return Ok(created);
                }
                return Ok(created);
            }
        };
        let mi = self.push(m);
        let r = self.finish_module(name, path, def, mi, spec, importing, &meths, &execs);
        self.truncate(mi);
        r
    }

    /// What importlib records on a module it loads (`_init_module_attrs`): `__spec__`,
    /// `__loader__` and `__package__` from the spec, `__file__` its origin. An object that
    /// refuses an attribute (`HPy_mod_create` may return anything) goes without it.
    fn init_import_attrs(&mut self, m: usize, spec: usize) -> PyResult<()> {
        let values = [
            ("__spec__", None),
            ("__loader__", Some("loader")),
            ("__package__", Some("parent")),
            ("__file__", Some("origin")),
        ];
        for (attr, from) in values {
            let v = match from {
                None => self.at(spec),
                Some(f) => self.getattr_at(Rooted::slot(spec), f)?,
            };
            if self.setattr(self.at(m), attr, v).is_err() {
                if !self.exc_is("AttributeError") {
                    return Err(Raised);
                }
                self.roots.exc = RawRef::NULL;
            }
        }
        Ok(())
    }

    /// The module `m` (at value-stack slot `mi`) from the definition: its doc, file,
    /// methods, then its exec slots in order.
    #[allow(clippy::too_many_arguments)]
    fn finish_module(
        &mut self,
        name: &str,
        path: &Path,
        def: &HPyModuleDef,
        mi: usize,
        spec: usize,
        importing: bool,
        meths: &[(String, Option<String>, usize, u32)],
        execs: &[usize],
    ) -> PyResult<RawRef> {
        let is_module = self.obj(self.at(mi)).kind() == self.b.kinds.module;
        if is_module {
            let doc = if def.doc.is_null() {
                self.b.none
            } else {
                // SAFETY: a static NUL-terminated docstring.
                let d = unsafe { CStr::from_ptr(def.doc) }
                    .to_string_lossy()
                    .into_owned();
                pystr::new(&self.alloc(), &d)?.raw()
            };
            self.setattr(self.at(mi), "__doc__", doc)?;
            let file = pystr::new(&self.alloc(), &path.display().to_string())?.raw();
            self.setattr(self.at(mi), "__file__", file)?;
        }
        // One handle to the module, open for good, is the `self` of every call of its
        // functions (an extension module is never unloaded, so this keeps nothing alive
        // that would otherwise die, except a module whose import fails). Debug mode opens
        // one per call instead, to check what the extension does with it.
        let self_handle = if self.roots.handles.debug.is_none() && !meths.is_empty() {
            self.roots.handles.open(self.at(mi))._i
        } else {
            0
        };
        for (mname, doc, f, sig) in meths {
            let a = self.alloc();
            let label = crate::host::crash::intern(&format!("{name}.{mname}"));
            let m = self.obj(self.at(mi));
            let fobj = function::new(&a, mname, doc.as_deref(), m, *f, *sig, label)?;
            function::set_self_handle(fobj, self_handle);
            let fobj = fobj.raw();
            let d = module::dict(self.obj(self.at(mi))).raw();
            let k = pystr::new(&self.alloc(), mname)?.raw();
            let a = self.alloc();
            ops::dict_set_str(&a, self.obj(d), self.obj(k), self.obj(fobj));
        }
        if importing {
            // As importlib: the spec's attributes, and registered before the exec slots
            // run (an exec slot that imports its own module finds it).
            self.init_import_attrs(mi, spec)?;
            self.module_register(name, self.at(mi))?;
        }
        for f in execs {
            let h = self.roots.handles.open(self.at(mi));
            self.safepoint();
            let what = format!("{name}: HPy_mod_exec");
            // Debug mode tells the call's own C frames by this frame's address.
            let anchor = 0u8;
            let frame = self.debug().map(|d| {
                let anchor = std::hint::black_box(&anchor) as *const u8 as usize;
                d.push_frame_at(&what, &[h._i], *f, anchor)
            });
            let ctx = self.ctx_ptr();
            let rc = crate::host::crash::while_running(None, &what, || {
                // SAFETY: the slot's signature is HPyFunc_INQUIRY.
                unsafe { std::mem::transmute::<usize, ModExec>(*f)(ctx, h) }
            });
            // SAFETY: the extension returned.
            let st = unsafe { State::from_ctx(ctx) };
            st.debug_return(frame, hpy_abi::HPy_NULL);
            let _ = st.roots.handles.close(h);
            if rc != 0 || st.exc_pending() {
                if importing {
                    st.module_forget(name);
                }
                if !st.exc_pending() {
                    return Err(st.raise(
                        "SystemError",
                        format!("execution of module {name} failed without setting an exception"),
                    ));
                }
                return Err(Raised);
            }
        }
        // An import gives what `sys.modules` holds afterwards (a module may replace itself
        // there, as importlib allows).
        let registered = if importing {
            self.module_lookup(name)
        } else {
            None
        };
        Ok(registered.unwrap_or(self.at(mi)))
    }
}
