//! The iteration builtins: `reversed`, `map`, `filter`, `any`, `all`. `map` and `filter`
//! are eager (they return an iterator over a list computed at once), as generator
//! expressions are in hpymove.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{list, type_of, types};
use crate::state::State;
use crate::value_stack::Rooted;

fn one_arg(st: &mut State, name: &str, args: Args<'_>) -> PyResult<()> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("{name}() takes exactly one argument ({} given)", args.len()),
        ));
    }
    Ok(())
}

/// An iterator over the list of the values rooted on the stack from `start`.
fn iter_over(st: &mut State, start: usize) -> PyResult<RawRef> {
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[start..].iter().map(|r| st.obj(*r)).collect();
    let l = list::new(&a, &objs)?.raw();
    st.truncate(start);
    st.iter(l)
}

pub(super) fn reversed(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "reversed() takes no keyword arguments".into()));
    }
    if args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!("reversed expected 1 argument, got {}", args.len()),
        ));
    }
    // Each step below may run code (a Python `__reversed__`, `__getitem__` lookup):
    // the argument is read again for each.
    if let Some(r) = st.call_dunder(args.get(st, 0), "__reversed__", &[]) {
        return r;
    }
    let x = args.get(st, 0);
    // A dict and its views: the listing in reverse insertion order.
    let view =
        if types::data(type_of(st.obj(x))).instances == types::Instances::Dict && !st.is_set(x) {
            Some((crate::protocols::iter::DictIter::Keys, x))
        } else {
            st.dict_view_of(x)
        };
    if let Some((what, d)) = view {
        let l = st.dict_list(d, what)?;
        return st.list_reversed(l);
    }
    let x = args.get(st, 0);
    let o = st.obj(x);
    let k = st.b.kinds;
    let seq = o.kind() == k.list
        || o.kind() == k.tuple
        || o.kind() == k.str_
        || o.kind() == k.bytes
        || o.kind() == k.range
        || st.py_method(x, "__getitem__").is_some();
    let x = args.get(st, 0);
    if !seq || types::data(type_of(st.obj(x))).instances == types::Instances::Dict {
        let t = st.type_name(x);
        return Err(st.raise("TypeError", format!("'{t}' object is not reversible")));
    }
    let mark = st.roots.stack.len();
    let (start, n) = st.pin_items(x, "argument to reversed() must be a sequence")?;
    st.roots.stack[start..start + n].reverse();
    let r = iter_over(st, start);
    st.truncate(mark);
    r
}

pub(super) fn map(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "map() takes no keyword arguments".into()));
    }
    if args.len() < 2 {
        return Err(st.raise(
            "TypeError",
            "map() must have at least two arguments.".into(),
        ));
    }
    let its = iterators_of(st, args, 1)?;
    st.lazy_iter("map", args.get(st, 0), its, false)
}

pub(super) fn filter(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", "filter() takes no keyword arguments".into()));
    }
    if args.len() != 2 {
        return Err(st.raise(
            "TypeError",
            format!("filter expected 2 arguments, got {}", args.len()),
        ));
    }
    let its = iterators_of(st, args, 1)?;
    st.lazy_iter("filter", args.get(st, 0), its, false)
}

/// A tuple of `iter(a)` for the arguments from `first` on; each iterable is read when
/// its turn comes (`iter` may run code), and the iterators made so far stay rooted.
pub(super) fn iterators_of(st: &mut State, args: Args<'_>, first: usize) -> PyResult<RawRef> {
    let mark = st.roots.stack.len();
    let r = (|| {
        for i in first..args.len() {
            let it = st.iter(args.get(st, i))?;
            st.push(it);
        }
        let a = st.alloc();
        let objs: Vec<_> = st.roots.stack[mark..].iter().map(|r| st.obj(*r)).collect();
        Ok(crate::objects::tuple::new(&a, &objs)?.raw())
    })();
    st.truncate(mark);
    r
}

fn any_all(st: &mut State, args: Args<'_>, all: bool) -> PyResult<RawRef> {
    one_arg(st, if all { "all" } else { "any" }, args)?;
    let it = st.iter_at(args.rooted(0))?;
    let ii = st.push(it);
    let r = (|| -> PyResult<bool> {
        while let Some(v) = st.next_at(Rooted::slot(ii))? {
            if st.truth(v)? != all {
                return Ok(!all);
            }
        }
        Ok(all)
    })();
    st.truncate(ii);
    Ok(st.bool_obj(r?))
}

pub(super) fn any(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    any_all(st, args, false)
}

pub(super) fn all(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    any_all(st, args, true)
}
