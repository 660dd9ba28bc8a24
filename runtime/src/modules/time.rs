//! The `time` module's clocks, `sleep`, and the C library's calendar functions
//! (`localtime_r`, `gmtime_r`, `mktime`, `strftime`) under private names. Every function
//! is the one native [`time_call`] bound to the function's name (a str), which it
//! dispatches on, as `math` does. `struct_time` and the public `localtime`, `gmtime`,
//! `mktime`, `strftime`, `asctime`, `ctime`, `timezone`, `altzone`, `daylight` and `tzname`
//! are written in Python (`runtime/stdlib/_time.py`) over the private natives, which take
//! and return plain ints and tuples that `_time` has already checked.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{float, int, str as pystr, tuple};
use crate::state::State;
use crate::value_stack::Rooted;

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
    "_localtime",
    "_gmtime",
    "_mktime",
    "_strftime",
];

/// The names `_time` defines that become the module's own.
const FROM_PYTHON: &[&str] = &[
    "struct_time",
    "localtime",
    "gmtime",
    "mktime",
    "strftime",
    "asctime",
    "ctime",
    "timezone",
    "altzone",
    "daylight",
    "tzname",
];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "time", FUNCTIONS, index)?;
    // `_time` imports this module for the private natives: register it first.
    st.module_register("time", st.at(mi))?;
    let helper = st.import_module("_time")?;
    let hi = st.push(helper);
    for name in FROM_PYTHON {
        let v = st.getattr_at(Rooted::slot(hi), name)?;
        st.setattr(st.at(mi), name, v)?;
    }
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

extern "C" {
    /// POSIX: reads TZ into the C library's zone state (the `libc` crate does not bind it).
    fn tzset();
}

/// A value of a tuple the calendar natives return.
enum Item {
    Int(i64),
    Str(String),
}

/// A new tuple of `items`, each rooted on the value stack until the tuple holds it.
fn tuple_of(st: &mut State, items: &[Item]) -> PyResult<RawRef> {
    let mark = st.roots.stack.len();
    for item in items {
        let o = match item {
            Item::Int(v) => int::new_i64(&st.alloc(), *v)?.raw(),
            Item::Str(s) => pystr::new(&st.alloc(), s)?.raw(),
        };
        st.push(o);
    }
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[mark..]
        .iter()
        .map(|r| a.heap_obj(*r))
        .collect();
    let t = tuple::new(&a, &objs)?.raw();
    st.truncate(mark);
    Ok(t)
}

/// Argument `i` as an i64: `_time` passes only ints in range, so anything else is a bug
/// in it, reported as a TypeError rather than a panic.
fn int_arg(st: &mut State, args: Args<'_>, i: usize, name: &str) -> PyResult<i64> {
    let o = args.obj(st, i);
    if o.kind() == st.b.kinds.int {
        if let int::IntValue::Small(v) = int::value(o) {
            return Ok(v);
        }
    }
    Err(st.raise(
        "TypeError",
        format!("time.{name}() argument {} must be a small int", i + 1),
    ))
}

/// A broken-down time from the 9 ints of `args` starting at `first` (CPython's order:
/// year, month 1-12, day, hour, minute, second, weekday Monday=0, day of year 1-366,
/// isdst), as the C library wants it.
fn tm_from_args(st: &mut State, args: Args<'_>, first: usize, name: &str) -> PyResult<libc::tm> {
    let mut v = [0i64; 9];
    for (k, slot) in v.iter_mut().enumerate() {
        *slot = int_arg(st, args, first + k, name)?;
    }
    let field = |x: i64| x.clamp(i32::MIN as i64, i32::MAX as i64) as i32;
    // SAFETY: libc::tm is plain data; all-zero is a valid value (null tm_zone).
    let mut tm: libc::tm = unsafe { std::mem::zeroed() };
    tm.tm_year = field(v[0] - 1900);
    tm.tm_mon = field(v[1] - 1);
    tm.tm_mday = field(v[2]);
    tm.tm_hour = field(v[3]);
    tm.tm_min = field(v[4]);
    tm.tm_sec = field(v[5]);
    tm.tm_wday = field((v[6] + 1) % 7);
    tm.tm_yday = field(v[7] - 1);
    tm.tm_isdst = field(v[8]);
    Ok(tm)
}

/// `_localtime(secs)` / `_gmtime(secs)`: (year, month, day, hour, minute, second,
/// weekday, yearday, isdst, zone, gmtoff), or OverflowError / OSError as CPython.
fn broken_down(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
    let secs = int_arg(st, args, 0, name)?;
    // time_t is 64 bits on the targets hpymove runs on (x86-64 Linux), like `secs`.
    let t: libc::time_t = secs;
    // SAFETY: tm is plain data, filled by the call; the *_r variants are thread-safe and
    // only read `t`. tzset makes localtime_r follow TZ as localtime does.
    let (ok, tm) = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        let r = if name == "_localtime" {
            tzset();
            libc::localtime_r(&t, &mut tm)
        } else {
            libc::gmtime_r(&t, &mut tm)
        };
        (!r.is_null(), tm)
    };
    if !ok {
        let e = std::io::Error::last_os_error();
        let code = e.raw_os_error().unwrap_or(libc::EOVERFLOW);
        return Err(st.raise("OSError", format!("[Errno {code}] {}", errno_text(code))));
    }
    let zone = if tm.tm_zone.is_null() {
        String::new()
    } else {
        // SAFETY: a non-null tm_zone points at a NUL-terminated name owned by the C
        // library, valid at least until the next tzset.
        unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
            .to_string_lossy()
            .into_owned()
    };
    tuple_of(
        st,
        &[
            Item::Int(i64::from(tm.tm_year) + 1900),
            Item::Int(i64::from(tm.tm_mon) + 1),
            Item::Int(i64::from(tm.tm_mday)),
            Item::Int(i64::from(tm.tm_hour)),
            Item::Int(i64::from(tm.tm_min)),
            Item::Int(i64::from(tm.tm_sec)),
            Item::Int((i64::from(tm.tm_wday) + 6) % 7),
            Item::Int(i64::from(tm.tm_yday) + 1),
            Item::Int(i64::from(tm.tm_isdst)),
            Item::Str(zone),
            Item::Int(tm.tm_gmtoff),
        ],
    )
}

