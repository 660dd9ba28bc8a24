//! `str` and `bytes` through the context, called as an extension calls it: every
//! `HPyUnicode_*` and `HPyBytes_*` member, `HPy_ASCII`, `HPy_Bytes` and the str/bytes
//! reprs, with non-ASCII text, embedded NULs, empty and long strings and every error path.
//! Expected values and messages are CPython 3.11's (checked with `ctypes` against the C
//! functions HPy maps these members to).
//!
//! Raw pointers (`HPyUnicode_AsUTF8AndSize`, `HPyBytes_AsString`, `HPyBytes_AS_STRING`)
//! must stay valid and unchanged while their handle is open, however often the object moves.

use std::ffi::c_char;

use hpy_abi::{wchar_t, HPy, HPyContext, HPy_ssize_t};
use hpymove_runtime::{Obj, PyErr, Runtime, Value};
use hpymove_tests::{both_modes, call, runtime, Run};

/// A runtime and its context, with one safe wrapper per member under test.
struct T {
    rt: Runtime,
    c: &'static HPyContext,
    p: *mut HPyContext,
}

fn h(o: &Obj) -> HPy {
    HPy {
        _i: Runtime::handle_value(o),
    }
}

fn cs(s: &str) -> std::ffi::CString {
    std::ffi::CString::new(s).expect("no NUL")
}

fn bytes_ptr(b: &[u8]) -> *const c_char {
    b.as_ptr().cast()
}

impl T {
    fn new(run: Run) -> T {
        let mut rt = runtime(run);
        let p = rt.context();
        // SAFETY: the context lives as long as the runtime, which outlives every use.
        let c = unsafe { &*p };
        T { rt, c, p }
    }

    fn obj(&mut self, v: Value) -> Obj {
        self.rt.to_obj(&v).expect("to_obj")
    }

    fn s(&mut self, text: &str) -> Obj {
        self.obj(Value::Str(text.into()))
    }

    fn b(&mut self, data: &[u8]) -> Obj {
        self.obj(Value::Bytes(data.to_vec()))
    }

    fn err(&mut self) -> PyErr {
        self.rt
            .take_pending_error()
            .expect("an exception is pending")
    }

    fn no_err(&mut self) {
        if let Some(e) = self.rt.take_pending_error() {
            panic!("unexpected exception: {e}");
        }
    }

    /// The value of a handle a member returned (taking it over), or the pending error.
    fn take(&mut self, r: HPy) -> Result<Value, PyErr> {
        if r._i == 0 {
            return Err(self.err());
        }
        self.no_err();
        let o = self.rt.obj_from_handle(r);
        Ok(self.rt.value(&o).expect("value"))
    }

    /// Expects a NULL result with exception `ty: msg`.
    fn fails(&mut self, r: HPy, ty: &str, msg: &str) -> PyErr {
        match self.take(r) {
            Ok(v) => panic!("expected {ty}: {msg}, got {v:?}"),
            Err(e) => {
                assert_eq!((e.type_name.as_str(), e.message.as_str()), (ty, msg));
                e
            }
        }
    }

    fn str_ok(&mut self, r: HPy, want: &str) {
        assert_eq!(self.take(r), Ok(Value::Str(want.into())));
    }

    fn bytes_ok(&mut self, r: HPy, want: &[u8]) {
        assert_eq!(self.take(r), Ok(Value::Bytes(want.to_vec())));
    }

    // ---------------------------------------------------------------- members

    fn unicode_check(&mut self, o: HPy) -> i32 {
        // SAFETY: called as an extension would, with an open handle.
        unsafe { (self.c.ctx_Unicode_Check)(self.p, o) }
    }
    fn bytes_check(&mut self, o: HPy) -> i32 {
        // SAFETY: as above.
        unsafe { (self.c.ctx_Bytes_Check)(self.p, o) }
    }
    fn unicode_from_string(&mut self, p: *const c_char) -> HPy {
        // SAFETY: `p` is NULL or a NUL-terminated string live for the call.
        unsafe { (self.c.ctx_Unicode_FromString)(self.p, p) }
    }
    fn as_utf8_and_size(&mut self, o: HPy, size: Option<&mut HPy_ssize_t>) -> *const c_char {
        let size = size.map_or(std::ptr::null_mut(), |s| s as *mut _);
        // SAFETY: `size` is NULL or points at a live variable.
        unsafe { (self.c.ctx_Unicode_AsUTF8AndSize)(self.p, o, size) }
    }
    fn as_utf8_string(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_AsUTF8String)(self.p, o) }
    }
    fn as_ascii_string(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_AsASCIIString)(self.p, o) }
    }
    fn as_latin1_string(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_AsLatin1String)(self.p, o) }
    }
    fn unicode_from_wide(&mut self, w: *const wchar_t, size: HPy_ssize_t) -> HPy {
        // SAFETY: `w` holds `size` characters (or is NUL-terminated for -1), or is NULL.
        unsafe { (self.c.ctx_Unicode_FromWideChar)(self.p, w, size) }
    }
    fn decode_fs(&mut self, v: *const c_char) -> HPy {
        // SAFETY: NULL or NUL-terminated.
        unsafe { (self.c.ctx_Unicode_DecodeFSDefault)(self.p, v) }
    }
    fn decode_fs_size(&mut self, v: *const c_char, size: HPy_ssize_t) -> HPy {
        // SAFETY: `v` holds `size` bytes when size > 0.
        unsafe { (self.c.ctx_Unicode_DecodeFSDefaultAndSize)(self.p, v, size) }
    }
    fn encode_fs(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_EncodeFSDefault)(self.p, o) }
    }
    fn read_char(&mut self, o: HPy, i: HPy_ssize_t) -> u32 {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_ReadChar)(self.p, o, i) }
    }
    fn decode_ascii(&mut self, b: &[u8], size: HPy_ssize_t, errors: Option<&str>) -> HPy {
        let e = errors.map(cs);
        let ep = e.as_ref().map_or(std::ptr::null(), |e| e.as_ptr());
        // SAFETY: `b` holds at least `size` bytes when size > 0.
        unsafe { (self.c.ctx_Unicode_DecodeASCII)(self.p, bytes_ptr(b), size, ep) }
    }
    fn decode_latin1(&mut self, b: &[u8], size: HPy_ssize_t, errors: Option<&str>) -> HPy {
        let e = errors.map(cs);
        let ep = e.as_ref().map_or(std::ptr::null(), |e| e.as_ptr());
        // SAFETY: as above.
        unsafe { (self.c.ctx_Unicode_DecodeLatin1)(self.p, bytes_ptr(b), size, ep) }
    }
    fn unicode_from_encoded(
        &mut self,
        o: HPy,
        encoding: Option<&str>,
        errors: Option<&str>,
    ) -> HPy {
        let (e1, e2) = (encoding.map(cs), errors.map(cs));
        let p1 = e1.as_ref().map_or(std::ptr::null(), |e| e.as_ptr());
        let p2 = e2.as_ref().map_or(std::ptr::null(), |e| e.as_ptr());
        // SAFETY: NULL or NUL-terminated strings live for the call.
        unsafe { (self.c.ctx_Unicode_FromEncodedObject)(self.p, o, p1, p2) }
    }
    fn substring(&mut self, o: HPy, start: HPy_ssize_t, end: HPy_ssize_t) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Unicode_Substring)(self.p, o, start, end) }
    }
    fn bytes_size(&mut self, o: HPy) -> (HPy_ssize_t, HPy_ssize_t) {
        // SAFETY: as an extension would.
        unsafe {
            (
                (self.c.ctx_Bytes_Size)(self.p, o),
                (self.c.ctx_Bytes_GET_SIZE)(self.p, o),
            )
        }
    }
    fn bytes_as_string(&mut self, o: HPy) -> *const c_char {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Bytes_AsString)(self.p, o) }
    }
    fn bytes_as_string_macro(&mut self, o: HPy) -> *const c_char {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Bytes_AS_STRING)(self.p, o) }
    }
    fn bytes_from_string(&mut self, p: *const c_char) -> HPy {
        // SAFETY: NULL or NUL-terminated.
        unsafe { (self.c.ctx_Bytes_FromString)(self.p, p) }
    }
    fn bytes_from_string_and_size(&mut self, p: *const c_char, n: HPy_ssize_t) -> HPy {
        // SAFETY: `p` holds `n` bytes when it is not NULL and n >= 0.
        unsafe { (self.c.ctx_Bytes_FromStringAndSize)(self.p, p, n) }
    }
    fn ascii(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_ASCII)(self.p, o) }
    }
    fn repr(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Repr)(self.p, o) }
    }
    fn hpy_bytes(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Bytes)(self.p, o) }
    }
    fn is(&mut self, a: HPy, b: HPy) -> i32 {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Is)(self.p, a, b) }
    }
    fn close(&mut self, o: HPy) {
        // SAFETY: closing a handle a member returned.
        unsafe { (self.c.ctx_Close)(self.p, o) }
    }
    fn dup(&mut self, o: HPy) -> HPy {
        // SAFETY: as an extension would.
        unsafe { (self.c.ctx_Dup)(self.p, o) }
    }

    fn check_heap(&mut self) {
        assert_eq!(self.rt.verify_heap(), Vec::<String>::new());
    }
}

