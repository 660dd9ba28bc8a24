//! `posix`: what the `os` and `posixpath` modules written in Python (`runtime/stdlib`) ask
//! of the system. Every function is the one native [`posix_call`] bound to the function's
//! name, as in `math`.

use std::path::Path;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::{bytes, dict, int, list, str as pystr};
use crate::state::State;

const FUNCTIONS: &[&str] = &[
    "getcwd",
    "listdir",
    "getpid",
    "_exists",
    "_lexists",
    "_islink",
    "_isdir",
    "_isfile",
    "_realpath",
    "_read_bytes",
    "_write_bytes",
    "remove",
    "mkdir",
    "rmdir",
    "chdir",
    "rename",
    "_read_stdin",
    "_mkdir_mode",
];

/// Creates the module, with `environ` (a snapshot of the environment, as CPython takes it
/// at start-up).
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let names: Vec<&str> = FUNCTIONS
        .iter()
        .chain(super::posix_fd::FUNCTIONS)
        .copied()
        .collect();
    let mi = crate::interp::natives::dispatch_module(st, "posix", &names, index)?;
    for (name, v) in super::posix_fd::CONSTANTS {
        let i = int::new_i64(&st.alloc(), *v)?.raw();
        st.setattr(st.at(mi), name, i)?;
    }
    let env = dict::new(&st.alloc())?.raw();
    let ei = st.push(env);
    for (k, v) in std::env::vars_os() {
        let (Some(k), Some(v)) = (k.to_str(), v.to_str()) else {
            continue;
        };
        let k = pystr::new(&st.alloc(), k)?.raw();
        let ki = st.push(k);
        let v = pystr::new(&st.alloc(), v)?.raw();
        st.dict_set(st.at(ei), st.at(ki), v)?;
        st.truncate(ki);
    }
    st.setattr(st.at(mi), "environ", st.at(ei))?;
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

/// The single str argument of `name` (a path).
fn path_arg(st: &mut State, name: &str, args: Args<'_>, default: Option<&str>) -> PyResult<String> {
    match (args.len(), default) {
        (0, Some(d)) => Ok(d.to_string()),
        (1, _) if args.obj(st, 0).kind() == st.b.kinds.str_ => {
            Ok(pystr::as_str(args.obj(st, 0)).to_string())
        }
        (1, _) => {
            let t = st.type_name(args.get(st, 0));
            Err(st.raise(
                "TypeError",
                format!("{name}: path should be string, not {t}"),
            ))
        }
        _ => Err(st.raise(
            "TypeError",
            format!("{name}() takes at most 1 argument ({} given)", args.len()),
        )),
    }
}

/// CPython's `OSError(errno, strerror, filename)`, which becomes the subclass the errno
/// names (`FileNotFoundError`…): `[Errno 2] No such file or directory: 'x'`.
pub(crate) fn os_error(st: &mut State, e: std::io::Error, path: &str) -> crate::error::Raised {
    let code = e.raw_os_error().unwrap_or(0);
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mark = st.roots.stack.len();
    let made = (|| {
        let c = int::new_i64(&st.alloc(), code as i64)?.raw();
        st.push(c);
        let t = pystr::new(&st.alloc(), &text)?.raw();
        st.push(t);
        let p = pystr::new(&st.alloc(), path)?.raw();
        st.push(p);
        let ty = st.b.exc("OSError");
        let args = [st.at(mark), st.at(mark + 1), st.at(mark + 2)];
        st.call(ty, &args, &[])
    })();
    st.truncate(mark);
    match made {
        Ok(exc) => {
            st.roots.exc = exc;
            crate::error::Raised
        }
        Err(r) => r,
    }
}

