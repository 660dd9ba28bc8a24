//! Operations on objects that never reach a safepoint: equality and hashing of builtin
//! values (CPython 3.11's results), identity numbers, dict access with str keys.
//! (Operations that may call extension or Python code live on [`crate::state::State`], where
//! they can root what they hold; they use these as their fast paths.)
//!
//! "Builtin" below means an object whose type is one of the runtime's builtin types: those
//! live in the immortal space, while every type made at run time (extension types, Python
//! classes, exception classes of extensions) moves. Only builtin objects have an `__eq__` and
//! `__hash__` known here; for the others these functions answer `None`, and the caller takes
//! the slow path, which may run code.

use std::sync::atomic::{AtomicU64, Ordering};

use gc::{ObjRef, RawRef};
use num_bigint::BigInt;
use num_traits::FromPrimitive;

use crate::objects::alloc::Alloc;
use crate::objects::code::{GlobalCache, NameKey};
use crate::objects::int::IntValue;
use crate::objects::types;
use crate::objects::{
    bytes, dict, float, int, list, range, slice, str as pystr, tuple, type_of, W_DATA,
};

/// Is `o` an instance of a builtin type (whose equality and hash are the runtime's own)?
#[inline]
pub(crate) fn is_builtin(o: ObjRef<'_>) -> bool {
    type_of(o).is_immortal()
}

/// A numeric view of int, bool, float and complex, for comparisons across them.
enum Num {
    Small(i64),
    Big(BigInt),
    Float(f64),
    Complex(f64, f64),
}

fn num(a: &Alloc<'_>, o: ObjRef<'_>) -> Option<Num> {
    let k = a.kinds();
    if o.kind() == k.int {
        Some(match int::value(o) {
            IntValue::Small(v) => Num::Small(v),
            IntValue::Big(b) => Num::Big(b),
        })
    } else if o.kind() == k.bool_ {
        Some(Num::Small(o.word(W_DATA) as i64))
    } else if o.kind() == k.float {
        Some(Num::Float(float::value(o)))
    } else if o.kind() == k.complex {
        let (re, im) = crate::objects::complex::value(o);
        Some(Num::Complex(re, im))
    } else {
        None
    }
}

/// Exact equality of an integer and a float (no rounding: `2**200 + 1 != 2.0**200`).
fn int_eq_float(i: &BigInt, f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0 && BigInt::from_f64(f).as_ref() == Some(i)
}

fn num_eq(p: Num, q: Num) -> bool {
    match (p, q) {
        (Num::Complex(a, b), Num::Complex(c, d)) => a == c && b == d,
        // A complex equals a real number when its imaginary part is zero and its real
        // part equals the number exactly.
        (Num::Complex(re, im), other) | (other, Num::Complex(re, im)) => {
            im == 0.0 && num_eq(Num::Float(re), other)
        }
        (Num::Small(x), Num::Small(y)) => x == y,
        (Num::Float(x), Num::Float(y)) => x == y,
        // A Big never equals a Small: ints are stored in their smallest form.
        (Num::Big(x), Num::Big(y)) => x == y,
        (Num::Small(_), Num::Big(_)) | (Num::Big(_), Num::Small(_)) => false,
        (Num::Small(i), Num::Float(f)) | (Num::Float(f), Num::Small(i)) => {
            // Exact for every i64: compare as integers when the float is integral.
            f.fract() == 0.0 && (-9.3e18..=9.3e18).contains(&f) && f as i128 == i as i128
        }
        (Num::Big(i), Num::Float(f)) | (Num::Float(f), Num::Big(i)) => int_eq_float(&i, f),
    }
}

/// `x == y` with the semantics of `PyObject_RichCompareBool` (identity implies equality),
/// as containers and dicts compare: `None` when the answer needs a Python-level `__eq__`.
pub(crate) fn fast_eq(a: &Alloc<'_>, x: ObjRef<'_>, y: ObjRef<'_>) -> Option<bool> {
    if x == y {
        return Some(true);
    }
    fast_richeq(a, x, y)
}

/// `x == y` as the `==` operator computes it for builtin values (`nan == nan` is False
/// even for one object); `None` when the answer needs a Python-level `__eq__`.
pub(crate) fn fast_richeq(a: &Alloc<'_>, x: ObjRef<'_>, y: ObjRef<'_>) -> Option<bool> {
    if !is_builtin(x) || !is_builtin(y) {
        return None;
    }
    value_eq(a, x, y)
}

