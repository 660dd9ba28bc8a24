//! Every broken extension is refused with a clear error, and the runtime goes on working.

use std::path::PathBuf;

use ext_samples::{bad_path, Defect, BAD_ARTIFACTS};
use hpymove_runtime::{PyErr, Runtime, Value};
use hpymove_tests::{both_modes, call, runtime, Run};

/// Loads the artifact with `defect`, checks the error, then uses the runtime normally.
fn refused(run: Run, defect: Defect, class: &str, mentions: &[&str]) {
    let a = BAD_ARTIFACTS
        .iter()
        .find(|a| a.defect == defect)
        .expect("artifact");
    let mut rt = runtime(run);
    let err = rt
        .load(a.module, &bad_path(a))
        .expect_err("a broken extension must not load");
    assert!(err.is(class), "{defect:?}: expected {class}, got {err}");
    for m in mentions {
        assert!(
            err.message.contains(m),
            "{defect:?}: '{}' does not mention '{m}'",
            err.message
        );
    }
    still_works(&mut rt);
}

/// Nothing was lost: the runtime still imports and runs a good extension.
fn still_works(rt: &mut Runtime) {
    let m = rt.import("basics").expect("basics after a failed load");
    let r = call(rt, &m, "add_ints", &[Value::int(20), Value::int(22)]).unwrap();
    assert_eq!(r, Value::int(42));
    assert!(rt.verify_heap().is_empty());
}

both_modes! {
    // The reference host's exception types and wording (hpy.universal on CPython).
    unresolved_symbol => |run| refused(run, Defect::UnresolvedSymbol, "RuntimeError",
        &["Error during loading of the HPy extension module at path '",
          "Error message from dlopen/WinAPI: ", "hpymove_no_such_symbol"]);
    missing_init => |run| refused(run, Defect::MissingInit, "RuntimeError",
        &["while trying to find symbol 'HPyInit_no_init'"]);
    no_abi_tag => |run| refused(run, Defect::NoAbiTag, "RuntimeError",
        &["HPy extension module 'wrong_tag' at path '", "wrong_tag.so': could not find HPy ABI \
          tag encoded in the filename. The extension claims to be compiled with HPy ABI \
          version: 0.0."]);
    wrong_abi_tag => |run| refused(run, Defect::WrongAbiTag, "RuntimeError",
        &["wrong_tag.hpy1.so': mismatch between the HPy ABI tag encoded in the filename and \
          the major version requested by the HPy extension itself. Major version tag parsed \
          from filename: 1. Requested version: 0.0."]);
    major_version => |run| refused(run, Defect::MajorVersion, "RuntimeError",
        &["HPy extension module 'major_version_1' requires unsupported version of the HPy \
          runtime. Requested version: 1.0. Current HPy version: 0.0."]);
    minor_version => |run| refused(run, Defect::MinorVersion, "RuntimeError",
        &["Requested version: 0.1. Current HPy version: 0.0."]);
    // hpymove's own refusal (CPython, which has the C API, loads it).
    legacy_methods => |run| refused(run, Defect::LegacyMethods, "ImportError",
        &["legacy_methods", "CPython C API"]);
    invalid_module_slot => |run| refused(run, Defect::InvalidModuleSlot, "SystemError",
        &["Unsupported slot in HPyModuleDef.defines (value: 66)."]);
    init_returns_null => |run| refused(run, Defect::InitReturnsNull, "RuntimeError",
        &["Function 'HPyInit_init_returns_null' returned NULL."]);
    not_a_shared_object => |run| refused(run, Defect::NotSharedObject, "RuntimeError",
        &["notelf.hpy0.so is not an ELF file"]);
    create_with_methods => |run| refused(run, Defect::CreateWithMethods, "SystemError",
        &["HPyModuleDef defines a HPy_mod_create slot and some other slots or methods."]);
    create_with_exec => |run| refused(run, Defect::CreateWithExec, "SystemError",
        &["HPyModuleDef defines a HPy_mod_create slot and some other slots or methods."]);
    create_with_doc => |run| refused(run, Defect::CreateWithDoc, "SystemError",
        &["HPyModuleDef defines a HPy_mod_create slot and some of the other fields are not \
          set to their default value."]);
    negative_size => |run| refused(run, Defect::NegativeSize, "SystemError",
        &["HPy does not permit HPyModuleDef.size < 0"]);
    bad_signature => |run| refused(run, Defect::BadSignature, "ValueError",
        &["Unsupported HPyMeth signature"]);
    // The module's own exception propagates, as on CPython.
    exec_raises => |run| refused(run, Defect::ExecRaises, "ValueError",
        &["exec_raises: mod_exec failed on purpose"]);
    missing_module => |run: Run| {
        let mut rt = runtime(run);
        let err = rt.import("no_such_module_here").unwrap_err();
        assert!(err.is("ModuleNotFoundError") && err.is("ImportError"), "{err}");
        assert_eq!(err.message, "No module named 'no_such_module_here'");
    };
    // Files that are not whole shared objects for this machine are refused before dlopen
    // maps them: a truncated one made the dynamic loader fault (SIGBUS).
    truncated_shared_object => |run| {
        let good = std::fs::read(ext_samples::ext_path("basics")).expect("basics.hpy0.so");
        assert!(good.len() > 3000);
        let err = refused_file(run, "truncated", &good[..3000]);
        let m = &err.message;
        assert!(m.starts_with("Error during loading of the HPy extension module at path '"), "{m}");
        assert!(m.contains("basics.hpy0.so is not a complete shared object: the file is 3000 \
            bytes but its "), "{m}");
        assert!(m.ends_with(" (truncated?)"), "{m}");
    };
    empty_file => |run| {
        let err = refused_file(run, "empty", b"");
        assert!(err.message.ends_with("basics.hpy0.so is empty"), "{}", err.message);
    };
    text_file => |run| {
        let err = refused_file(run, "text", b"print('I am not a shared object')\n");
        assert!(err.message.contains("basics.hpy0.so is not an ELF file"), "{}", err.message);
    };
    foreign_machine => |run| {
        let mut elf = std::fs::read(ext_samples::ext_path("basics")).expect("basics.hpy0.so");
        let (other, name) = if cfg!(target_arch = "aarch64") {
            (62u16, "x86-64")
        } else {
            (183u16, "AArch64")
        };
        elf[18..20].copy_from_slice(&other.to_ne_bytes());
        let err = refused_file(run, "machine", &elf);
        assert!(
            err.message.contains(&format!("basics.hpy0.so is an ELF file for machine {other} \
                ({name}), this runtime runs on ")),
            "{}", err.message
        );
    };
    mod_create_makes_the_module => module_made_by_create;
    every_artifact_is_covered => |_run| {
        // One test above per defect: a new artifact needs a new test.
        assert_eq!(BAD_ARTIFACTS.len(), 16);
    };
}

