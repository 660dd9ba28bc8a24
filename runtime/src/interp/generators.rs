//! Generators: calling a generator function binds its arguments and makes a generator
//! (`objects/generator.rs`); resuming one runs its body on its own machine stack
//! (`coro.rs`) until the next `yield`, and `yield` switches back.
//!
//! While a generator runs, everything the interpreter keeps per frame is the generator's:
//! its value stack is swapped in as `Roots::stack` (the resumer's is stashed in
//! `Roots::stashed`, still a root), its frame is pushed on `Interp::frames`, and the
//! exceptions its `except` clauses handle are pushed on `Roots::handling`. When it yields,
//! the resumer takes them back into the generator's state (traced through the generator
//! object while it is suspended). Values crossing a switch go through the rooted
//! `Roots::gen_transfer`, exceptions through the pending exception: never in a Rust local.
//!
//! A suspended generator is registered for finalization; when it becomes unreachable the
//! finalizer closes it (GeneratorExit thrown in, `finally` blocks run), after the
//! collection, as CPython does on deallocation.

use std::rc::Rc;

use gc::RawRef;

use super::ast::{Code, Expr};
use super::methods::Method;
use crate::error::{PyResult, Raised};
use crate::objects::args::Args;
use crate::objects::coro;
use crate::objects::generator::Resumed;
use crate::objects::generator::{self, GenState, Outcome, Status};
use crate::objects::{exception, pyfunc, tuple, type_of, types};
use crate::state::State;

/// Runs the generator's body on its own stack; its last act is the switch back to the
/// resumer that saw it end.
extern "C" fn gen_entry(arg: *mut u8) {
    let g = arg as *mut GenState;
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: the resumer set `st` to its runtime and waits in the switch; the state
        // lives as long as the generator, which the resumer keeps rooted.
        let (st, code) = unsafe { (&mut *(*g).st, Rc::clone(&(*g).code)) };
        match st.run_function_frame(code, 0) {
            Ok(v) => {
                st.roots.gen_transfer = v;
                Outcome::Returned
            }
            Err(Raised) => Outcome::Raised,
        }
    }));
    // SAFETY: as above; the resumer's stack pointer was saved by the switch that resumed
    // us, and this stack is never resumed again (the resumer gives it back to the pool).
    unsafe {
        (*g).outcome = match r {
            Ok(o) => o,
            Err(p) => {
                (*g).panic = Some(p);
                Outcome::Panicked
            }
        };
        let mut unused = std::ptr::null_mut();
        coro::switch(&mut unused, (*g).resumer_sp, (*g).st.cast());
    }
    // A finished generator is never resumed.
    std::process::abort();
}

impl State {
    /// The globals of frame `k` of `Interp::frames`: read from the value stack that frame
    /// lives on, which is stashed if a generator resumed above it (`Roots::stashed` holds
    /// one resumer's stack per running generator, outermost first).
    pub(crate) fn frame_globals(&self, k: usize) -> RawRef {
        let base = self.interp.frames[k].base;
        // SAFETY: the running generators' states live while they run.
        let seg = self
            .interp
            .gens
            .iter()
            .filter(|g| unsafe { (***g).frames_mark } <= k)
            .count();
        if seg == self.interp.gens.len() {
            self.roots.stack[base]
        } else {
            self.roots.stashed[seg][base]
        }
    }

    pub(crate) fn is_generator(&self, r: RawRef) -> bool {
        self.obj(r).kind() == self.b.kinds.generator
    }

    /// Calling generator function `f` whose frame is bound on the stack from `base`: the
    /// frame moves into a new generator (which the body will run in).
    pub(crate) fn make_generator(
        &mut self,
        f: RawRef,
        code: Rc<Code>,
        base: usize,
    ) -> PyResult<RawRef> {
        let frame = self.roots.stack[base..].to_vec();
        self.truncate(base);
        let fo = self.obj(f);
        let name = fo.get_ref(pyfunc::W_NAME).expect("functions have a name");
        let qualname = fo.get_ref(pyfunc::W_QUALNAME).expect("and a qualname");
        // Allocation never collects: the frame's values stay valid until they are in the
        // generator, which traces them.
        let g = generator::new(&self.alloc(), code, frame, name.raw(), qualname.raw())?;
        Ok(g.raw())
    }

