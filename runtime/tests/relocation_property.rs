//! Property: a random sequence of operations on Python objects and on instances of the
//! sample extension types prints the same thing whether objects never move between two
//! HPy calls (`--gc=normal`) or move at every safepoint, interpreter ones included, with
//! retired spaces inaccessible and the heap verified after every collection
//! (`--gc=always --verify-heap`, poison implied). A stale read anywhere in the runtime
//! faults or prints something else; proptest then shrinks the program to the operations
//! that show it.
//!
//! Each generated program works on six variables. Every operation runs inside
//! `try`/`except`, so exceptions (TypeError from a bad operand, IndexError, KeyError…) are
//! part of the sequence too, and after each one the target variable is printed through
//! `show`, which avoids addresses (the only thing allowed to differ between the runs).

use std::path::Path;
use std::process::Command;

use proptest::prelude::*;

const VARS: usize = 6;

/// The classes and helpers every program starts with: a Python class whose special
/// methods run code (so the runtime calls back into the interpreter in the middle of its
/// own operations), and a printer that never shows an address.
const PRELUDE: &str = r#"
import gc
from exttypes import Point, vector, Table

class P:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return P([self.v, o])
    def __radd__(self, o):
        return P([o, self.v])
    def __eq__(self, o):
        return isinstance(o, P) and self.v == o.v
    def __hash__(self):
        return hash(repr(self.v))
    def __len__(self):
        return 3
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return (self.v, i)
    def __bool__(self):
        return bool(self.v)
    def __lt__(self, o):
        return repr(self) < repr(o)
    def __repr__(self):
        return "P(" + show(self.v) + ")"

def f(x, k=None, *rest):
    try:
        if k is not None and len(str(k)) % 2:
            raise ValueError(show(k))
        return [x, k]
    except ValueError as e:
        return ("caught", e.args[0], x)
    finally:
        gc.collect()

class I:
    # An index that runs code (and allocates) each time it is read: slice bounds.
    def __init__(self, i):
        self.i = i
    def __index__(self):
        return int(str(self.i))

def gen(x):
    for i in range(3):
        yield (x, i)

def show(x, depth=0):
    if depth > 3:
        return "..."
    t = type(x)
    if t in (int, bool, float, str, type(None)):
        return repr(x)
    if t in (list, tuple):
        return t.__name__ + "[" + ", ".join(show(y, depth + 1) for y in x) + "]"
    if t is dict:
        return "{" + ", ".join(show(k, depth + 1) + ": " + show(v, depth + 1) for k, v in x.items()) + "}"
    if t is Point:
        return "Point(" + show(x.x) + ", " + show(x.y) + ")"
    if t is vector:
        return "vector" + show(x.tolist(), depth + 1)
    if t is Table:
        return "Table(len=" + str(len(x)) + ")"
    if t is P:
        return "P(" + show(x.v, depth + 1) + ")"
    return t.__name__

"#;

/// One operation: its kind and three variable indices plus a small constant.
#[derive(Clone, Debug)]
struct Op {
    kind: u8,
    a: usize,
    b: usize,
    c: usize,
    n: i64,
}

const KINDS: u8 = 41;

fn op() -> impl Strategy<Value = Op> {
    (0..KINDS, 0..VARS, 0..VARS, 0..VARS, -4i64..9).prop_map(|(kind, a, b, c, n)| Op {
        kind,
        a,
        b,
        c,
        n,
    })
}

