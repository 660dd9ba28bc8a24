//! Calls into extension code: module functions with the four HPy 0.9 signatures.
//!
//! The arguments become handles first (so they are rooted), then the boundary safepoint
//! runs (in torture mode every object moves here), then the function's `impl` is called
//! directly; afterwards the host closes the argument handles it opened and takes the
//! result handle over.

use gc::RawRef;
use hpy_abi::{
    HPy, HPyContext, HPyFunc_KEYWORDS, HPyFunc_NOARGS, HPyFunc_O, HPyFunc_Signature,
    HPyFunc_VARARGS, HPy_NULL,
};

use crate::error::{PyResult, Raised};
use crate::objects::{function, str as pystr, tuple};
use crate::state::State;

type NoArgs = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;
type OneArg = unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> HPy;
type VarArgs = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, usize) -> HPy;
type Keywords = unsafe extern "C" fn(*mut HPyContext, HPy, *const HPy, usize, HPy) -> HPy;

/// Arguments of the usual call, opened into an array on the stack.
const PLAIN_ARGS: usize = 4;

/// Calls `impl_` with the HPy signature `sig` (one of the four function signatures).
///
/// # Safety
/// `impl_` is a function of signature `sig`; `args` holds exactly the arguments that
/// signature takes (none for `NOARGS`, one for `O`); every handle is open.
#[inline(always)]
unsafe fn invoke(
    sig: HPyFunc_Signature,
    impl_: usize,
    ctx: *mut HPyContext,
    h_self: HPy,
    args: &[HPy],
    kwnames: HPy,
) -> HPy {
    // SAFETY: forwarded from the caller.
    unsafe {
        match sig {
            HPyFunc_NOARGS => std::mem::transmute::<usize, NoArgs>(impl_)(ctx, h_self),
            HPyFunc_O => std::mem::transmute::<usize, OneArg>(impl_)(ctx, h_self, args[0]),
            HPyFunc_VARARGS => {
                std::mem::transmute::<usize, VarArgs>(impl_)(ctx, h_self, args.as_ptr(), args.len())
            }
            _ => std::mem::transmute::<usize, Keywords>(impl_)(
                ctx,
                h_self,
                args.as_ptr(),
                args.len(),
                kwnames,
            ),
        }
    }
}

impl State {
    /// Calls extension function `f` (the `function` kind): checks the arguments against
    /// its HPy signature, opens handles for them, reaches the boundary safepoint and
    /// calls its `impl`.
    pub(crate) fn call_extension_function(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let fo = self.obj(f);
        let info = function::info(fo);
        if info.signature & crate::objects::function::METHOD_DESCR != 0 {
            return self.call_method_descr(f, args, kwargs);
        }
        let self_ = function::self_of(fo).raw();
        let sig = HPyFunc_Signature(info.signature);
        let nargs = args.len();
        let fits = match sig {
            HPyFunc_NOARGS => nargs == 0 && kwargs.is_empty(),
            HPyFunc_O => nargs == 1 && kwargs.is_empty(),
            HPyFunc_VARARGS => kwargs.is_empty(),
            HPyFunc_KEYWORDS => true,
            _ => false,
        };
        if !fits {
            return Err(self.bad_extension_call(f, sig, nargs, !kwargs.is_empty()));
        }
        if kwargs.is_empty() && nargs <= PLAIN_ARGS && self.roots.handles.debug.is_none() {
            return self.call_extension_plain(f, &info, args);
        }
        self.call_extension_general(f, &info, sig, self_, args, kwargs)
    }

    /// The error of a call whose arguments do not fit the function's signature.
    #[cold]
    #[inline(never)]
    fn bad_extension_call(
        &mut self,
        f: RawRef,
        sig: HPyFunc_Signature,
        nargs: usize,
        has_kwargs: bool,
    ) -> Raised {
        let (ty, what) = if has_kwargs && sig != HPyFunc_KEYWORDS {
            ("TypeError", "takes no keyword arguments".to_string())
        } else {
            match sig {
                HPyFunc_NOARGS => ("TypeError", format!("takes no arguments ({nargs} given)")),
                HPyFunc_O => (
                    "TypeError",
                    format!("takes exactly one argument ({nargs} given)"),
                ),
                other => (
                    "SystemError",
                    format!("unsupported function signature {}", other.0),
                ),
            }
        };
        let msg = if ty == "SystemError" {
            format!("{}: {what}", function::name(self.obj(f)))
        } else {
            format!("{}() {what}", self.function_qualname(f))
        };
        self.raise(ty, msg)
    }

