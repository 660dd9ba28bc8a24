//! `bytes`: `[type, id, length, data…]`. The data is followed by a NUL byte that is not
//! part of the value, as C callers of `HPyBytes_AsString` expect.

pub(crate) mod methods;

use gc::ObjRef;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{body_bytes, write_body, W_DATA};

const W_LEN: usize = W_DATA;
pub(crate) const OFF_DATA: usize = (W_DATA + 1) * 8;

pub(crate) fn new<'h>(a: &Alloc<'h>, data: &[u8]) -> PyResult<ObjRef<'h>> {
    let o = a.object_bytes(a.kinds().bytes, a.b.bytes_type, W_DATA + 1, data.len() + 1)?;
    o.set_word(W_LEN, data.len() as u64);
    write_body(o, OFF_DATA, data);
    Ok(o)
}

pub(crate) fn data(o: ObjRef<'_>) -> &[u8] {
    body_bytes(o, OFF_DATA, o.word(W_LEN) as usize)
}

/// `repr(bytes)` as CPython prints it.
pub(crate) fn repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::from("b");
    out.push(quote as char);
    for &b in data {
        match b {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            b if b == quote => {
                out.push('\\');
                out.push(b as char)
            }
            0x20..=0x7e => out.push(b as char),
            b => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push(quote as char);
    out
}
