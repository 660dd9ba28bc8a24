//! Tuples, lists, dicts, slices, and the item protocol (`HPy_GetItem` … `HPy_DelSlice`).
//!
//! Each member does what CPython's function behind it does (`HPy_GetItem_i` builds an int key
//! and calls `PyObject_GetItem`, `HPy_GetSlice` is `PySequence_GetSlice`, …), with CPython
//! 3.11's results and messages. Where CPython would not check its argument and crash
//! (`PyList_Append` on a non-list…), the runtime raises `SystemError` naming the function.

use std::ffi::c_char;

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_ssize_t};

use super::{c_str, enter};
use crate::error::{PyResult, Raised};
use crate::objects::{dict, int, list, slice, str as pystr, tuple, type_of, types};
use crate::state::State;

/// Is `r` an instance of builtin type `ty` or of a subtype (`PyList_Check` and friends)?
fn instance_of(st: &State, r: RawRef, ty: RawRef) -> bool {
    types::is_subtype(type_of(st.obj(r)), st.obj(ty))
}

/// CPython's `PyErr_BadInternalCall`, naming the function and what it expected.
fn bad_internal_call(st: &mut State, func: &str, expected: &str, r: RawRef) -> Raised {
    let t = st.type_name(r);
    st.raise(
        "SystemError",
        format!("{func}: bad argument to internal function (expected {expected}, got '{t}')"),
    )
}

fn check(ctx: *mut HPyContext, name: &'static str, h: HPy, ty: fn(&State) -> RawRef) -> i32 {
    enter(ctx, name, 0, |st| {
        let r = st.get(h, name)?;
        Ok(instance_of(st, r, ty(st)) as i32)
    })
}

pub(crate) unsafe extern "C" fn ctx_Tuple_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyTuple_Check", h, |st| st.b.tuple_type)
}

pub(crate) unsafe extern "C" fn ctx_List_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyList_Check", h, |st| st.b.list_type)
}

pub(crate) unsafe extern "C" fn ctx_Dict_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    check(ctx, "HPyDict_Check", h, |st| st.b.dict_type)
}