    /// The usual call: a few positional arguments, debug mode off. The function and its
    /// arguments are rooted on the stack as the evaluator roots them, then called as
    /// [`Self::call_extension_on_stack`] calls them.
    fn call_extension_plain(
        &mut self,
        f: RawRef,
        info: &function::FuncInfo,
        args: &[RawRef],
    ) -> PyResult<RawRef> {
        let fi = self.push(f);
        for a in args {
            self.push(*a);
        }
        let r = self.call_extension_on_stack(fi, info, args.len());
        self.truncate(fi);
        r
    }

    /// Whether the evaluator may call extension function `f` with `nargs` positional
    /// arguments through [`Self::call_extension_on_stack`]: the checks of
    /// [`Self::call_extension_function`] that lead to its plain path, made before the
    /// arguments are evaluated. What it answers stays true while they are (a function's
    /// `impl`, signature and label never change, nor does debug mode).
    #[inline]
    pub(crate) fn plain_extension_call(
        &self,
        f: RawRef,
        nargs: usize,
    ) -> Option<function::FuncInfo> {
        let fo = self.obj(f);
        if fo.kind() != self.b.kinds.function || self.roots.handles.debug.is_some() {
            return None;
        }
        let info = function::info(fo);
        let fits = match HPyFunc_Signature(info.signature) {
            HPyFunc_NOARGS => nargs == 0,
            HPyFunc_O => nargs == 1,
            HPyFunc_VARARGS => nargs <= PLAIN_ARGS,
            // Keywords, and method descriptors (their flag is above the signature).
            _ => false,
        };
        fits.then_some(info)
    }

    /// Calls extension function `f`, rooted at stack slot `fi`, with the `nargs` arguments
    /// on the stack right above it, `info` being what [`Self::plain_extension_call`]
    /// answered for `f` and `nargs`. Pops `f` and its arguments.
    #[inline(always)]
    pub(crate) fn call_extension_on_stack(
        &mut self,
        fi: usize,
        info: &function::FuncInfo,
        nargs: usize,
    ) -> PyResult<RawRef> {
        debug_assert_eq!(self.roots.stack.len(), fi + 1 + nargs);
        // The handles are argument handles (`host/handles.rs`), closed together by
        // `run_plain_call`.
        let mark = self.roots.handles.arguments_mark();
        // A module function's own handle to its module, open for good; else a new one.
        let h_self = if info.self_handle != 0 {
            HPy {
                _i: info.self_handle,
            }
        } else {
            let self_ = function::self_of(self.obj(self.at(fi))).raw();
            self.roots.handles.open_argument(self_)
        };
        let mut small = [HPy_NULL; PLAIN_ARGS];
        let n = nargs.min(PLAIN_ARGS);
        for (i, h) in small[..n].iter_mut().enumerate() {
            *h = self.open_arg(self.roots.stack[fi + 1 + i]);
        }
        let hs = &small[..n];
        self.run_plain_call(fi, info, h_self, hs, mark)
    }

    /// The handle a plain call passes for argument `a`: None, the most common constant
    /// argument, is passed as `ctx->h_None` (as hpy.universal passes the very object
    /// pointer `ctx->h_None` is), so nothing is opened for it; anything else gets an
    /// argument handle. (Each further constant checked here would cost every other
    /// argument a comparison.)
    #[inline(always)]
    fn open_arg(&mut self, a: RawRef) -> HPy {
        if a == self.b.none {
            return self.ctx.h_None;
        }
        self.roots.handles.open_argument(a)
    }

