//! The runtime's state: the heap, the builtins, the roots and the context, in one box whose
//! address the context's `_private` holds. One per process (an extension's C statics exist
//! once per process).

use std::ffi::CString;
use std::sync::atomic::{AtomicPtr, Ordering};

use gc::{Heap, HeapConfig, ObjRef, RawRef};
use hpy_abi::{HPy, HPyContext};

use crate::error::{take_alloc_failure, PyResult, Raised};
use crate::objects::alloc::Alloc;
use crate::objects::builtins::Builtins;
use crate::objects::exception;
use crate::roots::Roots;

pub struct State {
    pub(crate) heap: Heap,
    pub(crate) b: Builtins,
    pub(crate) roots: Roots,
    pub(crate) ctx: HPyContext,
    /// Loaded extensions; never unloaded (their code may be referenced by objects).
    pub(crate) libs: Vec<libloading::os::unix::Library>,
    /// Directories searched for `name.hpy0.so`, in order.
    pub(crate) path: Vec<std::path::PathBuf>,
    /// The interpreter's non-heap state (frames, sources).
    pub(crate) interp: crate::interp::Interp,
    /// Finalizers are running (they are not run recursively).
    pub(crate) finalizing: bool,
    /// Weak-reference callbacks are running (they are not run recursively).
    pub(crate) weak_callbacks_running: bool,
    /// Memory outside the heap, sampled at safepoints (see `host/pressure.rs`).
    pub(crate) pressure: crate::host::pressure::Pressure,
    /// Trace mode's counters (`HPY=trace`), when it is on.
    pub(crate) trace: Option<Box<crate::host::trace::Trace>>,
    /// `sys.get_int_max_str_digits()`: the most decimal digits an int may have in a
    /// conversion from or to text (0: no limit).
    pub(crate) int_max_str_digits: usize,
    _name: CString,
}

static STATE: AtomicPtr<State> = AtomicPtr::new(std::ptr::null_mut());

/// The process's runtime, for the child process that reports a fault (`crate::host::fault_report`),
/// which is a stopped snapshot: nothing else runs, so the exclusive reference cannot alias
/// a live one.
pub(crate) fn current() -> Option<&'static mut State> {
    let p = STATE.load(Ordering::Acquire);
    // SAFETY: see above; the state lives as long as the process in that child.
    (!p.is_null()).then(|| unsafe { &mut *p })
}

/// The object kinds of the process's runtime, for code that only reads objects.
pub(crate) fn kinds() -> &'static crate::objects::Kinds {
    let p = STATE.load(Ordering::Acquire);
    assert!(!p.is_null(), "no runtime");
    // SAFETY: the state lives until `destroy`; the kinds never change after creation.
    unsafe { &(*p).b.kinds }
}

/// The builtin types and singletons of the process's runtime, for code that only reads
/// objects (they are immortal: their addresses never change after creation).
pub(crate) fn builtins() -> &'static Builtins {
    let p = STATE.load(Ordering::Acquire);
    assert!(!p.is_null(), "no runtime");
    // SAFETY: the state lives until `destroy`; the builtins never change after creation.
    unsafe { &(*p).b }
}

impl State {
    /// Creates the process's runtime. Fails if one exists already.
    pub(crate) fn create(config: HeapConfig) -> Result<*mut State, String> {
        if !STATE.load(Ordering::Acquire).is_null() {
            return Err("a runtime already exists in this process".into());
        }
        let mut heap = Heap::new(config).map_err(|e| e.to_string())?;
        let b = Builtins::create(&mut heap)
            .map_err(|_| take_alloc_failure().unwrap_or_else(|| "builtins".into()))?;
        let mut roots = Roots::new(b.kinds);
        roots.modules = crate::objects::dict::new(&Alloc::new(&heap, &b))
            .map_err(|_| take_alloc_failure().unwrap_or_else(|| "sys.modules".into()))?
            .raw();
        let names = crate::host::context::table::CONSTANT_NAMES;
        let objs: Vec<RawRef> = names
            .iter()
            .map(|n| {
                b.constant(n)
                    .unwrap_or_else(|| panic!("no object for h_{n}"))
            })
            .collect();
        let constants = roots.handles.open_constants(&objs);
        let name = CString::new("HPy Universal ABI (hpymove)").expect("no NUL");
        let mut arr = [HPy { _i: 0 }; crate::host::context::table::N_CONSTANTS];
        arr.copy_from_slice(&constants);
        let ctx = crate::host::context::table::build(name.as_ptr(), std::ptr::null_mut(), &arr);
        let st = Box::new(State {
            heap,
            b,
            roots,
            ctx,
            libs: Vec::new(),
            path: Vec::new(),
            interp: crate::interp::Interp {
                recursion_limit: 1000,
                ..Default::default()
            },
            finalizing: false,
            weak_callbacks_running: false,
            pressure: Default::default(),
            trace: None,
            int_max_str_digits: crate::protocols::number::INT_MAX_STR_DIGITS,
            _name: name,
        });
        let p = Box::into_raw(st);
        // SAFETY: just allocated; the context points back at its state.
        unsafe { (*p).ctx._private = p.cast() };
        if STATE
            .compare_exchange(std::ptr::null_mut(), p, Ordering::AcqRel, Ordering::Acquire)
            .is_err()
        {
            // SAFETY: we own `p` and nobody saw it.
            drop(unsafe { Box::from_raw(p) });
            return Err("a runtime already exists in this process".into());
        }
        crate::host::api_guard::runtime_on_this_thread(true);
        crate::host::crash::install();
        // SAFETY: `p` is live; nobody else uses it yet.
        unsafe {
            let st = &mut *p;
            st.pressure.start(&st.heap);
        }
        // SAFETY: `p` is live; nobody else uses it yet.
        if unsafe { (*p).heap.config().poison } {
            // Stale pointers into released C memory fault too (see `guarded`).
            crate::host::guarded::enable();
        }
        if crate::host::trace::requested() {
            // SAFETY: as above.
            unsafe { (*p).start_tracing() };
        }
        Ok(p)
    }

