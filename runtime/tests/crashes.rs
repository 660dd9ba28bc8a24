//! What the process says when extension code crashes or misuses the API where HPy forbids
//! it (without `--debug`): a fault inside an extension names the function, the collection
//! count and `--debug`; with `--gc=torture --poison`, a stale raw or payload pointer faults
//! deterministically and the message says what the memory was; a native stack overflow is
//! still reported by Rust; calls from `tp_traverse`, `tp_destroy` or another thread are
//! fatal errors saying so.

use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Output};

fn run(args: &[&str], code: &str) -> Output {
    let path = format!(
        "{}:{}",
        ext_samples::ext_dir().display(),
        ext_samples::buggy_dir().display()
    );
    Command::new(env!("CARGO_BIN_EXE_hpymove"))
        .env("PYTHONPATH", path)
        .env_remove("HPYMOVE_GC")
        .env_remove("HPYMOVE_POISON")
        .env_remove("HPYMOVE_DEBUG")
        .env_remove("HPYMOVE_VERIFY_HEAP")
        .args(args)
        .args(["-c", code])
        .output()
        .expect("spawn hpymove")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_crash_in_an_extension_names_the_function_and_suggests_debug() {
    let o = run(&[], "import apimisuse; apimisuse.segfault()");
    let err = stderr(&o);
    assert_eq!(o.status.signal(), Some(libc::SIGSEGV), "{err}");
    assert!(
        err.contains("hpymove: fatal signal SIGSEGV: invalid memory access at 0x0\n"),
        "{err}"
    );
    assert!(
        err.contains("  in extension function: apimisuse.segfault\n"),
        "{err}"
    );
    assert!(err.contains("  collections so far: "), "{err}");
    assert!(err.contains("re-run with --debug"), "{err}");
}

#[test]
fn a_crash_in_a_slot_names_the_type_and_the_slot() {
    for (expr, slot) in [("len(o)", "__len__"), ("repr(o)", "__repr__")] {
        let o = run(
            &[],
            &format!("import apimisuse; o = apimisuse.crashing(); {expr}"),
        );
        let err = stderr(&o);
        assert_eq!(o.status.signal(), Some(libc::SIGSEGV), "{err}");
        assert!(
            err.contains(&format!(
                "  in extension function: apimisuse.Crashing.{slot}\n"
            )),
            "{err}"
        );
    }
}

#[test]
fn a_stack_overflow_in_an_extension_is_still_reported_by_rust() {
    let o = run(&[], "import apimisuse; apimisuse.overflow()");
    let err = stderr(&o);
    assert!(
        err.contains("in extension function: apimisuse.overflow"),
        "{err}"
    );
    assert!(err.contains("has overflowed its stack"), "{err}");
    assert_eq!(o.status.signal(), Some(libc::SIGABRT), "{err}");
}

#[test]
fn poison_makes_a_stale_raw_pointer_fault_at_once() {
    for gc in ["--gc=normal", "--gc=torture"] {
        let o = run(
            &[gc, "--poison"],
            "import bytes_after_close; print(bytes_after_close.first_char('hello'))",
        );
        let err = stderr(&o);
        assert_eq!(o.status.signal(), Some(libc::SIGSEGV), "{gc}: {err}");
        assert!(
            err.contains("used after its handle was closed)"),
            "{gc}: {err}"
        );
        assert!(
            err.contains("in extension function: bytes_after_close.first_char"),
            "{gc}: {err}"
        );
        assert!(o.stdout.is_empty(), "{gc}: nothing printed");
    }
}

#[test]
fn poison_makes_a_dead_payload_fault_at_once() {
    let o = run(
        &["--gc=torture", "--poison"],
        "import asstruct_after_collect as a\nc = a.make_and_keep(7)\ndel c\nimport gc\ngc.collect()\nprint(a.read_kept())",
    );
    let err = stderr(&o);
    assert_eq!(o.status.signal(), Some(libc::SIGSEGV), "{err}");
    assert!(err.contains("(the payload of an object that died"), "{err}");
    assert!(
        err.contains("in extension function: asstruct_after_collect.read_kept"),
        "{err}"
    );
}

#[test]
fn the_api_from_traverse_destroy_or_another_thread_is_fatal() {
    for (call, want) in [
        (
            "from_destroy()",
            "was called from tp_destroy, which runs inside a collection and gets no context",
        ),
        (
            "from_traverse()",
            "was called from tp_traverse, which runs inside a collection and gets no context",
        ),
        (
            "from_thread()",
            "was called from a thread that is not the runtime's",
        ),
    ] {
        for gc in ["--gc=normal", "--gc=torture"] {
            let code = format!(
                "import apimisuse, gc\nx = apimisuse.{call}\ngc.collect()\nprint('survived')"
            );
            let o = run(&[gc], &code);
            let err = stderr(&o);
            assert_eq!(o.status.signal(), Some(libc::SIGABRT), "{call} {gc}: {err}");
            assert!(
                err.starts_with("Fatal Python error: "),
                "{call} {gc}: {err}"
            );
            assert!(err.contains(want), "{call} {gc}: {err}");
            assert!(!String::from_utf8_lossy(&o.stdout).contains("survived"));
        }
    }
}

/// `HPy_FatalError` prints CPython's first line (HPy's own test checks that it starts with
/// "Fatal Python error: " and ends with ": " and the message), then hpymove's details;
/// with `--debug` the C line that called it.
#[test]
fn hpy_fatal_error_prints_what_cpython_prints_first() {
    let src =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ext-samples/src-c/callbacks.c");
    for debug in [false, true] {
        let args: &[&str] = if debug { &["--debug"] } else { &[] };
        let o = run(args, "import callbacks; callbacks.fatal('boom!')");
        let err = stderr(&o);
        assert_eq!(o.status.signal(), Some(libc::SIGABRT), "{err}");
        let mut lines = err.lines();
        let first = lines.next().unwrap_or_default();
        assert_eq!(first, "Fatal Python error: HPy_FatalError: boom!", "{err}");
        assert!(
            err.contains("hpymove: in extension function: callbacks.fatal\n"),
            "{err}"
        );
        assert!(err.contains("hpymove: collections so far: "), "{err}");
        assert!(lines.all(|l| l.starts_with("hpymove: ")), "{err}");
        if debug {
            let src = std::fs::read_to_string(&src).expect("callbacks.c");
            let line = src
                .lines()
                .position(|l| l.contains("HPy_FatalError(ctx, s);"))
                .expect("the call")
                + 1;
            assert!(
                err.contains(&format!("callbacks.c:{line} (in fatal_impl)")),
                "{err}"
            );
        } else {
            assert!(!err.contains("called at"), "{err}");
        }
    }
}
