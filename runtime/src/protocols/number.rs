//! The number protocol with CPython 3.11's semantics and messages: binary operators with
//! reflected dispatch, in-place forms, unary operators, three-argument `pow`, and the
//! conversions `operator.index`, `int(x)` and `float(x)`. Shared by the HPy context
//! (`HPy_Add`…) and the interpreter (`a + b`).
//!
//! Dispatch follows CPython's `binary_op1`: the number slots of the two operands (left
//! first, reflected right second), then — for `+` and `*` only — the sequence slots
//! (concatenation, repetition), then `TypeError`. The builtin numeric types (int, bool,
//! float) accept any mix of one another, so one evaluation stands for "the left slot, then
//! the right's reflected one" between them. Extension types' `nb_*` slots plug in at the
//! points marked below.
//!
//! `convert.rs` holds `int(x)`, `float(x)` and the parsing of numbers in text;
//! `format.rs` holds `str % args` (printf-style formatting).
//!
//! Size: the binary, in-place and unary operators of every builtin number type with CPython's
//! exact mixed int/float results and messages; helpers are shared across operators.

pub(crate) mod complex;
pub(crate) mod convert;
mod format;
mod union_or;

use gc::{ObjRef, RawRef};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Pow, Signed, ToPrimitive, Zero};

use crate::error::{PyResult, Raised};
use crate::objects::alloc::Alloc;
use crate::objects::types::{self, Instances};
use crate::objects::W_TYPE;
use crate::objects::{bytes, exception, float, int, list, str as pystr, tuple, type_of, W_DATA};
use crate::state::State;
use crate::value_stack::Rooted;

pub(crate) use crate::objects::operator::BinOp;

/// The builtin types' own binary slots for an operator (`State::builtin_binary_slots`), which
/// the type's-own-code dispatch tries between a left and a right extension or Python slot.
pub(crate) type BuiltinBinary = fn(&mut State, BinOp, RawRef, RawRef) -> PyResult<Option<RawRef>>;

/// A unary operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnaryOp {
    Neg,
    Pos,
    Invert,
    Abs,
}

/// An operand as the builtin numeric slots see it (bool is an int).
#[derive(Clone, Debug)]
pub(crate) enum Num {
    Int(BigInt),
    Float(f64),
}

/// The result of a builtin numeric operation, before it becomes an object.
#[derive(Debug)]
enum Out {
    Int(BigInt),
    Float(f64),
    /// A negative float to a fractional power.
    Complex(f64, f64),
    Bool(bool),
    /// `divmod`'s pair.
    Pair(Box<Out>, Box<Out>),
}

/// CPython's default limit on decimal conversions of ints
/// (`sys.int_info.default_max_str_digits`); `State::int_max_str_digits` is the one in force.
pub(crate) const INT_MAX_STR_DIGITS: usize = 4300;
/// The smallest limit `sys.set_int_max_str_digits` accepts, 0 (no limit) apart
/// (`sys.int_info.str_digits_check_threshold`).
pub(crate) const INT_STR_DIGITS_CHECK_THRESHOLD: usize = 640;

/// The sequences with builtin concatenation and repetition.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    Str,
    Bytes,
    Tuple,
    List,
}

fn instances(o: ObjRef<'_>) -> Instances {
    types::data(type_of(o)).instances
}

/// `2**e` for `-1022 <= e <= 1023`, exactly.
fn pow2(e: i64) -> f64 {
    debug_assert!((-1022..=1023).contains(&e));
    f64::from_bits(((e + 1023) as u64) << 52)
}

/// `x * 2**e`, exact whenever the result is representable (every step scales by a
/// normal power of two).
fn ldexp(mut x: f64, mut e: i64) -> f64 {
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
        if x.is_infinite() {
            return x;
        }
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
        if x == 0.0 {
            return x;
        }
    }
    x * pow2(e)
}

/// Is `v` an odd integer (as a double)?
fn is_odd_integer(v: f64) -> bool {
    v.is_finite() && v.fract() == 0.0 && (v % 2.0).abs() == 1.0
}

/// Python's `divmod` of two doubles (`b != 0`): the floored quotient and the remainder
/// with the sign of the divisor, as exact as IEEE allows.
fn float_divmod(a: f64, b: f64) -> (f64, f64) {
    let mut m = a % b;
    let mut div = (a - m) / b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m += b;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(b);
    }
    let q = if div != 0.0 {
        let f = div.floor();
        // `div` is within rounding of an integer: snap to the nearest one.
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(a / b)
    };
    (q, m)
}

/// Python's `a % b` of two doubles (`b != 0`).
fn float_mod(a: f64, b: f64) -> f64 {
    let m = a % b;
    if m != 0.0 {
        if (b < 0.0) != (m < 0.0) {
            m + b
        } else {
            m
        }
    } else {
        0.0f64.copysign(b)
    }
}