    /// Frees the runtime. Loaded extensions stay mapped.
    ///
    /// # Safety
    /// `p` came from `create`, and nothing uses the runtime afterwards.
    pub(crate) unsafe fn destroy(p: *mut State) {
        STATE.store(std::ptr::null_mut(), Ordering::Release);
        crate::host::api_guard::runtime_on_this_thread(false);
        // SAFETY: forwarded from the caller.
        let st = unsafe { Box::from_raw(p) };
        // Extension code may still be referenced by C statics of other extensions: keep it.
        std::mem::forget(st.libs);
    }

    /// The state behind a context.
    ///
    /// # Safety
    /// `ctx` must be this runtime's context. The state is reached only through this
    /// pointer chain; callers do not keep the reference across calls into extension code.
    #[inline]
    pub(crate) unsafe fn from_ctx<'a>(ctx: *mut HPyContext) -> &'a mut State {
        // SAFETY: forwarded from the caller.
        unsafe { &mut *((*ctx)._private as *mut State) }
    }

    pub(crate) fn ctx_ptr(&mut self) -> *mut HPyContext {
        &mut self.ctx
    }

    pub(crate) fn alloc(&self) -> Alloc<'_> {
        Alloc::new(&self.heap, &self.b)
    }

    /// A boundary safepoint (context-function entry, call into extension code). A corrupt
    /// heap is fatal: continuing would crash somewhere else later. After a collection,
    /// the weak-reference callbacks and the finalizers it queued run here.
    #[inline]
    pub fn safepoint(&mut self) {
        self.pressure.tick(&self.heap);
        match self.heap.safepoint(&mut self.roots) {
            Ok(false) => {}
            Ok(true) => self.collected(),
            Err(e) => self.corrupt(e),
        }
    }

    /// An interpreter safepoint: collects only when the allocation threshold was passed.
    #[inline]
    pub(crate) fn poll(&mut self) {
        self.pressure.tick(&self.heap);
        match self.heap.poll(&mut self.roots) {
            Ok(false) => {}
            Ok(true) => self.collected(),
            Err(e) => self.corrupt(e),
        }
    }

    /// A full collection, nothing else.
    pub fn collect_now(&mut self) {
        if let Err(e) = self.heap.collect(&mut self.roots) {
            self.corrupt(e);
        }
        self.after_collection();
    }

    /// What the debug checker and the fault handler keep about collections.
    fn after_collection(&mut self) {
        self.pressure.after_collection(&self.heap);
        let n = self.heap.collections();
        if let Some(d) = self.roots.handles.debug.as_deref_mut() {
            d.collection = n;
        }
        crate::host::crash::set_collections(n);
        if self.heap.config().poison {
            crate::host::crash::set_retired(&self.heap.retired_ranges());
        }
    }

    #[cold]
    fn collected(&mut self) {
        self.after_collection();
        // Weak-reference callbacks first, then finalizers, as CPython's collector.
        if self.heap.weak_cleared_pending() > 0 {
            self.run_weak_callbacks();
        }
        if self.heap.finalization_pending() > 0 {
            self.run_finalizers();
        }
    }

    /// Stops the process on a corrupt heap, with what the runtime knows about the bad
    /// references first (an `HPyField` names its owner's type and payload offset).
    #[cold]
    fn corrupt(&mut self, e: gc::HeapCorruption) -> ! {
        let mut fields = std::mem::take(&mut self.roots.field_errors);
        // The copy and the verification pass may both find the same field.
        fields.dedup();
        let msg = match fields.first() {
            Some(first) => format!(
                "{first}{}\n(the collector's report: {e})",
                if fields.len() > 1 {
                    format!(" (and {} more bad fields)", fields.len() - 1)
                } else {
                    String::new()
                }
            ),
            None => format!("the heap is corrupt: {e}"),
        };
        crate::host::fatal::fatal(&msg)
    }

    /// Debug mode's checker, if debug mode is on.
    #[inline]
    pub(crate) fn debug(&mut self) -> Option<&mut crate::host::debug::Checker> {
        self.roots.handles.debug.as_deref_mut()
    }

    // ------------------------------------------------------------ handles

    /// The object a handle refers to; an invalid handle raises SystemError naming `func`.
    #[inline]
    pub(crate) fn get(&mut self, h: HPy, func: &str) -> PyResult<RawRef> {
        match self.roots.handles.get(h) {
            Some(r) => Ok(r),
            None => self.bad_handle(h, func),
        }
    }

    #[cold]
    #[inline(never)]
    fn bad_handle(&mut self, h: HPy, func: &str) -> PyResult<RawRef> {
        if let Some(d) = self.debug().filter(|_| h._i != 0) {
            d.bad_use(h._i, func);
        }
        Err(self.raise(
            "SystemError",
            format!(
                "{func}: {:#x} is not an open handle (closed, or never opened)",
                h._i
            ),
        ))
    }

    /// Resolves a reference read from a root since the last safepoint.
    #[inline]
    pub fn obj(&self, r: RawRef) -> ObjRef<'_> {
        // SAFETY: roots are kept current by every collection, and the returned reference
        // borrows the state, so no safepoint can run while it is alive.
        unsafe {
            self.heap
                .resolve(r)
                .expect("a reference from a root is never null")
        }
    }

    // ------------------------------------------------------------ exceptions

    /// `True` or `False`.
    pub(crate) fn bool_obj(&self, v: bool) -> RawRef {
        if v {
            self.b.true_
        } else {
            self.b.false_
        }
    }

    pub(crate) fn type_name(&self, r: RawRef) -> String {
        crate::objects::types::type_name_of(self.obj(r))
    }

    /// `KeyError(key)`
    pub(crate) fn key_error(&mut self, key: RawRef) -> Raised {
        let a = self.alloc();
        let args = crate::objects::tuple::new(&a, &[self.obj(key)]);
        match args.and_then(|t| crate::objects::exception::new(&a, self.b.exc("KeyError"), t)) {
            Ok(e) => self.roots.exc = e.raw(),
            Err(_) => self.settle(),
        }
        Raised
    }

    /// Sets the pending exception to `ty(msg)` (`ty` a builtin exception name).
    pub(crate) fn raise(&mut self, ty: &str, msg: String) -> Raised {
        let t = self.b.exc(ty);
        self.raise_type(t, &msg)
    }

    /// Sets the pending exception to `ty(*args)` (`ty` a builtin exception name).
    pub(crate) fn raise_args(&mut self, ty: &str, args: &[RawRef]) -> Raised {
        let ty = self.b.exc(ty);
        let a = self.alloc();
        let objs: Vec<_> = args.iter().map(|r| self.obj(*r)).collect();
        let e = crate::objects::tuple::new(&a, &objs)
            .and_then(|t| exception::new(&a, ty, t).map(|e| e.raw()));
        match e {
            Ok(e) => self.roots.exc = e,
            Err(_) => self.settle(),
        }
        Raised
    }

    pub(crate) fn raise_type(&mut self, ty: RawRef, msg: &str) -> Raised {
        let e = exception::with_message(&self.alloc(), ty, msg).map(|e| e.raw());
        match e {
            Ok(e) => self.roots.exc = e,
            Err(_) => self.settle(),
        }
        Raised
    }

    /// Turns a pending allocation failure into `MemoryError`.
    pub(crate) fn settle(&mut self) {
        if let Some(msg) = take_alloc_failure() {
            let ty = self.b.exc("MemoryError");
            let e = exception::with_message(&self.alloc(), ty, &msg).map(|e| e.raw());
            self.roots.exc = e.unwrap_or(self.b.memory_error);
        }
    }

    pub(crate) fn exc_pending(&self) -> bool {
        !self.roots.exc.is_null()
    }
}

/// Closes an embedder's handle if the runtime still exists (an `Obj` may outlive it).
pub(crate) fn close_if_alive(h: HPy) {
    let p = STATE.load(Ordering::Acquire);
    if !p.is_null() {
        // SAFETY: the state is alive; the runtime is single-threaded and this runs from
        // the embedder's thread between calls into the runtime.
        let _ = unsafe { (*p).roots.handles.close(h) };
    }
}
