//! Tracebacks in CPython's format, exception chaining, and syntax errors.

use gc::RawRef;

use super::ast::SyntaxErrorInfo;
use crate::error::Raised;
use crate::objects::{exception, int, list, str as pystr, tuple, type_of, types};
use crate::state::State;

impl State {
    /// Records that the pending exception passed through `name` at `file:line`.
    pub(crate) fn add_traceback(&mut self, file: &str, line: u32, name: &str) {
        let e = self.roots.exc;
        if e.is_null() {
            return;
        }
        let ei = self.push(e);
        let r = (|| -> Result<(), Raised> {
            let a = self.alloc();
            let f = pystr::new(&a, file)?.raw();
            let fi = self.push(f);
            let n = pystr::new(&self.alloc(), name)?.raw();
            let ni = self.push(n);
            let l = int::new_i64(&self.alloc(), line as i64)?.raw();
            let a = self.alloc();
            let entry = tuple::new(
                &a,
                &[self.obj(self.at(fi)), self.obj(l), self.obj(self.at(ni))],
            )?
            .raw();
            let eo = self.obj(self.at(ei));
            let tb = match exception::traceback(eo) {
                Some(tb) => tb.raw(),
                None => {
                    let tb = list::new(&a, &[])?.raw();
                    exception::set_traceback(&a, self.obj(self.at(ei)), self.obj(tb));
                    tb
                }
            };
            list::append(&a, self.obj(tb), self.obj(entry))?;
            Ok(())
        })();
        let e = self.at(ei);
        self.truncate(ei);
        // A traceback is best effort: failing to record it keeps the original exception.
        let _ = r;
        self.roots.exc = e;
    }

    /// The exception now pending was raised while `handled` was being handled.
    pub(crate) fn chain_context(&mut self, handled: RawRef) {
        let e = self.roots.exc;
        if e.is_null() || e == handled {
            return;
        }
        let a = self.alloc();
        let eo = self.obj(e);
        if exception::is_exception_type(&a, type_of(eo)) && exception::context(eo).is_none() {
            exception::set_context(&a, eo, self.obj(handled));
        }
    }

    /// Raises `SyntaxError` (or its subclass) from a lowering report, with CPython's
    /// args: `(msg, (filename, lineno, offset, text, end_lineno, end_offset))`.
    pub(crate) fn raise_syntax_error(&mut self, e: &SyntaxErrorInfo) -> Raised {
        let r = (|| -> Result<RawRef, Raised> {
            let mark = self.roots.stack.len();
            for s in [&e.msg, &e.filename.to_string(), &e.text] {
                let o = pystr::new(&self.alloc(), s)?.raw();
                self.push(o);
            }
            let a = self.alloc();
            let line = int::new_i64(&a, e.line as i64)?;
            let col = int::new_i64(&a, e.col as i64)?;
            let detail = tuple::new(
                &a,
                &[
                    self.obj(self.at(mark + 1)),
                    line,
                    col,
                    self.obj(self.at(mark + 2)),
                    line,
                    col,
                ],
            )?;
            let args = tuple::new(&a, &[self.obj(self.at(mark)), detail])?;
            let ex = exception::new(&a, self.b.exc(e.class), args)?.raw();
            self.truncate(mark);
            Ok(ex)
        })();
        match r {
            Ok(ex) => {
                self.roots.exc = ex;
                Raised
            }
            Err(r) => r,
        }
    }

    /// The report CPython prints for an uncaught exception (with its chain).
    /// The messages (`str(exc)`, which a Python class's `__str__` may compute) are
    /// computed first, with the chain rooted; the report is then built without running code.
    pub(crate) fn format_exception(&mut self, e: RawRef) -> String {
        let mark = self.roots.stack.len();
        let mut chain = Vec::new();
        self.chain_order(e, &mut chain, 0);
        // Each exception of the chain, then the members of its group (if it is one),
        // depth first: the order the report uses their messages in.
        let mut order = Vec::new();
        let mut last = 0;
        for r in chain {
            last = order.len();
            order.push(r);
            self.group_tree(r, &mut order, 0);
        }
        for r in &order {
            self.roots.stack.push(*r);
        }
        let mut msgs = Vec::with_capacity(order.len());
        for i in 0..order.len() {
            let x = self.at(mark + i);
            let m = match self.py_text(x, "__str__") {
                Some(Ok(m)) => m,
                Some(Err(_)) => {
                    self.roots.exc = RawRef::NULL;
                    "<exception str() failed>".to_string()
                }
                None => crate::objects::repr::str_of(self.obj(self.at(mark + i))),
            };
            msgs.push(m);
        }
        // The last exception of the chain (its group members come after it).
        let e = if order.is_empty() {
            e
        } else {
            self.at(mark + last)
        };
        let mut out = String::new();
        let mut msgs = msgs.into_iter();
        self.format_chain(e, &mut out, 0, &mut msgs);
        self.truncate(mark);
        out
    }

