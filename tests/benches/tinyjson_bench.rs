//! `tinyjson` on hpymove: `dumps` + `loads` of the 10 MB generated document (the one
//! `tests/tinyjson.rs` round-trips), in normal mode and in `every:N` mode (the test's N,
//! about a hundred collections per round trip), with the share of the time spent in GC
//! pauses (from the heap's statistics). No heap verification: this measures, it does not
//! check.
//!
//! The `debug` mode is normal mode with debug mode on (`--debug`): its ratio to `normal`
//! is the cost of the checks.
//!
//! `cargo bench -p hpymove-tests --bench tinyjson_bench`. One runtime per process, so the
//! binary runs each mode in a child process (itself, with `--tinyjson-mode MODE`) and prints
//! all figures in one run.

use std::num::NonZeroU64;
use std::process::Command;
use std::time::{Duration, Instant};

use gc::{HeapConfig, Mode};
use hpymove_runtime::{Config, Runtime};
use hpymove_tests::jsondoc::{self, BIG_EVERY_N, BIG_SEED, BIG_SIZE};

/// Timed runs per mode; the figures are their medians.
const RUNS: usize = 3;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--tinyjson-mode") {
        child(args.get(i + 1).map(String::as_str).unwrap_or(""));
        return;
    }
    let exe = std::env::current_exe().expect("current_exe");
    println!(
        "tinyjson: dumps + loads of the generated {} MB document, median of {RUNS} runs",
        BIG_SIZE >> 20
    );
    let mut failed = false;
    for mode in ["normal", "debug", "every"] {
        let out = Command::new(&exe)
            .args(["--tinyjson-mode", mode])
            .output()
            .expect("run the benchmark's child process");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            eprint!("{}", String::from_utf8_lossy(&out.stderr));
            eprintln!("tinyjson_bench: mode {mode} failed ({})", out.status);
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}

/// One mode, in this process: prints one line.
fn child(mode: &str) {
    let gc_mode = match mode {
        "normal" | "debug" => Mode::Normal,
        "every" => Mode::Every(NonZeroU64::new(BIG_EVERY_N).expect("N > 0")),
        _ => panic!("--tinyjson-mode normal|every, not {mode:?}"),
    };
    let doc = jsondoc::document(BIG_SEED, BIG_SIZE);
    let mut rt = Runtime::new(Config {
        heap: HeapConfig {
            mode: gc_mode,
            ..HeapConfig::default()
        },
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime");
    if mode == "debug" {
        rt.enable_debug();
    }
    let m = rt.import("tinyjson").expect("import tinyjson");
    let dumps = rt.getattr(&m, "dumps").expect("tinyjson.dumps");
    let loads = rt.getattr(&m, "loads").expect("tinyjson.loads");
    let obj = rt.to_obj(&doc).expect("to_obj(doc)");

    let (mut t_dumps, mut t_loads, mut t_gc, mut n_gc) = (vec![], vec![], vec![], vec![]);
    let mut text_len = 0;
    for _ in 0..RUNS {
        let before = rt.stats();
        let t0 = Instant::now();
        let text = rt.call_objs(&dumps, &[&obj], &[]).expect("dumps");
        let t1 = Instant::now();
        let back = rt.call_objs(&loads, &[&text], &[]).expect("loads");
        let t2 = Instant::now();
        let after = rt.stats();
        if text_len == 0 {
            text_len = match rt.value(&text).expect("value") {
                hpymove_runtime::Value::Str(s) => s.len(),
                other => panic!("dumps returned {other:?}"),
            };
        }
        drop((text, back));
        t_dumps.push(t1 - t0);
        t_loads.push(t2 - t1);
        t_gc.push(after.pauses().total - before.pauses().total);
        n_gc.push(after.collections - before.collections);
    }
    let total: Vec<Duration> = t_dumps.iter().zip(&t_loads).map(|(a, b)| *a + *b).collect();
    let (total, gc) = (median(&total), median(&t_gc));
    let findings = rt.debug_findings();
    assert!(findings.is_empty(), "debug mode found: {findings:?}");
    let label = match gc_mode {
        Mode::Every(n) => format!("every:{n}"),
        _ if mode == "debug" => "normal+debug".to_string(),
        other => other.to_string(),
    };
    println!(
        "  {label:<13} dumps {:>8.1} ms   loads {:>8.1} ms   total {:>8.1} ms   \
         GC {:>7.1} ms = {:>4.1}% of the time ({} collections; {:.1} MB of JSON, {} values)",
        ms(median(&t_dumps)),
        ms(median(&t_loads)),
        ms(total),
        ms(gc),
        100.0 * gc.as_secs_f64() / total.as_secs_f64(),
        median(&n_gc),
        text_len as f64 / (1 << 20) as f64,
        jsondoc::count_values(&doc),
    );
}

fn median<T: Copy + Ord>(v: &[T]) -> T {
    let mut v = v.to_vec();
    v.sort_unstable();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}
