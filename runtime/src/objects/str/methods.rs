//! The methods of `str`: the common ones as natives of their own, the rest (`format`,
//! padding, case tests, `partition`...) as small natives naming themselves to one dispatcher.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::by_name;
use crate::objects::args_check::*;
use crate::objects::{bytes, list, str as pystr, tuple};
use crate::state::State;
use crate::value_stack::Rooted;

// ---------------------------------------------------------------- str and bytes

pub(crate) fn text(st: &State, r: RawRef) -> &str {
    pystr::as_str(st.obj(r))
}

pub(crate) fn str_arg(st: &mut State, v: RawRef, what: &str) -> PyResult<String> {
    let o = st.obj(v);
    if o.kind() == st.b.kinds.str_ {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(v);
    Err(st.raise("TypeError", format!("{what} must be str, not {t}")))
}

pub(crate) fn str_split(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

pub(crate) fn str_join(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "join")?;
    no_kwargs(st, "join", args)?;
    nargs(st, "join", args, 1, 1)?;
    let it = st.iter_at(args.rooted(0))?;
    let ii = st.push(it);
    let mut parts = Vec::new();
    while let Some(x) = st.next_at(Rooted::slot(ii))? {
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

pub(crate) fn strip_chars(st: &mut State, arg: Option<RawRef>) -> PyResult<Option<Vec<char>>> {
    match arg {
        Some(v) if v != st.b.none => Ok(Some(str_arg(st, v, "strip arg")?.chars().collect())),
        _ => Ok(None),
    }
}

pub(crate) fn strip_impl(
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

pub(crate) fn str_strip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "strip", true, true)
}

pub(crate) fn str_lstrip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "lstrip", true, false)
}

pub(crate) fn str_rstrip(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    strip_impl(st, a, "rstrip", false, true)
}

/// `startswith`/`endswith` with a str or a tuple of str.
pub(crate) fn affix(st: &mut State, args: Args<'_>, name: &str, start: bool) -> PyResult<RawRef> {
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

pub(crate) fn str_startswith(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    affix(st, a, "startswith", true)
}

pub(crate) fn str_endswith(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
    affix(st, a, "endswith", false)
}

pub(crate) fn str_replace(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

pub(crate) fn str_upper(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "upper")?;
    no_kwargs(st, "upper", args)?;
    nargs(st, "str.upper", args, 0, 0)?;
    let r = text(st, args.receiver(st)).to_uppercase();
    new_str(st, &r)
}

pub(crate) fn str_lower(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "lower")?;
    no_kwargs(st, "lower", args)?;
    nargs(st, "str.lower", args, 0, 0)?;
    let r = text(st, args.receiver(st)).to_lowercase();
    new_str(st, &r)
}

pub(crate) fn str_isdigit(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "str", "isdigit")?;
    no_kwargs(st, "isdigit", args)?;
    nargs(st, "str.isdigit", args, 0, 0)?;
    let t = text(st, args.receiver(st));
    let r = !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    Ok(st.bool_obj(r))
}

pub(crate) fn str_encode(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

by_name!(str_method:
    str_format => "format",
    str_center => "center",
    str_ljust => "ljust",
    str_rjust => "rjust",
    str_zfill => "zfill",
    str_title => "title",
    str_capitalize => "capitalize",
    str_swapcase => "swapcase",
    str_casefold => "casefold",
    str_isalpha => "isalpha",
    str_isalnum => "isalnum",
    str_isspace => "isspace",
    str_isupper => "isupper",
    str_islower => "islower",
    str_isdecimal => "isdecimal",
    str_isnumeric => "isnumeric",
    str_isidentifier => "isidentifier",
    str_partition => "partition",
    str_rpartition => "rpartition",
    str_rfind => "rfind",
    str_index => "index",
    str_rindex => "rindex",
    str_splitlines => "splitlines",
    str_rsplit => "rsplit",
    str_removeprefix => "removeprefix",
    str_removesuffix => "removesuffix",
    str_isascii => "isascii",
    str_istitle => "istitle",
    str_isprintable => "isprintable",
    str_find_range => "find",
    str_count_range => "count",
);

/// The fill character argument of `center`/`ljust`/`rjust`.
pub(crate) fn fill_char(st: &mut State, args: Args<'_>) -> PyResult<char> {
    match args.opt(st, 1) {
        None => Ok(' '),
        Some(r) => {
            let t = text_of(st, r, "The fill character")?;
            let mut cs = t.chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(st.raise(
                    "TypeError",
                    "The fill character must be exactly one character long".into(),
                )),
            }
        }
    }
}