/// `==` by the objects' builtin layouts, whatever their types: for instances of
/// extension types with a builtin shape (a str subclass…) that inherit the builtin's
/// comparison. `None` when a layout is not a builtin value.
pub(crate) fn value_eq(a: &Alloc<'_>, x: ObjRef<'_>, y: ObjRef<'_>) -> Option<bool> {
    if let (Some(p), Some(q)) = (num(a, x), num(a, y)) {
        return Some(num_eq(p, q));
    }
    // Keys and items views compare as sets, which may run code.
    if is_set_view(a, x) || is_set_view(a, y) {
        return None;
    }
    let k = a.kinds();
    if x.kind() != y.kind() {
        return Some(false);
    }
    let kind = x.kind();
    if kind == k.wrap
        && (type_of(x).raw() == a.b.method_type || type_of(y).raw() == a.b.method_type)
    {
        // Bound methods compare their functions, which may run code (`eq_without_slots`).
        return None;
    }
    if kind == k.str_ {
        return Some(pystr::as_str(x) == pystr::as_str(y));
    }
    if kind == k.bytes {
        return Some(bytes::data(x) == bytes::data(y));
    }
    if kind == k.tuple {
        return seq_eq(a, tuple::len(x), tuple::len(y), |i| {
            (tuple::get(x, i), tuple::get(y, i))
        });
    }
    if kind == k.list {
        return seq_eq(a, list::len(x), list::len(y), |i| {
            (list::get(x, i), list::get(y, i))
        });
    }
    if kind == k.dict {
        // A set never equals a dict (both are dict-kind objects).
        if types::data(type_of(x)).instances != types::data(type_of(y)).instances {
            return Some(false);
        }
        return dict_eq(a, x, y);
    }
    if kind == k.range {
        return Some(range::equal(x, y));
    }
    if kind == k.slice {
        let (p, q) = (slice::parts(x), slice::parts(y));
        return seq_eq(a, 3, 3, |i| (p[i], q[i]));
    }
    // Every other builtin object compares by identity.
    Some(x == y)
}

/// Item-wise equality of two sequences (items compared identity first, as CPython does).
fn seq_eq<'h>(
    a: &Alloc<'_>,
    nx: usize,
    ny: usize,
    item: impl Fn(usize) -> (ObjRef<'h>, ObjRef<'h>),
) -> Option<bool> {
    if nx != ny {
        return Some(false);
    }
    for i in 0..nx {
        let (p, q) = item(i);
        if !fast_eq(a, p, q)? {
            return Some(false);
        }
    }
    Some(true)
}

fn dict_eq(a: &Alloc<'_>, x: ObjRef<'_>, y: ObjRef<'_>) -> Option<bool> {
    if dict::len(x) != dict::len(y) {
        return Some(false);
    }
    let n = dict::len(x);
    for i in 0..n {
        let (kx, hash, vx) = {
            let (k, v) = dict::entries(x).get_index(i).expect("index below len");
            (k.key.get(), k.hash, *v)
        };
        let key = a.heap_obj(kx);
        let mut unknown = false;
        let hit = dict::lookup(y, hash, |other| match fast_eq(a, key, a.heap_obj(other)) {
            Some(b) => b,
            None => {
                unknown = true;
                false
            }
        });
        if unknown {
            return None;
        }
        match hit {
            None => return Some(false),
            Some((_, w)) => {
                if !fast_eq(a, a.heap_obj(vx), a.heap_obj(w))? {
                    return Some(false);
                }
            }
        }
    }
    Some(true)
}

/// `hash(o)` for builtin values: `Some(Err(type name))` when unhashable, `None` when the
/// object is not builtin (or holds one that is not) and its `__hash__` must be asked.
pub(crate) fn fast_hash(a: &Alloc<'_>, o: ObjRef<'_>) -> Option<Result<i64, String>> {
    if !is_builtin(o) {
        return None;
    }
    value_hash(a, o)
}

