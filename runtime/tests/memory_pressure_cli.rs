//! Memory that extensions `malloc` counts toward the collection trigger, on the command
//! line (normal mode): a loop that makes `bigbuf.Buffer`s owning 1 MiB each, keeping four
//! alive, has their dead predecessors destroyed as it goes, so the buffers alive at once
//! stay near what the loop keeps, as under CPython's reference counting. Without the
//! measure, nothing in the heap grows enough to collect and every buffer stays allocated
//! until the end.
//!
//! It runs the `hpymove` binary, as a user does: the command line keeps malloc to one arena,
//! whose growth the program break shows at every sample, so the outcome does not depend on
//! how fast the machine is. (An in-process test ran on a test-harness thread with an arena
//! of its own, seen only by the time-paced `mallinfo2()`, and failed on a loaded machine.)

use std::process::Command;

const SCRIPT: &str = r#"
import bigbuf
MIB = 1 << 20
window = []
most_alive = 0
for i in range(300):
    window.append(bigbuf.Buffer(MIB))
    if len(window) > 4:
        window.pop(0)
    most_alive = max(most_alive, bigbuf.counts()[2])
allocated, freed, _ = bigbuf.counts()
print(allocated, freed, most_alive // MIB)
"#;

#[test]
fn malloced_buffers_trigger_collections() {
    let out = Command::new(env!("CARGO_BIN_EXE_hpymove"))
        .args(["-c", SCRIPT])
        .env("PYTHONPATH", ext_samples::ext_dir())
        .env_remove("HPYMOVE_GC")
        .output()
        .expect("spawn hpymove");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<i64> = stdout
        .split_whitespace()
        .map(|s| s.parse().expect("a number"))
        .collect();
    let (allocated, freed, most_alive_mib) = (v[0], v[1], v[2]);
    assert_eq!(allocated, 300);
    assert!(
        freed > 150,
        "only {freed} of 300 dead buffers were destroyed during the loop"
    );
    // The loop keeps 4 MiB alive; piling up would reach 300 MiB.
    assert!(
        most_alive_mib < 100,
        "{most_alive_mib} MiB of buffers were alive at once"
    );
}