/// The bytes at a pointer a member returned: `n` bytes, then a NUL.
fn read_raw(p: *const c_char, n: usize) -> Vec<u8> {
    assert!(!p.is_null());
    // SAFETY: the runtime promises `n` bytes plus a NUL at `p` while the handle is open.
    let all = unsafe { std::slice::from_raw_parts(p.cast::<u8>(), n + 1) };
    assert_eq!(all[n], 0, "NUL-terminated");
    all[..n].to_vec()
}

/// (text, member, message, repr or "")
type EncodeCase = (
    &'static str,
    fn(&mut T, HPy) -> HPy,
    &'static str,
    &'static str,
);
/// (input, encoding, errors, result)
type DecodeOk = (
    &'static [u8],
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
);
/// (input, encoding, errors, exception type, message)
type DecodeFail = (
    &'static [u8],
    Option<&'static str>,
    Option<&'static str>,
    &'static str,
    &'static str,
);

const TEXT: &str = "h\u{e9}llo \u{20ac} \u{1f600}!";

fn long_text() -> String {
    (0..3000)
        .map(|i| ["ab", "\u{e9}", "\u{20ac}", "\u{1f600}"][i % 4])
        .collect()
}

// -------------------------------------------------------------------- tests

fn checks(run: Run) {
    let mut t = T::new(run);
    let (s, b, i) = (t.s("x"), t.b(b"x"), t.obj(Value::int(5)));
    assert_eq!(t.unicode_check(h(&s)), 1);
    assert_eq!(t.unicode_check(h(&b)), 0);
    assert_eq!(t.unicode_check(h(&i)), 0);
    assert_eq!(t.unicode_check(t.c.h_None), 0);
    assert_eq!(t.bytes_check(h(&b)), 1);
    assert_eq!(t.bytes_check(h(&s)), 0);
    assert_eq!(t.bytes_check(t.c.h_None), 0);
    t.no_err();
    t.check_heap();
}

fn from_string(run: Run) {
    let mut t = T::new(run);
    let text = cs(TEXT);
    let r = t.unicode_from_string(text.as_ptr());
    t.str_ok(r, TEXT);
    let r = t.unicode_from_string(c"".as_ptr());
    t.str_ok(r, "");
    let long = long_text();
    let lc = cs(&long);
    let r = t.unicode_from_string(lc.as_ptr());
    t.str_ok(r, &long);
    // Embedded NUL: a C string ends there.
    let r = t.unicode_from_string(bytes_ptr(b"ab\0cd\0"));
    t.str_ok(r, "ab");

    let r = t.unicode_from_string(c"\xff".as_ptr());
    let e = t.fails(
        r,
        "UnicodeDecodeError",
        "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
    );
    assert_eq!(
        e.repr,
        "UnicodeDecodeError('utf-8', b'\\xff', 0, 1, 'invalid start byte')"
    );
    assert!(e.is("UnicodeError") && e.is("ValueError"));
    let r = t.unicode_from_string(c"ok\xe2\x82".as_ptr());
    let e = t.fails(
        r,
        "UnicodeDecodeError",
        "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data",
    );
    assert_eq!(
        e.repr,
        "UnicodeDecodeError('utf-8', b'ok\\xe2\\x82', 2, 4, 'unexpected end of data')"
    );
    let r = t.unicode_from_string(c"a\xe0\x80b".as_ptr());
    t.fails(
        r,
        "UnicodeDecodeError",
        "'utf-8' codec can't decode byte 0xe0 in position 1: invalid continuation byte",
    );
    let r = t.unicode_from_string(c"\xf0\x9f\x98x".as_ptr());
    t.fails(
        r,
        "UnicodeDecodeError",
        "'utf-8' codec can't decode bytes in position 0-2: invalid continuation byte",
    );
    // Encoded surrogates are invalid UTF-8.
    let r = t.unicode_from_string(c"\xed\xa0\x80".as_ptr());
    t.fails(
        r,
        "UnicodeDecodeError",
        "'utf-8' codec can't decode byte 0xed in position 0: invalid continuation byte",
    );
    let r = t.unicode_from_string(std::ptr::null());
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "SystemError");
    t.check_heap();
}

