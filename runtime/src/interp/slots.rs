//! `__slots__` in a class statement: the names are checked (strings, identifiers, no
//! clash with a class variable), private names are mangled as the compiler mangles them
//! (`__x` in class `C` is `_C__x`), and each becomes a member
//! descriptor of the class (`A.x`, "<member 'x' of 'A' objects>"), whose values
//! `objects/slotvalue.rs` keeps. A class whose hierarchy all defines `__slots__` without
//! `__dict__` is `dictless`: its instances have no `__dict__` and refuse other names.
//! `__weakref__` is accepted (weak references need no slot here).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::hpyobj::{self, DescrKind};
use crate::objects::{list, ops, str as pystr, types};
use crate::state::State;

use super::lower::mangled_name;

/// What a class statement's `__slots__` asks for.
pub(crate) struct ClassSlots {
    /// The slot names, `__dict__` and `__weakref__` apart.
    names: Vec<String>,
    /// `__dict__` was listed: instances keep a dict.
    has_dict: bool,
}

fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    cs.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && cs.all(|c| c == '_' || c.is_alphanumeric())
}

impl State {
    /// Reads and checks `__slots__` of the namespace at stack index `nsi` of class
    /// `class_name` (None: the class does not define it).
    pub(crate) fn class_slots(
        &mut self,
        class_name: &str,
        nsi: usize,
    ) -> PyResult<Option<ClassSlots>> {
        let given = {
            let a = self.alloc();
            ops::dict_get_str(&a, self.obj(self.at(nsi)), "__slots__").map(|v| v.raw())
        };
        let Some(given) = given else {
            return Ok(None);
        };
        let items: Vec<RawRef> = if self.obj(given).kind() == self.b.kinds.str_ {
            vec![given]
        } else {
            let l = self.items_list(given)?;
            list::items(self.obj(l)).map(|i| i.raw()).collect()
        };
        let mut texts = Vec::new();
        for item in items {
            if self.obj(item).kind() != self.b.kinds.str_ {
                let t = self.type_name(item);
                return Err(self.raise(
                    "TypeError",
                    format!("__slots__ items must be strings, not '{t}'"),
                ));
            }
            texts.push(pystr::as_str(self.obj(item)).to_string());
        }
        let mut slots = ClassSlots {
            names: Vec::new(),
            has_dict: false,
        };
        let mut has_weakref = false;
        for text in texts {
            if !is_identifier(&text) {
                return Err(self.raise("TypeError", "__slots__ must be identifiers".into()));
            }
            let seen = match text.as_str() {
                "__dict__" => std::mem::replace(&mut slots.has_dict, true),
                "__weakref__" => std::mem::replace(&mut has_weakref, true),
                _ => {
                    // Mangled as `self.__x` is in the class's methods, so the two agree.
                    let private = class_name.trim_start_matches('_');
                    slots
                        .names
                        .push(mangled_name(private, &text).unwrap_or(text));
                    continue;
                }
            };
            if seen {
                return Err(self.raise(
                    "TypeError",
                    format!("{text} slot disallowed: we already got one"),
                ));
            }
        }
        for name in &slots.names {
            let clash = {
                let a = self.alloc();
                ops::dict_get_str(&a, self.obj(self.at(nsi)), name).is_some()
            };
            if clash {
                return Err(self.raise(
                    "ValueError",
                    format!("'{name}' in __slots__ conflicts with class variable"),
                ));
            }
        }
        Ok(Some(slots))
    }

