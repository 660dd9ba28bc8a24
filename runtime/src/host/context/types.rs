//! Type queries. (Creating types from specs arrives with extension types.)

use std::ffi::c_char;

use hpy_abi::{HPy, HPyContext};

use super::enter;
use crate::error::PyResult;
use crate::objects::types;
use crate::state::State;

/// The type behind handle `h`, or a TypeError naming `func`.
fn type_arg(st: &mut State, h: HPy, func: &str) -> PyResult<gc::RawRef> {
    let r = st.get(h, func)?;
    if st.obj(r).kind() == st.b.kinds.type_ {
        return Ok(r);
    }
    let t = st.type_name(r);
    Err(st.raise("TypeError", format!("{func}: expected a type, got '{t}'")))
}

/// `tp_name` (`"int"`, `"mymod.Point"`) as a non-moving copy tied to the handle it came
/// through, like every raw pointer the runtime hands out (DESIGN.md).
pub(crate) unsafe extern "C" fn ctx_Type_GetName(
    ctx: *mut HPyContext,
    type_: HPy,
) -> *const c_char {
    enter(ctx, "HPyType_GetName", std::ptr::null(), |st| {
        let t = type_arg(st, type_, "HPyType_GetName")?;
        // The reference host gives a heap type's `__name__` and a static type's tp_name
        // after its last dot: both are the type's `__name__` ('mytest.Dummy' -> 'Dummy').
        Ok(super::text::raw_copy(st, type_, "HPyType_GetName", |st| {
            types::name(st.obj(t)).as_bytes().to_vec()
        }))
    })
}

pub(crate) unsafe extern "C" fn ctx_Type_IsSubtype(
    ctx: *mut HPyContext,
    sub: HPy,
    type_: HPy,
) -> i32 {
    enter(ctx, "HPyType_IsSubtype", -1, |st| {
        let s = type_arg(st, sub, "HPyType_IsSubtype")?;
        let t = type_arg(st, type_, "HPyType_IsSubtype")?;
        Ok(types::is_subtype(st.obj(s), st.obj(t)) as i32)
    })
}

// ---------------------------------------------------------------------------------------
// Extension types: HPyType_FromSpec and the instance functions.

use std::ffi::c_void;

use hpy_abi::{
    HPyCallFunction, HPyDef, HPyDef_Kind_GetSet, HPyDef_Kind_Member, HPyDef_Kind_Meth,
    HPyDef_Kind_Slot, HPyMember_FieldType, HPySlot_Slot, HPyType_BuiltinShape, HPyType_Spec,
    HPyType_SpecParam, HPy_NULL, HPy_TPFLAGS_BASETYPE, HPy_TPFLAGS_HAVE_GC,
    HPy_TPFLAGS_HAVE_VECTORCALL, HPy_ssize_t,
};

use crate::objects::hpyobj::{self, DescrKind, ExtType, GetSet, Member};
use crate::objects::{function, str as pystr, type_of};

/// A method as read from its definition.
struct MethDef {
    name: String,
    doc: Option<String>,
    impl_: usize,
    signature: u32,
}

/// The slots a type may have (module slots are refused at type creation). The buffer
/// slots are accepted and recorded; hpymove has no buffer consumer (`memoryview`
/// instances) that calls them yet.
fn supported_type_slot(s: HPySlot_Slot) -> bool {
    use hpy_abi::*;
    !matches!(s, HPy_mod_create | HPy_mod_exec) && HPySlot_SIG.iter().any(|(k, _)| *k == s)
}

/// Size in bytes of a member type's C storage (`None`: not a member type).
fn member_size(t: HPyMember_FieldType) -> Option<usize> {
    use hpy_abi::*;
    Some(match t {
        HPyMember_SHORT | HPyMember_USHORT => 2,
        HPyMember_INT | HPyMember_UINT | HPyMember_FLOAT => 4,
        HPyMember_CHAR | HPyMember_BYTE | HPyMember_UBYTE | HPyMember_BOOL => 1,
        HPyMember_STRING_INPLACE | HPyMember_NONE => 0,
        HPyMember_LONG | HPyMember_ULONG | HPyMember_DOUBLE | HPyMember_STRING
        | HPyMember_OBJECT | HPyMember_OBJECT_EX | HPyMember_LONGLONG | HPyMember_ULONGLONG
        | HPyMember_HPYSSIZET => 8,
        _ => return None,
    })
}

