//! Compiles the sample extensions in universal mode, the way `hpy.devel` builds them:
//! `-DHPY -DHPY_ABI_UNIVERSAL`, the `forbid_python_h` include dir before the headers, and
//! hpy.devel's helper sources (argparse, buildvalue, ...) linked into every extension.
//!
//! Output (see `src/lib.rs`): `target/<profile>/hpy-ext/<name>.hpy0.so` for each
//! `src-c/<name>.c` (and `src-cpp/<name>.cpp`), the artifacts of `src/bad.rs` in
//! `target/<profile>/hpy-ext/bad/`, the buggy samples in `hpy-ext/buggy/`, and the good and
//! buggy samples again in each build of `src/builds.rs` (`hpy-ext/builds/<build>/`,
//! `hpy-ext/buggy/<build>/`). Compilations run in parallel.
//!
//! Headers come from `HPY_INCLUDE` (with `HPY_SRC` for the helper sources) or from the
//! project's virtual environment. This script never touches the network and never creates
//! the environment: `scripts/setup.sh` does that.

use std::env;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

#[allow(dead_code)]
#[path = "src/bad.rs"]
mod bad;
#[path = "src/builds.rs"]
mod builds;

use bad::{Defect, BAD_ARTIFACTS};
use builds::BUILDS;

const SETUP: &str = "run `scripts/setup.sh` in the repository root: it creates `.venv` with hpy 0.9.0 \
                     (or set HPY_INCLUDE and HPY_SRC to the hpy devel `include` and `src/runtime` directories)";

/// The helper sources every universal extension compiles in; the list hpy.devel's
/// `HPyDevel.get_extra_sources()` gives, used when `HPY_INCLUDE` bypasses the venv.
const HELPER_SOURCES: &[&str] = &[
    "argparse.c",
    "buildvalue.c",
    "format.c",
    "helpers.c",
    "structseq.c",
];

const CC: &str = "gcc";
const CXX: &str = "g++";
/// The flags of every compilation; each build adds its optimisation and debug flags.
const CFLAGS: &[&str] = &["-fPIC", "-Wall", "-Werror", "-DHPY", "-DHPY_ABI_UNIVERSAL"];
/// The good samples' default build: `-g` as a user would write it (the compiler's default
/// DWARF version, 5 for gcc 11 and later).
const DEFAULT: &[&str] = &["-O2", "-g"];
/// The buggy samples' default build: `-O0` keeps every call in its own frame and line.
const BUGGY_DEFAULT: &[&str] = &["-O0", "-g"];

const NOT_ELF_TEXT: &str = "This is a text file named like an HPy extension.\n\
                            A host must refuse to load it with an ImportError, not crash.\n";

struct HpyDevel {
    /// In search order: `forbid_python_h` first, as hpy.devel does for universal builds.
    include_dirs: Vec<PathBuf>,
    sources: Vec<PathBuf>,
    version: Option<String>,
    /// The environment's Python, when hpy was found through it.
    python: Option<PathBuf>,
}

