//! `function.__code__`: the parts of CPython's code object that test runners and
//! decorators read (parameter names and counts, flags, name, file and first line). It is
//! an instance of the small Python class `_code.code`, made on each read.

use std::rc::Rc;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::{int, pyfunc, str as pystr, tuple};
use crate::state::State;
use crate::value_stack::Rooted;

/// CPython's `co_flags` bits that hpymove's functions can have.
const CO_OPTIMIZED: i64 = 0x1;
const CO_NEWLOCALS: i64 = 0x2;
const CO_VARARGS: i64 = 0x4;
const CO_VARKEYWORDS: i64 = 0x8;
const CO_NESTED: i64 = 0x10;
const CO_GENERATOR: i64 = 0x20;

impl State {
    /// A new code object describing Python function `f`.
    pub(crate) fn function_code(&mut self, f: RawRef) -> PyResult<RawRef> {
        let def = pyfunc::def(self.obj(f));
        let code = &def.code;
        let p = &code.params;
        // CPython's order: positional parameters, keyword-only ones, `*args`, `**kwargs`,
        // then the other locals.
        let mut names: Vec<Rc<str>> = Vec::new();
        names.extend(p.positional.iter().map(|(n, _)| Rc::clone(n)));
        names.extend(p.kwonly.iter().map(|(n, _)| Rc::clone(n)));
        names.extend(p.varargs.iter().map(|(n, _)| Rc::clone(n)));
        names.extend(p.varkw.iter().map(|(n, _)| Rc::clone(n)));
        for n in &code.fast_names {
            if !names.contains(n) {
                names.push(Rc::clone(n));
            }
        }
        let mut flags = CO_OPTIMIZED | CO_NEWLOCALS;
        if p.varargs.is_some() {
            flags |= CO_VARARGS;
        }
        if p.varkw.is_some() {
            flags |= CO_VARKEYWORDS;
        }
        if code.cell_names.len() > code.n_cellvars as usize {
            flags |= CO_NESTED;
        }
        if code.is_generator {
            flags |= CO_GENERATOR;
        }
        let mark = self.roots.stack.len();
        let m = self.import_module("_code")?;
        let m = self.push(m);
        let cls = self.getattr_at(Rooted::slot(m), "code")?;
        self.push(cls);
        for text in [&code.name, &code.qualname, &code.filename] {
            let s = pystr::new(&self.alloc(), text)?.raw();
            self.push(s);
        }
        for v in [
            code.span.line as i64,
            p.positional.len() as i64,
            p.posonly as i64,
            p.kwonly.len() as i64,
            flags,
        ] {
            let i = int::new_i64(&self.alloc(), v)?.raw();
            self.push(i);
        }
        let names_at = self.roots.stack.len();
        for n in &names {
            let s = pystr::new(&self.alloc(), n)?.raw();
            self.push(s);
        }
        let t = {
            let a = self.alloc();
            let objs: Vec<_> = self.roots.stack[names_at..]
                .iter()
                .map(|r| self.obj(*r))
                .collect();
            tuple::new(&a, &objs)?.raw()
        };
        self.truncate(names_at);
        self.push(t);
        let cls = self.at(mark + 1);
        let args: Vec<RawRef> = self.roots.stack[mark + 2..].to_vec();
        let r = self.call(cls, &args, &[]);
        self.truncate(mark);
        r
    }
}