fn opt_str(p: *const std::ffi::c_char) -> Option<String> {
    // SAFETY: a NUL-terminated string from the extension's definition, or NULL.
    (!p.is_null()).then(|| {
        unsafe { std::ffi::CStr::from_ptr(p) }
            .to_string_lossy()
            .into_owned()
    })
}

fn from_spec(
    st: &mut State,
    spec: *mut HPyType_Spec,
    params: *mut HPyType_SpecParam,
) -> PyResult<HPy> {
    const F: &str = "HPyType_FromSpec";
    if spec.is_null() {
        return Err(st.raise("SystemError", format!("{F}: NULL spec")));
    }
    // SAFETY: the extension passes a valid spec, live for the call.
    let spec = unsafe { *spec };
    let name = super::c_str(st, spec.name, F)?.to_string();
    let shape = spec.builtin_shape.0;
    if !spec.legacy_slots.is_null() && shape != HPyType_BuiltinShape(-1).0 {
        return Err(st.raise(
            "TypeError",
            "cannot specify .legacy_slots without setting .builtin_shape=HPyType_BuiltinShape_Legacy".into(),
        ));
    }
    if shape == -1 {
        return Err(st.raise(
            "TypeError",
            format!("type '{name}' uses HPyType_BuiltinShape_Legacy or legacy_slots, which need the CPython C API (hybrid ABI); hpymove is a universal host"),
        ));
    }
    // 0 Object … 6 List are HPy 0.9's shapes; 7 (Dict) comes with the later headers whose
    // context members (`h_DictType`, `_HPy_AsStruct_Dict`) hpymove provides too. hpy 0.9's
    // own host refuses 7 as an invalid shape.
    if !(0..=7).contains(&shape) {
        return Err(st.raise("ValueError", format!("invalid shape: {shape}")));
    }
    if spec.basicsize < 0 {
        return Err(st.raise("SystemError", format!("{F}: negative basicsize")));
    }

    // The definitions.
    let mut slots: Vec<(HPySlot_Slot, usize)> = Vec::new();
    let mut meths: Vec<MethDef> = Vec::new();
    let mut members: Vec<Member> = Vec::new();
    let mut getsets: Vec<GetSet> = Vec::new();
    let mut vectorcall_offset = None;
    if !spec.defines.is_null() {
        let mut i = 0;
        loop {
            // SAFETY: a NULL-terminated array of pointers to definitions.
            let d: *mut HPyDef = unsafe { *spec.defines.add(i) };
            if d.is_null() {
                break;
            }
            i += 1;
            // SAFETY: a valid definition; the union member read matches `kind`.
            let d = unsafe { *d };
            match d.kind {
                HPyDef_Kind_Slot => {
                    // SAFETY: kind says slot.
                    let s = unsafe { d.u.slot };
                    if !supported_type_slot(s.slot) {
                        let known = hpy_abi::HPySlot_SIG.iter().any(|(k, _)| *k == s.slot);
                        return Err(if known {
                            st.raise(
                                "SystemError",
                                format!(
                                    "{F}: type '{name}': slot {} is not supported by hpymove",
                                    s.slot.0
                                ),
                            )
                        } else {
                            st.raise("RuntimeError", "invalid slot offset".into())
                        });
                    }
                    let imp = s.r#impl.map_or(0, |f| f as usize);
                    if imp == 0 {
                        return Err(st.raise(
                            "SystemError",
                            format!("{F}: slot {} has a NULL impl", s.slot.0),
                        ));
                    }
                    slots.push((s.slot, imp));
                }
                HPyDef_Kind_Meth => {
                    // SAFETY: kind says meth.
                    let m = unsafe { d.u.meth };
                    let sig = m.signature.0;
                    if !(1..=4).contains(&sig) {
                        return Err(st.raise("ValueError", "Unsupported HPyMeth signature".into()));
                    }
                    let mname = super::c_str(st, m.name, F)?.to_string();
                    meths.push(MethDef {
                        name: mname,
                        doc: opt_str(m.doc),
                        impl_: m.r#impl.map_or(0, |f| f as usize),
                        signature: sig,
                    });
                }
                HPyDef_Kind_Member => {
                    // SAFETY: kind says member.
                    let m = unsafe { d.u.member };
                    let mname = super::c_str(st, m.name, F)?.to_string();
                    let Some(size) = member_size(m.r#type) else {
                        return Err(st.raise(
                            "SystemError",
                            format!(
                                "{F}: member '{mname}' of '{name}' has the bad member type {}",
                                m.r#type.0
                            ),
                        ));
                    };
                    if m.offset < 0 || (m.offset as usize + size) > spec.basicsize as usize {
                        if spec.basicsize == 0 {
                            return Err(st.raise(
                                "TypeError",
                                "Type claims to have basicsize==0 but defines members".into(),
                            ));
                        }
                        return Err(st.raise(
                            "SystemError",
                            format!("{F}: member '{mname}' of '{name}' lies outside the struct (offset {}, basicsize {})", m.offset, spec.basicsize),
                        ));
                    }
                    // `__vectorcalloffset__` stays a (read-only) member, as on CPython;
                    // reading it gives the instance's call function (see `descr_get`).
                    let vectorcall = mname == "__vectorcalloffset__";
                    if vectorcall {
                        vectorcall_offset = Some(m.offset as usize);
                    }
                    members.push(Member {
                        name: mname,
                        ty: m.r#type,
                        offset: m.offset as usize,
                        readonly: m.readonly != 0 || vectorcall,
                    });
                }
                HPyDef_Kind_GetSet => {
                    // SAFETY: kind says getset.
                    let g = unsafe { d.u.getset };
                    let gname = super::c_str(st, g.name, F)?.to_string();
                    getsets.push(GetSet {
                        name: gname,
                        getter: g.getter_impl.map_or(0, |f| f as usize),
                        setter: g.setter_impl.map_or(0, |f| f as usize),
                        closure: g.closure as usize,
                    });
                }
                other => {
                    return Err(st.raise(
                        "SystemError",
                        format!("{F}: bad definition kind {}", other.0),
                    ))
                }
            }
        }
    }
    let has = |s: HPySlot_Slot| slots.iter().any(|(k, _)| *k == s);
    if spec.flags & HPy_TPFLAGS_HAVE_GC != 0 && !has(hpy_abi::HPy_tp_traverse) {
        return Err(st.raise(
            "ValueError",
            "You must provide an HPy_tp_traverse slot if you specify HPy_TPFLAGS_HAVE_GC".into(),
        ));
    }
    // `itemsize` is accepted (HPy_New allocates `basicsize` whatever it says), except with
    // HPy_tp_call, whose hidden call field HPy appends to the struct.
    if spec.itemsize != 0 && has(hpy_abi::HPy_tp_call) {
        return Err(st.raise(
            "TypeError",
            "Cannot use HPy call protocol with var objects".into(),
        ));
    }
    if vectorcall_offset.is_some() && has(hpy_abi::HPy_tp_call) {
        return Err(st.raise(
            "TypeError",
            "Cannot have HPy_tp_call and explicit member'__vectorcalloffset__'. Specify just one of them.".into(),
        ));
    }
    if has(hpy_abi::HPy_tp_call) {
        // HPy implements HPy_tp_call with the vectorcall protocol and adds the member
        // itself (read-only, first).
        members.insert(
            0,
            Member {
                name: "__vectorcalloffset__".into(),
                ty: hpy_abi::HPyMember_HPYSSIZET,
                offset: 0,
                readonly: true,
            },
        );
    }

    // The metaclass (HPy's `get_metatype`): checked before the bases, while no raw
    // reference is held (the message's repr may run extension code).
    let metaclass = metaclass_param(st, params)?;

    // The parameters: bases and metaclass.
    let mut bases: Vec<gc::RawRef> = Vec::new();
    let mut tuple_bases = 0;
    if !params.is_null() {
        let mut i = 0;
        loop {
            // SAFETY: an array ending with a zero kind.
            let p = unsafe { *params.add(i) };
            i += 1;
            match p.kind.0 {
                0 => break,
                1 => bases.push(type_arg(st, p.object, F)?),
                2 => {
                    tuple_bases += 1;
                    let t = st.get(p.object, F)?;
                    let o = st.obj(t);
                    if types::data(type_of(o)).instances != types::Instances::Tuple {
                        return Err(st.raise(
                            "TypeError",
                            "HPyType_SpecParam_BasesTuple must be a tuple".into(),
                        ));
                    }
                    bases.extend(crate::objects::tuple::items(o).map(|b| b.raw()));
                }
                3 => {} // read by `metaclass_param`
                _ => {
                    return Err(st.raise(
                        "TypeError",
                        format!("unknown HPyType_SpecParam specification for '{name}'"),
                    ))
                }
            }
        }
    }
    if tuple_bases > 1 {
        return Err(st.raise(
            "TypeError",
            "multiple specifications of HPyType_SpecParam_BasesTuple".into(),
        ));
    }
    if tuple_bases == 1 && bases.len() > 1 && params_has_single_base(params) {
        return Err(st.raise(
            "TypeError",
            "cannot specify both HPyType_SpecParam_Base and HPytype_SpecParam_BasesTuple".into(),
        ));
    }
    if bases.is_empty() {
        bases.push(st.b.object_type);
    }
    // The default shape (Object) with a base of another layout (`int`, `str`, an extension
    // type of a builtin shape) takes the base's layout, as HPy on CPython inherits the
    // base's struct when `basicsize` is 0.
    let shape = if shape == 0 {
        inherited_shape(st, &bases)
    } else {
        shape
    };
    // The builtin type whose instances a shape's instances are (Object: none).
    let shape_base = match shape {
        0 => None,
        1 => Some((st.b.type_type, types::Instances::Type)),
        2 => Some((st.b.int_type, types::Instances::Int)),
        3 => Some((st.b.float_type, types::Instances::Float)),
        4 => Some((st.b.str_type, types::Instances::Str)),
        5 => Some((st.b.tuple_type, types::Instances::Tuple)),
        6 => Some((st.b.list_type, types::Instances::List)),
        _ => Some((st.b.dict_type, types::Instances::Dict)),
    };
    // A builtin shape needs its builtin type among the bases' MROs (HPy: the shape must
    // match the base), and every instance layout along the bases must agree.
    let instances = shape_base.map_or(types::Instances::Object, |(_, i)| i);
    for b in &bases {
        let bo = st.obj(*b);
        let bi = types::data(bo).instances;
        // An extension type of the default shape without a struct of its own adds nothing
        // to the layout: CPython's solid base of such a type is `object`, so it combines
        // with any builtin base (`int` and a default-shape `Dummy`).
        let adds_nothing = bi == types::Instances::Object
            && types::ext(bo).is_some_and(|e| e.shape == 0 && e.basicsize == 0);
        let fits = match shape_base {
            None => matches!(bi, types::Instances::Object),
            Some((bt, i)) => {
                bi == i && types::is_subtype(bo, st.obj(bt))
                    || *b == st.b.object_type
                    || adds_nothing
            }
        };
        if !fits {
            let bn = types::data(bo).tp_name.clone();
            return Err(st.raise(
                "TypeError",
                format!("{F}: type '{name}': builtin shape {shape} does not match base '{bn}'"),
            ));
        }
    }
    if let Some((bt, _)) = shape_base {
        if !bases
            .iter()
            .any(|b| types::is_subtype(st.obj(*b), st.obj(bt)))
        {
            let bn = types::name(st.obj(bt)).to_string();
            return Err(st.raise(
                "TypeError",
                format!("{F}: type '{name}' has builtin shape {shape}: it needs '{bn}' (or a subtype) as its base"),
            ));
        }
    }
    // HPy 0.9 on CPython 3.11 (`_PyType_FromMetaclass`) allocates the type with the
    // metaclass's `tp_alloc` only if its `tp_new` is type's own: any other type (int, a
    // type with its own HPy_tp_new, one that is no subclass of type) is refused.
    let metaclass = match metaclass {
        Some(h) => {
            let m = st.get(h, F)?;
            let mo = st.obj(m);
            let type_new = m == st.b.type_type
                || (types::is_subtype(mo, st.obj(st.b.type_type))
                    && types::ext(mo).is_none_or(|e| e.slot(hpy_abi::HPy_tp_new).is_none()));
            if !type_new {
                return Err(st.raise(
                    "TypeError",
                    "Metaclasses with custom tp_new are not supported.".into(),
                ));
            }
            (m != st.b.type_type).then_some(m)
        }
        None => None,
    };
    // Every base must be object, the shape's builtin type or an extension type that allows
    // subclassing.
    let mut inherited = ExtType::default();
    for b in &bases {
        let bo = st.obj(*b);
        if *b == st.b.object_type || shape_base.is_some_and(|(bt, _)| bt == *b) {
            continue;
        }
        match types::ext(bo) {
            Some(e) if e.flags & HPy_TPFLAGS_BASETYPE != 0 => {
                if e.basicsize > inherited.basicsize {
                    inherited.basicsize = e.basicsize;
                }
            }
            _ => {
                let bn = types::data(bo).tp_name.clone();
                return Err(st.raise(
                    "TypeError",
                    format!("type '{bn}' is not an acceptable base type"),
                ));
            }
        }
    }
    // Slots are inherited from the bases, the first base winning (its MRO comes first).
    for b in bases.iter().rev() {
        if let Some(e) = types::ext(st.obj(*b)) {
            let e = e.clone();
            inherited.slots.extend(&e.slots);
            if inherited.vectorcall_offset.is_none() {
                inherited.vectorcall_offset = e.vectorcall_offset;
            }
        }
    }
    // A type that defines tp_richcompare without tp_hash does not inherit tp_hash.
    if has(hpy_abi::HPy_tp_richcompare) && !has(hpy_abi::HPy_tp_hash) {
        inherited.slots.remove(hpy_abi::HPy_tp_hash);
    }
    for (s, imp) in &slots {
        inherited.slots.insert(*s, *imp);
    }
    let basicsize = (spec.basicsize as usize).max(inherited.basicsize);
    let mut flags = spec.flags;
    if vectorcall_offset.is_some() || inherited.vectorcall_offset.is_some() {
        flags |= HPy_TPFLAGS_HAVE_VECTORCALL;
    }
    let ext = ExtType {
        basicsize,
        flags,
        shape,
        slots: inherited.slots,
        members,
        getsets,
        vectorcall_offset: vectorcall_offset.or(inherited.vectorcall_offset),
    };

    // The type itself: nothing below reaches a safepoint.
    let mro_error = {
        let a = st.alloc();
        let base_objs: Vec<_> = bases.iter().map(|b| a.heap_obj(*b)).collect();
        types::c3_mro(&base_objs).err()
    };
    if let Some(msg) = mro_error {
        return Err(st.raise("TypeError", msg));
    }
    let a = st.alloc();
    let base_objs: Vec<_> = bases.iter().map(|b| a.heap_obj(*b)).collect();
    let mro = types::c3_mro(&base_objs).expect("checked above");
    let t = types::new_heap(&a, &name, base_objs[0], &mro, instances)?;
    let descr_types = (
        st.b.iterator_types["member_descriptor"],
        st.b.iterator_types["getset_descriptor"],
    );
    let put = |k: &str, v: gc::ObjRef<'_>| -> PyResult<()> {
        let ks = pystr::new(&a, k)?;
        crate::objects::ops::dict_set_str(&a, types::dict(t), ks, v);
        Ok(())
    };
    let module = match name.rfind('.') {
        Some(i) => &name[..i],
        None => "builtins",
    };
    put("__module__", pystr::new(&a, module)?)?;
    let doc = match opt_str(spec.doc) {
        Some(s) => pystr::new(&a, &s)?,
        None => a.none(),
    };
    put("__doc__", doc)?;
    for (i, m) in ext.members.iter().enumerate() {
        let dsc = hpyobj::new_descr(&a, descr_types.0, t, &m.name, DescrKind::Member, i)?;
        put(&m.name, dsc)?;
    }
    for (i, g) in ext.getsets.iter().enumerate() {
        let dsc = hpyobj::new_descr(&a, descr_types.1, t, &g.name, DescrKind::GetSet, i)?;
        put(&g.name, dsc)?;
    }
    for m in &meths {
        let f = function::new(
            &a,
            &m.name,
            m.doc.as_deref(),
            t,
            m.impl_,
            m.signature | crate::objects::function::METHOD_DESCR,
            crate::host::crash::intern(&format!("{name}.{}", m.name)),
        )?;
        put(&m.name, f)?;
    }
    types::data_mut(t).ext = Some(Box::new(ext));
    if let Some(m) = metaclass {
        // A type whose type is the metaclass: the metaclass's payload (what
        // `_HPy_AsStruct_Type` returns) is the type's, outside the moving heap like any
        // other, found through the side table of builtin-shape payloads. A type owns its
        // TypeData and is registered as external already.
        let mo = a.heap_obj(m);
        a.set(t, crate::objects::W_TYPE, Some(mo));
        let me = types::ext(mo).expect("a metaclass other than type is an extension type");
        crate::host::payload::attach_payload(&a, t, me, false)?;
    }
    let r = t.raw();
    Ok(st.roots.handles.open(r))
}