/// The hash of an object by its builtin layout, whatever its type (see [`value_eq`]).
pub(crate) fn value_hash(a: &Alloc<'_>, o: ObjRef<'_>) -> Option<Result<i64, String>> {
    let k = a.kinds();
    let kind = o.kind();
    Some(Ok(if kind == k.str_ {
        pystr::hash(o)
    } else if kind == k.int {
        int::hash(o)
    } else if kind == k.bool_ {
        o.word(W_DATA) as i64
    } else if kind == k.float {
        let v = float::value(o);
        if v.is_nan() {
            identity_hash(o)
        } else {
            float_hash(v)
        }
    } else if kind == k.complex {
        crate::objects::complex::hash(o)
    } else if kind == k.bytes {
        bytes_hash(bytes::data(o))
    } else if kind == k.tuple {
        let mut lanes = Vec::with_capacity(tuple::len(o));
        for it in tuple::items(o) {
            match fast_hash(a, it)? {
                Ok(h) => lanes.push(h),
                Err(e) => return Some(Err(e)),
            }
        }
        tuple_hash(&lanes)
    } else if kind == k.range {
        return Some(Ok(range_hash(a, o)));
    } else if kind == k.wrap && type_of(o).raw() == a.b.method_type {
        // A bound method hashes its function, which may run code (the protocols' `hash`).
        return None;
    } else if kind == k.dict && types::is_subtype(type_of(o), a.builtin(a.b.frozenset_type)) {
        frozenset_hash(o)
    } else if kind == k.list || kind == k.dict || kind == k.slice || is_set_view(a, o) {
        return Some(Err(types::name(type_of(o)).to_string()));
    } else {
        identity_hash(o)
    }))
}

/// Is `o` a dict's keys or items view (set-like, so unhashable and compared as a set)?
fn is_set_view(a: &Alloc<'_>, o: ObjRef<'_>) -> bool {
    o.kind() == a.kinds().wrap && {
        let t = type_of(o).raw();
        t == a.b.dict_keys_type || t == a.b.dict_items_type
    }
}

/// The hash of a frozenset from its items' hashes (kept with the keys), combined as
/// CPython's `frozenset_hash` does, in any order. CPython also folds in the number of
/// empty and deleted slots of its hash table, which this layout does not have: values
/// can differ from CPython's, equal frozensets still hash equal.
fn frozenset_hash(o: ObjRef<'_>) -> i64 {
    let shuffle = |h: u64| ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167);
    let entries = dict::entries(o);
    let mut h: u64 = 0;
    for (k, _) in entries.iter() {
        h ^= shuffle(k.hash as u64);
    }
    h ^= (entries.len() as u64 + 1).wrapping_mul(1_927_868_237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69_069).wrapping_add(907_133_923);
    if h as i64 == -1 {
        590_923_713
    } else {
        h as i64
    }
}

/// The modulus of CPython's numeric hash: 2**61 - 1.
const HASH_MODULUS: u64 = (1 << 61) - 1;

/// CPython's hash of a finite float, consistent with the hash of ints: for |v| = m * 2**e
/// (m the 53-bit significand) it is m * 2**e reduced modulo 2**61 - 1, signed like v.
/// 2**61 = 1 (mod 2**61 - 1), so the power reduces to 2**(e mod 61).
pub(crate) fn float_hash(v: f64) -> i64 {
    if v.is_infinite() {
        return if v > 0.0 { 314_159 } else { -314_159 };
    }
    if v == 0.0 {
        return 0;
    }
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1 << 52) - 1);
    let (m, e) = if biased == 0 {
        (frac, -1074)
    } else {
        (frac | (1 << 52), biased - 1075)
    };
    let shift = e.rem_euclid(61) as u32;
    let h = (((m as u128) << shift) % HASH_MODULUS as u128) as i64;
    let h = if v < 0.0 { -h } else { h };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// CPython 3.11's tuple hash (xxHash-based) over the items' hashes.
pub(crate) fn tuple_hash(lanes: &[i64]) -> i64 {
    const P1: u64 = 11_400_714_785_074_694_791;
    const P2: u64 = 14_029_467_366_897_019_727;
    const P5: u64 = 2_870_177_450_012_600_261;
    let mut acc = P5;
    for &h in lanes {
        acc = acc.wrapping_add((h as u64).wrapping_mul(P2));
        acc = acc.rotate_left(31);
        acc = acc.wrapping_mul(P1);
    }
    acc = acc.wrapping_add((lanes.len() as u64) ^ (P5 ^ 3_527_539));
    if acc as i64 == -1 {
        1_546_275_796
    } else {
        acc as i64
    }
}

