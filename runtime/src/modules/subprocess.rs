//! `_subprocess`: the system side of `subprocess` (written in Python, `runtime/stdlib`):
//! starting a child process on `std::process`, its pipes, waiting with a timeout, signals.
//!
//! A child is an entry of a process-wide table, named by an integer the Python `Popen`
//! holds. Blocking operations (communicate, wait, reads) take the entry out of the table
//! for their duration and read their arguments into Rust values first: no heap reference
//! is held while the process runs. `communicate` feeds stdin and drains stdout/stderr on
//! threads (a child blocked writing one pipe while we wait on the other would deadlock),
//! and keeps them across a timeout so that a later call collects everything.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use gc::RawRef;

use crate::error::PyResult;
use crate::objects::args::Args;
use crate::objects::int::IntValue;
use crate::objects::{bytes, float, int, list, str as pystr, tuple};
use crate::state::State;

const FUNCTIONS: &[&str] = &[
    "spawn",
    "communicate",
    "wait",
    "poll",
    "send_signal",
    "read",
    "readline",
    "write",
    "close",
    "release",
];

/// How a standard stream of the child is set up (the codes `subprocess.py` passes).
const INHERIT: i64 = -1;
const PIPE: i64 = -2;
const DEVNULL: i64 = -3;
const STDOUT: i64 = -4;

type Stream = BufReader<Box<dyn Read + Send>>;

/// A reader thread of communicate: what it has read so far, and the signal of its end.
type Reader = (Arc<Mutex<Vec<u8>>>, Receiver<()>);

/// A child process and what the parent holds of it.
struct Proc {
    child: Child,
    stdin: Option<ChildStdin>,
    /// stdout (0) and stderr (1) pipes not yet handed to communicate's reader threads.
    out: [Option<Stream>; 2],
    /// Which of stdout/stderr were pipes: communicate returns None for the others.
    piped: [bool; 2],
    /// communicate's reader threads: what they have read so far, and their end.
    readers: [Option<Reader>; 2],
    collected: [Option<Vec<u8>>; 2],
    /// Its exit status once reaped: the exit code, or -N for signal N.
    status: Option<i64>,
}

static PROCS: Mutex<BTreeMap<u64, Proc>> = Mutex::new(BTreeMap::new());
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// Creates the module.
pub(crate) fn create(st: &mut State, index: u32) -> PyResult<RawRef> {
    let mi = crate::interp::natives::dispatch_module(st, "_subprocess", FUNCTIONS, index)?;
    for (name, v) in [
        ("INHERIT", INHERIT),
        ("PIPE", PIPE),
        ("DEVNULL", DEVNULL),
        ("STDOUT", STDOUT),
    ] {
        let o = int::new_i64(&st.alloc(), v)?.raw();
        st.setattr(st.at(mi), name, o)?;
    }
    let m = st.at(mi);
    st.truncate(mi);
    Ok(m)
}

fn type_error(st: &mut State, msg: String) -> crate::error::Raised {
    st.raise("TypeError", msg)
}

fn arg_int(st: &mut State, args: Args<'_>, i: usize, fname: &str) -> PyResult<i64> {
    let o = args.obj(st, i);
    if o.kind() == st.b.kinds.int {
        if let IntValue::Small(v) = int::value(o) {
            return Ok(v);
        }
    }
    Err(type_error(
        st,
        format!(
            "_subprocess.{fname}(): argument {} must be a small int",
            i + 1
        ),
    ))
}

fn arg_opt_str(st: &mut State, args: Args<'_>, i: usize, fname: &str) -> PyResult<Option<String>> {
    let o = args.obj(st, i);
    if o.raw() == st.b.none {
        return Ok(None);
    }
    if o.kind() == st.b.kinds.str_ {
        return Ok(Some(pystr::as_str(o).to_string()));
    }
    Err(type_error(
        st,
        format!(
            "_subprocess.{fname}(): argument {} must be str or None",
            i + 1
        ),
    ))
}

