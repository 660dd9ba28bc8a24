//! Truth and rich comparison with CPython 3.11's semantics: an extension type's
//! `tp_richcompare` and a Python class's `__eq__`/`__lt__`... first, then the builtin
//! types' own orderings (numbers exactly across int, bool and float; str, bytes,
//! lexicographic tuples and lists).

use gc::RawRef;
use hpy_abi::HPy;
use num_bigint::BigInt;
use num_traits::FromPrimitive;
use std::cmp::Ordering;

use crate::error::PyResult;
use crate::objects::types::Instances;
use crate::objects::{bytes, dict, float, int, list, str as pystr, tuple, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

/// `bool(obj)` for builtin objects: None, False, zeros and empty containers (range
/// included) are false.
pub(crate) fn truth(st: &mut State, r: RawRef) -> PyResult<bool> {
    if r == st.b.none || r == st.b.false_ {
        return Ok(false);
    }
    if r == st.b.true_ {
        return Ok(true);
    }
    st.rooting1(r, truth_at)
}

/// [`truth`] on rooted operands.
pub(crate) fn truth_at(st: &mut State, r: Rooted) -> PyResult<bool> {
    if let Some(t) = st.up_ext_truth(r.get(st)) {
        return t;
    }
    let o = r.obj(st);
    if r.get(st) == st.b.none || r.get(st) == st.b.false_ {
        return Ok(false);
    }
    if r.get(st) == st.b.true_ {
        return Ok(true);
    }

    Ok(match types::data(type_of(o)).instances {
        Instances::Int => !num_traits::Zero::is_zero(&int::to_bigint(o)),
        Instances::Float => float::value(o) != 0.0,
        Instances::Complex => crate::objects::complex::value(o) != (0.0, 0.0),
        Instances::Str => !pystr::as_str(o).is_empty(),
        Instances::Bytes => !bytes::data(o).is_empty(),
        Instances::Tuple => tuple::len(o) != 0,
        Instances::List => list::len(o) != 0,
        Instances::Dict | Instances::Set => dict::len(o) != 0,
        Instances::Range => !num_traits::Zero::is_zero(&crate::objects::range::length(o)),
        _ => match st.dict_view_of(r.get(st)) {
            Some((_, d)) => dict::len(st.obj(d)) != 0,
            None => true,
        },
    })
}

/// The comparison operators, as `HPy_RichCompare` numbers them.
pub(crate) const LT: i32 = 0;

pub(crate) const LE: i32 = 1;

pub(crate) const EQ: i32 = 2;

pub(crate) const NE: i32 = 3;

pub(crate) const GT: i32 = 4;

pub(crate) const GE: i32 = 5;

/// A number as the ordering of builtin numbers sees it.
enum Real {
    Int(BigInt),
    Float(f64),
}

fn real(st: &State, r: gc::RawRef) -> Option<Real> {
    let o = st.obj(r);
    if o.kind() == st.b.kinds.bool_ {
        return Some(Real::Int(BigInt::from(o.word(crate::objects::W_DATA))));
    }
    match types::data(type_of(o)).instances {
        Instances::Int => Some(Real::Int(int::to_bigint(o))),
        Instances::Float => Some(Real::Float(float::value(o))),
        _ => None,
    }
}

/// The exact order of an int and a float (`None` when the float is a NaN): no rounding,
/// so `2**53 + 1 > 2.0**53`, as CPython.
fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let floor = f.floor();
    let fi = BigInt::from_f64(floor).expect("finite");
    Some(match i.cmp(&fi) {
        // i == floor(f): equal if f is integral, else i < f.
        Ordering::Equal if floor == f => Ordering::Equal,
        Ordering::Equal => Ordering::Less,
        o => o,
    })
}

fn cmp_reals(a: &Real, b: &Real) -> Option<Ordering> {
    match (a, b) {
        (Real::Int(x), Real::Int(y)) => Some(x.cmp(y)),
        (Real::Float(x), Real::Float(y)) => x.partial_cmp(y),
        (Real::Int(x), Real::Float(y)) => cmp_int_float(x, *y),
        (Real::Float(x), Real::Int(y)) => cmp_int_float(y, *x).map(Ordering::reverse),
    }
}

fn holds(o: Option<Ordering>, op: i32) -> bool {
    match o {
        None => false,
        Some(o) => match op {
            LT => o == Ordering::Less,
            LE => o != Ordering::Greater,
            GT => o == Ordering::Greater,
            GE => o != Ordering::Less,
            EQ => o == Ordering::Equal,
            _ => o != Ordering::Equal,
        },
    }
}

/// `v op w` with CPython 3.11's semantics for the builtin types: `==`/`!=` for every
/// object (identity for objects without their own equality); ordering of numbers (int,
/// bool and float mixed, exactly), str (by code point), bytes, and tuples with tuples and
/// lists with lists (lexicographic: the first items that differ decide, else the
/// lengths). Anything else is CPython's TypeError.
pub(crate) fn compare(st: &mut State, v: gc::RawRef, w: gc::RawRef, op: i32) -> PyResult<bool> {
    st.rooting2(v, w, |st, v, w| compare_at(st, v, w, op))
}

