//! The views `dict.keys()`, `dict.values()` and `dict.items()`: `[type, id, dict, -, -, -]`
//! in the wrapper layout (`instance::new_wrap`), typed `dict_keys`, `dict_values` and
//! `dict_items`. A view holds no copy: its length, iteration, `in` and repr read the dict
//! as it is now, so a key added after the view was made is seen, as in CPython. Keys and
//! items views are set-like: they compare with sets and with each other as sets (`==`,
//! `<=`…) and take the operators `|`, `&`, `-`, `^` with any iterable, giving a `set`.

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args::Method;
use crate::objects::dict::DictIter;
use crate::objects::operator::BinOp;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, instance, list, tuple, type_of};
use crate::state::State;
use crate::value_stack::Rooted;

impl State {
    /// A new view of dict `d`.
    pub(crate) fn dict_view(&mut self, d: RawRef, what: DictIter) -> PyResult<RawRef> {
        if types::data(type_of(self.obj(d))).instances != Instances::Dict {
            let t = self.type_name(d);
            return Err(self.raise(
                "TypeError",
                format!("descriptor requires a 'dict' object but received a '{t}'"),
            ));
        }
        let ty = match what {
            DictIter::Keys => self.b.dict_keys_type,
            DictIter::Values => self.b.dict_values_type,
            DictIter::Items => self.b.dict_items_type,
        };
        let a = self.alloc();
        Ok(instance::new_wrap(&a, ty, [Some(self.obj(d)), None, None, None])?.raw())
    }

    /// What `r` views and which dict, if it is a dict view.
    pub(crate) fn dict_view_of(&self, r: RawRef) -> Option<(DictIter, RawRef)> {
        let o = self.obj(r);
        if o.kind() != self.b.kinds.wrap {
            return None;
        }
        let t = type_of(o).raw();
        let what = if t == self.b.dict_keys_type {
            DictIter::Keys
        } else if t == self.b.dict_values_type {
            DictIter::Values
        } else if t == self.b.dict_items_type {
            DictIter::Items
        } else {
            return None;
        };
        Some((what, instance::part(o, 0)))
    }

    /// Is `r` a keys or items view (the set-like ones)?
    fn is_set_view(&self, r: RawRef) -> bool {
        matches!(
            self.dict_view_of(r),
            Some((DictIter::Keys | DictIter::Items, _))
        )
    }

