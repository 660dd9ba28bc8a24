//! Property tests: random object graphs and random mutation/collection sequences, checked
//! against a model of the graph kept outside the heap.

use std::collections::{HashMap, HashSet, VecDeque};

use gc::{
    GcClient, GcObject, Heap, HeapConfig, Kind, Layout, Mode, ObjRef, RawRef, Root, Trace, Tracer,
};
use proptest::prelude::*;

/// Word 0 of every body holds the object's logical id, tagged odd so it is never taken
/// for a reference. Empty objects have no body and no id.
fn tag(id: u32) -> u64 {
    ((id as u64) << 1) | 1
}
fn untag(w: u64) -> u32 {
    (w >> 1) as u32
}

const LARGE_THRESHOLD: usize = 4096;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// Trace::Tail from word 1.
    Node,
    /// Trace::Words{1, 2}, followed by data words that look like pointers.
    Pair,
    /// Trace::Custom, the client visits words 1..=slots.
    Custom,
    /// No body at all.
    Empty,
}

struct Kinds {
    node: Kind,
    pair: Kind,
    custom: Kind,
    empty: Kind,
}

#[derive(Clone, Debug)]
struct MObj {
    shape: Shape,
    slots: Vec<Option<u32>>,
    immortal: bool,
    large: bool,
    finalizable: bool,
    external: bool,
}

#[derive(Default)]
struct Client {
    roots: Vec<RawRef>,
    custom: Option<Kind>,
    dropped: Vec<u32>,
}

impl GcClient for Client {
    fn trace_roots(&mut self, t: &mut Tracer<'_>) {
        t.root_set("model roots");
        for r in &mut self.roots {
            t.edge(r);
        }
    }
    fn trace_object(&mut self, obj: GcObject, t: &mut Tracer<'_>) {
        assert_eq!(Some(obj.kind()), self.custom);
        for i in 1..obj.body_len() / 8 {
            // SAFETY: body words of the object being traced.
            unsafe { t.edge_at(obj.slot(i)) };
        }
    }
    fn drop_external(&mut self, dead: GcObject) {
        self.dropped.push(untag(dead.word(0)));
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc {
        shape: u8,
        slots: usize,
        large: bool,
        immortal: bool,
        finalizable: bool,
        external: bool,
    },
    Link {
        from: usize,
        slot: usize,
        to: usize,
    },
    Unlink {
        from: usize,
        slot: usize,
    },
    DropRoot(usize),
    RootInHeap(usize),
    UnrootHeap(usize),
    Collect,
    Safepoint,
    Poll,
    Finalize {
        resurrect: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0u8..4, 0usize..4, prop::bool::weighted(0.1), prop::bool::weighted(0.1),
              prop::bool::weighted(0.2), prop::bool::weighted(0.2))
            .prop_map(|(shape, slots, large, immortal, finalizable, external)| Op::Alloc {
                shape, slots, large, immortal, finalizable, external }),
        4 => (any::<usize>(), any::<usize>(), any::<usize>())
            .prop_map(|(from, slot, to)| Op::Link { from, slot, to }),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(from, slot)| Op::Unlink { from, slot }),
        2 => any::<usize>().prop_map(Op::DropRoot),
        1 => any::<usize>().prop_map(Op::RootInHeap),
        1 => any::<usize>().prop_map(Op::UnrootHeap),
        2 => Just(Op::Collect),
        2 => Just(Op::Safepoint),
        1 => Just(Op::Poll),
        1 => any::<bool>().prop_map(|resurrect| Op::Finalize { resurrect }),
    ]
}

struct World {
    heap: Heap,
    kinds: Kinds,
    client: Client,
    model: HashMap<u32, MObj>,
    /// Parallel to `client.roots`.
    mroots: Vec<u32>,
    hroots: Vec<(Root, u32)>,
    mqueue: Vec<u32>,
    next_id: u32,
    dropped_total: HashSet<u32>,
}

impl World {
    fn new(mode: Mode, poison: bool) -> World {
        let mut heap = Heap::new(HeapConfig {
            mode,
            poison,
            verify: true,
            cap: 64 << 20,
            immortal_cap: 16 << 20,
            min_threshold: 16 << 10,
            large_threshold: LARGE_THRESHOLD,
            ..HeapConfig::default()
        })
        .unwrap();
        let kinds = Kinds {
            node: heap.register(Layout::new("node", Trace::Tail { first: 1 })),
            pair: heap.register(Layout::new("pair", Trace::Words { first: 1, count: 2 })),
            custom: heap.register(Layout::new("custom", Trace::Custom)),
            empty: heap.register(Layout::new("empty", Trace::None)),
        };
        let client = Client {
            custom: Some(kinds.custom),
            ..Client::default()
        };
        World {
            heap,
            kinds,
            client,
            model: HashMap::new(),
            mroots: Vec::new(),
            hroots: Vec::new(),
            mqueue: Vec::new(),
            next_id: 1,
            dropped_total: HashSet::new(),
        }
    }

