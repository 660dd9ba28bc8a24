//! Text codecs with CPython 3.11's semantics: the decoders behind `HPyUnicode_Decode*`,
//! `HPyUnicode_FromEncodedObject` and `HPyUnicode_FromString`, the strict encoders behind
//! `HPyUnicode_As*String`, the error handlers (`strict`, `ignore`, `replace`,
//! `backslashreplace`, `surrogateescape`, `surrogatepass`; `xmlcharrefreplace` and
//! `namereplace` are encode-only), CPython's encoding-name lookup, and the `str()` of the
//! `UnicodeError` subclasses.
//!
//! Codecs implemented: utf-8, utf-8-sig, utf-16 (-le, -be), utf-32 (-le, -be), ascii,
//! latin-1 (also as `iso8859_1` and `charmap`), cp1252 (Windows Western European),
//! `undefined`, under every alias CPython accepts. A name CPython knows for another codec (cp1252, shift_jis…) is a LookupError
//! that says hpymove lacks that codec.
//!
//! Lone surrogates: our `str` objects hold UTF-8, which cannot encode U+D800..U+DFFF. A
//! decode whose CPython result would contain one (`surrogateescape`, `surrogatepass`)
//! fails with a `UnicodeError` naming the limitation — only once the whole input decoded,
//! so an error CPython reports later in the input still wins.
//!
//! Size: the codecs and their error handlers share the position and message rules of
//! CPython's codec errors.

mod names;

use gc::{ObjRef, RawRef};

use crate::error::Raised;
use crate::objects::{bytes, exception, int, str as pystr, tuple, type_of, types};
use crate::state::State;

/// An `errors` argument: the handler that decides what a codec error becomes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Errors {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    SurrogateEscape,
    SurrogatePass,
    /// `xmlcharrefreplace`, `namereplace`: handlers that only know encoding errors.
    EncodeOnly,
    /// A name no handler is registered under; CPython looks it up only at the first error.
    Unknown(String),
}

impl Errors {
    /// The handler named `name` (`None`, C's NULL, means strict).
    pub(crate) fn parse(name: Option<&str>) -> Errors {
        match name {
            None | Some("strict") => Errors::Strict,
            Some("ignore") => Errors::Ignore,
            Some("replace") => Errors::Replace,
            Some("backslashreplace") => Errors::BackslashReplace,
            Some("surrogateescape") => Errors::SurrogateEscape,
            Some("surrogatepass") => Errors::SurrogatePass,
            Some("xmlcharrefreplace" | "namereplace") => Errors::EncodeOnly,
            Some(other) => Errors::Unknown(other.to_string()),
        }
    }
}

/// What a failed encode or decode raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CodecError {
    /// `UnicodeDecodeError(encoding, input, start, end, reason)`; byte positions.
    Decode {
        encoding: &'static str,
        start: usize,
        end: usize,
        reason: &'static str,
    },
    /// `UnicodeEncodeError(encoding, text, start, end, reason)`; code point positions.
    Encode {
        encoding: &'static str,
        start: usize,
        end: usize,
        reason: &'static str,
    },
    /// The result would hold a lone surrogate, which a UTF-8 `str` cannot.
    Surrogate { code: u32, index: usize },
    /// Any other exception: builtin type name and message.
    Other { exc: &'static str, msg: String },
}

impl CodecError {
    fn other(exc: &'static str, msg: impl Into<String>) -> CodecError {
        CodecError::Other {
            exc,
            msg: msg.into(),
        }
    }
}

/// The message of the lone-surrogate limitation.
pub(crate) fn surrogate_message(code: u32, index: usize) -> String {
    format!(
        "hpymove cannot store the lone surrogate '\\u{code:04x}' (position {index} of the \
         result): its str objects hold UTF-8, which has no lone surrogates"
    )
}

// ------------------------------------------------------------------ codecs and names

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Endian {
    Little,
    Big,
}

const NATIVE: Endian = if cfg!(target_endian = "big") {
    Endian::Big
} else {
    Endian::Little
};

/// A decoder. `None` as byte order: read a byte order mark, else native order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Codec {
    Utf8,
    Utf8Sig,
    Utf16(Option<Endian>),
    Utf32(Option<Endian>),
    Ascii,
    Latin1,
    /// Windows code page 1252: latin-1 with printable characters in 0x80..0xA0.
    Cp1252,
    /// The `undefined` codec: every use fails.
    Undefined,
}

