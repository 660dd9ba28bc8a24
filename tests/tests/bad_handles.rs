//! Garbage and closed handle values given to context functions: an error naming the
//! problem, never undefined behaviour in the runtime. Also: a stub member sets SystemError
//! naming itself.

use hpy_abi::{HPy, HPyContext, HPyGlobal};
use hpymove_runtime::{PyErr, Runtime};
use hpymove_tests::{both_modes, runtime, Run};

fn ctx(rt: &mut Runtime) -> &'static HPyContext {
    // SAFETY: the context lives as long as the runtime, which outlives every use below.
    unsafe { &*rt.context() }
}

fn pending(rt: &mut Runtime) -> PyErr {
    rt.take_pending_error().expect("an error is pending")
}

/// Values an extension might pass by mistake: small integers, -1, random bits, and a
/// handle that was open once and is closed now.
fn bad_values(rt: &mut Runtime) -> Vec<HPy> {
    let c = ctx(rt);
    // SAFETY: calling the context as an extension does. (A new object's handle: a dup of
    // a constant such as `h_None` is the constant itself, which closing leaves valid.)
    let closed = unsafe {
        let h = (c.ctx_Float_FromDouble)(rt.context(), 1.5);
        (c.ctx_Close)(rt.context(), h);
        h
    };
    [1isize, 2, 7, -1, 0x1234, 0x7fff_dead_beef, isize::MIN]
        .into_iter()
        .map(|i| HPy { _i: i })
        .chain([closed])
        .collect()
}

fn check_rejected(rt: &mut Runtime, what: &str, h: HPy) {
    let e = pending(rt);
    assert!(e.is("SystemError"), "{what}({:#x}): {e}", h._i);
    assert!(
        e.message.contains("not an open handle"),
        "{what}({:#x}): {e}",
        h._i
    );
}

fn garbage_handles(run: Run) {
    let mut rt = runtime(run);
    let c = ctx(&mut rt);
    let p = rt.context();
    let name = c"x".as_ptr();
    for h in bad_values(&mut rt) {
        // SAFETY: each call is one an extension could make with a bad handle value; the
        // runtime must answer with its error value.
        unsafe {
            assert_eq!((c.ctx_Length)(p, h), -1);
            check_rejected(&mut rt, "HPy_Length", h);
            assert_eq!((c.ctx_Dup)(p, h)._i, 0);
            check_rejected(&mut rt, "HPy_Dup", h);
            assert_eq!((c.ctx_Type)(p, h)._i, 0);
            check_rejected(&mut rt, "HPy_Type", h);
            assert_eq!((c.ctx_Repr)(p, h)._i, 0);
            check_rejected(&mut rt, "HPy_Repr", h);
            assert_eq!((c.ctx_GetAttr_s)(p, h, name)._i, 0);
            check_rejected(&mut rt, "HPy_GetAttr_s", h);
            assert_eq!((c.ctx_SetItem)(p, h, c.h_None, c.h_None), -1);
            check_rejected(&mut rt, "HPy_SetItem", h);
            assert_eq!((c.ctx_Long_AsInt64_t)(p, h), -1);
            check_rejected(&mut rt, "HPyLong_AsInt64_t", h);
            assert_eq!((c.ctx_Float_AsDouble)(p, h), -1.0);
            check_rejected(&mut rt, "HPyFloat_AsDouble", h);
            assert!((c.ctx_Unicode_AsUTF8AndSize)(p, h, std::ptr::null_mut()).is_null());
            check_rejected(&mut rt, "HPyUnicode_AsUTF8AndSize", h);
            assert!((c.ctx_Bytes_AsString)(p, h).is_null());
            check_rejected(&mut rt, "HPyBytes_AsString", h);
            assert_eq!((c.ctx_Is)(p, h, c.h_None), -1);
            check_rejected(&mut rt, "HPy_Is", h);
            // No error value: a warning on stderr, and nothing else happens.
            (c.ctx_Close)(p, h);
            assert!(rt.take_pending_error().is_none());
        }
    }
    // SAFETY: as above, with globals this runtime never issued.
    unsafe {
        for g in [1isize, 999_999, -5] {
            assert_eq!((c.ctx_Global_Load)(p, HPyGlobal { _i: g })._i, 0);
            let e = pending(&mut rt);
            assert!(e.message.contains("not a global of this runtime"), "{e}");
        }
        // Closing a constant is ignored: it stays usable.
        (c.ctx_Close)(p, c.h_None);
        assert_eq!((c.ctx_Is)(p, c.h_None, c.h_None), 1);
    }
    assert!(rt.verify_heap().is_empty());
}

fn stubs_name_themselves(run: Run) {
    let mut rt = runtime(run);
    let c = ctx(&mut rt);
    let p = rt.context();
    // SAFETY: calling members as an extension would.
    unsafe {
        assert_eq!((c.ctx_FromPyObject)(p, std::ptr::null_mut())._i, 0);
        let e = pending(&mut rt);
        assert!(e.is("SystemError"), "{e}");
        assert_eq!(e.message, "HPy_FromPyObject is not implemented by hpymove");
        assert!((c.ctx_AsPyObject)(p, c.h_None).is_null());
        assert!(pending(&mut rt).message.contains("HPy_AsPyObject"));
    }
}

both_modes! {
    garbage_and_closed_handles_are_errors => garbage_handles;
    unimplemented_members_raise_system_error => stubs_name_themselves;
}

/// `HPyType_GetName` gives a pointer tied to the handle (the same one when asked again),
/// valid across collections; `HPyType_IsSubtype` follows the MRO.
fn type_queries(run: Run) {
    let mut rt = runtime(run);
    let c = ctx(&mut rt);
    let p = rt.context();
    // SAFETY: calls as an extension makes them; the pointers are read while their handle
    // is open.
    unsafe {
        let h = (c.ctx_Dup)(p, c.h_LongType);
        let name = (c.ctx_Type_GetName)(p, h);
        assert_eq!(std::ffi::CStr::from_ptr(name).to_str().unwrap(), "int");
        rt.collect();
        assert_eq!((c.ctx_Type_GetName)(p, h), name, "the same copy again");
        assert_eq!(std::ffi::CStr::from_ptr(name).to_str().unwrap(), "int");
        (c.ctx_Close)(p, h);
        assert_eq!((c.ctx_Type_IsSubtype)(p, c.h_BoolType, c.h_LongType), 1);
        assert_eq!((c.ctx_Type_IsSubtype)(p, c.h_LongType, c.h_BoolType), 0);
        assert_eq!((c.ctx_Type_IsSubtype)(p, c.h_KeyError, c.h_LookupError), 1);
        assert!((c.ctx_Type_GetName)(p, c.h_None).is_null());
        let e = pending(&mut rt);
        assert!(
            e.is("TypeError") && e.message.contains("expected a type"),
            "{e}"
        );
    }
}

mod types_and_names {
    use super::*;
    #[test]
    fn normal() {
        type_queries(Run::Normal)
    }
    #[test]
    fn torture() {
        type_queries(Run::Torture)
    }
}