/// The `HPyType_SpecParam_Metaclass` entry, if any (HPy's `get_metatype`): given twice is
/// a ValueError, something other than a type a TypeError.
fn metaclass_param(st: &mut State, params: *mut HPyType_SpecParam) -> PyResult<Option<HPy>> {
    if params.is_null() {
        return Ok(None);
    }
    let mut found = None;
    let mut i = 0;
    loop {
        // SAFETY: an array ending with a zero kind.
        let p = unsafe { *params.add(i) };
        i += 1;
        match p.kind.0 {
            0 => return Ok(found),
            3 => {
                if found.is_some() {
                    return Err(st.raise(
                        "ValueError",
                        "metaclass was specified multiple times".into(),
                    ));
                }
                let m = st.get(p.object, "HPyType_FromSpec")?;
                if st.obj(m).kind() != st.b.kinds.type_ {
                    let r = st.repr_text(m)?;
                    return Err(st.raise(
                        "TypeError",
                        format!("Metaclass '{r}' is not a subclass of 'type'."),
                    ));
                }
                found = Some(p.object);
            }
            _ => {}
        }
    }
}

/// The builtin shape whose layout the first base of a builtin layout has (0: every base
/// is a plain object layout, or one no shape describes).
fn inherited_shape(st: &State, bases: &[gc::RawRef]) -> i32 {
    bases
        .iter()
        .map(|b| match types::data(st.obj(*b)).instances {
            types::Instances::Type => 1,
            types::Instances::Int => 2,
            types::Instances::Float => 3,
            types::Instances::Str => 4,
            types::Instances::Tuple => 5,
            types::Instances::List => 6,
            types::Instances::Dict => 7,
            _ => 0,
        })
        .find(|s| *s != 0)
        .unwrap_or(0)
}

