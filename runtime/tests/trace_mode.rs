//! Trace mode (`HPY=trace`): every context call an extension makes is counted and timed per
//! context member, and trace functions see each call's entry and exit (`hpy.trace`, from
//! the `hpy` package hpymove carries). Without `HPY=trace` the counters stay at zero.

use std::process::Command;

const SCRIPT: &str = r#"
import _hpymove
from hpy.trace import get_call_counts, get_durations, set_trace_functions
import basics
def delta(a, b):
    return sorted((k, b[k] - a[k]) for k in b if b[k] != a[k])
c0 = get_call_counts()
r = basics.add_ints(40, 2)
print(_hpymove.trace_enabled(), r, delta(c0, get_call_counts()))
names = []
set_trace_functions(on_enter=lambda n: names.append("+" + n), on_exit=lambda n: names.append("-" + n))
basics.add_ints(1, 2)
set_trace_functions(on_enter=None)
basics.add_ints(1, 2)
set_trace_functions(on_exit=None)
basics.add_ints(1, 2)
print(names)
d = get_durations()
print(len(d) == len(get_call_counts()), all(isinstance(v, int) and v >= 0 for v in d.values()))
try:
    set_trace_functions(1)
except TypeError as e:
    print(e)
"#;

fn run(trace: bool, gc: &str) -> (i32, String, String) {
    let ext = ext_samples::ext_path("basics");
    let path = ext.parent().expect("dir").display().to_string();
    let mut c = Command::new(env!("CARGO_BIN_EXE_hpymove"));
    c.arg(format!("--gc={gc}"))
        .args(["-c", SCRIPT])
        .env("PYTHONPATH", path)
        .env_remove("HPYMOVE_GC");
    if trace {
        c.env("HPY", "trace");
    } else {
        c.env_remove("HPY");
    }
    let o = c.output().expect("spawn hpymove");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn counts_and_trace_functions() {
    for gc in ["normal", "torture"] {
        let (code, out, err) = run(true, gc);
        assert_eq!(code, 0, "{gc}: {err}");
        assert_eq!(
            out,
            "True 42 [('ctx_Long_AsInt64_t', 2), ('ctx_Long_FromInt64_t', 1)]\n\
             ['+ctx_Long_AsInt64_t', '-ctx_Long_AsInt64_t', '+ctx_Long_AsInt64_t', \
             '-ctx_Long_AsInt64_t', '+ctx_Long_FromInt64_t', '-ctx_Long_FromInt64_t', \
             '-ctx_Long_AsInt64_t', '-ctx_Long_AsInt64_t', '-ctx_Long_FromInt64_t']\n\
             True True\nExpected a callable object or None\n",
            "{gc}"
        );
    }
}

#[test]
fn off_without_hpy_trace() {
    let (code, out, err) = run(false, "normal");
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "False 42 []\n[]\nTrue True\nExpected a callable object or None\n"
    );
}
