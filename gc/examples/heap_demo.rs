//! A tour of the moving heap: builds a small object graph (a binary tree, a cycle, an
//! immortal object pointing into the heap, a large object), collects it in torture mode at
//! a few safepoints with verification on, shows what moved and prints the statistics.
//!
//! `cargo run --release -p gc --example heap_demo`

use gc::{GcClient, Heap, HeapConfig, Kind, Layout, Mode, ObjRef, RawRef, Trace, Tracer};

/// Our "runtime": one root table of its own (like a handle table).
struct Demo {
    handles: Vec<RawRef>,
}

impl GcClient for Demo {
    fn trace_roots(&mut self, t: &mut Tracer<'_>) {
        t.root_set("demo handles");
        for h in &mut self.handles {
            t.edge(h);
        }
    }
}

/// Node body: [value (tagged odd), left, right].
fn node<'h>(
    heap: &'h Heap,
    k: Kind,
    value: u64,
    l: Option<ObjRef<'h>>,
    r: Option<ObjRef<'h>>,
) -> ObjRef<'h> {
    let n = heap.alloc(k, 24).expect("allocation");
    n.set_word(0, value << 1 | 1);
    heap.set_ref(n, 1, l);
    heap.set_ref(n, 2, r);
    n
}

fn tree<'h>(heap: &'h Heap, k: Kind, depth: u32, next: &mut u64) -> ObjRef<'h> {
    if depth == 0 {
        *next += 1;
        return node(heap, k, *next, None, None);
    }
    let l = tree(heap, k, depth - 1, next);
    let r = tree(heap, k, depth - 1, next);
    *next += 1;
    node(heap, k, *next, Some(l), Some(r))
}

fn sum(o: Option<ObjRef<'_>>) -> u64 {
    o.map_or(0, |n| {
        (n.word(0) >> 1) + sum(n.get_ref(1)) + sum(n.get_ref(2))
    })
}

fn main() {
    let mut heap = Heap::new(HeapConfig {
        mode: Mode::Torture,
        verify: true,
        ..HeapConfig::default()
    })
    .expect("heap");
    let k = heap.register(Layout::new("node", Trace::Words { first: 1, count: 2 }));
    let blob = heap.register(Layout::new("bytes", Trace::None));
    let mut demo = Demo {
        handles: Vec::new(),
    };

    let mut next = 0;
    let t = tree(&heap, k, 10, &mut next);
    let expected = sum(Some(t));
    let a = node(&heap, k, 1, None, None);
    let b = node(&heap, k, 2, Some(a), None);
    heap.set_ref(a, 1, Some(b)); // a <-> b: a cycle
    let imm = heap.alloc_immortal(k, 24).expect("immortal");
    imm.set_word(0, 1);
    heap.set_ref(imm, 1, Some(a)); // immortal -> movable, through the write barrier
    let big = heap.alloc(blob, 100 << 20).expect("100 MB object");
    big.set_word(0, 0xfeed);
    demo.handles = vec![t.raw(), b.raw(), big.raw()];
    let imm_raw = imm.raw();
    println!(
        "built a tree of {} nodes (sum {expected}), a 2-cycle, an immortal object and a 100 MB object",
        (1 << 11) - 1
    );

    for step in 1..=3 {
        let before = demo.handles.clone();
        // A boundary safepoint: in torture mode, every one collects.
        heap.safepoint(&mut demo)
            .expect("collection verified clean");
        println!("\nsafepoint {step}: collection #{}", heap.collections());
        for (name, (old, new)) in ["tree root", "cycle node", "100 MB bytes"]
            .iter()
            .zip(before.iter().zip(&demo.handles))
        {
            let verb = if old == new { "stayed at" } else { "moved to" };
            println!("  {name:13} {:#x} {verb} {:#x}", old.addr(), new.addr());
        }
        // SAFETY: the handles and the immortal object were updated by the collection.
        let (t, b, big, imm) = unsafe {
            (
                heap.resolve(demo.handles[0]).unwrap(),
                heap.resolve(demo.handles[1]).unwrap(),
                heap.resolve(demo.handles[2]).unwrap(),
                heap.resolve(imm_raw).unwrap(),
            )
        };
        let a = b.get_ref(1).unwrap();
        assert_eq!(sum(Some(t)), expected);
        assert_eq!(a.get_ref(1), Some(b));
        assert_eq!(imm.get_ref(1), Some(a));
        assert_eq!(big.word(0), 0xfeed);
        println!(
            "  tree sum still {expected}; cycle intact; immortal object now points at {:#x}",
            a.addr()
        );
    }

    demo.handles.truncate(1); // drop the cycle's handle and the big object
    heap.collect(&mut demo).expect("collection");
    println!("\nafter dropping two handles:\n{}", heap.stats().report());
}