fn as_utf8_and_size(run: Run) {
    let mut t = T::new(run);
    let text = "a\0\u{e9}\u{1f600}";
    let o = t.s(text);
    let mut n: HPy_ssize_t = -5;
    let p = t.as_utf8_and_size(h(&o), Some(&mut n));
    t.no_err();
    assert_eq!(n, text.len() as HPy_ssize_t);
    assert_eq!(read_raw(p, text.len()), text.as_bytes());
    // Asked again through the same handle: the same pointer.
    let p2 = t.as_utf8_and_size(h(&o), None);
    assert_eq!(p2, p);

    // Empty and long strings.
    let e = t.s("");
    let mut n = -1;
    let pe = t.as_utf8_and_size(h(&e), Some(&mut n));
    assert_eq!((n, read_raw(pe, 0)), (0, vec![]));
    let long = long_text();
    let l = t.s(&long);
    let mut n = 0;
    let pl = t.as_utf8_and_size(h(&l), Some(&mut n));
    assert_eq!(n as usize, long.len());
    assert_eq!(read_raw(pl, long.len()), long.as_bytes());

    // Not a str: CPython's PyErr_BadArgument.
    let b = t.b(b"x");
    let mut n = 7;
    assert!(t.as_utf8_and_size(h(&b), Some(&mut n)).is_null());
    assert_eq!(n, 7, "size untouched on error");
    let e = t.err();
    assert_eq!(
        (e.type_name.as_str(), e.message.as_str()),
        ("TypeError", "bad argument type for built-in operation")
    );
    assert!(t.as_utf8_and_size(t.c.h_None, None).is_null());
    t.err();
    t.check_heap();
}

/// The pointer stays valid and unchanged while the object moves, across later calls and
/// collections; another handle to the same object gets its own copy; closing the handle
/// is what frees it (the runtime's handle count says the copy's owner is gone).
fn raw_pointers_survive_moves(run: Run) {
    let mut t = T::new(run);
    let text = format!("{TEXT}\0{}", long_text());
    let o = t.s(&text);
    let data: Vec<u8> = (0..=255u8).chain([0, 0, 7]).collect();
    let bo = t.b(&data);
    let mut n = 0;
    let p = t.as_utf8_and_size(h(&o), Some(&mut n));
    let bp = t.bytes_as_string(h(&bo));
    let bp2 = t.bytes_as_string_macro(h(&bo));
    assert_eq!(bp, bp2, "one copy per handle, whichever member asks");
    let before = (t.rt.address(&o).unwrap(), t.rt.address(&bo).unwrap());
    for round in 0..5 {
        // Allocation and context calls (each one a collection in torture mode).
        let junk = t.s(&format!("junk {round}"));
        let r = t.as_utf8_string(h(&junk));
        t.take(r).unwrap();
        assert_eq!(t.unicode_check(h(&o)), 1);
        t.rt.collect();
        assert_eq!(read_raw(p, n as usize), text.as_bytes());
        assert_eq!(read_raw(bp, data.len()), data);
        assert_eq!(t.as_utf8_and_size(h(&o), None), p);
        assert_eq!(t.bytes_as_string(h(&bo)), bp);
    }
    let after = (t.rt.address(&o).unwrap(), t.rt.address(&bo).unwrap());
    assert_ne!(before.0, after.0, "the str moved");
    assert_ne!(before.1, after.1, "the bytes moved");

    // A second handle has its own copy, with the same contents.
    let d = t.dup(h(&o));
    let pd = t.as_utf8_and_size(d, None);
    assert_ne!(pd, p);
    assert_eq!(read_raw(pd, n as usize), text.as_bytes());
    let open = t.rt.open_handles();
    t.close(d);
    assert_eq!(t.rt.open_handles(), open - 1);
    // The first copy is unaffected by closing the other handle.
    assert_eq!(read_raw(p, n as usize), text.as_bytes());
    t.no_err();
    t.check_heap();
}

fn encoders(run: Run) {
    let mut t = T::new(run);
    let o = t.s(TEXT);
    let r = t.as_utf8_string(h(&o));
    t.bytes_ok(r, TEXT.as_bytes());
    let r = t.encode_fs(h(&o));
    t.bytes_ok(r, TEXT.as_bytes());
    let nul = t.s("a\0b");
    let r = t.as_utf8_string(h(&nul));
    t.bytes_ok(r, b"a\0b");
    let r = t.as_ascii_string(h(&nul));
    t.bytes_ok(r, b"a\0b");
    let r = t.encode_fs(h(&nul));
    t.bytes_ok(r, b"a\0b");
    let empty = t.s("");
    for f in [
        T::as_utf8_string,
        T::as_ascii_string,
        T::as_latin1_string,
        T::encode_fs,
    ] {
        let r = f(&mut t, h(&empty));
        t.bytes_ok(r, b"");
    }
    let long = long_text();
    let l = t.s(&long);
    let r = t.as_utf8_string(h(&l));
    t.bytes_ok(r, long.as_bytes());

    let latin = t.s("h\u{e9}llo\u{ff}");
    let r = t.as_latin1_string(h(&latin));
    t.bytes_ok(r, b"h\xe9llo\xff");

    let cases: [EncodeCase; 6] = [
        (
            "h\u{e9}llo",
            T::as_ascii_string,
            "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)",
            "UnicodeEncodeError('ascii', 'héllo', 1, 2, 'ordinal not in range(128)')",
        ),
        (
            "h\u{e9}\u{e9}llo",
            T::as_ascii_string,
            "'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)",
            "UnicodeEncodeError('ascii', 'hééllo', 1, 3, 'ordinal not in range(128)')",
        ),
        (
            "a\u{20ac}",
            T::as_ascii_string,
            "'ascii' codec can't encode character '\\u20ac' in position 1: ordinal not in range(128)",
            "",
        ),
        (
            "ab\u{1f600}",
            T::as_ascii_string,
            "'ascii' codec can't encode character '\\U0001f600' in position 2: ordinal not in range(128)",
            "",
        ),
        (
            "a\u{20ac}",
            T::as_latin1_string,
            "'latin-1' codec can't encode character '\\u20ac' in position 1: ordinal not in range(256)",
            "UnicodeEncodeError('latin-1', 'a€', 1, 2, 'ordinal not in range(256)')",
        ),
        (
            "\u{e9}a\u{20ac}\u{1f600}x\u{20ac}",
            T::as_latin1_string,
            "'latin-1' codec can't encode characters in position 2-3: ordinal not in range(256)",
            "",
        ),
    ];
    for (text, f, msg, repr) in cases {
        let o = t.s(text);
        let r = f(&mut t, h(&o));
        let e = t.fails(r, "UnicodeEncodeError", msg);
        if !repr.is_empty() {
            assert_eq!(e.repr, repr);
        }
    }

    let b = t.b(b"x");
    let none = t.c.h_None;
    for f in [
        T::as_utf8_string,
        T::as_ascii_string,
        T::as_latin1_string,
        T::encode_fs,
    ] {
        let r = f(&mut t, h(&b));
        t.fails(r, "TypeError", "bad argument type for built-in operation");
        let r = f(&mut t, none);
        t.fails(r, "TypeError", "bad argument type for built-in operation");
    }
    t.check_heap();
}

