//! `hpymove --debug`: every buggy sample (`ext-samples/buggy/`) is caught with the right
//! kind of finding at the C line marked `/* BUG: kind */`, in normal and torture mode, in
//! every build (the compiler's defaults, DWARF 4 and 5 at `-O0` and `-O2`, and setuptools'
//! `--hpy-abi=universal` flow); every correct sample and every script of `tests/scripts/`
//! runs with no finding, in every build.

use std::path::{Path, PathBuf};
use std::process::Command;

const DEBUG_EXIT: i32 = hpymove_runtime::debug::EXIT_STATUS;

fn hpymove(gc: &str) -> Command {
    hpymove_with(gc, &[ext_samples::ext_dir(), ext_samples::buggy_dir()])
}

/// hpymove with `dirs` as PYTHONPATH.
fn hpymove_with(gc: &str, dirs: &[PathBuf]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    let path: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    c.env("PYTHONPATH", path.join(":"))
        .env("HPYMOVE_GC", gc)
        .env_remove("HPYMOVE_GC_STATS")
        .env_remove("HPYMOVE_POISON")
        .env_remove("HPYMOVE_VERIFY_HEAP")
        .env_remove("HPYMOVE_MAX_HEAP")
        .env_remove("HPYMOVE_DEBUG")
        .env_remove("HPYMOVE_REPORT")
        .env_remove("HPYMOVE_REPORT_FILE");
    c
}

/// The line of `/* BUG: kind */` in the sample's source, and the kind.
fn bug_line(name: &str) -> (u32, String) {
    bug_line_in(&ext_samples::buggy_source(name))
}

fn bug_line_in(source: &Path) -> (u32, String) {
    let name = source.display();
    let src = std::fs::read_to_string(source).expect("source");
    let mut found = src.lines().enumerate().filter_map(|(i, l)| {
        let k = l.split("/* BUG: ").nth(1)?.split(" */").next()?;
        Some((i as u32 + 1, k.trim().to_string()))
    });
    let first = found.next().expect("a /* BUG: kind */ marker");
    assert!(found.next().is_none(), "{name}: one marker per sample");
    first
}

/// The Python code that triggers buggy sample `name`.
fn trigger(name: &str) -> &'static str {
    match name {
        "use_closed" => "use_closed.twice(3)",
        "use_invalid" => "use_invalid.get_default()",
        "double_close" => "double_close.describe(5)",
        "close_constant" => "close_constant.or_none()",
        "close_arg" => "close_arg.length([1, 2])",
        "return_arg" => "return_arg.as_int(4)",
        "keep_arg" => "keep_arg.remember([1, 2]); keep_arg.recall_length('abc')",
        "return_arg_slot" => "+return_arg_slot.Same()",
        "leak" => "leak.count_true([0, 1, 0])",
        "leak_in_method" => "leak_in_method.Counter().greet('')",
        "builder_after_build" => "builder_after_build.pair(1, 2)",
        "tracker_after_close" => "tracker_after_close.plus_one(1)",
        "bad_global" => "bad_global.cached()",
        "bytes_after_close" => "bytes_after_close.first_char('hello')",
        "asstruct_after_collect" => {
            "c = asstruct_after_collect.make_and_keep(7); del c; import gc; gc.collect(); \
             asstruct_after_collect.read_kept()"
        }
        "traverse_forgets_field" => {
            "p = traverse_forgets_field.Pair([1], [2]); import gc; gc.collect(); \
             assert p.second() == [2]"
        }
        "untraced_field" => {
            "b = untraced_field.Box(); b.put([3]); import gc; gc.collect(); assert b.get() == [3]"
        }
        other => panic!("no trigger for buggy sample {other}: add one"),
    }
}

/// The line where the C function holding line `line` of `source` is defined (the line with
/// its name, as `DW_AT_decl_line` records it).
fn function_line(source: &Path, line: u32) -> u32 {
    let src = std::fs::read_to_string(source).expect("source");
    let lines: Vec<&str> = src.lines().collect();
    (0..line as usize)
        .rev()
        .find(|i| lines[*i].starts_with("static ") && lines[*i].contains('('))
        .map(|i| i as u32 + 1)
        .unwrap_or_else(|| panic!("{}: no function above line {line}", source.display()))
}

fn run_buggy(name: &str, gc: &str) {
    run_buggy_in(
        name,
        gc,
        &[ext_samples::ext_dir(), ext_samples::buggy_dir()],
        &ext_samples::buggy_source(name),
        "default",
    )
}

