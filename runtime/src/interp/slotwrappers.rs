//! The slots of an extension type seen as methods: `p.__hash__()`, `v.__len__()`,
//! `a.__setitem__(i, x)`, `v.__add__(w)`, `type(v).__len__(v)`… (CPython exposes each slot
//! of a type as a slot wrapper). Each is a native bound to `(name, obj)` (`(name,)` when
//! taken from the type: the first argument is then the instance), found only when the
//! type has the slot behind the name; calling it calls that slot, as CPython's wrapper
//! does: a binary slot's NotImplemented comes back as NotImplemented, a hash of -1 as -1.

use gc::RawRef;
use hpy_abi::*;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{native, str as pystr, tuple, type_of, types};
use crate::protocols::number::{BinOp, UnaryOp};
use crate::state::State;

const BINOPS: [BinOp; 13] = [
    BinOp::Add,
    BinOp::Sub,
    BinOp::Mul,
    BinOp::MatMul,
    BinOp::TrueDiv,
    BinOp::FloorDiv,
    BinOp::Mod,
    BinOp::Pow,
    BinOp::LShift,
    BinOp::RShift,
    BinOp::And,
    BinOp::Or,
    BinOp::Xor,
];

const CMP: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

/// What a wrapper name stands for.
#[derive(Clone, Copy)]
enum Wrapped {
    Hash,
    Str,
    Compare(i32),
    Len,
    GetItem,
    SetItem,
    DelItem,
    Contains,
    Bool,
    Int,
    Float,
    Index,
    Unary(UnaryOp),
    /// (operator, reflected, in place)
    Binary(BinOp, bool, bool),
}

fn wrapped(name: &str) -> Option<Wrapped> {
    use Wrapped::*;
    Some(match name {
        "__hash__" => Hash,
        "__str__" => Str,
        "__len__" => Len,
        "__getitem__" => GetItem,
        "__setitem__" => SetItem,
        "__delitem__" => DelItem,
        "__contains__" => Contains,
        "__bool__" => Bool,
        "__int__" => Int,
        "__float__" => Float,
        "__index__" => Index,
        "__neg__" => Unary(UnaryOp::Neg),
        "__pos__" => Unary(UnaryOp::Pos),
        "__abs__" => Unary(UnaryOp::Abs),
        "__invert__" => Unary(UnaryOp::Invert),
        _ => {
            if let Some(i) = CMP.iter().position(|n| *n == name) {
                return Some(Compare(i as i32));
            }
            // `__add__`, `__radd__`, `__iadd__`… (`__rshift__` is the plain operator; its
            // reflected form is `__rrshift__`).
            BINOPS.iter().find_map(|op| {
                let plain = dunder(*op);
                let stem = &plain[2..plain.len() - 2];
                if name == plain {
                    Some(Binary(*op, false, false))
                } else if name == format!("__r{stem}__") {
                    Some(Binary(*op, true, false))
                } else if name == format!("__i{stem}__") {
                    Some(Binary(*op, false, true))
                } else {
                    None
                }
            })?
        }
    })
}

fn dunder(op: BinOp) -> &'static str {
    match op {
        BinOp::Add => "__add__",
        BinOp::Sub => "__sub__",
        BinOp::Mul => "__mul__",
        BinOp::MatMul => "__matmul__",
        BinOp::TrueDiv => "__truediv__",
        BinOp::FloorDiv => "__floordiv__",
        BinOp::Mod => "__mod__",
        BinOp::DivMod => "__divmod__",
        BinOp::Pow => "__pow__",
        BinOp::LShift => "__lshift__",
        BinOp::RShift => "__rshift__",
        BinOp::And => "__and__",
        BinOp::Or => "__or__",
        BinOp::Xor => "__xor__",
    }
}