fn main() {
    if let Err(msg) = run() {
        eprintln!("error: ext-samples: {msg}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    for var in ["HPY_INCLUDE", "HPY_SRC", "HPYMOVE_VENV"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/bad.rs");
    println!("cargo:rerun-if-changed=src/builds.rs");

    let manifest_dir = PathBuf::from(env_var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(env_var("OUT_DIR")?);
    let hpy = find_hpy(&manifest_dir)?;
    if let Some(v) = hpy.version.as_deref().filter(|v| *v != "0.9.0") {
        println!("cargo:warning=hpy devel files are version {v}, not 0.9.0");
    }
    for path in hpy.include_dirs.iter().chain(&hpy.sources) {
        println!("cargo:rerun-if-changed={}", path.display());
    }

    let ext_dir = ext_dir(&out_dir);
    let bad_dir = ext_dir.join("bad");
    fs::create_dir_all(&bad_dir).map_err(|e| format!("creating {}: {e}", bad_dir.display()))?;

    // The helpers are compiled once per set of flags and linked into every extension
    // built with them (as setuptools compiles them with the extension's flags).
    let mut flag_sets: Vec<(&str, &[&str])> = vec![("default", DEFAULT), ("buggy", BUGGY_DEFAULT)];
    flag_sets.extend(BUILDS.iter().copied());
    let mut jobs = Vec::new();
    let mut objects: Vec<(&str, Vec<PathBuf>)> = Vec::new();
    for (set, flags) in &flag_sets {
        let obj_dir = out_dir.join("helpers").join(set);
        create_dir(&obj_dir)?;
        let mut objs = Vec::new();
        for src in &hpy.sources {
            let stem = src.file_stem().and_then(OsStr::to_str).unwrap_or("helper");
            let obj = obj_dir.join(format!("{stem}.o"));
            let mut cmd = compiler(&hpy, flags);
            cmd.arg("-c").arg(src).arg("-o").arg(&obj);
            jobs.push(Job::new(cmd, src, vec![]));
            objs.push(obj);
        }
        objects.push((set, objs));
    }
    run_jobs(jobs)?;
    let objects_of = |set: &str| -> &[PathBuf] {
        objects
            .iter()
            .find(|(s, _)| *s == set)
            .map(|(_, o)| o.as_slice())
            .unwrap_or_default()
    };

    let mut jobs = Vec::new();
    // Good samples: every src-c/<name>.c, and every src-cpp/<name>.cpp compiled and linked
    // by g++ (the helpers stay C objects); in the default build and in each of BUILDS.
    let good = c_sources(&manifest_dir.join("src-c"))?;
    let good_cpp = sources(&manifest_dir.join("src-cpp"), "cpp")?;
    let mut names = Vec::new();
    let mut good_builds: Vec<(&str, &[&str], PathBuf)> =
        vec![("default", DEFAULT, ext_dir.clone())];
    for (build, flags) in BUILDS {
        good_builds.push((build, flags, ext_dir.join("builds").join(build)));
    }
    for (set, flags, dir) in &good_builds {
        create_dir(dir)?;
        for (name, src) in &good {
            let target = dir.join(format!("{name}.hpy0.so"));
            jobs.push(link(&hpy, flags, src, objects_of(set), false, vec![target]));
        }
        for (name, src) in &good_cpp {
            let target = dir.join(format!("{name}.hpy0.so"));
            let mut cmd = cxx_compiler(&hpy, flags);
            cmd.arg("-shared").arg(src).args(objects_of(set));
            cmd.arg("-Wl,-z,defs");
            jobs.push(Job::new(cmd, src, vec![target]));
        }
    }
    names.extend(good.iter().chain(&good_cpp).map(|(n, _)| n.clone()));
    let keep_good = |file: &str| names.iter().any(|n| file == format!("{n}.hpy0.so"));

    // Bad samples: every bad/<module>.c, into the files its rows of the table name.
    let bad_sources = c_sources(&manifest_dir.join("bad"))?;
    for (module, src) in &bad_sources {
        let rows: Vec<_> = BAD_ARTIFACTS
            .iter()
            .filter(|a| a.module == module)
            .collect();
        if rows.is_empty() {
            return Err(format!(
                "{} has no row in src/bad.rs (BAD_ARTIFACTS)",
                src.display()
            ));
        }
        // Only the unresolved-symbol sample may keep an undefined symbol; everything
        // else links with `-z defs`, so a typo cannot pass for the intended defect.
        let allow_undefined = rows.iter().any(|a| a.defect == Defect::UnresolvedSymbol);
        let targets: Vec<_> = rows.iter().map(|a| bad_dir.join(a.file)).collect();
        jobs.push(link(
            &hpy,
            DEFAULT,
            src,
            objects_of("default"),
            allow_undefined,
            targets,
        ));
    }
    for artifact in BAD_ARTIFACTS {
        if artifact.defect == Defect::NotSharedObject {
            write_atomically(&bad_dir.join(artifact.file), NOT_ELF_TEXT.as_bytes())?;
        } else if !bad_sources.iter().any(|(m, _)| m == artifact.module) {
            return Err(format!(
                "src/bad.rs names {} but bad/{}.c does not exist",
                artifact.file, artifact.module
            ));
        }
    }

    // Buggy samples (debug mode's test cases): every buggy/<name>.c into buggy/ with the
    // compiler's defaults at -O0, and into buggy/<build>/ for each of BUILDS.
    let buggy_dir = ext_dir.join("buggy");
    let buggy = c_sources(&manifest_dir.join("buggy"))?;
    let mut buggy_builds: Vec<(&str, &[&str], PathBuf)> =
        vec![("buggy", BUGGY_DEFAULT, buggy_dir.clone())];
    for (build, flags) in BUILDS {
        buggy_builds.push((build, flags, buggy_dir.join(build)));
    }
    for (set, flags, dir) in &buggy_builds {
        create_dir(dir)?;
        for (name, src) in &buggy {
            let target = dir.join(format!("{name}.hpy0.so"));
            jobs.push(link(&hpy, flags, src, objects_of(set), false, vec![target]));
        }
    }
    run_jobs(jobs)?;

    remove_stale(&ext_dir, keep_good)?;
    for (build, _) in BUILDS {
        remove_stale(&ext_dir.join("builds").join(build), keep_good)?;
    }
    remove_stale(&bad_dir, |file| {
        BAD_ARTIFACTS.iter().any(|a| a.file == file)
    })?;
    for (_, _, dir) in &buggy_builds {
        remove_stale(dir, |file| {
            buggy.iter().any(|(n, _)| file == format!("{n}.hpy0.so"))
        })?;
    }
    let buggy_names: Vec<_> = buggy.iter().map(|(n, _)| n.as_str()).collect();
    println!(
        "cargo:rustc-env=HPY_BUGGY_SAMPLES={}",
        buggy_names.join(",")
    );

    println!("cargo:rustc-env=HPY_EXT_DIR={}", ext_dir.display());
    println!("cargo:rustc-env=HPY_EXT_SAMPLES={}", names.join(","));
    let python = hpy.python.as_deref().map(Path::display);
    println!(
        "cargo:rustc-env=HPY_PYTHON={}",
        python.map(|p| p.to_string()).unwrap_or_default()
    );
    Ok(())
}

fn create_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("creating {}: {e}", dir.display()))
}

