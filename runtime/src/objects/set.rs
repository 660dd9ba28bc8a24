//! `set` and `frozenset`: a dict-kind object typed `set` (or `frozenset`) whose keys are
//! the items (every value is None), so hashing, lookup with Python-level
//! `__eq__`/`__hash__`, iteration, `len` and `in` are the dict's. Here: construction,
//! displays, the methods, the operators `|`, `&`, `-`, `^` (and their in-place forms,
//! which change a `set` in place) and the subset comparisons. A frozenset is never
//! changed after it is made: only `set`'s type has the mutating methods, and the result
//! of an operation takes the type of its left operand, as in CPython.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::operator::BinOp;
use crate::objects::types::Instances;
use crate::objects::{dict, type_of, types, W_TYPE};
use crate::state::State;
use crate::value_stack::Rooted;

macro_rules! by_name {
    ($($f:ident => $n:literal),* $(,)?) => {
        $(
            pub(super) fn $f(st: &mut State, a: Args<'_>) -> PyResult<RawRef> {
                set_method(st, a, $n)
            }
        )*
    };
}

by_name!(
    set_add => "add",
    set_remove => "remove",
    set_discard => "discard",
    set_pop => "pop",
    set_clear => "clear",
    set_copy => "copy",
    set_update => "update",
    set_union => "union",
    set_intersection => "intersection",
    set_difference => "difference",
    set_symmetric_difference => "symmetric_difference",
    set_issubset => "issubset",
    set_issuperset => "issuperset",
    set_isdisjoint => "isdisjoint",
    set_difference_update => "difference_update",
    set_intersection_update => "intersection_update",
    set_symmetric_difference_update => "symmetric_difference_update",
);

impl State {
    pub(crate) fn is_set(&self, r: RawRef) -> bool {
        types::data(type_of(self.obj(r))).instances == Instances::Set
    }

    /// Is `r` a frozenset (or an instance of a subclass)?
    pub(crate) fn is_frozen(&self, r: RawRef) -> bool {
        types::is_subtype(type_of(self.obj(r)), self.obj(self.b.frozenset_type))
    }

    /// Gives the set `s`, just made, the type `frozenset` if `like` is one.
    fn same_kind_as(&mut self, like: RawRef, s: RawRef) -> RawRef {
        if self.is_frozen(like) {
            let a = self.alloc();
            a.set(self.obj(s), W_TYPE, Some(a.builtin(self.b.frozenset_type)));
        }
        s
    }

    /// `frozenset(iterable)`: the argument itself when it is already exactly a frozenset.
    pub(crate) fn frozenset_from(&mut self, iterable: Option<RawRef>) -> PyResult<RawRef> {
        if let Some(x) = iterable {
            if type_of(self.obj(x)).raw() == self.b.frozenset_type {
                return Ok(x);
            }
        }
        let s = self.set_from(iterable)?;
        let a = self.alloc();
        a.set(self.obj(s), W_TYPE, Some(a.builtin(self.b.frozenset_type)));
        Ok(s)
    }

    /// A new empty set.
    pub(crate) fn new_set(&mut self) -> PyResult<RawRef> {
        let a = self.alloc();
        let d = dict::new(&a)?;
        a.set(d, W_TYPE, Some(a.builtin(self.b.set_type)));
        Ok(d.raw())
    }

    /// Adds `item` to set `s` (hashing it, which may run code).
    pub(crate) fn set_add(&mut self, s: RawRef, item: RawRef) -> PyResult<()> {
        let none = self.b.none;
        self.dict_set(s, item, none)
    }

