//! hpymove against CPython + `hpy.universal` on the same binary: HPy's own microbenchmark
//! extension (`microbench/src/hpy_simple.c` from the pinned hpy 0.9.0 sdist, built here in
//! universal mode with setuptools) and interpreter loops, each inside a function
//! (`benches/microbench/loops.py`), in one run, the two hosts alternating.
//!
//! Each figure is the fastest of `RUNS` processes' loop time, measured inside
//! the process (`time.perf_counter_ns` around the call, after a warm-up call), divided by
//! the iterations; the loop's `for i in range(n)` is part of every row, as in CPython's
//! figures. The ratio is hpymove / CPython; issue 17's targets are ≤ 1.0 (no row above 1.5) for
//! the extension rows and ≤ 1.5 for the Python loops.
//!
//! Then the memory row: peak RSS of a loop over objects whose payloads own large `malloc`ed
//! buffers (`benches/microbench/bigbuf_rss.py`, the `bigbuf` sample), on both hosts.
//!
//! A last line reports torture mode's own cost: collections per second while
//! `simple.noargs()` runs under `--gc=torture` (a collection at every HPy call, poison on)
//! with a small live heap.
//!
//! `cargo bench -p hpymove-runtime --bench microbench` (runs `scripts/setup.sh`, which
//! fetches the sdist once). `MICROBENCH_N` sets the iterations (default 1,000,000). Not a
//! test: nothing here checks a time.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn iterations() -> u64 {
    std::env::var("MICROBENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000)
}

/// The venv's python and the extracted sdist, from the setup step (which prints the
/// python; the sdist lands in `.cache/hpy-sdist`).
fn setup() -> (PathBuf, PathBuf) {
    let out = Command::new("bash")
        .arg(root().join("scripts/setup.sh"))
        .output()
        .expect("run scripts/setup.sh");
    assert!(
        out.status.success(),
        "scripts/setup.sh failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let python = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
    let sdist = root().join(".cache/hpy-sdist/hpy-0.9.0");
    assert!(
        sdist.join("microbench/src/hpy_simple.c").exists(),
        "{} has no microbench/src/hpy_simple.c: run scripts/setup.sh",
        sdist.display()
    );
    (python, sdist)
}

/// Builds `hpy_simple.hpy0.so` into `target/microbench` (a few seconds; once per run).
fn build_extension(python: &Path, sdist: &Path) -> PathBuf {
    let dir = root().join("target/microbench");
    let out = Command::new(python)
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/microbench/build_hpy_simple.py"))
        .arg(sdist)
        .arg(&dir)
        .output()
        .expect("run build_hpy_simple.py");
    assert!(
        out.status.success(),
        "building hpy_simple failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

enum Host<'a> {
    Hpymove(&'a [&'a str]),
    CPython(&'a Path),
}

/// One process running `case` with `n` iterations: the loop's time it measured, its wall
/// time and its stderr.
fn run_once(host: &Host<'_>, ext: &Path, case: &str, n: u64) -> (Duration, Duration, String) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/microbench/loops.py");
    let mut cmd = match host {
        Host::Hpymove(flags) => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
            c.args(*flags);
            c
        }
        Host::CPython(py) => {
            let mut c = Command::new(py);
            c.arg(root().join("tests/cpython_run.py"));
            c
        }
    };
    cmd.arg(&script)
        .arg(case)
        .arg(n.to_string())
        .env("PYTHONPATH", ext)
        .env_remove("HPYMOVE_GC")
        .env_remove("HPYMOVE_POISON");
    let t = Instant::now();
    let out = cmd.output().expect("spawn");
    let d = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{case} failed:\n{err}");
    let ns: u64 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or_else(|_| panic!("{case}: no loop time on stdout"));
    (Duration::from_nanos(ns), d, err)
}

/// The peak resident set size in bytes of `cmd`'s process, read from the kernel's
/// accounting when it is reaped (`wait4`).
// The child is reaped by `wait4`, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn peak_rss_of(mut cmd: Command) -> u64 {
    let child = cmd
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid; wait4 fills it.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: waits for our own child, which nothing else reaps.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(
        pid > 0 && libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0,
        "bigbuf_rss.py failed"
    );
    usage.ru_maxrss as u64 * 1024
}

