//! `_hpymove`: what hpymove offers Python code beyond the standard library. `load(name,
//! path, spec=None)` loads the universal extension at an explicit path as module `name`
//! without registering it (not importable afterwards, as `hpy.universal.load` on CPython):
//! test harnesses load a freshly built module per test this way. `spec` is what an
//! `HPy_mod_create` slot receives (by default one made for the file).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::str as pystr;
use crate::state::State;

const FUNCTIONS: &[&str] = &["load"];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_hpymove", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

pub(crate) fn hpymove_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    debug_assert_eq!(fname, "load");
    if args.kw_len() != 0 || !(2..=3).contains(&args.len()) {
        return Err(st.raise(
            "TypeError",
            "_hpymove.load() takes two or three arguments (name, path, spec=None)".to_string(),
        ));
    }
    let mut strs = Vec::new();
    for i in 0..2 {
        if args.obj(st, i).kind() != st.b.kinds.str_ {
            let t = st.type_name(args.get(st, i));
            return Err(st.raise(
                "TypeError",
                format!("_hpymove.load(): argument {} must be str, not {t}", i + 1),
            ));
        }
        strs.push(pystr::as_str(args.obj(st, i)).to_string());
    }
    let (name, path) = (&strs[0], std::path::Path::new(&strs[1]));
    let spec = match args.opt(st, 2).filter(|s| *s != st.b.none) {
        Some(s) => s,
        None => st.file_spec(name, &strs[1], true, None)?,
    };
    let si = st.push(spec);
    let r = st.load_extension(name, path, si, false);
    st.truncate(si);
    r
}
