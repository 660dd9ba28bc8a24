//! Calls made by extension code: `HPy_Call` (HPy 0.9's vectorcall form: positional
//! arguments, then one value per name of the `kwnames` tuple), `HPy_CallTupleDict`,
//! `HPy_CallMethod` (the receiver is `args[0]`) and `HPyCallable_Check`.
//!
//! Calling a builtin type or an exception class goes to `State::call_type`; everything
//! else (extension functions, Python functions, extension types) to `State::call`.

use gc::RawRef;
use hpy_abi::{HPy, HPyContext, HPy_NULL};

use super::enter;
use crate::error::PyResult;
use crate::objects::types::{self, Instances};
use crate::objects::{dict, str as pystr, tuple, type_of};
use crate::protocols::call::callable;
use crate::state::State;

/// `f(*args, **kwargs)` for any object.
pub(crate) fn call_object(
    st: &mut State,
    f: RawRef,
    args: &[RawRef],
    kwargs: &[(String, RawRef)],
) -> PyResult<RawRef> {
    let fo = st.obj(f);
    if fo.kind() == st.b.kinds.type_
        && (fo.is_immortal() || types::data(fo).instances == Instances::Exception)
    {
        return st.call_type(f, args, kwargs);
    }
    st.call(f, args, kwargs)
}

pub(crate) unsafe extern "C" fn ctx_Callable_Check(ctx: *mut HPyContext, h: HPy) -> i32 {
    enter(ctx, "HPyCallable_Check", 0, |st| {
        let r = st.get(h, "HPyCallable_Check")?;
        Ok(callable(st, r) as i32)
    })
}

/// Positional arguments, and keyword arguments by name.
type VectorArgs = (Vec<RawRef>, Vec<(String, RawRef)>);

/// The arguments of a vectorcall: `nargs` positional values, then one value per name in
/// `kwnames` (a tuple of str, or HPy_NULL).
fn vector_args(
    st: &mut State,
    args: *const HPy,
    nargs: usize,
    kwnames: HPy,
    func: &str,
) -> PyResult<VectorArgs> {
    let names: Vec<String> = if kwnames._i == 0 {
        Vec::new()
    } else {
        let t = st.get(kwnames, func)?;
        let to = st.obj(t);
        let ok = to.kind() == st.b.kinds.tuple
            && tuple::items(to).all(|n| types::data(type_of(n)).instances == Instances::Str);
        if !ok {
            return Err(st.raise(
                "SystemError",
                format!("{func}: kwnames must be a tuple of str or HPy_NULL"),
            ));
        }
        tuple::items(to)
            .map(|n| pystr::as_str(n).to_string())
            .collect()
    };
    let total = nargs.checked_add(names.len());
    let Some(total) = total.filter(|t| *t <= isize::MAX as usize / 8) else {
        return Err(st.raise("SystemError", format!("{func}: too many arguments")));
    };
    if total > 0 && args.is_null() {
        return Err(st.raise(
            "SystemError",
            format!("{func}: NULL args array with {total} arguments"),
        ));
    }
    let mut values = Vec::with_capacity(total);
    for i in 0..total {
        // SAFETY: the extension passes an array of `nargs + len(kwnames)` handles.
        let h = unsafe { *args.add(i) };
        values.push(st.get(h, func)?);
    }
    let kw = names
        .into_iter()
        .zip(values.drain(nargs..))
        .collect::<Vec<_>>();
    Ok((values, kw))
}

