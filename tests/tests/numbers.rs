//! The number protocol through the context, called as an extension calls it: every binary
//! operator plain and in place, three-argument `pow`, the unary operators, `HPy_Index`,
//! `HPy_Long`, `HPy_Float`, `HPyNumber_Check`, every `HPyLong_As*` width and
//! `HPyFloat_AsDouble`; sequence concatenation and repetition, list `+=`/`*=` in place, and
//! printf-style `str % args` / `bytes % args`.
//!
//! The expected outcomes in the tables at the end are CPython 3.11.7's: each was produced
//! by calling the C function hpy 0.9's universal module calls for the member
//! (`PyNumber_Add`, `PyLong_AsLongLong`…) through `ctypes`, and is written as the result's
//! `repr`, or `!Type: str(exception)`. Operands are written as Python literals.

use hpy_abi::{HPy, HPyContext};
use hpymove_runtime::{Obj, Runtime, Value};
use hpymove_tests::{both_modes, runtime, Run};
use num_bigint::BigInt;

type Unary = unsafe extern "C" fn(*mut HPyContext, HPy) -> HPy;
type Binary = unsafe extern "C" fn(*mut HPyContext, HPy, HPy) -> HPy;
type Ternary = unsafe extern "C" fn(*mut HPyContext, HPy, HPy, HPy) -> HPy;

// ------------------------------------------------------------------ Python literals

/// Parses the Python literal syntax the tables use (plus `inf`, `nan`, `-inf`).
struct Lit<'a> {
    s: &'a [u8],
    i: usize,
}

fn lit(s: &str) -> Value {
    let mut p = Lit {
        s: s.as_bytes(),
        i: 0,
    };
    let v = p.value();
    p.spaces();
    assert_eq!(p.i, p.s.len(), "trailing text in literal {s:?}");
    v
}

impl Lit<'_> {
    fn peek(&self) -> u8 {
        self.s.get(self.i).copied().unwrap_or(0)
    }

    fn spaces(&mut self) {
        while self.peek() == b' ' {
            self.i += 1;
        }
    }

    fn eat(&mut self, word: &str) -> bool {
        if self.s[self.i..].starts_with(word.as_bytes()) {
            self.i += word.len();
            true
        } else {
            false
        }
    }

    fn items(&mut self, close: u8) -> Vec<Value> {
        let mut v = Vec::new();
        loop {
            self.spaces();
            if self.peek() == close {
                self.i += 1;
                return v;
            }
            v.push(self.value());
            self.spaces();
            if self.peek() == b',' {
                self.i += 1;
            }
        }
    }

    fn value(&mut self) -> Value {
        self.spaces();
        match self.peek() {
            b'(' => {
                self.i += 1;
                Value::Tuple(self.items(b')'))
            }
            b'[' => {
                self.i += 1;
                Value::List(self.items(b']'))
            }
            b'{' => {
                self.i += 1;
                let mut d = Vec::new();
                loop {
                    self.spaces();
                    if self.peek() == b'}' {
                        self.i += 1;
                        return Value::Dict(d);
                    }
                    let k = self.value();
                    self.spaces();
                    assert!(self.eat(":"));
                    let v = self.value();
                    d.push((k, v));
                    self.spaces();
                    if self.peek() == b',' {
                        self.i += 1;
                    }
                }
            }
            b'\'' | b'"' => Value::Str(String::from_utf8(self.quoted(false)).expect("UTF-8")),
            b'b' => {
                self.i += 1;
                Value::Bytes(self.quoted(true))
            }
            _ => {
                for (w, v) in [
                    ("True", Value::Bool(true)),
                    ("False", Value::Bool(false)),
                    ("None", Value::None),
                    ("inf", Value::Float(f64::INFINITY)),
                    ("-inf", Value::Float(f64::NEG_INFINITY)),
                    ("nan", Value::Float(f64::NAN)),
                ] {
                    if self.eat(w) {
                        return v;
                    }
                }
                let neg = self.eat("-");
                if self.eat("0x") {
                    let start = self.i;
                    while self.peek().is_ascii_hexdigit() {
                        self.i += 1;
                    }
                    let t = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                    let v = BigInt::parse_bytes(t.as_bytes(), 16).expect("hex");
                    return Value::Int(if neg { -v } else { v });
                }
                let start = self.i;
                while matches!(self.peek(), b'0'..=b'9' | b'.' | b'e' | b'E' | b'+' | b'-') {
                    self.i += 1;
                }
                let t = std::str::from_utf8(&self.s[start..self.i]).unwrap();
                let sign = if neg { "-" } else { "" };
                match t.parse::<BigInt>() {
                    Ok(v) => Value::Int(if neg { -v } else { v }),
                    Err(_) => Value::Float(format!("{sign}{t}").parse().expect("number")),
                }
            }
        }
    }

    /// A quoted literal's contents (escapes decoded; in a bytes literal `\xNN` is a byte).
    fn quoted(&mut self, bytes: bool) -> Vec<u8> {
        let q = self.peek();
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let c = self.peek();
            self.i += 1;
            if c == q {
                return out;
            }
            if c != b'\\' {
                out.push(c);
                continue;
            }
            let e = self.peek();
            self.i += 1;
            let hex = |p: &mut Self, n: usize| {
                let t = std::str::from_utf8(&p.s[p.i..p.i + n]).unwrap();
                p.i += n;
                u32::from_str_radix(t, 16).unwrap()
            };
            match e {
                b'n' => out.push(b'\n'),
                b'r' => out.push(b'\r'),
                b't' => out.push(b'\t'),
                b'x' => {
                    let n = hex(self, 2);
                    if bytes {
                        out.push(n as u8);
                    } else {
                        let mut buf = [0; 4];
                        out.extend(char::from_u32(n).unwrap().encode_utf8(&mut buf).bytes());
                    }
                }
                b'u' | b'U' => {
                    let n = hex(self, if e == b'u' { 4 } else { 8 });
                    let mut buf = [0; 4];
                    out.extend(char::from_u32(n).unwrap().encode_utf8(&mut buf).bytes());
                }
                other => out.push(other),
            }
        }
    }
}

// ------------------------------------------------------------------ calling the context

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

/// Splits an expected outcome into `Ok(repr)` or `Err((type, message))`.
fn expected(s: &str) -> Result<&str, (&str, &str)> {
    match s.strip_prefix('!') {
        Some(e) => Err(e.split_once(": ").expect("!Type: message")),
        None => Ok(s),
    }
}

impl T {
    fn new(run: Run) -> T {
        let mut rt = runtime(run);
        let p = rt.context();
        // SAFETY: the context lives as long as the runtime, which outlives every use.
        let c = unsafe { &*p };
        T { rt, c, p }
    }

    fn obj(&mut self, v: &Value) -> Obj {
        self.rt.to_obj(v).expect("operand")
    }

    /// What a context function that returns a handle gave: the result's repr, or the
    /// pending error as `!Type: message`.
    fn outcome(&mut self, r: HPy) -> String {
        if r._i == 0 {
            let e = self
                .rt
                .take_pending_error()
                .expect("HPy_NULL without an error");
            return format!("!{}: {}", e.type_name, e.message);
        }
        assert!(
            self.rt.take_pending_error().is_none(),
            "a result and an error"
        );
        let o = self.rt.obj_from_handle(r);
        self.rt.repr(&o).expect("repr")
    }

    fn unary(&mut self, f: Unary, a: &str) -> String {
        let x = self.obj(&lit(a));
        // SAFETY: called as an extension calls it, with open handles.
        let r = unsafe { f(self.p, h(&x)) };
        self.outcome(r)
    }

    fn binary(&mut self, f: Binary, a: &str, b: &str) -> String {
        let (x, y) = (self.obj(&lit(a)), self.obj(&lit(b)));
        // SAFETY: as above.
        let r = unsafe { f(self.p, h(&x), h(&y)) };
        self.outcome(r)
    }

    fn ternary(&mut self, f: Ternary, a: &str, b: &str, m: &str) -> String {
        let (x, y, z) = (self.obj(&lit(a)), self.obj(&lit(b)), self.obj(&lit(m)));
        // SAFETY: as above.
        let r = unsafe { f(self.p, h(&x), h(&y), h(&z)) };
        self.outcome(r)
    }

    fn check(&mut self, what: &str, got: String, want: &str) {
        assert_eq!(got, want, "{what}");
    }

    fn done(mut self) {
        assert!(self.rt.take_pending_error().is_none());
        assert!(self.rt.verify_heap().is_empty());
    }
}

// ------------------------------------------------------------------ the tests

fn arithmetic(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    let ops: [(&str, Binary, Binary); 7] = [
        ("+", c.ctx_Add, c.ctx_InPlaceAdd),
        ("-", c.ctx_Subtract, c.ctx_InPlaceSubtract),
        ("*", c.ctx_Multiply, c.ctx_InPlaceMultiply),
        ("/", c.ctx_TrueDivide, c.ctx_InPlaceTrueDivide),
        ("//", c.ctx_FloorDivide, c.ctx_InPlaceFloorDivide),
        ("%", c.ctx_Remainder, c.ctx_InPlaceRemainder),
        // No in-place divmod: the plain one twice.
        ("divmod", c.ctx_Divmod, c.ctx_Divmod),
    ];
    for (a, b, want) in ARITH {
        for (i, (sym, f, fi)) in ops.iter().enumerate() {
            let got = t.binary(*f, a, b);
            t.check(&format!("{a} {sym} {b}"), got, want[i]);
            // Numbers have no in-place slots: the same outcome.
            let got = t.binary(*fi, a, b);
            t.check(&format!("{a} {sym}= {b}"), got, want[i]);
        }
    }
    t.done();
}

fn bitwise(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    let ops: [(&str, Binary, Binary); 5] = [
        ("<<", c.ctx_Lshift, c.ctx_InPlaceLshift),
        (">>", c.ctx_Rshift, c.ctx_InPlaceRshift),
        ("&", c.ctx_And, c.ctx_InPlaceAnd),
        ("^", c.ctx_Xor, c.ctx_InPlaceXor),
        ("|", c.ctx_Or, c.ctx_InPlaceOr),
    ];
    for (a, b, want) in BITS {
        for (i, (sym, f, fi)) in ops.iter().enumerate() {
            let got = t.binary(*f, a, b);
            t.check(&format!("{a} {sym} {b}"), got, want[i]);
            let got = t.binary(*fi, a, b);
            t.check(&format!("{a} {sym}= {b}"), got, want[i]);
        }
    }
    t.done();
}

fn power(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    for (a, b, want) in POW {
        let got = t.ternary(c.ctx_Power, a, b, "None");
        t.check(&format!("{a} ** {b}"), got, want);
        let got = t.ternary(c.ctx_InPlacePower, a, b, "None");
        t.check(&format!("{a} **= {b}"), got, want);
    }
    t.done();
}

fn unary_and_conversions(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    let ops: [(&str, Unary); 7] = [
        ("-", c.ctx_Negative),
        ("+", c.ctx_Positive),
        ("abs", c.ctx_Absolute),
        ("~", c.ctx_Invert),
        ("index", c.ctx_Index),
        ("int", c.ctx_Long),
        ("float", c.ctx_Float),
    ];
    for (a, want) in UNARY {
        for (i, (name, f)) in ops.iter().enumerate() {
            let got = t.unary(*f, a);
            t.check(&format!("{name}({a})"), got, want[i]);
        }
    }
    t.done();
}

