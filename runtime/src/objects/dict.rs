//! `dict`: `[type, id, entries]`. The entries are an `IndexMap` (insertion order, as
//! CPython) in Rust memory owned by the object: the collector visits its references
//! through the runtime's custom tracer, and frees it when the dict dies.
//!
//! Keys carry their hash, computed once when inserted (a Python hash never depends on the
//! address, so it survives moves); the map's own hasher just passes it through.
//!
//! Every dict also carries a *keys stamp*: a number drawn from one process-wide counter
//! when the dict is made and again whenever its set of keys changes (a key added or
//! removed, the dict cleared). No two dicts and no two key sets of one dict ever share a
//! stamp, so a cache that saw stamp `s` knows, while the dict's stamp is still `s`, that
//! the same keys sit at the same indexes: a global-name cache (`GlobalCache` in `objects/code.rs`)
//! checks one number instead of probing. Replacing a value keeps the stamp. The map is
//! handed out read-only ([`entries`]); every change of keys goes through this file.

pub(crate) mod methods;

use std::cell::Cell;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

use gc::{ObjRef, RawRef, Tracer};
use indexmap::map::RawEntryApiV1;
use indexmap::IndexMap;

use crate::error::PyResult;
use crate::objects::alloc::Alloc;
use crate::objects::{W_DATA, W_TYPE};

const W_ENTRIES: usize = W_DATA;

/// A key: its Python hash and the key object. The reference sits in a `Cell` so the
/// collector can rewrite it in place without rehashing.
pub(crate) struct DictKey {
    pub(crate) hash: i64,
    pub(crate) key: Cell<RawRef>,
}

impl Hash for DictKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.hash as u64)
    }
}

impl PartialEq for DictKey {
    /// Identity only; lookups compare keys with Python semantics through raw entries.
    fn eq(&self, other: &DictKey) -> bool {
        self.key.get() == other.key.get()
    }
}
impl Eq for DictKey {}

/// Passes the precomputed hash through.
#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, _: &[u8]) {
        unreachable!("dict keys hash with write_u64")
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

pub(crate) type Entries = IndexMap<DictKey, RawRef, BuildHasherDefault<PassThrough>>;

/// What a dict's entries word points to: the map and its keys stamp.
struct Table {
    map: Entries,
    keys_stamp: u64,
}

/// The next keys stamp. Atomic because runtimes on other threads draw from it too: a stamp
/// must be unique across every dict a cache could ever compare it with. Never 0, which
/// caches use for "nothing seen".
static NEXT_KEYS_STAMP: AtomicU64 = AtomicU64::new(1);

fn fresh_stamp() -> u64 {
    NEXT_KEYS_STAMP.fetch_add(1, Ordering::Relaxed)
}

pub(crate) fn new<'h>(a: &Alloc<'h>) -> PyResult<ObjRef<'h>> {
    let d = a.object(a.kinds().dict, a.b.dict_type, W_DATA + 1)?;
    attach(a, d);
    Ok(d)
}

pub(crate) fn new_immortal<'h>(a: &Alloc<'h>) -> PyResult<ObjRef<'h>> {
    let d = a.heap.alloc_immortal(a.kinds().dict, (W_DATA + 1) * 8)?;
    d.set_word(W_TYPE, a.b.dict_type.addr() as u64);
    // Immortal dicts receive movable references in memory the barrier cannot see.
    a.heap.remember(d);
    attach(a, d);
    Ok(d)
}

fn attach(a: &Alloc<'_>, d: ObjRef<'_>) {
    let b = Box::new(Table {
        map: Entries::default(),
        keys_stamp: fresh_stamp(),
    });
    d.set_word(W_ENTRIES, Box::into_raw(b) as u64);
    a.heap.register_external(d);
}

fn table<'a>(d: ObjRef<'a>) -> &'a mut Table {
    // SAFETY: a dict's entries word is set at creation to a leaked Box and freed only when
    // the dict dies; the runtime is single-threaded and no two callers hold the map at once
    // (callers never keep it across a call that could reach another dict operation).
    unsafe { &mut *(d.word(W_ENTRIES) as *mut Table) }
}

/// The entries of a live dict, to read. Changes go through [`insert`], [`set_value_at`],
/// [`remove_index`], [`clear`] or [`rekey`], which keep the keys stamp true.
pub(crate) fn entries<'a>(d: ObjRef<'a>) -> &'a Entries {
    &table(d).map
}