/// CPython's `range.__hash__`: the hash of `(len, start, step)`, with None for the parts
/// that do not matter (both when empty, the step when of length 1).
fn range_hash(a: &Alloc<'_>, r: ObjRef<'_>) -> i64 {
    use num_traits::{One, Zero};
    let n = range::length(r);
    let none = identity_hash(a.none());
    let len_hash = int_hash_big(&n);
    let start = int::hash(range::start(r));
    let lanes = if n.is_zero() {
        [len_hash, none, none]
    } else if n.is_one() {
        [len_hash, start, none]
    } else {
        [len_hash, start, int::hash(range::step(r))]
    };
    tuple_hash(&lanes)
}

/// The hash of an arbitrary integer (as `int.__hash__`).
fn int_hash_big(v: &BigInt) -> i64 {
    use num_integer::Integer;
    use num_traits::{Signed, ToPrimitive};
    let m = BigInt::from(HASH_MODULUS);
    let r = v.abs().mod_floor(&m).to_i64().expect("below the modulus");
    let h = if v.is_negative() { -r } else { r };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// The hash of bytes, and of str through its UTF-8 form (so `hash(b"a") == hash("a")`, as
/// on CPython): FNV-1a, never -1.
pub(crate) fn bytes_hash(data: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    let h = (h >> 1) as i64;
    if h == -1 || h == 0 {
        -2
    } else {
        h
    }
}

/// The hash a str object with this text has.
pub(crate) fn str_hash(s: &str) -> i64 {
    bytes_hash(s.as_bytes())
}

/// The default hash: derived from the identity number, never from the address.
pub(crate) fn identity_hash(o: ObjRef<'_>) -> i64 {
    (identity_of(o) >> 4) as i64
}

/// Identity numbers handed out so far (one runtime per process).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// The object's identity number, assigned on first use and kept with the object (never
/// derived from its address, which changes).
pub(crate) fn identity(_a: &Alloc<'_>, o: ObjRef<'_>) -> u64 {
    identity_of(o)
}

/// Same as [`identity`], for code that has no allocator at hand (reprs).
pub(crate) fn identity_of(o: ObjRef<'_>) -> u64 {
    let w = o.word(crate::objects::W_ID);
    if w != 0 {
        return crate::objects::untag(w);
    }
    let n = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    // Identity numbers look like CPython ids: large, multiples of 16.
    let id = 0x7f00_0000_0000 + n * 16;
    o.set_word(crate::objects::W_ID, crate::objects::tag(id));
    id
}

/// Sets `d[k] = v` for a str key.
pub(crate) fn dict_set_str(a: &Alloc<'_>, d: ObjRef<'_>, k: ObjRef<'_>, v: ObjRef<'_>) {
    let h = pystr::hash(k);
    let ks = pystr::as_str(k);
    dict::insert(a, d, k, h, v, |other| str_key_eq(a, other, ks));
}

/// Replaces the value of str key `key` (whose hash is `h`) if `d` has it (no key object
/// needed); false if `d` has no such key.
pub(crate) fn dict_replace_str_hashed(
    a: &Alloc<'_>,
    d: ObjRef<'_>,
    key: &str,
    h: i64,
    v: ObjRef<'_>,
    slot: &std::cell::Cell<u32>,
) -> bool {
    let m = dict::entries(d);
    let i = slot.get() as usize;
    let hit =
        matches!(m.get_index(i), Some((k, _)) if k.hash == h && str_key_eq(a, k.key.get(), key));
    if hit {
        dict::set_value_at(d, i, v.raw());
        if d.is_immortal() {
            a.heap.remember(d);
        }
        return true;
    }
    match dict::lookup(d, h, |other| str_key_eq(a, other, key)) {
        Some((i, _)) => {
            slot.set(u32::try_from(i).unwrap_or(u32::MAX));
            dict::set_value_at(d, i, v.raw());
            if d.is_immortal() {
                a.heap.remember(d);
            }
            true
        }
        None => false,
    }
}

/// `d[key]` for a str key given as text.
pub(crate) fn dict_get_str<'h>(a: &Alloc<'h>, d: ObjRef<'h>, key: &str) -> Option<ObjRef<'h>> {
    dict_get_str_hashed(a, d, key, str_hash(key))
}

/// A global name's value from its cache, when the globals `g` and builtins `b` have kept
/// the key sets the cache saw (see [`GlobalCache`]); `None`: look it up with
/// [`global_get_filling`].
#[inline]
pub(crate) fn global_get_cached(g: ObjRef<'_>, b: ObjRef<'_>, c: &GlobalCache) -> Option<RawRef> {
    if dict::keys_stamp(g) != c.globals_stamp.get() {
        return None;
    }
    let d = if c.in_globals.get() {
        g
    } else if dict::keys_stamp(b) == c.builtins_stamp.get() {
        b
    } else {
        return None;
    };
    dict::entries(d)
        .get_index(c.index.get() as usize)
        .map(|(_, v)| *v)
}

/// A global name's value looked up in the globals `g`, then the builtins `b`, filling
/// the name's cache with where it was found. `None` when it is in neither.
pub(crate) fn global_get_filling<'h>(
    a: &Alloc<'h>,
    g: ObjRef<'h>,
    b: ObjRef<'h>,
    name: &NameKey,
) -> Option<ObjRef<'h>> {
    let c = &name.global;
    let key: &str = name;
    let fill = |i: usize, in_globals: bool| {
        // An index past u32 (four billion globals) is not cached.
        if let Ok(i) = u32::try_from(i) {
            c.globals_stamp.set(dict::keys_stamp(g));
            c.builtins_stamp.set(dict::keys_stamp(b));
            c.index.set(i);
            c.in_globals.set(in_globals);
        }
    };
    if let Some((i, v)) = dict::lookup(g, name.hash, |other| str_key_eq(a, other, key)) {
        fill(i, true);
        return Some(a.heap_obj(v));
    }
    let (i, v) = dict::lookup(b, name.hash, |other| str_key_eq(a, other, key))?;
    fill(i, false);
    Some(a.heap_obj(v))
}

