//! The `tinyjson` sample (a JSON encoder and decoder in C) through the embedding API.
//!
//! - A generated document of about 10 KB round-trips (`loads(dumps(doc)) == doc`, and
//!   `dumps(loads(text)) == text`) in normal and in torture mode, where every object of the
//!   document moves at every HPy call while the other half of it is being built or read.
//! - Fixed values and texts give what CPython's `json` gives (the expected values were
//!   printed by CPython 3.11; `ext-samples/check_cpython.py` compares tinyjson with `json`
//!   on the reference host), and bad texts and values raise what tinyjson raises there.
//! - A generated document of at least 10 MB round-trips in `every:N` mode with about a
//!   hundred collections and every collection verified (see [`big_document_every_n`]).
//!
//! Documents come from `hpymove_tests::jsondoc` (deterministic; shared with the
//! `tinyjson_bench` benchmark).

use std::num::NonZeroU64;

use gc::{HeapConfig, Mode};
use hpymove_runtime::{Config, Obj, PyErr, Runtime, Value};
use hpymove_tests::{both_modes, jsondoc, runtime, Run};
use num_bigint::BigInt;

/// The runtime and tinyjson's two functions.
struct Json {
    rt: Runtime,
    dumps: Obj,
    loads: Obj,
}

impl Json {
    fn new(mut rt: Runtime) -> Json {
        let m = rt.import("tinyjson").expect("import tinyjson");
        let dumps = rt.getattr(&m, "dumps").expect("tinyjson.dumps");
        let loads = rt.getattr(&m, "loads").expect("tinyjson.loads");
        Json { rt, dumps, loads }
    }

    /// `tinyjson.dumps(obj)`
    fn dumps_obj(&mut self, obj: &Obj) -> Result<Obj, PyErr> {
        self.rt.call_objs(&self.dumps, &[obj], &[])
    }

    /// `tinyjson.loads(text)`
    fn loads_obj(&mut self, text: &Obj) -> Result<Obj, PyErr> {
        self.rt.call_objs(&self.loads, &[text], &[])
    }

    /// `tinyjson.dumps(v)` as a Rust string.
    fn dumps(&mut self, v: &Value) -> Result<String, PyErr> {
        let r = self.rt.call(&self.dumps, std::slice::from_ref(v), &[])?;
        match self.rt.value(&r)? {
            Value::Str(s) => Ok(s),
            other => panic!("dumps returned {other:?}"),
        }
    }

    /// `tinyjson.loads(text)` as a Rust value.
    fn loads(&mut self, text: &str) -> Result<Value, PyErr> {
        let r = self.rt.call(&self.loads, &[Value::str(text)], &[])?;
        self.rt.value(&r)
    }

    /// `loads(dumps(doc)) == doc` and `dumps(loads(text)) == text`; returns the text.
    /// The document exists only as objects while tinyjson runs (its Rust value is compared
    /// afterwards), so every part of it can move.
    fn round_trip(&mut self, doc: &Value) -> String {
        let obj = self.rt.to_obj(doc).expect("to_obj(doc)");
        let text = self
            .dumps_obj(&obj)
            .unwrap_or_else(|e| panic!("dumps(doc): {e}"));
        drop(obj);
        let back = self
            .loads_obj(&text)
            .unwrap_or_else(|e| panic!("loads(text): {e}"));
        let again = self
            .dumps_obj(&back)
            .unwrap_or_else(|e| panic!("dumps(loads(text)): {e}"));
        let back = self.rt.value(&back).expect("value(back)");
        if let Some(d) = difference(doc, &back, &mut String::from("doc")) {
            panic!("loads(dumps(doc)) != doc: {d}");
        }
        let text = string_of(&mut self.rt, &text);
        let again = string_of(&mut self.rt, &again);
        assert!(again == text, "dumps(loads(text)) != text");
        text
    }
}

fn string_of(rt: &mut Runtime, o: &Obj) -> String {
    match rt.value(o).expect("value") {
        Value::Str(s) => s,
        other => panic!("expected a str, got {other:?}"),
    }
}

