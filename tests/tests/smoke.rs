use hpymove_runtime::Value;
use hpymove_tests::{call, runtime, Run};

#[test]
fn smoke() {
    let mut rt = runtime(Run::Torture);
    let m = match rt.import("basics") {
        Ok(m) => m,
        Err(e) => panic!("{e}"),
    };
    println!("{:?}", call(&mut rt, &m, "get_str", &[]));
    println!(
        "{:?}",
        call(&mut rt, &m, "add_ints", &[Value::int(2), Value::int(3)])
    );
    println!("{:?}", call(&mut rt, &m, "build_nested", &[]));
    println!("{:?}", rt.stats().collections);
}