    /// Ends a generator for good and gives its machine stack back.
    fn gen_finish(&mut self, g: *mut GenState) {
        // SAFETY: the state of a live generator; nothing runs on its machine stack (it
        // ended, or never started).
        let s = unsafe { &mut *g };
        s.status = Status::Finished;
        if let Some(m) = s.machine.take() {
            coro::give_stack(m);
        }
        s.stack = Vec::new();
        s.frames.clear();
        s.handling.clear();
    }

    /// Resumes generator `gen` with `send` (null: throws the pending exception in).
    pub(crate) fn gen_resume(&mut self, gen: RawRef, send: RawRef) -> PyResult<Resumed> {
        let g = generator::state(self.obj(gen));
        let throwing = send.is_null();
        // SAFETY: the state of a live generator (our caller holds it), not borrowed
        // elsewhere: only the bookkeeping below and the coroutine touch it, never at once.
        match unsafe { (*g).status } {
            Status::Running => {
                return Err(self.raise("ValueError", "generator already executing".into()));
            }
            Status::Finished => {
                return if throwing {
                    Err(Raised)
                } else {
                    Ok(Resumed::Return(self.b.none))
                };
            }
            Status::Created => {
                if throwing {
                    self.gen_finish(g);
                    return Err(Raised);
                }
                if send != self.b.none {
                    return Err(self.raise(
                        "TypeError",
                        "can't send non-None value to a just-started generator".into(),
                    ));
                }
                let Some(stack) = coro::take_stack() else {
                    return Err(
                        self.raise("MemoryError", "cannot map a stack for the generator".into())
                    );
                };
                let sp = coro::prepare(&stack, gen_entry, g.cast());
                // SAFETY: as above.
                unsafe {
                    (*g).machine = Some(stack);
                    (*g).sp = sp;
                }
            }
            Status::Suspended => {
                if self.interp.frames.len() >= self.interp.recursion_limit {
                    return Err(
                        self.raise("RecursionError", "maximum recursion depth exceeded".into())
                    );
                }
            }
        }
        // Keep the generator alive on the resumer's stack while it runs.
        let gi = self.push(gen);
        let frames_mark = self.interp.frames.len();
        let handling_mark = self.roots.handling.len();
        let st: *mut State = self;
        {
            // SAFETY: as above.
            let s = unsafe { &mut *g };
            self.interp.frames.append(&mut s.frames);
            self.sync_fast_base();
            self.roots.handling.append(&mut s.handling);
            let own = std::mem::take(&mut s.stack);
            let caller = std::mem::replace(&mut self.roots.stack, own);
            self.roots.stashed.push(caller);
            s.status = Status::Running;
            s.frames_mark = frames_mark;
            s.throwing = throwing;
            s.st = st;
        }
        self.roots.gen_transfer = send;
        self.interp.gens.push(g);
        // SAFETY: `sp` was saved by the generator's last yield (or made by `prepare`), on
        // its machine stack, which it owns until it finishes; the runtime pointer is passed
        // so the compiler assumes the switch reads and writes the whole state.
        unsafe { coro::switch(&mut (*g).resumer_sp, (*g).sp, st.cast()) };
        self.interp.gens.pop();
        let caller = self.roots.stashed.pop().expect("stashed at the resume");
        let own = std::mem::replace(&mut self.roots.stack, caller);
        let outcome = {
            // SAFETY: as above; the coroutine is stopped.
            let s = unsafe { &mut *g };
            // Into the vectors emptied at the resume: their capacity is reused.
            s.frames.extend(self.interp.frames.drain(frames_mark..));
            self.sync_fast_base();
            s.handling
                .extend(self.roots.handling.drain(handling_mark..));
            s.stack = own;
            s.outcome
        };
        let gen = self.at(gi);
        self.truncate(gi);
        let v = std::mem::replace(&mut self.roots.gen_transfer, RawRef::NULL);
        match outcome {
            Outcome::Yielded => {
                // SAFETY: as above.
                let s = unsafe { &mut *g };
                s.status = Status::Suspended;
                if !s.finalizable {
                    s.finalizable = true;
                    self.heap.register_finalizer(self.obj(gen));
                }
                Ok(Resumed::Yield(v))
            }
            Outcome::Returned => {
                self.gen_finish(g);
                Ok(Resumed::Return(v))
            }
            Outcome::Raised => {
                self.gen_finish(g);
                if self.exc_is("StopIteration") {
                    // PEP 479.
                    let cause = self.roots.exc;
                    let ci = self.push(cause);
                    let e = self.raise("RuntimeError", "generator raised StopIteration".into());
                    let a = self.alloc();
                    let (e2, c) = (self.obj(self.roots.exc), self.obj(self.at(ci)));
                    exception::set_cause(&a, e2, c);
                    exception::set_context(&a, e2, c);
                    self.truncate(ci);
                    return Err(e);
                }
                Err(Raised)
            }
            Outcome::Panicked => {
                // SAFETY: as above.
                let p = unsafe { (*g).panic.take() }.expect("a caught panic");
                self.gen_finish(g);
                std::panic::resume_unwind(p)
            }
        }
    }