/// Whether the parameters contain an `HPyType_SpecParam_Base` entry.
fn params_has_single_base(params: *mut HPyType_SpecParam) -> bool {
    let mut i = 0;
    loop {
        // SAFETY: an array ending with a zero kind (already walked by the caller).
        let p = unsafe { *params.add(i) };
        match p.kind.0 {
            0 => return false,
            1 => return true,
            _ => i += 1,
        }
    }
}

pub(crate) unsafe extern "C" fn ctx_Type_FromSpec(
    ctx: *mut HPyContext,
    spec: *mut HPyType_Spec,
    params: *mut HPyType_SpecParam,
) -> HPy {
    enter(ctx, "HPyType_FromSpec", HPy_NULL, |st| {
        from_spec(st, spec, params)
    })
}

pub(crate) unsafe extern "C" fn ctx_Type_GenericNew(
    ctx: *mut HPyContext,
    type_: HPy,
    _args: *const HPy,
    _nargs: HPy_ssize_t,
    _kw: HPy,
) -> HPy {
    enter(ctx, "HPyType_GenericNew", HPy_NULL, |st| {
        let t = st.get(type_, "HPyType_GenericNew")?;
        if st.obj(t).kind() != st.b.kinds.type_ {
            return Err(st.raise(
                "TypeError",
                "HPy_Type_GenericNew arg 1 must be a type".into(),
            ));
        }
        let o = st.generic_new(t)?;
        Ok(st.roots.handles.open(o))
    })
}

