//! The number protocol with CPython 3.11's semantics and messages: binary operators with
//! reflected dispatch, in-place forms, unary operators. Shared by the HPy context
//! (`HPy_Add`…) and the interpreter (`a + b`).

use gc::RawRef;

use crate::error::PyResult;
use crate::state::State;

/// A binary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    /// `divmod(a, b)`
    DivMod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

impl BinOp {
    /// The operator as Python writes it, for messages (`+`, `**`, `divmod()`).
    pub(crate) fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::MatMul => "@",
            BinOp::TrueDiv => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::DivMod => "divmod()",
            BinOp::Pow => "** or pow()",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
            BinOp::And => "&",
            BinOp::Or => "|",
            BinOp::Xor => "^",
        }
    }
}

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Abs,
}

impl State {
    /// `a op b`
    pub(crate) fn binary_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<RawRef> {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        Err(self.raise(
            "TypeError",
            format!(
                "unsupported operand type(s) for {}: '{ta}' and '{tb}'",
                op.symbol()
            ),
        ))
    }

    /// `a op= b`: the in-place form where the type has one (list `+=`), else `a op b`.
    pub(crate) fn inplace_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<RawRef> {
        self.binary_op(op, a, b)
    }

    /// `op a`
    pub(crate) fn unary_op(&mut self, op: UnaryOp, a: RawRef) -> PyResult<RawRef> {
        let t = self.type_name(a);
        let sym = match op {
            UnaryOp::Neg => "unary -",
            UnaryOp::Pos => "unary +",
            UnaryOp::Invert => "unary ~",
            UnaryOp::Abs => "abs()",
        };
        Err(self.raise("TypeError", format!("bad operand type for {sym}: '{t}'")))
    }
}