/// Runs buggy sample `name` from `dirs` (built from `file`) and checks the report.
fn run_buggy_in(name: &str, gc: &str, dirs: &[PathBuf], file: &Path, build: &str) {
    let (line, kind) = bug_line_in(file);
    let code = format!(
        "import {name}\ntry:\n    {}\nexcept Exception as e:\n    print('raised', type(e).__name__)\n",
        trigger(name)
    );
    let o = hpymove_with(gc, dirs)
        .args(["--debug", "--report=json", "-c", &code])
        .output()
        .expect("spawn hpymove");
    let gc = format!("{gc}, build {build}");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(DEBUG_EXIT), "{name} ({gc}): {err}");
    let json = err
        .lines()
        .find(|l| l.starts_with("{\"hpymove_debug_report\""))
        .map(|_| &err[err.find("{\"hpymove_debug_report\"").expect("found")..])
        .unwrap_or_else(|| panic!("{name} ({gc}): no JSON report in {err}"));
    assert!(
        json.contains(&format!("\"kind\":\"{kind}\"")),
        "{name} ({gc}): no {kind} finding: {json}"
    );
    let at = |key: &str, line: u32| {
        format!(
            "\"{key}\":{{\"file\":\"{}\",\"line\":{line},",
            file.display()
        )
    };
    // Where the line shows: the misuse, or for a leak the creation. A returned argument is
    // detected after the return, where no C line exists: the function is named, at the
    // line that defines it.
    match kind.as_str() {
        "leak" | "field-not-traversed" => {
            assert!(
                json.contains(&at("created_at", line)),
                "{name} ({gc}): {json}"
            )
        }
        "return-argument" => {
            let function = match name {
                "return_arg_slot" => "return_arg_slot.Same.__pos__",
                _ => "as_int",
            };
            assert!(
                json.contains(&format!("\"extension_function\":\"{function}\"")),
                "{name} ({gc}): {json}"
            );
            let def = at("misused_at", function_line(file, line));
            assert!(json.contains(&def), "{name} ({gc}): no {def} in {json}");
        }
        _ => assert!(
            json.contains(&at("misused_at", line)),
            "{name} ({gc}): {json}"
        ),
    }
    // Only the bug's kind is reported (a leak may be found more than once).
    for k in json.split("\"kind\":\"").skip(1) {
        let k = k.split('"').next().expect("kind");
        assert_eq!(k, kind, "{name} ({gc}): unexpected finding: {json}");
    }
}

#[test]
fn every_buggy_sample_is_caught_at_its_line() {
    let names: Vec<_> = ext_samples::buggy_samples().collect();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        run_buggy(name, "normal");
    }
}

#[test]
fn every_buggy_sample_is_caught_at_its_line_in_torture_mode() {
    for name in ext_samples::buggy_samples() {
        run_buggy(name, "torture");
    }
}

/// Every buggy sample of build `build` (see `ext_samples::builds`), in normal and torture
/// mode.
fn buggy_samples_in_build(build: &str) {
    let dirs = [ext_samples::ext_dir(), ext_samples::buggy_build_dir(build)];
    let mut failed = Vec::new();
    for name in ext_samples::buggy_samples() {
        for gc in ["normal", "torture"] {
            let file = ext_samples::buggy_source(name);
            if !caught(|| run_buggy_in(name, gc, &dirs, &file, build)) {
                failed.push(format!("{name} ({gc})"));
            }
        }
    }
    assert!(
        failed.is_empty(),
        "build {build}: not caught at the marked line: {failed:?}"
    );
}

/// Whether `check` passed (its panic message is printed either way): every sample of a
/// build is tried, so that one failure shows them all.
fn caught(check: impl FnOnce()) -> bool {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(check)).is_ok()
}

#[test]
fn buggy_samples_caught_at_their_lines_dwarf4_o0() {
    buggy_samples_in_build("dwarf4-O0");
}

#[test]
fn buggy_samples_caught_at_their_lines_dwarf5_o0() {
    buggy_samples_in_build("dwarf5-O0");
}

#[test]
fn buggy_samples_caught_at_their_lines_dwarf4_o2() {
    buggy_samples_in_build("dwarf4-O2");
}

#[test]
fn buggy_samples_caught_at_their_lines_dwarf5_o2() {
    buggy_samples_in_build("dwarf5-O2");
}