pub(crate) unsafe extern "C" fn ctx_New(
    ctx: *mut HPyContext,
    h_type: HPy,
    data: *mut *mut c_void,
) -> HPy {
    enter(ctx, "HPy_New", HPy_NULL, |st| {
        let t = st.get(h_type, "HPy_New")?;
        if st.obj(t).kind() != st.b.kinds.type_ {
            return Err(st.raise("TypeError", "HPy_New arg 1 must be a type".into()));
        }
        let o = st.generic_new(t)?;
        if !data.is_null() {
            let p = hpyobj::data_of(&st.b.kinds, st.obj(o));
            // SAFETY: the extension passes a writable `void **`.
            unsafe { *data = p.cast() };
        }
        Ok(st.roots.handles.open(o))
    })
}

/// The payload of an extension instance; stable while a handle to it is open.
fn as_struct(ctx: *mut HPyContext, h: HPy, func: &'static str) -> *mut c_void {
    super::enter_nogc(ctx, func, std::ptr::null_mut(), |st| {
        let r = st.get(h, func)?;
        let o = st.obj(r);
        if o.kind() == st.b.kinds.hpy_instance
            || types::ext(type_of(o)).is_some_and(|e| e.shape > 0)
        {
            // An Object-shape instance, or a builtin-shape one (through the side table).
            return Ok(hpyobj::data_of(&st.b.kinds, o).cast());
        }
        let tn = st.type_name(r);
        Err(st.raise(
            "TypeError",
            format!("{func}: '{tn}' object has no HPy payload"),
        ))
    })
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Object(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Object")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Legacy(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Legacy")
}

