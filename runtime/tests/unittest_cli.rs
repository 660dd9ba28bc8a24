//! `hpymove -m unittest` and `unittest.main()` against CPython 3.11's on the suite of
//! `tests/unittest_suites/discover` (modules at the top, a package with a subpackage, a
//! directory without `__init__.py`, a module only `-p` finds): discovery with and
//! without options, names of modules, classes and methods, file paths, `-v`, `-q`, `-k`,
//! `-f`, `-b`, and a script ending in `unittest.main()`. Stdout, stderr and the exit
//! status must be CPython's, after the timing of "Ran N tests in X.XXXs" and 3.11's caret
//! lines are left out (and, for a module that cannot be imported, the frames of the two
//! runtimes' own import machinery; and the directory of the files named in tracebacks:
//! CPython names a script by its absolute path).

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn suite() -> PathBuf {
    root().join("tests/unittest_suites/discover")
}

fn python() -> PathBuf {
    let p = ext_samples::python().unwrap_or_else(|| root().join(".venv/bin/python"));
    assert!(
        p.exists(),
        "{} not found: run scripts/setup.sh",
        p.display()
    );
    p
}

/// Whether a traceback line names a file of the runtime itself (its unittest or import
/// machinery), which differs between CPython and hpymove.
fn runtime_frame(line: &str) -> bool {
    line.starts_with("  File \"")
        && [
            "/unittest/",
            "importlib",
            "<string>",
            "<hpymove stdlib>",
            "<frozen ",
        ]
        .iter()
        .any(|m| line.contains(m))
}

fn normalize(text: &str) -> String {
    // CPython 3.11 names the script it runs by its absolute path in tracebacks, hpymove
    // by the path it was given.
    let dir = format!("{}/", suite().canonicalize().expect("suite").display());
    let text = text.replace(&dir, "");
    let mut out = Vec::new();
    let mut skip_source = false;
    for line in text.lines() {
        if skip_source && line.starts_with("    ") {
            continue;
        }
        skip_source = false;
        let t = line.trim();
        if !t.is_empty() && t.chars().all(|c| matches!(c, '^' | '~')) {
            continue;
        }
        if runtime_frame(line) {
            skip_source = true;
            continue;
        }
        let line = match line.strip_prefix("Ran ") {
            Some(rest) if line.ends_with('s') && rest.contains(" in ") => {
                format!("Ran {} in X.XXXs", rest.rsplit_once(" in ").expect("in").0)
            }
            _ => line.to_string(),
        };
        out.push(line);
    }
    out.join("\n")
}

fn run(mut cmd: Command) -> (String, String, i32) {
    let out = cmd
        .current_dir(suite())
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONPATH")
        .env_remove("HPYMOVE_GC")
        .output()
        .expect("spawn");
    (
        normalize(&String::from_utf8_lossy(&out.stdout)),
        normalize(&String::from_utf8_lossy(&out.stderr)),
        out.status.code().unwrap_or(-1),
    )
}

fn same(args: &[&str]) {
    let mut cpython = Command::new(python());
    cpython.args(args);
    let mut ours = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    ours.args(args);
    let want = run(cpython);
    let got = run(ours);
    assert_eq!(
        got, want,
        "hpymove {args:?} (left) differs from CPython (right)"
    );
}

#[test]
fn discovery_by_default_and_with_options() {
    for args in [
        &["-m", "unittest"][..],
        &["-m", "unittest", "-v"],
        &["-m", "unittest", "discover", "-s", "pkg", "-t", "."],
        &["-m", "unittest", "discover", "-p", "check*.py"],
        &["-m", "unittest", "discover", "pkg"],
        &["-m", "unittest", "-q", "test_all_pass"],
    ] {
        same(args);
    }
}

#[test]
fn names_paths_and_selection() {
    for args in [
        &["-m", "unittest", "test_alpha"][..],
        &["-m", "unittest", "test_alpha.Alpha.test_pass"],
        &["-m", "unittest", "test_alpha.py"],
        &["-m", "unittest", "-v", "pkg.test_beta"],
        &["-m", "unittest", "-k", "pass"],
        &["-m", "unittest", "-f"],
        &["-m", "unittest", "-b", "-v", "test_alpha.Beta"],
        &["-m", "unittest", "nonexistent_mod"],
    ] {
        same(args);
    }
}

#[test]
fn a_script_ending_in_unittest_main() {
    same(&["test_alpha.py"]);
    same(&["test_alpha.py", "-v", "Alpha"]);
}

/// A discovery with a collection at every safepoint, poison and verification.
#[test]
fn discovery_under_gc_always() {
    same_always(&["-m", "unittest", "discover", "-v", "-s", "pkg", "-t", "."]);
}

fn same_always(args: &[&str]) {
    let mut cpython = Command::new(python());
    cpython.args(args);
    let mut ours = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    ours.args(["--gc=always", "--poison", "--verify-heap"])
        .args(args);
    assert_eq!(run(ours), run(cpython), "hpymove --gc=always {args:?}");
}