    /// `yield v` in the running generator: the value sent in, or the exception thrown in.
    pub(crate) fn gen_yield(&mut self, v: RawRef) -> PyResult<RawRef> {
        let g = *self
            .interp
            .gens
            .last()
            .expect("a yield runs in a generator");
        self.roots.gen_transfer = v;
        let st: *mut State = self;
        // SAFETY: `g` is the running generator's state; its resumer waits in the switch
        // with its stack pointer saved. The runtime pointer tells the compiler the switch
        // may read and write the whole state (the resumer does).
        unsafe {
            (*g).outcome = Outcome::Yielded;
            coro::switch(&mut (*g).sp, (*g).resumer_sp, st.cast());
        }
        // Resumed: the resumer put our stack, frame and state back.
        let g = *self.interp.gens.last().expect("resumed");
        // SAFETY: as above.
        if unsafe { (*g).throwing } {
            Err(Raised)
        } else {
            Ok(std::mem::replace(
                &mut self.roots.gen_transfer,
                RawRef::NULL,
            ))
        }
    }

    /// `yield from e` in the running generator: delegates to the iterator of `e` until it
    /// ends; the value is its return value.
    pub(crate) fn yield_from(&mut self, e: &Expr) -> PyResult<RawRef> {
        let v = self.eval(e)?;
        let it = self.iter(v)?;
        let ii = self.push(it);
        // The value to send next (null: throw the pending exception in).
        let si = self.push(self.b.none);
        let r = loop {
            let it = self.at(ii);
            let sent = self.at(si);
            let r = if self.is_generator(it) {
                self.gen_resume(it, sent)
            } else {
                self.resume_iterator(it, sent)
            };
            match r {
                Err(e) => break Err(e),
                Ok(Resumed::Return(v)) => break Ok(v),
                Ok(Resumed::Yield(v)) => match self.gen_yield(v) {
                    Ok(s) => self.set_at(si, s),
                    Err(e) => {
                        if self.exc_is("GeneratorExit") {
                            // Close the delegate, then let GeneratorExit go on.
                            let exc = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
                            let ei = self.push(exc);
                            let it = self.at(ii);
                            let closed = if self.is_generator(it) {
                                self.gen_close(it)
                            } else {
                                self.call_method_if_any(it, "close", &[]).map(|_| ())
                            };
                            if closed.is_ok() {
                                self.roots.exc = self.at(ei);
                            }
                            break Err(e);
                        }
                        self.set_at(si, RawRef::NULL);
                    }
                },
            }
        };
        self.truncate(ii);
        r
    }

