//! Methods of the builtin types (`list.append`, `str.split`, `dict.get`…), written in Rust
//! as natives and bound to their instance when looked up through it.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::types::Instances;
use crate::objects::{bytes, dict, int, list, native, str as pystr, tuple, type_of, types};
use crate::state::State;

/// A method reads its arguments through their roots (see `args.rs`).
pub(crate) type Method = fn(&mut State, Args<'_>) -> PyResult<RawRef>;

/// `(type name, method name, implementation)`.
pub(crate) const METHODS: &[(&str, &str, Method)] = &[
    ("list", "append", list_append),
    ("list", "extend", list_extend),
    ("list", "pop", list_pop),
    ("list", "insert", list_insert),
    ("list", "index", seq_index),
    ("list", "count", seq_count),
    ("list", "reverse", list_reverse),
    ("list", "copy", list_copy),
    ("list", "clear", list_clear),
    ("list", "remove", list_remove),
    ("list", "sort", list_sort),
    ("tuple", "index", seq_index),
    ("tuple", "count", seq_count),
    ("dict", "get", dict_get),
    ("dict", "pop", dict_pop),
    ("dict", "setdefault", dict_setdefault),
    ("dict", "update", dict_update),
    ("dict", "copy", dict_copy),
    ("dict", "clear", dict_clear),
    ("str", "split", str_split),
    ("str", "join", str_join),
    ("str", "strip", str_strip),
    ("str", "lstrip", str_lstrip),
    ("str", "rstrip", str_rstrip),
    ("str", "startswith", str_startswith),
    ("str", "endswith", str_endswith),
    ("str", "replace", str_replace),
    ("str", "upper", str_upper),
    ("str", "lower", str_lower),
    ("str", "find", super::strmethods::str_find_range),
    ("str", "count", super::strmethods::str_count_range),
    ("str", "isdigit", str_isdigit),
    ("str", "encode", str_encode),
    ("bytes", "decode", bytes_decode),
    ("str", "format", super::strmethods::str_format),
    ("str", "center", super::strmethods::str_center),
    ("str", "ljust", super::strmethods::str_ljust),
    ("str", "rjust", super::strmethods::str_rjust),
    ("str", "zfill", super::strmethods::str_zfill),
    ("str", "title", super::strmethods::str_title),
    ("str", "capitalize", super::strmethods::str_capitalize),
    ("str", "swapcase", super::strmethods::str_swapcase),
    ("str", "casefold", super::strmethods::str_casefold),
    ("str", "isalpha", super::strmethods::str_isalpha),
    ("str", "isalnum", super::strmethods::str_isalnum),
    ("str", "isspace", super::strmethods::str_isspace),
    ("str", "isupper", super::strmethods::str_isupper),
    ("str", "islower", super::strmethods::str_islower),
    ("str", "isdecimal", super::strmethods::str_isdecimal),
    ("str", "isnumeric", super::strmethods::str_isnumeric),
    ("str", "isidentifier", super::strmethods::str_isidentifier),
    ("str", "partition", super::strmethods::str_partition),
    ("str", "rpartition", super::strmethods::str_rpartition),
    ("str", "rfind", super::strmethods::str_rfind),
    ("str", "index", super::strmethods::str_index),
    ("str", "rindex", super::strmethods::str_rindex),
    ("str", "splitlines", super::strmethods::str_splitlines),
    ("str", "rsplit", super::strmethods::str_rsplit),
    ("str", "removeprefix", super::strmethods::str_removeprefix),
    ("str", "removesuffix", super::strmethods::str_removesuffix),
    ("str", "isascii", super::strmethods::str_isascii),
    ("str", "istitle", super::strmethods::str_istitle),
    ("str", "isprintable", super::strmethods::str_isprintable),
    ("bytes", "hex", super::strmethods::bytes_hex),
    ("bytes", "fromhex", super::strmethods::bytes_fromhex),
    ("bytes", "startswith", super::strmethods::bytes_startswith),
    ("bytes", "endswith", super::strmethods::bytes_endswith),
    ("bytes", "find", super::strmethods::bytes_find),
    ("bytes", "count", super::strmethods::bytes_count),
    ("bytes", "replace", super::strmethods::bytes_replace),
    ("bytes", "split", super::strmethods::bytes_split),
    ("bytes", "strip", super::strmethods::bytes_strip),
    ("bytes", "join", super::strmethods::bytes_join),
    ("bytes", "upper", super::strmethods::bytes_upper),
    ("bytes", "lower", super::strmethods::bytes_lower),
    ("set", "add", super::sets::set_add),
    ("set", "remove", super::sets::set_remove),
    ("set", "discard", super::sets::set_discard),
    ("set", "pop", super::sets::set_pop),
    ("set", "clear", super::sets::set_clear),
    ("set", "copy", super::sets::set_copy),
    ("set", "update", super::sets::set_update),
    ("set", "union", super::sets::set_union),
    ("set", "intersection", super::sets::set_intersection),
    ("set", "difference", super::sets::set_difference),
    (
        "set",
        "symmetric_difference",
        super::sets::set_symmetric_difference,
    ),
    ("set", "issubset", super::sets::set_issubset),
    ("set", "issuperset", super::sets::set_issuperset),
    ("set", "isdisjoint", super::sets::set_isdisjoint),
    ("frozenset", "copy", super::sets::set_copy),
    ("frozenset", "union", super::sets::set_union),
    ("frozenset", "intersection", super::sets::set_intersection),
    ("frozenset", "difference", super::sets::set_difference),
    (
        "frozenset",
        "symmetric_difference",
        super::sets::set_symmetric_difference,
    ),
    ("frozenset", "issubset", super::sets::set_issubset),
    ("frozenset", "issuperset", super::sets::set_issuperset),
    ("frozenset", "isdisjoint", super::sets::set_isdisjoint),
    ("dict_keys", "isdisjoint", super::dictviews::view_isdisjoint),
    (
        "dict_items",
        "isdisjoint",
        super::dictviews::view_isdisjoint,
    ),
    ("dict", "keys", super::moremethods::dict_keys),
    ("dict", "values", super::moremethods::dict_values),
    ("dict", "items", super::moremethods::dict_items),
    ("dict", "popitem", super::moremethods::dict_popitem),
    ("dict", "fromkeys", super::moremethods::dict_fromkeys),
    ("generator", "send", super::generators::gen_send),
    ("generator", "throw", super::generators::gen_throw_method),
    ("generator", "close", super::generators::gen_close_method),
    ("generator", "__next__", super::generators::gen_next),
    ("generator", "__iter__", super::generators::gen_iter),
    ("int", "bit_length", super::moremethods::int_bit_length),
    ("int", "to_bytes", super::moremethods::int_to_bytes),
    ("int", "from_bytes", super::moremethods::int_from_bytes),
    ("float", "is_integer", super::moremethods::float_is_integer),
    (
        "float",
        "as_integer_ratio",
        super::moremethods::float_as_integer_ratio,
    ),
];

/// Puts every method in its builtin type's dict (once, at interpreter start).
pub(crate) fn install(st: &mut State, first_index: u32) -> PyResult<()> {
    for (i, (ty, name, _)) in METHODS.iter().enumerate() {
        let tref = match *ty {
            "list" => st.b.list_type,
            "tuple" => st.b.tuple_type,
            "dict" => st.b.dict_type,
            "str" => st.b.str_type,
            "int" => st.b.int_type,
            "float" => st.b.float_type,
            "set" => st.b.set_type,
            "frozenset" => st.b.frozenset_type,
            "dict_keys" => st.b.dict_keys_type,
            "dict_items" => st.b.dict_items_type,
            "generator" => st.b.generator_type,
            _ => st.b.bytes_type,
        };
        let f = native::new(&st.alloc(), name, RawRef::NULL, first_index + i as u32)?.raw();
        let fi = st.push(f);
        let k = pystr::new_immortal(&st.alloc(), name)?.raw();
        let a = st.alloc();
        let d = types::dict(st.obj(tref));
        crate::objects::ops::dict_set_str(&a, d, st.obj(k), st.obj(st.at(fi)));
        st.truncate(fi);
    }
    Ok(())
}

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

fn no_kwargs(st: &mut State, name: &str, args: Args<'_>) -> PyResult<()> {
    if args.kw_len() == 0 {
        Ok(())
    } else {
        Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")))
    }
}

fn nargs(st: &mut State, name: &str, args: Args<'_>, min: usize, max: usize) -> PyResult<()> {
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

fn none(st: &State) -> PyResult<RawRef> {
    Ok(st.b.none)
}

fn new_int(st: &mut State, v: i64) -> PyResult<RawRef> {
    Ok(int::new_i64(&st.alloc(), v)?.raw())
}

fn new_str(st: &mut State, s: &str) -> PyResult<RawRef> {
    Ok(pystr::new(&st.alloc(), s)?.raw())
}

fn index_arg(st: &mut State, v: RawRef) -> PyResult<i64> {
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

// ---------------------------------------------------------------- list

fn list_append(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "append")?;
    no_kwargs(st, "list.append", args)?;
    nargs(st, "list.append", args, 1, 1)?;
    let a = st.alloc();
    list::append(&a, st.obj(args.receiver(st)), args.obj(st, 0))?;
    none(st)
}

fn list_extend(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "extend")?;
    no_kwargs(st, "list.extend", args)?;
    nargs(st, "list.extend", args, 1, 1)?;
    if let Err(e) = st.inplace_op(
        crate::protocols::number::BinOp::Add,
        args.receiver(st),
        args.get(st, 0),
    ) {
        if st.exc_is("TypeError") {
            let t = st.type_name(args.get(st, 0));
            return Err(st.raise("TypeError", format!("'{t}' object is not iterable")));
        }
        return Err(e);
    }
    none(st)
}

fn list_pop(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

fn list_insert(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "insert")?;
    no_kwargs(st, "insert", args)?;
    nargs(st, "insert", args, 2, 2)?;
    let i = index_arg(st, args.get(st, 0))?;
    st.list_insert(args.receiver(st), i as isize, args.get(st, 1))?;
    none(st)
}

/// Items of a list or tuple receiver.
fn items(st: &State, seq: RawRef) -> Vec<RawRef> {
    let o = st.obj(seq);
    if o.kind() == st.b.kinds.list {
        list::items(o).map(|x| x.raw()).collect()
    } else {
        tuple::items(o).map(|x| x.raw()).collect()
    }
}

fn seq_index(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "index")?;
    no_kwargs(st, "index", args)?;
    nargs(st, "index", args, 1, 1)?;
    let all = items(st, args.receiver(st));
    let mark = st.roots.stack.len();
    for x in &all {
        st.push(*x);
    }
    for i in 0..all.len() {
        let (x, t) = (st.at(mark + i), args.get(st, 0));
        if st.same_or_eq(x, t)? {
            st.truncate(mark);
            return new_int(st, i as i64);
        }
    }
    st.truncate(mark);
    let what = if st.obj(args.receiver(st)).kind() == st.b.kinds.list {
        "list.index(x): x not in list"
    } else {
        "tuple.index(x): x not in tuple"
    };
    Err(st.raise("ValueError", what.into()))
}