    /// The plain call once its handles are open: the boundary safepoint, the call, the
    /// argument handles opened since `mark` closed and the result taken over.
    #[inline(always)]
    fn run_plain_call(
        &mut self,
        fi: usize,
        info: &function::FuncInfo,
        h_self: HPy,
        hs: &[HPy],
        mark: usize,
    ) -> PyResult<RawRef> {
        let sig = HPyFunc_Signature(info.signature);
        self.safepoint();
        let ctx = self.ctx_ptr();
        let result = crate::host::crash::while_running(None, info.label, || {
            // SAFETY: the signature was checked against the arguments; the handles are
            // open; the state is not used while the extension runs.
            unsafe { invoke(sig, info.impl_, ctx, h_self, hs, HPy_NULL) }
        });
        // SAFETY: the extension returned; nothing else holds the state.
        let st = unsafe { State::from_ctx(ctx) };
        // Before the result is taken: a returned argument handle (not duplicated) is
        // closed by then, as it was when arguments had handles of the table.
        st.roots.handles.close_arguments(mark);
        st.finish_extension_call(fi, result)
    }

    /// Calls with keywords, with many arguments, or in debug mode.
    fn call_extension_general(
        &mut self,
        f: RawRef,
        info: &function::FuncInfo,
        sig: HPyFunc_Signature,
        self_: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        let nargs = args.len();
        // Root everything as handles, then reach the safepoint. Up to a few arguments
        // live in an array (no allocation per call).
        let h_self = self.roots.handles.open(self_);
        let mut small = [HPy_NULL; 6];
        let mut big: Vec<HPy> = Vec::new();
        let n_all = nargs + kwargs.len();
        let hs: &mut [HPy] = if n_all <= small.len() {
            &mut small[..n_all]
        } else {
            big.resize(n_all, HPy_NULL);
            &mut big[..]
        };
        for (h, a) in hs.iter_mut().zip(args) {
            *h = self.roots.handles.open(*a);
        }
        let mut h_kwnames = HPy_NULL;
        if !kwargs.is_empty() {
            for (h, (_, v)) in hs[nargs..].iter_mut().zip(kwargs) {
                *h = self.roots.handles.open(*v);
            }
            match self.kwnames_tuple(kwargs) {
                Ok(t) => h_kwnames = self.roots.handles.open(t),
                Err(e) => {
                    // Out of memory: the handles opened so far are closed, not leaked.
                    for h in hs.iter().copied().chain([h_self]) {
                        if h._i != 0 {
                            let _ = self.roots.handles.close(h);
                        }
                    }
                    return Err(e);
                }
            }
        }
        let name_for_debug = if self.roots.handles.debug.is_some() {
            function::name(self.obj(f)).to_string()
        } else {
            String::new()
        };
        // The function object stays rooted (its name is needed if the call fails).
        let fi = self.push(f);
        self.safepoint();
        // A local of this frame, the one that calls the extension: debug mode tells the
        // call's own C frames by it (see `debug::Checker::capture`).
        let anchor = 0u8;
        let frame = self.debug().map(|d| {
            let mut all: Vec<isize> = hs.iter().map(|h| h._i).collect();
            all.extend([h_self._i, h_kwnames._i]);
            let anchor = std::hint::black_box(&anchor) as *const u8 as usize;
            d.push_frame_at(&name_for_debug, &all, info.impl_, anchor)
        });

        let ctx = self.ctx_ptr();
        let result = crate::host::crash::while_running(None, info.label, || {
            // SAFETY: the definition promised `impl` has the signature `sig`; the handles
            // are open; the state is not used while the extension runs (it reaches it
            // again through the context).
            unsafe { invoke(sig, info.impl_, ctx, h_self, &hs[..nargs], h_kwnames) }
        });
        // SAFETY: the extension returned; nothing else holds the state.
        let st = unsafe { State::from_ctx(ctx) };
        let result = st.debug_return(frame, result);
        for h in hs.iter().copied().chain([h_self, h_kwnames]) {
            if h._i != 0 {
                let _ = st.roots.handles.close(h);
            }
        }
        st.finish_extension_call(fi, result)
    }

