//! The binary operators, named once for the types' slots (a set's `|`, a list's `+`) and
//! the number protocol that dispatches them.

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

    /// The augmented-assignment form, for messages of the in-place operations (`+=`).
    pub(crate) fn inplace_symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+=",
            BinOp::Sub => "-=",
            BinOp::Mul => "*=",
            BinOp::MatMul => "@=",
            BinOp::TrueDiv => "/=",
            BinOp::FloorDiv => "//=",
            BinOp::Mod => "%=",
            // No in-place divmod exists; named as the plain operation.
            BinOp::DivMod => "divmod()",
            BinOp::Pow => "**=",
            BinOp::LShift => "<<=",
            BinOp::RShift => ">>=",
            BinOp::And => "&=",
            BinOp::Or => "|=",
            BinOp::Xor => "^=",
        }
    }
}
