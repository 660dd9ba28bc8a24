//! Step 2 of lowering: `Collector`, one walk over the parser's tree that checks what Python
//! forbids but the parser accepts, rejects what hpymove does not support, and records every
//! scope's symbols (CPython's symbol-table pass).
//!
//! Size: one visit per node kind of the parser's tree, each with the checks CPython's compiler
//! makes there.

use super::*;

// ---------------------------------------------------------------- scopes

/// Symbol flags (CPython's symtable flags, as far as we need them).
pub(super) const DEF_LOCAL: u8 = 1;
pub(super) const DEF_PARAM: u8 = 2;
pub(super) const DEF_GLOBAL: u8 = 4;
pub(super) const DEF_NONLOCAL: u8 = 8;
pub(super) const USE: u8 = 16;
pub(super) const DEF_ANNOT: u8 = 32;
pub(super) const DEF_COMP_ITER: u8 = 64;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum ScopeKind {
    Module,
    Function,
    Comprehension,
    /// A class body: its names live in the class namespace, invisible to nested
    /// functions (CPython's rule).
    Class,
}

/// What made a scope; with the node's range, the key that finds the scope again.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) enum NodeKind {
    Def,
    Lambda,
    Comp,
    Class,
}

pub(super) type Key = (u32, u32, NodeKind);

pub(super) fn key(r: TextRange, kind: NodeKind) -> Key {
    (r.start().to_u32(), r.end().to_u32(), kind)
}

pub(super) struct Scope {
    pub(super) kind: ScopeKind,
    pub(super) name: Rc<str>,
    pub(super) qualname: Rc<str>,
    pub(super) parent: Option<usize>,
    pub(super) children: Vec<usize>,
    /// Every name mentioned, in order of first mention, with its flags.
    pub(super) symbols: IndexMap<Rc<str>, u8>,
    /// Parameter names, in slot order.
    pub(super) params: Vec<Rc<str>>,
    /// Offset of the first `global`/`nonlocal` statement naming each name.
    pub(super) directives: HashMap<Rc<str>, usize>,
    /// Filled by `analyze`: name → fast slot.
    pub(super) fast: IndexMap<Rc<str>, u32>,
    /// Filled by `analyze`: name → cell index (cellvars, then freevars).
    pub(super) cells: IndexMap<Rc<str>, u32>,
    pub(super) n_cellvars: u32,
    /// A `yield` appears in this scope (a function: a generator function), or the scope
    /// is a generator expression's.
    pub(super) is_generator: bool,
}

/// Interned names.
#[derive(Default)]
pub(super) struct Names(HashMap<Box<str>, Rc<str>>);