    /// The exceptions of `e`'s chain in the order the report prints them.
    fn chain_order(&self, e: RawRef, order: &mut Vec<RawRef>, depth: usize) {
        let eo = self.obj(e);
        if depth < 32 {
            if let Some(c) = exception::cause(eo).filter(|c| c.raw() != self.b.none) {
                self.chain_order(c.raw(), order, depth + 1);
            } else if exception::cause(eo).is_none() {
                if let Some(c) = exception::context(eo) {
                    self.chain_order(c.raw(), order, depth + 1);
                }
            }
        }
        order.push(e);
    }

    fn format_chain(
        &self,
        e: RawRef,
        out: &mut String,
        depth: usize,
        msgs: &mut std::vec::IntoIter<String>,
    ) {
        let eo = self.obj(e);
        if depth < 32 {
            if let Some(c) = exception::cause(eo).filter(|c| c.raw() != self.b.none) {
                self.format_chain(c.raw(), out, depth + 1, msgs);
                out.push_str(
                    "\nThe above exception was the direct cause of the following exception:\n\n",
                );
            } else if exception::cause(eo).is_none() {
                if let Some(c) = exception::context(eo) {
                    self.format_chain(c.raw(), out, depth + 1, msgs);
                    out.push_str(
                        "\nDuring handling of the above exception, another exception occurred:\n\n",
                    );
                }
            }
        }
        if self.group_members(e).is_some() {
            let mut ctx = GroupCtx::default();
            self.format_group_member(e, out, &mut ctx, msgs);
            return;
        }
        if let Some(lines) = self.traceback_lines(e) {
            out.push_str("Traceback (most recent call last):\n");
            out.push_str(&lines);
        }
        let eo = self.obj(e);
        let t = type_of(eo);
        if types::is_subtype(t, self.obj(self.b.exc("SyntaxError"))) {
            msgs.next();
            self.format_syntax_error(e, out);
            return;
        }
        out.push_str(&self.exception_line(e, msgs));
    }

    /// `Name: message` (or `Name`) of exception `e`, its message the next of `msgs`.
    fn exception_line(&self, e: RawRef, msgs: &mut std::vec::IntoIter<String>) -> String {
        let name = exception_type_name(type_of(self.obj(e)));
        let msg = msgs.next().unwrap_or_default();
        if msg.is_empty() {
            format!("{name}\n")
        } else {
            format!("{name}: {msg}\n")
        }
    }

    /// The members of exception group `e` (an instance of the builtin
    /// `BaseExceptionGroup`, which keeps them in `_exceptions`); None for another object.
    fn group_members(&self, e: RawRef) -> Option<Vec<RawRef>> {
        let eo = self.obj(e);
        let is_group = tuple::items(types::mro(type_of(eo)))
            .any(|c| types::data(c).py && types::data(c).tp_name == "BaseExceptionGroup");
        if !is_group || eo.kind() != self.b.kinds.exception {
            return None;
        }
        let members = exception::attr(&self.alloc(), eo, "_exceptions")?;
        (members.kind() == self.b.kinds.tuple)
            .then(|| tuple::items(members).map(|m| m.raw()).collect())
    }

    /// Appends the members of group `e` to `out`, depth first (nothing if `e` is not a
    /// group).
    fn group_tree(&self, e: RawRef, out: &mut Vec<RawRef>, depth: usize) {
        if depth > 32 {
            return;
        }
        for m in self.group_members(e).unwrap_or_default() {
            out.push(m);
            self.group_tree(m, out, depth + 1);
        }
    }

