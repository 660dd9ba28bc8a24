//! Loading `name.hpy0.so` extensions: the ABI tag, a check that the file is a complete
//! shared object for this machine (`elf_check`), `dlopen(RTLD_NOW | RTLD_LOCAL)`, the
//! version checks, the four symbols, then the module from its `HPyModuleDef` with HPy's
//! rules. Every failure is an ImportError saying why (an exception raised by the module's
//! own `HPy_mod_exec` propagates as is, as on CPython); nothing here crashes on bad input.

use std::ffi::{c_int, CStr};
use std::path::{Path, PathBuf};

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

type ModExec = unsafe extern "C" fn(*mut HPyContext, HPy) -> c_int;
type ModCreate = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;

/// The file-name tag of the universal ABI we implement.
const TAG: &str = ".hpy0.so";

impl State {
    fn import_error(&mut self, name: &str, why: String) -> Raised {
        self.raise(
            "ImportError",
            format!("cannot import HPy module '{name}': {why}"),
        )
    }

    /// `import name`: a module already imported, or `name.hpy0.so` on the search path.
    pub(crate) fn import(&mut self, name: &str) -> PyResult<RawRef> {
        if let Some((_, m)) = self.roots.modules.iter().find(|(n, _)| n == name) {
            return Ok(*m);
        }
        if name == "builtins" {
            return Ok(self.b.builtins_module);
        }
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let rel: PathBuf = name.split('.').collect::<PathBuf>();
        let file = rel.with_file_name(format!("{leaf}{TAG}"));
        let found = self.path.iter().map(|d| d.join(&file)).find(|p| p.exists());
        match found {
            Some(p) => self.load_extension(name, &p),
            // Not an extension: what `import` in a script finds (`sys`, `math`, `.py`
            // files on the path, the standard library hpymove carries).
            None => {
                crate::interp::natives::install_builtins(self)?;
                self.import_module(name)
            }
        }
    }

