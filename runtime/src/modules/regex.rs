//! `_regex`: the matcher behind `re` (`runtime/stdlib/re.py`), on the `fancy-regex` crate.
//!
//! `re.py` parses Python's syntax itself (its errors are CPython's) and translates the pattern
//! into the crate's syntax; this module compiles that translation once per pattern and runs
//! it. A compiled pattern is a capsule owning the crate's `Regex`, freed when the `Pattern`
//! that holds it dies.
//!
//! Positions crossing this boundary are Python's: code-point indices into a str subject, byte
//! indices into a bytes subject. The crate works in UTF-8 byte offsets; an ASCII subject
//! (byte length = char length) needs no conversion, otherwise one cursor walks the text
//! forward (and back, for a group before the match: look-behind) as the matches come, so a
//! scan of the whole subject converts in linear time.
//!
//! - `compile(pattern, is_bytes)`: the compiled pattern; a pattern the crate refuses raises
//!   ValueError with its message (`re.py` makes it `re.error`).
//! - `scan(compiled, subject, pos, endpos, anchored, must_advance, limit)`: a flat list of
//!   spans, `2 * groups` per match (-1 for a group that did not take part), at most `limit`
//!   matches (0: no limit). Anchored: one match starting at `pos`. Otherwise the successive
//!   matches of CPython's `finditer`: after an empty match, the next one may start at the
//!   same place only if it is not empty (`must_advance` says the scan starts in that state).
//! - `findall(compiled, subject, pos, endpos)`: `Pattern.findall`'s list, built here.

use std::cell::OnceCell;
use std::ffi::{c_char, c_void};

use fancy_regex::{BytesMode, Captures, Regex, RegexBuilder, RegexInput};
use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{int_of, text_of};
use crate::objects::capsule::{self, CapsuleData};
use crate::objects::{bytes, int, list, str as pystr, tuple};
use crate::protocols::compare::truth;
use crate::state::State;

const FUNCTIONS: &[&str] = &["compile", "scan", "findall"];

/// The capsule name of a compiled pattern (checked before its pointer is trusted).
const CAPSULE_NAME: &std::ffi::CStr = c"hpymove._regex.Pattern";

/// How many backtracking steps one match attempt may take before it gives up with
/// RuntimeError (CPython has no limit; the crate's default, one million, is reached by
/// ordinary patterns on a few hundred kilobytes).
const BACKTRACK_LIMIT: usize = 50_000_000;

/// How large the compiled automaton of a pattern may grow (the crate's default, 10 MB,
/// refuses ordinary Python patterns such as `\w{1,300}`: Unicode classes repeated).
const SIZE_LIMIT: usize = 256 << 20;

/// A compiled pattern.
struct Compiled {
    main: Regex,
    /// The translated pattern, to build `not_empty` when a scan first needs it.
    pattern: String,
    is_bytes: bool,
    /// The same pattern refusing empty matches (for the match after an empty one), or
    /// `None` when it can only match empty.
    not_empty: OnceCell<Option<Regex>>,
}

fn build(pattern: &str, is_bytes: bool, not_empty: bool) -> Result<Regex, fancy_regex::Error> {
    let mut b = RegexBuilder::new(pattern);
    b.backtrack_limit(BACKTRACK_LIMIT);
    b.delegate_size_limit(SIZE_LIMIT);
    if is_bytes {
        b.bytes_mode(BytesMode::Ascii);
    }
    if not_empty {
        b.find_not_empty(true);
    }
    b.build()
}

/// The capsule destructor: frees the compiled pattern.
///
/// # Safety
/// `pointer` is the `Box<Compiled>` leaked by `compile`, passed once.
unsafe extern "C" fn free_compiled(_name: *const c_char, pointer: *mut c_void, _ctx: *mut c_void) {
    // SAFETY: see the function's contract; dropping a Regex does not panic.
    drop(unsafe { Box::from_raw(pointer as *mut Compiled) });
}

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_regex", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

