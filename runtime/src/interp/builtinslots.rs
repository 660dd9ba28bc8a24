//! The slots of the builtin types seen as methods: `[1, 2].__iter__()`, `list.__len__(l)`,
//! `(3).__add__(4)`, `{}.__contains__(k)`, `super().__getitem__(i)` in a subclass of list.
//! CPython exposes each slot of a builtin type as a wrapper in the type's dict; here the
//! wrapper is made when looked up (only when the type has the slot): a native bound to
//! `(name, obj)`, or `(name, type)` when taken from the type (the instance then comes first
//! among the arguments).
//!
//! A wrapper runs the builtin layout's own operation, never a Python subclass's override
//! of it: the override is often what calls it (`def __len__(self): return
//! list.__len__(self) + 1`). The container operations have `*_builtin` forms in the
//! protocols for that; a number whose type is a subclass is first copied into an exact
//! `int`/`float`, which has no override to reach (CPython's slots return exact results too).
//! A binary or comparison slot given an operand its type does not handle returns
//! NotImplemented, as CPython's do (`(1).__add__(1.5)`).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::types::{self, Instances};
use crate::objects::{float, int, native, ops, str as pystr, tuple, type_of};
use crate::protocols::number::{BinOp, UnaryOp};
use crate::state::State;

/// What a wrapper name stands for.
#[derive(Clone, Copy, PartialEq)]
enum Op {
    Iter,
    Next,
    Len,
    Contains,
    GetItem,
    SetItem,
    DelItem,
    Hash,
    Bool,
    Int,
    Float,
    Index,
    Unary(UnaryOp),
    /// (operator, reflected)
    Binary(BinOp, bool),
    Compare(i32),
}

const BINOPS: [(BinOp, &str); 14] = [
    (BinOp::Add, "add"),
    (BinOp::Sub, "sub"),
    (BinOp::Mul, "mul"),
    (BinOp::MatMul, "matmul"),
    (BinOp::TrueDiv, "truediv"),
    (BinOp::FloorDiv, "floordiv"),
    (BinOp::Mod, "mod"),
    (BinOp::DivMod, "divmod"),
    (BinOp::Pow, "pow"),
    (BinOp::LShift, "lshift"),
    (BinOp::RShift, "rshift"),
    (BinOp::And, "and"),
    (BinOp::Or, "or"),
    (BinOp::Xor, "xor"),
];

const CMP: [&str; 6] = ["__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"];

fn op_of(name: &str) -> Option<Op> {
    use Op::*;
    Some(match name {
        "__iter__" => Iter,
        "__next__" => Next,
        "__len__" => Len,
        "__contains__" => Contains,
        "__getitem__" => GetItem,
        "__setitem__" => SetItem,
        "__delitem__" => DelItem,
        "__hash__" => Hash,
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
            let stem = name.strip_prefix("__")?.strip_suffix("__")?;
            let (stem, reflected) = match stem.strip_prefix('r') {
                // `__rshift__` is the plain operator, `__rrshift__` its reflection.
                Some(rest) if stem != "rshift" => (rest, true),
                _ => (stem, false),
            };
            let op = BINOPS.iter().find(|(_, s)| *s == stem)?.0;
            Binary(op, reflected)
        }
    })
}

/// The builtin layout whose slots an object of type `t` has (bool counts as int).
fn layout(st: &State, t: RawRef) -> Instances {
    if t == st.b.bool_type {
        return Instances::Int;
    }
    types::data(st.obj(t)).instances
}