    /// Loads the extension at `path` as module `name` (and registers it).
    pub(crate) fn load_extension(&mut self, name: &str, path: &Path) -> PyResult<RawRef> {
        let leaf = name.rsplit('.').next().unwrap_or(name).to_string();
        let file = path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The ABI tag: `<leaf>.hpy<major>.so`.
        let Some(stem) = file.strip_suffix(".so") else {
            return Err(self.import_error(
                name,
                format!("{} is not a shared object (.so)", path.display()),
            ));
        };
        match stem.rsplit_once(".hpy") {
            Some((_, major)) if major == HPY_ABI_VERSION.to_string() => {}
            Some((_, major)) => {
                return Err(self.import_error(
                    name,
                    format!(
                        "{} is tagged for HPy ABI version {major}, this runtime implements version {HPY_ABI_VERSION} ({TAG})",
                        path.display()
                    ),
                ))
            }
            None => {
                return Err(self.import_error(
                    name,
                    format!(
                        "{} is not an HPy universal extension: its file name must end in {TAG}",
                        path.display()
                    ),
                ))
            }
        }

        // dlopen trusts the file: a truncated one is SIGBUS inside the loader.
        if let Err(why) = crate::host::elf_check::check_file(path) {
            return Err(self.import_error(name, format!("{} {why}", path.display())));
        }
        // SAFETY: loading runs the library's initialisers; that is what importing an
        // extension means. RTLD_NOW makes an unresolved symbol an error here, not a crash
        // at its first call.
        let lib = match unsafe { Library::open(Some(path), RTLD_NOW | RTLD_LOCAL) } {
            Ok(l) => l,
            Err(e) => {
                return Err(self.import_error(name, format!("cannot load {}: {e}", path.display())))
            }
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
        for (i, s) in sym_names.iter().enumerate() {
            // SAFETY: looking a symbol up does not call it.
            let sym: Result<Symbol<*const ()>, _> = unsafe { lib.get(s.as_bytes()) };
            match sym {
                Ok(p) if !(*p).is_null() => addrs[i] = *p as usize,
                _ => {
                    return Err(self.import_error(
                        name,
                        format!(
                            "{} has no symbol {s}: it is not an HPy universal module named '{leaf}' (built with HPy_MODINIT({leaf}, ...))",
                            path.display()
                        ),
                    ))
                }
            }
        }
        // SAFETY: HPy_MODINIT defines these symbols with these signatures.
        let (major, minor) = unsafe {
            (
                std::mem::transmute::<usize, HPyVersionFunc>(addrs[0])(),
                std::mem::transmute::<usize, HPyVersionFunc>(addrs[1])(),
            )
        };
        if major != HPY_ABI_VERSION || minor > HPY_ABI_VERSION_MINOR {
            return Err(self.import_error(
                name,
                format!(
                    "it requires HPy ABI version {major}.{minor}, this runtime implements {HPY_ABI_VERSION}.{HPY_ABI_VERSION_MINOR}"
                ),
            ));
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
            let why = format!("HPyInit_{leaf} returned NULL");
            return Err(st.import_error(name, why));
        }
        // SAFETY: a non-NULL module definition from the extension, static in its image.
        let def = unsafe { &*def };
        st.create_module(name, path, def)
    }

    fn create_module(&mut self, name: &str, path: &Path, def: &HPyModuleDef) -> PyResult<RawRef> {
        if !def.legacy_methods.is_null() {
            return Err(self.import_error(
                name,
                "it defines legacy_methods, which need the CPython C API (a hybrid-ABI module); hpymove runs universal-ABI modules only".into(),
            ));
        }
        if def.size < 0 {
            return Err(self.import_error(name, "HPyModuleDef.size is negative".into()));
        }
        if def.size > 0 {
            return Err(self.import_error(
                name,
                "HPyModuleDef.size > 0: module state is not supported by HPy 0.9".into(),
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
                    let Some(f) = m.r#impl else {
                        return Err(self.import_error(name, "a method has a NULL impl".into()));
                    };
                    if m.name.is_null() {
                        return Err(self.import_error(name, "a method has a NULL name".into()));
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
                    let Some(f) = s.r#impl else {
                        return Err(
                            self.import_error(name, format!("slot {} has a NULL impl", s.slot.0))
                        );
                    };
                    if s.slot == HPy_mod_create {
                        if create.is_some() {
                            return Err(
                                self.import_error(name, "more than one HPy_mod_create slot".into())
                            );
                        }
                        create = Some(f as usize);
                    } else if s.slot == HPy_mod_exec {
                        execs.push(f as usize);
                    } else {
                        let sname = hpy_abi::HPySlot_Slot::VARIANTS
                            .iter()
                            .find(|(_, v)| *v == s.slot)
                            .map_or("an unknown slot", |(n, _)| n);
                        return Err(self.import_error(
                            name,
                            format!(
                                "invalid slot {} ({sname}) in the module definition: a module accepts only HPy_mod_create and HPy_mod_exec",
                                s.slot.0
                            ),
                        ));
                    }
                }
                HPyDef_Kind_Member | HPyDef_Kind_GetSet => {
                    return Err(self.import_error(
                        name,
                        "members and get/set descriptors are not allowed in a module definition"
                            .into(),
                    ))
                }
                k => {
                    return Err(self.import_error(name, format!("unknown definition kind {}", k.0)))
                }
            }
        }

        let m = match create {
            None => module::new(&self.alloc(), name)?.raw(),
            Some(f) => {
                // HPy's rule: a module made by HPy_mod_create can use nothing else the
                // definition gives.
                if !meths.is_empty() || !execs.is_empty() {
                    return Err(self.import_error(
                        name,
                        "the definition has an HPy_mod_create slot and also methods or HPy_mod_exec slots; HPy allows nothing else with HPy_mod_create".into(),
                    ));
                }
                if !def.doc.is_null() || !def.globals.is_null() {
                    return Err(self.import_error(
                        name,
                        "the definition has an HPy_mod_create slot and also a docstring or globals; HPy allows nothing else with HPy_mod_create".into(),
                    ));
                }
                // The spec: an object with the attributes `name` and `origin`.
                let spec = module::new(&self.alloc(), "ModuleSpec")?.raw();
                let n = pystr::new(&self.alloc(), name)?.raw();
                self.setattr(spec, "name", n)?;
                let origin = pystr::new(&self.alloc(), &path.display().to_string())?.raw();
                self.setattr(spec, "origin", origin)?;
                let h = self.roots.handles.open(spec);
                self.safepoint();
                let what = format!("{name}: HPy_mod_create");
                // Debug mode tells the call's own C frames by this frame's address.
                let anchor = 0u8;
                let frame = self.debug().map(|d| {
                    let anchor = std::hint::black_box(&anchor) as *const u8 as usize;
                    d.push_frame_at(&what, &[h._i], f, anchor)
                });
                let ctx = self.ctx_ptr();
                let running = crate::host::crash::Running::new(&what);
                // SAFETY: the slot's signature is HPyFunc_MOD_CREATE.
                let r = unsafe { std::mem::transmute::<usize, ModCreate>(f)(ctx, h) };
                drop(running);
                // SAFETY: the extension returned.
                let st = unsafe { State::from_ctx(ctx) };
                let r = st.debug_return(frame, r);
                let _ = st.roots.handles.close(h);
                let created = st.take_result(r, "HPy_mod_create")?;
                if st.obj(created).kind() == st.b.kinds.module {
                    return Err(st.import_error(
                        name,
                        "its HPy_mod_create slot returned a module object, which HPy does not support".into(),
                    ));
                }
                st.roots.modules.push((name.to_string(), created));
                return Ok(created);
            }
        };
        self.finish_module(name, path, def, m, &meths, &execs)
    }

