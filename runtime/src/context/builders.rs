//! List and tuple builders, and trackers.
//!
//! A builder is a handle to the container being built (pre-filled with None), so its
//! contents are rooted like any handle; `Build` hands that handle to the caller, `Cancel`
//! closes it. A tracker is a vector of handles in Rust memory; `Close` closes them all.

use hpy_abi::{
    HPy, HPyContext, HPyListBuilder, HPyTracker, HPyTupleBuilder, HPy_NULL, HPy_ssize_t,
};

use super::enter;
use crate::error::PyResult;
use crate::objects::{list, tuple};
use crate::state::State;

fn builder_target(st: &mut State, b: isize, func: &str) -> PyResult<gc::RawRef> {
    st.get(HPy { _i: b }, func)
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_New(
    ctx: *mut HPyContext,
    size: HPy_ssize_t,
) -> HPyListBuilder {
    enter(
        ctx,
        "HPyListBuilder_New",
        HPyListBuilder { _lst: 0 },
        |st| {
            if size < 0 {
                return Err(st.raise("SystemError", "HPyListBuilder_New: negative size".into()));
            }
            let a = st.alloc();
            let items = vec![a.none(); size as usize];
            let l = list::new(&a, &items)?.raw();
            Ok(HPyListBuilder {
                _lst: st.roots.handles.open(l)._i,
            })
        },
    )
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Set(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    enter(ctx, "HPyListBuilder_Set", (), |st| {
        let l = builder_target(st, builder._lst, "HPyListBuilder_Set")?;
        let it = st.get(h_item, "HPyListBuilder_Set")?;
        let n = list::len(st.obj(l));
        if index < 0 || index as usize >= n {
            return Err(st.raise(
                "IndexError",
                "HPyListBuilder_Set: index out of range".into(),
            ));
        }
        let a = st.alloc();
        list::set(&a, st.obj(l), index as usize, st.obj(it));
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Build(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
) -> HPy {
    enter(ctx, "HPyListBuilder_Build", HPy_NULL, |st| {
        builder_target(st, builder._lst, "HPyListBuilder_Build")?;
        Ok(HPy { _i: builder._lst })
    })
}

pub(crate) unsafe extern "C" fn ctx_ListBuilder_Cancel(
    ctx: *mut HPyContext,
    builder: HPyListBuilder,
) {
    enter(ctx, "HPyListBuilder_Cancel", (), |st| {
        let _ = st.roots.handles.close(HPy { _i: builder._lst });
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_New(
    ctx: *mut HPyContext,
    size: HPy_ssize_t,
) -> HPyTupleBuilder {
    enter(
        ctx,
        "HPyTupleBuilder_New",
        HPyTupleBuilder { _tup: 0 },
        |st| {
            if size < 0 {
                return Err(st.raise("SystemError", "HPyTupleBuilder_New: negative size".into()));
            }
            let a = st.alloc();
            let items = vec![a.none(); size as usize];
            let t = tuple::new(&a, &items)?.raw();
            Ok(HPyTupleBuilder {
                _tup: st.roots.handles.open(t)._i,
            })
        },
    )
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Set(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
    index: HPy_ssize_t,
    h_item: HPy,
) {
    enter(ctx, "HPyTupleBuilder_Set", (), |st| {
        let t = builder_target(st, builder._tup, "HPyTupleBuilder_Set")?;
        let it = st.get(h_item, "HPyTupleBuilder_Set")?;
        let n = tuple::len(st.obj(t));
        if index < 0 || index as usize >= n {
            return Err(st.raise(
                "IndexError",
                "HPyTupleBuilder_Set: index out of range".into(),
            ));
        }
        let a = st.alloc();
        tuple::set(&a, st.obj(t), index as usize, st.obj(it));
        Ok(())
    })
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Build(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
) -> HPy {
    enter(ctx, "HPyTupleBuilder_Build", HPy_NULL, |st| {
        builder_target(st, builder._tup, "HPyTupleBuilder_Build")?;
        Ok(HPy { _i: builder._tup })
    })
}

pub(crate) unsafe extern "C" fn ctx_TupleBuilder_Cancel(
    ctx: *mut HPyContext,
    builder: HPyTupleBuilder,
) {
    enter(ctx, "HPyTupleBuilder_Cancel", (), |st| {
        let _ = st.roots.handles.close(HPy { _i: builder._tup });
        Ok(())
    })
}

/// A tracker's handles, in Rust memory.
type TrackerData = Vec<HPy>;

fn tracker<'a>(st: &mut State, ht: HPyTracker, func: &str) -> PyResult<&'a mut TrackerData> {
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
    enter(ctx, "HPyTracker_New", HPyTracker { _i: 0 }, |_st| {
        let v: Box<TrackerData> = Box::new(Vec::with_capacity(size.max(0) as usize));
        Ok(HPyTracker {
            _i: Box::into_raw(v) as isize,
        })
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
        // SAFETY: leaked in Tracker_New; the extension closes a tracker once.
        drop(unsafe { Box::from_raw(ht._i as *mut TrackerData) });
        Ok(())
    })
}