/// The C library's message for `code` (what CPython's OSError shows).
fn errno_text(code: i32) -> String {
    std::io::Error::from_raw_os_error(code)
        .to_string()
        .split(" (os error")
        .next()
        .unwrap_or_default()
        .to_string()
}

/// `_mktime(9 ints)`: seconds since the epoch of a local time, as a float.
fn mktime(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let mut tm = tm_from_args(st, args, 0, "mktime")?;
    // mktime returns -1 both for an error and for 1969-12-31 23:59:59 UTC: a weekday it
    // did not overwrite tells them apart (as CPython does).
    tm.tm_wday = -1;
    // SAFETY: tm is a valid broken-down time that mktime normalises in place.
    let t = unsafe {
        tzset();
        libc::mktime(&mut tm)
    };
    if t == -1 && tm.tm_wday == -1 {
        return Err(st.raise("OverflowError", "mktime argument out of range".into()));
    }
    Ok(float::new(&st.alloc(), t as f64)?.raw())
}

/// `_strftime(format, 9 ints, zone, gmtoff)`: the C library's strftime (C locale).
fn strftime(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fo = args.obj(st, 0);
    if fo.kind() != st.b.kinds.str_ {
        return Err(st.raise(
            "TypeError",
            "time._strftime(format, 9 ints, zone, gmtoff)".into(),
        ));
    }
    let format = pystr::as_str(fo).to_string();
    if format.is_empty() {
        return Ok(pystr::new(&st.alloc(), "")?.raw());
    }
    let Ok(cformat) = std::ffi::CString::new(format.as_bytes()) else {
        return Err(st.raise("ValueError", "embedded null character".into()));
    };
    let mut tm = tm_from_args(st, args, 1, "strftime")?;
    let zo = args.obj(st, 10);
    let zone = if zo.kind() == st.b.kinds.str_ {
        std::ffi::CString::new(pystr::as_str(zo).as_bytes()).ok()
    } else {
        None
    };
    if let Some(z) = &zone {
        tm.tm_zone = z.as_ptr();
    }
    if args.obj(st, 11).kind() == st.b.kinds.int {
        tm.tm_gmtoff = int_arg(st, args, 11, "strftime")?;
    }
    // A result of 0 bytes is either an empty expansion or a buffer too small: grow the
    // buffer up to 256 times the format's length before taking it as empty (CPython's rule).
    let mut size = 1024.max(format.len() * 4);
    let out = loop {
        let mut buf = vec![0u8; size];
        // SAFETY: buf has `size` writable bytes; cformat and tm (whose tm_zone, when
        // set, points into `zone`, alive until the end of the function) are valid.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr().cast::<libc::c_char>(),
                size,
                cformat.as_ptr(),
                &tm,
            )
        };
        if n > 0 || size >= 256 * format.len() {
            buf.truncate(n);
            break buf;
        }
        size *= 2;
    };
    let text = String::from_utf8_lossy(&out).into_owned();
    Ok(pystr::new(&st.alloc(), &text)?.raw())
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
    let private_arity = match name.as_str() {
        "_localtime" | "_gmtime" => Some(1),
        "_mktime" => Some(9),
        "_strftime" => Some(12),
        _ => None,
    };
    if private_arity.is_some_and(|n| n != args.len()) {
        return Err(st.raise(
            "TypeError",
            format!("time.{name}() got {} arguments", args.len()),
        ));
    }
    match name.as_str() {
        "_localtime" | "_gmtime" => return broken_down(st, args, &name),
        "_mktime" => return mktime(st, args),
        "_strftime" => return strftime(st, args),
        _ => {}
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
            let f = st.float_at(args.rooted(0))?;
            let secs = float::value(st.obj(f));
            if secs.is_nan() {
                return Err(st.raise("ValueError", "Invalid value NaN (not a number)".into()));
            }
            if secs < 0.0 {
                return Err(st.raise("ValueError", "sleep length must be non-negative".into()));
            }
            // In slices, so that Ctrl-C raises KeyboardInterrupt at once (CPython's sleep
            // is interrupted by the signal too).
            let end = Instant::now() + Duration::from_secs_f64(secs.min(1e9));
            loop {
                st.check_interrupt()?;
                let now = Instant::now();
                if now >= end {
                    break;
                }
                std::thread::sleep((end - now).min(Duration::from_millis(20)));
            }
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