/// The payload of a type whose metaclass is a Type-shaped extension type (HPy's
/// `HPyType_HELPERS(Meta, HPyType_BuiltinShape_Type)`), or of an instance of such a
/// metaclass's subtype.
pub(crate) unsafe extern "C" fn ctx_AsStruct_Type(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Type")
}

/// The payload of an instance of a Dict-shaped type (a member the headers after 0.9 add).
pub(crate) unsafe extern "C" fn ctx_AsStruct_Dict(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Dict")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Long(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Long")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Float(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Float")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Unicode(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Unicode")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_Tuple(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_Tuple")
}

pub(crate) unsafe extern "C" fn ctx_AsStruct_List(ctx: *mut HPyContext, h: HPy) -> *mut c_void {
    as_struct(ctx, h, "_HPy_AsStruct_List")
}

pub(crate) unsafe extern "C" fn ctx_Type_GetBuiltinShape(
    ctx: *mut HPyContext,
    h_type: HPy,
) -> HPyType_BuiltinShape {
    enter(
        ctx,
        "_HPyType_GetBuiltinShape",
        HPyType_BuiltinShape(-2),
        |st| {
            let t = type_arg(st, h_type, "_HPyType_GetBuiltinShape")?;
            Ok(HPyType_BuiltinShape(
                types::ext(st.obj(t)).map_or(-1, |e| e.shape),
            ))
        },
    )
}