/// `a / b` for ints, correctly rounded (as CPython: no double rounding, no spurious
/// overflow for huge operands whose quotient fits). `b != 0`. `None` on overflow.
fn int_true_div(a: &BigInt, b: &BigInt) -> Option<f64> {
    // Both exactly representable: one IEEE division rounds correctly.
    if a.bits() <= 53 && b.bits() <= 53 {
        return Some(a.to_f64()? / b.to_f64()?);
    }
    let negative = a.is_negative() != b.is_negative();
    let signed = |v: f64| if negative { -v } else { v };
    let (x, y) = (a.magnitude(), b.magnitude());
    if x.is_zero() {
        return Some(signed(0.0));
    }
    // The quotient lies in (2**(e-1), 2**(e+1)).
    let e = x.bits() as i64 - y.bits() as i64;
    if e > 1025 {
        return None;
    }
    if e < -1080 {
        return Some(signed(0.0));
    }
    // Scale so the quotient has at least 55 bits, or its unit is a quarter of the smallest
    // subnormal: at least two bits below the final unit, plus a sticky bit for the rest.
    let t = (e - 55).max(-1076);
    let (n, d) = if t < 0 {
        (x << (-t) as usize, y.clone())
    } else {
        (x.clone(), y << t as usize)
    };
    let (q, r) = n.div_rem(&d);
    let mut q = q.to_u64().expect("at most 57 bits");
    if !r.is_zero() {
        q |= 1;
    }
    // The final unit: 53 significant bits, or the subnormal unit 2**-1074.
    let top = 63 - q.leading_zeros() as i64 + t;
    let unit = (top - 52).max(-1074);
    let drop = (unit - t) as u32;
    let mut mant = q >> drop;
    let rest = q & ((1u64 << drop) - 1);
    let half = 1u64 << (drop - 1);
    if rest > half || (rest == half && mant & 1 == 1) {
        mant += 1;
    }
    let v = ldexp(mant as f64, unit);
    if v.is_infinite() {
        return None;
    }
    Some(signed(v))
}

impl State {
    // ------------------------------------------------------------------ operands

    /// The operand as the builtin numeric types see it: int, bool, float (and their
    /// subclasses); `None` for anything else.
    pub(crate) fn num_of(&self, r: RawRef) -> Option<Num> {
        let o = self.obj(r);
        if o.kind() == self.b.kinds.bool_ {
            return Some(Num::Int(BigInt::from(o.word(W_DATA))));
        }
        match instances(o) {
            Instances::Int => Some(Num::Int(int::to_bigint(o))),
            Instances::Float => Some(Num::Float(float::value(o))),
            _ => None,
        }
    }

    fn is_bool(&self, r: RawRef) -> bool {
        self.obj(r).kind() == self.b.kinds.bool_
    }

    /// The integer value of an int or bool (`nb_index` of the builtin types).
    fn int_of(&self, r: RawRef) -> Option<BigInt> {
        match self.num_of(r)? {
            Num::Int(v) => Some(v),
            Num::Float(_) => None,
        }
    }

    fn seq_of(&self, r: RawRef) -> Option<Seq> {
        match instances(self.obj(r)) {
            Instances::Str => Some(Seq::Str),
            Instances::Bytes => Some(Seq::Bytes),
            Instances::Tuple => Some(Seq::Tuple),
            Instances::List => Some(Seq::List),
            _ => None,
        }
    }

