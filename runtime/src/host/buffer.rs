//! The buffer slots of extension types: `HPy_bf_getbuffer` when a `memoryview` or `bytes()`
//! asks an extension object for its memory, `HPy_bf_releasebuffer` exactly once when that
//! export ends (the last `memoryview.release()`, the end of `bytes()`, or the finalizer
//! queue when the managed buffer dies unreleased: C code cannot run during a collection).
//!
//! As hpy.universal does, the slot fills a zeroed `HPy_buffer`; `buf->obj` is a handle the
//! buffer owns (usually `HPy_Dup(self)`), kept open for the export and closed after the
//! release slot ran. Debug mode takes it as the call's result: a handle the host owns, and
//! an argument handle stored there without `HPy_Dup` is reported.

use std::ffi::{c_int, CStr};

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL, HPy_bf_getbuffer, HPy_bf_releasebuffer, HPy_buffer};

use crate::error::{PyResult, Raised};
use crate::host::exttype::CallResult;
use crate::objects::managedbuffer::{self, Export};
use crate::state::State;

type GetBuffer = unsafe extern "C" fn(*mut HPyContext, HPy, *mut HPy_buffer, c_int) -> c_int;
type ReleaseBuffer = unsafe extern "C" fn(*mut HPyContext, HPy, *mut HPy_buffer);

/// CPython's `PyBUF_FULL_RO` (`PyBUF_INDIRECT | PyBUF_FORMAT`): what `memoryview()` and
/// `bytes()` ask for. HPy 0.9 has no names for the flags; the slot gets CPython's values.
pub(crate) const PYBUF_FULL_RO: c_int = 0x0100 | 0x0010 | 0x0008 | 0x0004;

/// CPython's limit on the dimensions of a buffer (`PyBUF_MAX_NDIM`).
const MAX_NDIM: c_int = 64;

/// What a getbuffer call returned: its status and the handle the buffer owns.
struct Filled {
    rc: c_int,
    obj: HPy,
}

impl CallResult for Filled {
    fn handle(&self) -> Option<HPy> {
        (self.rc == 0).then_some(self.obj)
    }
    fn with_handle(self, h: HPy) -> Self {
        Filled { obj: h, ..self }
    }
}

impl State {
    /// Asks `obj`'s type's `HPy_bf_getbuffer` slot for its buffer. `None`: the type has no
    /// buffer slot. The result is a managed buffer holding the export.
    pub(crate) fn ext_getbuffer(&mut self, obj: RawRef, flags: c_int) -> PyResult<Option<RawRef>> {
        let Some(get) = self.ext_slot(obj, HPy_bf_getbuffer) else {
            return Ok(None);
        };
        let mut view = empty_view();
        let mut args = [obj];
        let filled = self.with_handles_at("getbuffer", get, &mut args, |ctx, hs| {
            // SAFETY: the type registered `get` as its `HPy_bf_getbuffer` (getbufferproc
            // signature); the handle is open and `view` is writable for the call.
            let rc = unsafe {
                std::mem::transmute::<usize, GetBuffer>(get)(ctx, hs[0], &mut view, flags)
            };
            Filled { rc, obj: view.obj }
        });
        view.obj = filled.obj;
        if filled.rc != 0 {
            self.slot_status(i64::from(filled.rc), "bf_getbuffer")?;
            return Err(self.raise(
                "SystemError",
                "bf_getbuffer failed without setting an exception".into(),
            ));
        }
        let export = match read_export(view) {
            Ok(e) if !self.exc_pending() => e,
            r => {
                // Release what was exported before reporting the problem.
                let why = r.err();
                let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
                let _ = self.release_export(view);
                self.roots.exc = saved;
                return Err(match why {
                    Some(why) => self.raise("BufferError", why),
                    None => self.raise(
                        "SystemError",
                        "bf_getbuffer returned a result with an exception set".into(),
                    ),
                });
            }
        };
        let a = self.alloc();
        let mb = managedbuffer::new(&a, self.obj(args[0]), export)?;
        Ok(Some(mb.raw()))
    }

    /// Releases the export of managed buffer `mb` now, if it was not released yet: calls
    /// the exporter's `HPy_bf_releasebuffer` and closes the buffer's handle.
    pub(crate) fn release_managed(&mut self, mb: RawRef) -> PyResult<()> {
        match managedbuffer::take(self.obj(mb)) {
            Some(export) => self.release_export(export.view),
            None => Ok(()),
        }
    }

    /// Calls the release slot of the type of the buffer's owner (`view.obj`), with that
    /// struct, then closes the handle. No owner: nothing to call (as CPython).
    fn release_export(&mut self, mut view: HPy_buffer) -> PyResult<()> {
        let owned = view.obj;
        if owned._i == 0 {
            return Ok(());
        }
        let Some(owner) = self.roots.handles.get(owned) else {
            return Err(self.raise(
                "SystemError",
                format!(
                    "the handle {:#x} a buffer owns (HPy_buffer.obj) was closed before the buffer was released",
                    owned._i
                ),
            ));
        };
        if let Some(f) = self.ext_slot(owner, HPy_bf_releasebuffer) {
            let mut args = [owner];
            self.with_handles_at("releasebuffer", f, &mut args, |ctx, hs| {
                // SAFETY: the owner's type registered `f` as its `HPy_bf_releasebuffer`;
                // `view` is the struct its getbuffer filled in, writable for the call.
                unsafe { std::mem::transmute::<usize, ReleaseBuffer>(f)(ctx, hs[0], &mut view) }
            });
        }
        let _ = self.roots.handles.close(owned);
        if self.exc_pending() {
            return Err(Raised);
        }
        Ok(())
    }

