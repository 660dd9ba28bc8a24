//! Deterministic JSON documents for the `tinyjson` sample: a [`Value`] tree covering every
//! JSON kind (null, bools, ints small / 64-bit / beyond 64 bits, floats that round-trip,
//! strings with escapes, control characters, non-ASCII and astral text, nested arrays and
//! objects), grown to a requested size. Used by `tests/tinyjson.rs` and the
//! `tinyjson_bench` benchmark, so both measure the same document.

use hpymove_runtime::Value;
use num_bigint::{BigInt, Sign};

/// The big document (at least 10 MB of JSON): its seed and size.
pub const BIG_SEED: u64 = 2;
pub const BIG_SIZE: usize = 10 << 20;
/// `every:N` for the big document: about a hundred collections in a round trip (see
/// `tests/tinyjson.rs`, `big_document_every_n`).
pub const BIG_EVERY_N: u64 = 170_000;

/// xorshift64*: small, fast, and the same sequence on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // The state must not be 0.
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// Plain text, most of every string.
#[rustfmt::skip]
const PLAIN: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'k', 'l', 'm', 'n', 'o', 'p', 'r', 's', 't',
    'u', 'x', 'y', 'z', 'A', 'Q', 'Z', '0', '1', '7', '9', ' ', ' ', '_', '-', '.', ',',
];

/// What JSON escapes (quote, backslash, control characters), what it may escape (`/`), and
/// text of every UTF-8 length, BMP and astral (a surrogate pair in a `\u` escape).
#[rustfmt::skip]
const SPECIAL: &[char] = &[
    '"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\0', '\u{1}', '\u{1f}', '\u{7f}',
    '{', '}', '[', ']', ':', 'é', 'ü', 'ß', 'ñ', '\u{a0}', 'Ω', 'ж', 'א', '中', '文', '✓',
    '\u{2028}', '\u{feff}', '\u{fffd}', '🐍', '😀', '𝄞', '\u{10000}', '\u{10ffff}',
];

pub fn string(rng: &mut Rng) -> String {
    let len = rng.below(14);
    (0..len)
        .map(|_| {
            if rng.below(10) < 8 {
                *rng.pick(PLAIN)
            } else {
                *rng.pick(SPECIAL)
            }
        })
        .collect()
}

/// Ints of every size class; those past 18 digits take tinyjson's big-int path.
pub fn int(rng: &mut Rng) -> BigInt {
    let sign = if rng.below(2) == 0 { 1 } else { -1 };
    match rng.below(5) {
        0 | 1 => BigInt::from(rng.below(2000) as i64 - 1000),
        2 => BigInt::from(rng.next_u64() as i64),
        // Around the 18-digit chunks and the 64-bit limits: 10**k + d, k in 17..40.
        3 => {
            let k = 17 + rng.below(23) as u32;
            sign * (BigInt::from(10).pow(k) + (rng.below(5) as i64 - 2))
        }
        _ => {
            let bytes: Vec<u8> = (0..8 + rng.below(24))
                .map(|_| rng.next_u64() as u8)
                .collect();
            sign * (BigInt::from_bytes_le(Sign::Plus, &bytes) + BigInt::from(u64::MAX))
        }
    }
}

/// Finite floats (every finite double round-trips through repr and back).
pub fn float(rng: &mut Rng) -> f64 {
    match rng.below(6) {
        0 => rng.unit() * 2e6 - 1e6,
        1 => loop {
            // Any bit pattern: subnormals, huge and tiny exponents, both signs.
            let v = f64::from_bits(rng.next_u64());
            if v.is_finite() {
                break v;
            }
        },
        2 => (rng.next_u64() >> 4) as f64 * if rng.below(2) == 0 { 1.0 } else { -1.0 },
        3 => *rng.pick(&[
            0.0,
            -0.0,
            0.1,
            0.5,
            1e16,
            1e-7,
            1e22,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            123.0,
            -2.5e-5,
        ]),
        4 => -rng.unit(),
        _ => (rng.below(2000) as f64 - 1000.0) / 8.0,
    }
}

/// A value; containers only while `depth` < 7.
pub fn value(rng: &mut Rng, depth: u32) -> Value {
    let kinds = if depth < 7 { 11 } else { 7 };
    match rng.below(kinds) {
        0 => Value::None,
        1 => Value::Bool(rng.below(2) == 0),
        2 | 3 => Value::Int(int(rng)),
        4 => Value::Float(float(rng)),
        5 | 6 => Value::Str(string(rng)),
        7 | 8 => Value::List((0..rng.below(6)).map(|_| value(rng, depth + 1)).collect()),
        _ => object(rng, depth, 6),
    }
}

/// An object of up to `max - 1` members with distinct keys (JSON keeps the last of equal
/// keys; the document must equal its round trip).
fn object(rng: &mut Rng, depth: u32, max: u64) -> Value {
    let mut members: Vec<(Value, Value)> = Vec::new();
    for _ in 0..rng.below(max) {
        let key = Value::Str(string(rng));
        if members.iter().all(|(k, _)| *k != key) {
            members.push((key, value(rng, depth + 1)));
        }
    }
    Value::Dict(members)
}

/// About how long `tinyjson.dumps` writes `v` (exact but for float digits).
pub fn text_len(v: &Value) -> usize {
    match v {
        Value::None => 4,
        Value::Bool(b) => 4 + usize::from(!b),
        Value::Int(i) => i.to_string().len(),
        Value::Float(f) => format!("{f:?}").len(),
        Value::Str(s) => {
            2 + s
                .chars()
                .map(|c| match c {
                    '"' | '\\' | '\n' | '\r' | '\t' | '\u{8}' | '\u{c}' => 2,
                    c if (c as u32) < 0x20 => 6,
                    c => c.len_utf8(),
                })
                .sum::<usize>()
        }
        Value::List(items) | Value::Tuple(items) => {
            2 + items.iter().map(text_len).sum::<usize>() + 2 * items.len().saturating_sub(1)
        }
        Value::Dict(members) => {
            2 + members
                .iter()
                .map(|(k, v)| text_len(k) + 2 + text_len(v))
                .sum::<usize>()
                + 2 * members.len().saturating_sub(1)
        }
        Value::Bytes(_) | Value::Other { .. } => 0,
    }
}

/// A document whose text is about `target` bytes: an array of records (objects of up to 12
/// members, nested up to 8 levels), generated from `seed`.
pub fn document(seed: u64, target: usize) -> Value {
    let mut rng = Rng::new(seed);
    let mut records = Vec::new();
    let mut len = 2;
    while len < target {
        let record = object(&mut rng, 0, 13);
        len += text_len(&record) + 2;
        records.push(record);
    }
    Value::List(records)
}

/// How many values (containers included) the document holds.
pub fn count_values(v: &Value) -> usize {
    1 + match v {
        Value::List(items) | Value::Tuple(items) => items.iter().map(count_values).sum(),
        Value::Dict(members) => members
            .iter()
            .map(|(k, v)| count_values(k) + count_values(v))
            .sum(),
        _ => 0,
    }
}
