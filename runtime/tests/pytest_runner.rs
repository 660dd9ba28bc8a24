//! `hpymove -m pytest` against real pytest (8.3.5, installed by `scripts/setup.sh`) on the
//! small suites of `tests/pytest_suites/`: for each suite and command line, the outcome of
//! every test (pytest's `-v` lines: node id and PASSED / FAILED / SKIPPED / XFAIL / XPASS /
//! ERROR, in order), the counts of the final summary line (timing left out) and the exit
//! status must be the same. Some suites are also run under `--gc=always`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn suites() -> PathBuf {
    root().join("tests/pytest_suites")
}

fn python() -> PathBuf {
    let p = ext_samples::python().unwrap_or_else(|| root().join(".venv/bin/python"));
    let check = Command::new(&p)
        .args(["-c", "import pytest; assert pytest.__version__ == '8.3.5'"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e} (run scripts/setup.sh)", p.display()));
    assert!(
        check.status.success(),
        "{} has no pytest 8.3.5: run scripts/setup.sh",
        p.display()
    );
    p
}

/// What a run says: the per-test outcome lines, the short test summary's FAILED and
/// ERROR lines (and SKIPPED / XFAIL / XPASS with `-rsxX`: reasons and where the skips
/// are), with the exception's message (a plain failing `assert a == b` says
/// `assert 1 == 2`, as pytest's assertion rewriting does), the counts of the final line and
/// the exit status.
#[derive(Debug, PartialEq)]
struct Outcome {
    tests: Vec<String>,
    failures: Vec<String>,
    summary: String,
    status: i32,
}

const WORDS: &[&str] = &["PASSED", "FAILED", "SKIPPED", "XFAIL", "XPASS", "ERROR"];

fn outcome(stdout: &str, status: i32) -> Outcome {
    let mut tests = Vec::new();
    let failures = stdout
        .lines()
        .filter(|l| {
            ["FAILED ", "ERROR ", "SKIPPED [", "XFAIL ", "XPASS "]
                .iter()
                .any(|w| l.starts_with(w))
        })
        // Whether pytest prefixes an explained assert with its class name depends on the
        // verbosity (the repr of its longer -v explanation): compared without it.
        .map(|l| l.replace(" - AssertionError: assert ", " - assert "))
        .collect();
    for line in stdout.lines() {
        // `path::name[ids] WORD (reason)   [ 42%]`
        let Some((nodeid, rest)) = line.split_once(' ') else {
            continue;
        };
        if !nodeid.contains("::") {
            continue;
        }
        if let Some(w) = WORDS.iter().find(|w| rest.starts_with(*w)) {
            tests.push(format!("{nodeid} {w}"));
        }
    }
    // The last line: `==== 1 failed, 2 passed, 1 warning in 0.12s ====`.
    let last = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let summary = last
        .map(|l| l.trim_matches(|c| c == '=' || c == ' '))
        .map(|l| l.rsplit_once(" in ").map_or(l, |(counts, _)| counts))
        .unwrap_or("")
        .split(", ")
        .filter(|part| !part.contains("warning"))
        .collect::<Vec<_>>()
        .join(", ");
    Outcome {
        tests,
        failures,
        summary,
        status,
    }
}

fn run(mut cmd: Command, suite: &str, args: &[&str]) -> (Outcome, String) {
    let out = cmd
        .args(["-v", "-p", "no:cacheprovider"])
        .args(args)
        .current_dir(suites().join(suite))
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .env_remove("PYTHONPATH")
        .env_remove("HPYMOVE_GC")
        .output()
        .expect("spawn");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let all = format!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    (outcome(&stdout, out.status.code().unwrap_or(-1)), all)
}

fn pytest() -> Command {
    let mut c = Command::new(python());
    c.args(["-m", "pytest", "-p", "no:warnings"]);
    c
}

fn hpymove(gc: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    c.arg(format!("--gc={gc}")).args(["-m", "pytest"]);
    c
}

/// Runs `suite` with `args` on both and compares.
fn same(suite: &str, args: &[&str], gc: &str) {
    let (want, want_text) = run(pytest(), suite, args);
    let (got, got_text) = run(hpymove(gc), suite, args);
    assert!(
        !want.tests.is_empty() || want.status != 0,
        "pytest ran nothing in {suite} {args:?}:\n{want_text}"
    );
    assert_eq!(
        got, want,
        "{suite} {args:?} under --gc={gc}\n--- hpymove:\n{got_text}\n--- pytest:\n{want_text}"
    );
}

#[test]
fn outcomes_pass_fail_skip_xfail_raises_capture() {
    same("outcomes", &[], "normal");
    same("outcomes", &["-rsxX"], "normal");
}

#[test]
fn fixtures_scopes_teardown_order_conftests_builtins() {
    same("fixtures", &[], "normal");
}

/// A path argument below the invocation directory: the rootdir is still the invocation
/// directory (pytest's rule without an ini file), so the conftest there applies.
#[test]
fn fixtures_of_a_parent_conftest_for_a_subdirectory_argument() {
    same("fixtures", &["sub"], "normal");
    same("fixtures", &["sub/test_sub.py::test_layered"], "normal");
}

#[test]
fn fixtures_custom_option_from_conftest() {
    same(
        "fixtures",
        &["--flavour", "mint", "-k", "options"],
        "normal",
    );
}

#[test]
fn package_relative_imports_inherited_classes_fixture_params() {
    same("pkg", &[], "normal");
}

#[test]
fn parametrize_ids_stacked_params_and_fixture_params() {
    same("params", &["-rsxX"], "normal");
}

#[test]
fn keyword_expressions() {
    for k in [
        "alpha",
        "not alpha",
        "alpha and not beta",
        "(alpha or gamma) and not beta",
        "TestGroup",
        "one",
        "slow",
        "test_param and two",
        "nothing_matches",
    ] {
        same("selection", &["-k", k], "normal");
    }
    same("selection", &["-m", "slow"], "normal");
}

#[test]
fn exitfirst_maxfail_and_node_ids() {
    same("selection", &["-x"], "normal");
    same("selection", &["--maxfail=2"], "normal");
    same(
        "selection",
        &["test_sel.py::TestGroup", "test_zzz.py::test_last"],
        "normal",
    );
    same("selection", &["test_sel.py::test_param[two]"], "normal");
    same("selection", &["test_sel.py::test_param"], "normal");
}

#[test]
fn files_skipped_at_module_level() {
    same("modskip", &["-rs"], "normal");
}

#[test]
fn collection_error_interrupts_with_status_2() {
    same("collect_error", &[], "normal");
}

#[test]
fn no_tests_is_status_5_and_usage_error_is_4() {
    same("empty", &[], "normal");
    let (got, text) = run(hpymove("normal"), "empty", &["--no-such-option"]);
    assert_eq!(got.status, 4, "{text}");
    let (want, _) = run(pytest(), "empty", &["--no-such-option"]);
    assert_eq!(want.status, 4);
}

/// unittest.TestCase classes: collected whatever their names, run by the TestCase
/// (setUp/tearDown, cleanups), setUpClass/setUpModule as class and module fixtures
/// (errors at setup and teardown), unittest's skips and expected failures, subTest.
#[test]
fn unittest_test_cases() {
    same("unittest_style", &[], "normal");
    same("unittest_style", &["-rsxX"], "normal");
    same("unittest_style", &["-k", "Skips or First"], "normal");
    same(
        "unittest_style",
        &["test_ut_fixtures.py::First::test_b"],
        "normal",
    );
}

#[test]
fn doctest_modules_docstring_examples_as_items() {
    same("doctests", &[], "normal");
    // (Not -rs: pytest names its own doctest.py as where an all-+SKIP item is skipped.)
    same("doctests", &["--doctest-modules"], "normal");
    same(
        "doctests",
        &["--doctest-modules", "--doctest-continue-on-failure"],
        "normal",
    );
    same(
        "doctests",
        &["--doctest-modules", "shapes/square.py"],
        "normal",
    );
    same(
        "doctests",
        &["--doctest-modules", "-k", "grow or area"],
        "normal",
    );
}

#[test]
fn under_gc_always() {
    same("pkg", &[], "always");
    same("fixtures", &[], "always");
    same("unittest_style", &[], "always");
    same("doctests", &["--doctest-modules"], "always");
}

#[test]
fn pyproject_toml_lists_testpaths_addopts_xfail_strict_markers() {
    // The configuration as most projects write it: TOML lists over several lines.
    same("pyproject", &[], "normal");
    same("pyproject", &["-q"], "normal");
}

#[test]
fn warns_deprecated_call_and_recwarn() {
    same("warns", &[], "normal");
}

/// An extension author's suite written for HPy: its conftest imports `hpy.debug.pytest`
/// (the `hpy_debug` fixture, `LeakDetector`) and loads the module under test with
/// `hpy.universal.load(..., debug=True)`. hpymove's carried `hpy` package runs it unchanged
/// under `--debug` (also collecting at every safepoint), with the outcomes of CPython's
/// pytest on hpy.universal: leaks found inside a detector's block, a leaking test failed at
/// teardown by the fixture.
#[test]
fn hpy_debug_pytest_helpers_of_an_extension_authors_conftest() {
    let buggy = ext_samples::ext_dir().join("buggy");
    let with_ext = |mut c: Command| {
        c.env("HPY_AUTHOR_EXT", &buggy);
        c
    };
    let (want, want_text) = run(with_ext(pytest()), "hpy_author", &[]);
    assert_eq!(want.summary, "6 passed, 1 error", "{want_text}");
    for gc in ["normal", "always"] {
        let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
        c.args(["--debug", &format!("--gc={gc}"), "-m", "pytest"]);
        let (got, got_text) = run(with_ext(c), "hpy_author", &[]);
        assert_eq!(
            got, want,
            "hpy_author under --debug --gc={gc}\n--- hpymove:\n{got_text}\n--- pytest:\n{want_text}"
        );
    }
}
