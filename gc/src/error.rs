//! Errors the heap reports instead of crashing.

use std::fmt;

/// Allocation failed; the runtime turns this into `MemoryError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AllocError {
    /// The heap cap would be exceeded.
    HeapFull { requested: usize, cap: usize },
    /// The object is larger than a header can describe.
    TooLarge { requested: usize },
    /// The operating system refused memory.
    Os(String),
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AllocError::HeapFull { requested, cap } => write!(
                f,
                "heap cap of {cap} bytes reached while allocating {requested} bytes"
            ),
            AllocError::TooLarge { requested } => {
                write!(f, "object of {requested} bytes is too large")
            }
            AllocError::Os(e) => write!(f, "the operating system refused memory: {e}"),
        }
    }
}

impl std::error::Error for AllocError {}

/// A collection that did not run because the operating system refused memory for its
/// to-space. Nothing had moved: the heap is as it was, and allocation goes on growing the
/// current space (up to the cap, or until the OS refuses that too: [`AllocError`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CollectionFailure {
    /// Collections completed before this one was skipped.
    pub after_collections: u64,
    /// What the collector asked the OS for: "reserve" (address space, poison mode's fresh
    /// to-space) or "commit" (memory to copy into).
    pub action: &'static str,
    /// How many bytes it asked for.
    pub bytes: usize,
    /// What the OS said.
    pub os_error: String,
}

impl fmt::Display for CollectionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "collection skipped after {} collection(s): cannot {} {} bytes for the to-space: {}",
            self.after_collections, self.action, self.bytes, self.os_error
        )
    }
}

/// Where a bad reference was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Holder {
    /// In the body of an object.
    Object {
        addr: usize,
        kind: &'static str,
        /// Byte offset of the slot from the start of the body, when the slot is inside it
        /// (a custom tracer may report slots outside the body, such as C payload fields).
        offset: Option<usize>,
        slot: usize,
    },
    /// In a root set.
    Root { source: &'static str, slot: usize },
}

/// One reference that does not point at a live object where it should.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    pub holder: Holder,
    pub value: usize,
    pub problem: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.holder {
            Holder::Object {
                addr,
                kind,
                offset: Some(off),
                ..
            } => write!(f, "{kind} object at {addr:#x}, body offset {off}")?,
            Holder::Object {
                addr, kind, slot, ..
            } => write!(f, "{kind} object at {addr:#x}, slot at {slot:#x}")?,
            Holder::Root { source, slot } => write!(f, "root in {source} (slot {slot:#x})")?,
        }
        write!(f, " holds {:#x}: {}", self.value, self.problem)
    }
}

/// A collection found references it could not follow; they were left unchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeapCorruption {
    pub collection: u64,
    pub violations: Vec<Violation>,
}

impl fmt::Display for HeapCorruption {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "collection #{} found {} bad reference(s)",
            self.collection,
            self.violations.len()
        )?;
        for v in self.violations.iter().take(20) {
            write!(f, "\n  {v}")?;
        }
        if self.violations.len() > 20 {
            write!(f, "\n  … and {} more", self.violations.len() - 20)?;
        }
        Ok(())
    }
}

impl std::error::Error for HeapCorruption {}
