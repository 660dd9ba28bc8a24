//! `HPyField`: references from C payloads into the moving heap (DESIGN.md, "HPyField").
//!
//! A field holds its target's address. The collector learns where fields are through the
//! owner type's `tp_traverse(payload, visit, arg)`: `visit` hands each field's address to
//! the tracer, which rewrites it in place when the target moves. Addresses are checked by
//! the collector when it visits them and by `HPyField_Load` before it opens a handle; a
//! bad one is a fatal error naming the owner's type and the field's payload offset (a
//! stale address means `tp_traverse` missed the field, or the memory was overwritten).

use std::ffi::{c_int, c_void};

use gc::{GcObject, RawRef, Tracer};
use hpy_abi::{HPyField, HPyFunc_visitproc};

use crate::objects::hpyobj::Payload;
use crate::objects::types;

type Traverse = unsafe extern "C" fn(*mut c_void, HPyFunc_visitproc, *mut c_void) -> c_int;

/// What `visit` needs: the tracer, and where the fields are, for reports.
struct Visit<'a, 'b> {
    tracer: &'a mut Tracer<'b>,
    owner: GcObject,
    data: usize,
    errors: &'a mut Vec<String>,
    /// In debug mode: the addresses visited, to check the `tp_traverse` contract.
    visited: Option<Vec<usize>>,
}

/// Reports the fields of `owner`'s payload `p` to the collector through the type's
/// `tp_traverse`. A field holding a bad address is left alone and described in `errors`
/// (the collection then fails, and the runtime stops with that description).
///
/// In debug mode (`debug`), every field `HPyField_Store` wrote into the payload must have
/// been visited: one that was not is reported (with where it was stored) and visited here
/// on the extension's behalf, so the run goes on with correct fields.
pub(crate) fn traverse_payload(
    p: &Payload,
    owner: GcObject,
    t: &mut Tracer<'_>,
    errors: &mut Vec<String>,
    debug: Option<&mut crate::host::debug::Checker>,
) {
    if p.data.is_null() {
        return;
    }
    if p.traverse == 0 {
        if debug.is_some() {
            // Stores into a type without tp_traverse were reported when they happened.
            visit_recorded(p, owner, t, errors, &[], None);
        }
        return;
    }
    unsafe extern "C" fn visit(field: *mut HPyField, arg: *mut c_void) -> c_int {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: `arg` is the `Visit` passed below, live for the traversal.
            let v = unsafe { &mut *(arg as *mut Visit<'_, '_>) };
            if field.is_null() || !(field as usize).is_multiple_of(8) {
                let what = if field.is_null() {
                    "NULL"
                } else {
                    "misaligned"
                };
                v.errors.push(format!(
                    "{}: tp_traverse visited a {what} HPyField pointer {:p}",
                    describe_owner(v.owner),
                    field
                ));
                return;
            }
            if let Some(v) = v.visited.as_mut() {
                v.push(field as usize);
            }
            // SAFETY: the extension reports the address of a field it owns (in its
            // payload or in memory it allocated), readable and writable.
            let value = unsafe { (*field)._i };
            // SAFETY: as above; 8-aligned (checked).
            if value != 0 && !unsafe { v.tracer.edge_at(field as *mut RawRef) } {
                v.errors.push(format!(
                    "{} holds {value:#x}, which is not a live object \
                     (a stale address: was the field visited by tp_traverse at every \
                     collection, and written only with HPyField_Store?)",
                    describe_field(v.owner, v.data, field as usize)
                ));
            }
        }));
        if r.is_err() {
            crate::host::fatal::fatal("a panic while visiting an HPyField");
        }
        0
    }
    let mut v = Visit {
        tracer: t,
        owner,
        data: p.data as usize,
        errors,
        visited: debug.is_some().then(Vec::new),
    };
    let _no_api = crate::host::api_guard::During::new(crate::host::api_guard::Callback::Traverse);
    // SAFETY: the type's `tp_traverse` has the `HPyFunc_traverseproc` signature; the
    // payload is owned by the live object being traced; `v` outlives the call.
    unsafe {
        std::mem::transmute::<usize, Traverse>(p.traverse)(
            p.data.cast(),
            Some(visit),
            &mut v as *mut Visit<'_, '_> as *mut c_void,
        );
    }
    if let Some(d) = debug {
        let visited = v.visited.take().unwrap_or_default();
        visit_recorded(p, owner, v.tracer, v.errors, &visited, Some(d));
    }
}

/// Debug mode: visits the recorded fields of `p` that `tp_traverse` did not (`visited`),
/// reporting each one to `report` (when given).
fn visit_recorded(
    p: &Payload,
    owner: GcObject,
    t: &mut Tracer<'_>,
    errors: &mut Vec<String>,
    visited: &[usize],
    mut report: Option<&mut crate::host::debug::Checker>,
) {
    for off in p.fields.iter() {
        // SAFETY: recorded offsets lie inside the payload struct (checked when stored).
        let field = unsafe { p.data.add(off) } as usize;
        // SAFETY: as above; fields are 8-aligned words.
        let value = unsafe { *(field as *const isize) };
        if value == 0 || visited.contains(&field) {
            continue;
        }
        if let Some(d) = report.as_deref_mut() {
            d.field_not_traversed(p.data as usize, off, &type_name_of(owner));
        }
        // SAFETY: an aligned field inside the payload.
        if !unsafe { t.edge_at(field as *mut RawRef) } {
            errors.push(format!(
                "{} holds {value:#x}, which is not a live object",
                describe_field(owner, p.data as usize, field)
            ));
        }
    }
}