    fn finish_module(
        &mut self,
        name: &str,
        path: &Path,
        def: &HPyModuleDef,
        m: RawRef,
        meths: &[(String, Option<String>, usize, u32)],
        execs: &[usize],
    ) -> PyResult<RawRef> {
        let is_module = self.obj(m).kind() == self.b.kinds.module;
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
            self.setattr(m, "__doc__", doc)?;
            let file = pystr::new(&self.alloc(), &path.display().to_string())?.raw();
            self.setattr(m, "__file__", file)?;
        }
        for (mname, doc, f, sig) in meths {
            let a = self.alloc();
            let label = crate::host::crash::intern(&format!("{name}.{mname}"));
            let fobj =
                function::new(&a, mname, doc.as_deref(), self.obj(m), *f, *sig, label)?.raw();
            let d = module::dict(self.obj(m)).raw();
            let k = pystr::new(&self.alloc(), mname)?.raw();
            let a = self.alloc();
            ops::dict_set_str(&a, self.obj(d), self.obj(k), self.obj(fobj));
        }
        // Register before running exec slots, so the module is reachable while they run.
        self.roots.modules.push((name.to_string(), m));
        for f in execs {
            let idx = self.roots.modules.len() - 1;
            let cur = self.roots.modules[idx].1;
            let h = self.roots.handles.open(cur);
            self.safepoint();
            let what = format!("{name}: HPy_mod_exec");
            // Debug mode tells the call's own C frames by this frame's address.
            let anchor = 0u8;
            let frame = self.debug().map(|d| {
                let anchor = std::hint::black_box(&anchor) as *const u8 as usize;
                d.push_frame_at(&what, &[h._i], *f, anchor)
            });
            let ctx = self.ctx_ptr();
            let running = crate::host::crash::Running::new(&what);
            // SAFETY: the slot's signature is HPyFunc_INQUIRY.
            let rc = unsafe { std::mem::transmute::<usize, ModExec>(*f)(ctx, h) };
            drop(running);
            // SAFETY: the extension returned.
            let st = unsafe { State::from_ctx(ctx) };
            st.debug_return(frame, hpy_abi::HPy_NULL);
            let _ = st.roots.handles.close(h);
            if rc != 0 || st.exc_pending() {
                st.roots.modules.retain(|(n, _)| n != name);
                if !st.exc_pending() {
                    return Err(st.raise(
                        "SystemError",
                        format!("execution of module {name} failed without setting an exception"),
                    ));
                }
                return Err(Raised);
            }
        }
        let idx = self
            .roots
            .modules
            .iter()
            .position(|(n, _)| n == name)
            .expect("registered above");
        Ok(self.roots.modules[idx].1)
    }
}