/// Peak RSS of `benches/microbench/bigbuf_rss.py` on both hosts, median of `RUNS` each.
fn peak_rss(python: &Path, n: u64) -> (u64, u64) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/microbench/bigbuf_rss.py");
    let ext = ext_samples::ext_dir();
    let mut ours = Vec::new();
    let mut theirs = Vec::new();
    for _ in 0..RUNS {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
        c.arg(&script).arg(n.to_string()).env("PYTHONPATH", &ext);
        c.env_remove("HPYMOVE_GC").env_remove("HPYMOVE_POISON");
        ours.push(peak_rss_of(c));
        let mut c = Command::new(python);
        c.arg(root().join("tests/cpython_run.py"))
            .arg(&script)
            .arg(n.to_string())
            .env("PYTHONPATH", &ext);
        theirs.push(peak_rss_of(c));
    }
    ours.sort_unstable();
    theirs.sort_unstable();
    (ours[RUNS / 2], theirs[RUNS / 2])
}

/// The fastest of the runs: on a shared machine noise only adds time (a whole process
/// now and then runs up to twice as slow, libc calls included), so the fastest run is the
/// least disturbed one, for both hosts alike.
fn fastest(v: &[Duration]) -> Duration {
    v.iter().copied().min().expect("at least one run")
}

/// Per-iteration cost of `case` on both hosts, measured alternately.
fn measure(python: &Path, ext: &Path, case: &str, n: u64) -> (f64, f64) {
    let hosts = [Host::Hpymove(&[]), Host::CPython(python)];
    let mut times = [Vec::new(), Vec::new()];
    for _ in 0..RUNS {
        for (i, h) in hosts.iter().enumerate() {
            times[i].push(run_once(h, ext, case, n).0);
        }
    }
    let per = |i: usize| fastest(&times[i]).as_secs_f64() * 1e9 / n as f64;
    (per(0), per(1))
}

fn main() {
    let n = iterations();
    let (python, sdist) = setup();
    let ext = build_extension(&python, &sdist);
    println!(
        "HPy microbench (hpy_simple.c, hpy 0.9.0 sdist) and loops inside functions, {n} iterations;"
    );
    println!("ns per iteration = fastest of {RUNS} processes, timed inside each; hosts alternate");
    println!(
        "{:<38} {:>10} {:>10} {:>7} {:>7}",
        "loop body", "hpymove", "CPython", "ratio", "target"
    );
    let cases: &[(&str, &str, f64)] = &[
        ("empty", "(empty loop)", 1.5),
        ("noargs", "simple.noargs()", 1.0),
        ("onearg", "simple.onearg(i)", 1.0),
        ("varargs", "simple.varargs(None, None)", 1.0),
        ("call_with_tuple", "simple.call_with_tuple(f, (1, 2))", 1.0),
        ("allocate_int", "simple.allocate_int()", 1.0),
        ("allocate_tuple", "simple.allocate_tuple()", 1.0),
        ("foo_new", "Foo()", 1.0),
        ("foo_len", "len(o)  (sq_length)", 1.0),
        ("foo_getitem", "o[0]  (sq_item)", 1.0),
        ("arithmetic", "total += i * 2 - 1", 1.5),
        ("py_call", "f(i)  (a Python function)", 1.5),
        ("keep_alive", "window[i % 10000] = [i, (i, i)]", 1.5),
    ];
    let mut worst: f64 = 0.0;
    for (case, what, target) in cases {
        let (ours, theirs) = measure(&python, &ext, case, n);
        let ratio = ours / theirs.max(1e-9);
        worst = worst.max(ratio);
        let mark = if ratio <= *target { "ok" } else { "over" };
        println!(
            "{what:<38} {ours:>10.1} {theirs:>10.1} {ratio:>6.2}x {:>4}{target:.1} {mark}",
            "<="
        );
    }
    println!("worst ratio: {worst:.2}x");

    // Memory: peak RSS of objects owning large malloc'ed buffers (issue 17: <= 1.5x).
    let buffers = 2000;
    let (ours, theirs) = peak_rss(&python, buffers);
    println!(
        "peak RSS, {buffers} x bigbuf.Buffer(800 KB), 8 alive: {:.1} MB vs {:.1} MB: {:.2}x <=1.5 {}",
        ours as f64 / 1e6,
        theirs as f64 / 1e6,
        ours as f64 / theirs.max(1) as f64,
        if ours as f64 <= 1.5 * theirs as f64 { "ok" } else { "over" }
    );

    // Torture mode's own cost: collections per second of a small live heap.
    let calls = (n / 20).max(1000);
    let (_, d, err) = run_once(
        &Host::Hpymove(&["--gc=torture", "--gc-stats=json"]),
        &ext,
        "noargs",
        calls,
    );
    let collections = err
        .split("\"collections\":")
        .nth(1)
        .and_then(|s| s.trim_start().split([',', '}']).next())
        .and_then(|s| s.trim().parse::<f64>().ok())
        .unwrap_or(0.0);
    println!(
        "torture (poison on): {collections:.0} collections in {:.2} s of simple.noargs() x {calls}: {:.0} collections/s",
        d.as_secs_f64(),
        collections / d.as_secs_f64().max(1e-9)
    );
}