/// Whether the builtin layout `l` has the slot behind `op` (`frozen`: a frozenset).
fn has_slot(l: Instances, frozen: bool, op: Op) -> bool {
    use Instances as I;
    use Op::*;
    let container = matches!(
        l,
        I::List | I::Tuple | I::Str | I::Bytes | I::Dict | I::Set | I::Range
    );
    let number = matches!(l, I::Int | I::Float | I::Complex);
    match op {
        Iter => container || l == I::Iterator,
        Next => l == I::Iterator,
        Len | Contains => container,
        GetItem => matches!(
            l,
            I::List | I::Tuple | I::Str | I::Bytes | I::Dict | I::Range
        ),
        SetItem | DelItem => matches!(l, I::List | I::Dict),
        // `object.__hash__` (identity) for every layout that is not unhashable.
        Hash => !matches!(l, I::List | I::Dict | I::Slice) && (l != I::Set || frozen),
        Int | Float => number && l != I::Complex,
        Bool | Unary(UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Abs) => number,
        Index | Unary(UnaryOp::Invert) => l == I::Int,
        Binary(op, reflected) => match l {
            I::Int => true,
            I::Float => matches!(
                op,
                BinOp::Add
                    | BinOp::Sub
                    | BinOp::Mul
                    | BinOp::TrueDiv
                    | BinOp::FloorDiv
                    | BinOp::Mod
                    | BinOp::DivMod
                    | BinOp::Pow
            ),
            I::Complex => matches!(
                op,
                BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::TrueDiv | BinOp::Pow
            ),
            I::Str | I::Bytes => match op {
                BinOp::Add | BinOp::Mod => !reflected,
                BinOp::Mul => true,
                _ => false,
            },
            I::List | I::Tuple => match op {
                BinOp::Add => !reflected,
                BinOp::Mul => true,
                _ => false,
            },
            I::Set => matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor),
            _ => false,
        },
        Compare(_) => container || number,
    }
}

/// Whether the `__hash__` wrapper of `owner` (taken from that type; None: from an
/// instance, of layout `l`) hashes by value: a number's, a string's, a tuple's..., where
/// any other is `object.__hash__` (`object.__hash__(5)` is an identity hash).
fn hashes_by_value(st: &State, owner: Option<RawRef>, l: Instances) -> bool {
    use Instances as I;
    let (l, t) = match owner {
        Some(t) => (layout(st, t), t),
        None => (l, RawRef::NULL),
    };
    let frozen_owner = !t.is_null() && types::is_subtype(st.obj(t), st.obj(st.b.frozenset_type));
    matches!(
        l,
        I::Int | I::Float | I::Tuple | I::Str | I::Bytes | I::Range
    ) || (l == I::Set && (t.is_null() || frozen_owner))
}

/// Whether `l`'s comparison slot handles an operand of layout `other` (else
/// NotImplemented). Ordering a dict or a range is never handled.
fn compares_with(l: Instances, other: Instances, op: i32) -> bool {
    use Instances as I;
    let ordering = !matches!(op, 2 | 3);
    match l {
        I::Int => other == I::Int,
        I::Float => matches!(other, I::Int | I::Float),
        // complex has `==` and `!=` only.
        I::Complex => !ordering && matches!(other, I::Int | I::Float | I::Complex),
        I::Dict | I::Range => !ordering && other == l,
        _ => other == l,
    }
}

impl State {
    /// `r.name` as a builtin type's slot wrapper, if `r` is an instance of a type with a
    /// builtin layout that has that slot (or, when `r` is such a type, unbound). `list`,
    /// `dict` and `set` have `__hash__ = None`, as in CPython.
    pub(crate) fn builtin_slot(&mut self, r: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let Some(op) = op_of(name) else {
            return Ok(None);
        };
        let is_type = self.obj(r).kind() == self.b.kinds.type_;
        let t = if is_type {
            r
        } else {
            type_of(self.obj(r)).raw()
        };
        let l = layout(self, t);
        let frozen = types::is_subtype(self.obj(t), self.obj(self.b.frozenset_type));
        if !has_slot(l, frozen, op) {
            if op == Op::Hash && matches!(l, Instances::List | Instances::Dict | Instances::Set) {
                return Ok(Some(self.b.none));
            }
            return Ok(None);
        }
        let a = self.alloc();
        let n = pystr::new(&a, name)?;
        let bound = tuple::new(&a, &[n, a.heap_obj(r)])?;
        let index = super::natives::native_index(if is_type {
            "__builtin_slot_unbound__"
        } else {
            "__builtin_slot__"
        });
        Ok(Some(native::new(&a, name, bound.raw(), index)?.raw()))
    }

