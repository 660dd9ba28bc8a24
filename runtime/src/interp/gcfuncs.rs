//! `gc.get_referents(*objs)`: the objects each argument refers to directly. Containers
//! give their items (a dict its values, and its keys unless all are str, as CPython), an extension instance the objects its
//! `tp_traverse` visits; other objects give none here (CPython also lists, for example,
//! an instance's `__dict__` and type).

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{dict, list, tuple, type_of, types};
use crate::state::State;

pub(crate) fn get_referents(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    if args.kw_len() != 0 {
        return Err(st.raise(
            "TypeError",
            "get_referents() takes no keyword arguments".into(),
        ));
    }
    let out = list::new(&st.alloc(), &[])?.raw();
    let oi = st.push(out);
    for i in 0..args.len() {
        let r = args.get(st, i);
        let found: Vec<RawRef> = if let Some(v) = st.ext_referents(r) {
            v
        } else {
            let o = st.obj(r);
            match types::data(type_of(o)).instances {
                types::Instances::List => list::items(o).map(|x| x.raw()).collect(),
                types::Instances::Tuple => tuple::items(o).map(|x| x.raw()).collect(),
                types::Instances::Dict => {
                    // CPython does not visit the keys of a dict whose keys are all str.
                    let str_kind = st.b.kinds.str_;
                    let e = dict::entries(o);
                    let all_str = e
                        .iter()
                        .all(|(k, _)| st.obj(k.key.get()).kind() == str_kind);
                    e.iter()
                        .flat_map(|(k, v)| {
                            let key = (!all_str).then(|| k.key.get());
                            key.into_iter().chain([*v])
                        })
                        .collect()
                }
                _ => Vec::new(),
            }
        };
        // Appending allocates nothing that collects: the addresses stay valid.
        let a = st.alloc();
        for v in found {
            list::append(&a, st.obj(st.at(oi)), a.heap_obj(v))?;
        }
    }
    let out = st.at(oi);
    st.truncate(oi);
    Ok(out)
}
