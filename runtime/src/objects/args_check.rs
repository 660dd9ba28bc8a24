//! Checking and converting the arguments of natives (counts, keywords, receivers), and
//! the small constructors their results use.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::types::Instances;
use crate::objects::{bytes, int, list, str as pystr, type_of, types};
use crate::state::State;

/// The arguments of a method whose receiver is its instance: its bound `self`, or
/// (called through the type, as `list.append(l, x)`) the first argument.
pub(crate) fn receiver<'k>(
    st: &mut State,
    args: Args<'k>,
    ty: &str,
    name: &str,
) -> PyResult<Args<'k>> {
    match args.unbind(st) {
        Some(a) => Ok(a),
        None => Err(st.raise(
            "TypeError",
            format!("unbound method {ty}.{name}() needs an argument"),
        )),
    }
}

pub(crate) fn no_kwargs(st: &mut State, name: &str, args: Args<'_>) -> PyResult<()> {
    if args.kw_len() == 0 {
        Ok(())
    } else {
        Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")))
    }
}

pub(crate) fn nargs(
    st: &mut State,
    name: &str,
    args: Args<'_>,
    min: usize,
    max: usize,
) -> PyResult<()> {
    if args.len() >= min && args.len() <= max {
        return Ok(());
    }
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({} given)", args.len()),
            1 => format!("{name}() takes exactly one argument ({} given)", args.len()),
            n => format!("{name} expected {n} arguments, got {}", args.len()),
        }
    } else if args.len() < min {
        format!(
            "{name} expected at least {min} argument{}, got {}",
            if min == 1 { "" } else { "s" },
            args.len()
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {}",
            if max == 1 { "" } else { "s" },
            args.len()
        )
    };
    Err(st.raise("TypeError", msg))
}

pub(crate) fn none(st: &State) -> PyResult<RawRef> {
    Ok(st.b.none)
}

pub(crate) fn new_int(st: &mut State, v: i64) -> PyResult<RawRef> {
    Ok(int::new_i64(&st.alloc(), v)?.raw())
}

pub(crate) fn new_str(st: &mut State, s: &str) -> PyResult<RawRef> {
    Ok(pystr::new(&st.alloc(), s)?.raw())
}

pub(crate) fn index_arg(st: &mut State, v: RawRef) -> PyResult<i64> {
    let o = st.obj(v);
    if types::data(type_of(o)).instances == Instances::Int || o.kind() == st.b.kinds.bool_ {
        let b = st.index(v)?;
        return Ok(num_traits::ToPrimitive::to_i64(&int::to_bigint(st.obj(b))).unwrap_or(i64::MAX));
    }
    let t = st.type_name(v);
    Err(st.raise(
        "TypeError",
        format!("'{t}' object cannot be interpreted as an integer"),
    ))
}

#[allow(unused_macros)]
macro_rules! by_name {
    ($disp:ident: $($f:ident => $n:literal),* $(,)?) => {
        $(
            pub(crate) fn $f(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
                $disp(st, a, $n)
            }
        )*
    };
}

pub(crate) fn new_bytes(st: &mut State, b: &[u8]) -> PyResult<RawRef> {
    Ok(bytes::new(&st.alloc(), b)?.raw())
}

pub(crate) fn count_args(
    st: &mut State,
    name: &str,
    args: Args<'_>,
    lo: usize,
    hi: usize,
) -> PyResult<()> {
    let n = args.len();
    if n >= lo && n <= hi {
        return Ok(());
    }
    let msg = if lo == hi && lo == 0 {
        format!("{name}() takes no arguments ({n} given)")
    } else if lo == hi && lo == 1 {
        format!("{name}() takes exactly one argument ({n} given)")
    } else if n < lo {
        format!(
            "{name} expected at least {lo} argument{}, got {n}",
            if lo == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {hi} argument{}, got {n}",
            if hi == 1 { "" } else { "s" }
        )
    };
    Err(st.raise("TypeError", msg))
}

pub(crate) fn text_of(st: &mut State, r: RawRef, what: &str) -> PyResult<String> {
    let o = st.obj(r);
    if types::data(type_of(o)).instances == types::Instances::Str {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(r);
    Err(st.raise("TypeError", format!("{what} must be str, not {t}")))
}

pub(crate) fn int_of(st: &mut State, r: RawRef) -> PyResult<i64> {
    let i = st.index(r)?;
    match crate::objects::ops::int_value(st.obj(i)) {
        crate::objects::int::IntValue::Small(v) => Ok(v),
        _ => Err(st.raise(
            "OverflowError",
            "Python int too large to convert to C ssize_t".into(),
        )),
    }
}

pub(crate) fn str_list(st: &mut State, parts: &[String]) -> PyResult<RawRef> {
    let a = st.alloc();
    let mut objs = Vec::with_capacity(parts.len());
    for p in parts {
        objs.push(pystr::new(&a, p)?);
    }
    Ok(list::new(&a, &objs)?.raw())
}

pub(crate) fn no_args(st: &mut State, name: &str, args: Args<'_>) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if !args.is_empty() {
        return Err(st.raise(
            "TypeError",
            format!("{name}() takes no arguments ({} given)", args.len()),
        ));
    }
    Ok(())
}

pub(crate) use by_name;
