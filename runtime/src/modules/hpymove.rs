//! `_hpymove`: what hpymove offers Python code beyond the standard library. `load(name,
//! path, spec=None)` loads the universal extension at an explicit path as module `name`
//! without registering it (not importable afterwards, as `hpy.universal.load` on CPython):
//! test harnesses load a freshly built module per test this way. `spec` is what an
//! `HPy_mod_create` slot receives (by default one made for the file).
//!
//! Debug mode's leak detector, for `hpy.debug.LeakDetector`: `debug_enabled()`,
//! `debug_generation()` (handles opened from now on are a detector's own) and
//! `debug_take_leaks(generation)`: the handles opened since by extension calls that have
//! returned, still open, as `(handle, object, [C stack lines, innermost first: "file:line
//! (in function)", then the libraries' "path(+offset)"], function or None)`.
//! Leaks taken there are not reported again when the run ends.
//!
//! `buffer_*`: the buffers of extension objects, for `memoryview` (`modules/buffers.rs`).
//! `trace_*`: trace mode's counters, for `hpy.trace` (`modules/tracing.rs`).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{int_of, new_int, no_args};
use crate::objects::str as pystr;
use crate::objects::{int, list, tuple};
use crate::state::State;
use hpy_abi::HPy;

const FUNCTIONS: &[&str] = &[
    "load",
    "debug_enabled",
    "debug_generation",
    "debug_take_leaks",
    "buffer_acquire",
    "buffer_info",
    "buffer_read",
    "buffer_write",
    "buffer_share",
    "buffer_release",
    "trace_enabled",
    "trace_counts",
    "trace_durations",
    "trace_set_function",
];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_hpymove", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

pub(crate) fn hpymove_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    match fname.as_str() {
        "load" => load(st, args),
        "debug_enabled" => {
            no_args(st, "debug_enabled", args)?;
            Ok(if st.debug().is_some() {
                st.b.true_
            } else {
                st.b.false_
            })
        }
        "debug_generation" => {
            no_args(st, "debug_generation", args)?;
            let g = st.debug().map_or(0, |d| d.generation());
            new_int(st, i64::try_from(g).unwrap_or(i64::MAX))
        }
        "debug_take_leaks" => take_leaks(st, args),
        f if f.starts_with("trace_") => super::tracing::call(st, f, args),
        f => super::buffers::call(st, f, args),
    }
}

/// `debug_take_leaks(generation)`: see the module comment. Empty when debug mode is off.
fn take_leaks(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 || args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            "_hpymove.debug_take_leaks() takes exactly one argument (generation)".to_string(),
        ));
    }
    let generation = int_of(st, args.get(st, 0))?;
    let leaks = match st.debug() {
        Some(d) => d.take_leaks(u64::try_from(generation).unwrap_or(0)),
        None => Vec::new(),
    };
    // Allocation does not collect (only safepoints do), so the objects resolved from the
    // handles stay where they are while the result is built.
    let a = st.alloc();
    let mut items = Vec::with_capacity(leaks.len());
    for (h, at, function) in leaks {
        let obj = st.roots.handles.get(HPy { _i: h }).map_or(st.b.none, |r| r);
        let value = int::new_i64(&a, h as i64)?;
        let stack: Vec<_> = at
            .iter()
            .map(|l| pystr::new(&a, l))
            .collect::<PyResult<_>>()?;
        let at = list::new(&a, &stack)?;
        let function = match function {
            Some(f) => pystr::new(&a, &f)?,
            None => st.obj(st.b.none),
        };
        items.push(tuple::new(&a, &[value, st.obj(obj), at, function])?);
    }
    Ok(list::new(&a, &items)?.raw())
}

/// `load(name, path)`: see the module comment.
fn load(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 || !(2..=3).contains(&args.len()) {
        return Err(st.raise(
            "TypeError",
            "_hpymove.load() takes two or three arguments (name, path, spec=None)".to_string(),
        ));
    }
    let mut strs = Vec::new();
    for i in 0..2 {
        if args.obj(st, i).kind() != st.b.kinds.str_ {
            let t = st.type_name(args.get(st, i));
            return Err(st.raise(
                "TypeError",
                format!("_hpymove.load(): argument {} must be str, not {t}", i + 1),
            ));
        }
        strs.push(pystr::as_str(args.obj(st, i)).to_string());
    }
    let (name, path) = (&strs[0], std::path::Path::new(&strs[1]));
    let spec = match args.opt(st, 2).filter(|s| *s != st.b.none) {
        Some(s) => s,
        None => st.file_spec(name, &strs[1], true, None)?,
    };
    let si = st.push(spec);
    let r = st.load_extension(name, path, si, false);
    st.truncate(si);
    r
}