    /// Model ids that are roots: client roots, heap roots, the finalization queue, and
    /// every immortal object.
    fn model_roots(&self) -> Vec<u32> {
        let mut r: Vec<u32> = self.mroots.clone();
        r.extend(self.hroots.iter().map(|(_, id)| *id));
        r.extend(self.mqueue.iter().copied());
        r.extend(
            self.model
                .iter()
                .filter(|(_, o)| o.immortal)
                .map(|(id, _)| *id),
        );
        r
    }

    fn model_reach(&self, from: &[u32]) -> HashSet<u32> {
        let mut seen = HashSet::new();
        let mut todo: Vec<u32> = from.to_vec();
        while let Some(id) = todo.pop() {
            if seen.insert(id) {
                todo.extend(self.model[&id].slots.iter().flatten());
            }
        }
        seen
    }

    /// Pairs every reachable model object with its heap address, checking that the heap
    /// graph is isomorphic to the model graph. Returns id → address.
    fn pair_up(&self) -> HashMap<u32, usize> {
        let mut id2a: HashMap<u32, usize> = HashMap::new();
        let mut a2id: HashMap<usize, u32> = HashMap::new();
        let mut todo: VecDeque<(u32, usize)> = VecDeque::new();
        for (i, id) in self.mroots.iter().enumerate() {
            todo.push_back((*id, self.client.roots[i].addr()));
        }
        for (root, id) in &self.hroots {
            todo.push_back((*id, self.heap.get(root).addr()));
        }
        // Immortal objects are reached through whatever refers to them, or found by id
        // from the model: check those reachable from roots.
        while let Some((id, a)) = todo.pop_front() {
            let obj = self
                .heap
                .check(RawRef::from_addr(a))
                .unwrap_or_else(|e| panic!("object {id} at {a:#x} is not a live object: {e}"));
            if let Some(&prev) = id2a.get(&id) {
                assert_eq!(prev, a, "object {id} reached at two addresses");
                continue;
            }
            if let Some(&other) = a2id.get(&a) {
                panic!("objects {other} and {id} are the same heap object {a:#x}");
            }
            id2a.insert(id, a);
            a2id.insert(a, id);
            let m = &self.model[&id];
            self.check_object(id, m, obj);
            for (j, target) in m.slots.iter().enumerate() {
                let got = obj.get_ref(1 + j);
                match (target, got) {
                    (None, None) => {}
                    (Some(t), Some(g)) => todo.push_back((*t, g.addr())),
                    (t, g) => panic!("object {id} slot {j}: model {t:?}, heap {g:?}"),
                }
            }
        }
        id2a
    }

    fn check_object(&self, id: u32, m: &MObj, obj: ObjRef<'_>) {
        let kind = match m.shape {
            Shape::Node => self.kinds.node,
            Shape::Pair => self.kinds.pair,
            Shape::Custom => self.kinds.custom,
            Shape::Empty => self.kinds.empty,
        };
        assert_eq!(obj.kind(), kind, "object {id} kind");
        assert_eq!(obj.is_immortal(), m.immortal, "object {id} immortality");
        assert_eq!(obj.is_large(), m.large, "object {id} space");
        if m.shape != Shape::Empty {
            assert_eq!(untag(obj.word(0)), id, "object {id} identity word");
        }
        if m.shape == Shape::Pair {
            // Data words after the two reference words are never touched.
            assert_eq!(obj.word(3), 0x1000, "object {id} pair data");
        }
    }