    /// A managed buffer found dead by the collector (queued like `tp_finalize`): its export
    /// is released here, outside the collection. False if `obj` is not a managed buffer.
    pub(crate) fn finalize_managed_buffer(&mut self, obj: RawRef) -> bool {
        if self.obj(obj).kind() != self.b.kinds.managed_buffer {
            return false;
        }
        // The release runs with no exception set; the interrupted code's one is kept.
        let saved = std::mem::replace(&mut self.roots.exc, RawRef::NULL);
        let saved_h = (!saved.is_null()).then(|| self.roots.handles.open(saved));
        let r = self.release_managed(obj);
        if r.is_err() {
            self.write_unraisable();
        }
        if let Some(sh) = saved_h {
            self.roots.exc = self.roots.handles.get(sh).expect("kept open");
            let _ = self.roots.handles.close(sh);
        }
        true
    }

    /// `bytes(obj)` for an extension object with a buffer slot: its memory in C order.
    /// `None`: the type has no buffer slot.
    pub(crate) fn ext_buffer_bytes(&mut self, obj: RawRef) -> PyResult<Option<Vec<u8>>> {
        let Some(mb) = self.ext_getbuffer(obj, PYBUF_FULL_RO)? else {
            return Ok(None);
        };
        let data = managedbuffer::export(self.obj(mb))
            .expect("not released yet")
            .contiguous();
        self.release_managed(mb)?;
        Ok(Some(data))
    }
}

/// A zeroed `HPy_buffer`: what the slot fills in.
fn empty_view() -> HPy_buffer {
    HPy_buffer {
        buf: std::ptr::null_mut(),
        obj: HPy_NULL,
        len: 0,
        itemsize: 0,
        readonly: 0,
        ndim: 0,
        format: std::ptr::null_mut(),
        shape: std::ptr::null_mut(),
        strides: std::ptr::null_mut(),
        suboffsets: std::ptr::null_mut(),
        internal: std::ptr::null_mut(),
    }
}

/// Reads and checks what the getbuffer slot filled in (CPython's defaults: no format is
/// "B", no shape is one dimension of `len / itemsize`, no strides is C order).
fn read_export(view: HPy_buffer) -> Result<Export, String> {
    let bad = |why: &str| Err(format!("the exported buffer is invalid: {why}"));
    if !(0..=MAX_NDIM).contains(&view.ndim) {
        return bad(&format!("ndim {} is not in 0..={MAX_NDIM}", view.ndim));
    }
    if view.itemsize <= 0 {
        return bad(&format!("itemsize {} is not positive", view.itemsize));
    }
    if !view.suboffsets.is_null() {
        return Err(
            "buffers with suboffsets (PIL-style arrays) are not supported by hpymove's memoryview"
                .into(),
        );
    }
    let ndim = view.ndim as usize;
    let format = if view.format.is_null() {
        "B".to_string()
    } else {
        // SAFETY: the exporter gives a NUL-terminated format, valid until the release.
        unsafe { CStr::from_ptr(view.format) }
            .to_string_lossy()
            .into_owned()
    };
    let shape: Vec<isize> = if view.shape.is_null() {
        match ndim {
            0 => Vec::new(),
            1 => vec![view.len / view.itemsize],
            _ => return bad("shape is NULL with more than one dimension"),
        }
    } else {
        // SAFETY: the exporter gives `ndim` shape entries, valid until the release.
        unsafe { std::slice::from_raw_parts(view.shape, ndim) }.to_vec()
    };
    if shape.iter().any(|&n| n < 0) {
        return bad("negative shape");
    }
    let strides: Vec<isize> = if view.strides.is_null() {
        let mut s = vec![0isize; ndim];
        let mut step = view.itemsize;
        for d in (0..ndim).rev() {
            s[d] = step;
            step = step
                .checked_mul(shape[d].max(1))
                .ok_or("the buffer is too large")?;
        }
        s
    } else {
        // SAFETY: as for the shape.
        unsafe { std::slice::from_raw_parts(view.strides, ndim) }.to_vec()
    };
    // The bytes the elements span, relative to `buf`.
    let (mut lo, mut hi) = (0isize, view.itemsize);
    if shape.contains(&0) {
        hi = 0;
    } else {
        for (&n, &s) in shape.iter().zip(&strides) {
            let reach = (n - 1).checked_mul(s).ok_or("the buffer is too large")?;
            if reach < 0 {
                lo = lo.checked_add(reach).ok_or("the buffer is too large")?;
            } else {
                hi = hi.checked_add(reach).ok_or("the buffer is too large")?;
            }
        }
    }
    if view.buf.is_null() && hi > lo {
        return bad("buf is NULL");
    }
    Ok(Export {
        view,
        views: 1,
        format,
        itemsize: view.itemsize,
        shape,
        strides,
        readonly: view.readonly != 0,
        lo,
        hi,
    })
}
