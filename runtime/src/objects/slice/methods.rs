//! The methods of `slice` (its attributes `start`, `stop` and `step` are in
//! `protocols/attribute.rs`).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::{Args, Method};
use crate::objects::args_check::*;
use crate::objects::{int, slice, tuple};
use crate::state::State;

/// `s.indices(length)`: `(start, stop, step)` clamped to a sequence of `length` items,
/// as `range(*s.indices(n))` selects the indices `s` selects. Arbitrary-precision, as in
/// CPython: `slice(None).indices(10**30)` is exact.
fn slice_indices(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = receiver(st, args, "slice", "indices")?;
    no_kwargs(st, "slice.indices", args)?;
    nargs(st, "slice.indices", args, 1, 1)?;
    if st.obj(args.receiver(st)).kind() != st.b.kinds.slice {
        let t = st.type_name(args.receiver(st));
        return Err(st.raise(
            "TypeError",
            format!("descriptor 'indices' for 'slice' objects doesn't apply to a '{t}' object"),
        ));
    }
    // `__index__` of the length and of each bound may run code: the slice is read again
    // from the arguments after each.
    let length = st.index(args.get(st, 0))?;
    let length = int::to_bigint(st.obj(length));
    if length < num_bigint::BigInt::from(0) {
        return Err(st.raise("ValueError", "length should not be negative".into()));
    }
    let part = |st: &State, i: usize| slice::parts(st.obj(args.receiver(st)))[i].raw();
    let step = match st.slice_index_big(part(st, 2))? {
        None => num_bigint::BigInt::from(1),
        Some(v) if v == num_bigint::BigInt::from(0) => {
            return Err(st.raise("ValueError", "slice step cannot be zero".into()));
        }
        Some(v) => v,
    };
    let start = st.slice_index_big(part(st, 0))?;
    let stop = st.slice_index_big(part(st, 1))?;
    let b = slice::adjust_big(&length, start, stop, step);
    let a = st.alloc();
    let items = [
        int::new_big(&a, &b.start)?,
        int::new_big(&a, &b.stop)?,
        int::new_big(&a, &b.step)?,
    ];
    Ok(tuple::new(&a, &items)?.raw())
}

/// The methods of `slice`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[("indices", slice_indices)];