    /// A list of the keys, values or `(key, value)` tuples of dict `d`, in order.
    pub(crate) fn dict_list(&mut self, d: RawRef, what: DictIter) -> PyResult<RawRef> {
        let pairs: Vec<(RawRef, RawRef)> = dict::entries(self.obj(d))
            .iter()
            .map(|(k, v)| (k.key.get(), *v))
            .collect();
        // Allocation never collects: the references read above stay valid.
        let a = self.alloc();
        let mut items = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            let (k, v) = (a.heap_obj(k), a.heap_obj(v));
            items.push(match what {
                DictIter::Keys => k,
                DictIter::Values => v,
                DictIter::Items => tuple::new(&a, &[k, v])?,
            });
        }
        Ok(list::new(&a, &items)?.raw())
    }

    /// `item in view`: a key lookup for keys, a key lookup and a value comparison for
    /// items, a search by equality for values.
    pub(crate) fn view_contains(
        &mut self,
        what: DictIter,
        d: RawRef,
        item: RawRef,
    ) -> PyResult<bool> {
        match what {
            DictIter::Keys => Ok(self.dict_get(d, item)?.is_some()),
            DictIter::Items => {
                let io = self.obj(item);
                if io.kind() != self.b.kinds.tuple || tuple::len(io) != 2 {
                    return Ok(false);
                }
                let mark = self.push(item);
                let r = (|| {
                    let key = tuple::get(self.obj(self.at(mark)), 0).raw();
                    let Some(v) = self.dict_get(d, key)? else {
                        return Ok(false);
                    };
                    let want = tuple::get(self.obj(self.at(mark)), 1).raw();
                    self.same_or_eq(v, want)
                })();
                self.truncate(mark);
                r
            }
            DictIter::Values => {
                let mark = self.push(item);
                let r = (|| {
                    let values = self.dict_list(d, DictIter::Values)?;
                    let vi = self.push(values);
                    let mut i = 0;
                    while i < list::len(self.obj(self.at(vi))) {
                        let v = list::get(self.obj(self.at(vi)), i).raw();
                        if self.same_or_eq(v, self.at(mark))? {
                            return Ok(true);
                        }
                        i += 1;
                    }
                    Ok(false)
                })();
                self.truncate(mark);
                r
            }
        }
    }

    /// `dict_keys(['a', 'b'])`, `dict_values([1, 2])`, `dict_items([('a', 1)])`.
    pub(crate) fn view_repr(&mut self, r: RawRef) -> PyResult<String> {
        let (what, d) = self.dict_view_of(r).expect("a dict view");
        let l = self.dict_list(d, what)?;
        let inner = self.repr_text(l)?;
        Ok(format!("{}({inner})", types::name(type_of(self.obj(r)))))
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` where a keys or items view is an operand: both
    /// become sets, and the result is a `set`. `None` when neither operand is such a view.
    pub(crate) fn view_op(&mut self, op: BinOp, a: RawRef, b: RawRef) -> PyResult<Option<RawRef>> {
        if !matches!(op, BinOp::Or | BinOp::And | BinOp::Sub | BinOp::Xor)
            || !(self.is_set_view(a) || self.is_set_view(b))
        {
            return Ok(None);
        }
        self.as_sets(a, b, |st, a, b| st.set_op(op, a, b))
    }

    /// `==` with a keys or items view on either side: as sets when the other operand is a
    /// set or such a view, else unequal. `None` when neither operand is such a view.
    pub(crate) fn view_eq(&mut self, x: RawRef, y: RawRef) -> PyResult<Option<bool>> {
        if !(self.is_set_view(x) || self.is_set_view(y)) {
            return Ok(None);
        }
        if !(self.set_like(x) && self.set_like(y)) {
            return Ok(Some(false));
        }
        self.as_sets(x, y, |st, a, b| {
            let (na, nb) = (dict::len(st.obj(a)), dict::len(st.obj(b)));
            Ok(na == nb && st.set_subset(a, b, false)?)
        })
        .map(Some)
    }

    /// `<`, `<=`, `>`, `>=` between a keys or items view and a set or another such view:
    /// the subset order. `None` when the operands are not such a pair.
    pub(crate) fn view_order(
        &mut self,
        x: RawRef,
        y: RawRef,
        strict: bool,
    ) -> PyResult<Option<bool>> {
        if !(self.is_set_view(x) || self.is_set_view(y)) || !(self.set_like(x) && self.set_like(y))
        {
            return Ok(None);
        }
        self.as_sets(x, y, |st, a, b| st.set_subset(a, b, strict))
            .map(Some)
    }

    fn set_like(&self, r: RawRef) -> bool {
        self.is_set(r) || self.is_set_view(r)
    }

    /// Runs `f` on sets made of `x` and `y` (kept rooted).
    fn as_sets<T>(
        &mut self,
        x: RawRef,
        y: RawRef,
        f: impl FnOnce(&mut State, RawRef, RawRef) -> PyResult<T>,
    ) -> PyResult<T> {
        let mark = self.roots.stack.len();
        let yi = self.push(y);
        let r = (|| {
            let sx = self.set_from(Some(x))?;
            let xi = self.push(sx);
            let sy = self.set_from(Some(self.at(yi)))?;
            let yi2 = self.push(sy);
            f(self, self.at(xi), self.at(yi2))
        })();
        self.truncate(mark);
        r
    }
}

/// `view.isdisjoint(iterable)` for keys and items views.
pub(super) fn view_isdisjoint(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let args = crate::objects::args_check::receiver(st, args, "dict_keys", "isdisjoint")?;
    let Some((what, _)) = st.dict_view_of(args.receiver(st)) else {
        let t = st.type_name(args.receiver(st));
        return Err(st.raise(
            "TypeError",
            format!(
                "descriptor 'isdisjoint' for 'dict_keys' objects doesn't apply to a '{t}' object"
            ),
        ));
    };
    if args.kw_len() != 0 || args.len() != 1 {
        return Err(st.raise(
            "TypeError",
            format!(
                "isdisjoint() takes exactly one argument ({} given)",
                args.len()
            ),
        ));
    }
    let it = st.iter_at(args.rooted(0))?;
    let ii = st.push(it);
    while let Some(x) = st.next_at(Rooted::slot(ii))? {
        let d = st.dict_view_of(args.receiver(st)).expect("a view").1;
        if st.view_contains(what, d, x)? {
            return Ok(st.b.false_);
        }
    }
    Ok(st.b.true_)
}

/// The methods of `dict_keys`.
pub(crate) const KEYS_METHODS: &[(&str, Method)] = &[("isdisjoint", view_isdisjoint)];

/// The methods of `dict_items`.
pub(crate) const ITEMS_METHODS: &[(&str, Method)] = &[("isdisjoint", view_isdisjoint)];
