//! Every broken extension is refused with a clear error, and the runtime goes on working.

use ext_samples::{bad_path, Defect, BAD_ARTIFACTS};
use hpymove_runtime::Value;
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
    // Nothing was lost: the runtime still imports and runs a good extension.
    let m = rt.import("basics").expect("basics after a failed load");
    let r = call(&mut rt, &m, "add_ints", &[Value::int(20), Value::int(22)]).unwrap();
    assert_eq!(r, Value::int(42));
    assert!(rt.verify_heap().is_empty());
}

both_modes! {
    unresolved_symbol => |run| refused(run, Defect::UnresolvedSymbol, "ImportError",
        &["cannot load", "hpymove_no_such_symbol"]);
    missing_init => |run| refused(run, Defect::MissingInit, "ImportError",
        &["HPyInit_no_init", "no symbol"]);
    no_abi_tag => |run| refused(run, Defect::NoAbiTag, "ImportError", &["must end in .hpy0.so"]);
    wrong_abi_tag => |run| refused(run, Defect::WrongAbiTag, "ImportError",
        &["tagged for HPy ABI version 1"]);
    major_version => |run| refused(run, Defect::MajorVersion, "ImportError",
        &["requires HPy ABI version 1.0", "implements 0.0"]);
    minor_version => |run| refused(run, Defect::MinorVersion, "ImportError",
        &["requires HPy ABI version 0.1"]);
    legacy_methods => |run| refused(run, Defect::LegacyMethods, "ImportError",
        &["legacy_methods", "CPython C API"]);
    invalid_module_slot => |run| refused(run, Defect::InvalidModuleSlot, "ImportError",
        &["invalid slot", "HPy_tp_repr"]);
    init_returns_null => |run| refused(run, Defect::InitReturnsNull, "ImportError",
        &["HPyInit_init_returns_null returned NULL"]);
    not_a_shared_object => |run| refused(run, Defect::NotSharedObject, "ImportError",
        &["cannot load", "notelf.hpy0.so"]);
    create_with_methods => |run| refused(run, Defect::CreateWithMethods, "ImportError",
        &["HPy_mod_create", "allows nothing else"]);
    // The module's own exception propagates, as on CPython.
    exec_raises => |run| refused(run, Defect::ExecRaises, "ValueError",
        &["exec_raises: mod_exec failed on purpose"]);
    missing_module => |run: Run| {
        let mut rt = runtime(run);
        let err = rt.import("no_such_module_here").unwrap_err();
        assert!(err.is("ModuleNotFoundError") && err.is("ImportError"), "{err}");
        assert_eq!(err.message, "No module named 'no_such_module_here'");
    };
    mod_create_makes_the_module => module_made_by_create;
    every_artifact_is_covered => |_run| {
        // One test above per defect: a new artifact needs a new test.
        assert_eq!(BAD_ARTIFACTS.len(), 12);
    };
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
