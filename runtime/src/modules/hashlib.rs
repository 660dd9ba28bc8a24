//! `_hashlib`: the native half of `hashlib` (`runtime/stdlib/hashlib.py`, which holds the
//! Python API: hash objects, keyword arguments, argument checks). A running hash
//! ([`Hasher`]) lives in Rust memory owned by a capsule, freed by the capsule's destructor
//! when the capsule dies, so the collector may move the capsule freely. Functions (all
//! arguments positional, already checked by `hashlib.py`; data is `bytes`):
//! `new(name, digest_size, key, salt, person)` → state, `update(state, data)`,
//! `digest(state, length)`, `copy(state)`, `info(state)` → `(name, digest_size,
//! block_size)`, `pbkdf2_hmac(name, password, salt, iterations, dklen)`, `hmac(name, key,
//! msg)`, `names()` → the supported names.

use std::ffi::{c_char, c_void, CStr};

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{int_of, new_bytes, new_int, new_str, text_of};
use crate::objects::capsule::{self, CapsuleData};
use crate::objects::{bytes, str as pystr, tuple};
use crate::state::State;

use super::hashers::{self, Blake2Params, Hasher};

const FUNCTIONS: &[&str] = &[
    "new",
    "update",
    "digest",
    "copy",
    "info",
    "pbkdf2_hmac",
    "hmac",
    "names",
];

/// The capsule name that marks a hash state (compared by address: only this module makes
/// capsules with this pointer).
static STATE_NAME: &CStr = c"hpymove._hashlib.state";

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_hashlib", FUNCTIONS, index)?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// Frees a state when its capsule dies.
unsafe extern "C" fn free_state(_name: *const c_char, pointer: *mut c_void, _ctx: *mut c_void) {
    // SAFETY: `pointer` is the Box leaked by `wrap`, and the capsule calls this once.
    drop(unsafe { Box::from_raw(pointer as *mut Hasher) });
}

fn wrap(st: &mut State, h: Hasher) -> PyResult<RawRef> {
    let data = CapsuleData {
        pointer: Box::into_raw(Box::new(h)) as *mut c_void,
        name: STATE_NAME.as_ptr(),
        context: std::ptr::null_mut(),
        destructor: Some(free_state),
    };
    Ok(capsule::new(&st.alloc(), data)?.raw())
}

/// The state behind argument `i`, or a TypeError for anything else.
fn state_arg<'s>(st: &'s mut State, args: Args<'_>, i: usize) -> PyResult<&'s mut Hasher> {
    let o = args.obj(st, i);
    if o.kind() == st.b.kinds.capsule {
        let d = capsule::data(o);
        if std::ptr::eq(d.name, STATE_NAME.as_ptr()) {
            // SAFETY: a capsule with this name holds a live Hasher made by `wrap`; the
            // reference borrows the state, so no other call can free it meanwhile.
            return Ok(unsafe { &mut *(d.pointer as *mut Hasher) });
        }
    }
    Err(st.raise("TypeError", "expected a _hashlib state".into()))
}

fn bytes_arg(st: &mut State, args: Args<'_>, i: usize, what: &str) -> PyResult<Vec<u8>> {
    let o = args.obj(st, i);
    if o.kind() == st.b.kinds.bytes {
        return Ok(bytes::data(o).to_vec());
    }
    let t = st.type_name(args.get(st, i));
    Err(st.raise("TypeError", format!("{what} must be bytes, not {t}")))
}

fn unsupported(st: &mut State, name: &str) -> crate::error::Raised {
    st.raise("ValueError", format!("unsupported hash type {name}"))
}

