//! Host benchmarks, printed as figures measured in this run:
//! - handle open + resolve + close, against a plain `Vec` free list doing the same;
//! - a context call that does not collect (`HPy_Dup` + `HPy_Close`, `HPy_Is`);
//! - a call of a NOARGS extension function through the embedding API.
//!
//! `cargo bench -p hpymove-runtime --bench host_bench`

use std::hint::black_box;
use std::time::Instant;

use hpymove_runtime::bench_support::{HandleTable, RawRef};
use hpymove_runtime::{Config, Runtime};

const N: u64 = 20_000_000;

/// The baseline: slots in a Vec, a free list of indices, a generation per slot so that a
/// stale index is detected — what a handle table must do at least.
struct FreeList {
    slots: Vec<(usize, u32)>,
    free: Vec<u32>,
}

impl FreeList {
    #[inline]
    fn open(&mut self, v: usize) -> u64 {
        if let Some(i) = self.free.pop() {
            let s = &mut self.slots[i as usize];
            s.0 = v;
            s.1 += 1;
            (s.1 as u64) << 32 | i as u64
        } else {
            self.slots.push((v, 1));
            (1u64 << 32) | (self.slots.len() - 1) as u64
        }
    }
    #[inline]
    fn get(&self, h: u64) -> Option<usize> {
        let s = self.slots.get(h as u32 as usize)?;
        (s.1 == (h >> 32) as u32).then_some(s.0)
    }
    #[inline]
    fn close(&mut self, h: u64) -> bool {
        let i = h as u32;
        match self.slots.get_mut(i as usize) {
            Some(s) if s.1 == (h >> 32) as u32 => {
                s.1 += 1;
                self.free.push(i);
                true
            }
            _ => false,
        }
    }
}

fn per_op(n: u64, f: impl FnOnce()) -> f64 {
    let t = Instant::now();
    f();
    t.elapsed().as_nanos() as f64 / n as f64
}

fn best_of(runs: usize, mut f: impl FnMut() -> f64) -> f64 {
    (0..runs).map(|_| f()).fold(f64::INFINITY, f64::min)
}

fn main() {
    // Some handles stay open, as in a real run (the context constants and a few more).
    let table_ns = best_of(5, || {
        let mut t = HandleTable::default();
        let keep: Vec<_> = (0..100)
            .map(|i| t.open(RawRef::from_addr(8 * (i + 1))))
            .collect();
        let ns = per_op(N, || {
            for i in 0..N {
                let h = t.open(RawRef::from_addr(black_box(8 * i as usize + 8)));
                black_box(t.get(black_box(h)));
                black_box(t.close(h).is_ok());
            }
        });
        black_box(keep);
        ns
    });
    let vec_ns = best_of(5, || {
        let mut t = FreeList {
            slots: Vec::new(),
            free: Vec::new(),
        };
        let keep: Vec<_> = (0..100).map(|i| t.open(8 * (i + 1))).collect();
        let ns = per_op(N, || {
            for i in 0..N {
                let h = t.open(black_box(8 * i as usize + 8));
                black_box(t.get(black_box(h)));
                black_box(t.close(h));
            }
        });
        black_box(keep);
        ns
    });
    println!("handle open+resolve+close: {table_ns:.2} ns (handle table)   plain Vec free list: {vec_ns:.2} ns   ratio {:.2}x   (targets <= 5 ns, <= 1.5x)", table_ns / vec_ns);

    let mut rt = Runtime::new(Config {
        heap: Default::default(),
        path: vec![ext_samples::ext_dir()],
    })
    .expect("runtime");
    let p = rt.context();
    // SAFETY: the context outlives the loop; calls as an extension makes them.
    let c = unsafe { &*p };
    let n = N / 4;
    let dup_close = best_of(5, || {
        per_op(n, || {
            for _ in 0..n {
                // SAFETY: as above.
                unsafe {
                    let h = (c.ctx_Dup)(p, c.h_None);
                    (c.ctx_Close)(p, black_box(h));
                }
            }
        }) / 2.0
    });
    let is = best_of(5, || {
        per_op(n, || {
            for _ in 0..n {
                // SAFETY: as above.
                black_box(unsafe { (c.ctx_Is)(p, c.h_True, black_box(c.h_None)) });
            }
        })
    });
    println!("context call that does not collect: HPy_Is {is:.2} ns, HPy_Dup/HPy_Close {dup_close:.2} ns each");

    let m = rt.import("basics").expect("basics");
    let f = rt.getattr(&m, "get_none").expect("get_none");
    let calls = 1_000_000;
    let call_ns = best_of(5, || {
        per_op(calls, || {
            for _ in 0..calls {
                black_box(rt.call_objs(&f, &[], &[]).expect("call"));
            }
        })
    });
    println!("NOARGS extension function through the embedding API: {call_ns:.1} ns per call");
}
