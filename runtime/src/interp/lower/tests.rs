//! Tests of the parser front end and the lowering.
//!
//! Size: one table-like test per construct of the language, kept together so a change to
//! the lowering is checked against all of them.

use std::fmt::Write;
use std::rc::Rc;

use super::parse_module;
use crate::objects::code::{
    Arg, Code, Const, Expr, ExprKind, FPart, FuncDef, Name, Stmt, StmtKind, SyntaxErrorInfo, Target,
};

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
        ExprKind::Const(c, _) => match c {
            Const::None => "None".into(),
            Const::True => "True".into(),
            Const::False => "False".into(),
            Const::Ellipsis => "...".into(),
            Const::SmallInt(i) => i.to_string(),
            Const::Int(i) => i.to_string(),
            Const::Float(f) => format!("{f:?}"),
            Const::Imag(f) => format!("{f:?}j"),
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
        StmtKind::ImportStar(level, m) => format!(
            "from {}{} import *",
            ".".repeat(*level as usize),
            m.as_deref().unwrap_or("")
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
    assert_eq!(
        body("x = 1j, 2.5J, 1e3j, 1_0j, 1 + 2j\n"),
        "m:x = tuple(1.0j, 2.5j, 1000.0j, 10.0j, (1 Add 2.0j))"
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
    assert!(matches!(&ts[0], Target::Unpack(v, Some(1), span) if v.len() == 2 && span.col == 0));
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

#[test]
fn private_names_are_mangled_in_classes() {
    let src = "class _A:\n    __x = __y__ = 1\n    def __f(self, __p):\n        return self.__q, __p, f(__k=1)\nclass ___:\n    __z = 1\n__m = 1\n";
    let c = ok(src);
    let StmtKind::ClassDef(cd) = &c.body[0].kind else {
        panic!()
    };
    assert_eq!((name(&cd.binding).as_str(), &*cd.name), ("m:_A", "_A"));
    assert_eq!(stmt(&cd.def.code.body[0]), "n:_A__x = n:__y__ = 1");
    let StmtKind::FunctionDef(n, d) = &cd.def.code.body[1].kind else {
        panic!()
    };
    // The binding is mangled, the function's own name is not.
    assert_eq!((name(n).as_str(), &*d.code.qualname), ("n:_A__f", "_A.__f"));
    assert_eq!(
        stmt(&d.code.body[0]),
        "return tuple(f0._A__q, f1, g:f(__k=1))"
    );
    // A class named only with underscores mangles nothing; nor does the module.
    let StmtKind::ClassDef(cd) = &c.body[1].kind else {
        panic!()
    };
    assert_eq!(stmt(&cd.def.code.body[0]), "n:__z = 1");
    assert_eq!(stmt(&c.body[2]), "m:__m = 1");
    // The rewrite walks expressions in class bodies: deep ones still fit.
    ok_big(format!("class C:\n    x = 1{}\n", "+1".repeat(990)));
    ok_big(format!(
        "class C:\n    x = {}1\n",
        "lambda a, b=-1: ".repeat(990)
    ));
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
