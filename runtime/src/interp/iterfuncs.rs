//! The iteration builtins: `reversed`, `map`, `filter`, `any`, `all`. `map` and `filter`
//! are eager (they return an iterator over a list computed at once), as generator
//! expressions are in hpymove.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{list, type_of, types};
use crate::state::State;

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
    let mark = st.roots.stack.len();
    let its = st.roots.stack.len();
    let r = (|| {
        // One iterator per iterable, rooted beside the others; each iterable is read
        // when its turn comes (`iter` may run code).
        for i in 1..args.len() {
            let it = st.iter(args.get(st, i))?;
            st.push(it);
        }
        let out = st.roots.stack.len();
        'outer: loop {
            let argv_at = st.roots.stack.len();
            for i in 0..args.len() - 1 {
                match st.next(st.at(its + i))? {
                    Some(v) => {
                        st.push(v);
                    }
                    None => {
                        st.truncate(argv_at);
                        break 'outer;
                    }
                }
            }
            let argv: Vec<RawRef> = st.roots.stack[argv_at..].to_vec();
            // The call roots `argv` in the callee's frame before anything can collect.
            let v = st.call(args.get(st, 0), &argv, &[])?;
            st.truncate(argv_at);
            st.push(v);
        }
        iter_over(st, out)
    })();
    st.truncate(mark);
    r
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
    let mark = st.roots.stack.len();
    let r = (|| {
        let it = st.iter(args.get(st, 1))?;
        let ii = st.push(it);
        let out = st.roots.stack.len();
        while let Some(v) = st.next(st.at(ii))? {
            let vi = st.push(v);
            let keep = if args.get(st, 0) == st.b.none {
                st.truth(v)?
            } else {
                let r = st.call(args.get(st, 0), &[v], &[])?;
                st.truth(r)?
            };
            if !keep {
                st.truncate(vi);
            }
        }
        iter_over(st, out)
    })();
    st.truncate(mark);
    r
}

fn any_all(st: &mut State, args: Args<'_>, all: bool) -> PyResult<RawRef> {
    one_arg(st, if all { "all" } else { "any" }, args)?;
    let it = st.iter(args.get(st, 0))?;
    let ii = st.push(it);
    let r = (|| -> PyResult<bool> {
        while let Some(v) = st.next(st.at(ii))? {
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
