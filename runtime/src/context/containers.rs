//! Tuples, lists, dicts, and item access.

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};

use super::{c_str, enter};
use crate::objects::{dict, int, list, str as pystr, tuple, type_of, types, types::Instances};
use crate::state::State;

fn check(ctx: *mut HPyContext, name: &'static str, h: HPy, inst: Instances) -> i32 {
    enter(ctx, name, 0, |st| {
        let r = st.get(h, name)?;
        Ok((types::data(type_of(st.obj(r))).instances == inst) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Tuple_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyTuple_Check", h, Instances::Tuple)
}

pub(crate) unsafe extern "C" fn ctx_List_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyList_Check", h, Instances::List)
}

pub(crate) unsafe extern "C" fn ctx_Dict_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyDict_Check", h, Instances::Dict)
}

/// The objects behind `n` handles at `items`.
fn resolve_array(
    st: &mut State,
    items: *const HPy,
    n: HPy_ssize_t,
    func: &str,
) -> crate::error::PyResult<Vec<gc::RawRef>> {
    if n < 0 || (n > 0 && items.is_null()) {
        return Err(st.raise("SystemError", format!("{func}: bad array argument")));
    }
    let hs: &[HPy] = if n == 0 {
        &[]
    } else {
        // SAFETY: the extension passes `n` handles at `items`.
        unsafe { std::slice::from_raw_parts(items, n as usize) }
    };
    hs.iter().map(|h| st.get(*h, func)).collect()
}

pub(crate) unsafe extern "C" fn ctx_Tuple_FromArray(
    ctx: *mut HPyContext,
    items: *mut HPy,
    n: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPyTuple_FromArray", HPy_NULL, |st| {
        let rs = resolve_array(st, items, n, "HPyTuple_FromArray")?;
        let a = st.alloc();
        let objs: Vec<_> = rs.iter().map(|r| st.obj(*r)).collect();
        let t = tuple::new(&a, &objs)?.raw();
        Ok(st.roots.handles.open(t))
    })
}

pub(crate) unsafe extern "C" fn ctx_List_New(ctx: *mut HPyContext, len: HPy_ssize_t) -> HPy {
    enter(ctx, "HPyList_New", HPy_NULL, |st| {
        if len < 0 {
            return Err(st.raise("SystemError", "HPyList_New: negative size".into()));
        }
        // CPython fills new lists with NULL; HPy's contract is to set every item before
        // use. We fill them with None so an unset item is a value, not a crash.
        let a = st.alloc();
        let none = a.none();
        let items = vec![none; len as usize];
        let l = list::new(&a, &items)?.raw();
        Ok(st.roots.handles.open(l))
    })
}

pub(crate) unsafe extern "C" fn ctx_List_Append(
    ctx: *mut HPyContext,
    h_list: HPy,
    h_item: HPy,
) -> i32 {
    enter(ctx, "HPyList_Append", -1, |st| {
        let l = st.get(h_list, "HPyList_Append")?;
        let it = st.get(h_item, "HPyList_Append")?;
        if types::data(type_of(st.obj(l))).instances != Instances::List {
            return Err(st.raise("SystemError", "bad argument to internal function".into()));
        }
        let a = st.alloc();
        list::append(&a, st.obj(l), st.obj(it))?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_Dict_New(ctx: *mut HPyContext) -> HPy {
    enter(ctx, "HPyDict_New", HPy_NULL, |st| {
        let d = dict::new(&st.alloc())?.raw();
        Ok(st.roots.handles.open(d))
    })
}

pub(crate) unsafe extern "C" fn ctx_Length(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    enter(ctx, "HPy_Length", -1, |st| {
        let r = st.get(h, "HPy_Length")?;
        Ok(st.len(r)? as HPy_ssize_t)
    })
}

pub(crate) unsafe extern "C" fn ctx_GetItem(ctx: *mut HPyContext, obj: HPy, key: HPy) -> HPy {
    enter(ctx, "HPy_GetItem", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetItem")?;
        let k = st.get(key, "HPy_GetItem")?;
        let v = st.getitem(o, k)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_GetItem_i(
    ctx: *mut HPyContext,
    obj: HPy,
    idx: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPy_GetItem_i", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetItem_i")?;
        let k = int::new_i64(&st.alloc(), idx as i64)?.raw();
        let v = st.getitem(o, k)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_GetItem_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_key: *const c_char,
) -> HPy {
    enter(ctx, "HPy_GetItem_s", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetItem_s")?;
        let key = c_str(st, utf8_key, "HPy_GetItem_s")?;
        let k = pystr::new(&st.alloc(), key)?.raw();
        let v = st.getitem(o, k)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_SetItem(
    ctx: *mut HPyContext,
    obj: HPy,
    key: HPy,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetItem", -1, |st| {
        let o = st.get(obj, "HPy_SetItem")?;
        let k = st.get(key, "HPy_SetItem")?;
        let v = st.get(value, "HPy_SetItem")?;
        st.setitem(o, k, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetItem_i(
    ctx: *mut HPyContext,
    obj: HPy,
    idx: HPy_ssize_t,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetItem_i", -1, |st| {
        let o = st.get(obj, "HPy_SetItem_i")?;
        let v = st.get(value, "HPy_SetItem_i")?;
        let k = int::new_i64(&st.alloc(), idx as i64)?.raw();
        st.setitem(o, k, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_SetItem_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_key: *const c_char,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetItem_s", -1, |st| {
        let o = st.get(obj, "HPy_SetItem_s")?;
        let v = st.get(value, "HPy_SetItem_s")?;
        let key = c_str(st, utf8_key, "HPy_SetItem_s")?;
        let k = pystr::new(&st.alloc(), key)?.raw();
        st.setitem(o, k, v)?;
        Ok(0)
    })
}