/// A timeout in seconds (float or None) as a deadline.
fn arg_deadline(
    st: &mut State,
    args: Args<'_>,
    i: usize,
    fname: &str,
) -> PyResult<Option<Instant>> {
    let o = args.obj(st, i);
    if o.raw() == st.b.none {
        return Ok(None);
    }
    if o.kind() == st.b.kinds.float {
        let secs = float::value(o).max(0.0);
        let d = Duration::try_from_secs_f64(secs).unwrap_or(Duration::MAX);
        return Ok(Some(
            Instant::now().checked_add(d).unwrap_or_else(far_future),
        ));
    }
    Err(type_error(
        st,
        format!(
            "_subprocess.{fname}(): argument {} must be float or None",
            i + 1
        ),
    ))
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(100 * 365 * 24 * 3600)
}

/// A list or tuple of str.
fn arg_str_list(st: &mut State, args: Args<'_>, i: usize, fname: &str) -> PyResult<Vec<String>> {
    let o = args.obj(st, i);
    let items: Vec<_> = if o.kind() == st.b.kinds.list {
        list::items(o).collect()
    } else if o.kind() == st.b.kinds.tuple {
        (0..tuple::len(o)).map(|k| tuple::get(o, k)).collect()
    } else {
        return Err(type_error(
            st,
            format!("_subprocess.{fname}(): argument {} must be a list", i + 1),
        ));
    };
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        if it.kind() != st.b.kinds.str_ {
            return Err(type_error(
                st,
                format!("_subprocess.{fname}(): argument {} must hold str", i + 1),
            ));
        }
        out.push(pystr::as_str(it).to_string());
    }
    Ok(out)
}

/// The entry of child `id`, taken out of the table (put it back with [`put`]).
fn take(st: &mut State, id: u64) -> PyResult<Proc> {
    let p = PROCS.lock().unwrap_or_else(|e| e.into_inner()).remove(&id);
    p.ok_or_else(|| st.raise("ValueError", format!("no child process #{id}")))
}

fn put(id: u64, p: Proc) {
    PROCS
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(id, p);
}

fn exit_code(s: std::process::ExitStatus) -> i64 {
    match s.code() {
        Some(c) => c as i64,
        None => -(s.signal().unwrap_or(0) as i64),
    }
}

