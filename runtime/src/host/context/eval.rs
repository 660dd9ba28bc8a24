//! `HPy_Compile_s` and `HPy_EvalCode`: source compiled by the interpreter's own parser and
//! lowering, run by its evaluator.
//!
//! The evaluator runs module-level code with its globals as locals; separate `locals` go
//! through the builtin `eval`, which runs the code in them with the globals' names lent.
//! An expression is compiled as the assignment of its value to a reserved global, which
//! `HPy_EvalCode` takes out again (the source is first checked on its own, so that a syntax error points
//! into it, not into the assignment).

use std::ffi::c_char;
use std::rc::Rc;

use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_SourceKind};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::code::StmtKind;
use crate::objects::codeobj::{self, CodeData, Mode, RESULT};
use crate::objects::{str as pystr, type_of, types};
use crate::state::State;

pub(crate) unsafe extern "C" fn ctx_Compile_s(
    ctx: *mut HPyContext,
    utf8_source: *const c_char,
    utf8_filename: *const c_char,
    kind: HPy_SourceKind,
) -> HPy {
    const F: &str = "HPy_Compile_s";
    enter(ctx, F, HPy_NULL, |st| {
        let source = c_str(st, utf8_source, F)?.to_string();
        let filename = c_str(st, utf8_filename, F)?.to_string();
        let kind = match kind {
            hpy_abi::HPy_SourceKind_Expr => 0,
            hpy_abi::HPy_SourceKind_File => 1,
            hpy_abi::HPy_SourceKind_Single => 2,
            _ => return Err(st.raise("SystemError", "invalid source kind".into())),
        };
        let code = compile(st, &source, &filename)?;
        let single_expr = code.body.len() == 1 && matches!(code.body[0].kind, StmtKind::Expr(_));
        let (code, mode) = match kind {
            0 if !single_expr => {
                // Not one expression (`x = 1`, two statements): what CPython's eval mode
                // says, at the first statement that is not the expression.
                let at = if code.body.len() > 1 { 1 } else { 0 };
                let line = code.body.get(at).map_or(1, |s| s.span.line);
                return Err(
                    st.up_raise_syntax_error(&crate::objects::code::SyntaxErrorInfo {
                        class: "SyntaxError",
                        msg: "invalid syntax".into(),
                        filename: filename.as_str().into(),
                        line,
                        col: 1,
                        text: source
                            .lines()
                            .nth(line as usize - 1)
                            .unwrap_or("")
                            .to_string(),
                    }),
                );
            }
            1 => (code, Mode::File),
            2 if !single_expr => (code, Mode::Single { expression: false }),
            _ => {
                // `RESULT = (source)`: same lines, the expression's value kept.
                let wrapped = format!("{RESULT} = ({}\n)", source.trim_end());
                let code = compile(st, &wrapped, &filename)?;
                let mode = if kind == 0 {
                    Mode::Expr
                } else {
                    Mode::Single { expression: true }
                };
                (code, mode)
            }
        };
        let lines = Rc::new(source.lines().map(str::to_string).collect());
        let c = codeobj::new(&st.alloc(), CodeData { code, mode, lines })?.raw();
        Ok(st.roots.handles.open(c))
    })
}

fn compile(
    st: &mut State,
    source: &str,
    filename: &str,
) -> PyResult<Rc<crate::objects::code::Code>> {
    st.up_compile_source(source, filename)
}

pub(crate) unsafe extern "C" fn ctx_EvalCode(
    ctx: *mut HPyContext,
    code: HPy,
    globals: HPy,
    locals: HPy,
) -> HPy {
    const F: &str = "HPy_EvalCode";
    enter(ctx, F, HPy_NULL, |st| {
        let c = st.get(code, F)?;
        if st.obj(c).kind() != st.b.kinds.code {
            let t = st.type_name(c);
            return Err(st.raise(
                "TypeError",
                format!("{F}: expected a code object, not '{t}'"),
            ));
        }
        let g = st.get(globals, F)?;
        if types::data(type_of(st.obj(g))).instances != types::Instances::Dict {
            return Err(st.raise("TypeError", "globals must be a dict".into()));
        }
        if locals._i != 0 && st.get(locals, F)? != g {
            // Separate locals: the builtin `eval` runs the code in them, with the globals'
            // names lent (`interp/execfuncs.rs`).
            let l = st.get(locals, F)?;
            if types::data(type_of(st.obj(l))).instances != types::Instances::Dict {
                return Err(st.raise(
                    "TypeError",
                    "hpymove: HPy_EvalCode's locals must be a dict".into(),
                ));
            }
            let f = st.getattr(st.b.builtins_module, "eval")?;
            let fi = st.push(f);
            let (c, g, l) = (st.get(code, F)?, st.get(globals, F)?, st.get(locals, F)?);
            let r = st.call(st.at(fi), &[c, g, l], &[]);
            st.truncate(fi);
            return Ok(st.roots.handles.open(r?));
        }
        let d = codeobj::data(st.obj(c));
        let (code, mode, lines) = (Rc::clone(&d.code), d.mode, Rc::clone(&d.lines));
        st.interp.sources.insert(Rc::clone(&code.filename), lines);
        let gh = st.roots.handles.open(g);
        let r = run(st, code, mode, gh);
        let _ = st.roots.handles.close(gh);
        r
    })
}

fn run(st: &mut State, code: Rc<crate::objects::code::Code>, mode: Mode, gh: HPy) -> PyResult<HPy> {
    let g = st.roots.handles.get(gh).expect("open");
    st.up_run_module_code(code, g)?;
    let result = match mode {
        Mode::File | Mode::Single { expression: false } => st.b.none,
        Mode::Expr | Mode::Single { expression: true } => {
            let g = st.roots.handles.get(gh).expect("open");
            let key = pystr::new(&st.alloc(), RESULT)?.raw();
            let ki = st.push(key);
            let v = st.dict_get(g, st.at(ki))?.unwrap_or(st.b.none);
            let vi = st.push(v);
            let g = st.roots.handles.get(gh).expect("open");
            st.dict_del(g, st.at(ki))?;
            let v = st.at(vi);
            st.truncate(ki);
            if mode == Mode::Expr {
                v
            } else {
                if v != st.b.none {
                    let h = st.roots.handles.open(v);
                    let text = st.repr_text(v);
                    let _ = st.roots.handles.close(h);
                    st.up_write_stdout(&format!("{}\n", text?), false);
                }
                st.b.none
            }
        }
    };
    Ok(st.roots.handles.open(result))
}