/// Writes `contents` as `basics.hpy0.so` in a directory of its own, loads it, checks that
/// it is refused with a RuntimeError (a `dlopen` failure on the reference host) and that the runtime goes on working; returns the
/// error.
fn refused_file(run: Run, case: &str, contents: &[u8]) -> PyErr {
    let dir = scratch_dir(&format!("{case}-{run:?}"));
    let path = dir.join("basics.hpy0.so");
    std::fs::write(&path, contents).expect("write the bad file");
    let mut rt = runtime(run);
    let err = rt
        .load("basics", &path)
        .expect_err("a bad file must not load");
    assert!(
        err.is("RuntimeError"),
        "{case}: expected RuntimeError, got {err}"
    );
    assert!(
        err.message.contains(&path.display().to_string()),
        "{case}: the error does not name the file: {}",
        err.message
    );
    still_works(&mut rt);
    std::fs::remove_dir_all(&dir).expect("remove the scratch directory");
    err
}

/// An empty directory of this test's own under the system's temporary directory.
fn scratch_dir(case: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("hpymove-load-errors-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create a scratch directory");
    dir
}

fn module_made_by_create(run: Run) {
    let mut rt = runtime(run);
    let m = rt.import("modcreate").expect("modcreate");
    assert_eq!(
        rt.value(&m).unwrap(),
        Value::Tuple(vec![Value::str("modcreate"), Value::int(42)])
    );
    // Imported once: the same object again.
    let again = rt.import("modcreate").unwrap();
    assert!(rt.is(&m, &again).unwrap());
}
