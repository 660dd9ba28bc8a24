//! Handles, globals, identity and type queries.

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext, HPyGlobal, HPy_NULL};

use super::enter;
use crate::host::handles::CloseError;
use crate::objects::{type_of, types};

pub(crate) unsafe extern "C" fn ctx_Dup(ctx: *mut HPyContext, h: HPy) -> HPy {
    enter(ctx, "HPy_Dup", HPy_NULL, |st| {
        // A constant is its own duplicate: closing one is ignored, so `HPy_Dup(ctx,
        // ctx->h_None)`, the usual way to return None, opens nothing. Debug mode, which
        // reports closing a constant, gets a handle of its own.
        if st.roots.handles.is_constant(h) && st.debug().is_none() {
            return Ok(h);
        }
        let r = st.get(h, "HPy_Dup")?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Close(ctx: *mut HPyContext, h: HPy) {
    enter(ctx, "HPy_Close", (), |st| {
        if st.debug().is_some_and(|d| d.is_argument(h._i)) {
            // Left open: the caller closes it after the call.
            st.debug().expect("checked").close_argument(h._i);
            return Ok(());
        }
        match st.roots.handles.close(h) {
            Ok(()) => {}
            Err(CloseError::Constant) => {
                if let Some(i) = st.roots.handles.constant_index(h) {
                    if let Some(d) = st.debug() {
                        d.close_constant(h._i, crate::host::context::table::CONSTANT_NAMES[i]);
                    }
                }
            }
            Err(CloseError::NotOpen) if h._i == 0 => {}
            Err(CloseError::NotOpen) if st.debug().is_some() => {
                st.debug().expect("checked").bad_close(h._i, "HPy_Close");
            }
            Err(CloseError::NotOpen) => {
                // No error value to return: warn, and let debug mode report it in full.
                eprintln!(
                    "hpymove: warning: HPy_Close({:#x}): not an open handle (closed twice, or never opened)",
                    h._i
                );
            }
        }
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_Global_Store(
    ctx: *mut HPyContext,
    global: *mut HPyGlobal,
    h: HPy,
) {
    enter(ctx, "HPyGlobal_Store", (), |st| {
        if global.is_null() {
            return Err(st.raise("SystemError", "HPyGlobal_Store: NULL global".into()));
        }
        let value = if h._i == 0 {
            gc::RawRef::NULL
        } else {
            st.get(h, "HPyGlobal_Store")?
        };
        // SAFETY: the extension passes a pointer to its own HPyGlobal variable.
        let g = unsafe { &mut *global };
        let idx = g._i as usize;
        if idx == 0 {
            // A zero-initialised (or never registered) global gets a slot now.
            st.roots.globals.push(value);
            g._i = st.roots.globals.len() as isize;
        } else if idx <= st.roots.globals.len() {
            st.roots.globals[idx - 1] = value;
        } else {
            if let Some(d) = st.debug() {
                d.bad_global(g._i, "HPyGlobal_Store");
            }
            return Err(st.raise(
                "SystemError",
                format!("HPyGlobal_Store: {idx:#x} is not a global of this runtime"),
            ));
        }
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_Global_Load(ctx: *mut HPyContext, global: HPyGlobal) -> HPy {
    enter(ctx, "HPyGlobal_Load", HPy_NULL, |st| {
        let idx = global._i as usize;
        if idx == 0 || idx > st.roots.globals.len() {
            if let Some(d) = st.debug() {
                d.bad_global(global._i, "HPyGlobal_Load");
            }
            return Err(st.raise(
                "SystemError",
                format!("HPyGlobal_Load: {idx:#x} is not a global of this runtime"),
            ));
        }
        let r = st.roots.globals[idx - 1];
        if r.is_null() {
            return Ok(HPy_NULL);
        }
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_Is(ctx: *mut HPyContext, obj: HPy, other: HPy) -> i32 {
    enter(ctx, "HPy_Is", -1, |st| {
        let a = st.get(obj, "HPy_Is")?;
        let b = st.get(other, "HPy_Is")?;
        Ok((a == b) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Type(ctx: *mut HPyContext, obj: HPy) -> HPy {
    enter(ctx, "HPy_Type", HPy_NULL, |st| {
        let r = st.get(obj, "HPy_Type")?;
        let t = type_of(st.obj(r)).raw();
        Ok(st.roots.handles.open(t))
    })
}

pub(crate) unsafe extern "C" fn ctx_TypeCheck(ctx: *mut HPyContext, obj: HPy, type_: HPy) -> i32 {
    enter(ctx, "HPy_TypeCheck", 0, |st| {
        let o = st.get(obj, "HPy_TypeCheck")?;
        let t = st.get(type_, "HPy_TypeCheck")?;
        let (o, t) = (st.obj(o), st.obj(t));
        Ok(types::is_subtype(type_of(o), t) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_FatalError(ctx: *mut HPyContext, message: *const c_char) {
    let msg = if message.is_null() {
        "(no message)".to_string()
    } else {
        // SAFETY: a NUL-terminated message from the extension.
        unsafe { std::ffi::CStr::from_ptr(message) }
            .to_string_lossy()
            .into_owned()
    };
    // Debug mode names the C line; a panic there must not stop the abort.
    let at = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        if ctx.is_null() {
            return None;
        }
        // SAFETY: extensions get only our context, whose `_private` is the state; the
        // extension that called is not using it.
        let st = unsafe { crate::state::State::from_ctx(ctx) };
        st.debug()?.location_here("HPy_FatalError")
    }))
    .ok()
    .flatten();
    // CPython prints "Fatal Python error: ctx_FatalError: <message>".
    crate::host::fatal::fatal_at(&format!("HPy_FatalError: {msg}"), at.as_ref())
}