#[test]
fn every_build_is_tested() {
    let builds: Vec<_> = ext_samples::builds().collect();
    assert_eq!(
        builds,
        ["dwarf4-O0", "dwarf5-O0", "dwarf4-O2", "dwarf5-O2"],
        "a build without its tests here"
    );
}

/// The buggy samples built the way an extension author builds with setuptools
/// (`hpy_ext_modules`, `--hpy-abi=universal`, the interpreter's own compiler flags), in a
/// temporary directory with the environment's Python.
#[test]
fn buggy_samples_built_by_setuptools_are_caught_at_their_lines() {
    let python = ext_samples::python().unwrap_or_else(|| {
        panic!(
            "ext-samples was built from HPY_INCLUDE, so there is no Python with hpy to run \
             setuptools: build with HPYMOVE_VENV (or <repo>/.venv, see scripts/setup.sh)"
        )
    });
    let check = Command::new(&python)
        .args(["-c", "import setuptools, hpy.devel"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        check.status.success(),
        "{} cannot import setuptools and hpy.devel (run scripts/setup.sh): {}",
        python.display(),
        String::from_utf8_lossy(&check.stderr)
    );
    let dir = std::env::temp_dir().join(format!("hpymove-setuptools-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dir = dir.canonicalize().expect("temp dir");
    let names: Vec<_> = ext_samples::buggy_samples().collect();
    for name in &names {
        std::fs::copy(
            ext_samples::buggy_source(name),
            dir.join(format!("{name}.c")),
        )
        .expect("copy source");
    }
    let modules: Vec<String> = names
        .iter()
        .map(|n| format!("Extension('{n}', sources=['{n}.c'])"))
        .collect();
    let setup = format!(
        "from setuptools import setup, Extension\n\
         setup(name='buggy', py_modules=[], hpy_ext_modules=[{}])\n",
        modules.join(", ")
    );
    std::fs::write(dir.join("setup.py"), setup).expect("setup.py");
    // Not `--parallel`: every extension compiles hpy's helper sources to the same object
    // files under build/temp, and two jobs writing one of them at once break the link.
    let o = Command::new(&python)
        .current_dir(&dir)
        .args(["setup.py", "--hpy-abi=universal", "build_ext", "--inplace"])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    assert!(
        o.status.success(),
        "setup.py build_ext failed:\n{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let mut failed = Vec::new();
    for name in &names {
        let so = dir.join(format!("{name}.hpy0.so"));
        assert!(so.is_file(), "setuptools did not write {}", so.display());
        for gc in ["normal", "torture"] {
            let file = dir.join(format!("{name}.c"));
            if !caught(|| run_buggy_in(name, gc, std::slice::from_ref(&dir), &file, "setuptools")) {
                failed.push(format!("{name} ({gc})"));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        failed.is_empty(),
        "setuptools build: not caught at the marked line: {failed:?}"
    );
}

#[test]
fn text_report_names_the_function_and_the_lines() {
    let o = hpymove("normal")
        .args(["--debug", "-c", "import leak\nleak.count_true([0, 1])"])
        .output()
        .expect("spawn");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(DEBUG_EXIT), "{err}");
    let (line, _) = bug_line("leak");
    assert!(err.contains("[1] leak: handle"), "{err}");
    assert!(err.contains("in extension function: count_true"), "{err}");
    assert!(
        err.contains(&format!("leak.c:{line} (in count_true_impl)")),
        "{err}"
    );
    assert!(err.contains("C stack where it was opened:"), "{err}");
    assert!(err.contains("collection: "), "{err}");
}

#[test]
fn help_lists_every_kind_of_finding() {
    let o = hpymove("normal").arg("-h").output().expect("spawn");
    let help = String::from_utf8_lossy(&o.stdout);
    let debug = help
        .split("--debug ")
        .nth(1)
        .and_then(|s| s.split("--report=").next())
        .unwrap_or_else(|| panic!("no --debug paragraph in {help}"));
    for kind in hpymove_runtime::debug::FindingKind::ALL {
        assert!(
            debug.contains(kind.name()),
            "{} missing: {debug}",
            kind.name()
        );
    }
    // Each kind is documented in the report's schema too.
    let schema = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/debug-report.md"),
    )
    .expect("docs/debug-report.md");
    for kind in hpymove_runtime::debug::FindingKind::ALL {
        assert!(
            schema.contains(&format!("| `{}` |", kind.name())),
            "{}",
            kind.name()
        );
    }
}

#[test]
fn report_file_and_environment() {
    let dir = std::env::temp_dir().join(format!("hpymove-debug-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("tmp");
    let file = dir.join("report.json");
    let o = hpymove("normal")
        .env("HPYMOVE_DEBUG", "1")
        .env("HPYMOVE_REPORT", "json")
        .env("HPYMOVE_REPORT_FILE", &file)
        .args(["-c", "import close_arg\nclose_arg.length([1])"])
        .output()
        .expect("spawn");
    assert_eq!(o.status.code(), Some(DEBUG_EXIT));
    let report = std::fs::read_to_string(&file).expect("report written");
    assert!(report.contains("\"kind\":\"close-argument\""), "{report}");
    assert!(!String::from_utf8_lossy(&o.stderr).contains("hpymove_debug_report"));
    let _ = std::fs::remove_dir_all(&dir);
    // Without --debug the same bug is not reported, and the status is the program's.
    let o = hpymove("normal")
        .args(["-c", "import close_arg\nclose_arg.length([1])"])
        .output()
        .expect("spawn");
    assert_eq!(o.status.code(), Some(0));
}

/// Without debug mode, an argument handle kept past its call (argument handles are a
/// stack of their own, `host/handles.rs`) resolves to nothing, even when a later call's
/// argument sits at the same place: a clear error, never another object.
#[test]
fn a_kept_argument_handle_is_refused_without_debug_mode() {
    let code = "import keep_arg\n\
                keep_arg.remember([1, 2])\n\
                for other in ['abc', (1, 2, 3, 4), None]:\n\
                \x20   try:\n\
                \x20       print(keep_arg.recall_length(other))\n\
                \x20   except SystemError as e:\n\
                \x20       print('SystemError', 'not an open handle' in str(e))\n";
    for gc in ["normal", "torture"] {
        let o = hpymove(gc)
            .env("HPYMOVE_POISON", "1")
            .env("HPYMOVE_VERIFY_HEAP", "1")
            .args(["-c", code])
            .output()
            .expect("spawn");
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{gc}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        assert_eq!(out, "SystemError True\n".repeat(3), "{gc}");
    }
}

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scripts")
}

fn expected_status(script: &Path) -> i32 {
    std::fs::read_to_string(script.with_extension("status"))
        .map(|s| s.trim().parse().expect("a status"))
        .unwrap_or(0)
}

fn no_findings_on_scripts(gc: &str) {
    let mut scripts: Vec<_> = std::fs::read_dir(scripts_dir())
        .expect("scripts")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    scripts.sort();
    assert!(!scripts.is_empty());
    for s in scripts {
        script_has_no_findings(hpymove(gc), &s, gc);
    }
}

/// Runs script `s` of `tests/scripts` under `--debug` with `cmd`: no report, and the exit
/// status CPython gives it. `label` says which run failed.
fn script_has_no_findings(mut cmd: Command, s: &Path, label: &str) {
    let o = cmd
        .current_dir(scripts_dir())
        .args(["--debug", "--report=json"])
        .arg(s.file_name().expect("name"))
        .output()
        .expect("spawn");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !err.contains("hpymove_debug_report"),
        "{} ({label}): {err}",
        s.display()
    );
    assert_eq!(
        o.status.code(),
        Some(expected_status(s)),
        "{} ({label}): {err}",
        s.display()
    );
}

#[test]
fn correct_scripts_produce_no_report() {
    no_findings_on_scripts("normal");
}

#[test]
fn correct_scripts_produce_no_report_in_torture_mode() {
    no_findings_on_scripts("torture");
}

#[test]
fn every_correct_sample_imports_under_debug_with_no_report() {
    for name in ext_samples::samples() {
        let o = hpymove("torture")
            .args(["--debug", "-c", &format!("import {name}")])
            .output()
            .expect("spawn");
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(0), "{name}: {err}");
    }
}

/// The scripts that import a sample extension, run under `--debug` with the samples of
/// each build: no finding. (Every sample is imported in torture mode too.)
#[test]
fn correct_samples_of_every_build_produce_no_report() {
    let samples: Vec<_> = ext_samples::samples().collect();
    let mut scripts: Vec<PathBuf> = std::fs::read_dir(scripts_dir())
        .expect("scripts")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            samples.iter().any(|s| {
                text.lines().any(|l| {
                    let l = l.trim_start();
                    (l.starts_with("import ") || l.starts_with("from "))
                        && l.split(|c: char| !c.is_alphanumeric() && c != '_')
                            .any(|w| w == *s)
                })
            })
        })
        .collect();
    scripts.sort();
    assert!(scripts.len() >= 5, "{scripts:?}");
    for build in ext_samples::builds() {
        let dirs = [ext_samples::build_dir(build)];
        for name in &samples {
            let o = hpymove_with("torture", &dirs)
                .args(["--debug", "-c", &format!("import {name}")])
                .output()
                .expect("spawn");
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(0), "{name} ({build}): {err}");
        }
        for s in &scripts {
            script_has_no_findings(hpymove_with("normal", &dirs), s, build);
        }
    }
}

