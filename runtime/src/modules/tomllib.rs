//! `_tomllib`: the TOML parser behind `tomllib` (`runtime/stdlib/tomllib.py`), on the `toml`
//! crate (TOML 1.0, what Python 3.11's `tomllib` reads). `loads(text, make_datetime,
//! parse_float)` returns the document as dicts (in document order), lists, str, int, bool
//! and float; a date or time value is passed as its TOML text to `make_datetime` (the
//! Python side builds the `datetime` object); a float is passed to `parse_float` as its
//! shortest text when `parse_float` is not `float` (TOML's own spelling is not kept by
//! the crate: `1.50` arrives as `1.5`). A syntax error raises `ValueError` with the
//! crate's message; `tomllib.py` turns it into `TOMLDecodeError`.

use gc::RawRef;
use toml::Value;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{new_str, text_of};
use crate::objects::{dict, float, int, list, str as pystr};
use crate::state::State;

const FUNCTIONS: &[&str] = &["loads"];

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_tomllib", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

pub(crate) fn tomllib_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 || args.len() != 3 {
        return Err(st.raise(
            "TypeError",
            "_tomllib.loads() takes exactly 3 arguments (text, make_datetime, parse_float)"
                .to_string(),
        ));
    }
    let text = text_of(st, args.get(st, 0), "_tomllib.loads() argument")?;
    let doc: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let msg = e.to_string();
            return Err(st.raise("ValueError", msg.trim_end().to_string()));
        }
    };
    let parse_float = args.get(st, 2);
    let custom_float = parse_float != st.b.float_type;
    let hooks = Hooks {
        make_datetime: st.push(args.get(st, 1)),
        parse_float: custom_float.then(|| st.push(parse_float)),
    };
    let r = table(st, &doc, &hooks);
    st.truncate(hooks.make_datetime);
    r
}

/// Value-stack slots of the two callables (rooted: converting calls Python code).
struct Hooks {
    make_datetime: usize,
    parse_float: Option<usize>,
}

fn table(st: &mut State, t: &toml::Table, hooks: &Hooks) -> PyResult<RawRef> {
    let d = dict::new(&st.alloc())?.raw();
    let di = st.push(d);
    for (k, v) in t {
        let value = value(st, v, hooks)?;
        let vi = st.push(value);
        let key = new_str(st, k)?;
        // str keys: hashing and comparing them runs no Python code.
        st.dict_set(st.at(di), key, st.at(vi))?;
        st.truncate(vi);
    }
    let d = st.at(di);
    st.truncate(di);
    Ok(d)
}

fn value(st: &mut State, v: &Value, hooks: &Hooks) -> PyResult<RawRef> {
    Ok(match v {
        Value::String(s) => pystr::new(&st.alloc(), s)?.raw(),
        Value::Integer(i) => int::new_i64(&st.alloc(), *i)?.raw(),
        Value::Float(f) => match hooks.parse_float {
            None => float::new(&st.alloc(), *f)?.raw(),
            Some(slot) => {
                let text = float_text(*f);
                let arg = new_str(st, &text)?;
                st.call(st.at(slot), &[arg], &[])?
            }
        },
        Value::Boolean(b) => {
            if *b {
                st.b.true_
            } else {
                st.b.false_
            }
        }
        Value::Datetime(d) => {
            let arg = new_str(st, &d.to_string())?;
            st.call(st.at(hooks.make_datetime), &[arg], &[])?
        }
        Value::Array(items) => {
            let base = st.roots.stack.len();
            for item in items {
                let r = value(st, item, hooks)?;
                st.push(r);
            }
            let a = st.alloc();
            let objs: Vec<_> = (base..base + items.len())
                .map(|i| st.obj(st.at(i)))
                .collect();
            let l = list::new(&a, &objs)?.raw();
            drop(objs);
            st.truncate(base);
            l
        }
        Value::Table(t) => table(st, t, hooks)?,
    })
}

/// The float as TOML (and Python) spell it: `inf`, `nan`, or the shortest round trip.
fn float_text(f: f64) -> String {
    if f.is_nan() {
        "nan".into()
    } else if f.is_infinite() {
        if f > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{f:?}")
    }
}
