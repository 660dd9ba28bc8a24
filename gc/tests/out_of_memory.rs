//! The OS refusing memory to a collection: the collection is skipped (nothing has moved
//! yet, so the heap is intact) and recorded, never a panic. Each scenario lowers a resource
//! limit of its process, so it runs in a child: this test binary re-run on that one test.

use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use gc::{Heap, HeapConfig, Kind, Layout, NoClient, ObjRef, Root, Trace};

/// Set in the child's environment (to the test's name): run the scenario itself.
const CHILD: &str = "GC_OUT_OF_MEMORY_CHILD";
/// What a child prints when its scenario ran to the end.
const DONE: &str = "scenario done";

const CAP: usize = 256 << 20;
const NODES: u64 = 1000;

/// Runs `scenario` in a child process (the test `test` of this binary) and checks that it
/// ended normally: no panic, no signal.
fn in_child(test: &str, scenario: fn()) {
    if std::env::var_os(CHILD).is_some() {
        scenario();
        println!("{DONE}");
        return;
    }
    let child = Command::new(std::env::current_exe().expect("the test binary"))
        .args([test, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, test)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the test binary as a child");
    // A child that panicked under a low RLIMIT_DATA was seen to hang afterwards: one that
    // does not finish is killed and fails the test instead of stalling the suite.
    let pid = child.id() as libc::pid_t;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    let out = match rx.recv_timeout(Duration::from_secs(60)) {
        Ok(out) => out,
        Err(_) => {
            // SAFETY: kill has no memory effects; `pid` is our child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            rx.recv().expect("the child's output")
        }
    }
    .expect("the child's output");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains(DONE),
        "child {test} ended with {}\nstdout:\n{stdout}\nstderr:\n{stderr}",
        out.status
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// A heap holding a rooted chain of `NODES` nodes: body word 0 is the next node, word 1
/// the node's number as an immediate (odd, so not a reference).
fn heap_with_chain(config: HeapConfig) -> (Heap, Kind, Root) {
    let mut h = Heap::new(config).expect("heap");
    let node = h.register(Layout::new("node", Trace::Words { first: 0, count: 1 }));
    let mut head: Option<ObjRef<'_>> = None;
    for i in (0..NODES).rev() {
        let n = h.alloc(node, 16).expect("alloc");
        h.set_ref(n, 0, head);
        n.set_word(1, 2 * i + 1);
        head = Some(n);
    }
    let r = h.root(head.expect("a chain"));
    (h, node, r)
}

/// The chain is whole: every node in order, with its number.
fn check_chain(h: &Heap, r: &Root) {
    let mut cur = Some(h.get(r));
    for i in 0..NODES {
        let n = cur.unwrap_or_else(|| panic!("the chain ends at node {i}"));
        h.check(n.raw()).expect("a live object");
        assert_eq!(n.word(1), 2 * i + 1, "node {i}");
        cur = n.get_ref(0);
    }
    assert!(cur.is_none(), "the chain is longer than it was");
}

/// A line of `/proc/self/status` in bytes ("VmSize", "VmData").
fn proc_status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .unwrap_or_else(|| panic!("no {field} in /proc/self/status"));
    let kb: u64 = line
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .expect("a size in kB");
    kb * 1024
}

/// Sets the soft limit of `resource` (the hard limit stays, so it can be raised again).
fn set_soft_limit(resource: libc::__rlimit_resource_t, bytes: u64) {
    let mut lim = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit/setrlimit only read and write the struct we pass.
    unsafe {
        assert_eq!(libc::getrlimit(resource, &mut lim), 0);
        lim.rlim_cur = bytes.min(lim.rlim_max);
        assert_eq!(libc::setrlimit(resource, &lim), 0);
    }
}

fn unlimited(resource: libc::__rlimit_resource_t) {
    set_soft_limit(resource, libc::RLIM_INFINITY);
}

fn poison_config() -> HeapConfig {
    HeapConfig {
        poison: true,
        verify: true,
        cap: CAP,
        immortal_cap: 16 << 20,
        ..HeapConfig::default()
    }
}

#[test]
fn poison_mode_skips_a_collection_when_no_fresh_to_space_can_be_reserved() {
    in_child(
        "poison_mode_skips_a_collection_when_no_fresh_to_space_can_be_reserved",
        || {
            let (mut h, node, r) = heap_with_chain(poison_config());
            let before = h.get(&r).addr();
            // Room for malloc, not for another `CAP` bytes of address space.
            set_soft_limit(
                libc::RLIMIT_AS,
                proc_status_bytes("VmSize") + CAP as u64 / 2,
            );

            h.collect(&mut NoClient)
                .expect("a skipped collection is not an error");
            assert_eq!(h.collections(), 0);
            assert_eq!(h.collections_skipped(), 1);
            let f = h.last_collection_failure().expect("the skip is recorded");
            assert_eq!(
                (f.action, f.bytes, f.after_collections),
                ("reserve", CAP, 0)
            );
            assert!(!f.os_error.is_empty());
            assert!(h.stats().report().contains("skipped collections: 1"));
            // Nothing moved, nothing was lost, and allocation goes on.
            assert_eq!(h.get(&r).addr(), before);
            check_chain(&h, &r);
            assert!(h.verify(&mut NoClient).is_empty());
            h.alloc(node, 16)
                .expect("allocation after a skipped collection");

            // With memory again, the next collection runs and moves everything.
            unlimited(libc::RLIMIT_AS);
            h.collect(&mut NoClient).expect("collect");
            assert_eq!(h.collections(), 1);
            assert_ne!(h.get(&r).addr(), before);
            check_chain(&h, &r);
            h.unroot(r);
        },
    );
}

#[test]
fn poison_mode_gives_up_quarantine_before_giving_up_a_collection() {
    in_child(
        "poison_mode_gives_up_quarantine_before_giving_up_a_collection",
        || {
            let (mut h, _, r) = heap_with_chain(poison_config());
            h.collect(&mut NoClient).expect("collect");
            h.collect(&mut NoClient).expect("collect");
            assert_eq!(h.retired_ranges().len(), 2);
            let before = h.get(&r).addr();
            set_soft_limit(
                libc::RLIMIT_AS,
                proc_status_bytes("VmSize") + CAP as u64 / 2,
            );

            h.collect(&mut NoClient).expect("collect");
            assert_eq!((h.collections(), h.collections_skipped()), (3, 0));
            assert_eq!(h.stats().quarantine_released, 1);
            assert_ne!(h.get(&r).addr(), before);
            check_chain(&h, &r);
            unlimited(libc::RLIMIT_AS);
            h.unroot(r);
        },
    );
}

#[test]
fn a_collection_is_skipped_when_the_to_space_cannot_be_committed() {
    in_child(
        "a_collection_is_skipped_when_the_to_space_cannot_be_committed",
        || {
            let (mut h, node, r) = heap_with_chain(HeapConfig {
                verify: true,
                cap: CAP,
                immortal_cap: 16 << 20,
                ..HeapConfig::default()
            });
            // 16 MiB of live data that the to-space must have room for.
            let blobs: Vec<Root> = (0..256)
                .map(|_| h.root(h.alloc(node, 64 << 10).unwrap()))
                .collect();
            let used = h.semispace_used();
            let before = h.get(&r).addr();
            // Private writable memory is what RLIMIT_DATA counts, and committing the
            // to-space makes its pages writable.
            set_soft_limit(libc::RLIMIT_DATA, proc_status_bytes("VmData") + (4 << 20));

            h.collect(&mut NoClient)
                .expect("a skipped collection is not an error");
            assert_eq!((h.collections(), h.collections_skipped()), (0, 1));
            let f = h.last_collection_failure().expect("the skip is recorded");
            assert_eq!((f.action, f.bytes), ("commit", used));
            assert_eq!(h.get(&r).addr(), before);
            check_chain(&h, &r);

            unlimited(libc::RLIMIT_DATA);
            h.collect(&mut NoClient).expect("collect");
            assert_eq!(h.collections(), 1);
            assert_ne!(h.get(&r).addr(), before);
            check_chain(&h, &r);
            for b in blobs {
                h.unroot(b);
            }
            h.unroot(r);
        },
    );
}