pub(crate) unsafe extern "C" fn ctx_Call(
    ctx: *mut HPyContext,
    callable: HPy,
    args: *const HPy,
    nargs: usize,
    kwnames: HPy,
) -> HPy {
    enter(ctx, "HPy_Call", HPy_NULL, |st| {
        let f = st.get(callable, "HPy_Call")?;
        // The usual call, a few positional arguments, reads them into an array on the
        // stack: no allocation per call.
        let mut small = [RawRef::NULL; 8];
        if kwnames._i == 0 && nargs <= small.len() && (nargs == 0 || !args.is_null()) {
            for (i, v) in small[..nargs].iter_mut().enumerate() {
                // SAFETY: the extension passes an array of `nargs` handles.
                *v = st.get(unsafe { *args.add(i) }, "HPy_Call")?;
            }
            let r = call_object(st, f, &small[..nargs], &[])?;
            return Ok(st.roots.handles.open(r));
        }
        let (pos, kw) = vector_args(st, args, nargs, kwnames, "HPy_Call")?;
        let r = call_object(st, f, &pos, &kw)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_CallTupleDict(
    ctx: *mut HPyContext,
    callable: HPy,
    args: HPy,
    kw: HPy,
) -> HPy {
    enter(ctx, "HPy_CallTupleDict", HPy_NULL, |st| {
        let func = "HPy_CallTupleDict";
        let f = st.get(callable, func)?;
        // A few arguments are copied to an array on the stack: no allocation per call.
        let mut small = [RawRef::NULL; 8];
        let mut big: Vec<RawRef> = Vec::new();
        let pos: &[RawRef] = if args._i == 0 {
            &[]
        } else {
            let t = st.get(args, func)?;
            let to = st.obj(t);
            if types::data(type_of(to)).instances != Instances::Tuple {
                return Err(st.raise(
                    "TypeError",
                    "HPy_CallTupleDict requires args to be a tuple or null handle".into(),
                ));
            }
            let n = tuple::len(to);
            if n <= small.len() {
                for (s, i) in small.iter_mut().zip(tuple::items(to)) {
                    *s = i.raw();
                }
                &small[..n]
            } else {
                big.extend(tuple::items(to).map(|i| i.raw()));
                &big
            }
        };
        let mut kwargs = Vec::new();
        if kw._i != 0 {
            let d = st.get(kw, func)?;
            let dobj = st.obj(d);
            if types::data(type_of(dobj)).instances != Instances::Dict {
                return Err(st.raise(
                    "TypeError",
                    "HPy_CallTupleDict requires kw to be a dict or null handle".into(),
                ));
            }
            let entries: Vec<(RawRef, RawRef)> = dict::entries(dobj)
                .iter()
                .map(|(k, v)| (k.key.get(), *v))
                .collect();
            for (k, v) in entries {
                let ko = st.obj(k);
                if types::data(type_of(ko)).instances != Instances::Str {
                    return Err(st.raise("TypeError", "keywords must be strings".into()));
                }
                kwargs.push((pystr::as_str(ko).to_string(), v));
            }
        }
        let r = call_object(st, f, pos, &kwargs)?;
        Ok(st.roots.handles.open(r))
    })
}

pub(crate) unsafe extern "C" fn ctx_CallMethod(
    ctx: *mut HPyContext,
    name: HPy,
    args: *const HPy,
    nargs: usize,
    kwnames: HPy,
) -> HPy {
    enter(ctx, "HPy_CallMethod", HPy_NULL, |st| {
        let func = "HPy_CallMethod";
        let n = st.get(name, func)?;
        if nargs == 0 || args.is_null() {
            return Err(st.raise(
                "SystemError",
                "HPy_CallMethod: args[0] must be the receiver (nargs >= 1)".into(),
            ));
        }
        let no = st.obj(n);
        if types::data(type_of(no)).instances != Instances::Str {
            let t = st.type_name(n);
            return Err(st.raise(
                "TypeError",
                format!("attribute name must be string, not '{t}'"),
            ));
        }
        let method_name = pystr::as_str(no).to_string();
        // SAFETY: nargs >= 1, so the array holds the receiver first.
        let receiver = st.get(unsafe { *args }, func)?;
        let m = st.getattr(receiver, &method_name)?;
        // The attribute lookup may have run code: read the arguments after it.
        let (pos, kw) = vector_args(st, args, nargs, kwnames, func)?;
        let r = call_object(st, m, &pos[1..], &kw)?;
        Ok(st.roots.handles.open(r))
    })
}
