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
    bytes_ljust => "ljust",
    bytes_rjust => "rjust",
    bytes_center => "center",
    bytes_translate => "translate",
    bytes_maketrans => "maketrans",
);

/// The bytes of a bytes-like argument: bytes, or a `bytearray` or `memoryview` (written
/// in Python: `bytes(r)` gives their bytes, which may run code).
pub(crate) fn bytes_arg(st: &mut State, r: RawRef) -> PyResult<Vec<u8>> {
    let o = st.obj(r);
    if types::data(type_of(o)).instances == types::Instances::Bytes {
        return Ok(bytes::data(o).to_vec());
    }
    if is_bytes_like(st, r) {
        let b = st.call(st.b.bytes_type, &[r], &[])?;
        return Ok(bytes::data(st.obj(b)).to_vec());
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("a bytes-like object is required, not '{t}'"),
    ))
}

/// Is `r` a `bytearray` or a `memoryview` (the builtins' classes or subclasses)?
fn is_bytes_like(st: &State, r: RawRef) -> bool {
    let t = type_of(st.obj(r));
    let m = st.b.builtins_module;
    ["bytearray", "memoryview"].iter().any(|name| {
        let a = st.alloc();
        let found =
            crate::objects::ops::dict_get_str(&a, crate::objects::module::dict(st.obj(m)), name);
        found.is_some_and(|c| c.kind() == st.b.kinds.type_ && types::is_subtype(t, c))
    })
}

/// `[start[, end]]` arguments `first..` of `args` (None: the default) as bounds into a
/// sequence of `n` items, clipped as slice bounds are; `None` when start lies past
/// the end or the length (CPython's methods then find nothing, not even an empty needle).
fn sub_bounds(
    st: &mut State,
    args: Args<'_>,
    first: usize,
    n: usize,
) -> PyResult<Option<(usize, usize)>> {
    let n = n as i64;
    let mut bounds = [0, n];
    for (k, bound) in bounds.iter_mut().enumerate() {
        if let Some(r) = args.opt(st, first + k).filter(|r| *r != st.b.none) {
            let v = int_of(st, r)?;
            *bound = if v < 0 { (v + n).max(0) } else { v };
        }
    }
    let [start, end] = bounds;
    let end = end.min(n);
    if start > end {
        return Ok(None);
    }
    Ok(Some((start as usize, end as usize)))
}

/// The needle of `count`/`find`-like methods: bytes-like, or an int standing for a byte.
fn needle_arg(st: &mut State, r: RawRef) -> PyResult<Vec<u8>> {
    let o = st.obj(r);
    if matches!(types::data(type_of(o)).instances, types::Instances::Int) {
        let v = int_of(st, r)?;
        if !(0..256).contains(&v) {
            return Err(st.raise("ValueError", "byte must be in range(0, 256)".into()));
        }
        return Ok(vec![v as u8]);
    }
    if types::data(type_of(o)).instances == types::Instances::Bytes || is_bytes_like(st, r) {
        return bytes_arg(st, r);
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("argument should be integer or bytes-like object, not '{t}'"),
    ))
}

/// `ljust`/`rjust`/`center`'s fill byte: a bytes-like object of length 1.
fn fill_arg(st: &mut State, name: &str, r: Option<RawRef>) -> PyResult<u8> {
    let Some(r) = r else {
        return Ok(b' ');
    };
    let o = st.obj(r);
    let is_bytes = types::data(type_of(o)).instances == types::Instances::Bytes;
    if is_bytes || is_bytes_like(st, r) {
        let b = bytes_arg(st, r)?;
        if b.len() == 1 {
            return Ok(b[0]);
        }
    }
    let t = st.type_name(r);
    Err(st.raise(
        "TypeError",
        format!("{name}() argument 2 must be a byte string of length 1, not {t}"),
    ))
}

