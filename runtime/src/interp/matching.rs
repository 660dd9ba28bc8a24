//! The `match` statement (PEP 634): the subject is evaluated once and kept on the rooted
//! stack; each case's pattern is tried against it in order. What a pattern captures is
//! pushed on the stack as it matches, and bound only once the whole pattern matched (then
//! the guard runs, seeing the bindings, as in CPython).

use gc::RawRef;

use super::ast::{Const, Match, Name, Pattern};
use super::eval::Flow;
use crate::error::PyResult;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, list, str as pystr, tuple, type_of};
use crate::state::State;

/// A capture waiting to be bound: the name and the stack index of its value.
type Binding<'a> = (&'a Name, usize);

/// Builtin types whose single positional sub-pattern matches the subject itself.
/// (`bool` too, whose instances are `Special`.)
const MATCH_SELF: [Instances; 8] = [
    Instances::Int,
    Instances::Float,
    Instances::Str,
    Instances::Bytes,
    Instances::Tuple,
    Instances::List,
    Instances::Dict,
    Instances::Set,
];

impl State {
    pub(crate) fn exec_match(&mut self, m: &Match) -> PyResult<Flow> {
        let v = self.eval(&m.subject)?;
        let si = self.push(v);
        let r = (|| {
            for case in &m.cases {
                let mut binds = Vec::new();
                let matched = self.match_pattern(&case.pattern, si, &mut binds)?;
                if matched {
                    for (name, at) in binds {
                        self.store_name(name, self.at(at))?;
                    }
                    self.truncate(si + 1);
                    if let Some(g) = &case.guard {
                        let t = self.eval(g)?;
                        if !self.truth(t)? {
                            continue;
                        }
                    }
                    self.truncate(si);
                    return self.exec_block(&case.body);
                }
                self.truncate(si + 1);
            }
            Ok(Flow::Normal)
        })();
        self.truncate(si);
        r
    }