    /// `r` itself, or an exact int/float with its value when `r`'s type is a subclass.
    fn exact_number(&mut self, r: RawRef) -> PyResult<RawRef> {
        let o = self.obj(r);
        let t = type_of(o).raw();
        let exact = [
            self.b.int_type,
            self.b.bool_type,
            self.b.float_type,
            self.b.complex_type,
        ];
        if exact.contains(&t) {
            return Ok(r);
        }
        let a = self.alloc();
        Ok(match layout(self, t) {
            Instances::Int => int::new_big(&a, &int::to_bigint(o))?.raw(),
            Instances::Float => float::new(&a, float::value(o))?.raw(),
            Instances::Complex => {
                let (re, im) = crate::objects::complex::value(o);
                crate::objects::complex::new(&a, re, im)?.raw()
            }
            _ => r,
        })
    }
}

/// A wrapper taken from an instance: its receiver is `(name, obj)`.
pub(crate) fn call_bound(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    call(st, args, true)
}

/// A wrapper taken from the type: its receiver is `(name, type)`; the instance is the
/// first argument.
pub(crate) fn call_unbound(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    call(st, args, false)
}

fn call(st: &mut State, args: Args<'_>, bound: bool) -> PyResult<RawRef> {
    let (name, owner) = {
        let recv = st.obj(args.receiver(st));
        (
            pystr::as_str(tuple::get(recv, 0)).to_string(),
            tuple::get(recv, 1).raw(),
        )
    };
    let op = op_of(&name).expect("made for a slot name");
    let rest = if bound {
        args
    } else {
        if args.is_empty() {
            let tn = types::data(st.obj(owner)).tp_name.clone();
            return Err(st.raise(
                "TypeError",
                format!("descriptor '{name}' of '{tn}' object needs an argument"),
            ));
        }
        let this = args.get(st, 0);
        if !types::is_subtype(type_of(st.obj(this)), st.obj(owner)) {
            let tn = types::data(st.obj(owner)).tp_name.clone();
            let other = st.type_name(this);
            return Err(st.raise(
                "TypeError",
                format!("descriptor '{name}' requires a '{tn}' object but received a '{other}'"),
            ));
        }
        args.skip(1)
    };
    let want = match op {
        Op::SetItem => 2,
        Op::Contains | Op::GetItem | Op::DelItem | Op::Binary(..) | Op::Compare(_) => 1,
        _ => 0,
    };
    // `pow(a, b, mod)` has a third operand; the wrapper takes it as an option.
    let max = if matches!(op, Op::Binary(BinOp::Pow, _)) {
        2
    } else {
        want
    };
    if rest.kw_len() != 0 || rest.len() < want || rest.len() > max {
        return Err(st.raise(
            "TypeError",
            format!(
                "expected {want} argument{}, got {}",
                if want == 1 { "" } else { "s" },
                rest.len()
            ),
        ));
    }
    // Every operation below may run code: the operands are read from the arguments (and
    // the receiver tuple) at the point of use.
    let this = |st: &State| {
        if bound {
            tuple::get(st.obj(args.receiver(st)), 1).raw()
        } else {
            args.get(st, 0)
        }
    };
    let arg = |st: &State, i: usize| rest.get(st, i);
    let l = layout(st, type_of(st.obj(this(st))).raw());
    let new_int = |st: &mut State, v: i64| Ok(int::new_i64(&st.alloc(), v)?.raw());
    match op {
        Op::Iter => st.iter_builtin(this(st)),
        Op::Next => match st.next(this(st))? {
            Some(v) => Ok(v),
            None => Err(st.raise("StopIteration", String::new())),
        },
        Op::Len => {
            let n = st.len_builtin(this(st))?;
            new_int(st, n as i64)
        }
        Op::Contains => {
            let b = st.contains_builtin(this(st), arg(st, 0))?;
            Ok(st.bool_obj(b))
        }
        Op::GetItem => st.getitem_builtin(this(st), arg(st, 0)),
        Op::SetItem => st
            .ass_subscript_builtin(this(st), arg(st, 0), Some(arg(st, 1)))
            .map(|()| st.b.none),
        Op::DelItem => st
            .ass_subscript_builtin(this(st), arg(st, 0), None)
            .map(|()| st.b.none),
        Op::Hash if !hashes_by_value(st, if bound { None } else { Some(owner) }, l) => {
            // `object.__hash__`: the identity's hash, whatever the object's own hash is.
            let h = ops::identity_hash(st.obj(this(st)));
            new_int(st, h)
        }
        Op::Hash => {
            let h = ops::value_hash(&st.alloc(), st.obj(this(st)));
            match h {
                Some(Ok(h)) => new_int(st, h),
                Some(Err(t)) => Err(st.raise("TypeError", format!("unhashable type: '{t}'"))),
                None => {
                    let h = st.hash(this(st))?;
                    new_int(st, h)
                }
            }
        }
        Op::Bool | Op::Int | Op::Float | Op::Index | Op::Unary(_) => {
            let x = st.exact_number(this(st))?;
            match op {
                Op::Bool => {
                    let b = crate::protocols::compare::truth(st, x)?;
                    Ok(st.bool_obj(b))
                }
                Op::Int => st.to_int(x),
                Op::Float => st.to_float(x),
                Op::Index => st.index(x),
                Op::Unary(u) => st.unary_op(u, x),
                _ => unreachable!("numbers only"),
            }
        }
        Op::Binary(bop, reflected) => {
            let other = arg(st, 0);
            let ol = layout(st, type_of(st.obj(other)).raw());
            if matches!(l, Instances::Int | Instances::Float | Instances::Complex) {
                let handled = match l {
                    Instances::Int => ol == Instances::Int,
                    Instances::Float => matches!(ol, Instances::Int | Instances::Float),
                    _ => matches!(ol, Instances::Int | Instances::Float | Instances::Complex),
                };
                if !handled {
                    return Ok(st.b.notimpl);
                }
                let x = st.exact_number(this(st))?;
                let xi = st.push(x);
                let y = st.exact_number(arg(st, 0))?;
                let (a, b) = if reflected {
                    (y, st.at(xi))
                } else {
                    (st.at(xi), y)
                };
                let r = if bop == BinOp::Pow && rest.len() == 2 {
                    st.pow3(a, b, arg(st, 1))
                } else {
                    st.builtin_binary_slots(bop, a, b)
                        .map(|r| r.unwrap_or(st.b.notimpl))
                };
                st.truncate(xi);
                return r;
            }
            let (a, b) = if reflected {
                (other, this(st))
            } else {
                (this(st), other)
            };
            let r = match (l, bop) {
                (Instances::Set, _) => st.set_op(bop, a, b)?,
                (Instances::Str | Instances::Bytes, BinOp::Mod) => {
                    st.builtin_binary_slots(bop, a, b)?
                }
                _ => st.sequence_op(bop, a, b)?,
            };
            Ok(r.unwrap_or(st.b.notimpl))
        }
        Op::Compare(cop) => {
            let ol = layout(st, type_of(st.obj(arg(st, 0))).raw());
            if !compares_with(l, ol, cop) {
                return Ok(st.b.notimpl);
            }
            let r =
                crate::protocols::compare::compare_without_slots(st, this(st), arg(st, 0), cop)?;
            Ok(st.bool_obj(r))
        }
    }
}
