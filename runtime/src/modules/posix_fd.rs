//! `posix`'s file-descriptor functions, for `os.open`/`os.close`/`os.read`/`os.write`/
//! `os.lseek`/`os.ftruncate` and for files opened on a descriptor (`open(fd)`,
//! `os.fdopen`, `tempfile`): thin calls of the C library's, with CPython's OSError on
//! failure. `mkdir(path, mode)` creates a directory with a mode (`tempfile.mkdtemp`'s
//! 0o700), the umask applied as by the system call. `access` (for `shutil.which`), `chmod` and
//! `get_terminal_size` (the window size of a terminal descriptor) are here too, for the
//! same C-library calls.

use std::ffi::CString;

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::args_check::{int_of, new_bytes, new_int};
use crate::objects::{bytes, str as pystr};
use crate::state::State;

use super::posix::os_error;

/// The names served here.
pub(crate) const FUNCTIONS: &[&str] = &[
    "open",
    "close",
    "read",
    "write",
    "lseek",
    "ftruncate",
    "access",
    "chmod",
    "get_terminal_size",
];

/// The `O_*` and `SEEK_*` constants `os` exports: (name, value).
pub(crate) const CONSTANTS: &[(&str, i64)] = &[
    ("O_RDONLY", libc::O_RDONLY as i64),
    ("O_WRONLY", libc::O_WRONLY as i64),
    ("O_RDWR", libc::O_RDWR as i64),
    ("O_CREAT", libc::O_CREAT as i64),
    ("O_EXCL", libc::O_EXCL as i64),
    ("O_TRUNC", libc::O_TRUNC as i64),
    ("O_APPEND", libc::O_APPEND as i64),
    ("O_CLOEXEC", libc::O_CLOEXEC as i64),
    ("O_NOFOLLOW", libc::O_NOFOLLOW as i64),
    ("O_DIRECTORY", libc::O_DIRECTORY as i64),
    ("SEEK_SET", libc::SEEK_SET as i64),
    ("SEEK_CUR", libc::SEEK_CUR as i64),
    ("SEEK_END", libc::SEEK_END as i64),
    ("F_OK", libc::F_OK as i64),
    ("R_OK", libc::R_OK as i64),
    ("W_OK", libc::W_OK as i64),
    ("X_OK", libc::X_OK as i64),
];

fn want(st: &mut State, name: &str, args: Args<'_>, n: usize) -> PyResult<()> {
    if args.len() == n {
        return Ok(());
    }
    Err(st.raise(
        "TypeError",
        format!(
            "{name}() takes exactly {n} arguments ({} given)",
            args.len()
        ),
    ))
}

fn fd_arg(st: &mut State, args: Args<'_>, i: usize) -> PyResult<i32> {
    let v = int_of(st, args.get(st, i))?;
    i32::try_from(v).map_err(|_| st.raise("OverflowError", "fd is out of range".into()))
}

