//! `_codecs`: what `codecs` (`runtime/stdlib/codecs.py`) needs of the runtime's codec
//! registry (`objects/codecs.rs`): `lookup_name(encoding)`, the name CPython's
//! `codecs.lookup(encoding).name` gives for an encoding hpymove implements, or CPython's
//! LookupError (unknown encoding; not a text encoding; a codec hpymove lacks).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{new_str, text_of};
use crate::objects::codecs::{self, Codec, Endian};
use crate::state::State;

const FUNCTIONS: &[&str] = &["lookup_name"];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_codecs", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// The name of a codec's `CodecInfo`, as CPython's encodings modules set it.
fn info_name(c: Codec) -> &'static str {
    match c {
        Codec::Utf8 => "utf-8",
        Codec::Utf8Sig => "utf-8-sig",
        Codec::Utf16(None) => "utf-16",
        Codec::Utf16(Some(Endian::Little)) => "utf-16-le",
        Codec::Utf16(Some(Endian::Big)) => "utf-16-be",
        Codec::Utf32(None) => "utf-32",
        Codec::Utf32(Some(Endian::Little)) => "utf-32-le",
        Codec::Utf32(Some(Endian::Big)) => "utf-32-be",
        Codec::Ascii => "ascii",
        Codec::Latin1 => "iso8859-1",
        Codec::Cp1252 => "cp1252",
        Codec::Undefined => "undefined",
    }
}

pub(crate) fn codecs_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 || args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            "_codecs.lookup_name() takes exactly one argument".into(),
        ));
    }
    let name = text_of(st, args.get(st, 0), "lookup() argument")?;
    match codecs::lookup(name.as_bytes()) {
        Ok(found) => new_str(st, info_name(found.codec)),
        Err(e) => Err(codecs::raise(st, e, codecs::Subject::Bytes(&[]), None)),
    }
}