pub(crate) unsafe extern "C" fn ctx_SetCallFunction(
    ctx: *mut HPyContext,
    h: HPy,
    func: *mut HPyCallFunction,
) -> std::ffi::c_int {
    enter(ctx, "HPy_SetCallFunction", -1, |st| {
        let r = st.get(h, "HPy_SetCallFunction")?;
        // The HPy call protocol: a type with `HPy_tp_call` or an explicit
        // `__vectorcalloffset__` member (HPy sets the vectorcall flag for both).
        let ok = st.ext_of(r).is_some_and(|e| {
            e.vectorcall_offset.is_some() || e.slot(hpy_abi::HPy_tp_call).is_some()
        }) && hpyobj::payload_of(&st.b.kinds, st.obj(r)).is_some();
        if !ok {
            let tn = types::data(type_of(st.obj(r))).tp_name.clone();
            return Err(st.raise(
                "TypeError",
                format!("type '{tn}' does not implement the HPy call protocol"),
            ));
        }
        if func.is_null() {
            return Err(st.raise("SystemError", "HPy_SetCallFunction: NULL function".into()));
        }
        // SAFETY: the extension passes a valid `HPyCallFunction`.
        let imp = unsafe { (*func).r#impl }.map_or(0, |f| f as usize);
        if let Some(p) = hpyobj::payload_of(&st.b.kinds, st.obj(r)) {
            p.call = imp;
        }
        Ok(0)
    })
}