fn misc(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    for (op, args, want) in MISC {
        let got = match (*op, *args) {
            ("Power3", [a, b, m]) => t.ternary(c.ctx_Power, a, b, m),
            ("InPlacePower3", [a, b, m]) => t.ternary(c.ctx_InPlacePower, a, b, m),
            (op, [a, b]) => {
                let f: Binary = match op {
                    "Add" => c.ctx_Add,
                    "InPlaceAdd" => c.ctx_InPlaceAdd,
                    "Subtract" => c.ctx_Subtract,
                    "InPlaceSubtract" => c.ctx_InPlaceSubtract,
                    "Multiply" => c.ctx_Multiply,
                    "InPlaceMultiply" => c.ctx_InPlaceMultiply,
                    "MatrixMultiply" => c.ctx_MatrixMultiply,
                    "InPlaceMatrixMultiply" => c.ctx_InPlaceMatrixMultiply,
                    "TrueDivide" => c.ctx_TrueDivide,
                    "InPlaceTrueDivide" => c.ctx_InPlaceTrueDivide,
                    "FloorDivide" => c.ctx_FloorDivide,
                    "InPlaceFloorDivide" => c.ctx_InPlaceFloorDivide,
                    "Remainder" => c.ctx_Remainder,
                    "InPlaceRemainder" => c.ctx_InPlaceRemainder,
                    "Divmod" => c.ctx_Divmod,
                    "Lshift" => c.ctx_Lshift,
                    "InPlaceLshift" => c.ctx_InPlaceLshift,
                    "Rshift" => c.ctx_Rshift,
                    "And" => c.ctx_And,
                    "InPlaceAnd" => c.ctx_InPlaceAnd,
                    "Xor" => c.ctx_Xor,
                    "Or" => c.ctx_Or,
                    other => panic!("no operation {other}"),
                };
                t.binary(f, a, b)
            }
            _ => panic!("bad case {op} {args:?}"),
        };
        t.check(&format!("{op}{args:?}"), got, want);
    }
    t.done();
}

/// What an `HPyLong_As*` returned, as Python would print it, or the error.
fn long_as(t: &mut T, i: usize, o: &Obj) -> String {
    let (c, p, x) = (t.c, t.p, h(o));
    // SAFETY: called as an extension calls them, with an open handle.
    let (v, err_value) = unsafe {
        match i {
            0 => {
                let r = (c.ctx_Long_AsInt32_t)(p, x);
                (r.to_string(), r == -1)
            }
            1 => {
                let r = (c.ctx_Long_AsUInt32_t)(p, x);
                (r.to_string(), r == u32::MAX)
            }
            2 => {
                let r = (c.ctx_Long_AsUInt32_tMask)(p, x);
                (r.to_string(), r == u32::MAX)
            }
            3 => {
                let r = (c.ctx_Long_AsInt64_t)(p, x);
                (r.to_string(), r == -1)
            }
            4 => {
                let r = (c.ctx_Long_AsUInt64_t)(p, x);
                (r.to_string(), r == u64::MAX)
            }
            5 => {
                let r = (c.ctx_Long_AsUInt64_tMask)(p, x);
                (r.to_string(), r == u64::MAX)
            }
            6 => {
                let r = (c.ctx_Long_AsSize_t)(p, x);
                (r.to_string(), r == usize::MAX)
            }
            7 => {
                let r = (c.ctx_Long_AsSsize_t)(p, x);
                (r.to_string(), r == -1)
            }
            8 => {
                let r = (c.ctx_Long_AsVoidPtr)(p, x);
                ((r as usize).to_string(), r.is_null())
            }
            _ => {
                let r = (c.ctx_Long_AsDouble)(p, x);
                (format!("{r:?}"), r == -1.0)
            }
        }
    };
    match t.rt.take_pending_error() {
        Some(e) => {
            assert!(err_value, "error without the error value");
            format!("!{}: {}", e.type_name, e.message)
        }
        None => v,
    }
}

fn long_conversions(run: Run) {
    let mut t = T::new(run);
    let names = [
        "AsInt32_t",
        "AsUInt32_t",
        "AsUInt32_tMask",
        "AsInt64_t",
        "AsUInt64_t",
        "AsUInt64_tMask",
        "AsSize_t",
        "AsSsize_t",
        "AsVoidPtr",
        "AsDouble",
    ];
    for (a, want) in LONG_AS {
        let o = t.obj(&lit(a));
        for (i, name) in names.iter().enumerate() {
            let got = long_as(&mut t, i, &o);
            let what = format!("HPyLong_{name}({a})");
            match expected(want[i]) {
                // Doubles compare by value: Rust and Python spell them differently.
                Ok(w) if i == 9 => {
                    assert_eq!(got.parse::<f64>().ok(), w.parse::<f64>().ok(), "{what}")
                }
                _ => assert_eq!(got, want[i], "{what}"),
            }
        }
    }
    t.done();
}

fn float_conversions_and_check(run: Run) {
    let mut t = T::new(run);
    let (c, p) = (t.c, t.p);
    for (a, want, check) in FLOAT_AS {
        let o = t.obj(&lit(a));
        // SAFETY: as an extension calls them.
        let (d, n) = unsafe {
            (
                (c.ctx_Float_AsDouble)(p, h(&o)),
                (c.ctx_Number_Check)(p, h(&o)),
            )
        };
        assert_eq!(n.to_string(), *check, "HPyNumber_Check({a})");
        match (expected(want), t.rt.take_pending_error()) {
            (Ok(w), None) => {
                let w: f64 = w.parse().unwrap();
                assert!(
                    d.to_bits() == w.to_bits() || (d.is_nan() && w.is_nan()),
                    "HPyFloat_AsDouble({a}) = {d:?}, want {w:?}"
                );
            }
            (Err((ty, msg)), Some(e)) => {
                assert_eq!(d, -1.0);
                assert_eq!((e.type_name.as_str(), e.message.as_str()), (ty, msg), "{a}");
            }
            (w, e) => panic!("HPyFloat_AsDouble({a}) = {d:?} / {e:?}, want {w:?}"),
        }
    }
    // The complex type counts as a number (there are no instances to pass: its type does not).
    // SAFETY: as above, with constant handles.
    unsafe {
        assert_eq!((c.ctx_Number_Check)(p, c.h_ComplexType), 0);
        assert_eq!((c.ctx_Number_Check)(p, c.h_True), 1);
        let b = (c.ctx_Bool_FromBool)(p, true);
        assert_eq!((c.ctx_Is)(p, b, c.h_True), 1);
        (c.ctx_Close)(p, b);
        let b = (c.ctx_Bool_FromBool)(p, false);
        assert_eq!((c.ctx_Is)(p, b, c.h_False), 1);
        (c.ctx_Close)(p, b);
    }
    t.done();
}

fn long_constructors(run: Run) {
    let mut t = T::new(run);
    let (c, p) = (t.c, t.p);
    // SAFETY: as an extension calls them; each result is taken over by an Obj.
    let made = unsafe {
        [
            ((c.ctx_Long_FromInt32_t)(p, i32::MIN), "-2147483648"),
            ((c.ctx_Long_FromUInt32_t)(p, u32::MAX), "4294967295"),
            (
                (c.ctx_Long_FromInt64_t)(p, i64::MIN),
                "-9223372036854775808",
            ),
            (
                (c.ctx_Long_FromUInt64_t)(p, u64::MAX),
                "18446744073709551615",
            ),
            (
                (c.ctx_Long_FromSize_t)(p, usize::MAX),
                "18446744073709551615",
            ),
            (
                (c.ctx_Long_FromSsize_t)(p, isize::MIN),
                "-9223372036854775808",
            ),
            ((c.ctx_Float_FromDouble)(p, -0.0), "-0.0"),
            ((c.ctx_Float_FromDouble)(p, f64::NAN), "nan"),
        ]
    };
    for (r, want) in made {
        let got = t.outcome(r);
        assert_eq!(got, want);
    }
    // Round trips across the 64-bit boundary.
    for v in [0u64, 1, i64::MAX as u64, 1 << 63, u64::MAX] {
        // SAFETY: as above.
        let back = unsafe {
            let r = (c.ctx_Long_FromUInt64_t)(p, v);
            let back = (c.ctx_Long_AsUInt64_t)(p, r);
            (c.ctx_Close)(p, r);
            back
        };
        assert_eq!(back, v);
    }
    t.done();
}

/// `+=` and `*=` on a list change the list and return it; on a tuple they make a new one.
fn list_in_place(run: Run) {
    let mut t = T::new(run);
    let (c, p) = (t.c, t.p);
    let l = t.obj(&lit("[1, 'x']"));
    let tu = t.obj(&lit("(2,)"));
    let two = t.obj(&lit("2"));
    // SAFETY: as an extension calls them.
    unsafe {
        let r = (c.ctx_InPlaceAdd)(p, h(&l), h(&tu));
        assert_eq!((c.ctx_Is)(p, r, h(&l)), 1);
        (c.ctx_Close)(p, r);
        // `l += l` doubles it.
        let r = (c.ctx_InPlaceAdd)(p, h(&l), h(&l));
        assert_eq!((c.ctx_Is)(p, r, h(&l)), 1);
        (c.ctx_Close)(p, r);
        let r = (c.ctx_InPlaceMultiply)(p, h(&l), h(&two));
        assert_eq!((c.ctx_Is)(p, r, h(&l)), 1);
        (c.ctx_Close)(p, r);
        let r = (c.ctx_InPlaceAdd)(p, h(&tu), h(&tu));
        assert_eq!((c.ctx_Is)(p, r, h(&tu)), 0);
        (c.ctx_Close)(p, r);
        // A plain `+` leaves both lists alone.
        let r = (c.ctx_Add)(p, h(&l), h(&l));
        assert_eq!((c.ctx_Is)(p, r, h(&l)), 0);
        (c.ctx_Close)(p, r);
    }
    assert_eq!(
        t.rt.repr(&l).unwrap(),
        "[1, 'x', 2, 1, 'x', 2, 1, 'x', 2, 1, 'x', 2]"
    );
    assert_eq!(t.rt.repr(&tu).unwrap(), "(2,)");
    let zero = t.obj(&lit("0"));
    // SAFETY: as above.
    unsafe {
        let r = (c.ctx_InPlaceMultiply)(p, h(&l), h(&zero));
        (c.ctx_Close)(p, r);
    }
    assert_eq!(t.rt.repr(&l).unwrap(), "[]");
    t.done();
}

/// Exact ints and floats come back as themselves from `+x`, `int(x)`, `float(x)` and
/// `operator.index(x)`; bools become ints.
fn identity_of_conversions(run: Run) {
    let mut t = T::new(run);
    let (c, p) = (t.c, t.p);
    let big = t.obj(&lit("18446744073709551617"));
    let f = t.obj(&lit("2.5"));
    // SAFETY: as an extension calls them.
    unsafe {
        for (func, o, same) in [
            (c.ctx_Positive as Unary, &big, 1),
            (c.ctx_Long, &big, 1),
            (c.ctx_Index, &big, 1),
            (c.ctx_Positive, &f, 1),
            (c.ctx_Float, &f, 1),
        ] {
            let r = func(p, h(o));
            assert_eq!((c.ctx_Is)(p, r, h(o)), same);
            (c.ctx_Close)(p, r);
        }
        let r = (c.ctx_Index)(p, c.h_True);
        assert_eq!((c.ctx_Is)(p, r, c.h_True), 0);
        assert_eq!((c.ctx_Long_AsInt64_t)(p, r), 1);
        (c.ctx_Close)(p, r);
        // `True & True` is the singleton.
        let r = (c.ctx_And)(p, c.h_True, c.h_True);
        assert_eq!((c.ctx_Is)(p, r, c.h_True), 1);
        (c.ctx_Close)(p, r);
    }
    t.done();
}

