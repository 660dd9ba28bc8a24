//! The methods of `bytes`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::args_check::by_name;
use crate::objects::args_check::*;
use crate::objects::{bytes, list, type_of, types};
use crate::state::State;

pub(crate) fn bytes_decode(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
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

pub(crate) fn bytes_arg(st: &mut State, r: RawRef) -> PyResult<Vec<u8>> {
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

pub(crate) fn find_bytes(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

pub(crate) fn bytes_method(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
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
    let args = crate::objects::args_check::receiver(st, args, "bytes", name)?;
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

/// The methods of `bytes`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[
    ("decode", bytes_decode),
    ("hex", bytes_hex),
    ("fromhex", bytes_fromhex),
    ("startswith", bytes_startswith),
    ("endswith", bytes_endswith),
    ("find", bytes_find),
    ("count", bytes_count),
    ("replace", bytes_replace),
    ("split", bytes_split),
    ("strip", bytes_strip),
    ("join", bytes_join),
    ("upper", bytes_upper),
    ("lower", bytes_lower),
];
