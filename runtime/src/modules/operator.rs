//! The `_operator` module: the operators as builtin functions (`operator.py` re-exports
//! them; the helpers written in Python, `attrgetter`, `length_hint`, `concat`..., stay
//! there). Natives, as CPython's are: their repr is `<built-in function neg>`, and they
//! cost one native call rather than a Python frame. Every function is the one native
//! [`operator_call`] bound to the function's name, which it dispatches on.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::code::CmpOp;
use crate::objects::operator::BinOp;
use crate::objects::str as pystr;
use crate::protocols::number::UnaryOp;
use crate::state::State;
use crate::value_stack::Rooted;

/// `name(a, b)` is `a op b`; `iname(a, b)` is `a op= b`.
const BINARY: &[(&str, &str, BinOp)] = &[
    ("add", "iadd", BinOp::Add),
    ("sub", "isub", BinOp::Sub),
    ("mul", "imul", BinOp::Mul),
    ("matmul", "imatmul", BinOp::MatMul),
    ("truediv", "itruediv", BinOp::TrueDiv),
    ("floordiv", "ifloordiv", BinOp::FloorDiv),
    ("mod", "imod", BinOp::Mod),
    ("pow", "ipow", BinOp::Pow),
    ("lshift", "ilshift", BinOp::LShift),
    ("rshift", "irshift", BinOp::RShift),
    ("and_", "iand", BinOp::And),
    ("or_", "ior", BinOp::Or),
    ("xor", "ixor", BinOp::Xor),
];

const UNARY: &[(&str, UnaryOp)] = &[
    ("neg", UnaryOp::Neg),
    ("pos", UnaryOp::Pos),
    ("abs", UnaryOp::Abs),
    ("invert", UnaryOp::Invert),
    ("inv", UnaryOp::Invert),
];

const COMPARE: &[(&str, CmpOp)] = &[
    ("lt", CmpOp::Lt),
    ("le", CmpOp::LtE),
    ("eq", CmpOp::Eq),
    ("ne", CmpOp::NotEq),
    ("ge", CmpOp::GtE),
    ("gt", CmpOp::Gt),
];

/// The functions of one argument besides the unary operators, then of two, then three.
const OTHERS: &[(&str, usize)] = &[
    ("not_", 1),
    ("truth", 1),
    ("index", 1),
    ("is_", 2),
    ("is_not", 2),
    ("contains", 2),
    ("getitem", 2),
    ("delitem", 2),
    ("setitem", 3),
];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let names: Vec<&str> = BINARY
        .iter()
        .flat_map(|(n, i, _)| [*n, *i])
        .chain(UNARY.iter().map(|(n, _)| *n))
        .chain(COMPARE.iter().map(|(n, _)| *n))
        .chain(OTHERS.iter().map(|(n, _)| *n))
        .collect();
    let mi = crate::interp::natives::dispatch_module(st, "_operator", &names, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// CPython's messages: a one-argument function is `_operator.NAME()`, the others are not.
fn arity(st: &mut State, name: &str, args: Args<'_>, n: usize) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!("_operator.{name}() takes no keyword arguments"),
        ));
    }
    if args.len() == n {
        return Ok(());
    }
    let msg = if n == 1 {
        format!(
            "_operator.{name}() takes exactly one argument ({} given)",
            args.len()
        )
    } else {
        format!("{name} expected {n} arguments, got {}", args.len())
    };
    Err(st.raise("TypeError", msg))
}

pub(crate) fn operator_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = pystr::as_str(st.obj(args.receiver(st))).to_string();
    let name = name.as_str();
    if let Some((n, _, op)) = BINARY.iter().find(|(n, i, _)| *n == name || *i == name) {
        arity(st, name, args, 2)?;
        let (a, b) = (args.get(st, 0), args.get(st, 1));
        return if *n == name {
            st.binary_op(*op, a, b)
        } else {
            st.inplace_op(*op, a, b)
        };
    }
    if let Some((_, op)) = UNARY.iter().find(|(n, _)| *n == name) {
        arity(st, name, args, 1)?;
        return st.unary_op(*op, args.get(st, 0));
    }
    if let Some((_, op)) = COMPARE.iter().find(|(n, _)| *n == name) {
        arity(st, name, args, 2)?;
        return compare(st, *op, args.get(st, 0), args.get(st, 1));
    }
    let n = OTHERS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(0, |(_, n)| *n);
    arity(st, name, args, n)?;
    match name {
        "not_" => {
            let t = st.truth(args.get(st, 0))?;
            Ok(st.bool_obj(!t))
        }
        "truth" => {
            let t = st.truth(args.get(st, 0))?;
            Ok(st.bool_obj(t))
        }
        "index" => st.index(args.get(st, 0)),
        "is_" => Ok(st.bool_obj(args.get(st, 0) == args.get(st, 1))),
        "is_not" => Ok(st.bool_obj(args.get(st, 0) != args.get(st, 1))),
        "contains" => {
            let found = st.contains(args.get(st, 0), args.get(st, 1))?;
            Ok(st.bool_obj(found))
        }
        "getitem" => st.getitem(args.get(st, 0), args.get(st, 1)),
        "delitem" => {
            st.delitem(args.get(st, 0), args.get(st, 1))?;
            Ok(st.b.none)
        }
        "setitem" => {
            st.setitem(args.get(st, 0), args.get(st, 1), args.get(st, 2))?;
            Ok(st.b.none)
        }
        _ => Err(st.raise(
            "AttributeError",
            format!("module '_operator' has no function '{name}'"),
        )),
    }
}

/// `a op b` as the comparison operators give it: the object a rich comparison method
/// returns (any object), or the builtin comparison's bool.
fn compare(st: &mut State, op: CmpOp, a: RawRef, b: RawRef) -> PyResult<RawRef> {
    let ai = st.push(a);
    let bi = st.push(b);
    let r = match st.rich_compare_obj(op, ai, bi) {
        Ok(Some(r)) => Ok(r),
        Ok(None) => match st.compare_op(op, Rooted::slot(ai), Rooted::slot(bi)) {
            Ok(v) => Ok(st.bool_obj(v)),
            Err(e) => Err(e),
        },
        Err(e) => Err(e),
    };
    st.truncate(ai);
    r
}