fn seq_count(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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
fn set_items(st: &mut State, l: RawRef, new: &[RawRef]) -> PyResult<()> {
    let a = st.alloc();
    let objs: Vec<_> = new.iter().map(|r| st.obj(*r)).collect();
    let fresh = list::new(&a, &objs)?.raw();
    let n = list::len(st.obj(l));
    let full = st.new_slice(RawRef::NULL, RawRef::NULL, RawRef::NULL)?;
    let _ = n;
    st.setitem(l, full, fresh)
}

fn list_reverse(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "reverse")?;
    no_kwargs(st, "reverse", args)?;
    nargs(st, "list.reverse", args, 0, 0)?;
    let mut all = items(st, args.receiver(st));
    all.reverse();
    set_items(st, args.receiver(st), &all)?;
    none(st)
}

fn list_copy(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "copy")?;
    no_kwargs(st, "copy", args)?;
    nargs(st, "list.copy", args, 0, 0)?;
    let all = items(st, args.receiver(st));
    let a = st.alloc();
    let objs: Vec<_> = all.iter().map(|r| st.obj(*r)).collect();
    Ok(list::new(&a, &objs)?.raw())
}

fn list_clear(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "list", "clear")?;
    no_kwargs(st, "clear", args)?;
    nargs(st, "list.clear", args, 0, 0)?;
    set_items(st, args.receiver(st), &[])?;
    none(st)
}