/// "an object of type 'mod.Name'", read from the owner's (current) type word.
fn describe_owner(owner: GcObject) -> String {
    format!("an object of type '{}'", type_name_of(owner))
}

fn type_name_of(owner: GcObject) -> String {
    let t = owner.word(crate::objects::W_TYPE) as usize;
    if t == 0 {
        return "?".into();
    }
    // SAFETY: the type word of an object being scanned or checked is its type's current
    // address (tracing visits the type word first).
    unsafe { types::data_at(t) }.tp_name.clone()
}

/// "the HPyField at payload offset 16 of an object of type 'mod.Name'".
pub(crate) fn describe_field(owner: GcObject, data: usize, field: usize) -> String {
    let name = type_name_of(owner);
    let t = owner.word(crate::objects::W_TYPE) as usize;
    let size = if t == 0 {
        0
    } else {
        // SAFETY: as in `type_name_of`.
        let data = unsafe { types::data_at(t) };
        data.ext.as_ref().map_or(0, |e| e.basicsize)
    };
    match field.checked_sub(data).filter(|off| *off < size) {
        Some(off) => format!("the HPyField at payload offset {off} of an object of type '{name}'"),
        None => format!(
            "the HPyField at {field:#x} (outside the payload, in memory the extension \
             allocated) of an object of type '{name}'"
        ),
    }
}

impl crate::state::State {
    /// `HPyField_Store`: writes `value`'s address (0 for none) into the field at `field`
    /// of `owner`'s payload, and records the field's offset.
    ///
    /// A field is only safe where the collector can see it: in the payload of an instance
    /// whose type has `tp_traverse`. Anything else would hold a stale address after the
    /// next collection, so it stops the process here, naming the type and the offset,
    /// rather than crash somewhere later.
    pub(crate) fn store_field(
        &mut self,
        owner: RawRef,
        field: *mut HPyField,
        value: RawRef,
    ) -> crate::error::PyResult<()> {
        const F: &str = "HPyField_Store";
        if field.is_null() || !(field as usize).is_multiple_of(8) {
            return Err(self.raise(
                "SystemError",
                format!("{F}: the field pointer {field:p} is NULL or misaligned"),
            ));
        }
        // The type's name only for messages: a store is on hot paths (building a tree).
        let tname = |st: &Self| {
            types::data(crate::objects::type_of(st.obj(owner)))
                .tp_name
                .clone()
        };
        let o = self.obj(owner);
        let basicsize = types::ext(crate::objects::type_of(o)).map_or(0, |e| e.basicsize);
        let Some(p) = crate::objects::hpyobj::payload_of(&self.b.kinds, o) else {
            let t = tname(self);
            return Err(self.raise(
                "SystemError",
                format!("{F}: the owner, a '{t}' object, has no payload to hold a field"),
            ));
        };
        let off = (field as usize)
            .checked_sub(p.data as usize)
            .filter(|off| *off < basicsize);
        if let Some(off) = off {
            p.fields.record(off);
        }
        let (data, traverse) = (p.data as usize, p.traverse);
        if let (Some(off), Some(d)) = (off, self.roots.handles.debug.as_deref_mut()) {
            d.on_field_store(data, off);
        }
        if traverse == 0 && !value.is_null() {
            let t = tname(self);
            let place = off.map_or_else(
                || format!("at {field:p}"),
                |off| format!("at payload offset {off}"),
            );
            match (off, self.roots.handles.debug.as_deref_mut()) {
                // Debug mode reports it and keeps the field current itself.
                (Some(_), Some(d)) => d.field_without_traverse(&t, &place),
                _ => crate::host::fatal::fatal(&format!(
                    "{F}: type '{t}' has no HPy_tp_traverse, so the collector cannot update \
                     the HPyField {place} when its target moves; give the type a tp_traverse \
                     that visits every HPyField (and the HPy_TPFLAGS_HAVE_GC flag)"
                )),
            }
        }
        // SAFETY: an aligned, non-null pointer the extension gives as its field's address.
        unsafe { (*field)._i = value.addr() as isize };
        Ok(())
    }

    /// `HPyField_Load` and object members: the object a field of `owner` holds (`value`
    /// is the field's content), checked first. A bad address stops the process with the
    /// owner's type and the field's offset (`offset`, or the recorded field that holds
    /// `value`).
    pub(crate) fn checked_field_target(
        &mut self,
        owner: RawRef,
        value: isize,
        offset: Option<usize>,
        func: &str,
    ) -> RawRef {
        let raw = RawRef::from_addr(value as usize);
        match self.heap.check(raw) {
            Ok(_) => raw,
            Err(why) => {
                let o = self.obj(owner);
                let tname = types::data(crate::objects::type_of(o)).tp_name.clone();
                let p = crate::objects::hpyobj::payload_of(&self.b.kinds, o);
                let offset = offset.or_else(|| {
                    let p = p?;
                    p.fields.iter().find(|off| {
                        // SAFETY: recorded offsets lie inside the payload (checked when
                        // stored); fields are 8-aligned words.
                        unsafe { *(p.data.add(*off) as *const isize) == value }
                    })
                });
                let place = offset.map_or_else(
                    || "an HPyField".to_string(),
                    |off| format!("the HPyField at payload offset {off}"),
                );
                crate::host::fatal::fatal(&format!(
                    "{func}: {place} of an object of type '{tname}' holds {value:#x}, which \
                     is not a live object: {why}. The field was not kept current: does the \
                     type's tp_traverse visit it, and is it written only with HPyField_Store?"
                ))
            }
        }
    }
}