/// The HPy slots any one of which makes the wrapper exist.
fn slots_of(w: Wrapped) -> Vec<HPySlot_Slot> {
    use Wrapped::*;
    match w {
        Hash => vec![HPy_tp_hash],
        Str => vec![HPy_tp_str],
        Compare(_) => vec![HPy_tp_richcompare],
        Len => vec![HPy_sq_length, HPy_mp_length],
        GetItem => vec![HPy_mp_subscript, HPy_sq_item],
        SetItem | DelItem => vec![HPy_mp_ass_subscript, HPy_sq_ass_item],
        Contains => vec![HPy_sq_contains],
        Bool => vec![HPy_nb_bool],
        Int => vec![HPy_nb_int],
        Float => vec![HPy_nb_float],
        Index => vec![HPy_nb_index],
        Unary(UnaryOp::Neg) => vec![HPy_nb_negative],
        Unary(UnaryOp::Pos) => vec![HPy_nb_positive],
        Unary(UnaryOp::Abs) => vec![HPy_nb_absolute],
        Unary(UnaryOp::Invert) => vec![HPy_nb_invert],
        Binary(op, _, true) => inplace_slot(op).into_iter().collect(),
        Binary(op, _, false) => {
            let mut v = vec![crate::host::exttype::nb_slot(op)];
            match op {
                BinOp::Add => v.push(HPy_sq_concat),
                BinOp::Mul => v.push(HPy_sq_repeat),
                _ => {}
            }
            v
        }
    }
}

fn inplace_slot(op: BinOp) -> Option<HPySlot_Slot> {
    Some(match op {
        BinOp::Add => HPy_nb_inplace_add,
        BinOp::Sub => HPy_nb_inplace_subtract,
        BinOp::Mul => HPy_nb_inplace_multiply,
        BinOp::MatMul => HPy_nb_inplace_matrix_multiply,
        BinOp::TrueDiv => HPy_nb_inplace_true_divide,
        BinOp::FloorDiv => HPy_nb_inplace_floor_divide,
        BinOp::Mod => HPy_nb_inplace_remainder,
        BinOp::Pow => HPy_nb_inplace_power,
        BinOp::LShift => HPy_nb_inplace_lshift,
        BinOp::RShift => HPy_nb_inplace_rshift,
        BinOp::And => HPy_nb_inplace_and,
        BinOp::Or => HPy_nb_inplace_or,
        BinOp::Xor => HPy_nb_inplace_xor,
        BinOp::DivMod => return None,
    })
}

/// The first of `w`'s slots that extension type `t` has.
fn slot_in(st: &State, t: RawRef, w: Wrapped) -> Option<(HPySlot_Slot, usize)> {
    let e = types::ext(st.obj(t))?;
    slots_of(w)
        .into_iter()
        .find_map(|s| e.slot(s).map(|f| (s, f)))
}

impl State {
    /// `r.name` as a slot wrapper, if `r` is an instance of an extension type (or, when
    /// `r` is such a type, unbound) that has the slot behind `name`.
    pub(crate) fn slot_wrapper(&mut self, r: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let Some(w) = wrapped(name) else {
            return Ok(None);
        };
        let is_type = self.obj(r).kind() == self.b.kinds.type_;
        let t = if is_type {
            r
        } else {
            type_of(self.obj(r)).raw()
        };
        if slot_in(self, t, w).is_none() {
            return Ok(None);
        }
        let a = self.alloc();
        let n = pystr::new(&a, name)?;
        let bound = if is_type {
            tuple::new(&a, &[n])?
        } else {
            tuple::new(&a, &[n, a.heap_obj(r)])?
        };
        let index = super::natives::native_index("__slot_wrapper__");
        Ok(Some(native::new(&a, name, bound.raw(), index)?.raw()))
    }
}