/// What cp1252 puts in 0x80..0xA0 (0: a byte the code page leaves undefined).
const CP1252_HIGH: [u16; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039,
    0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC,
    0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The character cp1252 byte `b` stands for, if any.
pub(crate) fn cp1252_decode(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => match CP1252_HIGH[(b - 0x80) as usize] {
            0 => None,
            u => char::from_u32(u as u32),
        },
        _ => Some(b as char),
    }
}

/// The cp1252 byte for `c`, if it has one.
pub(crate) fn cp1252_encode(c: char) -> Option<u8> {
    let u = c as u32;
    if u < 0x80 || (0xa0..0x100).contains(&u) {
        return Some(u as u8);
    }
    CP1252_HIGH
        .iter()
        .position(|&x| x != 0 && x as u32 == u)
        .map(|i| 0x80 + i as u8)
}

/// A decoder found by name, and whether CPython reaches it through the codec registry
/// (which rewraps single-message errors as "decoding with 'X' codec failed (...)").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    pub(crate) codec: Codec,
    pub(crate) registry: bool,
}

/// `encodings` modules that are not text encodings (CPython refuses them for str).
const NOT_TEXT: &[&str] = &[
    "base64_codec",
    "bz2_codec",
    "hex_codec",
    "quopri_codec",
    "rot_13",
    "uu_codec",
    "zlib_codec",
];

/// CPython's C-level normalization of an encoding name: ASCII letters and digits and
/// `.` kept (lowercased), every other run of bytes becomes one `_` between two kept ones.
fn c_normalize(name: &[u8]) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for &c in name {
        if c.is_ascii_alphanumeric() || c == b'.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase() as char);
        } else {
            punct = true;
        }
    }
    out
}

fn module_codec(module: &str) -> Option<Codec> {
    Some(match module {
        "utf_8" => Codec::Utf8,
        "utf_8_sig" => Codec::Utf8Sig,
        "utf_16" => Codec::Utf16(None),
        "utf_16_le" => Codec::Utf16(Some(Endian::Little)),
        "utf_16_be" => Codec::Utf16(Some(Endian::Big)),
        "utf_32" => Codec::Utf32(None),
        "utf_32_le" => Codec::Utf32(Some(Endian::Little)),
        "utf_32_be" => Codec::Utf32(Some(Endian::Big)),
        "ascii" => Codec::Ascii,
        "latin_1" | "iso8859_1" | "charmap" => Codec::Latin1,
        "cp1252" => Codec::Cp1252,
        "undefined" => Codec::Undefined,
        _ => return None,
    })
}

/// The decoder `PyUnicode_Decode` uses for encoding `name`: its fast paths first, then
/// the codec registry's search (aliases, then `encodings` module names).
pub(crate) fn lookup(name: &[u8]) -> Result<Found, CodecError> {
    let lower = c_normalize(name);
    let fast = if let Some(rest) = lower.strip_prefix("utf") {
        match rest.strip_prefix('_').unwrap_or(rest) {
            "8" => Some(Codec::Utf8),
            "16" => Some(Codec::Utf16(None)),
            "32" => Some(Codec::Utf32(None)),
            _ => None,
        }
    } else {
        match lower.as_str() {
            "ascii" | "us_ascii" => Some(Codec::Ascii),
            "latin1" | "latin_1" | "iso_8859_1" | "iso8859_1" => Some(Codec::Latin1),
            _ => None,
        }
    };
    if let Some(codec) = fast {
        return Ok(Found {
            codec,
            registry: false,
        });
    }
    let shown = String::from_utf8_lossy(name);
    let alias = |n: &str| {
        names::ALIASES
            .binary_search_by(|(a, _)| (*a).cmp(n))
            .ok()
            .map(|i| names::ALIASES[i].1)
    };
    let aliased = alias(&lower).or_else(|| alias(&lower.replace('.', "_")));
    let module = aliased
        .into_iter()
        .chain([lower.as_str()])
        .filter(|m| !m.is_empty() && !m.contains('.'))
        // `mbcs` and `oem` exist only on Windows.
        .filter(|m| !matches!(*m, "mbcs" | "oem"))
        .find(|m| names::MODULES.binary_search(m).is_ok());
    let Some(module) = module else {
        return Err(CodecError::other(
            "LookupError",
            format!("unknown encoding: {shown}"),
        ));
    };
    if NOT_TEXT.contains(&module) {
        return Err(CodecError::other(
            "LookupError",
            format!(
                "'{shown}' is not a text encoding; use codecs.decode() to handle arbitrary codecs"
            ),
        ));
    }
    match module_codec(module) {
        Some(codec) => Ok(Found {
            codec,
            registry: true,
        }),
        None => Err(CodecError::other(
            "LookupError",
            format!(
                "hpymove does not implement the '{module}' codec ('{shown}'); it decodes \
                 utf-8, utf-8-sig, utf-16, utf-32, ascii, latin-1 and cp1252"
            ),
        )),
    }
}

