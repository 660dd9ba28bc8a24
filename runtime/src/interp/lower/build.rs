//! Step 4 of lowering: `Lowerer` builds our AST (`objects/code.rs`) with the names resolved.
//!
//! Size: one method per node kind of the parser's tree, mapping it to ours.

use super::*;

// ---------------------------------------------------------------- lowering

pub(super) struct Lowerer<'s, 'a> {
    pub(super) src: &'s Src<'a>,
    pub(super) scopes: Vec<Scope>,
    pub(super) keys: HashMap<Key, usize>,
    pub(super) names: Names,
    pub(super) cur: usize,
    pub(super) future_annotations: bool,
}

/// What a function's body is made of.
pub(super) enum Body<'p> {
    Stmts(&'p [py::Stmt]),
    Lambda(&'p py::Expr),
}

impl Lowerer<'_, '_> {
    pub(super) fn span(&self, r: TextRange) -> Span {
        self.src.lines.span(r)
    }

    pub(super) fn internal(&self, r: TextRange) -> Error {
        self.src.err("invalid syntax", r)
    }

    pub(super) fn module(&mut self, body: &[py::Stmt]) -> R<Rc<Code>> {
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
            plain_positional: false,
        }))
    }

    /// Where `id` lives, seen from the current scope.
    pub(super) fn name(&mut self, id: &str) -> Name {
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

    pub(super) fn scope_of(&self, k: Key, r: TextRange) -> R<usize> {
        self.keys.get(&k).copied().ok_or_else(|| self.internal(r))
    }

    // ------------------------------------------------------------ statements

    pub(super) fn stmts(&mut self, body: &[py::Stmt]) -> R<Vec<Stmt>> {
        body.iter().map(|s| self.stmt(s)).collect()
    }

    pub(super) fn stmt(&mut self, s: &py::Stmt) -> R<Stmt> {
        let kind = self.stmt_kind(s)?;
        Ok(Stmt {
            span: self.span(s.range()),
            kind,
        })
    }

    // Each construct has its own function: the walk recurses, and debug builds give a
    // function with a big `match` a big frame.
    pub(super) fn stmt_kind(&mut self, s: &py::Stmt) -> R<StmtKind> {
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

    pub(super) fn class_def(&mut self, c: &py::StmtClassDef) -> R<StmtKind> {
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
            // The source name: the binding differs for a mangled private name.
            name: Rc::clone(&self.scopes[scope].name),
            binding,
            bases,
            def,
        })))
    }

    /// `with a as x, b as y: body` nests: `with a as x: with b as y: body`.
    pub(super) fn with_stmt(&mut self, items: &[py::WithItem], body: &[py::Stmt]) -> R<StmtKind> {
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

    pub(super) fn function_def(&mut self, f: &py::StmtFunctionDef) -> R<StmtKind> {
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

    pub(super) fn targets(&mut self, targets: &[py::Expr]) -> R<Vec<Target>> {
        targets.iter().map(|t| self.target(t)).collect()
    }

    pub(super) fn assign(&mut self, a: &py::StmtAssign) -> R<StmtKind> {
        let targets = self.targets(&a.targets)?;
        Ok(StmtKind::Assign(targets, self.expr(&a.value)?))
    }

    pub(super) fn aug_assign(&mut self, a: &py::StmtAugAssign) -> R<StmtKind> {
        let target = self.target(&a.target)?;
        Ok(StmtKind::AugAssign(
            target,
            bin_op(a.op),
            self.expr(&a.value)?,
        ))
    }

    pub(super) fn ann_assign(&mut self, a: &py::StmtAnnAssign) -> R<StmtKind> {
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

    pub(super) fn for_stmt(&mut self, f: &py::StmtFor) -> R<StmtKind> {
        let target = self.target(&f.target)?;
        let iter = self.expr(&f.iter)?;
        let body = self.stmts(&f.body)?;
        Ok(StmtKind::For(target, iter, body, self.stmts(&f.orelse)?))
    }

    pub(super) fn while_stmt(&mut self, w: &py::StmtWhile) -> R<StmtKind> {
        let test = self.expr(&w.test)?;
        let body = self.stmts(&w.body)?;
        Ok(StmtKind::While(test, body, self.stmts(&w.orelse)?))
    }

    /// `elif` chains become `If`s nested in the `else` branches.
    pub(super) fn if_stmt(&mut self, i: &py::StmtIf) -> R<StmtKind> {
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

    pub(super) fn match_stmt(&mut self, m: &py::StmtMatch) -> R<StmtKind> {
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

    pub(super) fn case_pattern(&mut self, p: &py::Pattern) -> R<Pattern> {
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

    pub(super) fn raise(&mut self, r: &py::StmtRaise) -> R<StmtKind> {
        let exc = self.opt_expr(r.exc.as_deref())?;
        Ok(StmtKind::Raise(exc, self.opt_expr(r.cause.as_deref())?))
    }

    pub(super) fn try_stmt(&mut self, t: &py::StmtTry) -> R<StmtKind> {
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
            star: t.is_star,
            orelse: self.stmts(&t.orelse)?,
            finally: self.stmts(&t.finalbody)?,
        })))
    }

    pub(super) fn assert(&mut self, a: &py::StmtAssert) -> R<StmtKind> {
        let test = self.expr(&a.test)?;
        Ok(StmtKind::Assert(test, self.opt_expr(a.msg.as_deref())?))
    }

    pub(super) fn import(&mut self, i: &py::StmtImport) -> R<StmtKind> {
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

    pub(super) fn import_from(&mut self, i: &py::StmtImportFrom) -> R<StmtKind> {
        let module = i.module.as_ref().map(|m| self.names.get(m.as_str()));
        if i.names.iter().any(|a| a.name.as_str() == "*") {
            return Ok(StmtKind::ImportStar(i.level, module));
        }
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
    pub(super) fn annotation(&mut self, ann: &py::Expr) -> R<Expr> {
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
            kind: ExprKind::Const(Const::Str(text.into()), Default::default()),
        })
    }

    pub(super) fn function(
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

    pub(super) fn function_body(
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
    pub(super) fn code(&self, params: Params, body: Vec<Stmt>, r: TextRange) -> Rc<Code> {
        let sc = &self.scopes[self.cur];
        let param_cells = sc
            .params
            .iter()
            .filter_map(|n| Some((*sc.fast.get(n)?, *sc.cells.get(n)?)))
            .collect();
        let plain_positional = sc.kind != ScopeKind::Class
            && !sc.is_generator
            && sc.n_cellvars == 0
            && params.varargs.is_none()
            && params.varkw.is_none()
            && params.kwonly.is_empty()
            && (params.positional.iter().enumerate()).all(|(i, (_, slot))| *slot as usize == i);
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
            plain_positional,
        })
    }

    /// For each freevar of `code`: its cell index in scope `outer`.
    pub(super) fn closure(&self, code: &Code, outer: usize) -> Vec<u32> {
        let cells = &self.scopes[outer].cells;
        code.cell_names[code.n_cellvars as usize..]
            .iter()
            .map(|n| cells.get(n).copied().unwrap_or(0))
            .collect()
    }

    // ------------------------------------------------------------ expressions

    pub(super) fn opt_expr(&mut self, e: Option<&py::Expr>) -> R<Option<Expr>> {
        e.map(|e| self.expr(e)).transpose()
    }

    pub(super) fn boxed(&mut self, e: &py::Expr) -> R<Box<Expr>> {
        Ok(Box::new(self.expr(e)?))
    }

    pub(super) fn expr(&mut self, e: &py::Expr) -> R<Expr> {
        let kind = self.expr_kind(e)?;
        Ok(Expr {
            span: self.span(e.range()),
            kind,
        })
    }

    pub(super) fn expr_kind(&mut self, e: &py::Expr) -> R<ExprKind> {
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
            E::StringLiteral(s) => Ok(ExprKind::Const(
                Const::Str(s.value.to_str().into()),
                Default::default(),
            )),
            E::BytesLiteral(b) => Ok(bytes_const(b)),
            E::NumberLiteral(n) => self.number(n),
            E::BooleanLiteral(b) => Ok(ExprKind::Const(
                if b.value { Const::True } else { Const::False },
                Default::default(),
            )),
            E::NoneLiteral(_) => Ok(ExprKind::Const(Const::None, Default::default())),
            E::EllipsisLiteral(_) => Ok(ExprKind::Const(Const::Ellipsis, Default::default())),
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

    pub(super) fn bool_op(&mut self, b: &py::ExprBoolOp) -> R<ExprKind> {
        let values = self.items(&b.values)?;
        Ok(ExprKind::BoolOp(b.op == py::BoolOp::And, values))
    }

    pub(super) fn named(&mut self, n: &py::ExprNamed) -> R<ExprKind> {
        let py::Expr::Name(t) = &*n.target else {
            return Err(self.internal(n.range));
        };
        let target = self.name(t.id.as_str());
        Ok(ExprKind::Named(target, self.boxed(&n.value)?))
    }

    pub(super) fn bin_op(&mut self, b: &py::ExprBinOp) -> R<ExprKind> {
        let left = self.boxed(&b.left)?;
        Ok(ExprKind::BinOp(bin_op(b.op), left, self.boxed(&b.right)?))
    }

    pub(super) fn unary_op(&mut self, u: &py::ExprUnaryOp) -> R<ExprKind> {
        let op = match u.op {
            py::UnaryOp::Invert => UnaryOp::Invert,
            py::UnaryOp::Not => UnaryOp::Not,
            py::UnaryOp::UAdd => UnaryOp::Pos,
            py::UnaryOp::USub => UnaryOp::Neg,
        };
        Ok(ExprKind::Unary(op, self.boxed(&u.operand)?))
    }

    pub(super) fn lambda(&mut self, l: &py::ExprLambda) -> R<ExprKind> {
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

    pub(super) fn if_exp(&mut self, i: &py::ExprIf) -> R<ExprKind> {
        let test = self.boxed(&i.test)?;
        let body = self.boxed(&i.body)?;
        Ok(ExprKind::IfExp(test, body, self.boxed(&i.orelse)?))
    }

    pub(super) fn dict(&mut self, d: &py::ExprDict) -> R<ExprKind> {
        let mut items = Vec::with_capacity(d.items.len());
        for item in &d.items {
            let k = self.opt_expr(item.key.as_ref())?;
            items.push((k, self.expr(&item.value)?));
        }
        Ok(ExprKind::Dict(items))
    }

    pub(super) fn compare(&mut self, c: &py::ExprCompare) -> R<ExprKind> {
        let left = self.boxed(&c.left)?;
        let mut rest = Vec::with_capacity(c.ops.len());
        for (op, v) in c.ops.iter().zip(c.comparators.iter()) {
            rest.push((cmp_op(*op), self.expr(v)?));
        }
        Ok(ExprKind::Compare(left, rest))
    }

    /// Positional and `*` arguments first, then keywords and `**`: CPython's order of
    /// evaluation.
    pub(super) fn call(&mut self, c: &py::ExprCall) -> R<ExprKind> {
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
    pub(super) fn zero_arg_super(&mut self, c: &py::ExprCall) -> Option<ExprKind> {
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

    pub(super) fn fstring(&mut self, f: &py::ExprFString) -> R<ExprKind> {
        let mut parts = Vec::new();
        for part in f.value.iter() {
            match part {
                py::FStringPart::Literal(s) => push_lit(&mut parts, &s.value),
                py::FStringPart::FString(fs) => self.fparts(&fs.elements, &mut parts)?,
            }
        }
        Ok(ExprKind::FString(parts))
    }

    pub(super) fn number(&mut self, n: &py::ExprNumberLiteral) -> R<ExprKind> {
        match &n.value {
            py::Number::Int(i) => match int_value(i) {
                Some(v) => Ok(ExprKind::Const(
                    match num_traits::ToPrimitive::to_i64(&v) {
                        Some(small) => Const::SmallInt(small),
                        None => Const::Int(v),
                    },
                    Default::default(),
                )),
                None => Err(self.src.err("invalid decimal literal", n.range)),
            },
            py::Number::Float(f) => Ok(ExprKind::Const(Const::Float(*f), Default::default())),
            // An imaginary literal (`2.5j`); the parser gives its real part as 0.
            py::Number::Complex { imag, .. } => {
                Ok(ExprKind::Const(Const::Imag(*imag), Default::default()))
            }
        }
    }

    pub(super) fn attribute(&mut self, a: &py::ExprAttribute) -> R<ExprKind> {
        let value = self.boxed(&a.value)?;
        Ok(ExprKind::Attr(value, self.names.get(a.attr.as_str())))
    }

    pub(super) fn subscript(&mut self, s: &py::ExprSubscript) -> R<ExprKind> {
        let value = self.boxed(&s.value)?;
        Ok(ExprKind::Subscript(value, Box::new(self.index(&s.slice)?)))
    }

    pub(super) fn slice(&mut self, s: &py::ExprSlice) -> R<ExprKind> {
        let lower = s.lower.as_deref().map(|e| self.boxed(e)).transpose()?;
        let upper = s.upper.as_deref().map(|e| self.boxed(e)).transpose()?;
        let step = s.step.as_deref().map(|e| self.boxed(e)).transpose()?;
        Ok(ExprKind::Slice(lower, upper, step))
    }

    pub(super) fn items(&mut self, elts: &[py::Expr]) -> R<Vec<Expr>> {
        elts.iter().map(|e| self.expr(e)).collect()
    }

    /// A subscript's index; `x[*a]` is the tuple `(*a,)`.
    pub(super) fn index(&mut self, e: &py::Expr) -> R<Expr> {
        if let py::Expr::Starred(_) = e {
            let item = self.expr(e)?;
            return Ok(Expr {
                span: item.span,
                kind: ExprKind::Tuple(vec![item]),
            });
        }
        self.expr(e)
    }

    pub(super) fn fparts(
        &mut self,
        elements: &py::InterpolatedStringElements,
        out: &mut Vec<FPart>,
    ) -> R {
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

    pub(super) fn comprehension(
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

    pub(super) fn comprehension_code(
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

    pub(super) fn target(&mut self, t: &py::Expr) -> R<Target> {
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
pub(super) enum Comp {
    List,
    Dict,
    Set,
    Gen,
}

pub(super) fn push_lit(out: &mut Vec<FPart>, s: &str) {
    if s.is_empty() {
        return;
    }
    if let Some(FPart::Lit(prev)) = out.last_mut() {
        *prev = format!("{prev}{s}").into();
    } else {
        out.push(FPart::Lit(s.into()));
    }
}

pub(super) fn bytes_const(b: &py::ExprBytesLiteral) -> ExprKind {
    let mut v = Vec::new();
    for part in b.value.iter() {
        v.extend_from_slice(part.as_slice());
    }
    ExprKind::Const(Const::Bytes(v.into()), Default::default())
}

/// An integer literal's value (the parser keeps big ones as their source text).
pub(super) fn int_value(i: &py::Int) -> Option<BigInt> {
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

pub(super) fn bin_op(op: py::Operator) -> BinOp {
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

pub(super) fn cmp_op(op: py::CmpOp) -> CmpOp {
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
