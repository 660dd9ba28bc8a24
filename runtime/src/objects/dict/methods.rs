//! The methods of `dict`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::*;
use crate::objects::dict::DictIter;
use crate::objects::{dict, str as pystr, tuple};
use crate::state::State;

// ---------------------------------------------------------------- dict

pub(crate) fn dict_get(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "get")?;
    no_kwargs(st, "get", args)?;
    nargs(st, "get", args, 1, 2)?;
    match st.dict_get(args.receiver(st), args.get(st, 0))? {
        Some(v) => Ok(v),
        None => Ok(args.opt(st, 1).unwrap_or(st.b.none)),
    }
}

pub(crate) fn dict_pop(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "pop")?;
    no_kwargs(st, "pop", args)?;
    nargs(st, "pop", args, 1, 2)?;
    // The lookup may run code (`__eq__`, `__hash__`): the key is read for each use.
    match st.dict_get(args.receiver(st), args.get(st, 0))? {
        Some(v) => {
            let vi = st.push(v);
            st.dict_del(args.receiver(st), args.get(st, 0))?;
            let v = st.at(vi);
            st.truncate(vi);
            Ok(v)
        }
        None => match args.opt(st, 1) {
            Some(dflt) => Ok(dflt),
            None => Err(st.key_error(args.get(st, 0))),
        },
    }
}

pub(crate) fn dict_setdefault(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "setdefault")?;
    no_kwargs(st, "setdefault", args)?;
    nargs(st, "setdefault", args, 1, 2)?;
    if let Some(v) = st.dict_get(args.receiver(st), args.get(st, 0))? {
        return Ok(v);
    }
    let dflt = args.opt(st, 1).unwrap_or(st.b.none);
    st.dict_set(args.receiver(st), args.get(st, 0), dflt)?;
    Ok(args.opt(st, 1).unwrap_or(st.b.none))
}

pub(crate) fn dict_update(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "update")?;
    nargs(st, "update", args, 0, 1)?;
    if let Some(m) = args.opt(st, 0) {
        // dict(m) builds the pairs with CPython's rules (mapping or iterable of pairs).
        let tmp = st.call(st.b.dict_type, &[m], &[])?;
        let pairs: Vec<(RawRef, RawRef)> = dict::entries(st.obj(tmp))
            .iter()
            .map(|(k, v)| (k.key.get(), *v))
            .collect();
        let mark = st.roots.stack.len();
        for (k, v) in &pairs {
            st.push(*k);
            st.push(*v);
        }
        for i in 0..pairs.len() {
            let (k, v) = (st.at(mark + 2 * i), st.at(mark + 2 * i + 1));
            st.dict_set(args.receiver(st), k, v)?;
        }
        st.truncate(mark);
    }
    for i in 0..args.kw_len() {
        let kr = pystr::new(&st.alloc(), args.kw_name(i))?.raw();
        st.dict_set(args.receiver(st), kr, args.kw(st, i))?;
    }
    none(st)
}

pub(crate) fn dict_copy(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "copy")?;
    no_kwargs(st, "copy", args)?;
    nargs(st, "dict.copy", args, 0, 0)?;
    st.dict_copy(args.receiver(st))
}

pub(crate) fn dict_clear(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "clear")?;
    no_kwargs(st, "clear", args)?;
    nargs(st, "dict.clear", args, 0, 0)?;
    dict::clear(st.obj(args.receiver(st)));
    none(st)
}

pub(crate) fn dict_keys(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "keys")?;
    no_args(st, "dict.keys", args)?;
    st.dict_view(args.receiver(st), DictIter::Keys)
}

pub(crate) fn dict_values(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "values")?;
    no_args(st, "dict.values", args)?;
    st.dict_view(args.receiver(st), DictIter::Values)
}

pub(crate) fn dict_items(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "items")?;
    no_args(st, "dict.items", args)?;
    st.dict_view(args.receiver(st), DictIter::Items)
}

pub(crate) fn dict_popitem(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "popitem")?;
    no_args(st, "dict.popitem", args)?;
    let d = args.receiver(st);
    let o = st.obj(d);
    let n = dict::len(o);
    if n == 0 {
        return Err(st.raise("KeyError", "popitem(): dictionary is empty".into()));
    }
    let (k, v) = {
        let (k, v) = dict::entries(o).get_index(n - 1).expect("non-empty");
        (k.key.get(), *v)
    };
    let a = st.alloc();
    let t = tuple::new(&a, &[a.heap_obj(k), a.heap_obj(v)])?.raw();
    dict::remove_index(st.obj(d), n - 1);
    Ok(t)
}

/// `dict.fromkeys(iterable, value=None)` (a class method: `self` is not used).
pub(crate) fn dict_fromkeys(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "fromkeys() takes no keyword arguments".into()));
    }
    if args.is_empty() || args.len() > 2 {
        return Err(st.raise(
            "TypeError",
            format!("fromkeys expected at least 1 argument, got {}", args.len()),
        ));
    }
    let mark = st.roots.stack.len();
    let d = dict::new(&st.alloc())?.raw();
    let di = st.push(d);
    let r = (|| {
        let (start, n) = st.pin_items(args.get(st, 0), "object is not iterable")?;
        for i in 0..n {
            let value = args.opt(st, 1).unwrap_or(st.b.none);
            st.dict_set(st.at(di), st.at(start + i), value)?;
        }
        Ok(st.at(di))
    })();
    st.truncate(mark);
    r
}

/// The methods of `dict`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("get", dict_get),
    ("pop", dict_pop),
    ("setdefault", dict_setdefault),
    ("update", dict_update),
    ("copy", dict_copy),
    ("clear", dict_clear),
    ("keys", dict_keys),
    ("values", dict_values),
    ("items", dict_items),
    ("popitem", dict_popitem),
    ("fromkeys", dict_fromkeys),
];
