//! Parsing Python 3.11 source and lowering it at once into our own AST (`ast.rs`).
//!
//! The parser is RustPython's fork of ruff's (`rustpython-ruff_python_parser`); this file is
//! the only one that sees it, so it can be swapped by rewriting this file alone. The work is
//! done in four steps:
//!
//! 1. `prescan` runs over the source text before the parser, which is recursive: it enforces
//!    the nesting limits (CPython's 200 brackets and 99 indentation levels, and
//!    `MAX_NESTING` on the height of each expression's tree, computed with explicit stacks)
//!    so that neither the parser nor the walks over its tree recurse deeper than that, and
//!    it finds the tokenizer-level errors the parser does not report the way CPython does
//!    (unmatched brackets, `TabError`). With the limits, the deepest accepted input needs
//!    about 6 MB of stack in a debug build (much less optimized).
//! 2. `Collector` walks the parser's tree once: it checks what Python forbids but the parser
//!    accepts, rejects what hpymove does not support yet (a `SyntaxError` naming the
//!    construct), limits the nesting depth, and records every scope's symbols (CPython's
//!    symbol-table pass).
//! 3. `analyze` decides where every name of every scope lives: fast local, cell (captured
//!    local), free variable, or global (CPython's rules, without classes).
//! 4. `Lowerer` builds our AST with the names resolved.
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
    let body = match parsed.into_syntax() {
        py::Mod::Module(m) => m.body,
        py::Mod::Expression(e) => return Err(src.err("invalid syntax", e.range.start())),
    };
    // `from __future__ import annotations`: annotations are kept as their source text.
    let future_annotations = body.iter().any(|s| {
        matches!(s, py::Stmt::ImportFrom(i)
            if i.module.as_ref().is_some_and(|m| m.as_str() == "__future__")
                && i.names.iter().any(|a| a.name.as_str() == "annotations"))
    });
    let mut collector = Collector::new(&src);
    collector.future_annotations = future_annotations;
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

// ---------------------------------------------------------------- the pre-scan

/// What the pre-scan found that is not fatal: tokenizer-level errors CPython reports before
/// the parser's, and the innermost bracket left open at the end.
#[derive(Default)]
struct Scan {
    /// The first unmatched or mismatched closing bracket.
    bracket_error: Option<(usize, Error)>,
    /// The first inconsistent use of tabs and spaces.
    tab_error: Option<(usize, Error)>,
    /// (offset, bracket) of the innermost bracket never closed.
    unclosed: Option<(usize, u8)>,
}

/// Where the pre-scan is, inside f-strings.
enum FCtx {
    /// The literal part of an f-string; `base` is the bracket depth at its start, `height`
    /// the height of its tallest replacement field so far.
    Str {
        quote: u8,
        triple: bool,
        raw: bool,
        base: usize,
        height: u32,
    },
    /// A replacement field's expression; `base` is the bracket depth just inside its `{`.
    Field { base: usize },
    /// A replacement field's format spec.
    Spec,
}