/// Calls a slot wrapper: its receiver is `(name, obj)` or `(name,)`.
pub(crate) fn call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let recv = st.obj(args.receiver(st));
    let items: Vec<RawRef> = tuple::items(recv).map(|o| o.raw()).collect();
    let name = pystr::as_str(st.obj(items[0])).to_string();
    let w = wrapped(&name).expect("made for a wrapped name");
    let (this, rest) = if items.len() == 2 {
        (items[1], args)
    } else {
        if args.is_empty() {
            return Err(st.raise(
                "TypeError",
                format!("descriptor '{name}' needs an argument"),
            ));
        }
        (args.get(st, 0), args.skip(1))
    };
    let want = match w {
        Wrapped::Compare(_)
        | Wrapped::GetItem
        | Wrapped::DelItem
        | Wrapped::Contains
        | Wrapped::Binary(..) => 1,
        Wrapped::SetItem => 2,
        _ => 0,
    };
    if rest.len() != want || rest.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!(
                "expected {want} argument{}, got {}",
                if want == 1 { "" } else { "s" },
                rest.len()
            ),
        ));
    }
    let t = type_of(st.obj(this)).raw();
    let Some((slot, f)) = slot_in(st, t, w) else {
        let tn = st.type_name(this);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{name}' does not apply to a '{tn}' object"),
        ));
    };
    // The arguments are read at the point of use: every call below may collect.
    let arg = |st: &State, i: usize| rest.get(st, i);
    let this_now = |st: &State| {
        if items.len() == 2 {
            tuple::items(st.obj(args.receiver(st)))
                .nth(1)
                .map_or(RawRef::NULL, |o| o.raw())
        } else {
            args.get(st, 0)
        }
    };
    // The slot itself, never the protocol: a Python subclass that overrides the method
    // and calls the base's (`Base.__len__(self)`) must reach the slot, not itself.
    let unsupported = |st: &mut State| {
        let tn = st.type_name(this_now(st));
        st.raise(
            "TypeError",
            format!("descriptor '{name}' does not apply to a '{tn}' object"),
        )
    };
    let int_type = st.b.int_type;
    let float_type = st.b.float_type;
    match w {
        Wrapped::Hash => {
            let v = st.ext_hash_raw(this_now(st), f)?;
            Ok(crate::objects::int::new_i64(&st.alloc(), v)?.raw())
        }
        Wrapped::Str => {
            let r = st.call_obj_slot(f, HPyFunc_REPRFUNC, &mut [this_now(st)], "__str__")?;
            let s = st.text_result(r, "__str__")?;
            Ok(pystr::new(&st.alloc(), &s)?.raw())
        }
        Wrapped::Compare(op) => {
            let mut ops = [this_now(st), arg(st, 0)];
            Ok(st
                .call_richcmp(f, &mut ops, false, op)?
                .unwrap_or(st.b.notimpl))
        }
        Wrapped::Len => match st.ext_len_slot(this_now(st)) {
            Some(n) => Ok(crate::objects::int::new_i64(&st.alloc(), n? as i64)?.raw()),
            None => Err(unsupported(st)),
        },
        Wrapped::GetItem => match st.ext_getitem_slot(this_now(st), arg(st, 0)) {
            Some(r) => r,
            None => Err(unsupported(st)),
        },
        Wrapped::SetItem | Wrapped::DelItem => {
            let value = if matches!(w, Wrapped::SetItem) {
                arg(st, 1)
            } else {
                RawRef::NULL
            };
            match st.ext_setitem_slot(this_now(st), arg(st, 0), value) {
                Some(r) => r.map(|()| st.b.none),
                None => Err(unsupported(st)),
            }
        }
        Wrapped::Contains => match st.ext_contains_slot(this_now(st), arg(st, 0)) {
            Some(r) => Ok(st.bool_obj(r?)),
            None => Err(unsupported(st)),
        },
        Wrapped::Bool => match st.ext_truth_slot(this_now(st)) {
            Some(r) => Ok(st.bool_obj(r?)),
            None => Err(unsupported(st)),
        },
        Wrapped::Int | Wrapped::Float | Wrapped::Index => {
            let want = if matches!(w, Wrapped::Float) {
                float_type
            } else {
                int_type
            };
            match st.ext_convert_with(this_now(st), slot, conversion_name(&name), want, false)? {
                Some(r) => Ok(r),
                None => Err(unsupported(st)),
            }
        }
        Wrapped::Unary(op) => match st.ext_unary_slot(op, this_now(st))? {
            Some(r) => Ok(r),
            None => Err(unsupported(st)),
        },
        Wrapped::Binary(op, reflected, inplace) => {
            let is_nb = slot == crate::host::exttype::nb_slot(op) || inplace_slot(op) == Some(slot);
            let (a, b) = if reflected {
                (arg(st, 0), this_now(st))
            } else {
                (this_now(st), arg(st, 0))
            };
            if !is_nb {
                // A sequence slot (concat, repeat): the operator itself.
                return if inplace {
                    st.inplace_op(op, a, b)
                } else {
                    st.binary_op(op, a, b)
                };
            }
            let mut ops = [a, b];
            Ok(st.nb_call(op, f, &mut ops)?.unwrap_or(st.b.notimpl))
        }
    }
}

/// The conversion dunders' names as the `'static` strings messages take.
fn conversion_name(name: &str) -> &'static str {
    match name {
        "__int__" => "__int__",
        "__float__" => "__float__",
        _ => "__index__",
    }
}