    /// One step of `yield from` over an iterator that is not a generator: `next()`, its
    /// `send()` for a value other than None, its `throw()` for an exception (which is
    /// raised here if it has none).
    fn resume_iterator(&mut self, it: RawRef, sent: RawRef) -> PyResult<Resumed> {
        if !sent.is_null() && sent == self.b.none {
            return Ok(match self.next(it)? {
                Some(v) => Resumed::Yield(v),
                None => Resumed::Return(self.b.none),
            });
        }
        let r = if sent.is_null() {
            let exc = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
            let ei = self.push(exc);
            let it = {
                let ii = self.push(it);
                self.at(ii)
            };
            let Some(m) = self.lookup_attr(it, "throw") else {
                self.roots.exc = self.at(ei);
                self.truncate(ei);
                return Err(Raised);
            };
            let exc = self.at(ei);
            let r = self.call(m, &[exc], &[]);
            self.truncate(ei);
            r
        } else {
            let si = self.push(sent);
            let r = self.getattr(it, "send").and_then(|m| {
                let sent = self.at(si);
                self.call(m, &[sent], &[])
            });
            self.truncate(si);
            r
        };
        match r {
            Ok(v) => Ok(Resumed::Yield(v)),
            Err(e) => {
                if !self.exc_is("StopIteration") {
                    return Err(e);
                }
                let exc = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
                self.interp.tb_mark = None;
                let a = self.alloc();
                let v =
                    exception::attr(&a, self.obj(exc), "value").map_or(self.b.none, |v| v.raw());
                Ok(Resumed::Return(v))
            }
        }
    }

    /// Calls `obj.name(*args)` if `obj` has that attribute.
    fn call_method_if_any(
        &mut self,
        obj: RawRef,
        name: &str,
        args: &[RawRef],
    ) -> PyResult<Option<RawRef>> {
        match self.lookup_attr(obj, name) {
            Some(m) => self.call(m, args, &[]).map(Some),
            None => Ok(None),
        }
    }

    /// `gen.close()`
    pub(crate) fn gen_close(&mut self, gen: RawRef) -> PyResult<()> {
        let g = generator::state(self.obj(gen));
        // SAFETY: the state of a live generator (our caller holds it).
        match unsafe { (*g).status } {
            Status::Created | Status::Finished => {
                self.gen_finish(g);
                return Ok(());
            }
            Status::Running => {
                return Err(self.raise("ValueError", "generator already executing".into()));
            }
            Status::Suspended => {}
        }
        let gi = self.push(gen);
        let _ = self.raise_args("GeneratorExit", &[]);
        let gen = self.at(gi);
        let r = self.gen_resume(gen, RawRef::NULL);
        self.truncate(gi);
        match r {
            Ok(Resumed::Yield(_)) => {
                Err(self.raise("RuntimeError", "generator ignored GeneratorExit".into()))
            }
            Ok(Resumed::Return(_)) => Ok(()),
            Err(e) => {
                if self.exc_is("GeneratorExit") || self.exc_is("StopIteration") {
                    self.roots.exc = RawRef::NULL;
                    self.interp.tb_mark = None;
                    Ok(())
                } else {
                    Err(e)
                }
            }
        }
    }

    /// `gen.throw(typ[, val])`: the exception to throw in, made as CPython does.
    fn gen_throw(&mut self, gen: RawRef, typ: RawRef, val: Option<RawRef>) -> PyResult<Resumed> {
        let mark = self.push(gen);
        let r = (|| {
            let ti = self.push(typ);
            let vi = self.push(val.unwrap_or(self.b.none));
            let a = self.alloc();
            let to = self.obj(typ);
            let exc = if types::is_type(&a, to) && exception::is_exception_type(&a, to) {
                let v = self.at(vi);
                if v == self.b.none {
                    self.call(typ, &[], &[])?
                } else if types::is_subtype(type_of(self.obj(v)), self.obj(typ)) {
                    v
                } else if self.obj(v).kind() == self.b.kinds.tuple {
                    let args: Vec<RawRef> = tuple::items(self.obj(v)).map(|x| x.raw()).collect();
                    for x in &args {
                        self.push(*x);
                    }
                    let t = self.at(ti);
                    self.call(t, &args, &[])?
                } else {
                    self.call(typ, &[v], &[])?
                }
            } else if exception::is_exception_type(&a, type_of(to)) {
                if self.at(vi) != self.b.none {
                    return Err(self.raise(
                        "TypeError",
                        "instance exception may not have a separate value".into(),
                    ));
                }
                typ
            } else {
                let t = self.type_name(typ);
                return Err(self.raise(
                    "TypeError",
                    format!(
                        "exceptions must be classes or instances deriving from BaseException, not {t}"
                    ),
                ));
            };
            self.roots.exc = exc;
            let gen = self.at(mark);
            self.gen_resume(gen, RawRef::NULL)
        })();
        self.truncate(mark);
        r
    }

