//! Heap benchmarks. Prints figures measured in this run, side by side with `memcpy` of the
//! same bytes, so ratios hold on whatever machine runs it. Not a test: no limits enforced.
//!
//! `cargo bench -p gc` (add `-- quick` for a smaller run).

use std::hint::black_box;
use std::time::{Duration, Instant};

use gc::{Heap, HeapConfig, Kind, Layout, NoClient, Root, Trace};

/// Objects of 48 bytes: header + two reference words + three data words.
const BODY: usize = 40;
const OBJ: usize = 48;

fn new_heap(live: usize) -> (Heap, Kind) {
    let mut h = Heap::new(HeapConfig {
        min_threshold: live + (64 << 20),
        ..HeapConfig::default()
    })
    .unwrap();
    let k = h.register(Layout::new("obj", Trace::Words { first: 0, count: 2 }));
    (h, k)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn time<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn minflt() -> i64 {
    // SAFETY: getrusage writes into the struct we pass.
    unsafe {
        let mut u: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
        u.ru_minflt
    }
}

fn rss_kib() -> u64 {
    let s = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: u64 = s
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0);
    pages * 4
}

/// xorshift: a reproducible random graph without a dependency.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn bench_alloc(n: usize) -> f64 {
    let (mut h, k) = new_heap(n * OBJ);
    // Fault the memory in once, then measure on warm pages.
    for _ in 0..n {
        black_box(h.alloc(k, BODY).unwrap());
    }
    h.collect(&mut NoClient).unwrap();
    h.collect(&mut NoClient).unwrap();
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        for _ in 0..n {
            black_box(h.alloc(k, BODY).unwrap());
        }
        runs.push(t.elapsed());
        h.collect(&mut NoClient).unwrap();
    }
    median(runs).as_nanos() as f64 / n as f64
}

/// Builds `n` objects; `link(i)` gives the two targets of object i. Returns the root
/// (object `first`).
fn build(h: &Heap, k: Kind, n: usize, first: usize, link: impl Fn(usize) -> [usize; 2]) -> Root {
    let objs: Vec<usize> = (0..n).map(|_| h.alloc(k, BODY).unwrap().addr()).collect();
    // SAFETY: the addresses were just allocated and no safepoint happened since.
    let get = |i: usize| unsafe { h.resolve(gc::RawRef::from_addr(objs[i])).unwrap() };
    for i in 0..n {
        let [a, b] = link(i);
        let o = get(i);
        h.set_ref(o, 0, Some(get(a)));
        h.set_ref(o, 1, Some(get(b)));
        o.set_word(2, i as u64 * 2 + 1);
    }
    h.root(get(first))
}

struct CollectFigures {
    ns_per_obj: f64,
    gbps: f64,
    memcpy_ratio: f64,
}

fn bench_collect(live: usize, random: bool) -> CollectFigures {
    let n = live / OBJ;
    let (mut h, k) = new_heap(live);
    let root = if random {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let mut perm: Vec<usize> = (0..n).collect();
        for i in (1..n).rev() {
            perm.swap(i, rng.next() as usize % (i + 1));
        }
        let mut next = vec![0; n];
        for w in perm.windows(2) {
            next[w[0]] = w[1];
        }
        next[perm[n - 1]] = perm[0];
        let extra: Vec<usize> = (0..n).map(|_| rng.next() as usize % n).collect();
        build(&h, k, n, perm[0], |i| [next[i], extra[i]])
    } else {
        build(&h, k, n, 0, |i| [(i + 1) % n, (i + 2) % n])
    };
    // Two warm-up collections fault both semispaces in.
    h.collect(&mut NoClient).unwrap();
    h.collect(&mut NoClient).unwrap();
    // Alternate collections with memcpy of the same bytes, so that both see the same
    // machine load (this machine is shared): the ratio is of the two medians.
    let src = vec![1u8; n * OBJ];
    let mut dst = vec![2u8; n * OBJ];
    let (mut tc, mut tm) = (Vec::new(), Vec::new());
    for _ in 0..9 {
        let t0 = Instant::now();
        h.collect(&mut NoClient).unwrap();
        tc.push(t0.elapsed());
        let t0 = Instant::now();
        dst.copy_from_slice(black_box(&src));
        black_box(&mut dst);
        tm.push(t0.elapsed());
    }
    let (t, m) = (median(tc), median(tm));
    assert_eq!(h.stats().last_objects_copied, n);
    h.unroot(root);
    CollectFigures {
        ns_per_obj: t.as_nanos() as f64 / n as f64,
        gbps: (n * OBJ) as f64 / t.as_secs_f64() / 1e9,
        memcpy_ratio: t.as_secs_f64() / m.as_secs_f64(),
    }
}

fn bench_memcpy(bytes: usize) -> Duration {
    let src = vec![1u8; bytes];
    let mut dst = vec![2u8; bytes];
    time(7, || {
        dst.copy_from_slice(black_box(&src));
        black_box(&mut dst);
    })
}

fn bench_steady(live: usize, rounds: usize) -> (Vec<i64>, Vec<i64>) {
    let n = live / OBJ;
    let (mut h, k) = new_heap(live);
    let root = build(&h, k, n, 0, |i| [(i + 1) % n, (i + 2) % n]);
    h.collect(&mut NoClient).unwrap();
    h.collect(&mut NoClient).unwrap();
    let mut faults = Vec::new();
    let mut rss = Vec::new();
    for _ in 0..rounds {
        let (f0, r0) = (minflt(), rss_kib() as i64);
        h.collect(&mut NoClient).unwrap();
        faults.push(minflt() - f0);
        rss.push(rss_kib() as i64 - r0);
    }
    h.unroot(root);
    (faults, rss)
}

fn main() {
    let quick = std::env::args().any(|a| a == "quick");
    let live: usize = if quick { 16 << 20 } else { 64 << 20 };
    let mib = live >> 20;
    println!(
        "gc benchmark ({} MiB live, {OBJ}-byte objects with up to two references)",
        mib
    );

    // `-- seq` / `-- random` run only that collection (for profiling).
    let only = |name: &str| {
        let picked: Vec<String> = std::env::args()
            .skip(1)
            .filter(|a| a == "seq" || a == "random")
            .collect();
        picked.is_empty() || picked.iter().any(|a| a == name)
    };
    let everything = only("seq") && only("random");
    if everything {
        let alloc = bench_alloc(live / OBJ);
        println!("bump allocation:          {alloc:6.2} ns/object   (target <= 5)");
    }

    let memcpy = bench_memcpy(live);
    println!(
        "memcpy of {mib} MiB:         {:6.2} ms, {:.2} GB/s",
        memcpy.as_secs_f64() * 1e3,
        live as f64 / memcpy.as_secs_f64() / 1e9
    );
    if only("seq") {
        let seq = bench_collect(live, false);
        println!(
        "collect, allocation order: {:6.2} ns/object, {:.2} GB/s, {:.2}x memcpy   (target <= 2.5x)",
        seq.ns_per_obj, seq.gbps, seq.memcpy_ratio
    );
    }
    if only("random") {
        let rnd = bench_collect(live, true);
        println!(
        "collect, random graph:     {:6.2} ns/object, {:.2} GB/s, {:.2}x memcpy   (target <= 100 ns/object)",
        rnd.ns_per_obj, rnd.gbps, rnd.memcpy_ratio
    );
    }
    if !everything {
        return;
    }
    let (faults, rss) = bench_steady(live, 10);
    println!("repeated collections of an unchanged live set:");
    println!("  minor page faults per collection: {faults:?}");
    println!("  RSS change per collection (KiB):  {rss:?}");
}
