//! The interpreter's loops against CPython's, in one run: a loop calling an extension
//! function (`basics.identity`) ten million times, a pure-Python loop of the same length,
//! (for reference) a loop calling a Python function, and a loop over the protocols the
//! rooting convention touches (items, attributes, comparisons, `in`, len, hashing,
//! iteration, str), each on hpymove (normal GC mode)
//! and on CPython 3.11 with `hpy.universal` loading the same `.hpy0.so`.
//!
//! Each figure is the median of a few whole-process runs minus the median of the same
//! script with zero iterations (start-up and import), so it is the loop's own time.
//! Goals: the extension-call loop within 2× of CPython, the interpreter's loop within 3×.
//!
//! `cargo bench -p hpymove-runtime --bench loops_bench` (the venv of `scripts/setup.sh`
//! must exist). Not a test: no time limits are checked.
//!
//! `HPYMOVE_BASELINE=/path/to/an/older/hpymove` adds that binary as a third column, run
//! in the same process and alternating with this one, so the cost of a change (the
//! rooting convention, say) is one ratio measured under the same machine load.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const N: u64 = 10_000_000;
const RUNS: usize = 3;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The wall time of one run of `script` with `n` iterations on `host`.
fn run_once(host: &Host, script: &Path, n: u64) -> Duration {
    let mut cmd = match host {
        Host::Hpymove => Command::new(env!("CARGO_BIN_EXE_hpymove")),
        Host::Baseline(exe) => Command::new(exe),
        Host::CPython(py) => {
            let mut c = Command::new(py);
            c.arg(root().join("tests/cpython_run.py"));
            c
        }
    };
    cmd.arg(script)
        .arg(n.to_string())
        .env("PYTHONPATH", ext_samples::ext_dir())
        .env_remove("HPYMOVE_GC");
    let t = Instant::now();
    let out = cmd.output().expect("spawn");
    let d = t.elapsed();
    if !out.status.success() {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
        panic!("{} failed on {}", script.display(), host.name());
    }
    d
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// The loop's own time: median of `RUNS` runs minus the median of empty runs.
fn loop_time(host: &Host, script: &Path, n: u64) -> Duration {
    let empty = median((0..RUNS).map(|_| run_once(host, script, 0)).collect());
    let full = median((0..RUNS).map(|_| run_once(host, script, n)).collect());
    full.saturating_sub(empty)
}

enum Host {
    Hpymove,
    Baseline(PathBuf),
    CPython(PathBuf),
}

impl Host {
    fn name(&self) -> &'static str {
        match self {
            Host::Hpymove => "hpymove",
            Host::Baseline(_) => "baseline hpymove",
            Host::CPython(_) => "CPython + hpy.universal",
        }
    }
}

fn main() {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} not found: run scripts/setup.sh",
        python.display()
    );
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/loops");
    let baseline = std::env::var_os("HPYMOVE_BASELINE").map(PathBuf::from);
    println!("loop time = median of {RUNS} runs minus start-up, per iteration");
    println!(
        "{:<34} {:>12} {:>12} {:>8} {:>8}",
        "loop", "hpymove", "CPython", "ratio", "goal"
    );
    // The protocol loop (items, attributes, comparisons, `in`, len, hashing, iteration,
    // str: what the rooting convention touches) is longer per iteration: fewer of them.
    for (script, what, goal, n) in [
        (
            "ext_loop.py",
            "extension call basics.identity(i)",
            Some(2.0),
            N,
        ),
        ("py_loop.py", "pure Python: total += i", Some(3.0), N),
        ("pycall_loop.py", "Python function call f(i)", None, N),
        (
            "proto_loop.py",
            "protocols: items, attrs, compare..",
            None,
            N / 20,
        ),
    ] {
        let s = dir.join(script);
        let ours = loop_time(&Host::Hpymove, &s, n);
        let base = baseline
            .as_ref()
            .map(|b| loop_time(&Host::Baseline(b.clone()), &s, n));
        let theirs = loop_time(&Host::CPython(python.clone()), &s, n);
        let ratio = ours.as_secs_f64() / theirs.as_secs_f64().max(1e-9);
        let per = |d: Duration| format!("{:.1} ns/it", d.as_secs_f64() * 1e9 / n as f64);
        let goal = goal.map_or("-".to_string(), |g: f64| {
            format!("{}{g:.0}x", if ratio <= g { "<=" } else { "> " })
        });
        println!(
            "{what:<34} {:>12} {:>12} {:>7.2}x {:>8}",
            per(ours),
            per(theirs),
            ratio,
            goal
        );
        if let Some(b) = base {
            println!(
                "{:<34} {:>12} {:>12} {:>7.2}x   (this build / baseline)",
                "  baseline build",
                per(b),
                "",
                ours.as_secs_f64() / b.as_secs_f64().max(1e-9)
            );
        }
    }
}