    /// A resume's result as `send()`/`__next__()` give it: the value, or StopIteration.
    fn gen_method_result(&mut self, r: Resumed) -> PyResult<RawRef> {
        match r {
            Resumed::Yield(v) => Ok(v),
            Resumed::Return(v) if v == self.b.none => Err(self.raise_args("StopIteration", &[])),
            Resumed::Return(v) => Err(self.raise_args("StopIteration", &[v])),
        }
    }

    /// The finalizer of a generator found unreachable while suspended: closes it. An
    /// exception is reported as unraisable. Returns whether it was a generator.
    pub(crate) fn finalize_generator(&mut self, obj: RawRef) -> bool {
        if !self.is_generator(obj) {
            return false;
        }
        let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let si = self.push(saved);
        let oi = self.push(obj);
        let r = self.gen_close(obj);
        if r.is_err() {
            let e = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
            let text = self.format_exception(e);
            let what = crate::objects::repr::repr_of(self.obj(self.at(oi)));
            eprint!("Exception ignored in: {what}\n{text}");
        }
        self.roots.exc = self.at(si);
        self.truncate(si);
        true
    }
}

/// The arguments of a generator method, whose receiver is a generator (checked).
fn gen_receiver<'k>(st: &mut State, args: Args<'k>, name: &str) -> PyResult<Args<'k>> {
    let args = crate::objects::args_check::receiver(st, args, "generator", name)?;
    let g = args.receiver(st);
    if !st.is_generator(g) {
        let t = st.type_name(g);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{name}' for 'generator' objects doesn't apply to a '{t}' object"),
        ));
    }
    Ok(args)
}

fn check_args(st: &mut State, name: &str, args: Args<'_>, min: usize, max: usize) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if args.len() < min || args.len() > max {
        let msg = if min == max && min == 0 {
            format!("{name}() takes no arguments ({} given)", args.len())
        } else if min == max {
            format!("{name}() takes exactly one argument ({} given)", args.len())
        } else {
            format!(
                "{name} expected at most {max} arguments, got {}",
                args.len()
            )
        };
        return Err(st.raise("TypeError", msg));
    }
    Ok(())
}

pub(crate) fn gen_send(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = gen_receiver(st, args, "send")?;
    check_args(st, "send", args, 1, 1)?;
    let r = st.gen_resume(args.receiver(st), args.get(st, 0))?;
    st.gen_method_result(r)
}

pub(crate) fn gen_next(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = gen_receiver(st, args, "__next__")?;
    check_args(st, "__next__", args, 0, 0)?;
    let r = st.gen_resume(args.receiver(st), st.b.none)?;
    st.gen_method_result(r)
}

pub(crate) fn gen_iter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = gen_receiver(st, args, "__iter__")?;
    check_args(st, "__iter__", args, 0, 0)?;
    Ok(args.receiver(st))
}

pub(crate) fn gen_throw_method(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = gen_receiver(st, args, "throw")?;
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "throw() takes no keyword arguments".into()));
    }
    if args.is_empty() || args.len() > 3 {
        return Err(st.raise(
            "TypeError",
            format!("throw expected at least 1 argument, got {}", args.len()),
        ));
    }
    let r = st.gen_throw(args.receiver(st), args.get(st, 0), args.opt(st, 1))?;
    st.gen_method_result(r)
}

pub(crate) fn gen_close_method(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = gen_receiver(st, args, "close")?;
    check_args(st, "close", args, 0, 0)?;
    st.gen_close(args.receiver(st))?;
    Ok(st.b.none)
}

/// The methods of generators.
pub(crate) const GENERATOR_METHODS: &[(&str, Method)] = &[
    ("send", gen_send),
    ("throw", gen_throw_method),
    ("close", gen_close_method),
    ("__next__", gen_next),
    ("__iter__", gen_iter),
];