pub(crate) fn regex_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    let want = match fname.as_str() {
        "compile" => 2,
        "scan" => 7,
        _ => 4,
    };
    if args.kw_len() != 0 || args.len() != want {
        return Err(st.raise(
            "TypeError",
            format!("_regex.{fname}() takes exactly {want} positional arguments"),
        ));
    }
    match fname.as_str() {
        "compile" => compile(st, args),
        "scan" => {
            let pos = int_of(st, args.get(st, 2))?;
            let endpos = int_of(st, args.get(st, 3))?;
            let anchored = truth(st, args.get(st, 4))?;
            let must_advance = truth(st, args.get(st, 5))?;
            let limit = int_of(st, args.get(st, 6))?.max(0) as usize;
            let spans = spans_of(st, args, pos, endpos, anchored, must_advance, limit)?;
            let a = st.alloc();
            let mut objs = Vec::with_capacity(spans.len());
            for v in spans {
                objs.push(int::new_i64(&a, v)?);
            }
            Ok(list::new(&a, &objs)?.raw())
        }
        _ => findall(st, args),
    }
}

fn compile(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let pattern = text_of(st, args.get(st, 0), "_regex.compile() pattern")?;
    let is_bytes = truth(st, args.get(st, 1))?;
    let main = match build(&pattern, is_bytes, false) {
        Ok(r) => r,
        Err(e) => return Err(st.raise("ValueError", e.to_string())),
    };
    let compiled = Box::new(Compiled {
        main,
        pattern,
        is_bytes,
        not_empty: OnceCell::new(),
    });
    let data = CapsuleData {
        pointer: Box::into_raw(compiled) as *mut c_void,
        name: CAPSULE_NAME.as_ptr(),
        context: std::ptr::null_mut(),
        destructor: Some(free_compiled),
    };
    Ok(capsule::new(&st.alloc(), data)?.raw())
}

/// The compiled pattern a capsule made by `compile` holds.
fn compiled_of(st: &mut State, r: RawRef) -> PyResult<&Compiled> {
    let o = st.obj(r);
    if o.kind() == st.b.kinds.capsule
        && capsule::name_matches(capsule::data(o), CAPSULE_NAME.as_ptr())
    {
        let p = capsule::data(o).pointer as *const Compiled;
        // SAFETY: a capsule of this name holds the Box leaked by `compile`, freed only
        // when the capsule dies; the caller's argument keeps it alive for this call, and
        // nothing here frees capsules (no collection runs while the reference is used).
        return Ok(unsafe { &*p });
    }
    Err(st.raise(
        "TypeError",
        "_regex: the first argument must be a compiled pattern".into(),
    ))
}

/// Runs a scan and returns the spans in Python's positions.
fn spans_of(
    st: &mut State,
    args: Args<'_>,
    pos: i64,
    endpos: i64,
    anchored: bool,
    must_advance: bool,
    limit: usize,
) -> PyResult<Vec<i64>> {
    let rx: *const Compiled = compiled_of(st, args.get(st, 0))?;
    // SAFETY: the capsule is rooted (an argument) for the whole call, and nothing below
    // collects: the subject is read and the crate runs without allocating on the heap.
    let rx = unsafe { &*rx };
    let subject = args.get(st, 1);
    let o = st.obj(subject);
    let result = if o.kind() == st.b.kinds.str_ {
        if rx.is_bytes {
            Err(Refused::Type(
                "cannot use a bytes pattern on a string-like object",
            ))
        } else {
            let text = pystr::as_str(o);
            let chars = pystr::char_len(o);
            scan_str(rx, text, chars, pos, endpos, anchored, must_advance, limit)
        }
    } else if o.kind() == st.b.kinds.bytes {
        if rx.is_bytes {
            let data = bytes::data(o);
            scan_bytes(rx, data, pos, endpos, anchored, must_advance, limit)
        } else {
            Err(Refused::Type(
                "cannot use a string pattern on a bytes-like object",
            ))
        }
    } else {
        Err(Refused::Type("expected string or bytes-like object"))
    };
    result.map_err(|e| e.raise(st))
}

/// Why a scan stopped without an answer.
enum Refused {
    Type(&'static str),
    Engine(String),
}

impl Refused {
    fn raise(self, st: &mut State) -> crate::error::Raised {
        match self {
            Refused::Type(m) => st.raise("TypeError", m.to_string()),
            Refused::Engine(m) => st.raise("RuntimeError", format!("regular expression: {m}")),
        }
    }
}

impl From<fancy_regex::Error> for Refused {
    fn from(e: fancy_regex::Error) -> Refused {
        Refused::Engine(e.to_string())
    }
}

/// Code-point index ↔ byte offset in a UTF-8 text, by a cursor that moves from where the
/// last conversion left it (matches come in increasing order).
struct Cursor<'a> {
    text: &'a [u8],
    ascii: bool,
    byte: usize,
    char: usize,
}