fn from_wide_char(run: Run) {
    let mut t = T::new(run);
    let w: Vec<wchar_t> = TEXT.chars().map(|c| c as wchar_t).chain([0]).collect();
    let r = t.unicode_from_wide(w.as_ptr(), -1);
    t.str_ok(r, TEXT);
    let r = t.unicode_from_wide(w.as_ptr(), 3);
    t.str_ok(r, "h\u{e9}l");
    // Embedded NUL with an explicit size; -1 stops at it.
    let wn: Vec<wchar_t> = vec![0x61, 0, 0xe9, 0];
    let r = t.unicode_from_wide(wn.as_ptr(), 3);
    t.str_ok(r, "a\0\u{e9}");
    let r = t.unicode_from_wide(wn.as_ptr(), -1);
    t.str_ok(r, "a");
    let r = t.unicode_from_wide(wn[1..].as_ptr(), -1);
    t.str_ok(r, "");
    let r = t.unicode_from_wide(std::ptr::null(), 0);
    t.str_ok(r, "");
    let long = long_text();
    let wl: Vec<wchar_t> = long.chars().map(|c| c as wchar_t).collect();
    let r = t.unicode_from_wide(wl.as_ptr(), wl.len() as HPy_ssize_t);
    t.str_ok(r, &long);

    let bad: Vec<wchar_t> = vec![0x41, 0x110000, 0];
    let r = t.unicode_from_wide(bad.as_ptr(), 2);
    t.fails(
        r,
        "ValueError",
        "character U+110000 is not in range [U+0000; U+10ffff]",
    );
    let neg: Vec<wchar_t> = vec![-1, 0x41];
    let r = t.unicode_from_wide(neg.as_ptr(), 2);
    t.fails(
        r,
        "ValueError",
        "character U+ffffffff is not in range [U+0000; U+10ffff]",
    );
    // The range is checked over the whole input before surrogates are looked at.
    let both: Vec<wchar_t> = vec![0xd800, 0x110000];
    let r = t.unicode_from_wide(both.as_ptr(), 2);
    t.fails(
        r,
        "ValueError",
        "character U+110000 is not in range [U+0000; U+10ffff]",
    );
    // A lone surrogate (CPython stores it; a UTF-8 str cannot): UnicodeError naming it.
    let sur: Vec<wchar_t> = vec![0x61, 0xd800, 0xdc00];
    let r = t.unicode_from_wide(sur.as_ptr(), 3);
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "UnicodeError");
    assert!(
        e.message.contains("lone surrogate '\\ud800' (position 1"),
        "{e}"
    );
    let r = t.unicode_from_wide(std::ptr::null(), 3);
    t.fails(r, "SystemError", "bad argument to internal function");
    let r = t.unicode_from_wide(std::ptr::null(), -1);
    t.fails(r, "SystemError", "bad argument to internal function");
    let r = t.unicode_from_wide(w.as_ptr(), -2);
    t.fails(r, "SystemError", "Negative size passed to PyUnicode_New");
    t.check_heap();
}

fn fs_default(run: Run) {
    let mut t = T::new(run);
    let text = cs(TEXT);
    let r = t.decode_fs(text.as_ptr());
    t.str_ok(r, TEXT);
    let r = t.decode_fs(c"".as_ptr());
    t.str_ok(r, "");
    let r = t.decode_fs_size(b"a\0\xc3\xa9z".as_ptr().cast(), 4);
    t.str_ok(r, "a\0\u{e9}");
    let r = t.decode_fs_size(std::ptr::null(), 0);
    t.str_ok(r, "");
    // surrogateescape would give '\udcff': a lone surrogate.
    let r = t.decode_fs(c"a\xffb".as_ptr());
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "UnicodeError");
    assert!(e.message.contains("'\\udcff' (position 1"), "{e}");
    let r = t.decode_fs_size(b"abc".as_ptr().cast(), -1);
    t.fails(r, "SystemError", "Negative size passed to PyUnicode_New");
    let r = t.decode_fs(std::ptr::null());
    assert_eq!(t.take(r).unwrap_err().type_name, "SystemError");
    let r = t.decode_fs_size(std::ptr::null(), 2);
    assert_eq!(t.take(r).unwrap_err().type_name, "SystemError");
    t.check_heap();
}

fn read_char(run: Run) {
    let mut t = T::new(run);
    let o = t.s("h\u{e9}llo\u{1f600}");
    for (i, c) in [(0, 'h'), (1, '\u{e9}'), (4, 'o'), (5, '\u{1f600}')] {
        assert_eq!(t.read_char(h(&o), i), c as u32);
    }
    t.no_err();
    let a = t.s("abc\0");
    assert_eq!(t.read_char(h(&a), 3), 0);
    assert_eq!(t.read_char(h(&a), 2), 'c' as u32);
    let long = long_text();
    let l = t.s(&long);
    let last = long.chars().count() - 1;
    assert_eq!(
        t.read_char(h(&l), last as HPy_ssize_t),
        long.chars().last().unwrap() as u32
    );
    t.no_err();
    for i in [6, -1, isize::MAX, isize::MIN] {
        assert_eq!(t.read_char(h(&o), i), u32::MAX);
        let e = t.err();
        assert_eq!(
            (e.type_name.as_str(), e.message.as_str()),
            ("IndexError", "string index out of range")
        );
    }
    let e = t.s("");
    assert_eq!(t.read_char(h(&e), 0), u32::MAX);
    assert_eq!(t.err().type_name, "IndexError");
    let b = t.b(b"x");
    assert_eq!(t.read_char(h(&b), 0), u32::MAX);
    assert_eq!(t.err().message, "bad argument type for built-in operation");
    t.check_heap();
}