pub(crate) fn str_tuple3(st: &mut State, parts: [&str; 3]) -> PyResult<RawRef> {
    let a = st.alloc();
    let objs = [
        pystr::new(&a, parts[0])?,
        pystr::new(&a, parts[1])?,
        pystr::new(&a, parts[2])?,
    ];
    Ok(tuple::new(&a, &objs)?.raw())
}

pub(crate) fn char_index(t: &str, byte: usize) -> i64 {
    t[..byte].chars().count() as i64
}

pub(crate) fn str_method(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "str", name)?;
    if name == "format" {
        let t = text_of(st, args.receiver(st), "descriptor 'format'")?;
        let r = st.str_format(&t, args)?;
        return new_str(st, &r);
    }
    if args.kw_len() != 0 && name != "splitlines" && name != "rsplit" {
        return Err(st.raise(
            "TypeError",
            format!("str.{name}() takes no keyword arguments"),
        ));
    }
    let t = text_of(st, args.receiver(st), "descriptor")?;
    let truth = |st: &State, b: bool| Ok(st.bool_obj(b));
    match name {
        "center" | "ljust" | "rjust" => {
            count_args(st, name, args, 1, 2)?;
            // The fill character first: the width's `__index__` may run code.
            let fill = fill_char(st, args)?;
            let width = int_of(st, args.get(st, 0))?;
            let n = t.chars().count() as i64;
            if width <= n {
                // `__index__` may have run code: the receiver is read now.
                return Ok(args.receiver(st));
            }
            let pad = (width - n) as usize;
            let (left, right) = match name {
                "ljust" => (0, pad),
                "rjust" => (pad, 0),
                // CPython's centring puts the odd character on the left when the width
                // is odd and the text's length even.
                _ => {
                    let left = pad / 2 + (pad & width as usize & 1);
                    (left, pad - left)
                }
            };
            let f = fill.to_string();
            let r = format!("{}{t}{}", f.repeat(left), f.repeat(right));
            new_str(st, &r)
        }
        "zfill" => {
            count_args(st, name, args, 1, 1)?;
            let width = int_of(st, args.get(st, 0))?;
            let n = t.chars().count() as i64;
            if width <= n {
                return Ok(args.receiver(st));
            }
            let pad = "0".repeat((width - n) as usize);
            let r = match t.chars().next() {
                Some(c @ ('+' | '-')) => format!("{c}{pad}{}", &t[1..]),
                _ => format!("{pad}{t}"),
            };
            new_str(st, &r)
        }
        "title" | "capitalize" | "swapcase" | "casefold" => {
            count_args(st, name, args, 0, 0)?;
            let r = match name {
                "title" => {
                    let mut out = String::new();
                    let mut prev_cased = false;
                    for c in t.chars() {
                        if prev_cased {
                            out.extend(c.to_lowercase());
                        } else {
                            out.extend(c.to_uppercase());
                        }
                        prev_cased = c.is_alphabetic();
                    }
                    out
                }
                "capitalize" => {
                    let mut cs = t.chars();
                    match cs.next() {
                        Some(c) => c
                            .to_uppercase()
                            .chain(cs.flat_map(|c| c.to_lowercase()))
                            .collect(),
                        None => String::new(),
                    }
                }
                "swapcase" => t
                    .chars()
                    .flat_map(|c| -> Vec<char> {
                        if c.is_uppercase() {
                            c.to_lowercase().collect()
                        } else {
                            c.to_uppercase().collect()
                        }
                    })
                    .collect(),
                _ => t.to_lowercase(),
            };
            new_str(st, &r)
        }
        "isalpha" | "isalnum" | "isspace" | "isdecimal" | "isnumeric" => {
            count_args(st, name, args, 0, 0)?;
            let f: fn(char) -> bool = match name {
                "isalpha" => char::is_alphabetic,
                "isalnum" => char::is_alphanumeric,
                "isspace" => char::is_whitespace,
                "isdecimal" => |c| c.is_ascii_digit(),
                _ => char::is_numeric,
            };
            truth(st, !t.is_empty() && t.chars().all(f))
        }
        "isupper" | "islower" => {
            count_args(st, name, args, 0, 0)?;
            let cased = t.chars().any(|c| c.is_lowercase() || c.is_uppercase());
            let ok = if name == "isupper" {
                !t.chars().any(char::is_lowercase)
            } else {
                !t.chars().any(char::is_uppercase)
            };
            truth(st, cased && ok)
        }
        "isidentifier" => {
            count_args(st, name, args, 0, 0)?;
            let mut cs = t.chars();
            let ok = cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
                && cs.all(|c| c == '_' || c.is_alphanumeric());
            truth(st, ok)
        }
        "partition" | "rpartition" => {
            count_args(st, name, args, 1, 1)?;
            let sep = text_of(st, args.get(st, 0), "sep")?;
            if sep.is_empty() {
                return Err(st.raise("ValueError", "empty separator".into()));
            }
            let hit = if name == "partition" {
                t.find(&sep)
            } else {
                t.rfind(&sep)
            };
            match hit {
                Some(i) => str_tuple3(st, [&t[..i], &sep, &t[i + sep.len()..]]),
                None if name == "partition" => str_tuple3(st, [&t, "", ""]),
                None => str_tuple3(st, ["", "", &t]),
            }
        }
        "find" | "rfind" | "index" | "rindex" | "count" => {
            count_args(st, name, args, 1, 3)?;
            let needle = text_of(st, args.get(st, 0), "must be")?;
            // `[start[, end]]`, as slice bounds over the characters.
            let chars: Vec<char> = t.chars().collect();
            let n = chars.len() as i64;
            let bound = |st: &mut State, r: Option<RawRef>, default: i64| -> PyResult<i64> {
                match r {
                    Some(r) if r != st.b.none => {
                        let v = int_of(st, r)?;
                        Ok(if v < 0 { (v + n).max(0) } else { v.min(n) })
                    }
                    _ => Ok(default),
                }
            };
            // The end first: each bound's `__index__` may run code.
            let end = bound(st, args.opt(st, 2), n)?;
            let start = bound(st, args.opt(st, 1), 0)?;
            // A start past the end finds nothing, not even "" (CPython).
            let past =
                args.opt(st, 1).is_some_and(|r| r != st.b.none) && int_of(st, args.get(st, 1))? > n;
            let start = if past { end + 1 } else { start };
            if name == "count" {
                if start > end {
                    return new_int(st, 0);
                }
                let hay: String = chars[start as usize..end as usize].iter().collect();
                let c = if needle.is_empty() {
                    hay.chars().count() as i64 + 1
                } else {
                    hay.matches(needle.as_str()).count() as i64
                };
                return new_int(st, c);
            }
            let hit = if start > end {
                None
            } else {
                let hay: String = chars[start as usize..end as usize].iter().collect();
                let b = if name == "find" || name == "index" {
                    hay.find(&needle)
                } else {
                    hay.rfind(&needle)
                };
                b.map(|b| start + char_index(&hay, b))
            };
            match hit {
                Some(i) => new_int(st, i),
                None if name.ends_with("find") => new_int(st, -1),
                None => Err(st.raise("ValueError", "substring not found".into())),
            }
        }
        "isascii" => {
            count_args(st, name, args, 0, 0)?;
            truth(st, t.is_ascii())
        }
        "isprintable" => {
            count_args(st, name, args, 0, 0)?;
            let ok = t.chars().all(|c| {
                !c.is_control() && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{a0}' | '\u{ad}')
            });
            truth(st, ok)
        }
        "istitle" => {
            count_args(st, name, args, 0, 0)?;
            let (mut cased, mut prev_cased, mut ok) = (false, false, true);
            for c in t.chars() {
                if c.is_uppercase() {
                    ok &= !prev_cased;
                    prev_cased = true;
                    cased = true;
                } else if c.is_lowercase() {
                    ok &= prev_cased;
                    prev_cased = true;
                    cased = true;
                } else {
                    prev_cased = false;
                }
            }
            truth(st, ok && cased)
        }
        "splitlines" => {
            let keep = match (args.opt(st, 0), args.kw_len()) {
                (Some(v), _) => st.truth(v)?,
                (None, 1..) if args.kw_name(0) == "keepends" => st.truth(args.kw(st, 0))?,
                (None, 1..) => {
                    let k = args.kw_name(0);
                    return Err(st.raise(
                        "TypeError",
                        format!("'{k}' is an invalid keyword argument for splitlines()"),
                    ));
                }
                _ => false,
            };
            let mut out = Vec::new();
            let mut cur = String::new();
            let mut cs = t.chars().peekable();
            while let Some(c) = cs.next() {
                let brk = matches!(
                    c,
                    '\n' | '\r'
                        | '\x0b'
                        | '\x0c'
                        | '\x1c'
                        | '\x1d'
                        | '\x1e'
                        | '\u{85}'
                        | '\u{2028}'
                        | '\u{2029}'
                );
                if !brk {
                    cur.push(c);
                    continue;
                }
                let mut end = c.to_string();
                if c == '\r' && cs.peek() == Some(&'\n') {
                    cs.next();
                    end.push('\n');
                }
                if keep {
                    cur.push_str(&end);
                }
                out.push(std::mem::take(&mut cur));
            }
            if !cur.is_empty() {
                out.push(cur);
            }
            str_list(st, &out)
        }
        "rsplit" => {
            for i in 0..args.kw_len() {
                let k = args.kw_name(i);
                match k {
                    "sep" | "maxsplit" => {}
                    _ => {
                        return Err(st.raise(
                            "TypeError",
                            format!("'{k}' is an invalid keyword argument for rsplit()"),
                        ))
                    }
                }
            }
            let sep = args.kw_get(st, "sep").or(args.opt(st, 0));
            let sep = match sep.filter(|s| *s != st.b.none) {
                Some(s) => Some(text_of(st, s, "must be")?),
                None => None,
            };
            let max = match args.kw_get(st, "maxsplit").or(args.opt(st, 1)) {
                Some(m) => int_of(st, m)?,
                None => -1,
            };
            let mut parts: Vec<String> = match &sep {
                Some(s) if s.is_empty() => {
                    return Err(st.raise("ValueError", "empty separator".into()))
                }
                Some(s) => {
                    if max < 0 {
                        t.rsplit(s.as_str()).map(str::to_string).collect()
                    } else {
                        t.rsplitn(max as usize + 1, s.as_str())
                            .map(str::to_string)
                            .collect()
                    }
                }
                None => {
                    let mut v: Vec<String> = Vec::new();
                    let mut rest = t.trim_end();
                    while !rest.is_empty() {
                        if max >= 0 && v.len() as i64 == max {
                            v.push(rest.to_string());
                            break;
                        }
                        match rest.rfind(char::is_whitespace) {
                            Some(i) => {
                                let w = rest[i..].chars().next().map_or(1, char::len_utf8);
                                v.push(rest[i + w..].to_string());
                                rest = rest[..i].trim_end();
                            }
                            None => {
                                v.push(rest.to_string());
                                break;
                            }
                        }
                    }
                    v
                }
            };
            parts.reverse();
            str_list(st, &parts)
        }
        "removeprefix" | "removesuffix" => {
            count_args(st, name, args, 1, 1)?;
            let a = text_of(st, args.get(st, 0), &format!("{name}() argument"))?;
            let r = if name == "removeprefix" {
                t.strip_prefix(a.as_str()).unwrap_or(&t)
            } else {
                t.strip_suffix(a.as_str()).unwrap_or(&t)
            };
            new_str(st, r)
        }
        _ => Err(st.raise(
            "AttributeError",
            format!("'str' object has no attribute '{name}'"),
        )),
    }
}

