//! `managedbuffer`: a buffer an extension type's `HPy_bf_getbuffer` slot exported, held for
//! the `memoryview`s over it (CPython's managed buffer): `[type, id, exporter, | export]`.
//!
//! The exported memory lives in the exporter's payload or in memory the extension
//! allocated: it does not move, so reads and writes go straight to it. The export (the
//! `HPy_buffer` the slot filled in, and what was read out of it) lives in Rust memory owned
//! by the object until the buffer is released: by the last `memoryview.release()`, or by
//! the finalizer queue when the object dies (a C call cannot run during a collection;
//! `host/buffer.rs`). The collector traces the type and exporter words only.

use gc::ObjRef;
use hpy_abi::HPy_buffer;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::W_DATA;

const W_EXPORTER: usize = W_DATA;
const W_EXPORT: usize = W_DATA + 1;

/// One export of a buffer, as read from the `HPy_buffer` its exporter filled in.
#[derive(Debug)]
pub(crate) struct Export {
    /// The struct as the slot filled it: `view.obj` is the handle the buffer owns (closed
    /// on release), and the release slot gets this struct back.
    pub(crate) view: HPy_buffer,
    /// `memoryview`s over the buffer that were not released yet.
    pub(crate) views: usize,
    pub(crate) format: String,
    pub(crate) itemsize: isize,
    pub(crate) shape: Vec<isize>,
    pub(crate) strides: Vec<isize>,
    pub(crate) readonly: bool,
    /// The bytes the view may touch, as offsets from `view.buf`: `[lo, hi)` (negative
    /// strides reach below `buf`).
    pub(crate) lo: isize,
    pub(crate) hi: isize,
}

impl Export {
    /// Is `[off, off + n)` inside the exported memory?
    fn covers(&self, off: isize, n: usize) -> bool {
        let Ok(n) = isize::try_from(n) else {
            return false;
        };
        off >= self.lo && off.checked_add(n).is_some_and(|end| end <= self.hi)
    }

    /// Copies `n` bytes at `off` (bounds checked by the caller).
    pub(crate) fn read(&self, off: isize, n: usize) -> Option<Vec<u8>> {
        if !self.covers(off, n) {
            return None;
        }
        let mut out = vec![0u8; n];
        if n > 0 {
            // SAFETY: the exporter keeps `[buf + lo, buf + hi)` valid until the buffer is
            // released (this export exists only until then), and the range is inside it.
            unsafe {
                let p = (self.view.buf as *const u8).offset(off);
                std::ptr::copy_nonoverlapping(p, out.as_mut_ptr(), n);
            }
        }
        Some(out)
    }

    /// Every element's bytes in C order (row-major), as `bytes(obj)` copies them.
    pub(crate) fn contiguous(&self) -> Vec<u8> {
        let n: usize = self.shape.iter().map(|&d| d as usize).product();
        let size = self.itemsize as usize;
        let mut out = Vec::with_capacity(n * size);
        if n == 0 {
            return out;
        }
        let mut index = vec![0isize; self.shape.len()];
        loop {
            let off: isize = index.iter().zip(&self.strides).map(|(i, s)| i * s).sum();
            out.extend(
                self.read(off, size)
                    .expect("every element lies inside the export"),
            );
            // The next index, last dimension fastest.
            let mut d = index.len();
            loop {
                if d == 0 {
                    return out;
                }
                d -= 1;
                index[d] += 1;
                if index[d] < self.shape[d] {
                    break;
                }
                index[d] = 0;
            }
        }
    }

    /// Writes `data` at `off`; false if outside the exported memory or read-only.
    pub(crate) fn write(&self, off: isize, data: &[u8]) -> bool {
        if self.readonly || !self.covers(off, data.len()) {
            return false;
        }
        if !data.is_empty() {
            // SAFETY: as in `read`; the exporter said the memory is writable.
            unsafe {
                let p = (self.view.buf as *mut u8).offset(off);
                std::ptr::copy_nonoverlapping(data.as_ptr(), p, data.len());
            }
        }
        true
    }
}

/// A new managed buffer over `export` of `exporter`, registered for finalization (its
/// release when it dies unreleased).
pub(crate) fn new<'h>(a: &Alloc<'h>, exporter: ObjRef<'_>, export: Export) -> PyResult<ObjRef<'h>> {
    let o = a.object(
        a.kinds().managed_buffer,
        a.b.managedbuffer_type,
        W_EXPORT + 1,
    )?;
    // A fresh object in the moving space: no write barrier needed.
    o.set_word(W_EXPORTER, exporter.addr() as u64);
    o.set_word(W_EXPORT, Box::into_raw(Box::new(export)) as u64);
    a.heap.register_finalizer(o);
    Ok(o)
}

/// The export, while the buffer is not released.
pub(crate) fn export(o: ObjRef<'_>) -> Option<&Export> {
    let p = o.word(W_EXPORT) as *const Export;
    // SAFETY: the word holds the Box leaked in `new` until `take` frees it; the reference
    // borrows the object, so no safepoint (and no release) can run while it is alive.
    (!p.is_null()).then(|| unsafe { &*p })
}

/// Mutable access to the export (its view count), while the buffer is not released.
pub(crate) fn export_mut(o: ObjRef<'_>) -> Option<&mut Export> {
    let p = o.word(W_EXPORT) as *mut Export;
    // SAFETY: as in `export`; the runtime is single-threaded.
    (!p.is_null()).then(|| unsafe { &mut *p })
}

/// Takes the export out of the object (once: the buffer is released after this).
pub(crate) fn take(o: ObjRef<'_>) -> Option<Box<Export>> {
    let p = o.word(W_EXPORT) as *mut Export;
    if p.is_null() {
        return None;
    }
    o.set_word(W_EXPORT, 0);
    // SAFETY: the Box leaked in `new`; the word was cleared, so it is taken once.
    Some(unsafe { Box::from_raw(p) })
}