/// The dict's keys stamp (see the module comment): equal to an earlier reading exactly
/// when no key was added or removed in between.
#[inline]
pub(crate) fn keys_stamp(d: ObjRef<'_>) -> u64 {
    // Read without `word`'s bounds check: this is on every global-name lookup.
    debug_assert!(W_ENTRIES < d.body_words(), "a dict has its entries word");
    // SAFETY: every dict is made by `new` or `new_immortal`, whose body has the entries
    // word, set by `attach` before the dict is handed out to a leaked `Table` that lives
    // as long as the dict.
    unsafe { (*(*(d.body() as *const u64).add(W_ENTRIES) as *const Table)).keys_stamp }
}

/// The entries of a live dict, for a change of its keys (the stamp is renewed first).
pub(crate) fn rekey<'a>(d: ObjRef<'a>) -> &'a mut Entries {
    let t = table(d);
    t.keys_stamp = fresh_stamp();
    &mut t.map
}

/// Replaces the value at `index` (its key stays: the stamp too). The caller remembers
/// an immortal dict, as [`insert`] does.
pub(crate) fn set_value_at(d: ObjRef<'_>, index: usize, value: RawRef) {
    if let Some((_, v)) = table(d).map.get_index_mut(index) {
        *v = value;
    }
}

/// Removes every entry.
pub(crate) fn clear(d: ObjRef<'_>) {
    rekey(d).clear();
}

pub(crate) fn len(d: ObjRef<'_>) -> usize {
    entries(d).len()
}

/// Looks `key` up with `eq`, which compares a stored key with `key`.
pub(crate) fn lookup(
    d: ObjRef<'_>,
    hash: i64,
    mut eq: impl FnMut(RawRef) -> bool,
) -> Option<(usize, RawRef)> {
    entries(d)
        .raw_entry_v1()
        .from_hash_full(hash as u64, |k| k.hash == hash && eq(k.key.get()))
        .map(|(i, _, v)| (i, *v))
}

/// Inserts or replaces; `eq` as in [`lookup`].
pub(crate) fn insert(
    a: &Alloc<'_>,
    d: ObjRef<'_>,
    key: ObjRef<'_>,
    hash: i64,
    value: ObjRef<'_>,
    eq: impl FnMut(RawRef) -> bool,
) {
    match lookup(d, hash, eq) {
        Some((i, _)) => set_value_at(d, i, value.raw()),
        None => {
            rekey(d).insert(
                DictKey {
                    hash,
                    key: Cell::new(key.raw()),
                },
                value.raw(),
            );
        }
    }
    if d.is_immortal() {
        a.heap.remember(d);
    }
}

/// Removes the entry at `index`, keeping the order of the others.
pub(crate) fn remove_index(d: ObjRef<'_>, index: usize) {
    rekey(d).shift_remove_index(index);
}

/// Visits the references a dict holds (its type word and every key and value).
pub(crate) fn trace(body: *mut u8, t: &mut Tracer<'_>) {
    // SAFETY: `body` is the body of a live dict copy: word 0 is its type, word 2 the map.
    unsafe {
        t.edge_at(body.cast::<RawRef>().add(W_TYPE));
        let table = &mut *(*(body as *const u64).add(W_ENTRIES) as *mut Table);
        for (k, v) in table.map.iter_mut() {
            t.edge_at(k.key.as_ptr());
            t.edge(v);
        }
    }
}

/// Frees the entries of a dead dict.
///
/// # Safety
/// `body` is the body of a dict that died; called once.
pub(crate) unsafe fn free(body: *mut u8) {
    // SAFETY: the word holds the Box leaked in `attach`, freed only here.
    unsafe {
        let p = *(body as *const u64).add(W_ENTRIES) as *mut Table;
        drop(Box::from_raw(p));
    }
}

/// What a dict iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DictIter {
    Keys,
    Values,
    Items,
}

impl DictIter {
    pub(crate) fn type_name(self) -> &'static str {
        match self {
            DictIter::Keys => "dict_keyiterator",
            DictIter::Values => "dict_valueiterator",
            DictIter::Items => "dict_itemiterator",
        }
    }
}