/// The methods of `str`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("split", str_split),
    ("join", str_join),
    ("strip", str_strip),
    ("lstrip", str_lstrip),
    ("rstrip", str_rstrip),
    ("startswith", str_startswith),
    ("endswith", str_endswith),
    ("replace", str_replace),
    ("upper", str_upper),
    ("lower", str_lower),
    ("find", str_find_range),
    ("count", str_count_range),
    ("isdigit", str_isdigit),
    ("encode", str_encode),
    ("format", str_format),
    ("center", str_center),
    ("ljust", str_ljust),
    ("rjust", str_rjust),
    ("zfill", str_zfill),
    ("title", str_title),
    ("capitalize", str_capitalize),
    ("swapcase", str_swapcase),
    ("casefold", str_casefold),
    ("isalpha", str_isalpha),
    ("isalnum", str_isalnum),
    ("isspace", str_isspace),
    ("isupper", str_isupper),
    ("islower", str_islower),
    ("isdecimal", str_isdecimal),
    ("isnumeric", str_isnumeric),
    ("isidentifier", str_isidentifier),
    ("partition", str_partition),
    ("rpartition", str_rpartition),
    ("rfind", str_rfind),
    ("index", str_index),
    ("rindex", str_rindex),
    ("splitlines", str_splitlines),
    ("rsplit", str_rsplit),
    ("removeprefix", str_removeprefix),
    ("removesuffix", str_removesuffix),
    ("isascii", str_isascii),
    ("istitle", str_istitle),
    ("isprintable", str_isprintable),
];
