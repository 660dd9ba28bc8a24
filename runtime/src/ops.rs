//! Operations on objects that never reach a safepoint: equality and hashing of builtin
//! values, dict access with str keys. (Operations that may call extension code live in
//! [`crate::state`], where they can root what they hold.)

use gc::{ObjRef, RawRef};
use num_bigint::BigInt;

use crate::alloc::Alloc;
use crate::objects::int::IntValue;
use crate::objects::{bytes, dict, float, int, list, str as pystr, tuple, type_of, W_DATA};

/// A numeric view of int, bool and float, for comparisons across the three.
enum Num {
    Int(BigInt),
    Float(f64),
}

fn num(a: &Alloc<'_>, o: ObjRef<'_>) -> Option<Num> {
    let k = a.kinds();
    if o.kind() == k.int {
        Some(Num::Int(int::to_bigint(o)))
    } else if o.kind() == k.bool_ {
        Some(Num::Int(BigInt::from(o.word(W_DATA))))
    } else if o.kind() == k.float {
        Some(Num::Float(float::value(o)))
    } else {
        None
    }
}

/// `x == y` for builtin values; `None` when the answer needs Python-level `__eq__`.
pub(crate) fn fast_eq(a: &Alloc<'_>, x: ObjRef<'_>, y: ObjRef<'_>) -> Option<bool> {
    if x == y {
        return Some(true);
    }
    let k = a.kinds();
    if let (Some(p), Some(q)) = (num(a, x), num(a, y)) {
        use num_traits::ToPrimitive;
        return Some(match (p, q) {
            (Num::Int(p), Num::Int(q)) => p == q,
            (Num::Float(p), Num::Float(q)) => p == q,
            (Num::Int(i), Num::Float(f)) | (Num::Float(f), Num::Int(i)) => {
                f.is_finite() && f.fract() == 0.0 && i.to_f64() == Some(f) && {
                    // Exact: compare as integers.
                    BigInt::from(f as i128) == i || f.abs() >= 1.7e38
                }
            }
        });
    }
    if x.kind() != y.kind() {
        return builtin_kind(a, x).then_some(false);
    }
    if x.kind() == k.str_ {
        return Some(pystr::as_str(x) == pystr::as_str(y));
    }
    if x.kind() == k.bytes {
        return Some(bytes::data(x) == bytes::data(y));
    }
    if x.kind() == k.tuple || x.kind() == k.list {
        let (items_x, items_y): (Vec<ObjRef<'_>>, Vec<ObjRef<'_>>) = if x.kind() == k.tuple {
            (tuple::items(x).collect(), tuple::items(y).collect())
        } else {
            (list::items(x).collect(), list::items(y).collect())
        };
        if items_x.len() != items_y.len() {
            return Some(false);
        }
        for (p, q) in items_x.iter().zip(&items_y) {
            if !fast_eq(a, *p, *q)? {
                return Some(false);
            }
        }
        return Some(true);
    }
    if x.kind() == k.dict {
        if dict::len(x) != dict::len(y) {
            return Some(false);
        }
        for (key, v) in dict::entries(x).iter() {
            // SAFETY: dict entries are kept current by the collector.
            let key_obj = unsafe { a.heap.resolve(key.key.get()) }.expect("dict key");
            let hit = dict::lookup(y, key.hash, |other| {
                // SAFETY: as above.
                let o = unsafe { a.heap.resolve(other) }.expect("dict key");
                fast_eq(a, key_obj, o) == Some(true)
            });
            match hit {
                None => return Some(false),
                Some((_, w)) => {
                    // SAFETY: as above.
                    let (v, w) = unsafe { (a.heap.resolve(*v), a.heap.resolve(w)) };
                    if !fast_eq(a, v.expect("value"), w.expect("value"))? {
                        return Some(false);
                    }
                }
            }
        }
        return Some(true);
    }
    // Other builtin objects compare by identity.
    builtin_kind(a, x).then_some(false)
}