pub(crate) fn hashlib_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    let want = match fname.as_str() {
        "names" => 0,
        "copy" | "info" => 1,
        "update" | "digest" => 2,
        "hmac" => 3,
        _ => 5,
    };
    if args.kw_len() != 0 || args.len() != want {
        return Err(st.raise(
            "TypeError",
            format!("_hashlib.{fname}() takes exactly {want} positional arguments"),
        ));
    }
    match fname.as_str() {
        "new" => {
            let name = text_of(st, args.get(st, 0), "name")?;
            let digest_size = int_of(st, args.get(st, 1))?;
            let key = bytes_arg(st, args, 2, "key")?;
            let salt = bytes_arg(st, args, 3, "salt")?;
            let person = bytes_arg(st, args, 4, "person")?;
            let params = Blake2Params {
                digest_size: digest_size.max(0) as usize,
                key: &key,
                salt: &salt,
                person: &person,
            };
            let limits = match name.as_str() {
                "blake2b" => Some(hashers::BLAKE2B),
                "blake2s" => Some(hashers::BLAKE2S),
                _ => None,
            };
            if let Some(Err(msg)) = limits.map(|l| l.check(&params)) {
                return Err(st.raise("ValueError", msg));
            }
            match Hasher::new(&name, &params) {
                Some(h) => wrap(st, h),
                None => Err(unsupported(st, &name)),
            }
        }
        "update" => {
            let data = bytes_arg(st, args, 1, "data")?;
            state_arg(st, args, 0)?.update(&data);
            crate::objects::args_check::none(st)
        }
        "digest" => {
            let length = int_of(st, args.get(st, 1))?;
            if length < 0 {
                return Err(st.raise("ValueError", "length must be non-negative".into()));
            }
            let d = state_arg(st, args, 0)?.digest(length as usize);
            new_bytes(st, &d)
        }
        "copy" => {
            let h = state_arg(st, args, 0)?.clone();
            wrap(st, h)
        }
        "info" => {
            let h = state_arg(st, args, 0)?;
            let (name, size, block) = (h.name(), h.digest_size(), h.block_size());
            let n = new_str(st, name)?;
            let ni = st.push(n);
            let s = new_int(st, size as i64)?;
            let si = st.push(s);
            let b = new_int(st, block as i64)?;
            let a = st.alloc();
            let t = tuple::new(
                &a,
                &[a.heap_obj(st.at(ni)), a.heap_obj(st.at(si)), a.heap_obj(b)],
            )?
            .raw();
            st.truncate(ni);
            Ok(t)
        }
        "hmac" => {
            let name = text_of(st, args.get(st, 0), "name")?;
            let key = bytes_arg(st, args, 1, "key")?;
            let msg = bytes_arg(st, args, 2, "msg")?;
            match hashers::Hmac::new(&name, &key).filter(|_| !name.starts_with("shake")) {
                Some(m) => new_bytes(st, &m.mac(&[&msg])),
                None => Err(unsupported(st, &name)),
            }
        }
        "pbkdf2_hmac" => {
            let name = text_of(st, args.get(st, 0), "hash_name")?;
            let password = bytes_arg(st, args, 1, "password")?;
            let salt = bytes_arg(st, args, 2, "salt")?;
            let iterations = int_of(st, args.get(st, 3))?;
            let dklen = int_of(st, args.get(st, 4))?;
            if iterations < 1 {
                return Err(st.raise(
                    "ValueError",
                    "iteration value must be greater than 0.".into(),
                ));
            }
            if dklen < 1 {
                return Err(st.raise("ValueError", "key length must be greater than 0.".into()));
            }
            match hashers::pbkdf2_hmac(&name, &password, &salt, iterations as u64, dklen as usize) {
                Some(k) => new_bytes(st, &k),
                None => Err(unsupported(st, &name)),
            }
        }
        "names" => {
            let mut names: Vec<String> =
                hashers::FIXED.iter().map(|(n, _)| n.to_string()).collect();
            names.extend(["shake_128", "shake_256", "blake2b", "blake2s"].map(String::from));
            crate::objects::args_check::str_list(st, &names)
        }
        _ => Err(st.raise("AttributeError", format!("_hashlib has no {fname}"))),
    }
}
