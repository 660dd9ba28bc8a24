//! The methods of `list` (and `index`/`count`, shared with `tuple`), and the sort that
//! `list.sort` and `sorted` share.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::*;
use crate::objects::{int, list, tuple};
use crate::state::State;
use crate::value_stack::Rooted;

// ---------------------------------------------------------------- list

pub(crate) fn list_append(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "append")?;
    no_kwargs(st, "list.append", args)?;
    nargs(st, "list.append", args, 1, 1)?;
    let a = st.alloc();
    list::append(&a, st.obj(args.receiver(st)), args.obj(st, 0))?;
    none(st)
}

pub(crate) fn list_extend(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "extend")?;
    no_kwargs(st, "list.extend", args)?;
    nargs(st, "list.extend", args, 1, 1)?;
    // Iterates its argument whatever it defines: not `+=`, which would ask the
    // argument's `__radd__` first.
    st.list_extend(args.receiver(st), args.get(st, 0))?;
    none(st)
}

pub(crate) fn list_pop(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "pop")?;
    no_kwargs(st, "pop", args)?;
    nargs(st, "pop", args, 0, 1)?;
    let n = list::len(st.obj(args.receiver(st)));
    if n == 0 {
        return Err(st.raise("IndexError", "pop from empty list".into()));
    }
    let i = match args.opt(st, 0) {
        Some(v) => index_arg(st, v)?,
        None => -1,
    };
    let j = if i < 0 { i + n as i64 } else { i };
    if j < 0 || j >= n as i64 {
        return Err(st.raise("IndexError", "pop index out of range".into()));
    }
    let i = j as usize;
    // `__index__` may have run code: the list is read again.
    let v = list::get(st.obj(args.receiver(st)), i).raw();
    let vi = st.push(v);
    let idx = int::new_i64(&st.alloc(), i as i64)?.raw();
    st.delitem(args.receiver(st), idx)?;
    let v = st.at(vi);
    st.truncate(vi);
    Ok(v)
}

pub(crate) fn list_insert(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "insert")?;
    no_kwargs(st, "insert", args)?;
    nargs(st, "insert", args, 2, 2)?;
    let i = index_arg(st, args.get(st, 0))?;
    st.list_insert(args.receiver(st), i as isize, args.get(st, 1))?;
    none(st)
}

/// Items of a list or tuple receiver.
pub(crate) fn items(st: &State, seq: RawRef) -> Vec<RawRef> {
    let o = st.obj(seq);
    if o.kind() == st.b.kinds.list {
        list::items(o).map(|x| x.raw()).collect()
    } else {
        tuple::items(o).map(|x| x.raw()).collect()
    }
}

pub(crate) fn seq_index(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "index")?;
    no_kwargs(st, "index", args)?;
    nargs(st, "index", args, 1, 3)?;
    let all = items(st, args.receiver(st));
    // `index(x, start, stop)`: the bounds clamp like a slice's (negative ones count from
    // the end), as CPython's do.
    let len = all.len() as i64;
    let bound = |st: &mut State, i: usize, default: i64| -> PyResult<usize> {
        if args.len() <= i {
            return Ok(default as usize);
        }
        let v = index_arg(st, args.get(st, i))?;
        let v = if v < 0 { (v + len).max(0) } else { v.min(len) };
        Ok(v as usize)
    };
    let start = bound(st, 1, 0)?;
    let stop = bound(st, 2, len)?;
    let mark = st.roots.stack.len();
    for x in &all {
        st.push(*x);
    }
    for i in start..stop.max(start) {
        let (x, t) = (st.at(mark + i), args.get(st, 0));
        if st.same_or_eq(x, t)? {
            st.truncate(mark);
            return new_int(st, i as i64);
        }
    }
    st.truncate(mark);
    // CPython 3.11's messages: the list's names the value, the tuple's does not.
    let what = if st.obj(args.receiver(st)).kind() == st.b.kinds.list {
        let r = st.repr_text_at(args.rooted(0))?;
        format!("{r} is not in list")
    } else {
        "tuple.index(x): x not in tuple".to_string()
    };
    Err(st.raise("ValueError", what))
}

pub(crate) fn seq_count(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "count")?;
    no_kwargs(st, "count", args)?;
    nargs(st, "count", args, 1, 1)?;
    let all = items(st, args.receiver(st));
    let mark = st.roots.stack.len();
    for x in &all {
        st.push(*x);
    }
    let mut n = 0;
    for i in 0..all.len() {
        let (x, t) = (st.at(mark + i), args.get(st, 0));
        if st.same_or_eq(x, t)? {
            n += 1;
        }
    }
    st.truncate(mark);
    new_int(st, n)
}

/// Replaces a list's items (same length or not) with `new`.
pub(crate) fn set_items(st: &mut State, l: RawRef, new: &[RawRef]) -> PyResult<()> {
    let a = st.alloc();
    let objs: Vec<_> = new.iter().map(|r| st.obj(*r)).collect();
    let fresh = list::new(&a, &objs)?.raw();
    let n = list::len(st.obj(l));
    let full = st.new_slice(RawRef::NULL, RawRef::NULL, RawRef::NULL)?;
    let _ = n;
    st.setitem(l, full, fresh)
}