impl<'a> Cursor<'a> {
    fn new(text: &'a str, ascii: bool) -> Cursor<'a> {
        Cursor {
            text: text.as_bytes(),
            ascii,
            byte: 0,
            char: 0,
        }
    }

    fn is_start(b: u8) -> bool {
        b & 0xC0 != 0x80
    }

    /// The char index of byte offset `b` (a char boundary).
    fn char_at(&mut self, b: usize) -> usize {
        if self.ascii {
            return b;
        }
        if b >= self.byte {
            self.char += self.text[self.byte..b]
                .iter()
                .filter(|&&c| Self::is_start(c))
                .count();
        } else {
            self.char -= self.text[b..self.byte]
                .iter()
                .filter(|&&c| Self::is_start(c))
                .count();
        }
        self.byte = b;
        self.char
    }

    /// The byte offset of char index `c` (at most the text's length in chars).
    fn byte_at(&mut self, c: usize) -> usize {
        if self.ascii {
            return c;
        }
        while self.char < c {
            self.byte += 1;
            while self.byte < self.text.len() && !Self::is_start(self.text[self.byte]) {
                self.byte += 1;
            }
            self.char += 1;
        }
        while self.char > c {
            self.byte -= 1;
            while !Self::is_start(self.text[self.byte]) {
                self.byte -= 1;
            }
            self.char -= 1;
        }
        self.byte
    }
}

/// Clamps Python's `pos`/`endpos` to `0..=len` as CPython does.
fn bounds(pos: i64, endpos: i64, len: usize) -> (usize, usize) {
    let end = endpos.clamp(0, len as i64) as usize;
    let start = pos.clamp(0, len as i64) as usize;
    (start, end)
}

#[allow(clippy::too_many_arguments)]
fn scan_str(
    rx: &Compiled,
    text: &str,
    chars: usize,
    pos: i64,
    endpos: i64,
    anchored: bool,
    must_advance: bool,
    limit: usize,
) -> Result<Vec<i64>, Refused> {
    let (start, end) = bounds(pos, endpos, chars);
    let mut out = Vec::new();
    if start > end {
        return Ok(out);
    }
    let mut cur = Cursor::new(text, text.len() == chars);
    let (bstart, bend) = (cur.byte_at(start), cur.byte_at(end));
    // The subject ends at endpos for the matcher (`$`, `\Z`, look-ahead), as in CPython.
    let hay = &text[..bend];
    let next = |b: usize| b + hay[b..].chars().next().map_or(1, char::len_utf8);
    let span = |c: &Captures<'_, str>, i: usize| c.get(i).map(|m| (m.start(), m.end()));
    let bytes = scan(rx, hay, bstart, anchored, must_advance, limit, next, span)?;
    out.reserve(bytes.len());
    // Groups come per match in increasing order of their match; each group's own spans
    // may sit before its match (look-behind), which the cursor handles by walking back.
    for b in bytes {
        out.push(if b < 0 {
            -1
        } else {
            cur.char_at(b as usize) as i64
        });
    }
    Ok(out)
}

fn scan_bytes(
    rx: &Compiled,
    data: &[u8],
    pos: i64,
    endpos: i64,
    anchored: bool,
    must_advance: bool,
    limit: usize,
) -> Result<Vec<i64>, Refused> {
    let (start, end) = bounds(pos, endpos, data.len());
    if start > end {
        return Ok(Vec::new());
    }
    let hay = &data[..end];
    let span = |c: &Captures<'_, [u8]>, i: usize| c.get(i).map(|m| (m.start(), m.end()));
    scan(
        rx,
        hay,
        start,
        anchored,
        must_advance,
        limit,
        |b| b + 1,
        span,
    )
}

/// The matches in byte offsets (-1: a group that did not take part), with CPython's rules.
#[allow(clippy::too_many_arguments)]
fn scan<'t, S: fancy_regex::Input + ?Sized>(
    rx: &Compiled,
    hay: &'t S,
    start: usize,
    anchored: bool,
    mut must_advance: bool,
    limit: usize,
    next: impl Fn(usize) -> usize,
    span: impl Fn(&Captures<'t, S>, usize) -> Option<(usize, usize)>,
) -> Result<Vec<i64>, Refused> {
    let groups = rx.main.captures_len();
    let mut out = Vec::new();
    let mut p = start;
    let mut found = 0usize;
    let record = |c: &Captures<'t, S>, out: &mut Vec<i64>| -> (usize, usize) {
        for i in 0..groups {
            match span(c, i) {
                Some((s, e)) => {
                    out.push(s as i64);
                    out.push(e as i64);
                }
                None => {
                    out.push(-1);
                    out.push(-1);
                }
            }
        }
        span(c, 0).expect("group 0 of a match")
    };
    while p <= hay.len() && (limit == 0 || found < limit) {
        if must_advance {
            // CPython's rule after an empty match at p: a match may start at p only if
            // it is not empty; otherwise the search goes on from the next character.
            let ne = rx
                .not_empty
                .get_or_init(|| build(&rx.pattern, rx.is_bytes, true).ok());
            if let Some(ne) = ne {
                let input = RegexInput::new(hay).from_pos(p).anchored(true);
                if let Some(c) = ne.captures_input(input)? {
                    let (_, e) = record(&c, &mut out);
                    found += 1;
                    p = e;
                    must_advance = false;
                    if anchored {
                        break;
                    }
                    continue;
                }
            }
            if anchored || p >= hay.len() {
                break;
            }
            p = next(p);
        }
        let input = RegexInput::new(hay).from_pos(p).anchored(anchored);
        let Some(c) = rx.main.captures_input(input)? else {
            break;
        };
        let (s, e) = record(&c, &mut out);
        found += 1;
        if anchored {
            break;
        }
        must_advance = s == e;
        p = e;
    }
    Ok(out)
}

