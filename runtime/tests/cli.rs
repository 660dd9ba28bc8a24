//! The `hpymove` command line: program sources, options, environment variables, exit
//! statuses, and the limits that turn deep nesting and recursion into errors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn hpymove() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    c.env("PYTHONPATH", ext_samples::ext_dir())
        .env_remove("HPYMOVE_GC")
        .env_remove("HPYMOVE_GC_STATS")
        .env_remove("HPYMOVE_POISON")
        .env_remove("HPYMOVE_VERIFY_HEAP")
        .env_remove("HPYMOVE_MAX_HEAP");
    c
}

fn scripts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scripts")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The collection count of a `--gc-stats` text report.
fn collections_in(err: &str) -> u64 {
    err.lines()
        .find_map(|l| l.strip_prefix("collections: "))
        .and_then(|n| n.trim().parse().ok())
        .expect("a statistics report")
}

fn run(c: &mut Command) -> (i32, String, String) {
    let o: Output = c.output().expect("spawn hpymove");
    (
        o.status.code().unwrap_or(-1),
        text(&o.stdout),
        text(&o.stderr),
    )
}

#[test]
fn version_and_help() {
    let (code, out, _) = run(hpymove().arg("-V"));
    assert_eq!(code, 0);
    assert!(out.starts_with("hpymove "), "{out}");
    let (code, out, _) = run(hpymove().arg("--help"));
    assert_eq!(code, 0);
    assert!(out.contains("--gc=MODE") && out.contains("-m mod"), "{out}");
}

#[test]
fn usage_errors_exit_2() {
    let (code, _, err) = run(hpymove().arg("--bogus"));
    assert_eq!(code, 2);
    assert!(err.starts_with("unknown option --bogus"), "{err}");
    let (code, _, err) = run(&mut hpymove());
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = run(hpymove().arg("--gc=sometimes").arg("x.py"));
    assert_eq!(code, 2);
    assert!(err.contains("unknown GC mode"), "{err}");
    let (code, _, err) = run(hpymove().arg("/nonexistent/dir/script.py"));
    assert_eq!(code, 2);
    assert!(
        err.contains(
            "can't open file '/nonexistent/dir/script.py': [Errno 2] No such file or directory"
        ),
        "{err}"
    );
}

/// Usage errors as CPython reports them: its first line, a short usage line (not the whole
/// help), exit status 2; CPython's one-letter options accepted, clustered or not.
#[test]
fn usage_errors_and_options_as_cpython() {
    for bad in [&["-Z"][..], &["--bogus"], &["-c"], &["-uZ"], &["-X"]] {
        let (code, _, err) = run(hpymove().args(bad));
        let cpython = Command::new("python3").args(bad).output().expect("python3");
        let theirs = text(&cpython.stderr);
        assert_eq!(code, 2, "{bad:?}: {err}");
        assert_eq!(Some(code), cpython.status.code(), "{bad:?}");
        assert_eq!(err.lines().next(), theirs.lines().next(), "{bad:?}");
        assert!(
            err.lines().count() <= 3,
            "{bad:?}: the whole help printed:\n{err}"
        );
    }
    for ok in [
        &["-u", "-c", "print(1)"][..],
        &["-uB", "-c", "print(1)"],
        &["-X", "dev", "-c", "print(1)"],
        &["-Xdev", "-W", "ignore", "-c", "print(1)"],
        &["-Euc", "print(1)"],
        &["-I", "-c", "print(1)"],
    ] {
        let (code, out, err) = run(hpymove().args(ok));
        assert_eq!((code, out.as_str()), (0, "1\n"), "{ok:?}: {err}");
    }
    // -E: PYTHONPATH is not read.
    let dir = scripts_dir();
    let (code, _, _) = run(hpymove()
        .env("PYTHONPATH", &dir)
        .args(["-c", "import json_module"]));
    assert_eq!(code, 0);
    let (code, _, err) =
        run(hpymove()
            .env("PYTHONPATH", &dir)
            .args(["-E", "-c", "import json_module"]));
    assert_eq!(code, 1, "{err}");
}

