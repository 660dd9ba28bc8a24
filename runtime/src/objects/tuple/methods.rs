//! The methods of `tuple`: the sequence searches it shares with `list`.

use crate::objects::args::Method;
use crate::objects::list::methods::{seq_count, seq_index};

/// The methods of `tuple`, as its type's dict holds them.
pub(crate) const METHODS: &[(&str, Method)] = &[("index", seq_index), ("count", seq_count)];
