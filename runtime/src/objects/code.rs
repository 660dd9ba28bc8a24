//! The interpreter's own small AST: what `interp/lower/` makes of the parser's tree, with names
//! already resolved to their scope (fast local, cell, global, or module-level name) and
//! every node carrying its source position. The parser crate appears nowhere else, so it
//! can be swapped by rewriting `interp/lower/` alone.
//!
//! Unsupported constructs never get here: lowering turns them into a SyntaxError naming
//! the construct.

use std::rc::Rc;

use num_bigint::BigInt;

/// A position in the source: 1-based line, 0-based column in characters, and the end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) line: u32,
    pub(crate) col: u32,
    pub(crate) end_line: u32,
    pub(crate) end_col: u32,
}

/// A name looked up in a dict (globals, a class namespace): its text and its str hash,
/// computed once at lowering time instead of at every lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct NameKey {
    pub(crate) text: Rc<str>,
    pub(crate) hash: i64,
    /// Where the name was found last time, in the dict it was found in: tried first
    /// (checked against the entry's key), so a loop's global lookups skip the probe.
    pub(crate) slot: std::cell::Cell<u32>,
    /// Where a global lookup of the name found it (see [`GlobalCache`]).
    pub(crate) global: GlobalCache,
}

/// A global-name lookup remembered: the keys stamps (`objects/dict.rs`) that the globals
/// and builtins dicts had, and the index of the name's entry in the one it was found in.
/// While both stamps are unchanged the entry is still at that index (in the globals, or
/// still absent from them and at that index in the builtins), so a hit costs two
/// compares and a load, and any change to the key sets is seen at once. The value itself
/// is read from the entry each time: `builtins.len = f` replaces it in place.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct GlobalCache {
    /// The globals' keys stamp when filled; 0 (never a stamp): empty.
    pub(crate) globals_stamp: std::cell::Cell<u64>,
    /// The builtins' keys stamp when filled (when found there).
    pub(crate) builtins_stamp: std::cell::Cell<u64>,
    pub(crate) index: std::cell::Cell<u32>,
    /// Found in the globals (else in the builtins, after missing in the globals).
    pub(crate) in_globals: std::cell::Cell<bool>,
}

impl From<Rc<str>> for NameKey {
    fn from(text: Rc<str>) -> Self {
        let hash = crate::objects::ops::str_hash(&text);
        NameKey {
            text,
            hash,
            slot: std::cell::Cell::new(u32::MAX),
            global: GlobalCache::default(),
        }
    }
}