fn decode_ascii(run: Run) {
    let mut t = T::new(run);
    let r = t.decode_ascii(b"abc\0def", 7, None);
    t.str_ok(r, "abc\0def");
    let r = t.decode_ascii(b"", 0, None);
    t.str_ok(r, "");
    let r = t.decode_ascii(b"abc", 2, Some("strict"));
    t.str_ok(r, "ab");
    // The handler is looked up only when an error occurs.
    let r = t.decode_ascii(b"abc", 3, Some("bogus"));
    t.str_ok(r, "abc");
    let long = "x".repeat(20000);
    let r = t.decode_ascii(long.as_bytes(), long.len() as HPy_ssize_t, None);
    t.str_ok(r, &long);

    let bad = b"a\xff\xfeb";
    for (errors, want) in [
        (Some("replace"), "a\u{fffd}\u{fffd}b"),
        (Some("ignore"), "ab"),
        (Some("backslashreplace"), "a\\xff\\xfeb"),
    ] {
        let r = t.decode_ascii(bad, 4, errors);
        t.str_ok(r, want);
    }
    for errors in [None, Some("strict"), Some("surrogatepass")] {
        let r = t.decode_ascii(bad, 4, errors);
        let e = t.fails(
            r,
            "UnicodeDecodeError",
            "'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)",
        );
        assert_eq!(
            e.repr,
            "UnicodeDecodeError('ascii', b'a\\xff\\xfeb', 1, 2, 'ordinal not in range(128)')"
        );
    }
    let r = t.decode_ascii(bad, 4, Some("bogus"));
    t.fails(r, "LookupError", "unknown error handler name 'bogus'");
    let r = t.decode_ascii(bad, 4, Some(""));
    t.fails(r, "LookupError", "unknown error handler name ''");
    for errors in ["xmlcharrefreplace", "namereplace"] {
        let r = t.decode_ascii(bad, 4, Some(errors));
        t.fails(
            r,
            "TypeError",
            "don't know how to handle UnicodeDecodeError in error callback",
        );
    }
    let r = t.decode_ascii(bad, 4, Some("surrogateescape"));
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "UnicodeError");
    assert!(e.message.contains("'\\udcff' (position 1"), "{e}");
    let r = t.decode_ascii(b"abc", -1, None);
    t.fails(r, "SystemError", "Negative size passed to PyUnicode_New");
    t.check_heap();
}

fn decode_latin1(run: Run) {
    let mut t = T::new(run);
    let all: Vec<u8> = (0..=255).collect();
    let want: String = all.iter().map(|&b| b as char).collect();
    let r = t.decode_latin1(&all, 256, None);
    t.str_ok(r, &want);
    // Latin-1 never fails: `errors` is not even looked at.
    let r = t.decode_latin1(b"\xe9\0x", 3, Some("bogus"));
    t.str_ok(r, "\u{e9}\0x");
    let r = t.decode_latin1(b"", 0, None);
    t.str_ok(r, "");
    let r = t.decode_latin1(b"abc", -3, None);
    t.fails(r, "SystemError", "Negative size passed to PyUnicode_New");
    t.check_heap();
}