fn list_remove(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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
fn list_sort(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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
        let it = st.iter(st.at(vi))?;
        let ii = st.push(it);
        let values = st.roots.stack.len();
        while let Some(x) = st.next(st.at(ii))? {
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
            match crate::host::context::objects::compare(st, x, y, 0) {
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

fn merge_sort(v: &mut [usize], less: &mut dyn FnMut(usize, usize) -> bool) {
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

// ---------------------------------------------------------------- dict

fn dict_get(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "get")?;
    no_kwargs(st, "get", args)?;
    nargs(st, "get", args, 1, 2)?;
    match st.dict_get(args.receiver(st), args.get(st, 0))? {
        Some(v) => Ok(v),
        None => Ok(args.opt(st, 1).unwrap_or(st.b.none)),
    }
}

fn dict_pop(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

fn dict_setdefault(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

fn dict_update(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

fn dict_copy(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "copy")?;
    no_kwargs(st, "copy", args)?;
    nargs(st, "dict.copy", args, 0, 0)?;
    st.dict_copy(args.receiver(st))
}

fn dict_clear(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "dict", "clear")?;
    no_kwargs(st, "clear", args)?;
    nargs(st, "dict.clear", args, 0, 0)?;
    dict::entries(st.obj(args.receiver(st))).clear();
    none(st)
}

// ---------------------------------------------------------------- str and bytes

fn text(st: &State, r: RawRef) -> &str {
    pystr::as_str(st.obj(r))
}

fn str_arg(st: &mut State, v: RawRef, what: &str) -> PyResult<String> {
    let o = st.obj(v);
    if o.kind() == st.b.kinds.str_ {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(v);
    Err(st.raise("TypeError", format!("{what} must be str, not {t}")))
}

fn str_split(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "split")?;
    for i in 0..args.kw_len() {
        match args.kw_name(i) {
            "sep" | "maxsplit" => {}
            other => {
                return Err(st.raise(
                    "TypeError",
                    format!("'{other}' is an invalid keyword argument for split()"),
                ))
            }
        }
    }
    nargs(st, "split", args, 0, 2)?;
    let max = match args.kw_get(st, "maxsplit").or(args.opt(st, 1)) {
        Some(m) => index_arg(st, m)?,
        None => -1,
    };
    // `__index__` may have run code: the separator is read now.
    let sep = match args.kw_get(st, "sep").or(args.opt(st, 0)) {
        Some(v) if v != st.b.none => Some(str_arg(st, v, "must be str or None")?),
        _ => None,
    };
    let s = text(st, args.receiver(st)).to_string();
    let parts: Vec<String> = match &sep {
        Some(sep) if sep.is_empty() => return Err(st.raise("ValueError", "empty separator".into())),
        Some(sep) => {
            if max < 0 {
                s.split(sep.as_str()).map(str::to_string).collect()
            } else {
                s.splitn(max as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = s.trim_start();
            while !rest.is_empty() {
                if max >= 0 && out.len() as i64 == max {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        }
    };
    let mark = st.roots.stack.len();
    for p in &parts {
        let o = new_str(st, p)?;
        st.push(o);
    }
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[mark..].iter().map(|r| st.obj(*r)).collect();
    let l = list::new(&a, &objs)?.raw();
    st.truncate(mark);
    Ok(l)
}

fn str_join(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "join")?;
    no_kwargs(st, "join", args)?;
    nargs(st, "join", args, 1, 1)?;
    let it = st.iter(args.get(st, 0))?;
    let ii = st.push(it);
    let mut parts = Vec::new();
    while let Some(x) = st.next(st.at(ii))? {
        let o = st.obj(x);
        if o.kind() != st.b.kinds.str_ {
            let t = st.type_name(x);
            let n = parts.len();
            return Err(st.raise(
                "TypeError",
                format!("sequence item {n}: expected str instance, {t} found"),
            ));
        }
        parts.push(pystr::as_str(o).to_string());
    }
    let sep = text(st, args.receiver(st)).to_string();
    st.truncate(ii);
    new_str(st, &parts.join(&sep))
}

fn strip_chars(st: &mut State, arg: Option<RawRef>) -> PyResult<Option<Vec<char>>> {
    match arg {
        Some(v) if v != st.b.none => Ok(Some(str_arg(st, v, "strip arg")?.chars().collect())),
        _ => Ok(None),
    }
}

fn strip_impl(
    st: &mut State,
    args: Args<'_>,
    name: &str,
    left: bool,
    right: bool,
) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", name)?;
    no_kwargs(st, name, args)?;
    nargs(st, name, args, 0, 1)?;
    let chars = strip_chars(st, args.opt(st, 0))?;
    let t = text(st, args.receiver(st)).to_string();
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(&c),
        None => c.is_whitespace(),
    };
    let mut r: &str = &t;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    new_str(st, r)
}

fn str_strip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "strip", true, true)
}
fn str_lstrip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "lstrip", true, false)
}
fn str_rstrip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "rstrip", false, true)
}

