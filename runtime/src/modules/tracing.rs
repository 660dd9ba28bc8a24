//! `_hpymove`'s natives for `hpy.trace` (trace mode, `HPY=trace`; `host/trace.rs`):
//!
//! - `trace_enabled()`: whether trace mode is on;
//! - `trace_counts()` / `trace_durations()`: dicts from every context member name
//!   (`"ctx_Add"`...) to its calls / their total duration in nanoseconds since the start
//!   (zeros when trace mode is off);
//! - `trace_set_function(which, f)`: `which` is `"on_enter"` or `"on_exit"`, `f` a
//!   callable or None (clears it).

use gc::RawRef;

use crate::error::PyResult;
use crate::host::trace::Hook;
use crate::objects::args::Args;
use crate::objects::{dict, int, str as pystr};
use crate::state::State;

/// Runs `_hpymove.<fname>`, one of the `trace_*` functions above.
pub(crate) fn call(st: &mut State, fname: &str, args: Args<'_>) -> PyResult<RawRef> {
    let want = if fname == "trace_set_function" { 2 } else { 0 };
    if args.kw_len() != 0 || args.len() != want {
        return Err(st.raise(
            "TypeError",
            format!("_hpymove.{fname}() takes exactly {want} positional argument(s)"),
        ));
    }
    match fname {
        "trace_enabled" => Ok(if st.trace.is_some() {
            st.b.true_
        } else {
            st.b.false_
        }),
        "trace_counts" | "trace_durations" => {
            let counters = st.trace_counters();
            // Allocation does not collect: the objects made here stay put until returned.
            let a = st.alloc();
            let d = dict::new(&a)?;
            for (name, calls, spent) in counters {
                let k = pystr::new(&a, name)?;
                let v = if fname == "trace_counts" {
                    int::new_u64(&a, calls)?
                } else {
                    int::new_u64(&a, u64::try_from(spent.as_nanos()).unwrap_or(u64::MAX))?
                };
                crate::objects::ops::dict_set_str(&a, d, k, v);
            }
            Ok(d.raw())
        }
        "trace_set_function" => {
            let which = args.get(st, 0);
            let hook = match (st.obj(which).kind() == st.b.kinds.str_)
                .then(|| pystr::as_str(st.obj(which)).to_string())
                .as_deref()
            {
                Some("on_enter") => Hook::Enter,
                Some("on_exit") => Hook::Exit,
                _ => {
                    return Err(st.raise(
                        "ValueError",
                        "_hpymove.trace_set_function(): the first argument must be 'on_enter' or 'on_exit'".into(),
                    ))
                }
            };
            let f = args.get(st, 1);
            if f == st.b.none {
                st.set_trace_function(hook, RawRef::NULL);
            } else if crate::protocols::call::callable(st, f) {
                st.set_trace_function(hook, f);
            } else {
                return Err(st.raise("TypeError", "Expected a callable object or None".into()));
            }
            Ok(st.b.none)
        }
        _ => Err(st.raise(
            "AttributeError",
            format!("module '_hpymove' has no attribute '{fname}'"),
        )),
    }
}