/// An operator waiting for its right operand, in the pre-scan's height evaluator.
#[derive(Clone, Copy)]
struct Op {
    prec: u8,
    kind: OpKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum OpKind {
    Prefix,
    Left,
    Right,
    /// `and`, `or`, comparisons: one node for a whole chain (the tag tells which).
    Flat(u8),
    /// The `else` of a conditional expression (its `if` makes the node).
    Else,
}

// Precedences, lowest first (CPython's grammar).
const P_LAMBDA: u8 = 0;
const P_NAMED: u8 = 1;
const P_IFEXP: u8 = 2;
const P_OR: u8 = 3;
const P_AND: u8 = 4;
const P_NOT: u8 = 5;
const P_CMP: u8 = 6;
const P_BITOR: u8 = 7;
const P_BITXOR: u8 = 8;
const P_BITAND: u8 = 9;
const P_SHIFT: u8 = 10;
const P_ADD: u8 = 11;
const P_MUL: u8 = 12;
const P_UNARY: u8 = 13;
const P_POW: u8 = 14;
const P_AWAIT: u8 = 15;

/// A bracket level (or the level outside any bracket), with the state of the height
/// evaluator for the expression being scanned at that level.
struct Level {
    offset: usize,
    ch: u8,
    /// Opened inside an f-string.
    in_fstring: bool,
    /// The `{` of an f-string's replacement field.
    field: bool,
    /// Opened right after an operand: a call or a subscript.
    trailer: bool,
    /// Heights of the operands, with the tag of the flat node that made them.
    vals: Vec<(u32, u8)>,
    ops: Vec<Op>,
    /// The tallest expression finished at this level.
    max: u32,
    /// Whether the level held more than one expression (a tuple, not just parentheses).
    had_sep: bool,
    /// For each `lambda` whose parameters are being scanned: the stack sizes at its start
    /// (the default values are expressions of their own).
    lambda_marks: Vec<(usize, usize)>,
    after_for: bool,
    prev_operand: bool,
    /// After binary `not` (of `not in`) / `is`: the `in` / `not` to skip.
    skip_in: bool,
    skip_not: bool,
    /// After `.`: the attribute name to skip.
    skip_name: bool,
}

impl Level {
    fn new(offset: usize, ch: u8, in_fstring: bool, field: bool, trailer: bool) -> Self {
        Level {
            offset,
            ch,
            in_fstring,
            field,
            trailer,
            vals: Vec::new(),
            ops: Vec::new(),
            max: 0,
            had_sep: false,
            lambda_marks: Vec::new(),
            after_for: false,
            prev_operand: false,
            skip_in: false,
            skip_not: false,
            skip_name: false,
        }
    }
}

/// The pre-scan: runs over the source before the parser (which is recursive) and
///
/// - computes, with explicit stacks, the height of each expression's tree, so that the
///   parser and the walks over its tree never go deeper than `MAX_NESTING` (plus a
///   constant);
/// - enforces CPython's limits on brackets (200) and indentation (99 levels);
/// - finds the tokenizer errors the parser reports differently from CPython.
///
/// It is a sketch of a tokenizer: on input it does not understand, it may misjudge heights a
/// little, never loop or recurse.
struct Scanner<'s, 'a> {
    src: &'s Src<'a>,
    b: &'a [u8],
    i: usize,
    /// `levels[0]` is outside any bracket; the others are open brackets.
    levels: Vec<Level>,
    ctx: Vec<FCtx>,
    /// Indentation stack: (column with tabs to 8, column with tabs as 1).
    indents: Vec<(u32, u32)>,
    scan: Scan,
}

fn prescan(src: &Src<'_>) -> R<Scan> {
    let mut s = Scanner {
        src,
        b: src.lines.src.as_bytes(),
        i: 0,
        levels: vec![Level::new(0, 0, false, false, false)],
        ctx: Vec::new(),
        indents: vec![(0, 0)],
        scan: Scan::default(),
    };
    s.run()?;
    s.separator()?;
    if let Some(l) = s.levels[1..].iter().rev().find(|l| !l.in_fstring) {
        s.scan.unclosed = Some((l.offset, l.ch));
    }
    Ok(s.scan)
}

fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Scanner<'_, '_> {
    fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    /// Open brackets.
    fn depth(&self) -> usize {
        self.levels.len() - 1
    }

    fn level(&mut self) -> &mut Level {
        self.levels.last_mut().expect("level 0 is never popped")
    }

    fn run(&mut self) -> R {
        let mut line_start = true;
        while self.i < self.b.len() {
            if matches!(self.ctx.last(), Some(FCtx::Str { .. }) | Some(FCtx::Spec)) {
                self.fstring_literal()?;
                continue;
            }
            if line_start {
                line_start = false;
                if self.depth() == 0 {
                    self.indentation()?;
                    continue;
                }
            }
            let c = self.b[self.i];
            match c {
                b'\n' | b'\r' => {
                    self.i += if c == b'\r' && self.peek(1) == b'\n' {
                        2
                    } else {
                        1
                    };
                    if self.depth() == 0 {
                        // The end of a logical line.
                        self.separator()?;
                        line_start = true;
                    }
                }
                b' ' | b'\t' | 0x0c => self.i += 1,
                b'#' => {
                    while self.i < self.b.len() && !matches!(self.b[self.i], b'\n' | b'\r') {
                        self.i += 1;
                    }
                }
                b'\\' => {
                    // A line continuation: the next line is no indentation line.
                    self.i += 1;
                    match self.peek(0) {
                        b'\r' if self.peek(1) == b'\n' => self.i += 2,
                        b'\n' | b'\r' => self.i += 1,
                        _ => {}
                    }
                }
                b'"' | b'\'' => self.string(false, false)?,
                b'0'..=b'9' => self.number()?,
                b'.' if self.peek(1).is_ascii_digit() => self.number()?,
                b'.' if self.peek(1) == b'.' && self.peek(2) == b'.' => {
                    self.i += 3;
                    self.operand(0)?;
                }
                b'.' => {
                    self.i += 1;
                    self.attribute()?;
                }
                b'(' | b'[' | b'{' => self.open(c, false)?,
                b')' | b']' | b'}' => self.close(c)?,
                b',' => {
                    self.i += 1;
                    if self.level().lambda_marks.is_empty() {
                        self.separator()?;
                    } else {
                        self.cut_to_lambda()?;
                    }
                }
                b';' => {
                    self.i += 1;
                    self.separator()?;
                }
                b':' => self.colon()?,
                _ if is_ident_byte(c) => self.word()?,
                _ => self.operator()?,
            }
        }
        Ok(())
    }

    fn too_deep(&self) -> Error {
        self.src.err(TOO_DEEP_EXPR, self.i.min(self.b.len()))
    }

    /// An operand of height `h` (two operands in a row, as in `"a" "b"`, merge).
    fn operand(&mut self, h: u32) -> R {
        let l = self.level();
        if l.skip_name {
            l.skip_name = false;
            return Ok(());
        }
        if l.prev_operand {
            if let Some(top) = l.vals.last_mut() {
                top.0 = top.0.max(h);
                return Ok(());
            }
        }
        l.vals.push((h, 0));
        l.prev_operand = true;
        Ok(())
    }

    /// Makes the operator on top of the stack a node.
    fn reduce_one(&mut self) -> R {
        let l = self.level();
        let Some(op) = l.ops.pop() else {
            return Ok(());
        };
        let r = l.vals.pop().unwrap_or((0, 0));
        let v = match op.kind {
            OpKind::Prefix => (r.0 + 1, 0),
            OpKind::Left | OpKind::Right => {
                let left = l.vals.pop().unwrap_or((0, 0));
                (left.0.max(r.0) + 1, 0)
            }
            OpKind::Flat(tag) => {
                let left = l.vals.pop().unwrap_or((0, 0));
                if left.1 == tag {
                    (left.0.max(r.0 + 1), tag)
                } else {
                    (left.0.max(r.0) + 1, tag)
                }
            }
            OpKind::Else => {
                let left = l.vals.pop().unwrap_or((0, 0));
                (left.0.max(r.0), 0)
            }
        };
        l.vals.push(v);
        if v.0 > MAX_NESTING {
            return Err(self.too_deep());
        }
        Ok(())
    }

    fn push_op(&mut self, op: Op) -> R {
        let l = self.level();
        l.ops.push(op);
        l.prev_operand = false;
        // Pending operators nest the ones after them (two for a conditional expression).
        if l.ops.len() > 2 * MAX_NESTING as usize {
            return Err(self.too_deep());
        }
        Ok(())
    }

    fn prefix(&mut self, prec: u8) -> R {
        self.push_op(Op {
            prec,
            kind: OpKind::Prefix,
        })
    }

    fn binary(&mut self, prec: u8, kind: OpKind) -> R {
        loop {
            let l = self.level();
            let Some(top) = l.ops.last() else {
                break;
            };
            let right = matches!(kind, OpKind::Right | OpKind::Else);
            if top.prec > prec || (top.prec == prec && !right) {
                self.reduce_one()?;
            } else {
                break;
            }
        }
        self.push_op(Op { prec, kind })
    }

    /// The end of an expression at this level (a comma, a colon, `=`, a keyword that
    /// starts a clause, the end of the line): reduce it and remember its height.
    fn separator(&mut self) -> R {
        while !self.level().ops.is_empty() {
            self.reduce_one()?;
        }
        let l = self.level();
        let h = l.vals.iter().map(|v| v.0).max().unwrap_or(0);
        l.vals.clear();
        l.max = l.max.max(h);
        l.had_sep = true;
        l.prev_operand = false;
        l.after_for = false;
        l.lambda_marks.clear();
        l.skip_in = false;
        l.skip_not = false;
        l.skip_name = false;
        Ok(())
    }

    /// `.name` after an operand.
    fn attribute(&mut self) -> R {
        let l = self.level();
        if !l.prev_operand {
            return Ok(());
        }
        if let Some(top) = l.vals.last_mut() {
            top.0 += 1;
            top.1 = 0;
            if top.0 > MAX_NESTING {
                return Err(self.too_deep());
            }
        }
        self.level().skip_name = true;
        Ok(())
    }

    fn colon(&mut self) -> R {
        if let Some(&FCtx::Field { base }) = self.ctx.last() {
            if self.depth() == base {
                // The start of the field's format spec.
                self.ctx.pop();
                self.ctx.push(FCtx::Spec);
                self.i += 1;
                return Ok(());
            }
        }
        if self.peek(1) == b'=' {
            self.i += 2;
            return self.binary(P_NAMED, OpKind::Right);
        }
        self.i += 1;
        if !self.level().lambda_marks.is_empty() {
            // The end of a lambda's parameters: its body follows.
            self.cut_to_lambda()?;
            self.level().lambda_marks.pop();
            return Ok(());
        }
        self.separator()
    }

    /// The end of a lambda's parameter (or its default value): back to the lambda.
    fn cut_to_lambda(&mut self) -> R {
        let Some(&(ops, vals)) = self.level().lambda_marks.last() else {
            return Ok(());
        };
        while self.level().ops.len() > ops {
            self.reduce_one()?;
        }
        let l = self.level();
        let h = l.vals.get(vals..).into_iter().flatten().map(|v| v.0).max();
        l.vals.truncate(vals);
        l.max = l.max.max(h.unwrap_or(0));
        l.prev_operand = false;
        Ok(())
    }

    fn operator(&mut self) -> R {
        let (c, n1, n2) = (self.peek(0), self.peek(1), self.peek(2));
        let after_operand = self.level().prev_operand;
        // Augmented assignments, `=`, `->`: the end of an expression.
        let assign_len = match c {
            b'*' | b'/' | b'<' | b'>' if n1 == c && n2 == b'=' => 3,
            b'+' | b'-' | b'*' | b'/' | b'%' | b'@' | b'&' | b'|' | b'^' if n1 == b'=' => 2,
            b'-' if n1 == b'>' => 2,
            b'=' if n1 != b'=' => 1,
            _ => 0,
        };
        if assign_len > 0 {
            self.i += assign_len;
            return if self.level().lambda_marks.is_empty() {
                self.separator()
            } else {
                self.cut_to_lambda()
            };
        }
        let (len, prec, kind) = match (c, n1) {
            (b'*', b'*') if after_operand => (2, P_POW, OpKind::Right),
            (b'*', b'*') => (2, P_LAMBDA, OpKind::Prefix),
            (b'/', b'/') => (2, P_MUL, OpKind::Left),
            (b'<', b'<') | (b'>', b'>') => (2, P_SHIFT, OpKind::Left),
            (b'<' | b'>' | b'=' | b'!', b'=') => (2, P_CMP, OpKind::Flat(3)),
            (b'<' | b'>', _) => (1, P_CMP, OpKind::Flat(3)),
            (b'+' | b'-', _) if after_operand => (1, P_ADD, OpKind::Left),
            (b'+' | b'-' | b'~', _) => (1, P_UNARY, OpKind::Prefix),
            (b'*', _) if after_operand => (1, P_MUL, OpKind::Left),
            (b'*', _) => (1, P_LAMBDA, OpKind::Prefix),
            (b'/' | b'%' | b'@', _) if after_operand => (1, P_MUL, OpKind::Left),
            (b'&', _) => (1, P_BITAND, OpKind::Left),
            (b'^', _) => (1, P_BITXOR, OpKind::Left),
            (b'|', _) => (1, P_BITOR, OpKind::Left),
            _ => {
                // `!` of a conversion, `@` of a decorator, `/` among parameters, or
                // something the parser will reject.
                self.i += 1;
                return Ok(());
            }
        };
        self.i += len;
        match kind {
            OpKind::Prefix => self.prefix(prec),
            _ => self.binary(prec, kind),
        }
    }

    fn word(&mut self) -> R {
        let start = self.i;
        while self.i < self.b.len() && is_ident_byte(self.b[self.i]) {
            self.i += 1;
        }
        let w = &self.b[start..self.i];
        if matches!(self.peek(0), b'"' | b'\'') && w.len() <= 2 {
            let lower: Vec<u8> = w.iter().map(|c| c.to_ascii_lowercase()).collect();
            let valid = matches!(
                &lower[..],
                b"r" | b"u" | b"b" | b"f" | b"t" | b"br" | b"rb" | b"fr" | b"rf" | b"tr" | b"rt"
            );
            if valid {
                let raw = lower.contains(&b'r');
                let fstring = lower.contains(&b'f') || lower.contains(&b't');
                return self.string(fstring, raw);
            }
        }
        let after_operand = self.level().prev_operand;
        match w {
            b"None" | b"True" | b"False" => self.operand(0),
            b"not" => {
                let l = self.level();
                if l.skip_not {
                    l.skip_not = false;
                    Ok(())
                } else if after_operand {
                    // `not in`
                    self.binary(P_CMP, OpKind::Flat(3))?;
                    self.level().skip_in = true;
                    Ok(())
                } else {
                    self.prefix(P_NOT)
                }
            }
            b"in" => {
                let l = self.level();
                if l.after_for {
                    self.separator()
                } else if l.skip_in {
                    l.skip_in = false;
                    Ok(())
                } else {
                    self.binary(P_CMP, OpKind::Flat(3))
                }
            }
            b"is" => {
                self.binary(P_CMP, OpKind::Flat(3))?;
                self.level().skip_not = true;
                Ok(())
            }
            b"and" => self.binary(P_AND, OpKind::Flat(2)),
            b"or" => self.binary(P_OR, OpKind::Flat(1)),
            b"if" if after_operand => self.binary(P_IFEXP, OpKind::Right),
            b"else" if after_operand => self.binary(P_IFEXP, OpKind::Else),
            b"lambda" => {
                self.prefix(P_LAMBDA)?;
                let l = self.level();
                let mark = (l.ops.len(), l.vals.len());
                l.lambda_marks.push(mark);
                Ok(())
            }
            b"await" => self.prefix(P_AWAIT),
            b"yield" => self.prefix(P_LAMBDA),
            b"for" => {
                self.separator()?;
                self.level().after_for = true;
                Ok(())
            }
            b"if" | b"else" | b"elif" | b"while" | b"return" | b"del" | b"assert" | b"raise"
            | b"import" | b"from" | b"global" | b"nonlocal" | b"pass" | b"break" | b"continue"
            | b"def" | b"class" | b"with" | b"as" | b"try" | b"except" | b"finally" | b"async" => {
                self.separator()
            }
            _ => self.operand(0),
        }
    }

    fn number(&mut self) -> R {
        let hex = self.peek(0) == b'0' && matches!(self.peek(1), b'x' | b'X');
        self.i += 1;
        while self.i < self.b.len() {
            let c = self.b[self.i];
            let exponent_sign =
                (c == b'+' || c == b'-') && !hex && matches!(self.b[self.i - 1], b'e' | b'E');
            if !(c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign) {
                break;
            }
            self.i += 1;
        }
        self.operand(0)
    }

    /// A string literal starting at the quote under `i`.
    fn string(&mut self, fstring: bool, raw: bool) -> R {
        let q = self.peek(0);
        let triple = self.peek(1) == q && self.peek(2) == q;
        self.i += if triple { 3 } else { 1 };
        if fstring {
            self.ctx.push(FCtx::Str {
                quote: q,
                triple,
                raw,
                base: self.depth(),
                height: 0,
            });
            return Ok(());
        }
        while self.i < self.b.len() {
            let c = self.b[self.i];
            if c == b'\\' {
                self.i += if self.peek(1) == b'\r' && self.peek(2) == b'\n' {
                    3
                } else {
                    2
                };
            } else if triple {
                if c == q && self.peek(1) == q && self.peek(2) == q {
                    self.i += 3;
                    break;
                }
                self.i += 1;
            } else if c == q {
                self.i += 1;
                break;
            } else if c == b'\n' || c == b'\r' {
                // Unterminated: the parser reports it.
                break;
            } else {
                self.i += 1;
            }
        }
        self.operand(0)
    }

    /// Scans the literal part of an f-string (or of a format spec) up to a replacement
    /// field, the end of the string, or an error.
    fn fstring_literal(&mut self) -> R {
        // The innermost f-string.
        let Some((quote, triple, raw)) = self.ctx.iter().rev().find_map(|c| match *c {
            FCtx::Str {
                quote, triple, raw, ..
            } => Some((quote, triple, raw)),
            _ => None,
        }) else {
            self.ctx.pop();
            return Ok(());
        };
        let in_spec = matches!(self.ctx.last(), Some(FCtx::Spec));
        while self.i < self.b.len() {
            let c = self.b[self.i];
            match c {
                b'\\' => {
                    let n = self.peek(1);
                    if !raw && n == b'N' && self.peek(2) == b'{' {
                        while self.i < self.b.len() && self.b[self.i] != b'}' {
                            self.i += 1;
                        }
                        self.i += 1;
                    } else if n == b'{' || n == b'}' {
                        self.i += 1;
                    } else {
                        self.i += 2;
                    }
                }
                b'{' => {
                    if !in_spec && self.peek(1) == b'{' {
                        self.i += 2;
                        continue;
                    }
                    self.open(b'{', true)?;
                    let base = self.depth();
                    self.ctx.push(FCtx::Field { base });
                    return Ok(());
                }
                b'}' => {
                    if in_spec {
                        // The end of the replacement field whose spec this is.
                        self.ctx.pop();
                        self.i += 1;
                        return self.close_level();
                    }
                    self.i += if self.peek(1) == b'}' { 2 } else { 1 };
                }
                b'\n' | b'\r' if !triple => {
                    // Unterminated: the parser reports it.
                    return self.end_fstring();
                }
                _ if c == quote
                    && (!triple || (self.peek(1) == quote && self.peek(2) == quote)) =>
                {
                    self.i += if triple { 3 } else { 1 };
                    return self.end_fstring();
                }
                _ => self.i += 1,
            }
        }
        Ok(())
    }

    /// Leaves the innermost f-string (and whatever fields were left open in it); the
    /// f-string is an operand.
    fn end_fstring(&mut self) -> R {
        let mut info = None;
        while let Some(c) = self.ctx.pop() {
            if let FCtx::Str { base, height, .. } = c {
                info = Some((base, height));
                break;
            }
        }
        let (base, height) = info.unwrap_or((self.depth(), 0));
        self.levels.truncate(base + 1);
        self.operand(height + 1)
    }

    fn open(&mut self, c: u8, field: bool) -> R {
        if self.depth() >= MAX_PARENS {
            return Err(self.src.err("too many nested parentheses", self.i));
        }
        let trailer = !field && self.level().prev_operand;
        let in_fstring = field || !self.ctx.is_empty();
        self.levels
            .push(Level::new(self.i, c, in_fstring, field, trailer));
        self.i += 1;
        Ok(())
    }

    /// Closes the innermost level: its height goes to the enclosing one.
    fn close_level(&mut self) -> R {
        // `(a)` is no node, `(a, b)` is a tuple.
        let had_sep = self.level().had_sep;
        self.separator()?;
        if self.levels.len() == 1 {
            return Ok(());
        }
        let inner = self.levels.pop().expect("checked above");
        if inner.field {
            // A replacement field: its height counts for its f-string.
            let h = inner.max + 1;
            if let Some(FCtx::Str { height, .. }) = self
                .ctx
                .iter_mut()
                .rev()
                .find(|c| matches!(c, FCtx::Str { .. }))
            {
                *height = (*height).max(h);
            }
            return Ok(());
        }
        let h = if inner.ch == b'(' && !had_sep {
            inner.max
        } else {
            inner.max + 1
        };
        if inner.trailer {
            let l = self.level();
            if let Some(top) = l.vals.last_mut() {
                top.0 = top.0.max(h) + 1;
                top.1 = 0;
                if top.0 > MAX_NESTING {
                    return Err(self.too_deep());
                }
            }
            l.prev_operand = true;
            Ok(())
        } else {
            self.operand(h)
        }
    }

    fn close(&mut self, c: u8) -> R {
        let at = self.i;
        self.i += 1;
        if let Some(&FCtx::Field { base }) = self.ctx.last() {
            if self.depth() == base {
                if c == b'}' {
                    // The end of a replacement field.
                    self.ctx.pop();
                    return self.close_level();
                }
                return Ok(());
            }
        }
        let expected = match c {
            b')' => b'(',
            b']' => b'[',
            _ => b'{',
        };
        let in_fstring = !self.ctx.is_empty();
        if self.depth() == 0 {
            if self.scan.bracket_error.is_none() {
                let e = self.src.err(format!("unmatched '{}'", c as char), at);
                self.scan.bracket_error = Some((at, e));
            }
            return Ok(());
        }
        let (open_at, open) = {
            let l = self.level();
            (l.offset, l.ch)
        };
        if open != expected && !in_fstring && self.scan.bracket_error.is_none() {
            let (l1, l2) = (self.src.lines.line_of(open_at), self.src.lines.line_of(at));
            let mut msg = format!(
                "closing parenthesis '{}' does not match opening parenthesis '{}'",
                c as char, open as char
            );
            if l1 != l2 {
                msg.push_str(&format!(" on line {}", line_no(l1)));
            }
            self.scan.bracket_error = Some((at, self.src.err(msg, at)));
        }
        self.close_level()
    }

    /// The indentation at the start of a line outside brackets: CPython's checks for
    /// too many levels and for inconsistent tabs and spaces.
    fn indentation(&mut self) -> R {
        let (mut col, mut alt) = (0u32, 0u32);
        let start = self.i;
        while self.i < self.b.len() {
            match self.b[self.i] {
                b' ' => {
                    col += 1;
                    alt += 1;
                }
                b'\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                0x0c => {
                    col = 0;
                    alt = 0;
                }
                _ => break,
            }
            self.i += 1;
        }
        if self.i >= self.b.len() || matches!(self.b[self.i], b'#' | b'\n' | b'\r' | b'\\') {
            return Ok(());
        }
        let line = self.src.lines.line_of(start);
        let (top, top_alt) = *self.indents.last().expect("base level");
        let tab_error = if col == top {
            alt != top_alt
        } else if col > top {
            if self.indents.len() >= MAX_INDENT {
                return Err(self.src.error_at(
                    "IndentationError",
                    "too many levels of indentation",
                    line,
                    1,
                ));
            }
            self.indents.push((col, alt));
            alt <= top_alt
        } else {
            while self.indents.len() > 1 && col < self.indents.last().expect("level").0 {
                self.indents.pop();
            }
            let (now, now_alt) = *self.indents.last().expect("base level");
            col == now && alt != now_alt
        };
        if tab_error && self.scan.tab_error.is_none() {
            let e = self.src.error_at(
                "TabError",
                "inconsistent use of tabs and spaces in indentation",
                line,
                1,
            );
            self.scan.tab_error = Some((start, e));
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- parser errors

/// The error to report, if the parse failed: CPython reports tokenizer errors (anywhere in
/// the file) before parser errors, and the parser's first error otherwise.
fn first_error(src: &Src<'_>, parsed: &parser::Parsed<py::Mod>, scan: &Scan) -> Option<Error> {
    let errors = parsed.errors();
    let mut tokenizer: Vec<(usize, Error)> = Vec::new();
    if let Some(t) = &scan.tab_error {
        tokenizer.push(t.clone());
    }
    if !errors.is_empty() {
        if let Some(b) = &scan.bracket_error {
            tokenizer.push(b.clone());
        }
        for e in errors {
            if let parser::ParseErrorType::Lexical(l) = &e.error {
                if !matches!(l, parser::LexicalErrorType::Eof) {
                    tokenizer.push((e.location.start().to_usize(), lexical_error(src, l, e)));
                }
            }
        }
    }
    if let Some((_, e)) = tokenizer.into_iter().min_by_key(|t| t.0) {
        return Some(e);
    }
    if let Some(e) = errors.iter().min_by_key(|e| e.location.start()) {
        return Some(parse_error(src, e, scan));
    }
    parsed
        .unsupported_syntax_errors()
        .iter()
        .filter(|e| {
            !matches!(
                e.kind,
                parser::UnsupportedSyntaxErrorKind::TypeParameterList
                    | parser::UnsupportedSyntaxErrorKind::TypeAliasStatement
                    | parser::UnsupportedSyntaxErrorKind::TypeParamDefault
                    | parser::UnsupportedSyntaxErrorKind::TemplateStrings
            )
        })
        .min_by_key(|e| e.range.start())
        .map(|e| src.err(e.to_string(), e.range))
}

/// The line a string literal's error was detected on (CPython's "detected at line N").
fn detected_line(src: &Src<'_>, r: TextRange) -> u32 {
    let end = r.end().to_usize().max(r.start().to_usize() + 1) - 1;
    line_no(src.lines.line_of(end))
}

/// Whether the string literal starting at `off` (after its prefix) is triple-quoted.
fn is_triple_quoted(src: &Src<'_>, off: usize) -> bool {
    let rest = src.lines.src.get(off..).unwrap_or("");
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_alphabetic());
    rest.starts_with("'''") || rest.starts_with("\"\"\"")
}

fn unterminated(src: &Src<'_>, r: TextRange) -> Error {
    let kind = if is_triple_quoted(src, r.start().to_usize()) {
        "triple-quoted string literal"
    } else {
        "string literal"
    };
    src.err(
        format!(
            "unterminated {kind} (detected at line {})",
            detected_line(src, r)
        ),
        r,
    )
}

fn fstring_error(src: &Src<'_>, e: &parser::InterpolatedStringErrorType, r: TextRange) -> Error {
    use parser::InterpolatedStringErrorType as F;
    let msg = match e {
        F::UnterminatedString | F::UnterminatedTripleQuotedString => return unterminated(src, r),
        F::UnclosedLbrace => "f-string: expecting '}'".to_string(),
        F::InvalidConversionFlag => {
            "f-string: invalid conversion character: expected 's', 'r', or 'a'".to_string()
        }
        F::SingleRbrace => "f-string: single '}' is not allowed".to_string(),
        other => format!("f-string: {other}"),
    };
    src.err(msg, r)
}

fn lexical_error(src: &Src<'_>, l: &parser::LexicalErrorType, e: &parser::ParseError) -> Error {
    use parser::LexicalErrorType as L;
    let r = e.location;
    match l {
        L::UnclosedStringError => unterminated(src, r),
        L::IndentationError => {
            let line = src.lines.line_of(r.start().to_usize());
            let len = src.lines.text(line).chars().count();
            src.error_at(
                "IndentationError",
                "unindent does not match any outer indentation level",
                line,
                u32::try_from(len + 1).unwrap_or(u32::MAX),
            )
        }
        L::UnrecognizedToken { tok } => {
            let msg = if tok.is_ascii() {
                "invalid syntax".to_string()
            } else if tok.is_control() || tok.is_whitespace() {
                format!("invalid non-printable character U+{:04X}", *tok as u32)
            } else {
                format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
            };
            src.err(msg, r)
        }
        L::FStringError(f) | L::TStringError(f) => fstring_error(src, f, r),
        L::LineContinuationError => {
            src.err("unexpected character after line continuation character", r)
        }
        L::OtherError(msg) if msg.contains("decimal integer") => {
            let text = &src.lines.src[r.start().to_usize()..r.end().to_usize()];
            if text.starts_with('0') {
                src.err(
                    "leading zeros in decimal integer literals are not permitted; \
                     use an 0o prefix for octal integers",
                    r,
                )
            } else {
                src.err("invalid decimal literal", r)
            }
        }
        L::InvalidByteLiteral => src.err("bytes can only contain ASCII literal characters", r),
        L::UnicodeError | L::MissingUnicodeLbrace | L::MissingUnicodeRbrace => src.err(
            "(unicode error) 'unicodeescape' codec can't decode bytes: \
             malformed \\N character escape",
            r,
        ),
        _ => src.err("invalid syntax", r),
    }
}

/// Maps a parser error to CPython's message where the difference is only in wording.
fn parse_error(src: &Src<'_>, e: &parser::ParseError, scan: &Scan) -> Error {
    use parser::ParseErrorType as P;
    let r = e.location;
    let at = r.start().to_usize();
    let generic = |msg: &str| {
        // CPython: a generic error after a bracket that is never closed (on an earlier
        // line) is reported as that bracket.
        if let Some((off, ch)) = scan.unclosed {
            if off < at && src.lines.line_of(off) < src.lines.line_of(at) {
                return src.err(format!("'{}' was never closed", ch as char), off);
            }
        }
        src.err(msg, at)
    };
    match &e.error {
        P::Lexical(parser::LexicalErrorType::Eof) => match scan.unclosed {
            Some((off, ch)) => src.err(format!("'{}' was never closed", ch as char), off),
            None => src.err("unexpected EOF while parsing", at),
        },
        P::Lexical(l) => lexical_error(src, l, e),
        P::ExpectedToken {
            expected: py::token::TokenKind::Colon,
            ..
        } => src.err("expected ':'", at),
        P::UnexpectedIndentation => {
            let line = src.lines.line_of(at);
            src.error_at(
                "IndentationError",
                "unexpected indent",
                line,
                src.lines.col(r.end().to_usize()),
            )
        }
        P::OtherError(msg) if msg.starts_with("Expected an indented block after ") => {
            expected_block(src, msg, r)
        }
        P::FStringError(f) | P::TStringError(f) => fstring_error(src, f, r),
        P::InvalidAssignmentTarget => {
            let (kind, atom) = target_kind(src, r);
            let msg = match kind {
                "None" | "True" | "False" | "__debug__" => format!("cannot assign to {kind}"),
                _ if atom && followed_by_assign(src, r) => {
                    format!("cannot assign to {kind} here. Maybe you meant '==' instead of '='?")
                }
                _ => format!("cannot assign to {kind}"),
            };
            src.err(msg, at)
        }
        P::InvalidDeleteTarget => src.err(format!("cannot delete {}", target_kind(src, r).0), at),
        P::InvalidAugmentedAssignmentTarget => src.err(
            format!(
                "'{}' is an illegal expression for augmented assignment",
                target_kind(src, r).0
            ),
            at,
        ),
        P::InvalidNamedAssignmentTarget => src.err(
            format!(
                "cannot use assignment expressions with {}",
                target_kind(src, r).0
            ),
            at,
        ),
        P::InvalidAnnotatedAssignmentTarget => {
            let kind = target_kind(src, r).0;
            let msg = if kind == "tuple" || kind == "list" {
                format!("only single target (not {kind}) can be annotated")
            } else {
                "illegal target for annotation".to_string()
            };
            src.err(msg, at)
        }
        P::DuplicateKeywordArgumentError(name) => {
            src.err(format!("keyword argument repeated: {name}"), at)
        }
        P::PositionalAfterKeywordArgument => {
            src.err("positional argument follows keyword argument", at)
        }
        P::PositionalAfterKeywordUnpacking => {
            src.err("positional argument follows keyword argument unpacking", at)
        }
        P::InvalidArgumentUnpackingOrder => src.err(
            "iterable argument unpacking follows keyword argument unpacking",
            at,
        ),
        P::IterableUnpackingInComprehension => {
            src.err("iterable unpacking cannot be used in comprehension", at)
        }
        P::UnparenthesizedGeneratorExpression => {
            src.err("Generator expression must be parenthesized", at)
        }
        P::NonDefaultParamAfterDefaultParam => {
            src.err("non-default argument follows default argument", at)
        }
        P::ExpectedKeywordParam => src.err("named arguments must follow bare *", at),
        P::ParamAfterVarKeywordParam => src.err("arguments cannot follow var-keyword argument", at),
        P::InvalidStarredExpressionUsage => src.err("can't use starred expression here", at),
        P::SimpleStatementsOnSameLine => {
            // `print "x"`: CPython's hint.
            let line = src.lines.line_of(at);
            let line_start = src.lines.starts[line];
            let before = &src.lines.src[line_start..at];
            if before.trim() == "print" {
                let col = before.len() - before.trim_start().len();
                let msg = "Missing parentheses in call to 'print'. Did you mean print(...)?";
                return src.error("SyntaxError", msg, line_start + col);
            }
            generic("invalid syntax")
        }
        _ => generic("invalid syntax"),
    }
}

/// CPython's "expected an indented block after 'if' statement on line N".
fn expected_block(src: &Src<'_>, msg: &str, r: TextRange) -> Error {
    let what = msg.trim_start_matches("Expected an indented block after ");
    let (keyword, name) = match what {
        "`if` statement" => ("if", "'if' statement"),
        "`elif` clause" => ("elif", "'elif' statement"),
        "`else` clause" => ("else", "'else' statement"),
        "`for` statement" => ("for", "'for' statement"),
        "`while` statement" => ("while", "'while' statement"),
        "`with` statement" => ("with", "'with' statement"),
        "`try` statement" => ("try", "'try' statement"),
        "`except` clause" => ("except", "'except' statement"),
        "`finally` clause" => ("finally", "'finally' statement"),
        "`class` definition" => ("class", "class definition"),
        "function definition" => ("def", "function definition"),
        "`match` statement" => ("match", "'match' statement"),
        "`case` block" => ("case", "'case' statement"),
        _ => ("", "statement"),
    };
    let at = r.start().to_usize();
    let line = src.lines.line_of(at);
    // The header is on an earlier line, unless the error is at the header's own end.
    let on_header = src.lines.src[at..]
        .chars()
        .next()
        .is_none_or(|c| c == '\n' || c == '\r');
    let mut header = if on_header {
        line
    } else {
        line.saturating_sub(1)
    };
    loop {
        let t = src.lines.text(header).trim_start();
        let t = t.strip_prefix("async").map_or(t, str::trim_start);
        if t.starts_with(keyword)
            && !t[keyword.len()..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        {
            break;
        }
        if header == 0 {
            header = if on_header {
                line
            } else {
                line.saturating_sub(1)
            };
            break;
        }
        header -= 1;
    }
    src.error(
        "IndentationError",
        format!(
            "expected an indented block after {name} on line {}",
            line_no(header)
        ),
        at,
    )
}

/// Whether the source after `r` (past closing parentheses) is a single `=`.
fn followed_by_assign(src: &Src<'_>, r: TextRange) -> bool {
    let rest = src.lines.src[r.end().to_usize()..].trim_start_matches([')', ' ', '\t', '\\']);
    rest.starts_with('=') && !rest.starts_with("==")
}

/// What CPython calls the expression in `r` in its "cannot assign to ..." messages, and
/// whether it is an operand of comparisons (then CPython suggests `==` for `=`).
fn target_kind(src: &Src<'_>, r: TextRange) -> (&'static str, bool) {
    let text = &src.lines.src[r.start().to_usize()..r.end().to_usize()];
    if text.starts_with('*') {
        return ("starred", false);
    }
    let wrapped = format!("(\n{text}\n)");
    let Ok(parsed) = parser::parse_expression(&wrapped) else {
        return ("expression", false);
    };
    let e = parsed.expr();
    let atom = !matches!(
        e,
        py::Expr::Compare(_)
            | py::Expr::If(_)
            | py::Expr::Lambda(_)
            | py::Expr::BoolOp(_)
            | py::Expr::UnaryOp(py::ExprUnaryOp {
                op: py::UnaryOp::Not,
                ..
            })
    );
    (expr_kind(e), atom)
}

fn expr_kind(e: &py::Expr) -> &'static str {
    use py::Expr as E;
    match e {
        E::Call(_) => "function call",
        E::NoneLiteral(_) => "None",
        E::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        E::Name(n) if n.id.as_str() == "__debug__" => "__debug__",
        E::EllipsisLiteral(_) => "ellipsis",
        E::NumberLiteral(_) | E::StringLiteral(_) | E::BytesLiteral(_) => "literal",
        E::FString(_) => "f-string expression",
        E::TString(_) => "t-string expression",
        E::Compare(_) => "comparison",
        E::If(_) => "conditional expression",
        E::Lambda(_) => "lambda",
        E::Dict(_) => "dict literal",
        E::Set(_) => "set display",
        E::ListComp(_) => "list comprehension",
        E::DictComp(_) => "dict comprehension",
        E::SetComp(_) => "set comprehension",
        E::Generator(_) => "generator expression",
        E::Await(_) => "await expression",
        E::Yield(_) | E::YieldFrom(_) => "yield expression",
        E::Named(_) => "named expression",
        E::Starred(_) => "starred",
        E::Tuple(_) => "tuple",
        E::List(_) => "list",
        E::Attribute(_) => "attribute",
        E::Subscript(_) => "subscript",
        E::Name(_) => "name",
        _ => "expression",
    }
}

// ---------------------------------------------------------------- scopes

/// Symbol flags (CPython's symtable flags, as far as we need them).
const DEF_LOCAL: u8 = 1;
const DEF_PARAM: u8 = 2;
const DEF_GLOBAL: u8 = 4;
const DEF_NONLOCAL: u8 = 8;
const USE: u8 = 16;
const DEF_ANNOT: u8 = 32;
const DEF_COMP_ITER: u8 = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum ScopeKind {
    Module,
    Function,
    Comprehension,
    /// A class body: its names live in the class namespace, invisible to nested
    /// functions (CPython's rule).
    Class,
}

/// What made a scope; with the node's range, the key that finds the scope again.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum NodeKind {
    Def,
    Lambda,
    Comp,
    Class,
}

type Key = (u32, u32, NodeKind);

fn key(r: TextRange, kind: NodeKind) -> Key {
    (r.start().to_u32(), r.end().to_u32(), kind)
}

struct Scope {
    kind: ScopeKind,
    name: Rc<str>,
    qualname: Rc<str>,
    parent: Option<usize>,
    children: Vec<usize>,
    /// Every name mentioned, in order of first mention, with its flags.
    symbols: IndexMap<Rc<str>, u8>,
    /// Parameter names, in slot order.
    params: Vec<Rc<str>>,
    /// Offset of the first `global`/`nonlocal` statement naming each name.
    directives: HashMap<Rc<str>, usize>,
    /// Filled by `analyze`: name → fast slot.
    fast: IndexMap<Rc<str>, u32>,
    /// Filled by `analyze`: name → cell index (cellvars, then freevars).
    cells: IndexMap<Rc<str>, u32>,
    n_cellvars: u32,
    /// A `yield` appears in this scope (a function: a generator function), or the scope
    /// is a generator expression's.
    is_generator: bool,
}

/// Interned names.
#[derive(Default)]
struct Names(HashMap<Box<str>, Rc<str>>);

impl Names {
    fn get(&mut self, s: &str) -> Rc<str> {
        if let Some(r) = self.0.get(s) {
            return Rc::clone(r);
        }
        let r: Rc<str> = s.into();
        self.0.insert(s.into(), Rc::clone(&r));
        r
    }
}

/// The first walk: checks, nesting limit, symbols.
/// A function's parameters in CPython's order of visit: positional, keyword-only, `*args`,
/// `**kwargs`.
fn every_param(p: &py::Parameters) -> impl Iterator<Item = &py::Parameter> {
    p.posonlyargs
        .iter()
        .chain(&p.args)
        .chain(&p.kwonlyargs)
        .map(|a| &a.parameter)
        .chain(p.vararg.as_deref())
        .chain(p.kwarg.as_deref())
}

struct Collector<'s, 'a> {
    src: &'s Src<'a>,
    scopes: Vec<Scope>,
    keys: HashMap<Key, usize>,
    names: Names,
    cur: usize,
    /// Loops around the current statement in the current function.
    loops: u32,
    /// Comprehension iterables being visited in the current scope.
    comp_iter: u32,
    depth: u32,
    future_annotations: bool,
}

impl<'s, 'a> Collector<'s, 'a> {
    fn new(src: &'s Src<'a>) -> Self {
        let module = Scope {
            kind: ScopeKind::Module,
            name: "<module>".into(),
            qualname: "<module>".into(),
            parent: None,
            children: Vec::new(),
            symbols: IndexMap::new(),
            params: Vec::new(),
            directives: HashMap::new(),
            fast: IndexMap::new(),
            cells: IndexMap::new(),
            n_cellvars: 0,
            is_generator: false,
        };
        Collector {
            src,
            scopes: vec![module],
            keys: HashMap::new(),
            names: Names::default(),
            cur: 0,
            loops: 0,
            comp_iter: 0,
            depth: 0,
            future_annotations: false,
        }
    }

