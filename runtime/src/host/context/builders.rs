//! List and tuple builders, and trackers.
//!
//! A builder is a handle to the container being built (pre-filled with None), so its
//! contents are rooted like any handle. `Build` opens a new handle for the caller and closes
//! the builder's, `Cancel` closes it: a builder used after either is a closed handle, which
//! the runtime detects (CPython's hpy would return the same list twice, or use a freed one).
//! As in hpy, a builder whose creation failed is the value 0: `Set` ignores it, `Build`
//! raises the delayed `MemoryError`, `Cancel` does nothing.
//! A tracker is a vector of handles in Rust memory; `Close` closes them all.

use hpy_abi::{
    HPy, HPyContext, HPyListBuilder, HPyTracker, HPyTupleBuilder, HPy_NULL, HPy_ssize_t,
};

use super::enter;
use crate::error::PyResult;
use crate::objects::{exception, list, tuple};
use crate::state::State;

/// The container behind a builder value; a closed one is a clear error naming `func`.
#[inline(always)]
fn builder_target(st: &mut State, b: isize, func: &str) -> PyResult<gc::RawRef> {
    match st.roots.handles.get(HPy { _i: b }) {
        Some(r) => Ok(r),
        None => Err(not_a_builder(st, b, func)),
    }
}

#[cold]
#[inline(never)]
fn not_a_builder(st: &mut State, b: isize, func: &str) -> crate::error::Raised {
    if let Some(d) = st.debug() {
        d.bad_use(b, func);
    }
    st.raise(
        "SystemError",
        format!("{func}: {b:#x} is not a builder in progress (already built or cancelled, or never created)"),
    )
}

