//! Evaluation of our AST over the runtime's object model.
//!
//! The rule that shapes this file: any evaluation may reach a safepoint (a call, an
//! allocation-triggered poll, an extension), so a reference held in a Rust local is valid
//! only until the next evaluation. Whatever must survive one is pushed on the rooted stack
//! first (`push`), read back with `at`, and dropped with `truncate` (`value_stack.rs`).
//!
//! Size: one evaluator, one `match` per statement and expression kind, all under the rooting
//! rule below; kept whole so that rule is read in one place (issue 17's compiled form will
//! replace most of it).

use std::rc::Rc;

use gc::RawRef;

use super::ast::{
    Arg, BinOp, CmpOp, Code, Const, ConstCache, Expr, ExprKind, FPart, FuncDef, Name, Stmt,
    StmtKind, Target, UnaryOp,
};
use super::FrameInfo;
use crate::error::{PyResult, Raised};
use crate::objects::ops;
use crate::objects::types::Instances;
use crate::objects::{
    bytes, dict, exception, float, int, list, module, native, pyfunc, str as pystr, tuple, type_of,
    types,
};
use crate::protocols::number::{BinOp as NBinOp, UnaryOp as NUnaryOp};
use crate::state::State;
use crate::value_stack::Rooted;

/// How a statement ended.
pub(crate) enum Flow {
    Normal,
    Break,
    Continue,
    /// The value is in the frame's return slot.
    Return,
}

impl State {
    fn frame(&self) -> &FrameInfo {
        self.interp.frames.last().expect("a frame is running")
    }

    /// Sets `fast_base` after `frames` changed.
    #[inline]
    pub(crate) fn sync_fast_base(&mut self) {
        self.interp.fast_base = self.interp.frames.last().map_or(0, |f| f.fast(0));
    }

    /// The stack index of the running frame's fast local `n`.
    #[inline(always)]
    fn fast_slot(&self, n: u32) -> usize {
        self.interp.fast_base + n as usize
    }

    /// The stack index of the running frame's globals (its base: `fast_base` is two
    /// slots above it, past the return slot).
    #[inline]
    pub(crate) fn frame_base(&self) -> usize {
        self.interp.fast_base - 2
    }

    /// The stack index of the running frame's cell `n`.
    pub(crate) fn frame_cell(&self, n: u32) -> usize {
        self.frame().cell(n)
    }

    // ------------------------------------------------------------ frames

    /// Runs `code` as a module body with `globals` (a module's dict).
    pub(crate) fn run_module_code(&mut self, code: Rc<Code>, globals: RawRef) -> PyResult<()> {
        debug_assert!(code.is_module, "module code expected");
        let base = self.roots.stack.len();
        self.push(globals);
        self.push(RawRef::NULL);
        self.interp.frames.push(FrameInfo {
            code: Rc::clone(&code),
            base,
            line: code.span.line,
        });
        self.sync_fast_base();
        let r = self.exec_block(&code.body);
        let r = self.leave_frame(r.map(|_| ()));
        self.truncate(base);
        r
    }

    /// Pops the frame.
    fn leave_frame<T>(&mut self, r: PyResult<T>) -> PyResult<T> {
        self.interp.frames.pop().expect("frame");
        self.sync_fast_base();
        r
    }

    /// Records this frame's traceback entry for the pending exception, once per frame it
    /// passes through (as CPython does when an error unwinds through a frame).
    fn record_traceback(&mut self) {
        if self.roots.exc.is_null() {
            return;
        }
        let depth = self.interp.frames.len();
        let id = ops::identity(&self.alloc(), self.obj(self.roots.exc));
        if self.interp.tb_mark == Some((depth, id)) {
            return;
        }
        self.interp.tb_mark = Some((depth, id));
        let (file, line, name) = {
            let f = self.frame();
            (Rc::clone(&f.code.filename), f.line, Rc::clone(&f.code.name))
        };
        self.add_traceback(&file, line, &name);
    }

    /// Calls a Python function with arguments already bound to its parameters: the
    /// caller put `[globals, ret, fast…, cells…]` on the stack from `base`.
    pub(crate) fn run_function_frame(&mut self, code: Rc<Code>, base: usize) -> PyResult<RawRef> {
        debug_assert!(!code.is_module, "function code expected");
        if self.interp.frames.len() >= self.interp.recursion_limit {
            return Err(self.raise("RecursionError", "maximum recursion depth exceeded".into()));
        }
        self.interp.frames.push(FrameInfo {
            code: Rc::clone(&code),
            base,
            line: code.span.line,
        });
        self.sync_fast_base();
        // Parameters captured by inner functions move into their cells.
        for &(slot, cell) in &code.param_cells {
            let (fi, ci) = {
                let f = self.frame();
                (f.fast(slot), f.cell(cell))
            };
            let v = self.at(fi);
            let c = self.at(ci);
            let a = self.alloc();
            pyfunc::cell_set(&a, self.obj(c), v);
            self.set_at(fi, RawRef::NULL);
        }
        let r = self.exec_block(&code.body);
        let r = match r {
            Ok(_) => {
                let v = self.at(base + 1);
                Ok(if v.is_null() { self.b.none } else { v })
            }
            Err(e) => Err(e),
        };
        self.leave_frame(r)
    }

    // ------------------------------------------------------------ statements