    fn module(&mut self, body: &[py::Stmt]) -> R {
        self.stmts(body)
    }

    fn flags(&self, scope: usize, name: &str) -> u8 {
        self.scopes[scope].symbols.get(name).copied().unwrap_or(0)
    }

    fn add(&mut self, scope: usize, name: &str, flag: u8) {
        let name = self.names.get(name);
        *self.scopes[scope].symbols.entry(name).or_insert(0) |= flag;
    }

    fn bind(&mut self, name: &str) {
        self.add(self.cur, name, DEF_LOCAL);
    }

    /// The names a `case` pattern binds, and the expressions it evaluates.
    fn pattern(&mut self, p: &py::Pattern) -> R {
        match p {
            py::Pattern::MatchValue(v) => self.expr(&v.value),
            py::Pattern::MatchSingleton(_) => Ok(()),
            py::Pattern::MatchSequence(s) => {
                for x in &s.patterns {
                    self.pattern(x)?;
                }
                Ok(())
            }
            py::Pattern::MatchMapping(m) => {
                for k in &m.keys {
                    self.expr(k)?;
                }
                for x in &m.patterns {
                    self.pattern(x)?;
                }
                if let Some(r) = &m.rest {
                    self.bind(r.as_str());
                }
                Ok(())
            }
            py::Pattern::MatchClass(c) => {
                self.expr(&c.cls)?;
                for x in &c.arguments.patterns {
                    self.pattern(x)?;
                }
                for k in &c.arguments.keywords {
                    self.pattern(&k.pattern)?;
                }
                Ok(())
            }
            py::Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    self.bind(n.as_str());
                }
                Ok(())
            }
            py::Pattern::MatchAs(a) => {
                if let Some(x) = &a.pattern {
                    self.pattern(x)?;
                }
                if let Some(n) = &a.name {
                    self.bind(n.as_str());
                }
                Ok(())
            }
            py::Pattern::MatchOr(o) => {
                for x in &o.patterns {
                    self.pattern(x)?;
                }
                Ok(())
            }
        }
    }

    fn new_scope(&mut self, kind: ScopeKind, name: &str, k: Key) -> usize {
        let parent = self.cur;
        let p = &self.scopes[parent];
        let qualname: Rc<str> = match p.kind {
            ScopeKind::Module => name.into(),
            ScopeKind::Function
                if kind == ScopeKind::Function
                    && p.symbols.get(name).is_some_and(|f| f & DEF_GLOBAL != 0) =>
            {
                name.into()
            }
            ScopeKind::Function => format!("{}.<locals>.{name}", p.qualname).into(),
            ScopeKind::Comprehension | ScopeKind::Class => format!("{}.{name}", p.qualname).into(),
        };
        let id = self.scopes.len();
        self.scopes.push(Scope {
            kind,
            name: self.names.get(name),
            qualname,
            parent: Some(parent),
            children: Vec::new(),
            symbols: IndexMap::new(),
            params: Vec::new(),
            directives: HashMap::new(),
            fast: IndexMap::new(),
            cells: IndexMap::new(),
            n_cellvars: 0,
            is_generator: name == "<genexpr>",
        });
        self.scopes[parent].children.push(id);
        self.keys.insert(k, id);
        id
    }

    fn enter(&mut self, r: TextRange, msg: &'static str) -> R {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.src.err(msg, r));
        }
        Ok(())
    }

    // ------------------------------------------------------------ statements

    fn stmts(&mut self, body: &[py::Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &py::Stmt) -> R {
        self.enter(s.range(), TOO_DEEP_STMT)?;
        self.stmt_inner(s)?;
        self.depth -= 1;
        Ok(())
    }

    fn stmt_inner(&mut self, s: &py::Stmt) -> R {
        use py::Stmt as S;
        let src = self.src;
        match s {
            S::FunctionDef(f) => self.function_def(f),
            S::ClassDef(c) => self.class_def(c),
            S::Return(r) => {
                if self.scopes[self.cur].kind != ScopeKind::Function {
                    return Err(src.err("'return' outside function", r.range));
                }
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
                Ok(())
            }
            S::Delete(d) => {
                for t in &d.targets {
                    self.del_target(t)?;
                }
                Ok(())
            }
            S::TypeAlias(t) => Err(src.unsupported("'type' statements", t.range)),
            S::Assign(a) => {
                for t in &a.targets {
                    self.target(t, false)?;
                }
                self.expr(&a.value)
            }
            S::AugAssign(a) => {
                match &*a.target {
                    py::Expr::Name(n) => self.bind(n.id.as_str()),
                    py::Expr::Attribute(at) => self.expr(&at.value)?,
                    py::Expr::Subscript(sub) => {
                        self.expr(&sub.value)?;
                        self.index(&sub.slice)?;
                    }
                    other => {
                        return Err(src.err(
                            format!(
                                "'{}' is an illegal expression for augmented assignment",
                                expr_kind(other)
                            ),
                            other.range(),
                        ))
                    }
                }
                self.expr(&a.value)
            }
            S::AnnAssign(a) => {
                if let py::Expr::Name(n) = &*a.target {
                    let name = n.id.as_str();
                    let flags = self.flags(self.cur, name);
                    if a.simple
                        && flags & (DEF_GLOBAL | DEF_NONLOCAL) != 0
                        && self.scopes[self.cur].kind != ScopeKind::Module
                    {
                        let what = if flags & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        return Err(
                            src.err(format!("annotated name '{name}' can't be {what}"), n.range)
                        );
                    }
                    if a.simple {
                        self.add(self.cur, name, DEF_ANNOT | DEF_LOCAL);
                    } else if a.value.is_some() {
                        self.bind(name);
                    }
                } else {
                    self.target(&a.target, false)?;
                }
                if let Some(v) = &a.value {
                    self.expr(v)?;
                }
                // At module and class level, a simple target's annotation is evaluated
                // (into `__annotations__`), as in CPython.
                let kind = self.scopes[self.cur].kind;
                if a.simple
                    && !self.future_annotations
                    && matches!(kind, ScopeKind::Module | ScopeKind::Class)
                {
                    self.expr(&a.annotation)?;
                }
                Ok(())
            }
            S::For(f) => {
                if f.is_async {
                    return Err(src.unsupported("'async for'", f.range));
                }
                self.target(&f.target, false)?;
                self.expr(&f.iter)?;
                self.loops += 1;
                self.stmts(&f.body)?;
                self.loops -= 1;
                self.stmts(&f.orelse)
            }
            S::While(w) => {
                self.expr(&w.test)?;
                self.loops += 1;
                self.stmts(&w.body)?;
                self.loops -= 1;
                self.stmts(&w.orelse)
            }
            S::If(i) => {
                self.expr(&i.test)?;
                self.stmts(&i.body)?;
                // Each `elif` nests one level deeper in our AST.
                let mut entered = 0;
                for c in &i.elif_else_clauses {
                    if let Some(t) = &c.test {
                        self.enter(c.range, TOO_DEEP_STMT)?;
                        entered += 1;
                        self.expr(t)?;
                    }
                    self.stmts(&c.body)?;
                }
                self.depth -= entered;
                Ok(())
            }
            S::With(w) => {
                if w.is_async {
                    return Err(src.unsupported("'async with'", w.range));
                }
                for item in &w.items {
                    self.expr(&item.context_expr)?;
                    if let Some(v) = &item.optional_vars {
                        self.target(v, false)?;
                    }
                }
                self.stmts(&w.body)
            }
            S::Match(m) => {
                self.expr(&m.subject)?;
                for c in &m.cases {
                    self.pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&c.body)?;
                }
                Ok(())
            }
            S::Raise(r) => {
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                }
                if let Some(c) = &r.cause {
                    self.expr(c)?;
                }
                Ok(())
            }
            S::Try(t) => {
                if t.is_star {
                    return Err(src.unsupported("'except*'", t.range));
                }
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let py::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(c) = &h.type_ {
                        self.expr(c)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.as_str());
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)
            }
            S::Assert(a) => {
                self.expr(&a.test)?;
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                }
                Ok(())
            }
            S::Import(i) => {
                if i.is_lazy {
                    return Err(src.unsupported("lazy imports", i.range));
                }
                for a in &i.names {
                    match &a.asname {
                        Some(n) => self.bind(n.as_str()),
                        None => {
                            let top = a.name.as_str().split('.').next().unwrap_or("");
                            self.bind(top);
                        }
                    }
                }
                Ok(())
            }
            S::ImportFrom(i) => {
                if i.is_lazy {
                    return Err(src.unsupported("lazy imports", i.range));
                }
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        if self.scopes[self.cur].kind != ScopeKind::Module {
                            return Err(src.err("import * only allowed at module level", a.range));
                        }
                        return Err(src.unsupported("'from ... import *'", i.range));
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.bind(bound.as_str());
                }
                Ok(())
            }
            S::Global(g) => {
                for n in &g.names {
                    self.declare(n.as_str(), g.range, true)?;
                }
                Ok(())
            }
            S::Nonlocal(n) => {
                if self.scopes[self.cur].kind == ScopeKind::Module {
                    return Err(
                        src.err("nonlocal declaration not allowed at module level", n.range)
                    );
                }
                for name in &n.names {
                    self.declare(name.as_str(), n.range, false)?;
                }
                Ok(())
            }
            S::Expr(e) => self.expr(&e.value),
            S::Pass(_) => Ok(()),
            S::Break(b) => {
                if self.loops == 0 {
                    return Err(src.err("'break' outside loop", b.range));
                }
                Ok(())
            }
            S::Continue(c) => {
                if self.loops == 0 {
                    return Err(src.err("'continue' not properly in loop", c.range));
                }
                Ok(())
            }
            S::IpyEscapeCommand(c) => Err(src.err("invalid syntax", c.range)),
        }
    }

    /// `global name` (`global` true) or `nonlocal name`.
    fn declare(&mut self, name: &str, r: TextRange, global: bool) -> R {
        let flags = self.flags(self.cur, name);
        let what = if global { "global" } else { "nonlocal" };
        if flags & (DEF_PARAM | DEF_LOCAL | USE | DEF_ANNOT) != 0 {
            let msg = if flags & DEF_PARAM != 0 {
                format!("name '{name}' is parameter and {what}")
            } else if flags & USE != 0 {
                format!("name '{name}' is used prior to {what} declaration")
            } else if flags & DEF_ANNOT != 0 {
                format!("annotated name '{name}' can't be {what}")
            } else {
                format!("name '{name}' is assigned to before {what} declaration")
            };
            return Err(self.src.err(msg, r));
        }
        self.add(
            self.cur,
            name,
            if global { DEF_GLOBAL } else { DEF_NONLOCAL },
        );
        let name = self.names.get(name);
        self.scopes[self.cur]
            .directives
            .entry(name)
            .or_insert(r.start().to_usize());
        Ok(())
    }

    fn function_def(&mut self, f: &py::StmtFunctionDef) -> R {
        if f.is_async {
            return Err(self.src.unsupported("async functions", f.range));
        }
        if let Some(t) = &f.type_params {
            return Err(self.src.unsupported("type parameters", t.range));
        }
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        self.defaults(&f.parameters)?;
        // Annotations are evaluated at `def` time, in the defining scope.
        if !self.future_annotations {
            for a in every_param(&f.parameters) {
                if let Some(ann) = &a.annotation {
                    self.expr(ann)?;
                }
            }
            if let Some(r) = &f.returns {
                self.expr(r)?;
            }
        }
        self.bind(f.name.as_str());
        let scope = self.new_scope(
            ScopeKind::Function,
            f.name.as_str(),
            key(f.range, NodeKind::Def),
        );
        self.params(scope, &f.parameters)?;
        let saved = (self.cur, self.loops, self.comp_iter);
        (self.cur, self.loops, self.comp_iter) = (scope, 0, 0);
        self.stmts(&f.body)?;
        (self.cur, self.loops, self.comp_iter) = saved;
        Ok(())
    }

    fn class_def(&mut self, c: &py::StmtClassDef) -> R {
        if let Some(t) = &c.type_params {
            return Err(self.src.unsupported("type parameters", t.range));
        }
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        if let Some(args) = &c.arguments {
            for a in &args.args {
                match a {
                    py::Expr::Starred(s) => self.expr(&s.value)?,
                    _ => self.expr(a)?,
                }
            }
            for k in &args.keywords {
                self.expr(&k.value)?;
            }
        }
        self.bind(c.name.as_str());
        let scope = self.new_scope(
            ScopeKind::Class,
            c.name.as_str(),
            key(c.range, NodeKind::Class),
        );
        let saved = (self.cur, self.loops, self.comp_iter);
        (self.cur, self.loops, self.comp_iter) = (scope, 0, 0);
        self.stmts(&c.body)?;
        (self.cur, self.loops, self.comp_iter) = saved;
        Ok(())
    }

    fn defaults(&mut self, p: &py::Parameters) -> R {
        for d in p
            .iter_non_variadic_params()
            .filter_map(|p| p.default.as_deref())
        {
            self.expr(d)?;
        }
        Ok(())
    }

    fn params(&mut self, scope: usize, p: &py::Parameters) -> R {
        // Duplicates are reported in CPython's order of visit.
        let mut seen: HashSet<&str> = HashSet::new();
        for a in every_param(p) {
            if !seen.insert(a.name.as_str()) {
                return Err(self.src.err(
                    format!(
                        "duplicate argument '{}' in function definition",
                        a.name.as_str()
                    ),
                    a.range,
                ));
            }
        }
        for name in param_names(p) {
            let rc = self.names.get(name);
            self.scopes[scope].params.push(rc);
            self.add(scope, name, DEF_PARAM);
        }
        Ok(())
    }

    // ------------------------------------------------------------ expressions

    fn expr(&mut self, e: &py::Expr) -> R {
        self.enter(e.range(), TOO_DEEP_EXPR)?;
        self.expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    // Each construct has its own function: the walk recurses, and debug builds give a
    // function with a big `match` a big frame.
    fn expr_inner(&mut self, e: &py::Expr) -> R {
        use py::Expr as E;
        let src = self.src;
        match e {
            E::BoolOp(b) => self.exprs(&b.values),
            E::Named(n) => self.named(n),
            E::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)
            }
            E::UnaryOp(u) => self.expr(&u.operand),
            E::Lambda(l) => self.lambda(l),
            E::If(i) => {
                self.expr(&i.test)?;
                self.expr(&i.body)?;
                self.expr(&i.orelse)
            }
            E::Dict(d) => self.dict(d),
            E::Set(s) => self.display(&s.elts),
            E::ListComp(c) => self.comprehension(c.range, "<listcomp>", &c.generators, &[&*c.elt]),
            E::SetComp(c) => self.comprehension(c.range, "<setcomp>", &c.generators, &[&*c.elt]),
            E::DictComp(c) => {
                self.comprehension(c.range, "<dictcomp>", &c.generators, &[&*c.key, &*c.value])
            }
            E::Generator(g) => self.comprehension(g.range, "<genexpr>", &g.generators, &[&*g.elt]),
            E::Await(a) => Err(src.unsupported("'await'", a.range)),
            E::Yield(y) => {
                self.yield_here(y.range)?;
                match &y.value {
                    Some(v) => self.expr(v),
                    None => Ok(()),
                }
            }
            E::YieldFrom(y) => {
                self.yield_here(y.range)?;
                self.expr(&y.value)
            }
            E::Compare(c) => {
                self.expr(&c.left)?;
                self.exprs(&c.comparators)
            }
            E::Call(c) => self.call(c),
            E::FString(f) => self.fstring(f),
            E::TString(t) => Err(src.unsupported("t-strings", t.range)),
            E::NumberLiteral(n) => match n.value {
                py::Number::Complex { .. } => Err(src.unsupported("complex numbers", n.range)),
                _ => Ok(()),
            },
            E::StringLiteral(_)
            | E::BytesLiteral(_)
            | E::BooleanLiteral(_)
            | E::NoneLiteral(_)
            | E::EllipsisLiteral(_) => Ok(()),
            E::Attribute(a) => self.expr(&a.value),
            E::Subscript(s) => {
                self.expr(&s.value)?;
                self.index(&s.slice)
            }
            E::Starred(s) => Err(src.err("can't use starred expression here", s.range)),
            E::Name(n) => {
                self.add(self.cur, n.id.as_str(), USE);
                // `super()` in a method needs the class: the `__class__` cell.
                let sc = &self.scopes[self.cur];
                if n.id.as_str() == "super"
                    && sc.kind == ScopeKind::Function
                    && sc
                        .parent
                        .is_some_and(|p| self.scopes[p].kind == ScopeKind::Class)
                {
                    self.add(self.cur, "__class__", USE);
                }
                Ok(())
            }
            E::List(l) => self.display(&l.elts),
            E::Tuple(t) => self.display(&t.elts),
            E::Slice(s) => self.slice(s),
            E::IpyEscapeCommand(c) => Err(src.err("invalid syntax", c.range)),
        }
    }

    fn exprs(&mut self, es: &[py::Expr]) -> R {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    fn lambda(&mut self, l: &py::ExprLambda) -> R {
        if let Some(p) = &l.parameters {
            self.defaults(p)?;
        }
        let k = key(l.range, NodeKind::Lambda);
        let scope = self.new_scope(ScopeKind::Function, "<lambda>", k);
        if let Some(p) = &l.parameters {
            self.params(scope, p)?;
        }
        let saved = (self.cur, self.loops, self.comp_iter);
        (self.cur, self.loops, self.comp_iter) = (scope, 0, 0);
        self.expr(&l.body)?;
        (self.cur, self.loops, self.comp_iter) = saved;
        Ok(())
    }

    fn dict(&mut self, d: &py::ExprDict) -> R {
        for item in &d.items {
            if let Some(k) = &item.key {
                self.expr(k)?;
            }
            self.expr(&item.value)?;
        }
        Ok(())
    }

    fn call(&mut self, c: &py::ExprCall) -> R {
        self.expr(&c.func)?;
        for a in &c.arguments.args {
            match a {
                py::Expr::Starred(s) => self.expr(&s.value)?,
                _ => self.expr(a)?,
            }
        }
        for k in &c.arguments.keywords {
            self.expr(&k.value)?;
        }
        Ok(())
    }

    fn fstring(&mut self, f: &py::ExprFString) -> R {
        for part in f.value.iter() {
            if let py::FStringPart::FString(fs) = part {
                self.interpolations(&fs.elements)?;
            }
        }
        Ok(())
    }

    fn slice(&mut self, s: &py::ExprSlice) -> R {
        for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
            self.expr(part)?;
        }
        Ok(())
    }

    fn interpolations(&mut self, elements: &py::InterpolatedStringElements) -> R {
        for el in elements.iter() {
            if let py::InterpolatedStringElement::Interpolation(i) = el {
                self.expr(&i.expression)?;
                if let Some(spec) = &i.format_spec {
                    self.interpolations(&spec.elements)?;
                }
            }
        }
        Ok(())
    }

    /// The items of a list or tuple display, where `*x` is allowed.
    fn display(&mut self, elts: &[py::Expr]) -> R {
        for e in elts {
            match e {
                py::Expr::Starred(s) => {
                    self.enter(s.range, TOO_DEEP_EXPR)?;
                    self.expr(&s.value)?;
                    self.depth -= 1;
                }
                _ => self.expr(e)?,
            }
        }
        Ok(())
    }

    /// A subscript's index: `x[*a]` and `x[a, *b]` are allowed (PEP 646).
    fn index(&mut self, e: &py::Expr) -> R {
        match e {
            py::Expr::Starred(_) => self.display(std::slice::from_ref(e)),
            _ => self.expr(e),
        }
    }

    fn named(&mut self, n: &py::ExprNamed) -> R {
        let py::Expr::Name(target) = &*n.target else {
            return Err(self.src.err(
                format!(
                    "cannot use assignment expressions with {}",
                    expr_kind(&n.target)
                ),
                n.target.range(),
            ));
        };
        let name = target.id.as_str();
        if self.comp_iter > 0 {
            return Err(self.src.err(
                "assignment expression cannot be used in a comprehension iterable expression",
                n.range,
            ));
        }
        if self.scopes[self.cur].kind == ScopeKind::Comprehension {
            // The name binds in the nearest enclosing function (or module).
            let mut s = self.cur;
            loop {
                match self.scopes[s].kind {
                    ScopeKind::Comprehension => {
                        if self.flags(s, name) & DEF_COMP_ITER != 0 {
                            return Err(self.src.err(
                                format!(
                                    "assignment expression cannot rebind comprehension \
                                     iteration variable '{name}'"
                                ),
                                target.range,
                            ));
                        }
                        s = self.scopes[s].parent.expect("a comprehension has a parent");
                    }
                    ScopeKind::Function => {
                        let flag = if self.flags(s, name) & DEF_GLOBAL != 0 {
                            DEF_GLOBAL
                        } else {
                            DEF_NONLOCAL
                        };
                        self.add(self.cur, name, flag);
                        self.add(s, name, DEF_LOCAL);
                        break;
                    }
                    ScopeKind::Module => {
                        self.add(self.cur, name, DEF_GLOBAL);
                        break;
                    }
                    ScopeKind::Class => {
                        return Err(self.src.err(
                            "assignment expression within a comprehension cannot be used in a class body",
                            n.range,
                        ));
                    }
                }
            }
        } else {
            self.bind(name);
        }
        self.expr(&n.value)
    }

    /// A `yield` (or `yield from`) in the current scope: makes a function a generator;
    /// CPython's errors elsewhere (which say `'yield'` for `yield from` too).
    fn yield_here(&mut self, r: TextRange) -> R {
        let sc = &mut self.scopes[self.cur];
        match sc.kind {
            ScopeKind::Function => {
                sc.is_generator = true;
                Ok(())
            }
            ScopeKind::Module | ScopeKind::Class => {
                Err(self.src.err("'yield' outside function", r))
            }
            ScopeKind::Comprehension => {
                let inside = match &*sc.name {
                    "<listcomp>" => "list comprehension",
                    "<setcomp>" => "set comprehension",
                    "<dictcomp>" => "dict comprehension",
                    _ => "generator expression",
                };
                Err(self.src.err(format!("'yield' inside {inside}"), r))
            }
        }
    }

    fn comprehension(
        &mut self,
        r: TextRange,
        name: &str,
        generators: &[py::Comprehension],
        elts: &[&py::Expr],
    ) -> R {
        if let Some(g) = generators.iter().find(|g| g.is_async) {
            return Err(self.src.unsupported("asynchronous comprehensions", g.range));
        }
        let Some(first) = generators.first() else {
            return Err(self.src.err("invalid syntax", r));
        };
        // The first iterable is evaluated in the enclosing scope.
        self.comp_iter += 1;
        self.expr(&first.iter)?;
        self.comp_iter -= 1;
        let scope = self.new_scope(ScopeKind::Comprehension, name, key(r, NodeKind::Comp));
        let dot0 = self.names.get(".0");
        self.scopes[scope].params.push(dot0);
        self.add(scope, ".0", DEF_PARAM);
        let saved = (self.cur, self.loops, self.comp_iter, self.depth);
        (self.cur, self.loops, self.comp_iter) = (scope, 0, 0);
        for (i, g) in generators.iter().enumerate() {
            // Each loop and each condition nests one level deeper in our AST.
            self.enter(g.range, TOO_DEEP_EXPR)?;
            self.target(&g.target, true)?;
            if i > 0 {
                self.comp_iter += 1;
                self.expr(&g.iter)?;
                self.comp_iter -= 1;
            }
            for cond in &g.ifs {
                self.enter(cond.range(), TOO_DEEP_EXPR)?;
                self.expr(cond)?;
            }
        }
        for e in elts {
            self.expr(e)?;
        }
        (self.cur, self.loops, self.comp_iter, self.depth) = saved;
        Ok(())
    }

    // ------------------------------------------------------------ targets

    /// An assignment target at the top (where a bare `*x` is an error).
    fn target(&mut self, t: &py::Expr, comp: bool) -> R {
        if let py::Expr::Starred(s) = t {
            return Err(self.src.err(
                "starred assignment target must be in a list or tuple",
                s.range,
            ));
        }
        self.store(t, comp)
    }

    fn store(&mut self, t: &py::Expr, comp: bool) -> R {
        use py::Expr as E;
        self.enter(t.range(), TOO_DEEP_EXPR)?;
        match t {
            E::Name(n) => {
                let flag = if comp {
                    DEF_LOCAL | DEF_COMP_ITER
                } else {
                    DEF_LOCAL
                };
                self.add(self.cur, n.id.as_str(), flag);
            }
            E::Attribute(a) => self.expr(&a.value)?,
            E::Subscript(s) => {
                self.expr(&s.value)?;
                self.index(&s.slice)?;
            }
            E::Tuple(_) | E::List(_) => {
                let elts = match t {
                    E::Tuple(x) => &x.elts,
                    E::List(x) => &x.elts,
                    _ => unreachable!("matched above"),
                };
                if elts.iter().filter(|e| matches!(e, E::Starred(_))).count() > 1 {
                    return Err(self
                        .src
                        .err("multiple starred expressions in assignment", t.range()));
                }
                for e in elts {
                    match e {
                        E::Starred(s) => self.store(&s.value, comp)?,
                        _ => self.store(e, comp)?,
                    }
                }
            }
            E::Starred(s) => {
                return Err(self.src.err(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                ))
            }
            other => {
                return Err(self.src.err(
                    format!("cannot assign to {}", expr_kind(other)),
                    other.range(),
                ))
            }
        }
        self.depth -= 1;
        Ok(())
    }

    fn del_target(&mut self, t: &py::Expr) -> R {
        use py::Expr as E;
        self.enter(t.range(), TOO_DEEP_EXPR)?;
        match t {
            E::Name(n) => self.bind(n.id.as_str()),
            E::Attribute(a) => self.expr(&a.value)?,
            E::Subscript(s) => {
                self.expr(&s.value)?;
                self.index(&s.slice)?;
            }
            E::Tuple(x) => {
                for e in &x.elts {
                    self.del_target(e)?;
                }
            }
            E::List(x) => {
                for e in &x.elts {
                    self.del_target(e)?;
                }
            }
            E::Starred(s) => return Err(self.src.err("cannot delete starred", s.range)),
            other => {
                return Err(self
                    .src
                    .err(format!("cannot delete {}", expr_kind(other)), other.range()))
            }
        }
        self.depth -= 1;
        Ok(())
    }
}

