//! The `hpymove` command line: CPython's interface (`script.py [args]`, `-c`, `-m`, `-`,
//! `-V`, `-h`) and exit statuses, plus the GC options. Evaluation runs on a thread with a
//! large stack, so deep recursion is a RecursionError, never a crash.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use gc::{HeapConfig, Mode};

use crate::embed::{Config, Runtime};

const USAGE: &str = "usage: hpymove [option] ... [-c cmd | -m mod | file | -] [arg] ...
Options:
-c cmd         : program passed in as string (terminates option list)
-m mod         : run library module as a script (terminates option list)
-h, --help     : print this help message and exit
-V, --version  : print the version number and exit
--gc=MODE      : when the moving GC collects [env: HPYMOVE_GC]:
                 normal   when the allocated volume passes a threshold
                 every:N  at every Nth HPy safepoint (context-function entry or call
                          into extension code)
                 torture  at every HPy safepoint: all objects move at every HPy call
                 always   at every safepoint, interpreter ones (each statement, each
                          loop iteration) included: for testing the runtime itself
--poison       : fresh addresses for every to-space; retired spaces made inaccessible, so
                 a stale pointer faults where it is used; on by default with torture
                 and always [env: HPYMOVE_POISON=1]
--no-poison    : torture or always without poison (faster; a stale read of a moved
                 object then reads its old copy and goes unnoticed) [env: HPYMOVE_POISON=0]
--verify-heap  : check every reference after every collection [env: HPYMOVE_VERIFY_HEAP=1]
--max-heap=SIZE: the heap cap, e.g. 512M or 4G (MemoryError beyond) [env: HPYMOVE_MAX_HEAP]
--gc-stats[=json]: print GC statistics to stderr at exit [env: HPYMOVE_GC_STATS=1|json]
--debug        : check extension code and report, each with its C file:line (build the
                 extension with -g; -O0 or -O2):
                   use-closed, use-invalid     a handle used after close, or never one
                   double-close, close-invalid closing twice, or closing a non-handle
                   close-constant              closing ctx->h_None and the like
                   close-argument              closing an argument handle
                   return-argument             returning an argument without HPy_Dup
                   leak                        a handle opened by a call, never closed
                   builder-closed              a builder used after Build/Cancel
                   tracker-closed              a tracker used after HPyTracker_Close
                   invalid-global              an HPyGlobal the runtime never issued
                 and what only a moving GC exposes:
                   field-not-traversed         an HPyField tp_traverse did not visit
                   field-without-traverse      HPyField_Store in a type with no tp_traverse
                   raw-pointer-after-close     HPyBytes_AsString & co. used after close
                   payload-after-free          an HPy_AsStruct pointer used after death
                 Findings are printed at exit (a stale pointer stops the run at once) and
                 the exit status is 86 [env: HPYMOVE_DEBUG=1]
--report=FORMAT: debug findings as text (default) or json (docs/debug-report.md)
                 [env: HPYMOVE_REPORT]
--report-file=PATH: write debug findings to PATH instead of stderr
                 [env: HPYMOVE_REPORT_FILE]
-E, -I         : ignore PYTHONPATH
-X int_max_str_digits=N: the limit of int-to-text conversions, as CPython's
                 [env: PYTHONINTMAXSTRDIGITS]
-u, -B, -s, -S, -O, -q, -b, -d, -v, -R, -P, -X opt, -W arg: CPython's options, accepted
                 and ignored (hpymove writes no .pyc files, has no site module and no
                 other -X or warning options)
file           : program read from script file
-              : program read from stdin
arg ...        : arguments passed to program in sys.argv[1:]
";