/// `New` for both builders: a handle to a container of `size` Nones, or 0 on failure with
/// the error dropped (hpy delays it to `Build`).
#[inline(always)]
fn builder_new(
    ctx: *mut HPyContext,
    name: &'static str,
    size: HPy_ssize_t,
    make: fn(&crate::objects::alloc::Alloc<'_>, &[gc::RawRef]) -> PyResult<gc::RawRef>,
) -> isize {
    enter(ctx, name, 0, |st| {
        if size < 0 {
            return Ok(0);
        }
        let a = st.alloc();
        // None is immortal: its address is current at any time.
        let none = st.b.none;
        // The usual small builder (HPy_BuildValue's tuples) fills from an array on the
        // stack: no allocation beside the container's.
        let small = [none; 8];
        let big;
        let items = match small.get(..size as usize) {
            Some(s) => s,
            None => {
                big = vec![none; size as usize];
                &big[..]
            }
        };
        match make(&a, items) {
            Ok(c) => {
                let h = st.roots.handles.open(c)._i;
                if let Some(d) = st.debug() {
                    d.mark_builder(h);
                }
                Ok(h)
            }
            Err(_) => {
                let _ = crate::error::take_alloc_failure();
                Ok(0)
            }
        }
    })
}

/// `Set` for both builders.
fn builder_set(
    ctx: *mut HPyContext,
    name: &'static str,
    builder: isize,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    enter(ctx, name, (), |st| {
        if builder == 0 {
            return Ok(());
        }
        let c = builder_target(st, builder, name)?;
        let it = st.get(h_item, name)?;
        let o = st.obj(c);
        let is_list = o.kind() == st.b.kinds.list;
        let n = if is_list { list::len(o) } else { tuple::len(o) };
        if index < 0 || index as usize >= n {
            return Err(index_out_of_range(st, name, index, n));
        }
        let a = st.alloc();
        if is_list {
            list::set(&a, st.obj(c), index as usize, st.obj(it));
        } else {
            tuple::set(&a, st.obj(c), index as usize, st.obj(it));
        }
        Ok(())
    })
}

#[cold]
#[inline(never)]
fn index_out_of_range(
    st: &mut State,
    name: &str,
    index: HPy_ssize_t,
    n: usize,
) -> crate::error::Raised {
    st.raise(
        "SystemError",
        format!("{name}: index {index} out of range for a builder of size {n}"),
    )
}

/// `Build` for both builders: the container under a new handle; the builder is closed.
fn builder_build(ctx: *mut HPyContext, name: &'static str, builder: isize) -> HPy {
    enter(ctx, name, HPy_NULL, |st| {
        if builder == 0 {
            // The MemoryError hpy delayed from `New`: `MemoryError()`, as PyErr_NoMemory.
            let a = st.alloc();
            let args = tuple::new(&a, &[])?;
            st.roots.exc = exception::new(&a, st.b.exc("MemoryError"), args)?.raw();
            return Err(crate::error::Raised);
        }
        let c = builder_target(st, builder, name)?;
        let h = st.roots.handles.open(c);
        let _ = st.roots.handles.close(HPy { _i: builder });
        Ok(h)
    })
}

/// `Cancel` for both builders. There is no error value: a builder already built or
/// cancelled is reported on stderr, like a double `HPy_Close`.
fn builder_cancel(ctx: *mut HPyContext, name: &'static str, builder: isize) {
    enter(ctx, name, (), |st| {
        if builder != 0 && st.roots.handles.close(HPy { _i: builder }).is_err() {
            if let Some(d) = st.debug() {
                d.bad_close(builder, name);
                return Ok(());
            }
            eprintln!(
                "hpymove: warning: {name}({builder:#x}): not a builder in progress (already built or cancelled)"
            );
        }
        Ok(())
    })
}

fn make_list(a: &crate::objects::alloc::Alloc<'_>, items: &[gc::RawRef]) -> PyResult<gc::RawRef> {
    Ok(list::new_from_current(a, items)?.raw())
}

fn make_tuple(a: &crate::objects::alloc::Alloc<'_>, items: &[gc::RawRef]) -> PyResult<gc::RawRef> {
    Ok(tuple::new_from_current(a, items)?.raw())
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_New(
    ctx: *mut HPyContext,
    size: HPy_ssize_t,
) -> HPyListBuilder {
    HPyListBuilder {
        _lst: builder_new(ctx, "HPyListBuilder_New", size, make_list),
    }
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Set(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    builder_set(ctx, "HPyListBuilder_Set", builder._lst, index, h_item)
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Build(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
) -> HPy {
    builder_build(ctx, "HPyListBuilder_Build", builder._lst)
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Cancel(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
) {
    builder_cancel(ctx, "HPyListBuilder_Cancel", builder._lst)
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_New(
    ctx: *mut HPyContext,
    size: HPy_ssize_t,
) -> HPyTupleBuilder {
    HPyTupleBuilder {
        _tup: builder_new(ctx, "HPyTupleBuilder_New", size, make_tuple),
    }
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Set(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    builder_set(ctx, "HPyTupleBuilder_Set", builder._tup, index, h_item)
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Build(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
) -> HPy {
    builder_build(ctx, "HPyTupleBuilder_Build", builder._tup)
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Cancel(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
) {
    builder_cancel(ctx, "HPyTupleBuilder_Cancel", builder._tup)
}

/// A tracker's handles, in Rust memory.
type TrackerData = Vec<HPy>;

fn tracker<'a>(st: &mut State, ht: HPyTracker, func: &str) -> PyResult<&'a mut TrackerData> {
    if st.debug().is_some_and(|d| !d.tracker_check(ht._i, func)) {
        return Err(st.raise(
            "SystemError",
            format!("{func}: {:#x} is not a live tracker", ht._i),
        ));
    }
    if ht._i == 0 {
        return Err(st.raise("SystemError", format!("{func}: invalid tracker")));
    }
    // SAFETY: tracker values are Boxes we leaked in Tracker_New, freed in Tracker_Close.
    Ok(unsafe { &mut *(ht._i as *mut TrackerData) })
}

pub(crate) unsafe extern "C" fn ctx_Tracker_New(
    ctx: *mut HPyContext,
    size: HPy_ssize_t,
) -> HPyTracker {
    enter(ctx, "HPyTracker_New", HPyTracker { _i: 0 }, |st| {
        let v: Box<TrackerData> = Box::new(Vec::with_capacity(size.max(0) as usize));
        let t = Box::into_raw(v) as isize;
        if let Some(d) = st.debug() {
            d.tracker_new(t);
        }
        Ok(HPyTracker { _i: t })
    })
}

pub(crate) unsafe extern "C" fn ctx_Tracker_Add(
    ctx: *mut HPyContext,
    ht: HPyTracker,
    h: HPy,
) -> i32 {
    enter(ctx, "HPyTracker_Add", -1, |st| {
        tracker(st, ht, "HPyTracker_Add")?.push(h);
        Ok(0)
    })
}

pub(crate) unsafe extern "C" fn ctx_Tracker_ForgetAll(ctx: *mut HPyContext, ht: HPyTracker) {
    enter(ctx, "HPyTracker_ForgetAll", (), |st| {
        tracker(st, ht, "HPyTracker_ForgetAll")?.clear();
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_Tracker_Close(ctx: *mut HPyContext, ht: HPyTracker) {
    enter(ctx, "HPyTracker_Close", (), |st| {
        let hs = std::mem::take(tracker(st, ht, "HPyTracker_Close")?);
        for h in hs {
            let _ = st.roots.handles.close(h);
        }
        if let Some(d) = st.debug() {
            d.tracker_closed(ht._i);
        }
        // SAFETY: leaked in Tracker_New; the extension closes a tracker once (checked in
        // debug mode).
        drop(unsafe { Box::from_raw(ht._i as *mut TrackerData) });
        Ok(())
    })
}