/// The last system error as CPython's `OSError(errno, strerror)` (the subclass its errno
/// names: `[Errno 9] Bad file descriptor`), without a file name.
fn last_error(st: &mut State) -> crate::error::Raised {
    let e = std::io::Error::last_os_error();
    let code = e.raw_os_error().unwrap_or(0);
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    let mark = st.roots.stack.len();
    let made = (|| {
        let c = new_int(st, code as i64)?;
        st.push(c);
        let t = pystr::new(&st.alloc(), &text)?.raw();
        st.push(t);
        let ty = st.b.exc("OSError");
        let args = [st.at(mark), st.at(mark + 1)];
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

pub(crate) fn call(st: &mut State, name: &str, args: Args<'_>) -> PyResult<RawRef> {
    match name {
        "access" => {
            want(st, "access", args, 2)?;
            let o = args.obj(st, 0);
            if o.kind() != st.b.kinds.str_ {
                let t = st.type_name(args.get(st, 0));
                return Err(st.raise(
                    "TypeError",
                    format!("access: path should be string, bytes or os.PathLike, not {t}"),
                ));
            }
            let path = pystr::as_str(o).to_string();
            let mode = int_of(st, args.get(st, 1))? as i32;
            let Ok(c) = CString::new(path) else {
                return Err(st.raise("ValueError", "embedded null byte".into()));
            };
            // SAFETY: `c` is a NUL-terminated path that lives across the call.
            let ok = unsafe { libc::access(c.as_ptr(), mode) } == 0;
            Ok(st.bool_obj(ok))
        }
        "chmod" => {
            want(st, "chmod", args, 2)?;
            let o = args.obj(st, 0);
            if o.kind() != st.b.kinds.str_ {
                let t = st.type_name(args.get(st, 0));
                return Err(st.raise(
                    "TypeError",
                    format!("chmod: path should be string, bytes, os.PathLike or integer, not {t}"),
                ));
            }
            let path = pystr::as_str(o).to_string();
            let mode = int_of(st, args.get(st, 1))? as libc::mode_t;
            let Ok(c) = CString::new(path.clone()) else {
                return Err(st.raise("ValueError", "embedded null byte".into()));
            };
            // SAFETY: `c` is a NUL-terminated path that lives across the call.
            if unsafe { libc::chmod(c.as_ptr(), mode) } < 0 {
                return Err(os_error(st, std::io::Error::last_os_error(), &path));
            }
            Ok(st.b.none)
        }
        "get_terminal_size" => {
            want(st, "get_terminal_size", args, 1)?;
            let fd = fd_arg(st, args, 0)?;
            let mut ws = libc::winsize {
                ws_row: 0,
                ws_col: 0,
                ws_xpixel: 0,
                ws_ypixel: 0,
            };
            // SAFETY: TIOCGWINSZ writes one `winsize` into `ws`, which outlives the call.
            if unsafe { libc::ioctl(fd, libc::TIOCGWINSZ, &mut ws) } < 0 {
                return Err(last_error(st));
            }
            let cols = new_int(st, ws.ws_col as i64)?;
            let ci = st.push(cols);
            let rows = new_int(st, ws.ws_row as i64)?;
            let t = {
                let a = st.alloc();
                crate::objects::tuple::new(&a, &[a.heap_obj(st.at(ci)), a.heap_obj(rows)])
                    .map(|t| t.raw())
            };
            st.truncate(ci);
            t
        }
        "open" => {
            want(st, "open", args, 3)?;
            let o = args.obj(st, 0);
            if o.kind() != st.b.kinds.str_ {
                let t = st.type_name(args.get(st, 0));
                return Err(st.raise("TypeError", format!("open: path should be string, not {t}")));
            }
            let path = pystr::as_str(o).to_string();
            let flags = int_of(st, args.get(st, 1))? as i32;
            let mode = int_of(st, args.get(st, 2))? as libc::mode_t;
            let Ok(c) = CString::new(path.clone()) else {
                return Err(st.raise("ValueError", "embedded null byte".into()));
            };
            // Descriptors are not inherited by child processes (PEP 446, as CPython).
            // SAFETY: `c` is a NUL-terminated path that lives across the call.
            let fd =
                unsafe { libc::open(c.as_ptr(), flags | libc::O_CLOEXEC, mode as libc::c_uint) };
            if fd < 0 {
                return Err(os_error(st, std::io::Error::last_os_error(), &path));
            }
            new_int(st, fd as i64)
        }
        "close" => {
            want(st, "close", args, 1)?;
            let fd = fd_arg(st, args, 0)?;
            // SAFETY: closing a descriptor number is safe whatever it is (EBADF otherwise).
            if unsafe { libc::close(fd) } < 0 {
                return Err(last_error(st));
            }
            Ok(st.b.none)
        }
        "read" => {
            want(st, "read", args, 2)?;
            let fd = fd_arg(st, args, 0)?;
            let n = int_of(st, args.get(st, 1))?;
            if n < 0 {
                return Err(st.raise("ValueError", "negative count".into()));
            }
            let mut buf = vec![0u8; n as usize];
            // SAFETY: `buf` has room for `n` bytes.
            let got = unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) };
            if got < 0 {
                return Err(last_error(st));
            }
            buf.truncate(got as usize);
            new_bytes(st, &buf)
        }
        "write" => {
            want(st, "write", args, 2)?;
            let fd = fd_arg(st, args, 0)?;
            if args.obj(st, 1).kind() != st.b.kinds.bytes {
                let t = st.type_name(args.get(st, 1));
                return Err(st.raise(
                    "TypeError",
                    format!("a bytes-like object is required, not '{t}'"),
                ));
            }
            let data = bytes::data(args.obj(st, 1)).to_vec();
            // SAFETY: `data` is a live buffer of `data.len()` bytes.
            let put = unsafe { libc::write(fd, data.as_ptr().cast(), data.len()) };
            if put < 0 {
                return Err(last_error(st));
            }
            new_int(st, put as i64)
        }
        "lseek" => {
            want(st, "lseek", args, 3)?;
            let fd = fd_arg(st, args, 0)?;
            let pos = int_of(st, args.get(st, 1))?;
            let how = int_of(st, args.get(st, 2))? as i32;
            // SAFETY: a plain system call on integers.
            let r = unsafe { libc::lseek(fd, pos as libc::off_t, how) };
            if r < 0 {
                return Err(last_error(st));
            }
            new_int(st, r as i64)
        }
        _ => {
            want(st, "ftruncate", args, 2)?;
            let fd = fd_arg(st, args, 0)?;
            let len = int_of(st, args.get(st, 1))?;
            // SAFETY: a plain system call on integers.
            if unsafe { libc::ftruncate(fd, len as libc::off_t) } < 0 {
                return Err(last_error(st));
            }
            Ok(st.b.none)
        }
    }
}

/// `mkdir(path, mode)`: the directory with `mode` (less the umask).
pub(crate) fn mkdir_mode(path: &str, mode: u32) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new().mode(mode).create(path)
}