// ------------------------------------------------------------------ decoding

/// Decoded text, with the first lone surrogate a handler produced set aside.
struct Out {
    s: String,
    /// The first lone surrogate and the byte length of `s` when it came.
    surrogate: Option<(u32, usize)>,
}

impl Out {
    fn push_code(&mut self, c: u32) {
        match char::from_u32(c) {
            Some(ch) => self.s.push(ch),
            None => {
                if self.surrogate.is_none() {
                    self.surrogate = Some((c, self.s.len()));
                }
            }
        }
    }

    fn finish(self) -> Result<String, CodecError> {
        match self.surrogate {
            None => Ok(self.s),
            Some((code, at)) => Err(CodecError::Surrogate {
                code,
                index: self.s[..at].chars().count(),
            }),
        }
    }
}

/// How `surrogatepass` reads a surrogate back in the current codec.
#[derive(Clone, Copy)]
enum Pass {
    Unsupported,
    Utf8,
    Utf16(Endian),
    Utf32(Endian),
}

struct Decoder<'a> {
    input: &'a [u8],
    errors: &'a Errors,
    encoding: &'static str,
    pass: Pass,
    out: Out,
}

impl Decoder<'_> {
    /// Runs the error handler on the bytes `[start, end)`; returns where to resume.
    fn error(
        &mut self,
        start: usize,
        end: usize,
        reason: &'static str,
    ) -> Result<usize, CodecError> {
        let exc = CodecError::Decode {
            encoding: self.encoding,
            start,
            end,
            reason,
        };
        let b = self.input;
        match self.errors {
            Errors::Strict => Err(exc),
            Errors::Ignore => Ok(end),
            Errors::Replace => {
                self.out.s.push('\u{fffd}');
                Ok(end)
            }
            Errors::BackslashReplace => {
                for &x in &b[start..end] {
                    self.out.s.push_str(&format!("\\x{x:02x}"));
                }
                Ok(end)
            }
            Errors::SurrogateEscape => {
                let n = b[start..end].iter().take_while(|&&x| x >= 0x80).count();
                if n == 0 {
                    return Err(exc);
                }
                for &x in &b[start..start + n] {
                    self.out.push_code(0xdc00 + x as u32);
                }
                Ok(start + n)
            }
            Errors::SurrogatePass => {
                let rest = &b[start..];
                let (code, len) = match self.pass {
                    Pass::Utf8 if rest.len() >= 3 => {
                        let ok = rest[0] & 0xf0 == 0xe0
                            && rest[1] & 0xc0 == 0x80
                            && rest[2] & 0xc0 == 0x80;
                        let c = ((rest[0] as u32 & 0x0f) << 12)
                            | ((rest[1] as u32 & 0x3f) << 6)
                            | (rest[2] as u32 & 0x3f);
                        (ok.then_some(c), 3)
                    }
                    Pass::Utf16(e) if rest.len() >= 2 => (Some(read16(rest, e) as u32), 2),
                    Pass::Utf32(e) if rest.len() >= 4 => (Some(read32(rest, e)), 4),
                    _ => (None, 0),
                };
                match code {
                    Some(c) if (0xd800..0xe000).contains(&c) => {
                        self.out.push_code(c);
                        Ok(start + len)
                    }
                    _ => Err(exc),
                }
            }
            Errors::EncodeOnly => Err(CodecError::other(
                "TypeError",
                "don't know how to handle UnicodeDecodeError in error callback",
            )),
            Errors::Unknown(name) => Err(CodecError::other(
                "LookupError",
                format!("unknown error handler name '{name}'"),
            )),
        }
    }

    fn utf8(&mut self, mut pos: usize) -> Result<(), CodecError> {
        let b = self.input;
        while pos < b.len() {
            // `from_utf8` stops at the first error, so the whole decode stays linear.
            match std::str::from_utf8(&b[pos..]) {
                Ok(s) => {
                    self.out.s.push_str(s);
                    break;
                }
                Err(e) => {
                    let start = pos + e.valid_up_to();
                    let good = std::str::from_utf8(&b[pos..start]).expect("valid prefix");
                    self.out.s.push_str(good);
                    // Rust reports the maximal invalid prefix, exactly the bytes CPython's
                    // decoder puts in the error range.
                    let (end, reason) = match e.error_len() {
                        None => (b.len(), "unexpected end of data"),
                        Some(n) => {
                            let first = b[start];
                            let bad_start = (0x80..0xc2).contains(&first) || first >= 0xf5;
                            let reason = if bad_start {
                                "invalid start byte"
                            } else {
                                "invalid continuation byte"
                            };
                            (start + n, reason)
                        }
                    };
                    pos = self.error(start, end, reason)?;
                }
            }
        }
        Ok(())
    }

    fn ascii(&mut self) -> Result<(), CodecError> {
        let b = self.input;
        let mut pos = 0;
        while pos < b.len() {
            let run = b[pos..].iter().take_while(|x| x.is_ascii()).count();
            let text = std::str::from_utf8(&b[pos..pos + run]).expect("ASCII");
            self.out.s.push_str(text);
            pos += run;
            if pos < b.len() {
                pos = self.error(pos, pos + 1, "ordinal not in range(128)")?;
            }
        }
        Ok(())
    }

    fn cp1252(&mut self) -> Result<(), CodecError> {
        let b = self.input;
        let mut pos = 0;
        while pos < b.len() {
            match cp1252_decode(b[pos]) {
                Some(c) => {
                    self.out.s.push(c);
                    pos += 1;
                }
                None => pos = self.error(pos, pos + 1, "character maps to <undefined>")?,
            }
        }
        Ok(())
    }

    fn utf16(&mut self, mut pos: usize, e: Endian) -> Result<(), CodecError> {
        let b = self.input;
        let n = b.len();
        while pos < n {
            if n - pos < 2 {
                pos = self.error(pos, n, "truncated data")?;
                continue;
            }
            let u = read16(&b[pos..], e) as u32;
            if !(0xd800..0xe000).contains(&u) {
                self.out.push_code(u);
                pos += 2;
            } else if u >= 0xdc00 {
                pos = self.error(pos, pos + 2, "illegal encoding")?;
            } else if n - (pos + 2) < 2 {
                pos = self.error(pos, n, "unexpected end of data")?;
            } else {
                let u2 = read16(&b[pos + 2..], e) as u32;
                if (0xdc00..0xe000).contains(&u2) {
                    self.out
                        .push_code(0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00));
                    pos += 4;
                } else {
                    pos = self.error(pos, pos + 2, "illegal UTF-16 surrogate")?;
                }
            }
        }
        Ok(())
    }

    fn utf32(&mut self, mut pos: usize, e: Endian) -> Result<(), CodecError> {
        let b = self.input;
        let n = b.len();
        while pos < n {
            if n - pos < 4 {
                pos = self.error(pos, n, "truncated data")?;
                continue;
            }
            let c = read32(&b[pos..], e);
            if c > 0x10ffff {
                pos = self.error(pos, pos + 4, "code point not in range(0x110000)")?;
            } else if (0xd800..0xe000).contains(&c) {
                pos = self.error(
                    pos,
                    pos + 4,
                    "code point in surrogate code point range(0xd800, 0xe000)",
                )?;
            } else {
                self.out.push_code(c);
                pos += 4;
            }
        }
        Ok(())
    }
}