/// Objects whose `__eq__` and `__hash__` are the runtime's own.
fn builtin_kind(a: &Alloc<'_>, o: ObjRef<'_>) -> bool {
    let k = a.kinds();
    let kind = o.kind();
    kind == k.plain
        || kind == k.bool_
        || kind == k.int
        || kind == k.float
        || kind == k.str_
        || kind == k.bytes
        || kind == k.tuple
        || kind == k.list
        || kind == k.dict
        || kind == k.type_
        || kind == k.module
        || kind == k.function
        || kind == k.exception
}

/// `hash(o)` for builtin values; `Err(type name)` when unhashable.
pub(crate) fn hash(a: &Alloc<'_>, o: ObjRef<'_>) -> Result<i64, String> {
    let k = a.kinds();
    let kind = o.kind();
    if kind == k.str_ {
        Ok(pystr::hash(o))
    } else if kind == k.int {
        Ok(int::hash(o))
    } else if kind == k.bool_ {
        Ok(o.word(W_DATA) as i64)
    } else if kind == k.float {
        let v = float::value(o);
        if v.fract() == 0.0 && v.is_finite() {
            let tmp = int::new_big(a, &BigInt::from(v as i128)).map_err(|_| "float")?;
            Ok(int::hash(tmp))
        } else if v.is_nan() {
            Ok(identity(a, o) as i64)
        } else {
            let bits = v.to_bits();
            Ok(((bits ^ (bits >> 31)) >> 2) as i64)
        }
    } else if kind == k.bytes {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes::data(o) {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        Ok(((h >> 1) as i64).max(1))
    } else if kind == k.tuple {
        // CPython's xxHash-based tuple hash.
        let (p1, p2, p5): (u64, u64, u64) = (
            11400714785074694791,
            14029467366897019727,
            2870177450012600261,
        );
        let mut acc = p5;
        for it in tuple::items(o) {
            let h = hash(a, it)? as u64;
            acc = acc.wrapping_add(h.wrapping_mul(p2));
            acc = acc.rotate_left(31);
            acc = acc.wrapping_mul(p1);
        }
        acc = acc.wrapping_add((tuple::len(o) as u64) ^ (p5 ^ 3527539));
        Ok(if acc as i64 == -1 {
            1546275796
        } else {
            acc as i64
        })
    } else if kind == k.list || kind == k.dict {
        Err(crate::objects::types::name(type_of(o)).to_string())
    } else {
        Ok(identity(a, o) as i64)
    }
}

/// The object's identity number, assigned on first use and kept with the object (never
/// derived from its address, which changes).
pub(crate) fn identity(a: &Alloc<'_>, o: ObjRef<'_>) -> u64 {
    let w = o.word(crate::objects::W_ID);
    if w != 0 {
        return crate::objects::untag(w);
    }
    let n = a.b.next_id.get();
    a.b.next_id.set(n + 1);
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

/// `d[key]` for a str key given as text.
pub(crate) fn dict_get_str<'h>(a: &Alloc<'h>, d: ObjRef<'h>, key: &str) -> Option<ObjRef<'h>> {
    let tmp_hash = str_hash(key);
    dict::lookup(d, tmp_hash, |other| str_key_eq(a, other, key))
        // SAFETY: dict values are kept current by the collector.
        .map(|(_, v)| unsafe { a.heap.resolve(v) }.expect("dict value"))
}

fn str_key_eq(a: &Alloc<'_>, other: RawRef, key: &str) -> bool {
    // SAFETY: dict keys are kept current by the collector.
    let o = unsafe { a.heap.resolve(other) }.expect("dict key");
    o.kind() == a.kinds().str_ && pystr::as_str(o) == key
}

/// The hash a str object with this text has.
pub(crate) fn str_hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    let h = (h >> 1) as i64;
    if h == -1 || h == 0 {
        -2
    } else {
        h
    }
}

#[allow(dead_code)]
pub(crate) fn int_value(o: ObjRef<'_>) -> IntValue {
    int::value(o)
}