/// Reaps the child if it has exited, waiting until `deadline` (None: forever; now:
/// just a poll).
fn reap(p: &mut Proc, deadline: Option<Instant>) -> std::io::Result<Option<i64>> {
    if p.status.is_some() {
        return Ok(p.status);
    }
    if deadline.is_none() {
        let s = p.child.wait()?;
        p.status = Some(exit_code(s));
        return Ok(p.status);
    }
    let deadline = deadline.unwrap_or_else(far_future);
    let mut pause = Duration::from_micros(500);
    loop {
        if let Some(s) = p.child.try_wait()? {
            p.status = Some(exit_code(s));
            return Ok(p.status);
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep(pause.min(deadline - now));
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn int_or_none(st: &mut State, v: Option<i64>) -> PyResult<RawRef> {
    match v {
        Some(v) => Ok(int::new_i64(&st.alloc(), v)?.raw()),
        None => Ok(st.b.none),
    }
}

/// The `Stdio` for one stream code (an fd of the parent is duplicated: the child gets
/// its own copy and the caller keeps its file open).
fn stdio_for(code: i64) -> std::io::Result<Stdio> {
    Ok(match code {
        INHERIT => Stdio::inherit(),
        PIPE => Stdio::piped(),
        DEVNULL => Stdio::null(),
        fd if fd >= 0 => {
            let fd = i32::try_from(fd).map_err(|_| std::io::Error::from_raw_os_error(9))?;
            // SAFETY: the fd is borrowed only for the duration of the duplication; the
            // duplicate is owned by the returned Stdio.
            let borrowed = unsafe { std::os::fd::BorrowedFd::borrow_raw(fd) };
            Stdio::from(borrowed.try_clone_to_owned()?)
        }
        _ => return Err(std::io::Error::from_raw_os_error(22)),
    })
}

pub(crate) fn subprocess_call(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let fname = pystr::as_str(st.obj(args.receiver(st))).to_string();
    if args.kw_len() != 0 {
        return Err(type_error(
            st,
            format!("_subprocess.{fname}() takes no keyword arguments"),
        ));
    }
    let want = match fname.as_str() {
        "spawn" => 7,
        "communicate" | "read" => 3,
        "wait" | "send_signal" | "readline" | "write" | "close" => 2,
        _ => 1,
    };
    if args.len() != want {
        return Err(type_error(
            st,
            format!(
                "_subprocess.{fname}() takes {want} arguments ({} given)",
                args.len()
            ),
        ));
    }
    if fname == "spawn" {
        return spawn(st, args);
    }
    let id = arg_int(st, args, 0, &fname)? as u64;
    match fname.as_str() {
        "communicate" => communicate(st, args, id),
        "wait" | "poll" => {
            let deadline = if fname == "poll" {
                Some(Instant::now())
            } else {
                arg_deadline(st, args, 1, &fname)?
            };
            let mut p = take(st, id)?;
            let r = reap(&mut p, deadline);
            put(id, p);
            match r {
                Ok(v) => int_or_none(st, v),
                Err(e) => Err(crate::modules::posix::os_error(st, e, "")),
            }
        }
        "send_signal" => {
            let sig = arg_int(st, args, 1, &fname)?;
            let mut p = take(st, id)?;
            // Not after it was reaped: its pid may belong to another process by now.
            let r = match reap(&mut p, Some(Instant::now())) {
                Ok(Some(_)) => Ok(()),
                Ok(None) => {
                    let pid = p.child.id() as libc::pid_t;
                    // SAFETY: kill(2) on our own unreaped child; no memory is involved.
                    if unsafe { libc::kill(pid, sig as libc::c_int) } == 0 {
                        Ok(())
                    } else {
                        Err(std::io::Error::last_os_error())
                    }
                }
                Err(e) => Err(e),
            };
            put(id, p);
            match r {
                Ok(()) => Ok(st.b.none),
                Err(e) => Err(crate::modules::posix::os_error(st, e, "")),
            }
        }
        "read" | "readline" => {
            let which = arg_int(st, args, 1, &fname)?;
            let n = if fname == "read" {
                arg_int(st, args, 2, &fname)?
            } else {
                -1
            };
            read(st, id, which, n, fname == "readline")
        }
        "write" => {
            if args.obj(st, 1).kind() != st.b.kinds.bytes {
                return Err(type_error(
                    st,
                    "_subprocess.write(): data must be bytes".into(),
                ));
            }
            let data = bytes::data(args.obj(st, 1)).to_vec();
            let mut p = take(st, id)?;
            let r = match p.stdin.as_mut() {
                Some(w) => w.write_all(&data).and_then(|_| w.flush()),
                None => Err(std::io::Error::from_raw_os_error(9)),
            };
            put(id, p);
            match r {
                Ok(()) => Ok(int::new_i64(&st.alloc(), data.len() as i64)?.raw()),
                Err(e) => Err(crate::modules::posix::os_error(st, e, "")),
            }
        }
        "close" => {
            let which = arg_int(st, args, 1, &fname)?;
            let mut p = take(st, id)?;
            match which {
                0 => drop(p.stdin.take()),
                1 | 2 => drop(p.out[which as usize - 1].take()),
                _ => {}
            }
            put(id, p);
            Ok(st.b.none)
        }
        _ => {
            // release: forget a reaped child (an unreaped one is waited for first, so
            // that no zombie is left behind).
            let mut p = take(st, id)?;
            if p.status.is_none() {
                let _ = reap(&mut p, None);
            }
            Ok(st.b.none)
        }
    }
}

/// spawn(argv, executable, cwd, env, stdin, stdout, stderr) -> (id, pid). env is None
/// (inherit) or a list of "KEY=VALUE" strings.
fn spawn(st: &mut State, args: Args<'_>) -> PyResult<RawRef> {
    let argv = arg_str_list(st, args, 0, "spawn")?;
    let executable = arg_opt_str(st, args, 1, "spawn")?;
    let cwd = arg_opt_str(st, args, 2, "spawn")?;
    let env = if args.obj(st, 3).raw() == st.b.none {
        None
    } else {
        Some(arg_str_list(st, args, 3, "spawn")?)
    };
    let codes = [
        arg_int(st, args, 4, "spawn")?,
        arg_int(st, args, 5, "spawn")?,
        arg_int(st, args, 6, "spawn")?,
    ];
    if argv.is_empty() && executable.is_none() {
        return Err(st.raise("IndexError", "list index out of range".into()));
    }
    let program = executable.clone().unwrap_or_else(|| argv[0].clone());
    if let Some(d) = &cwd {
        // std::process reports a bad cwd as the program's error: name the directory.
        if let Err(e) = std::fs::read_dir(d) {
            return Err(crate::modules::posix::os_error(st, e, d));
        }
    }
    // What the parent printed goes out before the child's output.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    let spawned = (|| -> std::io::Result<(Child, Option<Stream>)> {
        let mut cmd = Command::new(&program);
        if let Some(a0) = argv.first() {
            cmd.arg0(a0);
            cmd.args(&argv[1..]);
        }
        if let Some(d) = &cwd {
            cmd.current_dir(d);
        }
        if let Some(env) = &env {
            cmd.env_clear();
            for kv in env {
                let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                cmd.env(k, v);
            }
        }
        cmd.stdin(stdio_for(codes[0])?);
        let mut merged = None;
        if codes[2] == STDOUT {
            // stderr goes where stdout goes: one pipe for both when stdout is a pipe.
            if codes[1] == PIPE {
                let (r, w) = std::io::pipe()?;
                cmd.stderr(w.try_clone()?);
                cmd.stdout(w);
                merged = Some(BufReader::new(Box::new(r) as Box<dyn Read + Send>));
            } else {
                cmd.stdout(stdio_for(codes[1])?);
                let same = if codes[1] == INHERIT { 1 } else { codes[1] };
                cmd.stderr(stdio_for(same)?);
            }
        } else {
            cmd.stdout(stdio_for(codes[1])?);
            cmd.stderr(stdio_for(codes[2])?);
        }
        let child = cmd.spawn()?;
        // `cmd` (with the parent's copies of the pipes' write ends) is dropped here, so
        // the readers see end-of-file when the child exits.
        Ok((child, merged))
    })();
    let (mut child, merged) = match spawned {
        Ok(c) => c,
        Err(e) => return Err(crate::modules::posix::os_error(st, e, &program)),
    };
    let stdin = child.stdin.take();
    let stdout = merged.or_else(|| {
        child
            .stdout
            .take()
            .map(|s| BufReader::new(Box::new(s) as Box<dyn Read + Send>))
    });
    let stderr = child
        .stderr
        .take()
        .map(|s| BufReader::new(Box::new(s) as Box<dyn Read + Send>));
    let pid = child.id() as i64;
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    put(
        id,
        Proc {
            child,
            stdin,
            out: [stdout, stderr],
            piped: [codes[1] == PIPE, codes[2] == PIPE],
            readers: [None, None],
            collected: [None, None],
            status: None,
        },
    );
    let a = int::new_i64(&st.alloc(), id as i64)?.raw();
    let ai = st.push(a);
    let b = int::new_i64(&st.alloc(), pid)?.raw();
    let al = st.alloc();
    let t = tuple::new(&al, &[st.obj(st.at(ai)), st.obj(b)])?.raw();
    st.truncate(ai);
    Ok(t)
}

/// communicate(id, input, timeout) -> (stdout, stderr, done). input: bytes or None (the
/// child's stdin is closed after it). When the timeout passes first, done is False, the
/// outputs are what was read so far, and the threads keep going: the next call
/// continues and returns everything.
fn communicate(st: &mut State, args: Args<'_>, id: u64) -> PyResult<RawRef> {
    let input = {
        let o = args.obj(st, 1);
        if o.raw() == st.b.none {
            None
        } else if o.kind() == st.b.kinds.bytes {
            Some(bytes::data(o).to_vec())
        } else {
            return Err(type_error(
                st,
                "_subprocess.communicate(): input must be bytes or None".into(),
            ));
        }
    };
    let deadline = arg_deadline(st, args, 2, "communicate")?;
    let mut p = take(st, id)?;
    if let Some(mut w) = p.stdin.take() {
        std::thread::spawn(move || {
            // A child that exits without reading its input closes the pipe: not an error.
            if let Some(data) = input {
                let _ = w.write_all(&data);
            }
        });
    }
    for k in 0..2 {
        if let Some(mut r) = p.out[k].take() {
            let (tx, rx) = channel();
            let sink = Arc::new(Mutex::new(Vec::new()));
            let fill = Arc::clone(&sink);
            std::thread::spawn(move || {
                let mut chunk = [0u8; 8192];
                loop {
                    match r.read(&mut chunk) {
                        Ok(0) => break,
                        Ok(n) => fill
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .extend_from_slice(&chunk[..n]),
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                }
                let _ = tx.send(());
            });
            p.readers[k] = Some((sink, rx));
        }
    }
    let mut done = true;
    for k in 0..2 {
        let Some((sink, rx)) = &p.readers[k] else {
            continue;
        };
        let got = match deadline {
            None => rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
            Some(d) => rx.recv_timeout(d.saturating_duration_since(Instant::now())),
        };
        if let Err(RecvTimeoutError::Timeout) = got {
            done = false;
            break;
        }
        let all = std::mem::take(&mut *sink.lock().unwrap_or_else(|e| e.into_inner()));
        p.collected[k] = Some(all);
        p.readers[k] = None;
    }
    let reaped = if done {
        reap(&mut p, deadline)
    } else {
        Ok(None)
    };
    // On a timeout, what was read so far (None for nothing), as CPython's TimeoutExpired
    // carries; the readers keep it and go on.
    let so_far = |p: &Proc, k: usize| -> Option<Vec<u8>> {
        let v = match (&p.collected[k], &p.readers[k]) {
            (Some(v), _) => v.clone(),
            (None, Some((sink, _))) => sink.lock().unwrap_or_else(|e| e.into_inner()).clone(),
            (None, None) => Vec::new(),
        };
        (!v.is_empty()).then_some(v)
    };
    let result = match reaped {
        Ok(Some(_)) => Ok((
            true,
            [
                p.piped[0].then(|| p.collected[0].take().unwrap_or_default()),
                p.piped[1].then(|| p.collected[1].take().unwrap_or_default()),
            ],
        )),
        Ok(None) => Ok((false, [so_far(&p, 0), so_far(&p, 1)])),
        Err(e) => Err(e),
    };
    put(id, p);
    let (finished, outs) = match result {
        Ok(o) => o,
        Err(e) => return Err(crate::modules::posix::os_error(st, e, "")),
    };
    let mark = st.roots.stack.len();
    for o in outs {
        let v = match o {
            Some(b) => bytes::new(&st.alloc(), &b)?.raw(),
            None => st.b.none,
        };
        st.push(v);
    }
    st.push(st.bool_obj(finished));
    let a = st.alloc();
    let objs: Vec<_> = st.roots.stack[mark..].iter().map(|r| st.obj(*r)).collect();
    let t = tuple::new(&a, &objs)?.raw();
    st.truncate(mark);
    Ok(t)
}

/// read(id, which, n): up to n bytes (all when n < 0) of the child's stdout (1) or
/// stderr (2); readline: one line.
fn read(st: &mut State, id: u64, which: i64, n: i64, line: bool) -> PyResult<RawRef> {
    if which != 1 && which != 2 {
        return Err(st.raise("ValueError", "which stream: 1 or 2".into()));
    }
    let mut p = take(st, id)?;
    let mut buf = Vec::new();
    let r = match p.out[which as usize - 1].as_mut() {
        None => Err(std::io::Error::from_raw_os_error(9)),
        Some(s) if line => s.read_until(b'\n', &mut buf).map(|_| ()),
        Some(s) if n < 0 => s.read_to_end(&mut buf).map(|_| ()),
        Some(s) => s.take(n as u64).read_to_end(&mut buf).map(|_| ()),
    };
    put(id, p);
    match r {
        Ok(()) => Ok(bytes::new(&st.alloc(), &buf)?.raw()),
        Err(e) => Err(crate::modules::posix::os_error(st, e, "")),
    }
}