/// The objects behind `n` handles at `items`.
fn resolve_array(
    st: &mut State,
    items: *const HPy,
    n: HPy_ssize_t,
    func: &str,
) -> PyResult<Vec<RawRef>> {
    if n < 0 || (n > 0 && items.is_null()) {
        return Err(st.raise(
            "SystemError",
            format!("{func}: bad argument to internal function (array of {n} handles)"),
        ));
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
            return Err(st.raise(
                "SystemError",
                format!("HPyList_New: bad argument to internal function (size {len})"),
            ));
        }
        // CPython leaves the items NULL until the extension sets them (HPy requires that it
        // does before any other use); here they are None, so an unset item is a value.
        let a = st.alloc();
        let items = vec![a.none(); len as usize];
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
        if !instance_of(st, l, st.b.list_type) {
            return Err(bad_internal_call(st, "HPyList_Append", "a list", l));
        }
        let a = st.alloc();
        list::append(&a, st.obj(l), st.obj(it))?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_List_Insert(
    ctx: *mut HPyContext,
    h_list: HPy,
    index: HPy_ssize_t,
    h_item: HPy,
) -> i32 {
    enter(ctx, "HPyList_Insert", -1, |st| {
        let l = st.get(h_list, "HPyList_Insert")?;
        let it = st.get(h_item, "HPyList_Insert")?;
        if !instance_of(st, l, st.b.list_type) {
            return Err(bad_internal_call(st, "HPyList_Insert", "a list", l));
        }
        st.list_insert(l, index, it)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_Dict_New(ctx: *mut HPyContext) -> HPy {
    enter(ctx, "HPyDict_New", HPy_NULL, |st| {
        let d = dict::new(&st.alloc())?.raw();
        Ok(st.roots.handles.open(d))
    })
}

pub(crate) unsafe extern "C" fn ctx_Dict_Keys(ctx: *mut HPyContext, h: HPy) -> HPy {
    enter(ctx, "HPyDict_Keys", HPy_NULL, |st| {
        let d = st.get(h, "HPyDict_Keys")?;
        if !instance_of(st, d, st.b.dict_type) {
            return Err(bad_internal_call(st, "HPyDict_Keys", "a dict", d));
        }
        let l = st.dict_keys(d)?;
        Ok(st.roots.handles.open(l))
    })
}

pub(crate) unsafe extern "C" fn ctx_Dict_Copy(ctx: *mut HPyContext, h: HPy) -> HPy {
    enter(ctx, "HPyDict_Copy", HPy_NULL, |st| {
        let d = st.get(h, "HPyDict_Copy")?;
        if !instance_of(st, d, st.b.dict_type) {
            return Err(bad_internal_call(st, "HPyDict_Copy", "a dict", d));
        }
        let c = st.dict_copy(d)?;
        Ok(st.roots.handles.open(c))
    })
}

pub(crate) unsafe extern "C" fn ctx_Length(ctx: *mut HPyContext, h: HPy) -> HPy_ssize_t {
    enter(ctx, "HPy_Length", -1, |st| {
        let r = st.get(h, "HPy_Length")?;
        Ok(st.len(r)? as HPy_ssize_t)
    })
}

pub(crate) unsafe extern "C" fn ctx_Contains(
    ctx: *mut HPyContext,
    container: HPy,
    key: HPy,
) -> i32 {
    enter(ctx, "HPy_Contains", -1, |st| {
        let c = st.get(container, "HPy_Contains")?;
        let k = st.get(key, "HPy_Contains")?;
        Ok(st.contains(c, k)? as i32)
    })
}

// ---------------------------------------------------------------- item access

/// `PyLong_FromSsize_t(idx)`, the key of the `_i` forms.
fn int_key(st: &mut State, idx: HPy_ssize_t) -> PyResult<RawRef> {
    Ok(int::new_i64(&st.alloc(), idx as i64)?.raw())
}

/// `PyUnicode_FromString(key)`, the key of the `_s` forms.
fn str_key(st: &mut State, key: *const c_char, func: &str) -> PyResult<RawRef> {
    let key = c_str(st, key, func)?;
    Ok(pystr::new(&st.alloc(), key)?.raw())
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
        let k = int_key(st, idx)?;
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
        let k = str_key(st, utf8_key, "HPy_GetItem_s")?;
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
        let k = int_key(st, idx)?;
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
        let k = str_key(st, utf8_key, "HPy_SetItem_s")?;
        st.setitem(o, k, v)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_DelItem(ctx: *mut HPyContext, obj: HPy, key: HPy) -> i32 {
    enter(ctx, "HPy_DelItem", -1, |st| {
        let o = st.get(obj, "HPy_DelItem")?;
        let k = st.get(key, "HPy_DelItem")?;
        st.delitem(o, k)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_DelItem_i(
    ctx: *mut HPyContext,
    obj: HPy,
    idx: HPy_ssize_t,
) -> i32 {
    enter(ctx, "HPy_DelItem_i", -1, |st| {
        let o = st.get(obj, "HPy_DelItem_i")?;
        let k = int_key(st, idx)?;
        st.delitem(o, k)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_DelItem_s(
    ctx: *mut HPyContext,
    obj: HPy,
    utf8_key: *const c_char,
) -> i32 {
    enter(ctx, "HPy_DelItem_s", -1, |st| {
        let o = st.get(obj, "HPy_DelItem_s")?;
        let k = str_key(st, utf8_key, "HPy_DelItem_s")?;
        st.delitem(o, k)?;
        Ok(0)
    })
}

// ---------------------------------------------------------------- slices

/// `slice(start, end)` from integer bounds (CPython's `_PySlice_FromIndices`).
fn index_slice(st: &mut State, start: HPy_ssize_t, end: HPy_ssize_t) -> PyResult<RawRef> {
    let a = st.alloc();
    let (x, y) = (
        int::new_i64(&a, start as i64)?,
        int::new_i64(&a, end as i64)?,
    );
    Ok(slice::new(&a, x, y, a.none())?.raw())
}

/// Does the object support item access with slices (a mapping's `mp_subscript`)?
fn sliceable(st: &State, r: RawRef) -> bool {
    let k = st.b.kinds;
    let kind = st.obj(r).kind();
    [k.str_, k.bytes, k.tuple, k.list, k.dict, k.range].contains(&kind)
}

/// Does the object support item assignment (a mapping's `mp_ass_subscript`)?
fn slice_assignable(st: &State, r: RawRef) -> bool {
    let k = st.b.kinds;
    let kind = st.obj(r).kind();
    kind == k.list || kind == k.dict
}

pub(crate) unsafe extern "C" fn ctx_GetSlice(
    ctx: *mut HPyContext,
    obj: HPy,
    start: HPy_ssize_t,
    end: HPy_ssize_t,
) -> HPy {
    enter(ctx, "HPy_GetSlice", HPy_NULL, |st| {
        let o = st.get(obj, "HPy_GetSlice")?;
        if !sliceable(st, o) {
            let t = st.type_name(o);
            return Err(st.raise("TypeError", format!("'{t}' object is unsliceable")));
        }
        let s = index_slice(st, start, end)?;
        let v = st.getitem(o, s)?;
        Ok(st.roots.handles.open(v))
    })
}

pub(crate) unsafe extern "C" fn ctx_SetSlice(
    ctx: *mut HPyContext,
    obj: HPy,
    start: HPy_ssize_t,
    end: HPy_ssize_t,
    value: HPy,
) -> i32 {
    enter(ctx, "HPy_SetSlice", -1, |st| {
        let o = st.get(obj, "HPy_SetSlice")?;
        // HPy_NULL deletes, as PySequence_SetSlice(s, i, j, NULL) does.
        let v = if value._i == 0 {
            None
        } else {
            Some(st.get(value, "HPy_SetSlice")?)
        };
        if !slice_assignable(st, o) {
            let t = st.type_name(o);
            return Err(st.raise(
                "TypeError",
                format!("'{t}' object doesn't support slice assignment"),
            ));
        }
        let s = index_slice(st, start, end)?;
        match v {
            Some(v) => st.setitem(o, s, v)?,
            None => st.delitem(o, s)?,
        }
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_DelSlice(
    ctx: *mut HPyContext,
    obj: HPy,
    start: HPy_ssize_t,
    end: HPy_ssize_t,
) -> i32 {
    enter(ctx, "HPy_DelSlice", -1, |st| {
        let o = st.get(obj, "HPy_DelSlice")?;
        if !slice_assignable(st, o) {
            let t = st.type_name(o);
            return Err(st.raise(
                "TypeError",
                format!("'{t}' object doesn't support slice deletion"),
            ));
        }
        let s = index_slice(st, start, end)?;
        st.delitem(o, s)?;
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_Slice_New(
    ctx: *mut HPyContext,
    start: HPy,
    stop: HPy,
    step: HPy,
) -> HPy {
    enter(ctx, "HPySlice_New", HPy_NULL, |st| {
        // HPy_NULL stands for None, as NULL does for PySlice_New.
        let mut part = |h: HPy| {
            if h._i == 0 {
                Ok(RawRef::NULL)
            } else {
                st.get(h, "HPySlice_New")
            }
        };
        let (x, y, z) = (part(start)?, part(stop)?, part(step)?);
        let s = st.new_slice(x, y, z)?;
        Ok(st.roots.handles.open(s))
    })
}

pub(crate) unsafe extern "C" fn ctx_Slice_Unpack(
    ctx: *mut HPyContext,
    h_slice: HPy,
    start: *mut HPy_ssize_t,
    stop: *mut HPy_ssize_t,
    step: *mut HPy_ssize_t,
) -> i32 {
    enter(ctx, "HPySlice_Unpack", -1, |st| {
        let s = st.get(h_slice, "HPySlice_Unpack")?;
        if st.obj(s).kind() != st.b.kinds.slice {
            return Err(bad_internal_call(st, "HPySlice_Unpack", "a slice", s));
        }
        if start.is_null() || stop.is_null() || step.is_null() {
            return Err(st.raise("SystemError", "HPySlice_Unpack: NULL output pointer".into()));
        }
        let (a, b, c) = st.slice_unpack(s)?;
        // SAFETY: the extension passes three writable HPy_ssize_t, checked non-null above.
        unsafe {
            *start = a;
            *stop = b;
            *step = c;
        }
        Ok(0)
    })
}