    /// An int as a double, as `int.__float__` converts it.
    pub(crate) fn int_to_f64(&mut self, v: &BigInt) -> PyResult<f64> {
        match v.to_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(self.raise("OverflowError", "int too large to convert to float".into())),
        }
    }

    fn num_to_f64(&mut self, n: &Num) -> PyResult<f64> {
        match n {
            Num::Int(v) => self.int_to_f64(v),
            Num::Float(f) => Ok(*f),
        }
    }

    /// Raises `ty()` with no arguments (CPython's bare `MemoryError`).
    fn raise_bare(&mut self, ty: &str) -> Raised {
        let t = self.b.exc(ty);
        let e = tuple::new_empty(&self.alloc(), 0)
            .and_then(|args| exception::new(&self.alloc(), t, args).map(|e| e.raw()));
        match e {
            Ok(e) => self.roots.exc = e,
            Err(_) => self.settle(),
        }
        Raised
    }

    /// The largest object the heap could ever hold, in bytes: results that would be larger
    /// raise MemoryError before any Rust buffer for them is made.
    fn max_object_bytes(&self) -> u64 {
        self.heap.config().cap as u64
    }

    /// A new object for a result.
    fn make(&self, out: &Out) -> PyResult<RawRef> {
        fn build<'h>(a: &Alloc<'h>, out: &Out) -> PyResult<ObjRef<'h>> {
            Ok(match out {
                Out::Int(v) => int::new_big(a, v)?,
                Out::Float(f) => float::new(a, *f)?,
                Out::Complex(re, im) => crate::objects::complex::new(a, *re, *im)?,
                Out::Bool(b) => a.builtin(if *b { a.b.true_ } else { a.b.false_ }),
                Out::Pair(x, y) => {
                    // Allocation never collects: the parts stay valid until the tuple
                    // holds them.
                    let (x, y) = (build(a, x)?, build(a, y)?);
                    tuple::new(a, &[x, y])?
                }
            })
        }
        Ok(build(&self.alloc(), out)?.raw())
    }

    fn new_int(&mut self, v: &BigInt) -> PyResult<RawRef> {
        Ok(int::new_big(&self.alloc(), v)?.raw())
    }

    fn new_float(&mut self, v: f64) -> PyResult<RawRef> {
        Ok(float::new(&self.alloc(), v)?.raw())
    }

    fn is_exact(&self, r: RawRef, ty: RawRef) -> bool {
        type_of(self.obj(r)).raw() == ty
    }

    // ------------------------------------------------------------------ binary

    /// `a op b` for operands held as addresses: two exact ints directly, anything else
    /// rooted for the call.
    pub(crate) fn binary_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<RawRef> {
        if let Some(r) = self.exact_int_op(op, a, b)? {
            return Ok(r);
        }
        self.rooting2(a, b, |st, a, b| st.binary_op_at(op, a, b))
    }

    /// `a op b`
    pub(crate) fn binary_op_at(&mut self, op: BinOp, a: Rooted, b: Rooted) -> PyResult<RawRef> {
        if let Some(r) = self.exact_int_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        // Each step may run code, which may collect: the operands are read from their
        // slots for each (the slots are roots; the arrays the slots fill are not).
        if let Some(r) = self.binary_slots(op, &mut [a.get(self), b.get(self)])? {
            return Ok(r);
        }
        if let Some(r) = self.up_ext_sequence_op(op, &mut [a.get(self), b.get(self)], false)? {
            return Ok(r);
        }
        if let Some(r) = self.sequence_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.set_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.view_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if op == BinOp::Or {
            if let Some(r) = self.or_of_types_or_dicts(a, b)? {
                return Ok(r);
            }
        }
        Err(self.unsupported(op.symbol(), a.get(self), b.get(self)))
    }

    /// `a op= b` for operands held as addresses: rooted for the call.
    pub(crate) fn inplace_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<RawRef> {
        if let Some(r) = self.exact_int_op(op, a, b)? {
            return Ok(r);
        }
        self.rooting2(a, b, |st, a, b| st.inplace_op_at(op, a, b))
    }

    /// `a op= b`: the left operand's in-place slot where it has one (list `+=` extends and
    /// `*=` repeats in place, returning the list), else `a op b`.
    pub(crate) fn inplace_op_at(&mut self, op: BinOp, a: Rooted, b: Rooted) -> PyResult<RawRef> {
        if let Some(r) = self.exact_int_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.up_ext_inplace(op, &mut [a.get(self), b.get(self)])? {
            return Ok(r);
        }
        if let Some(r) = self.binary_slots(op, &mut [a.get(self), b.get(self)])? {
            return Ok(r);
        }
        if let Some(r) = self.up_ext_sequence_op(op, &mut [a.get(self), b.get(self)], true)? {
            return Ok(r);
        }
        if self.seq_of(a.get(self)) == Some(Seq::List) && matches!(op, BinOp::Add | BinOp::Mul) {
            // Extending may iterate extension code, repeating may call `__index__`: the
            // list is returned from its slot.
            if op == BinOp::Add {
                self.list_extend(a.get(self), b.get(self))?;
            } else {
                self.list_repeat_inplace(a.get(self), b.get(self))?;
            }
            return Ok(a.get(self));
        }
        // dict's own `|=` (an update) before the set-like operators of its views.
        if op == BinOp::Or {
            if let Some(r) = self.dict_ior(a, b)? {
                return Ok(r);
            }
        }
        if let Some(r) = self.sequence_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.set_inplace(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.set_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.view_op(op, a.get(self), b.get(self))? {
            return Ok(r);
        }
        if op == BinOp::Or {
            if let Some(r) = self.or_of_types_or_dicts(a, b)? {
                return Ok(r);
            }
        }
        Err(self.unsupported(op.inplace_symbol(), a.get(self), b.get(self)))
    }

    fn unsupported(&mut self, sym: &str, a: RawRef, b: RawRef) -> Raised {
        let (ta, tb) = (self.type_name(a), self.type_name(b));
        self.raise(
            "TypeError",
            format!("unsupported operand type(s) for {sym}: '{ta}' and '{tb}'"),
        )
    }

    /// CPython's `binary_op1`: the number slots of both operands. `Ok(None)` when every
    /// slot answered NotImplemented.
    fn binary_slots(&mut self, op: BinOp, ops: &mut [RawRef; 2]) -> PyResult<Option<RawRef>> {
        // Extension types' `nb_*` slots: the left type's slot, then the right type's
        // reflected one (the right first when its type is a proper subtype of the left's
        // and overrides the slot), each answer NotImplemented falling through; the builtin
        // types' slots stand in for an operand without an extension slot.
        if let Some(r) = self.up_ext_binary(op, ops, State::builtin_binary_slots)? {
            return Ok(r);
        }
        self.builtin_binary_slots(op, ops[0], ops[1])
    }

    /// The builtin types' number slots (`Ok(None)`: NotImplemented).
    pub(crate) fn builtin_binary_slots(
        &mut self,
        op: BinOp,
        a: RawRef,
        b: RawRef,
    ) -> PyResult<Option<RawRef>> {
        if let Some(r) = self.small_int_op(op, a, b)? {
            return Ok(Some(r));
        }
        if let Some(r) = self.complex_binary(op, a, b) {
            return r;
        }
        if let (Some(x), Some(y)) = (self.num_of(a), self.num_of(b)) {
            let both_bool = self.is_bool(a) && self.is_bool(b);
            return match self.numeric(op, x, y, both_bool)? {
                Some(out) => self.make(&out).map(Some),
                None => Ok(None),
            };
        }
        // str's and bytes' `nb_remainder`: printf-style formatting.
        if op == BinOp::Mod {
            match self.seq_of(a) {
                Some(Seq::Str) => return self.str_percent(a, b).map(Some),
                Some(Seq::Bytes) => return self.bytes_percent(a, b).map(Some),
                _ => {}
            }
        }
        Ok(None)
    }

    /// Two objects of exactly `int` (no subclass, so no Python method or extension slot
    /// can answer first): machine-sized arithmetic before any dispatch.
    #[inline]
    fn exact_int_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<Option<RawRef>> {
        let (Some(x), Some(y)) = (self.exact_small_int(a), self.exact_small_int(b)) else {
            return Ok(None);
        };
        self.small_int_value_op(op, x, y)
    }

    /// `a op y` for an int constant `y` whose object is not made: when `a` is exactly
    /// `int` and machine-sized, the result depends on the constant's value only (no method
    /// or slot can see the object). `Ok(None)`: the caller makes the constant and takes
    /// the general path.
    #[inline(always)]
    pub(crate) fn exact_int_op_const(
        &mut self,
        op: BinOp,
        a: RawRef,
        y: i64,
    ) -> PyResult<Option<RawRef>> {
        let Some(x) = self.exact_small_int(a) else {
            return Ok(None);
        };
        self.small_int_value_op(op, x, y)
    }

    /// The value of an object of exactly `int` that is machine-sized; `None` otherwise.
    #[inline(always)]
    fn exact_small_int(&self, r: RawRef) -> Option<i64> {
        let o = self.obj(r);
        if o.word(W_TYPE) != self.b.int_type.addr() as u64 {
            return None;
        }
        // Exactly `int`: the int layout, so its words are read at once.
        int::small_exact(o)
    }

    #[inline(always)]
    fn small_int_value_op(&mut self, op: BinOp, x: i64, y: i64) -> PyResult<Option<RawRef>> {
        match small_int_result(op, x, y) {
            Some(v) => Ok(Some(int::new_i64(&self.alloc(), v)?.raw())),
            None => Ok(None),
        }
    }

    /// The interpreter's common case without big-int arithmetic: two machine-sized ints
    /// (not bools) and an operation whose result fits. `Ok(None)` otherwise, for the
    /// general path to decide (including every error).
    #[inline]
    fn small_int_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<Option<RawRef>> {
        let (oa, ob) = (self.obj(a), self.obj(b));
        let k = self.b.kinds.int;
        if oa.kind() != k || ob.kind() != k {
            return Ok(None);
        }
        let (Some(x), Some(y)) = (int::small(oa), int::small(ob)) else {
            return Ok(None);
        };
        match small_int_result(op, x, y) {
            Some(v) => Ok(Some(int::new_i64(&self.alloc(), v)?.raw())),
            None => Ok(None),
        }
    }

    /// The builtin numeric types' slots. `Ok(None)` is NotImplemented.
    fn numeric(&mut self, op: BinOp, x: Num, y: Num, both_bool: bool) -> PyResult<Option<Out>> {
        match (x, y) {
            (Num::Int(a), Num::Int(b)) => self.int_binary(op, a, b, both_bool),
            (x, y) => {
                if matches!(
                    op,
                    BinOp::MatMul
                        | BinOp::LShift
                        | BinOp::RShift
                        | BinOp::And
                        | BinOp::Or
                        | BinOp::Xor
                ) {
                    return Ok(None);
                }
                let a = self.num_to_f64(&x)?;
                let b = self.num_to_f64(&y)?;
                self.float_binary(op, a, b).map(Some)
            }
        }
    }

    fn zero_division(&mut self, msg: &str) -> Raised {
        self.raise("ZeroDivisionError", msg.to_string())
    }

    fn int_binary(
        &mut self,
        op: BinOp,
        a: BigInt,
        b: BigInt,
        both_bool: bool,
    ) -> PyResult<Option<Out>> {
        Ok(Some(match op {
            BinOp::Add => Out::Int(a + b),
            BinOp::Sub => Out::Int(a - b),
            BinOp::Mul => Out::Int(a * b),
            BinOp::TrueDiv => {
                if b.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                match int_true_div(&a, &b) {
                    Some(f) => Out::Float(f),
                    None => {
                        return Err(self.raise(
                            "OverflowError",
                            "integer division result too large for a float".into(),
                        ))
                    }
                }
            }
            BinOp::FloorDiv => {
                if b.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                Out::Int(a.div_floor(&b))
            }
            BinOp::Mod => {
                if b.is_zero() {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                Out::Int(a.mod_floor(&b))
            }
            BinOp::DivMod => {
                if b.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                let (q, r) = a.div_mod_floor(&b);
                Out::Pair(Box::new(Out::Int(q)), Box::new(Out::Int(r)))
            }
            BinOp::Pow => self.int_pow(a, b)?,
            BinOp::LShift => Out::Int(self.lshift(a, b)?),
            BinOp::RShift => {
                if b.is_negative() {
                    return Err(self.raise("ValueError", "negative shift count".into()));
                }
                match b.to_u64() {
                    Some(n) if n < a.bits() => Out::Int(a >> n),
                    // Every bit shifted out: the sign is what remains.
                    _ => Out::Int(if a.is_negative() {
                        BigInt::from(-1)
                    } else {
                        BigInt::zero()
                    }),
                }
            }
            BinOp::And if both_bool => Out::Bool(!(a & b).is_zero()),
            BinOp::Or if both_bool => Out::Bool(!(a | b).is_zero()),
            BinOp::Xor if both_bool => Out::Bool(!(a ^ b).is_zero()),
            BinOp::And => Out::Int(a & b),
            BinOp::Or => Out::Int(a | b),
            BinOp::Xor => Out::Int(a ^ b),
            BinOp::MatMul => return Ok(None),
        }))
    }

    /// `a << b` for ints.
    fn lshift(&mut self, a: BigInt, b: BigInt) -> PyResult<BigInt> {
        if b.is_negative() {
            return Err(self.raise("ValueError", "negative shift count".into()));
        }
        if a.is_zero() {
            return Ok(a);
        }
        // CPython fails to allocate such results: a bare MemoryError.
        match b.to_u64() {
            Some(n) if (a.bits() + n) / 8 <= self.max_object_bytes() => Ok(a << n),
            _ => Err(self.raise_bare("MemoryError")),
        }
    }

    /// `a ** b` for ints: an int for `b >= 0`, else the float power.
    fn int_pow(&mut self, a: BigInt, b: BigInt) -> PyResult<Out> {
        if b.is_negative() {
            let x = self.int_to_f64(&a)?;
            let y = self.int_to_f64(&b)?;
            return self.float_pow(x, y).map(Out::Float);
        }
        // 0, 1 and -1 stay small whatever the exponent.
        if a.is_zero() || a.is_one() {
            return Ok(Out::Int(if b.is_zero() { BigInt::one() } else { a }));
        }
        if a == BigInt::from(-1) {
            return Ok(Out::Int(if b.is_even() { BigInt::one() } else { a }));
        }
        match b.to_u64() {
            Some(n) if (a.bits() - 1).saturating_mul(n) / 8 <= self.max_object_bytes() => {
                Ok(Out::Int(Pow::pow(&a, n)))
            }
            _ => Err(self.raise_bare("MemoryError")),
        }
    }

    fn float_binary(&mut self, op: BinOp, a: f64, b: f64) -> PyResult<Out> {
        if op == BinOp::Pow && a < 0.0 && a.is_finite() && b.is_finite() && b.fract() != 0.0 {
            // float's power hands this case to complex's, as CPython's does.
            let (re, im) = self.complex_pow((a, 0.0), (b, 0.0))?;
            return Ok(Out::Complex(re, im));
        }
        Ok(Out::Float(match op {
            BinOp::Add => a + b,
            BinOp::Sub => a - b,
            BinOp::Mul => a * b,
            BinOp::TrueDiv => {
                if b == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                a / b
            }
            BinOp::FloorDiv => {
                if b == 0.0 {
                    return Err(self.zero_division("float floor division by zero"));
                }
                float_divmod(a, b).0
            }
            BinOp::Mod => {
                if b == 0.0 {
                    return Err(self.zero_division("float modulo"));
                }
                float_mod(a, b)
            }
            BinOp::DivMod => {
                if b == 0.0 {
                    return Err(self.zero_division("float divmod()"));
                }
                let (q, m) = float_divmod(a, b);
                return Ok(Out::Pair(Box::new(Out::Float(q)), Box::new(Out::Float(m))));
            }
            BinOp::Pow => self.float_pow(a, b)?,
            _ => unreachable!("float has no {op:?}"),
        }))
    }

    /// `a ** b` for doubles, with C99 `pow`'s special cases as Python applies them.
    fn float_pow(&mut self, a: f64, b: f64) -> PyResult<f64> {
        if b == 0.0 {
            return Ok(1.0);
        }
        if a.is_nan() {
            return Ok(a);
        }
        if b.is_nan() {
            return Ok(if a == 1.0 { 1.0 } else { b });
        }
        if b.is_infinite() {
            let m = a.abs();
            return Ok(if m == 1.0 {
                1.0
            } else if (b > 0.0) == (m > 1.0) {
                f64::INFINITY
            } else {
                0.0
            });
        }
        let odd = is_odd_integer(b);
        if a.is_infinite() {
            return Ok(if b > 0.0 {
                if odd {
                    a
                } else {
                    a.abs()
                }
            } else if odd {
                0.0f64.copysign(a)
            } else {
                0.0
            });
        }
        if a == 0.0 {
            if b < 0.0 {
                return Err(self.zero_division("0.0 cannot be raised to a negative power"));
            }
            return Ok(if odd { a } else { 0.0 });
        }
        let mut base = a;
        let mut negate = false;
        if a < 0.0 {
            if b.fract() != 0.0 {
                // `float_binary` gives this case to complex's power before coming here.
                return Err(self.raise(
                    "ValueError",
                    "negative number cannot be raised to a fractional power".into(),
                ));
            }
            base = -a;
            negate = odd;
        }
        if base == 1.0 {
            return Ok(if negate { -1.0 } else { 1.0 });
        }
        let r = base.powf(b);
        if r.is_infinite() {
            // C's pow sets ERANGE; Python reports the errno pair.
            return Err(self.raise_errno_overflow());
        }
        Ok(if negate { -r } else { r })
    }

    /// `OverflowError(34, 'Numerical result out of range')`, as CPython raises it from a
    /// C math function that set `ERANGE`.
    fn raise_errno_overflow(&mut self) -> Raised {
        let t = self.b.exc("OverflowError");
        let a = self.alloc();
        let e = int::new_i64(&a, libc::ERANGE as i64)
            .and_then(|n| {
                let m = pystr::new(&a, "Numerical result out of range")?;
                tuple::new(&a, &[n, m])
            })
            .and_then(|args| exception::new(&a, t, args))
            .map(|e| e.raw());
        match e {
            Ok(e) => self.roots.exc = e,
            Err(_) => self.settle(),
        }
        Raised
    }

    /// `pow(a, b, m)`; `m` None is `a ** b`.
    pub(crate) fn pow3(&mut self, a: RawRef, b: RawRef, m: RawRef) -> PyResult<RawRef> {
        self.pow3_named(a, b, m, "** or pow()")
    }

    /// `a **= b` with a modulus (`HPy_InPlacePower`): as `pow3`, named `**=` in messages.
    pub(crate) fn inplace_pow3(&mut self, a: RawRef, b: RawRef, m: RawRef) -> PyResult<RawRef> {
        if m == self.b.none {
            return self.inplace_op(BinOp::Pow, a, b);
        }
        let mut ops = [a, b, m];
        if let Some(r) = self.up_ext_inplace_pow3(&mut ops)? {
            return Ok(r);
        }
        let [a, b, m] = ops;
        self.pow3_named(a, b, m, "**=")
    }

    fn pow3_named(&mut self, a: RawRef, b: RawRef, m: RawRef, sym: &str) -> PyResult<RawRef> {
        if m == self.b.none {
            return self.binary_op(BinOp::Pow, a, b);
        }
        let mut ops = [a, b, m];
        if let Some(r) = self.up_ext_pow3(&mut ops)? {
            return Ok(r);
        }
        let [a, b, m] = ops;
        if let (Some(x), Some(y), Some(z)) = (self.int_of(a), self.int_of(b), self.int_of(m)) {
            let r = self.int_modpow(x, y, z)?;
            return self.new_int(&r);
        }
        // The operands' slots in order: float's refuses any modulus, complex's too
        // (with its own error); int's declines a non-int.
        for r in [a, b, m] {
            if matches!(self.num_of(r), Some(Num::Float(_))) {
                return Err(self.raise(
                    "TypeError",
                    "pow() 3rd argument not allowed unless all arguments are integers".into(),
                ));
            }
            if self.complex_of(r).is_some() {
                return Err(self.raise("ValueError", "complex modulo".into()));
            }
        }
        let (ta, tb, tm) = (self.type_name(a), self.type_name(b), self.type_name(m));
        Err(self.raise(
            "TypeError",
            format!("unsupported operand type(s) for {sym}: '{ta}', '{tb}', '{tm}'"),
        ))
    }

    /// `pow(a, b, m)` for ints: the result has the sign of `m`; a negative `b` uses the
    /// inverse of `a` modulo `m`.
    fn int_modpow(&mut self, a: BigInt, b: BigInt, m: BigInt) -> PyResult<BigInt> {
        if m.is_zero() {
            return Err(self.raise("ValueError", "pow() 3rd argument cannot be 0".into()));
        }
        let (base, exp) = if b.is_negative() {
            let modulus = m.abs();
            let ext = a.mod_floor(&modulus).extended_gcd(&modulus);
            if !ext.gcd.is_one() {
                return Err(self.raise(
                    "ValueError",
                    "base is not invertible for the given modulus".into(),
                ));
            }
            (ext.x, -b)
        } else {
            (a, b)
        };
        Ok(base.modpow(&exp, &m))
    }

    // ------------------------------------------------------------------ sequences

    /// Concatenation (`+`) and repetition (`*`) of the builtin sequences, after the number
    /// slots declined. `Ok(None)` when neither operand is such a sequence.
    pub(crate) fn sequence_op(
        &mut self,
        op: BinOp,
        a: RawRef,
        b: RawRef,
    ) -> PyResult<Option<RawRef>> {
        match op {
            BinOp::Add => match self.seq_of(a) {
                Some(s) => self.concat(s, a, b).map(Some),
                None => Ok(None),
            },
            BinOp::Mul => {
                if let Some(s) = self.seq_of(a) {
                    self.repeat(s, a, b).map(Some)
                } else if let Some(s) = self.seq_of(b) {
                    self.repeat(s, b, a).map(Some)
                } else {
                    Ok(None)
                }
            }
            _ => Ok(None),
        }
    }

    fn concat(&mut self, s: Seq, a: RawRef, b: RawRef) -> PyResult<RawRef> {
        if self.seq_of(b) != Some(s) {
            let tb = self.type_name(b);
            let msg = match s {
                Seq::Str => format!("can only concatenate str (not \"{tb}\") to str"),
                Seq::Bytes => format!("can't concat {tb} to bytes"),
                Seq::Tuple => format!("can only concatenate tuple (not \"{tb}\") to tuple"),
                Seq::List => format!("can only concatenate list (not \"{tb}\") to list"),
            };
            return Err(self.raise("TypeError", msg));
        }
        let al = self.alloc();
        let (x, y) = (self.obj(a), self.obj(b));
        Ok(match s {
            Seq::Str => {
                let (p, q) = (pystr::as_str(x), pystr::as_str(y));
                let mut t = String::with_capacity(p.len() + q.len());
                t.push_str(p);
                t.push_str(q);
                pystr::new(&al, &t)?
            }
            Seq::Bytes => bytes::new(&al, &[bytes::data(x), bytes::data(y)].concat())?,
            Seq::Tuple => {
                let items: Vec<ObjRef<'_>> = tuple::items(x).chain(tuple::items(y)).collect();
                tuple::new(&al, &items)?
            }
            Seq::List => {
                let items: Vec<ObjRef<'_>> = list::items(x).chain(list::items(y)).collect();
                list::new(&al, &items)?
            }
        }
        .raw())
    }

    /// The repetition count of `seq * n`: an index, clamped at 0.
    fn repeat_count(&mut self, n: RawRef) -> PyResult<usize> {
        let n = if self.ext_slot(n, hpy_abi::HPy_nb_index).is_some() {
            self.index(n)?
        } else {
            n
        };
        let Some(v) = self.int_of(n) else {
            let t = self.type_name(n);
            return Err(self.raise(
                "TypeError",
                format!("can't multiply sequence by non-int of type '{t}'"),
            ));
        };
        match v.to_isize() {
            Some(k) => Ok(k.max(0) as usize),
            None => {
                let t = self.type_name(n);
                Err(self.raise(
                    "OverflowError",
                    format!("cannot fit '{t}' into an index-sized integer"),
                ))
            }
        }
    }

    /// The size of a repetition, in items and bytes; too large raises as CPython does.
    fn repeat_size(&mut self, s: Seq, len: usize, item_bytes: usize, n: usize) -> PyResult<usize> {
        let total = len.checked_mul(n).filter(|t| *t <= isize::MAX as usize);
        let Some(total) = total else {
            return Err(match s {
                Seq::Str => self.raise("OverflowError", "repeated string is too long".into()),
                Seq::Bytes => self.raise("OverflowError", "repeated bytes are too long".into()),
                Seq::Tuple | Seq::List => self.raise_bare("MemoryError"),
            });
        };
        if (total as u64).saturating_mul(item_bytes as u64) > self.max_object_bytes() {
            return Err(self.raise_bare("MemoryError"));
        }
        Ok(total)
    }

    fn repeat(&mut self, s: Seq, seq: RawRef, n: RawRef) -> PyResult<RawRef> {
        let n = self.repeat_count(n)?;
        let o = self.obj(seq);
        let (len, item_bytes) = match s {
            Seq::Str => (pystr::as_str(o).len(), 1),
            Seq::Bytes => (bytes::data(o).len(), 1),
            Seq::Tuple => (tuple::len(o), 8),
            Seq::List => (list::len(o), 8),
        };
        let total = self.repeat_size(s, len, item_bytes, n)?;
        let al = self.alloc();
        let o = self.obj(seq);
        Ok(match s {
            Seq::Str => pystr::new(&al, &pystr::as_str(o).repeat(n))?,
            Seq::Bytes => bytes::new(&al, &bytes::data(o).repeat(n))?,
            Seq::Tuple => {
                let t = tuple::new_empty(&al, total)?;
                for i in 0..total {
                    tuple::set(&al, t, i, tuple::get(o, i % len));
                }
                t
            }
            Seq::List => {
                let items: Vec<ObjRef<'_>> = (0..total).map(|i| list::get(o, i % len)).collect();
                list::new(&al, &items)?
            }
        }
        .raw())
    }

    /// `l += other` when no operand's slot answers, and `list.extend(other)` always.
    pub(crate) fn list_extend(&mut self, l: RawRef, other: RawRef) -> PyResult<()> {
        let al = self.alloc();
        let (lo, o) = (self.obj(l), self.obj(other));
        // The items are read before any is appended, so `l += l` doubles `l`.
        let items: Vec<ObjRef<'_>> = match instances(o) {
            Instances::List => list::items(o).collect(),
            Instances::Tuple => tuple::items(o).collect(),
            Instances::Str => {
                let mut v = Vec::new();
                let mut buf = [0u8; 4];
                for c in pystr::as_str(o).chars() {
                    v.push(pystr::new(&al, c.encode_utf8(&mut buf))?);
                }
                v
            }
            Instances::Bytes => {
                let mut v = Vec::new();
                for b in bytes::data(o) {
                    v.push(int::new_i64(&al, *b as i64)?);
                }
                v
            }
            Instances::Dict => crate::objects::dict::entries(o)
                .iter()
                .map(|(k, _)| al.heap_obj(k.key.get()))
                .collect(),
            _ => return self.list_extend_iter(l, other),
        };
        for it in items {
            list::append(&al, lo, it)?;
        }
        Ok(())
    }

    /// `list.extend` with any iterable: `next` may reach a safepoint, so the list, the
    /// iterator and each item are held through handles.
    fn list_extend_iter(&mut self, l: RawRef, other: RawRef) -> PyResult<()> {
        // The list is held before `iter` runs any `__iter__` (which may collect).
        let hl = self.roots.handles.open(l);
        let it = match self.iter(other) {
            Ok(it) => it,
            Err(e) => {
                let _ = self.roots.handles.close(hl);
                return Err(e);
            }
        };
        let hit = self.roots.handles.open(it);
        let r = (|| loop {
            let it = self.roots.handles.get(hit).expect("open");
            match self.next(it)? {
                None => return Ok(()),
                Some(item) => {
                    let al = self.alloc();
                    let lo = al.heap_obj(self.roots.handles.get(hl).expect("open"));
                    list::append(&al, lo, al.heap_obj(item))?;
                }
            }
        })();
        let _ = self.roots.handles.close(hit);
        let _ = self.roots.handles.close(hl);
        r
    }

    /// `l *= n`: repeats the list's items in place.
    fn list_repeat_inplace(&mut self, l: RawRef, n: RawRef) -> PyResult<()> {
        let n = self.repeat_count(n)?;
        let len = list::len(self.obj(l));
        if len == 0 {
            return Ok(());
        }
        if n == 0 {
            let al = self.alloc();
            return list::splice(&al, self.obj(l), 0, len, &[]);
        }
        self.repeat_size(Seq::List, len, 8, n)?;
        let al = self.alloc();
        let lo = self.obj(l);
        let items: Vec<ObjRef<'_>> = list::items(lo).collect();
        for _ in 1..n {
            for it in &items {
                list::append(&al, lo, *it)?;
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------------ unary

    /// `op a`
    pub(crate) fn unary_op(&mut self, op: UnaryOp, a: RawRef) -> PyResult<RawRef> {
        self.rooting1(a, |st, a| st.unary_op_at(op, a))
    }

    /// [`State::unary_op`] on rooted operands.
    pub(crate) fn unary_op_at(&mut self, op: UnaryOp, a: Rooted) -> PyResult<RawRef> {
        if let Some(r) = self.up_ext_unary(op, a.get(self))? {
            return Ok(r);
        }
        if let Some(r) = self.complex_unary(op, a.get(self)) {
            return r;
        }
        match self.num_of(a.get(self)) {
            Some(Num::Int(v)) => match op {
                UnaryOp::Neg => self.new_int(&-v),
                UnaryOp::Pos if self.is_exact(a.get(self), self.b.int_type) => Ok(a.get(self)),
                UnaryOp::Pos => self.new_int(&v),
                UnaryOp::Abs => self.new_int(&v.abs()),
                UnaryOp::Invert => self.new_int(&(-v - 1)),
            },
            Some(Num::Float(f)) if op != UnaryOp::Invert => match op {
                UnaryOp::Neg => self.new_float(-f),
                UnaryOp::Pos if self.is_exact(a.get(self), self.b.float_type) => Ok(a.get(self)),
                UnaryOp::Abs => self.new_float(f.abs()),
                _ => self.new_float(f),
            },
            _ => {
                let t = self.type_name(a.get(self));
                let sym = match op {
                    UnaryOp::Neg => "unary -",
                    UnaryOp::Pos => "unary +",
                    UnaryOp::Invert => "unary ~",
                    UnaryOp::Abs => "abs()",
                };
                Err(self.raise("TypeError", format!("bad operand type for {sym}: '{t}'")))
            }
        }
    }

    // ------------------------------------------------------------------ conversions

    /// `operator.index(a)`: an exact int.
    pub(crate) fn index(&mut self, a: RawRef) -> PyResult<RawRef> {
        self.rooting1(a, |st, a| st.index_at(a))
    }

    /// [`State::index`] on rooted operands.
    pub(crate) fn index_at(&mut self, a: Rooted) -> PyResult<RawRef> {
        let int_type = self.b.int_type;
        // An exact int is its own index: it has no `__index__` to run (the usual key).
        if self.is_exact(a.get(self), int_type) {
            return Ok(a.get(self));
        }
        if let Some(r) =
            self.up_ext_convert(a.get(self), hpy_abi::HPy_nb_index, "__index__", int_type)?
        {
            return Ok(r);
        }
        match self.int_of(a.get(self)) {
            Some(_) if self.is_exact(a.get(self), self.b.int_type) => Ok(a.get(self)),
            Some(v) => self.new_int(&v),
            None => {
                let t = self.type_name(a.get(self));
                Err(self.raise(
                    "TypeError",
                    format!("'{t}' object cannot be interpreted as an integer"),
                ))
            }
        }
    }

    /// `PyNumber_Check`: int, bool, float and complex (and, later, objects with
    /// `__index__`, `__int__` or `__float__`).
    pub(crate) fn is_number(&self, a: RawRef) -> bool {
        if self.num_of(a).is_some() {
            return true;
        }
        let t = type_of(self.obj(a));
        types::is_subtype(t, self.alloc().builtin(self.b.complex_type))
    }
}

/// `x op y` on machine-sized ints when the result fits and needs no big-int or float
/// arithmetic; `None` leaves the case (including every error) to the general path.
#[inline(always)]
fn small_int_result(op: BinOp, x: i64, y: i64) -> Option<i64> {
    match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        // `checked_rem` refuses a zero divisor and `MIN / -1`; a remainder whose sign
        // differs from the divisor's moves the truncated result to the floor.
        BinOp::FloorDiv => x
            .checked_rem(y)
            .map(|r| x / y - i64::from(r != 0 && (r ^ y) < 0)),
        BinOp::Mod => x
            .checked_rem(y)
            .map(|r| if r != 0 && (r ^ y) < 0 { r + y } else { r }),
        BinOp::And => Some(x & y),
        BinOp::Or => Some(x | y),
        BinOp::Xor => Some(x ^ y),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn div(a: &str, b: &str) -> Option<f64> {
        int_true_div(&a.parse().unwrap(), &b.parse().unwrap())
    }

    #[test]
    fn true_division_rounds_once() {
        let big = "1".to_string() + &"0".repeat(400);
        let big1 = "1".to_string() + &"0".repeat(399);
        assert_eq!(div(&big, &big1), Some(10.0));
        assert_eq!(div(&big, "3"), None);
        assert_eq!(div("1", &big), Some(0.0));
        // 2**64+1 over 2**64: just above 1, rounds to 1.0.
        assert_eq!(
            div("18446744073709551617", "18446744073709551616"),
            Some(1.0)
        );
        // A tie broken by the sticky bit: (2**53 + 1) * 2**11 + 1 over 2**11.
        let n = (BigInt::from((1u64 << 53) + 1) << 11usize) + 1;
        let r = int_true_div(&n, &BigInt::from(1u64 << 11)).unwrap();
        assert_eq!(r, 9007199254740994.0);
        // Subnormal results: 1 / 2**1074 * ... the smallest subnormal and its half.
        let p1074 = BigInt::one() << 1074usize;
        assert_eq!(int_true_div(&BigInt::one(), &p1074), Some(5e-324));
        let p1075 = BigInt::one() << 1075usize;
        assert_eq!(int_true_div(&BigInt::one(), &p1075), Some(0.0));
        let three = BigInt::from(3);
        assert_eq!(int_true_div(&three, &p1075), Some(1e-323));
    }

    #[test]
    fn float_divmod_signs() {
        assert_eq!(float_divmod(-7.5, 2.0), (-4.0, 0.5));
        let (q, m) = float_divmod(0.0, -1.0);
        assert!(q == 0.0 && q.is_sign_negative() && m.is_sign_negative());
        assert_eq!(float_mod(-1.0, f64::INFINITY), f64::INFINITY);
    }
}