fn read16(b: &[u8], e: Endian) -> u16 {
    let x = [b[0], b[1]];
    match e {
        Endian::Little => u16::from_le_bytes(x),
        Endian::Big => u16::from_be_bytes(x),
    }
}

fn read32(b: &[u8], e: Endian) -> u32 {
    let x = [b[0], b[1], b[2], b[3]];
    match e {
        Endian::Little => u32::from_le_bytes(x),
        Endian::Big => u32::from_be_bytes(x),
    }
}

/// A successful or failed decode. A `Decode` error's positions index `error_input`.
pub(crate) struct Decoded<'a> {
    pub(crate) result: Result<String, CodecError>,
    /// The bytes a `UnicodeDecodeError` carries: the input, less a utf-8-sig BOM.
    pub(crate) error_input: &'a [u8],
}

/// Decodes `input` with `codec` and `errors`, as CPython's decoder for it does.
pub(crate) fn decode<'a>(codec: Codec, input: &'a [u8], errors: &Errors) -> Decoded<'a> {
    let mut input = input;
    let (encoding, pass, start) = match codec {
        Codec::Utf8 => ("utf-8", Pass::Utf8, 0),
        Codec::Utf8Sig => {
            // The Python-level codec strips the BOM and decodes the rest on its own.
            if input.starts_with(b"\xef\xbb\xbf") {
                input = &input[3..];
            }
            ("utf-8", Pass::Utf8, 0)
        }
        Codec::Ascii => ("ascii", Pass::Unsupported, 0),
        // CPython's charmap codecs name themselves "charmap" in their errors.
        Codec::Cp1252 => ("charmap", Pass::Unsupported, 0),
        Codec::Latin1 => {
            let s = input.iter().map(|&x| x as char).collect();
            return Decoded {
                result: Ok(s),
                error_input: input,
            };
        }
        Codec::Undefined => {
            return Decoded {
                result: Err(CodecError::other("UnicodeError", "undefined encoding")),
                error_input: input,
            }
        }
        Codec::Utf16(order) => {
            let (e, skip) = match (order, input) {
                (Some(e), _) => (e, 0),
                (None, [0xff, 0xfe, ..]) => (Endian::Little, 2),
                (None, [0xfe, 0xff, ..]) => (Endian::Big, 2),
                (None, _) => (NATIVE, 0),
            };
            let name = match e {
                Endian::Little => "utf-16-le",
                Endian::Big => "utf-16-be",
            };
            (name, Pass::Utf16(e), skip)
        }
        Codec::Utf32(order) => {
            let (e, skip) = match (order, input) {
                (Some(e), _) => (e, 0),
                (None, [0xff, 0xfe, 0, 0, ..]) => (Endian::Little, 4),
                (None, [0, 0, 0xfe, 0xff, ..]) => (Endian::Big, 4),
                (None, _) => (NATIVE, 0),
            };
            let name = match e {
                Endian::Little => "utf-32-le",
                Endian::Big => "utf-32-be",
            };
            (name, Pass::Utf32(e), skip)
        }
    };
    let mut d = Decoder {
        input,
        errors,
        encoding,
        pass,
        out: Out {
            s: String::with_capacity(input.len()),
            surrogate: None,
        },
    };
    let r = match (codec, pass) {
        (Codec::Ascii, _) => d.ascii(),
        (Codec::Cp1252, _) => d.cp1252(),
        (_, Pass::Utf16(e)) => d.utf16(start, e),
        (_, Pass::Utf32(e)) => d.utf32(start, e),
        _ => d.utf8(start),
    };
    Decoded {
        result: r.and_then(|()| d.out.finish()),
        error_input: input,
    }
}