/// [`compare`] on rooted operands.
pub(crate) fn compare_at(st: &mut State, v: Rooted, w: Rooted, op: i32) -> PyResult<bool> {
    if (0..6).contains(&op) {
        // The slot call roots the array it is given; the slots are read again after.
        if let Some(r) = st.up_ext_richcompare(&mut [v.get(st), w.get(st)], op)? {
            return st.truth(r);
        }
    }
    compare_without_slots(st, v.get(st), w.get(st), op)
}

/// `v op w` as an object: what the operands' slot or method returned (any object: a
/// constraint, an array), else the default comparison's bool.
pub(crate) fn compare_object(
    st: &mut State,
    v: gc::RawRef,
    w: gc::RawRef,
    op: i32,
) -> PyResult<gc::RawRef> {
    let mut ops = [v, w];
    if (0..6).contains(&op) {
        if let Some(r) = st.up_ext_richcompare(&mut ops, op)? {
            return Ok(r);
        }
    }
    let b = compare_without_slots(st, ops[0], ops[1], op)?;
    Ok(if b { st.b.true_ } else { st.b.false_ })
}

/// The comparison once the operands' own slots and methods answered NotImplemented.
pub(crate) fn compare_without_slots(
    st: &mut State,
    v: gc::RawRef,
    w: gc::RawRef,
    op: i32,
) -> PyResult<bool> {
    match op {
        EQ => return st.eq_without_slots(v, w),
        NE => return st.eq_without_slots(v, w).map(|b| !b),
        LT | LE | GT | GE => {}
        _ => return Err(st.raise("SystemError", format!("bad comparison operator {op}"))),
    }
    if let (Some(a), Some(b)) = (real(st, v), real(st, w)) {
        return Ok(holds(cmp_reals(&a, &b), op));
    }
    let view_order = match op {
        LE => st.view_order(v, w, false)?,
        LT => st.view_order(v, w, true)?,
        GE => st.view_order(w, v, false)?,
        _ => st.view_order(w, v, true)?,
    };
    if let Some(b) = view_order {
        return Ok(b);
    }
    let (a, b) = (st.obj(v), st.obj(w));
    let (ia, ib) = (
        types::data(type_of(a)).instances,
        types::data(type_of(b)).instances,
    );
    match (ia, ib) {
        (Instances::Str, Instances::Str) => {
            return Ok(holds(Some(pystr::as_str(a).cmp(pystr::as_str(b))), op))
        }
        (Instances::Bytes, Instances::Bytes) => {
            return Ok(holds(Some(bytes::data(a).cmp(bytes::data(b))), op))
        }
        (Instances::Tuple, Instances::Tuple) | (Instances::List, Instances::List) => {
            return compare_sequences(st, v, w, op, ia == Instances::List)
        }
        (Instances::Set, Instances::Set) => {
            // Subset order: `<=`, `<` (proper), and the reverse.
            return match op {
                LE => st.set_subset(v, w, false),
                LT => st.set_subset(v, w, true),
                GE => st.set_subset(w, v, false),
                _ => st.set_subset(w, v, true),
            };
        }
        _ => {}
    }
    let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize];
    let (ta, tb) = (st.type_name(v), st.type_name(w));
    Err(st.raise(
        "TypeError",
        format!("'{sym}' not supported between instances of '{ta}' and '{tb}'"),
    ))
}

/// Lexicographic ordering of two tuples or two lists. Comparing items may run code (a
/// safepoint), so both sequences are held by handles and re-read at every step; a list
/// may change meanwhile, as in CPython.
fn compare_sequences(
    st: &mut State,
    v: gc::RawRef,
    w: gc::RawRef,
    op: i32,
    lists: bool,
) -> PyResult<bool> {
    let hv = st.roots.handles.open(v);
    let hw = st.roots.handles.open(w);
    let r = (|| {
        let item = |st: &State, h: HPy, i: usize| -> Option<gc::RawRef> {
            let o = st.obj(st.roots.handles.get(h).expect("open"));
            let n = if lists { list::len(o) } else { tuple::len(o) };
            (i < n).then(|| {
                if lists {
                    list::get(o, i).raw()
                } else {
                    tuple::get(o, i).raw()
                }
            })
        };
        let mut i = 0;
        loop {
            match (item(st, hv, i), item(st, hw, i)) {
                (Some(x), Some(y)) => {
                    if x == y || st.eq(x, y)? {
                        i += 1;
                        continue;
                    }
                    // The first items that differ decide (re-read: `eq` may have run code).
                    let x = item(st, hv, i);
                    let y = item(st, hw, i);
                    return match (x, y) {
                        (Some(x), Some(y)) => compare(st, x, y, op),
                        (x, y) => Ok(holds(Some(x.is_some().cmp(&y.is_some())), op)),
                    };
                }
                (x, y) => return Ok(holds(Some(x.is_some().cmp(&y.is_some())), op)),
            }
        }
    })();
    let _ = st.roots.handles.close(hv);
    let _ = st.roots.handles.close(hw);
    r
}

impl State {
    pub(crate) fn truth(&mut self, v: RawRef) -> PyResult<bool> {
        crate::protocols::compare::truth(self, v)
    }
}