/// Parameter names in slot order: positional-only and ordinary, `*args`, keyword-only,
/// `**kwargs`.
fn param_names(p: &py::Parameters) -> Vec<&str> {
    let mut v: Vec<&str> = p
        .posonlyargs
        .iter()
        .chain(&p.args)
        .map(|a| a.parameter.name.as_str())
        .collect();
    v.extend(p.vararg.as_deref().map(|a| a.name.as_str()));
    v.extend(p.kwonlyargs.iter().map(|a| a.parameter.name.as_str()));
    v.extend(p.kwarg.as_deref().map(|a| a.name.as_str()));
    v
}

// ---------------------------------------------------------------- analysis

#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    Local,
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

/// Decides where each name of scope `s` (and its children) lives and lays out its fast
/// slots and cells. `bound`: the names bound in enclosing function scopes. Returns the
/// free variables of `s`.
fn analyze(
    src: &Src<'_>,
    scopes: &mut [Scope],
    s: usize,
    bound: &HashSet<Rc<str>>,
) -> R<IndexSet<Rc<str>>> {
    let kind = scopes[s].kind;
    let mut wheres: IndexMap<Rc<str>, Where> = IndexMap::new();
    for (name, &flags) in &scopes[s].symbols {
        let directive = || scopes[s].directives.get(name).copied().unwrap_or(0);
        let w = if flags & DEF_GLOBAL != 0 {
            if flags & DEF_NONLOCAL != 0 {
                return Err(src.err(format!("name '{name}' is nonlocal and global"), directive()));
            }
            Where::GlobalExplicit
        } else if flags & DEF_NONLOCAL != 0 {
            if !bound.contains(name) {
                return Err(src.err(
                    format!("no binding for nonlocal '{name}' found"),
                    directive(),
                ));
            }
            Where::Free
        } else if flags & (DEF_LOCAL | DEF_PARAM) != 0 {
            Where::Local
        } else if bound.contains(name) {
            Where::Free
        } else {
            Where::GlobalImplicit
        };
        wheres.insert(Rc::clone(name), w);
    }
    let newbound: HashSet<Rc<str>> = if kind == ScopeKind::Module {
        HashSet::new()
    } else if kind == ScopeKind::Class {
        // A class's own names are invisible to its methods; `__class__` is provided.
        let mut nb = bound.clone();
        for (name, w) in &wheres {
            if *w == Where::GlobalExplicit {
                nb.remove(name);
            }
        }
        nb.insert("__class__".into());
        nb
    } else {
        let mut nb = bound.clone();
        for (name, w) in &wheres {
            match w {
                Where::Local => {
                    nb.insert(Rc::clone(name));
                }
                Where::GlobalExplicit => {
                    nb.remove(name);
                }
                _ => {}
            }
        }
        nb
    };
    let mut child_free: IndexSet<Rc<str>> = IndexSet::new();
    for c in scopes[s].children.clone() {
        child_free.extend(analyze(src, scopes, c, &newbound)?);
    }
    if kind == ScopeKind::Module {
        return Ok(IndexSet::new());
    }
    let mut cellvars: IndexSet<Rc<str>> = IndexSet::new();
    let mut freevars: IndexSet<Rc<str>> = IndexSet::new();
    if kind == ScopeKind::Class {
        for (name, w) in &wheres {
            if *w == Where::Free {
                freevars.insert(Rc::clone(name));
            }
        }
        for name in &child_free {
            if &**name == "__class__" {
                cellvars.insert(Rc::clone(name));
            } else {
                // Free in a method: passed through, even if the class binds the name too.
                freevars.insert(Rc::clone(name));
            }
        }
        let sc = &mut scopes[s];
        let mut fast: IndexMap<Rc<str>, u32> = IndexMap::new();
        fast.insert(".ns".into(), 0);
        let mut cells: IndexMap<Rc<str>, u32> = IndexMap::new();
        for name in cellvars.iter().chain(&freevars) {
            let n = slot(cells.len());
            cells.insert(Rc::clone(name), n);
        }
        sc.fast = fast;
        sc.cells = cells;
        sc.n_cellvars = slot(cellvars.len());
        return Ok(freevars);
    }
    for (name, w) in &wheres {
        match w {
            Where::Local if child_free.contains(name) => {
                cellvars.insert(Rc::clone(name));
            }
            Where::Free => {
                freevars.insert(Rc::clone(name));
            }
            _ => {}
        }
    }
    for name in &child_free {
        // Free in a child, not mentioned here: passed through.
        if !wheres.contains_key(name) {
            freevars.insert(Rc::clone(name));
        }
    }
    let sc = &mut scopes[s];
    let mut fast: IndexMap<Rc<str>, u32> = IndexMap::new();
    for p in &sc.params {
        let n = slot(fast.len());
        fast.entry(Rc::clone(p)).or_insert(n);
    }
    if kind == ScopeKind::Comprehension {
        let n = slot(fast.len());
        fast.insert(".result".into(), n);
    }
    for (name, w) in &wheres {
        if *w == Where::Local && !cellvars.contains(name) && !fast.contains_key(name) {
            let n = slot(fast.len());
            fast.insert(Rc::clone(name), n);
        }
    }
    let mut cells: IndexMap<Rc<str>, u32> = IndexMap::new();
    for name in cellvars.iter().chain(&freevars) {
        let n = slot(cells.len());
        cells.insert(Rc::clone(name), n);
    }
    sc.fast = fast;
    sc.cells = cells;
    sc.n_cellvars = slot(cellvars.len());
    Ok(freevars)
}