/// The line of `/* KEPT */` in `src-c/heldhandle.c` (where `keep` opens the handle it keeps).
fn kept_line() -> u32 {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../ext-samples/src-c/heldhandle.c"
    );
    let src = std::fs::read_to_string(path).expect("heldhandle.c");
    src.lines()
        .position(|l| l.contains("/* KEPT */"))
        .expect("a KEPT marker") as u32
        + 1
}

#[test]
fn handle_kept_across_calls_is_a_leak_only_if_never_closed() {
    // Closed by a later call (HPy's test_HPyErr_NewException does this): no finding.
    let ok = hpymove("normal")
        .args([
            "--debug",
            "-c",
            "import heldhandle as h\nh.keep([1])\nh.keep([2])\nh.release()",
        ])
        .output()
        .expect("spawn");
    let err = String::from_utf8_lossy(&ok.stderr);
    assert_eq!(ok.status.code(), Some(0), "{err}");
    assert!(err.is_empty(), "{err}");
    // Never closed: one leak when the run ends, at the line that opened it.
    let leaked = hpymove("torture")
        .args([
            "--debug",
            "-c",
            "import heldhandle as h\nh.keep([1])\nh.keep([2])",
        ])
        .output()
        .expect("spawn");
    let err = String::from_utf8_lossy(&leaked.stderr);
    assert_eq!(leaked.status.code(), Some(DEBUG_EXIT), "{err}");
    assert!(err.contains("1 problem(s) found"), "{err}");
    assert!(err.contains("[1] leak: handle"), "{err}");
    assert!(err.contains("still open when the run ended"), "{err}");
    assert!(
        err.contains(&format!("heldhandle.c:{} (in keep_impl)", kept_line())),
        "{err}"
    );
}