    /// One exception inside a group report (or the group at its top), in CPython's boxed
    /// form: `| ` margins, a `+-+---- i ----` rule before each member and a closing rule
    /// after the last. (The members' own chains are not shown.)
    fn format_group_member(
        &self,
        e: RawRef,
        out: &mut String,
        ctx: &mut GroupCtx,
        msgs: &mut std::vec::IntoIter<String>,
    ) {
        let members = self.group_members(e);
        let toplevel = ctx.depth == 0;
        if members.is_some() && toplevel {
            ctx.depth = 1;
        }
        let emit = |out: &mut String, ctx: &GroupCtx, text: &str, margin: char| {
            let mut prefix = " ".repeat(2 * ctx.depth);
            if ctx.depth > 0 {
                prefix.push(margin);
                prefix.push(' ');
            }
            for line in text.lines() {
                out.push_str(&prefix);
                out.push_str(line);
                out.push('\n');
            }
        };
        let Some(members) = members else {
            if let Some(lines) = self.traceback_lines(e) {
                emit(out, ctx, "Traceback (most recent call last):", '|');
                emit(out, ctx, &lines, '|');
            }
            let line = self.exception_line(e, msgs);
            emit(out, ctx, &line, '|');
            return;
        };
        if let Some(lines) = self.traceback_lines(e) {
            let margin = if toplevel { '+' } else { '|' };
            emit(
                out,
                ctx,
                "Exception Group Traceback (most recent call last):",
                margin,
            );
            emit(out, ctx, &lines, '|');
        }
        let line = self.exception_line(e, msgs);
        emit(out, ctx, &line, '|');
        let n = members.len();
        for (i, m) in members.into_iter().enumerate() {
            let last = i + 1 == n;
            if last {
                ctx.need_close = true;
            }
            let lead = if i == 0 { "+-" } else { "  " };
            out.push_str(&format!(
                "{}{lead}+---------------- {} ----------------\n",
                " ".repeat(2 * ctx.depth),
                i + 1
            ));
            ctx.depth += 1;
            if ctx.depth <= 34 {
                self.format_group_member(m, out, ctx, msgs);
            }
            if last && ctx.need_close {
                out.push_str(&format!(
                    "{}+------------------------------------\n",
                    " ".repeat(2 * ctx.depth)
                ));
                ctx.need_close = false;
            }
            ctx.depth -= 1;
        }
        if toplevel {
            ctx.depth = 0;
        }
    }

    /// The `File "...", line N, in f` lines (with their source) of `e`'s traceback,
    /// outermost first; None when it has none.
    fn traceback_lines(&self, e: RawRef) -> Option<String> {
        let eo = self.obj(e);
        let mut out = String::new();
        if let Some(tb) = exception::traceback(eo) {
            let entries: Vec<(String, i64, String)> = list::items(tb)
                .map(|t| {
                    (
                        pystr::as_str(tuple::get(t, 0)).to_string(),
                        num_traits::ToPrimitive::to_i64(&int::to_bigint(tuple::get(t, 1)))
                            .unwrap_or(0),
                        pystr::as_str(tuple::get(t, 2)).to_string(),
                    )
                })
                .collect();
            for (file, line, name) in entries.iter().rev() {
                out.push_str(&format!("  File \"{file}\", line {line}, in {name}\n"));
                if let Some(src) = self.interp.sources.get(file.as_str()) {
                    if let Some(text) = src.get((*line as usize).wrapping_sub(1)) {
                        let t = text.trim();
                        if !t.is_empty() {
                            out.push_str(&format!("    {t}\n"));
                        }
                    }
                }
            }
            return Some(out);
        }
        None
    }

    fn format_syntax_error(&self, e: RawRef, out: &mut String) {
        let eo = self.obj(e);
        let name = exception_type_name(type_of(eo));
        let args = exception::args(eo);
        let msg = if tuple::len(args) > 0 {
            crate::objects::repr::str_of(tuple::get(args, 0))
        } else {
            String::new()
        };
        if tuple::len(args) > 1 && tuple::get(args, 1).kind() == self.b.kinds.tuple {
            let d = tuple::get(args, 1);
            if tuple::len(d) >= 4 {
                let file = crate::objects::repr::str_of(tuple::get(d, 0));
                let line = crate::objects::repr::str_of(tuple::get(d, 1));
                let col: usize = crate::objects::repr::str_of(tuple::get(d, 2))
                    .parse()
                    .unwrap_or(1);
                let text = crate::objects::repr::str_of(tuple::get(d, 3));
                out.push_str(&format!("  File \"{file}\", line {line}\n"));
                let trimmed = text.trim_start();
                let strip = text.chars().count() - trimmed.chars().count();
                let shown = trimmed.trim_end();
                if !shown.is_empty() {
                    out.push_str(&format!("    {shown}\n"));
                    let caret = col.saturating_sub(1).saturating_sub(strip);
                    out.push_str(&format!("    {}^\n", " ".repeat(caret)));
                }
            }
        }
        out.push_str(&format!("{name}: {msg}\n"));
    }
}

/// Where a group report is: the nesting depth of its boxes, and whether the member being
/// printed is the last of its group (its box closes after it).
#[derive(Default)]
struct GroupCtx {
    depth: usize,
    need_close: bool,
}

/// How a report names an exception's class: `module.Name`, without the module for
/// builtins and classes of `__main__` (CPython's rule).
fn exception_type_name(t: gc::ObjRef<'_>) -> String {
    let d = types::data(t);
    if d.py {
        if let Some(rest) = d.tp_name.strip_prefix("__main__.") {
            return rest.to_string();
        }
    }
    d.tp_name.clone()
}