/// `translate(table, delete=b'')`: each byte not in `delete` mapped through `table` (256
/// bytes, or None for no mapping).
fn translate(st: &mut State, data: &[u8], args: Args<'_>) -> PyResult<RawRef> {
    let given = args.len() + args.kw_len();
    if given > 2 || args.is_empty() {
        let msg = if given > 2 {
            format!("translate() takes at most 2 arguments ({given} given)")
        } else {
            format!("translate() takes at least 1 argument ({given} given)")
        };
        return Err(st.raise("TypeError", msg));
    }
    let delete = match (args.opt(st, 1), args.kw_get(st, "delete")) {
        (Some(d), None) | (None, Some(d)) => bytes_arg(st, d)?,
        (None, None) => Vec::new(),
        (Some(_), Some(_)) => {
            return Err(st.raise(
                "TypeError",
                "argument for translate() given by name ('delete') and position (2)".into(),
            ))
        }
    };
    if args.kw_len() > usize::from(args.kw_get(st, "delete").is_some()) {
        return Err(st.raise(
            "TypeError",
            "translate() got an unexpected keyword argument".into(),
        ));
    }
    let table = args.get(st, 0);
    let table = if table == st.b.none {
        None
    } else {
        let t = bytes_arg(st, table)?;
        if t.len() != 256 {
            return Err(st.raise(
                "ValueError",
                "translation table must be 256 characters long".into(),
            ));
        }
        Some(t)
    };
    let mut gone = [false; 256];
    for b in delete {
        gone[b as usize] = true;
    }
    let out: Vec<u8> = data
        .iter()
        .filter(|b| !gone[**b as usize])
        .map(|b| table.as_ref().map_or(*b, |t| t[*b as usize]))
        .collect();
    new_bytes(st, &out)
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
    if name == "maketrans" {
        // A static method: `bytes.maketrans(frm, to)`, the table `translate` takes.
        count_args(st, "maketrans", args, 2, 2)?;
        let (frm, to) = (
            bytes_arg(st, args.get(st, 0))?,
            bytes_arg(st, args.get(st, 1))?,
        );
        if frm.len() != to.len() {
            return Err(st.raise(
                "ValueError",
                "maketrans arguments must have same length".into(),
            ));
        }
        let mut table: Vec<u8> = (0..=255).collect();
        for (f, t) in frm.iter().zip(&to) {
            table[*f as usize] = *t;
        }
        return new_bytes(st, &table);
    }
    let args = crate::objects::args_check::receiver(st, args, "bytes", name)?;
    if name == "translate" {
        let data = bytes_arg(st, args.receiver(st))?;
        return translate(st, &data, args);
    }
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
            count_args(st, name, args, 1, 3)?;
            let p = needle_arg(st, args.get(st, 0))?;
            let Some((start, end)) = sub_bounds(st, args, 1, data.len())? else {
                return new_int(st, 0);
            };
            let data = &data[start..end];
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
        "ljust" | "rjust" | "center" => {
            count_args(st, name, args, 1, 2)?;
            let width = int_of(st, args.get(st, 0))?;
            let fill = fill_arg(st, name, args.opt(st, 1))?;
            let pad = (width.max(0) as usize).saturating_sub(data.len());
            // CPython's split of the padding: the odd byte goes left when the width is odd.
            let left = match name {
                "ljust" => 0,
                "rjust" => pad,
                _ => pad / 2 + (pad & width as usize & 1),
            };
            let mut out = vec![fill; left];
            out.extend_from_slice(&data);
            out.resize(data.len() + pad, fill);
            new_bytes(st, &out)
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
                        // Read again: a bytearray's conversion may have run code.
                        let t = st.type_name(st.at(start + i));
                        st.truncate(mark);
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
    ("ljust", bytes_ljust),
    ("rjust", bytes_rjust),
    ("center", bytes_center),
    ("translate", bytes_translate),
    ("maketrans", bytes_maketrans),
];