fn slot(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

// ---------------------------------------------------------------- lowering

struct Lowerer<'s, 'a> {
    src: &'s Src<'a>,
    scopes: Vec<Scope>,
    keys: HashMap<Key, usize>,
    names: Names,
    cur: usize,
    future_annotations: bool,
}

/// What a function's body is made of.
enum Body<'p> {
    Stmts(&'p [py::Stmt]),
    Lambda(&'p py::Expr),
}

impl Lowerer<'_, '_> {
    fn span(&self, r: TextRange) -> Span {
        self.src.lines.span(r)
    }

    fn internal(&self, r: TextRange) -> Error {
        self.src.err("invalid syntax", r)
    }

    fn module(&mut self, body: &[py::Stmt]) -> R<Rc<Code>> {
        let body = self.stmts(body)?;
        let whole = TextRange::up_to(
            rustpython_ruff_text_size::TextSize::try_from(self.src.lines.src.len())
                .unwrap_or_default(),
        );
        Ok(Rc::new(Code {
            name: "<module>".into(),
            qualname: "<module>".into(),
            filename: Rc::clone(&self.src.filename),
            span: self.span(whole),
            params: Params::default(),
            body,
            fast_names: Vec::new(),
            cell_names: Vec::new(),
            n_cellvars: 0,
            param_cells: Vec::new(),
            is_module: true,
            is_class_body: false,
            is_generator: false,
        }))
    }

    /// Where `id` lives, seen from the current scope.
    fn name(&mut self, id: &str) -> Name {
        let sc = &self.scopes[self.cur];
        if sc.kind == ScopeKind::Module {
            return Name::Module(self.names.get(id).into());
        }
        if sc.kind == ScopeKind::Class {
            let flags = sc.symbols.get(id).copied().unwrap_or(0);
            if flags & DEF_GLOBAL != 0 {
                return Name::Global(self.names.get(id).into());
            }
            if flags & (DEF_LOCAL | DEF_PARAM) == 0 {
                if let Some(&i) = sc.cells.get(id) {
                    if i >= sc.n_cellvars {
                        return Name::Cell(i);
                    }
                }
            }
            return Name::ClassNs(self.names.get(id).into());
        }
        if let Some(&i) = sc.cells.get(id) {
            return Name::Cell(i);
        }
        if let Some(&i) = sc.fast.get(id) {
            return Name::Fast(i);
        }
        Name::Global(self.names.get(id).into())
    }

    fn scope_of(&self, k: Key, r: TextRange) -> R<usize> {
        self.keys.get(&k).copied().ok_or_else(|| self.internal(r))
    }

    // ------------------------------------------------------------ statements

    fn stmts(&mut self, body: &[py::Stmt]) -> R<Vec<Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    fn stmt(&mut self, s: &py::Stmt) -> R<Stmt> {
        let kind = self.stmt_kind(s)?;
        Ok(Stmt {
            span: self.span(s.range()),
            kind,
        })
    }

    // Each construct has its own function: the walk recurses, and debug builds give a
    // function with a big `match` a big frame.
    fn stmt_kind(&mut self, s: &py::Stmt) -> R<StmtKind> {
        use py::Stmt as S;
        match s {
            S::FunctionDef(f) => self.function_def(f),
            S::Return(r) => Ok(StmtKind::Return(self.opt_expr(r.value.as_deref())?)),
            S::Delete(d) => Ok(StmtKind::Delete(self.targets(&d.targets)?)),
            S::Assign(a) => self.assign(a),
            S::AugAssign(a) => self.aug_assign(a),
            S::AnnAssign(a) => self.ann_assign(a),
            S::For(f) => self.for_stmt(f),
            S::While(w) => self.while_stmt(w),
            S::If(i) => self.if_stmt(i),
            S::Match(m) => self.match_stmt(m),
            S::Raise(r) => self.raise(r),
            S::Try(t) => self.try_stmt(t),
            S::Assert(a) => self.assert(a),
            S::Import(i) => self.import(i),
            S::ImportFrom(i) => self.import_from(i),
            S::Global(_) | S::Nonlocal(_) => Ok(StmtKind::Nothing),
            S::Expr(e) => Ok(StmtKind::Expr(self.expr(&e.value)?)),
            S::Pass(_) => Ok(StmtKind::Pass),
            S::Break(_) => Ok(StmtKind::Break),
            S::Continue(_) => Ok(StmtKind::Continue),
            S::ClassDef(c) => self.class_def(c),
            S::With(w) => self.with_stmt(&w.items, &w.body),
            // Rejected by the collector.
            S::TypeAlias(_) | S::IpyEscapeCommand(_) => Err(self.internal(s.range())),
        }
    }

    fn class_def(&mut self, c: &py::StmtClassDef) -> R<StmtKind> {
        let decorators = c
            .decorator_list
            .iter()
            .map(|d| self.expr(&d.expression))
            .collect::<R<Vec<_>>>()?;
        let mut bases = Vec::new();
        if let Some(args) = &c.arguments {
            for a in &args.args {
                bases.push(match a {
                    py::Expr::Starred(s) => Arg::Star(self.expr(&s.value)?),
                    _ => Arg::Pos(self.expr(a)?),
                });
            }
            for k in &args.keywords {
                let v = self.expr(&k.value)?;
                bases.push(match &k.arg {
                    Some(name) => Arg::Kw(self.names.get(name.as_str()), v),
                    None => Arg::StarStar(v),
                });
            }
        }
        let scope = self.scope_of(key(c.range, NodeKind::Class), c.range)?;
        let outer = self.cur;
        self.cur = scope;
        let body = self.stmts(&c.body);
        let code = body.map(|b| self.code(Params::default(), b, c.range));
        self.cur = outer;
        let code = code?;
        let def = Rc::new(FuncDef {
            closure: self.closure(&code, outer),
            code,
            decorators,
        });
        let binding = self.name(c.name.as_str());
        Ok(StmtKind::ClassDef(Rc::new(ClassDef {
            name: self.names.get(c.name.as_str()),
            binding,
            bases,
            def,
        })))
    }

    /// `with a as x, b as y: body` nests: `with a as x: with b as y: body`.
    fn with_stmt(&mut self, items: &[py::WithItem], body: &[py::Stmt]) -> R<StmtKind> {
        let Some((first, rest)) = items.split_first() else {
            return Err(self.internal(TextRange::default()));
        };
        let ctx = self.expr(&first.context_expr)?;
        let target = match &first.optional_vars {
            Some(v) => Some(self.target(v)?),
            None => None,
        };
        let inner = if rest.is_empty() {
            self.stmts(body)?
        } else {
            let r = first.range;
            vec![Stmt {
                span: self.span(r),
                kind: self.with_stmt(rest, body)?,
            }]
        };
        Ok(StmtKind::With(Box::new(ctx), target, inner))
    }

    fn function_def(&mut self, f: &py::StmtFunctionDef) -> R<StmtKind> {
        let decorators = f
            .decorator_list
            .iter()
            .map(|d| self.expr(&d.expression))
            .collect::<R<Vec<_>>>()?;
        let scope = self.scope_of(key(f.range, NodeKind::Def), f.range)?;
        let def = self.function(
            scope,
            Some(&f.parameters),
            f.returns.as_deref(),
            Body::Stmts(&f.body),
            f.range,
            decorators,
        )?;
        Ok(StmtKind::FunctionDef(self.name(f.name.as_str()), def))
    }

    fn targets(&mut self, targets: &[py::Expr]) -> R<Vec<Target>> {
        targets.iter().map(|t| self.target(t)).collect()
    }

    fn assign(&mut self, a: &py::StmtAssign) -> R<StmtKind> {
        let targets = self.targets(&a.targets)?;
        Ok(StmtKind::Assign(targets, self.expr(&a.value)?))
    }

    fn aug_assign(&mut self, a: &py::StmtAugAssign) -> R<StmtKind> {
        let target = self.target(&a.target)?;
        Ok(StmtKind::AugAssign(
            target,
            bin_op(a.op),
            self.expr(&a.value)?,
        ))
    }

    fn ann_assign(&mut self, a: &py::StmtAnnAssign) -> R<StmtKind> {
        let target = self.target(&a.target)?;
        let value = self.opt_expr(a.value.as_deref())?;
        let kind = self.scopes[self.cur].kind;
        let record = match &*a.target {
            py::Expr::Name(n)
                if a.simple && matches!(kind, ScopeKind::Module | ScopeKind::Class) =>
            {
                let ann = self.annotation(&a.annotation)?;
                Some((self.names.get(n.id.as_str()), ann))
            }
            _ => None,
        };
        Ok(StmtKind::AnnAssign(target, value, record))
    }

    fn for_stmt(&mut self, f: &py::StmtFor) -> R<StmtKind> {
        let target = self.target(&f.target)?;
        let iter = self.expr(&f.iter)?;
        let body = self.stmts(&f.body)?;
        Ok(StmtKind::For(target, iter, body, self.stmts(&f.orelse)?))
    }

    fn while_stmt(&mut self, w: &py::StmtWhile) -> R<StmtKind> {
        let test = self.expr(&w.test)?;
        let body = self.stmts(&w.body)?;
        Ok(StmtKind::While(test, body, self.stmts(&w.orelse)?))
    }

    /// `elif` chains become `If`s nested in the `else` branches.
    fn if_stmt(&mut self, i: &py::StmtIf) -> R<StmtKind> {
        let test = self.expr(&i.test)?;
        let body = self.stmts(&i.body)?;
        let mut clauses = Vec::new();
        let mut orelse = Vec::new();
        for c in &i.elif_else_clauses {
            match &c.test {
                Some(t) => {
                    let span = self.span(c.range);
                    let t = self.expr(t)?;
                    clauses.push((span, t, self.stmts(&c.body)?));
                }
                None => orelse = self.stmts(&c.body)?,
            }
        }
        for (span, t, b) in clauses.into_iter().rev() {
            orelse = vec![Stmt {
                span,
                kind: StmtKind::If(t, b, orelse),
            }];
        }
        Ok(StmtKind::If(test, body, orelse))
    }

    fn match_stmt(&mut self, m: &py::StmtMatch) -> R<StmtKind> {
        let subject = self.expr(&m.subject)?;
        let mut cases = Vec::with_capacity(m.cases.len());
        for (i, c) in m.cases.iter().enumerate() {
            // CPython refuses a case that catches everything before other cases.
            if i + 1 < m.cases.len() && c.guard.is_none() {
                if let py::Pattern::MatchAs(a) = &c.pattern {
                    if a.pattern.is_none() {
                        let msg = match &a.name {
                            Some(n) => {
                                format!(
                                    "name capture '{}' makes remaining patterns unreachable",
                                    n.as_str()
                                )
                            }
                            None => "wildcard makes remaining patterns unreachable".to_string(),
                        };
                        return Err(self.src.err(msg, c.pattern.range()));
                    }
                }
            }
            let pattern = self.case_pattern(&c.pattern)?;
            let guard = self.opt_expr(c.guard.as_deref())?;
            let body = self.stmts(&c.body)?;
            cases.push(MatchCase {
                pattern,
                guard,
                body,
            });
        }
        Ok(StmtKind::Match(Box::new(Match { subject, cases })))
    }

    fn case_pattern(&mut self, p: &py::Pattern) -> R<Pattern> {
        Ok(match p {
            py::Pattern::MatchValue(v) => Pattern::Value(self.expr(&v.value)?),
            py::Pattern::MatchSingleton(s) => Pattern::Singleton(match s.value {
                py::Singleton::None => Const::None,
                py::Singleton::True => Const::True,
                py::Singleton::False => Const::False,
            }),
            py::Pattern::MatchSequence(s) => {
                let mut items = Vec::with_capacity(s.patterns.len());
                let mut star = None;
                for (i, x) in s.patterns.iter().enumerate() {
                    match x {
                        py::Pattern::MatchStar(st) => {
                            if star.is_some() {
                                return Err(self
                                    .src
                                    .err("multiple starred names in sequence pattern", st.range));
                            }
                            star = Some((i, st.name.as_ref().map(|n| self.name(n.as_str()))));
                        }
                        _ => items.push(self.case_pattern(x)?),
                    }
                }
                Pattern::Sequence(items, star)
            }
            py::Pattern::MatchMapping(m) => {
                let keys = m.keys.iter().map(|k| self.expr(k)).collect::<R<Vec<_>>>()?;
                let values = m
                    .patterns
                    .iter()
                    .map(|x| self.case_pattern(x))
                    .collect::<R<Vec<_>>>()?;
                let rest = m.rest.as_ref().map(|n| self.name(n.as_str()));
                Pattern::Mapping(keys, values, rest)
            }
            py::Pattern::MatchClass(c) => {
                let cls = self.expr(&c.cls)?;
                let args = c
                    .arguments
                    .patterns
                    .iter()
                    .map(|x| self.case_pattern(x))
                    .collect::<R<Vec<_>>>()?;
                let mut kwargs = Vec::with_capacity(c.arguments.keywords.len());
                for k in &c.arguments.keywords {
                    kwargs.push((
                        self.names.get(k.attr.as_str()),
                        self.case_pattern(&k.pattern)?,
                    ));
                }
                Pattern::Class(cls, args, kwargs)
            }
            py::Pattern::MatchStar(s) => {
                return Err(self.src.err("can't use starred name here", s.range))
            }
            py::Pattern::MatchAs(a) => {
                let name = a
                    .name
                    .as_ref()
                    .filter(|n| n.as_str() != "_")
                    .map(|n| self.name(n.as_str()));
                match (&a.pattern, name) {
                    (None, name) => Pattern::Capture(name),
                    (Some(x), Some(name)) => Pattern::As(Box::new(self.case_pattern(x)?), name),
                    (Some(x), None) => self.case_pattern(x)?,
                }
            }
            py::Pattern::MatchOr(o) => Pattern::Or(
                o.patterns
                    .iter()
                    .map(|x| self.case_pattern(x))
                    .collect::<R<Vec<_>>>()?,
            ),
        })
    }

    fn raise(&mut self, r: &py::StmtRaise) -> R<StmtKind> {
        let exc = self.opt_expr(r.exc.as_deref())?;
        Ok(StmtKind::Raise(exc, self.opt_expr(r.cause.as_deref())?))
    }

    fn try_stmt(&mut self, t: &py::StmtTry) -> R<StmtKind> {
        let body = self.stmts(&t.body)?;
        let mut handlers = Vec::new();
        for h in &t.handlers {
            let py::ExceptHandler::ExceptHandler(h) = h;
            handlers.push(Handler {
                span: self.span(h.range),
                class: self.opt_expr(h.type_.as_deref())?,
                name: h.name.as_ref().map(|n| self.name(n.as_str())),
                body: self.stmts(&h.body)?,
            });
        }
        Ok(StmtKind::Try(Box::new(Try {
            body,
            handlers,
            orelse: self.stmts(&t.orelse)?,
            finally: self.stmts(&t.finalbody)?,
        })))
    }

    fn assert(&mut self, a: &py::StmtAssert) -> R<StmtKind> {
        let test = self.expr(&a.test)?;
        Ok(StmtKind::Assert(test, self.opt_expr(a.msg.as_deref())?))
    }

    fn import(&mut self, i: &py::StmtImport) -> R<StmtKind> {
        let mut v = Vec::new();
        for a in &i.names {
            let module = self.names.get(a.name.as_str());
            v.push(match &a.asname {
                Some(n) => {
                    let b = self.name(n.as_str());
                    ImportName {
                        module,
                        alias: Some(b.clone()),
                        top: b,
                    }
                }
                None => {
                    let top = a.name.as_str().split('.').next().unwrap_or("");
                    ImportName {
                        module,
                        alias: None,
                        top: self.name(top),
                    }
                }
            });
        }
        Ok(StmtKind::Import(v))
    }

    fn import_from(&mut self, i: &py::StmtImportFrom) -> R<StmtKind> {
        let module = i.module.as_ref().map(|m| self.names.get(m.as_str()));
        let mut v = Vec::new();
        for a in &i.names {
            let bound = a.asname.as_ref().unwrap_or(&a.name);
            v.push((self.names.get(a.name.as_str()), self.name(bound.as_str())));
        }
        Ok(StmtKind::ImportFrom(i.level, module, v))
    }

    /// Builds a function (`def`, lambda): defaults are evaluated here, in the enclosing
    /// scope; the body in the function's scope.
    /// An annotation: evaluated at run time, or its source text under `from __future__
    /// import annotations` (a string annotation as its repr, as CPython unparses it).
    fn annotation(&mut self, ann: &py::Expr) -> R<Expr> {
        if !self.future_annotations {
            return self.expr(ann);
        }
        let r = ann.range();
        let text = match ann {
            py::Expr::StringLiteral(s) => crate::objects::str::repr(s.value.to_str()),
            _ => self.src.lines.src[r.start().to_usize()..r.end().to_usize()].to_string(),
        };
        Ok(Expr {
            span: self.span(r),
            kind: ExprKind::Const(Const::Str(text.into())),
        })
    }

    fn function(
        &mut self,
        scope: usize,
        params: Option<&py::Parameters>,
        returns: Option<&py::Expr>,
        body: Body<'_>,
        r: TextRange,
        decorators: Vec<Expr>,
    ) -> R<Rc<FuncDef>> {
        let mut p = Params::default();
        if let Some(ps) = params {
            // CPython's order: positional, *args, keyword-only, **kwargs.
            let all = ps
                .posonlyargs
                .iter()
                .chain(&ps.args)
                .map(|a| &a.parameter)
                .chain(ps.vararg.as_deref())
                .chain(ps.kwonlyargs.iter().map(|a| &a.parameter))
                .chain(ps.kwarg.as_deref());
            for a in all {
                if let Some(ann) = &a.annotation {
                    let e = self.annotation(ann)?;
                    p.annotations.push((self.names.get(a.name.as_str()), e));
                }
            }
        }
        if let Some(r) = returns {
            let e = self.annotation(r)?;
            p.annotations.push(("return".into(), e));
        }
        if let Some(ps) = params {
            for a in ps.posonlyargs.iter().chain(&ps.args) {
                if let Some(d) = &a.default {
                    p.defaults.push(self.expr(d)?);
                }
            }
            for (i, a) in ps.kwonlyargs.iter().enumerate() {
                if let Some(d) = &a.default {
                    p.kw_defaults.push((slot(i), self.expr(d)?));
                }
            }
        }
        let outer = self.cur;
        self.cur = scope;
        let result = self.function_body(params, body, r, p);
        self.cur = outer;
        let code = result?;
        Ok(Rc::new(FuncDef {
            closure: self.closure(&code, outer),
            code,
            decorators,
        }))
    }

    fn function_body(
        &mut self,
        params: Option<&py::Parameters>,
        body: Body<'_>,
        r: TextRange,
        mut p: Params,
    ) -> R<Rc<Code>> {
        let slot_of = |s: &Self, n: &str| s.scopes[s.cur].fast.get(n).copied().unwrap_or(0);
        if let Some(ps) = params {
            for a in ps.posonlyargs.iter().chain(&ps.args) {
                let n = a.parameter.name.as_str();
                p.positional.push((self.names.get(n), slot_of(self, n)));
            }
            p.posonly = slot(ps.posonlyargs.len());
            if let Some(a) = &ps.vararg {
                let n = a.name.as_str();
                p.varargs = Some((self.names.get(n), slot_of(self, n)));
            }
            for a in &ps.kwonlyargs {
                let n = a.parameter.name.as_str();
                p.kwonly.push((self.names.get(n), slot_of(self, n)));
            }
            if let Some(a) = &ps.kwarg {
                let n = a.name.as_str();
                p.varkw = Some((self.names.get(n), slot_of(self, n)));
            }
        }
        let body = match body {
            Body::Stmts(b) => self.stmts(b)?,
            Body::Lambda(e) => vec![Stmt {
                span: self.span(e.range()),
                kind: StmtKind::Return(Some(self.expr(e)?)),
            }],
        };
        Ok(self.code(p, body, r))
    }

    /// The code of the current (function or comprehension) scope.
    fn code(&self, params: Params, body: Vec<Stmt>, r: TextRange) -> Rc<Code> {
        let sc = &self.scopes[self.cur];
        let param_cells = sc
            .params
            .iter()
            .filter_map(|n| Some((*sc.fast.get(n)?, *sc.cells.get(n)?)))
            .collect();
        Rc::new(Code {
            name: Rc::clone(&sc.name),
            qualname: Rc::clone(&sc.qualname),
            filename: Rc::clone(&self.src.filename),
            span: self.span(r),
            params,
            body,
            fast_names: sc.fast.keys().cloned().collect(),
            cell_names: sc.cells.keys().cloned().collect(),
            n_cellvars: sc.n_cellvars,
            param_cells,
            is_module: false,
            is_class_body: sc.kind == ScopeKind::Class,
            is_generator: sc.is_generator,
        })
    }

    /// For each freevar of `code`: its cell index in scope `outer`.
    fn closure(&self, code: &Code, outer: usize) -> Vec<u32> {
        let cells = &self.scopes[outer].cells;
        code.cell_names[code.n_cellvars as usize..]
            .iter()
            .map(|n| cells.get(n).copied().unwrap_or(0))
            .collect()
    }

    // ------------------------------------------------------------ expressions

    fn opt_expr(&mut self, e: Option<&py::Expr>) -> R<Option<Expr>> {
        e.map(|e| self.expr(e)).transpose()
    }

    fn boxed(&mut self, e: &py::Expr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    fn expr(&mut self, e: &py::Expr) -> R<Expr> {
        let kind = self.expr_kind(e)?;
        Ok(Expr {
            span: self.span(e.range()),
            kind,
        })
    }

    fn expr_kind(&mut self, e: &py::Expr) -> R<ExprKind> {
        use py::Expr as E;
        match e {
            E::BoolOp(b) => self.bool_op(b),
            E::Named(n) => self.named(n),
            E::BinOp(b) => self.bin_op(b),
            E::UnaryOp(u) => self.unary_op(u),
            E::Lambda(l) => self.lambda(l),
            E::If(i) => self.if_exp(i),
            E::Dict(d) => self.dict(d),
            E::ListComp(c) => self.comprehension(c.range, Comp::List, &c.generators, &c.elt, None),
            E::DictComp(c) => {
                self.comprehension(c.range, Comp::Dict, &c.generators, &c.key, Some(&*c.value))
            }
            E::Generator(g) => self.comprehension(g.range, Comp::Gen, &g.generators, &g.elt, None),
            E::Compare(c) => self.compare(c),
            E::Call(c) => self.call(c),
            E::FString(f) => self.fstring(f),
            E::StringLiteral(s) => Ok(ExprKind::Const(Const::Str(s.value.to_str().into()))),
            E::BytesLiteral(b) => Ok(bytes_const(b)),
            E::NumberLiteral(n) => self.number(n),
            E::BooleanLiteral(b) => Ok(ExprKind::Const(if b.value {
                Const::True
            } else {
                Const::False
            })),
            E::NoneLiteral(_) => Ok(ExprKind::Const(Const::None)),
            E::EllipsisLiteral(_) => Ok(ExprKind::Const(Const::Ellipsis)),
            E::Attribute(a) => self.attribute(a),
            E::Subscript(s) => self.subscript(s),
            E::Starred(s) => Ok(ExprKind::Starred(self.boxed(&s.value)?)),
            E::Name(n) => Ok(ExprKind::Name(self.name(n.id.as_str()))),
            E::List(l) => Ok(ExprKind::List(self.items(&l.elts)?)),
            E::Tuple(t) => Ok(ExprKind::Tuple(self.items(&t.elts)?)),
            E::Set(s) => Ok(ExprKind::Set(self.items(&s.elts)?)),
            E::SetComp(c) => self.comprehension(c.range, Comp::Set, &c.generators, &c.elt, None),
            E::Slice(s) => self.slice(s),
            E::Yield(y) => Ok(ExprKind::Yield(
                y.value.as_deref().map(|v| self.boxed(v)).transpose()?,
            )),
            E::YieldFrom(y) => Ok(ExprKind::YieldFrom(self.boxed(&y.value)?)),
            // Rejected by the collector.
            E::Await(_) | E::TString(_) | E::IpyEscapeCommand(_) => Err(self.internal(e.range())),
        }
    }

    fn bool_op(&mut self, b: &py::ExprBoolOp) -> R<ExprKind> {
        let values = self.items(&b.values)?;
        Ok(ExprKind::BoolOp(b.op == py::BoolOp::And, values))
    }

    fn named(&mut self, n: &py::ExprNamed) -> R<ExprKind> {
        let py::Expr::Name(t) = &*n.target else {
            return Err(self.internal(n.range));
        };
        let target = self.name(t.id.as_str());
        Ok(ExprKind::Named(target, self.boxed(&n.value)?))
    }

    fn bin_op(&mut self, b: &py::ExprBinOp) -> R<ExprKind> {
        let left = self.boxed(&b.left)?;
        Ok(ExprKind::BinOp(bin_op(b.op), left, self.boxed(&b.right)?))
    }

    fn unary_op(&mut self, u: &py::ExprUnaryOp) -> R<ExprKind> {
        let op = match u.op {
            py::UnaryOp::Invert => UnaryOp::Invert,
            py::UnaryOp::Not => UnaryOp::Not,
            py::UnaryOp::UAdd => UnaryOp::Pos,
            py::UnaryOp::USub => UnaryOp::Neg,
        };
        Ok(ExprKind::Unary(op, self.boxed(&u.operand)?))
    }

    fn lambda(&mut self, l: &py::ExprLambda) -> R<ExprKind> {
        let scope = self.scope_of(key(l.range, NodeKind::Lambda), l.range)?;
        let def = self.function(
            scope,
            l.parameters.as_deref(),
            None,
            Body::Lambda(&l.body),
            l.range,
            Vec::new(),
        )?;
        Ok(ExprKind::Lambda(def))
    }

    fn if_exp(&mut self, i: &py::ExprIf) -> R<ExprKind> {
        let test = self.boxed(&i.test)?;
        let body = self.boxed(&i.body)?;
        Ok(ExprKind::IfExp(test, body, self.boxed(&i.orelse)?))
    }

    fn dict(&mut self, d: &py::ExprDict) -> R<ExprKind> {
        let mut items = Vec::with_capacity(d.items.len());
        for item in &d.items {
            let k = self.opt_expr(item.key.as_ref())?;
            items.push((k, self.expr(&item.value)?));
        }
        Ok(ExprKind::Dict(items))
    }

    fn compare(&mut self, c: &py::ExprCompare) -> R<ExprKind> {
        let left = self.boxed(&c.left)?;
        let mut rest = Vec::with_capacity(c.ops.len());
        for (op, v) in c.ops.iter().zip(c.comparators.iter()) {
            rest.push((cmp_op(*op), self.expr(v)?));
        }
        Ok(ExprKind::Compare(left, rest))
    }

    /// Positional and `*` arguments first, then keywords and `**`: CPython's order of
    /// evaluation.
    fn call(&mut self, c: &py::ExprCall) -> R<ExprKind> {
        if let Some(k) = self.zero_arg_super(c) {
            return Ok(k);
        }
        let func = self.boxed(&c.func)?;
        let mut args = Vec::with_capacity(c.arguments.args.len() + c.arguments.keywords.len());
        for a in &c.arguments.args {
            args.push(match a {
                py::Expr::Starred(s) => Arg::Star(self.expr(&s.value)?),
                _ => Arg::Pos(self.expr(a)?),
            });
        }
        for k in &c.arguments.keywords {
            let v = self.expr(&k.value)?;
            args.push(match &k.arg {
                Some(name) => Arg::Kw(self.names.get(name.as_str()), v),
                None => Arg::StarStar(v),
            });
        }
        Ok(ExprKind::Call(func, args))
    }

    /// `super()` in a method becomes `super(__class__, first_parameter)`, which is what
    /// CPython's zero-argument form looks up at run time.
    fn zero_arg_super(&mut self, c: &py::ExprCall) -> Option<ExprKind> {
        let py::Expr::Name(n) = &*c.func else {
            return None;
        };
        if n.id.as_str() != "super"
            || !c.arguments.args.is_empty()
            || !c.arguments.keywords.is_empty()
        {
            return None;
        }
        let sc = &self.scopes[self.cur];
        if sc.kind != ScopeKind::Function {
            return None;
        }
        let class_cell = *sc.cells.get("__class__")?;
        let first = Rc::clone(sc.params.first()?);
        let span = self.span(c.range);
        let func = Expr {
            span: self.span(n.range),
            kind: ExprKind::Name(self.name("super")),
        };
        let args = vec![
            Arg::Pos(Expr {
                span,
                kind: ExprKind::Name(Name::Cell(class_cell)),
            }),
            Arg::Pos(Expr {
                span,
                kind: ExprKind::Name(self.name(&first)),
            }),
        ];
        Some(ExprKind::Call(Box::new(func), args))
    }

    fn fstring(&mut self, f: &py::ExprFString) -> R<ExprKind> {
        let mut parts = Vec::new();
        for part in f.value.iter() {
            match part {
                py::FStringPart::Literal(s) => push_lit(&mut parts, &s.value),
                py::FStringPart::FString(fs) => self.fparts(&fs.elements, &mut parts)?,
            }
        }
        Ok(ExprKind::FString(parts))
    }

    fn number(&mut self, n: &py::ExprNumberLiteral) -> R<ExprKind> {
        match &n.value {
            py::Number::Int(i) => match int_value(i) {
                Some(v) => Ok(ExprKind::Const(Const::Int(v))),
                None => Err(self.src.err("invalid decimal literal", n.range)),
            },
            py::Number::Float(f) => Ok(ExprKind::Const(Const::Float(*f))),
            py::Number::Complex { .. } => Err(self.internal(n.range)),
        }
    }

    fn attribute(&mut self, a: &py::ExprAttribute) -> R<ExprKind> {
        let value = self.boxed(&a.value)?;
        Ok(ExprKind::Attr(value, self.names.get(a.attr.as_str())))
    }

    fn subscript(&mut self, s: &py::ExprSubscript) -> R<ExprKind> {
        let value = self.boxed(&s.value)?;
        Ok(ExprKind::Subscript(value, Box::new(self.index(&s.slice)?)))
    }

    fn slice(&mut self, s: &py::ExprSlice) -> R<ExprKind> {
        let lower = s.lower.as_deref().map(|e| self.boxed(e)).transpose()?;
        let upper = s.upper.as_deref().map(|e| self.boxed(e)).transpose()?;
        let step = s.step.as_deref().map(|e| self.boxed(e)).transpose()?;
        Ok(ExprKind::Slice(lower, upper, step))
    }

    fn items(&mut self, elts: &[py::Expr]) -> R<Vec<Expr>> {
        elts.iter().map(|e| self.expr(e)).collect()
    }

    /// A subscript's index; `x[*a]` is the tuple `(*a,)`.
    fn index(&mut self, e: &py::Expr) -> R<Expr> {
        if let py::Expr::Starred(_) = e {
            let item = self.expr(e)?;
            return Ok(Expr {
                span: item.span,
                kind: ExprKind::Tuple(vec![item]),
            });
        }
        self.expr(e)
    }

    fn fparts(&mut self, elements: &py::InterpolatedStringElements, out: &mut Vec<FPart>) -> R {
        for el in elements.iter() {
            match el {
                py::InterpolatedStringElement::Literal(l) => push_lit(out, &l.value),
                py::InterpolatedStringElement::Interpolation(i) => {
                    let mut conversion = i.conversion.to_char();
                    if let Some(d) = &i.debug_text {
                        // `f"{x=}"`: the text, then the value (repr unless a conversion or
                        // a format spec is given).
                        let r = i.expression.range();
                        let text = &self.src.lines.src[r.start().to_usize()..r.end().to_usize()];
                        push_lit(out, &format!("{}{text}{}", d.leading, d.trailing));
                        if conversion.is_none() && i.format_spec.is_none() {
                            conversion = Some('r');
                        }
                    }
                    let value = self.expr(&i.expression)?;
                    let mut spec = Vec::new();
                    if let Some(s) = &i.format_spec {
                        self.fparts(&s.elements, &mut spec)?;
                    }
                    out.push(FPart::Value(value, conversion, spec));
                }
            }
        }
        Ok(())
    }

    fn comprehension(
        &mut self,
        r: TextRange,
        kind: Comp,
        generators: &[py::Comprehension],
        elt: &py::Expr,
        value: Option<&py::Expr>,
    ) -> R<ExprKind> {
        let Some(first) = generators.first() else {
            return Err(self.internal(r));
        };
        // The first iterable is evaluated in the enclosing scope.
        let first_iter = self.expr(&first.iter)?;
        let scope = self.scope_of(key(r, NodeKind::Comp), r)?;
        let outer = self.cur;
        self.cur = scope;
        let result = self.comprehension_code(r, kind, generators, elt, value);
        self.cur = outer;
        let code = result?;
        let def = Rc::new(FuncDef {
            closure: self.closure(&code, outer),
            code,
            decorators: Vec::new(),
        });
        let first_iter = Box::new(first_iter);
        Ok(match kind {
            Comp::List => ExprKind::ListComp(def, first_iter),
            Comp::Dict => ExprKind::DictComp(def, first_iter),
            Comp::Set => ExprKind::SetComp(def, first_iter),
            Comp::Gen => ExprKind::GenExp(def, first_iter),
        })
    }

    fn comprehension_code(
        &mut self,
        r: TextRange,
        kind: Comp,
        generators: &[py::Comprehension],
        elt: &py::Expr,
        value: Option<&py::Expr>,
    ) -> R<Rc<Code>> {
        let span = self.span(r);
        // The loops, outermost first: (span, target, iterable, conditions).
        let mut loops = Vec::with_capacity(generators.len());
        for (i, g) in generators.iter().enumerate() {
            let target = self.target(&g.target)?;
            let iter = if i == 0 {
                Expr {
                    span: self.span(g.iter.range()),
                    kind: ExprKind::Name(Name::Fast(0)),
                }
            } else {
                self.expr(&g.iter)?
            };
            let conds = g.ifs.iter().map(|c| self.expr(c)).collect::<R<Vec<_>>>()?;
            loops.push((self.span(g.range), target, iter, conds));
        }
        let inner = match (kind, value) {
            (Comp::Dict, Some(v)) => {
                let k = self.expr(elt)?;
                let v_span = self.span(v.range());
                let v = self.expr(v)?;
                Stmt {
                    span: Span {
                        end_line: v_span.end_line,
                        end_col: v_span.end_col,
                        ..k.span
                    },
                    kind: StmtKind::DictSetItem(1, k, v),
                }
            }
            (Comp::Set, _) => {
                let e = self.expr(elt)?;
                Stmt {
                    span: e.span,
                    kind: StmtKind::SetAdd(1, e),
                }
            }
            (Comp::Gen, _) => {
                let e = self.expr(elt)?;
                Stmt {
                    span: e.span,
                    kind: StmtKind::Expr(Expr {
                        span: e.span,
                        kind: ExprKind::Yield(Some(Box::new(e))),
                    }),
                }
            }
            _ => {
                let e = self.expr(elt)?;
                Stmt {
                    span: e.span,
                    kind: StmtKind::ListAppend(1, e),
                }
            }
        };
        let mut body = vec![inner];
        for (loop_span, target, iter, conds) in loops.into_iter().rev() {
            for c in conds.into_iter().rev() {
                body = vec![Stmt {
                    span: c.span,
                    kind: StmtKind::If(c, body, Vec::new()),
                }];
            }
            body = vec![Stmt {
                span: loop_span,
                kind: StmtKind::For(target, iter, body, Vec::new()),
            }];
        }
        if kind == Comp::Gen {
            // A generator: the loops yield; nothing to collect or return.
            let params = Params {
                positional: vec![(self.names.get(".0"), 0)],
                ..Params::default()
            };
            return Ok(self.code(params, body, r));
        }
        let empty = Expr {
            span,
            kind: match kind {
                Comp::Dict => ExprKind::Dict(Vec::new()),
                Comp::Set => ExprKind::Set(Vec::new()),
                _ => ExprKind::List(Vec::new()),
            },
        };
        let mut stmts = vec![Stmt {
            span,
            kind: StmtKind::Assign(vec![Target::Name(Name::Fast(1))], empty),
        }];
        stmts.append(&mut body);
        stmts.push(Stmt {
            span,
            kind: StmtKind::Return(Some(Expr {
                span,
                kind: ExprKind::Name(Name::Fast(1)),
            })),
        });
        let params = Params {
            positional: vec![(self.names.get(".0"), 0)],
            ..Params::default()
        };
        Ok(self.code(params, stmts, r))
    }

    // ------------------------------------------------------------ targets

    fn target(&mut self, t: &py::Expr) -> R<Target> {
        use py::Expr as E;
        Ok(match t {
            E::Name(n) => Target::Name(self.name(n.id.as_str())),
            E::Attribute(a) => Target::Attr(self.boxed(&a.value)?, self.names.get(a.attr.as_str())),
            E::Subscript(s) => {
                Target::Subscript(self.boxed(&s.value)?, Box::new(self.index(&s.slice)?))
            }
            E::Tuple(_) | E::List(_) => {
                let elts = match t {
                    E::Tuple(x) => &x.elts,
                    E::List(x) => &x.elts,
                    _ => unreachable!("matched above"),
                };
                let mut star = None;
                let mut targets = Vec::with_capacity(elts.len());
                for (i, e) in elts.iter().enumerate() {
                    match e {
                        E::Starred(s) => {
                            star = Some(i);
                            targets.push(self.target(&s.value)?);
                        }
                        _ => targets.push(self.target(e)?),
                    }
                }
                Target::Unpack(targets, star, self.span(t.range()))
            }
            _ => return Err(self.internal(t.range())),
        })
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Comp {
    List,
    Dict,
    Set,
    Gen,
}

fn push_lit(out: &mut Vec<FPart>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = out.last_mut() {
        *prev = format!("{prev}{s}").into();
    } else {
        out.push(FPart::Lit(s.into()));
    }
}

fn bytes_const(b: &py::ExprBytesLiteral) -> ExprKind {
    let mut v = Vec::new();
    for part in b.value.iter() {
        v.extend_from_slice(part.as_slice());
    }
    ExprKind::Const(Const::Bytes(v.into()))
}

/// An integer literal's value (the parser keeps big ones as their source text).
fn int_value(i: &py::Int) -> Option<BigInt> {
    if let Some(v) = i.as_i64() {
        return Some(BigInt::from(v));
    }
    let text: String = i.to_string().chars().filter(|&c| c != '_').collect();
    let (digits, radix) = match text.get(..2) {
        Some("0x" | "0X") => (&text[2..], 16),
        Some("0o" | "0O") => (&text[2..], 8),
        Some("0b" | "0B") => (&text[2..], 2),
        _ => (&text[..], 10),
    };
    BigInt::parse_bytes(digits.as_bytes(), radix)
}

fn bin_op(op: py::Operator) -> BinOp {
    use py::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::Div,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::BitOr,
        O::BitXor => BinOp::BitXor,
        O::BitAnd => BinOp::BitAnd,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

fn cmp_op(op: py::CmpOp) -> CmpOp {
    use py::CmpOp as C;
    match op {
        C::Eq => CmpOp::Eq,
        C::NotEq => CmpOp::NotEq,
        C::Lt => CmpOp::Lt,
        C::LtE => CmpOp::LtE,
        C::Gt => CmpOp::Gt,
        C::GtE => CmpOp::GtE,
        C::Is => CmpOp::Is,
        C::IsNot => CmpOp::IsNot,
        C::In => CmpOp::In,
        C::NotIn => CmpOp::NotIn,
    }
}

#[cfg(test)]
mod tests {
    use std::fmt::Write;
    use std::rc::Rc;

    use super::super::ast::{
        Arg, Code, Const, Expr, ExprKind, FPart, FuncDef, Name, Stmt, StmtKind, SyntaxErrorInfo,
        Target,
    };
    use super::parse_module;

    // ------------------------------------------------------------ a compact dump

    fn name(n: &Name) -> String {
        match n {
            Name::Fast(i) => format!("f{i}"),
            Name::Cell(i) => format!("c{i}"),
            Name::Global(s) => format!("g:{s}"),
            Name::Module(s) => format!("m:{s}"),
            Name::ClassNs(s) => format!("n:{s}"),
        }
    }

    fn list<T>(items: &[T], f: impl Fn(&T) -> String) -> String {
        items.iter().map(f).collect::<Vec<_>>().join(", ")
    }

    fn opt(e: &Option<Box<Expr>>) -> String {
        e.as_deref().map(expr).unwrap_or_default()
    }

    fn fparts(parts: &[FPart]) -> String {
        list(parts, |p| match p {
            FPart::Lit(s) => format!("{s:?}"),
            FPart::Value(e, c, spec) => {
                let c = c.map(|c| format!("!{c}")).unwrap_or_default();
                format!("{{{}{c}:[{}]}}", expr(e), fparts(spec))
            }
        })
    }

    fn expr(e: &Expr) -> String {
        match &e.kind {
            ExprKind::Const(c) => match c {
                Const::None => "None".into(),
                Const::True => "True".into(),
                Const::False => "False".into(),
                Const::Ellipsis => "...".into(),
                Const::Int(i) => i.to_string(),
                Const::Float(f) => format!("{f:?}"),
                Const::Str(s) => format!("{s:?}"),
                Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
            },
            ExprKind::Name(n) => name(n),
            ExprKind::Attr(v, a) => format!("{}.{a}", expr(v)),
            ExprKind::Subscript(v, i) => format!("{}[{}]", expr(v), expr(i)),
            ExprKind::Slice(a, b, c) => format!("{}:{}:{}", opt(a), opt(b), opt(c)),
            ExprKind::Call(f, args) => format!(
                "{}({})",
                expr(f),
                list(args, |a| match a {
                    Arg::Pos(e) => expr(e),
                    Arg::Star(e) => format!("*{}", expr(e)),
                    Arg::Kw(k, e) => format!("{k}={}", expr(e)),
                    Arg::StarStar(e) => format!("**{}", expr(e)),
                })
            ),
            ExprKind::BinOp(op, l, r) => format!("({} {op:?} {})", expr(l), expr(r)),
            ExprKind::Unary(op, v) => format!("({op:?} {})", expr(v)),
            ExprKind::BoolOp(and, vs) => {
                format!("{}({})", if *and { "and" } else { "or" }, list(vs, expr))
            }
            ExprKind::Compare(l, rest) => {
                let mut s = format!("({}", expr(l));
                for (op, r) in rest {
                    write!(s, " {op:?} {}", expr(r)).unwrap();
                }
                s + ")"
            }
            ExprKind::IfExp(t, b, o) => format!("({} if {} else {})", expr(b), expr(t), expr(o)),
            ExprKind::Lambda(d) => format!("lambda[{}]", list(&d.code.params.defaults, expr)),
            ExprKind::Tuple(v) => format!("tuple({})", list(v, expr)),
            ExprKind::List(v) => format!("[{}]", list(v, expr)),
            ExprKind::Dict(v) => format!(
                "{{{}}}",
                list(v, |(k, v)| match k {
                    Some(k) => format!("{}: {}", expr(k), expr(v)),
                    None => format!("**{}", expr(v)),
                })
            ),
            ExprKind::Starred(v) => format!("*{}", expr(v)),
            ExprKind::Named(n, v) => format!("({} := {})", name(n), expr(v)),
            ExprKind::FString(parts) => format!("f[{}]", fparts(parts)),
            ExprKind::ListComp(_, it) => format!("listcomp({})", expr(it)),
            ExprKind::DictComp(_, it) => format!("dictcomp({})", expr(it)),
            ExprKind::SetComp(_, it) => format!("setcomp({})", expr(it)),
            ExprKind::Set(v) => format!("{{{}}}", list(v, expr)),
            ExprKind::GenExp(_, it) => format!("genexp({})", expr(it)),
            ExprKind::Yield(v) => format!("yield({})", v.as_deref().map_or(String::new(), expr)),
            ExprKind::YieldFrom(v) => format!("yieldfrom({})", expr(v)),
        }
    }

    fn target(t: &Target) -> String {
        match t {
            Target::Name(n) => name(n),
            Target::Attr(v, a) => format!("{}.{a}", expr(v)),
            Target::Subscript(v, i) => format!("{}[{}]", expr(v), expr(i)),
            Target::Unpack(ts, star, _) => {
                let items: Vec<String> = ts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        let s = if *star == Some(i) { "*" } else { "" };
                        format!("{s}{}", target(t))
                    })
                    .collect();
                format!("({})", items.join(", "))
            }
        }
    }

    fn block(b: &[Stmt]) -> String {
        format!("{{{}}}", b.iter().map(stmt).collect::<Vec<_>>().join("; "))
    }

    fn stmt(s: &Stmt) -> String {
        match &s.kind {
            StmtKind::Expr(e) => expr(e),
            StmtKind::Assign(ts, v) => {
                let mut s = String::new();
                for t in ts {
                    write!(s, "{} = ", target(t)).unwrap();
                }
                s + &expr(v)
            }
            StmtKind::AugAssign(t, op, v) => format!("{} {op:?}= {}", target(t), expr(v)),
            StmtKind::AnnAssign(t, v, _) => match v {
                Some(v) => format!("{}: = {}", target(t), expr(v)),
                None => format!("{}:", target(t)),
            },
            StmtKind::If(t, b, o) => format!("if {} {} else {}", expr(t), block(b), block(o)),
            StmtKind::Match(m) => {
                let cases: Vec<String> = m
                    .cases
                    .iter()
                    .map(|c| format!("case {:?} {}", c.pattern, block(&c.body)))
                    .collect();
                format!("match {} {}", expr(&m.subject), cases.join(" "))
            }
            StmtKind::While(t, b, o) => {
                format!("while {} {} else {}", expr(t), block(b), block(o))
            }
            StmtKind::For(t, it, b, o) => format!(
                "for {} in {} {} else {}",
                target(t),
                expr(it),
                block(b),
                block(o)
            ),
            StmtKind::Break => "break".into(),
            StmtKind::Continue => "continue".into(),
            StmtKind::Return(v) => match v {
                Some(v) => format!("return {}", expr(v)),
                None => "return".into(),
            },
            StmtKind::Pass => "pass".into(),
            StmtKind::ClassDef(c) => format!(
                "class {} = {}({}) {}",
                name(&c.binding),
                c.def.code.qualname,
                c.bases.len(),
                block(&c.def.code.body)
            ),
            StmtKind::With(e, t, b) => match t {
                Some(t) => format!("with {} as {} {}", expr(e), target(t), block(b)),
                None => format!("with {} {}", expr(e), block(b)),
            },
            StmtKind::FunctionDef(n, d) => format!(
                "def {} = {}[{}]",
                name(n),
                d.code.qualname,
                list(&d.decorators, expr)
            ),
            StmtKind::Try(t) => {
                let mut s = format!("try {}", block(&t.body));
                for h in &t.handlers {
                    s += " except";
                    if let Some(c) = &h.class {
                        write!(s, " {}", expr(c)).unwrap();
                    }
                    if let Some(n) = &h.name {
                        write!(s, " as {}", name(n)).unwrap();
                    }
                    write!(s, " {}", block(&h.body)).unwrap();
                }
                format!(
                    "{s} else {} finally {}",
                    block(&t.orelse),
                    block(&t.finally)
                )
            }
            StmtKind::Raise(e, c) => {
                let mut s = "raise".to_string();
                if let Some(e) = e {
                    write!(s, " {}", expr(e)).unwrap();
                }
                if let Some(c) = c {
                    write!(s, " from {}", expr(c)).unwrap();
                }
                s
            }
            StmtKind::Assert(t, m) => match m {
                Some(m) => format!("assert {}, {}", expr(t), expr(m)),
                None => format!("assert {}", expr(t)),
            },
            StmtKind::Delete(ts) => format!("del {}", list(ts, target)),
            StmtKind::Import(v) => format!(
                "import {}",
                list(v, |i| match &i.alias {
                    Some(a) => format!("{} as {}", i.module, name(a)),
                    None => format!("{} -> {}", i.module, name(&i.top)),
                })
            ),
            StmtKind::ImportFrom(level, m, names) => format!(
                "from {}{} import {}",
                ".".repeat(*level as usize),
                m.as_deref().unwrap_or(""),
                list(names, |(n, b)| format!("{n} as {}", name(b)))
            ),
            StmtKind::Nothing => "nothing".into(),
            StmtKind::ListAppend(n, e) => format!("append f{n} {}", expr(e)),
            StmtKind::SetAdd(n, e) => format!("add f{n} {}", expr(e)),
            StmtKind::DictSetItem(n, k, v) => format!("f{n}[{}] = {}", expr(k), expr(v)),
        }
    }

    /// The module's body, dumped, one statement a line.
    fn body(src: &str) -> String {
        let code = ok(src);
        code.body.iter().map(stmt).collect::<Vec<_>>().join("\n")
    }

    fn short(src: &str) -> String {
        src.chars().take(200).collect()
    }

    fn ok(src: &str) -> Rc<Code> {
        match parse_module(src, "t.py") {
            Ok(c) => c,
            Err(e) => panic!("{:?} failed: {e:?}", short(src)),
        }
    }

    /// The `n`th function defined in `body` (functions, lambdas and comprehensions, in
    /// pre-order, found through statements and expressions).
    fn codes(c: &Rc<Code>) -> Vec<(Rc<Code>, Vec<u32>)> {
        fn in_expr(e: &Expr, out: &mut Vec<(Rc<Code>, Vec<u32>)>) {
            match &e.kind {
                ExprKind::Lambda(d) => {
                    for x in &d.code.params.defaults {
                        in_expr(x, out);
                    }
                    out.push((Rc::clone(&d.code), d.closure.clone()));
                    in_body(&d.code.body, out);
                }
                ExprKind::ListComp(d, it) | ExprKind::DictComp(d, it) | ExprKind::GenExp(d, it) => {
                    in_expr(it, out);
                    out.push((Rc::clone(&d.code), d.closure.clone()));
                    in_body(&d.code.body, out);
                }
                ExprKind::Call(f, args) => {
                    in_expr(f, out);
                    for a in args {
                        match a {
                            Arg::Pos(e) | Arg::Star(e) | Arg::Kw(_, e) | Arg::StarStar(e) => {
                                in_expr(e, out)
                            }
                        }
                    }
                }
                ExprKind::BinOp(_, l, r) => {
                    in_expr(l, out);
                    in_expr(r, out);
                }
                ExprKind::Tuple(v) | ExprKind::List(v) => {
                    for x in v {
                        in_expr(x, out);
                    }
                }
                _ => {}
            }
        }
        fn in_body(b: &[Stmt], out: &mut Vec<(Rc<Code>, Vec<u32>)>) {
            for s in b {
                match &s.kind {
                    StmtKind::FunctionDef(_, d) => {
                        out.push((Rc::clone(&d.code), d.closure.clone()));
                        in_body(&d.code.body, out);
                    }
                    StmtKind::Expr(e) | StmtKind::Return(Some(e)) | StmtKind::Assign(_, e) => {
                        in_expr(e, out)
                    }
                    StmtKind::For(_, _, b, _) | StmtKind::If(_, b, _) => in_body(b, out),
                    StmtKind::ListAppend(_, e) => in_expr(e, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        in_body(&c.body, &mut out);
        out
    }

    /// (qualname, fast names, cell names, cellvars, param cells, closure, body) of each
    /// function in the module.
    fn layout(src: &str) -> Vec<String> {
        codes(&ok(src))
            .iter()
            .map(|(c, closure)| {
                format!(
                    "{} fast={:?} cells={:?}/{} params={:?} closure={:?}: {}",
                    c.qualname,
                    c.fast_names,
                    c.cell_names,
                    c.n_cellvars,
                    c.param_cells,
                    closure,
                    block(&c.body)
                )
            })
            .collect()
    }

    /// (class, message, line, col, text) of the error.
    fn err(src: &str) -> (String, String, u32, u32, String) {
        match parse_module(src, "t.py") {
            Ok(_) => panic!("{:?} parsed", short(src)),
            Err(SyntaxErrorInfo {
                class,
                msg,
                filename,
                line,
                col,
                text,
            }) => {
                assert_eq!(&*filename, "t.py");
                (class.to_string(), msg, line, col, text)
            }
        }
    }

    fn syntax(msg: &str, line: u32, col: u32, text: &str) -> (String, String, u32, u32, String) {
        ("SyntaxError".into(), msg.into(), line, col, text.into())
    }

    /// Runs `f` on a thread with a big stack (deep inputs in debug builds).
    fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(f)
            .expect("spawn")
            .join()
            .expect("no panic")
    }

    fn err_big(src: String) -> (String, String, u32, u32) {
        big_stack(move || {
            let e = err(&src);
            (e.0, e.1, e.2, e.3)
        })
    }

    fn ok_big(src: String) {
        big_stack(move || {
            ok(&src);
        })
    }

    // ------------------------------------------------------------ scopes

    #[test]
    fn module_names() {
        assert_eq!(
            body("x = 1\nprint(x, y)\ndel x\n"),
            "m:x = 1\nm:print(m:x, m:y)\ndel m:x"
        );
        let c = ok("x = 1\n");
        assert!(c.is_module);
        assert_eq!(&*c.name, "<module>");
        assert_eq!(&*c.qualname, "<module>");
        assert_eq!(&*c.filename, "t.py");
        assert!(c.fast_names.is_empty() && c.cell_names.is_empty());
    }

    #[test]
    fn function_locals_and_params() {
        let src = "def f(a, /, b=2, *args, c, d=4, **kw):\n    e = a\n    return g\n";
        let c = ok(src);
        let StmtKind::FunctionDef(Name::Module(n), d) = &c.body[0].kind else {
            panic!("{:?}", c.body[0]);
        };
        assert_eq!(&**n, "f");
        let p = &d.code.params;
        assert_eq!(p.positional, vec![("a".into(), 0), ("b".into(), 1)]);
        assert_eq!(p.posonly, 1);
        assert_eq!(p.varargs, Some(("args".into(), 2)));
        assert_eq!(p.kwonly, vec![("c".into(), 3), ("d".into(), 4)]);
        assert_eq!(p.varkw, Some(("kw".into(), 5)));
        assert_eq!(list(&p.defaults, expr), "2");
        assert_eq!(p.kw_defaults.len(), 1);
        assert_eq!(p.kw_defaults[0].0, 1);
        assert_eq!(expr(&p.kw_defaults[0].1), "4");
        assert_eq!(
            layout(src),
            [
                r#"f fast=["a", "b", "args", "c", "d", "kw", "e"] cells=[]/0 params=[] closure=[]: {f6 = f0; return g:g}"#
            ]
        );
    }

    #[test]
    fn every_binding_makes_a_local() {
        let src = "def f():\n    a = 1\n    b, *c = x\n    d += 1\n    for e in x: pass\n    \
                   try: pass\n    except E as h: pass\n    import i.j\n    import k.l as m\n    \
                   from n import o, p as q\n    def r(): pass\n    del s\n    (t := 1)\n    \
                   u: int\n    [v for v in x]\n    return w\n";
        let l = layout(src);
        assert!(
            l[0].starts_with(
                r#"f fast=["a", "b", "c", "d", "e", "h", "i", "m", "o", "q", "r", "s", "t", "u"] cells=[]/0"#
            ),
            "{}",
            l[0]
        );
        // `v` is the comprehension's, `x`, `E`, `w` are globals.
        assert!(l[0].ends_with("return g:w}"), "{}", l[0]);
        assert!(l[0].contains("for f4 in g:x"), "{}", l[0]);
        assert!(l[0].contains("except g:E as f5"), "{}", l[0]);
        assert!(l[0].contains("import i.j -> f6; import k.l as f7; from n import o as f8, p as f9"));
        assert!(l[0].contains("def f10 = f.<locals>.r[]; del f11; (f12 := 1); f13:;"));
    }

    #[test]
    fn cells_and_closures() {
        let src = "def f(x, z):\n    y = 1\n    def g():\n        return x + y\n    return g\n";
        assert_eq!(
            layout(src),
            [
                r#"f fast=["x", "z", "g"] cells=["x", "y"]/2 params=[(0, 0)] closure=[]: {c1 = 1; def f2 = f.<locals>.g[]; return f2}"#,
                r#"f.<locals>.g fast=[] cells=["x", "y"]/0 params=[] closure=[0, 1]: {return (c0 Add c1)}"#,
            ]
        );
    }

    #[test]
    fn freevars_pass_through_intermediate_functions() {
        let src = "def f():\n    x = 1\n    a = 2\n    def g():\n        b = a\n        def h():\n            return x\n        return h\n    return g\n";
        assert_eq!(
            layout(src),
            [
                r#"f fast=["g"] cells=["x", "a"]/2 params=[] closure=[]: {c0 = 1; c1 = 2; def f0 = f.<locals>.g[]; return f0}"#,
                // g does not use x itself, but receives it for h.
                r#"f.<locals>.g fast=["b", "h"] cells=["a", "x"]/0 params=[] closure=[1, 0]: {f0 = c0; def f1 = f.<locals>.g.<locals>.h[]; return f1}"#,
                r#"f.<locals>.g.<locals>.h fast=[] cells=["x"]/0 params=[] closure=[1]: {return c0}"#,
            ]
        );
    }

    #[test]
    fn global_and_nonlocal() {
        let src = "def f():\n    global x\n    x = 1\n    y = 0\n    def g():\n        nonlocal y\n        y = 1\n    return g\n";
        assert_eq!(
            layout(src),
            [
                r#"f fast=["g"] cells=["y"]/1 params=[] closure=[]: {nothing; g:x = 1; c0 = 0; def f0 = f.<locals>.g[]; return f0}"#,
                r#"f.<locals>.g fast=[] cells=["y"]/0 params=[] closure=[0]: {nothing; c0 = 1}"#,
            ]
        );
        // `global` at module level is allowed and changes nothing.
        assert_eq!(body("global x\nx = 1\n"), "nothing\nm:x = 1");
        // A name declared global in f is not f's to give to g.
        let l = layout("def h():\n    x = 1\n    def f():\n        global x\n        def g():\n            return x\n");
        assert!(
            l[2].contains("cells=[]/0") && l[2].ends_with("{return g:x}"),
            "{l:?}"
        );
        // A def whose name is declared global keeps its plain qualname.
        let l = layout("def f():\n    global g\n    def g(): pass\n");
        assert!(l[1].starts_with("g fast=[]"), "{l:?}");
    }

    #[test]
    fn comprehension_scopes() {
        let src = "def f(n):\n    return [i * n for i in range(n) if i]\n";
        assert_eq!(
            layout(src),
            [
                r#"f fast=["n"] cells=["n"]/1 params=[(0, 0)] closure=[]: {return listcomp(g:range(c0))}"#,
                r#"f.<locals>.<listcomp> fast=[".0", ".result", "i"] cells=["n"]/0 params=[] closure=[0]: {f1 = []; for f2 in f0 {if f2 {append f1 (f2 Mul c0)} else {}} else {}; return f1}"#,
            ]
        );
        // Module level; several loops; dict comprehension; generator expression.
        assert_eq!(
            layout("d = {k: v for k, v in items if k if v}\ng = (x + y for x in a for y in x)\n"),
            [
                r#"<dictcomp> fast=[".0", ".result", "k", "v"] cells=[]/0 params=[] closure=[]: {f1 = {}; for (f2, f3) in f0 {if f2 {if f3 {f1[f2] = f3} else {}} else {}} else {}; return f1}"#,
                r#"<genexpr> fast=[".0", ".result", "x", "y"] cells=[]/0 params=[] closure=[]: {for f2 in f0 {for f3 in f2 {yield((f2 Add f3))} else {}} else {}}"#,
            ]
        );
        assert_eq!(
            body("d = {k: v for k, v in items if k if v}\ng = (x + y for x in a for y in x)\n"),
            "m:d = dictcomp(m:items)\nm:g = genexp(m:a)"
        );
        let c = ok("[x for x in y]\n");
        let StmtKind::Expr(Expr {
            kind: ExprKind::ListComp(d, _),
            ..
        }) = &c.body[0].kind
        else {
            panic!()
        };
        assert_eq!(d.code.params.positional, vec![(".0".into(), 0)]);
        assert_eq!(&*d.code.name, "<listcomp>");
        // A lambda inside a comprehension captures the iteration variable.
        let l = layout("fs = [lambda: i for i in range(3)]\n");
        assert!(
            l[0].starts_with(r#"<listcomp> fast=[".0", ".result"] cells=["i"]/1"#),
            "{l:?}"
        );
        assert!(l[0].contains("for c0 in f0"), "{l:?}");
        assert!(
            l[1].starts_with(r#"<listcomp>.<lambda> fast=[] cells=["i"]/0 params=[] closure=[0]"#),
            "{l:?}"
        );
    }

    #[test]
    fn walrus_in_comprehension_binds_in_the_enclosing_function() {
        let l = layout("def f():\n    [y := i for i in range(3)]\n    return y\n");
        assert_eq!(
            l,
            [
                r#"f fast=[] cells=["y"]/1 params=[] closure=[]: {listcomp(g:range(3)); return c0}"#,
                r#"f.<locals>.<listcomp> fast=[".0", ".result", "i"] cells=["y"]/0 params=[] closure=[0]: {f1 = []; for f2 in f0 {append f1 (c0 := f2)} else {}; return f1}"#,
            ]
        );
        let l = layout("[y := i for i in z]\n");
        assert!(l[0].contains("append f1 (g:y := f2)"), "{l:?}");
        // Nested comprehensions: the middle one passes it through.
        let l = layout("def f():\n    [[(y := j) for j in i] for i in x]\n");
        assert!(l[0].starts_with(r#"f fast=[] cells=["y"]/1"#), "{l:?}");
        assert!(
            l[1].contains(r#"cells=["y"]/0 params=[] closure=[0]"#),
            "{l:?}"
        );
        assert!(
            l[2].contains(r#"cells=["y"]/0 params=[] closure=[0]"#),
            "{l:?}"
        );
    }

    #[test]
    fn lambdas_and_their_defaults() {
        let src = "def f(a):\n    return lambda x=a, *, k=a + 1: x + a + k\n";
        assert_eq!(
            layout(src),
            [
                r#"f fast=["a"] cells=["a"]/1 params=[(0, 0)] closure=[]: {return lambda[c0]}"#,
                r#"f.<locals>.<lambda> fast=["x", "k"] cells=["a"]/0 params=[] closure=[0]: {return ((f0 Add c0) Add f1)}"#,
            ]
        );
        let c = ok("g = lambda: 0\n");
        let StmtKind::Assign(
            _,
            Expr {
                kind: ExprKind::Lambda(d),
                ..
            },
        ) = &c.body[0].kind
        else {
            panic!()
        };
        assert_eq!(&*d.code.name, "<lambda>");
        assert!(d.decorators.is_empty());
        assert_eq!(d.code.params.kw_defaults.len(), 0);
        let c = ok("g = lambda *, k=1: k\n");
        let StmtKind::Assign(
            _,
            Expr {
                kind: ExprKind::Lambda(d),
                ..
            },
        ) = &c.body[0].kind
        else {
            panic!()
        };
        assert_eq!(d.code.params.kw_defaults.len(), 1);
        assert_eq!(expr(&d.code.params.kw_defaults[0].1), "1");
    }

    #[test]
    fn scope_errors() {
        assert_eq!(
            err("def f():\n  nonlocal x\n"),
            syntax("no binding for nonlocal 'x' found", 2, 3, "  nonlocal x")
        );
        // Module-level names are not bindings for nonlocal.
        assert_eq!(
            err("x = 1\ndef f():\n    def g():\n        nonlocal x\n").1,
            "no binding for nonlocal 'x' found"
        );
        assert_eq!(
            err("def f():\n  print(x)\n  global x\n"),
            syntax(
                "name 'x' is used prior to global declaration",
                3,
                3,
                "  global x"
            )
        );
        assert_eq!(
            err("def f():\n  x = 1\n  global x\n").1,
            "name 'x' is assigned to before global declaration"
        );
        assert_eq!(
            err("print(x)\nglobal x\n"),
            syntax(
                "name 'x' is used prior to global declaration",
                2,
                1,
                "global x"
            )
        );
        assert_eq!(
            err("def f(x):\n  global x\n").1,
            "name 'x' is parameter and global"
        );
        assert_eq!(
            err("def f(x):\n  nonlocal x\n").1,
            "name 'x' is parameter and nonlocal"
        );
        assert_eq!(
            err("def f():\n  x = 1\n  def g():\n    print(x)\n    nonlocal x\n").1,
            "name 'x' is used prior to nonlocal declaration"
        );
        assert_eq!(
            err("def f():\n  x = 1\n  def g():\n    global x\n    nonlocal x\n"),
            syntax("name 'x' is nonlocal and global", 4, 5, "    global x")
        );
        assert_eq!(
            err("def f():\n  x: int\n  global x\n").1,
            "annotated name 'x' can't be global"
        );
        assert_eq!(
            err("nonlocal x\n"),
            syntax(
                "nonlocal declaration not allowed at module level",
                1,
                1,
                "nonlocal x"
            )
        );
        assert_eq!(
            err("def f(a, *, a): pass\n"),
            syntax(
                "duplicate argument 'a' in function definition",
                1,
                13,
                "def f(a, *, a): pass"
            )
        );
        assert_eq!(
            err("g = lambda a, a: 0\n").1,
            "duplicate argument 'a' in function definition"
        );
        assert_eq!(
            err("[x for x in y if (x := 1)]\n"),
            syntax(
                "assignment expression cannot rebind comprehension iteration variable 'x'",
                1,
                19,
                "[x for x in y if (x := 1)]"
            )
        );
        assert_eq!(
            err("[x for x in (y := [1])]\n").1,
            "assignment expression cannot be used in a comprehension iterable expression"
        );
        assert_eq!(
            err("return 1\n"),
            syntax("'return' outside function", 1, 1, "return 1")
        );
        assert_eq!(err("break\n").1, "'break' outside loop");
        assert_eq!(err("continue\n").1, "'continue' not properly in loop");
        assert_eq!(
            err("while 1:\n  pass\nelse:\n  break\n"),
            syntax("'break' outside loop", 4, 3, "  break")
        );
        assert_eq!(
            err("for x in y:\n  def f():\n    continue\n").1,
            "'continue' not properly in loop"
        );
        // `continue` in `finally` inside a loop is fine (3.8+).
        ok("for x in y:\n  try:\n    pass\n  finally:\n    continue\n");
        assert_eq!(
            err("def f():\n    from m import *\n"),
            syntax(
                "import * only allowed at module level",
                2,
                19,
                "    from m import *"
            )
        );
    }

    // ------------------------------------------------------------ constructs

    #[test]
    fn literals() {
        assert_eq!(
            body("a = 'x' \"y\" '''z'''\nb = b'a' b'\\x00'\nc = None, True, False, ...\n"),
            "m:a = \"xyz\"\nm:b = b\"a\\0\"\nm:c = tuple(None, True, False, ...)"
        );
        assert_eq!(
            body("x = 0xFFFF_FFFF_FFFF_FFFF_FF\ny = 1_000_000_000_000_000_000_000\nz = 0o777, 0b1010, 0, 10**100\n"),
            "m:x = 4722366482869645213695\nm:y = 1000000000000000000000\nm:z = tuple(511, 10, 0, (10 Pow 100))"
        );
        assert_eq!(
            body("x = 0b1111111111111111111111111111111111111111111111111111111111111111111\n"),
            "m:x = 147573952589676412927"
        );
        assert_eq!(
            body("x = 1.5, 1e3, .5, 1_0.0_1, 2.\n"),
            "m:x = tuple(1.5, 1000.0, 0.5, 10.01, 2.0)"
        );
        assert_eq!(body("x = 'caf\\u00e9'\n"), "m:x = \"café\"");
    }

    #[test]
    fn fstrings() {
        assert_eq!(
            body("s = f'a{x!r:>10}b{y=}c{{d}}'\n"),
            r#"m:s = f["a", {m:x!r:[">10"]}, "by=", {m:y!r:[]}, "c{d}"]"#
        );
        assert_eq!(
            body("s = f'{x:{w}.{p}}' 'lit' f'{y!s}{z = :>3}'\n"),
            r#"m:s = f[{m:x:[{m:w:[]}, ".", {m:p:[]}]}, "lit", {m:y!s:[]}, "z = ", {m:z:[">3"]}]"#
        );
        assert_eq!(body("s = f'{x!a}'\n"), r#"m:s = f[{m:x!a:[]}]"#);
        assert_eq!(body("s = f\"{f'{x}'}\"\n"), r#"m:s = f[{f[{m:x:[]}]:[]}]"#);
        // f-string expressions resolve in their scope.
        let l = layout("def f(v):\n    return f'{v}'\n");
        assert!(l[0].ends_with(r#"{return f[{f0:[]}]}"#), "{l:?}");
    }

    #[test]
    fn expressions() {
        assert_eq!(
            body("a < b <= c != d\nx if y else z\nnot a and b or c\n-a + +b * ~c\na is not b in c\n"),
            "(m:a Lt m:b LtE m:c NotEq m:d)\n(m:x if m:y else m:z)\nor(and((Not m:a), m:b), m:c)\n((Neg m:a) Add ((Pos m:b) Mul (Invert m:c)))\n(m:a IsNot m:b In m:c)"
        );
        assert_eq!(
            body("a @ b // c % d - e << f >> g & h | i ^ j / k\n"),
            "((((((((m:a MatMul m:b) FloorDiv m:c) Mod m:d) Sub m:e) LShift m:f) RShift m:g) \
             BitAnd m:h) BitOr (m:i BitXor (m:j Div m:k)))"
        );
        assert_eq!(
            body("x = a.b[c][1:2, ::3][d:]\ny = t[*s]\nz = t[1, *s]\n"),
            "m:x = m:a.b[m:c][tuple(1:2:, ::3)][m:d::]\nm:y = m:t[tuple(*m:s)]\nm:z = m:t[tuple(1, *m:s)]"
        );
        assert_eq!(
            body("x = [1, *a], (2, *b), {1: 2, **c}, ()\n"),
            "m:x = tuple([1, *m:a], tuple(2, *m:b), {1: 2, **m:c}, tuple())"
        );
        assert_eq!(body("(x := 5)\n"), "(m:x := 5)");
    }

    #[test]
    fn calls_put_keywords_after_positional_arguments() {
        assert_eq!(
            body("f(1, *a, x=2, **k)\nf(x=1, *a)\nf(**k, y=2)\n"),
            "m:f(1, *m:a, x=2, **m:k)\nm:f(*m:a, x=1)\nm:f(**m:k, y=2)"
        );
    }

    #[test]
    fn assignments_and_targets() {
        assert_eq!(
            body("a, *b, c = z\nx.y = q[0] = [d, (e, f)] = 1\n*s, = t\nn: int = 1\nm: int\no.p: int\nk += 1\nr.s -= 2\nt[0] *= 3\n"),
            "(m:a, *m:b, m:c) = m:z\nm:x.y = m:q[0] = (m:d, (m:e, m:f)) = 1\n(*m:s) = m:t\nm:n: = 1\nm:m:\nm:o.p:\nm:k Add= 1\nm:r.s Sub= 2\nm:t[0] Mul= 3"
        );
        let c = ok("a, *b = z\n");
        let StmtKind::Assign(ts, _) = &c.body[0].kind else {
            panic!()
        };
        assert!(
            matches!(&ts[0], Target::Unpack(v, Some(1), span) if v.len() == 2 && span.col == 0)
        );
        assert_eq!(
            err("a, *b, *c = d\n"),
            syntax(
                "multiple starred expressions in assignment",
                1,
                1,
                "a, *b, *c = d"
            )
        );
        assert_eq!(
            err("*a = b\n"),
            syntax(
                "starred assignment target must be in a list or tuple",
                1,
                1,
                "*a = b"
            )
        );
        assert_eq!(
            err("for *a in x: pass\n").1,
            "starred assignment target must be in a list or tuple"
        );
        assert_eq!(
            err("x = *a\n"),
            syntax("can't use starred expression here", 1, 5, "x = *a")
        );
        assert_eq!(err("a = b = *c\n").1, "can't use starred expression here");
        assert_eq!(
            err("print(f'{*a}')\n").1,
            "can't use starred expression here"
        );
        assert_eq!(
            err("del *a\n"),
            syntax("cannot delete starred", 1, 5, "del *a")
        );
        assert_eq!(err("del (a, *b)\n").1, "cannot delete starred");
    }

    #[test]
    fn statements() {
        assert_eq!(
            body("if a:\n    b\nelif c:\n    d\nelif e:\n    f\nelse:\n    g\n"),
            "if m:a {m:b} else {if m:c {m:d} else {if m:e {m:f} else {m:g}}}"
        );
        assert_eq!(
            body("while a:\n    break\nelse:\n    continue_ = 1\nfor i, j in k:\n    continue\nelse:\n    pass\n"),
            "while m:a {break} else {m:continue_ = 1}\nfor (m:i, m:j) in m:k {continue} else {pass}"
        );
        assert_eq!(
            body("try:\n    a\nexcept (A, B) as e:\n    b\nexcept C:\n    raise\nexcept:\n    raise X from Y\nelse:\n    c\nfinally:\n    d\n"),
            "try {m:a} except tuple(m:A, m:B) as m:e {m:b} except m:C {raise} except {raise m:X from m:Y} else {m:c} finally {m:d}"
        );
        assert_eq!(
            body("try:\n    pass\nfinally:\n    pass\nassert x\nassert x, 'm'\ndel a, b.c, d[0], (e, [f])\n"),
            "try {pass} else {} finally {pass}\nassert m:x\nassert m:x, \"m\"\ndel m:a, m:b.c, m:d[0], (m:e, (m:f))"
        );
        assert_eq!(
            body("import a.b.c, d\nimport a.b as c\nfrom . import x\nfrom ..m import y as z, w\nfrom m.n import v\n"),
            "import a.b.c -> m:a, d -> m:d\nimport a.b as m:c\nfrom . import x as m:x\nfrom ..m import y as m:z, w as m:w\nfrom m.n import v as m:v"
        );
        assert_eq!(
            body("@a\n@b.c(1)\ndef f(): pass\ndef g(): return\n"),
            "def m:f = f[m:a, m:b.c(1)]\ndef m:g = g[]"
        );
        assert_eq!(body("global a, b\npass\n"), "nothing\npass");
    }

    #[test]
    fn spans() {
        let c = ok("x = 1\nif x:\n    y = (1 +\n         2)\n");
        assert_eq!(c.body[0].span.line, 1);
        let StmtKind::If(_, b, _) = &c.body[1].kind else {
            panic!()
        };
        let s = b[0].span;
        assert_eq!((s.line, s.col, s.end_line, s.end_col), (3, 4, 4, 11));
        let StmtKind::Assign(_, v) = &b[0].kind else {
            panic!()
        };
        assert_eq!(
            (v.span.line, v.span.col, v.span.end_line, v.span.end_col),
            (3, 9, 4, 10)
        );
        // Columns count characters, not bytes.
        let c = ok("s = 'héllo€' + z\n");
        let StmtKind::Assign(_, e) = &c.body[0].kind else {
            panic!()
        };
        let ExprKind::BinOp(_, _, r) = &e.kind else {
            panic!()
        };
        assert_eq!((r.span.col, r.span.end_col), (15, 16));
        // A function's code has the def's span; a BOM is skipped; CRLF line ends work.
        let c = ok("\u{feff}x = 1\r\ndef f():\r\n    return 2\r\n");
        assert_eq!(c.body[0].span.col, 0);
        let StmtKind::FunctionDef(_, d) = &c.body[1].kind else {
            panic!()
        };
        assert_eq!((d.code.span.line, d.code.span.col), (2, 0));
        assert_eq!(d.code.body[0].span.line, 3);
        assert_eq!(&*d.code.filename, "t.py");
        // A decorated function starts at its first decorator (CPython's co_firstlineno).
        let c = ok("x = 1\n@dec\ndef f():\n    pass\n");
        assert_eq!((c.body[1].span.line, c.body[1].span.col), (2, 0));
        let StmtKind::FunctionDef(_, d) = &c.body[1].kind else {
            panic!()
        };
        assert_eq!(d.code.span.line, 2);
    }

    // ------------------------------------------------------------ unsupported

    #[test]
    fn yield_makes_generators() {
        let c = parse_module(
            "def f():\n    x = yield 1\n    yield from g\ndef h():\n    return (y for y in z)\n",
            "t.py",
        )
        .expect("parses");
        let defs: Vec<&FuncDef> = c
            .body
            .iter()
            .filter_map(|s| match &s.kind {
                StmtKind::FunctionDef(_, d) => Some(&**d),
                _ => None,
            })
            .collect();
        assert!(defs[0].code.is_generator);
        assert!(!defs[1].code.is_generator);
        let cases = [
            ("yield 1\n", "'yield' outside function", 1, 1),
            (
                "class A:\n    x = yield from g\n",
                "'yield' outside function",
                2,
                9,
            ),
            (
                "x = [(yield i) for i in y]\n",
                "'yield' inside list comprehension",
                1,
                7,
            ),
            (
                "g = ((yield x) for x in y)\n",
                "'yield' inside generator expression",
                1,
                7,
            ),
        ];
        for (src, msg, line, col) in cases {
            let e = err(src);
            assert_eq!(
                (e.0.as_str(), e.1.as_str()),
                ("SyntaxError", msg),
                "{src:?}"
            );
            assert_eq!((e.2, e.3), (line, col), "{src:?}");
        }
        assert!(parse_module("f = lambda: (yield)\n", "t.py").is_ok());
    }

    #[test]
    fn unsupported_constructs_are_named() {
        let cases: &[(&str, &str, u32, u32)] = &[
            (
                "async def f():\n    async with g:\n        pass\n",
                "async functions",
                1,
                1,
            ),
            ("async def f():\n    pass\n", "async functions", 1, 1),
            ("type X = int\n", "'type' statements", 1, 1),
            ("def f[T](x): pass\n", "type parameters", 1, 6),
            ("x = t'{y}'\n", "t-strings", 1, 5),
            ("from m import *\n", "'from ... import *'", 1, 1),
            ("try:\n    pass\nexcept* E:\n    pass\n", "'except*'", 1, 1),
            ("x = 1j\n", "complex numbers", 1, 5),
            (
                "x = [i async for i in y]\n",
                "asynchronous comprehensions",
                1,
                8,
            ),
        ];
        for &(src, what, line, col) in cases {
            let e = err(src);
            assert_eq!(e.0, "SyntaxError", "{src:?}");
            assert_eq!(
                e.1,
                format!("hpymove does not support {what} yet"),
                "{src:?}"
            );
            assert_eq!((e.2, e.3), (line, col), "{src:?}");
        }
        assert_eq!(
            err("async def f():\n    await x\n").1,
            "hpymove does not support async functions yet"
        );
        assert_eq!(
            err("def f():\n    await x\n").1,
            "hpymove does not support 'await' yet"
        );
        assert_eq!(err("type X = int\n").4, "type X = int");
    }

    // ------------------------------------------------------------ classes

    #[test]
    fn class_bodies_have_their_own_namespace() {
        let src = "y = 1\nclass A(B):\n    x = y\n    def f(self):\n        return x\n";
        let c = ok(src);
        let StmtKind::ClassDef(cd) = &c.body[1].kind else {
            panic!("{:?}", c.body[1]);
        };
        assert_eq!(name(&cd.binding), "m:A");
        assert_eq!(cd.bases.len(), 1);
        assert_eq!(
            stmt(&cd.def.code.body[0]),
            "n:x = n:y",
            "class-level names live in the namespace"
        );
        let StmtKind::FunctionDef(n, d) = &cd.def.code.body[1].kind else {
            panic!()
        };
        assert_eq!(name(n), "n:f");
        assert_eq!(&*d.code.qualname, "A.f");
        // A method does not see the class's names: `x` is a global there.
        assert_eq!(stmt(&d.code.body[0]), "return g:x");
    }

    #[test]
    fn zero_argument_super_reads_the_class_cell() {
        let src = "class A:\n    def f(self):\n        return super().f()\n";
        let c = ok(src);
        let StmtKind::ClassDef(cd) = &c.body[0].kind else {
            panic!()
        };
        assert_eq!(&*cd.def.code.cell_names, &["__class__".into()]);
        assert_eq!(cd.def.code.n_cellvars, 1);
        let StmtKind::FunctionDef(_, d) = &cd.def.code.body[0].kind else {
            panic!()
        };
        assert_eq!(&*d.code.cell_names, &["__class__".into()]);
        assert!(
            stmt(&d.code.body[0]).contains("g:super(c0, f0)"),
            "{}",
            stmt(&d.code.body[0])
        );
    }

    // ------------------------------------------------------------ parser errors

    #[test]
    fn syntax_errors_like_cpython() {
        assert_eq!(
            err("def f(:\n  pass\n"),
            syntax("invalid syntax", 1, 7, "def f(:")
        );
        assert_eq!(err("x = \n"), syntax("invalid syntax", 1, 5, "x = "));
        assert_eq!(err("x = 1 2\n"), syntax("invalid syntax", 1, 7, "x = 1 2"));
        assert_eq!(err("x = 1 +\n"), syntax("invalid syntax", 1, 8, "x = 1 +"));
        assert_eq!(err("if x\n  pass\n"), syntax("expected ':'", 1, 5, "if x"));
        assert_eq!(
            err("for x in y\n  pass\n"),
            syntax("expected ':'", 1, 11, "for x in y")
        );
        assert_eq!(
            err("def f()\n  pass\n"),
            syntax("expected ':'", 1, 8, "def f()")
        );
        assert_eq!(
            err(" x=1\n"),
            (
                "IndentationError".into(),
                "unexpected indent".into(),
                1,
                1,
                " x=1".into()
            )
        );
        assert_eq!(
            err("x = 1\n  y = 2\n"),
            (
                "IndentationError".into(),
                "unexpected indent".into(),
                2,
                2,
                "  y = 2".into()
            )
        );
        assert_eq!(
            err("if x:\n    a\n  b\n"),
            (
                "IndentationError".into(),
                "unindent does not match any outer indentation level".into(),
                3,
                4,
                "  b".into()
            )
        );
        assert_eq!(
            err("if x:\nfoo\n"),
            (
                "IndentationError".into(),
                "expected an indented block after 'if' statement on line 1".into(),
                2,
                1,
                "foo".into()
            )
        );
        assert_eq!(
            err("def f(\n  a):\nfoo\n").1,
            "expected an indented block after function definition on line 1"
        );
        assert_eq!(
            err("try:\n  pass\nexcept E:\nfoo\n").1,
            "expected an indented block after 'except' statement on line 3"
        );
        assert_eq!(
            err("if x:"),
            (
                "IndentationError".into(),
                "expected an indented block after 'if' statement on line 1".into(),
                1,
                6,
                "if x:".into()
            )
        );
        assert_eq!(
            err("x = \"abc\ny = 2\n"),
            syntax(
                "unterminated string literal (detected at line 1)",
                1,
                5,
                "x = \"abc"
            )
        );
        assert_eq!(
            err("é = 'abc\n"),
            syntax(
                "unterminated string literal (detected at line 1)",
                1,
                5,
                "é = 'abc"
            )
        );
        assert_eq!(
            err("x = '''abc\n\n\n"),
            syntax(
                "unterminated triple-quoted string literal (detected at line 3)",
                1,
                5,
                "x = '''abc"
            )
        );
        assert_eq!(
            err("x = \"\"\"\nabc\n  "),
            syntax(
                "unterminated triple-quoted string literal (detected at line 3)",
                1,
                5,
                "x = \"\"\""
            )
        );
        assert_eq!(
            err("(1, 2\n"),
            syntax("'(' was never closed", 1, 1, "(1, 2")
        );
        assert_eq!(
            err("x = (1, [2, 3\n"),
            syntax("'[' was never closed", 1, 9, "x = (1, [2, 3")
        );
        assert_eq!(
            err("x = [1, 2\ny = 3\n"),
            syntax("'[' was never closed", 1, 5, "x = [1, 2")
        );
        assert_eq!(err("x = 1)\n"), syntax("unmatched ')'", 1, 6, "x = 1)"));
        assert_eq!(
            err("é = 1; éé = ) \n"),
            syntax("unmatched ')'", 1, 13, "é = 1; éé = ) ")
        );
        assert_eq!(
            err("(]\n"),
            syntax(
                "closing parenthesis ']' does not match opening parenthesis '('",
                1,
                2,
                "(]"
            )
        );
        assert_eq!(
            err("(\n]\n").1,
            "closing parenthesis ']' does not match opening parenthesis '(' on line 1"
        );
        assert_eq!(
            err("def f():\n\treturn 1\n        return 2\n"),
            (
                "TabError".into(),
                "inconsistent use of tabs and spaces in indentation".into(),
                3,
                1,
                "        return 2".into()
            )
        );
        assert_eq!(
            err("print \"hello\"\n"),
            syntax(
                "Missing parentheses in call to 'print'. Did you mean print(...)?",
                1,
                1,
                "print \"hello\""
            )
        );
        assert_eq!(
            err("x = 0777\n").1.split(';').next(),
            Some("leading zeros in decimal integer literals are not permitted")
        );
        assert_eq!(err("x = $\n"), syntax("invalid syntax", 1, 5, "x = $"));
        assert_eq!(
            err("x = a € b\n"),
            syntax("invalid character '€' (U+20AC)", 1, 7, "x = a € b")
        );
        assert_eq!(
            err("f(a=1, a=2)\n"),
            syntax("keyword argument repeated: a", 1, 8, "f(a=1, a=2)")
        );
        assert_eq!(
            err("f(**a, *b)\n").1,
            "iterable argument unpacking follows keyword argument unpacking"
        );
        assert_eq!(
            err("f(a=1, b)\n").1,
            "positional argument follows keyword argument"
        );
        assert_eq!(
            err("def f(a=1, b): pass\n").1,
            "non-default argument follows default argument"
        );
        assert_eq!(
            err("f(x for x in y, 1)\n").1,
            "Generator expression must be parenthesized"
        );
        assert_eq!(
            err("print(f'{x!z}')\n").1,
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        );
        assert_eq!(
            err("b'é'\n").1,
            "bytes can only contain ASCII literal characters"
        );
    }

    #[test]
    fn invalid_targets_like_cpython() {
        assert_eq!(
            err("f() = 1\n"),
            syntax(
                "cannot assign to function call here. Maybe you meant '==' instead of '='?",
                1,
                1,
                "f() = 1"
            )
        );
        assert_eq!(
            err("1 = x\n").1,
            "cannot assign to literal here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(err("None = 1\n").1, "cannot assign to None");
        assert_eq!(err("True = 1\n").1, "cannot assign to True");
        assert_eq!(err("a < b = 1\n").1, "cannot assign to comparison");
        assert_eq!(
            err("a + 1 = 2\n").1,
            "cannot assign to expression here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(
            err("(x := 1) = 2\n").1,
            "cannot assign to named expression here. Maybe you meant '==' instead of '='?"
        );
        assert_eq!(
            err("del f()\n"),
            syntax("cannot delete function call", 1, 5, "del f()")
        );
        assert_eq!(err("del 1\n").1, "cannot delete literal");
        assert_eq!(
            err("(a, b) += 1\n").1,
            "'tuple' is an illegal expression for augmented assignment"
        );
        assert_eq!(
            err("a + 1 += 2\n").1,
            "'expression' is an illegal expression for augmented assignment"
        );
    }

    // ------------------------------------------------------------ limits

    #[test]
    fn nesting_limits() {
        // 100k terms: an error, not a crash (even on a small stack: the pre-scan stops it).
        let e = err(&format!("x = 1{}\n", "+1".repeat(100_000)));
        assert_eq!(
            (e.0.as_str(), e.1.as_str(), e.2),
            ("SyntaxError", "expression too deeply nested", 1)
        );
        let e = err(&format!("x = {}1\n", "-".repeat(100_000)));
        assert_eq!(e.1, "expression too deeply nested");
        let e = err(&format!("x = {}1\n", "not ".repeat(5000)));
        assert_eq!(e.1, "expression too deeply nested");
        let e = err(&format!("x = a{}\n", ".b".repeat(5000)));
        assert_eq!(e.1, "expression too deeply nested");
        let e = err(&format!("x = {}1\n", "lambda: ".repeat(5000)));
        assert_eq!(e.1, "expression too deeply nested");
        // 1000-deep parentheses: CPython's limit is 200.
        let e = err(&format!("x = {}1{}\n", "(".repeat(1000), ")".repeat(1000)));
        assert_eq!(e, syntax("too many nested parentheses", 1, 205, &e.4));
        let e = err(&format!("x = {}1{}\n", "[".repeat(201), "]".repeat(201)));
        assert_eq!((e.1.as_str(), e.3), ("too many nested parentheses", 205));
        ok_big(format!("x = {}1{}\n", "(".repeat(200), ")".repeat(200)));
        // Indentation: CPython refuses the 100th level.
        let deep = |n: usize| {
            let mut s = String::new();
            for i in 0..n {
                s += &format!("{}if x:\n", " ".repeat(i));
            }
            s + &format!("{}pass\n", " ".repeat(n))
        };
        assert_eq!(
            err(&deep(100)),
            (
                "IndentationError".into(),
                "too many levels of indentation".into(),
                101,
                1,
                format!("{}pass", " ".repeat(100))
            )
        );
        ok_big(deep(99));
        // 2000 `elif`s nest 2000 deep in our AST.
        let mut s = String::from("if x:\n    pass\n");
        for _ in 0..2000 {
            s += "elif x:\n    pass\n";
        }
        let e = err_big(s);
        assert!(e.1.ends_with("too deeply nested") && e.2 == 1999, "{e:?}");
        // Just under the limits: fine (on a big stack, as the interpreter runs it).
        ok_big(format!("x = 1{}\n", "+1".repeat(990)));
        ok_big(format!("x = {}1\n", "-".repeat(990)));
        ok_big(format!("x = [{}]\n", "-1, ".repeat(100_000)));
        ok_big(format!("x = [{}]\n", "(1 + 2), ".repeat(10_000)));
        // The limit is on the tree's height, not on the number of operators.
        ok(&format!("x = {}1\n", "2*p**6*q**11 - ".repeat(300)));
        ok(&format!("x = [{}]\n", "-1, ".repeat(100_000)));
        ok(&format!("x = a{}\n", " and a".repeat(5000)));
        ok(&format!("x = a{}\n", " < a".repeat(5000)));
        ok_big(format!("x = {}1\n", "1 if 1 else ".repeat(990)));
        ok_big(format!("x = {}1\n", "lambda a, b=-1: ".repeat(990)));
        ok_big(format!("x = 1{}\n", "**-1".repeat(495)));
        assert_eq!(
            err(&format!("x = 1{}\n", "**-1".repeat(505))).1,
            "expression too deeply nested"
        );
        assert_eq!(
            err(&format!("x = a{}\n", ".b(c)[d]".repeat(400))).1,
            "expression too deeply nested"
        );
        assert_eq!(
            err(&format!("x = {}1\n", "lambda a, b=-1: ".repeat(1010))).1,
            "expression too deeply nested"
        );
        assert_eq!(
            err(&format!("x = {}1\n", "1 if 1 else ".repeat(1010))).1,
            "expression too deeply nested"
        );
        assert_eq!(
            err(&format!("x = f'{{{}}}'\n", "-".repeat(5000) + "1")).1,
            "expression too deeply nested"
        );
        assert_eq!(
            err(&format!("x = ({}1)\n", "not ".repeat(5000))).1,
            "expression too deeply nested"
        );
        // Nested f-strings reusing the quote are Python 3.12 syntax.
        let e = err_big(format!("x = {}1{}\n", "f'{".repeat(50), "}'".repeat(50)));
        assert_eq!((e.1.as_str(), e.3), ("Cannot reuse outer quote character in f-strings on Python 3.11 (syntax was added in Python 3.12)", 9));
    }
}