/// Too-long decimal conversions and huge results raise as CPython does, before any
/// memory for them is taken.
fn limits(run: Run) {
    let mut t = T::new(run);
    let c = t.c;
    let huge = Value::Int(BigInt::from(10).pow(5000u32));
    let fmt = t.obj(&lit("'%d'"));
    let x = t.obj(&huge);
    // SAFETY: as an extension calls it.
    let r = unsafe { (c.ctx_Remainder)(t.p, h(&fmt), h(&x)) };
    assert_eq!(
        t.outcome(r),
        "!ValueError: Exceeds the limit (4300 digits) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit"
    );
    let digits = Value::Str("1".repeat(5000));
    let s = t.obj(&digits);
    // SAFETY: as above.
    let r = unsafe { (c.ctx_Long)(t.p, h(&s)) };
    assert_eq!(
        t.outcome(r),
        "!ValueError: Exceeds the limit (4300 digits) for integer string conversion: value \
         has 5000 digits; use sys.set_int_max_str_digits() to increase the limit"
    );
    for (a, b, want) in [
        ("1", "9223372036854775808", "!MemoryError: "),
        ("1", "18446744073709551616", "!MemoryError: "),
        ("0", "18446744073709551616", "0"),
        ("-1", "18446744073709551616", "-1"),
    ] {
        let f = if want == "-1" {
            c.ctx_Rshift
        } else {
            c.ctx_Lshift
        };
        let got = t.binary(f, a, b);
        assert_eq!(got, want, "{a} shifted by {b}");
    }
    for (a, b, want) in [
        ("2", "18446744073709551616", "!MemoryError: "),
        ("-1", "18446744073709551617", "-1"),
        ("1", "18446744073709551617", "1"),
        ("0", "18446744073709551617", "0"),
    ] {
        let got = t.ternary(c.ctx_Power, a, b, "None");
        assert_eq!(got, want, "{a} ** {b}");
    }
    t.done();
}

/// A bad handle is a SystemError naming the member, never a crash.
fn bad_handles(run: Run) {
    let mut t = T::new(run);
    let (c, p) = (t.c, t.p);
    let bad = HPy { _i: 0x1234 };
    // SAFETY: a garbage handle is what is tested: the runtime rejects it.
    unsafe {
        assert_eq!((c.ctx_Add)(p, c.h_None, bad)._i, 0);
        let e = t.rt.take_pending_error().unwrap();
        assert!(
            e.is("SystemError") && e.message.starts_with("HPy_Add:"),
            "{e}"
        );
        assert_eq!((c.ctx_InPlacePower)(p, bad, c.h_None, c.h_None)._i, 0);
        let e = t.rt.take_pending_error().unwrap();
        assert!(e.message.starts_with("HPy_InPlacePower:"), "{e}");
        assert_eq!((c.ctx_Number_Check)(p, bad), -1);
        let e = t.rt.take_pending_error().unwrap();
        assert!(e.message.starts_with("HPyNumber_Check:"), "{e}");
    }
    t.done();
}

both_modes! {
    arithmetic_operators => arithmetic;
    bitwise_operators => bitwise;
    power_operator => power;
    unary_operators_and_conversions => unary_and_conversions;
    sequences_formatting_and_errors => misc;
    long_as_every_width => long_conversions;
    float_as_double_and_number_check => float_conversions_and_check;
    long_and_float_constructors => long_constructors;
    list_in_place_operators => list_in_place;
    exact_results_are_returned_unchanged => identity_of_conversions;
    limits_of_ints => limits;
    bad_handles_raise_system_error => bad_handles;
}

// ------------------------------------------------------------------ CPython 3.11.7's answers

