//! The moving heap of hpymove.
//!
//! Two semispaces that the heap maps itself; objects are bump-allocated in the current one
//! and a collection copies every reachable object into the other (Cheney's algorithm),
//! leaving a forwarding address in each old copy and rewriting every reference. An
//! immortal space holds what the runtime creates once (never copied; stores of movable
//! references into it go through a write barrier), and a large-object space holds objects
//! too big to copy cheaply (never moved, freed when unreachable).
//!
//! The crate knows nothing about Python. The runtime registers a [`Layout`] per object
//! kind, and implements [`GcClient`] to provide its own roots, trace custom objects and
//! free external parts.
//!
//! # Rules for the runtime
//! - Allocation never collects; collections happen only at [`Heap::safepoint`],
//!   [`Heap::poll`] and [`Heap::collect`], which need the heap mutably.
//! - An [`ObjRef<'h>`] borrows the heap, so it cannot be held across a safepoint:
//!
//! ```compile_fail,E0502
//! use gc::{Heap, HeapConfig, Layout, NoClient, Trace};
//! let mut heap = Heap::new(HeapConfig::default()).unwrap();
//! let k = heap.register(Layout::new("thing", Trace::None));
//! let obj = heap.alloc(k, 16).unwrap();
//! heap.safepoint(&mut NoClient).unwrap(); // error: `heap` is borrowed by `obj`
//! let _ = obj.kind();
//! ```
//!
//!   What must survive is rooted first:
//!
//! ```
//! use gc::{Heap, HeapConfig, Layout, NoClient, Trace};
//! let mut heap = Heap::new(HeapConfig::default()).unwrap();
//! let k = heap.register(Layout::new("thing", Trace::None));
//! let root = heap.root(heap.alloc(k, 16).unwrap());
//! let before = heap.get(&root).addr();
//! heap.collect(&mut NoClient).unwrap();
//! assert_ne!(heap.get(&root).addr(), before); // it moved, and the root followed
//! heap.unroot(root);
//! ```
//! - Weak references are body words registered with [`Heap::register_weak`]: rewritten when
//!   their target moves, cleared when it dies (see `weak.rs`).
//! - A body word is a reference when it is non-zero and 8-aligned; other values are
//!   immediates the collector ignores.

mod client;
mod collect;
mod config;
mod error;
mod header;
mod heap;
mod large;
mod layout;
mod objref;
mod region;
mod stats;
mod verify;
mod weak;

pub use client::{prefetch, GcClient, GcObject, NoClient, Tracer};
pub use config::{HeapConfig, Mode};
pub use error::{AllocError, CollectionFailure, HeapCorruption, Holder, Violation};
pub use header::{HEADER_BYTES, USER_FLAG_0, USER_FLAG_1};
pub use heap::{Heap, Root};
pub use layout::{Kind, Layout, Trace};
pub use objref::{ObjRef, RawRef};
pub use region::POISON_BYTE;
pub use stats::{Pauses, SpaceSize, Stats};