fn from_encoded_object(run: Run) {
    let mut t = T::new(run);
    let ok: &[DecodeOk] = &[
        (b"abc", None, None, "abc"),
        (
            "h\u{e9}\0\u{1f600}".as_bytes(),
            None,
            None,
            "h\u{e9}\0\u{1f600}",
        ),
        (b"\xff", Some("latin-1"), None, "\u{ff}"),
        (b"\xff", Some("ISO-8859-1"), None, "\u{ff}"),
        (b"\xff", Some("l1"), None, "\u{ff}"),
        (b"\xff", Some("charmap"), None, "\u{ff}"),
        (b"x", Some("U8"), None, "x"),
        (b"x", Some(" utf 8 "), None, "x"),
        (b"x", Some("utf-8\u{e9}"), None, "x"),
        (b"x", Some("646"), None, "x"),
        (b"a\xffb", Some("UTF-8"), Some("replace"), "a\u{fffd}b"),
        (b"a\xe2\x82", Some("utf8"), Some("replace"), "a\u{fffd}"),
        (
            b"a\xffb",
            Some("utf-8"),
            Some("backslashreplace"),
            "a\\xffb",
        ),
        (b"\xef\xbb\xbfab", Some("utf-8-sig"), None, "ab"),
        (b"ab", Some("utf_8_sig"), None, "ab"),
        (b"\xff\xfea\x00", Some("utf-16"), None, "a"),
        (b"\xfe\xff\x00a", Some("utf-16"), None, "a"),
        (b"a\x00", Some("utf-16"), None, "a"),
        (
            b"\xfe\xff\x00a",
            Some("utf-16-le"),
            None,
            "\u{fffe}\u{6100}",
        ),
        (b"\x00a", Some("UTF-16BE"), None, "a"),
        (b"=\xd8\x00\xde", Some("utf_16_le"), None, "\u{1f600}"),
        (
            b"\x00\xd8a\x00",
            Some("utf-16-le"),
            Some("replace"),
            "\u{fffd}a",
        ),
        (b"\x00\xdca\x00", Some("utf-16-le"), Some("ignore"), "a"),
        (
            b"\x00\xd8\x00",
            Some("utf-16-le"),
            Some("backslashreplace"),
            "\\x00\\xd8\\x00",
        ),
        (
            b"\xff\xfe\x00\x00\x00\xf6\x01\x00",
            Some("utf-32"),
            None,
            "\u{1f600}",
        ),
        (b"\x00\x00\xfe\xff", Some("utf-32"), None, ""),
        (b"\x00\x01\xf6\x00", Some("utf-32-be"), None, "\u{1f600}"),
        (
            b"\x00\x00\x11\x00a\x00\x00\x00",
            Some("utf-32-le"),
            Some("replace"),
            "\u{fffd}a",
        ),
        // Empty input never looks the encoding up.
        (b"", Some("bogus"), Some("bogus"), ""),
    ];
    for &(data, enc, errors, want) in ok {
        let o = t.b(data);
        let r = t.unicode_from_encoded(h(&o), enc, errors);
        assert_eq!(
            t.take(r),
            Ok(Value::Str(want.into())),
            "{data:?} {enc:?} {errors:?}"
        );
    }

    let fail: &[DecodeFail] = &[
        (
            b"\xff",
            Some("utf-8"),
            None,
            "UnicodeDecodeError",
            "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte",
        ),
        (
            b"ab\xff",
            Some("ascii"),
            None,
            "UnicodeDecodeError",
            "'ascii' codec can't decode byte 0xff in position 2: ordinal not in range(128)",
        ),
        (
            b"\xef\xbb\xbfa\xff",
            Some("utf-8-sig"),
            None,
            "UnicodeDecodeError",
            "'utf-8' codec can't decode byte 0xff in position 1: invalid start byte",
        ),
        (
            b"a",
            Some("utf-16-le"),
            None,
            "UnicodeDecodeError",
            "'utf-16-le' codec can't decode byte 0x61 in position 0: truncated data",
        ),
        (
            b"\x00\xd8a",
            Some("utf-16-le"),
            None,
            "UnicodeDecodeError",
            "'utf-16-le' codec can't decode bytes in position 0-2: unexpected end of data",
        ),
        (
            b"\x00\xd8a\x00",
            Some("utf-16-le"),
            None,
            "UnicodeDecodeError",
            "'utf-16-le' codec can't decode bytes in position 0-1: illegal UTF-16 surrogate",
        ),
        (
            b"\xfe\xff\xdc\x00",
            Some("utf-16"),
            None,
            "UnicodeDecodeError",
            "'utf-16-be' codec can't decode bytes in position 2-3: illegal encoding",
        ),
        (
            b"\xff\xfe\x00\x00\x00\xd8\x00\x00",
            Some("utf-32"),
            None,
            "UnicodeDecodeError",
            "'utf-32-le' codec can't decode bytes in position 4-7: code point in surrogate code point range(0xd800, 0xe000)",
        ),
        (
            b"a\x00\x00\x00\x00\x00\x11",
            Some("utf-32-le"),
            None,
            "UnicodeDecodeError",
            "'utf-32-le' codec can't decode bytes in position 4-6: truncated data",
        ),
        (
            b"\x00\x00\x11\x00",
            Some("utf-32-le"),
            None,
            "UnicodeDecodeError",
            "'utf-32-le' codec can't decode bytes in position 0-3: code point not in range(0x110000)",
        ),
        // surrogatepass: a later error is what CPython reports.
        (
            b"\x00\xd8a",
            Some("utf-16-le"),
            Some("surrogatepass"),
            "UnicodeDecodeError",
            "'utf-16-le' codec can't decode byte 0x61 in position 2: truncated data",
        ),
        (b"x", Some("bogus"), None, "LookupError", "unknown encoding: bogus"),
        (b"x", Some("Foo-Bar"), None, "LookupError", "unknown encoding: Foo-Bar"),
        (b"x", Some("utf_8."), None, "LookupError", "unknown encoding: utf_8."),
        (
            b"x",
            Some("hex"),
            None,
            "LookupError",
            "'hex' is not a text encoding; use codecs.decode() to handle arbitrary codecs",
        ),
        (
            b"x",
            Some("rot13"),
            None,
            "LookupError",
            "'rot13' is not a text encoding; use codecs.decode() to handle arbitrary codecs",
        ),
        (
            b"\xff",
            Some("utf-8"),
            Some("bogus"),
            "LookupError",
            "unknown error handler name 'bogus'",
        ),
        // Through the codec registry, single-message errors are rewrapped.
        (
            b"\xff",
            Some("UTF-16LE"),
            Some("bogus"),
            "LookupError",
            "decoding with 'UTF-16LE' codec failed (LookupError: unknown error handler name 'bogus')",
        ),
        (
            b"\xff",
            Some("U8"),
            Some("xmlcharrefreplace"),
            "TypeError",
            "decoding with 'U8' codec failed (TypeError: don't know how to handle UnicodeDecodeError in error callback)",
        ),
        (
            b"\xff",
            Some("utf-32"),
            Some("namereplace"),
            "TypeError",
            "don't know how to handle UnicodeDecodeError in error callback",
        ),
        (
            b"ab",
            Some("undefined"),
            None,
            "UnicodeError",
            "decoding with 'undefined' codec failed (UnicodeError: undefined encoding)",
        ),
    ];
    for &(data, enc, errors, ty, msg) in fail {
        let o = t.b(data);
        let r = t.unicode_from_encoded(h(&o), enc, errors);
        t.fails(r, ty, msg);
    }
    // An encoding CPython has and hpymove does not: a LookupError that says so.
    let o = t.b(b"\x80");
    let r = t.unicode_from_encoded(h(&o), Some("shift_jis"), None);
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "LookupError");
    assert!(
        e.message
            .contains("does not implement the 'shift_jis' codec"),
        "{e}"
    );
    // Lone surrogates from surrogatepass / surrogateescape.
    let o = t.b(b"a\xed\xa0\x80");
    let r = t.unicode_from_encoded(h(&o), Some("utf-8"), Some("surrogatepass"));
    let e = t.take(r).unwrap_err();
    assert_eq!(e.type_name, "UnicodeError");
    assert!(e.message.contains("'\\ud800' (position 1"), "{e}");

    let s = t.s("str");
    let r = t.unicode_from_encoded(h(&s), None, None);
    t.fails(r, "TypeError", "decoding str is not supported");
    let i = t.obj(Value::int(5));
    let r = t.unicode_from_encoded(h(&i), None, None);
    t.fails(
        r,
        "TypeError",
        "decoding to str: need a bytes-like object, int found",
    );
    let r = t.unicode_from_encoded(t.c.h_None, Some("utf-8"), None);
    t.fails(
        r,
        "TypeError",
        "decoding to str: need a bytes-like object, NoneType found",
    );
    let r = t.unicode_from_encoded(HPy { _i: 0 }, None, None);
    t.fails(r, "SystemError", "bad argument to internal function");
    t.check_heap();
}

fn substring(run: Run) {
    let mut t = T::new(run);
    let o = t.s("h\u{e9}llo");
    let cases: &[(isize, isize, Result<&str, ()>)] = &[
        (0, 5, Ok("h\u{e9}llo")),
        (1, 3, Ok("\u{e9}l")),
        (-1, 3, Err(())),
        (1, -1, Err(())),
        (3, 1, Ok("")),
        (5, 9, Ok("")),
        (2, 100, Ok("llo")),
        (0, 100, Ok("h\u{e9}llo")),
        (7, 9, Ok("")),
        (0, 0, Ok("")),
        (-5, -6, Err(())),
        (0, -1, Err(())),
        (4, isize::MAX, Ok("o")),
    ];
    for &(a, b, want) in cases {
        let r = t.substring(h(&o), a, b);
        match want {
            Ok(s) => t.str_ok(r, s),
            Err(()) => {
                t.fails(r, "IndexError", "string index out of range");
            }
        }
    }
    // The whole of an exact str is the object itself.
    let r = t.substring(h(&o), 0, 5);
    assert_eq!(t.is(r, h(&o)), 1);
    t.close(r);
    let r = t.substring(h(&o), 0, 999);
    assert_eq!(t.is(r, h(&o)), 1);
    t.close(r);
    let a = t.s("abc\0def");
    let r = t.substring(h(&a), 2, 5);
    t.str_ok(r, "c\0d");
    let long = long_text();
    let l = t.s(&long);
    let r = t.substring(h(&l), 10, 2010);
    let want: String = long.chars().skip(10).take(2000).collect();
    t.str_ok(r, &want);
    let e = t.s("");
    let r = t.substring(h(&e), 0, 0);
    t.str_ok(r, "");
    let b = t.b(b"abc");
    let r = t.substring(h(&b), 0, 1);
    t.fails(r, "TypeError", "bad argument type for built-in operation");
    t.check_heap();
}

