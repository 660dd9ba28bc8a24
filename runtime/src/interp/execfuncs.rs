//! The builtins `compile`, `exec` and `eval`: source lowered by the interpreter's parser
//! into the code objects `HPy_Compile_s` also makes (`objects/codeobj.rs`), run by the
//! evaluator with a dict as globals.
//!
//! The evaluator runs module-level code with its globals as locals. When a separate
//! locals mapping is given, the code runs in that dict, with the globals' names it lacks
//! lent to it for the run (taken back afterwards if the code did not rebind them):
//! assignments land in locals and reads see both, as in CPython; functions the code
//! defines see that dict as their globals, which is where hpymove differs.

use std::rc::Rc;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::code::{Code, StmtKind, SyntaxErrorInfo};
use crate::objects::codeobj::{self, CodeData, Mode, RESULT};
use crate::objects::{bytes, list, str as pystr, type_of, types};
use crate::state::State;

/// Lowers `source` into a code object for `mode` ("exec", "eval" or "single").
fn make_code(st: &mut State, source: &str, filename: &str, mode: &str) -> PyResult<RawRef> {
    let parse = |st: &mut State, src: &str| -> PyResult<Rc<Code>> {
        super::lower::parse_module(src, filename).map_err(|e| st.raise_syntax_error(&e))
    };
    let code = parse(st, source)?;
    let single_expr = code.body.len() == 1 && matches!(code.body[0].kind, StmtKind::Expr(_));
    let (code, mode) = match mode {
        "exec" => (code, Mode::File),
        "single" if !single_expr => (code, Mode::Single { expression: false }),
        "eval" if !single_expr => {
            let at = usize::from(code.body.len() > 1);
            let line = code.body.get(at).map_or(1, |s| s.span.line);
            return Err(st.raise_syntax_error(&SyntaxErrorInfo {
                class: "SyntaxError",
                msg: "invalid syntax".into(),
                filename: filename.into(),
                line,
                col: 1,
                text: source
                    .lines()
                    .nth(line as usize - 1)
                    .unwrap_or("")
                    .to_string(),
            }));
        }
        _ => {
            // `RESULT = (source)`: same lines, the expression's value kept.
            let wrapped = format!("{RESULT} = ({}\n)", source.trim_end());
            let code = parse(st, &wrapped)?;
            let mode = if mode == "eval" {
                Mode::Expr
            } else {
                Mode::Single { expression: true }
            };
            (code, mode)
        }
    };
    let lines = Rc::new(source.lines().map(str::to_string).collect());
    Ok(codeobj::new(&st.alloc(), CodeData { code, mode, lines })?.raw())
}

/// The text of a source argument (str, or bytes in UTF-8).
fn source_text(st: &mut State, v: RawRef, fname: &str) -> PyResult<String> {
    let o = st.obj(v);
    if o.kind() == st.b.kinds.str_ {
        return Ok(pystr::as_str(o).to_string());
    }
    if o.kind() == st.b.kinds.bytes {
        // Decoded as a source file is (PEP 263: a BOM or a coding declaration).
        let data = bytes::data(o).to_vec();
        return st.source_text(&data, "<string>");
    }
    let what = if fname == "compile" {
        "compile() arg 1 must be a string, bytes or AST object".to_string()
    } else {
        format!("{fname}() arg 1 must be a string, bytes or code object")
    };
    Err(st.raise("TypeError", what))
}

fn is_dict(st: &State, v: RawRef) -> bool {
    types::data(type_of(st.obj(v))).instances == types::Instances::Dict
}