/// `startswith`/`endswith` with a str or a tuple of str.
fn affix(st: &mut State, args: Args<'_>, name: &str, start: bool) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", name)?;
    no_kwargs(st, name, args)?;
    nargs(st, name, args, 1, 3)?;
    // `[start[, end]]`, slice bounds over the characters; a start past the end: False.
    let n = pystr::char_len(st.obj(args.receiver(st))) as i64;
    let mut bounds = [0, n];
    let mut past = false;
    for (k, bound) in bounds.iter_mut().enumerate().take(args.len() - 1) {
        let r = args.get(st, k + 1);
        if r != st.b.none {
            let v = st.index(r)?;
            let v = num_traits::ToPrimitive::to_i64(&crate::objects::int::to_bigint(st.obj(v)))
                .unwrap_or(if k == 0 { i64::MAX } else { i64::MIN });
            past |= k == 0 && v > n;
            *bound = if v < 0 { (v + n).max(0) } else { v.min(n) };
        }
    }
    let o = args.obj(st, 0);
    let cands: Vec<String> = if o.kind() == st.b.kinds.tuple {
        let items: Vec<RawRef> = tuple::items(o).map(|x| x.raw()).collect();
        let mut v = Vec::new();
        for i in items {
            v.push(str_arg(
                st,
                i,
                "tuple for startswith must only contain str, not",
            )?);
        }
        v
    } else if o.kind() == st.b.kinds.str_ {
        vec![pystr::as_str(o).to_string()]
    } else {
        let t = st.type_name(args.get(st, 0));
        return Err(st.raise(
            "TypeError",
            format!("{name} first arg must be str or a tuple of str, not {t}"),
        ));
    };
    let [b0, b1] = bounds;
    if past || b0 > b1 {
        return Ok(st.bool_obj(false));
    }
    let t: String = text(st, args.receiver(st))
        .chars()
        .skip(b0 as usize)
        .take((b1 - b0) as usize)
        .collect();
    let hit = cands.iter().any(|c| {
        if start {
            t.starts_with(c.as_str())
        } else {
            t.ends_with(c.as_str())
        }
    });
    Ok(st.bool_obj(hit))
}

