//! Failing `assert` statements explained, as pytest's assertion rewriting does at its
//! simplest: once a test runner turns it on (`sys._assert_detail(True)`, done by
//! `hpymove -m pytest`), `assert a == b` without a message raises
//! `AssertionError('assert 1 == 2')` with the operands' reprs, and any other failing
//! `assert x` raises `AssertionError('assert <repr of x>')`. The operands are evaluated
//! once, in the same order as without the detail, so the program does the same things.

use gc::RawRef;

use super::ast::{CmpOp, Expr, ExprKind};
use crate::error::PyResult;
use crate::objects::args::Args;
use crate::state::State;
use crate::value_stack::Rooted;

fn op_text(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Eq => "==",
        CmpOp::NotEq => "!=",
        CmpOp::Lt => "<",
        CmpOp::LtE => "<=",
        CmpOp::Gt => ">",
        CmpOp::GtE => ">=",
        CmpOp::Is => "is",
        CmpOp::IsNot => "is not",
        CmpOp::In => "in",
        CmpOp::NotIn => "not in",
    }
}

impl State {
    /// `assert test` (no message) with the failure explained.
    pub(crate) fn exec_assert_detailed(&mut self, test: &Expr) -> PyResult<()> {
        let mark = self.roots.stack.len();
        let msg = match &test.kind {
            ExprKind::Compare(first, rest) if rest.len() == 1 => {
                let (op, e) = &rest[0];
                let x = self.eval(first)?;
                let xi = self.push(x);
                let y = self.eval(e)?;
                let yi = self.push(y);
                let ok = match self.rich_compare_obj(*op, xi, yi)? {
                    Some(r) => {
                        self.push(r);
                        self.truth(r)?
                    }
                    None => self.compare_op(*op, Rooted::slot(xi), Rooted::slot(yi))?,
                };
                if ok {
                    self.truncate(mark);
                    return Ok(());
                }
                let l = self.repr_text_at(Rooted::slot(xi))?;
                let r = self.repr_text_at(Rooted::slot(yi))?;
                format!("assert {l} {} {r}", op_text(*op))
            }
            _ => {
                let t = self.eval(test)?;
                let ti = self.push(t);
                if self.truth(t)? {
                    self.truncate(mark);
                    return Ok(());
                }
                format!("assert {}", self.repr_text_at(Rooted::slot(ti))?)
            }
        };
        self.truncate(mark);
        Err(self.raise("AssertionError", msg))
    }
}

/// `sys._assert_detail(on)`: turns the explained failures on or off.
pub(super) fn set_assert_detail(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let on = match args.opt(st, 0) {
        Some(v) => st.truth(v)?,
        None => true,
    };
    st.interp.assert_detail = on;
    Ok(st.b.none)
}