pub(crate) fn posix_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let name = pystr::as_str(st.obj(args.receiver(st))).to_string();
    if args.kw_len() != 0 {
        return Err(st.raise("TypeError", format!("{name}() takes no keyword arguments")));
    }
    if super::posix_fd::FUNCTIONS.contains(&name.as_str()) {
        return super::posix_fd::call(st, &name, args);
    }
    match name.as_str() {
        "_mkdir_mode" => {
            // _mkdir_mode(path, mode)
            if args.len() != 2 || args.obj(st, 0).kind() != st.b.kinds.str_ {
                return Err(st.raise("TypeError", "_mkdir_mode(path: str, mode: int)".into()));
            }
            let p = pystr::as_str(args.obj(st, 0)).to_string();
            let mode = crate::objects::args_check::int_of(st, args.get(st, 1))?;
            match super::posix_fd::mkdir_mode(&p, (mode & 0o7777) as u32) {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(os_error(st, e, &p)),
            }
        }
        "getcwd" | "getpid" => {
            if !args.is_empty() {
                return Err(st.raise(
                    "TypeError",
                    format!("{name}() takes no arguments ({} given)", args.len()),
                ));
            }
            if name == "getpid" {
                return Ok(int::new_i64(&st.alloc(), std::process::id() as i64)?.raw());
            }
            match std::env::current_dir() {
                Ok(d) => Ok(pystr::new(&st.alloc(), &d.to_string_lossy())?.raw()),
                Err(e) => Err(os_error(st, e, ".")),
            }
        }
        "listdir" => {
            let p = path_arg(st, "listdir", args, Some("."))?;
            let entries = match std::fs::read_dir(&p) {
                Ok(r) => r,
                Err(e) => return Err(os_error(st, e, &p)),
            };
            let names: Vec<String> = entries
                .filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            let l = list::new(&st.alloc(), &[])?.raw();
            let li = st.push(l);
            for n in names {
                let s = pystr::new(&st.alloc(), &n)?.raw();
                let a = st.alloc();
                list::append(&a, a.heap_obj(st.at(li)), a.heap_obj(s))?;
            }
            let l = st.at(li);
            st.truncate(li);
            Ok(l)
        }
        "_read_stdin" => {
            // _read_stdin(n, line): up to n bytes (all when n < 0), or one line.
            let k = st.b.kinds.int;
            if args.len() != 2 || args.obj(st, 0).kind() != k {
                return Err(st.raise("TypeError", "_read_stdin(n: int, line: bool)".into()));
            }
            let n = match int::value(args.obj(st, 0)) {
                int::IntValue::Small(v) => v,
                int::IntValue::Big(_) => -1,
            };
            let line = args.obj(st, 1).raw() == st.b.true_;
            let mut buf = Vec::new();
            let stdin = std::io::stdin();
            let mut lock = stdin.lock();
            let r = if line {
                std::io::BufRead::read_until(&mut lock, b'\n', &mut buf).map(|_| ())
            } else if n < 0 {
                std::io::Read::read_to_end(&mut lock, &mut buf).map(|_| ())
            } else {
                std::io::Read::read_to_end(&mut std::io::Read::take(&mut lock, n as u64), &mut buf)
                    .map(|_| ())
            };
            match r {
                Ok(()) => Ok(bytes::new(&st.alloc(), &buf)?.raw()),
                Err(e) => Err(os_error(st, e, "<stdin>")),
            }
        }
        "_read_bytes" => {
            let p = path_arg(st, "open", args, None)?;
            match std::fs::read(&p) {
                Ok(data) => Ok(bytes::new(&st.alloc(), &data)?.raw()),
                Err(e) => Err(os_error(st, e, &p)),
            }
        }
        "mkdir" | "rmdir" | "chdir" => {
            // One path each (`os.mkdir`'s mode is not passed: the umask decides).
            let p = path_arg(st, &name, args, None)?;
            let r = match name.as_str() {
                "mkdir" => std::fs::create_dir(&p),
                "rmdir" => std::fs::remove_dir(&p),
                _ => std::env::set_current_dir(&p),
            };
            match r {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(os_error(st, e, &p)),
            }
        }
        "rename" => {
            // rename(src, dst): both str (os.py converts path-likes first).
            let k = st.b.kinds.str_;
            if args.len() != 2 || args.obj(st, 0).kind() != k || args.obj(st, 1).kind() != k {
                return Err(st.raise("TypeError", "rename(src: str, dst: str)".into()));
            }
            let src = pystr::as_str(args.obj(st, 0)).to_string();
            let dst = pystr::as_str(args.obj(st, 1)).to_string();
            match std::fs::rename(&src, &dst) {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(os_error(st, e, &src)),
            }
        }
        "remove" => {
            let p = path_arg(st, "remove", args, None)?;
            match std::fs::remove_file(&p) {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(os_error(st, e, &p)),
            }
        }
        "_write_bytes" => {
            // (path, data, how): how is "w" (truncate), "a" (append) or "x" (create new).
            if args.len() != 3 {
                return Err(st.raise("TypeError", "_write_bytes(path, data, how)".into()));
            }
            let (k, b) = (st.b.kinds.str_, st.b.kinds.bytes);
            if args.obj(st, 0).kind() != k
                || args.obj(st, 1).kind() != b
                || args.obj(st, 2).kind() != k
            {
                return Err(st.raise("TypeError", "_write_bytes(str, bytes, str)".into()));
            }
            let path = pystr::as_str(args.obj(st, 0)).to_string();
            let how = pystr::as_str(args.obj(st, 2)).to_string();
            let mut o = std::fs::OpenOptions::new();
            match how.as_str() {
                "a" => o.append(true).create(true),
                "x" => o.write(true).create_new(true),
                _ => o.write(true).create(true).truncate(true),
            };
            let r = o
                .open(&path)
                .and_then(|mut f| std::io::Write::write_all(&mut f, bytes::data(args.obj(st, 1))));
            match r {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(os_error(st, e, &path)),
            }
        }
        "_realpath" => {
            let p = path_arg(st, "realpath", args, None)?;
            match std::fs::canonicalize(&p) {
                Ok(r) => Ok(pystr::new(&st.alloc(), &r.to_string_lossy())?.raw()),
                // A path that does not exist is returned as given (posixpath then
                // normalizes it), as CPython does in non-strict mode.
                Err(_) => Ok(pystr::new(&st.alloc(), &p)?.raw()),
            }
        }
        _ => {
            let p = path_arg(st, &name, args, None)?;
            let meta = std::fs::metadata(Path::new(&p));
            let link = std::fs::symlink_metadata(Path::new(&p));
            let yes = match name.as_str() {
                "_exists" => meta.is_ok(),
                "_lexists" => link.is_ok(),
                "_islink" => link.is_ok_and(|m| m.file_type().is_symlink()),
                "_isdir" => meta.is_ok_and(|m| m.is_dir()),
                _ => meta.is_ok_and(|m| m.is_file()),
            };
            Ok(st.bool_obj(yes))
        }
    }
}