const SHORT_USAGE: &str = "usage: hpymove [option] ... [-c cmd | -m mod | file | -] [arg] ...
Try `hpymove -h' for more information.
";

/// What to run.
#[derive(Debug, PartialEq, Eq)]
enum Program {
    File(PathBuf),
    Code(String),
    Module(String),
    Stdin,
}

#[derive(Debug)]
struct Options {
    heap: HeapConfig,
    stats: Option<String>,
    debug: DebugOpts,
    program: Program,
    argv: Vec<String>,
    /// `-E`/`-I`: PYTHONPATH is not read.
    ignore_env: bool,
    /// `-X int_max_str_digits=N` or PYTHONINTMAXSTRDIGITS: `sys.set_int_max_str_digits`'s
    /// limit from the start.
    int_max_str_digits: Option<usize>,
}

/// Debug mode's options.
#[derive(Debug, Default, Clone)]
struct DebugOpts {
    on: bool,
    json: bool,
    file: Option<PathBuf>,
}

fn parse_report(v: &str) -> Result<bool, String> {
    match v {
        "text" => Ok(false),
        "json" => Ok(true),
        _ => Err(format!("invalid report format '{v}' (text or json)")),
    }
}

/// Parses a size such as `512M`, `4G`, `65536`.
fn parse_size(s: &str) -> Result<usize, String> {
    let (num, mult) = match s.chars().last() {
        Some('k' | 'K') => (&s[..s.len() - 1], 1usize << 10),
        Some('m' | 'M') => (&s[..s.len() - 1], 1 << 20),
        Some('g' | 'G') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(mult))
        .filter(|n| *n >= 1 << 20)
        .ok_or_else(|| format!("invalid heap size '{s}' (at least 1M, e.g. 512M or 4G)"))
}

/// Parses the command line (environment variables first, flags override them).
fn parse(args: &[String]) -> Result<Result<Options, i32>, String> {
    let mut heap = HeapConfig::default();
    // Explicit choice; otherwise the mode decides (`Mode::wants_poison`).
    let mut poison: Option<bool> = None;
    let mut stats = None;
    let mut debug = DebugOpts::default();
    let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    // HPY=debug is hpy.universal's switch for its debug mode: the same request.
    if env("HPYMOVE_DEBUG").is_some_and(|v| v != "0") || env("HPY").as_deref() == Some("debug") {
        debug.on = true;
    }
    if let Some(v) = env("HPYMOVE_REPORT") {
        debug.json = parse_report(&v).map_err(|e| format!("HPYMOVE_REPORT: {e}"))?;
    }
    if let Some(v) = env("HPYMOVE_REPORT_FILE") {
        debug.file = Some(PathBuf::from(v));
    }
    if let Some(m) = env("HPYMOVE_GC") {
        heap.mode = m.parse::<Mode>().map_err(|e| format!("HPYMOVE_GC: {e}"))?;
    }
    if let Some(v) = env("HPYMOVE_POISON") {
        poison = Some(v != "0");
    }
    if env("HPYMOVE_VERIFY_HEAP").is_some_and(|v| v != "0") {
        heap.verify = true;
    }
    if let Some(s) = env("HPYMOVE_MAX_HEAP") {
        heap.cap = parse_size(&s).map_err(|e| format!("HPYMOVE_MAX_HEAP: {e}"))?;
    }
    if let Some(s) = env("HPYMOVE_GC_STATS").filter(|v| v != "0") {
        stats = Some(if s == "json" {
            "json".into()
        } else {
            "text".into()
        });
    }
    let mut run = None;
    let mut ignore_env = false;
    let mut x_options = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        match a {
            "-h" | "--help" => {
                print!("{USAGE}");
                return Ok(Err(0));
            }
            "-V" | "--version" => {
                println!(
                    "hpymove {} (Python 3.11 subset, HPy 0.9 universal ABI)",
                    env!("CARGO_PKG_VERSION")
                );
                return Ok(Err(0));
            }
            "--poison" => poison = Some(true),
            "--no-poison" => poison = Some(false),
            "--verify-heap" => heap.verify = true,
            "--gc-stats" => stats = Some("text".into()),
            "--gc-stats=json" => stats = Some("json".into()),
            "--debug" => debug.on = true,
            _ if a.starts_with("--report=") => {
                debug.json = parse_report(&a["--report=".len()..])?;
            }
            _ if a.starts_with("--report-file=") => {
                debug.file = Some(PathBuf::from(&a["--report-file=".len()..]));
            }
            "-" => {
                let mut argv = vec!["-".to_string()];
                argv.extend(args[i + 1..].iter().cloned());
                run = Some((Program::Stdin, argv));
                break;
            }
            _ if a.starts_with("--gc=") => {
                heap.mode = a["--gc=".len()..].parse::<Mode>()?;
            }
            _ if a.starts_with("--max-heap=") => {
                heap.cap = parse_size(&a["--max-heap=".len()..])?;
            }
            _ if a.starts_with("--") => return Err(format!("unknown option {a}")),
            _ if a.starts_with('-') && a.len() > 1 => {
                // CPython's one-letter options, clustered as it allows (`-uBc CODE`).
                match short_options(args, i, &mut ignore_env, &mut x_options)? {
                    Short::Flags => {}
                    Short::Took(n) => i += n,
                    Short::Exit(code) => return Ok(Err(code)),
                    Short::Run(program, argv) => {
                        run = Some((program, argv));
                        break;
                    }
                }
            }
            _ => {
                run = Some((Program::File(PathBuf::from(a)), args[i..].to_vec()));
                break;
            }
        }
        i += 1;
    }
    let (program, argv) =
        run.ok_or_else(|| "no program given (a script, -c CODE, -m MODULE or -)".to_string())?;
    heap.poison = poison.unwrap_or(heap.mode.wants_poison());
    let int_max_str_digits = match int_digit_limit(&x_options, ignore_env) {
        Ok(n) => n,
        Err(msg) => {
            // CPython refuses it before it starts, with status 1.
            eprintln!("hpymove: {msg}");
            return Ok(Err(1));
        }
    };
    Ok(Ok(Options {
        heap,
        stats,
        debug,
        program,
        argv,
        ignore_env,
        int_max_str_digits,
    }))
}

/// The int-to-text digit limit asked for: the last `-X int_max_str_digits=N`, else
/// PYTHONINTMAXSTRDIGITS (unless `-E`/`-I`); an error in CPython's words for a bad value.
fn int_digit_limit(x_options: &[String], ignore_env: bool) -> Result<Option<usize>, String> {
    let threshold = crate::protocols::number::INT_STR_DIGITS_CHECK_THRESHOLD;
    let valid = |v: &str| {
        v.parse::<usize>()
            .ok()
            .filter(|n| *n == 0 || *n >= threshold)
    };
    let invalid = format!("invalid limit; must be >= {threshold} or 0 for unlimited.");
    let from_x = x_options
        .iter()
        .rev()
        .find(|o| o.split('=').next() == Some("int_max_str_digits"));
    if let Some(o) = from_x {
        let v = o.split_once('=').map_or("", |(_, v)| v);
        return valid(v)
            .map(Some)
            .ok_or_else(|| format!("-X int_max_str_digits: {invalid}"));
    }
    match std::env::var("PYTHONINTMAXSTRDIGITS") {
        Ok(v) if !ignore_env && !v.is_empty() => valid(&v)
            .map(Some)
            .ok_or_else(|| format!("PYTHONINTMAXSTRDIGITS: {invalid}")),
        _ => Ok(None),
    }
}

/// What a cluster of one-letter options asked for.
enum Short {
    /// Flags only: go on with the next argument.
    Flags,
    /// Flags and an option that took the next `n` arguments as its value.
    Took(usize),
    /// `-h` or `-V`: print and exit with this status.
    Exit(i32),
    /// `-c CODE` or `-m MODULE`: run it, with these `sys.argv`.
    Run(Program, Vec<String>),
}

/// Parses `args[i]`, a cluster of CPython's one-letter options (`-u`, `-uB`, `-Xdev`,
/// `-X dev`, `-c CODE`, `-ccode`...). Options that change nothing in hpymove are accepted
/// and ignored, as `-h` says; `-E` and `-I` make PYTHONPATH ignored; `-X` values are
/// collected in `x_options`.
fn short_options(
    args: &[String],
    i: usize,
    ignore_env: &mut bool,
    x_options: &mut Vec<String>,
) -> Result<Short, String> {
    let a = &args[i];
    for (pos, c) in a.char_indices().skip(1) {
        match c {
            'u' | 'B' | 's' | 'S' | 'O' | 'q' | 'b' | 'd' | 'v' | 'R' | 'P' => {}
            'E' | 'I' => *ignore_env = true,
            'h' => {
                print!("{USAGE}");
                return Ok(Short::Exit(0));
            }
            'V' => {
                println!(
                    "hpymove {} (Python 3.11 subset, HPy 0.9 universal ABI)",
                    env!("CARGO_PKG_VERSION")
                );
                return Ok(Short::Exit(0));
            }
            'c' | 'm' | 'X' | 'W' => {
                // The value is the rest of this argument, or the next one.
                let rest = &a[pos + c.len_utf8()..];
                let (value, took) = if rest.is_empty() {
                    let v = args
                        .get(i + 1)
                        .ok_or_else(|| format!("Argument expected for the -{c} option"))?;
                    (v.clone(), 1)
                } else {
                    (rest.to_string(), 0)
                };
                return Ok(match c {
                    'c' | 'm' => {
                        let first = if c == 'c' { "-c".into() } else { value.clone() };
                        let mut argv = vec![first];
                        argv.extend(args[i + 1 + took..].iter().cloned());
                        let program = if c == 'c' {
                            Program::Code(value)
                        } else {
                            Program::Module(value)
                        };
                        Short::Run(program, argv)
                    }
                    // -X options (only int_max_str_digits has an effect) and -W
                    // warning filters (ignored).
                    _ if c == 'X' => {
                        x_options.push(value);
                        if took == 0 {
                            Short::Flags
                        } else {
                            Short::Took(took)
                        }
                    }
                    _ if took == 0 => Short::Flags,
                    _ => Short::Took(took),
                });
            }
            _ => return Err(format!("Unknown option: -{c}")),
        }
    }
    Ok(Short::Flags)
}

/// Runs the command line; returns the process exit status.
pub fn main(args: Vec<String>) -> i32 {
    let opts = match parse(&args) {
        Ok(Ok(o)) => o,
        Ok(Err(code)) => return code,
        Err(msg) => {
            // CPython's form: the problem, then a short usage line (not the whole help).
            let cpython_words = ["unknown option", "Unknown option", "Argument expected"];
            if cpython_words.iter().any(|w| msg.starts_with(w)) {
                eprintln!("{msg}");
            } else {
                eprintln!("hpymove: {msg}");
            }
            eprint!("{SHORT_USAGE}");
            return 2;
        }
    };
    // Deep Python recursion needs a deep native stack: run on a thread with a large one.
    // That thread allocates from malloc's main arena, where the collector can see what
    // extensions allocate (see `host/pressure.rs`).
    crate::host::pressure::one_malloc_arena();
    // Ctrl-C becomes KeyboardInterrupt (process-wide: set before the worker starts).
    crate::interp::interrupt::install();
    let worker = std::thread::Builder::new()
        .name("hpymove-main".into())
        .stack_size(1 << 30)
        .spawn(move || run(opts));
    match worker.map(|w| w.join()) {
        Ok(Ok(code)) => code,
        _ => {
            eprintln!("hpymove: internal error: the interpreter thread failed");
            70
        }
    }
}

fn run(opts: Options) -> i32 {
    let (source, filename, script_dir) = match &opts.program {
        Program::File(p) => match std::fs::read(p) {
            Ok(b) => {
                // The script's encoding (PEP 263); a problem is CPython's SyntaxError line.
                let s = match crate::interp::sourcetext::decode_source(&b) {
                    Ok(s) => s,
                    Err(e) => {
                        eprintln!("SyntaxError: {}", e.script_message(p));
                        return 1;
                    }
                };
                let dir = p
                    .parent()
                    .map(|d| {
                        if d.as_os_str().is_empty() {
                            PathBuf::from(".")
                        } else {
                            d.to_path_buf()
                        }
                    })
                    .unwrap_or_else(|| PathBuf::from("."));
                (Some(s), p.display().to_string(), dir)
            }
            Err(e) => {
                let abs = std::fs::canonicalize(p)
                    .unwrap_or_else(|_| std::env::current_dir().unwrap_or_default().join(p));
                eprintln!(
                    "hpymove: can't open file '{}': [Errno {}] {}",
                    abs.display(),
                    e.raw_os_error().unwrap_or(0),
                    strerror(&e)
                );
                return 2;
            }
        },
        Program::Code(c) => (Some(c.clone()), "<string>".into(), PathBuf::from(".")),
        Program::Stdin => {
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                eprintln!("hpymove: cannot read stdin: {e}");
                return 2;
            }
            let s = match crate::interp::sourcetext::decode_source(&b) {
                Ok(s) => s,
                Err(e) => {
                    eprintln!("SyntaxError: {}", e.script_message(Path::new("<stdin>")));
                    return 1;
                }
            };
            (Some(s), "<stdin>".into(), PathBuf::from("."))
        }
        // `-m`: the current directory, absolute, as CPython puts it first on sys.path.
        Program::Module(_) => (
            None,
            String::new(),
            std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        ),
    };
    let mut path = vec![script_dir];
    if let Some(pp) = std::env::var("PYTHONPATH")
        .ok()
        .filter(|_| !opts.ignore_env)
    {
        path.extend(pp.split(':').filter(|s| !s.is_empty()).map(PathBuf::from));
    }
    let mut rt = match Runtime::new(Config {
        heap: opts.heap,
        path,
    }) {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hpymove: cannot start the runtime: {e}");
            return 1;
        }
    };
    if let Some(n) = opts.int_max_str_digits {
        rt.set_int_max_str_digits(n);
    }
    if opts.debug.on {
        crate::host::debug::set_output(opts.debug.json, opts.debug.file.clone());
        rt.enable_debug();
    }
    let code = match (&opts.program, source) {
        (Program::Module(m), _) => rt.run_main_module(m, &opts.argv),
        (_, Some(src)) => rt.run_main_source(&src, &filename, &opts.argv),
        _ => 2,
    };
    let _ = std::io::stdout().flush();
    match opts.stats.as_deref() {
        Some("json") => eprintln!("{}", stats_json(&rt.stats())),
        Some(_) => eprintln!("{}", rt.stats().report()),
        None => {}
    }
    let findings = rt.debug_findings();
    if findings.is_empty() {
        return code;
    }
    crate::host::debug::write_report(&findings);
    crate::host::debug::EXIT_STATUS
}

fn strerror(e: &std::io::Error) -> String {
    // "No such file or directory (os error 2)" → "No such file or directory"
    let s = e.to_string();
    match s.rfind(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The statistics as one JSON object (documented in the user guide).
fn stats_json(s: &gc::Stats) -> String {
    let p = s.pauses();
    format!(
        "{{\"collections\": {}, \"objects_copied\": {}, \"bytes_copied\": {}, \"survival\": {:.4}, \
         \"pause_ns\": {{\"min\": {}, \"median\": {}, \"p99\": {}, \"max\": {}, \"total\": {}}}, \
         \"semispace\": {{\"current\": {}, \"peak\": {}}}, \"immortal\": {{\"current\": {}, \"peak\": {}}}, \
         \"large\": {{\"current\": {}, \"peak\": {}}}, \"external_requests\": {}}}",
        s.collections,
        s.objects_copied,
        s.bytes_copied,
        s.survival(),
        p.min.as_nanos(),
        p.median.as_nanos(),
        p.p99.as_nanos(),
        p.max.as_nanos(),
        p.total.as_nanos(),
        s.semispace.current,
        s.semispace.peak,
        s.immortal.current,
        s.immortal.peak,
        s.large.current,
        s.large.peak,
        s.external_requests,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_parse() {
        let o = parse(&args(&["--gc=torture", "--poison", "x.py", "-v", "a"]))
            .unwrap()
            .unwrap();
        assert_eq!(o.heap.mode, Mode::Torture);
        assert!(o.heap.poison);
        assert_eq!(o.program, Program::File("x.py".into()));
        assert_eq!(o.argv, args(&["x.py", "-v", "a"]));
        let o = parse(&args(&["-c", "print(1)", "z"])).unwrap().unwrap();
        assert_eq!(o.program, Program::Code("print(1)".into()));
        assert_eq!(o.argv, args(&["-c", "z"]));
        assert!(parse(&args(&["--gc=sometimes", "x.py"])).is_err());
        assert!(parse(&args(&["--bogus"])).is_err());
        assert!(parse(&args(&[])).is_err());
        assert_eq!(parse_size("512M").unwrap(), 512 << 20);
        // Torture and always imply poison unless told otherwise; normal does not.
        let poison = |a: &[&str]| parse(&args(a)).unwrap().unwrap().heap.poison;
        assert!(poison(&["--gc=torture", "x.py"]));
        assert!(poison(&["--gc=always", "x.py"]));
        assert!(!poison(&["--gc=always", "--no-poison", "x.py"]));
        assert!(!poison(&["x.py"]));
        assert!(poison(&["--poison", "x.py"]));
        assert!(parse_size("12").is_err());
    }
}