impl std::ops::Deref for NameKey {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl std::fmt::Display for NameKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Where a name lives, decided at lowering time (CPython's symbol-table rules).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Name {
    /// A local of a function that no inner function captures: frame slot `n`.
    Fast(u32),
    /// A local captured by an inner function, or a free variable of this function:
    /// cell `n` of the frame (cells are the function's own cellvars first, then its
    /// freevars).
    Cell(u32),
    /// Declared `global` in a function, or any name used in a function that is neither
    /// local nor enclosing: the module's globals, then builtins.
    Global(NameKey),
    /// A name at module level: the module's namespace, then builtins.
    Module(NameKey),
    /// A name in a class body: the class namespace (fast slot 0 of the body's frame), then
    /// the module's globals, then builtins.
    ClassNs(NameKey),
}

/// A compiled body: a module, or a function (`def` or `lambda`).
#[derive(Debug)]
pub(crate) struct Code {
    /// `<module>`, the function's name, or `<lambda>`.
    pub(crate) name: Rc<str>,
    /// The function's qualified name (`f.<locals>.g`), for reprs.
    pub(crate) qualname: Rc<str>,
    pub(crate) filename: Rc<str>,
    pub(crate) span: Span,
    pub(crate) params: Params,
    pub(crate) body: Vec<Stmt>,
    /// Names of the fast locals, by slot (parameters first, in parameter order).
    pub(crate) fast_names: Vec<Rc<str>>,
    /// Names of this function's cells: its own captured locals (`cellvars`), then the free
    /// variables it receives from enclosing functions (`freevars`).
    pub(crate) cell_names: Vec<Rc<str>>,
    /// How many of `cell_names` are cellvars (the rest are freevars).
    pub(crate) n_cellvars: u32,
    /// For each parameter that is a cellvar: (parameter's fast slot, cell index) — its
    /// value is moved into the cell when the frame starts.
    pub(crate) param_cells: Vec<(u32, u32)>,
    /// For a `def`/`lambda` inside this code: for each of the inner code's freevars, where
    /// it comes from here: a cell of this code (index into `cell_names`).
    /// (Stored on the inner `FunctionDef`, see `FuncDef::closure`.)
    pub(crate) is_module: bool,
    /// A class body's: its namespace dict is fast slot 0 (what `locals()` returns).
    pub(crate) is_class_body: bool,
    /// A generator function's (a `yield` in its body) or a generator expression's: a call
    /// binds the arguments and returns a generator that runs the body.
    pub(crate) is_generator: bool,
    /// Positional parameters only, in fast slots `0..n`, no cellvars (freevars are fine),
    /// not a generator: a call with exactly `n` positional arguments binds them straight
    /// into the frame's slots (`interp/fastcall.rs`).
    pub(crate) plain_positional: bool,
}

/// Parameters of a function, each bound to a fast slot (or moved to a cell: see
/// `Code::param_cells`).
#[derive(Debug, Default)]
pub(crate) struct Params {
    /// Positional-only parameters, then ordinary ones: (name, slot).
    pub(crate) positional: Vec<(Rc<str>, u32)>,
    /// How many of `positional` are positional-only.
    pub(crate) posonly: u32,
    /// `*args`
    pub(crate) varargs: Option<(Rc<str>, u32)>,
    /// Keyword-only parameters.
    pub(crate) kwonly: Vec<(Rc<str>, u32)>,
    /// `**kwargs`
    pub(crate) varkw: Option<(Rc<str>, u32)>,
    /// Default values of the last `positional` parameters, evaluated at `def` time.
    pub(crate) defaults: Vec<Expr>,
    /// Defaults of keyword-only parameters, by index into `kwonly`.
    pub(crate) kw_defaults: Vec<(u32, Expr)>,
    /// Annotations of the parameters and of the return value (`"return"`), evaluated at
    /// `def` time into the function's `__annotations__` (string constants under
    /// `from __future__ import annotations`).
    pub(crate) annotations: Vec<(Rc<str>, Expr)>,
}

/// A `def` or `lambda`: the code, and how to build the function at definition time.
#[derive(Debug)]
pub(crate) struct FuncDef {
    pub(crate) code: Rc<Code>,
    /// For each freevar of `code` (in order): the enclosing code's cell index it captures.
    pub(crate) closure: Vec<u32>,
    /// Decorators, applied bottom-up (empty for lambdas).
    pub(crate) decorators: Vec<Expr>,
}

#[derive(Debug)]
pub(crate) struct Stmt {
    pub(crate) span: Span,
    pub(crate) kind: StmtKind,
}

#[derive(Debug)]
pub(crate) enum StmtKind {
    Expr(Expr),
    /// `a = b = value`: targets left to right.
    Assign(Vec<Target>, Expr),
    AugAssign(Target, BinOp, Expr),
    /// `x: T = value`; at module and class level, with the name and the annotation to
    /// record in `__annotations__`.
    AnnAssign(Target, Option<Expr>, Option<(Rc<str>, Expr)>),
    If(Expr, Vec<Stmt>, Vec<Stmt>),
    While(Expr, Vec<Stmt>, Vec<Stmt>),
    For(Target, Expr, Vec<Stmt>, Vec<Stmt>),
    Break,
    Continue,
    Return(Option<Expr>),
    Pass,
    /// `def name(...)`: binds the function to `name`.
    FunctionDef(Name, Rc<FuncDef>),
    Try(Box<Try>),
    /// `raise [exc [from cause]]`
    Raise(Option<Expr>, Option<Expr>),
    Assert(Expr, Option<Expr>),
    Delete(Vec<Target>),
    /// `import a.b.c [as x]`: the module name, and what to bind (`as x` binds the leaf
    /// module; without it, `a` is bound to the top package).
    Import(Vec<ImportName>),
    /// `from module import a as b, c`: (dots, module, [(name, binding)]).
    ImportFrom(u32, Option<Rc<str>>, Vec<(Rc<str>, Name)>),
    /// `from module import *` (module level only): (dots, module). Binds the names of
    /// the module's `__all__`, or its public names, in the module's globals.
    ImportStar(u32, Option<Rc<str>>),
    /// `global`/`nonlocal`: scoping only, nothing at run time.
    Nothing,
    /// `class name(bases): body`
    ClassDef(Rc<ClassDef>),
    /// `with ctx [as target]: body` (several items nest).
    With(Box<Expr>, Option<Target>, Vec<Stmt>),
    /// Inside a comprehension's code: append the value to the list in fast slot `n`.
    ListAppend(u32, Expr),
    /// Inside a set comprehension's code: add the value to the set in fast slot `n`.
    SetAdd(u32, Expr),
    /// Inside a dict comprehension's code: `d[key] = value` for the dict in fast slot `n`.
    DictSetItem(u32, Expr, Expr),
    /// `match subject: case pattern [if guard]: body …`
    Match(Box<Match>),
}

#[derive(Debug)]
pub(crate) struct Match {
    pub(crate) subject: Expr,
    pub(crate) cases: Vec<MatchCase>,
}

#[derive(Debug)]
pub(crate) struct MatchCase {
    pub(crate) pattern: Pattern,
    pub(crate) guard: Option<Expr>,
    pub(crate) body: Vec<Stmt>,
}

/// A `case` pattern (PEP 634).
#[derive(Debug)]
pub(crate) enum Pattern {
    /// A literal or a dotted name: matches what `==` the value.
    Value(Expr),
    /// `None`, `True`, `False`: matches that object (`is`).
    Singleton(Const),
    /// A name to bind, or `_` (None): matches anything.
    Capture(Option<Name>),
    /// `pattern as name`
    As(Box<Pattern>, Name),
    /// `p | q | …`: the first alternative that matches.
    Or(Vec<Pattern>),
    /// `[p, *rest, q]`: the item patterns without the starred one, and where the starred
    /// one stands with its binding (`*_` binds nothing).
    Sequence(Vec<Pattern>, Option<(usize, Option<Name>)>),
    /// `{key: p, …, **rest}`
    Mapping(Vec<Expr>, Vec<Pattern>, Option<Name>),
    /// `Cls(p, …, attr=q, …)`
    Class(Expr, Vec<Pattern>, Vec<(Rc<str>, Pattern)>),
}

/// A `class` statement. The body is a code object run once, with the class namespace
/// in its fast slot 0 and the class's cells (its `__class__` cell, the free variables of
/// its methods) after it.
#[derive(Debug)]
pub(crate) struct ClassDef {
    pub(crate) name: Rc<str>,
    pub(crate) binding: Name,
    /// The bases, then the keywords (`metaclass=`, the ones for `__init_subclass__`).
    pub(crate) bases: Vec<Arg>,
    /// The body's code, its closure and the decorators.
    pub(crate) def: Rc<FuncDef>,
}

#[derive(Debug)]
pub(crate) struct ImportName {
    pub(crate) module: Rc<str>,
    /// `Some(binding)` for `import a.b as x` (binds the module `a.b`); `None` binds the
    /// top-level package under `top`.
    pub(crate) alias: Option<Name>,
    pub(crate) top: Name,
}

#[derive(Debug)]
pub(crate) struct Try {
    pub(crate) body: Vec<Stmt>,
    pub(crate) handlers: Vec<Handler>,
    /// `except*` clauses (PEP 654): each handles its part of an exception group.
    pub(crate) star: bool,
    pub(crate) orelse: Vec<Stmt>,
    pub(crate) finally: Vec<Stmt>,
}

#[derive(Debug)]
pub(crate) struct Handler {
    pub(crate) span: Span,
    /// The exception class (or tuple of classes) matched; `None` for a bare `except:`.
    pub(crate) class: Option<Expr>,
    /// `as name`: bound while the handler runs, deleted after (as CPython does).
    pub(crate) name: Option<Name>,
    pub(crate) body: Vec<Stmt>,
}

/// An assignment target.
#[derive(Debug)]
pub(crate) enum Target {
    Name(Name),
    Attr(Box<Expr>, Rc<str>),
    Subscript(Box<Expr>, Box<Expr>),
    /// `a, *b, c = ...`: the targets and the index of the starred one.
    Unpack(Vec<Target>, Option<usize>, Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    Div,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    BitAnd,
    BitOr,
    BitXor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Not,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CmpOp {
    Eq,
    NotEq,
    Lt,
    LtE,
    Gt,
    GtE,
    Is,
    IsNot,
    In,
    NotIn,
}

#[derive(Debug)]
pub(crate) enum Const {
    None,
    True,
    False,
    Ellipsis,
    /// An int literal that fits 64 bits (no big-int conversion per evaluation)…
    SmallInt(i64),
    /// …and one that does not.
    Int(BigInt),
    Float(f64),
    /// An imaginary literal: a complex with a zero real part.
    Imag(f64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
}

#[derive(Debug)]
pub(crate) struct Expr {
    pub(crate) span: Span,
    pub(crate) kind: ExprKind,
}

/// A call argument.
#[derive(Debug)]
pub(crate) enum Arg {
    Pos(Expr),
    /// `*iterable`
    Star(Expr),
    Kw(Rc<str>, Expr),
    /// `**mapping`
    StarStar(Expr),
}

/// The object a constant node evaluates to, once it has one shared by every evaluation
/// (`interp/constants.rs`); null until then, and for good in the moving modes (but for
/// the immortal singletons: None, True, False, Ellipsis).
#[derive(Debug)]
pub(crate) struct ConstCache(pub(crate) std::cell::Cell<gc::RawRef>);

impl ConstCache {
    /// The shared object, if the node has one.
    #[inline(always)]
    pub(crate) fn get(&self) -> Option<gc::RawRef> {
        let r = self.0.get();
        (!r.is_null()).then_some(r)
    }
}

impl Default for ConstCache {
    fn default() -> Self {
        ConstCache(std::cell::Cell::new(gc::RawRef::NULL))
    }
}

#[derive(Debug)]
pub(crate) enum ExprKind {
    Const(Const, ConstCache),
    Name(Name),
    Attr(Box<Expr>, Rc<str>),
    Subscript(Box<Expr>, Box<Expr>),
    /// `a:b:c` inside a subscript.
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    Call(Box<Expr>, Vec<Arg>),
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    Unary(UnaryOp, Box<Expr>),
    /// `a and b and c` (`true` = and).
    BoolOp(bool, Vec<Expr>),
    /// `a < b < c`
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `body if test else orelse`: (test, body, orelse).
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    Lambda(Rc<FuncDef>),
    /// Items; a `Starred` item is unpacked into the display.
    Tuple(Vec<Expr>),
    List(Vec<Expr>),
    /// `{a, *b}`
    Set(Vec<Expr>),
    /// `{k: v, **m}`: `None` key means `**m`.
    Dict(Vec<(Option<Expr>, Expr)>),
    /// `*x` inside a display or assignment.
    Starred(Box<Expr>),
    /// `x := value`
    Named(Name, Box<Expr>),
    /// f-string: literal parts and formatted values `(value, conversion 's'/'r'/'a', spec)`.
    FString(Vec<FPart>),
    /// `[elt for ... in ... if ...]`, eager, in its own scope (the code of a function that
    /// takes the first iterable as its one argument, as CPython compiles it).
    ListComp(Rc<FuncDef>, Box<Expr>),
    DictComp(Rc<FuncDef>, Box<Expr>),
    SetComp(Rc<FuncDef>, Box<Expr>),
    /// A generator expression: the code of a generator function taking the first
    /// iterable (its loops end in `yield elt`), called at once.
    GenExp(Rc<FuncDef>, Box<Expr>),
    /// `yield [value]`
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`
    YieldFrom(Box<Expr>),
}

/// A syntax error found while parsing or lowering, located for CPython's report:
///
/// ```text
///   File "x.py", line 1
///     def f(:
///           ^
/// SyntaxError: invalid syntax
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SyntaxErrorInfo {
    /// `SyntaxError`, or `IndentationError`/`TabError` where CPython uses those.
    pub(crate) class: &'static str,
    pub(crate) msg: String,
    pub(crate) filename: Rc<str>,
    /// 1-based.
    pub(crate) line: u32,
    /// 1-based column of the caret, in characters.
    pub(crate) col: u32,
    /// The source line (without its newline).
    pub(crate) text: String,
}

#[derive(Debug)]
pub(crate) enum FPart {
    Lit(Rc<str>),
    Value(Expr, Option<char>, Vec<FPart>),
}

/// One active frame. Its values are on the rooted stack from `base`:
/// `[globals, return value, fast locals…, cells…]`.
pub(crate) struct FrameInfo {
    pub(crate) code: Rc<Code>,
    pub(crate) base: usize,
    pub(crate) line: u32,
}

impl FrameInfo {
    pub(crate) fn fast(&self, n: u32) -> usize {
        self.base + 2 + n as usize
    }

    pub(crate) fn cell(&self, n: u32) -> usize {
        self.base + 2 + self.code.fast_names.len() + n as usize
    }
}