    /// Gives the new class at stack index `ci` its slot descriptors and decides whether
    /// its instances have a dict. Only classes of the plain instance layout get them; a
    /// subclass of another builtin type keeps its `__slots__` names as plain attributes.
    pub(crate) fn install_slots(&mut self, ci: usize, slots: ClassSlots) -> PyResult<()> {
        let plain_layout = {
            let c = self.obj(self.at(ci));
            // The solid base: the first class of the MRO not made by a class statement.
            let solid = crate::objects::tuple::items(types::mro(c)).find(|t| !types::data(*t).py);
            types::data(c).ext.is_none() && solid.is_none_or(|t| t.raw() == self.b.object_type)
        };
        if !plain_layout {
            return Ok(());
        }
        let descr_type = self.b.iterator_types["member_descriptor"];
        for (i, name) in slots.names.iter().enumerate() {
            let d = {
                let a = self.alloc();
                let owner = self.obj(self.at(ci));
                hpyobj::new_descr(&a, descr_type, owner, name, DescrKind::Slot, i)?.raw()
            };
            self.setattr(self.at(ci), name, d)?;
        }
        let c = self.obj(self.at(ci));
        let object = self.b.object_type;
        let bases_dictless = crate::objects::tuple::items(types::mro(c))
            .skip(1)
            .all(|b| b.raw() == object || (types::data(b).py && types::data(b).dictless));
        types::data_mut(c).dictless = !slots.has_dict && bases_dictless;
        Ok(())
    }
}

impl State {
    /// The attributes of a member or get/set descriptor (`A.x.__name__`, `__objclass__`,
    /// `__qualname__`, and `__get__`/`__set__`/`__delete__` bound to it). `Ok(None)`:
    /// not one of them.
    pub(crate) fn descr_attr(&mut self, d: RawRef, name: &str) -> PyResult<Option<RawRef>> {
        let dob = self.obj(d);
        Ok(Some(match name {
            "__name__" => hpyobj::descr_name_obj(dob).raw(),
            "__objclass__" => hpyobj::descr_owner(dob).raw(),
            "__qualname__" => {
                let q = format!(
                    "{}.{}",
                    hpyobj::descr_owner_name(dob),
                    hpyobj::descr_name(dob)
                );
                pystr::new(&self.alloc(), &q)?.raw()
            }
            "__get__" | "__set__" | "__delete__" => {
                let native = format!("member{}", &name[1..name.len() - 2]);
                let index = super::natives::native_index(&native);
                super::classnatives::bound(self, name, index, d)?
            }
            _ => return Ok(None),
        }))
    }
}

/// The descriptor a `member__get__`… native is bound to, checked.
fn descr_receiver(st: &mut State, args: Args<'_>, what: &str) -> PyResult<RawRef> {
    let d = args.receiver(st);
    if st.obj(d).kind() != st.b.kinds.hpy_descr {
        let t = st.type_name(d);
        return Err(st.raise(
            "TypeError",
            format!("descriptor '{what}' requires a descriptor, not '{t}'"),
        ));
    }
    Ok(d)
}

fn expect_args(st: &mut State, args: Args<'_>, lo: usize, hi: usize) -> PyResult<()> {
    let n = args.len();
    if n < lo || n > hi || args.kw_len() != 0 {
        let msg = if lo == hi {
            format!(
                "expected {lo} argument{}, got {n}",
                if lo == 1 { "" } else { "s" }
            )
        } else {
            format!("expected {lo} or {hi} arguments, got {n}")
        };
        return Err(st.raise("TypeError", msg));
    }
    Ok(())
}

/// `descr.__get__(obj, type=None)`: the descriptor itself for `obj` None.
pub(super) fn member_get(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let d = descr_receiver(st, args, "__get__")?;
    expect_args(st, args, 1, 2)?;
    let obj = args.get(st, 0);
    if obj == st.b.none {
        return Ok(args.receiver(st));
    }
    st.descr_get(d, obj)
}

/// `descr.__set__(obj, value)`
pub(super) fn member_set(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let d = descr_receiver(st, args, "__set__")?;
    expect_args(st, args, 2, 2)?;
    let (obj, value) = (args.get(st, 0), args.get(st, 1));
    st.descr_set(d, obj, value)?;
    Ok(st.b.none)
}

/// `descr.__delete__(obj)`
pub(super) fn member_delete(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let d = descr_receiver(st, args, "__delete__")?;
    expect_args(st, args, 1, 1)?;
    let obj = args.get(st, 0);
    st.descr_set(d, obj, RawRef::NULL)?;
    Ok(st.b.none)
}
