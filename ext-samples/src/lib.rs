//! Sample HPy universal-ABI extensions written in C, built by `build.rs` against the
//! official hpy 0.9.0 headers, exactly as `hpy.devel` builds a universal extension.
//!
//! - Good samples: `src-c/<name>.c` becomes [`ext_path`]`(name)` =
//!   `<ext_dir>/<name>.hpy0.so`; [`samples`] lists them.
//! - Bad samples: [`BAD_ARTIFACTS`] lists the files in [`bad_dir`], one defect each, which
//!   a host must refuse with the reference host's error (never a crash).
//!
//! - Buggy samples: `buggy/<name>.c` (one bug each, for debug mode) in [`buggy_dir`].
//! - Every good and buggy sample again in each build of [`BUILDS`] (DWARF 4 and 5, `-O0`
//!   and `-O2`): [`build_dir`], [`buggy_build_dir`].
//!
//! The directory is `target/<profile>/hpy-ext/` (see `build.rs`).

use std::path::PathBuf;

mod bad;
mod builds;

pub use bad::{BadArtifact, Defect, BAD_ARTIFACTS};

/// The names of the extra builds (directory names such as `dwarf5-O2`).
pub fn builds() -> impl Iterator<Item = &'static str> {
    builds::BUILDS.iter().map(|(name, _)| *name)
}

/// The flags build `name` adds to the common ones (`-gdwarf-5 -O2`...).
pub fn build_flags(name: &str) -> &'static [&'static str] {
    builds::BUILDS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[], |(_, f)| f)
}

/// The good samples of build `name` (one of [`builds`]).
pub fn build_dir(name: &str) -> PathBuf {
    ext_dir().join("builds").join(name)
}

/// The buggy samples of build `name` (one of [`builds`]).
pub fn buggy_build_dir(name: &str) -> PathBuf {
    buggy_dir().join(name)
}

/// The Python of the environment holding hpy (`$HPYMOVE_VENV/bin/python`), if the build
/// found hpy through it (not when `HPY_INCLUDE` named the headers).
pub fn python() -> Option<PathBuf> {
    Some(env!("HPY_PYTHON"))
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
}

/// The directory holding the built good samples (`<name>.hpy0.so`).
pub fn ext_dir() -> PathBuf {
    PathBuf::from(env!("HPY_EXT_DIR"))
}

/// The built good sample `name`: `<ext_dir>/<name>.hpy0.so`.
pub fn ext_path(name: &str) -> PathBuf {
    ext_dir().join(format!("{name}.hpy0.so"))
}

/// The names of the good samples (one per `src-c/*.c`), sorted.
pub fn samples() -> impl Iterator<Item = &'static str> {
    env!("HPY_EXT_SAMPLES").split(',').filter(|s| !s.is_empty())
}

/// The directory holding the buggy samples (`buggy/<name>.c`, one handle-misuse bug
/// each, marked `/* BUG: kind */`), which load and run but which debug mode reports.
pub fn buggy_dir() -> PathBuf {
    ext_dir().join("buggy")
}

/// The names of the buggy samples, sorted.
pub fn buggy_samples() -> impl Iterator<Item = &'static str> {
    env!("HPY_BUGGY_SAMPLES")
        .split(',')
        .filter(|s| !s.is_empty())
}

/// The source of buggy sample `name`.
pub fn buggy_source(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("buggy")
        .join(format!("{name}.c"))
}

/// The directory holding the bad artifacts; its files are the rows of [`BAD_ARTIFACTS`].
pub fn bad_dir() -> PathBuf {
    ext_dir().join("bad")
}

/// A bad artifact's full path.
pub fn bad_path(artifact: &BadArtifact) -> PathBuf {
    bad_dir().join(artifact.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_is_built() {
        let names: Vec<_> = samples().collect();
        assert!(names.contains(&"basics"), "{names:?}");
        for name in names {
            assert!(ext_path(name).is_file(), "{}", ext_path(name).display());
        }
    }

    #[test]
    fn every_sample_is_built_in_every_build() {
        for build in builds() {
            for name in samples() {
                let p = build_dir(build).join(format!("{name}.hpy0.so"));
                assert!(p.is_file(), "{}", p.display());
            }
            for name in buggy_samples() {
                let p = buggy_build_dir(build).join(format!("{name}.hpy0.so"));
                assert!(p.is_file(), "{}", p.display());
            }
        }
    }

    #[test]
    fn every_bad_artifact_is_built() {
        for artifact in BAD_ARTIFACTS {
            assert!(bad_path(artifact).is_file(), "{:?}", artifact);
        }
    }

    #[test]
    fn shared_objects_are_elf_and_notelf_is_not() {
        let elf = |p: PathBuf| std::fs::read(&p).unwrap().starts_with(b"\x7fELF");
        assert!(samples().all(|n| elf(ext_path(n))));
        for artifact in BAD_ARTIFACTS {
            let expected = artifact.defect != Defect::NotSharedObject;
            assert_eq!(elf(bad_path(artifact)), expected, "{:?}", artifact);
        }
    }
}
