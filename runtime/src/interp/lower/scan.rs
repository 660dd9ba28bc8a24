//! Step 1 of lowering: the pre-scan over the source text, before the (recursive) parser:
//! nesting limits and the tokenizer-level errors the parser does not report as CPython does.
//!
//! Size: a hand-written tokenizer-level scanner (brackets, strings, f-strings, indentation).

use super::*;

// ---------------------------------------------------------------- the pre-scan

/// What the pre-scan found that is not fatal: tokenizer-level errors CPython reports before
/// the parser's, and the innermost bracket left open at the end.
#[derive(Default)]
pub(super) struct Scan {
    /// The first unmatched or mismatched closing bracket.
    pub(super) bracket_error: Option<(usize, Error)>,
    /// The first inconsistent use of tabs and spaces.
    pub(super) tab_error: Option<(usize, Error)>,
    /// (offset, bracket) of the innermost bracket never closed.
    pub(super) unclosed: Option<(usize, u8)>,
}

/// Where the pre-scan is, inside f-strings.
pub(super) enum FCtx {
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
pub(super) struct Op {
    pub(super) prec: u8,
    pub(super) kind: OpKind,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum OpKind {
    Prefix,
    Left,
    Right,
    /// `and`, `or`, comparisons: one node for a whole chain (the tag tells which).
    Flat(u8),
    /// The `else` of a conditional expression (its `if` makes the node).
    Else,
}

// Precedences, lowest first (CPython's grammar).
pub(super) const P_LAMBDA: u8 = 0;
pub(super) const P_NAMED: u8 = 1;
pub(super) const P_IFEXP: u8 = 2;
pub(super) const P_OR: u8 = 3;
pub(super) const P_AND: u8 = 4;
pub(super) const P_NOT: u8 = 5;
pub(super) const P_CMP: u8 = 6;
pub(super) const P_BITOR: u8 = 7;
pub(super) const P_BITXOR: u8 = 8;
pub(super) const P_BITAND: u8 = 9;
pub(super) const P_SHIFT: u8 = 10;
pub(super) const P_ADD: u8 = 11;
pub(super) const P_MUL: u8 = 12;
pub(super) const P_UNARY: u8 = 13;
pub(super) const P_POW: u8 = 14;
pub(super) const P_AWAIT: u8 = 15;

/// A bracket level (or the level outside any bracket), with the state of the height
/// evaluator for the expression being scanned at that level.
pub(super) struct Level {
    pub(super) offset: usize,
    pub(super) ch: u8,
    /// Opened inside an f-string.
    pub(super) in_fstring: bool,
    /// The `{` of an f-string's replacement field.
    pub(super) field: bool,
    /// Opened right after an operand: a call or a subscript.
    pub(super) trailer: bool,
    /// Heights of the operands, with the tag of the flat node that made them.
    pub(super) vals: Vec<(u32, u8)>,
    pub(super) ops: Vec<Op>,
    /// The tallest expression finished at this level.
    pub(super) max: u32,
    /// Whether the level held more than one expression (a tuple, not just parentheses).
    pub(super) had_sep: bool,
    /// For each `lambda` whose parameters are being scanned: the stack sizes at its start
    /// (the default values are expressions of their own).
    pub(super) lambda_marks: Vec<(usize, usize)>,
    pub(super) after_for: bool,
    pub(super) prev_operand: bool,
    /// After binary `not` (of `not in`) / `is`: the `in` / `not` to skip.
    pub(super) skip_in: bool,
    pub(super) skip_not: bool,
    /// After `.`: the attribute name to skip.
    pub(super) skip_name: bool,
}

impl Level {
    pub(super) fn new(offset: usize, ch: u8, in_fstring: bool, field: bool, trailer: bool) -> Self {
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
pub(super) struct Scanner<'s, 'a> {
    pub(super) src: &'s Src<'a>,
    pub(super) b: &'a [u8],
    pub(super) i: usize,
    /// `levels[0]` is outside any bracket; the others are open brackets.
    pub(super) levels: Vec<Level>,
    pub(super) ctx: Vec<FCtx>,
    /// Indentation stack: (column with tabs to 8, column with tabs as 1).
    pub(super) indents: Vec<(u32, u32)>,
    pub(super) scan: Scan,
}

pub(super) fn prescan(src: &Src<'_>) -> R<Scan> {
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

pub(super) fn is_ident_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80
}

impl Scanner<'_, '_> {
    pub(super) fn peek(&self, k: usize) -> u8 {
        self.b.get(self.i + k).copied().unwrap_or(0)
    }

    /// Open brackets.
    pub(super) fn depth(&self) -> usize {
        self.levels.len() - 1
    }

    pub(super) fn level(&mut self) -> &mut Level {
        self.levels.last_mut().expect("level 0 is never popped")
    }

    pub(super) fn run(&mut self) -> R {
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

    pub(super) fn too_deep(&self) -> Error {
        self.src.err(TOO_DEEP_EXPR, self.i.min(self.b.len()))
    }

    /// An operand of height `h` (two operands in a row, as in `"a" "b"`, merge).
    pub(super) fn operand(&mut self, h: u32) -> R {
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
    pub(super) fn reduce_one(&mut self) -> R {
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

    pub(super) fn push_op(&mut self, op: Op) -> R {
        let l = self.level();
        l.ops.push(op);
        l.prev_operand = false;
        // Pending operators nest the ones after them (two for a conditional expression).
        if l.ops.len() > 2 * MAX_NESTING as usize {
            return Err(self.too_deep());
        }
        Ok(())
    }

    pub(super) fn prefix(&mut self, prec: u8) -> R {
        self.push_op(Op {
            prec,
            kind: OpKind::Prefix,
        })
    }

    pub(super) fn binary(&mut self, prec: u8, kind: OpKind) -> R {
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
    pub(super) fn separator(&mut self) -> R {
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
    pub(super) fn attribute(&mut self) -> R {
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

    pub(super) fn colon(&mut self) -> R {
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
    pub(super) fn cut_to_lambda(&mut self) -> R {
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

    pub(super) fn operator(&mut self) -> R {
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

    pub(super) fn word(&mut self) -> R {
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

    pub(super) fn number(&mut self) -> R {
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
    pub(super) fn string(&mut self, fstring: bool, raw: bool) -> R {
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
    pub(super) fn fstring_literal(&mut self) -> R {
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
    pub(super) fn end_fstring(&mut self) -> R {
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

    pub(super) fn open(&mut self, c: u8, field: bool) -> R {
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
    pub(super) fn close_level(&mut self) -> R {
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

    pub(super) fn close(&mut self, c: u8) -> R {
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
    pub(super) fn indentation(&mut self) -> R {
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
