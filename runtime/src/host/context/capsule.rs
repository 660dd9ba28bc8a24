//! Capsules: `HPyCapsule_New`, `HPyCapsule_Get`, `HPyCapsule_Set`, `HPyCapsule_IsValid`,
//! with CPython's checks and messages (`PyCapsule_GetPointer called with incorrect name`…).
//! The capsule's parts live outside the moving heap (`objects/capsule.rs`); the destructor
//! runs once, when a collection finds the capsule dead.

use std::ffi::{c_char, c_void};

use gc::RawRef;
use hpy_abi::{
    _HPyCapsule_key, HPy, HPyCapsule_Destructor, HPyCapsule_key_Context, HPyCapsule_key_Destructor,
    HPyCapsule_key_Name, HPyCapsule_key_Pointer, HPyContext, HPyFunc_Capsule_Destructor, HPy_NULL,
};

use super::enter;
use crate::error::PyResult;
use crate::objects::capsule::{self, CapsuleData};
use crate::objects::type_of;
use crate::state::State;

/// The destructor's `impl`, after CPython-via-HPy's check that a given destructor has both
/// of its functions.
fn destructor_arg(
    st: &mut State,
    destructor: *const HPyCapsule_Destructor,
) -> PyResult<HPyFunc_Capsule_Destructor> {
    if destructor.is_null() {
        return Ok(None);
    }
    // SAFETY: a non-null pointer to the extension's destructor definition, live for the call.
    let d = unsafe { *destructor };
    match (d.cpy_trampoline, d.r#impl) {
        (Some(_), Some(f)) => Ok(Some(f)),
        _ => Err(st.raise("ValueError", "Invalid HPyCapsule destructor".into())),
    }
}

/// Is `r` a capsule usable by the API (exactly a capsule, with a non-null pointer)?
fn is_legal(st: &State, r: RawRef) -> bool {
    let o = st.obj(r);
    o.kind() == st.b.kinds.capsule
        && type_of(o).raw() == st.b.capsule_type
        && !capsule::data(o).pointer.is_null()
}

/// The capsule behind `h`, or CPython's `ValueError` for anything else.
fn legal_capsule(st: &mut State, h: HPy, ctx_name: &str, c_name: &str) -> PyResult<RawRef> {
    let r = st.get(h, ctx_name)?;
    if !is_legal(st, r) {
        return Err(st.raise(
            "ValueError",
            format!("{c_name} called with invalid PyCapsule object"),
        ));
    }
    Ok(r)
}

pub(crate) unsafe extern "C" fn ctx_Capsule_New(
    ctx: *mut HPyContext,
    pointer: *mut c_void,
    utf8_name: *const c_char,
    destructor: *mut HPyCapsule_Destructor,
) -> HPy {
    enter(ctx, "HPyCapsule_New", HPy_NULL, |st| {
        let destructor = destructor_arg(st, destructor)?;
        if pointer.is_null() {
            return Err(st.raise(
                "ValueError",
                "PyCapsule_New called with null pointer".into(),
            ));
        }
        let data = CapsuleData {
            pointer,
            name: utf8_name,
            context: std::ptr::null_mut(),
            destructor,
        };
        let c = capsule::new(&st.alloc(), data)?.raw();
        Ok(st.roots.handles.open(c))
    })
}

pub(crate) unsafe extern "C" fn ctx_Capsule_Get(
    ctx: *mut HPyContext,
    capsule: HPy,
    key: _HPyCapsule_key,
    utf8_name: *const c_char,
) -> *mut c_void {
    enter(ctx, "HPyCapsule_Get", std::ptr::null_mut(), |st| {
        let f = "HPyCapsule_Get";
        match key {
            HPyCapsule_key_Pointer => {
                let c = legal_capsule(st, capsule, f, "PyCapsule_GetPointer")?;
                let d = capsule::data(st.obj(c));
                if !capsule::name_matches(d, utf8_name) {
                    return Err(st.raise(
                        "ValueError",
                        "PyCapsule_GetPointer called with incorrect name".into(),
                    ));
                }
                Ok(d.pointer)
            }
            HPyCapsule_key_Name => {
                let c = legal_capsule(st, capsule, f, "PyCapsule_GetName")?;
                Ok(capsule::data(st.obj(c)).name as *mut c_void)
            }
            HPyCapsule_key_Context => {
                let c = legal_capsule(st, capsule, f, "PyCapsule_GetContext")?;
                Ok(capsule::data(st.obj(c)).context)
            }
            HPyCapsule_key_Destructor => Err(st.raise(
                "ValueError",
                "Invalid operation: get HPyCapsule_key_Destructor".into(),
            )),
            other => Err(st.raise(
                "SystemError",
                format!("HPyCapsule_Get: invalid key {}", other.0),
            )),
        }
    })
}

pub(crate) unsafe extern "C" fn ctx_Capsule_Set(
    ctx: *mut HPyContext,
    capsule: HPy,
    key: _HPyCapsule_key,
    value: *mut c_void,
) -> i32 {
    enter(ctx, "HPyCapsule_Set", -1, |st| {
        let f = "HPyCapsule_Set";
        match key {
            HPyCapsule_key_Pointer => {
                // CPython checks the new pointer before the capsule.
                if value.is_null() {
                    return Err(st.raise(
                        "ValueError",
                        "PyCapsule_SetPointer called with null pointer".into(),
                    ));
                }
                let c = legal_capsule(st, capsule, f, "PyCapsule_SetPointer")?;
                capsule::data(st.obj(c)).pointer = value;
            }
            HPyCapsule_key_Name => {
                let c = legal_capsule(st, capsule, f, "PyCapsule_SetName")?;
                capsule::data(st.obj(c)).name = value as *const c_char;
            }
            HPyCapsule_key_Context => {
                let c = legal_capsule(st, capsule, f, "PyCapsule_SetContext")?;
                capsule::data(st.obj(c)).context = value;
            }
            HPyCapsule_key_Destructor => {
                let d = destructor_arg(st, value as *const HPyCapsule_Destructor)?;
                let c = legal_capsule(st, capsule, f, "PyCapsule_SetDestructor")?;
                capsule::data(st.obj(c)).destructor = d;
            }
            other => {
                return Err(st.raise(
                    "SystemError",
                    format!("HPyCapsule_Set: invalid key {}", other.0),
                ))
            }
        }
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_Capsule_IsValid(
    ctx: *mut HPyContext,
    capsule: HPy,
    utf8_name: *const c_char,
) -> i32 {
    enter(ctx, "HPyCapsule_IsValid", 0, |st| {
        let r = st.get(capsule, "HPyCapsule_IsValid")?;
        let ok = is_legal(st, r) && capsule::name_matches(capsule::data(st.obj(r)), utf8_name);
        Ok(ok as i32)
    })
}
