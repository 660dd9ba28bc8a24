//! The `time` module's clocks and `sleep`. Every function is the one native [`time_call`]
//! bound to the function's name (a str), which it dispatches on, as `math` does.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{float, int, str as pystr};
use crate::state::State;

const FUNCTIONS: &[&str] = &[
    "time",
    "time_ns",
    "perf_counter",
    "perf_counter_ns",
    "monotonic",
    "monotonic_ns",
    "process_time",
    "process_time_ns",
    "sleep",
];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "time", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// The origin of the monotonic clocks (their values only make sense as differences).
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

/// CPU time of the process, in nanoseconds.
fn process_ns() -> u128 {
    // SAFETY: clock_gettime writes into the struct we pass.
    let ts = unsafe {
        let mut ts: libc::timespec = std::mem::zeroed();
        libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts);
        ts
    };
    ts.tv_sec as u128 * 1_000_000_000 + ts.tv_nsec as u128
}

pub(crate) fn time_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = pystr::as_str(st.obj(args.receiver(st))).to_string();
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!("time.{name}() takes no keyword arguments"),
        ));
    }
    let want = usize::from(name == "sleep");
    if args.len() != want {
        let msg = if want == 0 {
            format!("time.{name}() takes no arguments ({} given)", args.len())
        } else {
            format!(
                "time.sleep() takes exactly one argument ({} given)",
                args.len()
            )
        };
        return Err(st.raise("TypeError", msg));
    }
    let ns: u128 = match name.as_str() {
        "time" | "time_ns" => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
        "perf_counter" | "perf_counter_ns" | "monotonic" | "monotonic_ns" => {
            origin().elapsed().as_nanos()
        }
        "process_time" | "process_time_ns" => process_ns(),
        _ => {
            let f = st.to_float(args.get(st, 0))?;
            let secs = float::value(st.obj(f));
            if secs.is_nan() {
                return Err(st.raise("ValueError", "Invalid value NaN (not a number)".into()));
            }
            if secs < 0.0 {
                return Err(st.raise("ValueError", "sleep length must be non-negative".into()));
            }
            std::thread::sleep(Duration::from_secs_f64(secs.min(1e9)));
            return Ok(st.b.none);
        }
    };
    if name.ends_with("_ns") {
        let v = i64::try_from(ns).unwrap_or(i64::MAX);
        Ok(int::new_i64(&st.alloc(), v)?.raw())
    } else {
        Ok(float::new(&st.alloc(), ns as f64 / 1e9)?.raw())
    }
}