    fn reachable_list(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.pair_up().into_keys().collect();
        v.sort_unstable();
        v
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Alloc {
                shape,
                slots,
                large,
                immortal,
                finalizable,
                external,
            } => self.alloc(shape, slots, large, immortal, finalizable, external),
            Op::Link { from, slot, to } => {
                let ids = self.reachable_list();
                let map = self.pair_up();
                let cands: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|i| !self.model[i].slots.is_empty())
                    .collect();
                if cands.is_empty() {
                    return;
                }
                let f = cands[from % cands.len()];
                let t = ids[to % ids.len()];
                let s = slot % self.model[&f].slots.len();
                // SAFETY: addresses from pair_up, computed since the last safepoint.
                let (fo, to_) = unsafe {
                    (
                        self.heap.resolve(RawRef::from_addr(map[&f])).unwrap(),
                        self.heap.resolve(RawRef::from_addr(map[&t])).unwrap(),
                    )
                };
                self.heap.set_ref(fo, 1 + s, Some(to_));
                self.model.get_mut(&f).unwrap().slots[s] = Some(t);
            }
            Op::Unlink { from, slot } => {
                let map = self.pair_up();
                let mut cands: Vec<u32> = map
                    .keys()
                    .copied()
                    .filter(|i| !self.model[i].slots.is_empty())
                    .collect();
                cands.sort_unstable();
                if cands.is_empty() {
                    return;
                }
                let f = cands[from % cands.len()];
                let s = slot % self.model[&f].slots.len();
                // SAFETY: as above.
                let fo = unsafe { self.heap.resolve(RawRef::from_addr(map[&f])).unwrap() };
                self.heap.set_ref(fo, 1 + s, None);
                self.model.get_mut(&f).unwrap().slots[s] = None;
            }
            Op::DropRoot(i) => {
                if !self.mroots.is_empty() {
                    let i = i % self.mroots.len();
                    self.mroots.remove(i);
                    self.client.roots.remove(i);
                }
            }
            Op::RootInHeap(i) => {
                if !self.mroots.is_empty() {
                    let i = i % self.mroots.len();
                    // SAFETY: a client root, current since the last safepoint.
                    let o = unsafe { self.heap.resolve(self.client.roots[i]).unwrap() };
                    let r = self.heap.root(o);
                    self.hroots.push((r, self.mroots[i]));
                }
            }
            Op::UnrootHeap(i) => {
                if !self.hroots.is_empty() {
                    let (r, _) = self.hroots.remove(i % self.hroots.len());
                    self.heap.unroot(r);
                }
            }
            Op::Collect => {
                let before = self.pair_up();
                let res = self.heap.collect(&mut self.client);
                self.after_collection(before, res);
            }
            Op::Safepoint | Op::Poll => {
                let before = self.pair_up();
                let n = self.heap.collections();
                let res = if matches!(op, Op::Safepoint) {
                    self.heap.safepoint(&mut self.client)
                } else {
                    self.heap.poll(&mut self.client)
                };
                let collected = match &res {
                    Ok(c) => *c,
                    Err(_) => true,
                };
                assert_eq!(collected, self.heap.collections() == n + 1);
                if collected {
                    self.after_collection(before, res.map(|_| ()));
                } else {
                    assert_eq!(self.pair_up(), before, "nothing moves without a collection");
                }
            }
            Op::Finalize { resurrect } => {
                let mut got = Vec::new();
                while let Some(r) = self.heap.pop_finalizable() {
                    let id = untag(self.heap.get(&r).word(0));
                    got.push(id);
                    if resurrect {
                        // The finalizer stores the object somewhere reachable.
                        self.hroots.push((r, id));
                    } else {
                        self.heap.unroot(r);
                    }
                }
                let mut want = std::mem::take(&mut self.mqueue);
                got.sort_unstable();
                want.sort_unstable();
                assert_eq!(got, want, "finalization queue");
            }
        }
        self.pair_up();
    }

    fn alloc(
        &mut self,
        shape: u8,
        slots: usize,
        large: bool,
        immortal: bool,
        finalizable: bool,
        external: bool,
    ) {
        let shape = [Shape::Node, Shape::Pair, Shape::Custom, Shape::Empty][shape as usize];
        let (kind, nslots, words) = match shape {
            Shape::Node => (self.kinds.node, slots, 1 + slots),
            Shape::Custom => (self.kinds.custom, slots, 1 + slots),
            Shape::Pair => (self.kinds.pair, 2, 5),
            Shape::Empty => (self.kinds.empty, 0, 0),
        };
        let large = large && !immortal && shape != Shape::Empty && shape != Shape::Custom;
        let finalizable = finalizable && !immortal && shape != Shape::Empty;
        let external = external && !immortal && shape != Shape::Empty;
        let mut bytes = words * 8;
        if large {
            bytes = bytes.max(LARGE_THRESHOLD + 8 * (slots + 1));
        }
        let id = self.next_id;
        self.next_id += 1;
        let obj = if immortal {
            self.heap.alloc_immortal(kind, bytes).unwrap()
        } else {
            self.heap.alloc(kind, bytes).unwrap()
        };
        assert!(obj.bytes().iter().all(|&b| b == 0), "bodies start zeroed");
        if shape != Shape::Empty {
            obj.set_word(0, tag(id));
        }
        if shape == Shape::Pair {
            obj.set_word(3, 0x1000);
            obj.set_word(4, 0x2001);
        }
        if finalizable {
            self.heap.register_finalizer(obj);
        }
        if external {
            self.heap.register_external(obj);
        }
        self.client.roots.push(obj.raw());
        self.mroots.push(id);
        self.model.insert(
            id,
            MObj {
                shape,
                slots: vec![None; nslots],
                immortal,
                large,
                finalizable,
                external,
            },
        );
    }

    fn after_collection(
        &mut self,
        before: HashMap<u32, usize>,
        res: Result<(), gc::HeapCorruption>,
    ) {
        if let Err(e) = res {
            panic!("collection reported corruption: {e}");
        }
        // The model's collection: dead finalizable objects are queued (once) and kept
        // alive with what they reach; the rest of the unreachable objects die.
        let reach = self.model_reach(&self.model_roots());
        let mut newly: Vec<u32> = self
            .model
            .iter()
            .filter(|(id, o)| o.finalizable && !reach.contains(id))
            .map(|(id, _)| *id)
            .collect();
        newly.sort_unstable();
        for id in &newly {
            self.model.get_mut(id).unwrap().finalizable = false;
        }
        self.mqueue.extend(&newly);
        let reach = self.model_reach(&self.model_roots());
        let mut died: Vec<u32> = self
            .model
            .keys()
            .copied()
            .filter(|id| !reach.contains(id))
            .collect();
        died.sort_unstable();
        let mut want_dropped: Vec<u32> = died
            .iter()
            .copied()
            .filter(|id| self.model[id].external)
            .collect();
        for id in &died {
            self.model.remove(id);
        }
        let mut dropped = std::mem::take(&mut self.client.dropped);
        dropped.sort_unstable();
        want_dropped.sort_unstable();
        assert_eq!(dropped, want_dropped, "external parts dropped");
        for id in dropped {
            assert!(
                self.dropped_total.insert(id),
                "external of {id} dropped twice"
            );
        }
        assert_eq!(self.heap.finalization_pending(), self.mqueue.len());

        let after = self.pair_up();
        for (id, a) in &after {
            let m = &self.model[id];
            if let Some(b) = before.get(id) {
                if !m.immortal && !m.large {
                    assert_ne!(a, b, "live movable object {id} did not move");
                } else {
                    assert_eq!(a, b, "non-moving object {id} moved");
                }
            }
        }
        // Nothing unreachable survives: the copy holds exactly the live movable objects.
        let live: Vec<&MObj> = self.model.values().collect();
        let movable = live.iter().filter(|o| !o.immortal && !o.large).count();
        let stats = self.heap.stats();
        assert_eq!(stats.last_objects_copied, movable, "objects copied");
        let large_live = live.iter().filter(|o| o.large).count();
        assert_eq!(
            self.heap.stats().large.current > 0,
            large_live > 0,
            "large space holds exactly the live large objects"
        );
        let v = self.heap.verify(&mut self.client);
        assert!(v.is_empty(), "verify: {v:?}");
    }
}