fn bytes_members(run: Run) {
    let mut t = T::new(run);
    let data = b"a\0\xff\xe9z";
    let o = t.b(data);
    assert_eq!(t.bytes_size(h(&o)), (5, 5));
    let p = t.bytes_as_string(h(&o));
    assert_eq!(read_raw(p, 5), data);
    assert_eq!(t.bytes_as_string_macro(h(&o)), p);
    let e = t.b(b"");
    assert_eq!(t.bytes_size(h(&e)), (0, 0));
    assert_eq!(read_raw(t.bytes_as_string(h(&e)), 0), b"");
    let big: Vec<u8> = (0..100_000u32).map(|i| (i * 7 % 256) as u8).collect();
    let bo = t.b(&big);
    assert_eq!(t.bytes_size(h(&bo)).0, big.len() as HPy_ssize_t);
    let bp = t.bytes_as_string(h(&bo));
    t.rt.collect();
    assert_eq!(read_raw(bp, big.len()), big);
    t.no_err();

    for (o, name) in [(t.s("x"), "str"), (t.obj(Value::int(1)), "int")] {
        let msg = format!("expected bytes, {name} found");
        assert_eq!(t.bytes_size(h(&o)), (-1, -1));
        assert_eq!(t.err().message, msg);
        t.rt.take_pending_error();
        assert!(t.bytes_as_string(h(&o)).is_null());
        let e = t.err();
        assert_eq!(
            (e.type_name.as_str(), e.message.as_str()),
            ("TypeError", &*msg)
        );
        assert!(t.bytes_as_string_macro(h(&o)).is_null());
        assert_eq!(t.err().message, msg);
    }
    // The two sizes each raise their own error; the first is taken above.
    let s = t.s("x");
    assert_eq!(t.bytes_size(h(&s)), (-1, -1));
    t.err();

    let r = t.bytes_from_string(b"ab\xff\0cd".as_ptr().cast());
    t.bytes_ok(r, b"ab\xff");
    let r = t.bytes_from_string(c"".as_ptr());
    t.bytes_ok(r, b"");
    let r = t.bytes_from_string_and_size(bytes_ptr(data), 5);
    t.bytes_ok(r, data);
    let r = t.bytes_from_string_and_size(bytes_ptr(data), 0);
    t.bytes_ok(r, b"");
    let r = t.bytes_from_string_and_size(bytes_ptr(&big), big.len() as HPy_ssize_t);
    t.bytes_ok(r, &big);
    let r = t.bytes_from_string_and_size(bytes_ptr(data), -1);
    t.fails(
        r,
        "SystemError",
        "Negative size passed to PyBytes_FromStringAndSize",
    );
    let r = t.bytes_from_string_and_size(std::ptr::null(), 3);
    t.fails(
        r,
        "ValueError",
        "NULL char * passed to HPyBytes_FromStringAndSize",
    );
    // HPy checks NULL before CPython checks the size.
    let r = t.bytes_from_string_and_size(std::ptr::null(), -1);
    t.fails(
        r,
        "ValueError",
        "NULL char * passed to HPyBytes_FromStringAndSize",
    );
    let r = t.bytes_from_string(std::ptr::null());
    assert!(t.take(r).is_err());
    t.check_heap();
}

fn reprs_and_ascii(run: Run) {
    let mut t = T::new(run);
    let cases: &[(Value, &str, &str)] = &[
        (Value::str("h\u{e9}llo"), "'h\u{e9}llo'", "'h\\xe9llo'"),
        (
            Value::str("a\u{20ac}\u{1f600}"),
            "'a\u{20ac}\u{1f600}'",
            "'a\\u20ac\\U0001f600'",
        ),
        (
            Value::str("\u{a0}\u{85}\u{ad}"),
            "'\\xa0\\x85\\xad'",
            "'\\xa0\\x85\\xad'",
        ),
        (
            Value::str("\u{200b}\u{2028}\u{378}\u{e000}\u{f0000}"),
            "'\\u200b\\u2028\\u0378\\ue000\\U000f0000'",
            "'\\u200b\\u2028\\u0378\\ue000\\U000f0000'",
        ),
        (
            Value::str("\u{3000}x\u{1680}"),
            "'\\u3000x\\u1680'",
            "'\\u3000x\\u1680'",
        ),
        (
            Value::str("a\0\t\n\r\x7f\\"),
            "'a\\x00\\t\\n\\r\\x7f\\\\'",
            "'a\\x00\\t\\n\\r\\x7f\\\\'",
        ),
        (Value::str("it's"), "\"it's\"", "\"it's\""),
        (Value::str("'\""), "'\\'\"'", "'\\'\"'"),
        (Value::str(""), "''", "''"),
        (
            Value::str("\u{4e2d}\u{6587}"),
            "'\u{4e2d}\u{6587}'",
            "'\\u4e2d\\u6587'",
        ),
        (
            Value::Bytes(b"a\0\xff'\"\\".to_vec()),
            "b'a\\x00\\xff\\'\"\\\\'",
            "b'a\\x00\\xff\\'\"\\\\'",
        ),
        (Value::Bytes(b"it's".to_vec()), "b\"it's\"", "b\"it's\""),
        (Value::int(5), "5", "5"),
        (
            Value::List(vec![Value::str("\u{e9}")]),
            "['\u{e9}']",
            "['\\xe9']",
        ),
    ];
    for (v, repr, ascii) in cases {
        let o = t.obj(v.clone());
        let r = t.repr(h(&o));
        t.str_ok(r, repr);
        let r = t.ascii(h(&o));
        t.str_ok(r, ascii);
    }
    t.check_heap();
}