impl Names {
    pub(super) fn get(&mut self, s: &str) -> Rc<str> {
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
pub(super) fn every_param(p: &py::Parameters) -> impl Iterator<Item = &py::Parameter> {
    p.posonlyargs
        .iter()
        .chain(&p.args)
        .chain(&p.kwonlyargs)
        .map(|a| &a.parameter)
        .chain(p.vararg.as_deref())
        .chain(p.kwarg.as_deref())
}

pub(super) struct Collector<'s, 'a> {
    pub(super) src: &'s Src<'a>,
    pub(super) scopes: Vec<Scope>,
    pub(super) keys: HashMap<Key, usize>,
    pub(super) names: Names,
    pub(super) cur: usize,
    /// Loops around the current statement in the current function.
    pub(super) loops: u32,
    /// The innermost `except*` clause being visited: its scope and the loop count at its
    /// start (`break`, `continue` and `return` may not leave it).
    pub(super) except_star: Option<(usize, u32)>,
    /// Comprehension iterables being visited in the current scope.
    pub(super) comp_iter: u32,
    pub(super) depth: u32,
    pub(super) future_annotations: bool,
    /// The source names of `def`s and `class`es whose binding is mangled (`mangle.rs`).
    pub(super) unmangled: Unmangled,
}

/// CPython's error for a jump out of an `except*` clause.
const EXCEPT_STAR_EXIT: &str = "'break', 'continue' and 'return' cannot appear in an except* block";

impl<'s, 'a> Collector<'s, 'a> {
    /// Would a `break`/`continue` here leave the `except*` clause being visited (its loop
    /// encloses the clause)?
    fn leaves_except_star(&self) -> bool {
        self.except_star
            .is_some_and(|(scope, loops)| scope == self.cur && self.loops == loops)
    }

    pub(super) fn new(src: &'s Src<'a>) -> Self {
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
            except_star: None,
            comp_iter: 0,
            depth: 0,
            future_annotations: false,
            unmangled: HashMap::new(),
        }
    }

    pub(super) fn module(&mut self, body: &[py::Stmt]) -> R {
        self.stmts(body)
    }

    pub(super) fn flags(&self, scope: usize, name: &str) -> u8 {
        self.scopes[scope].symbols.get(name).copied().unwrap_or(0)
    }

    pub(super) fn add(&mut self, scope: usize, name: &str, flag: u8) {
        let name = self.names.get(name);
        *self.scopes[scope].symbols.entry(name).or_insert(0) |= flag;
    }

    pub(super) fn bind(&mut self, name: &str) {
        self.add(self.cur, name, DEF_LOCAL);
    }

    /// The names a `case` pattern binds, and the expressions it evaluates.
    pub(super) fn pattern(&mut self, p: &py::Pattern) -> R {
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

    /// `binding` is the name the scope's `def`/`class` binds; its `__name__` is the source
    /// name, which differs for a mangled private name.
    pub(super) fn new_scope(&mut self, kind: ScopeKind, binding: &str, k: Key) -> usize {
        let parent = self.cur;
        let unmangled = self.unmangled.get(&k).cloned();
        let name = unmangled.as_deref().unwrap_or(binding);
        let p = &self.scopes[parent];
        let qualname: Rc<str> = match p.kind {
            ScopeKind::Module => name.into(),
            ScopeKind::Function
                if kind == ScopeKind::Function
                    && p.symbols.get(binding).is_some_and(|f| f & DEF_GLOBAL != 0) =>
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

    pub(super) fn enter(&mut self, r: TextRange, msg: &'static str) -> R {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.src.err(msg, r));
        }
        Ok(())
    }

    // ------------------------------------------------------------ statements

    pub(super) fn stmts(&mut self, body: &[py::Stmt]) -> R {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    pub(super) fn stmt(&mut self, s: &py::Stmt) -> R {
        self.enter(s.range(), TOO_DEEP_STMT)?;
        self.stmt_inner(s)?;
        self.depth -= 1;
        Ok(())
    }

    pub(super) fn stmt_inner(&mut self, s: &py::Stmt) -> R {
        use py::Stmt as S;
        let src = self.src;
        match s {
            S::FunctionDef(f) => self.function_def(f),
            S::ClassDef(c) => self.class_def(c),
            S::Return(r) => {
                if self.scopes[self.cur].kind != ScopeKind::Function {
                    return Err(src.err("'return' outside function", r.range));
                }
                if self.except_star.is_some_and(|(scope, _)| scope == self.cur) {
                    let at = r.value.as_ref().map_or(r.range, |v| v.range());
                    return Err(src.err(EXCEPT_STAR_EXIT, at));
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
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    let py::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(c) = &h.type_ {
                        self.expr(c)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n.as_str());
                    }
                    let outer = self.except_star;
                    if t.is_star {
                        self.except_star = Some((self.cur, self.loops));
                    }
                    let r = self.stmts(&h.body);
                    self.except_star = outer;
                    r?;
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
                        // The names bound are known only at run time: module globals.
                        continue;
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
                if self.leaves_except_star() {
                    return Err(src.err(EXCEPT_STAR_EXIT, b.range));
                }
                Ok(())
            }
            S::Continue(c) => {
                if self.loops == 0 {
                    return Err(src.err("'continue' not properly in loop", c.range));
                }
                if self.leaves_except_star() {
                    return Err(src.err(EXCEPT_STAR_EXIT, c.range));
                }
                Ok(())
            }
            S::IpyEscapeCommand(c) => Err(src.err("invalid syntax", c.range)),
        }
    }

    /// `global name` (`global` true) or `nonlocal name`.
    pub(super) fn declare(&mut self, name: &str, r: TextRange, global: bool) -> R {
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

    pub(super) fn function_def(&mut self, f: &py::StmtFunctionDef) -> R {
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

    pub(super) fn class_def(&mut self, c: &py::StmtClassDef) -> R {
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

    pub(super) fn defaults(&mut self, p: &py::Parameters) -> R {
        for d in p
            .iter_non_variadic_params()
            .filter_map(|p| p.default.as_deref())
        {
            self.expr(d)?;
        }
        Ok(())
    }

    pub(super) fn params(&mut self, scope: usize, p: &py::Parameters) -> R {
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

    pub(super) fn expr(&mut self, e: &py::Expr) -> R {
        self.enter(e.range(), TOO_DEEP_EXPR)?;
        self.expr_inner(e)?;
        self.depth -= 1;
        Ok(())
    }

    // Each construct has its own function: the walk recurses, and debug builds give a
    // function with a big `match` a big frame.
    pub(super) fn expr_inner(&mut self, e: &py::Expr) -> R {
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
            E::NumberLiteral(_)
            | E::StringLiteral(_)
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

    pub(super) fn exprs(&mut self, es: &[py::Expr]) -> R {
        for e in es {
            self.expr(e)?;
        }
        Ok(())
    }

    pub(super) fn lambda(&mut self, l: &py::ExprLambda) -> R {
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

    pub(super) fn dict(&mut self, d: &py::ExprDict) -> R {
        for item in &d.items {
            if let Some(k) = &item.key {
                self.expr(k)?;
            }
            self.expr(&item.value)?;
        }
        Ok(())
    }

    pub(super) fn call(&mut self, c: &py::ExprCall) -> R {
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

    pub(super) fn fstring(&mut self, f: &py::ExprFString) -> R {
        for part in f.value.iter() {
            if let py::FStringPart::FString(fs) = part {
                self.interpolations(&fs.elements)?;
            }
        }
        Ok(())
    }

    pub(super) fn slice(&mut self, s: &py::ExprSlice) -> R {
        for part in [&s.lower, &s.upper, &s.step].into_iter().flatten() {
            self.expr(part)?;
        }
        Ok(())
    }

    pub(super) fn interpolations(&mut self, elements: &py::InterpolatedStringElements) -> R {
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
    pub(super) fn display(&mut self, elts: &[py::Expr]) -> R {
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
    pub(super) fn index(&mut self, e: &py::Expr) -> R {
        match e {
            py::Expr::Starred(_) => self.display(std::slice::from_ref(e)),
            _ => self.expr(e),
        }
    }

    pub(super) fn named(&mut self, n: &py::ExprNamed) -> R {
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
    pub(super) fn yield_here(&mut self, r: TextRange) -> R {
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

    pub(super) fn comprehension(
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
    pub(super) fn target(&mut self, t: &py::Expr, comp: bool) -> R {
        if let py::Expr::Starred(s) = t {
            return Err(self.src.err(
                "starred assignment target must be in a list or tuple",
                s.range,
            ));
        }
        self.store(t, comp)
    }

    pub(super) fn store(&mut self, t: &py::Expr, comp: bool) -> R {
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

    pub(super) fn del_target(&mut self, t: &py::Expr) -> R {
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
pub(super) fn param_names(p: &py::Parameters) -> Vec<&str> {
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