    /// A new set of the items of `iterable` (`set(iterable)`).
    pub(crate) fn set_from(&mut self, iterable: Option<RawRef>) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        let r = (|| {
            let it = match iterable {
                Some(x) => Some(self.iter(x)?),
                None => None,
            };
            let ii = self.push(it.unwrap_or(RawRef::NULL));
            let s = self.new_set()?;
            let si = self.push(s);
            if !self.at(ii).is_null() {
                while let Some(x) = self.next_at(Rooted::slot(ii))? {
                    self.set_add(self.at(si), x)?;
                }
            }
            Ok(self.at(si))
        })();
        self.truncate(mark);
        r
    }

    /// The items of set `s` (raw references, valid until the next safepoint).
    fn set_items(&self, s: RawRef) -> Vec<RawRef> {
        dict::entries(self.obj(s))
            .iter()
            .map(|(k, _)| k.key.get())
            .collect()
    }

    /// `item in s` for a set.
    fn set_has(&mut self, s: RawRef, item: RawRef) -> PyResult<bool> {
        Ok(self.dict_get(s, item)?.is_some())
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` for two sets; `None` for other operands.
    pub(crate) fn set_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<Option<RawRef>> {
        if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
            || !self.is_set(a)
            || !self.is_set(b)
        {
            return Ok(None);
        }
        let name = match op {
            BinOp::Or => "union",
            BinOp::And => "intersection",
            BinOp::Sub => "difference",
            _ => "symmetric_difference",
        };
        let r = self.rooted_pair(a, b, |st, a, b| st.set_combine(a, &[b], name))?;
        Ok(Some(r))
    }

    /// `a |= b`, `&=`, `-=`, `^=` on a `set`: changes `a` in place and returns it; `None`
    /// for other operands (a frozenset gets a new object through [`State::set_op`]).
    pub(crate) fn set_inplace(
        &mut self,
        op: BinOp,
        a: RawRef,
        b: RawRef,
    ) -> PyResult<Option<RawRef>> {
        if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
            || !self.is_set(a)
            || !self.is_set(b)
            || self.is_frozen(a)
        {
            return Ok(None);
        }
        let mark = self.roots.stack.len();
        let ai = self.push(a);
        let r = (|| {
            let result = self.set_op(op, self.at(ai), b)?.expect("two sets");
            let ri = self.push(result);
            let items = self.set_items(self.at(ri));
            let base = self.roots.stack.len();
            for x in &items {
                self.push(*x);
            }
            dict::clear(self.obj(self.at(ai)));
            for j in 0..items.len() {
                self.set_add(self.at(ai), self.at(base + j))?;
            }
            Ok(Some(self.at(ai)))
        })();
        self.truncate(mark);
        r
    }

    /// Runs `f` on `a` and `b` kept on the rooted stack, and gives it their current
    /// addresses; the result is the left operand's kind of set.
    fn rooted_pair(
        &mut self,
        a: RawRef,
        b: RawRef,
        f: impl FnOnce(&mut State, RawRef, RawRef) -> PyResult<RawRef>,
    ) -> PyResult<RawRef> {
        let mark = self.push(a);
        self.push(b);
        let r = f(self, a, b);
        let a = self.at(mark);
        self.truncate(mark);
        let r = r?;
        Ok(self.same_kind_as(a, r))
    }

    /// `union`, `intersection`, `difference`, `symmetric_difference` of `s` with the
    /// iterables `others`.
    fn set_combine(&mut self, s: RawRef, others: &[RawRef], name: &str) -> PyResult<RawRef> {
        let mark = self.roots.stack.len();
        self.push(s);
        for o in others {
            self.push(*o);
        }
        let r = (|| {
            let mut acc = self.set_from(Some(self.at(mark)))?;
            for i in 0..others.len() {
                let ai = self.push(acc);
                let other = self.set_from(Some(self.at(mark + 1 + i)))?;
                let oi = self.push(other);
                let out = self.new_set()?;
                let outi = self.push(out);
                let (mine, theirs) = (self.set_items(self.at(ai)), self.set_items(self.at(oi)));
                let base = self.roots.stack.len();
                for x in mine.iter().chain(theirs.iter()) {
                    self.push(*x);
                }
                let nm = mine.len();
                for j in 0..nm + theirs.len() {
                    let x = self.at(base + j);
                    let from_mine = j < nm;
                    let keep = match name {
                        "union" => true,
                        "intersection" => from_mine && self.set_has(self.at(oi), x)?,
                        "difference" => from_mine && !self.set_has(self.at(oi), x)?,
                        _ => {
                            let other = if from_mine { self.at(oi) } else { self.at(ai) };
                            !self.set_has(other, x)?
                        }
                    };
                    if keep {
                        self.set_add(self.at(outi), self.at(base + j))?;
                    }
                }
                acc = self.at(outi);
                self.truncate(ai);
            }
            Ok(acc)
        })();
        self.truncate(mark);
        r
    }

    /// `a <= b` (subset) for two sets, or `a < b` (proper subset) when `strict`.
    pub(crate) fn set_subset(&mut self, a: RawRef, b: RawRef, strict: bool) -> PyResult<bool> {
        let (na, nb) = (dict::len(self.obj(a)), dict::len(self.obj(b)));
        if na > nb || (strict && na == nb) {
            return Ok(false);
        }
        let mark = self.roots.stack.len();
        let bi = self.push(b);
        let items = self.set_items(a);
        let base = self.roots.stack.len();
        for x in &items {
            self.push(*x);
        }
        let r = (|| {
            for j in 0..items.len() {
                if !self.set_has(self.at(bi), self.at(base + j))? {
                    return Ok(false);
                }
            }
            Ok(true)
        })();
        self.truncate(mark);
        r
    }

    /// `repr` of a set whose items' reprs may run code (the items stay rooted).
    pub(crate) fn set_repr(&mut self, s: RawRef) -> PyResult<String> {
        let items = self.set_items(s);
        if items.is_empty() {
            return Ok(format!("{}()", types::name(type_of(self.obj(s)))));
        }
        // The set itself is rooted too: its type is read after the items' reprs ran.
        let mark = self.push(s);
        for x in &items {
            self.push(*x);
        }
        let mut parts = Vec::with_capacity(items.len());
        let mut r = Ok(());
        for j in 0..items.len() {
            match self.repr_text_at(Rooted::slot(mark + 1 + j)) {
                Ok(t) => parts.push(t),
                Err(e) => {
                    r = Err(e);
                    break;
                }
            }
        }
        let s = self.at(mark);
        self.truncate(mark);
        r?;
        let t = type_of(self.obj(s));
        let body = format!("{{{}}}", parts.join(", "));
        Ok(if types::data(t).py || t.raw() == self.b.frozenset_type {
            format!("{}({body})", types::name(t))
        } else {
            body
        })
    }
}

fn set_method(st: &mut State, args: Args<'_>, name: &str) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "set", name)?;
    let me = args.receiver(st);
    let mutating = matches!(
        name,
        "add" | "remove" | "discard" | "pop" | "clear" | "update"
    );
    let ty = if st.is_set(me) && st.is_frozen(me) && !mutating {
        "frozenset"
    } else {
        "set"
    };
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            format!("{ty}.{name}() takes no keyword arguments"),
        ));
    }
    if !st.is_set(me) || (mutating && st.is_frozen(me)) {
        let t = st.type_name(me);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{name}' for '{ty}' objects doesn't apply to a '{t}' object"),
        ));
    }
    let one = |st: &mut State| -> PyResult<RawRef> {
        if args.len() != 1 {
            return Err(st.raise(
                "TypeError",
                format!(
                    "{ty}.{name}() takes exactly one argument ({} given)",
                    args.len()
                ),
            ));
        }
        Ok(args.get(st, 0))
    };
    // From here on `me` and the arguments are read through their roots at each use:
    // hashing and iterating may run code.
    match name {
        "add" => {
            let x = one(st)?;
            st.set_add(args.receiver(st), x)?;
            Ok(st.b.none)
        }
        "remove" | "discard" => {
            let x = one(st)?;
            let removed = st.dict_del(args.receiver(st), x);
            if !removed? && name == "remove" {
                return Err(st.key_error(args.get(st, 0)));
            }
            Ok(st.b.none)
        }
        "pop" => {
            let o = st.obj(args.receiver(st));
            let n = dict::len(o);
            if n == 0 {
                return Err(st.raise("KeyError", "pop from an empty set".into()));
            }
            let k = dict::entries(o)
                .get_index(0)
                .expect("non-empty")
                .0
                .key
                .get();
            dict::remove_index(o, 0);
            Ok(k)
        }
        "clear" => {
            dict::clear(st.obj(args.receiver(st)));
            Ok(st.b.none)
        }
        "copy" if st.is_frozen(me) => st.frozenset_from(Some(args.receiver(st))),
        "copy" => st.set_from(Some(args.receiver(st))),
        "update" => {
            for i in 0..args.len() {
                let it = st.iter(args.get(st, i))?;
                let ii = st.push(it);
                while let Some(x) = st.next_at(Rooted::slot(ii))? {
                    st.set_add(args.receiver(st), x)?;
                }
                st.truncate(ii);
            }
            Ok(st.b.none)
        }
        "difference_update" | "intersection_update" | "symmetric_difference_update" => {
            if name == "symmetric_difference_update" {
                one(st)?;
            }
            let base = name.trim_end_matches("_update");
            // `set_combine` roots the set and the iterables before anything can collect.
            let others = args.snapshot(st);
            let r = st.set_combine(args.receiver(st), &others, base)?;
            let ri = st.push(r);
            // The result replaces the contents (its items are hashed already: moving them
            // runs no code).
            let items: Vec<(crate::objects::dict::DictKey, RawRef)> =
                dict::entries(st.obj(st.at(ri)))
                    .iter()
                    .map(|(k, v)| {
                        let key = crate::objects::dict::DictKey {
                            hash: k.hash,
                            key: std::cell::Cell::new(k.key.get()),
                        };
                        (key, *v)
                    })
                    .collect();
            let me = st.obj(args.receiver(st));
            let entries = dict::rekey(me);
            entries.clear();
            entries.extend(items);
            if me.is_immortal() {
                st.alloc().heap.remember(me);
            }
            st.truncate(ri);
            Ok(st.b.none)
        }
        "union" | "intersection" | "difference" | "symmetric_difference" => {
            if name == "symmetric_difference" {
                one(st)?;
            }
            // `set_combine` roots the set and the iterables before anything can collect.
            let others = args.snapshot(st);
            let r = st.set_combine(args.receiver(st), &others, name)?;
            Ok(st.same_kind_as(args.receiver(st), r))
        }
        _ => {
            // issubset, issuperset, isdisjoint: against any iterable.
            let x = one(st)?;
            let other = st.set_from(Some(x))?;
            let oi = st.push(other);
            let r = match name {
                "issubset" => st.set_subset(args.receiver(st), st.at(oi), false),
                "issuperset" => st.set_subset(st.at(oi), args.receiver(st), false),
                _ => {
                    let both = st.set_combine(args.receiver(st), &[st.at(oi)], "intersection")?;
                    Ok(dict::len(st.obj(both)) == 0)
                }
            };
            st.truncate(oi);
            Ok(st.bool_obj(r?))
        }
    }
}

/// The methods of `set`.
pub(crate) const SET_METHODS: &[(&str, Method)] = &[
    ("add", set_add),
    ("difference_update", set_difference_update),
    ("intersection_update", set_intersection_update),
    (
        "symmetric_difference_update",
        set_symmetric_difference_update,
    ),
    ("remove", set_remove),
    ("discard", set_discard),
    ("pop", set_pop),
    ("clear", set_clear),
    ("copy", set_copy),
    ("update", set_update),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
];

/// The methods of `frozenset` (those that do not change it).
pub(crate) const FROZENSET_METHODS: &[(&str, Method)] = &[
    ("copy", set_copy),
    ("union", set_union),
    ("intersection", set_intersection),
    ("difference", set_difference),
    ("symmetric_difference", set_symmetric_difference),
    ("issubset", set_issubset),
    ("issuperset", set_issuperset),
    ("isdisjoint", set_isdisjoint),
];
