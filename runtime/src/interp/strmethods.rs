//! More methods of `str` (`format`, padding, case tests, `partition`…) and of `bytes`
//! (`hex`, `fromhex`, searching, splitting). Each is a small native that names itself to
//! one dispatcher per type.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{bytes, int, list, str as pystr, tuple, type_of, types};
use crate::state::State;

macro_rules! by_name {
    ($disp:ident: $($f:ident => $n:literal),* $(,)?) => {
        $(
            pub(super) fn $f(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
                $disp(st, a, $n)
            }
        )*
    };
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

by_name!(bytes_method:
    bytes_hex => "hex",
    bytes_fromhex => "fromhex",
    bytes_startswith => "startswith",
    bytes_endswith => "endswith",
    bytes_find => "find",
    bytes_count => "count",
    bytes_replace => "replace",
    bytes_split => "split",
    bytes_strip => "strip",
    bytes_join => "join",
    bytes_upper => "upper",
    bytes_lower => "lower",
);

fn new_str(st: &mut State, s: &str) -> PyResult<RawRef> {
    Ok(pystr::new(&st.alloc(), s)?.raw())
}

fn new_int(st: &mut State, v: i64) -> PyResult<RawRef> {
    Ok(int::new_i64(&st.alloc(), v)?.raw())
}

fn new_bytes(st: &mut State, b: &[u8]) -> PyResult<RawRef> {
    Ok(bytes::new(&st.alloc(), b)?.raw())
}

fn count_args(st: &mut State, name: &str, args: Args<'_>, lo: usize, hi: usize) -> PyResult<()> {
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

fn text_of(st: &mut State, r: RawRef, what: &str) -> PyResult<String> {
    let o = st.obj(r);
    if types::data(type_of(o)).instances == types::Instances::Str {
        return Ok(pystr::as_str(o).to_string());
    }
    let t = st.type_name(r);
    Err(st.raise("TypeError", format!("{what} must be str, not {t}")))
}

fn int_of(st: &mut State, r: RawRef) -> PyResult<i64> {
    let i = st.index(r)?;
    match crate::objects::ops::int_value(st.obj(i)) {
        crate::objects::int::IntValue::Small(v) => Ok(v),
        _ => Err(st.raise(
            "OverflowError",
            "Python int too large to convert to C ssize_t".into(),
        )),
    }
}

/// The fill character argument of `center`/`ljust`/`rjust`.
fn fill_char(st: &mut State, args: Args<'_>) -> PyResult<char> {
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

fn str_tuple3(st: &mut State, parts: [&str; 3]) -> PyResult<RawRef> {
    let a = st.alloc();
    let objs = [
        pystr::new(&a, parts[0])?,
        pystr::new(&a, parts[1])?,
        pystr::new(&a, parts[2])?,
    ];
    Ok(tuple::new(&a, &objs)?.raw())
}

fn str_list(st: &mut State, parts: &[String]) -> PyResult<RawRef> {
    let a = st.alloc();
    let mut objs = Vec::with_capacity(parts.len());
    for p in parts {
        objs.push(pystr::new(&a, p)?);
    }
    Ok(list::new(&a, &objs)?.raw())
}

fn char_index(t: &str, byte: usize) -> i64 {
    t[..byte].chars().count() as i64
}

fn str_method(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
    let args = super::methods::receiver(st, args, "str", name)?;
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

fn bytes_arg(st: &mut State, r: RawRef) -> PyResult<Vec<u8>> {
    let o = st.obj(r);
    if types::data(type_of(o)).instances == types::Instances::Bytes {
        return Ok(bytes::data(o).to_vec());
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("a bytes-like object is required, not '{t}'"),
    ))
}

fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

fn bytes_method(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
    if name == "fromhex" {
        // A class method: `bytes.fromhex(text)` (self, if bound, is not used).
        count_args(st, "fromhex", args, 1, 1)?;
        let t = text_of(st, args.get(st, 0), "fromhex() argument")?;
        let digits: Vec<char> = t.chars().filter(|c| !c.is_whitespace()).collect();
        let mut out = Vec::new();
        for (i, pair) in digits.chunks(2).enumerate() {
            let v = if pair.len() == 2 {
                u8::from_str_radix(&pair.iter().collect::<String>(), 16).ok()
            } else {
                None
            };
            match v {
                Some(v) => out.push(v),
                None => {
                    return Err(st.raise(
                        "ValueError",
                        format!(
                            "non-hexadecimal number found in fromhex() arg at position {}",
                            i * 2 + usize::from(pair.len() == 2)
                        ),
                    ))
                }
            }
        }
        return new_bytes(st, &out);
    }
    let args = super::methods::receiver(st, args, "bytes", name)?;
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!("bytes.{name}() takes no keyword arguments"),
        ));
    }
    let data = bytes_arg(st, args.receiver(st))?;
    match name {
        "hex" => {
            count_args(st, name, args, 0, 0)?;
            let h: String = data.iter().map(|b| format!("{b:02x}")).collect();
            new_str(st, &h)
        }
        "startswith" | "endswith" => {
            count_args(st, name, args, 1, 1)?;
            let p = bytes_arg(st, args.get(st, 0))?;
            let b = if name == "startswith" {
                data.starts_with(&p)
            } else {
                data.ends_with(&p)
            };
            Ok(st.bool_obj(b))
        }
        "find" => {
            count_args(st, name, args, 1, 3)?;
            let p = bytes_arg(st, args.get(st, 0))?;
            // `[start[, end]]`, as slice bounds.
            let n = data.len() as i64;
            let mut bounds = [0, n];
            for (k, bound) in bounds.iter_mut().enumerate().take(args.len() - 1) {
                let r = args.get(st, k + 1);
                if r != st.b.none {
                    let v = int_of(st, r)?;
                    *bound = if v < 0 { (v + n).max(0) } else { v.min(n) };
                }
            }
            let [start, end] = bounds;
            // A start past the end finds nothing, not even b"" (CPython).
            let past =
                args.opt(st, 1).is_some_and(|r| r != st.b.none) && int_of(st, args.get(st, 1))? > n;
            let hit = (start <= end && !past)
                .then(|| find_bytes(&data[start as usize..end as usize], &p))
                .flatten()
                .map(|i| i as i64 + start);
            new_int(st, hit.unwrap_or(-1))
        }
        "count" => {
            count_args(st, name, args, 1, 1)?;
            let p = bytes_arg(st, args.get(st, 0))?;
            let n = if p.is_empty() {
                data.len() + 1
            } else {
                let (mut n, mut i) = (0, 0);
                while let Some(j) = find_bytes(&data[i..], &p) {
                    n += 1;
                    i += j + p.len();
                }
                n
            };
            new_int(st, n as i64)
        }
        "replace" => {
            count_args(st, name, args, 2, 2)?;
            let (old, new) = (
                bytes_arg(st, args.get(st, 0))?,
                bytes_arg(st, args.get(st, 1))?,
            );
            let mut out = Vec::new();
            let mut i = 0;
            if old.is_empty() {
                for b in &data {
                    out.extend_from_slice(&new);
                    out.push(*b);
                }
                out.extend_from_slice(&new);
            } else {
                while let Some(j) = find_bytes(&data[i..], &old) {
                    out.extend_from_slice(&data[i..i + j]);
                    out.extend_from_slice(&new);
                    i += j + old.len();
                }
                out.extend_from_slice(&data[i..]);
            }
            new_bytes(st, &out)
        }
        "split" => {
            count_args(st, name, args, 0, 1)?;
            let parts: Vec<Vec<u8>> = match args.opt(st, 0).filter(|s| *s != st.b.none) {
                Some(sep) => {
                    let sep = bytes_arg(st, sep)?;
                    if sep.is_empty() {
                        return Err(st.raise("ValueError", "empty separator".into()));
                    }
                    let mut v = Vec::new();
                    let mut i = 0;
                    while let Some(j) = find_bytes(&data[i..], &sep) {
                        v.push(data[i..i + j].to_vec());
                        i += j + sep.len();
                    }
                    v.push(data[i..].to_vec());
                    v
                }
                None => data
                    .split(|b| b.is_ascii_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(<[u8]>::to_vec)
                    .collect(),
            };
            let a = st.alloc();
            let mut objs = Vec::with_capacity(parts.len());
            for p in &parts {
                objs.push(bytes::new(&a, p)?);
            }
            Ok(list::new(&a, &objs)?.raw())
        }
        "strip" => {
            count_args(st, name, args, 0, 0)?;
            let start = data
                .iter()
                .position(|b| !b.is_ascii_whitespace())
                .unwrap_or(data.len());
            let end = data
                .iter()
                .rposition(|b| !b.is_ascii_whitespace())
                .map_or(start, |e| e + 1);
            new_bytes(st, &data[start..end.max(start)])
        }
        "join" => {
            count_args(st, name, args, 1, 1)?;
            let mark = st.roots.stack.len();
            let (start, n) = st.pin_items(args.get(st, 0), "can only join an iterable")?;
            let mut out = Vec::new();
            for i in 0..n {
                if i > 0 {
                    out.extend_from_slice(&data);
                }
                let item = st.at(start + i);
                match bytes_arg(st, item) {
                    Ok(b) => out.extend_from_slice(&b),
                    Err(e) => {
                        st.truncate(mark);
                        let t = st.type_name(item);
                        st.roots.exc = RawRef::NULL;
                        let _ = e;
                        return Err(st.raise(
                            "TypeError",
                            format!("sequence item {i}: expected a bytes-like object, {t} found"),
                        ));
                    }
                }
            }
            st.truncate(mark);
            new_bytes(st, &out)
        }
        "upper" => new_bytes(st, &data.to_ascii_uppercase()),
        "lower" => new_bytes(st, &data.to_ascii_lowercase()),
        _ => Err(st.raise(
            "AttributeError",
            format!("'bytes' object has no attribute '{name}'"),
        )),
    }
}