/// Where `got` first differs from `want` (values this large are not worth printing whole).
fn difference(want: &Value, got: &Value, path: &mut String) -> Option<String> {
    let at = path.len();
    let found = match (want, got) {
        (Value::List(a), Value::List(b)) if a.len() == b.len() => {
            a.iter().zip(b).enumerate().find_map(|(i, (x, y))| {
                path.truncate(at);
                path.push_str(&format!("[{i}]"));
                difference(x, y, path)
            })
        }
        (Value::Dict(a), Value::Dict(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .find_map(|(i, ((k, x), (l, y)))| {
                path.truncate(at);
                path.push_str(&format!("{{key {i}}}"));
                difference(k, l, path).or_else(|| {
                    path.truncate(at);
                    path.push_str(&format!("[{k:?}]"));
                    difference(x, y, path)
                })
            }),
        _ if want == got => None,
        _ => {
            let mut w = format!("{want:?}");
            let mut g = format!("{got:?}");
            w.truncate(300);
            g.truncate(300);
            Some(format!("{path}: want {w}, got {g}"))
        }
    };
    path.truncate(at);
    found
}

// ~~~ values ~~~

fn int(v: impl Into<BigInt>) -> Value {
    Value::Int(v.into())
}

fn s(v: &str) -> Value {
    Value::str(v)
}

fn list(items: Vec<Value>) -> Value {
    Value::List(items)
}

fn dict(items: Vec<(&str, Value)>) -> Value {
    Value::Dict(items.into_iter().map(|(k, v)| (s(k), v)).collect())
}

fn nested_lists(levels: usize) -> Value {
    let mut v = list(vec![]);
    for _ in 1..levels {
        v = list(vec![v]);
    }
    v
}

// ~~~ (a) about 10 KB, normal and torture ~~~

fn check_round_trip_10k(run: Run) {
    let doc = jsondoc::document(1, 10_000);
    let mut j = Json::new(runtime(run));
    let handles = j.rt.open_handles();
    let collections = j.rt.stats().collections;
    let text = j.round_trip(&doc);
    assert!(
        (9_000..12_000).contains(&text.len()),
        "the document is {} bytes of JSON, want about 10 KB",
        text.len()
    );
    assert_eq!(j.rt.open_handles(), handles, "handles leaked");
    let problems = j.rt.verify_heap();
    assert!(problems.is_empty(), "heap: {problems:?}");
    if let Run::Torture = run {
        // A collection at every HPy call: thousands of them for this document.
        let done = j.rt.stats().collections - collections;
        let values = jsondoc::count_values(&doc) as u64;
        assert!(done > 2 * values, "{done} collections for {values} values");
    }
}

// ~~~ fixed values and texts ~~~

fn check_dumps_values(run: Run) {
    let mut j = Json::new(runtime(run));
    let doc = list(vec![
        Value::None,
        Value::Bool(true),
        Value::Bool(false),
        int(0),
        int(-1),
        Value::Int(BigInt::from(1) << 70),
        Value::Int(-BigInt::from(10).pow(30)),
        Value::Float(1.5),
        Value::Float(0.1),
        Value::Float(-0.0),
        Value::Float(1e16),
        Value::Float(1e-7),
        s("q\"b\\s/\n\r\t\u{8}\u{c}\0\u{1f}\u{7f}é🐍"),
        Value::Tuple(vec![int(1), Value::Tuple(vec![])]),
        dict(vec![("k", list(vec![])), ("é", dict(vec![]))]),
    ]);
    // json.dumps(doc, ensure_ascii=False) on CPython 3.11.
    let want = "[null, true, false, 0, -1, 1180591620717411303424, \
                -1000000000000000000000000000000, 1.5, 0.1, -0.0, 1e+16, 1e-07, \
                \"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0000\\u001f\u{7f}é🐍\", [1, []], \
                {\"k\": [], \"é\": {}}]";
    assert_eq!(j.dumps(&doc).unwrap(), want);
    for (v, want) in [
        (int(i64::MAX), "9223372036854775807"),
        (int(i64::MIN), "-9223372036854775808"),
        (Value::Float(5e-324), "5e-324"),
        (Value::Float(f64::MAX), "1.7976931348623157e+308"),
        (s(""), "\"\""),
        (list(vec![]), "[]"),
        (dict(vec![]), "{}"),
    ] {
        assert_eq!(j.dumps(&v).unwrap(), want, "dumps({v:?})");
    }
    // 1000 levels may nest, both ways.
    let deep = "[".repeat(1000) + &"]".repeat(1000);
    assert_eq!(j.dumps(&nested_lists(1000)).unwrap(), deep);
    let back = j.loads(&deep).unwrap();
    assert_eq!(back, nested_lists(1000));
}

fn check_loads_texts(run: Run) {
    let mut j = Json::new(runtime(run));
    let big = |t: &str| Value::Int(t.parse::<BigInt>().unwrap());
    let cases: Vec<(&str, Value)> = vec![
        ("null", Value::None),
        ("true", Value::Bool(true)),
        ("false", Value::Bool(false)),
        ("-0", int(0)),
        ("123456789012345678", int(123456789012345678i64)),
        ("1234567890123456789", int(1234567890123456789i64)),
        ("-9223372036854775808", int(i64::MIN)),
        ("9223372036854775808", big("9223372036854775808")),
        ("-9223372036854775809", big("-9223372036854775809")),
        ("-9999999999999999999", big("-9999999999999999999")),
        ("18446744073709551615", int(u64::MAX)),
        ("18446744073709551616", big("18446744073709551616")),
        (
            "1000000000000000000000000000000000000",
            big("1000000000000000000000000000000000000"),
        ),
        (
            "-9999999999999999999999999999999999999999999999999999999",
            big("-9999999999999999999999999999999999999999999999999999999"),
        ),
        ("-0.0", Value::Float(-0.0)),
        ("1E+2", Value::Float(100.0)),
        ("2.5e-3", Value::Float(0.0025)),
        ("1e400", Value::Float(f64::INFINITY)),
        ("-1e400", Value::Float(f64::NEG_INFINITY)),
        ("1e-400", Value::Float(0.0)),
        ("0.1", Value::Float(0.1)),
        ("17976931348623157e292", Value::Float(f64::MAX)),
        (r#""""#, s("")),
        (
            r#""\" \\ \/ \b \f \n \r \t""#,
            s("\" \\ / \u{8} \u{c} \n \r \t"),
        ),
        (r#""\u0041\u00e9\u4e2d\uD83D\udc0d""#, s("Aé中🐍")),
        (r#""a\u0000b""#, s("a\0b")),
        ("\"héllo ✓ 🐍\"", s("héllo ✓ 🐍")),
        (
            " \t\n\r[ 1 , [ ] , { } ]\r\n",
            list(vec![int(1), list(vec![]), dict(vec![])]),
        ),
        // The last of equal keys wins, in the first one's place (as in json).
        (
            r#"{"a": 1, "b": 0, "a": 2}"#,
            dict(vec![("a", int(2)), ("b", int(0))]),
        ),
        (
            r#"{"": [{"x": null}], "é": {"🐍": []}}"#,
            dict(vec![
                ("", list(vec![dict(vec![("x", Value::None)])])),
                ("é", dict(vec![("🐍", list(vec![]))])),
            ]),
        ),
    ];
    for (text, want) in cases {
        match j.loads(text) {
            Ok(got) => assert_eq!(got, want, "loads({text:?})"),
            Err(e) => panic!("loads({text:?}): {e}"),
        }
    }
}

/// (text, position in characters, what): tinyjson's ValueErrors, as on CPython.
const LOADS_ERRORS: &[(&str, usize, &str)] = &[
    ("", 0, "expected a value"),
    ("   ", 3, "expected a value"),
    ("[", 1, "expected a value"),
    ("[1,]", 3, "expected a value"),
    (r#"{"a":1,}"#, 7, "expected a string (an object key)"),
    ("{1:2}", 1, "expected a string (an object key)"),
    (r#"{"a" 1}"#, 5, "expected ':'"),
    ("nul", 0, "expected a value"),
    ("True", 0, "expected a value"),
    ("NaN", 0, "expected a value"),
    ("01", 1, "extra data"),
    ("1.", 2, "expected a digit after the decimal point"),
    ("1.e5", 2, "expected a digit after the decimal point"),
    ("1e", 2, "expected a digit in the exponent"),
    ("1e+", 3, "expected a digit in the exponent"),
    ("-", 0, "expected a value"),
    ("+1", 0, "expected a value"),
    (".5", 0, "expected a value"),
    ("[-]", 1, "expected a value"),
    (r#""abc"#, 0, "unterminated string"),
    ("\"\\", 0, "unterminated string"),
    (r#"["a", "b"#, 6, "unterminated string"),
    (r#""a\x""#, 2, "invalid escape"),
    (r#""\u12""#, 1, "invalid \\uXXXX escape"),
    (r#""\u12G4""#, 1, "invalid \\uXXXX escape"),
    (r#""\ud800""#, 1, "lone surrogate in \\uXXXX escape"),
    (r#""\ud800\u0041""#, 1, "lone surrogate in \\uXXXX escape"),
    (r#""x\udc00""#, 2, "lone surrogate in \\uXXXX escape"),
    ("\"a\nb\"", 2, "invalid control character in string"),
    ("\"\0\"", 1, "invalid control character in string"),
    ("[1 2]", 3, "expected ',' or ']'"),
    (r#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
    ("1 2", 2, "extra data"),
    ("1.5x", 3, "extra data"),
    ("é", 0, "expected a value"),
    ("\"é🐍\" x", 5, "extra data"),
    (r#"{"a":1}}"#, 7, "extra data"),
];

fn check_errors(run: Run) {
    let mut j = Json::new(runtime(run));
    let handles = j.rt.open_handles();
    let too_deep = "[".repeat(1001) + &"]".repeat(1001);
    let cases = LOADS_ERRORS.iter().map(|&(t, p, w)| (t, p, w)).chain([(
        too_deep.as_str(),
        1000,
        "nesting deeper than 1000 levels",
    )]);
    for (text, pos, what) in cases {
        let e = j.loads(text).expect_err(text);
        let shown: String = text.chars().take(40).collect();
        assert_eq!(e.type_name, "ValueError", "loads({shown:?}): {e}");
        assert!(
            e.message
                .starts_with(&format!("tinyjson.loads: {what} at line "))
                && e.message.ends_with(&format!("(char {pos})")),
            "loads({shown:?}): {e}"
        );
    }
    let e = j.loads("[\n 1,\n x]").unwrap_err();
    assert_eq!(
        e.message,
        "tinyjson.loads: expected a value at line 3, column 2 (char 7)"
    );
    for arg in [int(5), Value::Bytes(b"1".to_vec())] {
        let e = j.rt.call(&j.loads, &[arg], &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "TypeError: tinyjson.loads: the JSON text must be a str"
        );
    }

    let dumps_errors: Vec<(Value, &str)> = vec![
        (
            Value::Dict(vec![(int(1), int(2))]),
            "TypeError: tinyjson.dumps: dict keys must be str, not 'int'",
        ),
        (
            Value::Dict(vec![(s("a"), int(1)), (Value::None, int(2))]),
            "TypeError: tinyjson.dumps: dict keys must be str, not 'NoneType'",
        ),
        (
            list(vec![Value::Bytes(b"x".to_vec())]),
            "TypeError: tinyjson.dumps: object of type 'bytes' is not JSON serializable",
        ),
        (
            nested_lists(1001),
            "ValueError: tinyjson.dumps: nesting deeper than 1000 levels (circular reference?)",
        ),
    ];
    for (v, want) in dumps_errors {
        let e = j.dumps(&v).unwrap_err();
        assert_eq!(e.to_string(), want);
    }
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let e = j.dumps(&list(vec![Value::Float(f)])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "ValueError: tinyjson.dumps: out of range float values (nan, inf) are not JSON compliant",
            "dumps([{f}])"
        );
    }
    assert_eq!(
        j.rt.open_handles(),
        handles,
        "handles leaked on error paths"
    );
    let problems = j.rt.verify_heap();
    assert!(problems.is_empty(), "heap: {problems:?}");
}

both_modes! {
    round_trip_10k => check_round_trip_10k;
    dumps_values => check_dumps_values;
    loads_texts => check_loads_texts;
    errors => check_errors;
}

// ~~~ (b) at least 10 MB, every:N ~~~

/// A 10 MB document round-trips with a collection every `BIG_EVERY_N`th boundary safepoint
/// (HPy context-function entry, call into the extension): the round trip (dumps, loads,
/// dumps again) of this document passes about 17 million of them, so that is about a
/// hundred collections, each copying the whole document (as objects, plus its text) while
/// another copy of it is half built or half read.
///
/// Verification: gc's `verify` is one switch for all collections, and the issue asks for
/// every tenth. A collection here copies the live heap and a verification walks the same
/// heap, so verifying every collection costs about as much as the collections themselves
/// (about 8 s each in the optimised test build, measured): affordable. So this test
/// verifies every collection (`verify: true`), a superset of "every tenth", and the whole
/// heap once more at the end.
#[test]
fn big_document_every_n() {
    use jsondoc::{BIG_EVERY_N, BIG_SEED, BIG_SIZE};
    let doc = jsondoc::document(BIG_SEED, BIG_SIZE);
    let heap = HeapConfig {
        mode: Mode::Every(NonZeroU64::new(BIG_EVERY_N).unwrap()),
        verify: true,
        ..HeapConfig::default()
    };
    let rt = Runtime::new(Config {
        heap,
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime");
    let mut j = Json::new(rt);
    let handles = j.rt.open_handles();
    let before = j.rt.stats().collections;
    let text = j.round_trip(&doc);
    let collections = j.rt.stats().collections - before;
    // Shown if the test fails.
    eprintln!(
        "{} bytes of JSON, {} values: {collections} collections, pauses {:?}",
        text.len(),
        jsondoc::count_values(&doc),
        j.rt.stats().pauses()
    );
    assert!(
        text.len() >= BIG_SIZE,
        "the document is {} bytes of JSON, want at least 10 MB",
        text.len()
    );
    assert!(
        (50..=200).contains(&collections),
        "{collections} collections, want about a hundred (adjust jsondoc::BIG_EVERY_N)"
    );
    assert_eq!(j.rt.open_handles(), handles, "handles leaked");
    let problems = j.rt.verify_heap();
    assert!(problems.is_empty(), "heap: {problems:?}");
}