fn str_startswith(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    affix(st, a, "startswith", true)
}
fn str_endswith(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    affix(st, a, "endswith", false)
}

fn str_replace(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "replace")?;
    no_kwargs(st, "replace", args)?;
    nargs(st, "replace", args, 2, 3)?;
    let old = str_arg(st, args.get(st, 0), "replace() argument 1")?;
    let new = str_arg(st, args.get(st, 1), "replace() argument 2")?;
    let count = match args.opt(st, 2) {
        Some(c) => index_arg(st, c)?,
        None => -1,
    };
    let t = text(st, args.receiver(st)).to_string();
    let r = if count < 0 {
        t.replace(&old, &new)
    } else {
        t.replacen(&old, &new, count as usize)
    };
    new_str(st, &r)
}

fn str_upper(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "upper")?;
    no_kwargs(st, "upper", args)?;
    nargs(st, "str.upper", args, 0, 0)?;
    let r = text(st, args.receiver(st)).to_uppercase();
    new_str(st, &r)
}

fn str_lower(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "lower")?;
    no_kwargs(st, "lower", args)?;
    nargs(st, "str.lower", args, 0, 0)?;
    let r = text(st, args.receiver(st)).to_lowercase();
    new_str(st, &r)
}

fn str_isdigit(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "isdigit")?;
    no_kwargs(st, "isdigit", args)?;
    nargs(st, "str.isdigit", args, 0, 0)?;
    let t = text(st, args.receiver(st));
    let r = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    Ok(st.bool_obj(r))
}

fn str_encode(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "encode")?;
    nargs(st, "encode", args, 0, 2)?;
    if args.is_empty() && args.kw_len() == 0 {
        let b = text(st, args.receiver(st)).as_bytes().to_vec();
        return Ok(bytes::new(&st.alloc(), &b)?.raw());
    }
    // bytes(str, encoding[, errors]) has the codec machinery; the call roots its
    // arguments before anything can collect.
    let mut call_args = vec![args.receiver(st)];
    call_args.extend(args.snapshot(st));
    if args.is_empty() {
        if let Some(e) = args.kw_get(st, "encoding") {
            call_args.push(e);
        }
    }
    st.call(st.b.bytes_type, &call_args, &[])
}

fn bytes_decode(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "bytes", "decode")?;
    nargs(st, "decode", args, 0, 2)?;
    // Allocating never collects: the addresses read below stay current until the call,
    // which roots them.
    let utf8 = new_str(st, "utf-8")?;
    let mut call_args = vec![args.receiver(st)];
    if args.is_empty() {
        call_args.push(args.kw_get(st, "encoding").unwrap_or(utf8));
    } else {
        call_args.extend(args.snapshot(st));
    }
    st.call(st.b.str_type, &call_args, &[])
}