/// The Python statement of `o` (assigning to `v{a}`).
fn statement(o: &Op) -> String {
    let (a, b, c, n) = (o.a, o.b, o.c, o.n);
    match o.kind {
        0 => format!("v{a} = {n}"),
        1 => format!("v{a} = 'k{n}' * 2"),
        2 => format!("v{a} = [v{b}, v{c}, {n}]"),
        3 => format!("v{a} = {{v{b}: v{c}, {n}: 'x'}}"),
        4 => format!("v{a} = (v{b}, v{c})"),
        5 => format!("v{a} = Point({n}, {})", n * 3),
        6 => format!("v{a} = vector([{n}, {}, 2])", n + 1),
        7 => format!("v{a} = Table(); v{a}[{n}] = v{b}"),
        8 => format!("v{a} = P(v{b})"),
        9 => format!("v{a} = v{b} + v{c}"),
        10 => format!("v{a} = v{b} * v{c}"),
        11 => format!("v{a} = v{b} - {n}"),
        12 => format!("v{a} = v{b}[{n}]"),
        13 => format!("v{b}[{n}] = v{c}"),
        14 => format!("v{a} = v{b}.x"),
        15 => format!("v{a} = len(v{b})"),
        16 => format!("v{a} = [show(x) for x in v{b}]"),
        17 => format!("v{a} = v{b} == v{c}"),
        18 => format!("v{a} = sorted([v{b}, v{c}], key=show)"),
        19 => format!("v{a} = list(zip(gen(v{b}), v{c}))"),
        20 => format!("v{a} = {{show(v{b}): v{c}}}.get(show(v{b}))"),
        21 => format!("v{a} = v{b} if v{c} else [v{b}, {n}]"),
        22 => format!("v{a} += v{b}"),
        23 => format!("v{a} = {{v{b}, v{c}}} | {{{n}}}"),
        24 => format!("v{a} = v{b} < v{c}"),
        25 => format!("v{a} = hash(v{b}) == hash(v{c})"),
        26 => format!(
            "v{a} = [v{b}]; v{a}.append(v{c}); v{a}.extend(gen(v{b})); v{a}.insert(0, v{c})"
        ),
        27 => format!(
            "v{a} = dict(k=v{b}, j=v{c}); v{a}.update({{'m': v{b}}}); v{a} = sorted(v{a}.items())"
        ),
        28 => format!("v{a} = Point(x={n}, y=v{b})"),
        29 => format!("v{a} = v{b}; v{a}.x = v{c}"),
        30 => format!("v{a} = [k for k in v{b} if k]"),
        31 => format!("v{a} = f(v{b}, k=v{c})"),
        32 => format!("v{a} = str(v{b}) + repr(v{c})"),
        33 => format!("v{a} = v{b} in v{c}"),
        34 => format!("v{a} = max(v{b}, v{c}, key=show)"),
        35 => format!("v{a} = v{b}[I({n}):I({}):I(1)]", n + 2),
        36 => format!("v{a} = [v{b}, v{c}, {n}]; v{a}[I(0):I({n})] = gen(v{b})"),
        37 => format!("v{b}[{n}] += v{c}"),
        38 => format!("v{a} = (getattr(v{b}, 'x', v{c}), hasattr(v{c}, 'v'))"),
        39 => format!("v{a} = v{b} != v{c} or v{b} < v{c} <= v{a}"),
        _ => format!("v{a} = (lambda *x, **k: (x, sorted(k.items())))(v{b}, *[v{c}], z=v{b})"),
    }
}

fn program(ops: &[Op]) -> String {
    let mut s = String::from(PRELUDE);
    for i in 0..VARS {
        s.push_str(&format!("v{i} = {i}\n"));
    }
    for (i, o) in ops.iter().enumerate() {
        s.push_str(&format!(
            "try:\n    {}\nexcept Exception as e:\n    print({i}, 'raised', type(e).__name__)\nprint({i}, show(v{}))\n",
            statement(o),
            o.a
        ));
    }
    s.push_str("gc.collect()\nprint('end', [show(v) for v in [v0, v1, v2, v3, v4, v5]])\n");
    s
}

/// Runs `source` on hpymove with `flags`; returns the exit status and the output.
fn run(flags: &[&str], source: &str) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_hpymove"))
        .args(flags)
        .args(["-c", source])
        .env("PYTHONPATH", ext_samples::ext_dir())
        .env_remove("HPYMOVE_GC")
        .env_remove("HPYMOVE_POISON")
        .env_remove("HPYMOVE_VERIFY_HEAP")
        .output()
        .expect("spawn hpymove");
    (
        out.status.code().unwrap_or(-1),
        without_ids(&String::from_utf8_lossy(&out.stdout)),
        without_ids(&String::from_utf8_lossy(&out.stderr)),
    )
}

/// The output with the identity numbers of default reprs (`<... object at 0x7f...>`)
/// blanked: like CPython's addresses they are not part of a program's meaning, and when
/// the collector runs finalizers (a suspended generator's `close`) decides which objects
/// get a number first.
fn without_ids(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at 0x") {
        out.push_str(&rest[..i + " at 0x".len()]);
        rest = &rest[i + " at 0x".len()..];
        let hex = rest
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len());
        out.push('?');
        rest = &rest[hex..];
    }
    out.push_str(rest);
    out
}

proptest! {
    // PROPTEST_CASES runs more (CI runs 48).
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(48),
        ..ProptestConfig::default()
    })]

    #[test]
    fn every_safepoint_moving_gives_the_same_results(ops in prop::collection::vec(op(), 8..40)) {
        let src = program(&ops);
        let normal = run(&["--gc=normal"], &src);
        prop_assert_eq!(normal.0, 0, "normal mode failed:\n{}\n{}", normal.2, src);
        let always = run(&["--gc=always", "--verify-heap"], &src);
        prop_assert_eq!(
            &always,
            &normal,
            "--gc=always differs from --gc=normal on:\n{}",
            src
        );
    }
}

/// The generator covers every kind, and the prelude is valid on its own.
#[test]
fn the_generated_programs_run() {
    let ops: Vec<Op> = (0..KINDS)
        .map(|kind| Op {
            kind,
            a: kind as usize % VARS,
            b: (kind as usize + 1) % VARS,
            c: (kind as usize + 2) % VARS,
            n: 1,
        })
        .collect();
    let src = program(&ops);
    let (code, out, err) = run(&["--gc=always", "--verify-heap"], &src);
    assert_eq!(code, 0, "{err}\n{src}");
    assert!(out.contains("end ["), "{out}");
    assert!(Path::new(env!("CARGO_BIN_EXE_hpymove")).exists());
}