fn run(mode: Mode, poison: bool, ops: &[Op]) {
    let mut w = World::new(mode, poison);
    for op in ops {
        w.apply(op);
    }
    // Finally everything dies: finalizers run once, externals drop once.
    w.mroots.clear();
    w.client.roots.clear();
    while let Some((r, _)) = w.hroots.pop() {
        w.heap.unroot(r);
    }
    for _ in 0..3 {
        w.apply(&Op::Collect);
        w.apply(&Op::Finalize { resurrect: false });
    }
    // What is left is what the immortal objects reach.
    let imm: Vec<u32> = w
        .model
        .iter()
        .filter(|(_, o)| o.immortal)
        .map(|(i, _)| *i)
        .collect();
    assert_eq!(w.model_reach(&imm).len(), w.model.len());
    assert!(w.mqueue.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn graphs_survive_normal(ops in prop::collection::vec(op(), 1..80)) {
        run(Mode::Normal, false, &ops);
    }

    #[test]
    fn graphs_survive_every_3(ops in prop::collection::vec(op(), 1..80)) {
        run(Mode::Every(3.try_into().unwrap()), false, &ops);
    }

    #[test]
    fn graphs_survive_torture(ops in prop::collection::vec(op(), 1..80)) {
        run(Mode::Torture, false, &ops);
    }

    #[test]
    fn graphs_survive_torture_poison(ops in prop::collection::vec(op(), 1..60)) {
        run(Mode::Torture, true, &ops);
    }
}