fn env_var(name: &str) -> Result<String, String> {
    env::var(name).map_err(|_| format!("{name} is not set (is this run by cargo?)"))
}

/// `target/<profile>/hpy-ext`, a stable place for people and scripts
/// (`check_cpython.py`); OUT_DIR/hpy-ext if OUT_DIR is not laid out as cargo usually does.
fn ext_dir(out_dir: &Path) -> PathBuf {
    // OUT_DIR = <profile dir>/build/ext-samples-<hash>/out
    let profile = out_dir
        .parent()
        .filter(|_| out_dir.file_name() == Some(OsStr::new("out")))
        .and_then(Path::parent)
        .filter(|build| build.file_name() == Some(OsStr::new("build")))
        .and_then(Path::parent);
    match profile {
        Some(dir) => dir.join("hpy-ext"),
        None => out_dir.join("hpy-ext"),
    }
}

fn find_hpy(manifest_dir: &Path) -> Result<HpyDevel, String> {
    if let Some(include) = env::var_os("HPY_INCLUDE") {
        return hpy_from_env(PathBuf::from(include));
    }
    let root = manifest_dir
        .parent()
        .ok_or("the crate has no parent directory")?;
    let venv = env::var_os("HPYMOVE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join(".venv"));
    let python = venv.join("bin").join("python");
    if !python.exists() {
        return Err(format!(
            "no Python environment with hpy at {}; {SETUP}",
            venv.display()
        ));
    }
    // Ask hpy.devel itself, so the include order and the helper list stay its own.
    let script = "\
from hpy.devel import HPyDevel
from hpy.devel.version import __version__
d = HPyDevel()
print('version', __version__)
print('include', d.get_include_dir_forbid_python_h())
for p in d.get_extra_include_dirs(): print('include', p)
for p in d.get_extra_sources(): print('source', p)
";
    let out = Command::new(&python)
        .arg("-c")
        .arg(script)
        .output()
        .map_err(|e| format!("cannot run {}: {e}; {SETUP}", python.display()))?;
    if !out.status.success() {
        return Err(format!(
            "{} cannot import hpy.devel: {}\n{SETUP}",
            python.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let mut hpy = HpyDevel {
        include_dirs: Vec::new(),
        sources: Vec::new(),
        version: None,
        python: Some(python.clone()),
    };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        match line.split_once(' ') {
            Some(("version", v)) => hpy.version = Some(v.to_string()),
            Some(("include", p)) => hpy.include_dirs.push(PathBuf::from(p)),
            Some(("source", p)) => hpy.sources.push(PathBuf::from(p)),
            _ => {}
        }
    }
    check_exists(&hpy)?;
    Ok(hpy)
}

fn hpy_from_env(include: PathBuf) -> Result<HpyDevel, String> {
    if !include.join("hpy.h").is_file() {
        return Err(format!(
            "HPY_INCLUDE={} has no hpy.h; point it at hpy/devel/include",
            include.display()
        ));
    }
    // hpy.devel's own layout puts the helper sources at ../src/runtime.
    let src = env::var_os("HPY_SRC")
        .map(PathBuf::from)
        .unwrap_or_else(|| include.join("..").join("src").join("runtime"));
    let version = fs::read_to_string(include.join("hpy").join("version.h"))
        .ok()
        .and_then(|text| {
            let rest = text.split("#define HPY_VERSION \"").nth(1)?;
            Some(rest.split('"').next()?.to_string())
        });
    let hpy = HpyDevel {
        include_dirs: vec![include.join("hpy").join("forbid_python_h"), include],
        sources: HELPER_SOURCES.iter().map(|f| src.join(f)).collect(),
        version,
        python: None,
    };
    check_exists(&hpy)?;
    Ok(hpy)
}

fn check_exists(hpy: &HpyDevel) -> Result<(), String> {
    if hpy.include_dirs.is_empty() || hpy.sources.is_empty() {
        return Err(format!(
            "hpy.devel reported no include dirs or sources; {SETUP}"
        ));
    }
    match hpy
        .include_dirs
        .iter()
        .chain(&hpy.sources)
        .find(|p| !p.exists())
    {
        Some(missing) => Err(format!("{} does not exist; {SETUP}", missing.display())),
        None => Ok(()),
    }
}

/// The `.c` files of `dir` as (stem, path), sorted.
fn c_sources(dir: &Path) -> Result<Vec<(String, PathBuf)>, String> {
    sources(dir, "c")
}

/// The files of `dir` with extension `ext` as (stem, path), sorted; a stem must be a C
/// identifier because it becomes part of the exported symbol names.
fn sources(dir: &Path, ext: &str) -> Result<Vec<(String, PathBuf)>, String> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let entries = fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    let mut found = Vec::new();
    for entry in entries {
        let path = entry
            .map_err(|e| format!("reading {}: {e}", dir.display()))?
            .path();
        if path.extension() != Some(OsStr::new(ext)) {
            continue;
        }
        let stem = path.file_stem().and_then(OsStr::to_str).unwrap_or("");
        let ident = stem.chars().next().is_some_and(|c| !c.is_ascii_digit())
            && stem.chars().all(|c| c == '_' || c.is_ascii_alphanumeric());
        if !ident {
            return Err(format!(
                "{}: the file stem is the module name and must be a C identifier",
                path.display()
            ));
        }
        println!("cargo:rerun-if-changed={}", path.display());
        found.push((stem.to_string(), path));
    }
    found.sort();
    Ok(found)
}

fn compiler(hpy: &HpyDevel, flags: &[&str]) -> Command {
    let mut cmd = Command::new(CC);
    cmd.args(CFLAGS).args(flags);
    for dir in &hpy.include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd
}

/// g++ with the same flags; C++17 (HPy's definition macros use designated initializers,
/// which g++ accepts in declaration order).
fn cxx_compiler(hpy: &HpyDevel, flags: &[&str]) -> Command {
    let mut cmd = Command::new(CXX);
    cmd.args(CFLAGS).args(flags).arg("-std=c++17");
    for dir in &hpy.include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd
}

/// The job that builds `src` plus the helper objects into a shared object, installed
/// under each of `targets`.
fn link(
    hpy: &HpyDevel,
    flags: &[&str],
    src: &Path,
    objects: &[PathBuf],
    allow_undefined: bool,
    targets: Vec<PathBuf>,
) -> Job {
    let mut cmd = compiler(hpy, flags);
    cmd.arg("-shared").arg(src).args(objects);
    if !allow_undefined {
        cmd.arg("-Wl,-z,defs");
    }
    Job::new(cmd, src, targets)
}

/// One compiler run. With targets, the output goes to a temporary name and is renamed
/// (copied for the others), so a reader never sees half a file.
struct Job {
    cmd: Command,
    src: PathBuf,
    targets: Vec<PathBuf>,
}

impl Job {
    fn new(cmd: Command, src: &Path, targets: Vec<PathBuf>) -> Job {
        Job {
            cmd,
            src: src.to_path_buf(),
            targets,
        }
    }

    fn run(mut self) -> Result<(), String> {
        let Some(first) = self.targets.first() else {
            return run_cc(self.cmd, &self.src);
        };
        let tmp = temp_name(first);
        self.cmd.arg("-o").arg(&tmp);
        run_cc(self.cmd, &self.src)?;
        for target in &self.targets[1..] {
            let copy = temp_name(target);
            fs::copy(&tmp, &copy).map_err(|e| format!("copying to {}: {e}", copy.display()))?;
            rename(&copy, target)?;
        }
        rename(&tmp, first)
    }
}

/// Runs `jobs` on as many threads as cargo allows; the first error wins.
fn run_jobs(jobs: Vec<Job>) -> Result<(), String> {
    let threads = env::var("NUM_JOBS")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 16);
    let queue = Mutex::new(jobs);
    let errors = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let job = queue.lock().map(|mut q| q.pop()).ok().flatten();
                let Some(job) = job else { break };
                if let Err(e) = job.run() {
                    if let Ok(mut errs) = errors.lock() {
                        errs.push(e);
                    }
                }
            });
        }
    });
    match errors.into_inner().ok().and_then(|e| e.into_iter().next()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn temp_name(target: &Path) -> PathBuf {
    let mut name = target.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".tmp{}", std::process::id()));
    target.with_file_name(name)
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    fs::rename(from, to)
        .map_err(|e| format!("renaming {} to {}: {e}", from.display(), to.display()))
}

fn write_atomically(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let tmp = temp_name(target);
    fs::write(&tmp, bytes).map_err(|e| format!("writing {}: {e}", tmp.display()))?;
    rename(&tmp, target)
}

fn run_cc(mut cmd: Command, src: &Path) -> Result<(), String> {
    let out = cmd.output().map_err(|e| {
        format!(
            "cannot run {:?} (are gcc and g++ installed?): {e}",
            cmd.get_program()
        )
    })?;
    if out.status.success() {
        return Ok(());
    }
    Err(format!(
        "{:?} failed on {}:\n{:?}\n{}{}",
        cmd.get_program(),
        src.display(),
        cmd,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

/// Removes shared objects left from samples that no longer exist, so that tests iterating
/// over the directory see only current ones.
fn remove_stale(dir: &Path, keep: impl Fn(&str) -> bool) -> Result<(), String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("reading {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let ours = name.contains(".so") && !name.contains(".tmp");
        if ours && entry.path().is_file() && !keep(name) {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}
