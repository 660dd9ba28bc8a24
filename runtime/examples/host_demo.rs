//! The main job: the sample extension `basics` (built with the official hpy 0.9.0 headers)
//! runs on the moving heap in torture mode (a collection at every HPy call, the whole heap
//! verified after each), and we watch its objects move while its handles stay put.
//!
//! `cargo run --release -p hpymove-runtime --example host_demo`

use gc::{HeapConfig, Mode};
use hpymove_runtime::{Config, Runtime, Value};

fn main() {
    let mut rt = Runtime::new(Config {
        heap: HeapConfig {
            mode: Mode::Torture,
            verify: true,
            // Every to-space is a fresh mapping and retired ones are made inaccessible:
            // each collection gives every object a new address, and a stale pointer
            // would fault.
            poison: true,
            ..HeapConfig::default()
        },
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime");
    let m = rt
        .import("basics")
        .unwrap_or_else(|e| panic!("import basics: {e}"));
    println!(
        "imported basics from {}",
        ext_samples::ext_path("basics").display()
    );

    let shared = rt.getattr(&m, "SHARED").expect("SHARED");
    let mut last = rt.address(&shared).expect("address");
    println!("basics.SHARED = {} at {last:#x}", rt.repr(&shared).unwrap());

    type Call = (&'static str, Vec<Value>, Vec<(&'static str, Value)>);
    let calls: Vec<Call> = vec![
        ("get_str", vec![], vec![]),
        ("get_big_int", vec![], vec![]),
        ("build_nested", vec![], vec![]),
        ("add_ints", vec![Value::int(20), Value::int(22)], vec![]),
        ("str_echo", vec![Value::str("grüß dich 🐍")], vec![]),
        (
            "reversed_list",
            vec![Value::Tuple(vec![
                Value::int(1),
                Value::str("two"),
                Value::Float(3.5),
            ])],
            vec![],
        ),
        (
            "kw_numbers",
            vec![Value::int(1)],
            vec![("scale", Value::Float(2.5))],
        ),
        (
            "split_call",
            vec![Value::int(1), Value::int(2)],
            vec![("x", Value::int(3)), ("y", Value::int(4))],
        ),
        ("get_global", vec![], vec![]),
        ("raise_value_error", vec![], vec![]),
    ];
    for (name, args, kwargs) in calls {
        let before = rt.stats().collections;
        let f = rt.getattr(&m, name).expect("function");
        let mut shown = Vec::new();
        for a in &args {
            let o = rt.to_obj(a).unwrap();
            shown.push(rt.repr(&o).unwrap());
        }
        for (k, v) in &kwargs {
            let o = rt.to_obj(v).unwrap();
            shown.push(format!("{k}={}", rt.repr(&o).unwrap()));
        }
        let result = match rt.call(&f, &args, &kwargs) {
            Ok(r) => rt.repr(&r).unwrap(),
            Err(e) => format!("raised {e}"),
        };
        let now = rt.address(&shared).unwrap();
        println!(
            "\nbasics.{name}({}) -> {result}\n  {} collections during the call; basics.SHARED moved {last:#x} -> {now:#x}",
            shown.join(", "),
            rt.stats().collections - before,
        );
        last = now;
    }
    drop((shared, m));
    rt.collect();
    let problems = rt.verify_heap();
    println!(
        "\nheap verified after every collection: {}",
        if problems.is_empty() {
            "no problems"
        } else {
            "PROBLEMS"
        }
    );
    println!("{}", rt.stats().report());
    assert!(problems.is_empty());
}