/// (a, b, [a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b)])
#[rustfmt::skip]
const ARITH: &[(&str, &str, [&str; 7])] = &[
    ("0", "0", ["0", "0", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("0", "7", ["7", "-7", "0", "0.0", "0", "0", "(0, 0)"]),
    ("0", "-3", ["-3", "3", "0", "-0.0", "0", "0", "(0, 0)"]),
    ("0", "18446744073709551617", ["18446744073709551617", "-18446744073709551617", "0", "0.0", "0", "0", "(0, 0)"]),
    ("0", "-1180591620717411303424", ["-1180591620717411303424", "1180591620717411303424", "0", "-0.0", "0", "0", "(0, 0)"]),
    ("0", "True", ["1", "-1", "0", "0.0", "0", "0", "(0, 0)"]),
    ("0", "0.0", ["0.0", "0.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("0", "-0.0", ["0.0", "0.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("0", "2.5", ["2.5", "-2.5", "0.0", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0", "-1e+308", ["-1e+308", "1e+308", "-0.0", "-0.0", "-0.0", "-0.0", "(-0.0, -0.0)"]),
    ("0", "inf", ["inf", "-inf", "nan", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("7", "0", ["7", "7", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("7", "7", ["14", "0", "49", "1.0", "1", "0", "(1, 0)"]),
    ("7", "-3", ["4", "10", "-21", "-2.3333333333333335", "-3", "-2", "(-3, -2)"]),
    ("7", "18446744073709551617", ["18446744073709551624", "-18446744073709551610", "129127208515966861319", "3.7947076036992655e-19", "0", "7", "(0, 7)"]),
    ("7", "-1180591620717411303424", ["-1180591620717411303417", "1180591620717411303431", "-8264141345021879123968", "-5.929230630780102e-21", "-1", "-1180591620717411303417", "(-1, -1180591620717411303417)"]),
    ("7", "True", ["8", "6", "7", "7.0", "7", "0", "(7, 0)"]),
    ("7", "0.0", ["7.0", "7.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("7", "-0.0", ["7.0", "7.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("7", "2.5", ["9.5", "4.5", "17.5", "2.8", "2.0", "2.0", "(2.0, 2.0)"]),
    ("7", "-1e+308", ["-1e+308", "1e+308", "-inf", "-7e-308", "-1.0", "-1e+308", "(-1.0, -1e+308)"]),
    ("7", "inf", ["inf", "-inf", "inf", "0.0", "0.0", "7.0", "(0.0, 7.0)"]),
    ("7", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("-3", "0", ["-3", "-3", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("-3", "7", ["4", "-10", "-21", "-0.42857142857142855", "-1", "4", "(-1, 4)"]),
    ("-3", "-3", ["-6", "0", "9", "1.0", "1", "0", "(1, 0)"]),
    ("-3", "18446744073709551617", ["18446744073709551614", "-18446744073709551620", "-55340232221128654851", "-1.6263032587282567e-19", "-1", "18446744073709551614", "(-1, 18446744073709551614)"]),
    ("-3", "-1180591620717411303424", ["-1180591620717411303427", "1180591620717411303421", "3541774862152233910272", "2.541098841762901e-21", "0", "-3", "(0, -3)"]),
    ("-3", "True", ["-2", "-4", "-3", "-3.0", "-3", "0", "(-3, 0)"]),
    ("-3", "0.0", ["-3.0", "-3.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-3", "-0.0", ["-3.0", "-3.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-3", "2.5", ["-0.5", "-5.5", "-7.5", "-1.2", "-2.0", "2.0", "(-2.0, 2.0)"]),
    ("-3", "-1e+308", ["-1e+308", "1e+308", "inf", "2.9999999999999997e-308", "0.0", "-3.0", "(0.0, -3.0)"]),
    ("-3", "inf", ["inf", "-inf", "-inf", "-0.0", "-1.0", "inf", "(-1.0, inf)"]),
    ("-3", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("18446744073709551617", "0", ["18446744073709551617", "18446744073709551617", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("18446744073709551617", "7", ["18446744073709551624", "18446744073709551610", "129127208515966861319", "2.6352491533870787e+18", "2635249153387078802", "3", "(2635249153387078802, 3)"]),
    ("18446744073709551617", "-3", ["18446744073709551614", "18446744073709551620", "-55340232221128654851", "-6.148914691236517e+18", "-6148914691236517206", "-1", "(-6148914691236517206, -1)"]),
    ("18446744073709551617", "18446744073709551617", ["36893488147419103234", "0", "340282366920938463500268095579187314689", "1.0", "1", "0", "(1, 0)"]),
    ("18446744073709551617", "-1180591620717411303424", ["-1162144876643701751807", "1199038364791120855041", "-21778071482940061662836566496350576836608", "-0.015625", "-1", "-1162144876643701751807", "(-1, -1162144876643701751807)"]),
    ("18446744073709551617", "True", ["18446744073709551618", "18446744073709551616", "18446744073709551617", "1.8446744073709552e+19", "18446744073709551617", "0", "(18446744073709551617, 0)"]),
    ("18446744073709551617", "0.0", ["1.8446744073709552e+19", "1.8446744073709552e+19", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("18446744073709551617", "-0.0", ["1.8446744073709552e+19", "1.8446744073709552e+19", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("18446744073709551617", "2.5", ["1.8446744073709552e+19", "1.8446744073709552e+19", "4.611686018427388e+19", "7.378697629483821e+18", "7.378697629483821e+18", "1.0", "(7.378697629483821e+18, 1.0)"]),
    ("18446744073709551617", "-1e+308", ["-1e+308", "1e+308", "-inf", "-1.8446744073709552e-289", "-1.0", "-1e+308", "(-1.0, -1e+308)"]),
    ("18446744073709551617", "inf", ["inf", "-inf", "inf", "0.0", "0.0", "1.8446744073709552e+19", "(0.0, 1.8446744073709552e+19)"]),
    ("18446744073709551617", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("-1180591620717411303424", "0", ["-1180591620717411303424", "-1180591620717411303424", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("-1180591620717411303424", "7", ["-1180591620717411303417", "-1180591620717411303431", "-8264141345021879123968", "-1.6865594581677303e+20", "-168655945816773043347", "5", "(-168655945816773043347, 5)"]),
    ("-1180591620717411303424", "-3", ["-1180591620717411303427", "-1180591620717411303421", "3541774862152233910272", "3.935305402391371e+20", "393530540239137101141", "-1", "(393530540239137101141, -1)"]),
    ("-1180591620717411303424", "18446744073709551617", ["-1162144876643701751807", "-1199038364791120855041", "-21778071482940061662836566496350576836608", "-64.0", "-64", "64", "(-64, 64)"]),
    ("-1180591620717411303424", "-1180591620717411303424", ["-2361183241434822606848", "0", "1393796574908163946345982392040522594123776", "1.0", "1", "0", "(1, 0)"]),
    ("-1180591620717411303424", "True", ["-1180591620717411303423", "-1180591620717411303425", "-1180591620717411303424", "-1.1805916207174113e+21", "-1180591620717411303424", "0", "(-1180591620717411303424, 0)"]),
    ("-1180591620717411303424", "0.0", ["-1.1805916207174113e+21", "-1.1805916207174113e+21", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-1180591620717411303424", "-0.0", ["-1.1805916207174113e+21", "-1.1805916207174113e+21", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-1180591620717411303424", "2.5", ["-1.1805916207174113e+21", "-1.1805916207174113e+21", "-2.951479051793528e+21", "-4.7223664828696455e+20", "-4.7223664828696455e+20", "1.0", "(-4.7223664828696455e+20, 1.0)"]),
    ("-1180591620717411303424", "-1e+308", ["-1e+308", "1e+308", "inf", "1.1805916207174113e-287", "0.0", "-1.1805916207174113e+21", "(0.0, -1.1805916207174113e+21)"]),
    ("-1180591620717411303424", "inf", ["inf", "-inf", "-inf", "-0.0", "-1.0", "inf", "(-1.0, inf)"]),
    ("-1180591620717411303424", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("True", "0", ["1", "1", "0", "!ZeroDivisionError: division by zero", "!ZeroDivisionError: integer division or modulo by zero", "!ZeroDivisionError: integer modulo by zero", "!ZeroDivisionError: integer division or modulo by zero"]),
    ("True", "7", ["8", "-6", "7", "0.14285714285714285", "0", "1", "(0, 1)"]),
    ("True", "-3", ["-2", "4", "-3", "-0.3333333333333333", "-1", "-2", "(-1, -2)"]),
    ("True", "18446744073709551617", ["18446744073709551618", "-18446744073709551616", "18446744073709551617", "5.421010862427522e-20", "0", "1", "(0, 1)"]),
    ("True", "-1180591620717411303424", ["-1180591620717411303423", "1180591620717411303425", "-1180591620717411303424", "-8.470329472543003e-22", "-1", "-1180591620717411303423", "(-1, -1180591620717411303423)"]),
    ("True", "True", ["2", "0", "1", "1.0", "1", "0", "(1, 0)"]),
    ("True", "0.0", ["1.0", "1.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("True", "-0.0", ["1.0", "1.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("True", "2.5", ["3.5", "-1.5", "2.5", "0.4", "0.0", "1.0", "(0.0, 1.0)"]),
    ("True", "-1e+308", ["-1e+308", "1e+308", "-1e+308", "-1e-308", "-1.0", "-1e+308", "(-1.0, -1e+308)"]),
    ("True", "inf", ["inf", "-inf", "inf", "0.0", "0.0", "1.0", "(0.0, 1.0)"]),
    ("True", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("0.0", "0", ["0.0", "0.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("0.0", "7", ["7.0", "-7.0", "0.0", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0.0", "-3", ["-3.0", "3.0", "-0.0", "-0.0", "-0.0", "-0.0", "(-0.0, -0.0)"]),
    ("0.0", "18446744073709551617", ["1.8446744073709552e+19", "-1.8446744073709552e+19", "0.0", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0.0", "-1180591620717411303424", ["-1.1805916207174113e+21", "1.1805916207174113e+21", "-0.0", "-0.0", "-0.0", "-0.0", "(-0.0, -0.0)"]),
    ("0.0", "True", ["1.0", "-1.0", "0.0", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0.0", "0.0", ["0.0", "0.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("0.0", "-0.0", ["0.0", "0.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("0.0", "2.5", ["2.5", "-2.5", "0.0", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0.0", "-1e+308", ["-1e+308", "1e+308", "-0.0", "-0.0", "-0.0", "-0.0", "(-0.0, -0.0)"]),
    ("0.0", "inf", ["inf", "-inf", "nan", "0.0", "0.0", "0.0", "(0.0, 0.0)"]),
    ("0.0", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("-0.0", "0", ["0.0", "-0.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-0.0", "7", ["7.0", "-7.0", "-0.0", "-0.0", "-0.0", "0.0", "(-0.0, 0.0)"]),
    ("-0.0", "-3", ["-3.0", "3.0", "0.0", "0.0", "0.0", "-0.0", "(0.0, -0.0)"]),
    ("-0.0", "18446744073709551617", ["1.8446744073709552e+19", "-1.8446744073709552e+19", "-0.0", "-0.0", "-0.0", "0.0", "(-0.0, 0.0)"]),
    ("-0.0", "-1180591620717411303424", ["-1.1805916207174113e+21", "1.1805916207174113e+21", "0.0", "0.0", "0.0", "-0.0", "(0.0, -0.0)"]),
    ("-0.0", "True", ["1.0", "-1.0", "-0.0", "-0.0", "-0.0", "0.0", "(-0.0, 0.0)"]),
    ("-0.0", "0.0", ["0.0", "-0.0", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-0.0", "-0.0", ["-0.0", "0.0", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-0.0", "2.5", ["2.5", "-2.5", "-0.0", "-0.0", "-0.0", "0.0", "(-0.0, 0.0)"]),
    ("-0.0", "-1e+308", ["-1e+308", "1e+308", "0.0", "0.0", "0.0", "-0.0", "(0.0, -0.0)"]),
    ("-0.0", "inf", ["inf", "-inf", "nan", "-0.0", "-0.0", "0.0", "(-0.0, 0.0)"]),
    ("-0.0", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("2.5", "0", ["2.5", "2.5", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("2.5", "7", ["9.5", "-4.5", "17.5", "0.35714285714285715", "0.0", "2.5", "(0.0, 2.5)"]),
    ("2.5", "-3", ["-0.5", "5.5", "-7.5", "-0.8333333333333334", "-1.0", "-0.5", "(-1.0, -0.5)"]),
    ("2.5", "18446744073709551617", ["1.8446744073709552e+19", "-1.8446744073709552e+19", "4.611686018427388e+19", "1.3552527156068805e-19", "0.0", "2.5", "(0.0, 2.5)"]),
    ("2.5", "-1180591620717411303424", ["-1.1805916207174113e+21", "1.1805916207174113e+21", "-2.951479051793528e+21", "-2.117582368135751e-21", "-1.0", "-1.1805916207174113e+21", "(-1.0, -1.1805916207174113e+21)"]),
    ("2.5", "True", ["3.5", "1.5", "2.5", "2.5", "2.0", "0.5", "(2.0, 0.5)"]),
    ("2.5", "0.0", ["2.5", "2.5", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("2.5", "-0.0", ["2.5", "2.5", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("2.5", "2.5", ["5.0", "0.0", "6.25", "1.0", "1.0", "0.0", "(1.0, 0.0)"]),
    ("2.5", "-1e+308", ["-1e+308", "1e+308", "-inf", "-2.5e-308", "-1.0", "-1e+308", "(-1.0, -1e+308)"]),
    ("2.5", "inf", ["inf", "-inf", "inf", "0.0", "0.0", "2.5", "(0.0, 2.5)"]),
    ("2.5", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("-1e+308", "0", ["-1e+308", "-1e+308", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-1e+308", "7", ["-1e+308", "-1e+308", "-inf", "-1.4285714285714286e+307", "-1.4285714285714286e+307", "4.0", "(-1.4285714285714286e+307, 4.0)"]),
    ("-1e+308", "-3", ["-1e+308", "-1e+308", "inf", "3.333333333333333e+307", "3.333333333333333e+307", "-2.0", "(3.333333333333333e+307, -2.0)"]),
    ("-1e+308", "18446744073709551617", ["-1e+308", "-1e+308", "-inf", "-5.421010862427522e+288", "-5.421010862427522e+288", "0.0", "(-5.421010862427522e+288, 0.0)"]),
    ("-1e+308", "-1180591620717411303424", ["-1e+308", "-1e+308", "inf", "8.470329472543003e+286", "8.470329472543003e+286", "-0.0", "(8.470329472543003e+286, -0.0)"]),
    ("-1e+308", "True", ["-1e+308", "-1e+308", "-1e+308", "-1e+308", "-1e+308", "0.0", "(-1e+308, 0.0)"]),
    ("-1e+308", "0.0", ["-1e+308", "-1e+308", "-0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-1e+308", "-0.0", ["-1e+308", "-1e+308", "0.0", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("-1e+308", "2.5", ["-1e+308", "-1e+308", "-inf", "-4e+307", "-4e+307", "1.5", "(-4e+307, 1.5)"]),
    ("-1e+308", "-1e+308", ["-inf", "0.0", "inf", "1.0", "1.0", "-0.0", "(1.0, -0.0)"]),
    ("-1e+308", "inf", ["inf", "-inf", "-inf", "-0.0", "-1.0", "inf", "(-1.0, inf)"]),
    ("-1e+308", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("inf", "0", ["inf", "inf", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("inf", "7", ["inf", "inf", "inf", "inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "-3", ["inf", "inf", "-inf", "-inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "18446744073709551617", ["inf", "inf", "inf", "inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "-1180591620717411303424", ["inf", "inf", "-inf", "-inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "True", ["inf", "inf", "inf", "inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "0.0", ["inf", "inf", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("inf", "-0.0", ["inf", "inf", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("inf", "2.5", ["inf", "inf", "inf", "inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "-1e+308", ["inf", "inf", "-inf", "-inf", "nan", "nan", "(nan, nan)"]),
    ("inf", "inf", ["inf", "nan", "inf", "nan", "nan", "nan", "(nan, nan)"]),
    ("inf", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "0", ["nan", "nan", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("nan", "7", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "-3", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "18446744073709551617", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "-1180591620717411303424", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "True", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "0.0", ["nan", "nan", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("nan", "-0.0", ["nan", "nan", "nan", "!ZeroDivisionError: float division by zero", "!ZeroDivisionError: float floor division by zero", "!ZeroDivisionError: float modulo", "!ZeroDivisionError: float divmod()"]),
    ("nan", "2.5", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "-1e+308", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "inf", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
    ("nan", "nan", ["nan", "nan", "nan", "nan", "nan", "nan", "(nan, nan)"]),
];
/// (a, b, [a << b, a >> b, a & b, a ^ b, a | b])
#[rustfmt::skip]
const BITS: &[(&str, &str, [&str; 5])] = &[
    ("0", "0", ["0", "0", "0", "0", "0"]),
    ("0", "5", ["0", "0", "0", "5", "5"]),
    ("0", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-7", "-7"]),
    ("0", "63", ["0", "0", "0", "63", "63"]),
    ("0", "18446744073709551617", ["0", "0", "0", "18446744073709551617", "18446744073709551617"]),
    ("0", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1180591620717411303424", "-1180591620717411303424"]),
    ("0", "True", ["0", "0", "0", "1", "1"]),
    ("0", "False", ["0", "0", "0", "0", "0"]),
    ("5", "0", ["5", "5", "0", "5", "5"]),
    ("5", "5", ["160", "0", "5", "0", "5"]),
    ("5", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "1", "-4", "-3"]),
    ("5", "63", ["46116860184273879040", "0", "5", "58", "63"]),
    ("5", "18446744073709551617", ["!MemoryError: ", "0", "1", "18446744073709551620", "18446744073709551621"]),
    ("5", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1180591620717411303419", "-1180591620717411303419"]),
    ("5", "True", ["10", "2", "1", "4", "5"]),
    ("5", "False", ["5", "5", "0", "5", "5"]),
    ("-7", "0", ["-7", "-7", "0", "-7", "-7"]),
    ("-7", "5", ["-224", "-1", "1", "-4", "-3"]),
    ("-7", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "-7", "0", "-7"]),
    ("-7", "63", ["-64563604257983430656", "-1", "57", "-58", "-1"]),
    ("-7", "18446744073709551617", ["!MemoryError: ", "-1", "18446744073709551617", "-18446744073709551624", "-7"]),
    ("-7", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "-1180591620717411303424", "1180591620717411303417", "-7"]),
    ("-7", "True", ["-14", "-4", "1", "-8", "-7"]),
    ("-7", "False", ["-7", "-7", "0", "-7", "-7"]),
    ("63", "0", ["63", "63", "0", "63", "63"]),
    ("63", "5", ["2016", "1", "5", "58", "63"]),
    ("63", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "57", "-58", "-1"]),
    ("63", "63", ["581072438321850875904", "0", "63", "0", "63"]),
    ("63", "18446744073709551617", ["!MemoryError: ", "0", "1", "18446744073709551678", "18446744073709551679"]),
    ("63", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1180591620717411303361", "-1180591620717411303361"]),
    ("63", "True", ["126", "31", "1", "62", "63"]),
    ("63", "False", ["63", "63", "0", "63", "63"]),
    ("18446744073709551617", "0", ["18446744073709551617", "18446744073709551617", "0", "18446744073709551617", "18446744073709551617"]),
    ("18446744073709551617", "5", ["590295810358705651744", "576460752303423488", "1", "18446744073709551620", "18446744073709551621"]),
    ("18446744073709551617", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "18446744073709551617", "-18446744073709551624", "-7"]),
    ("18446744073709551617", "63", ["170141183460469231740910675752738881536", "2", "1", "18446744073709551678", "18446744073709551679"]),
    ("18446744073709551617", "18446744073709551617", ["!MemoryError: ", "0", "18446744073709551617", "0", "18446744073709551617"]),
    ("18446744073709551617", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1162144876643701751807", "-1162144876643701751807"]),
    ("18446744073709551617", "True", ["36893488147419103234", "9223372036854775808", "1", "18446744073709551616", "18446744073709551617"]),
    ("18446744073709551617", "False", ["18446744073709551617", "18446744073709551617", "0", "18446744073709551617", "18446744073709551617"]),
    ("-1180591620717411303424", "0", ["-1180591620717411303424", "-1180591620717411303424", "0", "-1180591620717411303424", "-1180591620717411303424"]),
    ("-1180591620717411303424", "5", ["-37778931862957161709568", "-36893488147419103232", "0", "-1180591620717411303419", "-1180591620717411303419"]),
    ("-1180591620717411303424", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "-1180591620717411303424", "1180591620717411303417", "-7"]),
    ("-1180591620717411303424", "63", ["-10889035741470030830827987437816582766592", "-128", "0", "-1180591620717411303361", "-1180591620717411303361"]),
    ("-1180591620717411303424", "18446744073709551617", ["!MemoryError: ", "-1", "0", "-1162144876643701751807", "-1162144876643701751807"]),
    ("-1180591620717411303424", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "-1180591620717411303424", "0", "-1180591620717411303424"]),
    ("-1180591620717411303424", "True", ["-2361183241434822606848", "-590295810358705651712", "0", "-1180591620717411303423", "-1180591620717411303423"]),
    ("-1180591620717411303424", "False", ["-1180591620717411303424", "-1180591620717411303424", "0", "-1180591620717411303424", "-1180591620717411303424"]),
    ("True", "0", ["1", "1", "0", "1", "1"]),
    ("True", "5", ["32", "0", "1", "4", "5"]),
    ("True", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "1", "-8", "-7"]),
    ("True", "63", ["9223372036854775808", "0", "1", "62", "63"]),
    ("True", "18446744073709551617", ["!MemoryError: ", "0", "1", "18446744073709551616", "18446744073709551617"]),
    ("True", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1180591620717411303423", "-1180591620717411303423"]),
    ("True", "True", ["2", "0", "True", "False", "True"]),
    ("True", "False", ["1", "1", "False", "True", "True"]),
    ("False", "0", ["0", "0", "0", "0", "0"]),
    ("False", "5", ["0", "0", "0", "5", "5"]),
    ("False", "-7", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-7", "-7"]),
    ("False", "63", ["0", "0", "0", "63", "63"]),
    ("False", "18446744073709551617", ["0", "0", "0", "18446744073709551617", "18446744073709551617"]),
    ("False", "-1180591620717411303424", ["!ValueError: negative shift count", "!ValueError: negative shift count", "0", "-1180591620717411303424", "-1180591620717411303424"]),
    ("False", "True", ["0", "0", "False", "True", "True"]),
    ("False", "False", ["0", "0", "False", "False", "False"]),
];
/// (a, b, a ** b); `complex` where CPython's result is a complex number
#[rustfmt::skip]
const POW: &[(&str, &str, &str)] = &[
    ("0", "0", "1"),
    ("0", "1", "0"),
    ("0", "3", "0"),
    ("0", "-1", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0", "-3", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0", "0.5", "0.0"),
    ("0", "-0.5", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0", "2.0", "0.0"),
    ("0", "-3.0", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0", "inf", "0.0"),
    ("0", "-inf", "inf"),
    ("0", "nan", "nan"),
    ("2", "0", "1"),
    ("2", "1", "2"),
    ("2", "3", "8"),
    ("2", "-1", "0.5"),
    ("2", "-3", "0.125"),
    ("2", "0.5", "1.4142135623730951"),
    ("2", "-0.5", "0.7071067811865476"),
    ("2", "2.0", "4.0"),
    ("2", "-3.0", "0.125"),
    ("2", "inf", "inf"),
    ("2", "-inf", "0.0"),
    ("2", "nan", "nan"),
    ("-2", "0", "1"),
    ("-2", "1", "-2"),
    ("-2", "3", "-8"),
    ("-2", "-1", "-0.5"),
    ("-2", "-3", "-0.125"),
    ("-2", "0.5", "(8.659560562354934e-17+1.4142135623730951j)"),
    ("-2", "-0.5", "(4.329780281177467e-17-0.7071067811865476j)"),
    ("-2", "2.0", "4.0"),
    ("-2", "-3.0", "-0.125"),
    ("-2", "inf", "inf"),
    ("-2", "-inf", "0.0"),
    ("-2", "nan", "nan"),
    ("7", "0", "1"),
    ("7", "1", "7"),
    ("7", "3", "343"),
    ("7", "-1", "0.14285714285714285"),
    ("7", "-3", "0.0029154518950437317"),
    ("7", "0.5", "2.6457513110645907"),
    ("7", "-0.5", "0.37796447300922725"),
    ("7", "2.0", "49.0"),
    ("7", "-3.0", "0.0029154518950437317"),
    ("7", "inf", "inf"),
    ("7", "-inf", "0.0"),
    ("7", "nan", "nan"),
    ("18446744073709551617", "0", "1"),
    ("18446744073709551617", "1", "18446744073709551617"),
    ("18446744073709551617", "3", "6277101735386680764856636523970481806547819498980467802113"),
    ("18446744073709551617", "-1", "5.421010862427522e-20"),
    ("18446744073709551617", "-3", "1.5930919111324523e-58"),
    ("18446744073709551617", "0.5", "4294967296.0"),
    ("18446744073709551617", "-0.5", "2.3283064365386963e-10"),
    ("18446744073709551617", "2.0", "3.402823669209385e+38"),
    ("18446744073709551617", "-3.0", "1.5930919111324523e-58"),
    ("18446744073709551617", "inf", "inf"),
    ("18446744073709551617", "-inf", "0.0"),
    ("18446744073709551617", "nan", "nan"),
    ("True", "0", "1"),
    ("True", "1", "1"),
    ("True", "3", "1"),
    ("True", "-1", "1.0"),
    ("True", "-3", "1.0"),
    ("True", "0.5", "1.0"),
    ("True", "-0.5", "1.0"),
    ("True", "2.0", "1.0"),
    ("True", "-3.0", "1.0"),
    ("True", "inf", "1.0"),
    ("True", "-inf", "1.0"),
    ("True", "nan", "1.0"),
    ("0.0", "0", "1.0"),
    ("0.0", "1", "0.0"),
    ("0.0", "3", "0.0"),
    ("0.0", "-1", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0.0", "-3", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0.0", "0.5", "0.0"),
    ("0.0", "-0.5", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0.0", "2.0", "0.0"),
    ("0.0", "-3.0", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("0.0", "inf", "0.0"),
    ("0.0", "-inf", "inf"),
    ("0.0", "nan", "nan"),
    ("-0.0", "0", "1.0"),
    ("-0.0", "1", "-0.0"),
    ("-0.0", "3", "-0.0"),
    ("-0.0", "-1", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("-0.0", "-3", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("-0.0", "0.5", "0.0"),
    ("-0.0", "-0.5", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("-0.0", "2.0", "0.0"),
    ("-0.0", "-3.0", "!ZeroDivisionError: 0.0 cannot be raised to a negative power"),
    ("-0.0", "inf", "0.0"),
    ("-0.0", "-inf", "inf"),
    ("-0.0", "nan", "nan"),
    ("2.5", "0", "1.0"),
    ("2.5", "1", "2.5"),
    ("2.5", "3", "15.625"),
    ("2.5", "-1", "0.4"),
    ("2.5", "-3", "0.064"),
    ("2.5", "0.5", "1.5811388300841898"),
    ("2.5", "-0.5", "0.6324555320336759"),
    ("2.5", "2.0", "6.25"),
    ("2.5", "-3.0", "0.064"),
    ("2.5", "inf", "inf"),
    ("2.5", "-inf", "0.0"),
    ("2.5", "nan", "nan"),
    ("-2.5", "0", "1.0"),
    ("-2.5", "1", "-2.5"),
    ("-2.5", "3", "-15.625"),
    ("-2.5", "-1", "-0.4"),
    ("-2.5", "-3", "-0.064"),
    ("-2.5", "0.5", "(9.681683036350969e-17+1.5811388300841898j)"),
    ("-2.5", "-0.5", "(3.8726732145403873e-17-0.6324555320336759j)"),
    ("-2.5", "2.0", "6.25"),
    ("-2.5", "-3.0", "-0.064"),
    ("-2.5", "inf", "inf"),
    ("-2.5", "-inf", "0.0"),
    ("-2.5", "nan", "nan"),
    ("inf", "0", "1.0"),
    ("inf", "1", "inf"),
    ("inf", "3", "inf"),
    ("inf", "-1", "0.0"),
    ("inf", "-3", "0.0"),
    ("inf", "0.5", "inf"),
    ("inf", "-0.5", "0.0"),
    ("inf", "2.0", "inf"),
    ("inf", "-3.0", "0.0"),
    ("inf", "inf", "inf"),
    ("inf", "-inf", "0.0"),
    ("inf", "nan", "nan"),
    ("-inf", "0", "1.0"),
    ("-inf", "1", "-inf"),
    ("-inf", "3", "-inf"),
    ("-inf", "-1", "-0.0"),
    ("-inf", "-3", "-0.0"),
    ("-inf", "0.5", "inf"),
    ("-inf", "-0.5", "0.0"),
    ("-inf", "2.0", "inf"),
    ("-inf", "-3.0", "-0.0"),
    ("-inf", "inf", "inf"),
    ("-inf", "-inf", "0.0"),
    ("-inf", "nan", "nan"),
    ("nan", "0", "1.0"),
    ("nan", "1", "nan"),
    ("nan", "3", "nan"),
    ("nan", "-1", "nan"),
    ("nan", "-3", "nan"),
    ("nan", "0.5", "nan"),
    ("nan", "-0.5", "nan"),
    ("nan", "2.0", "nan"),
    ("nan", "-3.0", "nan"),
    ("nan", "inf", "nan"),
    ("nan", "-inf", "nan"),
    ("nan", "nan", "nan"),
    ("1e+308", "0", "1.0"),
    ("1e+308", "1", "1e+308"),
    ("1e+308", "3", "!OverflowError: (34, 'Numerical result out of range')"),
    ("1e+308", "-1", "1e-308"),
    ("1e+308", "-3", "0.0"),
    ("1e+308", "0.5", "1e+154"),
    ("1e+308", "-0.5", "1e-154"),
    ("1e+308", "2.0", "!OverflowError: (34, 'Numerical result out of range')"),
    ("1e+308", "-3.0", "0.0"),
    ("1e+308", "inf", "inf"),
    ("1e+308", "-inf", "0.0"),
    ("1e+308", "nan", "nan"),
];
/// (a, [-a, +a, abs(a), ~a, operator.index(a), int(a), float(a)])
#[rustfmt::skip]
const UNARY: &[(&str, [&str; 7])] = &[
    ("0", ["0", "0", "0", "-1", "0", "0", "0.0"]),
    ("7", ["-7", "7", "7", "-8", "7", "7", "7.0"]),
    ("-3", ["3", "-3", "3", "2", "-3", "-3", "-3.0"]),
    ("9223372036854775808", ["-9223372036854775808", "9223372036854775808", "9223372036854775808", "-9223372036854775809", "9223372036854775808", "9223372036854775808", "9.223372036854776e+18"]),
    ("-9223372036854775808", ["9223372036854775808", "-9223372036854775808", "9223372036854775808", "9223372036854775807", "-9223372036854775808", "-9223372036854775808", "-9.223372036854776e+18"]),
    ("18446744073709551617", ["-18446744073709551617", "18446744073709551617", "18446744073709551617", "-18446744073709551618", "18446744073709551617", "18446744073709551617", "1.8446744073709552e+19"]),
    ("-1180591620717411303424", ["1180591620717411303424", "-1180591620717411303424", "1180591620717411303424", "1180591620717411303423", "-1180591620717411303424", "-1180591620717411303424", "-1.1805916207174113e+21"]),
    ("True", ["-1", "1", "1", "-2", "1", "1", "1.0"]),
    ("False", ["0", "0", "0", "-1", "0", "0", "0.0"]),
    ("0.0", ["-0.0", "0.0", "0.0", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "0", "0.0"]),
    ("-0.0", ["0.0", "-0.0", "0.0", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "0", "-0.0"]),
    ("2.5", ["-2.5", "2.5", "2.5", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "2", "2.5"]),
    ("-1e+308", ["1e+308", "-1e+308", "1e+308", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "-100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336", "-1e+308"]),
    ("inf", ["-inf", "inf", "inf", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "!OverflowError: cannot convert float infinity to integer", "inf"]),
    ("-inf", ["inf", "-inf", "inf", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "!OverflowError: cannot convert float infinity to integer", "-inf"]),
    ("nan", ["nan", "nan", "nan", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "!ValueError: cannot convert float NaN to integer", "nan"]),
    ("1e+300", ["-1e+300", "1e+300", "1e+300", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160", "1e+300"]),
    ("-3.9", ["3.9", "-3.9", "3.9", "!TypeError: bad operand type for unary ~: 'float'", "!TypeError: 'float' object cannot be interpreted as an integer", "-3", "-3.9"]),
    ("'12'", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "12", "12.0"]),
    ("' -12 '", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "-12", "-12.0"]),
    ("'1_000'", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "1000", "1000.0"]),
    ("'1.5'", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "!ValueError: invalid literal for int() with base 10: '1.5'", "1.5"]),
    ("'abc'", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "!ValueError: invalid literal for int() with base 10: 'abc'", "!ValueError: could not convert string to float: 'abc'"]),
    ("'0x10'", ["!TypeError: bad operand type for unary -: 'str'", "!TypeError: bad operand type for unary +: 'str'", "!TypeError: bad operand type for abs(): 'str'", "!TypeError: bad operand type for unary ~: 'str'", "!TypeError: 'str' object cannot be interpreted as an integer", "!ValueError: invalid literal for int() with base 10: '0x10'", "!ValueError: could not convert string to float: '0x10'"]),
    ("b'42'", ["!TypeError: bad operand type for unary -: 'bytes'", "!TypeError: bad operand type for unary +: 'bytes'", "!TypeError: bad operand type for abs(): 'bytes'", "!TypeError: bad operand type for unary ~: 'bytes'", "!TypeError: 'bytes' object cannot be interpreted as an integer", "42", "42.0"]),
    ("b'4_2'", ["!TypeError: bad operand type for unary -: 'bytes'", "!TypeError: bad operand type for unary +: 'bytes'", "!TypeError: bad operand type for abs(): 'bytes'", "!TypeError: bad operand type for unary ~: 'bytes'", "!TypeError: 'bytes' object cannot be interpreted as an integer", "42", "42.0"]),
    ("None", ["!TypeError: bad operand type for unary -: 'NoneType'", "!TypeError: bad operand type for unary +: 'NoneType'", "!TypeError: bad operand type for abs(): 'NoneType'", "!TypeError: bad operand type for unary ~: 'NoneType'", "!TypeError: 'NoneType' object cannot be interpreted as an integer", "!TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'", "!TypeError: float() argument must be a string or a real number, not 'NoneType'"]),
];
/// (a, [HPyLong_AsInt32_t(a), AsUInt32_t, AsUInt32_tMask, AsInt64_t, AsUInt64_t, AsUInt64_tMask, AsSize_t, AsSsize_t, AsVoidPtr, AsDouble])
#[rustfmt::skip]
const LONG_AS: &[(&str, [&str; 10])] = &[
    ("0", ["0", "0", "0", "0", "0", "0", "0", "0", "0", "0.0"]),
    ("-1", ["-1", "!OverflowError: can't convert negative value to unsigned int", "4294967295", "-1", "!OverflowError: can't convert negative int to unsigned", "18446744073709551615", "!OverflowError: can't convert negative value to size_t", "-1", "18446744073709551615", "-1.0"]),
    ("2147483647", ["2147483647", "2147483647", "2147483647", "2147483647", "2147483647", "2147483647", "2147483647", "2147483647", "2147483647", "2147483647.0"]),
    ("2147483648", ["!OverflowError: Python int too large to convert to C int32_t", "2147483648", "2147483648", "2147483648", "2147483648", "2147483648", "2147483648", "2147483648", "2147483648", "2147483648.0"]),
    ("-2147483648", ["-2147483648", "!OverflowError: can't convert negative value to unsigned int", "2147483648", "-2147483648", "!OverflowError: can't convert negative int to unsigned", "18446744071562067968", "!OverflowError: can't convert negative value to size_t", "-2147483648", "18446744071562067968", "-2147483648.0"]),
    ("-2147483649", ["!OverflowError: Python int too large to convert to C int32_t", "!OverflowError: can't convert negative value to unsigned int", "2147483647", "-2147483649", "!OverflowError: can't convert negative int to unsigned", "18446744071562067967", "!OverflowError: can't convert negative value to size_t", "-2147483649", "18446744071562067967", "-2147483649.0"]),
    ("4294967295", ["!OverflowError: Python int too large to convert to C int32_t", "4294967295", "4294967295", "4294967295", "4294967295", "4294967295", "4294967295", "4294967295", "4294967295", "4294967295.0"]),
    ("4294967296", ["!OverflowError: Python int too large to convert to C int32_t", "!OverflowError: Python int too large to convert to C uint32_t", "0", "4294967296", "4294967296", "4294967296", "4294967296", "4294967296", "4294967296", "4294967296.0"]),
    ("9223372036854775807", ["!OverflowError: Python int too large to convert to C int32_t", "!OverflowError: Python int too large to convert to C uint32_t", "4294967295", "9223372036854775807", "9223372036854775807", "9223372036854775807", "9223372036854775807", "9223372036854775807", "9223372036854775807", "9.223372036854776e+18"]),
    ("9223372036854775808", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: Python int too large to convert to C uint32_t", "0", "!OverflowError: int too big to convert", "9223372036854775808", "9223372036854775808", "9223372036854775808", "!OverflowError: Python int too large to convert to C ssize_t", "9223372036854775808", "9.223372036854776e+18"]),
    ("-9223372036854775808", ["!OverflowError: Python int too large to convert to C int32_t", "!OverflowError: can't convert negative value to unsigned int", "0", "-9223372036854775808", "!OverflowError: can't convert negative int to unsigned", "9223372036854775808", "!OverflowError: can't convert negative value to size_t", "-9223372036854775808", "9223372036854775808", "-9.223372036854776e+18"]),
    ("-9223372036854775809", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: can't convert negative value to unsigned int", "4294967295", "!OverflowError: int too big to convert", "!OverflowError: can't convert negative int to unsigned", "9223372036854775807", "!OverflowError: can't convert negative value to size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C long", "-9.223372036854776e+18"]),
    ("18446744073709551615", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: Python int too large to convert to C uint32_t", "4294967295", "!OverflowError: int too big to convert", "18446744073709551615", "18446744073709551615", "18446744073709551615", "!OverflowError: Python int too large to convert to C ssize_t", "18446744073709551615", "1.8446744073709552e+19"]),
    ("18446744073709551616", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: Python int too large to convert to C unsigned long", "0", "!OverflowError: int too big to convert", "!OverflowError: int too big to convert", "0", "!OverflowError: Python int too large to convert to C size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C unsigned long", "1.8446744073709552e+19"]),
    ("-18446744073709551616", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: can't convert negative value to unsigned int", "0", "!OverflowError: int too big to convert", "!OverflowError: can't convert negative int to unsigned", "0", "!OverflowError: can't convert negative value to size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C long", "-1.8446744073709552e+19"]),
    ("1267650600228229401496703205381", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: Python int too large to convert to C unsigned long", "5", "!OverflowError: int too big to convert", "!OverflowError: int too big to convert", "5", "!OverflowError: Python int too large to convert to C size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C unsigned long", "1.2676506002282294e+30"]),
    ("-1267650600228229401496703205381", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: can't convert negative value to unsigned int", "4294967291", "!OverflowError: int too big to convert", "!OverflowError: can't convert negative int to unsigned", "18446744073709551611", "!OverflowError: can't convert negative value to size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C long", "-1.2676506002282294e+30"]),
    ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", ["!OverflowError: Python int too large to convert to C long", "!OverflowError: Python int too large to convert to C unsigned long", "0", "!OverflowError: int too big to convert", "!OverflowError: int too big to convert", "0", "!OverflowError: Python int too large to convert to C size_t", "!OverflowError: Python int too large to convert to C ssize_t", "!OverflowError: Python int too large to convert to C unsigned long", "!OverflowError: int too large to convert to float"]),
    ("True", ["1", "1", "1", "1", "1", "1", "1", "1", "1", "1.0"]),
    ("1.5", ["!TypeError: 'float' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'float' object cannot be interpreted as an integer", "!TypeError: 'float' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'float' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required"]),
    ("'7'", ["!TypeError: 'str' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'str' object cannot be interpreted as an integer", "!TypeError: 'str' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'str' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required"]),
    ("None", ["!TypeError: 'NoneType' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'NoneType' object cannot be interpreted as an integer", "!TypeError: 'NoneType' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: 'NoneType' object cannot be interpreted as an integer", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required", "!TypeError: an integer is required"]),
];
/// (a, HPyFloat_AsDouble(a), HPyNumber_Check(a))
#[rustfmt::skip]
const FLOAT_AS: &[(&str, &str, &str)] = &[
    ("0", "0.0", "1"),
    ("-5", "-5.0", "1"),
    ("18446744073709551616", "1.8446744073709552e+19", "1"),
    ("179769313486231590772930519078902473361797697894230657273430081157732675805500963132708477322407536021120113879871393357658789768814416622492847430639474124377767893424865485276302219601246094119453082952085005768838150682342462881473913110540827237163350510684586298239947245938479716304835356329624224137216", "!OverflowError: int too large to convert to float", "1"),
    ("True", "1.0", "1"),
    ("0.0", "0.0", "1"),
    ("-0.0", "-0.0", "1"),
    ("1.5", "1.5", "1"),
    ("inf", "inf", "1"),
    ("nan", "nan", "1"),
    ("'1.5'", "!TypeError: must be real number, not str", "0"),
    ("b'x'", "!TypeError: must be real number, not bytes", "0"),
    ("None", "!TypeError: must be real number, not NoneType", "0"),
];
/// (operation, operands, outcome)
#[rustfmt::skip]
const MISC: &[(&str, &[&str], &str)] = &[
    ("Add", &["'ab'", "'cd'"], "'abcd'"),
    ("InPlaceAdd", &["'ab'", "'cd'"], "'abcd'"),
    ("Add", &["'é'", "'漢字'"], "'é漢字'"),
    ("InPlaceAdd", &["'é'", "'漢字'"], "'é漢字'"),
    ("Add", &["''", "''"], "''"),
    ("InPlaceAdd", &["''", "''"], "''"),
    ("Add", &["'a'", "1"], "!TypeError: can only concatenate str (not \"int\") to str"),
    ("InPlaceAdd", &["'a'", "1"], "!TypeError: can only concatenate str (not \"int\") to str"),
    ("Add", &["b'ab'", "b'\\x00c'"], "b'ab\\x00c'"),
    ("InPlaceAdd", &["b'ab'", "b'\\x00c'"], "b'ab\\x00c'"),
    ("Add", &["b'a'", "'a'"], "!TypeError: can't concat str to bytes"),
    ("InPlaceAdd", &["b'a'", "'a'"], "!TypeError: can't concat str to bytes"),
    ("Add", &["(1, 'x')", "(2.5,)"], "(1, 'x', 2.5)"),
    ("InPlaceAdd", &["(1, 'x')", "(2.5,)"], "(1, 'x', 2.5)"),
    ("Add", &["()", "()"], "()"),
    ("InPlaceAdd", &["()", "()"], "()"),
    ("Add", &["(1,)", "[1]"], "!TypeError: can only concatenate tuple (not \"list\") to tuple"),
    ("InPlaceAdd", &["(1,)", "[1]"], "!TypeError: can only concatenate tuple (not \"list\") to tuple"),
    ("Add", &["[1, 'x']", "[None]"], "[1, 'x', None]"),
    ("InPlaceAdd", &["[1, 'x']", "[None]"], "[1, 'x', None]"),
    ("Add", &["[1]", "(1,)"], "!TypeError: can only concatenate list (not \"tuple\") to list"),
    ("InPlaceAdd", &["[1]", "(1,)"], "[1, 1]"),
    ("Add", &["1", "'a'"], "!TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
    ("InPlaceAdd", &["1", "'a'"], "!TypeError: unsupported operand type(s) for +=: 'int' and 'str'"),
    ("Add", &["None", "None"], "!TypeError: unsupported operand type(s) for +: 'NoneType' and 'NoneType'"),
    ("InPlaceAdd", &["None", "None"], "!TypeError: unsupported operand type(s) for +=: 'NoneType' and 'NoneType'"),
    ("Add", &["1", "[1]"], "!TypeError: unsupported operand type(s) for +: 'int' and 'list'"),
    ("InPlaceAdd", &["1", "[1]"], "!TypeError: unsupported operand type(s) for +=: 'int' and 'list'"),
    ("Add", &["2.5", "(1,)"], "!TypeError: unsupported operand type(s) for +: 'float' and 'tuple'"),
    ("InPlaceAdd", &["2.5", "(1,)"], "!TypeError: unsupported operand type(s) for +=: 'float' and 'tuple'"),
    ("Multiply", &["'ab'", "3"], "'ababab'"),
    ("InPlaceMultiply", &["'ab'", "3"], "'ababab'"),
    ("Multiply", &["3", "'ab'"], "'ababab'"),
    ("InPlaceMultiply", &["3", "'ab'"], "'ababab'"),
    ("Multiply", &["'ab'", "0"], "''"),
    ("InPlaceMultiply", &["'ab'", "0"], "''"),
    ("Multiply", &["'ab'", "-2"], "''"),
    ("InPlaceMultiply", &["'ab'", "-2"], "''"),
    ("Multiply", &["'ab'", "True"], "'ab'"),
    ("InPlaceMultiply", &["'ab'", "True"], "'ab'"),
    ("Multiply", &["b'xy'", "2"], "b'xyxy'"),
    ("InPlaceMultiply", &["b'xy'", "2"], "b'xyxy'"),
    ("Multiply", &["(1, 'a')", "2"], "(1, 'a', 1, 'a')"),
    ("InPlaceMultiply", &["(1, 'a')", "2"], "(1, 'a', 1, 'a')"),
    ("Multiply", &["2", "(1, 'a')"], "(1, 'a', 1, 'a')"),
    ("InPlaceMultiply", &["2", "(1, 'a')"], "(1, 'a', 1, 'a')"),
    ("Multiply", &["[1, 2]", "3"], "[1, 2, 1, 2, 1, 2]"),
    ("InPlaceMultiply", &["[1, 2]", "3"], "[1, 2, 1, 2, 1, 2]"),
    ("Multiply", &["3", "[None]"], "[None, None, None]"),
    ("InPlaceMultiply", &["3", "[None]"], "[None, None, None]"),
    ("Multiply", &["'a'", "2.0"], "!TypeError: can't multiply sequence by non-int of type 'float'"),
    ("InPlaceMultiply", &["'a'", "2.0"], "!TypeError: can't multiply sequence by non-int of type 'float'"),
    ("Multiply", &["2.0", "'a'"], "!TypeError: can't multiply sequence by non-int of type 'float'"),
    ("InPlaceMultiply", &["2.0", "'a'"], "!TypeError: can't multiply sequence by non-int of type 'float'"),
    ("Multiply", &["[1]", "[1]"], "!TypeError: can't multiply sequence by non-int of type 'list'"),
    ("InPlaceMultiply", &["[1]", "[1]"], "!TypeError: can't multiply sequence by non-int of type 'list'"),
    ("Multiply", &["'a'", "'b'"], "!TypeError: can't multiply sequence by non-int of type 'str'"),
    ("InPlaceMultiply", &["'a'", "'b'"], "!TypeError: can't multiply sequence by non-int of type 'str'"),
    ("Multiply", &["[1]", "18446744073709551616"], "!OverflowError: cannot fit 'int' into an index-sized integer"),
    ("InPlaceMultiply", &["[1]", "18446744073709551616"], "!OverflowError: cannot fit 'int' into an index-sized integer"),
    ("Multiply", &["-18446744073709551616", "[1]"], "!OverflowError: cannot fit 'int' into an index-sized integer"),
    ("InPlaceMultiply", &["-18446744073709551616", "[1]"], "!OverflowError: cannot fit 'int' into an index-sized integer"),
    ("Multiply", &["'ab'", "4611686018427387904"], "!OverflowError: repeated string is too long"),
    ("InPlaceMultiply", &["'ab'", "4611686018427387904"], "!OverflowError: repeated string is too long"),
    ("Multiply", &["'ab'", "2305843009213693952"], "!MemoryError: "),
    ("InPlaceMultiply", &["'ab'", "2305843009213693952"], "!MemoryError: "),
    ("Multiply", &["b'ab'", "4611686018427387904"], "!OverflowError: repeated bytes are too long"),
    ("InPlaceMultiply", &["b'ab'", "4611686018427387904"], "!OverflowError: repeated bytes are too long"),
    ("Multiply", &["(1, 2)", "4611686018427387904"], "!MemoryError: "),
    ("InPlaceMultiply", &["(1, 2)", "4611686018427387904"], "!MemoryError: "),
    ("Multiply", &["[1, 2]", "4611686018427387904"], "!MemoryError: "),
    ("InPlaceMultiply", &["[1, 2]", "4611686018427387904"], "!MemoryError: "),
    ("Multiply", &["[]", "4611686018427387904"], "[]"),
    ("InPlaceMultiply", &["[]", "4611686018427387904"], "[]"),
    ("Multiply", &["''", "9223372036854775807"], "''"),
    ("InPlaceMultiply", &["''", "9223372036854775807"], "''"),
    ("Multiply", &["None", "2"], "!TypeError: unsupported operand type(s) for *: 'NoneType' and 'int'"),
    ("InPlaceMultiply", &["None", "2"], "!TypeError: unsupported operand type(s) for *=: 'NoneType' and 'int'"),
    ("InPlaceAdd", &["[1]", "(2, 3)"], "[1, 2, 3]"),
    ("InPlaceAdd", &["[1]", "'ab'"], "[1, 'a', 'b']"),
    ("InPlaceAdd", &["[1]", "b'xy'"], "[1, 120, 121]"),
    ("InPlaceAdd", &["[1]", "{'k': 1}"], "[1, 'k']"),
    ("InPlaceAdd", &["[1]", "5"], "!TypeError: 'int' object is not iterable"),
    ("InPlaceAdd", &["[1]", "None"], "!TypeError: 'NoneType' object is not iterable"),
    ("InPlaceMultiply", &["[1, 2]", "2"], "[1, 2, 1, 2]"),
    ("InPlaceMultiply", &["[1, 2]", "0"], "[]"),
    ("InPlaceMultiply", &["[1, 2]", "-3"], "[]"),
    ("InPlaceMultiply", &["[1]", "2.0"], "!TypeError: can't multiply sequence by non-int of type 'float'"),
    ("MatrixMultiply", &["1", "2"], "!TypeError: unsupported operand type(s) for @: 'int' and 'int'"),
    ("InPlaceMatrixMultiply", &["1", "2"], "!TypeError: unsupported operand type(s) for @=: 'int' and 'int'"),
    ("MatrixMultiply", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for @: 'float' and 'float'"),
    ("InPlaceMatrixMultiply", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for @=: 'float' and 'float'"),
    ("MatrixMultiply", &["'a'", "'b'"], "!TypeError: unsupported operand type(s) for @: 'str' and 'str'"),
    ("InPlaceMatrixMultiply", &["'a'", "'b'"], "!TypeError: unsupported operand type(s) for @=: 'str' and 'str'"),
    ("Subtract", &["None", "1"], "!TypeError: unsupported operand type(s) for -: 'NoneType' and 'int'"),
    ("InPlaceSubtract", &["None", "1"], "!TypeError: unsupported operand type(s) for -=: 'NoneType' and 'int'"),
    ("TrueDivide", &["None", "1"], "!TypeError: unsupported operand type(s) for /: 'NoneType' and 'int'"),
    ("InPlaceTrueDivide", &["None", "1"], "!TypeError: unsupported operand type(s) for /=: 'NoneType' and 'int'"),
    ("FloorDivide", &["None", "1"], "!TypeError: unsupported operand type(s) for //: 'NoneType' and 'int'"),
    ("InPlaceFloorDivide", &["None", "1"], "!TypeError: unsupported operand type(s) for //=: 'NoneType' and 'int'"),
    ("Remainder", &["None", "1"], "!TypeError: unsupported operand type(s) for %: 'NoneType' and 'int'"),
    ("InPlaceRemainder", &["None", "1"], "!TypeError: unsupported operand type(s) for %=: 'NoneType' and 'int'"),
    ("Lshift", &["None", "1"], "!TypeError: unsupported operand type(s) for <<: 'NoneType' and 'int'"),
    ("InPlaceLshift", &["None", "1"], "!TypeError: unsupported operand type(s) for <<=: 'NoneType' and 'int'"),
    ("And", &["None", "1"], "!TypeError: unsupported operand type(s) for &: 'NoneType' and 'int'"),
    ("InPlaceAnd", &["None", "1"], "!TypeError: unsupported operand type(s) for &=: 'NoneType' and 'int'"),
    ("Divmod", &["None", "1"], "!TypeError: unsupported operand type(s) for divmod(): 'NoneType' and 'int'"),
    ("Power3", &["None", "1", "None"], "!TypeError: unsupported operand type(s) for ** or pow(): 'NoneType' and 'int'"),
    ("InPlacePower3", &["None", "1", "None"], "!TypeError: unsupported operand type(s) for **=: 'NoneType' and 'int'"),
    ("Lshift", &["1.5", "1"], "!TypeError: unsupported operand type(s) for <<: 'float' and 'int'"),
    ("Rshift", &["1.5", "1"], "!TypeError: unsupported operand type(s) for >>: 'float' and 'int'"),
    ("And", &["1.5", "1"], "!TypeError: unsupported operand type(s) for &: 'float' and 'int'"),
    ("Xor", &["1.5", "1"], "!TypeError: unsupported operand type(s) for ^: 'float' and 'int'"),
    ("Or", &["1.5", "1"], "!TypeError: unsupported operand type(s) for |: 'float' and 'int'"),
    ("Lshift", &["1", "1.5"], "!TypeError: unsupported operand type(s) for <<: 'int' and 'float'"),
    ("Rshift", &["1", "1.5"], "!TypeError: unsupported operand type(s) for >>: 'int' and 'float'"),
    ("And", &["1", "1.5"], "!TypeError: unsupported operand type(s) for &: 'int' and 'float'"),
    ("Xor", &["1", "1.5"], "!TypeError: unsupported operand type(s) for ^: 'int' and 'float'"),
    ("Or", &["1", "1.5"], "!TypeError: unsupported operand type(s) for |: 'int' and 'float'"),
    ("Lshift", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for <<: 'float' and 'float'"),
    ("Rshift", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for >>: 'float' and 'float'"),
    ("And", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for &: 'float' and 'float'"),
    ("Xor", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for ^: 'float' and 'float'"),
    ("Or", &["1.5", "2.5"], "!TypeError: unsupported operand type(s) for |: 'float' and 'float'"),
    ("FloorDivide", &["-9223372036854775808", "-1"], "9223372036854775808"),
    ("Remainder", &["-9223372036854775808", "-1"], "0"),
    ("Divmod", &["-9223372036854775808", "-1"], "(9223372036854775808, 0)"),
    ("Multiply", &["4611686018427387904", "2"], "9223372036854775808"),
    ("Add", &["9223372036854775807", "1"], "9223372036854775808"),
    ("Subtract", &["-9223372036854775808", "1"], "-9223372036854775809"),
    ("Multiply", &["-9223372036854775808", "-1"], "9223372036854775808"),
    ("Multiply", &["4294967296", "4294967296"], "18446744073709551616"),
    ("TrueDivide", &["9007199254740993", "1"], "9007199254740992.0"),
    ("TrueDivide", &["9223372036854775807", "9223372036854775805"], "1.0"),
    ("Lshift", &["1", "63"], "9223372036854775808"),
    ("Lshift", &["-1", "64"], "-18446744073709551616"),
    ("Rshift", &["-5", "1"], "-3"),
    ("Rshift", &["-9223372036854775808", "63"], "-1"),
    ("Power3", &["2", "10", "1000"], "24"),
    ("InPlacePower3", &["2", "10", "1000"], "24"),
    ("Power3", &["2", "100000000000000000000", "1000000007"], "855473248"),
    ("InPlacePower3", &["2", "100000000000000000000", "1000000007"], "855473248"),
    ("Power3", &["-2", "3", "5"], "2"),
    ("InPlacePower3", &["-2", "3", "5"], "2"),
    ("Power3", &["2", "3", "-5"], "-2"),
    ("InPlacePower3", &["2", "3", "-5"], "-2"),
    ("Power3", &["3", "-1", "7"], "5"),
    ("InPlacePower3", &["3", "-1", "7"], "5"),
    ("Power3", &["-2", "-1", "5"], "2"),
    ("InPlacePower3", &["-2", "-1", "5"], "2"),
    ("Power3", &["2", "-1", "-5"], "-2"),
    ("InPlacePower3", &["2", "-1", "-5"], "-2"),
    ("Power3", &["4", "-1", "8"], "!ValueError: base is not invertible for the given modulus"),
    ("InPlacePower3", &["4", "-1", "8"], "!ValueError: base is not invertible for the given modulus"),
    ("Power3", &["0", "-1", "1"], "0"),
    ("InPlacePower3", &["0", "-1", "1"], "0"),
    ("Power3", &["2", "3", "0"], "!ValueError: pow() 3rd argument cannot be 0"),
    ("InPlacePower3", &["2", "3", "0"], "!ValueError: pow() 3rd argument cannot be 0"),
    ("Power3", &["0", "0", "1"], "0"),
    ("InPlacePower3", &["0", "0", "1"], "0"),
    ("Power3", &["5", "2", "1"], "0"),
    ("InPlacePower3", &["5", "2", "1"], "0"),
    ("Power3", &["True", "True", "True"], "0"),
    ("InPlacePower3", &["True", "True", "True"], "0"),
    ("Power3", &["1267650600228229401496703205377", "1180591620717411303427", "18446744073709551629"], "8011784284259316114"),
    ("InPlacePower3", &["1267650600228229401496703205377", "1180591620717411303427", "18446744073709551629"], "8011784284259316114"),
    ("Power3", &["2", "3", "1.0"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("InPlacePower3", &["2", "3", "1.0"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("Power3", &["2.0", "3", "5"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("InPlacePower3", &["2.0", "3", "5"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("Power3", &["'a'", "2.0", "3"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("InPlacePower3", &["'a'", "2.0", "3"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("Power3", &["2", "'a'", "1.0"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("InPlacePower3", &["2", "'a'", "1.0"], "!TypeError: pow() 3rd argument not allowed unless all arguments are integers"),
    ("Power3", &["2", "3", "'a'"], "!TypeError: unsupported operand type(s) for ** or pow(): 'int', 'int', 'str'"),
    ("InPlacePower3", &["2", "3", "'a'"], "!TypeError: unsupported operand type(s) for **=: 'int', 'int', 'str'"),
    ("Power3", &["'a'", "2", "3"], "!TypeError: unsupported operand type(s) for ** or pow(): 'str', 'int', 'int'"),
    ("InPlacePower3", &["'a'", "2", "3"], "!TypeError: unsupported operand type(s) for **=: 'str', 'int', 'int'"),
    ("Power3", &["2", "-1", "4"], "!ValueError: base is not invertible for the given modulus"),
    ("InPlacePower3", &["2", "-1", "4"], "!ValueError: base is not invertible for the given modulus"),
    ("Remainder", &["'%s %r %d %i %f %x %%'", "('a', 'b', 3, 4.7, 1.5, 255)"], "\"a 'b' 3 4 1.500000 ff %\""),
    ("Remainder", &["'%d'", "'a'"], "!TypeError: %d format: a real number is required, not str"),
    ("Remainder", &["'%x'", "3.0"], "!TypeError: %x format: an integer is required, not float"),
    ("Remainder", &["'%f'", "'a'"], "!TypeError: must be real number, not str"),
    ("Remainder", &["'%c'", "65"], "'A'"),
    ("Remainder", &["'%s %s'", "(1,)"], "!TypeError: not enough arguments for format string"),
    ("Remainder", &["'%s'", "(1, 2)"], "!TypeError: not all arguments converted during string formatting"),
    ("Remainder", &["'abc'", "5"], "!TypeError: not all arguments converted during string formatting"),
    ("Remainder", &["'abc'", "[]"], "'abc'"),
    ("Remainder", &["'abc'", "{}"], "'abc'"),
    ("Remainder", &["'%(a)s'", "[1]"], "!TypeError: list indices must be integers or slices, not str"),
    ("Remainder", &["'%(a)s %(b)r'", "{'a': 1, 'b': 'x'}"], "\"1 'x'\""),
    ("Remainder", &["'%5.2f|%-5d|%05d|%+d|% d|%#x|%#o|%X|%e|%E|%g|%G'", "(3.14159, 42, 42, 42, 42, 255, 8, 255, 12345.678, 0.000123, 0.0001, 1e+20)"], "' 3.14|42   |00042|+42| 42|0xff|0o10|FF|1.234568e+04|1.230000E-04|0.0001|1E+20'"),
    ("Remainder", &["'%'", "()"], "!ValueError: incomplete format"),
    ("Remainder", &["'%z'", "1"], "!ValueError: unsupported format character 'z' (0x7a) at index 1"),
    ("Remainder", &["'%s %'", "(1,)"], "!ValueError: incomplete format"),
    ("Remainder", &["'%*d|%-*.*f'", "(5, 1, 8, 2, 3.14159)"], "'    1|3.14    '"),
    ("Remainder", &["'%.3s'", "'abcdef'"], "'abc'"),
    ("Remainder", &["'%c'", "'ab'"], "!TypeError: %c requires int or char"),
    ("Remainder", &["'%c'", "1114112"], "!OverflowError: %c arg not in range(0x110000)"),
    ("Remainder", &["'%d'", "1180591620717411303424"], "'1180591620717411303424'"),
    ("Remainder", &["'%x'", "-255"], "'-ff'"),
    ("Remainder", &["'%.0f %.1f %.10g %g %g %g'", "(0.5, 0.25, 0.3333333333333333, 1e-05, 123456789.0, inf)"], "'0 0.2 0.3333333333 1e-05 1.23457e+08 inf'"),
    ("Remainder", &["'%r'", "'é'"], "\"'é'\""),
    ("Remainder", &["'%a'", "'é€'"], "\"'\\\\xe9\\\\u20ac'\""),
    ("Remainder", &["'%u|%d|%s|%x'", "(5, True, True, True)"], "'5|1|True|1'"),
    ("Remainder", &["'%f'", "10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"], "!OverflowError: int too large to convert to float"),
    ("Remainder", &["'%(a)s'", "{}"], "!KeyError: 'a'"),
    ("Remainder", &["'%(a'", "{}"], "!ValueError: incomplete format key"),
    ("Remainder", &["'%s'", "{'a': 1}"], "\"{'a': 1}\""),
    ("Remainder", &["'%i'", "3.9e+20"], "'390000000000000000000'"),
    ("Remainder", &["'%e %e %g %g'", "(0.0, -1.5e-300, -0.0, 1e+16)"], "'0.000000e+00 -1.500000e-300 -0 1e+16'"),
    ("Remainder", &["'%10.4e|%-12g|'", "(1234.5, 1.5)"], "'1.2345e+03|1.5         |'"),
    ("Remainder", &["'%#g %#.3g %#e %#.0f %#.0e'", "(1.0, 2.0, 1.0, 3.0, 3.0)"], "'1.00000 2.00 1.000000e+00 3. 3.e+00'"),
    ("Remainder", &["'%d'", "nan"], "!ValueError: cannot convert float NaN to integer"),
    ("Remainder", &["'%d'", "inf"], "!OverflowError: cannot convert float infinity to integer"),
    ("Remainder", &["'%5s|%-5s|'", "('ab', 'cd')"], "'   ab|cd   |'"),
    ("Remainder", &["'%-05d|%+05d|%  d'", "(3, 3, 3)"], "'3    |+0003| 3'"),
    ("Remainder", &["'%05f|%F|%E'", "(inf, inf, nan)"], "'00inf|INF|NAN'"),
    ("Remainder", &["'%.3d|%5.3d|%-+6d|%06.2f|%#5o|%-#8x|'", "(5, 5, 5, -3.14159, 8, 255)"], "'005|  005|+5    |-03.14| 0o10|0xff    |'"),
    ("Remainder", &["'%5%'", "(1,)"], "!ValueError: unsupported format character '%' (0x25) at index 2"),
    ("Remainder", &["'%(a)s %s'", "{'a': 1}"], "!TypeError: not enough arguments for format string"),
    ("Remainder", &["'%s %(a)s'", "({'a': 1},)"], "!TypeError: format requires a mapping"),
    ("Remainder", &["'%(a)s'", "5"], "!TypeError: format requires a mapping"),
    ("Remainder", &["'%((a))s'", "{'(a)': 3}"], "'3'"),
    ("Remainder", &["'%*d'", "('a', 1)"], "!TypeError: * wants int"),
    ("Remainder", &["'%c|%c'", "(-1, True)"], "!OverflowError: %c arg not in range(0x110000)"),
    ("Remainder", &["'%ld %hd %Lf'", "(1, 2, 3.0)"], "'1 2 3.000000'"),
    ("Remainder", &["'%\\x01'", "1"], "!ValueError: unsupported format character '?' (0x1) at index 1"),
    ("Remainder", &["'%é'", "1"], "!ValueError: unsupported format character '?' (0xe9) at index 1"),
    ("Remainder", &["'%*d|%.*f'", "(-5, 1, -2, 1.5)"], "'1    |2'"),
    ("Remainder", &["'%.2s|%5c|%-5c|'", "('é漢字', 'x', 65)"], "'é漢|    x|A    |'"),
    ("Remainder", &["'%s'", "()"], "!TypeError: not enough arguments for format string"),
    ("Remainder", &["'%05s|%05c|%05r'", "('ab', 'x', 'a')"], "\"   ab|    x|  'a'\""),
    ("Remainder", &["b'%d|%s|%b|%r|%a|%c|%c|%x|%5.2f'", "(3.5, b'x', b'y', 'é', b'z', 65, b'w', 255, 1.5)"], "b\"3|x|y|'\\\\xe9'|b'z'|A|w|ff| 1.50\""),
    ("Remainder", &["b'%s'", "'a'"], "!TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'str'"),
    ("Remainder", &["b'%c'", "256"], "!OverflowError: %c arg not in range(256)"),
    ("Remainder", &["b'%c'", "b'ab'"], "!TypeError: %c requires an integer in range(256) or a single byte"),
    ("Remainder", &["b'abc'", "5"], "!TypeError: not all arguments converted during bytes formatting"),
    ("Remainder", &["b'abc'", "[]"], "b'abc'"),
    ("Remainder", &["b'%(a)s'", "{b'a': b'v'}"], "b'v'"),
    ("Remainder", &["b'%(a)s'", "{'a': b'v'}"], "!KeyError: b'a'"),
    ("Remainder", &["b'%z'", "1"], "!ValueError: unsupported format character 'z' (0x7a) at index 1"),
    ("Remainder", &["b'\\xff%d'", "1"], "b'\\xff1'"),
    ("Remainder", &["b'%s'", "1.5"], "!TypeError: %b requires a bytes-like object, or an object that implements __bytes__, not 'float'"),
    ("Remainder", &["5", "'a'"], "!TypeError: unsupported operand type(s) for %: 'int' and 'str'"),
];
