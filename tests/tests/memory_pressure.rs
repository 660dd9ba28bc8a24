//! Memory that extensions `malloc` counts toward the collection trigger (normal mode): a
//! loop that makes objects owning 1 MiB buffers, keeping four alive, has their dead
//! predecessors destroyed as it goes, so the buffers alive at once stay near what the loop
//! keeps, as under CPython's reference counting (`bigbuf` sample). Without it, nothing in
//! the heap grows enough to collect and every buffer stays allocated until the end.
//! (Torture and always modes collect at every call anyway: normal mode is the one tested.)

use hpymove_runtime::Value;
use hpymove_tests::harness::{int, T};
use hpymove_tests::Run;

/// `bigbuf.counts()`: (allocated, freed, bytes alive).
fn counts(t: &mut T, m: &hpymove_runtime::Obj) -> (i64, i64, i64) {
    match t.val(m, "counts", &[]) {
        Value::Tuple(items) => {
            let v: Vec<i64> = items
                .into_iter()
                .map(|v| match v {
                    Value::Int(i) => i64::try_from(i).unwrap(),
                    other => panic!("{other:?}"),
                })
                .collect();
            (v[0], v[1], v[2])
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malloced_buffers_trigger_collections() {
    const MIB: i64 = 1 << 20;
    const N: usize = 300;
    let mut t = T::new(Run::Normal);
    let m = t.import("bigbuf");
    let buffer = t.attr(&m, "Buffer");
    let size = t.obj(int(MIB));
    let mut window = std::collections::VecDeque::new();
    let mut most_alive = 0;
    for _ in 0..N {
        let b =
            t.rt.call_objs(&buffer, &[&size], &[])
                .expect("Buffer(1 MiB)");
        window.push_back(b);
        if window.len() > 4 {
            window.pop_front();
        }
        most_alive = most_alive.max(counts(&mut t, &m).2);
    }
    let (allocated, freed, _) = counts(&mut t, &m);
    assert_eq!(allocated, N as i64);
    assert!(
        freed > N as i64 / 2,
        "only {freed} of {N} dead buffers were destroyed during the loop"
    );
    // The loop keeps 4 MiB alive; the allowance between collections is what malloc had in
    // use after the last one (this test process's own memory included), which is far
    // below the 300 MiB that piling up would reach.
    assert!(
        most_alive < 100 * MIB,
        "{} MiB of buffers were alive at once",
        most_alive / MIB
    );
    assert!(t.rt.stats().external_requests > 0);
}