/// The argument `i` (or keyword `kw`), if given and not None.
fn opt_arg(st: &State, args: Args<'_>, i: usize, kw: &str) -> Option<RawRef> {
    let v = if i < args.len() {
        Some(args.get(st, i))
    } else {
        (0..args.kw_len())
            .find(|&k| args.kw_name(k) == kw)
            .map(|k| args.kw(st, k))
    };
    v.filter(|&v| v != st.b.none)
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1)`.
pub(crate) fn compile(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let mut pos = [None; 3];
    for (i, slot) in pos.iter_mut().enumerate() {
        *slot = opt_arg(st, args, i, ["source", "filename", "mode"][i]);
    }
    if args.len() > 6 {
        return Err(st.raise(
            "TypeError",
            format!("compile() takes at most 6 arguments ({} given)", args.len()),
        ));
    }
    let names = ["source", "filename", "mode"];
    for (i, p) in pos.iter().enumerate() {
        if p.is_none() {
            return Err(st.raise(
                "TypeError",
                format!(
                    "compile() missing required argument '{}' (pos {})",
                    names[i],
                    i + 1
                ),
            ));
        }
    }
    let [Some(src), Some(fname), Some(mode)] = pos else {
        unreachable!("checked above")
    };
    let mi = st.push(src);
    st.push(fname);
    st.push(mode);
    let source = source_text(st, st.at(mi), "compile")?;
    let filename = crate::objects::args_check::text_of(st, st.at(mi + 1), "compile()")?;
    let mode = crate::objects::args_check::text_of(st, st.at(mi + 2), "compile()")?;
    st.truncate(mi);
    if !matches!(mode.as_str(), "exec" | "eval" | "single") {
        return Err(st.raise(
            "ValueError",
            "compile() mode must be 'exec', 'eval' or 'single'".into(),
        ));
    }
    make_code(st, &source, &filename, &mode)
}

/// `exec(source, globals=None, locals=None)`.
pub(crate) fn exec(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    run(st, args, "exec")?;
    Ok(st.b.none)
}

/// `eval(source, globals=None, locals=None)`.
pub(crate) fn eval(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    run(st, args, "eval")
}

fn run(st: &mut State, args: Args<'_>, fname: &str) -> PyResult<RawRef> {
    if args.len() + args.kw_len() == 0 {
        return Err(st.raise(
            "TypeError",
            format!("{fname} expected at least 1 argument, got 0"),
        ));
    }
    if args.len() > 3 {
        return Err(st.raise(
            "TypeError",
            format!("{fname} expected at most 3 arguments, got {}", args.len()),
        ));
    }
    let src = args.get(st, 0);
    let globals = opt_arg(st, args, 1, "globals");
    let locals = opt_arg(st, args, 2, "locals");
    let base = st.push(src);
    let g = match globals {
        Some(g) if !is_dict(st, g) => {
            let msg = if fname == "exec" {
                format!("exec() globals must be a dict, not {}", st.type_name(g))
            } else {
                "globals must be a dict".to_string()
            };
            return Err(st.raise("TypeError", msg));
        }
        Some(g) => g,
        // The caller's globals (the running frame's, as `globals()` gives them).
        None => st.at(st.frame_base()),
    };
    st.push(g);
    let l = match locals {
        Some(l) if !is_dict(st, l) => {
            let t = st.type_name(l);
            return Err(st.raise(
                "TypeError",
                format!("locals must be a mapping (hpymove: a dict), not {t}"),
            ));
        }
        Some(l) => l,
        None => st.at(base + 1),
    };
    st.push(l);
    let r = run_in(st, base, fname);
    st.truncate(base);
    r
}

/// Runs the source or code at `base` with the globals at `base + 1` and the locals at
/// `base + 2`.
fn run_in(st: &mut State, base: usize, fname: &str) -> PyResult<RawRef> {
    // CPython gives globals a `__builtins__` when they have none.
    let key = pystr::new(&st.alloc(), "__builtins__")?.raw();
    let ki = st.push(key);
    if st.dict_get(st.at(base + 1), st.at(ki))?.is_none() {
        let bm = st.b.builtins_module;
        st.dict_set(st.at(base + 1), st.at(ki), bm)?;
    }
    st.truncate(ki);
    let src = st.at(base);
    let code = if st.obj(src).kind() == st.b.kinds.code {
        src
    } else {
        let text = source_text(st, src, fname)?;
        // CPython strips leading blanks of an eval'd string.
        let text = if fname == "eval" {
            text.trim_start_matches([' ', '\t']).to_string()
        } else {
            text
        };
        make_code(st, &text, "<string>", fname)?
    };
    st.push(code);
    let d = codeobj::data(st.obj(code));
    let (code, mode, lines) = (Rc::clone(&d.code), d.mode, Rc::clone(&d.lines));
    st.interp.sources.insert(Rc::clone(&code.filename), lines);
    let (g, l) = (st.at(base + 1), st.at(base + 2));
    let lent = if g == l { None } else { Some(lend(st, g, l)?) };
    let li = st.push(lent.unwrap_or(RawRef::NULL));
    let r = st.run_module_code(code, st.at(base + 2));
    if lent.is_some() {
        take_back(st, st.at(li), st.at(base + 2))?;
    }
    r?;
    match mode {
        Mode::Expr | Mode::Single { expression: true } => {
            let key = pystr::new(&st.alloc(), RESULT)?.raw();
            let ki = st.push(key);
            let v = st
                .dict_get(st.at(base + 2), st.at(ki))?
                .unwrap_or(st.b.none);
            let vi = st.push(v);
            st.dict_del(st.at(base + 2), st.at(ki))?;
            let v = st.at(vi);
            if matches!(mode, Mode::Single { .. }) && v != st.b.none {
                let text = st.repr_text(v)?;
                super::natives::write_out(false, &format!("{text}\n"), false);
            }
            Ok(if mode == Mode::Expr { v } else { st.b.none })
        }
        Mode::File | Mode::Single { expression: false } => Ok(st.b.none),
    }
}

/// Copies into `l` the items of `g` whose keys `l` lacks; returns the list of those keys
/// and values, alternating.
fn lend(st: &mut State, g: RawRef, l: RawRef) -> PyResult<RawRef> {
    let gi = st.push(g);
    st.push(l);
    let keys = st.dict_keys(g)?;
    st.push(keys);
    let out = list::new(&st.alloc(), &[])?.raw();
    st.push(out);
    for i in 0..list::len(st.obj(st.at(gi + 2))) {
        let k = list::get(st.obj(st.at(gi + 2)), i).raw();
        let ki = st.push(k);
        if st.dict_get(st.at(gi + 1), k)?.is_none() {
            let v = st.dict_get(st.at(gi), st.at(ki))?.unwrap_or(st.b.none);
            let vi = st.push(v);
            st.dict_set(st.at(gi + 1), st.at(ki), st.at(vi))?;
            let a = st.alloc();
            list::append(&a, st.obj(st.at(gi + 3)), st.obj(st.at(ki)))?;
            let a = st.alloc();
            list::append(&a, st.obj(st.at(gi + 3)), st.obj(st.at(vi)))?;
        }
        st.truncate(ki);
    }
    let out = st.at(gi + 3);
    st.truncate(gi);
    Ok(out)
}

/// Removes from `l` the lent items the code left as they were.
fn take_back(st: &mut State, lent: RawRef, l: RawRef) -> PyResult<()> {
    let li = st.push(lent);
    st.push(l);
    let n = list::len(st.obj(lent));
    for i in (0..n).step_by(2) {
        let k = list::get(st.obj(st.at(li)), i).raw();
        let ki = st.push(k);
        let now = st.dict_get(st.at(li + 1), k)?;
        let was = list::get(st.obj(st.at(li)), i + 1).raw();
        if now == Some(was) {
            st.dict_del(st.at(li + 1), st.at(ki))?;
        }
        st.truncate(ki);
    }
    st.truncate(li);
    Ok(())
}