    pub(crate) fn exec_block(&mut self, body: &[Stmt]) -> PyResult<Flow> {
        for s in body {
            match self.exec(s)? {
                Flow::Normal => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal)
    }

    pub(crate) fn set_line(&mut self, line: u32) {
        if let Some(f) = self.interp.frames.last_mut() {
            f.line = line;
        }
    }

    fn exec(&mut self, s: &Stmt) -> PyResult<Flow> {
        self.set_line(s.span.line);
        // Every statement boundary is an interpreter safepoint: whatever the statement
        // before left behind is rooted or dead (`--gc=always` collects here).
        self.poll();
        if super::interrupt::pending() {
            self.check_interrupt()?;
        }
        let mark = self.roots.stack.len();
        // The commonest statements skip `exec_inner`, whose frame is large.
        let r = match &s.kind {
            StmtKind::Pass | StmtKind::Nothing => return Ok(Flow::Normal),
            // A call statement, the commonest, without the dispatch in `eval`.
            StmtKind::Expr(Expr {
                kind: ExprKind::Call(f, args),
                ..
            }) if plain_call_args(args) => self.eval_call_positional(f, args).map(|_| Flow::Normal),
            StmtKind::Expr(e) => self.eval(e).map(|_| Flow::Normal),
            StmtKind::Assign(targets, value) if targets.len() == 1 => match self.eval(value) {
                // `assign` roots the value for targets that evaluate code.
                Ok(v) => self.assign(&targets[0], v).map(|_| Flow::Normal),
                Err(e) => Err(e),
            },
            StmtKind::AugAssign(target, op, value) => {
                self.aug_assign(target, *op, value).map(|_| Flow::Normal)
            }
            StmtKind::Return(Some(e)) => self.eval_operand(e).map(|v| {
                let base = self.frame_base();
                self.set_at(base + 1, v);
                Flow::Return
            }),
            _ => self.exec_inner(s),
        };
        self.truncate(mark);
        if r.is_err() {
            self.record_traceback();
        }
        r
    }

    #[inline(never)]
    fn exec_inner(&mut self, s: &Stmt) -> PyResult<Flow> {
        match &s.kind {
            StmtKind::Expr(e) => {
                self.eval(e)?;
            }
            StmtKind::Assign(targets, value) => {
                let v = self.eval(value)?;
                let vi = self.push(v);
                for t in targets {
                    let v = self.at(vi);
                    self.assign(t, v)?;
                }
            }
            StmtKind::AugAssign(target, op, value) => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign(target, value, record) => {
                if let Some(v) = value {
                    let v = self.eval(v)?;
                    self.assign(target, v)?;
                }
                if let Some((name, ann)) = record {
                    self.record_annotation(name, ann)?;
                }
            }
            StmtKind::Match(m) => return self.exec_match(m),
            StmtKind::If(test, body, orelse) => {
                let t = self.eval(test)?;
                return if self.truth(t)? {
                    self.exec_block(body)
                } else {
                    self.exec_block(orelse)
                };
            }
            StmtKind::While(test, body, orelse) => loop {
                self.poll();
                let t = self.eval(test)?;
                if !self.truth(t)? {
                    return self.exec_block(orelse);
                }
                match self.exec_block(body)? {
                    Flow::Break => return Ok(Flow::Normal),
                    Flow::Return => return Ok(Flow::Return),
                    Flow::Normal | Flow::Continue => {}
                }
            },
            StmtKind::For(target, iterable, body, orelse) => {
                let it = self.eval(iterable)?;
                let it = self.iter(it)?;
                let it = self.root(it);
                // `for i in range(...)`, the commonest loop, steps the range here.
                let range = self.is_range_iterator(it);
                // No safepoint of its own: the body's first statement is one, each time.
                loop {
                    // An error from the iterator is reported at the `for` line, and code
                    // the iterator runs (a generator) sees this frame at that line. A range
                    // runs none: its line is set only if it fails.
                    let next = if range {
                        match self.range_next_at(it) {
                            Ok(n) => n,
                            Err(e) => {
                                self.set_line(s.span.line);
                                return Err(e);
                            }
                        }
                    } else {
                        self.set_line(s.span.line);
                        self.next_at(it)?
                    };
                    let Some(v) = next else {
                        return self.exec_block(orelse);
                    };
                    self.assign(target, v)?;
                    match self.exec_block(body)? {
                        Flow::Break => return Ok(Flow::Normal),
                        Flow::Return => return Ok(Flow::Return),
                        Flow::Normal | Flow::Continue => {}
                    }
                }
            }
            StmtKind::Break => return Ok(Flow::Break),
            StmtKind::Continue => return Ok(Flow::Continue),
            StmtKind::Return(value) => {
                let v = match value {
                    Some(e) => self.eval(e)?,
                    None => self.b.none,
                };
                let base = self.frame_base();
                self.set_at(base + 1, v);
                return Ok(Flow::Return);
            }
            StmtKind::Pass | StmtKind::Nothing => {}
            StmtKind::FunctionDef(name, def) => {
                let mut f = self.make_function(def)?;
                // Decorators apply bottom-up.
                for d in def.decorators.iter().rev() {
                    let fi = self.push(f);
                    let dec = self.eval(d)?;
                    let arg = self.at(fi);
                    f = self.call(dec, &[arg], &[])?;
                }
                self.store_name(name, f)?;
            }
            StmtKind::Try(t) => return self.exec_try(t),
            StmtKind::Raise(exc, cause) => {
                return Err(self.raise_stmt(exc.as_ref(), cause.as_ref()))
            }
            StmtKind::Assert(test, None) if self.interp.assert_detail => {
                self.exec_assert_detailed(test)?;
            }
            StmtKind::Assert(test, msg) => {
                let t = self.eval(test)?;
                if !self.truth(t)? {
                    return Err(match msg {
                        Some(m) => {
                            let m = self.eval(m)?;
                            self.raise_args("AssertionError", &[m])
                        }
                        None => self.raise_args("AssertionError", &[]),
                    });
                }
            }
            StmtKind::Delete(targets) => {
                for t in targets {
                    self.delete(t)?;
                }
            }
            StmtKind::Import(names) => {
                for n in names {
                    let m = self.import_module(&n.module)?;
                    match &n.alias {
                        Some(alias) => self.store_name(alias, m)?,
                        None => {
                            let top = n.module.split('.').next().unwrap_or(&n.module);
                            let t = self.import_module(top)?;
                            self.store_name(&n.top, t)?;
                        }
                    }
                }
            }
            StmtKind::ImportStar(level, module) => {
                let mname = self.import_from_name(*level, module.as_deref())?;
                let m = self.import_module(&mname)?;
                self.import_star(m, &mname)?;
            }
            StmtKind::ImportFrom(level, module, names) => {
                let mname = self.import_from_name(*level, module.as_deref())?;
                let mname = mname.as_str();
                let m = self.import_module(mname)?;
                let mi = self.push(m);
                for (attr, binding) in names {
                    let m = self.at(mi);
                    let hooked = match self.lookup_attr(m, attr) {
                        Some(v) => Some(v),
                        // The module's `__getattr__` (PEP 562); its AttributeError means
                        // "not there": a submodule is tried next, as CPython does.
                        None => match self.module_getattr_hook(m, attr) {
                            Ok(v) => v,
                            Err(e) => {
                                if !self.exc_is("AttributeError") {
                                    return Err(e);
                                }
                                self.roots.exc = RawRef::NULL;
                                None
                            }
                        },
                    };
                    let v = match hooked {
                        Some(v) => v,
                        None => {
                            // A submodule not yet imported: `from pkg import mod`.
                            let sub = format!("{mname}.{attr}");
                            match self.import_module(&sub) {
                                Ok(v) => v,
                                Err(e) => {
                                    // Only "there is no such submodule" becomes "cannot
                                    // import name"; an error inside it propagates.
                                    let missing = format!("No module named '{sub}'");
                                    if !self.exc_is("ModuleNotFoundError")
                                        || !crate::objects::exception::message(
                                            self.obj(self.roots.exc),
                                        )
                                        .starts_with(&missing)
                                    {
                                        return Err(e);
                                    }
                                    self.roots.exc = RawRef::NULL;
                                    let m = self.at(mi);
                                    let file = self
                                        .lookup_attr(m, "__file__")
                                        .filter(|f| self.obj(*f).kind() == self.b.kinds.str_);
                                    let file = file.map(|f| pystr::as_str(self.obj(f)).to_string());
                                    let place = file.as_deref().unwrap_or("unknown location");
                                    let msg = format!(
                                        "cannot import name '{attr}' from '{mname}' ({place})"
                                    );
                                    let (name, path) = (Some(mname), file.as_deref());
                                    return Err(self.raise_import_error(
                                        "ImportError",
                                        msg,
                                        name,
                                        path,
                                    ));
                                }
                            }
                        }
                    };
                    self.store_name(binding, v)?;
                }
            }
            StmtKind::ListAppend(slot, e) => {
                let v = self.eval(e)?;
                let vi = self.push(v);
                let li = self.fast_slot(*slot);
                let a = self.alloc();
                list::append(&a, self.obj(self.at(li)), self.obj(self.at(vi)))?;
            }
            StmtKind::ClassDef(cd) => self.exec_class(cd)?,
            StmtKind::With(ctx, target, body) => {
                return self.exec_with(ctx, target.as_ref(), body, s.span.line)
            }
            StmtKind::SetAdd(slot, e) => {
                let v = self.eval(e)?;
                let si = self.fast_slot(*slot);
                let s = self.at(si);
                self.set_add(s, v)?;
            }
            StmtKind::DictSetItem(slot, k, v) => {
                let k = self.eval(k)?;
                let ki = self.push(k);
                let v = self.eval(v)?;
                let di = self.fast_slot(*slot);
                let d = self.at(di);
                let k = self.at(ki);
                self.dict_set(d, k, v)?;
            }
        }
        Ok(Flow::Normal)
    }

    fn exec_try(&mut self, t: &super::ast::Try) -> PyResult<Flow> {
        let r = self.exec_block(&t.body);
        let r = match r {
            Ok(Flow::Normal) => self.exec_block(&t.orelse),
            Ok(other) => Ok(other),
            Err(Raised) if t.star => self.handle_star(t),
            Err(Raised) => self.handle(t),
        };
        if t.finally.is_empty() {
            return r;
        }
        // `finally`: keep the pending exception (or the return value) aside while it runs.
        let saved = self.roots.exc;
        let si = self.push(saved);
        let base = self.frame_base();
        let ret = self.at(base + 1);
        let ri = self.push(ret);
        self.roots.exc = RawRef::NULL;
        match self.exec_block(&t.finally)? {
            Flow::Normal => {
                let ret = self.at(ri);
                self.set_at(base + 1, ret);
                self.roots.exc = self.at(si);
                r
            }
            // A `return`/`break`/`continue` in `finally` swallows the exception.
            other => Ok(other),
        }
    }

    /// Runs the matching `except` clause of `t` for the pending exception.
    fn handle(&mut self, t: &super::ast::Try) -> PyResult<Flow> {
        let exc = self.roots.exc;
        let ei = self.push(exc);
        for h in &t.handlers {
            let matched = match &h.class {
                None => true,
                Some(c) => {
                    self.roots.exc = RawRef::NULL;
                    let cls = self.eval(c);
                    let exc = self.at(ei);
                    self.roots.exc = exc;
                    let cls = cls?;
                    self.exception_matches(exc, cls)?
                }
            };
            if !matched {
                continue;
            }
            self.set_line(h.span.line);
            let exc = self.at(ei);
            self.roots.exc = RawRef::NULL;
            // While the handler runs, the exception is "being handled": a new one raised
            // inside gets it as its context.
            self.roots.handling.push(exc);
            if let Some(n) = &h.name {
                self.store_name(n, exc)?;
            }
            let r = self.exec_block(&h.body);
            let handled = self.roots.handling.pop().expect("pushed above");
            if r.is_err() {
                self.chain_context(handled);
            } else {
                self.interp.tb_mark = None;
            }
            if let Some(n) = &h.name {
                // CPython deletes the name after the handler.
                let _ = self.delete_name(n, false);
            }
            return r;
        }
        self.roots.exc = self.at(ei);
        Err(Raised)
    }

    /// Does exception instance `exc` match `cls` (a class or a tuple of classes)?
    pub(crate) fn exception_matches(&mut self, exc: RawRef, cls: RawRef) -> PyResult<bool> {
        let c = self.obj(cls);
        let candidates: Vec<RawRef> = if c.kind() == self.b.kinds.tuple {
            tuple::items(c).map(|x| x.raw()).collect()
        } else {
            vec![cls]
        };
        let t = type_of(self.obj(exc)).raw();
        for cand in candidates {
            let co = self.obj(cand);
            if !exception::is_exception_type(&self.alloc(), co) {
                return Err(self.raise(
                    "TypeError",
                    "catching classes that do not inherit from BaseException is not allowed".into(),
                ));
            }
            if types::is_subtype(self.obj(t), co) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    fn raise_stmt(&mut self, exc: Option<&Expr>, cause: Option<&Expr>) -> Raised {
        let Some(exc) = exc else {
            // Bare `raise`: re-raise the exception being handled.
            return match self.roots.handling.last() {
                Some(e) => {
                    self.roots.exc = *e;
                    Raised
                }
                None => self.raise("RuntimeError", "No active exception to reraise".into()),
            };
        };
        let e = match self.eval(exc).and_then(|e| self.instantiate_exception(e)) {
            Ok(e) => e,
            Err(r) => return r,
        };
        let ei = self.push(e);
        if let Some(c) = cause {
            let c = match self.eval(c) {
                Ok(c) => c,
                Err(r) => return r,
            };
            let c = if c == self.b.none {
                c
            } else {
                match self.instantiate_exception(c) {
                    Ok(c) => c,
                    Err(r) => return r,
                }
            };
            let e = self.at(ei);
            exception::set_cause(&self.alloc(), self.obj(e), self.obj(c));
        }
        self.roots.exc = self.at(ei);
        Raised
    }

    /// `raise X`: an instance as is, a class instantiated with no arguments.
    fn instantiate_exception(&mut self, e: RawRef) -> PyResult<RawRef> {
        let o = self.obj(e);
        let a = self.alloc();
        if types::is_type(&a, o) {
            if !exception::is_exception_type(&a, o) {
                return Err(self.raise(
                    "TypeError",
                    "exceptions must derive from BaseException".into(),
                ));
            }
            return self.call(e, &[], &[]);
        }
        if !exception::is_exception_type(&a, type_of(o)) {
            return Err(self.raise(
                "TypeError",
                "exceptions must derive from BaseException".into(),
            ));
        }
        Ok(e)
    }

    // ------------------------------------------------------------ names and targets

    /// A name's value; a bound fast local is read inline, the rest in `load_name_slow`.
    #[inline(always)]
    pub(crate) fn load_name(&mut self, n: &Name) -> PyResult<RawRef> {
        match n {
            Name::Fast(i) => {
                let v = self.at(self.fast_slot(*i));
                if !v.is_null() {
                    return Ok(v);
                }
            }
            Name::Global(s) | Name::Module(s) => {
                let g = self.obj(self.at(self.frame_base()));
                // The builtins module's dict, which is never replaced.
                let b = self.obj(self.b.builtins_dict);
                if let Some(v) = ops::global_get_cached(g, b, &s.global) {
                    return Ok(v);
                }
            }
            _ => {}
        }
        self.load_name_slow(n)
    }

    #[inline(never)]
    fn load_name_slow(&mut self, n: &Name) -> PyResult<RawRef> {
        match n {
            Name::Fast(i) => {
                let idx = self.fast_slot(*i);
                let v = self.at(idx);
                if v.is_null() {
                    let name = self.frame().code.fast_names[*i as usize].to_string();
                    return Err(self.raise(
                        "UnboundLocalError",
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                Ok(v)
            }
            Name::Cell(i) => {
                let idx = self.frame().cell(*i);
                let c = self.at(idx);
                let v = pyfunc::cell_get(self.obj(c));
                if v.is_null() {
                    let f = self.frame();
                    let name = f.code.cell_names[*i as usize].to_string();
                    let free = *i >= f.code.n_cellvars;
                    return Err(if free {
                        self.raise(
                            "NameError",
                            format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
                        )
                    } else {
                        self.raise(
                            "UnboundLocalError",
                            format!("cannot access local variable '{name}' where it is not associated with a value"),
                        )
                    });
                }
                Ok(v)
            }
            Name::ClassNs(s) | Name::Global(s) | Name::Module(s) => {
                if let Name::ClassNs(_) = n {
                    // The class namespace first, then the globals and builtins.
                    let ns = self.at(self.fast_slot(0));
                    let a = self.alloc();
                    if let Some(v) = ops::dict_get_str_hashed(&a, self.obj(ns), s, s.hash) {
                        return Ok(v.raw());
                    }
                }
                let g = self.obj(self.at(self.frame_base()));
                let a = self.alloc();
                let b = a.builtin(self.b.builtins_dict);
                if let Some(v) = ops::global_get_cached(g, b, &s.global) {
                    return Ok(v);
                }
                if let Some(v) = ops::global_get_filling(&a, g, b, s) {
                    return Ok(v.raw());
                }
                if let Some(v) = self.lazy_builtin(s)? {
                    return Ok(v);
                }
                Err(self.raise("NameError", format!("name '{s}' is not defined")))
            }
        }
    }

    /// Binds a name; a fast local inline, the rest in `store_name_slow`.
    #[inline(always)]
    pub(crate) fn store_name(&mut self, n: &Name, v: RawRef) -> PyResult<()> {
        if let Name::Fast(i) = n {
            let idx = self.fast_slot(*i);
            self.set_at(idx, v);
            return Ok(());
        }
        self.store_name_slow(n, v)
    }

    #[inline(never)]
    fn store_name_slow(&mut self, n: &Name, v: RawRef) -> PyResult<()> {
        match n {
            Name::Fast(i) => {
                let idx = self.fast_slot(*i);
                self.set_at(idx, v);
            }
            Name::Cell(i) => {
                let idx = self.frame().cell(*i);
                let c = self.at(idx);
                let a = self.alloc();
                pyfunc::cell_set(&a, self.obj(c), v);
            }
            Name::Global(s) | Name::Module(s) | Name::ClassNs(s) => {
                let g = match n {
                    Name::ClassNs(_) => self.at(self.fast_slot(0)),
                    _ => self.at(self.frame_base()),
                };
                // A name already bound keeps its key: only the value changes.
                let a = self.alloc();
                if ops::dict_replace_str_hashed(&a, self.obj(g), s, s.hash, self.obj(v), &s.slot) {
                    return Ok(());
                }
                // Allocation never collects: `v` and `g` stay valid.
                let k = pystr::new(&a, s)?;
                ops::dict_set_str(&a, self.obj(g), k, self.obj(v));
            }
        }
        Ok(())
    }

    pub(crate) fn delete_name(&mut self, n: &Name, must_exist: bool) -> PyResult<()> {
        match n {
            Name::Fast(i) => {
                let idx = self.fast_slot(*i);
                if must_exist && self.at(idx).is_null() {
                    let name = self.frame().code.fast_names[*i as usize].to_string();
                    return Err(self.raise(
                        "UnboundLocalError",
                        format!("cannot access local variable '{name}' where it is not associated with a value"),
                    ));
                }
                self.set_at(idx, RawRef::NULL);
            }
            Name::Cell(i) => {
                let idx = self.frame().cell(*i);
                let c = self.at(idx);
                let a = self.alloc();
                pyfunc::cell_set(&a, self.obj(c), RawRef::NULL);
            }
            Name::Global(s) | Name::Module(s) | Name::ClassNs(s) => {
                let g = match n {
                    Name::ClassNs(_) => self.at(self.fast_slot(0)),
                    _ => self.at(self.frame_base()),
                };
                let h = ops::str_hash(s);
                let hit = {
                    let a = self.alloc();
                    dict::lookup(self.obj(g), h, |k| {
                        let k = a.heap_obj(k);
                        k.kind() == a.kinds().str_ && pystr::as_str(k) == &**s
                    })
                };
                match hit {
                    Some((i, _)) => dict::remove_index(self.obj(g), i),
                    None if must_exist => {
                        return Err(self.raise("NameError", format!("name '{s}' is not defined")))
                    }
                    None => {}
                }
            }
        }
        Ok(())
    }

    /// Binds `v` to target `t` (leaving the rooted stack as it found it: a `for` loop
    /// assigns once per iteration within one statement).
    #[inline]
    pub(crate) fn assign(&mut self, t: &Target, v: RawRef) -> PyResult<()> {
        if let Target::Name(n) = t {
            return self.store_name(n, v);
        }
        self.assign_rooting(t, v)
    }

    #[inline(never)]
    fn assign_rooting(&mut self, t: &Target, v: RawRef) -> PyResult<()> {
        let mark = self.roots.stack.len();
        let r = self.assign_inner(t, v);
        self.truncate(mark);
        r
    }

    fn assign_inner(&mut self, t: &Target, v: RawRef) -> PyResult<()> {
        match t {
            Target::Name(n) => self.store_name(n, v),
            Target::Attr(obj, attr) => {
                // The caller drops these slots.
                let v = self.root(v);
                let o = self.eval(obj)?;
                let o = self.root(o);
                self.setattr_at(o, attr, Some(v))
            }
            Target::Subscript(obj, key) => {
                // The caller drops these slots.
                let v = self.root(v);
                let o = self.eval_operand(obj)?;
                let o = self.root(o);
                let k = self.eval_operand(key)?;
                // The key is current: an exact list's store needs no slot for it.
                if self.exact_list_store(o.get(self), k, v.get(self)) {
                    return Ok(());
                }
                let k = self.root(k);
                self.setitem_at(o, k, v)
            }
            Target::Unpack(targets, star, span) => {
                // CPython reports unpacking errors at the target's line.
                self.set_line(span.line);
                let items = self.unpack(v, targets.len(), *star)?;
                let start = self.roots.stack.len();
                for r in items {
                    self.push(r);
                }
                for (i, t) in targets.iter().enumerate() {
                    let v = self.at(start + i);
                    self.assign(t, v)?;
                }
                Ok(())
            }
        }
    }

    /// Unpacks an iterable into `n` values (the starred position gets a list).
    fn unpack(&mut self, v: RawRef, n: usize, star: Option<usize>) -> PyResult<Vec<RawRef>> {
        let it = self.iter(v)?;
        let it = self.root(it);
        let start = self.roots.stack.len();
        while let Some(x) = self.next_at(it)? {
            self.push(x);
        }
        let got: Vec<RawRef> = self.roots.stack[start..].to_vec();
        match star {
            None => {
                if got.len() < n {
                    return Err(self.raise(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected {n}, got {})",
                            got.len()
                        ),
                    ));
                }
                if got.len() > n {
                    return Err(self.raise(
                        "ValueError",
                        format!("too many values to unpack (expected {n})"),
                    ));
                }
                Ok(got)
            }
            Some(s) => {
                let after = n - s - 1;
                if got.len() < n - 1 {
                    return Err(self.raise(
                        "ValueError",
                        format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            n - 1,
                            got.len()
                        ),
                    ));
                }
                let mid_end = got.len() - after;
                let a = self.alloc();
                let mid: Vec<_> = got[s..mid_end].iter().map(|r| self.obj(*r)).collect();
                let l = list::new(&a, &mid)?.raw();
                let mut out = got[..s].to_vec();
                out.push(l);
                out.extend_from_slice(&got[mid_end..]);
                Ok(out)
            }
        }
    }

    fn delete(&mut self, t: &Target) -> PyResult<()> {
        match t {
            Target::Name(n) => self.delete_name(n, true),
            Target::Attr(obj, attr) => self.pinning(|st, _| {
                let o = st.eval(obj)?;
                let o = st.root(o);
                st.setattr_at(o, attr, None)
            }),
            Target::Subscript(obj, key) => self.pinning(|st, _| {
                let o = st.eval(obj)?;
                let o = st.root(o);
                let k = st.eval(key)?;
                let k = st.root(k);
                st.delitem_at(o, k)
            }),
            Target::Unpack(ts, _, _) => {
                for t in ts {
                    self.delete(t)?;
                }
                Ok(())
            }
        }
    }

    fn aug_assign(&mut self, t: &Target, op: BinOp, value: &Expr) -> PyResult<()> {
        match t {
            Target::Name(n) => {
                let op = nbinop(op);
                let cur = self.load_name(n)?;
                // As in `eval_binop`: an int constant is used by value, an operand read
                // without running code leaves the current value where it is.
                if let ExprKind::Const(Const::SmallInt(y), _) = &value.kind {
                    if let Some(r) = self.exact_int_op_const(op, cur, *y)? {
                        return self.store_name(n, r);
                    }
                }
                let r = match self.operand_at_hand(value) {
                    Some(v) => self.inplace_op(op, cur, v)?,
                    None => {
                        let cur = self.root(cur);
                        let v = self.eval(value)?;
                        // `v` is current: the exact-int case takes it unrooted.
                        self.inplace_op(op, cur.get(self), v)?
                    }
                };
                self.store_name(n, r)
            }
            Target::Attr(obj, attr) => {
                let o = self.eval(obj)?;
                let o = self.root(o);
                let cur = self.getattr_at(o, attr)?;
                let cur = self.root(cur);
                let v = self.eval(value)?;
                let v = self.root(v);
                let r = self.inplace_op_at(nbinop(op), cur, v)?;
                let r = self.root(r);
                self.setattr_at(o, attr, Some(r))
            }
            Target::Subscript(obj, key) => {
                let o = self.eval(obj)?;
                let o = self.root(o);
                let k = self.eval(key)?;
                let k = self.root(k);
                let cur = self.getitem_at(o, k)?;
                let ci = self.push(cur);
                let v = self.eval(value)?;
                let ci = Rooted::slot(ci);
                let v = self.root(v);
                let r = self.inplace_op_at(nbinop(op), ci, v)?;
                let r = self.root(r);
                self.setitem_at(o, k, r)
            }
            Target::Unpack(..) => Err(self.raise(
                "SyntaxError",
                "'tuple' is an illegal expression for augmented assignment".into(),
            )),
        }
    }

    // ------------------------------------------------------------ expressions

    /// Evaluates `e`. The result is valid until the next evaluation: push it to keep it.
    /// Names and calls, the commonest kinds, are dispatched here, inline in the caller; the
    /// rest in `eval_inner`, whose frame is large.
    #[inline]
    pub(crate) fn eval(&mut self, e: &Expr) -> PyResult<RawRef> {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Call(f, args) if plain_call_args(args) => self.eval_call_positional(f, args),
            ExprKind::Call(f, args) => self.eval_call(f, args),
            ExprKind::BinOp(op, a, b) => self.eval_binop(*op, a, b),
            ExprKind::Const(c, cache) => self.constant(c, cache),
            _ => self.eval_inner(e),
        }
    }

    /// [`Self::eval`] of an operand (a callee, an argument, a side of an operator): a
    /// bound local or a singleton constant is read here, without the call into `eval`
    /// (whose entry and exit cost more than the read itself).
    #[inline(always)]
    fn eval_operand(&mut self, e: &Expr) -> PyResult<RawRef> {
        match &e.kind {
            ExprKind::Name(Name::Fast(i)) => {
                let v = self.at(self.fast_slot(*i));
                if !v.is_null() {
                    return Ok(v);
                }
            }
            ExprKind::Name(n) => return self.load_name(n),
            // `x[0]`, `f(x, 1)`, `d["key"]`: a constant with an object already at hand.
            ExprKind::Const(c, cache) => {
                if let Some(r) = self.constant_at_hand(c, cache) {
                    return Ok(r);
                }
            }
            _ => {}
        }
        self.eval(e)
    }

    /// A constant's object when it is read, not made: None, a preallocated small int, or
    /// the shared object the node keeps (immortal: current at any time).
    #[inline(always)]
    fn constant_at_hand(&self, c: &Const, cache: &ConstCache) -> Option<RawRef> {
        match c {
            Const::None => Some(self.b.none),
            Const::SmallInt(i) => self.b.small_int(*i).or_else(|| cache.get()),
            _ => cache.get(),
        }
    }

    #[inline(never)]
    fn eval_inner(&mut self, e: &Expr) -> PyResult<RawRef> {
        match &e.kind {
            ExprKind::Const(c, cache) => self.constant(c, cache),
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Attr(obj, attr) => {
                let o = self.eval_operand(obj)?;
                self.rooting1(o, |st, o| st.getattr_at(o, attr))
            }
            ExprKind::Subscript(obj, key) => self.pinning(|st, _| {
                let o = st.eval_operand(obj)?;
                let o = st.root(o);
                let k = st.eval_operand(key)?;
                let k = st.root(k);
                st.getitem_at(o, k)
            }),
            ExprKind::Slice(a, b, c) => {
                let mark = self.roots.stack.len();
                for part in [a, b, c] {
                    let v = match part {
                        Some(x) => self.eval(x)?,
                        None => self.b.none,
                    };
                    self.push(v);
                }
                let (x, y, z) = (self.at(mark), self.at(mark + 1), self.at(mark + 2));
                let r = self.new_slice(x, y, z);
                self.truncate(mark);
                r
            }
            ExprKind::Call(f, args) => self.eval_call(f, args),
            ExprKind::BinOp(op, a, b) => self.eval_binop(*op, a, b),
            ExprKind::Unary(op, a) => {
                let x = self.eval(a)?;
                match op {
                    UnaryOp::Not => {
                        let t = self.truth(x)?;
                        Ok(self.bool_obj(!t))
                    }
                    UnaryOp::Neg => self.unary_op(NUnaryOp::Neg, x),
                    UnaryOp::Pos => self.unary_op(NUnaryOp::Pos, x),
                    UnaryOp::Invert => self.unary_op(NUnaryOp::Invert, x),
                }
            }
            ExprKind::BoolOp(and, values) => {
                let mut last = self.b.none;
                for v in values {
                    last = self.eval(v)?;
                    let li = self.push(last);
                    let t = self.truth(last);
                    last = self.at(li);
                    self.truncate(li);
                    if t? != *and {
                        return Ok(last);
                    }
                }
                Ok(last)
            }
            ExprKind::Compare(first, rest) => {
                let x = self.eval(first)?;
                let mut xi = self.push(x);
                let mark = xi;
                for (i, (op, e)) in rest.iter().enumerate() {
                    let y = self.eval(e)?;
                    let yi = self.push(y);
                    // A comparison method or slot may return any object: the
                    // expression's value is the last result, or the first false one.
                    if let Some(r) = self.rich_compare_obj(*op, xi, yi)? {
                        if i + 1 == rest.len() {
                            self.truncate(mark);
                            return Ok(r);
                        }
                        let ri = self.push(r);
                        if !self.truth(r)? {
                            let r = self.at(ri);
                            self.truncate(mark);
                            return Ok(r);
                        }
                        self.truncate(ri);
                        xi = yi;
                        continue;
                    }
                    let ok = self.compare_op(*op, Rooted::slot(xi), Rooted::slot(yi))?;
                    if !ok {
                        self.truncate(mark);
                        return Ok(self.b.false_);
                    }
                    xi = yi;
                }
                self.truncate(mark);
                Ok(self.b.true_)
            }
            ExprKind::IfExp(test, body, orelse) => {
                let t = self.eval(test)?;
                if self.truth(t)? {
                    self.eval(body)
                } else {
                    self.eval(orelse)
                }
            }
            ExprKind::Lambda(def) => self.make_function(def),
            ExprKind::Tuple(items) => self.display(items, true),
            ExprKind::List(items) => self.display(items, false),
            ExprKind::Dict(items) => {
                let d = dict::new(&self.alloc())?.raw();
                let di = self.push(d);
                for (k, v) in items {
                    match k {
                        Some(k) => {
                            let k = self.eval(k)?;
                            let ki = self.push(k);
                            let v = self.eval(v)?;
                            self.dict_set(self.at(di), self.at(ki), v)?;
                            self.truncate(ki);
                        }
                        None => {
                            let m = self.eval(v)?;
                            self.dict_update(self.at(di), m)?;
                        }
                    }
                }
                let d = self.at(di);
                self.truncate(di);
                Ok(d)
            }
            ExprKind::Starred(_) => {
                Err(self.raise("SyntaxError", "can't use starred expression here".into()))
            }
            ExprKind::Named(n, v) => {
                let v = self.eval(v)?;
                let vi = self.push(v);
                self.store_name(n, v)?;
                let v = self.at(vi);
                self.truncate(vi);
                Ok(v)
            }
            ExprKind::FString(parts) => {
                let s = self.fstring(parts)?;
                Ok(pystr::new(&self.alloc(), &s)?.raw())
            }
            ExprKind::Set(items) => {
                let mark = self.eval_items(items)?;
                let s = self.new_set()?;
                let si = self.push(s);
                for i in mark..si {
                    self.set_add(self.at(si), self.at(i))?;
                }
                let s = self.at(si);
                self.truncate(mark);
                Ok(s)
            }
            ExprKind::ListComp(def, first)
            | ExprKind::DictComp(def, first)
            | ExprKind::SetComp(def, first) => self.comprehension(def, first),
            // The code is a generator function's: the call makes the generator.
            ExprKind::GenExp(def, first) => self.comprehension(def, first),
            ExprKind::Yield(v) => {
                let v = match v {
                    Some(e) => self.eval(e)?,
                    None => self.b.none,
                };
                self.gen_yield(v)
            }
            ExprKind::YieldFrom(e) => self.yield_from(e),
        }
    }

    /// `a op b`
    #[inline(never)]
    fn eval_binop(&mut self, op: BinOp, a: &Expr, b: &Expr) -> PyResult<RawRef> {
        let x = self.eval(a)?;
        // An int constant on the right of an exact int: its object (shared, or made at
        // each evaluation in the moving modes) is not needed for the result.
        if let ExprKind::Const(Const::SmallInt(y), _) = &b.kind {
            if let Some(r) = self.exact_int_op_const(nbinop(op), x, *y)? {
                return Ok(r);
            }
        }
        // A right operand read without running code or allocating cannot move the left
        // one: both are passed as addresses, rooted only past the exact-int case.
        if let Some(y) = self.operand_at_hand(b) {
            return self.binary_op(nbinop(op), x, y);
        }
        let mark = self.roots.stack.len();
        let x = self.root(x);
        let r = match self.eval(b) {
            Ok(y) => {
                let y = self.root(y);
                self.binary_op_at(nbinop(op), x, y)
            }
            Err(e) => Err(e),
        };
        self.truncate(mark);
        r
    }

    /// The value of an operand that is read, not computed (a bound local, `None`, a
    /// preallocated small int): reading it runs no code and allocates nothing, so any
    /// address the caller holds stays current. `None` for every other operand.
    #[inline(always)]
    fn operand_at_hand(&self, e: &Expr) -> Option<RawRef> {
        match &e.kind {
            ExprKind::Name(Name::Fast(i)) => {
                let v = self.at(self.fast_slot(*i));
                (!v.is_null()).then_some(v)
            }
            ExprKind::Const(c, cache) => self.constant_at_hand(c, cache),
            _ => None,
        }
    }

    /// A tuple or list display.
    fn display(&mut self, items: &[Expr], tuple_display: bool) -> PyResult<RawRef> {
        let mark = self.eval_items(items)?;
        let a = self.alloc();
        let objs = &self.roots.stack[mark..];
        let r = if tuple_display {
            tuple::new_from_current(&a, objs)?.raw()
        } else {
            list::new_from_current(&a, objs)?.raw()
        };
        self.truncate(mark);
        Ok(r)
    }

    /// Evaluates display items onto the stack (unpacking starred ones); returns where
    /// they start.
    fn eval_items(&mut self, items: &[Expr]) -> PyResult<usize> {
        let mark = self.roots.stack.len();
        for it in items {
            if let ExprKind::Starred(inner) = &it.kind {
                let v = self.eval(inner)?;
                let it = self.iter(v)?;
                let ii = self.push(it);
                let mut vals = Vec::new();
                loop {
                    let it = self.at(ii);
                    match self.next(it)? {
                        Some(x) => {
                            // Keep each value rooted while fetching the next.
                            vals.push(self.push(x));
                        }
                        None => break,
                    }
                }
                let got: Vec<RawRef> = vals.iter().map(|i| self.at(*i)).collect();
                self.truncate(ii);
                for g in got {
                    self.push(g);
                }
            } else {
                let v = self.eval_operand(it)?;
                self.push(v);
            }
        }
        Ok(mark)
    }

    #[inline(always)]
    fn constant(&mut self, c: &Const, cache: &ConstCache) -> PyResult<RawRef> {
        // Singletons and the preallocated small ints are read, not made; so is a constant
        // the node already has a shared object for.
        // Else the shared one, made now (`interp/constants.rs`), or a new one each time in
        // a moving mode (which moves every object, constants included).
        match self.constant_at_hand(c, cache) {
            Some(r) => Ok(r),
            None => self.constant_object(c, cache),
        }
    }

    /// A new object for constant `c`.
    pub(crate) fn fresh_constant(&mut self, c: &Const) -> PyResult<RawRef> {
        let a = self.alloc();
        Ok(match c {
            Const::None => self.b.none,
            Const::True => self.b.true_,
            Const::False => self.b.false_,
            Const::Ellipsis => self.b.ellipsis,
            Const::SmallInt(i) => int::new_i64(&a, *i)?.raw(),
            Const::Int(i) => int::new_big(&a, i)?.raw(),
            Const::Float(f) => float::new(&a, *f)?.raw(),
            Const::Imag(im) => crate::objects::complex::new(&a, 0.0, *im)?.raw(),
            Const::Str(s) => pystr::new(&a, s)?.raw(),
            Const::Bytes(b) => bytes::new(&a, b)?.raw(),
        })
    }

    /// A rich comparison where an operand is an instance of a Python class or of an
    /// extension type with `tp_richcompare`: the result object of its method or slot (any
    /// object, as CPython returns it), or the default comparison's bool (`None`: no operand
    /// is such an instance; operands at stack `xi`, `yi`).
    pub(crate) fn rich_compare_obj(
        &mut self,
        op: CmpOp,
        xi: usize,
        yi: usize,
    ) -> PyResult<Option<RawRef>> {
        let code = match op {
            CmpOp::Lt => 0,
            CmpOp::LtE => 1,
            CmpOp::Eq => 2,
            CmpOp::NotEq => 3,
            CmpOp::Gt => 4,
            CmpOp::GtE => 5,
            _ => return Ok(None),
        };
        let (x, y) = (self.at(xi), self.at(yi));
        let slot = |st: &Self, r| st.ext_slot(r, hpy_abi::HPy_tp_richcompare).is_some();
        if !self.is_py(x) && !self.is_py(y) && !slot(self, x) && !slot(self, y) {
            return Ok(None);
        }
        let mut ops = [x, y];
        let r = self.ext_richcompare(&mut ops, code)?;
        self.set_at(xi, ops[0]);
        self.set_at(yi, ops[1]);
        match r {
            Some(r) => Ok(Some(r)),
            None => {
                let b =
                    crate::protocols::compare::compare_without_slots(self, ops[0], ops[1], code)?;
                Ok(Some(self.bool_obj(b)))
            }
        }
    }

    /// `x op y` as a bool, for operands in slots.
    pub(crate) fn compare_op(&mut self, op: CmpOp, x: Rooted, y: Rooted) -> PyResult<bool> {
        use crate::protocols::compare::compare_at;
        Ok(match op {
            CmpOp::Is => x.get(self) == y.get(self),
            CmpOp::IsNot => x.get(self) != y.get(self),
            CmpOp::In => self.contains_at(y, x)?,
            CmpOp::NotIn => !self.contains_at(y, x)?,
            CmpOp::Eq => compare_at(self, x, y, 2)?,
            CmpOp::NotEq => compare_at(self, x, y, 3)?,
            CmpOp::Lt => compare_at(self, x, y, 0)?,
            CmpOp::LtE => compare_at(self, x, y, 1)?,
            CmpOp::Gt => compare_at(self, x, y, 4)?,
            CmpOp::GtE => compare_at(self, x, y, 5)?,
        })
    }

    /// `d.update(m)` for a dict `m` (the `**m` of a display or a call).
    fn dict_update(&mut self, d: RawRef, m: RawRef) -> PyResult<()> {
        let mo = self.obj(m);
        if types::data(type_of(mo)).instances != Instances::Dict {
            let t = self.type_name(m);
            return Err(self.raise("TypeError", format!("'{t}' object is not a mapping")));
        }
        let pairs: Vec<(RawRef, RawRef)> = dict::entries(mo)
            .iter()
            .map(|(k, v)| (k.key.get(), *v))
            .collect();
        // Inserting never reaches a safepoint for builtin keys; keep the pairs rooted
        // anyway, since keys may compare through Python code in later issues.
        let mark = self.roots.stack.len();
        for (k, v) in &pairs {
            self.push(*k);
            self.push(*v);
        }
        for i in 0..pairs.len() {
            let (k, v) = (self.at(mark + 2 * i), self.at(mark + 2 * i + 1));
            self.dict_set(d, k, v)?;
        }
        self.truncate(mark);
        Ok(())
    }

    fn fstring(&mut self, parts: &[FPart]) -> PyResult<String> {
        let mut out = String::new();
        for p in parts {
            match p {
                FPart::Lit(s) => out.push_str(s),
                FPart::Value(e, conv, spec) => {
                    let v = self.eval(e)?;
                    let vi = self.push(v);
                    let spec = self.fstring(spec)?;
                    let v = self.at(vi);
                    self.truncate(vi);
                    let s = self.format_value(v, *conv, &spec)?;
                    out.push_str(&s);
                }
            }
        }
        Ok(out)
    }

    // ------------------------------------------------------------ functions

    fn make_function(&mut self, def: &Rc<FuncDef>) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        let code = Rc::clone(&def.code);
        // Defaults, evaluated now in the defining scope.
        for d in &code.params.defaults {
            let v = self.eval(d)?;
            self.push(v);
        }
        let a = self.alloc();
        let defaults = if code.params.defaults.is_empty() {
            self.b.none
        } else {
            let objs: Vec<_> = self.roots.stack[mark..]
                .iter()
                .map(|r| self.obj(*r))
                .collect();
            tuple::new(&a, &objs)?.raw()
        };
        self.truncate(mark);
        let di = self.push(defaults);
        let kwd = if code.params.kw_defaults.is_empty() {
            self.b.none
        } else {
            let d = dict::new(&self.alloc())?.raw();
            let ki = self.push(d);
            for (i, e) in &code.params.kw_defaults {
                let v = self.eval(e)?;
                let vi = self.push(v);
                let name = code.params.kwonly[*i as usize].0.clone();
                let k = pystr::new(&self.alloc(), &name)?.raw();
                let a = self.alloc();
                ops::dict_set_str(
                    &a,
                    self.obj(self.at(ki)),
                    self.obj(k),
                    self.obj(self.at(vi)),
                );
                self.truncate(vi);
            }
            self.at(ki)
        };
        let kwi = self.push(kwd);
        // Annotations, evaluated now too (into the function's `__annotations__`).
        let ann = if code.params.annotations.is_empty() {
            RawRef::NULL
        } else {
            let d = dict::new(&self.alloc())?.raw();
            let ai = self.push(d);
            for (name, e) in &code.params.annotations {
                let v = self.eval(e)?;
                self.ns_set(ai, name, v)?;
            }
            self.at(ai)
        };
        let anni = self.push(ann);
        // The closure: the cells this function captures from the defining frame.
        let closure = if def.closure.is_empty() {
            self.b.none
        } else {
            let cells: Vec<RawRef> = def
                .closure
                .iter()
                .map(|c| self.at(self.frame().cell(*c)))
                .collect();
            let a = self.alloc();
            let objs: Vec<_> = cells.iter().map(|r| self.obj(*r)).collect();
            tuple::new(&a, &objs)?.raw()
        };
        let ci = self.push(closure);
        let name = pystr::new(&self.alloc(), &code.name)?.raw();
        let ni = self.push(name);
        let qualname = pystr::new(&self.alloc(), &code.qualname)?.raw();
        let qi = self.push(qualname);
        let globals = self.at(self.frame_base());
        let doc = docstring(&code)
            .map(|d| pystr::new(&self.alloc(), d))
            .transpose()?;
        let doc = doc.map_or(self.b.none, |d| d.raw());
        let di2 = self.push(doc);
        let modname = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(globals), "__name__").map(|m| m.raw())
        }
        .unwrap_or(self.b.none);
        let parts = pyfunc::Parts {
            name: self.at(ni),
            qualname: self.at(qi),
            globals,
            defaults: self.at(di),
            kwdefaults: self.at(kwi),
            closure: self.at(ci),
            doc: self.at(di2),
            module: modname,
        };
        let f = pyfunc::new(&self.alloc(), def, &parts)?.raw();
        if !self.at(anni).is_null() {
            let fi = self.push(f);
            self.setattr(self.at(fi), "__annotations__", self.at(anni))?;
            let f = self.at(fi);
            self.truncate(mark);
            return Ok(f);
        }
        self.truncate(mark);
        Ok(f)
    }

    fn comprehension(&mut self, def: &Rc<FuncDef>, first: &Expr) -> PyResult<RawRef> {
        let it = self.eval(first)?;
        let it = self.iter(it)?;
        let ii = self.push(it);
        let f = self.make_function(def)?;
        let it = self.at(ii);
        self.truncate(ii);
        self.call(f, &[it], &[])
    }

    /// Evaluates the keyword arguments of `args` (`name=value` and `**mapping`) onto the
    /// stack, in order, and returns their names (CPython's checks on repeated names).
    pub(crate) fn eval_keywords(&mut self, args: &[Arg]) -> PyResult<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        for a in args {
            match a {
                Arg::Kw(name, e) => {
                    let v = self.eval(e)?;
                    if names.iter().any(|n| n == &**name) {
                        return Err(
                            self.raise("TypeError", format!("keyword argument repeated: {name}"))
                        );
                    }
                    names.push(name.to_string());
                    self.push(v);
                }
                Arg::StarStar(e) => {
                    let m = self.eval(e)?;
                    let mo = self.obj(m);
                    if types::data(type_of(mo)).instances != Instances::Dict {
                        let t = self.type_name(m);
                        return Err(self.raise(
                            "TypeError",
                            format!("argument after ** must be a mapping, not {t}"),
                        ));
                    }
                    let pairs: Vec<(RawRef, RawRef)> = dict::entries(mo)
                        .iter()
                        .map(|(k, v)| (k.key.get(), *v))
                        .collect();
                    for (k, v) in pairs {
                        let ko = self.obj(k);
                        if ko.kind() != self.b.kinds.str_ {
                            return Err(self.raise("TypeError", "keywords must be strings".into()));
                        }
                        let name = pystr::as_str(ko).to_string();
                        if names.contains(&name) {
                            return Err(self.raise(
                                "TypeError",
                                format!("got multiple values for keyword argument '{name}'"),
                            ));
                        }
                        names.push(name);
                        self.push(v);
                    }
                }
                _ => {}
            }
        }
        Ok(names)
    }

    #[inline(never)]
    fn eval_call(&mut self, f: &Expr, args: &[Arg]) -> PyResult<RawRef> {
        if plain_call_args(args) {
            return self.eval_call_positional(f, args);
        }
        let mark = self.roots.stack.len();
        let fv = self.eval(f)?;
        self.push(fv);
        // Positional values on the stack, then keyword values; names aside.
        let mut npos = 0;
        for a in args {
            match a {
                Arg::Pos(e) => {
                    let v = self.eval(e)?;
                    self.push(v);
                    npos += 1;
                }
                Arg::Star(e) => {
                    let v = self.eval(e)?;
                    let start = self.roots.stack.len();
                    let items = self.unpack_all(v)?;
                    self.truncate(start);
                    npos += items.len();
                    for x in items {
                        self.push(x);
                    }
                }
                _ => {}
            }
        }
        let names = self.eval_keywords(args)?;
        if names.is_empty() && self.roots.stack.len() - mark - 1 <= 8 {
            // The common call: a few positional arguments, copied without allocating.
            let n = self.roots.stack.len() - mark - 1;
            let mut buf = [RawRef::NULL; 8];
            buf[..n].copy_from_slice(&self.roots.stack[mark + 1..]);
            let f = self.at(mark);
            let r = self.call(f, &buf[..n], &[]);
            self.truncate(mark);
            return r;
        }
        let vals: Vec<RawRef> = self.roots.stack[mark + 1..].to_vec();
        let (pos, kw) = vals.split_at(npos);
        let kwargs: Vec<(String, RawRef)> = names.into_iter().zip(kw.iter().copied()).collect();
        let f = self.at(mark);
        // The values stay rooted on the stack during the call.
        let r = self.call(f, pos, &kwargs);
        self.truncate(mark);
        r
    }

    /// A call with up to 8 plain positional arguments (the common case): the values are
    /// rooted on the stack and passed without allocating.
    #[inline(never)]
    fn eval_call_positional(&mut self, f: &Expr, args: &[Arg]) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        let r = (|| {
            let fv = self.eval_operand(f)?;
            self.push(fv);
            // An extension function taking these arguments is called with them where they
            // are evaluated, on the stack (`host/call.rs`).
            if let Some(info) = self.plain_extension_call(fv, args.len()) {
                for a in args {
                    if let Arg::Pos(e) = a {
                        let v = self.eval_operand(e)?;
                        self.push(v);
                    }
                }
                return self.call_extension_on_stack(mark, &info, args.len());
            }
            // A native (`len`, a bound builtin method) gets its receiver pushed now and
            // its arguments where they are evaluated: `Args` over them, no copy.
            if self.obj(fv).kind() == self.b.kinds.native {
                if let [Arg::Pos(e)] = args {
                    if self.is_builtin_len(fv) {
                        let x = self.eval_operand(e)?;
                        let x = self.root(x);
                        return self.call_len(x);
                    }
                }
                self.push(native::self_of(self.obj(fv)));
                for a in args {
                    if let Arg::Pos(e) = a {
                        let v = self.eval_operand(e)?;
                        self.push(v);
                    }
                }
                return self.call_native_on_stack(mark, args.len());
            }
            // A plain Python function's frame is built in place: its head now, its
            // arguments as they are evaluated (`fastcall.rs`).
            let plain = self.plain_frame_head(fv, args.len());
            for a in args {
                if let Arg::Pos(e) = a {
                    let v = self.eval_operand(e)?;
                    self.push(v);
                }
            }
            let f = self.at(mark);
            if let Some(code) = plain {
                return self.run_plain_frame(f, code, mark + 1);
            }
            let n = args.len();
            let mut buf = [RawRef::NULL; 8];
            // Item by item: a copy of a length known only now calls `memcpy`.
            for (i, b) in buf[..n].iter_mut().enumerate() {
                *b = self.roots.stack[mark + 1 + i];
            }
            self.call(f, &buf[..n], &[])
        })();
        self.truncate(mark);
        r
    }

    /// All items of an iterable, rooted on the stack above the current top (the caller
    /// truncates).
    fn unpack_all(&mut self, v: RawRef) -> PyResult<Vec<RawRef>> {
        let it = self.iter(v)?;
        let it = self.root(it);
        let start = self.roots.stack.len();
        while let Some(x) = self.next_at(it)? {
            self.push(x);
        }
        Ok(self.roots.stack[start..].to_vec())
    }

    /// Binds arguments to the parameters of Python function `f` and runs it.
    pub(crate) fn call_pyfunction(
        &mut self,
        f: RawRef,
        args: &[RawRef],
        kwargs: &[(String, RawRef)],
    ) -> PyResult<RawRef> {
        if kwargs.is_empty() {
            if let Some(r) = self.call_plain(f, args) {
                return r;
            }
        }
        let fo = self.obj(f);
        let def = pyfunc::def(fo);
        let code = Rc::clone(&def.code);
        let p = &code.params;
        let fname: &str = &code.qualname;
        let nfast = code.fast_names.len();
        let ncells = code.cell_names.len();
        let globals = fo.get_ref(pyfunc::W_GLOBALS).expect("globals").raw();
        let base = self.roots.stack.len();
        self.push(globals);
        self.push(RawRef::NULL);
        for _ in 0..nfast + ncells {
            self.push(RawRef::NULL);
        }
        let fast = |i: u32| base + 2 + i as usize;
        // Positional arguments.
        let npos = p.positional.len();
        for (i, v) in args.iter().enumerate() {
            if i < npos {
                self.set_at(fast(p.positional[i].1), *v);
            }
        }
        if args.len() > npos {
            match &p.varargs {
                Some((_, slot)) => {
                    let a = self.alloc();
                    let objs: Vec<_> = args[npos..].iter().map(|r| self.obj(*r)).collect();
                    let t = tuple::new(&a, &objs)?.raw();
                    self.set_at(fast(*slot), t);
                }
                None => {
                    self.truncate(base);
                    let takes = if p.defaults.is_empty() {
                        format!("{npos}")
                    } else {
                        format!("from {} to {npos}", npos - p.defaults.len())
                    };
                    let s = if npos == 1 && p.defaults.is_empty() {
                        ""
                    } else {
                        "s"
                    };
                    let given = args.len();
                    let was = if given == 1 { "was" } else { "were" };
                    return Err(self.raise(
                        "TypeError",
                        format!("{fname}() takes {takes} positional argument{s} but {given} {was} given"),
                    ));
                }
            }
        } else if let Some((_, slot)) = &p.varargs {
            let t = tuple::new(&self.alloc(), &[])?.raw();
            self.set_at(fast(*slot), t);
        }
        // Keyword arguments.
        let kwdict = match &p.varkw {
            Some((_, slot)) => {
                let d = dict::new(&self.alloc())?.raw();
                self.set_at(fast(*slot), d);
                Some(d)
            }
            None => None,
        };
        for (name, v) in kwargs {
            let slot = p
                .positional
                .iter()
                .enumerate()
                .skip(p.posonly as usize)
                .find(|(_, (n, _))| &**n == name.as_str())
                .map(|(_, (_, s))| *s)
                .or_else(|| {
                    p.kwonly
                        .iter()
                        .find(|(n, _)| &**n == name.as_str())
                        .map(|(_, s)| *s)
                });
            match slot {
                Some(s) => {
                    if !self.at(fast(s)).is_null() {
                        self.truncate(base);
                        return Err(self.raise(
                            "TypeError",
                            format!("{fname}() got multiple values for argument '{name}'"),
                        ));
                    }
                    self.set_at(fast(s), *v);
                }
                None => match kwdict {
                    Some(_) => {
                        let d = self.at(fast(p.varkw.as_ref().expect("varkw").1));
                        let k = pystr::new(&self.alloc(), name)?.raw();
                        let a = self.alloc();
                        ops::dict_set_str(&a, self.obj(d), self.obj(k), self.obj(*v));
                    }
                    None => {
                        self.truncate(base);
                        return Err(self.raise(
                            "TypeError",
                            format!("{fname}() got an unexpected keyword argument '{name}'"),
                        ));
                    }
                },
            }
        }
        // Defaults, then what is still missing.
        let fo = self.obj(f);
        let defaults = fo
            .get_ref(pyfunc::W_DEFAULTS)
            .filter(|d| d.kind() == self.b.kinds.tuple)
            .map(|d| d.raw());
        let ndef = defaults.map_or(0, |d| tuple::len(self.obj(d)));
        // The names of what is missing are gathered on the error path only (no Vec per call).
        let mut any_missing = false;
        for (i, (_, slot)) in p.positional.iter().enumerate() {
            if self.at(fast(*slot)).is_null() {
                if i + ndef >= npos {
                    let d =
                        tuple::get(self.obj(defaults.expect("defaults")), i + ndef - npos).raw();
                    self.set_at(fast(*slot), d);
                } else {
                    any_missing = true;
                }
            }
        }
        if any_missing {
            let missing: Vec<String> = (p.positional.iter())
                .filter(|(_, slot)| self.at(fast(*slot)).is_null())
                .map(|(name, _)| name.to_string())
                .collect();
            self.truncate(base);
            return Err(self.raise("TypeError", missing_message(fname, "positional", &missing)));
        }
        let kwdefaults = self
            .obj(f)
            .get_ref(pyfunc::W_KWDEFAULTS)
            .filter(|d| d.kind() == self.b.kinds.dict)
            .map(|d| d.raw());
        let mut any_missing = false;
        for (name, slot) in &p.kwonly {
            if self.at(fast(*slot)).is_null() {
                let d = kwdefaults.and_then(|d| {
                    let a = self.alloc();
                    ops::dict_get_str(&a, self.obj(d), name).map(|v| v.raw())
                });
                match d {
                    Some(v) => self.set_at(fast(*slot), v),
                    None => any_missing = true,
                }
            }
        }
        if any_missing {
            let missing: Vec<String> = (p.kwonly.iter())
                .filter(|(_, slot)| self.at(fast(*slot)).is_null())
                .map(|(name, _)| name.to_string())
                .collect();
            self.truncate(base);
            return Err(self.raise(
                "TypeError",
                missing_message(fname, "keyword-only", &missing),
            ));
        }
        // Cells: fresh ones for cellvars, the closure's for freevars.
        let cell_base = base + 2 + nfast;
        for i in 0..code.n_cellvars as usize {
            let c = pyfunc::new_cell(&self.alloc(), RawRef::NULL)?.raw();
            self.set_at(cell_base + i, c);
        }
        if ncells > code.n_cellvars as usize {
            let clo = self
                .obj(f)
                .get_ref(pyfunc::W_CLOSURE)
                .expect("closure")
                .raw();
            for i in code.n_cellvars as usize..ncells {
                let c = tuple::get(self.obj(clo), i - code.n_cellvars as usize).raw();
                self.set_at(cell_base + i, c);
            }
        }
        if code.is_generator {
            return self.make_generator(f, code, base);
        }
        // The result is a fresh value, valid until the next safepoint, which dropping the
        // frame's slots does not reach.
        let r = self.run_function_frame(code, base);
        self.truncate(base);
        r
    }

    /// Imports a module for `import`: extension modules and `.py` files on the search path.
    pub(crate) fn import_module(&mut self, name: &str) -> PyResult<RawRef> {
        // `sys.modules` first: what scripts stored there wins, None stops the import.
        if let Some(m) = self.module_lookup(name) {
            if m == self.b.none {
                return Err(self.raise_import_error(
                    "ModuleNotFoundError",
                    format!("import of {name} halted; None in sys.modules"),
                    Some(name),
                    None,
                ));
            }
            return Ok(m);
        }
        if let Some(m) = super::natives::builtin_module(self, name)? {
            return Ok(m);
        }
        // A submodule is looked for in its package's `__path__`; a top-level module on
        // the search path.
        let (dirs, not_package) = match name.rsplit_once('.') {
            Some((parent, _)) => {
                let p = self.import_module(parent)?;
                match self.package_path(p) {
                    Some(dirs) => (dirs, None),
                    None => (Vec::new(), Some(parent)),
                }
            }
            None => (self.search_path(), None),
        };
        let leaf = name.rsplit('.').next().unwrap_or(name);
        // Directories named `leaf` without `__init__.py`: the portions of a namespace
        // package (PEP 420), used only if no entry holds a module or a regular package.
        let mut portions = Vec::new();
        for dir in dirs {
            let sub = dir.join(leaf);
            if sub.is_dir() {
                let init = sub.join("__init__.py");
                if init.is_file() {
                    let m = self.exec_py_module(name, &init, true)?;
                    self.bind_in_parent(name, m)?;
                    return Ok(m);
                }
            }
            let so = dir.join(format!("{leaf}.hpy0.so"));
            if so.is_file() {
                let spec = self.file_spec(name, &so.display().to_string(), true, None)?;
                let si = self.push(spec);
                let m = self.load_extension(name, &so, si, true);
                self.truncate(si);
                let m = m?;
                self.bind_in_parent(name, m)?;
                return Ok(m);
            }
            let py = dir.join(format!("{leaf}.py"));
            if py.is_file() {
                let m = self.exec_py_module(name, &py, false)?;
                self.bind_in_parent(name, m)?;
                return Ok(m);
            }
            if sub.is_dir() {
                // Absolute, as CPython 3.11's path finders make their entries.
                portions.push(std::path::absolute(&sub).unwrap_or(sub));
            }
        }
        // The modules of the standard library hpymove carries (after the search path, so
        // a script's own module of the same name wins, as on CPython; before namespace
        // portions, which a regular package anywhere on the path beats).
        if let Some((source, filename, pkg_dir)) = self.up_carried_module(name) {
            let m = self.exec_module_source(name, source, &filename, pkg_dir, None)?;
            self.bind_in_parent(name, m)?;
            return Ok(m);
        }
        if !portions.is_empty() {
            let m = self.namespace_package(name, &portions)?;
            self.bind_in_parent(name, m)?;
            return Ok(m);
        }
        if let Some(target) = self.up_carried_alias(name) {
            let m = self.import_module(target)?;
            self.module_register(name, m)?;
            self.bind_in_parent(name, m)?;
            return Ok(m);
        }
        // The finders a program added to `sys.meta_path`.
        if let Some(m) = self.import_from_meta_path(name)? {
            self.bind_in_parent(name, m)?;
            return Ok(m);
        }
        let why = match not_package {
            Some(parent) => format!("No module named '{name}'; '{parent}' is not a package"),
            None => format!("No module named '{name}'"),
        };
        Err(self.raise_import_error("ModuleNotFoundError", why, Some(name), None))
    }

    /// A package's `__path__` (its directories, str entries only), or None for a module
    /// that is not a package.
    pub(crate) fn package_path(&mut self, m: RawRef) -> Option<Vec<std::path::PathBuf>> {
        let p = self.lookup_attr(m, "__path__")?;
        let o = self.obj(p);
        let items: Vec<_> = if o.kind() == self.b.kinds.list {
            list::items(o).collect()
        } else if o.kind() == self.b.kinds.tuple {
            (0..tuple::len(o)).map(|i| tuple::get(o, i)).collect()
        } else {
            return None;
        };
        Some(
            items
                .into_iter()
                .filter(|i| i.kind() == self.b.kinds.str_)
                .map(|i| std::path::PathBuf::from(pystr::as_str(i)))
                .collect(),
        )
    }

    /// A namespace package (PEP 420): a module with no code, `__file__` None and its
    /// portions as `__path__`, registered as imported.
    fn namespace_package(
        &mut self,
        name: &str,
        portions: &[std::path::PathBuf],
    ) -> PyResult<RawRef> {
        let m = module::new(&self.alloc(), name)?.raw();
        let mi = self.push(m);
        let l = list::new(&self.alloc(), &[])?.raw();
        let li = self.push(l);
        for dir in portions {
            let d = pystr::new(&self.alloc(), &dir.display().to_string())?.raw();
            let a = self.alloc();
            list::append(&a, a.heap_obj(self.at(li)), a.heap_obj(d))?;
        }
        self.setattr(self.at(mi), "__path__", self.at(li))?;
        self.setattr(self.at(mi), "__file__", self.b.none)?;
        let m = self.at(mi);
        self.truncate(mi);
        self.module_register(name, m)?;
        Ok(m)
    }

    /// Where imports look: `sys.path` as the script left it, or the runtime's path before
    /// `sys` exists.
    pub(crate) fn search_path(&mut self) -> Vec<std::path::PathBuf> {
        let sys = self.roots.sys_module;
        if sys.is_null() {
            return self.path.clone();
        }
        match self.lookup_attr(sys, "path") {
            Some(p) if self.obj(p).kind() == self.b.kinds.list => list::items(self.obj(p))
                .filter(|i| i.kind() == self.b.kinds.str_)
                .map(|i| std::path::PathBuf::from(pystr::as_str(i)))
                .collect(),
            _ => self.path.clone(),
        }
    }

    /// `import a.b` makes `b` an attribute of `a`.
    fn bind_in_parent(&mut self, name: &str, m: RawRef) -> PyResult<()> {
        if let Some((parent, leaf)) = name.rsplit_once('.') {
            let mi = self.push(m);
            let p = self.import_module(parent)?;
            let m = self.at(mi);
            self.truncate(mi);
            self.setattr(p, leaf, m)?;
        }
        Ok(())
    }

    /// Runs a `.py` file as module `name` (registered before it runs, as CPython does).
    pub(crate) fn exec_py_module(
        &mut self,
        name: &str,
        file: &std::path::Path,
        is_pkg: bool,
    ) -> PyResult<RawRef> {
        let source = self.read_module_source(file)?;
        let pkg_dir = is_pkg.then(|| {
            file.parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default()
        });
        let filename = file.display().to_string();
        let spec = self.file_spec(name, &filename, false, pkg_dir.as_deref())?;
        let si = self.push(spec);
        let r = self.exec_module_source(name, &source, &filename, pkg_dir, Some(si));
        self.truncate(si);
        r
    }

    /// Runs `source` as module `name` from `filename` (a package when `pkg_dir` is given),
    /// with the spec at value-stack slot `spec` if it was found on the search path.
    pub(crate) fn exec_module_source(
        &mut self,
        name: &str,
        source: &str,
        filename: &str,
        pkg_dir: Option<String>,
        spec: Option<usize>,
    ) -> PyResult<RawRef> {
        let m = module::new(&self.alloc(), name)?.raw();
        let mi = self.push(m);
        let r = self.exec_module_in(mi, name, source, filename, pkg_dir, spec);
        let m = self.at(mi);
        self.truncate(mi);
        match r {
            // What `sys.modules` holds afterwards (a module may replace itself there).
            Ok(()) => Ok(self.module_lookup(name).unwrap_or(m)),
            Err(e) => {
                self.module_forget(name);
                Err(e)
            }
        }
    }

    fn exec_module_in(
        &mut self,
        mi: usize,
        name: &str,
        source: &str,
        filename: &str,
        pkg_dir: Option<String>,
        spec: Option<usize>,
    ) -> PyResult<()> {
        let is_package = pkg_dir.is_some();
        let f = pystr::new(&self.alloc(), filename)?.raw();
        self.setattr(self.at(mi), "__file__", f)?;
        if let Some(dir) = pkg_dir {
            let d = pystr::new(&self.alloc(), &dir)?.raw();
            let l = list::new(&self.alloc(), &[self.obj(d)])?.raw();
            self.setattr(self.at(mi), "__path__", l)?;
        }
        if let Some(si) = spec {
            self.init_module_attrs(mi, si)?;
        } else {
            // A carried standard-library module: no spec, its package by its name (a
            // package is its own).
            let parent = match name.rsplit_once('.') {
                _ if is_package => name,
                Some((p, _)) => p,
                None => "",
            };
            let p = pystr::new(&self.alloc(), parent)?.raw();
            self.setattr(self.at(mi), "__package__", p)?;
            for attr in ["__spec__", "__loader__"] {
                let none = self.b.none;
                self.setattr(self.at(mi), attr, none)?;
            }
        }
        // Registered before it runs, as CPython does (a circular import finds it).
        self.module_register(name, self.at(mi))?;
        self.run_source(source, filename, self.at(mi))
    }

    /// Parses `source` and runs it in module `m`.
    pub(crate) fn run_source(&mut self, source: &str, filename: &str, m: RawRef) -> PyResult<()> {
        let code = match super::lower::parse_module(source, filename) {
            Ok(c) => c,
            Err(e) => return Err(self.raise_syntax_error(&e)),
        };
        self.interp.sources.insert(
            Rc::clone(&code.filename),
            Rc::new(source.lines().map(|l| l.to_string()).collect()),
        );
        // `__doc__`: the docstring, else None (CPython's compiler stores it first).
        let mi = self.push(m);
        let doc = match docstring(&code) {
            Some(doc) => pystr::new(&self.alloc(), doc).map(|s| s.raw()),
            None => Ok(self.b.none),
        };
        let r = doc.and_then(|doc| self.setattr(self.at(mi), "__doc__", doc));
        let m = self.at(mi);
        self.truncate(mi);
        r?;
        let d = module::dict(self.obj(m)).raw();
        self.run_module_code(code, d)
    }
}