// ------------------------------------------------------------------ encoding

/// Strict encoding to a one-byte charset whose code points are `0..limit` (ascii: 128,
/// latin-1: 256). A run of unencodable characters makes one error, as in CPython.
pub(crate) fn encode_ucs1(
    s: &str,
    limit: u32,
    encoding: &'static str,
    reason: &'static str,
) -> Result<Vec<u8>, CodecError> {
    let mut out = Vec::with_capacity(s.len());
    let mut chars = s.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            continue;
        }
        let mut end = i + 1;
        while chars.next_if(|(_, c)| *c as u32 >= limit).is_some() {
            end += 1;
        }
        return Err(CodecError::Encode {
            encoding,
            start: i,
            end,
            reason,
        });
    }
    Ok(out)
}

// ------------------------------------------------------------------ raising

/// What a Unicode error is about: the bytes that failed to decode, or the str object
/// that failed to encode.
pub(crate) enum Subject<'a> {
    Bytes(&'a [u8]),
    Str(RawRef),
}

/// Sets the exception `e` describes. `registry_name`: the encoding as the caller gave it,
/// when CPython reached the codec through its registry, which rewraps single-message
/// errors.
pub(crate) fn raise(
    st: &mut State,
    e: CodecError,
    subject: Subject<'_>,
    registry_name: Option<&str>,
) -> Raised {
    let (exc, encoding, start, end, reason) = match e {
        CodecError::Decode {
            encoding,
            start,
            end,
            reason,
        } => ("UnicodeDecodeError", encoding, start, end, reason),
        CodecError::Encode {
            encoding,
            start,
            end,
            reason,
        } => ("UnicodeEncodeError", encoding, start, end, reason),
        CodecError::Surrogate { code, index } => {
            return st.raise("UnicodeError", surrogate_message(code, index));
        }
        CodecError::Other { exc, msg } => {
            let msg = match registry_name {
                Some(name) => format!("decoding with '{name}' codec failed ({exc}: {msg})"),
                None => msg,
            };
            return st.raise(exc, msg);
        }
    };
    let ty = st.b.exc(exc);
    let made = (|| {
        let a = st.alloc();
        let object = match subject {
            Subject::Bytes(b) => bytes::new(&a, b)?,
            Subject::Str(r) => st.obj(r),
        };
        let args = [
            pystr::new(&a, encoding)?,
            object,
            int::new_i64(&a, start as i64)?,
            int::new_i64(&a, end as i64)?,
            pystr::new(&a, reason)?,
        ];
        let args = tuple::new(&a, &args)?;
        Ok::<_, Raised>(exception::new(&a, ty, args)?.raw())
    })();
    match made {
        Ok(e) => st.roots.exc = e,
        Err(_) => st.settle(),
    }
    Raised
}

