//! The error convention inside the runtime: a function that fails has already set the
//! pending exception (in [`crate::state::State`]) and returns `Err(Raised)`.
//!
//! Allocation failure is the one error raised where the pending exception cannot be
//! reached (allocation needs only the heap): it is noted here and turned into a real
//! `MemoryError` by [`crate::state::State::settle`] before anyone looks at the error.

use std::cell::RefCell;

use gc::AllocError;

/// An exception is pending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Raised;

pub(crate) type PyResult<T> = Result<T, Raised>;

thread_local! {
    static ALLOC_FAILURE: RefCell<Option<String>> = const { RefCell::new(None) };
}

impl From<AllocError> for Raised {
    fn from(e: AllocError) -> Raised {
        ALLOC_FAILURE.with(|f| *f.borrow_mut() = Some(e.to_string()));
        Raised
    }
}

/// Takes the message of an allocation failure not yet turned into `MemoryError`.
pub(crate) fn take_alloc_failure() -> Option<String> {
    ALLOC_FAILURE.with(|f| f.borrow_mut().take())
}

/// Notes an allocation failure outside the heap (a C payload), to become `MemoryError`.
pub(crate) fn note_alloc_failure(msg: String) {
    ALLOC_FAILURE.with(|f| *f.borrow_mut() = Some(msg));
}
