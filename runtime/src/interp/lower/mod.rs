//! Parsing Python 3.11 source and lowering it at once into our own AST (`ast.rs`).
//!
//! The parser is RustPython's fork of ruff's (`rustpython-ruff_python_parser`); this file is
//! the only one that sees it, so it can be swapped by rewriting this file alone. The work is
//! done in four steps:
//!
//! 1. `prescan` (`scan.rs`) runs over the source text before the parser, which is recursive: it enforces
//!    the nesting limits (CPython's 200 brackets and 99 indentation levels, and
//!    `MAX_NESTING` on the height of each expression's tree, computed with explicit stacks)
//!    so that neither the parser nor the walks over its tree recurse deeper than that, and
//!    it finds the tokenizer-level errors the parser does not report the way CPython does
//!    (unmatched brackets, `TabError`). With the limits, the deepest accepted input needs
//!    about 6 MB of stack in a debug build (much less optimized).
//! 2. Before it, `mangle.rs` rewrites private names (`__x` in a class body → `_C__x`).
//!    `Collector` (`symbols.rs`) walks the parser's tree once: it checks what Python forbids but the parser
//!    accepts, rejects what hpymove does not support yet (a `SyntaxError` naming the
//!    construct), limits the nesting depth, and records every scope's symbols (CPython's
//!    symbol-table pass).
//! 3. `analyze` (`resolve.rs`) decides where every name of every scope lives: fast local, cell (captured
//!    local), free variable, or global (CPython's rules, without classes).
//! 4. `Lowerer` (`build.rs`) builds our AST with the names resolved.
//!
//! Layouts the evaluator relies on:
//! - A function's fast slots are its parameters first, in source order (positional-only and
//!   ordinary, `*args`, keyword-only, `**kwargs`), then its other locals that are not cells.
//!   A parameter captured by an inner function keeps its fast slot (arguments are bound
//!   there) and is listed in `Code::param_cells` to be moved into its cell at frame start.
//! - Cells are the cellvars (captured locals, in order of first mention), then the freevars.
//! - A comprehension or generator expression is a function of one parameter `.0` (fast slot
//!   0: the first iterable, evaluated in the enclosing scope — CPython passes `iter()` of
//!   it); fast slot 1
//!   (`.result`) holds the result, set by an `Assign` of an empty `List`/`Dict` display;
//!   then a `For` over `Name::Fast(0)` (with the other loops and `if`s nested inside it as
//!   `For`/`If` statements), with `ListAppend(1, elt)` or `DictSetItem(1, key, value)`
//!   innermost, and `Return(Name::Fast(1))`. A generator expression's code is a generator
//!   function's (`Code::is_generator`): the same loops around `yield elt`, nothing else.
//! - A function whose own body (not a nested scope's) has a `yield` is a generator function
//!   (`Code::is_generator`).
//! - Call arguments are positional and `*` ones first (in source order), then keyword and
//!   `**` ones (in source order): CPython's evaluation order.
//! - Annotations are dropped (not evaluated): `x: T = v` is `AnnAssign(x, Some(v))`, `x: T`
//!   is `AnnAssign(x, None)`; in a function both make `x` local.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use indexmap::{IndexMap, IndexSet};
use num_bigint::BigInt;
use rustpython_ruff_python_ast as py;
use rustpython_ruff_python_parser as parser;
use rustpython_ruff_text_size::{Ranged, TextRange};

use super::ast::{
    Arg, BinOp, ClassDef, CmpOp, Code, Const, Expr, ExprKind, FPart, FuncDef, Handler, ImportName,
    Match, MatchCase, Name, Params, Pattern, Span, Stmt, StmtKind, SyntaxErrorInfo, Target, Try,
    UnaryOp,
};

/// Deepest bracket nesting CPython's tokenizer accepts.
const MAX_PARENS: usize = 200;
/// CPython's tokenizer refuses the 100th indentation level.
const MAX_INDENT: usize = 100;
/// Deepest nesting of expressions and statements hpymove accepts (checked on a conservative
/// estimate before parsing, then exactly while walking the tree).
pub(crate) const MAX_NESTING: u32 = 1000;

const TOO_DEEP_EXPR: &str = "expression too deeply nested";
const TOO_DEEP_STMT: &str = "statements too deeply nested";

/// Errors are boxed: the walks recurse deeply, and a small `Result` keeps their frames small.
type Error = Box<SyntaxErrorInfo>;
type R<T = ()> = Result<T, Error>;

/// Parses and lowers a module. The result is the module's code (`is_module`, name
/// `<module>`). Parsing recurses as deep as the source nests (at most about
/// `MAX_NESTING` levels): run it on a thread with a few megabytes of stack.
pub(crate) fn parse_module(source: &str, filename: &str) -> Result<Rc<Code>, SyntaxErrorInfo> {
    parse(source, filename).map_err(|e| *e)
}

impl crate::state::State {
    /// Parses and lowers a module's source; a syntax error is raised as SyntaxError (the
    /// host's way in for `HPy_Compile_s`, through the upcall of the same name).
    pub(crate) fn compile_source(
        &mut self,
        source: &str,
        filename: &str,
    ) -> crate::error::PyResult<Rc<Code>> {
        parse_module(source, filename).map_err(|e| self.raise_syntax_error(&e))
    }
}

