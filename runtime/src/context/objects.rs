//! Generic object operations: attributes, truth, comparison, hashing, repr and str.

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_hash_t};

use super::{c_str, enter};
use crate::error::PyResult;
use crate::objects::types::Instances;
use crate::objects::{bytes, dict, float, int, list, str as pystr, tuple, type_of, types};
use crate::state::State;

fn name_arg(st: &mut State, name: HPy, func: &str) -> PyResult<String> {
    let r = st.get(name, func)?;
    let o = st.obj(r);
    if types::data(type_of(o)).instances == Instances::Str {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("attribute name must be string, not '{t}'"),
    ))
}

pub(crate) unsafe extern "C" fn ctx_GetAttr(ctx: *mut HPyContext, obj: HPy, name: HPy) -> HPy {
    enter(ctx, "HPy_GetAttr", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetAttr")?;
        let n = name_arg(st, name, "HPy_GetAttr")?;
        let v = st.getattr(o, &n)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_GetAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
) -> HPy {
    enter(ctx, "HPy_GetAttr_s", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_GetAttr_s")?;
        let v = st.getattr(o, n)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_HasAttr(ctx: *mut HPyContext, obj: HPy, name: HPy) -> i32 {
    enter(ctx, "HPy_HasAttr", 0, |st| {
        let o = st.get(obj, "HPy_HasAttr")?;
        let n = name_arg(st, name, "HPy_HasAttr")?;
        Ok(st.lookup_attr(o, &n).is_some() as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_HasAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
) -> i32 {
    enter(ctx, "HPy_HasAttr_s", 0, |st| {
        let o = st.get(obj, "HPy_HasAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_HasAttr_s")?;
        Ok(st.lookup_attr(o, n).is_some() as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetAttr(
    ctx: *mut HPyContext,
    obj: HPy,
    name: HPy,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetAttr", -1, |st| {
        let o = st.get(obj, "HPy_SetAttr")?;
        let n = name_arg(st, name, "HPy_SetAttr")?;
        let v = if value._i == 0 {
            gc::RawRef::NULL
        } else {
            st.get(value, "HPy_SetAttr")?
        };
        st.setattr(o, &n, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetAttr_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_name: *const c_char,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetAttr_s", -1, |st| {
        let o = st.get(obj, "HPy_SetAttr_s")?;
        let n = c_str(st, utf8_name, "HPy_SetAttr_s")?;
        let v = if value._i == 0 {
            gc::RawRef::NULL
        } else {
            st.get(value, "HPy_SetAttr_s")?
        };
        st.setattr(o, n, v)?;
        Ok(0)
    })
}

/// `bool(obj)` for builtin objects.
pub(crate) fn truth(st: &mut State, r: gc::RawRef) -> PyResult<bool> {
    let o = st.obj(r);
    if r == st.b.none || r == st.b.false_ {
        return Ok(false);
    }
    if r == st.b.true_ {
        return Ok(true);
    }
    Ok(match types::data(type_of(o)).instances {
        Instances::Int => !num_traits::Zero::is_zero(&int::to_bigint(o)),
        Instances::Float => float::value(o) != 0.0,
        Instances::Str => !pystr::as_str(o).is_empty(),
        Instances::Bytes => !bytes::data(o).is_empty(),
        Instances::Tuple => tuple::len(o) != 0,
        Instances::List => list::len(o) != 0,
        Instances::Dict => dict::len(o) != 0,
        _ => true,
    })
}

pub(crate) unsafe extern "C" fn ctx_IsTrue(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPy_IsTrue", -1, |st| {
        let r = st.get(h, "HPy_IsTrue")?;
        Ok(truth(st, r)? as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Hash(ctx: *mut HPyContext, obj: HPy) -> HPy_hash_t {
    enter(ctx, "HPy_Hash", -1, |st| {
        let r = st.get(obj, "HPy_Hash")?;
        Ok(st.hash(r)? as HPy_hash_t)
    })
}

pub(crate) unsafe extern "C" fn ctx_Repr(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Repr", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Repr")?;
        let s = crate::repr::repr_of(st.obj(r));
        let o = pystr::new(&st.alloc(), &s)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_Str(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Str", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Str")?;
        let s = crate::repr::str_of(st.obj(r));
        let o = pystr::new(&st.alloc(), &s)?.raw();
        Ok(st.roots.handles.open(o))
    })
}

/// `v op w` for the comparisons the runtime knows: equality of every builtin value,
/// ordering of numbers and of str/bytes.
pub(crate) fn compare(st: &mut State, v: gc::RawRef, w: gc::RawRef, op: i32) -> PyResult<bool> {
    use std::cmp::Ordering;
    const LT: i32 = 0;
    const LE: i32 = 1;
    const EQ: i32 = 2;
    const NE: i32 = 3;
    const GT: i32 = 4;
    const GE: i32 = 5;
    match op {
        EQ => return st.eq(v, w),
        NE => return st.eq(v, w).map(|b| !b),
        LT | LE | GT | GE => {}
        _ => return Err(st.raise("SystemError", format!("bad comparison operator {op}"))),
    }
    let (a, b) = (st.obj(v), st.obj(w));
    let (ia, ib) = (
        types::data(type_of(a)).instances,
        types::data(type_of(b)).instances,
    );
    let num = |o: gc::ObjRef<'_>| -> Option<f64> {
        match types::data(type_of(o)).instances {
            Instances::Int => num_traits::ToPrimitive::to_f64(&int::to_bigint(o)),
            Instances::Float => Some(float::value(o)),
            _ if o.kind() == st.b.kinds.bool_ => Some(o.word(crate::objects::W_DATA) as f64),
            _ => None,
        }
    };
    let ord: Option<Ordering> = match (ia, ib) {
        (Instances::Int, Instances::Int) => Some(int::to_bigint(a).cmp(&int::to_bigint(b))),
        (Instances::Str, Instances::Str) => Some(pystr::as_str(a).cmp(pystr::as_str(b))),
        (Instances::Bytes, Instances::Bytes) => Some(bytes::data(a).cmp(bytes::data(b))),
        _ => match (num(a), num(b)) {
            (Some(x), Some(y)) => x
                .partial_cmp(&y)
                .or(Some(Ordering::Equal))
                .filter(|_| !(x.is_nan() || y.is_nan())),
            _ => {
                let sym = ["<", "<=", "==", "!=", ">", ">="][op as usize];
                let (ta, tb) = (st.type_name(v), st.type_name(w));
                return Err(st.raise(
                    "TypeError",
                    format!("'{sym}' not supported between instances of '{ta}' and '{tb}'"),
                ));
            }
        },
    };
    Ok(match ord {
        None => false,
        Some(o) => match op {
            LT => o == Ordering::Less,
            LE => o != Ordering::Greater,
            GT => o == Ordering::Greater,
            _ => o != Ordering::Less,
        },
    })
}

pub(crate) unsafe extern "C" fn ctx_RichCompare(
    ctx: *mut HPyContext,
    v: HPy,
    w: HPy,
    op: i32,
) -> HPy {
    enter(ctx, "HPy_RichCompare", HPy_NULL, |st| {
        let a = st.get(v, "HPy_RichCompare")?;
        let b = st.get(w, "HPy_RichCompare")?;
        let r = compare(st, a, b, op)?;
        let o = if r { st.b.true_ } else { st.b.false_ };
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_RichCompareBool(
    ctx: *mut HPyContext,
    v: HPy,
    w: HPy,
    op: i32,
) -> i32 {
    enter(ctx, "HPy_RichCompareBool", -1, |st| {
        let a = st.get(v, "HPy_RichCompareBool")?;
        let b = st.get(w, "HPy_RichCompareBool")?;
        Ok(compare(st, a, b, op)? as i32)
    })
}