#[test]
fn leak_detector_takes_the_leaks_of_its_block() {
    // `_hpymove.debug_take_leaks` (behind hpy.debug.LeakDetector): the handles opened since
    // the generation, still open after their call returned; taken ones are not reported
    // again at the end of the run.
    let script = "import _hpymove, heldhandle as h\n\
                  h.keep([0])\n\
                  g = _hpymove.debug_generation()\n\
                  h.keep([4])\n\
                  h.keep([5])\n\
                  leaks = _hpymove.debug_take_leaks(g)\n\
                  own = [l for l in leaks[0][2] if 'heldhandle.c' in l]\n\
                  lib = [l for l in leaks[0][2] if 'heldhandle.hpy0.so(+0x' in l]\n\
                  print(len(leaks), leaks[0][1], own[0].rsplit('/', 1)[1], leaks[0][3], len(lib))\n\
                  print(_hpymove.debug_take_leaks(g))\n\
                  print(_hpymove.debug_enabled())\n";
    let o = hpymove("normal")
        .args(["--debug", "-c", script])
        .output()
        .expect("spawn");
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert_eq!(o.status.code(), Some(0), "{out}{err}");
    assert_eq!(
        out,
        format!(
            "1 [5] heldhandle.c:{} (in keep_impl) keep 1\n[]\nTrue\n",
            kept_line()
        ),
        "{err}"
    );
    // Without --debug there is nothing to take.
    let o = hpymove("normal")
        .args([
            "-c",
            "import _hpymove, heldhandle as h\n\
             g = _hpymove.debug_generation()\n\
             h.keep([4])\n\
             print(_hpymove.debug_take_leaks(g), _hpymove.debug_enabled())\n",
        ])
        .output()
        .expect("spawn");
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(out, "[] False\n");
}