fn parse(source: &str, filename: &str) -> R<Rc<Code>> {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let src = Src {
        lines: Lines::new(source),
        filename: filename.into(),
    };
    let scan = prescan(&src)?;
    let options = parser::ParseOptions::from(parser::Mode::Module)
        .with_target_version(py::PythonVersion::PY311);
    let parsed = parser::parse_unchecked(source, options);
    if let Some(err) = first_error(&src, &parsed, &scan) {
        return Err(err);
    }
    let mut body = match parsed.into_syntax() {
        py::Mod::Module(m) => m.body,
        py::Mod::Expression(e) => return Err(src.err("invalid syntax", e.range.start())),
    };
    // `from __future__ import annotations`: annotations are kept as their source text.
    let future_annotations = body.iter().any(|s| {
        matches!(s, py::Stmt::ImportFrom(i)
            if i.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                && i.names.iter().any(|a| a.name.as_str() == "annotations"))
    });
    let unmangled = mangle_private_names(&mut body);
    let mut collector = Collector::new(&src);
    collector.future_annotations = future_annotations;
    collector.unmangled = unmangled;
    collector.module(&body)?;
    let Collector {
        mut scopes,
        keys,
        names,
        ..
    } = collector;
    analyze(&src, &mut scopes, 0, &HashSet::new())?;
    let mut lowerer = Lowerer {
        src: &src,
        scopes,
        keys,
        names,
        cur: 0,
        future_annotations,
    };
    lowerer.module(&body)
}

// ---------------------------------------------------------------- source positions

/// Line starts of the source, for byte offset → (line, column in characters).
struct Lines<'a> {
    src: &'a str,
    starts: Vec<usize>,
    /// Whether each line is pure ASCII (then columns are byte differences).
    ascii: Vec<bool>,
}

impl<'a> Lines<'a> {
    fn new(src: &'a str) -> Self {
        let b = src.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        let ascii = (0..starts.len())
            .map(|l| {
                let end = starts.get(l + 1).copied().unwrap_or(src.len());
                b[starts[l]..end].is_ascii()
            })
            .collect();
        Lines { src, starts, ascii }
    }

    /// 0-based line index of a byte offset.
    fn line_of(&self, off: usize) -> usize {
        let off = off.min(self.src.len());
        self.starts.partition_point(|&s| s <= off) - 1
    }

    /// 0-based column in characters of a byte offset.
    fn col(&self, off: usize) -> u32 {
        let off = off.min(self.src.len());
        let line = self.line_of(off);
        let start = self.starts[line];
        let n = if self.ascii[line] {
            off - start
        } else {
            match self.src.get(start..off) {
                Some(s) => s.chars().count(),
                None => off - start,
            }
        };
        u32::try_from(n).unwrap_or(u32::MAX)
    }

    /// The text of a line (0-based), without its line break.
    fn text(&self, line: usize) -> &'a str {
        let start = self.starts[line];
        let end = self.starts.get(line + 1).copied().unwrap_or(self.src.len());
        self.src[start..end].trim_end_matches(['\n', '\r'])
    }

    fn span(&self, r: TextRange) -> Span {
        let (s, e) = (r.start().to_usize(), r.end().to_usize());
        Span {
            line: line_no(self.line_of(s)),
            col: self.col(s),
            end_line: line_no(self.line_of(e)),
            end_col: self.col(e),
        }
    }
}

fn line_no(index: usize) -> u32 {
    u32::try_from(index + 1).unwrap_or(u32::MAX)
}

/// The source and its name, for building located errors.
struct Src<'a> {
    lines: Lines<'a>,
    filename: Rc<str>,
}

impl Src<'_> {
    /// A `SyntaxError` with the caret at byte offset `off`.
    fn err(&self, msg: impl Into<String>, off: impl Into<Offset>) -> Error {
        self.error("SyntaxError", msg, off.into().0)
    }

    fn error(&self, class: &'static str, msg: impl Into<String>, off: usize) -> Error {
        let line = self.lines.line_of(off);
        self.error_at(class, msg, line, self.lines.col(off) + 1)
    }

    /// An error on 0-based line `line` with the caret at 1-based column `col`.
    fn error_at(
        &self,
        class: &'static str,
        msg: impl Into<String>,
        line: usize,
        col: u32,
    ) -> Error {
        Box::new(SyntaxErrorInfo {
            class,
            msg: msg.into(),
            filename: Rc::clone(&self.filename),
            line: line_no(line),
            col,
            text: self.lines.text(line).to_string(),
        })
    }

    fn unsupported(&self, what: &str, r: TextRange) -> Error {
        self.err(format!("hpymove does not support {what} yet"), r)
    }
}

/// A byte offset (from a `TextSize`, a `TextRange`'s start, or a `usize`).
struct Offset(usize);

impl From<usize> for Offset {
    fn from(o: usize) -> Self {
        Offset(o)
    }
}

impl From<rustpython_ruff_text_size::TextSize> for Offset {
    fn from(o: rustpython_ruff_text_size::TextSize) -> Self {
        Offset(o.to_usize())
    }
}

impl From<TextRange> for Offset {
    fn from(r: TextRange) -> Self {
        Offset(r.start().to_usize())
    }
}

mod build;
mod errors;
mod mangle;
mod resolve;
mod scan;
mod symbols;
#[cfg(test)]
mod tests;

use build::*;
use errors::*;
pub(crate) use mangle::mangled as mangled_name;
use mangle::*;
use resolve::*;
use scan::*;
use symbols::*;