/// `Pattern.findall`: the whole matches, the one group's text, or tuples of the groups'
/// texts ("" for a group that did not take part).
fn findall(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let pos = int_of(st, args.get(st, 2))?;
    let endpos = int_of(st, args.get(st, 3))?;
    let spans = spans_of(st, args, pos, endpos, false, false, 0)?;
    let rx: *const Compiled = compiled_of(st, args.get(st, 0))?;
    // SAFETY: as in `spans_of`: the capsule is an argument, rooted for the call.
    let groups = unsafe { &*rx }.main.captures_len();
    let subject = args.get(st, 1);
    let is_str = st.obj(subject).kind() == st.b.kinds.str_;
    // The texts are cut out first (allocation does not collect, but the subject's
    // address is only read once here, before any object is made).
    let mut parts: Vec<Vec<u8>> = Vec::with_capacity(spans.len() / 2);
    {
        let o = st.obj(subject);
        let (text, ascii): (&[u8], bool) = if is_str {
            let s = pystr::as_str(o);
            (s.as_bytes(), s.len() == pystr::char_len(o))
        } else {
            (bytes::data(o), true)
        };
        let mut cur = if is_str && !ascii {
            // SAFETY: `text` came from a str object: valid UTF-8.
            Some(Cursor::new(
                unsafe { std::str::from_utf8_unchecked(text) },
                false,
            ))
        } else {
            None
        };
        let first = if groups == 1 { 0 } else { 1 };
        for m in spans.chunks(2 * groups) {
            for g in first..groups {
                let (s, e) = (m[2 * g], m[2 * g + 1]);
                if s < 0 {
                    parts.push(Vec::new());
                    continue;
                }
                let (bs, be) = match cur.as_mut() {
                    Some(c) => (c.byte_at(s as usize), c.byte_at(e as usize)),
                    None => (s as usize, e as usize),
                };
                parts.push(text[bs..be].to_vec());
            }
        }
    }
    let a = st.alloc();
    // One item per match: the text itself with at most one group, else a tuple.
    let per = groups.saturating_sub(1).max(1);
    let mut items = Vec::with_capacity(parts.len() / per);
    let mut fields = Vec::with_capacity(per);
    for p in &parts {
        let o = if is_str {
            // SAFETY: cut at char boundaries out of a str's UTF-8.
            pystr::new(&a, unsafe { std::str::from_utf8_unchecked(p) })?
        } else {
            bytes::new(&a, p)?
        };
        if groups <= 2 {
            items.push(o);
        } else {
            fields.push(o);
            if fields.len() == per {
                items.push(tuple::new(&a, &fields)?);
                fields.clear();
            }
        }
    }
    Ok(list::new(&a, &items)?.raw())
}