#[test]
fn dash_c_with_arguments() {
    let (code, out, err) =
        run(hpymove().args(["-c", "import sys; print(sys.argv, 6 * 7)", "x", "y"]));
    assert_eq!((code, out.as_str()), (0, "['-c', 'x', 'y'] 42\n"), "{err}");
}

#[test]
fn program_from_stdin() {
    let mut child = hpymove()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"import basics\nprint(basics.add_ints(1, 2))\n")
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout), "3\n");
}

#[test]
fn dash_m_runs_a_module_as_main() {
    let (code, out, err) = run(hpymove()
        .current_dir(scripts_dir())
        .env("PYTHONPATH", scripts_dir())
        .args(["-m", "pkgdemo.helpers"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "importing pkgdemo\n");
}

#[test]
fn dash_m_runs_a_packages_main_and_reports_what_cannot_run() {
    let dir = scripts_dir().join("dashm");
    let (code, out, err) = run(hpymove().current_dir(&dir).args(["-m", "pkg.sub.run"]));
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "pkg init pkg\nrun __main__ pkg.sub pkg.sub.run 5 helper X\n"
    );
    let (code, out, err) = run(hpymove().current_dir(&dir).args(["-m", "pkg", "x"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("True ['x']\n"), "{out}");
    let (code, _, err) = run(hpymove().current_dir(&dir).args(["-m", "nomain"]));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "hpymove: No module named nomain.__main__; 'nomain' is a package and cannot be \
         directly executed\n"
    );
}

#[test]
fn int_max_str_digits_from_x_option_and_environment() {
    let get = "import sys; print(sys.get_int_max_str_digits())";
    let (code, out, err) = run(hpymove().args(["-X", "int_max_str_digits=1000", "-c", get]));
    assert_eq!((code, out.as_str()), (0, "1000\n"), "{err}");
    let (_, out, _) = run(hpymove()
        .env("PYTHONINTMAXSTRDIGITS", "700")
        .args(["-c", get]));
    assert_eq!(out, "700\n");
    // -X wins over the environment; -E ignores the environment.
    let (_, out, _) = run(hpymove().env("PYTHONINTMAXSTRDIGITS", "700").args([
        "-Xint_max_str_digits=0",
        "-c",
        get,
    ]));
    assert_eq!(out, "0\n");
    let (_, out, _) = run(hpymove()
        .env("PYTHONINTMAXSTRDIGITS", "700")
        .args(["-E", "-c", get]));
    assert_eq!(out, "4300\n");
    let (code, _, err) = run(hpymove().args(["-X", "int_max_str_digits=5", "-c", "pass"]));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "hpymove: -X int_max_str_digits: invalid limit; must be >= 640 or 0 for unlimited.\n"
    );
    let (code, _, err) = run(hpymove()
        .env("PYTHONINTMAXSTRDIGITS", "x")
        .args(["-c", "pass"]));
    assert_eq!(code, 1);
    assert!(
        err.starts_with("hpymove: PYTHONINTMAXSTRDIGITS: invalid limit"),
        "{err}"
    );
}

#[test]
fn exit_statuses() {
    for (src, want) in [
        ("import sys; sys.exit()", 0),
        ("import sys; sys.exit(None)", 0),
        ("import sys; sys.exit(7)", 7),
        ("raise SystemExit(4)", 4),
        ("1/0", 1),
    ] {
        let (code, _, err) = run(hpymove().args(["-c", src]));
        assert_eq!(code, want, "{src}: {err}");
    }
    let (code, _, err) = run(hpymove().args(["-c", "import sys; sys.exit('bye')"]));
    assert_eq!((code, err.as_str()), (1, "bye\n"));
}

#[test]
fn deep_recursion_is_a_recursion_error() {
    let (code, _, err) = run(hpymove().args(["-c", "def f(n):\n    return f(n + 1)\nf(0)"]));
    assert_eq!(code, 1);
    assert!(
        err.trim_end()
            .ends_with("RecursionError: maximum recursion depth exceeded"),
        "{err}"
    );
}

#[test]
fn deep_nesting_is_a_syntax_error() {
    let src = format!("x = {}1{}", "(".repeat(300), ")".repeat(300));
    let (code, _, err) = run(hpymove().args(["-c", &src]));
    assert_eq!(code, 1);
    assert!(
        err.contains("SyntaxError: too many nested parentheses"),
        "{err}"
    );
    // Too long for a command line: through stdin. Either it runs or it is refused with
    // a SyntaxError; it never overflows the stack.
    let src = format!("x = {}\nprint(x)\n", vec!["1"; 100_000].join("+"));
    let mut child = hpymove()
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(src.as_bytes())
        .expect("write");
    let o = child.wait_with_output().expect("wait");
    let (code, out, err) = (o.status.code(), text(&o.stdout), text(&o.stderr));
    assert!(
        (code == Some(0) && out == "100000\n") || (code == Some(1) && err.contains("SyntaxError")),
        "{code:?}: {out} {err}"
    );
}

#[test]
fn gc_options_and_statistics() {
    let script = "import basics\nfor i in range(50):\n    basics.build_nested()\nprint('ok')";
    let (code, out, err) =
        run(hpymove().args(["--gc=torture", "--verify-heap", "--gc-stats", "-c", script]));
    assert_eq!((code, out.as_str()), (0, "ok\n"), "{err}");
    let collections = collections_in(&err);
    assert!(
        collections > 1000,
        "torture collects at every HPy call: {collections}"
    );

    // The same settings through the environment, and the JSON report.
    let (code, _, err) = run(hpymove()
        .env("HPYMOVE_GC", "every:10")
        .env("HPYMOVE_GC_STATS", "json")
        .args(["-c", script]));
    assert_eq!(code, 0, "{err}");
    let line = err.lines().last().expect("json");
    assert!(
        line.starts_with("{\"collections\": ") && line.ends_with('}'),
        "{line}"
    );

    let (code, _, err) = run(hpymove().args(["--poison", "--gc=torture", "-c", script]));
    assert_eq!(code, 0, "{err}");
}

#[test]
fn the_heap_cap_is_a_memory_error() {
    let (code, _, err) = run(hpymove().args([
        "--max-heap=8M",
        "-c",
        "x = []\nwhile True:\n    x = [x, x, x, x, x, x, x, x]",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("MemoryError"), "{err}");
}

/// The main job's demo (scripts/demo.sh runs it in torture mode) runs with a collection
/// at every safepoint, poison and a verified heap.
#[test]
fn the_demo_runs_with_a_collection_at_every_safepoint() {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ext-samples/demo.py");
    let (code, out, err) = run(hpymove()
        .args(["--gc=always", "--verify-heap", "--gc-stats"])
        .arg(&demo));
    assert_eq!(code, 0, "{out}\n{err}");
    let collections = collections_in(&err);
    assert!(
        collections > 1000,
        "always collects at every safepoint: {collections}"
    );
}

/// `always` collects at interpreter safepoints too: a pure-Python loop collects at every
/// iteration, where torture (HPy calls only) does not collect at all.
#[test]
fn always_collects_at_interpreter_safepoints() {
    let script = "x = 0\nfor i in range(300):\n    x = x + i\nprint(x)";
    let count = |mode: &str| {
        let (code, out, err) = run(hpymove().args([mode, "--gc-stats", "-c", script]));
        assert_eq!((code, out.as_str()), (0, "44850\n"), "{err}");
        collections_in(&err)
    };
    // One safepoint per iteration at least: the body's statement.
    assert!(count("--gc=always") >= 300);
    assert!(count("--gc=torture") < 10);
}

#[test]
fn a_truncated_extension_is_a_runtime_error_not_a_crash() {
    // The script's directory comes first on the module path: its cut-down basics.hpy0.so
    // hides the good one. dlopen on it faulted (SIGBUS) inside the dynamic loader.
    let dir = std::env::temp_dir().join(format!("hpymove-cli-truncated-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let good = std::fs::read(ext_samples::ext_path("basics")).expect("basics.hpy0.so");
    std::fs::write(dir.join("basics.hpy0.so"), &good[..3000]).expect("write");
    std::fs::write(dir.join("main.py"), "import basics\nprint('imported')\n").expect("write");

    let o = hpymove()
        .arg(dir.join("main.py"))
        .output()
        .expect("spawn hpymove");
    let err = text(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{:?}: {err}", o.status);
    assert_eq!(text(&o.stdout), "");
    let path = dir.join("basics.hpy0.so");
    let want = format!(
        "RuntimeError: Error during loading of the HPy extension module at path '{p}'. Error \
         message from dlopen/WinAPI: {p} is not a complete shared object: the file is 3000 \
         bytes but its ",
        p = path.display()
    );
    assert!(err.contains(&want), "{err}");
    assert!(err.trim_end().ends_with("(truncated?)"), "{err}");
    std::fs::remove_dir_all(&dir).expect("remove the scratch directory");
}

#[test]
fn poison_mode_without_address_space_for_a_to_space_still_runs() {
    // Poison mode reserves a fresh to-space of the heap cap at every collection. Under an
    // address-space limit with room for one space but not two, every collection is
    // skipped instead of ending the process with a panic.
    const GIB: u64 = 1 << 30;
    let mut c = hpymove();
    c.args(["--poison", "--gc=torture", "--max-heap=4G", "--gc-stats"]);
    c.args(["-c", "import basics\nprint(basics.add_ints(20, 22))"]);
    // SAFETY: between fork and exec the closure only calls getrlimit and setrlimit,
    // which are async-signal-safe, on a struct on its own stack.
    unsafe {
        use std::os::unix::process::CommandExt;
        c.pre_exec(|| {
            let mut lim = libc::rlimit {
                rlim_cur: 0,
                rlim_max: 0,
            };
            if libc::getrlimit(libc::RLIMIT_AS, &mut lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            lim.rlim_cur = lim.rlim_max.min(7 * GIB);
            if libc::setrlimit(libc::RLIMIT_AS, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let (code, out, err) = run(&mut c);
    assert_eq!((code, out.as_str()), (0, "42\n"), "{err}");
    assert!(err.contains("skipped collections: "), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

/// Runs `code`, waits for its "ready" line, sends SIGINT, and returns (the status's
/// signal or code, stdout, stderr).
fn interrupted(code: &str, extra: &[&str]) -> (Option<i32>, Option<i32>, String, String) {
    use std::io::BufRead;
    use std::os::unix::process::{CommandExt, ExitStatusExt};
    let mut cmd = hpymove();
    // A test runner may have started us with SIGINT ignored (as a shell does for a
    // background job), which hpymove, like CPython, would keep: the child gets the default.
    // SAFETY: only signal(2), async-signal-safe, runs between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
    let mut child = cmd
        .args(extra)
        .args(["-c", code])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn hpymove");
    let mut out = std::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut first = String::new();
    out.read_line(&mut first).expect("ready line");
    assert_eq!(first, "ready\n");
    // A moment for the loop or the sleep to start; the flag is raised whenever it comes.
    std::thread::sleep(std::time::Duration::from_millis(200));
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).expect("stdout");
    let o = child.wait_with_output().expect("wait");
    (o.status.signal(), o.status.code(), rest, text(&o.stderr))
}

#[test]
fn ctrl_c_raises_keyboard_interrupt_as_cpython() {
    // Uncaught: `finally` runs, the traceback ends with KeyboardInterrupt, and the process
    // ends by SIGINT (a shell's 130), as CPython.
    let busy = "print('ready', flush=True)\ntry:\n    while True:\n        pass\nfinally:\n    print('finally ran')\n";
    for mode in [&[][..], &["--gc=always"][..]] {
        let (sig, code, out, err) = interrupted(busy, mode);
        assert_eq!((sig, code), (Some(libc::SIGINT), None), "{mode:?}: {err}");
        assert_eq!(out, "finally ran\n");
        assert!(
            err.starts_with("Traceback (most recent call last):"),
            "{err}"
        );
        assert!(err.trim_end().ends_with("KeyboardInterrupt"), "{err}");
    }
    // Caught, even in a sleep: the program goes on and exits 0.
    let sleepy = "import time\nprint('ready', flush=True)\ntry:\n    time.sleep(30)\nexcept KeyboardInterrupt:\n    print('caught')\n";
    let (sig, code, out, err) = interrupted(sleepy, &[]);
    assert_eq!((sig, code), (None, Some(0)), "{err}");
    assert_eq!(out, "caught\n");
}
