//! How the collector finds the references inside an object body.
//!
//! The runtime registers one [`Layout`] per object kind. Most kinds are described by data
//! (a fixed run of reference words, or every word from some index to the end), which the
//! collector scans inline; kinds whose references live elsewhere (an extension payload
//! visited by its `tp_traverse`) are `Custom` and traced by the client.
//!
//! A body word is a reference when it is non-zero and 8-aligned; any other value (for
//! instance a tagged small integer) is an immediate and left alone.

/// An object kind: an index into the heap's layout table, stored in every header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Kind(pub u16);

/// Where the reference words of a body are, counted in words from the start of the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trace {
    /// No references (strings, bytes, floats).
    None,
    /// `count` reference words starting at word `first`.
    Words { first: u32, count: u32 },
    /// Every word from `first` to the end of the body (tuples, arrays).
    Tail { first: u32 },
    /// The client's [`crate::GcClient::trace_object`] visits the references.
    Custom,
}

/// Describes one kind of object to the collector.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    /// Shown in statistics and verification reports.
    pub name: &'static str,
    pub trace: Trace,
}

impl Layout {
    pub const fn new(name: &'static str, trace: Trace) -> Layout {
        Layout { name, trace }
    }
}

/// Is this body word a reference the collector must follow?
#[inline(always)]
pub(crate) const fn is_ref(word: u64) -> bool {
    word != 0 && word & 7 == 0
}