pub(crate) fn list_reverse(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "reverse")?;
    no_kwargs(st, "reverse", args)?;
    nargs(st, "list.reverse", args, 0, 0)?;
    let mut all = items(st, args.receiver(st));
    all.reverse();
    set_items(st, args.receiver(st), &all)?;
    none(st)
}

pub(crate) fn list_copy(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "copy")?;
    no_kwargs(st, "copy", args)?;
    nargs(st, "list.copy", args, 0, 0)?;
    let all = items(st, args.receiver(st));
    let a = st.alloc();
    let objs: Vec<_> = all.iter().map(|r| st.obj(*r)).collect();
    Ok(list::new(&a, &objs)?.raw())
}

pub(crate) fn list_clear(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "clear")?;
    no_kwargs(st, "clear", args)?;
    nargs(st, "list.clear", args, 0, 0)?;
    set_items(st, args.receiver(st), &[])?;
    none(st)
}

pub(crate) fn list_remove(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "remove")?;
    no_kwargs(st, "remove", args)?;
    nargs(st, "list.remove", args, 1, 1)?;
    let idx = match seq_index(st, args) {
        Ok(idx) => idx,
        Err(e) if st.exc_is("ValueError") => {
            let _ = e;
            return Err(st.raise("ValueError", "list.remove(x): x not in list".into()));
        }
        Err(e) => return Err(e),
    };
    // The comparisons ran code: the list is read again.
    st.delitem(args.receiver(st), idx)?;
    none(st)
}

/// `key=` and `reverse=` of `list.sort` and `sorted`: the key (None for none), read after
/// `reverse`'s truth (which may run code), and `reverse`.
pub(crate) fn sort_options(st: &mut State, args: Args<'_>) -> PyResult<(Option<RawRef>, bool)> {
    let (mut key_at, mut reverse) = (None, false);
    for i in 0..args.kw_len() {
        match args.kw_name(i) {
            "key" => key_at = Some(i),
            "reverse" => reverse = st.truth(args.kw(st, i))?,
            other => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for sort()"),
                ))
            }
        }
    }
    let key = key_at.map(|i| args.kw(st, i)).filter(|k| *k != st.b.none);
    Ok((key, reverse))
}

/// `list.sort(*, key=None, reverse=False)`: a stable merge sort over the rooted stack (a
/// key function or a comparison may run code that collects).
pub(crate) fn list_sort(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "sort")?;
    nargs(st, "sort", args, 0, 0)?;
    let (key, reverse) = sort_options(st, args)?;
    // `sort_values` roots the list and the key before anything can collect.
    let sorted = sort_values(st, args.receiver(st), key, reverse)?;
    set_items(st, args.receiver(st), &sorted)?;
    none(st)
}

/// The items of iterable `v` sorted (used by `list.sort` and `sorted`).
pub(crate) fn sort_values(
    st: &mut State,
    v: RawRef,
    key: Option<RawRef>,
    reverse: bool,
) -> PyResult<Vec<RawRef>> {
    let mark = st.roots.stack.len();
    let r = (|| -> PyResult<Vec<RawRef>> {
        let vi = st.push(v);
        let ki = st.push(key.unwrap_or(RawRef::NULL));
        let it = st.iter_at(Rooted::slot(vi))?;
        let ii = st.push(it);
        let values = st.roots.stack.len();
        while let Some(x) = st.next_at(Rooted::slot(ii))? {
            st.push(x);
        }
        let n = st.roots.stack.len() - values;
        // The keys, each rooted beside its value.
        let keys = st.roots.stack.len();
        for i in 0..n {
            let x = st.at(values + i);
            let k = if st.at(ki).is_null() {
                x
            } else {
                st.call(st.at(ki), &[x], &[])?
            };
            st.push(k);
        }
        let mut order: Vec<usize> = (0..n).collect();
        let mut err = None;
        // Merge sort by `<` on the keys; stable; `reverse` keeps stability as CPython.
        merge_sort(&mut order, &mut |a, b| {
            if err.is_some() {
                return false;
            }
            let (x, y) = (st.at(keys + a), st.at(keys + b));
            let (x, y) = if reverse { (y, x) } else { (x, y) };
            match crate::protocols::compare::compare(st, x, y, 0) {
                Ok(lt) => lt,
                Err(e) => {
                    err = Some(e);
                    false
                }
            }
        });
        if let Some(e) = err {
            return Err(e);
        }
        Ok(order.iter().map(|i| st.at(values + *i)).collect())
    })();
    // The caller uses the values at once (no safepoint before they are stored).
    st.truncate(mark);
    r
}

pub(crate) fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
    if v.len() <= 1 {
        return;
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], less);
    merge_sort(&mut v[mid..], less);
    let (left, right) = (v[..mid].to_vec(), v[mid..].to_vec());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        // Take from the right only when strictly less: stable.
        if less(right[j], left[i]) {
            v[k] = right[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    while i < left.len() {
        v[k] = left[i];
        i += 1;
        k += 1;
    }
    while j < right.len() {
        v[k] = right[j];
        j += 1;
        k += 1;
    }
}

/// The methods of `list`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("append", list_append),
    ("extend", list_extend),
    ("pop", list_pop),
    ("insert", list_insert),
    ("index", seq_index),
    ("count", seq_count),
    ("reverse", list_reverse),
    ("copy", list_copy),
    ("clear", list_clear),
    ("remove", list_remove),
    ("sort", list_sort),
];