/// CPython's message for missing arguments: `f() missing 2 required positional arguments:
/// 'a' and 'b'`.
/// Up to 8 plain positional arguments: the call `eval_call_positional` makes.
#[inline]
fn plain_call_args(args: &[Arg]) -> bool {
    args.len() <= 8 && args.iter().all(|a| matches!(a, Arg::Pos(_)))
}

fn missing_message(fname: &str, kind: &str, names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let list = match quoted.len() {
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        _ => format!(
            "{}, and {}",
            quoted[..quoted.len() - 1].join(", "),
            quoted[quoted.len() - 1]
        ),
    };
    let s = if names.len() == 1 { "" } else { "s" };
    format!(
        "{fname}() missing {} required {kind} argument{s}: {list}",
        names.len()
    )
}

/// The docstring of a function: its first statement, if a string constant.
pub(crate) fn docstring(code: &Code) -> Option<&str> {
    match code.body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(Const::Str(s), _),
            ..
        })) => Some(s),
        _ => None,
    }
}

fn nbinop(op: BinOp) -> NBinOp {
    match op {
        BinOp::Add => NBinOp::Add,
        BinOp::Sub => NBinOp::Sub,
        BinOp::Mul => NBinOp::Mul,
        BinOp::MatMul => NBinOp::MatMul,
        BinOp::Div => NBinOp::TrueDiv,
        BinOp::FloorDiv => NBinOp::FloorDiv,
        BinOp::Mod => NBinOp::Mod,
        BinOp::Pow => NBinOp::Pow,
        BinOp::LShift => NBinOp::LShift,
        BinOp::RShift => NBinOp::RShift,
        BinOp::BitAnd => NBinOp::And,
        BinOp::BitOr => NBinOp::Or,
        BinOp::BitXor => NBinOp::Xor,
    }
}
