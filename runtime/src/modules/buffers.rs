//! `_hpymove`'s natives for `memoryview` (`runtime/stdlib/_memoryview.py`) over the buffer
//! of an extension object (`host/buffer.rs` calls the type's buffer slots):
//!
//! - `buffer_acquire(obj)`: a managed buffer holding `obj`'s export, or None when `obj`'s
//!   type has no `HPy_bf_getbuffer` slot. It counts one view.
//! - `buffer_info(mb)`: `(format, itemsize, shape, strides, readonly)`.
//! - `buffer_read(mb, offset, n)` → bytes; `buffer_write(mb, offset, data)`: offsets in
//!   bytes from the exporter's `buf` (checked against the memory the export spans).
//! - `buffer_share(mb)`: one more view (a slice, a cast); `buffer_release(mb)`: one view
//!   less; the last one releases the export (`HPy_bf_releasebuffer`) at once.
//!
//! A managed buffer no view references any more is released by the finalizer queue.

use gc::RawRef;

use crate::error::PyResult;
use crate::host::buffer::PYBUF_FULL_RO;
use crate::objects::args::Args;
use crate::objects::args_check::{int_of, new_bytes};
use crate::objects::managedbuffer::{self, Export};
use crate::objects::types::Instances;
use crate::objects::{bytes, int, str as pystr, tuple, type_of, types};
use crate::state::State;

/// Runs `_hpymove.<fname>`, one of the `buffer_*` functions above.
pub(crate) fn call(st: &mut State, fname: &str, args: Args<'_>) -> PyResult<RawRef> {
    let want = match fname {
        "buffer_acquire" | "buffer_info" | "buffer_share" | "buffer_release" => 1,
        "buffer_read" | "buffer_write" => 3,
        _ => {
            return Err(st.raise(
                "AttributeError",
                format!("module '_hpymove' has no attribute '{fname}'"),
            ))
        }
    };
    if args.kw_len() != 0 || args.len() != want {
        return Err(st.raise(
            "TypeError",
            format!("_hpymove.{fname}() takes exactly {want} positional argument(s)"),
        ));
    }
    if fname == "buffer_acquire" {
        return Ok(st
            .ext_getbuffer(args.get(st, 0), PYBUF_FULL_RO)?
            .unwrap_or(st.b.none));
    }
    let mb = args.get(st, 0);
    if st.obj(mb).kind() != st.b.kinds.managed_buffer {
        let t = st.type_name(mb);
        return Err(st.raise(
            "TypeError",
            format!("_hpymove.{fname}() needs a managed buffer, not {t}"),
        ));
    }
    if fname == "buffer_release" {
        return release(st, mb);
    }
    if managedbuffer::export(st.obj(mb)).is_none() {
        return Err(st.raise(
            "ValueError",
            "operation forbidden on released memoryview object".into(),
        ));
    }
    match fname {
        "buffer_info" => info(st, mb),
        "buffer_share" => {
            let e = managedbuffer::export_mut(st.obj(mb)).expect("not released");
            e.views += 1;
            Ok(st.b.none)
        }
        "buffer_read" => {
            let off = int_of(st, args.get(st, 1))?;
            let n = int_of(st, args.get(st, 2))?;
            let data = usize::try_from(n).ok().and_then(|n| {
                managedbuffer::export(st.obj(mb))
                    .expect("not released")
                    .read(off as isize, n)
            });
            match data {
                Some(d) => new_bytes(st, &d),
                None => Err(out_of_bounds(st)),
            }
        }
        _ => {
            let off = int_of(st, args.get(st, 1))?;
            let data = args.get(st, 2);
            let o = st.obj(data);
            if types::data(type_of(o)).instances != Instances::Bytes {
                let t = st.type_name(data);
                return Err(st.raise(
                    "TypeError",
                    format!("_hpymove.buffer_write() needs bytes, not {t}"),
                ));
            }
            let e = managedbuffer::export(st.obj(mb)).expect("not released");
            if e.readonly {
                return Err(st.raise("TypeError", "cannot modify read-only memory".into()));
            }
            if !e.write(off as isize, bytes::data(st.obj(data))) {
                return Err(out_of_bounds(st));
            }
            Ok(st.b.none)
        }
    }
}

fn out_of_bounds(st: &mut State) -> crate::error::Raised {
    st.raise(
        "IndexError",
        "access outside the memory the buffer exported".into(),
    )
}

/// One view less; the last releases the export now.
fn release(st: &mut State, mb: RawRef) -> PyResult<RawRef> {
    let last = match managedbuffer::export_mut(st.obj(mb)) {
        Some(e) => {
            e.views = e.views.saturating_sub(1);
            e.views == 0
        }
        None => false,
    };
    if last {
        st.release_managed(mb)?;
    }
    Ok(st.b.none)
}

/// `(format, itemsize, shape, strides, readonly)` of a live export.
fn info(st: &mut State, mb: RawRef) -> PyResult<RawRef> {
    let (format, itemsize, shape, strides, readonly) = {
        let e: &Export = managedbuffer::export(st.obj(mb)).expect("not released");
        (
            e.format.clone(),
            e.itemsize,
            e.shape.clone(),
            e.strides.clone(),
            e.readonly,
        )
    };
    // Allocation does not collect: the objects made here stay put until returned.
    let a = st.alloc();
    let ints = |v: &[isize]| -> PyResult<_> {
        let items = v
            .iter()
            .map(|&n| int::new_i64(&a, n as i64))
            .collect::<PyResult<Vec<_>>>()?;
        tuple::new(&a, &items)
    };
    let shape = ints(&shape)?;
    let strides = ints(&strides)?;
    let format = pystr::new(&a, &format)?;
    let itemsize = int::new_i64(&a, itemsize as i64)?;
    let readonly = st.obj(if readonly { st.b.true_ } else { st.b.false_ });
    Ok(tuple::new(&a, &[format, itemsize, shape, strides, readonly])?.raw())
}