/// `dict_get_str` with the key's hash already known.
#[inline]
pub(crate) fn dict_get_str_hashed<'h>(
    a: &Alloc<'h>,
    d: ObjRef<'h>,
    key: &str,
    hash: i64,
) -> Option<ObjRef<'h>> {
    dict::lookup(d, hash, |other| str_key_eq(a, other, key)).map(|(_, v)| a.heap_obj(v))
}

fn str_key_eq(a: &Alloc<'_>, other: RawRef, key: &str) -> bool {
    let o = a.heap_obj(other);
    o.kind() == a.kinds().str_ && pystr::as_str(o) == key
}

#[allow(dead_code)]
pub(crate) fn int_value(o: ObjRef<'_>) -> IntValue {
    int::value(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values printed by CPython 3.11 (`hash(x)`).
    #[test]
    fn numeric_hashes_match_cpython() {
        assert_eq!(float_hash(1.5), 1_152_921_504_606_846_977);
        assert_eq!(float_hash(0.5), 1_152_921_504_606_846_976);
        assert_eq!(float_hash(-1.5), -1_152_921_504_606_846_977);
        assert_eq!(float_hash(-0.0), 0);
        assert_eq!(float_hash(1e300), 1_224_995_262_755_759_164);
        assert_eq!(float_hash(1e-300), 482_449_582_752_280_463);
        assert_eq!(float_hash(f64::INFINITY), 314_159);
        assert_eq!(float_hash(2.0), 2);
        assert_eq!(float_hash(-1.0), -2);
        assert_eq!(int_hash_big(&(BigInt::from(1) << 100)), 549_755_813_888);
        assert_eq!(tuple_hash(&[1, 2]), -3_550_055_125_485_641_917);
        assert_eq!(tuple_hash(&[]), 5_740_354_900_026_072_187);
        assert_eq!(tuple_hash(&[5, 0, 1]), 5_795_932_985_296_280_846);
        let inner = tuple_hash(&[2, float_hash(3.5)]);
        assert_eq!(tuple_hash(&[1, inner]), -9_148_893_311_433_065_316);
    }

    #[test]
    fn ints_equal_floats_exactly() {
        let big = BigInt::from(1) << 200;
        assert!(int_eq_float(&big, 2f64.powi(200)));
        assert!(!int_eq_float(&(big + 1), 2f64.powi(200)));
        assert!(num_eq(Num::Small(1 << 62), Num::Float(2f64.powi(62))));
        assert!(!num_eq(
            Num::Small((1 << 62) + 1),
            Num::Float(2f64.powi(62))
        ));
        assert!(!num_eq(Num::Small(1), Num::Float(f64::NAN)));
        assert!(num_eq(Num::Small(0), Num::Float(-0.0)));
    }
}
