//! The script corpus `tests/scripts/*.py`: each script's stdout, stderr and exit status
//! are compared with its expected files (`.out`, `.err`, `.status`, made from CPython
//! 3.11 with `tests/regen_expected.sh`), on hpymove in normal, torture and always mode
//! (the last two with poison and every collection verified), and on
//! the reference host (CPython with `hpy.universal` loading the same extension binaries),
//! so the expectations are CPython's behaviour, checked live.
//!
//! Stderr is compared after dropping CPython 3.11's caret lines (`~~~^^^`), which hpymove
//! does not print. A script that says `# compare: exception type` is compared on the
//! exception class of the last stderr line only, and not run on the reference host
//! (what hpymove refuses where CPython has no equivalent: `async`). A script that
//! says `# reference host: skip` is not run there either (it says why: CPython 3.11 +
//! hpy.universal 0.9.0 crashes on Python subclasses of HPy types); its expected files
//! are written for hpymove and checked by hand.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn scripts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/scripts"))
        .expect("tests/scripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    v.sort();
    v
}

struct Outcome {
    stdout: String,
    stderr: String,
    status: i32,
}

fn expected(script: &Path) -> Outcome {
    let read = |ext: &str| std::fs::read_to_string(script.with_extension(ext)).unwrap_or_default();
    Outcome {
        stdout: read("out"),
        stderr: read("err"),
        status: read("status").trim().parse().unwrap_or(0),
    }
}

/// Drops caret lines and trailing whitespace; with `type_only`, keeps only the
/// exception class of the last line.
fn normalize_err(s: &str, type_only: bool) -> String {
    let lines: Vec<&str> = s
        .lines()
        .filter(|l| {
            let t = l.trim();
            t.is_empty() || !t.chars().all(|c| matches!(c, '^' | '~'))
        })
        .collect();
    if type_only {
        return lines
            .last()
            .map(|l| l.split(':').next().unwrap_or("").to_string())
            .unwrap_or_default();
    }
    lines.join("\n").trim_end().to_string()
}

fn run(mut cmd: Command, script: &Path) -> Outcome {
    let out = cmd
        .arg(script.file_name().expect("name"))
        .current_dir(script.parent().expect("dir"))
        .env("PYTHONPATH", ext_samples::ext_dir())
        .env_remove("HPYMOVE_GC")
        .output()
        .expect("spawn");
    Outcome {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        status: out.status.code().unwrap_or(-1),
    }
}

fn check_all(name: &str, make: impl Fn() -> Command, reference_host: bool) {
    check_some(name, make, reference_host, |_| true)
}

/// `check_all` on the scripts `pick` chooses (by their file name).
fn check_some(
    name: &str,
    make: impl Fn() -> Command,
    reference_host: bool,
    pick: impl Fn(&str) -> bool,
) {
    let mut failures = Vec::new();
    let all: Vec<PathBuf> = scripts()
        .into_iter()
        .filter(|s| pick(&s.file_name().unwrap().to_string_lossy()))
        .collect();
    assert!(!all.is_empty(), "no scripts");
    for s in &all {
        let src = std::fs::read_to_string(s).expect("script");
        let type_only = src.contains("# compare: exception type");
        let host_skip = src.contains("# reference host: skip");
        if (type_only || host_skip) && reference_host {
            continue;
        }
        let want = expected(s);
        let got = run(make(), s);
        let what = s.file_name().unwrap().to_string_lossy().into_owned();
        if got.stdout != want.stdout {
            failures.push(format!(
                "{what}: stdout differs\n--- expected\n{}--- got\n{}",
                want.stdout, got.stdout
            ));
        }
        if normalize_err(&got.stderr, type_only) != normalize_err(&want.stderr, type_only) {
            failures.push(format!(
                "{what}: stderr differs\n--- expected\n{}\n--- got\n{}",
                want.stderr, got.stderr
            ));
        }
        if got.status != want.status {
            failures.push(format!(
                "{what}: exit status {} (expected {})",
                got.status, want.status
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{name}: {} problem(s) over {} scripts:\n\n{}",
        failures.len(),
        all.len(),
        failures.join("\n\n")
    );
}

fn hpymove(gc: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    c.arg(format!("--gc={gc}")).arg("--verify-heap");
    c
}

#[test]
fn scripts_normal() {
    check_all("hpymove --gc=normal", || hpymove("normal"), false);
}

/// A collection at every HPy call; poison is implied (`--gc=torture` turns it on).
#[test]
fn scripts_torture() {
    check_all("hpymove --gc=torture", || hpymove("torture"), false);
}

/// A collection at every safepoint, interpreter ones included (every statement), with
/// poison: a stale reference anywhere in the runtime faults where it is read. Its cost is
/// statements × live heap, so the corpus runs in three parts that nextest runs side by
/// side: `generators.py` alone (2,500 suspended generators, each resumed), and
/// the rest in two halves.
#[test]
fn scripts_always_generators() {
    check_some(
        "hpymove --gc=always",
        || hpymove("always"),
        false,
        |n| n == HEAVY,
    );
}

#[test]
fn scripts_always_a_to_l() {
    check_some(
        "hpymove --gc=always",
        || hpymove("always"),
        false,
        |n| n != HEAVY && n < "m",
    );
}

#[test]
fn scripts_always_m_to_z() {
    check_some(
        "hpymove --gc=always",
        || hpymove("always"),
        false,
        |n| n != HEAVY && n >= "m",
    );
}

/// The script whose run under `--gc=always` takes longest.
const HEAVY: &str = "generators.py";

/// The same scripts on CPython 3.11 + hpy.universal give the expected outputs.
#[test]
fn scripts_on_the_reference_host() {
    let python = root().join(".venv/bin/python");
    assert!(
        python.exists(),
        "{} not found: run scripts/setup.sh",
        python.display()
    );
    let runner = root().join("tests/cpython_run.py");
    check_all(
        "CPython + hpy.universal",
        || {
            let mut c = Command::new(&python);
            c.arg(&runner);
            c
        },
        true,
    );
}
