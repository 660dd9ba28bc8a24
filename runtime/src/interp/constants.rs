//! Constants of the code, shared: a literal such as `"key"`, `10000` or `2.5` evaluates to
//! one object, made the first time, instead of a new object at every evaluation.
//!
//! Only in the normal mode: the moving modes move every object, constants included, to catch
//! a stale reference to one (as they do with the small ints, preallocated only in normal
//! mode). A shared constant lives in the immortal space, where the collector never moves it,
//! so its node can keep its address (`ast::ConstCache`). The immortal space is never freed,
//! so constants are kept by value, one object per distinct value: code compiled again and
//! again (`exec` in a loop, `namedtuple`) finds the objects already made. A program that
//! compiles ever new literals stops sharing them past `BUDGET` bytes, and makes them per
//! evaluation again, as before.
//!
//! CPython shares constants too (per code object), so `x is y` for two equal literals can be
//! true there as well as here; nothing may rely on either answer.

use std::collections::HashMap;
use std::rc::Rc;

use gc::RawRef;
use num_bigint::BigInt;

use super::ast::{Const, ConstCache};
use crate::error::PyResult;
use crate::state::State;

/// Bytes of shared constants, at most.
const BUDGET: usize = 16 << 20;

/// A constant's value, as a key (floats by their bits: `0.0` and `-0.0` are two constants).
#[derive(Hash, PartialEq, Eq)]
enum Key {
    Int(i64),
    Big(BigInt),
    Float(u64),
    Imag(u64),
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
}

/// The shared constants of a runtime.
#[derive(Default)]
pub(crate) struct Constants {
    by_value: HashMap<Key, RawRef>,
    bytes: usize,
}

fn key(c: &Const) -> Option<Key> {
    Some(match c {
        Const::SmallInt(i) => Key::Int(*i),
        Const::Int(i) => Key::Big(i.clone()),
        Const::Float(f) => Key::Float(f.to_bits()),
        Const::Imag(f) => Key::Imag(f.to_bits()),
        Const::Str(s) => Key::Str(s.clone()),
        Const::Bytes(b) => Key::Bytes(b.clone()),
        Const::None | Const::True | Const::False | Const::Ellipsis => return None,
    })
}

impl State {
    /// Constant `c`'s object, for a node whose cache is empty: the shared one (made now if
    /// need be, and left in `cache`), or a new object when constants are not shared (a
    /// moving mode, or the budget spent). Out of line: the evaluator reads a filled cache
    /// inline and comes here once per node.
    #[inline(never)]
    pub(crate) fn constant_object(&mut self, c: &Const, cache: &ConstCache) -> PyResult<RawRef> {
        // The singletons are immortal in every mode.
        let singleton = match c {
            Const::None => Some(self.b.none),
            Const::True => Some(self.b.true_),
            Const::False => Some(self.b.false_),
            Const::Ellipsis => Some(self.b.ellipsis),
            _ => None,
        };
        if let Some(r) = singleton {
            cache.0.set(r);
            return Ok(r);
        }
        let key = (self.heap.config().mode == gc::Mode::Normal)
            .then(|| key(c))
            .flatten();
        if let Some(r) = key
            .as_ref()
            .and_then(|k| self.interp.constants.by_value.get(k))
        {
            cache.0.set(*r);
            return Ok(*r);
        }
        let fresh = self.fresh_constant(c)?;
        let Some(k) = key else { return Ok(fresh) };
        let o = self.obj(fresh);
        let size = o.size();
        if self.interp.constants.bytes + size > BUDGET {
            return Ok(fresh);
        }
        // Allocation never collects: `fresh` is still current. A full immortal space is no
        // error here: the constant is simply not shared.
        let Ok(shared) = self.heap.copy_to_immortal(o) else {
            return Ok(fresh);
        };
        let r = shared.raw();
        let consts = &mut self.interp.constants;
        consts.bytes += size;
        consts.by_value.insert(k, r);
        cache.0.set(r);
        Ok(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn floats_are_told_apart_by_their_bits() {
        assert!(key(&Const::Float(0.0)) != key(&Const::Float(-0.0)));
        assert!(key(&Const::Float(1.5)) == key(&Const::Float(1.5)));
        assert!(key(&Const::Float(1.5)) != key(&Const::Imag(1.5)));
        assert!(key(&Const::SmallInt(3)) != key(&Const::Float(3.0)));
        assert!(key(&Const::None).is_none());
    }
}