fn bytes_conversion(run: Run) {
    let mut t = T::new(run);
    let b = t.b(b"xy\0");
    let r = t.hpy_bytes(h(&b));
    assert_eq!(t.is(r, h(&b)), 1, "an exact bytes is returned itself");
    t.bytes_ok(r, b"xy\0");
    let ok: &[(Value, &[u8])] = &[
        (
            Value::List(vec![Value::int(1), Value::int(2), Value::int(255)]),
            b"\x01\x02\xff",
        ),
        (Value::Tuple(vec![Value::int(3)]), b"\x03"),
        (
            Value::List(vec![Value::Bool(true), Value::Bool(false)]),
            b"\x01\x00",
        ),
        (Value::List(vec![]), b""),
        // Other iterables go through the iteration protocol: a dict gives its keys.
        (
            Value::Dict(vec![
                (Value::int(1), Value::int(2)),
                (Value::int(65), Value::None),
            ]),
            b"\x01A",
        ),
    ];
    for (v, want) in ok {
        let o = t.obj(v.clone());
        let r = t.hpy_bytes(h(&o));
        t.bytes_ok(r, want);
    }
    let fail: &[(Value, &str, &str)] = &[
        (
            Value::str("s"),
            "TypeError",
            "cannot convert 'str' object to bytes",
        ),
        (
            Value::int(5),
            "TypeError",
            "cannot convert 'int' object to bytes",
        ),
        (
            Value::None,
            "TypeError",
            "cannot convert 'NoneType' object to bytes",
        ),
        (
            Value::Float(1.5),
            "TypeError",
            "cannot convert 'float' object to bytes",
        ),
        (
            Value::List(vec![Value::int(1), Value::str("a")]),
            "TypeError",
            "'str' object cannot be interpreted as an integer",
        ),
        (
            Value::List(vec![Value::int(256)]),
            "ValueError",
            "bytes must be in range(0, 256)",
        ),
        (
            Value::Tuple(vec![Value::int(-1)]),
            "ValueError",
            "bytes must be in range(0, 256)",
        ),
        (
            Value::List(vec![Value::Int(num_bigint::BigInt::from(1u128 << 70))]),
            "ValueError",
            "bytes must be in range(0, 256)",
        ),
    ];
    for (v, ty, msg) in fail {
        let o = t.obj(v.clone());
        let r = t.hpy_bytes(h(&o));
        t.fails(r, ty, msg);
    }
    t.check_heap();
}

/// The same members from C, through the official headers (`ext-samples/src-c/textsample.c`):
/// raw pointers kept across 20 rounds of API calls, wchar_t round trips, decoders.
fn from_c(run: Run) {
    let mut rt = runtime(run);
    let m = rt.import("textsample").expect("import textsample");
    let long = long_text();
    for text in [TEXT, "", "a\0b\u{e9}", long.as_str()] {
        let got = call(&mut rt, &m, "utf8_pointer_stable", &[Value::str(text)]);
        assert_eq!(got, Ok(Value::Bytes(text.as_bytes().to_vec())));
        let got = call(&mut rt, &m, "fs_roundtrip", &[Value::str(text)]);
        assert_eq!(got, Ok(Value::str(text)));
        let terminated = if text.contains('\0') {
            Value::None
        } else {
            Value::str(text)
        };
        let got = call(&mut rt, &m, "wide_roundtrip", &[Value::str(text)]);
        assert_eq!(got, Ok(Value::Tuple(vec![Value::str(text), terminated])));
    }
    let data: Vec<u8> = (0..=255u8).chain([0, 0]).collect();
    let got = call(
        &mut rt,
        &m,
        "bytes_pointer_stable",
        &[Value::Bytes(data.clone())],
    );
    assert_eq!(got, Ok(Value::Bytes(data.clone())));
    let got = call(&mut rt, &m, "decode_latin1", &[Value::Bytes(data.clone())]);
    let want: String = data.iter().map(|&b| b as char).collect();
    assert_eq!(got, Ok(Value::Str(want)));
    let e = call(&mut rt, &m, "bytes_pointer_stable", &[Value::str("x")]).unwrap_err();
    assert_eq!(e.to_string(), "TypeError: expected bytes, str found");

    let got = call(
        &mut rt,
        &m,
        "decode_ascii",
        &[Value::Bytes(b"a\xffb".to_vec()), Value::str("replace")],
    );
    assert_eq!(got, Ok(Value::str("a\u{fffd}b")));
    let e = call(
        &mut rt,
        &m,
        "decode_ascii",
        &[Value::Bytes(b"a\xffb".to_vec()), Value::None],
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "UnicodeDecodeError: 'ascii' codec can't decode byte 0xff in position 1: ordinal not in range(128)"
    );
    let got = call(
        &mut rt,
        &m,
        "decode",
        &[
            Value::Bytes(b"\xff\xfe=\xd8\x00\xde".to_vec()),
            Value::str("utf-16"),
            Value::None,
        ],
    );
    assert_eq!(got, Ok(Value::str("\u{1f600}")));
    let e = call(
        &mut rt,
        &m,
        "decode",
        &[Value::str("s"), Value::None, Value::None],
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "TypeError: decoding str is not supported");
    let got = call(
        &mut rt,
        &m,
        "substring",
        &[Value::str("h\u{e9}llo"), Value::int(1), Value::int(99)],
    );
    assert_eq!(got, Ok(Value::str("\u{e9}llo")));
    let e = call(
        &mut rt,
        &m,
        "substring",
        &[Value::str("abc"), Value::int(-1), Value::int(2)],
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "IndexError: string index out of range");
    let got = call(
        &mut rt,
        &m,
        "encode",
        &[Value::str("h\u{e9}"), Value::str("latin-1")],
    );
    assert_eq!(got, Ok(Value::Bytes(b"h\xe9".to_vec())));
    let e = call(
        &mut rt,
        &m,
        "encode",
        &[Value::str("h\u{e9}\u{20ac}"), Value::str("ascii")],
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "UnicodeEncodeError: 'ascii' codec can't encode characters in position 1-2: ordinal not in range(128)"
    );
    assert_eq!(rt.verify_heap(), Vec::<String>::new());
}

both_modes! {
    unicode_and_bytes_check => checks;
    unicode_from_string => from_string;
    unicode_as_utf8_and_size => as_utf8_and_size;
    raw_pointers_stay_valid_while_objects_move => raw_pointers_survive_moves;
    unicode_encoders => encoders;
    unicode_from_wide_char => from_wide_char;
    unicode_fs_default => fs_default;
    unicode_read_char => read_char;
    unicode_decode_ascii => decode_ascii;
    unicode_decode_latin1 => decode_latin1;
    unicode_from_encoded_object => from_encoded_object;
    unicode_substring => substring;
    bytes_members_and_raw_pointers => bytes_members;
    repr_and_ascii_of_str_and_bytes => reprs_and_ascii;
    bytes_of_objects => bytes_conversion;
    extension_in_c => from_c;
}
