//! Private name mangling, a rewrite of the parser's tree before step 2 (`symbols.rs`).
//!
//! Inside a class body, and in every function, lambda and comprehension nested in it, an
//! identifier `__x` that does not end in `__` and has no dot becomes `_Class__x`, where
//! `Class` is the innermost enclosing class's name without its leading underscores (no
//! change when that name is all underscores). CPython applies it wherever its compiler
//! emits a name: variables (loads, stores, `del`, `global`/`nonlocal`), attribute names,
//! parameters, `def`/`class` bindings, `except ... as`, match captures, and the modules
//! and names of `import`. Not mangled: keyword arguments of calls and class patterns'
//! attribute keywords (CPython passes both as constants), string contents, and the
//! `__name__`/`__qualname__` of a mangled `def` or `class` (`C._C__f.__name__` is
//! `'__f'`): those are kept in `Unmangled` for `symbols.rs`.
//!
//! One case is left unmangled: `import __a.b` without `as` in a class binds `_C__a` on
//! CPython (the dotted module name itself is not mangled); here it binds `__a`.

use std::cell::RefCell;

use py::visitor::transformer::{self as walk, Transformer};

use super::*;

/// The source names of the `def`s and `class`es whose binding was mangled, by scope key.
pub(super) type Unmangled = HashMap<Key, Rc<str>>;

/// Mangles the private names of every class body in `body`.
pub(super) fn mangle_private_names(body: &mut [py::Stmt]) -> Unmangled {
    let m = Mangler {
        private: RefCell::new(None),
        unmangled: RefCell::new(HashMap::new()),
    };
    m.visit_body(body);
    m.unmangled.into_inner()
}

/// `name` as CPython's compiler sees it inside class `class` (stripped of its leading
/// underscores), or `None` if it is not a private name.
pub(crate) fn mangled(class: &str, name: &str) -> Option<String> {
    if class.is_empty() || !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
        return None;
    }
    Some(format!("_{class}{name}"))
}

struct Mangler {
    /// The innermost enclosing class's name without its leading underscores.
    private: RefCell<Option<String>>,
    unmangled: RefCell<Unmangled>,
}

impl Mangler {
    fn in_class(&self) -> bool {
        self.private.borrow().is_some()
    }

    fn name(&self, n: &mut py::name::Name) {
        let new = match &*self.private.borrow() {
            Some(class) => mangled(class, n.as_str()),
            None => None,
        };
        if let Some(new) = new {
            *n = py::name::Name::new(new);
        }
    }

    fn ident(&self, i: &mut py::Identifier) {
        self.name(&mut i.id);
    }

    fn opt_ident(&self, i: &mut Option<py::Identifier>) {
        if let Some(i) = i {
            self.ident(i);
        }
    }

    /// Mangles a `def`'s or `class`'s binding, remembering the source name for the scope.
    fn binding(&self, i: &mut py::Identifier, k: Key) {
        let before: Rc<str> = i.id.as_str().into();
        self.ident(i);
        if *before != *i.id.as_str() {
            self.unmangled.borrow_mut().insert(k, before);
        }
    }

    fn class_def(&self, c: &mut py::StmtClassDef) {
        // Decorators, bases and keywords are evaluated in the enclosing scope.
        for d in &mut c.decorator_list {
            self.visit_decorator(d);
        }
        if let Some(a) = &mut c.arguments {
            self.visit_arguments(a);
        }
        let stripped = c.name.id.as_str().trim_start_matches('_').to_string();
        self.binding(&mut c.name, key(c.range, NodeKind::Class));
        let outer = self.private.replace(Some(stripped));
        self.visit_body(&mut c.body);
        *self.private.borrow_mut() = outer;
    }
}

impl Transformer for Mangler {
    fn visit_stmt(&self, s: &mut py::Stmt) {
        match s {
            py::Stmt::ClassDef(c) => return self.class_def(c),
            // Outside any class nothing is mangled: only look for classes.
            _ if !self.in_class() => {}
            py::Stmt::FunctionDef(f) => self.binding(&mut f.name, key(f.range, NodeKind::Def)),
            py::Stmt::Global(g) => g.names.iter_mut().for_each(|n| self.ident(n)),
            py::Stmt::Nonlocal(n) => n.names.iter_mut().for_each(|n| self.ident(n)),
            py::Stmt::ImportFrom(i) => self.opt_ident(&mut i.module),
            _ => {}
        }
        walk::walk_stmt(self, s);
    }

    fn visit_expr(&self, e: &mut py::Expr) {
        // Expressions hold no class statements: outside a class there is nothing to do.
        if !self.in_class() {
            return;
        }
        match e {
            py::Expr::Name(n) => self.name(&mut n.id),
            py::Expr::Attribute(a) => self.ident(&mut a.attr),
            _ => {}
        }
        walk::walk_expr(self, e);
    }

    fn visit_parameter(&self, p: &mut py::Parameter) {
        self.ident(&mut p.name);
        walk::walk_parameter(self, p);
    }

    fn visit_alias(&self, a: &mut py::Alias) {
        // `import __m` imports and binds `_C__m`; a dotted name is left as it is.
        self.ident(&mut a.name);
        self.opt_ident(&mut a.asname);
    }

    fn visit_except_handler(&self, h: &mut py::ExceptHandler) {
        let py::ExceptHandler::ExceptHandler(inner) = &mut *h;
        self.opt_ident(&mut inner.name);
        walk::walk_except_handler(self, h);
    }

    fn visit_pattern(&self, p: &mut py::Pattern) {
        match p {
            py::Pattern::MatchAs(m) => self.opt_ident(&mut m.name),
            py::Pattern::MatchStar(m) => self.opt_ident(&mut m.name),
            py::Pattern::MatchMapping(m) => self.opt_ident(&mut m.rest),
            _ => {}
        }
        walk::walk_pattern(self, p);
    }
}
