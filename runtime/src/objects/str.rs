//! `str`: `[type, id, byte length, char length, hash (0: not computed), UTF-8 bytes…]`.

pub(crate) mod format;
pub(crate) mod methods;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{body_bytes, write_body, W_DATA};

mod printable;

const W_BYTES: usize = W_DATA;
const W_CHARS: usize = W_DATA + 1;
const W_HASH: usize = W_DATA + 2;
const OFF_TEXT: usize = (W_DATA + 3) * 8;

pub(crate) fn new<'h>(a: &Alloc<'h>, s: &str) -> PyResult<ObjRef<'h>> {
    let o = a.object_bytes(a.kinds().str_, a.b.str_type, W_DATA + 3, s.len())?;
    init(o, s);
    Ok(o)
}

/// An immortal str (names of builtins, interned attribute names).
pub(crate) fn new_immortal<'h>(a: &Alloc<'h>, s: &str) -> PyResult<ObjRef<'h>> {
    let o = a.heap.alloc_immortal(a.kinds().str_, OFF_TEXT + s.len())?;
    o.set_word(0, a.b.str_type.addr() as u64);
    init(o, s);
    Ok(o)
}

fn init(o: ObjRef<'_>, s: &str) {
    o.set_word(W_BYTES, s.len() as u64);
    o.set_word(W_CHARS, s.chars().count() as u64);
    write_body(o, OFF_TEXT, s.as_bytes());
}

pub(crate) fn as_str(o: ObjRef<'_>) -> &str {
    let n = o.word(W_BYTES) as usize;
    // SAFETY: str objects hold valid UTF-8, written by `init` only.
    unsafe { std::str::from_utf8_unchecked(body_bytes(o, OFF_TEXT, n)) }
}

pub(crate) fn char_len(o: ObjRef<'_>) -> usize {
    o.word(W_CHARS) as usize
}

/// A stable hash of the text (FNV-1a; never from the address), cached in the object.
pub(crate) fn hash(o: ObjRef<'_>) -> i64 {
    let cached = o.word(W_HASH);
    if cached != 0 {
        return cached as i64;
    }
    let h = crate::objects::ops::str_hash(as_str(o));
    o.set_word(W_HASH, h as u64);
    h
}

/// `repr(str)` with CPython's choice of quotes and escapes.
pub(crate) fn repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if !is_printable(c) => push_escape(&mut out, c as u32),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `c.isprintable()` as CPython 3.11 answers it (Unicode 14.0.0): false for the
/// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and for separators other than the space.
pub(crate) fn is_printable(c: char) -> bool {
    let n = c as u32;
    printable::NON_PRINTABLE
        .binary_search_by(|&(lo, hi)| {
            if hi < n {
                std::cmp::Ordering::Less
            } else if lo > n {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_err()
}

/// What `ascii()` does to a repr: every non-ASCII character as `\xNN`, `\uNNNN` or
/// `\UNNNNNNNN` (the `backslashreplace` error handler).
pub(crate) fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else {
            push_escape(&mut out, n);
        }
    }
    out
}

fn push_escape(out: &mut String, n: u32) {
    use std::fmt::Write;
    let _ = if n <= 0xff {
        write!(out, "\\x{n:02x}")
    } else if n <= 0xffff {
        write!(out, "\\u{n:04x}")
    } else {
        write!(out, "\\U{n:08x}")
    };
}