    /// The tuple of keyword names a `HPyFunc_KEYWORDS` function receives. Allocation
    /// never collects, so the names need no rooting while the tuple is made.
    fn kwnames_tuple(&mut self, kwargs: &[(String, RawRef)]) -> PyResult<RawRef> {
        let a = self.alloc();
        let mut names = Vec::with_capacity(kwargs.len());
        for (k, _) in kwargs {
            names.push(pystr::new(&a, k)?.raw());
        }
        let objs: Vec<_> = names.iter().map(|r| self.obj(*r)).collect();
        Ok(tuple::new(&a, &objs)?.raw())
    }

    /// After a call into extension function `f` (rooted at stack slot `fi`, which this
    /// pops), whose argument handles are closed: takes the result handle over.
    #[inline(always)]
    fn finish_extension_call(&mut self, fi: usize, result: HPy) -> PyResult<RawRef> {
        if result._i != 0 && !self.exc_pending() {
            // The common case: a new handle (or a constant) and no exception.
            if let Some(r) = self.roots.handles.take_returned(result) {
                self.truncate(fi);
                return Ok(r);
            }
        }
        self.finish_extension_call_slow(fi, result)
    }

    /// [`Self::finish_extension_call`] of an error, or of a result that is not an open
    /// handle.
    #[cold]
    #[inline(never)]
    fn finish_extension_call_slow(&mut self, fi: usize, result: HPy) -> PyResult<RawRef> {
        let f = self.at(fi);
        self.truncate(fi);
        let name = function::name(self.obj(f)).to_string();
        self.take_result(result, &name)
    }

    /// How CPython names a builtin function in argument errors: `module.name` for a
    /// module function, `Type.name` for a method bound to an extension instance.
    fn function_qualname(&mut self, f: RawRef) -> String {
        let fo = self.obj(f);
        let name = function::name(fo).to_string();
        let self_ = function::self_of(fo).raw();
        if self.ext_of(self_).is_some() {
            let t = crate::objects::type_of(self.obj(self_));
            return format!("{}.{name}", crate::objects::types::name(t));
        }
        match self.lookup_attr(self_, "__name__") {
            Some(m) if self.obj(self_).kind() == self.b.kinds.module => {
                format!("{}.{name}", crate::objects::repr::str_of(self.obj(m)))
            }
            _ => name,
        }
    }

    /// Debug mode, after a call into extension code returns `result`: the leak and
    /// returned-argument checks of the call's frame. A returned argument handle is
    /// replaced by a new handle to its object (as if the extension had called `HPy_Dup`),
    /// since the host closes the argument handles.
    pub(crate) fn debug_return(&mut self, frame: Option<u64>, result: HPy) -> HPy {
        let Some(id) = frame else { return result };
        let Some(d) = self.debug() else {
            return result;
        };
        if d.pop_frame(id, result._i) {
            if let Some(r) = self.roots.handles.get(result) {
                return self.roots.handles.open(r);
            }
        }
        result
    }

    /// Takes over a handle an extension returned (HPy_NULL meaning an exception).
    pub(crate) fn take_result(&mut self, result: HPy, name: &str) -> PyResult<RawRef> {
        if result._i == 0 {
            if self.exc_pending() {
                return Err(Raised);
            }
            return Err(self.raise(
                "SystemError",
                format!("<built-in function {name}> returned NULL without setting an exception"),
            ));
        }
        // The common case: a new handle (or a constant) and no exception, closed as it
        // is read.
        if !self.exc_pending() {
            if let Some(r) = self.roots.handles.take_returned(result) {
                return Ok(r);
            }
        }
        let Some(r) = self.roots.handles.get(result) else {
            return Err(self.raise(
                "SystemError",
                format!(
                    "{name} returned {:#x}, which is not an open handle",
                    result._i
                ),
            ));
        };
        if self.exc_pending() {
            let _ = self.roots.handles.close(result);
            return Err(self.raise(
                "SystemError",
                format!("<built-in function {name}> returned a result with an exception set"),
            ));
        }
        if !self.roots.handles.is_constant(result) {
            let _ = self.roots.handles.close(result);
        }
        Ok(r)
    }
}