    /// Does the value at stack index `at` match `p`? Captures go to `binds`.
    fn match_pattern<'a>(
        &mut self,
        p: &'a Pattern,
        at: usize,
        binds: &mut Vec<Binding<'a>>,
    ) -> PyResult<bool> {
        match p {
            Pattern::Value(e) => {
                let v = self.eval(e)?;
                let subject = self.at(at);
                self.eq(subject, v)
            }
            Pattern::Singleton(c) => {
                let want = match c {
                    Const::None => self.b.none,
                    Const::True => self.b.true_,
                    _ => self.b.false_,
                };
                Ok(self.at(at) == want)
            }
            Pattern::Capture(name) => {
                if let Some(n) = name {
                    binds.push((n, at));
                }
                Ok(true)
            }
            Pattern::As(inner, name) => {
                if !self.match_pattern(inner, at, binds)? {
                    return Ok(false);
                }
                binds.push((name, at));
                Ok(true)
            }
            Pattern::Or(alternatives) => {
                for alt in alternatives {
                    let (mark, before) = (self.roots.stack.len(), binds.len());
                    if self.match_pattern(alt, at, binds)? {
                        return Ok(true);
                    }
                    binds.truncate(before);
                    self.truncate(mark);
                }
                Ok(false)
            }
            Pattern::Sequence(items, star) => self.match_sequence(items, star, at, binds),
            Pattern::Mapping(keys, values, rest) => {
                self.match_mapping(keys, values, rest.as_ref(), at, binds)
            }
            Pattern::Class(cls, args, kwargs) => self.match_class(cls, args, kwargs, at, binds),
        }
    }

    fn match_sequence<'a>(
        &mut self,
        items: &'a [Pattern],
        star: &'a Option<(usize, Option<Name>)>,
        at: usize,
        binds: &mut Vec<Binding<'a>>,
    ) -> PyResult<bool> {
        // Sequences are lists, tuples and ranges (and their subclasses); never str or
        // bytes.
        let o = self.obj(self.at(at));
        let seq = matches!(
            types::data(type_of(o)).instances,
            Instances::List | Instances::Tuple | Instances::Range
        );
        if !seq {
            return Ok(false);
        }
        let (start, n) = self.pin_items(self.at(at), "a sequence")?;
        let fixed = items.len();
        let fits = match star {
            Some(_) => n >= fixed,
            None => n == fixed,
        };
        if !fits {
            return Ok(false);
        }
        let split = star.as_ref().map_or(fixed, |(i, _)| *i);
        for (i, p) in items.iter().enumerate() {
            // Items after the star are counted from the end.
            let index = if i < split { i } else { n - (fixed - i) };
            if !self.match_pattern(p, start + index, binds)? {
                return Ok(false);
            }
        }
        if let Some((_, Some(name))) = star {
            let middle: Vec<RawRef> =
                self.roots.stack[start + split..start + n - (fixed - split)].to_vec();
            let a = self.alloc();
            let objs: Vec<_> = middle.iter().map(|r| self.obj(*r)).collect();
            let l = list::new(&a, &objs)?.raw();
            let li = self.push(l);
            binds.push((name, li));
        }
        Ok(true)
    }

    fn match_mapping<'a>(
        &mut self,
        keys: &'a [super::ast::Expr],
        values: &'a [Pattern],
        rest: Option<&'a Name>,
        at: usize,
        binds: &mut Vec<Binding<'a>>,
    ) -> PyResult<bool> {
        let o = self.obj(self.at(at));
        if types::data(type_of(o)).instances != Instances::Dict {
            return Ok(false);
        }
        let keys_at = self.roots.stack.len();
        for (k, p) in keys.iter().zip(values) {
            let key = self.eval(k)?;
            let ki = self.push(key);
            let Some(v) = self.dict_get(self.at(at), self.at(ki))? else {
                return Ok(false);
            };
            let vi = self.push(v);
            if !self.match_pattern(p, vi, binds)? {
                return Ok(false);
            }
        }
        if let Some(name) = rest {
            // A new dict of the entries whose keys the pattern did not name.
            let entries: Vec<(RawRef, RawRef)> = dict::entries(self.obj(self.at(at)))
                .iter()
                .map(|(k, v)| (k.key.get(), *v))
                .collect();
            let d = dict::new(&self.alloc())?.raw();
            let di = self.push(d);
            let base = self.roots.stack.len();
            for (k, v) in &entries {
                self.push(*k);
                self.push(*v);
            }
            let named: Vec<usize> = (keys_at..di).collect();
            for j in 0..entries.len() {
                let mut taken = false;
                for &ki in &named {
                    let k = self.at(base + 2 * j);
                    if self.same_or_eq(k, self.at(ki))? {
                        taken = true;
                        break;
                    }
                }
                if !taken {
                    // The comparisons may have collected: the key as it is now.
                    let (k, v) = (self.at(base + 2 * j), self.at(base + 2 * j + 1));
                    self.dict_set(self.at(di), k, v)?;
                }
            }
            binds.push((name, di));
        }
        Ok(true)
    }

    fn match_class<'a>(
        &mut self,
        cls: &'a super::ast::Expr,
        args: &'a [Pattern],
        kwargs: &'a [(std::rc::Rc<str>, Pattern)],
        at: usize,
        binds: &mut Vec<Binding<'a>>,
    ) -> PyResult<bool> {
        let c = self.eval(cls)?;
        if self.obj(c).kind() != self.b.kinds.type_ {
            return Err(self.raise("TypeError", "called match pattern must be a type".into()));
        }
        let ci = self.push(c);
        if !types::is_subtype(type_of(self.obj(self.at(at))), self.obj(c)) {
            return Ok(false);
        }
        if !args.is_empty() {
            let cname = types::name(self.obj(self.at(ci))).to_string();
            let match_args = self.lookup_attr(self.at(ci), "__match_args__");
            match match_args {
                None if MATCH_SELF.contains(&types::data(self.obj(self.at(ci))).instances)
                    || types::is_subtype(self.obj(self.at(ci)), self.obj(self.b.bool_type)) =>
                {
                    // `int(x)`, `str(s)`…: the one sub-pattern matches the subject.
                    if args.len() > 1 {
                        return Err(self.raise(
                            "TypeError",
                            format!(
                                "{cname}() accepts 1 positional sub-pattern ({} given)",
                                args.len()
                            ),
                        ));
                    }
                    if !self.match_pattern(&args[0], at, binds)? {
                        return Ok(false);
                    }
                }
                _ => {
                    let names = match match_args {
                        None => Vec::new(),
                        Some(m) if self.obj(m).kind() == self.b.kinds.tuple => {
                            tuple::items(self.obj(m)).map(|x| x.raw()).collect()
                        }
                        Some(m) => {
                            let t = self.type_name(m);
                            return Err(self.raise(
                                "TypeError",
                                format!("{cname}.__match_args__ must be a tuple (got {t})"),
                            ));
                        }
                    };
                    if args.len() > names.len() {
                        let s = if names.len() == 1 { "" } else { "s" };
                        return Err(self.raise(
                            "TypeError",
                            format!(
                                "{cname}() accepts {} positional sub-pattern{s} ({} given)",
                                names.len(),
                                args.len()
                            ),
                        ));
                    }
                    let base = self.roots.stack.len();
                    for n in &names {
                        self.push(*n);
                    }
                    for (i, p) in args.iter().enumerate() {
                        let n = self.at(base + i);
                        let no = self.obj(n);
                        let Some(attr) =
                            (no.kind() == self.b.kinds.str_).then(|| pystr::as_str(no).to_string())
                        else {
                            let t = self.type_name(n);
                            return Err(self.raise(
                                "TypeError",
                                format!("__match_args__ elements must be strings (got {t})"),
                            ));
                        };
                        if !self.match_attr(&attr, p, at, binds)? {
                            return Ok(false);
                        }
                    }
                }
            }
        }
        for (attr, p) in kwargs {
            if !self.match_attr(attr, p, at, binds)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Matches attribute `attr` of the subject at `at` against `p` (no attribute: no
    /// match).
    fn match_attr<'a>(
        &mut self,
        attr: &str,
        p: &'a Pattern,
        at: usize,
        binds: &mut Vec<Binding<'a>>,
    ) -> PyResult<bool> {
        let Some(v) = self.lookup_attr(self.at(at), attr) else {
            return Ok(false);
        };
        let vi = self.push(v);
        self.match_pattern(p, vi, binds)
    }
}