/// `str()` of a `UnicodeEncodeError`, `UnicodeDecodeError` or `UnicodeTranslateError`
/// (or subclass) made with CPython's arguments; `None` for anything else.
pub(crate) fn unicode_error_str(e: ObjRef<'_>) -> Option<String> {
    let kind = tuple::items(types::mro(type_of(e)))
        .filter(|t| t.is_immortal())
        .find_map(|t| match types::name(t) {
            n @ ("UnicodeEncodeError" | "UnicodeDecodeError" | "UnicodeTranslateError") => Some(n),
            _ => None,
        })?;
    let args = exception::args(e);
    let text = |o: ObjRef<'_>| {
        (types::data(type_of(o)).instances == types::Instances::Str)
            .then(|| pystr::as_str(o).to_string())
    };
    let index = |o: ObjRef<'_>| {
        (types::data(type_of(o)).instances == types::Instances::Int)
            .then(|| num_traits::ToPrimitive::to_i64(&int::to_bigint(o)))
            .flatten()
    };
    let (encoding, first) = if kind == "UnicodeTranslateError" {
        if tuple::len(args) != 4 {
            return None;
        }
        (None, 0)
    } else {
        if tuple::len(args) != 5 {
            return None;
        }
        (Some(text(tuple::get(args, 0))?), 1)
    };
    let object = tuple::get(args, first);
    let start = index(tuple::get(args, first + 1))?;
    let end = index(tuple::get(args, first + 2))?;
    let reason = text(tuple::get(args, first + 3))?;
    let prefix = match &encoding {
        Some(enc) => format!("'{enc}' codec can't "),
        None => "can't ".to_string(),
    };
    if kind == "UnicodeDecodeError" {
        let data = bytes::data(object);
        if start >= 0 && (start as usize) < data.len() && end == start + 1 {
            let b = data[start as usize];
            return Some(format!(
                "{prefix}decode byte 0x{b:02x} in position {start}: {reason}"
            ));
        }
        return Some(format!(
            "{prefix}decode bytes in position {start}-{}: {reason}",
            end - 1
        ));
    }
    let verb = if kind == "UnicodeEncodeError" {
        "encode"
    } else {
        "translate"
    };
    let s = text(object)?;
    let n = s.chars().count();
    if start >= 0 && (start as usize) < n && end == start + 1 {
        let c = s.chars().nth(start as usize).expect("in range") as u32;
        let shown = if c <= 0xff {
            format!("\\x{c:02x}")
        } else if c <= 0xffff {
            format!("\\u{c:04x}")
        } else {
            format!("\\U{c:08x}")
        };
        return Some(format!(
            "{prefix}{verb} character '{shown}' in position {start}: {reason}"
        ));
    }
    Some(format!(
        "{prefix}{verb} characters in position {start}-{}: {reason}",
        end - 1
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(codec: Codec, b: &[u8], errors: &str) -> Result<String, CodecError> {
        decode(codec, b, &Errors::parse(Some(errors))).result
    }

    fn derr(encoding: &'static str, start: usize, end: usize, reason: &'static str) -> CodecError {
        CodecError::Decode {
            encoding,
            start,
            end,
            reason,
        }
    }

    #[test]
    fn utf8_errors_match_cpython() {
        use Codec::Utf8;
        assert_eq!(
            dec(Utf8, b"\xff", "strict"),
            Err(derr("utf-8", 0, 1, "invalid start byte"))
        );
        assert_eq!(
            dec(Utf8, b"a\xe2\x82", "strict"),
            Err(derr("utf-8", 1, 3, "unexpected end of data"))
        );
        assert_eq!(
            dec(Utf8, b"\xe0\x80", "strict"),
            Err(derr("utf-8", 0, 1, "invalid continuation byte"))
        );
        assert_eq!(
            dec(Utf8, b"\xf0\x9f\x41", "strict"),
            Err(derr("utf-8", 0, 2, "invalid continuation byte"))
        );
        assert_eq!(
            dec(Utf8, b"a\xffb\xe2\x82", "replace").unwrap(),
            "a\u{fffd}b\u{fffd}"
        );
        assert_eq!(dec(Utf8, b"a\xffb", "ignore").unwrap(), "ab");
        assert_eq!(
            dec(Utf8, b"a\xff\xfe", "backslashreplace").unwrap(),
            "a\\xff\\xfe"
        );
        assert_eq!(
            dec(Utf8, b"ab\xff", "surrogateescape"),
            Err(CodecError::Surrogate {
                code: 0xdcff,
                index: 2
            })
        );
        assert_eq!(
            dec(Utf8, b"\xed\xa0\x80", "surrogatepass"),
            Err(CodecError::Surrogate {
                code: 0xd800,
                index: 0
            })
        );
        // A later error wins over the surrogate limitation, as CPython would raise it.
        assert_eq!(
            dec(Utf8, b"\xed\xa0\x80\xff", "surrogatepass"),
            Err(derr("utf-8", 3, 4, "invalid start byte"))
        );
    }

    #[test]
    fn names_resolve_like_cpython() {
        let ok = |n: &str| lookup(n.as_bytes()).map(|f| f.codec);
        assert_eq!(ok("UTF-8"), Ok(Codec::Utf8));
        assert_eq!(ok(" utf 8 "), Ok(Codec::Utf8));
        assert_eq!(ok("U8"), Ok(Codec::Utf8));
        assert_eq!(ok("latin"), Ok(Codec::Latin1));
        assert_eq!(ok("8859"), Ok(Codec::Latin1));
        assert_eq!(ok("utf-16-le"), Ok(Codec::Utf16(Some(Endian::Little))));
        assert_eq!(ok("UTF-16LE"), Ok(Codec::Utf16(Some(Endian::Little))));
        assert_eq!(ok("utf-8-sig"), Ok(Codec::Utf8Sig));
        assert_eq!(
            ok("utf_8."),
            Err(CodecError::other("LookupError", "unknown encoding: utf_8."))
        );
        assert_eq!(
            ok("ut f8"),
            Err(CodecError::other("LookupError", "unknown encoding: ut f8"))
        );
        assert_eq!(
            ok("hex"),
            Err(CodecError::other(
                "LookupError",
                "'hex' is not a text encoding; use codecs.decode() to handle arbitrary codecs"
            ))
        );
        assert!(
            matches!(ok("shift_jis"), Err(CodecError::Other { msg, .. }) if msg.contains("does not implement the 'shift_jis' codec"))
        );
        assert_eq!(ok("windows-1252"), Ok(Codec::Cp1252));
        assert!(!lookup(b"utf8").unwrap().registry);
        assert!(lookup(b"U8").unwrap().registry);
    }

    #[test]
    fn encode_collapses_runs() {
        assert_eq!(
            encode_ucs1("h\u{e9}\u{e9}llo", 128, "ascii", "r"),
            Err(CodecError::Encode {
                encoding: "ascii",
                start: 1,
                end: 3,
                reason: "r"
            })
        );
        assert_eq!(
            encode_ucs1("h\u{e9}", 256, "latin-1", "r").unwrap(),
            b"h\xe9"
        );
    }
}
