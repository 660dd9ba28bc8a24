//! Compiles the sample extensions in universal mode, the way `hpy.devel` builds them:
//! `-DHPY -DHPY_ABI_UNIVERSAL`, the `forbid_python_h` include dir before the headers, and
//! hpy.devel's helper sources (argparse, buildvalue, ...) linked into every extension.
//!
//! Output (see `src/lib.rs`): `target/<profile>/hpy-ext/<name>.hpy0.so` for each
//! `src-c/<name>.c`, and the artifacts of `src/bad.rs` in `target/<profile>/hpy-ext/bad/`.
//!
//! Headers come from `HPY_INCLUDE` (with `HPY_SRC` for the helper sources) or from the
//! project's virtual environment. This script never touches the network and never creates
//! the environment: `scripts/setup.sh` does that.

use std::env;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

#[allow(dead_code)]
#[path = "src/bad.rs"]
mod bad;

use bad::{Defect, BAD_ARTIFACTS};

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
// DWARF 4: binutils `addr2line` (which debug mode uses for C file:line) misreads the file
// table of gcc's default DWARF 5 output on some versions, naming the .c file for lines of
// the hpy headers.
const CFLAGS: &[&str] = &[
    "-fPIC",
    "-O2",
    "-gdwarf-4",
    "-Wall",
    "-Werror",
    "-DHPY",
    "-DHPY_ABI_UNIVERSAL",
];

const NOT_ELF_TEXT: &str = "This is a text file named like an HPy extension.\n\
                            A host must refuse to load it with an ImportError, not crash.\n";

struct HpyDevel {
    /// In search order: `forbid_python_h` first, as hpy.devel does for universal builds.
    include_dirs: Vec<PathBuf>,
    sources: Vec<PathBuf>,
    version: Option<String>,
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

    // The helpers are compiled once and linked into every extension.
    let obj_dir = out_dir.join("helpers");
    fs::create_dir_all(&obj_dir).map_err(|e| format!("creating {}: {e}", obj_dir.display()))?;
    let mut objects = Vec::new();
    for src in &hpy.sources {
        let stem = src.file_stem().and_then(OsStr::to_str).unwrap_or("helper");
        let obj = obj_dir.join(format!("{stem}.o"));
        let mut cmd = compiler(&hpy);
        cmd.arg("-c").arg(src).arg("-o").arg(&obj);
        run_cc(cmd, src)?;
        objects.push(obj);
    }

    // Good samples: every src-c/<name>.c.
    let good = c_sources(&manifest_dir.join("src-c"))?;
    let mut names = Vec::new();
    for (name, src) in &good {
        let target = ext_dir.join(format!("{name}.hpy0.so"));
        link(&hpy, src, &objects, false, &[], &[target])?;
        names.push(name.clone());
    }
    // Good samples in C++: every src-cpp/<name>.cpp, compiled and linked by g++ (the
    // helpers stay C objects).
    for (name, src) in &sources(&manifest_dir.join("src-cpp"), "cpp")? {
        let target = ext_dir.join(format!("{name}.hpy0.so"));
        let mut cmd = cxx_compiler(&hpy);
        let tmp = temp_name(&target);
        cmd.arg("-shared").arg(src).args(&objects);
        cmd.arg("-Wl,-z,defs").arg("-o").arg(&tmp);
        run_cc(cmd, src)?;
        rename(&tmp, &target)?;
        names.push(name.clone());
    }
    remove_stale(&ext_dir, |file| {
        names.iter().any(|n| file == format!("{n}.hpy0.so"))
    })?;

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
        link(&hpy, src, &objects, allow_undefined, &[], &targets)?;
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
    remove_stale(&bad_dir, |file| {
        BAD_ARTIFACTS.iter().any(|a| a.file == file)
    })?;

    // Buggy samples (debug mode's test cases): every buggy/<name>.c into buggy/, built
    // with -O0 so every context call keeps its own frame and line (no tail calls).
    let buggy_dir = ext_dir.join("buggy");
    fs::create_dir_all(&buggy_dir).map_err(|e| format!("creating {}: {e}", buggy_dir.display()))?;
    let buggy = c_sources(&manifest_dir.join("buggy"))?;
    for (name, src) in &buggy {
        let target = buggy_dir.join(format!("{name}.hpy0.so"));
        link(&hpy, src, &objects, false, &["-O0"], &[target])?;
    }
    remove_stale(&buggy_dir, |file| {
        buggy.iter().any(|(n, _)| file == format!("{n}.hpy0.so"))
    })?;
    let buggy_names: Vec<_> = buggy.iter().map(|(n, _)| n.as_str()).collect();
    println!(
        "cargo:rustc-env=HPY_BUGGY_SAMPLES={}",
        buggy_names.join(",")
    );

    println!("cargo:rustc-env=HPY_EXT_DIR={}", ext_dir.display());
    println!("cargo:rustc-env=HPY_EXT_SAMPLES={}", names.join(","));
    Ok(())
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

fn compiler(hpy: &HpyDevel) -> Command {
    let mut cmd = Command::new(CC);
    cmd.args(CFLAGS);
    for dir in &hpy.include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd
}

/// g++ with the same flags; C++17 (HPy's definition macros use designated initializers,
/// which g++ accepts in declaration order).
fn cxx_compiler(hpy: &HpyDevel) -> Command {
    let mut cmd = Command::new(CXX);
    cmd.args(CFLAGS).arg("-std=c++17");
    for dir in &hpy.include_dirs {
        cmd.arg("-I").arg(dir);
    }
    cmd
}

/// Builds `src` plus the helper objects into a shared object, installed under each of
/// `targets` (written to a temporary name and renamed, so a reader never sees half a file).
fn link(
    hpy: &HpyDevel,
    src: &Path,
    objects: &[PathBuf],
    allow_undefined: bool,
    extra_flags: &[&str],
    targets: &[PathBuf],
) -> Result<(), String> {
    let first = &targets[0];
    let tmp = temp_name(first);
    let mut cmd = compiler(hpy);
    cmd.args(extra_flags);
    cmd.arg("-shared").arg(src).args(objects);
    if !allow_undefined {
        cmd.arg("-Wl,-z,defs");
    }
    cmd.arg("-o").arg(&tmp);
    run_cc(cmd, src)?;
    for target in &targets[1..] {
        let copy = temp_name(target);
        fs::copy(&tmp, &copy).map_err(|e| format!("copying to {}: {e}", copy.display()))?;
        rename(&copy, target)?;
    }
    rename(&tmp, first)
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
